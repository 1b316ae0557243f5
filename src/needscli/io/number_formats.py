"""Numbers shown with leading zeros: read as the text Excel shows.

An office types its 编号 as numbers and formats the column 000000, so that 101 shows as 000101; calamine gives the
number, 101, and the id would not be the one the office, its ledger and its other sheets know. The cells whose
number format is all zeros (000000, 000000_ , [Blue]0000;…) are found in the workbook's styles and each sheet's
XML, and their whole numbers read as the text they show (000101), as a roster saved as text or CSV gives them.
A number as long as its format or longer (1975 under 0000) is left a number. Only workbooks whose styles have
such a format have their sheets' XML read again.
"""

from __future__ import annotations

import html
import math
import re
import zipfile
from collections.abc import Iterator

from needscli.io.extent import CHUNK_BYTES, sheet_parts

Row = list[object]
Padded = dict[tuple[int, int], int]  # (row, column), 0-based as in a sheet's grid -> digits the cell shows

_STYLES = "xl/styles.xml"
_UNCUT_BYTES = 1 << 20
_STYLES_BYTES = 4 << 20  # the styles of a real workbook are a few hundred KB at most
_PREFIX = rb"(?:[\w.-]++:)?"
_NUM_FMT = re.compile(rb"<" + _PREFIX + rb"numFmt\s([^<>]*+)>")
_CELL_XFS = re.compile(rb"<(" + _PREFIX + rb")cellXfs[\s>]")  # its end is found once (no scan from each start)
_XF = re.compile(rb"<" + _PREFIX + rb"xf(?=[\s/>])([^<>]*+)>")
_CELL = re.compile(rb"<" + _PREFIX + rb"c\s([^<>]*+)>")
_ATTR = re.compile(rb'(?<![\w.:-])([\w.:-]++)\s*+=\s*+(?:"([^"]*+)"|\'([^\']*+)\')')
_R_ATTR = re.compile(rb'(?<![\w.:-])r\s*+=\s*+["\']([A-Za-z]{1,3})([0-9]{1,7})["\']')
_S_ATTR = re.compile(rb'(?<![\w.:-])s\s*+=\s*+["\']([^"\'<>]*+)["\']')
_T_ATTR = re.compile(rb'(?<![\w.:-])t\s*+=\s*+["\']([^"\'<>]*+)["\']')
_NOT_NUMBERS = {"s", "str", "inlineStr", "b", "e", "d"}  # a cell's t= other than a number's
_SPACED = re.compile(r'_.|""|\[[^\]]*\]|\*.')  # padding (_ ), empty quotes, [colour]/[condition], fill (*x)
_ZEROS = re.compile(r"0{2,}")
MAX_DIGITS = 15  # past this Excel has lost digits (cells.parse_id says so)


def padded_cells(archive: zipfile.ZipFile) -> dict[str, Padded]:
    """For each sheet (by name) whose cells show whole numbers with leading zeros: those cells and their digits.
    Empty, reading no sheet, where the workbook's styles have no such format."""
    styles = _padded_styles(archive)
    if not styles:
        return {}
    found = {}
    for name, part in sheet_parts(archive):
        cells = _cells_of(archive, part, styles)
        if cells:
            found[name] = cells
    return found


def pad(rows: list[Row], cells: Padded | None) -> list[Row]:
    """The rows, each whole number of the cells shorter than its digits as the text the cell shows (in place)."""
    for (r, c), digits in (cells or {}).items():
        if r < len(rows) and c < len(rows[r]):
            value = rows[r][c]
            if isinstance(value, bool) or not isinstance(value, int | float):
                continue
            if math.isfinite(value) and value == int(value) and 0 <= value < 10**MAX_DIGITS and len(text := str(int(value))) < digits:
                rows[r][c] = text.zfill(digits)
    return rows


def zeros_shown(code: str) -> int:
    """The digits a number format shows a whole number with, where it is zeros alone (000000 -> 6); else 0. The
    format of positive numbers (before a ;) counts; padding, colours and conditions are not digits, and a format
    with text of its own (\\0, "No.") is not zeros alone."""
    first = html.unescape(code).split(";", 1)[0]
    bare = _SPACED.sub("", first).strip()
    return len(bare) if _ZEROS.fullmatch(bare) else 0


def _padded_styles(archive: zipfile.ZipFile) -> dict[bytes, int]:
    """The cell styles (s= of a cell, as bytes) whose number format shows zeros alone, with its digits."""
    try:
        info = archive.getinfo(_STYLES)
    except KeyError:
        return {}
    if info.file_size > _STYLES_BYTES:
        return {}
    text = archive.read(_STYLES)
    formats = {}
    for attrs in _NUM_FMT.findall(text):
        values = _attributes(attrs)
        digits = zeros_shown(values.get("formatCode", ""))
        if digits and values.get("numFmtId", "").isdigit():
            formats[values["numFmtId"]] = digits
    if not formats:
        return {}
    start = _CELL_XFS.search(text)
    if start is None:
        return {}
    end = text.find(b"</" + start.group(1) + b"cellXfs>", start.end())
    block = text[start.end():end if end >= 0 else len(text)]
    styles = {}
    for index, attrs in enumerate(_XF.findall(block)):
        digits = formats.get(_attributes(attrs).get("numFmtId", ""), 0)
        if digits:
            styles[str(index).encode()] = digits
    return styles


def _cells_of(archive: zipfile.ZipFile, part: str, styles: dict[bytes, int]) -> Padded:
    """The cells of the sheet's XML with one of styles and a number in them (no t= of text), by their place.
    The style attributes are searched for (a cell's tag is one of millions), then the tag around each."""
    alternatives = b"|".join(re.escape(s) for s in sorted(styles))
    styled = re.compile(rb"s\s*+=\s*+[\"'](?:" + alternatives + rb")[\"']")
    found: Padded = {}
    for piece in _pieces(archive, part):
        for hit in styled.finditer(piece):
            if not piece[hit.start() - 1:hit.start()].isspace():
                continue  # an attribute whose name ends in s
            start = piece.rfind(b"<", 0, hit.start())
            tag = _CELL.match(piece, start) if start >= 0 else None
            if tag is None or tag.end() < hit.end():
                continue  # not a cell's tag (a row's style), or the hit is past its end
            attrs = tag.group(1)
            kind, ref = _T_ATTR.search(attrs), _R_ATTR.search(attrs)
            if ref is None or (kind is not None and kind.group(1).decode("ascii", "replace") in _NOT_NUMBERS):
                continue
            style = _S_ATTR.search(attrs)
            if style is not None and (digits := styles.get(style.group(1), 0)):
                found[_place(ref.group(1), ref.group(2))] = digits
    return found


def _place(letters: bytes, digits: bytes) -> tuple[int, int]:
    column = 0
    for letter in letters.upper():
        column = column * 26 + letter - 64
    return int(digits) - 1, column - 1


def _attributes(attrs: bytes) -> dict[str, str]:
    return {k.decode("utf-8", "replace"): (d or s).decode("utf-8", "replace") for k, d, s in _ATTR.findall(attrs)}


def _pieces(archive: zipfile.ZipFile, part: str) -> Iterator[bytes]:
    """The part's bytes in pieces, each cut just after a '>' so that no tag is split between two."""
    carry = b""
    with archive.open(part) as stream:
        while block := stream.read(CHUNK_BYTES):
            text = carry + block
            cut = text.rfind(b">") + 1
            if not cut and len(text) >= _UNCUT_BYTES:  # no tag is this long: text, kept from growing
                cut = len(text) - 4096
            yield text[:cut]
            carry = text[cut:]
    if carry:
        yield carry
