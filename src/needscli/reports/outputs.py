"""An analyze run's outputs as one set: gap report, needs CSV, class rosters, Parquet tables, the snapshot (write_all),
the analysis' own written beside the forming of classes (start_early_outputs). Each set written whole or not at all.
Offered by the package (needscli.reports) as well."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

from needscli.core.analysis import Analysis
from needscli.core.ranking import TopicRank
from needscli.io.snapshot import SNAPSHOT_DIR, TableFile
from needscli.planner import Plan
from needscli.reports import ALL_FORMATS, OUTPUT_FORMATS
from needscli.reports.annual_plan import PLAN_CSV, PlanRow, plan_rows, write_plan_csv
from needscli.reports.class_lookup import PlanView
from needscli.reports.class_rosters import (
    CLASSES_COLUMNS,
    SignIns,
    classes_rows,
    sign_ins,
    write_assignments_csv,
    write_class_rosters,
    write_roster_book,
)
from needscli.reports.files import check_run_folder, remove_stale_temp, scratch_holds, write_csv
from needscli.reports.gap_report import (
    Figures,
    analysis_figures,
    remember_figures,
    write_gap_report,
)
from needscli.reports.needs_csv import write_needs_csv
from needscli.reports.parallel import Child, Task, Turns, can_fork, run_side_by_side
from needscli.reports.parquet import (
    PARQUET_FILES,
    arrow_without_pandas,
    load_arrow,
    write_parquet_outputs,
)
from needscli.reports.roster_books import (
    CLASS_ROSTERS,
    RosterBook,
    check_earlier_books,
    remove_earlier_books,
    roster_books,
)
from needscli.reports.snapshot import save_snapshot, write_analysis_tables

GAP_REPORT = "gap-report.xlsx"
NEEDS_CSV = "needs.csv"
FORMAT_FILES = {"xlsx": (GAP_REPORT, CLASS_ROSTERS), "csv": (NEEDS_CSV, "classes.csv", "assignments.csv", PLAN_CSV),
                "parquet": PARQUET_FILES}


def output_names(formats: frozenset[str] = ALL_FORMATS, books: list[str] | None = None) -> list[str]:
    """The files of these formats an analyze run writes into its folder (the snapshot's aside). books: the
    workbooks of sign-in sheets the run writes beside class-rosters.xlsx (roster_books), listed after it."""
    names = [name for kind in OUTPUT_FORMATS if kind in formats for name in FORMAT_FILES[kind]]
    if books and CLASS_ROSTERS in names:
        at = names.index(CLASS_ROSTERS) + 1
        names[at:at] = books
    return names


def start_early_outputs(analysis: Analysis, out_dir: Path, formats: frozenset[str] = ALL_FORMATS,
                        snapshot: bool = True) -> Child | None:
    """The outputs made of the analysis alone, needs.csv (csv), the Parquet files of ANALYSIS_TABLES (parquet) and
    the snapshot's tables (snapshot; analysis.json, which lists the plan's files, is written by write_all from their
    digests): where a second process may write (limits.write_processes), they are written now, beside the forming of
    classes. The snapshot's tables are left to write_all where snapshot/ is a link elsewhere or on another device
    (files.scratch_holds): their temp files would wait there, and write_all's cleaning of the folder would take
    them for a killed run's.
    Returns the writing child for write_all(early=...) (stop() it if the run ends before), or None: write_all then
    writes them itself. The child has pyarrow from the run where run_job imported it as the roster was parsed
    (beside_parse: the writing children share it), else imports it itself, and converts with pandas hidden from
    it (arrow_without_pandas). Before writing anything, the child sends its first notes (EarlyNotes): the topics'
    ranks where they are not ranked yet (Analysis.ranks_pending), and the summaries' figures
    (gap_report.analysis_figures).
    write_all takes them before anything else is written, and the other writers start while this one may
    still write (a small roster's plan takes less time than needs.csv); it sends the snapshot's tables' digests
    at its end."""
    snapshot = snapshot and scratch_holds(out_dir / SNAPSHOT_DIR, out_dir)
    if ((not formats & {"csv", "parquet"} and not snapshot) or analysis.config.limits.write_processes < 2
            or not can_fork()):
        return None
    tables: dict[str, dict[str, object]] = {}
    send_ranks = analysis.ranks_pending

    def early() -> list[Path]:
        if "parquet" in formats or snapshot:
            arrow_without_pandas()
        analysis.rank()  # the files below hold the ranks
        paths = []
        if "csv" in formats:
            write_needs_csv(analysis, out_dir / NEEDS_CSV)
            paths.append(out_dir / NEEDS_CSV)
        # the snapshot's tables staged with the rest, not listed: the list names analysis.json and the folder
        outputs, _, written = write_analysis_tables(analysis, out_dir, "parquet" in formats, snapshot)
        tables.update((name, t.model_dump()) for name, t in written.items())
        return paths + outputs

    def first() -> EarlyNotes:
        return EarlyNotes({}, analysis.rank() if send_ranks else None, analysis_figures(analysis), snapshot)

    def notes() -> EarlyNotes:
        return EarlyNotes(tables, None, None, snapshot)

    return Child.start(early, out_dir, notes=notes, inner=(out_dir / SNAPSHOT_DIR,), first=first)


class EarlyNotes(NamedTuple):
    """What the early writer sends back besides its files: first the ranks and figures, at its end the tables."""

    tables: dict[str, dict[str, object]]  # the snapshot's tables it wrote: name -> TableFile's fields
    ranks: tuple[list[TopicRank], list[TopicRank]] | None  # Analysis.rank() where the run left the ranking to it
    figures: Figures | None = None  # gap_report.analysis_figures(), counted from the needs it read anyway
    snapshot: bool = False  # it writes the snapshot's tables (analysis.json is written once it is collected)


def _early_tables(early: Child | None) -> dict[str, TableFile] | None:
    """The snapshot's tables the early writer wrote (what analysis.json says of each), or None: none were."""
    if early is None or not isinstance(early.notes, EarlyNotes) or not early.notes.tables:
        return None
    return {name: TableFile.model_validate(t) for name, t in early.notes.tables.items()}


def _take_early(analysis: Analysis, notes: Any) -> None:
    """The early writer's figures and ranks (its first notes) into the analysis: the ranks where they were left
    to it (ranked here where it sent none)."""
    if isinstance(notes, EarlyNotes) and notes.figures is not None:
        remember_figures(analysis, notes.figures)
    if analysis.ranks_pending:
        ranks = notes.ranks if isinstance(notes, EarlyNotes) else None
        if ranks is not None:
            analysis.take_ranks(ranks)
        else:
            analysis.rank()


def write_all(analysis: Analysis, plan: Plan, out_dir: Path, snapshot: bool = True,
              early: Child | None = None, formats: frozenset[str] = ALL_FORMATS,
              hand_outs: Iterable[Path] = ()) -> list[Path]:
    """Every output of analyze in the formats asked for (output_names: xlsx, csv, parquet), and the snapshot:
    analysis.json and snapshot/. The whole set or nothing is moved into place.

    The gap report is written here while a second process writes the rest (limits.write_processes), the Parquet
    files of the plan with it where the early writer took the analysis' (else all of them here); the workbooks of
    sign-in sheets (roster_books, past limits.roster_sheets classes) are taken one at a time by whichever process
    is free (Turns), so that the two finish together. early:
    the writer of needs.csv, the analysis' Parquet files and the snapshot's tables from start_early_outputs(), or
    None; both start once it has sent its first notes (EarlyNotes), and where it writes the snapshot's tables,
    analysis.json is written here from the digests it sends at its end, once every process is done. Once they are
    in place, the workbooks of sign-in sheets an earlier run wrote there and this one did not are removed,
    while as needscli wrote them (roster_books). hand_outs: the files of the --split-by hand-outs written with
    these outputs (split.split_staged), listed in analysis.json beside them: a hand-out folder has no analysis.json
    of its own to tell its workbooks, filled in since, from the office's own (files.is_needscli_file).
    """
    if early is None:
        analysis.rank()  # where analyze(rank=False) left the ranking and no early writer took it
    books = roster_books(plan.classes, analysis.config.limits.roster_sheets) if "xlsx" in formats else []
    check_run_folder(out_dir, analysis.lang)  # before anything is written: a roll-up's folder, a part of a run's
    listed = check_earlier_books(out_dir, [b.name for b in books])
    signs = sign_ins(analysis, plan) if books else None
    hand_out_names = [path.relative_to(out_dir).as_posix() for path in hand_outs]  # by-unit/市财政局/gap-report.xlsx

    def book_turns(turns: Turns) -> list[Path]:
        if signs is None:  # no workbooks of sign-in sheets
            return []
        return [write_roster_book(analysis, plan, out_dir, books[i], signs) for i in turns]

    def here(turns: Turns) -> list[Path]:
        paths = []
        if "xlsx" in formats:
            paths.append(out_dir / GAP_REPORT)
            write_gap_report(analysis, paths[-1], PlanView(plan, analysis.lang), formats=formats)
        if "parquet" in formats and early is None:
            paths += write_parquet_outputs(analysis, plan, out_dir, with_analysis=True)
        return paths + book_turns(turns)

    def the_rest(turns: Turns) -> list[Path]:
        paths = []
        if os.getpid() != main and ("parquet" in formats or (snapshot and not tables_early())):
            arrow_without_pandas()  # imported by the run where run_job did (beside_parse), else the child's own
        if early is None and "csv" in formats:
            paths.append(out_dir / NEEDS_CSV)
            write_needs_csv(analysis, paths[0])
        # the plan's Parquet files (the early writer wrote the analysis'): here, while the gap report takes longer
        parquet = "parquet" in formats and early is not None
        rows = plan_rows(analysis, plan) if parquet or formats & {"xlsx", "csv"} else []
        if parquet:
            paths += write_parquet_outputs(analysis, plan, out_dir, rows, with_analysis=False)
        paths += _class_outputs(analysis, plan, out_dir, formats, books, signs, rows)
        if snapshot and not tables_early():
            paths += index()
        return paths + book_turns(turns)

    def tables_early() -> bool:
        """Whether the early writer writes the snapshot's tables (its first notes say; taken before the writers
        start): analysis.json is then written here once it is collected (last)."""
        return bool(taken) and isinstance(taken[0], EarlyNotes) and taken[0].snapshot

    def index() -> list[Path]:
        """analysis.json, and the folder of the snapshot's tables (written here where the early writer did not)."""
        names = [*output_names(formats, [b.name for b in books]), *hand_out_names]
        written = save_snapshot(analysis, out_dir, names,
                                _early_tables(early), (plan.start, plan.periods), plan.kept_given)
        return [written[-1], out_dir / SNAPSHOT_DIR]

    def last(_: Any) -> list[Path]:
        return index() if snapshot and tables_early() else []  # the early writer's tables are collected by now

    def took(notes: Any) -> None:
        taken.append(notes)
        _take_early(analysis, notes)

    taken: list[Any] = []  # the early writer's first notes (or its only ones, where it sends no first)

    main = os.getpid()
    if early is None and (snapshot or "parquet" in formats):
        load_arrow()  # both processes write Parquet files: imported once, shared
    with Turns(len(books)) as turns:
        paths = _with_snapshot_folder(out_dir / SNAPSHOT_DIR, lambda: run_side_by_side(
            lambda: here(turns), lambda: the_rest(turns), out_dir, analysis.config.limits.write_processes, early,
            collected=took, last=last))
    paths = _books_in_order(_parquet_in_order(paths), [out_dir / b.name for b in books])
    if "xlsx" in formats:
        remove_earlier_books(out_dir, paths, listed)
    return paths


def _parquet_in_order(paths: list[Path]) -> list[Path]:
    """paths with the Parquet files (whichever process wrote each) together in PARQUET_FILES' order, right after
    the gap report (first where there is none): the same list from run to run, whichever writer took them."""
    rank = {name: i for i, name in enumerate(PARQUET_FILES)}
    parquet = sorted((p for p in paths if p.name in rank), key=lambda p: rank[p.name])
    if not parquet:
        return paths
    rest = [p for p in paths if p.name not in rank]
    at = next((i + 1 for i, p in enumerate(rest) if p.name == GAP_REPORT), 0)
    return rest[:at] + parquet + rest[at:]


def _books_in_order(paths: list[Path], books: list[Path]) -> list[Path]:
    """paths with the workbooks of sign-in sheets (whichever process wrote each) right after class-rosters.xlsx,
    in roster_books' order: the same list from run to run."""
    if not books:
        return paths
    taken = set(books)
    rest = [p for p in paths if p not in taken]
    at = next(i for i, p in enumerate(rest) if p.name == CLASS_ROSTERS) + 1
    return rest[:at] + books + rest[at:]


def _class_outputs(analysis: Analysis, plan: Plan, out_dir: Path, formats: frozenset[str],
                   books: list[RosterBook], signs: SignIns | None, rows: list[PlanRow]) -> list[Path]:
    """class-rosters.xlsx (xlsx: its workbooks of sign-in sheets, books, are written by the caller), classes.csv,
    assignments.csv and plan.csv (csv); rows: the annual plan's (plan_rows)."""
    paths = []
    if "xlsx" in formats:
        paths += write_class_rosters(analysis, plan, out_dir / CLASS_ROSTERS, rows, books, signs)
    if "csv" in formats:
        paths += [out_dir / "classes.csv", out_dir / "assignments.csv", out_dir / PLAN_CSV]
        write_csv(paths[-3], CLASSES_COLUMNS, classes_rows(analysis, plan), analysis.inputs.paths)
        write_assignments_csv(analysis, plan, paths[-2])
        write_plan_csv(analysis, plan, paths[-1], rows)
    return paths


def _with_snapshot_folder(folder: Path, write: Task) -> list[Path]:
    """write(), the snapshot's folder kept as clean as the output folder: the temp folders a killed run left
    there removed first; on failure those of this run's writers too, and the folder itself if this run made it."""
    remove_stale_temp(folder)
    made = not folder.exists()
    try:
        return write()
    except BaseException:
        remove_stale_temp(folder)  # a writing child's, staged before the run failed (the child is gone)
        if made:
            try:
                os.rmdir(folder)
            except OSError:  # not empty (a file of someone else's), or already gone
                pass
        raise
