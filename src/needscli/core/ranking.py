"""Group ranking of topics: demand weighted by priority, and Borich's MWDS where ratings exist."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from needscli.core.catalog import Catalog
from needscli.core.need_columns import NeedColumns
from needscli.models import Cadre, Need


def borich_mwds(pairs: list[tuple[int, int]]) -> float:
    """Mean Weighted Discrepancy Score over (importance, ability) pairs.

    DS = I - C per respondent; WDS = DS * mean(I); MWDS = sum(WDS) / N (Borich 1980).
    """
    mwds = MwdsParts.of(pairs).mwds
    if mwds is None:
        raise ValueError("MWDS needs at least one rating")
    return mwds


@dataclass(frozen=True, slots=True)
class MwdsParts:
    """The sums a topic's MWDS is made of. They add up: the parts of several groups of raters (the
    runs of a roll-up) are the parts of all of them together, so the pooled MWDS is exact."""

    respondents: int = 0  # N: raters who gave both importance and ability
    importance: int = 0  # sum of I
    discrepancy: int = 0  # sum of DS = I - C

    @classmethod
    def of(cls, pairs: Iterable[tuple[int, int]]) -> MwdsParts:
        """The parts of (importance, ability) pairs."""
        n = total = gap = 0
        for importance, ability in pairs:
            n += 1
            total += importance
            gap += importance - ability
        return cls(n, total, gap)

    def __add__(self, other: MwdsParts) -> MwdsParts:
        return MwdsParts(self.respondents + other.respondents, self.importance + other.importance,
                         self.discrepancy + other.discrepancy)

    @property
    def mwds(self) -> float | None:
        """sum(DS * mean(I)) / N = sum(I) * sum(DS) / N^2, mean(I) being the same for every rater: one
        division of whole numbers, so equal parts give the same float however they were added up."""
        if not self.respondents:
            return None
        return self.importance * self.discrepancy / self.respondents ** 2


@dataclass
class TopicRank:
    topic_id: str
    unit: str = ""  # "" for the overall ranking
    cadres: int = 0  # cadres with a need for the topic
    demand: float = 0.0  # sum of their need priorities
    by_source: dict[str, int] = field(default_factory=dict)
    respondents: int = 0  # cadres who rated both importance and ability
    mwds: float | None = None
    rank: int = 0  # by demand
    rank_mwds: int | None = None  # by MWDS, among rated topics
    # MWDS's parts besides respondents (MwdsParts): sum of importance, sum of I - C; 0 in a run of an older needscli
    importance_sum: int = 0
    discrepancy_sum: int = 0

    @property
    def mean_priority(self) -> float:
        return self.demand / self.cadres if self.cadres else 0.0

    @property
    def mwds_parts(self) -> MwdsParts:
        return MwdsParts(self.respondents, self.importance_sum, self.discrepancy_sum)


def rating_pairs(cadres: Iterable[Cadre], catalog: Catalog) -> dict[str, list[tuple[int, int]]]:
    """topic id -> (importance, ability) of each cadre who gave both."""
    pairs: dict[str, list[tuple[int, int]]] = defaultdict(list)
    topic_ids: dict[str, str | None] = {}  # rating columns repeat from cadre to cadre: each resolved once
    for cadre in cadres:
        for text, rating in cadre.ratings.items():
            if rating.importance is None or rating.ability is None:
                continue
            if text not in topic_ids:
                topic = catalog.resolve(text, source="rating")
                topic_ids[text] = topic.id if topic else None
            topic_id = topic_ids[text]
            if topic_id is not None:
                pairs[topic_id].append((rating.importance, rating.ability))
    return pairs


def _rating_parts(cadres: Iterable[Cadre], catalog: Catalog) -> dict[str, MwdsParts]:
    """topic id -> the MWDS parts of the cadres' ratings (see rating_pairs)."""
    return {topic_id: MwdsParts.of(ratings) for topic_id, ratings in rating_pairs(cadres, catalog).items()}


