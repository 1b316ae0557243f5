"""The load of a plan longer than a year: each cadre's call-ups and days away counted in each plan year.

DOMAIN: a leader is called up at most twice a year, and a cadre's days away are counted a year. A plan of 18 or 24
months (--periods) runs into a second year: its months 1-12 from the plan's start are its first year, 13-24 its
second, and so on; the caps (classes.max_per_cadre, leader_max_callups, max_days_away) hold in each. A class counts
in the plan year of its period, the classes held before the plan (a re-plan's, Board.hold) in its first. A plan of a
year or less is one year, its load the whole plan's: the Board as it is, no count more on its checks.
"""

from __future__ import annotations

import datetime as dt

from needscli.config import ClassesConfig
from needscli.core.need_columns import NeedColumns
from needscli.planner.board import Board
from needscli.planner.model import YEAR_MONTHS, PlanContext
from needscli.planner.requests import CAP, CadreState, DraftClass, Request, Why


def new_board(ctx: PlanContext, cfg: ClassesConfig, periods: int, fam_order: dict[str, int], cols: NeedColumns,
              start: dt.date) -> Board:
    """The board of a plan of so many periods: a YearlyBoard where they run past a year."""
    kind = YearlyBoard if periods > YEAR_MONTHS else Board
    return kind(ctx, cfg, periods, fam_order, cols, start)


def plan_year(years: list[int] | None, period: int) -> int:
    """The plan year of a period, counted from 1 (0 in a plan of a year: Board.years None)."""
    return years[period] + 1 if years is not None and period else 0


class YearlyBoard(Board):
    """A board whose cadres' load is counted in each plan year (CadreState.calls and year_days; cap stays a year's).
    room: a call-up and the days left in some year; a seat is taken only in a period of a year that has them
    (fits_year, asked by free_in and free_periods, and where a period is chosen otherwise)."""

    def __init__(self, ctx: PlanContext, cfg: ClassesConfig, periods: int, fam_order: dict[str, int],
                 cols: NeedColumns, start: dt.date) -> None:
        super().__init__(ctx, cfg, periods, fam_order, cols, start)
        self.years = years = [0] + [(p - 1) // YEAR_MONTHS for p in range(1, periods + 1)]
        self.year_count = years[-1] + 1
        for state in self.states.values():
            self._count_years(state)

    def _count_years(self, state: CadreState) -> None:
        state.calls, state.year_days = [0] * self.year_count, [0.0] * self.year_count

    def state(self, cadre: str) -> CadreState:
        state = super().state(cadre)
        if state.calls is None:  # a cadre not on the roster, first asked for
            self._count_years(state)
        return state

    def _hold_load(self, state: CadreState, days: float) -> None:
        """A class held before the plan in the cadre's first plan year: a call-up and its days there."""
        calls, year_days = _load(state)
        calls[0] += 1
        year_days[0] += days

    def fits_year(self, req: Request, period: int, without: Request | None = None) -> bool:
        state, year = req.state, self.years_of(period)
        calls, year_days = _load(state)
        taken, days = calls[year], year_days[year]
        if without is not None and without.cls is not None and self.years_of(without.cls.period) == year:
            taken, days = taken - 1, days - without.days
        return taken < state.cap and days + req.days <= self.day_limit

    def year_why(self, req: Request, period: int) -> Why:
        """Board.year_why; period 0: no year has room (room false): its call-ups where every year's are taken, else
        its days (Why.year 0: every year)."""
        if not period:
            return CAP if self.calls_left(req.state) <= 0 else Why("days", days=req.days)
        year = self.years_of(period)
        calls, _ = _load(req.state)
        if calls[year] >= req.state.cap:
            return Why("cap", year=year + 1)
        return Why("days", days=req.days, year=year + 1)

    def years_of(self, period: int) -> int:
        """The plan year of a period, from 0."""
        years = self.years
        assert years is not None
        return years[period]

    def room(self, req: Request, without: Request | None = None) -> bool:
        """Has req's cadre a call-up and the days for req left in some plan year (after giving up seat `without`)?"""
        state, need, limit = req.state, req.days, self.day_limit
        calls, year_days = _load(state)
        gone = self.years_of(without.cls.period) if without is not None and without.cls is not None else -1
        for year, (taken, days) in enumerate(zip(calls, year_days, strict=True)):
            if year == gone and without is not None:
                taken, days = taken - 1, days - without.days
            if taken < state.cap and days + need <= limit:
                return True
        return False

    def rooms(self, reqs: list[Request]) -> list[bool]:
        return [self.room(req) for req in reqs]

    def calls_left(self, state: CadreState) -> int:
        calls, _ = _load(state)
        return sum(max(state.cap - taken, 0) for taken in calls)

    def days_room(self, state: CadreState, held: float, days: float) -> bool:
        # held: the requests waiting may sit in any year; each seat is weighed in its own (fits_year)
        calls, year_days = _load(state)
        cap, limit = state.cap, self.day_limit
        return any(taken < cap and away + days <= limit for taken, away in zip(calls, year_days, strict=True))

    def free_in(self, req: Request, period: int, without: Request | None = None) -> bool:
        return super().free_in(req, period, without) and self.fits_year(req, period, without)

    def free_periods(self, req: Request) -> list[bool]:
        free = super().free_periods(req)
        state, need, limit = req.state, req.days, self.day_limit
        calls, year_days = _load(state)
        fits = [taken < state.cap and days + need <= limit for taken, days in zip(calls, year_days, strict=True)]
        years = self.years
        assert years is not None
        return [is_free and fits[years[period]] for period, is_free in enumerate(free)]

    def free_somewhere_of(self, reqs: list[Request]) -> list[bool]:
        return [any(self.free_periods(req)) for req in reqs]

    def commit(self, req: Request, cls: DraftClass, append: bool = True) -> None:
        super().commit(req, cls, append)
        calls, year_days = _load(req.state)
        year = self.years_of(cls.period)
        calls[year] += 1
        year_days[year] += req.days

    def release(self, req: Request, why: Why) -> None:
        assert req.cls is not None
        year = self.years_of(req.cls.period)
        super().release(req, why)
        calls, year_days = _load(req.state)
        calls[year] -= 1
        year_days[year] -= req.days


def _load(state: CadreState) -> tuple[list[int], list[float]]:
    """A cadre's call-ups and days away in each plan year (YearlyBoard's)."""
    calls, year_days = state.calls, state.year_days
    assert calls is not None and year_days is not None
    return calls, year_days
