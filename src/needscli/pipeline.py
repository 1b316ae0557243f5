"""The library calls the CLI and the Python API make: analyze() reads and finds needs,
plan_classes() forms classes, write_outputs() writes them, run_job() does a whole analyze run."""

from __future__ import annotations

import datetime as dt
import functools
import importlib
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from needscli.config import ClassesConfig, Config
from needscli.core.analysis import Analysis
from needscli.core.catalog import Catalog
from needscli.core.need_shares import Start
from needscli.core.needs import NeedsEngine, NeedsResult, find_needs
from needscli.core.obligations import cadre_obligations
from needscli.core.pseudonyms import Joined, pseudonymize_joined
from needscli.core.ranking import rank_topics_both
from needscli.core.rules import RuleSet
from needscli.errors import (
    NeedsError,
    Problem,
    problems_error,
    validation_error,
)
from needscli.io.catalog_file import build_catalog, load_topics_toml
from needscli.io.copies import beside_old_books
from needscli.io.data_gaps import data_gap_problems
from needscli.io.files import (
    beside_build,
    beside_halves,
    beside_parse,
    beside_scan,
)
from needscli.io.late_dates import late_date_problems
from needscli.io.load import load_inputs
from needscli.io.priority_checks import drop_repeated_priorities, misspelled_units
from needscli.io.pseudonym_key import check_key
from needscli.io.roster_year import other_year_figures
from needscli.io.rules_file import load_rules
from needscli.io.topic_checks import close_match_problems, register_input_topics
from needscli.labels import label
from needscli.models import Cadre, Inputs, Resource
from needscli.records.apply import apply_ledger
from needscli.reports import ALL_FORMATS
from needscli.reports.parallel import Forked, can_fork
from needscli.wording import problems_in

if TYPE_CHECKING:
    from needscli.core.need_columns import NeedColumns
    from needscli.models import KeptClass
    from needscli.planner import Plan

Progress = Callable[[str, int, int], None]  # (stage, done, total)
# told to progress as a stage (SPEAKS + "zh" or "en", 0, 0) once the run's language is known (the roster read): not
# a stage of its own, the language the stages after it are said in (a bar began before the roster was read)
SPEAKS = "speaks "


def _split_toml(extra: dict[str, Path | None]) -> tuple[dict[str, Path | None], Path | None]:
    topics = extra.get("topics")
    if topics is not None and topics.suffix.lower() == ".toml":
        return {**extra, "topics": None}, topics
    return extra, None


def check_inputs(rosters: list[Path], config: Config, extra: dict[str, Path | None] | None = None,
                 mapping: dict[str, dict[str, str]] | None = None, as_of: dt.date | None = None,
                 lang: str = "auto", progress: Progress | None = None) -> Inputs:
    """Load every input, check the rules against the catalog, and report all problems (with the blank
    cells the obligations need as of the date). progress: told the files read, the run's language (SPEAKS) and
    "checking inputs" (at a province's scale the checks after the reading take as long again)."""
    when = as_of or dt.date.today()
    inputs, catalog = _load(rosters, config, extra or {}, mapping, progress, when, lang)
    if progress:
        progress(SPEAKS + (lang if lang in ("zh", "en") else inputs.lang), 0, 0)
        progress("checking inputs", 0, 0)
    ruleset = _rules(inputs, catalog, config)
    inputs.problems.extend(ruleset.problems + rating_problems(inputs, catalog) + resolve_resources(inputs, catalog, config)[1])
    if lang in ("zh", "en"):
        inputs.lang = lang
    inputs.problems.extend(late_date_problems(inputs, when, inputs.lang, config))
    inputs.problems.extend(other_year_figures(inputs, when.year, inputs.lang))
    obligations = cadre_obligations(inputs.cadres, config, catalog, when, inputs.lang)
    inputs.problems.extend(data_gap_problems(inputs, obligations, inputs.lang, config.hours))
    # what forming classes would say of the cadres' organizers (analyze's plan problems of the roster)
    from needscli.planner.context import organizer_problems

    inputs.problems.extend(organizer_problems(inputs.cadres, config, inputs.lang, inputs.roster_columns))
    if ruleset.rules and (inputs.rule_rows or inputs.rules_path):
        inputs.counts["rules"] = len([r for r in ruleset.rules if r.origin and "built-in" not in r.origin])
    inputs.problems = problems_in(inputs.problems, inputs.lang)  # said in the roster's language (or lang)
    return inputs


