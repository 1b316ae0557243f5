"""The class-rosters.xlsx needscli wrote, with attendance filled in -> training records.

The Overview sheet gives each class's topic, training type, period and hours; each class sheet
(named by class id) gives one seat per row below its header. A seat with hours in 出勤学时 attended
those hours. Otherwise its 签到 marks count: an old sheet has one 签到 column, a mark there stands for
the whole class; a sheet needscli writes now has one 签到 column a day (or a week, for a long class),
named in the row below the header (第1天 01-04, 第1周（7天） ...), and the seat attended the class's hours
in the share of days marked present (the leave rule, [hours] leave_max_fraction, then says whether it
completed the class). The share is of every day the sheet prints (共15天): a day no column stands for is a
day absent (records/sign_days.py). A class whose end is after the import date cannot have been completed:
its seats are recorded as not completed, with the days held by then, and a mark on a later day counts
nothing (a warning says so, imports.py once the file's fate is known). Present: √ ✓ 到 已签 签到 出席 ..., the member's own name, [ledger] present_marks;
absent: blank, 缺, 请假 ..., [ledger] absent_marks. A seat marked nowhere (or 0 hours) was absent
and is NOT recorded: the ledger holds training done, and a later copy of the sheet with that seat
filled in adds it. Any other text in a 签到 cell is a warning naming the cell, and that seat waits
for such a later copy.

A 身份证号 is printed masked (110101********1234, [rosters] mask_id_numbers); the sheet keeps the
full id in a hidden column (完整编号), and a masked id is read as that full id when it masks it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from needscli.config import LedgerConfig
from needscli.core.analysis import cadres_named
from needscli.errors import Problem
from needscli.io import cells
from needscli.io.files import Sheet
from needscli.io.sheet_names import SheetNames, sheet_name
from needscli.io.tables import KEPT, RowReader, column_letter, quoted
from needscli.labels import CODE_TABLES
from needscli.records.removal import CODE_LENGTH
from needscli.records.rows import (
    _TYPES,
    CLASS_SHEET,
    DATE,
    DELIVERY_WORDS,
    EPSILON,
    OVERVIEW,
    OVERVIEW_SHEETS,
    Cell,
    CellFault,
    NotEnded,
    RecordsTable,
    RowsReader,
    Source,
    alias_index,
    filled_cell,
    find_header,
    leave_exceeded,
    make_records_table,
    require,
    uncomputed,
    uncomputed_at,
    word_of,
)
from needscli.records.seat_ids import SeatIds, off_roster, seat_id_fault
from needscli.records.sign_days import (
    YEAR_DAYS,
    SignColumn,
    by_day_number,
    dated_by_numbers,
    dates_differ,
    days_not_held,
    lesson_numbering,
    marks_after,
    marks_on_days_off,
    missing_days,
    same_days,
    same_days_problem,
    sign_columns,
    unmet_off_days,
    week_days_checked,
)
from needscli.text import fold, typed_command
from needscli.vocab import RESOURCE_KIND_WORDS

_OVERVIEW_INDEX = alias_index(OVERVIEW)
_CLASS_INDEX = alias_index(CLASS_SHEET)
ID_NUMBER = re.compile(r"\d{17}[\dXx]|\d{15}")  # a 身份证号: 18 characters (the last a digit or X), or the old 15
MASK = "*"
# marks a sign-in sheet says it accepts, read so whatever [ledger] adds (what it lists comes first)
SIGNED = ("√", "✓", "✔", "☑", "✅", "v", "到", "已到", "签", "签到", "已签", "已签到", "出席", "出勤", "在")
NOT_SIGNED = ("×", "✗", "✘", "x", "缺", "缺席", "缺勤", "未到", "未签", "请假", "病假", "事假", "公假", "旷课",
              "/", "-", "—")
MARKS = ("√, ✓, 到, 已签, 签到 or the member's own name (present); blank, 缺 or 请假 (absent); "
         "or the hours in 出勤学时")
# the class's own dates and days, on the line above a sign-in sheet's header: 培训时间：2027年1月1日至2027年1月12日
# （共12天，72学时）; Dates: 2027-01-01 to 2027-01-12 (12 days, 72 h); 培训时间：2026-12（共15天，90学时） (days only)
_DAY = re.compile(r"(\d{4})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|-(\d{1,2})-(\d{1,2})\b)")
_CLASS_DAYS = re.compile(r"[（(]\s*(?:共\s*)?(\d+(?:\.\d+)?)\s*(?:天|days?\b)", re.IGNORECASE)


def looks_like_id_number(text: str) -> bool:
    """Whether an id is a 身份证号 (18 characters, 17 digits and a digit or X; or the old 15 digits)."""
    return ID_NUMBER.fullmatch(text) is not None


def mask_id_number(text: str) -> str:
    """110101199003071234 -> 110101********1234: the region (first 6) and the last 4 kept."""
    return text[:6] + MASK * (len(text) - 10) + text[-4:]


class Marks(NamedTuple):
    """The folded marks read as present and as absent."""

    present: frozenset[str]
    absent: frozenset[str]


def read_marks(settings: LedgerConfig) -> Marks:
    """[ledger] present_marks and absent_marks, and the marks sign-in sheets list (what [ledger] lists wins)."""
    present = {fold(m) for m in settings.present_marks}
    absent = {fold(m) for m in settings.absent_marks}
    return Marks(frozenset(present | ({fold(m) for m in SIGNED} - absent)),
                 frozenset(absent | ({fold(m) for m in NOT_SIGNED} - present)))


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
    if classes and not any(expected[c.class_id] in by_name or c.class_id in by_name for c in classes):
        # the class-rosters.xlsx of a plan past limits.roster_sheets: its sign-in sheets are in the workbooks
        # beside it, and importing it with them (class-rosters*.xlsx) is no fault
        reader.problems.extend(table.problems)
        reader.problems.append(Problem(
            code="no-sign-in-sheets", severity="warning", file=reader.source.file, sheet=overview.name,
            message="this workbook holds none of its classes' sign-in sheets; nothing was read from it: a plan of "
            "many classes has them in the class-rosters-<organizer>.xlsx files beside it, import those",
            expected="the workbooks that hold the sign-in sheets"))
        return
    ids = SeatIds(reader.roster)
    for info in classes:
        sheet = by_name.get(expected[info.class_id]) or by_name.get(info.class_id)
        if sheet is None:
            table.problem("missing-sheet", info.row, table.columns.fields["class_id"],
                          f"has no sheet of its own (expected a sheet named {expected[info.class_id]})",
                          "one sign-in sheet per class, as needscli wrote them")
            continue
        _read_class_sheet(reader, info, sheet, ids)
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
        # a period of an error value is said as one, not as empty (the clerk sees #REF! there)
        dated = uncomputed(r, {"period": "date"})
        start, end, fault = period_dates(table.raw(row, "period"))
        if fault and not dated:
            r.fail("period", "bad-date", fault, DATE)
        hours = r.get("hours", cells.parse_number, code="bad-number", expected="the class hours, e.g. 48")
        # a host of an error value is no blank: an online academy's class is recorded as online (part of the record's
        # key), read as blank as concentrated, and again as online from the corrected copy
        uncomputed(r, {"resource": "host"})
        resource = r.get("resource", default="")
        online = word_of(RESOURCE_KIND_WORDS, resource) == "online" or word_of(DELIVERY_WORDS, resource) == "online"
        if r.rejected:
            continue
        out.append(ClassInfo(class_id, topic, _TYPES.get(fold(type_text), ""), start, end, hours or None,
                             "online" if online else "concentrated", table, excel_row))
    return out, listed


class ClassDates(NamedTuple):
    """A class's own dates and days, as its sign-in sheet prints them (None where it does not)."""

    start: dt.date | None
    end: dt.date | None
    days: float | None
    backwards: tuple[dt.date, dt.date] | None = None  # printed last before first (2026-12-21 至 2026-12-01)


