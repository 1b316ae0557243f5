"""--formats (and [options] formats of needscli.toml) choose the outputs written; the snapshot needscli classes
reads is written whatever they say, and classes re-forms from it the classes analyze formed."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from pathlib import Path

import pytest
from builders import (
    NEEDS_AS_OF,
    PARQUET_OUTPUTS,
    SAMPLES,
    make_needs_workbook,
    run_analyze,
    run_cli,
    run_needscli,
)

from needscli.core.analysis import Analysis
from needscli.io.snapshot import RECORD_TABLES, SNAPSHOT_VERSION, Snapshot, load_snapshot

PARQUET = PARQUET_OUTPUTS
CSV = ["assignments.csv", "classes.csv", "needs.csv", "plan.csv"]
XLSX = ["class-rosters.xlsx", "gap-report.xlsx"]
SNAPSHOT = ["analysis.json", "snapshot"]
TABLES = sorted(f"{name}.parquet" for name in RECORD_TABLES)


def written(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture(scope="module")
def roster(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_needs_workbook(tmp_path_factory.mktemp("formats"))


def test_by_default_every_format_and_the_snapshot_are_written(roster: Path, tmp_path: Path) -> None:
    result = run_analyze(roster, "-o", tmp_path, "--as-of", NEEDS_AS_OF, "-q")
    assert result.exit_code == 0, result.output
    assert written(tmp_path) == sorted([*PARQUET, *CSV, *XLSX, *SNAPSHOT])
    assert written(tmp_path / "snapshot") == TABLES


@pytest.mark.parametrize(("formats", "expected"), [
    ("csv", CSV), ("parquet,xlsx", [*PARQUET, *XLSX]), (" Parquet ", PARQUET), ("xlsx,,csv", [*XLSX, *CSV]),
])
def test_formats_choose_the_outputs(roster: Path, tmp_path: Path, formats: str, expected: list[str]) -> None:
    result = run_analyze(roster, "-o", tmp_path, "--as-of", NEEDS_AS_OF, "--formats", formats, "-q")
    assert result.exit_code == 0, result.output
    assert written(tmp_path) == sorted([*expected, *SNAPSHOT])
    assert written(tmp_path / "snapshot") == TABLES
    index = json.loads((tmp_path / "analysis.json").read_text(encoding="utf-8"))
    assert sorted(name for name in index["outputs"] if "/" not in name) == sorted([*expected, "analysis.json"])


@pytest.mark.parametrize("value", ["pdf", "csv,json", ",", "xlsx;csv"])
def test_a_bad_formats_value_exits_2_in_chinese_and_writes_nothing(roster: Path, tmp_path: Path, value: str,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A value refused on the command line is a usage error (用法错误, usage-error), as the README's exit codes say."""
    out = tmp_path / "out"
    result = run_needscli("analyze", roster, "-o", out, "--as-of", NEEDS_AS_OF, "--formats", value,
                          env={"NEEDSCLI_LANG": None, "LANG": "C.UTF-8", "LC_ALL": None})
    assert result.returncode == 2
    assert result.stderr.endswith(f"用法错误：--formats 的取值“{value}”无效：可选 xlsx、csv、parquet 中的一种或几种，"
                                  "用逗号分隔（例如 --formats csv,parquet）；没有写入任何文件\n")
    assert not out.exists()


def test_a_bad_formats_value_in_english(roster: Path, tmp_path: Path) -> None:
    result = run_analyze(roster, "-o", tmp_path / "out", "--formats", "pdf", "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr.endswith('Error: --formats: "pdf" is not a list of output formats: choose one or more of '
                                  "xlsx, csv, parquet, separated by commas (e.g. --formats csv,parquet); nothing was "
                                  "written\n")


def test_the_project_file_chooses_the_formats_and_the_command_line_wins(roster: Path, tmp_path: Path) -> None:
    project = tmp_path / "needscli.toml"
    project.write_text(f'[options]\nas_of = "{NEEDS_AS_OF}"\nformats = ["parquet"]\n', encoding="utf-8")
    out = tmp_path / "out"
    assert run_analyze(roster, "-o", out, "--project", project, "-q").exit_code == 0
    assert written(out) == sorted([*PARQUET, *SNAPSHOT])
    again = tmp_path / "again"
    assert run_analyze(roster, "-o", again, "--project", project, "--formats", "csv", "-q").exit_code == 0
    assert written(again) == sorted([*CSV, *SNAPSHOT])
    project.write_text('[options]\nformats = "csv,docx"\n', encoding="utf-8")
    result = run_analyze(roster, "-o", tmp_path / "bad", "--project", project)
    assert result.exit_code == 2
    assert result.stderr.startswith('Error: needscli.toml [options] formats: "csv,docx" is not a list of output')
    assert not (tmp_path / "bad").exists()


