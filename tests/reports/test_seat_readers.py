"""Every reader of a plan's seats reads forming's Seats as it reads a plain list of the same Assignments."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from builders import SAMPLES

import needscli
from needscli.core.analysis import Analysis
from needscli.planner import Plan, swap_gain
from needscli.planner.seats import Seats
from needscli.reports.annual_plan import need_routes, route_counts, sent_up_members
from needscli.reports.class_lookup import PlanView
from needscli.reports.class_rosters import write_assignments_csv
from needscli.reports.parquet import write_parquet_outputs
from needscli.reports.split import PlanParts, subset_plan


@pytest.fixture(scope="module")
def both() -> tuple[Analysis, Plan, Plan]:
    """The samples' analysis, its plan as formed (Seats), and the plan with its seats as a list."""
    analysis = needscli.analyze(SAMPLES, as_of="2026-11-01")
    plan = needscli.plan(analysis)
    return analysis, plan, dataclasses.replace(plan, assignments=list(plan.assignments))


def test_forming_keeps_its_seats_as_seats(both: tuple[Analysis, Plan, Plan]) -> None:
    _, plan, listed = both
    assert isinstance(plan.assignments, Seats) and not isinstance(listed.assignments, Seats)
    assert plan.assignments == listed.assignments and len(listed.assignments) > 50


def test_routes_sent_up_and_ways_read_alike(both: tuple[Analysis, Plan, Plan]) -> None:
    analysis, plan, listed = both
    assert route_counts(plan) == route_counts(listed)
    assert min(route_counts(plan).values()) > 0  # every route, and unmet, has needs: each run read
    assert sent_up_members(plan) == sent_up_members(listed) != set()
    assert need_routes(analysis, plan) == need_routes(analysis, listed)
    assert PlanView(plan).class_by_need == PlanView(listed).class_by_need
    assert swap_gain(plan, analysis.needs, analysis.config) == swap_gain(listed, analysis.needs, analysis.config)


def test_frames_parts_and_files_read_alike(both: tuple[Analysis, Plan, Plan], tmp_path: Path) -> None:
    analysis, plan, listed = both
    assert plan.to_frame("assignments").equals(listed.to_frame("assignments"))
    keep = {c.id for c in analysis.cadres[::3]}
    part = subset_plan(plan, keep).assignments
    assert part == subset_plan(listed, keep).assignments == [a for a in listed.assignments if a.cadre_id in keep]
    # an organizer's hand-out: its classes only, beside the needs served without a class
    organizer = plan.classes[0].organizer
    classes = {c.id for c in plan.classes if c.organizer == organizer}
    theirs = PlanParts(plan, {"k": keep}).of("k", classes).assignments
    assert theirs == subset_plan(listed, keep, classes).assignments
    assert theirs == [a for a in part if a.class_id in classes or not a.class_id] != part
    for name, which in (("seats", plan), ("list", listed)):
        (tmp_path / name).mkdir()
        write_assignments_csv(analysis, which, tmp_path / name / "assignments.csv")
        write_parquet_outputs(analysis, which, tmp_path / name, with_analysis=False)
    for file in ("assignments.csv", "assignments.parquet"):
        assert (tmp_path / "seats" / file).read_bytes() == (tmp_path / "list" / file).read_bytes()


def test_a_plan_without_seats_makes_a_frame_of_its_columns(both: tuple[Analysis, Plan, Plan]) -> None:
    _, plan, listed = both
    empty = dataclasses.replace(plan, assignments=plan.assignments[:0])
    assert isinstance(empty.assignments, Seats)
    frame = empty.to_frame("assignments")
    assert len(frame) == 0 and frame.dtypes.equals(listed.to_frame("assignments").dtypes)
