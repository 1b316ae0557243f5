"""Symbolic links that lead round in a loop (loop1.xlsx -> loop2.xlsx -> loop1.xlsx) given as a roster, left in a
folder of units' rosters, or given as the output folder: each named as such, never an internal error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from builders import ROSTER_HEADER, load, make_workbook, roster, run_cli

from needscli.config import Config
from needscli.errors import ExitCode, NeedsError, OutputError
from needscli.io.files import read_sheets
from needscli.io.output_folders import run_owning

ZH: dict[str, str | None] = {"NEEDSCLI_LANG": "zh"}  # said before a roster's language is known: the locale's
LOOP_SAID = "是循环的符号链接（链接绕回自身），不指向任何文件"


def _loop(folder: Path, name: str = "loop1.xlsx", other: str = "loop2.xlsx") -> Path:
    folder.mkdir(exist_ok=True)
    (folder / name).symlink_to(other)
    (folder / other).symlink_to(name)
    return folder / name


def _units(tmp_path: Path) -> Path:
    """A folder of one unit's roster and a loop of links beside it."""
    folder = tmp_path / "rosters"
    folder.mkdir()
    make_workbook(folder, {"花名册": roster(["C01", "甲", "市财政局", "科员", "一级科员"])}, name="a.xlsx")
    _loop(folder)
    return folder


def test_a_loop_is_no_file_to_read(tmp_path: Path) -> None:
    from needscli.io.files import resolved

    loop = _loop(tmp_path)
    assert resolved(loop) == loop  # the spelling given: no RuntimeError
    with pytest.raises(NeedsError) as caught:
        read_sheets(loop, Config().limits)
    assert caught.value.message == ("loop1.xlsx: is a symbolic link that leads round in a loop (back to itself), so it "
                                    "names no file; give the file itself")
    with pytest.raises(NeedsError, match="loop1.xlsx: is a symbolic link that leads round in a loop"):
        load(loop)


def test_a_loop_in_a_folder_of_rosters_is_left_out_and_the_others_read(tmp_path: Path) -> None:
    folder = _units(tmp_path)
    inputs = load(*sorted(folder.iterdir()))
    assert [c.id for c in inputs.cadres] == ["C01"]
    assert [(p.code, p.file, p.severity) for p in inputs.problems] == [("link-loop", "loop1.xlsx", "error"),
                                                                       ("link-loop", "loop2.xlsx", "error")]
    assert inputs.problems[0].message == ("loop1.xlsx was not read: it is a symbolic link that leads round in a loop "
                                          "(back to itself), so it names no file")


@pytest.mark.parametrize("command", ["validate", "analyze"])
def test_the_cli_names_the_loop_and_reads_the_rest_of_the_folder(tmp_path: Path, command: str) -> None:
    args = ["-o", tmp_path / "out", "--as-of", "2026-11-01"] if command == "analyze" else []
    result = run_cli(command, _units(tmp_path), "--format", "json", *args)
    assert result.exit_code == ExitCode.PROBLEMS, result.output
    said = json.loads(result.stdout)
    assert said["counts"]["cadres" if command == "analyze" else "roster"] == 1
    assert [p["message"] for p in said["problems"] if p["code"] == "link-loop"] == [
        f"loop1.xlsx 未读取：它{LOOP_SAID}", f"loop2.xlsx 未读取：它{LOOP_SAID}"]


@pytest.mark.parametrize("command", ["validate", "analyze"])
def test_a_loop_given_as_the_roster_stops_the_run_as_an_unreadable_file_does(tmp_path: Path, command: str) -> None:
    args = ["-o", tmp_path / "out", "--as-of", "2026-11-01"] if command == "analyze" else []
    result = run_cli(command, _loop(tmp_path / "in"), *args, env=ZH)
    assert result.exit_code == ExitCode.INPUT_UNUSABLE
    assert result.stderr == f"错误：loop1.xlsx：{LOOP_SAID}；请给出文件本身\n"
    assert not (tmp_path / "out").exists()


def test_a_loop_given_as_the_output_folder_is_refused_before_anything_is_read(tmp_path: Path) -> None:
    loop = _loop(tmp_path, "out", "out2")
    with pytest.raises(OutputError, match="out: is a symbolic link that leads round in a loop"):
        run_owning(loop)
    rosters = make_workbook(tmp_path, {"花名册": [ROSTER_HEADER, ["C01", "甲", "市财政局", "科员", "一级科员"]]})
    result = run_cli("analyze", rosters, "--as-of", "2026-11-01", "-o", loop, env=ZH)
    assert result.exit_code == ExitCode.OUTPUT_FAILED
    assert result.stderr == f"错误：{loop}：是循环的符号链接（链接绕回自身），不指向任何文件夹，无法写入；请另选输出文件夹\n"
