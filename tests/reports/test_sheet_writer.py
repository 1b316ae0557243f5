"""The streamed sheet writer writes the cells xlsxwriter itself would, on the xlsxwriter version it is pinned to.

After an xlsxwriter upgrade these are the tests that tell whether reports/sheet_writer.py still
matches the files xlsxwriter writes.
"""

from __future__ import annotations

import datetime as dt
import gc
import importlib.metadata
import math
import re
import tomllib
import weakref
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlsxwriter
from builders import ROOT, as_columns, tricky_rows
from python_calamine import CalamineWorkbook
from xlsxwriter.worksheet import Worksheet

from needscli.reports import sheet_writer, xlsx
from needscli.reports.sheet_writer import ColumnFormats, Printed, StreamedTables
from needscli.reports.xlsx import DEFER_ROWS, RISKY_LEADS, Book

PYPROJECT = ROOT / "pyproject.toml"
OPTIONS = {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}
TEXTS: list[object] = ["单位甲", "a & b <c>", "=1+2", "@sum", "-5", "#N/A", " lead", "trail ", "x_x0041_y",
                       "bell\x07", "two\nlines", "a\uffff", "长" * 20_000 + "😀" * 10_000, None, "单位甲"]
NUMBERS: list[object] = [3, 2.5, 0.1 + 0.2, -0.0, 10**15, 123456789.125, 1e-7, None]
DATES: list[object] = [dt.date(1900, 1, 1), dt.date(1900, 2, 28), dt.date(1900, 3, 1), dt.date(2024, 2, 29),
                       dt.datetime(2026, 11, 1, 12, 0), None]


@dataclass
class Sheet:
    """One sheet of the contract workbook: a header row above data rows, each column with its formats."""

    name: str
    header_rows: int
    rows: list[list[object]]
    columns: list[ColumnFormats]
    widths: list[float]
    height: float | None = None


def contract_sheets(wb: xlsxwriter.Workbook) -> list[Sheet]:
    """The sheets, with formats added to wb the same way for both writers (an unused one among them)."""
    add = wb.add_format
    text, wrap = add({"valign": "top"}), add({"valign": "top", "text_wrap": True})
    add({"italic": True})  # never used: style numbers are not simply the order formats were added in
    quoted, quoted_wrap = add({"quote_prefix": True}), add({"quote_prefix": True, "text_wrap": True})
    number, whole, date = add({"num_format": "0.##", "valign": "top"}), add({"num_format": "0"}), add(
        {"num_format": "yyyy-mm-dd", "valign": "top"})
    cell = add({"border": 1, "valign": "vcenter"})
    cell_quoted = add({"border": 1, "valign": "vcenter", "quote_prefix": True})
    n = 60
    table = [[TEXTS[i % len(TEXTS)], f"row {i}", NUMBERS[i % len(NUMBERS)], NUMBERS[(i * 3) % len(NUMBERS)],
              DATES[i % len(DATES)], TEXTS[(i * 7) % len(TEXTS)]] for i in range(n)]
    return [
        Sheet("名单", 1, table, [
            ColumnFormats(text, quoted, text), ColumnFormats(text, quoted, text),
            ColumnFormats(text, quoted, number, numeric=True, whole=whole),
            ColumnFormats(text, quoted, whole, numeric=True),
            ColumnFormats(text, quoted, date, date=True), ColumnFormats(wrap, quoted_wrap, wrap)],
            widths=[12, 8, 10, 6, 12, 40]),
        Sheet("签到", 2, [[f"张{i}", None, "=sign" if i % 4 == 0 else None] for i in range(25)],
              [ColumnFormats(cell, cell_quoted, cell, blank=True)] * 3, widths=[10, 20, 20], height=24),
    ]


def write_plain(ws: Worksheet, r: int, c: int, value: object, col: ColumnFormats) -> None:
    """A cell through xlsxwriter's own calls: what the streamed writer must match."""
    if value is None:
        if col.blank:
            ws.write_blank(r, c, None, col.text)
    elif isinstance(value, str):
        ws.write_string(r, c, value, col.quoted if value[:1] in RISKY_LEADS else col.text)
    elif isinstance(value, dt.date):
        ws.write_datetime(r, c, value, col.number)
    else:
        whole = col.whole is not None and sheet_writer.is_whole(value)  # type: ignore[arg-type]
        ws.write_number(r, c, value, col.whole if whole else col.number)  # type: ignore[arg-type]


def write_contract_workbook(path: Path, streamed: bool) -> None:
    wb = sheet_writer.Workbook(str(path), OPTIONS) if streamed else xlsxwriter.Workbook(str(path), OPTIONS)
    cover = wb.add_worksheet("封面")  # a sheet written by xlsxwriter alone, before the streamed ones
    cover.write_string(0, 0, "单位甲")  # a text xlsxwriter stores that the tables use too
    cover.write_number(1, 0, 42)
    tables = StreamedTables(RISKY_LEADS)
    for sheet in contract_sheets(wb):
        ws = wb.add_worksheet(sheet.name)
        for r in range(sheet.header_rows):
            ws.write_string(r, 0, f"{sheet.name} {r}", wb.add_format({"bold": True}))
        for c, width in enumerate(sheet.widths):
            ws.set_column(c, c, width)
        ws.freeze_panes(sheet.header_rows, 0)
        if streamed:
            tables.add(ws, iter(sheet.rows), len(sheet.rows), sheet.header_rows, sheet.columns, sheet.height)
            continue
        for r, row in enumerate(sheet.rows, start=sheet.header_rows):
            if sheet.height:
                ws.set_row(r, sheet.height)
            for c, value in enumerate(row):
                write_plain(ws, r, c, value, sheet.columns[c])
    wb.close()
    tables.write(path)


