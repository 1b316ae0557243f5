"""Forming classes round by round: join classes with room, form new ones, place each in its best period."""

from __future__ import annotations

from needscli.planner.board import Board
from needscli.planner.grouping import group_requests, split_group
from needscli.planner.requests import (
    BY_RANK,
    BY_ROSTER,
    CLASH,
    DISSOLVED,
    Book,
    DraftClass,
    Request,
    Why,
    request_of,
)


def run_rounds(board: Board, book: Book) -> None:
    """Top requests first; a request that gets no seat frees the slot for the cadre's next one."""
    cap = board.cfg.max_per_cadre
    todo = [c for c in book if board.ctx.eligible(c)]
    while todo:
        batch = []
        for cadre in todo:
            entries, i = book[cadre], board.pointer.get(cadre, 0)
            free = cap - len(board.seats.get(cadre, []))
            while free > 0 and i < len(entries):
                batch.append(request_of(cadre, entries[i], board.ctx))
                i, free = i + 1, free - 1
            board.pointer[cadre] = i
        if not batch:
            return
        board.tried += batch
        _seat_batch(board, batch)
        todo = list(dict.fromkeys(r.cadre for r in batch if r.cls is None))


def _seat_batch(board: Board, batch: list[Request]) -> None:
    """A round: join classes with room, form new ones from the rest, place them; small groups join last."""
    batch.sort(key=BY_RANK)
    left = [r for r in batch if not _join_open(board, r)]
    groups, small = group_requests(left, board.cfg, board.fam_order)
    fresh = [board.new_class(families, part) for families, members in groups
             for part in split_group(members, board.cfg.max_size)]
    fresh.sort(key=lambda c: (-c.priority, c.seq))
    displaced: list[Request] = []
    for cls in fresh:
        displaced += _place(board, cls)
    # a group too small even after merging still joins a compatible class of another job family
    for req in small:
        _join_best(board, req, board.by_bucket.get(req.key.bucket, []))
    for req in sorted(displaced, key=BY_RANK):
        _join_open(board, req)


def _join_best(board: Board, req: Request, classes: list[DraftClass]) -> bool:
    """Seat req in the smallest placed class with room in a period the cadre is free."""
    best = None
    for cls in classes:
        if (cls.live and cls.period and len(cls.members) < board.cfg.max_size
                and (best is None or len(cls.members) < len(best.members))
                and board.free_in(req, cls.period)):
            best = cls
    if best is None:
        return False
    board.commit(req, best)
    return True


def _join_open(board: Board, req: Request) -> bool:
    """_join_best over the classes of req's key that have room (full ones are dropped from the list)."""
    classes = board.open.get(req.key)
    if not classes:
        return False
    high = board.cfg.max_size
    if any(not c.live or len(c.members) >= high for c in classes):
        classes = board.open[req.key] = list({id(c): c for c in classes
                                              if c.live and len(c.members) < high}.values())
    return _join_best(board, req, classes)


def _place(board: Board, cls: DraftClass) -> list[Request]:
    """Put cls in its best period; the members it had to leave out are returned (still unmet)."""
    cls.period = _best_period(board, cls)
    kept, out = _fit(board, cls)
    if len(kept) < board.cfg.min_size:
        cls.live, cls.members = False, []
        for req in kept:
            req.why = DISSOLVED
        return out + kept
    cls.members = kept
    for req in kept:
        board.commit(req, cls, append=False)
    return out


def _best_period(board: Board, cls: DraftClass) -> int:
    """No conflicts first, then the most room left for the class's units, then the earliest."""
    periods = board.periods
    units: dict[str, int] = {}
    clash = [0] * (periods + 1)  # members busy in each period, then also those past their unit's limit
    unit_clash: dict[str, list[int]] = {}  # unit -> its members busy in each period
    busy = board.busy
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
    return min(range(1, periods + 1), key=lambda p: (clash[p], total[p] - room, p))


def _fit(board: Board, cls: DraftClass) -> tuple[list[Request], list[Request]]:
    """The members free in the class's period, within each unit's limit, highest priority first; the rest."""
    kept, out = [], []
    taken: dict[str, int] = {}
    period = cls.period
    for req in sorted(cls.members, key=BY_RANK):
        unit = req.unit
        if period in board.busy.get(req.cadre, ()):
            req.why = CLASH
            out.append(req)
        elif board.away[unit][period] + taken.get(unit, 0) >= board.ctx.limits[unit]:
            req.why = Why("unit", limit=board.ctx.limits[unit])
            out.append(req)
        else:
            taken[unit] = taken.get(unit, 0) + 1
            kept.append(req)
    kept.sort(key=BY_ROSTER)
    return kept, out
