"""A roster of an earlier year (its title 2026年度, its 填报日期 2026年10月) read for a later one: its 本年度 figures are
not that year's and count as 0, said once a sheet naming the cell (io.roster_year)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from builders import make_workbook, records_csv, run_cli

import needscli
from needscli.core.obligations import HOURS_TOPIC
from needscli.io.roster_year import stated_year

HEADER = ["编号", "姓名", "单位", "职务", "职级", "本年度学时", "本年度网络学时"]
TITLE = "XX县2026年度干部教育培训花名册"
FILLED = "填报单位：县委组织部　　填报日期：2026年10月"


def _roster(tmp_path: Path, *above: str) -> Path:
    rows: list[list[object]] = [[line] for line in above] + [
        HEADER,
        ["C1", "李华", "县财政局", "科员", "一级科员", 95, 60],  # met 2026's 90 hours
        ["C2", "张敏", "县财政局", "科员", "一级科员", 30, 10],
    ]
    return make_workbook(tmp_path, {"花名册": rows})


@pytest.mark.parametrize(("above", "year", "row", "filled"), [
    ([TITLE, FILLED], 2026, 1, False),
    ([FILLED], 2026, 1, True),
    (["干部花名册", "统计截至2025.12.31"], 2025, 2, True),
    (["2026年干部培训情况统计表"], 2026, 1, False),
    # next year's survey filed this year holds this year's figures: no later than the day filed
    (["XX市2027年度干部教育培训需求调查花名册", "填报日期：2026年12月"], 2026, 2, True),
    (["2025-2026年度干部培训情况统计表"], 2026, 1, False),  # of two years, the later
    (["2025年度-2026年度干部教育培训花名册"], 2026, 1, False),
    (["XX市干部花名册（注：含2025年度考核结果）", "填报日期：2026年10月"], 2026, 2, True),  # a note names no year
    (["XX市干部教育培训花名册", "填报日期：2026年10月", "基本信息"], 2026, 2, True),
    # a year in Chinese numerals or full-width digits, as a typed title often has it
    (["XX县二〇二六年度干部教育培训花名册"], 2026, 1, False),
    (["XX县二零二五年干部培训情况统计表"], 2025, 1, False),
    (["干部花名册", "填报日期：２０２６年１０月"], 2026, 2, True),
    (["二〇二五—二〇二六年度干部培训情况统计表"], 2026, 1, False),
    (["一二三四五六七八九十年规划花名册"], None, 0, False),  # not a year: no 19 or 20 before it
    (["干部花名册", "填报日期：二〇二六年十月"], 2026, 2, True),  # the whole date in Chinese numerals
    (["干部花名册", "填报日期：二〇二六年十二月十五日"], 2026, 2, True),
    (["XX县二O二六年度干部教育培训花名册"], 2026, 1, False),  # 〇 typed as the letter O
    (["XX县二0二六年度干部教育培训花名册"], 2026, 1, False),  # or as the digit 0
    (["XX县2O26年度干部教育培训花名册"], 2026, 1, False),  # the digit 0 typed as the letter O
    (["干部花名册", "填报日期：二零二六年元月"], 2026, 2, True),  # 元月: January
    (["二〇二七年度干部教育培训需求调查花名册", "填报日期：二〇二六年十二月"], 2026, 2, True),  # filed in December
    (["干部花名册", "填报单位：县委组织部"], None, 0, False),
    (["培训学时（单位：学时）", "2026年10月30日"], None, 0, False),  # a date alone says no year of the figures
])
def test_the_year_is_the_titles_else_the_filing_dates(above: list[str], year: int | None, row: int,
                                                      filled: bool) -> None:
    rows: list[list[object]] = [[line] for line in above] + [HEADER, ["C1", "李华", "县财政局", "科员", "一级科员", 95, 60]]
    said = stated_year(rows, len(above) + 1)
    assert (said.year, said.row, said.filled) == (year, row, filled) if said else year is None


def test_a_year_in_chinese_numerals_is_quoted_as_written() -> None:
    rows: list[list[object]] = [["XX县二〇二六年度干部教育培训花名册"], HEADER, ["C1", "李华", "县财政局", "科员", "一级科员", 95, 60]]
    said = stated_year(rows, 2)
    assert said is not None and (said.year, said.text) == (2026, "XX县二〇二六年度干部教育培训花名册")


def test_a_group_over_a_two_row_headers_columns_and_a_date_in_the_cell_after_its_label() -> None:
    """2025年度考核 over its 等次 column names no year of the roster; 填报日期： in A2 and its date in B2 does."""
    rows: list[list[object]] = [["XX市干部教育培训花名册"], ["填报日期：", dt.datetime(2026, 10, 30)],
                                ["基本信息", None, None, None, None, "培训情况", None, "2025年度考核"],
                                [*HEADER, "等次"], ["C1", "李华", "县财政局", "科员", "一级科员", 95, 60, "优秀"]]
    said = stated_year(rows, 4)
    assert said is not None and (said.year, said.row, said.col, said.filled) == (2026, 2, 0, True)


def test_a_header_or_a_cell_below_it_says_no_year() -> None:
    rows: list[list[object]] = [HEADER, ["C1", "2026年度干部教育培训花名册", "县财政局", "科员", "一级科员", 95, 60]]
    assert stated_year(rows, 1) is None


def test_a_roster_of_2026_read_in_2027_counts_nothing_of_2027_and_says_so(tmp_path: Path) -> None:
    path = _roster(tmp_path, TITLE, FILLED)
    same_year = needscli.analyze(path, as_of="2026-10-31")
    assert same_year.cadre_by_id["C1"].hours_year == 95
    assert not [p for p in same_year.problems if p.code == "roster-of-another-year"]
    assert not [n for n in same_year.needs if n.cadre_id == "C1" and n.topic_id == HOURS_TOPIC]
    later = needscli.analyze(path, as_of="2027-04-01", lang="zh")
    assert (later.cadre_by_id["C1"].hours_year, later.cadre_by_id["C1"].online_hours_year) == (0, 0)
    assert [n for n in later.needs if n.cadre_id == "C1" and n.topic_id == HOURS_TOPIC]  # 2027's 90 hours to find
    [warning] = [p for p in later.problems if p.code == "roster-of-another-year"]
    assert (warning.sheet, warning.cell, warning.severity) == ("花名册", "A1", "warning")
    assert warning.message == (
        "花名册的标题（第 1 行「XX县2026年度干部教育培训花名册」）表明它是 2026 年的，而分析的是 2027 年：「本年度学时」、"
        "「本年度网络学时」是 2026 年的数字，不计入 2027 年，2027 年按 0 计（台账中 2027 年的记录照常计入）")


def test_the_ledgers_records_of_the_year_are_added_to_nothing(tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.db"
    records = records_csv(tmp_path, ["C2", "张敏", "法治", "集中", "2027-03-01", "2027-03-05", 30, "", ""])
    assert run_cli("records", "import", records, "--ledger", ledger, "--date", "2027-04-01").exit_code == 0
    path = _roster(tmp_path, FILLED)
    later = needscli.analyze(path, as_of="2027-04-01", ledger=ledger)
    assert later.cadre_by_id["C2"].hours_year == 30  # 2027's 30 of the ledger, not 2026's 30 besides
    shown = run_cli("records", "show", "C2", "--roster", path, "--ledger", ledger, "--as-of", "2027-04-01")
    assert "2027年（截至2027-04-01）集中培训：5天、30学时（花名册0学时 + 台账5天、30学时）" in shown.stdout
    said = "".join(ch for ch in shown.output if ch not in "│ \n")  # the problems' table wraps its lines
    assert "「本年度学时」、「本年度网络学时」是2026年的数字" in said and shown.exit_code == 1


def test_records_summary_of_a_later_year_does_not_count_the_rosters_year(tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.db"
    records = records_csv(tmp_path, ["C2", "张敏", "法治", "集中", "2026-03-01", "2026-03-05", 30, "", ""])
    assert run_cli("records", "import", records, "--ledger", ledger).exit_code == 0
    path = _roster(tmp_path, TITLE)

    def hours(year: str) -> float:
        result = run_cli("records", "summary", "--year", year, "--by", "unit", "--roster", path, "--ledger", ledger,
                         "--format", "json")
        return json.loads(result.stdout)["rows"][0]["hours"]

    assert hours("2026") == 95 + 30 + 30
    assert hours("2027") == 0


def test_a_roster_without_the_year_columns_is_not_told(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"花名册": [[TITLE], HEADER[:5], ["C1", "李华", "县财政局", "科员", "一级科员"]]})
    later = needscli.analyze(path, as_of=dt.date(2027, 4, 1))
    assert not [p for p in later.problems if p.code == "roster-of-another-year"]


def test_explain_says_why_the_years_hours_read_0(tmp_path: Path) -> None:
    path = _roster(tmp_path, TITLE, FILLED)
    shown = run_cli("explain", path, "C1", "--as-of", "2027-04-01")
    assert shown.exit_code == 0, shown.output
    assert "注意：花名册的标题（第 1 行「XX县2026年度干部教育培训花名册」）表明它是 2026 年的" in shown.stderr
    assert "注意" not in run_cli("explain", path, "C1", "--as-of", "2026-10-31").stderr
