"""Rows of records files -> TrainingRecords, with one Problem per faulty cell.

Three layouts: a records sheet (one training per row), the class-rosters.xlsx needscli wrote with
attendance filled in (Overview + one sign-in sheet per class), and an online platform's export.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from needscli.config import LedgerConfig
from needscli.errors import NeedsError, Problem
from needscli.io import cells
from needscli.io.extent import ErrorValue
from needscli.io.files import Sheet
from needscli.io.headers import (
    ERROR_HEADER_EXPECTED,
    HEADER_SCAN_ROWS,
    Columns,
    error_header_said,
    error_headers,
    match_header,
)
from needscli.io.load import sheet_place
from needscli.io.tables import RowReader, Table, column_letter, quoted
from needscli.labels import TRAINING_TYPES
from needscli.models import Cadre
from needscli.records.plausibility import Training, implausible, not_ended
from needscli.records.store import TrainingRecord
from needscli.text import did_you_mean, fold, fold_header
from needscli.vocab import RESOURCE_KIND_WORDS, TRAINING_TYPE_WORDS, resolve_word

if TYPE_CHECKING:
    from needscli.config import Config
    from needscli.core.catalog import Catalog
    from needscli.records.sign_days import DaySpan

# field -> aliases; the first is the Chinese header, the second the English one
RECORDS = {
    "cadre_id": ["编号", "Cadre ID", "id", "人员编号", "工号", "身份证号", "学员编号", "employeeid", "staffid"],
    "name": ["姓名", "Name", "fullname"],
    "topic": ["培训主题", "Topic", "主题", "课程", "培训班名称", "培训项目", "培训内容", "course"],
    "class_id": ["班次", "Class ID", "班次编号", "培训班次", "class"],
    "training_type": ["培训类型", "Training type"],
    "delivery": ["培训方式", "Delivery", "方式", "培训形式", "学习方式", "mode"],
    "start_date": ["开始日期", "Start date", "开始时间", "起始日期", "开班日期", "start"],
    "end_date": ["结束日期", "End date", "结束时间", "结业日期", "培训结束时间", "end", "日期", "date"],
    "hours": ["学时", "Hours", "培训学时", "总学时"],
    "days": ["天数", "Days", "培训天数"],
    "kind": ["机构类型", "Kind", "培训机构类型", "providerkind"],
    "attended_hours": ["出勤学时", "Hours attended", "attendedhours", "实际学时", "获得学时"],
    "attended_days": ["出勤天数", "Days attended", "attendeddays"],
    "result": ["结果", "Result", "培训结果", "考核结果", "结业情况", "是否结业", "完成情况"],
}
OVERVIEW = {
    "class_id": ["班次编号", "Class ID", "班次"],
    "class_name": ["班次名称", "Class name"],
    "topic": ["培训主题", "Topic", "主题"],
    "training_type": ["培训类型", "Training type"],
    "organizer": ["主办单位", "Organizer"],
    "job_family": ["职位类别", "Job family"],
    "period": ["时段", "Period", "培训时间", "日期"],
    "resource": ["承办单位", "Host", "培训机构", "Resource"],  # 培训机构, Resource: the headers of earlier workbooks
    "size": ["人数", "Size"],
    "hours": ["学时", "Hours"],
}
CLASS_SHEET = {
    "no": ["序号", "No."],
    "cadre_id": ["编号", "Cadre ID", "id", "人员编号", "工号"],
    "name": ["姓名", "Name"],
    "unit": ["单位", "Unit"],
    "post": ["职务", "Post"],
    "level": ["职级", "Level"],
    "signature": ["签到", "Signature", "签名", "签到情况", "出勤"],
    "attended_hours": ["出勤学时", "Hours attended", "attendedhours", "实际学时"],
    "note": ["备注", "Note"],
    "full_id": ["完整编号", "Full ID"],  # hidden: the id a masked 编号 stands for
}
OVERVIEW_SHEETS = ("班次总览", "Overview")
DELIVERY_WORDS = {
    "concentrated": ["集中", "集中培训", "脱产", "脱产培训", "面授", "线下", "concentrated", "in-person", "offline"],
    "online": ["网络", "网络培训", "在线", "线上", "网上", "网络学院", "online", "e-learning"],
    "overseas": ["境外", "境外培训", "出国", "出国培训", "出国(境)培训", "overseas", "abroad"],
}
RESULT_WORDS = {
    "pass": ["合格", "结业", "已结业", "完成", "已完成", "通过", "优秀", "良好", "及格", "是", "pass", "passed",
             "completed", "complete", "yes", "1", "√"],
    "fail": ["不合格", "未结业", "未完成", "退学", "未通过", "肄业", "否", "fail", "failed", "incomplete",
             "not completed", "no", "0", "×"],
}
CORE_CLASS_NAMES = ("理论教育和党性教育", "Theory and party spirit")
DATE = "a date such as 2026-05-01, 2026-05, 2026.05 or 2026/5"  # wording gives the Chinese its 2026年5月
_TYPES = {fold(w): k for k, ws in TRAINING_TYPE_WORDS.items() for w in ws} | {
    fold(w): k for k, pair in TRAINING_TYPES.items() for w in pair}
EPSILON = 1e-9


Roster = Mapping[str, str] | Sequence[Cadre]  # the roster given: its cadres, or their names by id


def roster_of(roster: Roster | None) -> tuple[dict[str, str] | None, list[Cadre]]:
    """The roster's names by id (None: no roster) and its cadres (of names by id alone: those ids and names)."""
    if roster is None:
        return None, []
    if isinstance(roster, Mapping):
        return dict(roster), [Cadre(id=i, name=n, unit="", post="", level="") for i, n in roster.items()]
    cadres = list(roster)
    return {c.id: c.name for c in cadres}, cadres


