"""The needscli command line: parse options, call the library, render, set the exit code."""

from __future__ import annotations

import contextlib
import gc
import itertools
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

try:  # typer bundles its own click from 0.16 on
    from typer._click.exceptions import ClickException, NoSuchOption, UsageError
except ImportError:  # pragma: no cover - older typer
    from click import ClickException, NoSuchOption, UsageError  # type: ignore[assignment]  # the same, where older typer left it

from needscli import __version__
from needscli.cli.file_faults import every_file_fault
from needscli.cli.help_lang import command_in, show_usage_fault
from needscli.cli.options import (
    DEFAULT_CONFIG,
    DEFAULT_OUTPUT,
    AnalyzeArgs,
    Lang,
    OutLang,
    SplitBy,
    build_job,
    choice_parser,
    class_default,
    extras,
    message_lang,
    not_found_message,
    parse_date_option,
    parse_formats,
    project_file,
    read_project_settings,
    read_setup,
    run_inputs,
    unused_config_sections,
    with_class_options,
)
from needscli.cli.records import records_app
from needscli.cli.render import (
    Format,
    err,
    errors_as_json,
    errors_in,
    fatal_lang,
    handled,
    out,
    print_error_json,
    print_json,
    progress_reporter,
    render_explanation,
    render_summary,
    render_validation,
    report_fatal,
    report_problems,
    run_lang,
    run_writes,
    say,
    set_fatal_lang,
    set_run_lang,
)
from needscli.cli.rollup import rollup_command
from needscli.config import MAX_PERIODS
from needscli.errors import ExitCode, NeedsError
from needscli.io.config_file import load_config
from needscli.io.copies import beside_old_books
from needscli.io.pseudonym_key import KEY_ENV
from needscli.labels import label
from needscli.vocab import SPLIT_BY_WORDS

# the library is imported by the command that runs: --help and the records commands need little of it
if TYPE_CHECKING:
    from collections.abc import Callable

    from needscli.core.analysis import Analysis
    from needscli.core.need_shares import Beside
    from needscli.errors import Problem
    from needscli.models import SkippedRow
    from needscli.pipeline import Job, RunResult
    from needscli.planner import Plan

app = typer.Typer(
    name="needscli",
    help="Training needs analysis for cadre education: rosters in, gap reports and class rosters out.\n\n"
    "\b\nExample: needscli analyze roster.xlsx",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)



FilesArg = Annotated[list[Path], typer.Argument(metavar="ROSTER", help=(
    "Roster files (workbooks or CSV), folders of unit rosters or glob patterns, read as analyze reads them; the "
    "first workbook may also hold the posts, priorities, topics, resources and rules sheets."))]
PostsOpt = Annotated[Path | None, typer.Option("--posts", help="Posts (岗位职责) file, if not a sheet of the roster.")]
PrioritiesOpt = Annotated[Path | None, typer.Option("--priorities", help="Organizational priorities (组织需求) file.")]
TopicsOpt = Annotated[Path | None, typer.Option("--topics", help="Topic catalog (课程) file.",
                                                show_default="the built-in catalog")]
ResourcesOpt = Annotated[Path | None, typer.Option("--resources", help="Training resources (培训资源) file.")]
RulesOpt = Annotated[Path | None, typer.Option("--rules", help="Rules: a .toml file or a sheet (规则).",
                                               show_default="the built-in rules")]
ConfigOpt = Annotated[Path | None, typer.Option("--config", help="Thresholds and ladders (TOML).",
                                                show_default=DEFAULT_CONFIG)]
ProjectOpt = Annotated[Path | None, typer.Option("--project", help=(
    "Project file (inputs, options, column mappings, thresholds): what it sets is used where the command line "
    "does not give it."), show_default="needscli.toml of the current folder, else of the roster's folder")]
FormatOpt = Annotated[Format, typer.Option("--format", help="table for people, json for scripts.")]
FORCE_HELP = ("Replace the office's work: a class-rosters.xlsx (or class-rosters-<organizer>.xlsx, or gap-report.xlsx) that is no "
              "longer as needscli wrote it (sign-in marks or hours attended filled in, notes added, saved again "
              "in Excel). Without --force such a file stops the run (exit 3, nothing written): move it elsewhere "
              "first (a signed sheet can go into the ledger with needscli records import). Inputs are never "
              "written over, --force or not.")
ForceOpt = Annotated[bool, typer.Option("--force", "--overwrite", help=FORCE_HELP)]
FormatsOpt = Annotated[str | None, typer.Option("--formats", metavar="FORMATS", help=(
    "Output formats, comma-separated: xlsx (gap report, class rosters), csv, parquet (for pandas, DuckDB ...). "
    "analysis.json and snapshot/ (for needscli classes) are always written."), show_default="xlsx,csv,parquet")]
