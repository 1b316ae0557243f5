"""Terminal tables whose columns keep their words whole: a rule's id (theory-core), a setting's name, a date, a
number, an English word, 第 14 行 (cli.line_breaks), each as wide as the column must be at the least.

rich shares a narrow terminal's width by the columns' ratios (an expanding table) or shrinks the widest columns (any
other), and folds a word wider than its column where the column ends: at 80 columns explain's rule column was 8
cells wide, and （theory-core） went over two lines as （theory / -core）. Here each column is given at least its
widest word where the terminal has room for that; a table whose words fit as rich shares the width is drawn as
rich draws it (the 120-column output is unchanged where nothing was cut).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.measure import Measurement
from rich.text import Text

from needscli.cli.line_breaks import FoldedText, fold_text, widest_piece

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType
    from rich.table import Table


def measured(table: Table, console: Console, options: ConsoleOptions, floor: int) -> list[tuple[int, int]]:
    """Each column's least and most cells: its widest piece no line breaks inside (line_breaks.widest_piece; all of
    a cell where it may not wrap), and no less than its header or floor cells, the narrower; and its widest line as
    rich measures it."""
    widths = []
    for column in table.columns:
        cells = [column.header, *column.cells]
        most = max(Measurement.get(console, options, cell).maximum for cell in cells)
        header = min(floor, Measurement.get(console, options, column.header).maximum)
        least = max(header, *(widest_piece(_plain(cell)) for cell in cells))
        widths.append((most if column.no_wrap else min(least, most), most))
    return widths


def _plain(cell: RenderableType) -> str:
    """A cell's text: a str, Text's or FoldedText's ("" for another renderable, which rich measures alone)."""
    if isinstance(cell, str):
        return cell
    return cell.plain if isinstance(cell, Text) else cell.text if isinstance(cell, FoldedText) else ""


def keep_words(table: Table, console: Console, options: ConsoleOptions, floor: int = 0) -> bool:
    """Give each column of the table its widest word at the least, where the terminal has room for it: an expanding
    table's columns of a ratio their shares as rich gives them where each holds its words, else each its least and
    the rest shared by their ratios; another table's columns, where they do not fit, shrunk the widest first to no
    less. False (the table as it was) where the words do not fit side by side. floor: a column's cells at the
    least, where its header is as wide."""
    widths = measured(table, console, options, floor)
    pads = [table.padding[1] + table.padding[3]] * len(table.columns)
    borders = (len(table.columns) + 1 if table.show_edge else len(table.columns) - 1) if table.box else 0
    room = options.max_width - borders
    if table.expand and any(column.ratio for column in table.columns):
        flexible = [i for i, column in enumerate(table.columns) if column.ratio]
        left = room - sum(most + pads[i] for i, (_, most) in enumerate(widths) if i not in flexible)
        least = {i: widths[i][0] + pads[i] for i in flexible}
        ratios = {i: table.columns[i].ratio or 0 for i in flexible}
        if sum(least.values()) > left:
            return False
        shares = _shared(left, ratios, dict.fromkeys(flexible, 1 + pads[0]))
        if all(shares[i] >= least[i] for i in flexible):
            return True  # as rich shares the room
        shares = _shared(left, ratios, least)
        for i in flexible:
            table.columns[i].width, table.columns[i].ratio = shares[i] - pads[i], None
        return True
    caps = [most for _, most in widths]
    room -= sum(pads)
    while sum(caps) > room:
        shrinking = [i for i, (least_, _) in enumerate(widths) if caps[i] > least_]
        if not shrinking:
            return False
        caps[max(shrinking, key=caps.__getitem__)] -= 1
    for column, cap in zip(table.columns, caps, strict=True):
        column.max_width = cap
    return True


