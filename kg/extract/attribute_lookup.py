"""The model's attribute ruler, run as table lookups: same annotations, a fraction of the time.

Why: ``en_core_web_sm``'s ``attribute_ruler`` holds 179 patterns, nearly all about one token
("a token tagged ``NNS`` gets POS ``NOUN`` and ``Number=Plur``"), and spaCy runs them all
through its general ``Matcher`` on every token. Measured here, that was 14% of the
extractor's time (more than the lemmatizer and the rules of conflict-kg together). The
single-token patterns whose conditions are equalities or ``IN`` / ``NOT_IN`` lists on
``TAG``, ``LOWER``, ``DEP`` and ``IS_SPACE`` are looked up in dictionaries keyed by the
token's tag or lower form instead; the few others (two-token patterns, regular expressions)
still go through a ``Matcher``. The matched patterns are applied to each token in the order
of the ruler's own patterns, with spaCy's own ``set_token_attrs``, as ``AttributeRuler`` does
(later patterns win), so every token gets exactly the same tag, POS, morphology, lemma and
dependency label; ``tests/test_attribute_lookup.py`` checks that on the corpora.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Optional

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.tokens._retokenize import normalize_token_attrs, set_token_attrs

COMPONENT = "kg_attribute_lookup"
_ARRAY_ATTRS = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}
_COLUMN = {name: i for i, name in enumerate(_ARRAY_ATTRS)}


@dataclass(frozen=True)
class _Test:
    """One token condition on a column of ``Doc.to_array``: value in ``values`` (or not), or
    (``pattern``) the string of the value matches a regular expression."""

    column: int
    values: frozenset[int] = frozenset()
    negate: bool = False
    pattern: Optional[re.Pattern[str]] = None

    def holds(self, row: tuple[int, ...], strings: Any) -> bool:
        if self.pattern is not None:
            return self.pattern.search(strings[row[self.column]]) is not None
        return (row[self.column] in self.values) != self.negate


def _value_key(strings: Any, name: str, value: Any) -> int:
    if name == "IS_SPACE":
        return int(bool(value))
    return strings.add(str(value))


def _tests(strings: Any, token_pattern: dict[str, Any]) -> Optional[tuple[_Test, ...]]:
    """The pattern's conditions as lookups, or None if one is not a plain (in)equality or a
    regular expression on a string attribute (the Matcher's other operators)."""
    out = []
    for name, value in token_pattern.items():
        if name not in _ARRAY_ATTRS:
            return None
        col = _COLUMN[name]
        if isinstance(value, (str, bool)):
            out.append(_Test(col, frozenset({_value_key(strings, name, value)})))
            continue
        if not (isinstance(value, dict) and len(value) == 1):
            return None
        op, arg = next(iter(value.items()))
        if op in ("IN", "NOT_IN") and isinstance(arg, (list, tuple)):
            keys = frozenset(_value_key(strings, name, v) for v in arg)
            out.append(_Test(col, keys, negate=op == "NOT_IN"))
        elif op == "REGEX" and isinstance(arg, str) and name != "IS_SPACE":
            out.append(_Test(col, pattern=re.compile(arg)))
        else:
            return None
    return tuple(out)


class AttributeLookup:
    """A drop-in for a loaded ``AttributeRuler``, built from its patterns (see module doc).

    A token's single-token matches depend only on its (tag, lower, dep, is_space) row, and
    rows repeat (the same word with the same tag and label), so the patterns a row matches
    are worked out once and kept. Multi-token patterns run through a ``Matcher``, and only on
    a document where some token passes a first-token test of one of them.
    """

    _MAX_CACHE = 200_000

    def __init__(self, vocab: Any, patterns: Iterable[dict[str, Any]]) -> None:
        self.vocab = vocab
        self.attrs: list[dict[Any, Any]] = []
        self.indices: list[int] = []
        self.single: list[tuple[int, tuple[_Test, ...]]] = []  # (order, tests)
        self.first_tests: list[Optional[tuple[_Test, ...]]] = []  # of the Matcher's patterns
        self.matcher = Matcher(vocab, validate=False)
        self._cache: dict[tuple[int, ...], tuple[tuple[int, ...], bool]] = {}
        self._by_tag: dict[int, list[tuple[int, tuple[_Test, ...]]]] = {}
        for order, entry in enumerate(patterns):
            self.attrs.append(normalize_token_attrs(vocab, dict(entry.get("attrs", {}))))
            self.indices.append(int(entry.get("index", 0)))
            for token_patterns in entry["patterns"]:
                self._add(order, token_patterns, self.indices[-1])

    def _add(self, order: int, token_patterns: list[dict[str, Any]], index: int) -> None:
        tests = _tests(self.vocab.strings, token_patterns[0]) if token_patterns else None
        if len(token_patterns) == 1 and tests is not None and index in (0, -1):
            self.single.append((order, tests))
        else:
            self.matcher.add(str(order), [token_patterns])
            self.first_tests.append(tests)  # None: no test known, always run the Matcher

    def _for_tag(self, tag: int) -> list[tuple[int, tuple[_Test, ...]]]:
        """The single-token patterns a token with this tag may match (those with no test
        that the tag fails), in the ruler's order."""
        found = self._by_tag.get(tag)
        if found is None:
            col = _COLUMN["TAG"]
            found = self._by_tag[tag] = [
                (order, tests) for order, tests in self.single
                if all(t.column != col or t.pattern is not None or ((tag in t.values) != t.negate)
                       for t in tests)]
        return found

    def _lookup(self, row: tuple[int, ...]) -> tuple[tuple[int, ...], bool]:
        """The single-token patterns a row matches, in the ruler's order, and whether the row
        passes the first-token test of a Matcher pattern (cached by row)."""
        found = self._cache.get(row)
        if found is None:
            strings = self.vocab.strings
            orders = tuple(order for order, tests in self._for_tag(row[0])
                           if all(t.holds(row, strings) for t in tests))
            starts = any(tests is None or all(t.holds(row, strings) for t in tests)
                         for tests in self.first_tests)
            if len(self._cache) >= self._MAX_CACHE:
                self._cache.clear()
            found = self._cache[row] = (orders, starts)
        return found

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        rows = doc.to_array(list(_ARRAY_ATTRS.values())).tolist()
        lookup = self._lookup
        found = [lookup(tuple(row)) for row in rows]
        matched = {i: orders for i, (orders, _) in enumerate(found) if orders}
        if any(starts for _, starts in found):
            for match_id, start, end in self.matcher(doc, allow_missing=True):
                order = int(self.vocab.strings[match_id])
                index = self.indices[order]
                i = (start if index >= 0 else end) + index
                matched[i] = tuple(sorted({*matched.get(i, ()), order}))
        attrs = self.attrs
        for i, orders in matched.items():
            token = doc[i]
            for order in orders:
                set_token_attrs(token, attrs[order])
        return doc


def swap_in(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Replace the pipeline's attribute ruler by an :class:`AttributeLookup` of its patterns."""
    if name not in nlp.pipe_names:
        return False
    put_in_place(nlp, name, COMPONENT, AttributeLookup(nlp.vocab, nlp.get_pipe(name).patterns))
    return True


def put_in_place(nlp: Language, name: str, component: str, lookup: Callable[[Doc], Doc]) -> None:
    """Run ``lookup`` as the registered ``component`` where pipe ``name`` ran, and drop that pipe."""
    nlp.add_pipe(component, after=name)
    nlp.get_pipe(component).use(lookup)
    nlp.remove_pipe(name)


class Slot:
    """A registered component that runs the look-up given to it (by :func:`put_in_place`):
    spaCy builds components from factories, the look-up needs the pipe it replaces."""

    def __init__(self) -> None:
        self.lookup: Optional[Callable[[Doc], Doc]] = None

    def use(self, lookup: Callable[[Doc], Doc]) -> None:
        self.lookup = lookup

    def __call__(self, doc: Doc) -> Doc:
        return self.lookup(doc) if self.lookup is not None else doc


@Language.factory(COMPONENT)
def _make(nlp: Language, name: str) -> Slot:
    return Slot()
