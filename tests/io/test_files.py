"""Reading input files: a missing file or a folder, the row limit, and CSV exports in any encoding,
delimiter and row length."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import NEEDS_CADRES, NEEDS_HEADER, load, make_csv, make_workbook, roster, where

from needscli.config import Config, LimitsConfig
from needscli.errors import NeedsError

GOOD = ["001", "张三", "市财政局", "科长", "乡科级正职"]


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(NeedsError, match=r"^nowhere.xlsx: file not found; check the path$"):
        load(tmp_path / "nowhere.xlsx")


def test_folder(tmp_path: Path) -> None:
    folder = tmp_path / "rosters.xlsx"
    folder.mkdir()
    with pytest.raises(NeedsError, match=r"^rosters.xlsx: is a folder; give a .xlsx or .csv file$"):
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


def test_empty_csv_has_no_header(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes(b"")
    with pytest.raises(NeedsError, match="no header row found"):
        load(path)


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