def _shared(total: int, ratios: dict[int, int], least: dict[int, int]) -> dict[int, int]:
    """total cells shared by the ratios as rich shares them (each in turn its share of what is left, rounded up),
    a column whose share falls short of its least given that first and left out of the sharing."""
    given: dict[int, int] = {}
    while True:
        left, ratio_left = total - sum(given.values()), sum(r for i, r in ratios.items() if i not in given)
        shares = dict(given)
        for i, ratio in ratios.items():
            if i in given:
                continue
            shares[i] = -(-ratio * left // ratio_left) if ratio_left else left
            ratio_left, left = ratio_left - ratio, left - shares[i]
        short = {i: least[i] for i in ratios if i not in given and shares[i] < least[i]}
        if not short:
            return shares
        given.update(short)


class FirstFitting:
    """The first of some layouts of a table whose words fit whole in the terminal (keep_words), each with its headers
    whole, else its columns FLOOR cells wide, else as narrow as their words; else the last as rich draws it.
    explain's needs: their rule in a column of its own, else under the reason."""

    FLOOR = 6  # three Chinese characters a line (干部花 / 名册), where a column's header is wider

    def __init__(self, *layouts: Table) -> None:
        self.layouts = layouts

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Table]:
        fits = (t for t in self.layouts for floor in (options.max_width, self.FLOOR, 0)
                if keep_words(t, console, options, floor))
        yield next(fits, self.layouts[-1])


class Fitted:
    """A table of figures (the columns right-justified) and names, its columns sized for the terminal it is drawn in:
    each figure whole on one line, a name or a word no narrower than its widest piece (a date, an id, a file's name),
    a column no narrower than FLOOR cells where its cells are as wide; the room left then goes where it saves the most
    lines of the rows (a unit's name on one line), and last to the headers, which fold first. rich, left to itself,
    shared the width by the headers as much as by the cells: at 80 columns records summary's counts of 1 to 4 digits
    kept columns 9 cells wide while every unit's name went over 2 to 4 lines, and a figure wider than its column was
    folded (3339. / 5). A table that fits as it is is drawn as rich draws it (analyze's 120 columns are unchanged)."""

    FLOOR = 4  # two Chinese characters a line
    SAMPLE = 200  # rows whose lines are counted to share the room

    def __init__(self, table: Table) -> None:
        self.table = table
        self._widths = [column.width for column in table.columns]
        self._pad_edge = table.pad_edge

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Table]:
        for column, width in zip(self.table.columns, self._widths, strict=True):  # as given, for each drawing
            column.width = width
        # where the words fit only without the padding at the table's edges (60 columns: Obligati / on beside
        # Online), that padding goes before a word is folded
        for pad_edge, fold in ((self._pad_edge, False), (False, False), (self._pad_edge, True)):
            self.table.pad_edge = pad_edge
            widths = fitted_widths(self.table, options.max_width, self.FLOOR, self.SAMPLE, fold)
            if widths is not None or _fits(self.table, options.max_width):
                break
        if widths is not None:
            for column, width in zip(self.table.columns, widths, strict=True):
                column.width = width
        yield self.table


def _room(table: Table, width: int) -> int:
    """The cells a table this wide leaves its columns' texts: its borders and padding apart."""
    borders = (len(table.columns) + 1 if table.show_edge else len(table.columns) - 1) if table.box else 0
    pads = (table.padding[1] + table.padding[3]) * len(table.columns)
    return width - borders - pads + (0 if table.pad_edge or not table.columns else table.padding[1] + table.padding[3])


def _fits(table: Table, width: int) -> bool:
    """Whether every column's widest line fits side by side (rich draws the table as it is)."""
    columns = _Columns(table, 0)
    return sum(map(max, columns.most, columns.header_most)) <= _room(table, width)


