"""Derived facts about a cadre (months in post, level group, hours deficit ...) for rules and reasons."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import partial
from operator import itemgetter
from typing import Any, NamedTuple

from needscli.cache import Memo
from needscli.config import ClassesConfig, Config
from needscli.core.catalog import Catalog
from needscli.core.hours import HoursStanding, hours_standing, hours_tier
from needscli.models import Cadre, Completion
from needscli.vocab import Vocab


class FactName(NamedTuple):
    """A fact's name in both languages and its kind: text | number | bool | list | date."""

    zh: str
    en: str
    kind: str


class TopicFactName(NamedTuple):
    """A per-topic fact's name in both languages."""

    zh: str
    en: str


class LevelFacts(NamedTuple):
    """The facts a level name gives: its tier, the level groups it is in, and whether it is a leading post."""

    tier: str
    groups: tuple[str, ...]
    leading: bool


FACTS: dict[str, FactName] = {
    "unit": FactName("单位", "unit", "text"),
    "department": FactName("部门", "department", "text"),
    "post": FactName("职务", "post", "text"),
    "post_code": FactName("岗位代码", "post code", "text"),
    "level": FactName("职级", "level", "text"),
    "tier": FactName("层级", "tier", "text"),
    "level_group": FactName("职级分组", "level group", "list"),
    "category": FactName("干部类别", "category", "text"),
    "job_family": FactName("职位类别", "job family", "text"),
    "managed_by": FactName("管理权限", "managed by", "text"),
    "is_leading": FactName("领导职务", "leading post", "bool"),
    "months_in_post": FactName("任现职月数", "months in post", "number"),
    "months_since_entry": FactName("参加工作月数", "months since entry", "number"),
    "months_since_recorded": FactName("录用月数", "months since civil service entry", "number"),
    "age": FactName("年龄", "age", "number"),
    "hours_year": FactName("本年度学时", "hours this year", "number"),
    "hours_five_year": FactName("五年累计学时", "hours in five-year cycle", "number"),
    "hours_required": FactName("应修学时", "hours required", "number"),
    "hours_done": FactName("已修学时", "hours done", "number"),
    "hours_deficit": FactName("学时缺口", "hours deficit", "number"),
    "days_done": FactName("已培训天数", "training days done", "number"),
    "days_required": FactName("应培训天数", "training days required", "number"),
    "online_hours_year": FactName("本年度网络学时", "online hours this year", "number"),
    "online_deficit": FactName("网络学时缺口", "online hours deficit", "number"),
    "completed": FactName("已完成主题", "completed topics", "list"),
    "wishes": FactName("个人需求数", "personal wishes", "number"),
}
# per-topic facts: "ability:<topic>", "importance:<topic>", "gap:<topic>"
TOPIC_FACTS: dict[str, TopicFactName] = {
    "ability": TopicFactName("自评能力", "self-rated ability"),
    "importance": TopicFactName("重要性", "importance"),
    "gap": TopicFactName("能力差距", "ability gap"),
}


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from start to end (2026-08-01 -> 2026-11-01 is 3)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - 1 if end.day < start.day else months


def fact_label(name: str, lang: str) -> str:
    kind, _, topic = name.partition(":")
    if topic and kind in TOPIC_FACTS:
        label = TOPIC_FACTS[kind]
        return f"{label.zh if lang == 'zh' else label.en}:{topic}"
    known = FACTS.get(name)
    if known is None:
        return name
    return known.zh if lang == "zh" else known.en


