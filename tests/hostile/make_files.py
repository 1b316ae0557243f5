"""Generate the hostile input files of issue #18 (none is committed: each is written here, on demand).

Usage: python tests/hostile/make_files.py OUT_DIR [NAME ...]    (no NAME: every file)

Each file is a small roster made hostile by one thing: a cell far out (XFD1048576, row 4294967295,
CV1048576), a row placed by counting at row 4294967295, 100,000 copies of one merged range over
10,000 rows, 16,384 columns in 200 rows, a tag forged to make a scanner backtrack, or a CSV line of
50 million one-character fields (100 MB, written a piece at a time) or of 16,384 columns. CASES says what needscli must answer for each: exit 2 and these words.
"""

from __future__ import annotations

import random
import sys
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

HEADER = ["编号", "姓名", "单位", "职务", "职级"]
CADRES = [["001", "张三", "市财政局", "科长", "乡科级正职"], ["002", "李四", "市税务局", "科员", "一级科员"]]
SHEET = "花名册"

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
_PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    f'<sheets><sheet name="{SHEET}" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'worksheet" Target="worksheets/sheet1.xml"/></Relationships>')


def column_letters(number: int) -> str:
    out = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        out = chr(65 + rest) + out
    return out


def text_cell(ref: str, value: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'


def roster_rows(count: int = len(CADRES)) -> Iterator[str]:
    """The header row and `count` cadres (the two of CADRES, then numbered ones), as sheet XML rows."""
    for r, values in enumerate([HEADER, *_cadres(count)], start=1):
        cells = "".join(text_cell(f"{column_letters(c)}{r}", v) for c, v in enumerate(values, start=1))
        yield f'<row r="{r}">{cells}</row>'


def _cadres(count: int) -> Iterator[list[str]]:
    for i in range(count):
        yield CADRES[i] if i < len(CADRES) else [f"{i + 1:05d}", f"干部{i + 1}", "市财政局", "科员", "一级科员"]


def write_workbook(path: Path, rows: Iterable[str], dimension: str | None = None, after: Iterable[str] = ()) -> Path:
    """A one-sheet workbook (sheet 花名册) from sheet XML rows, written a piece at a time; `after`
    goes after <sheetData> (e.g. <mergeCells>)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name, text in (("[Content_Types].xml", _CONTENT_TYPES), ("_rels/.rels", _PACKAGE_RELS),
                           ("xl/workbook.xml", _WORKBOOK), ("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)):
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            part.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                       b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            if dimension:
                part.write(f'<dimension ref="{dimension}"/>'.encode())
            part.write(b"<sheetData>")
            for row in rows:
                part.write(row.encode())
            part.write(b"</sheetData>")
            for text in after:
                part.write(text.encode())
            part.write(b"</worksheet>")
    return path


def far_cell(path: Path) -> Path:
    """The roster and one more cell at XFD1048576; its <dimension> lies (A1:E3)."""
    return write_workbook(path, [*roster_rows(), f'<row r="1048576">{text_cell("XFD1048576", "x")}</row>'],
                          dimension="A1:E3")


def far_row(path: Path) -> Path:
    """The roster and a cell at row 4294967295 (past any sheet), no <dimension>."""
    return write_workbook(path, [*roster_rows(), f'<row r="4294967295">{text_cell("A4294967295", "x")}</row>'])


def cv_cell(path: Path) -> Path:
    """The roster and a cell at CV1048576: 100 columns × 1,048,576 rows, each within Excel's limits."""
    return write_workbook(path, [*roster_rows(), f'<row r="1048576">{text_cell("CV1048576", "x")}</row>'],
                          dimension="A1:CV1048576")


def counted_row(path: Path) -> Path:
    """The roster and a row at 4294967295 whose cell has no reference: placed there by counting."""
    return write_workbook(path, [*roster_rows(), '<row r="4294967295"><c t="inlineStr"><is><t>x</t></is></c></row>'])


def merged_copies(path: Path) -> Path:
    """A roster of 10,000 cadres with 100,000 copies of one merged range (the unit column, C2:C10001)."""
    merges = ['<mergeCells count="100000">', *['<mergeCell ref="C2:C10001"/>'] * 100_000, "</mergeCells>"]
    return write_workbook(path, roster_rows(10_000), dimension="A1:E10001", after=merges)


def wide_sheet(path: Path) -> Path:
    """200 rows of 16,384 cells each (A to XFD), with an honest <dimension>."""
    letters = [column_letters(c) for c in range(1, 16_385)]
    rows = (f'<row r="{r}">' + "".join(f'<c r="{col}{r}"><v>1</v></c>' for col in letters) + "</row>"
            for r in range(1, 201))
    return write_workbook(path, rows, dimension="A1:XFD200")


def forged_tags(path: Path) -> Path:
    """A cell whose one attribute holds 150,000 references (r='A12345', valid XML), closed by />, before a
    cell at IW20: a pattern that scanned to the tag's end from each of them would take hours."""
    numbers = random.Random(18).choices(range(1, 1_000_000), k=150_000)
    tag = '<c r="A10" s="0" x="' + "".join(f" r='A{n}'" for n in numbers) + '"/>'
    return write_workbook(path, [*roster_rows(), f'<row r="10">{tag}</row>',
                                 f'<row r="20">{text_cell("IW20", "x")}</row>'])


def long_csv_line(path: Path) -> Path:
    """A CSV whose one line is 50 million one-character fields: 100 MB, written 1 MB at a time."""
    piece = b"a," * (1 << 19)
    with path.open("wb") as handle:
        for _ in range(50_000_000 // (1 << 19)):
            handle.write(piece)
        handle.write(b"a," * (50_000_000 % (1 << 19)) + b"\n")
    return path


def wide_csv(path: Path) -> Path:
    """A CSV of 200 lines of 16,384 columns."""
    line = ",".join(["1"] * 16_384) + "\n"
    path.write_text(",".join(HEADER + [""] * (16_384 - len(HEADER))) + "\n" + line * 199, encoding="utf-8")
    return path


@dataclass(frozen=True)
class Case:
    """One hostile file: its name, how it is made, and the words needscli's refusal must hold."""

    name: str
    build: Callable[[Path], Path]
    says: str


CASES = [
    Case("far-cell.xlsx", far_cell,
         "far-cell.xlsx, sheet 花名册: its cells reach A1:XFD1048576 (1,048,576 rows × 16,384 columns)"),
    Case("far-row.xlsx", far_row,
         "far-row.xlsx, sheet 花名册: its cells reach A1:E4294967295 (4,294,967,295 rows × 5 columns)"),
    Case("cv-cell.xlsx", cv_cell,
         "cv-cell.xlsx, sheet 花名册: its cells reach A1:CV1048576 (1,048,576 rows × 100 columns), more than "
         "40,000,000 cells (limits.max_sheet_cells in the config)"),
    Case("counted-row.xlsx", counted_row,
         "counted-row.xlsx, sheet 花名册: its cells reach at least A1:E4294967295 (4,294,967,295 rows × 5 columns)"),
    Case("merged-copies.xlsx", merged_copies,
         "merged-copies.xlsx, sheet 花名册: its 100,000 merged ranges overlap (they cover 1,000,000,000 cells of "
         "a sheet of 50,005)"),
    Case("wide.xlsx", wide_sheet,
         "wide.xlsx, sheet 花名册: its cells reach at least A1:XFD200 (200 rows × 16,384 columns), more than 256 columns "
         "(limits.max_sheet_columns in the config)"),
    Case("forged-tags.xlsx", forged_tags,
         "forged-tags.xlsx, sheet 花名册: its cells reach A1:IW20 (20 rows × 257 columns), more than 256 columns "
         "(limits.max_sheet_columns in the config)"),
    Case("long-line.csv", long_csv_line,
         "long-line.csv: line 1 is longer than 1,048,576 bytes (limits.max_line_bytes in the config)"),
    Case("wide.csv", wide_csv,
         "wide.csv: line 1: 16,384 columns, more than 256 (limits.max_sheet_columns in the config)"),
]


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    out, names = Path(argv[0]), set(argv[1:])
    out.mkdir(parents=True, exist_ok=True)
    for case in CASES:
        if not names or case.name in names:
            path = case.build(out / case.name)
            print(f"{path}  {path.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
