"""Text cleaning and list splitting: the shortcuts give what the plain regular expressions give, for any text."""

from __future__ import annotations

import re

import pytest
from builders import CELL_TEXTS
from hypothesis import given

from needscli.text import clean, clean_name, split_list, typed_command


def clean_by_regex(text: str) -> str:
    """What clean() does, without its shortcut for text with nothing to clean: characters that show as nothing
    left out, runs of whitespace one space, trimmed."""
    shown = re.sub("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]", "", text)
    return re.sub(r"\s+", " ", shown.replace("\u3000", " ")).strip()


@given(CELL_TEXTS)
def test_clean_shortcut(text: str) -> None:
    assert clean(text) == clean_by_regex(text)


@given(CELL_TEXTS)
def test_list_items_as_split_list(text: str) -> None:
    by_regex = [item for item in map(clean_by_regex, re.split(r"[;；、,，\n\r]+", text)) if item]
    assert split_list(text) == by_regex


@given(CELL_TEXTS)
def test_a_name_is_cleaned_as_any_text_but_for_its_full_width_spaces(text: str) -> None:
    name = clean_name(text)
    assert re.sub(" +", " ", name.replace("\u3000", " ")) == clean(text)
    assert clean_name(name) == name == name.strip() and " \u3000" not in name and "\u3000 " not in name


def test_a_command_to_copy_quotes_each_word_the_shell_would_read_otherwise(monkeypatch: pytest.MonkeyPatch) -> None:
    words = ["needscli", "records", "remove", "--cadre", '=HYPERLINK("x","C009")', "--source", "a b.csv", "--yes"]
    monkeypatch.setattr("os.name", "posix")
    assert typed_command(words) == ("needscli records remove --cadre '=HYPERLINK(\"x\",\"C009\")' --source 'a b.csv' "
                                    "--yes")
    assert typed_command(["needscli", "--source", "签到表-2026.xlsx", "--cadre", "=C1", "--class", "K1;rm"]) == (
        "needscli --source 签到表-2026.xlsx --cadre '=C1' --class 'K1;rm'")  # a Chinese name as it is
    monkeypatch.setattr("os.name", "nt")  # cmd.exe: double quotes, a quote inside escaped
    assert typed_command(words) == ('needscli records remove --cadre =HYPERLINK(\\"x\\",\\"C009\\") --source "a b.csv" '
                                    "--yes")
