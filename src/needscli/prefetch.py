"""Input workbooks read in the background while the rest of the program loads.

Starting needscli imports its libraries for about half a second, with one core idle; reading a
large roster's sheets takes as long, in code that lets other threads run. So the workbooks named
on an analyze or validate command line start being read at once, on one background thread, and
io.files takes their sheets from here instead of reading them again.

Nothing is lost or loosened: a file is parsed here only if it passes the default zip checks (the
same tests as io.files.check_zip, with the default limits), and its sheets are used only if it
then passes the real checks with the run's own limits, unchanged since (same size and time).
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
XML_SCAN_BYTES = 4096

Stamp = tuple[int, int, int, int]  # device, inode, size, modification time (ns)


class _Read:
    def __init__(self, stamp: Stamp) -> None:
        self.stamp = stamp
        self.done = threading.Event()
        self.sheets: list[tuple[str, list[list[Any]]]] | None = None


_reads: dict[str, _Read] = {}


def start(args: Sequence[str]) -> None:
    """Begin reading the .xlsx files named in args (the command line after the program name)."""
    if os.environ.get("NEEDSCLI_NO_PREFETCH") or not args or args[0] not in COMMANDS:
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
        threading.Thread(target=_read_all, args=(queue,), name="needscli-prefetch", daemon=True).start()


def take(path: Path) -> list[tuple[str, list[list[Any]]]] | None:
    """The sheets read in the background for path, once; None if it was not read or has changed."""
    try:
        key, stamp = _key(path)
    except OSError:
        return None
    read = _reads.pop(key, None)
    if read is None:
        return None
    read.done.wait()
    return read.sheets if read.stamp == stamp else None


def _key(path: Path) -> tuple[str, Stamp]:
    st = os.stat(path)
    if not os.path.isfile(path):
        raise OSError(f"{path} is not a file")
    return os.path.realpath(path), (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def _read_all(queue: list[tuple[str, _Read]]) -> None:
    for key, read in queue:
        try:
            if _plain_workbook(key):
                read.sheets = _parse(key)
        except BaseException:  # noqa: BLE001 - the normal read reports it
            read.sheets = None
        finally:
            read.done.set()


def _plain_workbook(path: str) -> bool:
    """The checks of io.files.check_zip with the default limits: True when the file passes them all."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            names = {m.filename for m in members}
            if (len(members) > MAX_ZIP_MEMBERS or "xl/workbook.xml" not in names or "xl/workbook.bin" in names
                    or "mimetype" in names):
                return False
            total = sum(m.file_size for m in members)
            packed = sum(m.compress_size for m in members) or 1
            if total > MAX_UNCOMPRESSED_BYTES or total / packed > MAX_COMPRESSION_RATIO:
                return False
            for member in members:
                if member.file_size > 10_000_000 and member.file_size / (member.compress_size or 1) > MAX_COMPRESSION_RATIO:
                    return False
                if member.filename.endswith((".xml", ".rels", ".vml")):
                    with archive.open(member) as part:
                        head = part.read(XML_SCAN_BYTES).upper()
                    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                        return False
    except Exception:  # noqa: BLE001 - damaged, truncated, unreadable: left to the normal read
        return False
    return True


def _parse(path: str) -> list[tuple[str, list[list[Any]]]]:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(path)
    return [(name, book.get_sheet_by_name(name).to_python(skip_empty_area=False)) for name in book.sheet_names]


def reset() -> None:
    """Forget every background read (tests)."""
    _reads.clear()
