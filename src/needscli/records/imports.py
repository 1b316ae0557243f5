"""Import training records into the ledger: every file whole or not at all, re-imports add nothing.

A file is read as one of three layouts, told apart by its sheets and headers:
- class-rosters: the class-rosters.xlsx needscli wrote (an Overview / 班次总览 sheet and one
  sign-in sheet per class), with 签到 marks or 出勤学时 filled in;
- online: an online platform's export, its headers named by [ledger] online_columns;
- records: a plain table, one training per row (编号, 培训主题, 开始日期, 结束日期, 学时 or 天数 ...).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from needscli.config import Config, LedgerConfig
from needscli.errors import NeedsError, OutputError, Problem
from needscli.io.files import Sheet, read_sheets
from needscli.io.headers import error_header_row_of, error_header_row_said
from needscli.io.load import sheet_place
from needscli.io.user_files import read_user_file
from needscli.records.attendance import find_overview, not_ended_warning, read_class_rosters
from needscli.records.plausibility import number
from needscli.records.removal import CODE_LENGTH
from needscli.records.rows import (
    RECORDS,
    Cell,
    NotEnded,
    Parsed,
    Roster,
    RowsReader,
    Source,
    alias_index,
    find_header,
    make_records_table,
    require,
    roster_of,
)
from needscli.records.seat_ids import Outcome, off_roster_note
from needscli.records.store import Ledger, TrainingRecord, ledger_faults, open_ledger, same_topic
from needscli.text import fold, fold_header, typed_command

if TYPE_CHECKING:
    from needscli.core.catalog import Catalog

IGNORED_SHEETS = ("说明", "填表说明", "instructions", "readme", "下拉选项", "lists", "选项")
_RECORDS_INDEX = alias_index(RECORDS)


@dataclass
class FileImport:
    """What one file brought: records added, records the ledger already held, seats absent, seats held back."""

    file: str
    kind: str
    added: int = 0
    unchanged: int = 0
    absent: int = 0
    not_completed: int = 0  # seats recorded (added or held already) as not completed: the file's, as absent is
    held_back: int = 0  # seats attended but not recorded, each a warning at its cell (an id or a mark to fix)
    not_ended_rows: int = 0  # records sheets' rows ending after the import date: not recorded, to import once ended
    off_roster: int = 0  # seats recorded (added or held already) whose id is on no row of the roster given
    blank_classes: list[str] = field(default_factory=list)  # sign-in sheets left blank: skipped, nobody absent
    # of those, the classes whose records the ledger holds from another file (the copy signed was imported, this
    # blank one is the copy printed): not "not held yet"
    blank_held: list[str] = field(default_factory=list)
    rejected: bool = False  # a row was bad: nothing of this file was imported


@dataclass
class ImportResult:
    added: int = 0
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    files: list[FileImport] = field(default_factory=list)
    dry_run: bool = False


@dataclass
class FileRead:
    """A file read and checked, before the ledger sees it."""

    source: Source
    kind: str
    parsed: list[Parsed]
    problems: list[Problem]
    absent: int
    blank_classes: list[str] = field(default_factory=list)
    held_back: int = 0
    not_ended: list[NotEnded] = field(default_factory=list)  # sheets signed before their class ended
    not_ended_rows: int = 0  # records sheets' rows ending after the import date, not recorded


def import_records(ledger: Ledger, paths: list[Path], config: Config, catalog: Catalog, dry_run: bool = False,
                   *, settings: LedgerConfig | None = None, imported_at: dt.date | None = None,
                   roster: Roster | None = None) -> ImportResult:
    """Read every file, then add their new records in one transaction (rolled back on dry_run).

    A file with any bad row adds nothing (all its problems are reported); an unreadable file raises
    NeedsError before anything is written. imported_at is stored on each record (default: today). roster (the
    roster's cadres, or their names by id): a sign-in sheet's seat whose id is another name's there is held back
    with a warning; one whose id is on no row of it (a cadre transferred out, a sheet of an earlier year) is
    recorded, with a warning; a seat with a name and no id is told the ids of that name there.
    """
    reads = read_records_files(paths, config, catalog, settings=settings, imported_at=imported_at, roster=roster)
    return add_reads(ledger, reads, dry_run)


def import_into(path: Path, paths: list[Path], config: Config, catalog: Catalog, dry_run: bool = False, *,
                settings: LedgerConfig | None = None, imported_at: dt.date | None = None,
                lang: str = "zh", roster: Roster | None = None) -> ImportResult:
    """import_records into the ledger file at path. Every file is read before the ledger is opened, and
    a ledger that does not exist yet is made only when records are added: an unreadable file, files whose
    rows are refused, or files with nothing to add (sign-in sheets not filled in yet, every seat absent)
    leave no ledger (nor its -wal and -shm files) behind, and are not held as imported."""
    reads = read_records_files(paths, config, catalog, settings=settings, imported_at=imported_at, roster=roster)
    exists = _exists(path)
    if dry_run or not exists:
        with open_ledger(path if exists else None, lang=lang) as book, ledger_faults(path, lang):
            result = add_reads(book, reads, dry_run=True)
        if dry_run or not result.added:
            result.dry_run = dry_run
            return result
    with open_ledger(path, lang=lang) as book, ledger_faults(path, lang):
        return add_reads(book, reads)


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:  # a name too long: open_ledger says so when the ledger is to be made
        return False


def read_records_files(paths: list[Path], config: Config, catalog: Catalog, *,
                       settings: LedgerConfig | None = None, imported_at: dt.date | None = None,
                       roster: Roster | None = None) -> list[FileRead]:
    """Every file read and checked (read_records_file); raises NeedsError for the first unusable one."""
    settings = settings or config.ledger
    when = imported_at or dt.date.today()
    return [read_records_file(Path(p), config, catalog, settings, when, roster) for p in paths]


def add_reads(ledger: Ledger, reads: list[FileRead], dry_run: bool = False) -> ImportResult:
    """Add the new records of files read, in one transaction (rolled back on dry_run)."""
    result = ImportResult(dry_run=dry_run)
    try:
        with ledger.transaction(commit=not dry_run):
            for read in reads:
                result.files.append(_apply(ledger, read, result, dry_run))
    except sqlite3.Error as exc:  # locked, read-only, disk full: the transaction was rolled back
        if getattr(exc, "sqlite_errorname", "") in ("SQLITE_CORRUPT", "SQLITE_NOTADB"):
            raise  # a damaged ledger: an input fault (ledger_faults), not the output's
        raise OutputError(f"{ledger.path or 'ledger'}: could not be written ({exc}); nothing was changed") from None
    return result


def read_records_file(path: Path, config: Config, catalog: Catalog, settings: LedgerConfig,
                      imported_at: dt.date, roster: Roster | None = None) -> FileRead:
    """Tell the file's layout and read its rows into records and problems; raises NeedsError."""
    sheets = read_sheets(path, config.limits)
    digest = hashlib.sha256(read_user_file(path, "file to import")).hexdigest()
    names, cadres = roster_of(roster)
    reader = RowsReader(config, catalog, settings, Source(path.name, digest, imported_at), roster=names,
                        cadres=cadres)
    overview = find_overview(sheets)
    if overview is not None:
        read_class_rosters(reader, overview, sheets)
        kind = "class-rosters"
    else:
        kind = _read_tables(reader, path, sheets, settings)
    return FileRead(reader.source, kind, reader.parsed, reader.problems, reader.absent, reader.blank_classes,
                    reader.held_back, reader.not_ended, reader.not_ended_rows)


def _read_tables(reader: RowsReader, path: Path, sheets: list[Sheet], settings: LedgerConfig) -> str:
    """Every sheet with a records or online header row; returns the layout of the first one."""
    online_index = {fold_header(h): name for h, name in settings.online_columns.items()}
    kinds = []
    for sheet in sheets:
        if any(fold(w) in fold(sheet.name) for w in IGNORED_SHEETS):
            continue
        plain = find_header(sheet.rows, _RECORDS_INDEX)
        online = find_header(sheet.rows, online_index)
        if plain is None and online is None:
            continue
        is_online = online is not None and (plain is None or len(online.fields) > len(plain.fields))
        if online is not None and is_online:
            table = make_records_table("online", path.name, sheet, online, reader.config, _online_aliases(settings))
            needed: tuple[tuple[str, ...], ...] = (("cadre_id",), ("topic",), ("attended_hours",), ("end_date",))
        elif plain is not None:
            table = make_records_table("records", path.name, sheet, plain, reader.config, RECORDS)
            needed = (("cadre_id",), ("topic",), ("end_date", "start_date"), ("hours", "days"))
        else:
            continue
        if "topic" not in table.columns.fields:  # a roster's 编号 and 本年度学时 read as a records table's?
            _refuse_a_roster(path, [sheet])
        require(table, *needed)
        reader.read_table(table, is_online)
        kinds.append("online" if is_online else "records")
    if not kinds:
        _refuse_a_roster(path, sheets)
        _refuse_error_headers(path, sheets, online_index)
        raise NeedsError(f"{path.name}: no records table found; expected columns such as {RECORDS_COLUMNS}, an "
                         "online platform export, or the class-rosters.xlsx needscli wrote")
    return kinds[0]


# the columns a records sheet is known by, as a message names them (its headers in both languages)
RECORDS_COLUMNS = "编号, 培训主题, 开始日期, 结束日期, 学时 (Cadre ID, Topic, Start date, End date, Hours)"


def _refuse_a_roster(path: Path, sheets: list[Sheet]) -> None:
    """Raise NeedsError where one of sheets has a roster's header row (编号, 姓名, 单位, 职务, 职级 all there; asked
    of a sheet without a 培训主题 column): a roster imported by mistake is said to be one, not listed the records
    columns it lacks."""
    from needscli.io.headers import REQUIRED, find_columns, missing_required

    for sheet in sheets:
        columns = find_columns("roster", sheet.rows)
        if columns is None or missing_required("roster", columns):
            continue
        written = ", ".join(columns.headers[columns.fields[name]] for name in REQUIRED["roster"])
        raise NeedsError(f"{sheet_place(path, sheet)}: header row {columns.header_row} is a roster's header "
                         f"({written}), not training records; import the class-rosters.xlsx with 签到 or 出勤学时 "
                         "filled in, an online platform's export, or a records sheet (编号, 培训主题, 开始日期, "
                         "结束日期, 学时)")


def _refuse_error_headers(path: Path, sheets: list[Sheet], online_index: dict[str, str]) -> None:
    """Raise NeedsError where a sheet's header row is one of error values (io.headers.error_header_row: every header
    #REF!, its formulas' sheet deleted): said at its cells, as an input sheet's, not as no records table found."""
    index = {**online_index, **_RECORDS_INDEX}
    for sheet in sheets:
        if any(fold(w) in fold(sheet.name) for w in IGNORED_SHEETS):
            continue
        erred = error_header_row_of(index, sheet.rows, sheet.errors, sheet.text)
        if erred:
            raise NeedsError(f"{sheet_place(path, sheet)}: header row {erred[0].row}: {error_header_row_said(erred)}; "
                             f"expected the headers typed in again, not by formula, with columns such as {RECORDS_COLUMNS}")


def _online_aliases(settings: LedgerConfig) -> dict[str, list[str]]:
    """field -> [first configured header, English field name, other headers] (for messages)."""
    out: dict[str, list[str]] = {}
    for header, name in settings.online_columns.items():
        out.setdefault(name, [header, name.replace("_", " ")]).append(header)
    for name in ("cadre_id", "topic", "attended_hours", "end_date"):
        out.setdefault(name, [RECORDS[name][0], RECORDS[name][1]])
    return out


def _apply(ledger: Ledger, read: FileRead, result: ImportResult, dry_run: bool = False) -> FileImport:
    """Add one file's new records, or nothing when any of its rows is bad."""
    held_elsewhere = [c for c in read.blank_classes if ledger.holds_class(c, read.source.hash)]
    summary = FileImport(read.source.file, read.kind, absent=read.absent,
                         blank_classes=[c for c in read.blank_classes if c not in held_elsewhere],
                         blank_held=held_elsewhere, held_back=read.held_back, not_ended_rows=read.not_ended_rows)
    checks: list[Problem] = []  # the rows the ledger refuses
    new: list[TrainingRecord] = []
    first: dict[str, Parsed] = {}
    held_here: set[str] = set()  # the classes with records of this very file in the ledger (an import again)
    for item in read.parsed:
        record = item.record
        key = record.record_key
        if key in first:
            checks.append(_problem(item, "duplicate-record", f"repeats the training of row "
                                   f"{first[key].record.source_row} (same cadre, topic, class and dates)",
                                   "one row per training"))
            continue
        first[key] = item
        if ledger.has_source_row(record.source_hash, record.source_sheet, record.source_row):
            summary.unchanged += 1
            summary.not_completed += not record.completed
            held_here.add(record.class_id)
            continue
        held = ledger.by_key(key)
        if held is None and read.kind == "class-rosters":
            held = ledger.planned_class(record)
        unreadable = ledger.unreadable_key(key) if held is None else None
        if unreadable is not None:  # a record edited by hand: neither compared nor added beside it (one per training)
            checks.append(_problem(item, "conflicting-record", f"the ledger holds this training in its record "
                                   f"{unreadable}, which cannot be read "
                                   f"({typed_command(['needscli', 'records', 'show', record.cadre_id])} "
                                   "names what is wrong with it)", "that record removed first (needscli records "
                                   "remove), then this file imported again"))
        elif held is None:
            twin = ledger.same_days(record) or next((r for r in new if _same_days(r, record)), None)
            if twin is not None:  # a warning: the file is imported, this seat waits (hours counted once)
                checks.append(_twice(item, twin, read.kind == "class-rosters"))
                continue
            new.append(record)
        elif held.same_outcome(record):
            summary.unchanged += 1
            summary.not_completed += not record.completed
        else:
            checks.append(_conflict(item, held))
    rejected = any(p.severity == "error" for p in (*read.problems, *checks))
    # a seat whose id is on no row of the roster is recorded with the file: its warning says what became of it
    outcome = Outcome.rejected if rejected else Outcome.dry_run if dry_run else Outcome.recorded
    off_roster = [item for item in first.values() if item.off_roster]
    seats = read.kind == "class-rosters"
    # a sheet signed before its class ended: the removal of its records advised only where the file adds them
    recorded = held_here | {r.class_id for r in new} if outcome is Outcome.recorded else set()
    early = [not_ended_warning(note, read.source, note.class_id in recorded) for note in read.not_ended]
    result.problems.extend([*early, *read.problems, *(_off_roster(item, outcome, seats) for item in off_roster),
                            *checks])
    if rejected:
        summary.rejected, summary.unchanged, summary.not_completed = True, 0, 0
        return summary
    for record in new:
        ledger.insert(record)
    ledger.add_source(read.source.hash, read.source.file, read.kind, read.source.imported_at, len(read.parsed))
    # the file's seats not completed, held already or not: an import again said 缺勤 2 人次 and no longer 未完成 1 人次
    summary.added = len(new)
    summary.not_completed += sum(not r.completed for r in new)
    summary.off_roster = len(off_roster)
    result.added += summary.added
    result.unchanged += summary.unchanged
    return summary


def _same_days(one: TrainingRecord, other: TrainingRecord) -> bool:
    """Two concentrated records of one cadre and topic over a day of both (store.Ledger.same_days, within a file)."""
    return (one.cadre_id == other.cadre_id and "online" not in (one.delivery, other.delivery)
            and same_topic(one, other) and one.end_date >= (other.start_date or other.end_date)
            and (one.start_date or one.end_date) <= other.end_date)


def _twice(item: Parsed, held: TrainingRecord, seat: bool) -> Problem:
    """The warning of a seat (seat: a sign-in sheet's; else a records sheet's row) not recorded because the ledger
    (or the file) holds the cadre's training of that topic over the same days under another class id or dates: the
    same class imported from the sheets of two plans would count its hours and days twice."""
    record = item.record
    days = f"{(held.start_date or held.end_date).isoformat()} to {held.end_date.isoformat()}"
    where = f"class {held.class_id}, " if held.class_id else ""
    what = (f'the ledger already holds a training of this cadre in "{held.topic}" over the same days, {days} '
            f"({where}{held.source_file}, sheet {held.source_sheet}, row {held.source_row}): "
            f"the same training recorded twice would count its hours and days twice; this "
            f"{'seat' if seat else 'row'} was not recorded")
    command = _remove_command(held, record)
    if not held.class_id:  # --class would not narrow it: every training of the cadre from that file is selected
        command = command.removesuffix(" --yes") + ", which lists what it would remove (every training of the cadre " \
                                                   "from that file) before --yes is added"
    expected = (f"one record of a training: where this file's is the one to keep (the ledger's came from another "
                f"file, the sheet of an earlier plan say), the ledger's removed first ({command}), then this file "
                "imported again; where the ledger's is right, nothing to do")
    return Problem(code="same-training-twice", file=record.source_file, sheet=record.source_sheet,
                   row=record.source_row, column=item.column, cell=item.cell, severity="warning", expected=expected,
                   message=f'row {record.source_row}, column "{item.column}": {what}; expected {expected}')


def _off_roster(item: Parsed, outcome: Outcome, seat: bool = True) -> Problem:
    """The warning at the id cell of a seat (seat=False: a records sheet's row) recorded (or not, by outcome) though
    its id is on no row of the roster."""
    record = item.record
    return Problem(code="not-on-roster", file=record.source_file, sheet=record.source_sheet, row=record.source_row,
                   column=item.column, cell=item.cell, severity="warning",
                   message=f'row {record.source_row}, column "{item.column}": {off_roster_note(outcome, seat)}')


def _conflict(item: Parsed, held: TrainingRecord) -> Problem:
    """The ledger holds this training with other hours or result: refused (nothing is overwritten), at the cell the
    hours came from, with both figures and the command that takes the ledger's record out first."""
    record = item.record
    at = item.hours_at or Cell(item.column, item.cell)
    what = (f"the ledger already holds this training of this cadre ({held.source_file}, sheet {held.source_sheet}, "
            f"row {held.source_row}) with {_outcome(held, record)}; this file has {_outcome(record, held)}")
    expected = (f"the same as the ledger's record; where this file is right, that record removed first "
                f"({_remove_command(held, record)}), then this file imported again (nothing is overwritten)")
    return Problem(code="conflicting-record", file=record.source_file, sheet=record.source_sheet,
                   row=record.source_row, column=at.column, cell=at.cell, expected=expected,
                   message=f'row {record.source_row}, column "{at.column}": {what}; expected {expected}')


def _outcome(record: TrainingRecord, other: TrainingRecord) -> str:
    """A record's hours (of the training's, where those differ from other's), and whether it was completed where
    other says otherwise: 48 hours; 40 hours (of 48, not completed)."""
    attended = record.hours if record.attended_hours is None else record.attended_hours
    notes = [f"of {number(record.hours)}" if record.hours != other.hours and record.attended_hours is not None
             else "", ("completed" if record.completed else "not completed") if record.completed != other.completed
             else ""]
    said = ", ".join(n for n in notes if n)
    return f"{number(attended)} hours" + (f" ({said})" if said else "")


def _remove_command(held: TrainingRecord, record: TrainingRecord) -> str:
    """records remove of the ledger's record alone: its file (by the code of its import where this file has its
    name: the file there now is another than the one imported), its cadre and its class."""
    source = held.source_file if held.source_file != record.source_file else held.source_hash[:CODE_LENGTH]
    words = ["needscli", "records", "remove", "--source", source, "--cadre", held.cadre_id]
    if held.class_id:
        words += ["--class", held.class_id]
    return typed_command([*words, "--yes"])


def _problem(item: Parsed, code: str, what: str, expected: str) -> Problem:
    record = item.record
    return Problem(code=code, file=record.source_file, sheet=record.source_sheet, row=record.source_row,
                   column=item.column, cell=item.cell, expected=expected,
                   message=f"row {record.source_row}: {what}; expected {expected}")
