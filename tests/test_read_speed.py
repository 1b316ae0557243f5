"""What the read stage's shortcuts must keep: the same cadres and problems as the row reader."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from conftest import NEEDS_CADRES, NEEDS_HEADER, load, where

from needscli.io import cells


def test_repeated_completion_items_are_parsed_alike() -> None:
    items, fault = cells.parse_completions("党校(2024.13)；党性教育(2024.06)；党校(2024.13)；党性教育(2024.06)")
    assert [(c.topic, c.date) for c in items] == [("党性教育", dt.date(2024, 6, 1))] * 2
    assert fault.startswith("item 1, 3 has a date in brackets")
    again, _ = cells.parse_completions("党性教育（2024.06）；政治理论(学时补足)")
    assert [(c.topic, c.date) for c in again] == [("党性教育", dt.date(2024, 6, 1)), ("政治理论(学时补足)", None)]


def write_csv(tmp_path: Path, rows: list[list[object]]) -> Path:
    """Rows of any length, as a spreadsheet exported to CSV by hand may have them."""
    text = io.StringIO()
    for row in rows:
        text.write(",".join("" if v is None else str(v) for v in row) + "\r\n")
    path = tmp_path / "roster.csv"
    path.write_text(text.getvalue(), encoding="utf-8")
    return path


def test_short_rows_are_read_as_padded_with_blanks(tmp_path: Path) -> None:
    ragged = [row[:cut] for row, cut in zip(NEEDS_CADRES, [15, 6, 9, 12, 14, 7], strict=True)]
    ragged.append(["C07", "钱多", "市财政局", "办公室", "科员", "县处级副职", "", "", "", "", "", "", "", "9"])
    path = write_csv(tmp_path, [NEEDS_HEADER, *ragged])
    fast = load(path)
    assert [c.id for c in fast.cadres] == ["C01", "C02", "C03", "C04", "C05", "C06", "C07"]
    assert where(fast.problems) == [(8, "能力:法治思维", "bad-number")]


def test_a_roster_without_rating_columns(tmp_path: Path) -> None:
    path = write_csv(tmp_path, [NEEDS_HEADER[:13], *[row[:13] for row in NEEDS_CADRES]])
    fast = load(path)
    assert len(fast.cadres) == len(NEEDS_CADRES)
    assert all(c.ratings == {} for c in fast.cadres)


@pytest.mark.parametrize("raw", ["", " ", "\u3000", " \t\r\n", "\xa0\u2028\x1c", "\u200b", " 市\u3000 财政局\xa0",
                                 "a\u00a0\u00a0b", "\u3000党校\u3000"])
def test_text_cells_read_as_trimmed_text(raw: str) -> None:
    blank = not raw.strip()
    expected = "" if blank else " ".join(raw.replace("\u3000", " ").split())
    assert cells.parse_text(raw) == (expected, "")
    assert cells.is_blank(raw) == blank


