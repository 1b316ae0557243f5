"""How far a worksheet's cells reach, read from its XML in the zip before any grid is built.

calamine lays a sheet out as one grid from A1 to its last cell holding a value, whatever lies
between: one cell at XFD1048576 asks for 17 billion cells and the process aborts. The sheet's
<dimension> may lie or be missing (calamine ignores it), so the cells' own references decide.

One streaming pass checks that no reference reaches past a bound that fits the limits: the
<dimension> where it fits them, else the largest box they allow. Only when one does, or when cells
or rows carry no reference of their own (calamine then counts them in order), is the exact extent
worked out the way calamine lays the cells out; that count stops once past the limits.
"""

from __future__ import annotations

import functools
import html
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from needscli.config import LimitsConfig
from needscli.core.need_shares import Start  # work beside the run (reports.parallel.Forked.start)

CHUNK_BYTES = 1 << 20
_UNCUT_BYTES = 1 << 20  # text this long without a '>' is scanned as it is (no tag is this long)
_HEAD_BYTES = 1 << 16  # <dimension> comes before the cells
_WORKBOOK_BYTES = 16 << 20  # <sheets> and the relationships come early in their parts
_HUGE = 10**18  # a row or column number with too many digits or letters to be real
# past the limits, the exact extent is still worked out to the end of this much XML, for the message
EXACT_BYTES = 4 << 20
TAIL_BYTES = 256 << 20

# The patterns meet forged XML: a run they could split two ways is taken whole (possessive *+, ++),
# and a tag's rest stops at the next < or >, so that no piece of the part is scanned again and again.
_DIMENSION = re.compile(rb'<(?:[\w.-]++:)?dimension\s[^<>]*?\bref\s*+=\s*+["\']([^"\'<>]*+)["\']')
_CELL_END = re.compile(r"([A-Za-z]++)0*+([0-9]++)")
_REF = rb'r\s*+=\s*+["\']([A-Za-z]++)0*+([0-9]++)["\']'
# a cell's reference, and how its tag ends: "/>" closes it (<c .../> holds nothing: calamine skips
# it); a match ends at the tag's end or at the next <, so none fails after scanning far
_CELL_REF = re.compile(_REF + rb'[^<>]*?(/?>|(?=<)|$)')
_QUOTED = rb'(?:"[^"<]*+"|\'[^\'<]*+\')'
# a <c> or <row> without an r attribute (placed by counting), or one with a namespace prefix
_COUNTED = re.compile(rb'<(?:c|row)(?:\s++(?:[^\sr=/<>][^\s=/<>]*+|r[^\s=/<>]++)\s*+=\s*+' + _QUOTED + rb')*+\s*+/?>')
_PREFIXED = re.compile(rb':(?:c|row)[\s/>]')
_TAG = re.compile(rb'<(/?)(?:[A-Za-z_][\w.-]*+:)?(c|row)(?=[\s/>])([^<>]*+)>')
# a row hidden in Excel (Format > Hide, or filtered out by an AutoFilter): <row r="7" hidden="1" ...>
_HIDDEN_ROW = re.compile(rb'<(?:[\w.-]++:)?row\s([^<>]*?(?<![\w.:-])hidden\s*+=\s*+["\'](?:1|true)["\'][^<>]*+)>')
_HIDDEN_WORD = re.compile(rb"hidden")
_R_ATTR = re.compile(rb'(?:^|\s)r\s*+=\s*+["\']([A-Za-z]*+)0*+([0-9]*+)["\']')
_MERGE = re.compile(rb'mergeCell[\s/>]')
_SHEET = re.compile(rb'<(?:[\w.-]++:)?sheet\s([^<>]*+)>')
_RELATIONSHIP = re.compile(rb'<(?:[\w.-]++:)?Relationship\s([^<>]*+)>')
_ATTR = re.compile(rb'(?<![\w.:-])([\w.:-]++)\s*+=\s*+(?:"([^"]*+)"|\'([^\']*+)\')')


@dataclass(frozen=True)
class Extent:
    """The grid a sheet is read into: A1 to its last row and column (1-based; 0 rows: empty)."""

    rows: int
    columns: int
    at_least: bool = False  # the count stopped once past the limits: the cells reach at least this far

    @property
    def cells(self) -> int:
        return self.rows * self.columns

    @property
    def ref(self) -> str:
        return f"A1:{column_letters(self.columns)}{self.rows}"

    def fits(self, limits: LimitsConfig) -> bool:
        """Whether a grid this size is within the limits."""
        return (self.rows <= limits.max_sheet_rows and self.columns <= limits.max_sheet_columns
                and self.cells <= limits.max_sheet_cells)


