"""Hand-outs per unit or organizer: folder names made from unit names that fit every file system, and
a split written all or nothing, together with the main outputs."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from builders import (
    ALL_UNIT_IDS,
    HAND_OUTS,
    NEEDS_AS_OF,
    SAMPLES,
    SMALL_CLASSES,
    UNIT_HEADER,
    UNIT_IDS,
    UNIT_NAMES,
    csv_ids,
    csv_records,
    make_config,
    make_workbook,
    run_analyze,
    run_cli,
    sheet_records,
    unit_cadres,
)
from click.testing import Result

from needscli.config import Config
from needscli.core.ranking import rank_topics_both
from needscli.errors import OutputError
from needscli.pipeline import analyze, plan_classes
from needscli.reports import split
from needscli.reports.split import (
    NAME_BYTES,
    NAME_UNITS,
    folder_name,
    folder_names,
    subset_analysis,
)

LONG_UNIT = "市" + "很长的单位名称" * 40  # 841 bytes in UTF-8: far over any system's 255
UNITS = ["市财政局", "市税务局", "城关镇", LONG_UNIT]
LEADERS = {f"U{n}01" for n in range(len(UNIT_NAMES))}  # 县处级副职: organized by 市委管理, the rest by 县委管理
WINDOWS_ILLEGAL = set('<>:"/\\|?*') | {chr(c) for c in range(32)}
RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(10)), *(f"LPT{n}" for n in range(10))}


def reserved_on_windows(name: str) -> bool:
    return name.partition(".")[0].rstrip(" ").upper() in RESERVED


def fits_everywhere(name: str) -> bool:
    return (0 < len(name.encode("utf-8")) <= 255 and len(name.encode("utf-16-le")) // 2 <= 255
            and not WINDOWS_ILLEGAL & set(name) and name[-1] not in " ." and name not in (".", "..")
            and not reserved_on_windows(name))


# --- the folder name of a unit or organizer -------------------------------------------------------

def test_a_long_name_is_cut_on_a_character_boundary_and_ends_in_a_hash_of_the_whole() -> None:
    name = folder_name(LONG_UNIT)
    head, _, digest = name.rpartition("~")
    assert fits_everywhere(name)
    assert len(name.encode("utf-8")) <= NAME_BYTES and len(name) <= NAME_UNITS
    assert LONG_UNIT.startswith(head) and len(head) >= 30  # readable: the start of the unit's name
    assert re.fullmatch("[0-9a-f]{8}", digest)
    assert name == "市很长的单位名称很长的单位名称很长的单位名称很长的单位名称很长的单位名称很~62ac26e4"  # stable across runs


def test_two_long_names_alike_in_their_first_hundreds_of_characters_stay_apart() -> None:
    first, second = LONG_UNIT + "一处", LONG_UNIT + "二处"
    assert folder_name(first) != folder_name(second)
    assert folder_name(first).rpartition("~")[0] == folder_name(second).rpartition("~")[0]


@pytest.mark.parametrize("text", ["😀" * 100, "a" * 300, "é" * 200, "ab" + "\u0301" * 300, "x. " * 100])
def test_any_long_name_fits(text: str) -> None:
    name = folder_name(text)
    assert fits_everywhere(name)
    assert len(name.encode("utf-8")) <= NAME_BYTES and len(name.encode("utf-16-le")) // 2 <= NAME_UNITS


@pytest.mark.parametrize(("text", "expected"), [
    ("CON", "CON_"), ("con", "con_"), ("Aux", "Aux_"), ("NUL", "NUL_"), ("PRN", "PRN_"), ("COM1", "COM1_"),
    ("lpt9", "lpt9_"), ("aux.txt", "aux_.txt"), ("NUL.tar.gz", "NUL_.tar.gz"), ("com1 .txt", "com1 _.txt"),
    ("CONIN$", "CONIN$_"), ("COM¹", "COM¹_"),
    ("CONSOLE", "CONSOLE"), ("COM10", "COM10"), ("console.txt", "console.txt"), ("市财政局", "市财政局"),
])
def test_windows_device_names_are_not_used(text: str, expected: str) -> None:
    assert folder_name(text) == expected
    assert not reserved_on_windows(folder_name(text))


@pytest.mark.parametrize(("text", "expected"), [
    ('a<b>c:d"e/f\\g|h?i*j\x01k', "a_b_c_d_e_f_g_h_i_j_k"),
    ("财政局/预算科", "财政局_预算科"),
    ("财政局. ", "财政局"),
    (" .hidden", "hidden"),
    ("...", "_"),
    ("", "_"),
    ("..", "_"),
    ("-2+3", "_2+3"), ("--rf", "_-rf"), (" -x", "_x"), ("a-b", "a-b"),  # no option to a script's command
])
def test_characters_windows_refuses_and_trailing_dots_and_spaces(text: str, expected: str) -> None:
    assert folder_name(text) == expected
    assert fits_everywhere(folder_name(text))


def test_names_stay_unique_where_case_does_not_count_and_do_not_depend_on_order() -> None:
    texts = ["a/b", "a_b", "ABC", "abc", "Con", "CON_", "-2+3", "_2+3", LONG_UNIT + "一", LONG_UNIT + "二", "e\u0301", "\u00e9"]
    names = folder_names(texts)
    assert set(names) == set(texts)
    keys = [unicodedata.normalize("NFC", n).casefold() for n in names.values()]
    assert len(set(keys)) == len(texts)
    assert all(fits_everywhere(n) for n in names.values())
    assert names["a_b"] == "a_b" and names["a/b"].startswith("a_b~")  # a name as it is keeps it
    assert names["CON_"] == "CON_" and names["Con"].startswith("Con_~")
    assert names["_2+3"] == "_2+3" and names["-2+3"].startswith("_2+3~")
    assert folder_names(reversed(texts)) == names == folder_names(sorted(texts))


def test_folder_names_are_the_same_run_after_run() -> None:
    """Fresh interpreters with other hash seeds: no hash() may leak into a name."""
    code = "from needscli.reports.split import folder_names; print(repr(folder_names(['a/b', 'a_b', 'x' * 300])))"
    outputs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in (1, 2)}
    assert outputs == {repr(folder_names(["a/b", "a_b", "x" * 300])) + "\n"}


# --- a folder of unit rosters, split by unit or organizer -------------------------------------------

def test_split_by_unit_writes_each_unit_its_own_outputs(unit_folder: tuple[Path, Path], tmp_path: Path) -> None:
    folder, config = unit_folder
    out = tmp_path / "out"
    result = run_analyze(folder, "-o", out, "--split-by", "unit", "--config", config, "--as-of", NEEDS_AS_OF)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (out / "by-unit").iterdir()) == sorted(UNIT_NAMES)
    for unit, ids in UNIT_IDS.items():
        part = out / "by-unit" / unit
        assert sorted(p.name for p in part.iterdir()) == HAND_OUTS, unit
        assert csv_ids(part / "needs.csv") == ids
        assert {r["unit"] for r in csv_records(part / "needs.csv")} == {unit}
        assert {str(r["编号"]) for r in sheet_records(part / "gap-report.xlsx", "需求明细")} == ids
        seated = csv_ids(part / "assignments.csv")
        assert seated and seated <= ids, unit


def test_classes_re_forming_a_split_runs_classes_re_writes_its_hand_outs(tmp_path: Path) -> None:
    """needscli classes on a folder analyze --split-by wrote: each unit's hand-outs follow the new plan, its seats
    those of the folder's assignments.csv for its cadres (left as they were, they would hand out the old classes)."""
    out = tmp_path / "out"
    assert run_analyze(SAMPLES, "-o", out, "--split-by", "unit", "--as-of", NEEDS_AS_OF, "-q").exit_code == 1
    before = (out / "assignments.csv").read_bytes()
    result = run_cli("classes", out, "--max-size", "20", "--format", "json")
    assert result.exit_code == 1, result.output
    assert (out / "assignments.csv").read_bytes() != before
    seats = csv_records(out / "assignments.csv")
    units = {r["cadre_id"]: r["unit"] for r in csv_records(out / "needs.csv")}
    for part in (out / "by-unit").iterdir():
        mine = [r for r in seats if units[r["cadre_id"]] == part.name]
        assert csv_records(part / "assignments.csv") == mine, part.name
        assert str(part / "assignments.csv") in result.stdout


