"""needscli: training needs analysis for cadre education and training.

The Python API: analyze() reads the inputs and finds every cadre's needs, plan() forms classes,
write() writes every output; Analysis.to_frame() and Plan.to_frame() give pandas DataFrames. rollup() combines
the output folders of several runs, write_rollup() writes the roll-up; Rollup.to_frame() gives its tables.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from needscli.errors import ExitCode, NeedsError, Problem

if TYPE_CHECKING:
    from needscli.config import Config
    from needscli.core.analysis import Analysis
    from needscli.io.config_file import load_config
    from needscli.models import (
        Assignment,
        Cadre,
        Need,
        PostRequirement,
        Priority,
        Resource,
        Rule,
        Topic,
        TrainingClass,
        UnmetNeed,
    )
    from needscli.planner import Plan
    from needscli.reports.rollup import Rollup

__version__ = "0.1.0"

# Loaded when first asked for. No reader, writer or pandas loads with the package: to_frame imports
# pandas, which would cost every CLI start ~0.4 s.
_HOMES = {
    "Config": "config", "load_config": "io.config_file", "Analysis": "core.analysis", "Plan": "planner",
    "Rollup": "reports.rollup",
    **dict.fromkeys(["Assignment", "Cadre", "Need", "PostRequirement", "Priority", "Resource", "Rule", "Topic",
                     "TrainingClass", "UnmetNeed"], "models"),
}

PathArg = str | os.PathLike[str]
LANGS = ("auto", "zh", "en")


def analyze(paths: PathArg | Sequence[PathArg], *, config: Config | Mapping[str, Any] | PathArg | None = None,
            posts: PathArg | None = None, priorities: PathArg | None = None, topics: PathArg | None = None,
            resources: PathArg | None = None, rules: PathArg | None = None, as_of: dt.date | str | None = None,
            lang: str = "auto", ledger: PathArg | None = None,
            pseudonym_key: bytes | str | os.PathLike[str] | None = None) -> Analysis:
    """Read the roster(s) and the other inputs and find every cadre's needs; raises NeedsError, said in lang (with
    "auto", the roster's language where the fault was found in one, else Chinese)."""
    try:
        return _analyze(paths, config=config, extra={"posts": _path(posts, "posts"),
                                                     "priorities": _path(priorities, "priorities"),
                                                     "topics": _path(topics, "topics"),
                                                     "resources": _path(resources, "resources"),
                                                     "rules": _path(rules, "rules")},
                        as_of=as_of, lang=lang, ledger=ledger, pseudonym_key=pseudonym_key)
    except NeedsError as exc:
        _said_in(exc, lang if lang in ("zh", "en") else exc.lang)
        raise


def _analyze(paths: PathArg | Sequence[PathArg], *, config: Config | Mapping[str, Any] | PathArg | None,
             extra: dict[str, Path | None], as_of: dt.date | str | None, lang: str, ledger: PathArg | None,
             pseudonym_key: bytes | str | os.PathLike[str] | None) -> Analysis:
    from needscli.io.project import expand_inputs
    from needscli.io.pseudonym_key import MIN_KEY_BYTES
    from needscli.pipeline import analyze as analyze_inputs

    if lang not in LANGS:
        raise NeedsError(f'lang must be one of {", ".join(LANGS)}, not "{lang}"')
    key, key_file = _key(pseudonym_key)
    if key is not None and len(key) < MIN_KEY_BYTES:
        raise NeedsError(f"pseudonym_key must be at least {MIN_KEY_BYTES} bytes long")
    given = [paths] if isinstance(paths, str | os.PathLike) else list(paths)
    # folders and glob patterns as on the command line: a folder gives its unit rosters
    rosters = expand_inputs([os.fspath(_not_empty(p, "a roster")) for p in given])
    settings = _config(config)
    analysis, _ = analyze_inputs(rosters, settings.config, extra=extra, as_of=_date(as_of, "as_of"), lang=lang,
                                 mapping=settings.mapping, pseudonym_key=key, ledger=_path(ledger, "ledger"))
    analysis.input_files = _input_files(rosters, extra, ledger, config, key_file)
    if key_file is not None:  # a key file others can read, warned of as the command line does
        from needscli.io.pseudonym_key import key_file_problems

        analysis.problems[:0] = key_file_problems(key_file, analysis.lang)
    if settings.problems:  # a project file's sections the API does not use, warned of as --config warns of them
        from needscli.wording import problems_in

        analysis.problems[:0] = problems_in(settings.problems, analysis.lang)
    return analysis


