"""Terminal tables keep their words whole in a narrow terminal (cli/whole_words.py): a rule's id, a setting's name,
a file's name, an English word, each on one line where the terminal has room for it; a wide terminal's table as rich
draws it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from builders import run_cli
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table

from needscli.cli import render
from needscli.cli.render import problems_table
from needscli.cli.whole_words import FirstFitting, Fitted
from needscli.errors import Problem

SAMPLES = Path(__file__).parents[2] / "data" / "samples"
RULE_IDS = ("theory-core", "enforcement-family", "leaders-county-up", "grassroots", "enterprise-managers",
            "young-cadres")


def drawn(renderable: object, width: int) -> list[str]:
    console = Console(width=width, file=io.StringIO(), color_system=None)
    console.print(renderable)
    lines = console.file.getvalue().splitlines()  # type: ignore[attr-defined]
    assert all(cell_len(line) <= width for line in lines), lines
    return lines


def rule_table() -> Table:
    table = Table(expand=True)
    for header, ratio in (("Topic", 2), ("Rule", 2), ("Reason", 5)):
        table.add_column(header, overflow="fold", ratio=ratio)
    table.add_row("Party spirit", "Theory core rule (enforcement-family)", "applies to every cadre of the roster")
    return table


def test_a_column_too_narrow_for_its_id_is_widened_to_it() -> None:
    """rich shares 60 columns by the ratios, folding the id (enforcement-fami / ly); kept, it stays on one line."""
    assert not any("enforcement-family" in line for line in drawn(rule_table(), 60))
    assert any("(enforcement-family)" in line for line in drawn(FirstFitting(rule_table()), 60))


def test_a_table_whose_words_fit_is_drawn_as_rich_draws_it() -> None:
    for width in (100, 120):
        assert drawn(FirstFitting(rule_table()), width) == drawn(rule_table(), width)


@pytest.mark.parametrize(("roster", "cadre"), [("cadres.xlsx", "C0125"), ("cadres.xlsx", "C0002"),
                                               ("roster-en.csv", "E0002")])
def test_explain_keeps_rule_ids_and_settings_whole(monkeypatch: pytest.MonkeyPatch, roster: str, cadre: str) -> None:
    """At 60 and 80 columns (and 120) every rule id explain names, and the setting an undated course names, is on one
    line: （theory-core） went over two lines at 80, （leaders-count / y-up） at 120."""
    for width in (60, 80, 120):
        console = Console(width=width, file=io.StringIO(), color_system=None)
        monkeypatch.setattr(render, "out", console)
        result = run_cli("explain", SAMPLES / roster, cadre, "--as-of", "2026-11-01")
        assert result.exit_code == 0, result.output
        text = console.file.getvalue()  # type: ignore[attr-defined]
        assert all(cell_len(line) <= width for line in text.splitlines())
        cut = [rule for rule in RULE_IDS if rule[:6] in text and not any(rule in line for line in text.splitlines())]
        assert not cut, (width, text)
        if "needs.undated" in text:
            assert any("needs.undated_completion_counts" in line for line in text.splitlines()), text


@pytest.mark.parametrize("file", ["cadres.xlsx", "干部花名册.xlsx"])
def test_a_problems_file_name_stays_whole_at_60_columns(file: str) -> None:
    """A file's name no wider than half the room is kept whole (cadr / es.x / lsx before), the headers folding
    first."""
    message = ("工作表「干部花名册」中「管理权限」为空的 29 人按职级归入「市委管理」（第 13、15、31、91、96 … 行），依据配置中"
               "各级单位各职级层级的管理层级（organizer_by_unit_level）：市级单位的乡科级、科员级")
    problem = Problem(code="organizer-from-level", file=file, sheet="干部花名册", row=13, message=message,
                      severity="warning")
    for width in (60, 80):
        lines = drawn(problems_table([problem], lang="zh"), width)
        assert any(file in line for line in lines), lines


UNITS = ("市委组织部", "市发展和改革委员会", "市市场监督管理局", "XX县人民政府", "市城市投资集团有限公司")


def summary_table() -> Table:
    """records summary's shape: a unit, then seven figures under headers wider than them."""
    table = Table(title="2026年培训情况（按单位）")
    table.add_column("单位", overflow="fold")
    for header in ("人数", "集中培训天数", "集中培训学时", "其中境外", "网络学时", "集中培训未达标人数",
                   "网络学时未达标人数"):
        table.add_column(header, overflow="fold", justify="right")
    for i, unit in enumerate(UNITS):
        table.add_row(unit, str(40 + i), "148", f"{3339.5 + i:g}", "0", "1764", str(i), "23")
    return table


