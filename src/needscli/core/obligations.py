"""Obligations: the training the rules make compulsory, each with its deadline and status.

Appointment training (任职培训, graded by level band), initial training (初任培训, inside the
probation year), rotation on major central decisions (集中轮训, the priorities of those source
kinds) and the hours standards (2023 Regulations Art. 14; online learning beside them). An
obligation not met is a need of the source "obligation", ranked above every discretionary need, and
an overdue one is never dropped: it is what an office chases first. A figure an obligation needs
that the roster leaves blank makes its status "unknown" and is named in `missing`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from needscli.cache import bounded
from needscli.config import AppointmentBand, Config
from needscli.core.bulk import made_from_columns
from needscli.core.catalog import Catalog
from needscli.core.facts import FactBuilder
from needscli.core.hours import STANDARD_FIELDS, HoursStanding, add_months
from needscli.core.reasons import ReasonPool, TopicReason
from needscli.labels import code_label, label
from needscli.models import Cadre
from needscli.vocab import Vocab

OBLIGATION_KINDS: tuple[str, ...] = ("appointment", "initial", "rotation", "hours", "online")
STATUSES: tuple[str, ...] = ("overdue", "due", "met", "unknown")
HOURS_RULE = "obligation:hours"  # the hours obligation's reason: its need's hours are the deficit
HOURS_TOPIC = "hours-top-up"
# within the obligations, appointment and initial training first, then rotation, then hours
_KIND_BONUS = {"appointment": 10.0, "initial": 10.0, "rotation": 5.0, "hours": 0.0}
_UNSEEN = object()  # a memo's default: a finding remembered may be None


@dataclass(frozen=True, slots=True)
class Obligation:
    """One compulsory training of one cadre: what it is, by when, and where it stands."""

    cadre_id: str
    kind: str  # one of OBLIGATION_KINDS
    topic_id: str  # the topic that meets it ("" for online learning)
    status: str  # one of STATUSES
    deadline: dt.date | None
    overdue_months: int = 0
    missing: tuple[str, ...] = ()  # the cadre's fields whose blank cells left the status unknown
    source_id: str = ""  # the priority of a rotation, the band topic of an appointment


@dataclass(frozen=True, slots=True)
class Finding:
    """An obligation but for its cadre, with the reason it gives when not met: most cadres share theirs
    (the same hours, the same month of appointment), so each is worked out once."""

    kind: str
    topic_id: str
    status: str
    deadline: dt.date | None
    late: int = 0
    missing: tuple[str, ...] = ()
    source_id: str = ""
    reason: TopicReason | None = None


# a Finding's fields that are an Obligation's after its cadre_id, in the Obligation's order (late: overdue_months)
FINDING_COLUMNS = ("kind", "topic_id", "status", "deadline", "late", "missing", "source_id")
_FINDING_FIELDS = tuple(map(attrgetter, FINDING_COLUMNS))


def obligations_of(cadre_ids: list[str], findings: list[Finding]) -> list[Obligation]:
    """The obligation of each finding for the cadre beside it, made a column at a time: an Obligation's __init__
    (frozen) sets each field through object.__setattr__, and a large roster's cadres have several each."""
    return made_from_columns(Obligation, [cadre_ids, *(list(map(read, findings)) for read in _FINDING_FIELDS)])


def months_late(deadline: dt.date, as_of: dt.date) -> int:
    """Whole months from the deadline to as_of; at least 1 once the deadline has passed."""
    months = (as_of.year - deadline.year) * 12 + as_of.month - deadline.month
    if as_of.day < deadline.day:
        months -= 1
    return max(1, months)


def _counting(band: AppointmentBand, bands: list[AppointmentBand], appointment: frozenset[str]) -> frozenset[str]:
    """The courses that meet a band's appointment training: its own, another band's at least as long (a county-level
    course of 30 days meets the 15 of the township band), and an appointment course of no band (任职培训, its level
    not said); not a shorter band's: 县处级 and 乡科级 appointees never share an appointment course, and a leader
    promoted to 县处级 after a 乡科级任职培训 owes the county course."""
    banded = {b.topic for b in bands}
    return frozenset({band.topic, *(b.topic for b in bands if b.days >= band.days), *(appointment - banded)})


