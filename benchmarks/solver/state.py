"""What earlier solves left: each cadre's busy periods, days and classes taken, each unit's cadres away.

The per-bucket decomposition solves buckets one after another; each solve sees what the earlier ones
took (a cadre's periods, days and class count span its organizer's buckets; a unit's share spans all).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .checker import Class
from .instance import Instance, Request


@dataclass
class State:
    periods: int
    busy: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    days: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    count: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    away: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def empty(cls, inst: Instance) -> State:
        return cls(inst.periods, away={u: [0] * (inst.periods + 1) for u in inst.unit_limit})

    def copy(self) -> State:
        s = State(self.periods, away={u: list(v) for u, v in self.away.items()})
        for c, v in self.busy.items():
            s.busy[c] = set(v)
        s.days.update(self.days)
        s.count.update(self.count)
        return s

    def cadre_free(self, inst: Instance, r: Request, p: int) -> bool:
        """The cadre has period p free, days and classes left for r (the unit is checked apart)."""
        if p in self.busy.get(r.cadre, ()):
            return False
        if inst.days_limit is not None and self.days.get(r.cadre, 0) + r.days > inst.days_limit:
            return False
        cap = inst.cap.get(r.cadre)
        return cap is None or self.count.get(r.cadre, 0) < cap

    def unit_room(self, inst: Instance, unit: str, p: int) -> int:
        return inst.unit_limit[unit] - self.away[unit][p]

    def take(self, inst: Instance, classes: list[Class]) -> None:
        for c in classes:
            for i in c.members:
                r = inst.requests[i]
                self.busy[r.cadre].add(c.period)
                self.days[r.cadre] += r.days
                self.count[r.cadre] += 1
                self.away[r.unit][c.period] += 1
