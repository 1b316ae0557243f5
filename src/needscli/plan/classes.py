"""Needs -> training classes (班次), classified and graded: sized, placed in periods, given a resource. Pure."""

from __future__ import annotations

import collections
import datetime as dt
import itertools
import math
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import Any, TypeVar

from needscli.config import ClassesConfig, Config
from needscli.core.catalog import Catalog
from needscli.errors import Problem
from needscli.models import Assignment, Cadre, Need, Resource, TrainingClass, UnmetNeed

T = TypeVar("T")
Key = tuple[str, str, str, str]  # topic, training type, organizer, job family
# a cadre's request before it is tried: (-priority, first need's position, key, need position(s))
Entry = tuple[float, int, Key, "int | list[int]"]
Move = tuple[float, str, "_Request", "_Class", "_Request | None"]  # gain, kind, request, class, seat given up

# improvement passes after forming; every applied move raises the total priority served, so this
# bound only caps the time on pathological inputs (swap_gain then reports what is left)
_MAX_PASSES = 20


@dataclass(frozen=True)
class PlanContext:
    """What swap_gain needs beside the classes: each cadre's unit, organizer and job family."""

    cadres: dict[str, tuple[str, str | None, str, str]]  # id -> (unit, organizer, job family, level)
    order: dict[str, int]  # id -> roster position
    limits: dict[str, int]  # unit -> most of its cadres away in one period
    core_topics: frozenset[str]

    def eligible(self, cadre: str) -> bool:
        info = self.cadres.get(cadre)
        return info is not None and info[1] is not None


@dataclass
class Plan:
    """Classes, the seats given, the needs left unmet (with why) and the problems found."""

    classes: list[TrainingClass]
    assignments: list[Assignment]
    unmet: list[UnmetNeed]
    problems: list[Problem]
    start: dt.date
    periods: int
    context: PlanContext | None = field(default=None, repr=False, compare=False)

    def period_label(self, period: int) -> str:
        """'2027-01' for a monthly period counted from start; '' for an unplaced class."""
        if period < 1:
            return ""
        months = self.start.month - 1 + period - 1
        return f"{self.start.year + months // 12:04d}-{months % 12 + 1:02d}"


@dataclass(eq=False, slots=True)
class _Request:
    """One cadre asking for one seat; serves one need, or all core needs for the theory class."""

    idx: int  # position of its first need: a stable tie-break
    cadre: str
    key: Key
    priority: float
    needs: list[int]  # positions in the needs list
    unit: str
    rank: tuple[float, int]  # (-priority, idx): the order requests are served in
    order: int  # its cadre's roster position
    why: str = "cap"  # reason code while unmet
    info: tuple[object, ...] = ()
    cls: _Class | None = None


@dataclass(eq=False, slots=True)
class _Class:
    seq: int
    families: list[str]
    members: list[_Request]
    period: int = 0
    live: bool = True
    floor: _Request | None = None  # cached lowest-priority member

    @property
    def priority(self) -> float:
        return max((r.priority for r in self.members), default=0.0)

    def lowest(self) -> _Request:
        if self.floor is None:
            self.floor = min(self.members, key=lambda r: (r.priority, -r.idx))
        return self.floor


def _tier_map(config: Config) -> dict[str, str]:
    tiers: dict[str, str] = {}
    for level in config.levels:
        for name in [level.name, *level.aliases]:
            tiers.setdefault(name, level.tier)
    return tiers


def _organizer(cadre: Cadre, tiers: dict[str, str], by_tier: dict[str, str]) -> str | None:
    managed = cadre.managed_by.strip()
    if managed:
        return managed
    tier = tiers.get(cadre.level)
    return by_tier.get(tier) if tier else None


def organizer_of(cadre: Cadre, config: Config) -> str | None:
    """The level that manages the cadre (干部管理权限): managed_by, else its tier's organizer, else None."""
    return _organizer(cadre, _tier_map(config), config.classes.organizer_by_tier)


