"""Workbook layout: a row of a short table is as tall as the wrapped text in it needs, so no line is hidden;
wide characters count twice in a width."""

from __future__ import annotations

import gc
import re
import unicodedata
import weakref
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from builders import SAMPLES, run_analyze
from hypothesis import given
from hypothesis import strategies as st

from needscli.reports.xlsx import (
    MAX_ROW_LINES,
    ROW_HEIGHT,
    WIDE_BLOCKS,
    Book,
    display_width,
    unique_width,
    wrapped_lines,
)


def heights(tmp_path: Path, rows: list[list[object]], widths: list[int]) -> dict[int, float]:
    path = tmp_path / "b.xlsx"
    book = Book(path)
    book.table("t", ["a", "note"], rows, ["text", "wrap"], widths)
    book.close()
    ws = openpyxl.load_workbook(path)["t"]
    return {r: d.height for r, d in ws.row_dimensions.items() if d.height}


def test_a_long_note_makes_its_row_taller_and_a_short_one_does_not(tmp_path: Path) -> None:
    long = "row 2, column 适用单位: " + "x" * 150
    got = heights(tmp_path, [["a", "short"], ["b", long], ["c", ""]], [10, 90])
    assert got == {3: ROW_HEIGHT * wrapped_lines(long, 90)}
    assert wrapped_lines(long, 90) == 2
    assert heights(tmp_path, [["a", "x" * 10_000]], [10, 90]) == {2: ROW_HEIGHT * MAX_ROW_LINES}  # capped


def test_without_a_width_given_rows_keep_their_height(tmp_path: Path) -> None:
    path = tmp_path / "b.xlsx"
    book = Book(path)
    book.table("t", ["a", "note"], [["b", "x" * 500]], ["text", "wrap"])
    book.close()
    assert not [d for d in openpyxl.load_workbook(path)["t"].row_dimensions.values() if d.height]


@pytest.mark.parametrize(("text", "width", "lines"), [
    ("", 70, 1),
    ("x" * 76, 70, 1),  # letters run narrower than the digit 0 a width counts
    ("x" * 80, 70, 2),
    ("无可用时段：本单位同期离岗人数已达上限 4 人（单位人数的 20%），同类其他班次也无空位", 70, 1),
    ("无" * 60, 70, 2),
    ("x" * 10_000, 90, 102),
])
def test_wrapped_lines(text: str, width: int, lines: int) -> None:
    assert wrapped_lines(text, width) == lines


def test_display_width_counts_wide_characters_twice() -> None:
    assert display_width("") == 0
    assert display_width("A-12 x") == 6
    assert display_width("市财政局") == 8
    assert display_width("科长 (2)") == 8  # two wide, four narrow
    assert display_width("ＡＢ") == 4  # full-width Latin letters are wide too
    assert display_width("é") == 1


# names and ids as rosters write them, and any text: ASCII, CJK ideographs at the block's ends, full-width forms,
# punctuation of both widths, accents, symbols outside the basic plane; long ones (quotas) as well as short
_TEXTS = st.text(st.sampled_from("Ab9 -_.王娜丁一\u4e00\u9fff\u9ffe（）、·é\u3000ＡＢ\u3400\U00020000😀\u0301\u303f\uffe6")) \
    | st.text()


def _reference(text: str) -> int:
    return len(text) + sum(unicodedata.east_asian_width(c) in "WF" for c in text)


@given(_TEXTS)
def test_widths_are_counted_as_the_east_asian_widths_say(text: str) -> None:
    assert unique_width(text) == _reference(text)
    assert display_width(text) == _reference(text)
    assert display_width(text * 9) == _reference(text) * 9  # past REMEMBERED_UP_TO: not remembered, the same
    assert unique_width("王娜") == 4 and unique_width("A12") == 3 and unique_width("（王）、") == 8


def test_every_character_of_the_wide_blocks_is_wide_and_three_bytes() -> None:
    bounds = [ord(c) for c in WIDE_BLOCKS if c != "-"]
    for low, high in zip(bounds[::2], bounds[1::2], strict=True):
        for code in range(low, high + 1):
            assert unicodedata.east_asian_width(chr(code)) in "WF" and len(chr(code).encode()) == 3, hex(code)


# --- charts: every data-label part said shown or not (LibreOffice shows a part left out) -------------------

FLAGS = ("showLegendKey", "showVal", "showCatName", "showSerName", "showPercent", "showBubbleSize")


