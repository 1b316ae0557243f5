"""gap-report.xlsx: Summary, Obligations, Overdue by unit, Needs, Compliance, Units, By level, By training type,
Topic ranking, Unit ranking, Unmet and Hours after the plan (with a plan), Unmatched, Topic mapping, Problems. The
summaries (Overdue by unit, Units, By level, By training type, the rankings) are kept at every size; a detail sheet
(Needs, Obligations, Compliance, Unmet, Hours after the plan) longer than limits.detail_rows is left out, and the
Unit ranking keeps each unit's first topics, as many ranks as fit: the Summary names the files of the run that hold
them in full, or says that none does and which --formats would write one."""

from __future__ import annotations

import datetime as dt
import itertools
import operator
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from needscli.cache import Memo
from needscli.core.obligations import OBLIGATION_KINDS, Obligation
from needscli.labels import code_label, handling, label, reason_texts
from needscli.models import NEED_SOURCES
from needscli.reports.annual_plan import coverage, hours_after, served_share, share_words
from needscli.reports.breakdowns import (
    HOURS_STANDING,
    NO_CLASS,
    OPEN_STATUSES,
    TYPE_WAYS,
    Breakdown,
    count_breakdown,
    type_ways,
)
from needscli.reports.files import atomic_path
from needscli.reports.sheet_writer import CHUNK_ROWS, Columns
from needscli.reports.xlsx import (
    Book,
    display_width,
    empty_note,
    id_width,
    print_setup,
    topic_width,
    unit_width,
)

if TYPE_CHECKING:
    from needscli.core.analysis import Analysis, NeedTally
    from needscli.core.ranking import TopicRank
    from needscli.planner import Plan
    from needscli.reports.class_lookup import PlanView

TOP_TOPICS = 10
CHART_COLUMN = 6  # the Summary's charts, right of the obligations' status columns
NEEDS_CHUNK = CHUNK_ROWS  # needs turned into columns at a time: one streamed chunk each
_CADRE_ID, _TOPIC_ID, _REASONS = (operator.attrgetter(k) for k in ("cadre_id", "topic_id", "reasons"))
_SOURCE, _TYPE, _PRIORITY, _HOURS = (operator.attrgetter(k) for k in ("source", "training_type", "priority", "hours"))
_CADRE_FIELDS = [operator.attrgetter(k) for k in ("id", "name", "unit", "department", "post")]
_LEVEL = operator.attrgetter("level")
_DEADLINE, _STATUS = operator.attrgetter("deadline"), operator.attrgetter("status")
_KIND_STATUS = operator.attrgetter("kind", "status")
OBLIGATION_STATUSES = ("due", "overdue", "met", "unknown")  # the order the summaries count them in
_OPEN_ORDER = {"overdue": 0, "due": 1, "unknown": 2}  # the obligations sheet: what to chase first
_KIND_ORDER = {kind: i for i, kind in enumerate(OBLIGATION_KINDS)}
# the hours obligation's status -> the compliance sheet's status
_HOURS_STATUS = {"met": "met", "due": "deficit", "overdue": "overdue", "unknown": "unknown"}
# a detail sheet (one row per cadre, or per cadre and item) -> the outputs that hold it in full, each with its
# format (--formats), when the workbook leaves it out; in the order the workbook has them
DETAIL_FILES: dict[str, tuple[tuple[str, str], ...]] = {
    "sheet.obligations": (("parquet", "obligations.parquet"),),
    "sheet.needs": (("csv", "needs.csv"), ("parquet", "needs.parquet")),
    "sheet.compliance": (("parquet", "compliance.parquet"),),
    "sheet.unit_ranking": (("parquet", "unit_ranking.parquet"),),
    "sheet.unmet": (("parquet", "unmet.parquet"),),
    "sheet.hours_after": (("parquet", "hours_left.parquet"),),
}
# sheets shortened past the limit, not left out: the unit ranking keeps each unit's first ranks, the obligations
# the overdue ones (the violations to chase), each where they fit
TRIMMED = frozenset({"sheet.unit_ranking", "sheet.obligations"})
EVERY_FORMAT = frozenset({"xlsx", "csv", "parquet"})


class LeftOut(NamedTuple):
    """A detail sheet not written whole: its catalog key, its number of rows, the files of the run holding it in
    full (none where the run writes none of them), and top: for the unit ranking, the ranks each unit keeps in
    the workbook (1 to top); for the obligations, the overdue ones it keeps; 0 where the sheet is left out."""

    key: str
    rows: int
    files: tuple[str, ...]
    top: int = 0

    def as_dict(self) -> dict[str, object]:
        """For the JSON summary: the sheet by its key's name (needs, compliance ...), its rows, the files, and the
        ranks the workbook keeps of it (0: none)."""
        return {"sheet": self.key.removeprefix("sheet."), "rows": self.rows, "files": list(self.files),
                "top": self.top}


