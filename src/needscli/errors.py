"""Problems (one fault at one place, collected), NeedsError (the run cannot go on), and pydantic's faults as Problems."""

from __future__ import annotations

import datetime as dt
import re
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import IntEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # annotations only: importing errors does not load pydantic
    from pydantic import ValidationError
    from pydantic_core import ErrorDetails


class ExitCode(IntEnum):
    """Documented process exit codes."""

    OK = 0
    PROBLEMS = 1
    INPUT_UNUSABLE = 2
    OUTPUT_FAILED = 3
    INTERNAL = 4  # a fault of needscli's own, never of the input: a batch job tells it from bad input by the code


@dataclass(frozen=True, slots=True)
class Problem:
    """One fault in one place of one input. Names the cell, never the person."""

    code: str
    message: str
    file: str = ""
    sheet: str = ""
    row: int | None = None
    column: str = ""
    cell: str = ""
    expected: str = ""
    severity: str = "error"  # "error": the row was skipped; "warning": the row was kept

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity,
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "cell": self.cell,
            "expected": self.expected,
            "message": self.message,
        }


@dataclass
class NeedsError(Exception):
    """The run cannot go on. The message says what to do next."""

    message: str
    exit_code: ExitCode = ExitCode.INPUT_UNUSABLE
    problems: list[Problem] = field(default_factory=list)
    lang: str = ""  # the language of the input it was found in, where known ("zh", "en")
    not_listed: int = 0  # problems found past those in problems (PROBLEMS_KEPT), counted only

    def __str__(self) -> str:
        return self.message


class OutputError(NeedsError):
    """An output could not be written; nothing partial was left behind."""

    def __init__(self, message: str) -> None:
        super().__init__(message, ExitCode.OUTPUT_FAILED)


# pydantic's error types with a code of their own; every other type is a value of the wrong kind
_CODES = {"missing": "missing-key", "extra_forbidden": "unknown-key"}
_SCALARS = (str, int, float, bool)
LISTED = 20  # problems named one by one in a NeedsError's message
# the problems of one file's check kept (in a NeedsError, --format json's error), past them counted only: a config
# of 500,000 unknown keys made as many Problems (20 s, 800 MB) for a message naming 20 of them
PROBLEMS_KEPT = 1000


def validation_problems(exc: ValidationError, file: str = "", *, at: tuple[str | int, ...] = (),
                        show_input: bool = True, added: Mapping[str, int] | None = None) -> list[Problem]:
    """One Problem per fault pydantic found, each naming its key path (below the keys at, where the
    validated data sits in the file); show_input=False leaves the values out (files with personal data).
    added: of a list validated with entries put before the file's own (the built-in ladder before its [[levels]]),
    how many, so that an entry is counted as the file counts it."""
    return validation_faults(exc, file, at=at, show_input=show_input, added=added)[0]


def validation_faults(exc: ValidationError, file: str = "", *, at: tuple[str | int, ...] = (),
                      show_input: bool = True, added: Mapping[str, int] | None = None,
                      most: int | None = None) -> tuple[list[Problem], int]:
    """validation_problems' Problems, the first most of them where given, and how many more there are."""
    errors = _untagged(exc.errors(include_url=False))
    kept = errors if most is None else errors[:most]
    if added:
        kept = [{**error, "loc": _counted_in_file(tuple(error["loc"]), added)} for error in kept]
    return [_validation_problem(error, file, at, show_input) for error in kept], len(errors) - len(kept)


def validation_error(exc: ValidationError, file: str = "", *, at: tuple[str | int, ...] = (),
                     added: Mapping[str, int] | None = None) -> NeedsError:
    """The NeedsError of a file's faults pydantic found (problems_error), the first PROBLEMS_KEPT of them kept."""
    problems, more = validation_faults(exc, file, at=at, added=added, most=PROBLEMS_KEPT)
    return problems_error(problems, more)


def unknown_keys(model: type[Any], data: object, file: str, most: int,
                 added: Mapping[str, int] | None = None) -> tuple[list[Problem], int] | None:
    """Where data holds more than most keys model forbids (extra="forbid", its sections' and their lists' too):
    the first most, as pydantic's check would say them, and how many more; None where it holds fewer, for the check
    to say them with the rest. Found before the check, which lists every fault: a file of 500,000 unknown keys is
    refused in a fraction of its time and memory. added: as for validation_problems."""
    found: list[tuple[str | int, ...]] = []
    count = _count_unknown(model, data, (), found, most)
    if count <= most:
        return None
    return [_validation_problem(typing.cast("ErrorDetails", {"type": "extra_forbidden", "msg": "", "input": None,
                                                            "loc": _counted_in_file(loc, added or {})}),
                                file, (), False) for loc in found], count - len(found)


