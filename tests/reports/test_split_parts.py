"""The parts of a split, each list read once for all of them (AnalysisParts, PlanParts), are what filtering every list
for each part gives: the same rows, in the same order, for every unit and every organizer."""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from builders import SAMPLES, UNIT_HEADER, make_workbook, unit_cadres

from needscli.config import Config
from needscli.core.analysis import Analysis
from needscli.core.ranking import rank_topics_both
from needscli.errors import OutputError, Problem
from needscli.pipeline import analyze, plan_classes
from needscli.planner import Plan
from needscli.reports import split
from needscli.reports.split import AnalysisParts, PlanParts, groups, part_catalog


def filtered_analysis(analysis: Analysis, keep: set[str]) -> Analysis:
    """The reference: every list of the analysis filtered for one part's cadres."""
    cadres = [c for c in analysis.cadres if c.id in keep]
    needs = [n for n in analysis.needs if n.cadre_id in keep]
    catalog = part_catalog(analysis.catalog, cadres)
    ranking, unit_ranking = rank_topics_both(needs, cadres, catalog)
    everyone = {(c.file, c.sheet, c.row) for c in analysis.cadres}
    rosters = set(analysis.inputs.roster_columns) | {(file, sheet) for file, sheet, _ in everyone}
    at = [(p.file, p.sheet, p.row) if p.row is not None and (p.file, p.sheet) in rosters else None
          for p in analysis.problems]
    skipped = {where for where, p in zip(at, analysis.problems, strict=True)
               if where is not None and p.severity == "error" and where not in everyone}
    others = (everyone - {(c.file, c.sheet, c.row) for c in cadres}) | skipped
    return dataclasses.replace(
        analysis, inputs=dataclasses.replace(analysis.inputs, cadres=cadres), needs=needs, catalog=catalog,
        obligations=[o for o in analysis.obligations if o.cadre_id in keep],
        compliance=[r for r in analysis.compliance if r.cadre_id in keep],
        unmatched=[u for u in analysis.unmatched if not u.cadre_id or u.cadre_id in keep],
        ranking=ranking, unit_ranking=unit_ranking, ranks_pending=False,
        ledger_diffs=[d for d in analysis.ledger_diffs if d.cadre_id in keep],
        problems=[p for where, p in zip(at, analysis.problems, strict=True) if where is None or where not in others])


def filtered_plan(plan: Plan, keep: set[str], classes: set[str] | None) -> Plan:
    chosen = []
    for cls in plan.classes:
        members = [m for m in cls.members if m in keep]
        if members and (classes is None or cls.id in classes):
            chosen.append(cls.model_copy(update={"members": members}))
    ids = {c.id for c in chosen}
    return dataclasses.replace(
        plan, classes=chosen, problems=[], ways=None,
        assignments=[a for a in plan.assignments if a.cadre_id in keep and (a.class_id in ids or not a.class_id)],
        unmet=[u for u in plan.unmet if u.cadre_id in keep], hours_left=[h for h in plan.hours_left if h.cadre_id in keep])


ANALYSIS_LISTS = ("cadres", "needs", "obligations", "compliance", "unmatched", "ledger_diffs", "problems", "ranking",
                  "unit_ranking")


def lists_of(analysis: Analysis) -> dict[str, Any]:
    return {**{name: getattr(analysis, name) for name in ANALYSIS_LISTS}, "mapping": analysis.catalog.mapping}


def messy_roster(tmp_path: Path) -> Path:
    """Units with cadres whose rows have problems: a repeated id, a bad date, an unknown level, a row without a
    unit (rejected), a wish that matches no topic."""
    rows = [*unit_cadres(1, "市财政局"), *unit_cadres(2, "市税务局"), *unit_cadres(3, "城关镇")]
    rows[1][5] = "四十"  # hours not a number: a warning on a cadre's row
    rows.append(["U101", "重号", "市财政局", "科员", "一级科员", 10])  # the id of row 2 again: rejected
    rows.append(["U901", "无单位", "", "科员", "一级科员", 10])  # no unit: rejected, its row skipped
    rows.append(["U902", "未知职级", "城关镇", "科员", "不存在的职级", 10])  # unknown level: rejected
    return make_workbook(tmp_path, {"花名册": [UNIT_HEADER, *rows]})


@pytest.fixture(scope="module")
def messy(tmp_path_factory: pytest.TempPathFactory) -> tuple[Analysis, Plan]:
    """The messy roster's analysis, with problems of no person's row too: of the run, of another input's row."""
    analysis, _ = analyze([messy_roster(tmp_path_factory.mktemp("messy"))], Config())
    analysis.problems[1:1] = [Problem(code="run", message="of the run", severity="warning"),
                              Problem(code="post", file="posts.xlsx", sheet="岗位", row=3, message="of a post")]
    return analysis, plan_classes(analysis, None, None)


@pytest.fixture(scope="module")
def samples() -> tuple[Analysis, Plan]:
    analysis, _ = analyze([SAMPLES], Config())
    return analysis, plan_classes(analysis, None, None)


