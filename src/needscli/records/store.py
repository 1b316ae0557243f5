"""The training-records ledger: a versioned SQLite file that carries hours and completions year to year.

Counting rules (documented in `needscli records --help` too):
- a record counts in the year of its END date, whole: a class from 2025-12-29 to 2026-01-05
  counts in 2026;
- the five-year window ending at a date D holds the records whose end date is after D minus
  five years and on or before D (2022-01-01 .. 2026-12-31 for D = 2026-12-31);
- a completed record credits its attended hours (its full hours when attendance is not given);
  a record not completed (leave above 1/7, failed, dropped) credits nothing.

Hours standards (2023 Regulations Art. 14) count concentrated (full-time) training in days OR
hours, and online learning apart:
- concentrated hours are the credited hours of the concentrated and overseas records; online
  records never add to them here (where config hours.online_counts_toward_concentrated lets
  online hours fill the concentrated standard, core/hours.py adds them itself);
- a concentrated or overseas record's days are the days its source states (a signed sign-in sheet:
  the class's days it prints, 共12天; a records sheet: its 天数), else its calendar days, start date to end date inclusive,
  when both dates are the training's own; a record without either, e.g. from a sign-in sheet that
  prints only the plan's period (a whole month, not the class's days), adds its hours and no days: hours are not turned into days, or 72 hours would pass for the
  12 days of the annual standard. A cadre without any dated record has no days on the ledger
  (unknown: the roster's figure stands);
- a record not completed counts 0 days; one attended in part (attended hours below its hours)
  counts its calendar days times attended / hours; an online record counts no days;
- online hours of a year are the credited hours of the online records ending in it; they are
  known (a number, 0 for a cadre without any) only when the ledger holds online records ending in
  that year, i.e. an online platform's export of that year was imported; else they are unknown.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

from needscli.errors import NeedsError, OutputError, Problem
from needscli.labels import label
from needscli.models import Completion
from needscli.text import fold, typed_command

if TYPE_CHECKING:
    from needscli.config import Config
    from needscli.core.catalog import Catalog

DEFAULT_NAME = "needscli-ledger.db"
SCHEMA_VERSION = 2
APPLICATION_ID = 0x4E4C4447  # "NLDG": marks the file as a needscli ledger
Delivery = Literal["concentrated", "online", "overseas"]
DELIVERIES: tuple[str, ...] = ("concentrated", "online", "overseas")

# version -> statements that bring the schema from version - 1 to version, run in one transaction
MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        """CREATE TABLE records (
            id INTEGER PRIMARY KEY,
            cadre_id TEXT NOT NULL,
            topic TEXT NOT NULL,
            topic_id TEXT NOT NULL DEFAULT '',
            class_id TEXT NOT NULL DEFAULT '',
            training_type TEXT NOT NULL DEFAULT '',
            delivery TEXT NOT NULL CHECK (delivery IN ('concentrated', 'online', 'overseas')),
            start_date TEXT,
            end_date TEXT NOT NULL,
            hours REAL NOT NULL CHECK (hours >= 0),
            attended_hours REAL CHECK (attended_hours >= 0),
            completed INTEGER NOT NULL CHECK (completed IN (0, 1)),
            result TEXT NOT NULL DEFAULT '',
            source_file TEXT NOT NULL,
            source_hash TEXT NOT NULL,
            source_sheet TEXT NOT NULL,
            source_row INTEGER NOT NULL,
            imported_at TEXT NOT NULL,
            record_key TEXT NOT NULL UNIQUE,
            UNIQUE (source_hash, source_sheet, source_row)
        )""",
        "CREATE INDEX records_by_cadre ON records (cadre_id, end_date)",
        """CREATE TABLE sources (
            source_hash TEXT PRIMARY KEY,
            source_file TEXT NOT NULL,
            kind TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            rows INTEGER NOT NULL
        )""",
    ),
    # the training's own days where its source states them (a signed sign-in sheet: 共12天); NULL: not stated
    2: ("ALTER TABLE records ADD COLUMN days REAL CHECK (days >= 0)",),
}
COLUMNS = ("cadre_id", "topic", "topic_id", "class_id", "training_type", "delivery", "start_date", "end_date",
           "hours", "attended_hours", "completed", "result", "source_file", "source_hash", "source_sheet",
           "source_row", "imported_at", "days", "record_key")
CREDITED = "CASE WHEN completed THEN COALESCE(attended_hours, hours) ELSE 0 END"
# the days of a record (see the module docstring), over `records r LEFT JOIN sources s`: its own days where
# its source stated them (a signed sign-in sheet), else its calendar days; NULL (no days known) for an online
# record, and for one without stated days that has no start date or comes from the class rosters (whose
# dates were the plan's period before sign-in sheets printed the class's: a ledger of then keeps them); 0 for
# one not completed.
DAYS = ("CASE WHEN r.delivery = 'online' OR (r.days IS NULL AND (r.start_date IS NULL "
        "OR COALESCE(s.kind, '') = 'class-rosters')) THEN NULL WHEN NOT r.completed THEN 0 "
        "ELSE COALESCE(r.days, julianday(r.end_date) - julianday(r.start_date) + 1) * CASE WHEN r.attended_hours "
        "IS NOT NULL AND r.attended_hours < r.hours THEN r.attended_hours / r.hours ELSE 1 END END")
# each column a record is counted by -> SQL true where its value can be read as needscli wrote it. A ledger edited by
# hand may hold anything: SQLite keeps the text 'abc' in a REAL column (CHECK (hours >= 0) holds for text), and a
# date as any text ('2026-13-45', ''). A record failing any check counts nowhere (READABLE) and is named
# (record_faults), never read into a wrong figure: SUM() counted 'abc' as 0 hours, julianday() of a bad date as no days.
_END_DATE = "typeof(end_date) = 'text' AND date(end_date) IS end_date"
_NUMBER = "typeof({c}) IN ('integer', 'real') AND {c} >= 0 AND {c} < 1e308"
FIELD_CHECKS: dict[str, str] = {
    "cadre_id": "typeof(cadre_id) = 'text' AND trim(cadre_id) <> ''",
    "delivery": "delivery IN ('concentrated', 'online', 'overseas')",
    "start_date": "start_date IS NULL OR start_date = '' OR (typeof(start_date) = 'text' AND date(start_date) IS "
                  f"start_date AND (NOT COALESCE(({_END_DATE}), 0) OR start_date <= end_date))",
    "end_date": _END_DATE,
    "hours": _NUMBER.format(c="hours"),
    "attended_hours": "attended_hours IS NULL OR " + _NUMBER.format(c="attended_hours"),
    "days": "days IS NULL OR " + _NUMBER.format(c="days"),
    "completed": "typeof(completed) = 'integer' AND completed IN (0, 1)",
    "source_row": "typeof(source_row) = 'integer'",
}
_VALID = " AND ".join(f"COALESCE(({check}), 0)" for check in FIELD_CHECKS.values())
# the records every figure is counted from: those whose every column can be read
READABLE = f"(SELECT * FROM records WHERE {_VALID})"
_JOINED = f"{READABLE} r LEFT JOIN sources s ON s.source_hash = r.source_hash"
# days are kept to 4 places (a course attended in part counts a share of its days); show them to 2 places
DAYS_PLACES = 4


class TrainingRecord(BaseModel):
    """One training one cadre took, as the ledger keeps it, with the cell it came from."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    cadre_id: str
    topic: str  # as written
    topic_id: str = ""  # resolved against the catalog; "" when it matches no topic
    class_id: str = ""
    training_type: str = ""
    delivery: Delivery = "concentrated"
    start_date: dt.date | None = None
    end_date: dt.date
    hours: float = Field(ge=0)
    attended_hours: float | None = Field(None, ge=0)
    completed: bool = True
    result: str = ""
    source_file: str = ""
    source_hash: str = ""
    source_sheet: str = ""
    source_row: int = 0
    imported_at: dt.date | None = None
    days: float | None = Field(None, ge=0)  # the training's days as its source states them; None: not stated

    @property
    def credited_hours(self) -> float:
        """Hours this record counts towards the hours rules."""
        if not self.completed:
            return 0.0
        return self.hours if self.attended_hours is None else self.attended_hours

    @property
    def record_key(self) -> str:
        """The same training of the same cadre, whatever file it arrives in."""
        parts = [self.cadre_id, fold(self.topic), self.class_id,
                 self.start_date.isoformat() if self.start_date else "", self.end_date.isoformat(), self.delivery]
        return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()

    def same_outcome(self, other: TrainingRecord) -> bool:
        return (self.hours, self.attended_hours, self.completed) == (other.hours, other.attended_hours,
                                                                     other.completed)


