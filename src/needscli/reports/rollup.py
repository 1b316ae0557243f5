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
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from needscli.core.analysis import TEXT, FrameColumn, frame
from needscli.core.obligations import OBLIGATION_KINDS
from needscli.core.pseudonyms import tokened_name
from needscli.core.ranking import MwdsParts, set_ranks
from needscli.errors import Problem
from needscli.io.run_folders import read_runs
from needscli.io.snapshot import SNAPSHOT, Snapshot
from needscli.labels import TRAINING_TYPES, code_label, label
from needscli.models import NEED_SOURCES, Topic
from needscli.planner import organizers
from needscli.reports.gap_report import OBLIGATION_STATUSES

if TYPE_CHECKING:
    import pandas as pd

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


# the roll-up's tables, as its Parquet files and to_frame name them, in the order of rollup.xlsx's sheets
ROLLUP_KINDS = ("runs", "topics", "training_types", "sources", "levels", "obligations", "obligations_by_unit",
                "compliance_by_unit")


@dataclass
class Rollup:
    """The runs' outputs combined: the tables of rollup.xlsx, and the warnings met on the way."""

    KINDS: ClassVar[tuple[str, ...]] = ROLLUP_KINDS

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
    lang: str = "zh"  # of its topics' names, its frames and warnings (problems), and rollup.xlsx where not told otherwise

    @property
    def problems(self) -> list[Problem]:
        """The warnings, in the roll-up's language: what needscli rollup prints on stderr (exit 1)."""
        return self.warnings(self.lang)

    def to_frame(self, kind: str) -> pd.DataFrame:
        """One of the roll-up's tables (ROLLUP_KINDS: runs, topics ... compliance_by_unit) as a pandas DataFrame, the
        columns of its Parquet file: codes as codes, text in pandas' default string dtype, dates datetime64[ns],
        counts int64 (Int64 where one may be missing: a topic's MWDS parts and rank_mwds)."""
        return rollup_frame(self, kind)

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
    rolled = pool.finish()
    rolled.lang = lang
    return rolled


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
    organizer_of = organizers(snap.config, snap.cadres)
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


# ---- the tables of rollup.xlsx, its Parquet files and its DataFrames -------------------------------

@dataclass(frozen=True)
class Column:
    """A column of a roll-up table: its name in the Parquet/CSV table, its header in the workbook, its
    kind (int, number, percent, text, date, bool), and the words the workbook shows for a code."""

    name: str
    header: str
    kind: str = "int"
    words: Callable[[Any], object] | None = None
    optional: bool = False  # a count that may be missing (a topic no one rated): Int64 in a DataFrame


@dataclass
class Table:
    """A roll-up table: the file it is written to (name.parquet or name.csv) and its workbook sheet."""

    name: str
    sheet: str
    columns: list[Column]
    rows: list[list[object]] = field(default_factory=list)


