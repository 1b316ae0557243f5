"""Rows of a sheet -> records, with one Problem per faulty cell. Nothing is dropped unreported."""

from __future__ import annotations

import collections
import dataclasses
import datetime as dt
import functools
import itertools
import operator
import pickle
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from pydantic import BaseModel

from needscli.cache import Memo, bounded
from needscli.config import Config
from needscli.core.catalog import topic_id_for
from needscli.errors import Problem
from needscli.io import cells
from needscli.io.extent import ErrorValue
from needscli.io.files import build_beside
from needscli.io.headers import ALIASES, ENGLISH, Columns, header_lang
from needscli.io.roster_levels import level_expected, probation_level, probation_note
from needscli.models import (
    UNASSIGNED,
    Cadre,
    PostRequirement,
    Priority,
    Rating,
    Resource,
    SkippedRow,
    Topic,
)
from needscli.text import clean, column_letter, fold
from needscli.vocab import RESOURCE_KIND_WORDS, TRAINING_TYPE_WORDS, Vocab, is_all, resolve_word

Parser = Callable[[object], tuple[Any, str]]
_CONTROL = cells.CONTROL
# the openings of the notes offices leave under (or inside) a table: 注：…, 说明, 填表说明, 导入说明, 填报人 …
_NOTE = re.compile(r"^(注[：:意]|注\s*\d|说明|备注|填表|导入说明|制表|填报|审核|联系人|联系电话|附注|\*|※|note\b|notes\b)",
                   re.IGNORECASE)
# a sign-off line spread over cells (制表人：张三 | 审核人：李四 | 联系电话：…): a note, whatever its other cells hold
_SIGN_OFF = re.compile(r"^(制表人|填报人|填表人|审核人|联系人|联系电话|填报单位|填报日期|制表日期|经办人|(?:单位|主要|分管)?负责人|"
                       r"分管领导|单位领导|日期[：:]|注[：:]|说明[：:]|备注[：:]|填表说明)")
# a total row under the table, the whole cell of one of these shapes: 合计 (总计, 小计, 共计, 合计人数; its counts in the
# cells after it), 合计：40人, 合计：共 40 人, 合计（40名）, 小计 40, 共 40 人, 共计40名 (digits full-width or not); never
# a word that merely opens with 共 (a cadre named 共明)
_COUNT = r"\d+\s*[人名]?"
_TOTAL = re.compile(rf"^(?:(?:[合总小共]\s*计(?:\s*人\s*数)?|total|subtotal)\s*[：:]?\s*(?:共\s*[计有]?\s*[：:]?\s*)?"
                    rf"(?:{_COUNT}|[（(]\s*(?:共\s*)?{_COUNT}\s*[）)])?|共\s*[计有]?\s*[：:]?\s*{_COUNT})$", re.IGNORECASE)
# a section's heading inside the table, alone on its row (二、事业编制; （一）行政编制; 第二部分 处级干部)
_SECTION = re.compile(r"^([一二三四五六七八九十]+\s*[、．.]|[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|第[一二三四五六七八九十\d]+\s*[部类批组])")
_NOT_DATA = re.compile("|".join(f"(?:{r.pattern.removeprefix('^')})" for r in (_NOTE, _SIGN_OFF, _TOTAL)), re.IGNORECASE)


def row_named(file: str, sheet: str, row: int, here_file: str, here_sheet: str) -> str:
    """A row as a message from (here_file, here_sheet) names it: row 6, sheet 表2 row 6, or b.xlsx row 6."""
    if file != here_file:
        return f"{file} row {row}"
    return f"row {row}" if sheet == here_sheet else f"sheet {sheet} row {row}"


def is_heading(filled: list[object]) -> bool:
    """Whether a row whose first filled cells are these (first_filled) is a section's heading alone on its row
    (二、事业编制, （一）行政编制): no data, wherever in the row it is written (a 序号 of （1） before an id is data)."""
    return len(filled) == 1 and isinstance(filled[0], str) and _SECTION.match(filled[0].strip()) is not None


def may_open_a_note(text: str) -> bool:
    """Whether a row whose first filled cell holds text may be a note or a total, not data (Table.data_rows looks
    further): never an id."""
    return bool(_NOT_DATA.match(text.strip()))
_PRIORITY_WORDS = {"高": 5, "high": 5, "较高": 4, "中": 3, "medium": 3, "一般": 3, "较低": 2, "低": 1, "low": 1}


