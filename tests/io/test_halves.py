"""A workbook's largest worksheet parsed in two processes (io.halves within io.files.beside_halves): the rows,
merged cells filled, that one parse gives, wherever the cut falls, whoever wrote the workbook; a sheet whose rows
or cells are placed by counting, a copy that fails and a damaged sheet all leave the sheet to one parse."""

from __future__ import annotations

import datetime as dt
import functools
import pickle
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlsxwriter

from needscli import pipeline
from needscli.config import Config, LimitsConfig
from needscli.errors import NeedsError
from needscli.io import files, halves
from needscli.io.files import beside_halves, parse_workbook, read_sheets
from needscli.reports.parallel import Forked, can_fork


class _Here:
    """A second process's work done in this one, at once; fails: it sends nothing; sends: these bytes instead."""

    def __init__(self, work: Callable[[], bytes], fails: bool, sends: bytes | None) -> None:
        self.data = None if fails else self._done(work) if sends is None else sends
        self.stopped = False

    @staticmethod
    def _done(work: Callable[[], bytes]) -> bytes | None:
        try:
            return work()
        except Exception:  # a forked copy that raises ends without sending anything
            return None

    def result(self) -> bytes | None:
        return self.data

    def stop(self) -> None:
        self.stopped = True


class Starts:
    """A Start running the work here, recording each copy started."""

    def __init__(self, fails: bool = False, sends: bytes | None = None) -> None:
        self.started: list[_Here] = []
        self.fails, self.sends = fails, sends

    def __call__(self, work: Callable[[], bytes]) -> _Here:
        self.started.append(_Here(work, self.fails, self.sends))
        return self.started[-1]


