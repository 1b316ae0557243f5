"""Reading input files: a missing file or a folder, the row limit, and CSV exports in any encoding,
delimiter and row length."""

from __future__ import annotations

import io
import threading
import time
from pathlib import Path

import pytest
from builders import NEEDS_CADRES, NEEDS_HEADER, load, make_csv, make_workbook, roster, where

from needscli.config import Config, LimitsConfig
from needscli.errors import NeedsError
from needscli.io import files
from needscli.io.files import beside_parse, find_long_line, read_sheets

GOOD = ["001", "张三", "市财政局", "科长", "乡科级正职"]


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(NeedsError, match=r"^nowhere.xlsx: file not found; check the path$"):
        load(tmp_path / "nowhere.xlsx")


def test_folder(tmp_path: Path) -> None:
    folder = tmp_path / "rosters.xlsx"
    folder.mkdir()
    with pytest.raises(NeedsError, match=r"^rosters.xlsx: is a folder; give a .xlsx, .xls or .csv file$"):
        load(folder)


def test_row_limit(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"花名册": roster(GOOD, GOOD, GOOD)})
    with pytest.raises(NeedsError, match=r"too many rows \(4\); the limit is 3"):
        load(path, config=Config(limits=LimitsConfig(max_rows=3)))


# --- CSV exports ------------------------------------------------------------------------------------

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


def test_an_empty_csv_is_said_empty_naming_the_file_only(tmp_path: Path) -> None:
    """A CSV has no sheet: its faults name the file alone (not 工作表「roster」)."""
    path = tmp_path / "roster.csv"
    path.write_bytes(b"")
    with pytest.raises(NeedsError) as caught:
        load(path)
    assert caught.value.message == ("roster.csv: is empty (0 bytes): nothing was saved in it; save the table into it "
                                    "again, or give the file that holds it")
    path.write_bytes(b"\n\n")
    with pytest.raises(NeedsError) as caught:
        load(path)
    assert caught.value.message.startswith("roster.csv: the file is empty; expected a header row with columns such as")


def test_an_empty_sheet_is_said_empty_and_a_sheet_without_a_header_row_is_not(tmp_path: Path) -> None:
    empty = make_workbook(tmp_path, {"花名册": []}, name="empty.xlsx")
    with pytest.raises(NeedsError) as caught:
        load(empty)
    assert caught.value.message.startswith("empty.xlsx, sheet 花名册: the sheet is empty; expected a header row")
    noted = make_workbook(tmp_path, {"花名册": [["只有一行说明"]]}, name="noted.xlsx")
    with pytest.raises(NeedsError, match="noted.xlsx, sheet 花名册: no header row found in the first rows"):
        load(noted)


def test_short_rows_are_read_as_padded_with_blanks(tmp_path: Path) -> None:
    """Rows of any length, as a spreadsheet exported to CSV by hand may have them."""
    ragged = [row[:cut] for row, cut in zip(NEEDS_CADRES, [15, 6, 9, 12, 14, 7], strict=True)]
    ragged.append(["C07", "钱多", "市财政局", "办公室", "科员", "县处级副职", "", "", "", "", "", "", "", "9"])
    inputs = load(make_csv(tmp_path, [NEEDS_HEADER, *ragged], encoding="utf-8"))
    assert [c.id for c in inputs.cadres] == ["C01", "C02", "C03", "C04", "C05", "C06", "C07"]
    assert where(inputs.problems) == [(8, "能力:法治思维", "bad-number")]


def test_a_roster_without_rating_columns(tmp_path: Path) -> None:
    inputs = load(make_csv(tmp_path, [NEEDS_HEADER[:13], *[row[:13] for row in NEEDS_CADRES]], encoding="utf-8"))
    assert len(inputs.cadres) == len(NEEDS_CADRES)
    assert all(c.ratings == {} for c in inputs.cadres)


# --- CSV past the limits: refused as it is read, never read whole ----------------------------------

def csv_refusal(path: Path, limits: LimitsConfig) -> str:
    with pytest.raises(NeedsError) as info:
        read_sheets(path, limits)
    assert info.value.exit_code == 2
    return info.value.message


@pytest.mark.parametrize(("text", "line"), [
    ("编号,姓名\n001,张三\n" + "a," * 60 + "\n", 3),
    ("a," * 60, 1),  # no line break at all
    ("编号,姓名\r001,张三\r" + "a" * 121 + "\r", 3),  # old Mac line breaks
    ("编号,姓名\r\n" * 40 + "a" * 101 + "\r\n", 41),
], ids=["third-line", "one-line", "cr", "crlf"])
def test_a_long_csv_line_is_refused(tmp_path: Path, text: str, line: int) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes(text.encode())
    assert csv_refusal(path, LimitsConfig(max_line_bytes=100)) == (
        f"roster.csv: line {line} is longer than 100 bytes (limits.max_line_bytes in the config); is this the "
        "roster, saved as CSV?")


def test_a_line_at_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes(b"x" * 100 + b"\r\n" + b"y" * 100)
    assert read_sheets(path, LimitsConfig(max_line_bytes=100))[0].rows == [["x" * 100], ["y" * 100]]


