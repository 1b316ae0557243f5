"""The machine-readable summary of a run (--format json)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from needscli.reports.gap_report import summary_counts, top_topics

if TYPE_CHECKING:
    from needscli.core.analysis import Analysis
    from needscli.errors import Problem
    from needscli.reports.gap_report import LeftOut


def summary_json(analysis: Analysis, outputs: list[Path], exit_code: int, extra: dict[str, Any] | None = None,
                 left_out: list[LeftOut] | None = None) -> dict[str, Any]:
    """Counts, outputs and problems; no names or ids of people.

    counts holds the obligations by kind and status (counts.obligations: kind -> {due, overdue, met,
    unknown}) and the overdue ones by unit (counts.overdue_by_unit: unit -> {kind: n}), as the gap report's
    Summary and its Overdue by unit sheet give them. left_out: the detail sheets gap-report.xlsx left out
    (gap_report.left_out_sheets), each {sheet, rows, files, top}: the files of the run holding it in full.
    problems: at most limits.summary_problems of them (see listed_problems), problems_not_listed the rest's
    number: every one is in analysis.json (and the gap report's Problems sheet). Likewise overdue_by_unit lists
    at most limits.summary_units units, those with the most overdue first; counts.overdue_units is how many have
    any, counts.overdue_units_not_listed how many more there are than listed.
    """
    limits = analysis.config.limits
    listed = listed_problems(analysis.problems, limits.summary_problems)
    counts = summary_counts(analysis)
    units = counts["overdue_by_unit"]
    counts["overdue_by_unit"] = dict(itertools.islice(units.items(), limits.summary_units))
    counts["overdue_units"] = len(units)
    counts["overdue_units_not_listed"] = len(units) - len(counts["overdue_by_unit"])
    return {
        "as_of": analysis.as_of.isoformat(),
        "lang": analysis.lang,
        "inputs": {k: v for k, v in analysis.inputs.counts.items()},
        "counts": counts,
        "top_topics": [
            {"rank": r.rank, "topic_id": r.topic_id, "topic": analysis.catalog.label(r.topic_id, analysis.lang),
             "cadres": r.cadres, "demand": r.demand, "mwds": r.mwds}
            for r in top_topics(analysis)
        ],
        **(extra or {}),
        "left_out": [item.as_dict() for item in left_out or []],
        "outputs": [str(p) for p in outputs],
        "problems": [p.as_dict() for p in listed],
        "problems_not_listed": len(analysis.problems) - len(listed),
        "exit_code": exit_code,
    }


SEVERITY_ORDER = {"error": 0, "warning": 1}  # which problems a summary too short for all of them lists first


def listed_problems(problems: Sequence[Problem], most: int | None) -> list[Problem]:
    """At most `most` of the problems (None: all), in their order. Where there are more, each kind's first ones in
    turn, the kinds of errors (a row skipped) before those of warnings, then any other, so that every kind is seen: a
    province's 3 topics read by their closest name were listed, its 6,485 unknown hours standards after them, but a
    skipped row past the 20th was not. The terminal's list and the JSON summary's are cut alike."""
    if most is None or len(problems) <= most:
        return list(problems[:most])
    kinds: dict[tuple[int, str], list[int]] = {}
    for i, p in enumerate(problems):
        kinds.setdefault((SEVERITY_ORDER.get(p.severity, 2), p.code), []).append(i)
    queues = [kinds[key] for key in sorted(kinds, key=lambda key: key[0])]  # stable: first seen first
    picked: list[int] = []
    depth = 0
    while len(picked) < most:
        picked += [queue[depth] for queue in queues if depth < len(queue)][:most - len(picked)]
        depth += 1
    return [problems[i] for i in sorted(picked)]
