"""`needscli records ...`: the training-records ledger on the command line.

Register in cli.py with: app.add_typer(records_app, name="records")
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator, Mapping
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from needscli.cli.help_zh import PLACEHOLDERS_ZH
from needscli.cli.options import DEFAULT_CONFIG, Lang, OutLang, choice_parser, parse_date_option
from needscli.cli.render import (
    Format,
    err,
    fatal_lang,
    handled,
    more_problems,
    out,
    print_json,
    problems_table,
    said,
    say,
)
from needscli.core.hours import cycle_years
from needscli.errors import ExitCode, NeedsError, Problem
from needscli.labels import code_label, label
from needscli.records.store import (
    DEFAULT_NAME,
    earlier_ledgers,
    ledger_faults,
    ledger_location,
    open_ledger,
)
from needscli.text import typed_command
from needscli.vocab import SUMMARY_BY_WORDS
from needscli.wording import problems_in

# what the commands do is imported when one runs: `needscli analyze` and --help need none of it
if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions
    from rich.table import Table as RichTable

    from needscli.config import Config
    from needscli.models import Cadre, Inputs
    from needscli.records.imports import ImportResult
    from needscli.records.lookup import Found
    from needscli.records.register import RegistrationRow, Summary
    from needscli.records.removal import Removal, SourceMatch
    from needscli.records.seat_ids import RosterIds
    from needscli.records.store import TrainingRecord

records_app = typer.Typer(
    help="The training-records ledger: hours and completions carried from year to year.\n\n"
    "Import the class rosters you handed out (with attendance filled in), online platform exports "
    "and records sheets; then show a cadre's records, summarize hours, export the register, or take back "
    "records imported by mistake.\n\n"
    "Counting: a training counts in the year its END date falls in (one crossing New Year counts in "
    "the new year); the five-year total is the five years ending on the date asked; a training not "
    "completed (leave above 1/7 of its hours, failed) counts no hours and no days.\n\n"
    "Standards (2023 Regulations Art. 14): concentrated training (overseas included, online never) in "
    "days OR hours, 12 days or 90 h a year, or 90 days or 550 h in five years for county level and up; "
    "online learning apart, [hours] online_min_annual (50) h a year. A training's days are those its "
    "sign-in sheet prints (共15天) or its file's 天数 column gives, else its calendar days when both its "
    "dates are known (a class roster's plan month is not); a training without them adds its hours and "
    "no days.\n\n"
    "\b\nExample: needscli records import needscli-out/class-rosters.xlsx",
    no_args_is_help=True,
    rich_markup_mode=None,
)


class By(StrEnum):
    unit = "unit"
    level = "level"
    cadre = "cadre"


LedgerOpt = Annotated[Path | None, typer.Option(
    "--ledger", help="The ledger file, the same for every records command; each says which ledger it used.",
    show_default=f"the one [inputs] ledger of ./needscli.toml names, else {DEFAULT_NAME} in the current folder")]
ConfigOpt = Annotated[Path | None, typer.Option("--config", help="Thresholds (TOML), with an optional [ledger] "
                                                "section (online_columns, present_marks, absent_marks) and the "
                                                "[classes] holidays the plan had; without it, ./needscli.toml's.",
                                                show_default=DEFAULT_CONFIG)]
RosterOpt = Annotated[Path | None, typer.Option("--roster", help="Roster (花名册) for names, units and levels.")]
YearOpt = Annotated[int | None, typer.Option("--year", min=1900, max=2200, metavar="YEAR", help="Calendar year.",
                                             show_default="this year")]
FormatOpt = Annotated[Format, typer.Option("--format", help="table for people, json for scripts.")]
LangOpt = Annotated[Lang, typer.Option("--lang", help="Language of the table's words.")]
RosterLangOpt = Annotated[OutLang, typer.Option("--lang", help="Language of the words; auto follows the headers of "
                                                "--roster (an English roster: English), else Chinese.")]
DELIVERY_KEYS = {"concentrated": "register.delivery.concentrated", "online": "register.delivery.online",
                 "overseas": "register.delivery.overseas"}
BY_KEYS = {"unit": "register.by.unit", "level": "register.by.level", "cadre": "register.by.cadre"}
MODE_KEYS = {"add": "register.show.mode.add", "replace": "register.show.mode.replace"}  # [ledger] hours_mode




def _date_option(value: str | None, name: str) -> dt.date:
    """The date an option gives (default: today); a value that is no date (or one past the years a run takes) is a
    usage error naming the option and the value, as analyze's date options are (options.parse_date_option)."""
    return parse_date_option(value, name) or dt.date.today()


def _usage_error(message: str, name: str) -> typer.BadParameter:
    """A value refused: 'Invalid value for NAME: message' (said in Chinese by cli.help_lang), exit 2, usage-error."""
    from typer._click.globals import get_current_context

    return typer.BadParameter(message, ctx=get_current_context(silent=True), param_hint=f"'{name}'")


def _show_problems(problems: list[Problem], lang: str, limit: int = 50) -> None:
    """The problems on stderr, in lang, the first limit of them in a table."""
    if problems:
        err.print(problems_table(problems_in(problems, lang), limit, lang))
        if len(problems) > limit:
            say(more_problems(len(problems) - limit, lang, "json"), err)


