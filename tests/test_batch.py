"""Unattended batch use: a folder of unit rosters as one, hand-outs per unit or organizer,
a needscli.toml job run with no arguments, and output a script can read."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from conftest import (
    NEEDS_AS_OF,
    NEEDS_POSTS,
    SMALL_CLASSES,
    UNIT_HEADER,
    UNIT_NAMES,
    make_config,
    make_csv,
    make_unit_folder,
    make_workbook,
    run_needscli,
    sheet_records,
    unit_cadres,
)
from typer.testing import CliRunner

from needscli.cli.app import app
from needscli.config import Config
from needscli.io.project import expand_inputs
from needscli.pipeline import analyze as analyze_inputs

runner = CliRunner()
HAND_OUTS = ["gap-report.xlsx", "needs.csv", "class-rosters.xlsx", "classes.csv", "assignments.csv"]
UNIT_IDS = {unit: {str(row[0]) for row in unit_cadres(n, unit)} for n, unit in enumerate(UNIT_NAMES)}
ALL_IDS = set().union(*UNIT_IDS.values())
LEADERS = {f"U{n}01" for n in range(len(UNIT_NAMES))}  # 县处级副职: organized by 市委管理, the rest by 县委管理


def analyze(*args: str | Path) -> object:
    return runner.invoke(app, ["analyze", *[str(a) for a in args]])


def csv_records(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def ids_in(path: Path) -> set[str]:
    return {r["cadre_id"] for r in csv_records(path)}


# --- a folder of unit rosters -----------------------------------------------------------------------

def test_a_folder_of_unit_rosters_is_analyzed_as_one(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = analyze(make_unit_folder(tmp_path), "-o", out, "--as-of", NEEDS_AS_OF)
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert result.stderr == ""  # type: ignore[attr-defined]
    assert ids_in(out / "needs.csv") == ALL_IDS
    assert {str(r["编号"]) for r in sheet_records(out / "gap-report.xlsx", "需求明细")} == ALL_IDS


def test_each_cadre_keeps_the_file_it_came_from(tmp_path: Path) -> None:
    folder = make_unit_folder(tmp_path)
    analysis, _ = analyze_inputs(expand_inputs([str(folder)]), Config())
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
    analysis, _ = analyze_inputs(expand_inputs([str(folder)]), Config())
    assert [(p.file, p.row, p.column, p.code) for p in analysis.problems] == [("市财政局.xlsx", 3, "编号", "duplicate-id")]
    assert analysis.problems[0].message == ('row 3, column "编号": repeats the id of 城关镇.xlsx row 6; '
                                            "expected a unique id per cadre")
    assert [(c.id, c.file) for c in analysis.cadres if c.id == "U001"] == [("U001", "城关镇.xlsx")]


# --- hand-outs per unit or organizer -----------------------------------------------------------------

@pytest.fixture(scope="module")
def unit_folder(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp_path = tmp_path_factory.mktemp("units")
    return make_unit_folder(tmp_path), make_config(tmp_path, SMALL_CLASSES)


def test_split_by_unit_writes_each_unit_its_own_outputs(unit_folder: tuple[Path, Path], tmp_path: Path) -> None:
    folder, config = unit_folder
    out = tmp_path / "out"
    result = analyze(folder, "-o", out, "--split-by", "unit", "--config", config, "--as-of", NEEDS_AS_OF)
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert sorted(p.name for p in (out / "by-unit").iterdir()) == sorted(UNIT_NAMES)
    for unit, ids in UNIT_IDS.items():
        part = out / "by-unit" / unit
        assert sorted(p.name for p in part.iterdir()) == sorted(HAND_OUTS), unit
        assert ids_in(part / "needs.csv") == ids
        assert {r["unit"] for r in csv_records(part / "needs.csv")} == {unit}
        assert {str(r["编号"]) for r in sheet_records(part / "gap-report.xlsx", "需求明细")} == ids
        seated = ids_in(part / "assignments.csv")
        assert seated and seated <= ids, unit


def test_split_by_organizer_writes_each_organizer_its_own_outputs(unit_folder: tuple[Path, Path],
                                                                  tmp_path: Path) -> None:
    folder, config = unit_folder
    out = tmp_path / "out"
    result = analyze(folder, "-o", out, "--split-by", "organizer", "--config", config, "--as-of", NEEDS_AS_OF)
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    expected = {"市委管理": LEADERS, "县委管理": ALL_IDS - LEADERS}
    assert sorted(p.name for p in (out / "by-organizer").iterdir()) == sorted(expected)
    for organizer, ids in expected.items():
        part = out / "by-organizer" / organizer
        assert sorted(p.name for p in part.iterdir()) == sorted(HAND_OUTS), organizer
        assert ids_in(part / "needs.csv") == ids
        classes = csv_records(part / "classes.csv")
        assert classes and {r["organizer"] for r in classes} == {organizer}
        assert ids_in(part / "assignments.csv") <= ids


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
    result = runner.invoke(app, ["analyze"])
    assert result.exit_code == 0, result.output
    out = project / "out"
    assert sorted(p.name for p in out.iterdir()) == sorted([*HAND_OUTS, "analysis.json"])
    compliance = {r["Cadre ID"]: (r["Required"], r["Done"], r["Status"])
                  for r in sheet_records(out / "gap-report.xlsx", "Compliance")}
    # 95 hours meet the default 90 a year, not the project's 100
    assert compliance == {"E001": (100, 40, "deficit"), "E002": (100, 95, "deficit")}
    needs = csv_records(out / "needs.csv")
    assert {r["cadre_id"] for r in needs} == {"E001", "E002"}
    assert "post" in {r["source"] for r in needs}  # the posts file of [inputs] was read
    assert json.loads((out / "analysis.json").read_text(encoding="utf-8"))["as_of"] == "2026-11-01"


@pytest.mark.parametrize(("text", "message"), [
    (PROJECT.replace('output = "out"', 'outptu = "out"'), "options.outptu: Extra inputs are not permitted"),
    (PROJECT.replace('EmployeeNumber = "id"', 'EmployeeNumber = "employee_id"'),
     '[columns.roster] "EmployeeNumber" maps to unknown field "employee_id"; fields: id, name, unit, post, level, '
     "department, post_code, category, job_family, managed_by, appointed, entry_date, birth_date, hours_year, "
     "hours_five_year, completed, wishes"),
    (PROJECT.replace("[columns.roster]", "[columns.rosters]"),
     "[columns.rosters] is not an input kind; use one of roster, posts, priorities, topics, resources, rules"),
    (PROJECT.replace("annual_required", "anual_required"), "hours.anual_required: Extra inputs are not permitted"),
], ids=["unknown-option", "unknown-field", "unknown-kind", "unknown-threshold"])
def test_a_bad_project_file_exits_2_naming_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str,
                                              message: str) -> None:
    project = make_project(tmp_path, text)
    monkeypatch.chdir(project)
    result = runner.invoke(app, ["analyze"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"Error: {project / 'needscli.toml'}: {message}\n"
    assert not (project / "out").exists()


# --- output a script can read -------------------------------------------------------------------------

def test_quiet_prints_nothing_on_a_clean_run(unit_folder: tuple[Path, Path], tmp_path: Path) -> None:
    folder, _ = unit_folder
    result = run_needscli("analyze", folder, "-o", tmp_path / "out", "--quiet", "--as-of", NEEDS_AS_OF)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert (tmp_path / "out" / "gap-report.xlsx").is_file()


def test_json_is_the_only_thing_on_stdout(tmp_path: Path) -> None:
    folder = make_unit_folder(tmp_path)
    # one bad date, so there is a message to print: it must go to stderr
    make_workbook(folder, {"花名册": [[*UNIT_HEADER, "任现职时间"], [*unit_cadres(1, "市税务局")[0], "2023.13"],
                                      *[[*r, "2020-01"] for r in unit_cadres(1, "市税务局")[1:]]]},
                  title="市税务局干部花名册", name="市税务局.xlsx")
    result = run_needscli("analyze", folder, "-o", tmp_path / "out", "--format", "json", "--as-of", NEEDS_AS_OF)
    assert result.returncode == 1, result.stderr
    summary = json.loads(result.stdout)  # exactly one document: trailing text would not parse
    assert summary["counts"]["cadres"] == len(ALL_IDS)
    assert summary["counts"]["problems"] == 1
    assert 'row 3, column "任现职时间"' in result.stderr
