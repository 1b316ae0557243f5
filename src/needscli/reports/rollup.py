"""needscli rollup: the outputs of several analyze runs (units, cities, provinces) combined into one summary.

A run is read through its saved analysis (io.run_folders: analysis.json, and its Parquet tables from
version 2 on), the one output holding all the roll-up adds up, in the same words whatever the run's
language: the needs with their topic ids, the cadres' units, levels and 管理权限 (a pseudonymized run
keeps them too), every obligation met or not, the hours standing, and each topic's MWDS parts.
Counts are added up run by run, each run's cadres counted within it (the runs' rosters are
disjoint); MWDS is recomputed from the pooled sums (core.ranking.MwdsParts), never averaged. A unit
is counted within its run (every city has a 市财政局): the by-unit tables are by run, organizer and unit.
No id or name reaches the roll-up.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from needscli.core.obligations import OBLIGATION_KINDS
from needscli.core.pseudonyms import tokened_name
from needscli.core.ranking import MwdsParts, set_ranks
from needscli.errors import Problem
from needscli.io.run_folders import read_runs
from needscli.io.snapshot import SNAPSHOT, Snapshot
from needscli.labels import TRAINING_TYPES, label
from needscli.models import NEED_SOURCES, Topic
from needscli.planner import organizers
from needscli.reports.gap_report import OBLIGATION_STATUSES

NEW_TOPIC_FILE = "(input)"  # a topic an input named that matched none of the catalog's (core.catalog)


@dataclass(frozen=True)
class RunInfo:
    """One run rolled up: its folder and what it says of itself."""

    folder: Path
    as_of: dt.date
    lang: str
    cadres: int
    needs: int
    pseudonymized: bool


@dataclass
class Count:
    """The needs of a group (a training type, a need source) and the cadres who have them."""

    key: str
    needs: int = 0
    cadres: int = 0


@dataclass
class TopicTotal(Count):
    """A topic over every run: needs, cadres, demand (sum of priorities), and MWDS from the pooled ratings."""

    demand: float = 0.0
    by_source: Counter[str] = field(default_factory=Counter)
    parts: MwdsParts = MwdsParts()
    pooled: bool = True  # False where a run rated the topic but kept no MWDS parts (an older needscli)
    rank: int = 0  # by demand, as the single run ranks
    rank_mwds: int | None = None

    @property
    def mwds(self) -> float | None:
        """The pooled MWDS to 4 places, as a run's ranking keeps it (core.ranking): the roll-up of a run's parts
        gives its figure, not one a last digit apart; None where no one rated the topic or it could not be pooled."""
        pooled = self.parts.mwds if self.pooled else None
        return None if pooled is None else round(pooled, 4)


@dataclass
class LevelTotal(Count):
    """A level (职级) as the rosters write it: its cadres, those with needs (cadres), and their needs."""

    roster: int = 0


@dataclass
class ObligationTotal:
    """Obligations of one kind of the cadres of one unit under one organizer in one run (its folder as given), by
    status."""

    run: str
    organizer: str
    unit: str
    kind: str
    statuses: Counter[str] = field(default_factory=Counter)


@dataclass
class ComplianceTotal:
    """The hours standard (学时达标) of the cadres of one unit under one organizer in one run (its folder as given)."""

    run: str
    organizer: str
    unit: str
    cadres: int = 0
    met: int = 0
    short: int = 0
    not_reported: int = 0

    @property
    def rate(self) -> float | None:
        """Met among those whose hours are reported, as the gap report's compliance rate."""
        reported = self.met + self.short
        return round(self.met / reported, 4) if reported else None


@dataclass
class Totals:
    cadres: int = 0
    rows_skipped: int = 0
    needs: int = 0
    cadres_with_needs: int = 0
    unmatched: int = 0  # wishes and ratings of cadres that matched no topic, and priorities that reached nobody


