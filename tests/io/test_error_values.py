"""An input sheet's cell of an error value (#REF!, #N/A, #DIV/0!): calamine reads it as empty, the sheet's scan notes
it (Sheet.errors). Said at its cell as the error the clerk sees in Excel, never as "is empty", the row's fate that of
a blank cell: a required field's skips its row, an optional one's is read as blank with a warning, the row kept. A CSV
has no error type: a cell whose whole text is such an error (as Excel writes it on saving a CSV) is read alike."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from builders import forge_numbers, load, make_csv, make_workbook, roster, run_cli, where

from needscli.config import Config
from needscli.errors import NeedsError
from needscli.io import files, tables
from needscli.io.extent import ErrorValue
from needscli.io.files import Sheet
from needscli.io.load import load_inputs, make_table
from needscli.pipeline import check_inputs
from needscli.wording import in_chinese, problems_in
from tests.io.test_build_split import SPLIT, _here

HEADER = ["编号", "姓名", "单位", "职务", "职级", "出生年月", "任现职时间", "能力:法治思维"]
ROWS = [["C1", "李华", "县财政局", "科员", "一级科员", "#REF!", "2020-01", 3],
        ["C2", "张敏", "#N/A", "科员", "一级科员", "1980-01", "2020-01", "#DIV/0!"],
        ["C3", "王五", "县财政局", "科员", "#REF!", "1980-01", "#VALUE!", 3],
        ["C4", "赵六", "县财政局", "科员", "一级科员", "1980-01", "2020-01", 3]]


def test_a_rosters_error_values_are_said_at_their_cells(tmp_path: Path) -> None:
    """openpyxl writes "#REF!" as an error value (t="e"), as Excel saves a formula whose reference was deleted."""
    path = make_workbook(tmp_path, {"花名册": [HEADER, *ROWS]})
    inputs = load(path)
    assert [(c.id, c.birth_date, c.appointed) for c in inputs.cadres] == [
        ("C1", None, dt.date(2020, 1, 1)), ("C4", dt.date(1980, 1, 1), dt.date(2020, 1, 1))]
    said = [p for p in inputs.problems if p.code == "error-value"]
    assert [(p.row, p.column, p.cell, p.severity) for p in said] == [
        (2, "出生年月", "F2", "warning"), (3, "单位", "C3", "error"), (3, "能力:法治思维", "H3", "warning"),
        (4, "职级", "E4", "error"), (4, "任现职时间", "G4", "warning")]
    assert not [p for p in inputs.problems if p.code == "missing-value"]  # never "is empty"
    assert said[0].message == ('row 2, column "出生年月": is an error value (#REF!), so it was read as blank (the row was '
                               "kept); expected the formula corrected, or the 出生年月 typed in")
    assert said[1].message == ('row 3, column "单位": is an error value (#N/A); expected the '
                               "formula corrected, or the 单位 typed in")
    chinese = [p.message for p in check_inputs([path], Config()).problems if p.code == "error-value"]
    assert chinese[:2] == ["第 2 行「出生年月」列：是错误值（#REF!），已按空白处理（该行已保留）；应为：改正公式，或直接填写出生年月",
                           "第 3 行「单位」列：是错误值（#N/A）；应为：改正公式，或直接填写单位"]
    assert chinese[3] == "第 4 行「职级」列：是错误值（#REF!）；应为：改正公式，或直接填写职级"


def test_a_ratings_error_value_says_the_row_was_kept_where_it_was(tmp_path: Path) -> None:
    """A rating's cell of an error value is read as a blank score, the row kept: said so, as any other optional cell's
    is, and not where the row is skipped for another cell."""
    path = make_workbook(tmp_path, {"花名册": [HEADER, ["C1", "李华", "县财政局", "科员", "一级科员", "1980-01", "2020-01",
                                                      "#DIV/0!"], ROWS[1]]})
    said = [p.message for p in check_inputs([path], Config()).problems if p.code == "error-value" and p.cell[0] == "H"]
    assert said == ["第 2 行「能力:法治思维」列：是错误值（#DIV/0!），已按空白处理（该行已保留）；应为：改正公式，或直接填写能力:法治思维",
                    "第 3 行「能力:法治思维」列：是错误值（#DIV/0!），已按空白处理；应为：改正公式，或直接填写能力:法治思维"]


def test_an_error_in_the_level_is_no_probationers_blank(tmp_path: Path) -> None:
    """A blank 职级 with 录用时间 within the probation reads as a probationer; #REF! there is a level lost to a formula,
    said as such, the row skipped as a blank 职级 outside the probation skips it."""
    path = make_workbook(tmp_path, {"花名册": [[*HEADER[:5], "录用时间"],
                                            ["C1", "李华", "县财政局", "科员", "#REF!", "2026-10-01"]]})
    inputs = load(path, as_of=dt.date(2026, 11, 1))
    assert (inputs.cadres, where(inputs.problems)) == ([], [(2, "职级", "error-value")])


def test_the_other_input_sheets_error_values_are_said_at_their_cells(tmp_path: Path) -> None:
    """Posts and priorities read their cells as the roster does: a required 培训主题 skips its row, an optional cell is
    read as blank (a priority's 完成期限 as the blank one is: no deadline), and a post whose code is #REF! and whose
    title is blank is skipped at the error's cell, not as an empty code."""
    path = make_workbook(tmp_path, {
        "花名册": roster(["C1", "李华", "县财政局", "科长", "一级主任科员"]),
        "岗位": [["岗位代码", "岗位名称", "培训主题"], ["P01", "科员", "#REF!"], ["#REF!", None, "公文写作"],
               ["#N/A", "科长", "公文写作"]],
        "组织需求": [["编号", "培训主题", "需求来源", "完成期限"], ["Z1", "保密", "其他", "#VALUE!"]]})
    inputs = check_inputs([path], Config())
    said = [(p.sheet, p.row, p.column, p.severity, p.message) for p in inputs.problems if p.sheet != "花名册"]
    assert said == [
        ("岗位", 2, "培训主题", "error", "第 2 行「培训主题」列：是错误值（#REF!）；应为：改正公式，或直接填写培训主题"),
        ("岗位", 3, "岗位代码", "error",
         "第 3 行「岗位代码」列：是错误值（#REF!），「岗位名称」也为空；应为：改正公式，或直接填写岗位代码"),
        ("岗位", 4, "岗位代码", "warning",
         "第 4 行「岗位代码」列：是错误值（#N/A），已按空白处理（该行已保留）；应为：改正公式，或直接填写岗位代码"),
        ("组织需求", 2, "完成期限", "warning",
         "第 2 行「完成期限」列：是错误值（#VALUE!），已按空白处理：该组织需求无完成期限（中央重大决策部署的集中轮训按当年年底到期）"
         "（该行已保留）；应为：改正公式，或直接填写完成期限")]
    assert [(p.post_title, p.topic) for p in inputs.posts] == [("科长", "公文写作")]
    assert [(p.id, p.deadline) for p in inputs.priorities] == [("Z1", None)]


def test_a_csv_cell_holding_an_error_as_text_is_said_alike(tmp_path: Path) -> None:
    """A CSV saved from a workbook writes #REF! as its text: no unit, post or date is named so. The cell is said as
    the error it is, as a workbook's; text that merely opens with # (a post #3 岗) is read as written."""
    path = make_csv(tmp_path, [HEADER[:6], ["C1", "李华", "#REF!", "科员", "一级科员", "1980-01"],
                               ["C2", "张敏", "县财政局", "#3 岗", "一级科员", "#n/a "]])
    inputs = load(path)
    assert [(c.id, c.post, c.birth_date) for c in inputs.cadres] == [("C2", "#3 岗", None)]
    assert [(p.row, p.column, p.cell, p.code, p.severity) for p in inputs.problems] == [
        (2, "单位", "C2", "error-value", "error"), (3, "出生年月", "F3", "error-value", "warning")]
    assert inputs.problems[1].message.startswith('row 3, column "出生年月": is an error value (#N/A), so it was read')


def test_a_csv_error_text_with_spaces_around_it_is_said_alike(tmp_path: Path) -> None:
    """Some exports pad a cell: " #n/a" or "#REF! " is the error Excel showed, not a unit named so, nor a date that is
    no date; a row of them alone is said once, as one of #N/A. A workbook's text cell of " #N/A" is text."""
    path = make_csv(tmp_path, [HEADER[:6], ["C1", "李华", " #n/a", "科员", "一级科员", "1980-01"],
                               ["C2", "张敏", "县财政局", "科员", "一级科员", "\u3000#REF! "], [" #N/A"] * 6])
    inputs = load(path)
    assert [(c.id, c.birth_date) for c in inputs.cadres] == [("C2", None)]
    assert [(p.row, p.cell, p.code, p.severity) for p in inputs.problems] == [
        (2, "C2", "error-value", "error"), (3, "F3", "error-value", "warning"), (4, "A4", "error-value", "error")]
    assert [p.message for p in problems_in(inputs.problems, "zh")][:2] == [
        "第 2 行「单位」列：是错误值（#N/A）；应为：改正公式，或直接填写单位",
        "第 3 行「出生年月」列：是错误值（#REF!），已按空白处理（该行已保留）；应为：改正公式，或直接填写出生年月"]
    assert inputs.problems[2].message.endswith("第 4 行（A4 为 #N/A）")
    book = make_workbook(tmp_path, {"花名册": [HEADER[:5], ["C1", "李华", " #N/A", "科员", "一级科员"]]})
    assert ([c.unit for c in load(book).cadres], load(book).problems) == (["#N/A"], [])


def test_a_row_of_a_large_roster_with_an_error_value_is_read_cell_by_cell(tmp_path: Path) -> None:
    """A roster's faultless rows are read a column at a time (an error value is an empty cell there): the row holding
    one is read cell by cell, whatever block it falls in, and only it."""
    rows = [[f"C{i}", "李华", "县财政局", "科员", "一级科员", "1980-01"] for i in range(1, 10001)]
    rows[9000][5] = "#REF!"
    inputs = load(make_workbook(tmp_path, {"花名册": [HEADER[:6], *rows]}))
    assert (len(inputs.cadres), where(inputs.problems)) == (10000, [(9002, "出生年月", "error-value")])


def test_rows_of_error_values_only_are_skipped_and_said_in_one_notice(tmp_path: Path) -> None:
    """A lookup filled down past the table shows #N/A in every column read: each row would read as blank (calamine
    reads an error value as an empty cell) and be skipped unsaid. They are said in one error for the sheet, naming how
    many and the first ones with the cell and error of each; a row whose only filled cell is in a column not read (a
    序号) is one of them, never a fault a cell."""
    header = ["序号", *HEADER[:6]]
    lookups = [[None, *["#N/A"] * 6] for _ in range(6)]
    rows = [header, [1, "C1", "李华", "县财政局", "科员", "一级科员", "1980-01"], *lookups,
            [8, "#REF!", None, "#REF!", None, None, None], [9, "C9", "张敏", "县财政局", "科员", "一级科员", None]]
    path = make_workbook(tmp_path, {"花名册": rows})
    inputs = load(path, lang="en")
    assert ([c.id for c in inputs.cadres], inputs.skipped["roster"]) == (["C1", "C9"], 7)
    assert [(p.row, p.column, p.cell, p.code, p.severity) for p in inputs.problems] == [
        (3, "编号", "B3", "error-value", "error")]
    assert inputs.problems[0].message == (
        "7 row(s) of sheet 花名册 hold nothing but error values in the columns read, the rest empty, so nothing could "
        "be read; they were skipped: row 3 (B3 is #N/A), row 4 (B4 is #N/A), row 5 (B5 is #N/A), row 6 (B6 is #N/A), "
        "row 7 (B7 is #N/A) …")
    said = check_inputs([path], Config()).problems[0]
    assert (said.message, said.expected) == (
        "工作表「花名册」中有 7 行，读取的各列只有错误值，其余为空，没有可读的内容，这些行已跳过：第 3 行（B3 为 #N/A）、第 4 行（B4 为 "
        "#N/A）、第 5 行（B5 为 #N/A）、第 6 行（B6 为 #N/A）、第 7 行（B7 为 #N/A） …",
        "改正公式（如引用了已删除的工作表），或直接填写这些行；公式向下填充到表格以外留下的行请删除")


def test_a_row_of_error_values_only_is_said_in_a_csv_and_in_the_other_sheets(tmp_path: Path) -> None:
    """A CSV saved from such a sheet writes the errors as text: its rows are said alike, in one notice for the file
    (a CSV has no sheet). A posts sheet's row of #REF! is said so too, in its own sheet's notice."""
    csv = make_csv(tmp_path, [HEADER[:6], ["C1", "李华", "县财政局", "科员", "一级科员", "1980-01"], ["#N/A"] * 6,
                              ["#REF!", "", "", "", "", "#REF!"]])
    inputs = load(csv, lang="en")
    assert ([c.id for c in inputs.cadres], inputs.skipped["roster"]) == (["C1"], 2)
    assert [(p.row, p.cell, p.code) for p in inputs.problems] == [(3, "A3", "error-value")]
    assert inputs.problems[0].message.startswith("2 row(s) of the file hold nothing but error values in the columns "
                                                 "read")
    assert inputs.problems[0].message.endswith("row 3 (A3 is #N/A), row 4 (A4 is #REF!)")
    book = make_workbook(tmp_path, {"花名册": roster(["C1", "李华", "县财政局", "科长", "一级主任科员"]),
                                    "岗位": [["岗位代码", "岗位名称", "培训主题"], ["P01", "科员", "公文写作"],
                                           ["#REF!", "#REF!", "#REF!"]]})
    inputs = load(book)
    assert ([p.post_code for p in inputs.posts], inputs.skipped["posts"]) == (["P01"], 1)
    said = [p for p in inputs.problems if p.code == "error-value"]
    assert [(p.sheet, p.row, p.cell, p.severity) for p in said] == [("岗位", 3, "A3", "error")]
    assert said[0].message.startswith("工作表「岗位」中有 1 行，读取的各列只有错误值")


def test_a_split_rosters_rows_of_error_values_are_noted_from_both_its_parts() -> None:
    """A large roster is built in two processes: the rows of error values the second one met come back with its
    cadres, counted as skipped, for the one notice of the sheet."""
    rows: list[list[object]] = [HEADER[:6], *([f"C{i}", "李华", "县财政局", "科员", "一级科员", "1980-01"]
                                              for i in range(1, 41))]
    rows[5] = rows[35] = [""] * 6  # as calamine reads a row of error values
    sheet = Sheet("花名册", rows, errors=tuple(ErrorValue(r, c, "#N/A") for r in (6, 36) for c in range(1, 7)))
    table = make_table("roster", Path("roster.xlsx"), sheet, SPLIT)
    start, started = _here()
    with files.beside_build(start):
        cadres = tables.build_cadres(table, {})
    assert len(started) == 1
    assert (len(cadres), table.rows_read, table.rows_skipped) == (38, 40, 2)
    assert table.errors_only == [ErrorValue(6, 1, "#N/A"), ErrorValue(36, 1, "#N/A")]


def test_a_merged_cell_of_an_error_value_is_said_in_each_row_it_covers(tmp_path: Path) -> None:
    """A unit merged down its cadres' rows, by a formula whose reference was deleted, shows #REF! across them all:
    each row is said to hold the error, not only the first (the others empty); a two-row header merged over an error
    is said once, at its top cell."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "花名册"
    sheet.append(["基本信息", None, "单位", "职务", "职级", "#REF!"])
    sheet.append(["编号", "姓名"])
    for column in "CDEF":
        sheet.merge_cells(f"{column}1:{column}2")
    sheet.merge_cells("A1:B1")
    sheet.append(["C1", "李华", "县财政局", "科员", "一级科员"])
    sheet.append(["C2", "张敏", "#REF!", "科员", "一级科员"])
    sheet.append(["C3", "王五", None, "科员", "一级科员"])
    sheet.append(["C4", "赵六", None, "科员", "一级科员"])
    sheet.merge_cells("C4:C6")
    path = tmp_path / "merged.xlsx"
    book.save(path)
    inputs = load(path)
    assert [c.id for c in inputs.cadres] == ["C1"]
    assert where(inputs.problems) == [(2, "", "error-value"), (4, "单位", "error-value"), (5, "单位", "error-value"),
                                      (6, "单位", "error-value")]
    assert [p.cell for p in inputs.problems] == ["F1", "C4", "C5", "C6"]
    assert [p.message for p in check_inputs([path], Config()).problems][2] == (
        "第 5 行「单位」列：是错误值（#REF!）；应为：改正公式，或直接填写单位")


def test_a_header_of_an_error_value_is_said_at_its_cell(tmp_path: Path) -> None:
    """A header by formula whose reference was deleted shows #REF!: read as an empty header, its column is not found.
    An optional column's is said at the header cell, its column not read; a required column's is said with the
    missing column, in the words that message uses."""
    path = make_workbook(tmp_path, {"花名册": [[*HEADER[:5], "#REF!"], ["C1", "李华", "县财政局", "科员", "一级科员", "1980-01"]]})
    inputs = load(path)
    assert [(p.row, p.cell, p.code, p.severity) for p in inputs.problems] == [(1, "F1", "error-value", "warning")]
    assert inputs.problems[0].message == ("header row 1: the header F1 is an error value (#REF!), so its column was not "
                                          "read; expected the formula corrected, or the header typed in")
    assert [p.message for p in check_inputs([path], Config()).problems] == [
        "第 1 行表头：表头 F1 是错误值（#REF!），该列没有读取；应为：改正公式，或直接填写表头"]
    refused = make_workbook(tmp_path, {"花名册": [["编号", "姓名", "#N/A", "职务", "职级"], ["C1", "李华", "县财政局", "科员", "一级科员"]]})
    with pytest.raises(NeedsError) as info:
        load(refused)
    assert info.value.message == (
        'roster.xlsx, sheet 花名册: header row 1: no "单位" (Unit) column; the header C1 is an error value (#N/A), so its '
        "column was not read; expected the formula corrected, or the header typed in")
    assert in_chinese(info.value.message) == ("roster.xlsx，工作表「花名册」：第 1 行表头：缺少「单位」列；表头 C1 是错误值（#N/A），"
                                              "该列没有读取；应为：改正公式，或直接填写表头")


def test_a_csv_header_of_an_errors_text_is_said_alike(tmp_path: Path) -> None:
    path = make_csv(tmp_path, [[*HEADER[:5], "#REF!"], ["C1", "李华", "县财政局", "科员", "一级科员", "1980-01"]])
    assert [(p.row, p.cell, p.code) for p in load(path).problems] == [(1, "F1", "error-value")]


def test_a_header_row_of_error_values_is_said_at_its_cells(tmp_path: Path) -> None:
    """Headers by formula whose sheet was deleted all show #REF!: read as empty cells, the row named no column and
    the sheet was refused as having no header row. It is said at the row and its cells, with what to do, below a title
    too; a header of one known name among error values alike; a CSV's of error texts too."""
    data = ["C1", "李华", "县财政局", "科员", "一级科员"]
    path = make_workbook(tmp_path, {"花名册": [["XX县干部花名册"], ["#REF!"] * 5, data]})
    with pytest.raises(NeedsError) as info:
        load(path)
    assert info.value.message == (
        "roster.xlsx, sheet 花名册: header row 2: its headers are error values (#REF! in A2:E2), so the header row could "
        "not be read; expected the headers typed in again, not by formula, with columns such as 编号, 姓名, 单位, 职务, "
        "职级 (Cadre ID, Name, Unit, Post, Level)")
    assert in_chinese(info.value.message) == (
        "roster.xlsx，工作表「花名册」：第 2 行表头：表头是错误值（A2:E2 为 #REF!），无法读取表头行；应为：重新键入表头（不用公式），"
        "含 编号、姓名、单位、职务、职级 等列")
    assert info.value.lang == "zh"
    partly = make_workbook(tmp_path, {"花名册": [["编号", "#REF!", "#REF!", "#N/A", "#REF!"], data]}, name="partly.xlsx")
    with pytest.raises(NeedsError, match=r"header row 1: its headers are error values \(#REF! in B1:C1, E1; #N/A in "
                                         r"D1\)"):
        load(partly)
    csv = make_csv(tmp_path, [[" #REF!"] * 5, data])
    with pytest.raises(NeedsError, match=r"^roster.csv: header row 1: its headers are error values \(#REF! in A1:E1\)"):
        load(csv)
    unnamed = make_workbook(tmp_path, {"花名册": [["a", "b", "c", "d", "e"], ["#N/A"] * 5, data]}, name="unnamed.xlsx")
    with pytest.raises(NeedsError, match="no header row found in the first rows"):  # a header of no known name above
        load(unnamed)


@pytest.mark.parametrize("number", ["序号", "编号序号", "No."])
def test_a_header_row_of_error_values_beside_a_row_number_header_is_said_at_its_cells(tmp_path: Path,
                                                                                     number: str) -> None:
    """A 序号 typed beside headers by formula that show #REF! is no header of a roster column: the sheet was refused
    as having no header row (前几行中没有找到表头行), sending the clerk to look for a header they could see. It is said
    at the row's error values, as for a row of nothing else."""
    path = make_workbook(tmp_path, {"花名册": [[number, *["#REF!"] * 5], [1, "C1", "李华", "县财政局", "科员", "一级科员"]]})
    with pytest.raises(NeedsError) as info:
        load(path)
    assert in_chinese(info.value.message) == (
        "roster.xlsx，工作表「花名册」：第 1 行表头：表头是错误值（B1:F1 为 #REF!），无法读取表头行；应为：重新键入表头（不用公式），"
        "含 编号、姓名、单位、职务、职级 等列")


def test_a_header_row_of_error_values_refuses_the_run_in_the_rosters_language(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"花名册": [["#REF!"] * 5, ["C1", "李华", "县财政局", "科员", "一级科员"]]})
    result = run_cli("validate", path)
    assert (result.exit_code, result.stderr) == (2, "错误：roster.xlsx，工作表「花名册」：第 1 行表头：表头是错误值（A1:E1 为 #REF!），"
                                                    "无法读取表头行；应为：重新键入表头（不用公式），含 编号、姓名、单位、职务、职级 等列\n")