def _ranked(rows: dict[str, TopicRank], parts: dict[str, MwdsParts], unit: str) -> list[TopicRank]:
    for topic_id, rated in parts.items():
        row = rows.setdefault(topic_id, TopicRank(topic_id, unit))
        row.respondents = rated.respondents
        row.importance_sum, row.discrepancy_sum = rated.importance, rated.discrepancy
        row.mwds = round(rated.mwds or 0.0, 4)
    return set_ranks(rows.values(), lambda r: (-r.demand, -r.cadres, r.topic_id), lambda r: r.topic_id)


class Ranked(Protocol):
    """A topic as rankings rank it: its MWDS (None where nobody rated it) and the two ranks given it."""

    rank: int
    rank_mwds: int | None

    @property
    def mwds(self) -> float | None: ...


R = TypeVar("R", bound=Ranked)


def set_ranks(rows: Iterable[R], by_demand: Callable[[R], Any], name: Callable[[R], str]) -> list[R]:
    """The rows in rank order (by_demand: demand first, then the tie-breaks), each given its rank, and its
    rank_mwds by MWDS among the rows that have one (ties by name): one run's rankings and a roll-up's alike."""
    ordered = sorted(rows, key=by_demand)
    for i, row in enumerate(ordered, start=1):
        row.rank = i
    rated = sorted((r for r in ordered if r.mwds is not None), key=lambda r: (-(r.mwds or 0.0), name(r)))
    for i, row in enumerate(rated, start=1):
        row.rank_mwds = i
    return ordered


def rank_topics(needs: list[Need] | NeedColumns, cadres: list[Cadre], catalog: Catalog) -> list[TopicRank]:
    """Topics over the whole roster."""
    cols = _ranked_columns(needs)
    tallies: dict[str, _Tally] = {}
    for topic_id, priority, source in zip(cols.topic, cols.priority, cols.source, strict=True):
        tally = tallies.get(topic_id)
        if tally is None:
            tally = tallies[topic_id] = _Tally(TopicRank(topic_id, ""))
        tally.priorities.append(priority)
        tally.sources.append(source)
    return _ranked(_rows(tallies, _exact(cols.priority)), _rating_parts(cadres, catalog), "")


def rank_topics_by_unit(needs: list[Need] | NeedColumns, cadres: list[Cadre], catalog: Catalog) -> list[TopicRank]:
    """Topics within each unit, units in roster order."""
    return rank_topics_both(needs, cadres, catalog, overall=False)[1]


def rank_topics_both(needs: list[Need] | NeedColumns, cadres: list[Cadre], catalog: Catalog,
                     overall: bool = True) -> tuple[list[TopicRank], list[TopicRank]]:
    """rank_topics and rank_topics_by_unit from one pass over the needs (the same rows, in the same order).

    Each need's priority and source are noted in its unit's tally and the whole roster's at once, through the
    notes the unit keeps for the topic: no call per need but the four appends. The ratings are read once, unit by
    unit: the roster's MWDS parts are the units' added up (see MwdsParts). needs: a list of them, or their columns
    (NeedColumns, read without reading a Need: the run's early writer).
    """
    cols = _ranked_columns(needs)
    unit_of = {c.id: c.unit for c in cadres}
    whole: dict[str, _Tally] = {}
    per_unit: dict[str, dict[str, _Tally]] = {}
    notes_of: dict[str, dict[str, _Notes]] = {}  # unit -> topic -> where its needs are noted
    cadre_id: str | None = None
    unit: str = ""
    tallies: dict[str, _Tally] = {}
    unit_notes: dict[str, _Notes] = {}
    for need_cadre, topic_id, priority, source in zip(cols.cadre, cols.topic, cols.priority, cols.source,
                                                      strict=True):
        if need_cadre != cadre_id:  # a cadre's needs come together: its unit is looked up once
            cadre_id = need_cadre
            unit = unit_of.get(cadre_id, "")
            tallies = per_unit.setdefault(unit, {})
            unit_notes = notes_of.setdefault(unit, {})
        notes = unit_notes.get(topic_id)
        if notes is None:
            notes = unit_notes[topic_id] = _notes(tallies, whole, topic_id, unit)
        notes.unit_priority(priority)
        notes.unit_source(source)
        notes.whole_priority(priority)
        notes.whole_source(source)
    cadres_by_unit: dict[str, list[Cadre]] = defaultdict(list)
    for cadre in cadres:
        cadres_by_unit[cadre.unit].append(cadre)
    exact = _exact(cols.priority)
    by_unit: list[TopicRank] = []
    rated: dict[str, MwdsParts] = {}  # the whole roster's
    for unit in dict.fromkeys(c.unit for c in cadres):
        parts = _rating_parts(cadres_by_unit[unit], catalog)
        for topic_id, unit_parts in parts.items():
            rated[topic_id] = rated[topic_id] + unit_parts if topic_id in rated else unit_parts
        by_unit += _ranked(_rows(per_unit.get(unit, {}), exact), parts, unit)
    ranking = _ranked(_rows(whole, exact), rated, "") if overall else []
    return ranking, by_unit


