"""needscli.cache.ByIdentity: a value worked out once per object, found by the object's identity."""

from __future__ import annotations

import pytest

from needscli import cache
from needscli.cache import ByIdentity


def test_each_object_is_worked_out_once_and_equal_objects_apart() -> None:
    calls: list[tuple[str, ...]] = []

    def joined(item: tuple[str, ...]) -> str:
        calls.append(item)
        return "|".join(item)

    shared, other = ("a", "b"), tuple(["a", "b"])  # equal, not the same object
    assert shared is not other
    memo = ByIdentity(joined)
    assert memo.of([shared, other, shared, ("c",), shared]) == ["a|b", "a|b", "a|b", "c", "a|b"]
    assert memo.of([other, shared]) == ["a|b", "a|b"]
    assert len(calls) == 3 and sum(c is shared for c in calls) == 1 and sum(c is other for c in calls) == 1
    assert memo.of([]) == []


def test_past_its_limit_it_starts_afresh_and_still_finds_every_value(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "LIMIT", 3)
    memo = ByIdentity(lambda item: item[0] * 2)
    items = [(n,) for n in range(10)]
    assert memo.of(items) == [n * 2 for n in range(10)]
    assert memo.of(items[:2]) == [0, 2]
    assert len(memo.held) == 2  # emptied before the second call, past 3 objects held
