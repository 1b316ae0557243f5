"""Two writing jobs side by side: all their files land together, or none does, and no temp file stays."""

from __future__ import annotations

import math
import os
import signal
import time
from pathlib import Path

import pytest
from builders import no_child_left

from needscli.errors import ExitCode, NeedsError, OutputError
from needscli.reports import files, parallel
from needscli.reports.files import atomic_path
from needscli.reports.parallel import Child, can_fork, run_side_by_side

pytestmark = pytest.mark.skipif(not can_fork(), reason="writing side by side needs fork")


def writer(folder: Path, *names: str, fail: BaseException | None = None, crash: bool = False):  # type: ignore[no-untyped-def]
    def task() -> list[Path]:
        paths = []
        for name in names:
            with atomic_path(folder / name) as tmp:
                tmp.write_text(f"{name} from {os.getpid()}", encoding="utf-8")
            paths.append(folder / name)
        if crash:
            os._exit(7)
        if fail is not None:
            raise fail
        return paths

    return task


def _ends_alone(pid: int) -> bool:
    """Whether the child ends (within a minute) before anyone reads its pipe or collects it."""
    deadline = time.monotonic() + 60
    while not files._zombie(pid) and time.monotonic() < deadline:
        time.sleep(0.02)
    return files._zombie(pid)


def entries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("processes", [1, 2])
def test_both_jobs_land_together(tmp_path: Path, processes: int) -> None:
    paths = run_side_by_side(writer(tmp_path, "a.xlsx"), writer(tmp_path, "b.csv", "c.json"), tmp_path, processes)
    assert paths == [tmp_path / "a.xlsx", tmp_path / "b.csv", tmp_path / "c.json"]
    assert entries(tmp_path) == ["a.xlsx", "b.csv", "c.json"]
    here = int((tmp_path / "a.xlsx").read_text(encoding="utf-8").split()[-1])
    there = int((tmp_path / "b.csv").read_text(encoding="utf-8").split()[-1])
    assert here == os.getpid()
    assert (there != here) == (processes == 2)  # the second job really ran in another process


def test_a_failing_child_leaves_the_folder_as_it_was(tmp_path: Path) -> None:
    (tmp_path / "a.xlsx").write_text("old", encoding="utf-8")
    with pytest.raises(OutputError, match="disk full"):
        run_side_by_side(writer(tmp_path, "a.xlsx"), writer(tmp_path, "b.csv", fail=OutputError("disk full")),
                         tmp_path)
    assert entries(tmp_path) == ["a.xlsx"]
    assert (tmp_path / "a.xlsx").read_text(encoding="utf-8") == "old"


def test_a_child_error_keeps_its_exit_code(tmp_path: Path) -> None:
    with pytest.raises(NeedsError) as caught:
        run_side_by_side(writer(tmp_path, "a.xlsx"),
                         writer(tmp_path, "b.csv", fail=NeedsError("bad input", ExitCode.INPUT_UNUSABLE)), tmp_path)
    assert caught.value.exit_code == ExitCode.INPUT_UNUSABLE and str(caught.value) == "bad input"
    assert entries(tmp_path) == []


def test_a_failing_parent_job_discards_the_childs_files(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="no room"):
        run_side_by_side(writer(tmp_path, "a.xlsx", fail=OutputError("no room")), writer(tmp_path, "b.csv"), tmp_path)
    assert entries(tmp_path) == []


def test_a_child_that_dies_is_reported(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="stopped unexpectedly"):
        run_side_by_side(writer(tmp_path, "a.xlsx"), writer(tmp_path, "b.csv", crash=True), tmp_path)
    assert entries(tmp_path) == []


def test_an_unexpected_child_error_is_not_hidden(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="ValueError: odd"):
        run_side_by_side(writer(tmp_path, "a.xlsx"), writer(tmp_path, "b.csv", fail=ValueError("odd")), tmp_path)
    assert entries(tmp_path) == []


