"""Data gaps: the roster cells an obligation needs and finds blank, as warnings naming each cell.

A blank 五年累计学时 leaves the hours standard of that cadre unknown: the warning names the file,
sheet, row and column, and the row is kept (the rest of the analysis stands). A column the roster
does not have at all is no fault of any row: the cadres it leaves unknown are counted in the
summary's "compliance unknown" instead.
"""

from __future__ import annotations

from collections.abc import Iterable

from needscli.config import HoursConfig
from needscli.core.hours import STANDARD_FIELDS
from needscli.core.obligations import Obligation
from needscli.errors import Problem
from needscli.io.tables import column_letter
from needscli.models import Cadre, Inputs

CODE = "compliance-unknown"
_WHAT = {  # obligation kind -> what stays unknown
    "hours": ("学时达标情况未知", "hours compliance unknown"),
    "online": ("网络学时达标情况未知", "online learning compliance unknown"),
    "appointment": ("任职培训是否逾期未知", "whether appointment training is overdue is unknown"),
    "initial": ("初任培训是否逾期未知", "whether initial training is overdue is unknown"),
}
# an hours cell's days beside it and the setting of the days its standard asks: either settles the standard
# (每年12天或90学时), unless it counts no days (0)
_DAYS_OF = {hours: (days, f"{standard.replace('-', '_')}_days_required")
            for standard, (hours, days) in STANDARD_FIELDS.items()}
_EXPECTED = {
    "hours_year": ("本年度集中培训学时（数字）", "this year's concentrated training hours (a number)"),
    "hours_five_year": ("五年累计集中培训学时（数字）", "the five-year cycle's concentrated training hours (a number)"),
    "hours_or_days_year": ("本年度集中培训学时或天数（数字，填一项即可）",
                           "this year's concentrated training hours or days (a number; either will do)"),
    "hours_or_days_five_year": ("五年累计集中培训学时或天数（数字，填一项即可）",
                                "the five-year cycle's concentrated training hours or days (a number; either will do)"),
    "online_hours_year": ("本年度网络学时（数字）", "this year's online learning hours (a number)"),
    "appointed": ("任现职时间（日期）", "the date the current post was taken (a date)"),
    "recorded": ("录用时间（日期）", "the civil-service entry date (a date)"),
    "entry_date": ("参加工作时间（日期）", "the entry date (a date)"),
}


def data_gap_problems(inputs: Inputs, obligations: Iterable[Obligation], lang: str,
                      hours: HoursConfig | None = None) -> list[Problem]:
    """A warning per blank cell an obligation needs, in the order of the obligations. A cell whose value
    could not be read (a bad date, a word for hours) is not blank: its own problem already names it. A blank hours
    cell whose days cell beside it is blank too says so: either would settle the standard (hours: its day counts;
    None, the defaults')."""
    settings = hours or HoursConfig()
    zh = lang == "zh"
    cadres = {c.id: c for c in inputs.cadres}
    reported = {(p.file, p.sheet, p.cell) for p in inputs.problems if p.cell}
    cells: list[Problem] = []
    for ob in obligations:
        if ob.status != "unknown" or not ob.missing:
            continue
        cadre = cadres.get(ob.cadre_id)
        if cadre is None:
            continue
        headers = inputs.roster_columns.get((cadre.file, cadre.sheet), {})
        cells += [_blank_cell(cadre, *headers[name], name, ob.kind, zh, _blank_days(cadre, name, headers, settings))
                  for name in ob.missing if name in headers and (cadre.file, cadre.sheet, f"{column_letter(headers[name][1])}{cadre.row}")
                  not in reported]
    return cells


def _blank_days(cadre: Cadre, name: str, headers: dict[str, tuple[str, int]], hours: HoursConfig) -> str:
    """The header of the days column beside an hours field, where the cadre's cell there is blank too and the
    standard counts days; "" where not."""
    days_field, required = _DAYS_OF.get(name, ("", ""))
    if not days_field or days_field not in headers or getattr(cadre, days_field) is not None \
            or not getattr(hours, required) > 0:
        return ""
    return headers[days_field][0]


def _blank_cell(cadre: Cadre, header: str, col: int, name: str, kind: str, zh: bool, days: str = "") -> Problem:
    what = _WHAT[kind][0 if zh else 1]
    if days:
        message = (f"第 {cadre.row} 行「{header}」为空（「{days}」也为空）：{what}" if zh
                   else f'row {cadre.row}: "{header}" is blank (and so is "{days}"): {what}')
        expected = _EXPECTED[name.replace("hours_", "hours_or_days_")][0 if zh else 1]
    else:
        message = (f"第 {cadre.row} 行「{header}」为空：{what}" if zh
                   else f'row {cadre.row}: "{header}" is blank: {what}')
        expected = _EXPECTED[name][0 if zh else 1]
    return Problem(code=CODE, file=cadre.file, sheet=cadre.sheet, row=cadre.row, column=header,
                   cell=f"{column_letter(col)}{cadre.row}", severity="warning", message=message, expected=expected)
