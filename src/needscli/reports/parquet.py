"""The Parquet outputs: needs, compliance, obligations, classes, assignments, unmet needs, the annual plan, the
hours left after the plan and the units' topic rankings, for data engines (pandas, DuckDB, Spark) to read
directly, with one schema whatever the run (PARQUET_TABLES).

Columns are built from the analysis and the plan as the CSV files are, without DataFrames: ids and codes as
string, amounts as float64, counts as int64, dates as date32. The bytes are the same for the same
inputs (no timestamp is written; created_by names the pyarrow version).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.abc
import operator
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from needscli.cache import ByIdentity, Memo
from needscli.core.need_columns import NeedColumns, NeedSlices
from needscli.io.snapshot import arrow
from needscli.labels import reason_texts
from needscli.models import NEED_SOURCES
from needscli.planner.forming import families_as_data
from needscli.planner.seats import seat_columns
from needscli.reports.annual_plan import PlanRow, plan_rows, unpriced
from needscli.reports.class_rosters import class_topic
from needscli.reports.files import atomic_path, output_error

if TYPE_CHECKING:
    import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]

    from needscli.core.analysis import Analysis
    from needscli.core.need_results import ComplianceRow
    from needscli.core.obligations import Obligation
    from needscli.core.ranking import TopicRank
    from needscli.models import Assignment, TrainingClass, UnmetNeed
    from needscli.planner import Plan
    from needscli.planner.model import HoursLeft


class ParquetColumn(NamedTuple):
    """One column of a Parquet output: its name, its type (string, float64, int64, date32) and what it holds."""

    name: str
    type: str
    meaning: str


def _columns(*rows: tuple[str, str, str]) -> tuple[ParquetColumn, ...]:
    return tuple(ParquetColumn(*row) for row in rows)


_ID, _NAME, _UNIT = (("cadre_id", "string", "the cadre's id (编号); a token under --pseudonymize"),
                     ("name", "string", "the cadre's name (姓名); a token under --pseudonymize"),
                     ("unit", "string", "the cadre's unit (单位)"))
_TOPIC_ID, _TOPIC = (("topic_id", "string", "the topic's id in the catalog"),
                     ("topic", "string", "the topic's name in the output language"))
_TYPE = ("training_type", "string", "initial, appointment, on-the-job, specialized or theory")

# file stem -> its columns, in order; README.md's "Parquet outputs" lists the same (a test keeps them alike)
PARQUET_TABLES: dict[str, tuple[ParquetColumn, ...]] = {
    "needs": _columns(
        _ID, _NAME, _UNIT, _TOPIC_ID, _TOPIC,
        ("source", "string", "the strongest reason's source: obligation, theory-core, compliance, organizational, "
                             "post or personal"),
        _TYPE, ("priority", "float64", "the need's priority (the higher, the sooner)"),
        ("hours", "float64", "the topic's hours"), ("rule_id", "string", "the rules that found it, separated by ;"),
        ("reason", "string", "each reason in words, as in needs.csv"),
        ("deadline", "date32", "an obligation's deadline; null for any other need"),
        ("status", "string", "an obligation's: due or overdue; empty for any other need")),
    "compliance": _columns(
        _ID, _NAME, _UNIT, ("level", "string", "the cadre's level (职级)"),
        ("standard", "string", "annual or five-year"),
        ("required", "float64", "concentrated hours the standard asks"),
        ("done", "float64", "concentrated hours done; null: not reported"),
        ("deficit", "float64", "concentrated hours still to do (0: met); null: unknown"),
        ("days_required", "float64", "concentrated days the standard asks (0: none)"),
        ("days", "float64", "concentrated days done; null: not reported"),
        ("online_required", "float64", "online hours a year the standard asks"),
        ("online", "float64", "online hours this year; null: not reported"),
        ("online_deficit", "float64", "online hours still to do; null: unknown"),
        ("deadline", "date32", "the end of the standard's year or five-year cycle")),
    "obligations": _columns(
        _ID, ("kind", "string", "appointment, initial, rotation, hours or online"),
        ("topic_id", "string", "the topic that meets it; empty for online learning"),
        ("status", "string", "overdue, due, met or unknown"), ("deadline", "date32", "by when; null where unknown"),
        ("overdue_months", "int64", "whole months past the deadline (0 unless overdue)"),
        ("missing", "string", "the blank fields that left the status unknown, comma-separated"),
        ("source_id", "string", "the priority of a rotation, the band topic of an appointment")),
    "classes": _columns(
        ("class_id", "string", "the class's id (C001 ...)"), ("name", "string", "the class's name"),
        _TOPIC_ID, _TOPIC, _TYPE, ("organizer", "string", "who holds it (管理权限: 省委管理 ...)"),
        ("job_family", "string", "the job families of its members, joined by 、, a member without one as 未填职位类别, "
                                  "whatever `--lang` (empty: any)"),
        ("band", "string", "the grading band its members share (empty: not graded)"),
        ("period", "string", "its month, YYYY-MM; empty where it has none"),
        ("start_date", "date32", "its first day; null where unplaced"), ("end_date", "date32", "its last day"),
        ("resource", "string", "its host (承办); unassigned where none"), ("size", "int64", "its members"),
        ("days", "float64", "days away"), ("hours", "float64", "the hours each member is credited"),
        ("cost_per_seat", "float64", "the host's cost per seat; null where the host is to be fixed (unassigned)"),
        ("priority", "float64", "the highest need priority among its members"),
        ("late", "int64", "members whose obligation falls due before it ends (training due by a day is completed "
                          "by it)")),
    "assignments": _columns(
        _ID, ("class_id", "string", "the class; empty for online and in-unit"), _TOPIC_ID, _TOPIC,
        ("priority", "float64", "the need's priority"), ("route", "string", "class, sent-up, online or in-unit")),
    "unmet": _columns(
        _ID, _NAME, _UNIT, _TOPIC_ID, _TOPIC, ("priority", "float64", "the need's priority"),
        ("reason", "string", "why it got no seat, in words")),
    "plan": _columns(
        ("class_id", "string", "the class's id"), ("name", "string", "the class's name"), _TYPE,
        ("band", "string", "the grading band (empty: not graded)"), ("organizer", "string", "who holds it"),
        ("host", "string", "its host (承办)"), ("start_date", "date32", "its first day"),
        ("end_date", "date32", "its last day"), ("days", "float64", "days away"),
        ("hours", "float64", "hours credited"), ("target", "string", "its target group: band, job family, levels"),
        ("seats", "int64", "its members"),
        ("cost_per_seat", "float64", "cost per seat; null where the host is to be fixed (not counted in the budget)"),
        ("total_cost", "float64", "seats x cost per seat; null where the host is to be fixed"), ("quotas", "string", "seats by unit (调训名额)"),
        ("sent_up", "int64", "members sent up from the organizer below (上级调训)"),
        ("late", "int64", "members whose obligation falls due before it ends (training due by a day is completed "
                          "by it)")),
    "hours_left": _columns(
        _ID, _NAME, _UNIT, ("deficit", "float64", "concentrated hours short of the standard before the plan"),
        ("planned", "float64", "the hours the cadre's planned classes ending by the deadline credit (past a "
                               "five-year deadline, those ending by the end of the standard's cycle)"),
        ("left", "float64", "hours still short after the plan (0: covered)"),
        ("deadline", "date32", "the end of the standard's year or five-year cycle"),
        ("advice", "string", "how to close what is left: covered; class (the plan's classes leave some: another "
                             "class before the deadline); online (online learning, where `hours.online_counts_toward_concentrated`); "
                             "overdue (the deadline has passed: the earliest class, as soon as may be); covered-late "
                             "(the deadline has passed, and the plan's classes within the standard's cycle cover "
                             "it); no-class (no class of the plan ends by the deadline: concentrated training "
                             "arranged before it); no-class-online (no class of the plan ends by the deadline: online learning before it, "
                             "where it counts)")),
    "unit_ranking": _columns(
        ("unit", "string", "the unit (单位)"), ("rank", "int64", "the topic's rank in the unit by demand (1: the most)"),
        _TOPIC_ID, _TOPIC,
        ("cadres", "int64", "the unit's cadres with a need for the topic"),
        ("demand", "float64", "the sum of their needs' priorities"),
        ("mean_priority", "float64", "demand / cadres"),
        *((f"by_source_{source.replace('-', '_')}", "int64", f"needs whose strongest reason's source is {source}")
          for source in NEED_SOURCES),
        ("respondents", "int64", "the unit's cadres who rated both importance and ability (N)"),
        ("importance_sum", "int64", "the sum of their importance ratings (ΣI)"),
        ("discrepancy_sum", "int64", "the sum of their importance less ability (Σ(I − C)): MWDS = ΣI × Σ(I − C) / N², "
                                     "so that units' or runs' ratings pool exactly"),
        ("mwds", "float64", "Borich's mean weighted discrepancy score; null: not rated"),
        ("rank_mwds", "int64", "the rank by MWDS among the unit's rated topics; null: not rated")),
}
PARQUET_FILES = tuple(f"{stem}.parquet" for stem in PARQUET_TABLES)

Values = Sequence[Any]
ROW_GROUP = 50_000  # rows converted and written at a time: a province's needs are never held twice over
_CADRE_ID = operator.attrgetter("cadre_id")


# the Parquet outputs made of the analysis alone: written while classes are formed (reports.start_early_outputs,
# with the snapshot's tables: snapshot.write_analysis_tables)
ANALYSIS_TABLES = ("needs", "compliance", "obligations", "unit_ranking")
Rows = Sequence[Any] | NeedColumns | NeedSlices  # a table's rows: records, or the needs' columns (sliced alike)
_Table = tuple[Rows, Callable[[Any], list[Values]]]


def write_parquet_outputs(analysis: Analysis, plan: Plan, out_dir: Path, rows: Sequence[PlanRow] | None = None,
                          *, with_analysis: bool = True) -> list[Path]:
    """Every Parquet output into out_dir, in PARQUET_TABLES' order (with_analysis false: only those of the plan);
    rows: the plan's rows (annual_plan.plan_rows), when the caller has them."""
    tables: dict[str, _Table] = {
        **(analysis_tables(analysis) if with_analysis else {}),
        "classes": (plan.classes, lambda part: class_columns(analysis, plan, part)),
        "assignments": (plan.assignments, lambda part: assignment_columns(analysis, part)),
        "unmet": (plan.unmet, lambda part: unmet_columns(analysis, part)),
        "plan": (plan_rows(analysis, plan) if rows is None else rows, plan_columns),
        "hours_left": (plan.hours_left, lambda part: hours_left_columns(analysis, part)),
    }
    return _write_tables(analysis, {stem: tables[stem] for stem in PARQUET_TABLES if stem in tables}, out_dir)


