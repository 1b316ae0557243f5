"""Find the input sheets (in one workbook or in separate files) and load them into models."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from needscli.config import Config
from needscli.errors import NeedsError, Problem
from needscli.io.cells import birth_in_id_number, parse_id
from needscli.io.doubled_columns import (
    doubled_column_problems,
    level_from_either,
    moved_problems,
    shown_first,
)
from needscli.io.extent import ErrorValue
from needscli.io.files import LINK_LOOP, Sheet, is_link_loop, read_sheets, resolved
from needscli.io.headers import (
    ALIASES,
    ENGLISH,
    ERROR_HEADER_EXPECTED,
    HEADER_SCAN_ROWS,
    REQUIRED,
    Columns,
    column_named,
    error_header_row,
    error_header_row_said,
    error_header_said,
    error_headers,
    find_columns,
    header_label,
    header_lang,
    missing_required,
)
from needscli.io.organizer_fill import filled_organizer_notices
from needscli.io.other_lists import OtherList, other_list
from needscli.io.roster_year import stated_year
from needscli.io.sheet_unit import FILLED_BY_LABEL, SheetUnit, line_unit, sheet_unit
from needscli.io.tables import (
    BUILDERS,
    Seen,
    Table,
    build_cadres,
    first_filled,
    is_heading,
    may_open_a_note,
    read_raw,
    row_named,
)
from needscli.labels import ROWS_SHOWN, first_rows, label
from needscli.models import Cadre, Inputs, SkippedRow
from needscli.text import clean, column_letter, did_you_mean, fold, id_spellings, suggest

KINDS = ("roster", "posts", "priorities", "topics", "resources", "rules")
SHEET_NAMES = {
    "roster": ["花名册", "干部花名册", "干部名册", "人员名单", "名册", "roster", "cadres", "staff", "personnel"],
    "posts": ["岗位", "岗位职责", "职位", "岗位要求", "posts", "post requirements", "positions"],
    "priorities": ["组织需求", "重点需求", "组织培训需求", "priorities", "organizational needs",
                   "organizational priorities"],
    "topics": ["课程", "培训主题", "课程目录", "主题目录", "topics", "catalog", "topic catalog", "courses"],
    "resources": ["培训资源", "培训机构", "resources", "providers", "training resources"],
    "rules": ["规则", "需求规则", "rules"],
}
IGNORED_SHEETS = ["说明", "填表说明", "instructions", "readme", "下拉选项", "lists", "选项", "填写示例", "示例", "样例", "范例",
                  "example", "sample"]
_CJK = re.compile(r"[\u4e00-\u9fff]")
Progress = Callable[[str], None]


def sheet_kind(name: str) -> str | None:
    """Which input a sheet name denotes: exact alias first, then the longest alias it contains."""
    key = fold(name)
    for kind, aliases in SHEET_NAMES.items():
        if key in {fold(a) for a in aliases}:
            return kind
    best: tuple[int, str] | None = None
    for kind, aliases in SHEET_NAMES.items():
        for alias in aliases:
            if fold(alias) in key and (best is None or len(alias) > best[0]):
                best = (len(alias), kind)
    return best[1] if best else None


def _is_ignored(name: str) -> bool:
    key = fold(name)
    return any(fold(word) in key for word in IGNORED_SHEETS)


def assign_sheets(path: Path, sheets: list[Sheet], mapping: dict[str, str] | None = None) -> dict[str, Sheet]:
    """Map input kinds to the sheets of one workbook; a lone sheet is the roster.

    Without a sheet named as the roster, the one unnamed sheet is, or else the first unnamed sheet whose
    header row has the roster's required columns (Sheet1 beside an empty Sheet2 and Sheet3; with others headed
    so, one sheet a unit, roster_sheets gives them all).
    """
    shown = [s for s in sheets if not s.hidden]
    # the sheets shown first: a hidden one is last year's, or a scratch copy (the lone shown sheet beside hidden ones
    # is the roster only by its name or its header row)
    found = _sheets_by_kind(shown, mapping, lone=len(shown) == len(sheets))
    for kind, sheet in _sheets_by_kind(sheets, mapping).items():
        found.setdefault(kind, sheet)
    return found


def _sheets_by_kind(sheets: list[Sheet], mapping: dict[str, str] | None, lone: bool = True) -> dict[str, Sheet]:
    """assign_sheets among these sheets: by name (an instruction or example sheet named so only where no other
    is), else the roster as the lone sheet (lone), the one unnamed sheet, or the first with a roster header row."""
    found: dict[str, Sheet] = {}
    for sheet in sorted(sheets, key=lambda s: _is_ignored(s.name)):  # 花名册 before 花名册（填写示例）
        kind = sheet_kind(sheet.name)
        if kind and kind not in found and not (kind == "roster" and _lists_others(sheet, mapping)):
            found[kind] = sheet
    if "roster" not in found:
        usable = [s for s in sheets if not _is_ignored(s.name)]
        if len(usable) == 1 and lone:  # a lone sheet is the roster, even one named e.g. 岗位人员名单 or 退休人员
            return {"roster": usable[0]}
        candidates = [s for s in usable if sheet_kind(s.name) is None and not _lists_others(s, mapping)]
        if len(candidates) == 1:
            found["roster"] = candidates[0]
        else:
            headed = header_sheets("roster", candidates, mapping)
            if headed:
                found["roster"] = headed[0]
    return found


def roster_sheets(sheets: list[Sheet], found: dict[str, Sheet], mapping: dict[str, str] | None = None) -> list[Sheet]:
    """The sheets of a workbook read as its roster, in the workbook's order: found's roster sheet and those of the
    same standing with a roster header row of their own, never one that says it lists others (退休人员). Where the
    roster sheet is named as such, the other sheets named so (花名册 and 花名册 (2): a roster past Excel's rows, or
    written in parts); where it was found by its header row, the other unnamed sheets headed so (one sheet a unit,
    as offices gather them). Never a hidden sheet beside it (last year's, a scratch copy). A lone sheet is the
    roster by itself."""
    first = found.get("roster")
    if first is None:
        return []
    if sheet_kind(first.name) == "roster":
        others = [s for s in sheets if s is not first and sheet_kind(s.name) == "roster" and not _is_ignored(s.name)
                  and _headed("roster", s, mapping) and not _lists_others(s, mapping)]
    else:
        others = [s for s in header_sheets("roster", sheets, mapping) if s is not first]
    others = [s for s in others if not s.hidden]  # a sheet the office hid (last year's, a scratch copy) is not read
    chosen = {id(first), *map(id, others)}
    return [s for s in sheets if id(s) in chosen]


def roster_parts(path: Path, sheets: list[Sheet], found: dict[str, Sheet],
                 mapping: dict[str, str] | None = None) -> list[Sheet]:
    """roster_sheets, or NeedsError where two of them list the same cadres (a copy, another year's)."""
    parts = roster_sheets(sheets, found, mapping)
    if len(parts) > 1:
        _one_roster(path, parts, mapping)
    return parts


def _headed(kind: str, sheet: Sheet, mapping: dict[str, str] | None, outside: bool = True) -> bool:
    """Whether the sheet's header row has every required column of kind (with outside, a roster's 单位 may be said
    above it or by the sheet's name)."""
    columns = find_columns(kind, sheet.rows, mapping)
    return columns is not None and (not missing_required(kind, columns)
                                    or outside and _unit_outside(kind, sheet, columns) is not None)


def _unit_outside(kind: str, sheet: Sheet, columns: Columns) -> SheetUnit | None:
    """Where a roster sheet lacks only its 单位 column: its unit, from above its header or its name (io.sheet_unit),
    unless the name is an input's own (花名册 names no unit)."""
    if kind != "roster" or [n for n in REQUIRED[kind] if n not in columns.fields] != ["unit"]:
        return None
    found = sheet_unit(sheet.name, sheet.rows, columns.header_row)
    return None if found is None or (not found.row and sheet_kind(sheet.name) is not None) else found


# a roster sheet listing this share of its ids, and at least SAME_CADRES_LEAST of them, on an earlier one is a copy,
# not a part (a cadre or two on two unit sheets, posts in both, are left to the rows' own check)
SAME_CADRES_SHARE = 0.5
SAME_CADRES_LEAST = 3


def _one_roster(path: Path, sheets: list[Sheet], mapping: dict[str, str] | None) -> None:
    """Refuse roster sheets that are copies of one another (this year's and last year's, a sheet copied to be
    edited): a sheet whose ids are, half of them and SAME_CADRES_LEAST or more, on an earlier sheet. A few ids in
    two parts (a cadre with posts in two units) are left to the rows' own check (repeats the id of ...)."""
    earlier: dict[str, str] = {}  # id -> the first sheet listing it
    for sheet in sheets:
        ids = _ids(sheet, mapping)
        shared = [i for i in ids if i in earlier]
        if len(shared) >= max(SAME_CADRES_LEAST, SAME_CADRES_SHARE * len(ids)):
            other = earlier[shared[0]]
            one = f", or read one of the two only, given as {path.name}#{other}" if len(sheets) == 2 else ""
            raise NeedsError(f"{path.name}: sheets {other} and {sheet.name} list the same cadres ({len(shared)} of "
                             f"the {len(ids)} ids of {sheet.name}, such as {shared[0]}, are on both): one is a copy, "
                             "or another year's roster; delete or hide the one not to read (a hidden sheet is not "
                             f"read){one}")
        for i in ids:
            earlier.setdefault(i, sheet.name)


def _ids(sheet: Sheet, mapping: dict[str, str] | None) -> list[str]:
    """The distinct ids of a roster sheet's data rows, as written (not a total's 合计 or a sign-off's 制表人)."""
    columns = find_columns("roster", sheet.rows, mapping)
    col = columns.fields.get("id") if columns is not None else None
    if columns is None or col is None:
        return []
    ids = []
    for row in sheet.rows[columns.header_row:]:
        text = parse_id(row[col])[0] if col < len(row) else ""  # as the rows are read: 1001 typed as a number is 1001
        filled = first_filled(row)
        first = next(iter(filled), None)
        if text and not (isinstance(first, str) and may_open_a_note(first)) and not is_heading(filled):
            ids.append(text)
    return list(dict.fromkeys(ids))


def header_sheets(kind: str, sheets: list[Sheet], mapping: dict[str, str] | None = None) -> list[Sheet]:
    """The sheets, neither ignored nor named as an input, whose header row has every required column of
    kind (only the first rows of each are looked at); for the roster, none that says it lists people who are no
    serving cadres (退休人员: _lists_others)."""
    named = [s for s in sheets if not _is_ignored(s.name) and sheet_kind(s.name) is None
             and not (kind == "roster" and _lists_others(s, mapping))]
    whole = [s for s in named if _headed(kind, s, mapping, outside=False)]
    held = {id(s) for s in whole}  # by identity: a sheet's equality compares its every cell
    outside = [s for s in named if id(s) not in held and _headed(kind, s, mapping)]
    if whole and outside and _within(outside, whole, mapping):
        return whole  # a summary with a 单位 column beside the units' own sheets, whose cadres it lists: the summary
    held |= {id(s) for s in outside}
    return [s for s in named if id(s) in held]


def _lists_others(sheet: Sheet, mapping: dict[str, str] | None) -> OtherList | None:
    """Where the sheet's name, or a title above its roster header row, says it lists people who are no serving
    cadres (退休人员, 调出人员名单: io.other_lists): never a part of the roster, whatever the other sheets are named."""
    columns = find_columns("roster", sheet.rows, mapping)
    return other_list(sheet.name, sheet.rows, columns.header_row if columns is not None else 0)


def _within(parts: list[Sheet], summary: list[Sheet], mapping: dict[str, str] | None) -> bool:
    """Whether every id of the parts' sheets is on the summary's sheets."""
    listed = {i for sheet in summary for i in _ids(sheet, mapping)}
    return all(i in listed for sheet in parts for i in _ids(sheet, mapping))


def _unread_sheets(path: Path, sheets: list[Sheet], found: dict[str, Sheet], parts: list[Sheet],
                   mapping: dict[str, str] | None = None, chosen: bool = False, lang: str = "zh") -> list[Problem]:
    """A note for each sheet of the roster workbook that holds data but is read as no input, saying why: its name
    says none (Sheet2 beside the roster found by its header row, say), it is hidden, its name or title says it
    lists people who are no serving cadres (退休人员), or it is named as a roster sheet without a header row of its
    own (花名册 (2) continuing 花名册). parts: the sheets read as the roster; a roster sheet left for the one chosen
    (roster.xlsx#Sheet2) is not noted. lang: the roster's language."""
    used = {id(sheet) for sheet in [*found.values(), *parts]}
    names = "、".join(aliases[0] for aliases in SHEET_NAMES.values())
    # the roster read sheet by sheet by its header (one sheet a unit), none named as the roster nor chosen: a sheet
    # with the header and no unit said anywhere is one of them, its cadres lost; beside a 花名册 (or a sheet
    # chosen) it is another list (退休人员), only noted
    by_header = not chosen and not any(sheet_kind(part.name) == "roster" for part in parts)
    notes = []
    for sheet in sheets:
        if id(sheet) in used or _is_ignored(sheet.name) or not any(map(_has_value, sheet.rows)):
            continue
        if sheet.hidden:
            message = f"sheet {sheet.name} is hidden and holds data; it was not read"
        elif (others := _lists_others(sheet, mapping)) is not None:
            notes.append(_other_list_note(path, sheet, others, lang))
            continue
        elif sheet_kind(sheet.name) == "roster":
            if _headed("roster", sheet, mapping):
                continue  # another sheet was chosen as the roster
            message = (f"sheet {sheet.name} is named as a roster sheet but has no roster header row; to have it "
                       "read, copy the roster's header row above its data")
        elif by_header and (columns := find_columns("roster", sheet.rows, mapping)) is not None and \
                [n for n in REQUIRED["roster"] if n not in columns.fields] == ["unit"] and \
                _unit_outside("roster", sheet, columns) is None:
            # a unit's sheet whose unit is said nowhere: its cadres are not read, an error of the roster's
            said = header_lang(columns.headers)
            notes.append(Problem(
                code="sheet-not-read", file=path.name, sheet=sheet.name, severity="error",
                message=f"sheet {sheet.name} has a roster header row (row {columns.header_row}) but no "
                        f"{column_named('roster', 'unit', said)} column, nor a unit said above the header or by the "
                        "sheet's name: its rows were not read",
                expected=f"a {header_label('roster', 'unit', said)} column, or a line 填报单位：(the unit) above the "
                         "header"))
            continue
        else:
            message = (f"sheet {sheet.name} holds data but was not read: its name is none of the input sheets'; to "
                       f"have it read, name it {names} (or the English names)")
        notes.append(Problem(code="sheet-not-read", file=path.name, sheet=sheet.name, severity="warning",
                             message=message, expected="input sheets named as such"))
    return notes


def _other_list_note(path: Path, sheet: Sheet, said: OtherList, lang: str) -> Problem:
    """The note that a sheet was not read as it lists people who are no serving cadres, quoting where it says so."""
    whence = label("input.other_list_title", lang, row=said.row) if said.row else label("input.other_list_name", lang)
    return Problem(code="sheet-not-read", file=path.name, sheet=sheet.name, severity="warning",
                   message=label("input.sheet_other_list", lang, sheet=sheet.name, whence=whence, text=said.text,
                                 word=said.word),
                   expected=label("input.sheet_other_list_expected", lang))


def _header_lang(sheet: Sheet, mapping: dict[str, str] | None) -> str | None:
    """The language of a roster sheet's header row, as load_inputs reads it from its table; None without one."""
    columns = find_columns("roster", sheet.rows, mapping)
    return None if columns is None else header_lang(columns.headers)


def _read_before(path: Path, sheet: str, kind: str, first: str, lang: str) -> Problem:
    """The note that a sheet of a later roster workbook was not read: its kind was read from an earlier one."""
    zh, en = _OPTION_WHAT.get(kind, (kind, kind))
    return Problem(code="sheet-not-read", file=path.name, sheet=sheet, severity="warning",
                   message=label("input.sheet_read_before", lang, file=path.name, sheet=sheet,
                                 what=zh if lang != "en" else en, first=first),
                   expected=label("input.sheet_read_before_expected", lang, what=zh if lang != "en" else en,
                                  first=first, option=f"--{kind}"))


def _has_value(row: list[object]) -> bool:
    return any(value is not None and value != "" for value in row)


def _no_sheet(path: Path, kind: str, sheets: list[Sheet], mapping: dict[str, str] | None) -> NeedsError:
    """Why no sheet of a workbook was taken for kind: none is named so, and none or several could be."""
    names = ", ".join(s.name for s in sheets)
    name = SHEET_NAMES[kind][0] + (" (or roster)" if kind == "roster" else "")
    headed = [s.name for s in header_sheets(kind, sheets, mapping)]
    if len(headed) > 1:
        return NeedsError(f"{path.name}: no {kind} sheet among [{names}], and {len(headed)} sheets have a {kind} "
                          f"header row ({', '.join(headed)}); name the one to read {name}")
    if kind == "roster" and not headed:  # each sheet with a roster's header set aside as a list of people who left
        aside = [(sheet.name, said) for sheet in sheets
                 if find_columns("roster", sheet.rows, mapping) is not None
                 and (said := _lists_others(sheet, mapping)) is not None]
        if aside:
            sheet, said = aside[0]
            whence = "its name" if said.row == 0 else f"its title on row {said.row}"
            return NeedsError(f'{path.name}: no roster sheet among [{names}]: sheet {sheet} was not read, as '
                              f'{whence} "{said.text}" says it lists people who are not serving cadres ({said.word}); '
                              f"give the roster a name and a title that do not say so")
    hint = did_you_mean(SHEET_NAMES[kind][0], [s.name for s in sheets]) if kind == "roster" else ""
    return NeedsError(f"{path.name}: no {kind} sheet among [{names}]; name it {name}{hint}")


def sheet_place(path: Path, sheet: Sheet) -> str:
    """Where a sheet is, as a message names it: the file and the sheet; a text file (CSV) has no sheets."""
    return path.name if sheet.text else f"{path.name}, sheet {sheet.name}"


def _no_data_rows(table: Table) -> bool:
    """Whether a table has its header row and nothing below it."""
    return not any(_has_value(row) for row in table.rows[table.columns.header_row:])


def make_table(kind: str, path: Path, sheet: Sheet, config: Config, mapping: dict[str, str] | None = None,
               asked: str = "") -> Table:
    """Find the header row and check required columns, or raise NeedsError (exit 2). asked: the language its notices
    are said in where the run asks for one ("": its header row's)."""
    where = sheet_place(path, sheet)
    seen = [str(v) for row in sheet.rows[:HEADER_SCAN_ROWS] for v in row if v]  # an empty sheet tells no language
    lang = "zh" if any(_CJK.search(v) for v in seen) else "en" if any(re.search("[A-Za-z]", v) for v in seen) else ""
    if len(sheet.rows) > config.limits.max_rows:
        raise NeedsError(f"{where}: too many rows ({len(sheet.rows)}); the limit is {config.limits.max_rows} "
                         "(limits.max_rows in the config)")
    columns = find_columns(kind, sheet.rows, mapping)
    if columns is None:
        expected = ", ".join(ALIASES[kind][n][0] for n in REQUIRED[kind])
        english = ", ".join(ENGLISH[kind][n] for n in REQUIRED[kind])
        if not any(_has_value(row) for row in sheet.rows):
            raise NeedsError(f"{where}: the {'file' if sheet.text else 'sheet'} is empty; expected a header row with "
                             f"columns such as {expected} ({english}) and the rows below it", lang=lang)
        erred = error_header_row(kind, sheet.rows, sheet.errors, sheet.text, mapping)
        if erred:  # every header #REF!: said at its cells, not as no header at all
            raise NeedsError(f"{where}: header row {erred[0].row}: {error_header_row_said(erred)}; expected the "
                             f"headers typed in again, not by formula, with columns such as {expected} ({english})",
                             lang=lang)
        raise NeedsError(f"{where}: no header row found in the first rows; expected columns such as "
                         f"{expected} ({english})", lang=lang)
    missing = missing_required(kind, columns)
    unit = _unit_outside(kind, sheet, columns) if missing else None
    erred = error_headers(columns, sheet.errors)
    if missing and unit is None:  # a header of #REF! reads as none: the column it names is said missing
        said = [*missing, *map(error_header_said, erred)]
        raise NeedsError(f"{where}: header row {columns.header_row}: " + "; ".join(said)
                         + (f"; expected {ERROR_HEADER_EXPECTED}" if erred else ""), lang=lang)
    if sheet.hidden_columns:  # a shown column read before a hidden one of the same field
        shown_first(columns, sheet.column_hidden)
    hidden = _hidden_read(kind, sheet, columns)  # the sheet's own columns, before a unit said above is added
    # a CSV's one table is named by its file alone: its problems name no sheet (the file's stem is none)
    table = Table(kind, path.name, "" if sheet.text else sheet.name, sheet.rows, columns, config, lang_asked=asked,
                  text=sheet.text)
    if unit is not None:
        table.problems += _with_unit(table, unit)
    table.problems += [_error_header(table, error) for error in erred]
    table.problems += doubled_column_problems(table)
    if hidden:
        table.problems.append(_read_though_hidden_columns(table, hidden))
    table.level_taken = level_from_either(table)
    table.hidden_rows = sheet.hidden_rows
    table.unvalued = sheet.unvalued
    table.errors = {(e.row, e.column): e.text for e in sheet.errors}
    return table


def _error_header(table: Table, error: ErrorValue) -> Problem:
    """The warning at a header cell of an error value: its column, of no header, was not read (the field it names
    left unread, or, where required, the sheet refused by make_table)."""
    cell = f"{column_letter(error.column - 1)}{error.row}"
    message = f"header row {table.columns.header_row}: {error_header_said(error)}; expected {ERROR_HEADER_EXPECTED}"
    return Problem(code="error-value", file=table.file, sheet=table.sheet, row=table.columns.header_row, cell=cell,
                   severity="warning", message=message, expected=ERROR_HEADER_EXPECTED)


UNIT_HEADER = "单位"  # the column a roster sheet's unit is given in, where the sheet says it above its header


def _with_unit(table: Table, unit: SheetUnit) -> list[Problem]:
    """Give each data row of the table the unit the sheet says (a column past its last, headed 单位: its cells are
    no cell of the file), and the warning that says so. A further 填报单位 line below the header (rosters pasted
    unit by unit) says the unit of the rows after it, with a warning of its own; one that names none leaves them
    none (each row then said to lack its unit). Rows that are no data (a note, a total, a sign-off, the header
    repeated) are left as they are, to be skipped as such."""
    rows, columns = table.rows, table.columns
    lang = table.header_lang  # of the headers as written: read (and kept) before the 单位 column is added below
    col = max(max((len(row) for row in rows), default=0), len(columns.headers))
    header = [fold(h) for h in columns.headers]
    blocks: list[tuple[SheetUnit, int]] = [(unit, columns.header_row + 1)]  # each unit and the row it starts at
    current: str | None = unit.unit
    nameless: SheetUnit | None = None  # the last 填报单位 line that names no unit, where the rows are under one
    cut = False  # a further line (naming a unit or none) ends the first unit's rows
    for i in range(columns.header_row, len(rows)):
        row = rows[i]
        filled = first_filled(row)
        first = filled[0] if filled else None
        if isinstance(first, str) and FILLED_BY_LABEL.match(first):  # rows pasted unit by unit, each under its line
            current, cut = line_unit(first), True
            said = SheetUnit(current or "", i + 1, clean(first), row.index(first))
            if current is not None:
                blocks.append((said, i + 2))
            nameless = None if current is not None else said
        if len(filled) < 2 or (isinstance(first, str) and may_open_a_note(first)) or \
                Table.repeats_header(row, header):
            continue
        if nameless is not None:
            table.unit_unsaid[i + 1] = nameless
        row.extend([None] * (col - len(row)))
        row.append(current)
    columns.headers.extend([""] * (col - len(columns.headers)))
    columns.headers.append(UNIT_HEADER)
    columns.fields["unit"] = col
    return [_unit_said(table, said, start if cut else 0, lang) for said, start in blocks]


def _unit_unsaid(table: Table) -> None:
    """The rows under a 填报单位 line that names no unit (table.unit_unsaid), each said to lack its unit at that
    line's cell, where the reader's fault would name a cell past the sheet's last column, a cell of no file."""
    lang = table.header_lang
    for at, problem in enumerate(table.problems):
        line = table.unit_unsaid.get(problem.row or 0) if problem.code == "missing-value" else None
        if line is None or problem.column != UNIT_HEADER:
            continue
        table.problems[at] = Problem(
            code="missing-value", file=table.file, sheet=table.sheet, row=problem.row, column=UNIT_HEADER,
            cell=f"{column_letter(line.col)}{line.row}", severity=problem.severity,
            message=f"row {problem.row}: no unit: the sheet has no {column_named('roster', 'unit', lang)} column and "
                    f'the line "{line.text}" on row {line.row} above it names none',
            expected=f"the unit's name after 填报单位：, or a {header_label('roster', 'unit', lang)} column")


def _unit_said(table: Table, unit: SheetUnit, start: int, lang: str) -> Problem:
    """The warning for the unit a sheet says, of all its cadres (start 0) or of those from row start on; lang: the
    language of its header row."""
    whence = (f'the line "{unit.text}" on row {unit.row}' if unit.row else
              "the sheet's name" if table.sheet else "the file's name")
    of = f"sheet {table.sheet}" if table.sheet else "the file"
    whom = f"the cadres of {of} from row {start} on are" if start else f"every cadre of {of} is"
    return Problem(code="unit-from-sheet", file=table.file, sheet=table.sheet, row=unit.row or None,
                   cell=f"{column_letter(unit.col)}{unit.row}" if unit.row else "", severity="warning",
                   message=f"no {column_named('roster', 'unit', lang)} column: {whom} read as of the unit {unit.unit}, "
                           f"from {whence}",
                   expected=f"a {header_label('roster', 'unit', lang)} column, or one unit a sheet said above its header "
                            "(填报单位：…) or by its name")


def _load_table(inputs: Inputs, kind: str, table: Table, seen: Seen) -> None:
    inputs.problems += _unmapped(kind, table, inputs.message_lang)
    if kind == "roster":
        records: list[Any] = build_cadres(table, seen)
        if table.unit_unsaid:
            _unit_unsaid(table)
        moved_problems(table, table.level_taken)
        if table.hidden_rows:
            inputs.problems += _read_though_hidden(table, records, inputs.message_lang)
        for cadre in records:  # an HR roster keyed by 身份证号, without 出生年月: the age is in the id
            if cadre.birth_date is None and (born := birth_in_id_number(cadre.id)) is not None:
                cadre.birth_date = born
        inputs.roster_columns[(table.file, table.sheet)] = {
            name: (table.columns.headers[col], col) for name, col in table.columns.fields.items()}
        year = stated_year(table.rows, table.columns.header_row)
        if year is not None:
            inputs.roster_years[(table.file, table.sheet)] = year
    elif kind == "rules":
        inputs.rule_rows.extend(read_raw(table))
        inputs.rules_origin = (table.file, table.sheet)
        records = inputs.rule_rows
    else:
        records = BUILDERS[kind](table)
    if kind != "rules":
        getattr(inputs, kind if kind != "roster" else "cadres").extend(records)
    inputs.problems.extend(table.problems)
    if table.unvalued:  # once the rows are read: a total row skipped (合计 =SUM(...)) is no cell read
        inputs.problems += _unvalued_formulas(table, inputs.message_lang)
    if table.errors_only:
        inputs.problems.append(_errors_only(table, inputs.message_lang))
    inputs.counts[kind] = inputs.counts.get(kind, 0) + (len(records) if kind != "rules" else len(inputs.rule_rows))
    inputs.skipped[kind] = inputs.skipped.get(kind, 0) + table.rows_skipped
    inputs.skipped_rows += table.skipped_rows
    inputs.sources.setdefault(kind, f"{table.file} / {table.sheet}" if table.sheet else table.file)


def _read_though_hidden(table: Table, cadres: list[Cadre], lang: str) -> list[Problem]:
    """The notice, one for the sheet, that cadres were read from rows hidden or filtered out in Excel (an AutoFilter
    showing one unit's rows hides the others): every row is read, seen or not. Names how many and the first rows."""
    hidden = set(table.hidden_rows)
    rows = [cadre.row for cadre in cadres if cadre.row in hidden]
    if not rows:
        return []
    shown = first_rows(rows, lang)
    return [Problem(code="hidden-rows", file=table.file, sheet=table.sheet, row=rows[0], severity="warning",
                    message=label("input.hidden_rows", lang, sheet=table.sheet, count=len(rows), rows=shown),
                    expected=label("input.hidden_rows_expected", lang))]


def _hidden_read(kind: str, sheet: Sheet, columns: Columns) -> list[int]:
    """The columns of the sheet that are read (a field's, a rating's, a roster's further level column) and hidden in
    Excel, left to right."""
    if not sheet.hidden_columns:
        return []
    read = {*columns.fields.values(), *columns.ratings, *(columns.doubles.get("level", []) if kind == "roster" else [])}
    return sorted(col for col in read if sheet.column_hidden(col))


def _read_though_hidden_columns(table: Table, hidden: list[int]) -> Problem:
    """The notice, one for the sheet, that columns hidden in Excel were read: the clerk cannot see what was read.
    Names each, at the first one's header cell."""
    columns, lang = table.columns, table.lang
    named = label("list_joiner", lang).join(
        label("input.doubled_one", lang, header=columns.headers[col], col=column_letter(col)) for col in hidden)
    return Problem(code="hidden-columns", file=table.file, sheet=table.sheet, row=columns.header_row,
                   column=columns.headers[hidden[0]], cell=f"{column_letter(hidden[0])}{columns.header_row}",
                   severity="warning", message=label("input.hidden_columns", lang, sheet=table.sheet, columns=named),
                   expected=label("input.hidden_columns_expected", lang))


def _unvalued_formulas(table: Table, lang: str) -> list[Problem]:
    """The notice, one for the sheet, that cells of the columns read hold formulas whose results the file does not
    hold (a workbook made by a program, never opened and saved in Excel or WPS): read as empty, which a clerk
    would not guess from "为空". Names how many, and the first cells with their columns; at the first's row."""
    header_row, read = table.columns.header_row, set(table.columns.fields.values())
    headers = table.columns.headers
    skipped = {p.row for p in table.problems if p.code == "note-row"}  # a total or note row: no cell of it is read
    # the header's cells, whatever their column (a header by formula names no column: it is not read at all), the row
    # above it where its column has no header (a two-row header's cell merged over both rows), and the cells of the
    # columns read in the rows read
    cells = sorted((row, col - 1) for row, col in table.unvalued
                   if row == header_row or (row == header_row - 1 and not _header_of(headers, col - 1))
                   or (row > header_row and col - 1 in read and row not in skipped))
    if not cells:
        return []

    def said(row: int, col: int) -> str:
        cell = f"{column_letter(col)}{row}"
        if row <= header_row:
            return label("input.unvalued_header", lang, cell=cell)
        return label("input.unvalued_cell", lang, cell=cell, header=headers[col])

    shown = label("list_joiner", lang).join(said(row, col) for row, col in cells[:ROWS_SHOWN]) + (
        " …" if len(cells) > ROWS_SHOWN else "")
    # at the first cell's row, naming no cell: each cell's own problem (为空, 达标情况未知) is told as well
    return [Problem(code="formula-without-value", file=table.file, sheet=table.sheet, row=cells[0][0], severity="warning",
                    message=label("input.unvalued", lang, sheet=table.sheet, count=len(cells), cells=shown),
                    expected=label("input.unvalued_expected", lang))]


def _errors_only(table: Table, lang: str) -> Problem:
    """The error, one for the sheet, that rows holding nothing but error values in the columns read were skipped:
    each would read as blank, and a clerk with 50 of them (a lookup filled down past the table) reads one list
    better than 50 faults. Names how many, and the first rows with the cell and error of each; at the first's cell."""
    rows, headers = table.errors_only, table.columns.headers

    def said(row: int, column: int, error: str) -> str:
        return label("input.errors_only_row", lang, row=row, cell=f"{column_letter(column - 1)}{row}",
                     error=error or label("input.error_unnamed", lang))

    shown = label("list_joiner", lang).join(said(*e) for e in rows[:ROWS_SHOWN]) + (
        " …" if len(rows) > ROWS_SHOWN else "")
    where = label("input.errors_only_sheet", lang, sheet=table.sheet) if table.sheet else \
        label("input.errors_only_file", lang)
    first = rows[0]
    return Problem(code="error-value", file=table.file, sheet=table.sheet, row=first.row,
                   column=_header_of(headers, first.column - 1), cell=f"{column_letter(first.column - 1)}{first.row}",
                   message=label("input.errors_only", lang, where=where, count=len(rows), rows=shown),
                   expected=label("input.errors_only_expected", lang))


def _header_of(headers: list[str], col: int) -> str:
    return headers[col] if 0 <= col < len(headers) else ""


_OPTION_WHAT = {"posts": ("岗位", "posts"), "priorities": ("组织需求", "priorities"), "topics": ("课程", "topics"),
                "resources": ("培训资源", "resources"), "rules": ("规则", "rules")}


def split_sheet(path: Path) -> tuple[Path, str]:
    """roster.xlsx#花名册 -> (roster.xlsx, 花名册): a sheet chosen by name after '#'; a file whose own name
    holds '#' stays whole."""
    name = path.name
    if "#" not in name or path.exists():
        return path, ""
    file, _, sheet = name.rpartition("#")
    return path.with_name(file), sheet.strip()


def _chosen_sheet(path: Path, sheets: list[Sheet], name: str) -> Sheet:
    """The sheet named (exactly, else as folded), or NeedsError naming the sheets there are."""
    for sheet in sheets:
        if sheet.name == name:
            return sheet
    for sheet in sheets:
        if fold(sheet.name) == fold(name):
            return sheet
    names = "、".join(s.name for s in sheets)
    raise NeedsError(f"{path.name}：没有名为「{name}」的工作表（有：{names}）{_hint(name, [s.name for s in sheets], 'zh')}")


def _replaced(path: Path, sheet: str, kind: str, given: Path, lang: str) -> Problem:
    """The note that a sheet of the roster workbook was not read because its kind was given as a file."""
    zh, en = _OPTION_WHAT.get(kind, (kind, kind))
    return Problem(code="sheet-replaced", file=path.name, sheet=sheet, severity="warning",
                   message=label("input.sheet_replaced", lang, file=path.name, sheet=sheet, option=f"--{kind}",
                                 what=zh if lang != "en" else en, given=given.name),
                   expected=label("input.sheet_replaced_expected", lang, option=f"--{kind}"))


def _unmapped(kind: str, table: Table, lang: str) -> list[Problem]:
    """A warning for each header of the column mapping ([columns.<kind>]) that no column has."""
    columns = table.columns
    written = "、".join(h for h in columns.headers if h) if lang != "en" else ", ".join(h for h in columns.headers if h)
    return [Problem(code="mapped-header-missing", file=table.file, sheet=table.sheet, row=columns.header_row,
                    severity="warning",
                    message=label("input.unmapped_header", lang, header=header, kind=kind,
                                  row=columns.header_row, hint=_hint(header, columns.headers, lang)),
                    expected=label("input.unmapped_expected", lang, headers=written))
            for header in columns.unmapped]


def _hint(word: str, choices: list[str], lang: str) -> str:
    hit = suggest(word, [c for c in choices if c])
    return label("input.did_you_mean", lang, hit=hit) if hit else ""


def _given_twice(path: Path, first: Path) -> Problem:
    """The note for a roster named again (compared as resolved paths): it is read once."""
    again = f"{path.name} was given twice" if str(path) == str(first) else f"{path} is {first} again"
    return Problem(code="repeated-file", file=path.name, severity="warning",
                   message=f"{again}; it was read once and the second mention ignored",
                   expected="each roster named once")


def _link_loops(rosters: list[Path]) -> tuple[list[Path], list[Problem]]:
    """The rosters less those that are symbolic links leading round in a loop (left in a folder of units' rosters),
    and an error naming each: the other rosters are read. Where every roster is one, they are kept, for the
    reading to stop the run saying so (a file that cannot be read)."""
    loops = [path for path in rosters if is_link_loop(path)]
    if not loops or len(loops) == len(rosters):
        return rosters, []
    problems = [Problem(code="link-loop", file=path.name, message=f"{path.name} was not read: it {LINK_LOOP}",
                        expected="the roster file itself, or a link that leads to it")
                for path in dict.fromkeys(loops)]
    return [path for path in rosters if path not in loops], problems


def _newer_twins(rosters: list[Path]) -> tuple[list[Path], list[Problem]]:
    """The rosters with one workbook of each X.xls and X.xlsx (or .xlsm) found side by side, as an office leaves
    them once it has saved an old workbook again in a newer Excel: the newer of the two is read (the .xlsx where
    they are as new), and a note names the other. Read both, every cadre would be there twice, the older's
    entries winning where the older came first."""
    saved_again = {(resolved(p.parent), p.stem.casefold()): p for p in rosters if p.suffix.lower() in (".xlsx", ".xlsm")}
    old = {(resolved(p.parent), p.stem.casefold()): p for p in rosters if p.suffix.lower() == ".xls"}
    left: dict[Path, Path] = {}  # the workbook not read -> the one read in its place
    for key, xls in old.items():
        twin = saved_again.get(key)
        newer = _newer(twin, xls) if twin is not None else None
        if twin is not None and newer is not None:
            left.update({resolved(xls): twin} if newer else {resolved(twin): xls})
    kept, notes, noted = [], [], set()
    for path in rosters:
        read = left.get(resolved(path))
        if read is None:
            kept.append(path)
            continue
        if resolved(path) not in noted:  # a workbook named twice is noted once
            noted.add(resolved(path))
            notes.append(Problem(code="repeated-file", file=path.name, severity="warning",
                                 message=f"{path.name} was not read: {read.name} beside it is the same workbook, "
                                         "saved later, and was read in its place",
                                 expected="each roster once"))
    return kept, notes


def _newer(path: Path, than: Path) -> bool | None:
    """Whether path was written no earlier than the other (saved again from it); None where either cannot be looked
    at (both are then read, each saying what is wrong with it)."""
    try:
        return path.stat().st_mtime >= than.stat().st_mtime
    except OSError:
        return None


def _sheets_of(path: Path, config: Config, cache: dict[Path, list[Sheet]]) -> list[Sheet]:
    key = resolved(path)
    if key not in cache:
        cache[key] = read_sheets(path, config.limits)
    return cache[key]


def load_inputs(
    rosters: list[Path],
    config: Config,
    *,
    extra: dict[str, Path | None] | None = None,
    mapping: dict[str, dict[str, str]] | None = None,
    progress: Progress | None = None,
    as_of: dt.date | None = None,
    lang: str = "auto",
) -> Inputs:
    """Read the roster file(s), the other sheets of the first roster workbook, and any separate files.

    extra maps a kind (posts, priorities, topics, resources, rules) to its own file; a .toml rules
    file is left for the rules module and only recorded here. as_of: the date a roster's blank 职级 is read against
    (a probationer's, io.roster_levels); None: today. lang: the language of the notices about the input
    ("zh" or "en", as --lang asks; "auto": the roster's).
    """
    if not rosters:
        raise NeedsError("no roster given; name a .xlsx, .xls or .csv roster")
    sheet_choices: dict[Path, str] = {}  # roster.xlsx#花名册: the sheet to read as the roster
    named = []
    for path in rosters:
        path, sheet = split_sheet(path)
        if sheet:
            sheet_choices[resolved(path)] = sheet
        named.append(path)
    rosters = named
    rosters, loops = _link_loops(rosters)
    rosters, twins = _newer_twins(rosters)
    unique: dict[Path, Path] = {}  # resolved -> as first given: a file named twice is read once
    for path in rosters:
        unique.setdefault(resolved(path), path)
    inputs = Inputs(paths=list(unique.values()), lang_asked=lang if lang in ("zh", "en") else "")
    inputs.problems += loops + twins
    cache: dict[Path, list[Sheet]] = {}
    seen: Seen = {}
    mapping = mapping or {}
    done: set[Path] = set()
    taken: dict[str, str] = {}  # a kind of sheet beside the roster -> the workbook it was read from
    headers_only: list[str] = []  # the roster sheets read with a header row and no row below it
    for path in rosters:
        key = resolved(path)
        if key in done:
            inputs.problems.append(_given_twice(path, unique[key]))
            continue
        if progress:
            progress(f"reading {path.name}")
        sheets = _sheets_of(path, config, cache)
        found = assign_sheets(path, sheets, mapping.get("roster"))
        chosen = sheet_choices.get(key) or config.input.roster_sheet
        if chosen:
            found["roster"] = _chosen_sheet(path, sheets, chosen)
        if "roster" not in found:
            raise _no_sheet(path, "roster", sheets, mapping.get("roster"))
        parts = [found["roster"]] if chosen else roster_parts(path, sheets, found, mapping.get("roster"))
        # the sheets beside the roster from the first workbook that has each kind; a later one's left, said so
        wanted = {kind: sheet for kind, sheet in found.items() if kind == "roster" or kind not in taken}
        if not done:  # the roster's language, as its first sheet's header writes it, for the notes of its sheets
            inputs.lang = _header_lang(parts[0], mapping.get("roster")) or inputs.lang
        inputs.problems += _unread_sheets(path, sheets, found, parts, mapping.get("roster"), bool(chosen),
                                          inputs.message_lang)
        inputs.problems += [_read_before(path, sheet.name, kind, taken[kind], inputs.message_lang)
                            for kind, sheet in found.items() if kind not in wanted]
        # a kind given as a file of its own (--posts) is read from none: each workbook's sheet is said replaced
        taken.update((kind, path.name) for kind in wanted if kind != "roster" and not (extra or {}).get(kind))
        done.add(key)
        for kind in KINDS:
            given = (extra or {}).get(kind)
            if kind in wanted and given:
                inputs.problems.append(_replaced(path, wanted[kind].name, kind, given, inputs.message_lang))
            if kind in wanted and not given:
                for part in parts if kind == "roster" else [wanted[kind]]:
                    table = make_table(kind, path, part, config, mapping.get(kind), inputs.lang_asked)
                    table.as_of = as_of
                    if kind == "roster" and len(done) == 1 and part is parts[0]:
                        inputs.lang = table.header_lang
                    if kind == "roster" and _no_data_rows(table):
                        headers_only.append(f"{sheet_place(path, part)}: the {'file' if part.text else 'sheet'} has "
                                            f"a header row (row {table.columns.header_row}) but no data rows below "
                                            "it; enter the cadres below the header")
                    _load_table(inputs, kind, table, seen)
    for kind, given in (extra or {}).items():
        if given is None:
            continue
        if kind == "rules" and given.suffix.lower() == ".toml":
            inputs.rules_path = given
            continue
        load_separate(inputs, kind, given, config, cache, mapping.get(kind), seen)
    inputs.counts.setdefault("roster", 0)
    if headers_only and not inputs.cadres and inputs.skipped.get("roster", 0) == 0:  # no roster row at all
        raise NeedsError("\n".join(headers_only), problems=inputs.problems, lang=inputs.lang)
    inputs.problems += one_spelling_per_unit(inputs.cadres, inputs.message_lang)
    inputs.problems += same_id_numbers(inputs)
    inputs.problems += post_matching(inputs)
    inputs.problems += organizer_spellings(inputs, config)
    inputs.problems += filled_organizer_notices(inputs, config)
    return inputs


def same_id_numbers(inputs: Inputs) -> list[Problem]:
    """A 身份证号 on two rows, its check digit x on one and X on the other: one cadre, read as two where ids are
    kept as typed. The later row is left out as a repeated id is (an error naming the earlier row)."""
    first: dict[str, Cadre] = {}
    twins: list[tuple[Cadre, Cadre]] = []
    for cadre in inputs.cadres:
        spellings = id_spellings(cadre.id)
        if len(spellings) == 2:
            earlier = first.setdefault(cadre.id.upper(), cadre)
            if earlier is not cadre and earlier.id != cadre.id:
                twins.append((cadre, earlier))
    if not twins:
        return []
    later = {id(cadre) for cadre, _ in twins}
    inputs.cadres = [c for c in inputs.cadres if id(c) not in later]
    inputs.counts["roster"] -= len(twins)
    inputs.skipped["roster"] = inputs.skipped.get("roster", 0) + len(twins)
    inputs.skipped_rows += [SkippedRow(c.file, c.sheet, c.row, c.id, c.name) for c, _ in twins]
    problems = []
    for cadre, earlier in twins:
        header, cell = _roster_cell(inputs, cadre, "id", "编号")
        where = row_named(earlier.file, earlier.sheet, earlier.row, cadre.file, cadre.sheet)
        problems.append(Problem(code="duplicate-id", file=cadre.file, sheet=cadre.sheet, row=cadre.row, column=header,
                                cell=cell, message=f'row {cadre.row}, column "{header}": repeats the id of {where}',
                                expected="a unique id per cadre (the same 身份证号, its x typed in the other case)"))
    return problems


def _roster_cell(inputs: Inputs, cadre: Cadre, field: str, header: str) -> tuple[str, str]:
    """The header a roster gives the field and the cadre's cell of it (A7); the header given and no cell where the
    roster has no such column."""
    written, col = inputs.roster_columns.get((cadre.file, cadre.sheet), {}).get(field, (header, -1))
    return written, f"{column_letter(col)}{cadre.row}" if col >= 0 and cadre.row else ""


def organizer_spellings(inputs: Inputs, config: Config) -> list[Problem]:
    """A warning per 管理权限 the settings know no organizer by but one of its level (县委直管 beside 县委管理): its
    cadres would be classes of their own, apart from that organizer's, and sent up nowhere. Once per way of
    writing it, at its first cell, with the count of cadres. One no organizer is like (a unit's own) is left."""
    names = config.classes.organizer_names()
    organizers = sorted(set(names.values()))
    first: dict[str, Cadre] = {}
    count: Counter[str] = Counter()
    for cadre in inputs.cadres:
        written = cadre.managed_by
        if written and fold(written) not in names:
            first.setdefault(written, cadre)
            count[written] += 1
    problems = []
    for written, cadre in first.items():
        # of the organizer's level, as it writes it: 县委直管 or 县级管理 for 县委管理, not 市国资委管理 for 市委管理
        key = fold(written)
        meant = [name for name in organizers if key.startswith((fold(name)[:2], fold(name)[:1] + "级"))]
        if len(meant) != 1:
            continue
        header, cell = _roster_cell(inputs, cadre, "managed_by", "管理权限")
        problems.append(Problem(
            code="unknown-organizer", file=cadre.file, sheet=cadre.sheet, row=cadre.row, column=header,
            cell=cell, severity="warning",
            message=label("input.organizer_unknown", inputs.message_lang, row=cadre.row, header=header, written=written,
                          count=count[written], meant=meant[0]),
            expected=label("input.organizer_unknown_expected", inputs.message_lang, written=written, meant=meant[0])))
    return problems


def post_matching(inputs: Inputs) -> list[Problem]:
    """Warnings where the posts table and the roster do not meet (a post is found by the cadre's 岗位代码,
    else by its 职务 as the post's 岗位名称): a post no cadre holds, and a 岗位代码 of the roster no post has
    (once per code, at its first cell); with none of them meeting, one warning says post needs are lost."""
    if not inputs.posts or not inputs.cadres:
        return []
    lang = inputs.message_lang
    codes = {fold(p.post_code) for p in inputs.posts if p.post_code}
    titles = {fold(p.post_title) for p in inputs.posts if p.post_title}
    held_codes = {fold(c.post_code) for c in inputs.cadres if c.post_code}
    held_titles = {fold(c.post) for c in inputs.cadres
                   if not (c.post_code and fold(c.post_code) in codes) and c.post}
    out: list[Problem] = []
    met = any((p.post_code and fold(p.post_code) in held_codes) or (p.post_title and fold(p.post_title) in held_titles)
              for p in inputs.posts)
    if not met:
        first = inputs.posts[0]
        return [Problem(code="posts-unmatched", file=first.file, sheet=first.sheet, severity="warning",
                        message=label("input.posts_unmatched", lang, posts=len({(p.post_code, p.post_title)
                                                                                  for p in inputs.posts})),
                        expected=label("input.posts_expected", lang))]
    seen: set[tuple[str, str]] = set()
    for post in inputs.posts:
        key = (post.post_code, post.post_title)
        if key in seen:
            continue
        seen.add(key)
        if not ((post.post_code and fold(post.post_code) in held_codes)
                or (post.post_title and fold(post.post_title) in held_titles)):
            out.append(Problem(code="post-not-held", file=post.file, sheet=post.sheet, row=post.row or None,
                               severity="warning",
                               message=label("input.post_not_held", lang, row=post.row,
                                             post="、".join(x for x in key if x) if lang != "en"
                                             else " / ".join(x for x in key if x)),
                               expected=label("input.posts_expected", lang)))
    if codes:
        reported: set[str] = set()
        counts: Counter[str] | None = None  # rows per code (folded), counted once a code is reported
        for cadre in inputs.cadres:
            code = fold(cadre.post_code) if cadre.post_code else ""
            if code and code not in codes and code not in reported and fold(cadre.post) not in titles:
                reported.add(code)
                header, cell = _roster_cell(inputs, cadre, "post_code", "")
                if counts is None:
                    counts = Counter(fold(c.post_code) for c in inputs.cadres if c.post_code)
                count = counts[code]
                out.append(Problem(code="post-code-unknown", file=cadre.file, sheet=cadre.sheet, row=cadre.row or None,
                                   column=header, cell=cell, severity="warning",
                                   message=label("input.post_code_unknown", lang, row=cadre.row, code=cadre.post_code,
                                                 header=header or "岗位代码", count=count),
                                   expected=label("input.posts_expected", lang)))
    return out


def one_spelling_per_unit(cadres: list[Cadre], lang: str) -> list[Problem]:
    """A unit written two ways that read the same (ＸＸ县 and XX县, 市委 组织部 and 市委组织部) is one unit:
    each cadre takes the spelling most of the unit's rows have (the first one's on a tie), and each
    other spelling is noted once, at its first row.

    Classes, rankings, the unit matrix and the split hand-outs all group by unit, and priorities
    already match units this way (text.fold).
    """
    rows: dict[str, int] = {}  # as written -> rows written so (few distinct units)
    first: dict[str, Cadre] = {}  # as written -> its first cadre
    for cadre in cadres:
        unit = cadre.unit
        rows[unit] = rows.get(unit, 0) + 1
        first.setdefault(unit, cadre)
    spellings: dict[str, list[str]] = {}  # fold key -> its spellings, in the order first seen
    for unit in rows:
        spellings.setdefault(fold(unit), []).append(unit)
    kept: dict[str, str] = {}
    for variants in spellings.values():
        best = max(variants, key=rows.__getitem__)  # the first of the most written
        kept.update((unit, best) for unit in variants)
    problems: list[Problem] = []
    column = header_label("roster", "unit", lang)
    for unit, best in kept.items():
        if unit == best:
            continue
        cadre, head = first[unit], first[best]
        where = f"row {head.row}" if head.file == cadre.file else f"{head.file} row {head.row}"
        problems.append(Problem(
            code="unit-spelling", file=cadre.file, sheet=cadre.sheet, row=cadre.row, column=column,
            severity="warning", expected="one spelling per unit",
            message=f'row {cadre.row}, column "{column}": "{unit}" is read as "{best}", the same unit as written '
                    f"in {where} and in most of its rows ({rows[unit]} row(s) written so); expected one "
                    "spelling per unit"))
    if problems:  # the cadres as read, one spelling per unit
        cadres[:] = [c if kept[c.unit] == c.unit else c.model_copy(update={"unit": kept[c.unit]}) for c in cadres]
    problems.sort(key=lambda p: (p.file, p.row or 0))
    return problems


def load_separate(inputs: Inputs, kind: str, path: Path, config: Config, cache: dict[Path, list[Sheet]],
                   mapping: dict[str, str] | None, seen: Seen) -> None:
    sheets = _sheets_of(path, config, cache)
    found = assign_sheets(path, sheets)
    sheet = found.get(kind)
    if sheet is None:
        usable = [s for s in sheets if not _is_ignored(s.name)]
        headed = usable if len(usable) == 1 else header_sheets(kind, usable, mapping)
        if len(headed) != 1:
            raise _no_sheet(path, kind, sheets, mapping)
        sheet = headed[0]
    _load_table(inputs, kind, make_table(kind, path, sheet, config, mapping, inputs.lang_asked), seen)
