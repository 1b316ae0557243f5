"""Obligations left out by a unit's share of cadres away get a class where discretionary seats give way."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from builders import make_workbook, plan_cadre, plan_config, plan_need, plan_of

import needscli
from needscli.planner import placement
from needscli.planner.model import Plan

COUNTY = "甲县人民政府"
DUE = dt.date(2027, 6, 30)


def _routes(plan: Plan) -> dict[tuple[str, str], tuple[str, str]]:
    return {(a.cadre_id, a.topic_id): (a.route, a.class_id) for a in plan.assignments}


def _reasons(plan: Plan) -> dict[tuple[str, str], str]:
    return {(u.cadre_id, u.topic_id): u.reason for u in plan.unmet}


def _unit_county(n: int) -> list:
    return [plan_cadre(i, unit=COUNTY) for i in range(n)]


def _county_plan(theory_priority: float = 100.0, **classes: object) -> tuple[Plan, list[str], list[str]]:
    """A county unit of 25 (5 may be away at once): 10 entrants owe initial training (topic a, an obligation); 5
    others asked for topic b (a discretionary need). Two periods: one class of a keeps 5 of the 10 in one period,
    the class of b takes the unit's share in the other."""
    cadres = _unit_county(25)
    entrants, others = [c.id for c in cadres[:10]], [c.id for c in cadres[10:15]]
    needs = [*(plan_need(c, "a", 150.0, source="obligation", deadline=DUE) for c in cadres[:10]),
             *(plan_need(c, "b", theory_priority) for c in cadres[10:15])]
    settings = {"min_size": 5, "max_size": 50, "unit_away_share": 0.2, **classes}
    return plan_of(needs, cadres, plan_config(**settings), periods=2), entrants, others


def _no_forming_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """A round forms no class again of the obligations a placed class left out: as when the classes of lower
    priority took their units' places in a round before theirs (placement._form_again, tested on its own below)."""
    monkeypatch.setattr(placement, "_form_again", lambda board, cls, out: ([], out))


def test_the_obligations_a_units_share_left_out_form_a_class_again_before_a_lower_class() -> None:
    """The 5 entrants the county's share (5 away at once) leaves out of the first class of a form a class of their
    own in the other period at once, before the class of b (a discretionary need) takes it: b finds the share full."""
    plan, entrants, others = _county_plan()
    assert all(_routes(plan).get((c, "a"), ("", ""))[0] == "class" for c in entrants)
    assert sorted((c.period, c.size, c.late) for c in plan.classes if c.topic_id == "a") == [(1, 5, 0), (2, 5, 0)]
    assert not [c for c in plan.classes if c.topic_id == "b"]
    assert all(_reasons(plan)[(c, "b")].startswith("无可用时段：本单位同期离岗人数已达上限 5 人") for c in others)


def test_initial_training_of_a_small_unit_runs_in_as_many_classes_as_its_share_needs_within_the_probations() -> None:
    """A unit of 10 (2 away at once) with 7 recruits, whose probations end from February to July, and a theory class
    for all 10: the initial training runs in four classes of the first months, each recruit's ending before the
    probation does; the theory class's months come after. Before, the theory classes took the months between, and
    recruits were placed in May for a probation ending May 1."""
    unit = "乙镇人民政府"
    cadres = [plan_cadre(i, unit=unit) for i in range(10)]
    dues = [dt.date(2027, 2, 1), dt.date(2027, 3, 1), dt.date(2027, 3, 1), dt.date(2027, 5, 1), dt.date(2027, 5, 1),
            dt.date(2027, 7, 1), dt.date(2027, 7, 1)]
    needs = [*(plan_need(c, "a", 160.0, source="obligation", deadline=due) for c, due in zip(cadres, dues, strict=False)),
             *(plan_need(c, "b", 100.0) for c in cadres)]
    plan = plan_of(needs, cadres, plan_config(min_size=1, max_size=50, unit_away_share=0.2), periods=12)
    classes_of_a = [c for c in plan.classes if c.topic_id == "a"]
    assert sum(c.size for c in classes_of_a) == 7 and all(c.late == 0 for c in classes_of_a)
    ends = {m: c.end_date for c in classes_of_a for m in c.members}
    assert all(ends[c.id] <= due for c, due in zip(cadres, dues, strict=False))


