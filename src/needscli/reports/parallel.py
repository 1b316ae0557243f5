"""Writing jobs side by side: one in this process, others in forked children.

A child inherits the finished analysis (copy-on-write), writes its files to staged temp files
and sends back where they are, or the error it met. Only when every job has succeeded are all
the files moved into place (files.staged): a failed run leaves the output folder as it was. Where
fork is not available, or when asked for one process, the jobs run one after the other.

A child may also be started early (Child.start), before the work its siblings wait for is done
(needs.csv while classes are formed), and handed to run_side_by_side to be collected with them. Besides its
paths it may send back a result of its own (Child.start's notes: the snapshot's table digests), and one before
its task (first: the topics' ranks, which the other writers start with); what the pipe does not hold whole waits
in a file in the child's own folder, so that a child ends once done.

A child dies with its parent, even one killed by SIGKILL (Linux: prctl PR_SET_PDEATHSIG; elsewhere
a thread of the child watches its parent id); what it left, the next run into the folder removes
(files.remove_stale_temp).
"""

from __future__ import annotations

import math
import os
import pickle
import select
import shutil
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from needscli.errors import ExitCode, NeedsError, OutputError
from needscli.reports.files import (
    Staging,
    folder_error,
    make_temp_folder,
    remove_stale_temp,
    set_scratch_root,
    staged,
)

Task = Callable[[], list[Path]]


def can_fork() -> bool:
    return hasattr(os, "fork") and sys.platform != "darwin"  # macOS frameworks are not fork-safe


class Child:
    """A writing task running in a forked child; collect() its files, or stop() it.

    Its temp folders live in one private folder inside the folder it writes into (the output folder),
    removed by close() once its files were moved into place (collect() adds them to the run's), or by stop(), however
    it ended; also those of its files in a folder below on the same device (files.scratch_holds); stop() removes
    the others it had finished.
    """

    def __init__(self, pid: int, read_end: int, root: Path, folder: Path, made_folder: Path | None,
                 inner: list[tuple[Path, bool]], first: bool = False) -> None:
        self.pid, self.read_end, self.root, self.folder, self.made_folder = pid, read_end, root, folder, made_folder
        self.inner = inner  # (folder below folder the task writes into, whether it was missing at the start)
        self.done = False
        self.notes: Any = None  # what the task's notes() gave, once collected
        self.first_pending = first  # it sends first notes (Child.start's first) that first_notes() has not read

    @classmethod
    def start(cls, task: Task, folder: Path, notes: Callable[[], Any] | None = None,
              inner: tuple[Path, ...] = (), first: Callable[[], Any] | None = None) -> Child | None:
        """task() in a new child process; None when no process could be started (run task here).
        notes: called in the child once task() is done, its (picklable) result sent back as Child.notes.
        first: called in the child before task(), its (picklable) result sent back at once, for first_notes() to
        read while the task goes on.
        inner: folders below folder the task writes into (see unmake_folder)."""
        inner_made = [(p, not p.exists()) for p in inner]
        try:
            made = _missing_folder(folder)
            folder.mkdir(parents=True, exist_ok=True)
            root = make_temp_folder(".needscli-writing.", folder)
        except OSError as exc:
            raise folder_error(folder, exc) from None

        def body(write_end: int) -> None:
            set_scratch_root(root)
            _child(task, write_end, notes, root, first)

        forked = None
        try:
            forked = _fork(body)
            if forked is not None:
                return cls(*forked, root, folder, made, inner_made, first is not None)
        except BaseException:
            if forked is not None:  # interrupted right after the fork: the child goes too
                _abandon(forked[0], (forked[1], -1))
            shutil.rmtree(root, ignore_errors=True)
            raise
        shutil.rmtree(root, ignore_errors=True)  # no memory or process left for a second writer: the caller runs it
        return None

    def first_notes(self) -> Any:
        """What Child.start's first() gave in the child, waiting until it is sent. Where first() failed, or the
        child ended before sending it, the child is collected and its error raised here."""
        data = _read_frame(self.read_end)
        self.first_pending = False
        message = _loaded(data) if data is not None else ("failed",)
        if message[0] == "first":
            return message[1]
        self.collect(Staging())  # raises what the child sent at its end; it sent no file
        raise OutputError("a process writing the outputs stopped unexpectedly; run again, or set [limits] "
                          "write_processes = 1")

    def ended(self) -> bool:
        """Whether the child has ended (a child started without first notes writes to its pipe only at its end),
        without waiting; collect() then takes what it sent."""
        if self.done or self.first_pending:
            return self.done
        try:
            return bool(select.select([self.read_end], [], [], 0)[0])
        except (OSError, ValueError):
            return False

    def collect(self, stage: Staging) -> list[Path]:
        """Wait for the child; its files join stage (moved into place by stage.commit()); its error raised here."""
        try:
            paths, self.notes = _collect(self.pid, self.read_end, stage, strict=True, framed=self.first_pending)
            return paths
        finally:
            self.done = True

    def stop(self) -> None:
        """Stop the child if it still runs, wait for it, and remove whatever it wrote."""
        try:
            if not self.done:
                self.done = True
                _stop(self.pid)
                # reaps the child; what it staged goes with root, or here where it waited beside its target
                # (a folder below that root does not hold: files.scratch_holds)
                left = Staging()
                _collect(self.pid, self.read_end, left, framed=self.first_pending)
                left.discard()
        finally:
            self.close()

    def unmake_folder(self) -> None:
        """Remove the folders below the output folder the task writes into (inner) and the output folder again,
        where start() found them missing and they are empty (nothing was written)."""
        for inner, missing in self.inner:
            if missing:
                try:
                    inner.rmdir()
                except OSError:  # not empty (files of someone else's), or never made
                    pass
        if self.made_folder is not None:
            for folder in (self.folder, *self.folder.parents):
                try:
                    folder.rmdir()
                except OSError:
                    break
                if folder == self.made_folder:
                    break

    def close(self) -> None:
        """Remove the child's private folder (after its files were moved out, or on failure)."""
        shutil.rmtree(self.root, ignore_errors=True)


