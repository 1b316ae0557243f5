"""A roster's 职级 against the ladder (io.roster_levels): a probationer not yet graded (定级) is written 试用期, 未定级,
见习, 新录用 ... or left blank; a blank 职级 is read as the probation level only within the probation of 录用时间."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from builders import load, make_workbook

from needscli.config import Config
from needscli.models import SkippedRow
from needscli.wording import problem_in

HEADER = ["编号", "姓名", "单位", "职务", "职级", "录用时间"]
AS_OF = dt.date(2026, 11, 1)


def roster_of(tmp_path: Path, *rows: list[object]) -> Path:
    return make_workbook(tmp_path, {"花名册": [HEADER, *rows]})


@pytest.mark.parametrize("written", ["试用期", "试用期人员", "未定级", "见习", "新录用", "试用期公务员"])
def test_the_words_of_a_probationer_are_a_level_of_the_lowest_tier(tmp_path: Path, written: str) -> None:
    inputs = load(roster_of(tmp_path, ["001", "韩梦瑶", "城关镇", "科员", written, "2026.08"]), as_of=AS_OF)
    assert inputs.problems == []
    (cadre,) = inputs.cadres
    level = next(lv for lv in Config().levels if lv.name == cadre.level)
    assert (level.name, level.tier, level.leading, level.probation) == ("试用期人员", "科员级", False, True)


def test_a_blank_level_within_the_probation_is_read_as_a_probationer_with_a_warning(tmp_path: Path) -> None:
    path = roster_of(tmp_path, ["001", "韩梦瑶", "城关镇", "科员", None, "2026.08"],
                     ["002", "刘洋", "城关镇", "科员", None, "2019.08"],  # graded long ago: the level is missing
                     ["003", "王五", "城关镇", "科员", None, None],
                     ["004", "赵六", "城关镇", "科员", None, "2027.01"])  # not yet recorded on the as-of date
    inputs = load(path, as_of=AS_OF)
    assert [(c.id, c.level) for c in inputs.cadres] == [("001", "试用期人员")]
    assert [(p.row, p.cell, p.code, p.severity) for p in inputs.problems] == [
        (2, "E2", "probation-level", "warning"), (3, "E3", "missing-value", "error"),
        (4, "E4", "missing-value", "error"), (5, "E5", "missing-value", "error")]
    said = problem_in(inputs.problems[0], "zh").message
    assert said == ("第 2 行「职级」列：为空；「录用时间」2026-08-01 在 12 个月试用期内（obligations.probation_months），"
                    "按试用期人员（尚未定级）读取（该行已保留）；职级为空而不在试用期内的其他行跳过；"
                    "应为：定级后的职级，试用期内可写 试用期人员")
    assert problem_in(inputs.problems[1], "zh").expected == (
        "职级，如 县处级副职、一级主任科员（试用期尚未定级的写 试用期人员、试用期 或 未定级）")


def test_the_probation_note_says_this_row_was_kept_before_the_rows_skipped(tmp_path: Path) -> None:
    """That the row was kept is said of the probationer read, not after the rule of the other blank levels, whose
    rows are skipped: there it read as if those rows were kept. A row skipped for another cell says neither."""
    path = roster_of(tmp_path, ["001", "韩梦瑶", "城关镇", "科员", None, "2026.08"],
                     ["002", "李四", None, "科员", None, "2026.08"])  # no 单位: skipped all the same
    first, _, third = load(path, as_of=AS_OF).problems
    assert first.message == (
        "row 2, column \"职级\": is empty; 录用时间 2026-08-01 is within the 12-month probation "
        "(obligations.probation_months), so the cadre is read as 试用期人员, not yet graded (the row was kept); "
        "other rows with a blank level outside the probation are skipped; expected the level once graded, or 试用期人员 "
        "in probation")
    assert (third.row, third.code) == (3, "probation-level")
    assert problem_in(third, "zh").message == (
        "第 3 行「职级」列：为空；「录用时间」2026-08-01 在 12 个月试用期内（obligations.probation_months），"
        "按试用期人员（尚未定级）读取；职级为空而不在试用期内的其他行跳过；应为：定级后的职级，试用期内可写 试用期人员")


def test_a_leading_cadre_with_a_blank_level_is_no_probationer(tmp_path: Path) -> None:
    """A 副局长 who came from elsewhere (调任) and entered the civil service this year has a grade the roster left out:
    干部类别 领导干部 says so (obligations.not_probation_categories). Read as a probationer, he was given initial
    training and kept from the leaders' rules."""
    header = [*HEADER, "干部类别"]
    path = make_workbook(tmp_path, {"花名册": [header, ["001", "韩梦瑶", "城关镇", "科员", None, "2026.08", "公务员"],
                                               ["002", "调任甲", "市乙局", "副局长", None, "2026.06", "领导干部"]]})
    inputs = load(path, as_of=AS_OF)
    assert [(c.id, c.level) for c in inputs.cadres] == [("001", "试用期人员")]
    assert [(p.row, p.code) for p in inputs.problems] == [(2, "probation-level"), (3, "missing-value")]
    # an office whose leading cadres are never recorded so late may say so
    every = Config.model_validate({"obligations": {"not_probation_categories": []}})
    assert [c.id for c in load(path, as_of=AS_OF, config=every).cadres] == ["001", "002"]


