"""Writing files whole or not at all: temp file in a private folder beside the target, check, os.replace."""

from __future__ import annotations

import contextlib
import csv
import io
import itertools
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from xlsxwriter.exceptions import FileCreateError

from ..errors import OutputError
from .fastsheet import remember

FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")
# Excel also reads a CSV cell such as #DIV/0! or #N/A as an error value, not as the text
CSV_RISKY_LEADS = (*FORMULA_LEADS, "#")


def csv_safe(value: object) -> object:
    """Text that a spreadsheet would read as a formula or an error value gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(CSV_RISKY_LEADS):
        return "'" + value
    return value


@contextlib.contextmanager
def atomic_path(target: Path, inputs: Iterable[Path] = ()) -> Iterator[Path]:
    """Yield a temp path in a private folder beside target; on success move it into place, else remove all.

    xlsxwriter keeps its scratch parts beside the file it writes: in the private folder they go too.
    """
    target = Path(target)
    resolved = target.resolve()
    for source in inputs:
        if Path(source).resolve() == resolved:
            raise OutputError(f"{target}: refusing to write an output over an input file")
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder))
    except OSError as exc:
        raise OutputError(f"{folder}: cannot write here ({exc.strerror}); choose another output folder") from None
    tmp = scratch / target.name
    try:
        yield tmp
        os.chmod(tmp, 0o600)
        os.replace(tmp, target)
    except (OSError, FileCreateError) as exc:
        raise _output_error(target, exc) from None
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _output_error(target: Path, exc: Exception) -> OutputError:
    reason = exc.args[0] if isinstance(exc, FileCreateError) and exc.args else exc  # xlsxwriter wraps the OSError
    if isinstance(reason, PermissionError):
        return OutputError(f"{target} is open in another program or read-only; close {target.name} and run again")
    return OutputError(f"{target}: could not be written ({getattr(reason, 'strerror', None) or reason})")


CSV_CHUNK = 5000  # rows converted at a time, a column at a time through a memo of rendered cells
CSV_MEMO_LIMIT = 50_000


def write_csv(target: Path, header: list[str], rows: Iterable[Iterable[object]],
              inputs: Iterable[Path] = ()) -> int:
    """UTF-8 with BOM so Excel opens it; formula-looking text prefixed with '. Returns rows written."""
    count = 0
    memos: list[dict[object, object]] = []
    rows = iter(rows)
    with atomic_path(target, inputs) as tmp, open(tmp, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(header)
        while chunk := [list(row) for row in itertools.islice(rows, CSV_CHUNK)]:
            width = len(chunk[0])
            if any(len(row) != width for row in chunk):  # ragged: row by row, as they are
                writer.writerows([_csv_cell(v) for v in row] for row in chunk)
            else:
                while len(memos) < width:
                    memos.append({None: ""})
                columns = [_csv_column(values, memos[c]) for c, values in enumerate(zip(*chunk, strict=True))]
                writer.writerows(zip(*columns, strict=True) if width else chunk)
            count += len(chunk)
    return count


def _csv_column(values: tuple[object, ...], memo: dict[object, object]) -> list[object]:
    cells = list(map(memo.get, values))
    if None in cells:
        for i, cell in enumerate(cells):
            if cell is None:
                value = values[i]
                hit = memo.get(value)  # a value repeated within the chunk
                if hit is None:
                    hit = _csv_cell(value)
                    remember(memo, value, hit, CSV_MEMO_LIMIT, _seed_csv)
                cells[i] = hit
    return cells


def _seed_csv(memo: dict[object, object]) -> None:
    memo[None] = ""


def _csv_cell(value: object) -> object:
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".") if not value.is_integer() else str(int(value))
    return csv_safe(value)


def write_bytes(target: Path, produce: Callable[[io.BufferedWriter], None], inputs: Iterable[Path] = ()) -> None:
    with atomic_path(target, inputs) as tmp, open(tmp, "wb") as handle:
        produce(handle)
