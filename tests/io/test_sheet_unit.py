"""Roster sheets without a 单位 column, one unit a sheet: the unit from the 填报单位 line above the header or from
the sheet's name (io.sheet_unit), with a warning saying where; elsewhere the column is still required."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import load, make_workbook

from needscli.errors import NeedsError
from needscli.io.sheet_unit import SheetUnit, sheet_unit
from needscli.wording import problem_in

HEADER = ["编号", "姓名", "职务", "职级"]


def _cadres(first: int, count: int) -> list[list[object]]:
    return [[f"C{i:02d}", f"张{i}", "科员", "一级科员"] for i in range(first, first + count)]


@pytest.mark.parametrize(("name", "rows", "header_row", "found"), [
    ("表1", [["干部培训情况统计表"], ["填报单位：市财政局\u3000\u3000填报日期：2026年10月"], HEADER], 3,
     SheetUnit("市财政局", 2, "填报单位：市财政局 填报日期：2026年10月")),
    ("表1", [[None, "填报单位（盖章）：XX县人民政府", None, "填报时间：2026.10"], HEADER], 2,
     SheetUnit("XX县人民政府", 1, "填报单位（盖章）：XX县人民政府", 1)),
    ("市审计局", [["干部培训情况统计表"], HEADER], 2, SheetUnit("市审计局", 0, "")),
    ("市审计局", [["填报单位：（盖章）"], HEADER], 2, SheetUnit("市审计局", 0, "")),  # a placeholder says nothing
    ("2026年市审计局", [HEADER], 1, SheetUnit("市审计局", 0, "")),
    # a unit's whole name, its brackets and joins kept; only the stamp a form asks for left out
    ("Sheet1", [["填报单位：XX县财政局（县国资办）　填报日期：2026年10月"], HEADER], 2,
     SheetUnit("XX县财政局（县国资办）", 1, "填报单位：XX县财政局（县国资办） 填报日期：2026年10月")),
    ("Sheet1", [["填报单位：市委办公室、市政府办公室"], HEADER], 2, SheetUnit("市委办公室、市政府办公室", 1, "填报单位：市委办公室、市政府办公室")),
    ("Sheet1", [["填报单位（盖章）：市委办公室/市政府办公室"], HEADER], 2,
     SheetUnit("市委办公室/市政府办公室", 1, "填报单位（盖章）：市委办公室/市政府办公室")),
    ("Sheet1", [["填报单位：市交通运输局（盖章）"], HEADER], 2, SheetUnit("市交通运输局", 1, "填报单位：市交通运输局（盖章）")),
    ("Sheet1", [["填报单位：________"], HEADER], 2, None),
    # a blank form's next label, a measure, a title naming its organizers, a header's own note: no unit
    ("Sheet1", [["填报单位：\u3000\u3000填报日期：2026年10月"], HEADER], 2, None),
    ("Sheet1", [["单位：人、学时"], HEADER], 2, None),
    ("Sheet1", [["2026年培训班（主办单位：市委组织部　承办单位：市委党校）"], HEADER], 2, None),
    ("Sheet1", [["培训学时（单位：学时）"], HEADER], 2, None),
    ("Sheet1", [["单位：人次"], HEADER], 2, None), ("Sheet1", [["单位：学时/人"], HEADER], 2, None),
    *[("Sheet1", [[line], HEADER], 2, None) for line in ("单位：人（次）", "单位：学时（天）", "单位：万元（人民币）",
                                                       "单位：小时（h）", "填报单位：（请填写全称）", "填报单位：（公章）年 月 日")],
    ("Sheet1", [["填报单位：\u3000\u30002026年10月30日"], HEADER], 2, None),
    *[(name, [HEADER], 1, None) for name in ("2026年", "处级干部", "科级干部", "正科", "副科", "科室", "处室", "全部", "汇总")],
    *[(name, [HEADER], 1, SheetUnit(name, 0, "")) for name in ("市委办公室", "市公路管理处", "市委组织部")],
])
def test_the_unit_a_sheet_says(name: str, rows: list[list[object]], header_row: int, found: SheetUnit | None) -> None:
    assert sheet_unit(name, rows, header_row) == found


def test_each_cadre_of_a_sheet_takes_the_unit_of_its_filled_by_line(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {
        "表1": [["干部培训情况统计表"], ["填报单位：市财政局\u3000填报日期：2026年10月"], HEADER, *_cadres(1, 2), [],
               ["合计", "2人"]],
        "表2": [["填报单位：市审计局"], HEADER, *_cadres(3, 1)]})
    inputs = load(path)
    assert [(c.id, c.unit, c.sheet, c.row) for c in inputs.cadres] == [
        ("C01", "市财政局", "表1", 4), ("C02", "市财政局", "表1", 5), ("C03", "市审计局", "表2", 3)]
    said = [(p.code, p.sheet, p.row, problem_in(p, "zh").message) for p in inputs.problems]
    assert said == [
        ("unit-from-sheet", "表1", 2, "没有「单位」列：工作表「表1」的每名干部都按单位「市财政局」读取（取自第 2 行「填报单位：市财政局 填报日期：2026年10月」）"),
        ("note-row", "表1", 7, "第 7 行是合计行（「合计」），不是数据，已跳过"),  # the blank row above it is no cadre
        ("unit-from-sheet", "表2", 1, "没有「单位」列：工作表「表2」的每名干部都按单位「市审计局」读取（取自第 1 行「填报单位：市审计局」）")]


def test_one_sheet_a_unit_named_after_it(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"市财政局": [HEADER, *_cadres(1, 2)], "市审计局": [HEADER, *_cadres(3, 1)],
                                    "填表说明": [["说明"]]})
    inputs = load(path)
    assert [(c.id, c.unit) for c in inputs.cadres] == [("C01", "市财政局"), ("C02", "市财政局"), ("C03", "市审计局")]
    assert [problem_in(p, "zh").message for p in inputs.problems][0] == (
        "没有「单位」列：工作表「市财政局」的每名干部都按单位「市财政局」读取（取自工作表名称）")


@pytest.mark.parametrize("name", ["Sheet1", "花名册", "2026年"])
def test_without_a_unit_said_anywhere_the_column_is_still_required(tmp_path: Path, name: str) -> None:
    with pytest.raises(NeedsError, match='no "单位" \\(Unit\\) column'):
        load(make_workbook(tmp_path, {name: [["干部培训情况统计表"], HEADER, *_cadres(1, 2)]}))


def test_a_unit_column_wins_over_the_line_above(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"花名册": [["填报单位：市委组织部"], [*HEADER, "单位"],
                                               ["C01", "张三", "科员", "一级科员", "市财政局"]]})
    inputs = load(path)
    assert [(c.unit, c.row) for c in inputs.cadres] == [("市财政局", 3)] and inputs.problems == []


def test_a_summary_sheet_with_a_unit_column_is_the_roster_beside_the_units_own_sheets(tmp_path: Path) -> None:
    """汇总 (every cadre, with 单位) beside one sheet a unit without it: the summary is the roster, as before."""
    summary = [[*HEADER, "单位"], *[[*row, "市财政局"] for row in _cadres(1, 2)], [*_cadres(3, 1)[0], "市审计局"]]
    path = make_workbook(tmp_path, {"汇总": summary, "市财政局": [HEADER, *_cadres(1, 2)],
                                    "市审计局": [HEADER, *_cadres(3, 1)]})
    inputs = load(path)
    assert [(c.id, c.unit, c.sheet) for c in inputs.cadres] == [
        ("C01", "市财政局", "汇总"), ("C02", "市财政局", "汇总"), ("C03", "市审计局", "汇总")]
    assert {p.code for p in inputs.problems} == {"sheet-not-read"}


def test_notes_under_a_sheet_without_a_unit_column_stay_notes(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"表1": [["填报单位：市财政局"], HEADER, *_cadres(1, 2), ["注1．学时含网络学时"],
                                            ["※ 本表一式两份"], ["合计", "2人"], ["制表人：张三", None, "审核人：李四"]]})
    inputs = load(path)
    assert [c.id for c in inputs.cadres] == ["C01", "C02"]
    assert [(p.code, p.row) for p in inputs.problems] == [
        ("unit-from-sheet", 1), ("note-row", 5), ("note-row", 6), ("note-row", 7), ("note-row", 8)]
    assert inputs.problems[0].cell == "A1"


def test_rosters_pasted_unit_by_unit_take_each_unit_from_its_own_line(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"表1": [["填报单位：市财政局"], HEADER, *_cadres(1, 2),
                                            ["填报单位：市审计局"], HEADER, *_cadres(3, 2),
                                            ["填报单位：\u3000\u3000填报日期：2026年10月"], HEADER, *_cadres(5, 1)]})
    inputs = load(path)
    assert [(c.id, c.unit) for c in inputs.cadres] == [
        ("C01", "市财政局"), ("C02", "市财政局"), ("C03", "市审计局"), ("C04", "市审计局")]
    said = [(p.code, p.row, problem_in(p, "zh").message) for p in inputs.problems if p.code != "note-row"]
    assert said[:2] == [
        ("unit-from-sheet", 1, "没有「单位」列：工作表「表1」第 3 行起的干部都按单位「市财政局」读取（取自第 1 行「填报单位：市财政局」）"),
        ("unit-from-sheet", 5, "没有「单位」列：工作表「表1」第 6 行起的干部都按单位「市审计局」读取（取自第 5 行「填报单位：市审计局」）")]
    # under a line naming no unit, a row has none: said so, not given the unit before
    # the cell named is the line's, not one past the sheet's last column (a cell of no file)
    assert [(p.code, p.row, p.column, p.cell, problem_in(p, "zh").message) for p in inputs.problems
            if p.code == "missing-value"] == [
        ("missing-value", 11, "单位", "A9",
         "第 11 行：没有单位：工作表没有「单位」列，其上第 9 行「填报单位： 填报日期：2026年10月」没有写单位名称")]


def test_sheets_with_and_without_a_unit_column_listing_different_cadres_are_all_read(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"表1": [["填报单位：市财政局"], HEADER, *_cadres(1, 2)],
                                    "表2": [[*HEADER, "单位"], [*_cadres(3, 1)[0], "市审计局"]]})
    inputs = load(path)
    assert [(c.id, c.unit, c.sheet) for c in inputs.cadres] == [
        ("C01", "市财政局", "表1"), ("C02", "市财政局", "表1"), ("C03", "市审计局", "表2")]


def test_a_unit_sheet_that_says_its_unit_nowhere_is_an_error_naming_the_missing_column(tmp_path: Path) -> None:
    """Beside sheets that say their unit, one that does not (no 单位 column, no 填报单位 line, named Sheet2): its
    cadres cannot be read; said as an error of that sheet, not as a sheet of no input's name."""
    path = make_workbook(tmp_path, {"表1": [["填报单位：市财政局"], HEADER, *_cadres(1, 2)],
                                    "Sheet2": [["干部名册"], HEADER, *_cadres(3, 2)]})
    inputs = load(path)
    assert [c.id for c in inputs.cadres] == ["C01", "C02"]
    unread = [p for p in inputs.problems if p.code == "sheet-not-read"]
    assert [(p.sheet, p.severity) for p in unread] == [("Sheet2", "error")]
    assert problem_in(unread[0], "zh").message == ("工作表「Sheet2」第 2 行是花名册的表头，但没有「单位」列，表头上方也没有写明"
                                                   "填报单位，表名也不是单位名称：这张表的数据没有读取")
    assert problem_in(unread[0], "zh").expected == "增加「单位」列，或在表头上方写明“填报单位：（单位名称）”"