@records_app.command("import")
@handled
def import_command(
    files: Annotated[list[Path], typer.Argument(metavar="FILE", help="class-rosters.xlsx with attendance, online platform "
                                                "exports, or records sheets (.xlsx or .csv).")],
    ledger: LedgerOpt = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would change; write nothing.")] = False,
    config: ConfigOpt = None,
    date: Annotated[str | None, typer.Option("--date", metavar="DATE", help="Import date stored with the records; a "
                                             "class or training ending after it has not been completed yet.",
                                             show_default="today")] = None,
    roster: Annotated[Path | None, typer.Option("--roster", help="Roster (花名册) the sign-in sheets' ids are checked "
                                                "against: a seat whose id is another name's there is held back (a "
                                                "warning at its cell); a seat whose id is on none of its rows (a cadre "
                                                "transferred out since, a sheet of an earlier year) is recorded all the "
                                                "same, with a warning at its cell. Its own problems are not listed "
                                                "(needscli validate lists them), nor count in the exit code: one line "
                                                "says how many.")] = None,
    fmt: FormatOpt = Format.table,
    lang: RosterLangOpt = OutLang.auto,
) -> None:
    """Add the records of each FILE to the ledger; a file with any bad row adds nothing.

    \b
    Example: needscli records import needscli-out/class-rosters.xlsx platform-2026.csv --dry-run

    Importing the same file again adds nothing. A seat with neither a 签到 mark nor 出勤学时 is
    absent and not recorded; a Saturday, Sunday or public holiday within a class's dates is no day of
    lessons, and no seat is absent then ([classes] meets_on_rest_days). The ledger is made when the
    first records are added (not by a dry run,
    nor by files with nothing to add), where every records command looks for it (see --ledger).
    Exit 0 clean; 1 some rows had problems (their files added nothing) or warnings (their files
    were imported); 2 a file or the ledger cannot be read; 3 the ledger cannot be written.
    """
    from needscli.io.catalog_file import build_catalog
    from needscli.io.copies import beside_old_books
    from needscli.pipeline import old_books_start
    from needscli.records.imports import import_into
    from needscli.records.seat_ids import roster_ids
    from needscli.reports.files import check_output_path

    when = _date_option(date, "--date")
    cfg = _records_config(config)
    inputs, roster_problems, words = _read_roster(roster, cfg, lang)
    # the roster is read for its ids and names: its own problems are validate's to list, not the sheets' (RosterIds)
    checked = roster_ids(inputs, roster_problems) if inputs is not None else None
    with _speaking(words, roster):
        path = _locate(ledger, files[:1], words, create=True)
        if not dry_run:
            check_output_path(path, words)
        catalog = build_catalog([], cfg.needs.match_cutoff)
        with beside_old_books(old_books_start(cfg)):  # a damaged .xls ends the copy reading it, not the command
            result = import_into(path, files, cfg, catalog, dry_run, settings=cfg.ledger,
                                 imported_at=when, lang=words, roster=checked.names if checked else None)
    _render_import(result, path, fmt, words, roster, checked)
    raise typer.Exit(int(ExitCode.PROBLEMS if result.problems else ExitCode.OK))


def _render_import(result: ImportResult, path: Path, fmt: Format, lang: str, roster: Path | None = None,
                   checked: RosterIds | None = None) -> None:
    if fmt is Format.json:
        print_json({
            "ledger": str(path.absolute()), "ledger_exists": path.exists(), "dry_run": result.dry_run,
            "added": result.added,
            "unchanged": result.unchanged, "files": [vars(f) for f in result.files],
            "problems": [p.as_dict() for p in result.problems],
            "roster": None if roster is None or checked is None else {
                "file": str(roster), "problems": checked.problems, "unread": checked.unread},
        })
        return
    dry = result.dry_run
    for f in result.files:
        kind = code_label("records_kind", f.kind, lang)
        if f.rejected:
            say(label("records.rejected", lang, file=f.file, kind=kind))
            continue
        extra = "".join(label(key, lang, n=n) for key, n in (
            ("records.off_roster_dry_run" if dry else "records.off_roster", f.off_roster),
            ("records.absent", f.absent), ("records.not_completed", f.not_completed),
            ("records.held_back", f.held_back), ("records.not_ended_rows", f.not_ended_rows)) if n)
        if f.blank_classes:
            extra += label("records.blank_classes", lang, n=len(f.blank_classes), classes=_some(f.blank_classes, lang))
        if f.blank_held:
            extra += label("records.blank_held", lang, n=len(f.blank_held), classes=_some(f.blank_held, lang))
        say(label("records.file_would_add" if dry else "records.file_added", lang, file=f.file, kind=kind,
                  added=f.added, unchanged=f.unchanged, extra=extra))
    say(label("records.total_would_add" if dry else "records.total_added", lang, added=result.added,
              unchanged=result.unchanged))
    where = path.absolute()
    missing = "ledger.dry_run_none" if dry else "ledger.not_made"
    say(label("ledger.location", lang, path=where) if path.exists()
        else label(missing, lang, path=where))
    if roster is not None and checked is not None:
        _say_roster_problems(roster, checked, lang)
    _show_problems(result.problems, lang)


def _say_roster_problems(path: Path, checked: RosterIds, lang: str) -> None:
    """One line on stderr where the roster --roster gives has problems of its own: how many, what of it they left
    unread (the seats of cadres there said off the roster), and the command that lists them."""
    if checked.problems:
        key = "records.roster_unread" if checked.unread else "records.roster_problems"
        say(label(key, lang, file=path.name, n=checked.problems, unread=checked.unread,
                  command=typed_command(["needscli", "validate", str(path)])), err)


def _some(names: list[str], lang: str, most: int = 10) -> str:
    """The first most names, joined; 等 (...) after them when there are more."""
    shown = label("list_joiner", lang).join(names[:most])
    return shown + (label("records.more_classes", lang) if len(names) > most else "")


