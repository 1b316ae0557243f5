"""Long tables streamed straight into the sheet XML of a workbook xlsxwriter wrote.

Worth it: written cell by cell through xlsxwriter, a whole run on a 10,000-cadre roster took 8.5 s;
with its long tables streamed, 1.9 s. Everything that relies on xlsxwriter's internals is here.

The interface, in order:

    book = Workbook(path, options)       # xlsxwriter's own, with a sheet-name check that stays fast
    ws = book.add_worksheet(name)        # header, widths, panes, filter, print setup: all xlsxwriter
    tables = StreamedTables(risky)
    tables.add(ws, rows, count, first_row, [ColumnFormats(text, quoted, number, ...), ...])
    book.close()
    tables.write(path)

In: the workbook file xlsxwriter closed, and for each sheet added the rows (an iterator of rows, or
Columns giving them a column at a time), how many to take, the 0-based row of the first, and each
column's xlsxwriter formats. Out: the file at path, replaced by the same workbook with those rows
in its sheets, every cell as write_string, write_number or write_datetime would have written it
with the same format (tests/test_sheet_writer.py holds it to that). Texts go to the shared string
table, as Excel itself writes them: a text repeated down a column (units, topics, reasons) is
stored once; a text starting with a risky character is quote-prefixed so it stays text.

What it takes from xlsxwriter, pinned to the 3.3 line (pyproject.toml: xlsxwriter>=3.3.1,<3.4;
tests/test_sheet_writer.py fails when the installed version is outside it):
- a worksheet's file is xl/worksheets/sheet<index + 1>.xml, with a <dimension ref="..."/> and the
  </sheetData> the rows go before (_sheet_part);
- a format's style number in styles.xml is what the private Format._get_xf_index() returns
  (_style_index, the one call);
- texts are <si> entries of xl/sharedStrings.xml, escaped as xlsxwriter escapes them (_xHHHH_ for
  control characters, cut at 32,767 UTF-16 units), so a text xlsxwriter stored is found again;
- numbers are written as %.16G, dates as serial numbers of Excel's 1900 date system;
- Workbook overrides the private Workbook._check_sheetname (see there);
- a chart's data labels are written by its private _write_d_lbls to its fh (explicit_label_flags);
- a PrintSheet writes its worksheet's whole XML as xlsxwriter writes it for the same calls (see there);
- and from zipfile: ZipFile._open_to_write returns the writer of a part, whose _compressor _FastZipFile sets.
"""

from __future__ import annotations

import collections
import datetime as dt
import io
import itertools
import math
import operator
import os
import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, NamedTuple, TypeGuard, cast

import xlsxwriter
import xlsxwriter.workbook
from xlsxwriter.exceptions import DuplicateWorksheetName
from xlsxwriter.format import Format
from xlsxwriter.packager import Packager
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

_CONTROL_ESCAPE = re.compile("(_x[0-9a-fA-F]{4}_)")
_CONTROL = re.compile(r"([\x00-\x08\x0b-\x1f])")
_DIMENSION = re.compile(rb'<dimension ref="[^"]*"/>')
_SST_OPEN = re.compile(rb"<sst [^>]*>")
_SI = re.compile(rb"<si>.*?</si>", re.DOTALL)
SHARED_STRINGS = "xl/sharedStrings.xml"
SST_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
CHUNK_ROWS = 2000  # rows rendered at a time
COMPRESS_LEVEL = 1  # fast compression: sheets are most of a workbook's bytes, and zlib's default level (6)
# takes three times as long for a fifth fewer bytes (ISA-L's levels are 0 to 3: its 1 is as fast as its 0)
_DEFLATE: Any  # isal.isal_zlib, or None
try:
    from isal import isal_zlib as _DEFLATE
except ImportError:  # pragma: no cover - a platform without its wheel: zlib's deflate, the same workbooks
    _DEFLATE = None


# xlsxwriter internals, relied on for the 3.3 line only (pyproject.toml: xlsxwriter>=3.3.1,<3.4)


class Workbook(xlsxwriter.Workbook):
    """xlsxwriter's workbook, whose check for a repeated sheet name looks at every sheet so far
    (quadratic: 13 s for a province's 4,000 class sheets). Names come unique from sheet_name();
    the same case-blind check is kept here with a set, every other check is xlsxwriter's own."""

    worksheets_objs: list[Worksheet]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._folded_names: set[str] = set()
        self._labelled: list[Any] = []  # every chart added (xlsxwriter's own list drops those never inserted)

    def add_chart(self, options: dict[str, Any]) -> Any:
        """xlsxwriter's chart, its data labels saying of each part whether it is shown (explicit_label_flags)."""
        chart = super().add_chart(options)
        if chart is not None:
            explicit_label_flags(chart)
            self._labelled.append(chart)
        return chart

    def close(self) -> None:
        """xlsxwriter's close, then the cycle between the workbook and its sheets broken (each sheet holds the
        workbook's add_format): with the cycle collector paused for a run (cli.app.pause_collector), a closed
        workbook and all its sheets hold, their XML among it, stayed in memory to the end of the run. So is the
        cycle of each chart and its data labels' writer (explicit_label_flags)."""
        try:
            super().close()
        finally:
            for ws in self.worksheets_objs:
                ws.workbook_add_format = None
            for chart in self._labelled:
                vars(chart).pop("_write_d_lbls", None)
            self._labelled = []

    def _get_packager(self) -> Packager:
        return _Packager()

    def _store_workbook(self) -> None:
        """xlsxwriter's packaging, every part compressed at COMPRESS_LEVEL, not zlib's default: xlsxwriter
        gives no option for it, and takes its ZipFile from its module as it packages (single-threaded)."""
        before = xlsxwriter.workbook.ZipFile
        xlsxwriter.workbook.ZipFile = _FastZipFile
        try:
            super()._store_workbook()
        finally:
            xlsxwriter.workbook.ZipFile = before

    def _check_sheetname(self, sheetname: str | None, is_chartsheet: bool = False) -> str:
        sheets: list[Worksheet] = self.worksheets_objs
        self.worksheets_objs = []  # hide them from the loop over every sheet
        try:
            name: str = super()._check_sheetname(sheetname, is_chartsheet)
        finally:
            self.worksheets_objs = sheets
        if name.lower() in self._folded_names:
            raise DuplicateWorksheetName(f"Sheetname '{name}', with case ignored, is already in use.")
        self._folded_names.add(name.lower())
        return name