def sheet_dates(rows: list[list[object]], header_row: int) -> ClassDates:
    """The dates and days a sign-in sheet prints above its header (培训时间：…至…（共12天，…）)."""
    for row in rows[:header_row - 1]:
        for value in row:
            text = cells.parse_text(value)[0] if value is not None else ""
            found = _CLASS_DAYS.search(text)
            if found is None:
                continue
            days = [_date_of(m) for m in _DAY.finditer(text[:found.start()])]
            dated = [d for d in days if d is not None]
            start, end = (dated[0], dated[-1]) if dated and dated[-1] >= dated[0] else (None, None)
            backwards = (dated[0], dated[-1]) if dated and dated[-1] < dated[0] else None
            return ClassDates(start, end, float(found.group(1)) or None, backwards)
    return ClassDates(None, None, None)


def _date_of(match: re.Match[str]) -> dt.date | None:
    year, month, day = match.group(1), match.group(2) or match.group(4), match.group(3) or match.group(5)
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


# what a clerk writes in the box of a day the class did not meet (a weekend's, on a sheet with one): no mark of a seat
REST_MARKS = frozenset(fold(m) for m in ("休息", "休", "休假", "放假", "周末", "无课", "rest", "off", "day off"))


class SignIn(NamedTuple):
    """How a class sheet's marks are counted: its 签到 columns, the class's days a seat's share is of (days no
    column stands for among them, absent), and the import date (a day after it had not been held yet)."""

    signs: list[SignColumn]
    days: float
    today: dt.date


