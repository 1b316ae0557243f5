"""A large worksheet parsed in two processes: the run parses the rows of the first part of its XML, a forked copy
of the run those of the rest, and the two grids are joined into the one calamine gives of the whole sheet.

Each process hands calamine a workbook of its own, written a piece at a time into memory (an anonymous file,
memfd, never one on a disk: a roster holds personal data, and the memory goes with the process): the package's
parts as they are, but the other worksheets, pictures and charts, and the sheet's XML cut at the first <row at or
past a byte: the run's keeps the rows before the cut, the copy's the rows from it on and what follows them (the
merged ranges). calamine places every cell by its own reference (r="C12"), so each part's cells land where they
do in the whole sheet. The sheet is parsed whole, as it would have been, where the copy's part has a row or cell
that carries no reference of its own (calamine counts those in order) or a CDATA section, where <worksheet> or
<sheetData> has a namespace prefix, where the rows of the two parts are not in order (a row of the copy's at or
above the last of the run's: calamine would merge or place them as one parse does), and where the copy fails, is
stuck or sends what does not unpack, or a part does not parse (a damaged sheet then says what it says whole).
Without memfd (other systems than Linux) no sheet is parsed in halves.
"""

from __future__ import annotations

import contextlib
import functools
import os
import pickle
import re
import shutil
import zipfile
import zlib
from collections.abc import Iterator
from typing import IO, Any, cast

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
_READ_BYTES = 16 << 20  # the part is unpacked and written a piece at a time: no process holds it whole
_ROW = b"<row "
_END = b"</sheetData>"
_HEAD = re.compile(rb"<worksheet[\s>].*?<sheetData>", re.DOTALL)  # no prefix: the cut looks for <row, </sheetData>
_NOTHING = b"-"  # the copy's answer where no row follows the cut: the run's part would be the whole sheet
_UNCUT = b"="  # its answer where its part is not to be cut (see the module's docstring)
_FAILED = (CalamineError, ValueError, OSError, EOFError, RuntimeError, zipfile.BadZipFile, zlib.error,
           NotImplementedError, KeyError, MemoryError)
_LEFT_OUT = ("xl/worksheets/", "xl/media/", "xl/drawings/", "xl/charts/", "xl/embeddings/", "xl/pivotCache",
             "xl/pivotTables/", "xl/printerSettings/", "xl/externalLinks/", "xl/model/", "xl/vbaProject",
             "xl/activeX/", "customXml/", "docProps/thumbnail")  # a Power Pivot model may be hundreds of MB
_SEEK_BYTES = 1 << 16  # read at a time looking for the first row past the cut


class Halves:
    """The largest worksheet of a workbook, where its XML is limits.parse_split_bytes or more, parsed in two
    processes: the copy is forked (begin_halves) before the parse's thread starts (files.beside_parse), and its
    grid taken (grid) as the run parses its sheets. stop() it once done, whatever happened."""

    def __init__(self, archive: zipfile.ZipFile | None = None, name: str = "", part: str = "", cut: int = 0,
                 there: Any = None) -> None:
        self.archive, self.name, self.part, self.cut, self.there = archive, name, part, cut, there

    def grid(self, name: str) -> Grid | None:
        """The grid calamine gives of the whole sheet `name`, joined from the two processes' parts; None where it
        is not the sheet parsed in halves or is not cut (see the module's docstring): the caller parses it whole,
        as it would have, and says what is wrong with it where something is."""
        if self.archive is None or self.there is None or name != self.name:
            return None
        try:
            return self._joined(self.archive, self.there)
        except _FAILED:
            return None
        finally:
            self.stop()

    def _joined(self, archive: zipfile.ZipFile, there: Any) -> Grid | None:
        with _in_memory() as (book, path):
            if _write_book(archive, self.part, book, functools.partial(_mine, cut=self.cut)) is not None:
                return None  # no row past the cut (or it is past the rows): the sheet parsed whole
            sheet = CalamineWorkbook.from_path(path).get_sheet_by_name(self.name)
        mine = sheet.start, sheet.end, cast(list[Row], sheet.to_python(skip_empty_area=False))
        found = there.result()
        if found is None or found in (_NOTHING, _UNCUT):  # the copy failed, or its part is not to be cut
            return None
        try:
            start, end, grid, merges = pickle.loads(found)  # noqa: S301 - our own child's pipe
        except Exception:  # bytes that are not what _copy_share packs (never seen): as if it had failed
            return None
        del found  # the pickled rows let go of before the grids are joined
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
    if start is None or not hasattr(os, "memfd_create"):
        return Halves()
    try:
        archive = zipfile.ZipFile(path)
    except _FAILED:
        return Halves()
    try:
        # the workbook's own sheets: a part no sheet names is never asked for by name
        sizes = [(archive.getinfo(part).file_size, -i, name, part) for i, (name, part) in
                 enumerate(sheet_parts(archive)) if name != part]
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
    with zipfile.ZipFile(path) as archive, _in_memory() as (book, memory):
        refusal = _write_book(archive, part, book, functools.partial(_theirs, cut=cut))
        if refusal is not None:
            return refusal
        sheet = CalamineWorkbook.from_path(memory).get_sheet_by_name(name)
    grid = sheet.to_python(skip_empty_area=True)
    return pickle.dumps((sheet.start, sheet.end, grid, sheet.merged_cell_ranges), protocol=pickle.HIGHEST_PROTOCOL)