@dataclass(frozen=True)
class SheetScan:
    """What the passes over a worksheet's XML found."""

    extent: Extent | None  # None: within the limits (as scan_sheet returns it; the extent is not always known)
    merged_ranges: int
    hidden_rows: tuple[int, ...] = ()  # the Excel rows hidden or filtered out (those with a reference of their own)
    # the cells holding a formula whose result the file does not hold (unvalued_formulas): (Excel row, column), 1-based
    unvalued: tuple[tuple[int, int], ...] = ()
    hidden_columns: tuple[tuple[int, int], ...] = ()  # the columns hidden in Excel (hidden_columns): (first, last)
    errors: tuple[ErrorValue, ...] = ()  # the cells holding an error value (error_values)


class ErrorValue(NamedTuple):
    """A cell holding an error value (#REF!, #DIV/0!): its Excel row and column (1-based) and the error as Excel
    shows it ("" where the file writes none Excel has)."""

    row: int
    column: int
    text: str


def hidden_rows(piece: bytes) -> list[int]:
    """The Excel rows of this piece of a sheet's XML that are hidden (or filtered out); a row without a reference
    of its own (r="7") is not told. Looked for only where the piece says "hidden" at all: most sheets never do."""
    if _HIDDEN_WORD.search(piece) is None:  # twice as fast as `in` (0.05 s over 100,000 cadres' 111 MB)
        return []
    out = []
    for attrs in _HIDDEN_ROW.findall(piece):
        reference = _R_ATTR.search(attrs)
        if reference and reference.group(2):
            out.append(_row_number(reference.group(2).decode()))
    return out


# a column hidden in Excel: <col min="5" max="5" hidden="1" .../>, in the <cols> before the cells' <sheetData>
_COL = re.compile(rb'<(?:[\w.-]++:)?col\s([^<>]*+)>')
_SHEET_DATA = re.compile(rb'<(?:[\w.-]++:)?sheetData[\s/>]')


def hidden_columns(head: bytes) -> tuple[tuple[int, int], ...]:
    """The columns hidden in Excel (Format > Hide), as the <col> elements before the sheet's cells give them:
    (first, last), 1-based, each span as written (min="18" max="16384" hides every column from R on). head: the
    start of the sheet's XML, up to its <sheetData> at least. Looked for only where it says "hidden" at all."""
    end = _SHEET_DATA.search(head)
    head = head[:end.start()] if end is not None else head
    if _HIDDEN_WORD.search(head) is None:
        return ()
    out = []
    for attrs in _COL.findall(head):
        values = _attributes(attrs)
        if values.get("hidden", "").strip().casefold() in ("1", "true") and \
                values.get("min", "").isdigit() and values.get("max", "").isdigit():
            out.append((int(values["min"]), int(values["max"])))
    return tuple(out)


def _start_to_cells(archive: zipfile.ZipFile, part: str, head: bytes) -> bytes:
    """The start of the part up to its <sheetData>: head where it gets there (as a sheet's does, its <cols> a few
    hundred bytes), else read on until it does or EXACT_BYTES have been."""
    if _SHEET_DATA.search(head) is not None:
        return head
    start = b""
    for piece in _pieces(archive, part):
        start += piece
        if _SHEET_DATA.search(piece) is not None or len(start) > EXACT_BYTES:
            break
    return start


# a formula: <f>40+50</f>, or a shared one's <f t="shared" si="0"/> (a sheet without formulas: 0.07 s over 100,000
# cadres' 111 MB), then what follows it: the cell's end, with no value or an empty one before it
_F_TAG = re.compile(rb"<f[\s>/]")
_F_UNVALUED = re.compile(rb"(?:[^<>]*?/>|[^<>]*+>[^<]*+</f>)\s*+(?:<v\s*+/>|<v>\s*+</v>)?\s*+</c>")
_TEXT_TYPE = re.compile(rb'(?:^|\s)t\s*+=\s*+["\'](?:str|s|inlineStr)["\']')


