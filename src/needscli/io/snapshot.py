"""The saved analysis read back, so classes can be re-formed without re-reading the roster.

From version 2 on, a run saves analysis.json, a small index and summary (the run's counts and figures,
its problems, config, catalog and resources, and each table's rows and sha256), and the long lists as
Parquet tables in snapshot/ beside it, one row per record (RECORD_TABLES): a tenth of the JSON's size,
read in a fraction of its time. The codec is generic over the records' fields (encode_records,
decode_table), so a field added to a model is saved with it. A folder of version 1 (everything in
analysis.json) is still read.

Version 3 is version 2 with keys a needscli of version 2 refuses in the config saved ([rosters]
daily_sign_in_days, [report]): that needscli says such a folder is a newer needscli's, to upgrade, not that it is
damaged. Folders of versions 1 and 2 are read as ever, their config taking the defaults of the keys they lack.
Version 4 adds [classes] meets_on_rest_days, working_days_up_to and workdays to the config saved, for the same reason.
A folder of an older version is re-planned with meets_on_rest_days = true: its classes on consecutive days and a
sign-in box a day, as the sheets it handed out were, not moved by this version's working days.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import hashlib
import itertools
import json
import operator
import re
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError
from pydantic_core import PydanticCustomError

from needscli.config import MAX_PERIODS, Config
from needscli.core.analysis import Analysis
from needscli.core.catalog import Catalog, TopicMapping
from needscli.core.need_columns import NeedColumns
from needscli.core.need_results import ComplianceRow, Unmatched
from needscli.core.obligations import Obligation
from needscli.core.ranking import TopicRank
from needscli.errors import NeedsError, Problem, validation_problems
from needscli.io.cells import RUN_YEARS
from needscli.io.output_folders import SNAPSHOT as SNAPSHOT
from needscli.io.output_folders import SNAPSHOT_DIR as SNAPSHOT_DIR
from needscli.io.user_files import read_user_file
from needscli.labels import label
from needscli.models import (
    Cadre,
    Inputs,
    KeptClass,
    LedgerDiff,
    Need,
    Resource,
    Topic,
    record_fields,
)

# SNAPSHOT (analysis.json) and SNAPSHOT_DIR (snapshot/) are offered here as they always were

if TYPE_CHECKING:
    import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]

SNAPSHOT_VERSION = 4


def _in_run_years(day: dt.date) -> dt.date:
    if not RUN_YEARS[0] <= day.year <= RUN_YEARS[1]:
        raise ValueError(f"not a date from {RUN_YEARS[0]} to {RUN_YEARS[1]}")
    return day


def _date_text(value: object) -> object:
    """A date as a run writes it (2026-11-01), or a date read already; anything else refused before pydantic
    makes a date of it: 0 as 1970-01-01, 2026-11-01T00:00:00 as 2026-11-01."""
    if isinstance(value, str) and _ISO_DATE.fullmatch(value) or type(value) is dt.date:
        return value
    raise PydanticCustomError("date_type", "Input should be a date such as 2026-11-01")


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

# analysis.json's own keys are of the one type a run writes: a hand edit of another ("4" or true for 4, "12" for 12
# months, "yes" for true) is a damaged file, at that key, not coerced (pydantic's lax mode) into a plan no run made.
# A run's dates and months as the command line takes them: a file edited past them (a plan starting 9999-12-01,
# of -1 months) is damaged, not a plan counted on past the calendar
RunDate = Annotated[dt.date, BeforeValidator(_date_text), AfterValidator(_in_run_years)]
PlanMonths = Annotated[int, Field(strict=True, ge=1, le=MAX_PERIODS)]
Version = Annotated[int, Field(strict=True, ge=1)]
Count = Annotated[int, Field(strict=True, ge=0)]
Flag = Annotated[bool, Field(strict=True)]


class Snapshot(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=False)

    version: Version = SNAPSHOT_VERSION
    as_of: RunDate
    lang: str
    roster_lang: str = ""  # the language of the roster's headers (lang, unless analyze --lang chose another); "" before
    config: Config
    topics: list[Topic]
    cadres: list[Cadre]
    resources: list[Resource]
    needs: list[Need]
    compliance: list[ComplianceRow]
    unmatched: list[Unmatched]
    ranking: list[TopicRank]
    unit_ranking: list[TopicRank]
    problems: list[Problem]
    counts: dict[str, Count]
    ledger_diffs: list[LedgerDiff] = []
    skipped: dict[str, Count]
    input_names: list[str]
    obligations: list[Obligation] = []  # every cadre's, met or not
    topic_mapping: list[TopicMapping] = []  # the catalog's mapping, for the Topic mapping sheet of a re-plan
    summary: dict[str, Any] = {}  # the run's counts (reports.gap_report.summary_counts), for scripts; not read back
    # --pseudonymize: ids and names are tokens, input_names file names, and each cadre holds only what
    # classes reads back (reports.snapshot.PLANNED_FIELDS); a re-plan keeps it so
    pseudonymized: Flag = False
    # the plan the run wrote: its first day and months (analyze --plan-start/--periods), for a re-plan to keep; None in
    # a folder written before they were kept (a re-plan then starts the month after as_of, for [classes] periods)
    plan_start: RunDate | None = None
    periods: PlanMonths | None = None
    kept_classes: list[KeptClass] = []  # analyze --keep-classes: the classes of the earlier plan it was given


class TableFile(BaseModel):
    """One table of snapshot/ as analysis.json lists it: its file (relative to the run folder), rows and sha256."""

    model_config = ConfigDict(extra="forbid")

    file: str
    rows: Count
    sha256: str  # of the file's bytes: a table of another run (a run stopped while moving its outputs) is refused


class SnapshotIndex(BaseModel):
    """analysis.json from version 2 on: the run's summary for scripts, and what a re-plan reads besides the tables."""

    version: Version = SNAPSHOT_VERSION
    as_of: RunDate
    lang: str
    roster_lang: str = ""  # the language of the roster's headers (lang, unless analyze --lang chose another); "" before
    pseudonymized: Flag = False  # as Snapshot.pseudonymized
    counts: dict[str, Count]  # records read, by input kind
    skipped: dict[str, Count]  # rows skipped, by input kind
    input_names: list[str]
    summary: dict[str, Any] = {}  # the run's counts (reports.gap_report.summary_counts); not read back
    outputs: list[str] = []  # the files the run wrote, relative to its folder
    tables: dict[str, TableFile]  # RECORD_TABLES' tables
    problems: list[Problem]
    config: Config
    topics: list[Topic]
    resources: list[Resource]
    topic_mapping: list[TopicMapping] = []
    plan_start: RunDate | None = None  # as Snapshot.plan_start
    periods: PlanMonths | None = None  # as Snapshot.periods
    kept_classes: list[KeptClass] = []  # as Snapshot.kept_classes


