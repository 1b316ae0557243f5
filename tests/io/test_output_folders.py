"""What an output folder is: a run's, inside one (its snapshot/, a hand-out folder), a roll-up's."""

from __future__ import annotations

from pathlib import Path

import pytest

from needscli.io.output_folders import Owner, hand_out_of, is_rollup, is_run, run_owning

RUN_INDEX = '{\n "version": 2,\n "as_of": "2026-11-01",\n "lang": "zh"\n}'


def make_run(folder: Path) -> Path:
    (folder / "snapshot").mkdir(parents=True)
    (folder / "analysis.json").write_text(RUN_INDEX, encoding="utf-8")
    return folder


def test_a_run_is_told_by_its_analysis_json_and_a_folder_in_it_names_it(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    run = make_run(tmp_path / "city")
    assert is_run(run) and not is_run(run / "snapshot") and not is_run(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert run_owning(Path("city")) == Owner(Path("city"), "")
    assert run_owning(Path("city/snapshot/new")) == Owner(Path("city"), "snapshot")
    assert run_owning(Path("city/by-unit/市财政局")) == Owner(Path("city"), "by-unit")
    assert run_owning(Path("city/by-organizer")) == Owner(Path("city"), "by-organizer")
    assert run_owning(Path("elsewhere")) is None
    monkeypatch.chdir(run / "snapshot")  # spelled with .. or as ".": named as found
    assert run_owning(Path(".")) == Owner(run.resolve(), "snapshot")
    assert run_owning(Path("../by-unit/x")) == Owner(run.resolve(), "by-unit")


def test_a_hand_out_folder_is_one_below_by_unit_or_by_organizer_of_a_run(tmp_path: Path) -> None:
    run = make_run(tmp_path / "city")
    assert hand_out_of(run / "by-unit" / "市财政局") == run
    assert hand_out_of(run / "by-organizer" / "市委管理") == run
    assert hand_out_of(run) is None and hand_out_of(run / "snapshot") is None
    assert hand_out_of(tmp_path / "by-unit" / "市财政局") is None  # no run around it


def test_an_analysis_json_of_another_program_makes_no_run(tmp_path: Path) -> None:
    (tmp_path / "analysis.json").write_text('{"model": "other"}', encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "analysis.json").mkdir()  # a folder of that name
    assert run_owning(tmp_path / "sub" / "out") is None


def test_a_rollup_is_told_by_its_workbook(tmp_path: Path) -> None:
    assert not is_rollup(tmp_path)
    (tmp_path / "rollup.xlsx").write_bytes(b"PK")
    assert is_rollup(tmp_path)
