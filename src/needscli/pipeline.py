"""analyze(inputs, config) -> Analysis: the one call the CLI makes."""

from __future__ import annotations

from pathlib import Path

from .config import Config
from .io.load import Inputs, load_inputs


def check_inputs(rosters: list[Path], config: Config, extra: dict[str, Path | None] | None = None,
                 mapping: dict[str, dict[str, str]] | None = None) -> Inputs:
    """Load every input and report its problems; raises NeedsError when an input is unusable."""
    return load_inputs(rosters, config, extra=extra, mapping=mapping)
