"""How much one improving move would still add to a plan: its board rebuilt, every unmet request's moves."""

from __future__ import annotations

import math

from needscli.config import Config
from needscli.core.need_columns import NeedColumns
from needscli.core.obligations import HOURS_TOPIC
from needscli.models import Need
from needscli.planner.board import Board
from needscli.planner.grouping import family_order
from needscli.planner.improve import moves
from needscli.planner.model import Plan, PlanContext
from needscli.planner.requests import ClassKey, DraftClass, Request, book_requests
from needscli.planner.seats import seat_column


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
        for move in moves(board, req):
            best, count = max(best, move.gain), count + 1
    board.untie()
    return best, count


def _rebuild(plan: Plan, needs: list[Need], config: Config, ctx: PlanContext) -> tuple[Board, list[Request]]:
    """The board a plan describes, and the unmet requests that might have a move."""
    cfg = config.classes
    cols = NeedColumns.of(needs)
    board = Board(ctx, cfg, plan.periods, family_order(config), cols, plan.start)
    given = plan.assignments
    where = dict(zip(zip(seat_column(given, "cadre_id"), seat_column(given, "topic_id"), strict=True),
                     seat_column(given, "class_id"), strict=True))
    classes: dict[str, DraftClass] = {}
    for tc in plan.classes:
        cls = classes[tc.id] = DraftClass(len(board.classes), [], [], tc.period,
                                          key=ClassKey(tc.topic_id, tc.training_type, tc.organizer, "", tc.band))
        board.classes.append(cls)
    waiting = []
    served = {h.cadre_id for h in plan.hours_left}  # their hours needs asked for no seat: their classes give the hours
    for cadre, entries in book_requests(cols, ctx, cfg).items():
        if not ctx.eligible(cadre):
            continue
        unseated = []
        for entry in entries:
            if entry.key.topic == HOURS_TOPIC and cadre in served:
                continue
            hit = next((where[k] for i in entry.positions() if (k := (cadre, cols.topic[i])) in where), None)
            if hit in classes:
                board.commit(board.request(cadre, entry), classes[hit])
            else:
                unseated.append(entry)
        state = board.state(cadre)
        seats = state.seats
        floor = min((s.priority for s in seats), default=-math.inf) if len(seats) >= state.cap else None
        # at the cap, only a request above the cadre's lowest seat can have a move
        waiting += [board.request(cadre, e) for e in unseated if floor is None or e.priority > floor]
    return board, waiting