def _input_files(rosters: list[Path], extra: dict[str, Path | None], ledger: PathArg | None,
                 config: Config | Mapping[str, Any] | PathArg | None, key_file: Path | None) -> tuple[tuple[Path, str], ...]:
    """Every file analyze() read, with its kind, as the command line lists its own (run_inputs): write() writes no
    output over one. A symbolic link leading round in a loop names no file: it is left out."""
    from needscli.io.files import is_link_loop

    named: list[tuple[PathArg | None, str]] = [(path, "roster") for path in rosters]
    named += [(path, kind) for kind, path in extra.items()]
    named += [(ledger, "ledger"), (key_file, "pseudonym_key"),
              (config if isinstance(config, str | os.PathLike) else None, "config")]
    return tuple((Path(path), kind) for path, kind in named if path is not None and not is_link_loop(Path(path)))


def _said_in(exc: NeedsError, lang: str) -> None:
    """The error's message and problems in lang ("zh" or "en"; else Chinese, the offices' language), as the command
    line says them (wording.in_chinese: the English they are written in, said in Chinese)."""
    from needscli.wording import in_chinese, problems_in

    exc.lang = lang if lang in ("zh", "en") else "zh"
    if exc.lang != "en":
        exc.message, exc.problems = in_chinese(exc.message), problems_in(exc.problems, exc.lang)


def _key(given: bytes | str | os.PathLike[str] | None) -> tuple[bytes | None, Path | None]:
    """The pseudonym key, and its file where it was read from one: bytes or text are the key itself; a path
    (pathlib.Path) its file, read as --pseudonym-key FILE reads it. Text naming a file is refused: a path is no
    secret, and the tokens it would key match no run given that file."""
    from needscli.io.pseudonym_key import read_key

    if given is None or isinstance(given, bytes):
        return given, None
    if isinstance(given, os.PathLike):
        return read_key(Path(given)), Path(given)
    if os.path.isfile(given):
        raise NeedsError(f'pseudonym_key "{given}" names a file: pass pathlib.Path("{given}") to read the key from '
                         "it, as --pseudonym-key does")
    return given.encode("utf-8"), None


def plan(analysis: Analysis, *, start: dt.date | str | None = None, periods: int | None = None,
         min_size: int | None = None, max_size: int | None = None, max_per_cadre: int | None = None,
         unit_away_share: float | None = None, keep_classes: PathArg | None = None,
         progress: Callable[[str, int, int], None] | None = None) -> Plan:
    """Form classes from an analysis' needs; the settings given apply to this plan, not to analysis.config. Raises
    NeedsError in the analysis' language. keep_classes: an earlier run's output folder whose classes from the plan's
    start on are kept as announced, as analyze --keep-classes (an analysis loaded from a folder written so keeps
    them without it). progress: called ("forming classes", done, total) as the planner's steps end, done summing to
    total (a bar's advance; a million cadres' plan takes minutes)."""
    from needscli.pipeline import check_kept, plan_classes, with_class_settings

    _analysis(analysis, "plan()")
    try:
        config = with_class_settings(_checked(analysis.config), {
            "periods": periods, "min_size": min_size, "max_size": max_size, "max_per_cadre": max_per_cadre,
            "unit_away_share": unit_away_share})
        kept = []
        folder = _path(keep_classes, "keep_classes")
        if folder is not None:
            from needscli.io.kept_plan import read_kept_classes

            kept = read_kept_classes(folder, analysis.lang, analysis.pseudonymized)
            check_kept(analysis, kept, folder)
        return plan_classes(analysis, _date(start, "start"), periods, config=config, kept=kept, progress=progress)
    except NeedsError as exc:
        _said_in(exc, analysis.lang)
        raise


