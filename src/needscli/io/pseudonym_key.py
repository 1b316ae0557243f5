"""The --pseudonymize key: from a file or the environment, never written anywhere.

A key anyone could guess (too few distinct characters) is refused; a key file other users can read
is used, with a warning saying how to make it private.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import NamedTuple

from needscli.errors import NeedsError, Problem
from needscli.io.user_files import SETTINGS_MOST, read_user_file
from needscli.labels import label

KEY_ENV = "NEEDSCLI_PSEUDONYM_KEY"
MIN_KEY_BYTES = 16
MIN_DISTINCT = 8  # distinct characters: "aaaaaaaaaaaaaaaa" or "abababab..." is no secret
OTHERS = stat.S_IRWXG | stat.S_IRWXO  # 0o077: any right of the group or of other users


class PseudonymKey(NamedTuple):
    """The key, and the warnings about where it was kept (a key file other users can read)."""

    key: bytes
    problems: list[Problem]


def load_key(key_file: Path | None, lang: str = "zh", refused_in: str = "") -> PseudonymKey:
    """The key from a file, else from the environment, checked; messages in lang ("en", else Chinese), but a key
    refused in refused_in where given (a command refuses it before any roster is read: in the locale's language,
    its warnings going into the run's problems, in the run's)."""
    words = refused_in or lang
    key = check_key(read_key(key_file, words), words)
    return PseudonymKey(key, key_file_problems(key_file, lang) if key_file is not None else [])


def check_key(key: bytes, lang: str = "zh") -> bytes:
    """The key, unless it has too little variety to be a secret: then NeedsError (exit 2)."""
    try:
        distinct = len(set(key.decode("utf-8")))
    except UnicodeDecodeError:
        distinct = len(set(key))  # not text: its bytes
    if distinct < MIN_DISTINCT:
        raise NeedsError(label("pseudonym.weak_key", _lang(lang), distinct=distinct, least=MIN_DISTINCT), lang=_lang(lang))
    return key


def key_file_problems(key_file: Path, lang: str = "zh") -> list[Problem]:
    """A warning when the group or other users have any right on the key file (not on Windows: no such modes)."""
    try:
        mode = key_file.stat().st_mode
    except OSError:
        return []
    if os.name == "nt" or not mode & OTHERS:
        return []
    return [Problem(code="readable-key-file", file=key_file.name, severity="warning", expected="chmod 600",
                    message=label("pseudonym.readable_key_file", _lang(lang), file=key_file.name,
                                  mode=f"{stat.S_IMODE(mode):03o}"))]


def _lang(lang: str) -> str:
    return "en" if lang == "en" else "zh"  # "auto" and the rest: Chinese, the default


def read_key(key_file: Path | None, lang: str = "zh") -> bytes:
    """The key from a file, else from the environment, at least MIN_KEY_BYTES long (not otherwise checked); messages
    in lang ("en", else Chinese)."""
    words = _lang(lang)
    if key_file is not None:
        try:
            key = read_user_file(key_file, "pseudonym key file", most=SETTINGS_MOST).strip()
        except OSError:
            raise NeedsError(label("pseudonym.unreadable_key_file", words, file=key_file.name), lang=words) from None
        if len(key) < MIN_KEY_BYTES:
            raise NeedsError(label("pseudonym.short_key_file", words, file=key_file.name, n=len(key),
                                   least=MIN_KEY_BYTES), lang=words)
        return key
    key = os.environ.get(KEY_ENV, "").encode("utf-8")
    if len(key) < MIN_KEY_BYTES:
        raise NeedsError(label("pseudonym.no_key", words, least=MIN_KEY_BYTES, env=KEY_ENV), lang=words)
    return key
