"""class-rosters.xlsx (Overview, the annual plan, one printable sign-in sheet per class; past limits.roster_sheets
classes the sign-in sheets in class-rosters-<organizer>.xlsx beside it: see roster_books), classes.csv,
assignments.csv and plan.csv."""

from __future__ import annotations

import datetime as dt
import functools
import math
import operator
import re
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from needscli.cache import Memo
from needscli.core.day_runs import days_between, runs_said
from needscli.labels import code_label, label
from needscli.models import TrainingClass, unpriced
from needscli.planner.forming import families_as_data
from needscli.planner.seats import seat_columns
from needscli.records.attendance import looks_like_id_number, mask_id_number
from needscli.reports.annual_plan import (
    PLAN_CSV,
    families_words,
    fit_row_heights,
    fitted_widths,
    host_words,
    no_class_sheet,
    plan_rows,
    plan_sheet,
    route_counts,
    sent_up_by_class,
    sent_up_members,
    write_plan_csv,
)
from needscli.reports.files import atomic_path, csv_text, plain_cells, write_csv, write_csv_text
from needscli.reports.roster_books import (
    CLASS_ROSTERS,
    RosterBook,
    check_earlier_books,
    roster_books,
)
from needscli.reports.sheet_writer import Printed
from needscli.reports.xlsx import (
    Book,
    display_width,
    row_height,
    unique_width,
    wrapped_lines,
)

if TYPE_CHECKING:
    from needscli.config import Config
    from needscli.core.analysis import Analysis
    from needscli.core.obligations import Obligation
    from needscli.planner import Plan

CLASSES_COLUMNS = ["class_id", "topic", "training_type", "organizer", "job_family", "period", "resource", "size"]
ASSIGNMENTS_COLUMNS = ["cadre_id", "class_id", "topic", "priority", "route"]
ROUTES_COLUMN = 11  # the Overview's needs by route: right of its table, a column apart
OVERVIEW_WRAP = {1: 48}  # the Overview's class name wraps past this width; every other column fits its text
SIGN_FIRST_ROW = 5  # 0-based row of a sign-in sheet's first seat: the title, two lines, the header's two rows
SIGN_COLUMN = 6  # 0-based column of the first 签到 column, after 序号 编号 姓名 单位 职务 职级
SIGN_ROW_HEIGHT = 26  # points: room for a signature; a row is taller where a member's unit or post wraps
SIGN_FONT = 10  # points: the seats' font ("cell")
SIGN_WIDTH = 11  # a 签到 column of one day: a name written by hand
# the day columns of a class of more days share the width of a week's (7 at SIGN_WIDTH), each down to SIGN_LEAST:
# 第16天 and its date, a mark or a short name; the columns beside them narrower (SEAT_BOUNDS), the sheet one A4
# page wide at 2/3 size or more ([rosters] daily_sign_in_days: how many days sign in each day)
SIGN_DAYS_WIDTH = 77
SIGN_LEAST = 7
# a sign-in sheet's member columns within these widths (_fit): 编号, 姓名, 单位, 职务, 职级; tight: beside more day
# columns than a week's
SEAT_BOUNDS = {False: ((8, 22), (8, 12), (10, 24), (10, 22), (8, 16)),
               True: ((8, 20), (8, 10), (10, 16), (10, 14), (8, 12))}
# 单位 wider than its bound where the notes leave room on the page (unit_width): a long name on two lines, not four
UNIT_COLUMN, UNIT_MOST = 3, 40
NUMBER_WIDTH, ATTENDED_WIDTH = 6, 10  # 序号, 出勤学时
# 备注 is as wide as its longest line (a note a line: 上级调训（…） / 必训：任职培训，2027-08-01 前), up to NOTE_MOST
# (必训：初任培训，2026-11-30 前，已逾期 on one line), as the page allows (sheet_widths); a longer line is broken
# (broken_note)
NOTE_LEAST, NOTE_MOST = 8, 40
NOTE_TIGHT = 18  # 备注 beside many days is this wide at least, however little room the page leaves at LEAST_SCALE
MAX_SIGN_COLUMNS = 10  # a class of more weeks signs in every few weeks
# A4 between the sheets' 0.4-inch margins, in pixels at 96 dpi (a column of width w is w * 7 + 5 pixels in Excel):
# upright, landscape
PAGE_PIXELS = {False: 717, True: 1045}
# the least size a sheet prints at: upright (a sheet that would print smaller prints landscape), landscape (the
# sheet of daily_sign_in_days days with its notes: 6.7 points for the seats' 10)
LEAST_SCALE = {False: 0.75, True: 2 / 3}


def class_topic(analysis: Analysis, cls: TrainingClass) -> str:
    if cls.topic_id == analysis.config.classes.core_class_topic:
        return label("rosters.core_class", analysis.lang)
    return analysis.catalog.label(cls.topic_id, analysis.lang)


def class_hours(analysis: Analysis, cls: TrainingClass) -> float:
    """The hours each member is credited: the class's (an appointment class's by its band's days, as the plan
    says), else its topic's in the catalog."""
    if cls.hours:
        return cls.hours
    if cls.topic_id == analysis.config.classes.core_class_topic:
        return sum(t.hours for t in analysis.catalog.core)
    topic = analysis.catalog.by_id.get(cls.topic_id)
    return topic.hours if topic else 0.0


class HandOut(NamedTuple):
    """What the class rosters of a --split-by hand-out say beyond its plan. by: "unit", "organizer" or "host"; name:
    the unit's, the organizer's or the host's words ("" for none: hand_out_words); whole: class id -> the members of
    the whole class, where the hand-out lists only its own of them (a unit's); elsewhere: the classes other
    organizers run that its cadres are sent up to, each with those cadres only (an organizer's, whose own classes
    are whole; a host's are whole too, and it sends no one)."""

    by: str
    name: str = ""
    whole: Mapping[str, int] | None = None
    elsewhere: Sequence[TrainingClass] = ()