def write(analysis: Analysis, plan: Plan, folder: PathArg, *, force: bool = False,
          formats: str | Iterable[str] | None = None, split_by: str | None = None) -> list[Path]:
    """Write the outputs of analyze into folder, as one set: gap report, needs.csv, class rosters, CSVs, Parquet
    files, analysis.json.

    formats: those of xlsx, csv, parquet to write, as --formats ("csv,parquet" or ["csv", "parquet"]; None: all
    three); analysis.json and snapshot/ are always written. split_by: "unit", "organizer" or "host", as --split-by:
    the hand-outs in by-unit/ ... written with the main outputs, all or nothing. A class-rosters.xlsx filled in or a
    gap-report.xlsx annotated since needscli wrote it is not replaced (OutputError, nothing written) unless
    force=True, as --force; nor is any file analyze() read, nor a workbook of the office's own named like the
    workbooks of sign-in sheets (class-rosters-<anything>.xlsx that no run wrote), force or not. Raises NeedsError in the analysis' language (a value
    formats or split_by does not take: exit code 2), TypeError for an argument of another type."""
    from needscli.pipeline import write_outputs
    from needscli.planner import Plan
    from needscli.reports import RUN_OUTPUTS
    from needscli.reports.files import check_folder, safeguards, stale_hand_outs

    _analysis(analysis, "write()")
    if not isinstance(plan, Plan):
        raise TypeError(f"write() takes the Plan needscli.plan() returns as its second argument, not "
                        f"{type(plan).__name__}")
    _plan_of(analysis, plan)
    target = Path(_not_empty(folder, "folder"))
    try:
        chosen, by = _formats(formats, analysis.lang), _split_by(split_by)
        # its config as analyze() and plan() check theirs: a list changed in place since (holidays.append) would be
        # saved in analysis.json, which needscli classes would then call damaged
        _checked(analysis.config)
        with safeguards(analysis.input_files, force=force, lang=analysis.lang, force_option="force=True"):
            check_folder(target, RUN_OUTPUTS, chosen)  # before anything is written, as needscli analyze checks it
            outputs = write_outputs(analysis, plan, target, chosen, by)
    except NeedsError as exc:
        _said_in(exc, analysis.lang)
        raise
    if by:  # the hand-outs of a unit gone from the roster, as needscli analyze removes them (only what it wrote)
        stale_hand_outs(target / f"by-{by}", outputs)
    return outputs


def rollup(folders: PathArg | Sequence[PathArg], *, lang: str = "zh") -> Rollup:
    """Combine the output folders of several analyze runs (units, cities or provinces, pseudonymized or not) into one
    Rollup, as needscli rollup does: its tables by Rollup.to_frame(kind), its warnings in Rollup.problems. lang ("zh"
    or "en"): of its messages, its topics' names and its workbook. Raises NeedsError (exit code 2) naming the folder
    for a folder that is no needscli output or a run given twice, said in lang."""
    from needscli.reports.rollup import rollup as roll_up

    if lang not in ("zh", "en"):
        raise NeedsError(f'lang must be zh or en, not "{lang}"')
    given = [folders] if isinstance(folders, str | os.PathLike) else folders
    if not isinstance(given, Sequence) or not all(isinstance(f, str | os.PathLike) for f in given):
        raise TypeError(f"rollup() takes a run's output folder or a list of them, not {type(folders).__name__}")
    if not given:
        raise ValueError("rollup() takes at least one run's output folder")
    try:
        return roll_up([Path(_not_empty(f, "a folder")) for f in given], lang)
    except NeedsError as exc:
        _said_in(exc, lang)
        raise


