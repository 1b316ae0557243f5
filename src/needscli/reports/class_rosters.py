"""class-rosters.xlsx (Overview + one printable sign-in sheet per class), classes.csv, assignments.csv."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from needscli.cache import Memo
from needscli.labels import code_label, label
from needscli.models import TrainingClass
from needscli.reports.files import atomic_path, write_csv
from needscli.reports.sheet_writer import Columns
from needscli.reports.xlsx import Book, display_width, print_setup

if TYPE_CHECKING:
    from needscli.core.analysis import Analysis
    from needscli.planner import Plan

CLASSES_COLUMNS = ["class_id", "topic", "training_type", "organizer", "job_family", "period", "resource", "size"]
ASSIGNMENTS_COLUMNS = ["cadre_id", "class_id", "topic", "priority"]


def class_topic(analysis: Analysis, cls: TrainingClass) -> str:
    if cls.topic_id == analysis.config.classes.core_class_topic:
        return label("rosters.core_class", analysis.lang)
    return analysis.catalog.label(cls.topic_id, analysis.lang)


def class_hours(analysis: Analysis, cls: TrainingClass) -> float:
    if cls.topic_id == analysis.config.classes.core_class_topic:
        return sum(t.hours for t in analysis.catalog.core)
    topic = analysis.catalog.by_id.get(cls.topic_id)
    return topic.hours if topic else 0.0


def write_class_rosters(analysis: Analysis, plan: Plan, path: Path) -> None:
    """Overview, then one sign-in sheet per class, laid out for printing."""
    lang = analysis.lang
    with atomic_path(path, analysis.inputs.paths) as tmp:
        book = Book(tmp, row_limit=analysis.config.limits.excel_max_rows)
        _overview(book, analysis, plan)
        cadres = analysis.cadre_by_id
        levels = {lv.name: (lv.english or lv.name) for lv in analysis.config.levels}
        for cls in plan.classes:
            _sign_in_sheet(book, analysis, plan, cls, cadres, levels if lang == "en" else None)
        book.close()


def _overview(book: Book, analysis: Analysis, plan: Plan) -> None:
    lang = analysis.lang
    keys = ("rosters.class_id", "rosters.class_name", "rosters.topic", "rosters.type", "rosters.organizer",
            "rosters.job_family", "rosters.period", "rosters.resource", "rosters.size", "rosters.hours")
    rows = [[c.id, c.name, class_topic(analysis, c), code_label("training_type", c.training_type, lang),
             c.organizer, c.job_family, plan.period_label(c.period), _resource(c.resource, lang), c.size,
             class_hours(analysis, c)] for c in plan.classes]
    book.table(label("rosters.overview", lang), [label(k, lang) for k in keys], rows,
               ["text"] * 8 + ["int", "number"], [9, 44, 26, 20, 18, 20, 10, 26, 7, 7])


def _resource(name: str, lang: str) -> str:
    return code_label("resource_kind", name, lang) if name == "unassigned" else name


def _sign_in_sheet(book: Book, analysis: Analysis, plan: Plan, cls: TrainingClass,
                   cadres: dict[str, Any], levels: dict[str, str] | None) -> None:
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
    rows = Columns(iter([[numbers, ids, names, units, posts, levels_in_words, blanks, blanks, blanks]]))
    book.defer_rows(ws, rows, len(members), 3, border, blank=True, height=24)

    def fit(values: list[str], least: int, most: int) -> int:
        return min(max(max(map(display_width, values), default=0), least) + 2, most)

    widths = (6, fit(ids, 8, 22), fit(names, 8, 14), fit(units, 16, 30), fit(posts, 14, 30), 14, 14, 10, 10)
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
    topic_label = Memo(lambda topic_id: analysis.catalog.label(topic_id, analysis.lang))
    for a in plan.assignments:
        yield [a.cadre_id, a.class_id, topic_label[a.topic_id], a.priority]


def write_class_outputs(analysis: Analysis, plan: Plan, out_dir: Path) -> list[Path]:
    """class-rosters.xlsx, classes.csv and assignments.csv."""
    paths = [out_dir / "class-rosters.xlsx", out_dir / "classes.csv", out_dir / "assignments.csv"]
    write_class_rosters(analysis, plan, paths[0])
    write_csv(paths[1], CLASSES_COLUMNS, classes_rows(analysis, plan), analysis.inputs.paths)
    write_csv(paths[2], ASSIGNMENTS_COLUMNS, assignments_rows(analysis, plan), analysis.inputs.paths)
    return paths
