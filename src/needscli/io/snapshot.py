"""analysis.json read back: the results of a run, so classes can be re-formed without re-reading the roster."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from needscli.config import Config
from needscli.core.analysis import Analysis
from needscli.core.catalog import Catalog, TopicMapping
from needscli.core.need_results import ComplianceRow, Unmatched
from needscli.core.obligations import Obligation
from needscli.core.ranking import TopicRank
from needscli.errors import NeedsError, Problem, validation_problems
from needscli.models import Cadre, Inputs, LedgerDiff, Need, Resource, Topic

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
    obligations: list[Obligation] = []  # every cadre's, met or not
    topic_mapping: list[TopicMapping] = []  # the catalog's mapping, for the Topic mapping sheet of a re-plan
    summary: dict[str, Any] = {}  # the run's counts (reports.gap_report.summary_counts), for scripts; not read back
    # --pseudonymize: ids and names are tokens, input_names file names, and each cadre holds only what
    # classes reads back (reports.snapshot.PLANNED_FIELDS); a re-plan keeps it so
    pseudonymized: bool = False


def load_snapshot(path: Path) -> Analysis:
    """Rebuild the Analysis saved by save_snapshot()."""
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
        # the file holds the roster: its values stay out of the message
        problems = validation_problems(exc, path.name, show_input=False)
        where = ", ".join(p.column or "top level" for p in problems[:3]) + (", ..." if len(problems) > 3 else "")
        raise NeedsError(f"{path}: damaged analysis file (at {where}); run needscli analyze again",
                         problems=problems) from None
    catalog = Catalog(snap.topics, snap.config.needs.match_cutoff)
    catalog.remember(snap.topic_mapping)
    inputs = Inputs(cadres=snap.cadres, resources=snap.resources, counts=snap.counts, skipped=snap.skipped,
                    paths=[Path(p) for p in snap.input_names], problems=snap.problems, lang=snap.lang)
    return Analysis(inputs=inputs, config=snap.config, as_of=snap.as_of, lang=snap.lang,
                    catalog=catalog, rules=[], needs=snap.needs,
                    unmatched=snap.unmatched, compliance=snap.compliance, ranking=snap.ranking,
                    unit_ranking=snap.unit_ranking, problems=snap.problems, ledger_diffs=snap.ledger_diffs,
                    obligations=snap.obligations, pseudonymized=snap.pseudonymized)