def left_out_sheets(analysis: Analysis, plan: Plan | None = None,
                    formats: frozenset[str] = EVERY_FORMAT) -> list[LeftOut]:
    """The detail sheets gap-report.xlsx leaves out or trims, being longer than limits.detail_rows (their header
    row counted: a sheet kept has at most that many rows), with the files of these formats that hold them in
    full; none where the run writes no workbook (formats without xlsx)."""
    if "xlsx" not in formats:
        return []
    limit = analysis.config.limits.detail_rows
    rows = {"sheet.obligations": sum(map(_is_open, analysis.obligations)), "sheet.needs": len(analysis.needs),
            "sheet.compliance": len(analysis.compliance), "sheet.unit_ranking": len(analysis.unit_ranking),
            "sheet.unmet": len(plan.unmet) if plan is not None else 0,
            "sheet.hours_after": len(plan.hours_left) if plan is not None else 0}
    overdue = sum(o.status == "overdue" and _is_open(o) for o in analysis.obligations)
    kept = {"sheet.unit_ranking": lambda: ranks_within(analysis.unit_ranking, limit),
            "sheet.obligations": lambda: overdue if 0 < overdue < limit else 0}
    return [LeftOut(key, rows[key], tuple(name for kind, name in files if kind in formats),
                    kept[key]() if key in TRIMMED else 0)
            for key, files in DETAIL_FILES.items() if rows[key] + 1 > limit]


def ranks_within(ranks: Sequence[Any], limit: int) -> int:
    """The most ranks (1 to k) of every unit a ranking sheet can keep within limit rows, its header counted;
    0 where not even each unit's first topic fits."""
    counts = Counter(r.rank for r in ranks)
    kept, top = 1, 0
    for rank in sorted(counts):
        kept += counts[rank]
        if kept > limit:
            break
        top = rank
    return top


class LevelNames:
    """Level names for the output language."""

    def __init__(self, analysis: Analysis) -> None:
        self.en = analysis.lang == "en"
        self.names = {lv.name: lv.english or lv.name for lv in analysis.config.levels}

    def __call__(self, level: str) -> str:
        return self.names.get(level, level) if self.en else level


def compliance_status(deficit: float | None) -> str:
    if deficit is None:
        return "unknown"
    return "met" if deficit <= 0 else "deficit"


def write_gap_report(analysis: Analysis, path: Path, plan: PlanView | None = None, full_detail: bool = False,
                     formats: frozenset[str] = EVERY_FORMAT, part: str = "") -> None:
    """Write the whole workbook to a temp file, then move it into place. full_detail: every detail sheet
    whatever its length (a --split-by hand-out), not only those within limits.detail_rows. formats: those the
    run writes (--formats), for the files the Summary names as holding a sheet left out. part: whose hand-out
    it is (a unit's or organizer's words), said in the Summary's title; "" for the whole run's."""
    left_out = [] if full_detail else left_out_sheets(analysis, plan.plan if plan else None, formats | {"xlsx"})
    gone = {item.key for item in left_out if not item.top}
    top = {item.key: item.top for item in left_out if item.top}

    def detail(key: str, write: Callable[[], list[Any]]) -> list[Any]:
        return [] if key in gone else write()

    with atomic_path(path, analysis.inputs.paths) as tmp:
        book = Book(tmp, row_limit=analysis.config.limits.excel_max_rows)
        summary = book.add_sheet(label("sheet.summary", analysis.lang))
        continued: list[tuple[str, list[str]]] = []
        sheets = {
            "sheet.obligations": detail("sheet.obligations", lambda: _obligations_sheet(
                book, analysis, overdue_only="sheet.obligations" in top)),
            "sheet.overdue_units": _overdue_units_sheet(book, analysis),
            "sheet.needs": detail("sheet.needs", lambda: _needs_sheet(book, analysis, plan)),
            "sheet.compliance": detail("sheet.compliance", lambda: _compliance_sheet(book, analysis)),
            "sheet.units": _units_sheet(book, analysis),
            "sheet.levels": _levels_sheet(book, analysis),
            "sheet.types": _types_sheet(book, analysis, plan),
            "sheet.ranking": _ranking_sheet(book, analysis),
            "sheet.unit_ranking": detail("sheet.unit_ranking", lambda: _unit_ranking_sheet(
                book, analysis, top.get("sheet.unit_ranking", 0))),
        }
        if plan is not None:
            sheets["sheet.unmet"] = detail("sheet.unmet", lambda: plan.unmet_sheet(book, analysis))
            sheets["sheet.hours_after"] = detail("sheet.hours_after", lambda: plan.hours_sheet(book, analysis))
        sheets["sheet.unmatched"] = _unmatched_sheet(book, analysis)
        sheets["sheet.topic_mapping"] = _topic_mapping_sheet(book, analysis)
        if analysis.ledger_diffs:
            sheets["sheet.ledger"] = _ledger_sheet(book, analysis)
        sheets["sheet.problems"] = _problems_sheet(book, analysis)
        for key, written in sheets.items():
            if len(written) > 1:
                continued.append((label(key, analysis.lang), [ws.get_name() for ws, _ in written[1:]]))
        _summary(book, summary, analysis, continued, plan, left_out, part)
        book.close()


def _is_open(obligation: Obligation) -> bool:
    """An obligation the Obligations sheet lists: not met, and not online learning unreported."""
    return obligation.status != "met" and not (obligation.kind == "online" and obligation.status == "unknown")


def open_obligations(analysis: Analysis) -> list[Obligation]:
    """The obligations not met, in the order an office chases them: overdue, due, then unknown; within
    each by deadline (none last), cadre id and kind. Met ones are only counted, and so is online
    learning not reported (a roster often has no column for it: the Problems sheet names each blank
    cell of one that has)."""
    never = dt.date.max
    return sorted(filter(_is_open, analysis.obligations),
                  key=lambda o: (_OPEN_ORDER.get(o.status, 3), o.deadline or never, o.cadre_id,
                                 _KIND_ORDER.get(o.kind, len(_KIND_ORDER)), o.topic_id))


