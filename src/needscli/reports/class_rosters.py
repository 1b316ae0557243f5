"""class-rosters.xlsx (Overview, the annual plan, one printable sign-in sheet per class), classes.csv,
assignments.csv and plan.csv."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from needscli.cache import Memo
from needscli.labels import code_label, label
from needscli.models import TrainingClass
from needscli.reports.annual_plan import (
    PLAN_CSV,
    fit_row_heights,
    fitted_widths,
    plan_rows,
    plan_sheet,
    route_counts,
    sent_up_members,
    write_plan_csv,
)
from needscli.reports.files import atomic_path, write_csv
from needscli.reports.sheet_writer import Columns
from needscli.reports.xlsx import Book, display_width, print_setup

if TYPE_CHECKING:
    from needscli.core.analysis import Analysis
    from needscli.planner import Plan

CLASSES_COLUMNS = ["class_id", "topic", "training_type", "organizer", "job_family", "period", "resource", "size"]
ASSIGNMENTS_COLUMNS = ["cadre_id", "class_id", "topic", "priority", "route"]
ROUTES_COLUMN = 11  # the Overview's needs by route: right of its table, a column apart
OVERVIEW_WRAP = {1: 48}  # the Overview's class name wraps past this width; every other column fits its text


def class_topic(analysis: Analysis, cls: TrainingClass) -> str:
    if cls.topic_id == analysis.config.classes.core_class_topic:
        return label("rosters.core_class", analysis.lang)
    return analysis.catalog.label(cls.topic_id, analysis.lang)


def class_hours(analysis: Analysis, cls: TrainingClass) -> float:
    if cls.topic_id == analysis.config.classes.core_class_topic:
        return sum(t.hours for t in analysis.catalog.core)
    topic = analysis.catalog.by_id.get(cls.topic_id)
    return topic.hours if topic else 0.0


def write_class_rosters(analysis: Analysis, plan: Plan, path: Path, rows: list[Any] | None = None) -> None:
    """Overview, the annual plan (年度培训计划), then one sign-in sheet per class, laid out for printing.

    rows: the plan's rows (annual_plan.plan_rows), when the caller has them already.
    """
    lang = analysis.lang
    with atomic_path(path, analysis.inputs.paths) as tmp:
        book = Book(tmp, row_limit=analysis.config.limits.excel_max_rows)
        _overview(book, analysis, plan)
        plan_sheet(book, analysis, plan, rows)
        cadres = analysis.cadre_by_id
        levels = {lv.name: (lv.english or lv.name) for lv in analysis.config.levels}
        sent_up = _sent_up_notes(analysis, plan)
        for cls in plan.classes:
            _sign_in_sheet(book, analysis, plan, cls, cadres, levels if lang == "en" else None, sent_up)
        book.close()


def _overview(book: Book, analysis: Analysis, plan: Plan) -> None:
    """One row per class (what `needscli records import` reads back), and the needs by route beside it."""
    lang = analysis.lang
    keys = ("rosters.class_id", "rosters.class_name", "rosters.topic", "rosters.type", "rosters.organizer",
            "rosters.job_family", "rosters.period", "rosters.resource", "rosters.size", "rosters.hours")
    rows = [[c.id, c.name, class_topic(analysis, c), code_label("training_type", c.training_type, lang),
             c.organizer, c.job_family, plan.period_label(c.period), _resource(c.resource, lang), c.size,
             class_hours(analysis, c)] for c in plan.classes]
    headers = [label(k, lang) for k in keys]
    widths = fitted_widths(headers, rows, OVERVIEW_WRAP)
    # written cell by cell (an iterator, no size), never streamed: the routes' two rows sit beside the first rows
    written = book.table(label("rosters.overview", lang), headers, iter(rows),
                         ["text", "wrap"] + ["text"] * 6 + ["int", "number"], widths)
    fit_row_heights(written, 1, rows, {c: widths[c] for c in OVERVIEW_WRAP})
    if plan.classes:  # beside a class row only: a row of counts alone would read back as a class without an id
        _route_counts(book, written[0][0], lang, route_counts(plan))


def _route_counts(book: Book, ws: Any, lang: str, counts: dict[str, int]) -> None:
    """Needs by route, as two rows right of the Overview's table: the routes, then their counts."""
    col = ROUTES_COLUMN
    book.write_text(ws, 0, col, label("rosters.routes", lang), book.fmt["header"])
    book.write_text(ws, 1, col, label("rosters.route_needs", lang), book.fmt["bold"])
    ws.set_column(col, col, display_width(label("rosters.routes", lang)) + 2)
    for j, (route, n) in enumerate(counts.items(), start=col + 1):
        words = code_label("route", route, lang)
        book.write_text(ws, 0, j, words, book.fmt["header"])
        book.write(ws, 1, j, n, "int")
        ws.set_column(j, j, max(display_width(words), len(str(n))) + 2)


