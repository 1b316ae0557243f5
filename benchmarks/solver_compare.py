"""Issue #16: form classes with a solver (OR-Tools CP-SAT, optionally HiGHS) or a greedy pass?

Usage: .venv/bin/python benchmarks/solver_compare.py --sizes 480,10000 --time-limit 10
         [--rules issue,config] [--methods planner,bucket,lns,whole,nohint] [--workers 8] [--seed 0]
         [--whole-limit 60] [--whole-max-vars 200000] [--lns-passes 1] [--chunk-requests 2500]
         [--deterministic] [--highs] [--json benchmarks/results/solver_compare.json]

Input: the needs of needscli.analyze([roster], as_of=2026-11-01); 480 is data/samples/cadres.xlsx,
any other size benchmarks/data/roster-N.xlsx (generated if missing). The model is in
benchmarks/solver/model.py (requests: benchmarks/solver/instance.py); two rule sets are run:
  issue   the issue's: days away <= 30 a year per cadre, at most 2 classes a year for leading posts;
  config  the project planner's as its config says when the script runs (classes.max_days_away,
          max_per_cadre for everyone, leader_max_callups for leading posts).
Both keep class sizes (min_size..max_size), one class per cadre per period (12 monthly periods), and
each unit's cadres away in one period <= floor(unit_away_share * unit size); a class's days are its
topic's hours / 6 rounded up (the theory class: all core topics' hours).

Methods, all checked by the independent checker (benchmarks/solver/checker.py):
  planner       needscli.plan on the same needs (hours-top-up taken out); its rules are "config"'s,
                and it also sends small groups up to the next organizer's class (seats outside their
                own group: listed as such by the checker, not counted as the model's breaks)
  greedy        the greedy of benchmarks/solver/greedy.py over the model, all buckets in one pass
  greedy/bucket the same greedy bucket by bucket, in the order the solver takes them
  cpsat/bucket  CP-SAT per bucket (organizer x training type), buckets one after another, each solve
                seeing what the earlier ones took; hinted with greedy/bucket's classes for that bucket
  cpsat/whole   CP-SAT on all buckets at once (where the model has at most --whole-max-vars variables),
                hinted with the greedy's classes; also without a hint (cpsat/whole-nohint)
  highs/...     the same rows with HiGHS (--highs)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
import time
import traceback
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from solver import checker  # noqa: E402
from solver import greedy as greedy_mod  # noqa: E402
from solver import model as model_mod  # noqa: E402
from solver.checker import Class  # noqa: E402
from solver.instance import Instance, build  # noqa: E402
from solver.state import State  # noqa: E402

AS_OF = "2026-11-01"
RESULTS = HERE / "results"


def roster(size: int) -> Path:
    if size == 480:
        return ROOT / "data" / "samples" / "cadres.xlsx"
    from generate import generate

    return generate(size)


def bucket_order(inst: Instance, buckets: dict[tuple, set[int]]) -> list[tuple]:
    """Buckets with the most obligations first, then the highest priority, then the largest."""
    reqs = inst.requests

    def key(b):
        scope = buckets[b]
        return (-sum(reqs[i].obligation for i in scope), -max(reqs[i].weight for i in scope), -len(scope), b)

    return sorted(buckets, key=key)


VIOLATION_KINDS = (("seated twice", "seated twice"), (" in class of ", "organizer/type/topic"), ("size ", "size"),
                   ("seats in period", "two classes in a period"), ("days away", "days"), ("classes > cap", "cap"),
                   ("away in period", "unit share"), ("outside 1..", "period"))


def violation_kinds(bad: list[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for text in bad:
        kind = next((k for needle, k in VIOLATION_KINDS if needle in text), "other")
        out[kind] = out.get(kind, 0) + 1
    return out


class Run:
    """One size under one rule set: every method's classes, figures, times and checks."""

    def __init__(self, inst: Instance, args: argparse.Namespace) -> None:
        self.inst, self.args = inst, args
        self.buckets = checker.by_bucket(inst)
        self.order = bucket_order(inst, self.buckets)
        self.methods: dict[str, dict] = {}
        self.classes: dict[str, list[Class]] = {}
        self.per_bucket: dict[str, dict[tuple, dict]] = defaultdict(dict)

    def record(self, name: str, classes: list[Class], wall: float, extra: dict | None = None,
               own: bool = True) -> None:
        bad = checker.check(self.inst, classes)
        fig = checker.figures(self.inst, classes)
        fig.update({"wall_s": round(wall, 3), "violations": len(bad), "violation_kinds": violation_kinds(bad),
                    "violation_sample": bad[:5]})
        if extra:
            fig.update(extra)
        if bad and own:
            # a broken rule in our own solution is a bug, not a result
            fig["BUG"] = True
            print(f"  !! {name}: {len(bad)} broken rules, e.g. {bad[:3]}", flush=True)
        self.methods[name] = fig
        self.classes[name] = classes
        print(f"  {name:<22} obligations {fig['obligations_served']}/{fig['obligations']}  "
              f"served {fig['served']}/{fig['requests']}  priority {fig['priority_served']:.0f}  "
              f"classes {fig['classes']}  {wall:.2f}s  violations {len(bad)}", flush=True)

    def bucket_figures(self, name: str, times: dict[tuple, dict] | None = None) -> None:
        for b, scope in self.buckets.items():
            fig = checker.figures(self.inst, self.classes[name], scope)
            if times and b in times:
                fig.update(times[b])
            self.per_bucket[name][b] = fig

    # -- methods -------------------------------------------------------------------------------------

    def planner(self, analysis) -> None:
        from solver import planner

        try:
            classes, info = planner.run(analysis, self.inst)
        except Exception as exc:  # the planner is being rewritten: keep going without it
            self.methods["planner"] = {"error": f"{type(exc).__name__}: {exc}"}
            print(f"  planner failed: {exc}", flush=True)
            traceback.print_exc()
            return
        own_group = [Class(c.group, c.period, [i for i in c.members if self.inst.requests[i].group == c.group])
                     for c in classes]
        own = checker.figures(self.inst, own_group)
        info["own_group_only"] = {k: own[k] for k in ("obligations_served", "obligations_on_time", "served",
                                                       "priority_served")}
        self.record("planner", classes, info["wall_s"], {"planner": info}, own=False)
        self.bucket_figures("planner")

    def greedy(self) -> None:
        t0 = time.perf_counter()
        classes = greedy_mod.greedy(self.inst, State.empty(self.inst), list(range(len(self.inst.requests))))
        self.record("greedy", classes, time.perf_counter() - t0)
        self.bucket_figures("greedy")

    def by_bucket(self, solver: str) -> None:
        """greedy/bucket and <solver>/bucket: buckets one after another, each seeing the earlier seats."""
        args, inst = self.args, self.inst
        g_state, s_state = State.empty(inst), State.empty(inst)
        g_all: list[Class] = []
        s_all: list[Class] = []
        g_times, s_times = {}, {}
        g_wall = s_wall = 0.0
        for b in self.order:
            scope = sorted(self.buckets[b])
            if solver == "cpsat":  # the greedy chain is the same for every solver: run it once
                t0 = time.perf_counter()
                g_cls = greedy_mod.greedy(inst, g_state, scope)
                dt_g = time.perf_counter() - t0
                g_wall += dt_g
                g_all += g_cls
                g_times[b] = {"wall_s": round(dt_g, 3)}
            t0 = time.perf_counter()
            hint_cls = greedy_mod.greedy(inst, s_state.copy(), scope)  # the hint: greedy on the solver's state
            rows = model_mod.build(inst, s_state, scope)
            values, info = self._solve(solver, rows, args.time_limit, model_mod.hint_from(rows, hint_cls, inst.min_size, inst.max_size))
            cls = model_mod.classes_from(inst, rows, values) if values is not None else hint_cls
            if values is None:
                info["fallback"] = "greedy"
            s_state.take(inst, cls)
            s_all += cls
            dt_s = time.perf_counter() - t0
            s_wall += dt_s
            info["wall_s"] = round(dt_s, 3)
            info["hint_obligations"] = sum(inst.requests[i].obligation for c in hint_cls for i in c.members)
            info["hint_served"] = sum(len(c.members) for c in hint_cls)
            s_times[b] = info
            print(f"    {solver} {b[0]}/{b[1]}: {len(scope)} requests, {info['vars']} vars, {info['status']}, "
                  f"{dt_s:.1f}s, seats {sum(len(c.members) for c in cls)} (greedy hint {info['hint_served']})",
                  flush=True)
        if solver == "cpsat":
            self.record("greedy/bucket", g_all, g_wall)
            self.bucket_figures("greedy/bucket", g_times)
        statuses = defaultdict(int)
        for info in s_times.values():
            statuses[info["status"]] += 1
        self.record(f"{solver}/bucket", s_all, s_wall, {"statuses": dict(statuses)})
        self.bucket_figures(f"{solver}/bucket", s_times)

    def lns(self, solver: str) -> None:
        """<solver>/lns: from the greedy's classes, re-solve each bucket, then each chunk of units, holding the rest."""
        from solver import lns

        args, inst = self.args, self.inst
        hoods = []
        for k in range(args.lns_passes):
            hoods += [(f"pass {k + 1} bucket {b[0]}/{b[1]}", self.buckets[b]) for b in self.order]
            hoods += [(f"pass {k + 1} {name}", scope) for name, scope in lns.unit_chunks(inst, args.chunk_requests)]
        t0 = time.perf_counter()
        classes, records = lns.run(inst, self.classes["greedy"], hoods,
                                   lambda rows, limit, hint: self._solve(solver, rows, limit, hint), args.time_limit,
                                   log=lambda s: print(s, flush=True))
        wall = time.perf_counter() - t0 + self.methods["greedy"]["wall_s"]
        statuses: dict[str, int] = defaultdict(int)
        for rec in records:
            statuses[rec["status"]] += 1
        self.record(f"{solver}/lns", classes, wall, {"statuses": dict(statuses), "neighbourhoods": records,
                                                     "largest_vars": max((r["vars"] for r in records), default=0)})
        self.bucket_figures(f"{solver}/lns")

    def whole(self, solver: str, hint: bool = True, size_only: bool = False) -> None:
        args, inst = self.args, self.inst
        name = f"{solver}/whole" + ("" if hint else "-nohint")
        t0 = time.perf_counter()
        scope = list(range(len(inst.requests)))
        rows = model_mod.build(inst, State.empty(inst), scope)
        if size_only:
            self.methods["model size"] = {"vars": rows.num_vars, "rows": len(rows.rows),
                                          "nonzeros": sum(len(r[0]) for r in rows.rows),
                                          "build_rows_s": round(time.perf_counter() - t0, 3)}
            print(f"  model size: {self.methods['model size']}", flush=True)
            return
        if rows.num_vars > args.whole_max_vars:
            self.methods[name] = {"skipped": f"{rows.num_vars} variables > --whole-max-vars {args.whole_max_vars}",
                                  "vars": rows.num_vars, "rows": len(rows.rows),
                                  "build_rows_s": round(time.perf_counter() - t0, 3)}
            print(f"  {name}: skipped, {rows.num_vars} variables", flush=True)
            return
        h = model_mod.hint_from(rows, self.classes["greedy"], inst.min_size, inst.max_size) if hint else None
        values, info = self._solve(solver, rows, args.whole_limit, h)
        if values is None:
            self.methods[name] = {"no_solution": info, "wall_s": round(time.perf_counter() - t0, 3)}
            print(f"  {name}: no solution ({info['status']})", flush=True)
            return
        cls = model_mod.classes_from(inst, rows, values)
        self.record(name, cls, time.perf_counter() - t0, {"solver": info, "tiers": model_mod.decode(rows, info["objective"]),
                                                          "bound_tiers": model_mod.decode(rows, info["bound"])})
        self.bucket_figures(name)

    def _solve(self, solver: str, rows, limit: float, hint):
        if solver == "cpsat":
            from solver import cpsat

            return cpsat.solve(rows, limit, self.args.workers, self.args.seed, hint, self.args.deterministic)
        from solver import highs

        return highs.solve(rows, limit, self.args.seed, hint, threads=self.args.highs_threads)


