"""Take records back out of the ledger: those imported from one file, of one cadre, of one class, or of any of
these together; a file none of whose records is left is forgotten, so importing it again adds them again."""

from __future__ import annotations

import hashlib
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from needscli.errors import NeedsError, OutputError
from needscli.labels import code_label, label
from needscli.records.store import DAMAGED, Ledger, TrainingRecord, count_unreadable, select_records
from needscli.text import folded_id, id_spellings

CODE_LENGTH = 12  # the characters of a source's sha256 a message lists it by
_CODE = re.compile(r"[0-9a-f]{8,64}")
LISTED = 10  # files named one by one in a message


@dataclass(frozen=True)
class ImportedSource:
    """One file imported into the ledger: its content's sha256, name, layout, import date and records held."""

    source_hash: str
    file: str
    kind: str
    imported_at: str
    records: int

    @property
    def code(self) -> str:
        """The first characters of its sha256, by which a message lists it and --source takes it."""
        return self.source_hash[:CODE_LENGTH]


@dataclass(frozen=True)
class SourceMatch:
    """The import --source named, and how it was found: "content" (the file's bytes as imported), "name" (the
    file is gone or changed since: the one import of that name) or "code" (the first characters of its sha256)."""

    source: ImportedSource
    how: str


@dataclass
class Removal:
    """The records a selection matched; removed: how many were taken out (0 on a dry run). sources: the files
    none of whose records is left (or would be), forgotten as imported."""

    records: list[TrainingRecord]
    removed: int = 0
    sources: list[str] = field(default_factory=list)
    dry_run: bool = False
    unreadable: int = 0  # records matched that cannot be read (store.record_faults), not among records: removed too


def imported_sources(ledger: Ledger) -> list[ImportedSource]:
    """Every file imported into the ledger, oldest first, with the records it holds (a source the records name
    but the sources table lacks is listed as well)."""
    rows = ledger.conn.execute(
        "SELECT s.source_hash, s.source_file, s.kind, s.imported_at, "
        "(SELECT count(*) FROM records r WHERE r.source_hash = s.source_hash) FROM sources s "
        "UNION ALL SELECT source_hash, MIN(source_file), '', MIN(imported_at), count(*) FROM records "
        "WHERE source_hash NOT IN (SELECT source_hash FROM sources) GROUP BY source_hash "
        "ORDER BY 4, 2, 1").fetchall()
    return [ImportedSource(*row) for row in rows]


def find_source(ledger: Ledger, given: Path, lang: str = "zh") -> SourceMatch:
    """The import of the file given: by its content (sha256, as imports store it); where the file is gone, by its
    name when one import has that name (a file there but changed may be another of the same name, another month's
    sheet: the message lists the import's code instead), else by a code a message listed. Raises NeedsError
    naming the imports of that name, or the files imported, when none is found."""
    known = imported_sources(ledger)
    digest = _digest(given)
    found = [s for s in known if s.source_hash == digest]
    if found:
        return SourceMatch(found[0], "content")
    named = [s for s in known if s.file == given.name]
    if len(named) == 1 and digest is None:  # gone (or unreadable): the one import of that name
        return SourceMatch(named[0], "name")
    code = str(given).lower()
    coded = [s for s in known if s.source_hash.startswith(code)] if _CODE.fullmatch(code) else []
    if not named and len(coded) == 1:
        return SourceMatch(coded[0], "code")
    joiner = label("list_joiner", lang)
    if named:
        candidates = joiner.join(_candidate(s, lang) for s in named)
        if len(named) == 1:  # the file given is there, and another than the one imported under its name
            raise NeedsError(label("records.remove.source_changed", lang, file=given.name, candidates=candidates))
        raise NeedsError(label("records.remove.source_ambiguous", lang, file=given.name, n=len(named),
                               candidates=candidates))
    latest = sorted(sorted(known, key=lambda s: s.file), key=lambda s: s.imported_at, reverse=True)
    names = list(dict.fromkeys(s.file for s in latest))
    imported = joiner.join(names[:LISTED]) + (label("records.more_classes", lang) if len(names) > LISTED else "")
    raise NeedsError(label("records.remove.source_unknown", lang, file=given.name,
                           imported=imported or label("records.remove.none_imported", lang)))