# the lists of a Snapshot saved as Parquet tables in snapshot/ (<name>.parquet), and the record of a row
RECORD_TABLES: dict[str, type] = {
    "cadres": Cadre, "needs": Need, "obligations": Obligation, "compliance": ComplianceRow, "ranking": TopicRank,
    "unit_ranking": TopicRank, "unmatched": Unmatched, "ledger_diffs": LedgerDiff,
}


def read_snapshot(path: Path, lang: str | None = None) -> Snapshot:
    """The analysis saved in a run folder (or its analysis.json), of either version, as one Snapshot; what is wrong
    with one of its tables said in lang (the run's own where None)."""
    if path.is_dir():
        path = path / SNAPSHOT
    try:
        raw = json.loads(read_user_file(path, "saved analysis", str(path)))
    except FileNotFoundError:
        raise NeedsError(f"{path}: no saved analysis here; run needscli analyze first") from None
    except (OSError, ValueError):
        raise NeedsError(f"{path}: not a readable analysis file; run needscli analyze again") from None
    except RecursionError:  # arrays nested thousands deep: the JSON reader reads them by recursion
        raise NeedsError(f"{path}: damaged analysis file (nested more deeply than can be read); run needscli "
                         "analyze again") from None
    version = raw.get("version", 0) if isinstance(raw, dict) else 0
    if isinstance(version, int) and version > SNAPSHOT_VERSION:
        raise NeedsError(f"{path}: written by a newer needscli; upgrade needscli to read it")
    model: type[BaseModel] = SnapshotIndex if isinstance(raw, dict) and "tables" in raw else Snapshot
    try:
        snap = model.model_validate(raw)
    except ValidationError as exc:
        # the file holds the roster: its values stay out of the message
        problems = validation_problems(exc, path.name, show_input=False)
        where = ", ".join(p.column or "top level" for p in problems[:3]) + (", ..." if len(problems) > 3 else "")
        raise NeedsError(f"{path}: damaged analysis file (at {where}); run needscli analyze again",
                         problems=problems) from None
    return snap if isinstance(snap, Snapshot) else _with_tables(typing.cast(SnapshotIndex, snap), path, lang)