def rollup_tables(rolled: Rollup, lang: str) -> list[Table]:
    """The roll-up's tables in the order of the workbook's sheets (the Summary and Warnings sheets apart)."""
    def col(name: str, key: str, kind: str = "int", words: Callable[[Any], object] | None = None,
            optional: bool = False) -> Column:
        return Column(name, label(key, lang), kind, words, optional)

    statuses = [Column(s, code_label("obligation_status", s, lang)) for s in OBLIGATION_STATUSES]
    organizer = col("organizer", "rosters.organizer", "text", lambda name: name or label("rollup.no_organizer", lang))
    yes_no = {True: label("rollup.yes", lang), False: label("rollup.no", lang)}
    # the by-unit tables' first column: the run, by its folder as the runs table names it (each city's 市财政局 apart)
    run = col("run", "rollup.col.folder", "text")
    return [
        Table("runs", "rollup.sheet.runs", [
            col("folder", "rollup.col.folder", "text"), col("as_of", "as_of", "date"),
            col("lang", "rollup.col.lang", "text"), col("cadres", "rollup.col.cadres"),
            col("needs", "rollup.col.needs"), col("pseudonymized", "rollup.col.pseudonymized", "bool", yes_no.get)],
            [[str(r.folder), r.as_of, r.lang, r.cadres, r.needs, r.pseudonymized] for r in rolled.runs]),
        Table("topics", "rollup.sheet.topics", [
            col("rank", "col.rank"), col("topic_id", "col.topic_id", "text"), col("topic", "col.topic", "text"),
            col("needs", "rollup.col.needs"), col("cadres", "col.cadres"), col("demand", "col.demand", "number"),
            *(Column(f"needs_{s.replace('-', '_')}", code_label("source", s, lang)) for s in NEED_SOURCES),
            col("respondents", "col.respondents", optional=True),
            col("importance_sum", "rollup.col.importance_sum", optional=True),
            col("discrepancy_sum", "rollup.col.discrepancy_sum", optional=True), col("mwds", "col.mwds", "number"),
            col("rank_mwds", "col.rank_mwds", optional=True)],
            [[t.rank, t.key, rolled.topic_name(t.key, lang), t.needs, t.cadres, t.demand,
              *(t.by_source[s] for s in NEED_SOURCES), *_parts(t.parts.respondents, t.parts.importance,
                                                               t.parts.discrepancy, t.pooled),
              t.mwds, t.rank_mwds] for t in rolled.topics]),
        Table("training_types", "rollup.sheet.types", [
            col("training_type", "col.training_type", "text", lambda value: code_label("training_type", value, lang)),
            col("needs", "rollup.col.needs"), col("cadres", "rollup.col.cadres_with_needs")],
            [[c.key, c.needs, c.cadres] for c in rolled.training_types]),
        Table("sources", "rollup.sheet.sources", [
            col("source", "col.source", "text", lambda value: code_label("source", value, lang)),
            col("needs", "rollup.col.needs"), col("cadres", "rollup.col.cadres_with_needs")],
            [[c.key, c.needs, c.cadres] for c in rolled.sources]),
        Table("levels", "rollup.sheet.levels", [
            col("level", "col.level", "text"), col("cadres", "rollup.col.cadres"),
            col("cadres_with_needs", "rollup.col.cadres_with_needs"), col("needs", "rollup.col.needs")],
            [[c.key, c.roster, c.cadres, c.needs] for c in rolled.levels]),
        Table("obligations", "rollup.sheet.obligations",
              [col("kind", "col.obligation", "text", lambda value: code_label("obligation", value, lang)), *statuses],
              [[kind, *(counts[s] for s in OBLIGATION_STATUSES)]
               for kind, counts in rolled.obligation_counts().items()]),
        Table("obligations_by_unit", "rollup.sheet.obligation_units",
              [run, organizer, col("unit", "col.unit", "text"),
               col("kind", "col.obligation", "text", lambda value: code_label("obligation", value, lang)), *statuses],
              [[o.run, o.organizer, o.unit, o.kind, *(o.statuses[s] for s in OBLIGATION_STATUSES)]
               for o in rolled.obligations]),
        Table("compliance_by_unit", "rollup.sheet.compliance", [
            run, organizer, col("unit", "col.unit", "text"), col("cadres", "rollup.col.cadres"),
            col("met", "rollup.col.met"), col("short", "rollup.col.short"),
            col("not_reported", "rollup.col.not_reported"), col("rate", "rollup.col.rate", "percent")],
            [[c.run, c.organizer, c.unit, c.cadres, c.met, c.short, c.not_reported, c.rate]
             for c in rolled.compliance]),
    ]


def _parts(respondents: int, importance: int, discrepancy: int, pooled: bool) -> list[object]:
    """A topic's MWDS parts; none where a run could not give its own (the MWDS is not pooled then)."""
    if not pooled:
        return [None, None, None]
    return [respondents, importance, discrepancy] if respondents else [0, None, None]


# ---- the tables as DataFrames (the Python API) ---------------------------------------------------

# a column's kind -> its frame dtype, that of the Parquet file read back by pd.read_parquet (the dates apart:
# datetime64[ns], as the analysis' frames give theirs)
_FRAME_DTYPES = {"int": "int64", "number": "float64", "percent": "float64", "text": TEXT,
                 "date": "datetime64[ns]", "bool": "bool"}


def rollup_frame(rolled: Rollup, kind: str) -> pd.DataFrame:
    """The roll-up's table of this kind as a DataFrame, in the roll-up's language (its topics' names); the same dtypes
    with or without rows."""
    if kind not in ROLLUP_KINDS:
        raise ValueError(f"unknown kind {kind!r}: use one of {', '.join(ROLLUP_KINDS)}")
    table = next(t for t in rollup_tables(rolled, rolled.lang) if t.name == kind)
    columns = [FrameColumn(c.name, "Int64" if c.optional else _FRAME_DTYPES[c.kind], [row[i] for row in table.rows])
               for i, c in enumerate(table.columns)]
    return frame(columns, len(table.rows))
