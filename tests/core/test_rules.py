"""Rules as data: operators over facts, explanations, loading and checking from TOML and from a sheet."""

from __future__ import annotations

import datetime as dt
import inspect
import os
import re
from pathlib import Path
from typing import Any

import pytest
from builders import ROOT, catalog, make_cadre, make_workbook, where

from needscli.config import Config
from needscli.core import rules as rules_module
from needscli.core.needs import NeedsEngine, find_needs
from needscli.core.rules import OPS, RuleSet, evaluate, explain_condition, holds
from needscli.errors import NeedsError
from needscli.io.rules_file import load_rules
from needscli.models import Condition, Rule
from needscli.pipeline import analyze

AS_OF = dt.date(2026, 11, 1)


def cond(field: str, op: str, value: Any = None) -> Condition:
    return Condition(field=field, op=op, value=value)


def held(field: str, op: str, value: Any, facts: dict[str, Any]) -> bool:
    return explain_condition(cond(field, op, value), facts, "zh")[0]


# --- operators ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("field", "op", "value", "facts", "expected"), [
    ("level", "==", "县处级副职", {"level": "县处级副职"}, True),
    ("level", "==", "县处级副职", {"level": "一级科员"}, False),
    ("level_group", "==", "县处级以上", {"level_group": ["厅局级以上", "县处级以上"]}, True),
    ("level_group", "==", "县处级以上", {"level_group": ["乡科级及以下"]}, False),
    ("is_leading", "==", True, {"is_leading": True}, True),
    ("is_leading", "==", True, {"is_leading": False}, False),
    ("level", "!=", "县处级副职", {"level": "一级科员"}, True),
    ("level", "!=", "县处级副职", {"level": "县处级副职"}, False),
    ("level_group", "!=", "县处级以上", {"level_group": ["乡科级及以下"]}, True),
    ("level_group", "!=", "县处级以上", {"level_group": ["县处级以上"]}, False),
    ("months_in_post", "<", 12.0, {"months_in_post": 11}, True),
    ("months_in_post", "<", 12.0, {"months_in_post": 12}, False),
    ("months_in_post", "<=", 12.0, {"months_in_post": 12}, True),
    ("months_in_post", "<=", 12.0, {"months_in_post": 13}, False),
    ("hours_deficit", ">", 0.0, {"hours_deficit": 0.5}, True),
    ("hours_deficit", ">", 0.0, {"hours_deficit": 0.0}, False),
    ("age", ">=", 35.0, {"age": 35}, True),
    ("age", ">=", 35.0, {"age": 34}, False),
    ("level", "in", ["县处级正职", "县处级副职"], {"level": "县处级副职"}, True),
    ("level", "in", ["县处级正职", "县处级副职"], {"level": "一级科员"}, False),
    ("level_group", "in", ["厅局级以上", "县处级以上"], {"level_group": ["县处级以上"]}, True),
    ("level_group", "in", ["厅局级以上"], {"level_group": ["县处级以上"]}, False),
    ("level", "not in", ["县处级正职", "县处级副职"], {"level": "一级科员"}, True),
    ("level", "not in", ["县处级正职", "县处级副职"], {"level": "县处级正职"}, False),
    ("level_group", "not in", ["厅局级以上"], {"level_group": ["县处级以上"]}, True),
    ("level_group", "not in", ["县处级以上"], {"level_group": ["县处级以上"]}, False),
    ("completed", "contains", "party-spirit", {"completed": ["discipline", "party-spirit"]}, True),
    ("completed", "contains", "party-spirit", {"completed": ["discipline"]}, False),
    ("post", "contains", "局长", {"post": "副局长"}, True),
    ("post", "contains", "局长", {"post": "科员"}, False),
    ("hours_year", "contains", "4", {"hours_year": 40.0}, False),  # a number contains nothing
    ("category", "empty", None, {"category": ""}, True),
    ("category", "empty", None, {"category": None}, True),
    ("completed", "empty", None, {"completed": []}, True),
    ("category", "empty", None, {}, True),  # a fact nobody gave is empty
    ("category", "empty", None, {"category": "公务员"}, False),
    ("category", "not empty", None, {"category": "公务员"}, True),
    ("category", "not empty", None, {"category": ""}, False),
    ("completed", "not empty", None, {"completed": []}, False),
    ("hours_deficit", "not empty", None, {"hours_deficit": None}, False),
])
def test_operator(field: str, op: str, value: Any, facts: dict[str, Any], expected: bool) -> None:
    assert held(field, op, value, facts) is expected
    rule = Rule(id="r", topics=["writing"], all=[cond(field, op, value)])
    assert evaluate(rule, facts, "en")[0] is expected
    assert holds(cond(field, op, value), facts) is expected  # the text-free check the engine uses