def _obligations_sheet(book: Book, analysis: Analysis, overdue_only: bool = False) -> list[Any]:
    """One row per obligation not met: whose, which, by when, how late, and what blank cell left it unknown;
    overdue_only: the overdue ones alone (they come first), where the whole sheet is past the detail limit."""
    lang, level = analysis.lang, LevelNames(analysis)
    cadres = analysis.cadre_by_id
    rows = open_obligations(analysis)
    if overdue_only:
        rows = rows[:sum(o.status == "overdue" for o in rows)]
    kind_word = Memo(lambda kind: code_label("obligation", kind, lang))
    status_word = Memo(lambda status: code_label("obligation_status", status, lang))
    topic_label = Memo(lambda topic_id: analysis.catalog.label(topic_id, lang) if topic_id else "")
    joiner = label("list_joiner", lang)
    missing_words = Memo(lambda fields: joiner.join(code_label("roster_field", f, lang) for f in fields))
    level_name = Memo(level)

    def columns() -> Iterator[list[Sequence[object]]]:
        for start in range(0, len(rows), NEEDS_CHUNK):
            chunk = rows[start:start + NEEDS_CHUNK]
            people = list(map(cadres.__getitem__, map(_CADRE_ID, chunk)))
            yield [
                *(list(map(get, people)) for get in _CADRE_FIELDS[:3]),
                list(map(level_name.__getitem__, map(_LEVEL, people))),
                [kind_word[o.kind] for o in chunk],
                list(map(topic_label.__getitem__, map(_TOPIC_ID, chunk))),
                list(map(status_word.__getitem__, map(_STATUS, chunk))),
                list(map(_DEADLINE, chunk)),
                [o.overdue_months or None for o in chunk],
                [missing_words[o.missing] for o in chunk],
            ]

    keys = ["col.cadre_id", "col.name", "col.unit", "col.level", "col.obligation", "col.topic", "col.status",
            "col.deadline", "col.overdue_months", "col.missing"]
    # the unit's column as wide as its longest name, a longer one wrapped; the others sized from their rows (0)
    kinds = ["text", "text", "wrap"] + ["text"] * 4 + ["date", "int", "text"]
    widths = [0, 0, unit_width(cadres[o.cadre_id].unit for o in rows)]
    return book.table(label("sheet.obligations", lang), [label(k, lang) for k in keys], Columns(columns()), kinds,
                      widths, size=len(rows))


def overdue_by_unit(analysis: Analysis) -> dict[str, dict[str, int]]:
    """Overdue obligations (violations) by unit and kind: the units with the most first, then by name."""
    cadres = analysis.cadre_by_id
    counts = Counter((cadres[o.cadre_id].unit, o.kind) for o in analysis.obligations if o.status == "overdue")
    totals: Counter[str] = Counter()
    for (unit, _), n in counts.items():
        totals[unit] += n
    return {unit: {kind: counts.get((unit, kind), 0) for kind in OBLIGATION_KINDS}
            for unit in sorted(totals, key=lambda u: (-totals[u], u))}


def _overdue_units_sheet(book: Book, analysis: Analysis) -> list[Any]:
    """Unit, kind, overdue obligations: one row for each kind a unit has overdue."""
    lang = analysis.lang
    overdue = analysis_figures(analysis).overdue_by_unit
    rows = [[unit, code_label("obligation", kind, lang), n] for unit, kinds in overdue.items()
            for kind, n in kinds.items() if n]
    keys = ["col.unit", "col.obligation", "col.overdue"]
    note = empty_note(rows, label("sheet.overdue_units_none", lang))
    return book.table(label("sheet.overdue_units", lang), [label(k, lang) for k in keys], rows,
                      ["wrap", "text", "int"], [unit_width(overdue)], first_row=len(note) and 2, preamble=note)


