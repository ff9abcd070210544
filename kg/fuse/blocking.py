"""Blocking: which reports are ever compared.

Comparing every event with every other is quadratic in the store; two reports can only tell
one incident if they are of one type family, in one country and close in time. Each report
gets one or more block keys ``(family, country, YYYY-MM)``:

* the family is the event class's topmost ancestor below ``ckg:Event`` in the ontology (a
  subclass such as a future ``ckg:Bombing`` falls into ``Attack``);
* the countries of its places (``*`` when it names none: such a report meets every country's
  block of its family and month);
* the months its date may fall in: the month of a day-precise date, plus the neighbouring
  month when the date is within ``edge_days`` of a month's edge (a "reported the next day"
  date); every month of a year-precise date; for an undated report, the months of the days
  before its publication (news tells recent events); a planned event also reaches the months
  ahead in which it may be carried out (``planned_ahead_months``), so that the incident that
  fulfils the plan is in its component.

Reports sharing a key are candidates; the connected components of "shares a key" are fused
independently, which is what lets ``kg build`` re-fuse only the components a document touches.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from functools import lru_cache
from typing import Optional

from kg.fuse.config import FusionConfig
from kg.fuse.model import Report

BlockKey = tuple[str, str, str]
ANY_COUNTRY = "*"
PLANNED_AHEAD_MONTHS = 6


@lru_cache(maxsize=1)
def _families() -> dict[str, str]:
    """Event class local name -> its family, from the ontology's rdfs:subClassOf."""
    from rdflib import RDFS, URIRef

    from kg.graph import ontology_files
    from kg.graph.vocab import CKG, EVENT_CLASSES

    g = ontology_files.load(ontology_files.ONTOLOGY)
    event = URIRef(str(CKG) + "Event")
    out: dict[str, str] = {}
    for name, iri in EVENT_CLASSES.items():
        node, seen = URIRef(str(iri)), set()
        while node not in seen:
            seen.add(node)
            parents = [p for p in g.objects(node, RDFS.subClassOf)
                       if isinstance(p, URIRef) and str(p).startswith(str(CKG)) and p != event]
            if not parents:
                break
            node = sorted(parents)[0]
        out[name] = str(node)[len(str(CKG)):]
    return out


def family(cls: str) -> str:
    return _families().get(cls, cls)


def parse_day(value: str) -> Optional[date]:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def interval(r: Report, cfg: FusionConfig) -> Optional[tuple[date, date]]:
    """The days the report's event may have happened on (None: no clue at all). An untimed
    report (dated on its publication day for want of a time in the text, Report.untimed) may
    tell an event of the ``untimed_lookback_days`` before it."""
    if r.untimed:
        return _interval(None, None, r.published, cfg.untimed_lookback_days)
    if r.date_text and r.published:
        week = _week(r.date_text, r.published, cfg.week_phrases)
        if week is not None:
            return week
    return _interval(r.date, r.precision, r.published, cfg.undated_lateness_days)


@lru_cache(maxsize=1 << 12)
def _week(text: str, published: str, phrases: tuple[tuple[str, int], ...]) -> Optional[tuple[date, date]]:
    """The days of a date told as a week (``phrases``: the weeks before the publication's week),
    Monday to Sunday and none after the publication: "last week" in an article of Monday 17
    February is 10-16 February, "this week" in one of Thursday 6 March is 3-6 March. None for
    any other text."""
    weeks_before = next((n for phrase, n in phrases if phrase == text), None)
    pub = parse_day(published)
    if weeks_before is None or pub is None:
        return None
    start = pub - timedelta(days=pub.weekday() + 7 * weeks_before)
    return start, min(start + timedelta(days=6), pub)


@lru_cache(maxsize=1 << 14)
def _interval(value: Optional[str], precision: Optional[str], published: Optional[str],
              lateness_days: int) -> Optional[tuple[date, date]]:
    """:func:`interval` from the fields it reads, remembered: every compare() asks it twice."""
    if value:
        try:
            y = int(value[:4])
            if precision == "day" or len(value) == 10:
                d = date.fromisoformat(value[:10])
                return d, d
            if precision == "month" or len(value) == 7:
                m = int(value[5:7])
                return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])
            return date(y, 1, 1), date(y, 12, 31)
        except ValueError:
            pass
    pub = parse_day(published or "")
    if pub is None:
        return None
    return pub - timedelta(days=lateness_days), pub


def _months(start: date, end: date) -> list[str]:
    out, y, m = [], start.year, start.month
    while (y, m) <= (end.year, end.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def months(r: Report, cfg: FusionConfig) -> list[str]:
    span = interval(r, cfg)
    if span is None:
        return ["????-??"]
    start, end = span
    if start == end:  # day precision: widen at the month's edges
        start, end = start - timedelta(days=cfg.edge_days), end + timedelta(days=cfg.edge_days)
    elif not r.date:
        start = start - timedelta(days=cfg.undated_lookback_days - cfg.undated_lateness_days) \
            if cfg.undated_lookback_days > cfg.undated_lateness_days else start
    if r.modality == "planned":
        y, m = end.year, end.month + PLANNED_AHEAD_MONTHS
        y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
        end = date(y, m, 1)
    return _months(start, end)


def block_keys(r: Report, cfg: FusionConfig) -> frozenset[BlockKey]:
    """The report's block keys, one shared object for every equal set (kg.fuse.cluster.Scores
    keeps one per kind of report for a whole build: the keys of 170,000 kinds are a few
    thousand distinct sets, issue 14)."""
    fam = family(r.cls)
    countries = sorted(r.countries) or [ANY_COUNTRY]
    keys = frozenset((fam, c, m) for c in countries for m in months(r, cfg))
    return _KEY_SETS.setdefault(keys, keys)


# Every distinct set of block keys seen (a few per family, country and month): grows with the
# blocks, not with the reports.
_KEY_SETS: dict[frozenset[BlockKey], frozenset[BlockKey]] = {}


def fusable(r: Report) -> bool:
    """Hypothetical and denied events are not real-world incidents."""
    return r.modality in ("asserted", "planned")