def test_every_operator_is_covered() -> None:
    assert set(OPS) == {"==", "!=", "<", "<=", ">", ">=", "in", "not in", "contains", "empty", "not empty"}


@pytest.mark.parametrize("op", ["==", "!=", "<", "<=", ">", ">=", "in", "not in", "contains"])
def test_an_unknown_fact_never_holds(op: str) -> None:
    value: Any = ["x"] if op in ("in", "not in") else 1.0
    assert held("hours_deficit", op, value, {"hours_deficit": None}) is False
    assert held("hours_deficit", op, value, {}) is False


@pytest.mark.parametrize("op", ["<", "<=", ">", ">="])
def test_an_ordering_over_text_is_false_not_an_error(op: str) -> None:
    assert held("unit", op, 3.0, {"unit": "市财政局"}) is False


def test_explanations_say_the_fact_in_plain_words_and_what_the_rule_asks() -> None:
    assert explain_condition(cond("months_in_post", "<", 12.0), {"months_in_post": 3}, "zh") == (
        True, "任现职 3 个月（少于 12 个月）")
    assert explain_condition(cond("months_since_entry", "<", 12.0), {"months_since_entry": 340}, "zh") == (
        False, "参加工作 340 个月（需少于 12 个月）")
    assert explain_condition(cond("months_in_post", "<", 12.0), {"months_in_post": 30}, "en") == (
        False, "in post 30 months (needs fewer than 12 months)")
    assert explain_condition(cond("is_leading", "==", True), {"is_leading": True}, "zh") == (True, "领导职务：是")
    assert explain_condition(cond("is_leading", "==", True), {"is_leading": False}, "en") == (
        False, "leading post: no (needs yes)")
    assert explain_condition(cond("level_group", "==", "县处级以上"), {"level_group": ["县处级以上"]}, "zh") == (
        True, "职级分组含 县处级以上")
    assert explain_condition(cond("level_group", "==", "县处级以上"), {"level_group": []}, "en") == (
        False, "level group lacks 县处级以上")
    assert explain_condition(cond("hours_deficit", ">", 0.0), {"hours_deficit": None}, "zh") == (
        False, "学时缺口未知（名册未填或无法计算；需多于 0 学时）")
    assert explain_condition(cond("hours_deficit", ">", 0.0), {}, "en") == (
        False, "hours deficit unknown (blank in the roster, or not worked out; needs more than 0 h)")
    assert explain_condition(cond("category", "empty"), {"category": ""}, "zh") == (True, "干部类别未填写")
    assert explain_condition(cond("category", "not empty"), {"category": ""}, "zh") == (False, "干部类别未填写（需已填写）")
    assert explain_condition(cond("level", "in", ["县处级正职", "县处级副职"]), {"level": "一级科员"}, "zh") == (
        False, "职级 一级科员（需属于 县处级正职、县处级副职）")
    assert explain_condition(cond("age", "<", 35.0), {"age": 40}, "zh") == (False, "年龄 40 岁（需少于 35 岁）")
    assert explain_condition(cond("ability:writing", "<=", 2.0), {"ability:writing": 2}, "zh") == (
        True, "自评能力:writing 2（不超过 2）")


def test_an_english_explanation_names_the_configs_words_by_their_english_names() -> None:
    names = Config().english_names()
    assert explain_condition(cond("job_family", "==", "行政执法类"), {"job_family": "综合管理类"}, "en", names) == (
        False, "job family general management (needs administrative enforcement)")
    assert explain_condition(cond("category", "in", ["基层干部", "公务员"]), {"category": "领导干部"}, "en", names) == (
        False, "category leading cadre (needs one of grassroots cadre, civil servant)")
    assert explain_condition(cond("level_group", "==", "县处级以上"), {"level_group": []}, "en", names) == (
        False, "level group lacks county-and-above")
    assert explain_condition(cond("level", "==", "乡科级正职"), {"level": "乡科级正职"}, "en", names) == (
        True, "level: Section Chief")
    # a word the config gives no English name stays as written; the rule is tested on the config's own words
    assert explain_condition(cond("managed_by", "==", "市委管理"), {"managed_by": "市委管理"}, "en", names) == (
        True, "managed by: 市委管理")
    assert explain_condition(cond("job_family", "==", "行政执法类"), {"job_family": "行政执法类"}, "zh") == (
        True, "职位类别：行政执法类")


