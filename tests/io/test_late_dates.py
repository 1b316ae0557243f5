"""Roster dates after the as-of date: named cell by cell, by validate and analyze alike, and read as the
warning says (io.late_dates)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from builders import make_workbook, run_cli

import needscli
from needscli.config import Config
from needscli.pipeline import check_inputs

AS_OF = dt.date(2026, 11, 1)
HEADER = ["编号", "姓名", "单位", "职务", "职级", "出生年月", "任现职时间", "录用时间", "参加工作时间"]


def _roster(tmp_path: Path) -> Path:
    rows: list[list[object]] = [
        HEADER,
        ["L01", "甲", "市财政局", "副局长", "县处级副职", dt.date(1975, 3, 1), dt.date(2027, 2, 1), None,
         dt.date(1997, 7, 1)],  # a post about to be taken
        ["L02", "乙", "市财政局", "科员", "一级科员", dt.date(2062, 5, 1), dt.date(2024, 1, 1),
         dt.date(2030, 1, 1), dt.date(2029, 9, 1)],  # born 2062: a slip; recorded and entered later still
        ["L03", "丙", "市财政局", "科员", "一级科员", dt.date(1990, 1, 1), AS_OF, AS_OF, AS_OF],  # the day itself
        ["L04", "丁", "市财政局", "科员", "一级科员", "1995.06", "2023年5月", "2026-12", "2020-08-01"],
        ["L05", "戊", "市财政局", "科员", "一级科员", "1992.03", "2027.01", None, "2015-08-01"],  # staff: no band
    ]
    return make_workbook(tmp_path, {"花名册": rows})


def _late(problems: list[needscli.Problem]) -> list[tuple[int | None, str, str, str]]:
    return [(p.row, p.column, p.cell, p.severity) for p in problems if p.code == "date-after-as-of"]


def test_validate_names_every_date_after_the_as_of_date_in_roster_order(tmp_path: Path) -> None:
    inputs = check_inputs([_roster(tmp_path)], Config(), as_of=AS_OF)
    assert _late(inputs.problems) == [
        (2, "任现职时间", "G2", "warning"),
        (3, "出生年月", "F3", "warning"), (3, "录用时间", "H3", "warning"), (3, "参加工作时间", "I3", "warning"),
        (5, "录用时间", "H5", "warning"),  # 2026-12, a month after
        (6, "任现职时间", "G6", "warning"),
    ]
    [birth] = [p for p in inputs.problems if p.cell == "F3"]
    assert birth.message == "第 3 行「出生年月」2062-05-01 晚于分析基准日 2026-11-01：年龄按未知处理"
    assert birth.expected.startswith("不晚于分析基准日的日期") and "--as-of" in birth.expected
    assert len(inputs.cadres) == 5  # warnings: every row kept
    # a leading post about to be taken: when its appointment training falls due; a staff post's has none
    said = {p.cell: p.message for p in inputs.problems if p.code == "date-after-as-of"}
    assert said["G2"] == ("第 2 行「任现职时间」2027-02-01 晚于分析基准日 2026-11-01：按即将任职处理，任职培训须在任职后 12 "
                          "个月内完成（任职前 12 个月内参加的也算）")
    assert said["G6"] == "第 6 行「任现职时间」2027-01-01 晚于分析基准日 2026-11-01：按即将任职处理"


def test_a_later_as_of_date_leaves_no_warning(tmp_path: Path) -> None:
    inputs = check_inputs([_roster(tmp_path)], Config(), as_of=dt.date(2062, 6, 1))
    assert _late(inputs.problems) == []


def test_the_warnings_in_english(tmp_path: Path) -> None:
    inputs = check_inputs([_roster(tmp_path)], Config(), as_of=AS_OF, lang="en")
    [appointed] = [p for p in inputs.problems if p.cell == "G2"]
    assert appointed.message == ('row 2: "任现职时间" 2027-02-01 is after the as-of date 2026-11-01: read as a post '
                                 "about to be taken: its appointment training is due within 12 months of it (a course up to 12 "
                                 "months before it counts)")


def test_analyze_reads_each_late_date_as_its_warning_says(tmp_path: Path) -> None:
    analysis = needscli.analyze(_roster(tmp_path), as_of=AS_OF)
    assert _late(analysis.problems) == _late(check_inputs([_roster(tmp_path)], Config(), as_of=AS_OF).problems)
    # born "2062": no age, so no rule on age finds a need (as L04, 31, has its young-cadre need)
    assert not [n for n in analysis.needs if n.cadre_id == "L02" and "young-cadres" in n.rule_ids]
    assert [n for n in analysis.needs if n.cadre_id == "L04" and "young-cadres" in n.rule_ids]  # born 1995
    # a post about to be taken: its appointment training due a year after it
    [appointment] = [o for o in analysis.obligations if o.cadre_id == "L01" and o.kind == "appointment"]
    assert (appointment.status, appointment.deadline) == ("due", dt.date(2028, 2, 1))
    # recorded after the day: no initial training due yet, and nothing blank to report
    assert not [o for o in analysis.obligations if o.cadre_id == "L02" and o.kind == "initial"]
    assert not [p for p in analysis.problems if p.code == "compliance-unknown" and p.row == 3]


@pytest.mark.parametrize("command", ["validate", "analyze"])
def test_the_cli_lists_them_with_the_other_problems(tmp_path: Path, command: str) -> None:
    args = ["-o", tmp_path / "out"] if command == "analyze" else []
    result = run_cli(command, _roster(tmp_path), "--as-of", "2026-11-01", "--format", "json", *args)
    assert result.exit_code == 1, result.output  # done, with data problems listed
    found = [(p["cell"], p["severity"]) for p in json.loads(result.stdout)["problems"] if p["code"] == "date-after-as-of"]
    assert found == [("G2", "warning"), ("F3", "warning"), ("H3", "warning"), ("I3", "warning"), ("H5", "warning"),
                     ("G6", "warning")]


def test_the_months_come_from_the_config(tmp_path: Path) -> None:
    config = Config.model_validate({"obligations": {"appointment_months": 6, "appointment_before_months": 3}})
    inputs = check_inputs([_roster(tmp_path)], config, as_of=AS_OF)
    [appointed] = [p for p in inputs.problems if p.cell == "G2"]
    assert appointed.message.endswith("任职培训须在任职后 6 个月内完成（任职前 3 个月内参加的也算）")


# --- a roster long older than the as-of date -------------------------------------------------------------------

def _dated_roster(tmp_path: Path, cadres: int, newest: dt.date, unit: str = "市财政局", name: str = "roster.xlsx") -> Path:
    """cadres staff of 市财政局 appointed a month apart, the last on newest; recorded and at work long before."""
    assert Config().limits.stale_roster_cadres == 50  # the tests' sizes are about it
    tmp_path.mkdir(exist_ok=True)
    rows: list[list[object]] = [HEADER]
    for i in range(cadres):
        months = newest.year * 12 + newest.month - 1 - (cadres - 1 - i)
        rows.append([f"{unit}{i:03d}", f"人{i}", unit, "科员", "一级科员", dt.date(1990, 1, 1),
                     dt.date(months // 12, months % 12 + 1, 1), dt.date(2012, 9, 1), dt.date(2012, 7, 1)])
    return make_workbook(tmp_path, {"花名册": rows}, name=name)


def _old(problems: list[needscli.Problem]) -> list[needscli.Problem]:
    return [p for p in problems if p.code == "roster-older-than-as-of"]


def test_a_roster_whose_newest_appointment_is_over_a_year_before_the_as_of_date_is_said_to_be_perhaps_old(
        tmp_path: Path) -> None:
    """Last year's roster run on today's date: its every obligation reads as overdue, its new appointees are missing."""
    roster = _dated_roster(tmp_path, 60, dt.date(2025, 9, 1))
    [old] = _old(check_inputs([roster], Config(), as_of=AS_OF).problems)
    assert (old.file, old.sheet, old.column, old.row, old.severity) == (roster.name, "花名册", "任现职时间", None, "warning")
    assert old.message == ("名册中最近的「任现职时间」是 2025-09-01，比分析基准日 2026-11-01 早 12 个月以上：名册可能不是最新的，"
                           "此后新任职、新录用的干部不在其中，而名册中干部的必训任务按基准日计为已到期或逾期")
    assert "--as-of" in old.expected
    # the as-of date the roster describes: no warning; nor within the months configured
    assert _old(check_inputs([roster], Config(), as_of=dt.date(2025, 10, 1)).problems) == []
    assert _old(check_inputs([roster], Config(limits={"stale_roster_months": 15}), as_of=AS_OF).problems) == []


def test_a_recent_date_or_a_small_roster_leaves_no_such_warning(tmp_path: Path) -> None:
    assert _old(check_inputs([_dated_roster(tmp_path / "a", 60, dt.date(2025, 11, 1))], Config(),
                             as_of=AS_OF).problems) == []  # a year to the day
    assert _old(check_inputs([_dated_roster(tmp_path / "b", 49, dt.date(2024, 1, 1))], Config(),
                             as_of=AS_OF).problems) == []  # 49 dated cadres: too few to tell


def test_analyze_says_so_in_english_too(tmp_path: Path) -> None:
    result = run_cli("analyze", _dated_roster(tmp_path, 60, dt.date(2025, 9, 1)), "--as-of", "2026-11-01",
                     "-o", tmp_path / "out", "--format", "json", "--quiet", "--lang", "en")
    assert result.exit_code == 1, result.stderr  # warnings
    [old] = [p for p in json.loads(result.stdout)["problems"] if p["code"] == "roster-older-than-as-of"]
    assert old["message"].startswith('the newest "任现职时间" of the roster is 2025-09-01, more than 12 months before')


def test_each_roster_sheet_is_looked_at_on_its_own(tmp_path: Path) -> None:
    """A county's sheet brought up to date beside a city's left from last year: the city's alone is named."""
    county = _dated_roster(tmp_path, 60, dt.date(2026, 9, 1), "城关镇", "county.xlsx")
    city = _dated_roster(tmp_path, 60, dt.date(2025, 3, 1), "市财政局", "city.xlsx")
    found = _old(check_inputs([county, city], Config(), as_of=AS_OF).problems)
    assert [p.file for p in found] == ["city.xlsx"]
    assert found[0].message.startswith("名册中最近的「任现职时间」是 2025-03-01，")


