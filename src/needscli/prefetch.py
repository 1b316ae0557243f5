"""Input workbooks read in the background while the rest of the program loads.

Starting needscli imports its libraries for about half a second, with one core idle; reading a
large roster's sheets takes as long, in code that lets other threads run. So the workbooks named
on an analyze or validate command line start being read at once, on one background thread, and
io.files takes their sheets from here instead of reading them again.

Nothing is lost or loosened: a file is parsed here only if it passes the zip checks (io.zipcheck,
as io.files.check_zip runs them, with the default limits or the stricter ones of the --config and
--project files named), and its sheets are used only if it then passes the real checks with the
run's own limits, unchanged since (same size and times).
Any error here is dropped: the normal read then meets it and reports it as always.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

COMMANDS = ("analyze", "validate")
MAX_FILES = 8  # files named beyond these (a folder of unit rosters is given as a folder) are read as usual
# the defaults of [limits] (config.LimitsConfig), for the check before parsing
MAX_ZIP_MEMBERS = 10_000
MAX_UNCOMPRESSED_BYTES = 2_000_000_000
MAX_COMPRESSION_RATIO = 200.0

Stamp = tuple[int, int, int, int, int]  # device, inode, size, modification and change times (ns)


class _Read:
    def __init__(self, stamp: Stamp) -> None:
        self.stamp = stamp
        self.done = threading.Event()
        self.sheets: list[tuple[str, list[list[Any]]]] | None = None


_reads: dict[str, _Read] = {}


def start(args: Sequence[str]) -> None:
    """Begin reading the .xlsx files named in args (the command line after the program name)."""
    if os.environ.get("NEEDSCLI_NO_PREFETCH", "") not in ("", "0") or not args or args[0] not in COMMANDS:
        return
    limits = _limits(args)
    if limits is None:
        return
    queue: list[tuple[str, _Read]] = []
    for arg in args[1:]:
        if not arg.lower().endswith(".xlsx") or arg.startswith("-"):
            continue
        try:
            key, stamp = _key(Path(arg))
        except OSError:
            continue  # not a file (yet): the normal read says what is wrong
        if key not in _reads and len(queue) < MAX_FILES:
            _reads[key] = read = _Read(stamp)
            queue.append((key, read))
    if queue:
        threading.Thread(target=_read_all, args=(queue, limits), name="needscli-prefetch", daemon=True).start()


def take(path: Path) -> list[tuple[str, list[list[Any]]]] | None:
    """The sheets read in the background for path, once; None if it was not read or has changed."""
    try:
        key, stamp = _key(path)
    except OSError:
        return None
    read = _reads.pop(key, None)
    if read is None or read.stamp != stamp:
        return None
    read.done.wait()
    return read.sheets


def _limits(args: Sequence[str]) -> tuple[int, int, float] | None:
    """The zip limits to check against before parsing: the strictest of the defaults and of the
    [limits] of the --config and --project files named in args; None if one cannot be read."""
    import tomllib

    limits = (MAX_ZIP_MEMBERS, MAX_UNCOMPRESSED_BYTES, MAX_COMPRESSION_RATIO)
    for i, arg in enumerate(args):
        name, _, value = arg.partition("=")
        if name not in ("--config", "--project"):
            continue
        if not value:
            value = args[i + 1] if i + 1 < len(args) else ""
        try:
            with open(value, "rb") as handle:
                section = tomllib.load(handle).get("limits", {})
            limits = (min(limits[0], int(section.get("max_zip_members", limits[0]))),
                      min(limits[1], int(section.get("max_uncompressed_bytes", limits[1]))),
                      min(limits[2], float(section.get("max_compression_ratio", limits[2]))))
        except (OSError, ValueError, TypeError, AttributeError):
            return None  # the run reports it; nothing is read ahead
    return limits


def _key(path: Path) -> tuple[str, Stamp]:
    st = os.stat(path)
    if not os.path.isfile(path):
        raise OSError(f"{path} is not a file")
    return os.path.realpath(path), (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def _read_all(queue: list[tuple[str, _Read]], limits: tuple[int, int, float]) -> None:
    for key, read in queue:
        try:
            if _plain_workbook(key, *limits):
                read.sheets = _parse(key)
        except BaseException:  # noqa: BLE001 - the normal read reports it
            read.sheets = None
        finally:
            read.done.set()


def _plain_workbook(path: str, max_members: int, max_bytes: int, max_ratio: float) -> bool:
    """True when the file passes the checks of io.files.check_zip with these limits."""
    import zipfile

    from .io.zipcheck import refusal

    try:
        with zipfile.ZipFile(path) as archive:
            return refusal(archive, max_members, max_bytes, max_ratio) is None
    except Exception:  # noqa: BLE001 - damaged, truncated, unreadable: left to the normal read
        return False


def _parse(path: str) -> list[tuple[str, list[list[Any]]]]:
    """The parse io.files makes (merged cells filled), so a sheet read ahead is the sheet read."""
    from .io.files import parse_workbook

    return parse_workbook(path)


def reset() -> None:
    """Forget every background read not taken (once the inputs are loaded, or in tests)."""
    _reads.clear()