def _read_class_sheet(reader: RowsReader, info: ClassInfo, sheet: Sheet, ids: SeatIds) -> None:
    columns = find_header(sheet.rows, _CLASS_INDEX)
    file = reader.source.file
    if columns is None:
        info.overview.problem("missing-sheet", info.row, info.overview.columns.fields["class_id"],
                              f"its sheet {sheet.name} has no header row (编号, 签到, 出勤学时)",
                              "the sign-in sheet as needscli wrote it")
        return
    table = make_records_table("class", file, sheet, columns, reader.config, CLASS_SHEET)
    require(table, ("cadre_id",), ("signature", "attended_hours"))
    if table.header_errors:  # a header cell of #REF! may be a day's 签到: an error (header_error), said here, the sheet
        reader.problems.extend(table.problems)  # neither read as left blank (its marks unseen) nor as signed
        return
    # a sheet signed in is the class held: its printed dates are the class's, and its days count (the plan's
    # month of the Overview stands where the sheet prints no dates; the days its columns name where no days)
    printed = sheet_dates(sheet.rows, columns.header_row)
    signs, days_row = sign_columns(table, _CLASS_INDEX, printed.start or info.start)
    if not _filled_in(table, signs, days_row):
        reader.blank_classes.append(info.class_id)  # not held yet, or not returned: nobody was absent
        return
    if printed.backwards is not None:  # recorded from the plan's month, silently, before
        first, last = (day.isoformat() for day in printed.backwards)
        expected = "the class's first date before its last (培训时间：2026年12月1日至2026年12月21日)"
        reader.problems.append(Problem(code="bad-value", file=reader.source.file, sheet=sheet.name,
                                       message=f"the sheet prints its dates the wrong way round, {first} to {last}; "
                                               f"expected {expected}", expected=expected))
        return
    if printed.start and printed.end and printed.days and printed.days > (printed.end - printed.start).days + 1:
        span = (printed.end - printed.start).days + 1  # 共999天 from 12-01 to 12-21: the ledger would count 999
        what = (f"the sheet prints {printed.days:g} days of the class from {printed.start.isoformat()} to "
                f"{printed.end.isoformat()}, which hold {span}")
        expected = "the class's days (共15天) no more than the days from its first date to its last"
        reader.problems.append(Problem(code="bad-value", file=reader.source.file, sheet=sheet.name,
                                       message=f"{what}; expected {expected}", expected=expected))
        return
    marks = read_marks(reader.settings)
    start, end = (printed.start, printed.end) if printed.start else (info.start, info.end)
    days = printed.days or (float(sum(s.days for s in signs)) if days_row else None)
    today = reader.source.imported_at
    if days_row is None and printed.start and printed.end:  # a mark of an old sheet's 签到 stands for the whole class
        span = (printed.end - printed.start).days + 1
        signs = [s._replace(days=span, first=printed.start, last=printed.end) for s in signs]
    header = table.columns.headers[signs[0].col] if signs else "签到"
    # a class meets on working days: a Saturday, Sunday or public holiday (the config's) has no box and counts
    # neither way, nor one a seat of an older sheet had but no seat signed ([classes] meets_on_rest_days: it meets);
    # the boxes are numbered by the days of lessons (第6天 the Monday after a first week from Monday)
    is_off = None if reader.config.classes.meets_on_rest_days else reader.config.classes.is_holiday
    # two columns for one day as the sheet names them (a column copied with its label): a seat marked in both would
    # have its day counted twice
    pair = same_days(signs) if days_row is not None else None
    if pair is not None:
        reader.problems.append(same_days_problem(file, sheet.name, header, pair, days_row or 0))
        return
    if days_row is not None and printed.start and printed.end:
        # the class moved (its printed dates changed), its columns keeping the old dates: read by their numbers
        numbered = by_day_number(signs, printed.start, printed.end, lesson_numbering(signs, is_off))
        if numbered is not None:
            reader.problems.append(dates_differ(reader.source.file, sheet.name, header, signs, printed.start,
                                                printed.end))
            signs = numbered
    if days_row is not None and printed.start and printed.end:  # columns whose dates were cut off: by their numbers
        signs = dated_by_numbers(signs, printed.start, printed.end, is_off)
    signs = week_days_checked(signs, is_off)
    numbering = lesson_numbering(signs, is_off)  # how the days a message names are numbered, as the columns are
    off_days: list[SignColumn] = []  # the boxes of days off read as days without lessons (unmet_off_days)
    if days_row is not None and is_off is not None:
        def signed(value: object) -> bool:
            key = fold(cells.parse_text(value)[0]) if value is not None else ""
            return bool(key) and key not in marks.absent and key not in REST_MARKS

        unmet = unmet_off_days(table, signs, days_row, is_off, signed)
        if any(n for _, n in unmet):
            reader.problems.append(marks_on_days_off(file, sheet.name, header, [(s, n) for s, n in unmet if n]))
        kept = [s for s in signs if s not in {s for s, _ in unmet}]
        if kept:
            off_days, signs = [s for s in signs if s not in kept], kept
    share_of = (_share_of(reader, sheet.name, header, signs, printed, is_off, numbering) if days_row
                else float(max(sum(s.days for s in signs), 1)))
    sign_in = SignIn(signs, share_of, today)
    # a class not ended by the import date cannot have been completed: its seats are recorded as not completed
    last_day = printed.end or max((s.last for s in signs if s.last is not None), default=None)
    # ended by its last day of lessons: a class printed to a Saturday is imported on its Friday
    ended = last_day is None or (last_day if is_off is None else _last_lesson(
        last_day, printed.start or last_day - dt.timedelta(days=YEAR_DAYS), is_off)) <= today
    marked_later = False
    for excel_row, row in table.data_rows():
        if excel_row == days_row:
            continue
        r = RowReader(table, excel_row, row)
        absent_before = reader.absent
        attended, later = _attended(reader, r, info, sign_in, marks)
        _invalid_on_days_off(r, off_days, header)
        marked_later = marked_later or later
        if reader.absent > absent_before and ended:  # an obligation's seat left empty: the office chases it
            _compulsory_missed(table, r, "absent")
        cadre_id = _cadre_id(r) if attended is not None and not r.rejected else ""
        if attended is None or r.rejected:
            continue
        fault = seat_id_fault(r, cadre_id, ids)
        if fault:  # a warning: the file is imported, this seat waits for a copy with its id fixed
            table.problem("unexpected-id", excel_row, table.columns.fields["cadre_id"],
                          f"{fault.what}; this seat was not recorded", fault.expected, severity="warning")
            reader.held_back += 1
            continue
        hours = info.hours or 0.0
        completed = ended and (info.delivery == "online"
                               or not leave_exceeded(hours, attended, reader.config.hours.leave_max_fraction))
        if ended and not completed:
            _compulsory_missed(table, r, "leave")
        # an id on no row of the roster given is recorded: its warning says so once the file's fate is known
        reader.add(table, r, off_roster=off_roster(cadre_id, ids), hours_at=_hours_cell(table, r, signs),
                   cadre_id=cadre_id, topic=info.topic,
                   topic_id=reader.topic_id(info.topic), class_id=info.class_id,
                   training_type=info.training_type, delivery=info.delivery, start_date=start,
                   end_date=end, days=days, hours=hours, attended_hours=round(attended, 2), completed=completed)
    later_days = days_not_held(signs, today, printed.start, numbering) if marked_later else None
    if not ended and last_day is not None:  # its warning says what to do once the file's fate is known
        reader.not_ended.append(NotEnded(info.class_id, sheet.name, last_day, printed.end is not None, later_days,
                                         header))
    elif later_days is not None and last_day is not None:  # columns dated past the class's end, and the import date
        reader.problems.append(marks_after(reader.source.file, sheet.name, header, later_days, today, last_day))
    reader.problems.extend(table.problems)


