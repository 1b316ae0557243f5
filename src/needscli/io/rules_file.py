"""Rules read from TOML (the shipped defaults and a user's --rules file), then checked by the core."""

from __future__ import annotations

import re
from pathlib import Path

from needscli.config import Config
from needscli.core.catalog import Catalog
from needscli.core.rules import RawRules, RuleSet, check_rules, parse_sheet_rules, toml_rules
from needscli.io.toml_file import default_text, parse_toml, read_text

_RULE_HEADER = re.compile(r"^\s*\[\[\s*rule\s*\]\]")


def rule_lines(text: str) -> list[int]:
    """Line number of each [[rule]] header, in order."""
    return [i for i, line in enumerate(text.splitlines(), start=1) if _RULE_HEADER.match(line)]


def parse_toml_rules(text: str, origin: str) -> RawRules:
    """(where, raw rule) for each [[rule]] of a TOML text; unreadable TOML is a NeedsError."""
    return toml_rules(parse_toml(text, origin, "rules file"), origin, rule_lines(text))


def default_rules() -> RawRules:
    """The shipped rules (defaults/rules.toml), unchecked."""
    return parse_toml_rules(default_text("rules.toml"), "rules.toml (built-in)")


def load_rules(catalog: Catalog, config: Config, *, path: Path | None = None,
               sheet_rows: list[tuple[int, dict[str, str]]] | None = None,
               sheet_origin: tuple[str, str] = ("", "")) -> RuleSet:
    """The built-in rules, then the user's (a rule with a built-in id replaces it)."""
    builtin = default_rules()
    raw: RawRules = []
    if path is not None:
        raw += parse_toml_rules(read_text(path, "rules file"), path.name)
    if sheet_rows:
        raw += parse_sheet_rules(sheet_rows, *sheet_origin)
    return check_rules(catalog, config, builtin, raw)
