"""The needs read as plain columns: the planner's bulk reads."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field
from functools import cached_property

from needscli.models import Need


@dataclass(frozen=True)
class NeedColumns:
    """The needs' fields as plain lists: read once, not a million pydantic attribute lookups each time."""

    cadre: list[str]
    topic: list[str]
    kind: list[str]
    priority: list[float]
    source: list[str]
    hours: list[float]
    deadline: list[dt.date | None]
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
                   negated, {n: p for p, n in negated.items()})
