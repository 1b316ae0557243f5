"""The year a roster's 本年度 figures are of, where the roster says it, and those figures read for a later year.

A roster is made for a year and filled in on a day, and says so above its header: its title
(XX市2026年度干部教育培训花名册) or its 填报日期 line (填报日期：2026年10月). Its 本年度学时, 本年度网络学时 and 本年度培训天数
are that year's. Read for a later year (analyze --as-of 2027-04-01, records summary --year 2027), they are not that
year's figures: the year had not begun when the roster was made, so the roster holds nothing of it. They count as 0
for it (a ledger's records of the year are added to them as to any roster figure), and one warning a sheet names the
cell the year was read from. Before, 2026's hours counted as 2027's: in April, 239 of the samples' cadres read 达标
for a year they had not trained in, and no hours top-up was planned for them.
"""

from __future__ import annotations

import datetime as dt
import re

from needscli.errors import Problem
from needscli.io.tables import column_letter
from needscli.models import Inputs, StatedYear
from needscli.text import chinese_number, clean

CODE = "roster-of-another-year"
# the roster's figures of one year: counted as 0 for a later one
YEAR_FIELDS = ("hours_year", "online_hours_year", "days_year")
# 填报日期：2026年10月, 填表时间: 2026-10-30, 统计截至2026年10月31日, （截止2026.10）
_FILLED = re.compile(r"(?:填报|填表|报送|统计|截至|截止)[^\d\n]{0,8}?(?P<year>(?:19|20)\d\d)\s*(?:年|[-./])\s*\d{1,2}")
# a 填报日期 label alone in its cell, its date in the next one (A2 填报日期：, B2 2026-10-30)
_FILLED_LABEL = re.compile(r"\s*(?:填报|填表|报送|统计|截至|截止)(?:日期|时间)?\s*[：:]?\s*\Z")
_A_YEAR = re.compile(r"(?P<year>(?:19|20)\d\d)\s*(?:年|[-./])")
# a title: a year, then (within the line) what the sheet is, XX市2026年度干部教育培训花名册, 2026年干部培训情况统计表; a
# group over columns (2025年度考核) or a note in brackets (（注：含2025年度考核结果）) names no year of the sheet
_TITLE = re.compile(r"(?P<year>(?:19|20)\d\d)\s*年(?!\s*\d)[^（(]{0,40}?(?:花名册|名册|统计表|登记表|情况表|一览表|台账|信息表|汇总表)")
_BRACKETS = re.compile(r"[（(][^）)]*[）)]")
_YEARS = re.compile(r"((?:19|20)\d\d)\s*(?:年|[-—–~至])")  # every year of a title: 2025-2026年度
_LOOKED = 12  # the rows above the header looked at: a title and its lines, not a note at the foot of a long sheet
# a year written in Chinese numerals (二〇二六年度, 二零二五年, 二O二六年 typed with a letter O) or full-width digits
# (２０２６年): read as 2026年; a month and day in Chinese numerals after it (二〇二六年十月十五日): as 10月15日
_NUMERALS = str.maketrans("〇零○ＯOo一二三四五六七八九０１２３４５６７８９", "000000123456789" "0123456789")
_CHINESE_DIGITS = frozenset("〇零○一二三四五六七八九")
_WORDED_YEAR = re.compile(r"[〇零○ＯOo0-9一二三四五六七八九０-９]{4}(?=\s*(?:年|[-—–~至]|[-./．]\s*\d))")
_WORDED_DATE = re.compile(r"(?<=年)(?P<month>[一二三四五六七八九十元]{1,3})月(?:(?P<day>[一二三四五六七八九十]{1,3})[日号])?")


def stated_year(rows: list[list[object]], header_row: int) -> StatedYear | None:
    """The year a roster sheet whose header row is header_row (Excel's number, its lower row) says it is of, from
    the lines above the header: its title's year (2026年度…花名册; of two, 2025-2026年度, the later), no later than the
    year of its 填报日期 line where it has one (a roster filed in December 2026 holds no figure of 2027, whatever its
    title says of the year to come); else its 填报日期's year. None where neither is said. A cell naming no roster
    (a two-row header's group, 2025年度考核) is no title."""
    title = filed = None
    for i, row in enumerate(rows[:min(max(header_row - 1, 0), _LOOKED)]):
        for c, cell in enumerate(row):
            written = clean(cell) if isinstance(cell, str) else ""
            if not written:
                continue
            text = _arabic_years(written)  # the warning quotes the cell as written
            date = _FILLED.search(text)
            if date is None and _FILLED_LABEL.match(text):
                date = _next_year(row, c)
            if date is not None and filed is None:
                filed = StatedYear(int(date.group("year")), i + 1, c, written, True)
            said = _BRACKETS.sub("", _FILLED.sub("", text))
            if title is None and _TITLE.search(said):
                years = [int(y) for y in _YEARS.findall(said)]
                title = StatedYear(max(years), i + 1, c, written, False)
    if title is not None and filed is not None and filed.year < title.year:
        return filed  # next year's survey filed this year: this year's figures
    return title or filed


def _arabic_years(text: str) -> str:
    """text with its years in Chinese numerals or full-width digits written in ASCII digits (二〇二六年度 → 2026年度),
    and the month and day after a year so (二〇二六年十月十五日 → 2026年10月15日)."""
    if text.isascii():
        return text
    text = _WORDED_YEAR.sub(_year_digits, text)
    return _WORDED_DATE.sub(_date_digits, text) if "月" in text else text


def _year_digits(found: re.Match[str]) -> str:
    """A year's four characters in ASCII digits: of Chinese numerals (a letter O among them is a 〇 mistyped), or
    full-width digits; four ASCII digits, or letters and digits of no Chinese numeral, as they are."""
    year = found.group()
    typed_o = set(year) - set("0123456789") <= set("OoＯ") and sum(c.isdigit() for c in year) >= 2  # 2O26
    if not _CHINESE_DIGITS.intersection(year) and not any("０" <= c <= "９" for c in year) and not typed_o:
        return year
    return year.translate(_NUMERALS)


def _date_digits(found: re.Match[str]) -> str:
    """十月十五日 -> 10月15日 (a number that is none, 十十, left as it is)."""
    month = 1 if found.group("month") == "元" else chinese_number(found.group("month"))  # 元月: January
    day = chinese_number(found.group("day") or "")
    if month is None or (found.group("day") and day is None):
        return found.group()
    return f"{month}月" + (f"{day}日" if found.group("day") else "")


def _next_year(row: list[object], col: int) -> re.Match[str] | None:
    """The year of the date in the first filled cell after col (a 填报日期 label's), as _A_YEAR finds it."""
    for cell in row[col + 1:]:
        if cell is None or cell == "":
            continue
        text = cell.isoformat() if isinstance(cell, dt.date) else _arabic_years(clean(str(cell)))
        return _A_YEAR.match(text)
    return None


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
