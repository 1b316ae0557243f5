"""Cadres + posts + priorities + rules -> needs with provenance. Pure: no I/O."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .catalog import Catalog
from .config import Config
from .facts import FactBuilder, HoursStanding, hours_standing
from .models import NEED_SOURCES, Cadre, Need, PostRequirement, Priority, Reason, Rule
from .rules import evaluate, fires
from .text import fold
from .vocab import Vocab


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

    def reason(self, **fields: Any) -> Reason:
        """One shared Reason per distinct reason: on a large roster most cadres share theirs."""
        made = Reason(**fields)
        return self._reasons.setdefault(made, made)

    def weight(self, key: str) -> float:
        if key not in self._weight_cache:
            self._weight_cache[key] = self.weights.get(
                key, float(key) if _is_number(key) else self.weights.get("rule", 30.0))
        return self._weight_cache[key]

    def requirements(self, cadre: Cadre) -> list[PostRequirement]:
        if cadre.post_code and fold(cadre.post_code) in self.post_by_code:
            return self.post_by_code[fold(cadre.post_code)]
        return self.post_by_title.get(fold(cadre.post), [])

    def find(self, cadre: Cadre, result: NeedsResult, explain: bool = False) -> list[Need]:
        """The needs of one cadre, merged by topic, theory core first."""
        reqs = self.requirements(cadre)
        post_levels = {self.catalog.exact(r.topic).id: r.required_level for r in reqs}  # type: ignore[union-attr]
        facts = self.facts.facts(cadre, post_levels)
        reasons: list[tuple[str, Reason]] = []
        reasons += self._from_rules(cadre, facts, result if explain else None)
        reasons += self._from_priorities(cadre)
        reasons += self._from_posts(reqs, facts)
        reasons += self._from_wishes(cadre, result)
        reasons += self._from_ratings(cadre, facts, set(post_levels))
        level = self.vocab.level_by_name.get(cadre.level)
        result.compliance.append(ComplianceRow(cadre.id, hours_standing(cadre, level.tier if level else "", self.config)))
        lacking = [(t, r) for t, r in reasons if r.source == "compliance" or not self._completed(cadre, t)]
        return merge_reasons(cadre.id, lacking, self.catalog, self.config.needs.merge_bonus, facts)

    def _completed(self, cadre: Cadre, topic_id: str) -> bool:
        """Train what is lacking: a completion within the topic's validity is not a need."""
        topic = self.catalog.by_id[topic_id]
        for done in cadre.completed:
            hit = self.catalog.resolve(done.topic)
            if hit is None or hit.id != topic_id:
                continue
            if done.date is None:
                if self.config.needs.undated_completion_counts:
                    return True
                continue
            if topic.validity_years == 0 or (self.as_of - done.date).days <= topic.validity_years * 365.25:
                return True
        return False

    def _from_rules(self, cadre: Cadre, facts: dict[str, Any], result: NeedsResult | None) -> list[tuple[str, Reason]]:
        out = []
        for rule in self.rules:
            if result is None and not fires(rule, facts):
                continue  # the text of the facts is built only for rules that fire, or to explain
            fired, held, failed = evaluate(rule, facts, self.lang)
            if not fired:
                if result is not None:
                    result.not_fired.setdefault(cadre.id, []).append(Skipped(rule.id, rule.name, failed))
                continue
            score = self.weight(rule.weight) + self._compliance_bonus(rule, facts)
            joiner = "；" if self.lang == "zh" else "; "
            text = joiner.join(held) if held else ("适用于全体干部" if self.lang == "zh" else "applies to every cadre")
            name = rule.name_en or rule.name if self.lang == "en" else rule.name
            label = f"{name}: {text}" if name and self.lang == "en" else (f"{name}：{text}" if name else text)
            for topic_id in rule.topics:
                out.append((topic_id, self.reason(rule_id=rule.id, source=rule.source, text=label, score=score,
                                             training_type=rule.training_type)))
        return out

    def _compliance_bonus(self, rule: Rule, facts: dict[str, Any]) -> float:
        """A larger hours deficit ranks a little higher (up to +10)."""
        if rule.source != "compliance" or not facts.get("hours_deficit") or not facts.get("hours_required"):
            return 0.0
        return round(10.0 * min(1.0, facts["hours_deficit"] / facts["hours_required"]), 2)

    def _from_priorities(self, cadre: Cadre) -> list[tuple[str, Reason]]:
        out = []
        for p in self.priorities:
            if p.target_units and fold(cadre.unit) not in {fold(u) for u in p.target_units}:
                continue
            if p.target_levels and cadre.level not in self.priority_levels[p.id]:
                continue
            if p.target_categories and cadre.category not in p.target_categories:
                continue
            self.reached[p.id] += 1
            targets = "、".join(p.target_levels + p.target_units + p.target_categories) or (
                "全部" if self.lang == "zh" else "all")
            due = f"，期限 {p.deadline.isoformat()}" if p.deadline else ""
            text = (f"组织需求 {p.id}（{p.source_kind}，优先级 {p.priority}）：适用 {targets}{due}" if self.lang == "zh"
                    else f"organizational priority {p.id} ({p.source_kind}, priority {p.priority}): "
                         f"targets {targets}" + (f", due {p.deadline.isoformat()}" if p.deadline else ""))
            score = self.weight("organizational") + 4.0 * p.priority
            out.append((self.priority_topics[p.id], self.reason(rule_id=f"priority:{p.id}", source="organizational",
                                                           text=text, score=score, training_type=p.training_type)))
        return out

    def _from_posts(self, reqs: list[PostRequirement], facts: dict[str, Any]) -> list[tuple[str, Reason]]:
        out = []
        zh = self.lang == "zh"
        for req in reqs:
            topic = self.catalog.exact(req.topic)
            assert topic is not None  # ensured in __post_init__
            ability = facts.get(f"ability:{topic.id}")
            post = req.post_code or req.post_title
            if ability is None:
                if self.config.needs.missing_rating == "skip":
                    continue
                gap = self.config.needs.assumed_gap
                text = (f"岗位 {post} 要求水平 {req.required_level}，未自评能力（按差距 {gap} 计），重要程度 {req.importance}"
                        if zh else f"post {post} requires level {req.required_level}; ability not rated "
                        f"(taken as gap {gap}); importance {req.importance}")
            else:
                gap = req.required_level - ability
                if gap <= 0:
                    continue
                text = (f"岗位 {post} 要求水平 {req.required_level}，自评能力 {ability}，差距 {gap} × 重要程度 {req.importance}"
                        if zh else f"post {post} requires level {req.required_level}, self-rated ability {ability}: "
                        f"gap {gap} x importance {req.importance}")
            score = self.weight("post") + req.importance * gap
            out.append((topic.id, self.reason(rule_id=f"post:{post}", source="post", text=text, score=score)))
        return out

    def _from_wishes(self, cadre: Cadre, result: NeedsResult) -> list[tuple[str, Reason]]:
        out = []
        for wish in cadre.wishes:
            topic = self.catalog.resolve(wish)
            if topic is None:
                result.unmatched.append(Unmatched("wish", wish, cadre.id, cadre.unit,
                                                  "未匹配到课程目录" if self.lang == "zh" else "matches no catalog topic"))
                continue
            text = f"个人培训需求：{wish}" if self.lang == "zh" else f"personal wish: {wish}"
            out.append((topic.id, self.reason(rule_id="personal:wish", source="personal", text=text,
                                         score=self.weight("personal") + 5.0)))
        return out

    def _from_ratings(self, cadre: Cadre, facts: dict[str, Any], covered: set[str]) -> list[tuple[str, Reason]]:
        """A low self-rating on a topic the post does not already cover is a personal need."""
        out = []
        low = self.config.needs.low_ability
        for text_topic, rating in cadre.ratings.items():
            topic = self.catalog.resolve(text_topic)
            if topic is None or topic.id in covered or rating.ability is None or rating.ability > low:
                continue
            importance = rating.importance or 3
            text = (f"自评能力 {rating.ability} ≤ {low}（{text_topic}），重要性 {importance}" if self.lang == "zh"
                    else f"self-rated ability {rating.ability} <= {low} ({text_topic}), importance {importance}")
            score = self.weight("personal") + importance * (low + 1 - rating.ability)
            out.append((topic.id, self.reason(rule_id="personal:rating", source="personal", text=text, score=score)))
        return out