def _locate(given: Path | None, beside: list[Path], lang: str, create: bool = False) -> Path:
    """The ledger every records command uses (store.ledger_location). Where it is not, a ledger an earlier
    needscli put beside beside's files (import: the first FILE; the others: --roster) is named, never
    taken in its place (and import then makes no second ledger); without create, a missing one stops."""
    path = ledger_location(given, None if given else _project_ledger())
    try:
        there = path.exists()
    except OSError:  # a name too long: open_ledger says so
        return path
    if given is None and not there:
        found = earlier_ledgers(beside, path)
        if found:
            raise NeedsError(label("ledger.elsewhere", lang, path=path.absolute(), found=found[0]))
        if not create:
            raise NeedsError(label("ledger.none", lang, path=path.absolute()))
    return path


def _records_config(config: Path | None) -> Config:
    """--config's thresholds, else those of ./needscli.toml, as analyze reads them (its [classes] holidays: the days
    a sign-in sheet has no box on), else the defaults."""
    from needscli.io.config_file import load_config
    from needscli.io.project import find_project, load_project

    if config is not None:
        return load_config(config)
    found = find_project()
    return load_project(found).config if found is not None else load_config(None)


def _project_ledger() -> Path | None:
    """[inputs] ledger of ./needscli.toml, as analyze reads it."""
    from needscli.io.project import find_project, load_project

    found = find_project()
    if found is None:
        return None
    project = load_project(found)
    return project.path(project.inputs.ledger)


def _say_ledger(path: Path, fmt: Format, lang: str) -> None:
    """Which ledger a command read: a line on stderr (stdout keeps the table or the JSON)."""
    if fmt is Format.table:
        say(label("ledger.location", lang, path=path.absolute()), err)


def _roster(path: Path | None, config: Config, lang: OutLang, as_of: dt.date | None = None,
            year: int | None = None) -> tuple[list[Cadre] | None, list[Problem], str]:
    """The roster's cadres (None without --roster) and problems, and the language of the command's words: --lang,
    else the roster's (its headers', as analyze reads them), else Chinese. as_of: the day the roster is read on, as
    analyze --as-of (a blank 职级 is a probationer's within the probation on that day); today where None. year: the
    year whose figures are counted, where the roster's 本年度 figures are (a roster of an earlier year's count as 0,
    said: io.roster_year)."""
    inputs, problems, words = _read_roster(path, config, lang, as_of)
    if inputs is None:
        return None, [], words
    if year is not None:
        from needscli.io.roster_year import other_year_figures

        problems += other_year_figures(inputs, year, words)
    return inputs.cadres, problems, words


def _read_roster(path: Path | None, config: Config, lang: OutLang,
                 as_of: dt.date | None = None) -> tuple[Inputs | None, list[Problem], str]:
    """The roster as read (None without --roster), its problems, and the language of the command's words (_roster)."""
    if path is None:
        return None, [], "en" if lang is OutLang.en else "zh"
    from needscli.io.load import load_inputs
    from needscli.io.organizer_fill import CODE as ORGANIZER_FILLED

    inputs = load_inputs([path], config, as_of=as_of or dt.date.today())
    chosen = inputs.lang if lang is OutLang.auto else lang.value
    # the organizer a blank 管理权限 was given concerns the plan alone (a clean import exited 1 for a roster's blank
    # 管理权限 cells, common for 一般干部)
    problems = [p for p in inputs.problems if p.code != ORGANIZER_FILLED]
    return inputs, problems, "en" if chosen == "en" else "zh"


def _year_end(year: int | None) -> dt.date:
    """The day a roster is read on for a year's figures: the year's last day, today where that is later (or no
    year is given), as the figures are counted up to today."""
    today = dt.date.today()
    return today if year is None else min(dt.date(year, 12, 31), today)


@contextlib.contextmanager
def _speaking(words: str, roster: Path | None) -> Iterator[None]:
    """An error raised within is said in words where a roster chose them (as an error found in a roster is said in
    its language); where --lang chose them it is said so anyway, and without either as the locale says."""
    try:
        yield
    except NeedsError as exc:
        if roster is not None:
            exc.lang = exc.lang or words
        raise


