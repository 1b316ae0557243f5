"""Names of the files and folders needscli makes from a unit's or organizer's name: accepted by every system,
readable, deterministic, and no two the same where case does not count."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

# characters Windows refuses in a file name (macOS and Linux refuse fewer), DEL and lone surrogates
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f\ud800-\udfff]+')
# names Windows keeps for devices, with or without an extension (aux.txt is AUX)
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
             *(f"{port}{n}" for port in ("COM", "LPT") for n in "0123456789¹²³")}
# a name in UTF-8 bytes (ext4, APFS: 255) and in UTF-16 units (NTFS: 255; Windows paths: 260 in all),
# kept well below the limits: the folder sits in the output folder's path with temp files under it
NAME_BYTES = 120
NAME_UNITS = 64
_DIGEST = 8  # hex digits of the hash that tells shortened or clashing names apart


def folder_name(text: str) -> str:
    """A folder name for a unit or organizer that every system accepts; readable, deterministic.

    Characters Windows refuses become _, leading and trailing dots and spaces go, a leading - becomes _
    (by-unit/-2+3 is read as an option by a script's command: ls, rm, zip), a device name (CON, aux.txt,
    COM1 ...) gets a _ after its stem, and a name too long is cut on a character boundary and ends in ~
    and a short hash of the whole text, so two long names never meet.
    """
    name = _UNSAFE.sub("_", unicodedata.normalize("NFC", text)).strip(" .") or "_"
    name = _unreserved("_" + name[1:] if name.startswith("-") else name)
    return with_digest(name, text) if _too_long(name) else name


def folder_names(texts: Iterable[str]) -> dict[str, str]:
    """Each text's folder name, no two the same even where case does not count (Windows, macOS).

    Names given as they are win over names that had to change, then text order decides; a name
    already taken gets ~ and a hash of its text. The result depends on the set of texts only.
    """
    wanted = {text: folder_name(text) for text in texts}
    taken: set[str] = set()
    names: dict[str, str] = {}
    for text in sorted(wanted, key=lambda t: (wanted[t] != t, t)):
        name, salt = wanted[text], 0
        while name_key(name) in taken:
            name = with_digest(wanted[text], text if not salt else f"{text}\x00{salt}")
            salt += 1
        taken.add(name_key(name))
        names[text] = name
    return names


def _unreserved(name: str) -> str:
    stem, dot, rest = name.partition(".")
    return f"{stem}_{dot}{rest}" if stem.rstrip(" ").upper() in _RESERVED else name


def name_key(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold()


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _too_long(name: str) -> bool:
    return len(name.encode("utf-8")) > NAME_BYTES or _units(name) > NAME_UNITS


def with_digest(name: str, text: str) -> str:
    """name cut on a character boundary to leave room for ~ and a hash of text, then that suffix."""
    suffix = "~" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:_DIGEST]
    head = _cut(name, NAME_BYTES - len(suffix), NAME_UNITS - len(suffix)).rstrip(" .")
    return _unreserved(head + suffix)


def _cut(name: str, size: int, units: int) -> str:
    """The longest start of name within size UTF-8 bytes and units UTF-16 units."""
    for end, char in enumerate(name):
        size -= len(char.encode("utf-8", "surrogatepass"))
        units -= 2 if ord(char) > 0xFFFF else 1
        if size < 0 or units < 0:
            return name[:end]
    return name
