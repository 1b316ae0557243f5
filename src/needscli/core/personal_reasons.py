"""Reasons from the cadre's own words: training wishes, and low self-ratings of ability."""

from __future__ import annotations

from typing import Any

from needscli.cache import bounded
from needscli.config import NeedsConfig
from needscli.core.catalog import Catalog
from needscli.core.need_results import NeedsResult, Unmatched
from needscli.core.reasons import NO_REASON, ReasonPool, TopicReason
from needscli.models import Cadre, Rating


class PersonalReasons:
    """The reasons a cadre's wishes and self-ratings give, each distinct one worked out once."""

    def __init__(self, catalog: Catalog, settings: NeedsConfig, pool: ReasonPool, lang: str) -> None:
        self.catalog = catalog
        self.settings = settings
        self.pool = pool
        self.lang = lang
        self._wishes: dict[str, TopicReason | tuple[()]] = {}
        self._ratings: dict[Any, TopicReason | tuple[()]] = {}

    def from_wishes(self, cadre: Cadre, result: NeedsResult) -> list[TopicReason]:
        """A reason per wish that names a catalog topic; the others are noted in the result."""
        out = []
        memo = self._wishes
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
        topic = self.catalog.resolve(wish, source="wish")
        if topic is None:
            return NO_REASON
        text = f"个人培训需求：{wish}" if self.lang == "zh" else f"personal wish: {wish}"
        return TopicReason(topic.id, self.pool.reason(rule_id="personal:wish", source="personal", text=text,
                                                      score=self.pool.weight("personal") + 5.0))

    def from_ratings(self, cadre: Cadre, covered: frozenset[str]) -> list[TopicReason]:
        """A low self-rating on a topic the post does not already cover is a personal need."""
        out = []
        memo = self._ratings
        for text_topic, rating in cadre.ratings.items():
            key = (text_topic, _typed(rating.ability), _typed(rating.importance))
            hit = memo.get(key)
            if hit is None:
                hit = bounded(memo)[key] = self._rating_reason(text_topic, rating)
            if hit and hit.topic_id not in covered:
                out.append(hit)
        return out

    def _rating_reason(self, text_topic: str, rating: Rating) -> TopicReason | tuple[()]:
        low = self.settings.low_ability
        topic = self.catalog.resolve(text_topic, source="rating")
        if topic is None or rating.ability is None or rating.ability > low:
            return NO_REASON
        importance = rating.importance or 3
        text = (f"自评能力 {rating.ability} ≤ {low}（{text_topic}），重要性 {importance}" if self.lang == "zh"
                else f"self-rated ability {rating.ability} <= {low} ({text_topic}), importance {importance}")
        score = self.pool.weight("personal") + importance * (low + 1 - rating.ability)
        return TopicReason(topic.id, self.pool.reason(rule_id="personal:rating", source="personal", text=text,
                                                      score=score))


def _typed(value: Any) -> Any:
    """A memo key part: 1 and True are equal keys but print apart."""
    return value if value is None else (type(value), value)
