"""Finding needs: rules, posts, priorities, wishes and ratings, merged per topic with their reasons; remembered facts give the same needs."""

from __future__ import annotations

import datetime as dt
import functools
import gc
import math
import random
from collections.abc import Callable, Iterable, Iterator
from itertools import groupby
from pathlib import Path

import pytest
from builders import (
    VARIED_AS_OF,
    VARIED_POSTS,
    VARIED_PRIORITIES,
    VARIED_RULES,
    bytes_that_came,
    make_cadre,
    no_child_left,
    stuck_copy,
    varied_cadres,
)

from needscli import cache
from needscli.config import Config, NeedsConfig
from needscli.core.hours import hours_standing
from needscli.core.merging import need_priority
from needscli.core.need_shares import share_of
from needscli.core.needs import NeedsEngine, NeedsResult, find_needs
from needscli.core.ranking import rank_topics, rank_topics_by_unit
from needscli.core.rules import fact_key
from needscli.io.catalog_file import build_catalog
from needscli.io.rules_file import load_rules
from needscli.models import NEED_SOURCES, Cadre, Completion, Need, PostRequirement, Priority, Rating
from needscli.reports.parallel import Forked, can_fork

AS_OF = dt.date(2026, 11, 1)
CORE = ["theory-xi", "party-spirit", "discipline", "history", "values"]


def run(cadres: Iterable[Cadre], *, config: Config | None = None, posts: Iterable[PostRequirement] = (),
        priorities: Iterable[Priority] = (), rules: Path | None = None) -> NeedsResult:
    config = config or Config()
    catalog = build_catalog([], config.needs.match_cutoff)
    ruleset = load_rules(catalog, config, path=rules)
    assert ruleset.problems == []
    engine = NeedsEngine(config, catalog, ruleset.rules, list(posts), list(priorities), AS_OF)
    return find_needs(list(cadres), engine)


def of(result: NeedsResult, cadre_id: str) -> dict[str, Need]:
    return {n.topic_id: n for n in result.needs if n.cadre_id == cadre_id}


def with_needs_config(**fields: object) -> Config:
    return Config(needs=NeedsConfig(**fields))  # type: ignore[arg-type]


# --- theory core -----------------------------------------------------------------------------------

def test_every_cadre_gets_the_theory_core_first_after_its_obligations() -> None:
    cadres = [make_cadre("001", level="县处级副职", appointed=dt.date(2026, 8, 1), hours_five_year=100.0,
                         wishes=["公文写作"]),
              make_cadre("002", level="一级科员", entry_date=dt.date(2026, 6, 1), hours_year=0.0),
              make_cadre("003", level="一级科员", hours_year=95.0)]
    result = run(cadres)
    for cadre_id, obligations in (("001", 2), ("002", 2), ("003", 0)):
        needs = [n for n in result.needs if n.cadre_id == cadre_id]
        assert all(n.source == "obligation" for n in needs[:obligations])
        core = needs[obligations:obligations + 5]
        assert [n.topic_id for n in core] == CORE
        assert all(n.source == "theory-core" and n.priority == 100 and n.training_type == "theory"
                   and n.rule_ids == ["theory-core"] for n in core)
        assert not any(n.source in ("theory-core", "obligation") for n in needs[obligations + 5:])


def test_theory_core_stays_first_of_the_discretionary_needs_even_below_a_higher_priority() -> None:
    config = Config(needs=NeedsConfig(weights={**NeedsConfig().weights, "organizational": 500.0}))
    result = run([make_cadre("001", hours_year=95.0)], config=config,
                 priorities=[Priority(id="P1", topic="应急管理", priority=1)])
    needs = [n.topic_id for n in result.needs]
    assert needs[:5] == CORE
    assert needs[5] == "emergency"
    assert of(result, "001")["emergency"].priority == 504


# --- train what is lacking -------------------------------------------------------------------------

def test_a_completion_within_its_validity_is_not_a_need() -> None:
    # 党性教育 is valid for 2 years
    recent = make_cadre("001", completed=[Completion(topic="党性教育", date=dt.date(2026, 3, 1))])
    old = make_cadre("002", completed=[Completion(topic="党性教育", date=dt.date(2023, 11, 1))])
    alias = make_cadre("003", completed=[Completion(topic="党性修养", date=dt.date(2025, 12, 1))])
    result = run([recent, old, alias])
    assert "party-spirit" not in of(result, "001")
    assert of(result, "002")["party-spirit"].rule_ids == ["theory-core"]
    assert "party-spirit" not in of(result, "003")
    assert set(of(result, "001")) >= set(CORE) - {"party-spirit"}


def test_an_undated_completion_does_not_count_unless_configured_so() -> None:
    # a completion without a date cannot show it is still valid: by default it is no completion
    cadre = make_cadre("001", completed=[Completion(topic="党性教育")])
    assert "party-spirit" in of(run([cadre]), "001")
    result = run([cadre], config=with_needs_config(undated_completion_counts=True))
    assert "party-spirit" not in of(result, "001")


def test_a_completion_that_never_expires() -> None:
    # the appointment course of a band has validity 0: done once is done, however long ago
    config = Config.model_validate({"obligations": {"appointment_bands": []}})
    cadre = make_cadre("001", completed=[Completion(topic="乡科级任职培训", date=dt.date(2010, 1, 1))])
    result = run([cadre], config=config, priorities=[Priority(id="P1", topic="乡科级任职培训")])
    assert "appointment-township" not in of(result, "001")


