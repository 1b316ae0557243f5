"""A plan longer than a year counts each cadre's load in each plan year (12 months from its start): a leader's two
call-ups, every cadre's classes and days away (DOMAIN: at most 2 call-ups of one leader a year)."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter

import pytest
from builders import (
    JOB_FAMILIES,
    PLAN_CORE,
    plan_cadre,
    plan_catalog,
    plan_config,
    plan_leader,
    plan_need,
    plan_obligation,
    plan_of,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from needscli.config import Config
from needscli.models import Cadre, KeptClass, Need
from needscli.planner import Plan, form_classes
from needscli.planner.requests import Why
from needscli.planner.unmet import reason_text

START = dt.date(2027, 1, 1)


def plan_year(plan: Plan, period: int) -> int:
    """The plan year of a period, from 1."""
    return (period - 1) // 12 + 1


def calls_by_year(plan: Plan, cadre: str) -> Counter[int]:
    return Counter(plan_year(plan, c.period) for c in plan.classes if cadre in c.members)


def test_a_leaders_rotation_due_in_the_plans_second_year_is_his_first_call_up_there() -> None:
    """Six new 县处级副职: the appointment class and a rotation in 2027, a second rotation due 2028-06-30. It was left
    unmet (已达领导干部调训上限（2 次）) over a plan of 24 months, two call-ups counted over the whole plan."""
    leaders = [plan_leader(i) for i in range(6)]
    needs = [need for c in leaders for need in (
        plan_obligation(c, "a", deadline=dt.date(2027, 11, 1)),  # appointment training
        plan_obligation(c, "b", deadline=dt.date(2027, 9, 30)),  # rotation P01
        plan_obligation(c, "c", deadline=dt.date(2028, 6, 30)))]  # rotation P02
    cfg = plan_config(min_size=3, max_size=10, max_per_cadre=4)  # leader_max_callups 2
    plan = plan_of(needs, leaders, cfg, periods=24, start=START)
    assert plan.unmet == []
    topics = {c.topic_id: c for c in plan.classes}
    assert sorted(topics) == ["a", "b", "c"] and all(len(c.members) == 6 for c in plan.classes)
    assert plan_year(plan, topics["a"].period) == plan_year(plan, topics["b"].period) == 1
    assert plan_year(plan, topics["c"].period) == 2 and topics["c"].late == 0
    # a plan of a year has the two call-ups of that year: the second rotation unmet, said as before
    year = plan_of(needs, leaders, cfg, periods=12, start=START)
    assert {(u.topic_id, u.reason) for u in year.unmet} == {
        ("c", "已安排的优先级不低于本需求的班次已达领导干部调训上限（2 次）；将领导干部调训上限（leader_max_callups）调高 1 可安排")}


def five_needs(lang: str = "zh", periods: int = 24) -> Plan:
    leaders = [plan_leader(i) for i in range(3)]
    needs = [plan_need(c, t, p) for c in leaders for t, p in zip("abcde", (90, 80, 70, 60, 50), strict=True)]
    return plan_of(needs, leaders, plan_config(max_per_cadre=4, max_size=10), periods=periods, lang=lang, start=START)


def test_a_leader_is_called_up_twice_in_each_year_of_a_24_month_plan() -> None:
    plan = five_needs()
    for cadre in ("c00", "c01", "c02"):
        assert calls_by_year(plan, cadre) == {1: 2, 2: 2}
        assert sorted(c.topic_id for c in plan.classes if cadre in c.members) == ["a", "b", "c", "d"]
    assert {u.topic_id for u in plan.unmet} == {"e"}
    assert {u.reason for u in plan.unmet} == {
        "在计划的每一年内已安排的优先级不低于本需求的班次已达领导干部调训上限（2 次）；将领导干部调训上限（leader_max_callups）调高 1 可安排"}
    assert {u.reason for u in five_needs("en").unmet} == {
        "already called up in every year of the plan as often as a leading cadre may be (2), for needs of equal or "
        "higher priority; would be served with classes.leader_max_callups one higher"}
    # 18 months: a second year of six months, two call-ups in it too
    assert calls_by_year(five_needs(periods=18), "c00") == {1: 2, 2: 2}


LONG = {"a": 120.0, "b": 120.0, "c": 60.0}  # hours: 20, 20 and 10 days at 6 hours a day


def long_classes(max_days_away: float, lang: str = "zh") -> Plan:
    cadres = [plan_cadre(0), plan_cadre(1)]
    needs = [plan_need(c, t, p) for c in cadres for t, p in (("a", 90), ("b", 80), ("c", 70))]
    return plan_of(needs, cadres, plan_config(max_per_cadre=4, max_days_away=max_days_away), periods=24, hours=LONG,
                   lang=lang, start=START)


def test_the_days_away_count_in_each_plan_year() -> None:
    """40 days a year: 20 and 20 in the first, the third class of 10 in the second (not unmet as past the 40 of the
    whole plan); at 20 a year, one class of 20 each year and the third past both, said so."""
    plan = long_classes(40)
    assert plan.unmet == [] and {plan_year(plan, c.period) for c in plan.classes if c.topic_id == "c"} == {2}
    tight = long_classes(20)
    assert sorted(plan_year(tight, c.period) for c in tight.classes) == [1, 2]
    assert {(u.topic_id, u.reason) for u in tight.unmet} == {
        ("c", "本人在计划的每一年内已离岗培训 20 天，本班次 10 天，将超过上限 20 天；将 max_days_away 调到 30 天可安排")}
    assert {u.reason for u in long_classes(20, "en").unmet} == {
        "the cadre's days away in every year of the plan would pass 20: 20 already, and this class takes 10; would be "
        "served with classes.max_days_away at 30"}


def held(class_id: str, topic: str, first: dt.date, *members: str) -> KeptClass:
    """A class of an earlier plan of the topic, two days from first, with the members."""
    return KeptClass(class_id, f"主题{topic.upper()}班", topic, "specialized", "市委管理", "", first, members,
                     end_date=first + dt.timedelta(days=1))


def test_the_classes_held_before_a_re_plan_count_in_its_first_year_only() -> None:
    """Two classes held in January and February 2027 take a leader's call-ups of the plan's first year (April 2027
    to March 2028), not those of its second."""
    leaders = [plan_leader(1), plan_leader(2)]
    needs = [plan_need(c, topic, priority) for c in leaders for topic, priority in (("c", 90), ("d", 80), ("e", 70))]
    kept = [held("C001", "a", dt.date(2027, 1, 4), "c01", "c02"), held("C002", "b", dt.date(2027, 2, 1), "c01", "c02")]
    plan = plan_of(needs, leaders, plan_config(max_per_cadre=4), periods=24, start=dt.date(2027, 4, 1), kept=kept,
                   as_of=dt.date(2027, 3, 15))
    assert calls_by_year(plan, "c01") == calls_by_year(plan, "c02") == {2: 2}
    assert {(u.cadre_id, u.topic_id) for u in plan.unmet} == {("c01", "e"), ("c02", "e")}
    assert all(u.reason.startswith("在计划的每一年内已安排") for u in plan.unmet)


@pytest.mark.parametrize(("why", "zh", "en"), [
    (Why("cap-leader", year=2), "在计划第 2 年内已安排的优先级不低于本需求的班次已达领导干部调训上限（2 次）；将领导干部调训上限"
     "（leader_max_callups）调高 1 可安排", "already called up in the plan's year 2 as often as a leading cadre may be "
     "(2), for needs of equal or higher priority; would be served with classes.leader_max_callups one higher"),
    (Why("held-cap-leader", held=("C001", "C002"), taken=2, year=1), "在计划第 1 年内已调训 2 次（含已举办班次 C001、"
     "C002），已达领导干部调训上限（2 次）；将 leader_max_callups 调到 3 次可安排", "already called up 2 times in the "
     "plan's year 1, counting the classes held before this plan (C001, C002): at the most a leading cadre may be "
     "called up (2); would be served with classes.leader_max_callups at 3"),
    (Why("days", days=10, year=2, taken=40), "本人在计划第 2 年内已离岗培训 40 天，本班次 10 天，将超过上限 40 天；将 "
     "max_days_away 调到 50 天可安排", "the cadre's days away in the plan's year 2 would pass 40: 40 already, and this "
     "class takes 10; would be served with classes.max_days_away at 50"),
])
def test_a_reason_of_the_load_names_its_plan_year(why: Why, zh: str, en: str) -> None:
    cfg = plan_config(max_per_cadre=4, max_days_away=40.0).classes
    assert (reason_text(why, cfg, 24, "zh"), reason_text(why, cfg, 24, "en")) == (zh, en)
    # a plan of a year says it as before (its year the whole plan: 全年, 本年)
    year = {"cap-leader": "", "held-cap-leader": "本年", "days": "全年"}[why.code]
    assert reason_text(why._replace(year=0), cfg, 12, "zh") == zh.replace(f"在计划第 {why.year} 年内", year)


# --- caps per plan year over random rosters ----------------------------------------------------------------------

LEVELS = ["一级科员", "乡科级副职", "县处级正职", "厅局级副职"]  # leading posts among them
UNITS = ["甲单位", "乙单位", "甲县"]
DUES = [None, dt.date(2027, 2, 15), dt.date(2027, 11, 30), dt.date(2028, 3, 31), dt.date(2028, 12, 31),
        dt.date(2029, 6, 30)]


@st.composite
def yearly_scenarios(draw: st.DrawFn) -> tuple[list[Cadre], list[Need], Config, int]:
    n = draw(st.integers(1, 20))
    cadres = [plan_cadre(i, unit=draw(st.sampled_from(UNITS)), family=draw(st.sampled_from(JOB_FAMILIES[:2])),
                         level=draw(st.sampled_from(LEVELS))) for i in range(n)]
    needs = []
    for c in cadres:
        for topic in draw(st.lists(st.sampled_from(["a", "b", "c", "d", "e", *PLAN_CORE]), max_size=7, unique=True)):
            kind = "theory" if topic in PLAN_CORE else "specialized"
            obligation = topic not in PLAN_CORE and draw(st.booleans())
            needs.append(plan_need(c, topic, (150.0 if obligation else 10.0) + draw(st.integers(0, 9)) * 10.0, kind,
                                   source="obligation" if obligation else "post",
                                   deadline=draw(st.sampled_from(DUES)) if obligation else None))
    low = draw(st.integers(1, 3))
    cfg = plan_config(min_size=low, max_size=draw(st.integers(low, 6)), max_per_cadre=draw(st.integers(1, 4)),
                      leader_max_callups=draw(st.integers(1, 2)), max_days_away=draw(st.sampled_from([2.0, 4.0, 6.0])),
                      unit_away_share=draw(st.sampled_from([0.5, 1.0])), send_up=draw(st.booleans()),
                      online=draw(st.booleans()), in_unit=draw(st.booleans()))
    return cadres, needs, cfg, draw(st.integers(13, 36))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(yearly_scenarios())
def test_the_caps_hold_in_each_plan_year_on_random_rosters(case: tuple[list[Cadre], list[Need], Config, int]) -> None:
    cadres, needs, cfg, periods = case
    plan = form_classes(needs, cadres, plan_catalog(), cfg, [], START, periods)
    limits = cfg.classes
    leading = {lv.name for lv in cfg.levels if lv.leading}
    by_id = {c.id: c for c in cadres}
    calls: Counter[tuple[str, int]] = Counter()
    days: Counter[tuple[str, int]] = Counter()
    for cls in plan.classes:
        for m in cls.members:
            calls[m, plan_year(plan, cls.period)] += 1
            days[m, plan_year(plan, cls.period)] += cls.days
    for (m, _), n in calls.items():
        assert n <= (min(limits.max_per_cadre, limits.leader_max_callups) if by_id[m].level in leading
                     else limits.max_per_cadre)
    assert all(d <= limits.max_days_away for d in days.values())
    assert all(n == 1 for n in Counter((m, c.period) for c in plan.classes for m in c.members).values())
    unit_size = Counter(c.unit for c in cadres)
    for (unit, _), n in Counter((by_id[m].unit, c.period) for c in plan.classes for m in c.members).items():
        assert n <= max(1, math.floor(limits.unit_away_share * unit_size[unit] + 1e-9))
    assert Counter((a.cadre_id, a.topic_id) for a in plan.assignments) + Counter(
        (u.cadre_id, u.topic_id) for u in plan.unmet) == Counter((n.cadre_id, n.topic_id) for n in needs)
    # a reason of the load names the plan year, and says true: a cadre at its call-ups in the year it names (every
    # year: in each)
    years = (periods - 1) // 12 + 1
    for u in plan.unmet:
        if "已安排的优先级不低于本需求的班次已达" in u.reason:
            assert u.reason.startswith(("在计划第", "在计划的每一年内")), u.reason
            cap = (min(limits.max_per_cadre, limits.leader_max_callups) if by_id[u.cadre_id].level in leading
                   else limits.max_per_cadre)
            named = range(1, years + 1) if u.reason.startswith("在计划的每一年内") else [int(u.reason[5:].split(" ")[0])]
            assert all(calls[u.cadre_id, y] == cap for y in named), (u.reason, calls)
        elif "离岗培训" in u.reason and "将超过上限" in u.reason:
            assert u.reason.startswith("本人在计划"), u.reason
