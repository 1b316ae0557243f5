"""Kill needscli analyze with SIGKILL at random moments while it writes, then run it once more.

Usage: python benchmarks/kill_runs.py [--runs 20] [--seed 1] [--roster data/samples/cadres.xlsx]
                                     [--split-by unit|organizer]

Each run is started in its own process and killed (SIGKILL: no handler, no cleanup) a random time
after its first temp folder appears in the output folder, i.e. while it writes. After every kill the
outputs already there must still be whole, and no process of the killed run may be left (its
forked writers die with it). A last run must then leave no temp folder of the killed runs and
write whole outputs: workbooks that openpyxl opens, CSV files that parse, JSON that loads.
Prints one line per kill and the verdict; exits 1 when anything was left behind or broken.
POSIX only (SIGKILL); the check for writing processes left needs /proc (Linux).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples" / "cadres.xlsx"
AS_OF = "2026-11-01"
MAX_DELAY = 0.3  # seconds after writing began, at most, when the kill comes
TIMEOUT = 120.0  # a guard only: a run of the samples takes about a second


@dataclass
class Kill:
    """One run killed (or finished before the kill came)."""

    delay: float
    finished: bool  # the run ended by itself before the kill
    code: int | None
    faults: list[str] = field(default_factory=list)  # broken outputs, processes left


def analyze_command(roster: Path, out: Path, split_by: str | None = None) -> list[str]:
    return [sys.executable, "-m", "needscli", "analyze", str(roster), "--as-of", AS_OF, "-o", str(out), "-q",
            *(["--split-by", split_by] if split_by else [])]


def temp_entries(out: Path) -> set[str]:
    """The hidden ….tmp entries anywhere below out (needscli's temp folders and files); a run may be removing
    them meanwhile (os.walk passes over what vanished)."""
    found = set()
    for folder, dirs, files in os.walk(out):
        for name in (*dirs, *files):
            if name.startswith(".") and name.endswith(".tmp"):
                found.add((Path(folder) / name).relative_to(out).as_posix())
    return found


def writers_left(out: Path, wait: float = 2.0) -> list[int]:
    """Processes (not zombies) whose command line names out: a killed run's writers still running (Linux)."""
    proc = Path("/proc")
    if not proc.is_dir():
        return []
    needle = str(out).encode()
    deadline = time.monotonic() + wait
    while True:
        found = []
        for entry in proc.iterdir():
            if entry.name.isdigit():
                try:
                    if needle in (entry / "cmdline").read_bytes():
                        found.append(int(entry.name))
                except OSError:
                    continue
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


def broken_outputs(out: Path) -> list[str]:
    """The outputs below out that are not whole: a workbook openpyxl cannot open, a CSV or JSON that does not parse."""
    import openpyxl

    faults = []
    for path in sorted(p for p in out.rglob("*") if p.is_file() and not _in_temp(p, out)):
        try:
            if path.suffix == ".xlsx":
                openpyxl.load_workbook(path, read_only=True).close()
            elif path.suffix == ".csv":
                with open(path, encoding="utf-8-sig", newline="") as handle:
                    rows = list(csv.reader(handle))
                if not rows or len({len(r) for r in rows}) != 1:
                    faults.append(f"{path.relative_to(out)}: rows of different lengths")
            elif path.suffix == ".json":
                json.loads(path.read_text(encoding="utf-8"))
        except Exception as exc:  # noqa: BLE001 - every kind of breakage is reported
            faults.append(f"{path.relative_to(out)}: {type(exc).__name__}: {exc}")
    return faults


def _in_temp(path: Path, out: Path) -> bool:
    return any(part.startswith(".") and part.endswith(".tmp") for part in path.relative_to(out).parts)


def kill_while_writing(roster: Path, out: Path, rng: random.Random, max_delay: float = MAX_DELAY,
                       split_by: str | None = None) -> Kill:
    """Start analyze into out, SIGKILL it a random time after its first new temp entry appears."""
    before = temp_entries(out)
    run = subprocess.Popen(analyze_command(roster, out, split_by), stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    start = time.monotonic()
    while run.poll() is None and time.monotonic() - start < TIMEOUT:
        if temp_entries(out) - before:
            break
        time.sleep(0.002)
    delay = rng.uniform(0, max_delay)
    time.sleep(delay)
    finished = run.poll() is not None
    if not finished:
        run.kill()
    code = run.wait()
    kill = Kill(delay, finished, code)
    kill.faults += broken_outputs(out)
    kill.faults += [f"process {pid} of the killed run still runs" for pid in writers_left(out)]
    return kill


def final_run(roster: Path, out: Path, split_by: str | None = None) -> list[str]:
    """Run analyze to its end; the faults left: its exit code, temp entries, broken outputs."""
    done = subprocess.run(analyze_command(roster, out, split_by), capture_output=True, text=True, timeout=TIMEOUT,
                          check=False)
    faults = [] if done.returncode in (0, 1) else [f"the last run exited {done.returncode}: {done.stderr.strip()}"]
    faults += [f"left behind: {name}" for name in sorted(temp_entries(out))]
    faults += broken_outputs(out)
    return faults


def kill_runs(roster: Path, out: Path, runs: int, seed: int, report: bool = False,
              split_by: str | None = None) -> tuple[list[Kill], list[str]]:
    """runs kills into out, then a last run: the kills and the faults the last run found. split_by: the runs write
    the hand-outs too (--split-by), in two processes of their own."""
    rng = random.Random(seed)
    kills = []
    for n in range(runs):
        kill = kill_while_writing(roster, out, rng, split_by=split_by)
        kills.append(kill)
        if report:
            what = "finished first" if kill.finished else "killed"
            print(f"run {n + 1:2}: {what} {kill.delay:.3f} s into writing (exit {kill.code}); "
                  f"temp entries now {len(temp_entries(out))}; "
                  + ("; ".join(kill.faults) if kill.faults else "outputs whole, no process left"))
    return kills, final_run(roster, out, split_by)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--roster", type=Path, default=SAMPLES)
    parser.add_argument("--split-by", choices=["unit", "organizer"], default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kill-runs-") as folder:
        out = Path(folder) / "out"
        kills, faults = kill_runs(args.roster.resolve(), out, args.runs, args.seed, report=True,
                                  split_by=args.split_by)
    killed = sum(not k.finished for k in kills)
    faults += [f for k in kills for f in k.faults]
    print(f"{killed} of {len(kills)} runs killed while writing; then a last run: "
          + ("nothing left behind, every output whole" if not faults else "FAULTS:\n  " + "\n  ".join(faults)))
    return 1 if faults else 0


if __name__ == "__main__":
    sys.exit(main())
