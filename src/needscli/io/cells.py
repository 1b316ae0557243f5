"""Cell parsers. Each takes a raw cell value and returns (value, fault); fault is '' when fine."""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Callable, Iterable
from typing import Any, TypeGuard, TypeVar

from needscli.cache import LIMIT
from needscli.models import Completion
from needscli.text import clean, clean_name, column_letter, list_pieces

T = TypeVar("T")
# the years a date may lie in, a run's (--as-of, --plan-start) and a cell's: its cycles, deadlines and plan months,
# counted back and forward from them, stay within the calendar (a run dated 9999-12-15 or 0001-01-01 ran past it,
# and so did a 任现职时间 of 9999-12-31, as HR systems write "open-ended")
RUN_YEARS = (1900, 2999)
YEARS_FAULT = f"is not a date from {RUN_YEARS[0]} to {RUN_YEARS[1]} (where there is no date, leave the cell blank)"
MEMO_LIMIT = 2 * LIMIT  # distinct cell values of a province's roster
EXCEL_EPOCH = dt.date(1899, 12, 30)
_DATE_RES = [
    # a dot after the last number as clerks type it (2018.10.) is no more than the full stop it looks like
    re.compile(r"^(\d{4})\s*[-./]\s*(\d{1,2})(?:\s*[-./]\s*(\d{1,2}))?\.?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"),
    # 2019年3月, 2019年3月份, 2019年3 (月 left off), 2019年3月1日, 2019年3月1号
    re.compile(r"^(\d{4})\s*年\s*(\d{1,2})(?:\s*月份?(?:\s*(\d{1,2})\s*[日号])?)?$"),
    re.compile(r"^((?:19|20|21)\d{2})(\d{2})(\d{2})?$"),
]
_NUMBER_RE = re.compile(r"^([-+]?\d+(?:\.\d+)?)\s*(?:h|hrs?|hours?|小时|学时|课时)?$", re.IGNORECASE)
_COMPLETION_RE = re.compile(r"^(.*?)\s*[(（]\s*([^)）]*)\s*[)）]\s*$")
_SCIENTIFIC_RE = re.compile(r"^\d\.\d+E\+\d+$", re.IGNORECASE)  # how Excel exports a long number: 1.10105E+17
# invisible control characters; tab, line feed and carriage return are whitespace, which clean() folds
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
LINE_BREAKS = "\x0b\x0c"  # Word's soft line break and page break, as pasted into a cell


# what a form's cell holds to say there is nothing to write: a dash or a slash; in a date cell also 无 (none)
NOTHING_MARKS = frozenset({"-", "--", "—", "——", "–", "－", "/", "／", "\\"})
NO_DATE_MARKS = NOTHING_MARKS | {"无", "暂无", "n/a", "na", "none"}


# the error values Excel (and WPS) show in a cell, as a CSV saved from the workbook writes them: text of no meaning
# (a CSV has no error type), so such a cell is said as the error it is, never read as a unit or a post named #REF!
ERROR_WORDS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
                         "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!", "#PYTHON!"})


def may_be_error(value: object) -> TypeGuard[str]:
    """Whether a cell may hold an error value's text (error_word): text whose first character past any spaces is #
    (" #N/A", as some exports write it). One look at most cells, for the callers that ask before error_word."""
    return isinstance(value, str) and (value[:1] == "#" or value[:1].isspace() and value.lstrip()[:1] == "#")


def error_word(value: object) -> str:
    """The error value a text cell holds, as Excel shows it (#REF! for " #ref! "); "" for any other cell."""
    if not may_be_error(value):
        return ""
    word = value.strip().upper()
    return word if word in ERROR_WORDS else ""


def error_cells(row: int, errors: Iterable[tuple[int, str]]) -> str:
    """A row's cells of error values named by their error, adjacent columns as a range, as messages say them: #N/A in
    A12:F12, I12; #REF! in G12 ("an error value" for one Excel has no name for). errors: (column from 0, the error)
    left to right."""
    by_error: dict[str, list[int]] = {}
    for col, error in errors:
        by_error.setdefault(error, []).append(col)
    return "; ".join(f"{error or 'an error value'} in {', '.join(_ranges(cols, row))}" for error, cols in by_error.items())


def _ranges(cols: list[int], row: int) -> list[str]:
    """Columns (from 0, ascending) of a row as cells, adjacent ones as a range: A12:F12, H12."""
    runs: list[list[int]] = []
    for col in cols:
        if runs and col == runs[-1][-1] + 1:
            runs[-1].append(col)
        else:
            runs.append([col])
    return [f"{column_letter(run[0])}{row}" + (f":{column_letter(run[-1])}{row}" if len(run) > 1 else "")
            for run in runs]


