"""Text normalization shared by readers and matchers: full-width, spaces, case."""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable

_SPACE = re.compile(r"\s+")
# characters pasted in from web pages and chat that show as nothing: zero-width spaces and joiners, direction marks,
# the byte-order mark, the soft hyphen. Not printable, so clean() takes its slow path only where one may be
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_HEADER_NOISE = re.compile(r"[\s*＊:：_\-·.。]+")
_PAREN = re.compile(r"[(（\[【][^)）\]】]*[)）\]】]")


def clean(value: str) -> str:
    """Trim, and collapse inner runs of whitespace (full-width spaces included) to one space; characters that show
    as nothing (a zero-width space, a byte-order mark) left out."""
    # printable text has no whitespace but the plain space (no \u3000): without double or outer
    # spaces it is clean already, and the regex (slow on Chinese text) is not needed
    if value.isprintable() and "  " not in value and value.strip() == value:
        return value
    return _SPACE.sub(" ", _INVISIBLE.sub("", value.replace("\u3000", " "))).strip()


def clean_name(value: str) -> str:
    """A name cell cleaned as clean() does, but for the full-width spaces inside it, kept as the roster wrote them:
    王　伟, a two-character name padded to the width of three, prints as 王　伟, not 王 伟 (a run of spaces with a
    full-width one in it keeps its full-width ones alone)."""
    if "\u3000" not in value:
        return clean(value)
    return _SPACE.sub(_name_gap, _INVISIBLE.sub("", value)).strip()


def _name_gap(gap: re.Match[str]) -> str:
    return "\u3000" * gap.group().count("\u3000") or " "


def bare_name(name: str) -> str:
    """A name without its spaces (李梅 for 李 梅 or 李　梅, a two-character name padded to the width of three): what
    a name asked for matches a cadre's by, where not as written."""
    return "".join(name.split())  # str.split() splits at the full-width space (U+3000) too


@functools.lru_cache(maxsize=65536)
def fold(value: str) -> str:
    """Matching key: full-width to half-width, case-folded, no spaces."""
    return _SPACE.sub("", _INVISIBLE.sub("", unicodedata.normalize("NFKC", value))).casefold()


def fold_header(value: str) -> str:
    """Header matching key: like fold() and also without punctuation such as * : _ -."""
    return _HEADER_NOISE.sub("", unicodedata.normalize("NFKC", value)).casefold()


def strip_parens(value: str) -> str:
    """Drop parenthesized hints: '出生年月(yyyy.mm)' -> '出生年月'."""
    return _PAREN.sub("", value)


def split_list(value: str) -> list[str]:
    """Split a list cell on ; ； 、 , ， and newlines; blanks dropped."""
    return [item for item in map(clean, list_pieces(value)) if item]


def list_pieces(value: str) -> list[str]:
    """The pieces of a list cell before clean(): every separator becomes a comma (a str.replace is
    much faster than a regex on Chinese text); a run of separators leaves empty pieces."""
    for separator in ";；、，\n\r":
        value = value.replace(separator, ",")
    return value.split(",")


def suggest(word: str, choices: Iterable[str], cutoff: float = 0.5) -> str | None:
    """The nearest choice to word, compared by fold(), or None."""
    by_key: dict[str, str] = {}
    for choice in choices:
        by_key.setdefault(fold(choice), choice)
    hits = difflib.get_close_matches(fold(word), list(by_key), n=1, cutoff=cutoff)
    return by_key[hits[0]] if hits else None


def did_you_mean(word: str, choices: Iterable[str], cutoff: float = 0.5) -> str:
    """' (did you mean X?)' or ''."""
    hit = suggest(word, choices, cutoff)
    return f" (did you mean {hit}?)" if hit else ""


def is_numeric_text(text: str) -> bool:
    """Whether text reads as a number (a rule's weight or value, say)."""
    try:
        float(text)
    except ValueError:
        return False
    return True


def column_letter(index: int) -> str:
    """A spreadsheet column's letters from its index from 0: 0 -> A, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def id_spellings(text: str) -> list[str]:
    """An id as typed, then as it may be written elsewhere: a 身份证号 with its check digit x in the other case
    (ids are kept as typed, the ledger's records keyed by them: a lookup tries both)."""
    if len(text) == 18 and text[:17].isdigit() and text[17] in "xX":
        return [text, text[:17] + ("X" if text[17] == "x" else "x")]
    return [text]


def folded_id(text: str) -> str:
    """An id (编号, 班次编号) typed on the command line, folded (NFKC: full-width Ｃ００４ from a Chinese input method
    is C004) and stripped."""
    return unicodedata.normalize("NFKC", text).strip()


def asked_spellings(text: str) -> list[str]:
    """An id (编号, 班次编号) asked for on the command line, as the records may hold it: as typed, stripped (a
    sheet's id is kept as written), then folded (NFKC: full-width Ｃ００４ is C004) where that differs; each a
    身份证号 under either case of its x as well (id_spellings). Looked up in this order, the first found taken
    (records show), a mistyped Ｃ７ held beside C7 is never shown as C7's."""
    forms = dict.fromkeys((text.strip(), folded_id(text)))
    return list(dict.fromkeys(spelling for form in forms for spelling in id_spellings(form)))


_CHINESE_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "两": 2}


def chinese_number(text: str) -> int | None:
    """一 .. 九十九 written in Chinese numerals (五, 十五, 二十一, 三十), or in digits; None for another text."""
    if text.isdigit():
        return int(text)
    if not text or len(text) > 3:
        return None
    if "十" not in text:
        return _CHINESE_DIGIT.get(text) if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1 or (tens and tens not in _CHINESE_DIGIT) or (ones and ones not in _CHINESE_DIGIT):
        return None
    return (_CHINESE_DIGIT[tens] if tens else 1) * 10 + (_CHINESE_DIGIT[ones] if ones else 0)


# a word of a command the shell takes as it is: letters (Chinese too) and digits, and punctuation it gives no meaning
_PLAIN_WORD = re.compile(r"[\w@%+=:,./-]+")


def typed_command(words: list[str]) -> str:
    """A command for a clerk to copy into the terminal, each word quoted where the shell would read it otherwise
    (=HYPERLINK("x","C009") as a cadre's id, a file's name with a space), a Chinese name left as it is: as cmd.exe
    reads it on Windows, as a POSIX shell does elsewhere."""
    import os

    if os.name == "nt":
        import subprocess

        return subprocess.list2cmdline(words)
    # in single quotes, a quote as '\'' (shlex.quote's way); a word opening with = is a command's path to zsh (=ls)
    return " ".join(w if _PLAIN_WORD.fullmatch(w) and not w.startswith("=") else "'" + w.replace("'", "'\\''") + "'"
                    for w in words)
