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
from needscli.text import clean
from needscli.wording import problem_in

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


def test_two_unnamed_sheets_listing_the_same_cadres_are_refused(tmp_path: Path) -> None:
    # one cadre on both: a cadre with posts in two units, or a slip; reported at the row, the run goes on
    inputs = load(make_workbook(tmp_path, {"岗位": SECTION_CHIEF_POSTS, "Sheet1": roster(GOOD), "Sheet2": roster(GOOD)}))
    assert [(c.id, c.sheet) for c in inputs.cadres] == [("001", "Sheet1")]
    assert [(p.code, p.sheet) for p in inputs.problems] == [("duplicate-id", "Sheet2")]
    with pytest.raises(NeedsError) as info:
        load(make_workbook(tmp_path, {"岗位": SECTION_CHIEF_POSTS, "Sheet1": [FULL_HEADER, *twenty_cadres()],
                                       "Sheet2": [FULL_HEADER, *twenty_cadres()]}))
    assert str(info.value) == ("roster.xlsx: sheets Sheet1 and Sheet2 list the same cadres (20 of the 20 ids of "
                               "Sheet2, such as C01, are on both): one is a copy, or another year's roster; delete or "
                               "hide the one not to read (a hidden sheet is not read), or read one of the two only, "
                               "given as roster.xlsx#Sheet1")


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


def test_two_sheets_with_the_same_roster_are_refused_naming_both(tmp_path: Path) -> None:
    path = save_full_roster(tmp_path, twenty_cadres(), sheets=("Sheet1", "Sheet2", "Sheet3"), roster_on=("Sheet1", "Sheet3"))
    with pytest.raises(NeedsError) as info:
        load(path)
    assert info.value.exit_code == 2
    assert str(info.value) == ("roster.xlsx: sheets Sheet1 and Sheet3 list the same cadres (20 of the 20 ids of "
                               "Sheet3, such as C01, are on both): one is a copy, or another year's roster; delete or "
                               "hide the one not to read (a hidden sheet is not read), or read one of the two only, "
                               "given as roster.xlsx#Sheet1")
    inputs = load(tmp_path / "roster.xlsx#Sheet3")  # the one chosen, as the message says
    assert {c.sheet for c in inputs.cadres} == {"Sheet3"} and len(inputs.cadres) == 20


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


# --- one roster over several sheets ---------------------------------------------------------------

def _unit_sheet(unit: str, first: int, count: int) -> list[list[object]]:
    """A unit's sheet as offices gather them: a title, the header, its cadres, a total and a sign-off line."""
    return [[f"{unit}干部培训情况统计表"], FULL_HEADER,
            *[full_row(i, 单位=unit) for i in range(first, first + count)],
            ["合计", f"{count}人"], ["制表人：张三", None, "审核人：李四", None, "联系电话：12345678"]]


def test_a_workbook_of_one_sheet_a_unit_is_read_as_one_roster(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"市财政局": _unit_sheet("市财政局", 1, 3), "岗位": SECTION_CHIEF_POSTS,
                                    "市审计局": _unit_sheet("市审计局", 4, 2), "填表说明": [["说明"]]})
    inputs = load(path)
    assert [(c.id, c.unit, c.sheet, c.row) for c in inputs.cadres] == [
        ("C01", "市财政局", "市财政局", 3), ("C02", "市财政局", "市财政局", 4), ("C03", "市财政局", "市财政局", 5),
        ("C04", "市审计局", "市审计局", 3), ("C05", "市审计局", "市审计局", 4)]
    assert inputs.counts == {"roster": 5, "posts": 2}
    # the totals and sign-off lines under each table are skipped, each said so; nothing else is wrong
    assert [(p.sheet, p.row, p.message) for p in inputs.problems] == [
        ("市财政局", 6, "第 6 行是合计行（「合计」），不是数据，已跳过"),
        ("市财政局", 7, "第 7 行是表格中的说明文字（如“注：”“填表说明”“填报人”），不是数据，已跳过"),
        ("市审计局", 5, "第 5 行是合计行（「合计」），不是数据，已跳过"),
        ("市审计局", 6, "第 6 行是表格中的说明文字（如“注：”“填表说明”“填报人”），不是数据，已跳过")]
    assert set(inputs.roster_columns) == {("roster.xlsx", "市财政局"), ("roster.xlsx", "市审计局")}


