"""Rosters as cadre offices keep them: a header two rows high and merged cells, read as a person reads them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import openpyxl
from builders import load, make_csv, run_cli, where
from openpyxl.worksheet.worksheet import Worksheet

from needscli.config import Config, LimitsConfig
from needscli.io.files import fill_merged, read_sheets
from needscli.io.headers import find_columns
from needscli.pipeline import analyze

HEADER = ["编号", "姓名", "单位", "部门", "职务", "职级", "干部类别", "职位类别", "管理权限", "任现职时间",
          "参加工作时间", "出生年月", "本年度学时", "五年累计学时", "已参加培训", "个人培训需求"]
UNITS = ["市财政局", "市税务局", "城关镇", "市教育局"]
HOURS = {f"C{i:03d}": (20.0 + i, 100.0 + 10 * i) for i in range(1, 21)}


def cadre_row(i: int) -> list[object]:
    return [f"C{i:03d}", f"干部{i}", UNITS[i % 4], "办公室", "科员", "一级科员", "公务员", "综合管理类", "市委管理",
            "2020-05", "2010-07", "1985-03", 20 + i, 100 + 10 * i, "党性教育(2024.06)", "公文写作"]


def roster_book(tmp_path: Path, name: str, shape: Callable[[Worksheet], None] | None = None) -> Path:
    """A 20-cadre roster: title and filing line merged across rows 1-2, header on row 3; shape edits it."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "花名册"
    ws.append(["XX市干部教育培训花名册"])
    ws.merge_cells("A1:P1")
    ws.append(["填报单位：市委组织部"])
    ws.merge_cells("A2:P2")
    ws.append(HEADER)
    for i in range(1, 21):
        ws.append(cadre_row(i))
    if shape:
        shape(ws)
    path = tmp_path / name
    book.save(path)
    return path


def two_level(ws: Worksheet) -> None:
    """学时情况 over 本年度学时 and 五年累计学时 (M3:N3 merged), every other header cell merged down over rows 3-4."""
    ws.insert_rows(4)
    for c in range(1, 17):
        if c not in (13, 14):
            ws.merge_cells(start_row=3, start_column=c, end_row=4, end_column=c)
    ws.cell(3, 13).value = "学时情况"
    ws.cell(3, 14).value = None
    ws.merge_cells("M3:N3")
    ws.cell(4, 13).value = "本年度学时"
    ws.cell(4, 14).value = "五年累计学时"


def hours(inputs: object) -> dict[str, tuple[float | None, float | None]]:
    return {c.id: (c.hours_year, c.hours_five_year) for c in inputs.cadres}  # type: ignore[attr-defined]


def test_a_two_level_header_is_read_as_one_header(tmp_path: Path) -> None:
    path = roster_book(tmp_path, "twolevel.xlsx", two_level)
    inputs = load(path)
    assert where(inputs.problems) == []
    assert hours(inputs) == HOURS
    assert [c.row for c in inputs.cadres] == list(range(5, 25))  # data start on row 5
    columns = find_columns("roster", read_sheets(path, LimitsConfig())[0].rows)
    assert columns is not None and columns.header_row == 4
    assert (columns.fields["hours_year"], columns.fields["hours_five_year"], columns.fields["id"]) == (12, 13, 0)


def test_the_analysis_of_a_two_level_roster_sees_every_cadres_hours(tmp_path: Path) -> None:
    path = roster_book(tmp_path, "twolevel.xlsx", two_level)
    analysis, _ = analyze([path], Config(), as_of=dt.date(2026, 11, 1))
    assert analysis.problems == []
    assert len(analysis.compliance) == 20
    assert all(row.standing.done is not None for row in analysis.compliance)  # none 未填报学时


def test_validate_exits_0_on_a_two_level_roster(tmp_path: Path) -> None:
    path = roster_book(tmp_path, "twolevel.xlsx", two_level)
    result = run_cli("validate", path)
    assert result.exit_code == 0, result.output
    assert result.stdout == "已读取：干部 20 人\n未发现问题。\n"


def test_a_two_level_header_without_merges(tmp_path: Path) -> None:
    """The group written once over blank cells, the other headers only in the upper row (as a CSV has it)."""
    upper = [*HEADER[:12], "学时情况", "", *HEADER[14:]]
    lower = [""] * 12 + ["本年度学时", "五年累计学时", "", ""]
    path = make_csv(tmp_path, [upper, lower, *[cadre_row(i) for i in range(1, 21)]])
    inputs = load(path)
    assert where(inputs.problems) == []
    assert hours(inputs) == HOURS


def test_the_upper_row_names_what_the_lower_leaves_blank() -> None:
    rows: list[list[object]] = [
        ["编号", "姓名", "基本情况", "基本情况", "基本情况"],
        [None, None, "单位", "职务", "职级"],
        ["001", "张三", "市财政局", "科长", "乡科级正职"],
    ]
    columns = find_columns("roster", rows)
    assert columns is not None and columns.header_row == 2
    assert columns.fields == {"id": 0, "name": 1, "unit": 2, "post": 3, "level": 4}