SPLIT_BY_HELP = ("Also write hand-outs by unit or organizer (a gap report and class rosters each), or by host (承办单位: the "
                 "class rosters of its classes alone). BY may be written in Chinese too: 单位, 主办单位 (or 主办), 承办单位 "
                 "(or 承办).")
AS_ANALYZED = "as in the analyze run"  # classes' limits not given: those analysis.json keeps
SIGTERM_EXIT = 128 + signal.SIGTERM  # 143, as a shell reports a process ended by SIGTERM
INTERRUPTED_EXIT = 130  # Ctrl-C (SIGINT)




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

    Exit codes: 0 ok; 1 completed with data problems; 2 input unusable; 3 output could not be written
    (or would have replaced the office's work: see --force); 130 interrupted (Ctrl-C), 143 terminated
    (SIGTERM): nothing half-written is left, the outputs stay as they were.
    """


AsOfOpt = Annotated[str | None, typer.Option("--as-of", metavar="DATE", help="Analysis date (YYYY-MM-DD).",
                                              show_default="today")]


@app.command()
@handled
def validate(
    files: FilesArg,
    as_of: AsOfOpt = None,
    posts: PostsOpt = None,
    priorities: PrioritiesOpt = None,
    topics: TopicsOpt = None,
    resources: ResourcesOpt = None,
    rules: RulesOpt = None,
    config: ConfigOpt = None,
    project: ProjectOpt = None,
    fmt: FormatOpt = Format.table,
    lang: Annotated[OutLang, typer.Option("--lang", help="Language of the messages; auto follows the roster's "
                                          "headers.")] = OutLang.auto,
) -> None:
    """Check input files and report every problem at once, naming file, sheet, cell and column.

    \b
    Example: needscli validate data/samples/cadres.xlsx

    A cell an obligation needs (hours, the date a post was taken) left blank is a warning: the
    cadre's compliance is unknown until it is filled in. --as-of dates the obligations' deadlines.

    Exit 0 when clean, 1 when data problems were found, 2 when an input cannot be read at all.
    """
    from needscli.io.project import expand_inputs
    from needscli.pipeline import check_inputs

    settings = read_project_settings(project, files, config, extras(posts, priorities, topics, resources, rules))
    cfg, given = settings.config, settings.extra
    rosters = expand_inputs([str(f) for f in files])  # a folder of unit rosters, a pattern: as analyze reads them
    when = parse_date_option(as_of, "--as-of", settings.project.options.as_of)
    # a bar on a terminal, as analyze's: a province's roster takes a minute to read and as long again to check
    report, stop = progress_reporter(fmt is Format.table, lang.value)
    try:
        try:
            inputs = check_inputs(rosters, cfg, extra=given, mapping=settings.mapping, as_of=when, lang=lang.value,
                                  progress=report)
        finally:
            stop()  # before anything is said: the problems, a fault, an interrupt
    except NeedsError as exc:
        raise every_file_fault(exc, rosters, cfg, given) from None
    from needscli.wording import problems_in

    inputs.problems[:0] = problems_in(unused_config_sections(config, project_file(project, files)), inputs.lang)
    code = ExitCode.PROBLEMS if inputs.problems else ExitCode.OK
    render_validation(inputs, fmt, int(code))
    if not inputs.cadres:  # as analyze would say: nothing to analyze is not a clean roster
        raise NeedsError("no cadre could be analyzed: the roster has no valid rows"
                         + (f" ({len(inputs.problems)} problem(s))" if inputs.problems else ""),
                         problems=inputs.problems, lang=inputs.lang)
    raise typer.Exit(code)


@app.command()
@handled
def template(
    output: Annotated[Path, typer.Argument(metavar="FILE", help="Where to write the empty input workbook (.xlsx).")],
    lang: Annotated[Lang | None, typer.Option("--lang", help="Language of sheet names and headers.",
                                              show_default=Lang.zh.value)] = None,
    config: ConfigOpt = None,
    force: Annotated[bool, typer.Option("--force", "--overwrite", help="Replace FILE if it exists. Without "
                                        "it an existing FILE (it may be a roster already filled in) stops "
                                        "the command: exit 3, nothing written.")] = False,
) -> None:
    """Write an empty input workbook: every sheet, its headers, instructions and drop-downs.

    \b
    Example: needscli template 模板.xlsx --lang zh

    Never replaces an existing file unless --force is given.
    """
    from needscli.reports.files import check_output_path, remove_stale_temp, safeguards
    from needscli.reports.template import write_template

    cfg = load_config(config)
    sheets = (lang or Lang.zh).value
    words = lang.value if lang else fatal_lang()  # no roster: --lang, else the locale's (not the sheets' default)
    with errors_in(words):
        check_output_path(output, words)
        with safeguards([(config, "config")] if config else [], force=force, lang=words):
            remove_stale_temp(output.parent)
            write_template(output, cfg, sheets, replace=force)
    say(label("cli.wrote", words, path=output), err)


PlanStartOpt = Annotated[str | None, typer.Option("--plan-start", metavar="DATE", help="First day of the plan.",
                                                   show_default="the first of the month after --as-of")]
PeriodsOpt = Annotated[int | None, typer.Option("--periods", min=1, max=MAX_PERIODS, help="Periods (months) in the plan.",
                                                show_default="12, or [classes] periods of the thresholds")]
# classes: the plan's first day and months not given are those of the analyze run (analysis.json keeps them)
ReplanStartOpt = Annotated[str | None, typer.Option("--plan-start", metavar="DATE", help="First day of the plan.",
                                                    show_default=AS_ANALYZED)]
ReplanPeriodsOpt = Annotated[int | None, typer.Option("--periods", min=1, max=MAX_PERIODS,
                                                      help="Periods (months) in the plan.", show_default=AS_ANALYZED)]
LangOpt = Annotated[OutLang, typer.Option("--lang", help="Output labels; auto follows the roster's headers.")]


# the classes' limits, given to analyze (in place of the thresholds' [classes] settings) or to classes (in place of
# those the analyze run used)
def _min_size(default: str) -> Any:
    return typer.Option("--min-size", min=1, help="Smallest class.", show_default=default)


def _max_size(default: str) -> Any:
    return typer.Option("--max-size", min=1, help="Largest class.", show_default=default)


def _max_per_cadre(default: str) -> Any:
    return typer.Option("--max-per-cadre", min=1, help="Most classes one cadre sits in.", show_default=default)


def _unit_share(default: str) -> Any:
    return typer.Option("--unit-share", min=0.01, max=1.0, metavar="SHARE",
                        help="Largest share of a unit away in one period.", show_default=default)
OutOpt = Annotated[Path, typer.Option("-o", "--output", help="Folder for the outputs.")]


@app.command()
@handled
def analyze(
    files: Annotated[list[Path] | None, typer.Argument(
        metavar="ROSTER", help="Roster files (workbooks or CSV), folders of unit rosters or glob patterns; the first "
        "workbook may also hold the posts, priorities, topics, resources and rules sheets.",
        show_default="the rosters of [inputs] in ./needscli.toml")] = None,
    posts: PostsOpt = None,
    priorities: PrioritiesOpt = None,
    topics: TopicsOpt = None,
    resources: ResourcesOpt = None,
    rules: RulesOpt = None,
    config: ConfigOpt = None,
    project: ProjectOpt = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", metavar="FOLDER", help="Folder for the outputs.",
                                                show_default=str(DEFAULT_OUTPUT))] = None,
    fmt: Annotated[Format | None, typer.Option("--format", help="table for people, json for scripts.",
                                               show_default=Format.table.value)] = None,
    lang: Annotated[OutLang | None, typer.Option("--lang", help="Output labels; auto follows the roster's headers.",
                                                 show_default=OutLang.auto.value)] = None,
    strict: Annotated[bool | None, typer.Option("--strict/--no-strict", help="Treat any data problem as fatal (exit 2, "
                                                "nothing written).", show_default="--no-strict")] = None,
    as_of: AsOfOpt = None,
    plan_start: PlanStartOpt = None,
    periods: PeriodsOpt = None,
    min_size: Annotated[int | None, _min_size(class_default("min_size"))] = None,
    max_size: Annotated[int | None, _max_size(class_default("max_size"))] = None,
    max_per_cadre: Annotated[int | None, _max_per_cadre(class_default("max_per_cadre"))] = None,
    unit_share: Annotated[float | None, _unit_share(class_default("unit_away_share"))] = None,
    split_by: Annotated[SplitBy | None, typer.Option(
        "--split-by", metavar="BY", parser=choice_parser(SplitBy, SPLIT_BY_WORDS, "--split-by"), help=SPLIT_BY_HELP)] = None,
    quiet: Annotated[bool | None, typer.Option("--quiet", "-q", help="Print nothing but errors (and --format json output).")] = None,
    pseudonymize: Annotated[bool | None, typer.Option("--pseudonymize", help="Replace ids and names in every output by keyed tokens.")] = None,
    pseudonym_key: Annotated[Path | None, typer.Option("--pseudonym-key", help="File holding the pseudonym key.",
                                                       show_default=f"the key in ${KEY_ENV}")] = None,
    ledger: Annotated[Path | None, typer.Option("--ledger", help="Training-records ledger: hours and completions come from it.")] = None,
    timings: Annotated[bool, typer.Option("--timings", help="Add seconds per stage to the JSON summary (for benchmarks).")] = False,
    force: ForceOpt = False,
    formats: FormatsOpt = None,
    keep_classes: Annotated[Path | None, typer.Option(
        "--keep-classes", metavar="FOLDER", help="Keep the classes an earlier run (its output folder) announced from "
        "the plan's start on: ids, dates and members who still need them; plan the rest around them.")] = None,
) -> None:
    """Find every cadre's training needs with their reasons, form classes, and write the reports.

    \b
    Example: needscli analyze data/samples/cadres.xlsx -o needscli-out

    Writes into the output folder gap-report.xlsx, class-rosters.xlsx (the sign-in sheets; past
    [limits] roster_sheets classes, in class-rosters-<organizer>.xlsx beside it), needs.csv,
    classes.csv, assignments.csv, plan.csv, the same tables as Parquet files (--formats chooses among
    xlsx, csv and parquet), and analysis.json with snapshot/ (for needscli classes). Exit 0 clean;
    1 completed but some rows had problems (listed on stderr and in the Problems sheet); 2 nothing
    analyzed and nothing written; 3 an output could not be written, or would have replaced the
    office's work.

    Running again into the same folder replaces the outputs, but never an input and never a
    class-rosters.xlsx filled in or gap-report.xlsx annotated since needscli wrote it (see --force). With --split-by,
    the hand-out folders of units no longer on the roster are removed when they hold only what
    needscli wrote, and named otherwise.
    """
    from needscli.reports import RUN_OUTPUTS
    from needscli.reports.files import (
        check_folder,
        check_output_path,
        remove_stale_temp,
        safeguards,
    )

    args = AnalyzeArgs(files=files, posts=posts, priorities=priorities, topics=topics, resources=resources,
                       rules=rules, config=config, project=project, output=output, fmt=fmt, lang=lang,
                       strict=strict, as_of=as_of, plan_start=plan_start, periods=periods, min_size=min_size,
                       max_size=max_size, max_per_cadre=max_per_cadre, unit_share=unit_share, split_by=split_by,
                       quiet=quiet, pseudonymize=pseudonymize, pseudonym_key=pseudonym_key, ledger=ledger,
                       force=force, formats=formats, keep_classes=keep_classes)
    setup = read_setup(args)
    errors_as_json(setup.fmt is Format.json)  # the project file may ask for JSON
    job = build_job(args, setup)
    words = message_lang(job.lang)  # until the roster is read (run_with_progress hears its language)
    set_run_lang(words)
    with errors_in(words):
        check_output_path(job.output, words)
    with safeguards(run_inputs(args, setup, job), force=force, lang=words):
        with errors_in(words):  # before the analysis: an input in the way stops the run at once
            check_folder(job.output, RUN_OUTPUTS, job.formats)
            remove_stale_temp(job.output)
        result = run_with_progress(job, show=setup.fmt is Format.table and not setup.quiet)
    held(result)
    extra = timings_json(result.analysis) if timings else {}
    show = setup.fmt is Format.table and not setup.quiet
    if job.split_by:
        extra.update(tidy_hand_outs([job.output / f"by-{job.split_by}"], result.outputs, result.analysis.lang, show))
    others = other_hand_outs(job.output, job.split_by, result.analysis.lang, show)
    if others:  # beside the removed and kept of tidy_hand_outs, where both were found
        earlier = extra.get("earlier_hand_outs")
        extra["earlier_hand_outs"] = {**(earlier if isinstance(earlier, dict) else {}), "not_rewritten": others}
    finish(result.analysis, result.plan, result.outputs, setup.fmt, setup.quiet, extra or None, job.formats)


def run_with_progress(job: Job, show: bool) -> RunResult:
    """pipeline.run_job, with a progress bar on stderr when show; under --strict the problems come before the error.
    Once the roster is read (pipeline.SPEAKS), what the run says from then on is said in its language: an interrupt,
    a refusal to replace a file (files.speak_in)."""
    from needscli.pipeline import SPEAKS, StrictError, run_job
    from needscli.reports.files import speak_in

    bar, stop = progress_reporter(show, job.lang)

    def report(stage: str, done: int, total: int) -> None:
        if stage.startswith(SPEAKS):
            set_run_lang(stage.removeprefix(SPEAKS))
            speak_in(stage.removeprefix(SPEAKS))
        if bar:
            bar(stage, done, total)

    try:
        return run_job(job, report)
    except StrictError as exc:
        report_problems(exc.problems, lang=fatal_lang(exc.lang), where="json")  # nothing was written
        raise
    finally:
        stop()


def tidy_hand_outs(roots: Sequence[Path], outputs: list[Path], lang: str, show: bool) -> dict[str, object]:
    """Remove the hand-out folders in roots (by-unit/ ...) of earlier runs this run did not write
    (files.stale_hand_outs), say so, and name those kept; returns them for the JSON summary."""
    from needscli.reports.files import stale_hand_outs

    removed: list[Path] = []
    kept: list[Path] = []
    for root in roots:
        gone, stayed = stale_hand_outs(root, outputs)
        removed += gone
        kept += stayed
    joiner = label("list_joiner", lang)
    if show and removed:
        say(label("output.stale_removed", lang, folders=joiner.join(str(f) for f in removed)), err)
    if show and kept:
        say(label("output.stale_kept", lang, folders=joiner.join(str(f) for f in kept)), err)
    if not (removed or kept):
        return {}
    return {"earlier_hand_outs": {"removed": [str(f) for f in removed], "kept": [str(f) for f in kept]}}


def other_hand_outs(folder: Path, split_by: str | None, lang: str, show: bool) -> list[str]:
    """The hand-out folders of earlier runs this run did not write (a run without --split-by, or split by another:
    by-unit/ of a run split by unit before): left as they are, said, and returned for the JSON summary. Their gap reports
    and rosters are an earlier analysis's: an office handing them out again would hand out old figures."""
    from needscli.reports.split import SPLIT_BY

    found = []
    for by in SPLIT_BY:
        root = folder / f"by-{by}"
        if by != split_by and root.is_dir() and not root.is_symlink():
            try:
                if any(p.is_dir() for p in root.iterdir()):
                    found.append((by, root))
            except OSError:
                continue
    if show:
        for by, root in found:
            say(label("output.other_hand_outs", lang, folder=root, by=by), err)
    return [str(root) for _, root in found]


def timings_json(analysis: Analysis) -> dict[str, object]:
    """Seconds per stage, for the JSON summary of a benchmark run."""
    return {"timings": {stage: round(seconds, 3) for stage, seconds in analysis.timings.items()}}


def finish(analysis: Analysis, plan: Plan, outputs: list[Path], fmt: Format, quiet: bool = False,
           extra_json: dict[str, object] | None = None, formats: frozenset[str] | None = None) -> None:
    """Render the run and exit with its code: stdout carries the requested output only. formats: those the
    run wrote (--formats; default all), for the detail sheets the gap report left out and where they are."""
    from needscli.reports.annual_plan import plan_summary
    from needscli.reports.gap_report import EVERY_FORMAT, left_out_sheets
    from needscli.reports.summary import summary_json

    code = ExitCode.PROBLEMS if analysis.problems else ExitCode.OK
    left_out = left_out_sheets(analysis, plan, formats or EVERY_FORMAT)
    if fmt is Format.json:
        # the plan's part ("classes"): counts, needs by route, coverage by need source, obligations served,
        # budget, the hours after the plan, and the limits the plan was made under
        summary = summary_json(analysis, outputs, int(code),
                               {"classes": plan_summary(analysis, plan), **(extra_json or {})}, left_out)
        print_json(summary)
    elif not quiet:
        render_summary(analysis, outputs, plan, plan_summary(analysis, plan), left_out,
                       rosters="xlsx" in (formats or EVERY_FORMAT), parquet="parquet" in (formats or EVERY_FORMAT))
    if not quiet:
        report_problems(analysis.problems, lang=analysis.lang,
                        where="gap_report" if "xlsx" in (formats or EVERY_FORMAT) else "analysis_json")
    raise typer.Exit(int(code))


@app.command()
@handled
def classes(
    folder: Annotated[Path, typer.Argument(metavar="FOLDER", help="Output folder of a previous analyze run (holds "
                                                                  "analysis.json).")],
    min_size: Annotated[int | None, _min_size(AS_ANALYZED)] = None,
    max_size: Annotated[int | None, _max_size(AS_ANALYZED)] = None,
    max_per_cadre: Annotated[int | None, _max_per_cadre(AS_ANALYZED)] = None,
    unit_share: Annotated[float | None, _unit_share(AS_ANALYZED)] = None,
    plan_start: ReplanStartOpt = None,
    periods: ReplanPeriodsOpt = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", metavar="FOLDER", help="Folder for the outputs.",
                                                show_default="the FOLDER given")] = None,
    fmt: FormatOpt = Format.table,
    lang: Annotated[OutLang | None, typer.Option("--lang", help="Output labels; auto follows the roster's headers.",
                                                 show_default=AS_ANALYZED)] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors (and --format json output).")] = False,
    force: ForceOpt = False,
    formats: FormatsOpt = None,
) -> None:
    """Re-form classes from a previous analysis with other sizes or periods, without re-reading the roster.

    \b
    Example: needscli classes needscli-out --max-size 40 --periods 6

    Rewrites class-rosters.xlsx, classes.csv, assignments.csv, plan.csv and the gap report in the folder
    (and the hand-outs of by-unit/, by-organizer/ or by-host/ where analyze --split-by wrote them there),
    and prints the limits the plan was made under: those given here, else those of the analyze run
    (analysis.json keeps them; the options given here are never carried into a later run).
    A class-rosters.xlsx filled in or gap-report.xlsx annotated since needscli wrote it is not replaced (exit 3)
    unless --force.
    """
    from needscli.io.snapshot import load_snapshot
    from needscli.pipeline import SPEAKS, in_language, plan_classes, with_plan_problems
    from needscli.reports import write_all
    from needscli.reports.files import (
        check_folder,
        check_output_path,
        remove_stale_temp,
        safeguards,
    )
    from needscli.reports.split import SPLIT_BY, split_staged

    # a bar on a terminal (as analyze's): at a province's scale forming classes and writing take minutes
    report, stop = progress_reporter(fmt is Format.table and not quiet, lang.value if lang is not None else "")
    try:
        if report:
            report(f"reading {folder.resolve().name}/analysis.json", 0, 0)  # the folder by name, "." too
        analysis = load_snapshot(folder)
        if lang is not None:
            analysis = in_language(analysis, lang.value)
        if report:
            report(SPEAKS + analysis.lang, 0, 0)  # the stages from here said as the run speaks
        target = output or folder
        words = message_lang(analysis.lang)
        set_run_lang(words)
        with errors_in(words):  # an output that cannot be written, said as the analysis speaks
            chosen = parse_formats(formats, analysis.lang)
            check_output_path(target, words)
            with safeguards(force=force, lang=words):
                check_folder(target, formats=chosen)
                remove_stale_temp(target)
                saved = analysis.config  # analysis.json keeps it: the options given here are this run's only
                config = with_class_options(saved, min_size=min_size, max_size=max_size, max_per_cadre=max_per_cadre,
                                            unit_away_share=unit_share, lang=words)
                plan = plan_classes(analysis, parse_date_option(plan_start, "--plan-start"), periods, config,
                                    progress=report)
                analysis = with_plan_problems(analysis, plan)
                if report:
                    report("writing reports", 0, 0)
                # the hand-outs the analyze run split (--split-by) re-written from the new plan, with the main outputs
                # or not at all: left as they were, they would hand out the old classes
                splits = [by for by in SPLIT_BY if (folder / f"by-{by}").is_dir()]
                with contextlib.ExitStack() as hand_outs:
                    split = [path for by in splits
                             for path in hand_outs.enter_context(split_staged(analysis, plan, target, by))]
                    outputs = write_all(analysis, plan, target, formats=chosen, hand_outs=split)
                outputs += split
    finally:
        stop()  # before anything is printed: what follows, or the error
    with errors_in(words):
        held(analysis, plan)
        # the hand-outs of a host the new plan gives no class (or an organizer none runs now) would hand out old classes
        extra = tidy_hand_outs([target / f"by-{by}" for by in splits], outputs, analysis.lang,
                               fmt is Format.table and not quiet)
        finish(analysis, plan, outputs, fmt, quiet, extra or None, formats=chosen)