def read_back(path: Path) -> dict[str, dict[str, Any]]:
    """Per sheet: every written cell's value and look, the column widths, row heights and frozen panes."""
    book = openpyxl.load_workbook(path)
    return {ws.title: {
        "cells": {cell.coordinate: (cell.value, cell.data_type, cell.number_format, cell.quotePrefix,
                                    cell.alignment.wrap_text, cell.alignment.vertical, cell.border.left.style,
                                    cell.font.bold)
                  for row in ws.iter_rows() for cell in row if cell.value is not None or cell.has_style},
        "widths": {key: dim.width for key, dim in ws.column_dimensions.items()},
        "heights": {key: dim.height for key, dim in ws.row_dimensions.items() if dim.height},
        "panes": ws.freeze_panes,
    } for ws in book.worksheets}


def test_streamed_sheets_read_back_as_xlsxwriter_writes_them(tmp_path: Path) -> None:
    write_contract_workbook(tmp_path / "streamed.xlsx", streamed=True)
    write_contract_workbook(tmp_path / "plain.xlsx", streamed=False)
    streamed, plain = read_back(tmp_path / "streamed.xlsx"), read_back(tmp_path / "plain.xlsx")
    assert list(streamed) == list(plain) == ["封面", "名单", "签到"]
    for name in plain:
        assert streamed[name] == plain[name], name
    cells = plain["名单"]["cells"]
    assert cells["A4"][:4] == ("=1+2", "s", "General", True)  # a case that can fail: formula text stays text
    assert cells["E2"][0] == dt.datetime(1900, 1, 1) and cells["E2"][2] == "yyyy-mm-dd"
    assert plain["名单"]["widths"]["F"] > 40  # widths were set (openpyxl adds the padding Excel keeps)
    assert plain["签到"]["cells"]["B3"][6] == "thin" and plain["签到"]["heights"][3] == 24  # blanks keep borders


def test_the_shared_strings_are_the_bytes_xlsxwriter_writes(tmp_path: Path) -> None:
    tricky = [t for t in TEXTS + RICH_LOOKING if isinstance(t, str)] + [
        "\x0b lead", "tab\t", "\u3000全角", "x\u00a0", "_x005F_", "<r>\x01</r>", "\ufffe", "\n", "a\"b", "Ø", "a>b"]
    per = sheet_writer.SI_CHUNK  # a chunk of plain names, then one of plain names and a tricky text, each in turn
    texts = [f"张{i}" for i in range(per)] + [t for i, text in enumerate(tricky)
                                             for t in (*(f"李{i}-{j}" for j in range(per - 1)), text)]
    parts = {}
    for name, make in (("plain", xlsxwriter.Workbook), ("ours", sheet_writer.Workbook)):
        for in_memory in (True, False):
            path = tmp_path / f"{name}-{in_memory}.xlsx"
            wb = make(str(path), {**OPTIONS, "in_memory": in_memory, "tmpdir": str(tmp_path)})
            ws = wb.add_worksheet("T")
            for r, text in enumerate(texts * 2):
                ws.write_string(r, 0, text)
            wb.close()
            with zipfile.ZipFile(path) as package:
                parts[name, in_memory] = package.read(sheet_writer.SHARED_STRINGS)
    assert parts["ours", True] == parts["ours", False] == parts["plain", True] == parts["plain", False]
    assert parts["ours", True].count(b"<si>") == len(set(texts))
    assert xlsxwriter.workbook.ZipFile is zipfile.ZipFile  # put back after packaging


def test_a_closed_workbook_is_freed_without_the_cycle_collector(tmp_path: Path) -> None:
    gc.disable()  # as a run has it (cli.app.pause_collector)
    try:
        book = Book(tmp_path / "b.xlsx")
        ws = book.add_sheet("T")
        book.table("U", ["a", "b"], iter([["x", 1]] * (DEFER_ROWS + 1)), ["text", "int"], size=DEFER_ROWS + 1)
        printed = book.add_sheet("P", printed=True)
        book.lay_out(printed, layout(book.fmt["bold"]))
        book.text_rows(printed, [["张三", "李四"], ["", ""]], 30, book.fmt["text"], 20)
        chart = book.wb.add_chart({"type": "bar"})
        chart.add_series({"values": "=T!$B$2:$B$3"})
        ws.insert_chart(0, 3, chart)
        book.close()
        alive = [weakref.ref(o) for o in (book.wb, ws, printed, chart)]
        del book, ws, printed, chart
        assert [ref() is None for ref in alive] == [True] * 4
    finally:
        gc.enable()


