"""What the gap report shows of a class plan: how each need is served, the Unmet sheet and the hours after the plan."""

from __future__ import annotations

import functools
import operator
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from needscli.cache import Memo
from needscli.labels import CODE_TABLES, code_label, label, setting_words
from needscli.planner.seats import seat_column
from needscli.reports.sheet_writer import Columns
from needscli.reports.xlsx import display_width, empty_note, id_width, topic_width, unit_width

if TYPE_CHECKING:
    from needscli.core.analysis import Analysis
    from needscli.models import Need
    from needscli.planner import Plan
    from needscli.reports.xlsx import Book

_CADRE, _TOPIC = (operator.attrgetter(k) for k in ("cadre_id", "topic_id"))
ADVICE_WIDTH = 44  # the 学时测算 sheet's 建议 column at most: wider words wrap

class PlanView:
    """Lookups over a Plan for the gap report, its words in lang."""

    def __init__(self, plan: Plan, lang: str = "zh") -> None:
        self.plan = plan
        self.lang = lang

    @functools.cached_property
    def class_by_need(self) -> dict[tuple[str, str], str]:
        """How each (cadre id, topic id) served is served: its class ("C004"), a class it was sent up to
        ("C004（上级调训）"), or a route without a class ("网络培训", "单位自主培训"). Made when first asked
        for: only the needs' detail sheet asks, which a large run leaves to the CSV and Parquet files (at a
        million cadres 8.1 million keys, 11 s before the gap report could start)."""
        served_as = Memo(self._served_as)
        seats = self.plan.assignments
        return dict(zip(zip(seat_column(seats, "cadre_id"), seat_column(seats, "topic_id"), strict=True),
                        map(served_as.__getitem__, zip(seat_column(seats, "class_id"), seat_column(seats, "route"),
                                                       strict=True)), strict=True))

    def _served_as(self, key: tuple[str, str]) -> str:
        class_id, route = key
        if route == "class" or route not in ("sent-up", "online", "in-unit"):
            return class_id
        words = code_label("route", route, self.lang)
        if not class_id:
            return words
        return f"{class_id}（{words}）" if self.lang == "zh" else f"{class_id} ({words})"

    def class_of(self, cadre_id: str, topic_id: str) -> str:
        return self.class_by_need.get((cadre_id, topic_id), "")

    def unmet_sheet(self, book: Book, analysis: Analysis) -> list[Any]:
        """Each need that asked for a class and got none: whose, which, its source and deadline, and why."""
        lang = analysis.lang
        cadres = analysis.cadre_by_id
        topic_label = Memo(lambda topic_id: analysis.catalog.label(topic_id, lang))
        source_word = Memo(lambda source: code_label("source", source, lang))
        unmet = self.plan.unmet
        # where forming kept their positions (Plan.ways), else by cadre and topic: a key made for every need (0.3 s
        # at 100,000 cadres)
        known = self.plan.ways.unmet_needs(analysis.needs, unmet) if self.plan.ways is not None else None
        found: Sequence[Need | None]
        if known is not None:
            found = known
        else:
            keys_of = set(zip(map(_CADRE, unmet), map(_TOPIC, unmet), strict=True))
            needs = {(n.cadre_id, n.topic_id): n for n in analysis.needs if (n.cadre_id, n.topic_id) in keys_of}
            found = [needs.get((u.cadre_id, u.topic_id)) for u in unmet]
        ids = [u.cadre_id for u in unmet]
        people = list(map(cadres.get, ids))
        # a setting the reason names to be changed, in words first (每人班次上限（max_per_cadre）); unmet.parquet keeps
        # the reason as the plan gives it
        reason = Memo(lambda text: setting_words(text, lang))
        units = [c.unit if c else "" for c in people]
        columns: list[Sequence[object]] = [
            ids, [c.name if c else "" for c in people], units,
            list(map(topic_label.__getitem__, [u.topic_id for u in unmet])),
            [source_word[n.source] if n else "" for n in found],
            [u.priority for u in unmet], [n.deadline if n else None for n in found],
            [reason[u.reason] for u in unmet]]
        keys = ("col.cadre_id", "col.name", "col.unit", "col.topic", "col.source", "col.priority", "col.deadline",
                "col.reason")
        note = empty_note(unmet, label("sheet.unmet_none", lang))
        # the unit and the topic as wide as their longest names, a longer one wrapped
        widths = [id_width(dict.fromkeys(ids)), 10, unit_width(units), topic_width(analysis.catalog, lang), 12, 9, 12,
                  70]
        return book.table(label("sheet.unmet", lang), [label(k, lang) for k in keys], Columns(iter([columns])),
                          ["text", "text", "wrap", "wrap", "text", "number", "date", "wrap"], widths,
                          first_row=len(note) and 2, preamble=note, size=len(unmet))

    def hours_sheet(self, book: Book, analysis: Analysis) -> list[Any]:
        """The hours standard after the plan (学时测算): each cadre short of it, the hours its planned classes
        credit, what is left by the deadline and how to close it."""
        lang = analysis.lang
        cadres = analysis.cadre_by_id
        advice_word = Memo(lambda advice: code_label("hours_advice", advice, lang))
        rows = self.plan.hours_left
        ids = [h.cadre_id for h in rows]
        people = list(map(cadres.get, ids))
        units = [c.unit if c else "" for c in people]
        columns: list[Sequence[object]] = [
            ids, [c.name if c else "" for c in people], units,
            [h.deficit for h in rows], [h.planned for h in rows], [h.left for h in rows],
            [h.deadline for h in rows], [advice_word[h.advice] for h in rows]]
        keys = ("col.cadre_id", "col.name", "col.unit", "col.deficit", "col.hours_planned", "col.hours_left",
                "col.deadline", "col.advice")
        headers = [label(k, lang) for k in keys]
        # the advice's column as wide as its longest words, but no wider than ADVICE_WIDTH: longer ones wrap
        advice = max(display_width(code_label("hours_advice", a, lang)) for a in CODE_TABLES["hours_advice"])
        widths = [max(least, display_width(h) + 2) for least, h in zip(
            [id_width(ids), 10, unit_width(units), 10, 10, 10, 12, min(advice + 2, ADVICE_WIDTH)], headers,
            strict=True)]
        return book.table(label("sheet.hours_after", lang), headers, Columns(iter([columns])),
                          ["text", "text", "wrap", "number", "number", "number", "date", "wrap"], widths,
                          size=len(rows))
