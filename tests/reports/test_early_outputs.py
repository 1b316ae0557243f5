"""The outputs made of the analysis alone (needs.csv, the Parquet files of ANALYSIS_TABLES, the snapshot's tables) are
written by a second process while classes are formed: the same files, byte for byte, and the same list of outputs as
one process writing everything after the plan."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from builders import SAMPLES

from needscli import pipeline
from needscli.config import Config, LimitsConfig
from needscli.core.analysis import Analysis
from needscli.io import files
from needscli.io.snapshot import RECORD_TABLES, SNAPSHOT_DIR
from needscli.labels import label
from needscli.pipeline import Job, analyze, run_job
from needscli.reports import ALL_FORMATS, parallel, start_early_outputs
from needscli.reports.files import _zombie, staged, write_csv
from needscli.reports.gap_report import analysis_figures
from needscli.reports.parallel import Child
from needscli.reports.parquet import ANALYSIS_TABLES, PARQUET_FILES

AS_OF = dt.date(2026, 11, 1)


def _run(out: Path, processes: int, formats: frozenset[str]) -> list[Path]:
    config = Config().model_copy(update={"limits": LimitsConfig(write_processes=processes)})
    return run_job(Job(rosters=[SAMPLES], config=config, output=out, as_of=AS_OF, formats=formats)).outputs


@pytest.mark.parametrize("formats", [ALL_FORMATS, frozenset({"parquet"}), frozenset({"csv", "xlsx"})],
                         ids=["all", "parquet", "csv-xlsx"])
def test_written_beside_the_plan_or_after_it_the_files_are_the_same(tmp_path: Path, formats: frozenset[str]) -> None:
    alone = _run(tmp_path / "one", 1, formats)
    beside = _run(tmp_path / "two", 2, formats)
    assert [p.relative_to(tmp_path / "two") for p in beside] == [p.relative_to(tmp_path / "one") for p in alone]
    names = [p.name for p in alone]
    if "parquet" in formats:
        at = names.index(PARQUET_FILES[0])
        assert names[at:at + len(PARQUET_FILES)] == list(PARQUET_FILES)  # together, in their order
    for path in alone:
        if path.suffix in {".csv", ".parquet"}:
            assert (tmp_path / "two" / path.name).read_bytes() == path.read_bytes(), path.name
    # analysis.json: the tables' digests, the files listed; the config as it was given (write_processes)
    one, two = (json.loads((tmp_path / run / "analysis.json").read_text(encoding="utf-8")) for run in ("one", "two"))
    assert (one["config"]["limits"].pop("write_processes"), two["config"]["limits"].pop("write_processes")) == (1, 2)
    assert one == two
    tables = sorted(p.name for p in (tmp_path / "one" / SNAPSHOT_DIR).iterdir())
    assert tables == sorted(f"{name}.parquet" for name in RECORD_TABLES)
    assert sorted(p.name for p in (tmp_path / "two" / SNAPSHOT_DIR).iterdir()) == tables  # nothing else left there
    for name in tables:
        assert (tmp_path / "two" / SNAPSHOT_DIR / name).read_bytes() == (tmp_path / "one" / SNAPSHOT_DIR / name).read_bytes()
    assert sorted(p.name for p in (tmp_path / "two").iterdir()) == sorted(p.name for p in (tmp_path / "one").iterdir())


def _collected(early: Child) -> list[Path]:
    try:
        with staged() as stage:
            written = early.collect(stage)
            assert not any(p.exists() for p in written)  # staged until the whole set is done
            assert not any((early.folder / SNAPSHOT_DIR).glob("*.parquet"))
            stage.commit()
        return written
    finally:
        early.close()


def test_the_early_writer_takes_the_analysis_files_only(tmp_path: Path) -> None:
    analysis, _ = analyze([SAMPLES], Config(), as_of=AS_OF)
    early = start_early_outputs(analysis, tmp_path, ALL_FORMATS)
    assert early is not None
    first = early.first_notes()  # sent before it writes anything: the figures, and that it writes the tables
    assert first.ranks is None and first.figures == analysis_figures(analysis) and first.snapshot
    assert first.tables == {}
    written = _collected(early)
    assert [p.name for p in written] == ["needs.csv", *(f"{t}.parquet" for t in ANALYSIS_TABLES)]
    assert all(p.is_file() for p in written)
    # the snapshot's tables: staged with them, not listed (analysis.json lists them), their digests sent back
    assert set(early.notes.tables) == set(RECORD_TABLES)
    assert early.notes.ranks is None  # the analysis was ranked: no ranks are sent back
    for name, table in early.notes.tables.items():
        data = (tmp_path / table["file"]).read_bytes()
        assert table["sha256"] == hashlib.sha256(data).hexdigest(), name
    single = analysis.config.model_copy(update={"limits": LimitsConfig(write_processes=1)})
    assert start_early_outputs(dataclasses.replace(analysis, config=single), tmp_path) is None
    assert start_early_outputs(analysis, tmp_path, frozenset({"xlsx"}), snapshot=False) is None  # nothing to write


def test_topics_left_unranked_are_ranked_by_the_early_writer_and_sent_back(tmp_path: Path) -> None:
    ranked, _ = analyze([SAMPLES], Config(), as_of=AS_OF)
    analysis, _ = analyze([SAMPLES], Config(), as_of=AS_OF, rank=False)
    assert analysis.ranks_pending and analysis.ranking == [] and analysis.unit_ranking == []
    early = start_early_outputs(analysis, tmp_path, ALL_FORMATS)
    assert early is not None
    first = early.first_notes()
    _collected(early)
    assert analysis.ranks_pending  # the child ranked its own copy
    assert first.ranks == (ranked.ranking, ranked.unit_ranking)  # sent first, before it writes
    assert first.figures == analysis_figures(ranked)  # the summaries' figures, counted there
    assert early.notes.ranks is None and early.notes.figures is None  # not sent twice
    assert ranked.ranking and ranked.unit_ranking
    # what the child wrote of the ranks is the ranked analysis' own
    alone = tmp_path / "alone"
    alone.mkdir()
    other = start_early_outputs(ranked, alone, ALL_FORMATS)
    assert other is not None
    _collected(other)
    assert (tmp_path / "unit_ranking.parquet").read_bytes() == (alone / "unit_ranking.parquet").read_bytes()


def test_a_run_ranks_the_topics_as_analyze_does_whichever_process_ranks_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ranked, _ = analyze([SAMPLES], Config(), as_of=AS_OF)
    ranking = sys.modules["needscli.core.analysis"].rank_topics_both
    ranked_in: list[int] = []
    monkeypatch.setattr("needscli.core.analysis.rank_topics_both", lambda *a: ranked_in.append(os.getpid()) or ranking(*a))
    for processes in (1, 2):
        config = Config().model_copy(update={"limits": LimitsConfig(write_processes=processes)})
        ranked_in.clear()
        result = run_job(Job(rosters=[SAMPLES], config=config, output=tmp_path / str(processes), as_of=AS_OF))
        assert not result.analysis.ranks_pending
        assert (result.analysis.ranking, result.analysis.unit_ranking) == (ranked.ranking, ranked.unit_ranking)
        # one process: ranked here; two: only by the early writer (its list is its own: none is noted here)
        assert ranked_in == ([os.getpid()] if processes == 1 else [])
    # the gap report's ranking sheet holds the ranks whichever process made them
    sheets = [openpyxl.load_workbook(tmp_path / str(n) / "gap-report.xlsx", read_only=True) for n in (1, 2)]
    name = label("sheet.ranking", "zh")
    one, two = ([list(r) for r in book[name].iter_rows(values_only=True)] for book in sheets)
    assert one == two and len(one) > len(ranked.ranking)


def test_with_workbooks_only_the_early_writer_takes_the_snapshot_tables(tmp_path: Path) -> None:
    analysis, _ = analyze([SAMPLES], Config(), as_of=AS_OF)
    early = start_early_outputs(analysis, tmp_path, frozenset({"xlsx"}))
    assert early is not None
    assert _collected(early) == []
    assert sorted(p.name for p in (tmp_path / SNAPSHOT_DIR).iterdir()) == sorted(f"{n}.parquet" for n in RECORD_TABLES)


def test_a_run_stopped_while_the_early_writer_works_leaves_no_folder(tmp_path: Path) -> None:
    analysis, _ = analyze([SAMPLES], Config(), as_of=AS_OF)
    out = tmp_path / "new" / "out"
    early = start_early_outputs(analysis, out, ALL_FORMATS)
    assert early is not None
    deadline = time.monotonic() + 120
    while not _zombie(early.pid) and time.monotonic() < deadline:  # done: its files staged, never moved
        time.sleep(0.05)
    # the tables wait in the writer's own folder: snapshot/ is made only as they move in
    assert [p.name.startswith(".needscli-writing.") for p in out.iterdir()] == [True]
    early.stop()
    early.unmake_folder()
    assert list(tmp_path.iterdir()) == []  # out/ and new/ made by the run, both gone


def _linked_snapshot(tmp_path: Path) -> tuple[Path, Path]:
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / SNAPSHOT_DIR).symlink_to(elsewhere, target_is_directory=True)
    return out, elsewhere


def test_a_snapshot_folder_linked_elsewhere_is_written_after_the_plan_whole(tmp_path: Path) -> None:
    """snapshot/ a link to a folder elsewhere (or on another device): the early writer's temp files would wait
    there, where write_all's cleaning takes a finished writer's for a killed run's; the tables are written after
    the plan instead, the run whole, nothing of it left in either folder."""
    out, elsewhere = _linked_snapshot(tmp_path)
    analysis, _ = analyze([SAMPLES], Config(), as_of=AS_OF)
    early = start_early_outputs(analysis, out, frozenset({"xlsx"}))
    assert early is None  # nothing else to write early
    assert _run(out, 2, ALL_FORMATS)
    assert sorted(p.name for p in elsewhere.iterdir()) == sorted(f"{name}.parquet" for name in RECORD_TABLES)
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")]
    alone = _run(tmp_path / "one", 1, ALL_FORMATS)
    for path in alone:
        if path.suffix in {".csv", ".parquet"}:
            assert (out / path.name).read_bytes() == path.read_bytes(), path.name
    for name in RECORD_TABLES:
        assert (elsewhere / f"{name}.parquet").read_bytes() == (tmp_path / "one" / SNAPSHOT_DIR / f"{name}.parquet").read_bytes()


def test_a_stopped_writer_leaves_nothing_where_its_files_waited_beside_their_target(tmp_path: Path) -> None:
    """A writing child's file for a folder its own folder does not hold (a link elsewhere) waits beside its target:
    stopping the child once it is done removes it there too."""
    out, elsewhere = _linked_snapshot(tmp_path)

    def task() -> list[Path]:
        write_csv(out / SNAPSHOT_DIR / "x.csv", ["编号"], [["C0001"]])
        return [out / SNAPSHOT_DIR / "x.csv"]

    child = Child.start(task, out)
    assert child is not None
    deadline = time.monotonic() + 60
    while not _zombie(child.pid) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert [p.name for p in elsewhere.iterdir() if p.name.startswith(".")]  # it waited there
    child.stop()
    assert list(elsewhere.iterdir()) == []


def test_the_run_imports_pyarrow_beside_the_parse_of_the_roster(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """pyarrow is imported in a thread while calamine parses the roster, done before any writer is forked: the
    writing processes share it instead of each importing it."""
    events: list[str] = []
    real_import, real_parse, real_fork = pipeline.arrow, files._parse_workbook, parallel._fork

    def importing() -> object:
        module = real_import()
        events.append("imported in the main thread" if threading.current_thread() is threading.main_thread()
                      else "imported beside")
        return module

    def parsing(path: str) -> object:
        events.append("parse")
        return real_parse(path)

    def forking(body: Callable[[int], None]) -> object:
        events.append("fork")
        return real_fork(body)

    monkeypatch.setattr(pipeline, "arrow", importing)
    monkeypatch.setattr(files, "_parse_workbook", parsing)
    monkeypatch.setattr(parallel, "_fork", forking)
    _run(tmp_path / "out", 2, ALL_FORMATS)
    assert events.count("imported beside") == 1 and "imported in the main thread" not in events
    assert "parse" in events and events.index("imported beside") < events.index("fork")


# `needscli analyze` in a fresh interpreter: which thread imports the modules a run takes up once its needs are found
WATCHED_IMPORTS = textwrap.dedent("""
    import json, sys, threading
    LATER = ("needscli.planner", "needscli.reports.outputs", "needscli.reports.split", "xlsxwriter", "pyarrow")
    found = {}

    class Watch:
        def find_spec(self, name, path, target=None):
            if name in LATER:
                found.setdefault(name, threading.current_thread().name)

    sys.meta_path.insert(0, Watch())
    from needscli import pipeline
    from needscli.io import files
    parse, run = files._parse_workbook, pipeline.run_job

    def parsing(path):
        # imported by then, other than by the thread beside the parse (which may be ahead of this one, on a busy machine)
        found.setdefault("before the parse", sorted(n for n in LATER if n in sys.modules
                                                    and found.get(n) != "needscli-beside-parse"))
        return parse(path)

    def running(*args, **kwargs):
        try:
            return run(*args, **kwargs)
        finally:
            print(json.dumps(found), flush=True)

    files._parse_workbook, pipeline.run_job = parsing, running
    from needscli.cli import main
    sys.argv = ["needscli", "analyze", sys.argv[1], "-o", sys.argv[2], "--quiet"]
    main()
