"""The needscli program: the workbooks it is given start being read before the rest of it loads."""

from __future__ import annotations

import sys


def main() -> None:
    from . import prefetch

    try:
        prefetch.start(sys.argv[1:])
    except Exception:  # noqa: BLE001 - only a head start (no thread to be had, say): read as usual
        prefetch.reset()
    from .cli import main as run

    run()
