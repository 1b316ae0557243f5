"""Writing outputs: gap report, needs CSV, class rosters, summaries. Each written whole or not at all."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .gap_report import write_gap_report
from .needs_csv import write_needs_csv

if TYPE_CHECKING:
    from ..pipeline import Analysis

GAP_REPORT = "gap-report.xlsx"
NEEDS_CSV = "needs.csv"


def write_needs_outputs(analysis: Analysis, out_dir: Path) -> list[Path]:
    """gap-report.xlsx and needs.csv in out_dir."""
    paths = [out_dir / GAP_REPORT, out_dir / NEEDS_CSV]
    write_gap_report(analysis, paths[0])
    write_needs_csv(analysis, paths[1])
    return paths
