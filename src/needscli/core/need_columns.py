"""The needs read as plain columns: the planner's bulk reads, and the run's early writer's (ranks, needs.csv, the
needs' Parquet tables), which then never reads a Need object."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from needscli.models import Need, Reason

# a Need's field -> its column
FIELD_COLUMNS = {"cadre_id": "cadre", "topic_id": "topic", "training_type": "kind", "priority": "priority",
                 "source": "source", "hours": "hours", "deadline": "deadline", "reasons": "reasons",
                 "status": "status"}


@dataclass(frozen=True)
class NeedColumns:
    """The needs' fields as plain lists: read once, not a million pydantic attribute lookups each time.

    Reading a list's item writes no more than its value's count of references, where reading a Need writes the
    Need's own: a process forked after these were made (the run's early writer) reads the needs without the kernel
    copying each page of them it shares with the run (a million cadres' 9.4 million Need objects, 1 GB), since the
    values are shared (each cadre's id, topic, source, type, tuple of reasons is one object)."""

    cadre: list[str]
    topic: list[str]
    kind: list[str]
    priority: list[float]
    source: list[str]
    hours: list[float]
    deadline: list[dt.date | None]
    reasons: list[tuple[Reason, ...]]
    status: list[str]
    # each distinct priority but 0 -> its negation, and back: the entries and requests of millions of needs
    # (ranked by -priority) share a few dozen floats instead of making one each (24 bytes, 10 million times)
    negated: dict[float, float] = field(default_factory=dict)
    unnegated: dict[float, float] = field(default_factory=dict)

    @cached_property
    def obligations(self) -> frozenset[int]:
        """The positions of the needs that are obligations (appointment, initial, rotation ...): whether a request
        serves one is a look at the set in C (routes.serves_obligation), not a loop over its needs' sources."""
        return frozenset(itertools.compress(itertools.count(), map("obligation".__eq__, self.source)))

    @classmethod
    def of(cls, needs: list[Need]) -> NeedColumns:
        """The columns of a list of needs; a need is known by its position in it."""
        priority = [n.priority for n in needs]
        negated = {p: -p for p in dict.fromkeys(priority) if p}  # 0 apart: -0.0 and 0.0 are one key
        return cls([n.cadre_id for n in needs], [n.topic_id for n in needs], [n.training_type for n in needs],
                   priority, [n.source for n in needs], [n.hours for n in needs], [n.deadline for n in needs],
                   [n.reasons for n in needs], [n.status for n in needs], negated,
                   {n: p for p, n in negated.items()})

    def __len__(self) -> int:
        return len(self.cadre)

    def __getitem__(self, part: slice) -> NeedColumns:
        """The needs of a slice of positions, as columns (their priorities' negations shared)."""
        if not isinstance(part, slice):
            raise TypeError("NeedColumns are sliced, not indexed: read a column's item")
        return NeedColumns(self.cadre[part], self.topic[part], self.kind[part], self.priority[part],
                           self.source[part], self.hours[part], self.deadline[part], self.reasons[part],
                           self.status[part], self.negated, self.unnegated)

    def column(self, name: str) -> list[Any]:
        """The column of a Need's field (FIELD_COLUMNS)."""
        column: list[Any] = getattr(self, FIELD_COLUMNS[name])
        return column


class NeedSlices:
    """The needs, sliced as columns a part at a time (NeedColumns of the part): what a writer reads where the
    needs' columns are not kept (Analysis.need_rows), holding no more than a part's columns at once."""

    def __init__(self, needs: list[Need]) -> None:
        self.needs = needs

    def __len__(self) -> int:
        return len(self.needs)

    def __getitem__(self, part: slice) -> NeedColumns:
        if not isinstance(part, slice):
            raise TypeError("NeedSlices are sliced, not indexed")
        return NeedColumns.of(self.needs[part])
