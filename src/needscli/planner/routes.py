"""Small groups served, not dropped: a request left without a class after forming is sent up to the next
organizer's class of its kind (上级调训), else trained online (网络培训) where its topic is taught online,
else in its own unit (单位自主培训) where its type allows (classes.in_unit_types) and its group was too
small for a class or its unit's share away kept it back (or its class, short of members left out, could
not run). A need the cadre's call-ups or days away left without a class is learnt online where its topic
is taught online. Only a request no route takes stays unmet."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable

from needscli.config import ClassesConfig
from needscli.planner.board import Board
from needscli.planner.context import unit_limit
from needscli.planner.grouping import attending_at_once, cadres_by_unit
from needscli.planner.model import NoClass, PlanContext
from needscli.planner.placement import join_best, join_earliest
from needscli.planner.requests import (
    FULL,
    GAVE_OWN,
    Book,
    Bucket,
    ClassKey,
    DraftClass,
    Request,
    Why,
    by_rank,
    request_of,
)

# reasons of a request left without a seat that a route may cure: the group, the period or the class,
# not the cadre's own load (a cadre at its call-ups or days stays so)
ROUTABLE = frozenset({"small", "dissolved", "clash", "unit", "no-seat", "full", "yielded", "cancelled", "cancelled-elsewhere"})
# reasons that leave a group too small for a class of its own (_no_class)
_NO_CLASS = frozenset({"small", "dissolved"})
# reasons of the cadre's own load: no class, but online learning takes neither a call-up nor a day away
_LOAD = frozenset({"cap", "cap-lower", "days", "gave-own"})
# reasons a unit may answer by training the cadre itself (where the topic allows, classes.in_unit_types):
# its group was too small for a class, or the unit could not let it go together (its share away in one
# period, or its class fell below the minimum once members past that share or busy were left out)
_IN_UNIT = frozenset({"small", "unit", "dissolved", "yielded", "cancelled", "cancelled-elsewhere"})


def route_the_rest(board: Board, book: Book) -> list[NoClass]:
    """Give each routable request left without a seat its first route that serves it, highest priority
    first; a need the cadre had no call-ups or days left for is learnt online where its topic is taught
    online (online learning is no call-up and no day away). Returns the groups that were too small for a
    class of their own and how they were served."""
    cfg, ctx = board.cfg, board.ctx
    if ctx.online:
        _online_past_the_cap(board, book)
    waiting = by_rank(r for r in board.tried if r.cls is None and not r.route and r.why.code in ROUTABLE)
    small: dict[tuple[str, str, str, str], list[Request]] = {}
    for req in waiting:
        if req.why.code in _NO_CLASS:
            small.setdefault(req.key.bucket, []).append(req)
    above = _Above()
    online, in_unit, up = _may(board, "online"), _may(board, "in-unit"), _may(board, "sent-up")
    for req in waiting:
        if cfg.send_up and up(req) and _send_up(board, req, above):
            req.route = "sent-up"
        elif req.key.topic in ctx.online and online(req):
            req.route = "online"
        elif cfg.in_unit and req.why.code in _IN_UNIT and req.key.kind in cfg.in_unit_types and in_unit(req):
            req.route = "in-unit"
    return _no_class(small, ctx, cfg)


def seat_obligations(board: Board) -> bool:
    """Before the other routes: each obligation still without a seat (highest priority first) sent up to a class
    with a seat above its organizer's, else seated where discretionary seats give way (_Yielding); a class ending
    by its deadline before one after it, whichever way it takes its seat (_ways_up). Whether any seat was given up
    (the caller improves the plan again: the seats given up, and those their going freed, may find others)."""
    cfg, obligations = board.cfg, board.cols.obligations
    up = _may(board, "sent-up")
    above = _Above()
    yielding = _Yielding(board)
    for req in by_rank(r for r in board.tried if r.cls is None and not r.route and r.why.code in ROUTABLE
                       and serves_obligation(r, obligations)):
        if not (cfg.send_up and up(req)):
            continue
        # by its deadline before after it: a free seat, else one given way, in the classes ending by it; only then
        # in those after it, the earliest first
        for lists, earliest in _ways_up(board, req, above):
            if any(_join(board, req, classes, earliest) for classes in lists) or yielding.seat(req, lists, earliest):
                req.route = "sent-up"
                break
    return bool(yielding.gave_way)


class _Yielding:
    """An obligation no class or route had a seat for (DOMAIN: the obligations come before every discretionary
    need), sent up to a class of its kind above its organizer's in a period its cadre is free, in place of the lowest
    seats of discretionary needs below it that stand in its way: the class's own where it is full; one of its unit
    in that period, where the unit's cadres away are at their limit (its class keeping its minimum size); the
    cadre's own, where its call-ups or days are taken (its class keeping its minimum). Of the unit's seats, the
    lowest gives way, in the class it joins (which keeps its size) or in another (which keeps its minimum); in a full
    class, one of its unit there first (its going makes room in the class and in the share at once). The plan is
    improved again after (the seats given up may find others), then each goes another way or stays unmet saying
    why."""

    def __init__(self, board: Board) -> None:
        self.board = board
        self.gave_way: list[Request] = []
        self._seated: dict[tuple[str, int], list[Request]] | None = None

    def seat(self, req: Request, chain: list[list[DraftClass]], earliest: bool = False) -> bool:
        """Seat req so in a class of chain (lists of classes above its organizer's, the nearest first: _ways_up);
        whether it was. Where its cadre's call-ups or days are taken, the cadre's own lowest seat of a discretionary
        need gives way too. earliest: past its deadline, the earliest class first, full or not (each costs a seat)."""
        board = self.board
        if not any(chain):
            return False
        mine = None
        if not board.room(req):
            mine = self._own_lowest(req)
            if mine is None or not board.room(req, without=mine):
                return False
        high, busy, obligations = board.cfg.max_size, req.state.busy, board.cols.obligations
        held_back = False  # a class had room in a period the cadre is free, its unit's share away full then
        # the classes above its organizer's, as sending up takes them (its own organizer's had no seat for it when
        # forming and improving the plan, which weigh every seat of its kind)
        candidates = [cls for classes in chain
                      for cls in sorted((c for c in classes if c.live and c.period and busy.get(c.period, mine) is mine),
                                        key=lambda c: (c.period, len(c.members), c.seq))]
        # the classes with room, the earliest first, before the full ones (past its deadline, the earliest first,
        # full or not, as each costs one seat; but where the cadre's own seat goes too, a class with room before a
        # full one of its period, which costs one more): a seat of its unit gives way where its unit's cadres away
        # are at their limit, the lowest of the class where it is full
        def order(c: DraftClass) -> tuple[int, bool]:
            full = len(c.members) >= high
            return (c.period, mine is not None and full) if earliest else (0, full)

        for cls in sorted(candidates, key=order):
            inside = other = None
            full = len(cls.members) >= high
            unit_full = not board.free_in(req, cls.period, without=mine)
            if unit_full:  # the unit's lowest seat then gives way: in the class itself (which keeps its size) or another
                here = _lowest_of((m for m in cls.members if m.unit == req.unit and m is not mine), req, obligations)
                # a full class: one seat of its unit in it makes room in the class and in the unit's share at once
                there = None if full and here is not None else self._lowest(req, cls, (mine,))
                other = here if there is None or (here is not None and _rank(here) <= _rank(there)) else there
                if other is None:
                    held_back = True
                    continue
            if full and (other is None or other.cls is not cls):  # its lowest seat of a discretionary need
                inside = _lowest_of(cls.members, req, obligations)
                if inside is None:
                    continue
                if other is not None and inside.unit == req.unit:
                    other = None  # the class's lowest is of its unit: its going makes room in both
            self._take(req, cls, mine, inside, other)
            return True
        if held_back and req.why.code == "small":  # its reason says so, not that no class was there
            req.why = req.why._replace(held_back=board.ctx.limits[req.unit])
        return False

    def _take(self, req: Request, cls: DraftClass, mine: Request | None, inside: Request | None,
              other: Request | None) -> None:
        """Seat req in cls, the cadre's own seat (mine), the class's (inside) and its unit's (other) given up."""
        if mine is not None:
            self._give_way(mine, GAVE_OWN)
        if inside is not None:
            self._give_way(inside, FULL)
        if other is not None:
            self._give_way(other, Why("yielded", limit=self.board.ctx.limits[req.unit]))
        self.board.commit(req, cls)

    def _give_way(self, other: Request, why: Why) -> None:
        self.board.release(other, why)  # a seat sent up, given way, is no longer routed
        self.gave_way.append(other)

    def _own_lowest(self, req: Request) -> Request | None:
        """The cadre's own seat to give way to its obligation: of a lower priority, no obligation, in a class that
        keeps its minimum size without it; the lowest priority, the last need first."""
        low, obligations = self.board.cfg.min_size, self.board.cols.obligations
        return _lowest_of((s for s in req.state.seats if s.cls is not None and len(s.cls.members) > low), req,
                          obligations)

    def _lowest(self, req: Request, cls: DraftClass, not_these: tuple[Request | None, ...]) -> Request | None:
        """The seat of req's unit in cls's period to give way: of a lower priority, no obligation, in a class
        that keeps its minimum size without it (and no other than cls); the lowest priority, the last need first."""
        board = self.board
        if self._seated is None:
            self._seated = {}
            for draft in board.classes:
                if draft.live and draft.period:
                    for member in draft.members:
                        self._seated.setdefault((member.unit, draft.period), []).append(member)
        low = board.cfg.min_size
        seated = [other for other in self._seated.get((req.unit, cls.period), ())
                  if (held := other.cls) is not None and held is not cls and held.period == cls.period
                  and len(held.members) > low and other not in not_these]
        return _lowest_of(seated, req, board.cols.obligations)


def _may(board: Board, route: str) -> Callable[[Request], bool]:
    """Whether the route may serve a request: any request where obligations may take it (classes.obligation_routes),
    else one serving no obligation."""
    if route in board.cfg.obligation_routes:
        return lambda req: True
    obligations = board.cols.obligations
    return lambda req: not serves_obligation(req, obligations)


def serves_obligation(req: Request, obligations: frozenset[int]) -> bool:
    """Whether one of the request's needs is an obligation (appointment, initial, rotation ...); obligations:
    NeedColumns.obligations."""
    return not obligations.isdisjoint(req.needs)


def _online_past_the_cap(board: Board, book: Book) -> None:
    """The requests of topics taught online that the cadre's call-ups or days kept from a class (tried, or
    never tried once the cap was reached) are learnt online."""
    ctx = board.ctx
    online = _may(board, "online")
    for req in board.tried:
        if req.cls is None and not req.route and req.why.code in _LOAD and req.key.topic in ctx.online and online(req):
            req.route = "online"
    for cadre, entries in book.items():
        if not ctx.eligible(cadre):
            continue
        state = board.state(cadre)
        if state.pointer >= len(entries):
            continue
        for entry in entries[state.pointer:]:
            req = request_of(cadre, entry, ctx, board.cols, state)
            if req.key.topic in ctx.online and online(req):
                req.route = "online"
            board.tried.append(req)  # a request never tried stays unmet with the cap as its reason
        state.pointer = len(entries)


def _send_up(board: Board, req: Request, above: _Above) -> bool:
    """Seat req in a class of its kind run by an organizer above its own (the nearest first), in the order _ways_up
    gives. above: the lists of classes above each key, kept across calls (routing forms no class): the waiting
    requests share few keys, and each request made a key and a bucket for every organizer above its own."""
    return any(_join(board, req, classes, earliest)
               for lists, earliest in _ways_up(board, req, above) for classes in lists)


def _ways_up(board: Board, req: Request, above: _Above) -> list[tuple[list[list[DraftClass]], bool]]:
    """The lists of classes above req's organizer in the order they are tried, each with whether the earliest class
    comes first (else the smallest, join_best): a request without a deadline, all of them, the smallest first; an
    obligation with one, those ending by it (the smallest first), then those after it (the earliest first: the
    least late); one overdue before the plan starts, all of them, the earliest first."""
    last = _last_timely(board, req)
    if last >= board.periods:
        return [(above.chain(board, req.key), False)]
    if last <= 0:
        return [(above.chain(board, req.key), True)]
    return [(above.timely(board, req.key, last, True), False), (above.timely(board, req.key, last, False), True)]


def _join(board: Board, req: Request, classes: list[DraftClass], earliest: bool) -> bool:
    return join_earliest(board, req, classes) if earliest else join_best(board, req, classes)


class _Above(dict[ClassKey, list[list[DraftClass]]]):
    """The lists of classes above each key's organizer (_classes_above), and of those starting by a period and
    after it, kept across the requests routed (routing forms no class, nor moves one): a list made for each
    obligation sent up would be made again for every other of its kind (a province's buckets hold thousands)."""

    def __init__(self) -> None:
        super().__init__()
        self._split: dict[tuple[Bucket, int, bool], list[list[DraftClass]]] = {}

    def chain(self, board: Board, key: ClassKey) -> list[list[DraftClass]]:
        """_classes_above(key), made once a key."""
        chain = self.get(key)
        if chain is None:
            chain = self[key] = _classes_above(board, key)
        return chain

    def timely(self, board: Board, key: ClassKey, last: int, by: bool) -> list[list[DraftClass]]:
        """The chain's classes of period last or before (by), or after it; the same for every key of a bucket."""
        found = self._split.get((key.bucket, last, by))
        if found is None:
            found = self._split[key.bucket, last, by] = [
                [c for c in classes if (0 < c.period <= last) == by] for classes in self.chain(board, key)]
        return found


def _last_timely(board: Board, req: Request) -> int:
    """The last period whose class of req's topic ends by req's deadline (that of the obligations it serves; 0: none
    does: Board.first_late), or the last period where it has none."""
    if req.deadline is None:
        return board.periods
    return board.first_late(req.key.topic, req.deadline) - 1


def _classes_above(board: Board, key: ClassKey) -> list[list[DraftClass]]:
    """The lists of classes of key's kind under each organizer above its own, the nearest first (those with
    classes)."""
    parents, seen = board.ctx.parents, {key.organizer}
    found = []
    organizer = parents.get(key.organizer)
    while organizer and organizer not in seen:
        seen.add(organizer)
        classes = board.by_bucket.get(key.with_organizer(organizer).bucket)
        if classes:
            found.append(classes)
        organizer = parents.get(organizer)
    return found


def _no_class(groups: dict[tuple[str, str, str, str], list[Request]], ctx: PlanContext,
              cfg: ClassesConfig) -> list[NoClass]:
    """Each group too small for a class, with its cadres, the route most of them took and the minimum class
    size that would have formed it (the most that asked at one time, no more of a unit than its share away
    can attend at once), and the share of a unit away at once that would (where that share alone holds it back);
    the largest first. A group whose class was formed and cancelled ("dissolved") is one where the units' shares
    kept it below the minimum (one cancelled for its members' other classes is not too small), and where none of
    its kind was too small as it asked (their group is listed, as it asked)."""
    out = []
    for (topic, kind, organizer, band), everyone in groups.items():
        members = [r for r in everyone if r.why.code == "small"] or everyone
        by_unit = cadres_by_unit(members)
        together = attending_at_once(by_unit, ctx.limits)
        if together >= cfg.min_size and members[0].why.code == "dissolved":
            continue
        routes = Counter(r.route or "unmet" for r in members)
        route = max(routes, key=lambda k: (routes[k], k))
        cadres = len({r.cadre for r in members})
        # the largest group that asked at one time (cadres ask in rounds, as their higher requests are
        # served or turned down): what its reasons quote, and what a class of that minimum would hold
        at_once = max(max(r.why.own, r.why.merged) for r in members) or cadres
        share = (_share_that_forms(by_unit, ctx.sizes, cfg.min_size)
                 if together < cfg.min_size <= at_once else None)
        out.append(NoClass(topic, kind, organizer, band, cadres, route, max(1, min(at_once, together)), share))
    out.sort(key=lambda g: (-g.cadres, g.organizer, g.topic_id, g.training_type, g.band))
    return out


def _share_that_forms(by_unit: Counter[str], sizes: dict[str, int], least: int) -> float | None:
    """The least share of a unit away at once (classes.unit_away_share, to the whole percent above) at which the
    cadres of by_unit (unit -> cadres) could attend one class of least together; None where there are fewer."""
    if sum(by_unit.values()) < least:
        return None
    # at the share k / size a unit's limit reaches k: the shares where the number that can attend together grows
    steps = sorted({k / sizes.get(unit, n) for unit, n in by_unit.items() for k in range(1, n + 1)})

    def together(share: float) -> int:
        return sum(min(n, unit_limit(share, sizes.get(unit, n))) for unit, n in by_unit.items())

    low, high = 0, len(steps) - 1  # together(steps[-1]) holds every cadre: at least least
    while low < high:
        mid = (low + high) // 2
        if together(steps[mid]) >= least:
            high = mid
        else:
            low = mid + 1
    return min(1.0, math.ceil(steps[low] * 100 - 1e-9) / 100)


def _rank(seat: Request) -> tuple[float, int]:
    """The order seats give way in (_lowest_of): the lowest priority first, the last need first among equals."""
    return seat.priority, -seat.idx


def _lowest_of(seats: Iterable[Request], req: Request, obligations: frozenset[int]) -> Request | None:
    """Of the seats, the lowest below req's priority serving no obligation (the last need first among equals)."""
    best = None
    for other in seats:
        if other.priority < req.priority and not serves_obligation(other, obligations) and (
                best is None or _rank(other) < _rank(best)):
            best = other
    return best
