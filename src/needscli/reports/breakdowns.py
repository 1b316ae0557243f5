"""The gap report's summaries by level (职级) and by training type: what a person reads of a run too large for its
detail sheets. Counted from the analysis' lists once (with the Summary's figures, gap_report.analysis_figures) and
from what forming counted of the plan, each need read at most once: a million cadres' needs are 9.4 million."""

from __future__ import annotations

import itertools
import operator
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from needscli.core.need_columns import NeedColumns
from needscli.labels import TRAINING_TYPES
from needscli.planner.model import UNMET
from needscli.planner.seats import Seats
from needscli.reports.annual_plan import COVERAGE_KEYS, NO_CLASS, need_routes

if TYPE_CHECKING:
    from needscli.config import Config
    from needscli.core.analysis import Analysis
    from needscli.planner import Plan

OPEN_STATUSES = ("due", "overdue")  # the obligations the by-level summary counts: those still to be done
HOURS_STANDING = ("met", "short", "unknown")  # the hours standard: met, short of it, hours not reported
TYPE_WAYS = (*COVERAGE_KEYS, NO_CLASS)  # how the plan serves a type's needs: each route, unmet, or asking for no class
_CADRE_ID, _TYPE = operator.attrgetter("cadre_id"), operator.attrgetter("training_type")


class LevelCount(NamedTuple):
    """One level's row: its cadres on the roster, those with needs, their needs, their obligations still to be done
    by (kind, due or overdue), and their hours standard by met, short or unknown (not reported)."""

    level: str  # as the config (and the roster, read through it) names it
    cadres: int
    with_needs: int
    needs: int
    open: dict[tuple[str, str], int]
    hours: dict[str, int]


class TypeCount(NamedTuple):
    """One training type's row: its needs and the cadres who have any."""

    training_type: str
    needs: int
    cadres: int


class Breakdown(NamedTuple):
    """The summaries by level (highest first) and by training type (in TRAINING_TYPES' order)."""

    levels: list[LevelCount]
    types: list[TypeCount]


def count_breakdown(analysis: Analysis, deficits: Sequence[float | None], with_needs: int) -> Breakdown:
    """The Breakdown of an analysis; deficits: each compliance row's hours deficit (None: not reported), as the
    Summary's figures worked them out; with_needs: the cadres with any need (Analysis.need_tally)."""
    cadre_ids, kinds = need_columns(analysis)
    cadres = analysis.cadre_by_id
    level_of = {cadre_id: cadre.level for cadre_id, cadre in cadres.items()}
    needs, people, by_type = _by_cadre(cadre_ids, kinds, level_of, with_needs)
    opened = Counter((cadres[o.cadre_id].level, o.kind, o.status) for o in analysis.obligations
                     if o.status in OPEN_STATUSES)
    hours = Counter(zip(map(level_of.__getitem__, map(_CADRE_ID, analysis.compliance)),
                        map(_standing, deficits), strict=True))
    roster = Counter(c.level for c in analysis.cadres)
    levels = [LevelCount(level, roster[level], people[level], needs[level],
                         {(kind, status): n for (lv, kind, status), n in opened.items() if lv == level},
                         {standing: hours[level, standing] for standing in HOURS_STANDING})
              for level in level_order(analysis.config, roster)]
    type_needs = Counter(kinds)
    types = [TypeCount(kind, type_needs[kind], by_type[kind]) for kind in _in_order(type_needs, TRAINING_TYPES)]
    return Breakdown(levels, types)


def need_columns(analysis: Analysis) -> tuple[Sequence[str], Sequence[str]]:
    """The needs' cadre ids and training types: the columns kept where the run keeps them (the planner's, read by
    the early writer without touching a Need), else read off the needs once."""
    rows = analysis.need_rows()
    if isinstance(rows, NeedColumns):
        return rows.cadre, rows.kind
    return list(map(_CADRE_ID, analysis.needs)), list(map(_TYPE, analysis.needs))