@dataclass
class FactBuilder:
    """Computes the facts of a cadre once; rules read them by name."""

    config: Config
    vocab: Vocab
    catalog: Catalog
    as_of: dt.date

    def __post_init__(self) -> None:
        self._groups = {g.name: self.vocab.level_target(g.name) or frozenset() for g in self.config.level_groups}
        # most cadres share a level, a date or a topic's wording: each is worked out once
        self._levels: dict[str, LevelFacts] = {}
        # (each worked out by a plain function, so that no memo holds the builder in a cycle)
        self._months = Memo(partial(_months_to, as_of=self.as_of))
        self._ages = Memo(partial(_age_at, as_of=self.as_of))
        self._topic_ids = Memo(partial(_topic_id, self.catalog))
        self._counted = Memo(partial(_counted, self.catalog, self.as_of, self.config.needs.undated_completion_counts))
        # a 管理权限 as the config names its organizer (市管 is 市委管理), as the planner reads it and rules are read
        self._organizers = Memo(partial(_organizer, self.config.classes.organizer_names()))

    def standing(self, cadre: Cadre) -> HoursStanding:
        """What the hours standard asks of the cadre by its level's tier (or its rank's: hours_tier), and by when."""
        level = self._level(cadre.level)
        return hours_standing(cadre, self._hours_tier(cadre, level), self.config, self.as_of, level.leading)

    def _hours_tier(self, cadre: Cadre, level: LevelFacts) -> str:
        return hours_tier(level.tier, self._level(cadre.rank).tier, self.config.hours) if cadre.rank else level.tier

    def level(self, cadre: Cadre) -> LevelFacts:
        """The tier, level groups and leading of the cadre's level."""
        return self._level(cadre.level)

    def completions(self, cadre: Cadre) -> list[tuple[str, dt.date | None]]:
        """(topic id, date) of each completion that names a catalog topic, dated no later than as_of."""
        return self._pairs(cadre.completed)

    def _pairs(self, completed: list[Completion]) -> list[tuple[str, dt.date | None]]:
        # a training dated after as_of is planned, or its date mistyped: not done yet, it meets nothing (a warning
        # names its cell: io.late_dates)
        topic_ids, as_of = self._topic_ids, self.as_of
        return [(t, c.date) for c in completed
                if (t := topic_ids[c.topic]) is not None and (c.date is None or c.date <= as_of)]

    def facts(self, cadre: Cadre, post_levels: dict[str, int] | None = None,
              standing: HoursStanding | None = None,
              completions: list[tuple[str, dt.date | None]] | None = None) -> dict[str, Any]:
        """The cadre's facts by name; standing and completions (see completions): the cadre's, when the
        caller already has them."""
        level = self._level(cadre.level)
        if standing is None:
            standing = hours_standing(cadre, self._hours_tier(cadre, level), self.config, self.as_of, level.leading)
        months = self._months
        facts: dict[str, Any] = {
            "unit": cadre.unit, "department": cadre.department, "post": cadre.post,
            "post_code": cadre.post_code, "level": cadre.level, "tier": level.tier,
            "level_group": list(level.groups),
            "category": cadre.category, "job_family": cadre.job_family, "managed_by": self._organizers[cadre.managed_by],
            "is_leading": level.leading,
            "months_in_post": months[cadre.appointed],
            "months_since_entry": months[cadre.entry_date],
            "months_since_recorded": months[cadre.recorded],
            "age": self._ages[cadre.birth_date],
            "hours_year": cadre.hours_year, "hours_five_year": cadre.hours_five_year,
            "hours_required": standing.required, "hours_done": standing.done,
            "hours_deficit": standing.deficit,
            "days_done": standing.days, "days_required": standing.days_required,
            "online_hours_year": cadre.online_hours_year, "online_deficit": standing.online_deficit,
            "completed": sorted(set(map(_TOPIC_ID, completions if completions is not None
                                        else self.completions(cadre)))),
            "wishes": len(cadre.wishes),
        }
        if cadre.ratings:
            self._add_ratings(facts, cadre, post_levels or {})
        return facts

    def _add_ratings(self, facts: dict[str, Any], cadre: Cadre, post_levels: dict[str, int]) -> None:
        for text, rating in cadre.ratings.items():
            topic_id = self.topic_id(text)
            if topic_id is None:
                continue
            facts[f"ability:{topic_id}"] = rating.ability
            facts[f"importance:{topic_id}"] = rating.importance
            required = post_levels.get(topic_id)
            if required is not None and rating.ability is not None:
                facts[f"gap:{topic_id}"] = required - rating.ability

    def topic_id(self, text: str) -> str | None:
        """The catalog topic a text names (see Catalog.resolve), or None."""
        return self._topic_ids[text]

    def done(self, completed: list[Completion]) -> set[str]:
        """The topics completed within their validity: train what is lacking, and those are not lacking."""
        return self.done_among(self._pairs(completed))

    def done_among(self, completions: list[tuple[str, dt.date | None]]) -> set[str]:
        """done() of the completions a cadre's completions() gave."""
        done = set(map(self._counted.__getitem__, completions))
        done.discard(None)
        return done

    def _level(self, name: str) -> LevelFacts:
        """The tier, level groups and leading of a level name."""
        info = self._levels.get(name)
        if info is None:
            level = self.vocab.level_by_name.get(name)
            groups = tuple(g for g, names in self._groups.items() if name in names)
            info = LevelFacts(level.tier if level else "", groups, bool(level and level.leading))
            self._levels[name] = info
        return info


def _months_to(when: dt.date | None, as_of: dt.date) -> int | None:
    return None if when is None else months_between(when, as_of)


def _organizer(names: dict[str, str], written: str) -> str:
    return ClassesConfig.organizer_named(names, written) if written else written


def _age_at(birth: dt.date | None, as_of: dt.date) -> int | None:
    """Whole years from birth to as_of; None where unknown, or born after as_of (a slip: io.late_dates)."""
    return None if birth is None or birth > as_of else months_between(birth, as_of) // 12


def _topic_id(catalog: Catalog, text: str) -> str | None:
    topic = catalog.resolve(text)
    return topic.id if topic else None


_TOPIC_ID = itemgetter(0)


class CompletionStatus(NamedTuple):
    """What a completion the roster gives counts for (explain): its topic, and whether it still counts."""

    topic_id: str | None  # None: no topic of the catalog goes by its name
    status: str  # "counts" | "expired" | "undated" (not counted) | "later" (after as_of) | "unknown-topic"
    until: dt.date | None  # the last day it counts (None: never expires, or no date)


def completion_status(completion: Completion, catalog: Catalog, as_of: dt.date,
                      undated_counts: bool) -> CompletionStatus:
    """Whether a completion still counts on as_of, as the needs engine counts it (see _counted)."""
    topic = catalog.resolve(completion.topic)
    if topic is None:
        return CompletionStatus(None, "unknown-topic", None)
    if completion.date is None:
        return CompletionStatus(topic.id, "counts" if undated_counts else "undated", None)
    if completion.date > as_of:
        return CompletionStatus(topic.id, "later", None)
    if topic.validity_years == 0:
        return CompletionStatus(topic.id, "counts", None)
    until = completion.date + dt.timedelta(days=int(topic.validity_years * 365.25))
    return CompletionStatus(topic.id, "counts" if (as_of - completion.date).days <= topic.validity_years * 365.25
                            else "expired", until)


def _counted(catalog: Catalog, as_of: dt.date, undated_counts: bool,
             completion: tuple[str, dt.date | None]) -> str | None:
    """The topic of a completion (as (topic id, date)) if it still counts, else None."""
    topic_id, date = completion
    if date is None:
        return topic_id if undated_counts else None
    validity = catalog.by_id[topic_id].validity_years
    return topic_id if validity == 0 or (as_of - date).days <= validity * 365.25 else None



