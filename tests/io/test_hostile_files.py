"""Hostile, damaged and broken input files: each is refused with one clear line, never a traceback,
even inside a memory limit."""

from __future__ import annotations

import codecs
import functools
import io
import random
import re
import resource
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import xlsxwriter
from builders import NEEDS_POSTS, make_csv, make_workbook, roster, run_cli, run_needscli
from hostile.make_files import roster_rows, text_cell, write_workbook
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from needscli.config import Config, LimitsConfig
from needscli.errors import NeedsError
from needscli.io import extent
from needscli.io.files import check_zip, read_sheets
from needscli.pipeline import analyze, check_inputs

GOOD = ["001", "张三", "市财政局", "科长", "乡科级正职"]
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol" + ("" if i == 1 else str(i - 1)) + ";") * 10}">' for i in range(1, 10))
          + "]>")


def good_workbook(tmp_path: Path) -> Path:
    return make_workbook(tmp_path, {"花名册": roster(GOOD)}, name="good.xlsx")


def zip_bytes(members: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def members_of(path: Path) -> dict[str, bytes | str]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def with_laughs(xml: bytes | str, padding: int = 0) -> bytes:
    """The part with a billion-laughs DOCTYPE after its XML declaration (and an optional comment)."""
    text = xml.decode("utf-8") if isinstance(xml, bytes) else xml
    if text.startswith("<?xml"):
        text = text[text.index("?>") + 2:]
    comment = f"<!--{'p' * padding}-->" if padding else ""
    body = text.replace("</t>", "&lol9;</t>", 1)
    return f'<?xml version="1.0" encoding="UTF-8"?>{comment}{LAUGHS}{body}'.encode()


def shared_strings_workbook(tmp_path: Path) -> Path:
    """A workbook whose text lives in xl/sharedStrings.xml (openpyxl writes inline strings)."""
    path = tmp_path / "shared.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("花名册")
    for r, row in enumerate(roster(GOOD)):
        for c, value in enumerate(row):
            sheet.write_string(r, c, value)
    book.close()
    return path


def truncated(tmp_path: Path) -> bytes:
    data = good_workbook(tmp_path).read_bytes()
    return data[: len(data) // 2]


def random_bytes(tmp_path: Path) -> bytes:
    return b"\x13\x37" + random.Random(7).randbytes(4000)


def entity_bomb_in_sheet(tmp_path: Path) -> bytes:
    members = members_of(good_workbook(tmp_path))
    members["xl/worksheets/sheet1.xml"] = with_laughs(members["xl/worksheets/sheet1.xml"])
    return zip_bytes(members)


def entity_bomb_in_shared_strings(tmp_path: Path) -> bytes:
    members = members_of(shared_strings_workbook(tmp_path))
    members["xl/sharedStrings.xml"] = with_laughs(members["xl/sharedStrings.xml"])
    return zip_bytes(members)


def entity_bomb_past_the_scan(tmp_path: Path) -> bytes:
    members = members_of(shared_strings_workbook(tmp_path))
    members["xl/sharedStrings.xml"] = with_laughs(members["xl/sharedStrings.xml"], padding=8000)
    return zip_bytes(members)


def external_entity(tmp_path: Path) -> bytes:
    """XXE: the sheet pulls in a local file through an external entity."""
    members = members_of(good_workbook(tmp_path))
    sheet = members["xl/worksheets/sheet1.xml"]
    text = sheet.decode("utf-8") if isinstance(sheet, bytes) else sheet
    text = text[text.index("?>") + 2:] if text.startswith("<?xml") else text
    members["xl/worksheets/sheet1.xml"] = (
        '<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        + text.replace("</t>", "&xxe;</t>", 1)).encode()
    return zip_bytes(members)


def quadratic_blowup(tmp_path: Path) -> bytes:
    """One large entity referenced many times (no nesting, so it slips past nesting limits)."""
    members = members_of(good_workbook(tmp_path))
    sheet = members["xl/worksheets/sheet1.xml"]
    text = sheet.decode("utf-8") if isinstance(sheet, bytes) else sheet
    text = text[text.index("?>") + 2:] if text.startswith("<?xml") else text
    members["xl/worksheets/sheet1.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE q [<!ENTITY a "{"a" * 50_000}">]>'
        + text.replace("</t>", "&a;" * 2000 + "</t>", 1)).encode()
    return zip_bytes(members)


def zip_bomb(tmp_path: Path) -> bytes:
    members = members_of(good_workbook(tmp_path))
    members["xl/media/image1.bin"] = bytes(30 * 1024 * 1024)
    return zip_bytes(members)


def ods_like(tmp_path: Path) -> bytes:
    return zip_bytes({"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"})


def docx_like(tmp_path: Path) -> bytes:
    return zip_bytes({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})


def xlsb_like(tmp_path: Path) -> bytes:
    return zip_bytes({"[Content_Types].xml": "<Types/>", "xl/workbook.bin": b"\x83\x01\x00"})


def garbage_workbook_xml(tmp_path: Path) -> bytes:
    return zip_bytes({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "garbage"})


def sheet_part_missing(tmp_path: Path) -> bytes:
    members = members_of(good_workbook(tmp_path))
    del members["xl/worksheets/sheet1.xml"]
    return zip_bytes(members)


HOSTILE: list[tuple[str, Callable[[Path], bytes], str]] = [
    ("half.xlsx", truncated, "half.xlsx: is damaged or truncated (not a complete .xlsx); save it again from Excel"),
    ("noise.xlsx", random_bytes, "noise.xlsx: is not a readable .xlsx file (damaged or renamed); save it again from Excel"),
    ("empty.xlsx", lambda _: b"", "empty.xlsx: is empty (0 bytes): nothing was saved in it; save the table into it "
                                  "again, or give the file that holds it"),
    ("report.xlsx", lambda _: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
     "report.xlsx: is a PDF, not a spreadsheet; export the table as .xlsx or .csv"),
    ("locked.xlsx", lambda _: OLE_MAGIC + bytes(1024),
     "locked.xlsx: is password-protected (encrypted) or damaged; remove the password or save it again as .xlsx, "
     "then run again"),
    ("old.xls", lambda _: OLE_MAGIC + bytes(1024),
     "old.xls: cannot be read as an Excel 97-2003 workbook (password-protected or damaged); open it in Excel and "
     "save it as .xlsx"),
    ("calc.xlsx", ods_like, "calc.xlsx: is an OpenDocument (.ods) spreadsheet; save it as .xlsx and run again"),
    ("letter.xlsx", docx_like, "letter.xlsx: is a zip archive, not an Excel workbook; give a .xlsx or .csv file"),
    ("binary.xlsx", xlsb_like, "binary.xlsx: is an Excel binary (.xlsb) workbook; save it as .xlsx and run again"),
    ("laughs.xlsx", entity_bomb_in_sheet,
     "laughs.xlsx: contains an XML document type declaration (an entity attack?); refused"),
    ("laughs2.xlsx", entity_bomb_in_shared_strings,
     "laughs2.xlsx: contains an XML document type declaration (an entity attack?); refused"),
    ("laughs3.xlsx", entity_bomb_past_the_scan,
     "laughs3.xlsx: its part xl/sharedStrings.xml holds an XML document type declaration (line 1; an entity "
     "attack?); refused"),
    ("xxe.xlsx", external_entity,
     "xxe.xlsx: contains an XML document type declaration (an entity attack?); refused"),
    ("quadratic.xlsx", quadratic_blowup,
     "quadratic.xlsx: contains an XML document type declaration (an entity attack?); refused"),
    ("bomb.xlsx", zip_bomb, "bomb.xlsx: unpacks to far more than its size (a zip bomb?); refused"),
    ("garbage.xlsx", garbage_workbook_xml,
     "garbage.xlsx: its part xl/workbook.xml holds damaged XML (line 1, column 1: not well formed); the file is "
     "damaged or was altered: open it in Excel, save it again and run again"),
    ("nosheet.xlsx", sheet_part_missing,
     "nosheet.xlsx: cannot be read as a workbook (damaged, or not saved by a spreadsheet program); save it again "
     "from Excel"),
    ("roster.csv", lambda _: b"\xe7\xbc\x96\xe5\x8f\xb7,\x00\x01\x02\n",
     "roster.csv: is a binary file, not a spreadsheet or CSV; give a .xlsx or .csv file"),
    ("latin.csv", lambda _: b"id,name\n1,\x80\xff\n", "latin.csv: is not text in UTF-8 or GB18030 (line 2, "
                                                    "column 2 is the first byte of neither); save the CSV as UTF-8"),
    ("roster.json", lambda _: b"{}", "roster.json: is a .json file; needscli reads .xlsx, .xls and .csv"),
    # WPS 表格's own format: a compound file, tried as an .xls is; what cannot be read so is named as WPS's
    ("roster.et", lambda _: OLE_MAGIC + bytes(1024),
     "roster.et: is a WPS spreadsheet (.et) that cannot be read; open it in WPS and save it as .xlsx (Excel "
     "workbook), then run again"),
    ("模板.ett", lambda _: b"\x01\x02 not a compound file",
     "模板.ett: is a WPS spreadsheet (.et) that cannot be read; open it in WPS and save it as .xlsx (Excel "
     "workbook), then run again"),
]


def write_hostile(tmp_path: Path, name: str, build: Callable[[Path], bytes]) -> Path:
    data = build(tmp_path)
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(("name", "build", "message"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_file_is_refused(tmp_path: Path, name: str, build: Callable[[Path], bytes], message: str) -> None:
    path = write_hostile(tmp_path, name, build)
    with pytest.raises(NeedsError) as info:
        read_sheets(path, LimitsConfig())
    assert str(info.value) == message
    assert info.value.exit_code == 2


@pytest.mark.parametrize(("name", "build", "message"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_validate_exits_2_with_one_line(tmp_path: Path, name: str, build: Callable[[Path], bytes],
                                        message: str) -> None:
    path = write_hostile(tmp_path, name, build)
    result = run_cli("validate", path)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"Error: {message}\n"


def _tight(**limits: float) -> LimitsConfig:
    """Limits tighter than a config may set (an ordinary workbook past them): the checks at work on a small file."""
    return LimitsConfig.model_construct(**{**LimitsConfig().model_dump(), **limits})


def test_low_compression_ratio_limit_refuses_an_ordinary_workbook(tmp_path: Path) -> None:
    path = good_workbook(tmp_path)
    assert read_sheets(path, LimitsConfig())[0].name == "花名册"
    with pytest.raises(NeedsError, match="zip bomb"):
        read_sheets(path, _tight(max_compression_ratio=1.5))


def test_uncompressed_size_limit(tmp_path: Path) -> None:
    with pytest.raises(NeedsError, match="zip bomb"):
        read_sheets(good_workbook(tmp_path), _tight(max_uncompressed_bytes=1000))


def test_zip_member_limit(tmp_path: Path) -> None:
    with pytest.raises(NeedsError, match="more than any workbook should"):
        read_sheets(good_workbook(tmp_path), _tight(max_zip_members=3))


# --- damaged workbooks: NeedsError or nothing -----------------------------------------------------

ROSTER_ROWS = roster(["001", "张三", "市财政局", "科长", "乡科级正职"], ["002", "李四", "市税务局", "科员", "一级科员"])


@functools.cache
def seed(kind: str) -> bytes:
    """A small valid input: a workbook with a title row, a roster and a posts sheet; or a CSV roster."""
    with tempfile.TemporaryDirectory() as folder:
        if kind == "csv":
            return make_csv(Path(folder), ROSTER_ROWS).read_bytes()
        return make_workbook(Path(folder), {"花名册": ROSTER_ROWS, "岗位": NEEDS_POSTS}, title="XX单位").read_bytes()


MUTATION = st.tuples(st.sampled_from(["flip", "insert", "delete", "truncate"]),
                     st.floats(min_value=0.0, max_value=1.0, exclude_max=True),
                     st.binary(min_size=1, max_size=8), st.integers(min_value=0, max_value=7))


def mutate(data: bytes, mutations: list[tuple[str, float, bytes, int]]) -> bytes:
    out = bytearray(data)
    for kind, where, noise, bit in mutations:
        at = int(where * len(out))
        if kind == "flip" and out:
            out[at] ^= 1 << bit
        elif kind == "insert":
            out[at:at] = noise
        elif kind == "delete":
            del out[at:at + len(noise) * 4]
        elif kind == "truncate":
            del out[at:]
    return bytes(out)


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutations=st.lists(MUTATION, min_size=1, max_size=4))
def test_a_damaged_input_loads_or_raises_needs_error(tmp_path: Path, kind: str,
                                                     mutations: list[tuple[str, float, bytes, int]]) -> None:
    path = tmp_path / f"fuzz.{kind}"
    path.write_bytes(mutate(seed(kind), mutations))
    try:
        inputs = check_inputs([path], Config())
        if inputs.cadres:
            analyze([path], Config(), as_of=None)
    except NeedsError as exc:  # anything else fails the test
        assert exc.message.strip() and "\n" not in exc.message, exc.message


def rewrite(data: bytes, at: int, new: bytes) -> bytes:
    return data[:at] + new + data[at + len(new):]


def corrupt_deflate(tmp_path: Path) -> bytes:
    """A whole zip whose worksheet's deflate stream is garbage (zlib.error while unpacking)."""
    data = make_workbook(tmp_path, {"花名册": ROSTER_ROWS}).read_bytes()
    with zipfile.ZipFile(tmp_path / "roster.xlsx") as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    name_len, extra_len = int.from_bytes(data[info.header_offset + 26:info.header_offset + 28], "little"), \
        int.from_bytes(data[info.header_offset + 28:info.header_offset + 30], "little")
    start = info.header_offset + 30 + name_len + extra_len
    return rewrite(data, start, b"\xff" * 16)  # BTYPE 11: a reserved (invalid) deflate block


def future_zip_version(tmp_path: Path) -> bytes:
    """A zip whose central directory asks for a version Python cannot extract (NotImplementedError)."""
    data = make_workbook(tmp_path, {"花名册": ROSTER_ROWS}).read_bytes()
    at = data.index(b"PK\x01\x02")
    return rewrite(data, at + 6, (84).to_bytes(2, "little"))


def bom_then_bad_bytes(tmp_path: Path) -> bytes:
    """A CSV with Excel's UTF-8 mark whose text has a byte that is no UTF-8 (UnicodeDecodeError)."""
    return codecs.BOM_UTF8 + "编号,姓名\n001,".encode() + b"\xf9\n"


@pytest.mark.parametrize(("name", "build", "message"), [
    ("bad.xlsx", corrupt_deflate,
     "bad.xlsx: is damaged or truncated (a part cannot be unpacked); save it again from Excel"),
    ("bad.xlsx", future_zip_version,
     "bad.xlsx: is damaged or truncated (not a complete .xlsx); save it again from Excel"),
    ("bad.csv", bom_then_bad_bytes,
     "bad.csv: is marked as UTF-8 text (it begins with a UTF-8 mark) but line 2, column 2 holds bytes that are not "
     "UTF-8; type that cell's text again in Excel or WPS and save the file as CSV UTF-8"),
], ids=["corrupt-deflate", "future-zip-version", "bom-then-bad-bytes"])
def test_damage_found_by_fuzzing_is_a_needs_error(tmp_path: Path, name: str, build: object, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(build(tmp_path))  # type: ignore[operator]
    with pytest.raises(NeedsError) as info:
        read_sheets(path, Config().limits)
    assert (info.value.message, info.value.exit_code) == (message, 2)


# --- hostile files inside a memory limit ----------------------------------------------------------

# 512 MB of address space: the interpreter with pandas, openpyxl and calamine runs `validate` well inside
# it (measured at under 200 MB here), and the zip bomb below unpacks to more than it.
MEMORY_LIMIT = 512 * 1024 * 1024


def limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def big_zip_bomb(tmp_path: Path) -> bytes:
    """A workbook whose sheet part unpacks to 600 MB (more than the memory limit) of padded XML."""
    members = members_of(make_workbook(tmp_path, {"花名册": ROSTER_ROWS}, name="seed.xlsx"))
    path = tmp_path / "bomb-build.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, data in members.items():
            if name != "xl/worksheets/sheet1.xml":
                archive.writestr(name, data)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            sheet = members["xl/worksheets/sheet1.xml"]
            sheet = sheet.encode() if isinstance(sheet, str) else sheet
            head = sheet.index(b"<sheetData>")
            part.write(sheet[:head])
            chunk = b" " * (1 << 20)
            for _ in range(600):
                part.write(chunk)
            part.write(sheet[head:])
    return path.read_bytes()


@pytest.mark.parametrize(("build", "message"), [
    (big_zip_bomb, "hostile.xlsx: unpacks to far more than its size (a zip bomb?); refused"),
    (entity_bomb_in_sheet, "hostile.xlsx: contains an XML document type declaration (an entity attack?); refused"),
    (entity_bomb_past_the_scan, "hostile.xlsx: its part xl/sharedStrings.xml holds an XML document type declaration "
                                "(line 1; an entity attack?); refused"),
], ids=["zip-bomb-600MB", "billion-laughs", "billion-laughs-past-the-scan"])
def test_validate_refuses_a_hostile_file_inside_a_memory_limit(tmp_path: Path, build: object, message: str) -> None:
    path = tmp_path / "hostile.xlsx"
    path.write_bytes(build(tmp_path))  # type: ignore[operator]
    result = run_needscli("validate", path, preexec_fn=limit_memory, timeout=600)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", f"Error: {message}\n")


# --- sheets past the limits: refused before any grid is built ---------------------------------------

ADVICE = ("; delete the stray cells outside the table (Ctrl+End in Excel goes to the last one) or copy the table "
          "into a new workbook, then run again")
ROWS_3x5 = list(roster_rows())  # the header and two cadres: A1:E3


def far_sheet(tmp_path: Path, *extra: str, dimension: str | None = None, after: tuple[str, ...] = ()) -> Path:
    return write_workbook(tmp_path / "far.xlsx", [*ROWS_3x5, *extra], dimension=dimension, after=after)


def refusal_of(path: Path, limits: LimitsConfig | None = None) -> str:
    with pytest.raises(NeedsError) as info:
        read_sheets(path, limits or LimitsConfig())
    assert info.value.exit_code == 2
    return info.value.message


IW = "20 rows × 257 columns), more than 256 columns (limits.max_sheet_columns in the config)"
ROW_LIMIT = LimitsConfig(max_sheet_rows=1000)
# far enough to be refused, near enough that a reader without the guard reads them and fails the test
# rather than the process (the far ones, XFD1048576 and row 4294967295, run in a child in tests/hostile)


@pytest.mark.parametrize(("extra", "dimension", "limits", "message"), [
    # the <dimension> lies: the cells decide
    (f'<row r="20">{text_cell("IW20", "x")}</row>', "A1:E3", None, f"A1:IW20 ({IW}"),
    # no <dimension>, a reference in small letters
    ('<row r="20"><c r="iw20"><v>1</v></c></row>', None, None, f"A1:IW20 ({IW}"),
    # quotes and spacing as XML allows them
    ("<row r='20'><c r = 'IW20'><v>1</v></c></row>", "A1:E3", None, f"A1:IW20 ({IW}"),
    # elements with a namespace prefix, placed by counting
    ('<x:row xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" r="20">'
     '<x:c r="IW20"><x:v>1</x:v></x:c></x:row>', None, None, f"at least A1:IW20 ({IW}"),
    # the far cell first, the roster after it
    ('<row r="9"><c r="A9"><v>1</v></c><c r="IW9"><v>1</v></c></row>', None, None,
     "A1:IW9 (9 rows × 257 columns), more than 256 columns (limits.max_sheet_columns in the config)"),
    ('<row r="5000"><c r="A5000"><v>1</v></c></row>', None, ROW_LIMIT,
     "A1:E5000 (5,000 rows × 5 columns), more than 1,000 rows (limits.max_sheet_rows in the config)"),
    # rows and cells with no reference are placed by counting, as calamine places them
    ('<row r="5000"><c><v>1</v></c></row>', None, ROW_LIMIT,
     "at least A1:E5000 (5,000 rows × 5 columns), more than 1,000 rows (limits.max_sheet_rows in the config)"),
    ("<row>" + "<c><v>1</v></c>" * 300 + "</row>", "A1:E4", None,
     "at least A1:IW4 (4 rows × 257 columns), more than 256 columns (limits.max_sheet_columns in the config)"),
    ("<row/>" * 2000 + "<row><c><v>1</v></c></row>", None, ROW_LIMIT,
     "at least A1:E2004 (2,004 rows × 5 columns), more than 1,000 rows (limits.max_sheet_rows in the config)"),
    ('<row r="20">' + text_cell("CV20", "x") + "</row>", "A1:CV20", LimitsConfig(max_sheet_cells=1000),
     "A1:CV20 (20 rows × 100 columns), more than 1,000 cells (limits.max_sheet_cells in the config)"),
], ids=["lying-dimension", "small-letters", "quotes-and-spaces", "prefixed", "far-first", "far-row",
        "counted-row", "counted-columns", "counted-rows", "cells"])
def test_a_sheet_reaching_past_the_limits_is_refused(tmp_path: Path, extra: str, dimension: str | None,
                                                     limits: LimitsConfig | None, message: str) -> None:
    assert refusal_of(far_sheet(tmp_path, extra, dimension=dimension), limits) == (
        f"far.xlsx, sheet 花名册: its cells reach {message}{ADVICE}")


@pytest.mark.parametrize(("extra", "dimension"), [
    ("", "A1:XFD1048576"),  # a <dimension> claiming the whole sheet: calamine reads the cells only
    ('<row r="1048576"><c r="XFD1048576" s="1"/></row>', None),  # a formatted, empty cell: nothing to lay out
    ('<row r="1048576" ht="30" customHeight="1"/>', "A1:E3"),  # a tall empty row far down
], ids=["big-dimension", "empty-far-cell", "empty-far-row"])
def test_what_is_not_a_cell_is_read_as_the_sheet_it_is(tmp_path: Path, extra: str, dimension: str | None) -> None:
    sheets = read_sheets(far_sheet(tmp_path, extra, dimension=dimension), LimitsConfig())
    assert sheets[0].rows == [["编号", "姓名", "单位", "职务", "职级"], ["001", "张三", "市财政局", "科长", "乡科级正职"],
                              ["002", "李四", "市税务局", "科员", "一级科员"]]


@pytest.mark.parametrize(("limits", "refused"), [
    (LimitsConfig(max_sheet_rows=3, max_sheet_columns=5, max_sheet_cells=15), ""),
    (LimitsConfig(max_sheet_rows=2), "more than 2 rows (limits.max_sheet_rows in the config)"),
    (LimitsConfig(max_sheet_columns=4), "more than 4 columns (limits.max_sheet_columns in the config)"),
    (LimitsConfig(max_sheet_cells=14), "more than 14 cells (limits.max_sheet_cells in the config)"),
], ids=["at-the-limits", "rows", "columns", "cells"])
def test_the_sheet_limits_come_from_the_config(tmp_path: Path, limits: LimitsConfig, refused: str) -> None:
    path = make_workbook(tmp_path, {"花名册": roster(GOOD, GOOD)})  # openpyxl's own <dimension>: A1:E3
    if not refused:
        assert len(read_sheets(path, limits)[0].rows) == 3
    else:
        assert refusal_of(path, limits) == (
            f"roster.xlsx, sheet 花名册: its cells reach A1:E3 (3 rows × 5 columns), {refused}{ADVICE}")


def test_each_sheet_is_checked_and_named(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"花名册": roster(GOOD), "岗位 & 要求": [["x"] * 300]})
    assert refusal_of(path) == ("roster.xlsx, sheet 岗位 & 要求: its cells reach A1:KN1 (1 row × 300 columns), "
                                f"more than 256 columns (limits.max_sheet_columns in the config){ADVICE}")


def merges(*refs: str) -> tuple[str, ...]:
    return (f'<mergeCells count="{len(refs)}">', *[f'<mergeCell ref="{ref}"/>' for ref in refs], "</mergeCells>")


def test_overlapping_merged_ranges_are_refused(tmp_path: Path) -> None:
    path = far_sheet(tmp_path, after=merges(*["C2:C3"] * 8))
    assert refusal_of(path) == ("far.xlsx, sheet 花名册: its 8 merged ranges overlap (they cover 16 cells of a sheet "
                                "of 15); the file is damaged: open it in Excel, save it again and run again")


def test_a_merged_range_given_twice_is_filled_once(tmp_path: Path) -> None:
    rows = [*ROWS_3x5, '<row r="4"><c r="A4" t="inlineStr"><is><t>003</t></is></c></row>']
    path = write_workbook(tmp_path / "twice.xlsx", rows, after=merges("C3:C4", "C3:C4"))
    assert read_sheets(path, LimitsConfig())[0].rows[3] == ["003", "", "市税务局", "", ""]


def test_the_merged_range_limit(tmp_path: Path) -> None:
    path = far_sheet(tmp_path, after=merges("A1:B1", "C2:C3", "D2:D3"))
    assert len(read_sheets(path, LimitsConfig(max_merged_ranges=3))[0].rows) == 3
    assert refusal_of(path, LimitsConfig(max_merged_ranges=2)) == (
        "far.xlsx, sheet 花名册: 3 merged ranges, more than 2 (limits.max_merged_ranges in the config); unmerge the "
        "cells (fill each one) and run again")


def test_a_sheet_part_damaged_past_the_first_bytes_is_a_needs_error(tmp_path: Path) -> None:
    """zipcheck reads the head of each part; the extent scan reads it all and meets the damage."""
    path = far_sheet(tmp_path, *[f'<row r="{r}">{text_cell(f"A{r}", "x" * 40)}</row>' for r in range(4, 4000)])
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    data[info.header_offset + 30 + len(info.filename) + info.compress_size - 40] ^= 0xFF
    path.write_bytes(bytes(data))
    check_zip(path, LimitsConfig()).close()  # the head of every part unpacks
    assert refusal_of(path) == "far.xlsx: is damaged or truncated (a part cannot be unpacked); save it again from Excel"


def test_a_sheet_is_found_as_calamine_finds_it(tmp_path: Path) -> None:
    """Targets from the package's root (/xl/...) lead to the same part: the sheet is checked and named."""
    members = members_of(far_sheet(tmp_path, f'<row r="20">{text_cell("IW20", "x")}</row>'))
    rels = members["xl/_rels/workbook.xml.rels"]
    rels = rels.decode() if isinstance(rels, bytes) else rels
    members["xl/_rels/workbook.xml.rels"] = rels.replace('Target="worksheets/', 'Target="/xl/worksheets/')
    path = tmp_path / "rooted.xlsx"
    path.write_bytes(zip_bytes(members))
    assert refusal_of(path).startswith("rooted.xlsx, sheet 花名册: its cells reach A1:IW20 (20 rows × 257 columns)")


REF = st.tuples(st.text("ABCXYZaxz", max_size=4), st.integers(0, 3), st.text("0123456789", max_size=9),
                st.sampled_from(['"', "'"]), st.sampled_from(["", " ", "\t "]))


@settings(max_examples=400, deadline=None)
@given(ref=REF, rows=st.integers(1, 2_000_000), columns=st.integers(1, 20_000))
def test_a_reference_past_the_bound_is_found_whatever_its_spelling(ref: tuple[str, int, str, str, str], rows: int,
                                                                    columns: int) -> None:
    letters, zeros, digits, quote, space = ref
    text = f"<c r{space}={space}{quote}{letters}{'0' * zeros}{digits}{quote}>".encode()
    found = extent._beyond(rows, columns).search(text) is not None
    # the pattern as first written, every numeral tried at every reference
    plain = rf"""r\s*=\s*["'](?:{extent._above(extent.column_letters(columns), extent._LETTERS, extent._LETTERS)}"""
    plain += rf"""[0-9]|[A-Za-z]*0*{extent._above(str(rows), extent._DIGITS, extent._DIGITS[1:])}["'])"""
    assert found == (re.search(plain.encode(), text) is not None)
    if letters and (zeros or digits):
        assert found == (extent.column_number(letters) > columns or int("0" * zeros + digits) > rows)
