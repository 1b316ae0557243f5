"""gap-report.xlsx's summaries by level (按职级) and by training type (按培训类型), read back as a person would: kept
at every size, counted from the analysis and the plan."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from builders import OBLIGATIONS_CADRES, OBLIGATIONS_HEADER, SAMPLES, make_workbook, sheet_rows

from needscli.config import Config
from needscli.core.analysis import Analysis
from needscli.pipeline import analyze, plan_classes
from needscli.planner import Plan
from needscli.reports.annual_plan import need_routes
from needscli.reports.breakdowns import type_ways
from needscli.reports.class_lookup import PlanView
from needscli.reports.gap_report import analysis_figures, write_gap_report

AS_OF = dt.date(2026, 11, 1)


def small_run(tmp_path: Path, lang: str = "zh") -> tuple[Analysis, Plan]:
    """The five cadres of the obligations' tests: 县处级副职, 乡科级正职, two 一级科员, 二级科员."""
    roster = make_workbook(tmp_path, {"花名册": [OBLIGATIONS_HEADER, *OBLIGATIONS_CADRES]}, name="cadres.xlsx")
    analysis, _ = analyze([roster], Config(), as_of=AS_OF, lang=lang)
    return analysis, plan_classes(analysis)


def report(tmp_path: Path, analysis: Analysis, plan: Plan | None, name: str = "gap-report.xlsx") -> Path:
    write_gap_report(analysis, tmp_path / name, PlanView(plan, analysis.lang) if plan else None)
    return tmp_path / name


def test_the_by_level_sheet_counts_each_level_highest_first(tmp_path: Path) -> None:
    """Per level on the roster: cadres, those with needs, needs, obligations due and overdue (in all, then each kind
    and status some level has), the hours standard met, short or not reported."""
    analysis, plan = small_run(tmp_path)
    rows = sheet_rows(report(tmp_path, analysis, plan), "按职级")
    assert rows == [
        ["职级", "干部数", "有需求的干部", "需求数", "必训任务待完成", "必训任务逾期", "任职培训（逾期）",
         "初任培训（待完成）", "初任培训（逾期）", "学时达标（待完成）", "学时达标（逾期）", "网络学时（待完成）",
         "学时已达标", "学时未达标", "未填报学时"],
        # O01: appointment and the five-year hours overdue
        ["县处级副职", 1, 1, 9, 0, 2, 1, 0, 0, 0, 1, 0, 0, 1, 0],
        # O04: its appointment training done, hours blank
        ["乡科级正职", 1, 1, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
        # O02 (initial overdue, online short, hours met by days) and O05 (initial due, hours short)
        ["一级科员", 2, 2, 13, 3, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0],
        # O03: initial overdue; its online hours blank are not listed, as on the Obligations sheet
        ["二级科员", 1, 1, 6, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0],
    ]
    by_level = Counter(analysis.cadre_by_id[n.cadre_id].level for n in analysis.needs)
    assert [row[3] for row in rows[1:]] == [by_level[row[0]] for row in rows[1:]]


def test_the_by_type_sheet_says_how_the_plan_serves_each_type(tmp_path: Path) -> None:
    analysis, plan = small_run(tmp_path)
    rows = sheet_rows(report(tmp_path, analysis, plan), "按培训类型")
    assert rows == [
        ["培训类型", "需求数", "有需求的干部", "本级开班", "上级调训", "网络培训", "单位自主培训", "未满足",
         "学时补足（不开班）"],
        ["初任培训", 3, 3, 0, 0, 0, 0, 3, 0],
        ["任职培训", 1, 1, 0, 0, 0, 0, 1, 0],
        ["在职培训", 4, 2, 0, 0, 2, 0, 0, 2],  # O01's and O05's hours top-ups ask for no class
        ["专门业务培训", 0, 0, 0, 0, 0, 0, 0, 0],
        ["专题培训/轮训", 25, 5, 0, 0, 25, 0, 0, 0],
    ]
    # without a plan: the needs and the cadres alone
    alone = sheet_rows(report(tmp_path, analysis, None, "alone.xlsx"), "按培训类型")
    assert alone == [row[:3] for row in rows]


def test_in_english_the_levels_are_named_as_the_config_names_them_in_english(tmp_path: Path) -> None:
    analysis, plan = small_run(tmp_path, lang="en")
    book = report(tmp_path, analysis, plan)
    levels = sheet_rows(book, "By level")
    assert levels[0][:6] == ["Level", "Cadres", "Cadres with needs", "Needs", "Obligations due", "Obligations overdue"]
    assert levels[0][6] == "Appointment training: overdue"
    assert [row[0] for row in levels[1:]] == ["Deputy Division Director", "Section Chief", "Level-1 Staff Member",
                                              "Level-2 Staff Member"]
    types = sheet_rows(book, "By training type")
    assert types[0] == ["Training type", "Needs", "Cadres with needs", "Own class", "Sent up", "Online", "In unit",
                        "Unmet", "Hours top-up (no class)"]
    assert types[1] == ["Initial", 3, 3, 0, 0, 0, 0, 3, 0]


def test_the_sheets_sit_beside_the_units_and_stay_past_the_detail_limit(tmp_path: Path) -> None:
    analysis, plan = small_run(tmp_path)
    tight = dataclasses.replace(analysis, config=analysis.config.model_copy(update={
        "limits": analysis.config.limits.model_copy(update={"detail_rows": 2})}))
    names = openpyxl.load_workbook(report(tmp_path, tight, plan)).sheetnames
    assert "需求明细" not in names
    assert names[names.index("单位主题矩阵"):][:4] == ["单位主题矩阵", "按职级", "按培训类型", "主题排序"]


@pytest.fixture(scope="module")
def samples() -> tuple[Analysis, Plan]:
    analysis, _ = analyze([SAMPLES], Config(), as_of=AS_OF)
    return analysis, plan_classes(analysis)


def test_the_counts_are_those_of_the_needs_one_by_one(samples: tuple[Analysis, Plan]) -> None:
    """The plan's ways by type read off forming's positions are those of each need's route; the needs not in
    cadre order (a cadre's needs apart) are counted alike."""
    analysis, plan = samples
    assert plan.ways is not None and plan.unmet and analysis.needs
    breakdown = analysis_figures(analysis).breakdown
    types = breakdown.types
    one_by_one = Counter(zip((n.training_type for n in analysis.needs), need_routes(analysis, plan), strict=True))
    assert type_ways(analysis, plan, types) == one_by_one
    assert type_ways(analysis, dataclasses.replace(plan, ways=None), types) == one_by_one
    assert {t.training_type: (t.needs, t.cadres) for t in types if t.needs} == {
        kind: (sum(n.training_type == kind for n in analysis.needs),
               len({n.cadre_id for n in analysis.needs if n.training_type == kind}))
        for kind in {n.training_type for n in analysis.needs}}
    shuffled = dataclasses.replace(analysis, needs=analysis.needs[1::2] + analysis.needs[::2])
    assert analysis_figures(shuffled).breakdown == breakdown
