"""Long tables streamed straight into the workbook's sheet XML, a few times faster than cell calls.

The workbook is written by xlsxwriter with each long table's header only (styles, column widths,
frozen panes, autofilter, print setup all set there); after it is closed, the rows are streamed
into those sheets' <sheetData> while the package is copied. Every text is an inline string cell
with the same styles the Book uses, so formula-looking text stays text (quote-prefixed).
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xlsxwriter.utility import xl_col_to_name

_CONTROL_ESCAPE = re.compile("(_x[0-9a-fA-F]{4}_)")
_CONTROL = re.compile(r"([\x00-\x08\x0b-\x1f])")
# text needing more than the plain <t>text</t>: escapes, or spaces kept at either end
_SPECIAL = re.compile(r"[&<>\x00-\x08\x0b-\x1f]|_x|^\s|\s$")
_DIMENSION = re.compile(rb'<dimension ref="[^"]*"/>')
CHUNK_ROWS = 2000
COMPRESS_LEVEL = 1


@dataclass(frozen=True)
class Column:
    """How one column's cells are written: style indexes and whether numbers stay numbers."""

    text_style: int
    quoted_style: int
    number_style: int
    numeric: bool
    blank: bool = False  # an empty cell is still written, with its style (borders of a sign-in sheet)
    date: bool = False  # dates stay dates (with number_style); anything else in the column is text


@dataclass
class Deferred:
    """A sheet whose data rows are written after the workbook is closed."""

    part: str  # e.g. xl/worksheets/sheet3.xml
    rows: Iterator[Sequence[object]]
    count: int  # rows this sheet takes from the iterator
    first_data_row: int  # 1-based Excel row of the first data row
    columns: list[Column]
    row_attrs: str = ""  # e.g. ' ht="24" customHeight="1"'


EXCEL_EPOCH = dt.datetime(1899, 12, 30)


def excel_serial(value: dt.date) -> float:
    """Excel's 1900 date system: days since 1899-12-30, time as the fraction of a day."""
    moment = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())
    delta = moment.replace(tzinfo=None) - EXCEL_EPOCH
    return delta.days + delta.seconds / 86400


def _text(value: str) -> str:
    if "&" in value or "<" in value or ">" in value:
        value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if "_x" in value:
        value = _CONTROL_ESCAPE.sub(r"_x005F\1", value)
    if _CONTROL.search(value):
        value = _CONTROL.sub(lambda m: f"_x{ord(m.group(1)):04X}_", value)
    return value


def _cell_tail(value: object, col: Column, risky: frozenset[str]) -> str:
    """Everything of a cell's XML after '<c r="A1"'."""
    if type(value) is str:
        style = col.quoted_style if value[:1] in risky else col.text_style
        space = ' xml:space="preserve"' if value[0].isspace() or value[-1].isspace() else ""
        return f' s="{style}" t="inlineStr"><is><t{space}>{_text(value)}</t></is></c>'
    if col.numeric and isinstance(value, int | float) and not isinstance(value, bool):
        return f' s="{col.number_style}"><v>{value:.16G}</v></c>'
    if col.date and isinstance(value, dt.date):
        return f' s="{col.number_style}"><v>{excel_serial(value):.16G}</v></c>'
    text = f"{value:g}" if isinstance(value, float) else value.isoformat() if isinstance(value, dt.date) else str(value)
    return _cell_tail(text, col, risky) if text else ""


MEMO_LIMIT = 50_000  # rendered cells remembered per column: units, levels, topics, reasons repeat
ROW_MARK = "\x00"  # stands for the row number in a rendered cell; never in cell text (escaped as _x0000_)


Memos = dict[tuple[int, Column], dict[object, str]]


