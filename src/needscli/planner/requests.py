"""What each cadre asks for: its entries (the book), the requests tried on the board and the classes they sit in."""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from operator import attrgetter
from typing import NamedTuple

from needscli.config import ClassesConfig
from needscli.core.need_columns import NeedColumns
from needscli.core.obligations import HOURS_TOPIC
from needscli.models import KeptClass
from needscli.planner.model import CadrePlace, PlanContext

# topic, training type, organizer, grading band: classes of one bucket may mix job families, never bands
Bucket = tuple[str, str, str, str]


class ClassKey(NamedTuple):
    """What a class is for: a request sits only in a class of its key (or, when small, of its bucket)."""

    topic: str
    kind: str  # training type
    organizer: str
    family: str  # job family
    band: str = ""  # grading band ("" where the class is not graded)

    @property
    def bucket(self) -> Bucket:
        return self.topic, self.kind, self.organizer, self.band

    def with_family(self, family: str) -> ClassKey:
        return ClassKey(self.topic, self.kind, self.organizer, family, self.band)

    def with_organizer(self, organizer: str) -> ClassKey:
        return ClassKey(self.topic, self.kind, organizer, self.family, self.band)


class Entry(NamedTuple):
    """A cadre's request before it is tried; sorted, a cadre's entries come in the order they are tried."""

    neg_priority: float  # -priority: the highest first
    # its earliest deadline, _NOT_DUE for none: of an equal priority the one due sooner is tried first, so that a
    # cadre's last call-up goes to the obligation that falls due first
    due: dt.date
    first: int  # position of its first need: a stable tie-break
    key: ClassKey
    needs: int | list[int]  # its need's position, or those of the needs it serves together

    @property
    def priority(self) -> float:
        return -self.neg_priority

    def positions(self) -> list[int]:
        """The positions of the needs it serves."""
        needs = self.needs
        return needs if isinstance(needs, list) else [needs]


Book = dict[str, list[Entry]]  # cadre id -> its entries, highest priority first, then the one due sooner

# Entry._make without its Python frame: a cadre's entries are made 60,000 times at 10,000 cadres
_make_entry = functools.partial(tuple.__new__, Entry)


class Why(NamedTuple):
    """Why a request has no seat: a reason code and the figures its text quotes (see unmet)."""

    code: str  # "" while it has a seat
    own: int = 0  # "small": cadres of the request's own key
    merged: int = 0  # "small": cadres once other job families were merged in
    did_merge: bool = False  # "small": whether other job families were merged in
    limit: int = 0  # "unit": the most cadres of the unit away in one period
    level: str = ""  # "no-organizer": the cadre's level
    days: float = 0.0  # "days": the days the request would add to the cadre's load
    held_back: int = 0  # "small": a class above had room, its unit's cadres away at this limit in its periods
    together: int = 0  # "small": of the merged cadres, the most who may be away at once (each unit's share)
    held: tuple[str, ...] = ()  # "held-*": the classes held before the plan that its cadre's load counts (Board.hold)
    # "held-*": the cadre's call-ups ("held-cap*") or days away ("held-days") with those held; "days": its days away
    taken: float = 0.0


SEATED = Why("")
CAP = Why("cap")  # its cadre has as many seats as it may have, all of higher priority
NO_SEAT = Why("no-seat")
CLASH = Why("clash")
DISSOLVED = Why("dissolved")
FULL = Why("full")
GAVE_OWN = Why("gave-own")  # its seat went to its cadre's own obligation (compulsory training), its call-ups taken
NO_CADRE = Why("no-cadre")


@dataclass(eq=False, slots=True)
class CadreState:
    """What the board knows of one cadre while classes are formed: its seats, the periods they take (busy),
    its days away, its last tick (Board.unchanged_since), how many of its entries were tried (pointer).

    One object a cadre, which each of its requests holds: the checks made millions of times (Board.room,
    free_in, unchanged_since) read it through the request instead of looking the cadre up in a dict a field,
    each a miss of the processor's caches once a province's dicts outgrow them (measured: 9 million room
    checks over a million cadres, 20 s through three dicts, 5 s through this)."""

    cap: int  # the classes it may attend (Board._cap)
    unit: str
    order: int  # its roster position
    seats: list[Request]
    busy: dict[int, Request]  # period -> its seat then
    days: float = 0.0  # days away in the classes it sits in
    stamp: int = 0  # the board's clock when its seats last changed
    pointer: int = 0  # its entries tried so far
    # its place in unit, then roster order (Board.__init__): a group split into classes is dealt out in that order,
    # sorted by one int rather than by (unit, roster position) (a quarter of the time at a million cadres); -1 for
    # a cadre not on the roster, never tried
    place: int = -1