def test_a_discretionary_class_gives_the_units_share_to_its_obligations(monkeypatch: pytest.MonkeyPatch) -> None:
    _no_forming_again(monkeypatch)
    plan, entrants, others = _county_plan()
    served = _routes(plan)
    assert all(served.get((c, "a"), ("", ""))[0] == "class" for c in entrants)
    classes_of_a = [c for c in plan.classes if c.topic_id == "a"]
    assert sorted(c.size for c in classes_of_a) == [5, 5] and {c.period for c in classes_of_a} == {1, 2}
    assert not [c for c in plan.classes if c.topic_id == "b"]  # cancelled: it held the unit's share
    for cadre in others:
        assert _reasons(plan)[(cadre, "b")].startswith("所在班次已取消，让本单位干部的必训任务在该时段")
    # the unit's share holds in every period
    away = Counter(c.period for c in plan.classes for _ in c.members)
    assert max(away.values()) <= 5


def test_a_class_that_keeps_its_minimum_gives_seats_way_and_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """The class of b has 5 of the county's and 8 of another county unit of 40: 3 of the county's seats in it give
    way to the 3 entrants the unit's share left out (a class of a needs 3 here), and it runs with 10."""
    _no_forming_again(monkeypatch)
    cadres = [*_unit_county(25), *(plan_cadre(i, unit="乙县财政局") for i in range(30, 70))]
    county = cadres[:25]
    needs = [*(plan_need(c, "a", 150.0, source="obligation", deadline=DUE) for c in county[:8]),
             *(plan_need(c, "b", 60.0) for c in [*county[10:15], *cadres[25:33]])]
    plan = plan_of(needs, cadres, plan_config(min_size=3, max_size=50, unit_away_share=0.2), periods=2)
    served = _routes(plan)
    assert sum(served.get((c.id, "a"), ("", ""))[0] == "class" for c in county[:8]) == 8
    (of_b,) = [c for c in plan.classes if c.topic_id == "b"]
    assert of_b.size == 10  # 8 of 乙县财政局 and 2 of the county: 3 gave way
    gave = [c.id for c in county[10:15] if (c.id, "b") in _reasons(plan)]
    assert len(gave) == 3
    assert all(_reasons(plan)[(c, "b")].startswith("席位让给了本单位同期一名干部的必训任务") for c in gave)


def test_an_obligation_never_takes_a_seat_of_another_obligation() -> None:
    """The class in the other period serves obligations too (topic b, another kind of compulsory training): it
    gives no seat, and the five entrants the share left out stay unmet, saying why."""
    cadres = _unit_county(25)
    needs = [*(plan_need(c, "a", 150.0, source="obligation", deadline=DUE) for c in cadres[:10]),
             *(plan_need(c, "b", 150.0, source="obligation", deadline=DUE) for c in cadres[10:15])]
    plan = plan_of(needs, cadres, plan_config(min_size=5, max_size=50, unit_away_share=0.2), periods=2)
    assert sorted(c.topic_id for c in plan.classes) == ["a", "b"]
    unmet = [c.id for c in cadres[:10] if (c.id, "a") in _reasons(plan)]
    assert len(unmet) == 5
    assert all(_reasons(plan)[(c, "a")].startswith("无可用时段：本单位同期离岗人数已达上限 5 人") for c in unmet)


def test_a_higher_discretionary_need_keeps_its_class() -> None:
    """A seat gives way only to an obligation of higher priority: a discretionary need ranked above the entrants'
    keeps its class."""
    plan, entrants, _ = _county_plan(theory_priority=170.0)
    assert [c.size for c in plan.classes if c.topic_id == "b"] == [5]
    assert sum((c, "a") in _reasons(plan) for c in entrants) == 5


