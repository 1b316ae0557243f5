"""Reasons from the organizational priorities: each gives one reason to every cadre it targets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from needscli.cache import bounded
from needscli.core.catalog import Catalog
from needscli.core.obligations import rotation_status
from needscli.core.reasons import ReasonPool, TopicReason
from needscli.models import Cadre, Priority
from needscli.text import fold
from needscli.vocab import Vocab


@dataclass(frozen=True, slots=True)
class PriorityPlan:
    """A priority with its targets as sets (None: every cadre) and the one reason it gives."""

    priority: Priority
    units: frozenset[str] | None  # folded unit names
    levels: frozenset[str] | None
    categories: frozenset[str] | None
    reason: TopicReason


class PriorityReasons:
    """The reasons the priorities give a cadre, and how many cadres each priority reached."""

    def __init__(self, priorities: list[Priority], catalog: Catalog, vocab: Vocab, pool: ReasonPool,
                 lang: str, rotation_kinds: Iterable[str] = (), as_of: dt.date | None = None) -> None:
        self.pool = pool
        self.lang = lang
        self.as_of = as_of or dt.date.today()
        # priorities of these source kinds are rotation on major central decisions: obligations
        self.rotation_kinds = frozenset(fold(k) for k in rotation_kinds)
        self.rotations: dict[str, tuple[str, dt.date, int]] = {
            p.id: rotation_status(p.deadline, self.as_of) for p in priorities
            if fold(p.source_kind) in self.rotation_kinds}
        # a rotation's round starts where its priority says (开始时间); the others' are counted back from the deadline
        self.starts: dict[str, dt.date] = {p.id: p.start for p in priorities
                                           if p.start is not None and p.id in self.rotations}
        self.topics = {p.id: catalog.ensure(p.topic, p.training_type, "组织需求").id for p in priorities}
        self.levels = {p.id: _union(vocab.level_target(t) for t in p.target_levels) for p in priorities}
        self.reached: dict[str, int] = {p.id: 0 for p in priorities}
        self._plans = [PriorityPlan(p, frozenset(fold(u) for u in p.target_units) if p.target_units else None,
                                    self.levels[p.id] if p.target_levels else None,
                                    frozenset(p.target_categories) if p.target_categories else None,
                                    self._reason(p)) for p in priorities]
        # (unit, level, category) -> the priorities that target them: a roster repeats them thousands of times
        self._targeting: dict[tuple[str, str, str], tuple[tuple[str, ...], tuple[TopicReason, ...]]] = {}

    def find(self, cadre: Cadre) -> tuple[TopicReason, ...]:
        """The reason of every priority that targets the cadre, each counted as reaching one more cadre."""
        if not self._plans:
            return ()
        key = (cadre.unit, cadre.level, cadre.category)
        hit = self._targeting.get(key)
        if hit is None:
            plans = self._targets(*key)
            hit = bounded(self._targeting)[key] = (tuple(p.priority.id for p in plans), tuple(p.reason for p in plans))
        reached = self.reached
        for priority_id in hit[0]:
            reached[priority_id] += 1
        return hit[1]

    def _targets(self, unit: str, level: str, category: str) -> list[PriorityPlan]:
        """The priorities whose targets take in a cadre of this unit, level and category, in their order."""
        out = []
        folded = None
        for plan in self._plans:
            if plan.units is not None:
                folded = fold(unit) if folded is None else folded
                if folded not in plan.units:
                    continue
            if plan.levels is not None and level not in plan.levels:
                continue
            if plan.categories is not None and category not in plan.categories:
                continue
            out.append(plan)
        return out

    def _reason(self, p: Priority) -> TopicReason:
        targets = "、".join(p.target_levels + p.target_units + p.target_categories) or (
            "全部" if self.lang == "zh" else "all")
        due = f"，期限 {p.deadline.isoformat()}" if p.deadline else ""
        text = (f"组织需求 {p.id}（{p.source_kind}，优先级 {p.priority}）：适用 {targets}{due}" if self.lang == "zh"
                else f"organizational priority {p.id} ({p.source_kind}, priority {p.priority}): "
                     f"targets {targets}" + (f", due {p.deadline.isoformat()}" if p.deadline else ""))
        rotation = self.rotations.get(p.id)
        if rotation is None:
            score = self.pool.weight("organizational") + 4.0 * p.priority
            return TopicReason(self.topics[p.id], self.pool.reason(
                rule_id=f"priority:{p.id}", source="organizational", text=text, score=score,
                training_type=p.training_type))
        # a central decision's rotation is compulsory whatever its 优先级: it ranks as an obligation
        status, deadline, late = rotation
        if not p.deadline:
            text += f"，期限 {deadline.isoformat()}（年底）" if self.lang == "zh" else f", due {deadline.isoformat()} (year end)"
        if status == "overdue":
            text += f"，已逾期 {late} 个月" if self.lang == "zh" else f"; overdue by {late} month(s)"
        text = ("集中轮训（中央重大决策部署）：" if self.lang == "zh" else "rotation on a central decision: ") + text
        score = self.pool.weight("obligation-overdue" if status == "overdue" else "obligation") + 5.0 + p.priority
        return TopicReason(self.topics[p.id], self.pool.reason(
            rule_id=f"priority:{p.id}", source="obligation", text=text, score=score, training_type=p.training_type))


def _union(sets: Iterable[frozenset[str] | None]) -> frozenset[str]:
    out: set[str] = set()
    for s in sets:
        out |= s or set()
    return frozenset(out)
