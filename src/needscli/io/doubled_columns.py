"""Two columns of one sheet that give the same field (职务层次 and 职级 both give the level; 姓名 twice).

The first column is the field's; each further one is named in a warning at the header, so that no column is left
unread in silence. A column hidden in Excel gives way to a shown one (an office hides last year's 职级 and types the
new ranks beside it): the clerk sees the shown one and expects it read; the warning says the hidden one was not.
The level is read from both, as a post-2019 civil-service roster lays them out: 职务层次 (the leading post's level)
filled for the leaders, 职级 (the rank) for everyone. In each row the level is the cell of the two that is a
leading post of the ladder (it decides appointment training), else the first filled one: a blank cell, or one
saying there is none (无, —), gives way to the other. The other cell's level, where it differs, is the cadre's rank
(Table.level_rank, Cadre.rank): the hours standard is the higher of the two (core.hours.hours_tier).
"""

from __future__ import annotations

from collections.abc import Callable

from needscli.errors import Problem
from needscli.io.cells import NO_DATE_MARKS, is_blank
from needscli.io.headers import Columns, header_label
from needscli.io.tables import Table
from needscli.labels import first_rows, label
from needscli.text import clean, column_letter
from needscli.vocab import Vocab

CODE = "doubled-column"


def shown_first(columns: Columns, hidden: Callable[[int], bool]) -> None:
    """Where some of a field's columns are hidden in Excel (hidden(col)) and some are not: the first shown one made
    the field's, the others shown left as its further columns, the hidden ones in columns.hidden_doubles, not read."""
    for name, further in list(columns.doubles.items()):
        every = sorted([columns.fields[name], *further])
        shown = [col for col in every if not hidden(col)]
        if not shown or len(shown) == len(every):
            continue
        columns.fields[name] = shown[0]
        columns.hidden_doubles[name] = [col for col in every if hidden(col)]
        if shown[1:]:
            columns.doubles[name] = shown[1:]
        else:
            del columns.doubles[name]


def doubled_column_problems(table: Table) -> list[Problem]:
    """A warning at the header row for each field that more than one column gives, naming the columns and the one
    read (for the level: both, as the module says); where some are hidden in Excel, naming them as not read."""
    columns, lang = table.columns, table.lang
    problems = [_hidden_double(table, name, hidden) for name, hidden in columns.hidden_doubles.items()]
    for name, further in columns.doubles.items():
        first = columns.fields[name]
        read = [first, *further]
        named = ("、" if lang == "zh" else ", ").join(
            label("input.doubled_one", lang, header=columns.headers[col], col=column_letter(col)) for col in read)
        both = table.kind == "roster" and name == "level"
        message = label("input.doubled_level" if both else "input.doubled_column", lang, columns=named,
                        first=columns.headers[first], field=header_label(table.kind, name, lang))
        problems.append(Problem(code=CODE, file=table.file, sheet=table.sheet, row=columns.header_row,
                                column=columns.headers[first], cell=f"{column_letter(first)}{columns.header_row}",
                                severity="warning", message=message,
                                expected=label("input.doubled_expected", lang)))
    return problems


def _hidden_double(table: Table, name: str, hidden: list[int]) -> Problem:
    """The warning for a field given by columns hidden in Excel beside shown ones, at the shown column read: every
    column named, the hidden ones as not read."""
    columns, lang = table.columns, table.lang
    read = columns.fields[name]
    shown = [read, *columns.doubles.get(name, [])]

    def named(cols: list[int]) -> str:
        return label("list_joiner", lang).join(
            label("input.doubled_one", lang, header=columns.headers[col], col=column_letter(col)) for col in cols)

    return Problem(code=CODE, file=table.file, sheet=table.sheet, row=columns.header_row,
                   column=columns.headers[read], cell=f"{column_letter(read)}{columns.header_row}",
                   severity="warning",
                   message=label("input.doubled_hidden", lang, columns=named(sorted(shown + hidden)),
                                 field=header_label(table.kind, name, lang), hidden=named(hidden), shown=named(shown)),
                   expected=label("input.doubled_hidden_expected", lang))


def level_from_either(table: Table) -> dict[int, int]:
    """Where a roster gives the level in more than one column: each data row's level cell (the first column's)
    made the cell chosen as the module says, and a warning (table.problems) where rows give two different leading
    posts, the first read. Returns Excel row -> the column whose cell was taken, for the rows that took another
    column's."""
    columns = table.columns
    further = columns.doubles.get("level") if table.kind == "roster" else None
    if not further:
        return {}
    first = columns.fields["level"]
    vocab = Vocab(table.config)
    taken: dict[int, int] = {}
    clashes: list[int] = []  # Excel rows giving two different leading posts
    for i in range(columns.header_row, len(table.rows)):
        row = table.rows[i]
        levels = [(col, vocab.level(clean(str(row[col])))) for col in [first, *further]
                  if col < len(row) and _says_a_level(row[col])]
        leading = [(col, level) for col, level in levels if level is not None and level.leading]
        col = leading[0][0] if leading else levels[0][0] if levels else first
        if len({level.name for _, level in leading if level is not None}) > 1:
            clashes.append(i + 1)
        read = next((level for c, level in levels if c == col), None)
        other = next((level for c, level in levels if c != col and level is not None
                      and (read is None or level.name != read.name)), None)
        if read is not None and other is not None:  # the rank beside the post (Cadre.rank: the hours standard)
            table.level_rank[i + 1] = other.name
        if col != first:
            row.extend([None] * (first + 1 - len(row)))
            row[first] = row[col]
            taken[i + 1] = col
    if clashes:
        table.problems.append(_clash(table, clashes))
    return taken


def _clash(table: Table, rows: list[int]) -> Problem:
    """The warning for the rows whose level columns give two different leading posts."""
    columns, lang = table.columns, table.lang
    first = columns.fields["level"]
    shown = first_rows(rows, lang)
    return Problem(code=CODE, file=table.file, sheet=table.sheet, row=rows[0], column=columns.headers[first],
                   cell=f"{column_letter(first)}{rows[0]}", severity="warning",
                   message=label("input.doubled_clash", lang, count=len(rows), rows=shown, first=columns.headers[first]),
                   expected=label("input.doubled_clash_expected", lang))


def _says_a_level(value: object) -> bool:
    return not is_blank(value) and clean(str(value)).casefold() not in NO_DATE_MARKS


def moved_problems(table: Table, taken: dict[int, int]) -> None:
    """The problems of a level cell taken from another column (level_from_either) named at that column's cell."""
    if not taken:
        return
    first = table.columns.headers[table.columns.fields["level"]]
    for at, problem in enumerate(table.problems):
        col = taken.get(problem.row or 0)
        if col is None or problem.column != first:
            continue
        header = table.columns.headers[col]
        table.problems[at] = Problem(
            code=problem.code, file=problem.file, sheet=problem.sheet, row=problem.row, column=header,
            cell=f"{column_letter(col)}{problem.row}", severity=problem.severity, expected=problem.expected,
            message=problem.message.replace(f'column "{first}"', f'column "{header}"', 1))
