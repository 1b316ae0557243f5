"""Which sheet of a workbook is the roster and which are the other inputs: by name, by header row, alone
among instructions, under Excel's default names; a sheet with data read as no input is named in a note."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import (
    FULL_HEADER,
    SECTION_CHIEF_POSTS,
    full_row,
    load,
    make_workbook,
    roster,
    save_full_roster,
    twenty_cadres,
)

from needscli.errors import NeedsError
from needscli.io.files import Sheet
from needscli.io.load import assign_sheets, sheet_kind

GOOD = ["001", "张三", "市财政局", "科长", "乡科级正职"]
ROSTER = [["编号", "姓名", "单位", "职务", "职级"], ["C001", "张三", "市财政局", "科员", "一级科员"]]
PRIORITIES = [["编号", "培训主题", "需求来源"], ["P1", "营商环境优化", "改革难点问题"]]


def test_a_default_named_sheet_with_data_beside_the_roster_found_by_its_header_is_named(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"Sheet1": ROSTER, "Sheet2": PRIORITIES, "Sheet3": []})
    inputs = load(path)
    assert [c.id for c in inputs.cadres] == ["C001"]
    assert [(p.code, p.sheet, p.severity) for p in inputs.problems] == [("sheet-not-read", "Sheet2", "warning")]
    assert "组织需求" in inputs.problems[0].message


def test_named_sheets_empty_sheets_and_instructions_give_no_note(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"花名册": ROSTER, "组织需求": PRIORITIES, "Sheet3": [], "填表说明": [["说明"]]})
    inputs = load(path)
    assert inputs.problems == []
    assert [p.id for p in inputs.priorities] == ["P1"]


@pytest.mark.parametrize("name", ["Sheet1", "数据", "干部岗位信息", "培训资源需求调查"])
def test_a_lone_sheet_is_the_roster_whatever_its_name(tmp_path: Path, name: str) -> None:
    inputs = load(make_workbook(tmp_path, {name: roster(GOOD)}))
    assert [(c.id, c.sheet) for c in inputs.cadres] == [("001", name)]


def test_a_lone_unnamed_sheet_beside_known_ones_is_the_roster(tmp_path: Path) -> None:
    inputs = load(make_workbook(tmp_path, {"岗位": SECTION_CHIEF_POSTS, "2024年": roster(GOOD), "填表说明": [["说明"]]}))
    assert [c.sheet for c in inputs.cadres] == ["2024年"]
    assert inputs.counts["posts"] == 2


def test_no_roster_among_several_sheets(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"岗位": SECTION_CHIEF_POSTS, "Sheet1": roster(GOOD), "Sheet2": roster(GOOD)})
    with pytest.raises(NeedsError) as info:
        load(path)
    assert str(info.value) == ("roster.xlsx: no roster sheet among [岗位, Sheet1, Sheet2], and 2 sheets have a roster "
                               "header row (Sheet1, Sheet2); name the one to read 花名册 (or roster), or save each "
                               "roster as its own file")


@pytest.mark.parametrize(
    ("name", "kind"),
    [("花名册", "roster"), ("Roster", "roster"), ("2024年干部花名册", "roster"), ("岗位职责", "posts"),
     ("组织需求", "priorities"), ("课程目录", "topics"), ("培训资源", "resources"), ("规则", "rules"),
     ("Sheet1", None)],
)
def test_sheet_kind(name: str, kind: str | None) -> None:
    assert sheet_kind(name) == kind


def test_assign_sheets_ignores_instruction_sheets(tmp_path: Path) -> None:
    sheets = [Sheet("填表说明", []), Sheet("下拉选项", []), Sheet("数据", [])]
    assert {k: s.name for k, s in assign_sheets(tmp_path / "x.xlsx", sheets).items()} == {"roster": "数据"}


# --- workbooks with Excel's default sheet names ---------------------------------------------------

@pytest.mark.parametrize(("names", "roster_on"), [
    (("Sheet1", "Sheet2", "Sheet3"), "Sheet1"),
    (("工作表1", "工作表2", "工作表3"), "工作表1"),
    (("Sheet1", "Sheet2", "Sheet3"), "Sheet3"),
])
def test_default_sheet_names_with_one_roster_sheet(tmp_path: Path, names: tuple[str, ...], roster_on: str) -> None:
    inputs = load(save_full_roster(tmp_path, twenty_cadres(), sheets=names, roster_on=(roster_on,)))
    assert len(inputs.cadres) == 20 and inputs.problems == []
    assert {c.sheet for c in inputs.cadres} == {roster_on}


def test_default_sheet_names_beside_named_sheets_and_under_a_title(tmp_path: Path) -> None:
    rows = [["岗位名称", "培训主题", "要求水平"], ["科员", "公文写作", 4]]
    path = make_workbook(tmp_path, {"Sheet1": [["说明：本表为示例"]], "Sheet2": [["XX市干部花名册"], FULL_HEADER, full_row(1)],
                                    "岗位": rows, "Sheet3": []})
    inputs = load(path)
    assert [(c.id, c.sheet, c.row) for c in inputs.cadres] == [("C01", "Sheet2", 3)]
    assert inputs.counts == {"roster": 1, "posts": 1}


def test_two_sheets_with_a_roster_header_are_refused_naming_both(tmp_path: Path) -> None:
    path = save_full_roster(tmp_path, twenty_cadres(), sheets=("Sheet1", "Sheet2", "Sheet3"), roster_on=("Sheet1", "Sheet3"))
    with pytest.raises(NeedsError) as info:
        load(path)
    assert info.value.exit_code == 2
    assert str(info.value) == ("roster.xlsx: no roster sheet among [Sheet1, Sheet2, Sheet3], and 2 sheets have a "
                               "roster header row (Sheet1, Sheet3); name the one to read 花名册 (or roster), or save "
                               "each roster as its own file")


def test_no_sheet_with_a_roster_header_keeps_the_old_refusal(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"Sheet1": [["备注", "内容"]], "Sheet2": [], "Sheet3": []})
    with pytest.raises(NeedsError) as info:
        load(path)
    assert str(info.value) == "roster.xlsx: no roster sheet among [Sheet1, Sheet2, Sheet3]; name it 花名册 (or roster)"


def test_a_named_roster_sheet_still_wins(tmp_path: Path) -> None:
    path = save_full_roster(tmp_path, twenty_cadres(), sheets=("Sheet1", "花名册"), roster_on=("Sheet1", "花名册"))
    assert {c.sheet for c in load(path).cadres} == {"花名册"}


def test_a_mapped_header_counts_for_the_roster_header(tmp_path: Path) -> None:
    rows = [["人事编码", "姓名", "单位", "职务", "职级"], ["001", "张三", "市财政局", "科长", "乡科级正职"]]
    path = make_workbook(tmp_path, {"Sheet1": rows, "Sheet2": [], "Sheet3": []})
    with pytest.raises(NeedsError):
        load(path)  # 编号 (id) is missing: no sheet has a roster header row
    inputs = load(path, mapping={"roster": {"人事编码": "id"}})
    assert [(c.id, c.sheet) for c in inputs.cadres] == [("001", "Sheet1")]


def test_a_separate_posts_file_with_default_sheet_names(tmp_path: Path) -> None:
    book = save_full_roster(tmp_path, twenty_cadres())
    posts = make_workbook(tmp_path, {"Sheet1": [["岗位名称", "培训主题", "要求水平"], ["科员", "公文写作", 4]],
                                     "Sheet2": [], "Sheet3": []}, name="posts.xlsx")
    inputs = load(book, extra={"posts": posts})
    assert [(p.file, p.sheet, p.topic) for p in inputs.posts] == [("posts.xlsx", "Sheet1", "公文写作")]