def load_snapshot(path: Path) -> Analysis:
    """Rebuild the Analysis saved by reports.snapshot.save_snapshot() (or by a needscli of version 1)."""
    snap = read_snapshot(path)
    catalog = Catalog(snap.topics, snap.config.needs.match_cutoff)
    catalog.remember(snap.topic_mapping)
    inputs = Inputs(cadres=snap.cadres, resources=snap.resources, counts=snap.counts, skipped=snap.skipped,
                    paths=[Path(p) for p in snap.input_names], problems=snap.problems, lang=snap.roster_lang or snap.lang)
    config = snap.config
    if snap.version < 4:  # planned before classes kept off weekends: re-planned on the dates it was, as handed out
        config = config.model_copy(update={"classes": config.classes.model_copy(update={"meets_on_rest_days": True})})
    return Analysis(inputs=inputs, config=config, as_of=snap.as_of, lang=snap.lang,
                    catalog=catalog, rules=[], needs=snap.needs,
                    unmatched=snap.unmatched, compliance=snap.compliance, ranking=snap.ranking,
                    unit_ranking=snap.unit_ranking, problems=snap.problems, ledger_diffs=snap.ledger_diffs,
                    obligations=snap.obligations, pseudonymized=snap.pseudonymized,
                    plan_window=(snap.plan_start, snap.periods) if snap.plan_start and snap.periods else None,
                    kept_classes=list(snap.kept_classes))


def _with_tables(index: SnapshotIndex, path: Path, lang: str | None = None) -> Snapshot:
    """The Snapshot of an index and its tables (each checked against the index: present, same bytes, rows)."""
    values: dict[str, Any] = {name: _read_table(path.parent / SNAPSHOT_DIR / f"{name}.parquet", index.tables.get(name),
                                                record, lang or index.lang) for name, record in RECORD_TABLES.items()}
    values.update((name, getattr(index, name)) for name in Snapshot.model_fields if name not in values)
    return Snapshot.model_construct(**values)


