"""Excel's rules for sheet names: what the class-roster writer names a sheet and the records reader finds."""

from __future__ import annotations

import re
from collections.abc import Iterable

_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


class SheetNames(set[str]):
    """Sheet names taken in a workbook, with their case-folded forms for Excel's case-blind check."""

    def __init__(self, names: Iterable[str] = ()) -> None:
        super().__init__()
        self.folded: set[str] = set()
        for name in names:
            self.add(name)

    def add(self, name: str) -> None:
        super().add(name)
        self.folded.add(name.casefold())


def sheet_name(name: str, taken: set[str]) -> str:
    """A valid, unique sheet name (31 characters at most)."""
    base = _BAD_SHEET_CHARS.sub("_", name)[:31] or "Sheet"
    folded = taken.folded if isinstance(taken, SheetNames) else {t.casefold() for t in taken}
    candidate, n = base, 2
    while candidate.casefold() in folded:
        suffix = f" ({n})"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(candidate)
    return candidate
