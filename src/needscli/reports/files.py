"""Writing files whole or not at all: temp file in a private folder beside the target (a writing child's own, in the
folder it writes into), check, os.replace.

Nothing the office made is replaced without asking: no output is written over an input of the run
(safeguards() names them), a class-rosters.xlsx is replaced only while it is as needscli wrote it
(every workbook carries a stamp of its own zip directory in the zip comment, which any editor that
saves it drops), and a file written with keep_existing (the input template) never replaces one. A
file the office gave a name of needscli's many (class-rosters-<anything>.xlsx) is replaced or removed
only where needscli wrote it (is_needscli_file), even with force.
Temp folders carry a marker file, so that those a killed run left behind are removed by the next
run into the folder, and only those.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import fnmatch
import functools
import hashlib
import io
import itertools
import os
import re
import shutil
import socket
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import NamedTuple

from needscli.errors import OutputError
from needscli.io.output_folders import SNAPSHOT, is_rollup, listed_outputs, listing_of, run_owning
from needscli.labels import label

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
                    move_into_place(tmp, target)
                except OSError as exc:
                    raise output_error(target, exc) from None
        finally:
            self.discard()

    def check(self) -> None:
        """Raise OutputError where a target is a folder (no file can be moved there), or where it may not be
        replaced (check_target: an input, or the office's work saved there since the run began), or where a file
        stands where a folder the move makes would go."""
        for _, target, _ in self.items:
            if target.is_dir():
                raise OutputError(f"{target} is a folder; remove or rename it and run again")
            check_target(target)
            check_folder_path(target.parent)

    def discard(self) -> None:
        for _, _, scratch in self.items:
            shutil.rmtree(scratch, ignore_errors=True)
        self.items.clear()


_staging: Staging | None = None
_scratch_root: Path | None = None  # where a writing child keeps its temp folders (see side_by_side)


def scratch_holds(folder: Path, out_dir: Path) -> bool:
    """Whether a writing child of out_dir (parallel.Child) keeps the temp files of folder, a folder below out_dir,
    in its own private folder: folder (or, where it is not made yet, the nearest folder of its path that is) within
    out_dir on its device. Where it does not (a link to a folder elsewhere, another device), the temp files wait in
    folder itself, marked with the child's process: once it has ended, a cleaning of folder takes them for a killed
    run's."""
    while not os.path.lexists(folder) and folder != out_dir and folder != folder.parent:
        folder = folder.parent
    if not os.path.lexists(folder):
        return True
    base = out_dir if out_dir.exists() else next((p for p in out_dir.parents if p.exists()), out_dir)
    try:
        return (folder.is_dir() and folder.resolve().is_relative_to(out_dir.resolve())
                and folder.stat().st_dev == base.stat().st_dev)
    except OSError:
        return False


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
    known_files.cache_clear()  # the files of an earlier run may have changed since
    outer, _staging = _staging, Staging()
    try:
        yield _staging
    except BaseException:
        _staging.discard()
        raise
    finally:
        _staging = outer


@contextlib.contextmanager
def atomic_path(target: Path, inputs: Iterable[Path] = (), *, keep_existing: bool = False,
                replaceable: Callable[[Path], bool] | None = None) -> Iterator[Path]:
    """Yield a temp path in a private folder beside target (a writing child's own folder where it holds the
    target's folder: scratch_holds); on success move it into place, else remove all.

    xlsxwriter keeps its scratch parts beside the file it writes: in the private folder they go too.
    Inside staged(), the finished file waits in its folder until the whole set is committed. inputs
    (the rosters) and the inputs of safeguards() are never written over; keep_existing: a file
    already there is never replaced (unless safeguards(force=True)), but for one replaceable says may be (its own
    earlier output, as written: asked again just before the move). A finished workbook is stamped.
    """
    target = Path(target)
    inputs = list(inputs)
    check_target(target, inputs, keep_existing=keep_existing, replaceable=replaceable)
    folder = target.parent
    try:
        if _scratch_root is not None and scratch_holds(folder, _scratch_root.parent):
            inside = _scratch_root  # target's folder is made as the file moves in: a run killed before leaves none
        else:
            folder.mkdir(parents=True, exist_ok=True)
            inside = folder
        scratch = make_temp_folder(f".{target.name[:SCRATCH_NAME]}.", inside)
    except OSError as exc:
        raise folder_error(folder, exc) from None
    tmp = scratch / target.name
    keep = False
    try:
        yield tmp
        os.chmod(tmp, 0o600)
        if target.suffix.lower() == ".xlsx":
            stamp_workbook(tmp)
        if _staging is not None:
            _staging.items.append((tmp, target, scratch))
            keep = True
        else:
            # once more: saved there meanwhile?
            check_target(target, inputs, keep_existing=keep_existing, replaceable=replaceable)
            move_into_place(tmp, target)
    except Exception as exc:
        if not isinstance(exc, OSError) and not _file_create_error(exc):
            raise
        raise output_error(target, exc) from None
    finally:
        if not keep:
            shutil.rmtree(scratch, ignore_errors=True)


def move_into_place(tmp: Path, target: Path) -> None:
    """os.replace, the target's folder made first where it is not there yet (a writing folder's file: atomic_path)."""
    if not os.path.isdir(target.parent):
        target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(tmp, target)


def check_folder_path(folder: Path) -> None:
    """Raise OutputError where folder cannot be made because a file stands at its place or at a folder's above it
    (checked before anything is moved, so that a set of outputs is not cut short by it)."""
    for place in (folder, *folder.parents):
        if os.path.lexists(place):
            if not place.is_dir():
                raise folder_error(folder, OSError(errno.ENOTDIR, os.strerror(errno.ENOTDIR)))
            return


@contextlib.contextmanager
def writing_folder(out_dir: Path) -> Iterator[Path]:
    """A private temp folder in out_dir (made there if missing), removed when the block ends: the files staged in
    it (scratch_in) must be moved into place, or discarded, by then. A run killed meanwhile leaves it to the next
    run into out_dir (remove_stale_temp)."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        root = make_temp_folder(".needscli-writing.", out_dir)
    except OSError as exc:
        raise folder_error(out_dir, exc) from None
    try:
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)


@contextlib.contextmanager
def scratch_in(root: Path) -> Iterator[None]:
    """Within this block the temp files this process writes below root's folder go into root (a writing_folder),
    and the folders of their targets are made only as they move into place: a run killed before leaves none."""
    global _scratch_root
    outer, _scratch_root = _scratch_root, root
    try:
        yield
    finally:
        _scratch_root = outer


def folder_error(folder: Path, exc: OSError) -> OutputError:
    """The OutputError for an output folder that cannot be made or written in."""
    if exc.errno == errno.ENAMETOOLONG:
        return OutputError(label("output.path_too_long", _safeguards.lang, path=folder))
    return OutputError(f"{folder}: cannot write here ({exc.strerror}); choose another output folder")


def check_output_path(path: Path, lang: str = "zh") -> None:
    """Raise OutputError (exit 3) for an output path the system cannot even look up (a name too long)."""
    try:
        os.lstat(path)
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            raise OutputError(label("output.path_too_long", lang, path=path)) from None


def _file_create_error(exc: Exception) -> bool:
    """An xlsxwriter FileCreateError (it wraps the OSError of a workbook it could not create). Looked up where
    xlsxwriter is imported, as it is wherever one can have been raised: the checks before a run import files
    without it."""
    errors = sys.modules.get("xlsxwriter.exceptions")
    return errors is not None and isinstance(exc, errors.FileCreateError)


def output_error(target: Path, exc: Exception) -> OutputError:
    """The OutputError for a file that could not be written (an OSError, or xlsxwriter's wrapping one)."""
    reason = exc.args[0] if _file_create_error(exc) and exc.args else exc  # xlsxwriter wraps the OSError
    if isinstance(reason, PermissionError):
        return OutputError(f"{target} is open in another program or read-only; close {target.name} and run again")
    return OutputError(f"{target}: could not be written ({getattr(reason, 'strerror', None) or reason})")


CSV_CHUNK = 5000  # rows converted and written at a time, a column at a time


def write_csv(target: Path, header: list[str], rows: Iterable[Iterable[object]], inputs: Iterable[Path] = ()) -> int:
    """UTF-8 with BOM so Excel opens it; formula-looking text prefixed with '. Returns rows written.

    csv.writer's excel dialect with CRLF line ends: fields quoted only where they must be; headers written as
    they are. (The files of millions of rows, needs.csv and assignments.csv, are written as text: write_csv_text.)
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


def write_csv_text(target: Path, header: list[str], chunks: Iterable[tuple[str, int]],
                   inputs: Iterable[Path] = ()) -> int:
    """write_csv's file from rows already written as CSV text, (text, rows) at a time: each cell as csv_text
    writes it, the cells joined by commas, each row ended by CRLF. Returns rows written."""
    count = 0
    with atomic_path(target, inputs) as tmp, open(tmp, "w", encoding="utf-8-sig", newline="") as handle:
        handle.write(",".join(map(_quoted, header)) + "\r\n")  # headers as they are, as write_csv writes them
        for text, rows in chunks:
            handle.write(text)
            count += rows
    return count


_NEEDS_QUOTES = re.compile('[,"\r\n]')


def csv_text(value: object) -> str:
    """A cell of a CSV row of several cells as write_csv writes it (_csv_cell, then csv.writer's excel dialect):
    a fraction to at most 2 decimals, risky text quote-prefixed, None empty; quoted (its quotes doubled) where it
    holds a comma, a quote or a line break."""
    return _quoted(_csv_cell(value))


_RISKY_CELL = re.compile(_NEEDS_QUOTES.pattern + "|(?:^|\x00)[" + re.escape("".join(CSV_RISKY_LEADS)) + "]")


def plain_cells(texts: list[str]) -> bool:
    """Whether csv_text writes each of the texts as it is: none holds a comma, a quote or a line break, or
    begins as a formula or an error value would (one search over them joined, at C speed)."""
    return not _RISKY_CELL.search("\x00".join(texts))


def _quoted(value: object) -> str:
    text = "" if value is None else value if isinstance(value, str) else str(value)
    return f'"{text.replace(chr(34), chr(34) * 2)}"' if _NEEDS_QUOTES.search(text) else text


def _csv_chunks(rows: Iterable[Iterable[object]]) -> Iterator[list[Sequence[object]]]:
    """The rows as CSV cells (see _csv_cell), up to CSV_CHUNK at a time, converted a column at a time."""
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


# ---- what an output may not replace --------------------------------------------------------------

# outputs the office fills in: the sign-in sheets, in class-rosters.xlsx or (a plan of many classes) in the
# workbooks of each organizer, class-rosters-<organizer>.xlsx; a name with * is a pattern (fnmatch)
# the workbooks an office works in after a run: the sign-in sheets it fills in, the gap report it annotates
FILLED_IN = frozenset({"class-rosters.xlsx", "class-rosters-*.xlsx", "gap-report.xlsx"})
STAMP = b"needscli-written sha256="  # the zip comment of a workbook needscli wrote, then its fingerprint
SCRATCH_NAME = 40  # characters of the target's name in its temp folder's name (names have a length limit)


@dataclass(frozen=True)
class Safeguards:
    """What the outputs of a run may not replace, and the language of the refusals.

    inputs: every input file of the run and its kind (roster, posts, ledger, config ...): never
    written over. force: the office's work may be replaced (--force). force_option: how a refusal names the way to
    replace it (the command line's --force, the Python API's write(..., force=True)).
    """

    inputs: tuple[tuple[Path, str], ...] = ()
    force: bool = False
    lang: str = "zh"
    force_option: str = "--force"

    @functools.cached_property
    def known(self) -> KnownFiles:
        return known_files(self.inputs)


class KnownFiles(NamedTuple):
    """Input files by resolved path and by (device, inode), each with its kind: asked once per output."""

    by_path: dict[Path, str]
    by_id: dict[tuple[int, int], str]

    def kind_of(self, target: Path) -> str | None:
        """The kind of the input that target is, if any: the same resolved path, or the same file."""
        if not self.by_path:
            return None
        kind = self.by_path.get(_resolved(target))
        identity = _file_id(target) if kind is None and self.by_id else None
        return self.by_id.get(identity) if identity is not None else kind


@functools.lru_cache(maxsize=16)
def known_files(inputs: tuple[tuple[Path, str], ...]) -> KnownFiles:
    """The inputs (path, kind) as KnownFiles; the first kind given wins for a file named twice. Kept while a
    run writes (every output asks), cleared when a run begins (staged(), safeguards())."""
    by_path: dict[Path, str] = {}
    by_id: dict[tuple[int, int], str] = {}
    for path, kind in inputs:
        by_path.setdefault(_resolved(path), kind)
        identity = _file_id(path)
        if identity is not None:
            by_id.setdefault(identity, kind)
    return KnownFiles(by_path, by_id)


_safeguards = Safeguards()


@contextlib.contextmanager
def safeguards(inputs: Iterable[tuple[Path, str]] = (), *, force: bool = False,
               lang: str = "zh", force_option: str = "--force") -> Iterator[Safeguards]:
    """Within this block no output is written over one of inputs ((path, kind) pairs), and only with force
    does one replace the office's work (check_target). Forked writers inherit it."""
    global _safeguards
    known_files.cache_clear()
    outer = _safeguards
    _safeguards = Safeguards(tuple((Path(p), kind) for p, kind in inputs), force, lang, force_option)
    try:
        yield _safeguards
    finally:
        _safeguards = outer


def speak_in(lang: str) -> None:
    """Say the refusals of the safeguards in force in lang from now on: a run's, once its roster is read and its
    language known (the checks before it are said in the locale's)."""
    global _safeguards
    _safeguards = replace(_safeguards, lang=lang)


def check_target(target: Path, inputs: Iterable[Path] = (), *, keep_existing: bool = False,
                 replaceable: Callable[[Path], bool] | None = None) -> None:
    """Raise OutputError when target may not be written: it is an input of the run (the same file by any
    spelling, link or hard link), or a file of a name of many (class-rosters-*.xlsx) that needscli did not write
    (is_needscli_file: the office's own, never replaced, even with force); or, unless safeguards(force=True), it
    holds the office's work: any file there with keep_existing (but one replaceable says may be replaced), a
    class-rosters.xlsx (or class-rosters-*.xlsx) not as needscli wrote it (FILLED_IN)."""
    guard = _safeguards
    kind = guard.known.kind_of(target) or known_files(tuple((Path(p), "roster") for p in inputs)).kind_of(target)
    if kind is not None:
        raise OutputError(label("output.over_input", guard.lang, target=target,
                                what=label(f"output.input.{kind}", guard.lang)))
    if not os.path.isfile(target):
        return
    if is_many_named(target.name) and not is_needscli_file(target):  # the office's own, whatever force says
        raise OutputError(label("output.not_written_by_needscli", guard.lang, target=target, force=guard.force_option))
    if guard.force:
        return
    if keep_existing and (replaceable is None or not replaceable(target)):
        raise OutputError(label("output.exists", guard.lang, target=target, force=guard.force_option))
    if is_filled_in(target.name) and not is_as_written(target):
        edited = "output.filled_in" if target.name.startswith("class-rosters") else "output.edited"
        raise OutputError(label(edited, guard.lang, target=target, force=guard.force_option))


def is_filled_in(name: str) -> bool:
    """Whether a file of this name is an output the office fills in (FILLED_IN)."""
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in FILLED_IN)


def is_many_named(name: str) -> bool:
    """Whether name is that of an output of many names (a FILLED_IN pattern: class-rosters-<organizer>.xlsx), which
    the office may give a workbook of its own as well."""
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in FILLED_IN if "*" in pattern)


def is_needscli_file(path: Path) -> bool:
    """Whether needscli wrote the file at path, as far as it keeps a record: a run's analysis.json lists it (its
    folder's, or for a hand-out folder its run's; until this run's replaces it), or it is as needscli wrote it (its
    stamp). A file of an output's name that neither says is the office's own."""
    return path.name in listed_in(path.parent) or is_as_written(path)


def listed_in(folder: Path) -> frozenset[str]:
    """The files of folder that an analysis.json lists (io.output_folders.listing_of: folder's own, or a hand-out
    folder's run's), read once for all the files asked of (every workbook a run writes asks; the run's own
    analysis.json replaces it at the end)."""
    run, place = listing_of(folder)
    try:
        info = os.stat(run / SNAPSHOT)
    except (OSError, ValueError):
        return frozenset()
    return _listed_outputs(run, info.st_ino, info.st_mtime_ns, info.st_size).get(place, frozenset())


@functools.lru_cache(maxsize=16)
def _listed_outputs(run: Path, *_version: int) -> dict[str, frozenset[str]]:
    return listed_outputs(run)


def check_folder(folder: Path, names: Iterable[str] = (), formats: Iterable[str] | None = None) -> None:
    """Before a run writes its outputs (names, a name with * a pattern) into folder: raise where the folder is
    another command's (check_run_folder), where one would be written over an input, or where a file there holds
    the office's work (check_target). formats: those the run writes (--formats; None: all): a file of another
    format, which the run leaves as it is, is not looked at."""
    check_run_folder(folder, _safeguards.lang)
    for name in sorted(FILLED_IN.union(names)):
        if formats is not None and _format_of(name) not in {*formats, "json"}:
            continue
        for path in matching(folder, name):
            # a file of the office's own that a pattern matches is left alone: none of the run's to replace
            if "*" not in name or is_needscli_file(path):
                check_target(path)


def _format_of(name: str) -> str:
    """The --formats word of an output's name: xlsx, csv, parquet (json: analysis.json, written by every run)."""
    return name.rsplit(".", 1)[-1].lower()


def check_run_folder(folder: Path, lang: str = "zh") -> None:
    """Raise OutputError (exit 3) where a run's outputs (analyze's, classes', write()'s) may not go into folder: a
    roll-up's folder (they would mix with its tables), a run's snapshot/ or hand-out folder or one in it (they would
    replace its files). A run's own folder takes them again."""
    if is_rollup(folder):
        raise OutputError(label("output.is_rollup", lang, folder=folder))
    owner = run_owning(folder)
    if owner is not None and owner.own_part:
        raise OutputError(label("output.in_run", lang, folder=folder, run=owner.run))


def matching(folder: Path, name: str) -> list[Path]:
    """folder / name; for a pattern (a name with *) the files of folder it matches, by name."""
    if "*" not in name:
        return [folder / name]
    try:
        return sorted(Path(e.path) for e in os.scandir(folder) if fnmatch.fnmatchcase(e.name, name) and e.is_file())
    except OSError:  # no folder yet, or not one to read: nothing there
        return []


def remove_as_written(paths: Iterable[Path]) -> list[Path]:
    """Remove each of paths that is as needscli wrote it (any, under safeguards(force=True)), never an input of
    the run; one changed since (saved there while the run wrote) or that cannot be removed stays. Returns those
    removed."""
    guard = _safeguards
    removed = []
    for path in paths:
        if guard.known.kind_of(path) is None and (guard.force or is_as_written(path)):
            try:
                os.unlink(path)
            except OSError:  # gone already, or locked: the outputs are in place, it stays till a later run
                continue
            removed.append(path)
    return removed


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a loop of links (RuntimeError before Python 3.13), a name too long: only the spelling given is known
        return Path(os.path.abspath(path))


def _file_id(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino


def stamp_workbook(path: Path) -> None:
    """Write the fingerprint of a finished workbook's zip directory into its zip comment (is_as_written).

    Every member's name, CRC, sizes and place are in it: a workbook saved again by any program differs
    (and loses the comment). Only the plain end record xlsxwriter writes is stamped.
    """
    try:
        with zipfile.ZipFile(path) as book:
            stamp = STAMP + _fingerprint(book).encode("ascii")
    except zipfile.BadZipFile:
        return
    with open(path, "r+b") as handle:
        handle.seek(-22, os.SEEK_END)
        end = handle.read(22)
        if end[:4] == b"PK\x05\x06" and end[20:] == b"\0\0":
            handle.seek(-2, os.SEEK_END)
            handle.write(len(stamp).to_bytes(2, "little") + stamp)


def is_as_written(path: Path) -> bool:
    """Whether the workbook at path is as needscli wrote it: its stamp matches its zip directory."""
    try:
        with zipfile.ZipFile(path) as book:
            return book.comment == STAMP + _fingerprint(book).encode("ascii")
    except (OSError, zipfile.BadZipFile, ValueError, EOFError):
        return False


def _fingerprint(book: zipfile.ZipFile) -> str:
    digest = hashlib.sha256()
    for info in book.infolist():
        digest.update(f"{info.filename}\0{info.CRC}\0{info.file_size}\0{info.compress_size}\0"
                      f"{info.header_offset}\n".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


# ---- temp folders a stopped run left behind ------------------------------------------------------

TEMP_MARK = ".needscli-temp"  # the marker file in every temp folder needscli makes: whose it is
STALE_SECONDS = 24 * 3600  # a temp folder this old is stale whoever made it (another machine, a reused pid)


def make_temp_folder(prefix: str, where: Path) -> Path:
    """A new private folder in where, named prefix + needscli-<process id>-<machine tag>- + random + .tmp, holding
    the marker file (remove_stale_temp). Its name says whose it is from the moment it exists: a run killed
    (SIGKILL, which nothing can catch) between making it and writing its marker leaves a folder that a later run
    still knows for a stale one of needscli's."""
    folder = Path(tempfile.mkdtemp(prefix=f"{prefix}needscli-{os.getpid()}-{_machine_tag()}-", suffix=".tmp",
                                   dir=where))
    try:
        (folder / TEMP_MARK).write_text(f"needscli\n{os.getpid()}\n{socket.gethostname()}\n", encoding="utf-8")
    except BaseException:  # a full disk, or a stop (SIGTERM, Ctrl-C) before the marker says whose it is
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return folder


def remove_stale_temp(folder: Path) -> list[Path]:
    """Remove the temp folders that runs into folder left behind when they were killed: only hidden
    folders named ….tmp that hold needscli's marker, or are named as make_temp_folder names them and hold
    nothing else, whose run has ended (its process is gone, or the folder is a day old); also in the hand-out
    folders below (by-unit/…). Returns those removed."""
    removed = []
    for place in _places(folder):
        try:
            entries = [e for e in os.scandir(place) if e.name.startswith(".") and e.name.endswith(".tmp")
                       and e.is_dir(follow_symlinks=False)]
        except OSError:
            continue
        for entry in entries:
            if _stale(Path(entry.path)):
                shutil.rmtree(entry.path, ignore_errors=True)
                removed.append(Path(entry.path))
    return removed


def _places(folder: Path) -> Iterator[Path]:
    """folder, its by-unit/ and by-organizer/ folders and their part folders (where a part folder a run's writing
    folder does not hold, one on another device, has its temp files wait beside it; never hidden: folder_name takes
    leading dots away; a hidden folder there is a run's temp folder, looked at as a whole, never into: a live run's
    holds its second process's temp folders, which name that process)."""
    yield folder
    try:
        for split in sorted(folder.glob("by-*")):
            if split.is_dir() and not split.is_symlink():
                yield split
                yield from sorted(p for p in split.iterdir()
                                  if p.is_dir() and not p.is_symlink() and not p.name.startswith("."))
    except OSError:
        return


def _stale(folder: Path) -> bool:
    mark = folder / TEMP_MARK
    try:
        words = mark.read_text(encoding="utf-8").split("\n")
        age = time.time() - mark.stat().st_mtime
    except (OSError, UnicodeError):
        return _unmarked_stale(folder)
    if len(words) < 3 or words[0] != "needscli" or not _PID.fullmatch(words[1]):
        return _unmarked_stale(folder)
    if age > STALE_SECONDS:
        return True
    return words[2] == socket.gethostname() and not _running(int(words[1]))


def _unmarked_stale(folder: Path) -> bool:
    """A folder without its marker (or with one cut short) is stale where its name is make_temp_folder's, it holds
    nothing else (but that marker file), and its process has ended on this machine or it is a day old: a run
    killed as it made it. Any other is not known for needscli's and never removed."""
    named = _TEMP_NAME.search(folder.name)
    if named is None:
        return False
    try:
        if any(entry.name != TEMP_MARK or not entry.is_file(follow_symlinks=False) for entry in os.scandir(folder)):
            return False
        age = time.time() - folder.stat().st_mtime
    except OSError:
        return False
    if age > STALE_SECONDS:
        return True
    return named[2] == _machine_tag() and not _running(int(named[1]))


_PID = re.compile(r"[0-9]{1,10}")  # a process id as a marker or a temp folder's name gives it
_TEMP_NAME = re.compile(r"needscli-([0-9]{1,10})-([0-9a-f]{8})-[a-z0-9_]+\.tmp$")  # make_temp_folder's


@functools.cache
def _machine_tag() -> str:
    """Eight hex digits of this machine's name: a temp folder's name tells whose machine made it."""
    return hashlib.sha256(socket.gethostname().encode("utf-8", "surrogatepass")).hexdigest()[:8]


def _running(pid: int) -> bool:
    """Whether a process of this machine runs with that id (where this cannot be asked: assume so)."""
    if os.name == "nt" or pid == os.getpid():
        return True  # Windows has no signal 0 (os.kill would stop the process)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):  # a process of another user; an id no process can have: assume it runs
        return True
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """Whether the process has ended and only waits to be reaped (a writer killed with its parent stays so
    until process 1 reaps it): it writes nothing more. Where /proc cannot tell, it is no zombie."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[:1] == ["Z"]


# ---- hand-out folders of earlier runs ------------------------------------------------------------


def stale_hand_outs(root: Path, written: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """The folders in root (by-unit/, by-organizer/) that this run did not write (a unit gone from the
    roster): removed where they hold only files of the names a hand-out folder has and every workbook
    among them is as needscli wrote it; kept (for the caller to name) otherwise. Returns (removed, kept)."""
    written = list(written)
    parts = {p.parent for p in written if p.parent.parent == root}
    names = {p.name for p in written if p.parent in parts}
    try:
        folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.is_symlink() and p not in parts)
    except OSError:
        return [], []
    removed, kept = [], []
    for folder in folders:
        if _own_hand_out(folder, names):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
        else:
            kept.append(folder)
    return removed, kept


def _own_hand_out(folder: Path, names: set[str]) -> bool:
    try:
        entries = list(folder.iterdir())
        if not all(e.name in names and e.is_file() and not e.is_symlink() for e in entries):
            return False
    except OSError:
        return False
    books = [e for e in entries if e.suffix.lower() == ".xlsx"]
    return bool(books) and all(map(is_as_written, books))
