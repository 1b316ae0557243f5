"""Open an input file: tell what it is, refuse hostile or broken ones, read its sheets as raw rows."""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..config import LimitsConfig
from ..errors import NeedsError
from .zipcheck import refusal

Row = list[object]

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
CSV_SUFFIXES = {".csv", ".txt", ".tsv"}


@dataclass
class Sheet:
    """A sheet's cells as rows of raw values; rows[0] is Excel row 1."""

    name: str
    rows: list[Row]


def _fail(path: Path, what: str) -> NeedsError:
    return NeedsError(f"{path.name}: {what}")


def sniff(path: Path) -> str:
    """'xlsx' or 'csv', or raise NeedsError saying what the file is and what to do."""
    if not path.exists():
        raise _fail(path, "file not found; check the path")
    if path.is_dir():
        raise _fail(path, "is a folder; give a .xlsx or .csv file")
    with path.open("rb") as handle:
        head = handle.read(8)
    suffix = path.suffix.lower()
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "zip"
    if head.startswith(_OLE_MAGIC):
        if suffix == ".xls":
            raise _fail(path, "is an old Excel 97-2003 .xls workbook; open it in Excel and save as .xlsx")
        raise _fail(
            path,
            "is password-protected (encrypted) or an old .xls workbook; "
            "remove the password or save it as .xlsx, then run again",
        )
    if head.startswith(b"%PDF"):
        raise _fail(path, "is a PDF, not a spreadsheet; export the table as .xlsx or .csv")
    if suffix in {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}:
        raise _fail(path, f"is not a readable {suffix} file (damaged or renamed); save it again from Excel")
    if suffix in CSV_SUFFIXES or suffix == "":
        return "csv"
    raise _fail(path, f"is a {suffix} file; needscli reads .xlsx and .csv")


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
    if reason is not None:
        archive.close()
        raise _fail(path, reason)
    return archive


def read_workbook(path: Path, limits: LimitsConfig) -> list[Sheet]:
    """Every sheet of an .xlsx as raw rows, after the safety checks."""
    check_zip(path, limits).close()
    from .. import prefetch

    early = prefetch.take(path)  # read in the background while the program started
    if early is not None:
        return [Sheet(name, rows) for name, rows in early]
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
        return [
            Sheet(name, book.get_sheet_by_name(name).to_python(skip_empty_area=False))
            for name in book.sheet_names
        ]
    except (CalamineError, ValueError, OSError) as exc:
        kind = type(exc).__name__
        raise _fail(path, f"cannot be read as a workbook ({kind}); save it again from Excel") from None


def decode_text(path: Path, data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030."""
    try:
        if data.startswith(codecs.BOM_UTF8):
            return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict")
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return data.decode("utf-16")
    except UnicodeDecodeError:
        raise _fail(path, "is marked as UTF-8 or UTF-16 text but holds bytes that are not (damaged?); "
                          "save the CSV again as UTF-8") from None
    if b"\x00" in data[:4096]:
        raise _fail(path, "is a binary file, not a spreadsheet or CSV; give a .xlsx or .csv file")
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _fail(path, "is not text in UTF-8 or GB18030; save the CSV as UTF-8")


def read_csv(path: Path) -> list[Sheet]:
    """A CSV (comma, tab or semicolon) as one sheet named after the file; every cell is text."""
    text = decode_text(path, path.read_bytes())
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        rows: list[Row] = [list(r) for r in reader]
    except csv.Error as exc:
        raise _fail(path, f"is not a well-formed CSV ({exc})") from None
    return [Sheet(path.stem, rows)]


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
        return read_workbook(path, limits) if kind == "zip" else read_csv(path)
    except PermissionError:
        raise _fail(path, "cannot be opened (permission denied)") from None