def is_blank(value: object) -> bool:
    """Whether a cell holds nothing: none, or text of nothing printable. A number cell of NaN (<v>NaN</v>, no
    spreadsheet program writes it: a forged or broken file) is filled, with no number: an hours or date cell says
    so, not that it is empty."""
    return value is None or (isinstance(value, str) and (
        not value.strip() or not value.isprintable() and not clean(value)))


_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)  # GB 11643: a 身份证号's check digit
_ID_CHECK = "10X98765432"


# the provinces a 身份证号 begins with (GB/T 2260: 11 北京 ... 65 新疆, 71 台湾, 81 香港, 82 澳门)
_PROVINCES = frozenset({11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51,
                        52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82})


def birth_in_id_number(text: str) -> dt.date | None:
    """The birth date a 身份证号 holds: its 7th to 14th characters where it has 18 and its check digit holds, its
    7th to 12th (19YYMMDD) where it is of the old 15 digits; None for any other id, and for one that begins with no
    province (an office's own number of 15 digits, 000000000101000, is no one born in 1900)."""
    if len(text) in (15, 18) and (not text[:2].isdigit() or int(text[:2]) not in _PROVINCES):
        return None
    if len(text) == 18 and text[:17].isascii() and text[:17].isdigit():
        if _ID_CHECK[sum(int(d) * w for d, w in zip(text[:17], _ID_WEIGHTS, strict=True)) % 11] != text[17].upper():
            return None
        year, month, day = int(text[6:10]), int(text[10:12]), int(text[12:14])
    elif len(text) == 15 and text.isascii() and text.isdigit():
        year, month, day = 1900 + int(text[6:8]), int(text[8:10]), int(text[10:12])
    else:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def without_control(text: str) -> str:
    """text with each invisible control character replaced: a line or page break pasted from Word by a
    line break (which separates the items of a list cell and folds to a space elsewhere), any other by a
    space."""
    return CONTROL.sub(lambda m: "\n" if m.group() in LINE_BREAKS else " ", text)


def parse_text(value: object) -> tuple[str, str]:
    """Any cell as trimmed text; whole numbers lose their '.0'. A number cell of NaN or infinity (<v>NaN</v>, no
    spreadsheet program writes it: a forged or broken file) is a fault, as in a number cell: the clerk sees a cell
    filled, and "is empty" (or a name read as inf) would send them to look for nothing."""
    if isinstance(value, str):  # most cells; a blank one cleans to ""
        return clean(value), ""
    if is_blank(value):
        return "", ""
    if no_text(value):
        return "", f'"{value}" is an invalid number, not text'
    if isinstance(value, bool):
        return ("是" if value else "否"), ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value)), ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" "), ""
    if isinstance(value, dt.date):
        return value.isoformat(), ""
    return clean(str(value)), ""


def no_text(value: object) -> bool:
    """Whether a cell is a number cell of NaN or infinity, which a text cell cannot be read from (parse_text)."""
    return isinstance(value, float) and not math.isfinite(value)


# what a text cell of NaN or infinity is to hold: nothing in the file tells what it showed, so it is typed again
RETYPED = "text, the cell typed in again in Excel or WPS"


def text_at(row: list[object], col: int) -> str:
    """The trimmed text of a row's cell (parse_text), "" past the row's end."""
    return parse_text(row[col])[0] if col < len(row) else ""


def parse_name(value: object) -> tuple[str, str]:
    """A name cell as parse_text reads it, its full-width spaces kept as written (王　伟: clean_name)."""
    if isinstance(value, str):
        return clean_name(value), ""
    return parse_text(value)


def parse_id(value: object) -> tuple[str, str]:
    """An id is text: '007' stays '007'; a number past 15 digits has already lost digits."""
    if isinstance(value, float) and math.isfinite(value):
        if abs(value) >= 1e15:
            return "", (
                "was stored as a number and Excel kept only 15 digits; "
                "format the column as text and type the id again"
            )
        if value.is_integer():
            return str(int(value)), ""
    text, fault = parse_text(value)
    if _SCIENTIFIC_RE.match(text):
        return "", (
            "is in scientific notation, so its digits were lost on export; "
            "format the column as text in Excel and export again"
        )
    return text, fault