def chart_xml(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        return [z.read(n).decode() for n in sorted(z.namelist()) if n.startswith("xl/charts/chart")]


def a_chart(path: Path, labels: dict[str, object], own: bool = False, kind: str = "pie") -> str:
    """The chart XML of a pie (or kind) with these data labels, written by a Book (own: by xlsxwriter's own
    workbook)."""
    wb = xlsxwriter.Workbook(str(path)) if own else Book(path).wb
    ws = wb.add_worksheet("s")
    ws.write_column(0, 0, ["a", "b"])
    ws.write_column(0, 1, [1, 2])
    chart = wb.add_chart({"type": kind})
    chart.add_series({"categories": ["s", 0, 0, 1, 0], "values": ["s", 0, 1, 1, 1], "data_labels": labels})
    ws.insert_chart(0, 3, chart)
    wb.close()
    return chart_xml(path)[0]


def labels_of(xml: str) -> str:
    found = re.search(r"<c:dLbls>.*?</c:dLbls>", xml, re.DOTALL)
    assert found is not None
    return found.group()


def test_the_summary_charts_label_their_values_only(tmp_path: Path) -> None:
    assert run_analyze(SAMPLES, "-o", tmp_path, "--as-of", "2026-11-01", "--quiet").exit_code == 1
    charts = chart_xml(tmp_path / "gap-report.xlsx")
    assert len(charts) == 2  # the pie of needs by source, the bars of the top topics
    for xml in charts:
        flags = re.findall(r'<c:(show\w+) val="(\d)"/>', labels_of(xml))
        assert [f for f, _ in flags if f in FLAGS] == list(FLAGS)  # all six, in the schema's order
        assert {f for f, v in flags if v == "1"} - {"showLeaderLines"} == {"showVal"}


def test_the_flags_go_where_the_schema_puts_them(tmp_path: Path) -> None:
    xml = labels_of(a_chart(tmp_path / "a.xlsx", {"value": True, "category": True, "position": "outside_end",
                                                   "separator": "\n", "leader_lines": True}))
    assert xml == ('<c:dLbls><c:dLblPos val="outEnd"/><c:showLegendKey val="0"/><c:showVal val="1"/>'
                   '<c:showCatName val="1"/><c:showSerName val="0"/><c:showPercent val="0"/>'
                   '<c:showBubbleSize val="0"/><c:separator>\n</c:separator><c:showLeaderLines val="1"/></c:dLbls>')


def test_the_flags_go_before_the_extensions_of_a_bar_charts_leader_lines(tmp_path: Path) -> None:
    xml = labels_of(a_chart(tmp_path / "b.xlsx", {"value": True, "leader_lines": True}, kind="bar"))
    assert "<c:extLst>" in xml  # xlsxwriter's place for the leader lines of a chart other than a pie
    flags = "".join(f'<c:{f} val="{int(f == "showVal")}"/>' for f in FLAGS)
    assert xml.startswith("<c:dLbls>" + flags + "<c:extLst>") and xml.endswith("</c:extLst></c:dLbls>")


def test_a_closed_workbook_frees_its_charts_placed_or_not(tmp_path: Path) -> None:
    """Each chart holds the writer of its labels, which holds the chart: close() takes the writer off again, also
    of a chart never placed on a sheet (xlsxwriter's own list of charts leaves those out)."""
    gc.disable()  # as a run has it (cli.app.pause_collector)
    try:
        book = Book(tmp_path / "c.xlsx")
        ws = book.add_sheet("s")
        ws.write_column(0, 0, [1, 2])
        placed, unplaced = (book.wb.add_chart({"type": "bar"}) for _ in range(2))
        for chart in (placed, unplaced):
            chart.add_series({"values": "=s!$A$1:$A$2", "data_labels": {"value": True}})
        ws.insert_chart(0, 3, placed)
        book.close()
        alive = [weakref.ref(c) for c in (placed, unplaced)]
        del book, ws, placed, unplaced, chart
        assert [ref() is None for ref in alive] == [True, True]
    finally:
        gc.enable()


def test_everything_but_the_flags_is_as_xlsxwriter_writes_it(tmp_path: Path) -> None:
    labels = {"value": True, "percentage": True, "font": {"bold": True}, "num_format": "0.0"}
    mine, theirs = a_chart(tmp_path / "m.xlsx", labels), a_chart(tmp_path / "t.xlsx", labels, own=True)
    assert mine != theirs and '<c:showCatName val="0"/>' in labels_of(mine)
    strip = re.compile(r'<c:show(?:LegendKey|CatName|SerName|BubbleSize) val="0"/>')
    assert strip.sub("", mine) == theirs
    custom = {"value": True, "custom": [{"value": "x"}]}  # custom labels: left as xlsxwriter writes them
    assert a_chart(tmp_path / "c.xlsx", custom) == a_chart(tmp_path / "d.xlsx", custom, own=True)


@pytest.mark.parametrize("rows", [8, 1200], ids=["cell by cell", "streamed"])
def test_a_whole_number_shows_no_point_and_a_fraction_two_places_at_most(tmp_path: Path, rows: int) -> None:
    """Excel and WPS show 15 under "0.##" as "15.": a whole number of a number column is written as "0", a
    fraction as "0.0#" (12.5, 12.25), whichever way the table is written (short ones cell by cell, long ones
    streamed) and by Book.write."""
    path = tmp_path / "n.xlsx"
    book = Book(path)
    values: list[object] = [15.0, 12.5, 3, 12.25, 0.0, 45900.0, sum([0.1] * 10), 12.999]
    book.table("t", ["a", "n"], [[f"r{i}", values[i % len(values)]] for i in range(rows)], ["text", "number"])
    ws = book.add_sheet("one by one")
    for r, value in enumerate(values):
        book.write(ws, r, 0, value, "number")
    book.close()
    wb = openpyxl.load_workbook(path)
    shown = {(c.value, c.number_format) for row in wb["t"].iter_rows(min_row=2, min_col=2) for c in row}
    # a fraction that shows no digit at two places (ten 0.1s, 12.999) is shown whole too: 1 and 13, not 1.0, 13.0
    assert shown == {(15, "0"), (12.5, "0.0#"), (3, "0"), (12.25, "0.0#"), (0, "0"), (45900, "0"),
                     (sum([0.1] * 10), "0"), (12.999, "0")}
    assert [(c.value, c.number_format) for c in wb["one by one"]["A"]] == [
        (15, "0"), (12.5, "0.0#"), (3, "0"), (12.25, "0.0#"), (0, "0"), (45900, "0"), (sum([0.1] * 10), "0"),
        (12.999, "0")]


def test_an_id_column_is_as_wide_as_its_widest_id() -> None:
    """An 18-character 身份证号 in a column of 12 ran into the name beside it, printed."""
    from needscli.reports.xlsx import id_width

    assert id_width(["C001", "C002"]) == 12  # short ids keep the column's width
    assert id_width(["C001", "110101199003077777"]) == 20
    assert id_width(["编号甲乙丙丁戊己庚辛"]) == 22  # wide characters count twice
    assert id_width(["x" * 100]) == 40 and id_width([]) == 12


def test_a_table_too_wide_for_one_page_is_printed_on_as_many_as_keep_it_readable(tmp_path: Path) -> None:
    """A unit-by-topic matrix of 27 columns fitted to one A4 page printed at 4 points: a table wider than a page
    holds at 60% goes over as many pages wide as keep it at 60% at least, its first column on each; a narrower
    one keeps to one page; A3 holds more."""
    from needscli.reports.xlsx import A3

    path = tmp_path / "w.xlsx"
    book = Book(path)
    book.table("wide", [f"h{i}" for i in range(28)], [[1] * 28], ["int"] * 28, [24] + [14] * 27)  # 402 units
    book.table("narrow", ["a", "b"], [["x", "y"]], ["text", "text"], [40, 60])
    book.table("A3", [f"h{i}" for i in range(20)], [[1] * 20], ["int"] * 20, [15] * 20, paper=A3)  # 300 units
    book.close()
    wb = openpyxl.load_workbook(path)
    wide, narrow, a3 = wb["wide"], wb["narrow"], wb["A3"]
    assert (wide.page_setup.fitToWidth, wide.page_setup.fitToHeight, wide.print_title_cols) == (2, 0, "$A:$A")
    assert narrow.page_setup.fitToWidth in (None, 1) and narrow.print_title_cols is None
    assert a3.page_setup.paperSize == 8 and a3.page_setup.fitToWidth in (None, 1)


def test_a_bordered_table_boxes_every_cell_empty_ones_too(tmp_path: Path) -> None:
    """Printed without borders, a right-aligned number ran into the text beside it (90综合管理类): a plan's tables
    are bordered, every cell, kinds kept (whole numbers, fractions, dates, risky text quote-prefixed)."""
    import datetime as dt

    path = tmp_path / "b.xlsx"
    book = Book(path)
    book.table("t", ["n", "text", "day", "blank"], iter([[90, "=综合管理类", dt.date(2027, 1, 4), None],
                                                          [12.5, "专业技术类", None, ""]]),
               ["number", "wrap", "date", "text"], boxed=True)
    book.table("plain", ["n"], [[1]], ["int"])
    book.close()
    wb = openpyxl.load_workbook(path)
    ws = wb["t"]
    cells = [ws.cell(r, c) for r in (2, 3) for c in range(1, 5)]
    assert all(cell.border.left.style == "thin" and cell.border.bottom.style == "thin" for cell in cells)
    assert [(c.value, c.number_format) for c in (ws["A2"], ws["A3"])] == [(90, "0"), (12.5, "0.0#")]
    assert ws["B2"].value == "=综合管理类" and ws["B2"].quotePrefix and ws["B2"].alignment.wrap_text
    assert ws["C2"].number_format == "yyyy-mm-dd"
    assert wb["plain"]["A2"].border.left.style is None  # other tables as before


def test_the_pages_a_wide_table_takes_count_its_repeated_first_column() -> None:
    """A page breaks between columns and repeats the first: 24 + 32 columns of 14 at 240 a page is three pages
    (15 topic columns a page), not the two the widths' sum gives."""
    from needscli.reports.xlsx import pages_wide

    assert pages_wide([24] + [14] * 32, 240) == 3
    assert pages_wide([24] + [14] * 27, 240) == 2 and pages_wide([40, 60], 240) == 1
    assert pages_wide([10, 300, 20], 240) == 2  # a column wider than a page has one to itself
