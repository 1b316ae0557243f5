"""Whether a records sheet's row can be a training that took place: hours its days can hold, days its dates span,
dates of the years a run takes. An impossible row (999999999 学时 for a week, 1900-01-01 to 2999-12-31) is held back:
a warning at its cell says what it holds and what is expected, and it is not recorded (as a sign-in sheet's seat
with a mistyped id is not); the rest of its file is imported. So is a row of a training that ends after the import
date (a course planned, or a year mistyped): it cannot have been attended yet. Sign-in sheets check hours against
their class."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from needscli.config import Config
from needscli.io.cells import RUN_YEARS, is_blank
from needscli.io.tables import RowReader

HELD = "; this row was not recorded: fix it and import the file again"
NOT_ENDED = ("the file imported again once the training has ended (its rows recorded already are not added again), "
             "or the date corrected where it was mistyped")


@dataclass(frozen=True)
class Training:
    """What a row says of its training: dates, hours, the days its 天数 column states, the hours a day of it holds."""

    start: dt.date | None
    end: dt.date | None
    hours: float | None
    days: float | None
    per_day: float  # hours.day_hours of its kind of provider
    online: bool


def number(value: float) -> str:
    """A number as a message says it: 999999999, not 1e+09; 7.5 as 7.5."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def implausible(r: RowReader, training: Training, config: Config) -> bool:
    """Warn at each cell that makes the row impossible; whether any did (the row is then not recorded)."""
    faults = [*_years(r, training), *_span(r, training, config), *_hours(r, training, config)]
    for name, code, what, expected in faults:
        r.table.problem(code, r.excel_row, r.table.columns.fields.get(name), what + HELD, expected,
                        severity="warning", column=r.table.header(name))
    return bool(faults)


def not_ended(r: RowReader, training: Training, imported_at: dt.date) -> bool:
    """Warn at the end date's cell (the start date's, where the row gives no end) of a training that ends after the
    import date; whether it does (the row is then not recorded). Recorded, a course only planned, or a date of a year
    mistyped, would count as attended once an analysis date passed it, though nobody attended it."""
    if training.end is None or training.end <= imported_at:
        return False
    name = "start_date" if is_blank(r.table.raw(r.row, "end_date")) else "end_date"
    what = (f"{training.end.isoformat()} is after the import date, {imported_at.isoformat()}: the training had not "
            "ended by then, so it cannot have been attended (a course planned, or a year mistyped); this row was not "
            "recorded")
    r.table.problem("training-not-ended", r.excel_row, r.table.columns.fields.get(name), what, NOT_ENDED,
                    severity="warning", column=r.table.header(name))
    return True


Fault = tuple[str, str, str, str]  # field, code, what is wrong, what is expected


def _years(r: RowReader, t: Training) -> list[Fault]:
    return [(name, "bad-date", f"{day.isoformat()} is not a date from {RUN_YEARS[0]} to {RUN_YEARS[1]}",
             f"a date from {RUN_YEARS[0]} to {RUN_YEARS[1]}")
            for name, day in (("start_date", t.start), ("end_date", t.end))
            if day is not None and not RUN_YEARS[0] <= day.year <= RUN_YEARS[1] and name in r.table.columns.fields]


def _span(r: RowReader, t: Training, config: Config) -> list[Fault]:
    """Dates spanning more than a training lasts; days stated beyond them (or beyond that)."""
    most = config.ledger.max_training_days
    limit = f"a training of at most {most} days ([ledger] max_training_days)"
    span = (t.end - t.start).days + 1 if t.start and t.end else None
    faults: list[Fault] = []
    if span is not None and span > most:
        faults.append(("end_date", "implausible-dates", f"makes the training {span} days long, from "
                       f"{t.start} to {t.end}", limit))
    if t.days is not None and "days" in r.table.columns.fields:
        if span is not None and t.days > span:
            faults.append(("days", "implausible-days", f"is {number(t.days)} days, more than the {span} days from "
                           f"{t.start} to {t.end}", "at most the days from the start date to the end date"))
        elif t.days > most:
            faults.append(("days", "implausible-days", f"is {number(t.days)} days", limit))
    return faults


def _hours(r: RowReader, t: Training, config: Config) -> list[Fault]:
    """Hours more than the training's days hold (its 天数, else its dates' span; online: the longest training's)."""
    if t.hours is None or "hours" not in r.table.columns.fields:
        return []
    span = (t.end - t.start).days + 1 if t.start and t.end else None
    days = config.ledger.max_training_days if t.online else t.days or span or config.ledger.max_training_days
    slack = config.ledger.day_hours_slack
    most = days * t.per_day * slack
    if t.hours <= most:
        return []
    return [("hours", "implausible-hours", f"is {number(t.hours)} hours, more than {number(days)} day(s) of "
             "training hold", f"at most {number(most)} hours ({number(t.per_day)} h a day by hours.day_hours, "
             f"times {number(slack)} by [ledger] day_hours_slack)")]
