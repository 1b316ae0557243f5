"""The seats of a plan (Plan.assignments) as forming leaves them: the needs served, by their position among the
analysis' needs, with runs of (class id, route, how many) along them. Each Assignment is made when asked for;
the writers read the columns. Pure."""

from __future__ import annotations

import array
import itertools
import operator
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, overload

from needscli.core.bulk import made_from_columns
from needscli.models import Assignment

SEAT_CHUNK = 50_000  # seats made into Assignments at a time where a caller walks them one by one

# the columns of seats, in Assignment's field order
FIELDS = ("cadre_id", "class_id", "topic_id", "priority", "route")
SeatColumns = tuple[list[str], list[str], list[str], list[float], list[str]]
_GETTERS = {name: operator.attrgetter(name) for name in FIELDS}


class Seats(Sequence[Assignment]):
    """A plan's seats, a need served each: a sequence of Assignment, in plan order (class by class, then the needs
    served online or in their unit), each made when read. Kept as the served needs' positions (8 bytes a seat) and
    runs of (class id, route, count) along them, over the needs' columns of cadre, topic and priority (the lists
    forming read, shared: cadre[i] is the cadre of the need at position i). At a million cadres the 8.1 million
    seats made as objects were 520 MB and 0.8 s of forming before any writer could start; the writers read
    columns of them (seat_columns, seat_runs).

    Read as a list is: its length, an index, a slice (a Seats over part of the same columns where without a step,
    else a list), a loop either way; equal to a list (or Seats) of the same Assignments."""

    __slots__ = ("_at", "_class_ids", "_routes", "_ends", "_cadre", "_topic", "_priority", "_lo", "_hi")

    def __init__(self, at: Iterable[int], runs: Iterable[tuple[str, str, int]], cadre: Sequence[str],
                 topic: Sequence[str], priority: Sequence[float]) -> None:
        self._at = array.array("q", at)  # a copy, whatever was given: nothing outside changes it
        if not len(cadre) == len(topic) == len(priority):
            raise ValueError(f"the needs' columns differ in length: {len(cadre)}, {len(topic)}, {len(priority)}")
        if self._at and not (0 <= min(self._at) and max(self._at) < len(cadre)):
            raise ValueError(f"a need served is at no position of the {len(cadre)} needs")
        # runs alike in class and route one after another are one; kept as three columns (a run's class id and
        # route shared strings, its end 8 bytes), not a tuple a run
        self._class_ids: list[str] = []
        self._routes: list[str] = []
        ends: list[int] = []
        end = 0
        for class_id, route, n in runs:
            if n <= 0:
                raise ValueError(f"a run of seats holds at least one, not {n}")
            end += n
            if self._class_ids and self._class_ids[-1] == class_id and self._routes[-1] == route:
                ends[-1] = end
            else:
                self._class_ids.append(class_id)
                self._routes.append(route)
                ends.append(end)
        if end != len(self._at):
            raise ValueError(f"{len(self._at)} needs served but runs of classes and routes for {end}")
        self._ends = array.array("q", ends)
        self._cadre, self._topic, self._priority = cadre, topic, priority
        self._lo, self._hi = 0, len(self._at)

    def _part(self, lo: int, hi: int) -> Seats:
        part = object.__new__(Seats)
        part._at, part._class_ids, part._routes, part._ends = self._at, self._class_ids, self._routes, self._ends
        part._cadre, part._topic, part._priority = self._cadre, self._topic, self._priority
        part._lo, part._hi = lo, hi
        return part

    def __len__(self) -> int:
        return self._hi - self._lo

    @overload
    def __getitem__(self, index: int) -> Assignment: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Assignment]: ...

    def __getitem__(self, index: int | slice) -> Assignment | Sequence[Assignment]:
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step != 1:  # rare: the seats it takes, made
                return list(self)[index]
            return self._part(self._lo + start, self._lo + max(start, stop))
        at = operator.index(index)
        if at < 0:
            at += len(self)
        if not 0 <= at < len(self):
            raise IndexError("seat index out of range")
        return self._part(self._lo + at, self._lo + at + 1)._made()[0]

    def _made(self) -> list[Assignment]:
        return made_from_columns(Assignment, list(self.columns()))

    def _chunks(self) -> Iterator[Seats]:
        for start in range(self._lo, self._hi, SEAT_CHUNK):
            yield self._part(start, min(start + SEAT_CHUNK, self._hi))

    def __iter__(self) -> Iterator[Assignment]:
        for chunk in self._chunks():
            yield from chunk._made()

    def __reversed__(self) -> Iterator[Assignment]:
        for chunk in reversed(list(self._chunks())):
            yield from reversed(chunk._made())

    def __contains__(self, value: object) -> bool:
        return any(map(operator.eq, self, itertools.repeat(value)))

    def index(self, value: Any, start: int = 0, stop: int | None = None) -> int:
        """The first index of value among these seats (from start, before stop), as a list's index."""
        first, last, _ = slice(start, stop).indices(len(self))
        for at, seat in enumerate(self[first:last], first):
            if seat == value:
                return at
        raise ValueError(f"{value!r} is not among the seats")

    def count(self, value: Any) -> int:
        return sum(map(operator.eq, self, itertools.repeat(value)))

    def __eq__(self, other: object) -> bool:  # as a list: equal to a list or Seats of equal items
        if not isinstance(other, (list, Seats)):
            return NotImplemented
        return len(self) == len(other) and all(map(operator.eq, self, other))

    __hash__ = None  # type: ignore[assignment]  # a sequence compared by its items, as a list is

    def __repr__(self) -> str:
        return repr(list(self))

    def __reduce__(self) -> tuple[Any, ...]:  # only this part's seats, with the columns they read
        cadre, _, topic, priority, _ = self.columns()
        return Seats, (range(len(self)), list(self.runs()), cadre, topic, priority)

    def runs(self) -> Iterator[tuple[str, str, int]]:
        """The (class id, route, count) runs along these seats: each of the seats alike in class and route one
        after another (the seats of a class, or of a route without one, are one run, or several)."""
        lo, hi = self._lo, self._hi
        at = lo
        for run in range(bisect_right(self._ends, lo), len(self._ends)):
            if at >= hi:
                return
            stop = min(self._ends[run], hi)
            yield self._class_ids[run], self._routes[run], stop - at
            at = stop

    def positions(self) -> array.array[int]:
        """The position of each of these seats' needs among the needs forming read, in seat order (runs() tells
        their classes and routes): a count by any field of the needs reads that field's column at these."""
        return self._at[self._lo:self._hi]

    def column(self, name: str) -> list[Any]:
        """One column of these seats (a field of Assignment: FIELDS), as a list."""
        if name in ("class_id", "route"):
            runs = self.runs()
            which = 0 if name == "class_id" else 1
            return list(itertools.chain.from_iterable(itertools.repeat(run[which], run[2]) for run in runs))
        source = {"cadre_id": self._cadre, "topic_id": self._topic, "priority": self._priority}.get(name)
        if source is None:
            raise ValueError(f"seats have no column {name!r}: one of {', '.join(FIELDS)}")
        return list(map(source.__getitem__, self._at[self._lo:self._hi]))

    def columns(self) -> SeatColumns:
        """These seats' cadre ids, class ids, topic ids, priorities and routes, as lists."""
        cadre, class_id, topic, priority, route = map(self.column, FIELDS)
        return cadre, class_id, topic, priority, route


