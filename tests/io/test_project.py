"""The project: a folder of unit rosters read as one roster, and a needscli.toml job run with no arguments."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from builders import (
    ALL_UNIT_IDS,
    NEEDS_AS_OF,
    NEEDS_POSTS,
    OUTPUTS,
    UNIT_HEADER,
    UNIT_IDS,
    UNIT_NAMES,
    csv_ids,
    csv_records,
    make_csv,
    make_unit_folder,
    make_workbook,
    run_analyze,
    run_cli,
    sheet_records,
    unit_cadres,
)

from needscli.config import Config
from needscli.errors import NeedsError
from needscli.io.project import expand_inputs, load_project
from needscli.pipeline import analyze

# --- a folder of unit rosters -----------------------------------------------------------------------

def test_a_folder_of_unit_rosters_is_analyzed_as_one(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_analyze(make_unit_folder(tmp_path), "-o", out, "--as-of", NEEDS_AS_OF)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert csv_ids(out / "needs.csv") == ALL_UNIT_IDS
    assert {str(r["编号"]) for r in sheet_records(out / "gap-report.xlsx", "需求明细")} == ALL_UNIT_IDS


def test_each_cadre_keeps_the_file_it_came_from(tmp_path: Path) -> None:
    folder = make_unit_folder(tmp_path)
    analysis, _ = analyze(expand_inputs([str(folder)]), Config())
    assert analysis.problems == []
    expected = {cid: f"{unit}.csv" if n == 4 else f"{unit}.xlsx"
                for n, unit in enumerate(UNIT_NAMES) for cid in UNIT_IDS[unit]}
    assert {c.id: c.file for c in analysis.cadres} == expected
    assert {c.id: c.unit for c in analysis.cadres} == {cid: u for u, ids in UNIT_IDS.items() for cid in ids}


def test_an_id_repeated_in_another_unit_file_names_that_file(tmp_path: Path) -> None:
    folder = make_unit_folder(tmp_path)
    # 城关镇 sends a fourth cadre whose id is 市财政局's first; the folder is read in name order, 城关镇 first
    make_workbook(folder, {"花名册": [UNIT_HEADER, *unit_cadres(2, "城关镇"), ["U001", "重号", "城关镇", "科员", "一级科员", 10]]},
                  title="城关镇干部花名册", name="城关镇.xlsx")
    analysis, _ = analyze(expand_inputs([str(folder)]), Config())
    assert [(p.file, p.row, p.column, p.code) for p in analysis.problems] == [("市财政局.xlsx", 3, "编号", "duplicate-id")]
    assert analysis.problems[0].message == "第 3 行「编号」列：与 城关镇.xlsx 第 6 行的编号重复；应为：每名干部一个不重复的编号"
    assert [(c.id, c.file) for c in analysis.cadres if c.id == "U001"] == [("U001", "城关镇.xlsx")]


# --- a needscli.toml job ----------------------------------------------------------------------------

PROJECT = """\
[inputs]
roster = "rosters"
posts = "posts.xlsx"

[options]
output = "out"
as_of = "2026-11-01"
lang = "en"

[columns.roster]
EmployeeNumber = "id"

[hours]
annual_required = 100
"""


def make_project(tmp_path: Path, text: str = PROJECT) -> Path:
    """A project folder: two unit rosters whose id column is called EmployeeNumber, a posts file, needscli.toml."""
    project = tmp_path / "job"
    rosters = project / "rosters"
    rosters.mkdir(parents=True)
    header = ["EmployeeNumber", "姓名", "单位", "职务", "职级", "本年度学时"]
    make_workbook(rosters, {"花名册": [header, ["E001", "张三", "市财政局", "科员", "一级科员", 40]]},
                  title="市财政局干部花名册", name="市财政局.xlsx")
    make_csv(rosters, [header, ["E002", "李四", "市税务局", "科员", "一级科员", 95]], name="市税务局.csv")
    make_workbook(project, {"岗位": NEEDS_POSTS}, name="posts.xlsx")
    (project / "needscli.toml").write_text(text, encoding="utf-8")
    return project


def test_a_project_file_runs_with_no_arguments(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path)
    monkeypatch.chdir(project)
    result = run_analyze()
    assert result.exit_code == 0, result.output
    out = project / "out"
    assert sorted(p.name for p in out.iterdir()) == OUTPUTS
    compliance = {r["Cadre ID"]: (r["Required"], r["Done"], r["Status"])
                  for r in sheet_records(out / "gap-report.xlsx", "Compliance")}
    # 95 hours meet the default 90 a year, not the project's 100
    assert compliance == {"E001": (100, 40, "deficit"), "E002": (100, 95, "deficit")}
    needs = csv_records(out / "needs.csv")
    assert {r["cadre_id"] for r in needs} == {"E001", "E002"}
    assert "post" in {r["source"] for r in needs}  # the posts file of [inputs] was read
    assert json.loads((out / "analysis.json").read_text(encoding="utf-8"))["as_of"] == "2026-11-01"


def test_a_column_may_be_mapped_to_a_fields_header_and_a_bad_mapping_is_said_in_chinese(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An HR export's 培训时数 mapped to 本年度学时 (the template's header), as a Chinese user writes it, not hours_year:
    it was refused in English."""
    project = make_project(tmp_path, PROJECT.replace('EmployeeNumber = "id"', 'EmployeeNumber = "编号"'))
    monkeypatch.chdir(project)
    assert run_analyze().exit_code in (0, 1)
    bad = make_project(tmp_path / "bad", PROJECT.replace('EmployeeNumber = "id"', 'EmployeeNumber = "员工号码"'))
    monkeypatch.chdir(bad)
    result = run_analyze(env={"NEEDSCLI_LANG": "zh"})
    assert result.exit_code == 2
    assert result.stderr.startswith("错误：needscli.toml：[columns.roster] 中「EmployeeNumber」对应的字段「员工号码」不存在；"
                                    "可写的字段（或其括号中的表头）：id（编号）、name（姓名）、")