@dataclass
class Source:
    """The file records come from: name, content hash, and the date of the import."""

    file: str
    hash: str
    imported_at: dt.date


class NotEnded(NamedTuple):
    """A class sheet signed before its class ended: its class, sheet and last day (printed: by the dates the sheet
    prints, else by its 签到 columns'), and the days marked that had not been held yet (a span named in a message:
    sign_days.DaySpan; None where no such day is marked)."""

    class_id: str
    sheet: str
    end: dt.date
    printed: bool
    later: DaySpan | None
    column: str = "签到"  # the sheet's header of its sign-in columns (签到, Signature), as messages name them


class Cell(NamedTuple):
    """A cell as a message names it: its column's header and its reference (G7, or G7:I7 for a seat's 签到 cells)."""

    column: str
    cell: str


@dataclass
class Parsed:
    """A record read from a row, with the id cell to point at (the roster has no row of its id: a sign-in sheet's
    seat recorded all the same, with a warning), and the cell its hours came from, to point at if the ledger holds
    other hours of the same training."""

    record: TrainingRecord
    column: str
    cell: str
    off_roster: bool = False
    hours_at: Cell | None = None  # None: the id cell's


class RecordsTable(Table):
    """A Table over a records layout of this module (its aliases are not the input tables'); place: where it is, as
    a message names it (io.load.sheet_place)."""

    aliases: dict[str, list[str]]
    place: str
    header_errors: list[ErrorValue]  # its header's cells of an error value (io.headers.error_headers)

    def header(self, name: str) -> str:
        col = self.columns.fields.get(name)
        if col is not None and col < len(self.columns.headers):
            return self.columns.headers[col]
        return self.aliases.get(name, [name])[0]

    @property
    def notes_errors_only(self) -> bool:
        """A records sheet's or an online export's rows of nothing but error values are noted, to be said one by one
        (errors_only_fault); a sign-in sheet and the overview say each cell."""
        return self.kind in ("records", "online")


def alias_index(aliases: dict[str, list[str]]) -> dict[str, str]:
    return {fold_header(a): name for name, words in aliases.items() for a in words}


