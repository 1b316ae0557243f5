"""needs.csv: one row per cadre x need, stable columns, UTF-8 with BOM, streamed."""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from needscli.cache import Memo
from needscli.labels import reason_texts
from needscli.reports.files import CSV_CHUNK, write_csv
from needscli.reports.sheet_writer import Columns

if TYPE_CHECKING:
    from needscli.core.analysis import Analysis

NEEDS_COLUMNS = ["cadre_id", "name", "unit", "topic", "source", "training_type", "priority", "rule_id", "reason",
                 "deadline", "status"]
_CADRE_ID, _TOPIC_ID, _REASONS = (operator.attrgetter(k) for k in ("cadre_id", "topic_id", "reasons"))
_NEED_FIELDS = [operator.attrgetter(k) for k in ("source", "training_type", "priority")]
_CADRE_FIELDS = [operator.attrgetter(k) for k in ("id", "name", "unit")]
_DEADLINE, _STATUS = operator.attrgetter("deadline"), operator.attrgetter("status")


def iso_date(day: dt.date | None) -> str:
    """A date as YYYY-MM-DD, or "" for none."""
    return "" if day is None else day.isoformat()


def needs_columns(analysis: Analysis) -> Iterator[list[Sequence[object]]]:
    """The rows of needs.csv, a chunk of needs at a time and a column at a time (in NEEDS_COLUMNS' order)."""
    cadres = analysis.cadre_by_id
    topic_label = Memo(lambda topic_id: analysis.catalog.label(topic_id, analysis.lang))
    texts = reason_texts(analysis.lang, (",", ";", " | "))
    needs = analysis.needs
    for start in range(0, len(needs), CSV_CHUNK):
        chunk = needs[start:start + CSV_CHUNK]
        people = list(map(cadres.__getitem__, map(_CADRE_ID, chunk)))
        _, rule_ids, reasons = zip(*map(texts.__getitem__, map(tuple, map(_REASONS, chunk))), strict=True)
        yield [*(list(map(get, people)) for get in _CADRE_FIELDS),
               list(map(topic_label.__getitem__, map(_TOPIC_ID, chunk))),
               *(list(map(get, chunk)) for get in _NEED_FIELDS),
               rule_ids, reasons,
               list(map(iso_date, map(_DEADLINE, chunk))),  # an obligation's: by when, and due or overdue
               list(map(_STATUS, chunk))]


def write_needs_csv(analysis: Analysis, path: Path) -> int:
    return write_csv(path, NEEDS_COLUMNS, Columns(needs_columns(analysis)), analysis.inputs.paths)