@records_app.command("show")
@handled
def show_command(
    cadre_id: Annotated[str, typer.Argument(metavar="CADRE", help="The cadre's id (编号) as written in the records "
                                                     "(typed full-width, read as half-width where no record has it "
                                                     "so), or its name (姓名) on --roster where no other cadre has it.")],
    ledger: LedgerOpt = None,
    as_of: Annotated[str | None, typer.Option("--as-of", metavar="DATE", help="Date for the year and five-year "
                                              "totals.", show_default="today")] = None,
    roster: Annotated[Path | None, typer.Option("--roster", help="Roster (花名册): the cadre's level picks its "
                                                "standard (annual or five-year), its hour columns (本年度学时 ...) "
                                                "count with the ledger's as analyze --ledger counts them, and its "
                                                "names can be asked for.")] = None,
    config: ConfigOpt = None,
    fmt: FormatOpt = Format.table,
    lang: RosterLangOpt = OutLang.auto,
) -> None:
    """List one cadre's training records, oldest first, and its concentrated days and hours and online
    hours against their standards.

    \b
    Example: needscli records show C0001 --ledger needscli-ledger.db --roster cadres.xlsx
             needscli records show 李华 --roster cadres.xlsx

    Without --roster the cadre's level is unknown: both concentrated standards are listed. With it,
    the roster's own hours join the ledger's as in analyze --ledger ([ledger] hours_mode), each
    figure saying what came from which. Exit 1 when the roster had problems; 2 when no cadre has
    that id or name (a name several cadres share: their ids are listed), or the ledger cannot be read.
    """
    from needscli.records.lookup import find_cadre
    from needscli.records.register import cadre_row
    from needscli.records.store import cadre_records, record_days, record_faults

    when = _date_option(as_of, "--as-of")
    cfg = _records_config(config)
    cadres, problems, words = _roster(roster, cfg, lang, when, (when or dt.date.today()).year)
    with _speaking(words, roster):
        path = _locate(ledger, [roster] if roster else [], words)
    with _speaking(words, roster), open_ledger(path, create=False, lang=words) as book, ledger_faults(path, words):
        found = find_cadre(book, cadre_id, cadres)
        if found.cadre_id is None:
            _say_ledger(path, fmt, words)  # the ledger looked in
            _show_problems(problems, words)  # what is wrong with the roster may be why the name is not on it
            raise NeedsError(_not_found(cadre_id.strip(), found, roster is not None, words), lang=words)
        records = cadre_records(book, found.cadre_id)
        days = record_days(book, found.cadre_id)
        row = cadre_row(book, found.cadre_id, when, cfg, found.cadre)
        faults = record_faults(book, cadre_id=found.cadre_id)
    _say_ledger(path, fmt, words)
    if fmt is Format.json:
        print_json({
            "ledger": str(path.absolute()),
            "cadre_id": found.cadre_id, "name": row.name, "as_of": when.isoformat(), "on_roster": row.on_roster,
            "level": row.level,
            "days_year": row.days_year, "hours_year": row.hours_year, "online_hours_year": row.online_hours,
            "days_five_year": row.days_five_year, "hours_five_year": row.five_year,
            "hours_mode": row.hours_mode or None,
            "sources": {name: part._asdict() for name, part in row.sources.items()},
            "standard": row.standard, "days_required": row.days_required, "required": row.required,
            "met": row.met, "deficit": row.deficit, "online_required": row.online_required,
            "online_deficit": row.online_deficit,
            "records": [{**r.model_dump(mode="json"), "credited": r.credited_hours, "days": d}
                        for r, d in zip(records, days, strict=True)]})
    else:
        _render_show(found.cadre_id, records, days, row, when, cfg, words)
    _say_unreadable(faults, path, words)
    _show_problems(problems + faults, words)
    raise typer.Exit(int(ExitCode.PROBLEMS if problems or faults else ExitCode.OK))


def _say_unreadable(faults: list[Problem], path: Path, lang: str) -> None:
    """Records of the ledger that cannot be read (store.record_faults), left out of the figures shown: said on
    stderr above the table of their problems."""
    if faults:
        say(label("ledger.unreadable_skipped", lang, path=path.absolute(), n=len({p.row for p in faults})), err)


def _not_found(text: str, found: Found, with_roster: bool, lang: str) -> str:
    """No cadre of this id or name: the cadres who share the name (give the id), or the closest ids and names."""
    shown = label("list_joiner", lang).join(f"{c.cadre_id} {c.name}".strip() for c in found.candidates)
    if found.several:
        return label("explain.several", lang, n=len(found.candidates), text=text, names=shown)
    return label("records.show.not_found", lang, text=text,
                 where=label("records.show.where_roster", lang) if with_roster else "",
                 hint=label("explain.did_you_mean", lang, names=shown) if found.candidates else "",
                 roster_hint="" if with_roster else label("records.show.name_needs_roster", lang))


def _render_show(cadre_id: str, records: list[TrainingRecord], days: list[float], row: RegistrationRow,
                 when: dt.date, config: Config, lang: str) -> None:
    from rich.markup import escape

    from needscli.labels import code_label, label
    from needscli.records.register import shown_days

    who = f"{cadre_id} {row.name}".strip()
    if records:
        # the id and the records' topics and files as written: [draft] in a file's name is no rich markup
        headers = [label(key, lang) for key in (
            "register.show.end", "register.show.topic", "register.show.class", "register.show.delivery",
            "register.show.hours", "register.show.attended", "register.show.counts", "register.show.days",
            "register.show.source")]
        cells = [[r.end_date.isoformat(), r.topic, r.class_id, label(DELIVERY_KEYS[r.delivery], lang), f"{r.hours:g}",
                  "" if r.attended_hours is None else f"{r.attended_hours:g}",
                  f"{r.credited_hours:g}" if r.completed else label("register.show.not_completed", lang),
                  "" if r.delivery == "online" else f"{shown_days(d):g}",
                  f"{r.source_file} / {r.source_sheet} / {label('register.show.row', lang, row=r.source_row)}"]
                 for r, d in zip(records, days, strict=True)]
        out.print(_FittedTable(escape(label("register.show.title", lang, cadre=who, n=len(records))), headers, cells,
                               lang))
    else:  # a cadre of the roster the ledger holds nothing of: the roster's figures alone
        say(label("records.show.no_records", lang, cadre=who), err)
    hours = config.hours
    first, last = cycle_years(when, hours)
    lines = [label("register.show.year", lang, year=when.year, date=when.isoformat(),
                   days=shown_days(row.days_year), hours=row.hours_year)
             + _came_from(row, ("days_year", "hours_year"), lang),
             label("register.show.window", lang, first=first, last=last, date=when.isoformat(),
                   days=shown_days(row.days_five_year), hours=row.five_year)
             + _came_from(row, ("days_five_year", "hours_five_year"), lang),
             label("register.show.online_unknown", lang, year=when.year) if row.online_hours is None
             else label("register.show.online", lang, year=when.year, hours=row.online_hours)
             + _came_from(row, ("online_hours_year",), lang)]
    if row.standard:
        standard = code_label("standard_days", row.standard, lang, d=row.days_required, h=row.required)
        lines.append(label("register.show.standard", lang, standard=standard, status=_status(row.deficit, lang)))
    else:
        lines.append(label("register.show.no_level", lang,
                           annual=code_label("standard_days", "annual", lang, d=hours.annual_days_required,
                                             h=hours.annual_required),
                           annual_levels=label("register.show.other_levels", lang),
                           five=code_label("standard_days", "five-year", lang, d=hours.five_year_days_required,
                                           h=hours.five_year_required),
                           five_levels=label("list_joiner", lang).join(hours.five_year_tiers)))
    lines.append(label("register.show.online_standard", lang, required=row.online_required or 0.0,
                       status=_status(row.online_deficit, lang)))
    if row.hours_mode:
        lines.append(label(MODE_KEYS[row.hours_mode], lang))
    for line in lines:
        say(line)


