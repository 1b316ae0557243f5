"""The model's rows solved with HiGHS (highspy) as a MILP."""

from __future__ import annotations

import time

import highspy
import numpy as np

from .model import Rows


def solve(m: Rows, time_limit: float, seed: int, hint: list[int] | None = None,
          threads: int = 1) -> tuple[list[int] | None, dict]:
    t0 = time.perf_counter()
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("random_seed", seed)
    h.setOptionValue("threads", threads)
    h.setOptionValue("mip_rel_gap", 0.0)
    inf = highspy.kHighsInf
    nx, nn = len(m.x), len(m.n)
    num = nx + nn
    lower = np.zeros(num)
    upper = np.array([1.0] * nx + [float(ub) for _, _, ub in m.n])
    cost = np.array([float(c) for c in m.cost] + [0.0] * nn)
    h.addVars(num, lower, upper)
    h.changeColsCost(num, np.arange(num, dtype=np.int32), cost)
    h.changeColsIntegrality(num, np.arange(num, dtype=np.int32),
                            np.array([highspy.HighsVarType.kInteger] * num))
    starts, idx, val, lo, hi = [], [], [], [], []
    for vs, cs, a, b in m.rows:
        starts.append(len(idx))
        idx += vs
        val += cs
        lo.append(-inf if a is None else float(a))
        hi.append(inf if b is None else float(b))
    h.addRows(len(m.rows), np.array(lo), np.array(hi), len(idx), np.array(starts, dtype=np.int32),
              np.array(idx, dtype=np.int32), np.array(val, dtype=np.float64))
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    if hint is not None:
        sol = highspy.HighsSolution()
        sol.col_value = [float(v) for v in hint]
        sol.value_valid = True
        h.setSolution(sol)
    built = time.perf_counter() - t0
    h.run()
    status = h.getModelStatus()
    info = {"status": h.modelStatusToString(status), "build_s": round(built, 3),
            "solve_s": round(time.perf_counter() - t0 - built, 3), "vars": num, "rows": len(m.rows)}
    sol = h.getSolution()
    if not sol.value_valid:
        return None, info
    values = [int(round(v)) for v in sol.col_value[:num]]
    info["objective"] = sum(c * v for c, v in zip(m.cost, values[:nx], strict=True))
    info["bound"] = h.getInfo().mip_dual_bound
    return values, info