@dataclass
class Table:
    """One input sheet with its columns found; builders read its rows through it."""

    kind: str
    file: str
    sheet: str
    rows: list[list[object]]
    columns: Columns
    config: Config
    problems: list[Problem] = field(default_factory=list)
    rows_read: int = 0
    rows_skipped: int = 0
    # a roster sheet given its unit by 填报单位 lines (load._with_unit): the Excel rows under a line naming none ->
    # that line (sheet_unit.SheetUnit: its row, column and text)
    unit_unsaid: dict[int, Any] = field(default_factory=dict)
    # a roster giving the level in two columns (io.doubled_columns): the Excel rows whose level cell was taken from the
    # other column -> that column
    level_taken: dict[int, int] = field(default_factory=dict)
    # the Excel rows whose other level column gives another level than the one read -> that level (Cadre.rank)
    level_rank: dict[int, str] = field(default_factory=dict)
    hidden_rows: tuple[int, ...] = ()  # the sheet's rows hidden or filtered out in Excel (io.files.Sheet)
    unvalued: Collection[tuple[int, int]] = ()  # its cells of a formula with no result in the file (io.files.Sheet)
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # its cells of an error value -> #REF! (Sheet)
    # a text file's (CSV) sheet: an error value is its text there (#REF!, as Excel writes it on saving a CSV); in a
    # workbook a cell of that text is text, typed so (the scan notes the error values: errors)
    text: bool = False
    # an input sheet's rows skipped for holding nothing but error values in the columns read: the first error cell of
    # each (data_rows), said in one notice for the sheet (io.load)
    errors_only: list[ErrorValue] = field(default_factory=list)

    settled: dict[tuple[object, ...], Any] = field(default_factory=dict)  # see RowReader.get
    # the date a roster's blank 职级 is read against (a probationer's: roster_levels.probation_level); None: today
    as_of: dt.date | None = None
    # a roster's rows skipped for their faults, by the id and name they give (explain says why one holds no cadre)
    skipped_rows: list[SkippedRow] = field(default_factory=list)
    lang_asked: str = ""  # the language the run asks its messages in (--lang zh or en); "": its header row's

    @functools.cached_property
    def dates(self) -> Parser:
        """The date parser of the configured date order ([input] date_order)."""
        return DATES_IN_ORDER[self.config.input.date_order]

    @functools.cached_property
    def most(self) -> dict[str, float]:
        """The most each hours or days field of a roster may say (limits.max_hours_year, max_days_year; those of a
        five-year cycle hours.cycle_years times as much)."""
        limits, years = self.config.limits, self.config.hours.cycle_years
        return {"hours_year": limits.max_hours_year, "online_hours_year": limits.max_hours_year,
                "hours_five_year": limits.max_hours_year * years, "days_year": limits.max_days_year,
                "days_five_year": limits.max_days_year * years}

    @functools.cached_property
    def max_text(self) -> int:
        """The longest text a cell may hold (limits.max_text_length)."""
        return self.config.limits.max_text_length

    def data_rows(self, start: int | None = None, stop: int | None = None) -> Iterator[tuple[int, list[object]]]:
        """(Excel row number, cells) of every non-blank row below the header (of rows[start:stop] where given:
        start at columns.header_row, the index of the first row below the header, or later)."""
        header = [fold(h) for h in self.columns.headers]
        probe = next((c for c, h in enumerate(header) if h), 0)  # a repeated header repeats this cell
        # fold() of ASCII text is ASCII: such a cell cannot repeat a header cell that is not (编号 over C0001)
        ascii_probe = probe < len(header) and header[probe].isascii()
        begin = self.columns.header_row if start is None else start
        for i in range(begin, len(self.rows) if stop is None else stop):
            row = self.rows[i]
            filled = first_filled(row)
            if not filled:  # an .xlsx's error value reads as an empty cell: a row of them looks blank
                if self.errors and i + 1 in self.error_rows:
                    self._errors_only(i + 1, row)
                continue
            first = row[probe] if probe < len(row) else None
            if isinstance(first, str) and (ascii_probe or not first.isascii()) and fold(first) == header[probe] \
                    and self.repeats_header(row, header):
                continue  # rosters pasted together unit by unit repeat their header row
            first = filled[0]
            # one look at nearly every row; a section's heading is alone on its row (a 序号 like （1） is data)
            if isinstance(first, str) and (may_open_a_note(first) or is_heading(filled)):
                skipped = self._not_data(filled, i + 1)
                if skipped is not None:
                    self.problems.append(skipped)
                    continue
            # a row whose filled cells are in columns not read (a 序号), or a CSV's row opening with #N/A's text
            if (self.errors and i + 1 in self.error_rows or cells.may_be_error(first)) \
                    and self._errors_only(i + 1, row):
                continue
            self.rows_read += 1
            yield i + 1, row

    def _not_data(self, filled: list[object], row: int) -> Problem | None:
        """The warning for a row that is a total, a section's heading or a note, not data (a row skipped); None
        for a data row."""
        if self._is_total(filled):
            text = clean(str(filled[0]))
            return self._skipped(row, (f"第 {row} 行是合计行（「{text}」），不是数据，已跳过",
                                       f'row {row} is a total row ("{text}"), not data; it was skipped'),
                                 ("只有数据行；合计可放在另一张工作表", "data rows only; totals on a sheet of their own"))
        if is_heading(filled):
            text = clean(str(filled[0]))
            return self._skipped(row, (f"第 {row} 行是表格中的分类标题（「{text}」），不是数据，已跳过",
                                       f'row {row} is a section heading ("{text}"), not data; it was skipped'),
                                 ("只有数据行；分类可另设一列（如「编制类型」）",
                                  "data rows only; a column of its own for the section"))
        if self._is_note(filled):
            return self._skipped(row, (f"第 {row} 行是表格中的说明文字（如“注：”“填表说明”“填报人”），不是数据，已跳过",
                                       f'row {row} is a note (such as "Note:"), not data; it was skipped'),
                                 ("只有数据行；说明文字可放在表格上方或另一张工作表",
                                  "data rows only; notes above the table or on a sheet of their own"))
        return None

    def _skipped(self, row: int, said: tuple[str, str], expected: tuple[str, str]) -> Problem:
        """The note-row warning at the row, in the table's language: (Chinese, English) of each text."""
        at = 1 if self.lang == "en" else 0
        return Problem(code="note-row", file=self.file, sheet=self.sheet, row=row, severity="warning",
                       message=said[at], expected=expected[at])

    @functools.cached_property
    def lang(self) -> str:
        """The language its messages speak: the one the run asks for, else that of its header row."""
        return self.lang_asked or self.header_lang

    @functools.cached_property
    def header_lang(self) -> str:
        """The language its header row is written in, whatever the run asks its messages in: the one its cells
        are written in too (a level in an English roster is suggested by its English name)."""
        return header_lang(self.columns.headers)

    @staticmethod
    def _is_note(filled: list[object]) -> bool:
        """Whether a row whose first filled cells are these (first_filled) is a note: one text cell that opens as
        a note does (注：, 说明, 填表说明, 填报人, Note ...), never data; or a sign-off line, its first cell naming
        who made the table (制表人：张三 | 审核人：李四 …)."""
        first = filled[0]
        if not isinstance(first, str):
            return False
        text = first.strip()
        return bool(_SIGN_OFF.match(text) or (len(filled) == 1 and _NOTE.match(text)))

    @staticmethod
    def _is_total(filled: list[object]) -> bool:
        """Whether a row whose first filled cells are these is a total under the table: its first filled cell is
        合计 (总计, 小计) with a count there (合计：共 40 人) or counts and sums after it, or a count (共 40 人)."""
        text = filled[0].strip() if isinstance(filled[0], str) else ""
        return bool(_TOTAL.match(text))

    @staticmethod
    def repeats_header(row: list[object], header: list[str]) -> bool:
        texts = [fold(str(v)) if isinstance(v, str) else "" for v in row[: len(header)]]
        hits = sum(1 for t, h in zip(texts, header, strict=False) if h and t == h)
        return hits >= max(2, len([h for h in header if h]) // 2)

    def header(self, name: str) -> str:
        col = self.columns.fields.get(name)
        if col is not None and col < len(self.columns.headers):
            return self.columns.headers[col]
        return ALIASES[self.kind][name][0] if name in ALIASES[self.kind] else name

    def problem(self, code: str, excel_row: int, col: int | None, what: str, expected: str = "",
                severity: str = "error", column: str = "") -> None:
        header = column or (self.columns.headers[col] if col is not None and col < len(self.columns.headers) else "")
        ref = f"{column_letter(col)}{excel_row}" if col is not None else ""
        message = f'row {excel_row}, column "{header}": {what}' if header else f"row {excel_row}: {what}"
        if expected:
            message += f"; expected {expected}"
        self.problems.append(Problem(code=code, message=message, file=self.file, sheet=self.sheet,
                                     row=excel_row, column=header, cell=ref, expected=expected,
                                     severity=severity))

    def raw(self, row: list[object], name: str) -> object:
        col = self.columns.fields.get(name)
        return row[col] if col is not None and col < len(row) else None

    def error_in(self, excel_row: int, col: int | None, raw: object) -> str | None:
        """The error value (#REF!) the cell at the Excel row and column (0-based) holds, as Excel shows it ("" where
        the file writes none); None for any other cell. raw: the cell as read, empty for an .xlsx's error value (the
        sheet's scan noted it: errors), the error's text for a CSV's (cells.error_word; a workbook's cell of that text
        is text)."""
        if raw is None or raw == "":
            return self.errors.get((excel_row, col + 1)) if self.errors and col is not None else None
        return (cells.error_word(raw) or None) if self.text else None

    @functools.cached_property
    def read_columns(self) -> list[int]:
        """The columns read (a field's or a rating's), left to right."""
        return sorted({*self.columns.fields.values(), *self.columns.ratings})

    @functools.cached_property
    def error_rows(self) -> frozenset[int]:
        """The Excel rows with an error value in a column read: read cell by cell."""
        read = set(self.read_columns)
        return frozenset(row for row, col in self.errors if col - 1 in read)

    @property
    def is_input(self) -> bool:
        """Whether it is an input sheet (roster, posts ... rules), whose faulty rows are skipped one by one, not a
        records layout (records.rows), whose faults hold back the whole file."""
        return self.kind in BUILDERS or self.kind == "rules"

    @property
    def notes_errors_only(self) -> bool:
        """Whether its rows of nothing but error values are noted (errors_only) for its reader to say, not yielded:
        an input sheet's are (io.load says them); a records layout's reader decides (records.rows.RecordsTable)."""
        return self.is_input

    def _errors_only(self, excel_row: int, row: list[object]) -> bool:
        """Whether a row holds nothing but error values in the columns read, the rest empty (#N/A down a lookup
        filled past the table, #REF! where the sheet it looked up was deleted): no field of it can be read, and the
        row, blank to the reader, would be skipped unsaid. It is noted (errors_only: its first error's cell), to be
        said by the sheet's reader (an input sheet's in one notice for the sheet), and counted as read and skipped."""
        if not self.notes_errors_only:
            return False
        first: ErrorValue | None = None
        for col in self.read_columns:
            raw = row[col] if col < len(row) else None
            shown = self.error_in(excel_row, col, raw)
            if shown is None:
                if not cells.is_blank(raw):
                    return False
            elif first is None:
                first = ErrorValue(excel_row, col + 1, shown)
        if first is None:
            return False
        self.errors_only.append(first)
        self.rows_read += 1
        self.rows_skipped += 1
        return True


def first_filled(row: list[object]) -> list[object]:
    """The first two cells of a row that are filled (neither empty nor blank): enough to tell a blank row,
    a note and a data row apart."""
    found = []
    for value in row:  # a data row has its first two filled cells at its start: stop there
        if value is None or value == "" or cells.is_blank(value):
            continue
        found.append(value)
        if len(found) == 2:
            break
    return found


_UNSET: Any = object()  # no value settled yet


def quoted(value: object) -> str:
    """A cell's value as a message quotes it: "7/5/2011"; a number as written, a date as a date."""
    if isinstance(value, float) and value.is_integer():
        value = int(value) if abs(value) < 1e15 else f"{value:g}"  # 1e+300 as Excel shows it, not its 301 digits
    text = str(value).strip()
    return f'"{text[:40]}…"' if len(text) > 40 else f'"{text}"'


class RowReader:
    """Reads the fields of one row; remembers whether the row must be skipped.

    A field read with keep=True is optional: a fault in it is a warning, the value is left out (a
    control character is replaced instead) and the row is kept. Required fields reject the row. A field whose
    blank means something the reader should be told (a priority's start) says it with blank_means.
    """

    def __init__(self, table: Table, excel_row: int, row: list[object]) -> None:
        self.table, self.excel_row, self.row = table, excel_row, row
        self.rejected = False
        self._kept: list[int] = []  # indexes in table.problems of the notes that say the row was kept
        self.erred: dict[str, str] = {}  # the fields whose cell holds an error value -> the error (error_value)

    def fail(self, name: str, code: str, what: str, expected: str = "", keep: bool = False) -> None:
        col = self.table.columns.fields.get(name)
        if keep and KEPT in what:  # at its end, or after what it tells of (probation_note)
            if self.rejected:
                what = what.replace(KEPT, "", 1)
            else:
                self._kept.append(len(self.table.problems))
        self.table.problem(code, self.excel_row, col, what, expected,
                           severity="warning" if keep else "error", column=self.table.header(name))
        if not keep and not self.rejected:
            self.rejected = True
            for i in self._kept:  # the row is skipped after all
                note = self.table.problems[i]
                self.table.problems[i] = dataclasses.replace(note, message=note.message.replace(KEPT, "", 1))

    def kept_note(self, col: int, code: str, what: str, expected: str) -> None:
        """A warning at a cell of the row of no field's own (a rating's), what ending in KEPT: as fail(keep=True)
        says it, "the row was kept" dropped where the row is skipped, before or after."""
        if self.rejected:
            what = what.removesuffix(KEPT)
        else:
            self._kept.append(len(self.table.problems))
        self.table.problem(code, self.excel_row, col, what, expected, severity="warning")

    def get(self, name: str, parser: Parser = cells.parse_text, *, required: bool = False,
            code: str = "bad-value", expected: str = "", keep: bool = False, default: Any = None,
            blank_means: str = "") -> Any:
        """The value of a field; blank_means: what a kept row's value left out for a fault comes to, said in the
        warning after "so it was read as blank: " (the row was kept)."""
        table = self.table
        raw = table.raw(self.row, name)
        if table.errors or (isinstance(raw, str) and (raw[:1] == "#" or raw[:1].isspace())
                            and cells.may_be_error(raw)):  # its first character looked at before a call
            shown = table.error_in(self.excel_row, table.columns.fields.get(name), raw)
            if shown is not None:
                if name not in self.erred:  # said once (records.rows.uncomputed says a records sheet's hours so)
                    self.error_value(name, shown, required, blank_means)
                return default
        if parser not in REPEATING or blank_means:  # ids, names, lists: each row's own
            return self._read(name, raw, parser, required, code, expected, keep, default, blank_means)[0]
        # a value read without fault before, in the same column, reads alike: units, levels, dates repeat
        key = (name, parser, required, keep, type(raw), raw)
        hit = table.settled.get(key, _UNSET)
        if hit is not _UNSET:
            return hit
        value, clean = self._read(name, raw, parser, required, code, expected, keep, default)
        if clean:
            bounded(table.settled)[key] = value
        return value

    def error_value(self, name: str, shown: str, required: bool, blank_means: str = "") -> None:
        """Say that the field's cell holds an error value (shown: #REF!, "" for one unnamed), read as a blank cell
        is: a required field's skips the row, any other's is read as blank, the row kept. The clerk sees #REF!
        there, and could not act on "is empty"; nor is an optional cell's error left unsaid."""
        what = f"is an error value ({shown})" if shown else "is an error value"
        expected = f"the formula corrected, or the {self.table.header(name)} typed in"
        self.erred[name] = shown
        if required:  # the row skipped (an input's) or the file held back (a records sheet's, records.imports), as
            self.fail(name, "error-value", what, expected)  # the error's severity says (已跳过该行), not its message
        else:
            means = f": {blank_means}" if blank_means else ""
            self.fail(name, "error-value", f"{what}, so it was read as blank{means}{KEPT}", expected, keep=True)

    def _read(self, name: str, raw: object, parser: Parser, required: bool, code: str, expected: str,
              keep: bool, default: Any, blank_means: str = "") -> tuple[Any, bool]:
        """(the value of one cell, whether it was read without fault); every fault is reported."""
        keep = keep and not required
        # most cells are short printable text: only the rest can be too long or hold a control character
        if isinstance(raw, str) and (len(raw) > self.table.max_text or not raw.isprintable()):
            text = self._text(name, raw, keep, parser)
            if text is None:
                return default, False
            clean = text == raw
            raw = text
        else:
            clean = True
        value, fault = parser(raw)
        if fault:
            no_text = parser in TEXT_PARSERS and cells.no_text(raw)
            if no_text:  # NaN in a text cell: a value of no text, whatever the column's own faults are, typed again
                code, expected = (code, expected or cells.RETYPED) if parser is cells.parse_id else (
                    "bad-value", cells.RETYPED)
            quote = parser in QUOTED and name not in UNQUOTED
            what = f"{quoted(raw)} {fault}" if quote else fault
            if keep and blank_means:
                what += f", so it was read as blank: {blank_means}{KEPT}"
            elif keep and no_text:  # said as an error value is: the clerk sees the cell filled
                what += f", so it was read as blank{KEPT}"
            self.fail(name, code, what, expected, keep=keep)
            # a list cell keeps its good items when the row is kept
            return (value if keep and isinstance(value, list) and value else default), False
        if required and (value is None or value == "" or value == []):
            self.fail(name, "missing-value", "is empty", expected or "a value")
            return default, False
        return (default if value is None else value), clean

    def _text(self, name: str, raw: str, keep: bool, parser: Parser) -> str | None:
        """The text of a cell to parse, or None when it cannot be read (too long, or a control
        character in a required field). A control character in an optional field is replaced."""
        limit = self.table.max_text
        if len(raw) > limit:
            what = f"is {len(raw)} characters long"
            self.fail(name, "text-too-long", f"{what}, so the value was left out{KEPT}" if keep else what,
                      f"at most {limit}", keep=keep)
            return None
        if _CONTROL.search(raw):
            if not keep:
                self.fail(name, "control-character", "holds an invisible control character",
                          "plain text; retype the cell")
                return None
            lines = parser in LIST_PARSERS and any(c in raw for c in cells.LINE_BREAKS)
            read = "a line break between items" if lines else "a space"
            self.fail(name, "control-character", f"holds an invisible control character, read as {read}{KEPT}",
                      "plain text; retype the cell", keep=True)
            return cells.without_control(raw)
        return raw

    def vocab(self, name: str, vocab: Vocab, attr: str, code: str, what: str, *, keep: bool = True) -> str:
        """A value of a closed list (categories, job families ...), with a near miss when unknown."""
        text = self.get(name, TEXT, default="", keep=keep)
        if not text:
            return ""
        value = vocab.resolve(attr, text)
        if value is None:
            hint = vocab.nearest(text, attr)
            self.fail(name, code, f"is not a known {what}" + (f" (did you mean {hint}?)" if hint else ""),
                      f"a {what} from the configured list", keep=keep)
            return ""
        return value


def settle(raw: object, parser: Parser, required: bool, default: Any, max_text: int) -> Any:
    """The value RowReader.get gives a cell it reads without a fault, or _UNSET for a cell with one
    (too long, a control character, a value the parser refuses, a required cell left empty), which
    only RowReader reports. Reports nothing, so a column's cells can be read ahead of their rows."""
    # a CSV's #REF! (" #REF!"): RowReader says it; the first character looked at before a call, as for most cells
    if isinstance(raw, str) and (len(raw) > max_text or (not raw.isprintable() and _CONTROL.search(raw))
                                 or ((raw[:1] == "#" or raw[:1].isspace()) and cells.error_word(raw))):
        return _UNSET
    value, fault = parser(raw)
    if fault or (required and (value is None or value == "" or value == [])):
        return _UNSET
    return default if value is None else value


# repeated values (dates, units, posts, hours) are parsed once per run of the process
TEXT = cells.cached(cells.parse_text)
DATES_IN_ORDER = {order: cells.cached(cells.date_parser(order)) for order in cells.DATE_ORDERS}
DEADLINES_IN_ORDER = {order: cells.cached(cells.deadline_parser(order)) for order in cells.DATE_ORDERS}
NUMBERS = cells.cached(cells.parse_number)
SCALES = cells.cached(cells.parse_scale)
# the parsers of values that repeat down a column
REPEATING = frozenset({TEXT, NUMBERS, SCALES, *DATES_IN_ORDER.values()})
# the parsers whose faulty value a message quotes: a date or a number identifies nobody (an id or a name would)
QUOTED = frozenset({NUMBERS, SCALES, cells.parse_date, *DATES_IN_ORDER.values(), *DEADLINES_IN_ORDER.values()})
UNQUOTED = frozenset({"birth_date"})  # but for a birth date, personal data of its own
# the parsers of text cells, which read a number cell of NaN or infinity as no text (cells.parse_text): a fault of
# the value (bad-value), not of the dates in brackets a 已参加培训 list is faulted for (bad-date); an id's is an id's
TEXT_PARSERS = frozenset({cells.parse_text, TEXT, cells.parse_name, cells.parse_id, cells.parse_list,
                          cells.parse_completions})

DATE = "a date such as 2023-05-01, 2023-05, 2023.05 or 2023/5"  # wording gives the Chinese its 2023年5月
KEPT = " (the row was kept)"
COMPLETED = "topics with optional dates, e.g. Party spirit education(2024.06)"  # 党性教育(2024.06) in Chinese
# a priority's start left blank: where a rotation's round then starts (core.obligations.rotation_since)
ROUND_UNSTARTED = "a rotation's round then starts the topic's validity before the deadline"
# a priority's deadline left blank: a rotation on a central decision then falls due at the year's end
NO_DEADLINE = "the priority has no deadline (a rotation on a central decision is then due at the year's end)"
LIST_PARSERS = (cells.parse_list, cells.parse_completions)  # cells whose line breaks separate items


SHARED_TEXTS = ("unit", "post", "level", "category", "job_family", "department", "post_code", "managed_by")


Seen = dict[str, tuple[str, str, int]]  # a cadre id -> the file, sheet and Excel row that gave it first


def build_cadres(table: Table, seen: Seen | None = None) -> list[Cadre]:
    """Roster rows -> cadres; the first row of a repeated id wins, later ones are reported.

    The cells are read a column at a time first (_faultless_rows); a row with a faulty cell, or a
    repeated id, is read again cell by cell (_cadre_fields), which reports every fault in order.
    Within files.beside_build, a roster of limits.build_split_rows rows or more has its last rows built by a
    second process (the same cadres, problems and counts as one process's: _take_share).
    """
    seen = {} if seen is None else seen  # shared across roster files and sheets
    beside = build_beside()
    first, end = table.columns.header_row, len(table.rows)
    if beside is None or end - first < table.config.limits.build_split_rows:
        return _build(table, seen, first, end)
    mid = first + int((end - first) * MINE)
    there = beside(functools.partial(_build_share, table, seen, mid, end))
    if there is None:
        return _build(table, seen, first, end)
    try:
        mine = _build(table, seen, first, mid)
        data = there.result()
    finally:
        there.stop()
    try:
        share = None if data is None else pickle.loads(data)  # noqa: S301 - our own child's pipe
    except Exception:  # bytes that are not what _build_share packs (never seen): as if it had failed
        share = None
    if share is None:  # the second process failed or was stuck: its rows are built here
        return mine + _build(table, seen, mid, end)
    return mine + _take_share(table, seen, {c.id for c in mine}, share)


# the share of a split roster's rows this process builds: over half, the second process also packing what it built,
# and this one unpacking it (100,000 rows, measured on a slow day: 4.4 s of building, 0.35 s packing, 0.4 s unpacking)
MINE = 0.57


def _build_share(table: Table, seen: Seen, start: int, stop: int) -> bytes:
    """The second process's share (rows start to stop, as indexes of table.rows): its cadres as columns of
    CADRE_FIELDS, its problems, rows read and skipped, the (Excel row, id) of each row it refused that has an id,
    the rows it skipped (SkippedRow) and those of error values only (Table.errors_only) (a row repeating the id of a
    row this process kept is read again there: _take_share). seen: the ids of the rosters read before this one. Never
    written to disk: the bytes hold personal data."""
    own = dataclasses.replace(table, problems=[], rows_read=0, rows_skipped=0, settled={}, skipped_rows=[],
                              errors_only=[])
    seen = dict(seen)  # as the fork left it (where the share is built in this process: tests)
    refused: list[tuple[int, str]] = []
    cadres = _build(own, seen, start, stop, refused)
    columns = [list(column) for column in zip(*map(operator.attrgetter(*CADRE_FIELDS), cadres), strict=True)]
    return pickle.dumps((columns, own.problems, own.rows_read, own.rows_skipped, refused, own.skipped_rows,
                         own.errors_only), protocol=pickle.HIGHEST_PROTOCOL)


def _take_share(table: Table, seen: Seen, ids_here: set[str],
                share: tuple[Any, ...]) -> list[Cadre]:
    """The cadres the second process built (_build_share, unpickled), after this process's own (whose ids are
    ids_here), with its problems and counts, as if this process had read its rows. A row there whose id a row here
    was first to take is read again here, and any later row of that id: each repeats the id of the row here, and
    their problems take the place of those the second process found."""
    columns, problems, rows_read, rows_skipped, refused, skipped_rows, errors_only = share
    theirs = _cadres_of(zip(*columns, strict=True))
    again = {c.id for c in theirs if c.id in ids_here} | {i for _, i in refused if i in ids_here}
    table.rows_read += rows_read
    table.rows_skipped += rows_skipped
    table.errors_only.extend(errors_only)
    if not again:
        table.problems.extend(problems)
        table.skipped_rows.extend(skipped_rows)
        for cadre in theirs:
            seen[cadre.id] = (table.file, table.sheet, cadre.row)
        return theirs
    rows = sorted({c.row for c in theirs if c.id in again} | {row for row, i in refused if i in again})
    reread = set(rows)
    table.rows_skipped -= sum(1 for row, i in refused if i in again)  # counted again as they are read here
    kept = [c for c in theirs if c.id not in again]
    for cadre in kept:
        seen[cadre.id] = (table.file, table.sheet, cadre.row)
    at, skipped_at = len(table.problems), len(table.skipped_rows)
    vocab, texts = Vocab(table.config), dict[str, str]()
    for excel_row in rows:
        if _read_row(table, excel_row, table.rows[excel_row - 1], vocab, texts, seen) is not None:
            raise AssertionError(f"row {excel_row} repeats an id, yet was kept")
    found = table.problems[at:]
    del table.problems[at:]
    # each row's problems from one side (sorted stably by row: both lists are in row order)
    table.problems.extend(sorted([p for p in problems if p.row not in reread] + found, key=_ROW))
    skipped_here = table.skipped_rows[skipped_at:]
    del table.skipped_rows[skipped_at:]
    table.skipped_rows.extend(sorted([s for s in skipped_rows if s.row not in reread] + skipped_here, key=_ROW))
    return kept


_ROW = operator.attrgetter("row")


def _cadres_of(rows: Iterable[tuple[Any, ...]]) -> list[Cadre]:
    """The cadres whose CADRE_FIELDS these rows hold, every one given every field, as Cadre.model_construct
    makes them: each slot set as unpickling sets it (BaseModel.__setstate__), a slot of every cadre at a time
    (a call of model_construct, or of __setstate__, for each cadre is most of the time of making it; this is
    half the time of the latter). The cadres share one set of the fields given."""
    values = list(map(dict, map(_ZIP_STRICT, itertools.repeat(CADRE_FIELDS), rows)))
    made = list(map(object.__new__, itertools.repeat(Cadre, len(values))))
    slots = (("__dict__", values), ("__pydantic_fields_set__", itertools.repeat(set(CADRE_FIELDS))),
             ("__pydantic_extra__", itertools.repeat(None)), ("__pydantic_private__", itertools.repeat(None)))
    for name, given in slots:
        collections.deque(map(_SLOTS[name].__set__, made, given), maxlen=0)
    return made


_ZIP_STRICT = functools.partial(zip, strict=True)  # a row of other than every field fails
# BaseModel's slots, set as its __setstate__ sets them (Cadre adds none: no private attributes)
_SLOTS = {name: BaseModel.__dict__[name] for name in
          ("__dict__", "__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__")}


def _build(table: Table, seen: Seen, start: int, stop: int,
           refused: list[tuple[int, str]] | None = None) -> list[Cadre]:
    """The cadres of table.rows[start:stop] (start: columns.header_row, the index of the first row below the
    header, or later); refused: where to note the (Excel row, id) of each row refused that has an id."""
    vocab = Vocab(table.config)
    out: list[Cadre | None] = []  # None: a faultless row's cadre, made with the others of its block (make)
    waiting: list[int] = []  # where in out
    faultless_fields: list[tuple[Any, ...]] = []

    def make() -> None:
        for at, cadre in zip(waiting, _cadres_of(faultless_fields), strict=True):
            out[at] = cadre
        waiting.clear()
        faultless_fields.clear()

    # a large roster repeats a few hundred units, posts and levels: each distinct text is kept once
    texts: dict[str, str] = {}
    faultless = _faultless_rows(table, vocab, texts, start, stop)
    ahead = start + 1  # the Excel row faultless reads next
    erred = table.error_rows  # an .xlsx's error value reads as an empty cell: its row is read cell by cell
    for excel_row, row in table.data_rows(start, stop):
        values = next(itertools.islice(faultless, excel_row - ahead, None))  # past blank rows and notes
        ahead = excel_row + 1
        if values is not None and values[0] not in seen and (not erred or excel_row not in erred):  # [0]: the id
            seen[values[0]] = (table.file, table.sheet, excel_row)
            faultless_fields.append((table.file, table.sheet, excel_row, *values))
            waiting.append(len(out))
            out.append(None)
            if len(waiting) == BLOCK_ROWS:
                make()
            continue
        cadre = _read_row(table, excel_row, row, vocab, texts, seen, refused)
        if cadre is not None:
            out.append(cadre)
    make()
    return _with_ranks(table, cast(list[Cadre], out))


def _with_ranks(table: Table, cadres: list[Cadre]) -> list[Cadre]:
    """The cadres, each of a row whose other level column gives another level (Table.level_rank) given it as its
    rank (made as model_construct makes them: the field set in place)."""
    ranks = table.level_rank
    if ranks:
        for cadre in cadres:
            rank = ranks.get(cadre.row)
            if rank:
                cadre.__dict__["rank"] = rank
    return cadres


def _read_row(table: Table, excel_row: int, row: list[object], vocab: Vocab, texts: dict[str, str],
              seen: Seen, refused: list[tuple[int, str]] | None = None) -> Cadre | None:
    """A roster row read cell by cell, every fault reported: its cadre, or None where the row is refused."""
    r = RowReader(table, excel_row, row)
    data = _cadre_fields(r, vocab)
    for name in SHARED_TEXTS:
        value = data[name]
        data[name] = texts.setdefault(value, value)
    cadre_id = data["id"]
    if cadre_id and cadre_id in seen:
        r.fail("id", "duplicate-id", f"repeats the id of {row_named(*seen[cadre_id], table.file, table.sheet)}",
               "a unique id per cadre")
    if r.rejected:
        table.rows_skipped += 1
        table.skipped_rows.append(SkippedRow(table.file, table.sheet, excel_row, cadre_id or "", data["name"] or ""))
        if refused is not None and cadre_id:
            refused.append((excel_row, cadre_id))
        return None
    seen[cadre_id] = (table.file, table.sheet, excel_row)
    return Cadre.model_construct({"file", "sheet", "row", *data}, file=table.file, sheet=table.sheet,
                                 row=excel_row, **data)


def _cadre_fields(r: RowReader, vocab: Vocab) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": r.get("id", cells.parse_id, required=True, code="bad-id", expected="an id as text"),
        "name": r.get("name", cells.parse_name, required=True, default=""),
        "unit": r.get("unit", TEXT, required=True, default=""),
        "post": r.get("post", TEXT, required=True, default=""),
    }
    data["level"] = _level(r, vocab)
    data["rank"] = ""  # the other level column's, set by _build (_with_ranks)
    # every field from here on is optional: a fault in it is a warning, the value is left out (a control
    # character replaced) and the row is kept
    data["category"] = r.vocab("category", vocab, "categories", "unknown-category", "cadre category")
    data["job_family"] = r.vocab("job_family", vocab, "job_families", "unknown-job-family", "job family")
    for name in ("department", "post_code", "managed_by"):
        data[name] = r.get(name, TEXT, default="", keep=True)
    for name in ("appointed", "entry_date", "recorded", "birth_date"):
        data[name] = r.get(name, r.table.dates, code="bad-date", expected=DATE, keep=True)
    for name in ("hours_year", "hours_five_year", "online_hours_year"):
        data[name] = _at_most(r, name, r.get(name, NUMBERS, code="bad-number", expected="a number of hours", keep=True))
    for name in ("days_year", "days_five_year"):
        data[name] = _at_most(r, name, r.get(name, NUMBERS, code="bad-number", expected="a number of days", keep=True))
    data["completed"] = r.get("completed", cells.parse_completions, code="bad-date",
                              expected=COMPLETED, keep=True,
                              default=[])
    data["wishes"] = r.get("wishes", cells.parse_list, default=[], keep=True)
    data["ratings"] = _ratings(r)
    return data


