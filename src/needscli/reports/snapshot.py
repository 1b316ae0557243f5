"""analysis.json: the results of a run, written so classes can be re-formed without re-reading the roster."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import TypeAdapter

from needscli.core.analysis import Analysis
from needscli.io.snapshot import SNAPSHOT_VERSION, Snapshot
from needscli.models import Cadre
from needscli.reports.files import write_bytes
from needscli.reports.gap_report import summary_counts

# what needscli classes reads of a cadre: the planner its unit, level, job family, 管理权限 and the roster
# cell its warnings name; the reports its id and name (tokens). A pseudonymized snapshot keeps no other
# field (birth date, post, department, dates, hours, wishes ... and any field added later)
PLANNED_FIELDS = frozenset({"id", "name", "unit", "level", "job_family", "managed_by", "file", "sheet", "row"})


def save_snapshot(analysis: Analysis, path: Path) -> None:
    """Write the analysis as JSON (owner-readable only, like every output); pseudonymized, only what
    needscli classes needs, and the inputs by file name."""
    # built from the analysis' own checked objects: no second validated copy of every need
    hidden = analysis.pseudonymized
    snap = Snapshot.model_construct(
        version=SNAPSHOT_VERSION, as_of=analysis.as_of, lang=analysis.lang, config=analysis.config, topics=analysis.catalog.topics,
        cadres=planned_cadres(analysis.cadres) if hidden else analysis.cadres, resources=analysis.inputs.resources,
        needs=analysis.needs, compliance=analysis.compliance, unmatched=analysis.unmatched, ranking=analysis.ranking,
        unit_ranking=analysis.unit_ranking, problems=analysis.problems, counts=analysis.inputs.counts,
        skipped=analysis.inputs.skipped, input_names=[p.name if hidden else str(p) for p in analysis.inputs.paths],
        ledger_diffs=analysis.ledger_diffs, obligations=analysis.obligations, topic_mapping=analysis.catalog.mapping,
        summary=summary_counts(analysis), pseudonymized=hidden,
    )
    write_bytes(path, lambda handle: _stream(snap, handle), analysis.inputs.paths)


def planned_cadres(cadres: list[Cadre]) -> list[Cadre]:
    """Copies of the cadres holding PLANNED_FIELDS only: every other field blank (its default)."""
    blank = {name: "" if info.is_required() else info.get_default(call_default_factory=True)
             for name, info in Cadre.model_fields.items() if name not in PLANNED_FIELDS}
    return [c.model_copy(update=blank) for c in cadres]


STREAM_CHUNK = 5000  # items of a long list serialized at a time


def _stream(snap: Snapshot, handle: BinaryIO) -> None:
    """The same bytes as Snapshot's own to_json, written field by field and long lists in chunks.

    On a province's roster the whole document is hundreds of megabytes: never held at once.
    """
    handle.write(b"{")
    for n, name in enumerate(Snapshot.model_fields):
        value = getattr(snap, name)
        handle.write(b"," if n else b"")
        handle.write(json.dumps(name).encode() + b":")
        adapter = _adapter(name)
        if isinstance(value, list) and len(value) > STREAM_CHUNK:
            handle.write(b"[")
            for start in range(0, len(value), STREAM_CHUNK):
                handle.write(b"," if start else b"")
                handle.write(adapter.dump_json(value[start:start + STREAM_CHUNK])[1:-1])
            handle.write(b"]")
        else:
            handle.write(adapter.dump_json(value))
    handle.write(b"}")


@functools.cache
def _adapter(name: str) -> TypeAdapter[Any]:
    """The serializer of one field of the snapshot, made once."""
    annotation = Snapshot.model_fields[name].annotation
    if annotation is None:
        raise ValueError(f"Snapshot.{name} has no type")
    return TypeAdapter(annotation)
