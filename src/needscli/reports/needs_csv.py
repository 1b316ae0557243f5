"""needs.csv: one row per cadre x need, stable columns, UTF-8 with BOM, streamed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .files import write_csv

if TYPE_CHECKING:
    from ..pipeline import Analysis

NEEDS_COLUMNS = ["cadre_id", "name", "unit", "topic", "source", "training_type", "priority", "rule_id", "reason"]


def needs_rows(analysis: Analysis) -> Iterator[list[object]]:
    cadres = analysis.cadre_by_id
    for need in analysis.needs:
        cadre = cadres[need.cadre_id]
        yield [cadre.id, cadre.name, cadre.unit, analysis.catalog.label(need.topic_id, analysis.lang),
               need.source, need.training_type, need.priority, ";".join(need.rule_ids),
               " | ".join(r.text for r in need.reasons)]


def write_needs_csv(analysis: Analysis, path: Path) -> int:
    return write_csv(path, NEEDS_COLUMNS, needs_rows(analysis), analysis.inputs.paths)
