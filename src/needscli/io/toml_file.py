"""TOML files, the user's and the package defaults, read with one wording for every fault."""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from needscli.errors import NeedsError, Problem
from needscli.io.user_files import SETTINGS_MOST, read_user_file

# tomllib puts the place at the end of its message: "... (at line 2, column 8)" or "(at end of document)"
_AT = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)$")


# no needscli file has a key of more parts (a.b.c) than this: tomllib's time grows with the square of a key's parts
# (a.a.a… = 1 of 20,000 parts, a line of 40 KB, takes 12 s; of 100,000, minutes), so such a key is refused unread
KEY_PARTS_MOST = 32
_KEY_PART = r"""(?:[A-Za-z0-9_-]++|"(?:[^"\\\n]|\\.)*+"|'[^'\n]*+')[ \t]*+\.[ \t]*+"""
# a key where one starts: at a line's start (in a [table] or [[array]] header, or before its =), or in an inline table
_DEEP_KEY = re.compile(rf"(?:^[ \t]*+\[{{0,2}}|[{{,])[ \t]*+(?P<parts>(?:{_KEY_PART}){{{KEY_PARTS_MOST},}})", re.MULTILINE)


class TextPlace(NamedTuple):
    """A line and column of a text, both counted from 1."""

    line: int
    column: int


def read_text(path: Path, what: str) -> str:
    """The UTF-8 text of a file (a BOM is allowed); NeedsError naming the file when it cannot be had, is no regular
    file or is larger than a settings file can be (SETTINGS_MOST)."""
    try:
        return read_user_file(Path(path), what, most=SETTINGS_MOST).decode("utf-8-sig")
    except FileNotFoundError:
        raise NeedsError(f"{Path(path).name}: {what} not found; check the path") from None
    except UnicodeDecodeError:
        raise NeedsError(f"{Path(path).name}: {what} is not UTF-8 text; save it as UTF-8") from None
    except OSError as exc:
        raise NeedsError(f"{Path(path).name}: {what} cannot be read ({exc.strerror}); check the path") from None


def parse_toml(text: str, file: str, what: str) -> dict[str, Any]:
    """The tables of a TOML text; a syntax error is a NeedsError naming file, line and column."""
    if (deep := _DEEP_KEY.search(text)) is not None:
        raise _not_toml(file, what, _place_of(text, deep.start("parts")),
                        f"a key of more than {KEY_PARTS_MOST} parts (a.b.c …)")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        reason = str(exc)
        found = _AT.search(reason)
        place = _end_of(text) if found is None or found.group(1) is None else TextPlace(
            int(found.group(1)), int(found.group(2)))
        raise _not_toml(file, what, place, reason[:found.start()] if found else reason) from None
    except RecursionError:  # arrays or inline tables nested thousands deep: tomllib reads them by recursion
        raise NeedsError(f"{file}: not valid TOML (nested more deeply than can be read); fix the {what}",
                         problems=[Problem(code="bad-toml", file=file, expected="TOML",
                                           message="nested more deeply than can be read")]) from None


def _not_toml(file: str, what: str, place: TextPlace, reason: str) -> NeedsError:
    where = f"line {place.line}, column {place.column}"
    problem = Problem(code="bad-toml", file=file, row=place.line, column=str(place.column), expected="TOML",
                      message=f"{where}: {reason}")
    return NeedsError(f"{file}: not valid TOML ({where}: {reason}); fix the {what}", problems=[problem])


def _place_of(text: str, at: int) -> TextPlace:
    """The line and column of the character at index at of text."""
    line_start = text.rfind("\n", 0, at) + 1
    return TextPlace(text.count("\n", 0, at) + 1, at - line_start + 1)


def _end_of(text: str) -> TextPlace:
    """The place just past the last character of text."""
    lines = text.split("\n")
    return TextPlace(len(lines), len(lines[-1]) + 1)


def read_toml(path: Path, what: str) -> dict[str, Any]:
    """The tables of a TOML file; what ("config file", "rules file" ...) names it in messages."""
    return parse_toml(read_text(path, what), Path(path).name, what)


def default_text(name: str) -> str:
    """The text of a file shipped in needscli/defaults (rules.toml, topics.toml)."""
    return resources.files("needscli").joinpath(f"defaults/{name}").read_text(encoding="utf-8")


def read_default_toml(name: str) -> dict[str, Any]:
    """The tables of a TOML file shipped in needscli/defaults."""
    return parse_toml(default_text(name), f"{name} (built-in)", "built-in defaults")