def test_an_english_runs_reasons_name_job_families_and_level_groups_in_english() -> None:
    roster = ROOT / "data" / "samples" / "roster-en.csv"
    analysis, _ = analyze([roster], Config(), as_of=AS_OF)
    assert analysis.lang == "en"
    reasons = {r.rule_id: r.text for n in analysis.needs for r in n.reasons}
    assert reasons["enforcement-family"].endswith("job family: administrative enforcement")
    assert reasons["leaders-county-up"].endswith("level group includes county-and-above")
    chinese, _ = analyze([roster], Config(), as_of=AS_OF, lang="zh")
    assert {r.rule_id: r.text for n in chinese.needs for r in n.reasons}["enforcement-family"].endswith("职位类别：行政执法类")


def test_evaluate_all_and_any() -> None:
    rule = Rule(id="r", topics=["writing"],
                all=[cond("is_leading", "==", True), cond("months_in_post", "<", 12.0)],
                any=[cond("category", "==", "领导干部"), cond("age", "<", 35.0)])
    facts = {"is_leading": True, "months_in_post": 3, "category": "公务员", "age": 30}
    assert evaluate(rule, facts, "zh") == (True, ["领导职务：是", "任现职 3 个月（少于 12 个月）", "年龄 30 岁（少于 35 岁）"], [])
    facts = {"is_leading": True, "months_in_post": 30, "category": "公务员", "age": 40}
    fired, ok, failed = evaluate(rule, facts, "zh")
    assert not fired
    assert ok == ["领导职务：是"]
    assert failed == ["任现职 30 个月（需少于 12 个月）", "干部类别 公务员（需为领导干部） / 年龄 40 岁（需少于 35 岁）"]


def test_a_rule_without_conditions_always_fires() -> None:
    assert evaluate(Rule(id="all", topics=["writing"]), {}, "zh") == (True, [], [])


# --- loading and checking from TOML ----------------------------------------------------------------

BAD_RULES = '''\
[[rule]]
id = "writers"
topics = ["公文写作"]
all = [{ field = "level", op = "==", value = "一级科员" }]

[[rule]]
id = "bad-field"
topics = ["writing"]
all = [{ field = "month_in_post", op = "<", value = 12 }]

[[rule]]
id = "bad-op"
topics = ["writing"]
all = [{ field = "months_in_post", op = "about", value = 12 }]

[[rule]]
id = "bad-topic"
topics = ["公文写做"]
all = [{ field = "months_in_post", op = "<", value = 12 }]

[[rule]]
id = "bad-number"
topics = ["writing"]
all = [{ field = "months_in_post", op = "<", value = "twelve" }]

[[rule]]
id = "bad-level"
topics = ["writing"]
all = [{ field = "level", op = "==", value = "县处级付职" }]

[[rule]]
id = "writers"
topics = ["digital"]
'''


def load_toml(tmp_path: Path, text: str, config: Config | None = None) -> RuleSet:
    path = tmp_path / "rules.toml"
    path.write_text(text, encoding="utf-8")
    config = config or Config()
    return load_rules(catalog(config), config, path=path)


def test_toml_rule_problems_name_their_line(tmp_path: Path) -> None:
    ruleset = load_toml(tmp_path, BAD_RULES)
    assert [(p.file, p.row, p.code) for p in ruleset.problems] == [
        ("rules.toml", 6, "unknown-field"),
        ("rules.toml", 11, "unknown-operator"),
        ("rules.toml", 16, "unknown-topic"),
        ("rules.toml", 21, "bad-value"),
        ("rules.toml", 26, "bad-value"),
        ("rules.toml", 31, "duplicate-id"),
    ]
    messages = [p.message for p in ruleset.problems]
    assert messages[0] == ('rules.toml line 6: rule bad-field: field "month_in_post" is not a known fact '
                           "(did you mean months_in_post?)")
    assert messages[1].startswith('rules.toml line 11: rule bad-op: operator "about" is not one of ==, !=, <')
    assert messages[2] == ('rules.toml line 16: rule bad-topic: topic "公文写做" is not in the catalog '
                           "(did you mean writing?)")
    assert messages[3] == 'rules.toml line 21: rule bad-number: field months_in_post: "twelve" is not a number'
    assert messages[4] == 'rules.toml line 26: rule bad-level: field level: "县处级付职" is not a known value'
    assert messages[5] == 'rules.toml line 31: rule id "writers" is used twice'


