"""analysis.json: written in chunks, yet the very bytes of the models' own JSON, and read back whole."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from builders import SAMPLES

from needscli.config import Config
from needscli.io import snapshot as saved
from needscli.pipeline import Job, run_job
from needscli.reports import snapshot


def test_streamed_analysis_json_is_the_models_own_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(snapshot, "STREAM_CHUNK", 7)
    result = run_job(Job(rosters=[SAMPLES], config=Config(), output=tmp_path, as_of=dt.date(2026, 11, 1)))
    analysis = result.analysis
    assert len(analysis.needs) > 7 * 3
    written = (tmp_path / saved.SNAPSHOT).read_bytes()
    snap = saved.Snapshot.model_construct(
        version=saved.SNAPSHOT_VERSION, as_of=analysis.as_of, lang=analysis.lang, config=analysis.config,
        topics=analysis.catalog.topics, cadres=analysis.cadres, resources=analysis.inputs.resources,
        needs=analysis.needs, compliance=analysis.compliance, unmatched=analysis.unmatched,
        ranking=analysis.ranking, unit_ranking=analysis.unit_ranking, problems=analysis.problems,
        counts=analysis.inputs.counts, skipped=analysis.inputs.skipped,
        input_names=[str(p) for p in analysis.inputs.paths], ledger_diffs=analysis.ledger_diffs)
    assert written == snap.model_dump_json().encode()
    again = saved.load_snapshot(tmp_path)
    assert len(again.needs) == len(analysis.needs)  # type: ignore[attr-defined]