@pytest.mark.parametrize(("text", "message"), [
    (PROJECT.replace('output = "out"', 'outptu = "out"'), "options.outptu: unknown key; check its spelling and its [section]"),
    (PROJECT.replace('EmployeeNumber = "id"', 'EmployeeNumber = "employee_code"'),
     '[columns.roster] "EmployeeNumber" maps to unknown field "employee_code"; fields: id (编号), name (姓名), '
     "unit (单位), post (职务), level (职级), department (部门), post_code (岗位代码), category (干部类别), "
     "job_family (职位类别), managed_by (管理权限), appointed (任现职时间), entry_date (参加工作时间), "
     "recorded (录用时间), birth_date (出生年月), hours_year (本年度学时), hours_five_year (五年累计学时), "
     "days_year (本年度培训天数), days_five_year (五年累计培训天数), online_hours_year (本年度网络学时), "
     "completed (已参加培训), wishes (个人培训需求)"),
    (PROJECT.replace("[columns.roster]", "[columns.rosters]"),
     "[columns.rosters] is not an input kind; use one of roster, posts, priorities, topics, resources, rules"),
    (PROJECT.replace("annual_required", "anual_required"), "hours.anual_required: unknown key; check its spelling and its [section]"),
], ids=["unknown-option", "unknown-field", "unknown-kind", "unknown-threshold"])
def test_a_bad_project_file_exits_2_naming_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str,
                                              message: str) -> None:
    project = make_project(tmp_path, text)
    monkeypatch.chdir(project)
    result = run_analyze()
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"Error: needscli.toml: {message}\n"
    assert not (project / "out").exists()


def test_a_project_file_reports_faults_of_options_and_thresholds_together(tmp_path: Path) -> None:
    path = tmp_path / "needscli.toml"
    path.write_text('[options]\nlang = "fr"\n[hours]\nannual_required = "many"\n', encoding="utf-8")
    with pytest.raises(NeedsError) as caught:
        load_project(path)
    assert [p.column for p in caught.value.problems] == ["options.lang", "hours.annual_required"]


@pytest.mark.parametrize(("value", "message"), [
    ("0", "Input should be greater than or equal to 1 (got 0)"),
    ("-1", "Input should be greater than or equal to 1 (got -1)"),
    ("121", "Input should be less than or equal to 120 (got 121)"),
])
def test_periods_of_the_options_are_checked_as_the_thresholds_are(tmp_path: Path, value: str, message: str) -> None:
    """[options] periods = 0 stopped the plan with an internal error; it is refused as [classes] periods = 0 is."""
    path = tmp_path / "needscli.toml"
    path.write_text(f"[options]\nperiods = {value}\n[classes]\nperiods = {value}\n", encoding="utf-8")
    with pytest.raises(NeedsError) as caught:
        load_project(path)
    assert [(p.file, p.column, p.message) for p in caught.value.problems] == [
        ("needscli.toml", "options.periods", f"options.periods: {message}"),
        ("needscli.toml", "classes.periods", f"classes.periods: {message}")]


def test_a_bad_periods_option_stops_the_run_in_chinese_naming_the_file_and_key(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path, PROJECT.replace('lang = "en"', "periods = 0"))
    monkeypatch.chdir(project)
    result = run_analyze(env={"NEEDSCLI_LANG": "zh"})
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "错误：needscli.toml：options.periods：应不小于 1（当前为 0）\n"
    assert not (project / "out").exists()


def test_a_file_named_with_brackets_is_that_file_and_a_file_named_twice_stays_twice(tmp_path: Path) -> None:
    """花名册[2024].xlsx is a file, not a pattern of 花名册2.xlsx …; a file given twice is left for the reader to
    say so; one a folder gives again is not read twice."""
    folder = tmp_path / "units"
    folder.mkdir()
    (folder / "a.xlsx").write_bytes(b"")
    bracketed = tmp_path / "花名册[2024].xlsx"
    bracketed.write_bytes(b"")
    (tmp_path / "花名册2.xlsx").write_bytes(b"")
    assert expand_inputs([str(bracketed)]) == [bracketed]
    assert expand_inputs([str(bracketed), str(bracketed)]) == [bracketed, bracketed]
    assert expand_inputs([str(folder), str(folder / "*.xlsx")]) == [folder / "a.xlsx"]
    assert expand_inputs([f"{bracketed}#花名册"]) == [Path(f"{bracketed}#花名册")]
    # a file a folder gives is listed once, whichever comes first; named twice, twice
    for items in ([str(folder), str(folder / "a.xlsx")], [str(folder / "a.xlsx"), str(folder)]):
        assert expand_inputs(items) == [folder / "a.xlsx"], items


