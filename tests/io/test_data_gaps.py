"""The warnings naming the blank roster cells an obligation needs: an hours cell and the days cell beside it."""

from __future__ import annotations

from pathlib import Path

from builders import make_workbook

import needscli

HEADER = ["编号", "姓名", "单位", "职务", "职级", "本年度学时", "本年度培训天数", "五年累计学时", "五年累计培训天数",
          "本年度网络学时"]


def _gaps(tmp_path: Path, *rows: list[object], config: object = None) -> list[needscli.Problem]:
    roster = make_workbook(tmp_path, {"花名册": [HEADER, *rows]})
    analysis = needscli.analyze(roster, as_of="2026-11-01", config=config)  # type: ignore[arg-type]
    return [p for p in analysis.problems if p.code == "compliance-unknown"]


def test_a_blank_hours_cell_says_the_days_cell_beside_it_is_blank_too(tmp_path: Path) -> None:
    """Days or hours settle the standard (五年90天或550学时): a five-year cadre with both blank is told both, and to
    fill either; one with the days filled is not warned at all, being known by them."""
    gaps = _gaps(tmp_path, ["H7", "张三", "市财政局", "副局长", "县处级副职", 40, 8, None, None, 50],
                 ["H8", "李四", "市财政局", "副局长", "县处级副职", 40, 8, None, 95, 50])
    assert [(p.row, p.cell, p.message, p.expected) for p in gaps] == [
        (2, "H2", "第 2 行「五年累计学时」为空（「五年累计培训天数」也为空）：学时达标情况未知",
         "五年累计集中培训学时或天数（数字，填一项即可）")]


def test_where_the_standard_counts_no_days_the_hours_cell_alone_is_named(tmp_path: Path) -> None:
    config = {"hours": {"annual_days_required": 0}}
    gaps = _gaps(tmp_path, ["S1", "王五", "市财政局", "科员", "一级科员", None, None, None, None, 50], config=config)
    assert [(p.cell, p.message) for p in gaps] == [("F2", "第 2 行「本年度学时」为空：学时达标情况未知")]
    english = needscli.analyze(make_workbook(tmp_path, {"花名册": [HEADER, ["S1", "王五", "市财政局", "科员", "一级科员",
                                                                            None, None, None, None, 50]]},
                                             name="en.xlsx"), as_of="2026-11-01", lang="en")
    [gap] = [p for p in english.problems if p.code == "compliance-unknown"]
    assert gap.message == 'row 2: "本年度学时" is blank (and so is "本年度培训天数"): hours compliance unknown'