def _context(cadres: list[Cadre], catalog: Catalog, config: Config) -> tuple[PlanContext, list[Problem]]:
    tiers, by_tier = _tier_map(config), config.classes.organizer_by_tier
    info: dict[str, tuple[str, str | None, str, str]] = {}
    order: dict[str, int] = {}
    sizes: dict[str, int] = {}
    problems = []
    for cadre in cadres:
        if cadre.id in info:
            continue
        organizer = _organizer(cadre, tiers, by_tier)
        info[cadre.id] = (cadre.unit, organizer, cadre.job_family, cadre.level)
        order[cadre.id] = len(order)
        sizes[cadre.unit] = sizes.get(cadre.unit, 0) + 1
        if organizer is None:
            problems.append(_no_organizer(cadre))
    share = config.classes.unit_away_share
    # the epsilon keeps 0.29 * 100 at 29, not 28.999...
    limits = {unit: max(1, math.floor(share * n + 1e-9)) for unit, n in sizes.items()}
    core = frozenset(t.id for t in catalog.topics if t.core)
    return PlanContext(info, order, limits, core), problems


def _no_organizer(cadre: Cadre) -> Problem:
    return Problem(
        code="no-organizer", file=cadre.file, sheet=cadre.sheet, row=cadre.row or None, column="管理权限",
        severity="warning",
        message=(f"{f'row {cadre.row}, ' if cadre.row else ''}column \"管理权限\": empty, and level "
                 f"\"{cadre.level}\" maps to no organizer in classes.organizer_by_tier; this cadre's needs get no class"),
        expected="a 管理权限 value such as 市委管理, or an organizer_by_tier entry for the level's tier")


@dataclass(frozen=True)
class _Columns:
    """The needs' fields as plain lists: read once, not a million pydantic attribute lookups each time."""

    cadre: list[str]
    topic: list[str]
    kind: list[str]
    priority: list[float]

    @classmethod
    def of(cls, needs: list[Need]) -> _Columns:
        return cls([n.cadre_id for n in needs], [n.topic_id for n in needs], [n.training_type for n in needs],
                   [n.priority for n in needs])


def _book(cols: _Columns, ctx: PlanContext, cfg: ClassesConfig) -> dict[str, list[Entry]]:
    """Each cadre's requests, highest priority first: one per class key; the core needs share one."""
    by_cadre: dict[str, list[int]] = {}
    # needs come cadre by cadre: one lookup per run of positions
    for cadre, run in itertools.groupby(range(len(cols.cadre)), cols.cadre.__getitem__):
        mine = by_cadre.get(cadre)
        if mine is None:
            by_cadre[cadre] = list(run)
        else:
            mine.extend(run)
    core = ctx.core_topics if cfg.bundle_core else frozenset()
    return {cadre: _entries(cadre, positions, cols, ctx, core, cfg.core_class_topic)
            for cadre, positions in by_cadre.items()}


def _entries(cadre: str, positions: list[int], cols: _Columns, ctx: PlanContext, core: frozenset[str],
             core_topic: str) -> list[Entry]:
    _, organizer, family, _ = ctx.cadres.get(cadre, ("", None, "", ""))
    organizer = organizer or ""
    topics, kinds, prios = cols.topic, cols.kind, cols.priority
    entries: list[Entry] = []
    bundle: list[int] = []
    for i in positions:
        topic = topics[i]
        if topic in core:
            bundle.append(i)
        else:
            entries.append((-prios[i], i, (topic, kinds[i], organizer, family), i))
    if bundle:
        entries.append((-max(prios[i] for i in bundle), bundle[0], (core_topic, "theory", organizer, family), bundle))
    if len({e[2] for e in entries}) < len(entries):
        entries = _merge_same_key(entries)
    entries.sort()
    return entries


def _merge_same_key(entries: list[Entry]) -> list[Entry]:
    """Two needs of one cadre that ask for the same class take one seat."""
    merged: dict[Key, Entry] = {}
    for neg, first, key, pos in entries:
        old = merged.get(key)
        here = pos if isinstance(pos, list) else [pos]
        if old is None:
            merged[key] = (neg, first, key, here)
        else:
            before = old[3] if isinstance(old[3], list) else [old[3]]
            merged[key] = (min(neg, old[0]), min(first, old[1]), key, before + here)
    return list(merged.values())


def _request(cadre: str, entry: Entry, ctx: PlanContext) -> _Request:
    neg, first, key, pos = entry
    return _Request(first, cadre, key, -neg, pos if isinstance(pos, list) else [pos], ctx.cadres[cadre][0],
                    (neg, first), ctx.order[cadre])


_RANK = attrgetter("rank")  # sort key: highest priority first, then the first need's position
_ORDER = attrgetter("order")  # sort key: roster order