def test_split_by_organizer_writes_each_organizer_its_own_outputs(unit_folder: tuple[Path, Path],
                                                                  tmp_path: Path) -> None:
    folder, config = unit_folder
    out = tmp_path / "out"
    result = run_analyze(folder, "-o", out, "--split-by", "organizer", "--config", config, "--as-of", NEEDS_AS_OF)
    assert result.exit_code == 0, result.output
    # the city bureaus' section-level cadres and staff are 市委管理 too; the town's (城关镇) 县委管理
    town = {i for i in ALL_UNIT_IDS if i.startswith("U2")} - LEADERS
    expected = {"市委管理": ALL_UNIT_IDS - town, "县委管理": town}
    assert sorted(p.name for p in (out / "by-organizer").iterdir()) == sorted(expected)
    for organizer, ids in expected.items():
        part = out / "by-organizer" / organizer
        assert sorted(p.name for p in part.iterdir()) == HAND_OUTS, organizer
        assert csv_ids(part / "needs.csv") == ids
        classes = csv_records(part / "classes.csv")
        assert classes and {r["organizer"] for r in classes} == {organizer}
        assert csv_ids(part / "assignments.csv") <= ids


# --- --split-by unit with a long unit name ---------------------------------------------------------

def units_roster(tmp_path: Path) -> Path:
    rows = [UNIT_HEADER]
    for n, unit in enumerate(UNITS):
        rows += unit_cadres(n, unit)
    return make_workbook(tmp_path, {"花名册": rows}, name="units.xlsx")