def one_size(size: int, args: argparse.Namespace) -> dict:
    import needscli

    path = roster(size)
    t0 = time.perf_counter()
    analysis = needscli.analyze([str(path)], as_of=AS_OF)
    t_an = time.perf_counter() - t0
    base, leading, how = build(analysis, f"{path.name}")
    print(f"\n== {size} cadres ({path.name}): {len(analysis.needs)} needs -> {len(base.requests)} requests "
          f"(analyze {t_an:.1f}s; unseatable {base.unseatable})", flush=True)
    out = {"roster": str(path.relative_to(ROOT)), "needs": len(analysis.needs), "requests": len(base.requests),
           "unseatable": base.unseatable, "analyze_s": round(t_an, 3), "model": how,
           "cadres": base.cadre_count, "units": len(base.unit_limit), "rules": {}}
    for rules in args.rules:
        inst, figures = base.with_rules(rules, leading, analysis.config)
        run = Run(inst, args)
        print(f"-- rules {rules} {figures}: {len(run.buckets)} buckets", flush=True)
        if "planner" in args.methods:
            run.planner(analysis)
        run.greedy()
        if "bucket" in args.methods:
            run.by_bucket("cpsat")
            if args.highs:
                run.by_bucket("highs")
        if "lns" in args.methods:
            run.lns("cpsat")
            if args.highs:
                run.lns("highs")
        if "size" in args.methods:
            run.whole("cpsat", size_only=True)
        if "whole" in args.methods:
            run.whole("cpsat")
            if "cpsat/whole" in run.classes and "nohint" in args.methods:
                run.whole("cpsat", hint=False)
            if args.highs:
                run.whole("highs")
        out["rules"][rules] = {
            "limits": figures,
            "obligation_upper_bound": checker.obligation_bound(inst),
            "buckets": len(run.buckets),
            "bucket_order": [list(b) for b in run.order],
            "methods": run.methods,
            "per_bucket": {m: {f"{b[0]}/{b[1]}": f for b, f in per.items()} for m, per in run.per_bucket.items()},
        }
    return out