class ObligationChecker:
    """The obligations of one cadre at a time; the rules' numbers come from config.obligations."""

    def __init__(self, config: Config, catalog: Catalog, pool: ReasonPool, as_of: dt.date, lang: str) -> None:
        self.config = config
        self.settings = config.obligations
        self.catalog = catalog
        self.pool = pool
        self.as_of = as_of
        self.lang = lang
        self.bands: dict[str, AppointmentBand] = {}
        for band in self.settings.appointment_bands:
            for tier in band.tiers:
                self.bands.setdefault(tier, band)
        self.appointment_topics = frozenset(t.id for t in catalog.topics if t.training_type == "appointment")
        self.counting = {band.topic: _counting(band, self.settings.appointment_bands, self.appointment_topics)
                         for band in self.settings.appointment_bands}
        self.initial_topics = frozenset(t.id for t in catalog.topics if t.training_type == "initial")
        self.initial_topic = _first(catalog, "initial-training", "initial")
        self.undated_counts = config.needs.undated_completion_counts
        self._memo: dict[tuple[object, ...], Finding] = {}

    def status(self, deadline: dt.date) -> tuple[str, int]:
        """due, or overdue and by how many months."""
        return ("overdue", months_late(deadline, self.as_of)) if self.as_of > deadline else ("due", 0)

    def findings(self, cadre: Cadre, tier: str, leading: bool, standing: HoursStanding,
                 completions: list[tuple[str, dt.date | None]]) -> tuple[list[Finding], list[TopicReason]]:
        """The cadre's appointment, initial, hours and online obligations as findings, without the cadre (most are
        shared by many cadres; obligations_of makes the Obligations of a list of them at once), and a reason for
        each not met."""
        found: list[Finding] = []
        reasons: list[TopicReason] = []
        initial = None if tier in self.settings.initial_exempt_tiers else self._initial(cadre, leading, completions)
        for finding in (self._appointment(cadre, tier, leading, completions), initial,
                        self._remembered(("hours", standing.standard, standing.done, standing.days, standing.deadline),
                                         self._hours, standing),
                        self._remembered(("online", standing.online_deficit), self._online, standing)):
            if finding is None:
                continue
            found.append(finding)
            if finding.reason is not None:
                reasons.append(finding.reason)
        return found, reasons

    def _remembered(self, key: tuple[object, ...], work: Any, *args: Any) -> Finding | None:
        hit = self._memo.get(key, _UNSEEN)
        if hit is _UNSEEN:
            hit = bounded(self._memo)[key] = work(*args)
        return hit  # type: ignore[return-value]

    # --- appointment training: graded by level band, within a year of taking the post

    def _appointment(self, cadre: Cadre, tier: str, leading: bool,
                     completions: list[tuple[str, dt.date | None]]) -> Finding | None:
        band = self.bands.get(tier) if leading else None
        if band is None or band.topic not in self.catalog.by_id:
            return None
        appointed = cadre.appointed
        if appointed is None:
            return self._remembered(("appointment", band.topic), Finding, "appointment", band.topic, "unknown", None,
                                    0, ("appointed",), band.topic)
        met = bool(completions) and self._done(
            completions, self.counting[band.topic], add_months(appointed, -self.settings.appointment_before_months))
        return self._remembered(("appointment", band.topic, appointed, met), self._appointment_finding, band,
                                appointed, met)

    def _appointment_finding(self, band: AppointmentBand, appointed: dt.date, met: bool) -> Finding | None:
        if add_months(appointed, self.settings.window_months) < self.as_of:
            return None  # a post taken before the records an office keeps
        deadline = add_months(appointed, self.settings.appointment_months)
        if met:
            return Finding("appointment", band.topic, "met", deadline, source_id=band.topic)
        status, late = self.status(deadline)
        zh = self.lang == "zh"
        name = self.catalog.label(band.topic, self.lang)
        text = (f"{name}：任现职时间 {appointed.isoformat()}，须在任职后 {self.settings.appointment_months} "
                f"个月内（{deadline.isoformat()} 前）完成，不少于 {band.days:g} 天" if zh else
                f"{name}: appointed {appointed.isoformat()}; due within {self.settings.appointment_months} "
                f"months ({deadline.isoformat()}), at least {band.days:g} days")
        return Finding("appointment", band.topic, status, deadline, late, source_id=band.topic,
                       reason=self._reason(band.topic, "appointment", status, late, text))

    def unchecked(self, cadre: Cadre, tier: str, leading: bool) -> list[tuple[str, str]]:
        """The appointment and initial obligations that the cadre's own dates leave unchecked, as (kind, why in
        words), for explain's rules that did not fire: a leader's post, or a civil-service entry, taken before the
        window the obligations are checked in (obligations.window_months), or an entry after the as-of date."""
        out: list[tuple[str, str]] = []
        band = self.bands.get(tier) if leading else None
        if band is not None and band.topic in self.catalog.by_id and cadre.appointed is not None \
                and add_months(cadre.appointed, self.settings.window_months) < self.as_of:
            out.append(("appointment", self._unchecked("window", "appointment", "appointed", cadre.appointed)))
        if self.initial_topic is not None and tier in self.settings.initial_exempt_tiers:
            out.append(("initial", label("explain.unchecked.exempt", self.lang, tier=tier,
                                         kind=code_label("obligation", "initial", self.lang))))
            return out
        start, field = cadre.recorded, "recorded"
        if start is None and not leading and self.settings.initial_entry_fallback:
            start, field = cadre.entry_date, "entry_date"
        if self.initial_topic is not None and start is not None:
            if add_months(start, self.settings.window_months) < self.as_of:
                out.append(("initial", self._unchecked("window", "initial", field, start)))
            elif start > self.as_of:
                out.append(("initial", self._unchecked("later", "initial", field, start)))
        return out

    def _unchecked(self, why: str, kind: str, field: str, day: dt.date) -> str:
        name = code_label("obligation", kind, self.lang)
        return label(f"explain.unchecked.{why}", self.lang, field=code_label("roster_field", field, self.lang),
                     date=day.isoformat(), months=self.settings.window_months, as_of=self.as_of.isoformat(),
                     kind=name if self.lang == "zh" else name.lower())

    # --- initial training: inside the probation year counted from civil-service entry

    def _initial(self, cadre: Cadre, leading: bool, completions: list[tuple[str, dt.date | None]]) -> Finding | None:
        topic = self.initial_topic
        if topic is None:
            return None
        start, field = cadre.recorded, "recorded"
        if start is None:
            if leading or not self.settings.initial_entry_fallback:
                return None  # a leading post without a civil-service entry date is no new entrant
            start, field = cadre.entry_date, "entry_date"
        if start is None:
            return self._remembered(("initial",), Finding, "initial", topic, "unknown", None, 0,
                                    ("recorded", "entry_date"))
        # the probation starts on entry: a course before it was no new civil servant's (one who came from elsewhere
        # owes it again), unlike an appointment course, which may come before the post. From the first of the entry's
        # month: a roster writes a course's month alone (初任培训(2026年5月), read as its first day) for an entry of 05-20
        since = start.replace(day=1)
        met = bool(completions) and self._done(completions, self.initial_topics, since)
        earlier = None if met or not completions else _last_before(completions, self.initial_topics, since)
        return self._remembered(("initial", start, field, met, earlier), self._initial_finding, topic, start, field,
                                met, earlier)

    def _initial_finding(self, topic: str, start: dt.date, field: str, met: bool,
                         earlier: dt.date | None) -> Finding | None:
        if add_months(start, self.settings.window_months) < self.as_of or start > self.as_of:
            return None
        deadline = add_months(start, self.settings.probation_months)
        if met:
            return Finding("initial", topic, "met", deadline)
        status, late = self.status(deadline)
        zh = self.lang == "zh"
        what = ("录用时间" if field == "recorded" else "参加工作时间") if zh else (
            "civil service entry" if field == "recorded" else "entry date")
        text = (f"初任培训：{what} {start.isoformat()}，须在 {self.settings.probation_months} 个月试用期内"
                f"（{deadline.isoformat()} 前）完成" if zh else
                f"initial training: {what} {start.isoformat()}; due inside the {self.settings.probation_months}-month "
                f"probation ({deadline.isoformat()})")
        if earlier is not None:
            text += (f"；记录中的初任培训（{earlier.isoformat()}）早于{what}，不计入" if zh else
                     f"; the initial training on record ({earlier.isoformat()}) predates the {what} and does not count")
        return Finding("initial", topic, status, deadline, late,
                       reason=self._reason(topic, "initial", status, late, text))

    # --- hours standards (Art. 14) and online learning

    def _hours(self, standing: HoursStanding) -> Finding | None:
        if HOURS_TOPIC not in self.catalog.by_id:
            return None
        met = standing.met
        missing_field = STANDARD_FIELDS[standing.standard][0]
        if met is None:
            return Finding("hours", HOURS_TOPIC, "unknown", standing.deadline, missing=(missing_field,))
        deadline = standing.deadline or dt.date(self.as_of.year, 12, 31)
        if met:
            return Finding("hours", HOURS_TOPIC, "met", deadline)
        status, late = self.status(deadline)
        deficit = standing.deficit or 0.0
        zh = self.lang == "zh"
        rule = (f"每年 {standing.days_required:g} 天或 {standing.required:g} 学时" if standing.standard == "annual"
                else f"五年 {standing.days_required:g} 天或 {standing.required:g} 学时") if zh else (
            f"{standing.days_required:g} days or {standing.required:g} h a year" if standing.standard == "annual"
            else f"{standing.days_required:g} days or {standing.required:g} h in 5 years")
        days = "" if standing.days is None else (f"、{standing.days:g} 天" if zh else f", {standing.days:g} days")
        done = "未填" if standing.done is None and zh else ("not reported" if standing.done is None
                                                              else f"{standing.done:g}")
        text = (f"学时达标（{rule}）：集中培训 {done} 学时{days}，差 {deficit:g} 学时，期限 {deadline.isoformat()}"
                if zh else f"hours standard ({rule}): concentrated training {done} h{days}, {deficit:g} h short, "
                f"due {deadline.isoformat()}")
        bonus = round(5.0 * min(1.0, deficit / standing.required), 2) if standing.required else 0.0
        return Finding("hours", HOURS_TOPIC, status, deadline, late,
                       reason=self._reason(HOURS_TOPIC, "hours", status, late, text, bonus))

    def _online(self, standing: HoursStanding) -> Finding:
        deadline = dt.date(self.as_of.year, 12, 31)
        deficit = standing.online_deficit
        if deficit is None:
            return Finding("online", "", "unknown", deadline, missing=("online_hours_year",))
        return Finding("online", "", "met" if deficit <= 0 else "due", deadline)

    # --- rotation on a central decision: one round, by its deadline

    def rotation(self, found: TopicReason, deadline: dt.date, status: str, late: int, priority_id: str,
                 completions: list[tuple[str, dt.date | None]], start: dt.date | None = None) -> Finding:
        """The cadre's rotation of a priority (found: the reason the priority gives), met by a record of its topic
        dated from the round's start on: the priority's start (开始时间) where it gives one, else rotation_since. Where
        not, the reason names a record found too early for this round, and the start it was held to."""
        topic_id = found.topic_id
        validity = self.catalog.by_id[topic_id].validity_years
        since = start or rotation_since(deadline, validity)
        topics = frozenset((topic_id,))
        if completions and self._done(completions, topics, since or dt.date.min):
            return Finding("rotation", topic_id, "met", deadline, source_id=priority_id)
        if since is not None and completions and (earlier := _last_before(completions, topics, since)) is not None:
            reason = found.reason
            found = TopicReason(topic_id, self.pool.reason(
                rule_id=reason.rule_id, source=reason.source,
                text=reason.text + self._too_early(earlier, since, start is not None, validity, priority_id),
                score=reason.score, training_type=reason.training_type))
        return Finding("rotation", topic_id, status, deadline, late, source_id=priority_id, reason=found)

    def _too_early(self, earlier: dt.date, since: dt.date, given: bool, validity: float, priority_id: str) -> str:
        """The clause a rotation's reason gains for a record of its topic before the round's start: where that start
        comes from, the priority's own (given) or the topic's validity counted back from the deadline."""
        if self.lang == "zh":
            whence = f"组织需求 {priority_id} 的开始时间" if given else f"专题有效期 {validity:g} 年，自完成期限倒推"
            return f"；记录中的本专题培训（{earlier.isoformat()}）早于本轮起点 {since.isoformat()}（{whence}），不计入本轮"
        whence = (f"the start date of priority {priority_id}" if given else
                  f"the topic's {validity:g}-year validity counted back from the deadline")
        return (f"; the record of this topic ({earlier.isoformat()}) predates this round's start, {since.isoformat()} "
                f"({whence}), and does not count for it")

    # --- shared

    def _done(self, completions: list[tuple[str, dt.date | None]], topics: frozenset[str], since: dt.date) -> bool:
        return any(topic in topics and (self.undated_counts if day is None else day >= since)
                   for topic, day in completions)

    def _reason(self, topic_id: str, kind: str, status: str, late: int, text: str,
                bonus: float = 0.0) -> TopicReason:
        if status == "overdue":
            text += f"，已逾期 {late} 个月" if self.lang == "zh" else f"; overdue by {late} month(s)"
        weight = self.pool.weight("obligation-overdue" if status == "overdue" else "obligation")
        training_type = {"appointment": "appointment", "initial": "initial", "hours": "on-the-job"}[kind]
        return TopicReason(topic_id, self.pool.reason(
            rule_id=f"obligation:{kind}", source="obligation", text=text,
            score=weight + _KIND_BONUS[kind] + bonus, training_type=training_type))


