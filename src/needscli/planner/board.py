"""The board: classes and who sits where (seats, busy periods, units' cadres away), filled round by round."""

from __future__ import annotations

from collections.abc import Iterator
from operator import attrgetter
from typing import NamedTuple

from needscli.config import ClassesConfig
from needscli.planner.grouping import group_requests, split_group
from needscli.planner.model import PlanContext
from needscli.planner.requests import (
    BY_RANK,
    BY_ROSTER,
    CAP,
    CLASH,
    DISSOLVED,
    FULL,
    SEATED,
    Book,
    Bucket,
    ClassKey,
    DraftClass,
    Request,
    Why,
    request_of,
)

# improvement passes after forming; every applied move raises the total priority served, so this
# bound only caps the time on pathological inputs (swap_gain then reports what is left)
MAX_PASSES = 20


class Move(NamedTuple):
    """An improving move: req takes a seat in cls, giving up its own lower seat (trade) or another's (swap)."""

    gain: float  # what it adds to the total priority served
    kind: str  # "add" | "trade" | "swap"
    req: Request
    cls: DraftClass
    other: Request | None  # the seat given up (trade) or taken (swap); None for "add"


_BY_GAIN = attrgetter("gain")


class Board:
    """Classes and who sits where: seats per cadre, busy periods, cadres of each unit away per period."""

    def __init__(self, ctx: PlanContext, cfg: ClassesConfig, periods: int, fam_order: dict[str, int]) -> None:
        self.ctx, self.cfg, self.periods, self.fam_order = ctx, cfg, periods, fam_order
        self.busy: dict[str, dict[int, Request]] = {}
        self.seats: dict[str, list[Request]] = {}
        # unit -> its cadres away in each period (index 0 unused); every unit's limit is in ctx
        self.away: dict[str, list[int]] = {unit: [0] * (periods + 1) for unit in ctx.limits}
        self.by_key: dict[ClassKey, list[DraftClass]] = {}
        self.open: dict[ClassKey, list[DraftClass]] = {}  # classes that had room when last looked at
        self.by_bucket: dict[Bucket, list[DraftClass]] = {}
        self.classes: list[DraftClass] = []
        self.tried: list[Request] = []
        self.pointer: dict[str, int] = {}  # entries of each cadre tried so far

    def untie(self) -> None:
        """Classes let go of their members: nothing of the board refers back to itself, so it is freed once dropped."""
        for cls in self.classes:
            cls.members, cls.floor = [], None

    def register(self, cls: DraftClass, key: ClassKey) -> None:
        if key.family not in cls.families:
            cls.families.append(key.family)
        self.by_key.setdefault(key, []).append(cls)
        self.open.setdefault(key, []).append(cls)

    def new_class(self, families: list[str], members: list[Request]) -> DraftClass:
        cls = DraftClass(len(self.classes), [], members)
        self.classes.append(cls)
        key = members[0].key
        for family in families:
            self.register(cls, key.with_family(family))
        self.by_bucket.setdefault(key.bucket, []).append(cls)
        return cls

    def free_in(self, req: Request, period: int, without: Request | None = None) -> bool:
        """Can req's cadre be away in this period (after giving up seat `without`)?"""
        held = self.busy.get(req.cadre, {}).get(period)
        if held is not None and held is not without:
            return False
        unit = req.unit
        away = self.away[unit][period]
        if without is not None and without.cls is not None and without.cls.period == period:
            away -= 1
        return away < self.ctx.limits[unit]

    def commit(self, req: Request, cls: DraftClass, append: bool = True) -> None:
        """Seat req in cls (already among its members unless append)."""
        if append:
            cls.members.append(req)
        cls.floor = None
        req.cls, req.why = cls, SEATED
        busy = self.busy.get(req.cadre)
        if busy is None:  # a cadre's first seat (busy and seats are made together)
            busy = self.busy[req.cadre] = {}
            self.seats[req.cadre] = []
        busy[cls.period] = req
        self.seats[req.cadre].append(req)
        self.away[req.unit][cls.period] += 1
        if req.key.family not in cls.families:  # a small group that joined a class of another job family
            self.register(cls, req.key)

    def release(self, req: Request, why: Why) -> None:
        """Take req out of its class: it has no seat, for the reason why."""
        cls = req.cls
        assert cls is not None
        cls.members.remove(req)
        cls.floor = None
        if len(cls.members) == self.cfg.max_size - 1:
            for family in cls.families:
                self.open.setdefault(req.key.with_family(family), []).append(cls)
        del self.busy[req.cadre][cls.period]
        self.seats[req.cadre].remove(req)
        self.away[req.unit][cls.period] -= 1
        req.cls, req.why = None, why

    def join_best(self, req: Request, classes: list[DraftClass]) -> bool:
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

    def join_open(self, req: Request) -> bool:
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

    def run_rounds(self, book: Book) -> None:
        """Top requests first; a request that gets no seat frees the slot for the cadre's next one."""
        cap = self.cfg.max_per_cadre
        todo = [c for c in book if self.ctx.eligible(c)]
        while todo:
            batch = []
            for cadre in todo:
                entries, i = book[cadre], self.pointer.get(cadre, 0)
                free = cap - len(self.seats.get(cadre, []))
                while free > 0 and i < len(entries):
                    batch.append(request_of(cadre, entries[i], self.ctx))
                    i, free = i + 1, free - 1
                self.pointer[cadre] = i
            if not batch:
                return
            self.tried += batch
            self.seat_batch(batch)
            todo = list(dict.fromkeys(r.cadre for r in batch if r.cls is None))

    def seat_batch(self, batch: list[Request]) -> None:
        """A round: join classes with room, form new ones from the rest, place them; small groups join last."""
        batch.sort(key=BY_RANK)
        left = [r for r in batch if not self.join_open(r)]
        groups, small = group_requests(left, self.cfg, self.fam_order)
        fresh = [self.new_class(families, part) for families, members in groups
                 for part in split_group(members, self.cfg.max_size)]
        fresh.sort(key=lambda c: (-c.priority, c.seq))
        displaced: list[Request] = []
        for cls in fresh:
            displaced += self.place(cls)
        # a group too small even after merging still joins a compatible class of another job family
        for req in small:
            self.join_best(req, self.by_bucket.get(req.key.bucket, []))
        for req in sorted(displaced, key=BY_RANK):
            self.join_open(req)

    def place(self, cls: DraftClass) -> list[Request]:
        """Put cls in its best period; the members it had to leave out are returned (still unmet)."""
        cls.period = self.best_period(cls)
        kept, out = self.fit(cls)
        if len(kept) < self.cfg.min_size:
            cls.live, cls.members = False, []
            for req in kept:
                req.why = DISSOLVED
            return out + kept
        cls.members = kept
        for req in kept:
            self.commit(req, cls, append=False)
        return out

    def best_period(self, cls: DraftClass) -> int:
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
        aways = [self.away[u] for u in units]
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
        return min(range(1, periods + 1), key=lambda p: (clash[p], total[p] - room, p))

    def fit(self, cls: DraftClass) -> tuple[list[Request], list[Request]]:
        """The members free in the class's period, within each unit's limit, highest priority first; the rest."""
        kept, out = [], []
        taken: dict[str, int] = {}
        period = cls.period
        for req in sorted(cls.members, key=BY_RANK):
            unit = req.unit
            if period in self.busy.get(req.cadre, ()):
                req.why = CLASH
                out.append(req)
            elif self.away[unit][period] + taken.get(unit, 0) >= self.ctx.limits[unit]:
                req.why = Why("unit", limit=self.ctx.limits[unit])
                out.append(req)
            else:
                taken[unit] = taken.get(unit, 0) + 1
                kept.append(req)
        kept.sort(key=BY_ROSTER)
        return kept, out

    # --- improving moves: take a free seat, trade one's own lower seat, or take a lower one's ----

    def moves(self, req: Request) -> Iterator[Move]:
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
                        yield Move(req.priority, "add", req, cls, None)
                    continue
                for seat in give_up:
                    if self.free_in(req, cls.period, without=seat):
                        yield Move(req.priority - seat.priority, "trade", req, cls, seat)
                        break
            elif free and cls.members:
                last = cls.lowest()
                if last.priority < req.priority and self.can_swap(req, last, cls.period):
                    yield Move(req.priority - last.priority, "swap", req, cls, last)

    def can_swap(self, req: Request, leaving: Request, period: int) -> bool:
        """Can req's cadre take the seat `leaving` gives up in this period?"""
        if period in self.busy.get(req.cadre, {}):
            return False
        unit = req.unit
        away = self.away[unit][period] - (unit == leaving.unit)
        return away < self.ctx.limits[unit]

    def improve(self, book: Book) -> None:
        """Apply the best improving move of each unmet request until none is left (or the pass bound)."""
        waiting = [r for r in self.tried if r.cls is None]
        for _ in range(MAX_PASSES):
            waiting.sort(key=BY_RANK)
            freed: list[Request] = []
            for req in waiting:
                if req.cls is not None:
                    continue
                best = max(self.moves(req), key=_BY_GAIN, default=None)
                if best is not None:
                    freed += self.apply(best, book)
            if not freed and all(r.cls is None for r in waiting):
                return
            waiting = [r for r in waiting if r.cls is None] + freed

    def apply(self, move: Move, book: Book) -> list[Request]:
        """Make the move; returns the requests it left without a seat (and any it woke up)."""
        other = move.other
        freed = []
        if other is not None:
            self.release(other, CAP if move.kind == "trade" else FULL)
            freed.append(other)
        self.commit(move.req, move.cls)
        if move.kind == "swap" and other is not None:  # the displaced cadre's untried requests get a chance
            entries = book[other.cadre]
            woken = [request_of(other.cadre, e, self.ctx) for e in entries[self.pointer.get(other.cadre, 0):]]
            self.pointer[other.cadre] = len(entries)
            self.tried += woken
            freed += woken
        return freed