class _Board:
    """Classes and who sits where: seats per cadre, busy periods, cadres of each unit away per period."""

    def __init__(self, ctx: PlanContext, cfg: ClassesConfig, periods: int, fam_order: dict[str, int]) -> None:
        self.ctx, self.cfg, self.periods, self.fam_order = ctx, cfg, periods, fam_order
        self.busy: dict[str, dict[int, _Request]] = {}
        self.seats: dict[str, list[_Request]] = {}
        self.away: dict[str, list[int]] = {}
        self.by_key: dict[Key, list[_Class]] = {}
        self.open: dict[Key, list[_Class]] = {}  # classes that had room when last looked at
        self.by_bucket: dict[tuple[str, str, str], list[_Class]] = {}
        self.classes: list[_Class] = []
        self.tried: list[_Request] = []
        self.pointer: dict[str, int] = {}  # entries of each cadre tried so far

    def untie(self) -> None:
        """Classes let go of their members: nothing of the board refers back to itself, so it is freed once dropped."""
        for cls in self.classes:
            cls.members, cls.floor = [], None

    def away_of(self, unit: str) -> list[int]:
        away = self.away.get(unit)
        if away is None:
            away = self.away[unit] = [0] * (self.periods + 1)
        return away

    def register(self, cls: _Class, key: Key) -> None:
        if key[3] not in cls.families:
            cls.families.append(key[3])
        self.by_key.setdefault(key, []).append(cls)
        self.open.setdefault(key, []).append(cls)

    def new_class(self, families: list[str], members: list[_Request]) -> _Class:
        cls = _Class(len(self.classes), [], members)
        self.classes.append(cls)
        topic, kind, organizer, _ = members[0].key
        for family in families:
            self.register(cls, (topic, kind, organizer, family))
        self.by_bucket.setdefault((topic, kind, organizer), []).append(cls)
        return cls

    def free_in(self, req: _Request, period: int, without: _Request | None = None) -> bool:
        """Can req's cadre be away in this period (after giving up seat `without`)?"""
        held = self.busy.get(req.cadre, {}).get(period)
        if held is not None and held is not without:
            return False
        unit = req.unit
        away = self.away_of(unit)[period]
        if without is not None and without.cls is not None and without.cls.period == period:
            away -= 1
        return away < self.ctx.limits[unit]

    def commit(self, req: _Request, cls: _Class, append: bool = True) -> None:
        if append:
            cls.members.append(req)
        cls.floor = None
        req.cls, req.why, req.info = cls, "", ()
        busy = self.busy.get(req.cadre)
        if busy is None:  # a cadre's first seat (busy and seats are made together)
            busy = self.busy[req.cadre] = {}
            self.seats[req.cadre] = []
        busy[cls.period] = req
        self.seats[req.cadre].append(req)
        self.away_of(req.unit)[cls.period] += 1
        if req.key[3] not in cls.families:  # a small group that joined a class of another job family
            self.register(cls, req.key)

    def release(self, req: _Request, why: str) -> None:
        cls = req.cls
        assert cls is not None
        cls.members.remove(req)
        cls.floor = None
        if len(cls.members) == self.cfg.max_size - 1:
            for family in cls.families:
                self.open.setdefault((*req.key[:3], family), []).append(cls)
        del self.busy[req.cadre][cls.period]
        self.seats[req.cadre].remove(req)
        self.away_of(req.unit)[cls.period] -= 1
        req.cls, req.why, req.info = None, why, ()

    def join_best(self, req: _Request, classes: list[_Class]) -> bool:
        """Seat req in the smallest placed class with room in a period the cadre is free."""
        best = None
        for cls in classes:
            if (cls.live and cls.period and len(cls.members) < self.cfg.max_size
                    and (best is None or len(cls.members) < len(best.members))
                    and self.free_in(req, cls.period)):
                best = cls
        if best is None:
            return False
        self.commit(req, best)
        return True

    def join_open(self, req: _Request) -> bool:
        """join_best over the classes of req's key that have room (full ones are dropped from the list)."""
        classes = self.open.get(req.key)
        if not classes:
            return False
        high = self.cfg.max_size
        if any(not c.live or len(c.members) >= high for c in classes):
            classes = self.open[req.key] = list({id(c): c for c in classes
                                                 if c.live and len(c.members) < high}.values())
        return self.join_best(req, classes)

    # --- forming classes, round by round ---------------------------------------------------------

    def run_rounds(self, book: dict[str, list[Entry]]) -> None:
        """Top requests first; a request that gets no seat frees the slot for the cadre's next one."""
        cap = self.cfg.max_per_cadre
        todo = [c for c in book if self.ctx.eligible(c)]
        while todo:
            batch = []
            for cadre in todo:
                entries, i = book[cadre], self.pointer.get(cadre, 0)
                free = cap - len(self.seats.get(cadre, []))
                while free > 0 and i < len(entries):
                    batch.append(_request(cadre, entries[i], self.ctx))
                    i, free = i + 1, free - 1
                self.pointer[cadre] = i
            if not batch:
                return
            self.tried += batch
            self.seat_batch(batch)
            todo = list(dict.fromkeys(r.cadre for r in batch if r.cls is None))

    def seat_batch(self, batch: list[_Request]) -> None:
        batch.sort(key=_RANK)
        left = [r for r in batch if not self.join_open(r)]
        groups, small = self.groups(left)
        fresh = [self.new_class(families, part) for families, members in groups for part in self.split(members)]
        fresh.sort(key=lambda c: (-c.priority, c.seq))
        displaced: list[_Request] = []
        for cls in fresh:
            displaced += self.place(cls)
        # a group too small even after merging still joins a compatible class of another job family
        for req in small:
            self.join_best(req, self.by_bucket.get(req.key[:3], []))
        for req in sorted(displaced, key=_RANK):
            self.join_open(req)

    def groups(self, batch: list[_Request]) -> tuple[list[tuple[list[str], list[_Request]]], list[_Request]]:
        """Requests by key, a group below min merged with the nearest of another job family; and the rest."""
        buckets: dict[tuple[str, str, str], dict[str, list[_Request]]] = {}
        for req in batch:
            buckets.setdefault(req.key[:3], {}).setdefault(req.key[3], []).append(req)
        groups, small = [], []
        for by_family in buckets.values():
            for families, members in self.merge([([fam], list(rs)) for fam, rs in by_family.items()]):
                if len(members) >= self.cfg.min_size:
                    groups.append((families, members))
                    continue
                for req in members:
                    req.why, req.info = "small", (len(by_family[req.key[3]]), len(members), len(families) > 1)
                small += members
        small.sort(key=_RANK)
        return groups, small

    def merge(self, items: list[tuple[list[str], list[_Request]]]) -> list[tuple[list[str], list[_Request]]]:
        """Merge each group below min into the nearest group of the same topic, type and organizer."""
        low, high = self.cfg.min_size, self.cfg.max_size

        def fam_key(item: tuple[list[str], list[_Request]]) -> tuple[int, str]:
            return min((self.fam_order.get(f, len(self.fam_order)), f) for f in item[0])

        while len(items) > 1:
            small = [it for it in items if len(it[1]) < low]
            if not small:
                break
            this = min(small, key=lambda it: (len(it[1]), fam_key(it)))
            others = [it for it in items if it is not this]
            reach = [it for it in others if len(it[1]) + len(this[1]) >= low]
            if reach:  # the nearest: reaches min, within max if it can, the smallest such
                target = min(reach, key=lambda it: (len(it[1]) + len(this[1]) > high, len(it[1]), fam_key(it)))
            else:  # none reaches min: the largest, so that further merges may
                target = min(others, key=lambda it: (-len(it[1]), fam_key(it)))
            target[0].extend(this[0])
            target[0].sort(key=lambda f: (self.fam_order.get(f, len(self.fam_order)), f))
            target[1].extend(this[1])
            items = others
        return items

    def split(self, members: list[_Request]) -> list[list[_Request]]:
        """ceil(n/max) balanced classes, each unit's members dealt round-robin across them."""
        parts = math.ceil(len(members) / self.cfg.max_size)
        ranked = sorted(members, key=attrgetter("unit", "order"))
        return [ranked[i::parts] for i in range(parts)]

    def place(self, cls: _Class) -> list[_Request]:
        """Put cls in its best period; the members it had to leave out are returned (still unmet)."""
        cls.period = self.best_period(cls)
        kept, out = self.fit(cls)
        if len(kept) < self.cfg.min_size:
            cls.live, cls.members = False, []
            for req in kept:
                req.why, req.info = "dissolved", ()
            return out + kept
        cls.members = kept
        for req in kept:
            self.commit(req, cls, append=False)
        return out

    def best_period(self, cls: _Class) -> int:
        """No conflicts first, then the most room left for the class's units, then the earliest."""
        periods = self.periods
        units: dict[str, int] = {}
        clash = [0] * (periods + 1)  # members busy in each period, then also those past their unit's limit
        unit_clash: dict[str, list[int]] = {}  # unit -> its members busy in each period
        busy = self.busy
        for req in cls.members:
            unit = req.unit
            units[unit] = units.get(unit, 0) + 1
            held = busy.get(req.cadre)
            if held:
                mine = unit_clash.get(unit)
                if mine is None:
                    mine = unit_clash[unit] = [0] * (periods + 1)
                for p in held:
                    clash[p] += 1
                    mine[p] += 1
        limits = self.ctx.limits
        aways = [self.away_of(u) for u in units]
        total = [sum(col) for col in zip(*aways, strict=True)]
        room = sum(limits[u] for u in units) - len(cls.members)
        idle = [0] * (periods + 1)
        for (unit, n), away in zip(units.items(), aways, strict=True):
            if n <= limits[unit] - max(away):
                continue  # the unit's limit holds its members in every period
            over = n - limits[unit]  # in period p, over + away[p] of them past the limit, less the busy ones
            for p, (gone, held_p) in enumerate(zip(away, unit_clash.get(unit, idle), strict=True)):
                if over + gone - held_p > 0:
                    clash[p] += over + gone - held_p
        return min((clash[p], total[p] - room, p) for p in range(1, periods + 1))[2]

    def fit(self, cls: _Class) -> tuple[list[_Request], list[_Request]]:
        """The members free in the class's period, within each unit's limit, highest priority first."""
        kept, out = [], []
        taken: dict[str, int] = {}
        period = cls.period
        for req in sorted(cls.members, key=_RANK):
            unit = req.unit
            if period in self.busy.get(req.cadre, ()):
                req.why, req.info = "clash", ()
                out.append(req)
            elif self.away_of(unit)[period] + taken.get(unit, 0) >= self.ctx.limits[unit]:
                req.why, req.info = "unit", (self.ctx.limits[unit],)
                out.append(req)
            else:
                taken[unit] = taken.get(unit, 0) + 1
                kept.append(req)
        kept.sort(key=_ORDER)
        return kept, out

    # --- improving moves: take a free seat, trade one's own lower seat, or take a lower one's ----

    def moves(self, req: _Request) -> Iterator[Move]:
        """For each class of req's key, the best move that raises the total priority served."""
        seats = self.seats.get(req.cadre, [])
        free = len(seats) < self.cfg.max_per_cadre
        if not free and all(s.priority >= req.priority for s in seats):
            return
        low, high = self.cfg.min_size, self.cfg.max_size
        give_up = sorted((s for s in seats if s.priority < req.priority and s.cls is not None
                          and len(s.cls.members) > low), key=lambda s: (s.priority, s.idx))
        for cls in self.by_key.get(req.key, []):
            if not cls.live or not cls.period:
                continue
            if len(cls.members) < high:
                if free:
                    if self.free_in(req, cls.period):
                        yield req.priority, "add", req, cls, None
                    continue
                for seat in give_up:
                    if self.free_in(req, cls.period, without=seat):
                        yield req.priority - seat.priority, "trade", req, cls, seat
                        break
            elif free and cls.members:
                last = cls.lowest()
                if last.priority < req.priority and self.can_swap(req, last, cls.period):
                    yield req.priority - last.priority, "swap", req, cls, last

    def can_swap(self, req: _Request, leaving: _Request, period: int) -> bool:
        if period in self.busy.get(req.cadre, {}):
            return False
        unit = req.unit
        away = self.away_of(unit)[period] - (unit == leaving.unit)
        return away < self.ctx.limits[unit]

    def improve(self, book: dict[str, list[Entry]]) -> None:
        """Apply the best improving move of each unmet request until none is left (or the pass bound)."""
        waiting = [r for r in self.tried if r.cls is None]
        for _ in range(_MAX_PASSES):
            waiting.sort(key=_RANK)
            freed: list[_Request] = []
            for req in waiting:
                if req.cls is not None:
                    continue
                best = max(self.moves(req), key=lambda m: m[0], default=None)
                if best is not None:
                    freed += self.apply(best, book)
            if not freed and all(r.cls is None for r in waiting):
                return
            waiting = [r for r in waiting if r.cls is None] + freed

    def apply(self, move: Move, book: dict[str, list[Entry]]) -> list[_Request]:
        """Make the move; returns the requests it left without a seat (and any it woke up)."""
        _, kind, req, cls, other = move
        freed = []
        if other is not None:
            self.release(other, "cap" if kind == "trade" else "full")
            freed.append(other)
        self.commit(req, cls)
        if kind == "swap" and other is not None:  # the displaced cadre's untried requests get a chance
            entries = book[other.cadre]
            woken = [_request(other.cadre, e, self.ctx) for e in entries[self.pointer.get(other.cadre, 0):]]
            self.pointer[other.cadre] = len(entries)
            self.tried += woken
            freed += woken
        return freed