def test_units_rosters_of_a_few_dozen_each_are_counted_together(tmp_path: Path) -> None:
    """A folder of units' rosters, 20 cadres each, all last year's: each is named; two of them alone are too few."""
    rosters = [_dated_roster(tmp_path, 20, dt.date(2025, 3, 1), unit, f"{unit}.xlsx")
               for unit in ("市财政局", "市教育局", "市民政局")]
    assert sorted(p.file for p in _old(check_inputs(rosters, Config(), as_of=AS_OF).problems)) == [
        "市教育局.xlsx", "市民政局.xlsx", "市财政局.xlsx"]
    assert _old(check_inputs(rosters[:2], Config(), as_of=AS_OF).problems) == []


def test_small_quiet_units_beside_a_current_roster_are_not_called_old(tmp_path: Path) -> None:
    """A unit of 15 that appointed nobody in a year is ordinary: beside the county's current roster of 300, the four
    small ones are not named; a large one as old is."""
    current = _dated_roster(tmp_path, 300, dt.date(2026, 9, 1), "县委组织部", "county.xlsx")
    small = [_dated_roster(tmp_path, 15, dt.date(2025, 9, 1), unit, f"{unit}.xlsx")
             for unit in ("市档案馆", "市地方志办", "市侨联", "市残联")]
    assert _old(check_inputs([current, *small], Config(), as_of=AS_OF).problems) == []
    large = _dated_roster(tmp_path, 60, dt.date(2025, 3, 1), "市民政局", "large.xlsx")
    assert [p.file for p in _old(check_inputs([current, *small, large], Config(), as_of=AS_OF).problems)] == [
        "large.xlsx"]


