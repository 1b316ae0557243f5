"""Writing outputs: gap report, needs CSV, class rosters, summaries. Each written whole or not at all."""

from __future__ import annotations

from pathlib import Path

from needscli.core.analysis import Analysis
from needscli.io.snapshot import SNAPSHOT
from needscli.planner import Plan
from needscli.reports.class_lookup import PlanView
from needscli.reports.class_rosters import write_class_outputs
from needscli.reports.gap_report import write_gap_report
from needscli.reports.needs_csv import write_needs_csv
from needscli.reports.parallel import Child, can_fork, run_side_by_side
from needscli.reports.snapshot import save_snapshot

GAP_REPORT = "gap-report.xlsx"
NEEDS_CSV = "needs.csv"


def start_needs_csv(analysis: Analysis, out_dir: Path) -> Child | None:
    """needs.csv needs no classes: where a second process may write (limits.write_processes), it is
    written now, beside the forming of classes. Returns the writing child for write_all(early=...)
    (stop() it if the run ends before), or None: write_all then writes needs.csv itself.
    """
    if analysis.config.limits.write_processes < 2 or not can_fork():
        return None

    def needs_csv() -> list[Path]:
        write_needs_csv(analysis, out_dir / NEEDS_CSV)
        return [out_dir / NEEDS_CSV]

    return Child.start(needs_csv, out_dir)


def write_all(analysis: Analysis, plan: Plan, out_dir: Path, snapshot: bool = True,
              early: Child | None = None) -> list[Path]:
    """Every output of analyze: gap report (with classes), needs.csv, class rosters and CSVs (classes.csv,
    assignments.csv, plan.csv: the annual plan), analysis.json. The whole set or nothing is moved into place.

    The gap report is written here while a second process writes the rest (limits.write_processes):
    the two take about the same time. early: needs.csv's writer from start_needs_csv(), or None.
    """
    def gap_report() -> list[Path]:
        write_gap_report(analysis, out_dir / GAP_REPORT, PlanView(plan, analysis.lang))
        return [out_dir / GAP_REPORT]

    def the_rest() -> list[Path]:
        paths = []
        if early is None:
            paths.append(out_dir / NEEDS_CSV)
            write_needs_csv(analysis, paths[0])
        paths += write_class_outputs(analysis, plan, out_dir)
        if snapshot:
            save_snapshot(analysis, out_dir / SNAPSHOT)
            paths.append(out_dir / SNAPSHOT)
        return paths

    return run_side_by_side(gap_report, the_rest, out_dir, analysis.config.limits.write_processes, early)
