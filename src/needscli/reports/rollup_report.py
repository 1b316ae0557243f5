"""The roll-up's outputs: rollup.xlsx (Chinese or English), and its tables for scripts as Parquet
where pyarrow is installed, else as CSV. Written whole or not at all, never into a run's folder."""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

from needscli.errors import OutputError
from needscli.io.output_folders import ROLLUP_BOOK as ROLLUP_BOOK  # offered here as it always was
from needscli.io.output_folders import run_owning
from needscli.labels import code_label, label
from needscli.models import NEED_SOURCES
from needscli.reports.files import atomic_path, remove_stale_temp, staged, write_csv
from needscli.reports.gap_report import OBLIGATION_STATUSES
from needscli.reports.rollup import Rollup, run_files
from needscli.reports.xlsx import Book, print_setup


@dataclass(frozen=True)
class Column:
    """A column of a roll-up table: its name in the Parquet/CSV table, its header in the workbook, its
    kind (int, number, percent, text, date, bool), and the words the workbook shows for a code."""

    name: str
    header: str
    kind: str = "int"
    words: Callable[[Any], object] | None = None


@dataclass
class Table:
    """A roll-up table: the file it is written to (name.parquet or name.csv) and its workbook sheet."""

    name: str
    sheet: str
    columns: list[Column]
    rows: list[list[object]] = field(default_factory=list)


def write_rollup(rolled: Rollup, out_dir: Path, lang: str = "zh") -> list[Path]:
    """rollup.xlsx and every table, moved into out_dir together once all are written; OutputError (exit 3)
    for a run's folder (or a folder in it), or any folder analyze wrote, where nothing is written."""
    check_rollup_folder(rolled, out_dir, lang)
    inputs = run_files(rolled)
    tables = rollup_tables(rolled, lang)
    remove_stale_temp(out_dir)
    with staged() as stage:
        paths = [write_rollup_book(rolled, tables, out_dir / ROLLUP_BOOK, lang, inputs)]
        paths += [write_table(table, out_dir, inputs) for table in tables]
        stage.commit()
    return paths


def check_rollup_folder(rolled: Rollup, out_dir: Path, lang: str = "zh") -> None:
    """OutputError (exit 3) naming the run where out_dir is a run's folder or inside one (its snapshot/, a hand-out
    folder of by-unit/ ...): a run's outputs (obligations.parquet ...) stay its own."""
    target = out_dir.resolve()
    if any(target == run or run in target.parents for run in (r.folder.resolve() for r in rolled.runs)):
        raise OutputError(label("rollup.out_is_run", lang, folder=out_dir))
    owner = run_owning(out_dir)
    if owner is None:
        return
    if owner.run.resolve() == target:
        raise OutputError(label("rollup.out_is_a_run", lang, folder=out_dir))
    raise OutputError(label("rollup.out_in_hand_out" if owner.hand_out else "rollup.out_in_a_run", lang,
                            folder=out_dir, run=owner.run))


