"""The machine-readable summary of a run (--format json)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from needscli.reports.gap_report import summary_counts

if TYPE_CHECKING:
    from needscli.core.analysis import Analysis
    from needscli.reports.gap_report import LeftOut


def summary_json(analysis: Analysis, outputs: list[Path], exit_code: int, extra: dict[str, Any] | None = None,
                 left_out: list[LeftOut] | None = None) -> dict[str, Any]:
    """Counts, outputs and problems; no names or ids of people.

    counts holds the obligations by kind and status (counts.obligations: kind -> {due, overdue, met,
    unknown}) and the overdue ones by unit (counts.overdue_by_unit: unit -> {kind: n}), as the gap report's
    Summary and its Overdue by unit sheet give them. left_out: the detail sheets gap-report.xlsx left out
    (gap_report.left_out_sheets), each {sheet, rows, files}: the files of the run holding it in full.
    """
    return {
        "as_of": analysis.as_of.isoformat(),
        "lang": analysis.lang,
        "inputs": {k: v for k, v in analysis.inputs.counts.items()},
        "counts": summary_counts(analysis),
        "top_topics": [
            {"rank": r.rank, "topic_id": r.topic_id, "topic": analysis.catalog.label(r.topic_id, analysis.lang),
             "cadres": r.cadres, "demand": r.demand, "mwds": r.mwds}
            for r in analysis.ranking[:10]
        ],
        **(extra or {}),
        "left_out": [item.as_dict() for item in left_out or []],
        "outputs": [str(p) for p in outputs],
        "problems": [p.as_dict() for p in analysis.problems],
        "exit_code": exit_code,
    }
