"""A large worksheet parsed in two processes: the run parses the rows of the first part of its XML, a forked copy
of the run those of the rest, and the two grids are joined into the one calamine gives of the whole sheet.

Each process hands calamine a workbook of its own, made in memory (never a file: a roster holds personal data):
the package's parts as they are, but the other worksheets, and the sheet's XML cut at a row: the run's keeps the
rows before the cut, the copy's the rows from it on and what follows them (the merged ranges). calamine places
every cell by its own reference (r="C12"), so each part's cells land where they do in the whole sheet; a part
with a row or cell that has none (calamine counts those in order), a namespace prefix or a CDATA section is not
cut, and the run parses the whole sheet, as it does where the copy fails, is stuck or sends what does not unpack.
"""

from __future__ import annotations

import functools
import io
import pickle
import re
import zipfile
import zlib
from typing import Any

from python_calamine import CalamineError, CalamineWorkbook

from needscli.core.need_shares import Start  # work beside the run (reports.parallel.Forked.start)
from needscli.io.extent import sheet_parts

Row = list[object]
Merge = tuple[tuple[int, int], tuple[int, int]]
Cell = tuple[int, int]
# a sheet as _parse_workbook uses it: its rows from A1 (skip_empty_area=False), its merged ranges, its first cell
Grid = tuple[list[Row], list[Merge], Cell | None]

PARSE_SHARE = 0.6  # of a sheet parsed in two processes, the part of its XML the run parses; the copy unpacks it all
_HEAD_MOST = 1 << 20  # <sheetData> comes after the sheet's views and columns: this far in, or the sheet is not cut
_READ_BYTES = 16 << 20  # a part is unpacked a piece at a time (the copy keeps none of the run's part)
_ROW = b"<row "
_HEAD = re.compile(rb"<worksheet[\s>].*?<sheetData>", re.DOTALL)  # no prefix: the cut looks for <row, </sheetData>
_NOTHING = b"-"  # the copy's answer where its part holds no row: the run's part is the whole sheet's
_UNCUT = b"="  # its answer where its part is not to be cut (see the module's docstring)
_FAILED = (CalamineError, ValueError, OSError, EOFError, RuntimeError, zipfile.BadZipFile, zlib.error,
           NotImplementedError, KeyError)


class Halves:
    """The largest worksheet of a workbook, where its XML is limits.parse_split_bytes or more, parsed in two
    processes: the copy is forked (begin_halves) before the run starts any thread, so that it copies none holding
    a lock, and its grid taken (grid) as the run parses its sheets. stop() it once done, whatever happened."""

    def __init__(self, archive: zipfile.ZipFile | None = None, name: str = "", part: str = "", cut: int = 0,
                 there: Any = None) -> None:
        self.archive, self.name, self.part, self.cut, self.there = archive, name, part, cut, there

    def grid(self, name: str) -> Grid | None:
        """The grid calamine gives of the whole sheet `name`, joined from the two processes' parts; None where it
        is not the sheet parsed in halves, its XML is not cut (see the module's docstring) or a part failed: the
        caller parses it whole, as it would have, and says what is wrong with it where something is."""
        if self.archive is None or self.there is None or name != self.name:
            return None
        try:
            return self._joined()
        except _FAILED:
            return None
        finally:
            self.stop()

    def _joined(self) -> Grid | None:
        assert self.archive is not None and self.there is not None
        with self.archive.open(self.part) as stream:
            data = bytearray()
            while len(data) < self.cut and (piece := stream.read(min(_READ_BYTES, self.cut - len(data)))):
                data += piece  # a piece at a time: the part's bytes held once
            at = data.find(_ROW, self.cut)
            while at < 0 and (more := stream.read(1 << 16)):
                data += more
                at = data.find(_ROW, self.cut)
        if at < 0:  # no row past the cut: the sheet parsed whole (its merged ranges follow its rows)
            return None
        del data[at:]  # in place: at a million cadres the part is 600 MB
        data += b"</sheetData></worksheet>"
        sheet = _sheet(self.archive, self.name, self.part, data)
        del data
        mine = sheet.start, sheet.end, sheet.to_python(skip_empty_area=False)
        found = self.there.result()
        if found is None or found in (_NOTHING, _UNCUT):  # the copy failed, or its part is not to be cut
            return None
        try:
            start, end, grid, merges = pickle.loads(found)  # noqa: S301 - our own child's pipe
        except Exception:  # bytes that are not what _copy_share packs (never seen): as if it had failed
            return None
        return _join(mine, (start, end, grid, merges))

    def stop(self) -> None:
        if self.there is not None:
            self.there.stop()
            self.there = None
        if self.archive is not None:
            self.archive.close()
            self.archive = None


