"""--split-by unit|organizer: one gap report and one class roster per unit or organizer, for hand-out."""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path

from needscli.core.analysis import Analysis
from needscli.core.catalog import Catalog
from needscli.core.ranking import rank_topics_both
from needscli.errors import Problem
from needscli.models import Assignment, Cadre
from needscli.planner import Plan, organizer_of
from needscli.planner.columns import made_from_columns
from needscli.planner.seats import SeatColumns, seat_columns
from needscli.reports.class_lookup import PlanView
from needscli.reports.class_rosters import write_class_outputs
from needscli.reports.file_names import NAME_BYTES as NAME_BYTES  # offered here as they always were
from needscli.reports.file_names import NAME_UNITS as NAME_UNITS
from needscli.reports.file_names import folder_name as folder_name
from needscli.reports.file_names import folder_names
from needscli.reports.files import staged
from needscli.reports.gap_report import write_gap_report
from needscli.reports.needs_csv import write_needs_csv
from needscli.reports.roster_books import remove_earlier_books


def subset_analysis(analysis: Analysis, keep: set[str]) -> Analysis:
    """The same analysis over the cadres in keep: every row that belongs to a cadre (a need, an obligation,
    a ledger difference, a problem in a roster row, a wish or rating in the topic mapping) only for them."""
    cadres = [c for c in analysis.cadres if c.id in keep]
    needs = [n for n in analysis.needs if n.cadre_id in keep]
    inputs = dataclasses.replace(analysis.inputs, cadres=cadres)
    catalog = part_catalog(analysis.catalog, cadres)
    ranking, unit_ranking = rank_topics_both(needs, cadres, catalog)
    return dataclasses.replace(
        analysis, inputs=inputs, needs=needs, catalog=catalog,
        obligations=[o for o in analysis.obligations if o.cadre_id in keep],
        compliance=[r for r in analysis.compliance if r.cadre_id in keep],
        unmatched=[u for u in analysis.unmatched if not u.cadre_id or u.cadre_id in keep],
        ranking=ranking, unit_ranking=unit_ranking, ranks_pending=False,
        ledger_diffs=[d for d in analysis.ledger_diffs if d.cadre_id in keep],
        problems=part_problems(analysis, cadres),
    )


# the topic mapping's texts that come from a cadre's own cells; posts', priorities' and resources' are the office's
_PERSONAL_SOURCES = frozenset({"wish", "rating", "completion"})


def part_catalog(catalog: Catalog, cadres: list[Cadre]) -> Catalog:
    """The catalog with a mapping of the texts these cadres wrote (wishes, ratings, completions) and of the
    office's inputs; none another cadre wrote."""
    own = ({("wish", w) for c in cadres for w in c.wishes} | {("rating", r) for c in cadres for r in c.ratings}
           | {("completion", d.topic) for c in cadres for d in c.completed})
    part = Catalog(list(catalog.topics), catalog.cutoff, catalog.user_ids)
    part.remember(m for m in catalog.mapping if m.source not in _PERSONAL_SOURCES or (m.source, m.text) in own)
    return part


def part_problems(analysis: Analysis, cadres: list[Cadre]) -> list[Problem]:
    """The problems of these cadres' roster rows and those of no person's row (a sheet, a header, another
    input, the run); none of another cadre's row, nor of a roster row skipped (whose unit is not known)."""
    everyone = {(c.file, c.sheet, c.row) for c in analysis.cadres}
    rosters = set(analysis.inputs.roster_columns) | {(file, sheet) for file, sheet, _ in everyone}
    at = [(p.file, p.sheet, p.row) if p.row is not None and (p.file, p.sheet) in rosters else None
          for p in analysis.problems]
    skipped = {where for where, p in zip(at, analysis.problems, strict=True)
               if where is not None and p.severity == "error" and where not in everyone}
    others = (everyone - {(c.file, c.sheet, c.row) for c in cadres}) | skipped
    return [p for where, p in zip(at, analysis.problems, strict=True) if where is None or where not in others]