@dataclass(frozen=True)
class LedgerFacts:
    """What the ledger says about one cadre as of a date, for the analysis to use."""

    hours_year: float  # concentrated (and overseas) hours of the year to the date
    hours_five_year: float  # the same in the cycle window
    completions: list[Completion] = field(default_factory=list)
    online_hours_year: float | None = None  # None: the ledger holds no online learning of the year
    days_year: float | None = None  # concentrated training days of the year to the date; None: none dated
    days_five_year: float | None = None  # the same in the cycle window


@dataclass(frozen=True)
class Totals:
    """One cadre's credited hours by delivery, and its concentrated training days, over a span of dates."""

    hours: dict[str, float] = field(default_factory=dict)  # delivery -> credited hours
    days: float | None = None  # days of the dated concentrated and overseas records; None: none dated

    @property
    def concentrated(self) -> float:
        """Hours towards the concentrated standard: concentrated and overseas records, never online."""
        return round(self.hours.get("concentrated", 0.0) + self.hours.get("overseas", 0.0), 2)

    @property
    def online(self) -> float:
        return self.hours.get("online", 0.0)

    def by_delivery(self) -> dict[str, float]:
        return {d: self.hours.get(d, 0.0) for d in DELIVERIES}


class Ledger:
    """An open ledger. Use open_ledger(); close it (or use `with`)."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None) -> None:
        self.conn, self.path = conn, path

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    @contextlib.contextmanager
    def transaction(self, commit: bool = True) -> Iterator[None]:
        """One write transaction: committed whole, or (on error or commit=False) rolled back whole."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT" if commit else "ROLLBACK")

    def has_source_row(self, source_hash: str, sheet: str, row: int) -> bool:
        found = self.conn.execute("SELECT 1 FROM records WHERE source_hash = ? AND source_sheet = ? "
                                  "AND source_row = ?", (source_hash, sheet, row)).fetchone()
        return found is not None

    def by_key(self, record_key: str) -> TrainingRecord | None:
        row = self.conn.execute(f"SELECT {_SELECT} FROM {READABLE} WHERE record_key = ?", (record_key,)).fetchone()
        return _record(row) if row else None

    def unreadable_key(self, record_key: str) -> int | None:
        """The id of the record holding this training where it cannot be read (record_faults), else None."""
        row = self.conn.execute(f"SELECT id FROM records WHERE record_key = ? AND NOT ({_VALID})",
                                (record_key,)).fetchone()
        return int(row[0]) if row else None

    def planned_class(self, record: TrainingRecord) -> TrainingRecord | None:
        """The same class seat imported before sign-in sheets printed the class's dates: dated then by the
        plan's period (a month holding the class's dates), without days of its own."""
        if not (record.class_id and record.start_date):
            return None
        rows = self.conn.execute(
            f"SELECT {', '.join('r.' + c for c in COLUMNS[:-1])} FROM {_JOINED} WHERE r.cadre_id = ? "
            "AND r.class_id = ? AND r.delivery = ? AND r.days IS NULL AND s.kind = 'class-rosters' "
            "AND r.start_date <= ? AND r.end_date >= ?",
            (record.cadre_id, record.class_id, record.delivery, record.start_date.isoformat(),
             record.end_date.isoformat())).fetchall()
        return next((r for r in map(_record, rows) if fold(r.topic) == fold(record.topic)), None)

    def holds_class(self, class_id: str, other_than: str) -> bool:
        """Whether the ledger holds records of this class imported from a file other than the one of this hash."""
        found = self.conn.execute("SELECT 1 FROM records WHERE class_id = ? AND source_hash != ? LIMIT 1",
                                  (class_id, other_than)).fetchone()
        return found is not None

    def same_days(self, record: TrainingRecord) -> TrainingRecord | None:
        """A concentrated training of the ledger the record repeats under another class id or key: the same cadre
        and topic over days of the record's (the class imported from sheets of two plans, each numbering it its
        own way); None for an online record, or where there is none."""
        if record.delivery == "online":
            return None
        first = (record.start_date or record.end_date).isoformat()
        rows = self.conn.execute(
            f"SELECT {_SELECT} FROM {READABLE} WHERE cadre_id = ? AND delivery != 'online' AND record_key != ? "
            "AND end_date >= ? AND COALESCE(start_date, end_date) <= ? ORDER BY id",
            (record.cadre_id, record.record_key, first, record.end_date.isoformat())).fetchall()
        return next((r for r in map(_record, rows) if same_topic(r, record)), None)

    def insert(self, record: TrainingRecord) -> None:
        _insert_record(self.conn, record)

    def add_source(self, source_hash: str, source_file: str, kind: str, imported_at: dt.date, rows: int) -> None:
        self.conn.execute("INSERT OR IGNORE INTO sources VALUES (?, ?, ?, ?, ?)",
                          (source_hash, source_file, kind, imported_at.isoformat(), rows))

    def dump(self) -> list[tuple[object, ...]]:
        """Every stored row of every table, in a stable order (for comparisons)."""
        rows = self.conn.execute(f"SELECT {', '.join(COLUMNS)} FROM records ORDER BY id").fetchall()
        return rows + self.conn.execute("SELECT * FROM sources ORDER BY source_hash").fetchall()


