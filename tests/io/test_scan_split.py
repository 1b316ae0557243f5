"""A large worksheet is checked for stray cells in two processes (io.extent.scan_sheet's beside): the same
answer as one process gives, whichever share holds what."""

from __future__ import annotations

import functools
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from builders import make_workbook, roster
from hostile.make_files import roster_rows, text_cell, write_workbook

from needscli import pipeline
from needscli.config import Config, LimitsConfig
from needscli.errors import NeedsError
from needscli.io import extent
from needscli.io.files import beside_scan, read_sheets
from needscli.reports.parallel import Forked

SPLIT = LimitsConfig(scan_split_bytes=1)  # every sheet split
FILLER = 400  # rows of about 60 bytes: pieces of 2 KiB (small_pieces) make the part a dozen pieces and more


@pytest.fixture(autouse=True)
def small_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pieces of 2 KiB, so that a small sheet has a share for each process (a forked one inherits it)."""
    monkeypatch.setattr(extent, "CHUNK_BYTES", 2048)


def filler(first: int, count: int = FILLER) -> list[str]:
    return [f'<row r="{r}">{text_cell(f"A{r}", f"{r:03d}")}{text_cell(f"B{r}", "王五")}</row>'
            for r in range(first, first + count)]


def sheet(tmp_path: Path, far_at: int | None, merged: int = 0) -> Path:
    """The roster, FILLER rows, a cell at IW<row> (past 256 columns) as row far_at of them (None: none), and
    merged ranges after the rows (the end of the part: the second process' share)."""
    rows = [*roster_rows(), *filler(4)]
    if far_at is not None:
        rows.insert(3 + far_at, f'<row r="{4 + FILLER}">{text_cell(f"IW{4 + FILLER}", "x")}</row>')
    after = (f'<mergeCells count="{merged}">', *(f'<mergeCell ref="C{r}:D{r}"/>' for r in range(4, 4 + merged)),
             "</mergeCells>") if merged else ()
    return write_workbook(tmp_path / "big.xlsx", rows, after=after)


def refusal(path: Path, limits: LimitsConfig, start: extent.Start | None) -> str:
    with beside_scan(start), pytest.raises(NeedsError) as info:
        read_sheets(path, limits)
    assert info.value.exit_code == 2
    return info.value.message


class Recorded:
    """A Start that runs the work here (or answers for it) and records that it was asked."""

    def __init__(self, answer: bytes | None = b"", fail: bool = False) -> None:
        self.calls: list[Callable[[], bytes]] = []
        self.answer, self.fail, self.stopped = answer, fail, 0

    def __call__(self, work: Callable[[], bytes]) -> Recorded:
        self.calls.append(work)
        return self

    def result(self) -> bytes | None:
        if self.fail:
            return None
        return self.answer or self.calls[-1]()

    def stop(self) -> None:
        self.stopped += 1


FORKED = functools.partial(Forked.start, wait=30)
FAR = "big.xlsx, sheet 花名册: its cells reach A1:IW404 (404 rows × 257 columns), more than 256 columns"


STARTS: dict[str, Callable[[], extent.Start | None]] = {  # each test its own
    "one-process": lambda: None, "forked": lambda: FORKED, "here": Recorded, "second-fails": lambda: Recorded(fail=True)}


@pytest.mark.parametrize("far_at", [5, FILLER - 5], ids=["run's-share", "second-share"])
@pytest.mark.parametrize("how", list(STARTS))
def test_a_far_cell_is_found_in_either_share(tmp_path: Path, far_at: int, how: str) -> None:
    assert refusal(sheet(tmp_path, far_at), SPLIT, STARTS[how]()).startswith(FAR)


@pytest.mark.parametrize("how", ["forked", "here", "second-fails"])
def test_the_merged_ranges_of_both_shares_are_counted(tmp_path: Path, how: str) -> None:
    start = STARTS[how]()
    path = sheet(tmp_path, None, merged=3)
    with beside_scan(start):
        assert len(read_sheets(path, SPLIT.model_copy(update={"max_merged_ranges": 3}))[0].rows) == 4 + FILLER - 1
    assert refusal(path, SPLIT.model_copy(update={"max_merged_ranges": 2}), start).startswith(
        "big.xlsx, sheet 花名册: 3 merged ranges, more than 2")


def test_the_second_process_answer_is_taken_and_its_share_not_scanned_again(tmp_path: Path) -> None:
    """It says 7 merged ranges: counted with the run's own (none), the far cell in its share never seen here."""
    start = Recorded(answer=b"7|")  # 7 merged ranges, no hidden rows, no formula without its result
    path = sheet(tmp_path, FILLER - 5)
    assert refusal(path, SPLIT.model_copy(update={"max_merged_ranges": 6}), start).startswith(
        "big.xlsx, sheet 花名册: 7 merged ranges, more than 6")
    assert len(start.calls) == 1 and start.stopped >= 1


def test_the_second_process_finding_a_suspect_piece_sends_the_sheet_to_the_exact_pass(tmp_path: Path) -> None:
    """It says its share needs the exact pass: that pass finds the sheet within the limits (nothing is refused for
    what the quick pass only suspected)."""
    start = Recorded(answer=extent._SUSPECT)
    with beside_scan(start):
        assert len(read_sheets(sheet(tmp_path, None), SPLIT)[0].rows) == 4 + FILLER - 1
    assert len(start.calls) == 1


def test_a_sheet_below_the_split_size_is_scanned_in_one_process(tmp_path: Path) -> None:
    start = Recorded()
    path = sheet(tmp_path, FILLER - 5)
    assert refusal(path, LimitsConfig(), start).startswith(FAR)  # scan_split_bytes: 16 MiB by default
    assert start.calls == []


def test_the_forked_scan_reads_what_one_process_reads(tmp_path: Path) -> None:
    path = sheet(tmp_path, None, merged=2)
    with beside_scan(FORKED):
        split = read_sheets(path, SPLIT)
    assert [s.rows for s in split] == [s.rows for s in read_sheets(path, SPLIT)]


@pytest.mark.parametrize("processes", [2, 1])
def test_analyze_splits_the_scan_as_the_limits_say(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   processes: int) -> None:
    started: list[object] = []
    real = Forked.start

    def start(work: Callable[[], bytes], wait: float | None = None) -> Forked | None:
        started.append(work)
        return real(work, wait)

    monkeypatch.setattr(pipeline.Forked, "start", start)
    path = make_workbook(tmp_path, {"花名册": roster(*[[f"{i:03d}", "张三", "市财政局", "科长", "乡科级正职"]
                                                        for i in range(60)])})
    config = Config()
    config = config.model_copy(update={"limits": config.limits.model_copy(update={
        "scan_split_bytes": 1, "scan_processes": processes})})
    analysis, _ = pipeline.analyze([path], config)
    assert len(analysis.cadres) == 60
    scans = [w for w in started if isinstance(w, functools.partial) and w.func is extent._scan_share]
    assert len(scans) == (1 if processes == 2 else 0)


def test_the_second_process_scans_its_share_only(tmp_path: Path) -> None:
    path, part = sheet(tmp_path, 5), "xl/worksheets/sheet1.xml"  # the far cell early: in the run's share
    with zipfile.ZipFile(path) as archive:
        head, size = next(extent._pieces(archive, part, extent._HEAD_BYTES)), archive.getinfo(part).file_size
    beyond = extent._beyond(*extent._bound(head, SPLIT))
    assert extent._scan_share(str(path), part, beyond, int(size * extent.SCAN_SHARE)) == b"0|"
    assert extent._scan_share(str(path), part, beyond, 0) == extent._SUSPECT


@pytest.mark.parametrize("how", ["forked", "here"])
def test_a_part_damaged_in_the_second_share_is_a_needs_error(tmp_path: Path, how: str) -> None:
    """The copy meets the damage and fails; the run scans its share itself and says what one process says."""
    path = sheet(tmp_path, None)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    data[info.header_offset + 30 + len(info.filename) + info.compress_size - 40] ^= 0xFF
    path.write_bytes(bytes(data))
    damaged = "big.xlsx: is damaged or truncated (a part cannot be unpacked); save it again from Excel"
    assert refusal(path, SPLIT, None) == damaged
    assert refusal(path, SPLIT, STARTS[how]()) == damaged


def hidden_sheet(tmp_path: Path, hidden: list[int]) -> Path:
    """The roster and FILLER rows, those numbered in hidden hidden in Excel (as an AutoFilter hides rows)."""
    rows = [*roster_rows(), *filler(4)]
    for r in hidden:
        rows[r - 1] = rows[r - 1].replace(f'<row r="{r}">', f'<row r="{r}" hidden="1">')
    return write_workbook(tmp_path / "big.xlsx", rows)


@pytest.mark.parametrize("how", list(STARTS))
def test_the_hidden_rows_of_both_shares_are_found(tmp_path: Path, how: str) -> None:
    hidden = [6, 7, FILLER - 2]  # in the run's share and in the second process'
    with beside_scan(STARTS[how]()):
        [read] = read_sheets(hidden_sheet(tmp_path, hidden), SPLIT)
    assert read.hidden_rows == tuple(hidden)
