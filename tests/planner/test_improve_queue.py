"""improve looks again only at the requests a change may have given a move (its queue): its moves must be the
ones a look at every waiting request in every pass makes, in the same order, so the plans are the same."""

from __future__ import annotations

import copy
import importlib

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
from reference_improve import improve_walking

from needscli.config import Config
from needscli.core.need_columns import NeedColumns
from needscli.models import Cadre, Need
from needscli.planner import Plan, forming, swap_gain
from needscli.planner.board import Board
from needscli.planner.context import build_context
from needscli.planner.grouping import family_order
from needscli.planner.improve import (
    MAX_PASSES,
    _apply,
    _FullNow,
    _Fulls,
    _KeyClasses,
    _pass_index,
    _Queue,
    _Reopened,
    _reopened_add,
    best_move,
    improve,
)
from needscli.planner.requests import (
    BY_RANK,
    CAP,
    Book,
    ClassKey,
    DraftClass,
    Request,
    book_requests,
)

UNITS = ["甲单位", "乙单位", "丙单位"]
improving = importlib.import_module("needscli.planner.improve")  # the module (the package's `improve` is the function)


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


@st.composite
def full_of_units(draw: st.DrawFn) -> tuple[list[Cadre], list[Need], Config, int]:
    """Many full classes of one key and units at their limit of cadres away: one topic for most, classes of 2 or
    3, one or two classes a cadre, a unit's share away a fifth to a half, two to four periods, priorities from 0. A
    request of a unit at its limit may take only a seat of its own unit there; the classes' lowest seats rise as
    improve swaps, and a class a trade left is filled again, maybe lower."""
    n = draw(st.integers(8, 40))
    cadres = [plan_cadre(i, unit=draw(st.sampled_from(UNITS[:draw(st.integers(1, 3))]))) for i in range(n)]
    needs = []
    for c in cadres:
        for topic in draw(st.lists(st.sampled_from(["a", "a", "a", "b"]), min_size=1, max_size=2, unique=True)):
            needs.append(plan_need(c, topic, draw(st.integers(0, 12)) * 10.0))
    cfg = plan_config(min_size=1, max_size=draw(st.integers(2, 3)), max_per_cadre=draw(st.integers(1, 2)),
                      unit_away_share=draw(st.sampled_from([0.2, 0.25, 0.34, 0.5])), grade_theory=False)
    return cadres, needs, cfg, draw(st.integers(2, 4))


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


@st.composite
def seated_boards(draw: st.DrawFn, cases: st.SearchStrategy[tuple[list[Cadre], list[Need], Config, int]] = crowded()
                  ) -> tuple[Board, Book]:
    """A board as forming might leave it, but drawn: each cadre's requests tried in its order, each seated in
    a class of its key (a new one, in a drawn period) where the limits allow, or left waiting; classes of any
    size up to max_size. Improve then has adds, trades and swaps of every kind to make."""
    cadres, needs, cfg, periods = draw(cases)
    ctx, _ = build_context(cadres, plan_catalog(), cfg)
    cols = NeedColumns.of(needs)
    book = book_requests(cols, ctx, cfg.classes)
    board = Board(ctx, cfg.classes, periods, family_order(cfg), cols, PLAN_START)
    high = cfg.classes.max_size
    for cadre, entries in book.items():
        if not ctx.eligible(cadre):
            continue
        tried = draw(st.integers(0, len(entries)))
        for entry in entries[:tried]:
            req = board.request(cadre, entry)
            board.tried.append(req)
            choice = draw(st.integers(0, 3))  # 0: left waiting; 1: a new class; else: a class of its key
            if choice == 0 or not board.room(req):
                continue
            if choice == 1:
                period = draw(st.integers(1, periods))
                if board.free_in(req, period):
                    cls = board.new_class([req.key.family], [req])
                    cls.period = period
                    board.commit(req, cls, append=False)
                continue
            open_ = [c for c in board.by_key.get(req.key, []) if len(c.members) < high and board.free_in(req, c.period)]
            if open_:
                board.commit(req, open_[draw(st.integers(0, len(open_) - 1))])
        board.state(cadre).pointer = tried
    return board, book