def test_a_forged_nan_in_an_hours_or_date_cell_is_said_at_its_cell(tmp_path: Path) -> None:
    """An .xlsx whose hours and date cells hold <v>NaN</v> and <v>INF</v> (no spreadsheet program writes them;
    calamine reads NaN as a float NaN): the NaN was taken for an empty cell and went unsaid. Each is said at its
    cell as a value of the wrong kind is, in the roster's language, the row kept as for any bad value."""
    header = ["编号", "姓名", "单位", "职务", "职级", "本年度学时", "任现职时间"]
    path = make_workbook(tmp_path, {"花名册": roster(["001", "张三", "市财政局", "科员", "一级科员", 12345, 23456],
                                                    header=header)})
    forge_numbers(path, {12345: b"NaN", 23456: b"INF"})
    inputs = load_inputs([path], Config())
    assert [(c.id, c.hours_year, c.appointed) for c in inputs.cadres] == [("001", None, None)]
    assert [(p.cell, p.code, p.severity) for p in inputs.problems] == [("G2", "bad-date", "warning"),
                                                                        ("F2", "bad-number", "warning")]
    assert [p.message for p in problems_in(inputs.problems, "zh")] == [
        '第 2 行「任现职时间」列：「inf」不是日期；应为：日期，如 2023-05-01、2023-05、2023.05 或 2023年5月',
        '第 2 行「本年度学时」列：「nan」不是数字；应为：学时数']