def test_a_project_file_given_as_config_says_its_options_are_not_used(roster: Path, tmp_path: Path) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text('[options]\nformats = ["parquet"]\n\n[classes]\nmax_size = 40\n', encoding="utf-8")
    out = tmp_path / "out"
    result = run_analyze(roster, "-o", out, "--as-of", NEEDS_AS_OF, "--config", settings, "-q")
    assert result.exit_code == 1, result.output  # the warning is the run's one problem
    assert written(out) == sorted([*PARQUET, *CSV, *XLSX, *SNAPSHOT])  # [options] formats not used
    index = json.loads((out / "analysis.json").read_text(encoding="utf-8"))
    assert index["config"]["classes"]["max_size"] == 40  # its thresholds are
    [problem] = index["problems"]
    assert (problem["code"], problem["file"], problem["severity"]) == ("config-sections-unused", "settings.toml",
                                                                       "warning")
    assert problem["message"] == ("settings.toml：以 --config 给出的文件只采用其中的阈值和 [columns]，[options] 未采用；"
                                  "要按它们运行，请改用 --project 给出该文件")
    checked = run_cli("validate", roster, "--config", settings, "--lang", "en", "--format", "json")
    assert checked.exit_code == 1
    assert [p["message"] for p in json.loads(checked.stdout)["problems"]] == [
        "settings.toml: [options] is not used from a file given as --config (its thresholds and [columns] are); to "
        "run with it, give the file as --project"]
    # the same file as the project file: its options are used, nothing to say
    again = tmp_path / "again"
    result = run_analyze(roster, "-o", again, "--as-of", NEEDS_AS_OF, "--config", settings, "--project", settings,
                         "-q")
    assert result.exit_code == 0, result.output
    assert written(again) == sorted([*PARQUET, *SNAPSHOT])


# --- needscli classes: the snapshot read back -----------------------------------------------------------

@pytest.fixture(scope="module")
def analyzed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("analyzed")
    result = run_analyze(SAMPLES, "-o", out, "--as-of", NEEDS_AS_OF, "-q")
    assert result.exit_code == 1, result.output  # the samples' warnings, on purpose
    return out


def test_classes_forms_from_the_snapshot_the_classes_analyze_formed(analyzed: Path, tmp_path: Path) -> None:
    result = run_cli("classes", analyzed, "-o", tmp_path, "-q")
    assert result.exit_code == 1, result.output
    assert written(tmp_path) == written(analyzed)
    for name in [*CSV, *PARQUET, "analysis.json", *(f"snapshot/{t}" for t in TABLES)]:
        assert (tmp_path / name).read_bytes() == (analyzed / name).read_bytes(), name


def test_classes_writes_the_formats_asked_for(analyzed: Path, tmp_path: Path) -> None:
    result = run_cli("classes", analyzed, "-o", tmp_path, "--formats", "parquet", "--max-size", 30, "-q")
    assert result.exit_code == 1, result.output
    assert written(tmp_path) == sorted([*PARQUET, *SNAPSHOT])
    bad = run_needscli("classes", analyzed, "-o", tmp_path / "bad", "--formats", "html")
    assert bad.returncode == 2
    assert "用法错误：--formats 的取值“html”无效" in bad.stderr  # the samples' language, though the locale is English
    assert not (tmp_path / "bad").exists()


def write_version_1(analysis: Analysis, folder: Path) -> None:
    """analysis.json as needscli wrote it before the snapshot's tables: everything in one JSON document."""
    snap = Snapshot.model_construct(
        version=1, as_of=analysis.as_of, lang=analysis.lang, config=analysis.config, topics=analysis.catalog.topics,
        cadres=analysis.cadres, resources=analysis.inputs.resources, needs=analysis.needs,
        compliance=analysis.compliance, unmatched=analysis.unmatched, ranking=analysis.ranking,
        unit_ranking=analysis.unit_ranking, problems=analysis.problems, counts=analysis.inputs.counts,
        skipped=analysis.inputs.skipped, input_names=[str(p) for p in analysis.inputs.paths],
        ledger_diffs=analysis.ledger_diffs, obligations=analysis.obligations, topic_mapping=analysis.catalog.mapping)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "analysis.json").write_bytes(snap.model_dump_json().encode())


def test_classes_reads_a_folder_of_the_previous_version(analyzed: Path, tmp_path: Path) -> None:
    old, analysis = tmp_path / "old", load_snapshot(analyzed)
    write_version_1(analysis, old)
    assert sorted(p.name for p in old.iterdir()) == ["analysis.json"]
    again = load_snapshot(old)
    assert (again.needs, again.cadres, again.obligations) == (analysis.needs, analysis.cadres, analysis.obligations)
    result = run_cli("classes", old, "-o", tmp_path / "new", "-q")
    assert result.exit_code == 1, result.output
    for name in ("classes.csv", "assignments.csv"):
        assert (tmp_path / "new" / name).read_bytes() == (analyzed / name).read_bytes(), name
    # the same classes, dated as that version dated them: consecutive days (meets_on_rest_days), as handed out
    plan = list(csv.DictReader(io.StringIO((tmp_path / "new" / "plan.csv").read_text(encoding="utf-8-sig"))))
    ours = list(csv.DictReader(io.StringIO((analyzed / "plan.csv").read_text(encoding="utf-8-sig"))))
    assert [r["class_id"] for r in plan] == [r["class_id"] for r in ours]
    for row in plan:
        first, last = (dt.date.fromisoformat(row[k]) for k in ("start_date", "end_date"))
        assert (last - first).days + 1 == max(float(row["days"]), 1), row
    # the re-plan saves the new snapshot: classes then reads that one
    assert json.loads((tmp_path / "new" / "analysis.json").read_text(encoding="utf-8"))["version"] == SNAPSHOT_VERSION == 4


def test_classes_names_what_is_wrong_with_a_snapshot(analyzed: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(analyzed, copy)
    (copy / "snapshot" / "obligations.parquet").unlink()
    result = run_cli("classes", copy, "-q")
    assert result.exit_code == 2
    assert result.stderr == (f"错误：{copy / 'snapshot' / 'obligations.parquet'}：找不到已保存分析的这张数据表；"
                             "请重新运行 needscli analyze\n")
    shutil.copy(analyzed / "snapshot" / "needs.parquet", copy / "snapshot" / "obligations.parquet")
    result = run_cli("classes", copy, "-q")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"错误：{copy / 'snapshot' / 'obligations.parquet'}：写出以后已被改动或损坏（")