def test_a_list_beside_a_sheet_named_as_the_roster_is_only_noted(tmp_path: Path) -> None:
    """退休人员 with the roster's header but no 单位, beside 花名册: another list, not a unit's sheet lost: a warning."""
    path = make_workbook(tmp_path, {"花名册": [[*HEADER, "单位"], [*_cadres(1, 1)[0], "市财政局"]],
                                    "退休人员": [HEADER, *_cadres(5, 2)]})
    inputs = load(path)
    assert [c.id for c in inputs.cadres] == ["C01"]
    assert [(p.code, p.sheet, p.severity) for p in inputs.problems] == [("sheet-not-read", "退休人员", "warning")]


def test_a_list_beside_a_chosen_roster_sheet_is_only_noted(tmp_path: Path) -> None:
    """roster.xlsx#在职人员 chosen: 退休人员 beside it, with the header and no 单位, is another list: a warning."""
    make_workbook(tmp_path, {"在职人员": [[*HEADER, "单位"], [*_cadres(1, 1)[0], "市财政局"]],
                             "退休人员": [HEADER, *_cadres(5, 2)]})
    inputs = load(tmp_path / "roster.xlsx#在职人员")
    assert [c.id for c in inputs.cadres] == ["C01"]
    assert [(p.code, p.sheet, p.severity) for p in inputs.problems] == [("sheet-not-read", "退休人员", "warning")]


