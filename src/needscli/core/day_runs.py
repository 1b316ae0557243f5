"""Days from one to another, and days in order as runs of consecutive days, as the plan and the sign-in sheets name
them (12-03 to 12-05)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator


def day_runs(days: Iterable[dt.date]) -> list[list[dt.date]]:
    """Days in order -> runs of consecutive days: [12-03, 12-04, 12-05, 12-09] -> [[12-03 .. 12-05], [12-09]]."""
    runs: list[list[dt.date]] = []
    for day in days:
        if runs and (day - runs[-1][-1]).days == 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return runs


def days_between(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    """Every day from first to last, both counted (none where last is before first)."""
    return (first + dt.timedelta(days=n) for n in range((last - first).days + 1))


def runs_said(days: Iterable[dt.date], fmt: str, to: str, joiner: str) -> str:
    """Days in order said as runs of consecutive days, each day in fmt: 12-05至12-06、12-12 (fmt "%m-%d", to "至",
    joiner "、")."""
    return joiner.join(f"{run[0]:{fmt}}" + (f"{to}{run[-1]:{fmt}}" if len(run) > 1 else "") for run in day_runs(days))
