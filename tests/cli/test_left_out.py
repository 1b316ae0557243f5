"""The detail sheets gap-report.xlsx leaves out (limits.detail_rows), as analyze reports them: the JSON summary's
left_out list (sheet, rows, the files of the run holding it) and one line of the terminal summary."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from builders import SAMPLES, make_config, run_analyze

AS_OF = "2026-11-01"


def analyze_json(folder: Path, *args: str | Path) -> dict[str, Any]:
    result = run_analyze(SAMPLES, "-o", folder / "out", "--as-of", AS_OF, "--format", "json", *args)
    assert result.exit_code == 1, result.output  # the samples' warnings, on purpose
    summary: dict[str, Any] = json.loads(result.stdout)
    return summary


@pytest.fixture(scope="module")
def limit_50(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("limit")
    return make_config(folder, "[limits]\ndetail_rows = 50\n")


def test_the_json_summary_lists_each_sheet_left_out_with_its_rows_and_files(tmp_path: Path, limit_50: Path) -> None:
    summary = analyze_json(tmp_path, "--config", limit_50)
    counts = summary["counts"]
    assert [(s["sheet"], s["files"], s["top"]) for s in summary["left_out"]] == [
        ("obligations", ["obligations.parquet"], 22), ("needs", ["needs.csv", "needs.parquet"], 0),
        ("compliance", ["compliance.parquet"], 0), ("unit_ranking", ["unit_ranking.parquet"], 6),
        ("unmet", ["unmet.parquet"], 0), ("hours_after", ["hours_left.parquet"], 0)]
    rows = {s["sheet"]: s["rows"] for s in summary["left_out"]}
    assert (rows["needs"], rows["compliance"], rows["unmet"]) == (
        counts["needs"], counts["cadres"], summary["classes"]["unmet"])
    assert all(n > 50 for n in rows.values())


def test_nothing_left_out_is_an_empty_list(tmp_path: Path) -> None:
    assert analyze_json(tmp_path)["left_out"] == []


def test_with_only_xlsx_the_json_names_no_file_and_the_terminal_says_how_to_get_it(
        tmp_path: Path, limit_50: Path) -> None:
    summary = analyze_json(tmp_path, "--config", limit_50, "--formats", "xlsx")
    assert [s["files"] for s in summary["left_out"]] == [[], [], [], [], [], []]
    rows = {s["sheet"]: s["rows"] for s in summary["left_out"]}
    table = run_analyze(SAMPLES, "-o", tmp_path / "out", "--as-of", AS_OF, "--config", limit_50,
                        "--formats", "xlsx,csv")
    assert table.exit_code == 1, table.output
    [line] = [s for s in table.stdout.splitlines() if "limits.detail_rows" in s]
    assert line == (
        "gap-report.xlsx 未完整写入超过明细行数上限（limits.detail_rows）的工作表："
        f"必训任务 {rows['obligations']:,} 行（只写入逾期的 22 项；本次运行未写出完整数据，--formats 加上 parquet 可写出）；"
        f"需求明细 {rows['needs']:,} 行（完整数据见 needs.csv）；"
        f"学时达标 {rows['compliance']:,} 行（本次运行未写出完整数据，--formats 加上 parquet 可写出）；"
        f"单位主题排序 {rows['unit_ranking']:,} 行（只写入每个单位排名前 6 的主题；本次运行未写出完整数据，"
        "--formats 加上 parquet 可写出）；"
        f"未满足 {rows['unmet']:,} 行（本次运行未写出完整数据，--formats 加上 parquet 可写出）；"
        f"学时测算 {rows['hours_after']:,} 行（本次运行未写出完整数据，--formats 加上 parquet 可写出）")


def test_the_terminal_says_nothing_of_it_when_nothing_is_left_out(tmp_path: Path) -> None:
    result = run_analyze(SAMPLES, "-o", tmp_path / "out", "--as-of", AS_OF)
    assert result.exit_code == 1, result.output
    assert "limits.detail_rows" not in result.stdout