# the words of the hand-outs' class rosters, (zh, en): the seats of a unit's, what an organizer's holds
class SignIns(NamedTuple):
    """What every sign-in sheet of a plan looks up: the cadres by id, level names in words (English: None in
    Chinese), the notes of members sent up from below, of members whose seat serves a compulsory training
    (duties) and, in a hand-out, what it says beyond its plan."""

    cadres: dict[str, Any]
    levels: dict[str, str] | None
    sent_up: dict[tuple[str, str], str]
    hand_out: HandOut | None = None
    duties: dict[tuple[str, str], str] = {}


def write_class_rosters(analysis: Analysis, plan: Plan, path: Path, rows: list[Any] | None = None,
                        books: list[RosterBook] | None = None, signs: SignIns | None = None,
                        hand_out: HandOut | None = None) -> list[Path]:
    """Overview, the annual plan (年度培训计划), the groups too small for a class (未成班, where any), then one
    sign-in sheet per class, laid out for printing; past limits.roster_sheets classes the sign-in sheets go to
    the workbooks of roster_books() beside path, and the Overview names them. Returns the paths written, path
    first.

    rows: the plan's rows (annual_plan.plan_rows), when the caller has them already. books: those workbooks, as
    roster_books() makes them, when the caller writes them itself (write_roster_book, after check_earlier_books):
    only class-rosters.xlsx is written here. signs: sign_ins(), when the caller has it. hand_out: what a --split-by
    hand-out says beyond its plan (a unit's members of each class and the whole class; the classes an organizer
    runs, and where its cadres sent up to other organizers' classes go).
    """
    own = books is None
    if books is None:
        books = roster_books(plan.classes, analysis.config.limits.roster_sheets)
        check_earlier_books(path.parent, [b.name for b in books])  # before anything is written
    if signs is None:
        signs = sign_ins(analysis, plan, hand_out)
    notes = (_hand_out_note(analysis, plan, signs.hand_out), _books_note(analysis, plan, books),
             "" if signs.hand_out is not None else _no_classes_note(analysis, plan))
    with atomic_path(path, analysis.inputs.paths) as tmp:
        book = Book(tmp, row_limit=analysis.config.limits.excel_max_rows)
        # a host's hand-out holds its classes, not the needs of their members: no needs by route beside them
        _overview(book, analysis, plan, plan.classes, "\n".join(filter(None, notes)),
                  routes=signs.hand_out is None or signs.hand_out.by != "host",
                  whole=signs.hand_out.whole if signs.hand_out else None)
        plan_sheet(book, analysis, plan, rows, whole=signs.hand_out.whole if signs.hand_out else None)
        no_class_sheet(book, analysis, plan)
        if signs.hand_out is not None and signs.hand_out.elsewhere:
            _elsewhere_sheet(book, analysis, plan, signs.hand_out.elsewhere)
        for cls in [] if books else plan.classes:
            _sign_in_sheet(book, analysis, plan, cls, signs)
        book.close()
    if not own:
        return [path]
    return [path, *(write_roster_book(analysis, plan, path.parent, part, signs) for part in books)]


def sign_ins(analysis: Analysis, plan: Plan, hand_out: HandOut | None = None) -> SignIns:
    """What the sign-in sheets of this plan look up (made once for all the workbooks)."""
    levels = {lv.name: (lv.english or lv.name) for lv in analysis.config.levels}
    return SignIns(analysis.cadre_by_id, levels if analysis.lang == "en" else None, _sent_up_notes(analysis, plan),
                   hand_out, duty_notes(analysis, plan))


def write_roster_book(analysis: Analysis, plan: Plan, folder: Path, part: RosterBook, signs: SignIns) -> Path:
    """One workbook of sign-in sheets (roster_books) in folder: its own Overview, then a sheet per class."""
    with atomic_path(folder / part.name, analysis.inputs.paths) as tmp:
        book = Book(tmp, row_limit=analysis.config.limits.excel_max_rows)
        _overview(book, analysis, plan, part.classes, _part_note(analysis, part), routes=False,
                  whole=signs.hand_out.whole if signs.hand_out else None)
        for cls in part.classes:
            _sign_in_sheet(book, analysis, plan, cls, signs)
        book.close()
    return folder / part.name


def _books_note(analysis: Analysis, plan: Plan, books: list[RosterBook]) -> str:
    """The line above class-rosters.xlsx's Overview naming the workbooks of sign-in sheets ("" for none)."""
    if not books:
        return ""
    return label("rosters.books_note", analysis.lang, classes=len(plan.classes),
                 limit=analysis.config.limits.roster_sheets, n=len(books),
                 files=label("list_joiner", analysis.lang).join(b.name for b in books))


def _no_classes_note(analysis: Analysis, plan: Plan) -> str:
    """The line above an Overview without a class: why, and where to look ("" where the plan forms classes)."""
    if plan.classes:
        return ""
    lang = analysis.lang
    if plan.no_class:
        return label("rosters.no_classes", lang, min_size=plan.settings.get("min_size", ""),
                     sheet=label("rosters.no_class.sheet", lang), unmet=label("sheet.unmet", lang))
    if plan.unmet:  # kept out otherwise than by too few (call-ups, days away, periods): the Unmet sheet says
        return label("rosters.no_classes_unmet", lang, unmet=label("sheet.unmet", lang))
    return label("rosters.no_classes_nothing", lang)


