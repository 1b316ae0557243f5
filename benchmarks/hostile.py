"""Time needscli on the hostile files of issue #18, and check each ends fast, small and with exit 2.

Usage: python benchmarks/hostile.py [--cases far-cell.xlsx,...] [--commands validate,analyze,import]
                                    [--src DIR] [--timeout 300] [--max-seconds 2] [--max-mb 300]

Each file is made by tests/hostile/make_files.py in a temporary folder; each command runs in its own
process, its wall time measured outside it and its peak memory (largest resident set) read from the
kernel's accounting of that one child (os.wait4). --src runs the needscli package under DIR instead
(another checkout's src/, e.g. before a change). Exit 1 when any run is killed by a signal, exits
other than 2, or takes more than --max-seconds or --max-mb.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def _make_files() -> ModuleType:
    """tests/hostile/make_files.py, loaded by its path (this script's own name hides its folder)."""
    spec = importlib.util.spec_from_file_location("make_files", ROOT / "tests" / "hostile" / "make_files.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_files"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


CASES = _make_files().CASES

COMMANDS = {
    "validate": lambda path, out: ["validate", str(path)],
    "analyze": lambda path, out: ["analyze", str(path), "--as-of", "2026-11-01", "-o", str(out / "analysis")],
    "import": lambda path, out: ["records", "import", str(path), "--ledger", str(out / "ledger.db")],
}


@dataclass
class Run:
    case: str
    command: str
    exit_code: int  # negative: killed by that signal
    seconds: float
    peak_mb: float
    said: str

    def faults(self, max_seconds: float, max_mb: float) -> list[str]:
        out = []
        if self.exit_code < 0:
            out.append(f"killed by {signal.Signals(-self.exit_code).name}")
        elif self.exit_code != 2:
            out.append(f"exit {self.exit_code}")
        if self.seconds > max_seconds:
            out.append(f"over {max_seconds:g} s")
        if self.peak_mb > max_mb:
            out.append(f"over {max_mb:g} MB")
        return out


def run(case: str, command: str, path: Path, folder: Path, src: Path | None, timeout: float) -> Run:
    """One command on one file in a child process: its exit, wall time and peak resident set."""
    env = {**os.environ, "PYTHONPATH": str(src)} if src else dict(os.environ)
    args = [sys.executable, "-m", "needscli", *COMMANDS[command](path, folder)]
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=err, env=env, cwd=folder)
        status, usage = _wait(child, timeout)
        seconds = time.perf_counter() - start
        err.seek(0)
        said = err.read().decode("utf-8", "replace").strip().splitlines()
    code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
    return Run(case, command, code, seconds, usage.ru_maxrss / 1024, said[-1][:160] if said else "")


def _wait(child: subprocess.Popen[bytes], timeout: float) -> tuple[int, resource.struct_rusage]:
    """os.wait4 on the child (its own rusage), polling so that the timeout holds (then it is killed)."""
    end = time.perf_counter() + timeout
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            child.returncode = status
            return status, usage
        if time.perf_counter() > end:
            child.kill()
            _, status, usage = os.wait4(child.pid, 0)
            child.returncode = status
            return status, usage
        time.sleep(0.01)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", default=",".join(c.name for c in CASES))
    parser.add_argument("--commands", default="validate")
    parser.add_argument("--src", type=Path, help="run the needscli package found under this folder")
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--max-seconds", type=float, default=2.0)
    parser.add_argument("--max-mb", type=float, default=300.0)
    args = parser.parse_args()
    names, commands = args.cases.split(","), args.commands.split(",")
    runs: list[Run] = []
    print(f"{'case':22} {'command':9} {'exit':>5} {'seconds':>8} {'peak MB':>8}  verdict")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for case in CASES:
            if case.name not in names:
                continue
            path = case.build(folder / case.name)
            for command in commands:
                result = run(case.name, command, path, folder, args.src, args.timeout)
                runs.append(result)
                faults = result.faults(args.max_seconds, args.max_mb)
                print(f"{result.case:22} {command:9} {result.exit_code:>5} {result.seconds:>8.2f} "
                      f"{result.peak_mb:>8.0f}  {'; '.join(faults) or 'ok'}", flush=True)
                print(f"{'':22} {result.said}", flush=True)
            path.unlink()
    failed = [r for r in runs if r.faults(args.max_seconds, args.max_mb)]
    print(f"\n{len(runs) - len(failed)} of {len(runs)} runs ended with exit 2 within {args.max_seconds:g} s "
          f"and {args.max_mb:g} MB")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
