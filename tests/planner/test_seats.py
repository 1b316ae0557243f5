"""Seats (Plan.assignments as forming leaves them): the sequence of Assignments its columns describe."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from needscli.models import Assignment
from needscli.planner import seats
from needscli.planner.seats import Seats, seat_column, seat_columns, seat_runs

CADRES = [f"c{i:02d}" for i in range(12)]
TOPICS = ["t1", "t2", "t3", "t1", "t4", "t2", "t3", "t1", "t2", "t4", "t3", "t1"]
PRIORITIES = [0.5, 1.0, 2.5, 0.0, 3.0, 1.5, 0.5, 2.0, 1.0, 0.25, 4.0, 1.0]


@st.composite
def seated(draw: st.DrawFn) -> tuple[list[int], list[tuple[str, str, int]]]:
    """Positions of needs served (of the 12 above, repeats allowed) and runs of class and route along them."""
    runs = draw(st.lists(st.tuples(st.sampled_from(["C001", "C002", ""]), st.sampled_from(["class", "sent-up", "online"]),
                                   st.integers(1, 5)), max_size=8))
    at = draw(st.lists(st.integers(0, 11), min_size=sum(n for *_, n in runs), max_size=sum(n for *_, n in runs)))
    return at, runs


def _made(at: list[int], runs: list[tuple[str, str, int]]) -> list[Assignment]:
    """The Assignments seat by seat, as a list (the reference)."""
    ways = [(class_id, route) for class_id, route, n in runs for _ in range(n)]
    return [Assignment(cadre_id=CADRES[i], class_id=c, topic_id=TOPICS[i], priority=PRIORITIES[i], route=r)
            for i, (c, r) in zip(at, ways, strict=True)]


def _seats(at: list[int], runs: list[tuple[str, str, int]]) -> Seats:
    return Seats(at, runs, CADRES, TOPICS, PRIORITIES)


@given(seated(), st.integers(-3, 40), st.integers(-3, 40), st.integers(-3, 40), st.integers(-3, 40))
def test_seats_are_the_assignments_their_columns_describe(case: tuple[list[int], list[tuple[str, str, int]]],
                                                           a: int, b: int, c: int, d: int) -> None:
    at, runs = case
    whole, made = _seats(at, runs), _made(at, runs)
    assert len(whole) == len(made)
    assert list(whole) == made and whole == made and made == whole
    assert repr(whole) == repr(made)
    assert [whole[i] for i in range(-len(made), len(made))] == made + made
    part, expected = whole[a:b][c:d], made[a:b][c:d]  # a slice of a slice: the same columns, a narrower range
    assert isinstance(part, Seats)
    assert list(part) == expected and len(part) == len(expected)
    assert seat_columns(part) == seat_columns(expected)
    assert list(seat_runs(part)) == list(seat_runs(expected))
    assert pickle.loads(pickle.dumps(part)) == expected  # noqa: S301 - our own bytes


@given(seated(), st.integers(1, 4))
def test_seats_walked_a_chunk_at_a_time_are_those_read_one_by_one(case: tuple[list[int], list[tuple[str, str, int]]],
                                                                  chunk: int) -> None:
    at, runs = case
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(seats, "SEAT_CHUNK", chunk)
        whole = _seats(at, runs)
        assert list(whole) == [whole[i] for i in range(len(whole))] == _made(at, runs)


def test_runs_alike_one_after_another_are_one_and_cut_at_a_slice() -> None:
    whole = _seats([0, 1, 2, 3, 4, 5], [("C001", "class", 1), ("C001", "class", 1), ("C001", "sent-up", 1),
                                        ("", "online", 3)])
    assert list(seat_runs(whole)) == [(0, "C001", "class", 2), (2, "C001", "sent-up", 1), (3, "", "online", 3)]
    assert list(whole[1:4].runs()) == [("C001", "class", 1), ("C001", "sent-up", 1), ("", "online", 1)]
    assert list(whole[4:4].runs()) == [] and whole[4:4] == []
    # a list of the same seats: its runs are those of seats alike in class and route, one after another
    assert list(seat_runs(list(whole))) == list(seat_runs(whole))
    assert seat_column(whole[1:5], "route") == ["class", "sent-up", "online", "online"] \
        == seat_column(list(whole)[1:5], "route")
    with pytest.raises(ValueError, match="no column"):
        seat_column(whole, "unit")
    with pytest.raises(ValueError, match="no column"):
        seat_column(list(whole), "unit")


@given(seated(), st.integers(-8, 8), st.integers(-8, 8), st.integers(-3, 3).filter(bool))
def test_seats_read_as_a_list_is(case: tuple[list[int], list[tuple[str, str, int]]], a: int, b: int,
                                 step: int) -> None:
    at, runs = case
    whole, made = _seats(at, runs), _made(at, runs)
    assert whole[a:b:step] == made[a:b:step]  # with a step: the seats taken, as a list
    assert list(reversed(whole)) == made[::-1]
    for seat in made[:3]:
        assert seat in whole and whole.index(seat) == made.index(seat) and whole.count(seat) == made.count(seat)
        if seat in made[1:]:
            assert whole.index(seat, 1) == made.index(seat, 1)
    absent = Assignment(cadre_id="nobody", class_id="", topic_id="t1", priority=0.0, route="online")
    assert absent not in whole and whole.count(absent) == 0
    with pytest.raises(ValueError, match="not among the seats"):
        whole.index(absent)


def test_seats_are_not_a_list_to_change_nor_a_key() -> None:
    whole = _seats([0, 1], [("C001", "class", 2)])
    assert whole != [whole[0]] and whole != "ab"
    assert whole != tuple(whole)  # as a list is to a tuple
    with pytest.raises(TypeError):
        hash(whole)
    with pytest.raises(IndexError):
        whole[2]


@pytest.mark.parametrize("runs", [[("C001", "class", 3)], [("C001", "class", 1)], [("C001", "class", 2), ("", "online", 0)]])
def test_runs_that_do_not_add_up_to_the_seats_are_refused(runs: list[tuple[str, str, int]]) -> None:
    with pytest.raises(ValueError, match="needs served|at least one"):
        Seats([0, 1], runs, CADRES, TOPICS, PRIORITIES)


def test_what_is_given_is_taken_as_it_is_or_refused() -> None:
    given = [0, 1]
    whole = Seats(given, iter([("C001", "class", 2)]), CADRES, TOPICS, PRIORITIES)  # runs given once over
    given[0] = 5  # the positions were copied
    assert [s.cadre_id for s in whole] == ["c00", "c01"] and whole[0].class_id == "C001"
    for at in ([-1, 0], [0, 12]):
        with pytest.raises(ValueError, match="at no position"):
            Seats(at, [("C001", "class", 2)], CADRES, TOPICS, PRIORITIES)
    with pytest.raises(ValueError, match="differ in length"):
        Seats([0], [("C001", "class", 1)], CADRES, TOPICS[:3], PRIORITIES)
