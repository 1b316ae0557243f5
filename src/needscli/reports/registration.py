"""hours-register.xlsx: the 学时登记 sheet a training office files, one cadre per row."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from pathlib import Path

from needscli.labels import code_label, label
from needscli.records.register import RegistrationRow
from needscli.reports.files import atomic_path, is_as_written
from needscli.reports.xlsx import Book, id_width

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


def _values(row: RegistrationRow, lang: str) -> list[object]:
    standard = (code_label("standard_days", row.standard, lang, d=row.days_required, h=row.required)
                if row.standard else "")
    status = "" if row.met is None else code_label("status", "met" if row.met else "deficit", lang)
    done = "；".join(f"{topic}({day.isoformat()})" for topic, day in row.last_completions)
    return [row.cadre_id, row.name, row.unit, row.level, row.days_year, row.hours_year,
            row.by_delivery.get("overseas", 0.0), row.online_hours, row.days_five_year, row.five_year, standard,
            row.required, row.deficit, status, row.online_required, row.online_deficit, done,
            "" if row.on_roster else label("register.off_roster", lang)]


def write_registration(rows: Iterable[RegistrationRow], path: Path, year: int, cycle_years: int = 5,
                       lang: str = "zh", inputs: Iterable[Path] = (), *, keep_existing: bool = False,
                       own_replaced: bool = False) -> None:
    """Title, counting basis, then the register table; written whole or not at all. keep_existing: a file
    already at path is not replaced (unless safeguards(force=True)): see atomic_path; own_replaced: but for a
    register it wrote, unchanged (is_own_register), asked again just before it is replaced."""
    headers = [label(key, lang) for key in COLUMNS]
    with atomic_path(path, inputs, keep_existing=keep_existing,
                     replaceable=is_own_register if own_replaced else None) as tmp:
        book = Book(tmp)
        preamble = [(label("register.title", lang, year=year), "title"),
                    (label("register.basis", lang, first=year - cycle_years + 1, year=year),
                     "subtitle")]
        rows = list(rows)
        # the id column as wide as the widest id: an 18-character 身份证号 printed whole
        widths = [id_width((r.cadre_id for r in rows), least=14), 10, 24, 14, 10, 10, 10, 10, 10, 10, 18, 9, 9, 9, 9,
                  9, 40, 14]
        book.table(label("register.sheet", lang), headers, (_values(r, lang) for r in rows), list(COLUMNS.values()),
                   widths, first_row=3, preamble=preamble)
        book.close()



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
