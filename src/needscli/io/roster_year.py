"""The year a roster's 本年度 figures are of, where the roster says it, and those figures read for a later year.

A roster is made for a year and filled in on a day, and says so above its header: its title
(XX市2026年度干部教育培训花名册) or its 填报日期 line (填报日期：2026年10月). Its 本年度学时, 本年度网络学时 and 本年度培训天数
are that year's. Read for a later year (analyze --as-of 2027-04-01, records summary --year 2027), they are not that
year's figures: the year had not begun when the roster was made, so the roster holds nothing of it. They count as 0
for it (a ledger's records of the year are added to them as to any roster figure), and one warning a sheet names the
cell the year was read from. Before, 2026's hours counted as 2027's: in April, 152 of the samples' cadres read 达标
for a year they had not trained in, and no hours top-up was planned for them.
"""

from __future__ import annotations

import re

from needscli.errors import Problem
from needscli.io.tables import column_letter
from needscli.models import Inputs, StatedYear
from needscli.text import clean

CODE = "roster-of-another-year"
# the roster's figures of one year: counted as 0 for a later one
YEAR_FIELDS = ("hours_year", "online_hours_year", "days_year")
# 填报日期：2026年10月, 填表时间: 2026-10-30, 统计截至2026年10月31日, （截止2026.10）
_FILLED = re.compile(r"(?:填报|填表|报送|统计|截至|截止)[^\d\n]{0,8}?(?P<year>(?:19|20)\d\d)\s*(?:年|[-./])\s*\d{1,2}")
# XX市2026年度干部教育培训花名册, 2026年干部培训情况统计表
_TITLE = re.compile(r"(?P<year>(?:19|20)\d\d)\s*(?:年度|年(?!\s*\d).{0,40}?(?:花名册|名册|统计表|登记表|情况表|一览表|台账))")
_LOOKED = 12  # the rows above the header looked at: a title and its lines, not a note at the foot of a long sheet


def stated_year(rows: list[list[object]], header_row: int) -> StatedYear | None:
    """The year a roster sheet whose header row is header_row (Excel's number, its lower row) says it is of: its
    title's year (2026年度), else the year of its 填报日期 line; None where neither is said above the header."""
    filled = None
    for i, row in enumerate(rows[:min(max(header_row - 1, 0), _LOOKED)]):
        for c, cell in enumerate(row):
            if not isinstance(cell, str):
                continue
            text = clean(cell)
            date = _FILLED.search(text)
            title = _TITLE.search(_FILLED.sub("", text))  # 填报日期：2026年10月 names no title's year
            if title is not None:
                return StatedYear(int(title.group("year")), i + 1, c, text, False)
            if date is not None and filled is None:
                filled = StatedYear(int(date.group("year")), i + 1, c, text, True)
    return filled


def other_year_figures(inputs: Inputs, year: int, lang: str) -> list[Problem]:
    """The 本年度 figures of the roster sheets that say they are of a year before year (Inputs.roster_years) set to
    0 for it, where the sheet has their column; a warning per such sheet naming where its year was read. Returns
    the warnings."""
    earlier = {where: said for where, said in inputs.roster_years.items() if said.year < year}
    if not earlier:
        return []
    columns = {where: [f for f in YEAR_FIELDS if f in inputs.roster_columns.get(where, {})] for where in earlier}
    for cadre in inputs.cadres:
        fields = columns.get((cadre.file, cadre.sheet))
        if fields:
            for name in fields:
                setattr(cadre, name, 0.0)
    problems = []
    for (file, sheet), said in earlier.items():
        fields = columns[(file, sheet)]
        if not fields:
            continue
        headers = [inputs.roster_columns[(file, sheet)][f][0] for f in fields]
        problems.append(_warning(file, sheet, said, year, headers, lang))
    return problems


def _warning(file: str, sheet: str, said: StatedYear, year: int, headers: list[str], lang: str) -> Problem:
    where = "填报日期" if said.filled else "标题"
    if lang == "zh":
        columns = "、".join(f"「{h}」" for h in headers)
        message = (f"花名册的{where}（第 {said.row} 行「{said.text}」）表明它是 {said.year} 年的，而分析的是 {year} 年："
                   f"{columns}是 {said.year} 年的数字，不计入 {year} 年，{year} 年按 0 计（台账中 {year} 年的记录照常计入）")
        expected = (f"{year} 年的花名册（本年度各列为 {year} 年的数字，{where}写明 {year} 年）；"
                    f"要分析 {said.year} 年，请用 --as-of 指定 {said.year} 年内的日期")
    else:
        columns = ", ".join(f'"{h}"' for h in headers)
        kind = "filing date" if said.filled else "title"
        message = (f'the roster\'s {kind} (row {said.row}, "{said.text}") says it is of {said.year}, and the analysis '
                   f"is of {year}: {columns} are {said.year}'s figures and do not count for {year}, whose figures "
                   f"are taken as 0 (a ledger's records of {year} still count)")
        expected = (f"the roster of {year} (its figures of the year {year}'s, its {kind} saying {year}); to analyze "
                    f"{said.year}, give a date of {said.year} with --as-of")
    return Problem(code=CODE, file=file, sheet=sheet, row=said.row, cell=f"{column_letter(said.col)}{said.row}",
                   severity="warning", message=message, expected=expected)
