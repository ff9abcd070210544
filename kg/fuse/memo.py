"""A bounded memory of computed values, for what fusion remembers across a whole build.

Why: ``kg build`` keeps one FusionIndex for the build, and its memories of kind-pair scores,
fulfilment scores and groups' actor keys grow with the pairs compared, not with the reports
(at 10,000 documents they were most of the main process's memory, issue 14). Every value
they hold can be computed again from the reports and gives the same result, so bounding
them changes only how often a value is computed, never an incident.

Two generations, not a true LRU: values go into ``new``; when it holds ``limit`` values it
becomes ``old`` (the previous ``old`` is dropped) and a new one starts; a value found in
``old`` moves back to ``new``. A value used again within about ``limit`` look-ups stays, and
the memory holds at most ``2 * limit`` values, at the cost of one dict look-up more on a
miss. ``limit`` 0 keeps everything (the memory of earlier versions).
"""

from __future__ import annotations

from typing import Any, Hashable, Iterator

MISSING: Any = object()


class Memo:
    __slots__ = ("limit", "new", "old")

    def __init__(self, limit: int = 0) -> None:
        self.limit = max(0, int(limit))
        self.new: dict = {}
        self.old: dict = {}

    def get(self, key: Hashable) -> Any:
        """The value remembered for ``key``, or :data:`MISSING`."""
        try:
            return self.new[key]
        except KeyError:
            pass
        value = self.old.pop(key, MISSING) if self.old else MISSING
        if value is not MISSING:
            self.put(key, value)
        return value

    def put(self, key: Hashable, value: Any) -> None:
        new = self.new
        if self.limit and len(new) >= self.limit:
            self.old, self.new = new, {}
            new = self.new
        new[key] = value

    def __len__(self) -> int:
        return len(self.new) + len(self.old)

    def items(self) -> Iterator[tuple[Hashable, Any]]:
        yield from self.old.items()
        yield from self.new.items()


__all__ = ["MISSING", "Memo"]
