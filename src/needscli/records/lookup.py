"""Which cadre an id or a name typed on the command line names (records show): by id in the ledger or on the
roster, else by name on the roster, as explain finds a cadre (core.analysis.Analysis.find_cadre)."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from needscli.core.analysis import cadres_named, closest_cadres
from needscli.models import Cadre
from needscli.records.store import Ledger, cadre_ids
from needscli.text import asked_spellings, id_spellings

NEAREST = 5  # candidates named where nothing matched


class Candidate(NamedTuple):
    """A cadre a message names: its id, and its name where a roster gives it."""

    cadre_id: str
    name: str = ""


@dataclass(frozen=True)
class Found:
    """What a text typed names: cadre_id (as the ledger holds it, else as the roster writes it) and the roster's
    cadre; where none, cadre_id None and the candidates: the cadres of that name (several: True), or the closest."""

    cadre_id: str | None
    cadre: Cadre | None = None
    candidates: list[Candidate] = field(default_factory=list)
    several: bool = False


def find_cadre(ledger: Ledger, text: str, roster: Sequence[Cadre] | None = None) -> Found:
    """The cadre text names: an id the ledger holds or the roster has (full-width Ｃ１ is C1; a 身份证号 under either
    case of its x), else the one cadre of the roster of that name (李华 for 李　华 too: a two-character name padded
    to three)."""
    held = set(cadre_ids(ledger, readable=False))  # a cadre whose one record cannot be read is found: it is named
    cadres = list(roster or [])
    spellings = asked_spellings(text)
    cadre = next((c for s in spellings for c in cadres if c.id == s), None)
    in_ledger = next((s for s in spellings if s in held), None)
    if cadre is not None:
        return Found(in_ledger or _held_as(cadre, held), cadre)
    if in_ledger is not None:
        return Found(in_ledger)
    asked = text.strip()
    named = cadres_named(cadres, asked)
    if len(named) == 1:
        return Found(_held_as(named[0], held), named[0])
    if named:
        return Found(None, candidates=[Candidate(c.id, c.name) for c in named], several=True)
    return Found(None, candidates=_nearest(asked, cadres, held))


def _held_as(cadre: Cadre, held: set[str]) -> str:
    """The id the ledger holds a roster's cadre under (its x in either case), else the roster's."""
    return next((s for s in id_spellings(cadre.id) if s in held), cadre.id)


def _nearest(text: str, cadres: list[Cadre], held: set[str]) -> list[Candidate]:
    """The roster's cadres whose id or name is closest to text, else (no roster) the ledger's closest ids."""
    if not cadres:
        return [Candidate(i) for i in difflib.get_close_matches(text, sorted(held), n=3, cutoff=0.6)]
    return [Candidate(c.id, c.name) for c in closest_cadres(cadres, text, NEAREST)]