def table(results: dict) -> str:
    lines = []
    head = (f"{'size':>6} {'rules':<6} {'bkts':>4} {'method':<20} {'oblig':>11} {'on time':>9} {'served':>13} "
            f"{'priority':>10} {'classes':>7} {'time s':>8} {'viol':>5}")
    lines.append(head)
    lines.append("-" * len(head))
    for size, res in results["sizes"].items():
        for rules, rr in res["rules"].items():
            if rr.get("obligation_upper_bound") is not None:
                lines.append(f"{size:>6} {rules:<6} {rr['buckets']:>4} {'(upper bound)':<20} "
                             f"{rr['obligation_upper_bound']:>5}       (obligations: days, cap, periods, groups >= min)")
            for name, f in rr["methods"].items():
                if name == "model size":
                    lines.append(f"{size:>6} {rules:<6} {rr['buckets']:>4} {name:<20} {f['vars']} vars, {f['rows']} rows")
                    continue
                if "served" not in f:
                    why = f.get("error") or f.get("skipped") or f.get("no_solution", {}).get("status", "")
                    lines.append(f"{size:>6} {rules:<6} {rr['buckets']:>4} {name:<20} {why}")
                    continue
                lines.append(
                    f"{size:>6} {rules:<6} {rr['buckets']:>4} {name:<20} "
                    f"{f['obligations_served']:>5}/{f['obligations']:<5} {f['obligations_on_time']:>4}/"
                    f"{f['obligations_on_time_possible']:<4} {f['served']:>6}/{f['requests']:<6} "
                    f"{f['priority_served']:>10.0f} {f['classes']:>7} {f['wall_s']:>8.2f} {f['violations']:>5}")
                own = f.get("planner", {}).get("own_group_only")
                if own:  # the planner's seats in its own organizer's classes only (sent-up seats left out)
                    lines.append(
                        f"{size:>6} {rules:<6} {rr['buckets']:>4} {'  (no sent-up)':<20} "
                        f"{own['obligations_served']:>5}/{f['obligations']:<5} {own['obligations_on_time']:>4}/"
                        f"{f['obligations_on_time_possible']:<4} {own['served']:>6}/{f['requests']:<6} "
                        f"{own['priority_served']:>10.0f}")
    return "\n".join(lines)