def _level(r: RowReader, vocab: Vocab) -> str:
    """The level of a row's 职级: of the ladder, or the probation level where it is blank and 录用时间 is within the
    probation (a warning says so); "" where the row is refused for it."""
    table = r.table
    raw = table.raw(r.row, "level")
    # an error value (#REF!) is said as such (r.get), never read as a probationer's blank 职级: the level is there,
    # lost to a formula, and the row is skipped as an empty cell outside the probation skips it
    if settle(raw, TEXT, False, "", table.max_text) == "" and table.error_in(r.excel_row, table.columns.fields.get(
            "level"), raw) is None:
        recorded = settle(table.raw(r.row, "recorded"), table.dates, False, None, table.max_text)
        when = table.as_of or dt.date.today()
        category = settle(table.raw(r.row, "category"), TEXT, False, "", table.max_text)
        leading = category not in ("", _UNSET) and vocab.category(category) in table.config.obligations.not_probation_categories
        level = None if recorded is _UNSET or leading else probation_level(table.config, recorded, when)
        if level is not None:
            what, expected = probation_note(table.config, level, table.header("recorded"), recorded, KEPT)
            r.fail("level", "probation-level", what, expected, keep=True)
            return level.name
    # the levels a message names are named as the roster writes its cells: in English in a roster of English headers
    expected = level_expected(table.config, table.header_lang)
    level_text = r.get("level", TEXT, required=True, default="", expected=expected)
    found = vocab.level(level_text) if level_text else None
    if level_text and found is None:
        hint = vocab.nearest(level_text, "levels", table.header_lang)
        r.fail("level", "unknown-level", f"{quoted(level_text)} is not a level of the configured ladder"
               + (f" (did you mean {hint}?)" if hint else ""), expected)
    return found.name if found else ""