@pytest.fixture(params=["samples", "messy"])
def planned(request: pytest.FixtureRequest) -> tuple[Analysis, Plan]:
    result: tuple[Analysis, Plan] = request.getfixturevalue(request.param)
    return result


@pytest.mark.parametrize("by", ["unit", "organizer"])
def test_each_part_is_its_cadres_rows_of_every_list(planned: tuple[Analysis, Plan], by: str) -> None:
    analysis, plan = planned
    parts = groups(analysis, by)
    assert len(parts) >= 2
    analyses, plans = AnalysisParts(analysis, parts), PlanParts(plan, parts)
    for name, keep in parts.items():
        classes = {c.id for c in plan.classes if c.organizer == name} if by == "organizer" else None
        assert lists_of(analyses.of(name)) == lists_of(filtered_analysis(analysis, keep))
        mine, expected = plans.of(name, classes), filtered_plan(plan, keep, classes)
        assert (mine.classes, mine.assignments, mine.unmet, mine.hours_left) \
            == (expected.classes, expected.assignments, expected.unmet, expected.hours_left)
    # every row of a cadre went to one part; those of no cadre to each
    assert sum(len(analyses.needs.part(name)) for name in parts) == len(analysis.needs)
    assert sum(len(plans.of(name).assignments) for name in parts) == len(plan.assignments)


def test_the_messy_roster_has_problems_of_every_kind(messy: tuple[Analysis, Plan]) -> None:
    """The cases the parts' problems are cut by: of a cadre's row, of a row skipped, of no row."""
    analysis, _ = messy
    rows = {(c.file, c.sheet, c.row) for c in analysis.cadres}
    at = [(p.file, p.sheet, p.row) for p in analysis.problems]
    assert any(where in rows for where in at)  # a cadre's row
    assert any(where not in rows and p.severity == "error" and p.row is not None
               for where, p in zip(at, analysis.problems, strict=True))  # a row skipped
    assert any(p.row is None for p in analysis.problems)  # no row
    assert any(p.file != analysis.cadres[0].file for p in analysis.problems)  # another input's row


def test_one_part_alone_is_as_among_all(planned: tuple[Analysis, Plan]) -> None:
    analysis, plan = planned
    keep = {c.id for c in analysis.cadres[::2]}
    assert lists_of(split.subset_analysis(analysis, keep)) == lists_of(filtered_analysis(analysis, keep))
    assert split.subset_plan(plan, keep).assignments == filtered_plan(plan, keep, None).assignments
    assert lists_of(split.subset_analysis(analysis, set())) == lists_of(filtered_analysis(analysis, set()))


def wait_for(done: Callable[[], bool], seconds: float = 30) -> None:
    """Wait until done() (another process's step), at most seconds."""
    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            raise AssertionError("the other process did not get there in time")
        time.sleep(0.01)


