"""gap-report.xlsx: Summary, Needs, Compliance, Units, Topic ranking, Unmatched, Problems."""

from __future__ import annotations

import itertools
import operator
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from needscli.cache import Memo
from needscli.labels import code_label, label, reason_texts
from needscli.models import NEED_SOURCES
from needscli.reports.files import atomic_path
from needscli.reports.sheet_writer import CHUNK_ROWS, Columns
from needscli.reports.xlsx import Book, print_setup

if TYPE_CHECKING:
    from needscli.core.analysis import Analysis
    from needscli.reports.class_lookup import PlanView

TOP_TOPICS = 10
NEEDS_CHUNK = CHUNK_ROWS  # needs turned into columns at a time: one streamed chunk each
_CADRE_ID, _TOPIC_ID, _REASONS = (operator.attrgetter(k) for k in ("cadre_id", "topic_id", "reasons"))
_SOURCE, _TYPE, _PRIORITY, _HOURS = (operator.attrgetter(k) for k in ("source", "training_type", "priority", "hours"))
_CADRE_FIELDS = [operator.attrgetter(k) for k in ("id", "name", "unit", "department", "post")]
_LEVEL = operator.attrgetter("level")


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


def write_gap_report(analysis: Analysis, path: Path, plan: PlanView | None = None) -> None:
    """Write the whole workbook to a temp file, then move it into place."""
    with atomic_path(path, analysis.inputs.paths) as tmp:
        book = Book(tmp, row_limit=analysis.config.limits.excel_max_rows)
        summary = book.add_sheet(label("sheet.summary", analysis.lang))
        continued: list[tuple[str, list[str]]] = []
        sheets = {
            "sheet.needs": _needs_sheet(book, analysis, plan),
            "sheet.compliance": _compliance_sheet(book, analysis),
            "sheet.units": _units_sheet(book, analysis),
            "sheet.ranking": _ranking_sheet(book, analysis),
            "sheet.unit_ranking": _unit_ranking_sheet(book, analysis),
        }
        if plan is not None:
            sheets["sheet.unmet"] = plan.unmet_sheet(book, analysis)
        sheets["sheet.unmatched"] = _unmatched_sheet(book, analysis)
        if analysis.ledger_diffs:
            sheets["sheet.ledger"] = _ledger_sheet(book, analysis)
        sheets["sheet.problems"] = _problems_sheet(book, analysis)
        for key, written in sheets.items():
            if len(written) > 1:
                continued.append((label(key, analysis.lang), [ws.get_name() for ws, _ in written[1:]]))
        _summary(book, summary, analysis, continued, plan)
        book.close()


def _needs_sheet(book: Book, analysis: Analysis, plan: PlanView | None) -> list[Any]:
    lang, level = analysis.lang, LevelNames(analysis)
    cadres = analysis.cadre_by_id
    keys = ["col.cadre_id", "col.name", "col.unit", "col.department", "col.post", "col.level", "col.topic",
            "col.source", "col.all_sources", "col.training_type", "col.priority", "col.hours", "col.rule_id",
            "col.reason"] + (["col.class"] if plan else [])

    topic_label = Memo(lambda topic_id: analysis.catalog.label(topic_id, lang))
    type_word = Memo(lambda kind: code_label("training_type", kind, lang))
    source_word = Memo(lambda source: code_label("source", source, lang))
    level_name = Memo(level)
    texts = reason_texts(lang)
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
                rule_ids,
                reasons,
            ]
            if class_of is not None:
                cols.append(list(map(class_of.get, zip(ids, topic_ids, strict=True), itertools.repeat(""))))
            yield cols

    kinds = ["text"] * 10 + ["number", "number", "text", "wrap"] + (["text"] if plan else [])
    widths = [12, 10, 22, 14, 16, 14, 26, 12, 18, 16, 9, 8, 22, 70] + ([16] if plan else [])
    return book.table(label("sheet.needs", lang), [label(k, lang) for k in keys], Columns(columns()), kinds,
                      widths, size=len(analysis.needs))


def _compliance_sheet(book: Book, analysis: Analysis) -> list[Any]:
    lang, level = analysis.lang, LevelNames(analysis)
    cadres = analysis.cadre_by_id

    standard = Memo(lambda key: code_label("standard", key[0], lang, h=key[1]))
    status = Memo(lambda deficit: code_label("status", compliance_status(deficit), lang))
    level_name = Memo(level)

    def rows() -> Iterator[Sequence[object]]:
        for row in analysis.compliance:
            c, s = cadres[row.cadre_id], row.standing
            yield [c.id, c.name, c.unit, level_name[c.level], standard[s.standard, s.required, repr(s.required)], s.required, s.done,
                   s.deficit, status[s.deficit]]

    keys = ["col.cadre_id", "col.name", "col.unit", "col.level", "col.standard", "col.required", "col.done",
            "col.deficit", "col.status"]
    kinds = ["text"] * 5 + ["number"] * 3 + ["text"]
    return book.table(label("sheet.compliance", lang), [label(k, lang) for k in keys], rows(), kinds,
                      size=len(analysis.compliance))


