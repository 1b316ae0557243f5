"""Time needscli analyze against the I/O floor and a naive pandas peer, on the same generated inputs.

Usage: python benchmarks/run.py --sizes 10000,100000 [--repeat 1] [--skip-peer] [--json results.json]

Each measurement runs in its own process; wall time is measured outside it, peak memory is the
child's maximum resident set size. Results are printed as a table and written as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

AS_OF = "2026-11-01"


def run_child(args: list[str]) -> tuple[float, float, str]:
    """(wall seconds, peak MB, stdout) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out_bytes = proc.stdout.read() if proc.stdout else b""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.returncode not in (0, 1):
        raise SystemExit(f"child failed ({proc.returncode}): {' '.join(args)}\n{err[-2000:]}")
    return wall, usage.ru_maxrss / 1024, out_bytes.decode("utf-8", "replace")


def measure_needscli(path: Path, out: Path, extra: list[str]) -> dict[str, object]:
    args = [sys.executable, "-m", "needscli", "analyze", str(path), "-o", str(out), "--as-of", AS_OF,
            "--format", "json", "--quiet", "--timings", *extra]
    wall, peak, stdout = run_child(args)
    summary = json.loads(stdout)
    return {"wall": wall, "peak_mb": peak, "timings": summary.get("timings", {}),
            "needs": summary["counts"]["needs"], "cadres": summary["counts"]["cadres"],
            "seats": summary["classes"]["seats"]}


def measure_baseline(kind: str, path: Path, out: Path, counts: dict[str, object]) -> dict[str, object]:
    args = [sys.executable, str(HERE / "baselines.py"), kind, str(path), str(out),
            str(counts["needs"]), str(counts["cadres"]), str(counts["seats"])]
    wall, peak, stdout = run_child(args)
    return {"wall": wall, "peak_mb": peak, "detail": json.loads(stdout)}


def best(runs: list[dict[str, object]]) -> dict[str, object]:
    return min(runs, key=lambda r: float(r["wall"]))  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement; the fastest counts")
    parser.add_argument("--skip-peer", action="store_true", help="skip the slow naive pandas peer")
    parser.add_argument("--json", default=str(HERE / "results" / "latest.json"))
    parser.add_argument("--needscli-args", default="", help="extra analyze arguments, e.g. '--backend fast'")
    args = parser.parse_args()
    results: dict[str, object] = {
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "cpus": os.cpu_count()},
        "sizes": {},
    }
    extra = args.needscli_args.split()
    for size in (int(s) for s in args.sizes.split(",")):
        path = generate(size)
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp)
            mine = best([measure_needscli(path, out / f"n{i}", extra) for i in range(args.repeat)])
            floor = best([measure_baseline("floor", path, out / f"f{i}", mine) for i in range(args.repeat)])
            peer = None if args.skip_peer else measure_baseline("peer", path, out / "p", mine)
        row: dict[str, object] = {"needscli": mine, "floor": floor, "peer": peer,
                                  "needscli_over_floor": float(mine["wall"]) / float(floor["wall"])}
        if peer:
            row["peer_over_needscli"] = float(peer["wall"]) / float(mine["wall"])
        results["sizes"][str(size)] = row  # type: ignore[index]
        print_row(size, row)
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"results: {args.json}")


def print_row(size: int, row: dict[str, object]) -> None:
    mine, floor, peer = row["needscli"], row["floor"], row["peer"]
    assert isinstance(mine, dict) and isinstance(floor, dict)
    stages = ", ".join(f"{k} {v:.2f}s" for k, v in mine["timings"].items())
    print(f"\n== {size:,} cadres: {mine['needs']:,} needs, {mine['seats']:,} seats")
    print(f"  {'':10} {'wall s':>8} {'peak MB':>8}")
    print(f"  {'needscli':10} {mine['wall']:8.2f} {mine['peak_mb']:8.0f}   ({stages})")
    print(f"  {'I/O floor':10} {floor['wall']:8.2f} {floor['peak_mb']:8.0f}   {floor['detail']}")
    if isinstance(peer, dict):
        print(f"  {'pandas peer':10} {peer['wall']:8.2f} {peer['peak_mb']:8.0f}   {peer['detail']}")
    print(f"  needscli / floor = {row['needscli_over_floor']:.2f}"
          + (f";  peer / needscli = {row['peer_over_needscli']:.2f}" if peer else ""))


if __name__ == "__main__":
    main()
