"""The planner's shortcuts choose what the plain search chooses: improve's best_move is the best of every
move moves() finds, a request is passed over only when nothing it depends on changed, and a new class skips
only the periods where too few members could be kept."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from builders import SAMPLES, same_mix_roster

import needscli
from needscli.planner import improve, placement
from needscli.planner.board import period_start
from needscli.planner.requests import Why


@pytest.mark.parametrize("which", ["samples", "own"])
def test_best_move_is_the_best_of_every_move(which: str, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    roster = SAMPLES if which == "samples" else same_mix_roster(tmp_path, 600, seed=7)
    analysis = needscli.analyze(roster, as_of="2026-11-01")
    shortcut = improve.best_move
    looked, moved = [], []

    def both(board, req, index, shapes, *reopened):  # type: ignore[no-untyped-def]
        got = shortcut(board, req, index, shapes, *reopened)
        plain = max(improve.moves(board, req, best_only=True, index=index), key=lambda m: m.gain, default=None)
        assert got == plain
        looked.append(req)
        if got is not None:
            moved.append(got)
        return got

    monkeypatch.setattr(improve, "best_move", both)
    with_shortcuts = needscli.plan(analysis)
    assert looked and moved  # the comparison saw requests with a move and without

    # passing over unchanged requests changes nothing: every waiting request looked at in every pass
    monkeypatch.setattr(improve.Board, "unchanged_since", lambda self, req, seen: False)
    every_time = needscli.plan(analysis)
    assert [(c.id, c.members, c.period) for c in every_time.classes] == \
        [(c.id, c.members, c.period) for c in with_shortcuts.classes]
    assert every_time.assignments == with_shortcuts.assignments
    assert every_time.unmet == with_shortcuts.unmet
    assert len(looked) > 0


def plan_rows(plan):  # type: ignore[no-untyped-def]
    return ([(c.id, c.members, c.period) for c in plan.classes], plan.assignments, plan.unmet)


@pytest.mark.parametrize("which", ["samples", "own"])
def test_periods_skipped_by_their_count_change_nothing(which: str, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    roster = SAMPLES if which == "samples" else same_mix_roster(tmp_path, 600, seed=7)
    analysis = needscli.analyze(roster, as_of="2026-11-01")
    counted = needscli.plan(analysis)
    monkeypatch.setattr(placement, "_kept", lambda board, free, period: 10**9)  # every period fitted member by member
    assert plan_rows(needscli.plan(analysis)) == plan_rows(counted)


@pytest.mark.parametrize(("m_busy", "m_why"), [({2: object()}, "dissolved"), ({}, "cap")])
def test_a_dissolved_class_leaves_its_members_the_reasons_of_every_period_tried(
        monkeypatch: pytest.MonkeyPatch, m_busy: dict[int, object], m_why: str) -> None:
    """M has no room; busy in period 2, the last tried, its class dissolved is its reason, as when every period
    was fitted; free in every period (the last tried: 2), it keeps "cap"."""
    def member(cadre: str, order: int) -> SimpleNamespace:
        return SimpleNamespace(cadre=cadre, unit="U", neg=-1.0, idx=order, order=order, deadline=None,
                               why=Why("none"), days=0.0, state=SimpleNamespace(busy=m_busy if cadre == "M" else {}))

    def place() -> dict[str, str]:
        members = [member("A", 0), member("B", 1), member("M", 2)]
        board = SimpleNamespace(periods=2, ctx=SimpleNamespace(limits={"U": 10}),
                                away={"U": [0, 0, 0]}, ends=lambda topic: [dt.date(2027, 1, 1)] * 3,
                                starts=[dt.date(2027, 1, 1)] * 3,
                                cfg=SimpleNamespace(min_size=3), room=lambda r: r.cadre != "M",
                                rooms=lambda reqs: [r.cadre != "M" for r in reqs],
                                dissolve=lambda cls: None, misfits=lambda cls: [0] * 3)
        cls = SimpleNamespace(members=members, period=0, key=SimpleNamespace(topic="a"))
        out = placement._place(board, cls)  # type: ignore[arg-type]
        return {r.cadre: r.why.code for r in out}

    counted = place()
    monkeypatch.setattr(placement, "_kept", lambda board, free, period: 10**9)
    assert counted == place() == {"A": "dissolved", "B": "dissolved", "M": m_why}


def test_periods_by_fit_counts_late_members_as_a_period_by_period_look_does() -> None:
    """Each member is late from the first period whose class ends after its deadline on (an obligation is completed
    by its deadline: a class starting by it and ending after it is late). Later periods have more room for the unit,
    so among periods where no one is late the room decides (the latest first), and of periods as late the one fewer
    start after (a member due within the class's days is least late there) comes first."""
    start = dt.date(2026, 11, 15)
    firsts = [start] + [period_start(start, p) for p in range(2, 5)]  # the plan's start, then Dec 1, Jan 1, Feb 1
    ends = [start] + [day + dt.timedelta(days=15) for day in firsts]  # Nov 30, Dec 16, Jan 16, Feb 16
    deadlines = [dt.date(2026, 11, 10), dt.date(2026, 12, 1), dt.date(2026, 12, 2), dt.date(2027, 3, 1), None,
                 dt.date(2027, 6, 1), dt.date(2025, 1, 1)]
    members = [SimpleNamespace(cadre=f"c{i}", unit="U", deadline=due) for i, due in enumerate(deadlines)]

    def order(deadlines_of: list[dt.date | None]) -> list[int]:
        people = [SimpleNamespace(cadre=m.cadre, unit="U", deadline=due, state=SimpleNamespace(busy={}))
                  for m, due in zip(members, deadlines_of, strict=True)]
        board = SimpleNamespace(periods=4, ctx=SimpleNamespace(limits={"U": 100}),
                                away={"U": [0, 9, 8, 7, 6]}, ends=lambda topic: ends, starts=[start, *firsts],
                                misfits=lambda cls: [0] * 5)
        cls = SimpleNamespace(members=people, key=SimpleNamespace(topic="a"))
        return placement._periods_by_fit(board, cls)  # type: ignore[arg-type]

    # late members by period, looked at period by period: the class ending Nov 30 (the 2025 deadline and Nov 10), Dec
    # 16, Jan 16 and Feb 16 (and Dec 1, Dec 2): Dec 1 is late in a class of Dec 1 to 16
    # 2 late in period 1, 4 in each other; of those, period 2 starts by Dec 1 and Dec 2, the others after them
    assert order(deadlines) == [1, 2, 4, 3]
    assert order([None] * len(deadlines)) == [4, 3, 2, 1]  # no deadline: the room alone decides
    assert order([dt.date(2026, 12, 5)] * len(deadlines)) == [1, 2, 4, 3]  # after Nov 30, before Dec 16
    assert order([dt.date(2026, 11, 20)] * len(deadlines)) == [1, 4, 3, 2]  # late in each: period 1 starts by it
    assert order([dt.date(2027, 1, 20)] * len(deadlines)) == [3, 2, 1, 4]  # timely to Jan 16: the room, then late


@pytest.mark.parametrize(("which", "classes"), [("samples", {}), ("own", {}),
                                                ("own", {"min_size": 5, "max_size": 12, "periods": 3})])
def test_a_round_skips_looking_again_only_where_a_look_would_find_no_seat(
        which: str, classes: dict[str, int], tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The members a round's new classes left out look again for a class with room unless no seat was taken or
    given up since their first look: where the clock stood still, each such look finds no seat."""
    roster = SAMPLES if which == "samples" else same_mix_roster(tmp_path, 600, seed=7)
    analysis = needscli.analyze(roster, as_of="2026-11-01")
    shortcut = placement._join_again
    skipped, seated = [], []

    def checked(board, reqs, looked):  # type: ignore[no-untyped-def]
        if board.clock == looked:
            skipped.append(len(reqs))
            assert not any(placement._join_open(board, req) for req in reqs)  # what the looks skipped find
        else:
            before = sum(r.cls is not None for r in reqs)
            shortcut(board, reqs, looked)
            seated.append(sum(r.cls is not None for r in reqs) - before)

    monkeypatch.setattr(placement, "_join_again", checked)
    looking = needscli.plan(analysis, **classes)
    assert sum(skipped) > 0 and sum(seated) > 0  # both kinds of round, the looks again seating some
    monkeypatch.setattr(placement, "_join_again", shortcut)
    assert plan_rows(needscli.plan(analysis, **classes)) == plan_rows(looking)


@pytest.mark.parametrize(("which", "classes"), [("samples", {}), ("own", {}),
                                                ("own", {"min_size": 5, "max_size": 12, "periods": 3})])
def test_open_index_finds_what_a_look_over_the_whole_list_finds(which: str, classes: dict[str, int], tmp_path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    roster = SAMPLES if which == "samples" else same_mix_roster(tmp_path, 600, seed=7)
    analysis = needscli.analyze(roster, as_of="2026-11-01")
    indexed = placement._open_by_period
    looks, kept = [], []

    def both(board, key, listed):  # type: ignore[no-untyped-def]
        got = indexed(board, key, listed)
        whole = placement._by_period(board, listed)
        assert [(size, at, cls.seq) for size, at, cls in got] == [(size, at, cls.seq) for size, at, cls in whole]
        looks.append(len(got))
        index = board.open_index[key]
        kept.append(index.stamp == board.key_stamp.get(key, 0) and index.classes is listed)
        return got

    monkeypatch.setattr(placement, "_open_by_period", both)
    needscli.plan(analysis, **classes)
    assert any(looks) and all(kept)  # looks that found classes with room, each kept for the key as it stands


@pytest.mark.parametrize("which", ["samples", "own"])
def test_a_group_is_split_in_unit_then_roster_order_as_by_its_fields(which: str, tmp_path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """split_group deals members out by their cadre's place (CadreState.place, one int) in place of
    (unit, roster position): the same order, so the same plan."""
    from needscli.planner import grouping

    roster = SAMPLES if which == "samples" else same_mix_roster(tmp_path, 600, seed=7)
    analysis = needscli.analyze(roster, as_of="2026-11-01")
    by_place = needscli.plan(analysis, min_size=4, max_size=12)
    sorts = []

    def by_fields(req):  # type: ignore[no-untyped-def]
        sorts.append(req.state.place)
        return req.unit, req.order

    monkeypatch.setattr(grouping, "_BY_UNIT", by_fields)
    assert plan_rows(needscli.plan(analysis, min_size=4, max_size=12)) == plan_rows(by_place)
    assert len(sorts) > 100 and min(sorts) >= 0


def test_places_follow_unit_then_roster_order_whatever_order_the_states_come_in() -> None:
    from needscli.planner.board import _place_by_unit
    from needscli.planner.requests import CadreState

    units = ["乙局", "甲局", "乙局", "", "丙局", "甲局", "乙局"]
    expected = sorted(range(len(units)), key=lambda i: (units[i], i))
    for states in ([CadreState(4, u, i, [], {}) for i, u in enumerate(units)],
                   [CadreState(4, u, i, [], {}) for i, u in reversed(list(enumerate(units)))]):
        _place_by_unit(states)
        assert sorted(states, key=lambda s: s.place) == [next(s for s in states if s.order == i) for i in expected]
        assert sorted(s.place for s in states) == list(range(len(units)))
