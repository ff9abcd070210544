"""Fusion settings read from ``kg/data/fusion.yaml``: thresholds and tolerances are data, so
they can be tuned (on the dev set only) and a store re-fused with ``kg fuse`` without code."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

import yaml

_CKG = "https://w3id.org/conflict-kg/ontology#"
CONFIG_FILE = Path(__file__).resolve().parents[1] / "data" / "fusion.yaml"


@dataclass(frozen=True)
class FusionConfig:
    edge_days: int = 3
    undated_lookback_days: int = 10
    tolerance_days: int = 1
    undated_lateness_days: int = 10
    untimed_lookback_days: int = 3
    # an untimed report (dated by its publication) cannot tell an event another report dates after
    # that publication, next-day tolerance or not (compat.dates_score, round 14)
    untimed_not_after: bool = False
    # a date told as a week ("last week", "this week": weeks before the publication's week), which
    # the extractor gives at month precision: fusion reads it as those seven days (blocking.interval)
    week_phrases: tuple[tuple[str, int], ...] = (("last week", 1), ("this week", 0))
    same_point_km: float = 8.0
    same_record_km: float = 1.0
    area_radius_km: dict[str, float] = field(default_factory=lambda: {"A": 160.0, "L": 400.0})
    default_area_radius_km: float = 160.0
    # an unresolved place whose name holds the other place's name as whole words, or is held by
    # it, is at that place ("contained"; compat.place_relation, round 12)
    unresolved_names_hold: bool = False
    # words that name a kind of place, not a place ("village", "camp", "garrison"): two unresolved
    # names that are one name with or without such a word are one place ("Orna" / "Orna
    # village"; compat.place_relation, round 17)
    unresolved_place_words: tuple[str, ...] = ()
    # event families whose unresolved places take the one country their report's or article's
    # geocoded places lie in (kg.fuse.model.infer_countries): those told where they happen
    infer_country: tuple[str, ...] = ("Attack", "Capture")
    # roles whose armed forces are at home: where the article's places give no country, the state
    # of such a filler's forces is the unresolved place's (an army is attacked at home)
    home_roles: tuple[str, ...] = ("target",)
    # an unresolved place given a country (infer_country) is inside that state ("contained")
    # against a report placed only at the state, as a located place of it is (round 18)
    inferred_in_state: bool = False
    # event families whose report with no place of its own is at the other report's place when
    # its own sentence names that place ("named"; compat.places_relation, round 16), and the
    # kinds of place (S state, A area, L region, P point, ? unresolved) that count so
    # event families whose report dated only to a month (a back-reference: "seven months after X's
    # troops captured the town") and a report of a day in that month, at the same place with no
    # actor in conflict, gain scores.month_same_place (compat.month_same_place, round 16)
    month_same_place: tuple[str, ...] = ()
    unplaced_named: tuple[str, ...] = ()
    # an area the hierarchy names as a first-level division holds by its radius no place the
    # hierarchy puts in another first-level division ("same country": compat.place_relation, round 21)
    first_level_elsewhere: bool = False
    # an area whose extent fusion does not know (a place the gazetteer lacks, given the centre of the
    # area its text puts it in; an area named with one of ``sub_area_words`` that is no first-level
    # division, at a point) holds by radius only the places its name holds ("same country" for the
    # others: compat.place_relation, round 21)
    unknown_extent: bool = False
    sub_area_words: tuple[str, ...] = ()
    # a size both reports give alike (scores.same_size) does not count at two located places of one
    # state not known to relate ("country": compat.size_alike, round 21)
    size_place_bound: bool = False
    # two towns of one name in one state, far apart, are not known apart: one place the gazetteer
    # read otherwise in two articles, or two namesakes ("same country", no veto: round 21)
    namesakes_unknown: bool = False
    # round 22: what the sentences say of places the gazetteer could not relate (compat.told_related,
    # compat.named_apart): a sentence tying two places ("X in Y"), a bare name told as an area ("the
    # province of X"); two unresolved settlements of other names nothing relates are two places, unless
    # a sentence tells one as a vicinity ("near the town of X") or as a part of a town
    sentence_ties: bool = False
    tie_words: tuple[str, ...] = ()
    tie_span: int = 6
    told_area: bool = False
    told_area_words: tuple[str, ...] = ()
    vicinity_words: tuple[str, ...] = ()
    named_apart: bool = False
    named_apart_located: bool = False
    not_settlement_words: tuple[str, ...] = ()
    part_words: tuple[str, ...] = ()
    # two persons whose names hold one another (two words or more) are not known to differ (round 22)
    held_names: bool = False
    unplaced_named_kinds: tuple[str, ...] = ("A", "L", "P", "?")
    relative_tolerance: float = 0.25
    absolute_tolerance: float = 2.0
    # figures that tell one event from another: outlets give one deployment's size alike (about
    # 800 / 830), while a toll rises or is disputed (compat.other_size)
    identity_kinds: tuple[str, ...] = ("troops",)
    # a report that tells its toll as risen (a toll word and a word of rising in its sentence),
    # published later with the larger toll: its other day is no second event (compat.risen)
    toll_words: tuple[str, ...] = ()
    risen_words: tuple[str, ...] = ()
    scores: dict[str, float] = field(default_factory=dict)
    threshold: float = 3.0
    # roles whose fillers are told as a whole (a meeting's participants): both reports naming a
    # comparable filler the other lacks tell another meeting (compat.actors_score)
    whole_roles: tuple[str, ...] = ("participants",)
    # roles whose agreement counts only when another role agrees too (role, that role): two
    # statements about one actor are one statement only if one speaker made them
    # (compat.actors_score)
    bound_roles: tuple[tuple[str, str], ...] = (("about", "speaker"),)
    # roles whose agreement counts only where the two reports' places are known to relate: a
    # group strikes several places a day (compat.actors_score, round 10)
    place_bound_roles: tuple[str, ...] = ("perpetrator",)
    # actor classes (ckg: IRIs) whose filler with no side read (no state or affiliation) is not
    # known to disagree with one of the same class whose side is read (compat.comparable, round 12)
    sided_classes: tuple[str, ...] = ()
    # sub-kinds of one family told by means that exclude one another (an air strike is no
    # ambush): a sub-kind's class, by sub-kind (compat.other_means)
    means: dict[str, int] = field(default_factory=dict)
    # who an attack struck, read from its sentence (compat.victim_kind): the kind of each word
    # (soldiers, police, civilians), and the words that mark a speaker ("said", "according")
    victims: tuple[tuple[str, str], ...] = ()
    attribution: tuple[str, ...] = ()
    # a speaker told before its words over commas ("The Inspector General of Police, Jon Doe, has
    # said that ..."), an attribution word followed by "that", is taken out too (round 18)
    speaker_head: bool = False
    # a sentence its article reads as two attacks, naming two kinds of victim, gives neither a
    # kind: which is whose is not known (round 18)
    shared_sentence_victims: bool = False
    # words that deny what their clause tells ("police deny soldiers died"): such a clause names
    # no victim (compat.victim_kind, round 19)
    denial: tuple[str, ...] = ()
    # bounds on what fusion remembers for a build (kg.fuse.memo): they change how often a value
    # is computed again, never a result, so key() leaves them out
    score_memo: int = 200_000
    group_memo: int = 20_000

    def score(self, name: str) -> float:
        return float(self.scores.get(name, 0.0))

    def key(self) -> tuple:
        """A hashable summary (for caches keyed by configuration)."""
        return (self.edge_days, self.undated_lookback_days, self.tolerance_days,
                self.undated_lateness_days, self.untimed_lookback_days, self.untimed_not_after, self.week_phrases, self.same_point_km, self.same_record_km,
                tuple(sorted(self.area_radius_km.items())), self.default_area_radius_km, self.unresolved_names_hold, self.unresolved_place_words, self.infer_country, self.home_roles, self.inferred_in_state,
                self.unplaced_named, self.unplaced_named_kinds, self.month_same_place,
                self.first_level_elsewhere, self.unknown_extent, self.sub_area_words, self.size_place_bound,
                self.namesakes_unknown, self.sentence_ties, self.tie_words, self.tie_span, self.told_area,
                self.told_area_words, self.vicinity_words, self.named_apart,
                self.named_apart_located, self.not_settlement_words, self.part_words, self.held_names,
                self.relative_tolerance, self.absolute_tolerance, self.identity_kinds, self.toll_words, self.risen_words,
                tuple(sorted(self.scores.items())), self.threshold, self.whole_roles,
                self.bound_roles, self.place_bound_roles, self.sided_classes, tuple(sorted(self.means.items())), self.victims, self.attribution,
                self.speaker_head, self.shared_sentence_victims, self.denial)


def _words_of(values: Any) -> tuple[str, ...]:
    """Words or phrases of the settings, as compared (lower case, single spaces), sorted."""
    return tuple(sorted({" ".join(str(w).lower().split()) for w in values or ()}))


def _from_dict(data: dict[str, Any]) -> FusionConfig:
    b, d, p, f, m, a, v = (data.get(k) or {} for k in ("blocking", "dates", "places", "figures", "memory", "actors",
                                                       "victims"))
    return FusionConfig(
        edge_days=int(b.get("edge_days", 3)),
        undated_lookback_days=int(b.get("undated_lookback_days", 10)),
        tolerance_days=int(d.get("tolerance_days", 1)),
        undated_lateness_days=int(d.get("undated_lateness_days", 10)),
        untimed_lookback_days=int(d.get("untimed_lookback_days", 3)),
        untimed_not_after=bool(d.get("untimed_not_after", False)),
        week_phrases=tuple(sorted((" ".join(str(k).lower().split()), int(v))
                                  for k, v in (d.get("week_phrases", {"last week": 1, "this week": 0}) or {}).items())),
        same_point_km=float(p.get("same_point_km", 8)),
        same_record_km=float(p.get("same_record_km", 1)),
        area_radius_km={str(k): float(v) for k, v in (p.get("area_radius_km") or {}).items()},
        default_area_radius_km=float(p.get("default_area_radius_km", 160)),
        unresolved_names_hold=bool(p.get("unresolved_names_hold", False)),
        unresolved_place_words=tuple(sorted({" ".join(str(w).lower().split()) for w in p.get("unresolved_place_words") or ()})),
        infer_country=tuple(str(f) for f in (p.get("infer_country", ["Attack", "Capture"]) or ())),
        home_roles=tuple(str(r) for r in (p.get("home_roles", ["target"]) or ())),
        inferred_in_state=bool(p.get("inferred_in_state", False)),
        month_same_place=tuple(str(f) for f in (d.get("month_same_place") or ())),
        unplaced_named=tuple(str(f) for f in (p.get("unplaced_named") or ())),
        first_level_elsewhere=bool(p.get("first_level_elsewhere", False)),
        unknown_extent=bool(p.get("unknown_extent", False)),
        sub_area_words=tuple(sorted({" ".join(str(w).lower().split()) for w in p.get("sub_area_words") or ()})),
        size_place_bound=bool(f.get("size_place_bound", False)),
        namesakes_unknown=bool(p.get("namesakes_unknown", False)),
        sentence_ties=bool(p.get("sentence_ties", False)),
        tie_words=_words_of(p.get("tie_words")),
        tie_span=int(p.get("tie_span", 6)),
        told_area=bool(p.get("told_area", False)),
        told_area_words=_words_of(p.get("told_area_words")),
        vicinity_words=_words_of(p.get("vicinity_words")),
        named_apart=bool(p.get("named_apart", False)),
        named_apart_located=bool(p.get("named_apart_located", False)),
        not_settlement_words=_words_of(p.get("not_settlement_words")),
        part_words=_words_of(p.get("part_words")),
        held_names=bool(a.get("held_names", False)),
        unplaced_named_kinds=tuple(str(k) for k in (p.get("unplaced_named_kinds", ["A", "L", "P", "?"]) or ())),
        relative_tolerance=float(f.get("relative_tolerance", 0.25)),
        absolute_tolerance=float(f.get("absolute_tolerance", 2)),
        identity_kinds=tuple(str(k) for k in (f.get("identity_kinds", ["troops"]) or ())),
        toll_words=tuple(str(w).lower() for w in f.get("toll_words") or ()),
        risen_words=tuple(str(w).lower() for w in f.get("risen_words") or ()),
        scores={str(k): float(v) for k, v in (data.get("scores") or {}).items()},
        threshold=float(data.get("threshold", 3.0)),
        whole_roles=tuple(str(r) for r in a.get("whole_roles", ("participants",))),
        bound_roles=tuple(sorted((str(k), str(v)) for k, v in (a.get("bound_roles", {"about": "speaker"}) or {}).items())),
        place_bound_roles=tuple(str(r) for r in a.get("place_bound_roles", ("perpetrator",)) or ()),
        sided_classes=tuple(_CKG + str(c) for c in a.get("sided_classes", ()) or ()),
        means={str(sub): i for i, subs in enumerate((data.get("subtypes") or {}).get("exclusive_means") or [])
               for sub in subs},
        victims=tuple(sorted((str(w).lower(), str(kind)) for kind, words in (v.get("kinds") or {}).items()
                             for w in words or ())),
        attribution=tuple(str(w).lower() for w in v.get("attribution") or ()),
        speaker_head=bool(v.get("speaker_head", False)),
        shared_sentence_victims=bool(v.get("shared_sentence", False)),
        denial=tuple(str(w).lower() for w in v.get("denial") or ()),
        score_memo=int(m.get("score_memo", 200_000)),
        group_memo=int(m.get("group_memo", 20_000)),
    )


@lru_cache(maxsize=4)
def _load(path: str, mtime: float) -> FusionConfig:
    return _from_dict(yaml.safe_load(Path(path).read_text("utf-8")) or {})


def load_config(path: Optional[Path] = None) -> FusionConfig:
    """The settings in ``path`` (default: the shipped ``kg/data/fusion.yaml``)."""
    p = Path(path) if path is not None else CONFIG_FILE
    return _load(str(p), p.stat().st_mtime)
