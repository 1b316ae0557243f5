"""Pydantic models for every record needscli reads or derives. No I/O here."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from needscli.errors import Problem

TrainingType = Literal["initial", "appointment", "on-the-job", "specialized", "theory"]
TRAINING_TYPES: tuple[str, ...] = ("initial", "appointment", "on-the-job", "specialized", "theory")

# obligation: training the rules make compulsory (appointment, initial, central-decision rotation, hours)
NeedSource = Literal["obligation", "theory-core", "compliance", "organizational", "post", "personal"]
NEED_SOURCES: tuple[str, ...] = ("obligation", "theory-core", "compliance", "organizational", "post", "personal")

ROUTES: tuple[str, ...] = ("class", "sent-up", "online", "in-unit")

ResourceKind = Literal["party-school", "admin-college", "university", "online", "enterprise", "base", "other"]
RESOURCE_KINDS: tuple[str, ...] = (
    "party-school", "admin-college", "university", "online", "enterprise", "base", "other",
)


class Record(BaseModel):
    """Base for input records: where the record came from, for provenance and messages."""

    model_config = ConfigDict(extra="forbid", frozen=False)

    file: str = ""
    sheet: str = ""
    row: int = 0


class Completion(BaseModel):
    """A training the roster says the cadre has completed."""

    model_config = ConfigDict(frozen=True)

    topic: str  # as written
    date: dt.date | None = None


class Rating(BaseModel):
    """Self-rated ability (1-5) on a topic, with the importance the cadre gives it."""

    model_config = ConfigDict(frozen=True)

    ability: int | None = Field(None, ge=1, le=5)
    importance: int | None = Field(None, ge=1, le=5)


class Cadre(Record):
    """One person on the roster (花名册)."""

    id: str
    name: str
    unit: str
    post: str
    level: str  # canonical ladder name
    # the rank (职级) beside the leading post read as the level (职务层次), where a roster gives both and they differ:
    # the hours standard takes the higher of the two (四级调研员 owes the five-year one, whatever the post: core.hours)
    rank: str = ""
    department: str = ""
    post_code: str = ""
    category: str = ""
    job_family: str = ""
    managed_by: str = ""
    appointed: dt.date | None = None
    entry_date: dt.date | None = None
    recorded: dt.date | None = None  # civil-service entry (录用时间, 进入公务员队伍时间, 试用期起始)
    birth_date: dt.date | None = None
    hours_year: float | None = None  # concentrated / full-time training hours this year
    hours_five_year: float | None = None  # the same in the five-year cycle
    days_year: float | None = None  # concentrated training days this year
    days_five_year: float | None = None
    online_hours_year: float | None = None  # online learning hours this year (a duty of its own)
    completed: list[Completion] = Field(default_factory=list)
    wishes: list[str] = Field(default_factory=list)
    ratings: dict[str, Rating] = Field(default_factory=dict)  # topic as written -> rating


class PostRequirement(Record):
    """One required topic of one post (岗位职责 long form)."""

    post_code: str = ""
    post_title: str = ""
    job_family: str = ""
    responsibilities: str = ""
    topic: str
    required_level: int = Field(3, ge=1, le=5)
    importance: int = Field(3, ge=1, le=5)


class Priority(Record):
    """An organizational need (组织需求): a topic the organization wants certain cadres trained on."""

    id: str
    topic: str
    source_kind: str = "其他"
    target_units: list[str] = Field(default_factory=list)  # empty = all
    target_levels: list[str] = Field(default_factory=list)  # levels or groups; empty = all
    target_categories: list[str] = Field(default_factory=list)  # empty = all
    priority: int = Field(3, ge=1, le=5)
    # a rotation's round starts here (开始时间: the decision deployed): a record of the topic from it on meets it
    start: dt.date | None = None
    deadline: dt.date | None = None
    training_type: TrainingType = "specialized"


class Topic(Record):
    """A training topic of the catalog (课程/培训主题)."""

    id: str
    name_zh: str
    name_en: str = ""
    aliases: list[str] = Field(default_factory=list)
    domain: str = ""
    training_type: TrainingType = "on-the-job"
    hours: float = Field(8.0, gt=0)
    validity_years: float = Field(3.0, ge=0)  # 0: never expires
    core: bool = False  # theory core: every cadre, ranked first
    rank: int = 0  # order within the core

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" and self.name_en else self.name_zh


class Resource(Record):
    """A training provider (党校, 行政学院, 高校, 网络学院 ...) and what it covers."""

    provider: str
    kind: ResourceKind = "other"
    topics: list[str] = Field(default_factory=list)  # topic ids after resolution
    seats_per_period: int = Field(50, ge=0)
    cost_per_seat: float = Field(0.0, ge=0)
    score: float = Field(0.0, ge=0, le=100)


Operator = Literal["==", "!=", "<", "<=", ">", ">=", "in", "not in", "contains", "empty", "not empty"]


class Condition(BaseModel):
    """One test over a cadre fact: {field, op, value}."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    field: str
    op: Operator
    value: str | float | int | bool | list[str] | list[float] | None = None


