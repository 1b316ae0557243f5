"""Checks of the priorities (组织需求) sheet that need more than one row: a repeated priority id."""

from __future__ import annotations

from .errors import Problem
from .io.headers import ALIASES, ENGLISH
from .io.load import Inputs
from .models import Priority


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
