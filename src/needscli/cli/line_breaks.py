"""Where a line of Chinese text breaks in a terminal table, and a table cell that breaks it only there.

A line breaks between two Chinese characters and at a space, as Chinese is typeset: never before ，。、；：」）》 nor
after 「（《, and never inside a run of letters, digits and their punctuation (2026-09-01, C004, 1.5, a file name)
unless the run alone is wider than the column. A number keeps the character after it, and 第 the number after it
(第 14 行, 2 个月), unless they alone are wider than the column. rich by itself breaks at spaces only and folds a run
of Chinese characters wherever the column ends, 第 14 / 行 and 2026-0 / 9-01 among them.
"""

from __future__ import annotations

import re
from enum import IntEnum
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

from rich.cells import cell_len, chop_cells
from rich.control import strip_control_codes
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult

# a line never begins with the first set nor ends with the second (the ASCII ones only where nothing spaces them off)
NO_LINE_START = frozenset("，。、；：！？」』）》〉】〕〗］｝”’…‥·・％%),.;:!?]}")
NO_LINE_END = frozenset("「『（《〈【〔〖［｛“‘([{")
_NUMBER = re.compile(r"[+\-]?[0-9]+(?:[.,][0-9]+)*%?")  # 14, 1.5, 1,200, 60%: not 2026-09-01, C004 or 1/7
_IDEOGRAPHS = re.compile("[\u4e00-\u9fff]*")


class Hold(IntEnum):
    """How firmly an atom holds to the one before it; the firmer a hold, the later a too narrow column breaks it."""

    FREE = 0  # a line may break here
    NUMBER = 1  # 14 and 行 of 第 14 行, 第 and 14
    PUNCTUATION = 2  # 「 and 本 of 「本年度, 空 and ： of 为空：


class Atom(NamedTuple):
    """A Chinese character, or a run of other characters with no space in it; gap: the spaces before it."""

    text: str
    gap: str
    wide: bool
    hold: Hold
    size: int  # the text's cells
    gap_size: int  # the gap's cells

    @classmethod
    def of(cls, text: str, gap: str = "", wide: bool = False, hold: Hold = Hold.FREE) -> Atom:
        """An atom, measured."""
        return cls(text, gap, wide, hold, _cell_len(text), _cell_len(gap))


def _cell_len(text: str) -> int:
    return len(text) if text.isascii() and text.isprintable() else cell_len(text)


def _cells(ch: str) -> int:
    return 1 if " " < ch < "\u0300" else cell_len(ch)  # letters, digits and their punctuation: one cell, and quickly


def table_cell(text: str) -> Text | FoldedText:
    """A table cell of text: FoldedText, or Text where rich breaks its lines as FoldedText would (and sooner): a text
    with no character two cells wide, or with nothing but Chinese characters (大名册, 日期有误)."""
    if text.isascii() or _IDEOGRAPHS.fullmatch(text) or not any(_cells(ch) > 1 for ch in text):
        return Text(text)
    return FoldedText(text)


def split_atoms(line: str) -> tuple[list[Atom], str]:
    """A line (no newline in it) as its atoms, each with its hold on the one before; and the spaces after the last."""
    atoms: list[Atom] = []
    gap = run = ""

    def add(text: str, wide: bool, size: int) -> None:
        nonlocal gap
        hold = _hold(atoms[-1], text, gap, wide) if atoms else Hold.FREE
        atoms.append(Atom(text, gap, wide, hold, size, _cell_len(gap)))
        gap = ""

    for ch in line:
        size = -1 if ch.isspace() else _cells(ch)
        if run and size in (0, 1):
            run += ch  # a run goes on, a mark with it
            continue
        if run:
            add(run, False, _cell_len(run))
            run = ""
        if size < 0:
            gap += ch
        elif size > 1:
            add(ch, True, size)
        elif size == 0 and atoms and not gap:  # a mark stays with the character it marks
            atoms[-1] = atoms[-1]._replace(text=atoms[-1].text + ch)
        else:
            run = ch
    if run:
        add(run, False, _cell_len(run))
    return atoms, gap


def _hold(before: Atom, text: str, gap: str, wide: bool) -> Hold:
    if not gap and (text[0] in NO_LINE_START or before.text[-1] in NO_LINE_END):
        return Hold.PUNCTUATION
    if wide and text not in NO_LINE_END and not before.wide and _NUMBER.fullmatch(before.text):
        return Hold.NUMBER  # 14 行, 2 个月, 1.5 学时
    if not wide and before.text == "第" and _NUMBER.fullmatch(text):
        return Hold.NUMBER
    return Hold.FREE


def _joined(atoms: list[Atom]) -> str:
    return atoms[0].text + "".join(a.gap + a.text for a in atoms[1:])


def _width(atoms: list[Atom]) -> int:
    """The atoms' width in cells, the gap before the first left out."""
    return atoms[0].size + sum(a.gap_size + a.size for a in atoms[1:])


