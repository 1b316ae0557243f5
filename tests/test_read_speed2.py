"""The read stage's shortcuts for text give what clean() and split_list() give, for any text."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given
from hypothesis import strategies as st

from needscli.io import cells
from needscli.models import Completion
from needscli.text import clean, split_list

# plain and full-width spaces, every whitespace and separator, control characters, Chinese text
TEXT = st.text(alphabet=st.sampled_from(list(" \u3000\t\n\r\x0b\x0c\x1c\x85\xa0\u2028\u2029\x00\x07\x7f"
                                             ";；、,，()（）.年月日-0123456789ab党性教育")), max_size=30)


def clean_by_regex(text: str) -> str:
    """What clean() does, without its shortcut for text with nothing to clean."""
    return re.sub(r"\s+", " ", text.replace("\u3000", " ")).strip()


@given(st.one_of(TEXT, st.text(max_size=30)))
def test_clean_shortcut(text: str) -> None:
    assert clean(text) == clean_by_regex(text)


@given(st.one_of(TEXT, st.text(max_size=30)))
def test_list_items_as_split_list(text: str) -> None:
    by_regex = [item for item in map(clean_by_regex, re.split(r"[;；、,，\n\r]+", text)) if item]
    assert split_list(text) == by_regex
    assert cells.parse_list(text) == (by_regex, "")


@given(st.one_of(TEXT, st.text(max_size=30)))
def test_completions_as_items(text: str) -> None:
    items = split_list(text)
    parsed = [cells._completion(item) for item in items]
    completions, fault = cells.parse_completions(text)
    assert completions == [c for c in parsed if c is not None]
    assert bool(fault) == (None in parsed)


def test_completion_made_as_validated() -> None:
    made = cells._made_completion("党性教育", dt.date(2024, 6, 1))
    model = Completion(topic="党性教育", date=dt.date(2024, 6, 1))
    assert made == model and hash(made) == hash(model)
    assert made.model_dump() == model.model_dump() and made.model_fields_set == model.model_fields_set
    assert cells.parse_completions("党性教育 (2024.06)；；政治理论")[0] == [model, Completion(topic="政治理论")]