def unvalued_formulas(piece: bytes) -> list[tuple[int, int]]:
    """The cells of this piece of a sheet's XML holding a formula and no result of it: (Excel row, column), 1-based.
    A workbook made by a program (openpyxl writes <f>40+50</f><v/>) holds its formulas uncomputed until Excel or
    WPS opens and saves it; calamine reads such a cell as empty. A formula whose result is an empty text
    (<c t="str"><f>IF(...)</f><v></v></c>) has its result. A cell split between two pieces is not told."""
    out = []
    for tag in _F_TAG.finditer(piece):
        if _F_UNVALUED.match(piece, tag.start() + 2) is None:
            continue
        start = piece.rfind(b"<c ", 0, tag.start())
        end = piece.find(b">", start)
        if start < 0 or end < 0:
            continue
        attrs = piece[start + 3:end]
        reference = _R_ATTR.search(attrs)
        if _TEXT_TYPE.search(attrs) or not reference or not reference.group(1) or not reference.group(2):
            continue
        out.append((_row_number(reference.group(2).decode()), column_number(reference.group(1).decode())))
    return out


# a cell of an error value: <c r="E4" t="e"><f>...</f><v>#REF!</v></c>. A piece is searched for t="e" as Excel, WPS and
# openpyxl write it first, a search for bytes alone (0.06 s over 100,000 cadres' 111 MB; the pattern below takes 3 s)
_ERROR_WORD = b't="e"'
_ERROR_TYPE = re.compile(rb"""(?<![\w.:-])t\s*+=\s*+["']e["']""")
_ERROR_CELL = re.compile(rb'<c\s([^<>]*+)>')
_ERROR_VALUE = re.compile(rb'<v>\s*+(#[!-;=-{}~]{1,20}+)\s*+</v>')  # printable ASCII, no space, < or |


def error_values(piece: bytes) -> list[ErrorValue]:
    """The cells of this piece of a sheet's XML holding an error value, as Excel shows it (#REF!); calamine reads
    such a cell as empty. A cell split between two pieces is not told, nor one whose t="e" is spaced or quoted
    otherwise (t = 'e'): no program writes it so."""
    if _ERROR_WORD not in piece:
        return []
    out = []
    for found in _ERROR_TYPE.finditer(piece):
        start = piece.rfind(b"<", 0, found.start())
        tag = _ERROR_CELL.match(piece, start) if start >= 0 else None
        if tag is None or tag.end() <= found.start():
            continue  # t="e" of no cell's tag
        reference = _R_ATTR.search(tag.group(1))
        if not reference or not reference.group(1) or not reference.group(2):
            continue
        end = -1 if tag.group(1).endswith(b"/") else piece.find(b"</c>", tag.end())  # <c .../>: no value
        value = _ERROR_VALUE.search(piece, tag.end(), end) if end >= 0 else None
        out.append(ErrorValue(_row_number(reference.group(2).decode()), column_number(reference.group(1).decode()),
                              value.group(1).decode("ascii") if value else ""))
    return out


def column_letters(number: int) -> str:
    """1 -> A, 27 -> AA, 16384 -> XFD."""
    out = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        out = chr(65 + rest) + out
    return out


def column_number(letters: str) -> int:
    """A -> 1, XFD -> 16384 (any case); absurdly many letters -> a huge number."""
    if len(letters) > 12:
        return _HUGE
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def _row_number(digits: str) -> int:
    return int(digits) if len(digits) <= 18 else _HUGE


SCAN_SHARE = 0.6  # of a part split between two processes, the bytes the run scans; the other unpacks the whole part
_SUSPECT = b"suspect"  # the second process' answer where a piece of its share needs the exact pass


def scan_sheet(archive: zipfile.ZipFile, part: str, limits: LimitsConfig, beside: Start | None = None) -> SheetScan:
    """The sheet's extent where it is beyond the limits, its merged ranges, hidden rows and columns, formulas
    without their results and error values; zip errors propagate.

    beside (given by the pipeline where the system can fork): a part of at least limits.scan_split_bytes is
    checked in two processes, the second scanning the pieces past the first SCAN_SHARE of its bytes, as the
    run scans the others; where it fails, the run scans them itself. The same answer either way."""
    head = next(_pieces(archive, part, _HEAD_BYTES), b"")
    beyond = _beyond(*_bound(head, limits))
    columns = hidden_columns(_start_to_cells(archive, part, head))
    found = _fast_pass(archive, part, beyond, beside, limits.scan_split_bytes)
    if found is not None:
        merged, hidden, unvalued, errors = found
        return SheetScan(None, merged, hidden, unvalued, columns, errors)
    scan = _referenced_extent(archive, part, limits) or _counted_extent(archive, part, limits)
    return SheetScan(None if scan.extent is not None and scan.extent.fits(limits) else scan.extent,
                     scan.merged_ranges, scan.hidden_rows, scan.unvalued, columns, scan.errors)


