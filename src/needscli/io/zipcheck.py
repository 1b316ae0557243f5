"""The checks a workbook's zip package passes before any parser sees it.

Plain zipfile code: io.files runs them with the run's limits.
"""

from __future__ import annotations

import functools
import re
import zipfile
import zlib
from xml.parsers import expat

XML_SCAN_BYTES = 4096
BIG_PART_BYTES = 10_000_000  # a part this large is checked on its own compression ratio too
# the fewest bytes a shared string takes in XML (<si/>); a count its part cannot hold is a lie
STRING_BYTES = len(b"<si/>")
# calamine reserves room for the declared count before it reads a string: so few cost nothing, whatever the part
HARMLESS_COUNT = 65536
_SST = re.compile(rb"<(?:[\w.-]++:)?sst[\s>]")
_UNIQUE_COUNT = re.compile(rb'<(?:[\w.-]++:)?sst\s[^<>]*?(?<![\w.:-])uniqueCount\s*+=\s*+["\']\s*+\+?0*+([0-9]{1,30})')


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
                    head = part.read(XML_SCAN_BYTES)
                strings = _declared_strings(archive, member, head)
            except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, NotImplementedError):
                return "is damaged or truncated (a part cannot be unpacked); save it again from Excel"
            if b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in head.upper():
                return "contains an XML document type declaration (an entity attack?); refused"
            if strings is not None:
                return strings
    return None


def _declared_strings(archive: zipfile.ZipFile, member: zipfile.ZipInfo, head: bytes) -> str | None:
    """Why a shared strings part is refused, else None: its uniqueCount declares more strings than its bytes hold.

    calamine reserves memory for the declared count before it reads one string: 4,294,967,295 asks for 100 GB and
    aborts the process, a count past what a size can be panics. The <sst> tag opens the part: read on past the
    head only where the head does not hold it (whitespace or comments written before it), up to that tag.
    """
    tag = _SST.search(head)
    if (tag is None or b">" not in head[tag.start():]) and len(head) == XML_SCAN_BYTES \
            and member.filename.lower().endswith("sharedstrings.xml"):
        head = _up_to_sst(archive, member)
    found = _UNIQUE_COUNT.search(head)
    if found is None:
        return None
    count = int(found.group(1))
    if count <= HARMLESS_COUNT or count * STRING_BYTES <= member.file_size:
        return None
    return (f"declares {count:,} shared strings (uniqueCount in {member.filename}), more than the part's "
            f"{member.file_size:,} bytes can hold (each takes {STRING_BYTES} bytes at least); the workbook is "
            "damaged or forged: open it in Excel, save it again and run again")


def _up_to_sst(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bytes:
    """The part's bytes up to the end of its <sst> tag (or the whole part where it has none), a piece at a time."""
    read = b""
    with archive.open(member) as part:
        while piece := part.read(1 << 20):
            read = read[-XML_SCAN_BYTES:] + piece  # the tag is short: what came before it need not be kept
            if (tag := _SST.search(read)) is not None and b">" in read[tag.start():]:
                return read[tag.start():]
    return read


def damaged_part(archive: zipfile.ZipFile) -> str | None:
    """What is wrong with the package where a parser failed on it (words to follow the file's name), else None:
    the first part that does not unpack whole (its size or checksum does not match what the package declares) or
    whose XML is not well formed, with the line and column of the fault. Read only after a parser failed: the
    parts are unpacked once more, a piece at a time."""
    for member in archive.infolist():
        if not member.filename.endswith((".xml", ".rels", ".vml")):
            continue
        parser = expat.ParserCreate()
        parser.StartDoctypeDeclHandler = functools.partial(_no_doctype, parser)
        try:
            with archive.open(member) as part:
                while piece := part.read(1 << 20):
                    parser.Parse(piece, False)
                parser.Parse(b"", True)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, NotImplementedError):
            return (f"its part {member.filename} does not unpack to what the package declares (its size or checksum "
                    "is wrong): the file is damaged or was altered; save it again from Excel")
        except _Doctype as exc:
            return (f"its part {member.filename} holds an XML document type declaration (line {exc.line:,}; an "
                    "entity attack?); refused")
        except expat.ExpatError as exc:
            return (f"its part {member.filename} holds damaged XML (line {exc.lineno:,}, column {exc.offset + 1:,}: "
                    f"{_XML_FAULTS.get(exc.code, 'not well formed')}); the file is damaged or was altered: open it "
                    "in Excel, save it again and run again")
    return None


class _Doctype(Exception):
    """A document type declaration met in a part: refused where it is met, its entities never defined or read."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


def _no_doctype(parser: expat.XMLParserType, *_: object) -> None:
    raise _Doctype(parser.CurrentLineNumber)


_XML_FAULTS = {  # expat's faults as a person is told them; others are "not well formed"
    expat.errors.codes[expat.errors.XML_ERROR_UNDEFINED_ENTITY]: "an undefined entity (&name;)",
    expat.errors.codes[expat.errors.XML_ERROR_TAG_MISMATCH]: "a tag closed that was not opened",
    expat.errors.codes[expat.errors.XML_ERROR_NO_ELEMENTS]: "no content",
    expat.errors.codes[expat.errors.XML_ERROR_UNCLOSED_TOKEN]: "it ends in the middle of a tag",
    expat.errors.codes[expat.errors.XML_ERROR_INVALID_TOKEN]: "a character XML does not allow",
    expat.errors.codes[expat.errors.XML_ERROR_JUNK_AFTER_DOC_ELEMENT]: "text after the document's end",
}
