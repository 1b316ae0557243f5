"""The Python API's errors: said in the language asked for, write()'s refusals naming what the API offers, and a
plan written only with the analysis it was formed from."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest
from builders import SAMPLES, make_csv

import needscli
from needscli.wording import ASCII_SENTENCE

AS_OF = "2026-11-01"
THREE = [["编号", "姓名", "单位", "职务", "职级", "任现职时间", "本年度学时", "五年累计学时", "本年度网络学时"],
         ["C0001", "张明", "市财政局", "局长", "县处级正职", "2020.08", 96, 600, 60],
         ["C0002", "李华", "市财政局", "办公室主任", "乡科级正职", "2019-05-01", 96, 600, 60],
         ["C0003", "王芳", "市财政局", "科员", "一级科员", "2020年11月", 96, 600, 60]]
NO_VALID_ROW = [["编号", "姓名", "单位", "职务", "职级"], ["C1", "张三", "市财政局", "科员", "宇宙级"]]


@pytest.fixture(scope="module")
def samples() -> needscli.Analysis:
    return needscli.analyze(SAMPLES, as_of=AS_OF)


@pytest.fixture(scope="module")
def samples_plan(samples: needscli.Analysis) -> needscli.Plan:
    return needscli.plan(samples)


@pytest.fixture(scope="module")
def three(tmp_path_factory: pytest.TempPathFactory) -> needscli.Analysis:
    return needscli.analyze(make_csv(tmp_path_factory.mktemp("three"), THREE), as_of=AS_OF)


FAULTS: dict[str, Callable[[Path, str], object]] = {
    "missing roster": lambda tmp, lang: needscli.analyze(tmp / "nope.xlsx", lang=lang),
    "no roster": lambda tmp, lang: needscli.analyze([], lang=lang),
    "bad config value": lambda tmp, lang: needscli.analyze(SAMPLES, config={"classes": {"max_size": -4}}, lang=lang),
    "unknown config key": lambda tmp, lang: needscli.analyze(SAMPLES, config={"classes": {"max_sise": 4}}, lang=lang),
    "missing config file": lambda tmp, lang: needscli.analyze(SAMPLES, config=tmp / "none.toml", lang=lang),
    "bad as_of": lambda tmp, lang: needscli.analyze(SAMPLES, as_of="2026-13-01", lang=lang),
    "short key": lambda tmp, lang: needscli.analyze(SAMPLES, pseudonym_key=b"abc", lang=lang),
    "no valid row": lambda tmp, lang: needscli.analyze(make_csv(tmp, NO_VALID_ROW), lang=lang),
}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_an_error_is_said_in_the_language_asked_for(tmp_path: Path, fault: str) -> None:
    with pytest.raises(needscli.NeedsError) as zh:
        FAULTS[fault](tmp_path, "zh")
    with pytest.raises(needscli.NeedsError) as en:
        FAULTS[fault](tmp_path, "en")
    assert (zh.value.lang, en.value.lang) == ("zh", "en")
    said = [zh.value.message, *(p.message for p in zh.value.problems), *(p.expected for p in zh.value.problems)]
    assert [text for text in said if ASCII_SENTENCE.search(text)] == []  # no English sentence left
    assert zh.value.message != en.value.message
    assert [p.code for p in zh.value.problems] == [p.code for p in en.value.problems]


def test_an_error_found_before_any_roster_is_read_is_chinese_by_default(tmp_path: Path) -> None:
    with pytest.raises(needscli.NeedsError) as caught:
        needscli.analyze(tmp_path / "nope.xlsx")
    assert (caught.value.lang, caught.value.message) == ("zh", "nope.xlsx：找不到文件，请检查路径")


def test_a_roster_with_no_valid_row_says_its_problems_in_chinese(tmp_path: Path) -> None:
    with pytest.raises(needscli.NeedsError) as caught:
        needscli.analyze(make_csv(tmp_path, NO_VALID_ROW), lang="zh")
    assert caught.value.message == "没有可分析的干部：花名册中没有有效的行（共 1 个问题，可用 needscli validate 逐一查看）"
    assert [(p.row, p.column) for p in caught.value.problems] == [(2, "职级")]
    assert caught.value.problems[0].message.startswith("第 2 行「职级」列：「宇宙级」不在配置的职级序列中")


def test_an_edited_gap_report_is_kept_and_the_refusal_names_write_force(samples: needscli.Analysis,
                                                                        samples_plan: needscli.Plan,
                                                                        tmp_path: Path) -> None:
    tmp_path.joinpath("gap-report.xlsx").write_bytes(b"the office's notes")
    with pytest.raises(needscli.NeedsError) as caught:
        needscli.write(samples, samples_plan, tmp_path)
    assert caught.value.exit_code == needscli.ExitCode.OUTPUT_FAILED and caught.value.lang == "zh"
    assert "加 force=True 覆盖" in caught.value.message and "--force" not in caught.value.message
    assert [p.name for p in tmp_path.iterdir()] == ["gap-report.xlsx"]
    assert tmp_path.joinpath("gap-report.xlsx").read_bytes() == b"the office's notes"
    written = needscli.write(samples, samples_plan, tmp_path, force=True)
    assert tmp_path / "gap-report.xlsx" in written
    assert tmp_path.joinpath("gap-report.xlsx").read_bytes() != b"the office's notes"


def test_a_plan_of_a_smaller_roster_is_refused_before_anything_is_written(samples: needscli.Analysis,
                                                                          three: needscli.Analysis,
                                                                          tmp_path: Path) -> None:
    """The three cadres' ids are among the samples' 480: only the plan's needs tell the plans apart."""
    small = needscli.plan(three)
    assert {c.id for c in three.cadres} <= {c.id for c in samples.cadres}
    with pytest.raises(ValueError, match=r"formed from other needs \(\d+, not the analysis' 4759\)"):
        needscli.write(samples, small, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_plan_of_a_larger_roster_is_refused_before_anything_is_written(three: needscli.Analysis,
                                                                         samples_plan: needscli.Plan,
                                                                         tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="write\\(\\) takes a plan formed from this analysis"):
        needscli.write(three, samples_plan, tmp_path / "out")
    assert not (tmp_path / "out").exists()
    made_otherwise = dataclasses.replace(samples_plan, ways=None)  # no record of its needs: its cadres are checked
    with pytest.raises(ValueError, match=r"this one seats 477 cadre\(s\) not in it, e\.g\. "):
        needscli.write(three, made_otherwise, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_plan_of_the_analysis_is_written_after_the_analysis_is_copied(samples: needscli.Analysis,
                                                                        samples_plan: needscli.Plan,
                                                                        tmp_path: Path) -> None:
    copied = dataclasses.replace(samples, needs=list(samples.needs))  # equal needs, another list
    assert (tmp_path / "out" / "needs.csv") in needscli.write(copied, samples_plan, tmp_path / "out")


def test_an_empty_path_is_refused_not_taken_for_the_current_folder(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A script's variable not set: "" as a path is the current folder, whose rosters analyze("") read and into
    which write(..., "") wrote. Refused, naming the argument, before anything is read or written."""
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ValueError, match='a roster is an empty text: give a file or folder'):
        needscli.analyze("")
    with pytest.raises(ValueError, match="posts is an empty text"):
        needscli.analyze(SAMPLES, posts="")
    analysis = needscli.analyze(SAMPLES, as_of="2026-11-01")
    with pytest.raises(ValueError, match="folder is an empty text"):
        needscli.write(analysis, needscli.plan(analysis), "")
    with pytest.raises(ValueError, match="a folder is an empty text"):
        needscli.rollup([""])
    assert list(tmp_path.iterdir()) == []