def analysis_tables(analysis: Analysis) -> dict[str, _Table]:
    """The tables of ANALYSIS_TABLES: each one's rows, and what makes a row group's columns of some of them."""
    return {
        "needs": (analysis.need_rows(), functools.partial(need_columns, analysis, texts=reason_texts_of(analysis))),
        "compliance": (analysis.compliance, lambda part: compliance_columns(analysis, part)),
        "obligations": (analysis.obligations, obligation_columns),
        "unit_ranking": (analysis.unit_ranking, lambda part: unit_ranking_columns(analysis, part)),
    }


def _write_tables(analysis: Analysis, tables: dict[str, _Table], out_dir: Path) -> list[Path]:
    paths = []
    for stem, (items, build) in tables.items():
        paths.append(out_dir / f"{stem}.parquet")
        write_parquet(paths[-1], (arrow_table(PARQUET_TABLES[stem], build(part)) for part in row_groups(items)),
                      analysis.inputs.paths)
    return paths


def load_arrow() -> None:
    """Import pyarrow and what it imports on its first conversion of Python values (pandas, where installed):
    done before the writers fork, the writing processes share it instead of each importing it (~100 MB)."""
    pa = arrow()
    pa.array([0], pa.int64())


def arrow_without_pandas() -> None:
    """Import pyarrow in a writing child (a forked process that ends once its files are written), telling it that
    pandas is not installed: its first conversion of Python values would import pandas (0.16 s and ~50 MB) only to
    ask whether the values are a pandas Series, and the writers give it lists. pyarrow looks for pandas once, on
    that first conversion; it still imports pandas where a DataFrame is asked of it (Table.to_pandas). Nothing
    changes where pandas is imported already, or where pyarrow has converted values before."""
    pa = arrow()
    if "pandas" in sys.modules:
        return
    hidden = _NoPandas()
    sys.meta_path.insert(0, hidden)
    try:
        pa.array([0], pa.int64())
    finally:
        sys.meta_path.remove(hidden)


