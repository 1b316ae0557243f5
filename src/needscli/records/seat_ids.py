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

from needscli.io import cells
from needscli.io.tables import RowReader
from needscli.text import fold

EXPECTED = "the id the sheet was written with for this name; fix the cell and import the sheet again"
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


def seat_id_fault(r: RowReader, cadre_id: str, ids: SeatIds) -> str:
    """Why the seat is held back: its id is not the cadre's ("" when nothing says so)."""
    full = _text(r.row, r.table.columns.fields["full_id"]) if "full_id" in r.table.columns.fields else ""
    if full and "*" not in cadre_id and fold(full) != fold(cadre_id):
        return "is not the id the sheet was written with (its hidden column 完整编号 holds another)"
    name = fold(_text(r.row, r.table.columns.fields["name"])) if "name" in r.table.columns.fields else ""
    listed = ids.roster.get(cadre_id, "") if ids.roster is not None else ""  # an id on no row: off_roster
    if name and listed and fold(listed) != name:
        return "is the id of another name on the roster given (--roster)"
    return ""


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
