"""Two columns of a sheet that give one field (io.doubled_columns): 职务层次 filled for the leaders beside 职级
for everyone, as a post-2019 roster lays them out, read together; any other named at the header, never ignored in
silence."""

from __future__ import annotations

import json
from pathlib import Path

from builders import load, make_csv, make_workbook, run_cli

HEADER = ["编号", "姓名", "单位", "职务", "职务层次", "职级"]


def _roster(tmp_path: Path, *rows: list[object], header: list[str] = HEADER) -> Path:
    return make_workbook(tmp_path, {"花名册": [header, *rows]})


def _doubled(problems: list[object]) -> list[tuple[object, ...]]:
    return [(p.row, p.cell, p.severity) for p in problems if p.code == "doubled-column"]  # type: ignore[attr-defined]


def test_the_leaders_post_level_and_everyone_s_rank_are_read_together(tmp_path: Path) -> None:
    path = _roster(tmp_path,
                   ["C01", "甲", "市财政局", "局长", "县处级正职", "一级调研员"],  # a leader holds a rank too
                   ["C02", "乙", "市财政局", "科员", None, "一级科员"],
                   ["C03", "丙", "市财政局", "科员", "无", "二级主任科员"],  # 无: none, as a blank is
                   ["C04", "丁", "市财政局", "副科长", "—", "乡科级副职"])
    inputs = load(path)
    assert [(c.id, c.level) for c in inputs.cadres] == [
        ("C01", "县处级正职"), ("C02", "一级科员"), ("C03", "二级主任科员"), ("C04", "乡科级副职")]
    assert _doubled(inputs.problems) == [(1, "E1", "warning")]
    assert [p.code for p in inputs.problems] == ["doubled-column"]
    assert inputs.problems[0].message == (
        "「职务层次」（E 列）、「职级」（F 列）都是职级列：每行读取其中是领导职务的一格（它决定任职培训；学时标准取两格中要求较高"
        "的，如乡科级正职而职级为四级调研员的按五年标准），否则读取第一列「职务层次」；「职务层次」为空或填“无”的行读取另一列")


def test_a_leading_post_is_read_whichever_column_holds_it(tmp_path: Path) -> None:
    """The leading post decides appointment training and the hours standard: read before a rank to its left."""
    path = _roster(tmp_path, ["C01", "甲", "市财政局", "局长", "一级调研员", "县处级正职"],
                   header=["编号", "姓名", "单位", "职务", "职级", "职务层次"])
    assert [c.level for c in load(path).cadres] == ["县处级正职"]


def test_two_different_leading_posts_are_named_and_the_first_is_read(tmp_path: Path) -> None:
    path = _roster(tmp_path, ["C01", "甲", "市委", "市委常委", "乡科级副职", "厅局级副职"],
                   ["C02", "乙", "市委", "科员", None, "一级科员"],
                   ["C03", "丙", "市委", "副部长", "县处级副职", "县处级副职"])  # the same in both: no fault
    inputs = load(path)
    assert [c.level for c in inputs.cadres] == ["乡科级副职", "一级科员", "县处级副职"]
    assert _doubled(inputs.problems) == [(1, "E1", "warning"), (2, "E2", "warning")]
    assert inputs.problems[1].message == "有 1 行（第 2 行）两列填了不同的领导职务层次，读取的是「职务层次」列的"


def test_a_fault_of_the_level_read_from_the_other_column_is_named_at_its_cell(tmp_path: Path) -> None:
    inputs = load(_roster(tmp_path, ["C01", "甲", "市财政局", "科员", None, "一级科猿"]))
    [unknown] = [p for p in inputs.problems if p.code == "unknown-level"]
    assert (unknown.row, unknown.column, unknown.cell) == (2, "职级", "F2")
    assert unknown.message.startswith('row 2, column "职级": "一级科猿" is not a level of the configured ladder')
    assert inputs.cadres == []


def test_a_field_given_twice_names_both_columns_and_the_one_read(tmp_path: Path) -> None:
    path = make_csv(tmp_path, [["编号", "姓名", "单位", "职务", "职级", "姓名"],
                               ["C01", "甲", "市财政局", "科员", "一级科员", "乙"]])
    inputs = load(path)
    assert [c.name for c in inputs.cadres] == ["甲"]
    assert [(p.cell, p.message) for p in inputs.problems] == [
        ("B1", "「姓名」（B 列）、「姓名」（F 列）都是「姓名」列：只读取第一列「姓名」，其余的列没有读取")]


def test_validate_lists_the_warning(tmp_path: Path) -> None:
    path = _roster(tmp_path, ["C01", "甲", "市财政局", "局长", "县处级正职", "一级调研员"],
                   ["C02", "乙", "市财政局", "科员", None, "一级科员"])
    result = run_cli("validate", path, "--format", "json")
    assert result.exit_code == 1, result.output  # done, with a warning listed
    said = json.loads(result.stdout)
    assert said["counts"]["roster"] == 2
    assert [p["code"] for p in said["problems"]] == ["doubled-column"]


def test_a_rank_owing_the_five_year_standard_beside_a_lower_post_sets_the_hours_standard(tmp_path: Path) -> None:
    """2023 Regulations Art. 14: 县处级 leading posts "and 四级调研员 and up" owe 3 months or 550 h in five years. A
    township's party secretary (乡科级正职) of rank 四级调研员 owes the five-year standard (600 h in the cycle: met), not
    90 h a year (20 h this year: 70 short); his appointment training is still his post's (乡科级任职培训)."""
    import needscli

    header = [*HEADER, "任现职时间", "本年度学时", "五年累计学时", "本年度网络学时"]
    path = _roster(tmp_path,
                   ["D1", "甲", "城关镇", "党委书记", "乡科级正职", "四级调研员", "2026-06-01", 20, 600, 50],
                   ["D2", "乙", "城关镇", "镇长", "乡科级正职", "一级主任科员", "2026-06-01", 20, 600, 50],
                   ["D3", "丙", "城关镇", "调研员", None, "四级调研员", None, 20, 600, 50],
                   header=header)
    analysis = needscli.analyze(path, as_of="2026-11-01")
    assert [(c.id, c.level, c.rank) for c in analysis.cadres] == [
        ("D1", "乡科级正职", "四级调研员"), ("D2", "乡科级正职", "一级主任科员"), ("D3", "四级调研员", "")]
    standing = {r.cadre_id: (r.standing.standard, r.standing.deficit) for r in analysis.compliance}
    assert standing == {"D1": ("five-year", 0.0), "D2": ("annual", 70.0), "D3": ("five-year", 0.0)}
    appointment = {o.cadre_id: o.topic_id for o in analysis.obligations if o.kind == "appointment"}
    assert appointment == {"D1": "appointment-township", "D2": "appointment-township"}
    assert analysis.to_frame("cadres")["rank"].tolist() == ["四级调研员", "一级主任科员", ""]
