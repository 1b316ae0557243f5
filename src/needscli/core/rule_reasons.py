"""Reasons from the rules (theory core, compliance and the rest), remembered by the facts each rule reads."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from needscli.cache import bounded
from needscli.core.need_results import NeedsResult, Skipped
from needscli.core.reasons import ReasonPool, TopicReason
from needscli.core.rules import evaluate, fact_key, fires, rule_fields
from needscli.models import Cadre, Rule


@dataclass(frozen=True, slots=True)
class RulePlan:
    """A rule, the facts its reasons depend on, and its reasons remembered by those facts' values."""

    rule: Rule
    reads: tuple[str, ...]
    memo: dict[Any, tuple[TopicReason, ...]]


def _rule_reads(rule: Rule) -> tuple[str, ...]:
    """Every fact a rule's reasons depend on: its conditions', and the hours for the compliance bonus."""
    extra = ("hours_deficit", "hours_required") if rule.source == "compliance" else ()
    return tuple(dict.fromkeys(rule_fields(rule) + extra))


class RuleReasons:
    """The reasons the rules give a cadre, from its facts."""

    def __init__(self, rules: list[Rule], pool: ReasonPool, lang: str,
                 names: Mapping[str, Mapping[str, str]] | None = None) -> None:
        self.rules = rules
        self.pool = pool
        self.lang = lang
        self.names = names  # the words the reasons give the facts' values (rules.explain_condition)
        self._plans = [RulePlan(rule, _rule_reads(rule), {}) for rule in rules]
        # every rule's facts at once: one key per cadre, not one per rule (see find)
        self._reads = tuple(dict.fromkeys(name for plan in self._plans for name in plan.reads))
        self._memo: dict[Any, tuple[TopicReason, ...]] = {}

    def find(self, cadre: Cadre, facts: dict[str, Any], result: NeedsResult | None) -> list[TopicReason]:
        """The reasons of every rule that fires; given a result, each rule that does not is noted in it."""
        if result is not None:
            return self._explain(cadre, facts, result)
        # the facts every rule reads, keyed at once: two cadres alike in them are alike in every rule's
        key = fact_key(facts, self._reads)
        if key is None:
            return self._each_rule(facts)
        hit = self._memo.get(key)
        if hit is None:
            hit = bounded(self._memo)[key] = tuple(self._each_rule(facts))
        return list(hit)

    def _each_rule(self, facts: dict[str, Any]) -> list[TopicReason]:
        """The reasons of every rule that fires, each rule's remembered by the facts it reads."""
        out: list[TopicReason] = []
        for plan in self._plans:
            key = fact_key(facts, plan.reads)
            if key is None:
                out += self._reasons(plan.rule, facts)
                continue
            found = plan.memo.get(key)
            if found is None:
                found = bounded(plan.memo)[key] = self._reasons(plan.rule, facts)
            out += found
        return out

    def _reasons(self, rule: Rule, facts: dict[str, Any]) -> tuple[TopicReason, ...]:
        """The reasons of one rule; they depend only on the facts the rule reads (see _rule_reads)."""
        if not fires(rule, facts):
            return ()  # the text of the facts is built only for rules that fire, or to explain
        _, held, _ = evaluate(rule, facts, self.lang, self.names)
        return self._fired(rule, facts, held)

    def _explain(self, cadre: Cadre, facts: dict[str, Any], result: NeedsResult) -> list[TopicReason]:
        out: list[TopicReason] = []
        for rule in self.rules:
            fired, held, failed = evaluate(rule, facts, self.lang, self.names)
            if not fired:
                name = rule.name_en if self.lang == "en" and rule.name_en else rule.name
                result.not_fired.setdefault(cadre.id, []).append(Skipped(rule.id, name, failed))
                continue
            out += self._fired(rule, facts, held)
        return out

    def _fired(self, rule: Rule, facts: dict[str, Any], held: list[str]) -> tuple[TopicReason, ...]:
        score = self.pool.weight(rule.weight) + _compliance_bonus(rule, facts)
        joiner = "；" if self.lang == "zh" else "; "
        text = joiner.join(held) if held else ("适用于全体干部" if self.lang == "zh" else "applies to every cadre")
        name = rule.name_en or rule.name if self.lang == "en" else rule.name
        label = f"{name}: {text}" if name and self.lang == "en" else (f"{name}：{text}" if name else text)
        return tuple(TopicReason(topic_id, self.pool.reason(rule_id=rule.id, source=rule.source, text=label,
                                                            score=score, training_type=rule.training_type))
                     for topic_id in rule.topics)


def _compliance_bonus(rule: Rule, facts: dict[str, Any]) -> float:
    """A larger hours deficit ranks a little higher (up to +10)."""
    if rule.source != "compliance" or not facts.get("hours_deficit") or not facts.get("hours_required"):
        return 0.0
    return round(10.0 * min(1.0, facts["hours_deficit"] / facts["hours_required"]), 2)
