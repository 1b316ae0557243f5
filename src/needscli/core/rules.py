"""Rules as data: from parsed TOML or a sheet's rows, checked once with line/row numbers, evaluated over facts."""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from needscli.config import Config
from needscli.core.catalog import Catalog
from needscli.core.facts import FACTS, TOPIC_FACTS, fact_label
from needscli.errors import NeedsError, Problem, validation_problems
from needscli.models import NEED_SOURCES, Condition, Rule
from needscli.text import did_you_mean, fold, is_numeric_text, split_list
from needscli.vocab import NEED_SOURCE_WORDS, TRAINING_TYPE_WORDS, Vocab, resolve_word


def _contains(fact: Any, value: Any) -> bool:
    return value in fact if isinstance(fact, list | str) else False


def _equal(fact: Any, value: Any) -> bool:
    return value in fact if isinstance(fact, list) else fact == value


OPS: dict[str, Callable[[Any, Any], bool]] = {
    "==": _equal,
    "!=": lambda f, v: not _equal(f, v),
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "in": lambda f, v: any(x in v for x in f) if isinstance(f, list) else f in v,
    "not in": lambda f, v: not (any(x in v for x in f) if isinstance(f, list) else f in v),
    "contains": _contains,
    "empty": lambda f, v: f in (None, "", []),
    "not empty": lambda f, v: f not in (None, "", []),
}
OP_WORDS = {
    "==": ["==", "=", "eq", "is", "等于", "是"],
    "!=": ["!=", "<>", "ne", "not", "不等于", "不是"],
    "<": ["<", "lt", "小于", "少于"],
    "<=": ["<=", "le", "小于等于", "不超过"],
    ">": [">", "gt", "大于", "多于"],
    ">=": [">=", "ge", "大于等于", "不少于"],
    "in": ["in", "属于", "之一"],
    "not in": ["not in", "notin", "不属于"],
    "contains": ["contains", "包含", "含"],
    "empty": ["empty", "is empty", "为空", "空"],
    "not empty": ["not empty", "notempty", "不为空", "非空"],
}
_NO_VALUE = {"empty", "not empty"}
_ORDERING = {"<", "<=", ">", ">="}
CORE_TOKEN = "@core"


@dataclass
class RuleSet:
    rules: list[Rule] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class Where:
    """Where a rule was written: a TOML file's line or a sheet's row."""

    file: str
    line: int | None = None
    sheet: str = ""

    def __str__(self) -> str:
        place = "?" if self.line is None else str(self.line)
        return f"{self.file}, sheet {self.sheet} row {place}" if self.sheet else f"{self.file} line {place}"

    def at(self, line: int | None) -> Where:
        return Where(self.file, line, self.sheet)


RawRules = list[tuple[Where, Any]]
RULE_KEYS = ("id", "name", "name_en", "topics", "source", "weight", "training_type", "all", "any")
CONDITION_KEYS = ("field", "op", "value")


def toml_rules(data: dict[str, Any], origin: str, lines: list[int]) -> RawRules:
    """(where, raw rule) for each [[rule]] of a parsed TOML file; lines: the line of each [[rule]] header."""
    items = data.get("rule", [])
    if not isinstance(items, list):
        raise NeedsError(f"{origin}: expected [[rule]] tables")
    return [(Where(origin, lines[i] if i < len(lines) else None), item) for i, item in enumerate(items)]


_SHEET_KEYS = ("name", "topics", "source", "weight", "training_type")


def parse_sheet_rules(rows: list[tuple[int, dict[str, str]]], file: str, sheet: str) -> RawRules:
    """Consecutive rows sharing an id form one rule, each row adding one condition.

    An id that comes back after another rule's rows, or repeats with another definition, stands
    apart so that it is reported as a duplicate at its own row.
    """
    out: RawRules = []
    current: dict[str, Any] | None = None
    for row, values in rows:
        rule_id = values.get("id", "")
        defined = {k: (split_list(values[k]) if k == "topics" else values[k]) for k in _SHEET_KEYS if values.get(k)}
        same = current is not None and current["id"] == rule_id and all(
            current.get(k, v) == v for k, v in defined.items())
        if not same:
            current = {"id": rule_id, "all": [], "any": []}
            out.append((Where(file, row, sheet), current))
        assert current is not None
        for key, value in defined.items():
            current.setdefault(key, value)
        if values.get("field"):
            match = "any" if fold(values.get("match", "")) in {"any", "任一", "或", "任意"} else "all"
            current[match].append({"field": values["field"], "op": values.get("op", "=="),
                                   "value": values.get("value", ""), "_row": row})
    return out