def _fam_order(config: Config) -> dict[str, int]:
    return {v.name: i for i, v in enumerate(config.job_families)}


def form_classes(needs: list[Need], cadres: list[Cadre], catalog: Catalog, config: Config,
                 resources: list[Resource], start: dt.date, periods: int | None = None,
                 lang: str = "zh") -> Plan:
    """Form classes from needs: keyed by topic, type, organizer and job family; sized, placed, resourced."""
    cfg = config.classes
    n_periods = cfg.periods if periods is None else periods
    if n_periods < 1:
        raise ValueError(f"periods must be at least 1, not {n_periods}")
    if cfg.min_size > cfg.max_size:
        raise ValueError(f"classes.min_size {cfg.min_size} is above max_size {cfg.max_size}")
    ctx, problems = _context(cadres, catalog, config)
    cols = _Columns.of(needs)
    book = _book(cols, ctx, cfg)
    board = _Board(ctx, cfg, n_periods, _fam_order(config))
    board.run_rounds(book)
    board.improve(book)
    pairs = _finish_classes(board, catalog, config, resources, lang)
    assignments = _assignments(pairs, cols)
    unmet = _unmet(board, book, cols, cfg, n_periods, lang)
    board.untie()  # no cycle may keep the board alive once the plan is made
    return Plan([tc for tc, _ in pairs], assignments, unmet, problems, start, n_periods, ctx)


