"""validate's answer when an input is unusable: each file checked on its own, so every fault is named at once."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from needscli.config import Config
from needscli.errors import NeedsError, Problem
from needscli.io.files import resolved


class InputFile(NamedTuple):
    """One file of the run and how the whole load reads it."""

    kind: str  # first (the first roster), roster (a further roster), or the kind given: posts, topics ...
    path: Path


def every_file_fault(first: NeedsError, files: list[Path], cfg: Config, extra: dict[str, Path | None]) -> NeedsError:
    """The error for validate when an input is unusable: each file checked on its own, every fault named.

    Only run after the whole load failed. One fault: first itself; several: one error listing them
    all. Either way one Problem (unusable-file) per file, for --format json.
    """
    faults: list[Problem] = []
    for kind, path in input_files(files, extra):
        try:
            check_file(path, kind, cfg, extra)
        except NeedsError as exc:
            faults.append(Problem("unusable-file", exc.message, file=path.name))
    if first.message not in {p.message for p in faults}:
        faults.insert(0, Problem("unusable-file", first.message))
    if len(faults) == 1:
        first.problems = first.problems or faults
        return first
    lines = "".join(f"\n  {p.message}" for p in faults)
    return NeedsError(f"{len(faults)} input files cannot be used; fix each and run again:{lines}", problems=faults)


def input_files(files: list[Path], extra: dict[str, Path | None]) -> list[InputFile]:
    """The rosters, then the files given by kind; a file named twice is checked once, as named first."""
    named = [InputFile("roster" if i else "first", p) for i, p in enumerate(files)]
    named += [InputFile(kind, p) for kind, p in extra.items() if p is not None]
    unique: dict[Path, InputFile] = {}
    for item in named:
        unique.setdefault(resolved(item.path), item)
    return list(unique.values())


def check_file(path: Path, kind: str, cfg: Config, extra: dict[str, Path | None]) -> None:
    """Raise the NeedsError that loading this one file would meet, as the whole load reads it.

    kind: first (the first roster: every sheet not given as its own file), roster (its roster sheet
    only), or the kind of a file given by --posts, --topics ...
    """
    from needscli.io.load import load_separate
    from needscli.models import Inputs

    if path.suffix.lower() == ".toml" and kind in ("rules", "topics"):
        _check_toml(path, kind, cfg)
    elif kind not in ("first", "roster"):
        load_separate(Inputs(), kind, path, cfg, {}, None, {})
    else:
        _check_workbook(path, kind, cfg, extra)


def _check_toml(path: Path, kind: str, cfg: Config) -> None:
    from needscli.io.catalog_file import build_catalog, load_topics_toml
    from needscli.io.rules_file import load_rules

    if kind == "topics":
        load_topics_toml(path)
    else:
        load_rules(build_catalog([], cfg.needs.match_cutoff), cfg, path=path)


def _check_workbook(path: Path, kind: str, cfg: Config, extra: dict[str, Path | None]) -> None:
    from needscli.io.files import read_sheets
    from needscli.io.load import KINDS, assign_sheets, load_inputs, make_table, roster_parts

    sheets = read_sheets(path, cfg.limits)
    found = assign_sheets(path, sheets)
    if "roster" not in found:
        load_inputs([path], cfg)  # says which sheets there are and what to name the roster
    for name in KINDS:
        if name in found and _sheet_is_read(name, kind, extra.get(name)):
            for sheet in roster_parts(path, sheets, found) if name == "roster" else [found[name]]:
                make_table(name, path, sheet, cfg)


def _sheet_is_read(name: str, kind: str, given: Path | None) -> bool:
    """A further roster gives its roster sheet only; the first roster every sheet not given as its own
    file, but a .toml catalog given joins its topics sheet."""
    if name == "roster":
        return True
    return kind == "first" and (given is None or (name == "topics" and given.suffix.lower() == ".toml"))