def test_a_roster_named_over_two_sheets_is_read_whole(tmp_path: Path) -> None:
    """花名册 and 花名册 (2): a roster past Excel's rows, or written in parts. An unnamed sheet with a roster header
    beside them is a scratch copy: named in a note, not read."""
    path = make_workbook(tmp_path, {"花名册": roster(GOOD), "花名册 (2)": roster(["002", "李四", "市财政局", "科员", "一级科员"]),
                                    "Sheet1": roster(["003", "王五", "市财政局", "科员", "一级科员"])})
    inputs = load(path)
    assert [(c.id, c.sheet) for c in inputs.cadres] == [("001", "花名册"), ("002", "花名册 (2)")]
    assert [(p.code, p.sheet) for p in inputs.problems] == [("sheet-not-read", "Sheet1")]


def test_an_id_on_two_sheets_is_reported_at_the_later_naming_the_sheet(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"市财政局": _unit_sheet("市财政局", 1, 3), "市审计局": _unit_sheet("市审计局", 3, 3)})
    inputs = load(path)
    assert [(c.id, c.sheet) for c in inputs.cadres] == [("C01", "市财政局"), ("C02", "市财政局"), ("C03", "市财政局"),
                                                        ("C04", "市审计局"), ("C05", "市审计局")]
    [repeat] = [p for p in inputs.problems if p.code == "duplicate-id"]
    assert (repeat.sheet, repeat.cell, repeat.message) == (
        "市审计局", "A3", 'row 3, column "编号": repeats the id of sheet 市财政局 row 5; expected a unique id per cadre')
    assert problem_in(repeat, "zh").message.startswith("第 3 行「编号」列：与工作表「市财政局」第 5 行的编号重复")


def test_validate_says_how_many_sheets_the_roster_came_from(tmp_path: Path) -> None:
    from builders import run_cli

    path = make_workbook(tmp_path, {"市财政局": _unit_sheet("市财政局", 1, 3), "市审计局": _unit_sheet("市审计局", 4, 2)})
    result = run_cli("validate", path)
    assert result.exit_code == 1, result.output  # the skipped totals and sign-off lines are listed
    assert result.stdout.splitlines()[0] == "已读取：干部 5 人（来自 2 张工作表：市财政局、市审计局）"
    other = make_workbook(tmp_path, {"花名册": _unit_sheet("市统计局", 6, 1)}, name="other.xlsx")
    assert run_cli("validate", path, other).stdout.splitlines()[0] == (
        "已读取：干部 6 人（来自 2 个文件的 3 张工作表：roster.xlsx「市财政局」、roster.xlsx「市审计局」、other.xlsx「花名册」）")
    assert run_cli("validate", other).stdout.splitlines()[0] == "已读取：干部 1 人"  # one sheet: nothing to say


def test_the_terminal_names_the_first_sheets_the_roster_came_from(tmp_path: Path) -> None:
    from builders import run_analyze, run_cli

    units = ["市财政局", "市审计局", "市统计局", "市民政局"]
    path = make_workbook(tmp_path, {unit: _unit_sheet(unit, 1 + 2 * i, 2) for i, unit in enumerate(units)})
    line = "已读取：干部 8 人（来自 4 张工作表：市财政局、市审计局、市统计局 …）"
    assert run_cli("validate", path).stdout.splitlines()[0] == line
    result = run_analyze(path, "-o", tmp_path / "out", "--as-of", "2026-11-01")
    assert result.exit_code in (0, 1), result.output
    [row] = [line for line in result.stdout.splitlines() if "来自 4 张工作表" in line]
    assert "市财政局、市审计局、市统计局 …" in row


