"""Writing outputs: gap report, needs CSV, class rosters, summaries. Each written whole or not at all."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .gap_report import write_gap_report
from .needs_csv import write_needs_csv

if TYPE_CHECKING:
    from ..classes import Plan
    from ..pipeline import Analysis

GAP_REPORT = "gap-report.xlsx"
NEEDS_CSV = "needs.csv"


def write_all(analysis: Analysis, plan: Plan, out_dir: Path, snapshot: bool = True) -> list[Path]:
    """Every output of analyze: gap report (with classes), needs.csv, class rosters and CSVs, analysis.json.

    The gap report and analysis.json are written here while a second process writes the CSVs and
    the class rosters (limits.write_processes): the two halves take about the same time.
    """
    from ..snapshot import SNAPSHOT, save_snapshot
    from .class_rosters import write_class_outputs
    from .plan_view import PlanView
    from .side_by_side import run_side_by_side

    def gap_report_and_snapshot() -> list[Path]:
        write_gap_report(analysis, out_dir / GAP_REPORT, PlanView(plan))
        if not snapshot:
            return [out_dir / GAP_REPORT]
        save_snapshot(analysis, out_dir / SNAPSHOT)
        return [out_dir / GAP_REPORT, out_dir / SNAPSHOT]

    def needs_and_classes() -> list[Path]:
        write_needs_csv(analysis, out_dir / NEEDS_CSV)
        return [out_dir / NEEDS_CSV, *write_class_outputs(analysis, plan, out_dir)]

    paths = run_side_by_side(gap_report_and_snapshot, needs_and_classes, out_dir,
                             analysis.config.limits.write_processes)
    here = 2 if snapshot else 1
    return paths[:1] + paths[here:] + paths[1:here]  # gap report, CSVs and rosters, analysis.json