def seat_columns(seats: Sequence[Assignment]) -> SeatColumns:
    """The seats' columns (Seats.columns), of Seats or of any sequence of Assignments (a plan's seats replaced)."""
    cadre, class_id, topic, priority, route = (seat_column(seats, name) for name in FIELDS)
    return cadre, class_id, topic, priority, route


def seat_column(seats: Sequence[Assignment], name: str) -> list[Any]:
    """One column of the seats (a field of Assignment), of Seats or of any sequence of Assignments."""
    if isinstance(seats, Seats):
        return seats.column(name)
    if name not in _GETTERS:
        raise ValueError(f"seats have no column {name!r}: one of {', '.join(FIELDS)}")
    return list(map(_GETTERS[name], seats))


def seat_runs(seats: Sequence[Assignment]) -> Iterator[tuple[int, str, str, int]]:
    """(start, class id, route, count) of each run of seats alike in class and route, along the seats."""
    if isinstance(seats, Seats):
        runs: Iterator[tuple[str, str, int]] = seats.runs()
    else:
        get_class, get_route = _GETTERS["class_id"], _GETTERS["route"]
        runs = ((class_id, route, sum(1 for _ in alike)) for (class_id, route), alike
                in itertools.groupby(zip(map(get_class, seats), map(get_route, seats), strict=True)))
    start = 0
    for class_id, route, count in runs:
        yield start, class_id, route, count
        start += count
