"""The obligations a round's classes still to be placed serve that can still be met by their deadlines, and how
many of them placing a class in each period would make late.

A round places its classes highest priority first, and an overdue obligation (late in every period) ranks above
one still due: its class, late wherever it runs, would take the earliest period with room, and the classes placed
after it of the same units could find the months before their deadlines full (their units' share away taken, or
their cadres sitting in it then). Placed among periods it is as late in, a class takes the one that leaves the
obligations still waiting in the round the most room by their deadlines, and stays as early as that allows."""

from __future__ import annotations

from collections.abc import Iterable

from needscli.planner.board import Board
from needscli.planner.requests import DraftClass, Request


class Waiting:
    """The round's waiting obligations that some period still meets on time: of each unit, how many have each
    period as the last that does (by_unit[unit][period]), and of each cadre the last such periods of its own."""

    __slots__ = ("board", "by_unit", "by_cadre")

    def __init__(self, board: Board, classes: Iterable[DraftClass]) -> None:
        self.board = board
        self.by_unit: dict[str, list[int]] = {}
        self.by_cadre: dict[str, list[int]] = {}
        for cls in classes:
            self.add(cls)

    def _last_on_time(self, cls: DraftClass, req: Request) -> int:
        """The last period whose class of cls's topic ends by req's deadline (0: none, or no deadline)."""
        if req.deadline is None:
            return 0
        return self.board.first_late((cls.key or req.key).topic, req.deadline) - 1

    def add(self, cls: DraftClass) -> None:
        """cls is to be placed: its members that some period meets by their deadlines wait."""
        self._count(cls, 1)

    def remove(self, cls: DraftClass) -> None:
        """cls is being placed: its members wait no more (those it leaves out wait again in a class of their own)."""
        self._count(cls, -1)

    def _count(self, cls: DraftClass, step: int) -> None:
        periods = self.board.periods
        for req in cls.members:
            last = self._last_on_time(cls, req)
            if last < 1:
                continue
            last = min(last, periods)
            row = self.by_unit.get(req.unit)
            if row is None:
                row = self.by_unit[req.unit] = [0] * (periods + 1)
            row[last] += step
            mine = self.by_cadre.setdefault(req.cadre, [])
            if step > 0:
                mine.append(last)
            else:
                mine.remove(last)
                if not mine:
                    del self.by_cadre[req.cadre]

    def made_late(self, cls: DraftClass, units: dict[str, int], busy: dict[str, list[int]]) -> list[int] | None:
        """For each period (index 0 unused), how many waiting obligations placing cls there would leave no room
        to be met by their deadlines: of each of its units, those its members kept then would take the last places
        of (a unit's places away in the periods up to a deadline, less the waiting ones due by then: taking places
        where none are left over makes as many late); of each of its cadres, an obligation whose only free period by
        its deadline that is. None where no obligation of its units waits. units: its members of each unit; busy:
        of each unit, its members busy in each period."""
        board = self.board
        periods = board.periods
        lost = [0] * (periods + 1)
        shared = False
        for unit, count in units.items():
            row = self.by_unit.get(unit)
            if row is None or not any(row):
                continue
            shared = True
            self._unit_late(lost, unit, count, row, busy.get(unit))
        for req in cls.members:
            lasts = self.by_cadre.get(req.cadre)
            if lasts:
                shared = True
                self._cadre_late(lost, req, lasts)
        return lost if shared else None

    def _unit_late(self, lost: list[int], unit: str, count: int, row: list[int], busy: list[int] | None) -> None:
        """Add to lost the unit's waiting obligations made late in each period (made_late)."""
        periods = self.board.periods
        limit, away = self.board.ctx.limits[unit], self.board.away[unit]
        last = max(p for p in range(1, periods + 1) if row[p])
        places = [max(0, limit - away[p]) for p in range(periods + 1)]
        left = [0] * (periods + 1)  # places left over in the periods up to each, after the waiting due by then
        total = 0
        for p in range(1, last + 1):
            total += places[p] - row[p]
            left[p] = total
        least = left[last]  # of the periods from p to the last deadline, the fewest left over
        for p in range(last, 0, -1):
            least = min(least, left[p])
            taken = min(count - (busy[p] if busy else 0), places[p])
            if taken > 0:
                lost[p] += max(0, taken - least) - max(0, -least)

    def _cadre_late(self, lost: list[int], req: Request, lasts: list[int]) -> None:
        """Add to lost the obligations of req's cadre made late in a period: its only period free by the deadline."""
        busy, away, limit = req.state.busy, self.board.away[req.unit], self.board.ctx.limits[req.unit]
        for last in lasts:
            free = [p for p in range(1, last + 1) if p not in busy and away[p] < limit]
            if len(free) == 1:
                lost[free[0]] += 1
