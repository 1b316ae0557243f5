"""The members left out of their classes (a unit's share, a clash, a class dissolved) form classes of their own
where they fit; those still without a seat keep the reason that first kept them out."""

from __future__ import annotations

from pathlib import Path
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
    same_mix_roster,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import needscli
from needscli.config import Config
from needscli.models import Cadre, Need
from needscli.planner import Plan, forming, placement
from needscli.planner.board import Board
from needscli.planner.grouping import split_group
from needscli.planner.placement import reform_left_out
from needscli.planner.requests import Request, by_rank

UNITS = ["甲单位", "乙单位", "丙单位"]


@st.composite
def left_out(draw: st.DrawFn, units: int = 3, periods: tuple[int, int] = (1, 3),
             shares: tuple[float, ...] = (0.1, 0.2, 0.34)) -> tuple[list[Cadre], list[Need], Config, int]:
    """Tight shares away and small classes, so that many members are left out for their unit or a clash."""
    n = draw(st.integers(4, 30))
    cadres = [plan_cadre(i, unit=draw(st.sampled_from(UNITS[:units])), family=draw(st.sampled_from(JOB_FAMILIES[:2])))
              for i in range(n)]
    needs = []
    for c in cadres:
        for topic in draw(st.lists(st.sampled_from(["a", "b", "c", PLAN_CORE[0]]), min_size=1, max_size=4,
                                   unique=True)):
            kind = "theory" if topic in PLAN_CORE else "specialized"
            needs.append(plan_need(c, topic, draw(st.integers(1, 20)) * 10.0, kind))
    low = draw(st.integers(2, 3))
    cfg = plan_config(min_size=low, max_size=draw(st.integers(low, 5)), max_per_cadre=draw(st.integers(1, 3)),
                      unit_away_share=draw(st.sampled_from(shares)), grade_theory=False)
    return cadres, needs, cfg, draw(st.integers(*periods))


# more units' members free in other periods, and more periods: the reforming forms classes in more of the cases
REFORMABLE = left_out(units=2, periods=(3, 6), shares=(0.2, 0.34, 0.5))
# each example patches inside a context of its own: a patch of the monkeypatch fixture would stay for the examples after
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(case=left_out())
def test_a_request_the_reforming_leaves_without_a_seat_keeps_its_own_reason(
        case: tuple[list[Cadre], list[Need], Config, int]) -> None:
    cadres, needs, cfg, periods = case

    def reform(board: Board) -> bool:
        before = {id(r): r.why for r in board.tried}
        formed = reform_left_out(board)
        kept = [(r.why, before[id(r)]) for r in board.tried if r.cls is None and id(r) in before]
        assert all(now == then for now, then in kept)
        return formed

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(forming, "reform_left_out", reform)
        forming.form_classes(needs, cadres, plan_catalog(), cfg, [], PLAN_START, periods)


def _made(plan: Plan) -> tuple[object, ...]:
    return ([(c.id, c.topic_id, c.period, c.members) for c in plan.classes],
            [(a.cadre_id, a.class_id, a.topic_id, a.route) for a in plan.assignments],
            [(u.cadre_id, u.topic_id, u.reason) for u in plan.unmet], plan.hours_left)


def _plan(case: tuple[list[Cadre], list[Need], Config, int], **patches: object) -> Plan:
    """form_classes with these placement or Board attributes replaced (Board's by their name with Board_)."""
    cadres, needs, cfg, periods = case
    with pytest.MonkeyPatch.context() as patch:
        for name, value in patches.items():
            owner, attr = (Board, name[len("Board_"):]) if name.startswith("Board_") else (placement, name)
            patch.setattr(owner, attr, value)
        return forming.form_classes(needs, cadres, plan_catalog(), cfg, [], PLAN_START, periods)


def _every_pass(board: Board, reqs: list[Request]) -> list[bool]:
    return [True] * len(reqs)


@SETTINGS
@given(case=st.one_of(left_out(), REFORMABLE))
def test_the_pass_left_out_where_none_is_free_in_any_period_would_have_changed_nothing(
        case: tuple[list[Cadre], list[Need], Config, int]) -> None:
    """The same plan as when the reforming makes every pass (every request said to be free in some period). The
    cases skip the pass about as often as they make it."""
    assert _made(_plan(case)) == _made(_plan(case, Board_free_somewhere_of=_every_pass))


@settings(max_examples=300, deadline=None)
@given(units=st.lists(st.tuples(st.lists(st.integers(0, 4), min_size=5, max_size=5), st.integers(0, 4)),
                      min_size=1, max_size=3),
       cadres=st.lists(st.tuples(st.integers(0, 2), st.sets(st.integers(1, 4))), max_size=12))