def test_a_unit_sheet_copied_beside_the_others_is_refused_in_chinese(tmp_path: Path) -> None:
    """One sheet a unit, one of them copied (last year's, or to edit): the cadres would be read twice. Reading one
    sheet only would lose the other units: the message asks for the copy to be deleted or hidden, and once hidden
    the workbook reads."""
    import openpyxl
    from builders import run_needscli

    path = make_workbook(tmp_path, {"市财政局": _unit_sheet("市财政局", 1, 3), "市审计局": _unit_sheet("市审计局", 4, 2),
                                    "市财政局（2025年）": _unit_sheet("市财政局", 1, 3)})
    done = run_needscli("validate", path, env={"NEEDSCLI_LANG": "zh"})
    assert done.returncode == 2
    assert done.stderr == ("错误：roster.xlsx：工作表「市财政局」和「市财政局（2025年）」列的是同一批干部（「市财政局（2025年）」的 3 个"
                           "编号中有 3 个两表都有，如 C01）：其中一张是副本或其他年度的花名册；请删去或隐藏不要读取的那张（隐藏的"
                           "工作表不读取）\n")
    book = openpyxl.load_workbook(path)
    book["市财政局（2025年）"].sheet_state = "hidden"
    book.save(path)
    assert [c.id for c in load(path).cadres] == ["C01", "C02", "C03", "C04", "C05"]


def test_ids_typed_as_numbers_on_one_sheet_and_as_text_on_its_copy_are_the_same_ids(tmp_path: Path) -> None:
    rows = [["编号", "姓名", "单位", "职务", "职级"], *[[1000 + i, f"张{i}", "市财政局", "科员", "一级科员"] for i in range(4)]]
    text = [rows[0], *[[str(r[0]), *r[1:]] for r in rows[1:]]]
    with pytest.raises(NeedsError, match="list the same cadres"):
        load(make_workbook(tmp_path, {"Sheet1": rows, "Sheet2": text}))


def test_the_roster_is_chosen_among_shown_sheets_before_hidden_ones(tmp_path: Path) -> None:
    """A hidden sheet named as the roster (last year's) is neither the roster beside a shown one found by its
    header, nor read beside a shown 花名册; where a hidden sheet is the only roster there is, it is read."""
    import openpyxl

    old = roster(["900", "赵六", "市财政局", "科员", "一级科员"])
    for sheets, hide, read in [({"2025年花名册": old, "Sheet1": roster(GOOD)}, "2025年花名册", "Sheet1"),
                               ({"花名册（旧）": old, "花名册": roster(GOOD)}, "花名册（旧）", "花名册"),
                               ({"花名册": roster(GOOD), "岗位": SECTION_CHIEF_POSTS}, "花名册", "花名册")]:
        path = make_workbook(tmp_path, sheets)
        book = openpyxl.load_workbook(path)
        book[hide].sheet_state = "hidden"
        book.save(path)
        assert {c.sheet for c in load(path).cadres} == {read}, sheets.keys()


def test_an_example_sheet_named_as_the_roster_gives_way_to_the_roster(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"花名册（填写示例）": roster(["示例01", "张三", "市财政局", "科员", "一级科员"]),
                                    "花名册": roster(GOOD)})
    inputs = load(path)
    assert [(c.id, c.sheet) for c in inputs.cadres] == [("001", "花名册")] and inputs.problems == []


def test_a_roster_sheet_continued_without_its_header_is_named_in_a_note(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"花名册": roster(GOOD), "花名册 (2)": [["002", "李四", "市财政局", "科员", "一级科员"]]})
    inputs = load(path)
    [note] = inputs.problems
    assert (note.code, note.sheet) == ("sheet-not-read", "花名册 (2)")
    assert problem_in(note, "zh").message == ("工作表「花名册 (2)」以花名册命名，但没有花名册的表头行；如需读取，请把花名册的表头行复制"
                                              "到它的数据上方")
    # a roster sheet left for the one chosen is not noted
    assert load(tmp_path / "roster.xlsx#花名册").problems == [note]


@pytest.mark.parametrize("rows", [
    [["合计：2人"]], [["共 2 人"]], [["总计", 2]], [["单位负责人：王五", None, "填报日期：2026年10月"]], [["日期：2026.10"]],
])
def test_more_forms_of_totals_and_sign_offs_are_skipped(tmp_path: Path, rows: list[list[object]]) -> None:
    path = make_workbook(tmp_path, {"花名册": [*roster(GOOD), *rows]})
    inputs = load(path)
    assert [c.id for c in inputs.cadres] == ["001"]
    assert [(p.code, p.row) for p in inputs.problems] == [("note-row", 3)]


