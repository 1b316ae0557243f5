"""Writing files whole or not at all: temp file in a private folder beside the target, check, os.replace."""

from __future__ import annotations

import contextlib
import csv
import io
import itertools
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from xlsxwriter.exceptions import FileCreateError

from needscli.errors import OutputError
from needscli.reports.sheet_writer import Columns

FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")
# Excel also reads a CSV cell such as #DIV/0! or #N/A as an error value, not as the text
CSV_RISKY_LEADS = (*FORMULA_LEADS, "#")


def csv_safe(value: object) -> object:
    """Text that a spreadsheet would read as a formula or an error value gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(CSV_RISKY_LEADS):
        return "'" + value
    return value


class Staging:
    """Outputs written to temp files and moved into place together, once every one of them is done."""

    def __init__(self) -> None:
        self.items: list[tuple[Path, Path, Path]] = []  # (temp file, target, its private folder)

    def commit(self) -> None:
        """Move every staged file into place, after checking that no target is a folder.

        A move refused half-way (a file locked by another program) leaves the files moved before it.
        """
        try:
            self.check()
            for tmp, target, _ in self.items:
                try:
                    os.replace(tmp, target)
                except OSError as exc:
                    raise _output_error(target, exc) from None
        finally:
            self.discard()

    def check(self) -> None:
        """Raise OutputError where a target is a folder (no file can be moved there)."""
        for _, target, _ in self.items:
            if target.is_dir():
                raise OutputError(f"{target} is a folder; remove or rename it and run again")

    def discard(self) -> None:
        for _, _, scratch in self.items:
            shutil.rmtree(scratch, ignore_errors=True)
        self.items.clear()


_staging: Staging | None = None
_scratch_root: Path | None = None  # where a writing child keeps its temp folders (see side_by_side)


def set_scratch_root(root: Path | None) -> None:
    """Temp folders for outputs beside root go inside root, so that one rmtree removes them all."""
    global _scratch_root
    _scratch_root = root


@contextlib.contextmanager
def staged() -> Iterator[Staging]:
    """Within this block atomic_path() leaves finished files staged; the caller commits them all.

    On an error every staged file is removed, so a failed run changes nothing in the output folder.
    """
    global _staging
    outer, _staging = _staging, Staging()
    try:
        yield _staging
    except BaseException:
        _staging.discard()
        raise
    finally:
        _staging = outer


@contextlib.contextmanager
def atomic_path(target: Path, inputs: Iterable[Path] = ()) -> Iterator[Path]:
    """Yield a temp path in a private folder beside target; on success move it into place, else remove all.

    xlsxwriter keeps its scratch parts beside the file it writes: in the private folder they go too.
    Inside staged(), the finished file waits in its folder until the whole set is committed.
    """
    target = Path(target)
    resolved = target.resolve()
    for source in inputs:
        if Path(source).resolve() == resolved:
            raise OutputError(f"{target}: refusing to write an output over an input file")
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        inside = (_scratch_root if _scratch_root is not None and _scratch_root.parent.resolve() == folder.resolve()
                  else folder)
        scratch = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=inside))
    except OSError as exc:
        raise OutputError(f"{folder}: cannot write here ({exc.strerror}); choose another output folder") from None
    tmp = scratch / target.name
    keep = False
    try:
        yield tmp
        os.chmod(tmp, 0o600)
        if _staging is not None:
            _staging.items.append((tmp, target, scratch))
            keep = True
        else:
            os.replace(tmp, target)
    except (OSError, FileCreateError) as exc:
        raise _output_error(target, exc) from None
    finally:
        if not keep:
            shutil.rmtree(scratch, ignore_errors=True)


def _output_error(target: Path, exc: Exception) -> OutputError:
    reason = exc.args[0] if isinstance(exc, FileCreateError) and exc.args else exc  # xlsxwriter wraps the OSError
    if isinstance(reason, PermissionError):
        return OutputError(f"{target} is open in another program or read-only; close {target.name} and run again")
    return OutputError(f"{target}: could not be written ({getattr(reason, 'strerror', None) or reason})")


CSV_CHUNK = 5000  # rows converted and written at a time (a table given by columns, a column at a time)


def write_csv(target: Path, header: list[str], rows: Iterable[Iterable[object]] | Columns,
              inputs: Iterable[Path] = ()) -> int:
    """UTF-8 with BOM so Excel opens it; formula-looking text prefixed with '. Returns rows written.

    rows: the rows, or a sheet_writer.Columns giving them a column at a time. csv.writer's excel
    dialect with CRLF line ends: fields quoted only where they must be; headers written as they are.
    """
    count = 0
    buffer = io.StringIO(newline="")  # a chunk's lines, handed to the file at once: a write per line costs more
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    with atomic_path(target, inputs) as tmp, open(tmp, "w", encoding="utf-8-sig", newline="") as handle:
        for chunk in _csv_chunks(rows):
            writer.writerows(chunk)
            handle.write(buffer.getvalue())
            buffer.seek(0)
            buffer.truncate()
            count += len(chunk)
        handle.write(buffer.getvalue())
    return count


def _csv_chunks(rows: Iterable[Iterable[object]] | Columns) -> Iterator[list[Sequence[object]]]:
    """The rows as CSV cells (see _csv_cell), up to CSV_CHUNK at a time, converted a column at a time."""
    if isinstance(rows, Columns):
        while columns := rows.take(CSV_CHUNK):
            yield list(zip(*map(_csv_column, columns), strict=True))
        return
    source = iter(rows)
    while chunk := list(map(tuple, itertools.islice(source, CSV_CHUNK))):
        if len(set(map(len, chunk))) == 1 and chunk[0]:
            yield list(zip(*map(_csv_column, zip(*chunk, strict=True)), strict=True))
        else:  # rows of different lengths, or none: each as it is
            yield [list(map(_csv_cell, row)) for row in chunk]


def _csv_column(values: Sequence[object]) -> Sequence[object]:
    """A column's CSV cells; a column of one type converts each distinct value once (equal values write alike)."""
    kinds = set(map(type, values))
    if len(kinds) == 1 and kinds <= {str, int, float}:
        cells = {value: _csv_cell(value) for value in set(values)}
        return list(map(cells.__getitem__, values))
    return list(map(_csv_cell, values))


def _csv_cell(value: object) -> object:
    """A fraction to at most 2 decimals (a whole float as an int), risky text quote-prefixed, the rest as it is."""
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".") if not value.is_integer() else str(int(value))
    return csv_safe(value)


def write_bytes(target: Path, produce: Callable[[io.BufferedWriter], None], inputs: Iterable[Path] = ()) -> None:
    with atomic_path(target, inputs) as tmp, open(tmp, "wb") as handle:
        produce(handle)
