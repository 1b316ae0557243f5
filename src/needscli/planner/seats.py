"""The seats of a plan (Plan.assignments) as forming leaves them: the needs served, by their position among the
analysis' needs, with runs of (class id, route, how many) along them. Each Assignment is made when asked for;
the writers read the columns. Pure."""

from __future__ import annotations

import array
import itertools
import operator
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from typing import Any, overload

from needscli.models import Assignment
from needscli.planner.columns import made_from_columns

SEAT_CHUNK = 50_000  # seats made into Assignments at a time where a caller walks them one by one

# the columns of seats, in Assignment's field order
SeatColumns = tuple[list[str], list[str], list[str], list[float], list[str]]
_FIELDS = tuple(operator.attrgetter(name) for name in ("cadre_id", "class_id", "topic_id", "priority", "route"))


class Seats(Sequence[Assignment]):
    """A plan's seats, a need served each: a sequence of Assignment, in plan order (class by class, then the needs
    served online or in their unit), each made when read. Kept as the served needs' positions (8 bytes a seat) and
    runs of (class id, route, count) along them, over the needs' columns of cadre, topic and priority (the lists
    forming read, shared). At a million cadres the 8.1 million seats made as objects were 520 MB and 0.8 s of
    forming before any writer could start; the writers read columns of them (columns, runs).

    A slice is a Seats over part of the same columns; equal to any sequence of the same Assignments."""

    __slots__ = ("_at", "_runs", "_ends", "_cadre", "_topic", "_priority", "_lo", "_hi")

    def __init__(self, at: Sequence[int], runs: Sequence[tuple[str, str, int]], cadre: Sequence[str],
                 topic: Sequence[str], priority: Sequence[float]) -> None:
        counted = sum(n for _, _, n in runs)
        if counted != len(at):
            raise ValueError(f"{len(at)} needs served but runs of classes and routes for {counted}")
        if any(n <= 0 for _, _, n in runs):
            raise ValueError("a run of seats holds at least one")
        self._at = at if isinstance(at, array.array) else array.array("q", at)
        self._runs: list[tuple[str, str, int]] = []
        for class_id, route, n in runs:  # runs alike in class and route one after another are one
            if self._runs and self._runs[-1][:2] == (class_id, route):
                n += self._runs.pop()[2]
            self._runs.append((class_id, route, n))
        self._ends = list(itertools.accumulate(n for _, _, n in self._runs))
        self._cadre, self._topic, self._priority = cadre, topic, priority
        self._lo, self._hi = 0, len(at)

    def _part(self, lo: int, hi: int) -> Seats:
        part = object.__new__(Seats)
        part._at, part._runs, part._ends = self._at, self._runs, self._ends
        part._cadre, part._topic, part._priority = self._cadre, self._topic, self._priority
        part._lo, part._hi = lo, hi
        return part

    def __len__(self) -> int:
        return self._hi - self._lo

    @overload
    def __getitem__(self, index: int) -> Assignment: ...

    @overload
    def __getitem__(self, index: slice) -> Seats: ...

    def __getitem__(self, index: int | slice) -> Assignment | Seats:
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step != 1:
                raise ValueError("seats are sliced in order, without a step")
            return self._part(self._lo + start, self._lo + max(start, stop))
        at = operator.index(index)
        if at < 0:
            at += len(self)
        if not 0 <= at < len(self):
            raise IndexError("seat index out of range")
        return made_from_columns(Assignment, list(self._part(self._lo + at, self._lo + at + 1).columns()))[0]

    def __iter__(self) -> Iterator[Assignment]:
        for start in range(self._lo, self._hi, SEAT_CHUNK):
            yield from made_from_columns(Assignment, list(self._part(start, min(start + SEAT_CHUNK, self._hi)).columns()))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, (str, bytes)):
            return NotImplemented
        return len(self) == len(other) and all(map(operator.eq, self, other))

    __hash__ = None  # type: ignore[assignment]  # a sequence compared by its items, as a list is

    def __repr__(self) -> str:
        return repr(list(self))

    def __reduce__(self) -> tuple[Any, ...]:  # only this part's seats, with the columns they read
        cadre, _, topic, priority, _ = self.columns()
        return Seats, (array.array("q", range(len(self))), list(self.runs()), cadre, topic, priority)

    def runs(self) -> Iterator[tuple[str, str, int]]:
        """The (class id, route, count) runs along these seats: each of the seats alike in class and route one
        after another (the seats of a class, or of a route without one, are one run, or several)."""
        lo, hi = self._lo, self._hi
        if lo >= hi:
            return
        first = bisect_right(self._ends, lo)
        at = lo
        for (class_id, route, _), end in zip(itertools.islice(self._runs, first, None),
                                             itertools.islice(self._ends, first, None), strict=True):
            stop = min(end, hi)
            yield class_id, route, stop - at
            if stop == hi:
                return
            at = stop

    def columns(self) -> SeatColumns:
        """These seats' cadre ids, class ids, topic ids, priorities and routes, as lists."""
        at = self._at[self._lo:self._hi]
        runs = list(self.runs())
        chain, repeat = itertools.chain.from_iterable, itertools.repeat
        return (list(map(self._cadre.__getitem__, at)), list(chain(repeat(c, n) for c, _, n in runs)),
                list(map(self._topic.__getitem__, at)), list(map(self._priority.__getitem__, at)),
                list(chain(repeat(r, n) for _, r, n in runs)))


def seat_columns(seats: Sequence[Assignment]) -> SeatColumns:
    """The seats' columns (Seats.columns), of Seats or of any sequence of Assignments (a plan's seats replaced)."""
    if isinstance(seats, Seats):
        return seats.columns()
    cadre, class_id, topic, priority, route = (list(map(get, seats)) for get in _FIELDS)
    return cadre, class_id, topic, priority, route


def seat_runs(seats: Sequence[Assignment]) -> Iterator[tuple[int, str, str, int]]:
    """(start, class id, route, count) of each run of seats alike in class and route, along the seats."""
    if isinstance(seats, Seats):
        runs: Iterator[tuple[str, str, int]] = seats.runs()
    else:
        runs = ((class_id, route, sum(1 for _ in alike))
                for (class_id, route), alike in itertools.groupby(
                    zip(map(_FIELDS[1], seats), map(_FIELDS[4], seats), strict=True)))
    start = 0
    for class_id, route, count in runs:
        yield start, class_id, route, count
        start += count
