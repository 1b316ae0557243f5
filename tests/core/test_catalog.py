"""The topic catalog: topics from parsed TOML, and the one resolver every input's topic texts go through
(exact id or name, alias, close match; a post's or priority's text that matches nothing becomes a new
topic), user topics before built-in ones, and the mapping of the texts it took other than by name."""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path

import pytest
from builders import ROSTER_HEADER, catalog, make_workbook, where

from needscli.config import Config
from needscli.core import catalog as catalog_module
from needscli.core.catalog import (
    ALIAS,
    CLOSE,
    EXACT,
    NEW,
    Catalog,
    TopicMapping,
    merge_catalog,
    topics_from_toml,
)
from needscli.errors import NeedsError
from needscli.io.catalog_file import default_topics
from needscli.io.rules_file import load_rules
from needscli.models import Inputs, Priority, Resource, Topic
from needscli.pipeline import analyze, check_inputs, register_input_topics, resolve_resources

AS_OF = dt.date(2026, 11, 1)
POSTS_HEADER = ["岗位名称", "培训主题", "要求水平", "重要程度"]
PRIORITIES_HEADER = ["编号", "培训主题", "需求来源", "适用单位", "适用职级", "适用类别", "优先级"]


def taken(topics: Catalog, text: str) -> tuple[str, str] | None:
    """(topic id, how) of the text's match, or None."""
    found = topics.match(text)
    return (found.topic.id, found.how) if found else None


def test_the_core_takes_parsed_data() -> None:
    (topic,) = topics_from_toml({"topic": [{"id": "a", "name_zh": "甲"}]}, "mine.toml")
    assert (topic.id, topic.file) == ("a", "mine.toml")
    with pytest.raises(NeedsError, match="expected \\[\\[topic\\]\\] tables"):
        topics_from_toml({"topic": "a"}, "mine.toml")


# --- one resolver -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "topic_id", "how"), [
    ("enforcement", "enforcement", EXACT),  # id
    ("行政执法规范化", "enforcement", EXACT),  # name
    ("standardized  ADMINISTRATIVE enforcement", "enforcement", EXACT),  # English name, any case and spaces
    ("执法规范化", "enforcement", ALIAS),
    ("执法规范", "enforcement", CLOSE),  # difflib: 0.89 to the alias 执法规范化
    ("数字政府建设", "digital", CLOSE),  # difflib: 0.80 to the alias 数字政府
    ("安全生产专项整治", "emergency", CLOSE),  # contains the alias 安全生产, and no other topic's word
])
def test_a_text_is_matched_by_id_name_alias_or_close_match(text: str, topic_id: str, how: str) -> None:
    assert taken(catalog(), text) == (topic_id, how)


def test_a_text_far_from_every_topic_matches_nothing() -> None:
    assert taken(catalog(), "量子烹饪") is None
    assert taken(catalog(), "营商环境优化") is None


