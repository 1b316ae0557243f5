"""Large-neighbourhood search: start from a whole solution (the greedy's), re-solve one part at a time
with everything else held, keep the better answer.

A neighbourhood is a set of requests: a bucket (organizer x training type), or a chunk of units (all
their requests, every bucket: the only kind of move that trades a unit's share between buckets).
Outside it, the seats stay: they fill each cadre's periods, days and classes and each unit's share,
and count toward the size of their group's classes (base). The sub-model is model.build on that;
its hint is the current seats, so a solve never returns less (and if it did, the old seats stay).
The objective inside is lexicographic as in the whole, so the whole's objective never falls.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict

from .checker import Class, split
from .instance import Instance
from .model import build, hint_from
from .state import State


def seats_of(classes: list[Class]) -> dict[int, tuple[tuple, int]]:
    return {i: (c.group, c.period) for c in classes for i in c.members}


def classes_of(inst: Instance, seats: dict[int, tuple[tuple, int]]) -> list[Class]:
    by_gp: dict[tuple, list[int]] = defaultdict(list)
    for i, (g, p) in seats.items():
        by_gp[g, p].append(i)
    out: list[Class] = []
    for (g, p), members in sorted(by_gp.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        out += split(g, p, sorted(members), inst.min_size, inst.max_size, lambda i: inst.requests[i].unit)
    return out


def score(inst: Instance, seats: dict[int, tuple[tuple, int]], scope) -> tuple[int, int, int]:
    reqs = inst.requests
    obl = on = w = 0
    for i in scope:
        s = seats.get(i)
        if s is None:
            continue
        r = reqs[i]
        obl += r.obligation
        on += inst.on_time(r, s[1])
        w += r.weight
    return obl, on, w


def unit_chunks(inst: Instance, max_requests: int) -> list[tuple[str, set[int]]]:
    """Units in name order, gathered into chunks of at most max_requests requests (a larger unit alone)."""
    by_unit: dict[str, set[int]] = defaultdict(set)
    for r in inst.requests:
        by_unit[r.unit].add(r.idx)
    chunks: list[tuple[str, set[int]]] = []
    names: list[str] = []
    cur: set[int] = set()
    for unit in sorted(by_unit):
        if cur and len(cur) + len(by_unit[unit]) > max_requests:
            chunks.append((f"units {names[0]}..{names[-1]} ({len(names)})", cur))
            names, cur = [], set()
        names.append(unit)
        cur = cur | by_unit[unit]
    if cur:
        chunks.append((f"units {names[0]}..{names[-1]} ({len(names)})", cur))
    return chunks


def run(inst: Instance, start: list[Class], neighbourhoods: list[tuple[str, set[int]]], solve, time_limit: float,
        log=print) -> tuple[list[Class], list[dict]]:
    """solve(rows, limit, hint) -> (values, info). Returns the final classes and one record per neighbourhood."""
    seats = seats_of(start)
    records = []
    for name, scope in neighbourhoods:
        t0 = time.perf_counter()
        state = State.empty(inst)
        base: Counter = Counter()
        outside = [Class(g, p, [i]) for i, (g, p) in seats.items() if i not in scope]
        state.take(inst, outside)
        for c in outside:
            base[c.group, c.period] += 1
        rows = build(inst, state, sorted(scope), base)
        before = score(inst, seats, scope)
        rec = {"neighbourhood": name, "requests": len(scope), "vars": rows.num_vars, "rows": len(rows.rows),
               "before": before}
        if not rows.x:
            rec.update({"status": "EMPTY", "after": before, "wall_s": round(time.perf_counter() - t0, 3)})
            records.append(rec)
            continue
        mine = [Class(g, p, [i]) for i, (g, p) in seats.items() if i in scope]
        hint = hint_from(rows, mine, inst.min_size, inst.max_size, base)
        values, info = solve(rows, time_limit, hint)
        rec["status"] = info["status"]
        if values is not None:
            new = {i: s for i, s in seats.items() if i not in scope}
            for v, (i, p) in enumerate(rows.x):
                if values[v]:
                    new[i] = (inst.requests[i].group, p)
            after = score(inst, new, scope)
            if after >= before:
                seats = new
            else:
                rec["kept_old"] = True
                after = before
        else:
            after = before
        rec.update({"after": after, "wall_s": round(time.perf_counter() - t0, 3)})
        records.append(rec)
        if after != before:
            log(f"    lns {name}: {rows.num_vars} vars, {rec['status']}, obligations {before[0]}->{after[0]}, "
                f"priority {before[2] / 100:.0f}->{after[2] / 100:.0f}, {rec['wall_s']:.1f}s")
    return classes_of(inst, seats), records