def _load(rosters: list[Path], config: Config, extra: dict[str, Path | None],
          mapping: dict[str, dict[str, str]] | None, progress: Progress | None,
          as_of: dt.date, lang: str = "auto") -> tuple[Inputs, Catalog]:
    extra, topics_toml = _split_toml(extra)
    # a large worksheet checked for stray cells in two processes (limits.scan_processes, io.extent.scan_sheet)
    # and a large roster's cadres built in two processes (limits.build_processes, io.tables.build_cadres)
    # and its largest worksheet parsed in two (limits.parse_processes, io.halves)
    with beside_scan(_second_process(config.limits.scan_processes, config)), \
            beside_halves(_second_process(config.limits.parse_processes, config), config.limits.parse_split_bytes), \
            beside_old_books(old_books_start(config)), \
            beside_build(_second_process(config.limits.build_processes, config)):
        inputs = load_inputs(rosters, config, extra=extra, mapping=mapping,
                             progress=(lambda msg: progress(msg, 0, 0)) if progress else None, as_of=as_of,
                             lang=lang)
    inputs.problems.extend(drop_repeated_priorities(inputs))  # before any priority's topic joins the catalog
    inputs.problems.extend(misspelled_units(inputs))
    user_topics = inputs.topics + (load_topics_toml(topics_toml) if topics_toml else [])
    catalog = build_catalog(user_topics, config.needs.match_cutoff)
    inputs.problems.extend(register_input_topics(catalog, inputs))  # before anything is resolved
    return inputs, catalog


def _rules(inputs: Inputs, catalog: Catalog, config: Config) -> RuleSet:
    return load_rules(catalog, config, path=inputs.rules_path, sheet_rows=inputs.rule_rows,
                      sheet_origin=inputs.rules_origin)


def rating_problems(inputs: Inputs, catalog: Catalog) -> list[Problem]:
    """A rating column naming no catalog topic is reported once."""
    seen: dict[str, Cadre] = {}
    for cadre in inputs.cadres:
        for text in cadre.ratings:
            seen.setdefault(text, cadre)
    return [
        Problem(code="unknown-topic", file=c.file, sheet=c.sheet, column=f"能力:{text}", severity="warning",
                message=f'rating column for "{text}" names no topic of the catalog; its ratings are ignored',
                expected="a topic name or alias of the catalog")
        for text, c in seen.items() if catalog.resolve(text, source="rating") is None
    ]


def resolve_completions(inputs: Inputs, catalog: Catalog) -> None:
    """The topics of the completions (the roster's and the ledger's), each distinct text resolved once,
    so that the catalog's mapping lists those taken by alias or close match."""
    for text in sorted({c.topic for cadre in inputs.cadres for c in cadre.completed}):
        catalog.match(text, source="completion")


def resolve_resources(inputs: Inputs, catalog: Catalog, config: Config) -> tuple[list[Resource], list[Problem]]:
    """Copies of the resources with their topics named in words turned into topic ids; a name that
    matches nothing is reported, and one taken by a close match. A resource teaching appointment training
    (任职培训, a topic of that type no appointment band takes) teaches each band's graded appointment topic
    (obligations.appointment_bands: 县处级以上任职培训, 乡科级任职培训), the classes appointees sit in."""
    known = {t.id for t in catalog.topics}
    bands = [band.topic for band in config.obligations.appointment_bands if band.topic in known]
    general = {t.id for t in catalog.topics if t.training_type == "appointment" and t.id not in bands}
    problems, resources, found = [], [], []
    for res in inputs.resources:
        ids = []
        for name in res.topics:
            match = catalog.match(name, source="resource")
            found.append((res, name, match))
            topic = match.topic if match else None
            if topic is None:
                problems.append(Problem(
                    code="unknown-topic", file=res.file, sheet=res.sheet, row=res.row, severity="warning",
                    message=f'row {res.row}: a topic of this resource matches no catalog topic; it is ignored',
                    expected="a topic name or alias of the catalog"))
            elif topic.id not in ids:
                ids.append(topic.id)
        if general.intersection(ids):
            ids += [band for band in bands if band not in ids]
        resources.append(res.model_copy(update={"topics": ids}))
    return resources, problems + close_match_problems("resource", found, inputs.lang)