# --- organizational --------------------------------------------------------------------------------

ROSTER = [
    make_cadre("T1", level="厅局级正职", unit="市政府"),
    make_cadre("C1", level="县处级副职", unit="市财政局", category="领导干部"),
    make_cadre("C2", level="四级调研员", unit="市税务局"),
    make_cadre("S1", level="乡科级正职", unit="市税务局", category="基层干部"),
    make_cadre("S2", level="一级科员", unit="市财政局", category="公务员"),
]


def reached(result: NeedsResult, topic_id: str) -> list[str]:
    return [n.cadre_id for n in result.needs if n.topic_id == topic_id]


def test_priority_by_level_group_reaches_exactly_county_and_above() -> None:
    result = run(ROSTER, priorities=[Priority(id="P1", topic="应急管理", target_levels=["县处级以上"], priority=5,
                                              source_kind="热点难点问题")])
    assert reached(result, "emergency") == ["T1", "C1", "C2"]
    need = of(result, "C1")["emergency"]
    assert (need.source, need.priority, need.rule_ids, need.training_type) == (
        "organizational", 60 + 4 * 5, ["priority:P1"], "specialized")
    assert need.reasons[0].text == "组织需求 P1（热点难点问题，优先级 5）：适用 县处级以上"


def test_priority_by_unit_reaches_only_that_unit() -> None:
    result = run(ROSTER, priorities=[Priority(id="P2", topic="预算管理", target_units=["市税务局"])])
    assert reached(result, "budget") == ["C2", "S1"]
    assert of(result, "C2")["budget"].priority == 60 + 4 * 3


def test_priority_by_category_and_by_level() -> None:
    result = run(ROSTER, priorities=[Priority(id="P3", topic="乡村振兴", target_categories=["基层干部"]),
                                     Priority(id="P4", topic="数字政府", target_levels=["一级科员", "四级调研员"])])
    assert reached(result, "rural-revitalization") == ["S1"]
    assert reached(result, "digital") == ["C2", "S2"]


def test_priority_for_everyone() -> None:
    result = run(ROSTER, priorities=[Priority(id="P5", topic="生态文明建设")])
    assert reached(result, "ecology") == ["T1", "C1", "C2", "S1", "S2"]
    assert of(result, "S2")["ecology"].reasons[0].text == "组织需求 P5（其他，优先级 3）：适用 全部"


def test_priority_targets_combine() -> None:
    result = run(ROSTER, priorities=[Priority(id="P6", topic="预算管理", target_units=["市财政局"],
                                              target_levels=["县处级以上"])])
    assert reached(result, "budget") == ["C1"]


def test_priority_that_reaches_nobody_is_unmatched() -> None:
    result = run(ROSTER, priorities=[Priority(id="P7", topic="生态文明建设", target_units=["不存在局"])])
    assert reached(result, "ecology") == []
    assert [(u.kind, u.text, u.cadre_id, u.detail) for u in result.unmatched] == [
        ("priority", "生态文明建设", "", "P7：适用范围内没有干部")]


def test_priority_with_a_new_topic_adds_it() -> None:
    result = run(ROSTER[:1], priorities=[Priority(id="P8", topic="低空经济", training_type="theory")])
    (need,) = [n for n in result.needs if n.reasons[0].rule_id == "priority:P8"]
    assert need.topic_id.startswith("t-")
    assert need.training_type == "theory"


# --- post ------------------------------------------------------------------------------------------

LAW = PostRequirement(post_title="科员", topic="法治思维", required_level=4, importance=3)


def rated(cadre_id: str, ability: int | None, importance: int | None = None, **fields: object) -> Cadre:
    ratings = {} if ability is None and importance is None else {
        "法治思维": Rating(ability=ability, importance=importance)}
    return make_cadre(cadre_id, post="科员", ratings=ratings, **fields)


def test_post_requirement_above_ability_is_a_need() -> None:
    result = run([rated("001", 2)], posts=[LAW])
    need = of(result, "001")["rule-of-law"]
    assert (need.source, need.priority, need.rule_ids) == ("post", 40 + 3 * 2, ["post:科员"])
    assert need.reasons[0].text == "岗位 科员 要求水平 4，自评能力 2，差距 2 × 重要程度 3"


@pytest.mark.parametrize("ability", [4, 5])
def test_ability_at_or_above_the_requirement_is_no_need(ability: int) -> None:
    assert "rule-of-law" not in of(run([rated("001", ability)], posts=[LAW]), "001")


def test_unrated_ability_counts_as_a_gap_of_one() -> None:
    result = run([rated("001", None), rated("002", None, importance=5)], posts=[LAW])
    for cadre_id in ("001", "002"):
        need = of(result, cadre_id)["rule-of-law"]
        assert (need.priority, need.rule_ids) == (40 + 3 * 1, ["post:科员"])
        assert "未自评能力（按差距 1 计）" in need.reasons[0].text


def test_unrated_ability_with_missing_rating_skip_is_no_need() -> None:
    result = run([rated("001", None)], posts=[LAW], config=with_needs_config(missing_rating="skip"))
    assert "rule-of-law" not in of(result, "001")