_SELECT = ", ".join(COLUMNS[:-1])


def same_topic(one: TrainingRecord, other: TrainingRecord) -> bool:
    """Whether two records are of one topic: as written (folded), or the catalog's topic both resolve to."""
    return fold(one.topic) == fold(other.topic) or bool(one.topic_id) and one.topic_id == other.topic_id


def _insert_record(conn: sqlite3.Connection, record: TrainingRecord) -> None:
    """One INSERT; a module function so a test can make it fail (or exit) midway through an import."""
    values = record.model_dump()
    values["start_date"] = record.start_date.isoformat() if record.start_date else None
    values["end_date"] = record.end_date.isoformat()
    values["imported_at"] = (record.imported_at or dt.date.today()).isoformat()
    values["completed"] = int(record.completed)
    values["record_key"] = record.record_key
    conn.execute(f"INSERT INTO records ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})",
                 [values[c] for c in COLUMNS])


def select_records(ledger: Ledger, where: str, params: dict[str, object]) -> list[TrainingRecord]:
    """The records matching a WHERE clause over the records table (named parameters), in the order of the
    files, sheets and rows they came from."""
    rows = ledger.conn.execute(f"SELECT {_SELECT} FROM {READABLE} WHERE {where} "
                               "ORDER BY source_file, source_hash, source_sheet, source_row, id", params).fetchall()
    return [_record(r) for r in rows]