def _seating(board: Board) -> list[tuple[int, list[int]]]:
    return [(c.seq, sorted(r.idx for r in c.members)) for c in board.classes]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drawn=seated_boards())
def test_on_any_board_the_queue_makes_the_moves_a_look_at_every_request_makes(drawn: tuple[Board, Book]) -> None:
    _assert_moves_as_walked(drawn)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drawn=seated_boards(full_of_units()))
def test_on_a_board_of_full_classes_and_units_at_their_limit_the_moves_are_those_a_look_at_each_makes(
        drawn: tuple[Board, Book]) -> None:
    _assert_moves_as_walked(drawn)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drawn=seated_boards(full_of_units()))
def test_each_look_finds_among_the_full_classes_by_their_lowest_seat_now_what_the_walk_over_them_finds(
        drawn: tuple[Board, Book]) -> None:
    """best_move with the pass's lists of full classes by their lowest seat now (_Fulls) finds, at every look of
    every pass, the move the walk over the classes full when the pass began finds, as improve makes them."""
    board, book = drawn
    for _ in range(MAX_PASSES):
        index = _pass_index(board)
        fulls = _Fulls(board, index)
        moved = False
        for req in sorted((r for r in board.tried if r.cls is None), key=BY_RANK):
            if req.cls is not None:
                continue
            walked = best_move(board, req, index, {}, {})
            listed = best_move(board, req, index, {}, {}, fulls)
            assert listed == walked
            if walked is not None:
                moved = True
                left = walked.other.cls if walked.other is not None else None
                _apply(board, walked, book)
                fulls.changed(walked.cls)
                if left is not None and left is not walked.cls:
                    fulls.changed(left)
        if not moved:
            return


def _assert_moves_as_walked(drawn: tuple[Board, Book]) -> None:
    """improve on the board makes the moves improve_walking makes on a copy: the same seats and reasons."""
    walked_board, walked_book = copy.deepcopy(drawn)
    board, book = drawn
    improve_walking(walked_board, walked_book)
    improve(board, book)
    assert _seating(board) == _seating(walked_board)
    assert [(r.idx, r.why.code) for r in board.tried] == [(r.idx, r.why.code) for r in walked_board.tried]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drawn=seated_boards(), data=st.data())
def test_a_pass_finds_the_classes_with_room_again_as_a_first_look_does(drawn: tuple[Board, Book],
                                                                       data: st.DataObject) -> None:
    """What a pass keeps of its key's classes full when it began that have room again (they may fill up and
    empty again while it runs) gives each look the class a look with nothing kept finds."""
    board, _ = drawn
    index = _pass_index(board)
    kept: dict[ClassKey, _Reopened] = {}
    high = board.cfg.max_size
    was_full = {cls.seq for held in index.values() for _, cls in held.full}
    for _ in range(data.draw(st.integers(1, 30))):
        seated = [r for r in board.tried if r.cls is not None]
        # mostly members of the classes full when the pass began: they fill up and lose a member again
        seated = [r for r in seated if r.cls and r.cls.seq in was_full] or seated
        waiting = [r for r in board.tried if r.cls is None and board.room(r)]
        if seated and data.draw(st.booleans()):
            board.release(data.draw(st.sampled_from(seated)), CAP)
        elif waiting:
            req = data.draw(st.sampled_from(waiting))
            room = [c for c in board.by_key.get(req.key, []) if c.live and c.period and len(c.members) < high
                    and board.free_in(req, c.period)]
            if room:
                board.commit(req, data.draw(st.sampled_from(room)))
        for req in board.tried:
            held = index.get(req.key)
            if req.cls is None and held is not None:
                away = board.free_periods(req)
                assert _reopened_add(board, req, held, away, kept) == _first_with_room_again(board, req, held, away)