def test_assumed_gap_is_configurable() -> None:
    result = run([rated("001", None)], posts=[LAW], config=with_needs_config(assumed_gap=2))
    assert of(result, "001")["rule-of-law"].priority == 40 + 3 * 2


def test_post_requirement_found_by_post_code_before_title() -> None:
    by_code = PostRequirement(post_code="A01", post_title="会计", topic="预算管理", required_level=3, importance=4)
    result = run([make_cadre("001", post="科员", post_code="A01"), make_cadre("002", post="会计"),
                  make_cadre("003", post="司机")], posts=[by_code])
    assert of(result, "001")["budget"].rule_ids == ["post:A01"]
    assert of(result, "002")["budget"].rule_ids == ["post:A01"]
    assert "budget" not in of(result, "003")


# --- personal --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("wish", "topic_id"), [
    ("公文写作", "writing"),  # exact name
    ("依法行政", "rule-of-law"),  # alias
    ("数字政付", "digital"),  # close misspelling of the alias 数字政府
    ("公文写做", "writing"),  # close misspelling of the name
    ("Official Writing", "writing"),  # English name, any case
])
def test_a_wish_matches_the_catalog(wish: str, topic_id: str) -> None:
    result = run([make_cadre("001", wishes=[wish])])
    need = of(result, "001")[topic_id]
    assert (need.source, need.priority, need.rule_ids) == ("personal", 20 + 5, ["personal:wish"])
    assert need.reasons[0].text == f"个人培训需求：{wish}"
    assert result.unmatched == []


def test_a_wish_matching_nothing_is_unmatched_not_dropped() -> None:
    result = run([make_cadre("001", unit="市财政局", wishes=["量子烹饪", "公文写作"])])
    assert [(u.kind, u.text, u.cadre_id, u.unit) for u in result.unmatched] == [
        ("wish", "量子烹饪", "001", "市财政局")]
    assert "writing" in of(result, "001")


def test_a_low_self_rating_without_a_post_requirement_is_a_personal_need() -> None:
    cadre = make_cadre("001", ratings={"公文写作": Rating(ability=2, importance=4),
                                       "数字政府": Rating(ability=1),
                                       "应急管理": Rating(ability=3, importance=5)})
    needs = of(run([cadre]), "001")
    assert (needs["writing"].source, needs["writing"].priority, needs["writing"].rule_ids) == (
        "personal", 20 + 4 * (2 + 1 - 2), ["personal:rating"])
    assert needs["digital"].priority == 20 + 3 * (2 + 1 - 1)  # importance unrated: 3
    assert "emergency" not in needs


def test_a_low_self_rating_on_a_post_topic_is_a_post_need_only() -> None:
    needs = of(run([rated("001", 1, 5)], posts=[LAW]), "001")
    assert needs["rule-of-law"].rule_ids == ["post:科员"]
    assert needs["rule-of-law"].priority == 40 + 3 * 3


# --- initial and appointment training --------------------------------------------------------------

def test_initial_training_inside_the_probation_year_is_an_obligation() -> None:
    result = run([make_cadre("new", entry_date=dt.date(2026, 6, 1)),
                  make_cadre("late", entry_date=dt.date(2025, 6, 1)),
                  make_cadre("old", entry_date=dt.date(2010, 11, 1))])
    need = of(result, "new")["initial-training"]
    assert (need.source, need.training_type, need.rule_ids) == ("obligation", "initial", ["obligation:initial"])
    assert (need.status, need.deadline) == ("due", dt.date(2027, 6, 1))
    assert need.reasons[0].text == "初任培训：参加工作时间 2026-06-01，须在 12 个月试用期内（2027-06-01 前）完成"
    late = of(result, "late")["initial-training"]
    assert (late.status, late.deadline) == ("overdue", dt.date(2026, 6, 1))
    assert late.reasons[0].text.endswith("，已逾期 5 个月")
    assert late.priority > need.priority
    assert "initial-training" not in of(result, "old")  # entered before the records an office keeps


def test_appointment_training_graded_by_level_band() -> None:
    result = run([make_cadre("lead", level="县处级副职", appointed=dt.date(2026, 8, 1)),
                  make_cadre("chief", level="乡科级正职", appointed=dt.date(2026, 8, 1)),
                  make_cadre("rank", level="一级主任科员", appointed=dt.date(2026, 8, 1)),
                  make_cadre("done", level="县处级副职", appointed=dt.date(2026, 3, 1),
                             completed=[Completion(topic="任职培训", date=dt.date(2026, 5, 10))])])
    need = of(result, "lead")["appointment-county"]
    assert (need.source, need.training_type, need.rule_ids) == ("obligation", "appointment", ["obligation:appointment"])
    assert (need.status, need.deadline, need.hours) == ("due", dt.date(2027, 8, 1), 180.0)
    assert need.reasons[0].text == ("县处级以上任职培训：任现职时间 2026-08-01，须在任职后 12 个月内"
                                    "（2027-08-01 前）完成，不少于 30 天")
    assert of(result, "chief")["appointment-township"].hours == 90.0
    assert "appointment-county" not in of(result, "chief")
    assert not {"appointment-county", "appointment-township"} & set(of(result, "rank"))
    assert not {"appointment-county", "appointment-township"} & set(of(result, "done"))
    met = [o for o in result.obligations if o.cadre_id == "done" and o.kind == "appointment"]
    assert [(o.status, o.topic_id) for o in met] == [("met", "appointment-county")]