def _by_cadre(cadre_ids: Sequence[str], kinds: Sequence[str], level_of: dict[str, str],
              with_needs: int) -> tuple[Counter[str], Counter[str], Counter[str]]:
    """Needs and cadres with needs by level, and cadres with needs by training type. A cadre's needs come one after
    another (found cadre by cadre), so each run of one cadre's needs is a cadre; where they do not (more runs than
    cadres with needs), the needs are sorted by cadre first."""
    needs: Counter[str] = Counter()
    people: Counter[str] = Counter()
    by_type: Counter[str] = Counter()
    at = 0
    for cadre_id, run in itertools.groupby(cadre_ids):
        n = len(list(run))
        level = level_of[cadre_id]
        needs[level] += n
        people[level] += 1
        by_type.update(set(kinds[at:at + n]))
        at += n
    if sum(people.values()) > with_needs:
        ordered = sorted(zip(cadre_ids, kinds, strict=True))
        return _by_cadre([c for c, _ in ordered], [k for _, k in ordered], level_of, with_needs)
    return needs, people, by_type


def _standing(deficit: float | None) -> str:
    return "unknown" if deficit is None else "met" if deficit <= 0 else "short"


def level_order(config: Config, levels: Iterable[str]) -> list[str]:
    """The levels highest first: by the config's rank, those of one rank in the config's order; a level the config
    does not know last, by name."""
    place = {lv.name: (-lv.rank, n) for n, lv in enumerate(config.levels)}
    unknown = (1, len(place))
    return sorted(levels, key=lambda level: (level not in place, place.get(level, unknown), level))


def _in_order(counts: Counter[str], codes: Iterable[str]) -> list[str]:
    """Every known code in its order (a zero where no need has it), then the others by name."""
    known = list(codes)
    return known + sorted(set(counts) - set(known))


def type_ways(analysis: Analysis, plan: Plan, types: Sequence[TypeCount]) -> Counter[tuple[str, str]]:
    """The needs by (training type, way): their route (COVERAGE_KEYS), UNMET, or NO_CLASS where they ask for no
    class. From the positions of the needs forming served and left unmet (Plan.ways) where the plan was formed from
    these needs and still has those seats and unmet needs; else need by need (need_routes)."""
    kinds = need_columns(analysis)[1]
    known, seats = plan.ways, plan.assignments
    if known is not None and known.needs is analysis.needs and known.seats is seats and known.unmet is plan.unmet \
            and isinstance(seats, Seats) and len(known.unmet_at) == len(plan.unmet):
        ways = _served_ways(seats, known.unmet_at, kinds)
        for row in types:
            ways[row.training_type, NO_CLASS] = row.needs - sum(ways[row.training_type, way] for way in COVERAGE_KEYS)
        if min(ways.values(), default=0) >= 0:  # else the counts are of other needs: worked out need by need
            return +ways
    return Counter(zip(kinds, need_routes(analysis, plan), strict=True))


def _served_ways(seats: Seats, unmet_at: Sequence[int], kinds: Sequence[str]) -> Counter[tuple[str, str]]:
    """The needs seated by (training type, route), and those unmet by (training type, UNMET): each route's needs
    counted at once over its seats' positions."""
    at = seats.positions()
    spans: dict[str, list[tuple[int, int]]] = {}
    start = 0
    for _, route, count in seats.runs():
        spans.setdefault(route, []).append((start, start + count))
        start += count
    ways: Counter[tuple[str, str]] = Counter()
    for route, where in spans.items():
        served = itertools.chain.from_iterable(at[a:b] for a, b in where)
        for kind, n in Counter(map(kinds.__getitem__, served)).items():
            ways[kind, route] = n
    for kind, n in Counter(map(kinds.__getitem__, unmet_at)).items():
        ways[kind, UNMET] = n
    return ways