def test_a_data_row_under_a_one_row_header_is_data_even_when_it_holds_a_header_word() -> None:
    rows: list[list[object]] = [
        ["编号", "姓名", "单位", "职务", "职级"],
        ["001", "张三", "市财政局", "岗位", "一级科员"],  # 岗位 is also a header for 职务
    ]
    columns = find_columns("roster", rows)
    assert columns is not None and columns.header_row == 1
    assert columns.headers == ["编号", "姓名", "单位", "职务", "职级"]


def test_merged_unit_cells_give_each_cadre_the_unit(tmp_path: Path) -> None:
    path = roster_book(tmp_path, "mergedunit.xlsx", lambda ws: ws.merge_cells("C4:C10"))
    inputs = load(path)
    assert where(inputs.problems) == []
    units = {c.id: c.unit for c in inputs.cadres}
    assert len(units) == 20
    assert [units[f"C{i:03d}"] for i in range(1, 8)] == [UNITS[1]] * 7  # rows 4-10 show row 4's unit
    assert [units[f"C{i:03d}"] for i in range(8, 21)] == [UNITS[i % 4] for i in range(8, 21)]


def test_a_unit_merged_over_spare_rows_adds_no_cadres(tmp_path: Path) -> None:
    def shape(ws: Worksheet) -> None:
        ws.insert_rows(14, 3)  # rows 14-16 left blank for the unit's later cadres
        ws.merge_cells("C11:C16")

    inputs = load(roster_book(tmp_path, "spare.xlsx", shape))
    assert where(inputs.problems) == []
    assert len(inputs.cadres) == 20
    assert [c.unit for c in inputs.cadres if 11 <= c.row <= 16] == [UNITS[8 % 4]] * 3


def test_a_header_merged_across_two_columns_still_works(tmp_path: Path) -> None:
    def shape(ws: Worksheet) -> None:
        ws.insert_cols(4)  # D: the office within the unit, under the same 单位 header
        for r in range(4, 24):
            ws.cell(r, 4).value = "办公室"
        ws.merge_cells("C3:D3")

    path = roster_book(tmp_path, "wideunit.xlsx", shape)
    inputs = load(path)
    assert where(inputs.problems) == []
    assert hours(inputs) == HOURS
    assert [c.unit for c in inputs.cadres] == [UNITS[i % 4] for i in range(1, 21)]


def test_titles_and_notes_across_the_table_stay_in_their_first_cell(tmp_path: Path) -> None:
    path = roster_book(tmp_path, "titled.xlsx")
    rows = read_sheets(path, LimitsConfig())[0].rows
    assert rows[0] == ["XX市干部教育培训花名册", *[""] * 15]
    assert rows[1] == ["填报单位：市委组织部", *[""] * 15]


def test_fill_merged_fills_only_down_the_merged_cells() -> None:
    rows: list[list[object]] = [["a", "", "x"], ["", "b", ""], ["", "", ""], [0.0, "", ""], ["y", "", ""], ["", "c", ""]]
    # C1:C2, A4:B4, A1:A3 and A5:B6 as calamine gives them: ((first row, first column), (last row, last column))
    filled = fill_merged(rows, [((0, 2), (1, 2)), ((3, 0), (3, 1)), ((0, 0), (2, 0)), ((4, 0), (5, 1))])
    # down a range's first column only: across, a value stays in its first cell
    assert filled == [["a", "", "x"], ["a", "b", "x"], ["", "", ""], [0.0, "", ""], ["y", "", ""], ["y", "c", ""]]


def test_two_fields_of_a_row_merged_across_give_the_second_no_value(tmp_path: Path) -> None:
    """职务 and 职级 merged on one row (科员, also a level): the level is missing, not taken from the post."""
    def merge_post_and_level(ws: Worksheet) -> None:
        ws.cell(4, 6).value = None
        ws.merge_cells("E4:F4")

    inputs = load(roster_book(tmp_path, "across.xlsx", merge_post_and_level))
    assert ("C001" in {c.id for c in inputs.cadres}) is False
    assert [(p.row, p.column) for p in inputs.problems] == [(4, "职级")]


def test_sub_headers_named_only_with_their_group_are_read_with_it(tmp_path: Path) -> None:
    """培训学时 merged across 本年度 and 五年累计: the hours columns are 本年度学时 and 五年累计学时."""
    def group_over_short_names(ws: Worksheet) -> None:
        two_level(ws)
        ws.unmerge_cells("M3:N3")
        ws.cell(3, 13).value = "培训学时"
        ws.merge_cells("M3:N3")
        ws.cell(4, 13).value = "本年度"
        ws.cell(4, 14).value = "五年累计"

    inputs = load(roster_book(tmp_path, "short.xlsx", group_over_short_names))
    assert inputs.problems == []
    assert hours(inputs) == HOURS
