"""The hostile files of issue #18 given to needscli in a child process: each ends with exit 2 and one line
naming the file, the sheet and how far its cells reach, never with a signal (an abort is exit 134 in a
shell, a negative return code here). How long each takes and its memory: benchmarks/hostile.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import run_needscli
from hostile.make_files import CASES, Case

# a guard only: a reader that stalls on a file fails the test here rather than hanging the run
TIMEOUT = 120


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each hostile file, written once for the module (the 100 MB CSV too: it takes a tenth of a second)."""
    folder = tmp_path_factory.mktemp("hostile")
    return {case.name: case.build(folder / case.name) for case in CASES}


def assert_refused(result: object, case: Case) -> None:
    returncode, stdout, stderr = result.returncode, result.stdout, result.stderr  # type: ignore[attr-defined]
    assert returncode >= 0, f"killed by signal {-returncode}: {stderr[-500:]}"
    assert (returncode, stdout) == (2, ""), stderr[-500:]
    assert stderr.startswith(f"Error: {case.says}") and stderr.count("\n") == 1, stderr[-500:]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_validate_refuses_the_file(built: dict[str, Path], case: Case) -> None:
    assert_refused(run_needscli("validate", built[case.name], timeout=TIMEOUT), case)


FIRST = {case.name: case for case in CASES}
OTHER_COMMANDS = ["far-cell.xlsx", "merged-copies.xlsx", "long-line.csv"]


@pytest.mark.parametrize("name", OTHER_COMMANDS)
def test_analyze_refuses_the_file(built: dict[str, Path], tmp_path: Path, name: str) -> None:
    result = run_needscli("analyze", built[name], "--as-of", "2026-11-01", "-o", tmp_path / "out", timeout=TIMEOUT)
    assert_refused(result, FIRST[name])
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("name", OTHER_COMMANDS)
def test_records_import_refuses_the_file(built: dict[str, Path], tmp_path: Path, name: str) -> None:
    result = run_needscli("records", "import", built[name], "--ledger", tmp_path / "ledger.db", timeout=TIMEOUT)
    assert_refused(result, FIRST[name])
    assert not (tmp_path / "ledger.db").exists()


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_the_refusal_is_said_in_chinese(built: dict[str, Path], case: Case) -> None:
    """A clerk reads why the file was refused, and which setting to change, in Chinese."""
    from needscli.wording import ASCII_SENTENCE

    result = run_needscli("validate", built[case.name], "--lang", "zh", timeout=TIMEOUT)
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr[-500:]
    assert result.stderr.startswith(f"错误：{case.name}"), result.stderr[-500:]
    assert not ASCII_SENTENCE.search(result.stderr), result.stderr[-500:]
    assert "limits." in result.stderr or "重叠" in result.stderr  # the setting to change, or why it is damaged