# the item of its note a sign-in sheet prints on the seat of a member it serves a compulsory training
# (reports.class_rosters' duty notes: 必训：任职培训，2027-03-31 前; Compulsory: appointment training, due 2027-03-31),
# below a sent-up member's 上级调训（县委管理）; each item opens its line, and a line the column cannot hold is broken
# after a comma or before a bracket (必训：集中轮训，/ 2027-09-30 前)
_COMPULSORY = re.compile(r"(?:必训|compulsory)\s*[：:]", re.IGNORECASE)
_NOTE_ITEM = re.compile(r"(?:必训|compulsory)\s*[：:]|上级调训|sent up from", re.IGNORECASE)
# the duty as printed (labels' rosters.sign.duty*): the kind, then ，2027-03-31 前 (, due 2027-03-31), then ，已逾期
# (, overdue); a clerk's words written after it (缺勤，由XZ0022顶替 on a line below) are no part of it
_KINDS = "|".join(re.escape(words) for kind in CODE_TABLES["obligation"].values() for words in kind)
_PRINTED_DUTY = re.compile(rf"\s*((?:{_KINDS})(?:\s*[，,]\s*(?:due\s*)?\d{{4}}-\d{{1,2}}-\d{{1,2}}(?:\s*前)?)?"
                           r"(?:\s*[，,]\s*(?:已逾期|overdue))?)", re.IGNORECASE)


