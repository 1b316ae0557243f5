"""analyze --ledger: the ledger's concentrated hours and days and its online hours, each its own figure,
against the 2023 Regulations' standards (Art. 14: concentrated training in days OR hours; online apart)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from builders import add_records, catalog, hand_record, make_cadre, make_workbook, roster

import needscli
from needscli.config import Config
from needscli.core.hours import HoursStanding, hours_standing
from needscli.models import Cadre, LedgerDiff
from needscli.records.apply import apply_ledger
from needscli.records.store import Ledger, TrainingRecord

D = dt.date
AS_OF = D(2026, 12, 31)
ONLINE_COUNTS = Config.model_validate({"hours": {"online_counts_toward_concentrated": True}})


def online_and_a_little_concentrated(cadre_id: str = "C1") -> list[TrainingRecord]:
    """100 online hours and 8 concentrated hours without a start date (so no days) in 2026."""
    return [hand_record(cadre_id, D(2026, 4, 1), 8, topic="法治"),
            hand_record(cadre_id, D(2026, 6, 1), 60, delivery="online", topic="网络课程一"),
            hand_record(cadre_id, D(2026, 9, 1), 40, delivery="online", topic="网络课程二")]


def party_school_days(cadre_id: str = "C1") -> list[TrainingRecord]:
    """12 party-school days: two 6-day classes with their dates, 36 hours each (72 h, short of 90 h)."""
    return [hand_record(cadre_id, D(2026, 3, 7), 36, start=D(2026, 3, 2), topic="党性教育"),
            hand_record(cadre_id, D(2026, 5, 9), 36, start=D(2026, 5, 4), topic="法治")]


def applied(ledger: Ledger, cadres: list[Cadre], config: Config | None = None) -> tuple[list[Cadre], list[LedgerDiff]]:
    config = config or Config()
    assert ledger.path is not None
    return apply_ledger(cadres, ledger.path, AS_OF, config, catalog(config))


def standing(cadre: Cadre, config: Config | None = None) -> HoursStanding:
    return hours_standing(cadre, "乡科级", config or Config(), AS_OF)


def test_online_hours_do_not_fill_the_concentrated_standard(ledger: Ledger) -> None:
    add_records(ledger, *online_and_a_little_concentrated())
    [cadre], diffs = applied(ledger, [make_cadre("C1")])
    assert (cadre.hours_year, cadre.online_hours_year) == (8, 100)
    # the 8 hours have no start date: they add hours and no days, so the ledger knows no days of C1's
    # (online records count none) and the roster's blank figure stands
    assert (cadre.days_year, cadre.days_five_year) == (None, None)
    assert not {"days_year", "days_five_year"} & {d.field for d in diffs}
    held = standing(cadre)
    assert (held.done, held.days, held.met) == (8, None, False)  # online hours are not among the 8
    # days unknown: the deficit is the hours gap, 90 - 8; 8 hours are not 1.33 days off the 12
    assert held.deficit == 82
    assert held.online_deficit == 0  # the 50 online hours a year are met


def test_a_id_number_the_ledger_holds_with_its_x_in_the_other_case_is_the_same_cadre(ledger: Ledger) -> None:
    """Records imported with 11010119950307002x, a roster with …X: the ledger's hours are the cadre's."""
    add_records(ledger, *party_school_days("11010119950307002x"))
    [cadre], _ = applied(ledger, [make_cadre("11010119950307002X")])
    assert (cadre.hours_year, cadre.days_year) == (72, 12)


def test_online_hours_count_where_the_config_lets_them(ledger: Ledger) -> None:
    add_records(ledger, *online_and_a_little_concentrated())
    [cadre], _ = applied(ledger, [make_cadre("C1")], ONLINE_COUNTS)
    assert cadre.hours_year == 8  # the ledger keeps them apart; the standard adds them
    held = standing(cadre, ONLINE_COUNTS)
    assert (held.done, held.met, held.deficit) == (108, True, 0)


def test_twelve_party_school_days_meet_the_annual_standard_by_days(ledger: Ledger) -> None:
    add_records(ledger, *party_school_days())
    [cadre], _ = applied(ledger, [make_cadre("C1")])
    assert (cadre.hours_year, cadre.days_year) == (72, 12)
    held = standing(cadre)
    assert (held.met, held.deficit) == (True, 0)


def test_five_year_days(ledger: Ledger) -> None:
    """County level: 90 days (3 months) or 550 h in five years; a 3-month class with its dates is enough."""
    add_records(ledger, hand_record("C1", D(2025, 6, 28), 400, start=D(2025, 3, 31)))  # 1 + 30 + 31 + 28 days
    [cadre], _ = applied(ledger, [make_cadre("C1", level="县处级副职")])
    # nothing ends in 2026: the ledger knows no days of the year and the roster's blank stands
    assert (cadre.hours_five_year, cadre.days_five_year, cadre.days_year) == (400, 90, None)
    held = hours_standing(cadre, "县处级", Config(), AS_OF)
    # 400 h fall 150 h short of 550, but 90 days meet the standard by days
    assert (held.standard, held.done, held.days, held.met, held.deficit) == ("five-year", 400, 90, True, 0)


def test_five_year_hours_without_dates_are_no_days(ledger: Ledger) -> None:
    """The same 400 hours without a start date add no days: 550 - 400 = 150 h to go, not (90 - 400/6) x 6."""
    add_records(ledger, hand_record("C1", D(2025, 6, 28), 400))
    [cadre], _ = applied(ledger, [make_cadre("C1", level="县处级副职")])
    assert (cadre.hours_five_year, cadre.days_five_year) == (400, None)
    held = hours_standing(cadre, "县处级", Config(), AS_OF)
    assert (held.met, held.deficit) == (False, 150)
    # a ledger of undated records only leaves the roster's days in place and reports no day figure
    [reported], diffs = applied(ledger, [make_cadre("C1", level="县处级副职", days_five_year=80.0)])
    assert (reported.hours_five_year, reported.days_five_year) == (400, 80)
    assert {d.field for d in diffs if d.field != "completed"} == {"hours_year", "hours_five_year"}
    # days known now: the shorter gap is (90 - 80) days x 6 h = 60 h, not 550 - 400 = 150 h
    assert hours_standing(reported, "县处级", Config(), AS_OF).deficit == 60


def test_add_mode_adds_each_figure_to_the_roster_and_reports_each_apart(ledger: Ledger) -> None:
    add_records(ledger, *online_and_a_little_concentrated(), *party_school_days("C2"))
    reported = make_cadre("C1", hours_year=50.0, hours_five_year=200.0, online_hours_year=20.0, days_year=3.0)
    cadres, diffs = applied(ledger, [reported, make_cadre("C2", hours_year=72.0, days_year=12.0,
                                                          hours_five_year=72.0, days_five_year=12.0,
                                                          online_hours_year=0.0)])
    c1, c2 = cadres
    assert (c1.hours_year, c1.hours_five_year, c1.online_hours_year) == (58, 208, 120)
    # C1's ledger holds no dated concentrated record: its days are unknown there, the roster's 3 and blank stand
    assert (c1.days_year, c1.days_five_year) == (3, None)
    by_field = {(d.cadre_id, d.field): (d.roster, d.ledger, d.used) for d in diffs}
    assert by_field[("C1", "hours_year")] == ("50", "8", "58")
    assert by_field[("C1", "hours_five_year")] == ("200", "8", "208")
    assert by_field[("C1", "online_hours_year")] == ("20", "100", "120")  # online apart from the concentrated hours
    assert ("C1", "days_year") not in by_field and ("C1", "days_five_year") not in by_field
    # the ledger adds C2's 72 hours and 12 dated days to the figures the roster reported before them
    assert (c2.hours_year, c2.days_year, c2.hours_five_year, c2.days_five_year) == (144, 24, 144, 24)
    assert by_field[("C2", "days_year")] == ("12", "12", "24")
    assert by_field[("C2", "days_five_year")] == ("12", "12", "24")
    assert ("C2", "online_hours_year") not in by_field  # 0 + 0: the same figure


def test_replace_mode_takes_the_ledgers_figures(ledger: Ledger) -> None:
    add_records(ledger, *online_and_a_little_concentrated(), *party_school_days("C2"))
    config = Config.model_validate({"ledger": {"hours_mode": "replace"}})
    reported = make_cadre("C1", hours_year=50.0, online_hours_year=20.0, days_year=3.0)
    (c1, c2), diffs = applied(ledger, [reported, make_cadre("C2", days_year=3.0, days_five_year=4.0)], config)
    # the ledger's hours replace the roster's; it knows no days of C1's (8 undated hours), so the roster's 3 stand
    assert (c1.hours_year, c1.online_hours_year, c1.days_year, c1.days_five_year) == (8, 100, 3, None)
    assert {d.field: d.used for d in diffs if d.cadre_id == "C1" and d.field != "completed"} == {
        "hours_year": "8", "hours_five_year": "8", "online_hours_year": "100"}
    # C2's two dated 6-day classes: the ledger's 12 days replace the roster's figures
    assert (c2.days_year, c2.days_five_year) == (12, 12)
    assert {(d.field, d.roster, d.used) for d in diffs if d.cadre_id == "C2" and d.field.startswith("days")} == {
        ("days_year", "3", "12"), ("days_five_year", "4", "12")}


def test_online_hours_the_ledger_does_not_know_leave_the_roster_figure(ledger: Ledger) -> None:
    add_records(ledger, *party_school_days())  # no online record at all: no platform export imported
    [cadre], diffs = applied(ledger, [make_cadre("C1", online_hours_year=30.0)])
    assert cadre.online_hours_year == 30
    assert "online_hours_year" not in {d.field for d in diffs}
    [blank], _ = applied(ledger, [make_cadre("C1")])
    assert blank.online_hours_year is None  # still unknown, not 0


def test_analysis_with_the_ledger_keeps_online_apart(tmp_path: Path, ledger: Ledger) -> None:
    """Through the library: the hours obligation stays due, the online one is met."""
    add_records(ledger, *online_and_a_little_concentrated("C1"), *party_school_days("C2"))
    path = make_workbook(tmp_path, {"花名册": roster(["C1", "测试张三", "市财政局", "科员", "一级主任科员"],
                                                     ["C2", "测试李四", "市财政局", "科员", "一级主任科员"])})
    analysis = needscli.analyze(path, ledger=ledger.path, as_of=AS_OF)
    compliance = {row.cadre_id: row.standing for row in analysis.compliance}
    assert (compliance["C1"].done, compliance["C1"].met, compliance["C1"].online) == (8, False, 100)
    assert (compliance["C2"].days, compliance["C2"].met) == (12, True)
    status = {(o.cadre_id, o.kind): o.status for o in analysis.obligations}
    assert status[("C1", "online")] == "met"
    assert status[("C1", "hours")] != "met"
    assert status[("C2", "hours")] == "met"
    fields = {(d.cadre_id, d.field) for d in analysis.ledger_diffs}
    assert {("C1", "online_hours_year"), ("C1", "hours_year"), ("C2", "days_year")} <= fields
    counted = needscli.analyze(path, ledger=ledger.path, as_of=AS_OF, config=ONLINE_COUNTS)
    assert {row.cadre_id: row.standing.met for row in counted.compliance}["C1"] is True
