"""A fatal error (exit 2 or 3): every unusable input file named at once, validate refusing what analyze
refuses, and with --format json the error on stdout as well as the message on stderr."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from builders import (
    NEEDS_AS_OF,
    ROSTER_HEADER,
    SAMPLES,
    make_csv,
    make_needs_workbook,
    make_workbook,
    roster,
    run_cli,
    run_needscli,
)
from click.testing import Result

# --- an empty roster, several unusable files ---------------------------------------------------------

def test_validate_refuses_a_roster_with_a_header_and_no_cadre_as_analyze_does(tmp_path: Path) -> None:
    """A sheet with its header row and nothing below: the file and sheet named, and what is missing."""
    path = make_workbook(tmp_path, {"花名册": [ROSTER_HEADER, [], []]}, name="headeronly.xlsx")
    checked = run_cli("validate", path)
    analyzed = run_cli("analyze", path, "-o", tmp_path / "out")
    assert analyzed.exit_code == 2
    assert checked.exit_code == analyzed.exit_code
    assert checked.stderr == analyzed.stderr == ("错误：headeronly.xlsx，工作表「花名册」：工作表只有表头（第 1 行），"
                                                 "表头下方没有数据行；请在表头下方逐行填写干部信息\n")
    assert checked.stdout == ""
    assert not (tmp_path / "out").exists()


def test_a_header_only_csv_names_the_file_alone(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_text(",".join(ROSTER_HEADER) + "\n", encoding="utf-8")
    result = run_cli("analyze", path, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert result.stderr == "错误：roster.csv：文件只有表头（第 1 行），表头下方没有数据行；请在表头下方逐行填写干部信息\n"


def test_a_roster_whose_rows_are_all_bad_is_not_called_header_only(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"花名册": roster(["001", None, "市财政局", "科长", "乡科级正职"])}, name="bad.xlsx")
    result = run_cli("analyze", path, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert result.stderr.startswith("错误：没有可分析的干部：花名册中没有有效的行")


def test_validate_lists_the_problems_of_a_roster_whose_every_row_is_bad(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"花名册": roster(["001", None, "市财政局", "科长", "乡科级正职"])})
    result = run_cli("validate", path)
    assert result.exit_code == 2
    assert "B2" in result.stdout and "必填项为空" in result.stdout
    assert result.stderr == "错误：没有可分析的干部：花名册中没有有效的行（共 1 个问题）\n"
    data = json.loads(run_cli("validate", path, "--format", "json").stdout)
    assert [(p["cell"], p["code"]) for p in data["error"]["problems"]] == [("B2", "missing-value")]


def three_bad_files(tmp_path: Path) -> list[Path]:
    missing_column = make_workbook(tmp_path, {"花名册": [["编号", "姓名", "单位", "职务", "职等"]]},
                                   name="missingcol.xlsx")
    fake = tmp_path / "fake.xlsx"
    fake.write_text("not a zip", encoding="utf-8")
    return [missing_column, fake, tmp_path / "nowhere.xlsx"]


MISSING_COLUMN = 'missingcol.xlsx, sheet 花名册: header row 1: no "职级" (Level) column (did you mean 职等?)'
NOT_A_ZIP = "fake.xlsx: is not a readable .xlsx file (damaged or renamed); save it again from Excel"
NOT_THERE = "nowhere.xlsx: file not found; check the path"


def test_an_english_roster_without_a_unit_column_is_told_its_english_header(tmp_path: Path) -> None:
    path = make_csv(tmp_path, [["Cadre ID", "Name", "Post", "Level"], ["E1", "Wang Ying", "Chief", "Section Chief"]])
    result = run_cli("validate", path)
    assert (result.exit_code, result.stderr) == (2, 'Error: roster.csv: header row 1: no "Unit" (单位) column\n')
    said = run_cli("validate", path, "--format", "json")
    assert error_of(said)["message"] == 'roster.csv: header row 1: no "Unit" (单位) column'


def test_validate_names_every_unusable_file(tmp_path: Path) -> None:
    result = run_cli("validate", *three_bad_files(tmp_path))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == ("Error: 3 input files cannot be used; fix each and run again:\n"
                             f"  {MISSING_COLUMN}\n  {NOT_A_ZIP}\n  {NOT_THERE}\n")


def test_validate_names_every_unusable_file_beside_a_good_one_and_a_bad_posts_file(tmp_path: Path) -> None:
    good = make_workbook(tmp_path, {"花名册": roster(["001", "张三", "市财政局", "科长", "乡科级正职"])}, name="one.xlsx")
    posts = tmp_path / "posts.xlsx"
    posts.write_bytes(b"%PDF-1.4")
    result = run_cli("validate", good, *three_bad_files(tmp_path)[:2], "--posts", posts, "--format", "json")
    assert result.exit_code == 2
    error = json.loads(result.stdout)["error"]
    assert [(p["file"], p["code"]) for p in error["problems"]] == [
        ("missingcol.xlsx", "unusable-file"), ("fake.xlsx", "unusable-file"), ("posts.xlsx", "unusable-file")]
    assert error["problems"][2]["message"].startswith("posts.xlsx: is a PDF")


def test_validate_with_one_unusable_file_says_it_as_before(tmp_path: Path) -> None:
    good = make_workbook(tmp_path, {"花名册": roster(["001", "张三", "市财政局", "科长", "乡科级正职"])}, name="one.xlsx")
    result = run_cli("validate", good, three_bad_files(tmp_path)[1])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {NOT_A_ZIP}\n"


def test_a_later_rosters_other_sheets_are_not_checked(tmp_path: Path) -> None:
    """Only the first roster's other sheets are read: a broken 岗位 sheet in the second is no fault."""
    second = make_workbook(tmp_path, {"花名册": roster(["002", "李四", "市税务局", "科员", "一级科员"]),
                                      "岗位": [["什么", "都不是"]]}, name="second.xlsx")
    result = run_cli("validate", three_bad_files(tmp_path)[1], second)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {NOT_A_ZIP}\n"