def _needs_sheet(book: Book, analysis: Analysis, plan: PlanView | None) -> list[Any]:
    lang, level = analysis.lang, LevelNames(analysis)
    cadres = analysis.cadre_by_id
    keys = ["col.cadre_id", "col.name", "col.unit", "col.department", "col.post", "col.level", "col.topic",
            "col.source", "col.all_sources", "col.training_type", "col.priority", "col.hours", "col.deadline",
            "col.status", "col.rule_id", "col.reason"] + (["col.class"] if plan else [])

    topic_label = Memo(lambda topic_id: analysis.catalog.label(topic_id, lang))
    type_word = Memo(lambda kind: code_label("training_type", kind, lang))
    source_word = Memo(lambda source: code_label("source", source, lang))
    status_word = Memo(lambda status: code_label("obligation_status", status, lang) if status else "")
    level_name = Memo(level)
    # each rule in words, not by its id (needs.csv keeps the ids); the same in a re-plan, which holds no rules
    texts = reason_texts(lang, ("、", "；" if lang == "zh" else "; ", " | "), worded_rules=True)
    class_of = plan.class_by_need if plan else None

    def columns() -> Iterator[list[Sequence[object]]]:
        """A chunk of needs at a time, a column at a time: every step a map over the chunk."""
        needs = analysis.needs
        for start in range(0, len(needs), NEEDS_CHUNK):
            chunk = needs[start:start + NEEDS_CHUNK]
            ids = list(map(_CADRE_ID, chunk))
            people = list(map(cadres.__getitem__, ids))
            topic_ids = list(map(_TOPIC_ID, chunk))
            sources, rule_ids, reasons = zip(*map(texts.__getitem__, map(tuple, map(_REASONS, chunk))), strict=True)
            cols: list[Sequence[object]] = [
                *(list(map(get, people)) for get in _CADRE_FIELDS),
                list(map(level_name.__getitem__, map(_LEVEL, people))),
                list(map(topic_label.__getitem__, topic_ids)),
                list(map(source_word.__getitem__, map(_SOURCE, chunk))),
                sources,
                list(map(type_word.__getitem__, map(_TYPE, chunk))),
                list(map(_PRIORITY, chunk)),
                list(map(_HOURS, chunk)),
                list(map(_DEADLINE, chunk)),  # an obligation's: by when, and due or overdue
                list(map(status_word.__getitem__, map(_STATUS, chunk))),
                rule_ids,
                reasons,
            ]
            if class_of is not None:
                cols.append(list(map(class_of.get, zip(ids, topic_ids, strict=True), itertools.repeat(""))))
            yield cols

    kinds = ["text", "text", "wrap"] + ["text"] * 3 + ["wrap"] + ["text"] * 3 + [
        "number", "number", "date", "text", "text", "wrap"] + (["text"] if plan else [])
    widths = [id_width(c.id for c in analysis.cadres), 10, unit_width(c.unit for c in analysis.cadres), 14, 16, 14,
              topic_width(analysis.catalog, lang), 12, 18, 16, 9, 8, 11, 9, 22, 70] + ([16] if plan else [])
    return book.table(label("sheet.needs", lang), [label(k, lang) for k in keys], Columns(columns()), kinds,
                      widths, size=len(analysis.needs))


def _compliance_sheet(book: Book, analysis: Analysis) -> list[Any]:
    lang, level = analysis.lang, LevelNames(analysis)
    cadres = analysis.cadre_by_id

    # Art. 14: days or hours; the standard in words, e.g. 每年12天或90学时 (in hours alone without a days figure)
    standard = Memo(lambda key: code_label("standard_days", key[0], lang, d=key[2], h=key[1]) if key[2] > 0
                    else code_label("standard", key[0], lang, h=key[1]))
    status = Memo(lambda code: code_label("status", code, lang))
    level_name = Memo(level)
    # the hours obligation holds the status (overdue past its deadline) and the deadline: one index, built once
    hours = {o.cadre_id: o for o in analysis.obligations if o.kind == "hours"}

    def columns() -> Iterator[list[Sequence[object]]]:
        """A chunk of cadres at a time, a column at a time (a province's roster is 100,000 rows)."""
        compliance = analysis.compliance
        for start in range(0, len(compliance), NEEDS_CHUNK):
            chunk = compliance[start:start + NEEDS_CHUNK]
            people = list(map(cadres.__getitem__, map(_CADRE_ID, chunk)))
            standings = [row.standing for row in chunk]
            deficits = [s.deficit for s in standings]  # a property: worked out once per row
            found = list(map(hours.get, map(_CADRE_ID, chunk)))
            yield [
                *(list(map(get, people)) for get in _CADRE_FIELDS[:3]),
                list(map(level_name.__getitem__, map(_LEVEL, people))),
                [standard[s.standard, s.required, s.days_required] for s in standings],
                [s.required for s in standings], [s.done for s in standings],
                [s.days_required or None for s in standings], [s.days for s in standings],
                deficits,
                [s.online_required or None for s in standings], [s.online for s in standings],
                [s.online_deficit for s in standings],
                [s.deadline if o is None or o.deadline is None else o.deadline
                 for s, o in zip(standings, found, strict=True)],
                [status[compliance_status(d) if o is None else _HOURS_STATUS.get(o.status, "unknown")]
                 for d, o in zip(deficits, found, strict=True)],
            ]

    keys = ["col.cadre_id", "col.name", "col.unit", "col.level", "col.standard", "col.required", "col.done",
            "col.days_required", "col.days_done", "col.deficit", "col.online_required", "col.online_done",
            "col.online_deficit", "col.deadline", "col.status"]
    kinds = ["text", "text", "wrap"] + ["text"] * 2 + ["number"] * 8 + ["date", "text"]
    widths = [0, 0, unit_width(cadres[row.cadre_id].unit for row in analysis.compliance)]
    return book.table(label("sheet.compliance", lang), [label(k, lang) for k in keys], Columns(columns()), kinds,
                      widths, size=len(analysis.compliance))


def _units_sheet(book: Book, analysis: Analysis) -> list[Any]:
    """Unit x topic: cadres needing each topic, with a colour scale."""
    lang = analysis.lang
    topics = [r.topic_id for r in analysis.ranking]
    units = list(dict.fromkeys(c.unit for c in analysis.cadres))
    needs = analysis.needs
    # a unit's needs of a topic are its cadres with a need of it (one need a topic per cadre), as the unit ranking
    # counts them from the same needs; counted here where it does not hold every need
    cells: dict[tuple[str, str], int] = {(r.unit, r.topic_id): r.cadres for r in analysis.unit_ranking}
    if sum(cells.values()) != len(needs) or "" in {unit for unit, _ in cells}:
        unit_of = {c.id: c.unit for c in analysis.cadres}
        cells = Counter(zip(map(unit_of.__getitem__, map(_CADRE_ID, needs)), map(_TOPIC_ID, needs), strict=True))
    headers = ([label("col.unit", lang)] + [analysis.catalog.label(tp, lang) for tp in topics]
               + [label("col.total", lang)])
    rows = [[u] + [cells.get((u, tp), 0) for tp in topics] + [sum(cells.get((u, tp), 0) for tp in topics)]
            for u in units]
    written = book.table(label("sheet.units", lang), headers, rows, ["wrap"] + ["int"] * (len(topics) + 1),
                         [unit_width(units)] + [14] * (len(topics) + 1))
    ws = written[0][0]
    if units and topics:
        ws.conditional_format(1, 1, len(units), len(topics), {
            "type": "3_color_scale", "min_color": "#FFFFFF", "mid_color": "#FFD966", "max_color": "#E06666"})
        ws.set_row(0, 80)  # topic names wrap over up to five lines
    return written


