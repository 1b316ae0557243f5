"""Records made a column at a time (core.bulk.made_from_columns) are the records their __init__ makes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

import pytest

from needscli.core.bulk import made_from_columns
from needscli.core.hours import HoursStanding
from needscli.core.obligations import FINDING_COLUMNS, Finding, Obligation, obligations_of
from needscli.models import Assignment, UnmetNeed


def test_made_equals_init() -> None:
    rows = [("C1", "C001", "t-a", 90.0, "class"), ("C2", "C001", "t-b", 80.5, "sent-up"), ("C1", "", "t-a", 0.0, "online")]
    made = made_from_columns(Assignment, [list(column) for column in zip(*rows, strict=True)])
    assert made == [Assignment(*row) for row in rows]
    assert all(type(m) is Assignment for m in made)
    assert [hash(m) for m in made] == [hash(Assignment(*row)) for row in rows]


def test_made_keeps_field_order() -> None:
    made = made_from_columns(UnmetNeed, [["C9"], ["t-x"], [70.0], ["no seat"]])
    assert made == [UnmetNeed(cadre_id="C9", topic_id="t-x", priority=70.0, reason="no seat")]


def test_made_of_nothing() -> None:
    assert made_from_columns(Assignment, [[], [], [], [], []]) == []


def test_frozen_records_are_made_whole_and_stay_frozen() -> None:
    """The obligations and hours standings taken back from the second process finding needs (need_shares)."""
    rows = [("C1", "appointment", "t-a", "overdue", dt.date(2026, 3, 1), 8, ("任职时间",), "band"),
            ("C2", "hours", "", "met", None, 0, (), "")]
    made = made_from_columns(Obligation, [list(column) for column in zip(*rows, strict=True)])
    assert made == [Obligation(*row) for row in rows]
    assert [hash(m) for m in made] == [hash(Obligation(*row)) for row in rows]
    with pytest.raises(AttributeError):
        made[0].status = "met"  # type: ignore[misc]
    standing = made_from_columns(HoursStanding, [["annual"], [90.0], [88.0], [12.0], [None], [50.0], [52.0],
                                                 [dt.date(2026, 12, 31)], [6.0]])
    assert standing == [HoursStanding("annual", 90.0, 88.0, 12.0, None, 50.0, 52.0, dt.date(2026, 12, 31), 6.0)]
    assert standing[0].deficit == 2.0


def test_columns_of_different_lengths_are_refused() -> None:
    with pytest.raises(ValueError, match="different lengths"):
        made_from_columns(UnmetNeed, [["C9", "C8"], ["t-x"], [70.0], ["no seat"]])
    with pytest.raises(ValueError):  # a column short of the fields
        made_from_columns(UnmetNeed, [["C9"], ["t-x"], [70.0]])


def test_a_record_its_init_would_change_is_refused() -> None:
    """Slots filled by their descriptors skip __init__: a class with a __post_init__, or without slots (whose
    fields are no descriptors), is not made so."""

    @dataclass(slots=True)
    class Checked:
        name: str

        def __post_init__(self) -> None:
            self.name = self.name.strip()

    @dataclass
    class Plain:
        name: str

    for kind in (Checked, Plain):
        with pytest.raises(TypeError, match="slots"):
            made_from_columns(kind, [[" a "]])


def test_a_findings_columns_are_an_obligations_fields_after_its_cadre() -> None:
    """need_shares packs a second process's obligations from their findings (FINDING_COLUMNS), and take_share makes
    Obligations of those columns: field by field, in order."""
    names = [f.name for f in fields(Obligation)][1:]
    assert [("overdue_months" if c == "late" else c) for c in FINDING_COLUMNS] == names
    found = [Finding("appointment", "t-a", "overdue", dt.date(2026, 3, 1), 8, ("appointed",), "band",
                     reason=None), Finding("online", "", "met", None)]
    assert obligations_of(["C1", "C2"], found) == [
        Obligation("C1", "appointment", "t-a", "overdue", dt.date(2026, 3, 1), 8, ("appointed",), "band"),
        Obligation("C2", "online", "", "met", None)]