def _date_or_fault(year: int, month: int, day: int) -> tuple[dt.date | None, str]:
    if not RUN_YEARS[0] <= year <= RUN_YEARS[1]:
        return None, YEARS_FAULT
    try:
        return dt.date(year, month, day), ""
    except ValueError:
        return None, "is not a valid date"


def _in_years(day: dt.date) -> tuple[dt.date | None, str]:
    """(day, "") for a date of RUN_YEARS, else (None, YEARS_FAULT)."""
    return (day, "") if RUN_YEARS[0] <= day.year <= RUN_YEARS[1] else (None, YEARS_FAULT)


def cached(parser: Callable[[object], T]) -> Callable[[object], T]:
    """The same parser, remembering results for repeated cell values (dates, units, levels repeat)."""
    memo: dict[tuple[type, object], T] = {}

    def parse(value: object) -> T:
        try:
            key = (type(value), value)
            hit = memo.get(key)
        except TypeError:  # unhashable
            return parser(value)
        if hit is None:
            hit = parser(value)
            if len(memo) < MEMO_LIMIT:
                memo[key] = hit
        return hit

    parse.__doc__ = parser.__doc__
    return parse


def run_date(value: object) -> tuple[dt.date | None, str]:
    """value as a run's date (--as-of, --plan-start, or their keys in needscli.toml): (the day, ""), else (None,
    "date") where it is no date, (None, "years") where it is one past RUN_YEARS."""
    parsed, fault = parse_date(value)
    if fault == YEARS_FAULT:
        return None, "years"
    return (None, "date") if fault or parsed is None else (parsed, "")


def parse_date(value: object) -> tuple[dt.date | None, str]:
    """Dates as typed in rosters, Excel dates and Excel serial numbers; a dash, a slash or 无 as a blank cell. A date
    outside RUN_YEARS is a fault (YEARS_FAULT): 9999-12-31, an HR system's "open-ended", is no date of a cadre."""
    if is_blank(value):
        return None, ""
    if isinstance(value, dt.datetime):
        return _in_years(value.date())
    if isinstance(value, dt.date):
        return _in_years(value)
    if isinstance(value, bool):
        return None, "is not a date"
    if isinstance(value, int | float):
        if 1900 <= value < 2200:
            return _typed_year_month(float(value))
        if 1 <= value < 80000:  # Excel serial day number (up to the year 2118)
            return EXCEL_EPOCH + dt.timedelta(days=int(value)), ""
        if float(value).is_integer():
            return parse_date(str(int(value)))  # 202305 or 20230501 typed as a number
        return None, "is not a date"
    text = clean(str(value)).replace("．", ".")
    if text.casefold() in NO_DATE_MARKS:  # "—" or 无 where there is no date: as a blank cell
        return None, ""
    for pattern in _DATE_RES:
        match = pattern.match(text)
        if match:
            year, month, day = match.group(1), match.group(2), match.group(3)
            return _date_or_fault(int(year), int(month), int(day) if day else 1)
    if _SERIAL_TEXT.match(text):  # an Excel date's serial saved as text (a CSV of a sheet's General cells: 43525)
        return parse_date(int(text))
    return None, "is not a date"


# five digits from 10000 (1927-05-18) to 79999: a serial day number as Excel writes it into a CSV; no other reading
_SERIAL_TEXT = re.compile(r"^[1-7]\d{4}$")