# --- compliance ------------------------------------------------------------------------------------

def test_annual_deficit_below_county_level() -> None:
    result = run([make_cadre("001", level="一级科员", hours_year=40.0)])
    need = of(result, "001")["hours-top-up"]
    assert (need.source, need.hours, need.training_type) == ("obligation", 50.0, "on-the-job")
    assert (need.status, need.deadline) == ("due", dt.date(2026, 12, 31))
    assert need.priority == round(150 + 5 * 50 / 90, 2)
    (row,) = result.compliance
    assert (row.cadre_id, row.standing.standard, row.standing.required, row.standing.done, row.standing.deficit) == (
        "001", "annual", 90.0, 40.0, 50.0)


def test_five_year_deficit_at_county_level_and_above() -> None:
    result = run([make_cadre("lead", level="县处级副职", hours_five_year=300.0),
                  make_cadre("res", level="四级调研员", hours_five_year=500.0, hours_year=90.0)])
    assert of(result, "lead")["hours-top-up"].hours == 250.0
    assert of(result, "res")["hours-top-up"].hours == 50.0
    assert [(r.standing.standard, r.standing.required, r.standing.deficit) for r in result.compliance] == [
        ("five-year", 550.0, 250.0), ("five-year", 550.0, 50.0)]


def test_hours_met_is_no_need() -> None:
    result = run([make_cadre("001", hours_year=100.0), make_cadre("002", level="县处级正职", hours_five_year=550.0)])
    assert "hours-top-up" not in of(result, "001")
    assert "hours-top-up" not in of(result, "002")
    assert [r.standing.deficit for r in result.compliance] == [0.0, 0.0]


def test_no_hours_reported_is_no_compliance_need() -> None:
    # the five-year standard ignores this-year hours
    result = run([make_cadre("001"), make_cadre("002", level="县处级副职", hours_year=10.0)])
    assert "hours-top-up" not in of(result, "001")
    assert "hours-top-up" not in of(result, "002")
    assert [(r.standing.done, r.standing.deficit) for r in result.compliance] == [(None, None), (None, None)]


def test_hours_thresholds_come_from_the_config() -> None:
    config = Config.model_validate({"hours": {"annual_required": 120}})
    result = run([make_cadre("001", hours_year=100.0)], config=config)
    assert of(result, "001")["hours-top-up"].hours == 20.0


def test_a_completed_top_up_does_not_hide_a_deficit() -> None:
    cadre = make_cadre("001", hours_year=40.0, completed=[Completion(topic="在职培训", date=dt.date(2026, 9, 1))])
    assert "hours-top-up" in of(run([cadre]), "001")


# --- merging ---------------------------------------------------------------------------------------

def test_two_sources_for_one_topic_are_one_need() -> None:
    cadre = rated("001", 2, wishes=["法治思维"])
    result = run([cadre], posts=[LAW])
    needs = [n for n in result.needs if n.topic_id == "rule-of-law"]
    assert len(needs) == 1
    (need,) = needs
    assert need.rule_ids == ["post:科员", "personal:wish"]
    assert [r.text for r in need.reasons] == ["岗位 科员 要求水平 4，自评能力 2，差距 2 × 重要程度 3",
                                              "个人培训需求：法治思维"]
    assert need.source == "post"
    assert need.sources == ["post", "personal"]
    assert need.priority == max(46, 25) + 1.0


def test_merge_bonus_is_configurable_and_counts_each_extra_source(tmp_path: Path) -> None:
    rules = tmp_path / "rules.toml"
    rules.write_text('[[rule]]\nid = "law-for-clerks"\ntopics = ["rule-of-law"]\nweight = 50\n'
                     'all = [{ field = "post", op = "==", value = "科员" }]\n', encoding="utf-8")
    cadre = rated("001", 2, wishes=["依法行政"])
    result = run([cadre], posts=[LAW], rules=rules, config=with_needs_config(merge_bonus=5.0))
    (need,) = [n for n in result.needs if n.topic_id == "rule-of-law"]
    assert need.rule_ids == ["law-for-clerks", "post:科员", "personal:wish"]
    assert need.priority == 50 + 2 * 5.0


def test_a_topic_wished_twice_is_one_reason() -> None:
    result = run([make_cadre("001", wishes=["公文写作", "写作能力"])])
    (need,) = [n for n in result.needs if n.topic_id == "writing"]
    assert need.rule_ids == ["personal:wish"]
    assert need.priority == 25


def test_needs_after_the_core_are_by_priority() -> None:
    cadre = make_cadre("001", level="县处级副职", appointed=dt.date(2026, 8, 1), hours_five_year=500.0,
                       wishes=["公文写作"])
    result = run([cadre], priorities=[Priority(id="P1", topic="应急管理", priority=1)])
    # obligations first (appointment, then the five-year hours), then the core, then the rest by priority
    assert [n.topic_id for n in result.needs[:2]] == ["appointment-county", "hours-top-up"]
    assert [n.topic_id for n in result.needs[2:7]] == CORE
    rest = [(n.topic_id, n.priority) for n in result.needs[7:]]
    assert rest == sorted(rest, key=lambda x: -x[1])
    assert [t for t, _ in rest] == ["emergency", "leadership", "risk", "writing"]


