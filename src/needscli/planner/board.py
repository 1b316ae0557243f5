"""The board: classes and who sits where (seats, busy periods, days away, units' cadres away), and its bookkeeping."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from heapq import heappop, heappush
from operator import attrgetter, itemgetter
from types import MappingProxyType
from typing import NamedTuple, cast

from needscli.config import ClassesConfig
from needscli.core.day_runs import days_between
from needscli.core.need_columns import NeedColumns
from needscli.planner.model import PlanContext
from needscli.planner.requests import (
    SEATED,
    Bucket,
    CadreState,
    ClassKey,
    DraftClass,
    Entry,
    Request,
    Why,
    request_of,
)

_SLACK = 1e-9
# a settled board's busy periods, read no more: one for every cadre, and read-only, so that a seat taken after
# the search ended fails at once instead of marking every settled cadre busy
_NONE_BUSY = cast(dict[int, Request], MappingProxyType({}))
_SIZE_PLACE = itemgetter(0, 1)


def period_start(start: dt.date, period: int) -> dt.date:
    """The first day of a period (a month) counted from the plan's start."""
    months = start.year * 12 + start.month - 1 + period - 1
    return dt.date(months // 12, months % 12 + 1, 1)


class OpenIndex:
    """The classes with room among a key's classes that had room when last looked at (Board.open[key]): in each
    period the smallest, the first of equals by its first place in the list, as (size, place, class), smallest
    first. What a look over the whole list finds, kept up to date from the classes whose members changed
    since (Board._stamp lists them in `touched`): a big key's list holds thousands of classes, and each seat
    taken in one of them changed the key (at 300,000 cadres, 9.5 million classes read in 11,000 looks).

    Each period's heap may hold entries a class no longer matches (its size or period changed, it filled up or
    was dissolved): they are dropped when they come to the top. Made anew for a new list (prune_open)."""

    __slots__ = ("classes", "read", "place", "heaps", "touched", "stamp", "found")

    def __init__(self, classes: list[DraftClass]) -> None:
        self.classes = classes  # the list indexed
        self.read = 0  # how many of its classes were read
        self.place: dict[int, int] = {}  # class seq -> its first place in the list
        self.heaps: dict[int, list[tuple[int, int, int, DraftClass]]] = {}  # period -> (size, place, seq, class)
        self.touched: list[DraftClass] = []  # classes of the key whose members changed since the last look
        self.stamp = -1  # the key's stamp when found was worked out
        self.found: list[tuple[int, int, DraftClass]] = []

    def smallest(self, stamp: int, high: int) -> list[tuple[int, int, DraftClass]]:
        """The smallest class with room (below high members) in each period, as the key's stamp stands."""
        if stamp == self.stamp:
            return self.found
        place, heaps = self.place, self.heaps
        for cls in self.touched:
            at = place.get(cls.seq)
            if at is not None and cls.live and cls.period and len(cls.members) < high:
                heappush(heaps.setdefault(cls.period, []), (len(cls.members), at, cls.seq, cls))
        self.touched.clear()
        classes = self.classes
        for at in range(self.read, len(classes)):
            cls = classes[at]
            if cls.seq not in place:
                place[cls.seq] = at
                if cls.live and cls.period and len(cls.members) < high:
                    heappush(heaps.setdefault(cls.period, []), (len(cls.members), at, cls.seq, cls))
        self.read = len(classes)
        found = []
        for period, heap in heaps.items():
            while heap:
                size, at, _, cls = heap[0]
                if cls.live and cls.period == period and len(cls.members) == size < high:
                    found.append((size, at, cls))
                    break
                heappop(heap)
        found.sort(key=_SIZE_PLACE)
        self.stamp, self.found = stamp, found
        return found


def _place_by_unit(states: list[CadreState]) -> None:
    """Set each state's place: its position in unit, then roster order (CadreState.place). The states come in
    roster order (build_context's), so each unit's are counted as they come and the units sorted; else sorted."""
    within: dict[str, int] = {}
    last, in_order = -1, True
    for state in states:
        unit = state.unit
        n = state.place = within.get(unit, 0)
        within[unit] = n + 1
        in_order = in_order and state.order > last
        last = state.order
    if not in_order:
        for at, state in enumerate(sorted(states, key=_UNIT_ORDER)):
            state.place = at
        return
    first, at = {}, 0
    for unit in sorted(within):
        first[unit], at = at, at + within[unit]
    for state in states:
        state.place += first[state.unit]


_UNIT_ORDER = attrgetter("unit", "order")


class Held(NamedTuple):
    """The classes a cadre sat in before the plan's start, in its first year (an earlier plan's, held: a re-plan
    with --keep-classes), that its load counts beside its seats: their ids and days away."""

    classes: tuple[str, ...]
    days: float


class Board:
    """Classes and who sits where: seats and days away per cadre, busy periods, cadres of each unit away per period."""

    def __init__(self, ctx: PlanContext, cfg: ClassesConfig, periods: int, fam_order: dict[str, int],
                 cols: NeedColumns, start: dt.date) -> None:
        self.ctx, self.cfg, self.periods, self.fam_order = ctx, cfg, periods, fam_order
        self.cols = cols
        # each period's first day (a month's; and the day after the last period), and the first working day in it
        # (cfg.working_day), where its classes start: a member's deadline is weighed against that day
        # the first period from the plan's first day, not its month's (--plan-start 2026-12-24: no class on 12-01)
        self.firsts: list[dt.date] = [start] + [max(start, period_start(start, p)) for p in range(1, periods + 2)]
        self.starts: list[dt.date] = [start] + [cfg.working_day(day) for day in self.firsts[1:-1]]
        self._misfits: dict[float, list[int]] = {}  # a class's days -> misfits of a class of them
        self._last_days: dict[float, list[dt.date]] = {}  # a class's days -> its last day in each period (ends)
        self._ends: dict[tuple[dt.date, float], dt.date] = {}  # (first day, days) -> last day (class_end)
        # each cadre's seats, busy periods, days away, tick and entries tried, with the classes it may attend
        # (cap); and the days away a cadre's seats may add up to
        order = ctx.order
        self.states = {cadre: CadreState(self._cap(place.leading), place.unit, order[cadre], [], {})
                       for cadre, place in ctx.cadres.items()}
        _place_by_unit(list(self.states.values()))
        self.day_limit = cfg.max_days_away + _SLACK
        # unit -> its cadres away in each period (index 0 unused); every unit's limit is in ctx
        self.away: dict[str, list[int]] = {unit: [0] * (periods + 1) for unit in ctx.limits}
        self.by_key: dict[ClassKey, list[DraftClass]] = {}
        self.open: dict[ClassKey, list[DraftClass]] = {}  # classes that had room when last looked at
        self.by_bucket: dict[Bucket, list[DraftClass]] = {}
        self.classes: list[DraftClass] = []
        self.tried: list[Request] = []
        # Change stamps (see unchanged_since): a clock ticking at each change of a class's members, with the
        # last tick that touched each key's classes, each cadre's seats (CadreState.stamp), and each unit's
        # cadres away where it fell (a unit's rise only takes room away); the keys each class is listed under
        self.clock = 0
        self.key_stamp: dict[ClassKey, int] = {}
        self.unit_stamp: dict[str, int] = {}
        self.keys_of: dict[int, list[ClassKey]] = {}
        self.open_index: dict[ClassKey, OpenIndex] = {}  # see OpenIndex
        # a list of classes -> (clock, the list, its length, placement._by_period of it); see placement
        self.list_cache: dict[int, tuple[int, list[DraftClass], int, list[tuple[int, int, DraftClass]]]] = {}
        # the classes full when improve's pass began that a member left since, under each key (improve)
        self.reopened: dict[ClassKey, list[DraftClass]] = {}
        self.turns = 0  # the highest pass mark improve has given a request (Request.turn) so far
        self.held: dict[str, Held] = {}  # cadre -> the classes held before the plan its load counts (hold)

    def misfits(self, cls: DraftClass) -> list[int]:
        """How ill cls, of its topic's days, fits each period (index 0 unused): 2 where it runs past the period's end
        (a period shorter than it), 1 where a public holiday falls on one of its days (holidays_of: it starts on one,
        ending within the period only so, or the Spring Festival an office lists falls within it), 0 else."""
        days = self.ctx.days.get((cls.key or cls.members[0].key).topic, 0.0)
        found = self._misfits.get(days)
        if found is None:
            end = self.class_end
            found = self._misfits[days] = [0] + [
                2 if end(self.firsts[p], days) >= self.firsts[p + 1] else int(bool(self.holidays_of(p, days)))
                for p in range(1, self.periods + 1)]
        return found

    def ends(self, topic: str) -> list[dt.date]:
        """The last day of a class of the topic placed in each period (class_dates; index 0: the plan's start, as
        starts[0]): rising, for a bisect of a deadline (first_late)."""
        days = self.ctx.days.get(topic, 0.0)
        found = self._last_days.get(days)
        if found is None:
            found = self._last_days[days] = [self.starts[0]] + [
                self.class_dates(p, days)[1] for p in range(1, self.periods + 1)]
        return found

    def first_late(self, topic: str, deadline: dt.date) -> int:
        """The first period whose class of the topic ends after the deadline (periods + 1 where none does): an
        obligation due then is met late there and in every period after. An obligation is to be completed by its
        deadline (initial training inside the probation, appointment training within the year): a class starting
        on or before the deadline and ending after it does not meet it in time."""
        return bisect_right(self.ends(topic), deadline, 1)

    def holidays_of(self, period: int, days: float) -> list[dt.date]:
        """The public holidays (ClassesConfig.is_public_holiday) among the days of a class of so many days placed in
        period (class_dates)."""
        start, end = self.class_dates(period, days)
        public = self.cfg.is_public_holiday
        return [day for day in days_between(start, end) if public(day)]

    def class_dates(self, period: int, days: float) -> tuple[dt.date, dt.date]:
        """The first and last day of a class of so many days placed in period (class_start; ClassesConfig.class_end:
        a short class's days are working days)."""
        start = self.class_start(period, days)
        if start >= self.firsts[period + 1]:  # a period of holidays alone: on its first day, its days in a row
            first = self.firsts[period]      # (class-on-holiday says so), not dated into the next period's classes
            return first, first + dt.timedelta(days=max(days, 1.0) - 1)
        return start, self.class_end(start, days)

    def class_end(self, start: dt.date, days: float) -> dt.date:
        """ClassesConfig.class_end, once for each first day and length (a plan's classes share a few)."""
        end = self._ends.get((start, days))
        if end is None:
            end = self._ends[start, days] = self.cfg.class_end(start, days)
        return end

    def class_start(self, period: int, days: float) -> dt.date:
        """The day a class of so many days placed in period starts: the period's first working day (starts), else,
        where its days would then run past the period's end, the last working day from which they end within it;
        where there is none, the last such day that is no public holiday (a weekend's), else the period's first day
        (a holiday: form_classes warns of it). A class longer than its period starts on its first working day,
        running past it as it must. Never later than starts[period], so that no member's deadline weighed against
        it passes."""
        start, first, after = self.starts[period], self.firsts[period], self.firsts[period + 1]
        end = self.class_end  # the later a class starts, the later it ends: a start in time exists if first is one
        if end(start, days) < after or end(first, days) >= after:
            return start
        latest = after - dt.timedelta(days=1)  # its last day the period's last
        while latest > first and end(latest, days) >= after:
            latest -= dt.timedelta(days=1)
        for is_off in (self.cfg.is_holiday, self.cfg.is_public_holiday):
            day = latest
            while day >= first and is_off(day):
                day -= dt.timedelta(days=1)
            if day >= first:
                return day
        return first

    def settle(self) -> None:
        """The search is over: let go of what only it reads (busy periods, units away, the lists and
        stamps of classes by key, the caches), keeping the classes, the requests tried and what the plan is
        made from of each cadre (its seats, cap and entries tried)."""
        for state in self.states.values():
            state.busy = _NONE_BUSY
        self.away = {}
        self.by_key, self.open, self.by_bucket, self.keys_of, self.reopened = {}, {}, {}, {}, {}
        self.key_stamp, self.unit_stamp = {}, {}
        self.open_index, self.list_cache = {}, {}

    def untie(self) -> None:
        """Classes let go of their members and cadres of their seats: nothing of the board refers back to itself,
        so it is freed once dropped."""
        for cls in self.classes:
            cls.members, cls.floor = [], None
        for state in self.states.values():
            state.seats.clear()
            state.busy = _NONE_BUSY

    def register(self, cls: DraftClass, key: ClassKey) -> None:
        """List cls under key (its job family joins the class's families). No tick: a class not yet placed
        offers no seat to join, and its first member's seat (commit) stamps every key it is listed under."""
        if key.family not in cls.families:
            cls.families.append(key.family)
        self.by_key.setdefault(key, []).append(cls)
        self.open.setdefault(key, []).append(cls)
        self.keys_of.setdefault(cls.seq, []).append(key)

    def new_class(self, families: list[str], members: list[Request], key: ClassKey | None = None) -> DraftClass:
        """A class of members listed under key (its first member's where None) in each of families."""
        key = key or members[0].key
        cls = DraftClass(len(self.classes), [], members, key=key)
        self.classes.append(cls)
        for family in families:
            self.register(cls, key.with_family(family))
        self.by_bucket.setdefault(key.bucket, []).append(cls)
        return cls

    def _cap(self, leading: bool) -> int:
        """The classes a cadre may attend: fewer for a leading post (leader_max_callups)."""
        if leading:
            return min(self.cfg.max_per_cadre, self.cfg.leader_max_callups)
        return self.cfg.max_per_cadre

    def hold(self, cadre: str, class_id: str, days: float) -> None:
        """Count a class the cadre sat in before the plan, in the plan's first year, against its load: one call-up
        and its days away fewer left for the plan's seats. Taken off its cap and added to its days at once, so that
        room and rooms, and every count of a cadre's load from its cap and days, weigh it at no cost; held keeps
        what the Unmet sheet names. A cadre not on the roster is passed over (it is given no seat)."""
        if cadre not in self.ctx.cadres:
            return
        state = self.states[cadre]
        state.cap -= 1  # below 0 where more classes were held than the cap allows: no seat, as at 0
        state.days += days
        held = self.held.get(cadre)
        self.held[cadre] = Held((*held.classes, class_id), held.days + days) if held else Held((class_id,), days)

    def held_days(self, cadre: str) -> float:
        """The days away of the classes held before the plan that the cadre's load counts (hold); 0 for none."""
        held = self.held.get(cadre)
        return held.days if held else 0.0

    def state(self, cadre: str) -> CadreState:
        """The cadre's state on the board (a cadre not on the roster: none seated, its cap as any other's)."""
        state = self.states.get(cadre)
        if state is None:
            state = self.states[cadre] = CadreState(self.cfg.max_per_cadre, "", len(self.ctx.order), [], {})
        return state

    def request(self, cadre: str, entry: Entry) -> Request:
        """The request the cadre's entry makes when it is tried."""
        return request_of(cadre, entry, self.ctx, self.cols, self.state(cadre))

    def try_the_rest(self, cadre: str, entries: list[Entry]) -> list[Request]:
        """The requests of the cadre's entries never tried (its seats filled its call-ups before they came up), now
        tried: a seat it lost since may leave it room for them (improve looks at the requests tried)."""
        state = self.state(cadre)
        woken = [request_of(cadre, e, self.ctx, self.cols, state) for e in entries[state.pointer:]]
        state.pointer = len(entries)
        self.tried += woken
        return woken

    def room(self, req: Request, without: Request | None = None) -> bool:
        """Has req's cadre the call-ups and the days left for req (after giving up seat `without`)?"""
        state = req.state
        if without is not None:
            return len(state.seats) - 1 < state.cap and state.days - without.days + req.days <= self.day_limit
        return len(state.seats) < state.cap and state.days + req.days <= self.day_limit

    def rooms(self, reqs: list[Request]) -> list[bool]:
        """room(req) of each of reqs, without a call per request (a class's members, millions of times)."""
        limit = self.day_limit
        return [len((state := req.state).seats) < state.cap and state.days + req.days <= limit for req in reqs]

    def free_periods(self, req: Request) -> list[bool]:
        """free_in(req, p) for every period p (index 0 unused): for a look over many classes at once."""
        limit = self.ctx.limits[req.unit]
        free = [gone < limit for gone in self.away[req.unit]]
        for period in req.state.busy:  # a period or two: cheaper set after than looked up for every period
            free[period] = False
        free[0] = False
        return free

    def free_somewhere_of(self, reqs: list[Request]) -> list[bool]:
        """Is each request's cadre free in some period, its unit below its limit of cadres away then (some of
        free_periods)? A request free in none can be kept by no class (each keeps those free in its period) and join
        none while seats are only taken, as in a round of forming. The periods where a unit is below its limit are
        found once, and a cadre busy in fewer periods than those is free in one of them, with no look at every
        period of each: at 100,000 cadres the reforming asked it of 190,023 requests, all free in none (0.28 s)."""
        below: dict[str, list[int]] = {}
        free = []
        for req in reqs:
            periods = below.get(req.unit)
            if periods is None:
                limit, away = self.ctx.limits[req.unit], self.away[req.unit]
                periods = below[req.unit] = [p for p in range(1, len(away)) if away[p] < limit]
            busy = req.state.busy
            free.append(len(periods) > len(busy) or any(p not in busy for p in periods))
        return free

    def free_in(self, req: Request, period: int, without: Request | None = None) -> bool:
        """Can req's cadre be away in this period (after giving up seat `without`)?"""
        held = req.state.busy.get(period)
        if held is not None and held is not without:
            return False
        unit = req.unit
        away = self.away[unit][period]
        if without is not None and without.cls is not None and without.cls.period == period:
            away -= 1
        return away < self.ctx.limits[unit]

    def dissolve(self, cls: DraftClass) -> None:
        """cls will not run: it has no members and no period takes it. A class nobody ever sat in (no stamp)
        offered no seat: its end changes nothing a look at the classes of its keys found, and is no tick."""
        cls.live, cls.members = False, []
        if cls.stamp == 0:
            return
        self.clock += 1
        for key in self.keys_of.get(cls.seq, ()):
            self.key_stamp[key] = self.clock

    def stamp_keys(self, keys: list[ClassKey]) -> None:
        """A tick for keys whose lists of classes were rewritten."""
        self.clock += 1
        for key in keys:
            self.key_stamp[key] = self.clock

    def unchanged_since(self, req: Request, seen: int) -> bool:
        """Has nothing that decides req's chances changed since the clock read seen: its key's classes, its
        cadre's seats (and the classes they are in), its unit's cadres away falling?"""
        state = req.state
        if seen < 0 or self.key_stamp.get(req.key, 0) > seen or state.stamp > seen:
            return False
        if self.unit_stamp.get(req.unit, 0) > seen:
            return False
        return all(s.cls is None or s.cls.stamp <= seen for s in state.seats)

    def _stamp(self, req: Request, cls: DraftClass) -> None:
        """A tick of the clock for a change of cls's members by req."""
        self.clock = clock = self.clock + 1
        cls.stamp = clock
        req.state.stamp = clock
        stamps, indexes = self.key_stamp, self.open_index
        for key in self.keys_of.get(cls.seq, ()):
            stamps[key] = clock
            index = indexes.get(key)
            if index is not None:
                index.touched.append(cls)

    def commit(self, req: Request, cls: DraftClass, append: bool = True) -> None:
        """Seat req in cls (already among its members unless append)."""
        if append:
            cls.members.append(req)
        cls.floor = None
        req.cls, req.why = cls, SEATED
        state = req.state
        state.busy[cls.period] = req
        state.seats.append(req)
        state.days += req.days
        self.away[req.unit][cls.period] += 1
        if req.key.family not in cls.families and (cls.key is None or req.key.organizer == cls.key.organizer):
            self.register(cls, req.key)  # a small group that joined a class of another job family (not sent up)
        self._stamp(req, cls)

    def release(self, req: Request, why: Why) -> None:
        """Take req out of its class: it has no seat, for the reason why (nor a route: a seat sent up given up)."""
        cls = req.cls
        assert cls is not None
        req.route = ""
        cls.members.remove(req)
        cls.floor = None
        self._stamp(req, cls)
        if len(cls.members) == self.cfg.max_size - 1:
            keys = self.keys_of.setdefault(cls.seq, [])
            for key in keys:
                self.reopened.setdefault(key, []).append(cls)
            for family in cls.families:
                key = req.key.with_family(family)
                self.open.setdefault(key, []).append(cls)
                self.key_stamp[key] = self.clock
                if key not in keys:
                    keys.append(key)  # every list a class is on is stamped when its members change
        state = req.state
        del state.busy[cls.period]
        state.seats.remove(req)
        state.days -= req.days
        self.away[req.unit][cls.period] -= 1
        self.unit_stamp[req.unit] = self.clock
        req.cls, req.why = None, why
