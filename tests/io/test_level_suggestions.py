"""An unknown 职级 is met with a suggestion only where one is near: a name sharing the characters that say which
rank it is (处, 科, 调研 ...), never one sharing only 级 or 正/副 (股级 is no 省部级正职)."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import load, make_workbook

from needscli.config import Config
from needscli.vocab import Vocab

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
