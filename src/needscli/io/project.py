"""needscli.toml: a batch job in one file (inputs, options, column mappings, thresholds)."""

from __future__ import annotations

import datetime as dt
import glob
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from needscli.config import MAX_PERIODS, Config, config_from_data
from needscli.errors import (
    PROBLEMS_KEPT,
    NeedsError,
    Problem,
    problems_error,
    validation_error,
    validation_faults,
)
from needscli.io.cells import RUN_YEARS, run_date
from needscli.io.config_file import load_config
from needscli.io.headers import ALIASES
from needscli.io.load import KINDS
from needscli.io.toml_file import read_toml
from needscli.text import fold_header
from needscli.vocab import SPLIT_BY_WORDS, resolve_word

PROJECT_FILE = "needscli.toml"
INPUT_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".et", ".csv", ".txt", ".tsv")


class ProjectInputs(BaseModel):
    model_config = ConfigDict(extra="forbid")

    roster: list[str] | str = Field(default_factory=list)  # files, folders or globs
    posts: str | None = None
    priorities: str | None = None
    topics: str | None = None
    resources: str | None = None
    rules: str | None = None
    ledger: str | None = None


class ProjectOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    output: str | None = None
    as_of: str | None = None
    lang: Literal["auto", "zh", "en"] | None = None
    format: Literal["table", "json"] | None = None
    strict: bool | None = None
    plan_start: str | None = None
    periods: int | None = Field(None, ge=1, le=MAX_PERIODS)  # checked as [classes] periods is
    split_by: Literal["unit", "organizer", "host"] | None = None
    quiet: bool | None = None
    pseudonymize: bool | None = None
    pseudonym_key_file: str | None = None
    formats: list[str] | str | None = None  # "xlsx,csv,parquet" or a list of them (checked by the CLI, see --formats)

    @field_validator("split_by", mode="before")
    @classmethod
    def _split_by_in_chinese(cls, value: Any) -> Any:
        """split_by = "单位" (主办单位, 承办单位 ...) as --split-by takes it: its choice; anything else is checked as
        written."""
        return (resolve_word(value, SPLIT_BY_WORDS) or value) if isinstance(value, str) else value

    @field_validator("as_of", "plan_start", mode="before")
    @classmethod
    def _date_as_text(cls, value: Any) -> Any:
        """A TOML date (as_of = 2026-11-01, unquoted) read as its text."""
        return value.isoformat() if isinstance(value, dt.date) else value

    @field_validator("as_of", "plan_start")
    @classmethod
    def _a_date(cls, value: str | None) -> str | None:
        """A date as the command line takes it (--as-of, --plan-start): refused here, naming the file and key."""
        fault = run_date(value)[1] if value is not None else ""
        if fault == "date":
            raise ValueError("Input should be a date such as 2026-11-01")
        if fault:
            raise ValueError(f"Input should be a date from {RUN_YEARS[0]} to {RUN_YEARS[1]}")
        return value


class Project(BaseModel):
    """A parsed project file; paths are relative to its folder."""

    model_config = ConfigDict(extra="ignore")

    inputs: ProjectInputs = Field(default_factory=ProjectInputs)
    options: ProjectOptions = Field(default_factory=ProjectOptions)
    columns: dict[str, dict[str, str]] = Field(default_factory=dict)  # kind -> {header as written: field}
    folder: Path = Path(".")
    config: Config = Field(default_factory=Config)

    def path(self, value: str | None) -> Path | None:
        return None if value is None else (self.folder / value)

    def rosters(self) -> list[Path]:
        items = [self.inputs.roster] if isinstance(self.inputs.roster, str) else self.inputs.roster
        return expand_inputs([str(self.folder / item) for item in items])

    def extra(self) -> dict[str, Path | None]:
        return {k: self.path(getattr(self.inputs, k)) for k in ("posts", "priorities", "topics", "resources",
                                                                "rules")}


def expand_inputs(items: list[str]) -> list[Path]:
    """Files as given (a file named 花名册[2024].xlsx is that file, not a pattern; one named twice stays twice,
    for the reader to say so); a folder gives its spreadsheets; a glob gives its matches (sorted); a file a folder
    or a glob gives again is left out."""
    out: list[Path] = []
    taken: set[Path] = set()  # every file listed so far
    named: set[Path] = set()  # those named as files
    for item in items:
        path = Path(item)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() in INPUT_SUFFIXES
                           and not p.name.startswith((".", "~$")))
            if not found:
                raise NeedsError(f"{path}: folder holds no .xlsx, .xls or .csv file")
        elif not _names_a_file(item) and any(ch in item for ch in "*?["):
            found = sorted(Path(m) for m in glob.glob(item))
            if not found:
                raise NeedsError(f"{item}: no file matches this pattern")
        else:  # named: listed again where named again (the reader says so), not where a folder gave it before
            if path not in taken or path in named:
                out.append(path)
            named.add(path)
            taken.add(path)
            continue
        fresh = [p for p in found if p not in taken]
        out += fresh
        taken.update(fresh)
    return out


