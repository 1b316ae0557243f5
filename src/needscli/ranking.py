"""Group ranking of topics: demand weighted by priority, and Borich's MWDS where ratings exist."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from .catalog import Catalog
from .models import NEED_SOURCES, Cadre, Need


def borich_mwds(pairs: list[tuple[int, int]]) -> float:
    """Mean Weighted Discrepancy Score over (importance, ability) pairs.

    DS = I - C per respondent; WDS = DS * mean(I); MWDS = sum(WDS) / N (Borich 1980).
    """
    if not pairs:
        raise ValueError("MWDS needs at least one rating")
    mean_importance = sum(i for i, _ in pairs) / len(pairs)
    return sum((i - c) * mean_importance for i, c in pairs) / len(pairs)


@dataclass
class TopicRank:
    topic_id: str
    unit: str = ""  # "" for the overall ranking
    cadres: int = 0  # cadres with a need for the topic
    demand: float = 0.0  # sum of their need priorities
    by_source: dict[str, int] = field(default_factory=dict)
    respondents: int = 0  # cadres who rated both importance and ability
    mwds: float | None = None
    rank: int = 0  # by demand
    rank_mwds: int | None = None  # by MWDS, among rated topics

    @property
    def mean_priority(self) -> float:
        return self.demand / self.cadres if self.cadres else 0.0


def rating_pairs(cadres: Iterable[Cadre], catalog: Catalog) -> dict[str, list[tuple[int, int]]]:
    """topic id -> (importance, ability) of each cadre who gave both."""
    pairs: dict[str, list[tuple[int, int]]] = defaultdict(list)
    topic_ids: dict[str, str | None] = {}  # rating columns repeat from cadre to cadre: each resolved once
    for cadre in cadres:
        for text, rating in cadre.ratings.items():
            if rating.importance is None or rating.ability is None:
                continue
            if text not in topic_ids:
                topic = catalog.resolve(text)
                topic_ids[text] = topic.id if topic else None
            topic_id = topic_ids[text]
            if topic_id is not None:
                pairs[topic_id].append((rating.importance, rating.ability))
    return pairs


def _ranked(rows: dict[str, TopicRank], pairs: dict[str, list[tuple[int, int]]], unit: str) -> list[TopicRank]:
    for topic_id, ratings in pairs.items():
        row = rows.setdefault(topic_id, TopicRank(topic_id, unit))
        row.respondents = len(ratings)
        row.mwds = round(borich_mwds(ratings), 4)
    ordered = sorted(rows.values(), key=lambda r: (-r.demand, -r.cadres, r.topic_id))
    for i, row in enumerate(ordered, start=1):
        row.rank = i
    rated = sorted((r for r in ordered if r.mwds is not None), key=lambda r: (-(r.mwds or 0.0), r.topic_id))
    for i, row in enumerate(rated, start=1):
        row.rank_mwds = i
    return ordered


def rank_topics(needs: list[Need], cadres: list[Cadre], catalog: Catalog) -> list[TopicRank]:
    """Topics over the whole roster."""
    rows: dict[str, TopicRank] = {}
    for need in needs:
        _add(rows, need, "")
    return _ranked(rows, rating_pairs(cadres, catalog), "")


def rank_topics_by_unit(needs: list[Need], cadres: list[Cadre], catalog: Catalog) -> list[TopicRank]:
    """Topics within each unit, units in roster order."""
    unit_of = {c.id: c.unit for c in cadres}
    per_unit: dict[str, dict[str, TopicRank]] = {}
    cadre_id: str | None = None
    unit, rows = "", {}
    for need in needs:
        if need.cadre_id != cadre_id:  # a cadre's needs come together: its unit is looked up once
            cadre_id = need.cadre_id
            unit = unit_of.get(cadre_id, "")
            rows = per_unit.setdefault(unit, {})
        _add(rows, need, unit)
    cadres_by_unit: dict[str, list[Cadre]] = defaultdict(list)
    for cadre in cadres:
        cadres_by_unit[cadre.unit].append(cadre)
    out: list[TopicRank] = []
    for unit in dict.fromkeys(c.unit for c in cadres):
        out += _ranked(per_unit.get(unit, {}), rating_pairs(cadres_by_unit[unit], catalog), unit)
    return out


def _add(rows: dict[str, TopicRank], need: Need, unit: str) -> None:
    """Count a need in its topic's row, made when the topic is first seen."""
    row = rows.get(need.topic_id)
    if row is None:
        row = rows[need.topic_id] = TopicRank(need.topic_id, unit)
    row.cadres += 1
    row.demand = round(row.demand + need.priority, 4)
    row.by_source[need.source] = row.by_source.get(need.source, 0) + 1


SOURCE_ORDER = NEED_SOURCES