def find_header(rows: list[list[object]], index: dict[str, str]) -> Columns | None:
    """The row among the first ones that names the most fields (at least two)."""
    best: tuple[int, int] | None = None
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        texts = ["" if v is None else str(v).strip() for v in row]
        score = len({match_header(t, index) for t in texts if t} - {None})
        if score >= 2 and (best is None or score > best[1]):
            best = (i, score)
    if best is None:
        return None
    texts = ["" if v is None else str(v).strip() for v in rows[best[0]]]
    columns = Columns(header_row=best[0] + 1, fields={}, headers=texts)
    for col, text in enumerate(texts):
        name = match_header(text, index) if text else None
        if name and name not in columns.fields:
            columns.fields[name] = col
        elif text:
            columns.extras.append(text)
    return columns


def make_records_table(kind: str, file: str, sheet: Sheet, columns: Columns, config: Config,
                       aliases: dict[str, list[str]]) -> RecordsTable:
    place = sheet_place(Path(file), sheet)
    if len(sheet.rows) > config.limits.max_rows:
        raise NeedsError(f"{place}: too many rows ({len(sheet.rows)}); the limit is "
                         f"{config.limits.max_rows} (limits.max_rows in the config)")
    table = RecordsTable(kind, file, sheet.name, sheet.rows, columns, config, text=sheet.text)
    table.aliases, table.place = aliases, place
    table.unvalued, table.errors = frozenset(sheet.unvalued), {(e.row, e.column): e.text for e in sheet.errors}
    table.header_errors = error_headers(columns, sheet.errors)
    table.problems += [header_error(table, error) for error in table.header_errors]
    return table


# the fields of each records layout whose column, absent, changes nothing recorded: a records sheet's and an export's
# 姓名 (the cadre is its id), the Overview's 班次名称, 主办单位, 职位类别 and 人数 (written for people to read), a
# sign-in sheet's 序号, 单位, 职务 and 职级
UNREAD = {"records": {"name"}, "online": {"name"}, "overview": {"class_name", "organizer", "job_family", "size"},
          "class": {"no", "unit", "post", "level"}}


def header_error(table: RecordsTable, error: ErrorValue) -> Problem:
    """A header cell of an error value (#REF!), said at its cell as an input sheet's is (io.load): its column, of no
    header, is not read. What it named cannot be told, so it may be any column the header row lacks; where one of
    those changes what is recorded (班次, 培训方式 and the dates identify a training in the ledger, record_key; 学时,
    天数, 出勤学时, 结果, 培训类型 and 机构类型 give its hours, completion and type), the rows read without it would not
    be the ones a corrected copy brings, so it is an error and the file waits for it. A sign-in sheet's 签到 columns
    are one a day: its header cell may always be a day's. Where every column that changes a record is there, the
    column can be none read, and it is a warning, as an input sheet's."""
    unread = UNREAD.get(table.kind, set())
    lacking = [table.aliases[name][0] for name in table.aliases
               if name not in table.columns.fields and name not in unread]
    if table.kind == "class" and table.aliases["signature"][0] not in lacking:  # a day's, though others are there
        lacking.insert(0, table.aliases["signature"][0])
    said = f"header row {table.columns.header_row}: {error_header_said(error)}"
    if lacking:
        said += (f"; it may be one of the columns the header row lacks ({', '.join(lacking)}), and any of them "
                 "read as absent changes what is recorded")
    return Problem(code="error-value", file=table.file, sheet=table.sheet, row=table.columns.header_row,
                   cell=f"{column_letter(error.column - 1)}{error.row}", severity="error" if lacking else "warning",
                   message=f"{said}; expected {ERROR_HEADER_EXPECTED}", expected=ERROR_HEADER_EXPECTED)


