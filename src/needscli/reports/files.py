"""Writing files whole or not at all: temp file in a private folder beside the target, check, os.replace."""

from __future__ import annotations

import contextlib
import io
import itertools
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from xlsxwriter.exceptions import FileCreateError

from needscli.errors import OutputError
from needscli.reports.fastsheet import ColumnMemo, Columns

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


CSV_CHUNK = 5000  # rows converted at a time, a column at a time through a memo of rendered fields
CSV_MEMO_LIMIT = 50_000
_CSV_QUOTED = re.compile('[,"\r\n]')  # what makes the csv module's excel dialect quote a field


def write_csv(target: Path, header: list[str], rows: Iterable[Iterable[object]] | Columns,
              inputs: Iterable[Path] = ()) -> int:
    """UTF-8 with BOM so Excel opens it; formula-looking text prefixed with '. Returns rows written.

    rows: the rows, or a fastsheet.Columns giving them a column at a time.
    The bytes are those of csv.writer (excel dialect, CRLF): fields quoted only where they must be.
    """
    count = 0
    memos: list[ColumnMemo] = []
    with atomic_path(target, inputs) as tmp, open(tmp, "w", encoding="utf-8-sig", newline="") as handle:
        handle.write(_csv_line([_csv_quoted(str(name)) for name in header]) + "\r\n")  # headers as they are
        for chunk, size in _csv_chunks(rows):
            if isinstance(chunk, _Ragged):  # rows of different lengths: row by row, as they are
                lines = [_csv_line(list(map(_csv_field, row))) for row in chunk.rows]
            else:
                while len(memos) < len(chunk):
                    memos.append(ColumnMemo(_csv_field, _seed_csv, CSV_MEMO_LIMIT))
                columns = [memo.cells(values) for memo, values in zip(memos, chunk, strict=False)]
                lines = [_csv_line(fields) for fields in zip(*columns, strict=True)] if chunk else [""] * size
            lines.append("")
            handle.write("\r\n".join(lines))
            count += size
    return count


class _Ragged:
    def __init__(self, rows: list[list[object]]) -> None:
        self.rows = rows


def _csv_chunks(rows: Iterable[Iterable[object]] | Columns) -> Iterator[tuple[Sequence[Sequence[object]] | _Ragged, int]]:
    """(columns of up to CSV_CHUNK rows, or those rows when their lengths differ; the row count)."""
    if isinstance(rows, Columns):
        while columns := rows.take(CSV_CHUNK):
            yield columns, len(columns[0])
        return
    source = iter(rows)
    while chunk := list(map(list, itertools.islice(source, CSV_CHUNK))):
        width = len(chunk[0])
        if any(len(row) != width for row in chunk):
            yield _Ragged(chunk), len(chunk)
        else:
            yield list(zip(*chunk, strict=True)), len(chunk)


def _csv_line(fields: Sequence[str]) -> str:
    line = ",".join(fields)
    return '""' if not line and len(fields) == 1 else line  # a lone empty field is quoted, as csv does


def _seed_csv(memo: dict[object, str]) -> None:
    memo[None] = ""


def _csv_cell(value: object) -> object:
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".") if not value.is_integer() else str(int(value))
    return csv_safe(value)


def _csv_field(value: object) -> str:
    """A value as csv.writer writes it, after _csv_cell: None empty, quoted when it holds , " or a line break."""
    if value is None:
        return ""
    cell = _csv_cell(value)
    return _csv_quoted(cell if type(cell) is str else str(cell))


def _csv_quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"' if _CSV_QUOTED.search(text) else text


def write_bytes(target: Path, produce: Callable[[io.BufferedWriter], None], inputs: Iterable[Path] = ()) -> None:
    with atomic_path(target, inputs) as tmp, open(tmp, "wb") as handle:
        produce(handle)
