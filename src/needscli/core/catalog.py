"""The topic catalog: built-in defaults merged with the user's topics, and the one resolver of topic
names every input goes through (posts, priorities, wishes, ratings, resources, completions)."""

from __future__ import annotations

import difflib
import hashlib
import itertools
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from needscli.cache import LIMIT, bounded
from needscli.errors import NeedsError, Problem, problems_error, validation_problems
from needscli.models import Topic
from needscli.text import clean, fold

# how a text found its topic: by id, name or English name; by an alias; by a close match; or it
# became a new topic of the analysis (a post's or priority's topic that matched nothing)
EXACT, ALIAS, CLOSE, NEW = "exact", "alias", "close", "new"
# the inputs whose texts the catalog resolves, in the order the mapping lists them
MAPPING_SOURCES = ("post", "priority", "resource", "wish", "rating", "completion")


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


@dataclass(frozen=True, slots=True)
class Match:
    """The topic a text resolved to, and how (EXACT, ALIAS, CLOSE or NEW)."""

    topic: Topic
    how: str


@dataclass
class TopicMapping:
    """One input text the catalog took as a topic other than by its id or name, for the report."""

    text: str  # as written
    source: str  # one of MAPPING_SOURCES
    how: str  # ALIAS, CLOSE or NEW
    topic_id: str


