"""The thresholds file (--config, or the thresholds of needscli.toml) read into a Config."""

from __future__ import annotations

from pathlib import Path

from needscli.config import Config, config_from_data
from needscli.io.toml_file import read_toml


def load_config(path: Path | None) -> Config:
    """Read a TOML config; absent sections keep DOMAIN.md's defaults."""
    if path is None:
        return Config()
    return config_from_data(read_toml(Path(path), "config file"), Path(path).name)