@pytest.mark.parametrize("total", ["合计：共 423 人", "合计：共3人", "合计　共 ３ 人", "总计: 3 人", "小计３名", "合计（3人）",
                                   "共计：3人", "共有 3 名", "合计人数：3", "合 计"])
def test_a_total_in_any_form_a_clerk_writes_is_skipped_with_a_note_not_read_as_a_cadre(tmp_path: Path,
                                                                                       total: str) -> None:
    """「合计：共 423 人」 under the table was a cadre row with four empty required cells, skipped with four errors."""
    path = make_workbook(tmp_path, {"花名册": [*roster(GOOD), [total]]})
    inputs = load(path)
    assert [c.id for c in inputs.cadres] == ["001"]
    assert [(p.code, p.row, p.severity) for p in inputs.problems] == [("note-row", 3, "warning")]
    assert problem_in(inputs.problems[0], "zh").message == f"第 3 行是合计行（「{clean(total)}」），不是数据，已跳过"


@pytest.mark.parametrize("name", ["共明", "共", "合计明", "小计划"])
def test_a_cadre_whose_name_opens_like_a_total_is_read(tmp_path: Path, name: str) -> None:
    """A total needs the whole cell's shape: a name in the first column that opens with 共 or 合计 is data."""
    header, first = ["姓名", "编号", "单位", "职务", "职级"], ["张三", "001", "市财政局", "科员", "一级科员"]
    path = make_workbook(tmp_path, {"花名册": [header, first, [name, "002", "市财政局", "科员", "一级科员"]]})
    inputs = load(path)
    assert [c.name for c in inputs.cadres] == ["张三", name]
    assert not [p for p in inputs.problems if p.code in ("note-row", "missing-value")]


@pytest.mark.parametrize("heading", ["二、事业编制", "（一）行政编制", "(2) 参公单位", "第二部分 处级干部"])
def test_a_section_heading_inside_the_table_is_skipped_with_one_note(tmp_path: Path, heading: str) -> None:
    """Tables of one sheet under their headings (一、行政编制 … 二、事业编制): a heading alone on its row is no cadre
    with five empty required cells; a cadre whose id opens like one (a row of data) is read."""
    second = ["002", "李四", "市财政局", "科员", "一级科员"]
    path = make_workbook(tmp_path, {"花名册": [*roster(GOOD), [None, heading], second,
                                               ["一、1", "王五", "市财政局", "科员", "一级科员"]]})
    inputs = load(path)
    assert [c.id for c in inputs.cadres] == ["001", "002", "一、1"]
    assert [(p.code, p.row) for p in inputs.problems] == [("note-row", 3)]
    assert heading in inputs.problems[0].message and "分类标题" in inputs.problems[0].message


def test_rows_numbered_like_headings_are_data_on_a_sheet_that_says_its_unit_above(tmp_path: Path) -> None:
    """序号 （1） （2） before the id, under a 填报单位 line: each row a cadre given the line's unit, not a heading."""
    path = make_workbook(tmp_path, {"表1": [["填报单位：县财政局"], ["序号", "编号", "姓名", "职务", "职级"],
                                            ["（1）", "001", "张三", "科员", "一级科员"],
                                            ["（2）", "002", "李四", "科员", "一级科员"]]})
    inputs = load(path)
    assert [(c.id, c.unit) for c in inputs.cadres] == [("001", "县财政局"), ("002", "县财政局")]
    assert [p.code for p in inputs.problems] == ["unit-from-sheet"]