class _NoPandas(importlib.abc.MetaPathFinder):
    """An import system finder for which pandas is not installed."""

    def find_spec(self, fullname: str, path: object, target: object = None) -> None:
        if fullname.partition(".")[0] == "pandas":
            raise ModuleNotFoundError(f"No module named {fullname!r}", name=fullname)


def row_groups(items: Rows) -> Iterator[Any]:
    """The items ROW_GROUP at a time (a Parquet file's row groups); one empty group where there is none."""
    for start in range(0, max(len(items), 1), ROW_GROUP):
        yield items[start:start + ROW_GROUP]


def arrow_table(columns: Sequence[ParquetColumn], values: list[Values]) -> pa.Table:
    """The columns' values as an Arrow table of their types (the same schema with no row)."""
    pa = arrow()
    types = {"string": pa.string(), "float64": pa.float64(), "int64": pa.int64(), "date32": pa.date32()}
    schema = pa.schema([(c.name, types[c.type]) for c in columns])
    return pa.Table.from_arrays([pa.array(v, t) for v, t in zip(values, schema.types, strict=True)], schema=schema)


def write_parquet(path: Path, tables: Iterable[pa.Table], inputs: Sequence[Path] = ()) -> str:
    """The tables (at least one, all of one schema) as the row groups of the Parquet file path, written whole
    or not at all (see files.atomic_path); returns the file's sha256.

    zstd-compressed, text dictionary-encoded; the same tables give the same bytes (no timestamp is written).
    """
    return write_parquets([path], ([table] for table in tables), inputs)[0]


