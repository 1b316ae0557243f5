"""Plan.to_frame: the classes, seats and unmet needs of a plan as pandas DataFrames."""

from __future__ import annotations

import dataclasses

import pytest
from builders import PLAN_START, plan_cadre, plan_config, plan_need, plan_of

from needscli.models import Assignment, TrainingClass, UnmetNeed
from needscli.planner import Plan


def small_plan() -> Plan:
    """Two classes of topic a and one of b, a cadre at its cap and a need of a cadre not on the roster."""
    cadres = [plan_cadre(i, unit="甲单位" if i < 4 else "乙单位") for i in range(6)]
    needs = [plan_need(c, "a", 60.0 + i) for i, c in enumerate(cadres)]
    needs += [plan_need(c, "b", 70.5) for c in cadres[:3]] + [plan_need(cadres[0], "c", 40.0)]
    needs.append(plan_need("ghost", "a"))
    return plan_of(needs, cadres, plan_config(max_per_cadre=2), periods=2)


@pytest.fixture(scope="module")
def plan() -> Plan:
    made = small_plan()
    assert made.classes and made.assignments and made.unmet  # every kind of frame has rows
    return made


def test_classes_frame_has_a_row_per_class_and_a_column_per_field(plan: Plan) -> None:
    frame = plan.to_frame("classes")
    assert list(frame.columns) == list(TrainingClass.model_fields)
    assert frame.to_dict("records") == [c.model_dump() for c in plan.classes]
    assert list(frame.index) == list(range(len(plan.classes)))


@pytest.mark.parametrize(("kind", "record"), [("assignments", Assignment), ("unmet", UnmetNeed)])
def test_seats_and_unmet_frames_have_a_row_per_record(plan: Plan, kind: str, record: type) -> None:
    frame = plan.to_frame(kind)
    rows = getattr(plan, kind)
    assert list(frame.columns) == [f.name for f in dataclasses.fields(record)]
    assert frame.to_dict("records") == [dataclasses.asdict(r) for r in rows]


EXPECTED_DTYPES = {
    "classes": {"id": "object", "name": "object", "topic_id": "object", "training_type": "object",
                "organizer": "object", "job_family": "object", "priority": "float64", "period": "int64",
                "resource": "object", "members": "object"},
    "assignments": {"cadre_id": "object", "class_id": "object", "topic_id": "object", "priority": "float64"},
    "unmet": {"cadre_id": "object", "topic_id": "object", "priority": "float64", "reason": "object"},
}


@pytest.mark.parametrize("kind", list(EXPECTED_DTYPES))
def test_dtypes_do_not_depend_on_the_rows(plan: Plan, kind: str) -> None:
    empty = Plan([], [], [], [], PLAN_START, 1)
    assert {c: str(t) for c, t in plan.to_frame(kind).dtypes.items()} == EXPECTED_DTYPES[kind]
    assert {c: str(t) for c, t in empty.to_frame(kind).dtypes.items()} == EXPECTED_DTYPES[kind]
    assert len(empty.to_frame(kind)) == 0


def test_members_are_lists_of_their_own(plan: Plan) -> None:
    frame = plan.to_frame("classes")
    frame.loc[0, "members"].append("someone")
    assert "someone" not in plan.classes[0].members
    assert frame.loc[1, "members"] == plan.classes[1].members


def test_unknown_kind_names_the_valid_ones(plan: Plan) -> None:
    with pytest.raises(ValueError, match="'seats'.*classes, assignments, unmet"):
        plan.to_frame("seats")
