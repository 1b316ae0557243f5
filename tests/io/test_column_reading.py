"""The roster read a column at a time gives what reading it cell by cell gives: the same cadres, the
same problems in the same order, the same rows read and skipped, whatever faults the cells hold."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from needscli.config import Config
from needscli.io import tables
from needscli.io.files import Sheet
from needscli.io.load import make_table
from needscli.models import Cadre

HEADER = ["编号", "姓名", "单位", "部门", "现任职务", "岗位代码", "职级", "干部类别", "职位类别", "管理权限",
          "任现职时间", "参加工作时间", "出生年月", "本年度学时", "五年累计学时", "已参加培训", "个人培训需求",
          "录用时间", "本年度培训天数", "本年度网络学时", "能力:法治思维", "重要性:法治思维", "能力:应急管理"]
DATES: list[object] = ["2016-06-01", "1996/10", "7/5/2011", "25/7/2011", "2023.1", 2023.1, 2023.05, 2023.0,
                       44000.0, 44000, True, "bad", dt.date(2020, 1, 1), dt.datetime(2020, 1, 1, 5), "", None,
                       202305, "2023年5月", "2023-02-30", "x\x01"]
NUMBERS: list[object] = [117.5, "40学时", "abc", -5.0, True, 1, 1.0, "1", "", None, float("nan"), "4\x02"]
SCORES: list[object] = [1.0, 3, 5.0, 0.0, 6, 2.5, "3", True, 1, "", None, "高"]
TEXTS: list[object] = ["市委组织部", "市委 组织部", "市委　组织部", " 市委组织部 ", "", None, True, 1, 1.0,
                       "a\x0bb", "x" * 600, dt.date(2020, 1, 1)]
POOLS: dict[str, list[object]] = {
    "编号": ["C1", "C2", "C3", "1.10105E+17", 1e16, 7.0, 7, "007", "", None, "C\x01", "x" * 600],
    "姓名": ["张三", "", "  李四 ", "王\x07五", None, 5, "赵　六"],
    "单位": TEXTS, "部门": TEXTS, "岗位代码": TEXTS, "管理权限": TEXTS,
    "现任职务": ["科员", "常务副部长", "", None, 1.0, True, 1, "科\x01员"],
    "职级": ["正处级", "县处级副职", "一级主任科员", "处长？", "", None, 1, "正处级\x03"],
    "干部类别": ["领导干部", "公务员", "干部", "", None, "领导干部\x0c"],
    "职位类别": ["综合管理类", "行政执法类", "综合", "", None],
    "任现职时间": DATES, "参加工作时间": DATES, "出生年月": DATES, "录用时间": DATES,
    "本年度学时": NUMBERS, "五年累计学时": NUMBERS, "本年度培训天数": NUMBERS, "本年度网络学时": NUMBERS,
    "已参加培训": ["党性教育(2024.06)；政治理论", "法治(2024.13)、党性教育", "", None, 5.0, "a\x0bb",
                  "在职培训（学时补足）", "x(2023-05), y(bad1)", "党性教育(2024.06)；政治理论"],
    "个人培训需求": ["应急处置、公文处理", "", None, "x\x01y", 3.0, "a\x0bb；c"],
    "能力:法治思维": SCORES, "重要性:法治思维": SCORES, "能力:应急管理": SCORES,
}


def messy_rows(count: int, seed: int) -> list[list[object]]:
    """A title, the header, then rows of cells drawn from the pools (mostly the first, clean ones), with
    blank rows, notes, a repeated header and short rows among them."""
    pick = random.Random(seed)
    rows: list[list[object]] = [["干部花名册"], [], list(HEADER)]
    for i in range(count):
        row = [pick.choice(POOLS[h]) if pick.random() < 0.15 else POOLS[h][0] for h in HEADER]
        row[0] = row[0] if pick.random() < 0.2 else f"C{i:04d}"
        extra = pick.random()
        if extra < 0.03:
            rows.append([None] * len(HEADER))
        elif extra < 0.05:
            rows.append(["注：本表由组织部填报"])
        elif extra < 0.06:
            rows.append(list(HEADER))
        rows.append(row[: pick.randrange(5, len(HEADER))] if pick.random() < 0.05 else row)
    return rows


def read(rows: list[list[object]], config: Config) -> tuple[list[tuple[str, Any]], tables.Table, Any]:
    table = make_table("roster", Path("roster.xlsx"), Sheet("花名册", [list(r) for r in rows]), config)
    seen: tables.Seen = {"C0003": ("other.xlsx", "花名册", 9)}  # an id met in an earlier roster
    cadres = tables.build_cadres(table, seen)
    return [(repr(c), c.__getstate__()) for c in cadres], table, seen  # repr: 1.0 and 1 apart


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize(("date_order", "block"), [("ymd", tables.BLOCK_ROWS), ("dmy", 37)])
def test_reading_by_column_gives_what_reading_cell_by_cell_gives(
        seed: int, date_order: str, block: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tables, "BLOCK_ROWS", block)  # 37: rows read a few blocks at a time
    rows = messy_rows(400, seed)
    config = Config.model_validate({"input": {"date_order": date_order}, "limits": {"max_text_length": 500}})
    by_column = read(rows, config)

    def nothing_faultless(table: tables.Table, vocab: object, texts: object, start: int, stop: int) -> Iterator[None]:
        return iter([None] * (stop - start))

    monkeypatch.setattr(tables, "_faultless_rows", nothing_faultless)  # every row read cell by cell
    by_cell = read(rows, config)
    assert by_column[0] == by_cell[0]
    assert by_column[1].problems == by_cell[1].problems
    assert (by_column[1].rows_read, by_column[1].rows_skipped) == (by_cell[1].rows_read, by_cell[1].rows_skipped)
    assert by_column[2] == by_cell[2]
    assert len(by_column[0]) > 100 and len(by_column[1].problems) > 100  # both kinds of row were met


def test_cadres_read_by_column_own_their_lists_and_ratings() -> None:
    row = ["C1", "张三", "市委组织部", "", "科员", "", "正处级", "", "", "", "", "", "", "", "", "党性教育",
           "应急处置", "", "", "", 3.0, 4.0, ""]
    table = make_table("roster", Path("r.xlsx"), Sheet("花名册", [HEADER, row, ["C2", *row[1:]]]), Config())
    first, second = tables.build_cadres(table)
    assert isinstance(first, Cadre) and first.model_dump() == {**second.model_dump(), "id": "C1", "row": 2}
    assert first.completed is not second.completed and first.wishes is not second.wishes
    assert first.ratings is not second.ratings and first.ratings == second.ratings != {}


@pytest.mark.parametrize("block", [tables.BLOCK_ROWS, 2])
def test_equal_cells_of_different_types_are_read_apart(block: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """1, 1.0 and True are equal as keys: in one block or across blocks, True is never read as the 1 before it."""
    monkeypatch.setattr(tables, "BLOCK_ROWS", block)
    clean = ["C0", "张三", "市委组织部", "", "科员", "", "正处级", "", "", "", "", "", "", "", "", "", "", "", "",
             "", "", "", ""]
    hours, units = HEADER.index("本年度学时"), HEADER.index("单位")
    rows: list[list[object]] = [list(HEADER)]
    for i, (number, unit) in enumerate([(1, 1), (1.0, 1.0), (True, True), (1, True), (True, 1.0), (1.0, 1)]):
        row = list(clean)
        row[0], row[hours], row[units] = f"C{i}", number, unit
        rows.append(row)
    by_column = read(rows, Config())

    def nothing_faultless(table: tables.Table, vocab: object, texts: object, start: int, stop: int) -> Iterator[None]:
        return iter([None] * (stop - start))

    monkeypatch.setattr(tables, "_faultless_rows", nothing_faultless)
    by_cell = read(rows, Config())
    assert by_column[0] == by_cell[0]
    assert by_column[1].problems == by_cell[1].problems
    assert any(p.row == 4 for p in by_cell[1].problems)  # True as hours is a fault, reported on its row
