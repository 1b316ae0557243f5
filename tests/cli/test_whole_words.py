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
from needscli.cli.whole_words import FirstFitting
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
