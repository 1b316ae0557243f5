"""improve looks again only at the requests a change may have given a move (its queue): its moves must be the
ones a look at every waiting request in every pass makes, in the same order, so the plans are the same."""

from __future__ import annotations

from builders import (
    JOB_FAMILIES,
    PLAN_CORE,
    PLAN_START,
    plan_cadre,
    plan_catalog,
    plan_config,
    plan_need,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reference_improve import improve_walking

from needscli.config import Config
from needscli.models import Cadre, Need
from needscli.planner import Plan, forming, swap_gain
from needscli.planner.improve import improve

UNITS = ["甲单位", "乙单位", "丙单位"]


@st.composite
def crowded(draw: st.DrawFn) -> tuple[list[Cadre], list[Need], Config, int]:
    """Few seats and tight limits, so that many moves wait on one another: classes of 2 to 4, one or two
    classes a cadre, a unit's share away small, one to three periods, priorities spread."""
    n = draw(st.integers(2, 24))
    cadres = [plan_cadre(i, unit=draw(st.sampled_from(UNITS)), family=draw(st.sampled_from(JOB_FAMILIES[:2])))
              for i in range(n)]
    needs = []
    for c in cadres:
        for topic in draw(st.lists(st.sampled_from(["a", "a", "b", "c", PLAN_CORE[0]]), min_size=1, max_size=4,
                                   unique=True)):
            kind = "theory" if topic in PLAN_CORE else "specialized"
            needs.append(plan_need(c, topic, draw(st.integers(1, 20)) * 10.0, kind))
    low = draw(st.integers(1, 2))
    cfg = plan_config(min_size=low, max_size=draw(st.integers(max(low, 2), 4)), max_per_cadre=draw(st.integers(1, 2)),
                      unit_away_share=draw(st.sampled_from([0.2, 0.34, 0.5, 1.0])), grade_theory=False)
    return cadres, needs, cfg, draw(st.integers(1, 3))


def _plan(case: tuple[list[Cadre], list[Need], Config, int], how: object, monkeypatch: object) -> Plan:
    cadres, needs, cfg, periods = case
    monkeypatch.setattr(forming, "improve", how)  # type: ignore[attr-defined]
    return forming.form_classes(needs, cadres, plan_catalog(), cfg, [], PLAN_START, periods)


def _made(plan: Plan) -> tuple[object, ...]:
    return ([(c.topic_id, c.period, c.members) for c in plan.classes],
            [(a.cadre_id, a.class_id, a.topic_id) for a in plan.assignments],
            [(u.cadre_id, u.topic_id, u.reason) for u in plan.unmet])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(case=crowded())
def test_the_queue_makes_the_moves_a_look_at_every_request_makes(
        case: tuple[list[Cadre], list[Need], Config, int], monkeypatch: object) -> None:
    walked = _plan(case, improve_walking, monkeypatch)
    queued = _plan(case, improve, monkeypatch)
    assert _made(queued) == _made(walked)
    assert swap_gain(queued, case[1], case[2]) == swap_gain(walked, case[1], case[2])
