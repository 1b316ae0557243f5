"""Two independent writing jobs at once: one in this process, one in a forked child.

The child inherits the finished analysis (copy-on-write), writes its files to staged temp files
and sends back where they are, or the error it met. Only when both jobs have succeeded are all
the files moved into place (files.staged): a failed run leaves the output folder as it was. Where
fork is not available, or when asked for one process, the jobs run one after the other.
"""

from __future__ import annotations

import os
import pickle
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from ..errors import ExitCode, NeedsError, OutputError
from .files import Staging, set_scratch_root, staged

Task = Callable[[], list[Path]]


def can_fork() -> bool:
    return hasattr(os, "fork") and sys.platform != "darwin"  # macOS frameworks are not fork-safe


def run_side_by_side(here: Task, there: Task, folder: Path, processes: int = 2) -> list[Path]:
    """here() in this process while there() runs in a child; all files committed together at the end.

    folder: where both write. Returns the paths of both, here's first.
    """
    with staged() as stage:
        if processes < 2 or not can_fork():
            paths = here() + there()
        else:
            paths = _fork_and_run(here, there, stage, folder)
        stage.commit()
    return paths


def _fork_and_run(here: Task, there: Task, stage: Staging, folder: Path) -> list[Path]:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        root = Path(tempfile.mkdtemp(prefix=".needscli-writing.", suffix=".tmp", dir=folder))
    except OSError as exc:
        raise OutputError(f"{folder}: cannot write here ({exc.strerror}); choose another output folder") from None
    try:
        try:
            read_end, write_end = os.pipe()
        except OSError:
            return here() + there()
        try:
            pid = os.fork()
        except OSError:  # no memory or process left for a second writer: one after the other
            os.close(read_end)
            os.close(write_end)
            return here() + there()
        if pid == 0:  # the child: never returns into the caller's code
            os.close(read_end)
            set_scratch_root(root)
            sys.stderr = sys.__stderr__  # not a progress display's redirect, whose lock may be held
            _child(there, write_end)
        os.close(write_end)
        try:
            paths = here()
        except BaseException:
            _stop(pid)
            _collect(pid, read_end, Staging())  # reaps the child; what it staged goes with root
            raise
        paths += _collect(pid, read_end, stage, strict=True)
        stage.commit()  # the child's files leave root before it is removed
        return paths
    finally:
        shutil.rmtree(root, ignore_errors=True)  # whatever the child left, however it ended


def _child(task: Task, write_end: int) -> None:
    code = 0
    try:
        # stopped by the parent: unwind (the parent removes whatever is left)
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
        try:
            with staged() as stage:
                paths = task()
                payload = pickle.dumps(("ok", [str(p) for p in paths],
                                        [tuple(str(p) for p in item) for item in stage.items]))
        except NeedsError as exc:
            payload = pickle.dumps(("error", type(exc).__name__, exc.message, int(exc.exit_code)))
        except BaseException as exc:  # noqa: BLE001 - reported by the parent, never lost
            payload = pickle.dumps(("crash", type(exc).__name__, str(exc), 0))
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(payload)
    except BaseException:  # noqa: BLE001
        code = 1
    finally:
        os._exit(code)  # no atexit handlers, no second flush of the parent's buffers


def _collect(pid: int, read_end: int, stage: Staging, strict: bool = False) -> list[Path]:
    """The child's paths, its staged files added to stage; with strict, its error raised here."""
    try:
        with os.fdopen(read_end, "rb") as pipe:
            data = pipe.read()
    except BaseException:  # interrupted while waiting: the child is stopped and reaped too
        _stop(pid)
        _reap(pid)
        raise
    _, status = os.waitpid(pid, 0)
    message = pickle.loads(data) if data else ("crash", "", "", 0)  # noqa: S301 - our own child's pipe
    if message[0] == "ok":
        stage.items.extend(tuple(Path(p) for p in item) for item in message[2])  # type: ignore[misc]
        return [Path(p) for p in message[1]]
    if not strict:
        return []
    kind, name, text, exit_code = message
    if not data:
        raise OutputError("the process writing the CSV files, class rosters and analysis.json stopped "
                          f"unexpectedly (status {status}); run again, or set [limits] write_processes = 1")
    if name == "KeyboardInterrupt":
        raise KeyboardInterrupt
    if name == "OutputError":
        raise OutputError(text)
    if kind == "error":
        raise NeedsError(text, ExitCode(exit_code))
    raise RuntimeError(f"{name}: {text}")


def _stop(pid: int) -> None:
    """Ask the child to stop; _collect() then waits for it."""
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass


def _reap(pid: int) -> None:
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:  # already reaped
        pass
