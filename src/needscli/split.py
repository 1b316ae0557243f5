"""--split-by unit|organizer: one gap report and one class roster per unit or organizer, for hand-out."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from pathlib import Path

from .classes import Plan, organizer_of
from .pipeline import Analysis
from .ranking import rank_topics_both
from .reports.class_rosters import write_class_outputs
from .reports.gap_report import write_gap_report
from .reports.needs_csv import write_needs_csv
from .reports.plan_view import PlanView

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def folder_name(text: str) -> str:
    """A file-system-safe folder name for a unit or organizer."""
    return _UNSAFE.sub("_", text).strip(" .") or "_"


def subset_analysis(analysis: Analysis, keep: set[str]) -> Analysis:
    """The same analysis over the cadres in keep (problems stay whole: they name cells, not people)."""
    cadres = [c for c in analysis.cadres if c.id in keep]
    needs = [n for n in analysis.needs if n.cadre_id in keep]
    inputs = dataclasses.replace(analysis.inputs, cadres=cadres)
    ranking, unit_ranking = rank_topics_both(needs, cadres, analysis.catalog)
    return dataclasses.replace(
        analysis, inputs=inputs, needs=needs,
        compliance=[r for r in analysis.compliance if r.cadre_id in keep],
        unmatched=[u for u in analysis.unmatched if not u.cadre_id or u.cadre_id in keep],
        ranking=ranking, unit_ranking=unit_ranking,
    )


def subset_plan(plan: Plan, keep: set[str], classes: set[str] | None = None) -> Plan:
    """Classes with a kept member (or the given classes), showing kept members only."""
    chosen = []
    for cls in plan.classes:
        if classes is not None and cls.id not in classes:
            continue
        members = [m for m in cls.members if m in keep]
        if members:
            chosen.append(cls.model_copy(update={"members": members}))
    ids = {c.id for c in chosen}
    return dataclasses.replace(
        plan, classes=chosen,
        assignments=[a for a in plan.assignments if a.cadre_id in keep and a.class_id in ids],
        unmet=[u for u in plan.unmet if u.cadre_id in keep], problems=[])


def groups(analysis: Analysis, by: str) -> dict[str, set[str]]:
    """Group name -> cadre ids, in roster order."""
    key: Callable[..., str | None]
    if by == "unit":
        key = lambda c: c.unit  # noqa: E731
    else:
        key = lambda c: organizer_of(c, analysis.config)  # noqa: E731
    out: dict[str, set[str]] = {}
    for cadre in analysis.cadres:
        out.setdefault(key(cadre) or "-", set()).add(cadre.id)
    return out


def write_split(analysis: Analysis, plan: Plan, out_dir: Path, by: str) -> list[Path]:
    """out_dir/by-<unit|organizer>/<name>/ gets its own gap report, needs.csv and class rosters."""
    written: list[Path] = []
    for name, keep in groups(analysis, by).items():
        folder = out_dir / f"by-{by}" / folder_name(name)
        part = subset_analysis(analysis, keep)
        classes = {c.id for c in plan.classes if c.organizer == name} if by == "organizer" else None
        part_plan = subset_plan(plan, keep, classes)
        write_gap_report(part, folder / "gap-report.xlsx", PlanView(part_plan))
        write_needs_csv(part, folder / "needs.csv")
        written += [folder / "gap-report.xlsx", folder / "needs.csv"]
        written += write_class_outputs(part, part_plan, folder)
    return written
