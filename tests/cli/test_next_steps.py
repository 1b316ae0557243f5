"""What the terminal tells a clerk to do next, and that it works as told: the class limits analyze takes as options
(--min-size ...), the command that re-forms the classes with the minimum size that forms a group left without one,
where the reasons of the obligations left unmet are, and a budget that says which classes it could not cost."""

from __future__ import annotations

import json
import shlex
import subprocess
from pathlib import Path

import openpyxl
import pytest
from builders import make_workbook, run_cli, run_needscli

HEADER = ["编号", "姓名", "单位", "职务", "职级", "任现职时间", "参加工作时间", "本年度学时"]


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A county office of 15 in one unit: 3 may be away at once (unit_away_share 0.2); 4 new recruits owe initial
    training, 3 new deputies appointment training, below the minimum class of 15."""
    rows: list[list[object]] = []
    for i in range(15):
        if i < 4:
            rows.append([f"N{i:02d}", f"新{i}", "XX县农业农村局", "科员", "一级科员", "2026-07", f"2026-0{i + 3}", 0])
        elif i < 7:
            rows.append([f"N{i:02d}", f"领{i}", "XX县农业农村局", "副局长", "乡科级副职", "2026-05", "2005-07", 60])
        else:
            rows.append([f"N{i:02d}", f"干{i}", "XX县农业农村局", "科员", "一级主任科员", "2018-05", "2008-07", 95])
    return make_workbook(tmp_path_factory.mktemp("county"), {"花名册": [HEADER, *rows]}, title="XX县农业农村局干部花名册")


def test_analyze_takes_the_class_limits_as_options(county: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("analyze", county, "-o", out, "--as-of", "2026-11-01", "--min-size", "3", "--max-size", "40",
                     "--max-per-cadre", "3", "--unit-share", "0.25", "--format", "json")
    assert result.exit_code in (0, 1), result.output
    limits = json.loads(result.stdout)["classes"]["limits"]
    assert (limits["min_size"], limits["max_size"], limits["max_per_cadre"], limits["unit_away_share"]) == (
        3, 40, 3, 0.25)
    # the run keeps them: classes re-forms under them where it is given none
    again = run_cli("classes", out, "--format", "json")
    assert json.loads(again.stdout)["classes"]["limits"]["min_size"] == 3
    # a minimum above the maximum is refused, in Chinese, before anything is read
    refused = run_cli("analyze", county, "-o", tmp_path / "x", "--as-of", "2026-11-01", "--min-size", "60",
                      env={"NEEDSCLI_LANG": None, "LANG": "C.UTF-8", "LC_ALL": None})
    assert refused.exit_code == 2
    assert "最小班额 60 大于最大班额 50（--min-size 60，[classes] max_size 50）" in refused.output
    assert not (tmp_path / "x").exists()


def test_the_help_names_the_thresholds_default() -> None:
    result = run_needscli("analyze", "--help", env={"NEEDSCLI_LANG": None, "LANG": "C.UTF-8", "LC_ALL": None})
    assert "阈值中[classes]min_size的值（15）" in "".join(result.stdout.split())  # wrapped anywhere


def test_the_command_the_terminal_gives_forms_the_obligations_class(county: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("analyze", county, "-o", out, "--as-of", "2026-11-01", env={"COLUMNS": "200"})
    lines = result.stdout.splitlines()
    # no class formed: the obligations are unmet, and the line says where each one's reason is
    assert "必训任务已安排：0/7（0%）" in lines
    assert "未安排的必训任务 7 项：逐人原因见需求分析报告 gap-report.xlsx 的「未满足」工作表" in lines
    # what each workbook holds: the annual plan is a sheet of the class rosters, not a file of its own
    assert f"已写出 {out / 'class-rosters.xlsx'}（班次名册：班次总览、年度培训计划、未成班和各班签到表）" in lines
    assert f"已写出 {out / 'gap-report.xlsx'}（需求分析报告：概要、必训任务、需求明细、学时达标、未满足等）" in lines
    at = next(i for i, line in enumerate(lines) if line.startswith("使「"))
    assert lines[at] == ("使「初任培训（县委管理）」开班，可重新编班（沿用本次分析结果，不必重新读取花名册；"
                         "最小班额对全部班次有效）：")
    args = shlex.split(lines[at + 1])  # the command on a line of its own, as a shell reads it
    assert args[:3] == ["needscli", "classes", str(out)]
    # the minimum it gives is the one the unmet group's reasons give (3 of the 4 recruits may be away at once)
    assert args[-2:] == ["--min-size", "3"]
    again = run_cli(*args[1:], "--format", "json")
    assert again.exit_code in (0, 1), again.output
    summary = json.loads(again.stdout)["classes"]
    assert summary["obligations_served"]["served"] > 0
    assert summary["count"] > 0


@pytest.mark.parametrize("name", ["培训(2026) a&b", "x'y$HOME", "需求 分析"])
def test_the_command_runs_in_a_shell_whatever_the_folders_name(county: Path, tmp_path: Path, name: str) -> None:
    out = tmp_path / name / "out"
    result = run_cli("analyze", county, "-o", out, "--as-of", "2026-11-01", env={"COLUMNS": "200"})
    lines = result.stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("使「"))
    command = lines[at + 1].strip()
    ran = subprocess.run(["bash", "-c", f"needscli() {{ printf '%s\\n' \"$@\"; }}; {command}"], capture_output=True,
                         text=True, check=True)
    assert ran.stdout.splitlines() == ["classes", str(out), "--min-size", "3"]


def test_no_command_where_no_group_left_out_went_unmet(county: Path, tmp_path: Path) -> None:
    """Every group left without a class served some other way (online, its unit): there is no class to form, and
    --min-size 1 for one cadre learning online is no advice."""
    import dataclasses

    import needscli
    from needscli.cli.render import reform_lines

    analysis = needscli.analyze(county, as_of="2026-11-01")
    plan = needscli.plan(analysis)
    assert [g.route for g in plan.no_class if g.route == "unmet"]
    assert reform_lines(analysis, plan, tmp_path, "zh")
    served = dataclasses.replace(plan, no_class=[g for g in plan.no_class if g.route != "unmet"])
    assert served.no_class and reform_lines(analysis, served, tmp_path, "zh") == []


def test_the_unmet_obligations_line_names_a_file_the_run_wrote(county: Path, tmp_path: Path) -> None:
    parquet = run_cli("analyze", county, "-o", tmp_path / "p", "--as-of", "2026-11-01", "--formats", "csv,parquet")
    assert "未安排的必训任务 7 项：逐人原因见 unmet.parquet" in parquet.stdout
    assert (tmp_path / "p" / "unmet.parquet").exists()
    neither = run_cli("analyze", county, "-o", tmp_path / "c", "--as-of", "2026-11-01", "--formats", "csv")
    assert ("未安排的必训任务 7 项：本次未写出 gap-report.xlsx 和 unmet.parquet，加 --formats xlsx（或 parquet）重新运行"
            "可看到逐人原因") in " ".join(neither.stdout.split())


def test_the_budget_says_when_no_class_could_be_costed(county: Path, tmp_path: Path) -> None:
    result = run_cli("analyze", county, "-o", tmp_path / "out", "--as-of", "2026-11-01", "--min-size", "3",
                     env={"COLUMNS": "200"})
    assert "经费预算：未测算（各班次承办单位待定；在「培训资源」表中列出承办单位及人均费用即可测算）" in result.stdout
    assert "经费预算：0 元" not in result.stdout
    summary = run_cli("classes", tmp_path / "out", "--format", "json")
    classes = json.loads(summary.stdout)["classes"]
    assert classes["unpriced_classes"] == classes["count"] > 0
    assert classes["budget"] == 0
    # the plan's budget is left blank, not 0, and the line beside it says why
    sheet = openpyxl.load_workbook(tmp_path / "out" / "class-rosters.xlsx")["年度培训计划"]
    budget = next(row for row in sheet.iter_rows(values_only=True) if row[0] == "合计：经费预算（元）")
    assert budget[2:4] == (None, "（各班次承办单位待定，经费未测算）")


def test_a_sum_on_the_terminal_reads_as_a_clerk_writes_it() -> None:
    """A province's demand read 9.67e+06 on the terminal and the roll-up's."""
    from needscli.cli.render import figure, stage_words

    assert [figure(v) for v in (9670000.0, 2591.4, 7212175.13, 0.0, 0.04, 2591.96)] == [
        "9,670,000", "2,591.4", "7,212,175.13", "0", "0.04", "2,591.96"]
    assert [stage_words(s, "zh") for s in ("reading 花名册.xlsx", "finding needs", "forming classes",
                                           "writing reports")] == ["正在读取 花名册.xlsx", "正在找出培训需求", "正在编班",
                                                                   "正在写出报告"]


def test_a_long_problem_list_is_counted_by_kind(tmp_path: Path) -> None:
    """A province's 6,488 problems were 20 listed and 6,468 more: what they are is said by kind, the most first."""
    from builders import SAMPLES

    result = run_cli("analyze", SAMPLES, "-o", tmp_path / "out", "--as-of", "2026-11-01",
                     env={"NEEDSCLI_LANG": None, "LANG": "C.UTF-8", "LC_ALL": None, "COLUMNS": "200"})
    lines = result.stderr.splitlines()
    assert lines[-2] == "……另有 18 个问题，见需求分析报告的「问题」工作表"
    assert lines[-1] == "按类型：达标情况未知 33 处、主题按近似名称读取 3 处、管理权限按职级确定 2 处"


