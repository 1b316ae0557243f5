"""analyze --ledger: hours, days and completions from the ledger; where it and the roster differ, it is reported.

The figures taken from the ledger (records/store.py counts them) are the Cadre fields hours_year and
hours_five_year (concentrated hours, never online), days_year and days_five_year (concentrated
training days) and online_hours_year. config.ledger.hours_mode "add" adds each to the roster's
figure (a blank roster cell counts 0); "replace" takes the ledger's. Online hours the ledger does not
know (no online platform export of the year imported) leave the roster's figure as it is.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import NamedTuple

from needscli.config import Config
from needscli.core.catalog import Catalog
from needscli.models import Cadre, Completion, LedgerDiff
from needscli.records.store import (
    DAYS_PLACES,
    LedgerFacts,
    ledger_facts,
    open_ledger,
    record_faults,
    unreadable_error,
)
from needscli.text import id_spellings

HOURS_TOLERANCE = 0.01
# the Cadre fields the ledger's figures go into (LedgerFacts has the same)
FIGURES = ("hours_year", "hours_five_year", "online_hours_year", "days_year", "days_five_year")


class Counted(NamedTuple):
    """What one figure of a cadre counts: the roster's part and the ledger's (None: that source not counted)."""

    roster: float | None
    ledger: float | None

    @property
    def used(self) -> float | None:
        """The figure counted: the parts added (hours to 2 places, days to 4); None where neither counts."""
        parts = [p for p in (self.roster, self.ledger) if p is not None]
        return round(sum(parts), DAYS_PLACES) if parts else None


def counted_parts(roster_value: float | None, ledger_value: float | None, add: bool) -> Counted:
    """A figure of a cadre the ledger holds, as analyze --ledger counts it: where the ledger does not know it, the
    roster's stands; else add (hours_mode "add") counts both (a blank roster cell 0), replace the ledger's alone."""
    if ledger_value is None:
        return Counted(roster_value, None)
    return Counted(roster_value if add else None, ledger_value)


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{round(value, 2):g}"


def apply_ledger(cadres: list[Cadre], path: Path, as_of: dt.date, config: Config,
                 catalog: Catalog) -> tuple[list[Cadre], list[LedgerDiff]]:
    """Copies of the cadres with the hours and completions the ledger holds for them (a 身份证号 under either
    case of its x), as the config's ledger.hours_mode says, and every figure where the roster and the ledger
    differ. Raises NeedsError where a record of the ledger cannot be read (edited by hand): the outputs would leave
    it out of the figures they give, with nothing in them to say so."""
    with open_ledger(path, create=False) as ledger:
        faults = record_faults(ledger)
        if faults:
            raise unreadable_error(ledger, faults)
        facts = ledger_facts(ledger, as_of, config=config, catalog=catalog)
    diffs: list[LedgerDiff] = []
    add = config.ledger.hours_mode == "add"
    out = []
    for cadre in cadres:
        # a 身份证号 the ledger holds with its check digit x in the other case is the same cadre's
        found = next((f for i in id_spellings(cadre.id) if (f := facts.get(i)) is not None), None)
        if found is not None:
            hours, hour_diffs = _apply_hours(cadre, found, add)
            completed, completion_diffs = _apply_completions(cadre, found, catalog)
            diffs += hour_diffs + completion_diffs
            cadre = cadre.model_copy(update={**hours, "completed": completed})
        out.append(cadre)
    return out, diffs


def _apply_hours(cadre: Cadre, found: LedgerFacts, add: bool) -> tuple[dict[str, float], list[LedgerDiff]]:
    """The hour and day figures to use, by Cadre field, and where they differ from the roster's."""
    diffs, hours = [], {}
    for name in FIGURES:
        ledger_value = getattr(found, name)
        if ledger_value is None:
            continue  # the ledger does not know it: the roster's figure stands
        roster_value = getattr(cadre, name)
        used = counted_parts(roster_value, ledger_value, add).used or 0.0  # never None: the ledger's is known
        if roster_value is None or abs(roster_value - used) > HOURS_TOLERANCE:
            diffs.append(LedgerDiff(cadre.id, name, _fmt(roster_value), _fmt(ledger_value), _fmt(used)))
        hours[name] = used
    return hours, diffs


def _apply_completions(cadre: Cadre, found: LedgerFacts,
                       catalog: Catalog) -> tuple[list[Completion], list[LedgerDiff]]:
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
    return kept + list(found.completions), diffs