def test_one_units_new_roster_does_not_hide_a_folder_of_old_ones(tmp_path: Path) -> None:
    """Ten units sent last year's rosters of 20 again, one sent a new one: the ten are named."""
    old = [_dated_roster(tmp_path, 20, dt.date(2025, 3, 1), f"市第{i}局", f"old{i}.xlsx") for i in range(10)]
    new = _dated_roster(tmp_path, 20, dt.date(2026, 9, 1), "市新局", "new.xlsx")
    assert len(_old(check_inputs([*old, new], Config(), as_of=AS_OF).problems)) == 10


def test_a_roster_dated_by_its_work_start_alone_is_not_called_old(tmp_path: Path) -> None:
    """Sixty leaders at work since 2024 and before, with neither 任现职时间 nor 录用时间: nothing tells the roster's age."""
    rows: list[list[object]] = [["编号", "姓名", "单位", "职务", "职级", "出生年月", "参加工作时间"]]
    rows += [[f"A{i:03d}", f"人{i}", "市财政局", "科员", "一级科员", dt.date(1990, 1, 1), dt.date(2024 - i % 20, 7, 1)]
             for i in range(60)]
    roster = make_workbook(tmp_path, {"花名册": rows})
    assert _old(check_inputs([roster], Config(), as_of=AS_OF).problems) == []
    # with their 任现职时间 as old, the roster is
    rows = [[*rows[0], "任现职时间"], *([*row, dt.date(2025, 3, 1)] for row in rows[1:])]
    assert [p.column for p in _old(check_inputs([make_workbook(tmp_path, {"花名册": rows}, name="b.xlsx")], Config(),
                                                as_of=AS_OF).problems)] == ["任现职时间"]