def _levels_sheet(book: Book, analysis: Analysis) -> list[Any]:
    """By level, highest first: cadres on the roster, with needs, their needs, their obligations due and overdue
    (in all, then by kind: each kind and status some level has), and the hours standard met, short or not reported."""
    lang, level_name = analysis.lang, LevelNames(analysis)
    levels = analysis_figures(analysis).breakdown.levels
    pairs = [(kind, status) for kind in OBLIGATION_KINDS for status in OPEN_STATUSES
             if any(lv.open.get((kind, status)) for lv in levels)]
    headers = [label(k, lang) for k in ("col.level", "col.roster_cadres", "col.with_needs", "col.needs",
                                        "col.obligations_due", "col.obligations_overdue")]
    headers += [label("col.kind_status", lang, kind=code_label("obligation", kind, lang),
                      status=code_label("obligation_status", status, lang)) for kind, status in pairs]
    headers += [label(k, lang) for k in ("col.hours_met", "col.hours_short", "col.hours_unknown")]
    rows = [[level_name(lv.level), lv.cadres, lv.with_needs, lv.needs,
             *(sum(n for (_, s), n in lv.open.items() if s == status) for status in OPEN_STATUSES),
             *(lv.open.get(pair, 0) for pair in pairs),
             *(lv.hours[standing] for standing in HOURS_STANDING)] for lv in levels]
    return book.table(label("sheet.levels", lang), headers, rows, ["text"] + ["int"] * (len(headers) - 1))


def _types_sheet(book: Book, analysis: Analysis, plan: PlanView | None) -> list[Any]:
    """By training type: its needs and the cadres who have any; with a plan, how it serves them: the needs seated
    by each route, those unmet, and those asking for no class (the hours top-ups of the Hours after the plan)."""
    lang = analysis.lang
    types = analysis_figures(analysis).breakdown.types
    headers = [label(k, lang) for k in ("col.training_type", "col.needs", "col.with_needs")]
    rows: list[list[object]] = [[code_label("training_type", t.training_type, lang), t.needs, t.cadres] for t in types]
    if plan is not None:
        ways = type_ways(analysis, plan.plan, types)
        headers += [code_label("route", way, lang) if way != NO_CLASS else label("col.no_class_needs", lang)
                    for way in TYPE_WAYS]
        for row, t in zip(rows, types, strict=True):
            row += [ways[t.training_type, way] for way in TYPE_WAYS]
    return book.table(label("sheet.types", lang), headers, rows, ["text"] + ["int"] * (len(headers) - 1))


def _ranking_rows(analysis: Analysis, ranks: list[Any], with_unit: bool) -> Iterator[Sequence[object]]:
    topic_label = Memo(lambda topic_id: analysis.catalog.label(topic_id, analysis.lang))
    for r in ranks:
        row: list[object] = [r.unit] if with_unit else []
        row += [r.rank, topic_label[r.topic_id], r.cadres, r.demand, round(r.mean_priority, 2)]
        row += [r.by_source.get(s, 0) for s in NEED_SOURCES]
        row += [r.respondents, r.mwds, r.rank_mwds]
        yield row


def _ranking_headers(analysis: Analysis, with_unit: bool) -> list[str]:
    lang = analysis.lang
    head = ["col.unit"] if with_unit else []
    figures = [label(k, lang) for k in (*head, "col.rank", "col.topic", "col.cadres", "col.demand",
                                        "col.mean_priority")]
    ratings = [label(k, lang) for k in ("col.respondents", "col.mwds", "col.rank_mwds")]
    return figures + [code_label("source", s, lang) for s in NEED_SOURCES] + ratings


def _ranking_kinds(with_unit: bool) -> list[str]:
    """The rankings' cadres, demand, needs by source and respondents thousands apart, as the Summary shows them
    (9,670,000)."""
    return (["wrap"] if with_unit else []) + ["int", "text", "count", "amount", "number"] + [
        "count"] * len(NEED_SOURCES) + ["count", "number", "int"]


def _ranking_sheet(book: Book, analysis: Analysis) -> list[Any]:
    return book.table(label("sheet.ranking", analysis.lang), _ranking_headers(analysis, False),
                      _ranking_rows(analysis, analysis.ranking, False), _ranking_kinds(False),
                      size=len(analysis.ranking))


def _unit_ranking_sheet(book: Book, analysis: Analysis, top: int = 0) -> list[Any]:
    """Each unit's topics by rank; top: only ranks 1 to top (the sheet past limits.detail_rows), 0: every one."""
    ranks = [r for r in analysis.unit_ranking if r.rank <= top] if top else analysis.unit_ranking
    return book.table(label("sheet.unit_ranking", analysis.lang), _ranking_headers(analysis, True),
                      _ranking_rows(analysis, ranks, True), _ranking_kinds(True), [unit_width(r.unit for r in ranks)],
                      size=len(ranks))