class _FastZipFile(zipfile.ZipFile):
    """A ZipFile whose parts are compressed at COMPRESS_LEVEL however they are given (xlsxwriter gives a
    ZipInfo, which otherwise takes zlib's default level), by ISA-L's deflate where isal is installed (a
    dependency with wheels for every main platform): three and a half times as fast as zlib's at level 1, for a
    few percent fewer bytes. Relies on ZipFile._open_to_write and the _compressor of what it returns."""

    def _open_to_write(self, zinfo: zipfile.ZipInfo, force_zip64: bool = False) -> IO[bytes]:
        handle = super()._open_to_write(zinfo, force_zip64)  # type: ignore[misc]
        if zinfo.compress_type == zipfile.ZIP_DEFLATED and _DEFLATE is not None:
            handle._compressor = _DEFLATE.compressobj(COMPRESS_LEVEL, _DEFLATE.DEFLATED, -15)
        return cast(IO[bytes], handle)

    def writestr(self, zinfo_or_arcname: str | zipfile.ZipInfo, data: Any, compress_type: int | None = None,
                 compresslevel: int | None = None) -> None:
        super().writestr(zinfo_or_arcname, data, compress_type,
                         COMPRESS_LEVEL if compresslevel is None else compresslevel)

    def write(self, filename: Any, arcname: Any = None, compress_type: int | None = None,
              compresslevel: int | None = None) -> None:
        super().write(filename, arcname, compress_type, COMPRESS_LEVEL if compresslevel is None else compresslevel)


class _Packager(Packager):
    """xlsxwriter's packager, but for the shared strings: the same XML, written several times faster (the
    sign-in sheets of a workbook hold thousands of names, ids and units; xlsxwriter runs three regular
    expressions over each)."""

    def _write_shared_strings_file(self) -> None:
        table = self.workbook.str_table
        if not table.count:
            return
        xml = "".join((f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{SST_NS}" '
                       f'count="{table.count}" uniqueCount="{table.unique_count}">',
                       *_sis(table.string_array), "</sst>"))
        target = self._filename("xl/sharedStrings.xml")
        if isinstance(target, io.StringIO):
            target.write(xml)
        else:
            with open(target, "w", encoding="utf-8") as handle:
                handle.write(xml)


def _sis(strings: list[str]) -> Iterator[str]:
    """The <si> entries of strings (_si of each), SI_CHUNK at a time."""
    for start in range(0, len(strings), SI_CHUNK):
        yield from _plain_sis(strings[start:start + SI_CHUNK])


def _plain_sis(chunk: list[str]) -> Iterator[str]:
    """_si of each text of chunk, at once where every one is written as it is: none holds a character to escape,
    one that is not printable, or a space at either end (most names and ids); else each half in turn."""
    joined = "".join(chunk)
    if (joined.isprintable() and "&" not in joined and "<" not in joined and ">" not in joined
            and "_x" not in joined and not _EDGE_SPACE.search("\n".join(chunk))):
        yield "<si><t>" + "</t></si><si><t>".join(chunk) + "</t></si>"
    elif len(chunk) <= SI_EACH:
        yield from map(_si, chunk)
    else:
        half = len(chunk) // 2
        yield from _plain_sis(chunk[:half])
        yield from _plain_sis(chunk[half:])


SI_CHUNK, SI_EACH = 256, 8  # texts looked at together; as few, one by one
_EDGE_SPACE = re.compile(r"^\s|\s$", re.MULTILINE)  # a space that starts or ends a line (a text, in _sis)


def _si(string: str) -> str:
    """A text's <si> entry as xlsxwriter writes it (SharedStrings._write_si): control characters escaped,
    then a text that is one rich-text XML (verbatim) as it is, any other escaped, spaces at its ends kept."""
    text = _control_escaped(string)
    if text.startswith(RICH_OPEN) and text.endswith(RICH_CLOSE):
        return f"<si>{text}</si>"
    space = ' xml:space="preserve"' if text and (text[0].isspace() or text[-1].isspace()) else ""
    return f"<si><t{space}>{_xml_escaped(text)}</t></si>"


class Printed(NamedTuple):
    """A sheet laid out to be printed, above its rows of text (a sign-in sheet's title, class and header): what
    PrintSheet.lay_out takes, and xlsxwriter's own worksheet takes as the calls of apply_printed. Rows and
    columns are 0-based."""

    merges: Sequence[tuple[int, int, int, int, Format]]  # ranges merged (first row, col, last row, col), no value
    cells: Sequence[tuple[int, int, str, Format]]  # texts as write_string takes them (verbatim; quoted where risky)
    heights: Sequence[tuple[int, float]]  # rows above the rows of text, and their heights in points
    widths: Sequence[float]  # the columns from the first, in Excel's units
    hidden: tuple[int, float] | None  # a column hidden, and its width
    validation: tuple[int, int, int, int, str, str] | None  # a range, and the title and message shown on a cell of it
    landscape: bool
    repeat: tuple[int, int]  # the rows printed on every page
    margins: tuple[float, float, float, float]  # left, right, top, bottom, in inches
    footer: str  # as set_footer takes it
    footer_margin: float
    freeze: tuple[int, int]  # the first row and column that scroll


def apply_printed(ws: Worksheet, printed: Printed) -> None:
    """printed as xlsxwriter's own calls on ws: what PrintSheet.lay_out writes, the slow way (tests hold the two
    to the same XML)."""
    for first_row, first_col, last_row, last_col, fmt in printed.merges:
        ws.merge_range(first_row, first_col, last_row, last_col, "", fmt)
    for row, col, text, fmt in printed.cells:
        ws.write_string(row, col, text, fmt)
    for row, points in printed.heights:
        ws.set_row(row, points)
    for c, width in enumerate(printed.widths):
        ws.set_column(c, c, width)
    if printed.hidden is not None:
        ws.set_column(printed.hidden[0], printed.hidden[0], printed.hidden[1], None, {"hidden": True})
    if printed.validation is not None:
        first_row, first_col, last_row, last_col, title, message = printed.validation
        ws.data_validation(first_row, first_col, last_row, last_col,
                           {"validate": "any", "input_message": message, "input_title": title})
    ws.set_paper(9)
    if printed.landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(*printed.repeat)
    ws.set_start_page(1)  # each sheet's pages numbered from 1, however many sheets are printed together
    left, right, top, bottom = printed.margins
    ws.set_margins(left=left, right=right, top=top, bottom=bottom)
    ws.set_footer(printed.footer, {"margin": printed.footer_margin})
    ws.freeze_panes(*printed.freeze)