def _first_with_room_again(board: Board, req: Request, held: _KeyClasses,
                           away: list[bool]) -> tuple[int, DraftClass] | None:
    """_reopened_add as a walk over every class of the key that lost a member since the pass began."""
    found = None
    for cls in board.reopened.get(req.key, ()):
        i = held.full_at.get(cls.seq)
        if i is None or held.full[i][1] is not cls or held.full[i][0] >= req.priority:
            continue
        if (found is None or i < found[0]) and cls.live and cls.period \
                and len(cls.members) < board.cfg.max_size and away[cls.period]:
            found = i, cls
    return found


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drawn=seated_boards(full_of_units()))
def test_at_every_look_the_lists_of_full_classes_are_the_classes_as_they_are(drawn: tuple[Board, Book]) -> None:
    """improve keeps its lists of full classes by lowest seat now (_Fulls) as its moves change the classes (both
    classes of a trade): at every look, those of each key made so far are the lists made anew from the classes."""
    board, book = drawn
    real = improving.best_move
    checked: list[int] = []
    waiting = [r for r in board.tried if r.cls is None]

    def look(board: Board, req: Request, index: dict[ClassKey, _KeyClasses], *args: object) -> object:
        fulls = args[-1] if len(args) == 3 else None
        assert isinstance(fulls, _Fulls)
        for key, now in fulls.keys.items():
            fresh = _FullNow()
            for at, (then, cls) in enumerate(index[key].full):
                fresh.put(cls, at, then, board.cfg.max_size)
            assert _lists(now) == _lists(fresh)
        checked.append(len(fulls.keys))
        return real(board, req, index, *args)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(improving, "best_move", look)
        improve(board, book)
    assert checked or not waiting  # the first pass looks at every request waiting


def _lists(now: _FullNow) -> tuple[object, ...]:
    return ({k: v for k, v in now.by_period.items() if v}, {k: v for k, v in now.by_unit.items() if v}, now.below,
            now.entries)


def test_a_look_takes_no_swap_past_a_class_with_room_again_as_the_walk_does() -> None:
    """The walk over the full classes stops at the first one with room again that the request may join (an add);
    the lists by lowest seat now skip the classes after it, so that a seat worth nothing past it is not swapped
    for the add (both gain the request's whole priority; the walk makes the add)."""
    cadres = [plan_cadre(i) for i in range(5)]
    needs = [plan_need(cadres[i], "a", p) for i, p in enumerate([0.0, 30.0, 0.0, 30.0, 50.0])]
    cfg = plan_config(min_size=1, max_size=2)
    ctx, _ = build_context(cadres, plan_catalog(), cfg)
    cols = NeedColumns.of(needs)
    book = book_requests(cols, ctx, cfg.classes)
    board = Board(ctx, cfg.classes, 2, family_order(cfg), cols, PLAN_START)
    reqs = {}
    for cadre, entries in book.items():
        reqs[cadre] = board.request(cadre, entries[0])
        board.tried.append(reqs[cadre])
    for period, members in ((1, ("c00", "c01")), (2, ("c02", "c03"))):  # both full, each with a seat worth 0
        cls = board.new_class([reqs[members[0]].key.family], [reqs[members[0]]])
        cls.period = period
        board.commit(reqs[members[0]], cls, append=False)
        board.commit(reqs[members[1]], cls)
    index = _pass_index(board)
    reopened = reqs["c01"].cls
    assert reopened is not None and [c.seq for _, c in index[reqs["c04"].key].full] == [reopened.seq, reopened.seq + 1]
    board.release(reqs["c01"], CAP)  # the first full class has room again
    walked = best_move(board, reqs["c04"], index, {}, {})
    listed = best_move(board, reqs["c04"], index, {}, {}, _Fulls(board, index))
    assert walked is not None and walked.kind == "add" and walked.cls is reopened
    assert listed == walked