def test_a_sheet_given_as_its_own_file_is_not_checked_in_the_roster(tmp_path: Path) -> None:
    """The run reads --posts, not the roster workbook's 岗位 sheet: a broken one there is no fault."""
    first = make_workbook(tmp_path, {"花名册": roster(["001", "张三", "市财政局", "科长", "乡科级正职"]),
                                     "岗位": [["什么", "都不是"]]}, name="first.xlsx")
    posts = make_workbook(tmp_path, {"岗位": [["岗位名称", "培训主题", "要求水平"], ["科长", "法治思维", 4]]},
                          name="posts.xlsx")
    result = run_cli("validate", first, three_bad_files(tmp_path)[1], "--posts", posts)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {NOT_A_ZIP}\n"
    broken_first = run_cli("validate", first, three_bad_files(tmp_path)[1])
    assert broken_first.stderr.startswith("Error: 2 input files cannot be used")
    assert "first.xlsx, sheet 岗位" in broken_first.stderr


# --- --format json on a fatal error ------------------------------------------------------------------

def error_of(result: Result, said: str = "Error: ") -> dict[str, Any]:
    data = json.loads(result.stdout)
    assert list(data) == ["error"]
    error = data["error"]
    assert result.stderr == f"{said}{error['message']}\n"  # the human message stays
    return error


def test_json_fatal_input_error_of_analyze(tmp_path: Path) -> None:
    result = run_cli("analyze", three_bad_files(tmp_path)[1], "-o", tmp_path / "out", "--format", "json")
    assert result.exit_code == 2
    assert error_of(result) == {"code": "input-unusable", "exit_code": 2, "message": NOT_A_ZIP, "problems": []}


def test_json_fatal_error_of_validate(tmp_path: Path) -> None:
    result = run_cli("validate", *three_bad_files(tmp_path), "--format", "json")
    assert result.exit_code == 2
    error = error_of(result)
    assert error["exit_code"] == 2 and error["code"] == "input-unusable"
    assert [p["message"] for p in error["problems"]] == [MISSING_COLUMN, NOT_A_ZIP, NOT_THERE]


def test_json_fatal_error_of_validate_names_one_unusable_file_too(tmp_path: Path) -> None:
    result = run_cli("validate", three_bad_files(tmp_path)[1], "--format", "json")
    assert result.exit_code == 2
    assert [(p["code"], p["message"]) for p in error_of(result)["problems"]] == [("unusable-file", NOT_A_ZIP)]


def test_json_output_error_exits_3(tmp_path: Path) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("a file where the output folder should be", encoding="utf-8")
    result = run_cli("analyze", make_needs_workbook(tmp_path), "-o", blocker, "--as-of", NEEDS_AS_OF, "--format", "json")
    assert result.exit_code == 3
    error = error_of(result, "错误：")  # met once the (Chinese) roster was read: in its language
    assert error["code"] == "output-failed" and error["exit_code"] == 3


