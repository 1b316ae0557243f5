"""The needscli command line: parse options, call the library, render, set the exit code."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table as RichTable

from . import __version__
from .config import load_config
from .errors import ExitCode, NeedsError, Problem
from .io.load import Inputs
from .reports.template import write_template

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
