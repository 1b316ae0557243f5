"""Open an input file: tell what it is, refuse hostile or broken ones, read its sheets as raw rows.

"""

from __future__ import annotations

import codecs
import contextlib
import contextvars
import csv
import errno
import faulthandler
import gc
import io
import itertools
import os
import pickle
import stat
import threading
import time
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TypeVar, cast

from python_calamine import CalamineError, CalamineWorkbook, SheetVisibleEnum

from needscli.config import LimitsConfig
from needscli.errors import NeedsError
from needscli.io.copies import copy_for_old_books
from needscli.io.extent import ErrorValue, Extent, SheetScan, Start, scan_sheet, sheet_parts
from needscli.io.halves import Halves, begin_halves
from needscli.io.number_formats import Padded, pad, padded_cells
from needscli.io.zipcheck import damaged_part, refusal

try:
    import resource
except ImportError:  # Windows: no copy reads an .xls there (no fork), nor is one held to a size
    resource = None  # type: ignore[assignment]

Row = list[object]
T = TypeVar("T")
Merge = tuple[tuple[int, int], tuple[int, int]]  # ((first row, first column), (last row, last column)), 0-based

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
CSV_SUFFIXES = {".csv", ".txt", ".tsv"}


@dataclass
class Sheet:
    """A sheet's cells as rows of raw values; rows[0] is Excel row 1."""

    name: str
    rows: list[Row]
    hidden: bool = False  # hidden in Excel (Format > Sheet > Hide): never taken as a further part of a roster
    # the Excel rows hidden in Excel or filtered out by an AutoFilter (of an .xlsx: read all the same)
    hidden_rows: tuple[int, ...] = ()
    # the cells holding a formula the file holds no result of (Excel row, column; 1-based): read as empty
    unvalued: tuple[tuple[int, int], ...] = ()
    text: bool = False  # the one sheet of a text file (CSV), named by the file: a message names the file alone
    # the columns hidden in Excel, (first, last) 1-based (of an .xlsx: an .xls's reader does not tell them)
    hidden_columns: tuple[tuple[int, int], ...] = ()
    errors: tuple[ErrorValue, ...] = ()  # the cells holding an error value (#REF!), read as empty (of an .xlsx)

    def column_hidden(self, col: int) -> bool:
        """Whether the column (0-based, as rows index it) is hidden in Excel."""
        return any(first <= col + 1 <= last for first, last in self.hidden_columns)


_BESIDE_PARSE: contextvars.ContextVar[Callable[[], object] | None] = contextvars.ContextVar("beside_parse",
                                                                                            default=None)


@contextlib.contextmanager
def beside_parse(task: Callable[[], object]) -> Iterator[None]:
    """task() done in a thread of its own while calamine parses the first workbook read within the block, and
    joined as that parse ends: calamine lets go of the interpreter as it parses, so the thread takes the run
    no time (an import a later step needs: pyarrow's takes a few tenths of a second). No thread outlives the
    parse: a process forked later never copies one holding a lock. task's errors are dropped: what it was to
    prepare is done again where it is needed, and fails there with its own message. Not done at all where
    no workbook is parsed (a CSV roster)."""
    with _set_within(_BESIDE_PARSE, task):
        yield


_BESIDE_SCAN: contextvars.ContextVar[Start | None] = contextvars.ContextVar("beside_scan", default=None)


@contextlib.contextmanager
def beside_scan(start: Start | None) -> Iterator[None]:
    """Within the block, a worksheet of limits.scan_split_bytes or more is checked for stray cells in two
    processes, the second started by start (reports.parallel.Forked.start; extent.scan_sheet); None: in one."""
    with _set_within(_BESIDE_SCAN, start):
        yield


_BESIDE_BUILD: contextvars.ContextVar[Start | None] = contextvars.ContextVar("beside_build", default=None)


@contextlib.contextmanager
def beside_build(start: Start | None) -> Iterator[None]:
    """Within the block, a roster of limits.build_split_rows rows or more has its cadres built in two processes,
    the second started by start (reports.parallel.Forked.start; tables.build_cadres); None: in one."""
    with _set_within(_BESIDE_BUILD, start):
        yield


_BESIDE_HALVES: contextvars.ContextVar[tuple[Start, int] | None] = contextvars.ContextVar("beside_halves",
                                                                                      default=None)


@contextlib.contextmanager
def beside_halves(start: Start | None, split_bytes: int) -> Iterator[None]:
    """Within the block, a workbook's largest worksheet of split_bytes of XML or more (limits.parse_split_bytes) is
    parsed in two processes, the second started by start (reports.parallel.Forked.start; io.halves); None: in one."""
    with _set_within(_BESIDE_HALVES, None if start is None else (start, split_bytes)):
        yield


def build_beside() -> Start | None:
    """What starts the second process of beside_build's block (tables.build_cadres); None outside one."""
    return _BESIDE_BUILD.get()


