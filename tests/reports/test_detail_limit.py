"""limits.detail_rows: a detail sheet of gap-report.xlsx longer than it is left out, the Summary naming it, its
rows and the files holding it in full; --split-by hand-outs keep their unit's detail whole."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

import needscli
from needscli.config import Config, LimitsConfig
from needscli.core.analysis import Analysis
from needscli.planner import Plan
from needscli.reports.gap_report import open_obligations
from needscli.reports.split import split_staged

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples" / "cadres.xlsx"
LIMIT = 50


def run(tmp_path: Path, config: Config) -> tuple[Analysis, Plan, Path]:
    analysis = needscli.analyze(SAMPLES, as_of="2026-11-01", config=config)
    plan = needscli.plan(analysis)
    out = tmp_path / "out"
    needscli.write(analysis, plan, out)
    return analysis, plan, out


def summary_lines(path: Path) -> list[str]:
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return [str(row[0]) for row in book["概要"].iter_rows(max_col=1, values_only=True) if row[0]]
    finally:
        book.close()


def sheet_names(path: Path) -> list[str]:
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return list(book.sheetnames)
    finally:
        book.close()


@pytest.fixture(scope="module")
def limited(tmp_path_factory: pytest.TempPathFactory) -> tuple[Analysis, Plan, Path]:
    return run(tmp_path_factory.mktemp("limited"), Config(limits=LimitsConfig(detail_rows=LIMIT)))


def test_a_needs_sheet_past_the_limit_is_left_out_and_the_summary_says_where_it_is(
        limited: tuple[Analysis, Plan, Path]) -> None:
    analysis, _, out = limited
    needs = len(analysis.needs)
    assert needs > LIMIT  # else the test proves nothing
    assert "需求明细" not in sheet_names(out / "gap-report.xlsx")
    [line] = [s for s in summary_lines(out / "gap-report.xlsx") if s.startswith("需求明细（")]
    assert f"{needs:,} 行" in line and "needs.csv" in line and "needs.parquet" in line
    with (out / "needs.csv").open(encoding="utf-8-sig", newline="") as f:
        assert sum(1 for _ in csv.reader(f)) - 1 == needs


@pytest.mark.parametrize(("sheet", "files"), [("未满足", "unmet.parquet"), ("必训任务", "obligations.parquet")])
def test_the_unmet_and_obligations_sheets_past_the_limit_name_their_parquet_files(
        limited: tuple[Analysis, Plan, Path], sheet: str, files: str) -> None:
    analysis, plan, out = limited
    rows = len(plan.unmet) if sheet == "未满足" else len(open_obligations(analysis))
    assert rows > LIMIT
    assert sheet not in sheet_names(out / "gap-report.xlsx")
    assert [s for s in summary_lines(out / "gap-report.xlsx") if s.startswith(f"{sheet}（")] == [
        f"{sheet}（{rows:,} 行）超过明细行数上限（limits.detail_rows），未写入本工作簿；完整数据见 {files}"]


def test_the_summaries_and_rankings_stay(limited: tuple[Analysis, Plan, Path]) -> None:
    names = sheet_names(limited[2] / "gap-report.xlsx")
    assert {"概要", "逾期未训（按单位）", "学时达标", "单位主题矩阵", "主题排序", "单位主题排序"} <= set(names)


def test_with_the_default_limit_the_needs_sheet_is_there(tmp_path: Path) -> None:
    analysis, _, out = run(tmp_path, Config())
    book = openpyxl.load_workbook(out / "gap-report.xlsx", read_only=True)
    try:
        assert book["需求明细"].max_row == len(analysis.needs) + 1
    finally:
        book.close()
    assert not [s for s in summary_lines(out / "gap-report.xlsx") if "limits.detail_rows" in s]


def test_a_split_hand_out_keeps_its_units_detail_whatever_the_limit(tmp_path: Path) -> None:
    analysis = needscli.analyze(SAMPLES, as_of="2026-11-01", config=Config(limits=LimitsConfig(detail_rows=1)))
    plan = needscli.plan(analysis)
    with split_staged(analysis, plan, tmp_path, "unit") as written:
        reports = [p for p in written if p.name == "gap-report.xlsx"]
    assert reports
    for path in reports:
        book = openpyxl.load_workbook(path, read_only=True)
        try:
            assert book["需求明细"].max_row > 2  # more needs than the limit, all written
        finally:
            book.close()
        assert not [s for s in summary_lines(path) if "limits.detail_rows" in s]