def test_a_change_in_one_period_wakes_those_it_may_give_a_move_there() -> None:
    """A unit fallen from its limit in a period (_left) wakes a cadre free then, and one without the call-ups
    or days left for another seat (it may trade a seat of that period for one), but not a cadre with room that
    is busy then (nor one whose unit is at its limit then)."""
    cadres = [plan_cadre(i, unit="甲单位") for i in range(6)] + [plan_cadre(i, unit="乙单位") for i in (6, 7)]
    # topic c is 6 hours (1 day away), a and b 12 (2 days): with 3 days at most, a seat in c leaves room for b
    needs = [plan_need(cadres[0], "c", 90.0), plan_need(cadres[1], "a", 90.0), plan_need(cadres[7], "a", 90.0)]
    needs += [plan_need(cadres[i], "b", 60.0) for i in (0, 1, 2, 6)]
    cfg = plan_config(max_days_away=3.0, unit_away_share=0.5, min_size=1)
    catalog = plan_catalog({"a": 12.0, "b": 12.0, "c": 6.0})
    ctx, _ = build_context(cadres, catalog, cfg)
    cols = NeedColumns.of(needs)
    book = book_requests(cols, ctx, cfg.classes)
    board = Board(ctx, cfg.classes, 2, family_order(cfg), cols, PLAN_START)
    waiting = {}
    for cadre, entries in book.items():
        for entry in entries:
            req = board.request(cadre, entry)
            board.tried.append(req)
            if req.key.topic == "b":
                waiting[cadre] = req
            else:  # c00, c01 and c07 sit in a class of period 1
                cls = board.new_class([req.key.family], [req])
                cls.period = 1
                board.commit(req, cls, append=False)
    busy_with_room, without_room, unit_at_limit, free = (waiting[c] for c in ("c00", "c01", "c06", "c02"))
    assert board.room(busy_with_room) and 1 in board.state("c00").busy
    assert not board.room(without_room) and 1 in board.state("c01").busy
    assert board.room(unit_at_limit) and board.away["乙单位"][1] == ctx.limits["乙单位"] == 1
    assert board.room(free) and board.free_in(free, 1)

    queue = _Queue(board)
    queue.first(list(waiting.values()))
    listed = [r for r in waiting.values() if r.key == free.key]
    for period, woken in ((1, {"c01", "c02"}), (2, {"c00", "c01", "c02", "c06"})):
        for req in waiting.values():
            req.turn = queue.idle  # looked at, no move found
        queue.next = []
        queue._wake_in(listed, period)
        assert {r.cadre for r in queue.next} == woken
        assert {r.cadre for r in waiting.values() if r.turn == queue.pass_ + 1} == woken

    # as _left uses it: a cadre of 甲单位 left a class of period 1 (its limit is 3, two of it are away then)
    assert board.away["甲单位"][1] == ctx.limits["甲单位"] - 1
    for period, woken in ((1, {"c01", "c02"}), (2, set())):  # in period 2 the unit was below its limit anyway
        for req in waiting.values():
            req.turn = queue.idle
        queue.next = []
        queue._left("甲单位", period)
        assert {r.cadre for r in queue.next} == woken


