"""Formulas whose results a workbook does not hold (made by a program, never opened and saved in Excel or WPS): read as
empty cells, as calamine reads them, and said so in one notice for the sheet naming the cells of the columns read."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import openpyxl
import xlsxwriter
from builders import load, run_cli

from needscli.io import extent

HEADER = ["编号", "姓名", "单位", "职务", "职级", "本年度学时", "备用"]


def _computed_by_program(tmp_path: Path) -> Path:
    """openpyxl writes each formula with an empty result (<f>40+50</f><v/>): no spreadsheet has computed it."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "花名册"
    ws.append(["=\"XX县\"&\"干部花名册\""])  # a title by formula, above the header: no column read
    ws.append(HEADER)
    ws.append(["C1", "李华", "县财政局", "科员", "一级科员", "=40+50", "=1+1"])  # G: a column not read
    ws.append(["C2", "张敏", "县财政局", "=\"科\"&\"员\"", "一级科员", 30, None])
    ws.append(["C3", "王五", "县财政局", "科员", "一级科员", 95, None])
    path = tmp_path / "roster.xlsx"
    book.save(path)
    return path


def test_formulas_without_results_are_named_in_one_notice_and_read_as_empty(tmp_path: Path) -> None:
    inputs = load(_computed_by_program(tmp_path))
    notice = [p for p in inputs.problems if p.code == "formula-without-value"]
    assert [(p.row, p.cell, p.severity) for p in notice] == [(3, "", "warning")]
    assert notice[0].message == ("工作表「花名册」中有 2 个单元格是公式，文件中没有保存公式的计算结果，按空白读取：F3「本年度学时」、"
                                 "D4「职务」；这样的文件通常由其他程序生成，还没有在 Excel 或 WPS 中打开保存过")
    assert "用 Excel 或 WPS 打开这个文件，保存一次" in notice[0].expected
    # each cell is still what it was read as: blank, with its own problem
    assert ("missing-value", "D4") in {(p.code, p.cell) for p in inputs.problems}
    assert [c.id for c in inputs.cadres] == ["C1", "C3"]


def test_a_header_by_formula_is_named_and_a_total_rows_formulas_are_not(tmp_path: Path) -> None:
    """A header written as a formula reads empty: its column is not read, whatever it holds (said nowhere else). A
    合计 row's =SUM(...) cells are in no row read: not named (the row is skipped as a total row)."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "花名册"
    ws.append([*HEADER[:5], '="本年度"&"学时"'])
    ws.append(["C1", "李华", "县财政局", "科员", "一级科员", 40])
    ws.append(["C2", "张敏", "县财政局", "科员", "一级科员", 30])
    ws.append(["合计", "2人", None, None, None, "=SUM(F2:F3)"])
    book.save(tmp_path / "roster.xlsx")
    inputs = load(tmp_path / "roster.xlsx")
    [notice] = [p for p in inputs.problems if p.code == "formula-without-value"]
    assert notice.row == 1 and "按空白读取：F1 表头（该列没有读取）；" in notice.message
    assert "note-row" in [p.code for p in inputs.problems]


def test_a_two_row_headers_cell_by_formula_merged_over_both_rows_is_named(tmp_path: Path) -> None:
    """本年度学时 by formula in the upper row, merged over both rows of the header: its column is not read, said."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "花名册"
    ws.append(["编号", "姓名", "单位", "职务", "职级", '="本年度"&"学时"', "培训情况"])
    ws.append([None, None, None, None, None, None, "五年累计学时"])
    for col in "ABCDEF":
        ws.merge_cells(f"{col}1:{col}2")
    ws.append(["C1", "李华", "县财政局", "科员", "一级科员", 40, 300])
    ws.append(["C2", "张敏", "县财政局", "科员", "一级科员", 30, 200])
    book.save(tmp_path / "roster.xlsx")
    [notice] = [p for p in load(tmp_path / "roster.xlsx").problems if p.code == "formula-without-value"]
    assert "按空白读取：F1 表头（该列没有读取）；" in notice.message