@dataclass
class Rollup:
    """The runs' outputs combined: the tables of rollup.xlsx, and the warnings met on the way."""

    runs: list[RunInfo]
    totals: Totals
    topics: list[TopicTotal]
    training_types: list[Count]
    sources: list[Count]
    levels: list[LevelTotal]
    obligations: list[ObligationTotal]
    compliance: list[ComplianceTotal]
    catalog: dict[str, Topic]  # topic id -> its topic, for its name
    catalogs: list[Path] = field(default_factory=list)  # the first run of each topic catalog (its own topics)
    shared: dict[Path, int] = field(default_factory=dict)  # run -> its cadres seen in an earlier run
    sharing: list[Path] = field(default_factory=list)  # every run holding a cadre another run holds too, in order
    unpooled: dict[Path, list[str]] = field(default_factory=dict)  # run -> topics it rated but kept no parts of

    def warnings(self, lang: str) -> list[Problem]:
        """What the reader of the roll-up should know, in lang: runs of different analysis dates or topic
        catalogs, cadres in more than one run, topics whose MWDS could not be pooled."""
        joiner = label("list_joiner", lang)
        found = []
        dates = sorted({r.as_of for r in self.runs})
        if len(dates) > 1:
            found.append(("rollup-as-of-differs", label("rollup.as_of_differs", lang,
                                                        dates=joiner.join(d.isoformat() for d in dates))))
        if len(self.catalogs) > 1:
            found.append(("rollup-catalog-differs", label("rollup.catalog_differs", lang, first=self.catalogs[0],
                                                          folders=joiner.join(map(str, self.catalogs[1:])))))
        if self.shared:
            found.append(("rollup-shared-cadres", label("rollup.shared_cadres", lang, n=sum(self.shared.values()),
                                                        folders=joiner.join(map(str, self.sharing or self.shared)))))
        for folder, topics in self.unpooled.items():
            names = joiner.join(self.topic_name(t, lang) for t in topics)
            found.append(("rollup-mwds-not-pooled", label("rollup.no_mwds_parts", lang, folder=folder, topics=names)))
        return [Problem(code=code, message=message, severity="warning") for code, message in found]

    def topic_name(self, topic_id: str, lang: str) -> str:
        topic = self.catalog.get(topic_id)
        return topic.name(lang) if topic else topic_id

    def obligation_counts(self) -> dict[str, dict[str, int]]:
        """kind -> status -> obligations, as a run's summary counts them (gap_report.obligation_counts)."""
        counts: Counter[tuple[str, str]] = Counter()
        for row in self.obligations:
            counts.update({(row.kind, status): n for status, n in row.statuses.items()})
        return {kind: {status: counts[kind, status] for status in OBLIGATION_STATUSES} for kind in OBLIGATION_KINDS}

    def compliance_total(self) -> ComplianceTotal:
        whole = ComplianceTotal("", "", "")
        for row in self.compliance:
            whole.cadres += row.cadres
            whole.met += row.met
            whole.short += row.short
            whole.not_reported += row.not_reported
        return whole

    def summary(self) -> dict[str, Any]:
        """The roll-up's figures, named as a run's summary names them (reports.summary): no id, no name."""
        compliance = self.compliance_total()
        return {
            "runs": len(self.runs),
            "as_of": sorted({r.as_of.isoformat() for r in self.runs}),
            "cadres": self.totals.cadres,
            "rows_skipped": self.totals.rows_skipped,
            "needs": self.totals.needs,
            "cadres_with_needs": self.totals.cadres_with_needs,
            "needs_by_source": {c.key: c.needs for c in self.sources},
            "compliance_rate": compliance.rate,
            "hours_not_reported": compliance.not_reported,
            "unmatched": self.totals.unmatched,
            "obligations": self.obligation_counts(),
        }


def rollup(runs: list[Path], lang: str = "zh") -> Rollup:
    """The outputs of the analyze runs in the folders runs, combined (Rollup.warnings(lang): what to heed).

    NeedsError (exit 2) naming the folder: a folder that is no needscli output, or a run given twice.
    """
    pool = _Pool()
    for folder, snap in read_runs([Path(f) for f in runs], lang):
        pool.add(folder, snap)
    return pool.finish()


def run_files(rolled: Rollup) -> list[Path]:
    """The analysis.json of every run rolled up: inputs no output may be written over."""
    return [r.folder / SNAPSHOT for r in rolled.runs]


