"""The needs of a share of the cadres found by a second process, and taken back as if found here.

A large roster's needs are found in two processes where the system can fork: the second, a copy of
this one, takes the last cadres (SHARE of them) on its copy of the engine while this one takes the
first. What it found comes back as compact bytes (pack_share): the needs, the hours standings and the
obligations as columns (marshal), the few distinct tuples of reasons, the wishes that reached nothing,
the texts the catalog took and the priorities' reach (pickle). take_share() rebuilds them here, after
this process's own, with the same values in the same order: the same analysis as one process's.
Nothing is written to disk: the bytes hold personal data.
"""

from __future__ import annotations

import datetime as dt
import marshal
import pickle
from collections.abc import Callable, Sequence
from dataclasses import fields
from operator import attrgetter
from typing import Any, Protocol

from needscli.core.bulk import made_from_columns
from needscli.core.catalog import Catalog
from needscli.core.hours import HoursStanding
from needscli.core.need_results import ComplianceRow, NeedsResult
from needscli.core.obligations import FINDING_COLUMNS, Obligation
from needscli.models import Cadre, Need

# The share of the cadres the second process takes: a little under half, since it also packs what it found and
# this process unpacks it (100,000 cadres: 2.1 s of needs on each side, 0.2 s packing, 0.37 s unpacking). 0.42 until
# the roster's parse and build were shared too: on a slow afternoon this process then found its 58% 0.5 s after the
# copy had sent its 42%; at 0.46 they end together (find_needs 7.44-7.54 -> 6.89-7.13 s at 100,000; 0.48: it waits).
SHARE = 0.46

_NEED_FIELDS = tuple(f.name for f in fields(Need))  # the order Need() takes them
_NEED_COLUMNS = tuple(n for n in _NEED_FIELDS[1:] if n != "reasons")  # packed as columns: not the id, not reasons
_STANDING_FIELDS = tuple(f.name for f in fields(HoursStanding))
_HEAD = 8  # the columns' length, before them


class Beside(Protocol):
    """Work running in a second process (reports.parallel.Forked): its bytes, or None where it failed."""

    def result(self) -> bytes | bytearray | None: ...

    def stop(self) -> None: ...


Start = Callable[[Callable[[], bytes]], Beside | None]  # starts work beside this process; None: it cannot


class Engine(Protocol):
    """What of needs.NeedsEngine a share is found with and taken back into."""

    catalog: Catalog
    reached: dict[str, int]  # priority id -> cadres it reached

    def find(self, cadre: Cadre, result: NeedsResult, explain: bool = False) -> list[Need]: ...


def share_of(cadres: int) -> int:
    """How many of the cadres (the last) the second process takes."""
    return int(cadres * SHARE)


def pack_share(engine: Engine, cadres: Sequence[Cadre]) -> bytes:
    """Find the needs of these cadres on the engine (the second process's copy) and pack them."""
    noted, reached = engine.catalog.noted(), dict(engine.reached)
    result = NeedsResult()
    per_cadre, obligations = [], []
    for cadre in cadres:
        held = len(result.found)
        found = engine.find(cadre, result)
        result.needs.extend(found)
        per_cadre.append(len(found))
        obligations.append(len(result.found) - held)
    if len(result.compliance) != len(cadres):  # one standing per cadre, in order: take_share counts on it
        raise RuntimeError("a cadre without its hours standing")
    tuples, which = _distinct(list(map(_REASONS, result.needs)))
    columns = (
        per_cadre, _columns(result.needs, _NEED_COLUMNS), which,
        _columns([row.standing for row in result.compliance], _STANDING_FIELDS),
        # the obligations as their findings (never made here: take_share makes them), in an Obligation's fields
        obligations, _columns(result.found, FINDING_COLUMNS),
    )
    packed = marshal.dumps(columns)
    rest = pickle.dumps((tuples, result.unmatched, engine.catalog.notes_since(noted),
                         {k: n - reached.get(k, 0) for k, n in engine.reached.items()}),
                        protocol=pickle.HIGHEST_PROTOCOL)
    return b"".join((len(packed).to_bytes(_HEAD, "little"), packed, rest))


