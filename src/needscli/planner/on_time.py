"""Obligations seated in a class ending after their deadline, moved to a class of their course ending by it that has a
seat for them (DOMAIN: compulsory training comes on time where any plan can).

A group of obligations is split into classes as its members come (split_group), and each class is placed in its own
best period: a new recruit due in February may be dealt into the class placed in May while the January class of its
course keeps a seat free. No later pass looks at a seat already given, so the recruit was trained late."""

from __future__ import annotations

from bisect import bisect_right
from operator import attrgetter

from needscli.planner.board import Board
from needscli.planner.requests import Bucket, DraftClass, Request, Why, urgency_key
from needscli.planner.routes import serves_obligation

MOVED_ON_TIME = Why("moved")  # between leaving its late class and joining the timely one: never said


def seat_on_time(board: Board) -> bool:
    """Move each obligation seated in its own organizer's class ending after its deadline to a class of its course
    (its bucket: its job family's first) ending by the deadline, with a seat, in a period its cadre is free and its
    unit's share away allows, where the class it leaves keeps its minimum size; the most urgent first, into the
    smallest such class, the earliest of equals. Its call-ups and days are unchanged (a class of the same course), and
    no class falls below its minimum: no seat is lost. A class kept as announced (planner.kept) is left as it is.
    Whether any moved (the caller improves the plan again: the seat left may serve another need)."""
    obligations = board.cols.obligations
    if not obligations:
        return False
    late: list[Request] = []
    for cls in board.classes:
        if not cls.live or not cls.period or cls.kept is not None or not cls.members:
            continue
        end = board.ends((cls.key or cls.members[0].key).topic)[cls.period]  # a class's members share its course
        late += [req for req in cls.members if (due := req.deadline) is not None and due < end and not req.route
                 and serves_obligation(req, obligations)]
    moved = False
    least = board.cfg.min_size
    timely = _Timely(board)
    for req in sorted(late, key=urgency_key):
        held = req.cls
        if held is None or len(held.members) <= least:
            continue
        target = timely.class_for(req)
        if target is not None:
            board.release(req, MOVED_ON_TIME)
            board.commit(req, target)
            moved = True
    return moved


class _Timely:
    """Each bucket's placed classes that may take an obligation on time (live, placed, not kept as announced), by
    period: none of that changes while obligations move (a class left keeps its minimum, none is dissolved or formed),
    so a request looks only at the classes of the periods ending by its deadline. At a million cadres, 60,000 late
    obligations each looked at every class of their bucket: 5.4 s."""

    def __init__(self, board: Board) -> None:
        self.board = board
        self._by_bucket: dict[Bucket, tuple[list[int], list[DraftClass]]] = {}

    def _classes(self, bucket: Bucket) -> tuple[list[int], list[DraftClass]]:
        held = self._by_bucket.get(bucket)
        if held is None:
            classes = sorted((cls for cls in self.board.by_bucket.get(bucket, ())
                              if cls.live and cls.period and cls.kept is None), key=_PERIOD)
            held = self._by_bucket[bucket] = [cls.period for cls in classes], classes
        return held

    def class_for(self, req: Request) -> DraftClass | None:
        """The class of req's bucket ending by its deadline with a seat, in a period its cadre is free and its unit
        below its share away: of its job family first, then the smallest, then the earliest (then the first formed);
        None where there is none."""
        assert req.deadline is not None
        board = self.board
        last = board.first_late(req.key.topic, req.deadline) - 1  # the last period whose class ends by the deadline
        periods, classes = self._classes(req.key.bucket)
        high, busy = board.cfg.max_size, req.state.busy
        away, limit = board.away[req.unit], board.ctx.limits[req.unit]
        family = req.key.family
        found = [cls for cls in classes[:bisect_right(periods, last)]
                 if len(cls.members) < high and cls.period not in busy and away[cls.period] < limit]
        if not found:
            return None
        return min(found, key=lambda c: (family not in c.families, len(c.members), c.period, c.seq))


_PERIOD = attrgetter("period")