def count_unreadable(ledger: Ledger, where: str, params: dict[str, object]) -> int:
    """How many records matching a WHERE clause (as select_records takes it) cannot be read (record_faults)."""
    return int(ledger.conn.execute(f"SELECT count(*) FROM records WHERE ({where}) AND NOT ({_VALID})",
                                   params).fetchone()[0])


def _record(row: tuple[object, ...]) -> TrainingRecord:
    """A row of READABLE as a TrainingRecord (its import date None where that is no date: it counts in no figure)."""
    data = dict(zip(COLUMNS[:-1], row, strict=True))
    for name in ("start_date", "end_date"):
        data[name] = dt.date.fromisoformat(str(data[name])) if data[name] else None
    try:
        data["imported_at"] = dt.date.fromisoformat(str(data["imported_at"]))
    except ValueError:
        data["imported_at"] = None
    data["completed"] = bool(data["completed"])
    return TrainingRecord.model_validate(data)


# what a column of a record is expected to hold, as record_faults says it
EXPECTED = {
    "cadre_id": "an id, not empty",
    "delivery": "concentrated, online or overseas",
    "start_date": "a date written as 2026-05-01, not after the end date, or empty",
    "end_date": "a date written as 2026-05-01",
    "hours": "a number, 0 or more",
    "attended_hours": "a number, 0 or more, or empty",
    "days": "a number, 0 or more, or empty",
    "completed": "0 or 1",
    "source_row": "a whole number",
}


