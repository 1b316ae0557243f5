"""The hours register (学时登记) and group summaries, from the ledger and (optionally) a roster.

Three figures per cadre, each against its standard (2023 Regulations Art. 14; records/store.py
counts them): concentrated training days and concentrated hours (concentrated and overseas records,
never online) of the year and of the five-year cycle holding it to that day (hours.cycle_start_year: 2023-2027
...), and online hours of the year. The standard follows the cadre's level: tiers in
hours.five_year_tiers owe five_year_days_required days OR five_year_required hours per cycle, the
others annual_days_required days OR annual_required hours a year; online learning owes
online_min_annual hours a year. core/hours.py's HoursStanding judges them.

A cadre of the roster is counted as analyze --ledger counts it (records/apply.py: the roster's own
figures, 本年度学时 and the like, added to the ledger's or replaced by them, as ledger.hours_mode
says), so that the register, records show and the gap report give one person one figure; each row
keeps what of each figure came from the roster and what from the ledger. Where the ledger holds no
record of a cadre, a figure the roster leaves blank is the ledger's (0 hours): analyze calls it
unknown. Online hours are unknown (None) when neither gives them (the ledger holds no online record of
the year).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from needscli.config import Config
from needscli.core.hours import hours_standing, hours_tier
from needscli.models import Cadre
from needscli.records.apply import FIGURES, Counted, counted_parts
from needscli.records.store import (
    Ledger,
    LedgerFacts,
    Totals,
    cadre_ids,
    completions,
    cycle_window,
    holds_online,
    totals_by_cadre,
)
from needscli.text import id_spellings
from needscli.vocab import Vocab

GroupBy = Literal["unit", "level", "cadre"]
NOT_ON_ROSTER = "(not on roster)"
DAYS_SHOWN = 1  # places of a number of days as shown: 10.6 days, as an office writes them (never 10.59)


def shown_days(days: float) -> float:
    """Days as an office writes them: one decimal at most (10.6), whole days whole (12, shown with :g)."""
    return round(days, DAYS_SHOWN)


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
    # per Cadre figure (apply.FIGURES): what of it the roster gave and the ledger gave, as counted; empty for a
    # cadre not on the roster (every figure the ledger's)
    sources: dict[str, Counted] = field(default_factory=dict)
    hours_mode: str = ""  # ledger.hours_mode the roster's figures were joined by; "" for a cadre not on the roster


@dataclass
class SummaryRow:
    group: str
    cadres: int = 0
    days: float = 0.0  # concentrated training days of the year, counted (a roster's cadre's: roster and ledger)
    hours: float = 0.0  # concentrated hours of the year, counted so: concentrated + overseas (online never)
    concentrated: float = 0.0  # the ledger's concentrated records' hours
    overseas: float = 0.0  # the ledger's overseas records' hours
    online: float = 0.0  # online hours of the year, counted as hours is
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
    window = totals_by_cadre(ledger, cycle_window(as_of, config), as_of, cadre_id=only)
    online_known = holds_online(ledger, new_year, as_of)
    done = completions(ledger, as_of, as_written=True, cadre_id=only)
    vocab = Vocab(config)
    rows = []
    for key, cadre, held in _entries(ledger, roster, only):
        this_year, five = in_year.get(key, Totals()), window.get(key, Totals())
        facts = LedgerFacts(this_year.concentrated, five.concentrated, days_year=this_year.days,
                            days_five_year=five.days, online_hours_year=this_year.online if online_known else None)
        row = RegistrationRow(cadre.id if cadre else key, by_delivery=this_year.by_delivery(),
                              last_completions=done.get(key, [])[::-1][:last])
        counted = _counted(row, cadre, facts, held, config.ledger.hours_mode)
        row.hours_year, row.five_year = counted.hours_year or 0.0, counted.hours_five_year or 0.0
        row.days_year, row.days_five_year = round(counted.days_year or 0.0, 2), round(counted.days_five_year or 0.0, 2)
        row.online_hours = counted.online_hours_year
        _judge(row, cadre, counted, vocab, config)
        rows.append(row)
    return rows


def _entries(ledger: Ledger, roster: Sequence[Cadre] | None, only: str | None) -> list[tuple[str, Cadre | None, bool]]:
    """(the id the ledger keys the cadre by, the roster's cadre or None, whether the ledger holds it): the roster's
    cadres in roster order (a 身份证号 the ledger holds with its x in the other case is the same cadre's, as for
    analyze), then the ledger's cadres the roster lacks; with only, that one cadre."""
    held = set(cadre_ids(ledger))
    cadres = {c.id: c for c in roster or []}
    if only is not None:
        return [(only, next(iter(cadres.values()), None), only in held)]
    keys = {i: next((s for s in id_spellings(i) if s in held), i) for i in cadres}
    taken = set(keys.values())
    return ([(keys[i], c, keys[i] in held) for i, c in cadres.items()]
            + [(i, None, True) for i in cadre_ids(ledger) if i not in taken])


def _counted(row: RegistrationRow, cadre: Cadre | None, facts: LedgerFacts, held: bool, mode: str) -> Cadre:
    """The cadre with the figures counted (row.sources: from which): a roster's cadre as analyze --ledger counts it
    (apply.counted_parts), a blank roster figure of a cadre the ledger does not hold the ledger's 0; a cadre
    not on the roster the ledger's figures."""
    if cadre is None:
        return Cadre(id=row.cadre_id, name="", unit="", post="", level="",
                     **{name: getattr(facts, name) for name in FIGURES})
    parts = {}
    for name in FIGURES:
        mine, theirs = getattr(cadre, name), getattr(facts, name)
        if held:
            parts[name] = counted_parts(mine, theirs, mode == "add")
        else:  # the ledger knows nothing of the cadre: the roster's figure stands, a blank one is the ledger's
            parts[name] = Counted(mine, None) if mine is not None else Counted(None, theirs)
    row.sources, row.hours_mode = parts, mode
    return cadre.model_copy(update={name: part.used for name, part in parts.items()})


def _judge(row: RegistrationRow, cadre: Cadre | None, counted: Cadre, vocab: Vocab, config: Config) -> None:
    """The row's figures against the standards, by core/hours.py: online learning for every cadre, the
    concentrated standard for a cadre of the roster whose level is known (days as counted, not as shown)."""
    if cadre is not None:
        row.name, row.unit, row.level, row.on_roster = cadre.name, cadre.unit, cadre.level, True
    level = vocab.level_by_name.get(cadre.level) if cadre is not None else None
    rank = vocab.level_by_name.get(cadre.rank) if cadre is not None and cadre.rank else None
    standing = hours_standing(counted, hours_tier(level.tier, rank.tier if rank else "", config.hours) if level else "",
                              config)
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
        for delivery in ("concentrated", "overseas"):  # the ledger's records
            setattr(group, delivery, round(getattr(group, delivery) + row.by_delivery[delivery], 2))
        group.online = round(group.online + (row.online_hours or 0.0), 2)  # counted, as hours is
        if group.below is not None and row.met is False:
            group.below += 1
        if group.online_below is not None and row.online_deficit:
            group.online_below += 1
    return Summary(year, by, list(groups.values()))
