"""Ids typed as numbers and shown with leading zeros (a column formatted 000000) are read as the text Excel shows."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from builders import ROSTER_HEADER, load, roster, where

from needscli.io.number_formats import pad, padded_cells, zeros_shown


def _book(tmp_path: Path, rows: list[list[object]], formats: dict[str, str], name: str = "花名册.xlsx") -> Path:
    """A roster workbook whose cells (by reference) carry the given number formats."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "花名册"
    for row in rows:
        sheet.append(row)
    for ref, code in formats.items():
        sheet[ref].number_format = code
    path = tmp_path / name
    book.save(path)
    return path


@pytest.mark.parametrize(("code", "digits"), [
    ("000000", 6), ("0000_ ", 4), ("[Blue]00000;[Red]-00000", 5), ('\\0000', 0), ("00", 2),
    ("0", 0), ("0.00", 0), ("#,##0", 0), ("General", 0), ("@", 0), ("yyyy-mm-dd", 0), ('"No."000', 0),
    ("&quot;&quot;000", 3),
])
def test_a_format_of_zeros_alone_shows_that_many_digits(code: str, digits: int) -> None:
    assert zeros_shown(code) == digits


def test_numbered_ids_formatted_with_zeros_are_read_as_shown(tmp_path: Path) -> None:
    path = _book(tmp_path, roster([101, "张三", "市财政局", "科长", "乡科级正职"],
                                  [2, "李四", "市财政局", "科员", "一级科员"],
                                  [1234567, "王五", "市财政局", "科员", "一级科员"]),
                 {"A2": "000000", "A3": "000000_ ", "A4": "000000"})
    analysis = load(path)
    assert analysis.problems == []
    # 1234567 is longer than the format: shown as it is
    assert [c.id for c in analysis.cadres] == ["000101", "000002", "1234567"]


def test_an_id_typed_as_text_and_the_same_id_as_a_formatted_number_are_one_id_twice(tmp_path: Path) -> None:
    path = _book(tmp_path, roster([101, "张三", "市财政局", "科长", "乡科级正职"],
                                  ["000101", "李四", "市财政局", "科员", "一级科员"]), {"A2": "000000"})
    analysis = load(path)
    assert where(analysis.problems) == [(3, "编号", "duplicate-id")]


def test_without_such_a_format_no_sheet_is_read_again_and_numbers_stay_numbers(tmp_path: Path) -> None:
    path = _book(tmp_path, roster([101, "张三", "市财政局", "科长", "乡科级正职"]), {"A2": "0.00"})
    with zipfile.ZipFile(path) as archive:
        assert padded_cells(archive) == {}
    assert [c.id for c in load(path).cadres] == ["101"]


def test_only_numbers_under_the_format_are_padded(tmp_path: Path) -> None:
    # a text cell and a date-like year under a zeros format, a number of a cell without it
    path = _book(tmp_path, [[*ROSTER_HEADER, "本年度学时"], [7, "张三", "市财政局", "科长", "乡科级正职", 8],
                            ["7", "李四", "市财政局", "科员", "一级科员", 9]],
                 {"A2": "000", "A3": "000", "F2": "00"})
    with zipfile.ZipFile(path) as archive:
        cells = padded_cells(archive)
    assert cells == {"花名册": {(1, 0): 3, (1, 5): 2}}  # A3 holds text
    rows: list[list[object]] = [["编号"], [7.0, None, None, None, None, 8.0], ["7"], [1975.0]]
    assert pad(rows, {(1, 0): 3, (2, 0): 3, (1, 5): 2, (3, 0): 4, (9, 9): 3}) == [
        ["编号"], ["007", None, None, None, None, "08"], ["7"], [1975.0]]
    analysis = load(path)
    assert [(c.id, c.hours_year) for c in analysis.cadres] == [("007", 8), ("7", 9)]


def test_a_fraction_a_negative_and_a_flag_are_left_as_they_are() -> None:
    rows: list[list[object]] = [[1.5, -3.0, True, float("nan"), float("inf")]]
    assert pad(rows, {(0, c): 4 for c in range(5)}) == [[1.5, -3.0, True, rows[0][3], float("inf")]]


def test_styles_with_many_unclosed_cell_styles_are_read_at_once(tmp_path: Path) -> None:
    """A forged styles part (a zeros format, then <cellXfs opened again and again) is read in one pass (scanned from
    each opening it took minutes), its first cell styles as they are."""
    path = _book(tmp_path, roster([101, "张三", "市财政局", "科长", "乡科级正职"]), {"A2": "000000"})
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["xl/styles.xml"] = parts["xl/styles.xml"].replace(b"</styleSheet>", b"<cellXfs " * 40_000 + b"</styleSheet>")
    forged = tmp_path / "forged.xlsx"
    with zipfile.ZipFile(forged, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    with zipfile.ZipFile(forged) as archive:
        assert padded_cells(archive) == {"花名册": {(1, 0): 6}}