@contextlib.contextmanager
def _set_within(var: contextvars.ContextVar[T], value: T) -> Iterator[None]:
    """var set to value within the block, back to what it was after."""
    token = var.set(value)
    try:
        yield
    finally:
        var.reset(token)


def _quietly(task: Callable[[], object]) -> Callable[[], None]:
    def run() -> None:
        try:
            task()
        except Exception:  # done again where it is needed (beside_parse)
            pass
    return run


def _fail(path: Path, what: str) -> NeedsError:
    return NeedsError(f"{path.name}: {what}")


LINK_LOOP = "is a symbolic link that leads round in a loop (back to itself), so it names no file"


def is_link_loop(path: Path) -> bool:
    """Whether path is a symbolic link (or goes through one) that leads back to itself: it names no file."""
    try:
        os.stat(path)
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


def resolved(path: Path) -> Path:
    """path.resolve(), or the absolute path as spelled where its links lead round in a loop (Python 3.11 raises
    RuntimeError there, later ones OSError): the same key for the same spelling, for a file read as no file."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(path))


def sniff(path: Path) -> str:
    """'zip' (an .xlsx), 'xls' (an Excel 97-2003 workbook), 'ole' (a compound file under another name: an .xls
    renamed, or a password-protected .xlsx) or 'csv', or raise NeedsError saying what the file is and what to do."""
    if is_link_loop(path):
        raise _fail(path, f"{LINK_LOOP}; give the file itself")
    if not path.exists():
        raise _fail(path, "file not found; check the path")
    if path.is_dir():
        raise _fail(path, "is a folder; give a .xlsx, .xls or .csv file")
    if (kind := _not_regular(path)) is not None:  # never opened: a pipe's reader waits for a writer, a device never ends
        raise _fail(path, f"is {kind}, not a regular file; give the .xlsx, .xls or .csv file itself")
    if path.stat().st_size == 0:  # not a damaged workbook: nothing was saved into it
        raise _fail(path, "is empty (0 bytes): nothing was saved in it; save the table into it again, or give the "
                          "file that holds it")
    with path.open("rb") as handle:
        head = handle.read(8)
    suffix = path.suffix.lower()
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "zip"
    if head.startswith(_OLE_MAGIC):  # an Excel 97-2003 workbook; under another name, maybe an encrypted .xlsx
        return "xls" if suffix == ".xls" else "ole"
    if head.startswith(b"%PDF"):
        raise _fail(path, "is a PDF, not a spreadsheet; export the table as .xlsx or .csv")
    if suffix == ".xls":  # what systems export under .xls: text with tabs (read as it is), a web page, Excel's XML
        kind = _exported_as_xls(path)
        if kind == "text":
            return "csv"
        if kind is not None:
            raise _fail(path, f"is {kind} saved under .xls, not an Excel workbook; open it in Excel and save it as "
                              ".xlsx")
    if suffix in {".xlsx", ".xlsm", ".xlsb", ".ods"} and _exported_as_xls(path) == "text":
        raise _fail(path, f"is CSV text (lines of values separated by commas or tabs) named {suffix}, not a workbook; "
                          "rename it to .csv and run again")
    if suffix in {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}:
        raise _fail(path, f"is not a readable {suffix} file (damaged or renamed); save it again from Excel")
    if suffix in CSV_SUFFIXES or suffix == "":
        return "csv"
    if suffix in WPS_SUFFIXES:
        raise _fail(path, _WPS)
    raise _fail(path, f"is a {suffix} file; needscli reads .xlsx, .xls and .csv")


def _not_regular(path: Path) -> str | None:
    """What path names where it is no regular file (a link followed): a device, a pipe (FIFO) or a socket; else
    None. Told by its status alone: the file is not opened."""
    mode = path.stat().st_mode
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "no regular file"


_EXPORT_HEAD = 65536  # how much of a file named .xls is looked at to tell what a system exported under that name


def _exported_as_xls(path: Path) -> str | None:
    """What a file named .xls that is no Excel workbook holds, where a system's export says: "text" (lines of
    values separated by tabs or commas, a title line above them or not: read as a CSV is), "a web page (HTML)",
    "an Excel 2003 XML spreadsheet"; None: none of these."""
    with path.open("rb") as handle:
        head = handle.read(_EXPORT_HEAD)
    text = _head_text(head)
    if text is None:
        return None
    opening = text.lstrip("\ufeff \t\r\n")[:4096].casefold()
    if opening.startswith("<") and "urn:schemas-microsoft-com:office:spreadsheet" in opening:
        return "an Excel 2003 XML spreadsheet"
    # declarations (<?xml ...?>, <?mso-application ...?>) and comments before a document's first tag
    while opening.startswith(("<?", "<!--")) and (end := opening.find("?>" if opening[1] == "?" else "-->")) > 0:
        opening = opening[end + (2 if opening[1] == "?" else 3):].lstrip()
    if opening.startswith(("<html", "<!doctype html", "<table", "<meta", "<head", "<body", "<style")):
        return "a web page (HTML)"
    if opening.startswith(("<?", "<!")):  # some other XML: not a table of text
        return None
    lines = text.splitlines()[:30]
    return "text" if any("\t" in line or "," in line for line in lines[1:] or lines) else None


def _head_text(head: bytes) -> str | None:
    """The first bytes of a file as text (UTF-16 with its BOM, UTF-8, GB18030: as read_csv reads it), a character
    cut at their end left out; None: not text."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return head[:len(head) // 2 * 2].decode("utf-16")
        except UnicodeDecodeError as exc:  # a pair of surrogates cut at the end of the head, or not text
            return head[:exc.start].decode("utf-16") if exc.start >= len(head) - 4 else None
    if b"\x00" in head:
        return None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return head.decode(encoding)
        except UnicodeDecodeError as exc:
            if exc.start >= len(head) - 4:  # a character cut at the end of the head
                return head[:exc.start].decode(encoding, errors="ignore")
    return None