def rotation_status(deadline: dt.date | None, as_of: dt.date) -> tuple[str, dt.date, int]:
    """A central-decision rotation's status, deadline (the priority's, else the year's end) and months late."""
    due = deadline or dt.date(as_of.year, 12, 31)
    return ("overdue", due, months_late(due, as_of)) if as_of > due else ("due", due, 0)


def rotation_since(deadline: dt.date, validity_years: float) -> dt.date | None:
    """The first day a record of a rotation's topic meets it: the topic's validity counted back from the deadline, a
    record that still holds on the deadline (None: a topic that never expires). A rotation is one round, so the
    verdict is the same whatever the as-of date; a record after the deadline meets it late."""
    if validity_years == 0:
        return None
    return deadline - dt.timedelta(days=int(validity_years * 365.25))


def _last_before(completions: list[tuple[str, dt.date | None]], topics: frozenset[str], day: dt.date) -> dt.date | None:
    """The latest dated completion of the topics before the day, if any: a course the reason names as not counting."""
    return max((when for topic, when in completions if topic in topics and when is not None and when < day),
               default=None)


def _first(catalog: Catalog, topic_id: str, training_type: str) -> str | None:
    if topic_id in catalog.by_id:
        return topic_id
    return next((t.id for t in catalog.topics if t.training_type == training_type), None)


def cadre_standing(cadre: Cadre, config: Config, catalog: Catalog, as_of: dt.date) -> HoursStanding:
    """What the hours standard asks of one cadre and what its roster row says, as its obligations read it."""
    return FactBuilder(config, Vocab(config), catalog, as_of).standing(cadre)


def cadre_obligations(cadres: list[Cadre], config: Config, catalog: Catalog, as_of: dt.date,
                      lang: str = "zh") -> list[Obligation]:
    """Every cadre's appointment, initial, hours and online obligations (no needs, no rotation):
    what `validate` checks the roster's blank cells against."""
    facts = FactBuilder(config, Vocab(config), catalog, as_of)
    checker = ObligationChecker(config, catalog, ReasonPool(config.needs.weights), as_of, lang)
    ids: list[str] = []
    out: list[Finding] = []
    for cadre in cadres:
        level = facts.level(cadre)
        found, _ = checker.findings(cadre, level.tier, level.leading, facts.standing(cadre),
                                    facts.completions(cadre) if cadre.completed else [])
        ids += [cadre.id] * len(found)
        out += found
    return obligations_of(ids, out)
