"""The outputs made of the analysis alone (needs.csv, the Parquet files of ANALYSIS_TABLES) are written by a second
process while classes are formed: the same files, byte for byte, and the same list of outputs as one process
writing everything after the plan."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from builders import SAMPLES

from needscli.config import Config, LimitsConfig
from needscli.pipeline import Job, analyze, run_job
from needscli.reports import ALL_FORMATS, start_early_outputs
from needscli.reports.files import staged
from needscli.reports.parquet import ANALYSIS_TABLES, PARQUET_FILES

AS_OF = dt.date(2026, 11, 1)


def _run(out: Path, processes: int, formats: frozenset[str]) -> list[Path]:
    config = Config().model_copy(update={"limits": LimitsConfig(write_processes=processes)})
    return run_job(Job(rosters=[SAMPLES], config=config, output=out, as_of=AS_OF, formats=formats)).outputs


@pytest.mark.parametrize("formats", [ALL_FORMATS, frozenset({"parquet"}), frozenset({"csv", "xlsx"})],
                         ids=["all", "parquet", "csv-xlsx"])
def test_written_beside_the_plan_or_after_it_the_files_are_the_same(tmp_path: Path, formats: frozenset[str]) -> None:
    alone = _run(tmp_path / "one", 1, formats)
    beside = _run(tmp_path / "two", 2, formats)
    assert [p.relative_to(tmp_path / "two") for p in beside] == [p.relative_to(tmp_path / "one") for p in alone]
    names = [p.name for p in alone]
    if "parquet" in formats:
        at = names.index(PARQUET_FILES[0])
        assert names[at:at + len(PARQUET_FILES)] == list(PARQUET_FILES)  # together, in their order
    for path in alone:
        if path.suffix in {".csv", ".parquet"}:
            assert (tmp_path / "two" / path.name).read_bytes() == path.read_bytes(), path.name


def test_the_early_writer_takes_the_analysis_files_only(tmp_path: Path) -> None:
    analysis, _ = analyze([SAMPLES], Config(), as_of=AS_OF)
    early = start_early_outputs(analysis, tmp_path, ALL_FORMATS)
    assert early is not None
    try:
        with staged() as stage:
            written = early.collect(stage)
            assert [p.name for p in written] == ["needs.csv", *(f"{t}.parquet" for t in ANALYSIS_TABLES)]
            assert not any((tmp_path / p.name).exists() for p in written)  # staged until the whole set is done
            stage.commit()
        assert all(p.is_file() for p in written)
    finally:
        early.close()
    assert start_early_outputs(analysis, tmp_path, frozenset({"xlsx"})) is None  # nothing of the analysis alone
    single = analysis.config.model_copy(update={"limits": LimitsConfig(write_processes=1)})
    assert start_early_outputs(dataclasses.replace(analysis, config=single), tmp_path) is None