def write_parquets(paths: Sequence[Path], groups: Iterable[Sequence[pa.Table]], inputs: Sequence[Path] = ()) -> list[str]:
    """Several Parquet files side by side (write_parquet's each): each group holds a row group of each file, in
    the order of paths, so that a row group of several files is made from the same rows once. Returns the files'
    sha256, in the order of paths. A file that cannot be written is named in the error (not the last one opened,
    whose atomic_path the error passes first); none of them is left."""
    pa = arrow()
    with contextlib.ExitStack() as stack:
        temps = [stack.enter_context(atomic_path(path, inputs)) for path in paths]
        writers: list[Any] = []
        for group in groups:
            if len(group) != len(temps):
                raise ValueError(f"a row group of {len(group)} tables for {len(temps)} files")
            if not writers:
                for path, tmp, table in zip(paths, temps, group, strict=True):
                    writers.append(_of_file(path, pa.parquet.ParquetWriter, tmp, table.schema, compression="zstd",
                                            use_dictionary=True, write_statistics=True))
                    stack.callback(writers[-1].close)  # closed on an error (again after close(): nothing)
            for path, writer, table in zip(paths, writers, group, strict=True):
                _of_file(path, writer.write_table, table, row_group_size=max(table.num_rows, 1))
        for path, writer in zip(paths, writers, strict=True):
            _of_file(path, writer.close)  # before the digests, and before each file's atomic_path ends
        return [_of_file(path, _sha256, tmp) for path, tmp in zip(paths, temps, strict=True)]


