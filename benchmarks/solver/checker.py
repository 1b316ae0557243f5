"""The independent checker: a solution is a list of classes (group, period, members); every rule of the
model is checked from the instance's raw fields, and the figures are counted from scratch.

It shares no code with the greedy or the solvers: a solution that breaks a rule is a bug, not a result.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import NamedTuple

from .instance import Instance


class Class(NamedTuple):
    group: tuple[str, str, str, str]  # organizer, training type, topic, band
    period: int
    members: list[int]  # request indices


def check(inst: Instance, classes: list[Class]) -> list[str]:
    """Every broken rule, as text ([] when the solution keeps them all)."""
    bad: list[str] = []
    reqs = inst.requests
    seen: dict[int, int] = {}
    by_cadre_period: Counter = Counter()
    days: Counter = Counter()
    count: Counter = Counter()
    away: Counter = Counter()
    for i, c in enumerate(classes):
        if not 1 <= c.period <= inst.periods:
            bad.append(f"class {i}: period {c.period} outside 1..{inst.periods}")
        if not inst.min_size <= len(c.members) <= inst.max_size:
            bad.append(f"class {i} {c.group}: size {len(c.members)} outside {inst.min_size}..{inst.max_size}")
        for r_idx in c.members:
            if not 0 <= r_idx < len(reqs):
                bad.append(f"class {i}: unknown request {r_idx}")
                continue
            r = reqs[r_idx]
            if r_idx in seen:
                bad.append(f"request {r_idx} seated twice (classes {seen[r_idx]} and {i})")
            seen[r_idx] = i
            if (r.organizer, r.kind, r.topic, r.band) != tuple(c.group):
                bad.append(f"request {r_idx} ({r.organizer}, {r.kind}, {r.topic}, {r.band}) in class of {c.group}")
            by_cadre_period[r.cadre, c.period] += 1
            days[r.cadre] += r.days
            count[r.cadre] += 1
            away[r.unit, c.period] += 1
    for (cadre, p), n in by_cadre_period.items():
        if n > 1:
            bad.append(f"cadre {cadre}: {n} seats in period {p}")
    if inst.days_limit is not None:
        for cadre, d in days.items():
            if d > inst.days_limit:
                bad.append(f"cadre {cadre}: {d} days away > {inst.days_limit}")
    for cadre, n in count.items():
        cap = inst.cap.get(cadre)
        if cap is not None and n > cap:
            bad.append(f"cadre {cadre}: {n} classes > cap {cap}")
    for (unit, p), n in away.items():
        # a cadre is away once per period (checked above), so seats of a unit = its cadres away
        if n > inst.unit_limit[unit]:
            bad.append(f"unit {unit}: {n} away in period {p} > {inst.unit_limit[unit]}")
    return bad


def figures(inst: Instance, classes: list[Class], requests: set[int] | None = None) -> dict:
    """Counted from scratch: over all requests of the instance, or over a subset (a bucket)."""
    reqs = inst.requests
    scope = range(len(reqs)) if requests is None else sorted(requests)
    seated: dict[int, int] = {}
    for c in classes:
        for r in c.members:
            seated[r] = c.period
    out = {"requests": 0, "served": 0, "obligations": 0, "obligations_served": 0, "obligations_on_time_possible": 0,
           "obligations_on_time": 0, "needs": 0, "needs_served": 0, "priority": 0.0, "priority_served": 0.0}
    for i in scope:
        r = reqs[i]
        out["requests"] += 1
        out["needs"] += r.needs
        out["priority"] += r.priority
        p = seated.get(i)
        if r.obligation:
            out["obligations"] += 1
            out["obligations_on_time_possible"] += inst.can_be_on_time(r)
        if p is None:
            continue
        out["served"] += 1
        out["needs_served"] += r.needs
        out["priority_served"] += r.priority
        if r.obligation:
            out["obligations_served"] += 1
            out["obligations_on_time"] += inst.on_time(r, p)
    in_scope = set(scope) if requests is not None else None
    out["classes"] = sum(1 for c in classes if in_scope is None or c.members[0] in in_scope)
    out["priority"] = round(out["priority"], 2)
    out["priority_served"] = round(out["priority_served"], 2)
    return out


def fewest_classes(m: int, lo: int, hi: int) -> int:
    """The fewest classes m seats split into, each of lo..hi seats (m = 0: none)."""
    if m == 0:
        return 0
    n = -(-m // hi)
    if n * lo > m:
        raise ValueError(f"{m} seats cannot be split into classes of {lo}..{hi}")
    return n


def split(group: tuple[str, str, str, str], period: int, members: list[int], lo: int, hi: int,
          unit_of) -> list[Class]:
    """Seats of one group and period as the fewest balanced classes, each unit's members dealt round-robin."""
    n = fewest_classes(len(members), lo, hi)
    ranked = sorted(members, key=lambda r: (unit_of(r), r))
    return [Class(group, period, ranked[i::n]) for i in range(n)]


def by_bucket(inst: Instance) -> dict[tuple[str, str], set[int]]:
    out: dict[tuple[str, str], set[int]] = defaultdict(set)
    for r in inst.requests:
        out[r.organizer, r.kind].add(r.idx)
    return dict(out)


def obligation_bound(inst: Instance) -> int:
    """An upper bound on the obligations any solution serves: per cadre, its obligations in groups with at
    least min_size requests, as many as fit its days, class cap and periods (fewest days first)."""
    size: Counter = Counter(r.group for r in inst.requests)
    days: dict[str, list[int]] = defaultdict(list)
    for r in inst.requests:
        if r.obligation and size[r.group] >= inst.min_size:
            days[r.cadre].append(r.days)
    total = 0
    for cadre, ds in days.items():
        cap = inst.cap.get(cadre)
        used = k = 0
        for d in sorted(ds):
            if inst.days_limit is not None and used + d > inst.days_limit:
                break
            if (cap is not None and k >= cap) or k >= inst.periods:
                break
            used += d
            k += 1
        total += k
    return total