class _Pool:
    """The runs' figures added up one run at a time; finish() orders them into a Rollup."""

    def __init__(self) -> None:
        self.runs: list[RunInfo] = []
        self.totals = Totals()
        self.topics: dict[str, TopicTotal] = {}
        self.priorities: defaultdict[str, list[float]] = defaultdict(list)
        self.types: dict[str, Count] = {}
        self.sources: dict[str, Count] = {}
        self.levels: dict[str, LevelTotal] = {}
        # by run first: the units of two runs are two units, whatever their names (every city has its 市财政局)
        self.obligations: dict[tuple[str, str, str, str], ObligationTotal] = {}
        self.compliance: dict[tuple[str, str, str], ComplianceTotal] = {}
        self.run_order: dict[str, int] = {}  # a run's folder as given -> its place among the runs
        self.catalog: dict[str, Topic] = {}
        self.ladder: dict[str, int] = {}  # level name -> place in the first ladder seen
        self.organizers: dict[str, int] = {}  # organizer -> place in the first order seen
        self.catalogs: dict[str, Path] = {}  # the catalog's own topics (fingerprint) -> the first run using it
        # (cadre id, name as its token is made of it) -> the run it was first seen in: cities number their cadres
        # alike (C0001 ...), a person on two runs' rosters has the same id and name there, or the same tokens of them
        # pseudonymized with one key: plain and pseudonymized runs agree (王　伟 and 王 伟 alike, 王伟 apart)
        self.cadre_runs: dict[tuple[str, str], int] = {}
        self.shared: Counter[Path] = Counter()  # run -> its cadres seen in an earlier run
        self.sharing: set[int] = set()  # the runs (their places in self.runs) holding a cadre another run holds
        self.unpooled: dict[Path, list[str]] = {}
        self.missed: set[tuple[str, str]] | None = None  # priorities that reached nobody in every run so far

    def add(self, folder: Path, snap: Snapshot) -> None:
        self.run_order[str(folder)] = len(self.runs)
        self.runs.append(RunInfo(folder, snap.as_of, snap.lang, len(snap.cadres), len(snap.needs), snap.pseudonymized))
        self._note_catalog(folder, snap)
        self._note_cadres(folder, snap)
        places = _places(snap)
        self._add_needs(snap, places)
        self._add_obligations(str(folder), snap, places)
        self._add_compliance(str(folder), snap, places)
        self._add_ratings(folder, snap)
        totals = self.totals
        totals.cadres += len(snap.cadres)
        totals.rows_skipped += sum(snap.skipped.values())
        totals.needs += len(snap.needs)
        totals.cadres_with_needs += len({n.cadre_id for n in snap.needs})
        totals.unmatched += sum(1 for u in snap.unmatched if u.cadre_id)
        # a priority reaches nobody in the whole only where it reaches nobody in every run (a unit's run
        # lists every priority meant for other units)
        missed = {(u.kind, u.text) for u in snap.unmatched if not u.cadre_id}
        self.missed = missed if self.missed is None else self.missed & missed

    def _note_catalog(self, folder: Path, snap: Snapshot) -> None:
        for topic in snap.topics:
            self.catalog.setdefault(topic.id, topic)
        for n, level in enumerate(lv.name for lv in snap.config.levels):
            self.ladder.setdefault(level, n)
        for n, name in enumerate(snap.config.classes.organizer_order):
            self.organizers.setdefault(name, n)
        self.catalogs.setdefault(catalog_print(snap.topics), folder)

    def _note_cadres(self, folder: Path, snap: Snapshot) -> None:
        run = len(self.runs) - 1
        for cadre in snap.cadres:
            first = self.cadre_runs.setdefault((cadre.id, tokened_name(cadre.name)), run)
            if first != run:
                self.shared[folder] += 1
                self.sharing.update((first, run))

    def _add_needs(self, snap: Snapshot, places: dict[str, _Place]) -> None:
        needs = snap.needs
        _count(self.topics, ((n.topic_id, n.cadre_id) for n in needs), TopicTotal)
        _count(self.types, ((n.training_type, n.cadre_id) for n in needs), Count)
        _count(self.sources, ((n.source, n.cadre_id) for n in needs), Count)
        _count(self.levels, ((places[n.cadre_id].level, n.cadre_id) for n in needs), LevelTotal)
        for need in needs:
            self.priorities[need.topic_id].append(need.priority)
            self.topics[need.topic_id].by_source[need.source] += 1
        for place in places.values():
            self.levels.setdefault(place.level, LevelTotal(place.level)).roster += 1

    def _add_obligations(self, run: str, snap: Snapshot, places: dict[str, _Place]) -> None:
        for ob in snap.obligations:
            place = places[ob.cadre_id]
            key = (run, place.organizer, place.unit, ob.kind)
            row = self.obligations.get(key) or self.obligations.setdefault(key, ObligationTotal(*key))
            row.statuses[ob.status] += 1

    def _add_compliance(self, run: str, snap: Snapshot, places: dict[str, _Place]) -> None:
        for standing in snap.compliance:
            place = places[standing.cadre_id]
            key = (run, place.organizer, place.unit)
            row = self.compliance.get(key) or self.compliance.setdefault(key, ComplianceTotal(*key))
            deficit = standing.standing.deficit
            row.cadres += 1
            if deficit is None:
                row.not_reported += 1
            elif deficit <= 0:
                row.met += 1
            else:
                row.short += 1

    def _add_ratings(self, folder: Path, snap: Snapshot) -> None:
        """Each topic's MWDS parts (the whole run's ranking); a run of an older needscli kept none."""
        lost = []
        for rank in snap.ranking:
            if rank.unit or not rank.respondents:
                continue
            total = self.topics.get(rank.topic_id) or self.topics.setdefault(rank.topic_id, TopicTotal(rank.topic_id))
            if rank.importance_sum < rank.respondents:  # every importance is 1 or more: no parts kept
                total.pooled = False
                lost.append(rank.topic_id)
            else:
                total.parts += rank.mwds_parts
        if lost:
            self.unpooled[folder] = lost

    def finish(self) -> Rollup:
        for topic_id, priorities in self.priorities.items():
            self.topics[topic_id].demand = round(math.fsum(priorities), 4)
        self.totals.unmatched += len(self.missed or ())
        return Rollup(
            runs=self.runs, totals=self.totals, topics=_ranked(self.topics.values()),
            training_types=_in_order(self.types, TRAINING_TYPES, Count),
            sources=_in_order(self.sources, NEED_SOURCES, Count),
            levels=sorted(self.levels.values(), key=lambda r: (self.ladder.get(r.key, len(self.ladder)), r.key)),
            obligations=sorted(self.obligations.values(), key=lambda r: (
                *self._place_order(r.run, r.organizer, r.unit), _KIND_ORDER.get(r.kind, 99), r.kind)),
            compliance=sorted(self.compliance.values(), key=lambda r: self._place_order(r.run, r.organizer, r.unit)),
            catalog=self.catalog, catalogs=list(self.catalogs.values()), shared=dict(self.shared),
            sharing=[self.runs[n].folder for n in sorted(self.sharing)], unpooled=self.unpooled)

    def _place_order(self, run: str, organizer: str, unit: str) -> tuple[int, int, str, str]:
        """The runs in the order given; within each, organizers in the configured order (the highest first), those
        it does not know after, then units."""
        return (self.run_order[run], self.organizers.get(organizer, len(self.organizers) + (not organizer)),
                organizer, unit)



