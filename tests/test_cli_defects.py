"""Four defects of the CLI and the split hand-outs, each held by a test: folder names made from unit
names, an all-or-nothing split, validate on an empty roster and on several unusable files, and
--format json on a fatal error."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from conftest import (
    NEEDS_AS_OF,
    ROSTER_HEADER,
    SMALL_CLASSES,
    UNIT_HEADER,
    make_config,
    make_needs_workbook,
    make_workbook,
    roster,
    run_needscli,
    unit_cadres,
)
from typer.testing import CliRunner

from needscli.cli.app import app
from needscli.errors import OutputError
from needscli.reports import split
from needscli.reports.split import NAME_BYTES, NAME_UNITS, folder_name, folder_names

runner = CliRunner()
LONG_UNIT = "市" + "很长的单位名称" * 40  # 841 bytes in UTF-8: far over any system's 255
UNITS = ["市财政局", "市税务局", "城关镇", LONG_UNIT]
HAND_OUTS = ["assignments.csv", "class-rosters.xlsx", "classes.csv", "gap-report.xlsx", "needs.csv"]
OUTPUTS = ["analysis.json", "assignments.csv", "class-rosters.xlsx", "classes.csv", "gap-report.xlsx", "needs.csv"]
WINDOWS_ILLEGAL = set('<>:"/\\|?*') | {chr(c) for c in range(32)}
RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(10)), *(f"LPT{n}" for n in range(10))}


def invoke(*args: str | Path) -> object:
    return runner.invoke(app, [str(a) for a in args])


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
    assert len(digest) == 8 and int(digest, 16) >= 0
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
])
def test_characters_windows_refuses_and_trailing_dots_and_spaces(text: str, expected: str) -> None:
    assert folder_name(text) == expected
    assert fits_everywhere(folder_name(text))


def test_names_stay_unique_where_case_does_not_count_and_do_not_depend_on_order() -> None:
    texts = ["a/b", "a_b", "ABC", "abc", "Con", "CON_", LONG_UNIT + "一", LONG_UNIT + "二", "e\u0301", "\u00e9"]
    names = folder_names(texts)
    assert set(names) == set(texts)
    keys = [unicodedata.normalize("NFC", n).casefold() for n in names.values()]
    assert len(set(keys)) == len(texts)
    assert all(fits_everywhere(n) for n in names.values())
    assert names["a_b"] == "a_b" and names["a/b"].startswith("a_b~")  # a name as it is keeps it
    assert names["CON_"] == "CON_" and names["Con"].startswith("Con_~")
    assert folder_names(reversed(texts)) == names == folder_names(sorted(texts))


def test_folder_names_are_the_same_run_after_run() -> None:
    """Fresh interpreters with other hash seeds: no hash() may leak into a name."""
    code = "from needscli.reports.split import folder_names; print(repr(folder_names(['a/b', 'a_b', 'x' * 300])))"
    outputs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in (1, 2)}
    assert outputs == {repr(folder_names(["a/b", "a_b", "x" * 300])) + "\n"}


# --- --split-by unit with a long unit name ---------------------------------------------------------

def units_roster(tmp_path: Path) -> Path:
    rows = [UNIT_HEADER]
    for n, unit in enumerate(UNITS):
        rows += unit_cadres(n, unit)
    return make_workbook(tmp_path, {"花名册": rows}, name="units.xlsx")


def split_run(tmp_path: Path, out: Path) -> object:
    return invoke("analyze", units_roster(tmp_path), "-o", out, "--split-by", "unit", "--as-of", NEEDS_AS_OF,
                  "--config", make_config(tmp_path, SMALL_CLASSES))


def test_a_unit_name_too_long_for_a_file_name_gets_a_shortened_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = split_run(tmp_path, out)
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    folders = {p.name: p for p in (out / "by-unit").iterdir()}
    assert set(folders) == {"市财政局", "市税务局", "城关镇", folder_name(LONG_UNIT)}
    long_folder = folders[folder_name(LONG_UNIT)]
    assert sorted(p.name for p in long_folder.iterdir()) == HAND_OUTS
    with open(long_folder / "needs.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and {r["unit"] for r in rows} == {LONG_UNIT}  # the report keeps the whole name
    assert {r["cadre_id"] for r in rows} == {"U301", "U302", "U303"}


def fail_on_the_last_part(monkeypatch: pytest.MonkeyPatch) -> None:
    """The third hand-out folder cannot be written (disk full, say), after two were."""
    real = split.write_class_outputs
    calls: list[Path] = []

    def write(part: object, plan: object, folder: Path) -> list[Path]:
        calls.append(folder)
        if len(calls) == 3:
            raise OutputError(f"{folder}: could not be written (No space left on device)")
        return real(part, plan, folder)  # type: ignore[arg-type]

    monkeypatch.setattr(split, "write_class_outputs", write)


def test_a_split_failing_half_way_leaves_no_hand_out_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fail_on_the_last_part(monkeypatch)
    out = tmp_path / "out"
    result = split_run(tmp_path, out)
    assert result.exit_code == 3, result.output  # type: ignore[attr-defined]
    assert "No space left on device" in result.stderr  # type: ignore[attr-defined]
    assert not (out / "by-unit").exists()
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]


def test_a_split_failing_keeps_an_earlier_runs_hand_outs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    assert split_run(tmp_path, out).exit_code == 0  # type: ignore[attr-defined]
    before = {p.relative_to(out).as_posix(): p.read_bytes() for p in (out / "by-unit").rglob("*") if p.is_file()}
    fail_on_the_last_part(monkeypatch)
    assert split_run(tmp_path, out).exit_code == 3  # type: ignore[attr-defined]
    after = {p.relative_to(out).as_posix(): p.read_bytes() for p in (out / "by-unit").rglob("*") if p.is_file()}
    assert after == before


def test_a_split_failing_leaves_no_main_output_either(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fail_on_the_last_part(monkeypatch)
    out = tmp_path / "out"
    assert split_run(tmp_path, out).exit_code == 3  # type: ignore[attr-defined]
    assert not out.exists() or not list(out.iterdir())


def test_a_folder_where_a_hand_out_goes_stops_the_run_before_any_output_lands(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert split_run(tmp_path, out).exit_code == 0  # type: ignore[attr-defined]
    hand_out = next((out / "by-unit").rglob("gap-report.xlsx"))
    before = {p.relative_to(out).as_posix(): p.stat().st_ino for p in out.rglob("*") if p.is_file()}
    hand_out.unlink()
    hand_out.mkdir()  # e.g. a folder made by hand where the run puts a file
    del before[hand_out.relative_to(out).as_posix()]
    result = split_run(tmp_path, out)
    assert result.exit_code == 3, result.output  # type: ignore[attr-defined]
    assert "is a folder" in result.stderr  # type: ignore[attr-defined]
    after = {p.relative_to(out).as_posix(): p.stat().st_ino for p in out.rglob("*") if p.is_file()}
    assert after == before  # the very files of the earlier run (none replaced), no new file anywhere


def test_split_staged_moves_nothing_when_the_writing_within_it_fails(tmp_path: Path) -> None:
    """How run_job can make the split and the main outputs one set: the main outputs written in the block."""
    from needscli.config import Config
    from needscli.pipeline import analyze, plan_classes

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


# --- validate: an empty roster, several unusable files ----------------------------------------------

def test_validate_refuses_a_roster_with_a_header_and_no_cadre_as_analyze_does(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"花名册": [ROSTER_HEADER]}, name="headeronly.xlsx")
    checked = invoke("validate", path)
    analyzed = invoke("analyze", path, "-o", tmp_path / "out")
    assert analyzed.exit_code == 2  # type: ignore[attr-defined]
    assert checked.exit_code == analyzed.exit_code  # type: ignore[attr-defined]
    assert checked.stderr == analyzed.stderr == "Error: no cadre could be analyzed: the roster has no valid rows\n"  # type: ignore[attr-defined]
    assert checked.stdout == "Loaded 0 cadres\n"  # type: ignore[attr-defined]
    assert not (tmp_path / "out").exists()


def test_validate_lists_the_problems_of_a_roster_whose_every_row_is_bad(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"花名册": roster(["001", None, "市财政局", "科长", "乡科级正职"])})
    result = invoke("validate", path)
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert "B2" in result.stdout and "missing-value" in result.stdout  # type: ignore[attr-defined]
    assert result.stderr == "Error: no cadre could be analyzed: the roster has no valid rows (1 problem(s))\n"  # type: ignore[attr-defined]
    data = json.loads(invoke("validate", path, "--format", "json").stdout)  # type: ignore[attr-defined]
    assert [(p["cell"], p["code"]) for p in data["error"]["problems"]] == [("B2", "missing-value")]


def three_bad_files(tmp_path: Path) -> list[Path]:
    missing_column = make_workbook(tmp_path, {"花名册": [["编号", "姓名", "单位", "职务", "职等"]]},
                                   name="missingcol.xlsx")
    fake = tmp_path / "fake.xlsx"
    fake.write_text("not a zip", encoding="utf-8")
    return [missing_column, fake, tmp_path / "nowhere.xlsx"]


MISSING_COLUMN = 'missingcol.xlsx, sheet 花名册: header row 1: no "职级" (Level) column (did you mean 职等?)'
NOT_A_ZIP = "fake.xlsx: is not a readable .xlsx file (damaged or renamed); save it again from Excel"
NOT_THERE = "nowhere.xlsx: file not found; check the path"


def test_validate_names_every_unusable_file(tmp_path: Path) -> None:
    result = invoke("validate", *three_bad_files(tmp_path))
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert result.stdout == ""  # type: ignore[attr-defined]
    assert result.stderr == ("Error: 3 input files cannot be used; fix each and run again:\n"  # type: ignore[attr-defined]
                             f"  {MISSING_COLUMN}\n  {NOT_A_ZIP}\n  {NOT_THERE}\n")


def test_validate_names_every_unusable_file_beside_a_good_one_and_a_bad_posts_file(tmp_path: Path) -> None:
    good = make_workbook(tmp_path, {"花名册": roster(["001", "张三", "市财政局", "科长", "乡科级正职"])}, name="one.xlsx")
    posts = tmp_path / "posts.xlsx"
    posts.write_bytes(b"%PDF-1.4")
    result = invoke("validate", good, *three_bad_files(tmp_path)[:2], "--posts", posts, "--format", "json")
    assert result.exit_code == 2  # type: ignore[attr-defined]
    error = json.loads(result.stdout)["error"]  # type: ignore[attr-defined]
    assert [(p["file"], p["code"]) for p in error["problems"]] == [
        ("missingcol.xlsx", "unusable-file"), ("fake.xlsx", "unusable-file"), ("posts.xlsx", "unusable-file")]
    assert error["problems"][2]["message"].startswith("posts.xlsx: is a PDF")


def test_validate_with_one_unusable_file_says_it_as_before(tmp_path: Path) -> None:
    good = make_workbook(tmp_path, {"花名册": roster(["001", "张三", "市财政局", "科长", "乡科级正职"])}, name="one.xlsx")
    result = invoke("validate", good, three_bad_files(tmp_path)[1])
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert result.stderr == f"Error: {NOT_A_ZIP}\n"  # type: ignore[attr-defined]


def test_a_later_rosters_other_sheets_are_not_checked(tmp_path: Path) -> None:
    """Only the first roster's other sheets are read: a broken 岗位 sheet in the second is no fault."""
    second = make_workbook(tmp_path, {"花名册": roster(["002", "李四", "市税务局", "科员", "一级科员"]),
                                      "岗位": [["什么", "都不是"]]}, name="second.xlsx")
    result = invoke("validate", three_bad_files(tmp_path)[1], second)
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert result.stderr == f"Error: {NOT_A_ZIP}\n"  # type: ignore[attr-defined]


