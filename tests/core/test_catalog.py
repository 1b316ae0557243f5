"""The topic catalog takes parsed data: topics from a TOML table, and a refusal of the wrong shape."""

from __future__ import annotations

import pytest

from needscli.core.catalog import topics_from_toml
from needscli.errors import NeedsError


def test_the_core_takes_parsed_data() -> None:
    (topic,) = topics_from_toml({"topic": [{"id": "a", "name_zh": "甲"}]}, "mine.toml")
    assert (topic.id, topic.file) == ("a", "mine.toml")
    with pytest.raises(NeedsError, match="expected \\[\\[topic\\]\\] tables"):
        topics_from_toml({"topic": "a"}, "mine.toml")
