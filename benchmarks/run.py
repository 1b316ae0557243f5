"""Time needscli analyze against the I/O floor and a naive pandas peer, on the same generated inputs.

Usage: python benchmarks/run.py --sizes 10000,100000 [--repeat 1] [--skip-peer] [--skip-floor]
                                [--skip-fast-floor] [--floors-up-to 300000] [--json results.json]

The fast floor (fastexcel + rustpy-xlsxwriter, the floor of a faster backend) is measured where both
are installed: `pip install -e '.[bench]'` (make bench does it).

Each measurement runs in its own process; wall time is measured outside it. Memory is reported two
ways: peak MB, the largest resident set of the process and its children (ru_maxrss), and PSS MB,
the peak of the proportional set size summed over the process tree (Linux), which counts pages
shared by needscli's two writing processes once. A PSS sample walks the page tables of every process
of the tree and holds each one's memory map while it does (65 ms for a 4 GB process): it is taken
every 0.2 s while that costs little, and less often as the run grows, so that sampling takes at most
PSS_SHARE of the wall time (sampling every 0.2 s slowed a million cadres' run from 358 to 416 s). Results are printed as a table,
with the growth from each size to the next, and written as JSON.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from baselines import fast_available  # noqa: E402
from generate import generate  # noqa: E402

AS_OF = "2026-11-01"


def _tree_pss_mb(root: int) -> float:
    """Proportional set size of a process and its descendants (Linux), in MB; 0 where unknown.

    needscli writes its outputs in two processes whose pages are shared copy-on-write: the sum of
    their PSS is the memory the run really holds, which ru_maxrss (the largest one) does not show.
    """
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry.name))
    total, todo = 0.0, [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) / 1024
                    break
        except OSError:
            continue
    return total


PSS_SHARE = 0.05  # the most of the wall time the PSS samples may take (see the module's docstring)


def run_child(args: list[str]) -> tuple[float, float, str, float]:
    """(wall seconds, peak MB, stdout, peak PSS MB of the process tree) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    chunks: list[bytes] = []
    reader = threading.Thread(target=lambda: chunks.append(proc.stdout.read() if proc.stdout else b""))
    reader.start()
    peak_pss = 0.0
    sampling = Path("/proc/self/smaps_rollup").exists()
    next_sample = 0.0
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        now = time.perf_counter()
        if sampling and now >= next_sample:
            peak_pss = max(peak_pss, _tree_pss_mb(proc.pid))
            next_sample = now + (time.perf_counter() - now) / PSS_SHARE
        time.sleep(0.2)
    wall = time.perf_counter() - start
    reader.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.returncode not in (0, 1):
        raise SystemExit(f"child failed ({proc.returncode}): {' '.join(args)}\n{err[-2000:]}")
    return wall, usage.ru_maxrss / 1024, b"".join(chunks).decode("utf-8", "replace"), peak_pss


def measure_needscli(path: Path, out: Path, extra: list[str]) -> dict[str, object]:
    args = [sys.executable, "-m", "needscli", "analyze", str(path), "-o", str(out), "--as-of", AS_OF,
            "--format", "json", "--quiet", "--timings", *extra]
    wall, peak, stdout, pss = run_child(args)
    summary = json.loads(stdout)
    return {"wall": wall, "peak_mb": peak, "peak_pss_mb": pss, "timings": summary.get("timings", {}),
            "needs": summary["counts"]["needs"], "cadres": summary["counts"]["cadres"],
            "seats": summary["classes"]["seats"]}


def measure_baseline(kind: str, path: Path, out: Path, counts: dict[str, object]) -> dict[str, object]:
    args = [sys.executable, str(HERE / "baselines.py"), kind, str(path), str(out),
            str(counts["needs"]), str(counts["cadres"]), str(counts["seats"])]
    wall, peak, stdout, pss = run_child(args)
    return {"wall": wall, "peak_mb": peak, "peak_pss_mb": pss, "detail": json.loads(stdout)}


def machine() -> dict[str, object]:
    """What the figures were measured on: the CPU, its cores, the memory, the system and Python."""
    model, memory = platform.processor() or platform.machine(), 0
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = round(int(line.split()[1]) / 1024 / 1024)
                break
    except OSError:
        pass
    return {"cpu": model, "cpus": os.cpu_count(), "memory_gb": memory, "python": platform.python_version(),
            "platform": platform.platform()}