def test_formulas_with_their_results_are_read_without_a_notice(tmp_path: Path) -> None:
    """As Excel saves them: each formula with its result (a text's empty result is a result too)."""
    path = tmp_path / "roster.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("花名册")
    ws.write_row(0, 0, HEADER)
    ws.write_row(1, 0, ["C1", "李华", "县财政局", "科员", "一级科员"])
    ws.write_formula(1, 5, "=40+50", None, 90)
    ws.write_row(2, 0, ["C2", "张敏", "县财政局", "科员", "一级科员", 30])
    book.close()
    inputs = load(path)
    assert [p.code for p in inputs.problems] == []
    assert inputs.cadres[0].hours_year == 90


def test_a_formula_is_told_unvalued_by_what_follows_it() -> None:
    piece = (b'<row r="2"><c r="A2"><f>40+50</f><v/></c><c r="B2"><f>1+1</f><v>2</v></c>'
             b'<c r="C2" t="str"><f>IF(A1,"","")</f><v></v></c><c r="D2" s="3"><f t="shared" si="0"/></c>'
             b'<c r="E2"><f>X1</f><v></v></c><c r="F2" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
             b'<c r="G2"><f>A&lt;B</f>\n</c></row>')
    assert extent.unvalued_formulas(piece) == [(2, 1), (2, 4), (2, 5), (2, 7)]
    assert extent.unvalued_formulas(b'<row r="2"><c r="A2" t="inlineStr"><is><t>f</t></is></c></row>') == []


def test_the_second_scanning_process_sends_the_cells_back(tmp_path: Path) -> None:
    """A large sheet is scanned in two processes (extent._scan_share): the cells found in the second's share come
    back with the merged ranges and hidden rows."""
    path = _computed_by_program(tmp_path)
    with zipfile.ZipFile(path) as archive:
        part = extent.sheet_parts(archive)[0][1]
    share = extent._scan_share(str(path), part, extent._beyond(1000, 100), 0)
    assert extent._unpacked(share) == (0, (), ((1, 1), (3, 6), (3, 7), (4, 4)), ())


def test_error_values_are_told_with_the_error() -> None:
    """A cell of an error value (t="e"), typed or a formula's, is told with the error Excel shows: calamine reads it as
    empty. A t="e" of no cell's tag is none, nor is a cell of another type."""
    piece = (b'<row r="4"><c r="E4" t="e"><f>cmd|\' /C calc\'!A0</f><v>#REF!</v></c><c r="F4" s="2" t="e"><v>#N/A</v>'
             b'</c><c r="G4" t="e"/><c r="H4" t="inlineStr"><is><t>t="e"</t></is></c><c r="I4"><v>3</v></c></row>')
    assert extent.error_values(piece) == [(4, 5, "#REF!"), (4, 6, "#N/A"), (4, 7, "")]
    assert extent.error_values(b'<row r="2"><c r="A2" t="s"><v>0</v></c></row>') == []


def test_the_second_scanning_process_sends_the_error_values_back(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["编号", "学时"])
    book.active.append(["C1", "#DIV/0!"])  # openpyxl writes an error code as an error value
    path = tmp_path / "records.xlsx"
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        part = extent.sheet_parts(archive)[0][1]
    share = extent._scan_share(str(path), part, extent._beyond(1000, 100), 0)
    assert extent._unpacked(share) == (0, (), (), ((2, 2, "#DIV/0!"),))


def test_validate_lists_the_notice(tmp_path: Path) -> None:
    result = run_cli("validate", _computed_by_program(tmp_path), "--format", "json")
    said = json.loads(result.stdout)
    found = [(p["code"], p["cell"]) for p in said["problems"]]
    # the notice names no cell of its own: the blank hours are still told at their cell
    assert ("formula-without-value", "") in found and ("compliance-unknown", "F3") in found