def test_a_seat_a_trade_gives_up_wakes_a_waiting_request_with_room_for_it() -> None:
    """A class that has room again wakes the requests of its key that looked before and found none: c02's topic a
    waits behind a full class whose lowest seat (c00's, 60) is above it. c03 trades its seat in class D (b, 30)
    for one in E (e, 40); D's free seat lets c00, with no call-up left, trade its seat in C (a, 60) for one in D
    (b, 100); C's free seat is then c02's to take, a pass after its only look: the key's wake must reach it,
    a request with room (no trade of its own), as a look at every request would."""
    cadres = [plan_cadre(0), plan_cadre(1), plan_cadre(2, unit="丙单位"), *(plan_cadre(i, unit="乙单位") for i in (3, 4, 5))]
    needs = [plan_need(cadres[0], "b", 100.0), plan_need(cadres[0], "a", 60.0), plan_need(cadres[1], "a", 70.0),
             plan_need(cadres[2], "a", 50.0), plan_need(cadres[3], "b", 30.0), plan_need(cadres[3], "e", 40.0),
             plan_need(cadres[4], "b", 90.0), plan_need(cadres[5], "e", 80.0)]
    cfg = plan_config(min_size=1, max_size=2, max_per_cadre=1)
    ctx, _ = build_context(cadres, plan_catalog(), cfg)
    book = book_requests(NeedColumns.of(needs), ctx, cfg.classes)
    board = Board(ctx, cfg.classes, 1, family_order(cfg), NeedColumns.of(needs), PLAN_START)
    seated = {("c00", "a"): "C", ("c01", "a"): "C", ("c03", "b"): "D", ("c04", "b"): "D", ("c05", "e"): "E"}
    classes: dict[str, DraftClass] = {}
    reqs = {}
    for cadre, entries in book.items():
        for entry in entries:
            req = board.request(cadre, entry)
            board.tried.append(req)
            reqs[cadre, req.key.topic] = req
            name = seated.get((cadre, req.key.topic))
            if name is None:
                continue
            if name in classes:
                board.commit(req, classes[name])
            else:
                classes[name] = board.new_class([req.key.family], [req])
                classes[name].period = 1
                board.commit(req, classes[name], append=False)
        board.state(cadre).pointer = len(entries)
    assert [len(c.members) for c in classes.values()] == [2, 2, 1]  # C and D full, E with room
    assert board.room(reqs["c02", "a"]) and not board.room(reqs["c00", "b"]) and not board.room(reqs["c03", "e"])

    walked_board, walked_book = copy.deepcopy((board, book))
    improve_walking(walked_board, walked_book)
    improve(board, book)
    assert _seating(board) == _seating(walked_board)
    assert reqs["c02", "a"].cls is classes["C"] and reqs["c00", "b"].cls is classes["D"]
    assert reqs["c03", "e"].cls is classes["E"] and reqs["c00", "a"].cls is None


def test_a_class_with_room_wakes_those_free_in_its_period_and_keeps_the_others_for_theirs() -> None:
    """A class of key a with room in period 1 wakes a waiting cadre free then (c02) and one without a call-up
    left (c01, a trade); one busy then but free in period 2, where a class of the key is too (c00), is kept
    for a wake of period 2; one free in neither (c03: busy in period 1, its unit at its limit in period 2)
    waits for a change of its own seats or its unit: only that can give it a seat in the key's classes."""
    units = {0: "戊单位", 1: "己单位", 2: "丙单位", 3: "乙单位", 4: "乙单位", 5: "庚单位", 6: "辛单位"}
    cadres = [plan_cadre(i, unit=unit) for i, unit in units.items()]
    needs = [plan_need(cadres[i], "a", 50.0) for i in (0, 1, 2, 3, 5, 6)]
    needs += [plan_need(cadres[0], "c", 40.0), plan_need(cadres[1], "b", 40.0), plan_need(cadres[1], "e", 40.0),
              plan_need(cadres[3], "c", 40.0), plan_need(cadres[4], "d", 40.0)]
    cfg = plan_config(min_size=1, max_size=3, max_per_cadre=2, unit_away_share=0.5)
    ctx, _ = build_context(cadres, plan_catalog(), cfg)
    book = book_requests(NeedColumns.of(needs), ctx, cfg.classes)
    board = Board(ctx, cfg.classes, 2, family_order(cfg), NeedColumns.of(needs), PLAN_START)
    periods = {("c05", "a"): 1, ("c06", "a"): 2, ("c00", "c"): 1, ("c01", "b"): 2, ("c01", "e"): 1,
               ("c03", "c"): 1, ("c04", "d"): 2}
    waiting = {}
    for cadre, entries in book.items():
        for entry in entries:
            req = board.request(cadre, entry)
            board.tried.append(req)
            period = periods.get((cadre, req.key.topic))
            if period is None:
                waiting[cadre] = req
                continue
            cls = board.new_class([req.key.family], [req])
            cls.period = period
            board.commit(req, cls, append=False)
    key = waiting["c02"].key
    assert {r.key for r in waiting.values()} == {key} and set(waiting) == {"c00", "c01", "c02", "c03"}
    assert board.room(waiting["c00"]) and 1 in board.state("c00").busy and board.free_in(waiting["c00"], 2)
    assert not board.room(waiting["c01"]) and board.room(waiting["c02"]) and board.free_in(waiting["c02"], 1)
    assert board.room(waiting["c03"]) and 1 in board.state("c03").busy and not board.free_in(waiting["c03"], 2)

    queue = _Queue(board)
    for req in waiting.values():
        req.turn = queue.idle  # looked at, no move found
    queue.idle_by_key[key] = dict.fromkeys(waiting.values())
    queue._wake_key(key, 1)
    assert {r.cadre for r in queue.next} == {"c01", "c02"}
    assert {r.cadre for r in waiting.values() if r.turn == queue.pass_ + 1} == {"c01", "c02"}
    queue.next = []
    queue._wake_key(key, 2)
    assert {r.cadre for r in queue.next} == {"c00"}  # kept; c03 woken by no wake of the key's periods
    queue.next = []
    waiting["c03"].turn = queue.idle
    queue._wake_key(key, 1)
    queue._wake_key(key, 2)
    assert queue.next == []