def render(table: Deferred, risky: frozenset[str], shared: Memos | None = None) -> Iterator[tuple[str, int]]:
    """(XML of a chunk of rows, rows in it); the iterator is consumed for exactly table.count rows.

    Cells are rendered a column at a time through a memo of whole cell elements, with ROW_MARK where
    the row number goes; a row is then one join and one replace. Values are keyed by equality, so a
    column must not mix booleans with the numbers 0 and 1 (reports write words, never booleans).
    """
    width = len(table.columns)
    prefixes = [f'<c r="{xl_col_to_name(c)}{ROW_MARK}"' for c in range(width)]
    memos = [shared.setdefault((c, col), {}) for c, col in enumerate(table.columns)]
    for memo, prefix, col in zip(memos, prefixes, table.columns, strict=True):
        _seed(memo, prefix, col)
    row_open = f'<row r="{ROW_MARK}"{table.row_attrs}>'
    r = table.first_data_row
    remaining = table.count
    while remaining > 0:
        chunk = list(itertools.islice(table.rows, min(CHUNK_ROWS, remaining)))
        if not chunk:
            break
        if any(len(values) != width for values in chunk):
            chunk = [(tuple(values) + (None,) * width)[:width] for values in chunk]
        cells_by_column = []
        for c, values in enumerate(zip(*chunk, strict=True)):
            memo = memos[c]
            cells = lookup(memo, values)
            if None in cells:
                for i, cell in enumerate(cells):
                    if cell is None:  # a value repeated within the chunk is found on its second look
                        value = values[i]
                        hit = memo.get(value) if type(value) is str else None
                        cells[i] = hit if hit is not None else _miss(value, prefixes[c], table.columns[c], memo, risky)
            cells_by_column.append(cells)
        parts = [(row_open + "".join(row) + "</row>").replace(ROW_MARK, str(n))
                 for n, row in zip(range(r, r + len(chunk)), zip(*cells_by_column, strict=True), strict=True)]
        r += len(chunk)
        remaining -= len(chunk)
        yield "".join(parts), len(chunk)


def _seed(memo: dict[object, str], prefix: str, col: Column) -> None:
    blank = f'{prefix} s="{col.text_style}"/>' if col.blank else ""
    memo[None] = memo[""] = blank


def _miss(value: object, prefix: str, col: Column, memo: dict[object, str], risky: frozenset[str]) -> str:
    if type(value) is str and value[:1] not in risky and _SPECIAL.search(value) is None:
        cell = f'{prefix} s="{col.text_style}" t="inlineStr"><is><t>{value}</t></is></c>'
    else:
        tail = _cell_tail(value, col, risky)
        cell = prefix + tail if tail else ""
    remember(memo, value, cell, MEMO_LIMIT, _seed, prefix, col)
    return cell


def remember(memo: dict[object, Any], value: object, result: Any, limit: int,
             reseed: Callable[..., None], *args: Any) -> None:
    """memo[value] = result for text only: equal values of other types (1, 1.0, True) render apart."""
    if type(value) is not str:
        return
    if len(memo) >= limit:  # rows come grouped (a cadre's needs together): forget, keep going
        memo.clear()
        reseed(memo, *args)
    memo[value] = result


def lookup(memo: dict[object, Any], values: Sequence[object]) -> list[Any]:
    """memo.get of every value; None where absent (numbers, dates and unhashable values always are)."""
    try:
        return list(map(memo.get, values))
    except TypeError:  # an unhashable value in the column
        return [memo.get(v) if type(v) is str or v is None else None for v in values]


def inject(path: Path, tables: list[Deferred], risky: frozenset[str]) -> None:
    """Copy the package at path, streaming each deferred table into its sheet; replaces path."""
    by_part = {t.part: t for t in tables}
    shared: Memos = {}
    out_path = path.with_name(path.name + ".rows")
    try:
        with zipfile.ZipFile(path) as src, zipfile.ZipFile(out_path, "w", zipfile.ZIP_DEFLATED,
                                                           compresslevel=6) as dst:
            for info in src.infolist():
                data = src.read(info.filename)
                table = by_part.get(info.filename)
                if table is None:
                    dst.writestr(info, data)
                else:
                    _write_sheet(dst, info, data, table, risky, shared)
        os.replace(out_path, path)
    finally:
        if out_path.exists():
            out_path.unlink()


def _write_sheet(dst: zipfile.ZipFile, info: zipfile.ZipInfo, stub: bytes, table: Deferred,
                 risky: frozenset[str], shared: Memos) -> None:
    end = stub.rindex(b"</sheetData>")
    head, tail = stub[:end], stub[end:]
    total = 0
    target = zipfile.ZipInfo(info.filename, date_time=info.date_time)
    target.compress_type = zipfile.ZIP_DEFLATED
    # the long sheets are most of the bytes: fast compression (zipfile names the level differently by version)
    level_attr = "compress_level" if hasattr(target, "compress_level") else "_compresslevel"
    setattr(target, level_attr, COMPRESS_LEVEL)
    with dst.open(target, "w", force_zip64=True) as handle:
        last_row = table.first_data_row - 1
        width = xl_col_to_name(len(table.columns) - 1)
        # the dimension is only known after the rows; it is rewritten from the expected count
        expected_last = last_row + table.count
        head = _DIMENSION.sub(f'<dimension ref="A1:{width}{max(expected_last, 1)}"/>'.encode(), head, count=1)
        handle.write(head)
        for chunk, rows in render(table, risky, shared):
            handle.write(chunk.encode("utf-8"))
            total += rows
        handle.write(tail)
    if total != table.count:
        raise RuntimeError(f"{info.filename}: expected {table.count} rows, got {total}")