@dataclass
class RuleChecker:
    """Checks raw rules against the known facts, operators and topics."""

    catalog: Catalog
    config: Config
    vocab: Vocab
    problems: list[Problem] = field(default_factory=list)

    def problem(self, code: str, where: Where, what: str) -> None:
        self.problems.append(Problem(code=code, message=f"{where}: {what}", file=where.file, sheet=where.sheet,
                                     row=where.line))

    def check(self, raw_rules: RawRules) -> list[Rule]:
        out: list[Rule] = []
        seen: set[str] = set()
        for where, raw in raw_rules:
            if not self._shape_ok(where, raw):
                continue
            rule = self._check_one(where, raw, seen)
            if rule is not None:
                seen.add(rule.id)
                out.append(rule)
        return out

    def _shape_ok(self, where: Where, raw: Any) -> bool:
        """A rule is a table of known keys; all/any are lists of tables of known keys."""
        if not isinstance(raw, dict):
            self.problem("bad-value", where, "a rule must be a [[rule]] table")
            return False
        unknown = [k for k in raw if k not in RULE_KEYS]
        if unknown:
            self.problem("unknown-field", where, f'unknown key "{unknown[0]}" in a rule'
                         + did_you_mean(unknown[0], RULE_KEYS))
            return False
        if not isinstance(raw.get("topics", []), list | str):
            self.problem("bad-value", where, "topics must be a list of topic ids or names")
            return False
        for key in ("all", "any"):
            conds = raw.get(key, [])
            if not isinstance(conds, list) or not all(isinstance(c, dict) for c in conds):
                self.problem("bad-value", where, f"{key} must be a list of {{ field, op, value }} tables")
                return False
            for cond in conds:
                extra = [k for k in cond if k not in CONDITION_KEYS and k != "_row"]
                if extra:
                    self.problem("unknown-field", where.at(cond.get("_row", where.line)),
                                 f'unknown key "{extra[0]}" in a condition' + did_you_mean(extra[0], CONDITION_KEYS))
                    return False
        return True

    def _check_one(self, where: Where, raw: dict[str, Any], seen: set[str]) -> Rule | None:
        ok = True
        rule_id = str(raw.get("id", "")).strip()
        if not rule_id:
            self.problem("missing-value", where, "rule has no id")
            return None
        if rule_id in seen:
            self.problem("duplicate-id", where, f'rule id "{rule_id}" is used twice')
            return None
        topics = self._topics(where, rule_id, raw.get("topics", []))
        ok &= topics is not None
        source = resolve_word(str(raw.get("source", "post")), NEED_SOURCE_WORDS)
        if source is None:
            self.problem("unknown-source", where, f'rule {rule_id}: source "{raw.get("source")}" is not one of '
                         + ", ".join(NEED_SOURCES))
            ok = False
        ttype = raw.get("training_type") or None
        if ttype is not None and resolve_word(str(ttype), TRAINING_TYPE_WORDS) is None:
            self.problem("bad-value", where, f"rule {rule_id}: training_type is not one of "
                         + ", ".join(TRAINING_TYPE_WORDS))
            ok = False
        found = {k: [self._condition(where, rule_id, c) for c in raw.get(k, []) or []] for k in ("all", "any")}
        conditions = {k: [c for c in cs if c is not None] for k, cs in found.items()}
        ok &= all(len(conditions[k]) == len(found[k]) for k in found)
        weight = str(raw.get("weight", "rule"))
        if weight not in self.config.needs.weights and not is_numeric_text(weight):
            self.problem("bad-value", where, f'rule {rule_id}: weight "{weight}" is neither a number nor one of '
                         + ", ".join(self.config.needs.weights))
            ok = False
        if not ok or source is None:
            return None
        try:
            return Rule.model_validate(dict(id=rule_id, name=str(raw.get("name", "")), name_en=str(raw.get("name_en", "")), all=conditions["all"], any=conditions["any"],
                        topics=topics or [], source=source, weight=weight, origin=str(where),
                        training_type=resolve_word(str(ttype), TRAINING_TYPE_WORDS) if ttype else None))
        except ValidationError as exc:
            for problem in validation_problems(exc, where.file):
                self.problem(problem.code, where, f"rule {rule_id}: {problem.message}")
            return None

    def _topics(self, where: Where, rule_id: str, names: Any) -> list[str] | None:
        names = split_list(names) if isinstance(names, str) else list(names)
        if not names:
            self.problem("missing-value", where, f"rule {rule_id}: no topics to recommend")
            return None
        ids: list[str] = []
        for name in names:
            if str(name).strip().casefold() == CORE_TOKEN:
                ids.extend(t.id for t in self.catalog.core)
                continue
            # a rule names its topics by id first (the built-in rules do): a user's topic named like a
            # built-in id does not take the rule over
            topic = self.catalog.by_id.get(str(name)) or self.catalog.exact(str(name))
            if topic is None:
                near = self.catalog.resolve(str(name))
                hint = f" (did you mean {near.id}?)" if near else ""
                self.problem("unknown-topic", where, f'rule {rule_id}: topic "{name}" is not in the catalog{hint}')
                return None
            ids.append(topic.id)
        return ids

    def _condition(self, where: Where, rule_id: str, raw: dict[str, Any]) -> Condition | None:
        if "_row" in raw:
            where = where.at(raw["_row"])
        name = str(raw.get("field", "")).strip()
        kind = self._fact_kind(name)
        if kind is None:
            known = list(FACTS) + [f"{k}:<topic>" for k in TOPIC_FACTS]
            self.problem("unknown-field", where, f'rule {rule_id}: field "{name}" is not a known fact'
                         + did_you_mean(name, known))
            return None
        op = resolve_op(str(raw.get("op", "==")))
        if op is None:
            self.problem("unknown-operator", where, f'rule {rule_id}: operator "{raw.get("op")}" is not one of '
                         + ", ".join(OPS) + did_you_mean(str(raw.get("op")), [w for ws in OP_WORDS.values() for w in ws]))
            return None
        value, fault = self._value(name, kind, op, raw.get("value"))
        if fault:
            self.problem("bad-value", where, f"rule {rule_id}: field {name}: {fault}")
            return None
        return Condition.model_validate(
            {"field": name if ":" not in name else self._topic_field(name), "op": op, "value": value})

    def _fact_kind(self, name: str) -> str | None:
        if name in FACTS:
            return FACTS[name][2]
        kind, _, topic = name.partition(":")
        if kind in TOPIC_FACTS and topic and self.catalog.resolve(topic) is not None:
            return "number"
        return None

    def _topic_field(self, name: str) -> str:
        kind, _, topic = name.partition(":")
        resolved = self.catalog.resolve(topic)
        return f"{kind}:{resolved.id}" if resolved else name

    def _value(self, name: str, kind: str, op: str, value: Any) -> tuple[Any, str]:
        if op in _NO_VALUE:
            return None, ""
        if op in ("in", "not in"):
            items = split_list(value) if isinstance(value, str) else [str(v) for v in (value or [])]
            values = [self._canonical(name, i) for i in items]
            bad = [i for i, c in zip(items, values, strict=True) if c is None]
            return (None, f"unknown value(s) {bad}") if bad else (values, "")
        if isinstance(value, list | dict):
            return None, f'operator {op} takes one value, not a list (use "in" for several)'
        if kind == "number" or op in _ORDERING:
            if isinstance(value, bool) or not is_numeric_text(str(value)):
                return None, f'"{value}" is not a number'
            return float(value), ""
        if kind == "bool":
            word = str(value).strip().casefold()
            if isinstance(value, bool):
                return value, ""
            if word in {"true", "yes", "是", "1"}:
                return True, ""
            if word in {"false", "no", "否", "0"}:
                return False, ""
            return None, f'"{value}" is not true/false (是/否)'
        canon = self._canonical(name, str(value))
        return (None, f'"{value}" is not a known value') if canon is None else (canon, "")

    def _canonical(self, name: str, text: str) -> str | None:
        """Vocabulary fields take their canonical value; other text passes as written."""
        if name == "level":
            level = self.vocab.level(text)
            return level.name if level else None
        if name == "level_group":
            hits = [g.name for g in self.config.level_groups if fold(text) in {fold(w) for w in [g.name, g.english, *g.aliases]}]
            return hits[0] if hits else None
        if name in ("category", "job_family"):
            return self.vocab.resolve("categories" if name == "category" else "job_families", text)
        if name == "completed":
            topic = self.catalog.resolve(text)
            return topic.id if topic else None
        if name == "managed_by":  # as the cadres' 管理权限 is read (facts, the planner): 市管 is 市委管理
            return self.config.classes.organizer_names().get(fold(text), text.strip())
        return text.strip()


