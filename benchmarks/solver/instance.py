"""The class-forming model's input, built from an analysis without the planner's code.

A request is one cadre asking for one seat in one class group: a group is (organizer, training
type, class topic); a bucket is (organizer, training type). The theory-core topics are bundled into
one theory request per cadre (classes.bundle_core); "hours-top-up" is left out (hours are not a
class). Everything here is plain data (lists, dicts, tuples): picklable, so an instance captured
once keeps the experiment going if the project changes under it.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

HOURS_PER_DAY = 6
LEFT_OUT = frozenset({"hours-top-up"})

# rule sets: "issue" is the model (30 days a year, leading posts 2 classes); "config" is the
# project planner's as its config says today (classes.max_days_away, max_per_cadre, leader_max_callups)
RULES = ("issue", "config")


@dataclass
class Request:
    idx: int
    cadre: str
    organizer: str
    kind: str  # training type
    topic: str  # class topic ("theory-core-class" for the bundled theory class)
    priority: float
    weight: int  # priority * 100, rounded: the solver's integer objective
    obligation: bool  # any of its needs comes from an obligation
    deadline: dt.date | None  # the earliest obligation deadline among its needs
    days: int  # days away the class takes
    needs: int  # needs it serves (the theory request serves all of a cadre's lacking core topics)
    unit: str
    band: str = ""  # theory classes keep leading cadres apart from staff (classes.grade_theory)

    @property
    def group(self) -> tuple[str, str, str, str]:
        return self.organizer, self.kind, self.topic, self.band

    @property
    def bucket(self) -> tuple[str, str]:
        return self.organizer, self.kind


@dataclass
class Instance:
    name: str
    start: dt.date  # first day of period 1
    periods: int
    min_size: int
    max_size: int
    unit_limit: dict[str, int]  # unit -> most of its cadres away in one period
    days_limit: int | None  # per cadre per year (None: no limit)
    cap: dict[str, int | None]  # cadre -> most classes a year (None: no cap)
    requests: list[Request]
    rules: str
    unseatable: dict[str, int] = field(default_factory=dict)  # requests with no organizer / not on roster
    cadre_count: int = 0

    def month_start(self, p: int) -> dt.date:
        m = self.start.month - 1 + p - 1
        return dt.date(self.start.year + m // 12, m % 12 + 1, 1)

    def on_time(self, r: Request, p: int) -> bool:
        """An obligation seated in period p is on time if its class (from the month's first day) ends by the deadline."""
        if not r.obligation:
            return False
        if r.deadline is None:
            return True
        return self.month_start(p) + dt.timedelta(days=r.days) <= r.deadline

    def can_be_on_time(self, r: Request) -> bool:
        return any(self.on_time(r, p) for p in range(1, self.periods + 1))

    def with_rules(self, rules: str, leading: dict[str, bool], config=None) -> tuple[Instance, dict]:
        """The instance under a rule set, and the rule figures used."""
        cadres = {r.cadre for r in self.requests}
        if rules == "issue":
            limit: float | None = 30
            every, leaders = None, 2
        elif rules == "config":
            cfg = config.classes
            limit = getattr(cfg, "max_days_away", None)
            every = cfg.max_per_cadre
            leaders = min(getattr(cfg, "leader_max_callups", every), every)
        else:
            raise ValueError(f"unknown rules {rules!r}: use one of {', '.join(RULES)}")
        cap = {c: (leaders if leading.get(c) else every) for c in cadres}
        inst = Instance(self.name, self.start, self.periods, self.min_size, self.max_size, self.unit_limit, limit,
                        cap, self.requests, rules, self.unseatable, self.cadre_count)
        return inst, {"days_limit": limit, "max_classes": every, "max_classes_leading": leaders}


def organizer_of(managed_by: str, level: str, tiers: dict[str, str], by_tier: dict[str, str]) -> str | None:
    """managed_by, else the organizer of the level's tier, else None (as README says)."""
    if managed_by.strip():
        return managed_by.strip()
    tier = tiers.get(level)
    return by_tier.get(tier) if tier else None


def plan_start(as_of: dt.date) -> dt.date:
    """The first day of the month after the analysis date (the planner's default start)."""
    return dt.date(as_of.year + as_of.month // 12, as_of.month % 12 + 1, 1)


def project_organizer(config):
    """The project's own organizer rule (managed_by, unit level, tier) where it has one, else None."""
    try:
        from needscli.planner.context import (
            _Organizers,  # read only: the rule the planner uses today
        )

        return _Organizers(config).of
    except Exception:  # the planner is being rewritten
        return None


def build(analysis, name: str) -> tuple[Instance, dict[str, bool], dict]:
    """The model's requests from an analysis' needs; which cadres hold a leading post; how it was built."""
    config = analysis.config
    cfg = config.classes
    tiers, leading_level = {}, {}
    for level in config.levels:
        for nm in [level.name, *level.aliases]:
            tiers.setdefault(nm, level.tier)
            leading_level.setdefault(nm, level.leading)
    topics = {t.id: t for t in analysis.catalog.topics}
    core = frozenset(t.id for t in analysis.catalog.topics if t.core) if cfg.bundle_core else frozenset()
    per_day = getattr(getattr(config, "hours", None), "day_hours", {}).get("default", HOURS_PER_DAY)
    core_days = math.ceil(sum(t.hours for t in analysis.catalog.topics if t.core) / per_day - 1e-9)
    grade_theory = bool(getattr(cfg, "grade_theory", False))
    left_out = LEFT_OUT  # hours are not a class (whatever classes.hours_top_up_class says)
    project_of = project_organizer(config)

    sizes: dict[str, int] = {}
    place: dict[str, tuple[str, str | None]] = {}
    leading: dict[str, bool] = {}
    for c in analysis.cadres:
        if c.id in place:
            continue
        sizes[c.unit] = sizes.get(c.unit, 0) + 1
        organizer = project_of(c) if project_of else organizer_of(c.managed_by, c.level, tiers, cfg.organizer_by_tier)
        place[c.id] = (c.unit, organizer)
        leading[c.id] = bool(leading_level.get(c.level, False))
    limits = {u: max(1, math.floor(cfg.unit_away_share * n + 1e-9)) for u, n in sizes.items()}

    merged: dict[tuple[str, str, str], dict] = {}
    unseatable = {"no-organizer": 0, "not-on-roster": 0}
    for n in analysis.needs:
        if n.topic_id in left_out:
            continue
        if n.topic_id in core:
            topic, kind = cfg.core_class_topic, "theory"
            days = core_days
        else:
            topic, kind = n.topic_id, n.training_type
            t = topics.get(topic)
            hours = t.hours if t is not None and t.hours else n.hours
            days = max(1, math.ceil(hours / per_day - 1e-9))
        key = (n.cadre_id, kind, topic)
        m = merged.get(key)
        if m is None:
            merged[key] = m = {"priority": n.priority, "obligation": False, "deadline": None, "days": days, "needs": 0}
        m["priority"] = max(m["priority"], n.priority)
        m["needs"] += 1
        if n.source == "obligation":
            m["obligation"] = True
            if n.deadline is not None and (m["deadline"] is None or n.deadline < m["deadline"]):
                m["deadline"] = n.deadline
    requests: list[Request] = []
    for (cadre, kind, topic), m in merged.items():
        where = place.get(cadre)
        if where is None:
            unseatable["not-on-roster"] += 1
            continue
        unit, organizer = where
        if organizer is None:
            unseatable["no-organizer"] += 1
            continue
        band = ("leading" if leading[cadre] else "staff") if grade_theory and kind == "theory" else ""
        requests.append(Request(len(requests), cadre, organizer, kind, topic, m["priority"],
                                int(round(m["priority"] * 100)), m["obligation"], m["deadline"], m["days"],
                                m["needs"], unit, band))
    inst = Instance(name, plan_start(analysis.as_of), cfg.periods, cfg.min_size, cfg.max_size, limits, None, {},
                    requests, "", unseatable, len(place))
    how = {"organizer_rule": "project (needscli.planner.context)" if project_of else "managed_by, else tier",
           "grade_theory": grade_theory, "hours_per_day": per_day, "theory_class_days": core_days,
           "left_out_topics": sorted(left_out)}
    return inst, leading, how