# what an hours or days field counts, and the settings its most comes from (Table.most)
_MOST = {"hours_year": ("hours", "a year", "limits.max_hours_year"),
         "online_hours_year": ("hours", "a year", "limits.max_hours_year"),
         "hours_five_year": ("hours", "{years} years", "limits.max_hours_year times hours.cycle_years"),
         "days_year": ("days", "a year", "limits.max_days_year"),
         "days_five_year": ("days", "{years} years", "limits.max_days_year times hours.cycle_years")}


def _at_most(r: RowReader, name: str, value: float | None) -> float | None:
    """value, or None (as a blank cell) with a warning where it is more than the field may say (Table.most)."""
    most = r.table.most[name]
    if value is None or value <= most:
        return value
    unit, span, keys = _MOST[name]
    span = span.format(years=r.table.config.hours.cycle_years)
    shown = f"{most:.0f}" if most.is_integer() else f"{most:g}"
    r.fail(name, "implausible-number", f"{quoted(r.table.raw(r.row, name))} is more than {shown} {unit}, more than "
           f"{span} can hold ({keys} in the config), so it was read as blank{KEPT}", f"at most {shown} {unit}",
           keep=True)
    return None


def _ratings(r: RowReader) -> dict[str, Rating]:
    columns = r.table.columns
    scores: list[int | None] = []
    for col in columns.ratings:
        raw = r.row[col] if col < len(r.row) else None
        shown = r.table.error_in(r.excel_row, col, raw)
        if shown is not None:  # as a blank score: the rating left out, the row kept
            r.kept_note(col, "error-value", f"is an error value ({shown}), so it was read as blank{KEPT}"
                        if shown else f"is an error value, so it was read as blank{KEPT}",
                        f"the formula corrected, or the {columns.headers[col]} typed in")
            scores.append(None)
            continue
        value, fault = SCALES(raw)
        if fault:
            r.table.problem("bad-number", r.excel_row, col, fault, "a whole number from 1 to 5",
                            severity="warning")
        scores.append(value)
    return _rated(columns.ratings, scores)


