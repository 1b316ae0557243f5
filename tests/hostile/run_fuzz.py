"""Fuzz the readers for a bounded time: rounds of tests/hostile/test_fuzz.py, each with a new seed.

Usage: python tests/hostile/run_fuzz.py [--seconds 300] [--examples 500] [--seed N]

Each round runs `examples` examples of each reader with one seed; rounds go on while time is left
(a round started is finished, so a run may overshoot by one round). The first failing round stops
the run and prints the command that repeats it; hypothesis also keeps the failing example in its
database (.hypothesis/), so the next run tries it first. --seed N runs that one round only.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
TEST = "tests/hostile/test_fuzz.py"


def fuzz_round(seed: int, examples: int) -> int:
    command = [sys.executable, "-m", "pytest", TEST, "-q", "-p", "no:cacheprovider", f"--hypothesis-seed={seed}"]
    env = {**os.environ, "NEEDSCLI_FUZZ_EXAMPLES": str(examples)}
    print(f"seed {seed}: {examples} examples a reader", flush=True)
    code = subprocess.run(command, cwd=ROOT, env=env, check=False).returncode
    if code:
        print(f"failed; repeat it with: NEEDSCLI_FUZZ_EXAMPLES={examples} {' '.join(command[1:])}", flush=True)
    return code


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--examples", type=int, default=500)
    parser.add_argument("--seed", type=int)
    args = parser.parse_args()
    if args.seed is not None:
        return fuzz_round(args.seed, args.examples)
    end, rounds = time.monotonic() + args.seconds, 0
    while time.monotonic() < end:
        code = fuzz_round(random.SystemRandom().randrange(2**32), args.examples)
        rounds += 1
        if code:
            return code
    print(f"{rounds} round(s) of {args.examples} examples a reader passed in {args.seconds:g} s or so")
    return 0


if __name__ == "__main__":
    sys.exit(main())
