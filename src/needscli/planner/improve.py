"""Improving moves after forming: take a free seat, trade one's own lower seat, or take a lower one's."""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterable, Iterator
from heapq import heappop, heappush
from itertools import takewhile
from operator import attrgetter
from typing import NamedTuple

from needscli.planner.board import Board
from needscli.planner.requests import (
    BY_RANK,
    CAP,
    FULL,
    Book,
    ClassKey,
    DraftClass,
    Request,
    rank_sort,
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


def improve(board: Board, book: Book) -> None:
    """Apply the best improving move of each unmet request until none is left (or the pass bound).

    Each pass looks at the requests without a seat in rank order (highest priority first), those that a
    change since their last look may have given a move: a look that finds none is not made again until
    such a change (_Queue). What a pass does is what a look at every request would do."""
    board.open_index = {}  # placement's, rebuilt when next read: its lists of changed classes would grow meanwhile
    queue = _Queue(board)
    index = _pass_index(board)
    queue.first([r for r in board.tried if r.cls is None])
    for _ in range(MAX_PASSES):
        shapes: dict[ClassKey, _Shape] = {}
        reopened: dict[ClassKey, _Reopened] = {}
        fulls = _Fulls(board, index)
        moved = False
        for req in queue.turns():
            best = best_move(board, req, index, shapes, reopened, fulls)
            if best is None:
                req.seen_move = board.clock
                continue
            moved = True
            left = best.other.cls if best.other is not None else None  # the class of the seat given up
            queue.after(best, left, _apply(board, best, book))
            fulls.changed(best.cls)
            if left is not None and left is not best.cls:
                fulls.changed(left)
        if not moved:
            break
        queue.between(index)
        index = _pass_index(board)
    board.turns = queue.pass_ + 1


class _Queue:
    """The requests without a seat that improve's passes are to look at, in rank order.

    A look that found no move for a request finds none again until one of these changes (and so it is
    not made before): its cadre's seats; a class one of them is in reaching one member above
    classes.min_size (a trade may give that seat up); its unit's cadres away falling from its limit; a
    class of its key that had no room getting some (or a new class); a class of its key filling up with a
    lowest seat below the request's. A unit falling from its limit in a period does not wake a cadre of it
    with the call-ups and days left but busy then: only a change of its cadre's seats can give it a move
    there. (A class with room wakes the requests of its keys without a seat that may take it: those free in its
    period, and those without the call-ups or days left, a trade's; see _wake_key.) A change
    wakes the requests it concerns: one after the request being looked at is looked at in this pass, as a look
    at every request would; the rest in the next.
    A class that had no room at the start of a pass is seen by the pass as it was then (_pass_index), so
    at the next pass the requests it may now take are woken again.

    Request.turn marks where a request stands: ``self.pass_`` while this pass is to look at it,
    ``self.pass_ + 1`` while the next is, ``self.idle`` once it is listed here; anything lower: never
    listed (this improve call).
    """

    def __init__(self, board: Board) -> None:
        self.board = board
        self.idle = board.turns + 1
        self.pass_ = self.idle + 1
        # the requests of each key that the queue holds for none of its passes (Request.turn: idle) and that may
        # have no seat, as a set (a dict in the order they came in), listed since the key's last wake: a class
        # with room wakes those that may take it and keeps the others in idle_by_free (_wake_key), a wake's order
        # being no matter (the heap and the next pass take them in rank order). Those that have a seat, or were
        # woken since by a change of their own, are dropped by such a wake (a request is put in again when looked
        # at): a key's whole list was read at every wake, at a million cadres 50 million requests to wake 1.2
        # million
        self.idle_by_key: dict[ClassKey, dict[Request, None]] = {}
        # those of idle_by_key a wake found with room but busy, or their unit at its limit, in its class's period:
        # by the periods of their key's classes they were free in then (a wake of one of those wakes them), with
        # those periods (the key's classes do not change while improve runs; if they did, all would be woken)
        self.idle_by_free: dict[ClassKey, tuple[tuple[int, ...], dict[tuple[int, ...], dict[Request, None]]]] = {}
        self.key_periods: dict[ClassKey, tuple[int, tuple[int, ...]]] = {}  # (classes, their periods) of a key
        # the same by unit: a swap's new lowest seat concerns one unit's requests, and none of the requests of a
        # unit at its limit in a class's period can take a seat in it (a whole key is not woken through its
        # units' lists: that costs a call per unit, millions at a province's scale)
        self.by_key_unit: dict[ClassKey, dict[str, list[Request]]] = {}
        self.by_cadre: dict[str, list[Request]] = {}
        self.by_unit: dict[str, list[Request]] = {}
        self.order: list[Request] = []  # this pass's requests at its start, in rank order
        self.heap: list[tuple[float, int, Request]] = []  # those woken since, after the one looked at
        self.next: list[Request] = []
        self.at: tuple[float, int] | None = None  # the rank of the request looked at; None between passes

    def _list(self, req: Request) -> None:
        req.turn = self.idle
        insort(self.by_key_unit.setdefault(req.key, {}).setdefault(req.unit, []), req, key=BY_RANK)
        self.by_cadre.setdefault(req.cadre, []).append(req)
        self.by_unit.setdefault(req.unit, []).append(req)

    def first(self, waiting: list[Request]) -> None:
        """List the requests without a seat; the first pass looks at those a change may have given a move
        since their last look (all at the first call: none was looked at)."""
        rank_sort(waiting)
        unchanged = self.board.unchanged_since
        idle_by_key, by_cadre, by_unit, by_key_unit = self.idle_by_key, self.by_cadre, self.by_unit, self.by_key_unit
        idle, first = self.idle, self.pass_
        for req in waiting:
            by_key_unit.setdefault(req.key, {}).setdefault(req.unit, []).append(req)
            by_cadre.setdefault(req.cadre, []).append(req)
            by_unit.setdefault(req.unit, []).append(req)
            if unchanged(req, req.seen_move):
                req.turn = idle
                idle_by_key.setdefault(req.key, {})[req] = None
            else:
                req.turn = first
                self.order.append(req)

    def turns(self) -> Iterator[Request]:
        """This pass's requests in rank order, those woken while it runs among them."""
        order, heap = self.order, self.heap
        i, n = 0, len(order)
        idle, idle_by_key = self.idle, self.idle_by_key
        while True:
            if heap and (i >= n or heap[0][:2] < (order[i].neg, order[i].idx)):
                req = heappop(heap)[2]
            elif i < n:
                req = order[i]
                i += 1
            else:
                return
            self.at = req.neg, req.idx
            req.turn = idle
            if req.cls is None:
                # idle from now on: one whose look finds a move is dropped, seated, by the next wake of its key
                idle_by_key.setdefault(req.key, {})[req] = None
                yield req

    def between(self, index: dict[ClassKey, _KeyClasses]) -> None:
        """End a pass (index: the one it saw): wake the requests that a class full when it began and changed
        since may take, and begin the next pass with those woken for it."""
        self.at = None
        board = self.board
        high = board.cfg.max_size
        done: set[tuple[ClassKey, int]] = set()
        for key, classes in board.reopened.items():
            held = index.get(key)
            if held is None or key not in self.by_key_unit:
                continue  # no class of the key when the pass began, or no request of it listed
            for cls in classes:
                at = held.full_at.get(cls.seq)
                if at is None or held.full[at][1] is not cls or (key, cls.seq) in done:
                    continue  # it had room when the pass began: the pass saw it as it is
                done.add((key, cls.seq))
                if not (cls.live and cls.period and cls.members):
                    continue
                if len(cls.members) < high:
                    self._wake_key(key, cls.period)
                    continue
                if cls.lowest().priority < held.full[at][0]:  # a swap only raises it; a refill may lower it
                    self._class_changed(cls, room=False)
        self.pass_ += 1
        self.order, self.next = rank_sort(self.next), []

    def _wake(self, reqs: Iterable[Request]) -> None:
        now, later = self.pass_, self.pass_ + 1
        at = self.at
        for req in reqs:
            turn = req.turn
            if req.cls is not None or turn == now or turn == later:
                continue
            if at is not None and (req.neg, req.idx) > at:
                req.turn = now
                heappush(self.heap, (req.neg, req.idx, req))
            else:
                req.turn = later
                self.next.append(req)

    def _wake_key(self, key: ClassKey, period: int) -> None:
        """A class of key has room in period: wake the requests of key without a seat that the queue does not hold
        and that may take it, as _wake_in: a cadre free then (an add), or one without the call-ups or days left for
        another seat (a trade, checked by its look). A cadre with room but busy then, or of a unit at its limit
        then, may take it only once that changes, which wakes it (its cadre's seats, its unit falling from its
        limit): it is kept by the other periods of its key's classes it is free in, for their wakes (if none,
        only such a change can give it a move in its key's classes). At a million cadres, 1.2
        million of the 1.22 million requests a key's wake found were of those, and their looks found nothing.

        idle_by_key's requests are sorted here (those seated or held by the queue dropped: put in again when
        looked at); idle_by_free's free in period are woken whole (a wake skips those seated or held since)."""
        board = self.board
        woken: list[Request] = []
        periods = self._periods(key)
        sorted_by, kept = self.idle_by_free.get(key, (periods, {}))
        if sorted_by != periods:  # classes of the key changed: what was sorted by their periods is woken whole
            for group in kept.values():
                woken += group
            kept = {}
        self.idle_by_free[key] = periods, kept
        for free in [free for free in kept if period in free]:
            woken += kept.pop(free)
        idle = self.idle_by_key.get(key)
        if idle:
            self.idle_by_key[key] = {}
            room_for, away, limits = board.room, board.away, board.ctx.limits
            now, later = self.pass_, self.pass_ + 1
            for req in idle:
                turn = req.turn
                if req.cls is not None or turn == now or turn == later:
                    continue
                busy, unit_away, limit = req.state.busy, away[req.unit], limits[req.unit]
                if (period not in busy and unit_away[period] < limit) or not room_for(req):
                    woken.append(req)
                    continue
                free = tuple(p for p in periods if p not in busy and unit_away[p] < limit)  # () if none
                kept.setdefault(free, {})[req] = None
        if woken:
            self._wake(woken)

    def _periods(self, key: ClassKey) -> tuple[int, ...]:
        """The periods of key's placed classes (those a look at a request of key sees), kept while the list of them
        has not grown."""
        classes = self.board.by_key.get(key, ())
        held = self.key_periods.get(key)
        if held is None or held[0] != len(classes):
            held = self.key_periods[key] = len(classes), tuple(sorted({c.period for c in classes if c.period}))
        return held[1]

    def _wake_in(self, reqs: Iterable[Request], period: int) -> None:
        """Wake those of reqs (a unit's, fallen from its limit in period) that may now have a move there: a cadre
        free then (an add or a swap), or one without the call-ups or days left for another seat (a trade, checked
        by its look). One with room but busy then is woken by what would free it (its cadre's seats): a look now
        would find no move there. (A cadre of a unit at its limit then is not woken either.)"""
        board = self.board
        room_for, away, limits = board.room, board.away, board.ctx.limits
        now, later = self.pass_, self.pass_ + 1
        self._wake(r for r in reqs if r.turn != now and r.turn != later and r.cls is None
                   and ((period not in r.state.busy and away[r.unit][period] < limits[r.unit])
                        or not room_for(r)))

    def _class_changed(self, cls: DraftClass, room: bool, unit: str | None = None) -> None:
        """Wake the requests of cls's keys it may now take: all if it has room (a seat, or a trade for one);
        if full, those that could take its lowest seat now (above it, with room, free in its period, of that
        seat's unit where `unit` names it: one of its own unit may take a seat its unit's limit kept others
        from). One that could not now is woken by what would let it (its cadre's seats, its unit falling)."""
        board = self.board
        keys = board.keys_of.get(cls.seq, ())
        if room:
            for key in keys:
                self._wake_key(key, cls.period)
            return
        last = cls.lowest()
        low, period = last.priority, cls.period
        room_for = board.room
        now, later = self.pass_, self.pass_ + 1
        away, limits = board.away, board.ctx.limits
        for key in keys:
            units = self.by_key_unit.get(key)
            if not units:
                continue
            if unit is not None:
                listed = units.get(unit)
                pairs: Iterable[tuple[str, list[Request]]] = ((unit, listed),) if listed else ()
            else:
                pairs = units.items()
            for of, listed in pairs:
                if away[of][period] - (of == last.unit) >= limits[of]:
                    continue  # none of this unit may take the seat: _can_swap's test of the unit, kept alike
                above = takewhile(lambda r: r.priority > low, listed)
                # those already to be looked at are passed over first: the others' checks take longer
                self._wake(r for r in above if r.turn != now and r.turn != later and r.cls is None
                           and room_for(r) and period not in r.state.busy)

    def _cadre_changed(self, cadre: str) -> None:
        self._wake(self.by_cadre.get(cadre, ()))

    def _left(self, unit: str, period: int) -> None:
        """A cadre of unit left a class of period: its cadres wake if the unit may have fallen from its limit."""
        board = self.board
        if board.away[unit][period] >= board.ctx.limits[unit] - 1:
            self._wake_in(self.by_unit.get(unit, ()), period)

    def _grew(self, cls: DraftClass) -> None:
        """cls took a member: full now, it may be swapped into; one above min_size, its members may trade."""
        board = self.board
        size = len(cls.members)
        if size >= board.cfg.max_size:
            self._class_changed(cls, room=False)
        if size == board.cfg.min_size + 1:
            for member in cls.members:
                self._cadre_changed(member.cadre)

    def after(self, move: Move, left: DraftClass | None, freed: list[Request]) -> None:
        """Wake the requests move (made; `left`: the class of the seat it gave up) may have given a move, and
        list those it left without a seat for the next pass."""
        later = self.pass_ + 1
        for r in freed:  # first: a request without a seat since the pass began waits for the next pass
            if r.turn < self.idle:
                self._list(r)
            if r.turn != later:
                r.turn = later
                self.next.append(r)
        req, cls, other = move.req, move.cls, move.other
        self._cadre_changed(req.cadre)
        if move.kind == "add":
            self._grew(cls)
        elif move.kind == "swap":
            assert other is not None
            self._cadre_changed(other.cadre)
            self._left(other.unit, cls.period)
            # the class is as full as before, its lowest seat higher: a cadre of that seat's unit may take it
            # where its unit's limit kept it from the seat before
            self._class_changed(cls, room=False, unit=cls.lowest().unit)
        else:  # a trade: req gave up its own seat `other` for one in cls
            assert other is not None and left is not None
            self._left(other.unit, left.period)
            if len(left.members) == self.board.cfg.max_size - 1:
                self._class_changed(left, room=True)
            self._grew(cls)


class _FullNow:
    """A key's classes full when the pass began (_KeyClasses.full) that are full now, by their lowest seat now:
    per period, and per period and unit of that seat, each list ordered by (that seat's priority, place in
    full). `below`: how many hold a lowest seat below the one they held when the pass began (refilled since)."""

    __slots__ = ("by_period", "by_unit", "entries", "below")

    def __init__(self) -> None:
        self.by_period: dict[int, list[tuple[float, int, DraftClass]]] = {}
        self.by_unit: dict[tuple[int, str], list[tuple[float, int, DraftClass]]] = {}
        self.entries: dict[int, tuple[float, int, int, str, bool]] = {}  # seq -> (priority, at, period, unit, below)
        self.below = 0

    def put(self, cls: DraftClass, at: int, then: float, high: int) -> None:
        """cls (at its place `at` in full, its lowest seat `then` when the pass began) listed as it is now."""
        old = self.entries.pop(cls.seq, None)
        if old is not None:
            priority, _, period, unit, below = old
            for listed in (self.by_period[period], self.by_unit[period, unit]):
                del listed[bisect_left(listed, (priority, at))]
            self.below -= below
        if not (cls.live and cls.period and cls.members and len(cls.members) >= high):
            return
        last = cls.lowest()
        entry = (last.priority, at, cls)
        insort(self.by_period.setdefault(cls.period, []), entry)
        insort(self.by_unit.setdefault((cls.period, last.unit), []), entry)
        below = last.priority < then
        self.entries[cls.seq] = (last.priority, at, cls.period, last.unit, below)
        self.below += below


class _Fulls:
    """_FullNow of the keys best_move looks at in a pass, made at a key's first look and kept as its classes
    change (changed(), after each move): a look finds the swap the walk over `full` finds from the first class
    of each period it may take a seat in (a swap's seat, the lowest of its class, of any unit or of its own),
    where the walk read every class listed before, at a million cadres 17 million of them for 560,000 looks."""

    def __init__(self, board: Board, index: dict[ClassKey, _KeyClasses]) -> None:
        self.board, self.index, self.high = board, index, board.cfg.max_size
        self.keys: dict[ClassKey, _FullNow] = {}

    def of(self, key: ClassKey, held: _KeyClasses) -> _FullNow:
        now = self.keys.get(key)
        if now is None:
            now = self.keys[key] = _FullNow()
            for at, (then, cls) in enumerate(held.full):
                now.put(cls, at, then, self.high)
        return now

    def changed(self, cls: DraftClass) -> None:
        """cls's members changed: listed anew for each key it is on whose lists were made."""
        for key in self.board.keys_of.get(cls.seq, ()):
            now = self.keys.get(key)
            if now is None:
                continue
            held = self.index[key]
            at = held.full_at.get(cls.seq)
            if at is not None and held.full[at][1] is cls:
                now.put(cls, at, held.full[at][0], self.high)


class _KeyClasses(NamedTuple):
    """A class key's placed classes at the start of a pass: those with room, and the full ones by their
    lowest seat, lowest first."""

    room: list[DraftClass]
    full: list[tuple[float, DraftClass]]  # (its lowest seat's priority when the pass began, the class)
    full_at: dict[int, int]  # a full class's seq -> its place in full


def _pass_index(board: Board) -> dict[ClassKey, _KeyClasses]:
    """Each key's classes as _KeyClasses. Within a pass a class may fill up (it is looked at again in the
    next pass) or see its lowest seat rise (a swap: its place in `full` then only errs low, and the seat
    itself is checked); improve stops after a pass that moves nothing, when every index was up to date."""
    high = board.cfg.max_size
    # A request that found no move saw this index but for its key's classes that changed before it looked:
    # one that filled up is looked at as a full one (a swap, as the new index has it), one whose lowest seat
    # rose is checked by its seat; only one with room again is seen otherwise by the new index (among the
    # classes with room, whatever its lowest seat). Their keys are seen anew.
    board.stamp_keys(list(board.reopened))
    board.reopened = {}
    index: dict[ClassKey, _KeyClasses] = {}
    for key, classes in board.by_key.items():
        placed = [c for c in dict.fromkeys(classes) if c.live and c.period and c.members]
        full = sorted(((c.lowest().priority, c.seq), c) for c in placed if len(c.members) >= high)
        index[key] = _KeyClasses([c for c in placed if len(c.members) < high], [(p, c) for (p, _), c in full],
                                 {c.seq: i for i, (_, c) in enumerate(full)})
    return index


def moves(board: Board, req: Request, best_only: bool = False,
          index: dict[ClassKey, _KeyClasses] | None = None) -> Iterator[Move]:
    """For each class of req's key, the best move that raises the total priority served; best_only stops at
    the first free seat (an "add" gains the request's whole priority: no trade or swap gains more). With a
    pass's index (see _pass_index), only the classes with room and the full ones with a lower seat are
    looked at."""
    seats = req.state.seats
    free = board.room(req)
    if not free and all(s.priority >= req.priority for s in seats):
        return
    low, high = board.cfg.min_size, board.cfg.max_size
    give_up = sorted((s for s in seats if s.priority < req.priority and s.cls is not None
                      and len(s.cls.members) > low), key=lambda s: (s.priority, s.idx))
    if index is not None:
        held = index.get(req.key)
        if held is None:
            return
        classes = held.room
        if free:  # the full classes whose lowest seat when the pass began was below req (a seat only rises)
            below = []
            for lowest, cls in held.full:
                if lowest >= req.priority:
                    break
                below.append(cls)
            classes = classes + below
    else:
        classes = board.by_key.get(req.key, [])
    # over many classes, whether the cadre may be away is worked out once per period, not once per class
    away = board.free_periods(req) if free and len(classes) > 2 * board.periods else None
    for cls in classes:
        if not cls.live or not cls.period:
            continue
        if len(cls.members) < high:
            if free:
                if away[cls.period] if away is not None else board.free_in(req, cls.period):
                    yield Move(req.priority, "add", req, cls, None)
                    if best_only:
                        return
                continue
            for seat in give_up:
                if board.room(req, without=seat) and board.free_in(req, cls.period, without=seat):
                    yield Move(req.priority - seat.priority, "trade", req, cls, seat)
                    break
        elif free and cls.members:
            last = cls.lowest()
            if last.priority < req.priority and _can_swap(board, req, last, cls.period):
                yield Move(req.priority - last.priority, "swap", req, cls, last)


class _Shape(NamedTuple):
    """A key's classes with room at the start of a pass, as they are now: the first with room in each period
    (by position, as (position, class)), and those that filled up since, in order."""

    stamp: int  # the key's stamp when worked out: kept while it holds
    firsts: list[tuple[int, DraftClass]]
    filled: list[tuple[int, DraftClass]]
    by_lowest: list[tuple[float, int, DraftClass]]  # filled as (its lowest seat's priority, position, class), lowest first


def _shape(board: Board, key: ClassKey, held: _KeyClasses, shapes: dict[ClassKey, _Shape]) -> _Shape:
    stamp = board.key_stamp.get(key, 0)
    shape = shapes.get(key)
    if shape is not None and shape.stamp == stamp:
        return shape
    high = board.cfg.max_size
    firsts: dict[int, tuple[int, DraftClass]] = {}
    filled = []
    for pos, cls in enumerate(held.room):
        if not cls.live or not cls.period:
            continue
        if len(cls.members) < high:
            if cls.period not in firsts:
                firsts[cls.period] = pos, cls
        elif cls.members:
            filled.append((pos, cls))
    by_lowest = sorted(((cls.lowest().priority, pos, cls) for pos, cls in filled), key=lambda t: t[:2])
    shape = shapes[key] = _Shape(stamp, sorted(firsts.values(), key=lambda t: t[0]), filled, by_lowest)
    return shape


def best_move(board: Board, req: Request, index: dict[ClassKey, _KeyClasses],
              shapes: dict[ClassKey, _Shape], reopened: dict[ClassKey, _Reopened] | None = None,
              fulls: _Fulls | None = None) -> Move | None:
    """The move improve takes for req: max(moves(board, req, best_only=True, index=index)) by gain, the
    first of equals, found from the first class with room in each period (_shape) rather than every class
    of the key: classes of one period offer req the same move. fulls: the pass's (see _Fulls); without it,
    the classes full when the pass began are walked one by one."""
    seats = req.state.seats
    free = board.room(req)
    if not free and all(s.priority >= req.priority for s in seats):
        return None
    held = index.get(req.key)
    if held is None:
        return None
    shape = _shape(board, req.key, held, shapes)
    if not free:
        return _best_trade(board, req, seats, shape)
    away = board.free_periods(req)
    add = next((pc for pc in shape.firsts if away[pc[1].period]), None)
    if add is not None:
        # an add gains req's whole priority: a swap before it in the room list gains as much only where the
        # seat it takes is worth nothing (or less)
        if not shape.by_lowest or shape.by_lowest[0][0] > 0:
            return Move(req.priority, "add", req, add[1], None)
        found: list[Move] = []  # in the order moves() yields them
        for pos, cls in shape.filled:
            if pos > add[0]:
                break
            last = cls.lowest()
            if last.priority < req.priority and _can_swap(board, req, last, cls.period):
                found.append(Move(req.priority - last.priority, "swap", req, cls, last))
        found.append(Move(req.priority, "add", req, add[1], None))
        return max(found, key=_BY_GAIN)
    # no add in the room list: the best swap there (the lowest seat, then the first), then the classes full
    # when the pass began, in the order of their lowest seats then: a seat only rises, so once one's lowest
    # seat then was as high as the best seat found, none after it gains more
    best: Move | None = None
    best_last = 0.0
    for last_priority, _, cls in shape.by_lowest:
        if last_priority >= req.priority:
            break
        last = cls.lowest()
        if _can_swap(board, req, last, cls.period):
            best, best_last = Move(req.priority - last.priority, "swap", req, cls, last), last.priority
            break
    high = board.cfg.max_size
    add_at = _reopened_add(board, req, held, away, {} if reopened is None else reopened)
    # the periods where no seat can be taken, whoever gives it up (_can_swap): the cadre is away then, or its
    # unit is past its limit even with one of its own leaving; a big key has many full classes in them
    busy = req.state.busy
    unit_away, limit = board.away[req.unit], board.ctx.limits[req.unit]
    now = fulls.of(req.key, held) if fulls is not None and held.full and held.full[0][0] < req.priority else None
    walk = held.full
    if now is not None and not now.below:
        # the walk below takes the class of the lowest seat it may take, the first in `full` of equals: the first
        # of the lists of the periods where a seat can be taken (of any unit where the cadre may be away, of its
        # own where its unit is at its limit), none beyond add_at. Each lowest seat is at or above the one when
        # the pass began (not below), so the walk reaches that class before it stops.
        ceiling = req.priority if best is None else min(req.priority, best_last)
        bound = add_at[0] if add_at is not None else len(held.full)
        first: tuple[float, int, DraftClass] | None = None
        for period in range(1, len(away)):
            if away[period]:
                listed = now.by_period.get(period)
            elif period in busy or unit_away[period] > limit:
                continue
            else:
                listed = now.by_unit.get((period, req.unit))
            for entry in listed or ():
                if entry[0] >= ceiling:
                    break
                if entry[1] < bound:
                    if first is None or entry[:2] < first[:2]:
                        first = entry
                    break
        if first is not None:
            last = first[2].lowest()
            best, best_last = Move(req.priority - last.priority, "swap", req, first[2], last), last.priority
        walk = []  # the lists gave the class the walk takes
    for i, (lowest, cls) in enumerate(walk):  # those full when the pass began whose lowest seat was below req
        if lowest >= req.priority or (add_at is not None and i >= add_at[0]):
            break
        if best is not None and lowest >= best_last:
            break
        period = cls.period
        if not away[period] and (period in busy or unit_away[period] > limit):
            continue
        if not cls.live or not cls.period or len(cls.members) < high or not cls.members:
            continue  # one with room again: an add (add_at) where req's cadre may be away then
        last = cls.lowest()
        # _can_swap, known in part: the cadre is not busy then, and its unit is below its limit (away) or at it,
        # when only a seat of its own unit may be taken
        if last.priority < req.priority and (best is None or last.priority < best_last) \
                and (away[period] or last.unit == req.unit):
            best, best_last = Move(req.priority - last.priority, "swap", req, cls, last), last.priority
    if add_at is not None and (best is None or best_last > 0):
        return Move(req.priority, "add", req, add_at[1], None)
    return best


def _best_trade(board: Board, req: Request, seats: list[Request], shape: _Shape) -> Move | None:
    """A trade: the lowest seat of its own req's cadre may give up for a class with room, the first of the
    best; classes of one period offer the same trade."""
    low = board.cfg.min_size
    give_up = sorted((s for s in seats if s.priority < req.priority and s.cls is not None
                      and len(s.cls.members) > low), key=lambda s: (s.priority, s.idx))
    best: Move | None = None
    for _, cls in shape.firsts:
        for seat in give_up:
            if board.room(req, without=seat) and board.free_in(req, cls.period, without=seat):
                if best is None or req.priority - seat.priority > best.gain:
                    best = Move(req.priority - seat.priority, "trade", req, cls, seat)
                break
    return best


def _reopened_add(board: Board, req: Request, held: _KeyClasses, away: list[bool],
                  reopened: dict[ClassKey, _Reopened]) -> tuple[int, DraftClass] | None:
    """The first class full when the pass began, with a lowest seat below req's then, that has room again
    in a period req's cadre may be away (its place in held.full, the class); None if none.

    reopened: what the pass has worked out so far (a dict kept for the pass; {} for a look on its own). A key
    with thousands of classes sees hundreds of them lose a member in a pass: kept in a heap per period, each
    look reads the first with room of each period instead of every class listed."""
    listed = board.reopened.get(req.key)
    if not listed:
        return None
    known = reopened.get(req.key)
    if known is None:
        known = reopened[req.key] = _Reopened()
    by_period, queued = known.by_period, known.queued
    if known.read < len(listed):
        full_at, full = held.full_at, held.full
        for cls in listed[known.read:]:
            i = full_at.get(cls.seq)
            if i is not None and full[i][1] is cls and i not in queued:
                queued.add(i)
                heappush(by_period.setdefault(cls.period, []), (i, cls.seq, cls))
        known.read = len(listed)
    high = board.cfg.max_size
    found = None
    for period, heap in by_period.items():
        if not away[period]:
            continue
        while heap:
            i, _, cls = heap[0]
            if cls.live and cls.period and len(cls.members) < high:
                break
            heappop(heap)  # full again (or gone): a member leaving lists it again
            queued.discard(i)
        else:
            continue
        if (found is None or i < found[0]) and held.full[i][0] < req.priority:
            found = i, cls
    return found


class _Reopened:
    """A key's classes full when the pass began that have room again, by period (see _reopened_add). Kept for
    one pass: board.reopened[key] is the list it reads, appended to while the pass runs, made anew by the next."""

    __slots__ = ("by_period", "queued", "read")

    def __init__(self) -> None:
        self.read = 0  # how many of board.reopened[key] were read (a class already queued is not queued again)
        self.by_period: dict[int, list[tuple[int, int, DraftClass]]] = {}  # period -> heap of (place in held.full, seq, class)
        self.queued: set[int] = set()  # the places in held.full now in by_period's heaps


def _can_swap(board: Board, req: Request, leaving: Request, period: int) -> bool:
    """Can req's cadre take the seat `leaving` gives up in this period?"""
    if period in req.state.busy:
        return False
    unit = req.unit
    away = board.away[unit][period] - (unit == leaving.unit)
    return away < board.ctx.limits[unit]


def _apply(board: Board, move: Move, book: Book) -> list[Request]:
    """Make the move; returns the requests it left without a seat (and any it woke up)."""
    other = move.other
    freed = []
    if other is not None:
        board.release(other, CAP if move.kind == "trade" else FULL)
        freed.append(other)
    board.commit(move.req, move.cls)
    if move.kind == "swap" and other is not None:  # the displaced cadre's untried requests get a chance
        freed += board.try_the_rest(other.cadre, book[other.cadre])
    return freed
