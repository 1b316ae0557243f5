"""Hours and days in a roster beyond what a year (or a five-year cycle) can hold: a slip, read as a blank cell with
a warning naming the cell, the value and the most it may say ([limits] max_hours_year, max_days_year)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from builders import load, make_workbook, run_cli

import needscli
from needscli.config import Config

HEADER = ["编号", "姓名", "单位", "职务", "职级", "本年度学时", "五年累计学时", "本年度网络学时", "本年度培训天数",
          "五年累计培训天数"]


def _roster(tmp_path: Path) -> Path:
    rows: list[list[object]] = [
        HEADER,
        ["C01", "甲", "市财政局", "科员", "一级科员", 1e15, None, 60, 12, None],
        ["C02", "乙", "市财政局", "科员", "一级科员", 90, None, 1e300, 10000, None],
        ["C03", "丙", "市财政局", "局长", "县处级正职", None, 99999, 50, None, 1831],
        ["C04", "丁", "市财政局", "科员", "一级科员", 2928, 14640, 2928, 366, 1830],  # the most each may say
    ]
    return make_workbook(tmp_path, {"花名册": rows})


def _implausible(problems: list[needscli.Problem]) -> list[tuple[object, ...]]:
    return [(p.row, p.column, p.cell, p.severity) for p in problems if p.code == "implausible-number"]


def test_a_number_past_what_a_year_holds_is_read_as_blank_and_named(tmp_path: Path) -> None:
    inputs = load(_roster(tmp_path))
    assert _implausible(inputs.problems) == [
        (2, "本年度学时", "F2", "warning"), (3, "本年度网络学时", "H3", "warning"), (3, "本年度培训天数", "I3", "warning"),
        (4, "五年累计学时", "G4", "warning"), (4, "五年累计培训天数", "J4", "warning")]
    assert [p.code for p in inputs.problems] == ["implausible-number"] * 5
    first = inputs.problems[0]
    assert first.message == ('row 2, column "本年度学时": "1e+15" is more than 2928 hours, more than a year can hold '
                             "(limits.max_hours_year in the config), so it was read as blank (the row was kept); "
                             "expected at most 2928 hours")
    cadres = {c.id: c for c in inputs.cadres}
    assert len(cadres) == 4  # every row kept
    assert (cadres["C01"].hours_year, cadres["C01"].online_hours_year) == (None, 60)
    assert (cadres["C02"].online_hours_year, cadres["C02"].days_year) == (None, None)
    assert (cadres["C03"].hours_five_year, cadres["C03"].days_five_year) == (None, None)
    assert (cadres["C04"].hours_year, cadres["C04"].hours_five_year, cadres["C04"].days_year,
            cadres["C04"].days_five_year) == (2928, 14640, 366, 1830)


def test_the_most_comes_from_the_config(tmp_path: Path) -> None:
    config = Config.model_validate({"limits": {"max_hours_year": 2000}, "hours": {"cycle_years": 3}})
    inputs = load(_roster(tmp_path), config=config)
    said = {p.cell: p.message for p in inputs.problems if p.code == "implausible-number"}
    assert sorted(said) == ["F2", "F5", "G4", "G5", "H3", "H5", "I3", "J4", "J5"]
    assert 'is more than 6000 hours, more than 3 years can hold (limits.max_hours_year times hours.cycle_years' in \
        said["G4"]


def test_a_blank_read_leaves_the_standard_unknown_not_met(tmp_path: Path) -> None:
    """1e300 online hours made the cadre compliant: read as blank, the online standard is unknown."""
    analysis = needscli.analyze(_roster(tmp_path), as_of=dt.date(2026, 11, 1))
    standing = {row.cadre_id: row.standing for row in analysis.compliance}
    assert standing["C02"].online is None and standing["C02"].online_deficit is None
    assert standing["C01"].done is None  # met by its 12 days, as a blank hours cell would be
    assert not [p for p in analysis.problems if p.code == "compliance-unknown" and p.cell in ("F2", "H3")]


@pytest.mark.parametrize("value", [0, -1, 8785])
def test_the_most_of_a_year_is_within_a_year(tmp_path: Path, value: float) -> None:
    with pytest.raises(ValueError, match="max_hours_year"):
        Config.model_validate({"limits": {"max_hours_year": value}})
    with pytest.raises(ValueError, match="max_days_year"):
        Config.model_validate({"limits": {"max_days_year": 367}})


def test_validate_says_it_in_chinese(tmp_path: Path) -> None:
    result = run_cli("validate", _roster(tmp_path), "--format", "json")
    assert result.exit_code == 1, result.output
    said = {p["cell"]: p["message"] for p in json.loads(result.stdout)["problems"]}
    assert said["H3"] == ("第 3 行「本年度网络学时」列：「1e+300」超过 2928 学时，一年之内不可能达到（配置项 "
                          "limits.max_hours_year），已按空白处理（该行已保留）；应为：不超过 2928 学时")
    assert said["J4"] == ("第 4 行「五年累计培训天数」列：「1831」超过 1830 天，5 年之内不可能达到（配置项 "
                          "limits.max_days_year 乘以 hours.cycle_years），已按空白处理（该行已保留）；应为：不超过 1830 天")
