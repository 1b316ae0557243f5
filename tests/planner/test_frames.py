"""Plan.to_frame: the classes, seats, unmet needs and hours left of a plan as pandas DataFrames."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pandas as pd
import pytest
from builders import PLAN_START, plan_cadre, plan_config, plan_need, plan_of

from needscli.errors import Problem
from needscli.models import Assignment, TrainingClass, UnmetNeed
from needscli.planner import Plan
from needscli.planner.model import HoursLeft


def small_plan() -> Plan:
    """Two classes of topic a and one of b, a cadre at its cap (its need c learnt online), a need of a cadre
    not on the roster, a need alone of its kind (trained online: no class), and an hours deficit (no class:
    hours left)."""
    cadres = [plan_cadre(i, unit="甲单位" if i < 4 else "乙单位") for i in range(6)]
    needs = [plan_need(c, "a", 60.0 + i) for i, c in enumerate(cadres)]
    needs += [plan_need(c, "b", 70.5) for c in cadres[:3]] + [plan_need(cadres[0], "c", 40.0)]
    needs.append(plan_need(cadres[5], "d", 30.0))
    needs.append(plan_need(cadres[1], "hours-top-up", 90.0, "on-the-job", source="obligation",
                           deadline=dt.date(2027, 12, 31), hours=30.0))
    needs.append(plan_need("ghost", "a"))
    return plan_of(needs, cadres, plan_config(max_per_cadre=2, online=True), periods=2)


@pytest.fixture(scope="module")
def plan() -> Plan:
    made = small_plan()
    # every kind of frame has rows, and seats of both kinds (a class's, and online: no class)
    assert made.classes and made.assignments and made.unmet and made.hours_left
    assert {a.route for a in made.assignments} == {"class", "online"}
    return made


def _plain(value: Any) -> Any:
    """A frame's value as the record holds it: a date column's Timestamp (or NaT) as the date (or None)."""
    if value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{k: _plain(v) for k, v in row.items()} for row in frame.to_dict("records")]


def test_classes_frame_has_a_row_per_class_and_a_column_per_field(plan: Plan) -> None:
    """A column per field, the id named class_id (as classes.parquet and the assignments frame name it)."""
    frame = plan.to_frame("classes")
    assert list(frame.columns) == ["class_id", *list(TrainingClass.model_fields)[1:]]
    assert _records(frame.drop(columns="cost_per_seat").rename(columns={"class_id": "id"})) == [
        c.model_dump(exclude={"cost_per_seat"}) for c in plan.classes]
    assert list(frame.index) == list(range(len(plan.classes)))


def test_a_class_whose_host_is_to_be_fixed_has_no_cost_per_seat() -> None:
    """Its cost is not known, not 0: NaN in the frame as null in classes.parquet; a priced class keeps its cost."""
    made = small_plan()
    priced = made.classes[0].model_copy(update={"resource": "市委党校", "cost_per_seat": 600.0})
    frame = dataclasses.replace(made, classes=[priced, *made.classes[1:]]).to_frame("classes")
    assert made.classes[1].resource == "unassigned" and made.classes[1].cost_per_seat == 0.0
    assert frame.loc[0, "cost_per_seat"] == 600.0
    assert frame["cost_per_seat"][1:].isna().all() and len(frame) > 1


def test_the_problems_frame_has_the_columns_and_dtypes_of_the_analysis_one() -> None:
    problem = Problem(code="class-past-its-month", message="a class runs past its month", severity="warning")
    made = dataclasses.replace(small_plan(), problems=[problem])
    frame = made.to_frame("problems")
    assert _dtypes(frame) == EXPECTED_DTYPES["problems"]
    assert frame[["code", "severity", "message"]].values.tolist() == [
        ["class-past-its-month", "warning", "a class runs past its month"]]
    assert frame["row"].isna().all()


@pytest.mark.parametrize(("kind", "record"), [("assignments", Assignment), ("unmet", UnmetNeed),
                                              ("hours_left", HoursLeft)])
def test_seats_unmet_and_hours_frames_have_a_row_per_record(plan: Plan, kind: str, record: type) -> None:
    frame = plan.to_frame(kind)
    rows = getattr(plan, kind)
    assert list(frame.columns) == [f.name for f in dataclasses.fields(record)]
    assert _records(frame) == [dataclasses.asdict(r) for r in rows]


def test_assignments_frame_has_the_route_and_no_class_for_online(plan: Plan) -> None:
    frame = plan.to_frame("assignments")
    online = frame[frame["route"] == "online"]
    assert online[["cadre_id", "class_id", "topic_id"]].values.tolist() == [["c00", "", "c"], ["c05", "", "d"]]
    assert set(frame.loc[frame["route"] == "class", "class_id"]) == {c.id for c in plan.classes}


def test_seats_join_their_classes_on_class_id(plan: Plan) -> None:
    """The two frames name the class's id alike: a merge needs no renaming."""
    seats = plan.to_frame("assignments")
    joined = seats[seats["route"] == "class"].merge(plan.to_frame("classes"), on="class_id", suffixes=("", "_class"))
    assert len(joined) == sum(len(c.members) for c in plan.classes)
    assert (joined["topic_id"] == joined["topic_id_class"]).all()