@app.command()
@handled
def explain(
    roster: Annotated[Path, typer.Argument(metavar="ROSTER", help="The roster workbook or CSV (with its other "
                                                                  "sheets).")],
    cadre_id: Annotated[str, typer.Argument(metavar="CADRE", help="The cadre's id (编号) as written in the roster, or "
                                                                  "its name (姓名) where no other cadre has it.")],
    posts: PostsOpt = None,
    priorities: PrioritiesOpt = None,
    topics: TopicsOpt = None,
    resources: ResourcesOpt = None,
    rules: RulesOpt = None,
    config: ConfigOpt = None,
    project: ProjectOpt = None,
    lang: Annotated[OutLang | None, typer.Option("--lang", help="Output labels; auto follows the roster's headers.",
                                                 show_default=OutLang.auto.value)] = None,
    as_of: AsOfOpt = None,
) -> None:
    """Show one cadre's needs with the rule and facts behind each, the training the roster gives and
    whether it still counts, and the rules that did not apply with the facts that stopped them.

    \b
    Example: needscli explain data/samples/cadres.xlsx C0001
             needscli explain data/samples/cadres.xlsx 孟华倩

    Reads ./needscli.toml (or --project) as analyze does: its column mapping, thresholds and as-of date.
    """
    from needscli.pipeline import analyze as analyze_inputs
    from needscli.text import bare_name, id_spellings

    settings = read_project_settings(project, [roster], config, extras(posts, priorities, topics, resources, rules))
    opts = settings.project.options
    words = (lang or OutLang(opts.lang or "auto")).value
    analysis, result = analyze_inputs([roster], settings.config, extra=settings.extra, mapping=settings.mapping,
                                      as_of=parse_date_option(as_of, "--as-of", opts.as_of), lang=words,
                                      explain={*id_spellings(cadre_id.strip()), bare_name(cadre_id)})
    cadre, near = analysis.find_cadre(cadre_id)
    if cadre is None:
        skipped = analysis.skipped_rows_of(cadre_id)
        if skipped and not any(bare_name(c.name) == bare_name(cadre_id) for c in near):  # on a skipped row, and no valid one's
            raise NeedsError(skipped_row_message(cadre_id.strip(), skipped, analysis.lang), lang=analysis.lang)
        raise NeedsError(not_found_message(cadre_id.strip(), near, analysis.lang), lang=analysis.lang)
    render_explanation(analysis, result, cadre)
    from needscli.io.roster_year import CODE as OTHER_YEAR

    for problem in analysis.problems:  # the cadre's hours read as 0 for the year: said where they are shown
        if problem.code == OTHER_YEAR and (problem.file, problem.sheet) == (cadre.file, cadre.sheet):
            say(label("explain.note", analysis.lang, message=problem.message), err)


