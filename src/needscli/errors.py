"""Problems (one fault at one place, collected) and NeedsError (the run cannot go on)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum


class ExitCode(IntEnum):
    """Documented process exit codes."""

    OK = 0
    PROBLEMS = 1
    INPUT_UNUSABLE = 2
    OUTPUT_FAILED = 3


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

    def location(self) -> str:
        """Human-readable place: file, sheet, cell."""
        parts = [p for p in (self.file, self.sheet) if p]
        if self.cell:
            parts.append(self.cell)
        elif self.row is not None:
            parts.append(f"row {self.row}")
        return " / ".join(parts)

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

    def __str__(self) -> str:
        return self.message


class OutputError(NeedsError):
    """An output could not be written; nothing partial was left behind."""

    def __init__(self, message: str) -> None:
        super().__init__(message, ExitCode.OUTPUT_FAILED)
