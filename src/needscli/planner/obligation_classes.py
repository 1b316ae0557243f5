"""Classes for the obligations still without a seat, formed where discretionary seats give way (DOMAIN: the
obligations come before every discretionary need, and a missed one is a violation to chase, never a need to drop).

Forming places classes highest priority first, but a unit's share of cadres away in a period is taken by whichever
class is placed there first: a class of discretionary needs (a theory class for staff) may hold a unit's share in
the only periods a second class of its new recruits' initial training could run. Sending up (routes.seat_obligations)
seats an obligation in a class above its organizer's; here the obligations of a kind its own organizer's classes left
out get a class of their own, or a seat in one of their kind, in the period that seats the most of them by their
deadlines (the fewest seats given up among equals), where discretionary seats of their units of lower priorities give
way: a seat in a class that keeps its minimum size without it, else a class of discretionary needs alone is
cancelled, its members left to the other classes and routes as any need without a seat."""

from __future__ import annotations

from typing import NamedTuple

from needscli.planner.board import Board
from needscli.planner.on_time import seat_on_time
from needscli.planner.requests import GAVE_OWN, Book, Bucket, DraftClass, Request, Why, urgency_key
from needscli.planner.routes import ROUTABLE, serves_obligation

# a class's members, cancelled so that obligations of a unit could sit together in its period: of that unit (its share
# away), of another (whose share the class took nothing of, but a class below its minimum does not run)
CANCELLED = Why("cancelled")
CANCELLED_ELSEWHERE = Why("cancelled-elsewhere")
MOVED = Why("moved")  # a seat moved to a class of the same course in another period (seated again at once)
# an obligation left without a seat for these reasons waits for a class here: its class's period or its unit's share
# (ROUTABLE), or its cadre's call-ups or days taken meanwhile by discretionary seats, which give way (_Way.room_for)
_WAITING = ROUTABLE | {"cap", "days"}


class _Move(NamedTuple):
    """What seats a group of obligations in a period: who sits, in which class (None: a new one), the seats that
    give way (each in a class that keeps its minimum) and the classes cancelled."""

    period: int
    seated: list[Request]
    host: DraftClass | None
    give: list[Request]
    cancel: list[DraftClass]
    cancelled_for: dict[int, str]  # class seq -> the unit whose share its cancelling freed
    own: list[Request]  # seated cadres' own seats (of other periods) given way for their call-ups or days
    moved: list[Request]  # seats of the same obligations moved from classes of theirs in other periods

    def score(self, board: Board) -> tuple[int, int, int, int, int]:
        """The best move first: the most seated by their deadlines, then the most seated, then the fewest seats
        given way, then the fewest moved, then the earliest period."""
        end = board.ends(self.seated[0].key.topic)[self.period]  # completed by the deadline: Board.first_late
        timely = sum(1 for r in self.seated if r.deadline is None or r.deadline >= end)
        lost = len(self.give) + len(self.own) + sum(len(c.members) for c in self.cancel)
        return -timely, -len(self.seated), lost, len(self.moved), self.period


def form_for_obligations(board: Board, book: Book) -> bool:
    """Seat the obligations left without a seat by their own organizer's classes (a unit's share away, a clash or a
    class dissolved kept them out) where discretionary seats of their units give way, most urgent first: a class of
    their own in the period that seats the most of a group by their deadlines (_Move.score), at least
    classes.min_size of them, or a seat in a class of their kind with room there. A cadre whose call-ups or days
    discretionary seats took meanwhile (a leader kept out of his appointment class by his unit's share, then seated
    in two classes of lower needs) has the lowest of them give way. Whether any was seated (the caller improves the
    plan again: the seats given up may find others). Then each obligation seated in a class ending after its deadline
    moves to one of its course ending by it with a seat for it (seat_on_time)."""
    changed = _form(board, book)
    return seat_on_time(board) or changed


