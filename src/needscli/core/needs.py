"""Cadres + posts + priorities + rules -> needs with provenance. Pure: no I/O."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from needscli.cache import bounded
from needscli.config import Config
from needscli.core.catalog import Catalog
from needscli.core.facts import FactBuilder, HoursStanding
from needscli.core.rules import evaluate, fact_key, fires, rule_fields
from needscli.models import (
    NEED_SOURCES,
    Cadre,
    Need,
    PostRequirement,
    Priority,
    Rating,
    Reason,
    Rule,
)
from needscli.text import fold, is_numeric_text
from needscli.vocab import Vocab


@dataclass
class Unmatched:
    """A wish or priority that reached nothing, kept for the report."""

    kind: str  # "wish" | "priority" | "rating"
    text: str
    cadre_id: str = ""
    unit: str = ""
    detail: str = ""


@dataclass
class ComplianceRow:
    cadre_id: str
    standing: HoursStanding


@dataclass
class Skipped:
    """A rule that did not fire for a cadre, and the facts that stopped it (for explain)."""

    rule_id: str
    name: str
    failed: list[str]


# The engine's own records are read once per cadre or more, and made once per distinct input:
# slotted dataclasses, whose fields read fastest. Those made while finding needs are not frozen
# (a frozen one is several times slower to make), but are shared through the memos: never changed.


@dataclass(slots=True)
class TopicReason:
    """A reason found for a topic: what the engine gathers for a cadre before merging by topic."""

    topic_id: str
    reason: Reason


@dataclass(frozen=True, slots=True)
class RulePlan:
    """A rule, the facts its reasons depend on, and its reasons remembered by those facts' values."""

    rule: Rule
    reads: tuple[str, ...]
    memo: dict[Any, tuple[TopicReason, ...]]


@dataclass(frozen=True, slots=True)
class PriorityPlan:
    """A priority with its targets as sets (None: every cadre) and the one reason it gives."""

    priority: Priority
    units: frozenset[str] | None  # folded unit names
    levels: frozenset[str] | None
    categories: frozenset[str] | None
    reason: TopicReason


@dataclass(slots=True)
class MergedNeed:
    """A topic's need but for its cadre and hours."""

    rank: tuple[int, int, float, str]  # sort key: theory core first (catalog order), then priority, topic
    topic_id: str
    source: str
    training_type: str
    priority: float
    reasons: tuple[Reason, ...]
    compliance: bool  # the strongest reason is the hours deficit: the need's hours are the deficit
    topic_hours: float


_BY_RANK = attrgetter("rank")


@dataclass(frozen=True)
class PostPlan:
    """A post's requirements as the engine reads them, worked out once per post."""

    key: int  # identity of the requirement list
    reqs: list[tuple[PostRequirement, str]]  # each requirement with its topic id
    levels: dict[str, int]  # topic id -> required level
    covered: frozenset[str]  # the topics the post requires
    reads: tuple[str, ...]  # the ability fact of each requirement


@dataclass
class NeedsResult:
    needs: list[Need] = field(default_factory=list)  # cadre order, then theory core first, then priority
    unmatched: list[Unmatched] = field(default_factory=list)
    compliance: list[ComplianceRow] = field(default_factory=list)
    not_fired: dict[str, list[Skipped]] = field(default_factory=dict)  # only when explaining