def _family_label(board: _Board, cls: _Class, lang: str) -> str:
    families = sorted({board.ctx.cadres[r.cadre][2] for r in cls.members},
                      key=lambda f: (board.fam_order.get(f, len(board.fam_order)), f))
    if families == [""]:
        return ""
    blank = "unclassified" if lang == "en" else "未分类"
    return "+".join(f or blank for f in families)


def _finish_classes(board: _Board, catalog: Catalog, config: Config, resources: list[Resource],
                    lang: str) -> list[tuple[TrainingClass, _Class]]:
    """Live classes in plan order (period, priority, organizer, topic ...), with ids, names and resources."""
    pairs = []
    for cls in board.classes:
        if not cls.live or not cls.members:
            continue
        cls.members.sort(key=_ORDER)
        topic, kind, organizer, _ = cls.members[0].key
        pairs.append((TrainingClass(id="", topic_id=topic, training_type=kind, organizer=organizer,
                                    job_family=_family_label(board, cls, lang), priority=cls.priority,
                                    period=cls.period, members=[r.cadre for r in cls.members]), cls))
    pairs.sort(key=lambda p: (p[0].period, -p[0].priority, p[0].organizer, p[0].topic_id, p[0].training_type,
                              p[0].job_family, p[1].seq))
    counts: dict[str, int] = {}
    for i, (tc, _) in enumerate(pairs, 1):
        tc.id = f"C{i:03d}"
        base = _class_base(tc, catalog, config, lang)
        counts[base] = counts.get(base, 0) + 1
        tc.name = f"{base} (session {counts[base]})" if lang == "en" else f"{base}（第{counts[base]}期）"
    _give_resources([tc for tc, _ in pairs], resources, board.ctx.core_topics, config)
    return pairs