def skipped_row_message(text: str, skipped: list[tuple[SkippedRow, list[Problem]]], lang: str) -> str:
    """explain's message for an id or name given only on rows skipped for their faults: where each is, and the
    problems that skipped it, as analyze reported them."""
    joiner = "；" if lang != "en" else "; "
    return "\n".join(label("explain.skipped_row" if row.sheet else "explain.skipped_row.file", lang, text=text, file=row.file, sheet=row.sheet, row=row.row,
                            why=joiner.join(p.message for p in problems)) for row, problems in skipped)


app.add_typer(records_app, name="records")
app.command(name="rollup")(rollup_command)


class Terminated(KeyboardInterrupt):
    """SIGTERM: unwound like Ctrl-C (staged files removed, writing children stopped), then exit 143."""


_terminated = False
_HELD: list[object] = []  # what the last command made, kept to the process's end (held)


def held(*made: object) -> None:
    """Keep what a command made (its analysis and plan) until the process ends: _leave then ends it without
    freeing them. Dropped as the command returned, or as its exit code unwound it (finish raises one where rows
    had problems), a province's millions of objects were freed one by one first: 0.36 s of a 100,000-cadre run.
    Only the last command's are kept (a script or a test running many commands in one process)."""
    _HELD[:] = made


def on_sigterm(signum: int, frame: object) -> None:
    """SIGTERM handler of the CLI process: raise Terminated where the run is (its cleanup runs as for Ctrl-C)."""
    global _terminated
    _terminated = True
    raise Terminated


