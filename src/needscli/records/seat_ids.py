"""Whether the id of a seat on a signed sign-in sheet is the cadre's: a mistyped id would put the training on
someone else, so such a seat is held back with a warning naming its cell.

Two witnesses: the hidden column 完整编号 each sheet is written with (the ids as written, a 身份证号 in full); with
--roster, the roster (an id on it must be under the name the sheet gives). A name alone is no witness: namesakes
are common, and a seat held back on a name would lose a training that took place. Nor is an id on no row of the
roster: the cadre may have been transferred out since, or the sheet be of an earlier year than the roster, so that
seat is recorded, with a warning at its cell (off_roster_note).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from needscli.errors import Problem
from needscli.io import cells
from needscli.io.tables import RowReader
from needscli.models import Inputs
from needscli.text import fold

AGAIN = "fix the cell and import the sheet again"
EXPECTED = f"the id the sheet was written with for this name; {AGAIN}"
# a cadre who attended in place of an absent one: on a row of his own, which imports as any seat does
SUBSTITUTE = ("the one who attended written on a new row below the class's rows (his id and name, and his 签到), "
              "then the sheet imported again")
OFF_ROSTER = "is not on the roster given (--roster)"
OFF_ROSTER_IGNORE = "nothing to do for a cadre transferred out since, or a sheet of an earlier year"


class Outcome(StrEnum):
    """What became of the file a seat is on: its records added, shown by a dry run, or refused for a bad row."""

    recorded = "recorded"
    dry_run = "dry-run"
    rejected = "rejected"


_OFF_ROSTER_OUTCOME = {
    Outcome.recorded: "its attendance was recorded all the same",
    Outcome.dry_run: "its attendance would be recorded all the same (dry run: nothing written)",
    Outcome.rejected: "the file was not imported for its other problems; once they are fixed, this attendance "
                      "is recorded all the same",
}


@dataclass
class SeatIds:
    """What a seat's id is checked against beyond its sheet's hidden column: the roster's names by id."""

    roster: dict[str, str] | None = None  # id -> name (folded); None: no --roster


class RosterIds(NamedTuple):
    """A roster as an import checks seats against it: its names by id, and what of it its own problems (problems:
    how many its reading found) left unread (unread: rows skipped without an id, sheets not read), whose cadres'
    seats are said to be off the roster. Those problems are the roster's, for validate to list: the import says
    how many there are, and lists none."""

    names: dict[str, str]
    problems: int = 0
    unread: int = 0


def roster_ids(inputs: Inputs, problems: list[Problem]) -> RosterIds:
    """The ids and names of the roster read (problems: those of its reading that concern the import): its cadres',
    and those of the rows it skipped for their faults where they give an id (a blank 职级 or a bad date leaves the
    cadre's id and name as written, and a seat of his is theirs, not off the roster)."""
    names = {c.id: c.name for c in inputs.cadres}
    for row in inputs.skipped_rows:
        if row.id:
            names.setdefault(row.id, row.name)  # a repeated id keeps the name of the row read
    unread = (sum(not row.id for row in inputs.skipped_rows)
              + sum(p.severity == "error" and p.row is None and bool(p.sheet) for p in problems))
    return RosterIds(names, len(problems), unread)


class SeatFault(NamedTuple):
    """Why a seat is held back (what is wrong with its id) and what to do instead."""

    what: str
    expected: str


def seat_id_fault(r: RowReader, cadre_id: str, ids: SeatIds) -> SeatFault | None:
    """Why the seat is held back: its id is not the cadre's (None when nothing says so)."""
    full = _text(r.row, r.table.columns.fields["full_id"]) if "full_id" in r.table.columns.fields else ""
    name = fold(_text(r.row, r.table.columns.fields["name"])) if "name" in r.table.columns.fields else ""
    if full and "*" not in cadre_id and fold(full) != fold(cadre_id):
        return _not_printed(cadre_id, full, name, ids)
    listed = ids.roster.get(cadre_id, "") if ids.roster is not None else ""  # an id on no row: off_roster
    if name and listed and fold(listed) != name:
        return SeatFault("is the id of another name on the roster given (--roster)", EXPECTED)
    return None


def _not_printed(cadre_id: str, full: str, name: str, ids: SeatIds) -> SeatFault:
    """A seat whose id is not the one its row was printed for (the hidden 完整编号): a typo to put back, or another
    cadre written over the seat of an absent one (顶替/替补), who belongs on a row of his own. The roster tells
    them apart where the id written is the name's, or the printed id is another name's; without it, both ways out
    are said. Either way the seat waits: a guess would put the training on the wrong cadre."""
    what = f"is not the id the sheet was written with (its hidden column 完整编号 holds {full})"
    if ids.roster is None or not name:
        return SeatFault(what, _either_way(full))
    written, printed = fold(ids.roster.get(cadre_id, "")), fold(ids.roster.get(full, ""))
    if printed == name:  # the row's own cadre, under a mistyped id
        return SeatFault(what, f"{full}, the id the sheet was written with for this row; {AGAIN}")
    if written == name:
        why = f"on the roster given, {cadre_id} is the name written: another cadre written over the seat of {full}"
    elif printed:
        why = f"on the roster given, {full} is another name's: another cadre written over the seat of {full}"
    else:  # neither id is on the roster: nothing tells a typo from a substitute
        return SeatFault(what, _either_way(full))
    return SeatFault(f"{what}; {why}", f"this row {_given_back(full)} and {SUBSTITUTE}")


def _given_back(full: str) -> str:
    return f"given back to {full} (its own id and name, its 签到 blank where absent)"


def _either_way(full: str) -> str:
    return (f"{full} where the id was mistyped; where another cadre attended in place of {full} (顶替/替补), this "
            f"row {_given_back(full)} and {SUBSTITUTE}")


def off_roster(cadre_id: str, ids: SeatIds) -> bool:
    """Whether a roster was given and the id is on none of its rows (the seat is recorded, with a warning)."""
    return ids.roster is not None and cadre_id not in ids.roster


_OFF_ROSTER_TRAINING = {  # a records sheet's row: a training, not a seat's attendance
    Outcome.recorded: "its training was recorded all the same",
    Outcome.dry_run: "its training would be recorded all the same (dry run: nothing written)",
    Outcome.rejected: "the file was not imported for its other problems; once they are fixed, this training "
                      "is recorded all the same",
}


def off_roster_note(outcome: Outcome, seat: bool = True) -> str:
    """The warning of a seat (seat=False: a records sheet's training) whose id is on no row of the roster given, by
    what became of its file."""
    said = _OFF_ROSTER_OUTCOME if seat else _OFF_ROSTER_TRAINING
    return f"{OFF_ROSTER}; {said[outcome]}; {OFF_ROSTER_IGNORE}"


def _text(row: list[object], col: int) -> str:
    return str(cells.parse_id(row[col])[0] or "") if col < len(row) else ""
