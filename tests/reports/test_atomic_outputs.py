"""Writes that lose nothing: an output is replaced whole or not at all, never over an input, owner-only."""

from __future__ import annotations

import errno
import os
import socket
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import openpyxl
import pytest
from builders import (
    HAND_OUTS,
    NEEDS_AS_OF,
    NEEDS_CADRES,
    OUTPUTS,
    folder_state,
    make_csv,
    make_needs_workbook,
    no_child_left,
    roster,
    run_analyze,
)

from needscli import pipeline
from needscli.errors import NeedsError, OutputError
from needscli.pipeline import Job, run_job
from needscli.reports import files, needs_csv
from needscli.reports.files import (
    TEMP_MARK,
    atomic_path,
    is_as_written,
    remove_stale_temp,
    safeguards,
)
from needscli.reports.xlsx import Book
from needscli.wording import in_chinese

# the tables of the snapshot's folder (OUTPUTS names the folder, snapshot)
SNAPSHOT_TABLES = [f"snapshot/{name}.parquet" for name in ("cadres", "compliance", "ledger_diffs", "needs",
                                                            "obligations", "ranking", "unit_ranking", "unmatched")]
# every entry of a run's folder, the snapshot's tables too
EVERY_OUTPUT = sorted([*OUTPUTS, *SNAPSHOT_TABLES])


@pytest.fixture
def previous(tmp_path: Path) -> tuple[Path, Path, dict[str, bytes | None]]:
    """A first run's outputs, and a roster changed since, so a second run would write other bytes."""
    out = tmp_path / "out"
    result = run_analyze(make_needs_workbook(tmp_path), "-o", out, "--as-of", NEEDS_AS_OF)
    assert result.exit_code == 0, result.output
    state = folder_state(out)
    assert sorted(state) == EVERY_OUTPUT
    changed = make_needs_workbook(tmp_path, cadres=NEEDS_CADRES[:3], name="changed.xlsx")
    return changed, out, state