def test_hours_left_frame_names_the_deficit_the_planned_hours_and_what_is_left(plan: Plan) -> None:
    # c01 has seats in classes a and b (8 hours each): 16 of its 30 hours are planned
    assert _records(plan.to_frame("hours_left")) == [
        {"cadre_id": "c01", "deficit": 30.0, "planned": 16.0, "left": 14.0, "deadline": dt.date(2027, 12, 31),
         "advice": "class"}]


# text as pandas' default string dtype, as pd.read_parquet gives it (str under pandas 3, object before); a class's
# members, a list of ids, object
TEXT = str(pd.Series(["a"]).dtype)
EXPECTED_DTYPES = {
    "classes": {"class_id": TEXT, "name": TEXT, "topic_id": TEXT, "training_type": TEXT,
                "organizer": TEXT, "job_family": TEXT, "priority": "float64", "period": "int64",
                "resource": TEXT, "members": "object", "band": TEXT, "days": "float64",
                "hours": "float64", "start_date": "datetime64[ns]", "end_date": "datetime64[ns]",
                "cost_per_seat": "float64", "late": "int64"},
    "assignments": {"cadre_id": TEXT, "class_id": TEXT, "topic_id": TEXT, "priority": "float64",
                    "route": TEXT},
    "unmet": {"cadre_id": TEXT, "topic_id": TEXT, "priority": "float64", "reason": TEXT},
    "hours_left": {"cadre_id": TEXT, "deficit": "float64", "planned": "float64", "left": "float64",
                   "deadline": "datetime64[ns]", "advice": TEXT},
    # Analysis.to_frame("problems")'s columns and dtypes
    "problems": {"code": TEXT, "severity": TEXT, "file": TEXT, "sheet": TEXT, "row": "Int64",
                 "column": TEXT, "cell": TEXT, "expected": TEXT, "message": TEXT},
}
DATE_COLUMNS = {kind: [c for c, t in dtypes.items() if t.startswith("datetime")]
                for kind, dtypes in EXPECTED_DTYPES.items()}


def _dtypes(frame: pd.DataFrame) -> dict[str, str]:
    return {c: str(t) for c, t in frame.dtypes.items()}


@pytest.mark.parametrize("kind", list(EXPECTED_DTYPES))
def test_dtypes_do_not_depend_on_the_rows(plan: Plan, kind: str) -> None:
    empty = Plan([], [], [], [], PLAN_START, 1)
    others = {c: t for c, t in EXPECTED_DTYPES[kind].items() if c not in DATE_COLUMNS[kind]}
    full, none = _dtypes(plan.to_frame(kind)), _dtypes(empty.to_frame(kind))
    assert list(full) == list(EXPECTED_DTYPES[kind])
    assert {c: full[c] for c in others} == others
    assert {c: none[c] for c in others} == others
    assert {c: full[c] for c in DATE_COLUMNS[kind]} == {c: none[c] for c in DATE_COLUMNS[kind]}
    assert len(empty.to_frame(kind)) == 0


# Plan.to_frame's docstring: date fields datetime64[ns], those typed dt.date | None too (start_date, end_date of
# TrainingClass, deadline of HoursLeft): NaT where there is none.

@pytest.mark.parametrize("kind", ["classes", "hours_left"])
def test_date_columns_are_datetime(plan: Plan, kind: str) -> None:
    frame = plan.to_frame(kind)
    assert {c: str(frame[c].dtype) for c in DATE_COLUMNS[kind]} == dict.fromkeys(DATE_COLUMNS[kind], "datetime64[ns]")


def test_members_are_lists_of_their_own(plan: Plan) -> None:
    frame = plan.to_frame("classes")
    frame.loc[0, "members"].append("someone")
    assert "someone" not in plan.classes[0].members
    assert frame.loc[1, "members"] == plan.classes[1].members


def test_unknown_kind_names_the_valid_ones(plan: Plan) -> None:
    with pytest.raises(ValueError, match="'seats'.*classes, assignments, unmet, hours_left, problems"):
        plan.to_frame("seats")
