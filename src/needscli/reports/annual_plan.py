"""The annual training plan (年度培训计划): one row per class, as a sheet of class-rosters.xlsx and as plan.csv;
and what a plan achieves, for the summaries: how the needs are served (route by need source), the
obligations served, the budget, the hours left after the plan, and the [classes] limits it was made under.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import operator
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from needscli.labels import code_label, label
from needscli.models import NEED_SOURCES, ROUTES, UNASSIGNED, TrainingClass, unpriced
from needscli.planner.forming import FAMILY_JOINER, NO_FAMILY, families_named
from needscli.planner.model import UNMET, YEAR_MONTHS, NoClass
from needscli.planner.seats import seat_column, seat_runs
from needscli.reports.files import write_csv
from needscli.reports.xlsx import (
    A3,
    A4,
    MAX_LINES,
    Book,
    display_width,
    lines_height,
    print_setup,
    text_lines,
)

if TYPE_CHECKING:
    from xlsxwriter.worksheet import Worksheet

    from needscli.config import Config
    from needscli.core.analysis import Analysis
    from needscli.planner import Plan

PLAN_CSV = "plan.csv"
PLAN_COLUMNS = ["class_id", "name", "training_type", "band", "organizer", "host", "start_date", "end_date", "days",
                "hours", "target", "seats", "cost_per_seat", "total_cost", "quotas", "sent_up", "late"]
# the [classes] limits printed and stored with a plan, each with the words that show it
LIMIT_KEYS = ("min_size", "max_size", "max_per_cadre", "leader_max_callups", "max_days_away", "periods",
              "unit_away_share")
_LIMIT_WORDS = (("rosters.limits.size", ("min_size", "max_size")), ("rosters.limits.per_cadre", ("max_per_cadre",)),
                ("rosters.limits.callups", ("leader_max_callups",)), ("rosters.limits.days", ("max_days_away",)),
                ("rosters.limits.periods", ("periods",)), ("rosters.limits.share", ("unit_away_share",)))
NO_CLASS = "no-class"  # a need that asks for no class (the hours standard: see Plan.hours_left)
COVERAGE_KEYS = (*ROUTES, UNMET)
_CADRE, _TOPIC, _SOURCE = (operator.attrgetter(k) for k in ("cadre_id", "topic_id", "source"))
_UNIT, _LEVEL = operator.attrgetter("unit"), operator.attrgetter("level")


class Quota(NamedTuple):
    """A unit's seats in a class (调训名额)."""

    unit: str
    seats: int


@dataclass(frozen=True)
class PlanRow:
    """One class of the annual plan, its words in the output language (its type both as code and words); its quotas
    in words (市财政局 4；市应急管理局 3) and unit by unit (by_unit, in the same order)."""

    cls: TrainingClass
    type_words: str
    host_words: str
    target: str
    quotas: str
    sent_up: int
    by_unit: tuple[Quota, ...] = ()

    @property
    def total_cost(self) -> float:
        return self.cls.size * self.cls.cost_per_seat

    @property
    def costs(self) -> tuple[float | None, float | None]:
        """Its cost per seat and in all as the plan gives them: None where its host is to be fixed (unpriced)."""
        return (None, None) if unpriced(self.cls) else (self.cls.cost_per_seat, self.total_cost)

    @property
    def trainee_days(self) -> float:
        return self.cls.size * self.cls.days


def limits_of(plan: Plan) -> dict[str, Any]:
    """The limits the plan was made under (Plan.settings), those it holds of LIMIT_KEYS, in that order."""
    return {key: plan.settings[key] for key in LIMIT_KEYS if key in plan.settings}


def limits_text(plan: Plan, lang: str) -> str:
    """The limits on one line: '编班参数：班额 15–50 人；每人最多 2 个班次；...'."""
    limits = limits_of(plan)
    parts = []
    for key, names in _LIMIT_WORDS:
        if all(name in limits for name in names):
            words, more = _over_the_plan(key, limits)
            parts.append(label(words, lang, **{name: limits[name] for name in names}, **more))
    colon = "：" if lang == "zh" else ": "
    return label("rosters.limits.lead", lang) + colon + label("rosters.plan.joiner", lang).join(parts)


