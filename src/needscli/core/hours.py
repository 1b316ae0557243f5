"""The hours standards as the 2023 Regulations (Art. 14) count them, for one cadre.

Concentrated or full-time training is counted in days OR hours: 12 days or 90 hours a year for most
cadres, 3 months or 550 hours in each five-year cycle for county/division level and up. Online
learning is a duty of its own (locally 50 hours a year) and fills the concentrated standard only
where the config says so. Every number comes from config.hours.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from needscli.config import Config, HoursConfig
from needscli.models import Cadre

HOURS_SLACK = 0.005  # hours: what a figure kept to 2 places may fall short of the standard by, rounding alone
DAYS_SLACK = 0.001  # days: the same of days kept to 4 places


@dataclass(frozen=True, slots=True)
class HoursStanding:
    """What the hours standard asks of one cadre, what the roster says was done, and by when."""

    standard: str  # "annual" | "five-year"
    required: float  # concentrated hours
    done: float | None  # concentrated hours done (None: not reported)
    days_required: float = 0.0
    days: float | None = None  # concentrated days done (None: not reported)
    online_required: float = 0.0
    online: float | None = None  # online hours this year (None: not reported)
    deadline: dt.date | None = None
    day_hours: float = 6.0  # one training day in hours, to state a shortfall in days as hours

    @property
    def met(self) -> bool | None:
        """Days or hours meet the standard (either is enough); None when neither is reported (the days not
        counted where the standard asks none)."""
        days = self.days if self.days_required > 0 else None  # days_required 0: the standard counts no days
        # a hundredth of an hour, a thousandth of a day short is rounding, not a shortfall: a ledger keeps a share of a
        # class's days attended to 4 places (6.6667 + 5.3333), hours to 2
        if ((self.done is not None and self.done >= self.required - HOURS_SLACK)
                or (days is not None and days >= self.days_required - DAYS_SLACK)):
            return True
        return None if self.done is None and days is None else False

    @property
    def deficit(self) -> float | None:
        """Concentrated hours still to do (the shorter of the hours and the days shortfall), None when unknown."""
        met = self.met
        if met is None:
            return None
        if met:
            return 0.0
        gaps = []
        if self.done is not None:
            gaps.append(self.required - self.done)
        if self.days is not None and self.days_required > 0:
            gaps.append((self.days_required - self.days) * self.day_hours)
        return max(0.0, round(min(gaps), 2))

    @property
    def online_deficit(self) -> float | None:
        """Online hours still to do this year; None when not reported."""
        return None if self.online is None else max(0.0, round(self.online_required - self.online, 2))


# the roster fields of each standard's figures: its hours, its days
STANDARD_FIELDS = {"annual": ("hours_year", "days_year"), "five-year": ("hours_five_year", "days_five_year")}


def settling_fields(cadre: Cadre, standing: HoursStanding) -> tuple[str, ...]:
    """The roster fields of the cadre's concentrated standard left blank whose figure could settle it, its hours
    field first: the hours, and the days where the standard counts days (days or hours meet it); none where it is
    met."""
    if standing.met:
        return ()
    hours_field, days_field = STANDARD_FIELDS[standing.standard]
    fields = [hours_field] if getattr(cadre, hours_field) is None else []
    if standing.days_required > 0 and getattr(cadre, days_field) is None:
        fields.append(days_field)
    return tuple(fields)


def cycle_end(as_of: dt.date, hours: HoursConfig) -> dt.date:
    """The last day of the five-year cycle holding as_of (cycles run from hours.cycle_start_year); the calendar's
    last day where the cycle ends past it."""
    start = hours.cycle_start_year + ((as_of.year - hours.cycle_start_year) // hours.cycle_years) * hours.cycle_years
    return dt.date(_in_calendar(start + hours.cycle_years - 1), 12, 31)


def cycle_start(as_of: dt.date, hours: HoursConfig) -> dt.date:
    """The first day of the cycle holding as_of; the calendar's first where the cycle began before it."""
    start = hours.cycle_start_year + ((as_of.year - hours.cycle_start_year) // hours.cycle_years) * hours.cycle_years
    return dt.date(_in_calendar(start), 1, 1)


def cycle_years(as_of: dt.date, hours: HoursConfig) -> tuple[int, int]:
    """The first and last year of the cycle holding as_of (2023 and 2027 for a day of 2026), as a register says it."""
    first = cycle_start(as_of, hours).year
    return first, first + hours.cycle_years - 1


def _in_calendar(year: int) -> int:
    """year, or the calendar's first or last year where it lies before or past them."""
    return min(max(year, dt.MINYEAR), dt.MAXYEAR)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (or earlier, when negative), at the month's last day where it is shorter; the
    calendar's last (or first) day where that lies past it (never raised: a date read is never too late for it)."""
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    if year > dt.MAXYEAR:
        return dt.date.max
    if year < dt.MINYEAR:
        return dt.date.min
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month + 1, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # unreachable: every month has 28 days


def hours_tier(tier: str, rank_tier: str, hours: HoursConfig) -> str:
    """The tier whose standard a cadre owes: its level's, or its rank's where only that owes the five-year standard
    (2023 Regulations Art. 14: 县处级 leading posts "and 四级调研员 and up": a 乡科级正职 of rank 四级调研员 owes 550 h in
    five years, not 90 a year)."""
    if rank_tier and rank_tier in hours.five_year_tiers and tier not in hours.five_year_tiers:
        return rank_tier
    return tier


def hours_standing(cadre: Cadre, tier: str, config: Config, as_of: dt.date | None = None,
                   leading: bool = False) -> HoursStanding:
    """The cadre's standard by its level's tier, its figures, and (given as_of) its deadline.

    The five-year standard falls due at the cycle's end; a cadre promoted to a leading post during
    the cycle completes it within hours.promotion_grace_months of the promotion (任现职时间).
    """
    hours = config.hours
    day_hours = hours.day_hours.get("default", 6.0)
    online = cadre.online_hours_year
    if tier in hours.five_year_tiers:
        standard, required, days_required = "five-year", hours.five_year_required, hours.five_year_days_required
        done, days = cadre.hours_five_year, cadre.days_five_year
    else:
        standard, required, days_required = "annual", hours.annual_required, hours.annual_days_required
        done, days = cadre.hours_year, cadre.days_year
    if hours.online_counts_toward_concentrated and online is not None:
        done = (done or 0.0) + online
    deadline = None
    if as_of is not None:
        if standard == "annual":
            deadline = dt.date(as_of.year, 12, 31)
        else:
            deadline = cycle_end(as_of, hours)
            if leading and cadre.appointed is not None and cadre.appointed >= cycle_start(as_of, hours):
                deadline = add_months(cadre.appointed, hours.promotion_grace_months)
    return HoursStanding(standard, required, done, days_required, days, hours.online_min_annual, online,
                         deadline, day_hours)