class PrintSheet(Worksheet):
    """A worksheet laid out many times over, to be printed (a sign-in sheet): a Printed layout (lay_out), then
    rows of text below it (text_rows). Its XML is what xlsxwriter writes for the same calls (apply_printed, then
    the rows streamed: tests hold it to that), made in a fraction of the time: a plan of a province has thousands
    of these sheets. It writes the layout and the rows only: cells, merges, widths, heights, validations, panes,
    images, charts, tables or comments given by other calls are refused as the workbook is written, and any other
    setting (a header, a zoom, a tab's colour) is not written.

    Relies on Worksheet's dimensions (_check_dimensions, _write_dimension), str_table, selected, repeat_rows, its
    row and column units (original_row_height, max_digit_width, cell_padding, default_col_width) and on
    _assemble_xml_file being where the sheet's XML is written; writes the rest of the XML itself.
    """

    def __init__(self) -> None:
        super().__init__()
        self._printed: Printed | None = None
        self._top: dict[int, dict[int, tuple[int | None, Format]]] = {}  # row -> col -> (text, format) of lay_out
        self._rows: list[str] = []  # text_rows(), rendered
        self._rows_first = -1  # 0-based row of the first of them
        self._rows_dimension = ""  # the <dimension> they give the sheet

    def lay_out(self, printed: Printed) -> None:
        """The sheet's layout above its rows of text, once, before them; refused whole (ValueError) where
        xlsxwriter would leave part of it out (a cell past the sheet, a height of no pixel, a text past its
        limits) or could not write it (overlapping merges, a cell without a format)."""
        if self._printed is not None or self._rows_first >= 0:
            raise RuntimeError(f"{self.name}: a printed sheet is laid out once, before its rows of text")
        printed = printed._replace(merges=tuple(printed.merges), cells=tuple(printed.cells),
                                   heights=tuple(printed.heights), widths=tuple(printed.widths))  # as given now
        if any(m[4] is None for m in printed.merges) or any(c[3] is None for c in printed.cells):
            raise ValueError(f"{self.name}: a cell of a printed sheet needs its format (xlsxwriter writes no blank "
                             "without one)")
        title, message = printed.validation[4:] if printed.validation else ("", "")
        if _utf16_len(title) > 32 or _utf16_len(message) > 255 or _utf16_len(printed.footer) > 255:
            raise ValueError(f"{self.name}: a validation's title or message, or the footer, past Excel's limits")
        if "&G" in printed.footer or "&[Picture]" in printed.footer:
            raise ValueError(f"{self.name}: a printed sheet's footer has no pictures")
        if printed.freeze[0] < 1 or printed.freeze[1] < 1:
            raise ValueError(f"{self.name}: a printed sheet's panes are frozen at a row and a column")
        if any(_row_pixels(points) < 1 for _, points in printed.heights):
            raise ValueError(f"{self.name}: a row of a printed sheet is at least a pixel high (xlsxwriter hides one "
                             "of none)")
        rows = [r for m in printed.merges for r in (m[0], m[2])] + [c[0] for c in printed.cells]
        cols = [c for m in printed.merges for c in (m[1], m[3])] + [c[1] for c in printed.cells]
        tall = [row for row, _ in printed.heights]
        places = [*zip(rows, cols, strict=True), *((row, 0) for row in tall)]
        if printed.hidden is not None:
            places.append((0, printed.hidden[0]))
        if printed.validation is not None:
            first_row, first_col, last_row, last_col = printed.validation[:4]
            places += [(first_row, first_col), (last_row, last_col)]
        if any(not (0 <= row < self.xls_rowmax and 0 <= col < self.xls_colmax) for row, col in places):
            raise ValueError(f"{self.name}: a cell past the sheet's last row or column")
        top: dict[int, dict[int, tuple[int | None, Format]]] = {}
        merged: set[tuple[int, int]] = set()
        for first_row, first_col, last_row, last_col, fmt in printed.merges:
            first_row, first_col, last_row, last_col = _sorted_range((first_row, first_col, last_row, last_col))
            if (first_row, first_col) == (last_row, last_col):
                raise ValueError(f"{self.name}: a merged range of one cell")
            blank = (None, fmt)
            for row in range(first_row, last_row + 1):
                line = top.setdefault(row, {})
                for col in range(first_col, last_col + 1):
                    if (row, col) in merged:
                        raise ValueError(f"{self.name}: merged ranges overlap")
                    merged.add((row, col))
                    line[col] = blank
        strings = self.str_table  # only once nothing is refused: a refused layout adds no text to the workbook
        for row, col, text, fmt in printed.cells:
            top.setdefault(row, {})[col] = (strings._get_shared_string_index(_fit_cell(text)), fmt)
        self._top = top
        # the dimensions every call of apply_printed stores: of the cells, then of the rows given a height, then of
        # a hidden column of some width (set_column)
        if rows:
            self._check_dimensions(min(rows), min(cols))
            self._check_dimensions(max(rows), max(cols))
        if tall:
            self._check_dimensions(min(tall), self.dim_colmin or 0)
            self._check_dimensions(max(tall), self.dim_colmin or 0)
        if printed.hidden is not None and self._pixels(printed.hidden[1]):
            self._check_dimensions(0, printed.hidden[0], True, False)
        self.repeat_rows(*printed.repeat)  # the workbook's print titles
        self._printed = printed

    def text_rows(self, columns: Sequence[Sequence[str | int | None]], first_row: int, text: Format, quoted: Format,
                  height: float | Sequence[float], risky: frozenset[str], memo: dict[str | int | None, str]) -> None:
        """Rows of text from 0-based first_row, given a column at a time: a text with text's format (quoted's
        when it starts with a risky character), a whole number (a seat's 序号) as a number in text's format, an
        empty cell blank with text's format (it keeps its borders), each row height points high (or each its own
        of height, a height a row). Written as StreamedTables would, with one memo per workbook (a cell after its
        column's letter and row)."""
        if self._rows_first >= 0 or (self.dim_rowmax is not None and self.dim_rowmax >= first_row):
            raise RuntimeError(f"{self.name}: rows of text must come once, below every other cell")
        count = len(columns[0]) if columns else 0
        if not isinstance(height, int | float) and len(height) != count:
            raise ValueError(f"{self.name}: {len(height)} row heights for {count} rows")
        if not count:
            return
        style, quoted_style = _style_index(text), _style_index(quoted)
        blank = f'" s="{style}"/>'
        memo[""] = memo[None] = blank
        table, texts = self.str_table, 0
        cells_by_column: list[list[str]] = []
        for c, column in enumerate(columns):
            prefix = f'<c r="{_column_name(c)}{ROW_MARK}'
            if not any(column):  # a column to fill in by hand
                cells_by_column.append([prefix + blank] * count)
                continue
            tails: list[str | None] = list(map(memo.get, column))  # "" and None are in the memo: blank
            for i in _gaps(tails):
                value = column[i]
                if type(value) is int:
                    tails[i] = memo[value] = f'" s="{style}"><v>{value}</v></c>'
                    continue
                value = str(value or "")
                index = table._get_shared_string_index(verbatim(value))
                table.count -= 1  # the column's cells are counted below
                tails[i] = memo[value] = (f'" s="{quoted_style if value[:1] in risky else style}" t="s">'
                                          f"<v>{index}</v></c>")
            numbers = sum(type(value) is int for value in column)
            texts += count - column.count("") - column.count(None) - numbers
            cells_by_column.append([prefix + tail for tail in cast(list[str], tails)])
        table.count += texts
        opens = row_opens(first_row + 1, count, height)
        rows = [(tag + "".join(cells) + "</row>").replace(ROW_MARK, str(r)) for r, tag, cells in
                zip(range(first_row + 1, first_row + 1 + count), opens, zip(*cells_by_column, strict=True),
                    strict=True)]
        self._rows, self._rows_first = rows, first_row
        # the dimension a table streamed into the sheet gives it (_inject): from A1 to its last column and row
        self._rows_dimension = f'<dimension ref="A1:{_ref(first_row + count - 1, len(columns) - 1)}"/>'
        self._check_dimensions(first_row, 0)
        self._check_dimensions(first_row + count - 1, len(columns) - 1)

    def _assemble_xml_file(self) -> None:
        printed = self._printed
        if printed is None:
            raise RuntimeError(f"{self.name}: a printed sheet was never laid out")
        if (any(self.table.values()) or self.merge or self.col_info or self.row_info or self.validations
                or self.panes or self.images or self.charts or self.shapes or self.tables or self.comments):
            raise RuntimeError(f"{self.name}: cells or settings written by calls a PrintSheet does not take")
        write = self.fh.write
        self._xml_declaration()
        write(f'<worksheet xmlns="{SST_NS}" xmlns:r="{_RELATIONSHIPS}"><sheetPr><pageSetUpPr fitToPage="1"/>'
              "</sheetPr>")
        if self._rows_dimension:
            write(self._rows_dimension)
        else:
            self._write_dimension()
        row, col = printed.freeze
        selected = ' tabSelected="1"' if self.selected else ""
        top_right, bottom_left = f"{_column_name(col)}1", f"A{row + 1}"
        write(f'<sheetViews><sheetView{selected} workbookViewId="0"><pane xSplit="{col}" ySplit="{row}" '
              f'topLeftCell="{_column_name(col)}{row + 1}" activePane="bottomRight" state="frozen"/>'
              f'<selection pane="topRight" activeCell="{top_right}" sqref="{top_right}"/>'
              f'<selection pane="bottomLeft" activeCell="{bottom_left}" sqref="{bottom_left}"/>'
              '<selection pane="bottomRight"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>')
        write(self._cols_xml(printed))
        above = self._top_xml(printed)
        write(f"<sheetData>{above}{''.join(self._rows)}</sheetData>" if above or self._rows else "<sheetData/>")
        if printed.merges:
            write(f'<mergeCells count="{len(printed.merges)}">')
            write("".join(f'<mergeCell ref="{_ref(r1, c1)}:{_ref(r2, c2)}"/>'
                          for r1, c1, r2, c2 in (_sorted_range(m[:4]) for m in printed.merges)))
            write("</mergeCells>")
        if printed.validation is not None:
            first_row, first_col, last_row, last_col, title, message = printed.validation
            first_row, first_col, last_row, last_col = _sorted_range((first_row, first_col, last_row, last_col))
            cells = _ref(first_row, first_col)
            if (first_row, first_col) != (last_row, last_col):
                cells += f":{_ref(last_row, last_col)}"
            write('<dataValidations count="1"><dataValidation allowBlank="1" showInputMessage="1" '
                  f'showErrorMessage="1" promptTitle="{_attribute(title)}" prompt="{_attribute(message)}" '
                  f'sqref="{cells}"/></dataValidations>')
        left, right, top, bottom = printed.margins
        write(f'<pageMargins left="{left}" right="{right}" top="{top}" bottom="{bottom}" header="0.3" '
              f'footer="{printed.footer_margin}"/><pageSetup paperSize="9" fitToHeight="0" '
              f'orientation="{"landscape" if printed.landscape else "portrait"}" useFirstPageNumber="1"/>')
        footer = f"<oddFooter>{_footer_text(printed.footer)}</oddFooter>" if printed.footer else ""
        write(f"<headerFooter>{footer}</headerFooter>")
        write("</worksheet>")
        self._xml_close()

    def _cols_xml(self, printed: Printed) -> str:
        """<cols> as Worksheet._write_cols writes the widths of set_column: equal neighbours in one <col>."""
        info = {c: (self._pixels(width), False) for c, width in enumerate(printed.widths)}
        if printed.hidden is not None:
            info[printed.hidden[0]] = (self._pixels(printed.hidden[1]), True)
        if not info:
            return ""
        parts, cols = ["<cols>"], sorted(info)
        first = last = cols[0]
        for col in [*cols[1:], None]:
            if col is not None and col == last + 1 and info[col] == info[first]:
                last = col
                continue
            pixels, hidden = info[first]
            width = f"{(pixels * 256 // self.max_digit_width) / 256.0:.16g}"
            custom = ' customWidth="1"' if pixels != self.default_col_width else ""
            hide = ' hidden="1"' if hidden else ""
            parts.append(f'<col min="{first + 1}" max="{last + 1}" width="{width}"{hide}{custom}/>')
            if col is not None:
                first = last = col
        parts.append("</cols>")
        return "".join(parts)

    def _pixels(self, width: float) -> int:
        """set_column's width in pixels."""
        if width == 0:
            return 0
        if width < 1:
            return int(width * (self.max_digit_width + self.cell_padding) + 0.5)
        return int(width * self.max_digit_width + 0.5) + self.cell_padding

    def _top_xml(self, printed: Printed) -> str:
        """The rows of lay_out, as Worksheet._write_rows writes them (the rows of text follow)."""
        top = self._top
        heights = {row: _row_pixels(points) for row, points in printed.heights}
        spans: dict[int, tuple[int, int]] = {}
        for r, cells in top.items():  # xlsxwriter's spans: the columns of each block of 16 rows
            low, high = spans.get(r // 16, (min(cells), max(cells)))
            spans[r // 16] = (min(low, *cells), max(high, *cells))
        parts = []
        styles: dict[int, str] = {}  # a format's s attribute, by the format's id
        for r in sorted({*top, *heights}):
            block = spans.get(r // 16)
            attrs = f' spans="{block[0] + 1}:{block[1] + 1}"' if block else ""
            pixels = heights.get(r)
            if pixels is not None and pixels != self.original_row_height:
                attrs += f' ht="{pixels * 0.75:.16g}" customHeight="1"'
            row = top.get(r)
            if not row:
                parts.append(f'<row r="{r + 1}"{attrs}/>')
                continue
            parts.append(f'<row r="{r + 1}"{attrs}>')
            number = r + 1
            for c in sorted(row):
                index, fmt = row[c]
                s = styles.get(id(fmt))
                if s is None:
                    style = fmt._get_xf_index()
                    s = styles[id(fmt)] = f' s="{style}"' if style else ""
                ref = f"{_column_name(c)}{number}"
                parts.append(f'<c r="{ref}"{s}/>' if index is None else f'<c r="{ref}"{s} t="s"><v>{index}</v></c>')
            parts.append("</row>")
        return "".join(parts)


_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _row_pixels(points: float) -> int:
    """set_row's height in pixels."""
    return int(points * 4.0 / 3.0 + 0.5)


def _ref(row: int, col: int) -> str:
    return f"{_column_name(col)}{row + 1}"


def _column_name(col: int) -> str:
    """xl_col_to_name(col), the first columns' kept."""
    return _COLUMN_NAMES[col] if col < len(_COLUMN_NAMES) else xl_col_to_name(col)


_COLUMN_NAMES = [xl_col_to_name(c) for c in range(64)]


def _sorted_range(cells: Sequence[int]) -> tuple[int, int, int, int]:
    first_row, first_col, last_row, last_col = cells
    return min(first_row, last_row), min(first_col, last_col), max(first_row, last_row), max(first_col, last_col)


def _attribute(value: str) -> str:
    """An attribute's value escaped as xlsxwriter escapes it."""
    if not _ATTRIBUTE_ESCAPES.search(value):
        return value
    return (value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\n", "&#xA;"))


def _footer_text(value: str) -> str:
    """A footer's text escaped as xlsxwriter escapes an element's data."""
    if _ATTRIBUTE_ESCAPES.search(value):
        value = _xml_escaped(value)
    return _control_escaped(value)


_ATTRIBUTE_ESCAPES = re.compile('["&<>\n]')


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _style_index(fmt: Format) -> int:
    """The style (XF) number xlsxwriter gives fmt in styles.xml: given on the first call, kept after."""
    return int(fmt._get_xf_index())  # private in xlsxwriter; pinned to the 3.3 line (>=3.3.1,<3.4)


RICH_OPEN, RICH_CLOSE = "<r>", "</r>"


def verbatim(value: str) -> str:
    """value as xlsxwriter's write_string must be given it to store that very text.

    xlsxwriter takes a text that starts with <r> and ends with </r> for rich text it built itself and
    writes it into the shared strings unescaped: a roster's "<r>x</r>" read back empty, "<r>&</r>" broke
    the file. Such a text goes as one run of plain, escaped text, which reads back as the text. The text is
    first cut to Excel's limit (as xlsxwriter would cut it, after this look), and the run is cut where its
    escaped text would pass that limit: xlsxwriter would cut it anywhere, its closing tags too.
    """
    value = _fit_cell(value)
    if not (value.startswith(RICH_OPEN) and value.endswith(RICH_CLOSE)):
        return value
    room = EXCEL_TEXT_MAX - len(_RUN_OPEN + _RUN_CLOSE)
    escaped = _xml_escaped(value)
    if len(escaped.encode("utf-16-le", "surrogatepass")) // 2 > room:  # the longest start whose escape fits
        kept, used = 0, 0
        for ch in value:
            units = len(_xml_escaped(ch)) + (ord(ch) > 0xFFFF)
            if used + units > room:
                break
            kept, used = kept + 1, used + units
        escaped = _xml_escaped(value[:kept])
    return _RUN_OPEN + escaped + _RUN_CLOSE


_RUN_OPEN, _RUN_CLOSE = '<r><t xml:space="preserve">', "</t></r>"


def _sheet_part(ws: Worksheet) -> str:
    """The file of the package xlsxwriter writes ws to."""
    return f"xl/worksheets/sheet{ws.index + 1}.xml"


_LABEL_FLAGS = ("showLegendKey", "showVal", "showCatName", "showSerName", "showPercent", "showBubbleSize")
_FLAG_SHOWN = re.compile(r'<c:(show(?:LegendKey|Val|CatName|SerName|Percent|BubbleSize)) val="1"/>')
_AFTER_FLAGS = re.compile(r"<c:separator>|<c:showLeaderLines |<c:leaderLines>|<c:extLst>|</c:dLbls>")


def explicit_label_flags(chart: Any) -> None:
    """chart's data labels written with each of their parts said shown or not, as Excel writes them.

    xlsxwriter writes only the parts shown (<c:showVal val="1"/>); Excel takes a part left out as hidden,
    LibreOffice as shown: each slice of the Summary's pie was labelled 'category; series; value; percent'
    there, the bars' labels ran over each other. The labels as xlsxwriter writes them, then every flag of the
    six with val 0 or 1, in the schema's place (after the position; before the separator, the leader lines and
    the extensions, where xlsxwriter writes the leader lines of a chart other than a pie).
    Custom labels (<c:dLbl>, none here) are left as written. The writer set on the chart holds the chart:
    Workbook.close takes it off again."""
    write = chart._write_d_lbls

    def with_flags(labels: Any) -> None:
        fh, chart.fh = chart.fh, io.StringIO()
        try:
            write(labels)
            xml = chart.fh.getvalue()
        finally:
            chart.fh = fh
        if xml and "<c:dLbl>" not in xml:
            shown = set(_FLAG_SHOWN.findall(xml))
            xml = _FLAG_SHOWN.sub("", xml)
            at = cast(re.Match[str], _AFTER_FLAGS.search(xml)).start()
            flags = "".join(f'<c:{flag} val="{int(flag in shown)}"/>' for flag in _LABEL_FLAGS)
            xml = xml[:at] + flags + xml[at:]
        fh.write(xml)

    chart._write_d_lbls = with_flags


# The interface


@dataclass(frozen=True)
class ColumnFormats:
    """How a streamed column's cells are formatted, as xlsxwriter formats."""

    text: Format
    quoted: Format  # text starting with a risky character: the text format with quote_prefix
    number: Format  # numbers of a numeric column, dates of a date column
    numeric: bool = False  # numbers stay numbers; else they are written as their text
    # a whole number of a numeric column, where its number format would show a fraction's point: "0.0#" shows 15
    # as "15.0", and Excel and WPS show "0.##" as "15." (None: the number format)
    whole: Format | None = None
    date: bool = False  # dates stay dates; anything else in the column is text
    blank: bool = False  # an empty cell is still written, with the text format (borders of a sign-in sheet)
    days: bool = False  # of a date column: a datetime is written as its day (as Book.write writes a "date" cell)


# a chunk of a table's rows, as its columns -> each row's height in points (0: the default height)
HeightOf = Callable[[list[Sequence[object]]], list[float]]


class StreamedTables:
    """Tables added while the workbook is open, streamed into their sheets by write() once it is closed."""

    def __init__(self, risky: frozenset[str]) -> None:
        self.risky = risky  # texts starting with one of these are quote-prefixed
        self._tables: list[_Table] = []

    def add(self, ws: Worksheet, rows: Iterator[Sequence[object]] | Columns, count: int, first_row: int,
            columns: Sequence[ColumnFormats], height: float | Sequence[float] | None = None,
            height_of: HeightOf | None = None) -> None:
        """count rows of rows into ws from 0-based first_row; the next add() of the same rows goes on from there.
        height: every row's in points, or each row's (count of them: row_heights); height_of: each row's worked out
        from its values as the rows are written (a chunk's columns -> each row's points, 0 for the default)."""
        heights = None if height is None or isinstance(height, int | float) else tuple(height)
        if heights is not None and len(heights) != count:
            raise ValueError(f"{len(heights)} row heights for {count} rows")
        if height_of is not None and height is not None:
            raise ValueError("a table's row heights are given, or worked out from its rows, not both")
        self._tables.append(_Table(
            part=_sheet_part(ws), rows=rows, count=count, first_data_row=first_row + 1,
            columns=[_Column(_style_index(c.text), _style_index(c.quoted), _style_index(c.number),
                             numeric=c.numeric, blank=c.blank, date=c.date, days=c.days,
                             whole_style=_style_index(c.whole if c.whole is not None else c.number))
                     for c in columns],
            row_attrs=_height_attrs(height) if isinstance(height, int | float) else "", heights=heights,
            height_of=height_of))

    def write(self, path: Path) -> None:
        """Stream every table added into the closed workbook at path, replacing the file."""
        if not self._tables:
            return
        _inject(path, self._tables, self.risky)
        for rows in {id(table.rows): table.rows for table in self._tables}.values():
            if next(rows, None) is not None:
                raise RuntimeError("a table had more rows than announced; nothing was written")


class Columns:
    """A long table given a column at a time: an iterator of chunks, each a list of equal-length
    columns (lists or tuples). The streamed writers take its columns as they come, so no row is
    ever built; iterating it gives the rows (for a table short enough to be written cell by cell).
    """

    def __init__(self, chunks: Iterator[list[Sequence[object]]]) -> None:
        self._chunks = chunks
        self._buffer: collections.deque[list[Sequence[object]]] = collections.deque()  # fetched, not all taken
        self._offset = 0  # rows of the first buffered chunk already taken
        self._rows: Iterator[tuple[object, ...]] | None = None

    def _fetch(self) -> bool:
        """The next chunk with rows into the buffer; False at the end."""
        for chunk in self._chunks:
            if not chunk:
                raise RuntimeError("a table chunk without columns")
            if len(chunk[0]):
                self._buffer.append(chunk)
                return True
        return False

    def take(self, n: int) -> list[Sequence[object]]:
        """The next up to n rows (never past the end of a chunk), as columns; [] at the end."""
        if self._rows is not None:
            raise RuntimeError("a table's columns taken after its rows were read")
        if not self._buffer and not self._fetch():
            return []
        chunk, start = self._buffer[0], self._offset
        size = len(chunk[0])
        if start == 0 and size <= n:
            self._buffer.popleft()
            return chunk
        end = min(start + n, size)
        self._offset = end
        if end == size:
            self._buffer.popleft()
            self._offset = 0
        return [column[start:end] for column in chunk]

    def peek(self, n: int) -> list[tuple[object, ...]]:
        """The next up to n rows, left in place (chunks are fetched as needed)."""
        rows: list[tuple[object, ...]] = []
        i = 0
        while len(rows) < n and (i < len(self._buffer) or self._fetch()):
            start = self._offset if i == 0 else 0
            rows += itertools.islice(zip(*self._buffer[i], strict=True), start, start + n - len(rows))
            i += 1
        return rows

    def __iter__(self) -> Iterator[tuple[object, ...]]:
        return self

    def __next__(self) -> tuple[object, ...]:
        if self._rows is None:
            held = [itertools.islice(zip(*chunk, strict=True), self._offset if i == 0 else 0, None)
                    for i, chunk in enumerate(self._buffer)]
            self._buffer.clear()
            self._rows = itertools.chain(*held, itertools.chain.from_iterable(
                zip(*chunk, strict=True) for chunk in self._chunks))
        return next(self._rows)


EXCEL_EPOCH = dt.datetime(1899, 12, 31)  # day 0 of Excel's 1900 date system: 1900-01-01 is 1
EXCEL_LEAP_DAY = 60  # Excel's 1900-02-29, a day that never was: every later date is one more


def excel_serial(value: dt.date) -> float:
    """The serial number xlsxwriter writes for a date: Excel's 1900 system, time as a fraction of a day."""
    moment = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())
    delta = moment.replace(tzinfo=None) - EXCEL_EPOCH
    days = delta.days + 1 if delta.days >= EXCEL_LEAP_DAY else delta.days
    return days + delta.seconds / 86400


# How the rows are written


@dataclass(frozen=True)
class _Column:
    """How one column's cells are written: style numbers and whether numbers stay numbers."""

    text_style: int
    quoted_style: int
    number_style: int
    numeric: bool
    blank: bool = False
    date: bool = False
    days: bool = False  # see ColumnFormats.days
    whole_style: int = -1  # a whole number's (ColumnFormats.whole); -1: number_style


@dataclass
class _Table:
    """A sheet whose data rows are written after the workbook is closed."""

    part: str  # e.g. xl/worksheets/sheet3.xml
    rows: Iterator[Sequence[object]] | Columns
    count: int  # rows this sheet takes from the iterator
    first_data_row: int  # 1-based Excel row of the first data row
    columns: list[_Column]
    row_attrs: str = ""  # e.g. ' ht="24" customHeight="1"'
    heights: tuple[float, ...] | None = None  # each row's height in points, where the rows differ (not row_attrs)
    height_of: HeightOf | None = None  # each row's height worked out from a chunk's columns (StreamedTables.add)


def _height_attrs(points: float | None) -> str:
    """A row's attributes for a height of points (none for no height)."""
    return f' ht="{points:g}" customHeight="1"' if points else ""


def row_opens(first: int, count: int, height: float | Sequence[float]) -> list[str]:
    """The opening tags of count rows from 1-based row first, of one height or each its own (points)."""
    if isinstance(height, int | float):
        row_open = f'<row r="{ROW_MARK}"{_height_attrs(height)}>'
        return [row_open.replace(ROW_MARK, str(r)) for r in range(first, first + count)]
    return [f'<row r="{r}"{_height_attrs(points)}>' for r, points in zip(range(first, first + count), height,
                                                                         strict=True)]


def _text(value: str) -> str:
    return _control_escaped(_xml_escaped(value))


def _xml_escaped(value: str) -> str:
    if "&" in value or "<" in value or ">" in value:
        value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return value


def _control_escaped(value: str) -> str:
    if "_x" in value:
        value = _CONTROL_ESCAPE.sub(r"_x005F\1", value)
    if not value.isprintable():  # control characters and U+FFFE/U+FFFF are among what is not
        if _CONTROL.search(value):
            value = _CONTROL.sub(lambda m: f"_x{ord(m.group(1)):04X}_", value)
        if "\ufffe" in value or "\uffff" in value:  # not characters in XML: escaped as xlsxwriter does
            value = value.replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")
    return value


EXCEL_TEXT_MAX = 32_767  # UTF-16 units in a cell; longer text is cut, as xlsxwriter cuts it


def _fit_cell(value: str) -> str:
    if len(value) <= EXCEL_TEXT_MAX // 2:  # cannot be too long: skip the slower count
        return value
    units = value.encode("utf-16-le", "surrogatepass")
    if len(units) <= 2 * EXCEL_TEXT_MAX:
        return value
    cut = units[: 2 * EXCEL_TEXT_MAX]
    if 0xD8 <= cut[-1] <= 0xDB:  # never half of a character above U+FFFF
        cut = cut[:-2]
    return cut.decode("utf-16-le", "surrogatepass")


class _SharedStrings:
    """The workbook's shared string table: xlsxwriter's own entries, then the streamed tables' texts.

    xlsxwriter's entries are known by their <si> XML, so a text it already stored is found again
    without reading its escapes back; the texts added here, by the text itself.
    """

    def __init__(self, xml: bytes) -> None:
        opening = _SST_OPEN.search(xml)
        if opening is None:
            raise RuntimeError(f"{SHARED_STRINGS}: no <sst> element")
        entries = _SI.findall(xml, opening.end())
        self.written: dict[str, int] = {si.decode("utf-8"): i for i, si in reversed(list(enumerate(entries)))}
        self.entries: list[bytes] = entries
        self.added: list[str] = []
        self.by_text: dict[str, int] = {}
        count = re.search(rb' count="(\d+)"', opening.group())
        self.count = int(count.group(1)) if count else len(entries)  # cells referring to the table

    def __call__(self, value: str) -> int:
        """The index of a non-empty text, added at the end when new."""
        index = self.by_text.get(value)
        if index is None:
            text = _text(_fit_cell(value))
            space = ' xml:space="preserve"' if text[0].isspace() or text[-1].isspace() else ""
            si = f"<si><t{space}>{text}</t></si>"
            index = self.written.get(si)  # one of xlsxwriter's own
            if index is None:
                index = len(self.entries) + len(self.added)
                self.added.append(si)
            self.by_text[value] = index
        return index

    def xml(self) -> Iterator[bytes]:
        unique = len(self.entries) + len(self.added)
        yield (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{SST_NS}" '
               f'count="{self.count}" uniqueCount="{unique}">').encode()
        yield b"".join(self.entries)
        for start in range(0, len(self.added), 10_000):
            yield "".join(self.added[start:start + 10_000]).encode("utf-8")
        yield b"</sst>"


def is_number(value: object) -> TypeGuard[int | float]:
    """A value Excel can hold as a number: an int or a finite float (inf, nan and booleans are written as text)."""
    return (isinstance(value, int) and not isinstance(value, bool)) or (isinstance(value, float) and math.isfinite(value))


def is_whole(value: int | float) -> bool:
    """A number with no fraction to two places, as "0.0#" shows it (15, 15.0, 14.999, a sum of ten 0.1s): written
    in a column's whole-number format (ColumnFormats.whole), not as 15.0."""
    return type(value) is int or round(float(value), 2).is_integer()


def _cell_tail(value: object, col: _Column, risky: frozenset[str], strings: _SharedStrings) -> str:
    """Everything of a cell's XML after '<c r="A1"'."""
    if type(value) is str:
        style = col.quoted_style if value[:1] in risky else col.text_style
        return f' s="{style}" t="s"><v>{strings(value)}</v></c>'
    if col.numeric and is_number(value):
        style = col.whole_style if col.whole_style >= 0 and is_whole(value) else col.number_style
        return f' s="{style}"><v>{value:.16G}</v></c>'
    if col.date and isinstance(value, dt.date):
        day = dt.date.fromordinal(value.toordinal()) if col.days and type(value) is not dt.date else value
        return f' s="{col.number_style}"><v>{excel_serial(day):.16G}</v></c>'
    if isinstance(value, float):
        text = f"{value:g}"
    elif isinstance(value, dt.date):
        text = value.isoformat()
    elif isinstance(value, list | tuple):  # a list of values, as Book.write writes it: 列；表
        text = LIST_JOINER.join(map(str, value))
    else:
        text = str(value)
    return _cell_tail(text, col, risky, strings) if text else ""


LIST_JOINER = "；"  # a list's values in one cell


MEMO_LIMIT = 50_000  # rendered cells remembered per column: units, levels, topics, reasons repeat
ROW_MARK = "\x00"  # stands for the row number in a rendered cell; never in cell text (escaped as _x0000_)


_Memos = dict[tuple[int, _Column], "_ColumnMemo"]


def _render(table: _Table, risky: frozenset[str], strings: _SharedStrings,
            shared: _Memos | None = None) -> Iterator[tuple[str, int]]:
    """(XML of a chunk of rows, rows in it); the iterator is consumed for exactly table.count rows.

    Cells are rendered a column at a time through a memo of whole cell elements, with ROW_MARK where
    the row number goes; a row is then one join and one replace. Texts are remembered by value;
    whole numbers, fractions and dates each in a memo of their own, so 1, 1.0 and True never share
    a cell (_ColumnMemo).
    """
    shared = {} if shared is None else shared
    width = len(table.columns)
    for c, col in enumerate(table.columns):
        if (c, col) not in shared:  # a workbook's tables share the renderings of equal columns
            shared[c, col] = _cell_memo(c, col, risky, strings)
    memos = [shared[c, col] for c, col in enumerate(table.columns)]
    row_open = f'<row r="{ROW_MARK}"{table.row_attrs}>'
    r = table.first_data_row
    remaining = table.count
    while remaining > 0:
        columns = _take_columns(table.rows, min(CHUNK_ROWS, remaining), width)
        if not columns:
            break
        rows = len(columns[0])
        cells_by_column = [memo.cells(values) for memo, values in zip(memos, columns, strict=True)]
        if table.height_of is not None:  # each row as tall as its values need
            opens = row_opens(r, rows, table.height_of(columns))
            parts = [(tag + "".join(row) + "</row>").replace(ROW_MARK, str(n)) for n, tag, row in
                     zip(range(r, r + rows), opens, zip(*cells_by_column, strict=True), strict=True)]
        elif table.heights is None:
            parts = [(row_open + "".join(row) + "</row>").replace(ROW_MARK, str(n))
                     for n, row in zip(range(r, r + rows), zip(*cells_by_column, strict=True), strict=True)]
        else:  # each row of its own height
            at = r - table.first_data_row
            opens = row_opens(r, rows, table.heights[at:at + rows])
            parts = [(tag + "".join(row) + "</row>").replace(ROW_MARK, str(n)) for n, tag, row in
                     zip(range(r, r + rows), opens, zip(*cells_by_column, strict=True), strict=True)]
        r += rows
        remaining -= rows
        xml = "".join(parts)
        strings.count += xml.count(' t="s">')  # texts live in the table: the sheet holds none to miscount
        yield xml, rows


def _take_columns(source: Iterator[Sequence[object]] | Columns, n: int, width: int) -> list[Sequence[object]]:
    """The next up to n rows of a table as its width columns ([] at the end); short rows padded with None."""
    if isinstance(source, Columns):
        columns = source.take(n)
        if columns and len(columns) != width:
            raise RuntimeError(f"a table of {width} columns was given {len(columns)}")
        return columns
    chunk = list(itertools.islice(source, n))
    if not chunk:
        return []
    if any(len(values) != width for values in chunk):
        chunk = [(tuple(values) + (None,) * width)[:width] for values in chunk]
    return list(zip(*chunk, strict=True))


class _ColumnMemo:
    """Renderings of a column's values, remembered: texts by value (reseed() puts back the fixed
    entries when the memo is cleared), whole numbers, fractions and dates each in a memo of their own,
    so 1, 1.0 and True never share a rendering; other values (a datetime among them: two of other time
    zones can be equal and render apart) are rendered every time."""

    def __init__(self, render: Callable[[object], str], reseed: Callable[[dict[object, str]], None],
                 limit: int) -> None:
        self.render, self.reseed, self.limit = render, reseed, limit
        self.texts: dict[object, str] = {}
        self.numbers: dict[type, dict[object, str]] = {int: {}, float: {}, dt.date: {}}  # a deadline repeats
        reseed(self.texts)

    def cells(self, values: Sequence[object]) -> list[str]:
        """The renderings of a chunk of the column's values.

        A chunk of one kind (texts and blanks, or whole numbers, fractions or dates) renders each missing
        value once and looks the chunk up again, at C speed; a mixed chunk goes value by value.
        """
        kinds = set(map(type, values))
        kinds.discard(type(None))
        if kinds <= {str}:
            same_kind: dict[object, str] | None = self.texts
        elif len(kinds) == 1 and (kind := kinds.pop()) in self.numbers and None not in values:
            same_kind = self.numbers[kind]
        else:
            same_kind = None
        cells = _lookup(self.texts if same_kind is None else same_kind, values)
        if None in cells and same_kind is not None:
            for value in dict.fromkeys(itertools.compress(values, map(operator.is_, cells, itertools.repeat(None)))):
                if value or type(value) is not float:  # not 0.0: -0.0 equals it and renders apart
                    self._keep(same_kind, value, self.render(value))
            cells = _lookup(same_kind, values)
        for i in _gaps(cells):  # a mixed chunk, zeros, or values the full memo forgot
            value = values[i]
            kind = type(value)
            # a zero fraction rendered every time: -0.0 equals 0.0 and renders apart
            memo = self.texts if kind is str else None if kind is float and not value else self.numbers.get(kind)
            hit = memo.get(value) if memo is not None else None  # a value repeated within the chunk
            if hit is None:
                hit = self.render(value)
                if memo is not None:
                    self._keep(memo, value, hit)
            cells[i] = hit
        return cells

    def _keep(self, memo: dict[object, str], value: object, rendering: str) -> None:
        if len(memo) >= self.limit:  # rows come grouped (a cadre's needs together): forget, keep going
            memo.clear()
            if memo is self.texts:
                self.reseed(memo)
        memo[value] = rendering


def _gaps(cells: list[Any]) -> Iterator[int]:
    """Indexes of the None entries, found at C speed (most cells of a column are memo hits)."""
    i = -1
    while True:
        try:
            i = cells.index(None, i + 1)
        except ValueError:
            return
        yield i


def _cell_memo(c: int, col: _Column, risky: frozenset[str], strings: _SharedStrings) -> _ColumnMemo:
    """Whole cell elements of column c, ROW_MARK where the row number goes; blanks written only when
    the column keeps its borders on empty cells."""
    prefix = f'<c r="{xl_col_to_name(c)}{ROW_MARK}"'
    blank = f'{prefix} s="{col.text_style}"/>' if col.blank else ""

    def render(value: object) -> str:
        tail = _cell_tail(value, col, risky, strings)
        return prefix + tail if tail else ""

    def reseed(memo: dict[object, str]) -> None:
        memo[None] = memo[""] = blank

    return _ColumnMemo(render, reseed, MEMO_LIMIT)


def _lookup(memo: dict[object, Any], values: Sequence[object]) -> list[Any]:
    """memo.get of every value; None where absent (numbers, dates and unhashable values always are)."""
    try:
        return list(map(memo.get, values))
    except TypeError:  # an unhashable value in the column
        return [memo.get(v) if type(v) is str or v is None else None for v in values]


def _inject(path: Path, tables: list[_Table], risky: frozenset[str]) -> None:
    """Copy the package at path, streaming each deferred table into its sheet; replaces path.

    The shared string table, grown by the tables' texts, is written last.
    """
    by_part = {t.part: t for t in tables}
    shared: _Memos = {}
    out_path = path.with_name(path.name + ".rows")
    try:
        with zipfile.ZipFile(path) as src, _FastZipFile(out_path, "w", zipfile.ZIP_DEFLATED,
                                                         compresslevel=COMPRESS_LEVEL) as dst:
            try:
                sst_info = src.getinfo(SHARED_STRINGS)
            except KeyError:  # the Book writes every table's header as text, so there is one
                raise RuntimeError(f"{path.name}: no shared string table to add the tables' texts to") from None
            strings = _SharedStrings(src.read(sst_info))
            for info in src.infolist():
                if info.filename == SHARED_STRINGS:
                    continue
                data = src.read(info.filename)
                table = by_part.get(info.filename)
                if table is None:
                    dst.writestr(info, data, compresslevel=COMPRESS_LEVEL)
                else:
                    _write_sheet(dst, info, data, table, risky, strings, shared)
            sst = zipfile.ZipInfo(SHARED_STRINGS, date_time=sst_info.date_time)
            sst.compress_type = zipfile.ZIP_DEFLATED
            _set_level(sst)
            with dst.open(sst, "w", force_zip64=True) as handle:
                for part in strings.xml():
                    handle.write(part)
        os.replace(out_path, path)
    finally:
        if out_path.exists():
            out_path.unlink()


def _write_sheet(dst: zipfile.ZipFile, info: zipfile.ZipInfo, stub: bytes, table: _Table,
                 risky: frozenset[str], strings: _SharedStrings, shared: _Memos) -> None:
    end = stub.rindex(b"</sheetData>")
    head, tail = stub[:end], stub[end:]
    total = 0
    target = zipfile.ZipInfo(info.filename, date_time=info.date_time)
    target.compress_type = zipfile.ZIP_DEFLATED
    _set_level(target)
    with dst.open(target, "w", force_zip64=True) as handle:
        last_row = table.first_data_row - 1
        width = xl_col_to_name(len(table.columns) - 1)
        # the dimension is only known after the rows; it is rewritten from the expected count
        expected_last = last_row + table.count
        head = _DIMENSION.sub(f'<dimension ref="A1:{width}{max(expected_last, 1)}"/>'.encode(), head, count=1)
        handle.write(head)
        for chunk, rows in _render(table, risky, strings, shared):
            handle.write(chunk.encode("utf-8"))
            total += rows
        handle.write(tail)
    if total != table.count:
        raise RuntimeError(f"{info.filename}: expected {table.count} rows, got {total}")


def _set_level(info: zipfile.ZipInfo) -> None:
    """The part written at COMPRESS_LEVEL (zipfile names the attribute differently by version)."""
    setattr(info, "compress_level" if hasattr(info, "compress_level") else "_compresslevel", COMPRESS_LEVEL)
