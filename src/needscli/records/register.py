"""The hours register (学时登记) and group summaries, from the ledger and (optionally) a roster.

Hours of a year are the credited hours of the records ending in it; the five-year total is the
window of config.hours.cycle_years years ending on 31 December of that year. The requirement
follows the cadre's level: tiers in hours.five_year_tiers owe five_year_required per cycle, the
others annual_required per year (the roster's own hour columns are not used here).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from needscli.config import Config
from needscli.core.facts import hours_standing
from needscli.models import Cadre
from needscli.records.store import (
    DELIVERIES,
    Ledger,
    cadre_ids,
    completions,
    hours_by_cadre,
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
    hours_year: float = 0.0
    by_delivery: dict[str, float] = field(default_factory=dict)  # concentrated / online / overseas
    five_year: float = 0.0
    standard: str = ""  # "annual" | "five-year" | "" when the level is unknown
    required: float | None = None
    deficit: float | None = None
    last_completions: list[tuple[str, dt.date]] = field(default_factory=list)  # newest first
    on_roster: bool = False


@dataclass
class SummaryRow:
    group: str
    cadres: int = 0
    hours: float = 0.0
    concentrated: float = 0.0
    online: float = 0.0
    overseas: float = 0.0
    below: int | None = None  # cadres below their requirement; None when levels are unknown


@dataclass
class Summary:
    year: int
    by: GroupBy
    rows: list[SummaryRow]


def registration_rows(ledger: Ledger, year: int, config: Config, roster: Sequence[Cadre] | None = None,
                      last: int = 3) -> list[RegistrationRow]:
    """The roster's cadres in roster order, then ledger cadres the roster lacks (by id)."""
    end = dt.date(year, 12, 31)
    in_year = hours_by_cadre(ledger, dt.date(year - 1, 12, 31), end)
    window = hours_by_cadre(ledger, years_before(end, config.hours.cycle_years), end)
    done = completions(ledger, end, as_written=True)
    cadres = {c.id: c for c in roster or []}
    ids = list(cadres) + [i for i in cadre_ids(ledger) if i not in cadres]
    vocab = Vocab(config)
    rows = []
    for cadre_id in ids:
        split = {d: in_year.get(cadre_id, {}).get(d, 0.0) for d in DELIVERIES}
        row = RegistrationRow(cadre_id, hours_year=round(sum(split.values()), 2), by_delivery=split,
                              five_year=round(sum(window.get(cadre_id, {}).values()), 2),
                              last_completions=done.get(cadre_id, [])[::-1][:last])
        cadre = cadres.get(cadre_id)
        if cadre is not None:
            _fill_from_roster(row, cadre, vocab, config)
        rows.append(row)
    return rows


def _fill_from_roster(row: RegistrationRow, cadre: Cadre, vocab: Vocab, config: Config) -> None:
    row.name, row.unit, row.level, row.on_roster = cadre.name, cadre.unit, cadre.level, True
    level = vocab.level_by_name.get(cadre.level)
    if level is None:
        return
    counted = cadre.model_copy(update={"hours_year": row.hours_year, "hours_five_year": row.five_year})
    standing = hours_standing(counted, level.tier, config)
    row.standard, row.required, row.deficit = standing.standard, standing.required, standing.deficit


def summary(ledger: Ledger, year: int, by: GroupBy = "unit", roster: Sequence[Cadre] | None = None,
            config: Config | None = None) -> Summary:
    """Hours of the year per unit or level (these need a roster; without one, per cadre)."""
    config = config or Config()
    by = by if roster is not None else "cadre"
    groups: dict[str, SummaryRow] = {}
    for row in registration_rows(ledger, year, config, roster):
        key = row.cadre_id if by == "cadre" else (getattr(row, by) if row.on_roster else NOT_ON_ROSTER)
        group = groups.setdefault(key, SummaryRow(key, below=0 if roster is not None else None))
        group.cadres += 1
        group.hours = round(group.hours + row.hours_year, 2)
        for delivery in DELIVERIES:
            setattr(group, delivery, round(getattr(group, delivery) + row.by_delivery[delivery], 2))
        if group.below is not None and row.deficit:
            group.below += 1
    return Summary(year, by, list(groups.values()))