def _candidate(source: ImportedSource, lang: str) -> str:
    """An import as a message lists it: its code, import date, layout and records; without the layout where the
    sources table lacks it (the records name the source, the table does not)."""
    if not source.kind:
        return label("records.remove.candidate_kindless", lang, code=source.code, date=source.imported_at,
                     n=source.records)
    return label("records.remove.candidate", lang, code=source.code, date=source.imported_at,
                 kind=code_label("records_kind", source.kind, lang), n=source.records)


def _digest(path: Path) -> str | None:
    """The sha256 of the file's bytes, as imports.read_records_file stores it; None where it cannot be read."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None
    except OSError:
        return None


def remove_records(ledger: Ledger, *, source_hash: str | None = None, cadre_id: str | None = None,
                   class_id: str | None = None, dry_run: bool = False) -> Removal:
    """Remove the records matching every selector given (a blank one is not given), and the sources none of
    whose records is left, in one transaction; dry_run: only find them. A cadre id or class is taken as typed
    (the ledger keeps ids as the sheets wrote them: a full-width Ｃ７ is not C7, full_width_hint says what it
    folds to); a cadre id that is a 身份证号 matches its check digit x in either case. Raises ValueError without a
    selector, OutputError where the ledger cannot be written (nothing is changed)."""
    where, params = _where(source_hash, cadre_id, class_id)
    if dry_run:
        records = select_records(ledger, where, params)
        return Removal(records, sources=list(_emptied(ledger, where, params).values()), dry_run=True,
                       unreadable=count_unreadable(ledger, where, params))
    try:
        with ledger.transaction():
            records = select_records(ledger, where, params)
            unreadable = count_unreadable(ledger, where, params)
            emptied = _emptied(ledger, where, params)
            removed = _delete(ledger, where, params, list(emptied))
    except sqlite3.Error as exc:  # locked, read-only, disk full: the transaction was rolled back
        if getattr(exc, "sqlite_errorname", "") in DAMAGED:
            raise  # a damaged ledger: an input fault (store.ledger_faults), not the output's
        raise OutputError(f"{ledger.path or 'ledger'}: could not be written ({exc}); nothing was changed") from None
    return Removal(records, removed, list(emptied.values()), unreadable=unreadable)


def _where(source_hash: str | None, cadre_id: str | None, class_id: str | None) -> tuple[str, dict[str, object]]:
    """The WHERE clause (and its parameters) of the records every selector given matches."""
    clauses: list[str] = []
    params: dict[str, object] = {}
    if source_hash and source_hash.strip():
        clauses.append("source_hash = :source")
        params["source"] = source_hash.strip()
    for column, given in (("cadre_id", cadre_id), ("class_id", class_id)):
        if given and given.strip():
            spellings = id_spellings(given.strip())  # as typed: a mistyped Ｃ７ is never taken for C7
            clauses.append(f"{column} IN ({', '.join(f':{column}{i}' for i in range(len(spellings)))})")
            params.update({f"{column}{i}": s for i, s in enumerate(spellings)})
    if not clauses:
        raise ValueError("give at least one of source_hash, cadre_id and class_id")
    return " AND ".join(clauses), params


def full_width_hint(given: str | None) -> str | None:
    """The id or class asked for, folded (NFKC: full-width Ｃ００４ typed with a Chinese input method is C004) where
    that differs from it as typed, else None: what a clerk whose full-width id matched nothing may have meant."""
    if not given or not given.strip():
        return None
    folded = folded_id(given)
    return folded if folded != given.strip() else None


def _emptied(ledger: Ledger, where: str, params: dict[str, object]) -> dict[str, str]:
    """source hash -> file name, of the sources every record of which matches where (one that cannot be read too)."""
    taken = ledger.conn.execute(f"SELECT source_hash, MIN(source_file), count(*) FROM records WHERE {where} "
                                "GROUP BY source_hash ORDER BY MIN(source_file), source_hash", params).fetchall()
    out = {}
    for digest, name, n in taken:
        held = ledger.conn.execute("SELECT count(*) FROM records WHERE source_hash = ?", (digest,)).fetchone()[0]
        if held == n:
            out[digest] = name
    return out


def _delete(ledger: Ledger, where: str, params: dict[str, object], sources: list[str]) -> int:
    """Delete the records matching where, and the sources named; returns the records deleted. A module function
    so a test can make it fail midway through a removal."""
    removed = ledger.conn.execute(f"DELETE FROM records WHERE {where}", params).rowcount
    ledger.conn.executemany("DELETE FROM sources WHERE source_hash = ?", [(s,) for s in sources])
    return int(removed)