class Rule(BaseModel):
    """A rule as data: when all/any conditions hold, recommend topics."""

    model_config = ConfigDict(extra="forbid")

    id: str
    name: str = ""
    name_en: str = ""
    all: list[Condition] = Field(default_factory=list)
    any: list[Condition] = Field(default_factory=list)
    topics: list[str]  # topic ids (resolved on load)
    source: NeedSource = "post"
    weight: str = "rule"  # key of needs.weights, or a number as text
    training_type: TrainingType | None = None  # None: the topic's own type
    origin: str = ""  # file / line for messages


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a need was found: which rule and the facts that fired it.

    A plain dataclass, not a pydantic model: the engine makes millions of these on large rosters.
    """

    rule_id: str
    source: str  # one of NEED_SOURCES
    text: str
    score: float
    training_type: str | None = None  # None: the topic's own type


@dataclass(slots=True)
class Need:
    """One topic one cadre lacks, with every reason found for it."""

    cadre_id: str
    topic_id: str
    source: str  # of the strongest reason; one of NEED_SOURCES
    training_type: str  # one of TRAINING_TYPES
    priority: float
    reasons: tuple[Reason, ...]  # shared by every need merged from the same reasons: never changed
    hours: float = 0.0
    deadline: dt.date | None = None  # an obligation's: the date by which it must be met
    status: str = ""  # an obligation's: "due" or "overdue"; "" for every other need

    @property
    def rule_ids(self) -> list[str]:
        return [r.rule_id for r in self.reasons]

    @property
    def sources(self) -> list[str]:
        return sorted({r.source for r in self.reasons}, key=NEED_SOURCES.index)


UNASSIGNED = "unassigned"  # a class's resource where no training resource teaches its topic (planner.forming)


class TrainingClass(BaseModel):
    """A class (班次): one topic, one training type, one organizer (主办), one grading band, job families."""

    id: str
    name: str = ""
    topic_id: str
    training_type: TrainingType
    organizer: str
    job_family: str
    priority: float = 0.0  # highest need priority among its members
    period: int = 0  # 1-based period of the plan; 0 = not placed
    resource: str = UNASSIGNED  # the host (承办)
    members: list[str] = Field(default_factory=list)  # cadre ids
    band: str = ""  # the grading band its members share ("" where the class is not graded)
    days: float = 0.0  # days away: the topic's hours at the configured hours a day, rounded up
    hours: float = 0.0  # the hours each member is credited
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    cost_per_seat: float = 0.0  # the host's; 0 when unassigned, where it is not known (unpriced): null in the outputs
    late: int = 0  # members whose obligation falls due before the class ends (completed late)

    @property
    def size(self) -> int:
        return len(self.members)


def unpriced(cls: TrainingClass) -> bool:
    """A class whose host is to be fixed (no training resource teaches its topic): its cost is not known, not 0."""
    return cls.resource == UNASSIGNED


@dataclass(frozen=True, slots=True)
class Assignment:
    """A need served: one cadre, one need, and how: in a class of its organizer ("class"), in the next
    organizer's class ("sent-up", 上级调训), online ("online", 网络培训: no class) or in its own unit
    ("in-unit", 单位自主培训: no class)."""

    cadre_id: str
    class_id: str  # "" for online and in-unit
    topic_id: str
    priority: float
    route: str = "class"


@dataclass(frozen=True, slots=True)
class UnmetNeed:
    """A need that asked for a class and got no seat, with the reason."""

    cadre_id: str
    topic_id: str
    priority: float
    reason: str


@dataclass(frozen=True)
class SkippedRow:
    """A roster row skipped for its faults, by the id and name it gives: explain says why a cadre asked for by
    either is not analyzed (the row's problems say what to fix)."""

    file: str
    sheet: str
    row: int
    id: str
    name: str


class KeptClass(NamedTuple):
    """A class of an earlier plan to keep as announced (analyze --keep-classes; planner.kept; io.kept_plan reads
    them from the earlier run's folder): its id and name, what it is for, its first day, members and host."""

    id: str
    name: str
    topic_id: str
    training_type: str
    organizer: str
    band: str
    start_date: dt.date
    members: tuple[str, ...]
    resource: str = ""  # "" where it had none (待定)
    end_date: dt.date | None = None  # its last day as announced (None: from its first day and length)
    member_names: tuple[tuple[str, str], ...] = ()  # each member's (name, unit) as the earlier run wrote them


class StatedYear(NamedTuple):
    """The year a roster sheet says it is of (io.roster_year), and where: Excel's row and the column (0-based) of
    the cell, its text, and whether it is a 填报日期 line's (else the title's)."""

    year: int
    row: int
    col: int
    text: str
    filled: bool


@dataclass
class Inputs:
    """Everything read from the input files, and every problem found on the way."""

    cadres: list[Cadre] = field(default_factory=list)
    posts: list[PostRequirement] = field(default_factory=list)
    priorities: list[Priority] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    resources: list[Resource] = field(default_factory=list)
    rule_rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    rules_origin: tuple[str, str] = ("", "")  # (file, sheet) of a rules sheet
    rules_path: Path | None = None
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # kind -> records loaded
    skipped: dict[str, int] = field(default_factory=dict)  # kind -> rows skipped
    skipped_rows: list[SkippedRow] = field(default_factory=list)  # the roster rows skipped, in the order read
    sources: dict[str, str] = field(default_factory=dict)  # kind -> "file / sheet"
    # (file, sheet) of each roster read -> field -> (its header as written, its column index from 0)
    roster_columns: dict[tuple[str, str], dict[str, tuple[str, int]]] = field(default_factory=dict)
    # (file, sheet) of each roster that says above its header the year it is of (io.roster_year) -> that year
    roster_years: dict[tuple[str, str], StatedYear] = field(default_factory=dict)
    lang: str = "zh"  # language of the roster headers
    paths: list[Path] = field(default_factory=list)
    lang_asked: str = ""  # the language the run asks its messages in (--lang zh or en); "": the roster's

    @property
    def message_lang(self) -> str:
        """The language the notices about the input are said in: the one asked for, else the roster's."""
        return self.lang_asked or self.lang


@dataclass(frozen=True)
class LedgerDiff:
    """One figure where the roster and the ledger differ, and the figure the analysis used."""

    cadre_id: str
    field: str  # hours_year | hours_five_year | completed
    roster: str
    ledger: str
    used: str


@functools.cache
def record_fields(record: type) -> dict[str, Any]:
    """Each field of a dataclass or pydantic model with its type, in field order (frames and the snapshot
    are made column by column from them)."""
    if dataclasses.is_dataclass(record):
        hints = typing.get_type_hints(record)
        return {f.name: hints[f.name] for f in dataclasses.fields(record)}
    if not issubclass(record, BaseModel):
        raise TypeError(f"{record.__name__} is neither a dataclass nor a pydantic model")
    return {name: info.annotation for name, info in record.model_fields.items()}
