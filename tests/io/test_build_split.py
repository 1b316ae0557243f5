"""A large roster's cadres built in two processes (io.tables.build_cadres within io.files.beside_build): the same cadres,
problems in the same order, rows read and skipped and ids seen as one process gives, wherever the split falls
among repeated ids, faulty rows, notes and blank rows; the second process failing leaves its rows to this one."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from needscli.config import Config
from needscli.io import files, tables
from needscli.io.files import Sheet
from needscli.io.load import make_table
from needscli.reports.parallel import Forked, can_fork
from tests.io.test_column_reading import HEADER, messy_rows


class _Here:
    """A second process's work done in this one, at once (as a fork would do it, on the state of its start); fails:
    it sends nothing; sends: it sends these bytes instead."""

    def __init__(self, work: Callable[[], bytes], fails: bool, sends: bytes | None) -> None:
        self.data = None if fails else work() if sends is None else sends
        self.stopped = False

    def result(self) -> bytes | None:
        return self.data

    def stop(self) -> None:
        self.stopped = True


def _here(fails: bool = False, sends: bytes | None = None) -> tuple[Callable[[Callable[[], bytes]], _Here],
                                                                    list[_Here]]:
    started: list[_Here] = []

    def start(work: Callable[[], bytes]) -> _Here:
        started.append(_Here(work, fails, sends))
        return started[-1]
    return start, started


def _read(rows: list[list[object]], config: Config) -> tuple[list[Any], tables.Table, dict[str, tuple[str, int]]]:
    table = make_table("roster", Path("roster.xlsx"), Sheet("花名册", [list(r) for r in rows]), config)
    seen: tables.Seen = {"C0003": ("other.xlsx", "花名册", 9), "C2": ("other.xlsx", "花名册", 4)}  # an earlier roster's
    cadres = tables.build_cadres(table, seen)
    return [(repr(c), c.__getstate__()) for c in cadres], table, seen


def _same(split: tuple[list[Any], tables.Table, dict[str, tuple[str, int]]],
          whole: tuple[list[Any], tables.Table, dict[str, tuple[str, int]]]) -> None:
    assert split[0] == whole[0]
    assert split[1].problems == whole[1].problems
    assert (split[1].rows_read, split[1].rows_skipped) == (whole[1].rows_read, whole[1].rows_skipped)
    assert split[1].skipped_rows == whole[1].skipped_rows  # the rows explain says were skipped, in order
    assert len(whole[1].skipped_rows) == whole[1].rows_skipped
    assert split[2] == whole[2]
    assert list(split[2]) == list(whole[2])  # the ids seen in the order they were first met


SPLIT = Config.model_validate({"limits": {"build_split_rows": 1, "max_text_length": 500}})


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("mine", [0.05, 0.5, 0.53, 0.95])
def test_a_roster_built_in_two_parts_is_the_roster_built_in_one(seed: int, mine: float,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tables, "BLOCK_ROWS", 37)  # each part read a few blocks at a time
    monkeypatch.setattr(tables, "MINE", mine)
    rows = messy_rows(400, seed)
    whole = _read(rows, SPLIT)
    start, started = _here()
    with files.beside_build(start):
        split = _read(rows, SPLIT)
    assert len(started) == 1 and started[0].stopped
    _same(split, whole)
    assert any(p.code == "duplicate-id" for p in whole[1].problems) and len(whole[0]) > 100


def test_ids_first_taken_in_this_part_are_repeated_in_the_other() -> None:
    """A row of the second part repeating an id this part kept is refused, as is every later one: each names
    the row here, where the second part, not knowing it, kept the first of them and named that."""
    clean = ["", "张三", "市委组织部", "", "科员", "", "正处级", "", "", "", "2016-06-01", "", "", 60.0, "", "", "",
             "", "", "", 3, 4, ""]
    ids = ["A", "B", "C", "D", "E", "F", "B", "G", "B", "A"]  # rows 2-11; the second part starts at row 7
    rows: list[list[object]] = [list(HEADER)] + [[i, *clean[1:]] for i in ids]
    rows[9][HEADER.index("本年度学时")] = "abc"  # the third B has a faulty cell too: reported with the repeat
    whole = _read(rows, SPLIT)
    start, _ = _here()
    with files.beside_build(start):
        split = _read(rows, SPLIT)
    _same(split, whole)
    repeats = [(p.row, p.message) for p in split[1].problems if p.code == "duplicate-id"]
    assert repeats == [(8, 'row 8, column "编号": repeats the id of row 3; expected a unique id per cadre'),
                       (10, 'row 10, column "编号": repeats the id of row 3; expected a unique id per cadre'),
                       (11, 'row 11, column "编号": repeats the id of row 2; expected a unique id per cadre')]
    assert [p.row for p in split[1].problems] == sorted(p.row for p in split[1].problems)
    assert split[1].rows_skipped == 3


@pytest.mark.parametrize(("fails", "sends"), [(True, None), (False, b"not what it packs")])
def test_a_second_process_that_fails_leaves_its_rows_to_this_one(fails: bool, sends: bytes | None) -> None:
    rows = messy_rows(300, 7)
    whole = _read(rows, SPLIT)
    start, started = _here(fails, sends)
    with files.beside_build(start):
        split = _read(rows, SPLIT)
    assert started and started[0].stopped
    _same(split, whole)


@pytest.mark.parametrize("seed", range(3))
def test_the_split_may_fall_on_any_row(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """On the first row below the header, a blank row, a note, a repeated header, a repeat of an id, the last row:
    every place of a small messy roster."""
    monkeypatch.setattr(tables, "BLOCK_ROWS", 3)
    rows = messy_rows(40, seed)
    whole = _read(rows, SPLIT)
    header = whole[1].columns.header_row
    below = len(rows) - header
    for mid in range(header, len(rows) + 1):
        monkeypatch.setattr(tables, "MINE", (mid - header + 0.5) / below)
        start, started = _here()
        with files.beside_build(start):
            split = _read(rows, SPLIT)
        assert len(started) == 1
        _same(split, whole)


def test_a_small_roster_is_built_in_one_process() -> None:
    start, started = _here()
    with files.beside_build(start):
        _read(messy_rows(50, 1), Config())  # below limits.build_split_rows
    assert started == []


@pytest.mark.skipif(not can_fork(), reason="needs fork")
def test_a_roster_built_beside_in_a_forked_process_is_the_roster_built_in_one() -> None:
    rows = messy_rows(600, 3)
    whole = _read(rows, SPLIT)
    with files.beside_build(functools.partial(Forked.start, wait=30.0)):
        split = _read(rows, SPLIT)
    _same(split, whole)