def main() -> None:
    """Console entry point: no traceback ever reaches the user."""
    pause_collector()
    signal.signal(signal.SIGTERM, on_sigterm)
    errors_as_json(asks_for_json(sys.argv[1:]))  # for an error before a command runs; the command sets it again
    set_fatal_lang(asks_for_lang(sys.argv[1:]))
    set_run_lang("")  # until the command knows its language
    try:
        empty = empty_argument(sys.argv[1:], fatal_lang())
        if empty:
            raise UsageError(empty)
        with beside_old_books(_old_book_copy):  # an .xls its reader cannot survive ends a copy, not the command
            code = command_in(app, fatal_lang())(standalone_mode=False)  # --help in the office's language
    except NeedsError as exc:
        report_fatal(exc.message, int(exc.exit_code), exc.problems, lang=exc.lang, not_listed=exc.not_listed)
        _leave(int(exc.exit_code))
    except typer.Exit as exc:
        _leave(exc.exit_code)
    except typer.Abort:
        err.print(label("cli.aborted", fatal_lang()), markup=False, highlight=False)
        _leave(INTERRUPTED_EXIT)
    except KeyboardInterrupt:  # one that landed outside the command (typer answers those within with 130)
        _leave_interrupted()
    except Exception as exc:  # noqa: BLE001 - the edge: a message, never a traceback or a cell value
        if isinstance(exc, ClickException):
            _value_as_option(exc)
            fault = show_usage_fault(exc, fatal_lang(getattr(exc, "lang", "")))
            if exc.exit_code in (ExitCode.INPUT_UNUSABLE, ExitCode.OUTPUT_FAILED):
                print_error_json(fault, exc.exit_code, code="usage-error")
            _leave(exc.exit_code)
        report_fatal(f"internal error ({type(exc).__name__}); nothing was written. Please report it.",
                     int(ExitCode.INTERNAL), code="internal-error")
        _leave(int(ExitCode.INTERNAL))
    if code == INTERRUPTED_EXIT:  # typer answers an interrupt with exit code 130, SIGTERM's too
        _leave_interrupted()
    _leave(code if isinstance(code, int) else 0)