@dataclass
class Catalog:
    """Topics by id, with the one resolution of free text: id or name, alias, close match.

    user_ids: the topics the user defined (a topics sheet, --topics); their words are looked up
    before every built-in one, and a close match to one of them wins over a close match to a
    built-in topic.
    """

    topics: list[Topic]
    cutoff: float = 0.72
    user_ids: Collection[str] = ()
    by_id: dict[str, Topic] = field(default_factory=dict, init=False)
    # folded word -> (topic id, True if the word is an alias)
    _index: dict[str, tuple[str, bool]] = field(default_factory=dict, init=False)
    _tiers: tuple[list[str], ...] | None = field(default=None, init=False)
    _cache: dict[str, Match | None] = field(default_factory=dict, init=False)
    _mapping: dict[tuple[str, str], TopicMapping] = field(default_factory=dict, init=False)
    _order: dict[str, tuple[int, int]] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        user = frozenset(self.user_ids)
        self.user_ids = user
        first = [t for t in self.topics if t.id in user]
        rest = [t for t in self.topics if t.id not in user]
        for group in (first, rest):  # a word two topics share is the user's; else the first's by name
            for topic in group:
                self.by_id[topic.id] = topic
                self._words(topic, aliases=False)
            for topic in group:
                self._words(topic, aliases=True)

    def _words(self, topic: Topic, aliases: bool) -> None:
        for word in (topic.aliases if aliases else (topic.id, topic.name_zh, topic.name_en)):
            if word:
                self._index.setdefault(fold(word), (topic.id, aliases))

    def exact(self, text: str) -> Topic | None:
        """The topic whose id, name, English name or alias the text is (case, width and spaces aside)."""
        hit = self._index.get(fold(text))
        return self.by_id[hit[0]] if hit else None

    def match(self, text: str, source: str = "", close: bool = True) -> Match | None:
        """The topic a text names and how: by id or name, else by alias, else (close) by the closest
        word above the cutoff, a user's topic before a built-in one; else None. Worked out once per text.

        source: the input the text comes from (one of MAPPING_SOURCES); a text of a source taken
        other than by id or name is kept for mapping.
        """
        if not close:
            hit = self._index.get(fold(text))
            return Match(self.by_id[hit[0]], ALIAS if hit[1] else EXACT) if hit else None
        cache = self._cache
        if text in cache:
            found = cache[text]
        else:
            found = bounded(cache)[text] = self._match(text)
        if source and found is not None and found.how != EXACT:
            self._note(text, source, found)
        return found

    def resolve(self, text: str, close: bool = True, source: str = "") -> Topic | None:
        """The topic of match(), or None."""
        found = self.match(text, source, close)
        return found.topic if found is not None else None

    def _match(self, text: str) -> Match | None:
        key = fold(text)
        hit = self._index.get(key)
        if hit:
            return Match(self.by_id[hit[0]], ALIAS if hit[1] else EXACT)
        if not text.strip():
            return None
        topic_id = self._close(key)
        return Match(self.by_id[topic_id], CLOSE) if topic_id else None

    def _close(self, key: str) -> str | None:
        """The topic of the word closest to key above the cutoff, the user's words tried first; else the
        one topic a word of which key contains or is part of."""
        if self._tiers is None:
            user = [k for k, (topic_id, _) in self._index.items() if topic_id in self.user_ids]
            self._tiers = (user, [k for k, (topic_id, _) in self._index.items() if topic_id not in self.user_ids])
        for words in self._tiers:
            if not words:
                continue
            near = difflib.get_close_matches(key, words, n=1, cutoff=self.cutoff)
            if near:
                return self._index[near[0]][0]
            # a text that contains a word, or is part of one, and points at one topic only
            ids = {self._index[k][0] for k in words if len(k) >= 2 and len(key) >= 2 and (k in key or key in k)}
            if len(ids) == 1:
                return ids.pop()
        return None

    def ensure(self, text: str, training_type: str = "specialized", domain: str = "", source: str = "") -> Topic:
        """The topic a priority or post names (see ensure_match)."""
        return self.ensure_match(text, training_type, domain, source).topic

    def ensure_match(self, text: str, training_type: str = "specialized", domain: str = "",
                     source: str = "") -> Match:
        """The topic a priority or post names, as match() finds it; a text that matches nothing becomes
        a new topic of the analysis."""
        found = self.match(text, source)
        if found is not None:
            return found
        name = clean(text)
        topic = Topic(id=topic_id_for(name), name_zh=name, name_en="", domain=domain,
                      training_type=training_type, hours=8.0, validity_years=1.0, file="(input)")
        self.topics.append(topic)
        self.by_id[topic.id] = topic
        self._words(topic, aliases=False)
        self._tiers = None
        self._cache.clear()
        found = Match(topic, NEW)
        if source:
            self._note(text, source, found)
        return found

    def _note(self, text: str, source: str, found: Match) -> None:
        key = (source, text)
        if key not in self._mapping and len(self._mapping) < LIMIT:
            self._mapping[key] = TopicMapping(text, source, found.how, found.topic.id)

    def noted(self) -> int:
        """How many texts the mapping holds: where notes_since() starts."""
        return len(self._mapping)

    def notes_since(self, count: int) -> list[TopicMapping]:
        """The texts the mapping took after it held `count`, in the order it took them."""
        return list(itertools.islice(self._mapping.values(), count, None))

    def take_notes(self, notes: Iterable[TopicMapping]) -> None:
        """Texts another copy of this catalog took (notes_since), taken as if resolved here, after those taken
        here: the first of each text, while the mapping has room."""
        for m in notes:
            key = (m.source, m.text)
            if key not in self._mapping and len(self._mapping) < LIMIT:
                self._mapping[key] = m

    def remember(self, mapping: Iterable[TopicMapping]) -> None:
        """Take a mapping kept before (a saved analysis) as this catalog's."""
        for m in mapping:
            self._mapping.setdefault((m.source, m.text), m)

    @property
    def mapping(self) -> list[TopicMapping]:
        """Every distinct text of a source taken other than by id or name: by source, then by text."""
        rank = {s: i for i, s in enumerate(MAPPING_SOURCES)}
        return sorted(self._mapping.values(), key=lambda m: (rank.get(m.source, len(rank)), m.source, m.text))

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
    """The user's topics replace the defaults of the same id and add to the rest; their words come first."""
    merged = {t.id: t for t in defaults}
    for topic in user_topics:
        merged[topic.id] = topic
    return Catalog(list(merged.values()), cutoff, frozenset(t.id for t in user_topics))
