"""Roster dates later than the day the analysis is made as of: a warning naming each cell.

A 出生年月 after it is a slip of the keyboard (2062 for 2026): the cadre's age is left unknown (core.facts). A
任现职时间 after it reads as a post about to be taken (a leading post's appointment training then falls due
within obligations.appointment_months of it); a 录用时间 or 参加工作时间 after it as service or work not yet
begun, with no initial training due yet. Either may be right, or a year typed wrong: the warning names the cell
and what was made of it, so that the office corrects the date, or the as-of date (--as-of) where the roster is
newer than the analysis. A training of 已参加培训 dated after it is planned, or its date mistyped: not done by then,
it meets no obligation and leaves its topic a need (core.facts), and the warning names the cell and the items.
"""

from __future__ import annotations

import datetime as dt
from operator import attrgetter

from needscli.config import Config
from needscli.core.hours import add_months
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
    """A warning per roster date later than as_of, cadre by cadre in roster order (a row's in _READ_AS' order), and
    one per roster sheet whose dates all lie long before it (old_roster_problems).
    The distinct dates of a field are looked at first: a roster without a late date is gone over once a field."""
    return _late_dates(inputs, as_of, lang, config) + old_roster_problems(inputs, as_of, lang, config)


OLD_CODE = "roster-older-than-as-of"
_RECENT = ("appointed", "recorded", "entry_date")  # the dates a roster brought up to date has recent ones of
_SHEET = attrgetter("file", "sheet")


def old_roster_problems(inputs: Inputs, as_of: dt.date, lang: str, config: Config) -> list[Problem]:
    """A warning per roster sheet whose newest 任现职时间, 录用时间 or 参加工作时间 lies more than
    limits.stale_roster_months before as_of, with at least limits.stale_roster_cadres cadres dated (where the old sheets
    hold more dated cadres than the current ones, a folder of units' rosters of a few dozen each, they count
    together): last year's roster run on today's date, whose every obligation then reads as overdue, and whose new
    appointees are missing. It names the newest date and its column, and asks for the as-of date the roster
    describes. A sheet with neither 任现职时间 nor 录用时间 is not told by its 参加工作时间 alone."""
    limits = config.limits
    since = add_months(as_of, -limits.stale_roster_months)  # the month's last day where it has fewer
    if len(set(map(_SHEET, inputs.cadres))) == 1:  # one roster sheet, as most are: a recent date anywhere says enough
        if any(day is not None and day >= since for field in _RECENT for day in set(map(attrgetter(field), inputs.cadres))):
            return []
    newest: dict[tuple[str, str], tuple[dt.date, str, int]] = {}  # sheet -> its newest date, field, cadres dated
    posted: set[tuple[str, str]] = set()  # the sheets with a 任现职时间 or 录用时间
    for cadre in inputs.cadres:
        days = [(day, field) for field in _RECENT if (day := getattr(cadre, field)) is not None]
        if not days:
            continue
        where = (cadre.file, cadre.sheet)
        if days[0][1] != "entry_date":
            posted.add(where)
        day, field = max(days)
        was = newest.get(where)
        if was is None:
            newest[where] = (day, field, 1)
        else:
            newest[where] = (max(was[0], day), field if day > was[0] else was[1], was[2] + 1)
    zh = lang == "zh"
    problems = []
    # a sheet dated by 参加工作时间 alone is not told old (a unit's leaders of some dozens, at work for years, may well
    # count no one who started work in the year, whatever the roster's age); a recent one counts as current
    stale = {where: found for where, found in newest.items() if found[0] < since and where in posted}
    old_dated = sum(dated for _, _, dated in stale.values())
    current_dated = sum(dated for day, _, dated in newest.values() if day >= since)
    # most of the roster old (a folder of last year's units' rosters of a few dozen each): its old sheets told
    # together; beside a larger current roster, a sheet is old only where it is large enough to tell (a small unit
    # seldom appoints anyone in a year)
    if old_dated < limits.stale_roster_cadres or old_dated <= current_dated:
        stale = {where: found for where, found in stale.items() if found[2] >= limits.stale_roster_cadres}
    months = limits.stale_roster_months
    for (file, sheet), (day, field, _) in stale.items():
        header_col = inputs.roster_columns.get((file, sheet), {}).get(field)
        header = header_col[0] if header_col else field
        message = (f"名册中最近的「{header}」是 {day.isoformat()}，比分析基准日 {as_of.isoformat()} 早 "
                   f"{months} 个月以上：名册可能不是最新的，此后新任职、新录用的干部不在其中，"
                   f"而名册中干部的必训任务按基准日计为已到期或逾期" if zh
                   else f'the newest "{header}" of the roster is {day.isoformat()}, more than '
                        f"{months} month{'' if months == 1 else 's'} before the as-of date {as_of.isoformat()}: the roster may "
                        f"be out of date, missing those appointed or recruited since, while its cadres' obligations "
                        f"are counted due or overdue as of that date")
        expected = ("最新的花名册；如名册反映的是较早某日的情况，请用 --as-of 指定该日" if zh
                    else "the current roster; where the roster describes an earlier day, give that day with --as-of")
        problems.append(Problem(code=OLD_CODE, file=file, sheet=sheet, column=header, severity="warning",
                                message=message, expected=expected))
    return problems