@pytest.fixture
def joins(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many grids were joined from two parts (halves._join called)."""
    calls: list[int] = []
    real = halves._join

    def join(*args: Any) -> Any:
        calls.append(1)
        return real(*args)

    monkeypatch.setattr(halves, "_join", join)
    return calls


def _rows(count: int) -> list[list[object]]:
    """A roster's rows with text, numbers, dates and booleans, blanks here and there."""
    out: list[list[object]] = [["编号", "姓名", "单位", "出生日期", "学时", "在职"]]
    for i in range(count):
        out.append([f"{i:05d}", f"干部{i}" if i % 7 else "", f"单位{i % 5}", dt.date(1970 + i % 30, 1 + i % 12, 1),
                    float(i % 40) if i % 9 else "", i % 2 == 0])
    return out


def _xlsxwriter(path: Path, rows: list[list[object]], inline: bool = False) -> Path:
    """From C4 (the sheet's first cell past A1), a unit merged down rows across the middle, a cell wider than the
    rest in the last row, and empty rows between; a small second sheet."""
    book = xlsxwriter.Workbook(str(path), {"constant_memory": inline})
    dates = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet = book.add_worksheet("花名册")
    middle = 3 + len(rows) // 2
    for r, row in enumerate(rows):
        at = 3 + r + (5 if r > len(rows) // 2 + 3 else 0)  # five empty rows after the middle
        for c, value in enumerate(row):
            if isinstance(value, dt.date):
                sheet.write_datetime(at, 2 + c, dt.datetime.combine(value, dt.time()), dates)
            elif at == middle and c == 2:
                sheet.merge_range(at, 2 + c, at + 8, 2 + c, value)  # down past the empty rows
            elif not (middle < at <= middle + 8 and c == 2):
                sheet.write(at, 2 + c, value)
    sheet.write(3 + len(rows) + 4, 12, "备注")
    small = book.add_worksheet("岗位")
    small.write_row(0, 0, ["岗位代码", "岗位名称"])
    book.close()
    return path


def _openpyxl(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "花名册"
    sheet.append(["干部花名册"])
    sheet.merge_cells("A1:F1")
    for row in rows:
        sheet.append(row)
    sheet.merge_cells(f"C{len(rows) // 2}:C{len(rows) // 2 + 6}")
    book.save(path)
    return path


MAKERS: dict[str, Callable[[Path, list[list[object]]], Path]] = {
    "shared strings": functools.partial(_xlsxwriter, inline=False),
    "inline strings": functools.partial(_xlsxwriter, inline=True),
    "openpyxl": _openpyxl,
}


def _parsed(path: Path, start: Any, split_bytes: int = 1) -> list[tuple[str, list[list[object]], bool]]:
    with beside_halves(start, split_bytes):
        return parse_workbook(str(path))


@pytest.mark.parametrize("maker", MAKERS)
@pytest.mark.parametrize("share", [0.01, 0.3, 0.6, 0.97])
def test_a_sheet_parsed_in_halves_is_the_sheet_parsed_whole(tmp_path: Path, maker: str, share: float,
                                                            monkeypatch: pytest.MonkeyPatch, joins: list[int]) -> None:
    monkeypatch.setattr(halves, "PARSE_SHARE", share)
    path = MAKERS[maker](tmp_path / "roster.xlsx", _rows(300))
    whole = parse_workbook(str(path))
    start = Starts()
    split = _parsed(path, start)
    assert split == whole
    assert len(start.started) == 1 and start.started[0].stopped
    assert joins == [1]  # the grid was joined from the two parts, not parsed whole
    roster = {name: rows for name, rows, _ in whole}["花名册"]
    assert len(roster) > 300 and any(isinstance(v, dt.date) for v in roster[-1])


def test_the_cut_may_fall_on_any_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, joins: list[int]) -> None:
    path = _xlsxwriter(tmp_path / "roster.xlsx", _rows(40))
    whole = parse_workbook(str(path))
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml")
    rows = [m.start() for m in re.finditer(rb"<row ", xml)]
    for at in rows + [rows[-1] + 1]:  # a cut on each row, and one past the last (nothing there: parsed whole)
        monkeypatch.setattr(halves, "PARSE_SHARE", at / len(xml))
        assert _parsed(path, Starts()) == whole
    assert len(joins) == len(rows)  # the cut before the first row too: this process's part holds no cell


@pytest.mark.parametrize(("read", "seek"), [(7, 5), (64, 3), (1000, 11), (33, 1)])
@pytest.mark.parametrize("share", [0.2, 0.5, 0.8])
def test_parts_read_a_few_bytes_at_a_time_are_cut_where_one_read_cuts_them(
        tmp_path: Path, read: int, seek: int, share: float, monkeypatch: pytest.MonkeyPatch, joins: list[int]) -> None:
    """Every pattern looked for falls across two pieces somewhere: the two processes still agree on the cut, and
    the copy sees all of its rows."""
    path = _xlsxwriter(tmp_path / "roster.xlsx", _rows(60))
    whole = parse_workbook(str(path))
    monkeypatch.setattr(halves, "PARSE_SHARE", share)
    monkeypatch.setattr(halves, "_READ_BYTES", read)
    monkeypatch.setattr(halves, "_SEEK_BYTES", seek)
    assert _parsed(path, Starts()) == whole
    assert joins == [1]
    odd = _rewritten(path, _last_cell_counted)
    start = Starts()
    assert _parsed(odd, start) == parse_workbook(str(odd))
    assert start.started[0].data == halves._UNCUT


def _last_cell_counted(xml: bytes) -> bytes:
    """The XML with its last cell's reference taken out: calamine places it by counting."""
    at = xml.rindex(b'<c r="')
    return xml[:at] + b"<c" + xml[xml.index(b'"', at + 6) + 1:]


def _rewritten(path: Path, change: Callable[[bytes], bytes]) -> Path:
    """The workbook with its first sheet's XML changed past its middle."""
    out = path.with_name("changed.xlsx")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data[:len(data) // 2] + change(data[len(data) // 2:])
            target.writestr(info.filename, data)
    return out


@pytest.mark.parametrize("change", [
    lambda xml: re.sub(rb'<row r="\d+"', b"<row", xml),  # rows placed by counting
    lambda xml: re.sub(rb'<c r="[A-Z]+\d+"', b"<c", xml),  # cells placed by counting
    lambda xml: re.sub(rb'<row r="(\d+)" spans="([\d:]+)"', rb'<row spans="\2" r="\1"', xml),  # r= not first
], ids=["rows", "cells", "late r"])
def test_rows_or_cells_placed_by_counting_leave_the_sheet_to_one_parse(tmp_path: Path, change: Callable[[bytes], bytes],
                                                                       monkeypatch: pytest.MonkeyPatch,
                                                                       joins: list[int]) -> None:
    monkeypatch.setattr(halves, "PARSE_SHARE", 0.6)
    path = _rewritten(_xlsxwriter(tmp_path / "roster.xlsx", _rows(200)), change)
    start = Starts()
    assert _parsed(path, start) == parse_workbook(str(path))
    assert start.started[0].data == halves._UNCUT and joins == []


def _hand_made(path: Path, rows: list[tuple[int, str]]) -> Path:
    """A workbook of one sheet whose XML holds these (row number, text in column B) in this order."""
    cells = "".join(f'<row r="{r}"><c r="B{r}" t="inlineStr"><is><t>{text}</t></is></c></row>' for r, text in rows)
    with zipfile.ZipFile(path, "w") as book:
        book.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                      'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxml'
                      'formats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument'
                      '.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType='
                      '"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
        book.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                      'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                      'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        book.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/'
                      'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
                      'relationships"><sheets><sheet name="花名册" sheetId="1" r:id="rId1"/></sheets></workbook>')
        book.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.'
                      'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
                      'openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                      '</Relationships>')
        book.writestr("xl/worksheets/sheet1.xml", '<?xml version="1.0"?><worksheet xmlns="http://schemas.'
                      f'openxmlformats.org/spreadsheetml/2006/main"><sheetData>{cells}</sheetData></worksheet>')
    return path


@pytest.mark.parametrize("rows", [
    [*((r, f"v{r}") for r in range(1, 41)), (20, "again"), *((r, f"v{r}") for r in range(41, 81))],  # repeated
    [*((r, f"v{r}") for r in range(1, 41)), *((r, f"w{r}") for r in range(100, 104)), (5, "back"),
     *((r, f"v{r}") for r in range(41, 81))],  # out of order
], ids=["repeated", "out of order"])
def test_rows_repeated_or_out_of_order_across_the_cut_leave_the_sheet_to_one_parse(
        tmp_path: Path, rows: list[tuple[int, str]], monkeypatch: pytest.MonkeyPatch, joins: list[int]) -> None:
    path = _hand_made(tmp_path / "odd.xlsx", rows)
    whole = parse_workbook(str(path))
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml")
    at = xml.index(b'<row r="20"><c r="B20" t="inlineStr"><is><t>again') if "again" in str(rows) else \
        xml.index(b'<row r="5"><c r="B5" t="inlineStr"><is><t>back')
    for cut in (at, at + 1):  # on the odd row, and just past it (the next row is then the copy's first)
        monkeypatch.setattr(halves, "PARSE_SHARE", cut / len(xml))
        start = Starts()
        assert _parsed(path, start) == whole
        assert start.started[0].stopped
    assert joins == [1, 1]  # joined, but the two parts' rows out of order: parsed whole
    assert {name: rows for name, rows, _ in whole}["花名册"][19][1] in ("again", "v20")


@pytest.mark.parametrize(("fails", "sends"), [(True, None), (False, b"not a pickle"), (False, pickle.dumps(5)),
                                              (False, pickle.dumps((None, None)))])
def test_a_copy_that_fails_or_sends_what_does_not_unpack_leaves_the_sheet_to_the_run(
        tmp_path: Path, fails: bool, sends: bytes | None, joins: list[int]) -> None:
    path = _xlsxwriter(tmp_path / "roster.xlsx", _rows(200))
    start = Starts(fails, sends)
    assert _parsed(path, start) == parse_workbook(str(path))
    assert start.started[0].stopped and joins == []


def test_a_stuck_copy_is_stopped_and_its_rows_parsed_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not can_fork():
        pytest.skip("no fork here")
    path = _xlsxwriter(tmp_path / "roster.xlsx", _rows(200))
    monkeypatch.setattr(halves, "_copy_share", lambda *args: __import__("time").sleep(60) or b"")
    assert _parsed(path, functools.partial(Forked.start, wait=0.25)) == parse_workbook(str(path))


def test_only_the_largest_sheet_is_cut_and_only_past_the_size(tmp_path: Path, joins: list[int]) -> None:
    path = tmp_path / "two.xlsx"
    book = xlsxwriter.Workbook(str(path))
    for name, count in (("岗位", 50), ("花名册", 400)):
        sheet = book.add_worksheet(name)
        for r, row in enumerate(_rows(count)):
            sheet.write_row(r, 0, [str(v) for v in row])
    book.close()
    whole = parse_workbook(str(path))
    start = Starts()
    assert _parsed(path, start) == whole
    assert len(start.started) == 1 and joins == [1]
    with zipfile.ZipFile(path) as archive:
        size = archive.getinfo("xl/worksheets/sheet2.xml").file_size
    start = Starts()
    assert _parsed(path, start, split_bytes=size + 1) == whole  # below the size: one process, none started
    assert start.started == [] and joins == [1]


def test_a_sheet_damaged_past_the_cut_says_what_one_parse_says(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(halves, "PARSE_SHARE", 0.3)
    path = _rewritten(_xlsxwriter(tmp_path / "roster.xlsx", _rows(200)),
                      lambda xml: xml.replace(b'<c r="', b'<c r="!', 1))  # a cell's reference that is none
    limits = LimitsConfig()
    with pytest.raises(NeedsError) as whole:
        read_sheets(path, limits)
    start = Starts()
    with beside_halves(start, 1), pytest.raises(NeedsError) as split:
        read_sheets(path, limits)
    assert split.value.message == whole.value.message and "cannot be read as a workbook" in whole.value.message
    assert len(start.started) == 1 and start.started[0].stopped


def test_a_sheet_parsed_beside_in_a_forked_process_is_the_sheet_parsed_whole(tmp_path: Path,
                                                                             joins: list[int]) -> None:
    if not can_fork():
        pytest.skip("no fork here")
    path = _openpyxl(tmp_path / "roster.xlsx", _rows(3000))
    assert _parsed(path, functools.partial(Forked.start, wait=60)) == parse_workbook(str(path))
    assert joins == [1]


@pytest.mark.parametrize("processes", [1, 2])
def test_analyze_parses_in_halves_as_the_limits_say(tmp_path: Path, processes: int,
                                                    monkeypatch: pytest.MonkeyPatch, joins: list[int]) -> None:
    path = _openpyxl(tmp_path / "roster.xlsx", _rows(300))
    begun: list[object] = []
    real = files.begin_halves

    def begin(name: str, start: Any, split_bytes: int) -> Any:
        begun.append(split_bytes)
        return real(name, start, split_bytes)

    monkeypatch.setattr(files, "begin_halves", begin)
    config = Config.model_validate({"limits": {"parse_processes": processes, "parse_split_bytes": 1234}})
    with pytest.raises(NeedsError):  # no cadre of these rows is valid: the read is what is looked at
        pipeline.analyze([path], config)
    assert begun == ([1234] if processes == 2 and can_fork() else [])
    assert joins == ([1] if processes == 2 and can_fork() else [])  # the roster sheet joined from a forked copy's