def test_headings_in_the_id_column_of_unit_sheets_make_no_copy(tmp_path: Path) -> None:
    """一、行政编制 … typed in the 编号 column of each unit's sheet: headings, not ids the copy check counts (two sheets
    with the same headings were refused as one roster twice)."""
    def unit(n: int, name: str) -> list[list[object]]:
        return [["编号", "姓名", "单位", "职务", "职级"], ["一、行政编制"], [f"{n}01", "甲", name, "科员", "一级科员"],
                ["二、事业编制"], [f"{n}02", "乙", name, "科员", "一级科员"], ["三、其他"], [f"{n}03", "丙", name, "科员", "一级科员"]]
    inputs = load(make_workbook(tmp_path, {"市财政局": unit(1, "市财政局"), "市审计局": unit(2, "市审计局")}))
    assert [c.id for c in inputs.cadres] == ["101", "102", "103", "201", "202", "203"]
    assert [p.code for p in inputs.problems] == ["note-row"] * 6


def test_a_hidden_sheet_or_an_example_is_no_part_of_the_roster(tmp_path: Path) -> None:
    """A sheet the office hid (last year's, a scratch copy) and a 填写示例 sheet with a roster header and a made-up
    row are not read as parts of the roster; the hidden one is named in a note."""
    import openpyxl

    path = make_workbook(tmp_path, {"旧表": roster(["900", "赵六", "市财政局", "科员", "一级科员"]),
                                    "市财政局": _unit_sheet("市财政局", 1, 2), "填写示例": roster(GOOD),
                                    "市审计局": _unit_sheet("市审计局", 3, 1)})
    book = openpyxl.load_workbook(path)
    book["旧表"].sheet_state = "hidden"
    book.save(path)
    inputs = load(path)
    assert [(c.id, c.sheet) for c in inputs.cadres] == [("C01", "市财政局"), ("C02", "市财政局"), ("C03", "市审计局")]
    [hidden] = [p for p in inputs.problems if p.code == "sheet-not-read"]
    assert (hidden.sheet, problem_in(hidden, "zh").message) == ("旧表", "工作表「旧表」已隐藏，其中有数据，未读取")


RETIREES_TITLE = "XX县2026年退休干部名单"


def _retirees(first: int, count: int, title: str = RETIREES_TITLE) -> list[list[object]]:
    """Retired cadres in the roster's columns, under a title."""
    return [[title], FULL_HEADER, *[full_row(i, 单位="市财政局") for i in range(first, first + count)]]


@pytest.mark.parametrize("roster_name", ["Sheet1", "干部花名册"])
def test_a_retirees_sheet_is_never_read_as_a_part_of_the_roster(tmp_path: Path, roster_name: str) -> None:
    """退休人员 in the roster's columns beside the roster, whether the roster is named so or found by its header:
    its people are no serving cadres, given no obligations nor seats; a note says why it was not read."""
    path = make_workbook(tmp_path, {roster_name: _unit_sheet("市财政局", 1, 3), "退休人员": _retirees(10, 2)})
    inputs = load(path)
    assert [c.sheet for c in inputs.cadres] == [roster_name] * 3
    [note] = [p for p in inputs.problems if p.code == "sheet-not-read"]
    assert (note.sheet, note.severity) == ("退休人员", "warning")
    assert note.message == ("工作表「退休人员」有数据但没有读取：它的表名「退休人员」表明其中不是在职干部（退休）；如需读取，"
                            "请改用不这样写的表名和标题")


@pytest.mark.parametrize(("name", "title", "said"), [
    ("Sheet2", RETIREES_TITLE, "它第 1 行的标题「XX县2026年退休干部名单」"),
    ("调出人员（2025年）", "市财政局干部名单", "它的表名「调出人员（2025年）」"),
    ("退休人员花名册", "市财政局干部名单", "它的表名「退休人员花名册」"),  # named as a roster, and as retirees'
    ("去世", "市财政局干部名单", "它的表名「去世」"),
])
def test_a_sheet_of_people_who_left_service_is_named_by_its_name_or_title(tmp_path: Path, name: str, title: str,
                                                                         said: str) -> None:
    path = make_workbook(tmp_path, {"Sheet1": _unit_sheet("市财政局", 1, 3), name: _retirees(10, 2, title)})
    inputs = load(path)
    assert [c.id for c in inputs.cadres] == [c.id for c in load(make_workbook(
        tmp_path, {"Sheet1": _unit_sheet("市财政局", 1, 3)}, name="alone.xlsx")).cadres]
    [note] = [p for p in inputs.problems if p.code == "sheet-not-read"]
    assert note.sheet == name
    assert said in note.message


