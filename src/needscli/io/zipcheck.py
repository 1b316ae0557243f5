"""The checks a workbook's zip package passes before any parser sees it.

Plain zipfile code: io.files runs them with the run's limits.
"""

from __future__ import annotations

import zipfile
import zlib

XML_SCAN_BYTES = 4096
BIG_PART_BYTES = 10_000_000  # a part this large is checked on its own compression ratio too


def refusal(archive: zipfile.ZipFile, max_members: int, max_bytes: int, max_ratio: float) -> str | None:
    """Why the package is refused (words to follow the file's name), or None when it passes.

    Zip bombs, entity tricks and packages that are not .xlsx workbooks are refused.
    """
    members = archive.infolist()
    names = {m.filename for m in members}
    if len(members) > max_members:
        return f"holds {len(members)} parts, more than any workbook should; refused"
    if "mimetype" in names and b"opendocument" in archive.read("mimetype"):
        return "is an OpenDocument (.ods) spreadsheet; save it as .xlsx and run again"
    if "xl/workbook.bin" in names:
        return "is an Excel binary (.xlsb) workbook; save it as .xlsx and run again"
    if "xl/workbook.xml" not in names:
        return "is a zip archive, not an Excel workbook; give a .xlsx or .csv file"
    total = sum(m.file_size for m in members)
    packed = sum(m.compress_size for m in members) or 1
    if total > max_bytes or total / packed > max_ratio:
        return "unpacks to far more than its size (a zip bomb?); refused"
    for member in members:
        if member.file_size > BIG_PART_BYTES and member.file_size / (member.compress_size or 1) > max_ratio:
            return "has a part that unpacks to far more than its size (a zip bomb?); refused"
        if member.filename.endswith((".xml", ".rels", ".vml")):
            try:
                with archive.open(member) as part:
                    head = part.read(XML_SCAN_BYTES).upper()
            except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, NotImplementedError):
                return "is damaged or truncated (a part cannot be unpacked); save it again from Excel"
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                return "contains an XML document type declaration (an entity attack?); refused"
    return None
