"""The saved analysis: analysis.json (the run's summary, and the index of its tables) and the Parquet tables of
snapshot/ (cadres, needs, obligations ...), so that classes can be re-formed without re-reading the roster."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from needscli.core.analysis import Analysis
from needscli.io.snapshot import (
    RECORD_TABLES,
    SNAPSHOT,
    SNAPSHOT_DIR,
    SNAPSHOT_VERSION,
    SnapshotIndex,
    TableFile,
    encode_records,
)
from needscli.models import Cadre, KeptClass
from needscli.reports.files import write_bytes
from needscli.reports.gap_report import summary_counts
from needscli.reports.parquet import (
    PARQUET_TABLES,
    ParquetColumn,
    Rows,
    analysis_tables,
    arrow_table,
    row_groups,
    write_parquet,
    write_parquets,
)

# what needscli classes reads of a cadre: the planner its unit, level, job family, 管理权限 and the roster
# cell its warnings name; the reports its id and name (tokens). A pseudonymized snapshot keeps no other
# field (birth date, post, department, dates, hours, wishes ... and any field added later)
PLANNED_FIELDS = frozenset({"id", "name", "unit", "level", "job_family", "managed_by", "file", "sheet", "row"})


def save_snapshot(analysis: Analysis, out_dir: Path, outputs: list[str] | None = None,
                  tables: dict[str, TableFile] | None = None,
                  plan_window: tuple[dt.date, int] | None = None, kept: list[KeptClass] | None = None) -> list[Path]:
    """The tables into out_dir/snapshot/, then analysis.json naming them with their sha256 (owner-readable only,
    like every output); returns their paths. Pseudonymized: only what needscli classes needs of a cadre, and
    the inputs by file name. outputs: the files of the run, listed in analysis.json for scripts. tables: those
    written already (write_analysis_tables, by the writer beside the forming of classes): analysis.json alone is
    written. plan_window: the first day and months of the plan the run wrote (Plan.start, Plan.periods), kept for a
    re-plan; kept: the classes the plan was given to keep (Plan.kept_given; else the analysis')."""
    paths: list[Path] = []
    if tables is None:
        paths, tables = save_snapshot_tables(analysis, out_dir)
    return [*paths, _save_index(analysis, out_dir, outputs, tables, plan_window,
                                analysis.kept_classes if kept is None else kept)]


def save_snapshot_tables(analysis: Analysis, out_dir: Path) -> tuple[list[Path], dict[str, TableFile]]:
    """The tables of the snapshot (RECORD_TABLES) into out_dir/snapshot/: the analysis alone, no plan. Returns
    their paths and what analysis.json says of each."""
    return write_analysis_tables(analysis, out_dir, parquet=False, snapshot=True)[1:]


# the Parquet outputs whose columns the snapshot's table of the same rows shares: written side by side
SHARED_COLUMNS = {
    "needs": ("cadre_id", "topic_id", "source", "training_type", "priority", "hours", "deadline", "status"),
    "obligations": ("cadre_id", "kind", "topic_id", "status", "deadline", "overdue_months", "source_id"),
}


def write_analysis_tables(analysis: Analysis, out_dir: Path, parquet: bool = True,
                          snapshot: bool = True) -> tuple[list[Path], list[Path], dict[str, TableFile]]:
    """The Parquet outputs made of the analysis alone (parquet.ANALYSIS_TABLES, parquet) and the snapshot's tables
    (snapshot), those of the same rows (SHARED_COLUMNS) side by side, a row group of each at a time, the columns
    they share converted once. Returns the outputs' paths, the tables' paths, and what analysis.json says of each
    table."""
    hidden, inputs = analysis.pseudonymized, analysis.inputs.paths
    lists: dict[str, Rows] = {
        "cadres": planned_cadres(analysis.cadres) if hidden else analysis.cadres, "needs": analysis.need_rows(),
        "obligations": analysis.obligations, "compliance": analysis.compliance, "ranking": analysis.ranking,
        "unit_ranking": analysis.unit_ranking, "unmatched": analysis.unmatched, "ledger_diffs": analysis.ledger_diffs,
    } if snapshot else {}
    outputs, digests = [], {}

    def table_path(name: str) -> Path:
        return out_dir / SNAPSHOT_DIR / f"{name}.parquet"

    for stem, (items, build) in (analysis_tables(analysis) if parquet else {}).items():
        outputs.append(out_dir / f"{stem}.parquet")
        columns = PARQUET_TABLES[stem]
        if stem not in lists or stem not in SHARED_COLUMNS or lists[stem] is not items:
            write_parquet(outputs[-1], (arrow_table(columns, build(part)) for part in row_groups(items)), inputs)
            continue
        groups = _side_by_side(items, build, columns, RECORD_TABLES[stem], SHARED_COLUMNS[stem])
        digests[stem] = write_parquets([outputs[-1], table_path(stem)], groups, inputs)[1]
    for name, rows in lists.items():
        if name not in digests:
            record = RECORD_TABLES[name]
            digests[name] = write_parquet(table_path(name), (encode_records(part, record) for part in row_groups(rows)),
                                          inputs)
    names = [name for name in RECORD_TABLES if name in digests]
    return outputs, [table_path(name) for name in names], {
        name: TableFile(file=f"{SNAPSHOT_DIR}/{name}.parquet", rows=len(lists[name]), sha256=digests[name])
        for name in names}


def _side_by_side(items: Rows, build: Callable[[Any], list[Any]], columns: Sequence[ParquetColumn],
                  record: type, shared: tuple[str, ...]) -> Iterator[tuple[Any, Any]]:
    """Row group by row group, the output's table of the items (their columns from build) and the snapshot's
    table of them (encode_records), this one taking the shared columns from the first."""
    for part in row_groups(items):
        table = arrow_table(columns, build(part))
        yield table, encode_records(part, record, {name: table.column(name) for name in shared})


def _save_index(analysis: Analysis, out_dir: Path, outputs: list[str] | None, tables: dict[str, TableFile],
                plan_window: tuple[dt.date, int] | None, kept: list[KeptClass]) -> Path:
    hidden, inputs = analysis.pseudonymized, analysis.inputs.paths
    # built from the analysis' own checked objects: no second validated copy
    index = SnapshotIndex.model_construct(
        version=SNAPSHOT_VERSION, as_of=analysis.as_of, lang=analysis.lang, roster_lang=analysis.inputs.lang,
        pseudonymized=hidden,
        counts=analysis.inputs.counts, skipped=analysis.inputs.skipped,
        input_names=[p.name if hidden else str(p) for p in inputs], summary=summary_counts(analysis),
        outputs=[*(outputs or []), SNAPSHOT, *(t.file for t in tables.values())], tables=tables,
        problems=analysis.problems, config=analysis.config, topics=analysis.catalog.topics,
        resources=analysis.inputs.resources, topic_mapping=analysis.catalog.mapping,
        plan_start=plan_window[0] if plan_window else None, periods=plan_window[1] if plan_window else None,
        kept_classes=kept,
    )
    path = out_dir / SNAPSHOT
    text = index.model_dump_json(indent=1).encode()

    def write(handle: BinaryIO) -> None:
        handle.write(text)

    write_bytes(path, write, inputs)
    return path


def planned_cadres(cadres: list[Cadre]) -> list[Cadre]:
    """Copies of the cadres holding PLANNED_FIELDS only: every other field blank (its default)."""
    blank = {name: "" if info.is_required() else info.get_default(call_default_factory=True)
             for name, info in Cadre.model_fields.items() if name not in PLANNED_FIELDS}
    return [c.model_copy(update=blank) for c in cadres]