def require(table: RecordsTable, *groups: tuple[str, ...]) -> None:
    """Each group must have one of its fields among the columns, or the file is unusable."""
    missing = []
    for group in groups:
        if not any(name in table.columns.fields for name in group):
            names = " or ".join(f'"{table.aliases[n][0]}" ({table.aliases[n][1]})' for n in group)
            hint = did_you_mean(table.aliases[group[0]][0], table.columns.extras, cutoff=0.4)
            missing.append(f"no {names} column{hint}")
    if missing:  # a header of #REF! reads as none: said beside the columns missing, as an input sheet's
        said = [*missing, *map(error_header_said, table.header_errors)]
        raise NeedsError(f"{table.place}: header row {table.columns.header_row}: " + "; ".join(said)
                         + (f"; expected {ERROR_HEADER_EXPECTED}" if table.header_errors else ""))


# a cell read as empty that Excel shows a value in: what it is, and what to do (the column's own word in {what})
UNVALUED = ("is a formula with no saved result", "the file opened in Excel or WPS and saved (its formulas' results "
            "saved), then imported again")
ERROR_VALUE = ("is an error value", "the formula corrected, or the {what} typed in")


class CellFault(NamedTuple):
    """A cell's fault as its problem says it: the code, what the cell is, what is expected; error: the error value
    it holds (#REF!; "" for one Excel has no name for, or a fault of no error value)."""

    code: str
    what: str
    expected: str
    error: str = ""


def uncomputed_at(table: Table, excel_row: int, col: int, raw: object, what: str) -> CellFault | None:
    """The fault of a cell calamine reads as empty while Excel shows a value (uncomputed): an error value, or a
    formula with no saved result; None for any other cell. what: what the cell holds, as the message says it."""
    error = table.error_in(excel_row, col, raw)
    if error is not None:
        return CellFault("error-value", f"{ERROR_VALUE[0]} ({error})" if error else ERROR_VALUE[0],
                         ERROR_VALUE[1].format(what=what), error)
    if (excel_row, col + 1) in table.unvalued:
        return CellFault("formula-without-value", *UNVALUED)
    return None


def uncomputed(r: RowReader, names: dict[str, str]) -> set[str]:
    """Fail each of the named columns' cells of the row that calamine reads as empty while Excel shows a value: a
    formula whose result the file does not hold (a workbook made by a program, never saved in Excel or WPS), an error
    value (#REF!; a CSV's is its text, read as no number). The clerk sees 1000000000 or #REF! there, and could not act
    on "is empty". names: field -> what its cells hold, as the message says it ("hours"). Returns the fields failed."""
    table, failed = r.table, set()
    for name, what in names.items():
        col = table.columns.fields.get(name)
        if col is None:
            continue
        fault = uncomputed_at(table, r.excel_row, col, table.raw(r.row, name), what)
        if fault is None:
            continue
        r.fail(name, fault.code, fault.what, fault.expected)
        if fault.code == "error-value":
            r.erred[name] = fault.error
        failed.add(name)
    return failed


# a row whose columns read hold nothing but error values: what it is, and what to do
ERRORS_ONLY = ("every column read holds an error value or nothing ({cells}): no training can be read from it",
               "the formulas corrected (one referring to a deleted sheet, say), or the row typed in; a row a formula "
               "filled down past the table left deleted")


def errors_only_fault(table: RecordsTable, first: ErrorValue) -> Problem:
    """The error of a records row whose columns read hold nothing but error values or nothing (#N/A down a lookup
    filled past the table, #REF! where the sheet its formulas looked up was deleted): blank to the reader, it would be
    skipped unsaid where the clerk sees a row, perhaps a training. It refuses the file as a faulty row does: nothing
    of it tells a training from a leftover. Said at its first error's cell, naming its cells by their error (#N/A in
    A12:F12, H12; #REF! in G12), adjacent columns as a range."""
    excel_row, row = first.row, table.rows[first.row - 1]
    erred = ((col, table.error_in(excel_row, col, row[col] if col < len(row) else None)) for col in table.read_columns)
    said = cells.error_cells(excel_row, ((col, shown) for col, shown in erred if shown is not None))
    what, expected = ERRORS_ONLY[0].format(cells=said), ERRORS_ONLY[1]
    header = table.columns.headers[first.column - 1] if first.column <= len(table.columns.headers) else ""
    return Problem(code="error-value", file=table.file, sheet=table.sheet, row=excel_row, column=header,
                   cell=f"{column_letter(first.column - 1)}{excel_row}", expected=expected,
                   message=f"row {excel_row}: {what}; expected {expected}")