def bucket_table(results: dict, a: str = "greedy/bucket", b: str = "cpsat/bucket") -> str:
    lines = [f"per bucket, {a} vs {b} (obligations / served / priority; solver status, time)"]
    for size, res in results["sizes"].items():
        for rules, rr in res["rules"].items():
            pa, pb = rr["per_bucket"].get(a, {}), rr["per_bucket"].get(b, {})
            lines.append(f"-- {size} {rules}")
            for key in [f"{x}/{y}" for x, y in rr["bucket_order"]]:
                fa, fb = pa.get(key), pb.get(key)
                if not fa or not fb:
                    continue
                diff = "" if (fa["obligations_served"], fa["served"], fa["priority_served"]) == (
                    fb["obligations_served"], fb["served"], fb["priority_served"]) else "  *"
                lines.append(
                    f"  {key:<24} req {fa['requests']:>5} obl {fa['obligations']:>4} | "
                    f"{fa['obligations_served']:>4} {fa['served']:>5} {fa['priority_served']:>9.0f} | "
                    f"{fb['obligations_served']:>4} {fb['served']:>5} {fb['priority_served']:>9.0f} | "
                    f"{fb.get('status', ''):<8} {fb.get('wall_s', 0):>6.1f}s{diff}")
    return "\n".join(lines)