def check_zip(path: Path, limits: LimitsConfig) -> zipfile.ZipFile:
    """Refuse zip bombs, entity tricks and non-xlsx packages before any parser sees the file."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError):
        raise _fail(path, "is damaged or truncated (not a complete .xlsx); save it again from Excel") from None
    try:
        reason = refusal(archive, limits.max_zip_members, limits.max_uncompressed_bytes, limits.max_compression_ratio)
    except BaseException:
        archive.close()
        raise
    if reason is None and path.suffix in _OTHER_READERS:
        reason = f"is an .xlsx workbook named {path.suffix}; rename it to .xlsx and run again"
    if reason is not None:
        archive.close()
        raise _fail(path, reason)
    return archive


# the names the workbook reader opens with another format's reader, whatever the file holds (as written: .XLS is
# opened by what it holds): an .xlsx of such a name could not be read, and was said to be damaged
_OTHER_READERS = {".xls", ".xla", ".xlsb", ".ods"}


def read_workbook(path: Path, limits: LimitsConfig) -> list[Sheet]:
    """Every sheet of an .xlsx as raw rows, merged cells filled, after the safety checks."""
    with check_zip(path, limits) as archive:
        scans = check_sheets(path, archive, limits)
        padded = _padded_cells(path, archive)
    errors = {name: scan.errors for name, scan in scans.items() if scan.errors}  # those merged over more: parse's
    try:
        sheets = parse_workbook(str(path), padded, errors)
    except (CalamineError, ValueError, OSError):
        raise _fail(path, _unparsed(path, limits)) from None
    except BaseException as exc:
        if type(exc).__name__ != "PanicException":  # calamine's panic (pyo3's) is a BaseException of no module here
            raise
        raise _fail(path, _unparsed(path, limits)) from None
    return [Sheet(name, rows, hidden, hidden_rows=scan.hidden_rows, unvalued=scan.unvalued,
                  hidden_columns=scan.hidden_columns, errors=errors.get(name, ())) if (scan := scans.get(name))
            else Sheet(name, rows, hidden) for name, rows, hidden in sheets]


UNPARSED = "cannot be read as a workbook (damaged, or not saved by a spreadsheet program); save it again from Excel"


def _unparsed(path: Path, limits: LimitsConfig) -> str:
    """Why calamine could not read a workbook that passed the checks, in words: the part that does not unpack or
    whose XML is damaged, where one is; else UNPARSED. calamine's own errors name no part and speak its words
    (XmlError); a panic (a PanicException, not an Exception) is said so too, never as a traceback."""
    try:
        with check_zip(path, limits) as archive:
            return damaged_part(archive) or UNPARSED
    except NeedsError as exc:
        return exc.message.removeprefix(f"{path.name}: ")
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError):
        return UNPARSED


OLD_WORKBOOK_FAILED = ("cannot be read as an Excel 97-2003 workbook (password-protected or damaged); open it in "
                       "Excel and save it as .xlsx")
WPS_SUFFIXES = {".et", ".ett"}  # WPS 表格's own format: compound files much as an .xls is
_WPS = "is a WPS spreadsheet (.et) that cannot be read; open it in WPS and save it as .xlsx (Excel workbook), then run again"
_LOCKED = ("is password-protected (encrypted) or damaged; remove the password or save it again as .xlsx, then run "
           "again")
OLD_BOOK_MEMORY_SHARE = 16  # bytes the copy reading an .xls may take per byte of the file (measured: 7.4 at most)


def read_old_workbook(path: Path, limits: LimitsConfig, failed: str = OLD_WORKBOOK_FAILED) -> list[Sheet]:
    """Every sheet of an Excel 97-2003 .xls as raw rows, merged cells filled, as read_workbook reads an .xlsx.

    Within io.copies.beside_old_books' block the file is parsed by a copy of the process, which sends the sheets
    back through a pipe (never through a file) and may map limits.xls_memory_bytes more than it was forked with, or
    OLD_BOOK_MEMORY_SHARE times the file's size where that is more: calamine's reader of the old format panics or
    aborts its process on some damaged files (a block count read from garbage asks for terabytes). A copy that
    ends so (or fails to send them whole in limits.xls_wait_seconds) means the file cannot be read: failed says so
    (a damaged or password-protected file); one whose Python objects outgrow the cap says which limit to raise.
    Elsewhere, or where no copy can start, the file is parsed here, a panic said as the file being unreadable. A file past limits.max_uncompressed_bytes is refused before it is
    opened; each sheet's grid (a stray cell far out) and its merged ranges are held to the limits as an .xlsx's
    are."""
    size = path.stat().st_size
    if size > limits.max_uncompressed_bytes:
        raise _fail(path, f"is larger than {limits.max_uncompressed_bytes:,} bytes (limits.max_uncompressed_bytes in "
                          "the config); refused")
    start = copy_for_old_books()
    memory = max(limits.xls_memory_bytes, OLD_BOOK_MEMORY_SHARE * size)
    began = time.monotonic()
    beside = start(lambda: _old_sheets_sent(path, limits, failed, memory)) if start is not None else None
    if beside is None:
        try:
            return _old_sheets(path, limits, failed)
        except MemoryError:  # in this process, with no cap of its own: as a file that cannot be read
            raise _fail(path, failed) from None
    try:
        data = beside.result()
    finally:
        beside.stop()
    if data is None and time.monotonic() - began >= limits.xls_wait_seconds:
        raise _fail(path, f"was not read within {limits.xls_wait_seconds:g} seconds (limits.xls_wait_seconds in the "
                          "config); give it more time, or save it as .xlsx, which is read faster")
    if data is None:
        raise _fail(path, failed)
    kind, found = pickle.loads(data)  # noqa: S301 - our own copy's, through our own pipe
    if kind == "error":
        raise NeedsError(found)
    if kind == "memory":
        raise _fail(path, f"needs more memory to read than the {memory:,} bytes allowed (limits.xls_memory_bytes in "
                          "the config); raise it, or save the file as .xlsx")
    return [Sheet(name, rows, hidden) for name, rows, hidden in found]


def _old_sheets_sent(path: Path, limits: LimitsConfig, failed: str, memory: int) -> bytes:
    """In the copy: the sheets (or what was wrong with the file), pickled. Its standard error goes nowhere, nor
    what faulthandler writes on a crash (to its own copy of the descriptor, where a test runner or
    PYTHONFAULTHANDLER turned it on): the reader's panic is said by the run, in its words."""
    gc.disable()
    faulthandler.disable()
    with contextlib.suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)
    _cap_memory(memory)
    try:
        found: tuple[str, object] = ("sheets", [(s.name, s.rows, s.hidden) for s in _old_sheets(path, limits, failed)])
    except NeedsError as exc:
        found = ("error", exc.message)
    except MemoryError:  # a valid but large file, under the cap (a Rust allocation that fails aborts: "failed")
        found = ("memory", None)
    return pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL)