def _rated(ratings: dict[int, tuple[str, str]], scores: Iterable[int | None]) -> dict[str, Rating]:
    """The ratings of one row from its scores, one per rating column (None: blank or faulty), by topic
    in the order the columns first name them."""
    found: dict[str, dict[str, int]] = {}
    for (kind, topic), value in zip(ratings.values(), scores, strict=True):
        if value is not None:
            found.setdefault(topic, {})[kind] = value
    return {topic: _rating(tuple(sorted(values.items()))) for topic, values in found.items()}


CADRE_FIELDS = tuple(Cadre.model_fields)  # file, sheet, row, then the fields a roster row gives
BLOCK_ROWS = 8192  # rows read a column at a time together: the columns of a block stay small


def _faultless_rows(table: Table, vocab: Vocab, texts: dict[str, str], start: int,
                    stop: int) -> Iterator[tuple[Any, ...] | None]:
    """For each sheet row of rows[start:stop] (below the header) in turn, the values of CADRE_FIELDS past
    (file, sheet, row) as _cadre_fields reads them from the row, or None where a cell of the row has a fault.

    The rows are read a block at a time, and a block a column at a time, each distinct cell of a
    column once in all: a roster repeats the same units, posts, levels, dates and hours thousands of
    times. Each row has lists and ratings of its own.
    """
    limit = table.max_text

    def text(required: bool) -> Callable[[object], Any]:
        def read(raw: object) -> Any:
            value = settle(raw, TEXT, required, "", limit)
            return value if value is _UNSET else texts.setdefault(value, value)
        return read

    def level(raw: object) -> Any:
        value = settle(raw, TEXT, True, "", limit)
        found = None if value is _UNSET else vocab.level(value)
        return _UNSET if found is None else texts.setdefault(found.name, found.name)

    def listed(attr: str) -> Callable[[object], Any]:  # as RowReader.vocab reads it
        def read(raw: object) -> Any:
            value = settle(raw, TEXT, False, "", limit)
            if not value or value is _UNSET:
                return value
            found = vocab.resolve(attr, value)
            return _UNSET if found is None else texts.setdefault(found, found)
        return read

    def cell(parser: Parser, required: bool = False, default: Any = None) -> Callable[[object], Any]:
        return lambda raw: settle(raw, parser, required, default, limit)

    def at_most(most: float) -> Callable[[object], Any]:  # as _at_most reads it: more is a fault
        def read(raw: object) -> Any:
            value = settle(raw, NUMBERS, False, None, limit)
            return _UNSET if value is not _UNSET and value is not None and value > most else value
        return read

    def score(raw: object) -> int | None:  # as _ratings reads it
        value, fault = SCALES(raw)
        return _UNSET if fault else value

    def rate(row: Any) -> Any:  # a row's scores, one per rating column
        return _UNSET if _UNSET in row else _rated(ratings, row)

    own = {"id": cell(cells.parse_id, True), "name": cell(cells.parse_name, True, "")}  # seldom repeated
    down: dict[str, _Column] = {  # the fields whose cells repeat down their column
        "unit": _Column(text(True)), "post": _Column(text(True)), "level": _Column(level),
        "rank": _Column(lambda raw: ""),  # no column of its own: the other level column's, set by _build (_with_ranks)
        "category": _Column(listed("categories")), "job_family": _Column(listed("job_families")),
        "department": _Column(text(False)), "post_code": _Column(text(False)), "managed_by": _Column(text(False)),
        **{name: _Column(cell(table.dates)) for name in ("appointed", "entry_date", "recorded", "birth_date")},
        **{name: _Column(at_most(table.most[name]))
           for name in ("hours_year", "hours_five_year", "online_hours_year", "days_year", "days_five_year")},
        "completed": _Column(cell(cells.parse_completions, default=[]), copy=True),
        "wishes": _Column(cell(cells.parse_list, default=[]), copy=True),
    }
    ratings = table.columns.ratings
    scores, rated = [_Column(score) for _ in ratings], _Column(rate, copy=True)
    names = CADRE_FIELDS[3:-1]  # all but the ratings: a field Cadre gains is read here as in _cadre_fields
    fields = [table.columns.fields.get(name) for name in names]
    for at in range(start, stop, BLOCK_ROWS):
        block = table.rows[at:min(at + BLOCK_ROWS, stop)]
        column = _columns_of(block)
        values = [list(map(own[name], column(col))) if name in own else down[name](column(col))
                  for name, col in zip(names, fields, strict=True)]
        by_column = [read(column(col)) for read, col in zip(scores, ratings, strict=True)]
        values.append(rated(list(zip(*by_column, strict=True)) if ratings else [()] * len(block)))
        for row in zip(*values, strict=True):
            yield None if _UNSET in row else row