def _class_base(tc: TrainingClass, catalog: Catalog, config: Config, lang: str) -> str:
    theory = tc.topic_id == config.classes.core_class_topic
    if lang == "en":
        topic = "Theory and party-spirit class" if theory else f"{catalog.label(tc.topic_id, lang)} class"
        return ", ".join(x for x in (topic, tc.organizer, tc.job_family) if x)
    topic = "理论教育和党性教育专题班" if theory else f"{catalog.label(tc.topic_id, lang)}班"
    return f"{tc.organizer}{tc.job_family}{topic}"


def _give_resources(classes: list[TrainingClass], resources: list[Resource], core: frozenset[str],
                    config: Config) -> None:
    """Highest score, then lowest cost, then provider, among resources covering the topic with seats left."""
    ranked = sorted(range(len(resources)),
                    key=lambda i: (-resources[i].score, resources[i].cost_per_seat, resources[i].provider, i))
    covers = [set(r.topics) for r in resources]
    used: dict[tuple[int, int], int] = {}
    theory_topics = core | {config.classes.core_class_topic}
    for tc in sorted(classes, key=lambda c: (-c.priority, c.id)):
        wanted = theory_topics if tc.topic_id == config.classes.core_class_topic else {tc.topic_id}
        for i in ranked:
            if covers[i] & wanted and resources[i].seats_per_period - used.get((i, tc.period), 0) >= tc.size:
                used[i, tc.period] = used.get((i, tc.period), 0) + tc.size
                tc.resource = resources[i].provider
                break