def write_rollup(rolled: Rollup, folder: PathArg) -> list[Path]:
    """Write rollup.xlsx and the roll-up's tables (Parquet, or CSV where pyarrow is not installed) into folder, as
    needscli rollup -o folder writes them, all or none, in the roll-up's language. Raises OutputError (exit code 3,
    nothing written) for a folder that is a run's, or in one, or any folder analyze wrote."""
    from needscli.reports.files import check_output_path, safeguards
    from needscli.reports.rollup import Rollup, run_files
    from needscli.reports.rollup_report import write_rollup as write_tables

    if not isinstance(rolled, Rollup):
        raise TypeError(f"write_rollup() takes the Rollup needscli.rollup() returns, not {type(rolled).__name__}")
    target = Path(_not_empty(folder, "folder"))
    try:
        check_output_path(target, rolled.lang)
        with safeguards([(path, "run") for path in run_files(rolled)], lang=rolled.lang):
            return write_tables(rolled, target, rolled.lang, option="folder")  # the argument, not -o
    except NeedsError as exc:
        _said_in(exc, rolled.lang)
        raise


def _formats(value: str | Iterable[str] | None, lang: str) -> frozenset[str]:
    """write()'s formats, checked as --formats is (cli.options.parse_formats): refused in the analysis' language."""
    from needscli.labels import label
    from needscli.reports import chosen_formats

    given = value if value is None or isinstance(value, str) else list(value) if isinstance(value, Iterable) else value
    if not (given is None or isinstance(given, str)
            or (isinstance(given, list) and all(isinstance(item, str) for item in given))):
        raise TypeError(f'formats takes a text such as "csv,parquet" or a list of texts such as ["csv", "parquet"], '
                        f"not {type(value).__name__}")
    chosen = chosen_formats(given)
    if chosen is None:
        shown = given if isinstance(given, str) else ",".join(given or ())
        raise NeedsError(label("cli.bad_formats", lang if lang in ("zh", "en") else "zh", where="formats",
                               value=shown))
    return chosen


def _split_by(value: str | None) -> str | None:
    """write()'s split_by: None, or one of the hand-outs --split-by writes (reports.split.SPLIT_BY), named as
    --split-by takes it (单位 for unit: vocab.SPLIT_BY_WORDS)."""
    from needscli.reports.split import SPLIT_BY
    from needscli.vocab import SPLIT_BY_WORDS, resolve_word

    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(f'split_by takes one of {", ".join(map(repr, SPLIT_BY))} or None, not {type(value).__name__}')
    chosen = resolve_word(value, SPLIT_BY_WORDS)
    if chosen is None:
        raise NeedsError(f'split_by must be one of {", ".join(SPLIT_BY)}, not "{value}"')
    return chosen


def _plan_of(analysis: Analysis, plan: Plan) -> None:
    """A ValueError, before anything is written, where the plan was not formed from this analysis' needs (its
    reports would mix two rosters, or a writer would find a cadre the analysis does not have)."""
    from needscli.planner.seats import seat_column

    ways = plan.ways
    if ways is not None:  # what plan() made: the needs it was formed from are the analysis' own
        if ways.needs is analysis.needs or ways.needs == analysis.needs:
            return
        raise ValueError(f"write() takes a plan formed from this analysis (needscli.plan(analysis)); this one was "
                         f"formed from other needs ({len(ways.needs)}, not the analysis' {len(analysis.needs)})")
    cadres = analysis.cadre_by_id  # a plan made otherwise: each of its cadres on the analysis' roster
    named = {*seat_column(plan.assignments, "cadre_id"), *(c for cls in plan.classes for c in cls.members),
             *(u.cadre_id for u in plan.unmet), *(h.cadre_id for h in plan.hours_left)}
    strangers = sorted(named.difference(cadres))
    if strangers:
        raise ValueError(f"write() takes a plan formed from this analysis (needscli.plan(analysis)); this one seats "
                         f"{len(strangers)} cadre(s) not in it, e.g. {strangers[0]}")


def _path(value: PathArg | None, name: str = "a path") -> Path | None:
    return None if value is None else Path(_not_empty(value, name))