def _names_a_file(item: str) -> bool:
    """Whether the text names a file that exists (花名册[2024].xlsx), also with a sheet after # (roster.xlsx#花名册)."""
    return Path(item).exists() or ("#" in item and Path(item.rpartition("#")[0]).exists())


def _check_columns(columns: dict[str, dict[str, str]], where: str) -> None:
    """Check each [columns.KIND] entry maps a header to a field of its kind, in place: a field may be named by its
    key (hours_year) or by a header it is known by (本年度学时, as the template writes it)."""
    for kind, mapping in columns.items():
        if kind not in KINDS:
            raise NeedsError(f"{where}: [columns.{kind}] is not an input kind; use one of {', '.join(KINDS)}")
        known = {fold_header(alias): key for key, aliases in ALIASES[kind].items() for alias in aliases}
        for header, field in mapping.items():
            if field in ALIASES[kind]:
                continue
            key = known.get(fold_header(field))
            if key is None:
                fields = ", ".join(f"{key} ({aliases[0]})" for key, aliases in ALIASES[kind].items())
                raise NeedsError(f'{where}: [columns.{kind}] "{header}" maps to unknown field "{field}"; '
                                 f"fields: {fields}")
            mapping[header] = key


def load_project(path: Path) -> Project:
    """Read needscli.toml; thresholds in it are the config of the run. Every fault of its keys is reported."""
    data = read_toml(path, "project file")
    problems: list[Problem] = []
    not_listed = 0
    try:
        project = Project.model_validate({k: data[k] for k in ("inputs", "options", "columns") if k in data})
    except ValidationError as exc:
        problems, not_listed = validation_faults(exc, path.name, most=PROBLEMS_KEPT)
    try:
        config = config_from_data(data, path.name)
    except NeedsError as exc:
        problems, not_listed = problems + exc.problems, not_listed + exc.not_listed
    if problems:
        raise problems_error(problems, not_listed)
    _check_columns(project.columns, path.name)
    project.folder = path.parent
    project.config = config
    return project


def unused_sections(path: Path) -> list[str]:
    """The sections of a project file that a TOML file given as the config (--config) has and that are not used
    from it: its inputs and options (its thresholds and [columns] are)."""
    return unused_of(read_toml(path, "config file"))


def unused_of(data: Mapping[str, Any]) -> list[str]:
    """The project file's sections among the tables of a config (a TOML file's, a dict's) that a config does not
    use: [inputs], [options], [outputs] (its thresholds and [columns] are used)."""
    return [name for name in ("inputs", "options", "outputs") if name in data]


# how a config holding unused_of's sections was given, and how to run with them ({them}: the sections): the command
# line's --config, the Python API's config= as a file's path or as a dict (no file to give --project)
UNUSED_BY = {"--config": ("from a file given as --config", "give the file as --project"),
             "api": ("by the Python API", "give the file to needscli analyze --project"),
             "api-dict": ("by the Python API", "write {them} in a project file (needscli.toml) and give that file to "
                                               "needscli analyze --project")}


def unused_problems(name: str, sections: list[str], by: str = "--config") -> list[Problem]:
    """A warning that a config's project-file sections (unused_of) are not used, naming them: name is the file's
    (or "config" for a dict), by how it was given (UNUSED_BY)."""
    if not sections:
        return []
    shown = ", ".join(f"[{section}]" for section in sections)
    verb, them = ("is", "it") if len(sections) == 1 else ("are", "them")
    given, instead = UNUSED_BY[by]
    return [Problem(code="config-sections-unused", file=name, severity="warning", expected="--project",
                    message=f"{name}: {shown} {verb} not used {given} (its thresholds and [columns] are); to run "
                            f"with {them}, {instead.format(them=them)}")]


def load_columns(path: Path) -> dict[str, dict[str, str]]:
    """The [columns] of a TOML file given as the config (a project file given with --config): the mapping
    is honoured there too, never dropped."""
    return columns_of(read_toml(path, "config file"), path.name)


def columns_of(data: Mapping[str, Any], name: str) -> dict[str, dict[str, str]]:
    """The column mapping of a config's tables ([columns.KIND] of a TOML file, "columns" of a dict), each entry
    checked as a project file's are; name: the file's (or "config" for a dict), as its faults name it."""
    columns = data.get("columns")
    if columns is None:
        return {}
    try:
        mapping = Project.model_validate({"columns": columns}).columns
    except ValidationError as exc:
        raise validation_error(exc, name) from None
    _check_columns(mapping, name)
    return mapping


def config_settings(path: Path) -> tuple[Config, dict[str, dict[str, str]]]:
    """The thresholds and the column mapping ([columns]) of a TOML file given as the config: --config, or the
    Python API's config= (a project file given so: its [inputs], [options] and [outputs] are not used)."""
    return load_config(path), load_columns(path)


def find_project(start: Path | None = None) -> Path | None:
    """needscli.toml of the folder (default: the current one) if present."""
    candidate = (start or Path.cwd()) / PROJECT_FILE
    return candidate if candidate.is_file() else None
