"""The hours register and the summary by unit, level or cadre, from the ledger and the roster."""

from __future__ import annotations

import datetime as dt

from builders import add_records, hand_record, make_cadre

from needscli.config import Config
from needscli.records.register import registration_rows, summary
from needscli.records.store import Ledger

D = dt.date


def test_registration_rows_apply_the_level_requirement(ledger: Ledger) -> None:
    add_records(ledger,
                hand_record("C1", D(2023, 5, 1), 300), hand_record("C1", D(2026, 5, 1), 100),
                hand_record("C2", D(2026, 5, 1), 60), hand_record("C2", D(2026, 8, 1), 12, delivery="online"),
                hand_record("X9", D(2026, 5, 1), 8, topic="党性教育"))
    roster = [make_cadre("C1", unit="市发改委", level="县处级正职"),
              make_cadre("C2", unit="市财政局", level="一级主任科员"),
              make_cadre("C3", unit="市财政局", level="二级科员")]
    rows = {r.cadre_id: r for r in registration_rows(ledger, 2026, Config(), roster)}
    assert list(rows) == ["C1", "C2", "C3", "X9"]
    assert (rows["C1"].standard, rows["C1"].five_year, rows["C1"].required, rows["C1"].deficit) == (
        "five-year", 400, 550, 150)
    assert (rows["C2"].standard, rows["C2"].hours_year, rows["C2"].deficit) == ("annual", 72, 18)
    assert rows["C2"].by_delivery == {"concentrated": 60, "online": 12, "overseas": 0}
    assert (rows["C3"].hours_year, rows["C3"].deficit) == (0, 90)
    assert (rows["X9"].on_roster, rows["X9"].required, rows["X9"].last_completions) == (
        False, None, [("党性教育", D(2026, 5, 1))])


def test_summary_by_unit_level_and_cadre(ledger: Ledger) -> None:
    add_records(ledger, hand_record("C1", D(2026, 5, 1), 100), hand_record("C2", D(2026, 5, 1), 60),
                hand_record("C3", D(2026, 5, 1), 95))
    roster = [make_cadre("C1", unit="市发改委", level="县处级正职"),
              make_cadre("C2", unit="市财政局", level="一级主任科员"),
              make_cadre("C3", unit="市财政局", level="一级主任科员")]
    by_unit = summary(ledger, 2026, "unit", roster)
    assert [(r.group, r.cadres, r.hours, r.below) for r in by_unit.rows] == [
        ("市发改委", 1, 100, 1), ("市财政局", 2, 155, 1)]
    by_level = summary(ledger, 2026, "level", roster)
    assert [(r.group, r.cadres) for r in by_level.rows] == [("县处级正职", 1), ("一级主任科员", 2)]
    without = summary(ledger, 2026, "unit")
    assert without.by == "cadre"
    assert [(r.group, r.hours, r.below) for r in without.rows] == [("C1", 100, None), ("C2", 60, None),
                                                                  ("C3", 95, None)]