def test_a_roster_of_english_headers_is_told_of_its_unit_column_by_its_english_header(tmp_path: Path) -> None:
    """A unit said by a 填报单位 line over English headers, and a sheet beside it that says none: the column named
    as the roster's headers are written, Unit, its Chinese in brackets; said in Chinese as for a Chinese roster."""
    header = ["Cadre ID", "Name", "Post", "Level"]
    path = make_workbook(tmp_path, {"表1": [["填报单位：市财政局"], header, ["C01", "Wang Ying", "Clerk", "Staff Member"]],
                                    "Sheet2": [["Staff list"], header, ["C02", "He Yue", "Clerk", "Staff Member"]]})
    unread, said = load(path).problems
    assert (said.code, said.message, said.expected) == (
        "unit-from-sheet", 'no "Unit" (单位) column: every cadre of sheet 表1 is read as of the unit 市财政局, from the '
        'line "填报单位：市财政局" on row 1', "a Unit column, or one unit a sheet said above its header (填报单位：…) or by "
        "its name")
    assert (unread.code, unread.message, unread.expected) == (
        "sheet-not-read", 'sheet Sheet2 has a roster header row (row 2) but no "Unit" (单位) column, nor a unit said '
        "above the header or by the sheet's name: its rows were not read",
        "a Unit column, or a line 填报单位：(the unit) above the header")
    assert problem_in(said, "zh").message == (
        "没有「单位」列：工作表「表1」的每名干部都按单位「市财政局」读取（取自第 1 行「填报单位：市财政局」）")
    assert problem_in(said, "zh").expected == "「单位」列，或在表头上方（填报单位：…）或以工作表名称写明的一个单位"
    assert problem_in(unread, "zh").expected == "增加「单位」列，或在表头上方写明“填报单位：（单位名称）”"


