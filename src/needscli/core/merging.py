"""Merging a cadre's reasons by topic into needs: one need per topic, theory core first, then priority."""

from __future__ import annotations

import functools
from collections.abc import Mapping
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

    def __init__(self, catalog: Catalog, settings: NeedsConfig, hours: Mapping[str, float] | None = None) -> None:
        """hours: topic -> the hours of its need where not the catalog's (an appointment band's course)."""
        self.catalog = catalog
        self.settings = settings
        self.hours = hours or {}
        self._merges: dict[tuple[Any, ...], MergedNeed] = {}
        # a topic's one reason, by the identity of the shared TopicReason (kept beside its result, so that
        # its id is not another's while remembered) -> the merged need: most topics have one reason
        self._singles: dict[int, tuple[TopicReason, MergedNeed]] = {}

    def merge(self, cadre_id: str, reasons: list[TopicReason], deficit: Any) -> list[Need]:
        """One need per topic, keeping every reason (see _merged); obligations first, the theory core next, then priority."""
        by_topic: dict[str, list[TopicReason]] = {}
        for found_for in reasons:
            found = by_topic.get(found_for.topic_id)
            if found is None:
                by_topic[found_for.topic_id] = [found_for]
                continue
            rule_id = found_for.reason.rule_id
            for other in found:
                if other.reason.rule_id == rule_id:
                    break
            else:
                found.append(found_for)
        singles = self._singles
        memo = self._merges
        merged = []
        for found in by_topic.values():
            if len(found) == 1:
                one = found[0]
                single = singles.get(id(one))
                if single is None:
                    single = bounded(singles)[id(one)] = (one, self._merged(one.topic_id, [one.reason]))
                merged.append(single[1])
                continue
            # reasons are shared (see ReasonPool.reason): one id per distinct reason
            topic_id = found[0].topic_id
            key = (topic_id, *[id(f.reason) for f in found])
            hit = memo.get(key)
            if hit is None:
                hit = bounded(memo)[key] = self._merged(topic_id, [f.reason for f in found])
            merged.append(hit)
        if len(merged) > 1:
            merged.sort(key=_BY_RANK)
        if not deficit:
            return [Need(cadre_id, m.topic_id, m.source, m.training_type, m.priority, m.reasons, m.topic_hours)
                    for m in merged]
        hours = float(deficit)
        return [Need(cadre_id, m.topic_id, m.source, m.training_type, m.priority, m.reasons,
                     hours if m.compliance else m.topic_hours)
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
                          best.source == "compliance" or best.rule_id == HOURS_RULE,
                          self.hours.get(topic_id, topic.hours))


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