def test_a_sheet_given_as_its_own_file_is_not_checked_in_the_roster(tmp_path: Path) -> None:
    """The run reads --posts, not the roster workbook's 岗位 sheet: a broken one there is no fault."""
    first = make_workbook(tmp_path, {"花名册": roster(["001", "张三", "市财政局", "科长", "乡科级正职"]),
                                     "岗位": [["什么", "都不是"]]}, name="first.xlsx")
    posts = make_workbook(tmp_path, {"岗位": [["岗位名称", "培训主题", "要求水平"], ["科长", "法治思维", 4]]},
                          name="posts.xlsx")
    result = invoke("validate", first, three_bad_files(tmp_path)[1], "--posts", posts)
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert result.stderr == f"Error: {NOT_A_ZIP}\n"  # type: ignore[attr-defined]
    broken_first = invoke("validate", first, three_bad_files(tmp_path)[1])
    assert broken_first.stderr.startswith("Error: 2 input files cannot be used")  # type: ignore[attr-defined]
    assert "first.xlsx, sheet 岗位" in broken_first.stderr  # type: ignore[attr-defined]


# --- --format json on a fatal error ------------------------------------------------------------------

def error_of(result: object) -> dict[str, object]:
    data = json.loads(result.stdout)  # type: ignore[attr-defined]
    assert list(data) == ["error"]
    error = data["error"]
    assert result.stderr == f"Error: {error['message']}\n"  # type: ignore[attr-defined]  # the human message stays
    return error  # type: ignore[no-any-return]


