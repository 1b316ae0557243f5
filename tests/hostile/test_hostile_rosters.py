"""Rosters a reviewer forged or a system damaged that the readers met with an abort, a traceback, a library's word or
the wrong advice: a forged shared-string count, NUL bytes and one badly encoded cell in a CSV, a device or a pipe
given as a roster, a damaged part, CSV text named .xlsx. Each is said in words, naming the file and where, exit 2."""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

import pytest
from builders import make_workbook, roster, run_needscli

from needscli.config import LimitsConfig
from needscli.errors import NeedsError
from needscli.io import files
from needscli.io.files import read_sheets
from needscli.wording import in_chinese

HEADER = ["编号", "姓名", "单位", "职务", "职级"]
CADRES = [["001", "张三", "市财政局", "科长", "乡科级正职"], ["002", "李四", "市税务局", "科员", "一级科员"]]
TIMEOUT = 120  # a guard only


def _refusal(path: Path) -> str:
    with pytest.raises(NeedsError) as refused:
        read_sheets(path, LimitsConfig())
    return refused.value.message


_SHARED = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="{count}">'
           '<si><t>张三</t></si><si><t>李四</t></si></sst>')
_SHARED_REL = ('<Relationship Id="rIdStrings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
               'sharedStrings" Target="sharedStrings.xml"/></Relationships>')


def _counted(tmp_path: Path, count: str, name: str = "forged.xlsx") -> Path:
    """A good roster with a shared strings part that declares count strings (uniqueCount), as a forger writes it."""
    good = make_workbook(tmp_path, {"花名册": roster(*CADRES, header=HEADER)}, name="good.xlsx")
    path = tmp_path / name
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for member in source.namelist():
            data = source.read(member)
            if member == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", _SHARED_REL.encode())
            out.writestr(member, data)
        out.writestr("xl/sharedStrings.xml", _SHARED.format(count=count))
    return path


# 4,294,967,295 aborts the process that parses it (100 GB asked): given to a child process below, not here
@pytest.mark.parametrize("count", ["2000000000000000000", "+2000000000000000000", "70000"])
def test_a_forged_shared_string_count_is_refused_before_the_parse(tmp_path: Path, count: str) -> None:
    """calamine reserved memory for the count first: the process panicked (a traceback) or aborted."""
    message = _refusal(_counted(tmp_path, count))
    assert message.startswith(f"forged.xlsx: declares {int(count):,} shared strings (uniqueCount in "
                              "xl/sharedStrings.xml), more than the part's ")
    assert message.endswith("bytes can hold (each takes 5 bytes at least); the workbook is damaged or forged: open it "
                            "in Excel, save it again and run again")
    assert in_chinese(message).startswith(f"forged.xlsx：声明有 {int(count):,} 个共享字符串（xl/sharedStrings.xml 中的 "
                                          "uniqueCount），而该部件只有 ")


def test_a_true_shared_string_count_is_read(tmp_path: Path) -> None:
    sheets = read_sheets(_counted(tmp_path, "12"), LimitsConfig())
    assert sheets[0].rows[1][:2] == ["001", "张三"]


def test_the_forged_count_beside_a_good_roster_stops_the_run_naming_it_and_checks_the_other(tmp_path: Path) -> None:
    forged = _counted(tmp_path, "4294967295")
    fifo = tmp_path / "fifo.csv"
    os.mkfifo(fifo)
    result = run_needscli("validate", forged, tmp_path / "good.xlsx", fifo, timeout=TIMEOUT)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr[-800:]
    assert result.stderr.startswith("Error: 2 input files cannot be used"), result.stderr[-800:]
    assert "forged.xlsx: declares 4,294,967,295 shared strings" in result.stderr
    assert "fifo.csv: is a pipe (FIFO), not a regular file; give the .xlsx, .xls or .csv file itself" in result.stderr
    json = run_needscli("validate", forged, "--format", "json", "--lang", "zh", timeout=TIMEOUT)
    assert json.returncode == 2 and '"input-unusable"' in json.stdout and "声明有 4,294,967,295 个共享字符串" in json.stdout


