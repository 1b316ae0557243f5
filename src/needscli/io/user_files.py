"""A file the user names (an option's, a run folder's) read whole, but only a regular file, and only up to a size.

A device (/dev/zero) read whole fills the memory, a pipe nobody writes to is waited on forever: either is refused
before it is read, as is a settings file larger than any settings file is (SETTINGS_MOST).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from needscli.errors import NeedsError

# the most a config, rules, project, catalog or key file may hold: the largest shipped one is some 60 KB
SETTINGS_MOST = 8 * 1024 * 1024


def read_user_file(path: Path, what: str, shown: str = "", most: int | None = None) -> bytes:
    """The bytes of the file at path; what ("config file", "saved analysis" ...) and shown (how the message names it,
    its name by default) name it in a NeedsError where it is a device or a pipe, or holds more than most bytes. Any
    other fault (not there, a folder, no right to read it) is the OSError reading it raises, for the caller to word."""
    shown = shown or Path(path).name or str(path)
    _refuse_other(os.stat(path).st_mode, path, shown, what)
    # not blocking where a pipe took the file's place since: a regular file reads as ever
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with open(fd, "rb") as handle:
        info = os.fstat(fd)
        _refuse_other(info.st_mode, path, shown, what)
        if most is not None and info.st_size > most:
            raise _too_large(shown, what, most)
        data = handle.read() if most is None else handle.read(most + 1)
    if most is not None and len(data) > most:  # grown since it was looked at
        raise _too_large(shown, what, most)
    return data


def _refuse_other(mode: int, path: Path, shown: str, what: str) -> None:
    """NeedsError for a device or a pipe; a folder is the OSError reading one raises, as its callers word it."""
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    if not stat.S_ISREG(mode):
        raise NeedsError(f"{shown}: {what} is not a regular file (a device or a pipe); give the file itself")


def _too_large(shown: str, what: str, most: int) -> NeedsError:
    return NeedsError(f"{shown}: {what} is larger than {most // (1024 * 1024)} MB, more than any {what} holds; "
                      "check the path")