def record_faults(ledger: Ledger, *, cadre_id: str | None = None, severity: str = "warning") -> list[Problem]:
    """One problem per column of a record that cannot be read (FIELD_CHECKS): the ledger file, the record (its id,
    the file, sheet and row it was imported from, its cadre and class), the column and its value, and how to put it
    right. Such a record counts in no figure (READABLE). cadre_id: that cadre's records only. In English (wording.py
    says them in Chinese)."""
    names = list(FIELD_CHECKS)
    checks = ", ".join(f"COALESCE(({FIELD_CHECKS[n]}), 0)" for n in names)
    one = "AND cadre_id = :cadre " if cadre_id is not None else ""
    rows = ledger.conn.execute(
        f"SELECT id, cadre_id, class_id, source_file, source_sheet, source_row, {', '.join(names)}, {checks} "
        f"FROM records WHERE NOT ({_VALID}) {one}ORDER BY id", {"cadre": cadre_id}).fetchall()
    problems = []
    for row in rows:
        record_id, cadre, class_id, file, sheet, source_row = row[:6]
        values, fine = row[6:6 + len(names)], row[6 + len(names):]
        cadre_text = "" if cadre is None else str(cadre).strip()
        remedy = typed_command(["needscli", "records", "remove", "--source", str(file)]
                               + (["--cadre", cadre_text] if cadre_text else []))
        record = (f"ledger record {record_id} (imported from {file}, sheet {sheet}, row {source_row}; cadre "
                  f"{cadre_text or 'empty'}{f', class {class_id}' if class_id else ''})")
        for name, value, ok in zip(names, values, fine, strict=True):
            if ok:
                continue
            shown = "empty" if value is None or value == "" else f'"{value}"'
            problems.append(Problem(
                code="unreadable-record", file=_where(ledger), sheet="records", row=int(record_id), column=name,
                expected=EXPECTED[name], severity=severity,
                message=f'{record}, column "{name}": {shown} cannot be read; expected {EXPECTED[name]}; the record '
                        f"counts in no figure: put it right with {remedy} (add --yes once its list is right), then "
                        f"import {file} again"))
    return problems


def _where(ledger: Ledger) -> str:
    return str(ledger.path) if ledger.path is not None else "ledger"


def unreadable_error(ledger: Ledger, problems: list[Problem], listed: int = 10, lang: str = "") -> NeedsError:
    """The run stops: records of the ledger cannot be read (record_faults gives problems), and what it writes would
    leave them out of its figures unsaid. The message lists the first listed problems, a line each; lang: the
    language it is to be said in, where the caller knows it."""
    n = len({p.row for p in problems})
    lines = [f"  {p.message}" for p in problems[:listed]]
    if len(problems) > listed:
        lines.append(f"  ... and {len(problems) - listed} more")
    return NeedsError("\n".join([f"{_where(ledger)}: {n} ledger record(s) cannot be read (edited by hand?), and the "
                                 "figures written would leave them out; nothing was written; put them right as "
                                 "follows", *lines]),
                      problems=[dataclasses.replace(p, severity="error") for p in problems], lang=lang)


def default_ledger_path(inputs: list[Path]) -> Path:
    """needscli-ledger.db beside the first input, or in the current folder (where needscli up to 0.1 put
    it on import: see ledger_location for where every command looks now)."""
    return (Path(inputs[0]).parent if inputs else Path(".")) / DEFAULT_NAME


def ledger_location(given: Path | None, in_project: Path | None = None) -> Path:
    """Where the ledger is, one rule for every command (records import, show, summary, export): --ledger,
    else [inputs] ledger of the project file (./needscli.toml), else needscli-ledger.db in the current folder."""
    return given or in_project or Path(DEFAULT_NAME)


def earlier_ledgers(beside: list[Path], located: Path) -> list[Path]:
    """Ledgers an earlier needscli made beside these files (records import put it beside the first
    file), other than located: named when no ledger is where ledger_location says."""
    found = []
    for path in dict.fromkeys(default_ledger_path([p]) for p in beside):
        with contextlib.suppress(OSError):
            if path.is_file() and not (located.exists() and path.samefile(located)):
                found.append(path)
    return found


