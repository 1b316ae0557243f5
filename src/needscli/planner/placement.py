"""Forming classes round by round: join classes with room, form new ones, place each in its best period."""

from __future__ import annotations

from bisect import bisect_right
from heapq import heapify, heappop, heappush
from itertools import accumulate

from needscli.planner.board import Board, OpenIndex
from needscli.planner.grouping import group_requests, split_group
from needscli.planner.requests import (
    BY_ROSTER,
    CAP,
    CLASH,
    DISSOLVED,
    FULL,
    Book,
    ClassKey,
    DraftClass,
    Request,
    Why,
    by_rank,
    rank_sort,
    request_of,
    urgency_key,
)
from needscli.planner.waiting import Waiting

_LEFT_OUT = frozenset({"unit", "clash", "dissolved"})


def reform_left_out(board: Board) -> bool:
    """The members a unit's share or a clash kept out of their class (and those of classes dissolved for it)
    form classes of their own in the periods where they fit, while any such class forms; whether any did.
    Where none of them is free in any period (busy, or its unit at its limit, in every one: Board.free_somewhere_of),
    no class can keep any and none can join one: the pass, which would seat no one, is not made. At 100,000 cadres
    all 190,023 left out were such, and forming classes of them took 0.97 s."""
    formed = False
    left = board.tried
    for _ in range(board.periods):  # each pass that seats anyone fills a period more; there are no more
        # a pass's left out are among the last pass's: a pass only takes seats (a request seated, or without a call-up
        # or the days left, stays so) and gives every request it leaves without a seat its reason back (at a million
        # cadres three passes read the 5.3 million requests tried each)
        left = [r for r in left if r.cls is None and not r.route and r.why.code in _LEFT_OUT and board.room(r)]
        able = {id(r) for r, free in zip(left, board.free_somewhere_of(left), strict=True) if free}
        if not able:
            return formed
        whys = [r.why for r in left]
        # a copy: the round sorts its batch in place, and whys are in left's order
        _seat_batch(board, list(left), able)
        for req, why in zip(left, whys, strict=True):
            if req.cls is None:
                req.why = why  # no class formed for it: what kept it out of its first class still says why
        if all(r.cls is None for r in left):  # the pass seated no one (all of left were without a seat)
            return formed
        formed = True
    return formed


def run_rounds(board: Board, book: Book, pool_every_need: bool = False) -> None:
    """Top requests first; a request that gets no seat frees the slot for the cadre's next one. A request
    the cadre has no days left for is passed over (unmet, "days") and the next one tried. Obligations too few for a
    class in their round are a group again with the requests of their course a later round brings (_pooled: a cadre
    whose obligation came up in the first round, the three others of its class in the second, behind needs of their
    own), their cadres' call-ups and days held for them in that round. Discretionary needs too few go the other routes
    (sent up, online, in the unit), as an obligation may not; but with pool_every_need (a re-plan whose kept classes or
    classes held this year took call-ups before the rounds: planner.kept) they too are pooled so. The call-ups taken
    bring their cadres' entries up rounds later than others' of their kind: 23 leaders' theory class came up as 13 in
    the first round and 10 in the second, each too few, and their call-ups went to needs of a quarter its priority."""
    todo = [c for c in book if board.ctx.eligible(c)]
    limit = board.cfg.max_days_away + 1e-9
    obligations = board.cols.obligations
    small: list[Request] = []  # requests of the rounds before left without a class for want of others of their kind
    while todo:
        pooled = _pooled(board, book, todo, small) if small else {}
        batch = _round(board, book, todo, pooled, limit)
        if not batch and pooled:  # the slots they held were the only ones left: the cadres' own entries first
            pooled = {}
            batch = _round(board, book, todo, pooled, limit)
        if not batch:
            return
        board.tried += batch
        prune_open(board)
        again = [r for held in pooled.values() for r in held]
        _seat_batch(board, batch + again if again else batch)
        small = [r for r in (*small, *batch)
                 if r.cls is None and r.why.code == "small" and (pool_every_need or not obligations.isdisjoint(r.needs))]
        todo = list(dict.fromkeys(r.cadre for r in (*batch, *again) if r.cls is None))