def subset_plan(plan: Plan, keep: set[str], classes: set[str] | None = None, seats: SeatColumns | None = None) -> Plan:
    """Classes with a kept member (or the given classes), showing kept members only; the kept cadres' seats
    in those classes, their needs served without a class (online, in their unit), their unmet needs and
    their hours after the plan. The limits the plan was made under stay as they were. seats: the plan's
    seat_columns, where the caller made them already (one part of many)."""
    chosen = []
    for cls in plan.classes:
        if classes is not None and cls.id not in classes:
            continue
        members = [m for m in cls.members if m in keep]
        if members:
            chosen.append(cls.model_copy(update={"members": members}))
    return dataclasses.replace(
        plan, classes=chosen, assignments=_kept_seats(seat_columns(plan.assignments) if seats is None else seats,
                                                      keep, {c.id for c in chosen}),
        unmet=[u for u in plan.unmet if u.cadre_id in keep], problems=[],
        hours_left=[h for h in plan.hours_left if h.cadre_id in keep], ways=None)


def _kept_seats(seats: SeatColumns, keep: set[str], classes: set[str]) -> list[Assignment]:
    """Of the seats' columns (seat_columns), the seats of the kept cadres in the given classes, and those served
    without a class."""
    class_ids = seats[1]
    picked = [i for i, cadre in enumerate(seats[0]) if cadre in keep]  # a part's cadres are few of the seats'
    picked = [i for i in picked if not class_ids[i] or class_ids[i] in classes]
    return made_from_columns(Assignment, [list(map(column.__getitem__, picked)) for column in seats])


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


@contextlib.contextmanager
def split_staged(analysis: Analysis, plan: Plan, out_dir: Path, by: str) -> Iterator[list[Path]]:
    """Write the hand-outs to staged temp files and yield their paths; move them into place when the block ends
    (then remove the workbooks of sign-in sheets an earlier run left in their folders: roster_books).

    An error while writing them or within the block removes them and the folders made for them, so
    a caller that writes the main outputs within the block makes the two one all-or-nothing set.
    """
    root = out_dir / f"by-{by}"
    parts = groups(analysis, by)
    names = folder_names(parts)
    made = _missing(root, [root / names[name] for name in parts])
    try:
        with staged() as stage:
            written: list[Path] = []
            seats = seat_columns(plan.assignments)  # once for every part
            for name, keep in parts.items():
                written += _write_part(analysis, plan, seats, root / names[name], name, keep, by)
            stage.check()  # before the block commits the main outputs: a folder in the way stops both
            yield written
            stage.commit()
        for name in parts:
            remove_earlier_books(root / names[name], written)
    except BaseException:
        for folder in made:  # deepest first; one still holding something stays
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise


def _write_part(analysis: Analysis, plan: Plan, seats: SeatColumns, folder: Path, name: str, keep: set[str],
                by: str) -> list[Path]:
    part = subset_analysis(analysis, keep)
    classes = {c.id for c in plan.classes if c.organizer == name} if by == "organizer" else None
    part_plan = subset_plan(plan, keep, classes, seats)
    # a hand-out is one unit's: its detail whole, whatever limits.detail_rows says of the whole run's workbook
    write_gap_report(part, folder / "gap-report.xlsx", PlanView(part_plan, part.lang), full_detail=True)
    write_needs_csv(part, folder / "needs.csv")
    return [folder / "gap-report.xlsx", folder / "needs.csv", *write_class_outputs(part, part_plan, folder)]


def _missing(root: Path, folders: list[Path]) -> list[Path]:
    """The folders not there yet, deepest first: those given, root, and root's missing parents."""
    missing = [f for f in folders if not f.exists()]
    for folder in (root, *root.parents):
        if folder.exists():
            break
        missing.append(folder)
    return missing