def _fork(body: Callable[[int], None]) -> tuple[int, int] | None:
    """body(the write end of a pipe) in a forked child, which never returns into the caller's code; (its pid, the
    read end) here, or None where no process could be started (no memory or process left). An interrupt on the way
    leaves no child, running or blocked on its pipe, and no pipe open."""
    parent, pid, ends = os.getpid(), -1, (-1, -1)
    # Ctrl-C and SIGTERM wait while the process forks: the child must not take one before it has its own
    # handler and its own way out (it would unwind into the caller's code, a second copy of the run). One that
    # came meanwhile is raised where the mask is restored: by then this side knows its child and closes its pipe.
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)
    try:
        try:
            ends = os.pipe()
            pid = os.fork()
        except OSError:
            _close(*ends)
            ends = (-1, -1)
        if pid == 0:  # the child: never returns into the caller's code
            try:
                signal.signal(signal.SIGTERM, _leave)  # not the parent's handler: it unwinds alone
                die_with_parent(parent)
                os.close(ends[0])
                sys.stderr = sys.__stderr__  # not a progress display's redirect, whose lock may be held
                signal.pthread_sigmask(signal.SIG_SETMASK, mask)
                body(ends[1])
            finally:
                os._exit(1)  # body leaves with its own code; anything before it leaves here
        if pid > 0:
            os.close(ends[1])
            ends = (ends[0], -1)
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    except BaseException:  # interrupted on the way: nothing of it stays
        if os.getpid() != parent:  # in the child, before it knew it was one: never the caller's code
            os._exit(1)
        _abandon(pid, ends)
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        raise
    return (pid, ends[0]) if pid > 0 else None