def merge(old: dict | None, new: dict) -> dict:
    """A size run again (--merge): its methods replace theirs in the entry, the others stay."""
    if not old:
        return new
    out = {**old, **{k: v for k, v in new.items() if k not in ("rules", "runs")}}
    out["runs"] = old.get("runs", []) + new["runs"]
    out["rules"] = dict(old.get("rules", {}))
    for rules, rr in new["rules"].items():
        if rules not in out["rules"]:
            out["rules"][rules] = rr
            continue
        was = out["rules"][rules]
        was["methods"] = {**was["methods"], **rr["methods"]}
        was["obligation_upper_bound"] = rr.get("obligation_upper_bound")
        was["per_bucket"] = {**was["per_bucket"], **rr["per_bucket"]}
    return out


def project_state() -> dict:
    """The commit the run read and whether src/ had changes not committed (the planner is being rewritten)."""
    import subprocess

    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=30).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""

    changed = git("status", "--porcelain", "--", "src", "data/samples").splitlines()
    return {"commit": git("rev-parse", "HEAD"), "uncommitted_in_src_or_samples": len(changed)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="480,10000")
    ap.add_argument("--time-limit", type=float, default=10.0, help="seconds per bucket solve")
    ap.add_argument("--whole-limit", type=float, default=60.0, help="seconds for the whole-model solve")
    ap.add_argument("--whole-max-vars", type=int, default=200_000)
    ap.add_argument("--rules", default="issue,config")
    ap.add_argument("--lns-passes", type=int, default=1)
    ap.add_argument("--chunk-requests", type=int, default=2500, help="requests per unit chunk of the LNS")
    ap.add_argument("--workers", type=int, default=8)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--deterministic", action="store_true",
                    help="CP-SAT: interleave the workers in one thread and stop on deterministic time")
    ap.add_argument("--highs", action="store_true", help="also solve with HiGHS (highspy)")
    ap.add_argument("--highs-threads", type=int, default=1)
    ap.add_argument("--methods", default="planner,bucket,lns,whole,nohint",
                    help="which to run besides the greedy: planner, bucket (sequential), lns, whole, nohint, "
                         "size (the whole model's size, not solved)")
    ap.add_argument("--merge", action="store_true",
                    help="keep the other sizes already in the JSON file (a size run now replaces its entry)")
    ap.add_argument("--json", default=str(RESULTS / "solver_compare.json"))
    args = ap.parse_args(argv)
    args.rules = [r.strip() for r in args.rules.split(",") if r.strip()]
    args.methods = {m.strip() for m in args.methods.split(",") if m.strip()}
    sizes = [int(s) for s in args.sizes.split(",")]

    import ortools

    versions = {"python": platform.python_version(), "ortools": ortools.__version__}
    try:
        from importlib.metadata import version

        import highspy  # noqa: F401

        versions["highspy"] = version("highspy")
    except ImportError:
        versions["highspy"] = None
    results = {
        "when": dt.datetime.now().isoformat(timespec="seconds"),
        "project": project_state(),
        "machine": {"platform": platform.platform(), "cpus": os.cpu_count()},
        "versions": versions,
        "settings": {"time_limit_per_bucket_s": args.time_limit, "whole_limit_s": args.whole_limit,
                     "whole_max_vars": args.whole_max_vars,
                     "lns_passes": args.lns_passes, "chunk_requests": args.chunk_requests, "workers": args.workers, "seed": args.seed,
                     "deterministic": args.deterministic, "highs": args.highs, "as_of": AS_OF,
                     "class_days": "ceil(topic hours / 6); theory class: ceil(sum of core topic hours / 6)"},
        "sizes": {},
    }
    out = Path(args.json)
    if args.merge and out.exists():
        old = json.loads(out.read_text())
        results["sizes"] = old.get("sizes", {})
        results["runs"] = old.get("runs", []) + [{k: old[k] for k in ("when", "project", "settings") if k in old}]
    for size in sizes:
        res = one_size(size, args)
        res["runs"] = [{"when": results["when"], "settings": results["settings"], "methods": sorted(args.methods),
                        "rules": args.rules, "project": results["project"]}]
        results["sizes"][str(size)] = merge(results["sizes"].get(str(size)), res) if args.merge else res
    print()
    print(table(results))
    print()
    print(bucket_table(results))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str))
    print(f"\nwrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