def test_when_fork_fails_the_jobs_run_one_after_the_other(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork() -> int:
        raise OSError(12, "Cannot allocate memory")

    monkeypatch.setattr(os, "fork", no_fork)
    paths = run_side_by_side(writer(tmp_path, "a.xlsx"), writer(tmp_path, "b.csv"), tmp_path)
    assert paths == [tmp_path / "a.xlsx", tmp_path / "b.csv"]
    assert entries(tmp_path) == ["a.xlsx", "b.csv"]


def test_a_relative_output_folder_leaves_no_temp_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    out = Path("out")
    with pytest.raises(OutputError):
        run_side_by_side(writer(out, "a.xlsx", fail=OutputError("no room")), writer(out, "b.csv"), out)
    assert entries(tmp_path / "out") == []


def test_an_early_child_lands_with_the_others_in_order(tmp_path: Path) -> None:
    early = Child.start(writer(tmp_path, "n.csv"), tmp_path)
    assert early is not None
    paths = run_side_by_side(writer(tmp_path, "a.xlsx"), writer(tmp_path, "b.csv"), tmp_path, early=early)
    assert paths == [tmp_path / "a.xlsx", tmp_path / "n.csv", tmp_path / "b.csv"]
    assert entries(tmp_path) == ["a.xlsx", "b.csv", "n.csv"]
    assert int((tmp_path / "n.csv").read_text(encoding="utf-8").split()[-1]) != os.getpid()


def test_an_early_childs_notes_are_handed_over_before_the_others_start(tmp_path: Path) -> None:
    early = Child.start(writer(tmp_path, "n.csv"), tmp_path, notes=lambda: ("ranks", os.getpid()))
    assert early is not None
    handed: list[object] = []

    def here() -> list[Path]:
        assert handed  # the notes came first
        return writer(tmp_path, "a.xlsx")()

    def there() -> list[Path]:
        assert handed  # forked after they came: this child has them too
        return writer(tmp_path, "b.csv")()

    run_side_by_side(here, there, tmp_path, early=early, collected=handed.append)
    assert handed == [early.notes] and handed[0][0] == "ranks" and handed[0][1] != os.getpid()
    assert entries(tmp_path) == ["a.xlsx", "b.csv", "n.csv"]


@pytest.mark.parametrize("size", [10, 4 * parallel.PIPE_BYTES], ids=["small", "more-than-a-pipe-holds"])
def test_a_child_ends_once_done_whatever_it_sends_back(tmp_path: Path, size: int) -> None:
    """A child's notes past what its pipe holds wait in a file of its own folder: it does not wait, alive and holding
    its memory, for the parent to collect it (an early writer, while classes are formed)."""
    notes = os.urandom(size)
    early = Child.start(writer(tmp_path, "n.csv"), tmp_path, notes=lambda: notes)
    assert early is not None
    assert _ends_alone(early.pid)  # ended, not yet collected
    run_side_by_side(writer(tmp_path, "a.xlsx"), writer(tmp_path, "b.csv"), tmp_path, early=early)
    assert early.notes == notes
    assert entries(tmp_path) == ["a.xlsx", "b.csv", "n.csv"]  # the notes' file went with the child's folder


def test_a_failing_early_child_lands_nothing(tmp_path: Path) -> None:
    early = Child.start(writer(tmp_path, "n.csv", fail=OutputError("n.csv: disk full")), tmp_path)
    assert early is not None
    with pytest.raises(OutputError, match="disk full"):
        run_side_by_side(writer(tmp_path, "a.xlsx"), writer(tmp_path, "b.csv"), tmp_path, early=early)
    assert entries(tmp_path) == []


def test_a_stopped_early_child_leaves_no_folder_it_made(tmp_path: Path) -> None:
    out = tmp_path / "new" / "out"
    early = Child.start(writer(out, "n.csv"), out)
    assert early is not None
    early.stop()
    early.unmake_folder()
    assert entries(tmp_path) == []
    kept = tmp_path / "kept"
    kept.mkdir()
    early = Child.start(writer(kept, "n.csv"), kept)
    assert early is not None
    early.stop()
    early.unmake_folder()
    assert kept.is_dir() and entries(kept) == []


def test_a_second_interrupt_while_stopping_still_removes_the_childs_folder(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    early = Child.start(writer(tmp_path, "n.csv"), tmp_path)
    assert early is not None and early.root.is_dir()
    real = parallel._collect

    def interrupted(*args: object, **kwargs: object) -> list[Path]:
        real(*args, **kwargs)  # type: ignore[arg-type]
        raise KeyboardInterrupt

    monkeypatch.setattr(parallel, "_collect", interrupted)
    with pytest.raises(KeyboardInterrupt):
        early.stop()
    assert not early.root.exists() and entries(tmp_path) == []
    with pytest.raises(ChildProcessError):
        os.waitpid(early.pid, os.WNOHANG)  # reaped


def test_the_early_child_is_done_before_the_second_one_starts(tmp_path: Path) -> None:
    """An early child that sends no first notes is collected before the next is forked: no more than two processes
    write at once."""
    early = Child.start(writer(tmp_path, "n.csv"), tmp_path)
    assert early is not None

    def there() -> list[Path]:
        assert early.done  # the parent had collected it before forking this child
        return writer(tmp_path, "b.csv")()

    run_side_by_side(writer(tmp_path, "a.xlsx"), there, tmp_path, early=early)
    assert entries(tmp_path) == ["a.xlsx", "b.csv", "n.csv"]


def taker(folder: Path, turns: parallel.Turns, tag: str, own: str | None = None,  # type: ignore[no-untyped-def]
          says: Path | None = None, waits: Path | None = None):
    """A job that writes its own file (own), then a file per job it takes from turns, named by tag. says: a
    file it makes once it has taken a job; waits: a file it waits for (up to 30 s) after taking its first."""
    def task() -> list[Path]:
        paths = writer(folder, own)() if own else []
        for job in turns:
            paths += writer(folder, f"job-{job:02d}.{tag}")()
            if says is not None:
                says.touch()
            deadline = time.monotonic() + 30
            while waits is not None and not waits.exists() and time.monotonic() < deadline:
                time.sleep(0.01)
        return paths

    return task


@pytest.mark.parametrize("processes", [1, 2])
def test_turns_hand_out_each_job_once_between_the_two_processes(tmp_path: Path, processes: int) -> None:
    out, took = tmp_path / "out", tmp_path / "there-took-one"
    out.mkdir()
    with parallel.Turns(20) as turns:  # here waits, after its first job, until there has taken one
        paths = run_side_by_side(taker(out, turns, "here", waits=took if processes == 2 else None),
                                 taker(out, turns, "there", own="own.csv", says=took), out, processes)
    jobs = sorted(p.name.split(".")[0] for p in paths if p.name.startswith("job-"))
    assert jobs == [f"job-{i:02d}" for i in range(20)]
    assert entries(out) == sorted(p.name for p in paths)
    takers = {p.suffix for p in paths if p.name.startswith("job-")}
    assert takers == ({".here", ".there"} if processes == 2 else {".here"})  # with one process, the first takes all


def test_a_pipe_that_takes_fewer_numbers_leaves_every_job_to_the_maker(monkeypatch: pytest.MonkeyPatch) -> None:
    real_write = os.write
    monkeypatch.setattr(parallel.os, "write", lambda fd, data: real_write(fd, data[:4]))  # a short write
    with parallel.Turns(5) as turns:
        assert turns.read_end == -1
        assert list(turns) == [0, 1, 2, 3, 4]


def test_turns_past_what_a_pipe_holds_go_to_the_process_that_made_them(tmp_path: Path) -> None:
    jobs = parallel.Turns._MOST // parallel.Turns._SIZE + 1
    with parallel.Turns(jobs) as turns:
        paths = run_side_by_side(lambda: [], taker(tmp_path, turns, "there"), tmp_path, 2)
        assert paths == []  # the forked child takes none of them ...
        assert len(list(turns)) == jobs  # ... the process that made them takes every one
        assert list(turns) == []


def test_no_turns_after_the_block(tmp_path: Path) -> None:
    with parallel.Turns(3) as turns:
        assert next(iter(turns)) == 0
    assert list(turns) == []


def test_an_early_childs_first_notes_let_the_others_start_while_it_writes(tmp_path: Path) -> None:
    """Where the early child sends first notes, here() and there() start once they come, not once it is done: its
    task waits for a file here() writes, and is collected after, with its files and its notes at the end."""
    go = tmp_path / "go"

    def slow() -> list[Path]:
        deadline = time.monotonic() + 30
        while not go.exists():
            if time.monotonic() > deadline:
                raise OutputError("here() never started")
            time.sleep(0.01)
        return writer(tmp_path, "n.csv")()

    early = Child.start(slow, tmp_path, notes=lambda: "tables", first=lambda: ("ranks", os.getpid()))
    assert early is not None
    handed: list[object] = []
    ended: list[object] = []

    def here() -> list[Path]:
        assert handed and not early.done  # the first notes came; the early child still writes
        go.write_text("", encoding="utf-8")
        return writer(tmp_path, "a.xlsx")()

    def last(notes: object) -> list[Path]:
        assert early.done and notes == "tables"  # its notes at the end
        ended.append(notes)
        return writer(tmp_path, "z.json")()

    go_later = [tmp_path / "a.xlsx", tmp_path / "n.csv", tmp_path / "b.csv", tmp_path / "z.json"]
    paths = run_side_by_side(here, writer(tmp_path, "b.csv"), tmp_path, early=early, collected=handed.append,
                             last=last)
    assert paths == go_later
    assert handed[0][0] == "ranks" and handed[0][1] != os.getpid() and ended == ["tables"]  # type: ignore[index]
    assert entries(tmp_path) == ["a.xlsx", "b.csv", "go", "n.csv", "z.json"]


@pytest.mark.parametrize("size", [10, 4 * parallel.FIRST_BYTES], ids=["small", "more-than-a-pipe-holds"])
def test_first_notes_of_any_size_come_and_the_child_still_ends_once_done(tmp_path: Path, size: int) -> None:
    first, notes = os.urandom(size), os.urandom(size)
    early = Child.start(writer(tmp_path, "n.csv"), tmp_path, notes=lambda: notes, first=lambda: first)
    assert early is not None
    assert _ends_alone(early.pid)  # both sent without waiting for a reader
    assert early.first_notes() == first
    paths = run_side_by_side(writer(tmp_path, "a.xlsx"), writer(tmp_path, "b.csv"), tmp_path, early=early)
    assert early.notes == notes and tmp_path / "n.csv" in paths
    assert entries(tmp_path) == ["a.xlsx", "b.csv", "n.csv"]


def test_an_early_child_whose_first_notes_fail_lands_nothing_and_keeps_its_exit_code(tmp_path: Path) -> None:
    def first() -> object:
        raise NeedsError("no ranks", ExitCode.OUTPUT_FAILED)

    early = Child.start(writer(tmp_path, "n.csv"), tmp_path, first=first)
    assert early is not None
    with pytest.raises(NeedsError, match="no ranks") as caught:
        run_side_by_side(writer(tmp_path, "a.xlsx"), writer(tmp_path, "b.csv"), tmp_path, early=early)
    assert caught.value.exit_code == ExitCode.OUTPUT_FAILED
    assert entries(tmp_path) == []


def test_an_early_child_that_dies_before_its_first_notes_is_reported(tmp_path: Path) -> None:
    def first() -> object:
        os._exit(9)

    early = Child.start(writer(tmp_path, "n.csv"), tmp_path, first=first)
    assert early is not None
    with pytest.raises(OutputError, match="stopped unexpectedly"):
        run_side_by_side(writer(tmp_path, "a.xlsx"), writer(tmp_path, "b.csv"), tmp_path, early=early)
    assert entries(tmp_path) == []


def test_an_early_child_failing_after_its_first_notes_lands_nothing(tmp_path: Path) -> None:
    early = Child.start(writer(tmp_path, "n.csv", fail=OutputError("n.csv: disk full")), tmp_path,
                        first=lambda: "ranks")
    assert early is not None
    with pytest.raises(OutputError, match="disk full"):
        run_side_by_side(writer(tmp_path, "a.xlsx"), writer(tmp_path, "b.csv"), tmp_path, early=early)
    assert entries(tmp_path) == []


@pytest.mark.parametrize("read_first", [False, True])
def test_stopping_an_early_child_with_first_notes_removes_what_it_wrote(tmp_path: Path, read_first: bool) -> None:
    early = Child.start(writer(tmp_path, "n.csv"), tmp_path, first=lambda: "ranks")
    assert early is not None
    if read_first:
        assert early.first_notes() == "ranks"
    early.stop()
    assert entries(tmp_path) == []
    with pytest.raises(ChildProcessError):
        os.waitpid(early.pid, os.WNOHANG)  # reaped


def test_a_failing_last_step_lands_nothing(tmp_path: Path) -> None:
    def last(_: object) -> list[Path]:
        writer(tmp_path, "z.json")()
        raise OutputError("z.json: disk full")

    with pytest.raises(OutputError, match="disk full"):
        run_side_by_side(writer(tmp_path, "a.xlsx"), writer(tmp_path, "b.csv"), tmp_path, last=last)
    assert entries(tmp_path) == []


def test_a_small_pipe_gets_small_messages_the_rest_waits_in_files(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the pipe holds little (Linux gives a user past fs.pipe-user-pages-soft pipes of a page or two), the
    child's messages are kept within it, the rest waiting in files of its own folder: it never waits for a reader,
    not before its task nor before it ends."""
    monkeypatch.setattr(parallel, "_pipe_bytes", lambda fd: 4096)  # the forked child has it too
    first, notes = os.urandom(3000), os.urandom(3000)  # each within the usual limits, not within this pipe's
    early = Child.start(writer(tmp_path, "n.csv"), tmp_path, notes=lambda: notes, first=lambda: first)
    assert early is not None
    assert _ends_alone(early.pid)
    assert sorted(p.name for p in early.root.glob("*.pickle")) == ["first.pickle", "payload.pickle"]
    assert early.first_notes() == first
    run_side_by_side(writer(tmp_path, "a.xlsx"), writer(tmp_path, "b.csv"), tmp_path, early=early)
    assert early.notes == notes
    assert entries(tmp_path) == ["a.xlsx", "b.csv", "n.csv"]


def test_the_pipes_size_is_read_from_the_pipe(tmp_path: Path) -> None:
    read_end, write_end = os.pipe()
    try:
        assert parallel._pipe_bytes(write_end) >= 4096
    finally:
        os.close(read_end)
        os.close(write_end)
    with open(tmp_path / "plain", "wb") as plain:  # not a pipe: the usual size
        assert parallel._pipe_bytes(plain.fileno()) == 64 << 10


# --- Forked: a computation shared with a child, its bytes back through a pipe ---------------------------------------

@pytest.mark.parametrize("size", [0, 1, 70_000, 5_000_000])  # empty, within a pipe, past what a pipe holds
def test_forked_work_sends_its_bytes_back_whole(size: int) -> None:
    data = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    forked = parallel.Forked.start(lambda: data)
    assert forked is not None
    assert forked.result() == data
    forked.stop()  # after result(): nothing left to stop
    assert no_child_left()


def test_forked_work_runs_in_another_process_on_a_copy() -> None:
    seen: list[int] = []

    def work() -> bytes:
        seen.append(os.getpid())  # the child's copy of the list
        return str(os.getpid()).encode()

    forked = parallel.Forked.start(work)
    assert forked is not None
    child = int(forked.result() or b"0")
    assert child == forked.pid != os.getpid()
    assert seen == []


@pytest.mark.parametrize("how", ["raises", "exits", "killed"])
def test_forked_work_that_fails_gives_none(how: str) -> None:
    def work() -> bytes:
        if how == "raises":
            raise ValueError("no")
        if how == "exits":
            os._exit(0)  # nothing sent, whatever its code
        os.kill(os.getpid(), 9)
        return b""

    forked = parallel.Forked.start(work)
    assert forked is not None
    assert forked.result() is None
    assert no_child_left()


def test_stopping_forked_work_stops_and_reaps_the_child() -> None:
    forked = parallel.Forked.start(lambda: time.sleep(60) or b"late")  # type: ignore[func-returns-value]
    assert forked is not None
    started = time.monotonic()
    forked.stop()
    assert time.monotonic() - started < 30
    assert no_child_left()
    forked.stop()  # twice: nothing more


def test_stopping_forked_work_blocked_on_a_full_pipe_reaps_it() -> None:
    forked = parallel.Forked.start(lambda: b"x" * 5_000_000)  # waits for a reader that never comes
    assert forked is not None
    time.sleep(0.2)
    forked.stop()
    assert no_child_left()


def test_forked_work_that_sends_nothing_in_time_is_killed_and_gives_none() -> None:
    def stuck() -> bytes:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # as one stuck on a lock: no handler would run
        time.sleep(3600)
        return b"late"

    forked = parallel.Forked.start(stuck, wait=0.2)
    assert forked is not None
    started = time.monotonic()
    assert forked.result() is None
    assert 0.15 < time.monotonic() - started < 30
    assert not forked.done  # left running: stop() kills it
    forked.stop()
    assert forked.done
    assert no_child_left()


def test_forked_work_is_given_as_long_again_as_the_caller_took() -> None:
    # it sends 1.3 s after the start; the caller asks after 1.0 s, and waits up to 1.0 s more, not only 0.05
    forked = parallel.Forked.start(lambda: time.sleep(1.3) or b"in time", wait=0.05)  # type: ignore[func-returns-value]
    assert forked is not None
    time.sleep(1.0)
    assert forked.result() == b"in time"
    assert no_child_left()


def test_forked_work_that_ended_without_sending_gives_none_at_once() -> None:
    forked = parallel.Forked.start(lambda: os._exit(0), wait=600)  # type: ignore[func-returns-value]
    assert forked is not None
    started = time.monotonic()
    assert forked.result() is None  # the pipe closed: no wait for the rest of the time given
    assert time.monotonic() - started < 30
    assert no_child_left()


@pytest.mark.parametrize("wait", [1e7, 1e12, math.inf])  # past what one poll takes, as a config may set it
def test_forked_work_given_a_wait_of_years_sends_its_bytes(wait: float) -> None:
    forked = parallel.Forked.start(lambda: time.sleep(0.1) or b"sent", wait=wait)  # type: ignore[func-returns-value]
    assert forked is not None
    assert forked.result() == b"sent"
    assert no_child_left()


def test_a_wait_past_one_poll_is_polled_again_until_its_end(monkeypatch: pytest.MonkeyPatch) -> None:
    read_end, write_end = os.pipe()
    try:
        asked: list[int] = []
        clock = iter([0.0, 0.0, 1e9, 2e9, 3e9])  # each poll returns empty after the clock jumps past 1e6 s

        class Poll:
            def register(self, fd: int, events: int) -> None:
                pass

            def poll(self, ms: int) -> list[object]:
                asked.append(ms)
                return []

        monkeypatch.setattr(parallel.select, "poll", Poll)
        monkeypatch.setattr(parallel.time, "monotonic", lambda: next(clock))
        assert parallel._readable(read_end, 2.5e9) is False
        assert asked == [parallel._POLL_MOST_MS, parallel._POLL_MOST_MS]
    finally:
        os.close(read_end)
        os.close(write_end)


def test_when_fork_fails_forked_work_is_not_started(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork() -> int:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    assert parallel.Forked.start(lambda: b"x") is None


@pytest.mark.parametrize("kind", ["forked", "child"])
def test_an_interrupt_held_through_the_fork_leaves_no_child_no_pipe_and_no_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    parent, real, raised = os.getpid(), signal.pthread_sigmask, []

    def sigmask(how: int, mask: object) -> object:
        before = real(how, mask)  # type: ignore[arg-type]
        if how == signal.SIG_SETMASK and os.getpid() == parent and not raised:
            raised.append(how)  # a Ctrl-C held while forking is raised where signals are let in again
            raise KeyboardInterrupt
        return before

    fds = Path("/proc/self/fd")
    before = set(os.listdir(fds)) if fds.exists() else set()
    monkeypatch.setattr(signal, "pthread_sigmask", sigmask)
    with pytest.raises(KeyboardInterrupt):
        if kind == "forked":
            parallel.Forked.start(lambda: b"x" * 5_000_000)  # would wait for a reader for good
        else:
            Child.start(writer(tmp_path, "a.csv"), tmp_path)
    monkeypatch.undo()
    assert raised
    assert no_child_left()
    assert entries(tmp_path) == []
    if fds.exists():
        assert set(os.listdir(fds)) == before


def test_the_thread_that_reaps_a_child_takes_no_signal(monkeypatch: pytest.MonkeyPatch) -> None:
    held: list[set[int]] = []
    real = parallel._reap

    def reap(pid: int) -> None:
        held.append(set(signal.pthread_sigmask(signal.SIG_BLOCK, set())))
        real(pid)

    monkeypatch.setattr(parallel, "_reap", reap)
    forked = parallel.Forked.start(lambda: b"x")
    assert forked is not None
    assert forked.result() == b"x"
    assert no_child_left()
    assert len(held) == 1 and {signal.SIGINT, signal.SIGTERM} <= held[0]
    assert not {signal.SIGINT, signal.SIGTERM} & set(signal.pthread_sigmask(signal.SIG_BLOCK, set()))


class _SlowToGo:
    def __del__(self) -> None:
        time.sleep(0.05)  # a finalizer that takes a while: a ParquetWriter's closes its file


def test_a_child_stopped_within_a_finalizer_leaves_at_once_and_says_nothing(tmp_path: Path,
                                                                         capfd: pytest.CaptureFixture[str]) -> None:
    """A run stopped by SIGTERM printed "Exception ignored in: <function ParquetWriter.__del__ …> … SystemExit: 1" on
    the clerk's terminal: the child's SIGTERM raised SystemExit inside a finalizer, where Python ignores it (and the
    child went on writing)."""

    def task() -> list[Path]:
        for _ in range(100):  # 5 s of finalizers, where a stop that is ignored lets it run to the end
            _SlowToGo()
        return []

    early = Child.start(task, tmp_path)
    assert early is not None
    time.sleep(0.3)
    began = time.monotonic()
    early.stop()
    assert time.monotonic() - began < 2
    assert "Exception ignored" not in capfd.readouterr().err
