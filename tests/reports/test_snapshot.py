"""analysis.json: written in chunks, yet the very bytes of the models' own JSON, and read back whole."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest
from builders import SAMPLES, run_cli

from needscli.config import Config
from needscli.core.analysis import Analysis
from needscli.io import snapshot as saved
from needscli.pipeline import Job, run_job
from needscli.reports import snapshot
from needscli.reports.gap_report import summary_counts


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
        input_names=[str(p) for p in analysis.inputs.paths], ledger_diffs=analysis.ledger_diffs,
        obligations=analysis.obligations, topic_mapping=analysis.catalog.mapping, summary=summary_counts(analysis))
    assert written == snap.model_dump_json().encode()
    again = saved.load_snapshot(tmp_path)
    assert again.catalog.mapping == analysis.catalog.mapping != []  # the Topic mapping sheet of a re-plan
    assert len(again.needs) == len(analysis.needs)  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def saved_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Analysis]:
    folder = tmp_path_factory.mktemp("saved")
    result = run_job(Job(rosters=[SAMPLES], config=Config(), output=folder, as_of=dt.date(2026, 11, 1)))
    return folder, result.analysis


def test_obligations_and_their_figures_survive_the_round_trip(saved_run: tuple[Path, Analysis]) -> None:
    folder, analysis = saved_run
    again = saved.load_snapshot(folder)
    assert {o.status for o in analysis.obligations} == {"overdue", "due", "met", "unknown"}  # every status is there
    assert again.obligations == analysis.obligations
    assert all(type(o.missing) is tuple for o in again.obligations)
    assert again.needs == analysis.needs
    assert {(n.status, n.deadline is None) for n in again.needs} == {("", True), ("due", False), ("overdue", False)}
    assert [r.standing for r in again.compliance] == [r.standing for r in analysis.compliance]
    assert any(r.standing.online is not None for r in again.compliance)
    for kind in ("needs", "obligations", "compliance"):
        assert again.to_frame(kind).equals(analysis.to_frame(kind)), kind


def test_analysis_json_holds_the_obligation_counts(saved_run: tuple[Path, Analysis]) -> None:
    folder, analysis = saved_run
    written = json.loads((folder / saved.SNAPSHOT).read_bytes())
    assert written["summary"]["obligations"] == summary_counts(analysis)["obligations"]
    assert written["summary"]["overdue_by_unit"] and all(
        set(kinds) == {"appointment", "initial", "rotation", "hours", "online"}
        for kinds in written["summary"]["overdue_by_unit"].values())
    first = written["obligations"][0]
    assert set(first) == {"cadre_id", "kind", "topic_id", "status", "deadline", "overdue_months", "missing",
                          "source_id"}


def test_classes_rewrites_the_same_obligation_sheets(saved_run: tuple[Path, Analysis], tmp_path: Path) -> None:
    folder, _ = saved_run
    result = run_cli("classes", folder, "-o", tmp_path, "-q")
    assert result.exit_code in (0, 1), result.output
    before, after = (openpyxl.load_workbook(f / "gap-report.xlsx", read_only=True) for f in (folder, tmp_path))
    assert after.sheetnames == before.sheetnames
    for sheet in ("概要", "必训任务", "逾期未训（按单位）", "需求明细", "学时达标"):
        assert list(after[sheet].values) == list(before[sheet].values), sheet
    assert (tmp_path / saved.SNAPSHOT).read_bytes() == (folder / saved.SNAPSHOT).read_bytes()


def test_an_analysis_json_without_obligations_still_loads(saved_run: tuple[Path, Analysis], tmp_path: Path) -> None:
    folder, _ = saved_run
    written = json.loads((folder / saved.SNAPSHOT).read_bytes())
    del written["obligations"], written["summary"]
    (tmp_path / saved.SNAPSHOT).write_text(json.dumps(written, ensure_ascii=False), encoding="utf-8")
    assert saved.load_snapshot(tmp_path).obligations == []