def test_a_text_is_matched_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = difflib.get_close_matches

    def counted(word: str, *args: object, **kwargs: object) -> list[str]:
        calls.append(word)
        return real(word, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(catalog_module.difflib, "get_close_matches", counted)
    topics = catalog()
    for source in ("wish", "wish", "rating", ""):
        assert topics.resolve("数字政府建设", source=source) is topics.by_id["digital"]
    assert calls == ["数字政府建设"]


@pytest.mark.parametrize("limit", [3, 100])
def test_texts_another_copy_took_are_taken_as_if_resolved_here_after(monkeypatch: pytest.MonkeyPatch,
                                                                      limit: int) -> None:
    monkeypatch.setattr(catalog_module, "LIMIT", limit)
    texts = [("执法规范", "wish"), ("数字政府建设", "wish"), ("数字政府建设", "rating"), ("安全生产专项整治", "rating"),
             ("执法规范", "wish"), ("执法规范化", "wish")]
    one, here, there = catalog(), catalog(), catalog()
    for text, source in texts:
        one.match(text, source)
    for text, source in texts[:2]:
        here.match(text, source)
    before = there.noted()
    for text, source in texts[1:]:  # the other copy also takes a text taken here
        there.match(text, source)
    here.take_notes(there.notes_since(before))
    assert here.mapping == one.mapping
    assert len(one.mapping) == min(limit, 5)


def test_a_post_topic_close_to_a_rule_topic_is_one_need(tmp_path: Path) -> None:
    """执法规范 (a post's) and 行政执法规范化 (the built-in enforcement-family rule's) are one topic."""
    path = make_workbook(tmp_path, {
        "花名册": [[*ROSTER_HEADER, "职位类别"], ["001", "张三", "市市场监管局", "执法员", "一级科员", "行政执法类"]],
        "岗位": [POSTS_HEADER, ["执法员", "执法规范", 4, 5]]})
    analysis, _ = analyze([path], Config(), as_of=AS_OF)
    needs = [n for n in analysis.needs if n.cadre_id == "001"]
    (enforcement,) = [n for n in needs if analysis.catalog.label(n.topic_id, "zh") in ("执法规范", "行政执法规范化")]
    assert enforcement.topic_id == "enforcement"
    assert set(enforcement.rule_ids) == {"enforcement-family", "post:执法员"}
    assert not any(t.name_zh == "执法规范" for t in analysis.catalog.topics)  # no topic of its own
    (problem,) = [p for p in analysis.problems if p.code == "topic-close-match"]
    assert (problem.file, problem.sheet, problem.row, problem.column, problem.severity) == (
        path.name, "岗位", 2, "培训主题", "warning")
    # said in the roster's language, the topic by its name (never its id)
    assert "「执法规范」不是课程目录中的主题名称或别名，已按最接近的「行政执法规范化」读取" in problem.message
    assert "enforcement" not in problem.message


def test_a_priority_close_to_a_built_in_topic_reaches_its_resources() -> None:
    """数字政府建设 is the built-in 数字政府与数字化能力: the resources that teach that teach the priority."""
    topics = catalog()
    before = len(topics.topics)
    inputs = Inputs(priorities=[Priority(id="P4", topic="数字政府建设", file="cadres.xlsx", sheet="组织需求", row=5)],
                    resources=[Resource(provider="XX大学", topics=["数字政府与数字化能力"])])
    problems = register_input_topics(topics, inputs)
    resources, resource_problems = resolve_resources(inputs, topics, Config())
    assert topics.ensure("数字政府建设").id == resources[0].topics[0] == "digital"
    assert len(topics.topics) == before  # no new topic
    assert resource_problems == []  # the resource names the topic exactly
    assert where(problems) == [(5, "培训主题", "topic-close-match")]
    assert (problems[0].file, problems[0].sheet) == ("cadres.xlsx", "组织需求")


def test_a_text_matching_nothing_is_a_new_topic_for_a_post_or_priority_only() -> None:
    topics = catalog()
    assert topics.resolve("低空经济", source="wish") is None
    found = topics.ensure_match("低空经济", "theory", "组织需求", source="priority")
    assert (found.how, found.topic.id, found.topic.name_zh, found.topic.training_type) == (
        NEW, found.topic.id, "低空经济", "theory")
    assert found.topic.id.startswith("t-")
    assert topics.resolve("低空经济", source="wish") is found.topic  # from now on, by its name


def test_a_close_match_of_a_post_priority_or_resource_is_reported_once_per_text(tmp_path: Path) -> None:
    """validate names each close match, at the first row that writes it."""
    path = make_workbook(tmp_path, {
        "花名册": [ROSTER_HEADER, ["001", "张三", "市财政局", "科员", "一级科员"]],
        "岗位": [POSTS_HEADER, ["科员", "执法规范", 4, 5], ["科长", "执法规范", 5, 5], ["科长", "公文写作", 4, 4]],
        "组织需求": [PRIORITIES_HEADER, ["P1", "数字政府建设", "其他", "全部", "全部", "全部", 3]],
        "培训资源": [["培训机构", "机构类型", "承训主题", "每期座位"], ["市委党校", "党校", "党性教育；法治政府建设", 50]]})
    problems = [p for p in check_inputs([path], Config()).problems if p.code == "topic-close-match"]
    assert [(p.sheet, p.row, p.column) for p in problems] == [
        ("组织需求", 2, "培训主题"), ("岗位", 2, "培训主题"), ("培训资源", 2, "承训主题")]
    assert "（另有 1 行同此）" in problems[1].message
    assert all(p.severity == "warning" for p in problems)
    assert "「法治政府建设」" in problems[2].message and "「法治思维与依法行政」" in problems[2].message


# --- user topics first ------------------------------------------------------------------------------

USER_WRITING = Topic(id="my-writing", name_zh="写作", name_en="Writing")


def test_a_user_topic_wins_a_word_a_built_in_topic_has() -> None:
    """Writing is the user's topic, not the built-in Official writing (whose id is "writing")."""
    topics = merge_catalog(default_topics(), [USER_WRITING], 0.72)
    for text in ("Writing", "writing", " WRITING "):
        assert taken(topics, text) == ("my-writing", EXACT)
    assert topics.resolve("公文写作") is topics.by_id["writing"]  # the built-in keeps its other words
    assert taken(catalog(), "writing") == ("writing", EXACT)  # without the user's topic


def test_a_close_match_prefers_a_user_topic_over_a_closer_built_in_one() -> None:
    mine = Topic(id="doc-norms", name_zh="公文写作规范")
    # 公文写作课: 0.89 to the built-in 公文写作, 0.73 to the user's 公文写作规范; both above the cutoff
    assert taken(catalog(), "公文写作课") == ("writing", CLOSE)
    topics = merge_catalog(default_topics(), [mine], 0.72)
    assert taken(topics, "公文写作课") == ("doc-norms", CLOSE)


def test_a_user_topic_of_a_built_in_id_replaces_it() -> None:
    mine = Topic(id="writing", name_zh="公文写作与处理", aliases=["写材料"])
    topics = merge_catalog(default_topics(), [mine], 0.72)
    assert topics.by_id["writing"] is mine
    assert [t.id for t in topics.topics].count("writing") == 1
    assert topics.resolve("写材料") is mine


def test_a_rule_names_its_topic_by_id_before_a_user_topic_named_like_it(tmp_path: Path) -> None:
    topics = merge_catalog(default_topics(), [USER_WRITING], 0.72)
    rules = tmp_path / "rules.toml"
    rules.write_text('[[rule]]\nid = "w"\ntopics = ["writing", "Writing"]\n'
                     'all = [{ field = "age", op = ">=", value = 50 }]\n', encoding="utf-8")
    ruleset = load_rules(topics, Config(), path=rules)
    assert ruleset.problems == []
    (rule,) = [r for r in ruleset.rules if r.id == "w"]
    assert rule.topics == ["writing", "my-writing"]


# --- the mapping ------------------------------------------------------------------------------------

def test_the_mapping_lists_each_text_taken_other_than_by_name_once() -> None:
    topics = catalog()
    new = topics.ensure("低空经济", source="post").id
    for _ in range(3):  # a wish on many cadres: one line
        topics.resolve("数字政付", source="wish")
    topics.resolve("依法行政", source="rating")
    topics.resolve("依法行政", source="completion")
    topics.resolve("公文写作", source="wish")  # by name: not listed
    topics.resolve("量子烹饪", source="wish")  # matches nothing: the Unmatched sheet's
    topics.resolve("执法规范")  # no source: the rules' and the reports' own look-ups
    assert topics.mapping == [
        TopicMapping("低空经济", "post", NEW, new),
        TopicMapping("数字政付", "wish", CLOSE, "digital"),
        TopicMapping("依法行政", "rating", ALIAS, "rule-of-law"),
        TopicMapping("依法行政", "completion", ALIAS, "rule-of-law"),
    ]


def test_a_resource_teaching_appointment_training_teaches_each_bands_graded_class() -> None:
    """市委党校 lists 任职培训: appointees sit in 县处级以上任职培训 and 乡科级任职培训 (the bands' topics)."""
    topics = catalog()
    inputs = Inputs(resources=[Resource(provider="市委党校", topics=["任职培训", "初任培训"]),
                               Resource(provider="XX大学", topics=["乡科级任职培训"])])
    resources, problems = resolve_resources(inputs, topics, Config())
    assert problems == []
    assert [r.topics for r in resources] == [
        ["appointment-training", "initial-training", "appointment-county", "appointment-township"],
        ["appointment-township"]]  # a band's own topic is that band's alone
