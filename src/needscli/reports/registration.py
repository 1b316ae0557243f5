"""hours-register.xlsx: the 学时登记 sheet a training office files, one cadre per row."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from needscli.config import HoursConfig
from needscli.core.hours import cycle_years
from needscli.labels import code_label, label
from needscli.records.register import RegistrationRow, shown_days
from needscli.reports.files import atomic_path, is_as_written
from needscli.reports.xlsx import A4, PAGE_MOST_UNITS, Book, id_width, row_height

if TYPE_CHECKING:
    from xlsxwriter.worksheet import Worksheet

BASIS_ROW, HEADER_ROW = 1, 3  # 0-based: the title, the counting basis, a blank row, the header

# the catalog key of each column's header -> the kind of its cells
COLUMNS = {
    "register.col.cadre_id": "text",
    "register.col.name": "text",
    "register.col.unit": "text",
    "register.col.level": "text",
    "register.col.days_year": "number",
    "register.col.hours_year": "number",
    "register.col.overseas": "number",
    "register.col.online": "number",
    "register.col.days_five_year": "number",
    "register.col.five_year": "number",
    "register.col.standard": "text",
    "register.col.required": "number",
    "register.col.deficit": "number",
    "register.col.status": "text",
    "register.col.online_required": "number",
    "register.col.online_deficit": "number",
    "register.col.completions": "wrap",
    "register.col.note": "text",
}


def _values(row: RegistrationRow, lang: str, levels: Mapping[str, str]) -> list[object]:
    standard = (code_label("standard_days", row.standard, lang, d=row.days_required, h=row.required)
                if row.standard else "")
    status = "" if row.met is None else code_label("status", "met" if row.met else "deficit", lang)
    done = "；".join(f"{topic}({day.isoformat()})" for topic, day in row.last_completions)
    return [row.cadre_id, row.name, row.unit, levels.get(row.level, row.level), shown_days(row.days_year), row.hours_year,
            row.by_delivery.get("overseas", 0.0), row.online_hours, shown_days(row.days_five_year), row.five_year,
            standard,
            row.required, row.deficit, status, row.online_required, row.online_deficit, done,
            "" if row.on_roster else label("register.off_roster", lang)]


def write_registration(rows: Iterable[RegistrationRow], path: Path, year: int, hours: HoursConfig | None = None,
                       lang: str = "zh", inputs: Iterable[Path] = (), *, keep_existing: bool = False,
                       own_replaced: bool = False, levels: Mapping[str, str] | None = None) -> None:
    """Title, counting basis, then the register table; written whole or not at all. levels: the words the
    register gives each level (its English name in English: Config.english_names). keep_existing: a file
    already at path is not replaced (unless safeguards(force=True)): see atomic_path; own_replaced: but for a
    register it wrote, unchanged (is_own_register), asked again just before it is replaced."""
    headers = [label(key, lang) for key in COLUMNS]
    with atomic_path(path, inputs, keep_existing=keep_existing,
                     replaceable=is_own_register if own_replaced else None) as tmp:
        book = Book(tmp)
        rows = list(rows)
        # the id column as wide as the widest id: an 18-character 身份证号 printed whole, the whole table on one
        # page wide with it (PAGE_MOST_UNITS)
        widths = [id_width((r.cadre_id for r in rows), least=14), 10, 24, 14, 10, 10, 10, 10, 10, 10, 18, 9, 9, 9, 9,
                  9, 34, 14]
        written = book.table(label("register.sheet", lang), headers, (_values(r, lang, levels or {}) for r in rows),
                             list(COLUMNS.values()), widths, first_row=HEADER_ROW,
                             preamble=[(label("register.title", lang, year=year), "title")])
        first, last = cycle_years(dt.date(year, 12, 31), hours or HoursConfig())
        basis = label("register.basis", lang, first=first, last=last, year=year)
        for ws, _ in written:
            _fit_top(book, ws, basis, headers, widths)
        book.close()


def _fit_top(book: Book, ws: Worksheet, basis: str, headers: list[str], widths: list[int]) -> None:
    """The counting basis wrapped over the table's width (never past the printed page), and the header row as
    tall as its longest header wrapped in its column needs (本年度集中培训天数 in a column of 10), as
    class-rosters.xlsx sizes its rows (reports.xlsx.row_height)."""
    if "basis" not in book.fmt:
        book.fmt["basis"] = book.wb.add_format({"italic": True, "font_color": "#555555", "text_wrap": True,
                                                "valign": "top"})
    book.line_across(ws, BASIS_ROW, basis, _first_page(widths), book.fmt["basis"])
    ws.set_row(HEADER_ROW, max(row_height(h, w) for h, w in zip(headers, widths, strict=True)))



def _first_page(widths: list[int]) -> list[int]:
    """The widths of the columns printed on the first page, as xlsx.pages_wide breaks a table into pages (all of
    them where it fits one page wide)."""
    most, used = PAGE_MOST_UNITS[A4], 0
    for n, width in enumerate(widths):
        if n > 1 and used + width > most:
            return widths[:n]
        used += width
    return widths


def is_own_register(path: Path) -> bool:
    """Whether the file at path is a register write_registration wrote, unchanged since: stamped as written
    (reports.files.is_as_written: saved again by any program, it is not) and holding the register's one sheet,
    in either language. Any other file there (a signed class-rosters.xlsx, a register edited) is the office's."""
    if not is_as_written(path):
        return False
    try:
        with zipfile.ZipFile(path) as book:
            workbook = book.read("xl/workbook.xml").decode("utf-8")
    except (OSError, KeyError, zipfile.BadZipFile, UnicodeDecodeError, ValueError):
        return False
    names = re.findall(r'<sheet name="([^"]*)"', workbook)
    return names in ([label("register.sheet", "zh")], [label("register.sheet", "en")])
