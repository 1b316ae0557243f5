"""Workbooks read in the background at start-up: the same sheets, never a check skipped, never stale."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import make_needs_workbook, run_needscli
from test_files import HOSTILE, write_hostile

from needscli import prefetch
from needscli.config import LimitsConfig
from needscli.errors import NeedsError
from needscli.io.files import read_sheets


@pytest.fixture(autouse=True)
def fresh() -> Iterator[None]:
    prefetch.reset()
    yield
    prefetch.reset()


def as_plain(sheets: list[object]) -> list[tuple[str, list[list[object]]]]:
    return [(s.name, s.rows) for s in sheets]  # type: ignore[attr-defined]


def test_sheets_read_in_the_background_are_those_read_in_the_foreground(tmp_path: Path) -> None:
    path = make_needs_workbook(tmp_path)
    plain = as_plain(read_sheets(path, LimitsConfig()))
    prefetch.start(["analyze", str(path), "-o", str(tmp_path / "out.xlsx"), "--as-of", "2026-11-01"])
    early = prefetch.take(path)
    assert early is not None and early == plain
    assert prefetch.take(path) is None  # taken once: a second read reads the file again
    prefetch.start(["analyze", str(path)])
    assert as_plain(read_sheets(path, LimitsConfig())) == plain
    assert prefetch.take(path) is None  # read_sheets took it


@pytest.mark.parametrize("args", [["records", "x.xlsx"], ["--help"], []])
def test_only_analyze_and_validate_read_ahead(tmp_path: Path, args: list[str]) -> None:
    path = make_needs_workbook(tmp_path)
    prefetch.start([a.replace("x.xlsx", str(path)) for a in args])
    assert prefetch.take(path) is None


def test_a_file_changed_since_is_read_again(tmp_path: Path) -> None:
    path = make_needs_workbook(tmp_path)
    prefetch.start(["validate", str(path)])
    before = prefetch._reads[os.path.realpath(path)]
    before.done.wait()
    make_needs_workbook(tmp_path, name=path.name, cadres=[["009", "王五", "市财政局", "科员", "一级科员"]])
    os.utime(path, ns=(before.stamp[3] + 10**9, before.stamp[3] + 10**9))
    assert prefetch.take(path) is None
    assert "王五" in str(read_sheets(path, LimitsConfig())[0].rows)


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the background thread gave to the parser."""
    calls: list[str] = []
    real = prefetch._parse

    def spy(path: str) -> list[tuple[str, list[list[object]]]]:
        calls.append(path)
        return real(path)

    monkeypatch.setattr(prefetch, "_parse", spy)
    return calls


def settle(path: Path) -> None:
    read = prefetch._reads.get(os.path.realpath(path))
    if read is not None:
        read.done.wait()


@pytest.mark.parametrize(("name", "build", "message"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_files_are_refused_as_before(tmp_path: Path, name: str, build: Callable[[Path], bytes],
                                             message: str, parsed: list[str]) -> None:
    path = write_hostile(tmp_path, name, build)
    prefetch.start(["analyze", str(path)])
    settle(path)
    if "refused" in message:  # the checks come first: no parser saw the file
        assert parsed == []
    with pytest.raises(NeedsError) as info:
        read_sheets(path, LimitsConfig())
    assert str(info.value) == message


@pytest.mark.parametrize("option", ["--config", "--project"])
def test_the_runs_own_limits_apply_before_parsing(tmp_path: Path, parsed: list[str], option: str) -> None:
    path = make_needs_workbook(tmp_path)
    config = tmp_path / "strict.toml"
    config.write_text("[limits]\nmax_zip_members = 3\n", encoding="utf-8")
    prefetch.start(["analyze", str(path), option, str(config)])
    settle(path)
    assert parsed == []  # more parts than these limits allow: never parsed
    with pytest.raises(NeedsError, match="parts, more than any workbook should"):
        read_sheets(path, LimitsConfig(max_zip_members=3))
    prefetch.reset()
    prefetch.start(["analyze", str(path), f"{option}={tmp_path / 'missing.toml'}"])
    settle(path)
    assert parsed == []  # limits that cannot be read: nothing read ahead
    loose = tmp_path / "loose.toml"
    loose.write_text("[limits]\nmax_zip_members = 99999\n", encoding="utf-8")
    prefetch.start(["analyze", str(path), option, str(loose)])
    settle(path)
    assert parsed == [os.path.realpath(path)]


def test_the_sheets_read_ahead_are_the_ones_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import python_calamine

    path = make_needs_workbook(tmp_path)
    plain = as_plain(read_sheets(path, LimitsConfig()))
    prefetch.start(["analyze", str(path)])
    settle(path)

    def refused(*_: object) -> None:
        raise AssertionError("read again")

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", refused)
    assert as_plain(read_sheets(path, LimitsConfig())) == plain


def test_the_default_limits_are_those_of_the_config() -> None:
    defaults = LimitsConfig()
    assert (prefetch.MAX_ZIP_MEMBERS, prefetch.MAX_UNCOMPRESSED_BYTES, prefetch.MAX_COMPRESSION_RATIO) == (
        defaults.max_zip_members, defaults.max_uncompressed_bytes, defaults.max_compression_ratio)


@pytest.mark.parametrize(("value", "reads"), [("1", False), ("yes", False), ("0", True), ("", True)])
def test_reading_ahead_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str,
                                         reads: bool) -> None:
    monkeypatch.setenv("NEEDSCLI_NO_PREFETCH", value)
    path = make_needs_workbook(tmp_path)
    prefetch.start(["analyze", str(path)])
    assert (prefetch.take(path) is not None) == reads


def test_the_program_reads_ahead_and_writes_the_same_outputs(tmp_path: Path) -> None:
    path = make_needs_workbook(tmp_path)
    runs = {}
    for env in ({}, {"NEEDSCLI_NO_PREFETCH": "1"}):
        out = tmp_path / f"out{len(runs)}"
        result = run_needscli("analyze", path, "-o", out, "--as-of", "2026-11-01", env=env)
        assert result.returncode in (0, 1), result.stderr
        runs[bool(env)] = {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.suffix in (".csv", ".json")}
    assert runs[True] == runs[False] and len(runs[True]) == 4