def _round(board: Board, book: Book, todo: list[str], pooled: dict[str, list[Request]], limit: float) -> list[Request]:
    """The requests each cadre of todo makes this round: its next entries, as many as its call-ups left (less the
    slots its pooled requests hold) and its days allow."""
    ctx, cols = board.ctx, board.cols
    batch = []
    for cadre in todo:
        state = board.state(cadre)
        entries, i = book[cadre], state.pointer
        held = pooled.get(cadre, ())
        free = state.cap - len(state.seats) - len(held)
        days = state.days + sum(r.days for r in held)
        while free > 0 and i < len(entries):
            req = request_of(cadre, entries[i], ctx, cols, state)
            if days + req.days > limit:
                if held:  # the days its pooled requests hold: tried in a round where they no longer hold them
                    break
                req.why = Why("days", days=req.days)
                board.tried.append(req)
                i += 1
                continue
            i += 1
            batch.append(req)
            days, free = days + req.days, free - 1
        state.pointer = i
    return batch


def _pooled(board: Board, book: Book, todo: list[str], small: list[Request]) -> dict[str, list[Request]]:
    """The obligations (with run_rounds' pool_every_need, the needs of every kind) of the rounds before left without a
    class for want of others of their kind (small) that a class of this round's may take: of a kind the next entries
    of todo's cadres ask for, their cadres with the call-ups and days for them (each cadre's highest first, none lower
    held while a higher one waits), by cadre."""
    kinds = set()
    for cadre in todo:
        state = board.state(cadre)
        for entry in book[cadre][state.pointer:state.pointer + max(state.cap - len(state.seats), 0)]:
            kinds.add(entry.key.bucket)
    pooled: dict[str, list[Request]] = {}
    passed: set[str] = set()  # cadres with a waiting request this round brings none of: none lower of theirs held
    limit = board.day_limit
    for req in small:  # each cadre's in the order tried: the highest first
        if req.cls is not None or req.cadre in passed:
            continue
        if req.key.bucket not in kinds:
            passed.add(req.cadre)  # a lower one holding a slot could keep this one from a seat a later round brings
            continue
        held = pooled.get(req.cadre, [])
        state = req.state
        if len(state.seats) + len(held) < state.cap and state.days + sum(r.days for r in held) + req.days <= limit:
            pooled.setdefault(req.cadre, []).append(req)
        else:
            passed.add(req.cadre)
    return pooled


def _seat_batch(board: Board, batch: list[Request], able: set[int] | None = None) -> None:
    """A round: join classes with room, form new ones from the rest, place them; small groups join last.
    able: the ids of the requests free in some period (Board.free_somewhere_of), where the round is to skip what
    cannot seat anyone: the others do not look for a class to join (a look would find none), and a group no
    period could keep enough of (_hopeless) forms no class, its members left out as the classes it would form
    would leave them, their reasons as they were (reform_left_out gives back every unseated request's reason)."""
    rank_sort(batch)
    if able is None:
        left = [r for r in batch if not _join_open(board, r)]
    else:
        left = [r for r in batch if id(r) not in able or not _join_open(board, r)]
    looked = board.clock
    groups, small = group_requests(left, board.cfg, board.fam_order, board.ctx.limits)
    fresh = []
    displaced: list[Request] = []
    for families, members in groups:
        if able is not None and _hopeless(board, [r for r in members if id(r) in able]):
            displaced += members
            continue
        parts, rest = split_group(members, board.cfg.max_size, board.cfg.min_size)
        fresh += [board.new_class(families, part) for part in parts]
        for req in rest:
            req.why = FULL
        displaced += rest
    # highest priority first; the obligations a placed class left out (its period's unit share, a clash) form a class
    # again at once, placed before any class of lower priority may take their units' places in the other periods
    queue = [(-cls.priority, cls.seq, cls) for cls in fresh]
    heapify(queue)
    waiting = Waiting(board, fresh)
    while queue:
        cls = heappop(queue)[2]
        waiting.remove(cls)
        out = _place(board, cls, waiting)
        again, out = _form_again(board, cls, out)
        for new in again:
            heappush(queue, (-new.priority, new.seq, new))
            waiting.add(new)
        displaced += out
    # a group too small even after merging still joins a compatible class of another job family
    for req in small:
        join_best(board, req, board.by_bucket.get(req.key.bucket, []))
    _join_again(board, displaced, looked)


