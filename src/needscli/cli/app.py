"""The needscli command line: parse options, call the library, render, set the exit code."""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

try:  # typer bundles its own click from 0.16 on
    from typer._click.exceptions import ClickException  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - older typer
    from click import ClickException

from needscli import __version__
from needscli.cli.records import records_app
from needscli.cli.render import (
    Format,
    counts_line,
    err,
    errors_as_json,
    handled,
    out,
    print_error_json,
    problems_table,
    progress_reporter,
    render_explanation,
    render_summary,
    report_fatal,
    report_problems,
)
from needscli.config import Config, load_config
from needscli.core.pseudonyms import KEY_ENV, read_key
from needscli.errors import ExitCode, NeedsError, Problem
from needscli.io.cells import parse_date

# the library is imported by the command that runs: --help and the records commands need little of it
if TYPE_CHECKING:
    from needscli.core.analysis import Analysis
    from needscli.plan.classes import Plan

app = typer.Typer(
    name="needscli",
    help="Training needs analysis for cadre education: rosters in, gap reports and class rosters out.\n\n"
    "Example: needscli analyze roster.xlsx",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class Lang(StrEnum):
    zh = "zh"
    en = "en"



FilesArg = Annotated[list[Path], typer.Argument(help="Roster workbook(s) or CSV file(s); the first may also hold "
                                                "the posts, priorities, topics, resources and rules sheets.")]
PostsOpt = Annotated[Path | None, typer.Option("--posts", help="Posts (岗位职责) file, if not a sheet of the roster.")]
PrioritiesOpt = Annotated[Path | None, typer.Option("--priorities", help="Organizational priorities (组织需求) file.")]
TopicsOpt = Annotated[Path | None, typer.Option("--topics", help="Topic catalog (课程) file; default: built-in.")]
ResourcesOpt = Annotated[Path | None, typer.Option("--resources", help="Training resources (培训资源) file.")]
RulesOpt = Annotated[Path | None, typer.Option("--rules", help="Rules: a .toml file or a sheet (规则); default: built-in.")]
ConfigOpt = Annotated[Path | None, typer.Option("--config", help="Thresholds and ladders (TOML); default: DOMAIN numbers.")]
FormatOpt = Annotated[Format, typer.Option("--format", help="table for people, json for scripts.")]




def version_callback(value: bool) -> None:
    if value:
        out.print(f"needscli {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[bool, typer.Option("--version", callback=version_callback, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """Training needs analysis for cadre education and training.

    Exit codes: 0 ok; 1 completed with data problems; 2 input unusable; 3 output could not be written.
    """


def extras(posts: Path | None, priorities: Path | None, topics: Path | None, resources: Path | None,
           rules: Path | None) -> dict[str, Path | None]:
    return {"posts": posts, "priorities": priorities, "topics": topics, "resources": resources, "rules": rules}


@app.command()
@handled
def validate(
    files: FilesArg,
    posts: PostsOpt = None,
    priorities: PrioritiesOpt = None,
    topics: TopicsOpt = None,
    resources: ResourcesOpt = None,
    rules: RulesOpt = None,
    config: ConfigOpt = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Check input files and report every problem at once, naming file, sheet, cell and column.

    Example: needscli validate data/samples/cadres.xlsx

    Exit 0 when clean, 1 when data problems were found, 2 when an input cannot be read at all.
    """
    from needscli.pipeline import check_inputs

    cfg = load_config(config)
    given = extras(posts, priorities, topics, resources, rules)
    try:
        inputs = check_inputs(files, cfg, extra=given)
    except NeedsError as exc:
        raise every_file_fault(exc, files, cfg, given) from None
    if not inputs.cadres:  # as analyze would say: nothing to analyze is not a clean roster
        if fmt is Format.table:
            out.print(counts_line(inputs))
            if inputs.problems:
                out.print(problems_table(inputs.problems))
        raise NeedsError("no cadre could be analyzed: the roster has no valid rows"
                         + (f" ({len(inputs.problems)} problem(s))" if inputs.problems else ""),
                         problems=inputs.problems)
    if fmt is Format.json:
        out.print_json(json.dumps({
            "counts": inputs.counts,
            "skipped": inputs.skipped,
            "problems": [p.as_dict() for p in inputs.problems],
        }, ensure_ascii=False))
    else:
        out.print(counts_line(inputs))
        if inputs.problems:
            out.print(problems_table(inputs.problems))
        else:
            out.print("[green]No problems found.[/green]")
    raise typer.Exit(ExitCode.PROBLEMS if inputs.problems else ExitCode.OK)


def every_file_fault(first: NeedsError, files: list[Path], cfg: Config, extra: dict[str, Path | None]) -> NeedsError:
    """The error for validate when an input is unusable: each file checked on its own, every fault named.

    Only run after the whole load failed. One fault: first itself; several: one error listing them
    all, one Problem (unusable-file) per file.
    """
    faults: list[Problem] = []
    seen: set[Path] = set()
    for kind, path in [*(("roster" if i else "first", p) for i, p in enumerate(files)),
                       *((k, p) for k, p in extra.items() if p is not None)]:
        key = path.resolve()
        if key in seen:
            continue
        seen.add(key)
        try:
            check_file(path, kind, cfg, extra)
        except NeedsError as exc:
            faults.append(Problem("unusable-file", exc.message, file=path.name))
    if first.message not in {p.message for p in faults}:
        faults.insert(0, Problem("unusable-file", first.message))
    if len(faults) == 1:
        return first
    lines = "".join(f"\n  {p.message}" for p in faults)
    return NeedsError(f"{len(faults)} input files cannot be used; fix each and run again:{lines}", problems=faults)


def check_file(path: Path, kind: str, cfg: Config, extra: dict[str, Path | None]) -> None:
    """Raise the NeedsError that loading this one file would meet, as the whole load reads it.

    kind: first (the first roster: every sheet not given as its own file), roster (its roster sheet
    only), or the kind of a file given by --posts, --topics ...
    """
    from needscli.core.catalog import build_catalog, load_topics_toml
    from needscli.core.rules import load_rules
    from needscli.io.files import read_sheets
    from needscli.io.load import KINDS, assign_sheets, load_inputs, load_separate, make_table
    from needscli.models import Inputs

    if path.suffix.lower() == ".toml" and kind in ("rules", "topics"):
        if kind == "topics":
            load_topics_toml(path)
        else:
            load_rules(build_catalog([], cfg.needs.match_cutoff), cfg, path=path)
        return
    if kind not in ("first", "roster"):
        load_separate(Inputs(), kind, path, cfg, {}, None, {})
        return
    found = assign_sheets(path, read_sheets(path, cfg.limits))
    if "roster" not in found:
        load_inputs([path], cfg)  # says which sheets there are and what to name the roster
    for name in KINDS:
        given = extra.get(name)  # a sheet given as its own file is not read, but a .toml catalog joins it
        if name in found and (name == "roster" or (kind == "first" and (
                given is None or (name == "topics" and given.suffix.lower() == ".toml")))):
            make_table(name, path, found[name], cfg)


@app.command()
@handled
def template(
    output: Annotated[Path, typer.Argument(help="Where to write the empty input workbook (.xlsx).")],
    lang: Annotated[Lang, typer.Option("--lang", help="Language of sheet names and headers.")] = Lang.zh,
    config: ConfigOpt = None,
) -> None:
    """Write an empty input workbook: every sheet, its headers, instructions and drop-downs.

    Example: needscli template 模板.xlsx --lang zh
    """
    from needscli.reports.template import write_template

    cfg = load_config(config)
    write_template(output, cfg, lang.value)
    err.print(f"Wrote {output}")


class OutLang(StrEnum):
    auto = "auto"
    zh = "zh"
    en = "en"


def parse_date_option(value: str | None) -> dt.date | None:
    if value is None:
        return None
    parsed, fault = parse_date(value)
    if fault or parsed is None:
        raise typer.BadParameter("expected a date such as 2026-11-01")
    return parsed


PlanStartOpt = Annotated[str | None, typer.Option("--plan-start", help="First day of the plan; default: the month after --as-of.")]
PeriodsOpt = Annotated[int | None, typer.Option("--periods", min=1, help="Periods (months) in the plan; default 12.")]
AsOfOpt = Annotated[str | None, typer.Option("--as-of", help="Analysis date (YYYY-MM-DD); default: today.")]
LangOpt = Annotated[OutLang, typer.Option("--lang", help="Output labels; auto follows the roster's headers.")]
OutOpt = Annotated[Path, typer.Option("-o", "--output", help="Folder for the outputs.")]


class SplitBy(StrEnum):
    unit = "unit"
    organizer = "organizer"


@app.command()
@handled
def analyze(
    files: Annotated[list[Path] | None, typer.Argument(
        help="Roster file(s), folder(s) of unit rosters or glob patterns; default: the inputs of ./needscli.toml. "
        "The first workbook may also hold the posts, priorities, topics, resources and rules sheets.")] = None,
    posts: PostsOpt = None,
    priorities: PrioritiesOpt = None,
    topics: TopicsOpt = None,
    resources: ResourcesOpt = None,
    rules: RulesOpt = None,
    config: ConfigOpt = None,
    project: Annotated[Path | None, typer.Option("--project", help="Project file (inputs, options, column "
                                                 "mappings, thresholds); default: ./needscli.toml if present.")] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Folder for the outputs (default: needscli-out).")] = None,
    fmt: Annotated[Format | None, typer.Option("--format", help="table for people, json for scripts (default: table).")] = None,
    lang: Annotated[OutLang | None, typer.Option("--lang", help="Output labels; auto follows the roster's headers (default: auto).")] = None,
    strict: Annotated[bool | None, typer.Option("--strict/--no-strict", help="Treat any data problem as fatal (exit 2, nothing written).")] = None,
    as_of: AsOfOpt = None,
    plan_start: PlanStartOpt = None,
    periods: PeriodsOpt = None,
    split_by: Annotated[SplitBy | None, typer.Option("--split-by", help="Also write one gap report and class roster per unit or organizer, for hand-out.")] = None,
    quiet: Annotated[bool | None, typer.Option("--quiet", "-q", help="Print nothing but errors (and --format json output).")] = None,
    pseudonymize: Annotated[bool | None, typer.Option("--pseudonymize", help="Replace ids and names in every output by keyed tokens.")] = None,
    pseudonym_key: Annotated[Path | None, typer.Option("--pseudonym-key", help=f"File holding the pseudonym key; default: ${KEY_ENV}.")] = None,
    ledger: Annotated[Path | None, typer.Option("--ledger", help="Training-records ledger: hours and completions come from it.")] = None,
    timings: Annotated[bool, typer.Option("--timings", help="Add seconds per stage to the JSON summary (for benchmarks).")] = False,
) -> None:
    """Find every cadre's training needs with their reasons, form classes, and write the reports.

    Example: needscli analyze data/samples/cadres.xlsx -o needscli-out

    Writes gap-report.xlsx, needs.csv, class-rosters.xlsx, classes.csv, assignments.csv and
    analysis.json (for needscli classes) into the output folder. Exit 0 clean; 1 completed but
    some rows had problems (listed on stderr and in the Problems sheet); 2 nothing analyzed and
    nothing written; 3 an output could not be written.
    """
    from needscli.io.project import ProjectOptions, expand_inputs, find_project, load_project
    from needscli.pipeline import Job, StrictError, run_job

    proj_path = project or (find_project() if not files else None)
    proj = load_project(proj_path) if proj_path else None
    opts = proj.options if proj else ProjectOptions()
    rosters = expand_inputs([str(f) for f in files]) if files else (proj.rosters() if proj else [])
    if not rosters:
        raise NeedsError("no roster given: name a roster file or folder, or put [inputs] roster in needscli.toml")
    given = extras(posts, priorities, topics, resources, rules)
    extra = {k: v if v is not None else (proj.extra()[k] if proj else None) for k, v in given.items()}
    fmt_value = fmt or Format(opts.format or "table")
    errors_as_json(fmt_value is Format.json)  # the project file may ask for JSON
    quiet_value = bool(quiet if quiet is not None else opts.quiet)
    use_pseudonyms = bool(pseudonymize if pseudonymize is not None else opts.pseudonymize)
    key_file = pseudonym_key or (proj.path(opts.pseudonym_key_file) if proj else None)
    job = Job(
        rosters=rosters,
        config=load_config(config) if config else (proj.config if proj else load_config(None)),
        extra=extra,
        mapping=proj.columns if proj else {},
        output=output or (proj.path(opts.output) if proj and opts.output else Path("needscli-out")),
        as_of=parse_date_option(as_of or opts.as_of),
        lang=(lang or OutLang(opts.lang or "auto")).value,
        strict=bool(strict if strict is not None else opts.strict),
        plan_start=parse_date_option(plan_start or opts.plan_start),
        periods=periods or opts.periods,
        split_by=(split_by.value if split_by else opts.split_by),
        pseudonym_key=read_key(key_file) if use_pseudonyms else None,
        ledger=ledger or (proj.path(proj.inputs.ledger) if proj else None),
    )
    report, stop = progress_reporter(fmt_value is Format.table and not quiet_value)
    try:
        result = run_job(job, report)
    except StrictError as exc:
        report_problems(exc.problems)
        raise
    finally:
        stop()
    extra_json = {"timings": {k: round(v, 3) for k, v in result.analysis.timings.items()}} if timings else {}
    finish(result.analysis, result.plan, result.outputs, fmt_value, quiet_value, extra_json)


def finish(analysis: Analysis, plan: Plan, outputs: list[Path], fmt: Format, quiet: bool = False,
           extra_json: dict[str, object] | None = None) -> None:
    """Render the run and exit with its code: stdout carries the requested output only."""
    from needscli.reports.summary import summary_json

    code = ExitCode.PROBLEMS if analysis.problems else ExitCode.OK
    if fmt is Format.json:
        summary = summary_json(analysis, outputs, int(code), {**plan_counts(plan), **(extra_json or {})})
        out.print_json(json.dumps(summary, ensure_ascii=False))
    elif not quiet:
        render_summary(analysis, outputs, plan)
    if not quiet:
        report_problems(analysis.problems)
    raise typer.Exit(int(code))


def plan_counts(plan: Plan) -> dict[str, object]:
    return {"classes": {"count": len(plan.classes), "seats": len(plan.assignments), "unmet": len(plan.unmet),
                        "periods": plan.periods, "start": plan.start.isoformat()}}


@app.command()
@handled
def classes(
    folder: Annotated[Path, typer.Argument(help="Output folder of a previous analyze run (holds analysis.json).")],
    min_size: Annotated[int | None, typer.Option("--min-size", min=1, help="Smallest class.")] = None,
    max_size: Annotated[int | None, typer.Option("--max-size", min=1, help="Largest class.")] = None,
    max_per_cadre: Annotated[int | None, typer.Option("--max-per-cadre", min=1,
                                                      help="Most classes one cadre sits in.")] = None,
    unit_share: Annotated[float | None, typer.Option("--unit-share", min=0.01, max=1.0,
                                                     help="Largest share of a unit away in one period.")] = None,
    plan_start: PlanStartOpt = None,
    periods: PeriodsOpt = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Folder for the outputs; default: FOLDER.")] = None,
    fmt: FormatOpt = Format.table,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors (and --format json output).")] = False,
) -> None:
    """Re-form classes from a previous analysis with other sizes or periods, without re-reading the roster.

    Example: needscli classes needscli-out --max-size 40 --periods 6

    Rewrites class-rosters.xlsx, classes.csv, assignments.csv and the gap report in the folder.
    """
    from needscli.core.analysis import Analysis
    from needscli.io.snapshot import load_snapshot
    from needscli.pipeline import plan_classes
    from needscli.reports import write_all

    analysis = load_snapshot(folder)
    assert isinstance(analysis, Analysis)
    overrides = {"min_size": min_size, "max_size": max_size, "max_per_cadre": max_per_cadre,
                 "unit_away_share": unit_share}
    settings = analysis.config.classes.model_copy(update={k: v for k, v in overrides.items() if v is not None})
    if settings.min_size > settings.max_size:
        raise NeedsError(f"--min-size {settings.min_size} is above --max-size {settings.max_size}")
    analysis.config = analysis.config.model_copy(update={"classes": settings})
    plan = plan_classes(analysis, parse_date_option(plan_start), periods)
    analysis.problems = [p for p in analysis.problems if p.code != "no-organizer"] + plan.problems
    finish(analysis, plan, write_all(analysis, plan, output or folder), fmt, quiet)


@app.command()
@handled
def explain(
    roster: Annotated[Path, typer.Argument(help="The roster workbook or CSV (with its other sheets).")],
    cadre_id: Annotated[str, typer.Argument(help="The cadre's id (编号) as written in the roster.")],
    posts: PostsOpt = None,
    priorities: PrioritiesOpt = None,
    topics: TopicsOpt = None,
    resources: ResourcesOpt = None,
    rules: RulesOpt = None,
    config: ConfigOpt = None,
    lang: LangOpt = OutLang.auto,
    as_of: AsOfOpt = None,
) -> None:
    """Show one cadre's needs with the rule and facts behind each, and the rules that did not fire.

    Example: needscli explain data/samples/cadres.xlsx C0001
    """
    from needscli.pipeline import analyze as analyze_inputs

    cfg = load_config(config)
    analysis, result = analyze_inputs([roster], cfg, extra=extras(posts, priorities, topics, resources, rules),
                                      as_of=parse_date_option(as_of), lang=lang.value, explain={cadre_id})
    cadre = analysis.cadre_by_id.get(cadre_id)
    if cadre is None:
        raise NeedsError("that id is not among the roster's valid rows; check it with needscli validate")
    render_explanation(analysis, result, cadre)


app.add_typer(records_app, name="records")


def main() -> None:
    """Console entry point: no traceback ever reaches the user."""
    pause_collector()
    errors_as_json(asks_for_json(sys.argv[1:]))  # for an error before a command runs; the command sets it again
    try:
        code = app(standalone_mode=False)
    except NeedsError as exc:
        report_fatal(exc.message, int(exc.exit_code), exc.problems)
        _leave(int(exc.exit_code))
    except typer.Exit as exc:
        _leave(exc.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        err.print("Aborted.")
        _leave(130)
    except Exception as exc:  # noqa: BLE001 - the edge: a message, never a traceback or a cell value
        if isinstance(exc, ClickException):
            exc.show()
            if exc.exit_code in (ExitCode.INPUT_UNUSABLE, ExitCode.OUTPUT_FAILED):
                print_error_json(exc.format_message(), exc.exit_code, code="usage-error")
            _leave(exc.exit_code)
        report_fatal(f"internal error ({type(exc).__name__}); nothing was written. Please report it.",
                     int(ExitCode.INPUT_UNUSABLE), code="internal-error")
        _leave(int(ExitCode.INPUT_UNUSABLE))
    _leave(code if isinstance(code, int) else 0)


def pause_collector() -> None:
    """The cyclic garbage collector off for the whole run, process-wide and set here only.

    A run keeps nearly everything it makes (the roster's models, the needs, the plan) to its end,
    yet every object made counts towards full collections that walk all of them again: about a
    third of a large run's time. Reference counting still frees what is dropped, and a run is
    one short process, so the few cycles left are freed with it.
    """
    gc.disable()


def asks_for_json(args: list[str]) -> bool:
    """--format json on the command line."""
    return any(arg == "--format=json" or (arg == "--format" and value == "json")
               for arg, value in zip(args, [*args[1:], ""], strict=True))


def _leave(code: int | None) -> NoReturn:
    """Exit with code once the output is flushed, without freeing a large run's objects one by one.

    Every file is closed and moved into place before this point; what is left at exit is memory
    (millions of objects at province scale, seconds to free). Where the flush fails (a closed pipe)
    the interpreter's own exit handles it.
    """
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        sys.exit(code)
    os._exit(code or 0)
