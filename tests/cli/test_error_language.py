"""An error of no input's own (an output that could not be written) is said in the run's language, not the locale's."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from builders import SAMPLES, run_cli

import needscli.reports.outputs as outputs
from needscli.config import Config
from needscli.errors import NeedsError, OutputError
from needscli.pipeline import Job, run_job

OPEN = "out/gap-report.xlsx is open in another program or read-only; close gap-report.xlsx and run again"


def _cannot_write(*args: object, **kwargs: object) -> None:
    raise OutputError(OPEN)


def test_an_output_error_of_a_run_takes_the_roster_s_language(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """The writers raise their errors in English with no language (reports/files.py): once the roster is read, the run
    says them in its language, as every other message of the run."""
    monkeypatch.setattr(outputs, "write_all", _cannot_write)
    job = Job(rosters=[SAMPLES], config=Config(), output=tmp_path / "out", as_of=dt.date(2026, 11, 1))
    with pytest.raises(NeedsError) as caught:
        run_job(job)
    assert (caught.value.message, caught.value.lang) == (OPEN, "zh")


def test_analyze_says_an_output_error_in_chinese_for_a_chinese_roster_in_an_english_locale(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A Chinese roster's run on a machine of an English locale said 'Error: out/gap-report.xlsx 已在其他程序中打开……':
    the locale's word before the run's message. The whole line is the roster's language now."""
    monkeypatch.setattr(outputs, "write_all", _cannot_write)
    result = run_cli("analyze", SAMPLES, "--as-of", "2026-11-01", "-o", tmp_path / "out",
                     env={"LANG": "en_US.UTF-8", "NEEDSCLI_LANG": None})
    assert result.exit_code == 3
    assert result.stderr.startswith("错误：") and "gap-report.xlsx" in result.stderr
    assert "Error" not in result.stderr and "another program" not in result.stderr


def test_classes_says_an_output_in_the_way_in_the_saved_analysis_language(tmp_path: Path) -> None:
    """needscli classes on a Chinese run's folder, its output's needs.csv a folder in the way (checked before a word of
    the new plan), in an English locale: 错误：…, as the run's other messages."""
    run = tmp_path / "out"
    assert run_cli("analyze", SAMPLES, "--as-of", "2026-11-01", "-o", run, "--quiet").exit_code in (0, 1)  # 1: data problems
    target = tmp_path / "again"
    (target / "needs.csv").mkdir(parents=True)
    result = run_cli("classes", run, "-o", target, env={"LANG": "en_US.UTF-8", "NEEDSCLI_LANG": None})
    assert result.exit_code == 3
    assert result.stderr.startswith("错误：") and "needs.csv" in result.stderr


ROSTERS = {"zh": SAMPLES, "en": SAMPLES.parent / "roster-en.csv"}
OVER_INPUT = {"zh": "{target}：这是本次运行的输入文件（花名册），输出不能写在它上面，本次没有写入任何文件；请用 -o 另选输出文件夹，"
                    "或把这个输入文件移到别处",
              "en": "{target}: is an input of this run (roster); no output may be written over it, and nothing was "
                    "written: choose another output folder with -o, or move the input"}


@pytest.mark.parametrize(("roster", "locale"), [("en", "zh"), ("zh", "en")])
def test_an_output_over_an_input_is_said_in_the_locale_s_language_whole(tmp_path: Path, roster: str,
                                                                       locale: str) -> None:
    """analyze -o on the roster's own folder, found before the roster is read: the message was Chinese whatever the
    locale and the roster, its "Error:" the locale's. The whole line is the locale's language (README: before any roster
    is read), the roster's headers having said nothing yet."""
    out = tmp_path / "out"
    out.mkdir()
    source = out / ("needs.csv" if roster == "en" else "gap-report.xlsx")  # an output's name
    source.write_bytes(ROSTERS[roster].read_bytes())
    result = run_cli("analyze", source, "-o", out, "--as-of", "2026-11-01", env={"NEEDSCLI_LANG": locale})
    assert result.exit_code == 3
    said = OVER_INPUT[locale].format(target=source)
    assert result.stderr == ("错误：" if locale == "zh" else "Error: ") + said + "\n"
