"""Event frames from the dependency parse.

A trigger (verb or noun lemma from ``data/events.yaml``) opens a frame; its roles come from
grammatical relations (subject, object, by-agent, prepositions, possessives, compounds, relative
clauses), its quantities from number phrases attached to it, its date from the nearest time
expression, its modality from auxiliaries and purpose constructions. Several mentions of one
event in a document are merged afterwards.

The modules (a package since round 14, when the one 3,900-line module was split, unchanged):

- ``triggers`` (the lexicon and word forms), ``words`` (the rules' shared word lists), ``frame``
  (``Frame``), ``finder`` (``EventFinder``: the steps of one document);
- ``ctx``: ``_Ctx``, the state of one sentence, made of one mixin per concern: ``actors``,
  ``syntax``, ``opening`` (which word opens which frame), ``deployments``, ``attacks``, ``tolls``,
  ``attack_roles``, ``captures``, ``capture_roles``, ``meetings``, ``meeting_roles``,
  ``statements`` (and visits), ``frame_facts`` (quantities, places after a noun, dates);
- after the sentences: ``sentences`` (steps run per sentence), ``merge``, ``compare`` (one event or
  two), ``fold`` (retellings and duplicates), ``places`` (the places of merged events).
"""

from kg.extract.events.finder import EventFinder
from kg.extract.events.frame import Frame
from kg.extract.events.triggers import Triggers, inflections

__all__ = ["EventFinder", "Frame", "Triggers", "inflections"]
