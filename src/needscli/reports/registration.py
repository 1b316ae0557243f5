"""hours-register.xlsx: the 学时登记 sheet a training office files, one cadre per row."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from needscli.labels import STANDARDS
from needscli.records.register import RegistrationRow
from needscli.reports.files import atomic_path
from needscli.reports.xlsx import Book

COLUMNS = [
    ("cadre_id", "编号", "Cadre ID", "text"),
    ("name", "姓名", "Name", "text"),
    ("unit", "单位", "Unit", "text"),
    ("level", "职级", "Level", "text"),
    ("hours_year", "本年度学时", "Hours this year", "number"),
    ("concentrated", "集中培训学时", "Concentrated", "number"),
    ("online", "网络培训学时", "Online", "number"),
    ("overseas", "境外培训学时", "Overseas", "number"),
    ("five_year", "五年累计学时", "Hours in five years", "number"),
    ("standard", "学时要求", "Standard", "text"),
    ("required", "应修学时", "Required", "number"),
    ("deficit", "学时缺口", "Deficit", "number"),
    ("completions", "最近完成培训", "Last completions", "wrap"),
    ("note", "备注", "Note", "text"),
]
WORDS = {
    "sheet": ("学时登记", "Hours register"),
    "title": ("{year}年度干部教育培训学时登记表", "Training hours register {year}"),
    "basis": ("本年度学时按培训结束日期计入；五年累计为{first}—{year}年；未结业（请假超过1/7等）的培训不计学时",
              "Hours count in the year a training ends; five years = {first}-{year}; "
              "trainings not completed (leave above 1/7 ...) count no hours"),
    "off_roster": ("不在花名册中", "not on the roster"),
}


def _w(key: str, lang: str) -> str:
    return WORDS[key][0 if lang == "zh" else 1]


def _values(row: RegistrationRow, lang: str) -> list[object]:
    standard = STANDARDS[row.standard][0 if lang == "zh" else 1].format(h=row.required) if row.standard else ""
    done = "；".join(f"{topic}({day.isoformat()})" for topic, day in row.last_completions)
    return [row.cadre_id, row.name, row.unit, row.level, row.hours_year, row.by_delivery.get("concentrated", 0.0),
            row.by_delivery.get("online", 0.0), row.by_delivery.get("overseas", 0.0), row.five_year, standard,
            row.required, row.deficit, done, "" if row.on_roster else _w("off_roster", lang)]


def write_registration(rows: Iterable[RegistrationRow], path: Path, year: int, cycle_years: int = 5,
                       lang: str = "zh", inputs: Iterable[Path] = ()) -> None:
    """Title, counting basis, then the register table; written whole or not at all."""
    headers = [zh if lang == "zh" else en for _, zh, en, _ in COLUMNS]
    kinds = [kind for *_, kind in COLUMNS]
    with atomic_path(path, inputs) as tmp:
        book = Book(tmp)
        preamble = [(_w("title", lang).format(year=year), "title"),
                    (_w("basis", lang).format(first=year - cycle_years + 1, year=year), "subtitle")]
        book.table(_w("sheet", lang), headers, (_values(r, lang) for r in rows), kinds,
                   [14, 10, 24, 14, 10, 10, 10, 10, 10, 16, 9, 9, 40, 14], first_row=3, preamble=preamble)
        book.close()

