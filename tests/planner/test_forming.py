"""Forming classes: keys, sizes, periods, unit shares, the cap per cadre, resources, unmet reasons and improving moves."""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import math
from collections import Counter

import pytest
from builders import (
    JOB_FAMILIES,
    PLAN_CORE,
    PLAN_START,
    plan_cadre,
    plan_catalog,
    plan_config,
    plan_need,
    plan_of,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from needscli.config import Config
from needscli.core.catalog import Catalog
from needscli.core.need_columns import NeedColumns
from needscli.io.catalog_file import default_topics
from needscli.models import Assignment, Cadre, Need, Resource, UnmetNeed
from needscli.planner import Plan, form_classes, organizer_of, swap_gain
from needscli.planner.requests import DraftClass, Request, Why
from needscli.planner.unmet import reason_text

GM, PT, LE = JOB_FAMILIES
CORE = PLAN_CORE


def seats(plan: Plan) -> set[tuple[str, str]]:
    return {(a.cadre_id, a.topic_id) for a in plan.assignments}


def unmet_reasons(plan: Plan) -> dict[tuple[str, str], str]:
    return {(u.cadre_id, u.topic_id): u.reason for u in plan.unmet}


def test_the_needs_columns_a_caller_made_give_the_same_plan_and_must_be_of_the_needs() -> None:
    cadres = [plan_cadre(i, unit="甲单位" if i < 6 else "乙单位") for i in range(10)]
    needs = [plan_need(c, topic) for c in cadres for topic in ("a", "b")]
    alone = plan_of(needs, cadres)
    given = form_classes(needs, cadres, plan_catalog(), plan_config(), [], PLAN_START, cols=NeedColumns.of(needs))
    assert (given.classes, given.assignments, given.unmet) == (alone.classes, alone.assignments, alone.unmet)
    with pytest.raises(ValueError, match="columns hold 19 needs"):
        form_classes(needs, cadres, plan_catalog(), plan_config(), [], PLAN_START, cols=NeedColumns.of(needs[1:]))


# --- sizes: split, merge, below min ---------------------------------------------------------------


def test_group_above_max_splits_into_balanced_classes_spread_by_unit() -> None:
    cadres = [plan_cadre(i, unit="甲单位" if i < 6 else "乙单位") for i in range(10)]
    plan = plan_of([plan_need(c, "a") for c in cadres], cadres)
    assert sorted(c.size for c in plan.classes) == [3, 3, 4]  # ceil(10/4) = 3 classes, sizes differ by 1
    assert sorted(m for c in plan.classes for m in c.members) == [c.id for c in cadres]
    unit = {c.id: c.unit for c in cadres}
    for cls in plan.classes:
        counts = Counter(unit[m] for m in cls.members)
        assert counts["甲单位"] <= 2 and counts["乙单位"] <= 2  # 6 and 4 dealt over 3 classes


# grouping.split_group makes ceil(n / max_size) balanced classes whatever min_size is: 4 requests at min 3,
# max 3 make two classes of 2, both below the minimum, so both are dissolved (with the reason "fell below
# the minimum in every period once members busy then, or past their unit's share away, were left out",
# though no member was either) and no one
# is seated, where one class of 3 could run.
def test_a_group_above_max_but_below_twice_min_still_forms_a_class() -> None:
    cadres = [plan_cadre(i) for i in range(4)]
    plan = plan_of([plan_need(c, "a", 60 - i) for i, c in enumerate(cadres)], cadres,
                   plan_config(min_size=3, max_size=3), periods=1)
    assert [c.size for c in plan.classes] == [3]


def test_small_group_merges_with_another_job_family() -> None:
    cadres = [plan_cadre(0, family=GM), plan_cadre(1, family=GM), plan_cadre(2, family=PT)]
    plan = plan_of([plan_need(c, "a") for c in cadres], cadres, plan_config(min_size=3))
    assert [(c.job_family, c.size) for c in plan.classes] == [(f"{GM}、{PT}", 3)]
    english = form_classes([plan_need(c, "a") for c in cadres], cadres, plan_catalog(), plan_config(min_size=3), [],
                           PLAN_START, lang="en")
    assert [c.job_family for c in english.classes] == [f"{GM} / {PT}"]
    # a member without a job family is said to have none, not 未分类
    nameless = [*cadres[:2], plan_cadre(2, family="")]
    assert [c.job_family for c in plan_of([plan_need(c, "a") for c in nameless], nameless,
                                          plan_config(min_size=3)).classes] == [f"{GM}、未填职位类别"]
    # named by organizer and topic (甲单位 is a city-level unit, 市直): its target lists the families, not its name
    assert plan.classes[0].name == "市委管理主题A班（第1期）"
    one = plan_of([plan_need(c, "a") for c in cadres[:2]], cadres[:2], plan_config(min_size=2))
    assert [c.name for c in one.classes] == [f"市委管理{GM}主题A班（第1期）"]
    assert plan.unmet == []


def test_merge_never_crosses_organizers_or_training_types() -> None:
    # c00 and c01 (市直: 市委管理) differ in training type, c00 and c02 (written 县委管理, of another unit: a blank of its
    # own unit would take its colleague's) in organizer
    cadres = [plan_cadre(0), plan_cadre(1, family=PT), plan_cadre(2, unit="乙单位", managed_by="县委管理", family=PT)]
    needs = [plan_need(cadres[0], "a"), plan_need(cadres[1], "a", kind="on-the-job"), plan_need(cadres[2], "a")]
    assert {organizer_of(c, Config()) for c in cadres} == {"市委管理", "县委管理"}
    plan = plan_of(needs, cadres, plan_config(min_size=2))
    assert plan.classes == []
    assert len(plan.unmet) == 3
    # three of one organizer and one type form one class: none was left out but for its key
    alike = [plan_cadre(0), plan_cadre(1, family=PT), plan_cadre(2, family=PT)]
    plan = plan_of([plan_need(c, "a") for c in alike], alike, plan_config(min_size=2))
    assert [c.size for c in plan.classes] == [3]


def test_below_min_after_merge_is_unmet_with_the_reason() -> None:
    cadres = [plan_cadre(0, family=GM), plan_cadre(1, family=GM), plan_cadre(2, family=PT),
              plan_cadre(3, family=LE, unit="乙单位")]
    needs = [plan_need(c, "a") for c in cadres[:3]] + [plan_need(cadres[3], "b")]
    plan = plan_of(needs, cadres, plan_config(min_size=4, max_size=6))
    assert plan.classes == []
    reasons = unmet_reasons(plan)
    # each reason names the min_size at which its group would have formed a class (the merged group's size)
    no_route = "；无上级同类班次可调训，也无该主题的网络课程"
    assert reasons[("c00", "a")] == f"同类需求仅 2 人，与其他职位类别合并后仍仅 3 人，不足最小班额 4{no_route}；将最小班额（min_size）降到 3 可开班"
    assert reasons[("c02", "a")] == f"同类需求仅 1 人，与其他职位类别合并后仍仅 3 人，不足最小班额 4{no_route}；将最小班额（min_size）降到 3 可开班"
    assert reasons[("c03", "b")] == f"同类需求仅 1 人，不足最小班额 4，且无可合并的班次{no_route}；将最小班额（min_size）降到 1 可开班"
    english = unmet_reasons(plan_of(needs, cadres, plan_config(min_size=4, max_size=6), lang="en"))
    assert english[("c03", "b")] == ("only 1 cadres share this need, below the minimum class size 4, "
                                     "and no compatible class to merge with; no class of the next organizer up to "
                                     "send it to and no online course of its topic; would form a class with "
                                     "classes.min_size at 1")
    # and at that min_size it does
    lowered = plan_of(needs, cadres, plan_config(min_size=3, max_size=6))
    assert sorted((c.topic_id, c.size) for c in lowered.classes) == [("a", 3)]


# --- the per-cadre cap ----------------------------------------------------------------------------


def test_cap_highest_priority_first_and_the_freed_slot_goes_to_the_next_request() -> None:
    x, y, z = plan_cadre(0), plan_cadre(1), plan_cadre(2)
    needs = [plan_need(x, "d", 60), plan_need(x, "c", 70), plan_need(x, "b", 80), plan_need(x, "a", 90),
             plan_need(y, "a", 90), plan_need(y, "c", 70),
             plan_need(z, "a", 50), plan_need(z, "c", 40), plan_need(z, "d", 30)]
    plan = plan_of(needs, [x, y, z], plan_config(max_per_cadre=2))
    # b (80) asks too: x alone needs it, so it is unmet and c (70) takes the freed slot; d (60) is over the cap
    assert {t for c, t in seats(plan) if c == x.id} == {"a", "c"}
    reasons = unmet_reasons(plan)
    assert reasons[(x.id, "b")].startswith("同类需求仅 1 人")
    assert reasons[(x.id, "d")] == ("已安排的优先级不低于本需求的班次已达每人上限（2 个，领导职务 2 个）；"
                                    "将 max_per_cadre（或 leader_max_callups）调高 1 可安排")
    assert reasons[(z.id, "d")] == reasons[(x.id, "d")]
    assert {t for c, t in seats(plan) if c == z.id} == {"a", "c"}


def test_classes_keep_their_needs_priorities_a_zero_as_zero() -> None:
    # requests are ranked by -priority, shared between the needs of one priority: a 0 must come back 0, not -0
    cadres = [plan_cadre(i) for i in range(12)]
    needs = [plan_need(c, "a", 0.0) for c in cadres] + [plan_need(c, "b", 37.5) for c in cadres]
    plan = plan_of(needs, cadres)
    priorities = {c.topic_id: c.priority for c in plan.classes}
    assert priorities == {"a": 0.0, "b": 37.5}
    assert math.copysign(1.0, priorities["a"]) == 1.0
    assert {(a.topic_id, a.priority) for a in plan.assignments} == {("a", 0.0), ("b", 37.5)}


def test_cap_of_one_keeps_the_highest_priority_need() -> None:
    cadres = [plan_cadre(0), plan_cadre(1)]
    needs = [plan_need(c, "a", 40) for c in cadres] + [plan_need(c, "b", 45) for c in cadres]
    plan = plan_of(needs, cadres, plan_config(max_per_cadre=1))
    assert seats(plan) == {("c00", "b"), ("c01", "b")}
    assert {u.topic_id for u in plan.unmet} == {"a"}


# --- periods: no cadre twice in a period, a unit's share away ------------------------------------


def test_no_cadre_has_two_classes_in_one_period() -> None:
    cadres = [plan_cadre(0), plan_cadre(1)]
    needs = [plan_need(c, t, p) for c in cadres for t, p in (("a", 90), ("b", 80))]
    plan = plan_of(needs, cadres, periods=2)
    assert sorted(c.period for c in plan.classes) == [1, 2]
    clashed = plan_of(needs, cadres, periods=1)
    assert [(c.topic_id, c.period) for c in clashed.classes] == [("a", 1)]
    # b's class lost both members to the clash in the only period, so it could not run: the clash says why
    assert unmet_reasons(clashed)[("c00", "b")] == unmet_reasons(clashed)[("c01", "b")] == (
        "无可用时段：本人在该班次时段已有其他班次，同类其他班次在本人空闲时段也无空位")


def test_a_period_without_conflicts_wins_over_a_roomier_one() -> None:
    x, y = plan_cadre(0), plan_cadre(1)
    p, q, r, s = (plan_cadre(i, unit="乙单位") for i in range(2, 6))
    needs = [plan_need(x, "a", 90), plan_need(y, "a", 90),
             plan_need(x, "b", 80), plan_need(p, "b", 80), plan_need(q, "b", 80),
             plan_need(y, "c", 85), plan_need(r, "c", 85), plan_need(s, "c", 85)]
    plan = plan_of(needs, [x, y, p, q, r, s], periods=2)
    # b's units are less away in period 1, but x sits in class a then: period 2 keeps x in b
    assert sorted((c.topic_id, c.period, tuple(c.members)) for c in plan.classes) == [
        ("a", 1, ("c00", "c01")), ("b", 2, ("c00", "c02", "c03")), ("c", 2, ("c01", "c04", "c05"))]
    assert plan.unmet == []


def test_unit_share_per_period() -> None:
    cadres = [plan_cadre(i) for i in range(10)]  # one unit of 10: at most 2 away in a period at share 0.2
    cfg = plan_config(min_size=2, max_size=2, unit_away_share=0.2)
    plan = plan_of([plan_need(c, "a") for c in cadres], cadres, cfg, periods=3)
    assert sorted(c.period for c in plan.classes) == [1, 2, 3]
    assert len(plan.assignments) == 6
    assert len(plan.unmet) == 4
    assert all(u.reason.startswith("班次在各时段除去时间冲突或超出单位同期离岗上限的学员后均不足最小班额 2")
               or "离岗人数已达上限 2 人" in u.reason
               for u in plan.unmet)
    roomy = plan_of([plan_need(c, "a") for c in cadres], cadres, cfg, periods=5)
    assert len(roomy.assignments) == 10


def test_a_class_no_period_keeps_even_one_member_of_says_the_units_share_kept_it_out() -> None:
    # one unit of 5, one away at once (share 0.2), one period: c00's class of a takes the unit's place, so c01's class
    # of b, of one at the minimum of 1, keeps no one in any period: the unit's share is why, not the minimum
    cadres = [plan_cadre(i) for i in range(5)]
    cfg = plan_config(min_size=1, unit_away_share=0.2)
    plan = plan_of([plan_need(cadres[0], "a", 90), plan_need(cadres[1], "b", 80)], cadres, cfg, periods=1)
    assert [(c.topic_id, c.members) for c in plan.classes] == [("a", ["c00"])]
    assert unmet_reasons(plan) == {("c01", "b"): "无可用时段：本单位同期离岗人数已达上限 1 人（单位人数的 20%），同类其他班次也无空位；"
                                                 "允许单位 30% 的人同期离岗（unit_away_share）可能安排"}


def test_a_cancelled_class_never_asks_for_a_minimum_below_one() -> None:
    ones = plan_config(min_size=1, unit_away_share=0.2).classes
    for en in (False, True):
        text = reason_text(Why("dissolved"), ones, 12, "en" if en else "zh")
        assert "min_size" not in text
        assert text.endswith("more periods or 30% of a unit away (classes.unit_away_share) may form it" if en else
                             "增加时段（periods）或允许单位 30% 的人同期离岗（unit_away_share）可能开班")
    twos = plan_config(min_size=2).classes  # a whole unit may be away at once
    assert reason_text(Why("dissolved"), twos, 12, "zh").endswith("增加时段（periods）或降低最小班额（min_size）可能开班")


# A class is placed in one period and keeps the members its units' shares allow there; those left out
# ("unit") form classes of their own in the other periods: 10 cadres of one unit (2 away at once) in 5
# periods are all seated, whatever the largest class.

@pytest.mark.parametrize("max_size", [4, 10])
def test_members_the_unit_share_leaves_out_get_a_class_in_another_period(max_size: int) -> None:
    cadres = [plan_cadre(i) for i in range(10)]
    cfg = plan_config(min_size=2, max_size=max_size, unit_away_share=0.2)
    plan = plan_of([plan_need(c, "a") for c in cadres], cadres, cfg, periods=5)
    assert plan.unmet == []


def test_unit_share_removes_members_beyond_the_limit() -> None:
    cadres = [plan_cadre(i) for i in range(5)] + [plan_cadre(i, unit="乙单位") for i in range(5, 10)]
    cfg = plan_config(min_size=2, max_size=10, unit_away_share=0.2)  # one class of 10; 1 of each unit may go
    plan = plan_of([plan_need(c, "a") for c in cadres], cadres, cfg, periods=1)
    assert [c.size for c in plan.classes] == [2]
    assert sum("本单位同期离岗人数已达上限 1 人（单位人数的 20%）" in u.reason for u in plan.unmet) == 8


def test_period_label_counts_months_from_start() -> None:
    plan = Plan([], [], [], [], dt.date(2027, 11, 1), 3)
    assert [plan.period_label(p) for p in (0, 1, 2, 3)] == ["", "2027-11", "2027-12", "2028-01"]


# --- organizers (干部管理权限) -----------------------------------------------------------------------


def test_organizer_from_managed_by_then_from_the_tier() -> None:
    cfg = Config()
    assert organizer_of(plan_cadre(0, level="一级科员", managed_by=" 市委管理 "), cfg) == "市委管理"
    assert organizer_of(plan_cadre(0, level="一级科员", unit="城关镇", managed_by="市委管理"), cfg) == "市委管理"
    assert organizer_of(plan_cadre(0, level="县处级正职"), cfg) == "市委管理"
    assert organizer_of(plan_cadre(0, level="县处级正职", unit="城关镇"), cfg) == "市委管理"  # the tier: no unit entry
    assert organizer_of(plan_cadre(0, level="正厅级"), cfg) == "省委管理"  # an alias of the ladder
    # section-level and staff cadres: a city-level unit's (市直) by the city, a county unit's by the county
    assert organizer_of(plan_cadre(0, level="一级科员"), cfg) == "市委管理"
    assert organizer_of(plan_cadre(0, level="乡科级副职", unit="市财政局"), cfg) == "市委管理"
    assert organizer_of(plan_cadre(0, level="一级科员", unit="甲县"), cfg) == "县委管理"
    assert organizer_of(plan_cadre(0, level="乡科级正职", unit="城关镇"), cfg) == "县委管理"
    assert organizer_of(plan_cadre(0, level="首席专家"), cfg) is None
    # organizer_by_tier serves a unit whose level has no entry for the tier; the unit level's entry comes first
    cfg.classes.organizer_by_tier["科员级"] = "乡镇党委管理"
    assert organizer_of(plan_cadre(0, level="一级科员"), cfg) == "市委管理"
    del cfg.classes.organizer_by_unit_level["city"]["科员级"]
    assert organizer_of(plan_cadre(0, level="一级科员"), cfg) == "乡镇党委管理"
    cfg.classes.organizer_by_unit_level["county"]["科员级"] = "乡镇党委管理"
    assert organizer_of(plan_cadre(0, level="一级科员", unit="城关镇"), cfg) == "乡镇党委管理"


def test_classes_are_organized_by_the_managing_level() -> None:
    # county leaders (县处级) and a written 市委管理 join the city's class with a city unit's 科员 (c05);
    # the 科员 of a county unit (城关镇) are the county's
    cadres = [plan_cadre(0, level="县处级副职"), plan_cadre(1, level="县处级正职", unit="城关镇"),
              plan_cadre(2, unit="城关镇", managed_by="市委管理"), plan_cadre(3, unit="城关镇"), plan_cadre(4, unit="城关镇"),
              plan_cadre(5)]
    plan = plan_of([plan_need(c, "a") for c in cadres], cadres, plan_config(max_size=10))
    assert sorted((c.organizer, tuple(c.members)) for c in plan.classes) == [
        ("县委管理", ("c03", "c04")), ("市委管理", ("c00", "c01", "c02", "c05"))]


def test_cadre_without_organizer_is_a_problem_and_its_needs_are_unmet() -> None:
    cadres = [plan_cadre(0), plan_cadre(1), plan_cadre(2, level="首席专家")]
    plan = plan_of([plan_need(c, t) for c in cadres for t in ("a", "b")], cadres)
    assert [(p.code, p.file, p.sheet, p.row) for p in plan.problems] == [("no-organizer", "roster.xlsx", "花名册", 4)]
    assert plan.problems[0].message == ('row 4, column "管理权限": empty, and level "首席专家" maps to no organizer '
                                        "in classes.organizer_by_tier; this cadre's needs get no class")
    assert all(cadres[2].id not in c.members for c in plan.classes)
    reasons = unmet_reasons(plan)
    assert reasons[("c02", "a")] == "无调训单位：未填写管理权限，职级“首席专家”也无对应的管理层级"
    assert ("c02", "b") in reasons


def test_need_of_a_cadre_not_on_the_roster_is_unmet() -> None:
    cadres = [plan_cadre(0), plan_cadre(1)]
    plan = plan_of([plan_need(c, "a") for c in cadres] + [plan_need("ghost", "a")], cadres)
    assert unmet_reasons(plan) == {("ghost", "a"): "编号不在花名册中"}


# --- resources --------------------------------------------------------------------------------------


def test_resource_best_score_then_cost_with_seats_left_else_unassigned() -> None:
    cadres = [plan_cadre(i) for i in range(6)]
    resources = [
        Resource(provider="大党校", topics=["a"], seats_per_period=1, score=99),  # too few seats
        Resource(provider="贵学院", topics=["a"], seats_per_period=10, cost_per_seat=100, score=90),
        Resource(provider="廉学院", topics=["a"], seats_per_period=3, cost_per_seat=50, score=90),
        Resource(provider="网院", topics=["b"], seats_per_period=100, score=100),
    ]
    needs = [plan_need(c, "a") for c in cadres[:4]] + [plan_need(c, "e") for c in cadres[4:]]
    plan = plan_of(needs, cadres, plan_config(max_size=2), resources, periods=1)
    by_topic = sorted((c.topic_id, c.resource) for c in plan.classes)
    # both a-classes sit in period 1: the cheaper one of equal score fills up, the next class goes on
    assert by_topic == [("a", "廉学院"), ("a", "贵学院"), ("e", "unassigned")]


def test_theory_class_takes_a_resource_covering_any_core_topic() -> None:
    cadres = [plan_cadre(0), plan_cadre(1)]
    resources = [Resource(provider="市委党校", topics=["core-b"], seats_per_period=50, score=80)]
    plan = plan_of([plan_need(c, t, 100, "theory") for c in cadres for t in CORE], cadres, resources=resources)
    assert [(c.topic_id, c.resource) for c in plan.classes] == [("theory-core-class", "市委党校")]


# --- the theory bundle ------------------------------------------------------------------------------


def test_core_needs_share_one_seat_in_one_theory_class() -> None:
    cadres = [plan_cadre(0), plan_cadre(1)]
    needs = [plan_need(c, t, p, "theory") for c in cadres for t, p in zip(CORE, (100, 101, 99), strict=True)]
    needs += [plan_need(c, "a", 60) for c in cadres]
    plan = plan_of(needs, cadres, plan_config(max_per_cadre=1))
    assert [(c.topic_id, c.training_type, c.size, c.priority) for c in plan.classes] == [
        ("theory-core-class", "theory", 2, 101)]
    theory = plan.classes[0]
    assert theory.band == "一般干部"  # graded: staff apart from leading cadres (grade_theory)
    assert theory.name == f"市委管理一般干部{GM}理论教育和党性教育专题班（第1期）"
    assert sorted((a.cadre_id, a.topic_id, a.class_id) for a in plan.assignments) == sorted(
        (c.id, t, theory.id) for c in cadres for t in CORE)
    assert {(u.cadre_id, u.topic_id) for u in plan.unmet} == {("c00", "a"), ("c01", "a")}  # one seat only


def test_core_needs_form_their_own_classes_when_not_bundled() -> None:
    cadres = [plan_cadre(0), plan_cadre(1)]
    needs = [plan_need(c, t, 100, "theory") for c in cadres for t in CORE]
    plan = plan_of(needs, cadres, plan_config(bundle_core=False, max_per_cadre=3), periods=3)
    assert sorted(c.topic_id for c in plan.classes) == CORE


def test_english_names_and_ids_in_plan_order() -> None:
    cadres = [plan_cadre(0), plan_cadre(1)]
    needs = [plan_need(c, t, p) for c in cadres for t, p in (("a", 50), ("b", 70))]
    plan = plan_of(needs, cadres, lang="en", periods=1, cfg=plan_config(max_per_cadre=1))
    assert [(c.id, c.name) for c in plan.classes] == [("C001", "Topic B class, 市委管理, general management (session 1)")]


# --- determinism ------------------------------------------------------------------------------------


def test_same_inputs_same_plan() -> None:
    cadres = [plan_cadre(i, unit=f"单位{i % 3}", family=[GM, PT, LE][i % 3]) for i in range(30)]
    needs = [plan_need(c, t, (i * 7 + j * 13) % 50 + 20) for i, c in enumerate(cadres)
             for j, t in enumerate(["a", "b", "c", "d", "e"]) if (i + j) % 3]
    cfg = plan_config(min_size=3, max_size=5, unit_away_share=0.4)
    one, two = plan_of(needs, cadres, cfg, periods=3), plan_of(needs, cadres, cfg, periods=3)
    assert one.classes and one == two
    assert [c.members for c in one.classes] == [c.members for c in two.classes]
    assert one.unmet == two.unmet and one.assignments == two.assignments


# --- swap_gain --------------------------------------------------------------------------------------


def test_swap_gain_finds_a_free_seat_left_unused() -> None:
    cadres = [plan_cadre(i) for i in range(3)]
    needs = [plan_need(c, "a", 40 + i) for i, c in enumerate(cadres)]
    cfg = plan_config()
    plan = plan_of(needs, cadres, cfg)
    assert swap_gain(plan, needs, cfg) == (0.0, 0)
    cls = plan.classes[0]
    worse = dataclasses.replace(
        plan, classes=[cls.model_copy(update={"members": ["c00", "c01"]})],
        assignments=[a for a in plan.assignments if a.cadre_id != "c02"],
        unmet=[UnmetNeed(cadre_id="c02", topic_id="a", priority=42, reason="")])
    assert swap_gain(worse, needs, cfg) == (42.0, 1)


def test_swap_gain_finds_a_lower_priority_member_of_a_full_class() -> None:
    cadres = [plan_cadre(i) for i in range(5)]
    needs = [plan_need(c, "a", 10 * (i + 1)) for i, c in enumerate(cadres)]
    cfg = plan_config()
    plan = plan_of(needs, cadres, cfg)  # 5 > max 4: two classes, 3 and 2
    assert swap_gain(plan, needs, cfg) == (0.0, 0)
    full = plan.classes[0].model_copy(update={"members": ["c00", "c01", "c02", "c03"]})
    worse = dataclasses.replace(
        plan, classes=[full],
        assignments=[Assignment(cadre_id=m, class_id=full.id, topic_id="a", priority=0) for m in full.members],
        unmet=[UnmetNeed(cadre_id="c04", topic_id="a", priority=50, reason="")])
    assert swap_gain(worse, needs, cfg) == (40.0, 1)  # c04 (50) takes the seat of c00 (10)


def test_swap_gain_needs_a_plan_from_form_classes() -> None:
    with pytest.raises(ValueError, match="form_classes"):
        swap_gain(Plan([], [], [], [], PLAN_START, 1), [], Config())


def test_bad_settings_are_refused() -> None:
    with pytest.raises(ValueError, match="periods"):
        plan_of([], [], periods=0)
    cfg = plan_config()
    cfg.classes.min_size = 9
    with pytest.raises(ValueError, match="min_size"):
        plan_of([], [], cfg)


def test_shipped_catalog_core_bundles() -> None:
    topics = default_topics()
    core = [t.id for t in topics if t.core]
    cadres = [plan_cadre(0), plan_cadre(1)]
    needs = [plan_need(c, t, 100, "theory") for c in cadres for t in core]
    plan = form_classes(needs, cadres, Catalog(topics), plan_config(), [], PLAN_START)
    assert [c.topic_id for c in plan.classes] == ["theory-core-class"]
    assert len(plan.assignments) == 2 * len(core)


# --- invariants over random rosters -----------------------------------------------------------------

LEVELS = ["一级科员", "县处级正职", "一级主任科员", "首席专家"]  # the last has no organizer
TOPICS = CORE + ["a", "b", "c", "d"]


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[list[Cadre], list[Need], Config, int]:
    n = draw(st.integers(1, 24))
    cadres = [plan_cadre(i, unit=draw(st.sampled_from(["甲", "乙", "丙"])), family=draw(st.sampled_from([GM, PT, ""])),
                    level=draw(st.sampled_from(LEVELS)), managed_by=draw(st.sampled_from(["", "", "", "市委管理"])))
              for i in range(n)]
    needs = []
    for c in cadres:
        for topic in draw(st.lists(st.sampled_from(TOPICS), unique=True, max_size=5)):
            kind = "theory" if topic in CORE else draw(st.sampled_from(["specialized", "on-the-job"]))
            needs.append(plan_need(c, topic, draw(st.integers(1, 9)) * 10.0, kind))
    low = draw(st.integers(1, 3))
    cfg = plan_config(min_size=low, max_size=draw(st.integers(low, 5)), max_per_cadre=draw(st.integers(1, 3)),
                 unit_away_share=draw(st.sampled_from([0.2, 0.25, 0.5, 1.0])), bundle_core=draw(st.booleans()))
    return cadres, needs, cfg, draw(st.integers(1, 4))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_invariants_hold_on_random_rosters(case: tuple[list[Cadre], list[Need], Config, int]) -> None:
    cadres, needs, cfg, periods = case
    plan = form_classes(needs, cadres, plan_catalog(), cfg, [], PLAN_START, periods)
    limits = cfg.classes
    by_id = {c.id: c for c in cadres}
    organizer = {c.id: organizer_of(c, cfg) for c in cadres}
    classes = {c.id: c for c in plan.classes}
    for cls in plan.classes:
        assert limits.min_size <= cls.size <= limits.max_size
        assert len(set(cls.members)) == cls.size
        assert 1 <= cls.period <= periods
        assert {organizer[m] for m in cls.members} == {cls.organizer}  # never mixes organizers
    for a in plan.assignments:  # never mixes training types: every seat's need has the class's type
        cls = classes[a.class_id]
        assert a.cadre_id in cls.members
        kind = next(n.training_type for n in needs if n.cadre_id == a.cadre_id and n.topic_id == a.topic_id)
        assert cls.training_type == ("theory" if limits.bundle_core and a.topic_id in CORE else kind)
    sitting = Counter(m for c in plan.classes for m in c.members)
    assert all(n <= limits.max_per_cadre for n in sitting.values())
    busy = Counter((m, c.period) for c in plan.classes for m in c.members)
    assert all(n == 1 for n in busy.values())  # no cadre twice in one period
    unit_size = Counter(c.unit for c in cadres)
    away = Counter((by_id[m].unit, c.period) for c in plan.classes for m in c.members)
    for (unit, _), n in away.items():
        assert n <= max(1, math.floor(limits.unit_away_share * unit_size[unit] + 1e-9))
    given_ = Counter((n.cadre_id, n.topic_id) for n in needs)
    assert Counter((a.cadre_id, a.topic_id) for a in plan.assignments) + Counter(
        (u.cadre_id, u.topic_id) for u in plan.unmet) == given_
    assert all(u.reason for u in plan.unmet)
    assert {p.row for p in plan.problems} == {c.row for c in cadres if organizer[c.id] is None}
    assert swap_gain(plan, needs, cfg) == (0.0, 0)  # could be > 0 only past MAX_PASSES improvement passes (plan.board)


def crowded() -> tuple[list[Need], list[Cadre]]:
    """Cadres asking for more classes than they may attend, in classes that fill up: seats given and refused."""
    cadres = [plan_cadre(i, unit=f"单位{i % 3}") for i in range(30)]
    needs = [plan_need(c, topic, priority=50.0 + (i * 7 + j) % 13) for i, c in enumerate(cadres)
             for j, topic in enumerate(["a", "b", "c"])]
    return needs, cadres


@pytest.mark.parametrize("enabled", [True, False])
def test_forming_classes_leaves_no_board_behind(enabled: bool) -> None:
    was = gc.isenabled()
    try:
        gc.unfreeze()  # frozen objects are out of gc.get_objects(): let it see everything
        gc.collect()  # and nothing left over by other tests
        gc.enable() if enabled else gc.disable()
        needs, cadres = crowded()
        plan = plan_of(needs, cadres)
        assert gc.isenabled() is enabled
        assert swap_gain(plan, needs, plan_config()) == (0.0, 0)  # its board too
        gc.unfreeze()
        assert [o for o in gc.get_objects() if isinstance(o, Request | DraftClass)] == []
        assert plan.classes and plan.unmet  # seats were given and refused: the board had requests of both kinds
    finally:
        gc.enable() if was else gc.disable()


def test_a_boards_rooms_are_its_room_for_each_request(monkeypatch: pytest.MonkeyPatch) -> None:
    """Board.rooms, over a real plan of the samples: each answer is room()'s, and some are no."""
    from types import SimpleNamespace
    from typing import Any

    from builders import SAMPLES

    from needscli.pipeline import analyze, plan_classes, with_class_settings
    from needscli.planner.board import Board

    rooms, answers = Board.rooms, []

    def checked(self: Board, reqs: list[Request]) -> list[bool]:
        got = rooms(self, reqs)
        assert got == [self.room(r) for r in reqs]
        answers.extend(got)
        return got

    monkeypatch.setattr(Board, "rooms", checked)
    analysis, _ = analyze([SAMPLES], Config(), as_of=dt.date(2026, 11, 1))
    plan_classes(analysis, config=with_class_settings(analysis.config, {"max_per_cadre": 1}))
    assert answers
    # and where a cadre's call-ups or days are used up (a request placed once its cadre had room: no on the board)
    board: Any = SimpleNamespace(day_limit=10.0)
    states = [SimpleNamespace(seats=[1] * seats, cap=2, days=days) for seats in (0, 1, 2) for days in (0.0, 6.0, 10.0)]
    reqs: Any = [SimpleNamespace(state=state, days=4.0) for state in states]
    assert rooms(board, reqs) == [Board.room(board, r) for r in reqs]
    assert rooms(board, reqs) == [True, True, False, True, True, False, False, False, False]