def resolve_op(text: str) -> str | None:
    key = fold(text)
    for op, words in OP_WORDS.items():
        if key in {fold(w) for w in words}:
            return op
    return None



def check_rules(catalog: Catalog, config: Config, builtin: RawRules, user: RawRules) -> RuleSet:
    """The built-in rules, then the user's (a rule with a built-in id replaces it), each checked once."""
    checker = RuleChecker(catalog, config, Vocab(config))
    defaults = checker.check(builtin)
    mine = checker.check(user)
    replaced = {r.id for r in mine}
    return RuleSet([r for r in defaults if r.id not in replaced] + mine, checker.problems)


def explain_condition(cond: Condition, facts: dict[str, Any], lang: str,
                      names: Mapping[str, Mapping[str, str]] | None = None) -> tuple[bool, str]:
    """(held, the fact in plain words): what it is, and what the rule asks where it does not hold.

    任现职 3 个月（少于 12 个月）; 参加工作 340 个月（需少于 12 个月）; 职级 一级科员（需属于 县处级正职、县处级副职）.
    names: by fact, the words a person reads for its values (Config.english_names in an English run: job family
    general management, not 综合管理类); the rule is tested on the values themselves.
    """
    fact = facts.get(cond.field)
    zh = lang != "en"
    name, unit = _plain_name(cond.field, lang)
    words = (names or {}).get(cond.field, {})
    shown, asked = _named(fact, words), _named(cond.value, words)
    if fact is None and cond.op not in _NO_VALUE:
        return False, (f"{name}未知（名册未填或无法计算；需{_asks(cond.op, asked, unit, lang)}）" if zh else
                       f"{name} unknown (blank in the roster, or not worked out; needs "
                       f"{_asks(cond.op, asked, unit, lang)})")
    if cond.op in _NO_VALUE:
        blank = fact is None or fact == "" or fact == []
        held = blank if cond.op == "empty" else not blank
        if blank:
            said = f"{name}未填写" if zh else f"{name} blank"
        else:
            said = f"{name} {_show(shown, lang)}{unit}"
        return held, said if held else (f"{said}（需{_asks(cond.op, asked, unit, lang)}）" if zh else
                                        f"{said} (needs {_asks(cond.op, asked, unit, lang)})")
    try:
        held = bool(OPS[cond.op](fact, cond.value))
    except TypeError:
        held = False
    if isinstance(fact, bool) and cond.op == "==":
        said = f"{name}：{_show(fact, lang)}" if zh else f"{name}: {_show(fact, lang)}"
        return held, said if held else (f"{said}（需{_show(cond.value, lang)}）" if zh else
                                        f"{said} (needs {_show(cond.value, lang)})")
    if isinstance(fact, list) and cond.op in ("==", "contains"):
        word = ("含" if held else "不含") if zh else ("includes" if held else "lacks")
        return held, f"{name}{word} {_show(asked, lang)}" if zh else f"{name} {word} {_show(asked, lang)}"
    value = f"{_show(shown, lang)}{unit}" if fact not in (None, "") else _show(shown, lang)
    asks = _asks(cond.op, asked, unit, lang)
    if held and cond.op == "==":
        return held, f"{name}：{value}" if zh else f"{name}: {value}"
    if zh:
        return held, f"{name} {value}（{asks}）" if held else f"{name} {value}（需{asks}）"
    return held, f"{name} {value} ({asks})" if held else f"{name} {value} (needs {asks})"


