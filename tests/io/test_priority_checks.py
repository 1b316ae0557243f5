"""The checks of the priorities sheet: a repeated priority id is reported and the first row kept; a target
unit misspelled by one character is reported, a unit named on purpose that the roster lacks is not."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from builders import SAMPLES, make_workbook, run_analyze, where

from needscli.config import Config
from needscli.io.priority_checks import one_edit
from needscli.models import Inputs
from needscli.pipeline import analyze, check_inputs

HEADER = ["编号", "培训主题", "需求来源", "适用单位", "适用职级", "适用类别", "优先级", "完成期限"]
UNITS = ["市委组织部", "市财政局", "市教育局", "市发展和改革委员会"]


def roster(n: int = 12, units: list[str] = UNITS) -> list[list[object]]:
    """n cadres C001.. of the units in turn, the (i % 4)th unit for C<i>."""
    return [["编号", "姓名", "单位", "职务", "职级"],
            *[[f"C{i:03d}", f"干部{i}", units[i % 4], "科员", "一级科员"] for i in range(1, n + 1)]]


def check(tmp_path: Path, *units: str) -> Inputs:
    rows = [[f"P{n}", "营商环境优化", "改革难点问题", unit, "全部", "全部", 5, "2027.3"] for n, unit in enumerate(units, 1)]
    return check_inputs([make_workbook(tmp_path, {"花名册": roster(), "组织需求": [HEADER, *rows]})], Config())


# --- a repeated priority id ---------------------------------------------------------------------

FIRST = ["P1", "营商环境优化", "改革难点问题", "市委组织部", "全部", "全部", 5, "2027.3"]
REPEATED = ["P1", "数字政府", "改革难点问题", "全部", "全部", "全部", 3, "2027-03-31"]


def with_priorities(tmp_path: Path, *rows: list[object]) -> Path:
    cadres = roster(20, ["市委组织部", "市财政局", "市税务局", "城关镇"])
    return make_workbook(tmp_path, {"花名册": cadres, "组织需求": [HEADER, *rows]}, name="withsheets2.xlsx")


def test_repeated_priority_id_is_reported_and_the_first_row_kept(tmp_path: Path) -> None:
    inputs = check_inputs([with_priorities(tmp_path, FIRST, REPEATED)], Config())
    assert where(inputs.problems) == [(3, "编号", "duplicate-id")]
    problem = inputs.problems[0]
    assert (problem.file, problem.sheet, problem.severity) == ("withsheets2.xlsx", "组织需求", "error")
    assert "「P1」与第 2 行的编号重复" in problem.message
    assert [(p.id, p.topic, p.row) for p in inputs.priorities] == [("P1", "营商环境优化", 2)]
    assert (inputs.counts["priorities"], inputs.skipped["priorities"]) == (1, 1)


def test_the_repeated_row_does_not_take_the_place_of_the_first(tmp_path: Path) -> None:
    """Before the check, the second P1's topic replaced the first's in every need of P1."""
    analysis, _ = analyze([with_priorities(tmp_path, FIRST, REPEATED)], Config(), as_of=dt.date(2026, 11, 1))
    topics = {analysis.catalog.by_id[n.topic_id].name_zh for n in analysis.needs
              if any(r.rule_id == "priority:P1" for r in n.reasons)}
    assert topics == {"营商环境优化"}
    reached = {n.cadre_id for n in analysis.needs if any(r.rule_id == "priority:P1" for r in n.reasons)}
    assert reached == {f"C{i:03d}" for i in range(4, 21, 4)}  # the 市委组织部 cadres only
    assert [p.code for p in analysis.problems] == ["duplicate-id"]


def test_repeated_priority_id_through_the_cli(tmp_path: Path) -> None:
    path = with_priorities(tmp_path, FIRST, REPEATED)
    result = run_analyze(path, "--as-of", "2026-11-01", "--format", "json", "-o", tmp_path / "out")
    assert result.exit_code == 1, result.output
    problems = json.loads(result.stdout)["problems"]
    assert [(p["sheet"], p["row"], p["column"], p["code"]) for p in problems] == [("组织需求", 3, "编号", "duplicate-id")]


def test_distinct_priority_ids_give_no_problem(tmp_path: Path) -> None:
    inputs = check_inputs([with_priorities(tmp_path, FIRST, ["P2", *REPEATED[1:]])], Config())
    assert inputs.problems == []
    assert [p.id for p in inputs.priorities] == ["P1", "P2"]


def test_the_samples_priorities_give_no_problem_but_their_close_matches() -> None:
    inputs = check_inputs([SAMPLES], Config())
    # 安全生产专项整治, 数字政府建设, 国企改革深化提升行动: built-in topics, named in other words
    assert where([p for p in inputs.problems if p.sheet == "组织需求"]) == [
        (row, "培训主题", "topic-close-match") for row in (4, 5, 7)]
    assert inputs.counts["priorities"] == 6


# --- a target unit misspelled ---------------------------------------------------------------------

def test_a_unit_one_character_off_is_reported_with_the_unit_meant(tmp_path: Path) -> None:
    inputs = check(tmp_path, "市委组织布")
    assert where(inputs.problems) == [(2, "适用单位", "unknown-unit")]
    problem = inputs.problems[0]
    assert (problem.sheet, problem.severity) == ("组织需求", "warning")
    assert "「市委组织布」不是花名册中的单位（是否指「市委组织部」？）" in problem.message
    assert "组织需求 P1 因此覆盖不到这个单位的干部" in problem.message
    assert [p.target_units for p in inputs.priorities] == [["市委组织布"]]  # kept as written: a warning


@pytest.mark.parametrize("unit", ["市委组织部", "市委 组织部", "市财政局", "市国有资产监督管理委员会", "不存在局"])
def test_units_of_the_roster_and_units_far_from_all_give_no_problem(tmp_path: Path, unit: str) -> None:
    assert check(tmp_path, unit).problems == []


@pytest.mark.parametrize(("unit", "meant"), [("市发展和改革委", "市发展和改革委员会"), ("市教育局机关", "市教育局"),
                                             ("市委组织部（市公务员局）", "市委组织部")])
def test_a_unit_by_its_short_or_long_name_is_reported_with_the_unit_meant(tmp_path: Path, unit: str,
                                                                         meant: str) -> None:
    """The roster says 城关镇 and the priority 城关镇人民政府 (or the other way round): the unit's cadres would be left
    out of it without a word. Said as for a typo, where just one unit of the roster holds the name whole."""
    inputs = check(tmp_path, unit)
    assert where(inputs.problems) == [(2, "适用单位", "unknown-unit")]
    assert f"是否指「{meant}」" in inputs.problems[0].message


def test_each_misspelled_unit_of_a_list_cell_is_reported(tmp_path: Path) -> None:
    inputs = check(tmp_path, "市财政局；市教育句；市发展和改革委员")
    assert [p.message.split("是否指「")[1].split("」")[0] for p in inputs.problems] == ["市教育局", "市发展和改革委员会"]


@pytest.mark.parametrize(("a", "b", "near"), [
    ("市委组织布", "市委组织部", True),  # one changed
    ("市财政局", "市财政局局", True),  # one added
    ("市发展和改革委员", "市发展和改革委员会", True),  # one removed
    ("市财政局", "市财政局", False),  # the same
    ("财政局", "教育局", False),  # two changed
    ("市财政", "市财政局局", False),  # two added
])
def test_one_edit(a: str, b: str, near: bool) -> None:
    assert (one_edit(a, b) is not None) is near
    assert (one_edit(b, a) is not None) is near


def test_a_priority_without_an_id_never_takes_the_id_of_another_row(tmp_path: Path) -> None:
    """Offices number P1, P2 ... from row 2: a blank id on row 3 is named P3, and the real P3 on row 4
    must not then be taken for a repeat of it."""
    rows = [[pid, topic, "改革难点问题", "全部", "全部", "全部", 5, "2027.3"]
            for pid, topic in (("P1", "营商环境优化"), ("", "数字政府"), ("P3", "法治思维与依法行政"))]
    inputs = check_inputs([make_workbook(tmp_path, {"花名册": roster(), "组织需求": [HEADER, *rows]})], Config())
    assert inputs.problems == []
    assert [(p.id, p.topic) for p in inputs.priorities] == [("P1", "营商环境优化"), ("P3-2", "数字政府"),
                                                            ("P3", "法治思维与依法行政")]


@pytest.mark.parametrize(("target", "units"), [
    ("第三中学", ["第一中学", "第二中学"]),  # numbered siblings: 第三中学 is simply not on this roster
    ("第十一中学", ["第十中学"]),
    ("XX县委", ["XX市委", "XX区委"]),  # two units as near: no telling which was meant
])
def test_numbered_or_ambiguous_near_units_are_not_taken_for_typos(tmp_path: Path, target: str, units: list[str]) -> None:
    rows = [["编号", "姓名", "单位", "职务", "职级"],
            *[[f"C{i:03d}", f"干部{i}", unit, "科员", "一级科员"] for i, unit in enumerate(units, 1)]]
    priority = ["P1", "营商环境优化", "改革难点问题", target, "全部", "全部", 5, "2027.3"]
    inputs = check_inputs([make_workbook(tmp_path, {"花名册": rows, "组织需求": [HEADER, priority]})], Config())
    assert inputs.problems == []


def test_a_rotation_on_a_central_decision_without_a_training_type_is_theory(tmp_path: Path) -> None:
    """学习贯彻全会精神 (中央重大决策部署) is 专题/轮训, not 专门业务, where the row gives no 培训类型; a type given stays."""
    header = [*HEADER, "培训类型"]
    rows = [["P1", "学习贯彻党的二十届四中全会精神", "中央重大决策部署", "全部", "全部", "全部", 5, "2027.3", None],
            ["P2", "营商环境优化", "改革难点问题", "全部", "全部", "全部", 5, "2027.3", None],
            ["P3", "数字政府", "中央重大决策部署", "全部", "全部", "全部", 5, "2027.3", "专门业务"]]
    inputs = check_inputs([make_workbook(tmp_path, {"花名册": roster(), "组织需求": [header, *rows]})], Config())
    assert [(p.id, p.training_type) for p in inputs.priorities] == [
        ("P1", "theory"), ("P2", "specialized"), ("P3", "specialized")]
