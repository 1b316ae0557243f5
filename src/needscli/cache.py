"""A dict that works a value out the first time its key is missing: facts and report words repeat."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Memo(dict[Any, Any]):
    """fn(key), worked out once per key; a key seen before costs one dict lookup.

    Use as memo[key]. Past `limit` keys it starts afresh, so memory stays bounded on huge rosters.
    """

    def __init__(self, fn: Callable[[Any], Any], limit: int = 100_000) -> None:
        super().__init__()
        self.fn = fn
        self.limit = limit

    def __missing__(self, key: Any) -> Any:
        if len(self) >= self.limit:
            self.clear()
        value = self[key] = self.fn(key)
        return value
