"""`needscli records ...`: the training-records ledger on the command line.

Register in cli.py with: app.add_typer(records_app, name="records")
"""

from __future__ import annotations

import datetime as dt
import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from needscli.cli.options import Lang
from needscli.cli.render import Format, err, handled, out, problems_table
from needscli.errors import ExitCode, NeedsError, Problem
from needscli.io.cells import parse_date
from needscli.records.store import DEFAULT_NAME, default_ledger_path, open_ledger

# what the commands do is imported when one runs: `needscli analyze` and --help need none of it
if TYPE_CHECKING:
    from needscli.config import Config
    from needscli.models import Cadre
    from needscli.records.imports import ImportResult
    from needscli.records.register import Summary

records_app = typer.Typer(
    help="The training-records ledger: hours and completions carried from year to year.\n\n"
    "Import the class rosters you handed out (with attendance filled in), online platform exports "
    "and records sheets; then show a cadre's records, summarize hours, or export the register.\n\n"
    "Counting: a training counts in the year its END date falls in (one crossing New Year counts in "
    "the new year); the five-year total is the five years ending on the date asked; a training not "
    "completed (leave above 1/7 of its hours, failed) counts no hours.\n\n"
    "Example: needscli records import needscli-out/class-rosters.xlsx",
    no_args_is_help=True,
    rich_markup_mode=None,
)


class By(StrEnum):
    unit = "unit"
    level = "level"
    cadre = "cadre"


LedgerOpt = Annotated[Path | None, typer.Option(
    "--ledger", help=f"The ledger file; default: {DEFAULT_NAME} beside the first FILE (import), beside "
    "--roster or in the current folder (show, summary, export).")]
ConfigOpt = Annotated[Path | None, typer.Option("--config", help="Thresholds (TOML), with an optional [ledger] "
                                                "section (online_columns, present_marks, absent_marks).")]
RosterOpt = Annotated[Path | None, typer.Option("--roster", help="Roster (花名册) for names, units and levels.")]
YearOpt = Annotated[int | None, typer.Option("--year", min=1900, max=2200, help="Calendar year; default: this year.")]
FormatOpt = Annotated[Format, typer.Option("--format", help="table for people, json for scripts.")]




def _date_option(value: str | None, name: str) -> dt.date:
    if value is None:
        return dt.date.today()
    parsed, fault = parse_date(value)
    if fault or parsed is None:
        raise NeedsError(f"{name}: expected a date such as 2026-11-01")
    return parsed


def _show_problems(problems: list[Problem], limit: int = 50) -> None:
    if problems:
        err.print(problems_table(problems, limit))
        if len(problems) > limit:
            err.print(f"... and {len(problems) - limit} more (--format json lists them all)")