def _assignments(pairs: list[tuple[TrainingClass, _Class]], cols: _Columns) -> list[Assignment]:
    needs: list[int] = []
    cadres: list[str] = []
    class_ids: list[str] = []
    for tc, cls in pairs:
        start = len(needs)
        for req in cls.members:
            needs += req.needs
            cadres += [req.cadre] * len(req.needs)
        class_ids += [tc.id] * (len(needs) - start)
    topics, prios = cols.topic, cols.priority
    return _made(Assignment, [cadres, class_ids, [topics[i] for i in needs], [prios[i] for i in needs]])


def _made(kind: type[T], columns: list[list[Any]]) -> list[T]:
    """kind(*row) for each row of the columns, for a frozen dataclass with slots.

    Its __init__ sets each field with a call of object.__setattr__: a third of the time of the seats
    and unmet needs. Here each slot is filled a column at a time by its descriptor.
    """
    made = list(map(object.__new__, itertools.repeat(kind, len(columns[0]))))
    for spec, values in zip(fields(kind), columns, strict=True):  # type: ignore[arg-type]
        collections.deque(map(getattr(kind, spec.name).__set__, made, values), maxlen=0)
    return made


def _unmet(board: _Board, book: dict[str, list[Entry]], cols: _Columns, cfg: ClassesConfig,
           periods: int, lang: str) -> list[UnmetNeed]:
    """Every need without a seat, in roster order, with the reason in words."""
    ctx, cap = board.ctx, cfg.max_per_cadre
    topics, prios = cols.topic, cols.priority
    tried: dict[str, list[_Request]] = {}
    for req in board.tried:
        if req.cls is None:
            tried.setdefault(req.cadre, []).append(req)
    texts: dict[tuple[object, ...], str] = {}
    cadres: list[str] = []
    needs: list[int] = []
    reasons: list[str] = []
    for cadre in sorted(book, key=lambda c: ctx.order.get(c, len(ctx.order))):
        rows: list[tuple[int, str]] = []
        info = ctx.cadres.get(cadre)
        full = len(board.seats.get(cadre, [])) >= cap
        for req in tried.get(cadre, []):
            # a "cap" request whose cadre lost a seat late (to a higher need) found no class with room
            why = "no-seat" if req.why == "cap" and not full else req.why
            text = _text(texts, (why, *req.info), cfg, periods, lang)
            rows += [(i, text) for i in req.needs]
        if info is None:
            why_all: tuple[object, ...] = ("no-cadre",)
        elif info[1] is None:
            why_all = ("no-organizer", info[3])
        else:
            why_all = ("cap",) if full else ("no-seat",)
        text = _text(texts, why_all, cfg, periods, lang)
        for _, _, _, pos in book[cadre][board.pointer.get(cadre, 0):]:
            if isinstance(pos, list):
                rows += [(i, text) for i in pos]
            else:
                rows.append((pos, text))
        rows.sort()
        cadres += [cadre] * len(rows)
        needs += [i for i, _ in rows]
        reasons += [reason for _, reason in rows]
    return _made(UnmetNeed, [cadres, [topics[i] for i in needs], [prios[i] for i in needs], reasons])


def _text(cache: dict[tuple[object, ...], str], why: tuple[object, ...], cfg: ClassesConfig, periods: int,
          lang: str) -> str:
    if why not in cache:
        cache[why] = _reason(why[0], why[1:], cfg, periods, lang)  # type: ignore[arg-type]
    return cache[why]


