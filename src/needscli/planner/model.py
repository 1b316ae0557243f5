"""The plan and what it keeps of the roster: Plan, PlanContext and each cadre's CadrePlace. Pure."""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from needscli.core.analysis import TEXT, FrameColumn, frame, problem_columns
from needscli.errors import Problem
from needscli.models import (
    Assignment,
    KeptClass,
    Need,
    TrainingClass,
    UnmetNeed,
    record_fields,
    unpriced,
)
from needscli.planner.seats import seat_columns

if TYPE_CHECKING:
    import pandas as pd


@dataclass(slots=True)
class CadrePlace:
    """What the planner keeps of a cadre: its unit, the organizer of its classes, its job family and level.

    Read at every request and seat, made once per cadre: slotted, and not frozen (a frozen one takes
    twice as long to make); never changed.
    """

    unit: str
    organizer: str | None  # None: no managing level, so its needs get no class
    family: str
    level: str
    leading: bool = False  # a leading post (领导职务): graded apart in theory classes, fewer call-ups


UNMET = "unmet"  # the way of a need without a seat, beside the routes (models.ROUTES)
YEAR_MONTHS = 12  # an annual plan's periods (months); a cadre's load is counted over the whole plan


@dataclass(frozen=True, slots=True)
class NeedWays:
    """Plan.ways: the needs a plan was formed from, and those it serves or leaves unmet by (source, way), with
    the seats (Seats) and the list of unmet needs counted: the counts are of a plan that still has these (a plan
    whose seats or unmet needs were replaced since, dataclasses.replace, is counted need by need)."""

    needs: list[Need]  # held, not copied: whether a plan was formed from a list of needs is whether it is this one
    counts: dict[tuple[str, str], int]
    seats: Sequence[Assignment]
    unmet: list[UnmetNeed]
    unmet_at: Sequence[int] = ()  # each unmet need's position in needs, in unmet's order (an array: 8 bytes each)

    def unmet_needs(self, needs: list[Need], unmet: list[UnmetNeed]) -> list[Need] | None:
        """The need of each of unmet, where the plan was formed from these needs and still has this list of unmet
        needs (its positions in them known); else None."""
        if self.needs is not needs or self.unmet is not unmet or len(self.unmet_at) != len(unmet):
            return None
        return list(map(needs.__getitem__, self.unmet_at))


@dataclass(frozen=True)
class PlanContext:
    """What swap_gain needs beside the classes: each cadre's unit, organizer and job family."""

    cadres: dict[str, CadrePlace]
    order: dict[str, int]  # id -> roster position
    limits: dict[str, int]  # unit -> most of its cadres away in one period
    core_topics: frozenset[str]
    days: dict[str, float] = field(default_factory=dict)  # class topic -> days away (the theory class's too)
    hours: dict[str, float] = field(default_factory=dict)  # class topic -> hours a member is credited
    online: frozenset[str] = frozenset()  # topics some resource (or the online academy) teaches online
    parents: dict[str, str] = field(default_factory=dict)  # organizer -> the next organizer up (上级调训)
    sizes: dict[str, int] = field(default_factory=dict)  # unit -> its cadres on the roster (limits' base)

    def eligible(self, cadre: str) -> bool:
        """Whether the cadre is on the roster and has an organizer: only then can it get a seat."""
        place = self.cadres.get(cadre)
        return place is not None and place.organizer is not None


@dataclass(frozen=True, slots=True)
class HoursLeft:
    """A cadre's hours standard after the plan: the deficit, the hours its planned classes ending by the deadline
    credit (planned), what is left by the deadline, and the way advised to close it ("covered", "class": a class in a
    later period before the deadline, "online": online learning, where the config counts it toward the standard,
    "overdue": the deadline passed, the earliest class, "covered-late": the deadline passed, the classes of the
    standard's cycle cover it (planned counts those past a five-year deadline), "no-class" / "no-class-online": no class of the plan ends by
    the deadline, so concentrated training arranged before it / online learning where it counts)."""

    cadre_id: str
    deficit: float
    planned: float
    left: float
    deadline: dt.date | None
    advice: str


@dataclass(frozen=True, slots=True)
class NoClass:
    """A group too small for a class of its own: what it is, how many cadres, how they were served
    (sent-up, online, in-unit, or unmet) and the minimum class size that would have formed its class."""

    topic_id: str
    training_type: str
    organizer: str
    band: str
    cadres: int
    route: str  # the route most of them took; "unmet" when none
    min_size: int  # classes.min_size at or below which the group would form a class
    # the share of a unit away at once (classes.unit_away_share) at which enough of the group could attend at one
    # time for a class of the minimum size; None where the share is not what holds it back (too few cadres)
    unit_share: float | None = None


# Plan.to_frame's kinds: each names the plan's list of records and the record type
FRAME_KINDS: dict[str, type] = {"classes": TrainingClass, "assignments": Assignment, "unmet": UnmetNeed,
                                "hours_left": HoursLeft}