_KIND_ORDER = {kind: n for n, kind in enumerate(OBLIGATION_KINDS)}


@dataclass(frozen=True, slots=True)
class _Place:
    """Where a cadre is counted: the level that manages it (organizer), its unit and its level."""

    organizer: str
    unit: str
    level: str


def _places(snap: Snapshot) -> dict[str, _Place]:
    """cadre id -> its place; the organizer as the run's planner found it (its config, its 管理权限)."""
    found: dict[tuple[str, str, str], str] = {}
    organizer_of = organizers(snap.config)
    places = {}
    for cadre in snap.cadres:
        key = (cadre.managed_by, cadre.level, cadre.unit)
        if key not in found:
            found[key] = organizer_of(cadre) or ""
        places[cadre.id] = _Place(found[key], cadre.unit, cadre.level)
    return places


C = TypeVar("C", bound=Count)


def _count(counts: dict[str, C], pairs: Iterable[tuple[str, str]], make: Callable[[str], C]) -> None:
    """(group, cadre id) of each need of one run: the group's needs, and its cadres once each."""
    cadres: defaultdict[str, set[str]] = defaultdict(set)
    for key, cadre_id in pairs:
        row = counts.get(key) or counts.setdefault(key, make(key))
        row.needs += 1
        cadres[key].add(cadre_id)
    for key, ids in cadres.items():
        counts[key].cadres += len(ids)


def _ranked(topics: Iterable[TopicTotal]) -> list[TopicTotal]:
    """By demand as a single run ranks its topics (core.ranking.set_ranks); rank_mwds by MWDS among the topics
    with one."""
    return set_ranks(topics, lambda t: (-t.demand, -t.needs, t.key), lambda t: t.key)


def _in_order(counts: dict[str, Count], codes: Iterable[str], make: Callable[[str], Count]) -> list[Count]:
    """Every known code in its order (none left out, a zero where no need has it), then the others."""
    known = list(codes)
    return [counts.get(code) or make(code) for code in known] + sorted(
        (c for key, c in counts.items() if key not in known), key=lambda c: c.key)


def catalog_print(topics: list[Topic]) -> str:
    """A fingerprint of a run's catalog: its own topics (not those its inputs added), wherever it was read from."""
    own = sorted((t.model_dump(mode="json", exclude={"file", "sheet", "row"}) for t in topics
                  if t.file != NEW_TOPIC_FILE), key=lambda t: t["id"])
    return hashlib.sha256(json.dumps(own, ensure_ascii=False, sort_keys=True).encode()).hexdigest()
