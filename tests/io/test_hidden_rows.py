"""Roster rows hidden in Excel or filtered out by an AutoFilter: read as cadres like every other row, and said so in
one notice for the sheet (a hidden sheet is not read, and is named in a note of its own)."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
from builders import ROSTER_HEADER, load, run_cli

from needscli.io import extent


def _filtered(tmp_path: Path, hidden: range) -> Path:
    """A roster of 12 cadres under an AutoFilter, the rows in hidden filtered out."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "花名册"
    ws.append(ROSTER_HEADER)
    for i in range(12):
        ws.append([f"C{i:02d}", f"张{i}", "市财政局" if i < 4 else "市税务局", "科员", "一级科员"])
    ws.auto_filter.ref = "A1:E13"
    for row in hidden:
        ws.row_dimensions[row].hidden = True
    path = tmp_path / "roster.xlsx"
    book.save(path)
    return path


def test_hidden_rows_are_read_and_named_in_one_notice(tmp_path: Path) -> None:
    inputs = load(_filtered(tmp_path, range(6, 14)))  # only 市财政局 shown: the other unit's 8 rows filtered out
    assert len(inputs.cadres) == 12
    assert [(p.code, p.row, p.severity) for p in inputs.problems] == [("hidden-rows", 6, "warning")]
    assert inputs.problems[0].message == ("工作表「花名册」中有 8 行在 Excel 中被隐藏或被筛选掉（第 6、7、8、9、10 … 行），"
                                          "这些行也作为干部读取了")


def test_a_hidden_row_that_is_no_cadre_is_not_counted(tmp_path: Path) -> None:
    """A hidden blank row below the table, or the header itself, reads no cadre."""
    path = _filtered(tmp_path, range(3, 4))
    book = openpyxl.load_workbook(path)
    book.active.row_dimensions[20].hidden = True
    book.save(path)
    [notice] = load(path).problems
    assert (notice.row, notice.message) == (3, "工作表「花名册」中有 1 行在 Excel 中被隐藏或被筛选掉（第 3 行），这些行也作为干部读取了")


def test_a_sheet_without_hidden_rows_has_no_notice(tmp_path: Path) -> None:
    assert load(_filtered(tmp_path, range(0))).problems == []


def test_a_hidden_row_is_told_by_its_tag_whatever_its_attributes() -> None:
    piece = (b'<row r="2" spans="1:5"><c r="A2"/></row><row r="3" spans="1:5" hidden="1" ht="15">'
             b"<row r='4' hidden='true'/><row r=\"5\" customHidden=\"1\"/><x:row r=\"6\" hidden=\"1\">")
    assert extent.hidden_rows(piece) == [3, 4, 6]


def test_validate_lists_the_notice(tmp_path: Path) -> None:
    result = run_cli("validate", _filtered(tmp_path, range(6, 14)), "--format", "json")
    assert result.exit_code == 1, result.output
    said = json.loads(result.stdout)
    assert said["counts"]["roster"] == 12
    assert [p["code"] for p in said["problems"]] == ["hidden-rows"]