def _form_again(board: Board, cls: DraftClass, out: list[Request]) -> tuple[list[DraftClass], list[Request]]:
    """Of the members a class placed left out (_place's out), those serving an obligation whom its period alone kept
    out (their unit's share away then, or a seat of theirs then) form classes of the same key, where at least
    classes.min_size of them have the room (DOMAIN: obligations come before every discretionary need: 7 recruits of
    a unit of 10, 2 away at a time, have their initial training in four classes over four months, within their
    probations, before its theory classes take those months). The classes, and the rest of out."""
    obligations = board.cols.obligations
    if not cls.live or not out or not obligations:
        return [], out
    rooms = board.rooms(out)
    again = [r for r, room in zip(out, rooms, strict=True)
             if room and r.why.code in _KEPT_OUT_THEN and not obligations.isdisjoint(r.needs)]
    if len(again) < board.cfg.min_size:
        return [], out
    parts, rest = split_group(again, board.cfg.max_size, board.cfg.min_size)
    formed = {id(r) for part in parts for r in part}
    return ([board.new_class(cls.families, part, cls.key) for part in parts],
            [r for r in out if id(r) not in formed])


_KEPT_OUT_THEN = frozenset({"unit", "clash"})  # _fit's reasons that keep a member out of one period only


def _hopeless(board: Board, members: list[Request]) -> bool:
    """Would every class formed of some of a group's members be dissolved, whatever else the round places first?
    _place dissolves a class where no period keeps classes.min_size of its members (_kept). What a period keeps
    of some members is no more than what it keeps of all, and the classes placed before only take seats, days
    and places of units' shares. members: the group's members free in some period (the others are kept in none).
    At a million cadres the reforming formed classes of 1.9 million requests left out, nearly all of them to be
    dissolved."""
    least = board.cfg.min_size
    if len(members) < least:
        return True
    free = _free_by_unit(board, members, board.rooms(members))
    return all(_kept(board, free, period) < least for period in range(1, board.periods + 1))


def _join_again(board: Board, reqs: list[Request], looked: int) -> None:
    """The requests a round left out of its new classes join a class with room, highest first, where a seat
    was taken or given up since they looked for one (the board's clock past `looked`). Where none was, a look
    finds what theirs found: no seat (a class formed since, never placed, has no seat to join). Reforming
    the left-out at a million cadres formed nothing, yet looked again for 1.5 million requests after sorting them."""
    if board.clock == looked:
        return
    for req in by_rank(reqs):
        _join_open(board, req)


def join_best(board: Board, req: Request, classes: list[DraftClass]) -> bool:
    """Seat req in the smallest placed class with room (the first of equals) in a period the cadre is free.
    No class, no look: the cache of looks (keyed by the list) would keep each new empty list alive."""
    return bool(classes) and board.room(req) and _seat_first_free(board, req, _smallest_by_period(board, classes))


def join_earliest(board: Board, req: Request, classes: list[DraftClass]) -> bool:
    """join_best, but the earliest period first (of a period, the smallest class): an obligation's seat past its
    deadline, as little late as it can be."""
    return bool(classes) and board.room(req) and _seat_first_free(
        board, req, sorted(_by_period(board, classes), key=lambda t: t[2].period))


