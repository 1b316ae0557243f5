"""The column-at-a-time roster check builds the same cadres and reports the same problems as the row reader."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import xlsxwriter
from conftest import NEEDS_CADRES, NEEDS_HEADER, both_ways, load, make_workbook

from needscli.models import Cadre

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples" / "cadres.xlsx"

# every kind of fault the row reader knows, beside clean rows that share their cells
MESSY: list[list[object]] = [
    *NEEDS_CADRES,
    ["C10", "王五", "市财政局", "办公室", "科员", "县处级副职", "领导干部", "2020-05", "2001-07", 40, 200,
     "党性教育(2024.06)；政治理论", "公文写作、数字政府", 2, 5],
    ["C11", "赵六", "市财政局", "办公室", "科员", "县处级副职", "领导干部", "2020-05", "2001-07", 40, 200,
     "党性教育(2024.06)；政治理论", "公文写作、数字政府", 2, 5],  # the same cells as C10
    ["C10", "重复", "市财政局", "办公室", "科员", "县处级副职", "领导干部", None, None, None, None,
     None, None, None, None],  # a repeated id
    ["C12", "", "市财政局", "办公室", "科员", "县处级副职", "", None, None, None, None, None, None, None, None],
    ["C13", "孙七", "市财政局", "办公室", "科员", "不存在的职级", "", None, None, None, None, None, None, None, None],
    ["C14", "周八", "市财政局", "办公室", "科员", "县处级副职", "外星干部", None, None, None, None, None, None,
     None, None],  # unknown category: a warning, the row stays
    ["C15", "吴九", "市财政局", "办公室", "科员", "县处级副职", "", "2023.1", "明年", "很多", None,
     "党校(2024.13)", None, 9, "高"],  # bad dates, numbers, completion, ratings: warnings
    ["C16", "郑十\x07", "市财政局", "办公室", "科员", "县处级副职", "", None, None, None, None, None, None, None,
     None],  # a control character
    ["C17", "长" * 600, "市财政局", "办公室", "科员", "县处级副职", "", None, None, None, None, None, None, None,
     None],  # too long
    [1.1e17, "数字", "市财政局", "办公室", "科员", "县处级副职", "", None, None, None, None, None, None, None,
     None],  # an id that lost its digits
    [7.0, "七号", "市财政局", "办公室", "科员", "县处级副职", "", dt.datetime(2021, 3, 1), 44000, True, 1,
     None, None, 1, 1.0],  # numbers and dates as Excel stores them; True beside 1 and 1.0
    ["C18", "钱一", "市财政局", "办公室", "科员", "县处级副职", "", None, None, 1, True, None, None, None,
     None],
]


def xlsx(tmp_path: Path, rows: list[list[object]]) -> Path:
    """Written with xlsxwriter, which (unlike openpyxl) can store a control character."""
    path = tmp_path / "roster.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("花名册")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, dt.datetime):
                ws.write_datetime(r, c, value, book.add_format({"num_format": "yyyy-mm-dd"}))
            elif value is not None:
                ws.write(r, c, value)
    book.close()
    return path


def dump(cadres: list[Cadre]) -> list[dict[str, object]]:
    return [c.model_dump() for c in cadres]


@pytest.mark.parametrize("source", ["messy", "samples"])
def test_fast_and_row_by_row_give_the_same_cadres_and_problems(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                               source: str) -> None:
    path = xlsx(tmp_path, [NEEDS_HEADER, *MESSY]) if source == "messy" else SAMPLES
    fast, slow, fast_rows = both_ways(monkeypatch, path)
    assert any(fast_rows), "no row took the fast path"
    assert dump(fast.cadres) == dump(slow.cadres)  # type: ignore[attr-defined]
    assert [c.model_fields_set for c in fast.cadres] == [c.model_fields_set for c in slow.cadres]  # type: ignore[attr-defined]
    assert fast.problems == slow.problems  # type: ignore[attr-defined]
    assert fast.counts == slow.counts and fast.skipped == slow.skipped  # type: ignore[attr-defined]
    if source == "messy":
        assert fast.problems  # type: ignore[attr-defined]
        codes = {p.code for p in fast.problems}  # type: ignore[attr-defined]
        assert {"duplicate-id", "missing-value", "unknown-level", "unknown-category", "bad-date", "bad-number",
                "control-character", "text-too-long", "bad-id"} <= codes
        ids = [c.id for c in fast.cadres]  # type: ignore[attr-defined]
        assert ids.count("C10") == 1 and "C11" in ids and "7" in ids and "C14" in ids and "C15" in ids


def test_fast_cadres_are_ordinary_models(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"花名册": [NEEDS_HEADER, *MESSY[:3]]})
    cadre = load(path).cadres[0]
    assert list(cadre.model_dump()) == list(Cadre.model_fields)
    assert cadre == Cadre.model_validate(cadre.model_dump())
    cadre.unit = "改名"  # an ordinary, assignable model
    assert cadre.unit == "改名"
