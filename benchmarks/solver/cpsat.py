"""The model's rows solved with OR-Tools CP-SAT."""

from __future__ import annotations

import time

from ortools.sat.python import cp_model

from .model import Rows


def solve(m: Rows, time_limit: float, workers: int, seed: int, hint: list[int] | None = None,
          deterministic: bool = False) -> tuple[list[int] | None, dict]:
    """The values of m's variables (None if no solution) and what the solver said."""
    t0 = time.perf_counter()
    model = cp_model.CpModel()
    nx = len(m.x)
    xs = [model.NewBoolVar("") for _ in range(nx)]
    ns = [model.NewIntVar(0, ub, "") for _, _, ub in m.n]
    var = xs + ns
    for vs, cs, lo, hi in m.rows:
        ones = all(c == 1 for c in cs)
        if lo is None and hi == 1 and ones and all(v < nx for v in vs):
            model.AddAtMostOne(var[v] for v in vs)
            continue
        terms = [var[v] for v in vs]
        expr = cp_model.LinearExpr.Sum(terms) if ones else cp_model.LinearExpr.WeightedSum(terms, cs)
        if lo is None:
            model.Add(expr <= hi)
        elif hi is None:
            model.Add(expr >= lo)
        else:
            model.AddLinearConstraint(expr, lo, hi)
    model.Maximize(cp_model.LinearExpr.WeightedSum(xs, m.cost))
    if hint is not None:
        for v, val in zip(var, hint, strict=True):
            model.AddHint(v, val)
    built = time.perf_counter() - t0
    solver = cp_model.CpSolver()
    p = solver.parameters
    p.random_seed = seed
    p.num_workers = workers
    if deterministic:
        # every worker interleaved in one thread, stopped on deterministic time: the same answer every run
        p.interleave_search = True
        p.max_deterministic_time = time_limit
    else:
        p.max_time_in_seconds = time_limit
    status = solver.Solve(model)
    info = {"status": solver.StatusName(status), "build_s": round(built, 3),
            "solve_s": round(time.perf_counter() - t0 - built, 3), "vars": m.num_vars, "rows": len(m.rows)}
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None, info
    values = [int(solver.Value(v)) for v in var]
    info["objective"] = sum(c * v for c, v in zip(m.cost, values[:nx], strict=True))  # exact (ObjectiveValue is a double)
    info["bound"] = solver.BestObjectiveBound()
    return values, info
