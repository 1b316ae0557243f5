"""Cadres + posts + priorities + rules -> needs with provenance. Pure: no I/O.

Each source of reasons lives in its own module (rule_reasons, priority_reasons, post_reasons,
personal_reasons); the engine runs them for each cadre and merges their reasons by topic (merging).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from needscli.config import Config
from needscli.core.catalog import Catalog
from needscli.core.facts import FactBuilder
from needscli.core.merging import NeedMerger
from needscli.core.need_results import ComplianceRow, NeedsResult, Skipped, Unmatched
from needscli.core.personal_reasons import PersonalReasons
from needscli.core.post_reasons import PostReasons
from needscli.core.priority_reasons import PriorityReasons
from needscli.core.reasons import ReasonPool, TopicReason
from needscli.core.rule_reasons import RuleReasons
from needscli.models import Cadre, Need, PostRequirement, Priority, Rule
from needscli.vocab import Vocab

__all__ = ["ComplianceRow", "NeedsEngine", "NeedsResult", "Skipped", "Unmatched", "find_needs"]


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
        settings = self.config.needs
        self.vocab = Vocab(self.config)
        self.facts = FactBuilder(self.config, self.vocab, self.catalog, self.as_of)
        # one pool for every source: merging remembers its results by the shared reasons' ids
        self.pool = ReasonPool(settings.weights)
        # posts first: their topics enter the catalog before the priorities'
        self.post_reasons = PostReasons(self.posts, self.catalog, settings, self.pool, self.lang)
        self.priority_reasons = PriorityReasons(self.priorities, self.catalog, self.vocab, self.pool, self.lang)
        self.rule_reasons = RuleReasons(self.rules, self.pool, self.lang)
        self.personal_reasons = PersonalReasons(self.catalog, settings, self.pool, self.lang)
        self.merger = NeedMerger(self.catalog, settings)
        self.reached = self.priority_reasons.reached  # priority id -> cadres it reached

    def find(self, cadre: Cadre, result: NeedsResult, explain: bool = False) -> list[Need]:
        """The needs of one cadre, merged by topic, theory core first."""
        post = self.post_reasons.plan(cadre)
        standing = self.facts.standing(cadre)
        facts = self.facts.facts(cadre, post.levels, standing)
        reasons: list[TopicReason] = []
        reasons += self.rule_reasons.find(cadre, facts, result if explain else None)
        reasons += self.priority_reasons.find(cadre)
        reasons += self.post_reasons.find(post, facts)
        reasons += self.personal_reasons.from_wishes(cadre, result)
        reasons += self.personal_reasons.from_ratings(cadre, post.covered)
        result.compliance.append(ComplianceRow(cadre.id, standing))
        done = self.facts.done(cadre.completed)
        lacking = ([tr for tr in reasons if tr.topic_id not in done or tr.reason.source == "compliance"] if done
                   else reasons)
        return self.merger.merge(cadre.id, lacking, facts.get("hours_deficit"))


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