def test_the_probation_is_counted_to_the_as_of_date_and_its_months_from_the_config(tmp_path: Path) -> None:
    path = roster_of(tmp_path, ["001", "韩梦瑶", "城关镇", "科员", None, "2026.08"])
    assert load(path, as_of=dt.date(2027, 8, 1)).cadres  # the probation's last day
    assert load(path, as_of=dt.date(2027, 8, 2)).cadres == []
    short = Config.model_validate({"obligations": {"probation_months": 2}})
    assert load(path, as_of=AS_OF, config=short).cadres == []


def test_a_ladder_without_a_probation_level_skips_every_blank_level(tmp_path: Path) -> None:
    config = Config(levels=[lv for lv in Config().levels if not lv.probation])
    inputs = load(roster_of(tmp_path, ["001", "韩梦瑶", "城关镇", "科员", None, "2026.08"],
                            ["002", "李四", "城关镇", "科员", "试用期", "2026.08"]), as_of=AS_OF, config=config)
    assert inputs.cadres == []
    assert [(p.row, p.code) for p in inputs.problems] == [(2, "missing-value"), (3, "unknown-level")]
    assert inputs.problems[1].expected == "a level such as 县处级副职 or 一级主任科员"


def test_an_unknown_level_names_the_probation_words_a_clerk_may_write(tmp_path: Path) -> None:
    inputs = load(roster_of(tmp_path, ["001", "韩梦瑶", "城关镇", "科员", "临时", "2026.08"]), as_of=AS_OF)
    (problem,) = inputs.problems
    assert problem_in(problem, "zh").message == (
        "第 2 行「职级」列：「临时」不在配置的职级序列中；应为：职级，如 县处级副职、一级主任科员"
        "（试用期尚未定级的写 试用期人员、试用期 或 未定级）")
    assert problem.message.endswith(
        "expected a level such as 县处级副职 or 一级主任科员 (试用期人员, 试用期 or 未定级 for a probationer not yet graded)")


def test_the_rows_skipped_are_kept_by_the_id_and_name_they_give(tmp_path: Path) -> None:
    path = roster_of(tmp_path, ["001", "张三", "城关镇", "科员", "一级科员", None],
                     ["002", "韩梦瑶", "城关镇", "科员", "临时", "2026.08"],
                     ["001", "李四", "城关镇", "科员", "一级科员", None])  # a repeated id
    inputs = load(path, as_of=AS_OF)
    assert inputs.skipped_rows == [SkippedRow("roster.xlsx", "花名册", 3, "002", "韩梦瑶"),
                                   SkippedRow("roster.xlsx", "花名册", 4, "001", "李四")]


def test_a_run_reads_a_blank_level_against_its_own_as_of_date(tmp_path: Path) -> None:
    """analyze and validate (check_inputs) read the roster against the as-of date they are given, not today's."""
    from needscli.pipeline import analyze, check_inputs

    path = roster_of(tmp_path, ["001", "韩梦瑶", "城关镇", "科员", None, "2026.08"],
                     ["002", "张三", "城关镇", "科员", "一级科员", "2020.08"])
    analysis, _ = analyze([path], Config(), as_of=AS_OF)
    assert [(c.id, c.level) for c in analysis.cadres] == [("001", "试用期人员"), ("002", "一级科员")]
    assert [(n.topic_id, n.status) for n in analysis.needs if n.cadre_id == "001" and n.source == "obligation"][0] \
        == ("initial-training", "due")
    later, _ = analyze([path], Config(), as_of=dt.date(2028, 1, 1))
    assert [c.id for c in later.cadres] == ["002"]
    assert [p.code for p in check_inputs([path], Config(), as_of=dt.date(2028, 1, 1)).problems
            if p.row == 2] == ["missing-value"]
