"""The members left out of their classes (a unit's share, a clash, a class dissolved) form classes of their own
where they fit; those still without a seat keep the reason that first kept them out."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
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

from needscli.config import Config
from needscli.models import Cadre, Need
from needscli.planner import Plan, forming
from needscli.planner.board import Board
from needscli.planner.placement import reform_left_out

UNITS = ["甲单位", "乙单位", "丙单位"]


@st.composite
def left_out(draw: st.DrawFn) -> tuple[list[Cadre], list[Need], Config, int]:
    """Tight shares away and small classes, so that many members are left out for their unit or a clash."""
    n = draw(st.integers(4, 30))
    cadres = [plan_cadre(i, unit=draw(st.sampled_from(UNITS)), family=draw(st.sampled_from(JOB_FAMILIES[:2])))
              for i in range(n)]
    needs = []
    for c in cadres:
        for topic in draw(st.lists(st.sampled_from(["a", "b", "c", PLAN_CORE[0]]), min_size=1, max_size=4,
                                   unique=True)):
            kind = "theory" if topic in PLAN_CORE else "specialized"
            needs.append(plan_need(c, topic, draw(st.integers(1, 20)) * 10.0, kind))
    low = draw(st.integers(2, 3))
    cfg = plan_config(min_size=low, max_size=draw(st.integers(low, 5)), max_per_cadre=draw(st.integers(1, 3)),
                      unit_away_share=draw(st.sampled_from([0.1, 0.2, 0.34])), grade_theory=False)
    return cadres, needs, cfg, draw(st.integers(1, 3))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(case=left_out())
def test_a_request_the_reforming_leaves_without_a_seat_keeps_its_own_reason(
        case: tuple[list[Cadre], list[Need], Config, int], monkeypatch: object) -> None:
    cadres, needs, cfg, periods = case
    checked: list[int] = []

    def reform(board: Board) -> bool:
        before = {id(r): r.why for r in board.tried}
        formed = reform_left_out(board)
        kept = [(r.why, before[id(r)]) for r in board.tried if r.cls is None and id(r) in before]
        assert all(now == then for now, then in kept)
        checked.append(len(kept))
        return formed

    monkeypatch.setattr(forming, "reform_left_out", reform)  # type: ignore[attr-defined]
    forming.form_classes(needs, cadres, plan_catalog(), cfg, [], PLAN_START, periods)
    assert checked  # the reforming ran


def _made(plan: Plan) -> tuple[object, ...]:
    return ([(c.id, c.topic_id, c.period, c.members) for c in plan.classes],
            [(a.cadre_id, a.class_id, a.topic_id, a.route) for a in plan.assignments],
            [(u.cadre_id, u.topic_id, u.reason) for u in plan.unmet], plan.hours_left)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(case=left_out())
def test_the_pass_left_out_where_none_is_free_in_any_period_would_have_changed_nothing(
        case: tuple[list[Cadre], list[Need], Config, int], monkeypatch: pytest.MonkeyPatch) -> None:
    """The same plan as when the reforming makes every pass (every request said to be free in some period). The
    cases skip the pass about as often as they make it."""
    cadres, needs, cfg, periods = case
    made = forming.form_classes(needs, cadres, plan_catalog(), cfg, [], PLAN_START, periods)
    monkeypatch.setattr(Board, "free_somewhere", lambda board, req: True)
    every_pass = forming.form_classes(needs, cadres, plan_catalog(), cfg, [], PLAN_START, periods)
    assert _made(made) == _made(every_pass)


@settings(max_examples=200, deadline=None)
@given(away=st.lists(st.integers(0, 4), min_size=2, max_size=6), limit=st.integers(0, 4),
       busy=st.sets(st.integers(1, 5)))
def test_free_somewhere_says_what_free_periods_says_of_some_period(away: list[int], limit: int, busy: set[int]) -> None:
    board: Any = SimpleNamespace(ctx=SimpleNamespace(limits={"甲单位": limit}), away={"甲单位": away})
    req: Any = SimpleNamespace(unit="甲单位", state=SimpleNamespace(busy={p: None for p in busy if p < len(away)}))
    assert Board.free_somewhere(board, req) == any(Board.free_periods(board, req))