def empty_argument(args: list[str], lang: str) -> str:
    """What is wrong with a command line holding an empty argument (a script's variable not set: -o "$OUT"), in
    lang; "" where it holds none. No option or argument of needscli takes an empty text, and a path of one is the
    current folder: -o "" wrote the outputs there, and a roster of "" read every roster in it."""
    for at, arg in enumerate(args):
        if arg == "":
            before = args[at - 1] if at else "needscli"
            key = "cli.empty_option" if before.startswith("-") else "cli.empty_argument"
            return label(key, lang, option=before)
    return ""


# a value given as an option of its own (--json for --format json): the option that takes it, not the nearest name
_VALUE_OPTIONS = {"--json": "--format json", "--table": "--format table", "--xlsx": "--formats xlsx",
                  "--csv": "--formats csv", "--parquet": "--formats parquet", "--en": "--lang en", "--zh": "--lang zh"}


def _value_as_option(exc: Exception) -> None:
    """Where an unknown option is a value of another (--json), suggest that option with it."""
    if isinstance(exc, NoSuchOption) and exc.option_name in _VALUE_OPTIONS:
        exc.possibilities = [_VALUE_OPTIONS[exc.option_name]]


def _leave_interrupted() -> NoReturn:
    """After Ctrl-C (exit 130) or SIGTERM (exit 143), the run unwound and what it had begun removed: say so, in the
    language of the command's messages, on one line as an error is (scripts match it), never broken at a width."""
    plain = "" if run_writes() else "_plain"  # a command writing no outputs has none to remove
    if _terminated:
        err.print(label(f"cli.terminated{plain}", run_lang()), markup=False, highlight=False)
        _leave(SIGTERM_EXIT)
    err.print(label(f"cli.interrupted{plain}", run_lang()), markup=False, highlight=False)
    _leave(INTERRUPTED_EXIT)


