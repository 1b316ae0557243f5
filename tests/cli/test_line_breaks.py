"""The terminal's tables break a Chinese sentence as Chinese is typeset (cli/line_breaks.py): between characters and
at spaces; never before ，。、；：」）》 nor after 「（《; never inside 2026-09-01, C004 or 1.5 where the column has room
for it, nor 第 14 行 at its spaces. Nothing is left out, and no line is wider than the terminal."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from builders import run_cli
from hypothesis import example, given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table

from needscli.cli import render
from needscli.cli.line_breaks import fold_text
from needscli.cli.render import problems_table
from needscli.errors import Problem

WIDTHS = range(50, 121, 2)
NO_START, NO_END = frozenset("，。、；：！？」』）》"), frozenset("「『（《")
SAMPLES = Path(__file__).parents[2] / "data" / "samples" / "cadres.xlsx"


def problem(message: str, cell: str = "G2") -> Problem:
    return Problem(code="bad-date", file="县直单位花名册.xlsx", sheet="县直单位", cell=cell, message=message)


def message_lines(p: Problem, width: int, lang: str = "zh") -> tuple[list[str], int]:
    """The lines of the problem's 说明 cell as a terminal width cells wide shows them, and the cell's width."""
    console = Console(width=width, file=io.StringIO(), color_system=None)
    console.print(problems_table([p], lang=lang))
    lines = console.file.getvalue().splitlines()  # type: ignore[attr-defined]
    assert all(cell_len(line) <= width for line in lines), lines
    cells = [line.split("│")[-2] for line in lines if line.startswith("│")]  # the last column, however many there are
    return [cell.strip() for cell in cells], cell_len(cells[0]) - 2


def assert_broken_as_chinese(lines: list[str], message: str, width: int) -> None:
    """The lines read as the message (a space a line breaks at left out). Where the column has room: a line neither
    begins with ，。」 nor ends with 「（; a run of letters and digits, and 第 14 行, stays on one line."""
    assert re.fullmatch(" ?".join(re.escape(line) for line in lines), message), lines
    # 2023-05-01, C004; 第 14 and 14 行, 2 个 of 2 个月
    kept = re.findall(r"[!-~]+", message) + re.findall(r"第 [0-9]+|(?<![!-~])[0-9]+(?:\.[0-9]+)? [^\s!-~]", message)
    assert not [part for part in kept if cell_len(part) <= width and not any(part in line for line in lines)], lines
    marked = re.findall(r"[「『（《]*(?:[!-~]+|[^\s!-~])[」』）》，。、；：！？]*", message)  # a word and its marks
    if max(cell_len(word) for word in marked) <= width:
        assert not [line for line in lines if line[:1] in NO_START or line[-1:] in NO_END], lines


def assert_every_width_breaks_as_chinese(message: str) -> None:
    for width in WIDTHS:
        lines, column = message_lines(problem(message), width)
        assert_broken_as_chinese(lines, message, column)


@pytest.mark.parametrize("message", [
    "第 14 行「本年度脱产培训学时」为空：学时达标情况未知，比基准日早 12 个月",
    "第 4 行「五年累计学时」为空：学时达标情况未知",
    "第 106 行「任现职时间」：任职后 1 个月内应参加任职培训，已过 2 个月",
], ids=["hours-blank", "five-year-hours-blank", "appointment-overdue"])
def test_a_row_number_stays_with_第_and_行(message: str) -> None:
    """第 14 行 broke at its spaces: 第 14 ended a line and 行 began the next."""
    assert_every_width_breaks_as_chinese(message)


@pytest.mark.parametrize("message", [
    "第 2 行「任现职时间」列：「2023.13」不是有效的日期；应为：日期，如 2023-05-01、2023-05、2023.05 或 2023年5月",
    "第 9 行「编号」列：「C004」与工作表「县直单位」第 5 行的编号重复，任现职时间「2026-09-01」晚于基准日",
    "第 7 行「已参加培训」列：「党性教育(2024.06)」不是课程目录中的主题名称或别名，学时 1.5 未计入",
], ids=["bad-date", "duplicate-id", "unknown-topic"])
def test_a_date_an_id_or_a_figure_is_never_cut(message: str) -> None:
    """A run of Chinese with a figure inside (列：「2023.13」不是) was one word to the terminal, folded where the column
    ended: 「202 / 3.13」, 2023-05-0 / 1."""
    assert_every_width_breaks_as_chinese(message)


def test_no_line_begins_with_a_closing_mark_nor_ends_with_an_opening_one() -> None:
    """列 / ：「安全 and 「课程 / 」工作表: the terminal folded where the column ended, whatever mark was there."""
    assert_every_width_breaks_as_chinese(
        "第 4 行「培训主题」列：「安全生产专项整治」不是课程目录中的主题名称或别名，已按最接近的「应急管理与安全生产」"
        "读取；如要另选，请填写主题名称或别名，或在「课程」工作表中定义该主题")


def test_english_keeps_the_terminal_s_own_lines_where_chinese_breaks_as_chinese() -> None:
    """--lang en renders as rich lays out plain text; the same problem in Chinese breaks as Chinese does."""
    english = Problem(code="bad-date", file="roster.xlsx", sheet="Roster", cell="G2",
                      message='row 2, column "Appointed to current post": "2023.13" is not a date (expected e.g. '
                              "2023-05-01, 2023-05, 2023.05 or 2023年5月)")
    for width in WIDTHS:
        # the columns as wide as the problems' table makes them (see the test below), the text laid out by rich
        plain = Table(title="1 problem(s)")
        headers, cells, caps = problems_table([english], lang="en").layout(width)  # type: ignore[attr-defined]
        for header, cap in zip(headers, caps, strict=True):
            plain.add_column(header, overflow="fold", max_width=cap)
        plain.add_row(*cells[0])
        assert cells[0][-2:] == ["bad date", english.message]
        console, expected = (Console(width=width, file=io.StringIO(), color_system=None) for _ in range(2))
        console.print(problems_table([english], lang="en"))
        expected.print(plain)
        assert console.file.getvalue() == expected.file.getvalue()  # type: ignore[attr-defined]
    assert_every_width_breaks_as_chinese(
        "第 2 行「任现职时间」列：「2023.13」不是有效的日期；应为：日期，如 2023-05-01、2023-05、2023.05 或 2023年5月")


def test_explain_breaks_its_reasons_as_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    """explain's 原因 column: 必修（ / 理论教育 and 党纪 / 、党史 on the terminal; 期限 2027-03-31 whole."""
    for width in (60, 80):
        console = Console(width=width, file=io.StringIO(), color_system=None)
        monkeypatch.setattr(render, "out", console)
        result = run_cli("explain", SAMPLES, "C0002", "--as-of", "2026-10-01")
        assert result.exit_code == 0, result.output
        lines = console.file.getvalue().splitlines()  # type: ignore[attr-defined]
        needs = lines[:next(i for i, line in enumerate(lines) if line.startswith("└"))]
        # the reason is the last column, its rule beside it or (a terminal too narrow for both) above it
        reasons = [line.split("│")[-2].strip() for line in needs if line.count("│") in (6, 7)]
        assert all(cell_len(line) <= width for line in lines), lines
        assert "2027-03-31" in "\n".join(reasons), reasons
        assert not [line for line in reasons if line[:1] in NO_START or line[-1:] in NO_END], reasons


