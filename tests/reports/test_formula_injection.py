"""No formula reaches an output: text a spreadsheet would run as a formula or show as an error is
written as text, in every workbook and CSV, hand-outs too."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from builders import (
    NEEDS_AS_OF,
    SMALL_CLASSES,
    csv_records,
    make_config,
    make_text_workbook,
    run_analyze,
)

from needscli.config import Config
from needscli.pipeline import check_inputs
from needscli.reports.files import csv_safe, write_csv
from needscli.reports.xlsx import DEFER_ROWS, Book


def xlsx_outputs(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.xlsx"))


EVIL = ['=HYPERLINK("http://x","y")', "+1", "-1", "@SUM(1)", "\t=1", "=", "#DIV/0!"]
EVIL_UNIT = "=1+1"
# the loader trims stray whitespace around every cell (DOMAIN: real rosters have it), so "\t=1" is read as "=1"
LOADED = [v.strip() for v in EVIL]
FORMULA_OR_ERROR = re.compile(rb"<f[\s>/]|\st=\"e\"")


# enough cadres that the Needs sheet passes DEFER_ROWS and is streamed into the sheet XML by hand
COPIES = 25
EVIL_IDS = [f"{v}#{k}" for k in range(COPIES) for v in EVIL]
LOADED_IDS = [i.strip() for i in EVIL_IDS]


def evil_roster(tmp_path: Path) -> Path:
    """Ids, names and posts that a spreadsheet would run as formulas or show as errors, all as text cells.

    The ids are hostile too: assignments.csv carries only the cadre's id.
    """
    header = ["编号", "姓名", "单位", "职务", "职级", "本年度学时"]
    rows = [[f"{v}#{k}", v, EVIL_UNIT, v, "一级科员", 10] for k in range(COPIES) for v in EVIL]
    return make_text_workbook(tmp_path, {"花名册": [header, *rows]}, name="evil.xlsx")


@pytest.fixture(scope="module")
def evil_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp_path = tmp_path_factory.mktemp("evil")
    out = tmp_path / "out"
    result = run_analyze(evil_roster(tmp_path), "-o", out, "--split-by", "unit",
                         "--config", make_config(tmp_path, SMALL_CLASSES), "--as-of", NEEDS_AS_OF)
    assert result.exit_code == 0, result.output
    return out


def test_the_evil_roster_is_read_as_text(tmp_path: Path) -> None:
    inputs = check_inputs([evil_roster(tmp_path)], Config())
    assert inputs.problems == []
    assert [(c.id, c.name, c.unit, c.post) for c in inputs.cadres] == [
        (f"{v}#{k}", v, EVIL_UNIT, v) for k in range(COPIES) for v in LOADED]


def test_every_output_is_written_including_the_unit_hand_outs(evil_run: Path) -> None:
    names = ["gap-report.xlsx", "needs.csv", "class-rosters.xlsx", "classes.csv", "assignments.csv", "plan.csv"]
    for folder in (evil_run, evil_run / "by-unit" / EVIL_UNIT):
        assert all((folder / name).is_file() for name in names), sorted(p.name for p in folder.iterdir())


def test_no_xlsx_output_holds_a_formula_or_an_error_cell(evil_run: Path) -> None:
    books = xlsx_outputs(evil_run)
    assert len(books) == 4
    for book in books:
        with zipfile.ZipFile(book) as archive:
            for name in archive.namelist():
                hits = FORMULA_OR_ERROR.findall(archive.read(name))
                assert hits == [], f"{book.relative_to(evil_run)} {name}: {hits[:3]}"


def text_cells(path: Path) -> dict[str, set[str]]:
    """Cell value -> the openpyxl data types it was read back with, over every sheet."""
    found: dict[str, set[str]] = {}
    for ws in openpyxl.load_workbook(path):
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    found.setdefault(cell.value, set()).add(cell.data_type)
    return found


def test_xlsx_outputs_read_back_the_values_unchanged_as_text(evil_run: Path) -> None:
    for book in xlsx_outputs(evil_run):
        cells = text_cells(book)
        for value in [*LOADED, *LOADED_IDS, EVIL_UNIT]:
            assert cells.get(value) == {"s"}, f"{book.relative_to(evil_run)}: {value!r} read as {cells.get(value)}"
        risky = {v: t for v, t in cells.items() if v[:1] in "=+-@#"}
        assert all(t == {"s"} for t in risky.values()), risky


def test_the_needs_sheet_keeps_every_cadre_as_written(evil_run: Path) -> None:
    ws = openpyxl.load_workbook(evil_run / "gap-report.xlsx")["需求明细"]
    rows = [tuple(r[:5]) for r in ws.iter_rows(min_row=2, values_only=True)]
    assert len(rows) >= DEFER_ROWS  # the streamed writer, not xlsxwriter's cell calls
    assert set(rows) == {(f"{v}#{k}", v, EVIL_UNIT, None, v) for k in range(COPIES) for v in LOADED}


@pytest.mark.parametrize("folder", [".", f"by-unit/{EVIL_UNIT}"])
def test_csv_outputs_quote_prefix_the_hostile_values(evil_run: Path, folder: str) -> None:
    quoted_ids = {"'" + i for i in LOADED_IDS}
    needs = csv_records(evil_run / folder / "needs.csv")
    assert {r["cadre_id"] for r in needs} == quoted_ids
    assert {r["name"] for r in needs} == {"'" + v for v in LOADED}
    assert {r["unit"] for r in needs} == {"'" + EVIL_UNIT}
    assignments = csv_records(evil_run / folder / "assignments.csv")
    assert {r["cadre_id"] for r in assignments} == quoted_ids
    plan = csv_records(evil_run / folder / "plan.csv")  # the quotas lead with the unit's name
    assert plan and all(r["quotas"].startswith("'" + EVIL_UNIT + " ") for r in plan)


@pytest.mark.parametrize("value", [*EVIL, "\r=1", "#N/A"])
def test_the_writers_quote_every_risky_lead_unchanged(tmp_path: Path, value: str) -> None:
    """Below the loader nothing is trimmed: a tab- or CR-led text must survive the writers too (cell calls
    for short tables, the streamed sheet XML for long ones)."""
    book_path = tmp_path / "book.xlsx"
    book = Book(book_path)
    ws = book.add_sheet("s")
    book.write_text(ws, 0, 0, value)
    book.table("t", ["h"], [[value]])
    book.table("long", ["h"], [[value]] * DEFER_ROWS, size=DEFER_ROWS)
    book.close()
    with zipfile.ZipFile(book_path) as archive:
        assert all(FORMULA_OR_ERROR.findall(archive.read(n)) == [] for n in archive.namelist())
    loaded = openpyxl.load_workbook(book_path)
    stored = value.replace("\r", "_x000D_")  # OOXML's escape for CR, which Excel undoes and openpyxl keeps
    for cell in (loaded["s"]["A1"], loaded["t"]["A2"], loaded["long"]["A2"], loaded["long"][f"A{DEFER_ROWS + 1}"]):
        assert (cell.value, cell.data_type, cell.quotePrefix) == (stored, "s", True)
    write_csv(tmp_path / "out.csv", ["h"], [[value]])
    assert csv_records(tmp_path / "out.csv") == [{"h": "'" + value}]
    assert csv_safe(value) == "'" + value