def _cap_memory(extra: int) -> None:
    """This process may map at most extra bytes more than it has (Linux: /proc/self/statm); elsewhere as it is."""
    if resource is None:
        return
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[0])
        cap = pages * os.sysconf("SC_PAGE_SIZE") + extra
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    except (OSError, ValueError, AttributeError):
        pass


def _old_sheets(path: Path, limits: LimitsConfig, failed: str) -> list[Sheet]:
    """read_old_workbook's parse, in this process. calamine's reader panics on some damaged files: a panic is a
    BaseException (PanicException), said as the file being unreadable."""
    try:
        with path.open("rb") as handle:  # read by its content, whatever its name ends with
            book = CalamineWorkbook.from_filelike(handle)
        out = []
        hidden = _hidden_sheets(book)
        for name in book.sheet_names:
            sheet = book.get_sheet_by_name(name)
            end = sheet.end
            extent = Extent(end[0] + 1, end[1] + 1) if end is not None else Extent(0, 0)
            if not extent.fits(limits):
                raise _in_sheet(path, name, f"{_reach(extent)}, {_over(extent, limits)}; delete the stray cells "
                                  "outside the table (Ctrl+End in Excel goes to the last one) or copy the table "
                                  "into a new workbook, then run again")
            merges = sheet.merged_cell_ranges or []
            if len(merges) > limits.max_merged_ranges:
                raise _in_sheet(path, name, f"{len(merges):,} merged ranges, more than {limits.max_merged_ranges:,} "
                                  "(limits.max_merged_ranges in the config); unmerge the cells (fill each one) and "
                                  "run again")
            rows = cast(list[Row], sheet.to_python(skip_empty_area=False))
            out.append(Sheet(name, _merged_filled(path, name, rows, merges, sheet.start), name in hidden))
        return out
    except (KeyboardInterrupt, SystemExit, NeedsError, MemoryError):  # out of memory: said by the caller
        raise
    except BaseException:  # noqa: BLE001 - CalamineError, ValueError, and the reader's panics
        raise _fail(path, failed) from None