def test_json_strict_error_carries_the_problems(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"花名册": roster(["001", "张三", "市财政局", "科长", "乡科级正职"],
                                                   ["002", None, "市财政局", "科员", "一级科员"])})
    result = run_cli("analyze", path, "-o", tmp_path / "out", "--strict", "--format", "json", "--as-of", NEEDS_AS_OF)
    assert result.exit_code == 2
    error = json.loads(result.stdout)["error"]
    assert error["exit_code"] == 2
    assert [(p["cell"], p["code"]) for p in error["problems"]] == [("B3", "missing-value")]


def test_json_error_of_a_config_of_more_problems_than_are_kept_counts_the_rest(tmp_path: Path) -> None:
    """A config of 1,500 unknown keys: the first 1,000 in problems, the rest in problems_not_listed; the message names
    20 and counts the others, in Chinese as in English."""
    config = tmp_path / "many.toml"
    config.write_text("".join(f"key{n:04d} = 1\n" for n in range(1500)), encoding="utf-8")
    result = run_cli("analyze", SAMPLES, "--config", config, "-o", tmp_path / "out", "--format", "json")
    assert result.exit_code == 2
    error = error_of(result)
    assert (len(error["problems"]), error["problems_not_listed"]) == (1000, 500)
    assert error["message"].split("\n")[20:] == ["... and 1480 more"]
    chinese = run_needscli("analyze", SAMPLES, "--config", config, "-o", tmp_path / "out", env={"NEEDSCLI_LANG": "zh"})
    assert chinese.returncode == 2
    assert chinese.stderr.startswith("错误：many.toml：key0000：未知的键；请检查拼写及其所在的 [节]\n")
    assert chinese.stderr.endswith("\nmany.toml：key0019：未知的键；请检查拼写及其所在的 [节]\n……另有 1480 个\n")
    assert not (tmp_path / "out").exists()