def _came_from(row: RegistrationRow, names: tuple[str, ...], lang: str) -> str:
    """What of these figures (Cadre fields) the roster gave and what the ledger: （花名册60学时 + 台账2天、12学时）;
    "" for a cadre not on the roster, every figure the ledger's."""
    from needscli.records.register import shown_days

    if not row.sources:
        return ""

    def words(source: str) -> str:
        parts = [(name, value) for name in names if (value := getattr(row.sources[name], source)) is not None]
        return label("list_joiner", lang).join(
            label("register.show.fig_days", lang, days=shown_days(value)) if name.startswith("days")
            else label("register.show.fig_hours", lang, hours=value) for name, value in parts)

    roster, ledger = words("roster"), words("ledger")
    if roster and ledger:
        key = "register.show.from_both_add" if row.hours_mode == "add" else "register.show.from_both"
    else:
        key = "register.show.from_roster" if roster else "register.show.from_ledger" if ledger else ""
    return label(key, lang, roster=roster, ledger=ledger) if key else ""


class _FittedTable:
    """A table of records, its columns sized for the terminal it is drawn in (80 columns when piped). Where the columns
    do not fit side by side, each gives up a cell at a time, the one whose rows then take the fewest more lines first
    (the widest of those), down to the widest piece of its cells no line may break inside (a date, a class id, a
    file's name up to KEPT cells) and NARROWEST at the least; headers fold onto two lines where they must. Where even
    those do not fit (60 columns), each record is shown as a card, a line a field under its header's words: left to
    rich, 2026-12-21 went over three lines, C001 and signed.xlsx over two, and the source over nine. Cells break their
    lines where Chinese does (cli.line_breaks), never inside 2027-03-12 or C004."""

    NARROWEST = 4  # a column's cells, at the least: two Chinese characters
    KEPT = 16  # an unbreakable piece (a file's name) kept whole up to this many cells
    SAMPLE = 100  # rows whose lines are counted to size the columns

    def __init__(self, title: str, headers: list[str], cells: list[list[str]], lang: str) -> None:
        self.title, self.headers, self.cells, self.lang = title, headers, cells, lang

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[RichTable]:
        from rich.table import Table as RichTable

        from needscli.cli.render import folded

        caps = self.caps(console, options)
        if caps is None:
            yield self.cards()
            return
        table = RichTable(title=self.title)
        for header, cap in zip(self.headers, caps, strict=True):
            table.add_column(self._header(header, cap), overflow="fold", max_width=cap)
        for row in self.cells:
            table.add_row(*folded(self.lang, *row))
        yield table

    def cards(self) -> RichTable:
        """The records one under another, each a line a field it has (结束日期 2026-12-21), a rule between them."""
        from rich.table import Table as RichTable

        from needscli.cli.render import folded

        table = RichTable(title=self.title, show_header=False)
        table.add_column(no_wrap=True)
        table.add_column(overflow="fold")
        for row in self.cells:
            fields = [(header, text) for header, text in zip(self.headers, row, strict=True) if text]
            for i, (header, text) in enumerate(fields):
                table.add_row(*folded(self.lang, header, text), end_section=i == len(fields) - 1)
        return table

    def caps(self, console: Console, options: ConsoleOptions) -> list[int | None] | None:
        """Each column's widest (None: as wide as its cells), for the width options give; None where the columns'
        unbreakable pieces do not fit side by side (the records are shown as cards)."""
        from rich.cells import cell_len
        from rich.measure import Measurement
        from rich.text import Text

        from needscli.cli.line_breaks import FoldedText

        width = options.max_width
        columns = list(zip(self.headers, *self.cells[:self.SAMPLE], strict=True))
        natural = [max(cell_len(text) for text in texts) for texts in columns]
        room = width - (3 * len(natural) + 1)  # each column's borders and padding
        if sum(natural) <= room:
            return [None] * len(natural)

        def unbreakable(text: str) -> int:  # the widest piece no line of text may break inside
            cell = Text(text) if text.isascii() else FoldedText(text)  # 培训主题 breaks between its characters
            return Measurement.get(console, options, cell).minimum if text else 0

        least = [min(n, max(self.NARROWEST, min(self.KEPT, max(unbreakable(t) for t in texts[1:]))))
                 for n, texts in zip(natural, columns, strict=True)]
        if sum(least) > room:  # too narrow a terminal to keep every piece whole
            return None
        known: dict[tuple[int, int], list[int]] = {}

        def lines(i: int, cap: int) -> list[int]:  # the lines of column i's header and cells, at this width
            if (i, cap) not in known:
                known[i, cap] = [self._lines_of(text, cap) for text in columns[i]]
            return known[i, cap]

        def total(caps: list[int]) -> int:
            return sum(max(row) for row in zip(*(lines(i, cap) for i, cap in enumerate(caps)), strict=True))

        caps = list(natural)
        while sum(caps) > room:
            shrinking = [i for i, cap in enumerate(caps) if cap > least[i]]
            if not shrinking:
                break
            caps[min(shrinking, key=lambda i: (total([*caps[:i], caps[i] - 1, *caps[i + 1:]]), -caps[i]))] -= 1
        return list(caps)

    @staticmethod
    def _header(header: str, cap: int | None) -> str:
        """A header of Chinese characters wider than its column, in lines as even as the column allows: 培训 / 主题,
        not 培训主 / 题."""
        from rich.cells import cell_len

        chinese = all("\u4e00" <= ch <= "\u9fff" for ch in header)
        if cap is None or cell_len(header) <= cap or not chinese or cap < 2:
            return header
        lines = -(-len(header) // (cap // 2))
        per_line = -(-len(header) // lines)
        return "\n".join(header[i:i + per_line] for i in range(0, len(header), per_line))

    @staticmethod
    def _lines_of(text: str, width: int) -> int:
        from needscli.cli.line_breaks import fold_text

        return len(fold_text(text, width)) if text else 1


def _status(deficit: float | None, lang: str) -> str:
    from needscli.labels import label

    if deficit is None:
        return label("register.show.unknown", lang)
    return label("register.show.met", lang) if deficit <= 0 else label("register.show.short", lang, deficit=deficit)


@records_app.command("summary")
@handled
def summary_command(
    year: YearOpt = None,
    by: Annotated[By, typer.Option("--by", parser=choice_parser(By, SUMMARY_BY_WORDS, "--by"), help=(
        "Group by unit or level (these need --roster), or cadre; in Chinese too: 单位, 职级, 干部."))] = By.unit,
    roster: RosterOpt = None,
    ledger: LedgerOpt = None,
    config: ConfigOpt = None,
    fmt: FormatOpt = Format.table,
    lang: RosterLangOpt = OutLang.auto,
) -> None:
    """Concentrated days and hours (overseas among them) and online hours of a year per unit, level or
    cadre, with how many cadres fall below each standard.

    \b
    Example: needscli records summary --year 2026 --by unit --roster cadres.xlsx

    Without --roster the rows are per cadre. Exit 1 when the roster had problems.
    """
    from needscli.records.register import summary
    from needscli.records.store import record_faults

    cfg = _records_config(config)
    cadres, problems, words = _roster(roster, cfg, lang, _year_end(year), year or dt.date.today().year)
    if cadres is None and by is not By.cadre:
        say(said(f"No --roster: grouped by cadre (grouping by {by.value} needs the roster).", words), err)
    with _speaking(words, roster):
        path = _locate(ledger, [roster] if roster else [], words)
    with _speaking(words, roster), open_ledger(path, create=False, lang=words) as book, ledger_faults(path, words):
        result = summary(book, year or dt.date.today().year, by.value, cadres, cfg)
        faults = record_faults(book)
    _say_ledger(path, fmt, words)
    _render_summary(result, fmt, words, path, _level_words(cfg, words) if by is By.level else {})
    _say_unreadable(faults, path, words)
    _show_problems(problems + faults, words)
    raise typer.Exit(int(ExitCode.PROBLEMS if problems or faults else ExitCode.OK))


def _level_words(config: Config, lang: str) -> dict[str, str]:
    """The words a table or a register gives each level: in English its English name (Config.english_names);
    in Chinese its own (no entry). --format json keeps the config's names, as the ledger and the roster key them."""
    return config.english_names()["level"] if lang == "en" else {}


def _render_summary(result: Summary, fmt: Format, lang: str, path: Path, groups: Mapping[str, str]) -> None:
    """The summary as a table, each group by the words of groups (a level's English name), or as JSON."""
    if fmt is Format.json:
        print_json({"ledger": str(path.absolute()), "year": result.year, "by": result.by,
                    "rows": [vars(r) for r in result.rows]})
        return
    from rich.table import Table as RichTable

    from needscli.cli.render import plain
    from needscli.cli.whole_words import Fitted
    from needscli.labels import label
    from needscli.records.register import shown_days

    def count(value: int | None) -> str:
        return "" if value is None else str(value)

    by = label(BY_KEYS[result.by], lang)
    table = RichTable(title=label("register.summary.title", lang, year=result.year, by=by))
    table.add_column(by, overflow="fold")
    for key in ("register.summary.cadres", "register.summary.days", "register.summary.hours",
                "register.summary.overseas", "register.summary.online", "register.summary.below",
                "register.summary.online_below"):
        table.add_column(label(key, lang), overflow="fold", justify="right")  # figures line up
    for r in result.rows:
        table.add_row(*plain(groups.get(r.group, r.group)), str(r.cadres), f"{shown_days(r.days):g}", f"{r.hours:g}", f"{r.overseas:g}",
                      f"{r.online:g}", count(r.below), count(r.online_below))
    out.print(Fitted(table))  # a unit's name on one line where the figures leave room for it


@records_app.command("export")
@handled
def export_command(
    output: Annotated[Path, typer.Argument(metavar="FILE", help="Where to write the register: an Excel workbook, its name "
                                                           "ending in .xlsx (the register is written in no other format).")],
    year: YearOpt = None,
    roster: RosterOpt = None,
    ledger: LedgerOpt = None,
    config: ConfigOpt = None,
    lang: Annotated[OutLang, typer.Option("--lang", help="Language of the sheet's labels and of the messages; "
                                          "auto follows the headers of --roster (an English roster: English), else "
                                          "Chinese.")] = OutLang.auto,
    force: Annotated[bool, typer.Option("--force", "--overwrite", help="Replace FILE though it is not a "
                                        "register needscli wrote. Without it an existing FILE that is anything "
                                        "else (signed sign-in sheets, a register edited or saved again in Excel) "
                                        "stops the command: exit 3, nothing written.")] = False,
) -> None:
    """Write the hours register (学时登记): per cadre this year's concentrated days and hours (overseas
    among them) and online hours, the five-year concentrated days and hours, the standard of the
    cadre's level (days or hours), the deficit, the online requirement and the last completions.

    \b
    Example: needscli records export 学时登记.xlsx --year 2026 --roster cadres.xlsx

    Names, units and levels (hence requirements) come from --roster. A register needscli wrote
    earlier at FILE, unchanged since, is replaced; any other file there is kept unless --force.
    Exit 1 when the roster had problems; 2 FILE is a folder or not a .xlsx name; 3 when the file
    cannot be written, or would replace an input or a file the office made (see --force).
    """
    from needscli.records.register import registration_rows
    from needscli.records.store import record_faults, unreadable_error
    from needscli.reports.files import check_output_path, remove_stale_temp, safeguards
    from needscli.reports.registration import write_registration

    check_output_path(output, "en" if lang is OutLang.en else "zh")
    if output.is_dir():  # usage errors, said in the language of errors (fatal_lang: --lang, else the locale)
        raise _usage_error(f"'{output}' is a folder; give the register's file in it, e.g. "
                           f"{output / '学时登记.xlsx'}", _file_word(fatal_lang()))
    if not output.exists():  # a name refused before the roster is read; a file there may be an input: said so below
        _check_xlsx(output, fatal_lang())
    cfg = _records_config(config)
    cadres, problems, words = _roster(roster, cfg, lang, _year_end(year), year or dt.date.today().year)
    with _speaking(words, roster):
        # the file where the ledger is looked for is never written over, there or not yet (_locate then stops)
        where = ledger_location(ledger, None if ledger else _project_ledger())
        inputs = [(p, kind) for p, kind in ((roster, "roster"), (where, "ledger"), (config, "config")) if p is not None]
        _check_replace(output, inputs, force, words)
        path = _locate(ledger, [roster] if roster else [], words)
        the_year = year or dt.date.today().year
        with open_ledger(path, create=False, lang=words) as book, ledger_faults(path, words):
            faults = record_faults(book)
            if faults:  # the register would leave them out of its figures, with nothing in it to say so
                raise unreadable_error(book, faults, lang=words)
            rows = registration_rows(book, the_year, cfg, cadres)
        with safeguards(inputs, force=force, lang=words):
            remove_stale_temp(output.parent)
            # a register of its own replaced only while it still is one (saved in Excel meanwhile, it is the office's)
            write_registration(rows, output, the_year, cfg.hours, words, keep_existing=not force,
                               own_replaced=True, levels=_level_words(cfg, words))
    _say_ledger(path, Format.table, words)
    say(said(f"Wrote {output} ({len(rows)} cadre(s))", words), err)
    _show_problems(problems, words)
    raise typer.Exit(int(ExitCode.PROBLEMS if problems else ExitCode.OK))


def _file_word(lang: str) -> str:
    """The export's argument as its help names it (FILE, 文件), for a usage error about its value."""
    return "FILE" if lang == "en" else PLACEHOLDERS_ZH["FILE"]


def _check_xlsx(output: Path, lang: str) -> None:
    """A usage error where FILE does not end in .xlsx: a register under .csv would be an Excel file no program opens
    as its name says."""
    if output.suffix.lower() != ".xlsx":
        raise _usage_error(f"'{output}' is not a .xlsx file name; the register is written as an Excel "
                           "workbook (.xlsx) only", _file_word(lang))


def _check_replace(output: Path, inputs: list[tuple[Path, str]], force: bool, lang: str) -> None:
    """Raise, before the ledger is read, where a file at FILE may not be replaced: it is an input
    of the run (exit 3, --force or not); its name does not end in .xlsx (_check_xlsx); it is a file the office made,
    anything but a register needscli wrote and nobody changed since (reports.registration.is_own_register: exit 3, unless --force)."""
    from needscli.errors import OutputError
    from needscli.reports.files import known_files
    from needscli.reports.registration import is_own_register

    kind = known_files(tuple(inputs)).kind_of(output)
    if kind is not None:
        raise OutputError(label("records.export.over_input", lang, target=output,
                                what=label(f"output.input.{kind}", lang)))
    _check_xlsx(output, lang)
    if not force and output.is_file() and not is_own_register(output):
        raise OutputError(label("records.export.exists", lang, target=output))


@records_app.command("remove")
@handled
def remove_command(
    ctx: typer.Context,
    source: Annotated[Path | None, typer.Option("--source", help="The records imported from this file, found by "
                                                "its content as imported; where the file is gone, by its name; else "
                                                "by the code a message lists for it.")] = None,
    cadre: Annotated[str | None, typer.Option("--cadre", metavar="ID", help="The records of this cadre id (编号), exactly as "
                                              "written in the records (a 身份证号 ending in x or X: either).")] = None,
    class_id: Annotated[str | None, typer.Option("--class", metavar="CLASS", help="The records of this class (班次编号), e.g. "
                                                 "C004, exactly as written.")] = None,
    yes: Annotated[bool, typer.Option("--yes", help="Remove them; without it, only show what would be "
                                      "removed.")] = False,
    ledger: LedgerOpt = None,
    fmt: FormatOpt = Format.table,
    lang: LangOpt = Lang.zh,
) -> None:
    """Take records back out of the ledger: those of --source, --cadre and --class together (at least one).

    \b
    Example: needscli records remove --source 签到表-2026-06.xlsx --yes

    Without --yes nothing is removed: the records that would be are listed. With --yes they are
    removed in one go (all or none), and a file none of whose records is left is no longer held as
    imported: remove a sheet's records, correct it (a mistyped id), and import it again. Exit 0
    done, or nothing matched; 2 no selector given, --source names no file imported (or several
    of that name), or the ledger cannot be read; 3 the ledger cannot be written.
    """
    from typer._click.exceptions import UsageError

    from needscli.records.removal import find_source, remove_records

    source = source if source and source.name.strip() else None  # --source "" selects nothing
    if not (source or any(v and v.strip() for v in (cadre, class_id))):
        raise UsageError(label("records.remove.no_selector", lang.value), ctx)
    path = _locate(ledger, [source] if source else [], lang.value)
    with open_ledger(path, create=False, lang=lang.value) as book, ledger_faults(path, lang.value):
        match = find_source(book, source, lang.value) if source else None
        removal = remove_records(book, source_hash=match.source.source_hash if match else None, cadre_id=cadre,
                                 class_id=class_id, dry_run=not yes)
    _say_ledger(path, fmt, lang.value)
    _render_removal(removal, match, _selection(match, cadre, class_id, lang.value), path, fmt, lang.value,
                    cadre=cadre, class_id=class_id)
    raise typer.Exit(int(ExitCode.OK))


def _selection(match: SourceMatch | None, cadre: str | None, class_id: str | None, lang: str) -> str:
    """The selectors given, in words: 来源文件 a.xlsx、编号 C1、班次 C004."""
    parts = [label("records.remove.by_source", lang, file=match.source.file) if match else "",
             label("records.remove.by_cadre", lang, cadre=cadre.strip()) if cadre and cadre.strip() else "",
             label("records.remove.by_class", lang, class_id=class_id.strip()) if class_id and class_id.strip()
             else ""]
    return label("list_joiner", lang).join(p for p in parts if p)


def _render_removal(removal: Removal, match: SourceMatch | None, selection: str, path: Path, fmt: Format,
                    lang: str, limit: int = 50, cadre: str | None = None, class_id: str | None = None) -> None:
    """The records removed (or that --yes would remove), in words or as JSON; where none matched, a full-width
    --cadre or --class named as it folds (C004 for Ｃ００４), to be typed so."""
    if fmt is Format.json:
        print_json({
            "ledger": str(path.absolute()), "dry_run": removal.dry_run,
            "matched": len(removal.records) + removal.unreadable, "unreadable": removal.unreadable,
            "removed": removal.removed,
            "source": {"file": match.source.file, "source_hash": match.source.source_hash, "found_by": match.how}
            if match else None,
            "sources_removed": removal.sources,
            "records": [r.model_dump(mode="json") for r in removal.records]})
        return
    if match:
        say(label(f"records.remove.source.{match.how}", lang, file=match.source.file,
                  date=match.source.imported_at))
    if not removal.records and not removal.unreadable:
        from needscli.records.removal import full_width_hint

        say(label("records.remove.none", lang, selection=selection), err)
        for option, given in (("--cadre", cadre), ("--class", class_id)):
            if (folded := full_width_hint(given)) is not None:  # Ｃ００４ from a Chinese input method
                say(label("records.remove.full_width", lang, typed=(given or "").strip(), folded=folded,
                          option=option), err)
        return
    if removal.records:
        out.print(_removal_table(removal, selection, lang, limit))
    n = len(removal.records) + removal.unreadable
    if len(removal.records) > limit:
        say(label("records.remove.more", lang, n=len(removal.records) - limit))
    if removal.unreadable:  # edited by hand: no dates or hours to list (records show names what is wrong)
        say(label("records.remove.unreadable", lang, n=removal.unreadable))
    files = label("list_joiner", lang).join(removal.sources)
    lines = [label("records.remove.dry_run", lang, n=n)] if removal.dry_run else \
        [label("records.remove.removed", lang, n=removal.removed)]
    if files:
        lines.append(label("records.remove.sources_would" if removal.dry_run else "records.remove.sources", lang,
                           files=files))
    for line in lines:
        say(line)


def _removal_table(removal: Removal, selection: str, lang: str, limit: int) -> RichTable:
    """The first limit records selected: cadre id, topic, class, dates, hours, where each came from."""
    from rich.markup import escape
    from rich.table import Table as RichTable

    from needscli.cli.render import plain

    title = "records.remove.would_title" if removal.dry_run else "records.remove.removed_title"
    # the file's name as written: [draft] in it is no rich markup
    table = RichTable(title=escape(label(title, lang, selection=selection, n=len(removal.records))))
    for key in ("col.cadre_id", "register.show.topic", "register.show.class", "records.remove.dates",
                "register.show.hours", "register.show.source"):
        table.add_column(label(key, lang), overflow="fold", no_wrap=key in ("col.cadre_id", "records.remove.dates",
                                                                        "register.show.hours"))
    for r in removal.records[:limit]:
        end = r.end_date.isoformat()
        dates = label("records.remove.span", lang, start=r.start_date.isoformat(), end=end) if r.start_date else end
        where = f"{r.source_file} / {r.source_sheet} / {label('register.show.row', lang, row=r.source_row)}"
        table.add_row(*plain(r.cadre_id, r.topic, r.class_id, dates, f"{r.hours:g}", where))
    return table