def begin_halves(path: str, start: Start | None, split_bytes: int) -> Halves:
    """The workbook's largest worksheet, where its XML is split_bytes or more, begun to be parsed in two processes,
    the second started by start (Forked.start; None: in one)."""
    if start is None:
        return Halves()
    try:
        archive = zipfile.ZipFile(path)
    except _FAILED:
        return Halves()
    try:
        sizes = [(archive.getinfo(part).file_size, -i, name, part) for i, (name, part) in
                 enumerate(sheet_parts(archive))]
        size, _, name, part = max(sizes, default=(0, 0, "", ""))
        if size < split_bytes:
            archive.close()
            return Halves()
        cut = int(size * PARSE_SHARE)
        with archive.open(part) as stream:
            head = stream.read(min(cut, _HEAD_MOST))
        there = start(functools.partial(_copy_share, path, name, part, cut)) if _HEAD.search(head) else None
        if there is None:
            archive.close()
            return Halves()
        return Halves(archive, name, part, cut, there)
    except _FAILED:  # the checks and the parse say what is wrong with the file
        archive.close()
        return Halves()
    except BaseException:
        archive.close()
        raise


def _copy_share(path: str, name: str, part: str, cut: int) -> bytes:
    """The copy's share: the grid of the rows from the first <row at or past byte `cut` on (calamine's from its
    first cell: skip_empty_area), its first and last cells, and the sheet's merged ranges (after the rows),
    pickled; or _NOTHING (no row there) or _UNCUT."""
    with zipfile.ZipFile(path) as archive:
        with archive.open(part) as stream:
            first = stream.read(min(cut, _HEAD_MOST))
            head = _HEAD.search(first)
            if head is None:
                return _UNCUT
            skipped = len(first)
            while skipped < cut:  # the run's part unpacked and let go of, a piece at a time
                piece = stream.read(min(_READ_BYTES, cut - skipped))
                if not piece:
                    return _NOTHING
                skipped += len(piece)
            rest = stream.read()
        at, end = rest.find(_ROW), rest.rfind(b"</sheetData>")
        if at < 0:
            return _NOTHING
        if end < at or not _placed(rest, at, end):
            return _UNCUT
        sheet = _sheet(archive, name, part, first[:head.end()] + rest[at:])
    grid = sheet.to_python(skip_empty_area=True)
    return pickle.dumps((sheet.start, sheet.end, grid, sheet.merged_cell_ranges), protocol=pickle.HIGHEST_PROTOCOL)


def _placed(xml: bytes, start: int, end: int) -> bool:
    """Whether every row and cell of xml[start:end] carries its own reference (calamine placing none by counting),
    and nothing hides markup there (CDATA)."""
    return (xml.find(b"<row>", start, end) < 0 and xml.find(b"<c>", start, end) < 0
            and xml.find(b"<![CDATA[", start, end) < 0
            and xml.count(b"<row ", start, end) == xml.count(b'<row r="', start, end)
            and xml.count(b"<c ", start, end) == xml.count(b'<c r="', start, end))


def _sheet(archive: zipfile.ZipFile, name: str, part: str, xml: bytes | bytearray) -> Any:
    """calamine's sheet `name` of the package with its part holding xml (_book)."""
    return CalamineWorkbook.from_filelike(_book(archive, part, xml)).get_sheet_by_name(name)


_LEFT_OUT = ("xl/worksheets/", "xl/media/", "xl/drawings/", "xl/charts/", "xl/embeddings/", "xl/pivotCache",
             "xl/pivotTables/", "xl/printerSettings/", "xl/externalLinks/")


def _book(archive: zipfile.ZipFile, part: str, xml: bytes | bytearray) -> io.BytesIO:
    """A workbook in memory: the package's parts but those calamine does not read for a sheet's values (the other
    worksheets, pictures, charts, pivot tables ...), the sheet's part holding xml; stored, not compressed."""
    book = io.BytesIO()
    with zipfile.ZipFile(book, "w", zipfile.ZIP_STORED) as out:
        for info in archive.infolist():
            if info.filename == part:
                out.writestr(part, xml)
            elif not info.filename.startswith(_LEFT_OUT) and not info.is_dir():
                out.writestr(info.filename, archive.read(info))
    book.seek(0)
    return book


def _join(mine: tuple[Cell | None, Cell | None, list[Row]],
          theirs: tuple[Cell | None, Cell | None, list[Row], list[Merge]]) -> Grid:
    """The whole sheet's grid from the run's part's (from A1) and the copy's (from its first cell): as wide as
    the wider, the rows between the two empty, each row a list of its own (merged cells are filled in place)."""
    first, last, rows = mine
    start, end, grid, merges = theirs
    if start is None or end is None:  # no cell past the cut
        return rows, merges, first
    width = max(end[1], last[1] if last is not None else -1) + 1
    out = [row + [""] * (width - len(row)) if len(row) < width else row for row in rows]
    out += [[""] * width for _ in range(start[0] - len(out))]
    left, right = [""] * start[1], [""] * (width - end[1] - 1)
    out += [left + row + right for row in grid] if left or right else grid
    corner = start if first is None else (min(first[0], start[0]), min(first[1], start[1]))
    return out, merges, corner