def test_english_reasons() -> None:
    catalog_config = Config()
    catalog = build_catalog([], catalog_config.needs.match_cutoff)
    ruleset = load_rules(catalog, catalog_config)
    engine = NeedsEngine(catalog_config, catalog, ruleset.rules, [LAW], [], AS_OF, lang="en")
    result = find_needs([rated("001", 2, entry_date=dt.date(2026, 6, 1), wishes=["量子烹饪"])], engine)
    needs = of(result, "001")
    assert needs["theory-xi"].reasons[0].text.endswith(": applies to every cadre")
    assert needs["initial-training"].reasons[0].text == (
        "initial training: entry date 2026-06-01; due inside the 12-month probation (2027-06-01)")
    assert needs["rule-of-law"].reasons[0].text == (
        "post 科员 requires level 4, self-rated ability 2: gap 2 x importance 3")
    assert result.unmatched[0].detail == "matches no catalog topic"


def test_english_reasons_join_facts_with_an_ascii_semicolon() -> None:
    config = Config()
    catalog = build_catalog([], config.needs.match_cutoff)
    engine = NeedsEngine(config, catalog, load_rules(catalog, config).rules, [], [], AS_OF, lang="en")
    result = find_needs([make_cadre("001", level="县处级副职", category="领导干部")], engine)
    assert of(result, "001")["leadership"].reasons[0].text == (
        "Leading cadres at county/division level and above: leadership and major risks: leading post: yes; "
        "level group includes county-and-above")


@pytest.fixture(params=["zh", "en"])
def make_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[object]:
    rules = tmp_path / "rules.toml"
    rules.write_text(VARIED_RULES, encoding="utf-8")

    def make(config: Config | None = None) -> NeedsEngine:
        config = config or Config()
        catalog = build_catalog([], config.needs.match_cutoff)
        ruleset = load_rules(catalog, config, path=rules)
        assert ruleset.problems == []
        return NeedsEngine(config, catalog, ruleset.rules, list(VARIED_POSTS), list(VARIED_PRIORITIES), VARIED_AS_OF,
                           request.param)

    yield make


def afresh(cadres: list[Cadre], make_engine: object) -> tuple[NeedsResult, dict[str, int]]:
    """Each cadre through an engine of its own: every memo starts empty."""
    total = NeedsResult()
    reached: dict[str, int] = {}
    for cadre in cadres:
        engine = make_engine()  # type: ignore[operator]
        result = find_needs([cadre], engine)
        total.needs += result.needs
        total.unmatched += [u for u in result.unmatched if u.kind != "priority"]
        total.compliance += result.compliance
        for key, n in engine.reached.items():
            reached[key] = reached.get(key, 0) + n
    return total, reached


def test_one_engine_finds_for_each_cadre_what_a_fresh_engine_finds(make_engine: object) -> None:
    cadres = varied_cadres(300)
    engine = make_engine()  # type: ignore[operator]
    shared = find_needs(cadres, engine)
    alone, reached = afresh(cadres, make_engine)
    assert shared.needs == alone.needs
    assert [u for u in shared.unmatched if u.kind != "priority"] == alone.unmatched
    assert shared.compliance == alone.compliance
    assert engine.reached == reached
    assert {r.source for n in shared.needs for r in n.reasons} == set(NEED_SOURCES)


@pytest.mark.parametrize("fields", [{"missing_rating": "skip"}, {"undated_completion_counts": False},
                                    {"merge_bonus": 0.0, "low_ability": 3}])
def test_memos_follow_the_needs_config(make_engine: object, fields: dict[str, object]) -> None:
    config = Config(needs=NeedsConfig(**fields))  # type: ignore[arg-type]
    cadres = varied_cadres(120, seed=11)
    shared = find_needs(cadres, make_engine(config))  # type: ignore[operator]
    alone, _ = afresh(cadres, lambda: make_engine(config))  # type: ignore[operator]
    assert shared.needs == alone.needs


def test_explaining_a_cadre_changes_none_of_its_needs(make_engine: object) -> None:
    cadres = varied_cadres(150, seed=3)
    plain = find_needs(cadres, make_engine())  # type: ignore[operator]
    explained_ids = {c.id for c in cadres[::2]}
    explained = find_needs(cadres, make_engine(), explain=explained_ids)  # type: ignore[operator]
    assert explained.needs == plain.needs
    assert plain.not_fired == {}
    assert set(explained.not_fired) <= explained_ids
    assert len(explained.not_fired) > len(explained_ids) // 2  # most cadres have a rule that did not fire


def test_a_cadre_is_explained_by_its_name_without_the_spaces_that_pad_it(make_engine: object) -> None:
    """李 梅 (a two-character name padded to the width of three) asked for as 李梅 or 李　梅: the rules that did
    not fire are recorded for her as for her id."""
    cadres = [make_cadre("C1", name="李 梅"), make_cadre("C2", name="李梅花")]
    by_id = find_needs(cadres, make_engine(), explain={"C1"})  # type: ignore[operator]
    by_name = find_needs(cadres, make_engine(), explain={"李梅"})  # type: ignore[operator]
    assert set(by_name.not_fired) == {"C1"} and by_name.not_fired == by_id.not_fired


