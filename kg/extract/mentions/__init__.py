"""Find typed entity mentions in parsed sentences.

spaCy's NER is the base layer; shipped lexicons (armed groups, organisations, countries and
demonyms, titles) and token patterns (a state's forces, named bases) take precedence over it,
and contextual rules correct its known confusions (a town tagged PERSON, a title tagged ORG).

A package of small modules by concern (docs/entities.md, "Round 14"): ``raw`` (``RawMention``),
``resources`` (``Resources``, the lexicons of kg/data), ``finder`` (``MentionFinder``, the steps of a
report and of a sentence) made of the mixins ``patterns``, ``spans``, ``names``, ``places`` and
``groups``; the helpers only the sentence step uses in ``bodies``, ``bylines`` and ``report``, and
those several mixins share in ``common``. Other stages import from here.
"""

from kg.extract.mentions.finder import MentionFinder
from kg.extract.mentions.groups import LINK_WORDS
from kg.extract.mentions.places import NOT_SEIZED
from kg.extract.mentions.raw import KINDS, RawMention
from kg.extract.mentions.resources import DATA, Resources

__all__ = ["DATA", "KINDS", "LINK_WORDS", "NOT_SEIZED", "MentionFinder", "RawMention", "Resources"]