def _not_empty(value: PathArg, name: str) -> PathArg:
    """value, refused where it is an empty text (a script's variable not set): as a path it is the current folder,
    whose rosters analyze would read and into which write would write."""
    if isinstance(value, str) and value == "":
        raise ValueError(f'{name} is an empty text: give a file or folder ("." for the current folder)')
    return value


class _Settings(NamedTuple):
    """What the API takes of its config argument: the thresholds, the column mapping ([columns]), and a warning
    where a project file's sections it does not use ([inputs], [options], [outputs]) were given."""

    config: Config
    mapping: dict[str, dict[str, str]]
    problems: list[Problem]


def _config(value: Config | Mapping[str, Any] | PathArg | None) -> _Settings:
    """A Config; the path of a TOML file (a needscli.toml: its thresholds and [columns]); its tables as a dict
    ({"classes": {"max_size": 40}, "columns": {"roster": {"人事编码": "id"}}}), checked as the file's are; None for the
    defaults (./needscli.toml is not read: pass its path)."""
    from needscli.config import Config, config_from_data
    from needscli.io.project import (
        columns_of,
        config_settings,
        unused_of,
        unused_problems,
        unused_sections,
    )

    if isinstance(value, Config):
        return _Settings(_checked(value), {}, [])  # the run's own copy: one the script changes later is not it
    if isinstance(value, Mapping):
        data = dict(value)
        return _Settings(config_from_data(data, "config"), columns_of(data, "config"),
                         unused_problems("config", unused_of(data), by="api-dict"))
    if value is None:
        return _Settings(Config(), {}, [])
    if not isinstance(value, str | os.PathLike):
        raise TypeError(f"config takes a needscli.Config, the path of a TOML file or a dict of its tables, "
                        f"not {type(value).__name__}")
    path = Path(value)
    thresholds, mapping = config_settings(path)
    return _Settings(thresholds, mapping, unused_problems(path.name, unused_sections(path), by="api"))


def _checked(config: Config) -> Config:
    """A copy of a Config as given, checked as a config dict is: its values again (a value set was checked as it was
    set, validate_assignment, but a list or dict changed in place, config.classes.holidays.append("…"), was not;
    well under a millisecond), then across its fields."""
    from needscli.config import validated_config

    # warnings=False: a value of another type appended in place (a datetime.date to holidays) is checked, not warned of
    return validated_config(config.model_dump(warnings=False), "config")


def _analysis(value: object, call: str) -> None:
    """A TypeError where a script passed something else for the Analysis (a path, the arguments swapped)."""
    from needscli.core.analysis import Analysis

    if not isinstance(value, Analysis):
        raise TypeError(f"{call} takes the Analysis needscli.analyze() returns, not {type(value).__name__}")


def _date(value: dt.date | str | None, name: str) -> dt.date | None:
    """A run's date as the command line takes it: a datetime.date or ISO text, in the years 1900 to 2999 (a plan
    counted on from the year 9999 runs past the calendar)."""
    from needscli.io.cells import RUN_YEARS, run_date

    if value is None:
        return None
    if not isinstance(value, str | dt.date):
        raise TypeError(f'{name} takes a datetime.date or a text such as "2026-11-01", not {type(value).__name__}')
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            raise NeedsError(f'{name} "{value}" is not a date; give a datetime.date or e.g. "2026-11-01"') from None
    day, _ = run_date(value)
    if day is None:
        raise NeedsError(f'{name} "{value}" is not a date from {RUN_YEARS[0]} to {RUN_YEARS[1]}')
    return day


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'needscli' has no attribute {name!r}")
    value = globals()[name] = getattr(importlib.import_module(f".{home}", __name__), name)
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOMES})


__all__ = [
    "Analysis",
    "Assignment",
    "Cadre",
    "Config",
    "ExitCode",
    "Need",
    "NeedsError",
    "Plan",
    "PostRequirement",
    "Priority",
    "Problem",
    "Resource",
    "Rollup",
    "Rule",
    "Topic",
    "TrainingClass",
    "UnmetNeed",
    "__version__",
    "analyze",
    "load_config",
    "plan",
    "rollup",
    "write",
    "write_rollup",
]
