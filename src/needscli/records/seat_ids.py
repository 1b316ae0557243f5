"""Whether the id of a seat on a signed sign-in sheet is the cadre's: a mistyped id would put the training on
someone else (or on nobody), so such a seat is held back with a warning naming its cell.

Two witnesses: the hidden column 完整编号 each sheet is written with (the ids as written, a 身份证号 in full); with
--roster, the roster (the id must be on it, under the name the sheet gives). A name alone is no witness: namesakes
are common, and a seat held back on a name would lose a training that took place.
"""

from __future__ import annotations

from dataclasses import dataclass

from needscli.io import cells
from needscli.io.tables import RowReader
from needscli.text import fold

EXPECTED = "the id the sheet was written with for this name; fix the cell and import the sheet again"


@dataclass
class SeatIds:
    """What a seat's id is checked against beyond its sheet's hidden column: the roster's names by id."""

    roster: dict[str, str] | None = None  # id -> name (folded); None: no --roster


def seat_id_fault(r: RowReader, cadre_id: str, ids: SeatIds) -> str:
    """Why the seat's id is not the cadre's ("" when nothing says so)."""
    full = _text(r.row, r.table.columns.fields["full_id"]) if "full_id" in r.table.columns.fields else ""
    if full and "*" not in cadre_id and fold(full) != fold(cadre_id):
        return "is not the id the sheet was written with (its hidden column 完整编号 holds another)"
    name = fold(_text(r.row, r.table.columns.fields["name"])) if "name" in r.table.columns.fields else ""
    if ids.roster is not None:
        if cadre_id not in ids.roster:
            return "is on no row of the roster given (--roster)"
        if name and ids.roster[cadre_id] and fold(ids.roster[cadre_id]) != name:
            return "is the id of another name on the roster given (--roster)"
    return ""


def _text(row: list[object], col: int) -> str:
    return str(cells.parse_id(row[col])[0] or "") if col < len(row) else ""