class _RankedColumns(Protocol):
    """The columns a ranking reads (NeedColumns has them)."""

    @property
    def cadre(self) -> list[str]: ...
    @property
    def topic(self) -> list[str]: ...
    @property
    def priority(self) -> list[float]: ...
    @property
    def source(self) -> list[str]: ...


@dataclass(frozen=True, slots=True)
class _Read:
    cadre: list[str]
    topic: list[str]
    priority: list[float]
    source: list[str]


def _ranked_columns(needs: list[Need] | NeedColumns) -> _RankedColumns:
    """The columns of the needs a ranking reads: NeedColumns as they are, a list of needs read now."""
    if isinstance(needs, NeedColumns):
        return needs
    return _Read([n.cadre_id for n in needs], [n.topic_id for n in needs], [n.priority for n in needs],
                 [n.source for n in needs])


@dataclass(slots=True)
class _Tally:
    """A topic's row, and its needs' priorities and sources, in the needs' order."""

    row: TopicRank
    priorities: list[float] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Notes:
    """Where a need of a unit for a topic is noted: the unit's lists and the whole roster's (their appends)."""

    unit_priority: Callable[[float], None]
    unit_source: Callable[[str], None]
    whole_priority: Callable[[float], None]
    whole_source: Callable[[str], None]


def _notes(tallies: dict[str, _Tally], whole: dict[str, _Tally], topic_id: str, unit: str) -> _Notes:
    """Where a need of the unit for topic_id is noted: the unit's tally (made now) and the roster's."""
    mine = tallies[topic_id] = _Tally(TopicRank(topic_id, unit))
    overall = whole.get(topic_id)
    if overall is None:
        overall = whole[topic_id] = _Tally(TopicRank(topic_id, ""))
    return _Notes(mine.priorities.append, mine.sources.append, overall.priorities.append, overall.sources.append)


def _rows(tallies: dict[str, _Tally], exact: bool) -> dict[str, TopicRank]:
    """Each topic's row with its cadres, demand and cadres by source (in the order sources were first seen)."""
    for tally in tallies.values():
        row = tally.row
        row.cadres = len(tally.priorities)
        row.demand = _demand(tally.priorities, exact)
        row.by_source = dict(Counter(tally.sources))
    return {topic_id: tally.row for topic_id, tally in tallies.items()}


_EXACT_BELOW = 1e9  # see _demand


def _exact(priorities: list[float]) -> bool:
    """Whether every need's priority is a decimal of at most 4 places, not negative (see _demand)."""
    return all(0 <= p < _EXACT_BELOW and round(p, 4) == p for p in set(priorities))


def _demand(priorities: list[float], exact: bool) -> float:
    """The priorities added up, rounded to 4 decimals after each addition.

    Rounding costs most of the time on a large roster, and it can be done once: when every
    priority is exact (a decimal of at most 4 places, as merged needs' with their 2; none negative)
    and the sum below _EXACT_BELOW, rounding after each addition keeps the exact decimal sum (the
    floats' errors stay far below 0.00005), and so does rounding the exactly rounded sum (fsum) once.
    """
    if exact:
        total = math.fsum(priorities)
        if total < _EXACT_BELOW:
            return round(total, 4)
    added = 0.0
    for priority in priorities:
        added = round(added + priority, 4)
    return added