def take_share(result: NeedsResult, data: bytes | bytearray, cadres: Sequence[Cadre], engine: Engine) -> None:
    """What pack_share() found for these cadres, after what result holds; the engine's reach and catalog with it."""
    view = memoryview(data)  # read in place, not copied
    size = int.from_bytes(view[:_HEAD], "little")
    per_cadre, need_columns, which, standing_columns, obligations, obligation_columns = marshal.loads(
        view[_HEAD:_HEAD + size])
    tuples, unmatched, notes, reached = pickle.loads(view[_HEAD + size:])  # noqa: S301 - our own child's pipe
    ids = [c.id for c in cadres]
    need_columns = _dated(need_columns)
    need_columns.insert(_NEED_FIELDS.index("reasons") - 1, list(map(tuples.__getitem__, which)))
    result.needs.extend(map(Need, _repeated(ids, per_cadre), *need_columns))
    # the frozen records made a column at a time: their __init__ sets each field through object.__setattr__ (the
    # share of 100,000 cadres, 46,000 standings and 126,172 obligations: 0.50 -> 0.20 s, while the copy has ended
    # and a processor waits); a Need, not frozen, is made sooner by its own (0.25 s, against 0.54)
    standings = made_from_columns(HoursStanding, _dated(standing_columns))
    result.compliance.extend(map(ComplianceRow, ids, standings))
    result.obligations.extend(made_from_columns(Obligation, [_repeated(ids, obligations),
                                                             *_dated(obligation_columns)]))
    result.unmatched.extend(unmatched)
    for key, count in reached.items():
        engine.reached[key] = engine.reached.get(key, 0) + count
    engine.catalog.take_notes(notes)


_REASONS = attrgetter("reasons")


def _distinct(items: list[Any]) -> tuple[list[Any], list[int]]:
    """The distinct objects (by identity: the needs merged from the same reasons share their tuple), and which
    of them each item is."""
    index: dict[int, int] = {}
    distinct: list[Any] = []
    which = []
    for item in items:
        at = index.get(id(item))
        if at is None:
            at = index[id(item)] = len(distinct)
            distinct.append(item)
        which.append(at)
    return distinct, which


def _columns(rows: Sequence[Any], names: Sequence[str]) -> list[list[Any]]:
    """The rows' fields as columns; a field of dates (_DATED) as the places and day numbers of its dates (marshal
    takes no date; most needs have none). A value marshal does not take fails the packing (ValueError)."""
    out: list[list[Any]] = []
    for name in names:
        values = list(map(attrgetter(name), rows))
        if name not in _DATED:
            out.append(["", values])
            continue
        places = [i for i, v in enumerate(values) if v is not None]
        if any(type(values[i]) is not dt.date for i in places):  # a datetime's time would be lost
            raise TypeError(f"{name}: not a date")
        out.append(["date", len(values), places, [values[i].toordinal() for i in places]])
    return out


# the fields of dates (or None) of the records packed: marshal takes no date
_DATED = frozenset(f.name for kind in (Need, HoursStanding, Obligation) for f in fields(kind) if "date" in str(f.type))


def _dated(columns: list[list[Any]]) -> list[list[Any]]:
    """_columns() back: the dates as dates, one per day."""
    out = []
    for kind, *rest in columns:
        if kind != "date":
            out.append(rest[0])
            continue
        size, places, days = rest
        column: list[Any] = [None] * size
        day = {d: dt.date.fromordinal(d) for d in set(days)}
        for place, number in zip(places, days, strict=True):
            column[place] = day[number]
        out.append(column)
    return out


def _repeated(ids: list[str], counts: list[int]) -> list[str]:
    """Each id as many times as its count, in order."""
    return [cadre_id for cadre_id, count in zip(ids, counts, strict=True) for _ in range(count)]