def merge_reasons(cadre_id: str, reasons: list[tuple[str, Reason]], catalog: Catalog, bonus: float,
                  facts: dict[str, Any]) -> list[Need]:
    """One need per topic, keeping every reason; strongest reason gives source and type."""
    by_topic: dict[str, list[Reason]] = {}
    for topic_id, reason in reasons:
        found = by_topic.setdefault(topic_id, [])
        if all(r.rule_id != reason.rule_id for r in found):
            found.append(reason)
    needs = []
    for topic_id, found in by_topic.items():
        if len(found) > 1:
            found.sort(key=_reason_order)
        topic = catalog.by_id[topic_id]
        best = found[0]
        hours = topic.hours
        if best.source == "compliance" and facts.get("hours_deficit"):
            hours = float(facts["hours_deficit"])
        needs.append(Need(
            cadre_id=cadre_id, topic_id=topic_id, source=best.source,
            training_type=_training_type(best, topic.training_type),
            priority=round(best.score + bonus * (len(found) - 1), 2), reasons=found, hours=hours))
    order = catalog.order
    needs.sort(key=lambda n: (order[n.topic_id], -n.priority, n.topic_id))
    return needs


def _reason_order(r: Reason) -> tuple[float, int, str]:
    return (-r.score, NEED_SOURCES.index(r.source), r.rule_id)


def _training_type(reason: Reason, topic_type: str) -> str:
    return reason.training_type or ("theory" if reason.source == "theory-core" else topic_type)


def _union(sets: Iterable[frozenset[str] | None]) -> frozenset[str]:
    out: set[str] = set()
    for s in sets:
        out |= s or set()
    return frozenset(out)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def find_needs(cadres: list[Cadre], engine: NeedsEngine, explain: set[str] | None = None,
               progress: Callable[[int], None] | None = None) -> NeedsResult:
    """Needs of every cadre, plus what reached nothing and the hours standing of each."""
    result = NeedsResult()
    for i, cadre in enumerate(cadres):
        result.needs.extend(engine.find(cadre, result, explain=bool(explain) and cadre.id in explain))
        if progress and i % 1000 == 999:
            progress(1000)
    for p in engine.priorities:
        if engine.reached[p.id] == 0:
            result.unmatched.append(Unmatched("priority", p.topic, detail=(
                f"{p.id}：适用范围内没有干部" if engine.lang == "zh" else f"{p.id}: its targets select no cadre")))
    return result
