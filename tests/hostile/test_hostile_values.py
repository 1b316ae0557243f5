"""Values a hostile or careless file holds that the readers take for data, given to the command line: each ends
with a Chinese message naming where it is and a documented exit code, never an internal error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from builders import make_csv, run_cli

OPEN_ENDED_HEADER = ["编号", "姓名", "单位", "职务", "职级", "任现职时间", "录用时间"]


def _open_ended(tmp_path: Path) -> Path:
    """A leader appointed "9999-12-31" and a recruit recorded so, as HR systems write "open-ended"."""
    return make_csv(tmp_path, [OPEN_ENDED_HEADER, ["C01", "甲", "市财政局", "局长", "县处级正职", "9999-12-31", ""],
                               ["C02", "乙", "市财政局", "科员", "一级科员", "2024-03", "9999-12-31"]])


@pytest.mark.parametrize("command", ["validate", "analyze"])
def test_a_date_in_the_year_9999_is_a_bad_date_of_its_cell(tmp_path: Path, command: str) -> None:
    args = ["-o", tmp_path / "out"] if command == "analyze" else []
    result = run_cli(command, _open_ended(tmp_path), "--as-of", "2026-11-01", "--format", "json", *args)
    assert result.exit_code == 1, result.output  # done, with data problems listed
    bad = [(p["cell"], p["severity"], p["message"]) for p in json.loads(result.stdout)["problems"]
           if p["code"] == "bad-date"]
    assert bad == [("F2", "warning", "第 2 行「任现职时间」列：「9999-12-31」不是 1900 年至 2999 年之间的日期（没有日期的请留空）；"
                                    "应为：日期，如 2023-05-01、2023-05、2023.05 或 2023年5月"),
                   ("G3", "warning", "第 3 行「录用时间」列：「9999-12-31」不是 1900 年至 2999 年之间的日期（没有日期的请留空）；"
                                    "应为：日期，如 2023-05-01、2023-05、2023.05 或 2023年5月")]


def test_explain_reads_the_cadre_whose_date_is_in_the_year_9999(tmp_path: Path) -> None:
    result = run_cli("explain", _open_ended(tmp_path), "C01", "--as-of", "2026-11-01")
    assert result.exit_code == 0, result.output
    assert "internal error" not in result.output


@pytest.mark.parametrize(("name", "text", "said"), [
    ("cycle.toml", "[hours]\ncycle_years = 100000\n", "cycle.toml：hours.cycle_years：应不大于 10（当前为 100000）"),
    ("grace.toml", "[hours]\npromotion_grace_months = 100000\n",
     "grace.toml：hours.promotion_grace_months：应不大于 120（当前为 100000）"),
    ("ratio.toml", "[limits]\nmax_compression_ratio = -1\n", "ratio.toml：limits.max_compression_ratio：应不小于 20（当前为 -1）"),
    ("rows.toml", "[limits]\nmax_rows = -1\n", "rows.toml：limits.max_rows：应不小于 1（当前为 -1）"),
    ("deep.toml", "x = " + "[" * 100_000 + "\n", "deep.toml：不是有效的 TOML（数组或表嵌套层数过多，无法读取）；请改正配置文件"),
])
def test_a_config_value_past_what_a_run_can_take_stops_it_naming_file_and_key(tmp_path: Path, name: str, text: str,
                                                                            said: str) -> None:
    """Each was an internal error (a ValueError from a cycle or a grace counted past the calendar, a RecursionError
    from the TOML reader), or the sample roster taken for a zip bomb, or a message in English."""
    config = tmp_path / name
    config.write_text(text, encoding="utf-8")
    roster = make_csv(tmp_path, [OPEN_ENDED_HEADER, ["C01", "甲", "市财政局", "局长", "县处级正职", "2024-03", ""]])
    result = run_cli("analyze", roster, "--as-of", "2026-11-01", "--config", config, "-o", tmp_path / "out",
                     env={"NEEDSCLI_LANG": "zh"})
    assert result.exit_code == 2, result.output
    assert result.stderr == f"错误：{said}\n"
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("english", "chinese"), [
    ("a.xlsx, sheet 花名册: too many rows (483); the limit is -1 (limits.max_rows in the config)",
     "a.xlsx，工作表「花名册」：行数过多（483 行）；上限为 -1 行（配置项 limits.max_rows）"),
])
def test_a_limit_said_in_chinese_whatever_its_sign(english: str, chinese: str) -> None:
    from needscli.wording import in_chinese

    assert in_chinese(english) == chinese
