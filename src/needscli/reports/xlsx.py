"""One workbook writer for every report: safe text cells, styled tables, row-limit splitting."""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence, Sized
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xlsxwriter.worksheet import Worksheet

from needscli.io.sheet_names import SheetNames, sheet_name
from needscli.reports import sheet_writer
from needscli.reports.files import FORMULA_LEADS
from needscli.reports.sheet_writer import ColumnFormats, Columns, is_number, is_whole, verbatim

if TYPE_CHECKING:
    from needscli.core.catalog import Catalog

EXCEL_ROWS = 1_048_576
WIDTH_SAMPLE = 2000
ROW_HEIGHT = 15  # points: one line of text at the default font
MAX_ROW_LINES = 12  # a wrapped row grows to this many lines at most (the cell holds the rest)
# tables of this many rows or more, their count known (a list, or size=), are streamed into the sheet XML after the
# workbook is closed: a unit's hand-out of 60 cadres, its gap report's 12 tables written cell by cell through
# xlsxwriter, took 116 ms, streamed 40 ms (a province's 2,391 units). Rows given by an iterator without a size are
# written cell by cell: a caller's own cells below or beside them then stay in order
DEFER_ROWS = 1
# text starting with these could be read back as a formula or an error value: quote-prefix it
RISKY_LEADS = frozenset(FORMULA_LEADS) | {"#"}
FIXED_CREATED = dt.datetime(2000, 1, 1)


def display_width(text: str) -> int:
    """Columns a text takes in Excel: wide (CJK) characters count twice. Short texts (units, posts, labels) repeat
    and are remembered; longer ones (a class's quotas, a need's reasons) seldom do and are counted each time."""
    return _remembered_width(text) if len(text) <= REMEMBERED_UP_TO else unique_width(text)


def id_width(ids: Iterable[str], least: int = 12, most: int = 40) -> int:
    """A column of cadre ids as wide as its widest id needs (least at least, most at most): an 18-character
    身份证号 printed whole, not run into the name beside it."""
    widest = max(map(unique_width, ids), default=0)
    return max(least, min(widest + 2, most))


def unit_width(units: Iterable[str], least: int = 10) -> int:
    """A column of unit names as wide as its longest name (least at least), UNIT_MOST at most: a longer name wraps
    in it (a "wrap" column). A fixed width cut 中共ＸＸ市委全面深化改革委员会办公室（市委改革办、市经济体制改革研究会秘书处）
    off against the column beside it."""
    widest = max(map(display_width, dict.fromkeys(units)), default=0)
    return max(least, min(widest + 2, UNIT_MOST))


def topic_width(catalog: Catalog, lang: str, least: int = 12) -> int:
    """A column of topics as wide as the catalog's widest name in lang (least at least), TOPIC_MOST at most: a
    longer name wraps in it (a "wrap" column). A fixed 26 cut 习近平新时代中国特色社会主义思想 (32) and
    学习贯彻党的二十届四中全会精神 (30) off against the column beside it."""
    widest = max((display_width(topic.name(lang)) for topic in catalog.by_id.values()), default=0)
    return max(least, min(widest + 2, TOPIC_MOST))


def empty_note(rows: Sized, words: str) -> list[tuple[str, str]]:
    """The preamble of a table of no rows: a line saying why it has none (words), so a sheet of a header alone does
    not read as something lost (Book.table's preamble, the header two rows below it); none above a table of rows."""
    return [] if len(rows) else [(words, "text")]


# a unit's name of 39 characters on one line: narrower, a name of 30 to 39 drawn a little wider than wrapped_lines
# counts it would lose its last characters to a row of one line
UNIT_MOST = 80
# the catalog's longest Chinese name (32) on one line; an English name of 74 on two
TOPIC_MOST = 40
COLUMN_MOST = 60  # the widest a table's column sized from its rows grows (Book.table)


def unique_width(text: str) -> int:
    """display_width of a text that seldom repeats (a name, an id), not kept in its cache, where it would only push
    out the texts that do repeat. Text of ASCII and of the wide blocks Chinese is written in (WIDE_BLOCKS) is counted
    from its UTF-8 length, one byte for a narrow character and three for a wide one; any other character by its
    east-asian width."""
    if text.isascii():
        return len(text)
    if plain_text(text):
        return (len(text.encode()) + len(text)) // 2
    return len(text) + sum(map(_WIDE.__contains__, map(unicodedata.east_asian_width, text)))