def test_a_run_wider_than_the_column_folds_with_the_brackets_about_it() -> None:
    """Where nothing else fits, a setting's name folds where the column ends, its brackets with it, not alone."""
    assert fold_text("未注明日期，不计入（needs.undated_completion_counts）", 22) == [
        "未注明日期，不计入", "（needs.undated_comple", "tion_counts）"]
    assert fold_text("第 14 行", 5) == ["第 14", "行"]  # a column narrower than 第 14 行 parts it at a space


def test_the_spaces_a_text_begins_with_give_way_where_the_column_is_narrow() -> None:
    """A cell typed with a space before it (a file or sheet name): the space is kept where the column has room for
    it, else left out, and nothing else is: rich would crop the line it does not fit."""
    assert fold_text(" 中文", 2) == ["中", "文"]
    assert fold_text("  第 14 行有误", 3) == ["第", "14", "行", "有", "误"]
    assert fold_text(" 2026年花名册.xlsx", 4) == ["2026", "年花", "名", "册.x", "lsx"]
    assert fold_text(" 中文", 6) == [" 中文"]
    console = Console(width=60, file=io.StringIO(), color_system=None)
    console.print(problems_table([Problem(code="bad-date", file=" 2026年花名册.xlsx", sheet="花名册", cell="G2",
                                          message="第 2 行「任现职时间」列：「2023.13」不是有效的日期")]))
    rows = [line for line in console.file.getvalue().splitlines() if line.startswith("│")]  # type: ignore[attr-defined]
    assert rows[0].split("│")[1].strip() == "2026年花名册.xlsx", rows  # whole, its sheet and cell below it


