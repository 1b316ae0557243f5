"""A greedy pass over the same model the solvers get: obligations first, highest priority first, each
class filled in its best period.

Groups (organizer, type, topic) are taken in the order of their best waiting request; the group's
next class is made, in every period, of its waiting requests in rank order whose cadre is free and
whose unit has room (up to a balanced size: n waiting split into ceil(n / max_size) classes); the
period whose class scores best (obligations, obligations on time, total priority) is kept if the
class reaches min_size, else the group can form no more classes. A last pass seats what is left in
classes of its group with room.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter

from .checker import Class
from .instance import Instance
from .state import State


def rank(inst: Instance, i: int) -> tuple:
    r = inst.requests[i]
    return (not r.obligation, -r.weight, i)


def greedy(inst: Instance, state: State, scope: list[int]) -> list[Class]:
    """Classes for the requests in scope; state takes their seats."""
    reqs = inst.requests
    pending: dict[tuple, list[int]] = {}
    for i in sorted(scope, key=lambda i: rank(inst, i)):
        pending.setdefault(reqs[i].group, []).append(i)
    heap = [(rank(inst, lst[0]), g) for g, lst in pending.items()]
    heapq.heapify(heap)
    classes: list[Class] = []
    lo, hi = inst.min_size, inst.max_size
    while heap:
        _, g = heapq.heappop(heap)
        waiting = pending[g]
        if len(waiting) < lo:
            continue
        target = math.ceil(len(waiting) / math.ceil(len(waiting) / hi))
        best, best_score = None, None
        for p in range(1, inst.periods + 1):
            members: list[int] = []
            taken: Counter = Counter()
            for i in waiting:
                r = reqs[i]
                if state.cadre_free(inst, r, p) and taken[r.unit] < state.unit_room(inst, r.unit, p):
                    members.append(i)
                    taken[r.unit] += 1
                    if len(members) == target:
                        break
            if len(members) < lo:
                continue
            score = (sum(reqs[i].obligation for i in members), sum(inst.on_time(reqs[i], p) for i in members),
                     sum(reqs[i].weight for i in members))
            if best_score is None or score > best_score:
                best, best_score = Class(g, p, members), score
        if best is None:
            continue  # no period gathers min_size: the group forms no more classes
        classes.append(best)
        state.take(inst, [best])
        seated = set(best.members)
        pending[g] = waiting = [i for i in waiting if i not in seated]
        if waiting:
            heapq.heappush(heap, (rank(inst, waiting[0]), g))
    # the rest join a class of their group with room, in a period their cadre and unit allow
    by_group: dict[tuple, list[Class]] = {}
    for c in classes:
        by_group.setdefault(c.group, []).append(c)
    left = sorted((i for lst in pending.values() for i in lst), key=lambda i: rank(inst, i))
    for i in left:
        r = reqs[i]
        for c in sorted(by_group.get(r.group, []), key=lambda c: (len(c.members), c.period)):
            if (len(c.members) < hi and state.cadre_free(inst, r, c.period)
                    and state.unit_room(inst, r.unit, c.period) > 0):
                c.members.append(i)
                state.take(inst, [Class(c.group, c.period, [i])])
                break
    return classes
