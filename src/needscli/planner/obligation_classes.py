"""Classes for the obligations still without a seat, formed where discretionary seats give way (DOMAIN: the
obligations come before every discretionary need, and a missed one is a violation to chase, never a need to drop).

Forming places classes highest priority first, but a unit's share of cadres away in a period is taken by whichever
class is placed there first: a class of discretionary needs (a theory class for staff) may hold a unit's share in
the only periods a second class of its new recruits' initial training could run. Sending up (routes.seat_obligations)
seats an obligation in a class above its organizer's; here the obligations of a kind its own organizer's classes left
out get a class of their own, or a seat in one of their kind, in the period where the fewest discretionary seats
of their units give way: a seat in a class that keeps its minimum size without it, else a class of discretionary
needs alone is cancelled, its members left to the other classes and routes as any need without a seat."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from needscli.planner.board import Board
from needscli.planner.requests import Bucket, DraftClass, Request, Why
from needscli.planner.routes import ROUTABLE, serves_obligation

# a class's members, cancelled so that obligations of their units could sit together in its period
CANCELLED = Why("cancelled")


class _Move(NamedTuple):
    """What seats a group of obligations in a period: who sits, in which class (None: a new one), the seats that
    give way (each in a class that keeps its minimum) and the classes cancelled."""

    period: int
    seated: list[Request]
    host: DraftClass | None
    give: list[Request]
    cancel: list[DraftClass]

    def score(self, board: Board) -> tuple[int, int, int, int]:
        """The best move first: the most seated by their deadlines, then the most seated, then the fewest seats
        given way, then the earliest period."""
        start = board.starts[self.period]
        timely = sum(1 for r in self.seated if r.deadline is None or r.deadline >= start)
        lost = len(self.give) + sum(len(c.members) for c in self.cancel)
        return -timely, -len(self.seated), lost, self.period


def form_for_obligations(board: Board) -> bool:
    """Seat the obligations left without a seat by their own organizer's classes (a unit's share away, a clash or a
    class dissolved kept them out) where discretionary seats of their units give way, most urgent first: a class of
    their own in the period that seats the most of a group by their deadlines (_Move.score), at least
    classes.min_size of them, or a seat in a class of their kind with room there. Whether any was seated (the caller
    improves the plan again: the seats given up may find others)."""
    obligations = board.cols.obligations
    waiting = [r for r in board.tried if r.cls is None and not r.route and r.why.code in ROUTABLE
               and serves_obligation(r, obligations) and board.room(r)]
    if not waiting:
        return False
    groups: dict[Bucket, list[Request]] = {}
    for req in sorted(waiting, key=_urgency):
        groups.setdefault(req.key.bucket, []).append(req)
    seated = _seated_by_unit(board)
    changed = False
    for members in groups.values():
        for _ in range(board.periods):  # a move seats some of the group in a period; at most one a period
            left = [r for r in members if r.cls is None and board.room(r)]
            moves = [m for p in range(1, board.periods + 1) if (m := _move(board, left, p, seated)) is not None]
            if not moves:
                break
            _make(board, min(moves, key=lambda m: m.score(board)))
            changed = True
    return changed


def _urgency(req: Request) -> tuple[float, int, int]:
    """The highest priority first; of equals, the earliest deadline (none last), then the first need."""
    return -req.priority, req.deadline.toordinal() if req.deadline else 1 << 30, req.idx


def _seated_by_unit(board: Board) -> dict[tuple[str, int], list[Request]]:
    """The seats of each unit in each period, of the live classes placed (read again where each is used: a seat
    given up since has no class, one moved a class of another period)."""
    seated: dict[tuple[str, int], list[Request]] = {}
    for cls in board.classes:
        if cls.live and cls.period:
            for member in cls.members:
                seated.setdefault((member.unit, cls.period), []).append(member)
    return seated


def _move(board: Board, left: list[Request], period: int,
          seated: dict[tuple[str, int], list[Request]]) -> _Move | None:
    """How the most of left (most urgent first) sit together in period, in a class of their kind with room there
    or a new one of classes.min_size at least; None where they cannot."""
    cfg = board.cfg
    bucket = left[0].key.bucket if left else None
    host = next((c for c in board.by_bucket.get(bucket, ()) if c.live and c.period == period
                 and len(c.members) < cfg.max_size), None) if bucket else None
    least = 1 if host else cfg.min_size
    if len(left) < least or board.misfits(DraftClass(-1, [], left[:1], key=left[0].key))[period] == 2:
        return None  # too few to form a class; or a period shorter than its days (it would run into the next)
    room = cfg.max_size - (len(host.members) if host else 0)
    way = _Way(board, period, seated, max(r.priority for r in left), host)
    chosen: list[Request] = []
    for req in left:
        if len(chosen) >= room:
            break
        own = req.state.busy.get(period)
        if own is not None and not way.own(own):
            continue  # its cadre sits in a class then that neither spares the seat nor may be cancelled
        if way.away(req.unit) >= board.ctx.limits[req.unit] and not way.free_one(req.unit):
            continue
        way.gone[req.unit] += 1
        chosen.append(req)
    if len(chosen) < least:
        return None
    return _Move(period, chosen, host, way.give, way.cancel)


class _Way:
    """The seats a move gives way in its period and the classes it cancels, with the units' cadres away after."""

    def __init__(self, board: Board, period: int, seated: dict[tuple[str, int], list[Request]], top: float,
                 host: DraftClass | None) -> None:
        self.board, self.period, self.seated, self.top, self.host = board, period, seated, top, host
        self.obligations = board.cols.obligations
        self.give: list[Request] = []
        self.cancel: list[DraftClass] = []
        self.taken: dict[int, int] = {}  # class seq -> its seats given way (it keeps its minimum)
        self.gone: dict[str, int] = {}  # unit -> its cadres away in the period, after the move

    def away(self, unit: str) -> int:
        if unit not in self.gone:
            self.gone[unit] = self.board.away[unit][self.period]
        return self.gone[unit]

    def _spares(self, seat: Request) -> bool:
        """Whether the seat may give way: of a lower priority, no obligation, its class keeping its minimum."""
        cls = seat.cls
        return (cls is not None and seat.priority < self.top and not serves_obligation(seat, self.obligations)
                and len(cls.members) - self.taken.get(cls.seq, 0) > self.board.cfg.min_size)

    def _given(self, seat: Request) -> None:
        assert seat.cls is not None
        self.give.append(seat)
        self.taken[seat.cls.seq] = self.taken.get(seat.cls.seq, 0) + 1
        self.gone[seat.unit] = self.away(seat.unit) - 1

    def own(self, seat: Request) -> bool:
        """The cadre's own seat in the period, given way to its obligation (its class cancelled already, or keeping
        its minimum without it); whether it was."""
        if seat.cls is None or seat in self.give:
            return False
        if seat.cls in self.cancel:
            return True  # its place in the unit's share was counted as the class was cancelled
        if not self._spares(seat):
            return False
        self._given(seat)
        return True

    def free_one(self, unit: str) -> bool:
        """One place more in the unit's share of cadres away: the lowest of its seats then that may give way does;
        else the smallest class then holding one of its seats, of lower priorities and no obligation, is cancelled
        (each unit of its members has a place more). Whether one was made."""
        period = self.period
        mine = [s for s in self.seated.get((unit, period), ()) if (c := s.cls) is not None and c.live
                and c.period == period and c not in self.cancel and s not in self.give]
        spare = [s for s in mine if self._spares(s)]
        if spare:
            self._given(min(spare, key=lambda s: (s.priority, -s.idx)))
            return True
        classes = {c.seq: c for s in mine if (c := s.cls) is not None}
        may = [c for c in classes.values() if c is not self.host  # the class the move seats them in runs
               and _all_discretionary(c.members, self.top, self.obligations)]
        if not may:
            return False
        cls = min(may, key=lambda c: (len(c.members), c.seq))
        self.cancel.append(cls)
        for member in cls.members:
            if member not in self.give:  # one given way has its place counted
                self.gone[member.unit] = self.away(member.unit) - 1
        return True


def _all_discretionary(members: Iterable[Request], top: float, obligations: frozenset[int]) -> bool:
    return all(m.priority < top and not serves_obligation(m, obligations) for m in members)


def _make(board: Board, move: _Move) -> None:
    """Give the seats way, cancel the classes and seat the group, as the move says."""
    limits = board.ctx.limits
    for seat in move.give:
        if seat.cls is not None and seat.cls not in move.cancel:
            board.release(seat, Why("yielded", limit=limits[seat.unit]))
    for cls in move.cancel:
        for member in list(cls.members):
            board.release(member, CANCELLED)
        board.dissolve(cls)
    if move.host is not None:
        for req in move.seated:
            board.commit(req, move.host)
        return
    families = sorted({r.key.family for r in move.seated}, key=lambda f: (board.fam_order.get(f, len(board.fam_order)), f))
    cls = board.new_class(families, list(move.seated))
    cls.period = move.period
    for req in move.seated:
        board.commit(req, cls, append=False)