def best(runs: list[dict[str, object]]) -> dict[str, object]:
    return min(runs, key=lambda r: float(r["wall"]))  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement; the fastest counts")
    parser.add_argument("--skip-peer", action="store_true", help="skip the slow naive pandas peer")
    parser.add_argument("--skip-floor", action="store_true",
                        help="time needscli alone (e.g. for growth at 300k); skips the fast floor too")
    parser.add_argument("--skip-fast-floor", action="store_true", help="skip the Rust writer's floor")
    parser.add_argument("--floors-up-to", type=int, default=300_000,
                        help="measure the floors only for sizes up to this (default 300,000): at 1,000,000 cadres "
                             "the floors' own xlsx of every need takes longer than needscli's whole run")
    parser.add_argument("--json", default=str(HERE / "results" / "latest.json"))
    parser.add_argument("--needscli-args", default="", help="extra analyze arguments, e.g. '--lang en'")
    args = parser.parse_args()
    results: dict[str, object] = {
        "machine": machine(),
        "sizes": {},
    }
    extra = args.needscli_args.split()
    fast = not (args.skip_floor or args.skip_fast_floor)
    if fast and not fast_available():
        print("fast floor skipped: fastexcel and rustpy-xlsxwriter are not installed (pip install -e '.[bench]')")
        fast = False
    m = results["machine"]
    print(f"machine: {m['cpu']}, {m['cpus']} CPUs, {m['memory_gb']} GB, Python {m['python']}, {m['platform']}")  # type: ignore[index]
    import needscli  # byte-compiled once, as an installed package is (even where PYTHONDONTWRITEBYTECODE is set)

    compileall.compile_dir(Path(needscli.__file__).parent, quiet=1)
    for size in (int(s) for s in args.sizes.split(",")):
        path = generate(size)
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp)
            mine = best([measure_needscli(path, out / f"n{i}", extra) for i in range(args.repeat)])
            floors = size <= args.floors_up_to
            floor = None if args.skip_floor or not floors else best(
                [measure_baseline("floor", path, out / f"f{i}", mine) for i in range(args.repeat)])
            fast_floor = None if not fast or not floors else best(
                [measure_baseline("fastfloor", path, out / f"r{i}", mine) for i in range(args.repeat)])
            peer = None if args.skip_peer else measure_baseline("peer", path, out / "p", mine)
        row: dict[str, object] = {"needscli": mine, "floor": floor, "fast_floor": fast_floor, "peer": peer}
        if floor:
            row["needscli_over_floor"] = float(mine["wall"]) / float(floor["wall"])
        if fast_floor:
            row["needscli_over_fast_floor"] = float(mine["wall"]) / float(fast_floor["wall"])
        if peer:
            row["peer_over_needscli"] = float(peer["wall"]) / float(mine["wall"])
        results["sizes"][str(size)] = row  # type: ignore[index]
        print_row(size, row)
    print_growth(results["sizes"])  # type: ignore[arg-type]
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"results: {args.json}")


def print_row(size: int, row: dict[str, object]) -> None:
    mine, floor, fast_floor, peer = row["needscli"], row["floor"], row.get("fast_floor"), row["peer"]
    assert isinstance(mine, dict)
    stages = ", ".join(f"{k} {v:.2f}s" for k, v in mine["timings"].items())
    print(f"\n== {size:,} cadres: {mine['needs']:,} needs, {mine['seats']:,} seats")
    print(f"  {'':10} {'wall s':>8} {'peak MB':>8} {'PSS MB':>8}")
    print(f"  {'needscli':10} {mine['wall']:8.2f} {mine['peak_mb']:8.0f} {mine['peak_pss_mb']:8.0f}   ({stages})")
    if isinstance(floor, dict):
        print(f"  {'I/O floor':10} {floor['wall']:8.2f} {floor['peak_mb']:8.0f} {floor['peak_pss_mb']:8.0f}"
              f"   {floor['detail']}")
    if isinstance(fast_floor, dict):
        print(f"  {'fast floor':10} {fast_floor['wall']:8.2f} {fast_floor['peak_mb']:8.0f}"
              f" {fast_floor['peak_pss_mb']:8.0f}   {fast_floor['detail']}")
    if isinstance(peer, dict):
        print(f"  {'pandas peer':10} {peer['wall']:8.2f} {peer['peak_mb']:8.0f} {peer['peak_pss_mb']:8.0f}"
              f"   {peer['detail']}")
    ratios = []
    if "needscli_over_floor" in row:
        ratios.append(f"needscli / floor = {row['needscli_over_floor']:.2f}")
    if "needscli_over_fast_floor" in row:
        ratios.append(f"needscli / fast floor = {row['needscli_over_fast_floor']:.2f}")
    if "peer_over_needscli" in row:
        ratios.append(f"peer / needscli = {row['peer_over_needscli']:.2f}")
    if ratios:
        print("  " + ";  ".join(ratios))


def print_growth(sizes: dict[str, dict[str, dict[str, float]]]) -> None:
    """Time and memory of each size against the one before: linear growth keeps them near the size ratio."""
    ordered = sorted(sizes.items(), key=lambda kv: int(kv[0]))
    for (small, a), (large, b) in zip(ordered, ordered[1:], strict=False):
        x = int(large) / int(small)
        print(f"\n{int(large):,} / {int(small):,} cadres ({x:g}x): time {b['needscli']['wall'] / a['needscli']['wall']:.2f}x,"
              f" PSS {b['needscli']['peak_pss_mb'] / max(a['needscli']['peak_pss_mb'], 1):.2f}x,"
              f" peak RSS {b['needscli']['peak_mb'] / a['needscli']['peak_mb']:.2f}x")


if __name__ == "__main__":
    main()
