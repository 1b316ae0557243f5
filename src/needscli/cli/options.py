"""Command-line values into library inputs: analyze's options over ./needscli.toml over the defaults."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from needscli.cli.render import Format
from needscli.config import Config
from needscli.errors import NeedsError
from needscli.io.cells import parse_date
from needscli.io.config_file import load_config
from needscli.io.pseudonym_key import read_key

# the project file and the pipeline are read by the command that runs: --help needs neither
if TYPE_CHECKING:
    from needscli.io.project import Project
    from needscli.pipeline import Job

DEFAULT_OUTPUT = Path("needscli-out")


class Lang(StrEnum):
    """--lang of the commands that write in one language."""

    zh = "zh"
    en = "en"


class OutLang(StrEnum):
    auto = "auto"
    zh = "zh"
    en = "en"


class SplitBy(StrEnum):
    unit = "unit"
    organizer = "organizer"


def parse_date_option(value: str | None) -> dt.date | None:
    """A date option's value (None when not given); a value that is no date is a usage error."""
    if value is None:
        return None
    parsed, fault = parse_date(value)
    if fault or parsed is None:
        raise typer.BadParameter("expected a date such as 2026-11-01")
    return parsed


def extras(posts: Path | None, priorities: Path | None, topics: Path | None, resources: Path | None,
           rules: Path | None) -> dict[str, Path | None]:
    """The input files given besides the rosters, by kind."""
    return {"posts": posts, "priorities": priorities, "topics": topics, "resources": resources, "rules": rules}


@dataclass(frozen=True)
class AnalyzeArgs:
    """analyze's command-line values; None where not given (the project file or the default decides)."""

    files: list[Path] | None = None
    posts: Path | None = None
    priorities: Path | None = None
    topics: Path | None = None
    resources: Path | None = None
    rules: Path | None = None
    config: Path | None = None
    project: Path | None = None
    output: Path | None = None
    fmt: Format | None = None
    lang: OutLang | None = None
    strict: bool | None = None
    as_of: str | None = None
    plan_start: str | None = None
    periods: int | None = None
    split_by: SplitBy | None = None
    quiet: bool | None = None
    pseudonymize: bool | None = None
    pseudonym_key: Path | None = None
    ledger: Path | None = None


@dataclass(frozen=True)
class AnalyzeSetup:
    """What analyze knows before it reads any option that can fail: where its inputs are and how to report."""

    project: Project  # the project file read, or an empty one
    rosters: list[Path]
    extra: dict[str, Path | None]
    fmt: Format
    quiet: bool


def read_setup(args: AnalyzeArgs) -> AnalyzeSetup:
    """The project file (given, else ./needscli.toml when no roster is named), the rosters and the output format."""
    from needscli.io.project import Project, expand_inputs, find_project, load_project

    path = args.project or (None if args.files else find_project())
    project = load_project(path) if path else Project()
    rosters = expand_inputs([str(f) for f in args.files]) if args.files else project.rosters()
    if not rosters:
        raise NeedsError("no roster given: name a roster file or folder, or put [inputs] roster in needscli.toml")
    given = extras(args.posts, args.priorities, args.topics, args.resources, args.rules)
    in_project = project.extra()
    opts = project.options
    return AnalyzeSetup(
        project=project,
        rosters=rosters,
        extra={kind: in_project[kind] if value is None else value for kind, value in given.items()},
        fmt=args.fmt or Format(opts.format or "table"),
        quiet=bool(_given_else(args.quiet, opts.quiet)),
    )


def build_job(args: AnalyzeArgs, setup: AnalyzeSetup) -> Job:
    """The pipeline Job: each option from the command line, else the project file, else its default."""
    from needscli.pipeline import Job

    project = setup.project
    opts = project.options
    return Job(
        rosters=setup.rosters,
        config=load_config(args.config) if args.config else project.config,
        extra=setup.extra,
        mapping=project.columns,
        output=args.output or (project.folder / opts.output if opts.output else DEFAULT_OUTPUT),
        as_of=parse_date_option(args.as_of or opts.as_of),
        lang=(args.lang or OutLang(opts.lang or "auto")).value,
        strict=bool(_given_else(args.strict, opts.strict)),
        plan_start=parse_date_option(args.plan_start or opts.plan_start),
        periods=args.periods or opts.periods,
        split_by=args.split_by.value if args.split_by else opts.split_by,
        pseudonym_key=_pseudonym_key(args, project),
        ledger=args.ledger or project.path(project.inputs.ledger),
    )


def with_class_options(config: Config, *, min_size: int | None, max_size: int | None, max_per_cadre: int | None,
                       unit_away_share: float | None) -> Config:
    """config with the classes settings given on the command line; None keeps the setting."""
    given = {"min_size": min_size, "max_size": max_size, "max_per_cadre": max_per_cadre,
             "unit_away_share": unit_away_share}
    settings = config.classes.model_copy(update={k: v for k, v in given.items() if v is not None})
    if settings.min_size > settings.max_size:
        raise NeedsError(f"--min-size {settings.min_size} is above --max-size {settings.max_size}")
    return config.model_copy(update={"classes": settings})


def _pseudonym_key(args: AnalyzeArgs, project: Project) -> bytes | None:
    """The key when pseudonyms are asked for: from --pseudonym-key, the project's key file, or the environment."""
    if not _given_else(args.pseudonymize, project.options.pseudonymize):
        return None
    return read_key(args.pseudonym_key or project.path(project.options.pseudonym_key_file))


def _given_else(given: bool | None, in_project: bool | None) -> bool | None:
    """A --flag/--no-flag given on the command line wins, even when it says no."""
    return in_project if given is None else given
