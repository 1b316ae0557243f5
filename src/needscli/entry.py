"""The needscli program: the workbooks it is given start being read before the rest of it loads."""

from __future__ import annotations

import sys


def main() -> None:
    from . import prefetch

    prefetch.start(sys.argv[1:])
    from .cli import main as run

    run()
