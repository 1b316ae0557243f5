"""needscli: training needs analysis for cadre education and training."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from needscli.config import Config, load_config
    from needscli.errors import ExitCode, NeedsError, Problem
    from needscli.models import (
        Cadre,
        Need,
        PostRequirement,
        Priority,
        Resource,
        Rule,
        Topic,
        TrainingClass,
    )

__version__ = "0.1.0"

# loaded when first asked for: the program starts reading its inputs before pydantic is imported
_HOMES = {
    "Config": "config", "load_config": "config",
    "ExitCode": "errors", "NeedsError": "errors", "Problem": "errors",
    **dict.fromkeys(["Cadre", "Need", "PostRequirement", "Priority", "Resource", "Rule", "Topic", "TrainingClass"],
                    "models"),
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'needscli' has no attribute {name!r}")
    value = globals()[name] = getattr(importlib.import_module(f".{home}", __name__), name)
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOMES})


__all__ = [
    "Cadre",
    "Config",
    "ExitCode",
    "Need",
    "NeedsError",
    "PostRequirement",
    "Priority",
    "Problem",
    "Resource",
    "Rule",
    "Topic",
    "TrainingClass",
    "__version__",
    "load_config",
]
