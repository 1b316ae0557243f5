"""needs.csv: one row per cadre x need, stable columns, UTF-8 with BOM, streamed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .files import write_csv
from .labels import Memo, reason_texts

if TYPE_CHECKING:
    from ..pipeline import Analysis

NEEDS_COLUMNS = ["cadre_id", "name", "unit", "topic", "source", "training_type", "priority", "rule_id", "reason"]


def needs_rows(analysis: Analysis) -> Iterator[list[object]]:
    cadres = analysis.cadre_by_id
    topic_label = Memo(lambda topic_id: analysis.catalog.label(topic_id, analysis.lang))
    texts = reason_texts({}, analysis.lang, (",", ";", " | "))
    cadre_id, head = None, []
    for need in analysis.needs:
        if need.cadre_id != cadre_id:  # a cadre's needs come together
            cadre_id = need.cadre_id
            cadre = cadres[cadre_id]
            head = [cadre.id, cadre.name, cadre.unit]
        _, rule_ids, reasons = texts[tuple(need.reasons)]
        yield head + [topic_label[need.topic_id], need.source, need.training_type, need.priority, rule_ids, reasons]


def write_needs_csv(analysis: Analysis, path: Path) -> int:
    return write_csv(path, NEEDS_COLUMNS, needs_rows(analysis), analysis.inputs.paths)