# the ledger's tables and their columns: a file with the right id and version but less is not a ledger
TABLES = {"records": ("id", *COLUMNS), "sources": ("source_hash", "source_file", "kind", "imported_at", "rows")}
DAMAGED = frozenset({"SQLITE_CORRUPT", "SQLITE_NOTADB"})


def open_ledger(path: Path | None, *, create: bool = True, lang: str = "zh") -> Ledger:
    """Open (and migrate) a ledger file; None opens an empty one in memory. Raises NeedsError.

    A new ledger file is made readable by its owner only (its -wal and -shm files take its mode). A
    file that is not a needscli ledger is refused: another SQLite database, an empty one (a file of
    0 bytes is taken as a new ledger when create), one missing a table or column, a damaged one.
    """
    if path is None:
        return _open(None, "ledger", create, lang)
    path = Path(path)
    try:
        exists = path.exists()
    except OSError as exc:  # a name too long to look up
        reason = exc.strerror or str(exc)
        if create:
            raise OutputError(label("ledger.unwritable", lang, path=path, reason=reason)) from None
        raise NeedsError(label("ledger.unreadable", lang, path=path, reason=reason)) from None
    if not exists and not create:
        raise NeedsError(label("ledger.none", lang, path=path))
    if exists and path.is_dir():  # SQLite says only: unable to open database file
        raise NeedsError(label("ledger.folder", lang, path=path, example=path / DEFAULT_NAME))
    if not path.parent.is_dir():
        raise OutputError(f"{path}: the folder {path.parent} does not exist; create it or give another --ledger")
    if not exists:
        _create_file(path, lang)
    return _open(path, str(path), create, lang)