def test_a_source_longer_than_announced_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    wb = sheet_writer.Workbook(str(path), OPTIONS)
    ws = wb.add_worksheet("T")
    ws.write_string(0, 0, "a")
    fmt = wb.add_format()
    tables = StreamedTables(RISKY_LEADS)
    tables.add(ws, iter([["x"], ["y"], ["z"]]), 2, 1, [ColumnFormats(fmt, fmt, fmt)])
    wb.close()
    with pytest.raises(RuntimeError, match="more rows than announced"):
        tables.write(path)


# --- tables through Book: streamed or cell by cell, the same cells ---------------------------------

def read_table(path: Path, sheet: str) -> list[tuple[object, ...]]:
    """Read back with calamine, which undoes every _xHHHH_ escape as Excel does (openpyxl leaves control ones)."""
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()
    return [tuple(r) for r in rows[1:]]


def written(path: Path, rows: list[list[object]], kinds: list[str], streamed: bool) -> list[tuple[object, ...]]:
    book = Book(path)
    book.table("T", ["a", "b", "c", "d"], iter(rows), kinds, size=len(rows) if streamed else 0)
    book.close()
    return read_table(path, "T")


@pytest.mark.parametrize(("chunk", "memo_limit"), [(2000, 50_000), (7, 3)])
@pytest.mark.parametrize("kinds", [["text", "text", "number", "int"], ["wrap", "date", "text", "percent"]])
def test_streamed_table_has_the_cells_of_the_cell_by_cell_writer(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int, memo_limit: int, kinds: list[str]) -> None:
    monkeypatch.setattr(sheet_writer, "CHUNK_ROWS", chunk)
    monkeypatch.setattr(sheet_writer, "MEMO_LIMIT", memo_limit)
    rows = tricky_rows(1500)
    streamed = written(tmp_path / "s.xlsx", rows, kinds, streamed=True)
    direct = written(tmp_path / "d.xlsx", rows, kinds, streamed=False)
    assert len(streamed) == len(rows)
    assert streamed == direct
    assert streamed[1][0] == "a & b <c>" and streamed[2][0] == "=1+2" and streamed[8][0] == "x_x0041_y"


@pytest.mark.parametrize("chunk", [2000, 7])
def test_a_streamed_tables_rows_are_as_tall_as_their_wrapped_text_as_written_cell_by_cell(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int) -> None:
    """A row's height follows the longest text of its wrapped columns (MAX_ROW_LINES at most), streamed or not: a
    unit's hand-out of 60 cadres has its gap report's reasons streamed, every line of them shown."""
    monkeypatch.setattr(sheet_writer, "CHUNK_ROWS", chunk)
    rows: list[list[object]] = [[f"C{i}", "原因" * (i % 40), None if i % 3 else "说明" * (i % 90), ["列", "表"], i * 1.5]
                                for i in range(100)]

    def heights(name: str, streamed: bool) -> tuple[list[object], list[object]]:
        book = Book(tmp_path / name)
        book.table("T", ["a", "b", "c", "d", "e"], rows if streamed else iter(rows),
                   ["text", "wrap", "wrap", "wrap", "number"], [10, 20, 15, 6, 8])
        book.close()
        ws = openpyxl.load_workbook(tmp_path / name)["T"]
        return ([ws.row_dimensions[r].height for r in range(1, len(rows) + 2)],
                [[c.value for c in row] for row in ws.iter_rows()])

    streamed, direct = heights("s.xlsx", True), heights("d.xlsx", False)
    assert streamed == direct
    sheet = zipfile.ZipFile(tmp_path / "s.xlsx").read("xl/worksheets/sheet1.xml").decode()
    assert re.search(r'<row r="41" ht="135" customHeight="1">', sheet)  # the streamed writer's row (no spans)
    tall = streamed[0]
    assert tall[1] is None and tall[2] is None  # a line or none: the default height
    assert tall[40] == xlsx.ROW_HEIGHT * 9  # 39 x 说明 in 15 units: 9 lines
    assert tall[88] == xlsx.ROW_HEIGHT * xlsx.MAX_ROW_LINES  # 87 x 说明: 19 lines, 12 shown
    assert {h for h in tall if h} <= {xlsx.ROW_HEIGHT * n for n in range(2, xlsx.MAX_ROW_LINES + 1)}