def _form(board: Board, book: Book) -> bool:
    obligations = board.cols.obligations
    waiting = [r for r in board.tried if r.cls is None and not r.route and r.why.code in _WAITING
               and serves_obligation(r, obligations) and (board.room(r) or _room_made(board, r))]
    if not waiting:
        return False
    groups: dict[Bucket, list[Request]] = {}
    for req in sorted(waiting, key=urgency_key):
        groups.setdefault(req.key.bucket, []).append(req)
    seated = _seated_by_unit(board)
    changed = False
    for members in groups.values():
        for _ in range(board.periods):  # a move seats some of the group in a period; at most one a period
            left = [r for r in members if r.cls is None and (board.room(r) or _room_made(board, r))]
            moves = [m for p in range(1, board.periods + 1) if (m := _move(board, left, p, seated)) is not None]
            if not moves:
                break
            for cadre in _make(board, min(moves, key=lambda m: m.score(board))):
                board.try_the_rest(cadre, book.get(cadre, []))
            changed = True
    return changed


def _room_made(board: Board, req: Request) -> bool:
    """Could req's cadre have the call-ups and days for it, its seats of discretionary needs below it giving way?"""
    return _Way.spare_for(board, req, set(), {}) is not None


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
    if not left or board.misfits(DraftClass(-1, [], left[:1], key=left[0].key))[period] == 2:
        return None  # a period shorter than its days (it would run into the next)
    room = cfg.max_size - (len(host.members) if host else 0)
    way = _Way(board, period, seated, host)
    chosen: list[Request] = []
    for req in left:  # the highest priority first: what gives way to one gives way to those before it
        if len(chosen) >= room:
            break
        own = req.state.busy.get(period)
        if own is not None and not way.own(own, req.priority):
            continue  # its cadre sits in a class then that neither spares the seat nor may be cancelled
        spare = way.room_for(req)
        if spare is None:
            continue  # its call-ups or days taken by seats that may not give way
        if way.away(req.unit) >= board.ctx.limits[req.unit] and not way.free_one(req.unit, req.priority):
            continue
        for seat in spare:
            way.give_own(seat)
        way.gone[req.unit] += 1
        chosen.append(req)
    moved = way.movers(bucket, least - len(chosen)) if host is None and chosen and len(chosen) < least else []
    if len(chosen) + len(moved) < least:
        return None
    return _Move(period, chosen, host, way.give, way.cancel, way.cancelled_for, way.own_given, moved)


