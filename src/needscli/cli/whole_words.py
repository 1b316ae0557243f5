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

from rich.measure import Measurement
from rich.text import Text

from needscli.cli.line_breaks import FoldedText, widest_piece

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