def _seat_first_free(board: Board, req: Request, found: list[tuple[int, int, DraftClass]]) -> bool:
    """Seat req in the first of found (_by_period: smallest first) in a period its cadre is free; whether it was.
    (Board.free_in for each, worked out here: most looks find no class, each after several periods.)"""
    busy = req.state.busy
    away, limit = board.away[req.unit], board.ctx.limits[req.unit]
    for _, _, cls in found:
        period = cls.period
        if away[period] < limit and period not in busy:
            board.commit(req, cls)
            return True
    return False


def _smallest_by_period(board: Board, classes: list[DraftClass]) -> list[tuple[int, int, DraftClass]]:
    """_by_period of classes, kept while the board's clock stands still (no class changed) and the list
    has not grown: the requests routed one after another look at the same lists, most finding no seat."""
    held = board.list_cache.get(id(classes))
    if held is not None and held[0] == board.clock and held[1] is classes and held[2] == len(classes):
        return held[3]
    found = _by_period(board, classes)
    board.list_cache[id(classes)] = board.clock, classes, len(classes), found
    return found


def _by_period(board: Board, classes: list[DraftClass]) -> list[tuple[int, int, DraftClass]]:
    """Of the classes with room, the smallest (the first of equals) in each period, as (size, position,
    class), smallest first: join_best's choice for a cadre is the first of those in a period it is free."""
    high = board.cfg.max_size
    best: dict[int, tuple[int, int, DraftClass]] = {}
    for pos, cls in enumerate(classes):
        if cls.live and cls.period and len(cls.members) < high:
            size = len(cls.members)
            was = best.get(cls.period)
            if was is None or size < was[0]:
                best[cls.period] = size, pos, cls
    return sorted(best.values(), key=lambda t: t[:2])


def _join_open(board: Board, req: Request) -> bool:
    """join_best over the classes of req's key that had room (the lists are pruned once a round: prune_open)."""
    classes = board.open.get(req.key)
    if not classes or board.unchanged_since(req, req.seen_join):
        return False  # no class to join, or none of what decides it changed since a look found none
    if not board.room(req):
        return False
    if _seat_first_free(board, req, _open_by_period(board, req.key, classes)):
        return True
    req.seen_join = board.clock
    return False


def _open_by_period(board: Board, key: ClassKey, classes: list[DraftClass]) -> list[tuple[int, int, DraftClass]]:
    """_by_period of the key's classes with room, as the key's OpenIndex keeps it."""
    index = board.open_index.get(key)
    if index is None or index.classes is not classes:
        index = board.open_index[key] = OpenIndex(classes)
    return index.smallest(board.key_stamp.get(key, 0), board.cfg.max_size)


def prune_open(board: Board) -> None:
    """Drop the full and dissolved classes (and repeats) from the lists of classes with room."""
    high = board.cfg.max_size
    for key, classes in board.open.items():
        board.open[key] = list({id(c): c for c in classes if c.live and len(c.members) < high}.values())
    board.open_index = {}  # made anew for the new lists
    board.stamp_keys(list(board.open))


def _place(board: Board, cls: DraftClass, waiting: Waiting | None = None) -> list[Request]:
    """Put cls in its best period where it keeps its minimum (never dissolved while another period fits);
    the members it had to leave out are returned (still unmet)."""
    members = cls.members
    # what does not change from one period to the next is worked out once: the order members are taken
    # in, and whether each has a call-up and the days left (room)
    ranked = _by_urgency(members)
    roomy = board.rooms(ranked)
    free = _free_by_unit(board, ranked, roomy)
    least = board.cfg.min_size
    if all(_kept(board, free, period) < least for period in range(1, board.periods + 1)):
        return _dissolve(board, cls, ranked, roomy, waiting)  # no period keeps enough (_kept is what _fit keeps)
    first: tuple[list[Request], list[Request]] | None = None
    order = _periods_by_fit(board, cls, waiting)
    for period in order:
        if first is not None and _kept(board, free, period) < least:
            continue  # too few would be kept: _fit would say so, member by member
        cls.period, cls.members = period, members
        kept, out = _fit(board, cls, ranked, roomy)
        if len(kept) >= least:
            cls.members = kept
            for req in kept:
                board.commit(req, cls, append=False)
            return out
        if first is None:
            first = kept, out
    assert first is not None
    if cls.period != order[-1]:
        # the reasons as every period tried would leave them: a member without room keeps "cap" where it is
        # free in the last period, as when each period was fitted member by member
        cls.period, cls.members = order[-1], members
        _fit(board, cls, ranked, roomy)
    kept, out = first
    board.dissolve(cls)
    for req in kept:
        req.why = DISSOLVED
    for req in out:
        if req.why.code != "cap":  # the class did not run: a clash or the unit's share is the reason only where
            req.why = _kept_out(board, req) or DISSOLVED  # it keeps the member out of every period
    return out + kept