def test_a_seat_gives_way_only_to_an_obligation_above_it_not_to_the_highest_of_its_group() -> None:
    """c11's need of 190 sits in the class of c; c20's obligation of 150 (its unit's one place taken by c11) waits with
    two overdue obligations of 200: c11 keeps its seat, which the 200 of the others does not lend to c20."""
    pt, gm = "专业技术类", "综合管理类"
    cadres = {i: plan_cadre(i, unit=unit, level=level, family=family) for i, unit, level, family in [
        (4, "城关镇", "一级科员", pt), (9, "乙县财政局", "乡科级副职", pt), (11, COUNTY, "一级科员", pt),
        (18, "城关镇", "乡科级副职", gm), (20, COUNTY, "乡科级副职", gm)]}
    due = dt.date(2027, 1, 15)
    needs = [plan_need(cadres[4], "c", 150.0, source="obligation"),
             plan_need(cadres[9], "c", 200.0, source="obligation", deadline=due), plan_need(cadres[11], "c", 190.0),
             plan_need(cadres[18], "c", 200.0, source="obligation", deadline=due),
             plan_need(cadres[20], "c", 150.0, source="obligation")]
    plan = plan_of(needs, list(cadres.values()), plan_config(min_size=2, max_size=8, unit_away_share=0.2), periods=1)
    assert _routes(plan)[("c11", "c")][0] == "class"
    assert _reasons(plan)[("c20", "c")].startswith("无可用时段：本单位同期离岗人数已达上限 1 人")


def test_the_members_of_other_units_of_a_class_cancelled_are_told_whose_obligations_took_its_period(
        monkeypatch: pytest.MonkeyPatch) -> None:
    _no_forming_again(monkeypatch)
    cadres = [*_unit_county(25), *(plan_cadre(i, unit="乙县财政局") for i in range(30, 70))]
    needs = [*(plan_need(c, "a", 150.0, source="obligation", deadline=DUE) for c in cadres[:10]),
             *(plan_need(c, "b", 100.0) for c in [*cadres[10:15], *cadres[25:27]])]
    plan = plan_of(needs, cadres, plan_config(min_size=5, max_size=50, unit_away_share=0.2), periods=2)
    assert sorted(c.size for c in plan.classes if c.topic_id == "a") == [5, 5]
    reasons = _reasons(plan)
    assert all(reasons[(c.id, "b")].startswith("所在班次已取消，让本单位干部的必训任务") for c in cadres[10:15])
    assert all(reasons[(c.id, "b")] == "所在班次已取消，该时段让给了其他单位干部的必训任务，同类其他班次也无空位；增加时段（periods）可能安排"
               for c in cadres[25:27])


def test_of_equal_priorities_the_obligation_due_sooner_takes_the_units_place() -> None:
    """A county unit of 5 may send 1 at a time. Its two entrants owe initial training at the same priority: c00, first
    on the roster, by September; c01 by the end of January. The January class takes c01, whose probation ends first;
    c00 goes in February, still in time."""
    county = [plan_cadre(i, unit=COUNTY) for i in range(5)]
    others = [plan_cadre(i, unit="乙县财政局") for i in range(10, 12)]
    needs = [plan_need(county[0], "a", 150.0, source="obligation", deadline=dt.date(2027, 9, 1)),
             plan_need(county[1], "a", 150.0, source="obligation", deadline=dt.date(2027, 1, 31)),
             *(plan_need(c, "a", 150.0, source="obligation", deadline=dt.date(2027, 1, 31)) for c in others)]
    plan = plan_of(needs, [*county, *others], plan_config(min_size=2, max_size=4, unit_away_share=0.2,
                                                          max_days_away=40.0), periods=2)
    period = {m: c.period for c in plan.classes for m in c.members}
    assert (period["c01"], period["c00"]) == (1, 2)
    assert [c.late for c in plan.classes if c.period == 1] == [0]