def test_periods_on_the_command_line_are_held_to_the_same_bounds(tmp_path: Path) -> None:
    result = run_analyze(tmp_path / "any.xlsx", "--periods", "121", "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert "'--periods'" in result.stderr and "less than or equal to 120" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("key", "value"), [("as_of", "2026-13-45"), ("plan_start", "2026-02-30"), ("as_of", "soon")])
def test_a_date_of_the_options_that_is_no_date_names_the_file_and_key(tmp_path: Path, key: str, value: str) -> None:
    path = tmp_path / "needscli.toml"
    path.write_text(f'[options]\n{key} = "{value}"\n', encoding="utf-8")
    with pytest.raises(NeedsError) as caught:
        load_project(path)
    (problem,) = caught.value.problems
    assert (problem.file, problem.column, problem.message) == (
        "needscli.toml", f"options.{key}", f"options.{key}: Input should be a date such as 2026-11-01 (got '{value}')")


@pytest.mark.parametrize(("written", "chosen"), [("单位", "unit"), ("主办单位", "organizer"), ("主办", "organizer"),
                                               ("承办单位", "host"), ("host", "host")])
def test_split_by_of_the_options_takes_the_words_split_by_takes(tmp_path: Path, written: str, chosen: str) -> None:
    """split_by = "单位" as --split-by 单位: the choice its Chinese word names."""
    path = tmp_path / "needscli.toml"
    path.write_text(f'[options]\nsplit_by = "{written}"\n', encoding="utf-8")
    assert load_project(path).options.split_by == chosen


def test_a_date_of_the_options_may_be_a_toml_date(tmp_path: Path) -> None:
    path = tmp_path / "needscli.toml"
    path.write_text("[options]\nas_of = 2026-11-01\nplan_start = 2027-01-01\n", encoding="utf-8")
    options = load_project(path).options
    assert (options.as_of, options.plan_start) == ("2026-11-01", "2027-01-01")


def test_a_bad_as_of_in_the_project_file_is_a_config_error_in_chinese(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Not the command line's usage error: the file and the key are named, with the exit code of a config error."""
    project = make_project(tmp_path, PROJECT.replace('as_of = "2026-11-01"', 'as_of = "2026-13-45"')
                           .replace('lang = "en"', ""))
    monkeypatch.chdir(project)
    for command in (["analyze"], ["validate", "rosters"], ["explain", "rosters/市财政局.xlsx", "E001"]):
        result = run_cli(*command, "--format", "json", env={"NEEDSCLI_LANG": "zh"}) if command[0] != "explain" \
            else run_cli(*command, env={"NEEDSCLI_LANG": "zh"})
        assert result.exit_code == 2, command
        assert "错误：needscli.toml：options.as_of：应为日期，如 2026-11-01（当前为 '2026-13-45'）\n" in result.stderr


@pytest.mark.parametrize("value", ["9999-12-15", "0001-01-01"])
def test_a_run_dated_past_the_calendar_is_refused_not_an_internal_error(tmp_path: Path, value: str) -> None:
    """A plan counted forward from 9999-12, or cycles counted back from year 1, ran past the calendar."""
    path = tmp_path / "needscli.toml"
    path.write_text(f"[options]\nas_of = {value}\nplan_start = \"{value}\"\n", encoding="utf-8")
    with pytest.raises(NeedsError) as caught:
        load_project(path)
    assert [(p.column, p.expected) for p in caught.value.problems] == [
        ("options.as_of", "a date from 1900 to 2999"), ("options.plan_start", "a date from 1900 to 2999")]
    # each value as written, a TOML date as a date (not datetime.date(...)) and a text in its quotes
    assert [p.message.rpartition(" (got ")[2] for p in caught.value.problems] == [f"{value})", f"'{value}')"]
    result = run_analyze(tmp_path / "cli" / "any.xlsx", "--as-of", value, "-o", tmp_path / "out",  # no project there
                         env={"NEEDSCLI_LANG": "en"})
    assert result.exit_code == 2
    assert f"Invalid value for '--as-of': \"{value}\" is not a date from 1900 to 2999" in result.stderr
    assert not (tmp_path / "out").exists()


def test_an_unknown_section_of_the_project_file_is_named_in_chinese(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "needscli.toml").write_text("[analyze]\nas_of = 2026-11-01\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli("validate", "any.xlsx", env={"NEEDSCLI_LANG": "zh"})
    assert result.exit_code == 2
    assert result.stderr == "错误：needscli.toml：analyze：未知的键；请检查拼写及其所在的 [节]\n"