@dataclass(eq=False, slots=True)
class Request:
    """One cadre asking for one seat; serves one need, or all core needs for the theory class."""

    idx: int  # position of its first need: a stable tie-break
    cadre: str
    key: ClassKey
    priority: float
    needs: list[int] | tuple[int]  # positions in the needs list (a tuple for one: 30 bytes less, millions of times)
    unit: str
    neg: float  # -priority (its entry's): for BY_RANK
    order: int  # its cadre's roster position
    state: CadreState  # its cadre's, on the board it is tried on
    days: float = 0.0  # days away its class takes
    deadline: dt.date | None = None  # the earliest deadline of the obligations it serves
    why: Why = CAP  # while it has no seat
    cls: DraftClass | None = None
    route: str = ""  # once served: "class", "sent-up", "online" or "in-unit"
    # the board's clock when a look found no move for it (improve) / no class with room to join; -1: never
    seen_move: int = -1
    seen_join: int = -1
    turn: int = 0  # improve's mark: which pass is to look at it (see improve._Queue)


@dataclass(eq=False, slots=True)
class DraftClass:
    """A class on the board: its members and period (0 until placed); no longer live once dissolved."""

    seq: int
    families: list[str]
    members: list[Request]
    period: int = 0
    live: bool = True
    floor: Request | None = None  # cached lowest-priority member
    key: ClassKey | None = None  # the key it was formed for (members sent up from below keep their own)
    stamp: int = 0  # the board's clock when its members last changed
    kept: KeptClass | None = None  # the class of an earlier plan it is, kept as announced (planner.kept)

    @property
    def priority(self) -> float:
        return max(map(_PRIORITY, self.members), default=0.0)

    def lowest(self) -> Request:
        """The member a higher-priority request may take the seat of."""
        if self.floor is None:
            self.floor = min(self.members, key=lambda r: (r.priority, -r.idx))
        return self.floor


# sort key, the order requests are served in: highest priority first, then the first need's position (a
# tuple made when sorting, not kept on each request: about 30 MB at 100,000 cadres); for a bisect (insort)
BY_RANK = attrgetter("neg", "idx")
BY_ROSTER = attrgetter("order")  # sort key: roster order
_PRIORITY = attrgetter("priority")
_BY_IDX, _BY_NEG = attrgetter("idx"), attrgetter("neg")


def rank_sort(reqs: list[Request]) -> list[Request]:
    """reqs sorted in place as by BY_RANK, and returned: by the first need's position, then by priority, a stable
    sort keeping that order among equals. Two sorts on one number each take a quarter of the time of one on a pair
    for each request (4 million at a million cadres: 3.6 -> 0.9 s)."""
    reqs.sort(key=_BY_IDX)
    reqs.sort(key=_BY_NEG)
    return reqs


def urgency_key(req: Request) -> tuple[float, dt.date, int]:
    """A sort key: by rank (BY_RANK), but of an equal priority the obligation due sooner first (none last)."""
    return req.neg, req.deadline or _NOT_DUE, req.idx


_NOT_DUE = dt.date.max  # the deadline of what has none, in a sort key: after any other


def by_rank(reqs: Iterable[Request]) -> list[Request]:
    """A new list of reqs, sorted as by BY_RANK (rank_sort)."""
    return rank_sort(list(reqs))

_NOWHERE = CadrePlace("", None, "", "")  # a cadre not on the roster: its entries are never tried


def book_requests(cols: NeedColumns, ctx: PlanContext, cfg: ClassesConfig) -> Book:
    """Each cadre's requests, highest priority first, of an equal priority the one due sooner first (none last), then
    by need position: one per class key; the core needs share one."""
    by_cadre: dict[str, list[int]] = {}
    # needs come cadre by cadre: one lookup per run of positions
    for cadre, run in itertools.groupby(range(len(cols.cadre)), cols.cadre.__getitem__):
        mine = by_cadre.get(cadre)
        if mine is None:
            by_cadre[cadre] = list(run)
        else:
            mine.extend(run)
    core = ctx.core_topics if cfg.bundle_core else frozenset()
    keys = _Keys()
    skip = frozenset() if cfg.hours_top_up_class else frozenset([HOURS_TOPIC])  # hours are not a class
    book = {cadre: _entries(ctx.cadres.get(cadre, _NOWHERE), positions, cols, core, cfg.core_class_topic, keys,
                          skip, cfg.grade_theory)
            for cadre, positions in by_cadre.items()}
    if cfg.hours_top_up_class:
        for entries in book.values():
            _top_up_last(entries, cols, ctx.hours)
    return book


