"""A whole run of analyze as one library call: read, find needs, form classes, write every output."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .config import Config
from .errors import NeedsError
from .pipeline import Analysis, Progress, analyze, plan_classes

if TYPE_CHECKING:
    from .classes import Plan


@dataclass
class Job:
    """Everything one analyze run needs, from the command line and/or needscli.toml."""

    rosters: list[Path]
    config: Config = field(default_factory=Config)
    extra: dict[str, Path | None] = field(default_factory=dict)
    mapping: dict[str, dict[str, str]] = field(default_factory=dict)
    output: Path = Path("needscli-out")
    as_of: dt.date | None = None
    lang: str = "auto"
    strict: bool = False
    plan_start: dt.date | None = None
    periods: int | None = None
    split_by: str | None = None
    pseudonym_key: bytes | None = None
    ledger: Path | None = None


@dataclass
class RunResult:
    analysis: Analysis
    plan: Plan
    outputs: list[Path]


class StrictError(NeedsError):
    """--strict and the inputs had problems: nothing was written."""


def run_job(job: Job, progress: Progress | None = None) -> RunResult:
    """Analyze, form classes, write all outputs (and the split hand-outs); raises NeedsError."""
    from .reports import start_needs_csv, write_all
    from .split import split_staged

    analysis, _ = analyze(job.rosters, job.config, extra=job.extra, as_of=job.as_of, lang=job.lang,
                          mapping=job.mapping, progress=progress, pseudonym_key=job.pseudonym_key,
                          ledger=job.ledger)
    early = None
    try:
        # needs.csv is written beside the forming of classes (not under --strict: it may write nothing)
        early = None if job.strict else start_needs_csv(analysis, job.output)
        start = time.perf_counter()
        if progress:
            progress("forming classes", 0, 0)
        plan = plan_classes(analysis, job.plan_start, job.periods)
        analysis.problems.extend(plan.problems)
        analysis.timings["classes"] = time.perf_counter() - start
        if job.strict and analysis.problems:
            raise StrictError(f"{len(analysis.problems)} data problem(s) and --strict: nothing written",
                              problems=analysis.problems)
        start = time.perf_counter()
        if progress:
            progress("writing reports", 0, 0)
        if job.split_by:  # the hand-outs and the main outputs land together or not at all
            with split_staged(analysis, plan, job.output, job.split_by) as split_outputs:
                outputs = write_all(analysis, plan, job.output, early=early)
            outputs += split_outputs
        else:
            outputs = write_all(analysis, plan, job.output, early=early)
    except BaseException:
        if early is not None:
            try:
                early.stop()
            finally:
                early.unmake_folder()
        raise
    analysis.timings["write"] = time.perf_counter() - start
    return RunResult(analysis, plan, outputs)
