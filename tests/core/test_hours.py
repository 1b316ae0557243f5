"""core.hours: the five-year cycle and months counted on, at the calendar's ends."""

from __future__ import annotations

import datetime as dt

import pytest

from needscli.config import HoursConfig
from needscli.core.hours import HoursStanding, add_months, cycle_end, cycle_start


@pytest.mark.parametrize(("day", "months", "expected"), [
    (dt.date(2024, 1, 31), 1, dt.date(2024, 2, 29)),
    (dt.date(2024, 3, 31), -1, dt.date(2024, 2, 29)),
    (dt.date(2026, 11, 1), -24, dt.date(2024, 11, 1)),
    (dt.date(9999, 12, 31), 12, dt.date.max),  # past the calendar: its last day, never a ValueError
    (dt.date(9999, 6, 30), 7, dt.date.max),
    (dt.date(1, 3, 1), -3, dt.date.min),
    (dt.date(2026, 1, 1), 10**7, dt.date.max),
])
def test_add_months(day: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(day, months) == expected


def test_the_cycle_holding_a_day() -> None:
    hours = HoursConfig()
    assert (cycle_start(dt.date(2026, 11, 1), hours), cycle_end(dt.date(2026, 11, 1), hours)) == (
        dt.date(hours.cycle_start_year, 1, 1), dt.date(hours.cycle_start_year + hours.cycle_years - 1, 12, 31))


def test_a_cycle_past_the_calendar_ends_at_its_last_day() -> None:
    """Whatever the settings let through, the cycle is a span of the calendar (a cycle of 100,000 years ran past
    it, raising ValueError)."""
    hours = HoursConfig.model_construct(**{**HoursConfig().model_dump(), "cycle_years": 100_000})
    assert cycle_end(dt.date(2026, 11, 1), hours) == dt.date.max
    assert cycle_start(dt.date(2026, 11, 1), hours).year <= 2026


@pytest.mark.parametrize(("done", "days", "met"), [
    (89.996, None, True), (None, 11.9995, True),  # a ledger's rounding: 6.6667 + 5.3333 days, hours to 2 places
    (89.99, None, False), (None, 11.99, False),  # a hundredth of an hour, of a day: short
])
def test_rounding_alone_is_no_shortfall(done: float | None, days: float | None, met: bool) -> None:
    standing = HoursStanding("annual", 90.0, done, 12.0, days)
    assert standing.met is met
    assert (standing.deficit == 0.0) is met