def test_a_wrapped_column_of_more_texts_than_its_memo_holds_is_streamed_whole(tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """The lines of each text are remembered up to a limit, then forgotten: between chunks of rows, never within one
    (a province's 问题 sheet of 56,013 different messages stopped the run, exit 4)."""
    monkeypatch.setattr(sheet_writer, "CHUNK_ROWS", 7)
    monkeypatch.setattr(xlsx, "_LINES_MEMO", 10)
    rows: list[list[object]] = [[f"C{i}", f"第 {i} 行的说明" * (1 + i % 9)] for i in range(60)]
    book = Book(tmp_path / "s.xlsx")
    book.table("T", ["a", "b"], rows, ["text", "wrap"], [10, 20])
    book.close()
    ws = openpyxl.load_workbook(tmp_path / "s.xlsx")["T"]
    assert [ws.cell(r + 2, 2).value for r in range(60)] == [row[1] for row in rows]
    assert ws.row_dimensions[10].height == xlsx.ROW_HEIGHT * xlsx.wrapped_lines(str(rows[8][1]), 20)


def test_streamed_table_keeps_formula_looking_text_as_quoted_text(tmp_path: Path) -> None:
    rows = [["=HYPERLINK(\"x\")", "+1"]] * 1200
    path = tmp_path / "t.xlsx"
    book = Book(path)
    book.table("T", ["a", "b"], iter(rows), size=len(rows))
    book.close()
    ws = openpyxl.load_workbook(path)["T"]
    cell = ws.cell(row=1200, column=1)
    assert cell.data_type == "s" and cell.value == "=HYPERLINK(\"x\")" and cell.quotePrefix


def test_equal_numbers_of_other_types_and_unhashable_cells_are_written_as_themselves(tmp_path: Path) -> None:
    wide = [[v] * 4 for v in (1234567, 1234567.0, "x")] * 400
    streamed = written(tmp_path / "s.xlsx", wide, ["text"] * 4, streamed=True)
    direct = written(tmp_path / "d.xlsx", wide, ["text"] * 4, streamed=False)
    assert streamed == direct


def test_streamed_texts_go_to_one_shared_string_table_with_true_counts(tmp_path: Path) -> None:
    path = tmp_path / "s.xlsx"
    rows = tricky_rows(1500)
    book = Book(path)
    book.table("T", ["a", "b", "c", "d"], iter(rows), ["text", "text", "number", "int"], size=len(rows))
    book.table("U", ["a", "plain"], iter([["plain", "=1+2"]] * 1200), size=1200)  # "plain" also a header
    book.close()
    with zipfile.ZipFile(path) as package:
        sst = package.read(sheet_writer.SHARED_STRINGS).decode()
        refs = sum(package.read(name).decode().count(' t="s"') for name in package.namelist()
                   if name.startswith("xl/worksheets/"))
    entries = re.findall(r"<si>.*?</si>", sst)
    assert f'count="{refs}"' in sst and f'uniqueCount="{len(entries)}"' in sst
    assert len(entries) == len(set(entries))  # a text is stored once, whoever wrote it first
    assert "inlineStr" not in sst
    values = openpyxl.load_workbook(path)["T"]
    assert [values.cell(row=r, column=1).value for r in (2, 3, 10)] == ["plain", "a & b <c>", "x_x0041_y"]
    assert values.cell(row=8, column=1).value == " lead"
    assert read_table(path, "U")[-1] == ("plain", "=1+2")


@pytest.mark.parametrize(("chunk", "memo_limit"), [(2000, 50_000), (5, 2)])
def test_columns_of_one_kind_render_like_the_cell_by_cell_writer(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int, memo_limit: int) -> None:
    monkeypatch.setattr(sheet_writer, "CHUNK_ROWS", chunk)
    monkeypatch.setattr(sheet_writer, "MEMO_LIMIT", memo_limit)
    floats = [-0.0, 0.0, 1.0, 2.5, 1e-7, 123456789.125, float("inf"), 2.5]
    ints = [0, 1, -1, 10**15, 7, 7]
    texts = ["单位甲", "单位甲", "=x", " a", "b ", "单位乙"]
    rows = [[floats[i % len(floats)], ints[i % len(ints)], texts[(i // 3) % len(texts)], float(i % 4)]
            for i in range(1100)]
    for kinds in (["number", "int", "text", "number"], ["text"] * 4):
        streamed = written(tmp_path / "s.xlsx", rows, kinds, streamed=True)
        direct = written(tmp_path / "d.xlsx", rows, kinds, streamed=False)
        assert streamed == direct
    assert streamed[0][0] == "-0" and streamed[1][0] == "0"  # -0.0 never takes 0.0's rendering as text


def test_streamed_texts_that_xml_cannot_hold_or_excel_cannot_fit_match_the_cell_writer(tmp_path: Path) -> None:
    long = "长" * 20_000 + "😀" * 10_000  # 40,000 UTF-16 units: cut to Excel's 32,767, never mid-character
    rows = [["a\uffff", "\ufffeb", long, "\x0bx"]] * 1100
    streamed = written(tmp_path / "s.xlsx", rows, ["text"] * 4, streamed=True)
    direct = written(tmp_path / "d.xlsx", rows, ["text"] * 4, streamed=False)
    assert streamed == direct
    assert len(streamed[0][2].encode("utf-16-le")) // 2 <= 32_767 and streamed[0][2].endswith("😀")
    with zipfile.ZipFile(tmp_path / "s.xlsx") as package:
        sst = package.read(sheet_writer.SHARED_STRINGS).decode()
    entries = re.findall(r"<si>.*?</si>", sst)
    assert len(entries) == len(set(entries))  # "\x0bx" found again, though its escape starts with no space


RICH_LOOKING = ["<r>x</r>", "<r><t>a</t></r>", "<r>&</r>", "<r>单位 </r>", "<r></r>",
                "<r>" + "长" * 30_000 + "&" * 3_000 + "</r>"]


@pytest.mark.parametrize("streamed", [False, True])
def test_texts_that_look_like_rich_text_xml_read_back_as_themselves(tmp_path: Path, streamed: bool) -> None:
    # xlsxwriter writes such a text into the shared strings as XML: empty, "a", or a broken file
    rows = [[text, text, "plain", "plain"] for text in RICH_LOOKING] * (DEFER_ROWS if streamed else 1)
    path = tmp_path / "r.xlsx"
    book = Book(path)
    book.table("T", ["a", "b", "c", "d"], iter(rows), ["text", "wrap", "text", "text"],
               size=len(rows) if streamed else 0)
    cover = book.add_sheet("封面")
    for r, text in enumerate(RICH_LOOKING):
        book.write_text(cover, r, 0, text)
    book.close()
    expected = [text if len(text) < 30_000 else None for text in RICH_LOOKING]  # the long one is cut
    got = read_table(path, "T")
    assert len(got) == len(rows)
    assert [row[0] for row in got[:5]] == [row[1] for row in got[:5]] == expected[:5]
    cells = [row[0] for row in CalamineWorkbook.from_path(str(path)).get_sheet_by_name("封面").to_python()]
    assert cells[:5] == expected[:5]
    long = cells[5]
    # cut, as Excel cuts a cell, where its escaped text would be past the limit
    assert RICH_LOOKING[5].startswith(long) and 20_000 < len(long) < len(RICH_LOOKING[5])
    assert openpyxl.load_workbook(path)["封面"]["A1"].value == "<r>x</r>"


@pytest.mark.parametrize("fill", ["&", "a", "长"])
def test_a_rich_looking_text_past_excels_limit_is_cut_to_a_whole_run(tmp_path: Path, fill: str) -> None:
    texts = ["<r>" + fill * 32_760 + "</r>xyz",  # ends in </r> only once cut to Excel's limit
             "<r>" + fill * 40_000 + "</r>"]
    path = tmp_path / "r.xlsx"
    book = Book(path)
    ws = book.add_sheet("T")
    for r, text in enumerate(texts):
        book.write_text(ws, r, 0, text)
    book.close()
    cells = [row[0] for row in CalamineWorkbook.from_path(str(path)).get_sheet_by_name("T").to_python()]
    assert openpyxl.load_workbook(path)["T"]["A1"].value == cells[0]
    for text, cell in zip(texts, cells, strict=True):
        assert text.startswith(cell) and len(cell.encode("utf-16-le")) // 2 <= 32_767
        assert len(cell) > (6_000 if fill == "&" else 30_000)  # an escaped & takes five units in the run


def layout(fmt: Any, **changes: Any) -> Printed:
    """A sign-in sheet's kinds of layout, and the cases around them."""
    printed = Printed(
        merges=[(1, 3, 0, 0, fmt), (2, 0, 3, 0, fmt)],  # the first given upside down
        cells=[(0, 0, "标题 & <签到>", fmt), (2, 0, "=1+2", fmt), (1, 4, "x" * 40_000, fmt), (2, 2, " 科长 ", fmt)],
        heights=[(0, 30), (1, 15), (2, 20), (5, 12), (20, 40)],  # 15 points is the default; a row with no cell
        widths=[6, 6, 8.43, 0.5, 0, 12, 12],  # equal neighbours; the default width; below one; hidden by 0
        hidden=(8, 20), validation=(22, 1, 22, 1, "签到 & \"note\"", "√ <到>\n缺 _x0041_"),
        landscape=False, repeat=(0, 3), margins=(0.4, 0.4, 0.5, 0.9),
        footer="&C&9标记 & <说明>\n第 &P 页 _x0041_ \x07", footer_margin=0.3, freeze=(4, 3))
    return printed._replace(**changes)


def printed_parts(path: Path, printed: bool, changes: dict[str, Any], rows: bool = True,
                  height: float | list[float] = 26) -> dict[str, bytes]:
    """The parts of a workbook of one sheet laid out (and rows of text below it, height: every row's or each one's)
    through a PrintSheet or xlsxwriter's own calls on a plain sheet, a second sheet after it."""
    book = Book(path)
    ws = book.add_sheet("签到", printed=printed)
    book.lay_out(ws, layout(book.fmt["bold"], **changes))
    if rows:
        book.text_rows(ws, [[1, 2], ["张三", "=李四"], ["", ""], ["单位", None]], 23, book.fmt["text"], height)
    book.add_sheet("next", printed=printed)
    book.lay_out(book.wb.get_worksheet_by_name("next"), layout(book.fmt["text"], hidden=None, validation=None,
                                                              landscape=True))
    book.close()
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist() if not name.startswith("docProps")}


EMPTY = {"merges": [], "cells": [], "heights": []}  # a layout of nothing: no <sheetData> to stream rows into


@pytest.mark.parametrize(("changes", "rows"), [
    ({}, True), ({}, False), ({"footer": "", "merges": [], "heights": []}, True), (EMPTY, False),
    ({"validation": (9, 2, 5, 1, "t", "m"), "widths": [], "hidden": None}, True),
    ({"validation": (9, 2, 5, 1, "t", "m"), "widths": [], "hidden": None}, False),
    ({"hidden": (9, 0)}, False), ({"hidden": (9, 0.5)}, False)])  # a hidden column of no width: not in the dimension
def test_a_printed_sheet_writes_what_xlsxwriters_worksheet_writes(tmp_path: Path, changes: dict[str, Any],
                                                                  rows: bool) -> None:
    plain = printed_parts(tmp_path / "plain.xlsx", False, changes, rows)
    fast = printed_parts(tmp_path / "fast.xlsx", True, changes, rows)
    assert fast.keys() == plain.keys()
    for name, xml in plain.items():
        assert fast[name] == xml, name
    assert b'tabSelected="1"' in fast["xl/worksheets/sheet1.xml"]  # the first sheet, as Excel opens it


def test_printed_rows_are_each_as_tall_as_given(tmp_path: Path) -> None:
    """A sign-in sheet's seats each of its own height (a row of a two-line note taller than the rest), written alike
    by both writers; as many heights as rows, or none is written."""
    heights = [26, 36.7273]
    plain = printed_parts(tmp_path / "plain.xlsx", False, {}, height=heights)
    fast = printed_parts(tmp_path / "fast.xlsx", True, {}, height=heights)
    assert fast == plain
    ws = openpyxl.load_workbook(tmp_path / "fast.xlsx")["签到"]
    assert [ws.row_dimensions[r].height for r in (24, 25)] == heights
    for printed in (True, False):
        with pytest.raises(ValueError, match="3 row heights for 2 rows"):
            printed_parts(tmp_path / f"{printed}.xlsx", printed, {}, height=[26, 26, 26])


def test_a_printed_sheet_refuses_what_it_would_write_otherwise(tmp_path: Path) -> None:
    book = Book(tmp_path / "refused.xlsx")  # never closed
    fmt = book.fmt["bold"]
    cases = {"overlap": layout(fmt, merges=[(0, 0, 0, 3, fmt), (0, 2, 1, 2, fmt)]),
             "one cell": layout(fmt, merges=[(2, 2, 2, 2, fmt)]),
             "format": layout(fmt, cells=[(1, 0, "x", None)]),
             "limits": layout(fmt, footer="页" * 256),
             "pictures": layout(fmt, footer="&L&G"),
             "frozen": layout(fmt, freeze=(4, 0)),
             "pixel": layout(fmt, heights=[(3, 0.2)]),  # xlsxwriter would hide the row
             "past the sheet": layout(fmt, cells=[(1_048_576, 0, "x", fmt)]),
             "past the sheet's": layout(fmt, validation=(22, 1, 22, 16_384, "t", "m"))}
    for words, printed in cases.items():
        strings = book.wb.str_table.unique_count
        with pytest.raises(ValueError, match=words):
            book.lay_out(book.add_sheet(f"P{len(book.names)}", printed=True), printed)
        assert book.wb.str_table.unique_count == strings  # a refused layout adds no text to the workbook
    book = Book(tmp_path / "p.xlsx")
    fmt = book.fmt["bold"]
    ws = book.add_sheet("laid", printed=True)
    book.lay_out(ws, layout(fmt))
    with pytest.raises(RuntimeError, match="once"):
        book.lay_out(ws, layout(fmt))
    ws.write_number(30, 0, 5)  # a call it does not take: refused as the workbook is written
    with pytest.raises(RuntimeError, match="does not take"):
        book.close()


def test_columns_of_zeros_are_remembered_and_signed_zeros_kept_apart(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []
    real = sheet_writer._cell_tail

    def counting(value: object, *args: object) -> str:
        calls.append(value)
        return real(value, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(sheet_writer, "_cell_tail", counting)
    rows = [[i % 2, -0.0 if i % 3 else 0.0] for i in range(3000)]
    streamed = written(tmp_path / "s.xlsx", rows, ["int", "number"], streamed=True)
    assert sum(1 for v in calls if type(v) is int) == 2  # 0 and 1, once each
    monkeypatch.setattr(sheet_writer, "_cell_tail", real)
    assert streamed == written(tmp_path / "d.xlsx", rows, ["int", "number"], streamed=False)
    assert [math.copysign(1, row[1]) for row in streamed[:3]] == [1, -1, -1]  # -0.0 never takes 0.0's cell


def test_columns_are_taken_across_chunks_and_peeked_without_loss() -> None:
    rows = [[i, f"r{i}"] for i in range(10)]
    cols = as_columns(rows, [4, 1, 5])
    assert cols.peek(2) == [(0, "r0"), (1, "r1")]
    assert cols.take(3) == [[0, 1, 2], ["r0", "r1", "r2"]]  # part of the first chunk
    assert cols.take(3) == [[3], ["r3"]]  # the rest of it: never more than one chunk at a time
    assert cols.peek(9) == [tuple(r) for r in rows[4:]]  # across chunks, taking nothing
    assert cols.take(2) == [[4], ["r4"]]
    assert cols.take(2) == [[5, 6], ["r5", "r6"]]
    assert list(cols) == [tuple(r) for r in rows[7:]]  # then row by row, from where it stands
    with pytest.raises(RuntimeError):  # rows once read, columns are refused
        cols.take(1)


def column_widths(path: Path) -> dict[str, list[bytes]]:
    with zipfile.ZipFile(path) as book:
        return {name: re.findall(rb"<col [^>]*>", book.read(name)) for name in book.namelist()
                if name.startswith("xl/worksheets/")}


def test_a_long_chunk_is_taken_piece_by_piece() -> None:
    n = 100_000
    cols = sheet_writer.Columns(iter([[list(range(n)), [str(i) for i in range(n)]]]))
    taken: list[object] = []
    while part := cols.take(2000):
        assert len(part[0]) <= 2000 and len(part[1]) == len(part[0])
        taken += part[0]
    assert taken == list(range(n))


def test_a_chunk_without_columns_is_refused() -> None:
    with pytest.raises(RuntimeError, match="without columns"):
        sheet_writer.Columns(iter([[]])).take(5)


@pytest.mark.parametrize("sizes", [[2000], [7, 1, 300], [1000]])
def test_a_table_given_by_columns_is_written_as_the_same_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              sizes: list[int]) -> None:
    monkeypatch.setattr(sheet_writer, "CHUNK_ROWS", 50)
    rows = tricky_rows(1500)
    kinds = ["text", "text", "number", "int"]
    by_rows = written(tmp_path / "r.xlsx", rows, kinds, streamed=True)
    book = Book(tmp_path / "c.xlsx", row_limit=1000)  # two sheets: the columns continue on the second
    sheets = book.table("T", ["a", "b", "c", "d"], as_columns(rows, sizes), kinds, size=len(rows))
    book.close()
    assert [count for _, count in sheets] == [999, 501]
    assert read_table(tmp_path / "c.xlsx", "T") + read_table(tmp_path / "c.xlsx", "T (2)") == by_rows
    split = Book(tmp_path / "r2.xlsx", row_limit=1000)  # the same split from rows: the same layout too
    split.table("T", ["a", "b", "c", "d"], iter(rows), kinds, size=len(rows))
    split.close()
    assert column_widths(tmp_path / "c.xlsx") == column_widths(tmp_path / "r2.xlsx")
    short = Book(tmp_path / "s.xlsx")  # too short to stream: written cell by cell from its rows
    short.table("T", ["a", "b", "c", "d"], as_columns(rows[:10], sizes), kinds, size=10)
    short.close()
    assert read_table(tmp_path / "s.xlsx", "T") == by_rows[:10]


# --- dates and the pinned xlsxwriter version -----------------------------------------------------

EARLY_DATES = [dt.date(1900, 1, 1), dt.date(1900, 1, 15), dt.date(1900, 2, 28), dt.date(1900, 3, 1),
               dt.date(2026, 11, 1)]


@pytest.mark.parametrize("streamed", [True, False])
def test_dates_before_excels_fictitious_leap_day_read_back_exactly(tmp_path: Path, streamed: bool) -> None:
    rows = [[d] for d in EARLY_DATES] * max(1, -(-DEFER_ROWS // len(EARLY_DATES)))
    path = tmp_path / "d.xlsx"
    book = Book(path)
    book.table("T", ["date"], rows if streamed else iter(rows), ["date"])  # an iterator without a size: cell by cell
    book.close()
    ws = openpyxl.load_workbook(path)["T"]
    cells = [ws.cell(row=r, column=1) for r in range(2, len(EARLY_DATES) + 2)]
    assert [cell.value for cell in cells] == [dt.datetime.combine(d, dt.time()) for d in EARLY_DATES]
    assert {cell.number_format for cell in cells} == {"yyyy-mm-dd"}
    assert ws.max_row == len(rows) + 1


def test_dates_down_a_column_are_rendered_once_each_and_datetimes_every_time(tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A date repeated down a column (a deadline) is rendered once; a datetime each time it comes (two of other
    time zones may be equal and yet written apart). Chunks of dates alone, and of dates among blanks and texts."""
    calls: list[object] = []
    real = sheet_writer._cell_tail

    def counting(value: object, *args: object) -> str:
        calls.append(value)
        return real(value, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(sheet_writer, "CHUNK_ROWS", 500)
    monkeypatch.setattr(sheet_writer, "_cell_tail", counting)
    days = [dt.date(2027, 3, 31), dt.date(2026, 12, 31), dt.date(1900, 2, 28)]
    moments = [dt.datetime(2027, 1, 1), dt.datetime(2027, 1, 2)]  # at midnight: the day Book.table writes
    rows = [[days[i % 3], None if i >= 1000 and i % 2 else days[i % 2], "x" if i >= 1500 and i % 5 == 0 else None,
             moments[i % 2]] for i in range(2000)]
    kinds = ["date", "date", "text", "date"]
    streamed = written(tmp_path / "s.xlsx", rows, kinds, streamed=True)
    assert sum(1 for v in calls if type(v) is dt.date) == 3 + 2  # each date once in its column
    assert sum(1 for v in calls if type(v) is dt.datetime) == 2000
    monkeypatch.setattr(sheet_writer, "_cell_tail", real)
    assert streamed == written(tmp_path / "d.xlsx", rows, kinds, streamed=False)
    assert [row[:2] for row in streamed[999:1002]] == [(days[0], days[1]), (days[1], days[0]), (days[2], "")]


COMPARISONS: dict[str, Callable[[tuple[int, ...], tuple[int, ...]], bool]] = {
    ">=": lambda a, b: a >= b, ">": lambda a, b: a > b, "<=": lambda a, b: a <= b, "<": lambda a, b: a < b,
    "==": lambda a, b: a == b, "!=": lambda a, b: a != b,
}


def version_tuple(text: str) -> tuple[int, ...]:
    """The leading release numbers of a version: "3.3.1" -> (3, 3, 1), "3.4.0rc1" -> (3, 4, 0)."""
    release = re.match(r"\d+(?:\.\d+)*", text)
    if release is None:
        raise ValueError(f"not a version: {text!r}")
    return tuple(int(part) for part in release.group().split("."))


def pinned_range(package: str) -> tuple[str, list[tuple[str, tuple[int, ...]]]]:
    """The requirement on package in pyproject.toml's dependencies, and its (operator, version) bounds."""
    dependencies = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["dependencies"]
    spec = next(d for d in dependencies if re.match(rf"{package}\b", d, re.IGNORECASE))
    bounds = re.findall(r"(>=|<=|==|!=|>|<)\s*([\w.]+)", spec[len(package):])
    if not bounds:
        raise ValueError(f"{spec!r}: no version bounds")
    return spec, [(op, version_tuple(version)) for op, version in bounds]


def test_version_bounds_are_read_as_pip_reads_them() -> None:
    assert version_tuple("3.3.1") == (3, 3, 1) and version_tuple("3.4.0rc1") == (3, 4, 0)
    inside = [(3, 3, 1), (3, 3, 9)]
    outside = [(3, 3, 0), (3, 2, 9), (3, 4), (3, 4, 0), (4, 0)]
    bounds = [(">=", (3, 3, 1)), ("<", (3, 4))]
    assert [all(COMPARISONS[op](v, b) for op, b in bounds) for v in inside + outside] == [True] * 2 + [False] * 5


def test_installed_xlsxwriter_is_the_version_the_sheet_writer_is_pinned_to() -> None:
    spec, bounds = pinned_range("xlsxwriter")
    assert [op for op, _ in bounds] == [">=", "<"], f"{spec}: expected a lower and an upper bound"
    installed = importlib.metadata.version("xlsxwriter")
    failed = [f"{op}{'.'.join(map(str, v))}" for op, v in bounds if not COMPARISONS[op](version_tuple(installed), v)]
    assert not failed, (
        f"xlsxwriter {installed} is installed, outside {spec!r} in pyproject.toml (fails {', '.join(failed)}). "
        "reports/sheet_writer.py writes into xlsxwriter's own files and relies on its internals: run "
        "tests/reports/test_sheet_writer.py's contract test on this version, fix the writer where it differs, "
        "then move the pin.")


def test_a_datetime_in_a_date_column_is_its_day_whichever_writer_takes_the_table(tmp_path: Path) -> None:
    """Book writes a "date" cell as the day; a long table streamed into its sheet does the same (StreamedTables
    itself keeps a datetime's time, as write_datetime does: ColumnFormats.days)."""
    moments = [dt.datetime(2027, 1, 1, 18, 30), dt.datetime(2027, 1, 2, 0, 0, 1), dt.date(2027, 1, 3)]
    rows = [[moments[i % 3], f"r{i}", None, None] for i in range(DEFER_ROWS + 200)]
    kinds = ["date", "text", "text", "text"]
    streamed = written(tmp_path / "s.xlsx", rows, kinds, streamed=True)
    assert streamed == written(tmp_path / "d.xlsx", rows, kinds, streamed=False)
    assert [row[0] for row in streamed[:3]] == [dt.date(2027, 1, 1), dt.date(2027, 1, 2), dt.date(2027, 1, 3)]


def test_parts_deflated_by_isal_read_as_those_zlib_deflates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from isal import isal_zlib  # a dependency: never skipped

    made: list[int] = []

    class Counted:
        """isal_zlib, counting the compressors made."""

        DEFLATED = isal_zlib.DEFLATED

        @staticmethod
        def compressobj(*args: Any) -> Any:
            made.append(1)
            return isal_zlib.compressobj(*args)

    def parts(path: Path) -> tuple[dict[str, bytes], dict[str, int]]:
        book = Book(path)
        rows = [[f"张{i % 97}", i, dt.date(2026, 1, 1 + i % 28)] for i in range(DEFER_ROWS + 500)]
        book.table("T", ["姓名", "n", "日期"], rows, ["text", "int", "date"])  # streamed in: a second zip written
        book.table("S", ["a"], [["x"], ["y"]], ["text"])
        book.close()
        with zipfile.ZipFile(path) as package:
            assert package.testzip() is None
            return ({i.filename: package.read(i) for i in package.infolist()},
                    {i.filename: i.compress_size for i in package.infolist()})

    assert sheet_writer._DEFLATE is isal_zlib
    monkeypatch.setattr(sheet_writer, "_DEFLATE", Counted)
    fast, fast_sizes = parts(tmp_path / "isal.xlsx")
    assert len(made) == 2 * len(fast)  # every part, as xlsxwriter packed it and as the rows were streamed in
    monkeypatch.setattr(sheet_writer, "_DEFLATE", None)
    plain, plain_sizes = parts(tmp_path / "zlib.xlsx")
    assert fast == plain  # the same parts, read back
    sheet = "xl/worksheets/sheet1.xml"
    assert fast_sizes[sheet] != plain_sizes[sheet]  # deflated by another deflate
    last = DEFER_ROWS + 500  # the last row, below the header
    assert openpyxl.load_workbook(tmp_path / "isal.xlsx")["T"][f"A{last + 1}"].value == f"张{(last - 1) % 97}"
