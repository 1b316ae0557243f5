"""needscli: training needs analysis for cadre education and training."""

from .config import Config, load_config
from .errors import ExitCode, NeedsError, Problem
from .models import Cadre, Need, PostRequirement, Priority, Resource, Rule, Topic, TrainingClass

__version__ = "0.1.0"

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
