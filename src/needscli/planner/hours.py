"""The hours standard against the board: what a cadre's classes credit toward its deficit by its deadline, and what
they leave of it. The plan's hours-after-the-plan list (forming) and the top-up class (top_up) count them alike."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from needscli.config import Config
from needscli.core.hours import HoursStanding, cycle_end
from needscli.planner.board import Board
from needscli.planner.context import five_year_levels
from needscli.planner.requests import Request


class HoursCounted:
    """The hours and days of a cadre's classes on the board that count toward its deficit, the class ends worked
    out once for each period and topic."""

    def __init__(self, board: Board) -> None:
        self.board = board
        self._ends: dict[tuple[int, str], dt.date] = {}  # (period, topic) -> the last day of its classes then

    def end(self, period: int, topic: str) -> dt.date:
        """The last day of a class of the topic placed in period."""
        day = self._ends.get((period, topic))
        if day is None:
            day = self._ends[period, topic] = self.board.class_dates(period, self.board.ctx.days.get(topic, 0.0))[1]
        return day

    def by_deadline(self, cadre: str, deadline: dt.date | None, without: Request | None = None) -> tuple[float, float]:
        """The hours and days of the cadre's classes that end by the deadline, but for its seat `without` (a class
        after it counts toward the next year's standard, not this deficit; deadline: what counted_until gives)."""
        hours, days = self.board.ctx.hours, self.board.ctx.days
        total = taken = 0.0
        for r in self.board.state(cadre).seats:
            if r is without:
                continue
            topic = r.key.topic
            if deadline is not None and r.cls is not None and self.end(r.cls.period, topic) > deadline:
                continue
            total += hours.get(topic, 0.0)
            taken += days.get(topic, 0.0)
        return round(total, 2), taken


def left_after(deficit: float, done: float, taken: float, standing: HoursStanding | None) -> float:
    """What a cadre's classes of done hours and taken days leave of its deficit: of the standing's hours and days
    shortfalls the shorter (a 12-day class of 68 hours meets 每年12天或90学时 by its days; a roster without days
    counts the classes' days where they alone meet the days asked); without the standing (or one of another
    deficit than the need's), the deficit less the hours."""
    if standing is None or standing.deficit != deficit:
        return max(0.0, round(deficit - done, 2))
    gaps = []
    if standing.done is not None:
        gaps.append(standing.required - standing.done - done)
    if standing.days_required > 0:
        if standing.days is not None:
            gaps.append((standing.days_required - standing.days - taken) * standing.day_hours)
        elif taken >= standing.days_required:
            gaps.append(0.0)
    return max(0.0, round(min(gaps), 2)) if gaps else max(0.0, round(deficit - done, 2))


def counted_until(board: Board, config: Config, cadres: list[str], deadlines: list[dt.date | None],
                  overdue: list[bool], standings: Mapping[str, HoursStanding]) -> list[dt.date | None]:
    """The last day a class may end to count toward each cadre's deficit: its deadline; past a five-year deadline
    (the year after a promotion, hours.promotion_grace_months), the end of the standard's cycle (core.hours.cycle_end),
    whose classes fill the same standard however late. An annual standard's class after its deadline counts toward
    the next year's standard instead. A cadre's standard is its standing's (a rank owing the five-year one beside a
    post that does not: core.hours.hours_tier), else its level's."""
    five_year = five_year_levels(config)
    places = board.ctx.cadres
    untils = list(deadlines)
    for i, (cadre, deadline, late) in enumerate(zip(cadres, deadlines, overdue, strict=True)):
        place = places.get(cadre) if late and deadline is not None else None
        if deadline is None or place is None:
            continue
        standing = standings.get(cadre)
        if standing.standard == "five-year" if standing is not None else place.level in five_year:
            untils[i] = max(deadline, cycle_end(deadline, config.hours))
    return untils