_WORDS = st.sampled_from([*"第行个月学时为空培训", *"，。、；：「」（）", "14", "1.5", "2026-09-01", "C004", "chmod",
                          "/home/办公室/key.txt", " "])


@given(st.lists(_WORDS, max_size=30).map("".join), st.integers(min_value=2, max_value=30))
@example("列：「2026-09-01」不是", 11)  # 「2026-09-01 is wider than the column, 2026-09-01 is not
@example(" 中文", 2)  # a space before the text and a column no wider than a character
@example("   ", 2)  # spaces alone, wider than the column
def test_folding_leaves_nothing_out_and_no_line_too_wide(text: str, width: int) -> None:
    """Any mix of Chinese, figures and spaces: the lines read as the text, none wider than the column, and a run of
    letters and digits no wider than it never cut."""
    lines = fold_text(text, width)
    assert all(cell_len(line) <= width for line in lines), lines
    starts, end = [], 0
    for line in lines:  # each line where the one before ends, or after the spaces a line breaks at
        start = text.index(line, end)
        assert not text[end:start].strip(), (text, lines)
        starts.append(start)
        end = start + len(line)
    assert not text[end:].strip(), (text, lines)
    fitting = [m.span() for m in re.finditer(r"[!-~]+", text) if cell_len(m.group()) <= width]
    assert not [b for b in starts[1:] for a, z in fitting if a < b < z], (text, lines)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_narrow_terminal_gives_the_message_room(lang: str) -> None:
    """Where the columns do not fit side by side, the message keeps 2/5 of the room at least and the others give
    way, the widest first, each keeping its header on one line; where they fit, each is as wide as its cells."""
    long_name = Problem(code="bad-date", file="县直单位花名册（含错误，2026年11月报送）.xlsx", sheet="县直单位干部花名册",
                        cell="G2", message="第 2 行「任现职时间」列：「2023.13」不是有效的日期；应为：日期，如 2023-05-01、"
                                           "2023-05、2023.05 或 2023年5月")
    for width in (60, 80, 100):
        console = Console(width=width, file=io.StringIO(), color_system=None)
        console.print(problems_table([long_name], lang=lang))
        lines = console.file.getvalue().splitlines()  # type: ignore[attr-defined]
        assert all(cell_len(line) <= width for line in lines), lines
        header = next(line for line in lines if line.startswith("┃"))
        columns = [cell_len(cell) for cell in header.split("┃")[1:-1]]
        room = width - (3 * len(columns) + 1)
        headers = [line for line in lines if line.startswith("┃")]
        names = [cell.strip() for cell in headers[-1].split("┃")[1:-1]]
        # the message's column (its padding apart): 2/5 of the room at least, or what the others leave at their
        # headers' width
        assert columns[-1] - 2 >= min(room * 2 // 5, room - sum(max(4, cell_len(n)) for n in names[:-1])), lines
        assert columns[-1] > max(columns[:-1]), lines
        assert all(names), lines  # each header on one line; the places' one above the other where they are stacked
        assert len(headers) == 1 or [line.split("┃")[1].strip() for line in headers] == (
            ["File", "Sheet", "Cell"] if lang == "en" else ["文件", "工作表", "单元格"]), lines
        rows = [line for line in lines if line.startswith("│")]
        places = [cell.strip() for line in rows for cell in line.split("│")[1:-3]]
        assert long_name.sheet in places and "G2" in places, lines  # the sheet and the cell whole
    wide = Console(width=300, file=io.StringIO(), color_system=None)
    wide.print(problems_table([long_name], lang=lang))
    row = next(line for line in wide.file.getvalue().splitlines() if line.startswith("│"))  # type: ignore[attr-defined]
    assert [cell.strip() for cell in row.split("│")[1:-1]][:2] == [long_name.file, long_name.sheet]


def test_a_long_problem_past_the_first_rows_still_sizes_the_columns() -> None:
    """Two hundred short problems, then one with a long file name and message: the columns are sized by every
    row, so the message still gets its room rather than a column as narrow as the others."""
    short = [Problem(code="bad-date", file="a.xlsx", sheet="表", cell=f"G{i}", message="空") for i in range(200)]
    long_one = Problem(code="bad-date", file="县直单位花名册（含错误，2026年11月报送）.xlsx", sheet="县直单位干部花名册",
                       cell="G2", message="第 2 行「任现职时间」列：「2023.13」不是有效的日期；应为：日期，如 2023-05-01、"
                                          "2023-05、2023.05 或 2023年5月")
    console = Console(width=60, file=io.StringIO(), color_system=None)
    console.print(problems_table([*short, long_one]))
    lines = console.file.getvalue().splitlines()  # type: ignore[attr-defined]
    header = next(line for line in lines if line.startswith("┃"))
    columns = [cell_len(cell) for cell in header.split("┃")[1:-1]]
    assert columns[-1] > max(columns[:-1]), lines
    assert all(cell_len(line) <= 60 for line in lines)


def test_a_problem_of_a_whole_row_names_its_row_under_the_cell() -> None:
    """A skipped note row showed a bare 77 under 单元格: a row is said as one."""
    row = Problem(code="note-row-skipped", message="这是表格中的说明文字，不是数据，已跳过", file="花名册.xlsx",
                  sheet="花名册", row=77)
    for lang, said in (("zh", "第 77 行"), ("en", "row 77")):
        console = Console(width=120, file=io.StringIO(), color_system=None)
        console.print(problems_table([row], lang=lang))
        assert said in console.file.getvalue()  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_at_80_columns_a_file_s_name_the_cell_and_the_kind_s_words_stay_whole(lang: str) -> None:
    """The sample roster's problems at 80 columns: cadres.xlsx whole (not cadr / es.x / lsx), 第 334 行 or row 334
    on one line, and an English kind broken between its words (organizer / from the / level, not organiz / er)."""
    filled = Problem(code="organizer-from-level", file="cadres.xlsx", sheet="干部花名册", row=334,
                     message='11 cadre(s) of sheet 干部花名册 with a blank "管理权限" were given the organizer 县委管理 by '
                             "their levels (row(s) 334, 344, 350, 353, 357 …), from the config's organizer of each "
                             "tier in each level of unit (organizer_by_unit_level): 乡科级, 科员级 of county units")
    console = Console(width=80, file=io.StringIO(), color_system=None)
    console.print(problems_table([filled], lang=lang))
    lines = [line for line in console.file.getvalue().splitlines() if line.startswith("│")]  # type: ignore[attr-defined]
    columns = [[cell.strip() for cell in line.split("│")[1:-1]] for line in lines]
    assert (columns[0][0], columns[0][2]) == ("cadres.xlsx", "第 334 行" if lang == "zh" else "row 334")
    if lang == "en":
        assert [row[3] for row in columns if row[3]] == ["organizer", "from the", "level"]
