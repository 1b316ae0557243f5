"""Writing outputs: gap report, needs CSV, class rosters, Parquet tables, the snapshot. Each set written whole or not
at all.

The names the package offers besides the formats (write_all, start_early_outputs, output_names ...) are those of
reports.outputs, imported when first asked for: a run imports the package for its checks of the output folder
(reports.files) before it reads the roster, and the writing modules (xlsxwriter's, the workbooks', the planner's)
while calamine parses a workbook roster, which lets go of the interpreter (pipeline.ready_to_write); a CSV
roster's run imports them once its needs are found."""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the names __getattr__ offers, as reports.outputs has them
    from needscli.reports.outputs import FORMAT_FILES as FORMAT_FILES
    from needscli.reports.outputs import GAP_REPORT as GAP_REPORT
    from needscli.reports.outputs import NEEDS_CSV as NEEDS_CSV
    from needscli.reports.outputs import EarlyNotes as EarlyNotes
    from needscli.reports.outputs import output_names as output_names
    from needscli.reports.outputs import start_early_outputs as start_early_outputs
    from needscli.reports.outputs import write_all as write_all

# what --formats chooses among; the snapshot (analysis.json and snapshot/, for needscli classes) is always written
OUTPUT_FORMATS = ("xlsx", "csv", "parquet")
ALL_FORMATS = frozenset(OUTPUT_FORMATS)
# the files analyze, classes and the Python API's write() write into the output folder (reports.write_all), checked
# before anything is written (files.check_folder); the writers check every file again as they write it (hand-outs of
# --split-by included). class-rosters-*.xlsx: the sign-in sheets of a plan past limits.roster_sheets classes, one
# workbook per organizer (or part of one)
RUN_OUTPUTS = ("gap-report.xlsx", "needs.csv", "class-rosters.xlsx", "class-rosters-*.xlsx", "classes.csv",
               "assignments.csv", "plan.csv", "analysis.json", "needs.parquet", "compliance.parquet",
               "obligations.parquet", "classes.parquet", "assignments.parquet", "unmet.parquet", "plan.parquet",
               "hours_left.parquet", "unit_ranking.parquet")


def chosen_formats(value: str | Iterable[str] | None) -> frozenset[str] | None:
    """The output formats value names (--formats, [options] formats, write(formats=)): xlsx, csv, parquet,
    comma-separated or as a list, in any case; all three where value is None; None where it names none, or
    anything else."""
    if value is None:
        return ALL_FORMATS
    items = value.split(",") if isinstance(value, str) else value
    chosen = frozenset(name for name in (str(item).strip().lower() for item in items) if name)
    return chosen if chosen and chosen <= ALL_FORMATS else None

_OFFERED = frozenset({"FORMAT_FILES", "GAP_REPORT", "NEEDS_CSV", "EarlyNotes", "output_names", "start_early_outputs",
                      "write_all"})


def __getattr__(name: str) -> Any:
    """reports.outputs' names, imported when first asked for (a submodule's name is left to the import system)."""
    if name in _OFFERED:
        return getattr(importlib.import_module("needscli.reports.outputs"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