def _columns_of(block: list[list[object]]) -> Callable[[int | None], Sequence[object]]:
    """The cells of these rows in a column, by the column's index: None past a short row's end, and
    for no column (as Table.raw reads them)."""
    columns = list(itertools.zip_longest(*block))
    blank = (None,) * len(block)
    return lambda col: columns[col] if col is not None and col < len(columns) else blank


_NUMERIC = frozenset({bool, int, float})  # the types whose values can be equal across types: 1 == 1.0 == True


class _Column:
    """A field read down a column: read() of each cell, worked out once per distinct cell (True, 1 and
    1.0 apart) however many blocks of cells it reads; with copy, each cell has a copy of its own of
    the list or dict read, so that no two records share one."""

    def __init__(self, read: Callable[[object], Any], copy: bool = False) -> None:
        self.by_value = Memo(read)
        self.by_typed_value = Memo(lambda key: read(key[1]))
        self.copy = copy
        self.numeric: set[type] = set()  # the types of _NUMERIC met in the column so far

    def __call__(self, raws: Sequence[object]) -> list[Any]:
        self.numeric.update(_NUMERIC.intersection(map(type, raws)))
        if len(self.numeric) > 1:  # by_value may hold 1 read from an earlier block: True must miss it
            values = list(map(self.by_typed_value.__getitem__, zip(map(type, raws), raws, strict=True)))
        else:  # no two cells of different types are equal: the cells are the keys
            values = list(map(self.by_value.__getitem__, raws))
        if self.copy:
            return [value if value is _UNSET else value.copy() for value in values]
        return values


