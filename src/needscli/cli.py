"""The needscli command line: parse options, call the library, render, set the exit code."""

from __future__ import annotations

import datetime as dt
import functools
import json
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table as RichTable

from . import __version__
from .config import load_config
from .errors import ExitCode, NeedsError, Problem
from .io.cells import parse_date
from .io.load import Inputs
from .models import Cadre

if TYPE_CHECKING:
    from .classes import Plan
from .needs import NeedsResult
from .pipeline import Analysis, plan_classes
from .pipeline import analyze as analyze_inputs
from .reports import write_all
from .reports.gap_report import summary_counts
from .reports.labels import SOURCES, TRAINING_TYPES, t, word
from .reports.summary import summary_json
from .reports.template import write_template
from .snapshot import load_snapshot

app = typer.Typer(
    name="needscli",
    help="Training needs analysis for cadre education: rosters in, gap reports and class rosters out.\n\n"
    "Example: needscli analyze roster.xlsx",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


class Format(StrEnum):
    table = "table"
    json = "json"


class Lang(StrEnum):
    zh = "zh"
    en = "en"


KIND_WORDS = {
    "roster": "cadres",
    "posts": "post requirements",
    "priorities": "priorities",
    "topics": "topics",
    "resources": "resources",
    "rules": "rule rows",
}

FilesArg = Annotated[list[Path], typer.Argument(help="Roster workbook(s) or CSV file(s); the first may also hold "
                                                "the posts, priorities, topics, resources and rules sheets.")]
PostsOpt = Annotated[Path | None, typer.Option("--posts", help="Posts (岗位职责) file, if not a sheet of the roster.")]
PrioritiesOpt = Annotated[Path | None, typer.Option("--priorities", help="Organizational priorities (组织需求) file.")]
TopicsOpt = Annotated[Path | None, typer.Option("--topics", help="Topic catalog (课程) file; default: built-in.")]
ResourcesOpt = Annotated[Path | None, typer.Option("--resources", help="Training resources (培训资源) file.")]
RulesOpt = Annotated[Path | None, typer.Option("--rules", help="Rules: a .toml file or a sheet (规则); default: built-in.")]
ConfigOpt = Annotated[Path | None, typer.Option("--config", help="Thresholds and ladders (TOML); default: DOMAIN numbers.")]
FormatOpt = Annotated[Format, typer.Option("--format", help="table for people, json for scripts.")]


def handled(func: Callable[..., None]) -> Callable[..., None]:
    """Turn NeedsError into 'Error: ...' on stderr and its documented exit code."""

    @functools.wraps(func)
    def wrapper(*args: object, **kwargs: object) -> None:
        try:
            func(*args, **kwargs)
        except NeedsError as exc:
            err.print(f"Error: {exc.message}", markup=False, highlight=False)
            raise typer.Exit(int(exc.exit_code)) from None

    return wrapper


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


def problems_table(problems: list[Problem], limit: int | None = None) -> RichTable:
    table = RichTable(title=f"{len(problems)} problem(s)", show_lines=False, expand=False)
    for header in ("file", "sheet", "cell", "code", "message"):
        table.add_column(header, overflow="fold")
    for p in problems[:limit]:
        table.add_row(p.file, p.sheet, p.cell or (str(p.row) if p.row else ""), p.code, p.message)
    return table


def counts_line(inputs: Inputs) -> str:
    parts = [f"{n} {KIND_WORDS[k]}" for k, n in inputs.counts.items()]
    skipped = sum(inputs.skipped.values())
    return "Loaded " + ", ".join(parts) + (f"; {skipped} row(s) skipped" if skipped else "")


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
    from .pipeline import check_inputs

    cfg = load_config(config)
    inputs = check_inputs(files, cfg, extra=extras(posts, priorities, topics, resources, rules))
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


def progress_reporter(enabled: bool) -> tuple[Callable[[str, int, int], None] | None, Callable[[], None]]:
    """A rich progress bar on stderr for long work; returns (callback, stop)."""
    if not enabled:
        return None, lambda: None
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   console=err, transient=True)
    tasks: dict[str, object] = {}

    def report(stage: str, done: int, total: int) -> None:
        if not total:
            return
        if stage not in tasks:
            if not tasks:
                bar.start()
            tasks[stage] = bar.add_task(stage, total=total)
        bar.advance(tasks[stage], done)  # type: ignore[arg-type]

    return report, bar.stop


