"""The seats and unmet needs of a plan, built a column at a time, are the dataclasses __init__ would make."""

from __future__ import annotations

from needscli.models import Assignment, UnmetNeed
from needscli.planner.columns import made_from_columns


def test_made_equals_init() -> None:
    rows = [("C1", "C001", "t-a", 90.0), ("C2", "C001", "t-b", 80.5), ("C1", "C002", "t-a", 0.0)]
    made = made_from_columns(Assignment, [list(column) for column in zip(*rows, strict=True)])
    assert made == [Assignment(*row) for row in rows]
    assert all(type(m) is Assignment for m in made)
    assert [hash(m) for m in made] == [hash(Assignment(*row)) for row in rows]


def test_made_keeps_field_order() -> None:
    made = made_from_columns(UnmetNeed, [["C9"], ["t-x"], [70.0], ["no seat"]])
    assert made == [UnmetNeed(cadre_id="C9", topic_id="t-x", priority=70.0, reason="no seat")]


def test_made_of_nothing() -> None:
    assert made_from_columns(Assignment, [[], [], [], []]) == []