def test_hand_outs_written_in_two_processes_are_those_written_in_one(planned: tuple[Analysis, Plan], tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    analysis, plan = planned
    writers = tmp_path / "writers"
    real = split._write_part
    parent, two = os.getpid(), [False]

    def noted(*args: Any) -> list[Path]:  # which process wrote each part
        with writers.open("a", encoding="utf-8") as out:
            out.write(f"{os.getpid()}\n")
        if two[0] and os.getpid() == parent:  # this process's parts wait until the other has taken one
            wait_for(lambda: set(writers.read_text().split()) != {str(parent)})
        return real(*args)

    monkeypatch.setattr(split, "_write_part", noted)
    written = {}
    for processes in (1, 2):
        two[0] = processes == 2
        limits = analysis.config.limits.model_copy(update={"write_processes": processes})
        config = analysis.config.model_copy(update={"limits": limits})
        out = tmp_path / f"out{processes}"
        with split.split_staged(dataclasses.replace(analysis, config=config), plan, out, "unit") as paths:
            pass
        written[processes] = {p.relative_to(out): p.read_bytes() for p in paths}
        assert [p.relative_to(out) for p in paths] == list(written[processes])  # one order, whoever wrote what
        assert not list(out.rglob(".*"))  # no temp folder left
        if processes == 2:
            assert len(set(writers.read_text().split())) == 2  # both processes wrote parts
        writers.unlink()
    assert list(written[1]) == list(written[2]) and written[1] == written[2]


def test_rosters_of_one_name_give_each_part_the_problems_of_its_own_rows(tmp_path: Path) -> None:
    """Two unit folders' rosters of one file name: their cadres share file, sheet and row; a problem at such a row
    is each part's that has a cadre there, as filtering the problems for it gives."""
    rosters = []
    for n, unit in enumerate(["市财政局", "市税务局"], start=1):
        rows = unit_cadres(n, unit)
        rows[0][5] = "四十"  # row 2 of each: hours not a number
        (tmp_path / unit).mkdir()
        rosters.append(make_workbook(tmp_path / unit, {"花名册": [UNIT_HEADER, *rows]}))
    analysis, _ = analyze(rosters, Config())
    parts = groups(analysis, "unit")
    assert len({(c.file, c.sheet, c.row) for c in analysis.cadres}) < len(analysis.cadres)
    analyses = AnalysisParts(analysis, parts)
    for name, keep in parts.items():
        problems = analyses.of(name).problems
        assert problems == filtered_analysis(analysis, keep).problems
        assert sum(p.code == "bad-number" for p in problems) == 2  # its own row's, and the other roster's row 2


def test_a_second_process_failing_stops_the_split_and_leaves_nothing(planned: tuple[Analysis, Plan], tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    analysis, plan = planned
    parent = os.getpid()
    real = split._write_part

    here: list[Path] = []

    failed = tmp_path / "failed"

    def failing(*args: Any) -> list[Path]:
        if os.getpid() != parent:
            failed.touch()
            raise OutputError("the disk is full")
        wait_for(failed.exists)  # the second process fails meanwhile, and has ended before this part is done
        time.sleep(0.3)
        here.append(args[-1])
        return real(*args)

    monkeypatch.setattr(split, "_write_part", failing)
    out = tmp_path / "out"
    parts = groups(analysis, "unit")
    with pytest.raises(OutputError, match="the disk is full"), split.split_staged(analysis, plan, out, "unit"):
        pass
    assert not out.exists()
    assert len(here) < len(parts) - 1  # this process stopped taking parts once the other had failed


def test_a_second_process_that_finds_no_part_to_write_loses_none(planned: tuple[Analysis, Plan], tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the parts cannot be handed out through a pipe (Turns: the process that made it takes all), the second
    process ends at once, having written nothing, while this one writes every part."""
    analysis, plan = planned
    real = split._write_part

    def slow(*args: Any) -> list[Path]:
        time.sleep(0.2)  # the second process has ended meanwhile
        return real(*args)

    monkeypatch.setattr(split, "_write_part", slow)
    monkeypatch.delattr(os, "set_blocking")
    out = tmp_path / "out"
    with split.split_staged(analysis, plan, out, "unit") as paths:
        pass
    folders = {p.parent.name for p in paths}
    assert len(folders) == len(groups(analysis, "unit")) and all(p.is_file() for p in paths)


def test_a_unit_said_above_a_sheet_goes_to_that_units_hand_out_only(tmp_path: Path) -> None:
    """Sheets without a 单位 column, their unit said by a 填报单位 line (two units pasted on one sheet) or by the
    sheet's name: each warning that says so belongs to the hand-outs of the cadres read under it, not to all."""
    header = [h for h in UNIT_HEADER if h != "单位"]
    at = UNIT_HEADER.index("单位")
    rows = lambda n, unit: [r[:at] + r[at + 1:] for r in unit_cadres(n, unit)]  # noqa: E731
    path = make_workbook(tmp_path, {
        "表1": [["填报单位：市财政局"], header, *rows(1, "市财政局"), ["填报单位：市审计局"], header, *rows(2, "市审计局")],
        "市税务局": [header, *rows(3, "市税务局")]})
    analysis, _ = analyze([path], Config())
    assert {c.unit for c in analysis.cadres} == {"市财政局", "市审计局", "市税务局"}
    parts = groups(analysis, "unit")
    analyses = AnalysisParts(analysis, parts)
    said = {name: [p for p in analyses.of(name).problems if p.code == "unit-from-sheet"] for name in parts}
    assert {name: [(p.sheet, p.row) for p in ps] for name, ps in said.items()} == {
        "市财政局": [("表1", 1)], "市审计局": [("表1", 6)], "市税务局": [("市税务局", None)]}
    assert all(name in p.message for name, ps in said.items() for p in ps)


@pytest.mark.parametrize("by", ["unit", "organizer"])
def test_a_parts_class_counts_its_own_members_late_for_their_obligations(samples: tuple[Analysis, Plan],
                                                                       by: str) -> None:
    """The annual plan's late column of a hand-out: the part's members whose obligation falls due before the class
    starts, not the whole class's (a unit of one seat read 15 late); over the parts, each class's count."""
    analysis, plan = samples
    assert sum(c.late for c in plan.classes) > 0  # the samples have classes starting after obligations fall due
    parts = groups(analysis, by)
    deadlines = {(n.cadre_id, n.topic_id): n.deadline for n in analysis.needs if n.deadline is not None}
    cut = PlanParts(plan, parts, deadlines)
    late: dict[str, int] = {}
    for name in parts:
        for cls in cut.of(name).classes:
            assert cls.late <= len(cls.members)
            late[cls.id] = late.get(cls.id, 0) + cls.late
    assert late == {c.id: c.late for c in plan.classes if c.id in late}
    assert any(0 < cls.late < whole.late for name in parts for cls in cut.of(name).classes
               for whole in plan.classes if whole.id == cls.id)