def _sent_up_notes(analysis: Analysis, plan: Plan) -> dict[tuple[str, str], str]:
    """(class id, cadre id) -> the note on a sign-in sheet of a member sent up from the organizer below."""
    places = plan.context.cadres if plan.context is not None else {}
    notes = {}
    for class_id, cadre_id in sorted(sent_up_members(plan)):
        place = places.get(cadre_id)
        organizer = place.organizer if place is not None and place.organizer else ""
        notes[class_id, cadre_id] = (label("rosters.sent_up_from", analysis.lang, organizer=organizer) if organizer
                                     else code_label("route", "sent-up", analysis.lang))
    return notes


def _resource(name: str, lang: str) -> str:
    return code_label("resource_kind", name, lang) if name == "unassigned" else name


def _sign_in_sheet(book: Book, analysis: Analysis, plan: Plan, cls: TrainingClass,
                   cadres: dict[str, Any], levels: dict[str, str] | None,
                   sent_up: dict[tuple[str, str], str]) -> None:
    lang = analysis.lang
    ws = book.add_sheet(cls.id)
    keys = ("rosters.no", "rosters.cadre_id", "rosters.name", "rosters.unit", "rosters.post", "rosters.level",
            "rosters.signature", "rosters.attended", "rosters.note")
    ws.merge_range(0, 0, 0, len(keys) - 1, "", book.fmt["title"])
    book.write_text(ws, 0, 0, f"{cls.name} {label('rosters.sign_in', lang)}", book.fmt["title"])
    info = (f"{label('rosters.class_id', lang)}：{cls.id}    "
            f"{label('rosters.organizer', lang)}：{cls.organizer}    "
            f"{label('rosters.period', lang)}：{plan.period_label(cls.period)}    "
            f"{label('rosters.resource', lang)}：{_resource(cls.resource, lang)}    "
            f"{label('rosters.hours', lang)}：{class_hours(analysis, cls):g}")
    ws.merge_range(1, 0, 1, len(keys) - 1, "", book.fmt["subtitle"])
    book.write_text(ws, 1, 0, info, book.fmt["subtitle"])
    if "cell" not in book.fmt:  # made once per workbook, not once per class
        book.fmt["cell"] = book.wb.add_format({"border": 1, "valign": "vcenter"})
        book.fmt["cellhead"] = book.wb.add_format({"border": 1, "bold": True, "bg_color": "#D9E1F2",
                                                   "align": "center", "valign": "vcenter"})
    border, head = book.fmt["cell"], book.fmt["cellhead"]
    for c, key in enumerate(keys):
        book.write_text(ws, 2, c, label(key, lang), head)
    members = list(map(cadres.__getitem__, cls.members))
    ids, names, units, posts = ([getattr(c, key) for c in members] for key in ("id", "name", "unit", "post"))
    levels_in_words = [levels.get(c.level, c.level) for c in members] if levels else [c.level for c in members]
    blanks = [""] * len(members)  # signature, hours attended, note: bordered, to be filled in by hand
    numbers = [str(i) for i in range(1, len(members) + 1)]
    notes = [sent_up.get((cls.id, i), "") for i in ids]  # members sent up (上级调训) from the organizer below
    rows = Columns(iter([[numbers, ids, names, units, posts, levels_in_words, blanks, blanks, notes]]))
    book.defer_rows(ws, rows, len(members), 3, border, blank=True, height=24)

    def fit(values: list[str], least: int, most: int) -> int:
        return min(max(max(map(display_width, values), default=0), least) + 2, most)

    widths = (6, fit(ids, 8, 22), fit(names, 8, 14), fit(units, 16, 30), fit(posts, 14, 30), 14, 14, 10,
              fit(notes, 8, 30))
    for c, width in enumerate(widths):
        ws.set_column(c, c, width)
    print_setup(ws, landscape=False, header_row=2)
    ws.center_horizontally()
    ws.freeze_panes(3, 0)


def classes_rows(analysis: Analysis, plan: Plan) -> Iterator[list[object]]:
    for c in plan.classes:
        yield [c.id, class_topic(analysis, c), c.training_type, c.organizer, c.job_family,
               plan.period_label(c.period), c.resource, c.size]


def assignments_rows(analysis: Analysis, plan: Plan) -> Iterator[list[object]]:
    """A row per need served; route is its code: class, sent-up (上级调训), online or in-unit (no class id)."""
    topic_label = Memo(lambda topic_id: analysis.catalog.label(topic_id, analysis.lang))
    for a in plan.assignments:
        yield [a.cadre_id, a.class_id, topic_label[a.topic_id], a.priority, a.route]


def write_class_outputs(analysis: Analysis, plan: Plan, out_dir: Path) -> list[Path]:
    """class-rosters.xlsx, classes.csv, assignments.csv and plan.csv."""
    paths = [out_dir / "class-rosters.xlsx", out_dir / "classes.csv", out_dir / "assignments.csv", out_dir / PLAN_CSV]
    rows = plan_rows(analysis, plan)
    write_class_rosters(analysis, plan, paths[0], rows)
    write_csv(paths[1], CLASSES_COLUMNS, classes_rows(analysis, plan), analysis.inputs.paths)
    write_csv(paths[2], ASSIGNMENTS_COLUMNS, assignments_rows(analysis, plan), analysis.inputs.paths)
    write_plan_csv(analysis, plan, paths[3], rows)
    return paths
