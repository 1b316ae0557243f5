"""A reason tied to its topic, and the pool every source makes its reasons and weights from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from needscli.models import Reason
from needscli.text import is_numeric_text

# The engine's own records are read once per cadre or more, and made once per distinct input:
# slotted dataclasses, whose fields read fastest. Those made while finding needs are not frozen
# (a frozen one is several times slower to make), but are shared through the memos: never changed.


@dataclass(slots=True)
class TopicReason:
    """A reason found for a topic: what the engine gathers for a cadre before merging by topic."""

    topic_id: str
    reason: Reason


NO_REASON: tuple[()] = ()  # a wish that matches no catalog topic, a rating that is no need


class ReasonPool:
    """One shared Reason per distinct reason, and the weight of each source or rule weight key."""

    def __init__(self, weights: dict[str, float]) -> None:
        self.weights = weights
        self._weight_cache: dict[str, float] = {}
        self._reasons: dict[Reason, Reason] = {}

    def reason(self, **fields: Any) -> Reason:
        """One shared Reason per distinct reason: on a large roster most cadres share theirs."""
        # merging remembers its results by the reasons' ids, so all sources must share this one pool
        made = Reason(**fields)
        return self._reasons.setdefault(made, made)

    def weight(self, key: str) -> float:
        """A weight by name, or the number a rule gives as its weight; unknown names weigh as a rule."""
        if key not in self._weight_cache:
            self._weight_cache[key] = self.weights.get(
                key, float(key) if is_numeric_text(key) else self.weights.get("rule", 30.0))
        return self._weight_cache[key]