REMEMBERED_UP_TO = 24  # characters: a text this short is remembered by display_width
_remembered_width = functools.lru_cache(maxsize=100_000)(unique_width)
_WIDE = frozenset("WF")  # east-asian widths that take two columns
# blocks whose every character is wide (F or W) and three bytes in UTF-8: CJK symbols and punctuation (、。《》「」 and
# the ideographic space), CJK ideographs (extension A, unified, compatibility), full-width forms (（）：，) and signs
WIDE_BLOCKS = "\u3000-\u303e\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60\uffe0-\uffe6"
_NOT_PLAIN = re.compile(f"[^\x00-\x7f{WIDE_BLOCKS}]")


def plain_text(text: str) -> bool:
    """Whether text is of ASCII and the wide blocks alone: its display_width is then (UTF-8 bytes + length) // 2."""
    return text.isascii() or _NOT_PLAIN.search(text) is None


@functools.lru_cache(maxsize=10_000)
def wrapped_lines(text: str, width: int) -> int:
    """Lines a text takes wrapped in a column of width units, as spreadsheets draw it: a letter about
    0.9 of a unit (the digit 0's width), a CJK character about 1.5 (display_width counts 2, to be
    sure a column is wide enough; here a row must not be too tall either)."""
    wide = display_width(text) - len(text)
    return max(1, math.ceil(((len(text) - wide) * 0.9 + wide * 1.5) / max(width - 1, 1)))


LINE_HEIGHT = ROW_HEIGHT  # points: a line of letters at the default font
# points: a line holding Chinese at the default size, drawn in a CJK font whose lines are taller than the default
# font's (LibreOffice's Noto Sans CJK: 17.4 at 11 points; Excel's 等线 and 宋体 less)
CJK_LINE_HEIGHT = 18
CELL_MARGIN = 4  # points above and below a cell's lines


@functools.lru_cache(maxsize=1 << 16)  # a province's sign-in sheets repeat the same units, posts and levels
def row_height(text: str, width: int, points: float = 11) -> float:
    """The points a cell of text (a font of points) needs wrapped in a column of width units: its lines
    (text_lines, at most MAX_LINES) at the line height of its script, and the cell's margins.

    A letter of a smaller font is narrower (points/11 of the default's), so the room inside the cell's margin holds
    more of them: a sign-in sheet's 一级主任科员 at 10 points fills a 12-unit 职级 on one line, where text_lines at the
    default font counted two and the seat printed a line taller than its text. The margin is kept as text_lines keeps
    it: a line more, not one cut off, where a text all but fills a wide column (16 characters at 10 points in a
    30-unit column: 213 pixels in the 215 Excel draws it)."""
    return lines_height(text, text_lines(text, 1 + int((width - 1) * 11 / points)), points)


def lines_height(text: str, lines: int, points: float = 11) -> float:
    """row_height of a text that takes so many lines (text_lines, counted by the caller)."""
    line = CJK_LINE_HEIGHT if any(map(_is_wide, text)) else LINE_HEIGHT
    return line * points / 11 * min(lines, MAX_LINES) + CELL_MARGIN


def text_lines(text: str, width: int) -> int:
    """The lines text takes wrapped in a column of width units, broken where spreadsheets break it: between
    Chinese characters and at spaces, never inside a number or a word, nor before 、，；。） or after （; a
    Chinese character counted two units (display_width), as wide as Excel draws it at the default font.

    A text no wider than the column is one line, whatever its pieces. Otherwise each piece's width is its UTF-8
    length's where the text is of ASCII and the wide blocks alone (unique_width): a class's quotas of 5,500
    classes were counted in 1.1 s by display_width, piece by piece."""
    room = max(width - 1, 1)
    if "\n" not in text and display_width(text) <= room:
        return 1
    plain = plain_text(text)
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        used = 0
        for piece in _BREAKS.findall(paragraph):
            bare = piece.rstrip()
            if plain:
                full = (len(piece.encode()) + len(piece)) >> 1
                size = full if bare is piece or len(bare) == len(piece) else (len(bare.encode()) + len(bare)) >> 1
            else:
                size, full = display_width(bare), display_width(piece)
            if used and used + size > room:
                lines, used = lines + 1, 0
            if size > room:
                lines += (size - 1) // room  # a piece wider than the column: the spreadsheet breaks it anyway
                used = size % room
            else:
                used += full
    return max(lines, 1)