def _units_sheet(book: Book, analysis: Analysis) -> list[Any]:
    """Unit x topic: cadres needing each topic, with a colour scale."""
    lang = analysis.lang
    topics = [r.topic_id for r in analysis.ranking]
    units = list(dict.fromkeys(c.unit for c in analysis.cadres))
    unit_of = {c.id: c.unit for c in analysis.cadres}
    needs = analysis.needs
    cells = Counter(zip(map(unit_of.__getitem__, map(_CADRE_ID, needs)), map(_TOPIC_ID, needs), strict=True))
    headers = ([label("col.unit", lang)] + [analysis.catalog.label(tp, lang) for tp in topics]
               + [label("col.total", lang)])
    rows = [[u] + [cells.get((u, tp), 0) for tp in topics] + [sum(cells.get((u, tp), 0) for tp in topics)]
            for u in units]
    written = book.table(label("sheet.units", lang), headers, rows, ["text"] + ["int"] * (len(topics) + 1),
                         [24] + [14] * (len(topics) + 1))
    ws = written[0][0]
    if units and topics:
        ws.conditional_format(1, 1, len(units), len(topics), {
            "type": "3_color_scale", "min_color": "#FFFFFF", "mid_color": "#FFD966", "max_color": "#E06666"})
        ws.set_row(0, 80)  # topic names wrap over up to five lines
    return written


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
    return (["text"] if with_unit else []) + ["int", "text", "int", "number", "number"] + ["int"] * 5 + [
        "int", "number", "int"]


def _ranking_sheet(book: Book, analysis: Analysis) -> list[Any]:
    return book.table(label("sheet.ranking", analysis.lang), _ranking_headers(analysis, False),
                      _ranking_rows(analysis, analysis.ranking, False), _ranking_kinds(False),
                      size=len(analysis.ranking))


def _unit_ranking_sheet(book: Book, analysis: Analysis) -> list[Any]:
    return book.table(label("sheet.unit_ranking", analysis.lang), _ranking_headers(analysis, True),
                      _ranking_rows(analysis, analysis.unit_ranking, True), _ranking_kinds(True),
                      size=len(analysis.unit_ranking))


def _unmatched_sheet(book: Book, analysis: Analysis) -> list[Any]:
    lang = analysis.lang
    rows = [[code_label("unmatched", u.kind, lang), u.text, u.cadre_id, u.unit, u.detail] for u in analysis.unmatched]
    keys = ["col.kind", "col.text", "col.cadre_id", "col.unit", "col.detail"]
    return book.table(label("sheet.unmatched", lang), [label(k, lang) for k in keys], rows)


def _ledger_sheet(book: Book, analysis: Analysis) -> list[Any]:
    """Where the roster and the ledger disagree; the ledger's values were used."""
    lang = analysis.lang
    cadres = analysis.cadre_by_id
    rows = [[d.cadre_id, cadres[d.cadre_id].name if d.cadre_id in cadres else "", label(f"col.{d.field}", lang),
             d.roster, d.ledger, d.used] for d in analysis.ledger_diffs]
    keys = ["col.cadre_id", "col.name", "col.field", "col.roster_value", "col.ledger_value", "col.used_value"]
    return book.table(label("sheet.ledger", lang), [label(k, lang) for k in keys], rows)


def _problems_sheet(book: Book, analysis: Analysis) -> list[Any]:
    lang = analysis.lang
    rows = [[p.file, p.sheet, p.cell, p.row, p.column, p.code, code_label("severity", p.severity, lang), p.message]
            for p in analysis.problems]
    keys = ["col.file", "col.sheet", "col.cell", "col.row", "col.column", "col.code", "col.severity", "col.message"]
    return book.table(label("sheet.problems", lang), [label(k, lang) for k in keys], rows,
                      ["text", "text", "text", "int", "text", "text", "text", "wrap"],
                      [18, 14, 8, 6, 16, 18, 12, 90])


def summary_counts(analysis: Analysis) -> dict[str, Any]:
    """The figures of the Summary sheet and the JSON summary."""
    deficits = [r.standing.deficit for r in analysis.compliance]  # worked out on each reading: once here
    reported = [d for d in deficits if d is not None]
    met = sum(1 for d in reported if d <= 0)
    by_source = Counter(map(_SOURCE, analysis.needs))
    return {
        "cadres": len(analysis.cadres),
        "rows_skipped": sum(analysis.inputs.skipped.values()),
        "needs": len(analysis.needs),
        "cadres_with_needs": len(set(map(_CADRE_ID, analysis.needs))),
        "needs_by_source": {s: by_source.get(s, 0) for s in NEED_SOURCES},
        "compliance_rate": round(met / len(reported), 4) if reported else None,
        "hours_not_reported": len(analysis.compliance) - len(reported),
        "unmatched": len(analysis.unmatched),
        "problems": len(analysis.problems),
    }


