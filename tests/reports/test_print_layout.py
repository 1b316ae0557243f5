"""What the clerk prints is whole and readable: a row as tall as its wrapped lines (the annual plan's quotas, a
sign-in sheet's two-line 职务), the Overview printed at its own width with the needs by route outside it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from builders import SAMPLES
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.worksheet.worksheet import Worksheet

from needscli.config import Config
from needscli.core.analysis import Analysis
from needscli.labels import label
from needscli.pipeline import analyze, plan_classes
from needscli.planner import Plan
from needscli.reports.annual_plan import sent_up_members
from needscli.reports.class_rosters import (
    ROUTES_COLUMN,
    SIGN_ROW_HEIGHT,
    duty_notes,
    write_class_rosters,
)
from needscli.reports.xlsx import (
    _BREAKS,
    CJK_LINE_HEIGHT,
    LINE_HEIGHT,
    display_width,
    lines_height,
    row_height,
    text_lines,
)

AS_OF = dt.date(2026, 11, 1)
LONG_POST = "生态环境保护综合行政执法支队二级主任科员"
QUOTAS = "市委组织部 3；市发展和改革委员会 4；市财政局 4；市市场监督管理局 4；市应急管理局 3；市生态环境局 3；XX县人民政府 5"


@pytest.fixture(scope="module")
def samples() -> tuple[Analysis, Plan]:
    analysis, _ = analyze([SAMPLES], Config(), as_of=AS_OF, lang="zh")
    return analysis, plan_classes(analysis)


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory, samples: tuple[Analysis, Plan]) -> openpyxl.Workbook:
    path = tmp_path_factory.mktemp("rosters") / "class-rosters.xlsx"
    write_class_rosters(*samples, path)
    return openpyxl.load_workbook(path)


@pytest.mark.parametrize(("text", "width", "lines"), [
    ("", 20, 1),
    ("XX县人民政府 20", 40, 1),
    (LONG_POST, 22, 2),  # 20 characters of two units each in 21 units: ten a line
    (LONG_POST, 44, 1),
    (QUOTAS, 40, 3),
    ("一\n二", 40, 2),
])
def test_lines_are_counted_as_a_spreadsheet_wraps_them(text: str, width: int, lines: int) -> None:
    assert text_lines(text, width) == lines


def _lines_piece_by_piece(text: str, width: int) -> int:
    """text_lines as first written: every piece measured by display_width, no shortcut (the reference)."""
    room, lines = max(width - 1, 1), 0
    for paragraph in text.split("\n"):
        lines += 1
        used = 0
        for piece in _BREAKS.findall(paragraph):
            size = display_width(piece.rstrip())
            if used and used + size > room:
                lines, used = lines + 1, 0
            lines += max(size - 1, 0) // room
            used = (used + display_width(piece)) if size <= room else size % room
    return max(lines, 1)


# units, numbers, words, the punctuation lines do not break before or after, spaces (an ideographic one too), a
# line break, and characters outside the wide blocks (é, ½, a fullwidth sign) that display_width measures one by one
_PIECES = st.sampled_from(["市", "财政局", "XX县", "12", "3；", "、", "（", "）", "，", " ", "\u3000", "abc", "Road ",
                           "\n", "é", "½", "￥", "《", "》", "生态环境保护综合行政执法支队"])


@given(st.lists(_PIECES, max_size=40).map("".join), st.integers(min_value=1, max_value=50))
def test_lines_are_those_counted_piece_by_piece(text: str, width: int) -> None:
    """The shortcuts (a text that fits, widths from UTF-8 lengths) count the lines the plain count does."""
    assert text_lines(text, width) == _lines_piece_by_piece(text, width)


def test_a_number_stays_on_the_line_of_its_unit() -> None:
    """'市财政局 12' breaks before 市 or after 12, never inside 12 nor before the ；after it."""
    assert text_lines("市财政局局 12；", 13) == 2  # 10 units of 市财政局局, then '12；' does not fit after it
    assert text_lines("1234567890123", 8) == 2  # a word wider than the column is broken all the same


def test_a_row_grows_by_a_line_height_a_line() -> None:
    one, two, three = (row_height(text, 22) for text in ("环境", LONG_POST, LONG_POST + "二级科员"))
    assert two - one == three - two == CJK_LINE_HEIGHT
    assert row_height("ab cd", 4) - row_height("ab", 4) == LINE_HEIGHT  # a line of letters is shorter
    assert row_height(LONG_POST, 22, 10) < two  # at 10 points


def test_each_plan_row_holds_its_quotas(book: openpyxl.Workbook) -> None:
    ws = book[label("rosters.plan.sheet", "zh")]
    header = [c.value for c in ws[3]]
    quotas, target, name = (header.index(label(k, "zh")) + 1 for k in
                            ("rosters.plan.col.quotas", "rosters.plan.col.target", "rosters.class_name"))
    checked = 0
    for r in range(4, ws.max_row + 1):
        if not str(ws.cell(r, 1).value or "").startswith("C"):
            continue
        needed = max(row_height(str(ws.cell(r, c).value or ""), int(ws.column_dimensions[ws.cell(r, c).column_letter]
                                                                     .width)) for c in (quotas, target, name))
        height = ws.row_dimensions[r].height
        assert (height or LINE_HEIGHT) >= needed - 1, (ws.cell(r, 1).value, height, needed)
        checked += 1
    assert checked == 35
    c007 = next(r for r in range(4, ws.max_row + 1) if ws.cell(r, 1).value == "C007")
    assert text_lines(ws.cell(c007, quotas).value, 40) == 3
    assert ws.row_dimensions[c007].height >= 3 * CJK_LINE_HEIGHT


def test_the_overview_prints_at_its_own_width(book: openpyxl.Workbook) -> None:
    ws = book[label("rosters.overview", "zh")]
    columns = sum(1 for c in ws[1] if c.value) - (ws.max_column - ROUTES_COLUMN)  # the table's, not the routes'
    assert columns == 10
    assert ws.print_area == f"'{ws.title}'!$A$1:$J${ws.max_row}"
    assert ws.cell(1, ROUTES_COLUMN + 1).value == label("rosters.routes", "zh")  # beside, unprinted, kept
    needs = ws.cell(2, ROUTES_COLUMN + 1)
    assert needs.value == label("rosters.route_needs", "zh")
    assert needs.alignment.vertical == ws.cell(2, ROUTES_COLUMN + 2).alignment.vertical == "top"  # level with them


def seat_heights(path: Path, name: str) -> set[float | None]:
    ws = openpyxl.load_workbook(path)[name]
    return {ws.row_dimensions[r].height for r in range(6, ws.max_row + 1)}


def with_posts(analysis: Analysis, posts: dict[str, str]) -> Analysis:
    """The analysis with every cadre in 市财政局, a 科员, but those of posts (cadre id -> post)."""
    cadres = [c.model_copy(update={"unit": "市财政局", "post": posts.get(c.id, "科员")}) for c in analysis.cadres]
    return dataclasses.replace(analysis, inputs=dataclasses.replace(analysis.inputs, cadres=cadres))


def test_a_two_line_post_prints_whole(tmp_path: Path, samples: tuple[Analysis, Plan]) -> None:
    analysis, plan = samples
    # notes of members sent up (上级调训（…）) or of a compulsory training (必训：…) take two lines
    noted = {class_id for class_id, _ in [*sent_up_members(plan), *duty_notes(analysis, plan)]}
    cls = next(c for c in plan.classes if c.id not in noted and c.days <= 7)  # a week at most: columns at full width
    one_class = dataclasses.replace(plan, classes=[cls])
    (tmp_path / "short").mkdir()
    short = tmp_path / "short" / "class-rosters.xlsx"
    write_class_rosters(with_posts(analysis, {}), one_class, short)
    assert seat_heights(short, cls.id) == {SIGN_ROW_HEIGHT}  # room for a signature, one line of each text
    path = tmp_path / "class-rosters.xlsx"
    write_class_rosters(with_posts(analysis, {cls.members[0]: LONG_POST}), one_class, path)
    ws = openpyxl.load_workbook(path)[cls.id]
    width = int(ws.column_dimensions["E"].width)
    assert text_lines(LONG_POST, width) == 2
    heights = [ws.row_dimensions[r].height for r in range(6, ws.max_row + 1)]
    assert heights[0] == pytest.approx(row_height(LONG_POST, width, 10), abs=0.01)  # its row, not every row
    assert heights[1:] == [SIGN_ROW_HEIGHT] * (len(heights) - 1)
    assert row_height(LONG_POST, width, 10) > SIGN_ROW_HEIGHT
    assert ws.cell(6, 5).value == LONG_POST and ws.cell(6, 5).alignment.wrap_text


LONG_NAME = "阿卜杜热合曼·买买提明·艾合买提江"  # a transliterated name of 17 characters


def test_a_long_name_prints_whole(tmp_path: Path, samples: tuple[Analysis, Plan]) -> None:
    """A transliterated name wraps in the name column, its row as tall as its lines (it printed its first two)."""
    analysis, plan = samples
    cls = next(c for c in plan.classes if c.days <= 7)
    named = dataclasses.replace(analysis, inputs=dataclasses.replace(analysis.inputs, cadres=[
        c.model_copy(update={"name": LONG_NAME}) if c.id == cls.members[0] else c for c in analysis.cadres]))
    path = tmp_path / "class-rosters.xlsx"
    write_class_rosters(named, dataclasses.replace(plan, classes=[cls]), path)
    ws = openpyxl.load_workbook(path)[cls.id]
    width = int(ws.column_dimensions["C"].width)
    assert ws.cell(6, 3).value == LONG_NAME and ws.cell(6, 3).alignment.wrap_text
    assert text_lines(LONG_NAME, width) >= 3
    assert ws.row_dimensions[6].height == pytest.approx(row_height(LONG_NAME, width, 10), abs=0.01)
    assert ws.row_dimensions[6].height > SIGN_ROW_HEIGHT


LONG_UNIT = "中共ＸＸ市委全面深化改革委员会办公室（市委改革办、市经济体制改革研究会秘书处）"


def test_a_long_unit_takes_the_room_the_notes_leave(tmp_path: Path, samples: tuple[Analysis, Plan]) -> None:
    """A class of 12 days (a 签到 column a day) of members of a long unit and no notes: 单位 is wider than the 16 a
    sheet of many days gave it (its name on 6 lines, each seat as tall), the sheet still one A4 page wide at 2/3 of
    its size or more."""
    analysis, plan = samples
    noted = {class_id for class_id, _ in [*sent_up_members(plan), *duty_notes(analysis, plan)]}
    cls = next(c for c in plan.classes if c.id not in noted and c.days > 7)
    members = set(cls.members)
    long_units = dataclasses.replace(analysis, inputs=dataclasses.replace(analysis.inputs, cadres=[
        c.model_copy(update={"unit": LONG_UNIT}) if c.id in members else c for c in analysis.cadres]))
    path = tmp_path / "class-rosters.xlsx"
    write_class_rosters(long_units, dataclasses.replace(plan, classes=[cls]), path)
    ws = openpyxl.load_workbook(path)[cls.id]
    widths = printed_widths(ws)
    assert ws.cell(6, 4).value == LONG_UNIT and widths[-1] <= 10  # 备注 of no note: narrow
    assert text_lines(LONG_UNIT, 16) == 6
    assert widths[3] > 16 and text_lines(LONG_UNIT, widths[3]) <= 3
    assert ws.row_dimensions[6].height == pytest.approx(row_height(LONG_UNIT, widths[3], 10), abs=0.01)
    assert ws.page_setup.orientation == "landscape" and printed_scale(ws) >= 2 / 3


def test_a_level_that_fills_its_column_at_the_seats_font_is_one_line(tmp_path: Path,
                                                                     samples: tuple[Analysis, Plan]) -> None:
    """A class of 12 days, 职级 12 wide: 一级主任科员 (12 units at the default font) fills it on one line at the
    seats' 10 points, and its seat is room to sign; its rows were 36.7 points, two lines, beside the 26 of the others.
    A level that does not fit still takes its two lines."""
    analysis, plan = samples
    noted = {class_id for class_id, _ in [*sent_up_members(plan), *duty_notes(analysis, plan)]}
    cls = next(c for c in plan.classes if c.id not in noted and c.days > 7)
    first, *others = cls.members
    levels = {first: "一级主任科员（试用期）", **dict.fromkeys(others, "一级主任科员")}
    leveled = with_posts(analysis, {})
    leveled = dataclasses.replace(leveled, inputs=dataclasses.replace(leveled.inputs, cadres=[
        c.model_copy(update={"level": levels[c.id]}) if c.id in levels else c for c in leveled.cadres]))
    path = tmp_path / "class-rosters.xlsx"
    write_class_rosters(leveled, dataclasses.replace(plan, classes=[cls]), path)
    ws = openpyxl.load_workbook(path)[cls.id]
    assert printed_widths(ws)[5] == 12 and ws.cell(7, 6).value == "一级主任科员"
    assert row_height("一级主任科员", 12, 10) < SIGN_ROW_HEIGHT < row_height("一级主任科员（试用期）", 12, 10)
    heights = [ws.row_dimensions[r].height for r in range(6, ws.max_row + 1)]
    assert heights == [pytest.approx(row_height("一级主任科员（试用期）", 12, 10), abs=0.01),
                       *[SIGN_ROW_HEIGHT] * len(others)]


@pytest.mark.parametrize(("text", "width", "points", "lines"), [
    ("一级主任科员", 12, 11, 2),  # 12 units in a 12-unit column: a character too many at the default font
    ("一级主任科员", 12, 10, 1),  # the seats' font: a character is 10/11 as wide
    ("一级主任科员科", 12, 10, 2),
    ("一" * 15, 30, 10, 1),
    ("一" * 16, 30, 10, 2),  # the cell's margin is no narrower at 10 points: a line more rather than one cut off
    ("生态环境保护综合行政执法支队二级主任科员", 22, 10, 2),
])
def test_a_row_counts_its_lines_at_its_font(text: str, width: int, points: float, lines: int) -> None:
    assert row_height(text, width, points) == lines_height(text, lines, points)


# --- the sign-in sheets on paper -------------------------------------------------------------------

SEAT_TEXTS = (4, 5, 6)  # 1-based columns of a seat's unit, post and level; its note is the last printed column


def printed_widths(ws: Worksheet) -> list[int]:
    """A sign-in sheet's printed column widths as written (openpyxl reads them with Excel's padding)."""
    widths = {c: round(d.width - 0.7109375) for d in ws.column_dimensions.values() if not d.hidden
              for c in range(d.min, d.max + 1)}
    return [widths[c] for c in range(1, max(widths) + 1)]


def printed_scale(ws: Worksheet) -> float:
    """The size a sheet prints at one A4 page wide between 0.4-inch margins (a width w is w * 7 + 5 pixels)."""
    inches = 8.27 - 0.8 if ws.page_setup.orientation == "portrait" else 11.69 - 0.8
    return min(1.0, inches * 96 / sum(w * 7 + 5 for w in printed_widths(ws)))


def sign_in_sheets(book: openpyxl.Workbook) -> list[Worksheet]:
    return [ws for ws in book.worksheets if ws.title.startswith("C")]


def test_each_seat_is_as_tall_as_its_own_lines_and_room_to_sign(book: openpyxl.Workbook) -> None:
    """C001: one member's two-part note (上级调训（企业党委管理） and 必训：…) made all 27 seats 69 points high; each
    row is now room for a signature, or as tall as its own unit, post, level or note needs."""
    for ws in sign_in_sheets(book):
        widths, note = printed_widths(ws), len(printed_widths(ws))
        for r in range(6, ws.max_row + 1):
            needed = [row_height(str(ws.cell(r, c).value or ""), widths[c - 1], 10) for c in (*SEAT_TEXTS, note)]
            assert ws.row_dimensions[r].height == pytest.approx(max(SIGN_ROW_HEIGHT, *needed), abs=0.01), (ws.title, r)
    c001 = book["C001"]
    heights = [c001.row_dimensions[r].height for r in range(6, c001.max_row + 1)]
    assert min(heights) < max(heights)


def test_a_note_prints_each_part_on_lines_within_its_column(book: openpyxl.Workbook) -> None:
    """Each part of a note from a line of its own; a line wider than 备注 broken after a comma or before a bracket,
    so every printed line fits its column (none is broken inside a date by the spreadsheet), 备注 no wider than
    its widest line."""
    parts = 0
    for ws in sign_in_sheets(book):
        width = printed_widths(ws)[-1]
        notes = [str(ws.cell(r, len(printed_widths(ws))).value or "") for r in range(6, ws.max_row + 1)]
        lines = [line for note in notes for line in note.split("\n")]
        assert all(display_width(line) <= width - 1 for line in lines), ws.title
        assert width == max(8, *map(display_width, lines)) + 2, ws.title
        for note in notes:
            assert "；" not in note
            if "上级调训" in note and "必训" in note:
                assert note.index("\n必训：") > note.index("上级调训")
                parts += 1
    assert parts >= 4


def test_a_note_is_one_line_where_the_page_has_room_for_it(book: openpyxl.Workbook) -> None:
    """C004, 12 days, every seat a compulsory training's note: 备注 as wide as its longest line (必训：初任培训，
    2025-05-01 前，已逾期), the sheet printing at 2/3 of its size or more."""
    ws = book["C004"]
    note = len(printed_widths(ws))
    notes = [str(ws.cell(r, note).value) for r in range(6, ws.max_row + 1)]
    lines = [line for n in notes for line in n.split("\n")]
    assert printed_widths(ws)[-1] == max(map(display_width, lines)) + 2
    assert not any("\n" in n for n in notes if n.startswith("必训"))
    assert ws.page_setup.orientation == "landscape" and printed_scale(ws) >= 2 / 3


def test_a_short_class_prints_upright_where_it_fits(book: openpyxl.Workbook) -> None:
    """C002, 2 days, 20 members each with a compulsory training's note: upright at 3/4 of its size or more, its notes
    broken after their comma (必训：集中轮训，/ 2027-09-30 前); it printed landscape, two pages, once its notes widened
    it. A sheet that would print smaller upright prints landscape (C007: 上级调训（企业党委管理） and the days)."""
    c002 = book["C002"]
    assert c002.page_setup.orientation == "portrait" and printed_scale(c002) >= 3 / 4
    assert {c002.cell(r, len(printed_widths(c002))).value for r in range(6, c002.max_row + 1)} == {
        "必训：集中轮训，\n2027-09-30 前"}
    for ws in sign_in_sheets(book):
        upright = min(1.0, (8.27 - 0.8) * 96 / sum(w * 7 + 5 for w in printed_widths(ws)))
        assert (ws.page_setup.orientation == "portrait") == (upright >= 3 / 4), ws.title
    assert book["C007"].page_setup.orientation == "landscape"
