"""The rules of statements and visits, the two smallest event types.

Part of ``ctx._Ctx``.
"""

from __future__ import annotations

from typing import Iterable

from spacy.tokens import Token

from kg.extract.events.frame import Frame
from kg.extract.events.words import ACTORS, PLACES, QUOTE


class StatementRules:
    """Statements and visits."""

    # Statement ----------------------------------------------------------------
    def _statement(self, tok: Token, nominal: bool) -> Iterable[Frame]:
        if nominal:
            return
        subj = self.subject(tok)
        if subj is None:
            return
        speaker = self.entity(subj, ACTORS, modifiers=True)
        if speaker is None:
            return
        f = self.new("Statement", tok, nominal)
        f.add("speaker", speaker)
        m = QUOTE.search(self.sent.text)
        comp = self.child(tok, "ccomp")
        if m:
            f.quote = m.group(1).strip()
        elif comp is not None:
            f.quote = self.sent.span.doc[comp.left_edge.i:comp.right_edge.i + 1].text
        if comp is not None:
            for eid in self.entities_in(comp, ACTORS + ("Location",))[:5]:
                if eid != speaker:
                    f.add("about", eid)
        yield self.finish(f)

    # Visit --------------------------------------------------------------------
    def _visit(self, tok: Token, nominal: bool) -> Iterable[Frame]:
        f = self.new("Visit", tok, nominal)
        if nominal:
            for o in self.preps(tok).get("to", []):
                f.add("location", self.entity(o, PLACES))
            verb = self.governing_verb(tok)
            subj = self.child(tok, "poss") or (self.subject(verb) if verb is not None else None)
        else:
            obj = self.child(tok, "dobj")
            if obj is not None:
                f.add("location", self.entity(obj, PLACES))
            subj = self.subject(tok)
        if subj is not None:
            f.add("visitor", self.entity(subj, ("Person", "Organization", "Country")))
        if f.filled("location"):
            yield self.finish(f)