def _hand_out_note(analysis: Analysis, plan: Plan, hand_out: HandOut | None) -> str:
    """The line above an organizer's hand-out's Overview: the classes it runs (whole, with the members sent up to
    them), and where its cadres sent up to other organizers' classes go; above a unit's without a class, that none
    of its cadres is in one and where its unmet needs are, else which classes its cadres attend; "" for the main
    outputs."""
    if hand_out is None:
        return ""
    lang = analysis.lang
    if hand_out.by == "host":
        return _host_note(analysis, plan, hand_out.name)
    if hand_out.by != "organizer":
        unit = hand_out_words(hand_out, lang)
        if not plan.classes:
            return _unit_none_note(plan, unit, lang)
        return label("rosters.hand_out.unit_runs", lang, unit=unit, classes=len(plan.classes),
                     seats=sum(c.size for c in plan.classes))
    organizer = hand_out.name or label("rosters.sign.tbd", lang)
    up = sum(sent_up_by_class(plan)[c.id] for c in plan.classes)
    note = (label("rosters.hand_out.runs", lang, organizer=organizer, classes=len(plan.classes),
                           seats=sum(c.size for c in plan.classes),
                           up=label("rosters.hand_out.runs_up", lang, up=up) if up else "") if plan.classes
            else label("rosters.hand_out.runs_none", lang, organizer=organizer))
    if hand_out.elsewhere:
        note += label("rosters.hand_out.elsewhere", lang, organizer=organizer, classes=len(hand_out.elsewhere),
                               seats=sum(c.size for c in hand_out.elsewhere),
                               sheet=label("rosters.hand_out.elsewhere_sheet", lang))
    return note


def _host_note(analysis: Analysis, plan: Plan, host: str) -> str:
    """The line above a host's hand-out's Overview: the classes it hosts, their seats, and who runs them (a party
    school hosts the classes of several organizers), each with its count of classes."""
    lang = analysis.lang
    runs: dict[str, int] = {}
    for cls in plan.classes:
        who = _run_by(analysis, cls.organizer, lang)
        runs[who] = runs.get(who, 0) + 1
    organizers = label("list_joiner", lang).join(
        label("rosters.hand_out.hosts_for", lang, organizer=who, n=n) for who, n in runs.items())
    # the classes whose host is to be fixed: said so, not as a host named 待定
    tbd = bool(plan.classes) and all(map(unpriced, plan.classes))
    if tbd:  # the hand-out of UNASSIGNED: its host in the plan's words
        host = host_words(plan.classes[0].resource, lang)
    return label("rosters.hand_out.hosts_tbd" if tbd else "rosters.hand_out.hosts", lang, host=host,
                 classes=len(plan.classes), seats=sum(c.size for c in plan.classes), organizers=organizers)


def _unit_none_note(plan: Plan, unit: str, lang: str) -> str:
    """A unit's hand-out without a class: none of its cadres is in a class of the plan; its unmet needs (plan: the
    unit's) are on its gap report's Unmet sheet."""
    if plan.unmet:
        return label("rosters.hand_out.unit_none", lang, unit=unit, n=len(plan.unmet), unmet=label("sheet.unmet", lang))
    return label("rosters.hand_out.unit_none_met", lang, unit=unit)


def hand_out_words(hand_out: HandOut, lang: str) -> str:
    """Whose hand-out it is, in words: the unit's or organizer's name; for the cadres without a unit, or the
    organizer to be fixed, words saying so."""
    if hand_out.name:
        return hand_out.name
    return label("hand_out.no_unit" if hand_out.by == "unit" else "rosters.sign.tbd", lang)


def _elsewhere_sheet(book: Book, analysis: Analysis, plan: Plan, classes: Sequence[TrainingClass]) -> None:
    """An organizer's cadres sent up to classes other organizers run: a row per class, its id, name, who runs it (as
    its sign-in sheet says: 市委组织部（市委管理）), its host, period and dates, and those cadres with their units (the
    class's sign-in sheet is in its organizer's hand-out): where and when to send them, not the month alone."""
    lang = analysis.lang
    cadres, joiner = analysis.cadre_by_id, label("list_joiner", lang)
    headers = [label(key, lang) for key in (
        "rosters.class_id", "rosters.class_name", "rosters.plan.col.organizer", "rosters.plan.col.host", "rosters.period",
        "rosters.plan.col.start", "rosters.plan.col.end", "rosters.hand_out.elsewhere_seats",
        "rosters.hand_out.elsewhere_members")]
    rows = [[c.id, c.name, _run_by(analysis, c.organizer, lang), host_words(c.resource, lang),
             plan.period_label(c.period), c.start_date, c.end_date, c.size,
             joiner.join(_in_unit(cadres[m], lang) for m in c.members)] for c in classes]
    wrap = {1: 40, 2: 24, 3: 24, 8: 60}
    widths = fitted_widths(headers, rows, wrap)
    written = book.table(label("rosters.hand_out.elsewhere_sheet", lang), headers, iter(rows),
                         ["text", "wrap", "wrap", "wrap", "text", "date", "date", "int", "wrap"], widths)
    fit_row_heights(written, 1, rows, {c: widths[c] for c in wrap})


def _in_unit(cadre: Any, lang: str) -> str:
    return f"{cadre.name}（{cadre.unit}）" if lang == "zh" else f"{cadre.name} ({cadre.unit})"


def _part_note(analysis: Analysis, part: RosterBook) -> str:
    """The line above a workbook of sign-in sheets' own Overview: whose classes, which part, where the rest is."""
    lang = analysis.lang
    which = label("rosters.book_part", lang, part=part.part, parts=part.parts) if part.parts > 1 else ""
    return label("rosters.book_note", lang, organizer=part.organizer or label("rosters.sign.tbd", lang), part=which,
                 main=CLASS_ROSTERS)