def _reason(why: str, info: tuple[object, ...], cfg: ClassesConfig, periods: int, lang: str) -> str:
    en = lang == "en"
    share = f"{cfg.unit_away_share:.0%}"
    if why == "small":
        own, merged, did_merge = info
        if did_merge:
            return (f"only {own} cadres share this need and {merged} after merging with other job families, "
                    f"below the minimum class size {cfg.min_size}" if en else
                    f"同类需求仅 {own} 人，与其他职位类别合并后仍仅 {merged} 人，不足最小班额 {cfg.min_size}")
        return (f"only {own} cadres share this need, below the minimum class size {cfg.min_size}, and no "
                "compatible class to merge with" if en else
                f"同类需求仅 {own} 人，不足最小班额 {cfg.min_size}，且无可合并的班次")
    texts = {
        "cap": (f"already seated in {cfg.max_per_cadre} classes of equal or higher priority, the most one cadre "
                "may attend",
                f"已安排 {cfg.max_per_cadre} 个优先级不低于本需求的班次，达到每人最多 {cfg.max_per_cadre} 个班次的上限"),
        "clash": ("no period free: the cadre already has a class in this class's period, and no other class of "
                  "this kind has a seat in a period the cadre is free",
                  "无可用时段：本人在该班次时段已有其他班次，同类其他班次在本人空闲时段也无空位"),
        "unit": (f"no period free: {info[0] if info else ''} cadres of the unit (the limit, {share} of it) are "
                 "already away in that period, and no other class of this kind has a seat",
                 f"无可用时段：本单位同期离岗人数已达上限 {info[0] if info else ''} 人（单位人数的 {share}），"
                 "同类其他班次也无空位"),
        "dissolved": (f"the class fell below the minimum class size {cfg.min_size} once members without a free "
                      "period were left out, so it was cancelled, and no other class of this kind has a seat",
                      f"班次因时段冲突减员后不足最小班额 {cfg.min_size}，已取消，同类其他班次也无空位"),
        "full": (f"the class is full (maximum {cfg.max_size}) and the seat went to a higher-priority need",
                 f"班次已满（最大班额 {cfg.max_size}），席位给了优先级更高的需求"),
        "no-seat": (f"no class of this kind has a free seat in a period the cadre is free (of {periods})",
                    f"同类班次在本人空闲的时段（共 {periods} 个）均无空位"),
        "no-organizer": (f"no organizer: no managing level (管理权限) is given and level \"{info[0] if info else ''}"
                         "\" maps to none",
                         f"无调训单位：未填写管理权限，职级“{info[0] if info else ''}”也无对应的管理层级"),
        "no-cadre": ("the cadre is not on the roster", "编号不在花名册中"),
    }
    return texts[why][0 if en else 1]


def swap_gain(plan: Plan, needs: list[Need], config: Config) -> tuple[float, int]:
    """(best gain in total priority served by one improving move, number of improving moves found).

    A move: an unmet request takes a free seat of a class of its kind; or its cadre gives up a lower
    seat of its own for it; or it takes the seat of a lower-priority member of a full class. A seat is
    worth its request's priority (the theory class: the highest of the core needs it serves). Periods,
    unit shares, sizes and the cap hold after every move counted. form_classes applies such moves until
    none is left, so its plans give (0.0, 0) unless the improvement stopped at its bound of passes.
    """
    if plan.context is None:
        raise ValueError("the plan has no context; build it with form_classes")
    board, waiting = _rebuild(plan, needs, config, plan.context)
    best, count = 0.0, 0
    for req in waiting:
        for move in board.moves(req):
            best, count = max(best, move[0]), count + 1
    board.untie()
    return best, count


def _rebuild(plan: Plan, needs: list[Need], config: Config, ctx: PlanContext) -> tuple[_Board, list[_Request]]:
    """The board a plan describes, and the unmet requests that might have a move."""
    cfg = config.classes
    board = _Board(ctx, cfg, plan.periods, _fam_order(config))
    where = {(a.cadre_id, a.topic_id): a.class_id for a in plan.assignments}
    classes: dict[str, _Class] = {}
    for tc in plan.classes:
        cls = classes[tc.id] = _Class(len(board.classes), [], [], tc.period)
        board.classes.append(cls)
    waiting = []
    cols = _Columns.of(needs)
    for cadre, entries in _book(cols, ctx, cfg).items():
        if not ctx.eligible(cadre):
            continue
        unseated = []
        for entry in entries:
            pos = entry[3] if isinstance(entry[3], list) else [entry[3]]
            hit = next((where[k] for i in pos if (k := (cadre, cols.topic[i])) in where), None)
            if hit in classes:
                board.commit(_request(cadre, entry, ctx), classes[hit])  # type: ignore[index]
            else:
                unseated.append(entry)
        seats = board.seats.get(cadre, [])
        floor = min((s.priority for s in seats), default=-math.inf) if len(seats) >= cfg.max_per_cadre else None
        # at the cap, only a request above the cadre's lowest seat can have a move
        waiting += [_request(cadre, e, ctx) for e in unseated if floor is None or -e[0] > floor]
    return board, waiting