def say_errors_only(table: RecordsTable, said: int) -> int:
    """Say the table's rows of nothing but error values noted since the first said ones (errors_only), in their
    place among its other problems; returns how many are said now."""
    table.problems.extend(errors_only_fault(table, first) for first in table.errors_only[said:])
    return len(table.errors_only)


def filled_cell(table: RecordsTable, r: RowReader, *names: str) -> Cell | None:
    """The first of the named columns whose cell of the row is filled in (None: none is)."""
    for name in names:
        col = table.columns.fields.get(name)
        if col is not None and not _blank(r, name):
            return Cell(table.header(name), f"{column_letter(col)}{r.excel_row}")
    return None


def leave_exceeded(hours: float, attended: float, fraction: float) -> bool:
    """Leave above the allowed share of a class's hours: the trainee did not complete it."""
    return hours > 0 and hours - attended > hours * fraction + EPSILON


def word_of(words: dict[str, list[str]], text: str) -> str | None:
    return resolve_word(text, words)


def _blank(r: RowReader, name: str) -> bool:
    """The row has no such column or leaves its cell empty (a cell that is there but faulty is not)."""
    return cells.is_blank(r.table.raw(r.row, name))


@dataclass
class RowsReader:
    """Reads the rows of one file into records; collects problems and counts absences."""

    config: Config
    catalog: Catalog
    settings: LedgerConfig
    source: Source
    parsed: list[Parsed] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    absent: int = 0
    held_back: int = 0  # seats attended but not recorded: a warning at a cell says what to fix
    blank_classes: list[str] = field(default_factory=list)  # class sheets without a mark: not held, or not returned
    not_ended: list[NotEnded] = field(default_factory=list)  # class sheets signed before their class ended
    not_ended_rows: int = 0  # records sheets' rows of a training ending after the import date: held back, a warning
    roster: dict[str, str] | None = None  # id -> name of the roster given (--roster); None: none given
    cadres: list[Cadre] = field(default_factory=list)  # the roster's cadres (a name's ids and units)

    def topic_id(self, topic: str) -> str:
        if fold(topic) in {fold(n) for n in (*CORE_CLASS_NAMES, self.config.classes.core_class_topic)}:
            return self.config.classes.core_class_topic
        hit = self.catalog.resolve(topic)
        return hit.id if hit else ""

    def add(self, table: Table, r: RowReader, *, off_roster: bool = False, hours_at: Cell | None = None,
            **data: object) -> None:
        record = TrainingRecord.model_validate({
            **data, "source_file": self.source.file, "source_hash": self.source.hash,
            "source_sheet": table.sheet, "source_row": r.excel_row, "imported_at": self.source.imported_at,
        })
        col = table.columns.fields.get("cadre_id")
        cell = f"{column_letter(col)}{r.excel_row}" if col is not None else ""
        self.parsed.append(Parsed(record, table.header("cadre_id"), cell, off_roster, hours_at))

    # ---- records sheets and online exports ---------------------------------------------------

    def read_table(self, table: RecordsTable, online: bool) -> None:
        said = 0  # the rows of nothing but error values said (data_rows notes them: say_errors_only)
        for excel_row, row in table.data_rows():
            said = say_errors_only(table, said)
            r = RowReader(table, excel_row, row)
            data = self._online_row(r) if online else self._records_row(r)
            if data is not None and not r.rejected:
                # a records sheet's id on no row of the roster given: recorded, with a warning (as a sign-in sheet's);
                # an online platform's export holds the learners of every office
                off = not online and self.roster is not None and data["cadre_id"] not in self.roster
                self.add(table, r, off_roster=off, hours_at=filled_cell(table, r, "attended_hours",
                                                                        "attended_days", "hours", "days"), **data)
        say_errors_only(table, said)
        self.problems.extend(table.problems)

    def _common(self, r: RowReader) -> dict[str, object]:
        cadre_id = r.get("cadre_id", cells.parse_id, required=True, code="bad-id", expected="an id as text")
        topic = r.get("topic", required=True, default="")
        # a date cell of an error value (or a formula with no saved result) is no optional blank: read so, an end date
        # would be the start's (a one-day training), a start would leave the training's days uncounted
        dated = uncomputed(r, {"start_date": "date", "end_date": "date"})
        start = r.get("start_date", cells.parse_date, code="bad-date", expected=DATE)
        end = r.get("end_date", cells.parse_date, code="bad-date", expected=DATE)
        if dated:  # said at its cell: no date of it was read, so none is empty or before the other
            pass
        elif _blank(r, "start_date") and _blank(r, "end_date"):
            r.fail("end_date", "missing-value", "is empty, and so is the start date", DATE)
        elif start and end and end < start:
            r.fail("end_date", "bad-date", "is before the start date", "an end date on or after the start")
        # so is a 班次 of one: the class is part of what identifies the training in the ledger (record_key), and a row
        # recorded without it would stand beside the one a corrected copy brings, not be replaced by it
        uncomputed(r, {"class_id": "class id"})
        class_id = r.get("class_id", cells.parse_id, default="")
        return {
            "cadre_id": cadre_id, "topic": topic, "topic_id": self.topic_id(topic) if topic else "",
            "class_id": class_id,
            "training_type": self._training_type(r),
            "start_date": start, "end_date": end or start,
        }

    def _training_type(self, r: RowReader) -> str:
        text = r.get("training_type", default="")
        if text and fold(text) not in _TYPES:
            r.fail("training_type", "bad-value", "is not a training type",
                   "初任/任职/在职/专门业务/专题 (initial/appointment/on-the-job/specialized/theory)", keep=True)
        return _TYPES.get(fold(text), "") if text else ""

    def _hours(self, r: RowReader, hours_name: str, days_name: str) -> tuple[float | None, float | None]:
        """(the hours of the row, its hours column's or its days' at the day's hours; the days it states)."""
        hours = r.get(hours_name, cells.parse_number, code="bad-number", expected="a number of hours, e.g. 48")
        days = r.get(days_name, cells.parse_number, code="bad-number", expected="a number of days, e.g. 5")
        if hours is None and days is not None:
            hours = days * self._per_day(r)
        return hours, days

    def _per_day(self, r: RowReader) -> float:
        """The hours of a training day of the row's kind of provider (hours.day_hours)."""
        kind = word_of(RESOURCE_KIND_WORDS, r.get("kind", default="")) or "default"
        per_day = self.config.hours.day_hours
        return per_day.get(kind, per_day.get("default", 6.0))

    def _result(self, r: RowReader) -> tuple[str, bool | None]:
        """The result as written, and whether it is a pass (None: blank or no result word). A result of an error value
        is no blank: read so, a training failed would be recorded as completed (its hours counted), and the corrected
        copy, the same training with another outcome, held back as one the ledger holds otherwise (uncomputed)."""
        uncomputed(r, {"result": "result"})
        text = r.get("result", default="")
        if not text:
            return "", None
        verdict = word_of(RESULT_WORDS, text)
        if verdict is None:
            r.fail("result", "bad-value", "is not a result", "合格/结业/已完成 or 不合格/未结业/退学")
        return text, verdict == "pass" if verdict else None

    def _records_row(self, r: RowReader) -> dict[str, object] | None:
        data = self._common(r)
        # a 培训方式 of an error value is no blank (集中): the way of training is part of the record's key, and of
        # which hours it counts towards
        uncomputed(r, {"delivery": "way of training"})
        delivery_text = r.get("delivery", default="")
        delivery = word_of(DELIVERY_WORDS, delivery_text) if delivery_text else "concentrated"
        if delivery is None:
            r.fail("delivery", "bad-value", "is not a way of training", "集中/网络/境外 (concentrated/online/overseas)")
        # so is a 机构类型 of one, not read as blank (default): the kind sets a day's hours, which turn 天数 into hours and
        # 出勤天数 into hours attended, and bound the hours the row's days can hold (implausible)
        uncomputed(r, {"kind": "kind of provider"})
        shown = uncomputed(r, {"hours": "hours", "days": "days", "attended_hours": "hours attended",
                               "attended_days": "days attended"})
        hours, days = self._hours(r, "hours", "days")
        attended, _ = self._hours(r, "attended_hours", "attended_days")
        result, passed = self._result(r)
        if shown:  # said at its cell: no value of it was read, so none is empty or 0
            pass
        elif _blank(r, "hours") and _blank(r, "days"):
            r.fail("hours", "missing-value", "is empty, and so is the days column", "hours (学时) or days (天数)")
        elif hours is not None and hours <= 0:
            r.fail("hours", "bad-number", "is 0", "a number of hours above 0")
        elif hours is not None and attended is not None and attended > hours + EPSILON:
            r.fail("attended_hours", "bad-number", "is more than the training's hours",
                   "hours attended up to the training's hours")
        completed = True if passed is None else passed
        if (delivery != "online" and attended is not None and hours
                and leave_exceeded(hours, attended, self.config.hours.leave_max_fraction)):
            if passed:
                r.fail("attended_hours", "leave-over-limit", "leaves more than the allowed share of the hours "
                       "absent, so the training counts as not completed", "leave of at most 1/7 of the hours",
                       keep=True)
            completed = False
        training = Training(data["start_date"], data["end_date"], hours, days, self._per_day(r),  # type: ignore[arg-type]
                            delivery == "online")
        if not r.rejected and implausible(r, training, self.config):
            self.held_back += 1  # a warning at its cell: the rest of the file is imported
            return None
        if not r.rejected and not_ended(r, training, self.source.imported_at):
            self.not_ended_rows += 1  # to import once it has ended: the rest of the file is imported
            return None
        # a concentrated training's topic is the catalog's; an online course's is its own title (as an export's)
        if not r.rejected and delivery != "online" and data["topic"] and not data["topic_id"]:
            r.fail("topic", "unknown-topic", f'{quoted(data["topic"])} is no topic of the catalog: it completes '
                   "none of the topics needs are found for, its hours count all the same", "a topic name or alias of the "
                   "catalog", keep=True)
        # the days the sheet states (天数) are the training's days, as a signed sign-in sheet's 共12天: a class of 10
        # working days over two weeks is 10 days, not the 12 of its calendar span; an online course counts none
        return {**data, "delivery": delivery or "concentrated", "hours": hours or 0.0,
                "attended_hours": attended, "completed": completed, "result": result,
                "days": days if delivery != "online" else None}

    def _online_row(self, r: RowReader) -> dict[str, object] | None:
        """A learner's row of an online platform's export; None where nothing was learnt yet (counted absent) or the
        row is faulty. Its hours cells that Excel shows a value in while the file holds none are said as a records
        sheet's are (uncomputed): an error, for a learner's hours read as blank would be a training left out."""
        uncomputed(r, {"attended_hours": "hours"})
        attended = r.get("attended_hours", cells.parse_number, code="bad-number",
                         expected="a number of hours, e.g. 2.5")
        if attended == 0 or (attended is None and not r.rejected):
            self.absent += 1  # enrolled, nothing learnt yet (often undated): no training to record
            return None
        data = self._common(r)
        uncomputed(r, {"hours": "hours"})  # the course's hours: read as blank, any hours learnt would complete it
        hours = r.get("hours", cells.parse_number, code="bad-number", expected="a number of hours, e.g. 3")
        result, passed = self._result(r)
        if attended and hours and attended > hours + EPSILON:
            r.fail("attended_hours", "bad-number", "is more than the course's hours", "hours up to the course's")
        if r.rejected:
            return None
        hours = hours or attended
        completed = passed if passed is not None else attended >= hours - EPSILON
        return {**data, "delivery": "online", "hours": hours, "attended_hours": attended,
                "completed": completed, "result": result}