def _summary(book: Book, ws: Any, analysis: Analysis, continued: list[tuple[str, list[str]]],
             plan: PlanView | None) -> None:
    lang = analysis.lang
    counts = summary_counts(analysis)
    book.write_text(ws, 0, 0, label("title", lang), book.fmt["title"])
    items: list[tuple[str, object, str]] = [
        (label("as_of", lang), analysis.as_of, "date"),
        (label("inputs", lang), "; ".join(p.name for p in analysis.inputs.paths), "text"),
        (label("cadres", lang), counts["cadres"], "int"),
        (label("skipped", lang), counts["rows_skipped"], "int"),
        (label("needs", lang), counts["needs"], "int"),
        (label("with_needs", lang), counts["cadres_with_needs"], "int"),
        (label("compliance_rate", lang), counts["compliance_rate"], "percent"),
        (label("not_reported", lang), counts["hours_not_reported"], "int"),
        (label("unmatched", lang), counts["unmatched"], "int"),
        (label("problems", lang), counts["problems"], "int"),
    ]
    if plan is not None:
        items += [(label("classes", lang), len(plan.plan.classes), "int"),
                  (label("seats", lang), len(plan.plan.assignments), "int"),
                  (label("unmet", lang), len(plan.plan.unmet), "int")]
    book.write_text(ws, 2, 0, label("col.item", lang), book.fmt["header"])
    book.write_text(ws, 2, 1, label("col.value", lang), book.fmt["header"])
    for i, (item, value, kind) in enumerate(items, start=3):
        book.write_text(ws, i, 0, item)
        book.write(ws, i, 1, value, kind)
    row = 3 + len(items) + 1
    for sheet, more in continued:
        book.write_text(ws, row, 0, label("continued", lang, sheet=sheet, more=", ".join(more)), book.fmt["bold"])
        row += 1
    src_row = row + 1
    book.write_text(ws, src_row, 0, label("by_source", lang), book.fmt["header"])
    book.write_text(ws, src_row, 1, label("col.count", lang), book.fmt["header"])
    for i, s in enumerate(NEED_SOURCES, start=1):
        book.write_text(ws, src_row + i, 0, code_label("source", s, lang))
        book.write(ws, src_row + i, 1, counts["needs_by_source"][s], "int")
    top_row = src_row + len(NEED_SOURCES) + 2
    top = sorted(analysis.ranking, key=lambda r: (-r.cadres, r.rank))[:TOP_TOPICS]
    book.write_text(ws, top_row, 0, label("top_topics", lang), book.fmt["header"])
    book.write_text(ws, top_row, 1, label("col.cadres", lang), book.fmt["header"])
    for i, r in enumerate(top, start=1):
        book.write_text(ws, top_row + i, 0, analysis.catalog.label(r.topic_id, lang))
        book.write(ws, top_row + i, 1, r.cadres, "int")
    ws.set_column(0, 0, 44)
    ws.set_column(1, 1, 16)
    print_setup(ws, landscape=True)
    _charts(book, ws, analysis, src_row, top_row, len(top))


def _charts(book: Book, ws: Any, analysis: Analysis, src_row: int, top_row: int, n_top: int) -> None:
    lang, name = analysis.lang, ws.get_name()
    pie = book.wb.add_chart({"type": "pie"})
    pie.add_series({
        "name": label("by_source", lang),
        "categories": [name, src_row + 1, 0, src_row + len(NEED_SOURCES), 0],
        "values": [name, src_row + 1, 1, src_row + len(NEED_SOURCES), 1],
        "data_labels": {"value": True, "percentage": False, "leader_lines": True},
    })
    pie.set_title({"name": label("by_source", lang)})
    pie.set_size({"width": 520, "height": 320})
    ws.insert_chart(2, 3, pie)
    if n_top:
        bar = book.wb.add_chart({"type": "bar"})
        bar.add_series({
            "name": label("col.cadres", lang),
            "categories": [name, top_row + 1, 0, top_row + n_top, 0],
            "values": [name, top_row + 1, 1, top_row + n_top, 1],
            "data_labels": {"value": True},
            "fill": {"color": "#2E75B6"},
        })
        bar.set_title({"name": label("top_topics", lang)})
        bar.set_legend({"none": True})
        bar.set_y_axis({"reverse": True})
        bar.set_size({"width": 720, "height": 420})
        ws.insert_chart(19, 3, bar)
