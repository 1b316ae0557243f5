"""What an output folder is, told by the files in it and around it: a run's (analyze wrote its analysis.json there),
a folder inside a run's (its snapshot/, a hand-out folder by-unit/<unit>, by-organizer/<organizer> or by-host/<host>),
a roll-up's (rollup wrote its rollup.xlsx there). Asked before a command writes anything, so that no command writes into
another's folder; light, as it is asked before a run reads its roster."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import NamedTuple

from needscli.errors import OutputError
from needscli.io.files import LINK_LOOP, is_link_loop

SNAPSHOT = "analysis.json"  # a run's saved analysis: its index, and the mark of a run's folder
SNAPSHOT_DIR = "snapshot"  # the Parquet tables, beside analysis.json
ROLLUP_BOOK = "rollup.xlsx"  # the mark of a roll-up's folder
HAND_OUT_ROOTS = ("by-unit", "by-organizer", "by-host")  # where analyze --split-by unit|organizer|host writes them
# analysis.json as needscli writes it, of any version: an object whose first key is "version"
_RUN_INDEX = re.compile(rb'\A\s*\{\s*"version"\s*:')


class Owner(NamedTuple):
    """The run a folder belongs to: run, as the folder was spelled where it can be (else absolute); part: the
    folder of the run the folder is or is in (snapshot, by-unit ...), "" for the run's folder itself."""

    run: Path
    part: str

    @property
    def hand_out(self) -> bool:
        """The folder is one of the run's hand-out folders, or in one (or by-unit/, by-organizer/, by-host/ itself)."""
        return self.part in HAND_OUT_ROOTS

    @property
    def own_part(self) -> bool:
        """The folder is one the run's outputs fill (its snapshot/, its hand-outs), or in one."""
        return self.part == SNAPSHOT_DIR or self.hand_out


def is_run(folder: Path) -> bool:
    """Whether folder holds a run's analysis.json (needscli's, of any version)."""
    if not (folder / SNAPSHOT).is_file():  # none there, a folder of that name, a pipe that would be waited on
        return False
    try:
        with open(folder / SNAPSHOT, "rb") as handle:
            return bool(_RUN_INDEX.match(handle.read(64)))
    except OSError:  # none there, a folder of that name, no right to read it
        return False


def listed_outputs(folder: Path) -> dict[str, frozenset[str]]:
    """The files the run whose analysis.json is in folder says it wrote (its outputs), by the folder they are in,
    relative to folder: "" for folder itself, "by-unit/市财政局" for a hand-out folder; none where folder holds no
    run's analysis.json, or one that cannot be read."""
    if not is_run(folder):
        return {}
    try:
        outputs = json.loads((folder / SNAPSHOT).read_bytes()).get("outputs")
    except (OSError, ValueError, AttributeError):  # gone meanwhile, damaged, not an object
        return {}
    listed: dict[str, set[str]] = {}
    for name in outputs if isinstance(outputs, list) else ():
        if isinstance(name, str):
            place, _, file = name.rpartition("/")
            listed.setdefault(place, set()).add(file)
    return {place: frozenset(files) for place, files in listed.items()}


def listing_of(folder: Path) -> tuple[Path, str]:
    """Which analysis.json lists the files needscli wrote into folder, and under what place (listed_outputs): folder's
    own (""); for a hand-out folder (by-unit/<unit>, by-organizer/<organizer>, by-host/<host>), which holds none, its
    run's, under the hand-out folder's place in the run ("by-unit/<unit>")."""
    if folder.parent.name in HAND_OUT_ROOTS and not os.path.lexists(folder / SNAPSHOT):
        return folder.parent.parent, f"{folder.parent.name}/{folder.name}"
    return folder, ""


def run_owning(folder: Path) -> Owner | None:
    """The run that folder is, or is inside (its nearest parent that is a run), or None; OutputError (exit 3) where
    folder is a symbolic link leading round in a loop: nothing can be written there."""
    try:
        where = folder.resolve()
    except (OSError, RuntimeError):  # a loop of links (RuntimeError before Python 3.13), a name too long: as given
        if is_link_loop(folder):
            raise OutputError(f"{folder}: {LINK_LOOP}; choose another output folder") from None
        where = Path(os.path.abspath(folder))
    for up, place in enumerate((where, *where.parents)):
        if is_run(place):
            inside = where.relative_to(place).parts
            return Owner(_as_given(folder, place, up), inside[0] if inside else "")
    return None


def hand_out_of(folder: Path) -> Path | None:
    """The run whose hand-out folder (by-unit/<unit>, by-organizer/<organizer>, by-host/<host>) folder is, or None."""
    owner = run_owning(folder)
    return owner.run if owner is not None and owner.hand_out and not is_run(folder) else None


def is_rollup(folder: Path) -> bool:
    """Whether needscli rollup wrote its outputs into folder (its rollup.xlsx is there)."""
    return (folder / ROLLUP_BOOK).is_file()


def _as_given(folder: Path, run: Path, up: int) -> Path:
    """run, the folder up levels above folder, spelled as folder was given where that spelling leads there (a
    relative path without .. or links on the way), else as found (absolute)."""
    given = Path(os.path.normpath(folder))
    for _ in range(up):
        given = given.parent
    if given in (Path("."), Path("..")) or ".." in given.parts:
        return run
    try:
        return given if given.resolve() == run else run
    except (OSError, RuntimeError):  # a loop of links
        return run
