"""needscli validate: wiring, exit codes 0/1/2, JSON output, --version, --help; no traceback ever."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from builders import (
    CANARY_ID,
    CANARY_NAME,
    acceptance_workbook,
    full_row,
    make_csv,
    make_workbook,
    roster,
    run_cli,
    run_needscli,
    save_full_roster,
    twenty_cadres,
)

from needscli import __version__
from needscli.cli.app import app

GOOD = ["001", "张三", "市财政局", "科长", "乡科级正职"]




def test_clean_roster_exits_0(tmp_path: Path) -> None:
    result = run_cli("validate", make_workbook(tmp_path, {"花名册": roster(GOOD)}))
    assert result.exit_code == 0
    assert result.stdout == "已读取：干部 1 人\n未发现问题。\n"


def test_problems_exit_1_and_name_each_cell(tmp_path: Path) -> None:
    result = run_cli("validate", acceptance_workbook(tmp_path))
    assert result.exit_code == 1
    assert result.stdout.startswith("已读取：干部 3 人；跳过 3 行（见下表）\n")
    assert "共 5 个问题" in result.stdout
    for cell, kind in [("F4", "日期有误"), ("A5", "编号重复"), ("B6", "必填项为空"),
                       ("G7", "数字有误"), ("E8", "职级未知")]:
        assert any(cell in line and kind in line for line in result.stdout.splitlines()), (cell, kind)
    assert CANARY_NAME not in result.output
    assert CANARY_ID not in result.output


def test_json_output(tmp_path: Path) -> None:
    result = run_cli("validate", acceptance_workbook(tmp_path), "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["counts"] == {"roster": 3}
    assert report["skipped"] == {"roster": 3}
    assert report["exit_code"] == 1  # as analyze's, classes' and rollup's summaries say it
    assert [(p["sheet"], p["row"], p["column"], p["cell"], p["code"]) for p in report["problems"]] == [
        ("花名册", 4, "任现职时间", "F4", "bad-date"),
        ("花名册", 5, "编号", "A5", "duplicate-id"),
        ("花名册", 6, "姓名", "B6", "missing-value"),
        ("花名册", 7, "本年度学时", "G7", "bad-number"),
        ("花名册", 8, "职级", "E8", "unknown-level"),
    ]
    assert {p["file"] for p in report["problems"]} == {"roster.xlsx"}


def test_json_output_clean(tmp_path: Path) -> None:
    path = make_csv(tmp_path, roster(GOOD))
    result = run_cli("validate", path, "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"counts": {"roster": 1}, "skipped": {"roster": 0}, "problems": [],
                                         "exit_code": 0}


def test_missing_required_column_exits_2(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"花名册": [["编号", "姓名", "单位", "职务", "职等"], GOOD]})
    result = run_cli("validate", path)
    assert result.exit_code == 2
    assert result.stdout == ""
    # the roster's language: its headers are Chinese
    assert result.stderr == "错误：roster.xlsx，工作表「花名册」：第 1 行表头：缺少「职级」列（是否指「职等」？）\n"


def test_missing_file_exits_2(tmp_path: Path) -> None:
    result = run_cli("validate", tmp_path / "nowhere.xlsx")
    assert result.exit_code == 2
    assert result.stderr == "Error: nowhere.xlsx: file not found; check the path\n"


def test_no_roster_sheet_exits_2(tmp_path: Path) -> None:
    # no sheet named as the roster, and none with a roster header row (one with it would be read)
    path = make_workbook(tmp_path, {"岗位": [["岗位名称", "培训主题"]], "Sheet1": [["备注", "内容"], ["甲", "乙"]],
                                    "Sheet2": []})
    result = run_cli("validate", path)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: roster.xlsx: no roster sheet among [岗位, Sheet1, Sheet2]")


def test_separate_posts_file(tmp_path: Path) -> None:
    book = make_workbook(tmp_path, {"花名册": roster(GOOD)})
    posts = make_csv(tmp_path, [["岗位名称", "培训主题", "要求水平"], ["科长", "法治思维", "4"]], name="posts.csv")
    result = run_cli("validate", book, "--posts", posts, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["counts"] == {"roster": 1, "posts": 1}


def test_version() -> None:
    result = run_cli("--version")
    assert result.exit_code == 0
    assert result.stdout == f"needscli {__version__}\n"


def command_names() -> list[str]:
    return [c.name or c.callback.__name__.replace("_", "-") for c in app.registered_commands]  # type: ignore[union-attr]


def test_the_commands_are_known() -> None:
    assert {"validate", "template"} <= set(command_names())


@pytest.mark.parametrize("args", [["--help"], *[[name, "--help"] for name in command_names()]])
def test_every_help_has_an_example(args: list[str]) -> None:
    result = run_cli(*args)
    assert result.exit_code == 0
    assert "Example" in result.stdout


def test_python_m_needscli_refuses_a_broken_file_without_traceback(tmp_path: Path) -> None:
    data = make_workbook(tmp_path, {"花名册": roster(GOOD)}).read_bytes()
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(data[: len(data) // 2])
    done = run_needscli("validate", broken)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == ("Error: broken.xlsx: is damaged or truncated (not a complete .xlsx); "
                           "save it again from Excel\n")


def test_python_m_needscli_usage_error_without_traceback() -> None:
    done = run_needscli("validate")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def test_validate_names_a_roster_given_twice_once(tmp_path: Path) -> None:
    path = save_full_roster(tmp_path, twenty_cadres(), name="one.xlsx")
    result = run_cli("validate", path, path, "--format", "json")
    assert result.exit_code == 1  # a problem (a warning) was found
    report = json.loads(result.stdout)
    assert (report["counts"], report["skipped"]) == ({"roster": 20}, {"roster": 0})
    assert [(p["code"], p["severity"], p["file"]) for p in report["problems"]] == [("repeated-file", "warning",
                                                                                     "one.xlsx")]
    assert report["problems"][0]["message"] == "one.xlsx 给了两次，只读取一次"


def test_validate_on_the_samples_names_each_blank_hours_cell_and_analyze_reports_the_same() -> None:
    """The samples leave some hours blank: validate and analyze both name every such cell, once."""
    from builders import SAMPLES

    checked = run_cli("validate", SAMPLES, "--as-of", "2026-11-01", "--format", "json")
    assert checked.exit_code == 1, checked.output
    gaps = [p for p in json.loads(checked.stdout)["problems"] if p["code"] == "compliance-unknown"]
    hours = [p for p in gaps if p["column"] in ("本年度学时", "五年累计学时")]
    assert len(hours) == 14 and all(p["severity"] == "warning" and p["row"] and p["cell"] for p in hours)
    assert len({(p["row"], p["column"]) for p in gaps}) == len(gaps)
    import needscli

    analysis = needscli.analyze(SAMPLES, as_of="2026-11-01")
    unknown = {(o.cadre_id) for o in analysis.obligations if o.kind == "hours" and o.status == "unknown"}
    assert len(unknown) == 14
    rows = {c.row for c in analysis.cadres if c.id in unknown}
    assert {p["row"] for p in hours} == rows
    assert [p.as_dict() for p in analysis.problems if p.code == "compliance-unknown"] == gaps


def test_the_terminals_problems_say_which_rows_were_left_out(tmp_path: Path) -> None:
    """validate's count line says 跳过 1 行（见下表）: the table below says which, as the gap report's 处理 column does;
    a row kept says nothing more."""
    rows = [*twenty_cadres(), full_row(1)]  # C01 again on row 22
    rows[2][0] = None  # no id on row 4: left out too
    path = save_full_roster(tmp_path, rows)
    result = run_cli("validate", path, env={"NEEDSCLI_LANG": "zh", "COLUMNS": "200"})
    lines = [line for line in result.stdout.splitlines() if "│" in line]
    left_out = [line for line in lines if "已跳过该行：" in line]
    assert len(left_out) == 2 and any("第 22 行" in line for line in left_out)
    assert "跳过 2 行（见下表）" in result.stdout
