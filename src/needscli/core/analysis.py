"""Analysis: everything one run found, from which every report is written (and DataFrames made)."""

from __future__ import annotations

import datetime as dt
import difflib
import operator
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from needscli.cache import Memo
from needscli.config import Config
from needscli.core.catalog import Catalog
from needscli.core.need_columns import NeedColumns, NeedSlices
from needscli.core.need_results import ComplianceRow, Unmatched
from needscli.core.obligations import Obligation
from needscli.core.ranking import TopicRank, rank_topics_both
from needscli.errors import Problem
from needscli.labels import reason_texts
from needscli.models import (
    NEED_SOURCES,
    Cadre,
    Completion,
    Inputs,
    LedgerDiff,
    Need,
    Rating,
    Rule,
    SkippedRow,
)
from needscli.text import bare_name, id_spellings

if TYPE_CHECKING:
    import pandas as pd

FRAME_KINDS = ("needs", "obligations", "compliance", "ranking", "unit_ranking", "cadres", "problems")


TEXT = "text"  # a frame column of text: pandas' default string dtype (frame_dtype)


class FrameColumn(NamedTuple):
    """One column of a DataFrame: its name, its pandas dtype (the same with or without rows; TEXT: frame_dtype), its
    values."""

    name: str
    dtype: str
    values: list[Any]


class NeedTally(NamedTuple):
    """Analysis.need_tally: the needs by source, and how many cadres have any."""

    by_source: dict[str, int]
    cadres: int


_SOURCE, _CADRE_ID = operator.attrgetter("source"), operator.attrgetter("cadre_id")


def cadres_named(cadres: Sequence[Cadre], text: str) -> list[Cadre]:
    """The cadres of this name, its spaces left out (李梅 for 李 梅 or 李　梅: a two-character name padded to the
    width of three): the padding is typesetting, so 王　伟 and 王伟 on one roster are namesakes, whichever is asked."""
    bare = bare_name(text)
    return [c for c in cadres if bare_name(c.name) == bare]


def closest_cadres(cadres: Sequence[Cadre], text: str, most: int = 5) -> list[Cadre]:
    """The cadres whose id or name is closest to text (a typo's candidates), each once, at most `most`."""
    by_id = {c.id: c for c in cadres}
    ids = difflib.get_close_matches(text, list(by_id), n=3, cutoff=0.6)
    names = difflib.get_close_matches(text, list(dict.fromkeys(c.name for c in cadres)), n=3, cutoff=0.5)
    close = [by_id[i] for i in ids] + [c for c in cadres if c.name in names]
    return list({c.id: c for c in close}.values())[:most]


