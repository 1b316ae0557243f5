"""The 签到 columns of a sign-in sheet and the class days they stand for.

A sheet needscli writes has one 签到 column a day (or a week, for a long class), named in the row below the
header with its dates (第1天 01-04, 第1周（7天） 01-04–01-10). Dated by the class's year, the columns say which of
the class's days a mark stands for: a day after the import date had not been held yet, so a mark on it is not
counted; a day of the dates the sheet prints (共15天) that no column stands for (its column deleted) is a day the
seats were absent, never a day left out of the share, or deleting a column would pass the leave rule. A class
meets on working days unless [classes] meets_on_rest_days: its Saturdays, Sundays and public holidays have no
column, and count neither way (a sheet with a box for one that no seat marked: the class did not meet then).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import NamedTuple

from needscli.core.day_runs import day_runs, days_between
from needscli.errors import Problem
from needscli.io import cells
from needscli.io.headers import match_header
from needscli.io.tables import Table
from needscli.text import chinese_number, column_letter, fold

_COUNT = r"(?:\d+|[一二三四五六七八九十两]+)"  # a number in digits or Chinese numerals (text.chinese_number)
# 第1天, 第1周（7天）, Day 1; 第一天, 第十二天 in Chinese numerals
_DAY_LABEL = re.compile(rf"\s*(?:第\s*{_COUNT}|day\s*\d+|weeks?\s*\d+)", re.IGNORECASE)
# （7天）, （五天）: the days a column stands for
_DAYS_OF = re.compile(rf"[（(]\s*({_COUNT})\s*(?:天|d|days?)\s*[）)]", re.IGNORECASE)
# the dates closing a column's name, as the writer prints them: 01-04, or 01-04–01-10 for a week
_DATES = re.compile(r"\s*(\d{1,2})-(\d{1,2})(?:\s*[–—~]\s*(\d{1,2})-(\d{1,2}))?\s*\Z")
# a column's number: 第3天, Day 3 (its day); 第2周, 第2–3周, Week 2, Weeks 2-3 (its first week, 7 days each)
_NUMBER = re.compile(rf"第\s*(?P<zh>{_COUNT})\s*(?:[–—~-]\s*{_COUNT}\s*)?(?P<unit>[天周])|\b(?P<en>day|weeks?)\s*(?P<n>\d+)",
                     re.IGNORECASE)
YEAR_DAYS = 366  # days: the furthest a class's days of lessons are looked for, either way
_FAR = 183  # days: a column's month and day this far before the class's start is of the next year (12-28 .. 01-08)


class SignColumn(NamedTuple):
    """A 签到 column of a class sheet: where it is, its name in messages, the class days it stands for, and their
    dates where its name gives them."""

    col: int
    name: str
    days: int
    first: dt.date | None = None
    last: dt.date | None = None

    def held(self, today: dt.date) -> int:
        """Its days held by today (all of an undated column's)."""
        if self.first is None:
            return self.days
        return max(0, min(self.days, (today - self.first).days + 1))


def sign_columns(table: Table, index: dict[str, str],
                 anchor: dt.date | None = None) -> tuple[list[SignColumn], int | None]:
    """The 签到 columns of a class sheet, and the Excel row naming their days (None on an old sheet); anchor: the
    class's first day (or its month's), whose year dates the columns.

    The header's 签到 cell spans one column a day (or a week); the row below names each (第1天,
    第1周（7天）...), and the other cells of the header are merged down over it (or left empty). A column
    without a name between named ones is the rest of a box merged across both (第1天 over two days' columns)
    where no seat has a mark in it; else a day of its own.
    """
    headers, header_row = table.columns.headers, table.columns.header_row
    below = table.rows[header_row] if header_row < len(table.rows) else []
    cols: list[int] = []
    for c, header in enumerate(headers):  # a copy typed without merging has 签到 over its first day only
        if (match_header(header, index) == "signature" if header
                else bool(cols) and cols[-1] == c - 1 and (_named(below, c) or _before_named(headers, below, c))):
            cols.append(c)
    names = [cells.text_at(below, c) for c in cols]
    id_col = table.columns.fields["cadre_id"]
    id_below = fold(cells.text_at(below, id_col))
    if not any(_DAY_LABEL.match(n) for n in names) or id_below not in ("", fold(headers[id_col])):
        return [SignColumn(c, headers[c] or headers[cols[0]], 1) for c in cols], None
    out: list[SignColumn] = []
    for c, name in zip(cols, names, strict=True):  # name: e.g. "第2天 12-02", its lines joined
        group = headers[c] or headers[cols[0]]
        if not name and out and not _marked(table, c, header_row + 1):  # the rest of the box to its left
            out[-1] = _widened(out[-1])
            continue
        days = _DAYS_OF.search(name)
        first, last = _dated(name, anchor)
        # （0天） on a dated week is counted by its dates (week_days_checked), a day at least where it has none
        said = (chinese_number(days.group(1)) or 0) if days else 1
        out.append(SignColumn(c, f"{group} {name}" if name else group,
                              max(said, 0 if first is not None and last is not None else 1), first, last))
    return out, header_row + 1


def _named(row: list[object], col: int) -> bool:
    return _DAY_LABEL.match(cells.text_at(row, col)) is not None


def _before_named(headers: list[str], below: list[object], col: int) -> bool:
    """A column without a name of its own, followed (past others without one) by a named day of the same 签到."""
    for c in range(col, len(headers)):
        if headers[c]:
            return False
        text = cells.text_at(below, c)
        if text:
            return _DAY_LABEL.match(text) is not None
    return False


def _marked(table: Table, col: int, days_row: int) -> bool:
    return any(col < len(row) and not cells.is_blank(row[col]) for excel_row, row in table.data_rows()
               if excel_row != days_row)


def _widened(sign: SignColumn) -> SignColumn:
    """A column whose box is merged across the next one: a day more."""
    last = sign.last + dt.timedelta(days=1) if sign.last is not None else None
    return sign._replace(days=sign.days + 1, last=last)


def _dated(name: str, anchor: dt.date | None) -> tuple[dt.date | None, dt.date | None]:
    """A column's name -> the dates it ends with (None where it gives none, or no year is known)."""
    found = _DATES.search(name)
    if found is None or anchor is None:
        return None, None
    first = _day_of(int(found.group(1)), int(found.group(2)), anchor)
    last = _day_of(int(found.group(3)), int(found.group(4)), anchor) if found.group(3) else first
    if first is None or last is None or last < first:
        return None, None
    return first, last


def _day_of(month: int, day: int, anchor: dt.date) -> dt.date | None:
    try:
        date = dt.date(anchor.year, month, day)
        return date if (anchor - date).days <= _FAR else date.replace(year=anchor.year + 1)
    except ValueError:
        return None


def by_day_number(signs: list[SignColumn], start: dt.date, end: dt.date,
                  is_off: Callable[[dt.date], bool] | None = None) -> list[SignColumn] | None:
    """The columns dated by their numbers (第3天: the class's 3rd day of lessons from start, is_off days not among
    them; its 3rd day where every day is one) where a column's dates fall outside the class's printed dates, start to
    end (the class moved to other days, its columns keeping the old dates); None where every dated column falls
    inside them, or the numbers read them as dated. A column with no number keeps its dates."""
    if all(s.first is None or s.last is None or (start <= s.first and s.last <= end) for s in signs):
        return None
    out = []
    for sign in signs:
        offset = _day_offset(sign.name)
        if offset is None or sign.first is None or offset > YEAR_DAYS:
            out.append(sign)
            continue
        try:
            if is_off is not None and sign.days == 1 and not _is_week(sign.name):
                first = nth_lesson(start, offset + 1, is_off)
            else:
                first = start + dt.timedelta(days=offset)
            # a week's box keeps the days of its dates (第1周（5天） 12-01–12-07: 7), whatever lessons they hold
            last = first + (sign.last - sign.first if sign.last is not None else dt.timedelta(days=sign.days - 1))
        except OverflowError:  # a date past the calendar's end (a printed year 9999): as the column is
            out.append(sign)
            continue
        out.append(sign._replace(first=first, last=last))
    return out if out != signs else None


def nth_lesson(start: dt.date, number: int, is_off: Callable[[dt.date], bool]) -> dt.date:
    """The class's number-th day of lessons from start (an is_off day none; start+number-1 where none is within a
    year)."""
    day, left = start - dt.timedelta(days=1), number
    while left > 0:
        day += dt.timedelta(days=1)  # OverflowError past 9999-12-31: by_day_number keeps the column as it is
        if (day - start).days >= YEAR_DAYS:
            return start + dt.timedelta(days=number - 1)
        if not is_off(day):
            left -= 1
    return day


def dated_by_numbers(signs: list[SignColumn], start: dt.date, end: dt.date,
                     is_off: Callable[[dt.date], bool] | None) -> list[SignColumn]:
    """The daily columns of a sheet whose dates were cut off (第1天 … 第10天), dated by their numbers from the
    class's printed first day: by its days of lessons where the numbers go no further than those (as needscli
    writes a class that does not meet on weekends), else by its days (an older sheet with a box a day); as they
    are where any column keeps its date or names a week, or a number runs past the printed dates."""
    if any(s.first is not None or s.days != 1 or _is_week(s.name) for s in signs):
        return signs
    numbers = [n for n in map(_day_number, (s.name for s in signs)) if n is not None and n >= 1]
    if not numbers or len(numbers) != len(signs):
        return signs
    lessons = [d for d in days_between(start, end) if not is_off(d)] if is_off is not None else []
    days = lessons if lessons and max(numbers) <= len(lessons) else list(days_between(start, end))
    if max(numbers) > len(days):
        return signs
    return [s._replace(first=days[n - 1], last=days[n - 1]) for s, n in zip(signs, numbers, strict=True)]


def week_days_checked(signs: list[SignColumn], is_off: Callable[[dt.date], bool] | None) -> list[SignColumn]:
    """The dated columns of a week (or weeks) standing for no more days than their dates hold, and one at least: a
    heading edited to （0天） or （999天） counts the days of lessons of its dates (all its days where the class meets
    on every one), or deleting a week's lessons from its heading would pass the 1/7 leave rule."""
    out = []
    for sign in signs:
        if sign.first is not None and sign.last is not None and (sign.days > 1 or _is_week(sign.name)):
            dates = list(days_between(sign.first, sign.last))
            if not 1 <= sign.days <= len(dates):
                held = [d for d in dates if is_off is None or not is_off(d)] or dates
                sign = sign._replace(days=len(held))
        out.append(sign)
    return out


def lesson_numbering(signs: list[SignColumn],
                     is_off: Callable[[dt.date], bool] | None) -> Callable[[dt.date], bool] | None:
    """is_off where the sheet numbers its daily columns by days of lessons (第6天 the Monday after a first week from
    Monday, as needscli writes a class that does not meet on weekends), so that a moved class's columns and the days
    a message names are read by that count; None where they are numbered by the days of its dates (a sheet with a
    box on every day: of a class meeting then, or of an older needscli), as their numbers and dates show."""
    if is_off is None:
        return None
    daily = sorted((number, s.first) for s in signs if s.days == 1 and s.first is not None and not _is_week(s.name)
                   and (number := _day_number(s.name)) is not None)
    if not daily:  # no day of it named: by its dates, as before
        return None
    first_number, first_date = daily[0]
    by_dates = all((date - first_date).days == number - first_number for number, date in daily)
    return None if by_dates and any(is_off(date) for _, date in daily) else is_off


def _day_number(name: str) -> int | None:
    found = _NUMBER.search(name)
    return chinese_number(found.group("zh") or found.group("n")) if found is not None else None


def _is_week(name: str) -> bool:
    found = _NUMBER.search(name)
    return found is not None and ((found.group("unit") or "") == "周"
                                  or (found.group("en") or "").lower().startswith("week"))


def _day_offset(name: str) -> int | None:
    """第3天 -> 2 (days after the class's first); 第2周（7天） -> 7."""
    number = _day_number(name)
    return None if number is None else max(number - 1, 0) * (7 if _is_week(name) else 1)


class DaySpan(NamedTuple):
    """Days of a class named in a message: their numbers (day 1 its first) where known, and their dates."""

    first: int | None
    last: int | None
    start: dt.date
    end: dt.date

    def said(self) -> str:
        """days 4 to 12 (01-07 to 01-15); day 4 (01-07); 01-07 to 01-15 where the class's first day is unknown."""
        dates = f"{self.start:%m-%d}" + (f" to {self.end:%m-%d}" if self.end != self.start else "")
        if self.first is None or self.last is None:
            return dates
        return (f"days {self.first} to {self.last}" if self.last != self.first else f"day {self.first}") + f" ({dates})"


def day_span(start: dt.date, end: dt.date, first_day: dt.date | None,
             is_off: Callable[[dt.date], bool] | None = None) -> DaySpan:
    """The days from start to end of a class whose first day is first_day (None: not known), numbered as its sign-in
    sheet numbers them: by its days of lessons where is_off days are none (第6天 the Monday after a class's first
    week), else by its days."""
    if first_day is None:
        return DaySpan(None, None, start, end)
    if is_off is None:
        return DaySpan((start - first_day).days + 1, (end - first_day).days + 1, start, end)
    numbers = [n for n, day in enumerate((d for d in days_between(first_day, end) if not is_off(d)), 1) if day >= start]
    return DaySpan(numbers[0], numbers[-1], start, end) if numbers else DaySpan(None, None, start, end)


def days_not_held(signs: list[SignColumn], today: dt.date, first_day: dt.date | None,
                  is_off: Callable[[dt.date], bool] | None = None) -> DaySpan | None:
    """The days the dated columns stand for after today, as one span from today's next day."""
    later = [s for s in signs if s.first is not None and s.last is not None and s.held(today) < s.days]
    if not later:
        return None
    start = max(min(s.first or today for s in later), today + dt.timedelta(days=1))
    return day_span(start, max(s.last or today for s in later), first_day, is_off)


def missing_days(signs: list[SignColumn], start: dt.date | None, end: dt.date | None,
                 days: float | None, is_off: Callable[[dt.date], bool] | None = None,
                 numbered: Callable[[dt.date], bool] | None = None) -> tuple[int, list[DaySpan]]:
    """The days of the class the sheet prints (its dates, 共15天) that no 签到 column stands for: how many, and
    where the columns are dated, which (days 3 to 5 (12-03 to 12-05)). A day is_off (a Saturday, Sunday or public
    holiday of a class that does not meet then: class_rosters.rest_days) is not missing: the sheet has no box for
    it. Where the columns are not all dated, the days of lessons the printed dates hold (all the days it prints,
    where is_off is None or its dates are not its days) past the columns' days. The days named are numbered as the
    sheet numbers its columns (numbered: lesson_numbering)."""
    covered = sum(s.days for s in signs)
    lessons = (sum(1 for d in days_between(start, end) if not is_off(d)) if start is not None and end is not None
               and is_off is not None else None)
    if start is not None and end is not None and days in ((end - start).days + 1, lessons):
        if all(s.first is not None for s in signs):
            have = {d for s in signs if s.first is not None and s.last is not None
                    for d in days_between(s.first, s.last)}
            lost = [d for d in days_between(start, end) if d not in have and not (is_off and is_off(d))]
            return len(lost), [day_span(run[0], run[-1], start, numbered) for run in day_runs(lost)]
        if lessons is not None:
            return max(lessons - covered, 0), []
    return max(int(days or 0) - covered, 0), []


def unmet_off_days(table: Table, signs: list[SignColumn], days_row: int, is_off: Callable[[dt.date], bool],
                   signed: Callable[[object], bool]) -> list[tuple[SignColumn, int]]:
    """The columns of a day off (is_off: a Saturday, Sunday or public holiday), on a sheet with a box for it
    (written with [classes] meets_on_rest_days, or by an older needscli), that fewer than half the seats signed
    (signed: a cell that says present, not blank, an absence mark such as 缺, 请假 or /, nor 休息), with how many
    did: the class did not meet then, and no seat was absent (a stray tick does not make the day one of lessons,
    nor every other seat absent on it). A seat is a row that signed any column."""
    off = [s for s in signs if s.days == 1 and s.first is not None and s.first == s.last and is_off(s.first)]
    if not off:
        return []
    rows = [row for excel_row, row in table.data_rows() if excel_row != days_row]
    seats = sum(1 for row in rows if any(s.col < len(row) and signed(row[s.col]) for s in signs))
    counts = [(s, sum(1 for row in rows if s.col < len(row) and signed(row[s.col]))) for s in off]
    return [(s, n) for s, n in counts if n * 2 < seats or not n]


def marks_on_days_off(file: str, sheet: str, header: str, ignored: list[tuple[SignColumn, int]]) -> Problem:
    """The warning of the boxes of days off that a few seats signed, their marks not counted (unmet_off_days)."""
    days = ", ".join(f"{s.first:%m-%d} ({n} {'seat' if n == 1 else 'seats'})" for s, n in ignored if s.first)
    what = (f"the {header} boxes of days off were signed by fewer than half the seats: {days}; read as days without "
            "lessons, those marks not counted")
    expected = f"a {header} box of a day off signed by most seats where the class met then, else left blank"
    return Problem(code="marks-on-day-off", severity="warning", file=file, sheet=sheet,
                   message=f"{what}; expected {expected}", expected=expected)


def dates_differ(file: str, sheet: str, header: str, signs: list[SignColumn], start: dt.date, end: dt.date) -> Problem:
    """The warning of a sheet whose columns' dates are not the class's printed dates (the class moved, the columns
    keeping its old dates): they were read by their day numbers, 第1天 the first day printed."""
    firsts = [s.first for s in signs if s.first is not None]
    lasts = [s.last for s in signs if s.last is not None]
    dated = f"{min(firsts):%m-%d}" + (f" to {max(lasts):%m-%d}" if max(lasts) != min(firsts) else "")
    what = (f"its {header} columns are dated {dated}, not the dates the sheet prints ({start.isoformat()} to "
            f"{end.isoformat()}): they were read by their day numbers, day 1 as {start.isoformat()}")
    expected = f"{header} columns dated as the sheet prints the class's dates (a class moved: its columns' dates too)"
    return Problem(code="sign-in-dates-differ", severity="warning", file=file, sheet=sheet,
                   message=f"{what}; expected {expected}", expected=expected)


def same_days(signs: list[SignColumn]) -> tuple[SignColumn, SignColumn] | None:
    """Two 签到 columns standing for a day both (a column copied with its label, 第1天 01-04 twice, or with its date
    cut off, 第1天 beside 第1天 01-04; a week's dates overlapping the next's), the first such pair in the sheet's order;
    None where each day has one column. A seat's mark in both would count the day twice: its share of the class past
    the whole."""
    numbered: dict[tuple[int, bool], list[SignColumn]] = {}
    for sign in signs:  # by their numbers where one of two is undated (two dated columns: by their dates, below)
        number = _day_number(sign.name)
        if number is not None:
            same = numbered.setdefault((number, _is_week(sign.name)), [])
            twin = next((s for s in same if s.first is None or sign.first is None), None)
            if twin is not None:
                return twin, sign
            same.append(sign)
    dated = sorted((s for s in signs if s.first is not None), key=lambda s: (s.first, s.col))
    reach: SignColumn | None = None  # of the columns so far, the one reaching furthest
    for sign in dated:
        if reach is not None and sign.first is not None and sign.first <= _last_day(reach):
            return tuple(sorted((reach, sign), key=lambda s: s.col))  # type: ignore[return-value]
        if reach is None or _last_day(sign) > _last_day(reach):
            reach = sign
    return None


def _last_day(sign: SignColumn) -> dt.date:
    return sign.last or sign.first or dt.date.min


def same_days_problem(file: str, sheet: str, header: str, pair: tuple[SignColumn, SignColumn],
                      days_row: int) -> Problem:
    """The error of a sheet with two columns for one day (same_days), at the second's day cell: refused, as a sheet
    printing more days than its dates hold is; its columns named with their letters, and the days they share where
    their dates overlap without being one day (two weeks' boxes)."""
    first, second = (f"{s.name.removeprefix(header).strip() or s.name} ({column_letter(s.col)})" for s in pair)
    a, b = pair
    what = f"its {header} columns {first} and {second} stand for the same day"
    if a.first is not None and b.first is not None and (a.first, _last_day(a)) != (b.first, _last_day(b)):
        shared = max(a.first, b.first), min(_last_day(a), _last_day(b))
        days = f"{shared[0]:%m-%d}" + (f" to {shared[1]:%m-%d}" if shared[1] != shared[0] else "")
        what = f"its {header} columns {first} and {second} overlap on {days}"
    expected = f"one {header} column a day (or a week): delete the copied column, or correct its heading"
    return Problem(code="bad-value", file=file, sheet=sheet, row=days_row, column=header,
                   cell=f"{column_letter(b.col)}{days_row}", message=f"{what}; expected {expected}", expected=expected)


def marks_after(file: str, sheet: str, header: str, later: DaySpan, today: dt.date, end: dt.date) -> Problem:
    """The warning of marks on days after the import date in a class ended by then: its columns dated past its end
    (a day no number reads inside the printed dates), their marks not counted."""
    what = (f"the sign-in marks on {later.said()}, after the import date, {today.isoformat()}, were not counted: "
            f"the sheet's {header} columns are dated past the class's end, {end.isoformat()}")
    expected = f"{header} columns for the class's own days, as needscli wrote the sheet"
    return Problem(code="marks-after-import", severity="warning", file=file, sheet=sheet,
                   message=f"{what}; expected {expected}", expected=expected)
