"""Whether the id of a seat on a signed sign-in sheet is the cadre's: a mistyped id would put the training on
someone else (or on nobody), so such a seat is held back with a warning naming its cell.

Three witnesses: the hidden column 完整编号 the sheet was written with (a 身份证号 sheet); with --roster,
the roster (the id must be on it, under the name the sheet gives); without it, the workbook's other sign-in
sheets (an id found on no other row while the same name is, on other sheets only, under one other id).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from needscli.io import cells
from needscli.io.headers import Columns
from needscli.io.tables import RowReader
from needscli.text import fold

EXPECTED = "the id the sheet was written with for this name; fix the cell and import the sheet again"


@dataclass
class SeatIds:
    """What a seat's id is checked against: the roster's names by id, and the ids of the workbook's seats."""

    roster: dict[str, str] | None = None  # id -> name (folded); None: no --roster
    rows_of_id: dict[str, int] = field(default_factory=dict)  # id -> rows of the workbook's sheets holding it
    names: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)  # name -> id -> sheet -> row

    def add_sheet(self, sheet: str, rows: list[list[object]], columns: Columns) -> None:
        """The ids and names of one sign-in sheet's seats."""
        id_col, name_col = columns.fields.get("cadre_id"), columns.fields.get("name")
        if id_col is None or name_col is None:
            return
        for i, row in enumerate(rows[columns.header_row:], start=columns.header_row + 1):
            cadre_id, name = (_text(row, c) for c in (id_col, name_col))
            if cadre_id and name:
                self.rows_of_id[cadre_id] = self.rows_of_id.get(cadre_id, 0) + 1
                self.names.setdefault(fold(name), {}).setdefault(cadre_id, {}).setdefault(sheet, i)


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
    # one other id has this name, on other sheets only: a namesake in another class is told apart by --roster
    others = {i: at for i, at in ids.names.get(name, {}).items() if i != cadre_id} if name else {}
    if ids.rows_of_id.get(cadre_id, 0) <= 1 and len(others) == 1 and r.table.sheet not in next(iter(others.values())):
        sheet, row = next(iter(next(iter(others.values())).items()))
        return (f"is on no other row of the workbook, and the same name is on sheet {sheet} (row {row}) with "
                "another id; if both are right, give --roster to check them against it")
    return ""


def _text(row: list[object], col: int) -> str:
    return str(cells.parse_id(row[col])[0] or "") if col < len(row) else ""