@records_app.command("import")
@handled
def import_command(
    files: Annotated[list[Path], typer.Argument(help="class-rosters.xlsx with attendance, online platform "
                                                "exports, or records sheets (.xlsx or .csv).")],
    ledger: LedgerOpt = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would change; write nothing.")] = False,
    config: ConfigOpt = None,
    date: Annotated[str | None, typer.Option("--date", help="Import date stored with the records; default: "
                                             "today.")] = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Add the records of FILE(s) to the ledger; a file with any bad row adds nothing.

    Example: needscli records import needscli-out/class-rosters.xlsx platform-2026.csv --dry-run

    Importing the same file again adds nothing. A seat with neither a 签到 mark nor 出勤学时 is
    absent and not recorded. Exit 0 clean; 1 some rows had problems (their files added nothing);
    2 a file or the ledger cannot be read; 3 the ledger cannot be written.
    """
    from needscli.io.catalog_file import build_catalog
    from needscli.io.config_file import load_config
    from needscli.records.imports import import_records

    cfg = load_config(config)
    settings = cfg.ledger
    path = ledger or default_ledger_path(files)
    catalog = build_catalog([], cfg.needs.match_cutoff)
    # a dry run against a ledger that does not exist yet must not create it
    with open_ledger(None if dry_run and not path.exists() else path) as book:
        result = import_records(book, files, cfg, catalog, dry_run, settings=settings,
                                imported_at=_date_option(date, "--date"))
    _render_import(result, path, fmt)
    raise typer.Exit(int(ExitCode.PROBLEMS if result.problems else ExitCode.OK))


def _render_import(result: ImportResult, path: Path, fmt: Format) -> None:
    if fmt is Format.json:
        out.print_json(json.dumps({
            "ledger": str(path), "dry_run": result.dry_run, "added": result.added,
            "unchanged": result.unchanged, "files": [vars(f) for f in result.files],
            "problems": [p.as_dict() for p in result.problems],
        }, ensure_ascii=False))
        return
    verb = "would add" if result.dry_run else "added"
    for f in result.files:
        if f.rejected:
            out.print(f"{f.file} ({f.kind}): not imported: fix the problems below and import it again",
                      markup=False)
            continue
        extra = (f"; {f.absent} absent, not recorded" if f.absent else "") + (
            f"; {f.not_completed} not completed (no hours)" if f.not_completed else "")
        out.print(f"{f.file} ({f.kind}): {verb} {f.added}, {f.unchanged} already in the ledger{extra}", markup=False)
    tail = "dry run: nothing written" if result.dry_run else f"ledger {path}"
    out.print(f"{verb.capitalize()} {result.added} record(s), {result.unchanged} already held; {tail}", markup=False)
    _show_problems(result.problems)


def _find_ledger(given: Path | None, roster: Path | None) -> Path:
    """--ledger, else the default file beside the roster, else in the current folder."""
    if given is not None:
        return given
    candidates = ([default_ledger_path([roster])] if roster else []) + [default_ledger_path([])]
    for candidate in candidates:
        if candidate.exists():
            return candidate
    raise NeedsError(f"no ledger found ({', '.join(str(c) for c in candidates)}); give --ledger PATH, or create "
                     "one with: needscli records import FILE")


def _roster(path: Path | None, config: Config) -> tuple[list[Cadre] | None, list[Problem]]:
    if path is None:
        return None, []
    from needscli.io.load import load_inputs

    inputs = load_inputs([path], config)
    return inputs.cadres, inputs.problems


@records_app.command("show")
@handled
def show_command(
    cadre_id: Annotated[str, typer.Argument(help="The cadre's id (编号) as written in the records.")],
    ledger: LedgerOpt = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Date for the year and five-year totals; "
                                              "default: today.")] = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """List one cadre's training records, oldest first, with this year's and the five-year hours.

    Example: needscli records show C0001 --ledger needscli-ledger.db
    """
    from rich.table import Table as RichTable

    from needscli.records.store import cadre_records, hours_in_window, hours_in_year

    when = _date_option(as_of, "--as-of")
    with open_ledger(_find_ledger(ledger, None), create=False) as book:
        records = cadre_records(book, cadre_id)
        year, window = hours_in_year(book, cadre_id, when.year), hours_in_window(book, cadre_id, when)
    if fmt is Format.json:
        out.print_json(json.dumps({"cadre_id": cadre_id, "as_of": when.isoformat(), "hours_year": year,
                                   "hours_five_year": window,
                                   "records": [{**r.model_dump(mode="json"), "credited": r.credited_hours}
                                               for r in records]}, ensure_ascii=False))
        return
    if not records:
        err.print("No records of this id in the ledger.")
        return
    table = RichTable(title=f"{len(records)} record(s)")
    for header in ("end", "topic", "class", "delivery", "hours", "attended", "counts", "source"):
        table.add_column(header, overflow="fold", no_wrap=header in ("end", "hours", "attended", "counts"))
    for r in records:
        table.add_row(r.end_date.isoformat(), r.topic, r.class_id, r.delivery, f"{r.hours:g}",
                      "" if r.attended_hours is None else f"{r.attended_hours:g}",
                      f"{r.credited_hours:g}" if r.completed else "0 (not completed)",
                      f"{r.source_file} / {r.source_sheet} / row {r.source_row}")
    out.print(table)
    out.print(f"Hours in {when.year} (to {when.isoformat()}): {year:g}; in the five years to "
              f"{when.isoformat()}: {window:g}", markup=False)


@records_app.command("summary")
@handled
def summary_command(
    year: YearOpt = None,
    by: Annotated[By, typer.Option("--by", help="Group by unit or level (these need --roster), or cadre.")] = By.unit,
    roster: RosterOpt = None,
    ledger: LedgerOpt = None,
    config: ConfigOpt = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Hours of a year per unit, level or cadre, split into concentrated, online and overseas.

    Example: needscli records summary --year 2026 --by unit --roster cadres.xlsx

    Without --roster the rows are per cadre. Exit 1 when the roster had problems.
    """
    from needscli.io.config_file import load_config
    from needscli.records.register import summary

    cfg = load_config(config)
    cadres, problems = _roster(roster, cfg)
    if cadres is None and by is not By.cadre:
        err.print(f"No --roster: grouped by cadre (grouping by {by.value} needs the roster).")
    with open_ledger(_find_ledger(ledger, roster), create=False) as book:
        result = summary(book, year or dt.date.today().year, by.value, cadres, cfg)
    _render_summary(result, fmt)
    _show_problems(problems)
    raise typer.Exit(int(ExitCode.PROBLEMS if problems else ExitCode.OK))


def _render_summary(result: Summary, fmt: Format) -> None:
    if fmt is Format.json:
        out.print_json(json.dumps({"year": result.year, "by": result.by, "rows": [vars(r) for r in result.rows]},
                                  ensure_ascii=False))
        return
    from rich.table import Table as RichTable

    table = RichTable(title=f"Hours in {result.year} by {result.by}")
    for header in (result.by, "cadres", "hours", "concentrated", "online", "overseas", "below required"):
        table.add_column(header, overflow="fold")
    for r in result.rows:
        table.add_row(r.group, str(r.cadres), f"{r.hours:g}", f"{r.concentrated:g}", f"{r.online:g}",
                      f"{r.overseas:g}", "" if r.below is None else str(r.below))
    out.print(table)


@records_app.command("export")
@handled
def export_command(
    output: Annotated[Path, typer.Argument(help="Where to write the register (.xlsx).")],
    year: YearOpt = None,
    roster: RosterOpt = None,
    ledger: LedgerOpt = None,
    config: ConfigOpt = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Language of the sheet's labels.")] = Lang.zh,
) -> None:
    """Write the hours register (学时登记): per cadre this year's hours, online vs concentrated,
    the five-year total, the requirement of the cadre's level, the deficit and the last completions.

    Example: needscli records export 学时登记.xlsx --year 2026 --roster cadres.xlsx

    Names, units and levels (hence requirements) come from --roster. Exit 1 when the roster had
    problems; 3 when the file cannot be written.
    """
    from needscli.io.config_file import load_config
    from needscli.records.register import registration_rows
    from needscli.reports.registration import write_registration

    cfg = load_config(config)
    cadres, problems = _roster(roster, cfg)
    the_year = year or dt.date.today().year
    path = _find_ledger(ledger, roster)
    with open_ledger(path, create=False) as book:
        rows = registration_rows(book, the_year, cfg, cadres)
    inputs = [p for p in (roster, path) if p is not None]
    write_registration(rows, output, the_year, cfg.hours.cycle_years, lang.value, inputs)
    err.print(f"Wrote {output} ({len(rows)} cadre(s))")
    _show_problems(problems)
    raise typer.Exit(int(ExitCode.PROBLEMS if problems else ExitCode.OK))