def figures_of(lines: list[str]) -> list[list[str]]:
    return [[cell for cell in line.split("│")[2:-1]] for line in lines if line.startswith("│") and "3" in line]


@pytest.mark.parametrize("width", [60, 80, 120])
def test_figures_stay_whole_and_right_aligned(width: int) -> None:
    """A figure is never folded (3339. / 5 at 60 columns before), and lines up at its column's right."""
    lines = drawn(Fitted(summary_table()), width)
    rows = figures_of(lines)
    assert [row[2].strip() for row in rows] == [f"{3339.5 + i:g}" for i in range(len(UNITS))]
    assert all(cell.endswith(cell.strip() + " ") and cell.strip() for row in rows for cell in row[:5])


@pytest.mark.parametrize("width", [80, 120])
def test_a_units_name_is_on_one_line_where_the_figures_leave_room(width: int) -> None:
    """At 80 columns every unit's name went over 2 to 4 lines beside count columns 9 cells wide (at 120, two of
    them beside columns 19 wide): the headers fold first."""
    lines = drawn(Fitted(summary_table()), width)
    assert all(any(f"│ {unit} " in line for line in lines) for unit in UNITS), lines


def test_at_60_columns_a_units_name_folds_less_than_its_headers() -> None:
    lines = drawn(Fitted(summary_table()), 60)
    names = [line.split("│")[1].strip() for line in lines if line.startswith("│")]
    assert len(names) <= 2 * len(UNITS) and "市委组织部" in names, lines


def test_a_table_that_fits_is_drawn_as_rich_draws_it() -> None:
    assert drawn(Fitted(summary_table()), 160) == drawn(summary_table(), 160)


@pytest.mark.parametrize("width", [60, 80])
def test_analyze_cuts_no_topic_and_no_header(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, width: int) -> None:
    """The top topics' names were cut at 60 columns (习近平新时代中国 …), the routes' headers (本级…)."""
    console = Console(width=width, file=io.StringIO(), color_system=None)
    monkeypatch.setattr(render, "out", console)
    result = run_cli("analyze", SAMPLES / "cadres.xlsx", "--as-of", "2026-11-01", "-o", tmp_path / "out")
    assert result.exit_code == 1, result.output
    text = console.file.getvalue()  # type: ignore[attr-defined]
    tables = [line for line in text.splitlines() if line[:1] in "┃│"]
    assert all(cell_len(line) <= width for line in tables)
    assert "…" not in "".join(tables), text
    assert "习近平新时代中国特色社会主义思想" in "".join(line.split("│")[2].strip() for line in tables
                                                   if line.startswith("│") and line.count("│") == 6)


@pytest.mark.parametrize("width", [60, 80, 100])
def test_a_problems_sheet_file_and_cell_stay_whole(width: int) -> None:
    """make demo's problems at 80 columns: the sheet 干部花名册 went over two lines (干部花 / 名册), and at 60 第 13 行
    over three. The places are kept whole, in columns of their own or (60 columns) one above the other in one, and
    the message takes the folding, its setting's name whole."""
    message = ("工作表「干部花名册」中「管理权限」为空的 29 人按职级归入「市委管理」（第 13、15、31、91、96 … 行），依据配置中"
               "各级单位各职级层级的管理层级（organizer_by_unit_level）：市级单位的乡科级、科员级")
    problem = Problem(code="organizer-from-level", file="cadres.xlsx", sheet="干部花名册", row=13, message=message,
                      severity="warning")
    lines = drawn(problems_table([problem], lang="zh"), width)
    rows = [line.split("│")[1:-1] for line in lines if line.startswith("│")]
    assert [cell.strip() for row in rows for cell in row[:-2] if cell.strip()] == [
        "cadres.xlsx", "干部花名册", "第 13 行"], lines
    assert any("（organizer_by_unit_level）" in row[-1] for row in rows), lines