def stopped_while_loading() -> NoReturn:
    """A Ctrl-C before the command began (while the command line was being imported): said in the language the
    command line asks for, as a command that wrote nothing says it (exit 130)."""
    set_fatal_lang(asks_for_lang(sys.argv[1:]))
    _leave_interrupted()


def _old_book_copy(work: Callable[[], bytes]) -> Beside | None:
    """work (the parse of an Excel 97-2003 workbook: io.files.read_old_workbook) in a copy of the process started
    as a run starts it (pipeline.old_books_start), under the default limits; None where the system cannot fork
    (parsed here). A run's own config sets its limit where it reads its rosters."""
    from needscli.config import Config
    from needscli.pipeline import old_books_start

    start = old_books_start(Config())
    return None if start is None else start(work)


def pause_collector() -> None:
    """The cyclic garbage collector off for the whole run, process-wide and set here only.

    A run keeps nearly everything it makes (the roster's models, the needs, the plan) to its end,
    yet every object made counts towards full collections that walk all of them again: about a
    third of a large run's time. Reference counting still frees what is dropped, and a run is
    one short process, so the few cycles left are freed with it.
    """
    gc.disable()


def asks_for_lang(args: list[str]) -> str:
    """--lang zh|en on the command line ("" when not given, or auto)."""
    for arg, value in itertools.pairwise([*args, ""]):
        chosen = arg.removeprefix("--lang=") if arg.startswith("--lang=") else (value if arg == "--lang" else "")
        if chosen in ("zh", "en"):
            return chosen
    return ""


def asks_for_json(args: list[str]) -> bool:
    """--format json on the command line."""
    return any(arg == "--format=json" or (arg == "--format" and value == "json")
               for arg, value in itertools.pairwise([*args, ""]))


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
