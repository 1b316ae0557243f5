"""An unknown 职级 is met with a suggestion only where one is near: a name sharing the characters that say which
rank it is (处, 科, 调研 ...), never one sharing only 级 or 正/副 (股级 is no 省部级正职); a level in Latin letters only
where it is spelt nearly so (Section Chef, never Grand Poobah). An English roster is suggested the English name."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import load, make_csv, make_workbook

from needscli.config import Config
from needscli.vocab import Vocab
from needscli.wording import problem_in

ROSTER_HEADER = ["编号", "姓名", "单位", "职务", "职级"]


@pytest.mark.parametrize(("written", "suggested"), [
    ("股级", None),  # below every rank of the ladder: no 省部级正职
    ("副股级", None),  # 副 and 级 say nothing of the rank
    ("级", None),
    ("正职", None),
    ("科级", "乡科级正职"),
    ("正处", "县处级正职"),
    ("处长", "县处级正职"),  # a post, read as the rank it usually holds
    ("二级主任科", "二级主任科员"),
    ("一级调研元", "一级调研员"),
    ("Section Chef", "乡科级正职"),  # English names are compared as before
    ("Level-1 Staf Member", "一级科员"),
    ("Grand Poobah", None),  # nearest to probation, yet nothing like it
    ("Staf", None),
])
def test_a_level_is_suggested_only_where_it_shares_the_rank_characters(written: str, suggested: str | None) -> None:
    assert Vocab(Config()).nearest(written, "levels") == suggested


def test_a_level_group_is_suggested_the_same_way() -> None:
    vocab = Vocab(Config())
    assert vocab.nearest("股级", "targets") is None
    assert vocab.nearest("二级主任科", "targets") == "二级主任科员"


def test_the_unknown_level_problem_names_no_far_rank(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"花名册": [ROSTER_HEADER, ["001", "张三", "市财政局", "科员", "股级"],
                                               ["002", "李四", "市财政局", "科员", "科级"]]})
    problems = load(path).problems
    assert [(p.row, p.code) for p in problems] == [(2, "unknown-level"), (3, "unknown-level")]
    assert "did you mean" not in problems[0].message
    assert "(did you mean 乡科级正职?)" in problems[1].message


@pytest.mark.parametrize(("written", "suggested"), [
    ("Section Chef", "Section Chief"), ("Level-1 Staf Member", "Level-1 Staff Member"), ("Grand Poobah", None),
    ("科级", "Section Chief"),
])
def test_a_level_is_suggested_in_english_for_an_english_roster(written: str, suggested: str | None) -> None:
    assert Vocab(Config()).nearest(written, "levels", "en") == suggested


def test_an_english_roster_is_told_the_levels_by_their_english_names(tmp_path: Path) -> None:
    path = make_csv(tmp_path, [["Cadre ID", "Name", "Unit", "Post", "Level"],
                               ["E1", "Wang Ying", "Finance Bureau", "Chief", "Section Chef"],
                               ["E2", "He Yue", "Finance Bureau", "Clerk", "Grand Poobah"]])
    problems = load(path).problems
    assert [(p.row, p.code) for p in problems] == [(2, "unknown-level"), (3, "unknown-level")]
    expected = ("a level such as Deputy Division Director or Level-1 Principal Staff Member (Probationer, probation or "
                "not yet graded for a probationer not yet graded)")
    assert problems[0].message == ('row 2, column "Level": "Section Chef" is not a level of the configured ladder '
                                   f"(did you mean Section Chief?); expected {expected}")
    assert problems[1].message == ('row 3, column "Level": "Grand Poobah" is not a level of the configured ladder; '
                                   f"expected {expected}")
    assert problem_in(problems[0], "zh").message == (
        "第 2 行「Level」列：「Section Chef」不在配置的职级序列中（是否指「Section Chief」？）；应为：职级，如 "
        "Deputy Division Director、Level-1 Principal Staff Member（试用期尚未定级的写 Probationer、probation 或 "
        "not yet graded）")