def _unmatched_sheet(book: Book, analysis: Analysis) -> list[Any]:
    lang = analysis.lang
    rows = [[code_label("unmatched", u.kind, lang), u.text, u.cadre_id, u.unit, u.detail] for u in analysis.unmatched]
    keys = ["col.kind", "col.text", "col.cadre_id", "col.unit", "col.detail"]
    # an empty sheet says why it is empty, above its header: nothing was left unmatched, not something lost
    note = empty_note(rows, label("sheet.unmatched_none", lang))
    return book.table(label("sheet.unmatched", lang), [label(k, lang) for k in keys], rows,
                      ["text", "text", "text", "wrap", "text"], [0, 0, 0, unit_width(u.unit for u in analysis.unmatched)],
                      first_row=len(note) and 2, preamble=note)


def _topic_mapping_sheet(book: Book, analysis: Analysis) -> list[Any]:
    """Each distinct text of the inputs the catalog took as a topic other than by its id or name: by an
    alias, by a close match, or as a new topic; once per text and input, whatever its number of rows."""
    lang, catalog = analysis.lang, analysis.catalog
    rows = [[m.text, code_label("mapped_from", m.source, lang), code_label("match", m.how, lang),
             catalog.label(m.topic_id, lang), m.topic_id] for m in catalog.mapping]
    keys = ["col.text_as_written", "col.mapped_from", "col.how_matched", "col.topic", "col.topic_id"]
    return book.table(label("sheet.topic_mapping", lang), [label(k, lang) for k in keys], rows)


def _ledger_sheet(book: Book, analysis: Analysis) -> list[Any]:
    """Where the roster and the ledger disagree; the ledger's values were used."""
    lang = analysis.lang
    cadres = analysis.cadre_by_id
    def words(field: str, value: str) -> str:  # a completion's topic by its name, never its id
        if field != "completed" or not value:
            return value
        topic, _, when = value.partition(" ")
        known = analysis.catalog.by_id.get(topic)
        return f"{known.name(lang)} {when}".strip() if known else value

    rows = [[d.cadre_id, cadres[d.cadre_id].name if d.cadre_id in cadres else "", label(f"col.{d.field}", lang),
             words(d.field, d.roster), words(d.field, d.ledger), words(d.field, d.used)] for d in analysis.ledger_diffs]
    keys = ["col.cadre_id", "col.name", "col.field", "col.roster_value", "col.ledger_value", "col.used_value"]
    return book.table(label("sheet.ledger", lang), [label(k, lang) for k in keys], rows)


def _problems_sheet(book: Book, analysis: Analysis) -> list[Any]:
    lang = analysis.lang
    # the kind in words, as the terminal's table says it; its code (as in analysis.json and the JSON summary) last
    kind = Memo(lambda code: code_label("problem", code, lang))
    done = Memo(lambda key: handling(key[0], key[1], key[2], lang))  # what was done, by code, severity and whether of a row
    skipped = done["", "error", 1]  # 已跳过该行
    # a row an error skipped: its warnings (an optional cell read as blank) were done with it, not kept
    left_out = {(p.file, p.sheet, p.row) for p in analysis.problems
                if p.severity == "error" and p.row and done[p.code, p.severity, 1] == skipped}
    rows = [[p.file, p.sheet, p.cell, p.row, p.column, kind[p.code],
             skipped if p.severity == "warning" and p.row and (p.file, p.sheet, p.row) in left_out
             else done[p.code, p.severity, p.row and 1], p.message, p.code] for p in analysis.problems]
    keys = ["col.file", "col.sheet", "col.cell", "col.row", "col.column", "col.problem_kind", "col.severity",
            "col.message", "col.code"]
    return book.table(label("sheet.problems", lang), [label(k, lang) for k in keys], rows,
                      ["text", "text", "text", "int", "text", "text", "text", "wrap", "text"],
                      [18, 14, 8, 6, 16, 18, 12, 90, 22])


class Figures(NamedTuple):
    """The figures of the summaries counted from an analysis' needs, compliance and obligations (seconds at a
    million cadres: counted once, by the run's early writer where there is one, and sent back)."""

    tally: NeedTally
    met: int  # cadres whose hours are reported and meet the standard
    reported: int  # cadres whose hours are reported
    obligations: dict[str, dict[str, int]]  # obligation_counts
    overdue_by_unit: dict[str, dict[str, int]]  # overdue_by_unit
    breakdown: Breakdown  # the sheets by level and by training type (breakdowns.count_breakdown)


def _counted_from(analysis: Analysis) -> tuple[tuple[list[Any], ...], tuple[int, ...]]:
    """The lists the figures are counted from, and their lengths: figures held for other lists are counted again."""
    lists: tuple[list[Any], ...] = (analysis.needs, analysis.compliance, analysis.obligations, analysis.cadres)
    return lists, tuple(len(items) for items in lists)


def _held_for(held: tuple[Any, ...], key: tuple[tuple[list[Any], ...], tuple[int, ...]]) -> bool:
    """Whether figures held were counted from these very lists (the same objects) at these lengths."""
    lists, lengths = held
    return lengths == key[1] and all(a is b for a, b in zip(lists, key[0], strict=True))