def _read_table(file: Path, entry: TableFile | None, record: type, lang: str) -> list[Any]:
    pa = arrow()
    try:
        data = read_user_file(file, "table of the saved analysis", str(file))
    except OSError:
        raise NeedsError(label("snapshot.table_missing", lang, file=file), lang=lang) from None
    index = file.parent.parent / SNAPSHOT
    changed = entry is None or hashlib.sha256(data).hexdigest() != entry.sha256
    try:
        rows = read_records(pa.py_buffer(data), record)
    except (pa.ArrowException, TableError) as exc:
        reason = exc.said(lang) if isinstance(exc, TableError) else label("snapshot.not_parquet", lang)
        raise NeedsError(label("snapshot.table_changed" if changed else "snapshot.table_damaged", lang, file=file,
                               reason=reason), lang=lang) from None
    if entry is not None and len(rows) != entry.rows:
        raise NeedsError(label("snapshot.table_changed", lang, file=file, reason=label(
            "snapshot.row_count", lang, rows=len(rows), written=entry.rows)), lang=lang)
    missing = [name for name in record_fields(record) if name not in pa.parquet.ParquetFile(
        pa.py_buffer(data)).schema_arrow.names] if changed else []
    if missing:  # read with their defaults, as a table of an older run is: this one was edited
        raise NeedsError(label("snapshot.table_changed", lang, file=file, reason=label(
            "snapshot.no_column", lang, column=label("list_joiner", lang).join(missing))), lang=lang)
    if changed:  # the columns of its record, as many rows: another run's table, or its values edited
        raise NeedsError(label("snapshot.table_mismatch", lang, file=file, index=index), lang=lang)
    return rows


def arrow() -> Any:
    """pyarrow with its parquet and compute modules: imported by a run that reads or writes Parquet, never by
    a command that does neither (it takes a few tenths of a second)."""
    import pyarrow  # type: ignore[import-untyped, unused-ignore]
    import pyarrow.compute  # type: ignore[import-untyped, unused-ignore]
    import pyarrow.parquet  # type: ignore[import-untyped, unused-ignore]  # noqa: F401 - pyarrow.parquet, below

    return pyarrow


# ---- the codec: records <-> Arrow tables, one column per field ------------------------------------
# str, int, float, bool, date and Literal fields are columns of their type (nullable where the field is X | None);
# a list or tuple a list column; a dict[str, X] a list of {key, value}; a record (dataclass, pydantic model) a
# struct. Nested records that are frozen are made once per distinct value and shared (a completion, a reason).

class TableError(ValueError):
    """A table that does not hold the columns of its record: column is missing (found ""), or of the type found where
    expected is its record's."""

    def __init__(self, column: str, found: str = "", expected: str = "") -> None:
        self.column, self.found, self.expected = column, found, expected
        super().__init__(self.said("en"))

    def said(self, lang: str) -> str:
        """What is wrong with the column, in lang."""
        if not self.found:
            return label("snapshot.no_column", lang, column=self.column)
        return label("snapshot.column_type", lang, column=self.column, found=self.found, expected=self.expected)


def arrow_type(kind: Any) -> pa.DataType:
    """The Arrow type of a field of this type."""
    pa = arrow()
    kind = _required(kind)
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (list, tuple):
        return pa.list_(arrow_type(args[0]))
    if origin is dict:
        return pa.list_(pa.struct([("key", arrow_type(args[0])), ("value", arrow_type(args[1]))]))
    if origin is Literal and all(isinstance(a, str) for a in args):
        return pa.string()
    scalars = {str: pa.string, int: pa.int64, float: pa.float64, bool: pa.bool_, dt.date: pa.date32}
    if kind in scalars:
        return scalars[kind]()
    if _is_record(kind):
        return pa.struct([(name, arrow_type(t)) for name, t in record_fields(kind).items()])
    raise TypeError(f"no Arrow type for {kind!r}")


def record_schema(record: type) -> pa.Schema:
    pa = arrow()
    return pa.schema([(name, arrow_type(kind)) for name, kind in record_fields(record).items()])


def encode_records(rows: Sequence[Any] | NeedColumns, record: type,
                   given: Mapping[str, pa.Array | pa.ChunkedArray] | None = None) -> pa.Table:
    """The records as an Arrow table: a column per field (see above). rows: the records, or their columns
    (NeedColumns: Need's fields read from them). given: columns of the same rows converted already (another table's
    of them, whose values are these fields'), taken where of the field's type."""
    pa = arrow()
    schema = record_schema(record)

    def values(name: str) -> list[Any]:
        if isinstance(rows, NeedColumns):
            return rows.column(name)
        return list(map(operator.attrgetter(name), rows))

    arrays = [given[name] if given and name in given and given[name].type == schema.field(name).type
              else _encode(values(name), kind)
              for name, kind in record_fields(record).items()]
    return pa.Table.from_arrays(arrays, schema=schema)


