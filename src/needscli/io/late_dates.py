"""Roster dates later than the day the analysis is made as of: a warning naming each cell.

A 出生年月 after it is a slip of the keyboard (2062 for 2026): the cadre's age is left unknown (core.facts). A
任现职时间 after it reads as a post about to be taken (a leading post's appointment training then falls due
within obligations.appointment_months of it); a 录用时间 or 参加工作时间 after it as service or work not yet
begun, with no initial training due yet. Either may be right, or a year typed wrong: the warning names the cell
and what was made of it, so that the office corrects the date, or the as-of date (--as-of) where the roster is
newer than the analysis.
"""

from __future__ import annotations

import datetime as dt
from operator import attrgetter

from needscli.config import Config
from needscli.errors import Problem
from needscli.io.tables import column_letter
from needscli.models import Cadre, Inputs
from needscli.vocab import Vocab

CODE = "date-after-as-of"
# the roster's date fields, in the order their warnings come for one cadre -> what the analysis makes of the date
_READ_AS = {
    "birth_date": ("年龄按未知处理", "the age is taken as unknown"),
    "appointed": ("按即将任职处理", "read as a post about to be taken"),
    "recorded": ("按尚未录用处理，暂无初任培训", "read as service not yet begun: no initial training is due yet"),
    "entry_date": ("按尚未参加工作处理", "read as work not yet begun"),
}
# what a post about to be taken means for a leading post with appointment training (obligations.appointment_bands)
_APPOINTMENT = ("，任职培训须在任职后 {n} 个月内完成（任职前 {before} 个月内参加的也算）",
                ": its appointment training is due within {n} months of it (a course up to {before} months before "
                "it counts)")


def late_date_problems(inputs: Inputs, as_of: dt.date, lang: str, config: Config) -> list[Problem]:
    """A warning per roster date later than as_of, cadre by cadre in roster order (a row's in _READ_AS' order).
    The distinct dates of a field are looked at first: a roster without a late date is gone over once a field."""
    zh = lang == "zh"
    vocab = Vocab(config)
    banded = {tier for band in config.obligations.appointment_bands for tier in band.tiers}
    due = _APPOINTMENT[0 if zh else 1].format(n=config.obligations.appointment_months,
                                            before=config.obligations.appointment_before_months)
    late: list[tuple[int, int, Cadre, str, dt.date]] = []
    for rank, field in enumerate(_READ_AS):
        day_of = attrgetter(field)
        later = {day for day in set(map(day_of, inputs.cadres)) if day is not None and day > as_of}
        if later:
            late += [(i, rank, cadre, field, day) for i, cadre in enumerate(inputs.cadres)
                     if (day := day_of(cadre)) in later]
    problems = []
    for _, _, cadre, field, day in sorted(late, key=lambda hit: hit[:2]):
        header_col = inputs.roster_columns.get((cadre.file, cadre.sheet), {}).get(field)
        if header_col is None:  # a date that came from elsewhere than a roster column
            continue
        header, col = header_col
        read_as = _READ_AS[field][0 if zh else 1]
        if field == "appointed" and (level := vocab.level(cadre.level)) is not None and level.leading \
                and level.tier in banded:
            read_as += due
        message = (f"第 {cadre.row} 行「{header}」{day.isoformat()} 晚于分析基准日 {as_of.isoformat()}：{read_as}" if zh
                   else f'row {cadre.row}: "{header}" {day.isoformat()} is after the as-of date {as_of.isoformat()}: '
                        f"{read_as}")
        expected = ("不晚于分析基准日的日期（如花名册比基准日新，请用 --as-of 指定日期）" if zh
                    else "a date not after the as-of date (where the roster is newer, give the date with --as-of)")
        problems.append(Problem(code=CODE, file=cadre.file, sheet=cadre.sheet, row=cadre.row, column=header,
                                cell=f"{column_letter(col)}{cadre.row}", severity="warning", message=message,
                                expected=expected))
    return problems
