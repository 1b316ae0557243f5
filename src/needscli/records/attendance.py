"""The class-rosters.xlsx needscli wrote, with attendance filled in -> training records.

The Overview sheet gives each class's topic, training type, period and hours; each class sheet
(named by class id, header at row 3) gives one seat per row. A seat with hours in 出勤学时 attended
those hours; a seat with a present mark in 签到 (√, 1, 是, 到 ...) attended the class's full hours;
a seat with neither (or an absent mark, or 0 hours) was absent and is NOT recorded: the ledger
holds training done, and a later copy of the sheet with that seat filled in adds it.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from needscli.errors import Problem
from needscli.io import cells
from needscli.io.files import Sheet
from needscli.io.sheet_names import SheetNames, sheet_name
from needscli.io.tables import RowReader
from needscli.records.rows import (
    _TYPES,
    CLASS_SHEET,
    DATE,
    DELIVERY_WORDS,
    EPSILON,
    OVERVIEW,
    OVERVIEW_SHEETS,
    RecordsTable,
    RowsReader,
    alias_index,
    find_header,
    leave_exceeded,
    make_records_table,
    require,
    word_of,
)
from needscli.text import fold
from needscli.vocab import RESOURCE_KIND_WORDS

_OVERVIEW_INDEX = alias_index(OVERVIEW)
_CLASS_INDEX = alias_index(CLASS_SHEET)


@dataclass
class ClassInfo:
    """One class of the Overview sheet."""

    class_id: str
    topic: str
    training_type: str
    start: dt.date | None
    end: dt.date | None
    hours: float | None
    delivery: str
    overview: RecordsTable
    row: int
    hours_reported: bool = False


def find_overview(sheets: list[Sheet]) -> Sheet | None:
    """The Overview sheet of a class-rosters workbook, if this is one."""
    names = {fold(n) for n in OVERVIEW_SHEETS}
    for sheet in sheets:
        if fold(sheet.name) in names:
            columns = find_header(sheet.rows, _OVERVIEW_INDEX)
            if columns and "class_id" in columns.fields:
                return sheet
    return None


def period_dates(value: object) -> tuple[dt.date | None, dt.date | None, str]:
    """'2026-12' (or a date on the 1st) -> the whole month; another date -> that day."""
    day, fault = cells.parse_date(value)
    if fault or day is None:
        return None, None, fault or "is empty"
    if day.day != 1:
        return day, day, ""
    last = calendar.monthrange(day.year, day.month)[1]
    return day, day.replace(day=last), ""


def read_class_rosters(reader: RowsReader, overview: Sheet, sheets: list[Sheet]) -> None:
    """Every attended seat of every class sheet, dated and sized by the Overview sheet."""
    columns = find_header(overview.rows, _OVERVIEW_INDEX)
    assert columns is not None  # find_overview checked it
    table = make_records_table("overview", reader.source.file, overview, columns, reader.config, OVERVIEW)
    require(table, ("class_id",), ("topic",), ("period",), ("hours",))
    classes, listed = _read_overview(table)
    by_name = {s.name: s for s in sheets}
    taken = SheetNames([overview.name])
    expected = {class_id: sheet_name(class_id, taken) for class_id in listed}  # as the writer named them
    used = {overview.name, *expected.values(), *listed}
    for info in classes:
        sheet = by_name.get(expected[info.class_id]) or by_name.get(info.class_id)
        if sheet is None:
            table.problem("missing-sheet", info.row, table.columns.fields["class_id"],
                          f"has no sheet of its own (expected a sheet named {expected[info.class_id]})",
                          "one sign-in sheet per class, as needscli wrote them")
            continue
        _read_class_sheet(reader, info, sheet)
    reader.problems.extend(table.problems)
    for sheet in sheets:
        if sheet.name not in used and find_header(sheet.rows, _CLASS_INDEX):
            reader.problems.append(Problem(
                code="unknown-class", severity="warning", file=reader.source.file, sheet=sheet.name,
                message="this sheet is not a class of the Overview sheet; it was not read",
                expected="a class listed on the Overview sheet"))


def _read_overview(table: RecordsTable) -> tuple[list[ClassInfo], list[str]]:
    """The classes whose rows are sound, and every class id listed (sound or not)."""
    out, listed = [], []
    for excel_row, row in table.data_rows():
        r = RowReader(table, excel_row, row)
        class_id = r.get("class_id", cells.parse_id, required=True, code="bad-id", expected="a class id")
        if class_id in listed:
            r.fail("class_id", "duplicate-id", "repeats the class id of an earlier row", "one row per class")
        elif class_id:
            listed.append(class_id)
        topic = r.get("topic", required=True, default="")
        type_text = r.get("training_type", default="")
        start, end, fault = period_dates(table.raw(row, "period"))
        if fault:
            r.fail("period", "bad-date", fault, DATE)
        hours = r.get("hours", cells.parse_number, code="bad-number", expected="the class hours, e.g. 48")
        resource = r.get("resource", default="")
        online = word_of(RESOURCE_KIND_WORDS, resource) == "online" or word_of(DELIVERY_WORDS, resource) == "online"
        if r.rejected:
            continue
        out.append(ClassInfo(class_id, topic, _TYPES.get(fold(type_text), ""), start, end, hours or None,
                             "online" if online else "concentrated", table, excel_row))
    return out, listed


def _read_class_sheet(reader: RowsReader, info: ClassInfo, sheet: Sheet) -> None:
    columns = find_header(sheet.rows, _CLASS_INDEX)
    file = reader.source.file
    if columns is None:
        info.overview.problem("missing-sheet", info.row, info.overview.columns.fields["class_id"],
                              f"its sheet {sheet.name} has no header row (编号, 签到, 出勤学时)",
                              "the sign-in sheet as needscli wrote it")
        return
    table = make_records_table("class", file, sheet, columns, reader.config, CLASS_SHEET)
    require(table, ("cadre_id",), ("signature", "attended_hours"))
    for excel_row, row in table.data_rows():
        r = RowReader(table, excel_row, row)
        attended = _attended(reader, r, info)
        if attended is None or r.rejected:
            continue
        hours = info.hours or 0.0
        reader.add(table, r, cadre_id=r.get("cadre_id", cells.parse_id), topic=info.topic,
                   topic_id=reader.topic_id(info.topic), class_id=info.class_id,
                   training_type=info.training_type, delivery=info.delivery, start_date=info.start,
                   end_date=info.end, hours=hours, attended_hours=attended,
                   completed=info.delivery == "online"
                   or not leave_exceeded(hours, attended, reader.config.hours.leave_max_fraction))
    reader.problems.extend(table.problems)


def _attended(reader: RowsReader, r: RowReader, info: ClassInfo) -> float | None:
    """Hours attended by the seat of this row; None when absent (or the row is faulty).

    Every fault of the row is reported, not only the first: each check runs whatever the others found.
    """
    r.get("cadre_id", cells.parse_id, required=True, code="bad-id", expected="an id as text")
    attended = r.get("attended_hours", cells.parse_number, code="bad-number", expected="hours attended, e.g. 40")
    mark = r.get("signature", default="")
    present = _mark(reader, r, mark) if mark else False
    if attended and info.hours is not None and attended > info.hours + EPSILON:
        r.fail("attended_hours", "bad-number", f"is more than the class's {info.hours:g} hours",
               "hours attended up to the class hours")
    if (attended or (attended is None and present)) and info.hours is None:
        _report_hours(info, r.table.sheet)  # the seat was attended, and the class's hours are unknown
        r.rejected = True
    if r.rejected:
        return None
    if attended is None and present:
        attended = info.hours
    if not attended:
        reader.absent += 1
        return None
    return attended


def _mark(reader: RowsReader, r: RowReader, mark: str) -> bool:
    key = fold(mark)
    if key in {fold(m) for m in reader.settings.present_marks}:
        return True
    if key not in {fold(m) for m in reader.settings.absent_marks}:
        r.fail("signature", "bad-value", "is not an attendance mark",
               "√ or 到 (present), 缺 or 请假 (absent), or the hours in 出勤学时")
    return False


def _report_hours(info: ClassInfo, sheet: str) -> None:
    """The class's hours are needed to record its attendance: one problem, at the Overview cell."""
    if info.hours_reported:
        return
    info.hours_reported = True
    col = info.overview.columns.fields["hours"]
    info.overview.problem("missing-value", info.row, col,
                          f"is empty or 0, and sheet {sheet} records attendance",
                          "the class hours, e.g. 48")