class Forked:
    """A computation of this process shared with a forked child: work() there, its bytes sent back through a pipe
    (never a file: they may hold personal data). result() waits for them; None where the child failed, was stopped,
    sent them short or did not start sending in time, and the caller then does the work itself. stop() it once done
    with it, whatever happened (it stops and reaps a child still running).

    In time: the child is given as long again as the caller took between start() and result(), and at least `wait`
    seconds, to start sending. A caller that asks once it has done its own, larger share (find_needs) has given the
    child's share time enough twice over: one that has not sent by then is stuck (a copy forked while another
    thread of the process held a lock, such as a notebook's, waits for it for good), and is killed rather than
    waited for. Its work only computes: it holds no file."""

    def __init__(self, pid: int, read_end: int, wait: float | None = None) -> None:
        self.pid, self.read_end, self.done = pid, read_end, False
        self.wait, self.started = wait, time.monotonic()

    @classmethod
    def start(cls, work: Callable[[], bytes], wait: float | None = None) -> Forked | None:
        """work() in a new child process; None when no process could be started. wait: the least time result()
        gives it to start sending (seconds; None: as long as it takes)."""
        forked = _fork(lambda write_end: _send_work(work, write_end))
        if forked is None:
            return None
        try:
            return cls(*forked, wait=wait)
        except BaseException:  # interrupted right after the fork: the child goes too
            _abandon(forked[0], (forked[1], -1))
            raise

    def result(self) -> bytearray | None:
        """The bytes work() gave, as soon as they have come whole; None where the child failed or did not start
        sending in time (stop() then kills it). The child is reaped once it has ended, by a thread where it still
        frees its memory (a second or more after a million cadres)."""
        try:
            if self.wait is not None and not _readable(self.read_end, max(self.wait,
                                                                           time.monotonic() - self.started)):
                return None  # stuck: stop() kills it
            head = _read_exactly(self.read_end, _FRAME_HEAD)
            data = bytearray(int.from_bytes(head, "little") if len(head) == _FRAME_HEAD else 0)
            whole = len(head) == _FRAME_HEAD and _read_into(self.read_end, data)
            if not whole:
                _reap(self.pid)
                self.done = True
                return None
            self.done = True  # reaped by the thread: stop() must never signal a process id it may have freed
            _reap_beside(self.pid)
            return data
        finally:
            self.close()

    def stop(self) -> None:
        """Kill and reap the child where result() has not (again, where an interrupt cut the last try short). Killed,
        not asked to stop: it holds no file to clean up, and a child stuck on a lock never runs a signal handler."""
        if not self.done:
            _stop(self.pid, signal.SIGKILL)
            _reap(self.pid)
            self.done = True
        self.close()

    def close(self) -> None:
        _close(self.read_end)
        self.read_end = -1


_POLL_MOST_MS = 1 << 30  # the longest one poll waits: it takes a C int of milliseconds (24 days)


def _readable(read_end: int, seconds: float) -> bool:
    """Whether the pipe has bytes to read (or has been closed by the child) within this many seconds (any number:
    a wait of years, or infinity, polls again and again)."""
    poller = select.poll()
    poller.register(read_end, select.POLLIN)
    deadline = time.monotonic() + seconds
    while True:
        if poller.poll(max(0, math.ceil(min((deadline - time.monotonic()) * 1000, _POLL_MOST_MS)))):
            return True
        if time.monotonic() >= deadline:
            return False


def _reap_beside(pid: int) -> None:
    """Reap the child by a thread of its own, once it has ended (here where no thread can start). The thread takes
    neither Ctrl-C nor SIGTERM: it is started with them held, so that they reach the main thread, which holds them
    while it forks (_fork); one taken by another thread would be raised wherever the main thread is, even between
    a fork and the child's id being kept."""
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)
    try:
        threading.Thread(target=_reap, args=(pid,), daemon=True).start()
    except RuntimeError:  # no thread left to start
        _reap(pid)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)


def _send_work(work: Callable[[], bytes], write_end: int) -> None:
    code = 1
    try:
        data = work()
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(len(data).to_bytes(_FRAME_HEAD, "little"))
            pipe.write(data)
        code = 0
    except BaseException:  # noqa: BLE001, S110 - the parent gets no whole frame and does the work itself
        pass
    finally:
        os._exit(code)


def _abandon(pid: int, ends: tuple[int, int]) -> None:
    """Undo a fork interrupted half-way: stop and reap the child if there is one, close the pipe.

    A child forked but not yet known here (pid -1) dies with this process (die_with_parent)."""
    if pid > 0:
        _stop(pid)
        _reap(pid)
    _close(*ends)


def _close(*fds: int) -> None:
    for fd in fds:
        if fd >= 0:
            try:
                os.close(fd)
            except OSError:
                pass