def check_sheets(path: Path, archive: zipfile.ZipFile, limits: LimitsConfig) -> dict[str, SheetScan]:
    """Refuse a sheet whose cells reach past the limits, or with more merged ranges than they allow,
    before any grid is built: calamine lays a sheet out from A1 to its farthest cell. Returns the scan of each
    sheet with hidden (or filtered out) rows, hidden columns, formulas without their results or error values."""
    found: dict[str, SheetScan] = {}
    for name, part in sheet_parts(archive):
        try:
            scan = scan_sheet(archive, part, limits, _BESIDE_SCAN.get())
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, NotImplementedError):
            raise _fail(path, "is damaged or truncated (a part cannot be unpacked); save it again from Excel") from None
        if scan.extent is not None:
            raise _in_sheet(path, name, f"{_reach(scan.extent)}, {_over(scan.extent, limits)}; delete the "
                              "stray cells outside the table (Ctrl+End in Excel goes to the last one) or copy the "
                              "table into a new workbook, then run again")
        if scan.merged_ranges > limits.max_merged_ranges:
            raise _in_sheet(path, name, f"{scan.merged_ranges:,} merged ranges, more than "
                              f"{limits.max_merged_ranges:,} (limits.max_merged_ranges in the config); unmerge "
                              "the cells (fill each one) and run again")
        if scan.hidden_rows or scan.unvalued or scan.hidden_columns or scan.errors:
            found[name] = scan
    return found


def _in_sheet(path: Path, sheet: str, what: str) -> NeedsError:
    return NeedsError(f"{path.name}, sheet {sheet}: {what}")


def _reach(extent: Extent) -> str:
    at_least = "at least " if extent.at_least else ""
    return f"its cells reach {at_least}{extent.ref} ({_count(extent.rows, 'row')} × {_count(extent.columns, 'column')})"


def _count(number: int, what: str) -> str:
    return f"{number:,} {what}{'' if number == 1 else 's'}"


def _over(extent: Extent, limits: LimitsConfig) -> str:
    if extent.rows > limits.max_sheet_rows:
        return f"more than {limits.max_sheet_rows:,} rows (limits.max_sheet_rows in the config)"
    if extent.columns > limits.max_sheet_columns:
        return f"more than {limits.max_sheet_columns:,} columns (limits.max_sheet_columns in the config)"
    return f"more than {limits.max_sheet_cells:,} cells (limits.max_sheet_cells in the config)"


def parse_workbook(path: str, padded: dict[str, Padded] | None = None,
                   errors: dict[str, tuple[ErrorValue, ...]] | None = None) -> list[tuple[str, list[Row], bool]]:
    """(name, rows, hidden) of every sheet, merged cells filled: the one parse (beside it, beside_parse's task; its largest
    sheet in two processes within beside_halves' block). padded: the cells of each sheet whose numbers show leading
    zeros (number_formats.padded_cells), read as the text they show. errors: the cells of each sheet holding an error
    value (the sheet's scan), given those a merged range of one covers (merged_errors)."""
    split = _BESIDE_HALVES.get()
    # the second process forked before the parse's thread starts (beside_parse): it copies none holding a lock
    halves = begin_halves(path, *split) if split is not None else Halves()
    try:
        with _set_within(_HALVES, halves), _set_within(_PADDED, padded or {}), _set_within(_ERRORS, errors or {}):
            return _parse_beside(path)
    finally:
        halves.stop()


_HALVES: contextvars.ContextVar[Halves | None] = contextvars.ContextVar("halves", default=None)
_PADDED: contextvars.ContextVar[dict[str, Padded]] = contextvars.ContextVar("padded", default={})  # noqa: B039 - never changed
_ERRORS: contextvars.ContextVar[dict[str, tuple[ErrorValue, ...]]] = contextvars.ContextVar(
    "errors", default={})  # noqa: B039 - never changed


def _padded_cells(path: Path, archive: zipfile.ZipFile) -> dict[str, Padded]:
    try:
        return padded_cells(archive)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, NotImplementedError):
        raise _fail(path, "is damaged or truncated (a part cannot be unpacked); save it again from Excel") from None


def _parse_beside(path: str) -> list[tuple[str, list[Row], bool]]:
    task = _BESIDE_PARSE.get()
    if task is None:
        return _parse_workbook(path)
    _BESIDE_PARSE.set(None)  # once in its block
    thread = threading.Thread(target=_quietly(task), name="needscli-beside-parse", daemon=True)
    try:
        thread.start()
    except RuntimeError:  # no thread can be started: the parse alone, task left to where it is needed
        return _parse_workbook(path)
    try:
        return _parse_workbook(path)
    finally:
        thread.join()


