"""The roll-up's outputs: rollup.xlsx (Chinese or English), and its tables for scripts as Parquet
where pyarrow is installed, else as CSV. Written whole or not at all, never into a run's folder."""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from types import ModuleType

from needscli.errors import OutputError
from needscli.io.output_folders import ROLLUP_BOOK as ROLLUP_BOOK  # offered here as it always was
from needscli.io.output_folders import run_owning
from needscli.labels import label
from needscli.reports.files import atomic_path, remove_stale_temp, staged, write_csv

# the tables and their columns offered here as they always were
from needscli.reports.rollup import Column as Column
from needscli.reports.rollup import Rollup, Table, run_files
from needscli.reports.rollup import rollup_tables as rollup_tables
from needscli.reports.xlsx import Book, print_setup


def write_rollup(rolled: Rollup, out_dir: Path, lang: str = "zh", option: str = "-o") -> list[Path]:
    """rollup.xlsx and every table, moved into out_dir together once all are written; OutputError (exit 3)
    for a run's folder (or a folder in it), or any folder analyze wrote, where nothing is written."""
    check_rollup_folder(rolled, out_dir, lang, option)
    inputs = run_files(rolled)
    tables = rollup_tables(rolled, lang)
    remove_stale_temp(out_dir)
    with staged() as stage:
        paths = [write_rollup_book(rolled, tables, out_dir / ROLLUP_BOOK, lang, inputs)]
        paths += [write_table(table, out_dir, inputs) for table in tables]
        stage.commit()
    return paths


def check_rollup_folder(rolled: Rollup, out_dir: Path, lang: str = "zh", option: str = "-o") -> None:
    """OutputError (exit 3) naming the run where out_dir is a run's folder or inside one (its snapshot/, a hand-out
    folder of by-unit/ ...): a run's outputs (obligations.parquet ...) stay its own."""
    target = out_dir.resolve()
    if any(target == run or run in target.parents for run in (r.folder.resolve() for r in rolled.runs)):
        raise OutputError(label("rollup.out_is_run", lang, folder=out_dir, option=option))
    owner = run_owning(out_dir)
    if owner is None:
        return
    if owner.run.resolve() == target:
        raise OutputError(label("rollup.out_is_a_run", lang, folder=out_dir, option=option))
    raise OutputError(label("rollup.out_in_hand_out" if owner.hand_out else "rollup.out_in_a_run", lang,
                            folder=out_dir, run=owner.run, option=option))


# ---- rollup.xlsx ---------------------------------------------------------------------------------

# a table's kind -> the workbook's (Book.write): counts and sums thousands apart, as a person reads them (76,181;
# 574,020.44)
_BOOK_KINDS = {"bool": "text", "int": "count", "number": "amount"}


def write_rollup_book(rolled: Rollup, tables: Sequence[Table], path: Path, lang: str,
                      inputs: Iterable[Path] = ()) -> Path:
    """The Summary sheet, a sheet per table with each code in words, and the warnings, if any."""
    with atomic_path(path, inputs) as tmp:
        book = Book(tmp)
        _summary_sheet(book, rolled, lang)
        for table in tables:
            cells = [[column.words(value) if column.words and value is not None else value
                      for column, value in zip(table.columns, row, strict=True)] for row in table.rows]
            book.table(label(table.sheet, lang), [c.header for c in table.columns], cells,
                       [_BOOK_KINDS.get(c.kind, c.kind) for c in table.columns])
        warnings = rolled.warnings(lang)
        if warnings:
            book.table(label("rollup.sheet.warnings", lang), [label("rollup.col.warning", lang)],
                       [[w.message] for w in warnings], ["wrap"], [120])
        book.close()
    return path


def _summary_sheet(book: Book, rolled: Rollup, lang: str) -> None:
    """The title, then the roll-up's figures as item / value rows."""
    ws = book.add_sheet(label("rollup.sheet.summary", lang))
    figures = rolled.summary()
    items: list[tuple[str, object, str]] = [
        (label("rollup.runs", lang), figures["runs"], "count"),
        (label("as_of", lang), label("list_joiner", lang).join(figures["as_of"]), "text"),
        (label("cadres", lang), figures["cadres"], "count"),
        (label("skipped", lang), figures["rows_skipped"], "count"),
        (label("needs", lang), figures["needs"], "count"),
        (label("with_needs", lang), figures["cadres_with_needs"], "count"),
        (label("compliance_rate", lang), figures["compliance_rate"], "percent"),
        (label("not_reported", lang), figures["hours_not_reported"], "count"),
        (label("unmatched", lang), figures["unmatched"], "count"),
    ]
    book.write_text(ws, 0, 0, label("rollup.title", lang), book.fmt["title"])
    book.write_text(ws, 2, 0, label("col.item", lang), book.fmt["header"])
    book.write_text(ws, 2, 1, label("col.value", lang), book.fmt["header"])
    for row, (item, value, kind) in enumerate(items, start=3):
        book.write_text(ws, row, 0, item)
        book.write(ws, row, 1, value, kind)
    ws.set_column(0, 0, 36)
    ws.set_column(1, 1, 24)
    print_setup(ws, landscape=False)


# ---- the tables for scripts ----------------------------------------------------------------------

def write_table(table: Table, out_dir: Path, inputs: Iterable[Path] = ()) -> Path:
    """table as out_dir/<name>.parquet where pyarrow imports, else as <name>.csv (UTF-8 with BOM)."""
    modules = arrow()
    if modules is None:
        path = out_dir / f"{table.name}.csv"
        write_csv(path, [c.name for c in table.columns], ([_csv_value(v) for v in row] for row in table.rows),
                  inputs)
        return path
    pa, pq = modules
    path = out_dir / f"{table.name}.parquet"
    types = {"int": pa.int64(), "number": pa.float64(), "percent": pa.float64(), "text": pa.string(),
             "date": pa.date32(), "bool": pa.bool_()}
    schema = pa.schema([(c.name, types[c.kind]) for c in table.columns])
    data = {c.name: [row[i] for row in table.rows] for i, c in enumerate(table.columns)}
    with atomic_path(path, inputs) as tmp:
        pq.write_table(pa.Table.from_pydict(data, schema=schema), tmp)
    return path


def arrow() -> tuple[ModuleType, ModuleType] | None:
    """pyarrow and pyarrow.parquet where installed (the tables are Parquet then), else None (CSV).

    Imported by name: an optional dependency, and only when the tables are written."""
    try:
        return importlib.import_module("pyarrow"), importlib.import_module("pyarrow.parquet")
    except ImportError:
        return None


def _csv_value(value: object) -> object:
    """write_csv rounds a float to 2 places for people to read; these tables are for scripts, so a float
    goes in whole (its shortest repr: MWDS to the last digit), and a date as YYYY-MM-DD."""
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
