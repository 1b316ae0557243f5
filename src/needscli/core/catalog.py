"""The topic catalog: built-in defaults merged with the user's topics, and topic resolution by name."""

from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from needscli.errors import NeedsError, Problem, problems_error, validation_problems
from needscli.models import Topic
from needscli.text import clean, fold


def topics_from_toml(data: dict[str, Any], file: str) -> list[Topic]:
    """The [[topic]] tables of a parsed topics file; a fault raises NeedsError naming every key at fault."""
    items = data.get("topic", [])
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise NeedsError(f"{file}: not a readable topic catalog; expected [[topic]] tables")
    topics: list[Topic] = []
    problems: list[Problem] = []
    for i, item in enumerate(items):
        try:
            topics.append(Topic.model_validate({**item, "file": file}))
        except ValidationError as exc:
            problems += validation_problems(exc, file, at=("topic", i))
    if problems:
        raise problems_error(problems)
    return topics


def topic_id_for(name: str) -> str:
    """A stable id for a topic named only in an input: 't-' + 8 hex of its name."""
    return "t-" + hashlib.sha1(clean(name).encode("utf-8")).hexdigest()[:8]


@dataclass
class Catalog:
    """Topics by id, with resolution of free text (name, alias, id, close match)."""

    topics: list[Topic]
    cutoff: float = 0.72
    _index: dict[str, str] = field(default_factory=dict, init=False)
    by_id: dict[str, Topic] = field(default_factory=dict, init=False)
    _cache: dict[tuple[str, bool], Topic | None] = field(default_factory=dict, init=False)
    _order: dict[str, tuple[int, int]] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        for topic in self.topics:
            self._register(topic)

    def _register(self, topic: Topic) -> None:
        self.by_id[topic.id] = topic
        for word in [topic.id, topic.name_zh, topic.name_en, *topic.aliases]:
            if word:
                self._index.setdefault(fold(word), topic.id)

    def exact(self, text: str) -> Topic | None:
        topic_id = self._index.get(fold(text))
        return self.by_id[topic_id] if topic_id else None

    def resolve(self, text: str, close: bool = True) -> Topic | None:
        """By id, name or alias; else the closest name above the cutoff; else None."""
        key = (text, close)
        if key not in self._cache:
            self._cache[key] = self._resolve(text, close)
        return self._cache[key]

    def _resolve(self, text: str, close: bool) -> Topic | None:
        hit = self.exact(text)
        if hit or not close or not text.strip():
            return hit
        key = fold(text)
        near = difflib.get_close_matches(key, list(self._index), n=1, cutoff=self.cutoff)
        if near:
            return self.by_id[self._index[near[0]]]
        # a wish that contains a name, or is part of one, and points at one topic only
        ids = {self._index[k] for k in self._index if len(k) >= 2 and len(key) >= 2 and (k in key or key in k)}
        return self.by_id[ids.pop()] if len(ids) == 1 else None

    def ensure(self, text: str, training_type: str = "specialized", domain: str = "") -> Topic:
        """The topic a priority or post names; an unknown name becomes a new topic of the analysis."""
        hit = self.exact(text)
        if hit:
            return hit
        name = clean(text)
        topic = Topic(id=topic_id_for(name), name_zh=name, name_en="", domain=domain,
                      training_type=training_type, hours=8.0, validity_years=1.0, file="(input)")
        self.topics.append(topic)
        self._register(topic)
        self._cache.clear()
        return topic

    @property
    def order(self) -> dict[str, tuple[int, int]]:
        """topic id -> sort key putting the theory core first, in its rank order."""
        if len(self._order) != len(self.by_id):
            self._order = {t.id: ((0, t.rank) if t.core else (1, 0)) for t in self.by_id.values()}
        return self._order

    @property
    def core(self) -> list[Topic]:
        return sorted((t for t in self.topics if t.core), key=lambda t: (t.rank, t.id))

    def label(self, topic_id: str, lang: str) -> str:
        topic = self.by_id.get(topic_id)
        return topic.name(lang) if topic else topic_id


def merge_catalog(defaults: list[Topic], user_topics: list[Topic], cutoff: float) -> Catalog:
    """The user's topics replace the defaults of the same id and add to the rest."""
    merged = {t.id: t for t in defaults}
    for topic in user_topics:
        merged[topic.id] = topic
    return Catalog(list(merged.values()), cutoff)
