"""A CSV roster has no sheets: its problems name the file, the row and the column, never a sheet (not the file's
stem, which the reader names its one table by), in the messages, the gap report's Problems sheet and the terminal."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import load, make_csv, run_cli, sheet_rows

from needscli.config import LimitsConfig
from needscli.errors import NeedsError
from needscli.io.files import read_sheets
from needscli.wording import in_chinese

HEADER = ["编号", "姓名", "单位", "职务", "职级", "管理权限", "任现职时间"]


def _faulty(tmp_path: Path) -> Path:
    """A CSV roster with a bad date, an unknown level, a repeated id and a blank organizer."""
    rows = [[f"C{i:02d}", f"张{i}", "市财政局", "科员", "一级科员", "市委管理", "2023-05"] for i in range(6)]
    rows[1][6] = "2023.13"
    rows[2][4] = "大王级"
    rows[4][0] = rows[3][0]
    rows[5][5] = ""
    return make_csv(tmp_path, [HEADER, *rows], name="名册.csv")


def test_no_problem_of_a_csv_names_a_sheet(tmp_path: Path) -> None:
    problems = load(_faulty(tmp_path)).problems
    assert [(p.code, p.file, p.sheet, p.row) for p in problems] == [
        ("bad-date", "名册.csv", "", 3), ("unknown-level", "名册.csv", "", 4), ("duplicate-id", "名册.csv", "", 6),
        ("organizer-from-level", "名册.csv", "", 7)]
    assert not any("名册」" in p.message or "sheet 名册" in p.message for p in problems)
    assert problems[-1].message.startswith("「管理权限」为空的 1 人按职级归入「市委管理」（第 7 行）")


def test_the_english_notice_of_a_csv_names_no_sheet(tmp_path: Path) -> None:
    notice = load(_faulty(tmp_path), lang="en").problems[-1]
    assert notice.message.startswith('1 cadre(s) with a blank "管理权限" were given the organizer 市委管理')


def test_a_unit_said_by_a_csv_file_name_is_said_of_the_file(tmp_path: Path) -> None:
    path = make_csv(tmp_path, [["编号", "姓名", "职务", "职级"], ["C01", "张一", "科员", "一级科员"]], name="市财政局.csv")
    [said] = load(path).problems
    assert (said.code, said.sheet) == ("unit-from-sheet", "")
    assert in_chinese(said.message) == "没有「单位」列：本文件的每名干部都按单位「市财政局」读取（取自文件名）"
    assert said.message == (
        'no "单位" (Unit) column: every cadre of the file is read as of the unit 市财政局, from the file\'s name')


def test_the_problems_sheet_and_the_terminal_name_no_sheet(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("analyze", _faulty(tmp_path), "--as-of", "2026-11-01", "-o", out, env={"COLUMNS": "200"})
    assert result.exit_code == 1, result.output
    rows = sheet_rows(out / "gap-report.xlsx", "问题")
    assert rows[0][:3] == ["文件", "工作表", "单元格"]
    assert {(row[0], row[1]) for row in rows[1:]} == {("名册.csv", None)}
    table = result.output[result.output.index("共 4 个问题"):]
    assert "工作表" not in table and "名册 " not in table.replace("名册.csv", "")
    assert [cell.strip() for cell in table.splitlines()[2].split("┃")[1:-1]] == ["文件", "单元格", "问题类型", "说明"]


def test_a_quote_never_closed_is_said_at_its_line_and_column(tmp_path: Path) -> None:
    """A cell opening with a quote that nothing closes takes every line after it: past the CSV reader's most the
    refusal was 不是格式正确的 CSV (field larger than field limit (131072)), in English whatever the language, naming
    no line. It names the line and column the quote opens, and what to do."""
    path = tmp_path / "名册.csv"
    rows = "".join(f"C{i:02d},张{i},市财政局,科员,一级科员\n" for i in range(3))
    path.write_text("编号,姓名,单位,职务,职级\n" + rows + 'C09,王五,"市财政局,科员,一级科员\n' + "C10,李六\n" * 20_000,
                    encoding="utf-8")
    with pytest.raises(NeedsError) as caught:
        read_sheets(path, LimitsConfig())
    message = caught.value.message
    assert message == ('名册.csv: line 5, column 3: a cell opens with a quote (") that is never closed, and the lines after '
                       "it run into that cell, past 131,072 characters; close the quote or take it out, then run again")
    assert in_chinese(message) == ('名册.csv：第 5 行第 3 列：单元格以引号（"）开头，却没有结尾的引号，其后各行都读进了这个'
                                   "单元格，超过 131,072 个字符；请补上结尾的引号或删去开头的引号后再运行")
    result = run_cli("validate", path, env={"NEEDSCLI_LANG": "zh"})
    assert (result.exit_code, result.stderr) == (2, f"错误：{in_chinese(message)}\n")


def test_a_quote_never_closed_in_a_short_file_loses_no_row_unsaid(tmp_path: Path) -> None:
    """A quote nothing closes in a file short of the CSV reader's most took the rows after it into its cell: the
    cadres of those rows were never read, and nothing said so. The file is refused at the quote's line and column,
    saying how many lines it would take; a cell whose quotes close over two lines (an address) is read as before."""
    path = tmp_path / "名册.csv"
    path.write_text('编号,姓名,单位\nC1,张三,"市财政局\nC2,李四,市教育局\nC3,王五,市教育局\n', encoding="utf-8")
    with pytest.raises(NeedsError) as caught:
        read_sheets(path, LimitsConfig())
    message = caught.value.message
    assert message == ('名册.csv: line 2, column 3: a cell opens with a quote (") that is never closed, and the 2 '
                       "line(s) after it would be read into that cell, their rows lost; close the quote or take it "
                       "out, then run again")
    assert in_chinese(message) == ('名册.csv：第 2 行第 3 列：单元格以引号（"）开头，却没有结尾的引号，其后 2 行会都读进'
                                   "这个单元格而丢失；请补上结尾的引号或删去开头的引号后再运行")
    result = run_cli("validate", path, env={"NEEDSCLI_LANG": "zh"})
    assert (result.exit_code, result.stderr) == (2, f"错误：{in_chinese(message)}\n")
    closed = tmp_path / "closed.csv"
    closed.write_text('编号,姓名,单位\nC1,张三,"市财政局\n（县国资办）"\nC2,李四,市教育局\n', encoding="utf-8")
    assert [row[:3] for row in read_sheets(closed, LimitsConfig())[0].rows] == [
        ["编号", "姓名", "单位"], ["C1", "张三", "市财政局\n（县国资办）"], ["C2", "李四", "市教育局"]]
    inner = tmp_path / "inner.csv"
    inner.write_text('编号,姓名,单位\nC1,张"三,市财政局\nC2,李四,市教育局\n', encoding="utf-8")
    assert len(read_sheets(inner, LimitsConfig())[0].rows) == 3
