"""Command-line values into library inputs: analyze's options over ./needscli.toml over the defaults."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from typer._click.exceptions import UsageError
from typer._click.globals import get_current_context

from needscli.cli.render import Format, fatal_lang
from needscli.config import ClassesConfig, Config
from needscli.errors import NeedsError, Problem
from needscli.io.cells import RUN_YEARS, run_date
from needscli.io.pseudonym_key import PseudonymKey, load_key
from needscli.labels import label
from needscli.vocab import resolve_word

# the project file and the pipeline are read by the command that runs: --help needs neither
if TYPE_CHECKING:
    from needscli.io.project import Project
    from needscli.models import Cadre
    from needscli.pipeline import Job

DEFAULT_OUTPUT = Path("needscli-out")
# what --config's help says of the thresholds without it: config.Config's defaults, which the README's Configuration
# section lists
DEFAULT_CONFIG = ("the built-in thresholds (the hours and obligations of the 2023 Regulations), listed in the "
                  "README's Configuration section")


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
    host = "host"


Choice = TypeVar("Choice", bound=StrEnum)


def choice_parser(kind: type[Choice], words: dict[str, list[str]], option: str) -> Callable[[str], Choice]:
    """The parser of an option of choices (--split-by, records summary --by): a choice as named, or by a Chinese word
    the Chinese help glosses it by (vocab.SPLIT_BY_WORDS: 单位 for unit); any other value a usage error listing the
    choices, with those words where it is said in Chinese."""

    def parse(value: str) -> Choice:
        chosen = resolve_word(str(value), words)
        if chosen is None:
            lang = fatal_lang()
            raise UsageFault(label("cli.bad_choice", lang, value=value, choices=choices_said(words, lang)),
                             option=option, lang=lang)
        return kind(chosen)

    return parse


def choices_said(words: dict[str, list[str]], lang: str) -> str:
    """An option's choices as a refused value lists them: in Chinese each with its Chinese words (unit（单位）、
    organizer（主办单位、主办）), in English as typed ('unit', 'organizer')."""
    if lang == "en":
        return ", ".join(f"'{choice}'" for choice in words)
    return "、".join(f"{choice}（{'、'.join(w for w in said if w != choice)}）" for choice, said in words.items())


def message_lang(lang: str) -> str:
    """The language of a run's messages before its roster is read: lang where the run asked for one (--lang, the
    project file's), else fatal_lang()'s (NEEDSCLI_LANG, else the locale), as its errors' "Error:" is said: a
    message in Chinese under an English locale made a line of two languages."""
    return lang if lang in ("zh", "en") else fatal_lang()


class UsageFault(UsageError):
    """A usage error a command finds in its own values (a date, --formats, no roster): 用法错误 and exit 2 as
    click's own, said in lang where known (the language of the analysis it was found with)."""

    def __init__(self, message: str, *, option: str = "", lang: str = "") -> None:
        super().__init__(f"Invalid value for '{option}': {message}" if option else message,
                         get_current_context(silent=True))
        self.lang = lang


def parse_date_option(value: str | None, option: str, in_project: str | None = None) -> dt.date | None:
    """A date option's value, else the project file's (checked as the file was read: io.project), else None; a
    value given that is no date is a usage error naming the option and the value."""
    if value is None:
        value = in_project
        if value is None:
            return None
    parsed, fault = run_date(value)
    if fault == "date":
        raise UsageFault(f'"{value}" is not a date; expected a date such as 2026-11-01', option=option)
    if fault:
        raise UsageFault(f'"{value}" is not a date from {RUN_YEARS[0]} to {RUN_YEARS[1]}; expected a date such as '
                         "2026-11-01", option=option)
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
    min_size: int | None = None  # the classes' limits: None keeps the thresholds' [classes] setting
    max_size: int | None = None
    max_per_cadre: int | None = None
    unit_share: float | None = None
    split_by: SplitBy | None = None
    quiet: bool | None = None
    pseudonymize: bool | None = None
    pseudonym_key: Path | None = None
    ledger: Path | None = None
    force: bool = False
    formats: str | None = None
    keep_classes: Path | None = None


@dataclass(frozen=True)
class AnalyzeSetup:
    """What analyze knows before it reads any option that can fail: where its inputs are and how to report."""

    project: Project  # the project file read, or an empty one
    rosters: list[Path]
    extra: dict[str, Path | None]
    fmt: Format
    quiet: bool
    project_file: Path | None = None  # the project file's path, when one was read


