"""The workbooks of sign-in sheets of a plan past limits.roster_sheets, as analyze and classes write them: named
in the run's summaries, and kept like class-rosters.xlsx once the office fills them in (exit 3 unless --force)."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from builders import FILLED_IN, SAMPLES, folder_state, make_config, run_analyze, run_cli

from needscli.reports.files import is_as_written

AS_OF = "2026-11-01"
BOOKS = ["class-rosters-市委管理-1.xlsx", "class-rosters-市委管理-2.xlsx", "class-rosters-市委管理-3.xlsx",
         "class-rosters-县委管理-1.xlsx", "class-rosters-县委管理-2.xlsx"]


def books_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("class-rosters-*.xlsx"))


@pytest.fixture
def split_run(tmp_path: Path) -> tuple[Path, Path]:
    """An analyze run of the samples with limits.roster_sheets = 10: (its config, its output folder)."""
    config = make_config(tmp_path, "[limits]\nroster_sheets = 10\n")
    out = tmp_path / "out"
    result = run_analyze(SAMPLES, "-o", out, "--as-of", AS_OF, "--config", config)
    assert result.exit_code == 1, result.output  # the samples' warnings, on purpose
    assert books_in(out) == sorted(BOOKS)
    return config, out


def sign(path: Path) -> None:
    book = openpyxl.load_workbook(path)
    book.worksheets[1].cell(6, 7, "√")
    book.save(path)


def test_the_summaries_name_every_workbook_written(tmp_path: Path) -> None:
    config = make_config(tmp_path, "[limits]\nroster_sheets = 10\n")
    out = tmp_path / "out"
    table = run_analyze(SAMPLES, "-o", out, "--as-of", AS_OF, "--config", config)
    assert table.exit_code == 1, table.output
    lines = [line.removeprefix("已写出 ") for line in table.stdout.splitlines() if line.startswith("已写出 ")]
    # each workbook with what it holds: the main one the plan, an organizer's numbered books of sign-in sheets on one
    # line (a province's 市委管理 had 16 lines of them)
    wrote = [line.split("（")[0] for line in lines]
    at = wrote.index(str(out / "class-rosters.xlsx"))
    assert lines[at].endswith("（班次名册：班次总览、年度培训计划和未成班；签到表在各 class-rosters-<主办单位>.xlsx 中）")
    assert lines[at + 1:at + 3] == [f"{out / BOOKS[0]} 至 {BOOKS[2]}（签到表分册，共 3 册）",
                                    f"{out / BOOKS[3]} 至 {BOOKS[4]}（签到表分册，共 2 册）"]
    assert not [line for line in lines if "class-rosters-" in line and line not in lines[at:at + 3]]
    summary = json.loads(run_analyze(SAMPLES, "-o", out, "--as-of", AS_OF, "--config", config,
                                     "--format", "json").stdout)
    assert [str(out / name) for name in BOOKS] == [p for p in summary["outputs"] if "class-rosters-" in p]
    saved = json.loads((out / "analysis.json").read_text(encoding="utf-8"))["outputs"]
    assert saved[saved.index("class-rosters.xlsx") + 1:][:5] == BOOKS


def test_a_signed_workbook_stops_analyze_and_nothing_is_written(split_run: tuple[Path, Path]) -> None:
    config, out = split_run
    sign(out / BOOKS[2])
    before = folder_state(out)
    result = run_analyze(SAMPLES, "-o", out, "--as-of", AS_OF, "--config", config, env={"NEEDSCLI_LANG": "zh"})
    assert result.exit_code == 3, result.output
    assert result.stderr == f"错误：{out / BOOKS[2]}{FILLED_IN}"
    assert folder_state(out) == before


def test_a_signed_workbook_a_run_would_remove_stops_it_too(split_run: tuple[Path, Path]) -> None:
    """Without the limit the plan fits in class-rosters.xlsx: the workbook would go, so the run stops."""
    _, out = split_run
    sign(out / BOOKS[4])
    before = folder_state(out)
    # analyze finds the workbook in the way before it reads the roster (in the locale's language: Chinese here),
    # classes in the run it re-plans and analyze --formats csv once the plan is made (in the roster's language, under
    # an English locale)
    for lang, args in (("zh", ["analyze", SAMPLES, "-o", out, "--as-of", AS_OF]),
                       ("en", ["classes", out, "--max-size", "40"]),
                       ("en", ["analyze", SAMPLES, "-o", out, "--as-of", AS_OF, "--formats", "csv"])):
        result = run_cli(*args, env={"NEEDSCLI_LANG": lang})
        assert result.exit_code == 3, (args, result.output)
        assert result.stderr == f"错误：{out / BOOKS[4]}{FILLED_IN}"
        assert folder_state(out) == before


def test_force_removes_a_signed_workbook_no_longer_written(split_run: tuple[Path, Path]) -> None:
    _, out = split_run
    sign(out / BOOKS[4])
    result = run_analyze(SAMPLES, "-o", out, "--as-of", AS_OF, "--force")
    assert result.exit_code == 1, result.output
    assert books_in(out) == []


def test_a_signed_hand_out_workbook_stops_analyze_and_force_replaces_it(tmp_path: Path) -> None:
    """A hand-out folder's workbook of sign-in sheets an earlier run wrote, signed since: exit 3 naming it as filled
    in, nothing written; --force replaces it, as in the run's folder."""
    config = make_config(tmp_path, "[limits]\nroster_sheets = 10\n")
    out = tmp_path / "out"
    args = (SAMPLES, "-o", out, "--as-of", AS_OF, "--config", config, "--split-by", "organizer")
    assert run_analyze(*args).exit_code == 1
    signed = out / "by-organizer" / "市委管理" / BOOKS[1]
    sign(signed)
    before = folder_state(out)
    result = run_analyze(*args)
    assert result.exit_code == 3, result.output
    assert result.stderr == f"错误：{signed}{FILLED_IN}"  # met once the roster was read: in its language
    assert folder_state(out) == before
    result = run_analyze(*args, "--force")
    assert result.exit_code == 1, result.output
    assert is_as_written(signed)