def _overview(book: Book, analysis: Analysis, plan: Plan, classes: list[TrainingClass], note: str,
              routes: bool, whole: Mapping[str, int] | None = None) -> None:
    """One row per class (what `needscli records import` reads back), with the needs by route beside it
    (routes) and a note above it (note: the table then starts a row lower); whole: class id -> the whole class's
    members, for a hand-out listing only its unit's of them (its size then in two columns, the unit's and the
    class's)."""
    lang = analysis.lang
    keys = ("rosters.class_id", "rosters.class_name", "rosters.topic", "rosters.type", "rosters.organizer",
            "rosters.job_family", "rosters.period", "rosters.resource", "rosters.size", "rosters.hours")
    rows = [[c.id, c.name, class_topic(analysis, c), code_label("training_type", c.training_type, lang),
             c.organizer, families_words(c.job_family, lang, analysis.config), plan.period_label(c.period),
             host_words(c.resource, lang), c.size, class_hours(analysis, c)] for c in classes]
    headers = [label(k, lang) for k in keys]
    kinds = ["text", "wrap"] + ["text"] * 6 + ["int", "number"]
    if whole is not None:  # the unit's members, then the whole class's
        size = keys.index("rosters.size")
        headers[size:size + 1] = [label("rosters.hand_out.own_size", lang), label("rosters.hand_out.whole_size", lang)]
        kinds.insert(size, "int")
        for row, c in zip(rows, classes, strict=True):
            row.insert(size + 1, whole.get(c.id, c.size))
    widths = fitted_widths(headers, rows, OVERVIEW_WRAP)
    top = 1 if note else 0
    # written cell by cell (an iterator, no size), never streamed: the routes' two rows sit beside the first rows;
    # bordered, as printed plans are (a number never runs into the text beside it)
    written = book.table(label("rosters.overview", lang), headers, iter(rows), kinds, widths, first_row=top,
                         boxed=True)
    ws = written[0][0]
    fit_row_heights(written, top + 1, rows, {c: widths[c] for c in OVERVIEW_WRAP})
    if note:  # over the table's width, wrapped, as many lines high as it needs there
        if "note" not in book.fmt:
            book.fmt["note"] = book.wb.add_format({"bold": True, "text_wrap": True, "valign": "vcenter",
                                                   "bg_color": "#FFF2CC", "border": 1})
        book.line_across(ws, 0, note, widths, book.fmt["note"])
    # the needs by route stand right of the table, outside the print area: the overview prints at its own width
    ws.print_area(0, 0, top + written[0][1], len(headers) - 1)
    if routes and classes:  # beside a class row only: a row of counts alone would read back as a class without an id
        _route_counts(book, ws, lang, route_counts(plan), top, max(ROUTES_COLUMN, len(headers) + 1))


def _route_counts(book: Book, ws: Any, lang: str, counts: dict[str, int], top: int = 0,
                  col: int = ROUTES_COLUMN) -> None:
    """Needs by route, as two rows right of the Overview's table (its header row top, and the next, from column
    col): the routes, then their counts."""
    book.write_text(ws, top, col, label("rosters.routes", lang), book.fmt["header"])
    if "boldtop" not in book.fmt:  # level with the counts beside it (top-aligned), however tall the row is
        book.fmt["boldtop"] = book.wb.add_format({"bold": True, "valign": "top"})
    book.write_text(ws, top + 1, col, label("rosters.route_needs", lang), book.fmt["boldtop"])
    ws.set_column(col, col, display_width(label("rosters.routes", lang)) + 2)
    for j, (route, n) in enumerate(counts.items(), start=col + 1):
        words = code_label("route", route, lang)
        book.write_text(ws, top, j, words, book.fmt["header"])
        book.write(ws, top + 1, j, n, "int")
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


SEAT_DUTIES = ("appointment", "initial", "rotation")  # the compulsory trainings (必训) a seat in a class meets


def duty_notes(analysis: Analysis, plan: Plan) -> dict[tuple[str, str], str]:
    """(class id, cadre id) -> the note on a sign-in sheet of a member whose seat serves a compulsory training
    (任职培训, 初任培训, 集中轮训) due or overdue: which, by when (必训：任职培训，2027-03-31 前), and 已逾期 where
    its deadline is before the class starts (before the analysis date, for a class not dated yet): an absence
    there is a violation to chase. Of two served by one seat, the more urgent. Made before the workbooks' writers
    start: only the classes of a topic some duty is of are looked at (the theory classes, most seats, serve none
    where no duty is of a core topic), a member without a duty is passed over at one look-up, and the notes, the
    same words for many, are worded once each."""
    open_: dict[str, dict[str, Obligation]] = {}  # cadre id -> topic id -> its most urgent duty
    for cadre, due in open_duties(analysis.obligations).items():
        duties = open_[cadre] = {}
        for ob in due:
            held = duties.get(ob.topic_id)
            if held is None or _urgency(ob) < _urgency(held):
                duties[ob.topic_id] = ob
    if not open_:
        return {}
    of_duties = {topic for duties in open_.values() for topic in duties}
    lang, core = analysis.lang, tuple(t.id for t in analysis.catalog.core)
    words: dict[tuple[str, dt.date | None, bool], str] = {}
    notes = {}
    for cls in plan.classes:
        topics = [t for t in (core if cls.topic_id == analysis.config.classes.core_class_topic else (cls.topic_id,))
                  if t in of_duties]
        if not topics:
            continue
        end = cls.end_date or cls.start_date or analysis.as_of
        for member in cls.members:
            mine = open_.get(member)
            if mine is None:
                continue
            served = [ob for ob in map(mine.get, topics) if ob is not None]
            if served:
                ob = min(served, key=_urgency) if len(served) > 1 else served[0]
                said = ob.kind, ob.deadline, ob.deadline is not None and ob.deadline < end
                note = words.get(said)
                if note is None:
                    note = words[said] = _duty_words(ob, end, lang)
                notes[cls.id, member] = note
    return notes


def open_duties(obligations: Sequence[Obligation]) -> dict[str, list[Obligation]]:
    """Cadre id -> its compulsory trainings a seat in a class may serve (SEAT_DUTIES) due or overdue."""
    duties: dict[str, list[Obligation]] = {}
    for ob in obligations:
        if ob.status in ("due", "overdue") and ob.kind in SEAT_DUTIES:
            duties.setdefault(ob.cadre_id, []).append(ob)
    return duties


def _urgency(ob: Obligation) -> tuple[int, dt.date]:
    return (0 if ob.status == "overdue" else 1, ob.deadline or dt.date.max)


