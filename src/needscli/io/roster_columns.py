"""Roster rows checked a column at a time: the fast path for clean rows.

Each column's distinct values are parsed and checked once. A row whose every cell passes becomes a
cadre straight away; a row with any fault goes back to the row-by-row reader (tables.py), which
reports every problem of it exactly as before. So the fast path can never hide a problem: it only
decides which rows need the careful look.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..models import Cadre, Rating
from ..vocab import Vocab
from . import cells

Check = Callable[[object], tuple[Any, ...] | None]  # (value,) when the cell is fine, None when not


def _memo_column(raws: list[object], check: Check) -> list[tuple[Any, ...] | None]:
    """check() of every cell, worked out once per distinct value; None marks a faulty cell."""
    memo: dict[object, tuple[Any, ...] | None] = {}
    missing = object()
    out: list[tuple[Any, ...] | None] = []
    append = out.append
    for raw in raws:
        hit = memo.get(raw, missing)
        if hit is missing:
            hit = check(raw)
            # equal values of different types (True == 1 == 1.0) may parse differently
            if isinstance(raw, str) or raw is None or not (raw == 0 or raw == 1):
                try:
                    memo[raw] = hit
                except TypeError:
                    pass
        append(hit)  # type: ignore[arg-type]
    return out


class ColumnChecks:
    """The checks of RowReader.get() for one column, without the row-by-row bookkeeping."""

    def __init__(self, max_text: int) -> None:
        self.max_text = max_text

    def field(self, parser: Callable[[object], tuple[Any, str]], *, required: bool = False,
              default: Any = None, convert: Callable[[Any], Any] | None = None) -> Check:
        from .tables import _CONTROL

        max_text = self.max_text

        def check(raw: object) -> tuple[Any, ...] | None:
            if isinstance(raw, str) and (len(raw) > max_text or _CONTROL.search(raw)):
                return None
            value, fault = parser(raw)
            if fault:
                return None
            if required and (value is None or value == "" or value == []):
                return None
            if value is None:
                value = default
            if convert is not None:
                value = convert(value)
                if value is None:
                    return None
            return (value,)

        return check


def clean_cadres(table: Any, rows: list[tuple[int, list[object]]], vocab: Vocab) -> list[Cadre | None]:
    """A cadre for each row whose every cell is fine, None for a row that needs the row-by-row reader.

    Cadres built here are the same as the row reader would build; list values (completions,
    wishes) parsed from equal cells are shared between cadres and must not be changed in place.
    """
    from .tables import DATES, NUMBERS, TEXT

    checks = ColumnChecks(table.config.limits.max_text_length)
    fields = table.columns.fields
    n = len(rows)

    def column(name: str) -> list[object]:
        col = fields.get(name)
        if col is None:
            return [None] * n
        return [row[col] if col < len(row) else None for _, row in rows]

    def level_name(text: str) -> str | None:
        level = vocab.level(text)
        return level.name if level else None

    def in_vocab(attr: str) -> Callable[[str], str | None]:
        return lambda text: vocab.resolve(attr, text) if text else ""

    specs: dict[str, Check] = {  # in the model's field order, like model_construct()
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
    names = list(specs)
    checked = [_memo_column(column(name), specs[name]) for name in names]
    ratings = _rating_columns(table, rows)
    provenance = {"file": table.file, "sheet": table.sheet}
    field_set = frozenset(["file", "sheet", "row", *names, "ratings"])
    out: list[Cadre | None] = []
    for i, values in enumerate(zip(*checked, strict=True)):
        if None in values or ratings[i] is None:
            out.append(None)
            continue
        data = dict(provenance)
        data["row"] = rows[i][0]
        data.update(zip(names, (v[0] for v in values), strict=True))  # type: ignore[index]
        data["ratings"] = ratings[i]
        out.append(construct(Cadre, data, field_set))
    return out


def _rating_columns(table: Any, rows: list[tuple[int, list[object]]]) -> list[dict[str, Rating] | None]:
    """Each row's ratings, or None when a rating cell is faulty (the row reader reports it)."""
    from .tables import SCALES

    def scale(raw: object) -> tuple[int | None] | None:
        value, fault = SCALES(raw)
        return None if fault else (value,)

    made: dict[tuple[tuple[str, tuple[tuple[str, int], ...]], ...], dict[str, Rating]] = {}
    columns = [(kind, topic, _memo_column([row[col] if col < len(row) else None for _, row in rows], scale))
               for col, (kind, topic) in table.columns.ratings.items()]
    out: list[dict[str, Rating] | None] = []
    for i in range(len(rows)):
        found: dict[str, dict[str, int]] = {}
        faulty = False
        for kind, topic, values in columns:
            cell = values[i]
            if cell is None:
                faulty = True
                break
            if cell[0] is not None:
                found.setdefault(topic, {})[kind] = cell[0]
        if faulty:
            out.append(None)
            continue
        key = tuple((topic, tuple(v.items())) for topic, v in found.items())
        ratings = made.get(key)
        if ratings is None:  # equal ratings share their Rating objects (never changed in place)
            ratings = made[key] = {topic: Rating(**v) for topic, v in found.items()}
        out.append(dict(ratings))
    return out


def construct(model: type[Cadre], data: dict[str, Any], fields_set: frozenset[str]) -> Cadre:
    """model_construct() for a complete, already checked dict of every field, without its per-field loop."""
    made = model.__new__(model)
    object.__setattr__(made, "__dict__", data)
    object.__setattr__(made, "__pydantic_fields_set__", set(fields_set))
    object.__setattr__(made, "__pydantic_extra__", None)
    object.__setattr__(made, "__pydantic_private__", None)
    return made