def render_summary(analysis: Analysis, outputs: list[Path], plan: Plan | None = None) -> None:
    counts = summary_counts(analysis)
    lang = analysis.lang
    table = RichTable(title=t("title", lang), show_header=False)
    table.add_column(justify="left")
    table.add_column(justify="right")
    table.add_row(t("as_of", lang), analysis.as_of.isoformat())
    table.add_row(t("cadres", lang), str(counts["cadres"]))
    table.add_row(t("skipped", lang), str(counts["rows_skipped"]))
    table.add_row(t("needs", lang), str(counts["needs"]))
    for source, n in counts["needs_by_source"].items():
        table.add_row("  " + word(SOURCES, source, lang), str(n))
    rate = counts["compliance_rate"]
    table.add_row(t("compliance_rate", lang), "-" if rate is None else f"{rate:.1%}")
    table.add_row(t("unmatched", lang), str(counts["unmatched"]))
    table.add_row(t("problems", lang), str(counts["problems"]))
    if plan is not None:
        zh = lang == "zh"
        table.add_row("班次" if zh else "Classes", str(len(plan.classes)))
        table.add_row("  已安排席位" if zh else "  Seats given", str(len(plan.assignments)))
        table.add_row("  未满足需求" if zh else "  Needs unmet", str(len(plan.unmet)))
    out.print(table)
    top = RichTable(title=t("top_topics", lang))
    for key in ("rank", "topic", "cadres", "demand", "mwds"):
        top.add_column(t(f"col.{key}", lang))
    for r in analysis.ranking[:10]:
        top.add_row(str(r.rank), analysis.catalog.label(r.topic_id, lang), str(r.cadres), f"{r.demand:g}",
                    "" if r.mwds is None else f"{r.mwds:.2f}")
    out.print(top)
    for path in outputs:
        out.print(f"Wrote {path}")


def report_problems(problems: list[Problem], limit: int = 20) -> None:
    """Problems go to stderr: they name cells, never people."""
    if not problems:
        return
    err.print(problems_table(problems, limit))
    if len(problems) > limit:
        err.print(f"... and {len(problems) - limit} more: see the Problems sheet of the gap report")


@app.command()
@handled
def analyze(
    files: FilesArg,
    posts: PostsOpt = None,
    priorities: PrioritiesOpt = None,
    topics: TopicsOpt = None,
    resources: ResourcesOpt = None,
    rules: RulesOpt = None,
    config: ConfigOpt = None,
    output: OutOpt = Path("needscli-out"),
    fmt: FormatOpt = Format.table,
    lang: LangOpt = OutLang.auto,
    strict: Annotated[bool, typer.Option("--strict", help="Treat any data problem as fatal (exit 2, nothing written).")] = False,
    as_of: AsOfOpt = None,
    plan_start: PlanStartOpt = None,
    periods: PeriodsOpt = None,
) -> None:
    """Find every cadre's training needs with their reasons, form classes, and write the reports.

    Example: needscli analyze data/samples/cadres.xlsx -o needscli-out

    Writes gap-report.xlsx, needs.csv, class-rosters.xlsx, classes.csv, assignments.csv and
    analysis.json (for needscli classes) into the output folder. Exit 0 clean; 1 completed but
    some rows had problems (listed on stderr and in the Problems sheet); 2 nothing analyzed and
    nothing written; 3 an output could not be written.
    """
    cfg = load_config(config)
    report, stop = progress_reporter(fmt is Format.table)
    try:
        analysis, _ = analyze_inputs(files, cfg, extra=extras(posts, priorities, topics, resources, rules),
                                     as_of=parse_date_option(as_of), lang=lang.value, progress=report)
    finally:
        stop()
    if strict and analysis.problems:
        report_problems(analysis.problems)
        raise NeedsError(f"{len(analysis.problems)} data problem(s) and --strict: nothing written")
    plan = plan_classes(analysis, parse_date_option(plan_start), periods)
    analysis.problems.extend(plan.problems)
    finish(analysis, plan, write_all(analysis, plan, output), fmt)


