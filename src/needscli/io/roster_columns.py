"""Roster rows checked a column at a time: the fast path for clean rows.

Each column's distinct values are parsed and checked once. A row whose every cell passes becomes a
cadre straight away; a row with any fault goes back to the row-by-row reader (tables.py), which
reports every problem of it and decides what the fault costs: a fault in a required field skips the
row, one in an optional field is a warning and the row is kept without that value (a control
character replaced). So the fast path can never hide a problem or decide a fault itself: it only
decides which rows need the careful look.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import Any

from needscli.io import cells
from needscli.models import Cadre, Rating
from needscli.vocab import Vocab

FAULT: Any = object()  # a cell the row reader must look at
Check = Callable[[object], Any]  # the cell's value when it is fine, FAULT when not


def _memo_column(raws: Sequence[object], check: Check) -> list[Any]:
    """check() of every cell, worked out once per distinct value."""
    memo: dict[object, Any] = {}
    missing = object()
    out: list[Any] = []
    append = out.append
    for raw in raws:
        hit = memo.get(raw, missing)
        if hit is missing:
            hit = check(raw)
            # equal values of different types (True == 1 == 1.0) may parse differently
            if isinstance(raw, str) or raw is None or not (raw == 0 or raw == 1):
                memo[raw] = hit
        append(hit)
    return out


def _faulty_rows(columns: list[list[Any]]) -> set[int]:
    """Indexes of the rows with a FAULT in any of the columns."""
    return {i for values in columns if FAULT in values for i, v in enumerate(values) if v is FAULT}


def _transpose(rows: list[tuple[int, list[object]]], width: int) -> list[tuple[object, ...]]:
    """The first width cells of the rows, column by column; short rows are padded with None."""
    padded = [row if len(row) >= width else row + [None] * (width - len(row)) for _, row in rows]
    return list(itertools.islice(zip(*padded, strict=False), width))  # rows may run past width: not turned


class ColumnChecks:
    """The checks of RowReader.get() for one column, without the row-by-row bookkeeping."""

    def __init__(self, max_text: int) -> None:
        self.max_text = max_text

    def field(self, parser: Callable[[object], tuple[Any, str]], *, required: bool = False,
              default: Any = None, convert: Callable[[Any], Any] | None = None) -> Check:
        control = cells.CONTROL
        max_text = self.max_text

        def check(raw: object) -> Any:
            # control characters are not printable: the regex (slow on Chinese text) only looks at the rest
            if isinstance(raw, str) and (len(raw) > max_text or (not raw.isprintable() and control.search(raw))):
                return FAULT
            value, fault = parser(raw)
            if fault:
                return FAULT
            if required and (value is None or value == "" or value == []):
                return FAULT
            if value is None:
                value = default
            if convert is not None:
                value = convert(value)
                if value is None:
                    return FAULT
            return value

        return check


def clean_cadres(table: Any, rows: list[tuple[int, list[object]]], vocab: Vocab) -> list[Cadre | None]:
    """A cadre for each row whose every cell is fine, None for a row that needs the row-by-row reader.

    Cadres built here are the same as the row reader would build; list values (completions,
    wishes) parsed from equal cells are shared between cadres and must not be changed in place.
    """
    if not rows:
        return []
    specs = _field_checks(table, vocab)
    names = list(specs)
    checked, ratings = _checked_columns(table, rows, specs)
    faulty = _faulty_rows(checked)
    file, sheet = table.file, table.sheet
    field_set = frozenset(["file", "sheet", "row", *names, "ratings"])
    out: list[Cadre | None] = []
    for i, ((excel_row, _), values, rated) in enumerate(zip(rows, zip(*checked, strict=True), ratings, strict=True)):
        if rated is None or i in faulty:
            out.append(None)
            continue
        data: dict[str, Any] = {"file": file, "sheet": sheet, "row": excel_row}
        data.update(zip(names, values, strict=True))
        data["ratings"] = rated
        out.append(construct(Cadre, data, field_set))
    return out


def _field_checks(table: Any, vocab: Vocab) -> dict[str, Check]:
    """The check of each cadre field, in the model's field order (like model_construct())."""
    from needscli.io.tables import DATES, NUMBERS, TEXT

    checks = ColumnChecks(table.config.limits.max_text_length)

    def level_name(text: str) -> str | None:
        level = vocab.level(text)
        return level.name if level else None

    def in_vocab(attr: str) -> Callable[[str], str | None]:
        return lambda text: vocab.resolve(attr, text) if text else ""

    return {
        "id": checks.field(cells.parse_id, required=True),
        "name": checks.field(TEXT, required=True, default=""),
        "unit": checks.field(TEXT, required=True, default=""),
        "post": checks.field(TEXT, required=True, default=""),
        "level": checks.field(TEXT, required=True, default="", convert=level_name),
        "department": checks.field(TEXT, default=""),
        "post_code": checks.field(TEXT, default=""),
        "category": checks.field(TEXT, default="", convert=in_vocab("categories")),
        "job_family": checks.field(TEXT, default="", convert=in_vocab("job_families")),
        "managed_by": checks.field(TEXT, default=""),
        "appointed": checks.field(DATES),
        "entry_date": checks.field(DATES),
        "birth_date": checks.field(DATES),
        "hours_year": checks.field(NUMBERS),
        "hours_five_year": checks.field(NUMBERS),
        "completed": checks.field(cells.parse_completions, default=[]),
        "wishes": checks.field(cells.parse_list, default=[]),
    }