@functools.lru_cache(maxsize=256)
def _rating(scores: tuple[tuple[str, int], ...]) -> Rating:
    """One Rating per set of scores given: ratings are frozen, and the same few repeat across a roster."""
    return Rating(**dict(scores))


def _scale(name: str, r: RowReader, default: int) -> int:
    return r.get(name, cells.parse_scale, code="bad-number", expected="a whole number from 1 to 5",
                 default=default)


_LINES = re.compile(r"\s*[\r\n]+\s*")


def _topic_cell(value: object) -> tuple[str, str]:
    """A 培训主题 cell as text, its lines kept apart by ；(topics one a line: io.topic_checks splits them)."""
    if isinstance(value, str) and ("\n" in value or "\r" in value):
        value = _LINES.sub("；", value.strip())
    return cells.parse_text(value)


def build_posts(table: Table) -> list[PostRequirement]:
    vocab = Vocab(table.config)
    out = []
    for excel_row, row in table.data_rows():
        r = RowReader(table, excel_row, row)
        data = {
            "post_code": r.get("post_code", cells.parse_id, default=""),
            "post_title": r.get("post_title", default=""),
            "job_family": r.vocab("job_family", vocab, "job_families", "unknown-job-family", "job family"),
            "responsibilities": r.get("responsibilities", default=""),
            "required_level": _scale("required_level", r, 3),
            "importance": _scale("importance", r, 3),
        }
        topic = r.get("topic", _topic_cell, required=True, default="")  # several in one: io.topic_checks splits
        if not data["post_code"] and not data["post_title"]:
            _no_post(r)
        if r.rejected:
            table.rows_skipped += 1
            continue
        out.append(PostRequirement(file=table.file, sheet=table.sheet, row=excel_row, topic=topic, **data))
    return out


def _no_post(r: RowReader) -> None:
    """Skip a posts row with neither a post code nor a title: said at the code's cell, or at the cell of an error
    value (#REF!) in either, an error (the row skipped) in place of the warning that read it as blank."""
    erred = next((name for name in ("post_code", "post_title") if name in r.erred), None)
    if erred is None:
        r.fail("post_code", "missing-value", "is empty, and so is the post title", "a post code or a post title")
        return
    other = r.table.header("post_title" if erred == "post_code" else "post_code")
    shown = r.erred[erred]
    what = f"is an error value ({shown})" if shown else "is an error value"
    problems = r.table.problems
    said = next(i for i in range(len(problems) - 1, -1, -1) if problems[i].code == "error-value"
                and problems[i].column == r.table.header(erred) and problems[i].row == r.excel_row)
    r.fail(erred, "error-value", f"{what}, and the {other} is empty",
           f"the formula corrected, or the {r.table.header(erred)} typed in")
    problems[said] = problems.pop()


def _priority_level(text: object) -> tuple[int | None, str]:
    word = _PRIORITY_WORDS.get(clean(str(text)).casefold()) if isinstance(text, str) else None
    return (word, "") if word else cells.parse_scale(text)


def _targets(r: RowReader, name: str, check: Callable[[str], bool], nearest: Callable[[str], str | None],
             code: str, what: str) -> list[str]:
    items = r.get(name, cells.parse_list, default=[])
    if any(is_all(i) for i in items):
        return []
    for item in items:
        if not check(item):
            hint = nearest(item)
            r.fail(name, code, f"names an unknown {what}" + (f" (did you mean {hint}?)" if hint else ""),
                   f"{what}s from the configured list, or 全部")
    return items


