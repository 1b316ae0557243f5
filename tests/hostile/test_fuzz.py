"""The readers fuzzed: odd and malformed .xlsx sheets, CSV files and signed class rosters.

Only the project's own answers may come out: a NeedsError, or Problems collected; any other exception
fails. And whatever a sheet's XML says, no grid is read past the limits (small ones here, so that a
cell the guard missed shows as a grid too big rather than as a process out of memory).

`make test` runs NEEDSCLI_FUZZ_EXAMPLES examples of each (default 25, a few seconds); `make fuzz` runs
rounds of many more with new seeds for a bounded time (tests/hostile/run_fuzz.py).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from builders import catalog, make_class_rosters, seat
from hostile.make_files import HEADER, column_letters, write_workbook
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from needscli.config import Config, LedgerConfig, LimitsConfig
from needscli.errors import NeedsError
from needscli.io.copies import beside_old_books
from needscli.io.files import Sheet, read_sheets
from needscli.pipeline import check_inputs, old_books_start
from needscli.records.imports import read_records_file

LIMITS = LimitsConfig(max_sheet_rows=2000, max_sheet_columns=40, max_sheet_cells=20_000, max_merged_ranges=40,
                      max_line_bytes=2000)
CONFIG = Config(limits=LIMITS)
FUZZ = settings(max_examples=int(os.environ.get("NEEDSCLI_FUZZ_EXAMPLES", "25")), deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])
NS = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def assert_within_limits(sheets: list[Sheet]) -> None:
    for sheet in sheets:
        width = max((len(row) for row in sheet.rows), default=0)
        assert len(sheet.rows) <= LIMITS.max_sheet_rows, (sheet.name, len(sheet.rows))
        assert width <= LIMITS.max_sheet_columns, (sheet.name, width)
        assert len(sheet.rows) * width <= LIMITS.max_sheet_cells, (sheet.name, len(sheet.rows), width)


def read_and_load(path: Path) -> None:
    """The file read (within the limits) and loaded as a roster; NeedsError is the only way out."""
    try:
        assert_within_limits(read_sheets(path, LIMITS))
        check_inputs([path], CONFIG)
    except NeedsError as exc:
        assert exc.message.strip()


# --- .xlsx sheets -------------------------------------------------------------------------------------

COLUMNS = st.one_of(st.integers(1, 45), st.integers(1, 20_000), st.sampled_from([16_384, 16_385, 26**5]))
ROWS = st.one_of(st.integers(1, 60), st.integers(1, 3000), st.sampled_from([1_048_576, 4_294_967_295, 2**40]))
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=12)


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


@st.composite
def references(draw: st.DrawFn, row: int | None = None) -> str:
    """An r="..." attribute of a cell (or of a row, given `row`) as writers and forgers spell it, or none."""
    number = row if row is not None else draw(ROWS)
    letters = "" if row is not None else column_letters(draw(COLUMNS))
    form = draw(st.sampled_from(["plain", "plain", "plain", "small", "single", "spaced", "zeros", "none",
                                 "garbage"]))
    value = {"small": f"{letters.lower()}{number}", "zeros": f"{letters}000{number}",
             "garbage": draw(st.sampled_from(["", "A", "1A", "A-1", "&#65;1", "🙂1"]))}.get(form, f"{letters}{number}")
    if form == "none":
        return ""
    if form == "single":
        return f" r='{value}'"
    return f' r = "{value}"' if form == "spaced" else f' r="{escape(value)}"'


@st.composite
def cells(draw: st.DrawFn, prefix: str) -> str:
    reference = draw(references())
    ns = f" {NS}" if prefix else ""
    kind = draw(st.sampled_from(["number", "text", "text", "empty", "blank-value", "shared", "bool", "error",
                                 "formula"]))
    body = {"number": f"<{prefix}v>{draw(st.floats(allow_nan=True))}</{prefix}v>",
            "text": f"<{prefix}is><{prefix}t>{escape(draw(TEXT))}</{prefix}t></{prefix}is>",
            "blank-value": f"<{prefix}v></{prefix}v>", "shared": f"<{prefix}v>{draw(st.integers(0, 3))}</{prefix}v>",
            "bool": f"<{prefix}v>1</{prefix}v>", "error": f"<{prefix}v>#N/A</{prefix}v>",
            "formula": f"<{prefix}f>1+1</{prefix}f>"}.get(kind, "")
    types = {"text": ' t="inlineStr"', "shared": ' t="s"', "bool": ' t="b"', "error": ' t="e"'}
    if kind == "empty":
        return f"<{prefix}c{ns}{reference}/>"
    return f"<{prefix}c{ns}{reference}{types.get(kind, '')}>{body}</{prefix}c>"


@st.composite
def sheet_rows(draw: st.DrawFn) -> str:
    prefix = draw(st.sampled_from(["", "", "", "x:"]))
    ns = f" {NS}" if prefix else ""
    reference = draw(references(row=draw(ROWS)))
    if draw(st.integers(0, 9)) == 0:
        return f"<{prefix}row{ns}{reference}/>" * draw(st.integers(1, 2500))  # empty rows, counted
    row_cells = draw(st.lists(cells(prefix), max_size=8))
    if draw(st.integers(0, 9)) == 0:
        row_cells *= draw(st.integers(1, 60))  # wide: the same cells again and again
    return f"<{prefix}row{ns}{reference}>{''.join(row_cells)}</{prefix}row>"


def header_row() -> str:
    return '<row r="1">' + "".join(f'<c r="{column_letters(c)}1" t="inlineStr"><is><t>{h}</t></is></c>'
                                   for c, h in enumerate(HEADER, start=1)) + "</row>"


@st.composite
def merge_ranges(draw: st.DrawFn) -> list[str]:
    def corner() -> str:
        return f"{column_letters(draw(st.integers(1, 50)))}{draw(st.integers(1, 3000))}"

    ranges = draw(st.lists(st.one_of(st.builds(lambda: f"{corner()}:{corner()}"),
                                     st.sampled_from(["A1", "A1:A", "XFD1048576:A1", "B2:B3", "junk"])), max_size=6))
    ranges *= draw(st.sampled_from([1, 1, 2, 30]))  # the same ranges again: duplicates and overlaps
    return ["<mergeCells>", *[f'<mergeCell ref="{r}"/>' for r in ranges], "</mergeCells>"] if ranges else []


DIMENSIONS = st.one_of(st.none(), st.builds(lambda c, r: f"A1:{column_letters(c)}{r}", COLUMNS, ROWS),
                       st.sampled_from(["A1", "", "XFD1048576", "A1:", "junk"]))


@FUZZ
@given(header=st.booleans(), rows=st.lists(sheet_rows(), max_size=10), dimension=DIMENSIONS,
       merges=merge_ranges())
def test_fuzz_xlsx(tmp_path: Path, header: bool, rows: list[str], dimension: str | None, merges: list[str]) -> None:
    path = write_workbook(tmp_path / "fuzz.xlsx", [header_row()] * header + rows, dimension=dimension, after=merges)
    read_and_load(path)


# --- Excel 97-2003 (.xls) ------------------------------------------------------------------------------

OLD_BOOK = (Path(__file__).resolve().parent.parent / "io" / "old_workbooks" / "roster.xls").read_bytes()


@FUZZ
@given(flips=st.lists(st.tuples(st.integers(0, len(OLD_BOOK) - 1), st.integers(1, 255)), min_size=1, max_size=16),
       cut=st.sampled_from([None, None, None, 512, 4096]))
def test_fuzz_xls(tmp_path: Path, flips: list[tuple[int, int]], cut: int | None) -> None:
    """Bytes of an .xls changed (or the file cut short): its reader panics, or aborts the process on some of them
    (a block count read from garbage); the run reads it or refuses it, and goes on either way."""
    data = bytearray(OLD_BOOK)
    for at, bits in flips:
        data[at] ^= bits
    path = tmp_path / "fuzz.xls"
    path.write_bytes(bytes(data[:cut]))
    with beside_old_books(old_books_start(CONFIG)):  # as a run reads one: by a copy that a crash ends, not the tests
        read_and_load(path)


# --- CSV ----------------------------------------------------------------------------------------------

FIELDS = st.one_of(TEXT, st.sampled_from(['"', '""', 'a"b', '"a,b"', "\r", "\n", "\r\n", "\x00", ",,,", ";", "\t"]),
                   st.builds(lambda n: "a," * n, st.integers(0, 1500)))
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030", "latin-1"])


@FUZZ
@given(header=st.booleans(), rows=st.lists(st.lists(FIELDS, max_size=12), max_size=12),
       separator=st.sampled_from([",", ";", "\t"]), line_break=st.sampled_from(["\n", "\r\n", "\r"]),
       encoding=ENCODINGS, wide=st.sampled_from([0, 0, 0, 41, 3000]))
def test_fuzz_csv(tmp_path: Path, header: bool, rows: list[list[str]], separator: str, line_break: str,
                  encoding: str, wide: int) -> None:
    lines = [separator.join(HEADER)] * header + [separator.join(row) for row in rows] + [separator * wide] * bool(wide)
    path = tmp_path / "fuzz.csv"
    path.write_bytes(line_break.join(lines).encode(encoding, errors="replace"))
    read_and_load(path)


# --- signed class rosters ------------------------------------------------------------------------------

MARKS = st.one_of(st.sampled_from(["√", "1", "到", "缺", "请假", "", "×", "0", "yes", "√√"]), TEXT)
HOURS = st.one_of(st.sampled_from(["", 0, 48, -3, 1e300, "48", "四十", "NaN", "inf"]), st.floats(), TEXT)
PERIODS = st.one_of(st.sampled_from(["2026-06", "2026-12-31", "2026-13", "", "2026年6月", "0000-00"]), TEXT)


@st.composite
def classes(draw: st.DrawFn) -> dict[str, object]:
    seats = [seat(draw(st.one_of(st.sampled_from(["C1", "C2", "", "C1 "]), TEXT)), draw(MARKS), draw(HOURS))
             for _ in range(draw(st.integers(0, 5)))]
    return {"id": draw(st.sampled_from(["K001", "K002", "K 003", "001", "K-1", "x" * 31])),
            "topic": draw(st.one_of(st.sampled_from(["法治政府建设", "理论教育和党性教育"]), TEXT)),
            "period": draw(PERIODS), "hours": draw(HOURS), "seats": seats,
            "type": draw(st.sampled_from(["专门业务培训", "在职培训", "", "网络培训"]))}


@FUZZ
@given(rosters=st.lists(classes(), min_size=1, max_size=3, unique_by=lambda c: str(c["id"]).lower()),
       lang=st.sampled_from(["zh", "en"]),
       damage=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), max_size=3))
def test_fuzz_class_rosters(tmp_path: Path, rosters: list[dict[str, object]], lang: str,
                            damage: list[tuple[float, int]]) -> None:
    path = make_class_rosters(tmp_path, rosters, lang=lang)
    data = bytearray(path.read_bytes())
    for where, value in damage:
        data[int(where * len(data))] = value
    path.write_bytes(bytes(data))
    try:
        read = read_records_file(path, CONFIG, catalog(CONFIG), LedgerConfig(), dt.date(2026, 12, 1))
    except NeedsError as exc:
        assert exc.message.strip()
        return
    assert all(p.message for p in read.problems)