@st.composite
def wake_boards(draw: st.DrawFn) -> tuple[Board, Book]:
    """Boards where classes get room again while others wait (the drawn boards above seldom have any): classes
    of topic a in several periods hold the low seats of cadres with no call-up left who wait for b (a trade
    frees their seat in a); cadres waiting for a with room, busy in some periods (a seat in d), of units near
    their limit; others in b and e."""
    periods, high = draw(st.integers(2, 4)), draw(st.integers(2, 3))
    traders, waiters, others = draw(st.integers(3, 10)), draw(st.integers(4, 14)), draw(st.integers(0, 6))
    cadres = [plan_cadre(i, unit=draw(st.sampled_from(UNITS))) for i in range(traders + waiters + others)]

    def priority(low: int, top: int) -> float:
        return draw(st.integers(low, top)) * 10.0

    needs, seat_in = [], {}  # (cadre, topic) -> the period of its seat, None: waiting
    for c in cadres[:traders]:
        needs += [plan_need(c, "b", priority(20, 30)), plan_need(c, "a", priority(5, 8)), plan_need(c, "c", priority(1, 8))]
        seat_in |= {(c.id, "b"): None, (c.id, "a"): draw(st.integers(1, periods)), (c.id, "c"): draw(st.integers(1, periods))}
    for c in cadres[traders:traders + waiters]:
        needs += [plan_need(c, "a", priority(1, 4)), plan_need(c, "d", priority(1, 30))]
        seat_in |= {(c.id, "a"): None, (c.id, "d"): draw(st.integers(1, periods))}
    for c in cadres[traders + waiters:]:
        needs += [plan_need(c, "b", priority(1, 30)), plan_need(c, "e", priority(1, 30))]
        seat_in |= {(c.id, "b"): draw(st.one_of(st.none(), st.integers(1, periods))),
                    (c.id, "e"): draw(st.integers(1, periods))}
    cfg = plan_config(min_size=1, max_size=high, max_per_cadre=2,
                      unit_away_share=draw(st.sampled_from([0.34, 0.5, 1.0])), grade_theory=False)
    ctx, _ = build_context(cadres, plan_catalog(), cfg)
    cols = NeedColumns.of(needs)
    book = book_requests(cols, ctx, cfg.classes)
    board = Board(ctx, cfg.classes, periods, family_order(cfg), cols, PLAN_START)
    for cadre, entries in book.items():
        for entry in entries:
            req = board.request(cadre, entry)
            board.tried.append(req)
            period = seat_in.get((cadre, req.key.topic))
            if period is None or not board.room(req) or not board.free_in(req, period):
                continue
            open_ = [c for c in board.by_key.get(req.key, []) if c.period == period and len(c.members) < high]
            if open_ and draw(st.integers(0, 3)):
                board.commit(req, open_[0])
            else:
                cls = board.new_class([req.key.family], [req])
                cls.period = period
                board.commit(req, cls, append=False)
        board.state(cadre).pointer = len(entries)
    return board, book


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drawn=wake_boards())
def test_where_classes_get_room_again_the_queue_makes_the_moves_a_look_at_every_request_makes(
        drawn: tuple[Board, Book]) -> None:
    _assert_moves_as_walked(drawn)