def _named(value: Any, words: Mapping[str, str]) -> Any:
    """A fact's value, or a condition's, in the words a person reads for it (a list's each); as it is without."""
    if not words:
        return value
    if isinstance(value, str):
        return words.get(value, value)
    if isinstance(value, list):
        return [words.get(v, v) if isinstance(v, str) else v for v in value]
    return value


# a number fact's plain name and unit: 任现职 3 个月 rather than 任现职月数 3
_PLAIN = {
    "months_in_post": (("任现职", " 个月"), ("in post", " months")),
    "months_since_entry": (("参加工作", " 个月"), ("working", " months")),
    "months_since_recorded": (("录用", " 个月"), ("in the civil service", " months")),
    "age": (("年龄", " 岁"), ("age", "")),
    "hours_year": (("本年度学时", " 学时"), ("hours this year", " h")),
    "hours_five_year": (("五年累计学时", " 学时"), ("hours in five-year cycle", " h")),
    "hours_required": (("应修学时", " 学时"), ("hours required", " h")),
    "hours_done": (("已修学时", " 学时"), ("hours done", " h")),
    "hours_deficit": (("学时缺口", " 学时"), ("hours deficit", " h")),
    "days_done": (("已培训天数", " 天"), ("training days done", " days")),
    "days_required": (("应培训天数", " 天"), ("training days required", " days")),
    "online_hours_year": (("本年度网络学时", " 学时"), ("online hours this year", " h")),
    "online_deficit": (("网络学时缺口", " 学时"), ("online hours deficit", " h")),
    "wishes": (("个人需求", " 项"), ("personal wishes", "")),
}
# what a condition asks, in words: 少于 12 个月, 属于 县处级正职、县处级副职
_OP_WORDS = {
    "==": ("为", ""), "!=": ("不为", "not"), "<": ("少于", "fewer than"), "<=": ("不超过", "at most"),
    ">": ("多于", "more than"), ">=": ("不少于", "at least"), "in": ("属于", "one of"), "not in": ("不属于", "none of"),
    "contains": ("含", "includes"), "empty": ("为空", "blank"), "not empty": ("已填写", "filled in"),
}