""")


def test_the_planner_and_the_writers_are_imported_beside_the_parse_not_before_it(tmp_path: Path) -> None:
    """What a run takes up once its needs are found (the planner, the writing modules, xlsxwriter, pyarrow) is
    imported in the thread beside calamine's parse of the roster, none of it before (the command line's own
    imports and checks of the output folder included): the run's start waits for none of it."""
    done = subprocess.run([sys.executable, "-c", WATCHED_IMPORTS, str(SAMPLES), str(tmp_path / "out")],
                          capture_output=True, text=True, check=False, timeout=300)
    assert done.returncode in (0, 1), done.stderr  # 1: the samples' rows with problems
    found = json.loads([line for line in done.stdout.splitlines() if line.startswith("{")][-1])
    assert found.pop("before the parse") == []
    assert found == {name: "needscli-beside-parse" for name in pipeline.LATER_MODULES + ("xlsxwriter", "pyarrow")}


class _Gone:
    """A need the early writer must not read: it reads the needs' columns (Analysis.keep_columns), made before it
    was forked, and a Need read there would be copied from the run's pages."""

    def __getattr__(self, name: str) -> object:
        raise AssertionError(f"a Need's {name} was read")


def test_the_early_outputs_are_made_of_the_needs_columns_alone(tmp_path: Path) -> None:
    from needscli.reports.needs_csv import write_needs_csv
    from needscli.reports.snapshot import write_analysis_tables

    def written(analysis: Analysis, out: Path) -> tuple[object, dict[str, bytes]]:
        out.mkdir()
        ranks = analysis.rank()
        figures = analysis_figures(analysis)
        write_needs_csv(analysis, out / "needs.csv")
        outputs, tables, _ = write_analysis_tables(analysis, out)
        return (ranks, figures), {str(p.relative_to(out)): p.read_bytes() for p in [out / "needs.csv", *outputs, *tables]}

    expected = written(analyze([SAMPLES], Config(), as_of=AS_OF, rank=False)[0], tmp_path / "needs")
    analysis, _ = analyze([SAMPLES], Config(), as_of=AS_OF, rank=False)
    analysis.keep_columns()
    analysis.needs[:] = [_Gone()] * len(analysis.needs)  # the same list, as long: its columns are still its own
    assert written(analysis, tmp_path / "columns") == expected
    assert len(expected[1]) == 1 + len(ANALYSIS_TABLES) + len(RECORD_TABLES)


def test_written_without_kept_columns_the_needs_are_read_a_part_at_a_time(tmp_path: Path) -> None:
    """Where the run kept no columns (--strict, one writing process, the library's writers), the writers make the
    columns of a part of the needs at a time and keep none: a province's needs are never held twice over."""
    from needscli.core.need_columns import NeedSlices
    from needscli.reports.needs_csv import write_needs_csv
    from needscli.reports.snapshot import write_analysis_tables

    analysis, _ = analyze([SAMPLES], Config(), as_of=AS_OF)
    write_needs_csv(analysis, tmp_path / "needs.csv")
    write_analysis_tables(analysis, tmp_path)
    assert isinstance(analysis.need_rows(), NeedSlices) and analysis._columns_kept() is None
    kept = analysis.keep_columns()
    assert analysis.need_rows() is kept and analysis._columns_kept() is kept
    analysis.forget_columns()
    assert isinstance(analysis.need_rows(), NeedSlices)