# the pieces a line breaks between: a Chinese character (an opening bracket with the character after it) with the
# closing punctuation after it, or a run of other characters, each with the spaces after it
_BREAKS = re.compile(r"[（《「『【〔(]*(?:[\u2e80-\u9fff\uf900-\ufaff\uff01-\uff60]|[^\s\u2e80-\u9fff\uf900-\ufaff\uff01-\uff60]+)"
                     r"[、，；。：！？）》」』】〕,;:.!?)]*\s*|\s+")


def _is_wide(ch: str) -> bool:
    return "\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\uff01" <= ch <= "\uff60"


MAX_LINES = MAX_ROW_LINES


A4, A3 = 9, 8  # xlsxwriter's paper sizes
# the column widths a landscape page holds shrunk to the smallest print still read on paper: A4 holds 145 at 100%
# between its margins (277 mm, about 7.5 pixels a unit), 240 at 60% (11 points at 6.6); A3 1.41 times as many
PAGE_MOST_UNITS = {A4: 240, A3: 340}


def print_setup(ws: Worksheet, landscape: bool = True, header_row: int | None = None,
                widths: Sequence[float] = (), paper: int = A4) -> None:
    """A4 (or paper), one page wide, the header row repeated on every printed page, page numbers. A table wider
    than a page holds at 60% (widths: its columns', PAGE_MOST_UNITS) is printed as many pages wide as keep it at
    60% at least (pages_wide), its first column repeated on each: a unit-by-topic matrix of 27 columns fitted to
    one page was printed at 4 points."""
    ws.set_paper(paper)
    if landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    wide = pages_wide(widths, PAGE_MOST_UNITS[paper]) if landscape else 1
    ws.fit_to_pages(wide, 0)
    if wide > 1:
        ws.repeat_columns(0)
    if header_row is not None:
        ws.repeat_rows(header_row)
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.set_footer("&C&P / &N")


# the formats of a table's cells by kind; a bordered table's (Book.table boxed) have a border (BOX) too
CELL_FORMATS: dict[str, dict[str, object]] = {
    "text": {"valign": "top"},
    "wrap": {"valign": "top", "text_wrap": True},
    # a fraction to two places at most ("0.0#": 12.5, 12.25; "0.##" shows 15 as "15." in Excel and WPS);
    # a whole number, in a "number" column too, as "int" (write, table, _column_formats)
    "number": {"num_format": "0.0#", "valign": "top"},
    "int": {"num_format": "0", "valign": "top"},
    # the Summary's counts and sums, thousands apart as a person reads them (944,533; 9,670,000.5)
    "count": {"num_format": "#,##0", "valign": "top"},
    "amount": {"num_format": "#,##0.0#", "valign": "top"},
    "percent": {"num_format": "0.0%", "valign": "top"},
    # centred: a date right-aligned ran into the text of the column after it (2026-12-31未达标)
    "date": {"num_format": "yyyy-mm-dd", "valign": "top", "align": "center"},
    "share": {"num_format": "0%", "valign": "top"},  # a share in whole percent, as settings are written (20%)
}
_WHOLE = {"number": "int", "amount": "count"}  # a whole number of a column of fractions: as write() writes it
NUMERIC = frozenset({"number", "int", "percent", "share", "count", "amount"})  # the kinds whose numbers stay numbers
BOX = {"border": 1, "border_color": "#808080"}  # a thin grey line, seen printed


def _text_kind(kind: str) -> str:
    """The format a cell of kind takes when it holds text: wrapped in a wrapped column, else plain."""
    return "wrap" if kind == "wrap" else "text"


def pages_wide(widths: Sequence[float], most: float) -> int:
    """The pages a table of these column widths is printed over, no page holding more than most: 1 where the
    whole fits; else each page its first column (repeated) and the columns that follow while they fit, a page
    breaking between columns only (a column wider than a page has one to itself)."""
    if sum(widths) <= most:
        return 1
    pages, used = 1, widths[0]
    for width in widths[1:]:
        if used + width > most and used > widths[0]:
            pages, used = pages + 1, widths[0]
        used += width
    return pages