def compulsory_duty(note: str) -> str | None:
    """The compulsory training a seat's 备注 names (集中轮训，2027-09-30 前), read over the whole note, its lines joined
    as written, however the sheet or a clerk broke them: from 必训： to the end of the duty as printed (a clerk's note
    below it, 缺勤，由XZ0022顶替, is not quoted as the duty's); a duty not as printed, to the next item (上级调训 …) or
    the note's end. None where it names none."""
    text = ""
    for line in (part.strip() for part in note.splitlines()):
        if line:
            # English words broken at a comma were one space apart; Chinese ones none
            text += " " + line if text and text[-1].isascii() and line[0].isascii() else line
    found = _COMPULSORY.search(text)
    if found is None:
        return None
    printed = _PRINTED_DUTY.match(text, found.end())
    if printed is not None:
        return printed.group(1)
    after = _NOTE_ITEM.search(text, found.end())
    return text[found.end():after.start() if after else None].strip(" ，,；;") or None


def _compulsory_missed(table: RecordsTable, r: RowReader, why: str) -> None:
    """A warning at the seat's 备注 where the sheet notes the class as a compulsory training of its member (必训：…,
    an item of the note, whatever lines it is broken over) and the member was absent (why "absent") or absent past the leave allowed (why "leave") from
    the class held: the obligation is not met, which the import's counts alone (缺勤 1 人次) did not say."""
    col = table.columns.fields.get("note")
    note = r.row[col] if col is not None and col < len(r.row) else None
    if not isinstance(note, str):
        return
    duty = compulsory_duty(note)
    if not duty:
        return
    who = cells.text_at(r.row, table.columns.fields["cadre_id"]) or "the member"
    what = (f"{who} was absent from this class" if why == "absent"
            else f"{who} was absent for more than the leave allowed of this class")
    table.problem("compulsory-missed", r.excel_row, col,
                  f"{what}, a compulsory training for them ({duty}): the training is still to be done",
                  "a seat in a later class of the training (the next needscli analyze --ledger plans it again)",
                  severity="warning")


def _last_lesson(end: dt.date, start: dt.date, is_off: Callable[[dt.date], bool]) -> dt.date:
    """The last day from start to end that is no day off (end itself where every one is)."""
    day = end
    while day > start and is_off(day):
        day -= dt.timedelta(days=1)
    return end if is_off(day) else day


def _share_of(reader: RowsReader, sheet: str, header: str, signs: list[SignColumn], printed: ClassDates,
              is_off: Callable[[dt.date], bool] | None, numbered: Callable[[dt.date], bool] | None) -> float:
    """The days a seat's share of a sheet of one column a day (or week) is of: the days its columns stand for, and
    the days of those it prints (共15天) that no column stands for (a column deleted; not a day is_off, on which the
    class does not meet), said in a warning (the columns named by the sheet's own header: 签到, Signature)."""
    lost, spans = missing_days(signs, printed.start, printed.end, printed.days, is_off, numbered)
    covered = sum(s.days for s in signs)
    if lost:
        which = (", ".join(span.said() for span in spans) if spans
                 else "the remaining day" if lost == 1 else f"the remaining {lost} days")
        verb, was = ("has", "was") if lost == 1 else ("have", "were")
        lessons = covered + lost  # fewer than it prints where days off (is_off) have no column
        days = (f"{printed.days:g} days of the class" if not printed.days or lessons >= printed.days
                else f"{printed.days:g} days of the class, {lessons} of them days of lessons,")
        what = (f"the sheet prints {days} and has {header} columns for {covered} of them: "
                f"{which} {verb} no {header} column and {was} read as absent for every seat")
        expected = f"a {header} column for every day of the class, as needscli wrote the sheet"
        reader.problems.append(Problem(code="missing-sign-in-days", severity="warning", file=reader.source.file,
                                       sheet=sheet, message=f"{what}; expected {expected}", expected=expected))
    return float(max(covered + lost, 1))


