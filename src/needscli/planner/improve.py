"""Improving moves after forming: take a free seat, trade one's own lower seat, or take a lower one's."""

from __future__ import annotations

from collections.abc import Iterator
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


def improve(board: Board, book: Book) -> None:
    """Apply the best improving move of each unmet request until none is left (or the pass bound)."""
    waiting = [r for r in board.tried if r.cls is None]
    for _ in range(MAX_PASSES):
        waiting.sort(key=BY_RANK)
        freed: list[Request] = []
        index = _pass_index(board)
        shapes: dict[ClassKey, _Shape] = {}
        for req in waiting:
            if req.cls is not None or board.unchanged_since(req, req.seen_move):
                continue  # seated, or nothing it depends on changed since a look found no move for it
            best = best_move(board, req, index, shapes)
            if best is not None:
                freed += _apply(board, best, book)
            else:
                req.seen_move = board.clock
        if not freed and all(r.cls is None for r in waiting):
            return
        waiting = [r for r in waiting if r.cls is None] + freed


class _KeyClasses(NamedTuple):
    """A class key's placed classes at the start of a pass: those with room, and the full ones by their
    lowest seat, lowest first."""

    room: list[DraftClass]
    full: list[tuple[float, DraftClass]]  # (its lowest seat's priority when the pass began, the class)


def _pass_index(board: Board) -> dict[ClassKey, _KeyClasses]:
    """Each key's classes as _KeyClasses. Within a pass a class may fill up (it is looked at again in the
    next pass) or see its lowest seat rise (a swap: its place in `full` then only errs low, and the seat
    itself is checked); improve stops after a pass that moves nothing, when every index was up to date."""
    high = board.cfg.max_size
    # a key whose classes changed since the last index is seen anew by its requests: its index may differ
    board.clock += 1
    stamps = board.key_stamp
    for key, stamp in stamps.items():
        if stamp > board.index_clock:
            stamps[key] = board.clock
    board.index_clock = board.clock
    index: dict[ClassKey, _KeyClasses] = {}
    for key, classes in board.by_key.items():
        placed = [c for c in dict.fromkeys(classes) if c.live and c.period and c.members]
        full = sorted(((c.lowest().priority, c.seq), c) for c in placed if len(c.members) >= high)
        index[key] = _KeyClasses([c for c in placed if len(c.members) < high], [(p, c) for (p, _), c in full])
    return index


def moves(board: Board, req: Request, best_only: bool = False,
          index: dict[ClassKey, _KeyClasses] | None = None) -> Iterator[Move]:
    """For each class of req's key, the best move that raises the total priority served; best_only stops at
    the first free seat (an "add" gains the request's whole priority: no trade or swap gains more). With a
    pass's index (see _pass_index), only the classes with room and the full ones with a lower seat are
    looked at."""
    seats = board.seats.get(req.cadre, [])
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
    shape = shapes[key] = _Shape(stamp, sorted(firsts.values(), key=lambda t: t[0]), filled)
    return shape


def best_move(board: Board, req: Request, index: dict[ClassKey, _KeyClasses],
              shapes: dict[ClassKey, _Shape]) -> Move | None:
    """The move improve takes for req: max(moves(board, req, best_only=True, index=index)) by gain, the
    first of equals, found from the first class with room in each period (_shape) rather than every class
    of the key: classes of one period offer req the same move."""
    seats = board.seats.get(req.cadre, [])
    free = board.room(req)
    if not free and all(s.priority >= req.priority for s in seats):
        return None
    held = index.get(req.key)
    if held is None:
        return None
    shape = _shape(board, req.key, held, shapes)
    if not free:
        low = board.cfg.min_size
        give_up = sorted((s for s in seats if s.priority < req.priority and s.cls is not None
                          and len(s.cls.members) > low), key=lambda s: (s.priority, s.idx))
        best: Move | None = None
        for _, cls in shape.firsts:  # a trade: the lowest seat of its own the cadre may give up for this period
            for seat in give_up:
                if board.room(req, without=seat) and board.free_in(req, cls.period, without=seat):
                    if best is None or req.priority - seat.priority > best.gain:
                        best = Move(req.priority - seat.priority, "trade", req, cls, seat)
                    break
        return best
    away = board.free_periods(req)
    add = next((pc for pc in shape.firsts if away[pc[1].period]), None)
    found: list[Move] = []  # in the order moves() yields them
    for pos, cls in shape.filled:
        if add is not None and pos > add[0]:
            break
        last = cls.lowest()
        if last.priority < req.priority and _can_swap(board, req, last, cls.period):
            found.append(Move(req.priority - last.priority, "swap", req, cls, last))
    if add is not None:
        found.append(Move(req.priority, "add", req, add[1], None))
    else:
        high = board.cfg.max_size
        for lowest, cls in held.full:  # those full when the pass began whose lowest seat was below req
            if lowest >= req.priority:
                break
            if not cls.live or not cls.period:
                continue
            if len(cls.members) < high:
                if away[cls.period]:
                    found.append(Move(req.priority, "add", req, cls, None))
                    break
            elif cls.members:
                last = cls.lowest()
                if last.priority < req.priority and _can_swap(board, req, last, cls.period):
                    found.append(Move(req.priority - last.priority, "swap", req, cls, last))
    return max(found, key=_BY_GAIN, default=None)


def _can_swap(board: Board, req: Request, leaving: Request, period: int) -> bool:
    """Can req's cadre take the seat `leaving` gives up in this period?"""
    if period in board.busy.get(req.cadre, {}):
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
        entries = book[other.cadre]
        woken = [request_of(other.cadre, e, board.ctx, board.cols)
                 for e in entries[board.pointer.get(other.cadre, 0):]]
        board.pointer[other.cadre] = len(entries)
        board.tried += woken
        freed += woken
    return freed
