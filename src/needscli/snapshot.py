"""analysis.json: the results of a run, so classes can be re-formed without re-reading the roster."""

from __future__ import annotations

import datetime as dt
import functools
import json
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

from .catalog import Catalog
from .config import Config
from .errors import NeedsError, Problem
from .io.load import Inputs
from .ledger_link import LedgerDiff
from .models import Cadre, Need, Resource, Topic
from .needs import ComplianceRow, Unmatched
from .ranking import TopicRank
from .reports.files import write_bytes

SNAPSHOT = "analysis.json"
SNAPSHOT_VERSION = 1


class Snapshot(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=False)

    version: int = SNAPSHOT_VERSION
    as_of: dt.date
    lang: str
    config: Config
    topics: list[Topic]
    cadres: list[Cadre]
    resources: list[Resource]
    needs: list[Need]
    compliance: list[ComplianceRow]
    unmatched: list[Unmatched]
    ranking: list[TopicRank]
    unit_ranking: list[TopicRank]
    problems: list[Problem]
    counts: dict[str, int]
    ledger_diffs: list[LedgerDiff] = []
    skipped: dict[str, int]
    input_names: list[str]


def save_snapshot(analysis: object, path: Path) -> None:
    """Write the analysis as JSON (owner-readable only, like every output)."""
    from .pipeline import Analysis

    assert isinstance(analysis, Analysis)
    # built from the analysis' own checked objects: no second validated copy of every need
    snap = Snapshot.model_construct(
        version=SNAPSHOT_VERSION, as_of=analysis.as_of, lang=analysis.lang, config=analysis.config, topics=analysis.catalog.topics,
        cadres=analysis.cadres, resources=analysis.inputs.resources, needs=analysis.needs,
        compliance=analysis.compliance, unmatched=analysis.unmatched, ranking=analysis.ranking,
        unit_ranking=analysis.unit_ranking, problems=analysis.problems, counts=analysis.inputs.counts,
        skipped=analysis.inputs.skipped, input_names=[str(p) for p in analysis.inputs.paths],
        ledger_diffs=analysis.ledger_diffs,
    )
    write_bytes(path, lambda handle: _stream(snap, handle), analysis.inputs.paths)


STREAM_CHUNK = 5000  # items of a long list serialized at a time


def _stream(snap: Snapshot, handle: BinaryIO) -> None:
    """The same bytes as Snapshot's own to_json, written field by field and long lists in chunks.

    On a province's roster the whole document is hundreds of megabytes: never held at once.
    """
    handle.write(b"{")
    for n, (name, field) in enumerate(Snapshot.model_fields.items()):
        value = getattr(snap, name)
        handle.write(b"," if n else b"")
        handle.write(json.dumps(name).encode() + b":")
        adapter = _adapter(field.annotation)
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
def _adapter(annotation: Any) -> TypeAdapter[Any]:
    return TypeAdapter(annotation)


def load_snapshot(path: Path) -> object:
    """Rebuild the Analysis saved by save_snapshot()."""
    from .pipeline import Analysis

    if path.is_dir():
        path = path / SNAPSHOT
    try:
        raw = json.loads(path.read_bytes())
    except FileNotFoundError:
        raise NeedsError(f"{path}: no saved analysis here; run needscli analyze first") from None
    except (OSError, ValueError):
        raise NeedsError(f"{path}: not a readable analysis file; run needscli analyze again") from None
    if isinstance(raw, dict) and raw.get("version", 0) > SNAPSHOT_VERSION:
        raise NeedsError(f"{path}: written by a newer needscli; upgrade needscli to read it")
    try:
        snap = Snapshot.model_validate(raw)
    except ValidationError as exc:
        where = ".".join(str(p) for p in exc.errors()[0]["loc"][:2])
        raise NeedsError(f"{path}: damaged analysis file (at {where}); run needscli analyze again") from None
    inputs = Inputs(cadres=snap.cadres, resources=snap.resources, counts=snap.counts, skipped=snap.skipped,
                    paths=[Path(p) for p in snap.input_names], problems=snap.problems, lang=snap.lang)
    return Analysis(inputs=inputs, config=snap.config, as_of=snap.as_of, lang=snap.lang,
                    catalog=Catalog(snap.topics, snap.config.needs.match_cutoff), rules=[], needs=snap.needs,
                    unmatched=snap.unmatched, compliance=snap.compliance, ranking=snap.ranking,
                    unit_ranking=snap.unit_ranking, problems=snap.problems, ledger_diffs=snap.ledger_diffs)