def test_memos_emptied_past_their_limit_change_nothing(make_engine: object,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    cadres = varied_cadres(200, seed=5)
    unbounded = find_needs(cadres, make_engine())  # type: ignore[operator]
    monkeypatch.setattr(cache, "LIMIT", 3)
    bounded = find_needs(cadres, make_engine())  # type: ignore[operator]
    assert bounded.needs == unbounded.needs
    assert bounded.unmatched == unbounded.unmatched


def test_bounded_empties_a_memo_past_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "LIMIT", 2)
    memo = {1: "a", 2: "b"}
    assert cache.bounded(memo) == {1: "a", 2: "b"}
    memo[3] = "c"
    assert cache.bounded(memo) == {}


def test_fact_keys_tell_apart_values_that_print_apart() -> None:
    names = ("x",)
    keys = [fact_key({"x": v}, names) for v in (1, 1.0, True, 0, 0.0, -0.0, False, None, "1", [1], ["1"])]
    assert len(set(keys)) == len(keys)
    assert fact_key({"x": 2.5}, names) == fact_key({"x": 2.5}, names)
    assert fact_key({"x": ["a", "b"]}, names) == fact_key({"x": ["a", "b"]}, names)
    assert fact_key({}, names) == fact_key({"x": None}, names)  # a fact nobody gave reads as None
    assert fact_key({"x": "a", "y": 3}, ("x", "y")) != fact_key({"x": "a", "y": 4}, ("x", "y"))


@pytest.mark.parametrize("value", [{"a"}, [{"a"}], [1.5], {"a": 1}, dt.date(2026, 1, 1)])
def test_facts_of_other_kinds_get_no_key(value: object) -> None:
    assert fact_key({"x": value}, ("x",)) is None


def test_a_fact_without_a_key_is_evaluated_as_it_is(make_engine: object) -> None:
    engine = make_engine()  # type: ignore[operator]
    cadre = make_cadre("001", level="县处级正职", appointed=dt.date(2026, 1, 1))
    facts = engine.facts.facts(cadre)
    as_list = engine.rule_reasons.find(cadre, facts, None)  # remembered under the list's key
    facts["level_group"] = set(facts["level_group"])  # a set has no key, and "==" reads it otherwise
    as_set = engine.rule_reasons.find(cadre, facts, None)
    assert as_set == engine.rule_reasons.find(cadre, facts, NeedsResult())  # the path that remembers nothing
    assert "leaders-county-up" in {found.reason.rule_id for found in as_list}
    assert "leaders-county-up" not in {found.reason.rule_id for found in as_set}


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_left_as_it_was(make_engine: object, enabled: bool) -> None:
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        find_needs(varied_cadres(20), make_engine())  # type: ignore[operator]
        assert gc.isenabled() is enabled

        def fail(_: int) -> None:
            raise RuntimeError("stop")

        with pytest.raises(RuntimeError):
            find_needs(varied_cadres(1000), make_engine(), progress=fail)  # type: ignore[operator]
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


def engine_for(config: Config) -> NeedsEngine:
    return NeedsEngine(config, build_catalog([], config.needs.match_cutoff), [], [], [], VARIED_AS_OF, "zh")


def test_a_compliance_row_holds_the_standing_worked_out_from_the_level() -> None:
    config = Config()
    engine = engine_for(config)
    cadres = varied_cadres(200, seed=13)
    result = find_needs(cadres, engine)
    tiers = {level.name: level.tier for level in config.levels}
    leading = {level.name: level.leading for level in config.levels}
    assert [row.standing for row in result.compliance] == [
        hours_standing(c, tiers.get(c.level, ""), config, VARIED_AS_OF, leading.get(c.level, False)) for c in cadres]
    assert {row.standing.standard for row in result.compliance} == {"annual", "five-year"}


def test_each_units_ranking_is_the_ranking_of_its_own_needs_in_any_order() -> None:
    config = Config()
    engine = engine_for(config)
    cadres = varied_cadres(300, seed=17)
    needs = find_needs(cadres, engine).needs
    shuffled = needs[:]
    random.Random(1).shuffle(shuffled)  # a cadre's needs apart from each other
    unit_of = {c.id: c.unit for c in cadres}
    for order in (needs, shuffled):
        by_unit = rank_topics_by_unit(order, cadres, engine.catalog)
        for unit in dict.fromkeys(c.unit for c in cadres):
            alone = rank_topics([n for n in order if unit_of[n.cadre_id] == unit],
                                [c for c in cadres if c.unit == unit], engine.catalog)
            for row in alone:
                row.unit = unit
            assert [r for r in by_unit if r.unit == unit] == alone


def rounded_each_time(priorities: list[float]) -> float:
    """The demand as it has always been worked out: rounded to 4 decimals after each addition."""
    return functools.reduce(lambda total, p: round(total + p, 4), priorities, 0.0)


def ranked_demand(priorities: list[float]) -> float:
    needs = [Need(cadre_id=str(i), topic_id="writing", source="post", training_type="on-the-job",
                  priority=p, reasons=[]) for i, p in enumerate(priorities)]
    catalog = build_catalog([], Config().needs.match_cutoff)
    [overall] = rank_topics(needs, [], catalog)
    [by_unit] = rank_topics_by_unit(needs, [make_cadre(str(i), unit="A") for i in range(len(needs))], catalog)
    assert repr(by_unit.demand) == repr(overall.demand)
    return overall.demand