# a scan's merged ranges, hidden rows, unvalued cells and error values
Found = tuple[int, tuple[int, ...], tuple[tuple[int, int], ...], tuple[ErrorValue, ...]]


def _fast_pass(archive: zipfile.ZipFile, part: str, beyond: re.Pattern[bytes], beside: Start | None,
               split_bytes: int) -> Found | None:
    """The part's merged ranges and hidden rows where no piece of it needs the exact pass (a reference past the
    bound, a cell or row placed by counting, a namespace prefix), else None. Split with a second process as
    scan_sheet says."""
    size, file = archive.getinfo(part).file_size, archive.filename
    split = int(size * SCAN_SHARE)
    there = beside(functools.partial(_scan_share, file, part, beyond, split)) if (
        beside is not None and file and size >= split_bytes) else None
    if there is None:
        return _scan_range(archive, part, beyond, 0)
    try:
        mine = _scan_range(archive, part, beyond, 0, split)
        found = there.result() if mine is not None else None
    finally:
        there.stop()
    if mine is None:
        return None
    theirs = _scan_range(archive, part, beyond, split) if found is None else (  # None: the copy failed
        None if found == _SUSPECT else _unpacked(found))
    return None if theirs is None else (mine[0] + theirs[0], mine[1] + theirs[1], mine[2] + theirs[2],
                                        mine[3] + theirs[3])


def _scan_share(file: str, part: str, beyond: re.Pattern[bytes], split: int) -> bytes:
    """The second process' share of _fast_pass: the merged ranges, hidden rows and unvalued cells of the pieces from
    byte split on (unpacked from the part's start, through a file of its own: the run's shares its position with the
    run), as numbers separated by spaces (the cells' after a '|', row and column; the error values' after another,
    where any: row, column and the error, "-" for none), or _SUSPECT."""
    with zipfile.ZipFile(file) as archive:
        found = _scan_range(archive, part, beyond, split)
    if found is None:
        return _SUSPECT
    cells = " ".join(f"{row} {col}" for row, col in found[2])
    errors = " ".join(f"{e.row} {e.column} {e.text or '-'}" for e in found[3])  # an error's text holds no space or |
    return (" ".join(map(str, (found[0], *found[1]))) + "|" + cells + (f"|{errors}" if errors else "")).encode("ascii")


def _unpacked(share: bytes | bytearray) -> Found:
    numbers, cells, *errors = share.split(b"|")
    merged, *rows = map(int, numbers.split())
    places = list(map(int, cells.split()))
    said = errors[0].decode("ascii").split() if errors else []
    return merged, tuple(rows), tuple(zip(places[::2], places[1::2], strict=True)), tuple(
        ErrorValue(int(row), int(col), "" if text == "-" else text)
        for row, col, text in zip(said[::3], said[1::3], said[2::3], strict=True))


def _scan_range(archive: zipfile.ZipFile, part: str, beyond: re.Pattern[bytes], start: int,
                stop: int | None = None) -> Found | None:
    """The merged ranges and hidden rows of the part's pieces that begin from byte start to before stop (None: to
    its end), or None where one of them needs the exact pass."""
    merged, hidden, unvalued, errors, read = 0, [], [], [], 0
    for piece in _pieces(archive, part):
        at, read = read, read + len(piece)
        if stop is not None and at >= stop:
            break
        if at >= start:
            if _suspect(beyond, piece):
                return None
            merged += len(_MERGE.findall(piece))
            hidden += hidden_rows(piece)
            unvalued += unvalued_formulas(piece)
            errors += error_values(piece)
    return merged, tuple(hidden), tuple(unvalued), tuple(errors)


def _suspect(beyond: re.Pattern[bytes], piece: bytes) -> bool:
    """Whether the piece needs the exact pass: a reference past the bound, a cell or row placed by counting, or a
    namespace prefix."""
    return bool(beyond.search(piece) or _COUNTED.search(piece) or _PREFIXED.search(piece))


