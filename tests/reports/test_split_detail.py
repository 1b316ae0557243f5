"""--split-by hand-outs and limits.detail_rows: a unit's hand-out keeps its detail whole; an organizer's covers most
of a province and follows the limit as the run's gap report does, its Summary naming its own needs.csv."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from builders import SAMPLES, csv_records, summary_lines

import needscli
from needscli.config import Config, LimitsConfig
from needscli.core.analysis import Analysis
from needscli.labels import label
from needscli.planner import Plan
from needscli.reports.split import AnalysisParts, PlanParts, hand_out_parts, split_staged

LIMIT = 50  # rows of a detail sheet, its header counted: the samples' larger organizers pass it


@pytest.fixture(scope="module")
def limited() -> tuple[Analysis, Plan]:
    analysis = needscli.analyze(SAMPLES, as_of="2026-11-01", config=Config(limits=LimitsConfig(detail_rows=LIMIT)))
    return analysis, needscli.plan(analysis)


def sheet_rows(path: Path) -> dict[str, int]:
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return {ws.title: ws.max_row for ws in book.worksheets}
    finally:
        book.close()


def test_an_organizers_hand_out_leaves_its_needs_to_its_needs_csv_past_the_limit(
        limited: tuple[Analysis, Plan], tmp_path: Path) -> None:
    analysis, plan = limited
    parts = hand_out_parts(analysis, plan, "organizer")
    analyses = AnalysisParts(analysis, parts)
    with split_staged(analysis, plan, tmp_path, "organizer") as written:
        reports = {path.parent.name: path for path in written if path.name == "gap-report.xlsx"}
    needs_sheet = label("sheet.needs", "zh")
    past = {name for name in parts if len(analyses.of(name).needs) + 1 > LIMIT}
    assert past and past != set(parts)  # organizers past the limit and within it, else the test proves nothing
    for name, path in reports.items():
        needs = len(analyses.of(name).needs)
        said = [s for s in summary_lines(path) if "limits.detail_rows" in s]
        if name in past:
            assert needs_sheet not in sheet_rows(path), name
            assert said == [f"{needs_sheet}（{needs:,} 行）超过明细行数上限（limits.detail_rows），未写入本工作簿；"
                            "完整数据见 needs.csv"], name
            assert len(csv_records(path.parent / "needs.csv")) == needs  # the hand-out's own, in full
        else:
            assert sheet_rows(path)[needs_sheet] == needs + 1, name
            assert said == [], name


def test_an_organizers_hand_out_keeps_whole_the_sheets_no_file_of_it_holds(
        limited: tuple[Analysis, Plan], tmp_path: Path) -> None:
    """Obligations, compliance, unit ranking, unmet, hours after the plan: the run's Parquet files hold them, no file
    of the hand-out does: its workbook has them whole rather than sending the reader to files not there."""
    analysis, plan = limited
    name = "市委管理"
    parts = hand_out_parts(analysis, plan, "organizer")
    part, runs = AnalysisParts(analysis, parts).of(name), PlanParts(plan, parts).run_by(name)
    open_obligations = sum(o.status != "met" and not (o.kind == "online" and o.status == "unknown")
                           for o in part.obligations)
    expected = {"sheet.obligations": open_obligations, "sheet.compliance": len(part.compliance),
                "sheet.unit_ranking": len(part.unit_ranking), "sheet.unmet": len(runs.unmet),
                "sheet.hours_after": len(runs.hours_left)}
    assert min(expected.values()) + 1 > LIMIT  # each past the limit, else the test proves nothing
    with split_staged(analysis, plan, tmp_path, "organizer"):
        pass
    rows = sheet_rows(tmp_path / "by-organizer" / name / "gap-report.xlsx")
    assert {key: rows[label(key, "zh")] - 1 for key in expected} == expected