def _parse_workbook(path: str) -> list[tuple[str, list[Row], bool]]:
    book = CalamineWorkbook.from_path(path)
    halves, padded = _HALVES.get(), _PADDED.get()
    out = []
    hidden = _hidden_sheets(book)
    for name in book.sheet_names:
        grid = halves.grid(name) if halves is not None else None
        if grid is None:
            sheet = book.get_sheet_by_name(name)
            # calamine's cell types are all objects
            rows, merges, start = cast(list[Row], sheet.to_python(skip_empty_area=False)), sheet.merged_cell_ranges, \
                sheet.start
        else:
            rows, merges, start = grid
        rows = pad(rows, padded.get(name))
        out.append((name, _merged_filled(Path(path), name, rows, merges, start), name in hidden))
    return out


def _hidden_sheets(book: CalamineWorkbook) -> set[str]:
    """The names of a workbook's hidden sheets (hidden, or very hidden by a macro)."""
    return {m.name for m in book.sheets_metadata if m.visible != SheetVisibleEnum.Visible}


def _merged_filled(path: Path, name: str, rows: list[Row], merges: list[Merge] | None,
                   start: tuple[int, int] | None) -> list[Row]:
    """A sheet's rows with its merged ranges checked (_check_merges) and filled (fill_merged); start: where its
    cells begin (calamine's sheet.start), None for a sheet without cells."""
    if merges and start:
        _check_merges(path, name, rows, merges)
        errors = _ERRORS.get()
        if name in errors:  # before the fill: a covered row holds a value of its own, as fill_merged asks
            errors[name] = merged_errors(rows, merges, errors[name], start[1])
        return fill_merged(rows, merges, start[1])
    return rows


def _check_merges(path: Path, name: str, rows: list[Row], merges: list[Merge]) -> None:
    """Refuse merged ranges that cover more cells than the sheet has: they overlap, which Excel never
    writes, and filling them would take time without end."""
    height, width = len(rows), max((len(row) for row in rows), default=0)
    covered = sum(max(0, min(r1, height - 1) - r0 + 1) * max(0, min(c1, width - 1) - c0 + 1)
                  for (r0, c0), (r1, c1) in merges)
    if covered > height * width:
        raise _in_sheet(path, name, f"its {len(merges):,} merged ranges overlap (they cover {covered:,} "
                          f"cells of a sheet of {height * width:,}); the file is damaged: open it in Excel, "
                          "save it again and run again")


def fill_merged(rows: list[Row], merges: Iterable[Merge], first_column: int = 0) -> list[Row]:
    """Give the cells down a merged range its top-left value, as a person reading the sheet sees it: a
    unit merged down its cadres' rows, a header merged down two header rows.

    Only down the range's first column: a range merged across (a group header over sub-headers, or
    two fields of one row merged by mistake) keeps its value in its first cell, so no field takes
    its neighbour's value. Left as written: a range across the whole table (a title or a note), and
    rows below a range's first that hold nothing of their own (a unit merged over spare rows adds no
    empty records). Only the merged cells are visited; rows change in place.
    """
    height, width = len(rows), max((len(row) for row in rows), default=0)
    spans = []
    for (r0, c0), (r1, c1) in dict.fromkeys(merges):  # a range given twice is filled once
        if r0 >= height or c0 >= len(rows[r0]) or (c0 <= first_column < c1 and c1 >= width - 1):
            continue
        value = rows[r0][c0]
        if value is not None and value != "":
            spans.append((r0, min(r1, height - 1), c0, c1, value))
    below = {r for r0, r1, *_ in spans for r in range(r0 + 1, r1 + 1)}
    lived = {r for r in below if _holds_value(rows[r])}
    for r0, r1, c0, _c1, value in spans:
        for r in range(r0 + 1, r1 + 1):
            if r in lived and c0 < len(rows[r]):
                rows[r][c0] = value
    return rows


def merged_errors(rows: list[Row], merges: Iterable[Merge], errors: tuple[ErrorValue, ...],
                  first_column: int = 0) -> tuple[ErrorValue, ...]:
    """The sheet's error values, and the cells a merged range whose top-left cell holds one covers where fill_merged
    would give them its value: a unit merged down its cadres' rows shows #REF! in each of them in Excel, and each row
    is to say so, not that its unit is empty (the error is read as an empty cell, which fill_merged leaves)."""
    at = {(e.row, e.column): e.text for e in errors}
    height, width = len(rows), max((len(row) for row in rows), default=0)
    more = []
    for (r0, c0), (r1, c1) in dict.fromkeys(merges):
        text = at.get((r0 + 1, c0 + 1))
        if text is None or r0 >= height or (c0 <= first_column < c1 and c1 >= width - 1):
            continue
        more += [ErrorValue(r + 1, c0 + 1, text) for r in range(r0 + 1, min(r1, height - 1) + 1)
                 if (r + 1, c0 + 1) not in at and _holds_value(rows[r])
                 and (c0 >= len(rows[r]) or rows[r][c0] is None or rows[r][c0] == "")]
    return (*errors, *more) if more else errors


def _holds_value(row: Row) -> bool:
    for value in row:  # a plain loop: most rows stop at their first cell
        if value != "" and value is not None:
            return True
    return False