@dataclass
class NeedsEngine:
    """Everything that does not change from one cadre to the next, prepared once."""

    config: Config
    catalog: Catalog
    rules: list[Rule]
    posts: list[PostRequirement]
    priorities: list[Priority]
    as_of: dt.date
    lang: str = "zh"

    def __post_init__(self) -> None:
        self.vocab = Vocab(self.config)
        self.facts = FactBuilder(self.config, self.vocab, self.catalog, self.as_of)
        self.weights = self.config.needs.weights
        self._weight_cache: dict[str, float] = {}
        self._reasons: dict[Reason, Reason] = {}
        self._merges: dict[tuple[Any, ...], MergedNeed] = {}
        self.post_by_code: dict[str, list[PostRequirement]] = {}
        self.post_by_title: dict[str, list[PostRequirement]] = {}
        for req in self.posts:
            self.catalog.ensure(req.topic, domain="岗位需求")  # already there when called from the pipeline
            if req.post_code:
                self.post_by_code.setdefault(fold(req.post_code), []).append(req)
            if req.post_title:
                self.post_by_title.setdefault(fold(req.post_title), []).append(req)
        self.priority_topics = {p.id: self.catalog.ensure(p.topic, p.training_type, "组织需求").id
                                for p in self.priorities}
        self.priority_levels = {p.id: _union(self.vocab.level_target(t) for t in p.target_levels)
                                for p in self.priorities}
        self.reached: dict[str, int] = {p.id: 0 for p in self.priorities}
        self._no_reqs: list[PostRequirement] = []
        # Memos: most cadres share most inputs, so each distinct input is worked out once.
        self._rule_plans = [RulePlan(rule, self._rule_reads(rule), {}) for rule in self.rules]
        self._post_plans: dict[int, PostPlan] = {}
        self._memo: dict[str, dict[Any, Any]] = {k: {} for k in ("post", "wish", "rating")}
        self._priority_plans = [PriorityPlan(p, frozenset(fold(u) for u in p.target_units) if p.target_units else None,
                                             self.priority_levels[p.id] if p.target_levels else None,
                                             frozenset(p.target_categories) if p.target_categories else None,
                                             self._priority_reason(p)) for p in self.priorities]

    def _rule_reads(self, rule: Rule) -> tuple[str, ...]:
        """Every fact a rule's reasons depend on: its conditions', and the hours for the compliance bonus."""
        extra = ("hours_deficit", "hours_required") if rule.source == "compliance" else ()
        return tuple(dict.fromkeys(rule_fields(rule) + extra))

    def reason(self, **fields: Any) -> Reason:
        """One shared Reason per distinct reason: on a large roster most cadres share theirs."""
        made = Reason(**fields)
        return self._reasons.setdefault(made, made)

    def weight(self, key: str) -> float:
        if key not in self._weight_cache:
            self._weight_cache[key] = self.weights.get(
                key, float(key) if is_numeric_text(key) else self.weights.get("rule", 30.0))
        return self._weight_cache[key]

    def requirements(self, cadre: Cadre) -> list[PostRequirement]:
        if cadre.post_code and fold(cadre.post_code) in self.post_by_code:
            return self.post_by_code[fold(cadre.post_code)]
        return self.post_by_title.get(fold(cadre.post), self._no_reqs)

    def find(self, cadre: Cadre, result: NeedsResult, explain: bool = False) -> list[Need]:
        """The needs of one cadre, merged by topic, theory core first."""
        reqs = self.requirements(cadre)
        post = self._post_plan(reqs)
        standing = self.facts.standing(cadre)
        facts = self.facts.facts(cadre, post.levels, standing)
        reasons: list[TopicReason] = []
        reasons += self._from_rules(cadre, facts, result if explain else None)
        reasons += self._from_priorities(cadre)
        reasons += self._from_posts(post, facts)
        reasons += self._from_wishes(cadre, result)
        reasons += self._from_ratings(cadre, facts, post.covered)
        result.compliance.append(ComplianceRow(cadre.id, standing))
        done = self.facts.done(cadre.completed)
        lacking = ([tr for tr in reasons if tr.topic_id not in done or tr.reason.source == "compliance"] if done
                   else reasons)
        return self._merge(cadre.id, lacking, facts.get("hours_deficit"))

    def _merge(self, cadre_id: str, reasons: list[TopicReason], deficit: Any) -> list[Need]:
        """One need per topic, keeping every reason (see _merged); theory core first, then priority."""
        by_topic: dict[str, list[Reason]] = {}
        for found_for in reasons:
            topic_id, reason = found_for.topic_id, found_for.reason
            found = by_topic.get(topic_id)
            if found is None:
                by_topic[topic_id] = [reason]
            elif all(r.rule_id != reason.rule_id for r in found):
                found.append(reason)
        memo = self._merges
        merged = []
        for topic_id, found in by_topic.items():
            # reasons are shared (see reason): one id per distinct reason
            key = (topic_id, id(found[0])) if len(found) == 1 else (topic_id, *map(id, found))
            hit = memo.get(key)
            if hit is None:
                hit = bounded(memo)[key] = self._merged(topic_id, found)
            merged.append(hit)
        if len(merged) > 1:
            merged.sort(key=_BY_RANK)
        hours = float(deficit) if deficit else None
        return [Need(cadre_id, m.topic_id, m.source, m.training_type, m.priority, list(m.reasons),
                     hours if m.compliance and hours is not None else m.topic_hours)
                for m in merged]

    def _merged(self, topic_id: str, found: list[Reason]) -> MergedNeed:
        """A topic's need but for its cadre and hours: the strongest reason gives source and type."""
        if len(found) > 1:
            found = sorted(found, key=_reason_order)
        best = found[0]
        topic = self.catalog.by_id[topic_id]
        priority = _priority(best.score + self.config.needs.merge_bonus * (len(found) - 1))
        return MergedNeed((*self.catalog.order[topic_id], -priority, topic_id), topic_id, best.source,
                          _training_type(best, topic.training_type), priority, tuple(found),
                          best.source == "compliance", topic.hours)

    def _post_plan(self, reqs: list[PostRequirement]) -> PostPlan:
        # keyed by identity: every list comes from post_by_code / post_by_title, which the engine keeps
        plan = self._post_plans.get(id(reqs))
        if plan is None:
            ids = []
            for req in reqs:
                topic = self.catalog.exact(req.topic)
                assert topic is not None  # ensured in __post_init__
                ids.append(topic.id)
            plan = self._post_plans[id(reqs)] = PostPlan(
                id(reqs), list(zip(reqs, ids, strict=True)),
                {t: r.required_level for r, t in zip(reqs, ids, strict=True)}, frozenset(ids),
                tuple(f"ability:{t}" for t in ids))
        return plan

    def _from_rules(self, cadre: Cadre, facts: dict[str, Any], result: NeedsResult | None) -> list[TopicReason]:
        if result is not None:
            return self._explain_rules(cadre, facts, result)
        out: list[TopicReason] = []
        for plan in self._rule_plans:
            key = fact_key(facts, plan.reads)
            if key is None:
                out += self._rule_reasons(plan.rule, facts)
                continue
            found = plan.memo.get(key)
            if found is None:
                found = bounded(plan.memo)[key] = self._rule_reasons(plan.rule, facts)
            out += found
        return out

    def _rule_reasons(self, rule: Rule, facts: dict[str, Any]) -> tuple[TopicReason, ...]:
        """The reasons of one rule; they depend only on the facts the rule reads (see _rule_reads)."""
        if not fires(rule, facts):
            return ()  # the text of the facts is built only for rules that fire, or to explain
        _, held, _ = evaluate(rule, facts, self.lang)
        return self._fired(rule, facts, held)

    def _explain_rules(self, cadre: Cadre, facts: dict[str, Any], result: NeedsResult) -> list[TopicReason]:
        out: list[TopicReason] = []
        for rule in self.rules:
            fired, held, failed = evaluate(rule, facts, self.lang)
            if not fired:
                result.not_fired.setdefault(cadre.id, []).append(Skipped(rule.id, rule.name, failed))
                continue
            out += self._fired(rule, facts, held)
        return out

    def _fired(self, rule: Rule, facts: dict[str, Any], held: list[str]) -> tuple[TopicReason, ...]:
        score = self.weight(rule.weight) + self._compliance_bonus(rule, facts)
        joiner = "；" if self.lang == "zh" else "; "
        text = joiner.join(held) if held else ("适用于全体干部" if self.lang == "zh" else "applies to every cadre")
        name = rule.name_en or rule.name if self.lang == "en" else rule.name
        label = f"{name}: {text}" if name and self.lang == "en" else (f"{name}：{text}" if name else text)
        return tuple(TopicReason(topic_id, self.reason(rule_id=rule.id, source=rule.source, text=label, score=score,
                                                       training_type=rule.training_type)) for topic_id in rule.topics)

    def _compliance_bonus(self, rule: Rule, facts: dict[str, Any]) -> float:
        """A larger hours deficit ranks a little higher (up to +10)."""
        if rule.source != "compliance" or not facts.get("hours_deficit") or not facts.get("hours_required"):
            return 0.0
        return round(10.0 * min(1.0, facts["hours_deficit"] / facts["hours_required"]), 2)

    def _from_priorities(self, cadre: Cadre) -> list[TopicReason]:
        out = []
        unit = None
        for plan in self._priority_plans:
            if plan.units is not None:
                unit = fold(cadre.unit) if unit is None else unit
                if unit not in plan.units:
                    continue
            if plan.levels is not None and cadre.level not in plan.levels:
                continue
            if plan.categories is not None and cadre.category not in plan.categories:
                continue
            self.reached[plan.priority.id] += 1
            out.append(plan.reason)
        return out

    def _priority_reason(self, p: Priority) -> TopicReason:
        targets = "、".join(p.target_levels + p.target_units + p.target_categories) or (
            "全部" if self.lang == "zh" else "all")
        due = f"，期限 {p.deadline.isoformat()}" if p.deadline else ""
        text = (f"组织需求 {p.id}（{p.source_kind}，优先级 {p.priority}）：适用 {targets}{due}" if self.lang == "zh"
                else f"organizational priority {p.id} ({p.source_kind}, priority {p.priority}): "
                     f"targets {targets}" + (f", due {p.deadline.isoformat()}" if p.deadline else ""))
        score = self.weight("organizational") + 4.0 * p.priority
        return TopicReason(self.priority_topics[p.id], self.reason(
            rule_id=f"priority:{p.id}", source="organizational", text=text, score=score, training_type=p.training_type))

    def _from_posts(self, post: PostPlan, facts: dict[str, Any]) -> tuple[TopicReason, ...]:
        if not post.reqs:
            return ()
        key = fact_key(facts, post.reads)
        if key is None:
            return self._post_reasons(post, facts)
        memo = self._memo["post"]
        key = (post.key, key)
        hit = memo.get(key)
        if hit is None:
            hit = bounded(memo)[key] = self._post_reasons(post, facts)
        return hit

    def _post_reasons(self, post: PostPlan, facts: dict[str, Any]) -> tuple[TopicReason, ...]:
        out = []
        zh = self.lang == "zh"
        for (req, topic_id), fact in zip(post.reqs, post.reads, strict=True):
            ability = facts.get(fact)
            name = req.post_code or req.post_title
            if ability is None:
                if self.config.needs.missing_rating == "skip":
                    continue
                gap = self.config.needs.assumed_gap
                text = (f"岗位 {name} 要求水平 {req.required_level}，未自评能力（按差距 {gap} 计），重要程度 {req.importance}"
                        if zh else f"post {name} requires level {req.required_level}; ability not rated "
                        f"(taken as gap {gap}); importance {req.importance}")
            else:
                gap = req.required_level - ability
                if gap <= 0:
                    continue
                text = (f"岗位 {name} 要求水平 {req.required_level}，自评能力 {ability}，差距 {gap} × 重要程度 {req.importance}"
                        if zh else f"post {name} requires level {req.required_level}, self-rated ability {ability}: "
                        f"gap {gap} x importance {req.importance}")
            score = self.weight("post") + req.importance * gap
            out.append(TopicReason(topic_id, self.reason(rule_id=f"post:{name}", source="post", text=text,
                                                         score=score)))
        return tuple(out)

    def _from_wishes(self, cadre: Cadre, result: NeedsResult) -> list[TopicReason]:
        out = []
        memo = self._memo["wish"]
        for wish in cadre.wishes:
            hit = memo.get(wish)
            if hit is None:
                hit = bounded(memo)[wish] = self._wish_reason(wish)
            if not hit:
                result.unmatched.append(Unmatched("wish", wish, cadre.id, cadre.unit,
                                                  "未匹配到课程目录" if self.lang == "zh" else "matches no catalog topic"))
                continue
            out.append(hit)
        return out

    def _wish_reason(self, wish: str) -> TopicReason | tuple[()]:
        topic = self.catalog.resolve(wish)
        if topic is None:
            return _NO_REASON
        text = f"个人培训需求：{wish}" if self.lang == "zh" else f"personal wish: {wish}"
        return TopicReason(topic.id, self.reason(rule_id="personal:wish", source="personal", text=text,
                                                 score=self.weight("personal") + 5.0))

    def _from_ratings(self, cadre: Cadre, facts: dict[str, Any], covered: frozenset[str]) -> list[TopicReason]:
        """A low self-rating on a topic the post does not already cover is a personal need."""
        out = []
        memo = self._memo["rating"]
        for text_topic, rating in cadre.ratings.items():
            key = (text_topic, _typed(rating.ability), _typed(rating.importance))
            hit = memo.get(key)
            if hit is None:
                hit = bounded(memo)[key] = self._rating_reason(text_topic, rating)
            if hit and hit.topic_id not in covered:
                out.append(hit)
        return out

    def _rating_reason(self, text_topic: str, rating: Rating) -> TopicReason | tuple[()]:
        low = self.config.needs.low_ability
        topic = self.catalog.resolve(text_topic)
        if topic is None or rating.ability is None or rating.ability > low:
            return _NO_REASON
        importance = rating.importance or 3
        text = (f"自评能力 {rating.ability} ≤ {low}（{text_topic}），重要性 {importance}" if self.lang == "zh"
                else f"self-rated ability {rating.ability} <= {low} ({text_topic}), importance {importance}")
        score = self.weight("personal") + importance * (low + 1 - rating.ability)
        return TopicReason(topic.id, self.reason(rule_id="personal:rating", source="personal", text=text,
                                                 score=score))


