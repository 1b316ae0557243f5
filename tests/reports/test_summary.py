"""The --format json summary stays small whatever the roster: at most limits.summary_problems problems are
listed (each kind's first in turn, errors' kinds first, in their order), the rest counted; every one stays in analysis.json."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from builders import SAMPLES, make_config, run_analyze

import needscli
from needscli.config import Config, LimitsConfig
from needscli.core.analysis import Analysis
from needscli.errors import Problem
from needscli.reports.summary import listed_problems, summary_json

AS_OF = "2026-11-01"


def problem(n: int, severity: str) -> Problem:
    return Problem(code=f"p{n}", message=f"problem {n}", row=n, severity=severity)


def test_a_short_list_is_listed_whole_in_its_order() -> None:
    problems = [problem(1, "warning"), problem(2, "error"), problem(3, "warning")]
    assert listed_problems(problems, 3) == problems
    assert listed_problems([], 0) == []


def test_a_long_list_keeps_its_errors_first_then_its_first_warnings_in_their_order() -> None:
    problems = [problem(1, "warning"), problem(2, "error"), problem(3, "warning"), problem(4, "error"),
                problem(5, "warning")]
    assert [p.row for p in listed_problems(problems, 3)] == [1, 2, 4]
    assert [p.row for p in listed_problems(problems, 1)] == [2]
    assert listed_problems(problems, 0) == []


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    return needscli.analyze(SAMPLES, as_of=AS_OF)


def test_the_summary_lists_the_limits_problems_and_counts_the_rest(analysis: Analysis) -> None:
    problems = analysis.problems
    assert len(problems) > 5
    short = dataclasses.replace(analysis, config=Config(limits=LimitsConfig(summary_problems=5)))
    summary = summary_json(short, [], 1)
    # each kind's first ones in turn (the samples' are all warnings), as the terminal's list is cut
    assert summary["problems"] == [p.as_dict() for p in listed_problems(problems, 5)]
    assert {p["code"] for p in summary["problems"]} == {p.code for p in problems}
    assert summary["problems_not_listed"] == len(problems) - 5
    assert summary["counts"]["problems"] == len(problems)
    whole = summary_json(analysis, [], 1)
    assert (len(whole["problems"]), whole["problems_not_listed"]) == (len(problems), 0)


def test_analyze_json_follows_the_limit_and_analysis_json_keeps_every_problem(tmp_path: Path) -> None:
    config = make_config(tmp_path, "[limits]\nsummary_problems = 2\n")
    out = tmp_path / "out"
    result = run_analyze(SAMPLES, "-o", out, "--as-of", AS_OF, "--format", "json", "--config", config)
    assert result.exit_code == 1, result.output  # the samples' warnings, on purpose
    summary = json.loads(result.stdout)
    total = summary["counts"]["problems"]
    assert (len(summary["problems"]), summary["problems_not_listed"]) == (2, total - 2)
    saved = json.loads((out / "analysis.json").read_text(encoding="utf-8"))
    assert len(saved["problems"]) == total > 2


def test_the_summary_lists_the_units_with_the_most_overdue_and_counts_the_rest(analysis: Analysis) -> None:
    """counts.overdue_by_unit: at most limits.summary_units units, those with the most overdue first; every
    unit with any is counted (a province has thousands: 1.4 MB of JSON at a million cadres, listed whole)."""
    whole = summary_json(analysis, [], 1)["counts"]
    units = whole["overdue_by_unit"]
    assert len(units) >= 3 and whole["overdue_units"] == len(units) and whole["overdue_units_not_listed"] == 0
    totals = [sum(kinds.values()) for kinds in units.values()]
    assert totals == sorted(totals, reverse=True)
    short = dataclasses.replace(analysis, config=Config(limits=LimitsConfig(summary_units=2)))
    counts = summary_json(short, [], 1)["counts"]
    assert counts["overdue_by_unit"] == dict(list(units.items())[:2])
    assert (counts["overdue_units"], counts["overdue_units_not_listed"]) == (len(units), len(units) - 2)
    none = dataclasses.replace(analysis, config=Config(limits=LimitsConfig(summary_units=0)))
    assert summary_json(none, [], 1)["counts"]["overdue_by_unit"] == {}


def test_the_needs_are_tallied_once_for_a_list_of_needs(analysis: Analysis) -> None:
    """summary_counts reads the needs by source and the cadres with any from Analysis.need_tally: counted once
    for a list of needs (the gap report, the snapshot and the JSON summary each ask), again for another."""
    from needscli.reports.gap_report import summary_counts

    tally = analysis.need_tally()
    assert analysis.need_tally() is tally
    counts = summary_counts(analysis)
    assert counts["needs_by_source"] == {s: sum(n.source == s for n in analysis.needs) for s in tally.by_source}
    assert counts["cadres_with_needs"] == len({n.cadre_id for n in analysis.needs}) == tally.cadres
    assert sum(tally.by_source.values()) == len(analysis.needs)
    fewer = dataclasses.replace(analysis, needs=[n for n in analysis.needs if n.source != "post"])
    assert summary_counts(fewer)["needs_by_source"]["post"] == 0 < tally.by_source["post"]
    assert fewer.need_tally() is not tally and analysis.need_tally() is tally
    grown = dataclasses.replace(analysis, needs=list(analysis.needs))
    assert grown.need_tally() == tally
    grown.needs.append(grown.needs[0])  # the same list, one need longer: counted again
    assert grown.need_tally().by_source[grown.needs[0].source] == tally.by_source[grown.needs[0].source] + 1


def test_the_gap_reports_summary_gives_the_plans_headline_figures_as_the_json_does(tmp_path: Path) -> None:
    """The terminal said 必训任务已安排 317/341（93%） and the hours still short; the gap report an office prints
    did not. Its Summary gives both, the same figures as the JSON summary."""
    import openpyxl

    out = tmp_path / "out"
    result = run_analyze(SAMPLES, "-o", out, "--as-of", AS_OF, "--format", "json")
    classes = json.loads(result.stdout)["classes"]
    served, hours = classes["obligations_served"], classes["hours_after_plan"]
    assert served["asked"] and hours["cadres"]
    ws = openpyxl.load_workbook(out / "gap-report.xlsx", read_only=True)["概要"]
    values = {r[0]: r[1] for r in ws.iter_rows(values_only=True) if r and r[0]}
    assert values["必训任务已安排"] == f"{served['served']}/{served['asked']}（{served['share']:.0%}）"
    assert values["学时测算：班次安排后仍有缺口的人数"] == hours["short"]
    assert values["学时测算：仍缺学时"] == pytest.approx(hours["hours_left"])