def _missing_folder(folder: Path) -> Path | None:
    """The first folder of the path that does not exist yet: removed again if the run fails."""
    missing = None
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            break
        missing = candidate
    return missing


def run_side_by_side(here: Task, there: Task, folder: Path, processes: int = 2,
                     early: Child | None = None, collected: Callable[[Any], None] | None = None,
                     last: Callable[[Any], list[Path]] | None = None) -> list[Path]:
    """here() in this process while there() runs in a child; all files committed together at the end.

    folder: where both write. early: a child started before. Where it sends first notes (Child.start's first),
    collected(them) is called as soon as they come, and here() and there() start while it may still write (three
    processes at once only where its work takes longer than what came between: a small roster's plan); it is
    collected after here(). Else it is collected first (it has usually finished by then), and collected(its
    notes) is called then, before here() or there() starts.
    last(the early child's notes, None without one): called once all are done, before anything is moved into
    place; the paths it writes (staged, as here()'s) come last.
    Returns the paths of here, then of early, then of there, then of last.
    """
    children = [early] if early is not None else []
    remove_stale_temp(folder)  # what a killed run left in the folder (never a temp folder of a live run)
    try:
        with staged() as stage:
            later = early is not None and early.first_pending
            written_early = []
            if early is not None and later:
                notes = early.first_notes()
                if collected is not None:
                    collected(notes)
            elif early is not None:
                written_early = early.collect(stage)
                if collected is not None:
                    collected(early.notes)
            child = Child.start(there, folder) if processes >= 2 and can_fork() else None
            if child is not None:
                children.append(child)
            paths = here()
            if early is not None and later:
                written_early = early.collect(stage)
            paths += written_early
            paths += child.collect(stage) if child is not None else there()
            if last is not None:
                paths += last(early.notes if early is not None else None)
            stage.commit()  # the children's files leave their folders before these are removed
        return paths
    except BaseException:
        stop_all(children)
        raise
    finally:
        for c in children:
            c.close()


def stop_all(children: list[Child]) -> None:
    """Stop every child, even when stopping one is interrupted (a second Ctrl-C)."""
    for c in children:
        try:
            c.stop()
        except BaseException:  # noqa: BLE001, S112 - the first error is the one raised
            continue


_STOPS = {signal.SIGINT, signal.SIGTERM}


def _leave(*_: object) -> None:
    """A child's SIGTERM: stopped by the parent, leave at once (the parent removes whatever is left). Not by raising
    SystemExit to unwind: where the signal lands in a finalizer (a ParquetWriter's __del__), Python prints the
    exception it ignores there, a traceback on the clerk's terminal, and the child goes on writing."""
    os._exit(1)


PR_SET_PDEATHSIG = 1  # linux/prctl.h
WATCH_SECONDS = 0.2  # how often a child without prctl looks whether its parent is still there


def die_with_parent(parent: int) -> None:
    """Make this (forked) process die when its parent does, even when the parent is killed by SIGKILL.

    Linux: the kernel sends SIGKILL on the parent's death (prctl PR_SET_PDEATHSIG). Elsewhere, or where
    prctl fails, a daemon thread polls os.getppid() and exits when the parent is gone.
    """
    if not _death_signal():
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before either was in place
        os._exit(1)