def _duty_words(ob: Obligation, end: dt.date, lang: str) -> str:
    """The 备注 of a seat serving a compulsory training: its kind and deadline, and overdue where the class ends after
    it (the training is to be completed by then: Board.first_late)."""
    kind = code_label("obligation", ob.kind, lang)
    if ob.deadline is None:
        return label("rosters.sign.duty_undated", lang, kind=kind)
    return label("rosters.sign.duty_late" if ob.deadline < end else "rosters.sign.duty", lang, kind=kind,
                 deadline=ob.deadline.isoformat())


def _sign_in_sheet(book: Book, analysis: Analysis, plan: Plan, cls: TrainingClass, signs: SignIns) -> None:
    """The class's sign-in sheet (签到表), to print and hand out: the title and the class's dates, hours,
    organizer and host above the seats, one 签到 column a day (a week for a long class), the marks
    that count in the footer; a 身份证号 masked; each id as written in a hidden column `records import` reads."""
    lang, levels = analysis.lang, signs.levels
    ws = book.add_sheet(cls.id, printed=True)
    _sign_in_formats(book)
    members = list(map(signs.cadres.__getitem__, cls.members))
    ids, names, units, posts = (list(map(field, members)) for field in _MEMBER_FIELDS)
    mask = analysis.config.rosters.mask_id_numbers
    shown = [mask_id_number(i) if mask and looks_like_id_number(i) else i for i in ids]
    levels_in_words = [levels.get(c.level, c.level) for c in members] if levels else [c.level for c in members]
    # members sent up (上级调训) from the organizer below, members whose seat serves a compulsory training: a line each
    notes = ["\n".join(filter(None, (signs.sent_up.get((cls.id, i), ""), signs.duties.get((cls.id, i), ""))))
             for i in ids]
    rest = rest_days(cls, analysis.config)
    spans = sign_spans(cls, lang, analysis.config, rest)
    blanks = [""] * len(members)  # signatures, hours attended: bordered, to be filled in by hand
    numbers = list(range(1, len(members) + 1))
    columns: list[Sequence[str | int]] = [numbers, shown, names, units, posts, levels_in_words,
                                    *([blanks] * len(spans)), blanks, notes, ids]
    # a class's units, posts, levels and notes repeat from member to member: each distinct one measured once
    tight = len(spans) * SIGN_WIDTH > SIGN_DAYS_WIDTH
    bounds = SEAT_BOUNDS[tight]
    widths, landscape = sheet_widths(
        [NUMBER_WIDTH, _fit(shown, *bounds[0], unique_width), _fit(names, *bounds[1], unique_width),
         _fit(set(units), *bounds[2]), _fit(set(posts), *bounds[3]), _fit(set(levels_in_words), *bounds[4]),
         *sign_widths(spans), ATTENDED_WIDTH], set(notes), tight)
    printed = {note: broken_note(note, widths[-1]) for note in set(notes)}
    notes = list(map(printed.__getitem__, notes))
    columns[-2] = notes
    # no wider than its longest line once broken: the room given back to the other columns' print
    widths[-1] = _fit({line for note in printed.values() for line in note.split("\n")}, NOTE_LEAST, widths[-1])
    widths[UNIT_COLUMN] = unit_width(widths, landscape, set(units))
    merges: list[tuple[int, int, int, int, Any]] = []
    cells: list[tuple[int, int, str, Any]] = []
    heights: list[tuple[int, float]] = []
    _sign_in_top(book, analysis, plan, cls, widths, _seats_words(cls, lang, signs.hand_out),
                 (merges, cells, heights))
    _sign_in_header(book, lang, spans, (merges, cells, heights))
    marks = label("rosters.sign.marks", lang)
    # the marks that count, shown beside a 签到 cell as it is filled in
    validation = ((SIGN_FIRST_ROW, SIGN_COLUMN, SIGN_FIRST_ROW + len(members) - 1, SIGN_COLUMN + len(spans) - 1,
                   label("rosters.signature", lang), marks) if members else None)
    # no page count in the footer: its field (&N) counts the whole workbook where it is printed at once (LibreOffice:
    # 共 101 页 under a class of 3 pages), and a count written here would be wrong wherever fitting the width changes
    # the rows a page holds. Every page ends with the line the host signs and stamps
    page = label("rosters.sign.page", lang, class_id=cls.id)
    sign_off = label("rosters.sign.sign_off", lang)
    book.lay_out(ws, Printed(
        merges, cells, heights, widths,
        # the ids as written (a 身份证号 in full): never printed; `records import` reads them back, and holds back a
        # seat whose printed id was typed over with another
        hidden=(len(widths), 20),
        validation=validation,
        landscape=landscape,  # A4, one page wide: no column cut off
        repeat=(0, SIGN_FIRST_ROW - 1),  # the title, the class and the header on every page
        margins=(0.4, 0.4, 0.5, 1.1),  # room for the footer's three lines, the host's signature on the last
        footer=f"&C&9{marks}\n{_columns_note(spans, _class_days(cls), lang)}{_rest_note(cls, analysis.config, rest, lang)}{page}\n"
               f"&10{sign_off}", footer_margin=0.3,
        freeze=(SIGN_FIRST_ROW, 3)))
    book.text_rows(ws, columns, SIGN_FIRST_ROW, book.fmt["cell"],
                   seat_heights(widths, {2: names, 3: units, 4: posts, 5: levels_in_words, len(widths) - 1: notes}))


def seat_heights(widths: Sequence[int], wrapped: dict[int, Sequence[str]]) -> list[float]:
    """Each seat's row height: room for a signature (SIGN_ROW_HEIGHT), or for the most lines its member's name (a
    transliterated name of 17 characters: 阿卜杜热合曼·买买提明·艾合买提江), unit, post, level or note takes wrapped in
    its column (wrapped: column -> its values, a seat each), so a two-line 职务 or a note of two parts prints whole; a row is not as tall as another's text needs (paper: one long note made every
    seat of its sheet three lines high)."""
    count = len(next(iter(wrapped.values()), ()))
    heights = [float(SIGN_ROW_HEIGHT)] * count
    for c, values in wrapped.items():
        needed = {text: row_height(text, widths[c], SIGN_FONT) for text in set(values)}  # each text measured once
        heights = list(map(max, heights, map(needed.__getitem__, values)))
    return heights