def office_book(path: Path) -> bytes:
    book = openpyxl.Workbook()
    book.active["A1"] = "本办自己做的签到汇总"
    book.save(path)
    return path.read_bytes()


@pytest.mark.parametrize("name", ["class-rosters-签到汇总.xlsx", "class-rosters-县委管理.xlsx", "class-rosters-1.xlsx"])
def test_a_workbook_of_the_office_s_own_stays_and_the_run_goes_on(split_run: tuple[Path, Path], name: str) -> None:
    """No run wrote it: analyze and classes go on beside it, --force or not, and the earlier run's workbooks go."""
    _, out = split_run
    made = office_book(out / name)
    for args in (["analyze", SAMPLES, "-o", out, "--as-of", AS_OF], ["classes", out, "--max-size", "40"],
                 ["analyze", SAMPLES, "-o", out, "--as-of", AS_OF, "--force"], ["classes", out, "--force"]):
        result = run_cli(*args)
        assert result.exit_code == 1, (args, result.output)
        assert books_in(out) == [name]
        assert (out / name).read_bytes() == made


NOT_NEEDSCLI = ("：这个文件不是 needscli 写出的（输出目录的 analysis.json 没有列出它，它也没有 needscli 写出的工作簿的标记），"
                "应是本单位自己的文件；本次要写出同名的签到表分册，为免覆盖，本次没有写入任何文件（加 --force 也不会覆盖它）。"
                "请把它改名或移到别处，再重新运行\n")


def test_a_workbook_of_the_office_s_own_a_run_would_write_over_stops_it(split_run: tuple[Path, Path],
                                                                        tmp_path: Path) -> None:
    """roster_sheets = 20 puts 县委管理's classes in class-rosters-县委管理.xlsx: the office's file of that name is
    named as the office's, --force or not."""
    _, out = split_run
    wider = make_config(tmp_path, "[limits]\nroster_sheets = 20\n", name="wider.toml")
    office_book(out / "class-rosters-县委管理.xlsx")
    before = folder_state(out)
    for force in ([], ["--force"]):
        result = run_analyze(SAMPLES, "-o", out, "--as-of", AS_OF, "--config", wider, *force)
        assert result.exit_code == 3, result.output
        assert result.stderr == f"错误：{out / 'class-rosters-县委管理.xlsx'}{NOT_NEEDSCLI}"  # in the run's language
        assert folder_state(out) == before


def test_a_run_that_writes_fewer_workbooks_removes_the_others(split_run: tuple[Path, Path], tmp_path: Path) -> None:
    _, out = split_run
    wider = make_config(tmp_path, "[limits]\nroster_sheets = 20\n", name="wider.toml")
    result = run_cli("classes", out, "--max-size", "50")  # the saved config: still 10 a workbook
    assert result.exit_code == 1, result.output
    assert books_in(out) == sorted(BOOKS)
    result = run_analyze(SAMPLES, "-o", out, "--as-of", AS_OF, "--config", wider)
    assert result.exit_code == 1, result.output
    assert books_in(out) == ["class-rosters-县委管理.xlsx", "class-rosters-市委管理-1.xlsx",
                             "class-rosters-市委管理-2.xlsx"]
