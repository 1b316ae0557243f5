"""Topic catalogs read from TOML: the shipped defaults and a user's --topics file."""

from __future__ import annotations

from pathlib import Path

from needscli.core.catalog import Catalog, merge_catalog, topics_from_toml
from needscli.io.toml_file import read_default_toml, read_toml
from needscli.models import Topic


def default_topics() -> list[Topic]:
    """The shipped catalog (defaults/topics.toml)."""
    return topics_from_toml(read_default_toml("topics.toml"), "topics.toml")


def load_topics_toml(path: Path) -> list[Topic]:
    """The topics of a user's TOML catalog ([[topic]] tables)."""
    return topics_from_toml(read_toml(path, "topic catalog"), path.name)


def build_catalog(user_topics: list[Topic], cutoff: float) -> Catalog:
    """The user's topics replace built-ins of the same id and add to the rest."""
    return merge_catalog(default_topics(), user_topics, cutoff)