def sheet_widths(columns: Sequence[int], notes: Collection[str], tight: bool) -> tuple[list[int], bool]:
    """The widths of a sign-in sheet's printed columns, its widths before 备注 (columns) then 备注's, and whether
    it prints landscape. Upright where the sheet prints so at LEAST_SCALE or more: with each note's lines whole, or
    with 备注 narrower, down to the widest piece of a line broken where broken_note breaks it; else landscape, each
    line whole where the page leaves room for it at LEAST_SCALE (beside many days: NOTE_TIGHT at least), NOTE_MOST
    at most. A short class of notes prints upright on fewer pages (C002: one, not two landscape)."""
    lines = {line for note in notes for line in note.split("\n")}
    whole = _fit(lines, NOTE_LEAST, NOTE_MOST)
    upright = _room(columns, False)
    if whole <= upright:
        return [*columns, whole], False
    pieces = {piece.strip() for line in lines for piece in _NOTE_BREAK.split(line)}
    if _fit(pieces, NOTE_LEAST, NOTE_MOST) <= upright:
        return [*columns, upright], False
    most = max(_room(columns, True), NOTE_TIGHT) if tight else NOTE_MOST
    return [*columns, min(whole, most)], True


# where a note's line is broken when its column cannot hold it whole: after a comma, before a bracket
_NOTE_BREAK = re.compile(r"(?<=[，；,;])|(?=[（(])")


def broken_note(note: str, width: int) -> str:
    """note as printed in a 备注 column of width: a line wider than the column broken after a comma or before a
    bracket (必训：任职培训，/ 2027-08-01 前; 上级调训 / （企业党委管理）), never inside a date or a name as a
    spreadsheet may break it (2027-08- / 01 前); a piece wider still is wrapped by the spreadsheet."""
    room = max(width - 1, 1)  # as text_lines counts a column's room
    lines: list[str] = []
    for line in note.split("\n"):
        if display_width(line) <= room:
            lines.append(line)
            continue
        current = ""
        for piece in _NOTE_BREAK.split(line):
            if current and display_width(current + piece.rstrip()) > room:
                lines.append(current.rstrip())
                current = piece.lstrip()
            else:
                current += piece
        lines.append(current.rstrip())
    return "\n".join(lines)


def unit_width(widths: Sequence[int], landscape: bool, units: Collection[str]) -> int:
    """单位's width on a sign-in sheet of widths (备注's last, as sheet_widths and the notes left it): wider than its
    SEAT_BOUNDS, up to UNIT_MOST, by the room the notes leave on the page at LEAST_SCALE. A long unit name
    (中共ＸＸ市委全面深化改革委员会办公室（…）) wrapped over 4 lines in 16 beside an empty 备注 made each seat 4 lines
    high: a class of 49 printed on 5 pages."""
    width = widths[UNIT_COLUMN]
    spare = _room(widths[:-1], landscape) - widths[-1]
    return max(width, min(_fit(units, width, UNIT_MOST), width + spare))