def test_an_english_message_keeps_its_setting_whole_at_60_columns() -> None:
    """A CSV roster's problem at 60 columns: the message's column was 18 cells beside the file, the cell and the kind,
    and (organizer_by_unit / _level) folded; the file and the cell stand one above the other to give it room."""
    problem = Problem(code="organizer-from-level", file="roster-en.csv", row=2, severity="warning",
                      message='41 cadre(s) with a blank "Managed by" were given the organizer 市委管理 by their levels '
                              "(row(s) 2, 3, 5, 6, 7 …), from the config's organizer of each tier in each level of "
                              "unit (organizer_by_unit_level): 科员级, 乡科级 of city units")
    lines = drawn(problems_table([problem], lang="en"), 60)
    rows = [line.split("│")[1:-1] for line in lines if line.startswith("│")]
    assert [row[0].strip() for row in rows[:2]] == ["roster-en.csv", "row 2"], lines
    assert any("(organizer_by_unit_level):" in row[-1] for row in rows), lines


@pytest.mark.parametrize("width", [60, 80])
def test_analyze_breaks_its_sentences_at_the_terminal_s_width(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              width: int) -> None:
    """The summary's sentences ran past the edge (编班参数 130 cells, a group's line 150) and the terminal went on
    inside a word: each is broken where Chinese breaks, gap-report.xlsx and （unit_away_share） whole, a group's next
    lines two spaces further in; the command to copy keeps its line."""
    monkeypatch.chdir(tmp_path)  # the files written named out/gap-report.xlsx, as make demo names them
    result = run_cli("analyze", SAMPLES / "cadres.xlsx", "--as-of", "2026-11-01", "-o", "out",
                     env={"COLUMNS": str(width)})
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    command = next(line for line in lines if line.startswith("  needscli classes"))
    assert all(cell_len(line) <= width for line in lines if line != command), lines
    text = "\n".join(lines)
    assert "gap-report.xlsx" in text and "（unit_away_share）" in text
    group = next(i for i, line in enumerate(lines) if line.startswith("  理论教育和党性教育专题班（企业党委管理"))
    assert lines[group + 1].startswith("    ") and not lines[group + 1].startswith("     "), lines[group:group + 3]
    assert "".join(line.strip() for line in lines[group:group + 3]).startswith(
        "理论教育和党性教育专题班（企业党委管理，一般干部）：46 人，上级调训；最小班额降到 12 可开班")


def test_piped_output_keeps_each_sentence_on_one_line(tmp_path: Path) -> None:
    """With no terminal and no COLUMNS, a script reading the output finds each sentence on its line, as before."""
    result = run_cli("analyze", SAMPLES / "cadres.xlsx", "--as-of", "2026-11-01", "-o", tmp_path / "out",
                     env={"COLUMNS": None})
    assert "编班参数：班额 15–50 人；每人最多 4 个班次；领导干部每年调训最多 2 次；每人离岗最多 40 天；12 个时段（月）；" \
           "单位同时离岗不超过 20%\n" in result.stdout


def test_a_name_is_not_folded_where_the_table_s_edge_padding_gives_it_room(tmp_path: Path) -> None:
    """The English needs-served table at 60 columns lacked one cell for its words side by side and folded Obligati /
    on: the padding at the table's edges goes first."""
    result = run_cli("analyze", SAMPLES / "roster-en.csv", "--as-of", "2026-11-01", "-o", tmp_path / "out",
                     env={"COLUMNS": "60"})
    rows = [line for line in result.stdout.splitlines() if line.startswith("│")]
    assert any(line.startswith("│Obligation ") for line in rows), rows
    assert all(cell_len(line) <= 60 for line in rows)