def test_a_current_sheet_dated_by_its_work_start_still_counts_as_current(tmp_path: Path) -> None:
    """Two small units' old sheets beside a current roster of 100 dated by 参加工作时间 alone: they are not named."""
    current: list[list[object]] = [["编号", "姓名", "单位", "职务", "职级", "出生年月", "参加工作时间"]]
    current += [[f"N{i:03d}", f"新{i}", "县委组织部", "科员", "一级科员", dt.date(1995, 1, 1), dt.date(2026, 9, 1)]
                for i in range(100)]
    new = make_workbook(tmp_path, {"花名册": current}, name="county.xlsx")
    old = [_dated_roster(tmp_path, 30, dt.date(2025, 3, 1), unit, f"{unit}.xlsx") for unit in ("市档案馆", "市侨联")]
    assert _old(check_inputs([new, *old], Config(), as_of=AS_OF).problems) == []
    assert len(_old(check_inputs(old, Config(), as_of=AS_OF).problems)) == 2  # alone, together, they are


# --- a training of 已参加培训 dated after the as-of date ---------------------------------------------------------

def _attended_roster(tmp_path: Path) -> Path:
    rows: list[list[object]] = [
        ["编号", "姓名", "单位", "职务", "职级", "任现职时间", "已参加培训"],
        ["A1", "甲", "市财政局", "副局长", "县处级副职", dt.date(2026, 3, 1),
         "县处级以上任职培训(2027.02)、党性教育(2026.06)、党史国史教育(2027年1月)"],  # planned, or a year mistyped
        ["A2", "乙", "市财政局", "副局长", "县处级副职", dt.date(2026, 3, 1), "县处级以上任职培训(2026.11)"],  # the month
    ]
    return make_workbook(tmp_path, {"花名册": rows})


def test_a_training_attended_after_the_as_of_date_is_named_and_meets_nothing(tmp_path: Path) -> None:
    """A course of 2027 in 已参加培训 on an analysis as of 2026-11-01: a warning naming the cell and the items, the row
    kept; the appointment training it would meet stays due and the topic a need. One of the as-of month, written as
    the month alone (its first day), is no later."""
    inputs = check_inputs([_attended_roster(tmp_path)], Config(), as_of=AS_OF)
    assert _late(inputs.problems) == [(2, "已参加培训", "G2", "warning")]
    [late] = [p for p in inputs.problems if p.code == "date-after-as-of"]
    assert late.message == ("第 2 行「已参加培训」中的「县处级以上任职培训」2027-02-01、「党史国史教育」2027-01-01晚于分析基准日 "
                            "2026-11-01：按尚未参加处理，不计入已参加的培训，也不满足任何必训任务")
    assert late.expected.startswith("已参加培训的实际日期，不晚于分析基准日")
    english = check_inputs([_attended_roster(tmp_path)], Config(), as_of=AS_OF, lang="en")
    [late] = [p for p in english.problems if p.code == "date-after-as-of"]
    assert late.message == ('row 2: "已参加培训" gives "县处级以上任职培训" 2027-02-01, "党史国史教育" 2027-01-01, after the '
                            "as-of date 2026-11-01: read as not attended yet: no training done, meeting no obligation")
    analysis = needscli.analyze(_attended_roster(tmp_path), as_of=AS_OF)
    assert {o.cadre_id: o.status for o in analysis.obligations if o.kind == "appointment"} == {"A1": "due", "A2": "met"}
    topics = {n.topic_id for n in analysis.needs if n.cadre_id == "A1"}
    assert "history" in topics and "party-spirit" not in topics
    # as of a day after them, they are done, and nothing is said
    later = needscli.analyze(_attended_roster(tmp_path), as_of=dt.date(2027, 2, 2))
    assert _late(later.problems) == []
    assert [o.status for o in later.obligations if o.kind == "appointment"] == ["met", "met"]


def test_explain_says_a_training_after_the_as_of_date_does_not_count(tmp_path: Path) -> None:
    result = run_cli("explain", _attended_roster(tmp_path), "A1", "--as-of", "2026-11-01")
    assert result.exit_code == 0, result.output
    assert result.stdout.count("晚于分析基准日，尚未参加，不计入") == 2