def read_records(source: pa.Buffer | Path, record: type) -> list[Any]:
    """The records of a Parquet file of encode_records(), in its order; a field without its column takes its
    default. Its text is read as dictionaries: each distinct text is made once (a reason's, repeated by
    thousands of needs), and the rows share it."""
    pa = arrow()
    meta = pa.parquet.ParquetFile(source)
    expected, found = record_schema(record), meta.schema_arrow
    for name in [n for n in expected.names if n in found.names]:  # the first one of the record's order named
        if found.field(name).type != expected.field(name).type:
            raise TableError(name, str(found.field(name).type), str(expected.field(name).type))
    texts = [column.path for column in meta.schema if column.physical_type == "BYTE_ARRAY"]
    # ParquetFile, not read_table: read_table goes through pyarrow.dataset, which imports pandas (100 MB); a
    # row group at a time: Arrow reads a nested column as dictionaries only within one
    reader = pa.parquet.ParquetFile(source, read_dictionary=texts)
    fields, size = record_fields(record), reader.metadata.num_rows
    columns: dict[str, list[Any]] = {name: [] for name in fields if name in found.names}
    for group in range(reader.num_row_groups):
        table = reader.read_row_group(group)
        for name, values in columns.items():
            for part in table.column(name).chunks:  # not combine_chunks(): it imports pandas (100 MB)
                values.extend(_decode(part, fields[name]))
    return _build(record, [columns[name] if name in columns else _defaults(record, name, size) for name in fields],
                  size, shared=False)


def _required(kind: Any) -> Any:
    """X of X | None; any other type as it is."""
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(kind) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return kind


def _is_record(kind: Any) -> bool:
    return isinstance(kind, type) and (dataclasses.is_dataclass(kind) or issubclass(kind, BaseModel))


def _offsets(values: Sequence[Sequence[Any] | dict[Any, Any]]) -> pa.Array:
    pa = arrow()
    return pa.array([0, *itertools.accumulate(map(len, values))], pa.int32())


def _encode(values: list[Any], kind: Any) -> pa.Array:
    pa = arrow()
    kind = _required(kind)
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (list, tuple):
        return _encode_lists(values, args[0])
    if origin is dict:
        entries = pa.StructArray.from_arrays(
            [_encode([k for v in values for k in v], args[0]), _encode([x for v in values for x in v.values()], args[1])],
            names=["key", "value"])
        return pa.ListArray.from_arrays(_offsets(values), entries)
    if _is_record(kind):
        fields = record_fields(kind)
        return pa.StructArray.from_arrays([_encode(list(map(operator.attrgetter(name), values)), t)
                                           for name, t in fields.items()], names=list(fields))
    return pa.array(values, arrow_type(kind))


SHARED_LISTS = 4  # a list column is encoded by distinct lists where rows have at most a quarter as many


def _encode_lists(values: list[Any], item: Any) -> pa.Array:
    """A list column. Where rows share their list or tuple (a need's tuple of reasons is shared by every need merged
    from the same reasons: 6,842 distinct among 944,533 needs of 100,000 cadres), each distinct one, by identity,
    is encoded once and taken for its rows: the same column (those needs' reasons, row group by row group: 0.45 ->
    0.28 s)."""
    pa = arrow()
    index: dict[int, int] = {}
    rows = [index.setdefault(id(value), len(index)) for value in values]
    if len(index) > len(values) // SHARED_LISTS:  # mostly lists of their own (a cadre's completions)
        return pa.ListArray.from_arrays(_offsets(values), _encode(list(itertools.chain.from_iterable(values)), item))
    # row number -> list: the same object for every row of one number, which first come in the order 0, 1, 2 ...
    distinct = list(dict(zip(rows, values, strict=True)).values())
    lists = pa.ListArray.from_arrays(_offsets(distinct), _encode(list(itertools.chain.from_iterable(distinct)), item))
    return lists.take(pa.array(rows, pa.int32()))


