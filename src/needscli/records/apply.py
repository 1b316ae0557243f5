"""analyze --ledger: hours and completions from the ledger; where it and the roster differ, it is reported."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from needscli.config import Config
from needscli.core.catalog import Catalog
from needscli.models import Cadre, Completion, LedgerDiff
from needscli.records.store import LedgerFacts, ledger_facts, open_ledger

HOURS_TOLERANCE = 0.01


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def apply_ledger(cadres: list[Cadre], path: Path, as_of: dt.date, config: Config,
                 catalog: Catalog) -> list[LedgerDiff]:
    """Hours and completions of every cadre the ledger knows, as the config's ledger.hours_mode says."""
    with open_ledger(path, create=False) as ledger:
        facts = ledger_facts(ledger, as_of, config=config, catalog=catalog)
    diffs: list[LedgerDiff] = []
    add = config.ledger.hours_mode == "add"
    for cadre in cadres:
        found = facts.get(cadre.id)
        if found is not None:
            diffs += _apply_hours(cadre, found, add) + _apply_completions(cadre, found, catalog)
    return diffs


def _apply_hours(cadre: Cadre, found: LedgerFacts, add: bool) -> list[LedgerDiff]:
    diffs = []
    for name, ledger_value in (("hours_year", found.hours_year), ("hours_five_year", found.hours_five_year)):
        roster_value = getattr(cadre, name)
        used = (roster_value or 0.0) + ledger_value if add else ledger_value
        if roster_value is None or abs(roster_value - used) > HOURS_TOLERANCE:
            diffs.append(LedgerDiff(cadre.id, name, _fmt(roster_value), _fmt(ledger_value), _fmt(used)))
        setattr(cadre, name, round(used, 2))
    return diffs


def _apply_completions(cadre: Cadre, found: LedgerFacts, catalog: Catalog) -> list[LedgerDiff]:
    """The ledger's date wins for a topic both hold; topics only one holds are kept."""
    def key(c: Completion) -> str:
        topic = catalog.resolve(c.topic)
        return topic.id if topic else c.topic

    ledger_by_topic = {key(c): c for c in found.completions}
    diffs, kept = [], []
    for c in cadre.completed:
        other = ledger_by_topic.get(key(c))
        if other is not None and other.date != c.date:
            diffs.append(LedgerDiff(cadre.id, "completed", f"{c.topic} {c.date or ''}".strip(),
                                    f"{other.topic} {other.date or ''}".strip(), f"{other.topic} {other.date or ''}".strip()))
        if other is None:
            kept.append(c)
    cadre.completed = kept + list(found.completions)
    return diffs
