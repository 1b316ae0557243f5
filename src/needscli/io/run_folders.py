"""The output folders of analyze runs read back for needscli rollup: each one's saved analysis
(io.snapshot.read_snapshot: analysis.json, and its Parquet tables from version 2 on), checked."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

from needscli.errors import NeedsError
from needscli.io.output_folders import hand_out_of
from needscli.io.snapshot import SNAPSHOT, SNAPSHOT_VERSION, Snapshot, read_snapshot
from needscli.io.user_files import read_user_file
from needscli.labels import label
from needscli.wording import in_chinese

SNAPSHOT_KEYS = frozenset({"version", "as_of", "lang"})  # what analysis.json has, of any version


def read_runs(folders: list[Path], lang: str = "zh") -> Iterator[tuple[Path, Snapshot]]:
    """Each run folder with its analysis.json, one at a time (a province's is large: one held at once).

    NeedsError (exit 2) naming the folder, in lang: no folders; a folder without analysis.json, or
    whose analysis.json is no needscli's, damaged or of a newer needscli; the same run given twice
    (the same folder by two names, or a copy of its analysis.json). The folders are all looked at
    before the first is read.
    """
    if not folders:
        raise NeedsError(label("rollup.no_runs", lang))
    files = [run_file(folder, lang) for folder in folders]
    refuse_repeats([(folder.resolve(), folder) for folder in folders], lang, "rollup.same_folder")
    digests: list[tuple[str, Path]] = []
    for folder, path in zip(folders, files, strict=True):
        digests.append((hashlib.sha256(_read(path, folder, lang)).hexdigest(), folder))
        refuse_repeats(digests, lang)  # a run's folder copied elsewhere, given under both names
        yield folder, parse_run(path, folder, lang)


def run_file(folder: Path, lang: str = "zh") -> Path:
    """The folder's analysis.json; NeedsError where it has none (or is no folder)."""
    path = folder / SNAPSHOT
    if not folder.exists():
        raise NeedsError(label("rollup.no_folder", lang, folder=folder))
    if not path.is_file() and (path.is_dir() or not path.exists()):  # a device or a pipe is refused as it is read
        run = hand_out_of(folder)
        if run is not None:  # by-unit/<unit> of a run: the run holds what is rolled up
            raise NeedsError(label("rollup.hand_out_not_run", lang, folder=folder, run=run))
        if folder.name == "snapshot" and (folder.parent / SNAPSHOT).is_file():  # a run's snapshot/: the run is above
            raise NeedsError(label("rollup.snapshot_not_run", lang, folder=folder, run=folder.parent))
        tables = [folder / name for name in ROLLUP_RUNS if (folder / name).is_file()]
        if (folder / ROLLUP_BOOK).is_file() and tables:  # a roll-up's: no cadre's rows to roll up again
            runs = _rolled_runs(tables[0])
            if not runs:
                raise NeedsError(label("rollup.of_rollup_unnamed", lang, folder=folder))
            raise NeedsError(label("rollup.of_rollup", lang, folder=folder, runs=label("list_joiner", lang).join(runs)))
        raise NeedsError(label("rollup.not_a_run", lang, folder=folder))
    return path


# what a roll-up's folder holds (reports/rollup_report.py): its workbook, and the table of the runs it combined, as
# Parquet where pyarrow is installed, else as CSV
ROLLUP_BOOK = "rollup.xlsx"
ROLLUP_RUNS = ("runs.parquet", "runs.csv")


def _rolled_runs(path: Path) -> list[str]:
    """The run folders a roll-up's runs table names ([] where it cannot be read)."""
    try:
        if path.suffix == ".csv":
            import csv

            with open(path, encoding="utf-8-sig", newline="") as handle:
                return [row["folder"] for row in csv.DictReader(handle) if row.get("folder")]
        import pyarrow.parquet as pq  # type: ignore[import-untyped, unused-ignore]

        return [str(f) for f in pq.read_table(path, columns=["folder"]).column("folder").to_pylist()]
    except Exception:  # noqa: BLE001 - a damaged table only leaves the folders unnamed
        return []


K = TypeVar("K")


def refuse_repeats(keyed: list[tuple[K, Path]], lang: str = "zh", said: str = "rollup.same_run") -> None:
    """NeedsError for the second folder of a key seen before (the same folder, or the same analysis.json), said with
    the label said; a folder given twice as it was written, said so."""
    first: dict[K, Path] = {}
    for key, folder in keyed:
        if key in first:
            if folder == first[key]:
                raise NeedsError(label("rollup.given_twice", lang, folder=folder))
            raise NeedsError(label(said, lang, folder=folder, first=first[key]))
        first[key] = folder


def _read(path: Path, folder: Path, lang: str) -> bytes:
    try:
        return read_user_file(path, "saved analysis", str(path))
    except OSError as exc:
        raise NeedsError(label("rollup.damaged_run", lang, folder=folder, reason=exc.strerror or exc)) from None
    except NeedsError as exc:  # a device or a pipe in its place
        raise NeedsError(label("rollup.damaged_run", lang, folder=folder,
                               reason=_reason(exc.message, folder, lang))) from None


def parse_run(path: Path, folder: Path, lang: str = "zh") -> Snapshot:
    """The run saved in folder (its analysis.json, and the tables beside it from version 2 on) as a Snapshot;
    NeedsError naming the folder where it is none, or is damaged."""
    try:
        return read_snapshot(path, lang)
    except NeedsError as exc:
        raise _fault(path, folder, lang, _reason(exc.message, folder, lang)) from None


def _reason(message: str, folder: Path, lang: str) -> str:
    """What read_snapshot said is wrong with the run's analysis.json or a table of it, in lang, without the advice to
    run analyze again (the roll-up's message names the folder and gives the advice): a table it opens with named
    within the folder (snapshot/needs.parquet), analysis.json not named at all (the message names it)."""
    text = in_chinese(message) if lang == "zh" else message
    base = str(folder)
    for opening in ("：", ": "):
        head, found, rest = text.partition(opening)
        if found and head.startswith(base) and not any(c in head for c in "（( "):
            inner = head[len(base):].lstrip("/\\")
            text = rest if inner == SNAPSHOT else f"{inner}{opening}{rest}"
            break
    for advice in ("；请重新运行 needscli analyze", "; run needscli analyze again", "；请给出文件本身", "; give the file itself"):
        text = text.removesuffix(advice)
    return text


def _fault(path: Path, folder: Path, lang: str, reason: str) -> NeedsError:
    """What is wrong with a run folder read_snapshot() refused: no needscli output, a newer one, or damaged."""
    try:
        raw = json.loads(read_user_file(path, "saved analysis", str(path)))
    except (OSError, ValueError, RecursionError, NeedsError):
        raw = None
    if raw is None:
        return NeedsError(label("rollup.damaged_run", lang, folder=folder, reason=reason))
    if not isinstance(raw, dict) or not SNAPSHOT_KEYS <= raw.keys():
        return NeedsError(label("rollup.not_a_run", lang, folder=folder))
    if not isinstance(raw["version"], int) or raw["version"] > SNAPSHOT_VERSION:
        return NeedsError(label("rollup.newer_run", lang, folder=folder))
    return NeedsError(label("rollup.damaged_run", lang, folder=folder, reason=reason))