def _hours_cell(table: RecordsTable, r: RowReader, signs: list[SignColumn]) -> Cell | None:
    """Where a seat's hours come from: its 出勤学时, else its 签到 cells (G7:I7)."""
    filled = filled_cell(table, r, "attended_hours")
    if filled is not None or not signs:
        return filled
    first, last = column_letter(signs[0].col), column_letter(signs[-1].col)
    header = table.columns.headers[signs[0].col]
    return Cell(header, f"{first}{r.excel_row}" + (f":{last}{r.excel_row}" if last != first else ""))


def not_ended_warning(note: NotEnded, source: Source, recorded: bool) -> Problem:
    """The warning of a sheet signed before its class ended: its seats read as not completed, with the hours of the
    days held by the import date (marks on later days not counted); the removal of its records advised where they
    were added (recorded: the file imported, with records of the class), for the finished sheet would clash."""
    by = "(as its sheet prints)" if note.printed else f"(as its {note.column} columns are dated)"
    what = (f"class {note.class_id} ends on {note.end.isoformat()} {by}, after the import date, "
            f"{source.imported_at.isoformat()}: it cannot have been completed yet, so its seats were read as not "
            "completed, with the hours of the days held so far")
    if note.later is not None:
        what += f"; {note.later.said()} had not been held yet, and the sign-in marks on them were not counted"
    expected = "the sheet imported once the class has ended"
    if recorded:
        # this import's records of the class alone, by the import's code: --class alone would take every plan's
        # class of that id too (each plan numbers its classes from C001), the file's name a finished copy saved under it
        command = typed_command(["needscli", "records", "remove", "--source", source.hash[:CODE_LENGTH], "--class",
                                 note.class_id, "--yes"])
        expected += f"; before the finished sheet is imported, the records of this one taken back ({command})"
    return Problem(code="class-not-ended", severity="warning", file=source.file, sheet=note.sheet,
                   message=f"{what}; expected {expected}", expected=expected)


def _filled_in(table: RecordsTable, signs: list[SignColumn], days_row: int | None) -> bool:
    """Whether any seat of a class sheet has a mark in a 签到 cell or hours in 出勤学时 (a blank one has none); an
    error value (#REF!) or a formula with no saved result there is no blank: the clerk sees the sheet filled."""
    cols = [s.col for s in signs]
    if "attended_hours" in table.columns.fields:
        cols.append(table.columns.fields["attended_hours"])
    shown = {*table.errors, *table.unvalued}  # (Excel row, column from 1) of the cells read as empty that are not
    return any((c < len(row) and not cells.is_blank(row[c])) or (excel_row, c + 1) in shown
               for excel_row, row in table.data_rows() if excel_row != days_row for c in cols)


def _cadre_id(r: RowReader) -> str:
    """The id of a seat attended; a masked one (110101********1234) is the full id of the hidden column it
    masks (the id of an absent seat is never needed: a sheet typed again without that column still reads)."""
    shown = str(r.get("cadre_id", cells.parse_id, default=""))
    if MASK not in fold(shown):
        return shown
    full = r.get("full_id", cells.parse_id, default="")
    if full and looks_like_id_number(full) and fold(mask_id_number(full)) == fold(shown):
        return str(full)
    r.fail("cadre_id", "masked-id", "is masked (******), and the hidden column 完整编号 (Full ID) of the row "
           "does not hold the id it masks", "the class-rosters.xlsx needscli wrote, with its hidden 完整编号 "
           "column, or the full id typed in")
    return ""