def _bound(head: bytes, limits: LimitsConfig) -> tuple[int, int]:
    """(rows, columns) the cells are checked against: the <dimension> where it fits the limits."""
    found = _DIMENSION.search(head)
    end = _CELL_END.fullmatch(found.group(1).decode("ascii", "replace").split(":")[-1]) if found else None
    if end:
        dimension = Extent(_row_number(end.group(2)), column_number(end.group(1)))
        if dimension.fits(limits) and dimension.cells:
            return dimension.rows, dimension.columns
    columns = limits.max_sheet_columns
    return min(limits.max_sheet_rows, max(1, limits.max_sheet_cells // columns)), columns


@functools.lru_cache(maxsize=32)
def _beyond(rows: int, columns: int) -> re.Pattern[bytes]:
    """A reference (r="...") past row `rows` or column `columns`, any case, quotes and spacing.

    Every numeral past `rows` has at least as many digits (after leading zeros): a reference with fewer
    fails at the lookahead, before the numerals are tried one by one (0.41 -> 0.23 s over 100,000
    cadres' sheet, whose references are nearly all shorter than its last row's). Runs the pattern could
    take two ways are taken whole (possessive), as elsewhere in this module."""
    letters = _above(column_letters(columns), _LETTERS, _LETTERS)
    digits = _above(str(rows), _DIGITS, _DIGITS[1:])
    pattern = rf"""r\s*+=\s*+["'](?:{letters}[0-9]|[A-Za-z]*+0*+(?=[0-9]{{{len(str(rows))}}}){digits}["'])"""
    return re.compile(pattern.encode("ascii"))


_LETTERS = [f"{c}{c.lower()}" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
_DIGITS = list("0123456789")


def _above(value: str, symbols: list[str], leading: list[str]) -> str:
    """A regex for the numerals of these symbols (least first; each a set of spellings) above value:
    longer ones, or as long and greater at the first symbol that differs."""
    index = {spelling: i for i, spellings in enumerate(symbols) for spelling in spellings}
    every, first = f"[{''.join(symbols)}]", f"[{''.join(leading)}]"
    options = [f"{first}{every}{{{len(value)},}}"]
    for i, symbol in enumerate(value):
        higher = symbols[index[symbol] + 1:]
        if higher:
            same = "".join(f"[{symbols[index[s]]}]" for s in value[:i])
            options.append(f"{same}[{''.join(higher)}]{every}{{{len(value) - i - 1}}}")
    return f"(?:{'|'.join(options)})"


def _referenced_extent(archive: zipfile.ZipFile, part: str, limits: LimitsConfig) -> SheetScan | None:
    """The extent from the references of the cells holding something; None when some cell or row
    has no reference of its own (or a namespace prefix), so that only counting them tells."""
    extent, merged, read = Extent(0, 0), 0, 0
    hidden: list[int] = []
    unvalued: list[tuple[int, int]] = []
    errors: list[ErrorValue] = []
    pieces = _pieces(archive, part)
    for piece in pieces:
        if _COUNTED.search(piece) or _PREFIXED.search(piece):
            return None
        merged += len(_MERGE.findall(piece))
        hidden += hidden_rows(piece)
        unvalued += unvalued_formulas(piece)
        errors += error_values(piece)
        extent = _referenced(piece, extent)
        read += len(piece)
        if read > EXACT_BYTES and not extent.fits(limits):
            # refused whatever the rest holds: its last piece (the sheet's end, in a sheet in order)
            # tells the message how far the cells go, at the cost of unpacking only
            return SheetScan(_referenced(_last(pieces, TAIL_BYTES), extent, at_least=True), merged)
    return SheetScan(extent, merged, tuple(hidden), tuple(unvalued), errors=tuple(errors))


def _referenced(piece: bytes, extent: Extent, at_least: bool = False) -> Extent:
    """The extent grown by the references of the cells of this piece that hold something."""
    found = _CELL_REF.findall(piece)
    if any(end == b"/>" for *_, end in found):
        found = [(letters, digits, end) for letters, digits, end in found if end != b"/>"]
    if not found:
        return Extent(extent.rows, extent.columns, at_least)
    letters, digits, _ = zip(*found, strict=True)
    return Extent(max(extent.rows, _row_number(_greatest(set(digits)).decode())),
                  max(extent.columns, column_number(_greatest({c.upper() for c in set(letters)}).decode())), at_least)


def _last(pieces: Iterator[bytes], most: int) -> bytes:
    """The last of these pieces, or the one read when `most` bytes have been."""
    last, read = b"", 0
    for last in pieces:
        read += len(last)
        if read > most:
            break
    return last


def _greatest(numerals: set[bytes]) -> bytes:
    """The greatest of these numerals (digits, or capital letters as in column names): the longest first."""
    longest = max(map(len, numerals))
    return max(n for n in numerals if len(n) == longest)


def _counted_extent(archive: zipfile.ZipFile, part: str, limits: LimitsConfig) -> SheetScan:
    """The extent as calamine lays the cells out: a reference places a cell (a row's sets the row),
    a cell without one follows the cell before it, a row without one follows the row before it.
    Stops once past the limits."""
    row = column = 0  # where the next cell goes without a reference, 0-based
    last_row = last_column = merged = 0
    for piece in _pieces(archive, part):
        merged += len(_MERGE.findall(piece))
        for closing, name, attrs in _TAG.findall(piece):
            if name == b"row":
                reference = None if closing else _R_ATTR.search(attrs)
                if reference and reference.group(2):
                    row = _row_number(reference.group(2).decode()) - 1
                if closing or attrs.endswith(b"/"):
                    row, column = row + 1, 0
                continue
            if closing:
                continue
            reference = _R_ATTR.search(attrs)
            at = row
            if reference and reference.group(1) and reference.group(2):
                at = _row_number(reference.group(2).decode()) - 1
                column = column_number(reference.group(1).decode()) - 1
            if not attrs.endswith(b"/") and (at >= last_row or column >= last_column):
                last_row, last_column = max(last_row, at + 1), max(last_column, column + 1)
                if not Extent(last_row, last_column).fits(limits):
                    return SheetScan(Extent(last_row, last_column, at_least=True), merged)
            column += 1
    return SheetScan(Extent(last_row, last_column), merged)


def _pieces(archive: zipfile.ZipFile, part: str, limit: int | None = None) -> Iterator[bytes]:
    """The part's bytes in pieces of about CHUNK_BYTES, each cut just after a '>' so that no tag is
    split between two; at most `limit` bytes when given."""
    carry, read = b"", 0
    with archive.open(part) as stream:
        while block := stream.read(CHUNK_BYTES if limit is None else min(CHUNK_BYTES, limit - read)):
            read += len(block)
            text = carry + block
            cut = text.rfind(b">") + 1
            if not cut and len(text) >= _UNCUT_BYTES:
                cut = len(text) - 4096
            if cut:
                yield text[:cut]
            carry = text[cut:]
    if carry:
        yield carry


def sheet_parts(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(name, part) of each worksheet in the package: the workbook's sheets by name, then any part
    under xl/worksheets/ that no sheet names (named by its path)."""
    names = set(archive.namelist())
    targets = _relationship_targets(archive, names)
    found: list[tuple[str, str]] = []
    for attrs in _SHEET.findall(_start_of(archive, "xl/workbook.xml", names)):
        values = _attributes(attrs)
        rel = next((v for k, v in values.items() if k.endswith(":id")), "")
        if rel in targets:
            found.append((html.unescape(values.get("name", targets[rel])), targets[rel]))
    seen = {part for _, part in found}
    found += [(name, name) for name in sorted(names)
              if name.startswith("xl/worksheets/") and name.endswith(".xml") and name not in seen]
    return found


def _relationship_targets(archive: zipfile.ZipFile, names: set[str]) -> dict[str, str]:
    """Relationship id -> part name, for the workbook's relationships to parts in the package, each
    target taken as calamine takes it (/xl/... and xl/... from the root, anything else under xl/)."""
    out = {}
    for attrs in _RELATIONSHIP.findall(_start_of(archive, "xl/_rels/workbook.xml.rels", names)):
        values = _attributes(attrs)
        target = html.unescape(values.get("Target", ""))
        part = target[1:] if target.startswith("/xl/") else target if target.startswith("xl/") else f"xl/{target}"
        if part in names and "Id" in values:
            out[values["Id"]] = part
    return out


def _start_of(archive: zipfile.ZipFile, part: str, names: set[str]) -> bytes:
    return b"".join(_pieces(archive, part, _WORKBOOK_BYTES)) if part in names else b""


def _attributes(attrs: bytes) -> dict[str, str]:
    return {k.decode("utf-8", "replace"): (d or s).decode("utf-8", "replace") for k, d, s in _ATTR.findall(attrs)}