class Book:
    """An xlsxwriter workbook with the house formats. Text goes through write_text() only."""

    def __init__(self, path: Path, created: dt.datetime | None = None, row_limit: int = EXCEL_ROWS) -> None:
        self.wb = sheet_writer.Workbook(str(path), {
            "in_memory": True,  # the long tables are streamed in at close(); the rest is small
            "use_zip64": True,
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "default_date_format": "yyyy-mm-dd",
        })
        self.wb.set_properties({"created": created or FIXED_CREATED})
        self.row_limit = row_limit
        self.names = SheetNames()
        self.fmt: dict[str, Any] = {
            "header": self.wb.add_format({"bold": True, "bg_color": "#1F4E78", "font_color": "#FFFFFF",
                                          "border": 1, "text_wrap": True, "valign": "vcenter"}),
            "title": self.wb.add_format({"bold": True, "font_size": 14}),
            "subtitle": self.wb.add_format({"italic": True, "font_color": "#555555"}),
            **{kind: self.wb.add_format(props) for kind, props in CELL_FORMATS.items()},
            "bold": self.wb.add_format({"bold": True}),
            "textcol": self.wb.add_format({"num_format": "@", "valign": "top"}),
        }
        self._quoted: dict[int, Any] = {}
        self._boxed: dict[str, tuple[Any, Any]] = {}  # a bordered table's formats (boxes), made when first asked
        self._row_memos: dict[int, dict[str | int | None, str]] = {}  # text_rows' cells by format
        self._streamed = sheet_writer.StreamedTables(RISKY_LEADS)

    def add_sheet(self, name: str, printed: bool = False) -> Worksheet:
        """A new sheet; printed: one laid out many times over for printing (a sign-in sheet), whose rows are
        given by text_rows() (sheet_writer.PrintSheet)."""
        kind = sheet_writer.PrintSheet if printed else None
        return self.wb.add_worksheet(sheet_name(name, self.names), worksheet_class=kind)

    def lay_out(self, ws: Worksheet, printed: sheet_writer.Printed) -> None:
        """A printed sheet's layout above its rows of text (sheet_writer.Printed): through PrintSheet.lay_out, or
        as xlsxwriter's own calls on a plain sheet."""
        if isinstance(ws, sheet_writer.PrintSheet):
            ws.lay_out(printed)
        else:
            sheet_writer.apply_printed(ws, printed)

    def text_cell(self, row: int, col: int, value: str, fmt: Any = None) -> tuple[int, int, str, Any]:
        """A text cell as write_text writes it: (row, col, text, format) for write_string (and
        sheet_writer.Printed.cells), quote-prefixed when risky."""
        if value[:1] in RISKY_LEADS:
            fmt = self._quote(fmt if fmt is not None else self.fmt["text"])
        return row, col, verbatim(value), fmt

    def text_rows(self, ws: Worksheet, columns: Sequence[Sequence[str | int | None]], first_row: int, fmt: Any,
                  height: float | Sequence[float]) -> None:
        """Rows of text below everything else in a printed sheet, given a column at a time, from 0-based
        first_row: fmt's cells (quote-prefixed where risky), a whole number a number cell (a seat's 序号, which
        Excel would flag as a number stored as text), an empty one blank with fmt's borders; height: every row's
        in points, or each row's."""
        if not isinstance(ws, sheet_writer.PrintSheet):  # a plain sheet: streamed in at close()
            self.defer_rows(ws, Columns(iter([list(columns)])), len(columns[0]) if columns else 0, first_row, fmt,
                            blank=True, height=height)
            return
        memo = self._row_memos.setdefault(id(fmt), {})
        ws.text_rows(columns, first_row, fmt, self._quote(fmt), height, RISKY_LEADS, memo)

    def _quote(self, fmt: Any) -> Any:
        """The same format with Excel's quote prefix, so the text is never re-read as a formula."""
        key = id(fmt)
        if key not in self._quoted:
            props: dict[str, object] = {"quote_prefix": True}
            if fmt is self.fmt["wrap"]:
                props["text_wrap"] = True
            if fmt is self.fmt.get("cell"):  # a seat of a sign-in sheet
                props.update({"border": 1, "valign": "vcenter", "text_wrap": True, "font_size": 10})
            self._quoted[key] = self.wb.add_format(props)
        return self._quoted[key]

    def write_text(self, ws: Worksheet, row: int, col: int, value: str, fmt: Any = None) -> None:
        """The one way text reaches a cell: always a string cell, quote-prefixed when risky (text_cell)."""
        ws.write_string(*self.text_cell(row, col, value, fmt))

    def line_across(self, ws: Worksheet, row: int, text: str, widths: Sequence[int], fmt: Any) -> None:
        """text over the table's columns (widths) in row, merged and wrapped (fmt wraps), the row as many lines
        high as the text needs there (row_height, at most MAX_LINES): a note above a table, printed, never cut off.
        Its lines are counted as class-rosters.xlsx counts its cells' (text_lines): wrapped_lines, counting a CJK
        character 1.5 units, sized 未成班's note of five lines for four and hid its last."""
        ws.merge_range(row, 0, row, len(widths) - 1, "", fmt)
        self.write_text(ws, row, 0, text, fmt)
        ws.set_row(row, row_height(text, int(sum(widths))))

    def write(self, ws: Worksheet, row: int, col: int, value: object, kind: str = "text", boxed: bool = False) -> None:
        """A cell of kind (text, wrap, number, int, percent, date); boxed: with a border, as a bordered table's."""
        if value is None or value == "":
            return
        if kind in NUMERIC and is_number(value):
            if is_whole(value) and kind in ("number", "amount"):
                kind = "int" if kind == "number" else "count"
            ws.write_number(row, col, float(value), self._cell_format(kind, boxed))
        elif kind == "date" and isinstance(value, dt.date):
            # the day as a date: xlsxwriter writes a datetime on 1900-01-01 as a time of day
            ws.write_datetime(row, col, dt.date.fromordinal(value.toordinal()), self._cell_format("date", boxed))
        elif text := _as_text(value):  # an empty list no cell, as the streamed writer writes it
            self.write_text(ws, row, col, text, self._cell_format(_text_kind(kind), boxed))

    def _cell_format(self, kind: str, boxed: bool = False, quoted: bool = False) -> Any:
        """The format of a cell of kind (the text format for a kind it has none of): a bordered table's (boxes)
        where boxed; quoted: the same with Excel's quote prefix (of a text kind)."""
        if boxed:
            return self.boxes(kind)[quoted]
        fmt = self.fmt[kind] if kind in self.fmt else self.fmt["text"]
        return self._quote(fmt) if quoted else fmt

    def boxes(self, kind: str) -> tuple[Any, Any]:
        """A bordered table's format of kind (CELL_FORMATS, text for another), and the same quote-prefixed."""
        if kind not in self._boxed:
            props = {**CELL_FORMATS.get(kind, CELL_FORMATS["text"]), **BOX}
            self._boxed[kind] = (self.wb.add_format(props), self.wb.add_format({**props, "quote_prefix": True}))
        return self._boxed[kind]

    def table(self, name: str, headers: Sequence[str], rows: Iterable[Sequence[object]],
              kinds: Sequence[str] | None = None, widths: Sequence[int] | None = None,
              first_row: int = 0, preamble: Sequence[tuple[str, str]] = (), size: int = 0, paper: int = A4,
              boxed: bool = False) -> list[tuple[Worksheet, int]]:
        """Write a styled table; past the row limit it continues on 'name (2)'.

        preamble: (text, format name) lines written above the header of each sheet, from row 0.
        boxed: every cell bordered, empty ones too (a printed plan: a number never runs into the text beside it);
        a boxed table is written cell by cell, never streamed.
        paper: the paper its sheets are printed on (A4, A3); as many pages wide as print it at 60% at least.
        size: the row count when rows is an iterator (a list tells its own); a table of DEFER_ROWS or more is
        streamed into the sheet after the workbook is closed, with the same cells and row heights (one given by an
        iterator without a size is written cell by cell, for a caller to write beside or below its rows).
        Returns (sheet, data rows) for each sheet written.
        """
        kinds = list(kinds or ["text"] * len(headers))
        if not size and isinstance(rows, Sized):
            size = len(rows)
        # wrapped columns of a given width: a row as tall as its longest text needs, so no line is hidden
        wrapped = [(c, widths[c]) for c, k in enumerate(kinds) if k == "wrap" and widths and c < len(widths)]
        if size >= DEFER_ROWS and not boxed:
            return self._deferred_table(name, headers, iter(rows), kinds, widths, first_row, preamble, size, paper,
                                        wrapped)
        fmts = [self._cell_format(k, boxed) for k in kinds]
        wholes = [self._cell_format(_WHOLE[k], boxed) if k in _WHOLE else fmt for k, fmt in zip(kinds, fmts, strict=True)]
        quoted = [self._cell_format(_text_kind(k), boxed, quoted=True) for k in kinds]
        text_fmt = [self._cell_format(_text_kind(k), boxed) for k in kinds]
        numeric = [k in NUMERIC for k in kinds]
        sheets: list[tuple[Worksheet, int]] = []
        ws, r, seen = None, 0, [display_width(h) for h in headers]
        sample_until = first_row + 1 + WIDTH_SAMPLE
        for values in rows:
            if ws is None or r >= self.row_limit:
                if ws is not None:
                    self._finish(ws, headers, first_row, r, seen, widths, paper)
                    sheets[-1] = (ws, r - first_row - 1)
                ws = self.add_sheet(name if not sheets else f"{name} ({len(sheets) + 1})")
                sheets.append((ws, 0))
                r = self._header(ws, headers, first_row, preamble)
            for c, value in enumerate(values):
                if value is None or value == "":
                    if boxed:
                        ws.write_blank(r, c, None, text_fmt[c])
                    continue
                if type(value) is str:
                    ws.write_string(r, c, verbatim(value), quoted[c] if value[:1] in RISKY_LEADS else text_fmt[c])
                elif numeric[c] and is_number(value):
                    ws.write_number(r, c, value, wholes[c] if is_whole(value) else fmts[c])
                else:
                    self.write(ws, r, c, value, kinds[c], boxed)
            if wrapped:
                lines = max(wrapped_lines(_as_text(values[c]), width) for c, width in wrapped)
                if lines > 1:
                    ws.set_row(r, wrapped_height(lines))
            if r < sample_until:  # column widths from the first rows
                for c, value in enumerate(values):
                    if value is not None:
                        seen[c] = max(seen[c], display_width(_as_text(value)))
            r += 1
        if ws is None:
            ws = self.add_sheet(name)
            sheets.append((ws, 0))
            r = self._header(ws, headers, first_row, preamble)
        self._finish(ws, headers, first_row, r, seen, widths, paper)
        sheets[-1] = (ws, r - first_row - 1)
        return sheets

    def _header(self, ws: Worksheet, headers: Sequence[str], first_row: int,
                preamble: Sequence[tuple[str, str]] = ()) -> int:
        for r, (text, fmt) in enumerate(preamble[:first_row]):
            self.write_text(ws, r, 0, text, self.fmt[fmt])
        for c, h in enumerate(headers):
            self.write_text(ws, first_row, c, h, self.fmt["header"])
        ws.freeze_panes(first_row + 1, 0)
        return first_row + 1

    def _finish(self, ws: Worksheet, headers: Sequence[str], first_row: int, end: int,
                seen: list[int], widths: Sequence[int] | None, paper: int = A4) -> None:
        ws.autofilter(first_row, 0, max(end - 1, first_row), len(headers) - 1)
        columns = [widths[c] if widths and c < len(widths) and widths[c] else min(max(w + 2, 6), COLUMN_MOST)
                   for c, w in enumerate(seen)]
        print_setup(ws, landscape=True, header_row=first_row, widths=columns, paper=paper)
        for c, width in enumerate(columns):
            ws.set_column(c, c, width)

    def _deferred_table(self, name: str, headers: Sequence[str], rows: Iterator[Sequence[object]] | Columns,
                        kinds: list[str], widths: Sequence[int] | None, first_row: int,
                        preamble: Sequence[tuple[str, str]], size: int, paper: int = A4,
                        wrapped: Sequence[tuple[int, int]] = ()) -> list[tuple[Worksheet, int]]:
        """Headers and layout now; the rows are streamed in at close() (see sheet_writer), each as tall as its
        wrapped columns' text needs (wrapped: (column, width) of each)."""
        sample: Sequence[Sequence[object]]
        if isinstance(rows, Columns):
            sample = rows.peek(WIDTH_SAMPLE)
        else:
            sample = list(itertools.islice(rows, WIDTH_SAMPLE))
            rows = itertools.chain(sample, rows)
        seen = [display_width(h) for h in headers]
        for c, column in enumerate(itertools.zip_longest(*sample)):
            if c < len(seen):
                seen[c] = max(seen[c], _widest(column))
        per_sheet = self.row_limit - first_row - 1
        columns = list(map(self._column_formats, kinds))
        sheets: list[tuple[Worksheet, int]] = []
        for part in range(max(1, math.ceil(size / per_sheet))):
            count = min(per_sheet, size - part * per_sheet)
            ws = self.add_sheet(name if not sheets else f"{name} ({len(sheets) + 1})")
            self._header(ws, headers, first_row, preamble)
            self._finish(ws, headers, first_row, first_row + 1 + count, seen, widths, paper)
            sheets.append((ws, count))
            self._streamed.add(ws, rows, count, first_row + 1, columns,
                               height_of=_heights_of(wrapped) if wrapped else None)
        return sheets

    def _column_formats(self, kind: str) -> ColumnFormats:
        text = self.fmt[_text_kind(kind)]
        return ColumnFormats(text=text, quoted=self._quote(text), number=self.fmt.get(kind, self.fmt["text"]),
                             numeric=kind in NUMERIC, date=kind == "date", days=kind == "date",
                             whole=self.fmt[_WHOLE[kind]] if kind in _WHOLE else None)

    def defer_rows(self, ws: Worksheet, rows: Iterator[Sequence[object]] | Columns, count: int, first_row: int,
                   fmt: Any, blank: bool = False, height: float | Sequence[float] | None = None) -> None:
        """Rows of text (and numbers, kept numbers) for an existing sheet, streamed in at close(): first_row is
        0-based."""
        column = ColumnFormats(text=fmt, quoted=self._quote(fmt), number=fmt, numeric=True, blank=blank)
        first: Sequence[object] | None
        if isinstance(rows, Columns):
            first = next(iter(rows.peek(1)), None)
        else:
            rows = iter(rows)
            first = next(rows, None)
            if first is not None:
                rows = itertools.chain([first], rows)
        if first is None:
            return
        self._streamed.add(ws, rows, count, first_row, [column] * len(first), height)

    def close(self) -> None:
        self.wb.close()
        self._streamed.write(Path(self.wb.filename))