def analysis_figures(analysis: Analysis) -> Figures:
    """The analysis' Figures, counted once for its lists (kept in Analysis.figures)."""
    key, held = _counted_from(analysis), analysis.figures
    if held is not None and _held_for(held[0], key):
        return cast(Figures, held[1])
    deficits = [r.standing.deficit for r in analysis.compliance]  # worked out on each reading: once here
    reported = [d for d in deficits if d is not None]
    tally = analysis.need_tally()
    figures = Figures(tally, sum(1 for d in reported if d <= 0), len(reported), obligation_counts(analysis),
                      overdue_by_unit(analysis), count_breakdown(analysis, deficits, tally.cadres))
    analysis.figures = (key, figures)
    return figures


def remember_figures(analysis: Analysis, figures: Figures) -> None:
    """Figures another process counted from this analysis' very lists (the run's early writer), kept as its own."""
    analysis.figures = (_counted_from(analysis), figures)
    analysis.remember_tally(figures.tally)


def summary_counts(analysis: Analysis) -> dict[str, Any]:
    """The figures of the Summary sheet and the JSON summary."""
    figures = analysis_figures(analysis)
    tally, reported = figures.tally, figures.reported
    return {
        "cadres": len(analysis.cadres),
        "rows_skipped": sum(analysis.inputs.skipped.values()),
        "needs": len(analysis.needs),
        "cadres_with_needs": tally.cadres,
        "needs_by_source": dict(tally.by_source),
        "compliance_rate": round(figures.met / reported, 4) if reported else None,
        "hours_not_reported": len(analysis.compliance) - reported,
        "unmatched": len(analysis.unmatched),
        "problems": len(analysis.problems),
        "obligations": figures.obligations,
        "overdue_by_unit": figures.overdue_by_unit,
    }


def obligation_counts(analysis: Analysis) -> dict[str, dict[str, int]]:
    """Obligations by kind and status: kind -> {due, overdue, met, unknown} (unknown: compliance unknown)."""
    counts = Counter(map(_KIND_STATUS, analysis.obligations))
    return {kind: {status: counts.get((kind, status), 0) for status in OBLIGATION_STATUSES}
            for kind in OBLIGATION_KINDS}


def _summary(book: Book, ws: Any, analysis: Analysis, continued: list[tuple[str, list[str]]],
             plan: PlanView | None, left_out: list[LeftOut], part: str = "") -> None:
    lang = analysis.lang
    counts = summary_counts(analysis)
    title = label("title.part", lang, part=part) if part else label("title", lang)
    book.write_text(ws, 0, 0, title, book.fmt["title"])
    items: list[tuple[str, object, str]] = [
        (label("as_of", lang), analysis.as_of, "date"),
        (label("inputs", lang), "; ".join(p.name for p in analysis.inputs.paths), "text"),
        (label("cadres", lang), counts["cadres"], "count"),
        (label("skipped", lang), counts["rows_skipped"], "count"),
        (label("needs", lang), counts["needs"], "count"),
        (label("with_needs", lang), counts["cadres_with_needs"], "count"),
        (label("compliance_rate", lang), counts["compliance_rate"], "percent"),
        (label("not_reported", lang), counts["hours_not_reported"], "count"),
        (label("unmatched", lang), counts["unmatched"], "count"),
        (label("problems", lang), counts["problems"], "count"),
    ]
    if plan is not None:
        items += [(label("classes", lang), len(plan.plan.classes), "count"),
                  (label("cli.class_seats", lang), sum(c.size for c in plan.plan.classes), "count"),
                  # served by a class, sent up, online or in the unit
                  (label("cli.needs_served", lang), len(plan.plan.assignments), "count"),
                  (label("unmet", lang), len(plan.plan.unmet), "count")]
        # the terminal's headline figures of the plan, on paper too: the obligations it seats, the hours left short
        served = served_share(coverage(analysis, plan.plan)["by_source"]["obligation"])
        if served["asked"]:
            items.append((label("summary.obligations_served", lang),
                          label("summary.served_value", lang, served=served["served"], asked=served["asked"],
                                share=share_words(served["share"])), "text"))
        hours = hours_after(plan.plan)
        if hours["cadres"]:
            items += [(label("summary.hours_short", lang), hours["short"], "count"),
                      (label("summary.hours_left", lang), hours["hours_left"], "amount")]
    book.write_text(ws, 2, 0, label("col.item", lang), book.fmt["header"])
    book.write_text(ws, 2, 1, label("col.value", lang), book.fmt["header"])
    for i, (item, value, kind) in enumerate(items, start=3):
        book.write_text(ws, i, 0, item)
        book.write(ws, i, 1, value, kind)
    row = 3 + len(items) + 1
    widths = summary_widths(lang)
    # where a sheet went, wrapped over the tables' columns: on one line it ran under the charts, which hid its files
    if (continued or left_out) and "bold_wrap" not in book.fmt:
        book.fmt["bold_wrap"] = book.wb.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    joiner = label("list_joiner", lang)  # 、 in Chinese
    for line in [label("continued", lang, sheet=sheet, more=joiner.join(more)) for sheet, more in continued] + [
            left_out_line(gone, lang) for gone in left_out]:
        book.line_across(ws, row, line, widths, book.fmt["bold_wrap"])
        row += 1
    # obligations by kind and status (the statuses as columns): what the rules make compulsory comes first
    ob_row = row + 1
    book.write_text(ws, ob_row, 0, label("obligations", lang), book.fmt["header"])
    for j, status in enumerate(OBLIGATION_STATUSES, start=1):
        book.write_text(ws, ob_row, j, code_label("obligation_status", status, lang), book.fmt["header"])
    for i, kind in enumerate(OBLIGATION_KINDS, start=1):
        book.write_text(ws, ob_row + i, 0, code_label("obligation", kind, lang))
        for j, status in enumerate(OBLIGATION_STATUSES, start=1):
            book.write(ws, ob_row + i, j, counts["obligations"][kind][status], "count")
    src_row = ob_row + len(OBLIGATION_KINDS) + 2
    book.write_text(ws, src_row, 0, label("by_source", lang), book.fmt["header"])
    book.write_text(ws, src_row, 1, label("col.count", lang), book.fmt["header"])
    # the sources that found needs, as the terminal lists them: no row (nor slice) of 0 beside the obligations'
    # table (学时达标 0 under 学时达标 226 待完成 read as a contradiction); every source where none found any
    shown = [s for s in NEED_SOURCES if counts["needs_by_source"][s]] or list(NEED_SOURCES)
    for i, s in enumerate(shown, start=1):
        book.write_text(ws, src_row + i, 0, code_label("source", s, lang))
        book.write(ws, src_row + i, 1, counts["needs_by_source"][s], "count")
    top_row = src_row + len(shown) + 2
    top = top_topics(analysis)
    # the topics in the tool's ranking, as the terminal and the Topic ranking sheet list them: the header says so
    book.write_text(ws, top_row, 0, label("top_topics", lang), book.fmt["header"])
    book.write_text(ws, top_row, 1, label("col.cadres", lang), book.fmt["header"])
    book.write_text(ws, top_row, 2, label("col.demand", lang), book.fmt["header"])
    for i, r in enumerate(top, start=1):
        book.write_text(ws, top_row + i, 0, analysis.catalog.label(r.topic_id, lang))
        book.write(ws, top_row + i, 1, r.cadres, "count")
        book.write(ws, top_row + i, 2, r.demand, "amount")
    for j, width in enumerate(widths):
        ws.set_column(j, j, width)
    print_setup(ws, landscape=True)
    _charts(book, ws, analysis, src_row, len(shown), top_row, len(top))