def test_a_leaders_own_discretionary_seats_give_way_to_his_appointment_training(tmp_path: Path) -> None:
    """A bureau of 100 (20 away at once) with 40 deputy directors appointed this year, 2 call-ups a leader. The
    appointment class kept 20 in its period; the other 20 were called up to a theory class and a post need's class in
    its place, their call-ups taken, and were left without their appointment training while months stood empty. Now
    a seat of theirs of a lower need gives way, and a second appointment class runs: all 40 are served."""
    header = ["编号", "姓名", "单位", "管理权限", "现任职务", "职级", "任现职时间", "参加工作时间", "本年度学时",
              "五年累计学时", "本年度网络学时"]
    rows = [[f"L{i:03d}", f"领导{i}", "市财政局", "市委管理", "副局长", "县处级副职", f"2026-0{1 + i % 9}-01",
             "1995-01-01", 90, 550, 50] for i in range(40)]
    rows += [[f"S{i:03d}", f"科员{i}", "市财政局", "市委管理", "科员", "一级主任科员", None, "2005-01-01", 90, None, 50]
             for i in range(60)]
    analysis = needscli.analyze(make_workbook(tmp_path, {"花名册": [header, *rows]}), as_of="2026-11-01")
    plan = needscli.plan(analysis)
    seated = {(a.cadre_id, a.topic_id): a.route for a in plan.assignments}
    assert [seated.get((f"L{i:03d}", "appointment-county")) for i in range(40)] == ["class"] * 40
    assert sorted(c.size for c in plan.classes if c.topic_id == "appointment-county") == [20, 20]
    leaders = Counter(m for c in plan.classes for m in c.members if m.startswith("L"))
    assert max(leaders.values()) <= analysis.config.classes.leader_max_callups
    away = Counter(c.period for c in plan.classes for _ in c.members)
    assert max(away.values()) <= 20


def test_an_obligations_class_too_small_takes_seats_of_its_course_from_another_period() -> None:
    """A unit of 50 (10 away at once) with 15 appointees: the class of a keeps 10 in its period, and the 5 left are
    too few for a class of 6. One seat of the first class moves to theirs (it keeps its 6): 9 and 6, all 15 served."""
    cadres = [plan_cadre(i, unit=COUNTY) for i in range(50)]
    owing = cadres[:15]
    needs = [plan_need(c, "a", 150.0, source="obligation", deadline=DUE) for c in owing]
    plan = plan_of(needs, cadres, plan_config(min_size=6, max_size=50, unit_away_share=0.2), periods=3)
    served = _routes(plan)
    assert [served.get((c.id, "a"), ("", ""))[0] for c in owing] == ["class"] * 15
    classes = [c for c in plan.classes if c.topic_id == "a"]
    assert sorted(c.size for c in classes) == [6, 9] and len({c.period for c in classes}) == 2
    assert not plan.unmet


def test_a_group_too_small_takes_seats_of_members_already_late_where_none_would_be_on_time() -> None:
    """8 of a unit of 30 (6 away at once) are overdue for a course (their deadline before the plan): a class of 6 in
    the first period, 2 too few for a class of their own (4). 2 of the first class, late there already, move to the
    second period's class with them: all 8 trained, where the move was refused as making them late."""
    cadres = [plan_cadre(i, unit=COUNTY) for i in range(30)]
    overdue = dt.date(2026, 6, 30)
    needs = [plan_need(c, "a", 200.0, source="obligation", deadline=overdue) for c in cadres[:8]]
    plan = plan_of(needs, cadres, plan_config(min_size=4, max_size=50, unit_away_share=0.2), periods=2)
    assert sorted((c.period, c.size, c.late) for c in plan.classes) == [(1, 4, 4), (2, 4, 4)]
    assert not plan.unmet


def test_an_obligation_is_late_in_a_class_that_ends_after_its_deadline() -> None:
    """Training due by a day is completed by it: a class starting on the deadline and ending after it is late (the
    class's late count, the sign-in sheet's 已逾期), and a class ending by it is not."""
    cadres = [plan_cadre(i) for i in range(2)]
    first = plan_of([plan_need(cadres[0], "a", 150.0, source="obligation", deadline=dt.date(2027, 1, 4))],
                    cadres, plan_config(min_size=1), periods=1)
    (cls,) = first.classes
    assert cls.start_date == dt.date(2027, 1, 4) < cls.end_date and cls.late == 1
    on_time = plan_of([plan_need(cadres[0], "a", 150.0, source="obligation", deadline=cls.end_date)],
                      cadres, plan_config(min_size=1), periods=1)
    assert [c.late for c in on_time.classes] == [0]