def rollup_tables(rolled: Rollup, lang: str) -> list[Table]:
    """The roll-up's tables in the order of the workbook's sheets (the Summary and Warnings sheets apart)."""
    def col(name: str, key: str, kind: str = "int", words: Callable[[Any], object] | None = None) -> Column:
        return Column(name, label(key, lang), kind, words)

    statuses = [Column(s, code_label("obligation_status", s, lang)) for s in OBLIGATION_STATUSES]
    organizer = col("organizer", "rosters.organizer", "text", lambda name: name or label("rollup.no_organizer", lang))
    yes_no = {True: label("rollup.yes", lang), False: label("rollup.no", lang)}
    # the by-unit tables' first column: the run, by its folder as the runs table names it (each city's 市财政局 apart)
    run = col("run", "rollup.col.folder", "text")
    return [
        Table("runs", "rollup.sheet.runs", [
            col("folder", "rollup.col.folder", "text"), col("as_of", "as_of", "date"),
            col("lang", "rollup.col.lang", "text"), col("cadres", "rollup.col.cadres"),
            col("needs", "rollup.col.needs"), col("pseudonymized", "rollup.col.pseudonymized", "bool", yes_no.get)],
            [[str(r.folder), r.as_of, r.lang, r.cadres, r.needs, r.pseudonymized] for r in rolled.runs]),
        Table("topics", "rollup.sheet.topics", [
            col("rank", "col.rank"), col("topic_id", "col.topic_id", "text"), col("topic", "col.topic", "text"),
            col("needs", "rollup.col.needs"), col("cadres", "col.cadres"), col("demand", "col.demand", "number"),
            *(Column(f"needs_{s.replace('-', '_')}", code_label("source", s, lang)) for s in NEED_SOURCES),
            col("respondents", "col.respondents"), col("importance_sum", "rollup.col.importance_sum"),
            col("discrepancy_sum", "rollup.col.discrepancy_sum"), col("mwds", "col.mwds", "number"),
            col("rank_mwds", "col.rank_mwds")],
            [[t.rank, t.key, rolled.topic_name(t.key, lang), t.needs, t.cadres, t.demand,
              *(t.by_source[s] for s in NEED_SOURCES), *_parts(t.parts.respondents, t.parts.importance,
                                                               t.parts.discrepancy, t.pooled),
              t.mwds, t.rank_mwds] for t in rolled.topics]),
        Table("training_types", "rollup.sheet.types", [
            col("training_type", "col.training_type", "text", lambda value: code_label("training_type", value, lang)),
            col("needs", "rollup.col.needs"), col("cadres", "rollup.col.cadres_with_needs")],
            [[c.key, c.needs, c.cadres] for c in rolled.training_types]),
        Table("sources", "rollup.sheet.sources", [
            col("source", "col.source", "text", lambda value: code_label("source", value, lang)),
            col("needs", "rollup.col.needs"), col("cadres", "rollup.col.cadres_with_needs")],
            [[c.key, c.needs, c.cadres] for c in rolled.sources]),
        Table("levels", "rollup.sheet.levels", [
            col("level", "col.level", "text"), col("cadres", "rollup.col.cadres"),
            col("cadres_with_needs", "rollup.col.cadres_with_needs"), col("needs", "rollup.col.needs")],
            [[c.key, c.roster, c.cadres, c.needs] for c in rolled.levels]),
        Table("obligations", "rollup.sheet.obligations",
              [col("kind", "col.obligation", "text", lambda value: code_label("obligation", value, lang)), *statuses],
              [[kind, *(counts[s] for s in OBLIGATION_STATUSES)]
               for kind, counts in rolled.obligation_counts().items()]),
        Table("obligations_by_unit", "rollup.sheet.obligation_units",
              [run, organizer, col("unit", "col.unit", "text"),
               col("kind", "col.obligation", "text", lambda value: code_label("obligation", value, lang)), *statuses],
              [[o.run, o.organizer, o.unit, o.kind, *(o.statuses[s] for s in OBLIGATION_STATUSES)]
               for o in rolled.obligations]),
        Table("compliance_by_unit", "rollup.sheet.compliance", [
            run, organizer, col("unit", "col.unit", "text"), col("cadres", "rollup.col.cadres"),
            col("met", "rollup.col.met"), col("short", "rollup.col.short"),
            col("not_reported", "rollup.col.not_reported"), col("rate", "rollup.col.rate", "percent")],
            [[c.run, c.organizer, c.unit, c.cadres, c.met, c.short, c.not_reported, c.rate]
             for c in rolled.compliance]),
    ]


def _parts(respondents: int, importance: int, discrepancy: int, pooled: bool) -> list[object]:
    """A topic's MWDS parts; none where a run could not give its own (the MWDS is not pooled then)."""
    if not pooled:
        return [None, None, None]
    return [respondents, importance, discrepancy] if respondents else [0, None, None]


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