def default_plan_start(as_of: dt.date) -> dt.date:
    """The first day of the month after the analysis date."""
    return dt.date(as_of.year + as_of.month // 12, as_of.month % 12 + 1, 1)


def plan_classes(analysis: Analysis, start: dt.date | None = None, periods: int | None = None,
                 config: Config | None = None, cols: NeedColumns | None = None,
                 kept: Sequence[KeptClass] = (), progress: Progress | None = None) -> Plan:
    """Form classes from the needs of an analysis, under config (default: the analysis' own); cols: the needs'
    columns (analysis.keep_columns()) where the caller made them already. start and periods not given: those of the
    plan the analysis was saved with (a re-plan of a run folder: Analysis.plan_window), else the first of the month
    after the analysis date and [classes] periods. kept: classes of an earlier plan to keep as announced
    (io.kept_plan.read_kept_classes), those from the plan's start on. progress: told "forming classes" with the
    planner's steps (planner_steps)."""
    from needscli.planner import form_classes

    if analysis.plan_window is not None:
        start = start or analysis.plan_window[0]
        periods = periods or analysis.plan_window[1]
    kept = kept or analysis.kept_classes  # a re-plan keeps what its analyze run kept
    plan = form_classes(analysis.needs, analysis.cadres, analysis.catalog, config or analysis.config,
                        analysis.inputs.resources, start or default_plan_start(analysis.as_of),
                        periods, analysis.lang, analysis.inputs.roster_columns, cols,
                        {row.cadre_id: row.standing for row in analysis.compliance}, kept, analysis.as_of,
                        planner_steps(progress))
    plan.problems = problems_in(plan.problems, analysis.lang)  # as the analysis' are said (Plan.to_frame("problems"))
    plan.kept_given = list(kept)
    return plan


def planner_steps(progress: Progress | None) -> Callable[[int], None] | None:
    """What tells progress of the planner's steps (planner.PLAN_STEPS) as each ends, its "forming classes" stage
    begun with them as its total (a bar of 7 steps, not a line without an end: a million cadres take minutes);
    None where no progress is asked for."""
    if progress is None:
        return None
    from needscli.planner import PLAN_STEPS

    progress("forming classes", 0, PLAN_STEPS)  # where run_job began it before its writer started: no change
    return lambda done: progress("forming classes", done, PLAN_STEPS)


def with_class_settings(config: Config, changes: Mapping[str, int | float | None]) -> Config:
    """A copy of config whose [classes] takes the changes (None: unchanged), checked as a config file is."""
    given = {name: value for name, value in changes.items() if value is not None}
    if not given:
        return config
    try:
        settings = ClassesConfig.model_validate({**config.classes.model_dump(), **given})
    except ValidationError as exc:
        raise validation_error(exc, at=("classes",)) from None
    if settings.min_size > settings.max_size:
        raise problems_error([Problem(code="bad-value", column="classes.min_size", message=(
            f"classes.min_size {settings.min_size} is above classes.max_size {settings.max_size}"))])
    return config.model_copy(update={"classes": settings})


PLAN_PROBLEMS = frozenset({"no-organizer", "implausible-organizer", "class-on-holiday", "class-over-holiday",
                           "class-past-its-month", "kept-class-dropped", "kept-class-member-left",
                           "kept-class-member-added", "kept-class-size", "kept-class-host"})  # found forming classes


def in_language(analysis: Analysis, lang: str) -> Analysis:
    """The analysis with its outputs' labels in lang, "zh" or "en" ("auto": the language of the roster's headers),
    as needscli classes --lang re-plans it: its problems said in it where they can be (English ones in Chinese);
    the needs' reasons stay in the language the analysis wrote them in."""
    chosen = analysis.inputs.lang if lang == "auto" else lang
    if chosen == analysis.lang:
        return analysis
    return replace(analysis, lang=chosen, problems=problems_in(analysis.problems, chosen))


def with_plan_problems(analysis: Analysis, plan: Plan) -> Analysis:
    """The analysis with the plan's problems in place of an earlier plan's, as a run reports them."""
    problems = [p for p in analysis.problems if p.code not in PLAN_PROBLEMS] + problems_in(plan.problems, analysis.lang)
    return replace(analysis, problems=problems)


def write_outputs(analysis: Analysis, plan: Plan, folder: Path, formats: frozenset[str] = ALL_FORMATS,
                  split_by: str | None = None) -> list[Path]:
    """Every output of an analyze run for this analysis and plan in these formats (and the snapshot), with the
    hand-outs by split_by (reports.split.SPLIT_BY) where given, as one set, as run_job writes them; returns their
    paths, the hand-outs' last."""
    from needscli.reports.outputs import write_all
    from needscli.reports.split import split_staged

    analysis.rank()  # where analyze(rank=False) left it: ranked once, in the caller's analysis
    analysis = with_plan_problems(analysis, plan)
    if not split_by:
        return write_all(analysis, plan, folder, formats=formats)
    with split_staged(analysis, plan, folder, split_by) as hand_outs:  # together with the main outputs or not at all
        outputs = write_all(analysis, plan, folder, formats=formats, hand_outs=hand_outs)
    return outputs + hand_outs


def analyze(rosters: list[Path], config: Config, *, extra: dict[str, Path | None] | None = None,
            as_of: dt.date | None = None, lang: str = "auto", mapping: dict[str, dict[str, str]] | None = None,
            explain: set[str] | None = None, progress: Progress | None = None,
            pseudonym_key: bytes | None = None, ledger: Path | None = None,
            rank: bool = True) -> tuple[Analysis, NeedsResult]:
    """Read the inputs and find every cadre's needs; raises NeedsError when nothing can be analyzed.
    rank=False: the topics are not ranked yet (Analysis.rank() ranks them, run_job in its early writer)."""
    if pseudonym_key is not None:
        check_key(pseudonym_key, lang)  # before reading anything: a weak key is refused whoever passes it
    timings: dict[str, float] = {}
    start = time.perf_counter()
    when = as_of or dt.date.today()
    inputs, catalog = _load(rosters, config, extra or {}, mapping, progress, when, lang)
    timings["read"] = time.perf_counter() - start
    out_lang = inputs.lang if lang == "auto" else lang
    if progress:
        progress(SPEAKS + out_lang, 0, 0)  # the stages from here said as the run speaks
    late_dates = late_date_problems(inputs, when, out_lang, config)  # the roster's own cells, before a ledger joins in
    # a roster of an earlier year (its title 2026年度, run as of 2027): its 本年度 figures are not this year's
    late_dates += other_year_figures(inputs, when.year, out_lang)
    joined = Joined(inputs.cadres, [])
    if ledger:
        joined = Joined(*apply_ledger(inputs.cadres, ledger, when, config, catalog))
    if pseudonym_key is not None:  # once, after every input is joined: all that follows sees tokens only
        joined = pseudonymize_joined(joined, pseudonym_key)
    inputs, ledger_diffs = replace(inputs, cadres=joined.cadres), joined.ledger_diffs
    if not inputs.cadres:
        raise NeedsError("no cadre could be analyzed: the roster has no valid rows"
                         + (f" ({len(inputs.problems)} problem(s); run needscli validate)" if inputs.problems else ""),
                         problems=inputs.problems, lang=inputs.lang if lang == "auto" else lang)
    ruleset = _rules(inputs, catalog, config)
    resources, resource_problems = resolve_resources(inputs, catalog, config)
    inputs = replace(inputs, resources=resources)
    resolve_completions(inputs, catalog)
    problems = inputs.problems + late_dates + ruleset.problems + rating_problems(inputs, catalog) + resource_problems
    engine = NeedsEngine(config, catalog, ruleset.rules, inputs.posts, inputs.priorities, when, out_lang)
    start = time.perf_counter()
    total = len(inputs.cadres)
    result = find_needs(inputs.cadres, engine, explain,
                        progress=(lambda n: progress("finding needs", n, total)) if progress else None,
                        beside=_beside(config, total))
    ranking, unit_ranking = rank_topics_both(result.needs, inputs.cadres, catalog) if rank else ([], [])
    problems += data_gap_problems(inputs, result.obligations, out_lang, config.hours)
    problems = problems_in(problems, out_lang)  # every problem in the language of the outputs
    timings["needs"] = time.perf_counter() - start  # ranking included where ranked here: part of finding the needs
    analysis = Analysis(
        inputs=inputs, config=config, as_of=when, lang=out_lang, catalog=catalog, rules=ruleset.rules,
        needs=result.needs, unmatched=result.unmatched, compliance=result.compliance,
        ranking=ranking, unit_ranking=unit_ranking,
        problems=problems, timings=timings, ledger_diffs=ledger_diffs, obligations=result.obligations,
        pseudonymized=pseudonym_key is not None, ranks_pending=not rank,
    )
    return analysis, result


def _beside(config: Config, cadres: int) -> Start | None:
    """Where the needs of this many cadres are found in two processes (limits.needs_processes,
    limits.needs_split_cadres), what starts the second (find_needs' beside), given limits.needs_wait_seconds at
    least to send back what it found (Forked); else None."""
    if cadres < config.limits.needs_split_cadres:
        return None
    return _second_process(config.limits.needs_processes, config)


def _second_process(processes: int, config: Config) -> Start | None:
    """What starts work in a second process (Forked, given limits.needs_wait_seconds at least to send back what
    it found) where processes (a limit's count) asks for two and the system can fork; else None."""
    if processes < 2 or not can_fork():
        return None
    return functools.partial(Forked.start, wait=config.limits.needs_wait_seconds)


def old_books_start(config: Config) -> Start | None:
    """What starts the copy of the process that parses an Excel 97-2003 workbook (io.copies.beside_old_books), given
    limits.xls_wait_seconds to send its sheets, where the system can fork (Linux); else None (parsed in this
    process). Not a matter of speed (limits.parse_processes): a file its reader cannot survive ends the copy."""
    if not can_fork():
        return None
    return functools.partial(Forked.start, wait=config.limits.xls_wait_seconds)


@dataclass
class Job:
    """Everything one analyze run needs, from the command line and/or needscli.toml."""

    rosters: list[Path]
    config: Config = field(default_factory=Config)
    extra: dict[str, Path | None] = field(default_factory=dict)
    mapping: dict[str, dict[str, str]] = field(default_factory=dict)
    output: Path = Path("needscli-out")
    as_of: dt.date | None = None
    lang: str = "auto"
    strict: bool = False
    plan_start: dt.date | None = None
    periods: int | None = None
    split_by: str | None = None
    pseudonym_key: bytes | None = None
    ledger: Path | None = None
    problems: list[Problem] = field(default_factory=list)  # found before the run: a key file others can read
    formats: frozenset[str] = ALL_FORMATS  # the outputs' formats (xlsx, csv, parquet); the snapshot is always written
    keep_classes: Path | None = None  # an earlier run's folder whose classes from the plan's start on are kept


@dataclass
class RunResult:
    analysis: Analysis
    plan: Plan
    outputs: list[Path]


class StrictError(NeedsError):
    """--strict and the inputs had problems: nothing was written."""


# what a run takes up once its needs are found: imported beside the parse of the roster (ready_to_write)
LATER_MODULES = ("needscli.planner", "needscli.reports.outputs", "needscli.reports.split")


def arrow() -> Any:
    """pyarrow, imported (io.snapshot.arrow)."""
    from needscli.io.snapshot import arrow as imported

    return imported()


def ready_to_write() -> None:
    """Import what the run forms classes and writes with while calamine parses the roster (files.beside_parse):
    pyarrow (see run_job), the planner and the modules that write the outputs (xlsxwriter's, the workbooks', the
    Parquet files'), which the run takes up only once its needs are found: at 10,000 cadres 0.1 s of imports the
    run's start no longer waits for."""
    arrow()
    for name in LATER_MODULES:
        importlib.import_module(name)


def check_kept(analysis: Analysis, kept: Sequence[KeptClass], folder: Path) -> None:
    """NeedsError where most members of the classes of folder to keep are not on the analysis' roster: another
    roster's run, whose members would each leave their classes, told one by one."""
    members = {m for k in kept for m in k.members}
    on_roster = len(members & analysis.cadre_by_id.keys())
    if members and on_roster < len(members) / 2:
        raise NeedsError(label("kept.other_roster", analysis.lang, folder=folder, n=len(members), m=on_roster),
                         lang=analysis.lang)


def run_job(job: Job, progress: Progress | None = None) -> RunResult:
    """Analyze, form classes, write all outputs (and the split hand-outs); raises NeedsError."""
    # the classes to keep read first: a folder that holds none stops the run before the roster is read (the
    # planner's modules imported here only then, not before the roster's parse: ready_to_write imports them beside it)
    kept: list[KeptClass] = []
    if job.keep_classes is not None:
        from needscli.io.kept_plan import read_kept_classes

        kept = read_kept_classes(job.keep_classes, "en" if job.lang == "en" else "zh", job.pseudonym_key is not None)
    # pyarrow (every run writes the snapshot's Parquet tables) imported while calamine parses the roster, which
    # lets go of the interpreter: the writing processes forked later share it instead of each importing it (a
    # few tenths of a second each, on the CPUs the forming of classes and the writing keep busy). Its first
    # conversion, with pandas hidden from it (arrow_without_pandas), is left to them: this process may yet
    # hand pyarrow a DataFrame (load_arrow), and a finder on sys.meta_path is not a thing to add beside a thread
    with beside_parse(ready_to_write):
        analysis, _ = analyze(job.rosters, job.config, extra=job.extra, as_of=job.as_of, lang=job.lang,
                              mapping=job.mapping, progress=progress, pseudonym_key=job.pseudonym_key,
                              ledger=job.ledger, rank=False)
    analysis.problems[:0] = problems_in(job.problems, analysis.lang)  # said in the run's language
    if job.keep_classes is not None:
        check_kept(analysis, kept, job.keep_classes)
    analysis.kept_classes = kept  # analysis.json keeps them: needscli classes keeps them again
    # imported by now beside the parse (ready_to_write), where the roster was a workbook
    from needscli.reports.outputs import start_early_outputs, write_all
    from needscli.reports.split import split_staged

    early = None
    try:
        planner_steps(progress)  # the stage begun now: the needs' columns and the early writer's start are part of it
        start = time.perf_counter()
        # the needs' columns are read before a writer is forked, which reads them too (not a Need): after it,
        # reading a need writes its count of references, and the kernel copies each page of needs the two
        # processes still share (a million cadres' 9.4 million needs: seconds, and a gigabyte more in all)
        cols = analysis.keep_columns()
        # needs.csv, the analysis' Parquet files and the snapshot's tables are written beside the forming of classes,
        # the topics ranked there first and sent back (not under --strict: it may write nothing)
        early = None if job.strict else start_early_outputs(analysis, job.output, job.formats)
        if early is None:
            ranking = time.perf_counter()
            analysis.rank()
            analysis.timings["needs"] += time.perf_counter() - ranking
            start += time.perf_counter() - ranking
        plan = plan_classes(analysis, job.plan_start, job.periods, cols=cols, kept=kept, progress=progress)
        del cols  # the plan's seats (Seats) keep its cadre, topic and priority columns: the others go here
        analysis.forget_columns()
        analysis.problems.extend(problems_in(plan.problems, analysis.lang))
        analysis.timings["classes"] = time.perf_counter() - start
        if job.strict and analysis.problems:
            raise StrictError(f"{len(analysis.problems)} data problem(s) and --strict: nothing written",
                              problems=analysis.problems, lang=analysis.lang)
        start = time.perf_counter()
        if progress:
            progress("writing reports", 0, 0)
        if job.split_by:  # the hand-outs and the main outputs land together or not at all
            with split_staged(analysis, plan, job.output, job.split_by) as split_outputs:
                outputs = write_all(analysis, plan, job.output, early=early, formats=job.formats,
                                    hand_outs=split_outputs)
            outputs += split_outputs
        else:
            outputs = write_all(analysis, plan, job.output, early=early, formats=job.formats)
    except BaseException as exc:
        if isinstance(exc, NeedsError) and not exc.lang:  # an output that could not be written, said as the run speaks
            exc.lang = analysis.lang
        if early is not None:
            try:
                early.stop()
            finally:
                early.unmake_folder()
        raise
    analysis.timings["write"] = time.perf_counter() - start
    return RunResult(analysis, plan, outputs)