def test_a_member_due_within_the_first_class_s_days_keeps_its_class_in_that_period() -> None:
    """c02's a is due 2027-01-12, within January's class (01-04 to 01-15): late there, later still in February. The
    class goes in January, where c02 is least late, though February has more room (a class of b placed first holds
    two of the unit's places in January); it went to February, a month later, when the room decided between them."""
    cadres = [plan_cadre(i, unit=COUNTY) for i in range(10)]
    needs = [plan_need(cadres[0], "b", 300.0), plan_need(cadres[1], "b", 300.0),
             plan_need(cadres[2], "a", 160.0, source="obligation", deadline=dt.date(2027, 1, 12)),
             plan_need(cadres[3], "a", 60.0), plan_need(cadres[4], "a", 60.0)]
    plan = plan_of(needs, cadres, plan_config(min_size=2, max_size=10, unit_away_share=0.5), periods=2,
                   hours={"a": 60.0, "b": 12.0})
    (of_b,) = [c for c in plan.classes if c.topic_id == "b"]
    (of_a,) = [c for c in plan.classes if c.topic_id == "a"]
    assert of_b.period == 1 and (of_a.period, of_a.start_date, of_a.end_date) == (1, dt.date(2027, 1, 4),
                                                                                 dt.date(2027, 1, 15))
    assert of_a.late == 1


def test_an_obligation_too_few_in_its_round_joins_the_others_of_its_course_a_later_round_brings() -> None:
    """Four cadres owe course a (classes of exactly 4, one call-up each). c01's a, due first of its obligations, is
    tried in the first round alone; c12, c13 and c15 come to a in the second, after needs of their own found no class.
    The four form the class together; the first round's group, too few, formed none and stayed apart, two obligations
    of 200 unmet."""
    due = dt.date(2027, 11, 29)
    cadres = [plan_cadre(1, unit="乙单位", level="乡科级副职"),
              plan_cadre(12, unit="甲单位", family="专业技术类", level="县处级副职"),
              plan_cadre(13, unit="甲单位", family="专业技术类", level="乡科级副职"),
              plan_cadre(15, unit="甲县", level="县处级副职")]
    needs = [plan_need("c01", "c", 200.0, source="obligation"),
             plan_need("c01", "a", 200.0, source="obligation", deadline=due),
             plan_need("c12", "a", 40.0), plan_need("c12", "c", 100.0),
             plan_need("c13", "core-b", 60.0, "theory"), plan_need("c13", "a", 60.0),
             plan_need("c15", "b", 200.0, "on-the-job", source="obligation", deadline=due),
             plan_need("c15", "a", 200.0, source="obligation", deadline=dt.date(2028, 1, 10))]
    plan = plan_of(needs, cadres, plan_config(min_size=4, max_size=4, max_per_cadre=1), periods=1)
    assert [(c.topic_id, sorted(c.members)) for c in plan.classes] == [("a", ["c01", "c12", "c13", "c15"])]


def test_a_group_too_small_takes_seats_the_move_makes_late_where_it_would_go_untrained() -> None:
    """A unit of 50 (10 away at once) with 15 appointees due by the end of January: the class of a keeps 10 in
    January, and the 5 left are too few for a class of 6. No seat of the first class moves on time (February is past
    the deadline), and the 5 went untrained: one seat moves, made late, as serving the obligation comes first."""
    cadres = [plan_cadre(i, unit=COUNTY) for i in range(50)]
    owing = cadres[:15]
    needs = [plan_need(c, "a", 150.0, source="obligation", deadline=dt.date(2027, 1, 31)) for c in owing]
    plan = plan_of(needs, cadres, plan_config(min_size=6, max_size=50, unit_away_share=0.2), periods=2)
    assert sorted((c.period, c.size, c.late) for c in plan.classes if c.topic_id == "a") == [(1, 9, 0), (2, 6, 6)]
    assert not plan.unmet
