"""Checks of the priorities (组织需求) sheet beyond one cell: a repeated priority id, a target unit
misspelled."""

from __future__ import annotations

from needscli.errors import Problem
from needscli.io.headers import ALIASES, ENGLISH
from needscli.models import Inputs, Priority
from needscli.text import fold


def drop_repeated_priorities(inputs: Inputs) -> list[Problem]:
    """Keep the first row of each priority id; a later row with the same id is reported and left out.

    Needs, reasons and the unmatched list key priorities by id, so a second P1 would silently take
    the place of the first.
    """
    header = ENGLISH["priorities"]["id"] if inputs.lang == "en" else ALIASES["priorities"]["id"][0]
    first: dict[str, Priority] = {}
    kept: list[Priority] = []
    problems: list[Problem] = []
    for priority in inputs.priorities:
        earlier = first.setdefault(priority.id, priority)
        if earlier is priority:
            kept.append(priority)
            continue
        where = f"row {earlier.row}" if earlier.file == priority.file else f"{earlier.file} row {earlier.row}"
        problems.append(Problem(
            code="duplicate-id", file=priority.file, sheet=priority.sheet, row=priority.row, column=header,
            expected="a unique id per priority",
            message=f'row {priority.row}, column "{header}": "{priority.id}" repeats the id of {where}; '
                    "expected a unique id per priority"))
    if problems:
        inputs.priorities = kept
        inputs.counts["priorities"] = len(kept)
        inputs.skipped["priorities"] = inputs.skipped.get("priorities", 0) + len(problems)
    return problems


def misspelled_units(inputs: Inputs) -> list[Problem]:
    """A target unit that is no unit of the roster but one character away from one, or the short or the long name of
    just one (XX县财政局 for XX县财政局（县国资办）): a slip that would leave that unit's cadres out of the priority
    without a word. (A unit named on purpose that the
    roster lacks, e.g. one whose cadres are on another roster, is far from every unit and not
    reported; it shows as a priority reaching nobody in the gap report.)
    """
    units: dict[str, str] = {}
    for cadre in inputs.cadres:
        units.setdefault(fold(cadre.unit), cadre.unit)
    header = ENGLISH["priorities"]["target_units"] if inputs.lang == "en" else ALIASES["priorities"]["target_units"][0]
    problems: list[Problem] = []
    for priority in inputs.priorities:
        for unit in priority.target_units:
            key = fold(unit)
            if key in units:
                continue
            near = [name for k, name in units.items() if (edit := one_edit(key, k)) and not _numbered(edit)] or \
                [name for k, name in units.items() if _within(key, k)]
            if len(near) == 1:  # one unit meant; with several (XX县委 / XX市委) there is no telling
                problems.append(Problem(
                    code="unknown-unit", file=priority.file, sheet=priority.sheet, row=priority.row,
                    column=header, severity="warning", expected="a unit of the roster, or 全部",
                    message=f'row {priority.row}, column "{header}": "{unit}" is no unit of the roster '
                            f"(did you mean {near[0]}?), so priority {priority.id} reaches none of its "
                            "cadres; expected a unit of the roster, or 全部"))
    return problems


def _within(a: str, b: str) -> bool:
    """Whether one unit's name holds the other whole: the short name of a unit (XX县财政局 for XX县财政局（县国资办）,
    城关镇 for 城关镇人民政府), at least three characters."""
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return len(short) >= 3 and short in long


def one_edit(a: str, b: str) -> tuple[str, str] | None:
    """The characters of a and b that differ when b is a with one character changed, added or removed
    (("布", "部"), ("", "会")); else None."""
    if a == b or abs(len(a) - len(b)) > 1:
        return None
    swap = len(a) > len(b)
    short, long = (b, a) if swap else (a, b)
    i = 0
    while i < len(short) and short[i] == long[i]:
        i += 1
    if len(short) == len(long):
        return (a[i], b[i]) if short[i + 1:] == long[i + 1:] else None
    if short[i:] != long[i + 1:]:
        return None
    return (long[i], "") if swap else ("", long[i])


NUMERALS = set("0123456789０１２３４５６７８９一二三四五六七八九十百零〇两")


def _numbered(edit: tuple[str, str]) -> bool:
    """A numeral for a numeral (第三中学 / 第一中学): numbered siblings, not a typo."""
    return all(c in NUMERALS for c in "".join(edit))