def _checked_columns(table: Any, rows: list[tuple[int, list[object]]], specs: dict[str, Check],
                     ) -> tuple[list[list[Any]], list[dict[str, Rating] | None]]:
    """Each field's checked column (in the order of specs), and each row's ratings."""
    fields = table.columns.fields
    width = 1 + max([*fields.values(), *table.columns.ratings])
    cells_by_column = _transpose(rows, width)
    blank = (None,) * len(rows)  # a field without a column
    checked = [_memo_column(blank if fields.get(name) is None else cells_by_column[fields[name]], check)
               for name, check in specs.items()]
    return checked, _rating_columns(table, cells_by_column, len(rows))


def _rating_columns(table: Any, cells_by_column: list[tuple[object, ...]], n: int) -> list[dict[str, Rating] | None]:
    """Each row's ratings, or None when a rating cell is faulty (the row reader reports it)."""
    from needscli.io.tables import SCALES

    def scale(raw: object) -> Any:
        value, fault = SCALES(raw)
        return FAULT if fault else value

    topics = list(table.columns.ratings.values())  # (kind, topic) of each rating column
    checked = [_memo_column(cells_by_column[col], scale) for col in table.columns.ratings]
    made: dict[tuple[Any, ...], dict[str, Rating] | None] = {}
    out: list[dict[str, Rating] | None] = []
    for values in zip(*checked, strict=True) if checked else [()] * n:
        ratings = made.get(values, FAULT)
        if ratings is FAULT:  # equal cells share their Rating objects (never changed in place)
            ratings = made[values] = _ratings_of(topics, values)
        out.append(None if ratings is None else dict(ratings))
    return out


def _ratings_of(topics: list[tuple[str, str]], values: tuple[Any, ...]) -> dict[str, Rating] | None:
    """One row's ratings from its checked rating cells, or None when one is faulty."""
    if FAULT in values:
        return None
    found: dict[str, dict[str, int]] = {}
    for (kind, topic), value in zip(topics, values, strict=True):
        if value is not None:
            found.setdefault(topic, {})[kind] = value
    return {topic: Rating(**v) for topic, v in found.items()}


def construct(model: type[Cadre], data: dict[str, Any], fields_set: frozenset[str]) -> Cadre:
    """model_construct() for a complete, already checked dict of every field, without its per-field loop."""
    made = model.__new__(model)
    object.__setattr__(made, "__dict__", data)
    object.__setattr__(made, "__pydantic_fields_set__", set(fields_set))
    object.__setattr__(made, "__pydantic_extra__", None)
    object.__setattr__(made, "__pydantic_private__", None)
    return made

