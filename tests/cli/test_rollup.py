"""needscli rollup on the command line: the samples analyzed in three parts by unit roll up to the run of
the whole; the exit codes and the messages of a refusal."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import openpyxl
import pytest
from builders import SAMPLES, run_analyze, run_cli

from needscli.core.ranking import borich_mwds, rating_pairs
from needscli.io.snapshot import load_snapshot, read_snapshot

AS_OF = "2026-11-01"
# the samples' units in three groups of different sizes (a unit written with a stray space is the same unit)
GROUPS = [("XX县人民政府", "市委组织部"), ("市市场监督管理局", "市城市投资集团有限公司", "市财政局"),
          ("市发展和改革委员会", "市生态环境局", "市应急管理局")]
ROSTER_FIRST_ROW = 4  # below the title, the 填报单位 line and the header


def split_samples(folder: Path) -> list[Path]:
    """The samples workbook in three, each with the roster rows of one group of units and every other sheet."""
    parts = []
    for n, units in enumerate(GROUPS):
        book = openpyxl.load_workbook(SAMPLES)
        ws = book.worksheets[0]
        kept = [list(row) for row in ws.iter_rows(min_row=ROSTER_FIRST_ROW, values_only=True)
                if str(row[2]).strip() in units]
        ws.delete_rows(ROSTER_FIRST_ROW, ws.max_row)
        for row in kept:
            ws.append(row)
        parts.append(folder / f"part{n}.xlsx")
        book.save(parts[-1])
    return parts


def analyze_into(roster: Path, out: Path) -> Path:
    result = run_analyze(roster, "-o", out, "--as-of", AS_OF, "--quiet")
    assert result.exit_code == 1, result.output  # the samples' warnings, on purpose
    return out


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Path], Path, Path]:
    """The three parts' runs, the whole's run, and the parts' roll-up (exit 0: no warning)."""
    folder = tmp_path_factory.mktemp("samples")
    parts = [analyze_into(book, folder / f"out{n}") for n, book in enumerate(split_samples(folder))]
    whole = analyze_into(SAMPLES, folder / "whole")
    result = run_cli("rollup", *parts, "-o", folder / "rollup", "--quiet")
    assert (result.exit_code, result.stderr) == (0, "")
    return parts, whole, folder / "rollup"


