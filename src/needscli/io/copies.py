"""Where the reader of Excel 97-2003 workbooks is run: by a copy of the process, started by what beside_old_books
gives (reports.parallel.Forked.start, from the command line and the pipeline), so that a file its reader cannot
survive ends the copy, not the run (io.files.read_old_workbook). A module of its own, light to import: the
command line sets it before it knows what it will read."""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from needscli.core.need_shares import Start

_BESIDE_OLD: contextvars.ContextVar[Start | None] = contextvars.ContextVar("beside_old_books", default=None)


@contextlib.contextmanager
def beside_old_books(start: Start | None) -> Iterator[None]:
    """Within the block, an Excel 97-2003 workbook is parsed by a copy of the process started by start; None: here."""
    token = _BESIDE_OLD.set(start)
    try:
        yield
    finally:
        _BESIDE_OLD.reset(token)


def copy_for_old_books() -> Start | None:
    """What starts the copy that parses an Excel 97-2003 workbook here; None: parse it in this process."""
    return _BESIDE_OLD.get()
