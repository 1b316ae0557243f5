"""Columns hidden in Excel: of two columns giving one field, the shown one is read and the warning says the hidden
one was not; a hidden column read (no shown twin) is named in one notice for the sheet, as hidden rows are."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
from builders import ROSTER_HEADER, load, run_cli

from needscli.io import extent

OLD_RANKS = ["副主任科员", "科员", "副科级", "主任科员"]
NEW_RANKS = ["四级主任科员", "一级科员", "乡科级副职", "一级主任科员"]


def _roster(tmp_path: Path, header: list[str], rows: list[list[object]], hidden: list[str],
            above: tuple[list[object], ...] = ()) -> Path:
    """A roster sheet with the given columns (letters) hidden in Excel."""
    book = openpyxl.Workbook()
    ws = book.active
    for row in [*above, header, *rows]:
        ws.append(row)
    for letters in hidden:
        first, _, last = letters.partition(":")
        ws.column_dimensions.group(first, last or first, hidden=True)
    path = tmp_path / "roster.xlsx"
    book.save(path)
    return path


def _two_ranks(tmp_path: Path, hidden: list[str]) -> Path:
    """Last year's 职级 in E, this year's typed in F beside it (the state of hidden-col.xlsx with E hidden)."""
    return _roster(tmp_path, ["编号", "姓名", "单位", "职务", "职级", "职级"],
                   [[f"H{i:03d}", f"隐{i}", "XX县财政局", "科员", old, new]
                    for i, (old, new) in enumerate(zip(OLD_RANKS, NEW_RANKS, strict=True), 1)], hidden)


def test_the_shown_column_of_two_is_read_and_the_hidden_one_named_as_not_read(tmp_path: Path) -> None:
    inputs = load(_two_ranks(tmp_path, ["E"]))
    assert [c.level for c in inputs.cadres] == NEW_RANKS
    assert [(p.code, p.cell, p.severity) for p in inputs.problems] == [("doubled-column", "F1", "warning")]
    assert inputs.problems[0].message == ("「职级」（E 列）、「职级」（F 列）都是「职级」列：「职级」（E 列）在 Excel 中是隐藏的，"
                                          "没有读取；读取的是显示的「职级」（F 列）")


def test_the_first_column_is_read_where_the_later_one_is_hidden(tmp_path: Path) -> None:
    inputs = load(_two_ranks(tmp_path, ["F"]))
    assert [c.level for c in inputs.cadres] == ["副主任科员", "科员", "乡科级副职", "主任科员"]  # 副科级 read as its level
    [warning] = inputs.problems
    assert (warning.cell, warning.message) == ("E1", "「职级」（E 列）、「职级」（F 列）都是「职级」列：「职级」（F 列）在 Excel 中是"
                                                     "隐藏的，没有读取；读取的是显示的「职级」（E 列）")


def test_two_columns_both_hidden_are_read_as_two_shown_ones_with_the_notice(tmp_path: Path) -> None:
    inputs = load(_two_ranks(tmp_path, ["E:F"]))
    assert [(p.code, p.cell) for p in inputs.problems] == [("doubled-column", "E1"), ("hidden-columns", "E1")]
    assert inputs.problems[1].message == "工作表「Sheet」中「职级」（E 列）、「职级」（F 列）在 Excel 中是隐藏的，也读取了"


def test_a_hidden_column_read_is_named_in_one_notice(tmp_path: Path) -> None:
    path = _roster(tmp_path, [*ROSTER_HEADER, "任职时间"], [["C01", "甲", "市财政局", "科员", "一级科员", "2020.03"]],
                   ["D", "F", "H:XFD"])  # 职务 and 任职时间 hidden, and the unused columns past them
    inputs = load(path)
    assert [c.post for c in inputs.cadres] == ["科员"]
    assert [(p.code, p.row, p.cell, p.severity) for p in inputs.problems] == [("hidden-columns", 1, "D1", "warning")]
    assert inputs.problems[0].message == "工作表「Sheet」中「职务」（D 列）、「任职时间」（F 列）在 Excel 中是隐藏的，也读取了"
    assert inputs.problems[0].expected == "要读取的列请显示出来；不应读取的列请删除，而不是隐藏"


def test_hidden_columns_not_read_give_no_notice(tmp_path: Path) -> None:
    """A column no field reads (备注), and the unused columns past the table where the unit said above the header
    is read into a column of no cell."""
    path = _roster(tmp_path, ["编号", "姓名", "职务", "职级", "备注"], [["C01", "甲", "科员", "一级科员", "x"]],
                   ["E:XFD"], above=[["填报单位：市财政局"]])
    inputs = load(path)
    assert [c.unit for c in inputs.cadres] == ["市财政局"]
    assert "hidden-columns" not in [p.code for p in inputs.problems]


def test_the_warnings_in_english(tmp_path: Path) -> None:
    path = _roster(tmp_path, ["id", "name", "unit", "post", "level", "level"],
                   [["C01", "Li", "Finance", "clerk", "科员", "一级科员"]], ["E"])
    [warning] = load(path).problems
    assert warning.message == ("\"level\" (column E), \"level\" (column F) all give \"Level\": \"level\" (column E), hidden in "
                               "Excel, was not read; the shown \"level\" (column F) was read")
    path = _roster(tmp_path, ["id", "name", "unit", "post", "level"], [["C01", "Li", "Finance", "clerk", "一级科员"]],
                   ["B"])
    [notice] = load(path).problems
    assert notice.message == "in sheet Sheet, \"name\" (column B) hidden in Excel, was read too"


def test_hidden_columns_are_told_by_the_cols_before_the_cells() -> None:
    head = (b'<worksheet><sheetViews/><cols><col min="1" max="2" width="9"/><col min="5" max="5" hidden="1" '
            b"width=\"0\"/><col min='7' max='9' style='1' hidden='true'/><x:col min=\"11\" max=\"11\" hidden=\"1\"/>"
            b'<col min="12" max="12" hidden="0"/></cols><sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
            b'<col min="20" max="20" hidden="1"/>')
    assert extent.hidden_columns(head) == ((5, 5), (7, 9), (11, 11))
    assert extent.hidden_columns(b'<worksheet><cols><col min="1" max="3"/></cols><sheetData/>') == ()


def test_validate_lists_the_notice(tmp_path: Path) -> None:
    path = _roster(tmp_path, ROSTER_HEADER, [["C01", "甲", "市财政局", "科员", "一级科员"]], ["E"])
    result = run_cli("validate", path, "--format", "json")
    assert result.exit_code == 1, result.output
    said = json.loads(result.stdout)
    assert [p["code"] for p in said["problems"]] == ["hidden-columns"]