def summary_widths(lang: str) -> list[int]:
    """The Summary's columns left of its charts (CHART_COLUMN): the items, their values, and the obligations'
    statuses after the first, each status's words on one line."""
    statuses = [max(12, display_width(code_label("obligation_status", s, lang)) + 2) for s in OBLIGATION_STATUSES[1:]]
    return [44, 16, *statuses]


def top_topics(analysis: Analysis, n: int = TOP_TOPICS) -> list[TopicRank]:
    """The most-needed topics, first n of the tool's ranking: by weighted demand (需求加权分, the sum of the needs'
    priority scores, a post need's being Borich's importance x gap), as the Topic ranking sheet ranks them. The
    gap report's Summary, the terminal and the JSON summary list these, in this order."""
    return analysis.ranking[:n]


def trim_words(gone: LeftOut) -> str:
    """The suffix of the labels of a sheet left out ("") or shortened: to each unit's first ranks ("_top"), to
    the overdue obligations ("_overdue")."""
    if not gone.top:
        return ""
    return "_overdue" if gone.key == "sheet.obligations" else "_top"


def left_out_line(gone: LeftOut, lang: str) -> str:
    """The Summary's line on a sheet left out (or trimmed to its first ranks): the files of the run holding it,
    or the formats that would."""
    sheet, trimmed = label(gone.key, lang), trim_words(gone)
    if gone.files:
        return label(f"left_out{trimmed}", lang, sheet=sheet, rows=gone.rows, top=gone.top,
                     files=label("list_joiner", lang).join(gone.files))
    formats = label("or_joiner", lang).join(dict.fromkeys(kind for kind, _ in DETAIL_FILES[gone.key]))
    return label(f"left_out{trimmed}_nowhere", lang, sheet=sheet, rows=gone.rows, top=gone.top, formats=formats)


def _charts(book: Book, ws: Any, analysis: Analysis, src_row: int, n_sources: int, top_row: int, n_top: int) -> None:
    lang, name = analysis.lang, ws.get_name()
    pie = book.wb.add_chart({"type": "pie"})
    pie.add_series({
        "name": label("by_source", lang),
        "categories": [name, src_row + 1, 0, src_row + n_sources, 0],
        "values": [name, src_row + 1, 1, src_row + n_sources, 1],
        "data_labels": {"value": True, "percentage": False, "leader_lines": True},
    })
    pie.set_title({"name": label("by_source", lang)})
    pie.set_size({"width": 520, "height": 320})
    ws.insert_chart(2, CHART_COLUMN, pie)
    if n_top:
        bar = book.wb.add_chart({"type": "bar"})
        bar.add_series({  # the figure the topics are ranked by, so that the bars are in the list's order
            "name": label("col.demand", lang),
            "categories": [name, top_row + 1, 0, top_row + n_top, 0],
            "values": [name, top_row + 1, 2, top_row + n_top, 2],
            "data_labels": {"value": True},
            "fill": {"color": "#2E75B6"},
        })
        bar.set_title({"name": label("top_topics", lang)})
        bar.set_legend({"none": True})
        bar.set_y_axis({"reverse": True})
        bar.set_x_axis({"num_format": "#,##0"})  # the demand thousands apart, as its cells (2,000,000)
        bar.set_size({"width": 720, "height": 420})
        ws.insert_chart(19, CHART_COLUMN, bar)