@contextlib.contextmanager
def _in_memory() -> Iterator[tuple[IO[bytes], str]]:
    """An anonymous file in memory (memfd) and the path calamine opens it by; gone once closed."""
    fd = os.memfd_create("needscli-sheet", os.MFD_CLOEXEC)
    with open(fd, "w+b") as file:
        yield file, f"/proc/self/fd/{fd}"


def _write_book(archive: zipfile.ZipFile, part: str, file: IO[bytes], write_part: Any) -> bytes | None:
    """A workbook into file: the package's parts but those calamine does not read for a sheet's values (the other
    worksheets, pictures, charts, pivot tables ...), copied a piece at a time, stored, not compressed; the sheet's
    part written by write_part(stream, out). None, or write_part's refusal (_NOTHING, _UNCUT): nothing to parse."""
    big = archive.getinfo(part).file_size >= 1 << 31
    with zipfile.ZipFile(file, "w", zipfile.ZIP_STORED) as out:
        for info in archive.infolist():
            if info.filename == part:
                with archive.open(part) as stream, out.open(part, "w", force_zip64=big) as into:
                    refusal = write_part(stream, into)
                    if refusal is not None:
                        return cast(bytes, refusal)
            elif not info.filename.startswith(_LEFT_OUT) and not info.is_dir():
                with archive.open(info) as source, \
                        out.open(info.filename, "w", force_zip64=info.file_size >= 1 << 31) as into:
                    shutil.copyfileobj(source, into, _READ_BYTES)
    file.flush()
    return None


def _mine(stream: IO[bytes], out: IO[bytes], cut: int) -> bytes | None:
    """The run's part: the XML up to the first <row at or past byte cut, closed; _NOTHING where no row follows in
    the sheet's rows."""
    if not _read_to(stream, cut, 0, out) or _to_first_row(stream, out) is None:
        return _NOTHING
    out.write(b"</sheetData></worksheet>")
    return None


def _theirs(stream: IO[bytes], out: IO[bytes], cut: int) -> bytes | None:
    """The copy's part: the sheet's head to <sheetData>, then the XML from the first <row at or past byte cut to the
    end; _NOTHING or _UNCUT where it is not to be parsed."""
    first = stream.read(min(cut, _HEAD_MOST))
    head = _HEAD.search(first)
    if head is None:
        return _UNCUT
    rest = _to_first_row(stream, None) if _read_to(stream, cut, len(first), None) else None  # the run's let go of
    if rest is None:
        return _NOTHING
    out.write(first[:head.end()])
    pending = rest
    while True:
        more = stream.read(_READ_BYTES)
        text = pending + more
        at = len(text)
        if more:
            at = text.rfind(b"<")  # cut before a tag: no pattern looked for is split between two pieces
            if at <= 0:  # no tag begins past the first byte: taken with the next piece
                pending = text
                continue
        if not _placed(text[:at]):
            return _UNCUT
        out.write(text[:at])
        pending = text[at:]
        if not more:
            return None


def _read_to(stream: IO[bytes], cut: int, read: int, out: IO[bytes] | None) -> bool:
    """Read on from byte `read` to byte `cut` a piece at a time, writing it to out where given; False where the
    stream ends first."""
    while read < cut:
        piece = stream.read(min(_READ_BYTES, cut - read))
        if not piece:
            return False
        if out is not None:
            out.write(piece)
        read += len(piece)
    return True


def _to_first_row(stream: IO[bytes], out: IO[bytes] | None) -> bytes | None:
    """Read on to the first <row, the bytes before it written to out (where given); the bytes read from it on, or
    None where the stream ends first or the sheet's rows end first (</sheetData>)."""
    keep = max(len(_ROW), len(_END)) - 1  # a pattern may begin in a piece's last bytes
    carry = b""
    while more := stream.read(_SEEK_BYTES):
        carry += more  # the bytes not written yet: at most keep of them before this piece
        at, end = carry.find(_ROW), carry.find(_END)
        if 0 <= end and (at < 0 or end < at):
            return None
        if at >= 0:
            if out is not None:
                out.write(carry[:at])
            return carry[at:]
        if out is not None:
            out.write(carry[:-keep])
        carry = carry[-keep:]
    return None


def _placed(xml: bytes) -> bool:
    """Whether every row and cell of xml carries its own reference (calamine placing none by counting), and nothing
    hides markup there (CDATA)."""
    return (b"<row>" not in xml and b"<c>" not in xml and b"<![CDATA[" not in xml
            and xml.count(b"<row ") == xml.count(b'<row r="') and xml.count(b"<c ") == xml.count(b'<c r="'))


def _join(mine: tuple[Cell | None, Cell | None, list[Row]],
          theirs: tuple[Cell | None, Cell | None, list[Row], list[Merge]]) -> Grid | None:
    """The whole sheet's grid from the run's part's (from A1) and the copy's (from its first cell): as wide as
    the wider, the rows between the two empty, each row a list of its own (merged cells are filled in place).
    None where a row of the copy's is at or above the last of the run's (repeated or out of order)."""
    first, last, rows = mine
    start, end, grid, merges = theirs
    if start is None or end is None:  # no cell past the cut
        return rows, merges, first
    if last is not None and start[0] <= last[0]:
        return None
    width = max(end[1], last[1] if last is not None else -1) + 1
    out = [row + [""] * (width - len(row)) if len(row) < width else row for row in rows]
    out += [[""] * width for _ in range(start[0] - len(out))]
    left, right = [""] * start[1], [""] * (width - end[1] - 1)
    out += [left + row + right for row in grid] if left or right else grid
    corner = start if first is None else (min(first[0], start[0]), min(first[1], start[1]))
    return out, merges, corner