# day and month before the year, as HR systems export them: 7/5/2011, 07/10/83, 25.12.1990
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{4}|\d{2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
DATE_ORDERS = ("ymd", "mdy", "dmy")
TWO_DIGIT_PIVOT = 50  # a two-digit year below it is 20xx, else 19xx: 07/10/83 is 1983, 3/1/09 is 2009


def date_parser(order: str = "ymd") -> Callable[[object], tuple[dt.date | None, str]]:
    """parse_date, reading day and month written before the year (7/5/2011) in the given order:
    "mdy" (month first, as US systems write), "dmy" (day first), or "ymd" (year first: such a value
    is read only when one of its first two numbers cannot be a month, else it is a fault naming the
    setting that reads it)."""
    if order not in DATE_ORDERS:
        raise ValueError(f"date order {order!r} is none of {', '.join(DATE_ORDERS)}")

    def parse(value: object) -> tuple[dt.date | None, str]:
        if isinstance(value, str):
            match = _DAY_MONTH_YEAR.match(clean(value).replace("．", "."))
            if match:
                return _day_month_year(match, order)
        return parse_date(value)

    parse.__doc__ = f"parse_date, with day and month before the year read as {order}"
    return parse


# what a deadline says besides a date: "by" (2027年3月底前), the end of a month, a half or a quarter of a year;
# "before" a month (2027年3月前) is by the end of the month before it
_BY = re.compile(r"\s*(?:以前|之前|前)$")
_BEFORE_MONTH = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(?:以前|之前|前)$")
_MONTH_END = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*[底末]$")
_YEAR_PART = re.compile(r"^(\d{4})\s*年\s*(?:(年?[底末]|度?内|度[底末]?)|(上半年)[底末内]?|(下半年)[底末内]?|"
                        r"(?:度\s*)?第?\s*([一二三四1-4])\s*季度[底末内]?)$")
_QUARTERS = {"一": 3, "二": 6, "三": 9, "四": 12, "1": 3, "2": 6, "3": 9, "4": 12}


def deadline_parser(order: str = "ymd") -> Callable[[object], tuple[dt.date | None, str]]:
    """date_parser for a deadline, which a month ends: 2027-03 (2027年3月, 2027.03) typed as text is by 2027-03-31,
    as are 2027年3月底 and 2027年3月底前; 2027年3月前 is before March, by 02-28; 2027年底 (年末, 年内, 2027年度) by
    12-31, 2027年上半年 by 06-30, 2027年第一季度 (一季度, 第一季度末) by 03-31. A full date stays as written, and so
    does an Excel date cell (Excel makes 2027-03 typed into a cell the date 2027-03-01)."""
    dates = date_parser(order)

    def parse(value: object) -> tuple[dt.date | None, str]:
        if isinstance(value, str):
            value = clean(value).replace("．", ".")
            before = _BEFORE_MONTH.match(value)
            if before is not None and 1 <= int(before.group(2)) <= 12:
                first, fault = _date_or_fault(int(before.group(1)), int(before.group(2)), 1)
                return (None, fault) if first is None else (first - dt.timedelta(days=1), "")
            value = _BY.sub("", value)
            end = _period_end(value)
            if end is not None:
                return _date_or_fault(*end)
        day, fault = dates(value)
        if day is not None and _month_only(value):
            return _month_end(day.year, day.month), ""
        return day, fault

    parse.__doc__ = deadline_parser.__doc__
    return parse


def _period_end(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) a deadline's month end, year end, half or quarter ends on; None for any other text."""
    match = _MONTH_END.match(text)
    if match:
        year, month = int(match.group(1)), int(match.group(2))
    else:
        match = _YEAR_PART.match(text)
        if match is None:
            return None
        year = int(match.group(1))
        month = 6 if match.group(3) else _QUARTERS[match.group(5)] if match.group(5) else 12
    # a month that is none, or a year outside RUN_YEARS, is left for _date_or_fault to refuse
    return (year, month, _month_end(year, month).day) if 1 <= month <= 12 and RUN_YEARS[0] <= year <= RUN_YEARS[1] \
        else (year, month, 1)


def _month_end(year: int, month: int) -> dt.date:
    return (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1))


def _month_only(value: object) -> bool:
    """Whether a date value names a month without its day: 2027-03, 2027年3月, 202703, 2027.03 typed as a number."""
    if isinstance(value, bool):
        return False
    if isinstance(value, float) and 1900 <= value < 2200 and not value.is_integer():
        return True
    if isinstance(value, int | float) and float(value).is_integer():
        value = str(int(value))
    if not isinstance(value, str):
        return False
    text = clean(value).replace("．", ".")
    return any((m := p.match(text)) is not None and m.group(3) is None for p in _DATE_RES)


def _day_month_year(match: re.Match[str], order: str) -> tuple[dt.date | None, str]:
    first, second, year_text = int(match.group(1)), int(match.group(2)), match.group(3)
    year = int(year_text)
    if len(year_text) == 2:
        year += 2000 if year < TWO_DIGIT_PIVOT else 1900
    if order == "mdy":
        month, day = first, second
    elif order == "dmy":
        day, month = first, second
    elif first > 12 and second > 12:
        return None, "is not a valid date"
    elif first > 12:  # 25/7/2011: only day-first reads it
        day, month = first, second
    elif second > 12:  # 7/25/2011: only month-first reads it
        month, day = first, second
    else:
        return None, ("puts day and month before the year, in an order that cannot be told (month first or "
                      "day first?); set [input] date_order = \"mdy\" or \"dmy\" in the config")
    return _date_or_fault(year, month, day)


def _typed_year_month(value: float) -> tuple[dt.date | None, str]:
    """2023.05 typed into a number cell. Excel stores 2023.10 as 2023.1, so .1 could be either month."""
    text = repr(value)
    if text.endswith(".0"):  # a bare year, not Excel day 2023 (1905)
        return None, "is a year without a month"
    if text.endswith(".1"):
        return None, "could be January or October in a number cell; type the month as text with two digits"
    return parse_date(text)