@pytest.mark.parametrize("places", [0, 1, 2, 4])
def test_the_demand_of_decimal_priorities_is_rounded_as_after_each_addition(places: int) -> None:
    rnd = random.Random(places)
    for count in (1, 2, 3, 10, 1000, 20_000):
        priorities = [round(rnd.uniform(0, 150), places) for _ in range(count)]
        assert repr(ranked_demand(priorities)) == repr(rounded_each_time(priorities))
    assert repr(ranked_demand([0.1] * 3)) == repr(rounded_each_time([0.1] * 3)) == "0.3"  # not 0.30000000000000004


@pytest.mark.parametrize("priorities", [[1 / 3] * 7, [0.123456, 2.5, 0.000049], [3.5, -0.0, 0.0], [-2.5, 1.25],
                                        [46, 43, 30], [4e8, 4e8, 4e8], [5.0, math.inf], [math.nan, 1.0]])
def test_the_demand_of_other_priorities_is_rounded_after_each_addition(priorities: list[float]) -> None:
    assert repr(ranked_demand(priorities)) == repr(rounded_each_time(priorities))


def test_a_priority_is_its_score_rounded_to_2_decimals_however_often_asked() -> None:
    scores = [38.5, 38.505, 38.515, 1 / 3, 0.0, -0.0, -1.005, 0, 3, True, 1e20, math.inf, math.nan, 2.675]
    for _ in range(2):  # asked again: remembered
        assert [repr(need_priority(s)) for s in scores] == [repr(round(s, 2)) for s in scores]
    assert repr(need_priority(-0.0)) == "-0.0"
    assert repr(need_priority(3)) == "3"


