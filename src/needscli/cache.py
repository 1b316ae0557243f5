"""Values worked out once per key, in memory that stays bounded: cell values, facts and report words repeat.

Two shapes, one limit: Memo, a dict that works a value out the first time its key is missing, for
a value that depends on the key alone; bounded(), for a plain dict filled by a caller that needs
more than the key to work the value out. Past LIMIT keys either starts afresh, so memory stays
linear on a province's roster.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

LIMIT = 100_000
D = TypeVar("D", bound=dict[Any, Any])


class Memo(dict[Any, Any]):
    """fn(key), worked out once per key; a key seen before costs one dict lookup. Use as memo[key]."""

    def __init__(self, fn: Callable[[Any], Any], limit: int = LIMIT) -> None:
        super().__init__()
        self.fn = fn
        self.limit = limit

    def __missing__(self, key: Any) -> Any:
        if len(self) >= self.limit:
            self.clear()
        value = self[key] = self.fn(key)
        return value


def bounded(memo: D) -> D:
    """The memo, emptied first when it has grown past LIMIT entries; use as bounded(memo)[key] = value."""
    if len(memo) > LIMIT:
        memo.clear()
    return memo


class ByIdentity:
    """fn(item), worked out once per object, found by its identity: for objects many hold alike and whose hash costs
    more than the work (a tuple of reasons, shared by the needs merged from the same reasons, hashes each reason's
    fields). Holds each object it has seen, so that no other takes its id; past LIMIT objects
    starts afresh."""

    def __init__(self, fn: Callable[[Any], Any]) -> None:
        self.fn = fn
        self.values: dict[int, Any] = {}
        self.held: list[Any] = []

    def of(self, items: list[Any]) -> list[Any]:
        """fn(item) for each of items, in order."""
        values = self.values
        if len(self.held) > LIMIT:
            values.clear()
            self.held.clear()
        given = dict(zip(map(id, items), items, strict=True))
        for key in given.keys() - values.keys():
            values[key] = self.fn(given[key])
            self.held.append(given[key])
        return list(map(values.__getitem__, map(id, items)))