_NO_REASON: tuple[()] = ()  # a wish that matches no catalog topic, a rating that is no need


def _typed(value: Any) -> Any:
    """A memo key part: 1 and True are equal keys but print apart."""
    return value if value is None else (type(value), value)


def _priority(score: float) -> float:
    """A need's priority: its score to 2 decimals."""
    return _rounded(score) if score else round(score, 2)  # 0.0 and -0.0 are one key, and print apart


@functools.lru_cache(maxsize=4096, typed=True)
def _rounded(score: float) -> float:
    """round(score, 2), worked out once: on a large roster most needs share a few hundred scores."""
    return round(score, 2)


def _reason_order(r: Reason) -> tuple[float, int, str]:
    return (-r.score, NEED_SOURCES.index(r.source), r.rule_id)


def _training_type(reason: Reason, topic_type: str) -> str:
    return reason.training_type or ("theory" if reason.source == "theory-core" else topic_type)


def _union(sets: Iterable[frozenset[str] | None]) -> frozenset[str]:
    out: set[str] = set()
    for s in sets:
        out |= s or set()
    return frozenset(out)



def find_needs(cadres: list[Cadre], engine: NeedsEngine, explain: set[str] | None = None,
               progress: Callable[[int], None] | None = None) -> NeedsResult:
    """Needs of every cadre, plus what reached nothing and the hours standing of each."""
    result = NeedsResult()
    for i, cadre in enumerate(cadres):
        result.needs.extend(engine.find(cadre, result, explain=explain is not None and cadre.id in explain))
        if progress and i % 1000 == 999:
            progress(1000)
    for p in engine.priorities:
        if engine.reached[p.id] == 0:
            result.unmatched.append(Unmatched("priority", p.topic, detail=(
                f"{p.id}：适用范围内没有干部" if engine.lang == "zh" else f"{p.id}: its targets select no cadre")))
    return result