def test_the_rest_of_the_rules_still_apply(tmp_path: Path) -> None:
    ruleset = load_toml(tmp_path, BAD_RULES)
    user = [r for r in ruleset.rules if r.origin.startswith("rules.toml line")]
    assert [(r.id, r.topics, r.origin) for r in user] == [("writers", ["writing"], "rules.toml line 1")]
    builtin = {r.id for r in ruleset.rules if "built-in" in r.origin}
    assert {"theory-core", "enforcement-family", "leaders-county-up"} <= builtin
    needs = needs_with(ruleset, make_cadre("001", level="一级科员"), make_cadre("002", level="二级科员"))
    assert needs["001"]["writing"].rule_ids == ["writers"]
    assert "writing" not in needs["002"]
    assert "digital" not in needs["001"]  # the duplicate was dropped whole


def needs_with(ruleset: RuleSet, *cadres: Any, config: Config | None = None) -> dict[str, dict[str, Any]]:
    config = config or Config()
    engine = NeedsEngine(config, catalog(config), ruleset.rules, [], [], AS_OF)
    result = find_needs(list(cadres), engine)
    out: dict[str, dict[str, Any]] = {c.id: {} for c in cadres}
    for need in result.needs:
        out[need.cadre_id][need.topic_id] = need
    return out


def test_a_rule_with_a_builtin_id_replaces_it(tmp_path: Path) -> None:
    ruleset = load_toml(tmp_path, '''\
[[rule]]
id = "appointment-training"
name = "任职培训：两年内"
topics = ["appointment-training"]
source = "post"
weight = "appointment"
all = [
  { field = "is_leading", op = "==", value = true },
  { field = "months_in_post", op = "<", value = 24 },
]
''')
    assert ruleset.problems == []
    mine = [r for r in ruleset.rules if r.id == "appointment-training"]
    assert [r.origin for r in mine] == ["rules.toml line 1"]
    # 18 months in a leading post: the built-in (12 months) would not fire, the replacement does
    cadre = make_cadre("001", level="县处级副职", appointed=dt.date(2025, 5, 1))
    need = needs_with(ruleset, cadre)["001"]["appointment-training"]
    assert need.rule_ids == ["appointment-training"]
    assert need.reasons[0].text.startswith("任职培训：两年内：")


def test_without_a_user_rule_the_builtin_applies(tmp_path: Path) -> None:
    ruleset = load_toml(tmp_path, "")
    cadre = make_cadre("001", level="县处级副职", appointed=dt.date(2025, 5, 1))
    assert "appointment-training" not in needs_with(ruleset, cadre)["001"]


def test_toml_syntax_error_is_a_needs_error(tmp_path: Path) -> None:
    with pytest.raises(NeedsError) as caught:
        load_toml(tmp_path, '[[rule]]\nid = "x\ntopics = ["writing"]\n')
    assert caught.value.exit_code == 2
    assert caught.value.message.startswith("rules.toml: not valid TOML (")


def test_operator_words_in_chinese(tmp_path: Path) -> None:
    ruleset = load_toml(tmp_path, '''\
[[rule]]
id = "cn-ops"
topics = ["writing"]
all = [{ field = "months_in_post", op = "小于", value = 12 }, { field = "level", op = "属于", value = "一级科员、二级科员" }]
''')
    assert ruleset.problems == []
    rule = next(r for r in ruleset.rules if r.id == "cn-ops")
    assert [(c.field, c.op, c.value) for c in rule.all] == [
        ("months_in_post", "<", 12.0), ("level", "in", ["一级科员", "二级科员"])]


# --- never eval ------------------------------------------------------------------------------------

INJECTION = "__import__('os').system('touch pwned')"