def _groups(atoms: list[Atom], binding: int) -> list[list[Atom]]:
    """The atoms cut before each one held less firmly than binding."""
    groups: list[list[Atom]] = []
    for atom in atoms:
        if groups and atom.hold >= binding:
            groups[-1].append(atom)
        else:
            groups.append([atom])
    return groups


def _pieces(atoms: list[Atom], width: int, fold: bool) -> list[list[Atom]]:
    """The atoms in pieces a line may end after, each as wide as the column at most: where a piece held together is
    wider, its holds part, a number's first and a stop's last."""
    pieces: list[list[Atom]] = []
    for group in _groups(atoms, Hold.NUMBER):
        if _width(group) <= width:
            pieces.append(group)
            continue
        for stops in _groups(group, Hold.PUNCTUATION):
            pieces.extend([stops] if _width(stops) <= width else _packed(stops, width, fold))
    return pieces


def _packed(atoms: list[Atom], width: int, fold: bool) -> list[list[Atom]]:
    """Atoms with no space between them, wider than the column, in pieces that fit it: as many atoms a piece as fit,
    and an atom wider than the column folded where the column ends (with fold; else on a piece of its own)."""
    parts: list[str] = []
    for atom in atoms:
        if parts and cell_len(parts[-1] + atom.text) <= width:
            parts[-1] += atom.text
        elif atom.size <= width or not fold:
            parts.append(atom.text)
        else:  # folded from the start of the piece it begins on: 「 or （ before it stays with it
            start = parts.pop() if parts else ""
            parts.extend(part for part in chop_cells(start + atom.text, width) if part)
    first, *rest = parts
    return [[Atom.of(first, atoms[0].gap, atoms[0].wide, atoms[0].hold)], *([Atom.of(part)] for part in rest)]


def fold_atoms(atoms: list[Atom], trailing: str, width: int, fold: bool = True) -> list[str]:
    """A line's atoms (split_atoms) as the lines of a column width cells wide; a space a line breaks at is left out.

    fold: a run wider than the column is cut where the column ends (else it keeps a line of its own, to be cut by the
    caller, as rich does for overflow other than fold).
    """
    lines: list[str] = []
    text, used = "", 0
    for i, piece in enumerate(_pieces(atoms, max(width, 1), fold)):
        size, gap = _width(piece), piece[0].gap_size
        if i == 0 and gap + size > width:  # the spaces a text begins with, where they leave its start no room
            piece = [piece[0]._replace(gap="", gap_size=0), *piece[1:]]
            gap = 0
        if i == 0 or used + gap + size <= width:  # a line keeps the spaces it begins with
            text, used = text + piece[0].gap + _joined(piece), used + gap + size
        else:
            lines.append(text)
            text, used = _joined(piece), size
    lines.append(text + trailing if used + _cell_len(trailing) <= width else text)
    return lines


def fold_text(text: str, width: int, fold: bool = True) -> list[str]:
    """Text as the lines of a column width cells wide, each line of it broken where Chinese text breaks."""
    lines: list[str] = []
    for line in text.split("\n"):
        atoms, trailing = split_atoms(line)
        # a line of spaces alone: as it is where it fits, else empty (it holds nothing a wider line would show)
        lines.extend(fold_atoms(atoms, trailing, width, fold) if atoms else [line if _cell_len(line) <= width else ""])
    return lines


def widest_piece(text: str) -> int:
    """The cells of the widest piece of text no line breaks inside where the column has room for it: a word, a date,
    an id, （theory-core） with its brackets, 第 14 行; a Chinese character alone elsewhere."""
    return max((_width(group) for line in text.split("\n") for group in _groups(split_atoms(line)[0], Hold.NUMBER)),
               default=0)


class FoldedText:
    """A table cell of text that breaks lines where Chinese text breaks (fold_text), in the column's width."""

    def __init__(self, text: str) -> None:
        self.text = strip_control_codes(text)  # as Text has it: no bell, backspace or carriage return

    @cached_property
    def _lines(self) -> list[tuple[str, list[Atom], str]]:
        """Each line of the text, with its atoms and the spaces after them."""
        return [(line, *split_atoms(line)) for line in self.text.split("\n")]

    @cached_property
    def _measurement(self) -> Measurement:
        """As wide as its widest line at most, and as its widest piece no line may break inside at least."""
        widest = max(cell_len(line) for line in self.text.split("\n"))
        narrowest = max((_width(group) for _, atoms, _ in self._lines for group in _groups(atoms, Hold.NUMBER)),
                        default=0)
        return Measurement(min(narrowest, widest), widest)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return self._measurement

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if options.no_wrap:
            yield Text(self.text)
            return
        fold = options.overflow in (None, "fold")
        lines = [part for line, atoms, trailing in self._lines
                 for part in (fold_atoms(atoms, trailing, options.max_width, fold) if atoms else [line])]
        if fold and options.justify in (None, "default", "left") and "\t" not in self.text:
            for line in lines:  # as they are: as Text, rich would wrap them again, to the same lines, taking its time
                yield Segment(line)
                yield Segment.line()
        else:
            yield Text("\n".join(lines))
