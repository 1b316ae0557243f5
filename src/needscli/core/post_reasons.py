"""Reasons from the posts: a gap between a requirement's level and the cadre's self-rated ability."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from needscli.cache import bounded
from needscli.config import NeedsConfig
from needscli.core.catalog import Catalog
from needscli.core.reasons import ReasonPool, TopicReason
from needscli.core.rules import fact_key
from needscli.models import Cadre, PostRequirement
from needscli.text import fold


@dataclass(frozen=True)
class PostPlan:
    """A post's requirements as the engine reads them, worked out once per post."""

    key: int  # identity of the requirement list
    reqs: list[tuple[PostRequirement, str]]  # each requirement with its topic id
    levels: dict[str, int]  # topic id -> required level
    covered: frozenset[str]  # the topics the post requires
    reads: tuple[str, ...]  # the ability fact of each requirement


class PostReasons:
    """The requirements of a cadre's post, and the reasons its gaps to them give."""

    def __init__(self, posts: list[PostRequirement], catalog: Catalog, settings: NeedsConfig, pool: ReasonPool,
                 lang: str) -> None:
        self.settings = settings
        self.pool = pool
        self.lang = lang
        self.by_code: dict[str, list[PostRequirement]] = {}
        self.by_title: dict[str, list[PostRequirement]] = {}
        # each requirement's topic as the catalog resolves it (joined by the pipeline before: no new topic here)
        self.topic_ids = {req.topic: catalog.ensure(req.topic, domain="岗位需求").id for req in posts}
        for req in posts:
            if req.post_code:
                self.by_code.setdefault(fold(req.post_code), []).append(req)
            if req.post_title:
                self.by_title.setdefault(fold(req.post_title), []).append(req)
        self._no_reqs: list[PostRequirement] = []
        self._plans: dict[int, PostPlan] = {}
        self._by_post: dict[tuple[str, str], PostPlan] = {}  # (post code, post) -> its plan
        self._memo: dict[Any, tuple[TopicReason, ...]] = {}

    def requirements(self, cadre: Cadre) -> list[PostRequirement]:
        """The requirements of the cadre's post, by its code first, else by its title."""
        if cadre.post_code and fold(cadre.post_code) in self.by_code:
            return self.by_code[fold(cadre.post_code)]
        return self.by_title.get(fold(cadre.post), self._no_reqs)

    def plan(self, cadre: Cadre) -> PostPlan:
        """The cadre's post requirements as the engine reads them, found once per post code and post."""
        key = (cadre.post_code, cadre.post)
        plan = self._by_post.get(key)
        if plan is None:
            plan = bounded(self._by_post)[key] = self._plan(self.requirements(cadre))
        return plan

    def _plan(self, reqs: list[PostRequirement]) -> PostPlan:
        """A requirement list as the engine reads it."""
        # keyed by identity: every list comes from by_code / by_title, which are kept
        plan = self._plans.get(id(reqs))
        if plan is None:
            ids = [self.topic_ids[req.topic] for req in reqs]
            plan = self._plans[id(reqs)] = PostPlan(
                id(reqs), list(zip(reqs, ids, strict=True)),
                {t: r.required_level for r, t in zip(reqs, ids, strict=True)}, frozenset(ids),
                tuple(f"ability:{t}" for t in ids))
        return plan

    def find(self, post: PostPlan, facts: dict[str, Any]) -> tuple[TopicReason, ...]:
        """A reason per requirement above the cadre's ability, remembered by the abilities it reads."""
        if not post.reqs:
            return ()
        key = fact_key(facts, post.reads)
        if key is None:
            return self._reasons(post, facts)
        memo = self._memo
        key = (post.key, key)
        hit = memo.get(key)
        if hit is None:
            hit = bounded(memo)[key] = self._reasons(post, facts)
        return hit

    def _reasons(self, post: PostPlan, facts: dict[str, Any]) -> tuple[TopicReason, ...]:
        out = []
        zh = self.lang == "zh"
        for (req, topic_id), fact in zip(post.reqs, post.reads, strict=True):
            ability = facts.get(fact)
            name = req.post_code or req.post_title
            if ability is None:
                if self.settings.missing_rating == "skip":
                    continue
                gap = self.settings.assumed_gap
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
            score = self.pool.weight("post") + req.importance * gap
            out.append(TopicReason(topic_id, self.pool.reason(rule_id=f"post:{name}", source="post", text=text,
                                                              score=score)))
        return tuple(out)