def _over_the_plan(key: str, limits: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The label of a limit, and what it says besides its own settings: a leader's call-ups are counted over the whole plan, a
    year where it is one, and said so where it is longer (领导干部在计划的 24 个月内调训最多 2 次)."""
    if key == "rosters.limits.callups" and limits.get("periods", YEAR_MONTHS) > YEAR_MONTHS:
        return "rosters.limits.callups_plan", {"periods": limits["periods"]}
    return key, {}


def sent_up_by_class(plan: Plan) -> Counter[str]:
    """Class id -> members sent up to it from the organizer below (上级调训)."""
    return Counter(cls for cls, _ in sent_up_members(plan))


def sent_up_members(plan: Plan) -> set[tuple[str, str]]:
    """(class id, cadre id) of every member sent up to a class from the organizer below."""
    seats = plan.assignments  # millions: the few sent up picked out by their runs, not seat by seat
    return {(class_id, cadre) for start, class_id, route, n in seat_runs(seats) if route == SENT_UP
            for cadre in seat_column(seats[start:start + n], "cadre_id")}


SENT_UP = "sent-up"


def plan_rows(analysis: Analysis, plan: Plan) -> list[PlanRow]:
    """The classes in plan order, each with its target group, quotas by unit and members sent up."""
    lang = analysis.lang
    cadres = analysis.cadre_by_id
    units = {unit: i for i, unit in enumerate(dict.fromkeys(c.unit for c in analysis.cadres))}
    ladder = {lv.name: i for i, lv in enumerate(analysis.config.levels)}
    level_words = {lv.name: (lv.english or lv.name) if lang == "en" else lv.name for lv in analysis.config.levels}
    joiner, list_joiner = label("rosters.plan.joiner", lang), label("list_joiner", lang)
    sent_up = sent_up_by_class(plan)
    rows = []
    for cls in plan.classes:
        members = list(filter(None, map(cadres.get, cls.members)))
        counts = Counter(map(_UNIT, members))
        # every member's unit is a roster unit: ordered by its place among them (one int each, all apart)
        by_unit = tuple(Quota(unit, counts[unit]) for unit in sorted(counts, key=units.__getitem__))
        quotas = joiner.join(f"{unit} {seats}" for unit, seats in by_unit)
        levels = sorted(set(map(_LEVEL, members)), key=lambda lv: (ladder.get(lv, len(ladder)), lv))
        target = joiner.join(part for part in (
            code_label("band", cls.band, lang) if cls.band else "", families_words(cls.job_family, lang, analysis.config),
            list_joiner.join(level_words.get(lv, lv) for lv in levels)) if part)
        rows.append(PlanRow(cls, code_label("training_type", cls.training_type, lang), host_words(cls.resource, lang),
                            target, quotas, sent_up.get(cls.id, 0), by_unit))
    return rows


def host_words(resource: str, lang: str) -> str:
    """A class's host (承办单位) as the plan, its sign-in sheet and its hand-outs name it: the resource, 待定 where it is
    to be fixed (UNASSIGNED)."""
    return code_label("resource_kind", resource, lang) if resource == UNASSIGNED else resource


def families_words(job_family: str, lang: str, config: Config) -> str:
    """A class's job families as its target group and the Overview name them: those of its members who have one
    (the words for members without one, 未填职位类别, are a gap in the roster's data, no group a plan calls up), in
    English by their English names (families_named)."""
    joiner, blank = FAMILY_JOINER[lang == "en"], NO_FAMILY[lang == "en"]
    return families_named(joiner.join(f for f in job_family.split(joiner) if f != blank), lang, config)


def plan_totals(rows: Sequence[PlanRow]) -> dict[str, float]:
    """Classes, seats, trainee-days (days x seats), the budget (the sum of the classes' total costs, of those with
    a host) and the classes whose host, and so cost, is to be fixed."""
    return {"classes": len(rows), "seats": sum(r.cls.size for r in rows),
            "trainee_days": round(sum(r.trainee_days for r in rows), 2),
            "budget": round(sum(r.total_cost for r in rows), 2),
            "unpriced": sum(unpriced(r.cls) for r in rows)}


def _csv_rows(rows: Sequence[PlanRow]) -> Iterator[list[object]]:
    for r in rows:
        c = r.cls
        yield [c.id, c.name, c.training_type, c.band, c.organizer, c.resource,
               c.start_date.isoformat() if c.start_date else "", c.end_date.isoformat() if c.end_date else "",
               c.days, c.hours, r.target, c.size, *r.costs, r.quotas, r.sent_up, c.late]


def write_plan_csv(analysis: Analysis, plan: Plan, path: Path, rows: Sequence[PlanRow] | None = None) -> None:
    """plan.csv: one row per class (UTF-8 with BOM, like every CSV); the training type as its code."""
    write_csv(path, PLAN_COLUMNS, _csv_rows(plan_rows(analysis, plan) if rows is None else rows),
              analysis.inputs.paths)


_SHEET_KEYS = ("rosters.class_id", "rosters.class_name", "rosters.type", "rosters.plan.col.band",
               "rosters.plan.col.organizer", "rosters.plan.col.host", "rosters.plan.col.start", "rosters.plan.col.end",
               "rosters.plan.col.days", "rosters.plan.col.hours", "rosters.plan.col.target", "rosters.plan.col.seats",
               "rosters.plan.col.cost_per_seat", "rosters.plan.col.total_cost", "rosters.plan.col.quotas",
               "rosters.plan.col.sent_up", "rosters.plan.col.late")
# money (费用 per seat and in all, the budget below) as "amount": thousands apart, as the gap report writes its sums
_SHEET_KINDS = ("text", "wrap", "text", "text", "text", "text", "date", "date", "number", "number", "wrap", "int",
                "amount", "amount", "wrap", "int", "int")
# the totals below the plan: what each is called; in a unit's hand-out, the unit's share
_TOTAL_KEYS = {"classes": "rosters.plan.total.classes", "seats": "rosters.plan.total.seats",
               "trainee_days": "rosters.plan.total.trainee_days", "budget": "rosters.plan.total.budget"}
_UNIT_TOTAL_KEYS = {"seats": "rosters.plan.total.own_seats", "trainee_days": "rosters.plan.total.own_trainee_days",
                    "budget": "rosters.plan.total.own_budget"}
_WRAP_MOST = {1: 40, 10: 36, 14: 40}  # the widest a wrapped column grows: class name, target group, quotas
PLAN_HEADER_ROW = 2  # 0-based: the title, the limits, then the header


def office_title(analysis: Analysis, title: str) -> str:
    """A title with the office that made the plan before it ([report] office), as it stands where none is set."""
    office = analysis.config.report.office.strip()
    return label("rosters.office_title", analysis.lang, office=office, title=title) if office else title


def plan_sheet(book: Book, analysis: Analysis, plan: Plan, rows: Sequence[PlanRow] | None = None,
               whole: Mapping[str, int] | None = None) -> Worksheet:
    """The annual plan: a title, the limits the plan was made under, one row per class, then the totals.

    whole: class id -> the whole class's members, for a unit's hand-out whose plan holds only the unit's members of
    each class: its seats, costs and totals are then the unit's, and say so (_unit_share)."""
    lang = analysis.lang
    rows = plan_rows(analysis, plan) if rows is None else rows
    keys, kinds, wrap_most, total_keys = list(_SHEET_KEYS), list(_SHEET_KINDS), dict(_WRAP_MOST), dict(_TOTAL_KEYS)
    bodies = analysis.config.classes.organizer_body
    # the body that runs a class (市委组织部), not the level that manages its cadres; a class whose host is to be
    # fixed has no cost yet: blank, not 0
    values = [[r.cls.id, r.cls.name, r.type_words, code_label("band", r.cls.band, lang), bodies(r.cls.organizer),
               r.host_words, r.cls.start_date, r.cls.end_date, r.cls.days, r.cls.hours, r.target, r.cls.size,
               *r.costs, r.quotas, r.sent_up, r.cls.late] for r in rows]
    if whole is not None:
        wrap_most = _unit_share(keys, kinds, values, [r.cls for r in rows], whole)
        total_keys |= _UNIT_TOTAL_KEYS
    headers = [label(k, lang) for k in keys]
    widths = fitted_widths(headers, values, wrap_most)
    # the quota sheet past limits.detail_rows rows (a province's: 240,000) is left to plan.csv and plan.parquet,
    # which hold each class's quotas whole: a row names them instead of the sheet
    listed = sum(len(r.by_unit) for r in rows) <= analysis.config.limits.detail_rows
    cut = _shorten_quotas(values, rows, keys.index("rosters.plan.col.quotas"), widths, lang, listed)
    first, last = plan.period_label(1), plan.period_label(plan.periods)
    # a plan of other than twelve months is no annual plan (年度培训计划): its months are its title
    title = "rosters.plan.title" if plan.periods == YEAR_MONTHS else "rosters.plan.title_months"
    preamble = [(office_title(analysis, label(title, lang, first=first, last=last, months=plan.periods)), "title"),
                (limits_text(plan, lang), "subtitle")]
    # written cell by cell (an iterator, no size): the totals go below the rows, which a streamed table forbids
    # a plan of 17 columns is printed on A3, as offices print their annual plans
    written = book.table(label("rosters.plan.sheet", lang), headers, iter(values), kinds, widths,
                         first_row=PLAN_HEADER_ROW, preamble=preamble, paper=A3, boxed=True)
    fit_row_heights(written, PLAN_HEADER_ROW + 1, values, {c: widths[c] for c in wrap_most})
    ws, count = written[-1]
    totals = plan_totals(rows)
    row = PLAN_HEADER_ROW + 1 + count + 1
    for key, kind in (("classes", "int"), ("seats", "int"), ("trainee_days", "number"), ("budget", "amount")):
        words = total_keys[key]
        ws.merge_range(row, 0, row, 1, "", book.fmt["bold"])
        book.write_text(ws, row, 0, label(words, lang), book.fmt["bold"])
        unknown = key == "budget" and totals["unpriced"] == totals["classes"] > 0  # no class costed: not 0
        book.write(ws, row, 2, None if unknown else totals[key], kind)
        row += 1
    if totals["unpriced"]:  # the budget leaves them out: say so beside it
        words = "rosters.plan.total.none_priced" if totals["unpriced"] == totals["classes"] else "rosters.plan.total.unpriced"
        book.write_text(ws, row - 1, 3, label(words, lang, n=int(totals["unpriced"])))
    if not rows:  # a plan of no class says where the reason is, not 合计：班次 0 alone
        book.write_text(ws, row + 1, 0, label("rosters.plan.none", lang, overview=label("rosters.overview", lang),
                                              groups=label("rosters.no_class.sheet", lang)), book.fmt["bold"])
    if cut and listed:
        quota_sheet(book, analysis, rows)
    return ws


def _shorten_quotas(values: list[list[Any]], rows: Sequence[PlanRow], column: int, widths: Sequence[int],
                    lang: str, listed: bool = True) -> bool:
    """Each class's quotas in the plan (values' column, changed in place) as its row can show them: whole where they
    fit in MAX_LINES, else the first units and how many there are, pointing to the quota sheet (shown_quotas; listed
    False: to the plan's files, the sheet being past limits.detail_rows). Returns whether any was shortened."""
    cut = False
    for value, row in zip(values, rows, strict=True):
        shown = shown_quotas(row, widths[column], lang, listed)
        if shown is not row.quotas:
            value[column], cut = shown, True
    return cut


def shown_quotas(row: PlanRow, width: int, lang: str, listed: bool = True) -> str:
    """A class's quotas as its plan row shows them in a column of width: the whole list where it takes MAX_LINES
    lines at most (the row grows to hold them); else its first units, as many as those lines hold with how many
    units it draws from and where the others' quotas are (等 50 个单位（其余 37 个单位的名额见「调训名额」
    工作表）): a class drawing from 50 units needs 40 lines, more than a row of Excel's (409 points) holds."""
    room = (width - 1) * MAX_LINES  # what the lines hold, but the spaces a line may end with
    # a text of twice that takes more lines (a line holds its room and the spaces it ends with): not counted (a
    # province's classes, most of them)
    if len(row.by_unit) < 2 or display_width(row.quotas) <= 2 * room and text_lines(row.quotas, width) <= MAX_LINES:
        return row.quotas
    joiner, sheet = label("rosters.plan.joiner", lang), label("rosters.quotas.sheet", lang)
    parts = [f"{unit} {seats}" for unit, seats in row.by_unit]

    def listing(first: int) -> str:
        return label("rosters.quotas.more" if listed else "rosters.quotas.more_files", lang,
                     listed=joiner.join(parts[:first]), units=len(parts), more=len(parts) - first, sheet=sheet)

    # the most first units whose words the lines could hold, then fewer while text_lines counts more lines (a line
    # ends short of its room before a word or a number): a few counts of a row's lines, not one per unit
    gap = display_width(joiner)
    ends = list(itertools.accumulate(display_width(part) + gap for part in parts))
    first = max(1, bisect.bisect_right(ends, room + gap - display_width(listing(0))))
    first = min(first, len(parts) - 1)
    while first > 1 and text_lines(listing(first), width) > MAX_LINES:
        first -= 1
    return listing(first)


_QUOTA_KEYS = ("rosters.class_id", "rosters.class_name", "rosters.unit", "rosters.quotas.col.seats")
_QUOTA_KINDS = ("text", "wrap", "wrap", "int")
_QUOTA_WRAP = {1: 60, 2: 40}  # class name (on one line, as a rule, in a page upright), unit
QUOTA_HEADER_ROW = 1  # 0-based: the title, then the header


def quota_sheet(book: Book, analysis: Analysis, rows: Sequence[PlanRow]) -> list[tuple[Worksheet, int]]:
    """调训名额: a row per class and unit (班次编号, 班次名称, 单位, 名额), the classes in plan order, each one's units
    as its plan row lists them; written where a plan row cannot show all its quotas (shown_quotas), so each unit's
    seats can be read, filtered by unit and printed (A4 upright, the header on every page, its lines printed).
    Returns Book.table's (sheet, rows) for each sheet written."""
    lang = analysis.lang
    headers = [label(k, lang) for k in _QUOTA_KEYS]
    values = [[r.cls.id, r.cls.name, unit, seats] for r in rows for unit, seats in r.by_unit]
    # widths from each class and unit once (a province's plan has some 240,000 rows of them)
    names = {r.cls.id: r.cls.name for r in rows}
    widest = [[class_id, name, "", 0] for class_id, name in names.items()]
    widest += [["", "", unit, 0] for unit in {unit for r in rows for unit, _ in r.by_unit}]
    widest.append(["", "", "", max((seats for r in rows for _, seats in r.by_unit), default=0)])
    widths = fitted_widths(headers, widest, _QUOTA_WRAP)
    title = office_title(analysis, label("rosters.quotas.title", lang, plan=label("rosters.plan.sheet", lang)))
    written = book.table(label("rosters.quotas.sheet", lang), headers, values, list(_QUOTA_KINDS), widths,
                         first_row=QUOTA_HEADER_ROW, preamble=[(title, "title")])
    for ws, _ in written:
        print_setup(ws, landscape=False, header_row=QUOTA_HEADER_ROW, paper=A4)
        ws.hide_gridlines(0)  # printed with its lines: a long list read across by ruler
    return written


def _unit_share(keys: list[str], kinds: list[str], values: list[list[Any]], classes: Sequence[TrainingClass],
                whole: Mapping[str, int]) -> dict[int, int]:
    """A unit's hand-out's plan columns (keys, kinds and values changed in place): its seats headed 本单位参训人数,
    the whole class's beside them (全班人数), as its Overview separates them, and the cost of its seats headed as
    the unit's (本单位费用合计), not taken for the class's. Returns the wrapped columns (_WRAP_MOST) where they now
    stand."""
    seats = keys.index("rosters.plan.col.seats")
    keys[seats] = "rosters.plan.col.own_seats"
    keys[keys.index("rosters.plan.col.total_cost")] = "rosters.plan.col.own_cost"
    keys.insert(seats + 1, "rosters.hand_out.whole_size")
    kinds.insert(seats + 1, "int")
    for row, cls in zip(values, classes, strict=True):
        row.insert(seats + 1, whole.get(cls.id, cls.size))
    return {c + (c > seats): most for c, most in _WRAP_MOST.items()}


def fitted_widths(headers: Sequence[str], values: Sequence[Sequence[object]], wrap_most: dict[int, int]) -> list[int]:
    """Each column as wide as its header and its widest value, so nothing is cut off; a wrapped column
    (wrap_most: column -> its most) no wider than its most, nor narrower than its header."""
    widths = []
    for c, header in enumerate(headers):
        widest = max((display_width(_text(v[c])) for v in values), default=0)
        width = max(display_width(header), widest) + 2
        if c in wrap_most:
            width = max(display_width(header) + 2, min(width, wrap_most[c]))
        widths.append(max(width, 6))
    return widths


def fit_row_heights(written: Sequence[tuple[Worksheet, int]], first: int, values: Sequence[Sequence[object]],
                    wrapped: dict[int, int]) -> None:
    """Each data row as tall as its wrapped columns (column -> width) need, so no line is hidden.

    Each cell's lines are counted as text_lines() breaks them, and a row is as tall as its tallest cell's lines
    (row_height): a line more is better than a line cut off.
    written: Book.table's (sheet, rows) for each sheet the rows went to; first: the 0-based first data row.
    """
    rows = iter(values)
    for ws, count in written:
        for r in range(first, first + count):
            row = next(rows)
            texts = [(_text(row[c]), width) for c, width in wrapped.items()]
            lines = [text_lines(text, width) for text, width in texts]  # each text counted once (a class's quotas)
            if any(n > 1 for n in lines):
                ws.set_row(r, max(lines_height(text, n) for (text, _), n in zip(texts, lines, strict=True)))


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.2f}" if not value.is_integer() else f"{value:,.0f}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


# what a plan achieves: the summaries' figures


def route_counts(plan: Plan) -> dict[str, int]:
    """Needs served by each route (Plan.assignments), and the needs left unmet."""
    counts: Counter[str] = Counter()
    for _, _, route, n in seat_runs(plan.assignments):
        counts[route] += n
    return {**{route: counts.get(route, 0) for route in ROUTES}, UNMET: len(plan.unmet)}


def need_routes(analysis: Analysis, plan: Plan) -> list[str]:
    """Each need's way (analysis.needs order): its route, "unmet", or "no-class" where it asks for no class.

    Looked up by cadre, then topic: a key per need (a tuple each) was about 100 MB at 100,000 cadres."""
    routes: dict[str, dict[str, str]] = {}
    seats = plan.assignments
    for cadre, topic, route in zip(seat_column(seats, "cadre_id"), seat_column(seats, "topic_id"),
                                   seat_column(seats, "route"), strict=True):
        mine = routes.get(cadre)
        if mine is None:
            mine = routes[cadre] = {}
        mine[topic] = route
    for cadre, topic in zip(map(_CADRE, plan.unmet), map(_TOPIC, plan.unmet), strict=True):
        routes.setdefault(cadre, {}).setdefault(topic, UNMET)
    none: dict[str, str] = {}
    return [routes.get(cadre, none).get(topic, NO_CLASS)
            for cadre, topic in zip(map(_CADRE, analysis.needs), map(_TOPIC, analysis.needs), strict=True)]


def coverage(analysis: Analysis, plan: Plan) -> dict[str, Any]:
    """How the needs that ask for a class are served, by need source and overall: counts by route (and
    unmet) and their shares, which add up to 1 where there are needs; a need asking for no class (the
    hours standard, see hours_after) is counted apart as no_class."""
    ways = _need_ways(analysis, plan)

    def entry(sources: Sequence[str]) -> dict[str, Any]:
        counts = {key: sum(ways.get((s, key), 0) for s in sources) for key in COVERAGE_KEYS}
        asked = sum(counts.values())
        return {"needs": asked, "counts": counts,
                "shares": {key: round(n / asked, 4) for key, n in counts.items()} if asked else None,
                "no_class": sum(ways.get((s, NO_CLASS), 0) for s in sources)}

    return {"by_source": {source: entry([source]) for source in NEED_SOURCES}, "overall": entry(NEED_SOURCES)}


def _need_ways(analysis: Analysis, plan: Plan) -> Counter[tuple[str, str]]:
    """The needs by (source, way): their route, UNMET or NO_CLASS. From what forming counted (Plan.ways) where the
    plan was formed from these needs and still has the seats and the list of unmet needs it counted, as many of each;
    else need by need."""
    known = plan.ways
    if known is not None and known.needs is analysis.needs and known.seats is plan.assignments \
            and known.unmet is plan.unmet:
        counts = known.counts
        unmet = sum(n for (_, way), n in counts.items() if way == UNMET)
        if unmet == len(plan.unmet) and sum(counts.values()) - unmet == len(plan.assignments):
            ways = Counter(counts)
            for source, n in analysis.need_tally().by_source.items():  # counted once (the summary's too)
                ways[source, NO_CLASS] = n - sum(counts.get((source, way), 0) for way in COVERAGE_KEYS)
            if min(ways.values(), default=0) >= 0:  # else counts not of these needs: worked out need by need
                return +ways  # none of a way no need took
    return Counter(zip(map(_SOURCE, analysis.needs), need_routes(analysis, plan), strict=True))


def share_words(share: float) -> str:
    """A share as a whole percent; one below half a percent that is not nothing as <1%."""
    return "<1%" if 0 < share < 0.005 else f"{share:.0%}"


def served_share(entry: dict[str, Any]) -> dict[str, Any]:
    """Of a coverage entry (coverage), the needs served by any route, those that asked, and the share."""
    served = sum(entry["counts"][route] for route in ROUTES)
    asked = entry["needs"]
    return {"served": served, "asked": asked, "share": round(served / asked, 4) if asked else None}


def hours_after(plan: Plan) -> dict[str, Any]:
    """The hours standard after the plan: cadres short, those the plan covers, those left short and by how much."""
    advice = Counter(h.advice for h in plan.hours_left)
    short = [h for h in plan.hours_left if h.left > 0]
    return {"cadres": len(plan.hours_left), "covered": len(plan.hours_left) - len(short), "short": len(short),
            "hours_left": round(sum(h.left for h in short), 2), "advice": dict(sorted(advice.items()))}


def plan_summary(analysis: Analysis, plan: Plan) -> dict[str, Any]:
    """The plan's part of the JSON summary (and of the terminal's): counts, routes, coverage, budget, hours, limits."""
    cover = coverage(analysis, plan)
    rows = plan.classes
    return {
        "count": len(rows),
        "seats": sum(c.size for c in rows),
        "needs_served": len(plan.assignments),
        "unmet": len(plan.unmet),
        "periods": plan.periods,
        "start": plan.start.isoformat(),
        "routes": route_counts(plan),
        "coverage": cover,
        "obligations_served": served_share(cover["by_source"]["obligation"]),
        "budget": round(sum(c.size * c.cost_per_seat for c in rows), 2),
        "unpriced_classes": sum(map(unpriced, rows)),  # host to be fixed: not in the budget
        "trainee_days": round(sum(c.size * c.days for c in rows), 2),
        "hours_after_plan": hours_after(plan),
        "limits": limits_of(plan),
        # analyze --keep-classes: the classes of the earlier plan kept as announced, and those given that it does not
        # hold (no member needs them now, or after its months)
        "kept": {"classes": len(plan.kept), "ids": plan.kept, "not_kept": plan.not_kept,
                 "members_left": sum(p.code == "kept-class-member-left" for p in plan.problems)},
        # the groups too small for a class: how they were served, and the minimum class size that would form it
        "no_class": [{"topic_id": g.topic_id, "training_type": g.training_type, "organizer": g.organizer,
                      "band": g.band, "cadres": g.cadres, "route": g.route, "min_size": g.min_size,
                      "unit_share": g.unit_share}
                     for g in plan.no_class],
    }


def no_class_lines(analysis: Analysis, plan: Plan, lang: str, limit: int = 10, sheet: bool = True) -> list[str]:
    """The groups too small for a class, in words: which class, how many, how served, what min_size forms it.
    sheet: class-rosters.xlsx was written, and its sheet of them (no_class_sheet) holds the ones past limit."""
    lines = []
    for g in plan.no_class[:limit]:
        lines.append(label("cli.no_class" if g.unit_share is None else "cli.no_class_share", lang, who=_who(g, lang),
                           topic=_group_topic(analysis, g, lang), cadres=g.cadres,
                           route=code_label("route", g.route, lang), min_size=g.min_size, share=g.unit_share))
    if len(plan.no_class) > limit:
        lines.append(label("cli.no_class_more" if sheet else "cli.no_class_more_json", lang,
                           n=len(plan.no_class) - limit, sheet=label("rosters.no_class.sheet", lang)))
    return lines


def _who(group: NoClass, lang: str) -> str:
    """The organizer of a group too small for a class, and its band where graded: 市委管理，处级 (as its topic follows
    it: 数字政府与数字化能力（市委管理，处级）, not 市委管理处级数字政府…)."""
    organizer = group.organizer or label("cli.no_class_tbd", lang)
    return label("cli.no_class_who", lang, organizer=organizer, band=_band(group, lang)) if group.band else organizer


def group_words(analysis: Analysis, group: NoClass, lang: str) -> str:
    """A group too small for a class, as the terminal lists it: 乡科级任职培训（县委管理）."""
    return label("cli.no_class_group", lang, topic=_group_topic(analysis, group, lang), who=_who(group, lang))


def _organizer(group: NoClass, lang: str) -> str:
    """The organizer of a group too small for a class; where its cadres' level gave none, 待定 (as a class's)."""
    return group.organizer or label("rosters.sign.tbd", lang)


def _band(group: NoClass, lang: str) -> str:
    """The grading band of a group too small for a class, in words ("" where its class is not graded)."""
    return code_label("band", group.band, lang) if group.band else ""


def _group_topic(analysis: Analysis, group: NoClass, lang: str) -> str:
    """The class a group too small for one would have formed, in words."""
    if group.topic_id == analysis.config.classes.core_class_topic:
        return label("rosters.theory_class", lang)
    return analysis.catalog.label(group.topic_id, lang)


_NO_CLASS_KEYS = ("rosters.plan.col.organizer", "rosters.plan.col.band", "rosters.type", "rosters.topic",
                  "rosters.no_class.col.cadres", "rosters.no_class.col.route", "rosters.no_class.col.min_size",
                  "rosters.no_class.col.unit_share")
_NO_CLASS_KINDS = ("text", "text", "text", "wrap", "int", "text", "int", "share")
_NO_CLASS_WRAP = {3: 40}  # the topic wraps past this width


def no_class_sheet(book: Book, analysis: Analysis, plan: Plan) -> Worksheet | None:
    """未成班: every group too small for a class of its own (Plan.no_class, largest first), how its needs were
    served and the minimum class size at which it would form one; a title and a line on what to do above. None
    (no sheet) where every group formed its classes."""
    if not plan.no_class:
        return None
    lang = analysis.lang
    headers = [label(k, lang) for k in _NO_CLASS_KEYS]
    values = [[_organizer(g, lang), _band(g, lang),
               code_label("training_type", g.training_type, lang), _group_topic(analysis, g, lang), g.cadres,
               code_label("route", g.route, lang), g.min_size, g.unit_share] for g in plan.no_class]
    widths = fitted_widths(headers, values, _NO_CLASS_WRAP)
    # a cadre is in a group for each topic it asked for: the groups' cadres add up to needs (人次), not people
    title = label("rosters.no_class.title", lang, groups=len(values), needs=sum(g.cadres for g in plan.no_class))
    written = book.table(label("rosters.no_class.sheet", lang), headers, iter(values), list(_NO_CLASS_KINDS), widths,
                         first_row=PLAN_HEADER_ROW, preamble=[(title, "title")], boxed=True)
    fit_row_heights(written, PLAN_HEADER_ROW + 1, values, {c: widths[c] for c in _NO_CLASS_WRAP})
    ws = written[0][0]
    # what the groups are and what forms their classes: over the table's width, wrapped (printed, not cut off)
    if "lead" not in book.fmt:
        book.fmt["lead"] = book.wb.add_format({"italic": True, "font_color": "#555555", "text_wrap": True,
                                               "valign": "top"})
    share = plan.settings.get("unit_away_share")
    lead = label("rosters.no_class.lead", lang, min_size=plan.settings.get("min_size", ""),
                 unmet=label("sheet.unmet", lang), share=f"{share:.0%}" if isinstance(share, float) else "")
    book.line_across(ws, 1, lead, widths, book.fmt["lead"])
    return ws