def test_a_cut_problem_list_shows_every_kind_errors_first() -> None:
    """A province's first 20 problems were all of one kind (达标情况未知): a row skipped past them, or 3 topics read
    by a close name, went unseen. A cut list takes each kind's first ones in turn, errors' kinds first, in order."""
    from needscli.errors import Problem
    from needscli.reports.summary import listed_problems

    unknown = [Problem(code="compliance-unknown", message="", row=i, severity="warning") for i in range(2, 32)]
    fuzzy = [Problem(code="fuzzy-topic", message="", row=i, severity="warning") for i in (40, 41, 42)]
    skipped = [Problem(code="missing-required", message="", row=i) for i in (50, 51)]
    problems = [*unknown, *fuzzy, *skipped]
    shown = listed_problems(problems, 20)
    assert len(shown) == 20
    assert [p for p in shown if p.code != "compliance-unknown"] == [*fuzzy, *skipped]
    assert [p.row for p in shown if p.code == "compliance-unknown"] == list(range(2, 17))
    assert listed_problems(problems[:5], 20) == problems[:5]  # a short list whole, as it was
    assert listed_problems(problems, None) == problems
    # of two error kinds and one warning kind, each kind once at a limit of 3; the errors' kinds first at 2
    mixed = [*unknown[:3], *skipped, Problem(code="bad-date", message="", row=60)]
    assert [p.code for p in listed_problems(mixed, 3)] == ["compliance-unknown", "missing-required", "bad-date"]
    assert [p.code for p in listed_problems(mixed, 2)] == ["missing-required", "bad-date"]


@pytest.mark.parametrize(("options", "where"), [
    (["--strict"], "……另有 18 个问题（--format json 可列出全部）"),
    (["--formats", "csv,parquet"], "……另有 18 个问题，全部问题见 analysis.json 的 problems")])
def test_a_cut_problem_list_points_where_the_rest_are_when_no_gap_report_is_written(tmp_path: Path,
                                                                                    options: list[str],
                                                                                    where: str) -> None:
    """Under --strict (nothing written) and --formats without xlsx, the line under the cut list sent the clerk to the
    Problems sheet of a gap report this run did not write (or an earlier run's, out of date). Without a gap report
    they are all in analysis.json (the JSON summary lists limits.summary_problems of them); under --strict in the
    error's JSON."""
    from builders import SAMPLES

    result = run_cli("analyze", SAMPLES, "-o", tmp_path / "out", "--as-of", "2026-11-01", *options,
                     env={"NEEDSCLI_LANG": None, "LANG": "C.UTF-8", "LC_ALL": None, "COLUMNS": "200"})
    assert where in result.stderr.splitlines()
    assert "需求分析报告的「问题」工作表" not in result.stderr
    assert not (tmp_path / "out" / "gap-report.xlsx").exists()
