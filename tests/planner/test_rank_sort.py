"""Requests are served highest priority first, then by their first need's position: rank_sort gives the order one
sort by BY_RANK gives, equals kept in the order they came, whatever the priorities (ties, zero of either sign)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from needscli.planner.requests import BY_RANK, by_rank, rank_sort

_NEG = st.sampled_from([-300.5, -120.25, -120.25, -0.01, -0.0, 0.0, 15.0]) | st.floats(-1e3, 1e3)
_REQUESTS = st.lists(st.tuples(_NEG, st.integers(0, 30)), max_size=60)


@given(_REQUESTS)
def test_rank_sort_orders_as_one_sort_by_rank(pairs: list[tuple[float, int]]) -> None:
    reqs: list[Any] = [SimpleNamespace(neg=neg, idx=idx) for neg, idx in pairs]
    expected = sorted(reqs, key=BY_RANK)
    assert [id(r) for r in by_rank(iter(reqs))] == [id(r) for r in expected]
    same = list(reqs)
    assert rank_sort(same) is same
    assert [id(r) for r in same] == [id(r) for r in expected]
