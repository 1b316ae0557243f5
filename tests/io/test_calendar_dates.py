"""Roster dates outside the years a run may take (io.cells.RUN_YEARS): 9999-12-31, as HR systems write
"open-ended", is a bad date of its cell, named as an impossible date is, the value left out and the row kept."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from builders import make_workbook

import needscli

AS_OF = dt.date(2026, 11, 1)
HEADER = ["编号", "姓名", "单位", "职务", "职级", "任现职时间", "录用时间", "出生年月"]


def _roster(tmp_path: Path) -> Path:
    rows: list[list[object]] = [
        HEADER,
        # a leading post in the five-year standard: its deadline counted from the appointment
        ["D01", "甲", "市财政局", "局长", "县处级正职", dt.date(9999, 12, 31), None, "1975.03"],
        ["D02", "乙", "市财政局", "科员", "一级科员", "2024-03", "9999-12-31", "1990.01"],  # recorded: probation
        ["D03", "丙", "市财政局", "科员", "一级科员", "2026-13-01", "3000-01-01", "1850.01"],
        ["D04", "丁", "市财政局", "科员", "一级科员", "2023-05", "2999-12-31", "1992.06"],  # the last year taken
    ]
    return make_workbook(tmp_path, {"花名册": rows})


def test_a_date_past_the_calendar_s_years_is_a_bad_date_and_the_row_is_kept(tmp_path: Path) -> None:
    analysis = needscli.analyze(_roster(tmp_path), as_of=AS_OF)
    bad = [(p.row, p.column, p.cell, p.severity) for p in analysis.problems if p.code == "bad-date"]
    assert bad == [(2, "任现职时间", "F2", "warning"), (3, "录用时间", "G3", "warning"),
                   (4, "任现职时间", "F4", "warning"), (4, "录用时间", "G4", "warning"), (4, "出生年月", "H4", "warning")]
    said = {p.cell: p.message for p in analysis.problems if p.code == "bad-date"}
    assert said["F2"] == ("第 2 行「任现职时间」列：「9999-12-31」不是 1900 年至 2999 年之间的日期（没有日期的请留空）；"
                          "应为：日期，如 2023-05-01、2023-05、2023.05 或 2023年5月")
    assert said["G4"].startswith("第 4 行「录用时间」列：「3000-01-01」不是 1900 年至 2999 年之间的日期")
    assert said["F4"].startswith("第 4 行「任现职时间」列：「2026-13-01」不是有效的日期")  # as an impossible date is
    assert "1850" not in said["H4"]  # a birth date is personal data: not quoted
    cadres = {c.id: c for c in analysis.inputs.cadres}
    assert sorted(cadres) == ["D01", "D02", "D03", "D04"]
    assert (cadres["D01"].appointed, cadres["D02"].recorded, cadres["D03"].birth_date) == (None, None, None)
    assert cadres["D04"].recorded == dt.date(2999, 12, 31)  # within the years: only warned as after the as-of date
    assert [p.cell for p in analysis.problems if p.code == "date-after-as-of"] == ["G5"]


def test_validate_names_the_cell_alike(tmp_path: Path) -> None:
    from needscli.config import Config
    from needscli.pipeline import check_inputs

    inputs = check_inputs([_roster(tmp_path)], Config(), as_of=AS_OF)
    assert [(p.row, p.column) for p in inputs.problems if p.code == "bad-date"][:2] == [(2, "任现职时间"), (3, "录用时间")]