def _of_file(path: Path, step: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """step(*args, **kwargs), an OSError of it said of path (files.output_error)."""
    try:
        return step(*args, **kwargs)
    except OSError as exc:
        raise output_error(path, exc) from None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _topic_names(analysis: Analysis) -> Memo:
    return Memo(lambda topic_id: analysis.catalog.label(topic_id, analysis.lang))


def need_columns(analysis: Analysis, needs: NeedColumns, texts: ByIdentity | None = None) -> list[Values]:
    """The columns of a row group of the needs, from their columns (Analysis.need_rows sliced: the run's early
    writer reads no Need); texts: reason_texts_of(analysis), kept from one row group to the next."""
    cadres = analysis.cadre_by_id
    people = list(map(cadres.__getitem__, needs.cadre))
    topic = _topic_names(analysis)
    joined = (texts or reason_texts_of(analysis)).of(needs.reasons)
    return [
        needs.cadre, [c.name for c in people], [c.unit for c in people], needs.topic,
        list(map(topic.__getitem__, needs.topic)), needs.source, needs.kind, needs.priority, needs.hours,
        [rule_ids for _, rule_ids, _ in joined], [reasons for _, _, reasons in joined], needs.deadline,
        needs.status,
    ]


def reason_texts_of(analysis: Analysis) -> ByIdentity:
    """A tuple of reasons' texts, joined as in needs.csv, found by the tuple's identity: the needs merged from the
    same reasons share one, and hashing a tuple of reasons for each need cost more than the row."""
    texts = reason_texts(analysis.lang, (",", ";", " | "))
    return ByIdentity(lambda these: texts[tuple(these)])


def compliance_columns(analysis: Analysis, rows: Sequence[ComplianceRow]) -> list[Values]:
    people = [analysis.cadre_by_id[r.cadre_id] for r in rows]
    standings = [r.standing for r in rows]
    return [
        [r.cadre_id for r in rows], [c.name for c in people], [c.unit for c in people], [c.level for c in people],
        *([getattr(s, name) for s in standings] for name in (
            "standard", "required", "done", "deficit", "days_required", "days", "online_required", "online",
            "online_deficit", "deadline")),
    ]


def obligation_columns(rows: Sequence[Obligation]) -> list[Values]:
    return [
        *([getattr(o, name) for o in rows] for name in ("cadre_id", "kind", "topic_id", "status", "deadline",
                                                        "overdue_months")),
        [", ".join(o.missing) for o in rows], [o.source_id for o in rows],
    ]


def class_columns(analysis: Analysis, plan: Plan, classes: Sequence[TrainingClass]) -> list[Values]:
    return [
        [c.id for c in classes], [c.name for c in classes], [c.topic_id for c in classes],
        [class_topic(analysis, c) for c in classes], [c.training_type for c in classes],
        [c.organizer for c in classes], [families_as_data(c.job_family, analysis.lang) for c in classes],
        [c.band for c in classes],
        [plan.period_label(c.period) for c in classes], [c.start_date for c in classes],
        [c.end_date for c in classes], [c.resource for c in classes], [c.size for c in classes],
        [c.days for c in classes], [c.hours for c in classes],
        [None if unpriced(c) else c.cost_per_seat for c in classes],
        [c.priority for c in classes], [c.late for c in classes],
    ]


def assignment_columns(analysis: Analysis, rows: Sequence[Assignment]) -> list[Values]:
    cadres, classes, topics, priorities, routes = seat_columns(rows)
    return [cadres, classes, topics, list(map(_topic_names(analysis).__getitem__, topics)), priorities, routes]


def unmet_columns(analysis: Analysis, rows: Sequence[UnmetNeed]) -> list[Values]:
    topic = _topic_names(analysis)
    people = list(map(analysis.cadre_by_id.get, map(_CADRE_ID, rows)))
    return [[u.cadre_id for u in rows], [c.name if c else "" for c in people], [c.unit if c else "" for c in people],
            [u.topic_id for u in rows], [topic[u.topic_id] for u in rows], [u.priority for u in rows],
            [u.reason for u in rows]]


def plan_columns(rows: Sequence[PlanRow]) -> list[Values]:
    classes = [r.cls for r in rows]
    return [
        [c.id for c in classes], [c.name for c in classes], [c.training_type for c in classes],
        [c.band for c in classes], [c.organizer for c in classes], [c.resource for c in classes],
        [c.start_date for c in classes], [c.end_date for c in classes], [c.days for c in classes],
        [c.hours for c in classes], [r.target for r in rows], [c.size for c in classes],
        [r.costs[0] for r in rows], [r.costs[1] for r in rows], [r.quotas for r in rows],
        [r.sent_up for r in rows], [c.late for c in classes],
    ]


def hours_left_columns(analysis: Analysis, rows: Sequence[HoursLeft]) -> list[Values]:
    people = list(map(analysis.cadre_by_id.get, map(_CADRE_ID, rows)))
    return [[h.cadre_id for h in rows], [c.name if c else "" for c in people], [c.unit if c else "" for c in people],
            *([getattr(h, name) for h in rows] for name in ("deficit", "planned", "left", "deadline", "advice"))]


def unit_ranking_columns(analysis: Analysis, rows: Sequence[TopicRank]) -> list[Values]:
    topic = _topic_names(analysis)
    return [[r.unit for r in rows], [r.rank for r in rows], [r.topic_id for r in rows],
            [topic[r.topic_id] for r in rows], [r.cadres for r in rows], [r.demand for r in rows],
            [r.mean_priority for r in rows], *([r.by_source.get(s, 0) for r in rows] for s in NEED_SOURCES),
            [r.respondents for r in rows], [r.importance_sum for r in rows], [r.discrepancy_sum for r in rows],
            [r.mwds for r in rows], [r.rank_mwds for r in rows]]