def test_json_fatal_input_error_of_analyze(tmp_path: Path) -> None:
    result = invoke("analyze", three_bad_files(tmp_path)[1], "-o", tmp_path / "out", "--format", "json")
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert error_of(result) == {"code": "input-unusable", "exit_code": 2, "message": NOT_A_ZIP, "problems": []}


def test_json_fatal_error_of_validate(tmp_path: Path) -> None:
    result = invoke("validate", *three_bad_files(tmp_path), "--format", "json")
    assert result.exit_code == 2  # type: ignore[attr-defined]
    error = error_of(result)
    assert error["exit_code"] == 2 and error["code"] == "input-unusable"
    assert [p["message"] for p in error["problems"]] == [MISSING_COLUMN, NOT_A_ZIP, NOT_THERE]  # type: ignore[attr-defined]


def test_json_output_error_exits_3(tmp_path: Path) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("a file where the output folder should be", encoding="utf-8")
    result = invoke("analyze", make_needs_workbook(tmp_path), "-o", blocker, "--as-of", NEEDS_AS_OF, "--format", "json")
    assert result.exit_code == 3  # type: ignore[attr-defined]
    error = error_of(result)
    assert error["code"] == "output-failed" and error["exit_code"] == 3


def test_json_strict_error_carries_the_problems(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"花名册": roster(["001", "张三", "市财政局", "科长", "乡科级正职"],
                                                   ["002", None, "市财政局", "科员", "一级科员"])})
    result = invoke("analyze", path, "-o", tmp_path / "out", "--strict", "--format", "json", "--as-of", NEEDS_AS_OF)
    assert result.exit_code == 2  # type: ignore[attr-defined]
    error = json.loads(result.stdout)["error"]  # type: ignore[attr-defined]
    assert error["exit_code"] == 2
    assert [(p["cell"], p["code"]) for p in error["problems"]] == [("B3", "missing-value")]