def decode_text(path: Path, data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (with or without its BOM). A few NUL bytes in text
    are kept (each is a cell's fault, reported with its row); a file whose head is NULs in more than one byte in
    BINARY_SHARE is refused as binary (UTF-16 without its BOM among them). Bytes of no encoding are named by line and
    column."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict")
        except UnicodeDecodeError as exc:
            raise _fail(path, _badly_encoded(data, len(codecs.BOM_UTF8) + exc.start, "utf-8", marked=True)) from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise _fail(path, "is marked as UTF-8 or UTF-16 text but holds bytes that are not (damaged?); "
                              "save the CSV again as UTF-8") from None
    head = data[:4096]
    if head.count(0) * BINARY_SHARE > len(head):
        raise _fail(path, "is a binary file, not a spreadsheet or CSV; give a .xlsx or .csv file")
    failed: dict[str, int] = {}
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding).removeprefix("\ufeff")  # GB18030's BOM (84 31 95 33) reads as U+FEFF
        except UnicodeDecodeError as exc:
            failed[encoding] = exc.start
    if failed["utf-8"] == failed["gb18030"]:  # what comes before is both (plain ASCII): the text is neither
        raise _fail(path, _neither(data, failed["utf-8"]))
    encoding = max(failed, key=lambda name: failed[name])  # the one the text keeps to the longest
    raise _fail(path, _badly_encoded(data, failed[encoding], encoding))


def _neither(data: bytes, start: int) -> str:
    line, column = _place(data, start, "utf-8")
    return (f"is not text in UTF-8 or GB18030 (line {line:,}, column {column:,} is the first byte of neither); save "
            "the CSV as UTF-8")


BINARY_SHARE = 100  # a text file's head holds fewer NULs than one byte in this many (UTF-16's ASCII: one in two)
_ENCODING_NAMES = {"utf-8": "UTF-8", "gb18030": "GB18030"}


def _badly_encoded(data: bytes, start: int, encoding: str, marked: bool = False) -> str:
    """Where a text's first byte of no encoding is (line, column: from 1), and what to do: a single line so
    written is a cell typed or pasted in another encoding, to type again; more is the file saved so."""
    line, column = _place(data, start, encoding)
    breaks = _breaks(data)
    line_start = data.rfind(breaks, 0, start) + 1
    name = _ENCODING_NAMES[encoding]
    where = f"line {line:,}, column {column:,}"
    said = (f"is marked as {name} text (it begins with a UTF-8 mark) but {where} holds bytes that are not {name}"
            if marked else f"is {name} text but {where} holds bytes that are not {name}")
    if _one_line_bad(data, line_start, encoding, breaks):
        return f"{said}; type that cell's text again in Excel or WPS and save the file as CSV UTF-8"
    return f"{said}, and so do lines after it; open the file in Excel or WPS and save it again as CSV UTF-8"


def _breaks(data: bytes) -> bytes:
    return b"\n" if b"\n" in data else b"\r"  # a file of old Mac's line breaks (CR alone) has no LF


def _place(data: bytes, start: int, encoding: str) -> tuple[int, int]:
    """(line, column), from 1, of the byte at start: the column counted by the separators before it on its line."""
    breaks = _breaks(data)
    line_start = data.rfind(breaks, 0, start) + 1
    before = data[line_start:start].decode(encoding, errors="replace")
    delimiter = _delimiter(data[:min(start, 65536)].decode(encoding, errors="replace"))
    try:
        column = len(next(csv.reader([before + "x"], delimiter=delimiter), [""]))
    except csv.Error:  # a stray line break (a CR in a file of LFs) or a NUL before it: its separators counted
        column = before.count(delimiter) + 1
    return data.count(breaks, 0, start) + 1, column


def _one_line_bad(data: bytes, line_start: int, encoding: str, breaks: bytes) -> bool:
    """Whether the text decodes from the line after the one starting at line_start to its end."""
    after = data.find(breaks, line_start)
    if after < 0:
        return True
    try:
        data[after + 1:].decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def read_csv(path: Path, limits: LimitsConfig | None = None) -> list[Sheet]:
    """A CSV (comma, tab or semicolon) as one sheet named after the file; every cell is text.

    A line, a row's columns or the rows past the limits are refused as they are met, never read whole.
    """
    limits = limits or LimitsConfig()
    with path.open("rb") as handle:
        long_line = find_long_line(handle, limits.max_line_bytes)
    if long_line:
        raise _fail(path, f"line {long_line:,} is longer than {limits.max_line_bytes:,} bytes "
                          "(limits.max_line_bytes in the config); is this the roster, saved as CSV?")
    text = decode_text(path, path.read_bytes())
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[Row] = []
    width = read = last = 0  # read: the line the last row ended on; last: the line before the last row began
    try:
        for row in reader:
            rows.append(cast(Row, row))
            width = max(width, len(row))
            if width > limits.max_sheet_columns or len(rows) > limits.max_sheet_rows \
                    or len(rows) * width > limits.max_sheet_cells:
                raise _fail(path, f"line {reader.line_num:,}: {_csv_over(len(rows), width, limits)}; "
                                  "is this the roster?")
            last, read = read, reader.line_num
    except csv.Error:  # a cell past the reader's most: a quote opening a cell, never closed, took the lines after it
        raise _fail(path, _unclosed_quote(text, read + 1, delimiter)) from None
    if rows and read > last + 1 and _ends_in_quotes(text, last + 1, delimiter):
        # the last row ran over several lines to the end of the file inside a quote: the rows after the quote were
        # read into its cell, and would be lost unsaid
        raise _fail(path, _unclosed_quote(text, last + 1, delimiter, read - last - 1))
    return [Sheet(path.stem, rows, text=True)]