def _create_file(path: Path, lang: str) -> None:
    """An empty ledger file, readable and writable by its owner only (SQLite gives -wal and -shm its mode)."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass
    except OSError as exc:
        raise OutputError(label("ledger.unwritable", lang, path=path, reason=exc.strerror or str(exc))) from None


def _open(path: Path | None, where: str, create: bool, lang: str) -> Ledger:
    try:
        conn = sqlite3.connect(":memory:" if path is None else str(path), isolation_level=None, timeout=10)
    except sqlite3.Error as exc:
        raise NeedsError(f"{where}: cannot be opened as a ledger ({exc})") from None
    try:
        _check_file(conn, path, where, create, lang)
        _migrate(conn)  # before WAL: a new file is empty until its tables and its id are committed together
        if path is not None:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            _check_tables(conn, where, lang)
    except sqlite3.Error as exc:
        conn.close()
        if getattr(exc, "sqlite_errorname", "") in DAMAGED and _has_id(path):
            raise NeedsError(label("ledger.damaged", lang, path=where, reason=exc)) from None
        raise NeedsError(f"{where}: is not a readable ledger ({exc}); give another --ledger file") from None
    except NeedsError:
        conn.close()
        raise
    return Ledger(conn, path)


def _check_file(conn: sqlite3.Connection, path: Path | None, where: str, create: bool, lang: str) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if app_id != APPLICATION_ID:
        # size measured once SQLite has read the file (and rolled back what a killed first import began)
        empty = path is None or os.stat(path).st_size == 0
        if tables or not empty:
            raise NeedsError(label("ledger.not_ledger", lang, path=where))
        if not create:
            raise NeedsError(label("ledger.empty", lang, path=where))
    if version > SCHEMA_VERSION:
        raise NeedsError(f"{where}: this ledger was written by a newer needscli (schema version {version}; "
                         f"this needscli reads up to {SCHEMA_VERSION}); upgrade needscli to use it")


def _check_tables(conn: sqlite3.Connection, where: str, lang: str) -> None:
    """Every table and column of the schema is there, and SQLite finds no damaged page (quick_check)."""
    missing = []
    for table, columns in TABLES.items():
        have = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        missing += [table] if not have else [f"{table}.{c}" for c in columns if c not in have]
    if missing:
        raise NeedsError(label("ledger.incomplete", lang, path=where,
                               missing=label("list_joiner", lang).join(missing)))
    problems = [row[0] for row in conn.execute("PRAGMA quick_check(3)")]
    if problems != ["ok"]:
        raise NeedsError(label("ledger.damaged", lang, path=where, reason="; ".join(problems)))


def _has_id(path: Path | None) -> bool:
    """Whether the file's header carries the ledger's application id (read without SQLite: the file is damaged)."""
    if path is None:
        return False
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError:
        return False
    return len(header) == 100 and header[:16] == b"SQLite format 3\0" and \
        int.from_bytes(header[68:72], "big") == APPLICATION_ID


def _migrate(conn: sqlite3.Connection) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version == SCHEMA_VERSION:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        for target in range(version + 1, SCHEMA_VERSION + 1):
            for statement in MIGRATIONS[target]:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {target}")
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


@contextlib.contextmanager
def ledger_faults(where: Path, lang: str = "zh") -> Iterator[None]:
    """A damaged page met while reading or writing the ledger (past open_ledger's check) as NeedsError."""
    try:
        yield
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorname", "") in DAMAGED:
            raise NeedsError(label("ledger.damaged", lang, path=where, reason=exc)) from None
        raise


# ---- queries ----------------------------------------------------------------------------------


def cadre_records(ledger: Ledger, cadre_id: str) -> list[TrainingRecord]:
    """Every record of one cadre, oldest first."""
    rows = ledger.conn.execute(f"SELECT {_SELECT} FROM {READABLE} WHERE cadre_id = ? "
                               "ORDER BY end_date, start_date, id", (cadre_id,)).fetchall()
    return [_record(r) for r in rows]


def cycle_window(as_of: dt.date, config: Config | None = None) -> dt.date:
    """The day before the five-year cycle holding as_of begins (hours.cycle_start_year, hours.cycle_years: 2023-2027,
    2028-2032 ...): the cycle's figures are the records ending after it, to as_of, as the roster's 五年累计学时 counts
    them. Not the five years to as_of: a class of 2022 is the last cycle's, whatever the date."""
    from needscli.config import Config
    from needscli.core.hours import cycle_start

    return cycle_start(as_of, (config or Config()).hours) - dt.timedelta(days=1)


def years_before(day: dt.date, years: int) -> dt.date:
    """The same day `years` earlier (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _credited(ledger: Ledger, cadre_id: str, after: dt.date, until: dt.date) -> float:
    row = ledger.conn.execute(f"SELECT COALESCE(SUM({CREDITED}), 0) FROM {READABLE} WHERE cadre_id = ? "
                              "AND end_date > ? AND end_date <= ?",
                              (cadre_id, after.isoformat(), until.isoformat())).fetchone()
    return round(float(row[0]), 2)


def hours_in_year(ledger: Ledger, cadre_id: str, year: int) -> float:
    """Credited hours of the records (every delivery, online too) that end in the calendar year."""
    return _credited(ledger, cadre_id, dt.date(year - 1, 12, 31), dt.date(year, 12, 31))


def hours_in_window(ledger: Ledger, cadre_id: str, end_date: dt.date, years: int = 5) -> float:
    """Credited hours of the records (every delivery) ending in the `years` years up to and including end_date."""
    return _credited(ledger, cadre_id, years_before(end_date, years), end_date)


def totals_by_cadre(ledger: Ledger, after: dt.date, until: dt.date, *,
                    cadre_id: str | None = None) -> dict[str, Totals]:
    """cadre id -> credited hours by delivery and concentrated days, for records ending in (after, until]
    (of one cadre, given cadre_id)."""
    one = "AND r.cadre_id = :cadre " if cadre_id is not None else ""
    rows = ledger.conn.execute(f"SELECT r.cadre_id, r.delivery, SUM({CREDITED}), SUM({DAYS}) FROM {_JOINED} "
                               f"WHERE r.end_date > :after AND r.end_date <= :until {one}"
                               "GROUP BY r.cadre_id, r.delivery",
                               {"after": after.isoformat(), "until": until.isoformat(),
                                "cadre": cadre_id}).fetchall()
    hours: dict[str, dict[str, float]] = {}
    days: dict[str, float] = {}
    for who, delivery, credited, counted in rows:
        hours.setdefault(who, {})[delivery] = round(float(credited), 2)
        if counted is not None:
            days[who] = days.get(who, 0.0) + float(counted)
    return {who: Totals(split, round(days[who], DAYS_PLACES) if who in days else None)
            for who, split in hours.items()}


def record_days(ledger: Ledger, cadre_id: str) -> list[float]:
    """The days each record of the cadre counts (cadre_records' order): 0 where it counts none."""
    rows = ledger.conn.execute(f"SELECT {DAYS} FROM {_JOINED} WHERE r.cadre_id = :cadre "
                               "ORDER BY r.end_date, r.start_date, r.id",
                               {"cadre": cadre_id}).fetchall()
    return [0.0 if r[0] is None else round(float(r[0]), DAYS_PLACES) for r in rows]


def holds_online(ledger: Ledger, after: dt.date, until: dt.date) -> bool:
    """Whether any online record ends in (after, until]: an online platform's export of the span was imported."""
    found = ledger.conn.execute(f"SELECT 1 FROM {READABLE} WHERE delivery = 'online' AND end_date > ? "
                                "AND end_date <= ? LIMIT 1", (after.isoformat(), until.isoformat())).fetchone()
    return found is not None


def cadre_ids(ledger: Ledger, *, readable: bool = True) -> list[str]:
    """The cadres the ledger counts records of; readable=False: those it holds any record of, one that cannot be
    read too (a cadre asked for by id is found, and its faulty record named)."""
    table = READABLE if readable else "records"
    return [r[0] for r in ledger.conn.execute(f"SELECT DISTINCT cadre_id FROM {table} ORDER BY cadre_id")]


def completions(ledger: Ledger, until: dt.date | None = None, as_written: bool = False, *,
                cadre_id: str | None = None) -> dict[str, list[tuple[str, dt.date]]]:
    """cadre id -> (topic id, or the topic as written when unresolved; end date) of completed records.

    Oldest first; until leaves out records ending later; as_written gives the topic as written;
    cadre_id keeps one cadre's.
    """
    one = "AND cadre_id = :cadre " if cadre_id is not None else ""
    rows = ledger.conn.execute(f"SELECT cadre_id, topic_id, topic, end_date FROM {READABLE} WHERE completed = 1 "
                               f"AND end_date <= :until {one}ORDER BY cadre_id, end_date, id",
                               {"until": (until or dt.date.max).isoformat(), "cadre": cadre_id}).fetchall()
    out: dict[str, list[tuple[str, dt.date]]] = {}
    for who, topic_id, topic, end in rows:
        label = topic if as_written else topic_id or topic
        out.setdefault(who, []).append((label, dt.date.fromisoformat(end)))
    return out


def ledger_facts(ledger: Ledger, as_of: dt.date, *, config: Config | None = None,
                 catalog: Catalog | None = None) -> dict[str, LedgerFacts]:
    """Per cadre in the ledger: concentrated hours and days this year (to as_of) and in the cycle to as_of
    (cycle_window), online hours this year (None when the ledger holds no online learning of the year), completions.

    With config and catalog, a completed theory class (classes.core_class_topic) counts as a
    completion of every theory-core topic it bundles.
    """
    new_year = dt.date(as_of.year - 1, 12, 31)
    year = totals_by_cadre(ledger, new_year, as_of)
    window = totals_by_cadre(ledger, cycle_window(as_of, config), as_of)
    online_known = holds_online(ledger, new_year, as_of)
    done = completions(ledger, as_of)
    # with the analysis' catalog, topics are named as written so that catalog resolves them itself
    written = completions(ledger, as_of, as_written=True) if catalog else done
    core_class = config.classes.core_class_topic if config else ""
    core_ids = [t.id for t in catalog.core] if catalog else []
    out = {}
    for cadre_id in cadre_ids(ledger):
        items: list[Completion] = []
        for (topic, day), (text, _) in zip(done.get(cadre_id, []), written.get(cadre_id, []), strict=True):
            expanded = core_ids if topic == core_class and core_ids else [text]
            items.extend(Completion(topic=t, date=day) for t in expanded)
        in_year, in_window = year.get(cadre_id, Totals()), window.get(cadre_id, Totals())
        out[cadre_id] = LedgerFacts(in_year.concentrated, in_window.concentrated, items,
                                    online_hours_year=in_year.online if online_known else None,
                                    days_year=in_year.days, days_five_year=in_window.days)
    return out
