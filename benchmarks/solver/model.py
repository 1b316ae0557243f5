"""The model as plain rows, so CP-SAT and HiGHS solve exactly the same one.

Variables:
  x[r,p] in {0,1}: request r has a seat in period p (made only where r's cadre is free in p, has
                   days and classes left, and r's unit has room in p, after the earlier solves);
  n[g,p] in 0..floor(cand/min_size): classes of group g (organizer, type, topic) held in period p,
                   made only where at least min_size requests of g could sit in p.
  n[g,p] stands for the y[c] of the copies c = (g, p, k): copies of one group and period are
  interchangeable, and m seats split into n classes of min..max seats each exactly when
  min*n <= m <= max*n, so the count replaces the copies (and their symmetry) with nothing lost.
Constraints:
  sum_p x[r,p] <= 1                                  one seat per request
  min*n[g,p] <= sum_{r in g} x[r,p] <= max*n[g,p]    class sizes
  sum_{r of cadre c} x[r,p] <= 1 - busy              a cadre in one class per period
  sum_{r of c,p} days_r x[r,p] <= limit - used       days away a year (rules "days")
  sum_{r of c,p} x[r,p] <= cap - taken               classes a year (leading posts; everyone under "cap2")
  sum_{r of unit u} x[r,p] <= floor(share*|u|) - away   a unit's cadres away in one period
Objective (maximize, lexicographic through the weights):
  W1 * obligations served + W2 * obligations served on time + sum of 100*priority served,
  W2 = sum of 100*priority in scope + 1, W1 = W2 * (obligations in scope + 1).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .checker import Class, fewest_classes, split
from .instance import Instance
from .state import State


@dataclass
class Rows:
    x: list[tuple[int, int]] = field(default_factory=list)  # var -> (request, period)
    n: list[tuple[tuple, int, int]] = field(default_factory=list)  # var - len(x) -> (group, period, upper bound)
    rows: list[tuple[list[int], list[int], int | None, int | None]] = field(default_factory=list)  # vars, coefs, lo, hi
    cost: list[int] = field(default_factory=list)  # objective coefficient of each x var (n vars: 0)
    w1: int = 0
    w2: int = 0

    @property
    def num_vars(self) -> int:
        return len(self.x) + len(self.n)


def build(inst: Instance, state: State, scope: list[int], base: dict[tuple, int] | None = None) -> Rows:
    """The rows for the requests in scope, after the seats state holds; base: seats outside scope per (group, period)."""
    reqs = inst.requests
    base = base or {}
    lo, hi = inst.min_size, inst.max_size
    cand: dict[tuple, list[int]] = defaultdict(list)  # (group, p) -> requests that could sit there
    for i in scope:
        r = reqs[i]
        for p in range(1, inst.periods + 1):
            if state.cadre_free(inst, r, p) and state.unit_room(inst, r.unit, p) > 0:
                cand[r.group, p].append(i)
    m = Rows()
    gp_vars: dict[tuple, list[int]] = {}
    for (g, p), members in sorted(cand.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        if len(members) + base.get((g, p), 0) < lo:
            continue
        gp_vars[g, p] = [len(m.x) + k for k in range(len(members))]
        m.x += [(i, p) for i in members]
    nx = len(m.x)
    for g, p in gp_vars:
        m.n.append((g, p, (len(gp_vars[g, p]) + base.get((g, p), 0)) // lo))
    # weights
    scope_x = {i for i, _ in m.x}
    total = sum(reqs[i].weight for i in scope_x)
    n_obl = sum(reqs[i].obligation for i in scope_x)
    m.w2 = total + 1
    m.w1 = m.w2 * (n_obl + 1)
    for i, p in m.x:
        r = reqs[i]
        m.cost.append(r.weight + (m.w1 + m.w2 * inst.on_time(r, p) if r.obligation else 0))
    # rows
    by_req: dict[int, list[int]] = defaultdict(list)
    by_cadre_p: dict[tuple, list[int]] = defaultdict(list)
    by_cadre: dict[str, list[int]] = defaultdict(list)
    by_unit_p: dict[tuple, list[int]] = defaultdict(list)
    for v, (i, p) in enumerate(m.x):
        r = reqs[i]
        by_req[i].append(v)
        by_cadre_p[r.cadre, p].append(v)
        by_cadre[r.cadre].append(v)
        by_unit_p[r.unit, p].append(v)
    for vs in by_req.values():
        if len(vs) > 1:
            m.rows.append((vs, [1] * len(vs), None, 1))
    for k, ((g, p), vs) in enumerate(gp_vars.items()):
        nv = nx + k
        b = base.get((g, p), 0)  # seats of the group and period held outside scope
        m.rows.append((vs + [nv], [1] * len(vs) + [-lo], -b, None))
        m.rows.append((vs + [nv], [1] * len(vs) + [-hi], None, -b))
    for vs in by_cadre_p.values():
        if len(vs) > 1:
            m.rows.append((vs, [1] * len(vs), None, 1))
    for cadre, vs in by_cadre.items():
        reqs_of = {m.x[v][0] for v in vs}
        if inst.days_limit is not None:
            room = int(inst.days_limit - state.days.get(cadre, 0) + 1e-9)  # days are whole: the floor
            if sum(reqs[i].days for i in reqs_of) > room:
                m.rows.append((vs, [reqs[m.x[v][0]].days for v in vs], None, room))
        cap = inst.cap.get(cadre)
        if cap is not None:
            room = cap - state.count.get(cadre, 0)
            if len(reqs_of) > room:
                m.rows.append((vs, [1] * len(vs), None, room))
    for (unit, p), vs in by_unit_p.items():
        room = state.unit_room(inst, unit, p)
        if len(vs) > room:
            m.rows.append((vs, [1] * len(vs), None, room))
    return m


def hint_from(m: Rows, classes: list[Class], lo: int, hi: int, base: dict[tuple, int] | None = None) -> list[int]:
    """A full assignment of m's variables from a solution of the same scope and state (e.g. the greedy's)."""
    base = base or {}
    seat = {(i, c.period) for c in classes for i in c.members}
    per_gp: dict[tuple, int] = defaultdict(int)
    for c in classes:
        per_gp[c.group, c.period] += len(c.members)
    vals = [int((i, p) in seat) for i, p in m.x]
    missing = len(seat) - sum(vals)
    if missing:
        raise ValueError(f"hint: {missing} seats of the given solution have no variable")
    vals += [fewest_classes(per_gp.get((g, p), 0) + base.get((g, p), 0), lo, hi) for g, p, _ in m.n]
    return vals


def classes_from(inst: Instance, m: Rows, values: list[int]) -> list[Class]:
    """Seats chosen -> the fewest balanced classes per group and period."""
    seats: dict[tuple, list[int]] = defaultdict(list)
    for v, (i, p) in enumerate(m.x):
        if values[v]:
            seats[inst.requests[i].group, p].append(i)
    out: list[Class] = []
    for (g, p), members in sorted(seats.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        out += split(g, p, members, inst.min_size, inst.max_size, lambda i: inst.requests[i].unit)
    return out


def decode(m: Rows, objective: float) -> dict:
    """The objective read back as its tiers (obligations, on time, 100*priority). For a bound (a double) only
    the obligations tier is exact: it is an upper bound on the obligations any solution serves."""
    obj = int(objective)
    return {"obligations": obj // m.w1, "on_time": (obj % m.w1) // m.w2, "weight": obj % m.w2}