def _ends_in_quotes(text: str, line: int, delimiter: str) -> bool:
    """Whether the CSV's rows from line (counted from 1) end inside a quoted cell: a quote opening a cell that
    nothing closes, which the CSV reader reads to the end of the file as one cell."""
    rest = itertools.islice(io.StringIO(text, newline=""), line - 1, None)
    try:
        for _ in csv.reader(rest, delimiter=delimiter, strict=True):
            pass
    except csv.Error as exc:
        return "unexpected end of data" in str(exc)
    return False


def _unclosed_quote(text: str, line: int, delimiter: str, lines: int = 0) -> str:
    """What is said of a CSV whose row from line (counted from 1) runs into a cell a quote opens and nothing closes:
    past the CSV reader's most, or (lines: the lines after it read into it) to the end of the file, at its line and
    column where that line alone shows it."""
    start = next(itertools.islice(io.StringIO(text, newline=""), line - 1, None), "")
    try:
        column = len(next(csv.reader([start], delimiter=delimiter), []))
    except csv.Error:  # the line alone is longer than a cell may be: no column to name
        column = 0
    where = f"line {line:,}, column {column:,}" if column else f"line {line:,}"
    if lines:
        return (f'{where}: a cell opens with a quote (") that is never closed, and the {lines:,} line(s) after it '
                "would be read into that cell, their rows lost; close the quote or take it out, then run again")
    return (f'{where}: a cell opens with a quote (") that is never closed, and the lines after it run into that cell, '
            f"past {csv.field_size_limit():,} characters; close the quote or take it out, then run again")


def _csv_over(rows: int, width: int, limits: LimitsConfig) -> str:
    if width > limits.max_sheet_columns:
        return (f"{width:,} columns, more than {limits.max_sheet_columns:,} "
                "(limits.max_sheet_columns in the config)")
    if rows > limits.max_sheet_rows:
        return f"more than {limits.max_sheet_rows:,} rows (limits.max_sheet_rows in the config)"
    return (f"{rows:,} rows × {width:,} columns, more than {limits.max_sheet_cells:,} cells "
            "(limits.max_sheet_cells in the config)")


def find_long_line(handle: BinaryIO, limit: int) -> int:
    """The number (from 1) of the first line longer than limit bytes, else 0; reads a piece at a time.

    Each step looks at the next limit + 1 bytes of the line: every line that ends in them is short
    enough, so the step goes on from the last line break in them; none there means a long line.
    """
    line, length = 1, 0  # the line being read and its bytes before start
    while piece := handle.read(1 << 20):
        start = 0
        while start < len(piece):
            stop = min(len(piece), start + limit + 1 - length)
            at = max(piece.rfind(b"\n", start, stop), piece.rfind(b"\r", start, stop))
            if at < 0:
                length += stop - start
                if length > limit:
                    return line
                start = stop
                continue
            if piece[at:at + 2] == b"\r\n":  # one line break, even where the step ends between the two
                at += 1
            line += piece.count(b"\n", start, at + 1) + piece.count(b"\r", start, at + 1) \
                - piece.count(b"\r\n", start, at + 1)
            length, start = 0, at + 1
    return 0


def _delimiter(text: str) -> str:
    """The separator of the first line that has one: list cells below may hold more ; than ,."""
    for line in text[:65536].splitlines()[:30]:
        counts = {d: line.count(d) for d in (",", "\t", ";")}
        if any(counts.values()):
            return max(counts, key=lambda d: counts[d])
    return ","


def read_sheets(path: Path, limits: LimitsConfig) -> list[Sheet]:
    """All sheets of an input file, whatever its kind."""
    kind = sniff(path)
    try:
        if kind == "zip":
            return read_workbook(path, limits)
        if kind == "ole":  # an .xls renamed, a password-protected .xlsx, or WPS's .et: read as an .xls where it can be
            return read_old_workbook(path, limits, _WPS if path.suffix.lower() in WPS_SUFFIXES else _LOCKED)
        return read_old_workbook(path, limits) if kind == "xls" else read_csv(path, limits)
    except PermissionError:
        raise _fail(path, "cannot be opened (permission denied)") from None