def project_file(given: Path | None, files: list[Path] | None) -> Path | None:
    """The project file a command reads: --project, else needscli.toml in the current folder, else in the
    folder of the first roster named (one rule for validate, analyze and explain)."""
    from needscli.io.project import find_project

    if given is not None:
        return given
    here = find_project()
    if here is not None or not files:
        return here
    first = Path(str(files[0]).split("#", 1)[0])
    return find_project(first if first.is_dir() else first.parent)


def run_settings(project: Project, config: Path | None) -> tuple[Config, dict[str, dict[str, str]]]:
    """The thresholds and the column mapping of a run: --config's (its [columns] too, when it is a project
    file), else the project file's; a mapping of --config adds to, and beats, the project file's."""
    from needscli.io.project import config_settings

    if config is None:
        return project.config, project.columns
    mapping = {kind: dict(headers) for kind, headers in project.columns.items()}
    thresholds, columns = config_settings(config)
    for kind, headers in columns.items():
        mapping.setdefault(kind, {}).update(headers)
    return thresholds, mapping


@dataclass(frozen=True)
class ProjectSettings:
    """What validate and explain take from the project file, each overridden by what the command line gives."""

    project: Project
    config: Config
    mapping: dict[str, dict[str, str]]
    extra: dict[str, Path | None]


def read_project_settings(project: Path | None, files: list[Path], config: Path | None,
                          given: dict[str, Path | None]) -> ProjectSettings:
    """The project file (see project_file), its thresholds and mapping (see run_settings), and the other inputs:
    each given on the command line, else the project file's."""
    from needscli.io.project import Project, load_project

    path = project_file(project, files)
    read = load_project(path) if path else Project()
    cfg, mapping = run_settings(read, config)
    in_project = read.extra()
    return ProjectSettings(read, cfg, mapping,
                           {kind: in_project[kind] if value is None else value for kind, value in given.items()})


def not_found_message(text: str, near: list[Cadre], lang: str) -> str:
    """explain's message for an id or name no cadre has: the cadres of that name, or the closest ones."""
    from needscli.text import bare_name

    shown = ("、" if lang != "en" else ", ").join(f"{c.id} {c.name}" for c in near)
    if near and all(bare_name(c.name) == bare_name(text) for c in near):  # namesakes, padded or not (王　伟)
        return label("explain.several", lang, n=len(near), text=text, names=shown)
    hint = label("explain.did_you_mean", lang, names=shown) if near else ""
    return label("explain.not_found", lang, text=text, hint=hint)


def read_setup(args: AnalyzeArgs) -> AnalyzeSetup:
    """The project file (given, else ./needscli.toml), the rosters and the output format."""
    from needscli.io.project import Project, expand_inputs, load_project

    path = project_file(args.project, args.files)
    project = load_project(path) if path else Project()
    rosters = expand_inputs([str(f) for f in args.files]) if args.files else project.rosters()
    if not rosters:
        raise UsageFault("no roster given: name a roster file or folder, or put [inputs] roster in needscli.toml")
    given = extras(args.posts, args.priorities, args.topics, args.resources, args.rules)
    in_project = project.extra()
    opts = project.options
    return AnalyzeSetup(
        project=project,
        rosters=rosters,
        extra={kind: in_project[kind] if value is None else value for kind, value in given.items()},
        fmt=args.fmt or Format(opts.format or "table"),
        quiet=bool(_given_else(args.quiet, opts.quiet)),
        project_file=path,
    )


def run_inputs(args: AnalyzeArgs, setup: AnalyzeSetup, job: Job) -> list[tuple[Path, str]]:
    """Every file an analyze run reads, with its kind: no output may be written over one of them. A symbolic link
    leading round in a loop names no file to keep: it is left out (the reading names it)."""
    from needscli.io.files import is_link_loop

    project = setup.project
    named: list[tuple[Path | None, str]] = [(path, "roster") for path in setup.rosters]
    named += [(path, kind) for kind, path in setup.extra.items()]
    named += [(job.ledger, "ledger"), (setup.project_file, "project"), (args.config, "config"),
              (args.pseudonym_key or project.path(project.options.pseudonym_key_file), "pseudonym_key")]
    return [(path, kind) for path, kind in named if path is not None and not is_link_loop(path)]