def hours_needs(cols: NeedColumns, cfg: ClassesConfig) -> list[int]:
    """The positions of the hours needs that ask for no class (classes.hours_top_up_class false)."""
    if cfg.hours_top_up_class:
        return []
    return [i for i, topic in enumerate(cols.topic) if topic == HOURS_TOPIC]


LEADING_BAND, STAFF_BAND = "领导干部", "一般干部"


class _Keys(dict[tuple[str, str, str, str, str], ClassKey]):
    """One ClassKey per distinct key, made when first asked for.

    Cheaper than a new one per entry, and the board's dicts then find a key by its identity.
    """

    def __missing__(self, fields: tuple[str, str, str, str, str]) -> ClassKey:
        key = self[fields] = ClassKey(*fields)
        return key


def _entries(place: CadrePlace, positions: list[int], cols: NeedColumns, core: frozenset[str],
             core_topic: str, keys: _Keys, skip: frozenset[str], grade_theory: bool) -> list[Entry]:
    """A cadre's entries, sorted: one per need, but one for all its core needs (the theory class); theory
    classes graded leading cadres apart from staff (grade_theory)."""
    organizer, family = place.organizer or "", place.family
    topics, kinds, prios, negated, deadlines = cols.topic, cols.kind, cols.priority, cols.negated, cols.deadline
    band = (LEADING_BAND if place.leading else STAFF_BAND) if grade_theory else ""
    entries: list[Entry] = []
    bundle: list[int] = []
    soonest = _NOT_DUE  # the core needs' earliest deadline
    for i in positions:
        topic = topics[i]
        if topic in core:
            bundle.append(i)
            day = deadlines[i]
            if day is not None and day < soonest:
                soonest = day
        elif topic not in skip:
            kind, priority = kinds[i], prios[i]
            key = keys[topic, kind, organizer, family, band if kind == "theory" else ""]
            entries.append(_make_entry((negated.get(priority) or -priority, deadlines[i] or _NOT_DUE, i, key, i)))
    if bundle:
        top = max(map(prios.__getitem__, bundle))
        key = keys[core_topic, "theory", organizer, family, band]
        entries.append(Entry(negated.get(top) or -top, soonest, bundle[0], key, bundle))
    if len({e.key for e in entries}) < len(entries):
        entries = _merge_same_key(entries)
    entries.sort()
    return entries


def _top_up_last(entries: list[Entry], cols: NeedColumns, hours: dict[str, float]) -> None:
    """Move a cadre's hours top-up entry (classes.hours_top_up_class) after all its others where the classes its
    entries above it ask for give the hours it lacks (their topics' hours, the days the standard also counts aside):
    tried in its turn, it would take a call-up beside them, which the cadre's classes may leave it no need of
    (planner.top_up gives it up where they do, and tries it where they do not)."""
    done = 0.0
    for at, entry in enumerate(entries):
        if entry.key.topic == HOURS_TOPIC:
            if at and done >= max(map(cols.hours.__getitem__, entry.positions())):
                entries.append(entries.pop(at))
            return
        done += hours.get(entry.key.topic, 0.0)


def _merge_same_key(entries: list[Entry]) -> list[Entry]:
    """Two needs of one cadre that ask for the same class take one seat."""
    merged: dict[ClassKey, Entry] = {}
    for entry in entries:
        old = merged.get(entry.key)
        if old is None:
            merged[entry.key] = entry._replace(needs=entry.positions())
        else:
            merged[entry.key] = Entry(min(entry.neg_priority, old.neg_priority), min(entry.due, old.due),
                                      min(entry.first, old.first), entry.key, old.positions() + entry.positions())
    return list(merged.values())


def request_of(cadre: str, entry: Entry, ctx: PlanContext, cols: NeedColumns, state: CadreState) -> Request:
    """The request an entry makes when it is tried (state: its cadre's on the board, Board.request: a cadre on
    the roster)."""
    neg, _, first, key, needs = entry
    if isinstance(needs, list):
        positions: list[int] | tuple[int] = needs
        deadlines = [d for d in map(cols.deadline.__getitem__, needs) if d is not None]
        deadline = min(deadlines) if deadlines else None
    else:  # one need, as most requests are: its deadline, if any
        positions, deadline = (needs,), cols.deadline[needs]
    priority = cols.unnegated.get(neg) or -neg  # the column's own float, shared (-0.0 gives 0.0 as before)
    return Request(first, cadre, key, priority, positions, state.unit, neg, state.order, state,
                   ctx.days.get(key.topic, 0.0), deadline)
