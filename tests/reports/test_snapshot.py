"""The saved analysis: analysis.json (a summary and the index of its tables) and the Parquet tables of
snapshot/, written a row group at a time, yet the very tables of the analysis, and read back whole."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from collections import Counter
from pathlib import Path

import openpyxl
import pyarrow.parquet as pq
import pytest
from builders import NEEDS_CADRES, SAMPLES, make_needs_workbook, run_cli

from needscli.config import Config
from needscli.core.analysis import Analysis
from needscli.errors import NeedsError
from needscli.io import snapshot as saved
from needscli.pipeline import Job, in_language, run_job
from needscli.reports import ALL_FORMATS, output_names, parquet
from needscli.reports.gap_report import summary_counts

AS_OF = dt.date(2026, 11, 1)
TABLES = ["cadres", "needs", "obligations", "compliance", "ranking", "unit_ranking", "unmatched", "ledger_diffs"]


@pytest.fixture(scope="module")
def saved_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Analysis]:
    folder = tmp_path_factory.mktemp("saved")
    result = run_job(Job(rosters=[SAMPLES], config=Config(), output=folder, as_of=AS_OF))
    return folder, result.analysis


def test_tables_written_in_row_groups_are_the_analysis_and_the_index_is_the_models_own_json(
        saved_run: tuple[Path, Analysis], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    whole, _ = saved_run
    monkeypatch.setattr(parquet, "ROW_GROUP", 7)
    analysis = run_job(Job(rosters=[SAMPLES], config=Config(), output=tmp_path, as_of=AS_OF)).analysis
    assert len(analysis.needs) > 7 * 3
    assert list(saved.RECORD_TABLES) == TABLES
    assert sorted(p.name for p in (tmp_path / saved.SNAPSHOT_DIR).iterdir()) == sorted(f"{t}.parquet" for t in TABLES)
    tables = {}
    for name in TABLES:
        path = tmp_path / saved.SNAPSHOT_DIR / f"{name}.parquet"
        rows = len(getattr(analysis, name))
        assert pq.read_metadata(path).num_row_groups == max(-(-rows // 7), 1), name  # written 7 rows at a time
        # yet the same table as one written in groups of ROW_GROUP rows
        assert pq.read_table(path).equals(pq.read_table(whole / saved.SNAPSHOT_DIR / f"{name}.parquet")), name
        tables[name] = saved.TableFile(file=f"snapshot/{name}.parquet", rows=rows,
                                       sha256=hashlib.sha256(path.read_bytes()).hexdigest())
    written = (tmp_path / saved.SNAPSHOT).read_bytes()
    index = saved.SnapshotIndex.model_construct(
        version=saved.SNAPSHOT_VERSION, as_of=analysis.as_of, lang=analysis.lang, roster_lang=analysis.inputs.lang,
        pseudonymized=False, counts=analysis.inputs.counts, skipped=analysis.inputs.skipped,
        input_names=[str(p) for p in analysis.inputs.paths], summary=summary_counts(analysis),
        outputs=[*output_names(ALL_FORMATS), saved.SNAPSHOT, *(t.file for t in tables.values())], tables=tables,
        problems=analysis.problems, config=analysis.config, topics=analysis.catalog.topics,
        resources=analysis.inputs.resources, topic_mapping=analysis.catalog.mapping,
        plan_start=dt.date(2026, 12, 1), periods=12)  # the plan's, for a re-plan to keep
    assert json.loads(written) == json.loads(index.model_dump_json())
    assert saved.SnapshotIndex.model_validate_json(written).model_dump_json(indent=1).encode() == written
    again = saved.load_snapshot(tmp_path)
    assert again.catalog.mapping == analysis.catalog.mapping != []  # the Topic mapping sheet of a re-plan
    for name in TABLES:
        assert getattr(again, name) == getattr(analysis, name), name  # read back whole, record for record
    assert (again.problems, again.config, again.catalog.topics, again.inputs.resources) == (
        analysis.problems, analysis.config, analysis.catalog.topics, analysis.inputs.resources)


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


def test_the_snapshot_holds_the_obligation_counts_and_every_obligation(saved_run: tuple[Path, Analysis]) -> None:
    folder, analysis = saved_run
    written = json.loads((folder / saved.SNAPSHOT).read_bytes())
    assert written["summary"]["obligations"] == summary_counts(analysis)["obligations"]
    assert written["summary"]["overdue_by_unit"] and all(
        set(kinds) == {"appointment", "initial", "rotation", "hours", "online"}
        for kinds in written["summary"]["overdue_by_unit"].values())
    assert "obligations" not in written  # the list itself is a table of snapshot/
    assert written["tables"]["obligations"]["file"] == "snapshot/obligations.parquet"
    table = pq.read_table(folder / written["tables"]["obligations"]["file"])
    assert table.column_names == ["cadre_id", "kind", "topic_id", "status", "deadline", "overdue_months", "missing",
                                  "source_id"]
    assert table.num_rows == written["tables"]["obligations"]["rows"] == len(analysis.obligations)
    rows = table.to_pylist()
    assert [(r["cadre_id"], r["kind"], r["status"]) for r in rows] == [
        (o.cadre_id, o.kind, o.status) for o in analysis.obligations]
    counted = Counter((r["kind"], r["status"]) for r in rows)  # the summary counts the table's rows
    assert {kind: {status: counted.get((kind, status), 0) for status in statuses}
            for kind, statuses in written["summary"]["obligations"].items()} == written["summary"]["obligations"]
    assert sum(counted.values()) == sum(sum(s.values()) for s in written["summary"]["obligations"].values())


def test_classes_rewrites_the_same_obligation_sheets(saved_run: tuple[Path, Analysis], tmp_path: Path) -> None:
    folder, _ = saved_run
    result = run_cli("classes", folder, "-o", tmp_path, "-q")
    assert result.exit_code in (0, 1), result.output
    before, after = (openpyxl.load_workbook(f / "gap-report.xlsx", read_only=True) for f in (folder, tmp_path))
    assert after.sheetnames == before.sheetnames
    for sheet in ("概要", "必训任务", "逾期未训（按单位）", "需求明细", "学时达标"):
        assert list(after[sheet].values) == list(before[sheet].values), sheet
    assert (tmp_path / saved.SNAPSHOT).read_bytes() == (folder / saved.SNAPSHOT).read_bytes()


def test_an_analysis_json_of_version_1_without_obligations_still_loads(saved_run: tuple[Path, Analysis],
                                                                        tmp_path: Path) -> None:
    """analysis.json as needscli 1 wrote it before obligations were saved: everything in one JSON document,
    no obligations and no summary, and no snapshot/ beside it."""
    folder, analysis = saved_run
    written = json.loads(saved.read_snapshot(folder).model_dump_json())
    written["version"] = 1
    del written["obligations"], written["summary"]
    (tmp_path / saved.SNAPSHOT).write_text(json.dumps(written, ensure_ascii=False), encoding="utf-8")
    again = saved.load_snapshot(tmp_path)
    assert again.obligations == []
    assert (again.needs, again.cadres, again.compliance) == (analysis.needs, analysis.cadres, analysis.compliance)
    assert sorted(p.name for p in tmp_path.iterdir()) == [saved.SNAPSHOT]


def test_a_re_plan_takes_the_language_asked_for_or_the_rosters(tmp_path: Path) -> None:
    """A Chinese roster analyzed in English (analyze --lang en): the snapshot keeps both languages, so a re-plan
    (classes --lang) says it in either; auto is the roster's. Its problems are said in Chinese as a Chinese run says
    them; an analysis.json without the roster's language takes the run's for it."""
    bad_date = ["C07", "吴乡", "城关镇", "党政办", "科员", "一级科员", "公务员", "2023.13", "2010-07", 100, None, None,
                None, None, None]
    roster_path = make_needs_workbook(tmp_path, [*NEEDS_CADRES, bad_date])
    for lang in ("en", "zh"):
        run_job(Job(rosters=[roster_path], config=Config(), output=tmp_path / lang, as_of=AS_OF, lang=lang))
    english, chinese = saved.load_snapshot(tmp_path / "en"), saved.load_snapshot(tmp_path / "zh")
    assert (english.lang, english.inputs.lang) == ("en", "zh")
    assert in_language(english, "en") is english and in_language(english, "auto").lang == "zh"
    said = in_language(english, "zh")
    assert said.lang == "zh" and [p.message for p in english.problems] != [p.message for p in chinese.problems]
    assert [p.message for p in said.problems] == [p.message for p in chinese.problems]
    assert in_language(chinese, "en").lang == "en"
    written = json.loads((tmp_path / "en" / saved.SNAPSHOT).read_text(encoding="utf-8"))
    del written["roster_lang"]
    (tmp_path / "en" / saved.SNAPSHOT).write_text(json.dumps(written, ensure_ascii=False), encoding="utf-8")
    assert in_language(saved.load_snapshot(tmp_path / "en"), "auto").lang == "en"


@pytest.mark.parametrize("value", [-1, "forty"])
def test_an_analysis_json_with_a_config_value_out_of_range_is_damaged(saved_run: tuple[Path, Analysis],
                                                                      tmp_path: Path, value: object) -> None:
    """A config value no needscli writes (edited by hand, or the file damaged) calls the file damaged, at that key,
    as any other field out of its range does: not the error a config file's fault is (Config checks what it is
    given when called, not when it is read back as part of a saved analysis)."""
    folder, _ = saved_run
    written = json.loads((folder / saved.SNAPSHOT).read_text(encoding="utf-8"))
    written["config"]["classes"]["max_size"] = value
    (tmp_path / saved.SNAPSHOT).write_text(json.dumps(written, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(NeedsError) as caught:
        saved.read_snapshot(tmp_path)
    assert str(caught.value) == (f"{tmp_path / saved.SNAPSHOT}: damaged analysis file (at config.classes.max_size); "
                                 "run needscli analyze again")
    result = run_cli("classes", tmp_path, "-o", tmp_path / "again", env={"NEEDSCLI_LANG": "zh"})
    assert (result.exit_code, result.stderr) == (2, f"错误：{tmp_path / saved.SNAPSHOT}：分析结果文件已损坏（位于 "
                                                    "config.classes.max_size）；请重新运行 needscli analyze\n")


@pytest.mark.parametrize(("key", "value"), [("periods", -1), ("periods", 10**30), ("periods", 0),
                                            ("plan_start", "9999-12-01"), ("as_of", "0001-01-01")])
def test_an_analysis_json_with_a_plan_no_run_could_make_is_damaged(saved_run: tuple[Path, Analysis], tmp_path: Path,
                                                                    key: str, value: object) -> None:
    """The plan's months and a run's dates are held to what the command line takes (1 to 120 months, the years
    1900 to 2999): a plan of -1 months or one starting 9999-12-01 (counted on past the calendar) was an internal
    error of classes, with nothing said of the file; it is a damaged file, at that key."""
    folder, _ = saved_run
    shutil.copytree(folder, tmp_path / "run")
    written = json.loads((tmp_path / "run" / saved.SNAPSHOT).read_text(encoding="utf-8"))
    written[key] = value
    (tmp_path / "run" / saved.SNAPSHOT).write_text(json.dumps(written, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(NeedsError) as caught:
        saved.read_snapshot(tmp_path / "run")
    assert str(caught.value) == (f"{tmp_path / 'run' / saved.SNAPSHOT}: damaged analysis file (at {key}); run needscli "
                                 "analyze again")
    result = run_cli("classes", tmp_path / "run", "-o", tmp_path / "again", env={"NEEDSCLI_LANG": "zh"})
    assert (result.exit_code, result.stderr) == (2, f"错误：{tmp_path / 'run' / saved.SNAPSHOT}：分析结果文件已损坏"
                                                    f"（位于 {key}）；请重新运行 needscli analyze\n")
    assert not (tmp_path / "again").exists()


@pytest.mark.parametrize(("key", "value", "at"), [
    ("version", "4", "version"), ("version", -1, "version"), ("version", True, "version"), ("version", 4.0, "version"),
    ("periods", "12", "periods"), ("periods", True, "periods"), ("periods", 12.0, "periods"),
    ("as_of", 0, "as_of"), ("plan_start", "2026-12-01T00:00:00", "plan_start"), ("pseudonymized", "no", "pseudonymized"),
    ("pseudonymized", 0, "pseudonymized"), ("counts", {"roster": "3"}, "counts.roster"),
    ("tables", {"cadres": {"file": "snapshot/cadres.parquet", "rows": "6", "sha256": ""}}, "tables.cadres.rows")])
def test_an_analysis_json_key_of_another_type_than_a_run_writes_is_damaged(
        saved_run: tuple[Path, Analysis], tmp_path: Path, key: str, value: object, at: str) -> None:
    """A hand edit of analysis.json's own keys to a value of another type than a run writes there (the version "4"
    or true, the plan's months as the text "12", a date as a number) was taken as the value it could be made into
    (true as version 1, re-planned as a folder of before version 4; 0 as 1970-01-01): each is a damaged file, at
    that key, with what was expected."""
    folder, _ = saved_run
    shutil.copytree(folder, tmp_path / "run")
    written = json.loads((tmp_path / "run" / saved.SNAPSHOT).read_text(encoding="utf-8"))
    written[key] = {**written[key], **value} if isinstance(value, dict) else value
    (tmp_path / "run" / saved.SNAPSHOT).write_text(json.dumps(written, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(NeedsError) as caught:
        saved.read_snapshot(tmp_path / "run")
    assert str(caught.value) == (f"{tmp_path / 'run' / saved.SNAPSHOT}: damaged analysis file (at {at}); run needscli "
                                 "analyze again")
    assert [(p.column, p.code) for p in caught.value.problems] == [(at, "bad-value")]
    assert caught.value.problems[0].expected
    result = run_cli("classes", tmp_path / "run", "-o", tmp_path / "again", env={"NEEDSCLI_LANG": "zh"})
    assert (result.exit_code, result.stderr) == (2, f"错误：{tmp_path / 'run' / saved.SNAPSHOT}：分析结果文件已损坏"
                                                    f"（位于 {at}）；请重新运行 needscli analyze\n")


def test_a_folder_of_version_2_is_read_its_config_taking_the_later_settings_defaults(
        saved_run: tuple[Path, Analysis], tmp_path: Path) -> None:
    """A run folder as needscli wrote it at version 2: no [rosters] daily_sign_in_days, [classes] meets_on_rest_days
    [report] in its config, no roster_lang. This needscli reads it; one of version 2 calls a folder of this version
    a newer needscli's."""
    folder, analysis = saved_run
    old = tmp_path / "old"
    shutil.copytree(folder, old)
    written = json.loads((old / saved.SNAPSHOT).read_text(encoding="utf-8"))
    assert written["version"] == saved.SNAPSHOT_VERSION > 2
    written["version"] = 2
    del written["roster_lang"], written["config"]["report"], written["config"]["rosters"]["daily_sign_in_days"]
    for key in ("meets_on_rest_days", "working_days_up_to", "workdays"):
        del written["config"]["classes"][key]
    (old / saved.SNAPSHOT).write_text(json.dumps(written, ensure_ascii=False), encoding="utf-8")
    again = saved.load_snapshot(old)
    # its classes planned as they were, on consecutive days, where this version keeps them off weekends
    assert again.config == Config.model_validate({"classes": {"meets_on_rest_days": True}})
    assert (again.needs, again.cadres) == (analysis.needs, analysis.cadres)
    assert saved.load_snapshot(folder).config == Config()
