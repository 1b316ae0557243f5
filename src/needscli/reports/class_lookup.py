"""What the gap report shows of a class plan: the class of each need, and the Unmet sheet."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from needscli.cache import Memo
from needscli.labels import label
from needscli.reports.sheet_writer import Columns

if TYPE_CHECKING:
    from needscli.core.analysis import Analysis
    from needscli.planner import Plan
    from needscli.reports.xlsx import Book


class PlanView:
    """Lookups over a Plan for the gap report."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        # the class of each (cadre id, topic id) placed in one
        self.class_by_need: dict[tuple[str, str], str] = {(a.cadre_id, a.topic_id): a.class_id
                                                          for a in plan.assignments}

    def class_of(self, cadre_id: str, topic_id: str) -> str:
        return self.class_by_need.get((cadre_id, topic_id), "")

    def unmet_sheet(self, book: Book, analysis: Analysis) -> list[Any]:
        lang = analysis.lang
        cadres = analysis.cadre_by_id
        topic_label = Memo(lambda topic_id: analysis.catalog.label(topic_id, lang))
        unmet = self.plan.unmet
        ids = [u.cadre_id for u in unmet]
        people = list(map(cadres.get, ids))
        columns: list[Sequence[object]] = [
            ids, [c.name if c else "" for c in people], [c.unit if c else "" for c in people],
            list(map(topic_label.__getitem__, [u.topic_id for u in unmet])),
            [u.priority for u in unmet], [u.reason for u in unmet]]
        keys = ("col.cadre_id", "col.name", "col.unit", "col.topic", "col.priority", "col.reason")
        return book.table(label("sheet.unmet", lang), [label(k, lang) for k in keys], Columns(iter([columns])),
                          ["text", "text", "text", "text", "number", "wrap"], [12, 10, 22, 26, 9, 70],
                          size=len(unmet))
