"""A sheet of the roster workbook that holds data but is read as no input is named in a note."""

from __future__ import annotations

from pathlib import Path

from conftest import make_workbook

from needscli.config import Config
from needscli.io.load import load_inputs

ROSTER = [["编号", "姓名", "单位", "职务", "职级"], ["C001", "张三", "市财政局", "科员", "一级科员"]]
PRIORITIES = [["编号", "培训主题", "需求来源"], ["P1", "营商环境优化", "改革难点问题"]]


def test_a_default_named_sheet_with_data_beside_the_roster_found_by_its_header_is_named(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"Sheet1": ROSTER, "Sheet2": PRIORITIES, "Sheet3": []})
    inputs = load_inputs([path], Config())
    assert [c.id for c in inputs.cadres] == ["C001"]
    assert [(p.code, p.sheet, p.severity) for p in inputs.problems] == [("sheet-not-read", "Sheet2", "warning")]
    assert "组织需求" in inputs.problems[0].message


def test_named_sheets_empty_sheets_and_instructions_give_no_note(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"花名册": ROSTER, "组织需求": PRIORITIES, "Sheet3": [], "填表说明": [["说明"]]})
    inputs = load_inputs([path], Config())
    assert inputs.problems == []
    assert [p.id for p in inputs.priorities] == ["P1"]