def test_a_panic_of_the_reader_is_an_unreadable_workbook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """pyo3's PanicException is a BaseException: it went past the handler, a traceback and exit 1."""

    class PanicException(BaseException):  # pyo3_runtime's, which no module here can import
        pass

    def panic(_: str) -> None:
        raise PanicException("capacity overflow")

    good = make_workbook(tmp_path, {"花名册": roster(*CADRES, header=HEADER)})
    monkeypatch.setattr(files.CalamineWorkbook, "from_path", panic)
    assert _refusal(good) == ("roster.xlsx: cannot be read as a workbook (damaged, or not saved by a spreadsheet "
                              "program); save it again from Excel")


def _csv(tmp_path: Path, data: bytes, name: str = "roster.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _text(rows: list[list[str]]) -> str:
    return "".join(",".join(row) + "\n" for row in rows)


def test_a_few_nul_bytes_early_in_a_csv_are_cells_not_a_binary_file(tmp_path: Path) -> None:
    """A NUL in the first 4,096 bytes refused the whole file as binary; one later was a cell's fault."""
    data = _text([HEADER, *CADRES]).encode("utf-8").replace("张三".encode(), "张\x00三".encode())
    sheets = read_sheets(_csv(tmp_path, data), LimitsConfig())
    assert sheets[0].rows[1] == ["001", "张\x00三", "市财政局", "科长", "乡科级正职"]
    result = run_needscli("validate", tmp_path / "roster.csv", "--lang", "en", timeout=TIMEOUT)
    assert result.returncode == 1, result.stderr[-800:]
    assert "B2" in result.stdout and "control character" in result.stdout, result.stdout


@pytest.mark.parametrize("data", [b"\x00" * 10_000, _text([HEADER, *CADRES]).encode("utf-16-le")],
                         ids=["all-nul", "utf-16-without-bom"])
def test_a_binary_file_is_still_refused(tmp_path: Path, data: bytes) -> None:
    assert _refusal(_csv(tmp_path, data)) == ("roster.csv: is a binary file, not a spreadsheet or CSV; give a .xlsx or "
                                              ".csv file")


def test_one_cell_in_another_encoding_is_named_by_line_and_column(tmp_path: Path) -> None:
    """It was refused as not UTF-8 with advice to save it as UTF-8, which it was."""
    rows = [HEADER, *[[f"{i:03}", "张三", "市财政局", "科长", "乡科级正职"] for i in range(1, 60)]]
    data = _text(rows).encode("utf-8").splitlines(keepends=True)
    data[40] = data[40].replace("市财政局".encode(), "市财政局".encode("gb18030"))
    message = _refusal(_csv(tmp_path, b"".join(data)))
    assert message == ("roster.csv: is UTF-8 text but line 41, column 3 holds bytes that are not UTF-8; type that "
                       "cell's text again in Excel or WPS and save the file as CSV UTF-8")
    assert in_chinese(message) == ("roster.csv：是 UTF-8 文本，但第 41 行第 3 列含有不是 UTF-8 编码的字节（该单元格的文字是以"
                                   "其他编码输入或粘贴的）；请在 Excel 或 WPS 中重新输入该单元格的文字，再把文件另存为“CSV UTF-8”")


def test_a_stray_carriage_return_before_the_bad_bytes_still_names_the_column(tmp_path: Path) -> None:
    """A CR alone in a file of LFs on the line of the bad bytes made the column's count fail (csv.Error, a
    traceback): the column is then counted by the separators before it."""
    rows = [HEADER, *[[f"{i:03}", "张三", "市财政局", "科长", "乡科级正职"] for i in range(1, 5)]]
    data = _text(rows).encode("utf-8").splitlines(keepends=True)
    data[2] = data[2].replace("张三".encode(), "张\r三".encode()).replace("市财政局".encode(), "市财政局".encode("gb18030"))
    message = _refusal(_csv(tmp_path, b"".join(data)))
    assert message.startswith("roster.csv: is UTF-8 text but line 3, column 3 holds bytes that are not UTF-8")


def test_a_utf8_mark_before_gb18030_text_names_where_and_says_to_save_again(tmp_path: Path) -> None:
    message = _refusal(_csv(tmp_path, b"\xef\xbb\xbf" + _text([HEADER, *CADRES]).encode("gb18030")))
    assert message == ("roster.csv: is marked as UTF-8 text (it begins with a UTF-8 mark) but line 1, column 1 holds "
                       "bytes that are not UTF-8, and so do lines after it; open the file in Excel or WPS and save it "
                       "again as CSV UTF-8")
    assert in_chinese(message) == ("roster.csv：标为 UTF-8 文本（开头有 UTF-8 标记），但第 1 行第 1 列含有不是 UTF-8 编码的"
                                   "字节，其后各行也是；请在 Excel 或 WPS 中打开该文件，重新另存为“CSV UTF-8”")


@pytest.mark.parametrize(("name", "said", "zh"), [
    ("roster.xlsx", "a device", "设备文件"), ("roster.csv", "a device", "设备文件"),
    ("fifo.csv", "a pipe (FIFO)", "管道（FIFO）"),
])
def test_a_device_or_a_pipe_is_no_regular_file(tmp_path: Path, name: str, said: str, zh: str) -> None:
    """They were said to be empty files (0 bytes) to save again; a pipe is never opened (its reader waits)."""
    path = tmp_path / name
    if name.startswith("fifo"):
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/null")
    message = _refusal(path)
    assert message == f"{name}: is {said}, not a regular file; give the .xlsx, .xls or .csv file itself"
    assert in_chinese(message) == f"{name}：是{zh}，不是普通文件；请给出 .xlsx、.xls 或 .csv 文件本身"


def test_a_damaged_part_is_named_in_words(tmp_path: Path) -> None:
    """calamine's XmlError was the message: 无法作为工作簿读取（XmlError）."""
    good = make_workbook(tmp_path, {"花名册": roster(*CADRES, header=HEADER)}, name="good.xlsx")
    path = tmp_path / "roster.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for member in source.namelist():
            data = source.read(member)
            if member == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", b"</row></sheetData>")
            out.writestr(member, data)
    message = _refusal(path)
    assert re.fullmatch(r"roster\.xlsx: its part xl/worksheets/sheet1\.xml holds damaged XML \(line \d+, column [\d,]+: a "
                        r"tag closed that was not opened\); the file is damaged or was altered: open it in Excel, save "
                        r"it again and run again", message), message
    assert "的 XML 已损坏（第 " in in_chinese(message) and "关闭了未打开的标签" in in_chinese(message)


def test_csv_text_named_xlsx_is_said_to_be_csv(tmp_path: Path) -> None:
    path = tmp_path / "roster.xlsx"
    path.write_text(_text([HEADER, *CADRES]), encoding="utf-8")
    message = _refusal(path)
    assert message == ("roster.xlsx: is CSV text (lines of values separated by commas or tabs) named .xlsx, not a "
                       "workbook; rename it to .csv and run again")
    assert in_chinese(message) == ("roster.xlsx：是 CSV 文本（以逗号或制表符分隔的多行数据），却命名为 .xlsx，并不是工作簿；"
                                   "请把扩展名改为 .csv 后再运行")


@pytest.mark.parametrize("suffix", [".xls", ".xlsb", ".ods"])
def test_an_xlsx_named_as_another_format_is_said_to_be_an_xlsx(tmp_path: Path, suffix: str) -> None:
    """The workbook reader opens a file named .xls, .xlsb or .ods with that format's reader, whatever it holds: a
    sound roster.xlsx a system saved as roster.xls was refused as damaged (无法作为工作簿读取…). It is said to be an
    .xlsx, to be renamed; .xlsm and .XLS (opened by what they hold) are read as before."""
    good = make_workbook(tmp_path, {"花名册": roster(*CADRES, header=HEADER)}, name="good.xlsx")
    path = good.rename(tmp_path / f"roster{suffix}")
    message = _refusal(path)
    assert message == f"roster{suffix}: is an .xlsx workbook named {suffix}; rename it to .xlsx and run again"
    assert in_chinese(message) == f"roster{suffix}：是 .xlsx 工作簿，却命名为 {suffix}；请把扩展名改为 .xlsx 后再运行"
    result = run_needscli("validate", path, "--lang", "zh", timeout=TIMEOUT)
    assert (result.returncode, result.stderr.strip()) == (2, f"错误：{in_chinese(message)}")
    for readable in (".xlsm", ".XLS"):
        assert read_sheets(path.rename(tmp_path / f"roster{readable}"), LimitsConfig())[0].name == "花名册"
        path = tmp_path / f"roster{readable}"