def test_a_unit_whose_name_says_retired_is_read_as_a_unit_s_sheet(tmp_path: Path) -> None:
    """离退休干部局 and 离退休人员服务中心 are units with serving cadres; 含退休人员 says a list holds them too."""
    path = make_workbook(tmp_path, {"离退休干部局": _unit_sheet("离退休干部局", 1, 2),
                                    "Sheet2": [["XX县离退休人员服务中心干部花名册"], *_unit_sheet("市审计局", 3, 2)[1:]],
                                    "Sheet3": [["市统计局干部名单（含退休人员）"], *_unit_sheet("市统计局", 5, 1)[1:]]})
    inputs = load(path)
    assert len(inputs.cadres) == 5
    assert [p for p in inputs.problems if p.code == "sheet-not-read"] == []


def test_a_roster_whose_title_leaves_out_retired_and_transferred_cadres_is_read(tmp_path: Path) -> None:
    """「不含退休、调出人员」 says whom the roster leaves out: every word of it, 调出 after the 、 too. The roster was refused
    (no roster sheet, rename 花名册 to 花名册) where its retirees' sheet stood beside it."""
    title = "2026年干部花名册（不含退休、调出人员）"
    path = make_workbook(tmp_path, {"花名册": [[title], *_unit_sheet("市财政局", 1, 2)[1:]],
                                    "退休人员": _retirees(10, 1)})
    inputs = load(path)
    assert [c.sheet for c in inputs.cadres] == ["花名册", "花名册"]
    assert [p.sheet for p in inputs.problems if p.code == "sheet-not-read"] == ["退休人员"]
    alone = make_workbook(tmp_path, {"Sheet1": [["干部名单（除调出人员外）"], *_unit_sheet("市财政局", 1, 2)[1:]],
                                     "Sheet2": [["干部花名册（包括离休、退休干部）"], *_unit_sheet("市审计局", 3, 1)[1:]]},
                          name="other.xlsx")
    assert len(load(alone).cadres) == 3


def test_where_every_sheet_lists_people_who_left_the_refusal_says_which_and_why(tmp_path: Path) -> None:
    """A workbook of a retirees' list and a list of those transferred out has no roster: the message names the sheet
    set aside and what says so, not "name a sheet 花名册"."""
    from builders import run_needscli

    path = make_workbook(tmp_path, {"退休人员": _retirees(1, 2), "调出人员": _retirees(5, 1, "市财政局干部名单")})
    done = run_needscli("validate", path, env={"NEEDSCLI_LANG": "zh"})
    assert done.returncode == 2
    assert done.stderr == ("错误：roster.xlsx：没有花名册工作表（现有：退休人员, 调出人员）：工作表「退休人员」没有读取，因为它的表名"
                           "「退休人员」表明其中不是在职干部（退休）；请为花名册改用不这样写的表名和标题\n")


def test_a_lone_retirees_sheet_or_one_chosen_is_read_as_given(tmp_path: Path) -> None:
    assert len(load(make_workbook(tmp_path, {"退休人员": _retirees(1, 2)})).cadres) == 2
    make_workbook(tmp_path, {"Sheet1": _unit_sheet("市财政局", 1, 3), "退休人员": _retirees(10, 2)}, name="both.xlsx")
    assert len(load(tmp_path / "both.xlsx#退休人员").cadres) == 2


def test_the_retirees_note_in_english(tmp_path: Path) -> None:
    english = [["id", "name", "unit", "post", "level"], ["R1", "Li", "Finance", "clerk", "Grade 1 Clerk"]]
    path = make_workbook(tmp_path, {"Sheet1": [english[0], ["C1", "Wang", "Finance", "clerk", "一级科员"]],
                                    "Retired 退休": english})
    [note] = load(path).problems
    assert note.message == ("sheet Retired 退休 holds data but was not read: its name \"Retired 退休\" says it lists "
                            "people who are not serving cadres (退休); to have it read, give it a name and a title that "
                            "do not say so")