def _attended(reader: RowsReader, r: RowReader, info: ClassInfo, sign_in: SignIn,
              marks: Marks) -> tuple[float | None, bool]:
    """Hours attended by the seat of this row (None when absent, unread or faulty), and whether it has a mark on a
    day not held by the import date (not counted).

    Every fault of the row is reported, not only the first: each check runs whatever the others found.
    """
    signed = _signed(r, sign_in, marks)
    name = _name(r)
    if uncomputed(r, {"cadre_id": "id"}):
        pass  # an id the clerk sees #REF! in (or a formula's unsaved result) is said as one, not as a walk-in's
    elif not cells.is_blank(r.table.raw(r.row, "cadre_id")):
        r.get("cadre_id", cells.parse_id, required=True, code="bad-id", expected="an id as text")
    elif name:
        _name_only(reader, r, name)  # a walk-in written in by hand: refused, told the ids of that name
    elif name is None:  # a name cell of no text: said at its cell (_name)
        pass
    elif _marked(r, sign_in.signs):
        r.fail("cadre_id", "missing-value", NO_ONE, NO_ONE_EXPECTED)  # a stray mark below the class's rows
    else:  # no id, no name, no mark (a row numbered for a walk-in who never came): nobody's, as a blank row
        return None, False
    # hours the clerk sees as #REF! (or a formula's unsaved result), read as blank, would be the marks' hours: an error
    attended = None if uncomputed(r, {"attended_hours": "hours attended"}) else r.get(
        "attended_hours", cells.parse_number, code="bad-number", expected="hours attended, e.g. 40")
    for sign in signed.unread:  # a warning: the file is imported, this seat waits for a copy with the cell fixed
        fault = _no_mark(r, sign.col)
        what = fault.what + ("" if attended is not None else f"; {UNRECORDED}")
        r.table.problem(fault.code, r.excel_row, sign.col, what, fault.expected, severity="warning",
                        column=sign.name)
    if signed.unread and attended is None:
        reader.held_back += 1
    if attended and info.hours is not None and attended > info.hours + EPSILON:
        r.fail("attended_hours", "bad-number", f"is more than the class's {info.hours:g} hours",
               "hours attended up to the class hours")
    if (attended or (attended is None and signed.days and not signed.unread)) and info.hours is None:
        _report_hours(info, r.table.sheet)  # the seat was attended, and the class's hours are unknown
        r.rejected = True
    if r.rejected or (attended is None and signed.unread):
        return None, signed.later
    if attended is None and signed.days:
        attended = info.hours * signed.days / sign_in.days if info.hours is not None else None
    if not attended:
        reader.absent += 1
        return None, signed.later
    return attended, signed.later


def _name(r: RowReader) -> str | None:
    """The seat's name ("" where the sheet has none). A number cell of NaN or infinity (<v>NaN</v>, no spreadsheet
    program writes it: a forged or broken file) is no name (None), said at its cell as any other import says it; so is
    an error value (#REF!) or a formula with no saved result, read as empty though the clerk sees a value there: a
    warning where the seat has its id (it is recorded under it), an error where it has none (a seat is recorded under
    its id, and there is no name to tell it by either)."""
    table, raw = r.table, r.table.raw(r.row, "name")
    name, fault = cells.parse_text(raw)
    col = table.columns.fields.get("name")
    shown = uncomputed_at(table, r.excel_row, col, raw, "name") if col is not None else None
    if shown is not None:
        code, what, fixed = shown.code, shown.what, shown.expected
    elif fault:
        code, what, fixed = "bad-value", fault, ""
    else:
        return name
    given = not cells.is_blank(table.raw(r.row, "cadre_id"))
    if code == "bad-value" and given:  # a NaN name beside its id: read as blank, retyped
        what, fixed = f"{fault}, so it was read as blank{KEPT}", cells.RETYPED
    r.fail("name", code, what, fixed if given else f"{NAMED}; {NAME_ONLY}", keep=given)
    return None


UNRECORDED = "this seat was not recorded: fix the cell and import the sheet again"


def _no_mark(r: RowReader, col: int) -> CellFault:
    """What the row's 签到 cell at col that is no mark is. An error value (#REF!) or a formula with no saved result,
    read as empty though the clerk sees a value there, is said as rows.uncomputed says a records sheet's hours; a
    number cell of NaN or infinity (a forged or broken file) as parse_text says a text cell of one; neither is read as
    blank (absent). Any other is an unknown mark."""
    table, value = r.table, r.row[col] if col < len(r.row) else None
    shown = uncomputed_at(table, r.excel_row, col, value, "attendance mark")
    if shown is not None:
        return shown
    if cells.parse_text(value)[1]:
        return CellFault("bad-value", f"{quoted(value)} is an invalid number, not an attendance mark", MARKS)
    return CellFault("bad-value", "is not an attendance mark", MARKS)


def _uncomputed_mark(r: RowReader, col: int) -> bool:
    """Whether the row's 签到 cell at col, read as empty, shows a value in Excel: an error value (#REF!) or a formula
    with no saved result. It is no mark, and no blank either (_no_mark)."""
    value = r.row[col] if col < len(r.row) else None
    return (value is None or value == "") and uncomputed_at(r.table, r.excel_row, col, value, "") is not None


# a box of a day off (unmet_off_days) holding no mark: its column counts for no seat
OFF_DAY = "; a box of a day off, read as a day without lessons: not counted"