def parse_number(value: object, minimum: float = 0.0) -> tuple[float | None, str]:
    """Hours and other amounts: 40, 40.5, '40学时'; a dash or a slash as a blank cell."""
    if is_blank(value):
        return None, ""
    if isinstance(value, bool):
        return None, "is not a number"
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = clean(str(value))
        if text in NOTHING_MARKS:  # "—" where there is no amount: as a blank cell
            return None, ""
        match = _NUMBER_RE.match(text.replace(",", ""))
        if not match:
            return None, "is not a number"
        number = float(match.group(1))
    if not math.isfinite(number):  # a number cell of NaN or inf: no spreadsheet program writes one
        return None, "is not a number"
    if number < minimum:
        return None, f"is not a number of at least {minimum:g}"
    return number or 0.0, ""  # "-0" is 0: -0.0 equals 0.0 as a memo's key, but prints apart


def parse_scale(value: object, low: int = 1, high: int = 5) -> tuple[int | None, str]:
    """A whole rating on a low..high scale."""
    number, fault = parse_number(value)
    if fault:
        return None, fault
    if number is None:
        return None, ""
    if not number.is_integer() or not low <= number <= high:
        return None, f"is not a whole number from {low} to {high}"
    return int(number), ""


def parse_list(value: object) -> tuple[list[str], str]:
    """A list cell split on ; ； 、 , ， and newlines (split before clean() folds newlines away)."""
    text, fault = (value, "") if isinstance(value, str) else parse_text(value)
    if fault:
        return [], fault
    return [item for item in map(_clean_piece, list_pieces(text)) if item], ""


_clean_piece = functools.lru_cache(maxsize=MEMO_LIMIT)(clean)  # list items repeat from cell to cell


def parse_completions(value: object) -> tuple[list[Completion], str]:
    """'党性教育(2024.06)；政治理论' -> completions with optional dates."""
    text, fault = (value, "") if isinstance(value, str) else parse_text(value)
    if fault:
        return [], fault
    # split_list(text), each item parsed: a piece that cleans to nothing is no item
    parsed = [c for c in map(_completion_piece, list_pieces(text)) if c is not _BLANK]
    out = [c for c in parsed if c is not None]
    if len(out) < len(parsed):  # the cell's text stays out of the message: it may name a person
        faults = ", ".join(str(position) for position, c in enumerate(parsed, start=1) if c is None)
        return out, f"item {faults} has a date in brackets that is not a date (the other items were kept)"
    return out, ""


_completion_date = cached(parse_date)  # the same few dates recur in brackets: 党性教育(2024.06)


_BLANK: Any = object()  # a piece of a list cell with no item in it


@functools.lru_cache(maxsize=MEMO_LIMIT)
def _completion_piece(piece: str) -> Completion | None:
    """_completion() of a piece of a completions cell as split, before clean(): pieces repeat, so each
    is cleaned once; _BLANK when it cleans to nothing."""
    item = clean(piece)
    return _completion(item) if item else _BLANK


@functools.lru_cache(maxsize=MEMO_LIMIT)
def _completion(item: str) -> Completion | None:
    """One item of a completions cell, or None when its date in brackets is not a date.

    Items repeat from cadre to cadre, so each is parsed once; a Completion is frozen, so cadres
    can share it.
    """
    topic, when = item, None
    match = _COMPLETION_RE.match(item)
    if match and any(map(str.isdigit, match.group(2))):
        when, fault = _completion_date(match.group(2))
        if fault:
            return None
        topic = match.group(1)
    # brackets without digits are part of the name: 在职培训（学时补足）
    return _made_completion(clean(topic), when)


def _made_completion(topic: str, when: dt.date | None) -> Completion:
    """Completion(topic=topic, date=when) without pydantic's checks, which take most of the time of a
    new item: topic is text and when a date or None, as the fields want them."""
    return Completion.model_construct(topic=topic, date=when)


def parse_bool(value: object) -> tuple[bool | None, str]:
    if is_blank(value):
        return None, ""
    if isinstance(value, bool):
        return value, ""
    text = clean(str(value)).casefold()
    if text in {"1", "yes", "y", "true", "是", "√", "✓", "x", "有"}:
        return True, ""
    if text in {"0", "no", "n", "false", "否", "无"}:
        return False, ""
    return None, "is not yes/no (是/否)"