def test_json_asked_for_by_the_project_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = three_bad_files(tmp_path)[1]
    (tmp_path / "needscli.toml").write_text(f'[inputs]\nroster = "{bad.name}"\n\n[options]\nformat = "json"\n',
                                            encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke("analyze")
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert error_of(result)["message"] == NOT_A_ZIP


def test_json_fatal_error_through_python_m_needscli(tmp_path: Path) -> None:
    done = run_needscli("analyze", three_bad_files(tmp_path)[1], "-o", tmp_path / "out", "--format", "json")
    assert done.returncode == 2
    assert json.loads(done.stdout)["error"] == {"code": "input-unusable", "exit_code": 2, "message": NOT_A_ZIP,
                                                "problems": []}
    assert done.stderr == f"Error: {NOT_A_ZIP}\n"


@pytest.mark.parametrize(("args", "words"), [
    (["--as-of", "someday"], "Invalid value: expected a date such as 2026-11-01"),  # met by the command
    (["--periods", "0"], "--periods"),  # met while the command line is parsed, before the command runs
])
def test_json_usage_error_through_python_m_needscli(tmp_path: Path, args: list[str], words: str) -> None:
    done = run_needscli("analyze", three_bad_files(tmp_path)[1], "--format=json", *args)
    assert done.returncode == 2
    error = json.loads(done.stdout)["error"]
    assert (error["code"], error["exit_code"], error["problems"]) == ("usage-error", 2, [])
    assert words in error["message"] and f"Error: {error['message']}" in done.stderr


def test_table_format_keeps_stdout_empty_on_a_fatal_error(tmp_path: Path) -> None:
    result = invoke("analyze", three_bad_files(tmp_path)[1], "-o", tmp_path / "out")
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert result.stdout == ""  # type: ignore[attr-defined]