def _invalid_on_days_off(r: RowReader, off_days: list[SignColumn], header: str) -> None:
    """Warn at each of the row's boxes of a day off the class did not meet (unmet_off_days) that holds a number cell
    of NaN or infinity (a forged or broken file), an error value (#REF!) or a formula with no saved result, as any
    other 签到 cell of one is said (_no_mark): its column counts for no seat, and the cell, no mark and no blank
    either, went unsaid."""
    for sign in off_days:
        value = r.row[sign.col] if sign.col < len(r.row) else None
        if cells.parse_text(value)[1] or _uncomputed_mark(r, sign.col):
            fault = _no_mark(r, sign.col)
            r.table.problem(fault.code, r.excel_row, sign.col, fault.what + OFF_DAY,
                            f"a {header} box of a day off signed by most seats where the class met then, else left "
                            "blank", severity="warning", column=sign.name)


def _marked(r: RowReader, signs: list[SignColumn]) -> bool:
    """Whether the row has anything in a 签到 cell or in 出勤学时, an error value (#REF!) or a formula with no saved
    result among them: the clerk sees it filled."""
    hours = r.table.columns.fields.get("attended_hours")
    return any(not cells.is_blank(r.row[s.col]) for s in signs if s.col < len(r.row)) or not cells.is_blank(
        r.table.raw(r.row, "attended_hours")) or any(
        _uncomputed_mark(r, col) for col in [*(s.col for s in signs), *([] if hours is None else [hours])])


NAME_ONLY = "none of this workbook's sheets is imported until it is written (a seat is recorded under its id)"
NAMED = "the id and name of the cadre who attended written in this row"
NO_ONE = "is empty, and so is the name: the row's marks are no one's"
NO_ONE_EXPECTED = ("the id and name of the cadre who attended written in this row, or the marks deleted where they "
                   "were made by mistake; none of this workbook's sheets is imported until then (a seat is recorded "
                   "under its id)")


def _name_only(reader: RowsReader, r: RowReader, name: str) -> None:
    """A seat with a name and no id (a walk-in written in by hand) is refused, never given an id by its name
    (namesakes are common): with a roster, its message names the ids of that name (as records show finds a cadre
    by name), with their units where several have it."""
    if reader.roster is None:
        what = "is empty: the row gives a name only"
        expected = f"the cadre's id as the roster writes it (records import --roster names the ids of the name); {NAME_ONLY}"
    else:
        named = cadres_named(reader.cadres, name)
        if not named:
            what = "is empty, and the roster given has no cadre of the name written"
            expected = f"the cadre's id as his unit writes it; {NAME_ONLY}"
        elif len(named) == 1:
            what = f"is empty; the roster given has one cadre of the name written, {named[0].id}"
            expected = f"{named[0].id} written in this cell, where that is the cadre who attended; {NAME_ONLY}"
        else:
            ids = ", ".join(f"{c.id} ({c.unit})" if c.unit else c.id for c in named)
            what = f"is empty; the roster given has {len(named)} cadres of the name written: {ids}"
            expected = f"the id of the one who attended written in this cell; {NAME_ONLY}"
    r.fail("cadre_id", "missing-value", what, expected)


class Signed(NamedTuple):
    """A seat's 签到 marks: the class days marked present (and held), the cells that are no mark, and whether a
    day not yet held is marked."""

    days: int
    unread: list[SignColumn]
    later: bool


def _signed(r: RowReader, sign_in: SignIn, marks: Marks) -> Signed:
    """The days of the class held by the import date the seat is marked present, and the 签到 cells that are no
    mark; a column of days not held yet is not read (a mark there counts nothing)."""
    name = fold(cells.text_at(r.row, r.table.columns.fields["name"])) if "name" in r.table.columns.fields else ""
    present, unread, later = 0, [], False
    for sign in sign_in.signs:
        text, fault = cells.parse_text(r.row[sign.col]) if sign.col < len(r.row) else ("", "")
        key = fold(text)
        if not (key or fault) and _uncomputed_mark(r, sign.col):  # #REF! is filled, with no mark: not absent
            fault = "uncomputed"
        if not (key or fault) or key in marks.absent:  # a NaN is filled, with no mark: not read as blank (absent)
            continue
        held = sign.held(sign_in.today)
        later = later or held < sign.days
        if not held:
            continue
        if not fault and (key in marks.present or key == name):
            present += held
        else:
            unread.append(sign)
    return Signed(present, unread, later)


def _report_hours(info: ClassInfo, sheet: str) -> None:
    """The class's hours are needed to record its attendance: one problem, at the Overview cell."""
    if info.hours_reported:
        return
    info.hours_reported = True
    col = info.overview.columns.fields["hours"]
    info.overview.problem("missing-value", info.row, col,
                          f"is empty or 0, and sheet {sheet} records attendance",
                          "the class hours, e.g. 48")