@dataclass
class Analysis:
    """Everything one run found; reports are written from this alone."""

    inputs: Inputs
    config: Config
    as_of: dt.date
    lang: str
    catalog: Catalog
    rules: list[Rule]
    needs: list[Need]
    unmatched: list[Unmatched]
    compliance: list[ComplianceRow]
    ranking: list[TopicRank]
    unit_ranking: list[TopicRank]
    problems: list[Problem]
    timings: dict[str, float] = field(default_factory=dict)
    ledger_diffs: list[LedgerDiff] = field(default_factory=list)
    obligations: list[Obligation] = field(default_factory=list)  # every cadre's, met or not
    pseudonymized: bool = False  # --pseudonymize: ids and names are tokens; analysis.json keeps the least
    # the first day and months of the plan a run wrote, as analysis.json keeps them: a re-plan (needscli classes)
    # keeps them where not given others; None for a fresh analysis (or a folder written before they were kept)
    plan_window: tuple[dt.date, int] | None = None
    # the classes of an earlier plan kept as announced (analyze --keep-classes: planner.model.KeptClass, of the layer
    # above), kept by analysis.json so that a re-plan (needscli classes) keeps them again
    kept_classes: list[Any] = field(default_factory=list)
    # every file the Python API's analyze() read, with its kind (roster, posts ... ledger, config, pseudonym_key), as
    # files.safeguards takes them: write() writes no output over one (the command line names its own: run_inputs)
    input_files: tuple[tuple[Path, str], ...] = field(default=(), repr=False, compare=False)
    _by_id: tuple[list[Cadre], dict[str, Cadre]] | None = field(default=None, repr=False, compare=False)
    _tally: tuple[list[Need], int, NeedTally] | None = field(default=None, repr=False, compare=False)
    # the needs' columns (keep_columns) or their slices (need_rows), with the list they were made of and its length
    _columns: tuple[list[Need], int, NeedColumns | NeedSlices] | None = field(default=None, repr=False,
                                                                              compare=False)
    # analyze(rank=False): ranking and unit_ranking are empty until rank() (or take_ranks) fills them; a run ranks
    # in its early writer, beside the forming of classes, which needs no ranking
    ranks_pending: bool = field(default=False, repr=False, compare=False)
    # the figures the reports count from the needs, compliance and obligations (reports.gap_report.analysis_figures),
    # with the lists they were counted from
    figures: tuple[tuple[Any, ...], Any] | None = field(default=None, repr=False, compare=False)

    @property
    def cadres(self) -> list[Cadre]:
        return self.inputs.cadres

    @property
    def cadre_by_id(self) -> dict[str, Cadre]:
        """Cadres by id; built once per roster (the reports ask for it many times)."""
        cadres = self.inputs.cadres
        if self._by_id is None or self._by_id[0] is not cadres or len(self._by_id[1]) != len(cadres):
            self._by_id = (cadres, {c.id: c for c in cadres})
        return self._by_id[1]

    def rank(self) -> tuple[list[TopicRank], list[TopicRank]]:
        """The topics ranked overall and by unit (ranking, unit_ranking), ranked now where analyze(rank=False) left
        them to be (a million cadres' 9.4 million needs take seconds to rank)."""
        if self.ranks_pending:
            self.take_ranks(rank_topics_both(self._columns_kept() or self.needs, self.cadres, self.catalog))
        return self.ranking, self.unit_ranking

    def keep_columns(self) -> NeedColumns:
        """The needs as columns (NeedColumns), made now and kept until forget_columns(): the planner reads them,
        and so does the run's early writer (need_rows), forked while they are kept, instead of the Need objects
        (whose pages it would otherwise copy from the run, touching each one's count of references). The needs are
        not to be changed while they are kept: the columns are known as theirs by the list and its length alone."""
        kept = self._columns_kept()
        if kept is None:
            kept = NeedColumns.of(self.needs)
            self._columns = (self.needs, len(self.needs), kept)
        return kept

    def forget_columns(self) -> None:
        """Let go of the needs' columns (a million cadres': 9 lists of 9.4 million items, 0.7 GB)."""
        self._columns = None

    def need_rows(self) -> NeedColumns | NeedSlices:
        """The needs as the writers read them, a part at a time (sliced): their columns where kept (keep_columns),
        else NeedSlices, which makes the columns of each part as it is read (the same object for the same needs, as
        the snapshot's tables and the Parquet files' share theirs)."""
        held = self._columns_held()
        if held is None:
            held = NeedSlices(self.needs)
            self._columns = (self.needs, len(self.needs), held)
        return held

    def _columns_kept(self) -> NeedColumns | None:
        """The needs' columns where keep_columns() made them from these very needs, else None."""
        held = self._columns_held()
        return held if isinstance(held, NeedColumns) else None

    def _columns_held(self) -> NeedColumns | NeedSlices | None:
        """The columns or slices held for these very needs (the same list, as long), else None."""
        held = self._columns
        return held[2] if held is not None and held[0] is self.needs and held[1] == len(self.needs) else None

    def take_ranks(self, ranks: tuple[list[TopicRank], list[TopicRank]]) -> None:
        """ranking and unit_ranking as rank() gave them in another process (the run's early writer)."""
        self.ranking, self.unit_ranking = ranks
        self.ranks_pending = False

    def remember_tally(self, tally: NeedTally) -> None:
        """need_tally() as another process counted it from these very needs (the run's early writer)."""
        self._tally = (self.needs, len(self.needs), tally)

    def need_tally(self) -> NeedTally:
        """The needs by source (every source of NEED_SOURCES, in its order) and the cadres with any need: counted
        once for a list of needs (the gap report's Summary, the snapshot and the JSON summary ask for them; a
        million cadres' 9.4 million needs take seconds to count)."""
        needs = self.needs
        if self._tally is None or self._tally[0] is not needs or self._tally[1] != len(needs):
            cols = self._columns_kept()  # read from the needs' columns where kept (the early writer)
            sources = cols.source if cols is not None else map(_SOURCE, needs)
            cadre_ids = cols.cadre if cols is not None else map(_CADRE_ID, needs)
            by_source = Counter(sources)
            self._tally = (needs, len(needs), NeedTally({s: by_source.get(s, 0) for s in NEED_SOURCES},
                                                        len(set(cadre_ids))))
        return self._tally[2]

    def find_cadre(self, text: str) -> tuple[Cadre | None, list[Cadre]]:
        """The cadre an id, or a name, names: (the cadre, []) when one does; else (None, the candidates): the
        cadres of that name when several share it, or those whose id or name is closest to it."""
        text = text.strip()
        # a 身份证号 asked for with its check digit x in the other case than the roster's
        found = next((c for i in id_spellings(text) if (c := self.cadre_by_id.get(i)) is not None), None)
        if found is not None:
            return found, []
        named = cadres_named(self.cadres, text)
        if len(named) == 1:
            return named[0], []
        if named:
            return None, named
        return None, closest_cadres(self.cadres, text)

    def skipped_rows_of(self, text: str) -> list[tuple[SkippedRow, list[Problem]]]:
        """The roster rows skipped for their faults that give this id or name, each with the errors that skipped it
        (explain says why such a cadre was not analyzed), in the order read."""
        bare = bare_name(text)
        if not bare:
            return []
        ids = set(id_spellings(text.strip()))
        rows = [s for s in self.inputs.skipped_rows if s.id in ids or bare_name(s.name) == bare]
        return [(s, [p for p in self.problems if p.severity == "error" and p.row == s.row and p.sheet == s.sheet
                     and p.file == s.file]) for s in rows]

    def to_frame(self, kind: str) -> pd.DataFrame:
        """One table of the analysis as a pandas DataFrame, one row per item; kind is one of FRAME_KINDS. Its text
        columns have pandas' default string dtype (frame_dtype), its dates datetime64[ns]."""
        builders: dict[str, Callable[[], list[FrameColumn]]] = {
            "needs": self._need_columns, "obligations": self._obligation_columns,
            "compliance": self._compliance_columns,
            "ranking": lambda: self._ranking_columns(self.rank()[0], with_unit=False),
            "unit_ranking": lambda: self._ranking_columns(self.rank()[1], with_unit=True),
            "cadres": self._cadre_columns, "problems": self._problem_columns,
        }
        if kind not in builders:
            raise ValueError(f"unknown kind {kind!r}: use one of {', '.join(FRAME_KINDS)}")
        columns = builders[kind]()
        return frame(columns, len(columns[0].values))

    def _need_columns(self) -> list[FrameColumn]:
        # needs.csv's columns, its texts and codes, with the topic's id and the need's hours beside them
        needs, cadres = self.needs, [self.cadre_by_id[n.cadre_id] for n in self.needs]
        topic = Memo(lambda topic_id: self.catalog.label(topic_id, self.lang))
        texts = reason_texts(self.lang, (",", ";", " | "))  # joined as in needs.csv
        joined = [texts[tuple(n.reasons)] for n in needs]
        return [
            *_fields(needs, TEXT, "cadre_id"), *_fields(cadres, TEXT, "name", "unit"),
            *_fields(needs, TEXT, "topic_id"), FrameColumn("topic", TEXT, [topic[n.topic_id] for n in needs]),
            *_fields(needs, TEXT, "source", "training_type"), *_fields(needs, "float64", "priority", "hours"),
            FrameColumn("rule_id", TEXT, [rule_ids for _, rule_ids, _ in joined]),
            FrameColumn("reason", TEXT, [reasons for _, _, reasons in joined]),
            *_fields(needs, "datetime64[ns]", "deadline"), *_fields(needs, TEXT, "status"),
        ]

    def _obligation_columns(self) -> list[FrameColumn]:
        # every cadre's obligations, met or not; missing: the blank fields that left one unknown
        rows = self.obligations
        return [*_fields(rows, TEXT, "cadre_id", "kind", "topic_id", "status"),
                *_fields(rows, "datetime64[ns]", "deadline"), *_fields(rows, "int64", "overdue_months"),
                FrameColumn("missing", TEXT, [", ".join(o.missing) for o in rows]),
                *_fields(rows, TEXT, "source_id")]

    def _compliance_columns(self) -> list[FrameColumn]:
        rows = self.compliance
        cadres, standings = [self.cadre_by_id[r.cadre_id] for r in rows], [r.standing for r in rows]
        return [*_fields(rows, TEXT, "cadre_id"), *_fields(cadres, TEXT, "name", "unit", "level"),
                *_fields(standings, TEXT, "standard"), *_fields(standings, "float64", "required", "done", "deficit"),
                *_fields(standings, "float64", "days_required", "days", "online_required", "online", "online_deficit"),
                *_fields(standings, "datetime64[ns]", "deadline")]

    def _ranking_columns(self, ranks: list[TopicRank], with_unit: bool) -> list[FrameColumn]:
        topic = Memo(lambda topic_id: self.catalog.label(topic_id, self.lang))
        return [
            *(_fields(ranks, TEXT, "unit") if with_unit else []), *_fields(ranks, "int64", "rank"),
            *_fields(ranks, TEXT, "topic_id"), FrameColumn("topic", TEXT, [topic[r.topic_id] for r in ranks]),
            *_fields(ranks, "int64", "cadres"), *_fields(ranks, "float64", "demand", "mean_priority"),
            # by_source as one count column per source, in the gap report's order: by_source_theory_core ...
            *(FrameColumn(f"by_source_{source.replace('-', '_')}", "int64", [r.by_source.get(source, 0) for r in ranks])
              for source in NEED_SOURCES),
            # MWDS with its parts, so that groups' rankings pool exactly (ΣI·Σ(I−C)/N², never an average of MWDS)
            *_fields(ranks, "int64", "respondents", "importance_sum", "discrepancy_sum"), *_fields(ranks, "float64", "mwds"),
            *_fields(ranks, "Int64", "rank_mwds"),
        ]

    def _cadre_columns(self) -> list[FrameColumn]:
        cadres = self.cadres
        return [
            FrameColumn("cadre_id", TEXT, [c.id for c in cadres]),  # named as in every other frame, to join on
            *_fields(cadres, TEXT, "name", "unit", "post", "level", "rank", "department", "post_code", "category",
                     "job_family", "managed_by"),
            *_fields(cadres, "datetime64[ns]", "appointed", "entry_date", "recorded", "birth_date"),
            *_fields(cadres, "float64", "hours_year", "hours_five_year", "days_year", "days_five_year",
                     "online_hours_year"),
            FrameColumn("completed", TEXT, ["; ".join(map(_completion_text, c.completed)) for c in cadres]),
            FrameColumn("wishes", TEXT, ["; ".join(c.wishes) for c in cadres]),
            # each rated topic as written, its importance and ability (法治思维 I5 C2; 数字化能力 I4 C-)
            FrameColumn("ratings", TEXT, ["; ".join(map(_rating_text, c.ratings.items())) for c in cadres]),
            *_fields(cadres, TEXT, "file", "sheet"), *_fields(cadres, "int64", "row"),
        ]

    def _problem_columns(self) -> list[FrameColumn]:
        return problem_columns(self.problems)


