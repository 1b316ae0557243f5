"""A cadre's load (call-ups, days away), obligations first, hours that are not a class, graded theory
classes, and periods chosen for the obligations' deadlines."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from builders import (
    PLAN_CORE,
    PLAN_START,
    SAMPLES,
    plan_cadre,
    plan_catalog,
    plan_config,
    plan_leader,
    plan_need,
    plan_obligation,
    plan_of,
)

from needscli.config import ClassesConfig, Config, HoursConfig
from needscli.core.hours import HoursStanding
from needscli.errors import Problem
from needscli.models import Cadre, Need
from needscli.pipeline import analyze as pipeline_analyze
from needscli.pipeline import plan_classes, with_plan_problems
from needscli.planner import Plan, form_classes, swap_gain

CORE = PLAN_CORE


def seated(plan: Plan, cadre: str) -> set[str]:
    """The topics the cadre has a seat in a class for."""
    return {a.topic_id for a in plan.assignments if a.cadre_id == cadre and a.class_id}


def reasons(plan: Plan) -> dict[tuple[str, str], str]:
    return {(u.cadre_id, u.topic_id): u.reason for u in plan.unmet}


def classes_of(plan: Plan, cadre: str) -> list[str]:
    return [c.topic_id for c in plan.classes if cadre in c.members]


# --- obligations first ------------------------------------------------------------------------------


def obligation_and_wishes(leader_callups: int = 2, periods: int | None = None) -> tuple[list[Need], Plan]:
    """A leader (c00) owing appointment training (an obligation, 150) with five discretionary needs scored
    high (149 down to 110), each shared with a partner so that every class can form."""
    boss = plan_leader(0)
    partners = [plan_cadre(i) for i in range(1, 7)]
    needs = [plan_obligation(boss, "a"), plan_obligation(partners[0], "a")]
    for i, (topic, priority) in enumerate(zip("bcde", (149.0, 140.0, 130.0, 110.0), strict=True)):
        needs += [plan_need(boss, topic, priority), plan_need(partners[i + 1], topic, priority)]
    plan = plan_of(needs, [boss, *partners], plan_config(max_per_cadre=4, leader_max_callups=leader_callups),
                   periods=periods)
    return needs, plan


def test_an_obligation_is_seated_before_any_discretionary_need_under_the_leaders_call_ups() -> None:
    _, plan = obligation_and_wishes()
    assert seated(plan, "c00") == {"a", "b"}  # the obligation, then the highest discretionary need
    why = reasons(plan)
    for topic in "cde":
        assert why[("c00", topic)].startswith("已安排的优先级不低于本需求的班次已达领导干部调训上限（2 次）")
    # one call-up: the obligation keeps it, the discretionary need of 149 does not take it
    _, one = obligation_and_wishes(leader_callups=1)
    assert seated(one, "c00") == {"a"}
    assert ("c00", "b") in reasons(one)


def test_an_obligation_keeps_its_period_against_a_discretionary_class() -> None:
    # one period: the obligation's class and the discretionary one cannot both have the leader
    _, plan = obligation_and_wishes(periods=1)
    assert "a" in seated(plan, "c00")
    assert seated(plan, "c00") == {"a"}
    # b's class, without the leader (busy in the only period), is below the minimum of 2 and cannot run
    assert reasons(plan)[("c00", "b")].startswith("无可用时段：本人在该班次时段已有其他班次")
    assert reasons(plan)[("c02", "b")].startswith("班次在各时段除去时间冲突或超出单位同期离岗上限的学员后均不足最小班额 2，已取消")


def test_a_discretionary_need_never_takes_a_full_classs_obligation_seat() -> None:
    # class a is full (3) with three obligations; c03 (one class at most) first tries b (149.5, alone: no
    # class), then a (149): a higher need may take a full class's lowest seat, but not an obligation's
    owing = [plan_cadre(i) for i in range(3)]
    keen = plan_cadre(3)
    needs = [plan_obligation(c, "a") for c in owing]
    needs += [plan_need(keen, "b", 149.5, "on-the-job"), plan_need(keen, "a", 149.0, "on-the-job")]
    cfg = plan_config(min_size=3, max_size=3, max_per_cadre=1)
    plan = plan_of(needs, [*owing, keen], cfg, periods=1)
    assert [sorted(c.members) for c in plan.classes] == [["c00", "c01", "c02"]]
    assert reasons(plan)[("c03", "a")].startswith("同类需求仅 1 人")  # alone in its round, the class full
    # with a lower-priority (discretionary) member in the full class, the need of 149 takes that seat
    needs[2] = plan_need(owing[2], "a", 100.0, "on-the-job")
    plan = plan_of(needs, [*owing, keen], cfg, periods=1)
    assert [sorted(c.members) for c in plan.classes] == [["c00", "c01", "c03"]]
    assert ("c02", "a") in reasons(plan)



def obligations_due_apart(leader_callups: int) -> Plan:
    """A leader (c00) owing four obligations of one priority, listed latest first: w due never (no deadline), x in
    October, y in March, z in February; each with a partner so that every class can form."""
    boss = plan_leader(0)
    partners = [plan_cadre(i) for i in range(1, 5)]
    due = {"w": None, "x": dt.date(2027, 10, 1), "y": dt.date(2027, 3, 31), "z": dt.date(2027, 2, 1)}
    needs = [plan_obligation(boss, topic, 160.0, deadline) for topic, deadline in due.items()]
    needs += [plan_obligation(partner, topic, 160.0, deadline)
              for partner, (topic, deadline) in zip(partners, due.items(), strict=True)]
    return plan_of(needs, [boss, *partners], plan_config(max_per_cadre=4, leader_max_callups=leader_callups))


def test_of_obligations_of_one_priority_the_one_due_first_takes_the_call_ups() -> None:
    """The last call-up goes to the obligation due first, not to the one the roster lists first; one of no deadline
    comes last."""
    assert seated(obligations_due_apart(1), "c00") == {"z"}
    assert seated(obligations_due_apart(2), "c00") == {"z", "y"}
    assert seated(obligations_due_apart(3), "c00") == {"z", "y", "x"}
    why = reasons(obligations_due_apart(2))
    assert why[("c00", "x")].startswith("已安排的优先级不低于本需求的班次已达领导干部调训上限（2 次）")
    assert ("c00", "w") in why


# --- call-ups: leading posts fewer ----------------------------------------------------------------


def four_needs_each(**classes: object) -> Plan:
    """A leader (c00) and a staff cadre (c01) needing a to d, each class with a partner (c02 to c05)."""
    cadres = [plan_leader(0), plan_cadre(1), *(plan_cadre(i) for i in range(2, 6))]
    needs = [plan_need(c, t, p) for c in cadres[:2] for t, p in zip("abcd", (90, 80, 70, 60), strict=True)]
    needs += [plan_need(cadres[2 + i], t, 50) for i, t in enumerate("abcd")]
    return plan_of(needs, cadres, plan_config(**{"max_per_cadre": 4, "max_size": 10, **classes}), periods=4)


def test_leaders_get_at_most_their_call_ups_others_up_to_the_cap() -> None:
    plan = four_needs_each()
    assert seated(plan, "c00") == {"a", "b"}
    assert seated(plan, "c01") == {"a", "b", "c", "d"}
    assert len(classes_of(plan, "c00")) == 2 and len(classes_of(plan, "c01")) == 4
    assert reasons(plan)[("c00", "c")] == reasons(plan)[("c00", "d")]
    assert plan.settings["leader_max_callups"] == 2 and plan.settings["max_per_cadre"] == 4
    # three call-ups for leaders; and the cap applies to both when it is the lower
    assert seated(four_needs_each(leader_max_callups=3), "c00") == {"a", "b", "c"}
    low = four_needs_each(max_per_cadre=1)
    assert seated(low, "c00") == {"a"} and seated(low, "c01") == {"a"}


def test_a_need_its_cadres_higher_need_took_the_period_of_is_told_so_not_the_cap() -> None:
    """A leader (c10, 2 call-ups) seated in b (50) and the theory class (40) gives b's seat up to d (80), whose only
    class runs in b's period; b's only class runs then too. His call-ups are d and the theory class of 40, below b: b
    is unmet for the period, not for call-ups of needs of equal or higher priority (a random roster's, shrunk)."""
    levels = {0: "县处级正职", 1: "一级科员", 7: "县处级正职", 10: "乡科级副职", 11: "乡科级副职", 14: "县处级正职",
              16: "乡科级副职"}
    cadres = {i: plan_cadre(i, level=level) for i, level in levels.items()}
    needs = [plan_need(cadres[0], "core-b", 60.0, "theory"), plan_obligation(cadres[1], "a", 190.0, kind="specialized"),
             plan_obligation(cadres[1], "d", 160.0, dt.date(2027, 1, 4)), plan_need(cadres[7], "d", 100.0, "on-the-job"),
             plan_need(cadres[10], "core-c", 40.0, "theory"), plan_need(cadres[10], "d", 80.0, "on-the-job"),
             plan_need(cadres[10], "b", 50.0, "on-the-job"), plan_obligation(cadres[11], "b", 210.0), plan_need(cadres[11], "a", 100.0),
             plan_need(cadres[14], "core-a", 20.0, "theory"), plan_obligation(cadres[16], "b", 160.0)]
    plan = plan_of(needs, list(cadres.values()), plan_config(min_size=2, max_size=5, max_per_cadre=3), periods=2)
    mine = {c.topic_id: (c.period, c.size) for c in plan.classes if "c10" in c.members}
    assert mine == {"d": (1, 3), "theory-core-class": (2, 3)}
    assert [(c.period, c.size) for c in plan.classes if c.topic_id == "b"] == [(1, 2)]  # a seat, in d's period
    assert reasons(plan)[("c10", "b")] == "无可用时段：本人在该班次时段已有其他班次，同类其他班次在本人空闲时段也无空位"
    english = plan_of(needs, list(cadres.values()), plan_config(min_size=2, max_size=5, max_per_cadre=3), periods=2,
                      lang="en")
    assert reasons(english)[("c10", "b")].startswith("no period free: the cadre already has a class in this class's")



def test_an_obligation_a_unit_share_kept_out_whose_days_are_taken_now_is_told_the_days_not_the_share() -> None:
    """c25 of 市税务局 (2 cadres: 1 away at once) owes c (10 days, due October) and b (7 days). When c25's c was tried,
    its unit's place was taken in the periods of c's classes; the plan ends with the January class of c holding a
    seat in a month c25 is free and its unit has no one away, and c25's days (7, of b) leave no room for 10 more under
    15. More of the unit away would not serve c, as its reason said: the days would (a random roster's, shrunk)."""
    law = {3, 4, 5, 6, 8, 10}
    levels = {0: "二级主任科员", 1: "县处级正职", 2: "二级主任科员", 3: "二级主任科员", 4: "二级主任科员", 5: "一级科员",
              6: "四级主任科员", 7: "一级科员", 8: "一级科员", 10: "乡科级副职"}
    cadres = {i: plan_cadre(i, unit="甲单位", level=level, family="行政执法类" if i in law else "综合管理类")
              for i, level in levels.items()}
    cadres |= {25: plan_cadre(25, unit="市税务局", level="四级主任科员"), 27: plan_cadre(27, unit="市税务局", level="乡科级正职")}
    past = dt.date(2026, 5, 28)
    needs = [plan_obligation(cadres[0], "c", 150.0, dt.date(2027, 8, 29)),
             plan_obligation(cadres[3], "b", 150.0, dt.date(2028, 1, 13)), plan_obligation(cadres[5], "c", 200.0, past),
             plan_obligation(cadres[7], "b", 200.0, dt.date(2026, 4, 28)), plan_obligation(cadres[10], "c", 200.0, past),
             plan_obligation(cadres[25], "c", 150.0, dt.date(2027, 10, 2)),
             plan_obligation(cadres[25], "b", 150.0, dt.date(2028, 1, 17)),
             plan_obligation(cadres[27], "c", 150.0, dt.date(2027, 8, 29))]
    config = plan_config(min_size=2, max_size=11, unit_away_share=0.2, max_days_away=15.0)
    for lang, said in (("zh", "本人全年已离岗培训 7 天，本班次 10 天，将超过上限 15 天；将 max_days_away 调到 17 天可安排"),
                       ("en", "the cadre's days away would pass 15: 7 already, and this class takes 10; would be served "
                              "with classes.max_days_away at 17")):
        plan = plan_of(needs, list(cadres.values()), config, periods=12, hours={"b": 40.0, "c": 60.0}, lang=lang)
        assert sorted((c.topic_id, c.period, c.size) for c in plan.classes) == [("b", 2, 3), ("c", 1, 2), ("c", 3, 2)]
        assert "c25" in next(c for c in plan.classes if c.topic_id == "b").members
        assert reasons(plan)[("c25", "c")] == said


# --- days away -------------------------------------------------------------------------------------

LONG = {"a": 120.0, "b": 120.0, "c": 60.0}  # hours: 20, 20 and 10 days at 6 hours a day


def long_classes(max_days_away: float, periods: int = 3, lang: str = "zh") -> Plan:
    x, y = plan_cadre(0), plan_cadre(1)
    needs = [plan_need(c, t, p) for c in (x, y) for t, p in (("a", 90), ("b", 80), ("c", 70))]
    return plan_of(needs, [x, y], plan_config(max_per_cadre=4, max_days_away=max_days_away), periods=periods,
                   hours=LONG, lang=lang)


def test_a_class_that_would_pass_the_days_away_is_unmet_for_days_and_served_when_raised() -> None:
    plan = long_classes(40)
    assert {(c.topic_id, c.days, c.hours) for c in plan.classes} == {("a", 20.0, 120.0), ("b", 20.0, 120.0)}
    assert seated(plan, "c00") == {"a", "b"}
    assert reasons(plan)[("c00", "c")] == "本人全年已离岗培训 40 天，本班次 10 天，将超过上限 40 天；将 max_days_away 调到 50 天可安排"
    english = {(u.cadre_id, u.topic_id): u.reason for u in plan_of(
        [plan_need(c, t, p) for c in ("c00", "c01") for t, p in (("a", 90), ("b", 80), ("c", 70))],
        [plan_cadre(0), plan_cadre(1)], plan_config(max_per_cadre=4, max_days_away=40), periods=3, hours=LONG,
        lang="en").unmet}
    assert english[("c00", "c")] == ("the cadre's days away would pass 40: 40 already, and this class takes 10; "
                                     "would be served with classes.max_days_away at 50")
    raised = long_classes(50)
    assert seated(raised, "c00") == {"a", "b", "c"} and raised.unmet == []
    # the advice adds this class's days to those the cadre holds, not to the limit: 40 + 10 days serve it under 45
    assert reasons(long_classes(45))[("c00", "c")] == ("本人全年已离岗培训 40 天，本班次 10 天，将超过上限 45 天；"
                                                       "将 max_days_away 调到 50 天可安排")
    # a lower need that fits the days left is still seated after one that does not
    assert seated(long_classes(30), "c00") == {"a", "c"}


@pytest.mark.parametrize(("lang", "text"), [
    ("zh", "本人在计划的 24 个月内已离岗培训 40 天，本班次 10 天，将超过上限 40 天；将 max_days_away 调到 50 天可安排"),
    ("en", "the cadre's days away in the plan's 24 months would pass 40: 40 already, and this class takes 10; would be "
           "served with classes.max_days_away at 50"),
])
def test_the_days_away_of_a_plan_longer_than_a_year_are_said_to_count_over_its_months(lang: str, text: str) -> None:
    """Not 本人全年离岗 in a plan of 24 months, whose days away are counted over the plan, as its call-ups are."""
    plan = long_classes(40, periods=24, lang=lang)
    assert seated(plan, "c00") == {"a", "b"}
    assert reasons(plan)[("c00", "c")] == text


def test_days_of_a_class_are_its_hours_at_the_default_day_rounded_up_and_the_theory_class_the_whole_core() -> None:
    x, y = plan_cadre(0), plan_cadre(1)
    needs = [plan_need(c, t, 100, "theory") for c in (x, y) for t in CORE] + [plan_need(c, "a") for c in (x, y)]
    plan = plan_of(needs, [x, y], hours={"a": 13.0, "core-a": 10.0, "core-b": 10.0, "core-c": 12.0}, periods=2)
    lengths = {c.topic_id: (c.hours, c.days) for c in plan.classes}
    assert lengths == {"theory-core-class": (32.0, 6.0), "a": (13.0, 3.0)}  # ceil(32/6), ceil(13/6)
    # at 8 hours a day
    eight = Config(hours=HoursConfig(day_hours={"default": 8.0}), classes=plan_config().classes)
    plan = plan_of(needs, [x, y], eight, hours={"a": 13.0, "core-a": 10.0, "core-b": 10.0, "core-c": 12.0}, periods=2)
    assert {c.topic_id: c.days for c in plan.classes} == {"theory-core-class": 4.0, "a": 2.0}
    theory = next(c for c in plan.classes if c.topic_id == "theory-core-class")
    assert theory.end_date == theory.start_date + dt.timedelta(days=3)


def test_an_appointment_class_is_as_many_days_as_its_bands_course_in_the_config_not_its_topics_hours() -> None:
    # topic a, 8 hours in the catalog (2 days), is a band's course of 5 days: 30 hours at 6 a day, 40 at 8
    x, y = plan_leader(0), plan_leader(1)
    needs = [plan_obligation(c, "a", kind="appointment") for c in (x, y)]
    bands = {"appointment_bands": [{"topic": "a", "tiers": ["县处级"], "days": 5}]}
    for per_day, hours in ((6.0, 30.0), (8.0, 40.0)):
        cfg = Config.model_validate({"obligations": bands, "hours": {"day_hours": {"default": per_day}},
                                     "classes": plan_config().classes.model_dump()})
        (cls,) = plan_of(needs, [x, y], cfg, periods=2).classes
        assert (cls.days, cls.hours) == (5.0, hours)
        assert cls.end_date == cls.start_date + dt.timedelta(days=4)
    # a band of 0 days leaves the topic's length to the catalog
    cfg = Config.model_validate({"obligations": {"appointment_bands": [{"topic": "a", "tiers": ["县处级"], "days": 0}]},
                                 "classes": plan_config().classes.model_dump()})
    assert [(c.days, c.hours) for c in plan_of(needs, [x, y], cfg, periods=2).classes] == [(2.0, 8.0)]


# --- hours are not a class ---------------------------------------------------------------------------


def hours_case(**classes: object) -> tuple[list[Need], Plan]:
    """c00 to c02 short of hours (30, 6 and 30), c00 and c01 with a class of 8 hours, c02 with none."""
    cadres = [plan_cadre(i) for i in range(3)]
    due = dt.date(2027, 12, 31)
    needs = [plan_need(c, "hours-top-up", 155.0, "on-the-job", source="obligation", deadline=due, hours=h)
             for c, h in zip(cadres, (30.0, 6.0, 30.0), strict=True)]
    needs += [plan_need(c, "a", 60.0) for c in cadres[:2]]
    return needs, plan_of(needs, cadres, plan_config(**classes), periods=2)


def test_an_hours_need_forms_no_class_and_is_listed_with_the_hours_planned() -> None:
    _, plan = hours_case()
    assert [c.topic_id for c in plan.classes] == ["a"]
    assert all(a.topic_id != "hours-top-up" for a in plan.assignments)
    assert all(u.topic_id != "hours-top-up" for u in plan.unmet)
    assert [(h.cadre_id, h.deficit, h.planned, h.left, h.deadline, h.advice) for h in plan.hours_left] == [
        ("c00", 30.0, 8.0, 22.0, dt.date(2027, 12, 31), "class"),
        ("c01", 6.0, 8.0, 0.0, dt.date(2027, 12, 31), "covered"),
        ("c02", 30.0, 0.0, 30.0, dt.date(2027, 12, 31), "class")]


def test_the_hours_left_after_the_plan_count_the_classes_days_as_the_standard_does() -> None:
    """每年12天或90学时: a 12-day class of 68 hours meets the standard by its days. c00 reports 60 hours and 9 days (18
    hours short: 3 days), c01 nothing of the year and no days, c02 60 hours and no days; each has the 12-day class."""
    cadres = [plan_cadre(i) for i in range(3)]
    standings = {
        "c00": HoursStanding("annual", 90.0, 60.0, 12.0, 9.0, deadline=dt.date(2027, 12, 31)),
        "c01": HoursStanding("annual", 90.0, 0.0, 12.0, None, deadline=dt.date(2027, 12, 31)),
        "c02": HoursStanding("annual", 90.0, 60.0, 12.0, None, deadline=dt.date(2027, 12, 31)),
    }
    needs = [plan_need(c, "hours-top-up", 155.0, "on-the-job", source="obligation", deadline=dt.date(2027, 12, 31),
                       hours=standings[c.id].deficit) for c in cadres]
    needs += [plan_need(c, "a", 60.0) for c in cadres]
    plan = form_classes(needs, cadres, plan_catalog({"a": 68.0}), plan_config(), [], PLAN_START, 2,
                        standings=standings)
    assert [(h.cadre_id, h.deficit, h.planned, h.left, h.advice) for h in plan.hours_left] == [
        ("c00", 18.0, 68.0, 0.0, "covered"),  # its 9 days and the class's 12
        ("c01", 90.0, 68.0, 0.0, "covered"),  # 22 hours short, but 12 days: the days asked
        ("c02", 30.0, 68.0, 0.0, "covered")]
    # without the standings (a caller of form_classes that has none): the deficit less the classes' hours
    alone = form_classes(needs, cadres, plan_catalog({"a": 68.0}), plan_config(), [], PLAN_START, 2)
    assert [h.left for h in alone.hours_left] == [0.0, 22.0, 0.0]
    # a 4-day class of 24 hours: c00's 9 days and its 4 meet the days asked; c01 has no days to add them to
    short = form_classes(needs, cadres, plan_catalog({"a": 24.0}), plan_config(), [], PLAN_START, 2,
                         standings=standings)
    assert [(h.cadre_id, h.left) for h in short.hours_left] == [("c00", 0.0), ("c01", 66.0), ("c02", 6.0)]


def test_hours_left_are_advised_online_where_online_hours_count() -> None:
    cadres = [plan_cadre(i) for i in range(2)]
    needs = [plan_need(c, "hours-top-up", 155.0, "on-the-job", source="obligation", hours=30.0) for c in cadres]
    cfg = Config(hours=HoursConfig(online_counts_toward_concentrated=True), classes=plan_config().classes)
    assert [h.advice for h in plan_of(needs, cadres, cfg).hours_left] == ["online", "online"]


def hours_due(deadlines: list[dt.date], overdue: int | None = None, cfg: Config | None = None,
              cadres: list[Cadre] | None = None, short: list[float] | None = None) -> Plan:
    """c00, c01 ... (plan_cadre's, or cadres) each 30 hours short (or short's) with the deadline given (c<overdue>'s
    passed, or every one's where overdue is -1), each with a class of 8 hours (2 days) in the plan's first period
    (January 2027)."""
    cadres = cadres or [plan_cadre(i) for i in range(len(deadlines))]
    short = short or [30.0] * len(cadres)
    needs = [dataclasses.replace(
        plan_need(c, "hours-top-up", 155.0, "on-the-job", source="obligation", deadline=due, hours=h),
        status="overdue" if overdue in (i, -1) else "due")
        for i, (c, due, h) in enumerate(zip(cadres, deadlines, short, strict=True))]
    needs += [plan_need(c, "a", 60.0) for c in cadres]
    return plan_of(needs, cadres, cfg, periods=2)


def test_hours_past_their_deadline_are_advised_the_earliest_class_not_a_class_before_it() -> None:
    plan = hours_due([dt.date(2026, 3, 1), dt.date(2027, 12, 31)], overdue=0)
    assert [(h.cadre_id, h.left, h.advice) for h in plan.hours_left] == [("c00", 30.0, "overdue"),
                                                                        ("c01", 22.0, "class")]


def test_hours_past_a_five_year_deadline_count_the_classes_of_the_standards_cycle() -> None:
    # leaders promoted in the 2023-2027 cycle, past the year they had to meet the five-year standard in: the plan's
    # class of January 2027 still falls in the cycle; a staff cadre's annual standard counts a class after its
    # deadline toward the next year's
    leaders = [plan_leader(0), plan_leader(1), plan_cadre(2)]
    plan = hours_due([dt.date(2025, 3, 1), dt.date(2026, 6, 1), dt.date(2026, 12, 31)], overdue=-1, cadres=leaders,
                     short=[30.0, 6.0, 30.0])
    assert [(h.cadre_id, h.planned, h.left, h.deadline, h.advice) for h in plan.hours_left] == [
        ("c00", 8.0, 22.0, dt.date(2025, 3, 1), "overdue"),
        ("c01", 8.0, 0.0, dt.date(2026, 6, 1), "covered-late"),
        ("c02", 0.0, 30.0, dt.date(2026, 12, 31), "overdue")]
    # a class after the cycle's end counts toward the next cycle's standard
    late = hours_due([dt.date(2021, 3, 1), dt.date(2021, 3, 1)], overdue=-1, cadres=leaders[:2])
    assert [h.planned for h in late.hours_left] == [0.0, 0.0]


def test_hours_due_before_any_class_of_the_plan_ends_are_told_so() -> None:
    first_end = min(c.end_date for c in hours_due([dt.date(2027, 12, 31)] * 2).classes if c.end_date)
    plan = hours_due([first_end - dt.timedelta(days=1), first_end])
    assert [(h.cadre_id, h.planned, h.advice) for h in plan.hours_left] == [("c00", 0.0, "no-class"),
                                                                          ("c01", 8.0, "class")]
    online = Config(hours=HoursConfig(online_counts_toward_concentrated=True), classes=plan_config().classes)
    plan = hours_due([first_end - dt.timedelta(days=1), first_end], cfg=online)
    assert [h.advice for h in plan.hours_left] == ["no-class-online", "online"]


def test_an_hours_class_forms_when_the_config_asks_for_one() -> None:
    # c01's 6 hours short are given by its class of 8 hours: it has no seat in the top-up class, its need served so
    needs, plan = hours_case(hours_top_up_class=True)
    hours_class = [c for c in plan.classes if c.topic_id == "hours-top-up"]
    assert [sorted(c.members) for c in hours_class] == [["c00", "c02"]]
    assert hours_class[0].hours == 40.0 and hours_class[0].days == 7.0
    assert {a.cadre_id for a in plan.assignments if a.topic_id == "hours-top-up"} == {"c00", "c02"}
    assert all(u.topic_id != "hours-top-up" for u in plan.unmet)
    assert [(h.cadre_id, h.deficit, h.planned, h.left, h.advice) for h in plan.hours_left] == [
        ("c01", 6.0, 8.0, 0.0, "covered")]
    # no move left: c01's hours need asks for no seat in the top-up class, which has room for it
    assert swap_gain(plan, needs, plan_config(hours_top_up_class=True)) == (0.0, 0)


def leaders_owing_appointment(callups: int, short: float = 30.0, lang: str = "zh") -> Plan:
    """Three leaders (c00 to c02) owing appointment training (a, 40 hours, an obligation of 160) and short of hours
    (short, an obligation of 155), each with a discretionary need b (60) shared with three staff; the top-up class
    asked for, leader_max_callups callups."""
    leaders, staff = [plan_leader(i) for i in range(3)], [plan_cadre(i) for i in range(3, 6)]
    due = dt.date(2027, 12, 31)
    needs = [need for c in leaders for need in (
        plan_obligation(c, "a", 160.0, deadline=due),
        plan_need(c, "hours-top-up", 155.0, "on-the-job", source="obligation", deadline=due, hours=short),
        plan_need(c, "b", 60.0))]
    needs += [plan_need(c, "b", 60.0) for c in staff]
    cfg = plan_config(hours_top_up_class=True, leader_max_callups=callups, max_per_cadre=3)
    return plan_of(needs, [*leaders, *staff], cfg, periods=2, hours={"a": 40.0}, lang=lang)


def test_a_leaders_appointment_class_giving_the_hours_short_leaves_no_top_up_class_to_take_a_call_up() -> None:
    # two call-ups: the appointment class and b, not a top-up class for hours the appointment class gives
    plan = leaders_owing_appointment(callups=2)
    assert all(c.topic_id != "hours-top-up" for c in plan.classes)
    for leader in ("c00", "c01", "c02"):
        assert seated(plan, leader) == {"a", "b"}
    assert plan.unmet == []
    assert [(h.cadre_id, h.deficit, h.planned, h.left, h.advice) for h in plan.hours_left] == [
        (c, 30.0, 48.0, 0.0, "covered") for c in ("c00", "c01", "c02")]
    # one call-up: the appointment class; the hours need is served by it, not unmet for the call-ups
    one = leaders_owing_appointment(callups=1)
    assert all(c.topic_id != "hours-top-up" for c in one.classes)
    assert {(u.cadre_id, u.topic_id) for u in one.unmet} == {("c00", "b"), ("c01", "b"), ("c02", "b")}
    assert [(h.cadre_id, h.planned, h.left, h.advice) for h in one.hours_left] == [
        (c, 40.0, 0.0, "covered") for c in ("c00", "c01", "c02")]


def test_a_leader_whose_appointment_class_leaves_hours_short_keeps_the_top_up_class() -> None:
    # 50 hours short: the appointment class's 40 leave 10, for which the top-up class takes the second call-up
    plan = leaders_owing_appointment(callups=2, short=50.0)
    for leader in ("c00", "c01", "c02"):
        assert seated(plan, leader) == {"a", "hours-top-up"}
        assert reasons(plan)[leader, "b"].startswith("已安排的优先级不低于本需求的班次已达领导干部调训上限（2 次）")
    assert plan.hours_left == []
    english = leaders_owing_appointment(callups=2, short=50.0, lang="en")
    assert {u.reason for u in english.unmet} == {
        "already called up as often as a leading cadre may be (2), for needs of equal or higher priority; would be "
        "served with classes.leader_max_callups one higher"}


def test_a_top_up_class_its_covered_members_leave_below_the_minimum_leaves_the_rest_a_group_too_small() -> None:
    # c00 to c02 lack 6 hours, which their class a gives; c03 lacks 30 and has no other class: alone, below the
    # minimum of 2, it is told so, not that a class of it was cancelled
    cadres = [plan_cadre(i) for i in range(4)]
    due = dt.date(2027, 12, 31)
    needs = [plan_need(c, "hours-top-up", 155.0, "on-the-job", source="obligation", deadline=due, hours=h)
             for c, h in zip(cadres, (6.0, 6.0, 6.0, 30.0), strict=True)]
    needs += [plan_need(c, "a", 60.0) for c in cadres[:3]]
    for lang, said in (("zh", "同类需求仅 1 人，不足最小班额 2，且无可合并的班次"),
                       ("en", "only 1 cadres share this need, below the minimum class size 2, and no compatible class "
                              "to merge with")):
        plan = plan_of(needs, cadres, plan_config(hours_top_up_class=True), periods=2, lang=lang)
        assert [(c.topic_id, sorted(c.members)) for c in plan.classes] == [("a", ["c00", "c01", "c02"])]
        assert [(u.cadre_id, u.topic_id) for u in plan.unmet] == [("c03", "hours-top-up")]
        assert plan.unmet[0].reason.startswith(said)
        assert [(h.cadre_id, h.left) for h in plan.hours_left] == [("c00", 0.0), ("c01", 0.0), ("c02", 0.0)]


def test_a_top_up_class_cancelled_below_the_minimum_gives_its_members_call_ups_to_their_next_needs() -> None:
    # c00, a leader of one call-up, takes the top-up class for its 6 hours first (its need comes first), beside c01,
    # whose class a then gives it the hours: c01 leaves, the class is cancelled, and the call-up it held goes to
    # c00's obligation a, which takes the seat of c02's need of 10 and gives c00 its hours too
    leader, staff = plan_leader(0, level="乡科级副职"), [plan_cadre(1), plan_cadre(2)]
    needs = [plan_need(leader, "hours-top-up", 150.0, "on-the-job", source="obligation", hours=6.0),
             plan_obligation(leader, "a", 150.0, kind="specialized"),
             plan_need(staff[0], "a", 10.0), plan_need(staff[0], "hours-top-up", 10.0, "on-the-job", hours=6.0),
             plan_need(staff[1], "a", 10.0)]
    cfg = plan_config(min_size=2, max_size=2, max_per_cadre=3, leader_max_callups=1, hours_top_up_class=True)
    plan = plan_of(needs, [leader, *staff], cfg, periods=2)
    assert [(c.topic_id, sorted(c.members)) for c in plan.classes] == [("a", ["c00", "c01"])]
    assert [(u.cadre_id, u.topic_id) for u in plan.unmet] == [("c02", "a")]
    assert [(h.cadre_id, h.planned, h.left, h.advice) for h in plan.hours_left] == [
        ("c00", 8.0, 0.0, "covered"), ("c01", 8.0, 0.0, "covered")]
    assert swap_gain(plan, needs, cfg) == (0.0, 0)


# --- grading: leading cadres apart from staff in theory classes ------------------------------------


def theory_case(grade: bool) -> Plan:
    """Two leaders and three staff lacking the theory core, and all five a specialized topic."""
    cadres = [plan_leader(0), plan_leader(1), *(plan_cadre(i) for i in range(2, 5))]
    needs = [plan_need(c, t, 100, "theory") for c in cadres for t in CORE] + [plan_need(c, "a", 60) for c in cadres]
    return plan_of(needs, cadres, plan_config(grade_theory=grade, max_size=10), periods=3)


def test_theory_classes_never_mix_leading_and_staff_cadres_when_graded() -> None:
    plan = theory_case(grade=True)
    theory = sorted((c.band, sorted(c.members)) for c in plan.classes if c.topic_id == "theory-core-class")
    assert theory == [("一般干部", ["c02", "c03", "c04"]), ("领导干部", ["c00", "c01"])]
    names = {c.band: c.name for c in plan.classes if c.topic_id == "theory-core-class"}
    assert names["领导干部"].startswith("市委管理领导干部") and names["一般干部"].startswith("市委管理一般干部")
    # a specialized class is not graded: leaders and staff together
    assert [(c.band, sorted(c.members)) for c in plan.classes if c.topic_id == "a"] == [
        ("", ["c00", "c01", "c02", "c03", "c04"])]


def test_a_lone_leader_is_not_merged_into_the_staff_theory_class() -> None:
    cadres = [plan_leader(0), *(plan_cadre(i) for i in range(1, 4))]
    needs = [plan_need(c, t, 100, "theory") for c in cadres for t in CORE]
    plan = plan_of(needs, cadres, plan_config(max_size=10))
    assert [(c.band, c.members) for c in plan.classes] == [("一般干部", ["c01", "c02", "c03"])]
    assert reasons(plan)[("c00", "core-a")].startswith("同类需求仅 1 人")


def test_theory_classes_mix_leading_and_staff_cadres_when_not_graded() -> None:
    plan = theory_case(grade=False)
    theory = [(c.band, sorted(c.members)) for c in plan.classes if c.topic_id == "theory-core-class"]
    assert theory == [("", ["c00", "c01", "c02", "c03", "c04"])]


# --- periods: deadlines, lateness, never dissolved while a period fits --------------------------------

DUE_IN_PERIOD_2 = dt.date(2027, 2, 15)  # periods from PLAN_START: 1 is 2027-01, 2 is 2027-02


def deadline_case(deadline: dt.date | None) -> Plan:
    """Unit 甲 (9 cadres): classes a (c00-c02, 95) and b (c03-c05, 94) go first, to periods 1 and 2; class c
    (c06-c08, an obligation of 90 due by deadline) then finds most room for the unit in periods 3 and 4."""
    cadres = [plan_cadre(i) for i in range(9)]
    needs = [plan_need(c, "a", 95.0) for c in cadres[:3]] + [plan_need(c, "b", 94.0) for c in cadres[3:6]]
    needs += [plan_obligation(c, "c", 90.0, deadline) for c in cadres[6:]]
    return plan_of(needs, cadres, plan_config(max_size=5), periods=4)


def test_a_class_goes_to_a_period_before_its_members_deadline_when_one_is_free() -> None:
    free = {c.topic_id: c.period for c in deadline_case(None).classes}
    assert free == {"a": 1, "b": 2, "c": 3}  # by room alone, c would wait for period 3
    plan = deadline_case(DUE_IN_PERIOD_2)
    c = next(cls for cls in plan.classes if cls.topic_id == "c")
    assert c.period in (1, 2)
    assert c.late == 0
    assert c.start_date == {1: dt.date(2027, 1, 4), 2: dt.date(2027, 2, 1)}[c.period] and c.start_date <= DUE_IN_PERIOD_2


def test_late_counts_the_members_past_their_deadline_when_no_earlier_period_fits() -> None:
    # c00-c02 sit in the class of obligation a (200) in period 1, where it is on time for c00 and c01 and late for
    # c02 (overdue before the plan starts); their obligation c (150), due in period 1 for c00 and c01, due later for
    # c02, can only go to period 2
    cadres = [plan_cadre(i) for i in range(3)]
    due_soon = dt.date(2027, 1, 20)
    needs = [plan_obligation(c, "a", 200.0, due) for c, due in zip(cadres, [due_soon, due_soon, dt.date(2026, 6, 30)],
                                                                  strict=True)]
    needs += [plan_obligation(cadres[0], "c", 150.0, due_soon), plan_obligation(cadres[1], "c", 150.0, due_soon),
              plan_obligation(cadres[2], "c", 150.0, dt.date(2027, 6, 30))]
    plan = plan_of(needs, cadres, periods=3)
    by_topic = {c.topic_id: c for c in plan.classes}
    assert by_topic["a"].period == 1 and by_topic["a"].late == 1
    assert by_topic["c"].period == 2 and by_topic["c"].late == 2
    assert by_topic["c"].start_date == dt.date(2027, 2, 1) and by_topic["c"].end_date == dt.date(2027, 2, 2)


def test_an_overdue_class_leaves_its_cadres_the_period_their_next_obligation_is_on_time_in() -> None:
    """c00-c02 are overdue for a (200: late wherever its class runs); c00 and c01 owe c by 2027-01-20, which only
    January's class meets. The class of a, placed first, takes February: all of c on time, a no later than it was."""
    cadres = [plan_cadre(i) for i in range(3)]
    due_soon = dt.date(2027, 1, 20)
    needs = [plan_obligation(c, "a", 200.0, dt.date(2026, 6, 30)) for c in cadres]
    needs += [plan_obligation(cadres[0], "c", 150.0, due_soon), plan_obligation(cadres[1], "c", 150.0, due_soon),
              plan_obligation(cadres[2], "c", 150.0, dt.date(2027, 6, 30))]
    plan = plan_of(needs, cadres, periods=3)
    assert sorted((c.topic_id, c.period, c.late) for c in plan.classes) == [("a", 2, 3), ("c", 1, 0)]


def test_overdue_classes_leave_a_unit_the_months_its_rotation_due_is_on_time_in() -> None:
    """A unit of 10, 2 away at once. Six cadres are overdue for rotation a (200), two owe rotation b by 2027-03-31
    (150). The six, placed first, took January to March two by two, and b went to April, late for both; now the
    third class of a takes April and b March, on time. Every obligation is served as before."""
    cadres = [plan_cadre(i) for i in range(10)]
    needs = [plan_obligation(c, "a", 200.0, dt.date(2026, 9, 30)) for c in cadres[2:8]]
    needs += [plan_obligation(c, "b", 150.0, dt.date(2027, 3, 31)) for c in cadres[:2]]
    plan = plan_of(needs, cadres, plan_config(min_size=2, max_size=6, unit_away_share=0.2), periods=12)
    assert sorted((c.period, c.topic_id, c.late) for c in plan.classes) == [
        (1, "a", 2), (2, "a", 2), (3, "b", 0), (4, "a", 2)]
    assert plan.unmet == []


def test_an_overdue_class_keeps_the_period_it_needs_from_a_class_due_later() -> None:
    """A unit of 13, 5 away at once, over two months: five cadres overdue for a (200), eight owing b by 2027-02-28
    (150). Both months meet b's deadline. Placing the class of b first for its deadline (and its second class of
    three in the other month) left a no month with room for a class: 8 served. a takes January and b February: 10
    served, the first duty, with three of b too many for the unit's share then."""
    cadres = [plan_cadre(i) for i in range(13)]
    needs = [plan_obligation(c, "a", 200.0, dt.date(2026, 9, 30)) for c in cadres[:5]]
    needs += [plan_obligation(c, "b", 150.0, dt.date(2027, 2, 28)) for c in cadres[5:]]
    plan = plan_of(needs, cadres, plan_config(min_size=3, max_size=8, unit_away_share=0.4), periods=2)
    assert sorted((c.topic_id, c.period, c.size, c.late) for c in plan.classes) == [("a", 1, 5, 5), ("b", 2, 5, 0)]
    assert len(plan.assignments) == 10


def test_a_class_is_not_dissolved_while_another_period_keeps_its_minimum() -> None:
    # unit 甲: e00-e04 (class a, 99) go first, to period 1; c00, c01 and 乙's x (class b, 98) then to
    # period 2, where 甲 has fewer away. Class c (c00-c03, 90, minimum 3) has most room for 甲 in period
    # 2, but c00 and c01 sit in b then, leaving 2: in period 1 all four fit
    extra = [plan_cadre(10 + i) for i in range(5)]
    four = [plan_cadre(i) for i in range(4)]
    other = plan_cadre(20, unit="乙单位")
    needs = [plan_need(c, "a", 99.0) for c in extra]
    needs += [plan_need(c, "b", 98.0) for c in (four[0], four[1], other)]
    needs += [plan_need(c, "c", 90.0) for c in four]
    plan = plan_of(needs, [*extra, *four, other], plan_config(min_size=3, max_size=6), periods=2)
    by_topic = {c.topic_id: c for c in plan.classes}
    assert (by_topic["a"].period, by_topic["b"].period) == (1, 2)
    assert by_topic["c"].period == 1
    assert by_topic["c"].members == ["c00", "c01", "c02", "c03"]
    assert plan.unmet == []


def test_a_class_starts_on_the_first_working_day_of_its_month() -> None:
    """2027-01-01 is New Year's Day (a Friday): the class of period 1 starts on Monday the 4th; 2027-02-01 and
    2027-03-01 are Mondays."""
    cadres = [plan_cadre(i) for i in range(2)]
    needs = [plan_need(c, t, p) for c in cadres for t, p in (("a", 90), ("b", 80), ("c", 70))]
    plan = plan_of(needs, cadres, plan_config(max_per_cadre=3), periods=3)
    assert sorted((c.period, c.start_date) for c in plan.classes) == [
        (1, dt.date(2027, 1, 4)), (2, dt.date(2027, 2, 1)), (3, dt.date(2027, 3, 1))]


@pytest.mark.parametrize(("fixed", "holidays", "starts"), [
    ([], [], [dt.date(2027, 1, 1), dt.date(2027, 2, 1), dt.date(2027, 3, 1)]),  # weekends alone: Jan 1 is a Friday
    # the office's days add to the fixed ones
    (None, ["2027-02-01", "2027-02-02"], [dt.date(2027, 1, 4), dt.date(2027, 2, 3), dt.date(2027, 3, 1)]),
])
def test_the_holidays_an_office_lists_are_no_class_s_first_day(fixed: list[str] | None, holidays: list[str],
                                                                  starts: list[dt.date]) -> None:
    """The Spring Festival changes from year to year: an office lists its days (YYYY-MM-DD) in holidays, beside the
    fixed ones (fixed_holidays, which it may also change)."""
    cadres = [plan_cadre(i) for i in range(2)]
    needs = [plan_need(c, t, p) for c in cadres for t, p in (("a", 90), ("b", 80), ("c", 70))]
    given = {"holidays": holidays} if fixed is None else {"holidays": holidays, "fixed_holidays": fixed}
    plan = plan_of(needs, cadres, plan_config(max_per_cadre=3, **given), periods=3)
    assert sorted(c.start_date for c in plan.classes) == starts


def test_a_long_class_starts_early_enough_to_end_within_its_month() -> None:
    """A 30-day class (180 hours) from 2027-01-04 would end on 2027-02-02, into the next period, where its members sit
    in another class: it starts on the last day from which it ends by 31 January. Friday the 1st is New Year's Day
    and Saturday the 2nd no working day, so the Saturday, a weekend day but no public holiday."""
    cadres = [plan_cadre(i) for i in range(2)]
    needs = [plan_need(c, t, p) for c in cadres for t, p in (("a", 90), ("b", 80))]
    plan = plan_of(needs, cadres, plan_config(), periods=2, hours={"a": 180.0})
    long = next(c for c in plan.classes if c.topic_id == "a")
    assert long.days == 30
    after = next(c for c in plan.classes if c.period == long.period + 1)
    assert long.end_date < after.start_date
    assert (long.start_date, long.end_date) == (dt.date(2027, 1, 2), dt.date(2027, 1, 31))
    assert not [p for p in plan.problems if p.code == "class-on-holiday"]


def _one_class(start: dt.date, hours: float, lang: str = "zh") -> Plan:
    """A class of topic a of so many hours, in the one period of a plan from start."""
    cadres = [plan_cadre(i) for i in range(2)]
    return form_classes([plan_need(c, "a") for c in cadres], cadres, plan_catalog({"a": hours}), plan_config(), [],
                        start, 1, lang)


def test_a_class_that_fits_its_month_only_from_a_holiday_starts_then_with_a_warning() -> None:
    """A 28-day class in October 2027: only a start by the 4th ends it within October, and the 1st to the 7th are
    国庆节. It starts on the 1st, the office told so, rather than running into November."""
    plan = _one_class(dt.date(2027, 10, 1), 168.0)
    [cls] = plan.classes
    assert (cls.start_date, cls.end_date) == (dt.date(2027, 10, 1), dt.date(2027, 10, 28))
    [warning] = [p for p in plan.problems if p.code == "class-on-holiday"]
    assert warning.severity == "warning"
    assert warning.message == (f"班次 C001「{cls.name}」于节假日 2027-10-01 开班：该班 28 天，本月没有别的非节假日能让它在月内"
                               "结束；可调整到其他月份，或减少该主题的学时，或核对配置中的节假日（fixed_holidays、holidays）")
    english = _one_class(dt.date(2027, 10, 1), 168.0, "en")
    assert [p.message for p in english.problems if p.code == "class-on-holiday"] == [
        f'class C001 "{english.classes[0].name}" starts on 2027-10-01, a public holiday: no other day of its month lets '
        "its 28 days end within the month; move it to another month, give its topic fewer hours, or check the "
        "holidays of the config (fixed_holidays, holidays)"]


def test_a_class_longer_than_its_month_starts_on_its_first_working_day() -> None:
    """35 days in May 2027 cannot end within May: the class starts on the 4th (Saturday the 1st to Monday the 3rd
    are 劳动节 and a Sunday), as a class that fits would."""
    [cls] = _one_class(dt.date(2027, 5, 1), 210.0).classes
    assert (cls.days, cls.start_date) == (35, dt.date(2027, 5, 4))


def test_a_short_class_holds_its_days_on_working_days() -> None:
    """3 days (18 hours) from Thursday 2027-04-01 are Thursday, Friday and Monday: it ends on 04-05, not on Saturday
    04-03 with a day of lessons short; 12 days are 12 working days, to Friday 04-16. 30 days run on as consecutive
    days, their weekends off (a class of more days than [classes] working_days_up_to, 16: a month's course). A class
    meeting on rest days holds its 3 days Thursday to Saturday."""
    [short] = _one_class(dt.date(2027, 4, 1), 18.0).classes
    assert (short.days, short.start_date, short.end_date) == (3, dt.date(2027, 4, 1), dt.date(2027, 4, 5))
    [twelve] = _one_class(dt.date(2027, 4, 1), 72.0).classes
    assert (twelve.days, twelve.start_date, twelve.end_date) == (12, dt.date(2027, 4, 1), dt.date(2027, 4, 16))
    [long] = _one_class(dt.date(2027, 4, 1), 180.0).classes
    assert (long.days, long.start_date, long.end_date) == (30, dt.date(2027, 4, 1), dt.date(2027, 4, 30))
    cadres = [plan_cadre(i) for i in range(2)]
    every_day = form_classes([plan_need(c, "a") for c in cadres], cadres, plan_catalog({"a": 18.0}),
                             plan_config(meets_on_rest_days=True), [], dt.date(2027, 4, 1), 1, "zh")
    assert [(c.start_date, c.end_date) for c in every_day.classes] == [(dt.date(2027, 4, 1), dt.date(2027, 4, 3))]


def test_a_short_class_skips_public_holidays_and_is_told_where_they_take_it_past_its_month() -> None:
    """Days of lessons skip 国庆节 (10-01 to 10-07): 2 days from Thursday 2027-09-30 end on Friday 10-08, 5 days from
    Thursday 09-23 on Wednesday 09-29. A plan from Wednesday 09-29, its first period 2 days long, holds a 3-day class
    on 09-29, 09-30 and 10-08, past its month: the warning says so."""
    config = plan_config().classes
    assert config.class_end(dt.date(2027, 9, 30), 2) == dt.date(2027, 10, 8)
    assert config.class_end(dt.date(2027, 9, 23), 5) == dt.date(2027, 9, 29)
    assert config.class_end(dt.date(2027, 9, 27), 12) == dt.date(2027, 10, 19)
    assert config.class_end(dt.date(2027, 9, 27), 20) == dt.date(2027, 10, 16)  # past 16 days: consecutive days
    plan = _one_class(dt.date(2027, 9, 29), 18.0)
    [cls] = plan.classes
    assert (cls.days, cls.start_date, cls.end_date) == (3, dt.date(2027, 9, 29), dt.date(2027, 10, 8))
    assert [p.code for p in plan.problems if p.code.startswith("class-")] == ["class-over-holiday",
                                                                               "class-past-its-month"]


def test_a_make_up_working_saturday_is_a_day_of_lessons() -> None:
    """调休上班: Saturday 2027-10-09 listed in [classes] workdays is a working day, so 2 days from Friday 10-08 end on
    it, and it is no day off of a sign-in sheet; written as a clerk writes a day, it is read so."""
    config = plan_config(workdays=["2027年10月9日"]).classes
    assert config.workdays == ["2027-10-09"]
    assert not config.is_holiday(dt.date(2027, 10, 9)) and config.is_holiday(dt.date(2027, 10, 10))
    assert config.class_end(dt.date(2027, 10, 8), 2) == dt.date(2027, 10, 9)
    assert plan_config().classes.class_end(dt.date(2027, 10, 8), 2) == dt.date(2027, 10, 11)


def test_may_day_and_national_day_are_holidays_by_default() -> None:
    cfg = ClassesConfig()
    assert cfg.working_day(dt.date(2027, 5, 1)) == dt.date(2027, 5, 4)  # Saturday 1st, holidays to Monday 3rd
    assert cfg.working_day(dt.date(2027, 10, 1)) == dt.date(2027, 10, 8)
    assert cfg.working_day(dt.date(2027, 6, 1)) == dt.date(2027, 6, 1)  # a Tuesday
    every_day = ClassesConfig(fixed_holidays=[f"{m:02d}-{d:02d}" for m in range(1, 13) for d in range(1, 32)
                                              if (m, d) not in ((2, 30), (2, 31), (4, 31), (6, 31), (9, 31), (11, 31))])
    assert every_day.working_day(dt.date(2027, 6, 1)) == dt.date(2027, 6, 1)  # no working day: the day as given


def test_a_toml_date_is_read_as_a_holiday() -> None:
    assert ClassesConfig(holidays=[dt.date(2027, 2, 6)]).holidays == ["2027-02-06"]  # type: ignore[list-item]
    assert ClassesConfig(holidays=["２０２７－０２－０７", " 02-08 "]).holidays == ["2027-02-07", "02-08"]  # full-width


@pytest.mark.parametrize(("written", "read"), [
    ("2027年2月7日", "2027-02-07"), ("2027/2/7", "2027-02-07"), ("2027.2.7", "2027-02-07"), ("2027-2-7", "2027-02-07"),
    ("２０２７年２月７日", "2027-02-07"), ("2月7日", "02-07"), ("2月7号", "02-07"), ("2/7", "02-07"), ("1-1", "01-01"),
    ("2月29日", "02-29")])
def test_a_holiday_written_as_a_clerk_writes_a_day_is_read(written: str, read: str) -> None:
    """Clerks write 2027年2月7日 or 2027/2/7 as often as 2027-02-07."""
    cfg = ClassesConfig(holidays=[written])
    assert cfg.holidays == [read]
    assert cfg.is_public_holiday(dt.date(2027 if read[:4] == "2027" else 2028, int(read[-5:-3]), int(read[-2:])))


@pytest.mark.parametrize("day", ["13-01", "2027-02-30", "2027年2月30日", "2月", "元旦", "W05-6", "2027-W05-6", "10 01",
                                 "2027年13月1日"])
def test_a_holiday_that_is_no_day_is_refused_saying_how_to_write_one(day: str) -> None:
    with pytest.raises(ValueError, match=f"'{day}' is not a day: write MM-DD"):  # quoted as written
        ClassesConfig(holidays=[day])


@pytest.mark.parametrize("day", ["2027-10-11", "10-09", "2027-13-01"])
def test_a_make_up_working_day_is_a_weekend_day_of_one_year(day: str) -> None:
    """A weekday (Monday 2027-10-11) is a working day anyway, 10-09 names no year's notice, and 2027-13-01 no day:
    each refused, in the office's words, asking for a weekend day of a year (not an MM-DD as holidays take)."""
    from needscli.errors import NeedsError
    from needscli.io.config_file import config_from_data
    from needscli.wording import in_chinese

    with pytest.raises(ValueError, match=f"'{day}' is no Saturday or Sunday of a year"):
        ClassesConfig(workdays=[day])
    with pytest.raises(NeedsError) as raised:
        config_from_data({"classes": {"workdays": [day]}}, "c.toml")
    assert in_chinese(str(raised.value)) == (
        f"c.toml：classes.workdays：「{day}」不是某年的周六或周日：调休上班的日子请写作 YYYY-MM-DD（如 2027-10-09）")


def test_a_month_of_holidays_alone_keeps_its_class_within_it() -> None:
    """Every day of December 2026 listed as a holiday, a plan of that month alone: its class is dated from 12-01
    on days in a row with a class-on-holiday warning, not from 2027-01-04 into the next month's classes; a list of
    every day of a year dates a class's days in a row rather than a year on."""
    every_day = [f"2026-12-{d:02d}" for d in range(1, 32)]
    cadres = [plan_cadre(i) for i in range(2)]
    plan = form_classes([plan_need(c, "a") for c in cadres], cadres, plan_catalog({"a": 12.0}),
                        plan_config(holidays=every_day), [], dt.date(2026, 12, 1), 1)
    [cls] = plan.classes
    assert (cls.start_date, cls.end_date) == (dt.date(2026, 12, 1), dt.date(2026, 12, 2))
    assert "class-on-holiday" in [p.code for p in plan.problems]
    year = plan_config(holidays=[f"{d:%Y-%m-%d}" for d in (dt.date(2027, 1, 1) + dt.timedelta(days=n)
                                                              for n in range(400))]).classes
    assert year.class_end(dt.date(2027, 1, 1), 3) == dt.date(2027, 1, 3)


def test_a_day_both_a_holiday_and_a_working_day_is_refused() -> None:
    from needscli.errors import NeedsError
    from needscli.io.config_file import config_from_data
    from needscli.wording import in_chinese

    with pytest.raises(NeedsError) as raised:
        config_from_data({"classes": {"holidays": ["2027-02-06"], "workdays": ["2027-02-06"]}}, "c.toml")
    assert in_chinese(str(raised.value)) == (
        "c.toml：classes.workdays：「2027-02-06」也写在了节假日中：一天只能是节假日或调休上班日之一")
    with pytest.raises(ValueError, match="'2027-10-02' is among the holidays too"):  # 国庆节, a fixed holiday
        ClassesConfig(workdays=["2027-10-02"])


@pytest.mark.parametrize("day", ["2027年2/7", "2027/2.7", "2027-2月7日", "2027.2/7", "2/7日", "2027-02/07"])
def test_a_holiday_written_two_ways_at_once_is_refused_as_any_unreadable_day(day: str) -> None:
    """2027年2/7 may be a slip of the pen: the office is asked to write it one way, in the words every unreadable
    holiday gets."""
    with pytest.raises(ValueError) as mixed:
        ClassesConfig(holidays=[day])
    with pytest.raises(ValueError) as unreadable:
        ClassesConfig(holidays=["元旦"])
    assert str(mixed.value).replace(day, "元旦") == str(unreadable.value)


@pytest.mark.parametrize("grade", [True, False])
def test_every_theory_seat_serves_the_whole_core(grade: bool) -> None:
    plan = theory_case(grade)
    for cls in (c for c in plan.classes if c.topic_id == "theory-core-class"):
        for member in cls.members:
            assert {a.topic_id for a in plan.assignments if a.cadre_id == member and a.class_id == cls.id} == set(CORE)


def test_a_re_plan_reports_the_holiday_warning_of_its_own_classes_only() -> None:
    """needscli classes re-forms the plan of a saved analysis: a class-on-holiday warning of the earlier plan goes,
    the new plan's comes (one each, however many times it is re-formed)."""
    analysis = pipeline_analyze([SAMPLES], Config(), as_of=dt.date(2026, 11, 1))[0]
    earlier = Problem(code="class-on-holiday", message="班次 C009 于节假日 2027-10-01 开班", severity="warning")
    analysis.problems.append(earlier)
    plan = plan_classes(analysis)
    assert not [p for p in plan.problems if p.code == "class-on-holiday"]
    assert earlier not in with_plan_problems(analysis, plan).problems
    october = _one_class(dt.date(2027, 10, 1), 168.0)
    again = with_plan_problems(with_plan_problems(analysis, october), october)
    assert [p.code for p in again.problems].count("class-on-holiday") == 1


def test_a_class_goes_to_a_month_long_enough_for_its_days_where_one_is_as_good() -> None:
    """A 30-day class in a plan of February and March 2027: February (28 days) would run it into March, where its
    members may sit in another class; it goes to March, which holds it."""
    cadres = [plan_cadre(i) for i in range(2)]
    plan = form_classes([plan_need(c, "a") for c in cadres], cadres, plan_catalog({"a": 180.0}), plan_config(), [],
                        dt.date(2027, 2, 1), 2, "zh")
    [cls] = plan.classes
    assert (cls.period, cls.start_date, cls.end_date) == (2, dt.date(2027, 3, 1), dt.date(2027, 3, 30))


def test_a_class_that_must_run_into_the_next_month_is_said_to() -> None:
    """A plan of February 2027 alone: the 30-day class runs 1 February to 2 March, and the office is told."""
    plan = _one_class(dt.date(2027, 2, 1), 180.0)
    [cls] = plan.classes
    assert (cls.start_date, cls.end_date) == (dt.date(2027, 2, 1), dt.date(2027, 3, 2))
    [warning] = [p for p in plan.problems if p.code == "class-past-its-month"]
    assert warning.message == (f"班次 C001「{cls.name}」2027-02-01 至 2027-03-02，共 30 天，超出本月，学员此后的班次可能与之"
                               "时间重叠；可调整到天数足够的月份，或减少该主题的学时")
    assert not [p for p in _one_class(dt.date(2027, 3, 1), 180.0).problems if p.code == "class-past-its-month"]


def test_a_class_goes_to_a_month_it_can_start_on_a_working_day_where_one_does_as_well() -> None:
    """A 31-day class in a plan of January to March 2027: January holds it only from New Year's Day, February not
    at all; it goes to March, from Monday the 1st, with no warning."""
    cadres = [plan_cadre(i) for i in range(2)]
    plan = form_classes([plan_need(c, "a") for c in cadres], cadres, plan_catalog({"a": 186.0}), plan_config(), [],
                        dt.date(2027, 1, 1), 3, "zh")
    [cls] = plan.classes
    assert (cls.days, cls.period, cls.start_date, cls.end_date) == (31, 3, dt.date(2027, 3, 1), dt.date(2027, 3, 31))
    assert not [p for p in plan.problems if p.code in ("class-on-holiday", "class-past-its-month")]


SPRING_FESTIVAL_2027 = [f"2027-02-{d:02d}" for d in range(5, 12)]  # the State Council's notice: 5 to 11 February


def _twelve_days(start: dt.date, periods: int, **classes: object) -> Plan:
    """A class of topic a of 72 hours (12 days at 6 a day), of 2 cadres, in a plan of so many periods from start."""
    cadres = [plan_cadre(i) for i in range(2)]
    return form_classes([plan_need(c, "a") for c in cadres], cadres, plan_catalog({"a": 72.0}),
                        plan_config(**classes), [], start, periods)


def test_a_class_is_placed_in_a_month_it_holds_no_holiday_in() -> None:
    """A party school's registrar found a 12-day class dated 2027-02-01 to 02-12, over the Spring Festival the office
    listed, while March was free. A month where a public holiday falls within a class's days is placed last: March,
    its 12 days of lessons to Tuesday 03-16."""
    assert _twelve_days(dt.date(2027, 2, 1), 2).classes[0].period == 1  # the earliest, where no holiday is listed
    plan = _twelve_days(dt.date(2027, 2, 1), 2, holidays=SPRING_FESTIVAL_2027)
    [cls] = plan.classes
    assert (cls.period, cls.start_date, cls.end_date) == (2, dt.date(2027, 3, 1), dt.date(2027, 3, 16))
    assert not [p for p in plan.problems if p.code == "class-over-holiday"]


def test_a_class_over_a_holiday_no_month_avoids_is_warned_of() -> None:
    """With February the only month, the class runs over the Spring Festival (its 12 days of lessons to 02-23, the
    festival between), and the office is told which days."""
    plan = _twelve_days(dt.date(2027, 2, 1), 1, holidays=SPRING_FESTIVAL_2027)
    [cls] = plan.classes
    assert (cls.start_date, cls.end_date) == (dt.date(2027, 2, 1), dt.date(2027, 2, 23))
    [warning] = [p for p in plan.problems if p.code == "class-over-holiday"]
    assert warning.severity == "warning"
    assert warning.message == (f"班次 C001「{cls.name}」2027-02-01 至 2027-02-23，共 12 天，其间有节假日 2027-02-05 至 "
                               "2027-02-11：本计划中没有更合适的月份；可手工调整开班日期，或核对配置中的节假日"
                               "（fixed_holidays、holidays）")
    one_day = _twelve_days(dt.date(2027, 4, 1), 1, holidays=["04-05"])  # 清明节, on a Monday
    assert "其间有节假日 2027-04-05：" in next(p.message for p in one_day.problems if p.code == "class-over-holiday")


def test_a_plan_starting_within_a_month_holds_no_class_before_its_first_day() -> None:
    """--plan-start 2026-12-24 started a class on 2026-12-01, before the plan's first day: the first period runs from
    the plan's first day to its month's end."""
    cadres = [plan_cadre(i) for i in range(2)]
    plan = form_classes([plan_need(c, "a") for c in cadres], cadres, plan_catalog({"a": 6.0}), plan_config(), [],
                        dt.date(2026, 12, 24), 1)
    [cls] = plan.classes
    assert cls.start_date is not None and cls.start_date >= dt.date(2026, 12, 24)
    assert cls.start_date == dt.date(2026, 12, 24)  # a Thursday: a working day