def test_a_completions_cell_of_nan_is_a_bad_value_not_a_bad_date(tmp_path: Path) -> None:
    """A 已参加培训 cell of NaN was classed bad-date (日期有误), the code of a date in its brackets that is no date: the
    cell holds no text at all, a bad value (取值有误), as any text cell of NaN is."""
    header = ["编号", "姓名", "单位", "职务", "职级", "已参加培训"]
    path = make_workbook(tmp_path, {"花名册": roster(["C1", "张三", "市财政局", "科员", "一级科员", 11111],
                                                    ["C2", "李华", "市财政局", "科员", "一级科员", "党性教育(2024.13)"],
                                                    header=header)})
    forge_numbers(path, {11111: b"NaN"})
    inputs = load_inputs([path], Config())
    assert [(c.id, c.completed) for c in inputs.cadres] == [("C1", []), ("C2", [])]
    assert [(p.cell, p.code, p.severity) for p in inputs.problems] == [("F2", "bad-value", "warning"),
                                                                        ("F3", "bad-date", "warning")]


def test_a_forged_nan_in_a_text_cell_is_said_at_its_cell(tmp_path: Path) -> None:
    """A text cell of NaN was read as an empty one: a required 姓名 said to be empty (为空), an optional 部门 unsaid; an
    infinite 单位 read as a unit named inf. Each is said at its cell as a number cell's NaN is, in the roster's
    language, the row skipped or kept as for any such value: a kept row's cell said read as blank, as an error value's
    is, and each with what to do (the file holds nothing of what the cell showed: it is typed again)."""
    header = ["编号", "姓名", "单位", "职务", "职级", "部门"]
    path = make_workbook(tmp_path, {"花名册": roster(["C1", 11111, "市财政局", "科员", "一级科员", "办公室"],
                                                    ["C2", "李华", "市财政局", "科员", "一级科员", 22222],
                                                    ["C3", "张敏", 33333, "科员", "一级科员", "办公室"], header=header)})
    forge_numbers(path, {11111: b"NaN", 22222: b"NaN", 33333: b"INF"})
    inputs = load_inputs([path], Config())
    assert [(c.id, c.department) for c in inputs.cadres] == [("C2", "")]
    assert [(p.cell, p.code, p.severity) for p in inputs.problems] == [
        ("B2", "bad-value", "error"), ("F3", "bad-value", "warning"), ("C4", "bad-value", "error")]
    assert [p.message for p in inputs.problems[:2]] == [
        'row 2, column "姓名": "nan" is an invalid number, not text; expected text, the cell typed in again in Excel or '
        "WPS",
        'row 3, column "部门": "nan" is an invalid number, not text, so it was read as blank (the row was kept); '
        "expected text, the cell typed in again in Excel or WPS"]
    assert [p.message for p in problems_in(inputs.problems, "zh")] == [
        "第 2 行「姓名」列：「nan」是无效的数值，不是文字；应为：文字（在 Excel 或 WPS 中重新键入该单元格）",
        "第 3 行「部门」列：「nan」是无效的数值，不是文字，已按空白处理（该行已保留）；应为：文字（在 Excel 或 WPS 中重新键入该单元格）",
        "第 4 行「单位」列：「inf」是无效的数值，不是文字；应为：文字（在 Excel 或 WPS 中重新键入该单元格）"]