def test_free_somewhere_says_what_free_periods_says_of_some_period(
        units: list[tuple[list[int], int]], cadres: list[tuple[int, set[int]]]) -> None:
    """The periods below each unit's limit found once, and a cadre busy in fewer periods than those free in one:
    the same answer as a look at every period of each (units: cadres away in periods 1-4, and the limit)."""
    names = UNITS[:len(units)]
    board: Any = SimpleNamespace(ctx=SimpleNamespace(limits={n: limit for n, (_, limit) in zip(names, units, strict=True)}),
                                 away={n: away for n, (away, _) in zip(names, units, strict=True)})
    reqs: Any = [SimpleNamespace(unit=names[u % len(names)], state=SimpleNamespace(busy={p: None for p in busy}))
                 for u, busy in cadres]
    assert Board.free_somewhere_of(board, reqs) == [any(Board.free_periods(board, r)) for r in reqs]


@SETTINGS
@given(case=REFORMABLE)
def test_a_group_no_period_can_keep_enough_of_forms_no_class_and_changes_nothing(
        case: tuple[list[Cadre], list[Need], Config, int]) -> None:
    """The same plan as when the reforming forms every group's classes and dissolves them (every pass made, so
    that there are more groups)."""
    made = _plan(case, Board_free_somewhere_of=_every_pass)
    formed = _plan(case, Board_free_somewhere_of=_every_pass, _hopeless=lambda board, members: False)
    assert _made(made) == _made(formed)


@SETTINGS
@given(case=REFORMABLE)
def test_every_class_of_a_group_said_hopeless_keeps_too_few_in_every_period(
        case: tuple[list[Cadre], list[Need], Config, int]) -> None:
    """Each class a hopeless group's split would form keeps fewer than min_size in every period, as _place counts
    it before it dissolves a class (the classes placed before it in the round only take seats)."""
    cfg = case[2].classes
    hopeless = placement._hopeless

    def checked(board: Board, members: list[Request]) -> bool:
        verdict = hopeless(board, members)
        for part in split_group(members, cfg.max_size, cfg.min_size)[0]:
            ranked = by_rank(part)
            free = placement._free_by_unit(board, ranked, board.rooms(ranked))
            kept = max(placement._kept(board, free, p) for p in range(1, board.periods + 1))
            assert kept < cfg.min_size or not verdict
        return verdict

    _plan(case, Board_free_somewhere_of=_every_pass, _hopeless=checked)


_SEAT_BATCH = placement._seat_batch


def _no_skips(board: Board, batch: list[Request], able: set[int] | None = None) -> None:
    _SEAT_BATCH(board, batch)


@SETTINGS
@given(case=st.one_of(left_out(), REFORMABLE))
def test_the_plan_is_the_plan_the_reforming_makes_without_skipping_anything(
        case: tuple[list[Cadre], list[Need], Config, int]) -> None:
    """Every pass made, every request looking for a class to join, every group's classes formed: the same plan."""
    assert _made(_plan(case)) == _made(_plan(case, Board_free_somewhere_of=_every_pass, _seat_batch=_no_skips))


def _reform_reading_every_request(board: Board) -> bool:
    """reform_left_out as it was: each pass picks its left out from every request tried."""
    formed = False
    for _ in range(board.periods):
        left = [r for r in board.tried if r.cls is None and not r.route and r.why.code in placement._LEFT_OUT
                and board.room(r)]
        able = {id(r) for r, free in zip(left, board.free_somewhere_of(left), strict=True) if free}
        if not able:
            return formed
        before = sum(1 for r in left if r.cls is None)
        whys = [r.why for r in left]
        placement._seat_batch(board, list(left), able)
        for req, why in zip(left, whys, strict=True):
            if req.cls is None:
                req.why = why
        if sum(1 for r in left if r.cls is None) == before:
            return formed
        formed = True
    return formed


@SETTINGS
@given(case=st.one_of(left_out(), REFORMABLE))
def test_each_pass_finds_among_the_last_passs_left_out_what_a_look_at_every_request_finds(
        case: tuple[list[Cadre], list[Need], Config, int]) -> None:
    """The same plan as when every pass reads every request tried (a case of one pass or none, mostly: see below)."""
    cadres, needs, cfg, periods = case
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(forming, "reform_left_out", _reform_reading_every_request)
        every = forming.form_classes(needs, cadres, plan_catalog(), cfg, [], PLAN_START, periods)
    assert _made(_plan(case)) == _made(every)


def test_a_reforming_of_several_passes_forms_what_passes_reading_every_request_form(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A roster of the samples' mix whose reforming makes three passes: the same plan as when each reads every
    request tried."""
    analysis = needscli.analyze(same_mix_roster(tmp_path, 600, seed=7), as_of="2026-11-01")
    passes: list[int] = []
    batch = placement._seat_batch

    def counted(board: Board, reqs: list[Request], able: set[int] | None = None) -> None:
        passes.append(able is not None)
        batch(board, reqs, able)

    monkeypatch.setattr(placement, "_seat_batch", counted)
    plan = needscli.plan(analysis)
    assert sum(passes) >= 2
    monkeypatch.setattr(forming, "reform_left_out", _reform_reading_every_request)
    assert _made(needscli.plan(analysis)) == _made(plan)