def _plain_name(field: str, lang: str) -> tuple[str, str]:
    """(the fact's name, the unit its value is counted in) in lang."""
    zh = lang != "en"
    plain = _PLAIN.get(field)
    if plain is not None:
        return plain[0] if zh else plain[1]
    return fact_label(field, lang), ""


def _asks(op: str, target: Any, unit: str, lang: str) -> str:
    """What a condition of op on target asks of the fact, in words: 少于 12 个月; at least 90 h; 属于 县处级正职、县处级副职."""
    zh = lang != "en"
    word = _OP_WORDS[op][0 if zh else 1]
    if op in _NO_VALUE:
        return word
    if isinstance(target, list):
        shown = ("、" if zh else ", ").join(str(v) for v in target)
    else:
        shown = _show(target, lang) + (unit if isinstance(target, int | float) and not isinstance(target, bool) else "")
    return f"{word}{shown}" if (zh and op in ("==", "!=")) or not word else f"{word} {shown}"


def _show(value: Any, lang: str) -> str:
    if isinstance(value, bool):
        return ("是" if value else "否") if lang != "en" else ("yes" if value else "no")
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list):
        return "[" + "、".join(str(v) for v in value) + "]"
    if value is None or value == "":
        return "（空）" if lang != "en" else "(empty)"
    return str(value)


def holds(cond: Condition, facts: dict[str, Any]) -> bool:
    """Whether one condition holds, without building any text."""
    fact = facts.get(cond.field)
    if fact is None and cond.op not in _NO_VALUE:
        return False
    try:
        return bool(OPS[cond.op](fact, cond.value))
    except TypeError:
        return False


def fires(rule: Rule, facts: dict[str, Any]) -> bool:
    return all(holds(c, facts) for c in rule.all) and (not rule.any or any(holds(c, facts) for c in rule.any))


def evaluate(rule: Rule, facts: dict[str, Any], lang: str,
             names: Mapping[str, Mapping[str, str]] | None = None) -> tuple[bool, list[str], list[str]]:
    """(fired, facts that held, facts that failed), the facts in the words of names (explain_condition)."""
    held: list[str] = []
    failed: list[str] = []
    for cond in rule.all:
        ok, text = explain_condition(cond, facts, lang, names)
        (held if ok else failed).append(text)
    if rule.any:
        results = [explain_condition(c, facts, lang, names) for c in rule.any]
        hits = [t for ok, t in results if ok]
        if hits:
            held.extend(hits)
        else:
            failed.append(" / ".join(t for _, t in results))
    return not failed, held, failed


def rule_fields(rule: Rule) -> tuple[str, ...]:
    """The facts a rule reads, each once, in the order its conditions name them."""
    return tuple(dict.fromkeys(c.field for c in [*rule.all, *rule.any]))


_SCALARS = (int, bool, str, type(None))


def fact_key(facts: dict[str, Any], names: tuple[str, ...]) -> tuple[Any, ...] | None:
    """A memo key equal for two fact sets only when the named facts test and print alike; None: no key.

    Values carry their type, since 1, 1.0 and True are equal as keys but print apart; a zero float
    carries its text, since -0.0 prints apart from 0.0. Lists become tuples; other kinds get no key.
    """
    parts: list[Any] = []
    for name in names:
        value = facts.get(name)
        kind = type(value)
        if kind is str or value is None:
            parts.append(value)
        elif kind is int or kind is bool or kind is float:
            parts.append((kind, value) if value or kind is not float else (kind, str(value)))
        elif kind is list and all(type(v) in _SCALARS for v in value):
            parts.append((kind, tuple((type(v), v) for v in value)))
        else:
            return None
    return tuple(parts)