def _by_urgency(members: list[Request]) -> list[Request]:
    """The order a class takes its members in where its period or a unit's share leaves room for some only: by rank
    (by_rank); of an equal priority, an obligation due sooner first (a recruit whose probation ends in March before one
    whose ends in September), then the first need. A class of no obligation with a deadline is ranked as by_rank."""
    if not any(r.deadline for r in members):
        return by_rank(members)
    return sorted(members, key=urgency_key)


def _dissolve(board: Board, cls: DraftClass, ranked: list[Request], roomy: list[bool],
              waiting: Waiting | None = None) -> list[Request]:
    """cls will not run, no period keeping min_size of its members: each is left with the reason fitting it into
    every period in turn would leave it (see _place): its class dissolved, but for a member without room that
    is free in the last period tried, which keeps "cap", and for one no period keeps even alone, which says what
    keeps it out (_kept_out: its unit's share away, or its other classes). Returns the members (still unmet)."""
    last = _periods_by_fit(board, cls, waiting)[-1] if not all(roomy) else 0
    for req, room in zip(ranked, roomy, strict=True):
        if room:
            req.why = _kept_out(board, req) or DISSOLVED
        else:
            req.why = DISSOLVED if last in req.state.busy else CAP
    board.dissolve(cls)
    return ranked


def _kept_out(board: Board, req: Request) -> Why | None:
    """What keeps a member with room out of every period, whatever the rest of its class: its unit's share away
    ("unit") where that is full in a period it is free, else its own classes ("clash"); None where some period
    would keep it (its class not running is then what leaves it out: "dissolved"). With classes.min_size 1, the
    only members of a class no period keeps."""
    busy, away, limit = req.state.busy, board.away[req.unit], board.ctx.limits[req.unit]
    free = [p for p in range(1, board.periods + 1) if p not in busy]
    if any(away[p] < limit for p in free):
        return None
    return Why("unit", limit=limit) if free else CLASH