def _count_unknown(model: type[Any], data: object, loc: tuple[str | int, ...], found: list[tuple[str | int, ...]],
                   most: int) -> int:
    """How many keys of data model forbids, below loc; the first most of them put in found."""
    if not isinstance(data, Mapping) or model.model_config.get("extra") != "forbid":
        return 0
    fields, count = model.model_fields, 0
    for key, value in data.items():
        info = fields.get(key)
        if info is None:
            count += 1
            if len(found) < most:
                found.append((*loc, key))
            continue
        inner = _model_of(info.annotation)
        if inner is not None and isinstance(value, list) and typing.get_origin(info.annotation) is list:
            for n, item in enumerate(value):
                count += _count_unknown(inner, item, (*loc, key, n), found, most)
        elif inner is not None:
            count += _count_unknown(inner, value, (*loc, key), found, most)
    return count


def _model_of(annotation: Any) -> type[Any] | None:
    """The pydantic model of a field of a model or a list of models, else None."""
    if typing.get_origin(annotation) is list:
        annotation = typing.get_args(annotation)[0]
    return annotation if isinstance(annotation, type) and hasattr(annotation, "model_fields") else None


def _counted_in_file(loc: tuple[str | int, ...], added: Mapping[str, int]) -> tuple[str | int, ...]:
    if len(loc) > 1 and isinstance(loc[0], str) and isinstance(loc[1], int) and loc[1] >= added.get(loc[0], 0):
        return (loc[0], loc[1] - added.get(loc[0], 0), *loc[2:])
    return loc


# how pydantic names the member of a union it tried, in an error's place: roster = 5 is wrong at
# inputs.roster.list[str] and at inputs.roster.str; the file has the key inputs.roster only
_TAG = re.compile(r"(?:list|dict|set|tuple|frozenset|literal|function-\w+|is-instance|lax-or-strict|json-or-python)\[.*\]"
                  r"|str|int|float|bool|none|date|datetime|constrained-\w+", re.DOTALL)


def _tag_at(loc: tuple[str | int, ...]) -> int | None:
    """Where in an error's place a union member's tag stands (not first), or None."""
    return next((n for n, part in enumerate(loc) if n and isinstance(part, str) and _TAG.fullmatch(part)), None)


def _untagged(errors: list[ErrorDetails]) -> list[ErrorDetails]:
    """The errors at the keys of the file: a union's errors, each at a member's tag, as one error at the key
    ("Input should be a valid list or a valid string"), or where the value is of one member's kind (a list) and
    wrong inside, that member's errors only; the tags taken out of every place."""
    out: list[ErrorDetails] = []
    unions: dict[tuple[str | int, ...], list[ErrorDetails]] = {}
    for error in errors:
        loc = tuple(error["loc"])
        cut = _tag_at(loc)
        if cut is None:
            out.append(error)
            continue
        if loc[:cut] not in unions:
            unions[loc[:cut]] = []
            out.append(error)  # its place in the order; replaced below
        unions[loc[:cut]].append(error)
    said: list[ErrorDetails] = []
    for error in out:
        loc = tuple(error["loc"])
        cut = _tag_at(loc)
        if cut is None:
            said.append(error)
            continue
        group = unions[loc[:cut]]
        deeper = [e for e in group if len(e["loc"]) > cut + 1]
        if deeper:
            said += [{**e, "loc": tuple(p for n, p in enumerate(e["loc"]) if not (
                n and isinstance(p, str) and _TAG.fullmatch(p)))} for e in deeper]
            continue
        wants = [e["msg"].removeprefix("Input should be ") for e in group]
        said.append({**group[0], "loc": loc[:cut], "msg": "Input should be " + " or ".join(dict.fromkeys(wants))})
    return said


def _validation_problem(error: ErrorDetails, file: str, at: tuple[str | int, ...], show_input: bool) -> Problem:
    key = ".".join(str(part) for part in (*at, *error["loc"]))
    kind = error["type"]
    code = _CODES.get(kind, "bad-value")
    if code == "missing-key":
        what, expected = "required key is missing", "a value for this key"
    elif code == "unknown-key":
        what, expected = "unknown key; check its spelling and its [section]", "a known key"
    else:
        what = error["msg"].removeprefix("Value error, ")
        expected = what.removeprefix("Input should be ") if what.startswith("Input should be ") else ""
        what += _shown(error.get("input"), show_input)
    return Problem(code=code, file=file, column=key, expected=expected, message=f"{key}: {what}" if key else what)


def _shown(value: Any, show_input: bool) -> str:
    if show_input and isinstance(value, dt.date):  # a TOML date, as written there: as_of = 3026-01-01
        return f" (got {value.isoformat()})"
    if show_input and isinstance(value, str) and len(value) > SHOWN_MOST:  # 10,000 characters as an office's name
        return f" (got {value[:SHOWN_MOST]!r}…)"
    return f" (got {value!r})" if show_input and isinstance(value, _SCALARS) else ""


SHOWN_MOST = 60  # characters of a refused text value a message shows


def problems_error(problems: Sequence[Problem], not_listed: int = 0) -> NeedsError:
    """A NeedsError carrying problems; its message names them, one 'file: message' a line, and how many more there
    are, of them and of the not_listed found past them."""
    lines = [f"{p.file}: {p.message}" if p.file else p.message for p in problems[:LISTED]]
    if len(problems) + not_listed > LISTED:
        lines.append(f"... and {len(problems) + not_listed - LISTED} more")
    return NeedsError("\n".join(lines), problems=list(problems), not_listed=not_listed)