class _Way:
    """The seats a move gives way in its period and the classes it cancels, with the units' cadres away after.
    Each is asked for the requests in falling priority (what may give way to one may to those before it), so the
    seats and classes of a unit are sorted once, the lowest first, and each passed over is so for good: given way,
    cancelled, its class at its minimum, or of a priority no later request is above."""

    def __init__(self, board: Board, period: int, seated: dict[tuple[str, int], list[Request]],
                 host: DraftClass | None) -> None:
        self.board, self.period, self.seated, self.host = board, period, seated, host
        self.obligations = board.cols.obligations
        self.give: list[Request] = []
        self.own_given: list[Request] = []  # the seated cadres' own seats of other periods, given way for their load
        self.given: set[int] = set()  # id of each seat in give or own_given
        self.cancel: list[DraftClass] = []
        self.cancelled_for: dict[int, str] = {}  # class seq -> the unit whose share its cancelling freed
        self.taken: dict[int, int] = {}  # class seq -> its seats given way (it keeps its minimum)
        self.gone: dict[str, int] = {}  # unit -> its cadres away in the period, after the move
        self._seats: dict[str, tuple[list[Request], list[int]]] = {}  # unit -> its seats that may give way, the lowest first
        self._classes: dict[str, list[tuple[float, DraftClass]]] = {}  # unit -> classes to cancel, the smallest first

    def away(self, unit: str) -> int:
        if unit not in self.gone:
            self.gone[unit] = self.board.away[unit][self.period]
        return self.gone[unit]

    def _keeps_min(self, cls: DraftClass) -> bool:
        return len(cls.members) - self.taken.get(cls.seq, 0) > self.board.cfg.min_size

    def _given(self, seat: Request, into: list[Request] | None = None) -> None:
        """The seat given way (into give, or the list given: own_given), its class's count and, where it is of this
        period, its unit's place in the share away."""
        assert seat.cls is not None
        (self.give if into is None else into).append(seat)
        self.given.add(id(seat))
        self.taken[seat.cls.seq] = self.taken.get(seat.cls.seq, 0) + 1
        if seat.cls.period == self.period:
            self.gone[seat.unit] = self.away(seat.unit) - 1

    def movers(self, bucket: Bucket | None, wanted: int) -> list[Request]:
        """Seats of the same course to move into this period's new class, so that it keeps its minimum: from the
        classes of its kind in other periods that keep theirs without them (30 appointees of one unit of 100, 20
        away at most: a class of 20, then 10 too few for another, 15 and 15 over two periods seat them all), of
        cadres free then, their unit below its share away, none made late by the move where enough others may move (one
        late in its class already, its deadline before the class ends, may move; one the move makes late where too few
        others may: the group it makes room for would go untrained, and serving an obligation comes before serving it
        on time); wanted of them, or none where there are not as many."""
        board, period, least = self.board, self.period, self.board.cfg.min_size
        if bucket is None:
            return []
        ends, limits = board.ends(bucket[0]), board.ctx.limits
        end = ends[period]
        moved: list[Request] = []
        for late in (False, True):  # those the move makes late only where the others are too few
            for cls in board.by_bucket.get(bucket, ()):
                if not cls.live or not cls.period or cls.period == period or cls.kept is not None \
                        or cls.seq in self.cancelled_for:
                    continue
                spare = len(cls.members) - self.taken.get(cls.seq, 0) - least
                was = ends[cls.period]
                for member in sorted(cls.members, key=lambda m: (m.deadline is None, m.deadline or end, m.idx),
                                     reverse=True):  # the latest deadlines first: the fewest made later
                    if spare <= 0 or len(moved) == wanted:
                        break
                    if member.route or member.key.bucket != bucket or id(member) in self.given \
                            or member.state.busy.get(period) is not None \
                            or (member.deadline is not None and was <= member.deadline < end) != late \
                            or self.away(member.unit) >= limits[member.unit]:
                        continue
                    moved.append(member)
                    self.given.add(id(member))
                    self.taken[cls.seq] = self.taken.get(cls.seq, 0) + 1
                    self.gone[member.unit] += 1
                    spare -= 1
        return moved if len(moved) == wanted else []

    def room_for(self, req: Request) -> list[Request] | None:
        """The cadre's own seats (of other periods) to give way so that it has the call-ups and days for req, the
        lowest first: none where it has them (after the seats this move gives way already); None where it cannot."""
        return self.spare_for(self.board, req, self.given, self.taken, set(self.cancelled_for))

    def give_own(self, seat: Request) -> None:
        self._given(seat, self.own_given)

    @staticmethod
    def spare_for(board: Board, req: Request, given: set[int], taken: dict[int, int],
                  cancelled: set[int] | None = None) -> list[Request] | None:
        """The seats of req's cadre to give way for its load, as room_for says, with the seats given (given: their
        ids), the seats each class gives (taken: class seq -> count) and the classes cancelled so far."""
        state, cancelled = req.state, cancelled or set()
        kept = [s for s in state.seats if id(s) not in given and s.cls is not None and s.cls.seq not in cancelled]
        seats, days = len(kept), board.held_days(req.cadre) + sum(s.days for s in kept)  # held: their call-ups off its cap
        limit, least, obligations = board.day_limit, board.cfg.min_size, board.cols.obligations
        if seats < state.cap and days + req.days <= limit:
            return []
        spare: list[Request] = []
        # the lowest priority first, the last need first among equals; each in a class keeping its minimum without it
        for seat in sorted(kept, key=lambda s: (s.priority, -s.idx)):
            if seat.priority >= req.priority or serves_obligation(seat, obligations):
                break
            cls = seat.cls
            assert cls is not None
            if len(cls.members) - taken.get(cls.seq, 0) - sum(1 for s in spare if s.cls is cls) <= least:
                continue
            spare.append(seat)
            seats, days = seats - 1, days - seat.days
            if seats < state.cap and days + req.days <= limit:
                return spare
        return None

    def own(self, seat: Request, above: float) -> bool:
        """The cadre's own seat in the period, given way to its obligation of priority above (given way already, its
        class cancelled already, or of a lower priority, no obligation, in a class keeping its minimum without it);
        whether it is."""
        cls = seat.cls
        if cls is None:
            return False
        if id(seat) in self.given or cls.seq in self.cancelled_for:
            return True  # its place in the unit's share counted already
        if seat.priority >= above or serves_obligation(seat, self.obligations) or not self._keeps_min(cls):
            return False
        self._given(seat)
        return True

    def _placed(self, unit: str) -> list[Request]:
        period = self.period
        return [s for s in self.seated.get((unit, period), ()) if (c := s.cls) is not None and c.live
                and c.period == period]

    def free_one(self, unit: str, above: float) -> bool:
        """One place more in the unit's share of cadres away for a request of priority above: the lowest of its seats
        then that may give way does (no obligation, of a lower priority, its class keeping its minimum); else the
        smallest class then holding one of its seats, of discretionary needs of lower priorities alone, is cancelled
        (each unit of its members has a place more). Whether one was made."""
        if unit not in self._seats:
            spare = sorted((s for s in self._placed(unit) if not serves_obligation(s, self.obligations)),
                           key=lambda s: (s.priority, -s.idx))
            self._seats[unit] = spare, [0]
        seats, at = self._seats[unit]
        while at[0] < len(seats):
            seat = seats[at[0]]
            cls = seat.cls
            if seat.priority >= above:
                break  # nor any after it, of this request or a later one
            at[0] += 1
            if cls is None or id(seat) in self.given or cls.seq in self.cancelled_for or not self._keeps_min(cls):
                continue  # for good: the seat gone, or its class at its minimum (it only loses seats here)
            self._given(seat)
            return True
        return self._cancel_one(unit, above)

    def _cancel_one(self, unit: str, above: float) -> bool:
        if unit not in self._classes:
            classes = {c.seq: c for s in self._placed(unit) if (c := s.cls) is not None and c is not self.host}
            self._classes[unit] = sorted(((max(m.priority for m in c.members), c) for c in classes.values()
                                          if not any(serves_obligation(m, self.obligations) for m in c.members)),
                                         key=lambda t: (len(t[1].members), t[1].seq))
        for top, cls in self._classes[unit]:
            if cls.seq in self.cancelled_for or top >= above:
                continue  # cancelled already, or holding a need of this request's priority or above
            if all(m.unit != unit or id(m) in self.given for m in cls.members):
                continue  # its seats of the unit given way already: cancelling it frees no place of the unit's share
            self.cancel.append(cls)
            self.cancelled_for[cls.seq] = unit
            for member in cls.members:
                if id(member) not in self.given:  # one given way has its place counted
                    self.gone[member.unit] = self.away(member.unit) - 1
            return True
        return False


