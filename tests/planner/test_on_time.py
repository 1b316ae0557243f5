"""An obligation dealt into a class of its course placed after its deadline moves to one ending by it with a seat."""

from __future__ import annotations

import datetime as dt

from builders import plan_cadre, plan_config, plan_obligation, plan_of

from needscli.planner.model import Plan

LATER = dt.date(2027, 12, 31)
JANUARY = dt.date(2027, 1, 29)  # a class of January (ending 2027-01-05) is on time; one of February is late


def _plan(max_size: int = 5, min_size: int = 2) -> Plan:
    """Initial training (topic a) of 4 cadres of 乙单位 (6: 2 away at once) and 3 of 甲单位 (9: 3 at once), c07 due in
    January, the rest in December: dealt unit by unit into two classes, c07 in the second, which 乙单位's share (its 2
    away in the first) sends to February; the January class keeps a seat free."""
    second = [plan_cadre(i, unit="乙单位") for i in range(6)]
    first = [plan_cadre(i, unit="甲单位") for i in range(6, 15)]
    needs = [plan_obligation(c, "a", 150.0, LATER) for c in second[:4]]
    needs += [plan_obligation(first[0], "a", 150.0, LATER), plan_obligation(first[1], "a", 150.0, JANUARY),
              plan_obligation(first[2], "a", 150.0, LATER)]
    return plan_of(needs, second + first, plan_config(min_size=min_size, max_size=max_size, unit_away_share=0.34), periods=3)


def _class_of(plan: Plan, cadre: str) -> tuple[int, int]:
    """The period and late members of the cadre's class."""
    (cls,) = [c for c in plan.classes if cadre in c.members]
    return cls.period, cls.late


def test_an_obligation_placed_after_its_deadline_moves_to_the_class_of_its_course_on_time_with_a_seat() -> None:
    plan = _plan()
    assert _class_of(plan, "c07") == (1, 0)
    assert sorted((c.period, c.size, c.late) for c in plan.classes) == [(1, 5, 0), (2, 2, 0)]
    assert not plan.unmet


def test_a_late_obligation_stays_where_the_class_on_time_is_full() -> None:
    plan = _plan(max_size=4)  # the January class full: c07 is trained late, not left untrained
    assert _class_of(plan, "c07")[0] == 2
    assert sum(c.late for c in plan.classes) == 1
    assert not plan.unmet


def test_a_late_obligation_stays_where_its_class_would_fall_below_the_minimum_without_it() -> None:
    plan = _plan(min_size=3)  # the February class of 3 would not run: its other two members are not made unmet
    assert _class_of(plan, "c07") == (2, 1)
    assert sorted((c.period, c.size) for c in plan.classes) == [(1, 4), (2, 3)]
    assert not plan.unmet
