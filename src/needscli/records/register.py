"""The hours register (学时登记) and group summaries, from the ledger and (optionally) a roster.

Three figures per cadre, each against its standard (2023 Regulations Art. 14; records/store.py
counts them): concentrated training days and concentrated hours (concentrated and overseas records,
never online) of the year and of the window of config.hours.cycle_years years ending on 31 December
of that year, and online hours of the year. The standard follows the cadre's level: tiers in
hours.five_year_tiers owe five_year_days_required days OR five_year_required hours per cycle, the
others annual_days_required days OR annual_required hours a year; online learning owes
online_min_annual hours a year. core/hours.py's HoursStanding judges them (the roster's own hour
columns are not used here). Online hours are unknown (None) when the ledger holds no online record
of the year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from needscli.config import Config
from needscli.core.hours import hours_standing
from needscli.models import Cadre
from needscli.records.store import (
    DELIVERIES,
    Ledger,
    Totals,
    cadre_ids,
    completions,
    holds_online,
    totals_by_cadre,
    years_before,
)
from needscli.vocab import Vocab

GroupBy = Literal["unit", "level", "cadre"]
NOT_ON_ROSTER = "(not on roster)"


@dataclass
class RegistrationRow:
    """One cadre's line of the register."""

    cadre_id: str
    name: str = ""
    unit: str = ""
    level: str = ""
    hours_year: float = 0.0  # concentrated hours of the year (concentrated and overseas records)
    by_delivery: dict[str, float] = field(default_factory=dict)  # concentrated / online / overseas
    five_year: float = 0.0  # concentrated hours of the five-year window
    days_year: float = 0.0  # concentrated training days of the year
    days_five_year: float = 0.0  # the same in the five-year window
    online_hours: float | None = None  # online hours of the year; None: the ledger holds no online learning
    standard: str = ""  # "annual" | "five-year" | "" when the level is unknown
    required: float | None = None  # concentrated hours the standard asks
    days_required: float | None = None  # or concentrated days
    deficit: float | None = None  # concentrated hours still to do (days or hours, the shorter)
    met: bool | None = None  # the concentrated standard met by days or hours; None when the level is unknown
    online_required: float | None = None
    online_deficit: float | None = None
    last_completions: list[tuple[str, dt.date]] = field(default_factory=list)  # newest first
    on_roster: bool = False


@dataclass
class SummaryRow:
    group: str
    cadres: int = 0
    days: float = 0.0  # concentrated training days of the year
    hours: float = 0.0  # concentrated hours of the year: concentrated + overseas (online never)
    concentrated: float = 0.0
    overseas: float = 0.0
    online: float = 0.0
    below: int | None = None  # cadres below their concentrated standard; None when levels are unknown
    online_below: int | None = None  # cadres below the online requirement; None when not known


@dataclass
class Summary:
    year: int
    by: GroupBy
    rows: list[SummaryRow]


def registration_rows(ledger: Ledger, year: int, config: Config, roster: Sequence[Cadre] | None = None,
                      last: int = 3) -> list[RegistrationRow]:
    """The roster's cadres in roster order, then ledger cadres the roster lacks (by id)."""
    return _rows(ledger, dt.date(year, 12, 31), config, roster, last)


def cadre_row(ledger: Ledger, cadre_id: str, as_of: dt.date, config: Config, cadre: Cadre | None = None,
              last: int = 3) -> RegistrationRow:
    """One cadre's figures as of a date against its standards (the concentrated one when cadre, from a
    roster, gives its level; online learning whatever the level)."""
    return _rows(ledger, as_of, config, [cadre] if cadre else None, last, only=cadre_id)[0]


def _rows(ledger: Ledger, as_of: dt.date, config: Config, roster: Sequence[Cadre] | None, last: int,
          only: str | None = None) -> list[RegistrationRow]:
    new_year = dt.date(as_of.year - 1, 12, 31)
    in_year = totals_by_cadre(ledger, new_year, as_of, cadre_id=only)
    window = totals_by_cadre(ledger, years_before(as_of, config.hours.cycle_years), as_of, cadre_id=only)
    online_known = holds_online(ledger, new_year, as_of)
    done = completions(ledger, as_of, as_written=True, cadre_id=only)
    cadres = {c.id: c for c in roster or []}
    ids = [only] if only is not None else list(cadres) + [i for i in cadre_ids(ledger) if i not in cadres]
    vocab = Vocab(config)
    rows = []
    for cadre_id in ids:
        this_year, five = in_year.get(cadre_id, Totals()), window.get(cadre_id, Totals())
        row = RegistrationRow(cadre_id, hours_year=this_year.concentrated, by_delivery=this_year.by_delivery(),
                              five_year=five.concentrated, days_year=round(this_year.days or 0.0, 2),
                              days_five_year=round(five.days or 0.0, 2),
                              online_hours=this_year.online if online_known else None,
                              last_completions=done.get(cadre_id, [])[::-1][:last])
        _judge(row, cadres.get(cadre_id), vocab, config, this_year.days, five.days)
        rows.append(row)
    return rows


def _judge(row: RegistrationRow, cadre: Cadre | None, vocab: Vocab, config: Config, days_year: float | None,
           days_five_year: float | None) -> None:
    """The row's figures against the standards, by core/hours.py: online learning for every cadre, the
    concentrated standard for a cadre of the roster whose level is known (days as counted, not as shown)."""
    if cadre is not None:
        row.name, row.unit, row.level, row.on_roster = cadre.name, cadre.unit, cadre.level, True
    level = vocab.level_by_name.get(cadre.level) if cadre is not None else None
    base = cadre or Cadre(id=row.cadre_id, name="", unit="", post="", level="")
    counted = base.model_copy(update={"hours_year": row.hours_year, "hours_five_year": row.five_year,
                                      "days_year": days_year, "days_five_year": days_five_year,
                                      "online_hours_year": row.online_hours})
    standing = hours_standing(counted, level.tier if level else "", config)
    row.online_required, row.online_deficit = standing.online_required, standing.online_deficit
    if level is None:
        return
    row.standard, row.required, row.days_required = standing.standard, standing.required, standing.days_required
    row.deficit, row.met = standing.deficit, standing.met


def summary(ledger: Ledger, year: int, by: GroupBy = "unit", roster: Sequence[Cadre] | None = None,
            config: Config | None = None) -> Summary:
    """Days and hours of the year per unit or level (these need a roster; without one, per cadre)."""
    config = config or Config()
    by = by if roster is not None else "cadre"
    groups: dict[str, SummaryRow] = {}
    for row in registration_rows(ledger, year, config, roster):
        key = row.cadre_id if by == "cadre" else (getattr(row, by) if row.on_roster else NOT_ON_ROSTER)
        group = groups.setdefault(key, SummaryRow(key, below=0 if roster is not None else None,
                                                  online_below=None if row.online_hours is None else 0))
        group.cadres += 1
        group.days = round(group.days + row.days_year, 2)
        group.hours = round(group.hours + row.hours_year, 2)
        for delivery in DELIVERIES:
            setattr(group, delivery, round(getattr(group, delivery) + row.by_delivery[delivery], 2))
        if group.below is not None and row.met is False:
            group.below += 1
        if group.online_below is not None and row.online_deficit:
            group.online_below += 1
    return Summary(year, by, list(groups.values()))