def _room(columns: Sequence[int], landscape: bool) -> int:
    """The widest 备注 beside columns with which the sheet prints at LEAST_SCALE[landscape] or more (0: none)."""
    pixels = PAGE_PIXELS[landscape] / LEAST_SCALE[landscape] - sum(w * 7 + 5 for w in columns) - 5
    return max(int(pixels // 7), 0)


_Layout = tuple[list[tuple[int, int, int, int, Any]], list[tuple[int, int, str, Any]], list[tuple[int, float]]]


class SignSpan(NamedTuple):
    """A 签到 column of a sign-in sheet: its heading (the day or week, and its dates), the days of lessons it stands
    for, and the weeks (0 for a day's)."""

    heading: str
    days: int
    weeks: int = 0


def sign_spans(cls: TrainingClass, lang: str, config: Config, rest: list[dt.date]) -> tuple[SignSpan, ...]:
    """One 签到 column a day of lessons up to [rosters] daily_sign_in_days days, none on a rest day (rest: its
    rest_days); for
    a longer class one a week of its dates, or a few weeks (at most MAX_SIGN_COLUMNS columns), headed by the days
    of lessons it holds (e.g. 第1周（5天）) so they are counted right."""
    days, start = _class_days(cls), cls.start_date
    daily = days <= config.rosters.daily_sign_in_days
    if start is None:
        return _spans(days, None, lang, daily, ())
    return _spans(len(_dates(cls)), start, lang, daily, tuple((day - start).days for day in rest))


def _dates(cls: TrainingClass) -> list[dt.date]:
    """Every day from a dated class's first to its last (a short class's days being working days, its dates may
    hold a weekend more: ClassesConfig.class_end); its days from its first where its last is not known."""
    start = cls.start_date
    if start is None:
        return []
    if cls.end_date is not None and cls.end_date >= start:
        return list(days_between(start, cls.end_date))
    return [start + dt.timedelta(days=d) for d in range(_class_days(cls))]


def rest_days(cls: TrainingClass, config: Config) -> list[dt.date]:
    """The days of a dated class it does not meet on, with no 签到 box: its Saturdays, Sundays and public holidays
    ([classes] is_holiday), unless [classes] meets_on_rest_days; none where every day of it is one (a class
    dated over a holiday by hand is signed in on each)."""
    if config.classes.meets_on_rest_days:
        return []
    days = _dates(cls)
    off = [day for day in days if config.classes.is_holiday(day)]
    return off if len(off) < len(days) else []


def sign_widths(spans: Sequence[SignSpan]) -> list[int]:
    """The widths of the 签到 columns: SIGN_WIDTH a day up to a week's days, narrower past them (together
    SIGN_DAYS_WIDTH, each at least SIGN_LEAST); a column of a week or more a little wider."""
    if spans and spans[0].weeks:
        return [SIGN_WIDTH + 2] * len(spans)
    return [max(SIGN_LEAST, min(SIGN_WIDTH, SIGN_DAYS_WIDTH // max(len(spans), 1)))] * len(spans)


@functools.lru_cache(maxsize=4096)
def _spans(span: int, start: dt.date | None, lang: str, daily: bool, rest: tuple[int, ...]) -> tuple[SignSpan, ...]:
    """sign_spans of a class whose dates run so many days from start, none on its rest days (their numbers, 0 its
    first): the classes of a period share them. Daily boxes are numbered by the days of lessons (第1天 … 第5天, then
    第6天 the Monday after), as `records import` reads a moved class's columns (sign_days.by_day_number); a week's
    box is of 7 days of its dates, headed by its days of lessons (a week of none has no box)."""
    if daily:
        held = [d for d in range(span) if d not in rest]
        return tuple(SignSpan(_dated(label("rosters.sign.day", lang, n=n), start, d, d), 1)
                     for n, d in enumerate(held, 1))
    weeks = math.ceil(span / 7)
    per = math.ceil(weeks / MAX_SIGN_COLUMNS)  # weeks a column
    spans = []
    for first in range(0, weeks, per):
        last = min(first + per, weeks) - 1
        begin, end = first * 7, min((last + 1) * 7, span) - 1
        n = sum(1 for d in range(begin, end + 1) if d not in rest)
        if not n:
            continue
        words = (label("rosters.sign.week", lang, n=first + 1, days=n) if first == last
                 else label("rosters.sign.weeks", lang, first=first + 1, last=last + 1, days=n))
        spans.append(SignSpan(_dated(words, start, begin, end), n, per))
    return tuple(spans)


def _class_days(cls: TrainingClass) -> int:
    if cls.days >= 1:
        return math.ceil(cls.days)
    if cls.start_date and cls.end_date:
        return max((cls.end_date - cls.start_date).days + 1, 1)
    return 1


def _dated(words: str, start: dt.date | None, first: int, last: int) -> str:
    """The heading of days first..last (0-based) of a class from start, with their dates where it has them."""
    if start is None:
        return words
    begin, end = (start + dt.timedelta(days=d) for d in (first, last))
    return f"{words}\n{begin:%m-%d}" + ("" if begin == end else f"–{end:%m-%d}")


def _columns_note(spans: Sequence[SignSpan], days: int, lang: str) -> str:
    """Says a column stands for a week (or weeks) of a class of so many days where it does; nothing for a column a
    day."""
    if len(spans) < 2 or not spans[0].weeks:
        return ""
    weeks = spans[0].weeks
    note = (label("rosters.sign.by_week", lang, days=days) if weeks == 1
            else label("rosters.sign.by_weeks", lang, days=days, weeks=weeks))
    return note + ("　　" if lang == "zh" else "    ")


def _rest_note(cls: TrainingClass, config: Config, rest: list[dt.date], lang: str) -> str:
    """Says which days of a class signed in daily have no box (its rest_days): 03-06至03-07休息，不设签到栏."""
    if _class_days(cls) > config.rosters.daily_sign_in_days or not rest:
        return ""
    to, joiner = ("–", ", ") if lang == "en" else ("至", "、")
    return label("rosters.sign.rest", lang, days=runs_said(rest, "%m-%d", to, joiner)) + ("　　" if lang == "zh" else "    ")


def _sign_in_formats(book: Book) -> None:
    """The formats of the sign-in sheets, made once per workbook (a seat's is also Book._quote's "cell")."""
    if "cell" in book.fmt:
        return
    book.fmt["cell"] = book.wb.add_format({"border": 1, "valign": "vcenter", "text_wrap": True, "font_size": 10})
    book.fmt["cellhead"] = book.wb.add_format({"border": 1, "bold": True, "bg_color": "#D9E1F2", "text_wrap": True,
                                               "align": "center", "valign": "vcenter"})
    book.fmt["signtitle"] = book.wb.add_format({"bold": True, "font_size": 16, "align": "center", "valign": "vcenter",
                                                "text_wrap": True})
    book.fmt["signinfo"] = book.wb.add_format({"valign": "vcenter", "text_wrap": True})


def _seats_words(cls: TrainingClass, lang: str, hand_out: HandOut | None) -> str:
    """参训人数：27人; in a unit's hand-out, its members and the whole class's: 参训人数：市财政局 3 人（全班 27 人）."""
    if hand_out is None or hand_out.whole is None:
        return label("rosters.sign.seats", lang, n=cls.size)
    return label("rosters.hand_out.seats", lang, unit=hand_out_words(hand_out, lang), n=cls.size,
                 whole=hand_out.whole.get(cls.id, cls.size))


def _sign_in_top(book: Book, analysis: Analysis, plan: Plan, cls: TrainingClass, widths: list[int], seats: str,
                 layout: _Layout) -> None:
    """The title, centered over the sheet, and two lines: the class's id, dates and seats (seats: in words); its
    organizer and host. Each spans the printed columns, as many lines high as its text needs there."""
    lang = analysis.lang
    merges, cells, heights = layout
    colon, gap = ("：", "　　") if lang == "zh" else (": ", "    ")
    hours, days = class_hours(analysis, cls), _class_days(cls)
    if cls.start_date and cls.end_date and cls.end_date > cls.start_date:
        when = label("rosters.sign.dates", lang, start=_date(cls.start_date, lang), end=_date(cls.end_date, lang),
                     days=days, hours=hours)
    elif cls.start_date:
        when = label("rosters.sign.one_day", lang, start=_date(cls.start_date, lang), hours=hours)
    else:
        when = label("rosters.sign.undated", lang, days=days, hours=hours,
                     period=plan.period_label(cls.period) or label("rosters.sign.tbd", lang))
    host = host_words(cls.resource, lang)
    # no office before the title: the line under it names who runs the class, a county's 县委组织部 on a city's plan
    lines = [(label("rosters.sign.title", lang, name=cls.name), "signtitle", 16),
             (f"{label('rosters.class_id', lang)}{colon}{cls.id}{gap}{when}{gap}{seats}", "signinfo", 11),
             (f"{label('rosters.sign.organizer', lang)}{colon}{_run_by(analysis, cls.organizer, lang)}{gap}"
              f"{label('rosters.sign.host', lang)}{colon}{host}", "signinfo", 11)]
    width = sum(widths)
    for row, (text, fmt, points) in enumerate(lines):
        merges.append((row, 0, row, len(widths) - 1, book.fmt[fmt]))
        cells.append(book.text_cell(row, 0, text, book.fmt[fmt]))
        # a letter of this font is points/11 of the width a column counts in
        heights.append((row, (points * 1.5 + 6) * wrapped_lines(text, int(width * 11 / points))))


def _run_by(analysis: Analysis, organizer: str, lang: str) -> str:
    """Who runs a class: the body (县委组织部), with the level that manages its cadres (县委管理) where it differs;
    待定 where the cadres' level gave none."""
    if not organizer:
        return label("rosters.sign.tbd", lang)
    body = analysis.config.classes.organizer_body(organizer)
    return body if body == organizer else label("rosters.sign.run_by", lang, body=body, organizer=organizer)


def _date(day: dt.date, lang: str) -> str:
    return label("rosters.sign.date", lang, year=day.year, month=day.month, day=day.day)


def _sign_in_header(book: Book, lang: str, spans: Sequence[SignSpan], layout: _Layout) -> None:
    """The header, two rows high: 签到 over its day (or week) columns; every other cell merged down over both."""
    merges, cells, heights = layout
    head, top = book.fmt["cellhead"], SIGN_FIRST_ROW - 2
    before = ("rosters.no", "rosters.cadre_id", "rosters.name", "rosters.unit", "rosters.post", "rosters.level")
    after = ("rosters.attended", "rosters.note", "rosters.sign.full_id")
    for c, key in [*enumerate(before), *enumerate(after, start=SIGN_COLUMN + len(spans))]:
        merges.append((top, c, top + 1, c, head))
        cells.append(book.text_cell(top, c, label(key, lang), head))
    last = SIGN_COLUMN + len(spans) - 1
    if last > SIGN_COLUMN:
        merges.append((top, SIGN_COLUMN, top, last, head))
    cells.append(book.text_cell(top, SIGN_COLUMN, label("rosters.signature", lang), head))
    cells.extend(book.text_cell(top + 1, c, span.heading, head) for c, span in enumerate(spans, start=SIGN_COLUMN))
    heights.extend(((top, 20), (top + 1, 32)))


_MEMBER_FIELDS = tuple(map(operator.attrgetter, ("id", "name", "unit", "post")))


def _fit(values: Collection[str], least: int, most: int, width: Callable[[str], int] = display_width) -> int:
    """A column as wide as its widest value (CJK counted twice), within least..most (wider text wraps); width:
    display_width, or unique_width for values that seldom repeat. A text is as wide as its length at least and
    twice it at most: where the longest decides, the widths are not counted (a class's names, its ids)."""
    longest = max(map(len, values), default=0)
    if 2 * longest <= least:
        return min(least + 2, most)
    if longest + 2 >= most:
        return most
    return min(max(max(map(width, values), default=0), least) + 2, most)


def classes_rows(analysis: Analysis, plan: Plan) -> Iterator[list[object]]:
    for c in plan.classes:
        yield [c.id, class_topic(analysis, c), c.training_type, c.organizer, families_as_data(c.job_family, analysis.lang),
               plan.period_label(c.period), c.resource, c.size]


SEATS_CHUNK = 50_000  # seats written at a time


def assignment_lines(analysis: Analysis, plan: Plan) -> Iterator[tuple[str, int]]:
    """assignments.csv's rows as CSV text (files.write_csv_text), SEATS_CHUNK seats at a time, with how many: a row
    per need served; route is its code: class, sent-up (上级调训), online or in-unit (no class id).

    Each distinct class id, topic, priority and route is written as a cell once, each row joined from its cells
    (8.1 million seats at a million cadres); the cadres' ids as they are where none of a chunk needs quoting or a
    prefix (files.plain_cells), else each once."""
    topic = Memo(lambda topic_id: csv_text(analysis.catalog.label(topic_id, analysis.lang)))
    class_id, priority, route, cadre = (Memo(csv_text) for _ in range(4))  # a memo a column: types stay apart
    seats = plan.assignments
    for start in range(0, len(seats), SEATS_CHUNK):
        ids, classes, topics, priorities, routes = seat_columns(seats[start:start + SEATS_CHUNK])
        rows = zip(ids if plain_cells(ids) else map(cadre.__getitem__, ids), map(class_id.__getitem__, classes),
                   map(topic.__getitem__, topics), map(priority.__getitem__, priorities),
                   map(route.__getitem__, routes), strict=True)
        yield "\r\n".join(map(",".join, rows)) + "\r\n", len(ids)


def write_assignments_csv(analysis: Analysis, plan: Plan, path: Path) -> int:
    return write_csv_text(path, ASSIGNMENTS_COLUMNS, assignment_lines(analysis, plan), analysis.inputs.paths)


def write_class_outputs(analysis: Analysis, plan: Plan, out_dir: Path, hand_out: HandOut | None = None) -> list[Path]:
    """class-rosters.xlsx (and the workbooks of sign-in sheets beside it), classes.csv, assignments.csv and
    plan.csv; hand_out: what a --split-by hand-out says beyond its plan (write_class_rosters)."""
    paths = [out_dir / "classes.csv", out_dir / "assignments.csv", out_dir / PLAN_CSV]
    rows = plan_rows(analysis, plan)
    books = write_class_rosters(analysis, plan, out_dir / CLASS_ROSTERS, rows, hand_out=hand_out)
    write_csv(paths[0], CLASSES_COLUMNS, classes_rows(analysis, plan), analysis.inputs.paths)
    write_assignments_csv(analysis, plan, paths[1])
    write_plan_csv(analysis, plan, paths[2], rows)
    return books + paths