def _make(board: Board, move: _Move) -> set[str]:
    """Give the seats way, cancel the classes and seat the group, as the move says; returns the cadres that lost a
    seat (their requests never tried may now find one)."""
    limits = board.ctx.limits
    lost = {seat.cadre for seat in move.give} | {m.cadre for cls in move.cancel for m in cls.members}
    for seat in move.give:
        if seat.cls is not None and seat.cls.seq not in move.cancelled_for:
            board.release(seat, Why("yielded", limit=limits[seat.unit]))
    for seat in move.own:
        if seat.cls is not None and seat.cls.seq not in move.cancelled_for:
            board.release(seat, GAVE_OWN)
    for seat in move.moved:
        board.release(seat, MOVED)
    for cls in move.cancel:
        unit = move.cancelled_for[cls.seq]
        for member in list(cls.members):
            board.release(member, CANCELLED if member.unit == unit else CANCELLED_ELSEWHERE)
        board.dissolve(cls)
    if move.host is not None:
        for req in move.seated:
            board.commit(req, move.host)
        return lost
    members = [*move.seated, *move.moved]
    families = sorted({r.key.family for r in members}, key=lambda f: (board.fam_order.get(f, len(board.fam_order)), f))
    cls = board.new_class(families, members)
    cls.period = move.period
    for req in members:
        board.commit(req, cls, append=False)
    return lost