def test_a_roster_of_english_headers_given_its_unit_by_a_line_speaks_english(tmp_path: Path) -> None:
    """The 单位 column the line gives is no header of the roster's: its language is that of the headers written."""
    path = make_workbook(tmp_path, {"表1": [["填报单位：市财政局"], ["Cadre ID", "Name", "Post", "Level"],
                                            ["C01", "Wang Ying", "Clerk", "Staff Member"], ["Note: hours include online"]]})
    inputs = load(path)
    assert inputs.lang == "en"
    assert [(p.code, p.message) for p in inputs.problems][1:] == [
        ("note-row", 'row 4 is a note (such as "Note:"), not data; it was skipped')]


def test_a_row_of_english_headers_under_a_line_naming_no_unit_is_told_of_its_unit_column_in_english(
        tmp_path: Path) -> None:
    header = ["Cadre ID", "Name", "Post", "Level"]
    path = make_workbook(tmp_path, {"表1": [["填报单位：市财政局"], header, ["C01", "Wang Ying", "Clerk", "Staff Member"],
                                            ["填报单位：\u3000\u3000填报日期：2026年10月"], header,
                                            ["C02", "He Yue", "Clerk", "Staff Member"]]})
    (missing,) = [p for p in load(path).problems if p.code == "missing-value"]
    assert (missing.message, missing.expected) == (
        'row 6: no unit: the sheet has no "Unit" (单位) column and the line "填报单位： 填报日期：2026年10月" on row 4 above '
        "it names none", "the unit's name after 填报单位：, or a Unit column")
    assert (problem_in(missing, "zh").message, problem_in(missing, "zh").expected) == (
        "第 6 行：没有单位：工作表没有「单位」列，其上第 4 行「填报单位： 填报日期：2026年10月」没有写单位名称",
        "在「填报单位：」后写上单位名称，或增加「单位」列")
