"""Which workbooks hold the sign-in sheets. class-rosters.xlsx holds one per class; a plan of more classes than
limits.roster_sheets (4,000 sheets open slowly, and no one prints them from one file) keeps only the Overview
and the annual plan there and puts them in one workbook per organizer, class-rosters-<organizer>.xlsx, in parts
-1, -2 ... where an organizer has more classes than the limit (-01 ... -10 where it has 10 parts or more, so that a
file manager lists them in order). Each has an Overview of its own classes, so that
`needscli records import` reads it as it reads class-rosters.xlsx.

The office fills these in as it fills in class-rosters.xlsx: one changed since needscli wrote it is never
replaced nor removed without --force (files.check_target). Those an earlier run wrote into a folder that this
run does not write are removed once this run's outputs are in place, while they are as needscli wrote them.
Only those an earlier run wrote (files.is_needscli_file: its analysis.json lists them, a hand-out folder's too, or
they are as needscli wrote them) are looked at: a workbook of the office's own named class-rosters-<anything>.xlsx stays as it is,
with --force too.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

from needscli.models import TrainingClass
from needscli.reports.file_names import folder_names, name_key, with_digest
from needscli.reports.files import (
    check_target,
    is_as_written,
    is_needscli_file,
    listed_in,
    matching,
    remove_as_written,
)

CLASS_ROSTERS = "class-rosters.xlsx"
BOOK_PATTERN = "class-rosters-*.xlsx"  # a workbook of sign-in sheets beside class-rosters.xlsx (files.FILLED_IN)
_STEM = "class-rosters-"


class RosterBook(NamedTuple):
    """A workbook of sign-in sheets: its file name, its organizer, its part of the organizer's (from 1) and their
    number, and its classes in the plan's order."""

    name: str
    organizer: str
    part: int
    parts: int
    classes: list[TrainingClass]


def roster_books(classes: Sequence[TrainingClass], limit: int) -> list[RosterBook]:
    """The workbooks of sign-in sheets beside class-rosters.xlsx: none when its classes are limit or fewer;
    else one per organizer (in the order of their first class), each organizer's classes in as few parts of
    at most limit classes as will do, as even as may be."""
    if len(classes) <= limit:
        return []
    by_organizer: dict[str, list[TrainingClass]] = {}
    for cls in classes:
        by_organizer.setdefault(cls.organizer, []).append(cls)
    names = folder_names(by_organizer)
    taken: set[str] = set()
    books = []
    for organizer, own in by_organizer.items():
        parts = math.ceil(len(own) / limit)
        size = math.ceil(len(own) / parts)
        for part in range(1, parts + 1):
            stem = _STEM + names[organizer] + (f"-{part_number(part, parts)}" if parts > 1 else "")
            if name_key(stem) in taken:  # an organizer named like another's part (X-1 and X's first part)
                stem = _STEM + with_digest(stem.removeprefix(_STEM), f"{organizer}\x00{part}")
            taken.add(name_key(stem))
            books.append(RosterBook(stem + ".xlsx", organizer, part, parts, own[(part - 1) * size:part * size]))
    return books


def part_number(part: int, parts: int) -> str:
    """A part's number in a file name, padded with zeros to the width of the number of parts: 01 ... 10 of 10 parts
    (a file manager sorts -10 before -2), 1 ... 9 of 9."""
    return str(part).zfill(len(str(parts)))


def check_earlier_books(folder: Path, keep: Iterable[str]) -> frozenset[str]:
    """Before writing the class rosters into folder: raise OutputError where a workbook of sign-in sheets there
    that an earlier run wrote (files.is_needscli_file) and this run does not write (keep: the names it writes)
    holds the office's work, or where one this run writes would replace a file of the office's own
    (files.check_target). Returns the files analysis.json in folder lists (the earlier run's, as
    remove_earlier_books takes them: this run's replaces it)."""
    kept, there = set(keep), matching(folder, BOOK_PATTERN)
    for path in there:
        if path.name in kept or is_needscli_file(path):
            check_target(path)
    return listed_in(folder) if there else frozenset()  # analysis.json read where there is a workbook to tell


def remove_earlier_books(folder: Path, written: Iterable[Path], listed: Iterable[str]) -> list[Path]:
    """After this run's outputs are in place: remove the workbooks of sign-in sheets in folder that it did not
    write and an earlier run did (listed: what that run's analysis.json listed, read before this run replaced
    it; or as needscli wrote them), while they are as needscli wrote them (files.remove_as_written). A workbook
    of the office's own is never removed. Returns those removed."""
    done, earlier = {p.name for p in written if p.parent == folder}, set(listed)
    return remove_as_written(p for p in matching(folder, BOOK_PATTERN)
                             if p.name not in done and (p.name in earlier or is_as_written(p)))
