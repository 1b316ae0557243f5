"""Merging a cadre's reasons by topic into needs: one need per topic, theory core first, then priority."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from needscli.cache import bounded
from needscli.config import NeedsConfig
from needscli.core.catalog import Catalog
from needscli.core.obligations import HOURS_RULE
from needscli.core.reasons import TopicReason
from needscli.models import NEED_SOURCES, Need, Reason


@dataclass(slots=True)
class MergedNeed:
    """A topic's need but for its cadre and hours."""

    rank: tuple[int, int, int, float, str]  # sort key: obligations, theory core (catalog order), priority, topic
    topic_id: str
    source: str
    training_type: str
    priority: float
    reasons: tuple[Reason, ...]
    compliance: bool  # the strongest reason is the hours deficit: the need's hours are the deficit
    topic_hours: float


_BY_RANK = attrgetter("rank")


class NeedMerger:
    """Merges reasons by topic; each distinct set of reasons for a topic is merged once."""

    def __init__(self, catalog: Catalog, settings: NeedsConfig) -> None:
        self.catalog = catalog
        self.settings = settings
        self._merges: dict[tuple[Any, ...], MergedNeed] = {}

    def merge(self, cadre_id: str, reasons: list[TopicReason], deficit: Any) -> list[Need]:
        """One need per topic, keeping every reason (see _merged); obligations first, the theory core next, then priority."""
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
            # reasons are shared (see ReasonPool.reason): one id per distinct reason
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
        priority = need_priority(best.score + self.settings.merge_bonus * (len(found) - 1))
        obligation = 0 if best.source == "obligation" else 1
        return MergedNeed((obligation, *self.catalog.order[topic_id], -priority, topic_id), topic_id, best.source,
                          _training_type(best, topic.training_type), priority, tuple(found),
                          best.source == "compliance" or best.rule_id == HOURS_RULE, topic.hours)


def need_priority(score: float) -> float:
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