def read_table(folder: Path, name: str) -> list[dict[str, str]]:
    """A table the roll-up wrote, as text (Parquet or CSV, whichever it is)."""
    if (folder / f"{name}.parquet").exists():
        pq = pytest.importorskip("pyarrow.parquet")
        return [{k: "" if v is None else str(v) for k, v in row.items()}
                for row in pq.read_table(folder / f"{name}.parquet").to_pylist()]
    with open(folder / f"{name}.csv", encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_three_parts_roll_up_to_the_whole_samples_run(samples: tuple[list[Path], Path, Path]) -> None:
    parts, whole, rolled = samples
    assert sum(json.loads((p / "analysis.json").read_text(encoding="utf-8"))["counts"]["roster"] for p in parts) == 480
    saved = read_snapshot(whole)
    summary = saved.summary
    # needs by source, obligations by kind and status
    assert {r["source"]: int(r["needs"]) for r in read_table(rolled, "sources")} == summary["needs_by_source"]
    assert {r["kind"]: {s: int(r[s]) for s in ("due", "overdue", "met", "unknown")}
            for r in read_table(rolled, "obligations")} == summary["obligations"]
    # compliance: met among those reported, and those not reported
    compliance = read_table(rolled, "compliance_by_unit")
    met, short = (sum(int(r[k]) for r in compliance) for k in ("met", "short"))
    assert round(met / (met + short), 4) == summary["compliance_rate"]
    assert sum(int(r["not_reported"]) for r in compliance) == summary["hours_not_reported"]
    # needs by topic as the whole run ranks them, MWDS to 4 places as it shows them
    topics = {r["topic_id"]: r for r in read_table(rolled, "topics")}
    for rank in saved.ranking:
        topic = topics[rank.topic_id]
        assert (int(topic["rank"]), int(topic["cadres"]), float(topic["demand"]), int(topic["respondents"])) == (
            rank.rank, rank.cadres, rank.demand, rank.respondents), rank.topic_id
        if rank.mwds is not None:
            assert float(topic["mwds"]) == rank.mwds  # the same figure, not merely the same to 4 places
            assert int(topic["rank_mwds"]) == rank.rank_mwds
    # MWDS from the whole roster's ratings, by Borich's formula, against the pooled parts: to 4 places
    analysis = load_snapshot(whole)
    pairs = rating_pairs(analysis.cadres, analysis.catalog)
    assert len(pairs) == 3
    for topic_id, ratings in pairs.items():
        assert float(topics[topic_id]["mwds"]) == round(borich_mwds(ratings), 4)
    # needs by level, obligations and compliance by organizer and unit: as the whole's roll-up of its own
    result = run_cli("rollup", whole, "-o", rolled.parent / "whole-rollup", "--quiet")
    assert result.exit_code == 0
    for name in ("topics", "training_types", "sources", "levels", "obligations"):
        assert read_table(rolled, name) == read_table(rolled.parent / "whole-rollup", name), name
    # the by-unit tables: each row of the parts' roll-up is of the run its unit is in, named by its folder as given;
    # without that column, the whole's rows (each unit in one part)
    for name in ("obligations_by_unit", "compliance_by_unit"):
        rows = read_table(rolled, name)
        assert {row["run"] for row in rows} == {str(p) for p in parts}, name
        assert {row["unit"].strip(): row["run"] for row in rows} == {
            unit: str(part) for units, part in zip(GROUPS, parts, strict=True) for unit in units}, name
        without = sorted(tuple(v for k, v in row.items() if k != "run") for row in rows)
        assert without == sorted(tuple(v for k, v in row.items() if k != "run")
                                 for row in read_table(rolled.parent / "whole-rollup", name)), name


def test_the_workbook_sums_up_the_rollup_in_chinese(samples: tuple[list[Path], Path, Path]) -> None:
    book = openpyxl.load_workbook(samples[2] / "rollup.xlsx")
    figures = {row[0]: row[1] for row in book["汇总"].iter_rows(min_row=4, values_only=True)}
    assert (figures["汇总的运行数"], figures["分析干部数"], figures["培训需求数"], figures["分析基准日"]) == (3, 480, 4759, AS_OF)
    # counts and sums thousands apart, as a person reads them (574020.44 was printed so), the Summary's too
    counts = {row[0].value: row[1].number_format for row in book["汇总"].iter_rows(min_row=4) if row[0].value}
    assert counts["分析干部数"] == counts["培训需求数"] == "#,##0"
    topics = book["主题排序"]
    header = [c.value for c in topics[1]]
    assert topics.cell(2, header.index("需求加权分") + 1).number_format in ("#,##0.0#", "#,##0")  # a fraction, or whole
    assert topics.cell(2, header.index("需求人数") + 1).number_format == "#,##0"


def test_the_terminal_prints_counts_thousands_apart(samples: tuple[list[Path], Path, Path], tmp_path: Path) -> None:
    result = run_cli("rollup", *samples[0], "-o", tmp_path / "r")
    assert result.exit_code == 0
    assert re.search(r"培训需求数\s*│\s*4,759", result.stdout), result.stdout


def test_a_folder_that_is_no_run_is_refused_with_exit_2(samples: tuple[list[Path], Path, Path], tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEEDSCLI_LANG")  # the locale says nothing: Chinese
    result = run_cli("rollup", samples[0][0], SAMPLES, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert result.stderr == (f"错误：{SAMPLES}：不是 needscli 的输出文件夹（其中没有 needscli 写出的 analysis.json），"
                             "无法汇总；请给出 needscli analyze 用 -o 写出的文件夹\n")
    assert not (tmp_path / "out").exists()


def test_a_rollups_folder_or_a_runs_snapshot_is_refused_saying_what_to_give(samples: tuple[list[Path], Path, Path],
                                                                             tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A province's roll-up given to the nation's: it keeps no cadre's rows; the runs it rolled up are named. A run's
    snapshot/ given for the run: the run is named."""
    monkeypatch.delenv("NEEDSCLI_LANG")  # the locale says nothing: Chinese
    parts, _, rolled = samples
    result = run_cli("rollup", rolled, parts[0], "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"错误：{rolled}：是 needscli rollup 写出的汇总文件夹，不能再次汇总")
    assert f"请把它所汇总的各次运行（{'、'.join(map(str, parts))}）与其他运行的文件夹一起交给 rollup" in result.stderr
    snapshot = run_cli("rollup", parts[0] / "snapshot", "-o", tmp_path / "out")
    assert (snapshot.exit_code, snapshot.stderr) == (
        2, f"错误：{parts[0] / 'snapshot'}：是一次运行的 snapshot 文件夹；请给出该次运行的文件夹 {parts[0]}\n")
    assert not (tmp_path / "out").exists()


def test_the_same_run_twice_is_refused_with_exit_2(samples: tuple[list[Path], Path, Path], tmp_path: Path) -> None:
    first = samples[0][0]
    result = run_cli("rollup", first, samples[0][1], first.parent / "." / first.name, "-o", tmp_path / "out",
                     "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr == f"Error: {first}: given twice; rolled up twice it would be counted twice: give each run once\n"
    spelled = first.parent / ".." / first.parent.name / first.name
    result = run_cli("rollup", first, spelled, "-o", tmp_path / "out", "--lang", "en")
    assert (result.exit_code, result.stderr) == (2, f"Error: {spelled}: the same folder as {first}, given twice; rolled "
                                                    "up twice it would be counted twice: give each run once\n")
    assert not (tmp_path / "out").exists()


def test_the_rollup_is_not_written_into_a_run_folder(samples: tuple[list[Path], Path, Path]) -> None:
    parts = samples[0]
    result = run_cli("rollup", *parts, "-o", parts[1], "--lang", "en")
    assert result.exit_code == 3
    assert "a run folder being rolled up" in result.stderr
    assert not (parts[1] / "rollup.xlsx").exists()


def test_warnings_go_to_stderr_and_exit_1(samples: tuple[list[Path], Path, Path], tmp_path: Path) -> None:
    parts, whole, _ = samples
    result = run_cli("rollup", parts[0], whole, "-o", tmp_path / "out", "--lang", "en", "--format", "json")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Warning: 140 cadre(s) appear in more than one run ({parts[0]}, {whole})")
    summary = json.loads(result.stdout)
    assert [w["code"] for w in summary["warnings"]] == ["rollup-shared-cadres"]
    assert (summary["counts"]["runs"], summary["counts"]["cadres"], summary["exit_code"]) == (2, 620, 1)
    assert [r["lang"] for r in summary["runs"]] == ["zh", "zh"]  # as runs.parquet has it
    rated = [t for t in summary["topics"] if t["respondents"]]
    assert rated and all(t["mwds"] == round(t["importance_sum"] * t["discrepancy_sum"] / t["respondents"] ** 2, 4)
                         for t in rated)
    assert openpyxl.load_workbook(tmp_path / "out" / "rollup.xlsx").sheetnames[-1] == "Warnings"
    chinese = run_cli("rollup", parts[0], whole, "-o", tmp_path / "zh", "--lang", "zh")
    assert chinese.exit_code == 1
    assert chinese.stderr.startswith(f"警告：140 名干部出现在不止一次运行中（{parts[0]}、{whole}）")  # not 提示: exit 1
    assert openpyxl.load_workbook(tmp_path / "zh" / "rollup.xlsx").sheetnames[-1] == "警告"


def test_the_rollup_is_not_written_into_another_runs_snapshot_or_hand_outs(
        samples: tuple[list[Path], Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """-o otherrun/snapshot replaced the run's snapshot/obligations.parquet: classes then took it for an interrupted
    run. A hand-out folder of --split-by unit is inside its run too; each is named with its run, as given."""
    split = tmp_path / "split"
    result = run_analyze(split_samples(tmp_path)[2], "-o", split, "--as-of", AS_OF, "--split-by", "unit", "--quiet")
    assert result.exit_code == 1, result.output
    assert (split / "by-unit" / "市生态环境局" / "gap-report.xlsx").is_file()
    before = {p: p.read_bytes() for p in split.rglob("*") if p.is_file()}
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEEDSCLI_LANG")
    for out in ("split/snapshot", "split/by-unit/市生态环境局"):
        result = run_cli("rollup", samples[0][0], "-o", out)
        assert result.exit_code == 3
        assert result.stderr == ({
            "split/snapshot": "错误：split/snapshot：在 needscli analyze 的输出文件夹 split 之中，汇总结果不写在这里，"
                              "以免替换那次运行的文件；本次没有写入任何文件；请用 -o 指定另一个文件夹\n",
            "split/by-unit/市生态环境局": "错误：split/by-unit/市生态环境局：这是 needscli analyze 的输出文件夹 split "
                                      "中分发用的文件夹（--split-by 写出），汇总结果不写在这里；本次没有写入任何文件；"
                                      "请用 -o 指定另一个文件夹\n"}[out])
    assert {p: p.read_bytes() for p in split.rglob("*") if p.is_file()} == before
    assert run_cli("classes", split, "-o", tmp_path / "again", "--quiet").exit_code == 1