def test_json_asked_for_by_the_project_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = three_bad_files(tmp_path)[1]
    (tmp_path / "needscli.toml").write_text(f'[inputs]\nroster = "{bad.name}"\n\n[options]\nformat = "json"\n',
                                            encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli("analyze")
    assert result.exit_code == 2
    assert error_of(result)["message"] == NOT_A_ZIP


def test_json_fatal_error_through_python_m_needscli(tmp_path: Path) -> None:
    done = run_needscli("analyze", three_bad_files(tmp_path)[1], "-o", tmp_path / "out", "--format", "json")
    assert done.returncode == 2
    assert json.loads(done.stdout)["error"] == {"code": "input-unusable", "exit_code": 2, "message": NOT_A_ZIP,
                                                "problems": []}
    assert done.stderr == f"Error: {NOT_A_ZIP}\n"


@pytest.mark.parametrize(("args", "words"), [
    (["--as-of", "someday"], "Invalid value for '--as-of': \"someday\" is not a date"),  # met by the command
    (["--formats", "pdf"], '--formats: "pdf" is not a list of output formats'),  # met by the command too
    (["--periods", "0"], "--periods"),  # met while the command line is parsed, before the command runs
])
def test_json_usage_error_through_python_m_needscli(tmp_path: Path, args: list[str], words: str) -> None:
    done = run_needscli("analyze", three_bad_files(tmp_path)[1], "--format=json", *args)
    assert done.returncode == 2
    error = json.loads(done.stdout)["error"]
    assert (error["code"], error["exit_code"], error["problems"]) == ("usage-error", 2, [])
    assert words in error["message"] and f"Error: {error['message']}" in done.stderr


def test_table_format_keeps_stdout_empty_on_a_fatal_error(tmp_path: Path) -> None:
    result = run_cli("analyze", three_bad_files(tmp_path)[1], "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert result.stdout == ""


# --- an output path the system cannot take -----------------------------------------------------------

TOO_LONG = "：路径太长，系统无法建立，没有写入；请选一个较短的输出路径\n"


@pytest.mark.parametrize("where", ["folder", "inside"])
def test_an_output_path_too_long_exits_3_and_says_so(tmp_path: Path, where: str) -> None:
    """A 300-character name was "internal error (OSError)", exit 2."""
    out = tmp_path / ("输出" * 150) if where == "folder" else tmp_path / ("a" * 300) / "out"
    result = run_cli("analyze", make_needs_workbook(tmp_path), "-o", out, "--as-of", NEEDS_AS_OF, "--format", "json",
                     env={"NEEDSCLI_LANG": "zh"})  # met before the roster is read: in the locale's language
    assert result.exit_code == 3, result.output
    assert result.stderr == f"错误：{out}{TOO_LONG}"
    assert json.loads(result.stdout)["error"]["code"] == "output-failed"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cadres.xlsx"]


def test_a_template_name_too_long_exits_3(tmp_path: Path) -> None:
    target = tmp_path / ("模板" * 100 + ".xlsx")
    result = run_cli("template", target, env={"NEEDSCLI_LANG": "zh"})
    assert (result.exit_code, result.stderr) == (3, f"错误：{target}{TOO_LONG}")
    assert list(tmp_path.iterdir()) == []


# --- messages in the language of the run ------------------------------------------------------------

def test_template_into_a_folder_says_so_in_chinese(tmp_path: Path) -> None:
    (tmp_path / "adir").mkdir()
    result = run_cli("template", tmp_path / "adir", env={"NEEDSCLI_LANG": "zh"})
    assert result.exit_code == 3
    assert result.stderr == f"错误：{tmp_path / 'adir'}：无法写入（是文件夹）\n"


def test_explain_of_an_english_roster_says_its_error_in_english(tmp_path: Path) -> None:
    from builders import ROOT

    result = run_cli("explain", ROOT / "data" / "samples" / "roster-en.csv", "NOBODY",
                     env={"NEEDSCLI_LANG": "zh"})
    assert result.exit_code == 2
    assert result.stderr.startswith('Error: no cadre with id or name "NOBODY"')


def test_a_fault_of_needscli_exits_4_apart_from_bad_input(tmp_path: Path) -> None:
    """An internal error exited 2, as a missing file does: a nightly job could not tell a fault to report from a roster
    to fix but by parsing the message. It exits 4, said in Chinese, nothing written; --format json carries the code."""
    boom = ("import sys, needscli.pipeline as p\n"
            "def run_job(*a, **k):\n    raise RuntimeError('boom')\n"
            "p.run_job = run_job\n"
            "from needscli.cli.app import main\n"
            f"sys.argv = ['needscli', 'analyze', {str(SAMPLES)!r}, '-o', {str(tmp_path / 'out')!r}] + sys.argv[1:]\n"
            "main()\n")
    env = {**os.environ, "NEEDSCLI_LANG": "zh"}
    result = subprocess.run([sys.executable, "-c", boom], capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 4, result.stderr
    assert "内部错误" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()
    as_json = subprocess.run([sys.executable, "-c", boom, "--format", "json"], capture_output=True, text=True, env=env,
                             check=False)
    assert as_json.returncode == 4
    assert json.loads(as_json.stdout)["error"] == {**json.loads(as_json.stdout)["error"], "code": "internal-error",
                                                   "exit_code": 4}


# --- an empty argument: a script's variable not set ---------------------------------------------------

def test_an_empty_argument_is_refused_before_anything_is_read_or_written(tmp_path: Path) -> None:
    """-o "$OUT" with OUT unset: an empty path is the current folder, where -o "" wrote every output and a roster of
    "" read every roster. Refused as a usage error naming the option, in the office's language, nothing written."""
    chinese = run_needscli("analyze", SAMPLES, "-o", "", "--as-of", NEEDS_AS_OF, cwd=tmp_path,
                           env={"NEEDSCLI_LANG": "zh"})
    assert chinese.returncode == 2
    assert "用法错误：-o 的值为空（脚本中的变量可能没有赋值）；应为：-o 后写明其值" in chinese.stderr
    english = run_needscli("analyze", "", "--as-of", NEEDS_AS_OF, cwd=tmp_path)
    assert english.returncode == 2
    assert "the argument after analyze is empty (a variable of the script not set?)" in english.stderr
    scripted = run_needscli("validate", SAMPLES, "--posts", "", "--format", "json", cwd=tmp_path)
    assert scripted.returncode == 2
    assert json.loads(scripted.stdout)["error"]["code"] == "usage-error"
    assert "Traceback" not in chinese.stderr + english.stderr + scripted.stderr
    assert list(tmp_path.iterdir()) == []