def test_find_long_line_reads_a_piece_at_a_time() -> None:
    """The long line of a 100 MB file is found in its first piece: the rest is never read."""
    reads: list[int] = []

    class Endless(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
            reads.append(len(buffer))
            buffer[:] = b"a" * len(buffer)
            return len(buffer)

    assert find_long_line(io.BufferedReader(Endless(), 1 << 20), 1 << 20) == 1
    assert sum(reads) <= 3 << 20


@pytest.mark.parametrize(("rows", "limits", "message"), [
    ([["1"] * 300], LimitsConfig(), "line 1: 300 columns, more than 256 (limits.max_sheet_columns in the config)"),
    ([GOOD] * 4, LimitsConfig(max_sheet_rows=3), "line 4: more than 3 rows (limits.max_sheet_rows in the config)"),
    ([GOOD] * 4, LimitsConfig(max_sheet_cells=19),
     "line 4: 4 rows × 5 columns, more than 19 cells (limits.max_sheet_cells in the config)"),
], ids=["columns", "rows", "cells"])
def test_csv_sheet_limits(tmp_path: Path, rows: list[list[object]], limits: LimitsConfig, message: str) -> None:
    path = make_csv(tmp_path, rows, encoding="utf-8")
    assert csv_refusal(path, limits) == f"roster.csv: {message}; is this the roster?"


# --- work done beside the parse (beside_parse) ------------------------------------------------------

def _names(inputs: object) -> list[str]:
    return [c.name for c in inputs.cadres]  # type: ignore[attr-defined]


def test_work_given_beside_the_parse_runs_in_a_thread_while_it_parses_and_ends_with_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = make_workbook(tmp_path, {"花名册": roster(GOOD)})
    alone = _names(load(path))
    started, threads = threading.Event(), []

    def task() -> None:
        threads.append(threading.current_thread())
        started.set()
        time.sleep(0.3)  # still at work when the parse is done: the parse waits for it

    real = files._parse_workbook

    def parse(name: str) -> object:
        assert started.wait(10)  # the work has begun before the parse ends: the two run together
        return real(name)

    monkeypatch.setattr(files, "_parse_workbook", parse)
    with beside_parse(task):
        beside = _names(load(path))
    assert beside == alone
    assert len(threads) == 1 and threads[0] is not threading.main_thread()
    assert not threads[0].is_alive()  # joined as the parse ended: no thread of it left for a fork to copy


def test_work_beside_the_parse_is_done_once_in_its_block_and_its_errors_are_dropped(tmp_path: Path) -> None:
    first = make_workbook(tmp_path, {"花名册": roster(GOOD)}, name="a.xlsx")
    second = make_workbook(tmp_path, {"花名册": roster(["002", "李四", "市财政局", "科员", "一级科员"])}, name="b.xlsx")
    calls: list[int] = []

    def failing() -> None:
        calls.append(1)
        raise ImportError("no such module")

    with beside_parse(failing):
        inputs = load(first, second)
    assert _names(inputs) == ["张三", "李四"]
    assert calls == [1]
    with beside_parse(failing):  # a new block: done again
        load(first)
    assert calls == [1, 1]
    load(first)  # outside any block: nothing
    assert calls == [1, 1]


def test_where_no_thread_can_be_started_the_workbook_is_parsed_alone(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(self: threading.Thread) -> None:
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(threading.Thread, "start", refused)
    calls: list[int] = []
    with beside_parse(lambda: calls.append(1)):
        inputs = load(make_workbook(tmp_path, {"花名册": roster(GOOD)}))
    assert _names(inputs) == ["张三"] and calls == []


def test_nothing_is_done_beside_where_no_workbook_is_parsed(tmp_path: Path) -> None:
    calls: list[int] = []
    with beside_parse(lambda: calls.append(1)):
        inputs = load(make_csv(tmp_path, roster(GOOD)))
    assert _names(inputs) == ["张三"] and calls == []


def test_a_gb18030_csv_with_its_bom_is_read_as_one_without(tmp_path: Path) -> None:
    """GB18030's byte order mark (84 31 95 33), which some systems write before the text, was read as an invisible
    character in the first header: 缺少「编号」列（是否指「\ufeff编号」？）, a column the clerk sees there. It is left
    out, as UTF-8's is."""
    text = "".join(",".join("" if v is None else str(v) for v in row) + "\n" for row in [NEEDS_HEADER, *NEEDS_CADRES])
    plain, marked = tmp_path / "plain.csv", tmp_path / "marked.csv"
    plain.write_bytes(text.encode("gb18030"))
    marked.write_bytes(b"\x84\x31\x95\x33" + text.encode("gb18030"))
    assert read_sheets(marked, LimitsConfig())[0].rows == read_sheets(plain, LimitsConfig())[0].rows
    assert read_sheets(marked, LimitsConfig())[0].rows[0][0] == NEEDS_HEADER[0]
    assert load(marked).problems == load(plain).problems == []