def finish(analysis: Analysis, plan: Plan, outputs: list[Path], fmt: Format) -> None:
    """Render the run and exit with its code."""
    code = ExitCode.PROBLEMS if analysis.problems else ExitCode.OK
    if fmt is Format.json:
        out.print_json(json.dumps(summary_json(analysis, outputs, int(code), plan_counts(plan)), ensure_ascii=False))
    else:
        render_summary(analysis, outputs, plan)
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
) -> None:
    """Re-form classes from a previous analysis with other sizes or periods, without re-reading the roster.

    Example: needscli classes needscli-out --max-size 40 --periods 6

    Rewrites class-rosters.xlsx, classes.csv, assignments.csv and the gap report in the folder.
    """
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
    finish(analysis, plan, write_all(analysis, plan, output or folder), fmt)


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
    cfg = load_config(config)
    analysis, result = analyze_inputs([roster], cfg, extra=extras(posts, priorities, topics, resources, rules),
                                      as_of=parse_date_option(as_of), lang=lang.value, explain={cadre_id})
    cadre = analysis.cadre_by_id.get(cadre_id)
    if cadre is None:
        raise NeedsError("that id is not among the roster's valid rows; check it with needscli validate")
    render_explanation(analysis, result, cadre)


def render_explanation(analysis: Analysis, result: NeedsResult, cadre: Cadre) -> None:
    lang = analysis.lang
    out.print(f"[bold]{cadre.id}[/bold]  {cadre.name}  {cadre.unit}  {cadre.post}  {cadre.level}", markup=True)
    needs = [n for n in analysis.needs if n.cadre_id == cadre.id]
    table = RichTable(title=f"{t('needs', lang)}: {len(needs)}", show_lines=True)
    for key in ("topic", "source", "training_type", "priority", "rule_id", "reason"):
        table.add_column(t(f"col.{key}", lang), overflow="fold")
    for n in needs:
        table.add_row(analysis.catalog.label(n.topic_id, lang), word(SOURCES, n.source, lang),
                      word(TRAINING_TYPES, n.training_type, lang), f"{n.priority:g}", "\n".join(n.rule_ids),
                      "\n".join(r.text for r in n.reasons))
    out.print(table)
    skipped = result.not_fired.get(cadre.id, [])
    quiet = RichTable(title="未触发的规则" if lang == "zh" else "Rules that did not fire")
    quiet.add_column(t("col.rule_id", lang))
    quiet.add_column(t("col.reason", lang), overflow="fold")
    for s in skipped:
        quiet.add_row(s.rule_id, "；".join(s.failed))
    out.print(quiet)


def main() -> None:
    """Console entry point: no traceback ever reaches the user."""
    try:
        code = app(standalone_mode=False)
    except NeedsError as exc:
        err.print(f"Error: {exc.message}", markup=False, highlight=False)
        sys.exit(int(exc.exit_code))
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        err.print("Aborted.")
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the edge: a message, never a traceback or a cell value
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        err.print(f"Error: internal error ({type(exc).__name__}); nothing was written. Please report it.")
        sys.exit(int(ExitCode.INPUT_UNUSABLE))
    sys.exit(code if isinstance(code, int) else 0)