def split_run(tmp_path: Path, out: Path) -> Result:
    return run_analyze(units_roster(tmp_path), "-o", out, "--split-by", "unit", "--as-of", NEEDS_AS_OF,
                       "--config", make_config(tmp_path, SMALL_CLASSES))


def test_a_unit_name_too_long_for_a_file_name_gets_a_shortened_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = split_run(tmp_path, out)
    assert result.exit_code == 0, result.output
    folders = {p.name: p for p in (out / "by-unit").iterdir()}
    assert set(folders) == {"市财政局", "市税务局", "城关镇", folder_name(LONG_UNIT)}
    long_folder = folders[folder_name(LONG_UNIT)]
    assert sorted(p.name for p in long_folder.iterdir()) == HAND_OUTS
    rows = csv_records(long_folder / "needs.csv")
    assert rows and {r["unit"] for r in rows} == {LONG_UNIT}  # the report keeps the whole name
    assert {r["cadre_id"] for r in rows} == {"U301", "U302", "U303"}


def fail_on_the_third_part(monkeypatch: pytest.MonkeyPatch) -> None:
    """The hand-out folder of 城关镇, the third of four parts, cannot be written (disk full, say), whichever of the two
    writing processes takes it: each counts only the parts it wrote itself, and which takes how many is a race."""
    real = split.write_class_outputs

    def write(part: object, plan: object, folder: Path, *more: object) -> list[Path]:
        if folder.name == "城关镇":
            raise OutputError(f"{folder}: could not be written (No space left on device)")
        return real(part, plan, folder, *more)  # type: ignore[arg-type]

    monkeypatch.setattr(split, "write_class_outputs", write)


def test_a_split_failing_half_way_leaves_no_hand_out_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fail_on_the_third_part(monkeypatch)
    out = tmp_path / "out"
    result = split_run(tmp_path, out)
    assert result.exit_code == 3, result.output
    assert "磁盘空间不足" in result.stderr  # No space left on device, in the roster's language
    assert not (out / "by-unit").exists()
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]


def test_a_split_failing_keeps_an_earlier_runs_hand_outs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    assert split_run(tmp_path, out).exit_code == 0
    before = {p.relative_to(out).as_posix(): p.read_bytes() for p in (out / "by-unit").rglob("*") if p.is_file()}
    fail_on_the_third_part(monkeypatch)
    assert split_run(tmp_path, out).exit_code == 3
    after = {p.relative_to(out).as_posix(): p.read_bytes() for p in (out / "by-unit").rglob("*") if p.is_file()}
    assert after == before


def test_a_split_failing_leaves_no_main_output_either(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fail_on_the_third_part(monkeypatch)
    out = tmp_path / "out"
    assert split_run(tmp_path, out).exit_code == 3
    assert not out.exists() or not list(out.iterdir())


def test_a_folder_where_a_hand_out_goes_stops_the_run_before_any_output_lands(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert split_run(tmp_path, out).exit_code == 0
    hand_out = next((out / "by-unit").rglob("gap-report.xlsx"))
    before = {p.relative_to(out).as_posix(): p.stat().st_ino for p in out.rglob("*") if p.is_file()}
    hand_out.unlink()
    hand_out.mkdir()  # e.g. a folder made by hand where the run puts a file
    del before[hand_out.relative_to(out).as_posix()]
    result = split_run(tmp_path, out)
    assert result.exit_code == 3, result.output
    assert "是文件夹" in result.stderr  # is a folder, in the roster's language
    after = {p.relative_to(out).as_posix(): p.stat().st_ino for p in out.rglob("*") if p.is_file()}
    assert after == before  # the very files of the earlier run (none replaced), no new file anywhere


def test_split_staged_moves_nothing_when_the_writing_within_it_fails(tmp_path: Path) -> None:
    """How run_job can make the split and the main outputs one set: the main outputs written in the block."""
    analysis, _ = analyze([units_roster(tmp_path)], Config())
    plan = plan_classes(analysis, None, None)
    out = tmp_path / "new" / "out"
    with pytest.raises(OutputError), split.split_staged(analysis, plan, out, "unit") as written:
        assert len(written) == 4 * len(HAND_OUTS) and not any(p.exists() for p in written)
        raise OutputError("the gap report could not be written")
    assert not (tmp_path / "new").exists()
    with split.split_staged(analysis, plan, out, "unit") as written:
        pass
    assert all(p.is_file() for p in written)


def test_a_unit_of_an_analysis_left_unranked_has_its_own_ranks(tmp_path: Path) -> None:
    """A run leaves the ranking to its early writer (analyze(rank=False)); a unit's hand-out ranks its own needs."""
    analysis, _ = analyze([SAMPLES], Config(), as_of=dt.date.fromisoformat(NEEDS_AS_OF), rank=False)
    keep = {c.id for c in analysis.cadres[: len(analysis.cadres) // 2]}
    part = subset_analysis(analysis, keep)
    assert analysis.ranks_pending and not part.ranks_pending
    assert part.ranking and (part.ranking, part.unit_ranking) == rank_topics_both(part.needs, part.cadres, part.catalog)