def _periods_by_fit(board: Board, cls: DraftClass, waiting: Waiting | None = None) -> list[int]:
    """The periods, best first: no conflicts, then none of its obligations late (its class ending after a deadline),
    then long enough for its days (and with no public holiday among them), then the fewest of the round's waiting
    obligations it leaves no room to be met by their deadlines (waiting: Waiting.made_late; an overdue class, late
    wherever it runs, keeps out of the months the others of its units need), then the fewest starting after a deadline
    (of periods as late, the one a member due within its class's days starts by: the least late), then the most room
    left for the class's units, then the earliest."""
    periods = board.periods
    units: dict[str, int] = {}
    clash = [0] * (periods + 1)  # members busy in each period, then also those past their unit's limit
    unit_clash: dict[str, list[int]] = {}  # unit -> its members busy in each period
    for req in cls.members:
        unit = req.unit
        units[unit] = units.get(unit, 0) + 1
        held = req.state.busy
        if held:
            mine = unit_clash.get(unit)
            if mine is None:
                mine = unit_clash[unit] = [0] * (periods + 1)
            for p in held:
                clash[p] += 1
                mine[p] += 1
    limits = board.ctx.limits
    aways = [board.away[u] for u in units]
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
    # members whose obligation falls due before the class would end in the period: the periods whose class ends after
    # a deadline are those from the first such on (the last days rise), counted once per member at that first one
    # (Board.first_late, the class's last days looked up once); and, of periods as late, those starting after more
    # deadlines after: a member due within the first period's class is late in every period, least so in the first
    first_late = [0] * (periods + 2)
    first_after = [0] * (periods + 2)
    ends, starts = board.ends((cls.key or cls.members[0].key).topic), board.starts
    for req in cls.members:
        due = req.deadline
        if due is not None:
            first_late[bisect_right(ends, due, 1)] += 1
            first_after[bisect_right(starts, due, 1)] += 1  # starts[0] is the plan's start, not a period's
    late, after = list(accumulate(first_late)), list(accumulate(first_after))
    # the periods too short for its days (a 30-day class in February), where it runs into the next one and its members'
    # classes there, after those where a public holiday falls on one of its days (a 28-day class in October, from 国庆节;
    # a 12-day February class over the Spring Festival an office lists), after the others (Board.misfits). A class
    # starts on its period's first working day (Board.class_start), never later: it is not moved later within its
    # month past a holiday, which would let a member's deadline weighed against that day pass
    misfit = board.misfits(cls)
    lost = waiting.made_late(cls, units, unit_clash) if waiting is not None else None
    if lost is None:
        return sorted(range(1, periods + 1), key=lambda p: (clash[p], late[p], misfit[p], after[p], total[p] - room, p))
    return sorted(range(1, periods + 1),
                  key=lambda p: (clash[p], late[p], misfit[p], lost[p], after[p], total[p] - room, p))


def _free_by_unit(board: Board, ranked: list[Request], roomy: list[bool]) -> list[tuple[list[int], int, list[int]]]:
    """For _kept, of each unit with members with room: how many (row[0]) and how many of them are busy in each
    period (row[p]); the unit's limit; its cadres away in each period (the board's list, as it changes)."""
    periods = board.periods
    free: dict[str, list[int]] = {}
    for req, room in zip(ranked, roomy, strict=True):
        if room:
            row = free.get(req.unit)
            if row is None:
                row = free[req.unit] = [0] * (periods + 1)
            row[0] += 1
            held = req.state.busy
            if held:
                for p in held:
                    row[p] += 1
    away, limits = board.away, board.ctx.limits
    return [(row, limits[unit], away[unit]) for unit, row in free.items()]


def _kept(board: Board, free: list[tuple[list[int], int, list[int]]], period: int) -> int:
    """How many members _fit keeps in period: of each unit, those with room and free then, up to the room left
    in the unit's limit (_free_by_unit: each unit's limit and list of cadres away looked up once a class, not
    once a period)."""
    kept = 0
    for row, limit, away in free:
        left = limit - away[period]
        if left > 0:
            kept += min(row[0] - row[period], left)
    return kept


def _fit(board: Board, cls: DraftClass, ranked: list[Request], roomy: list[bool]) -> tuple[list[Request], list[Request]]:
    """The members (ranked: highest priority first; roomy: whether each has room) free in the class's period,
    within each unit's limit; the rest. Each member left out is given its reason."""
    kept, out = [], []
    taken: dict[str, int] = {}
    period = cls.period
    away, limits = board.away, board.ctx.limits
    unit_out: dict[str, Why] = {}
    for req, room in zip(ranked, roomy, strict=True):
        unit = req.unit
        if period in req.state.busy:
            req.why = CLASH
            out.append(req)
        elif not room:  # seated meanwhile as often, or as long, as the cadre may be
            req.why = CAP
            out.append(req)
        elif away[unit][period] + taken.get(unit, 0) >= limits[unit]:
            why = unit_out.get(unit)
            if why is None:
                why = unit_out[unit] = Why("unit", limit=limits[unit])
            req.why = why
            out.append(req)
        else:
            taken[unit] = taken.get(unit, 0) + 1
            kept.append(req)
    kept.sort(key=BY_ROSTER)
    return kept, out