# a field a frame names otherwise: a class's id is its class_id, as the assignments frame, classes.parquet and
# plan.parquet name it, so that the frames join as they stand
FRAME_NAMES: dict[str, dict[str, str]] = {"classes": {"id": "class_id"}}


@dataclass
class Plan:
    """Classes, the seats given, the needs left unmet (with why) and the problems found."""

    classes: list[TrainingClass]
    assignments: Sequence[Assignment]  # forming's: Seats, each made when read; any sequence of them
    unmet: list[UnmetNeed]
    problems: list[Problem]
    start: dt.date
    periods: int
    context: PlanContext | None = field(default=None, repr=False, compare=False)
    hours_left: list[HoursLeft] = field(default_factory=list)
    no_class: list[NoClass] = field(default_factory=list)  # groups too small for a class, and what served them
    settings: dict[str, Any] = field(default_factory=dict)  # the [classes] limits the plan was made under
    # the needs it was formed from (the list itself) and how many of them it serves or leaves unmet, by (need
    # source, route or UNMET), as forming knew them: what annual_plan.coverage would otherwise work out need by need
    # from the seats (seconds at a million cadres). None for a plan made otherwise
    ways: NeedWays | None = field(default=None, repr=False, compare=False)
    # the ids of the classes of an earlier plan kept as announced (analyze --keep-classes), and of those given to
    # keep that it does not hold (no member needs them now, or after its months)
    kept: list[str] = field(default_factory=list)
    not_kept: list[str] = field(default_factory=list)
    kept_given: list[KeptClass] = field(default_factory=list)  # the classes given to keep (analysis.json keeps them)

    def period_label(self, period: int) -> str:
        """'2027-01' for a monthly period counted from start; '' for an unplaced class."""
        if period < 1:
            return ""
        months = self.start.month - 1 + period - 1
        return f"{self.start.year + months // 12:04d}-{months % 12 + 1:02d}"

    def to_frame(self, kind: str) -> pd.DataFrame:
        """The plan's classes, seats, unmet needs, hours after the plan or problems as a pandas DataFrame: one row
        per record.

        kind is "classes" (TrainingClass), "assignments" (Assignment), "unmet" (UnmetNeed), "hours_left"
        (HoursLeft) or "problems" (Problem: those found while forming classes, with the columns of
        Analysis.to_frame("problems")). The columns are the record's fields, named and ordered as they are, but for a
        class's id, class_id (FRAME_NAMES), as the assignments frame and the Parquet and CSV files name it.
        Dtypes do not depend on the rows (an empty plan gives the same ones): float fields float64, int fields
        int64, date fields datetime64[ns] (a class's start_date and end_date, a cadre's deadline in hours_left;
        NaT where there is none), text fields pandas' default string dtype (str under pandas 3, object before: as
        pd.read_parquet reads the Parquet files' text), a class's members object (a list of cadre ids, a copy of the
        plan's). A class whose host is to be fixed (resource "unassigned") has no cost_per_seat
        (NaN), as classes.parquet has none (null): its cost is not known, not 0.
        """
        if kind == "problems":
            return frame(problem_columns(self.problems), len(self.problems))
        record = FRAME_KINDS.get(kind)
        if record is None:
            raise ValueError(f"unknown kind {kind!r}: use one of {', '.join([*FRAME_KINDS, 'problems'])}")
        rows = getattr(self, kind)
        made = dict(zip(record_fields(record), seat_columns(rows), strict=True)) if kind == "assignments" else {}
        values: dict[str, Any] = {name: made[name] if made else _column(rows, name, kind_of)
                                  for name, kind_of in record_fields(record).items()}
        if kind == "classes":  # unpriced: not known, not 0 (classes.parquet's null)
            values["cost_per_seat"] = [None if unpriced(c) else c.cost_per_seat for c in rows]
        names = FRAME_NAMES.get(kind, {})
        return frame([FrameColumn(names.get(name, name), _dtype(kind_of), values[name])
                      for name, kind_of in record_fields(record).items()], len(rows))


def _dtype(kind: Any) -> str:
    args = [a for a in typing.get_args(kind) if a is not type(None)]
    if len(args) == 1 and len(typing.get_args(kind)) == 2:  # X | None: the dtype of X (None as NaT / NaN)
        kind = args[0]
    if kind is str or (typing.get_origin(kind) is typing.Literal and all(isinstance(a, str) for a in typing.get_args(kind))):
        return TEXT  # pandas' default string dtype, as the Parquet files read back (frame_dtype)
    return {float: "float64", int: "int64", dt.date: "datetime64[ns]"}.get(kind, "object")


def _column(rows: Sequence[Any], name: str, kind: Any) -> list[Any]:
    values = list(map(attrgetter(name), rows))
    if typing.get_origin(kind) is list:  # the frame's lists are its own: editing one leaves the plan as it was
        return [list(v) for v in values]
    return values
