"""Closed vocabularies: levels, level groups, categories, job families, source kinds, types."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from needscli.config import Config, Level
from needscli.text import fold, suggest

TRAINING_TYPE_WORDS = {
    "initial": ["初任培训", "initial", "初任", "新录用人员培训", "入职培训"],
    "appointment": ["任职培训", "appointment", "任职", "提任培训"],
    "on-the-job": ["在职培训", "on-the-job", "在职", "onthejob", "岗位培训"],
    "specialized": ["专门业务培训", "specialized", "专门业务", "业务培训", "专题业务培训"],
    # 专题培训（理论与党性）, Theory and party spirit: its words on the sheets of earlier versions
    "theory": ["理论教育和党性教育", "theory", "专题培训", "轮训", "专题轮训", "理论培训", "党性教育", "专题培训/轮训",
               "专题/轮训", "集中轮训", "专题培训（理论与党性）", "theory / rotation", "Theory and party spirit"],
}
NEED_SOURCE_WORDS = {
    "theory-core": ["理论武装", "theory-core", "理论核心"],
    "compliance": ["学时达标", "compliance", "学时"],
    "organizational": ["组织需求", "organizational", "组织"],
    "post": ["岗位需求", "post", "岗位"],
    "personal": ["个人需求", "personal", "个人"],
}
RESOURCE_KIND_WORDS = {
    "party-school": ["党校", "party-school", "party school"],
    "admin-college": ["行政学院", "admin-college", "administrative college", "干部学院", "干部管理学院"],
    "university": ["高校", "university", "大学", "学院"],
    "online": ["网络学院", "online", "网络", "在线", "网络培训平台", "线上"],
    "enterprise": ["企业", "enterprise", "企业培训中心"],
    "base": ["教育基地", "base", "基地", "培训基地", "现场教学基地"],
    "other": ["其他", "other", "其它"],
}
ALL_WORDS = ["全部", "all", "所有", "不限", "*"]
# the choices of an option, each with the Chinese words the Chinese help glosses it by (按 unit（单位）...): a clerk
# reading that help types 单位
SPLIT_BY_WORDS = {  # --split-by, [options] split_by, write(split_by=...)
    "unit": ["unit", "单位"],
    "organizer": ["organizer", "主办单位", "主办"],
    "host": ["host", "承办单位", "承办"],
}
SUMMARY_BY_WORDS = {  # records summary --by
    "unit": ["unit", "单位"],
    "level": ["level", "职级"],
    "cadre": ["cadre", "干部"],
}


def word_index(words: dict[str, list[str]]) -> dict[str, str]:
    return {fold(w): key for key, ws in words.items() for w in ws}


@dataclass
class Vocab:
    """Resolves free text to canonical values of the configured vocabularies."""

    config: Config

    @cached_property
    def _levels(self) -> dict[str, Level]:
        index: dict[str, Level] = {}
        for level in self.config.levels:
            for word in [level.name, level.english, *level.aliases]:
                if word:
                    index.setdefault(fold(word), level)
        return index

    @cached_property
    def level_by_name(self) -> dict[str, Level]:
        return {lv.name: lv for lv in self.config.levels}

    def level(self, text: str) -> Level | None:
        return self._levels.get(fold(text))

    def level_words(self) -> list[str]:
        return [lv.name for lv in self.config.levels]

    def _vocab_index(self, attr: str) -> dict[str, str]:
        return {fold(w): v.name for v in getattr(self.config, attr) for w in [v.name, v.english, *v.aliases] if w}

    @cached_property
    def _categories(self) -> dict[str, str]:
        return self._vocab_index("categories")

    @cached_property
    def _job_families(self) -> dict[str, str]:
        return self._vocab_index("job_families")

    @cached_property
    def _source_kinds(self) -> dict[str, str]:
        return self._vocab_index("source_kinds")

    def resolve(self, attr: str, text: str) -> str | None:
        index = {"categories": self._categories, "job_families": self._job_families,
                 "source_kinds": self._source_kinds}[attr]
        return index.get(fold(text))

    def category(self, text: str) -> str | None:
        return self._categories.get(fold(text))

    def job_family(self, text: str) -> str | None:
        return self._job_families.get(fold(text))

    def source_kind(self, text: str) -> str | None:
        return self._source_kinds.get(fold(text))

    @cached_property
    def _targets(self) -> dict[str, frozenset[str]]:
        """Target words for priorities -> the level names they select."""
        index: dict[str, frozenset[str]] = {}
        by_tier: dict[str, set[str]] = {}
        for level in self.config.levels:
            by_tier.setdefault(level.tier, set()).add(level.name)
        for group in self.config.level_groups:
            names = frozenset(n for t in group.tiers for n in by_tier.get(t, set()))
            for word in [group.name, group.english, *group.aliases]:
                index[fold(word)] = names
        for tier, members in by_tier.items():
            index.setdefault(fold(tier), frozenset(members))
        for key, level in self._levels.items():
            index.setdefault(key, frozenset({level.name}))
        return index

    def level_target(self, text: str) -> frozenset[str] | None:
        """A level, tier or group (县处级以上) -> the level names it covers."""
        return self._targets.get(fold(text))

    def target_words(self) -> list[str]:
        groups = [g.name for g in self.config.level_groups]
        return groups + sorted({lv.tier for lv in self.config.levels}) + self.level_words()

    def nearest(self, text: str, attr: str, lang: str = "zh") -> str | None:
        """The value of the vocabulary attr nearest to text, or None where none is near. A level is named in lang
        (level_named: its English name in an English roster), and one written in Latin letters is suggested only
        where it is as near as an English header's near miss must be (Section Chef, never Grand Poobah)."""
        if attr == "levels":
            latin = not any(_is_cjk(ch) for ch in text)
            hit = suggest(text, level_neighbours(text, self._levels), cutoff=0.6 if latin else 0.4)
            return level_named(self._levels[hit], lang) if hit else None
        if attr == "targets":
            return suggest(text, level_neighbours(text, self.target_words()))
        choices = [v.name for v in getattr(self.config, attr)]
        return suggest(text, choices)


def level_named(level: Level, lang: str) -> str:
    """A level as a message names it in lang: its English name where lang is "en" and it has one, else its name."""
    return level.english if lang == "en" and level.english else level.name


# the characters every rank name shares (级, 职) and its grade marks (正, 副, 一级 ... 四级): two names sharing only
# these are not near (股级 is no 省部级正职); the rest (处, 科, 厅, 调研, 主任 ...) says which rank a name is
LEVEL_COMMON = frozenset("级职正副一二三四五六七八九十")


def level_neighbours(text: str, words: Iterable[str]) -> list[str]:
    """The words that may be suggested for a level written text: where text holds a character other than
    LEVEL_COMMON that is not a letter or digit (a Chinese name's own), those sharing one of them; else all."""
    own = _distinctive(text)
    if not own:
        return list(words) if not any(_is_cjk(ch) for ch in fold(text)) else []
    return [word for word in words if own & _distinctive(word)]


def _distinctive(text: str) -> frozenset[str]:
    return frozenset(ch for ch in fold(text) if _is_cjk(ch) and ch not in LEVEL_COMMON)


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def is_all(text: str) -> bool:
    return fold(text) in {fold(w) for w in ALL_WORDS}


def resolve_word(text: str, words: dict[str, list[str]]) -> str | None:
    return word_index(words).get(fold(text))