def _late_dates(inputs: Inputs, as_of: dt.date, lang: str, config: Config) -> list[Problem]:
    """late_date_problems' warnings of the dates later than as_of, a cadre's trainings (已参加培训) after its dates."""
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
    found: list[tuple[int, int, Problem]] = _attended_later(inputs, as_of, lang)
    for i, rank, cadre, field, day in late:
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
        found.append((i, rank, Problem(code=CODE, file=cadre.file, sheet=cadre.sheet, row=cadre.row, column=header,
                                       cell=f"{column_letter(col)}{cadre.row}", severity="warning", message=message,
                                       expected=expected)))
    return [problem for _, _, problem in sorted(found, key=lambda hit: hit[:2])]


def _attended_later(inputs: Inputs, as_of: dt.date, lang: str) -> list[tuple[int, int, Problem]]:
    """A warning per 已参加培训 cell giving a training dated after as_of, naming each such item, as (the cadre's place
    in the roster, a rank after its other dates, the warning): not attended by the as-of date, it counts as no
    training done and meets no obligation (core.facts), until an analysis as of a later date."""
    zh = lang == "zh"
    found = []
    for i, cadre in enumerate(inputs.cadres):
        if not cadre.completed:
            continue
        later = [c for c in cadre.completed if c.date is not None and c.date > as_of]
        header_col = inputs.roster_columns.get((cadre.file, cadre.sheet), {}).get("completed")
        if not later or header_col is None:  # none, or trainings that came from elsewhere than a roster column
            continue
        header, col = header_col
        items = ("、" if zh else ", ").join(
            (f"「{c.topic}」{c.date.isoformat()}" if zh else f'"{c.topic}" {c.date.isoformat()}') for c in later
            if c.date is not None)
        message = (f"第 {cadre.row} 行「{header}」中的{items}晚于分析基准日 {as_of.isoformat()}：按尚未参加处理，不计入"
                   "已参加的培训，也不满足任何必训任务" if zh else
                   f'row {cadre.row}: "{header}" gives {items}, after the as-of date {as_of.isoformat()}: read as '
                   "not attended yet: no training done, meeting no obligation")
        expected = ("已参加培训的实际日期，不晚于分析基准日（计划中的培训参加后再填；如花名册比基准日新，请用 --as-of 指定日期）"
                    if zh else "the date the training was attended, not after the as-of date (a planned training "
                    "once attended; where the roster is newer, give the date with --as-of)")
        found.append((i, len(_READ_AS), Problem(code=CODE, file=cadre.file, sheet=cadre.sheet, row=cadre.row,
                                                column=header, cell=f"{column_letter(col)}{cadre.row}",
                                                severity="warning", message=message, expected=expected)))
    return found
