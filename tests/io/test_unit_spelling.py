"""One unit written two ways that read the same (full-width letters, a stray space) is one unit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from builders import make_workbook, where

from needscli.config import Config
from needscli.io.load import load_inputs
from needscli.pipeline import analyze

HEADER = ["编号", "姓名", "单位", "职务", "职级"]


def roster(tmp_path: Path, units: list[str]) -> Path:
    rows = [[f"C{i:03d}", f"干部{i}", unit, "科员", "一级科员"] for i, unit in enumerate(units, 1)]
    return make_workbook(tmp_path, {"花名册": [HEADER, *rows]})


def test_each_cadre_takes_the_spelling_most_rows_have_and_each_other_spelling_is_noted_once(tmp_path: Path) -> None:
    path = roster(tmp_path, ["ＸＸ县人民政府", "XX县人民政府", "市财政局", "XX县人民政府", "xx县 人民政府", "市财政局"])
    inputs = load_inputs([path], Config())
    assert [c.unit for c in inputs.cadres] == ["XX县人民政府"] * 2 + ["市财政局"] + ["XX县人民政府"] * 2 + ["市财政局"]
    assert where(inputs.problems) == [(2, "单位", "unit-spelling"), (6, "单位", "unit-spelling")]
    assert all(p.severity == "warning" for p in inputs.problems)
    assert '"ＸＸ县人民政府" is read as "XX县人民政府", the same unit as written in row 3' in inputs.problems[0].message


def test_on_a_tie_the_first_spelling_is_kept(tmp_path: Path) -> None:
    inputs = load_inputs([roster(tmp_path, ["ＸＸ县", "XX县", "市财政局"])], Config())
    assert [c.unit for c in inputs.cadres] == ["ＸＸ县", "ＸＸ县", "市财政局"]
    assert where(inputs.problems) == [(3, "单位", "unit-spelling")]


def test_units_written_one_way_give_no_note(tmp_path: Path) -> None:
    inputs = load_inputs([roster(tmp_path, ["市财政局", "市教育局", "市财政局"])], Config())
    assert inputs.problems == []
    assert [c.unit for c in inputs.cadres] == ["市财政局", "市教育局", "市财政局"]


def test_the_analysis_counts_one_unit(tmp_path: Path) -> None:
    analysis, _ = analyze([roster(tmp_path, ["ＸＸ县人民政府", "XX县人民政府", "ＸＸ县人民政府"])], Config(),
                          as_of=dt.date(2026, 11, 1))
    assert {c.unit for c in analysis.cadres} == {"ＸＸ县人民政府"}
    assert {r.unit for r in analysis.unit_ranking} == {"ＸＸ县人民政府"}