def wrapped_height(lines: int) -> float:
    """The height in points of a row of lines of wrapped text (at most MAX_ROW_LINES: the cell holds the rest)."""
    return ROW_HEIGHT * min(lines, MAX_ROW_LINES)


def _heights_of(wrapped: Sequence[tuple[int, int]]) -> Callable[[list[Sequence[object]]], list[float]]:
    """For a streamed table, each row's height from a chunk of its columns: as tall as the longest text of its
    wrapped columns (wrapped: (column, width)) needs where that is more than a line, else 0 (the default), as
    Book.table sets a row's height written cell by cell. Each text's lines are counted once a column."""
    memos: list[dict[object, int]] = [{None: 1, "": 1} for _ in wrapped]

    def heights(columns: list[Sequence[object]]) -> list[float]:
        lines = None
        for (c, width), memo in zip(wrapped, memos, strict=True):
            if c >= len(columns):
                continue
            column = columns[c]
            if len(memo) > _LINES_MEMO:  # forgotten between chunks, never within one (its texts are looked up below)
                memo.clear()
                memo[None] = memo[""] = 1
            try:
                for value in dict.fromkeys(column):
                    if value not in memo:
                        memo[value] = wrapped_lines(_as_text(value), width)
                these = list(map(memo.__getitem__, column))
            except TypeError:  # an unhashable value (a list): each counted
                these = [1 if v is None else wrapped_lines(_as_text(v), width) for v in column]
            lines = these if lines is None else list(map(max, lines, these))
        return [wrapped_height(n) if n > 1 else 0.0 for n in lines] if lines is not None else [0.0] * len(columns[0])

    return heights


_LINES_MEMO = 50_000  # texts a wrapped column remembers the lines of


def _widest(column: Sequence[object]) -> int:
    """The display width of a column's widest value, each distinct value (by type and value) measured once."""
    try:
        typed = dict.fromkeys(zip(map(type, column), column, strict=True))
        distinct: Iterable[object] = (value for _, value in typed)
    except TypeError:  # an unhashable value (a list)
        distinct = column
    return max((display_width(_as_text(v)) for v in distinct if v is not None), default=0)


def _as_text(value: object) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return sheet_writer.LIST_JOINER.join(map(str, value))
    return str(value)