def _rating_text(item: tuple[str, Rating]) -> str:
    topic, rating = item
    return f"{topic} I{rating.importance or '-'} C{rating.ability or '-'}"


def problem_columns(problems: Sequence[Problem]) -> list[FrameColumn]:
    """The columns of a problems frame (an analysis' or a plan's: Plan.to_frame("problems")), one row per problem."""
    return [*_fields(problems, TEXT, "code", "severity", "file", "sheet"), *_fields(problems, "Int64", "row"),
            *_fields(problems, TEXT, "column", "cell", "expected", "message")]


def frame(columns: Sequence[FrameColumn], rows: int) -> pd.DataFrame:
    """A DataFrame of these columns (an analysis' or a plan's), each of its dtype (frame_dtype), rows long."""
    import pandas as pd  # here, not at the top: the CLI never pays for importing pandas (0.2-0.3 s)

    return pd.DataFrame({c.name: pd.Series(c.values, dtype=frame_dtype(c.dtype)) for c in columns},
                        index=pd.RangeIndex(rows))


def frame_dtype(dtype: str) -> Any:
    """The pandas dtype of a frame column: for TEXT the installed pandas' default for text, the dtype pd.read_parquet
    gives the Parquet files' text columns (pd.Series(["a"]).dtype: str under pandas 3, object before), so that a
    frame and a Parquet file's concatenate without turning to object; any other as named."""
    if dtype != TEXT:
        return dtype
    import pandas as pd

    return pd.Series(["a"]).dtype


def _fields(items: Sequence[object], dtype: str, *names: str) -> list[FrameColumn]:
    """Columns holding the items' attributes of these names."""
    return [FrameColumn(name, dtype, list(map(operator.attrgetter(name), items))) for name in names]


def _completion_text(done: Completion) -> str:
    return f"{done.topic} ({done.date.isoformat()})" if done.date else done.topic