def fitted_widths(table: Table, width: int, floor: int = Fitted.FLOOR, sample: int = Fitted.SAMPLE,
                  fold: bool = True) -> list[int] | None:
    """Each column's cells for a terminal this wide (Fitted); None where the table fits as rich draws it, or where its
    figures and widest pieces do not fit side by side (rich then shrinks it as it does). Of the headers' least widths
    that fit (FLOOR cells, else a Chinese character a line; an English word whole), the one whose table takes the
    fewest lines: a header folding more where the rows' names then fold less. Where neither fits, the names' words
    fold (the figures whole still), unless fold is False (None then)."""
    room = _room(table, width)
    columns = _Columns(table, sample)
    if _fits(table, width):
        return None
    figures = [column.justify == "right" or column.no_wrap for column in table.columns]
    least = [n if figure else max(min(n, floor), *(widest_piece(text) for text in texts), 0)
             for n, figure, texts in zip(columns.most, figures, columns.cells, strict=True)]
    pieces = [widest_piece(h) for h in columns.headers]
    folding = [n if figure else min(n, floor) for n, figure in zip(columns.most, figures, strict=True)]
    tried: list[tuple[int, int, list[int]]] = []
    for cells_least, header_least in ((least, [max(floor, p) for p in pieces]),
                                      (least, [max(2, p) for p in pieces]),  # an English word whole
                                      (folding, [max(2, p) for p in pieces])):  # else the names' words folded
        widths = [max(n, min(h, most)) for n, h, most in zip(cells_least, header_least, columns.header_most,
                                                             strict=True)]
        if sum(widths) <= room and not (tried and cells_least is folding) and (fold or cells_least is not folding):
            widths = columns.widened(widths, room - sum(widths))
            tried.append((columns.header_lines(widths) + columns.total(widths), len(tried), widths))
    return min(tried)[-1] if tried else None


class _Columns:
    """A table's columns as Fitted sizes them: each one's header and cells, their widest lines, the lines the sampled
    rows take at a width."""

    def __init__(self, table: Table, sample: int) -> None:
        self.headers = [_plain(column.header) for column in table.columns]
        self.cells = [[_plain(cell) for cell in column.cells] for column in table.columns]
        self.most = [max((_widest_line(text) for text in texts), default=0) for texts in self.cells]
        self.header_most = [_widest_line(text) for text in self.headers]
        self.rows = [texts[:sample] for texts in self.cells]
        self._lines: dict[tuple[int, int], list[int]] = {}

    def lines(self, i: int, width: int) -> list[int]:
        """The lines of column i's sampled cells, this wide."""
        if (i, width) not in self._lines:
            self._lines[i, width] = [len(fold_text(text, width)) if text else 1 for text in self.rows[i]]
        return self._lines[i, width]

    def total(self, widths: list[int]) -> int:
        """The sampled rows' lines, the columns this wide."""
        return sum(max(row, default=1) for row in zip(*(self.lines(i, w) for i, w in enumerate(widths)), strict=True))

    def header_lines(self, widths: list[int]) -> int:
        return max((len(fold_text(h, w)) for h, w in zip(self.headers, widths, strict=True)), default=0)

    def widened(self, widths: list[int], left: int) -> list[int]:
        """The room left given first to the cells, a cell at a time where it saves the most lines of the rows (then of
        the column; the first column of them), then to the headers, a line fewer where it serves every column that
        has the most."""
        widths = list(widths)
        while left > 0:
            steps = []
            for i, w in enumerate(widths):
                own = sum(self.lines(i, w))
                wider = next((w + k for k in range(1, min(left, self.most[i] - w) + 1)
                              if sum(self.lines(i, w + k)) < own), None)
                if wider is not None:
                    saved = self.total(widths) - self.total([*widths[:i], wider, *widths[i + 1:]])
                    steps.append((saved / (wider - w), (own - sum(self.lines(i, wider))) / (wider - w), -i, wider))
            if not steps:
                break
            *_, first, wider = max(steps)
            left -= wider - widths[-first]
            widths[-first] = wider
        while left > 0 and (deepest := self.header_lines(widths)) > 1:
            found = {i: next((w for w in range(widths[i] + 1, self.header_most[i] + 1)
                              if len(fold_text(h, w)) < deepest), None)
                     for i, (h, w) in enumerate(zip(self.headers, widths, strict=True))
                     if len(fold_text(h, w)) == deepest}
            deeper = {i: w for i, w in found.items() if w is not None}
            if len(deeper) < len(found) or sum(w - widths[i] for i, w in deeper.items()) > left:
                break
            for i, w in deeper.items():
                left -= w - widths[i]
                widths[i] = w
        return widths


def _widest_line(text: str) -> int:
    return max((cell_len(line) for line in text.split("\n")), default=0)