@pytest.fixture(params=["zh", "en"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> NeedsEngine:
    """The built-in rules and some of every other kind (see VARIED_RULES in conftest)."""
    rules = tmp_path / "rules.toml"
    rules.write_text(VARIED_RULES, encoding="utf-8")
    config = Config()
    catalog = build_catalog([], config.needs.match_cutoff)
    ruleset = load_rules(catalog, config, path=rules)
    return NeedsEngine(config, catalog, ruleset.rules, list(VARIED_POSTS), list(VARIED_PRIORITIES), VARIED_AS_OF,
                       request.param)


def plainly_merged(engine: NeedsEngine, need: Need, deficit: float | None) -> tuple[object, ...]:
    """What merging a need's reasons gives, worked out from its reasons alone."""
    reasons = sorted(need.reasons, key=lambda r: (-r.score, NEED_SOURCES.index(r.source), r.rule_id))
    best = reasons[0]
    topic = engine.catalog.by_id[need.topic_id]
    training_type = best.training_type or ("theory" if best.source == "theory-core" else topic.training_type)
    by_deficit = best.source == "compliance" or best.rule_id == "obligation:hours"
    hours = float(deficit) if by_deficit and deficit else topic.hours
    priority = round(best.score + engine.config.needs.merge_bonus * (len(reasons) - 1), 2)
    return (need.topic_id, best.source, training_type, priority, tuple(reasons), hours)


def test_each_need_is_its_reasons_merged_and_a_cadres_needs_come_in_order(engine: NeedsEngine) -> None:
    cadres = varied_cadres(400, seed=23)
    result = find_needs(cadres, engine)
    deficit = {c.id: row.standing.deficit for c, row in zip(cadres, result.compliance, strict=True)}
    order = engine.catalog.order
    merged = 0
    for cadre_id, group in groupby(result.needs, key=lambda n: n.cadre_id):
        needs = list(group)
        assert len({n.topic_id for n in needs}) == len(needs)
        assert needs == sorted(needs, key=lambda n: (n.source != "obligation", order[n.topic_id], -n.priority,
                                                     n.topic_id))
        for need in needs:
            assert len({r.rule_id for r in need.reasons}) == len(need.reasons)
            assert (need.topic_id, need.source, need.training_type, need.priority, need.reasons,
                    need.hours) == plainly_merged(engine, need, deficit[cadre_id])
            merged += len(need.reasons) > 1
    assert merged > 20


def test_needs_merged_alike_share_reasons_no_need_can_change_for_another(engine: NeedsEngine) -> None:
    # one tuple per distinct set of reasons (millions of needs at a province's size): never a list one
    # need could clear or extend under the others
    needs = find_needs(varied_cadres(50, seed=29), engine).needs
    assert all(isinstance(n.reasons, tuple) for n in needs)
    assert len({id(n.reasons) for n in needs}) < len(needs) / 2


# --- a share of the cadres found in a second process (need_shares), taken back as if found here ---------------------

class Failed:
    """A second process that started and then failed (result() None), noting whether it was stopped."""

    def __init__(self, work: object) -> None:
        self.stopped = False

    def result(self) -> bytes | None:
        return None

    def stop(self) -> None:
        self.stopped = True


def everything(result: NeedsResult, engine: NeedsEngine) -> tuple[object, ...]:
    return (result.needs, result.unmatched, result.compliance, result.obligations, result.not_fired,
            engine.reached, engine.catalog.mapping)


def alone_and_beside(make_engine: object, cadres: list[Cadre], beside: object) -> tuple[tuple[object, ...], ...]:
    alone_engine, beside_engine = make_engine(), make_engine()  # type: ignore[operator]
    alone = find_needs(cadres, alone_engine)
    shared = find_needs(cadres, beside_engine, beside=beside)  # type: ignore[arg-type]
    return everything(alone, alone_engine), everything(shared, beside_engine)


@pytest.mark.skipif(not can_fork(), reason="a second process needs fork")
@pytest.mark.parametrize("count", [3, 7, 300])  # the second takes 1, 2 and 126 of them
def test_needs_found_beside_are_those_found_alone(make_engine: object, count: int,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    cadres = varied_cadres(count, seed=count)
    cadres[-1] = cadres[-1].model_copy(update={"wishes": ["公文写作能力", "依法行政"]})  # texts only it names
    came = bytes_that_came(monkeypatch)
    alone, beside = alone_and_beside(make_engine, cadres, Forked.start)
    assert came == [True]
    assert beside == alone
    if count == 300:  # the share found beside added something of every kind the second process sends back
        head_engine = make_engine()  # type: ignore[operator]
        head = everything(find_needs(cadres[:count - share_of(count)], head_engine), head_engine)
        theirs = {c.id for c in cadres[count - share_of(count):]}
        needs, unmatched, compliance, obligations, _, reached, mapping = beside
        assert {r.source for n in needs if n.cadre_id in theirs for r in n.reasons} == set(NEED_SOURCES)  # type: ignore[attr-defined]
        assert any(n.deadline for n in needs if n.cadre_id in theirs)  # type: ignore[attr-defined]
        assert {u.kind for u in unmatched if u.cadre_id in theirs} == {"wish"}  # type: ignore[attr-defined]
        assert any(c.standing.deadline for c in compliance if c.cadre_id in theirs)  # type: ignore[attr-defined]
        assert {o.status for o in obligations if o.cadre_id in theirs} >= {"due", "overdue", "met"}  # type: ignore[attr-defined]
        assert any(o.missing for o in obligations if o.cadre_id in theirs)  # type: ignore[attr-defined]
        assert len(mapping) > len(head[6])  # type: ignore[arg-type]
        assert reached != head[5]


@pytest.mark.skipif(not can_fork(), reason="a second process needs fork")
def test_the_cadres_found_beside_are_the_last_share_and_their_needs_keep_the_cadre_order(
        make_engine: object, monkeypatch: pytest.MonkeyPatch) -> None:
    cadres = varied_cadres(100, seed=9)
    shown: list[int] = []
    came = bytes_that_came(monkeypatch)
    result = find_needs(cadres, make_engine(), progress=shown.append, beside=Forked.start)  # type: ignore[operator]
    assert came == [True]
    assert [n.cadre_id for n in result.needs] == sorted(n.cadre_id for n in result.needs)
    assert [c.cadre_id for c in result.compliance] == [c.id for c in cadres]
    assert shown == [share_of(100)]  # fewer than 1,000 found here: only the share found beside is shown


@pytest.mark.parametrize("start", ["fails", "cannot start"])
def test_a_second_process_that_fails_leaves_its_cadres_to_this_one(make_engine: object, start: str) -> None:
    started: list[Failed] = []

    def beside(work: object) -> Failed | None:
        if start == "cannot start":
            return None
        started.append(Failed(work))
        return started[-1]

    alone, shared = alone_and_beside(make_engine, varied_cadres(120, seed=4), beside)
    assert shared == alone
    assert [f.stopped for f in started] == ([True] if start == "fails" else [])


@pytest.mark.skipif(not can_fork(), reason="a second process needs fork")
def test_a_second_process_stuck_past_its_time_is_killed_and_its_cadres_found_here(
        make_engine: object, monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[Forked] = []

    def beside(work: Callable[[], bytes]) -> Forked | None:
        forked = Forked.start(work, wait=0.2)
        if forked is not None:
            started.append(forked)
        return forked

    stuck_copy(monkeypatch)
    alone, shared = alone_and_beside(make_engine, varied_cadres(120, seed=5), beside)
    assert shared == alone
    assert len(started) == 1 and started[0].done
    assert no_child_left()


def test_explaining_finds_every_need_here(make_engine: object) -> None:
    cadres = varied_cadres(50, seed=2)
    called: list[object] = []
    explained = find_needs(cadres, make_engine(), explain={cadres[0].id},  # type: ignore[operator]
                           beside=lambda work: called.append(work))
    assert called == []
    assert cadres[0].id in explained.not_fired


@pytest.mark.skipif(not can_fork(), reason="a second process needs fork")
def test_an_interrupt_while_finding_stops_the_second_process(make_engine: object) -> None:
    started: list[Forked] = []

    def beside(work: Callable[[], bytes]) -> Forked | None:
        forked = Forked.start(work)
        if forked is not None:
            started.append(forked)
        return forked

    def interrupt(_: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        find_needs(varied_cadres(2_500, seed=1), make_engine(), progress=interrupt, beside=beside)  # type: ignore[operator]
    assert len(started) == 1 and started[0].done
    assert no_child_left()  # stopped and reaped