def build_priorities(table: Table) -> list[Priority]:
    vocab = Vocab(table.config)
    out: list[Priority] = []
    unnamed: list[int] = []  # indexes in out of the priorities without an id of their own
    rotation = set(table.config.obligations.rotation_source_kinds)
    for excel_row, row in table.data_rows():
        r = RowReader(table, excel_row, row)
        kind = r.vocab("source_kind", vocab, "source_kinds", "unknown-source-kind", "source kind")
        data = {
            "id": r.get("id", cells.parse_id, default=""),
            "topic": r.get("topic", _topic_cell, required=True, default=""),  # several: io.topic_checks splits
            "source_kind": kind or "其他",
            "target_units": [u for u in r.get("target_units", cells.parse_list, default=[]) if not is_all(u)],
            "target_levels": _targets(r, "target_levels", lambda t: vocab.level_target(t) is not None,
                                      lambda t: vocab.nearest(t, "targets"), "unknown-level", "level"),
            "target_categories": _targets(r, "target_categories", lambda t: vocab.category(t) is not None,
                                          lambda t: vocab.nearest(t, "categories"),
                                          "unknown-category", "cadre category"),
            "priority": r.get("priority", _priority_level, code="bad-number",
                              expected="1-5 (5 the highest) or 高/中/低", default=3),
            "start": r.get("start", table.dates, code="bad-date", expected=DATE, keep=True,
                           blank_means=ROUND_UNSTARTED),
            "deadline": r.get("deadline", DEADLINES_IN_ORDER[table.config.input.date_order], code="bad-date",
                              expected=DATE, keep=True, blank_means=NO_DEADLINE),
            # a rotation on a central decision (集中轮训) is 专题/轮训 where the row gives no type
            "training_type": _training_type(r, "theory" if kind in rotation else "specialized"),
        }
        data["target_categories"] = [vocab.category(c) or c for c in data["target_categories"]]
        data["start"] = _round_start(r, data["start"], data["deadline"])
        if r.rejected:
            table.rows_skipped += 1
            continue
        if not data["id"]:
            unnamed.append(len(out))
            data["id"] = f"P{excel_row}"
        out.append(Priority(file=table.file, sheet=table.sheet, row=excel_row, **data))
    # a row without an id is named after its row (P3 on row 3), never with an id another row was given
    named = set(unnamed)
    taken = {p.id for i, p in enumerate(out) if i not in named}
    for i in unnamed:
        priority, n = out[i], 2
        while priority.id in taken:
            priority.id, n = f"P{priority.row}-{n}", n + 1
        taken.add(priority.id)
    return out


def _round_start(r: RowReader, start: dt.date | None, deadline: dt.date | None) -> dt.date | None:
    """A priority's start (开始时间), or None with a warning where it is after the row's deadline: a round is due after
    it starts, so one of the two is mistyped. The deadline stands and the start is left out, the round then starting
    as where the sheet gives none."""
    if start is None or deadline is None or start <= deadline:
        return start
    raw = r.table.raw(r.row, "start")
    due = r.table.header("deadline")
    r.fail("start", "bad-date", f"{quoted(raw if isinstance(raw, str) else start.isoformat())} is after the {due} "
           f"{deadline.isoformat()} of its row, so it was read as blank: {ROUND_UNSTARTED}{KEPT}",
           f"a start on or before the {due}",
           keep=True)
    return None


def _training_type(r: RowReader, default: str) -> str:
    text = r.get("training_type", default="")
    if not text:
        return default
    value = resolve_word(text, TRAINING_TYPE_WORDS)
    if value is None:
        r.fail("training_type", "bad-value", "is not a training type",
               "初任/任职/在职/专门业务/专题 (initial/appointment/on-the-job/specialized/theory)", keep=True)
    return value or default


def build_topics(table: Table) -> list[Topic]:
    out = []
    for excel_row, row in table.data_rows():
        r = RowReader(table, excel_row, row)
        name = r.get("name_zh", required=True, default="")
        data = {
            "id": r.get("id", cells.parse_id, default="") or topic_id_for(name),
            "name_zh": name,
            "name_en": r.get("name_en", default=""),
            "aliases": r.get("aliases", cells.parse_list, default=[]),
            "domain": r.get("domain", default=""),
            "training_type": _training_type(r, "on-the-job"),
            "hours": r.get("hours", cells.parse_number, code="bad-number", expected="hours above 0", default=8.0)
            or 8.0,
            "validity_years": r.get("validity_years", cells.parse_number, code="bad-number",
                                    expected="years, 0 for no expiry", default=3.0),
            "core": bool(r.get("core", cells.parse_bool, code="bad-value", expected="是/否 (yes/no)",
                               default=False)),
        }
        if r.rejected:
            table.rows_skipped += 1
            continue
        out.append(Topic(file=table.file, sheet=table.sheet, row=excel_row, **data))
    return out


def build_resources(table: Table) -> list[Resource]:
    out = []
    for excel_row, row in table.data_rows():
        r = RowReader(table, excel_row, row)
        kind_text = r.get("kind", default="")
        kind = resolve_word(kind_text, RESOURCE_KIND_WORDS) if kind_text else "other"
        if kind is None:
            r.fail("kind", "bad-value", "is not a kind of training resource",
                   "党校/行政学院/高校/网络学院/企业/基地", keep=True)
        data = {
            "provider": r.get("provider", required=True, default=""),
            "kind": kind or "other",
            "topics": r.get("topics", cells.parse_list, required=True, default=[]),
            "seats_per_period": int(r.get("seats_per_period", cells.parse_number, code="bad-number",
                                          expected="a whole number of seats", default=50)),
            "cost_per_seat": r.get("cost_per_seat", cells.parse_number, code="bad-number",
                                   expected="an amount", default=0.0),
            "score": r.get("score", lambda v: cells.parse_number(v), code="bad-number",
                           expected="a score from 0 to 100", default=0.0),
        }
        if data["score"] > 100:
            r.fail("score", "bad-number", "is above 100", "a score from 0 to 100")
        if str(data["provider"]).casefold() == UNASSIGNED:  # the word a class whose host is to be fixed holds
            r.fail("provider", "bad-value", f"is {data['provider']!r}, the word the outputs give a class whose host is "
                   "to be fixed", "another name for the provider")
        if r.rejected:
            table.rows_skipped += 1
            continue
        out.append(Resource(file=table.file, sheet=table.sheet, row=excel_row, **data))
    return out


def read_raw(table: Table) -> list[tuple[int, dict[str, str]]]:
    """Rows as {field: text}, for tables whose meaning is checked elsewhere (rules)."""
    out = []
    for excel_row, row in table.data_rows():
        r = RowReader(table, excel_row, row)
        # a list cell is split here and joined with ；, since clean() would fold its newlines away
        values = {name: "；".join(r.get(name, cells.parse_list, default=[])) if name == "topics"
                  else r.get(name, default="") for name in ENGLISH[table.kind]}
        if not r.rejected:
            out.append((excel_row, values))
    return out


BUILDERS: dict[str, Callable[[Table], list[Any]]] = {
    "roster": build_cadres,
    "posts": build_posts,
    "priorities": build_priorities,
    "topics": build_topics,
    "resources": build_resources,
}
