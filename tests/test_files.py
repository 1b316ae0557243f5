"""Hostile and broken input files: each is refused with one clear line, never a traceback."""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import xlsxwriter
from conftest import load, make_csv, make_workbook, roster
from typer.testing import CliRunner

from needscli.cli.app import app
from needscli.config import LimitsConfig
from needscli.errors import NeedsError
from needscli.io.files import read_sheets

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
    ("empty.xlsx", lambda _: b"", "empty.xlsx: is not a readable .xlsx file (damaged or renamed); save it again from Excel"),
    ("report.xlsx", lambda _: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
     "report.xlsx: is a PDF, not a spreadsheet; export the table as .xlsx or .csv"),
    ("locked.xlsx", lambda _: OLE_MAGIC + bytes(1024),
     "locked.xlsx: is password-protected (encrypted) or an old .xls workbook; remove the password or save it "
     "as .xlsx, then run again"),
    ("old.xls", lambda _: OLE_MAGIC + bytes(1024),
     "old.xls: is an old Excel 97-2003 .xls workbook; open it in Excel and save as .xlsx"),
    ("calc.xlsx", ods_like, "calc.xlsx: is an OpenDocument (.ods) spreadsheet; save it as .xlsx and run again"),
    ("letter.xlsx", docx_like, "letter.xlsx: is a zip archive, not an Excel workbook; give a .xlsx or .csv file"),
    ("binary.xlsx", xlsb_like, "binary.xlsx: is an Excel binary (.xlsb) workbook; save it as .xlsx and run again"),
    ("laughs.xlsx", entity_bomb_in_sheet,
     "laughs.xlsx: contains an XML document type declaration (an entity attack?); refused"),
    ("laughs2.xlsx", entity_bomb_in_shared_strings,
     "laughs2.xlsx: contains an XML document type declaration (an entity attack?); refused"),
    ("laughs3.xlsx", entity_bomb_past_the_scan,
     "laughs3.xlsx: cannot be read as a workbook (XmlError); save it again from Excel"),
    ("xxe.xlsx", external_entity,
     "xxe.xlsx: contains an XML document type declaration (an entity attack?); refused"),
    ("quadratic.xlsx", quadratic_blowup,
     "quadratic.xlsx: contains an XML document type declaration (an entity attack?); refused"),
    ("bomb.xlsx", zip_bomb, "bomb.xlsx: unpacks to far more than its size (a zip bomb?); refused"),
    ("garbage.xlsx", garbage_workbook_xml,
     "garbage.xlsx: cannot be read as a workbook (CalamineError); save it again from Excel"),
    ("nosheet.xlsx", sheet_part_missing,
     "nosheet.xlsx: cannot be read as a workbook (WorksheetNotFound); save it again from Excel"),
    ("roster.csv", lambda _: b"\xe7\xbc\x96\xe5\x8f\xb7,\x00\x01\x02\n",
     "roster.csv: is a binary file, not a spreadsheet or CSV; give a .xlsx or .csv file"),
    ("latin.csv", lambda _: b"id,name\n1,\x80\xff\n", "latin.csv: is not text in UTF-8 or GB18030; save the CSV as UTF-8"),
    ("roster.json", lambda _: b"{}", "roster.json: is a .json file; needscli reads .xlsx and .csv"),
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
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"Error: {message}\n"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(NeedsError, match=r"^nowhere.xlsx: file not found; check the path$"):
        load(tmp_path / "nowhere.xlsx")


def test_folder(tmp_path: Path) -> None:
    folder = tmp_path / "rosters.xlsx"
    folder.mkdir()
    with pytest.raises(NeedsError, match=r"^rosters.xlsx: is a folder; give a .xlsx or .csv file$"):
        load(folder)


def test_low_compression_ratio_limit_refuses_an_ordinary_workbook(tmp_path: Path) -> None:
    path = good_workbook(tmp_path)
    assert read_sheets(path, LimitsConfig())[0].name == "花名册"
    with pytest.raises(NeedsError, match="zip bomb"):
        read_sheets(path, LimitsConfig(max_compression_ratio=1.5))


def test_uncompressed_size_limit(tmp_path: Path) -> None:
    with pytest.raises(NeedsError, match="zip bomb"):
        read_sheets(good_workbook(tmp_path), LimitsConfig(max_uncompressed_bytes=1000))


def test_zip_member_limit(tmp_path: Path) -> None:
    with pytest.raises(NeedsError, match="more than any workbook should"):
        read_sheets(good_workbook(tmp_path), LimitsConfig(max_zip_members=3))


def test_row_limit(tmp_path: Path) -> None:
    from needscli.config import Config

    path = make_workbook(tmp_path, {"花名册": roster(GOOD, GOOD, GOOD)})
    with pytest.raises(NeedsError, match=r"too many rows \(4\); the limit is 3"):
        load(path, config=Config(limits=LimitsConfig(max_rows=3)))


def test_utf16_csv_loads(tmp_path: Path) -> None:
    path = make_csv(tmp_path, roster(GOOD), "utf-16")
    assert [c.id for c in load(path).cadres] == ["001"]


@pytest.mark.parametrize("delimiter", ["\t", ";"])
def test_csv_delimiters(tmp_path: Path, delimiter: str) -> None:
    path = tmp_path / "roster.csv"
    path.write_text("\n".join(delimiter.join(r) for r in roster(GOOD)), encoding="utf-8")
    assert [c.level for c in load(path).cadres] == ["乡科级正职"]


WISHES = "法治思维;数字政府;应急管理;保密;统计;乡村振兴;党史;安全生产"


def test_comma_csv_whose_list_cells_hold_many_semicolons(tmp_path: Path) -> None:
    rows = [[f"{n:03d}", "张三", "市财政局", "科长", "乡科级正职", WISHES] for n in range(10)]
    path = make_csv(tmp_path, roster(*rows, header=["编号", "姓名", "单位", "职务", "职级", "个人培训需求"]))
    inputs = load(path)
    assert inputs.problems == []
    assert [len(c.wishes) for c in inputs.cadres] == [8] * 10


def test_semicolon_csv_whose_list_cells_hold_commas(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    lines = ["XX单位干部花名册;;;;;", "编号;姓名;单位;职务;职级;个人培训需求"]
    lines += [f'{n:03d};张三;市财政局;科长;乡科级正职;"{WISHES.replace(";", ",")}"' for n in range(10)]
    path.write_text("\n".join(lines), encoding="utf-8")
    assert [len(c.wishes) for c in load(path).cadres] == [8] * 10


def test_empty_csv_has_no_header(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes(b"")
    with pytest.raises(NeedsError, match="no header row found"):
        load(path)