def test_a_value_that_looks_like_code_is_just_a_string(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []
    monkeypatch.setattr(os, "system", lambda *a: calls.append(a))
    monkeypatch.chdir(tmp_path)
    ruleset = load_toml(tmp_path, f'''\
[[rule]]
id = "sneaky"
topics = ["writing"]
all = [{{ field = "unit", op = "==", value = "{INJECTION}" }}]
''')
    assert ruleset.problems == []
    rule = next(r for r in ruleset.rules if r.id == "sneaky")
    assert rule.all[0].value == INJECTION
    needs = needs_with(ruleset, make_cadre("001", unit="市财政局"), make_cadre("002", unit=INJECTION))
    assert "writing" not in needs["001"]
    assert "writing" in needs["002"]  # equal text matches, as text
    assert calls == []
    assert not (tmp_path / "pwned").exists()


def test_the_rules_module_has_no_eval_or_exec() -> None:
    source = inspect.getsource(rules_module)
    assert not re.search(r"\b(eval|exec|compile)\(", source)


# --- rules sheet (规则) ------------------------------------------------------------------------------

# operators are written as words: Excel takes a cell starting with "=" for a formula
RULES_HEADER = ["规则编号", "规则名称", "匹配方式", "字段", "运算符", "值", "培训主题", "需求来源", "权重"]
ROSTER = [["编号", "姓名", "单位", "职务", "职级", "任现职时间"],
          ["001", "甲", "市财政局", "科员", "一级科员", "2020-01"],
          ["002", "乙", "市财政局", "副局长", "县处级副职", "2025-05"]]


def analyze_sheet(tmp_path: Path, rule_rows: list[list[object]]) -> Any:
    path = make_workbook(tmp_path, {"花名册": ROSTER, "规则": [RULES_HEADER, *rule_rows]})
    analysis, _ = analyze([path], Config(), as_of=AS_OF)
    return analysis


def test_sheet_rule_problems_name_their_row(tmp_path: Path) -> None:
    analysis = analyze_sheet(tmp_path, [
        ["R1", "科员写作", "all", "level", "等于", "一级科员", "公文写作", "岗位需求", "30"],
        ["R2", None, None, "month_in_post", "<", "12", "公文写作", None, None],
        ["R3", None, None, "months_in_post", "约等于", "12", "公文写作", None, None],
        ["R4", None, None, "level", "等于", "一级科员", "公文写做", None, None],
        ["R5", None, None, "months_in_post", "<", "十二", "公文写作", None, None],
        ["R6", None, None, "level", "等于", "一级科员", "公文写作", None, "very high"],
    ])
    problems = [p for p in analysis.problems if (p.file, p.sheet) == ("roster.xlsx", "规则")]
    assert [(p.row, p.code) for p in problems] == [
        (3, "unknown-field"), (4, "unknown-operator"), (5, "unknown-topic"), (6, "bad-value"), (7, "bad-value")]
    # the roster's language: Chinese
    assert problems[0].message == ("roster.xlsx，工作表「规则」第 3 行：规则 R2：字段「month_in_post」不是已知的事实"
                                   "（是否指「months_in_post」？）")
    assert "（是否指「writing」？）" in problems[2].message
    assert problems[4].message.startswith("roster.xlsx，工作表「规则」第 7 行：规则 R6：权重「very high」既不是数字")
    # R1 still applies
    rule_ids = {(n.cadre_id, n.topic_id): n.rule_ids for n in analysis.needs}
    assert rule_ids[("001", "writing")] == ["R1"]
    assert ("002", "writing") not in rule_ids
    assert [r.id for r in analysis.rules if r.id.startswith("R")] == ["R1"]


def test_sheet_rows_sharing_an_id_form_one_rule(tmp_path: Path) -> None:
    analysis = analyze_sheet(tmp_path, [
        ["R1", "新任领导", "all", "is_leading", "等于", "是", "领导力", "岗位需求", "50"],
        ["R1", None, "all", "months_in_post", "<", "24", None, None, None],
    ])
    assert analysis.problems == []
    rule = next(r for r in analysis.rules if r.id == "R1")
    assert [(c.field, c.op, c.value) for c in rule.all] == [("is_leading", "==", True), ("months_in_post", "<", 24.0)]
    assert rule.origin == "roster.xlsx, sheet 规则 row 2"
    need = next(n for n in analysis.needs if n.cadre_id == "002" and n.topic_id == "leadership")
    assert need.rule_ids[0] == "R1"
    assert need.priority == 50 + 1  # R1 (50) merged with the built-in leaders-county-up (30)


def test_sheet_rule_id_repeated_further_down_is_a_duplicate(tmp_path: Path) -> None:
    analysis = analyze_sheet(tmp_path, [
        ["R1", "科员写作", "all", "level", "等于", "一级科员", "公文写作", None, None],
        ["R2", "数字化", "all", "level", "等于", "县处级副职", "数字政府", None, None],
        ["R1", "科员应急", "all", "months_in_post", ">", "12", "应急管理", None, None],
    ])
    assert [(p.row, p.code) for p in analysis.problems] == [(4, "duplicate-id")]


def test_sheet_rule_with_a_builtin_id_replaces_it(tmp_path: Path) -> None:
    analysis = analyze_sheet(tmp_path, [
        ["appointment-training", "任职培训：两年内", "all", "is_leading", "等于", "是", "任职培训", "岗位需求",
         "appointment"],
        ["appointment-training", None, "all", "months_in_post", "<", "24", None, None, None],
    ])
    assert analysis.problems == []
    assert [r.origin for r in analysis.rules if r.id == "appointment-training"] == ["roster.xlsx, sheet 规则 row 2"]
    # 002 has held a leading post for 18 months
    assert [n.rule_ids for n in analysis.needs if n.cadre_id == "002" and n.topic_id == "appointment-training"] == [
        ["appointment-training"]]


def test_rule_problems_from_a_sheet_are_problems_of_the_run(tmp_path: Path) -> None:
    analysis = analyze_sheet(tmp_path, [["R9", None, None, "levle", "等于", "一级科员", "公文写作", None, None]])
    assert where(analysis.problems) == [(2, "", "unknown-field")]
    assert "（是否指「level」？）" in analysis.problems[0].message


def test_sheet_rule_problem_names_file_and_sheet_apart(tmp_path: Path) -> None:
    analysis = analyze_sheet(tmp_path, [["R9", None, None, "levle", "等于", "一级科员", "公文写作", None, None]])
    assert [(p.file, p.sheet, p.row) for p in analysis.problems] == [("roster.xlsx", "规则", 2)]


def test_toml_rule_with_an_unknown_key_is_a_problem(tmp_path: Path) -> None:
    ruleset = load_toml(tmp_path, '''\
[[rule]]
id = "clerks-only"
topics = ["writing"]
alll = [{ field = "level", op = "==", value = "一级科员" }]
''')
    assert [p.row for p in ruleset.problems] == [1]
    assert "alll" in ruleset.problems[0].message
    assert "writing" not in needs_with(ruleset, make_cadre("001", level="县处级副职"))["001"]


@pytest.mark.parametrize("text", [
    "rule = [1, 2]\n",
    '[[rule]]\nid = "x"\ntopics = ["writing"]\nall = "level == 一级科员"\n',
    '[[rule]]\nid = "x"\ntopics = ["writing"]\nall = [1]\n',
    '[[rule]]\nid = "x"\ntopics = 5\n',
], ids=["rule-not-a-table", "all-a-string", "condition-not-a-table", "topics-a-number"])
def test_a_rule_of_the_wrong_shape_is_reported_not_raised(tmp_path: Path, text: str) -> None:
    try:
        ruleset = load_toml(tmp_path, text)
    except NeedsError as exc:
        assert exc.message.startswith("rules.toml")
        return
    assert ruleset.problems
    assert all(p.file == "rules.toml" for p in ruleset.problems)
    assert not [r for r in ruleset.rules if r.id == "x"]


def test_an_enterprise_ladder_gets_the_soe_topic_without_a_category_column() -> None:
    """An HR system's export carries no 干部类别: the built-in enterprise-managers rule fires on the enterprise ladder
    (tier 企业) too, so 292 company managers were not left without 国企改革与现代企业管理."""
    import datetime as dt

    from builders import make_cadre

    from needscli.config import Config
    from needscli.core.needs import NeedsEngine, find_needs
    from needscli.io.catalog_file import build_catalog
    from needscli.io.rules_file import load_rules

    config = Config()
    catalog = build_catalog([], config.needs.match_cutoff)
    engine = NeedsEngine(config, catalog, load_rules(catalog, config).rules, [], [], dt.date(2026, 11, 1), "zh")
    manager = make_cadre("M", level="中层副职", post="部门副经理", unit="XX集团有限公司")
    staff = make_cadre("S", level="一级科员", post="科员")
    result = find_needs([manager, staff], engine)
    topics = {(n.cadre_id, n.topic_id) for n in result.needs}
    assert ("M", "soe-management") in topics and ("S", "soe-management") not in topics