def _death_signal() -> bool:
    """prctl(PR_SET_PDEATHSIG, SIGKILL) through libc; False where there is none (not Linux) or it failed."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCH_SECONDS)
    os._exit(1)  # orphaned: no one collects what this writes; the next run removes its temp folder


PIPE_BYTES = 32 << 10  # what a child sends through its pipe at its end at most (Linux's hold 64 KiB); more waits in a file
FIRST_BYTES = 16 << 10  # the same of its first notes: both together always fit the pipe
_FRAME_HEAD = 8  # the first notes' length, before them


def _child(task: Task, write_end: int, notes: Callable[[], Any] | None = None, root: Path | None = None,
           first: Callable[[], Any] | None = None) -> None:
    code = 0
    try:
        with os.fdopen(write_end, "wb") as pipe:
            payload = _run(task, pipe, notes, root, first)
            pipe.write(payload)
    except BaseException:  # noqa: BLE001
        code = 1
    finally:
        os._exit(code)  # no atexit handlers, no second flush of the parent's buffers


def _run(task: Task, pipe: BinaryIO, notes: Callable[[], Any] | None, root: Path | None,
         first: Callable[[], Any] | None) -> bytes:
    """What the child sends at its end: its paths, staged files and notes, or its error. first()'s result is sent
    before the task starts, in a frame of its own ("failed" where first() failed: its error is sent at the end)."""
    room = _pipe_bytes(pipe.fileno())
    try:
        if first is not None:
            try:
                frame = _posted(pickle.dumps(("first", first())), root, "first.pickle", min(FIRST_BYTES, room // 4))
            except BaseException:
                _send_frame(pipe, pickle.dumps(("failed",)))
                raise
            _send_frame(pipe, frame)
        with staged() as stage:
            paths = task()
            payload = pickle.dumps(("ok", [str(p) for p in paths],
                                    [tuple(str(p) for p in item) for item in stage.items],
                                    notes() if notes is not None else None))
        return _posted(payload, root, most=min(PIPE_BYTES, room // 2))
    except NeedsError as exc:
        return pickle.dumps(("error", type(exc).__name__, exc.message, int(exc.exit_code)))
    except BaseException as exc:  # noqa: BLE001 - reported by the parent, never lost
        return pickle.dumps(("crash", type(exc).__name__, str(exc), 0))


def _pipe_bytes(fd: int) -> int:
    """What the pipe holds: its size on Linux (a page or two, not 64 KiB, for a user past fs.pipe-user-pages-soft),
    else 64 KiB. A child's messages are kept well within it (the rest waits in a file), so that it never waits for
    the parent to read: the first before its task, nor the last before it ends."""
    try:
        import fcntl

        return int(fcntl.fcntl(fd, fcntl.F_GETPIPE_SZ))
    except (ImportError, AttributeError, OSError, ValueError):
        return 64 << 10


def _send_frame(pipe: BinaryIO, data: bytes) -> None:
    pipe.write(len(data).to_bytes(_FRAME_HEAD, "little") + data)
    pipe.flush()


def _read_frame(read_end: int) -> bytes | None:
    """The frame the child sent first (_send_frame); None where it ended before sending it whole."""
    head = _read_exactly(read_end, _FRAME_HEAD)
    if len(head) < _FRAME_HEAD:
        return None
    size = int.from_bytes(head, "little")
    data = _read_exactly(read_end, size)
    return data if len(data) == size else None


def _read_exactly(read_end: int, size: int) -> bytes:
    """size bytes of the pipe, fewer where it ends first."""
    chunks: list[bytes] = []
    while size > 0:
        chunk = os.read(read_end, min(size, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _read_into(read_end: int, data: bytearray) -> bool:
    """Fill data from the pipe (read in place: a million cadres' needs are some hundred MB); False where it ends
    first."""
    view, got = memoryview(data), 0
    while got < len(data):
        read = os.readv(read_end, [view[got:got + (1 << 20)]])
        if not read:
            return False
        got += read
    return True


def _posted(payload: bytes, root: Path | None, name: str = "payload.pickle", most: int = PIPE_BYTES) -> bytes:
    """What the child sends: the payload itself where the pipe holds it whole, else where it left it (a file in its own
    folder, read by _collect before the folder goes). A pipe's writer waits until it is read: a child sending more
    than the pipe holds (an early writer's notes) would wait, and keep its memory, until collected."""
    if root is None or len(payload) <= most:
        return payload
    path = root / name
    with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as handle:
        handle.write(payload)
    return pickle.dumps(("file", str(path)))


def _loaded(data: bytes) -> tuple[Any, ...]:
    """A message the child sent, read from its file where it did not fit the pipe (_posted)."""
    message: tuple[Any, ...] = pickle.loads(data)  # noqa: S301 - our own child's pipe
    if message[0] == "file":
        message = pickle.loads(Path(message[1]).read_bytes())  # noqa: S301 - our own child's file
    return message


def _collect(pid: int, read_end: int, stage: Staging, strict: bool = False,
             framed: bool = False) -> tuple[list[Path], Any]:
    """The child's paths and notes, its staged files added to stage; with strict, its error raised here.
    framed: the child's first notes were not read, and come before."""
    try:
        with os.fdopen(read_end, "rb") as pipe:
            data = pipe.read()
    except BaseException:  # interrupted while waiting: the child is stopped and reaped too
        _stop(pid)
        _reap(pid)
        raise
    _, status = os.waitpid(pid, 0)
    if framed:
        size = int.from_bytes(data[:_FRAME_HEAD], "little") if len(data) >= _FRAME_HEAD else len(data)
        data = data[_FRAME_HEAD + size:]
    try:
        message = _loaded(data) if data else ("crash", "", "", 0)
    except Exception:  # noqa: BLE001 - cut short (a child stopped while sending): nothing of it is used
        if strict:
            raise
        return [], None
    if message[0] == "ok":
        stage.items.extend((Path(temp), Path(target), Path(folder)) for temp, target, folder in message[2])
        return [Path(p) for p in message[1]], message[3]
    if not strict:
        return [], None
    kind, name, text, exit_code = message
    if not data:
        raise OutputError("a process writing the outputs stopped unexpectedly "
                          f"(status {status}); run again, or set [limits] write_processes = 1")
    if name == "KeyboardInterrupt":
        raise KeyboardInterrupt
    if name == "OutputError":
        raise OutputError(text)
    if kind == "error":
        raise NeedsError(text, ExitCode(exit_code))
    raise RuntimeError(f"{name}: {text}")


def _stop(pid: int, how: signal.Signals = signal.SIGTERM) -> None:
    """Ask the child to stop (SIGKILL: make it); _collect() then waits for it."""
    try:
        os.kill(pid, how)
    except ProcessLookupError:
        pass


def _reap(pid: int) -> None:
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:  # already reaped
        pass


class Turns:
    """Jobs 0 .. n-1 handed out one at a time to whichever writing process asks first, for work that splits
    into many pieces of unlike size (the workbooks of sign-in sheets): each process takes the next job when it
    is done with its own, so both finish at about the same time, whatever the sizes.

    The numbers wait in a pipe made before the fork, written in one go; each read takes one number (4 bytes)
    whole, since reads of a pipe do not interleave, so no job is taken twice and none is lost. Where the pipe
    cannot be made or does not take every number at once, the process that made the Turns takes every job.
    Use as a context manager; iterate to take jobs.
    """

    _SIZE = 4
    _MOST = 4096  # bytes of numbers put in a pipe at most (Linux's hold 64 KiB); past them, the maker takes all
    MOST_JOBS = _MOST // _SIZE  # jobs handed out at most: more, and the maker takes all

    def __init__(self, jobs: int) -> None:
        self.jobs, self.read_end, self.taken, self.maker = jobs, -1, False, os.getpid()
        if not 0 < jobs <= self.MOST_JOBS or not hasattr(os, "set_blocking"):  # Windows before Python 3.12 has none
            return
        ends = (-1, -1)
        try:
            ends = os.pipe()
            os.set_blocking(ends[1], False)  # never wait for a reader: none may come (one process, no fork)
            numbers = b"".join(i.to_bytes(self._SIZE, "little") for i in range(jobs))
            whole = os.write(ends[1], numbers) == len(numbers)
        except OSError:  # no pipe, or one that holds less (BlockingIOError): the maker takes all
            whole = False
        except BaseException:
            _close(*ends)
            raise
        _close(ends[1])
        if whole:
            self.read_end = ends[0]
        else:
            _close(ends[0])

    def __iter__(self) -> Iterator[int]:
        if self.read_end < 0:  # no pipe: the process that made it takes all (a forked copy takes none)
            if not self.taken and os.getpid() == self.maker:
                self.taken = True
                yield from range(self.jobs)
            return
        while True:
            data = os.read(self.read_end, self._SIZE)
            if len(data) < self._SIZE:
                return  # empty, and no one writes: all taken
            yield int.from_bytes(data, "little")

    def __enter__(self) -> Turns:
        return self

    def __exit__(self, *_: object) -> None:
        _close(self.read_end)
        self.read_end, self.taken = -1, True  # none left to take