def _decode(array: pa.Array, kind: Any) -> list[Any]:
    pa = arrow()
    kind = _required(kind)
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (list, tuple, dict):
        bounds = array.offsets.to_pylist()
        spans = zip(bounds, bounds[1:], strict=False)  # every row's (start, end)
        if origin is dict:
            keys, values = array.values.flatten()
            keys, values = _decode(keys, args[0]), _decode(values, args[1])
            return [dict(zip(keys[a:b], values[a:b], strict=True)) for a, b in spans]
        items = _decode(array.values, args[0])
        make: Callable[[list[Any]], Any] = tuple if origin is tuple else list
        return [make(items[a:b]) for a, b in spans]
    if _is_record(kind):
        children = dict(zip([f.name for f in array.type], array.flatten(), strict=True))
        fields = record_fields(kind)
        return _build(kind, [_decode(children[name], t) for name, t in fields.items()], len(array), shared=True)
    if kind is dt.date:  # dates repeat row after row (deadlines): each distinct one made once
        return _from_dictionary(pa.compute.dictionary_encode(array, null_encoding="encode"))
    if pa.types.is_dictionary(array.type):
        return _from_dictionary(array)
    return array.to_pylist()


def _from_dictionary(array: pa.DictionaryArray) -> list[Any]:
    """The values of a dictionary array, each distinct value made once and shared by its rows.

    Read as Python lists: to_numpy() and fill_null() import pandas (100 MB) for what a list does."""
    distinct, codes = array.dictionary.to_pylist(), array.indices.to_pylist()
    if array.indices.null_count:
        return [None if code is None else distinct[code] for code in codes]
    return list(map(distinct.__getitem__, codes))


def _build(record: type, columns: list[list[Any]], size: int, shared: bool) -> list[Any]:
    """The records of the columns (in record_fields' order); frozen ones, with shared, one per distinct value."""
    names = list(record_fields(record))
    make: Callable[..., Any] = record if dataclasses.is_dataclass(record) else _copier(record, names)
    if shared and _frozen(record):
        made: dict[tuple[Any, ...], Any] = {}
        plain = make

        def make(*values: Any) -> Any:
            found = made.get(values)
            if found is None:
                found = made[values] = plain(*values)
            return found
    return list(map(make, *columns)) if columns else [make() for _ in range(size)]


def _copier(record: type, names: list[str]) -> Callable[..., Any]:
    """A maker of pydantic records from their values, unchecked (they are the records' own, saved by
    encode_records): a copy of a template (the model's own __copy__) given the values, in a fifth of
    model_construct's time. None of the values is marked as set (model_fields_set), as by model_construct()."""
    template = typing.cast(type[BaseModel], record).model_construct()

    def make(*values: Any) -> Any:
        made = copy.copy(template)
        made.__dict__.update(zip(names, values, strict=True))
        return made
    return make


def _frozen(record: type) -> bool:
    if dataclasses.is_dataclass(record):
        return bool(getattr(record, "__dataclass_params__").frozen)  # noqa: B009 - unknown to mypy's dataclass type
    return bool(typing.cast(type[BaseModel], record).model_config.get("frozen"))


def _defaults(record: type, name: str, size: int) -> list[Any]:
    """A column of the field's default, made anew for each row (a list default is each row's own)."""
    if dataclasses.is_dataclass(record):
        found = next(f for f in dataclasses.fields(record) if f.name == name)
        if found.default_factory is not dataclasses.MISSING:
            return [found.default_factory() for _ in range(size)]
        if found.default is not dataclasses.MISSING:
            return [found.default] * size
    else:
        info = typing.cast(type[BaseModel], record).model_fields[name]
        if not info.is_required():
            return [info.get_default(call_default_factory=True) for _ in range(size)]
    raise TableError(name)