def build_job(args: AnalyzeArgs, setup: AnalyzeSetup) -> Job:
    """The pipeline Job: each option from the command line, else the project file, else its default."""
    from needscli.pipeline import Job

    project = setup.project
    opts = project.options
    lang = (args.lang or OutLang(opts.lang or "auto")).value
    key = _pseudonym_key(args, project, lang)
    config, mapping = run_settings(project, args.config)
    config = with_class_options(config, min_size=args.min_size, max_size=args.max_size,
                                max_per_cadre=args.max_per_cadre, unit_away_share=args.unit_share, lang=lang)
    return Job(
        rosters=setup.rosters,
        config=config,
        extra=setup.extra,
        mapping=mapping,
        output=args.output or (project.folder / opts.output if opts.output else DEFAULT_OUTPUT),
        as_of=parse_date_option(args.as_of, "--as-of", opts.as_of),
        lang=lang,
        strict=bool(_given_else(args.strict, opts.strict)),
        plan_start=parse_date_option(args.plan_start, "--plan-start", opts.plan_start),
        periods=args.periods or opts.periods,
        split_by=args.split_by.value if args.split_by else opts.split_by,
        pseudonym_key=key.key if key else None,
        ledger=args.ledger or project.path(project.inputs.ledger),
        problems=[*(key.problems if key else []), *unused_config_sections(args.config, setup.project_file)],
        formats=parse_formats(args.formats, lang) if args.formats is not None
        else parse_formats(opts.formats, lang, "needscli.toml [options] formats"),
        keep_classes=args.keep_classes,
    )


def unused_config_sections(config: Path | None, project: Path | None) -> list[Problem]:
    """A warning where the file given as --config is a project file (not the one the run reads as its project):
    its [inputs] and [options] are not used."""
    from needscli.io.project import unused_problems, unused_sections

    if config is None or (project is not None and _same_file(config, project)):
        return []
    return unused_problems(config.name, unused_sections(config))


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError):  # a loop of links (RuntimeError before Python 3.13): not the same file
        return False


def parse_formats(value: str | list[str] | None, lang: str, where: str = "--formats") -> frozenset[str]:
    """The output formats asked for: xlsx, csv, parquet, comma-separated (or a list); all three when none is
    given. Anything else is a NeedsError (exit 2) naming where the value came from, in the run's language (--lang,
    the roster's), else the locale's (Chinese where it says nothing)."""
    from needscli.reports import chosen_formats

    chosen = chosen_formats(value)
    if chosen is None:
        shown = value if isinstance(value, str) else ",".join(map(str, value or ()))
        words = fatal_lang(lang)
        message = label("cli.bad_formats", words, where=where, value=shown)
        if where == "--formats":  # a value refused on the command line: a usage error
            raise UsageFault(message, lang=words)
        raise NeedsError(message, lang=words)
    return chosen


CLASS_OPTIONS = ("min_size", "max_size", "max_per_cadre", "unit_away_share")  # what --min-size ... set


def class_default(key: str) -> str:
    """analyze's default for a classes option (--min-size ...): the thresholds' setting, its built-in value shown."""
    value = ClassesConfig.model_fields[key].default
    return f"[classes] {key} of the thresholds ({value:g})"


def with_class_options(config: Config, *, min_size: int | None, max_size: int | None, max_per_cadre: int | None,
                       unit_away_share: float | None, lang: str = "") -> Config:
    """config with the classes settings given on the command line; None keeps the setting. lang: the language of
    the run, where known (its errors are said in fatal_lang of it)."""
    given = {"min_size": min_size, "max_size": max_size, "max_per_cadre": max_per_cadre,
             "unit_away_share": unit_away_share}
    settings = config.classes.model_copy(update={k: v for k, v in given.items() if v is not None})
    if settings.min_size > settings.max_size:
        # each named as it was given: an option typed, else the setting of the thresholds (a file or the default)
        said = [f"--min-size {min_size}" if min_size is not None else f"[classes] min_size {settings.min_size}",
                f"--max-size {max_size}" if max_size is not None else f"[classes] max_size {settings.max_size}"]
        raise NeedsError(f"the minimum class size {settings.min_size} is above the maximum {settings.max_size} "
                         f"({' and '.join(said)})", lang=fatal_lang(lang))
    return config.model_copy(update={"classes": settings})


def _pseudonym_key(args: AnalyzeArgs, project: Project, lang: str) -> PseudonymKey | None:
    """The key when pseudonyms are asked for: from --pseudonym-key, the project's key file, or the environment. A key
    refused is said as the errors before the roster is read are (message_lang)."""
    if not _given_else(args.pseudonymize, project.options.pseudonymize):
        return None
    return load_key(args.pseudonym_key or project.path(project.options.pseudonym_key_file), lang,
                    refused_in=message_lang(lang))


def _given_else(given: bool | None, in_project: bool | None) -> bool | None:
    """A --flag/--no-flag given on the command line wins, even when it says no."""
    return in_project if given is None else given