def enospc() -> OSError:
    return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def fail_inside_xlsxwriter(monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills up while the workbook's parts are zipped: two parts are in the file, then ENOSPC."""
    zipfile_class = zipfile.ZipFile
    calls: list[str] = []

    def failing(name: str) -> Callable[..., None]:
        real = getattr(zipfile_class, name)  # write (parts in temp files) or writestr (parts in memory)

        def write(self: object, *args: object, **kwargs: object) -> None:
            calls.append(name)
            if len(calls) > 2:
                raise enospc()
            real(self, *args, **kwargs)
        return write

    monkeypatch.setattr(zipfile_class, "write", failing("write"))
    monkeypatch.setattr(zipfile_class, "writestr", failing("writestr"))


def fail_in_book_close(monkeypatch: pytest.MonkeyPatch) -> None:
    """Book.close writes the start of a workbook, then the disk is full."""

    def close(self: Book) -> None:
        Path(self.wb.filename).write_bytes(b"PK\x03\x04 half a workbook")
        raise enospc()

    monkeypatch.setattr(Book, "close", close)


@pytest.mark.parametrize("fail", [fail_inside_xlsxwriter, fail_in_book_close], ids=["xlsxwriter-zip", "book-close"])
def test_a_failed_save_keeps_the_previous_workbook_and_leaves_no_temp_file(
        previous: tuple[Path, Path, dict[str, bytes | None]], monkeypatch: pytest.MonkeyPatch,
        fail: Callable[[pytest.MonkeyPatch], None]) -> None:
    changed, out, before = previous
    fail(monkeypatch)
    result = run_analyze(changed, "-o", out, "--as-of", NEEDS_AS_OF)
    assert result.exit_code == 3, result.output
    # said in the roster's language (Chinese headers), whatever the locale
    message = f"{out / 'gap-report.xlsx'}: could not be written (No space left on device)"
    assert result.stderr == f"错误：{in_chinese(message)}\n"
    assert folder_state(out) == before


def test_a_failed_csv_keeps_the_previous_csv_and_leaves_no_temp_file(
        previous: tuple[Path, Path, dict[str, bytes | None]], monkeypatch: pytest.MonkeyPatch) -> None:
    changed, out, before = previous
    real_lines = needs_csv.needs_lines

    def lines(analysis: object) -> Iterator[tuple[str, int]]:
        for n, chunk in enumerate(real_lines(analysis)):  # type: ignore[arg-type]
            if n == 2:  # after two chunks of 2 rows were written
                raise enospc()
            yield chunk

    monkeypatch.setattr(needs_csv, "CSV_CHUNK", 2)
    monkeypatch.setattr(needs_csv, "needs_lines", lines)
    result = run_analyze(changed, "-o", out, "--as-of", NEEDS_AS_OF)
    assert result.exit_code == 3, result.output
    failed = f"{out / 'needs.csv'}: could not be written (No space left on device)"
    assert result.stderr == f"错误：{in_chinese(failed)}\n"  # met once the roster was read: in its language
    # the gap report was finished before needs.csv failed, yet nothing of the run is moved into place
    assert folder_state(out) == before


@pytest.mark.parametrize("processes", ["1", "2"])
def test_a_run_replaces_every_output_together(previous: tuple[Path, Path, dict[str, bytes | None]],
                                              tmp_path: Path, processes: str) -> None:
    changed, out, before = previous
    config = tmp_path / "p.toml"
    config.write_text(f"[limits]\nwrite_processes = {processes}\n", encoding="utf-8")
    result = run_analyze(changed, "-o", out, "--config", config, "--as-of", NEEDS_AS_OF)
    assert result.exit_code == 0, result.output
    after = folder_state(out)
    assert sorted(after) == EVERY_OUTPUT  # no temp file left
    assert [name for name in ("gap-report.xlsx", "needs.csv", "analysis.json", "needs.parquet", "snapshot/needs.parquet",
                              "snapshot/cadres.parquet") if after[name] == before[name]] == []


ROSTER = roster(["001", "张三", "市财政局", "科长", "乡科级正职"])


@pytest.mark.parametrize("through_link", [False, True], ids=["same-folder", "folder-symlink"])
def test_an_output_that_is_an_input_is_refused(tmp_path: Path, through_link: bool) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    source = make_csv(folder, ROSTER, name="needs.csv")
    data = source.read_bytes()
    target = folder
    if through_link:
        target = tmp_path / "link"
        target.symlink_to(folder, target_is_directory=True)
    result = run_analyze(source, "-o", target, "--as-of", NEEDS_AS_OF)
    assert result.exit_code == 3, result.output
    assert result.stderr == (f"Error: {target / 'needs.csv'}: is an input of this run (roster); no output may be "
                             "written over it, and nothing was written: choose another output folder with -o, or move "
                             "the input\n")  # found before the roster is read: in the locale's language
    assert source.read_bytes() == data
    assert not [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_outputs_are_readable_by_their_owner_only(tmp_path: Path) -> None:
    old = os.umask(0)  # a permissive umask: a plain open() would give rw-rw-rw-
    try:
        result = run_analyze(make_needs_workbook(tmp_path), "-o", tmp_path / "out", "--split-by", "unit",
                             "--as-of", NEEDS_AS_OF)
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    files = [p for p in (tmp_path / "out").rglob("*") if p.is_file()]
    assert sorted(p.relative_to(tmp_path / "out").as_posix() for p in files if "by-unit" not in p.parts) == [
        name for name in EVERY_OUTPUT if name != "snapshot"]  # the snapshot's tables, the Parquet files too
    assert len(files) == len(EVERY_OUTPUT) - 1 + 3 * len(HAND_OUTS)  # three units, their hand-outs each
    assert {p.relative_to(tmp_path).as_posix(): oct(p.stat().st_mode & 0o077) for p in files
            if p.stat().st_mode & 0o077} == {}


@pytest.mark.parametrize("name", ["gap-report.xlsx", "needs.csv"])
def test_an_output_open_elsewhere_exits_3_and_says_to_close_it(
        previous: tuple[Path, Path, dict[str, bytes | None]], monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Excel holds a lock on an open workbook; the replace is refused. (chmod would not stop root.)"""
    changed, out, before = previous
    real_replace = os.replace

    def replace(src: str | Path, dst: str | Path) -> None:
        if Path(dst).name == name:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    result = run_analyze(changed, "-o", out, "--as-of", NEEDS_AS_OF)
    assert result.exit_code == 3, result.output
    message = result.stderr
    assert message == f"错误：{in_chinese(f'{out / name} is open in another program or read-only; close {name} and run again')}\n"
    after = folder_state(out)
    assert after[name] == before[name]
    assert sorted(after) == EVERY_OUTPUT


@pytest.mark.parametrize("processes", ["1", "2"])
def test_a_run_failing_while_forming_classes_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            processes: str) -> None:
    """needs.csv is written beside the forming of classes: a failure there leaves no file and no new folder."""
    def fail(*_: object, **__: object) -> None:
        raise NeedsError("the classes could not be formed")

    monkeypatch.setattr(pipeline, "plan_classes", fail)
    config = tmp_path / "p.toml"
    config.write_text(f"[limits]\nwrite_processes = {processes}\n", encoding="utf-8")
    out = tmp_path / "new" / "out"
    result = run_analyze(make_needs_workbook(tmp_path), "-o", out, "--config", config, "--as-of", NEEDS_AS_OF)
    assert result.exit_code == 2, result.output
    assert "the classes could not be formed" in result.stderr
    assert not (tmp_path / "new").exists()


def test_an_interrupt_while_forming_classes_leaves_nothing_and_no_process(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "plan_classes", interrupted)
    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        run_job(Job(rosters=[make_needs_workbook(tmp_path)], output=out))
    assert not out.exists()
    assert no_child_left()  # none running or unreaped


# ---- what a killed run left behind ----------------------------------------------------------------


def dead_pid() -> int:
    """The id of a process that has ended (and been reaped)."""
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                           check=True)
    return int(ended.stdout)


def leftover(folder: Path, name: str, mark: str | None) -> Path:
    """A hidden temp folder with a file of personal data in it and, unless mark is None, that marker text."""
    path = folder / name
    path.mkdir(parents=True)
    (path / "needs.csv").write_text("C01,张局\n", encoding="utf-8")
    if mark is not None:
        (path / TEMP_MARK).write_text(mark, encoding="utf-8")
    return path


def test_the_next_run_removes_only_the_temp_folders_of_ended_runs(tmp_path: Path) -> None:
    out = tmp_path / "out"
    host = socket.gethostname()
    killed = leftover(out, ".needscli-writing.k1ll3d.tmp", f"needscli\n{dead_pid()}\n{host}\n")
    killed_part = leftover(out / "by-unit" / "市财政局", ".gap-report.xlsx.k1ll3d.tmp",
                           f"needscli\n{dead_pid()}\n{host}\n")
    # the folder of a split's second writing process, beside the part folders: removed whole once its run ended;
    # a live run's kept with what its ended second process left in it (files waiting to be moved into place)
    killed_split = leftover(out / "by-unit", ".needscli-writing.k1ll3d.tmp", f"needscli\n{dead_pid()}\n{host}\n")
    live_split = leftover(out / "by-organizer", ".needscli-writing.l1ve.tmp", f"needscli\n{os.getpid()}\n{host}\n")
    waiting = leftover(live_split, ".gap-report.xlsx.d0ne.tmp", f"needscli\n{dead_pid()}\n{host}\n")
    elsewhere_old = leftover(out, ".needs.csv.0ld.tmp", "needscli\n1\nanother-host\n")
    day_ago = time.time() - 2 * 24 * 3600
    os.utime(elsewhere_old / TEMP_MARK, (day_ago, day_ago))
    kept = [leftover(out, ".needscli-writing.l1ve.tmp", f"needscli\n{os.getpid()}\n{host}\n"),  # a run going on
            leftover(out, ".needs.csv.n3w.tmp", "needscli\n1\nanother-host\n"),  # on a share, not a day old
            leftover(out, ".drafts.tmp", None),  # the office's own folder: no marker
            leftover(out, ".notes.tmp", "my notes\n"),
            leftover(out, "visible.tmp", f"needscli\n{dead_pid()}\n{host}\n")]  # not a name needscli gives
    removed = remove_stale_temp(out)
    assert sorted(removed) == sorted([killed, killed_part, killed_split, elsewhere_old])
    assert all(path.is_dir() for path in [*kept, live_split, waiting])
    assert not any(path.exists() for path in removed)


def test_a_run_killed_before_its_temp_folder_was_marked_leaves_one_known_by_its_name(tmp_path: Path) -> None:
    out = tmp_path / "out"
    tag = files._machine_tag()
    other = f"{int(tag, 16) ^ 1:08x}"  # another machine's tag

    def bare(name: str, mark: str | None = None) -> Path:
        """A temp folder as make_temp_folder names it, holding nothing, or a marker cut short."""
        path = out / name
        path.mkdir(parents=True)
        if mark is not None:
            (path / TEMP_MARK).write_text(mark, encoding="utf-8")
        return path

    killed = bare(f".gap-report.xlsx.needscli-{dead_pid()}-{tag}-k1ll3d.tmp")
    cut_short = bare(f".needscli-writing.needscli-{dead_pid()}-{tag}-ab_c12.tmp", "needs")
    old = bare(f".needs.csv.needscli-1-{other}-0ld000.tmp")  # another machine's, but a day old
    day_ago = time.time() - 2 * 24 * 3600
    os.utime(old, (day_ago, day_ago))
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        kept = [bare(f".needs.csv.needscli-{live.pid}-{tag}-l1ve00.tmp"),  # its run goes on
                bare(f".needs.csv.needscli-{dead_pid()}-{other}-0th3r0.tmp"),  # another machine's, on a share
                leftover(out, f".plan.csv.needscli-{dead_pid()}-{tag}-data00.tmp", None),  # more than a marker
                bare(f".plan.csv.needscli-99999999999-{tag}-b1gp1d.tmp"),  # an id too long: not known
                bare(f".plan.csv.needscli-9999999999-{tag}-b1gp1e.tmp"),  # one no process can have: kept
                bare(".drafts.tmp")]  # the office's own, empty: not a name needscli gives
        (marked_dir := bare(f".gap.needscli-{dead_pid()}-{tag}-d1r000.tmp") / TEMP_MARK).mkdir()  # not a marker
        (marked_dir / "needs.csv").write_text("C01,张局\n", encoding="utf-8")
        kept.append(marked_dir.parent)
        removed = remove_stale_temp(out)
    finally:
        live.kill()
        live.wait()
    assert sorted(removed) == sorted([killed, cut_short, old])
    assert all(path.is_dir() for path in kept)


def test_analyze_removes_what_a_killed_run_left_in_its_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    killed = leftover(out, ".gap-report.xlsx.a1b2c3.tmp", f"needscli\n{dead_pid()}\n{socket.gethostname()}\n")
    killed_table = leftover(out / "snapshot", ".needs.parquet.d4e5f6.tmp",
                            f"needscli\n{dead_pid()}\n{socket.gethostname()}\n")
    mine = leftover(out, ".drafts.tmp", None)
    mine_there = leftover(out / "snapshot", ".drafts.tmp", None)
    result = run_analyze(make_needs_workbook(tmp_path), "-o", out, "--as-of", NEEDS_AS_OF)
    assert result.exit_code == 0, result.output
    assert not killed.exists() and not killed_table.exists()
    assert sorted(folder_state(out)) == sorted([*EVERY_OUTPUT, ".drafts.tmp", ".drafts.tmp/needs.csv",
                                                "snapshot/.drafts.tmp", "snapshot/.drafts.tmp/needs.csv"])
    assert mine.is_dir() and mine_there.is_dir()


def test_every_temp_folder_needscli_makes_carries_its_marker(tmp_path: Path) -> None:
    seen: list[set[str]] = []
    with atomic_path(tmp_path / "a.csv") as tmp:
        seen.append({p.name for p in tmp.parent.iterdir()})
        tmp.write_text("x", encoding="utf-8")
        assert tmp.parent.name.startswith(f".a.csv.needscli-{os.getpid()}-") and tmp.parent.name.endswith(".tmp")
    assert seen == [{TEMP_MARK}]
    assert (tmp_path / "a.csv").read_text(encoding="utf-8") == "x"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv"]


# ---- workbooks carry a stamp of what needscli wrote -----------------------------------------------


def test_a_workbook_is_as_written_until_any_program_saves_it_again(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    with atomic_path(path) as tmp:
        book = Book(tmp)
        book.write_text(book.add_sheet("Sheet1"), 0, 0, "签到")
        book.close()
    assert is_as_written(path)
    assert openpyxl.load_workbook(path)["Sheet1"]["A1"].value == "签到"  # the stamp is the zip comment only
    openpyxl.load_workbook(path).save(path)  # saved again, no cell changed
    assert not is_as_written(path)
    path.write_bytes(b"not a workbook")
    assert not is_as_written(path)
    assert not is_as_written(tmp_path / "missing.xlsx")


def test_an_output_over_an_input_is_refused_by_any_writer(tmp_path: Path) -> None:
    """The writers check every target against the inputs of safeguards(), by resolved path or same file."""
    config = tmp_path / "config.toml"
    config.write_text("[classes]\n", encoding="utf-8")
    os.link(config, tmp_path / "hard.csv")
    with safeguards([(config, "config")], lang="en"):
        for target in (config, tmp_path / "sub" / ".." / "config.toml", tmp_path / "hard.csv"):
            with pytest.raises(OutputError, match=r": is an input of this run \(config file, --config\)"), \
                    atomic_path(target) as tmp:
                tmp.write_text("x", encoding="utf-8")
    assert config.read_text(encoding="utf-8") == "[classes]\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config.toml", "hard.csv"]


def test_a_workbook_xlsxwriter_cannot_create_is_said_to_be_open_elsewhere(tmp_path: Path) -> None:
    """xlsxwriter wraps the OSError of a workbook it cannot create (FileCreateError): said as the OSError is,
    xlsxwriter being looked up where it is imported (reports.files imports it no more)."""
    from xlsxwriter.exceptions import FileCreateError

    target = tmp_path / "gap-report.xlsx"
    with pytest.raises(OutputError) as raised, files.atomic_path(target):
        raise FileCreateError(PermissionError(13, "Permission denied"))
    assert str(raised.value) == f"{target} is open in another program or read-only; close {target.name} and run again"
    assert list(tmp_path.iterdir()) == []
