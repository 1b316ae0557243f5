"""Loading rosters and the other sheets into models, with one Problem per faulty cell; a roster named
twice is read once."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from builders import (
    CANARY_ID,
    CANARY_NAME,
    ROSTER_HEADER,
    SECTION_CHIEF_POSTS,
    acceptance_workbook,
    full_row,
    load,
    make_csv,
    make_workbook,
    roster,
    save_full_roster,
    twenty_cadres,
    where,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from needscli.config import Config
from needscli.errors import NeedsError, Problem
from needscli.io.cells import birth_in_id_number
from needscli.models import Cadre, Completion, Rating

GOOD = ["001", "张三", "市财政局", "科长", "乡科级正职"]
PROVENANCE = {"file", "sheet", "row"}


def person(cadre: Cadre) -> dict[str, object]:
    """A cadre without where it was read from."""
    return cadre.model_dump(exclude=PROVENANCE)


def assert_no_leak(problems: list[Problem], *values: str) -> None:
    for p in problems:
        for value in (CANARY_NAME, CANARY_ID, *values):
            assert value not in p.message, (p.code, p.message)
            assert value not in p.expected, (p.code, p.expected)


# --- header detection and layout -----------------------------------------------------------


def test_roster_under_title_row_and_filing_line(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"花名册": [
        ["填报单位：市委组织部", None, None, "填报日期：2024年5月"],
        ROSTER_HEADER,
        GOOD,
    ]}, title="XX单位干部花名册")
    inputs = load(path)
    assert inputs.problems == []
    [cadre] = inputs.cadres
    assert (cadre.file, cadre.sheet, cadre.row) == ("roster.xlsx", "花名册", 4)
    assert (cadre.id, cadre.name, cadre.unit, cadre.post, cadre.level) == tuple(GOOD)
    assert inputs.lang == "zh"


def test_blank_rows_are_skipped_and_rows_keep_their_excel_numbers(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"花名册": [
        ROSTER_HEADER,
        GOOD,
        [],
        [None, "  ", None, "", None],
        ["002", "李四", "市财政局", "科员", ""],
    ]})
    inputs = load(path)
    assert [c.id for c in inputs.cadres] == ["001"]
    assert where(inputs.problems) == [(5, "职级", "missing-value")]
    assert inputs.problems[0].cell == "E5"


def test_table_away_from_a1_keeps_excel_cell_references(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"花名册": [[], [], [None, None, *ROSTER_HEADER],
                                               [None, None, "001", "张三", "市财政局", "科长", "处长"]]})
    inputs = load(path)
    assert [(p.row, p.column, p.cell, p.code) for p in inputs.problems] == [(4, "职级", "G4", "unknown-level")]


def test_english_headers_and_extra_columns(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"Sheet1": [
        ["Remark", "Cadre ID", "Name", "Unit", "Post", "Level", "Phone"],
        ["note", "007", "Zhang San", "Finance Bureau", "Section chief", "Section Chief", "13800000000"],
    ]})
    inputs = load(path)
    assert inputs.problems == []
    [cadre] = inputs.cadres
    assert (cadre.id, cadre.level) == ("007", "乡科级正职")
    assert inputs.lang == "en"


def test_rating_columns(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"花名册": [
        [*ROSTER_HEADER, "能力:法治思维", "重要性:法治思维", "ability:数字政府"],
        [*GOOD, 2, 5, None],
        ["002", "李四", "市财政局", "科员", "一级科员", "4", None, 3],
    ]})
    inputs = load(path)
    assert inputs.problems == []
    assert [c.ratings for c in inputs.cadres] == [
        {"法治思维": Rating(ability=2, importance=5)},
        {"法治思维": Rating(ability=4), "数字政府": Rating(ability=3)},
    ]


# --- ids ---------------------------------------------------------------------------------------


def test_ids_are_text(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"花名册": roster(
        ["007", "张三", "市财政局", "科长", "乡科级正职"],
        [CANARY_ID, "李四", "市财政局", "科员", "一级科员"],
        ["11010519491231002X", "王五", "市财政局", "科员", "一级科员"],
    )})
    assert [c.id for c in load(path).cadres] == ["007", CANARY_ID, "11010519491231002X"]


def test_long_id_stored_as_number_is_bad_id(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"花名册": roster(GOOD, [int(CANARY_ID), CANARY_NAME, "市财政局", "科员", "一级科员"])})
    inputs = load(path)
    assert where(inputs.problems) == [(3, "编号", "bad-id")]
    assert inputs.problems[0].cell == "A3"
    assert [c.id for c in inputs.cadres] == ["001"]
    assert_no_leak(inputs.problems, "1.1010519491231002e+17", "110105194912310000")


def test_id_exported_in_scientific_notation_is_bad_id(tmp_path: Path) -> None:
    path = make_csv(tmp_path, roster(GOOD, ["1.10105E+17", CANARY_NAME, "市财政局", "科员", "一级科员"]))
    inputs = load(path)
    assert where(inputs.problems) == [(3, "编号", "bad-id")]
    assert inputs.problems[0].cell == "A3"
    assert_no_leak(inputs.problems, "1.10105E+17")


# --- dates -------------------------------------------------------------------------------------


DATE_CELLS = [
    ("2023-05-01", dt.date(2023, 5, 1)),
    ("2023-05", dt.date(2023, 5, 1)),
    ("2023.05", dt.date(2023, 5, 1)),
    ("2023/5", dt.date(2023, 5, 1)),
    ("2023年5月", dt.date(2023, 5, 1)),
    ("2023年5月1日", dt.date(2023, 5, 1)),
    (dt.date(2023, 5, 17), dt.date(2023, 5, 17)),  # a real Excel date cell
    (dt.datetime(2023, 5, 17, 0, 0), dt.date(2023, 5, 17)),
    (45063, dt.date(2023, 5, 17)),  # an Excel serial number in a plain number cell
    (2023.05, dt.date(2023, 5, 1)),  # 2023.05 typed into a number cell
]


def test_every_date_form_loads_from_a_workbook(tmp_path: Path) -> None:
    rows = [[f"{i:03d}", "张三", "市财政局", "科员", "一级科员", cell] for i, (cell, _) in enumerate(DATE_CELLS)]
    path = make_workbook(tmp_path, {"花名册": roster(*rows, header=[*ROSTER_HEADER, "任现职时间"])})
    inputs = load(path)
    assert inputs.problems == []
    assert [c.appointed for c in inputs.cadres] == [expected for _, expected in DATE_CELLS]


def test_bad_date_is_reported_and_the_row_kept(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"花名册": roster(
        [*GOOD, "2023.13"],
        ["002", CANARY_NAME, "市财政局", "科员", "一级科员", "去年五月"],
        header=[*ROSTER_HEADER, "出生年月(yyyy.mm)"],
    )})
    inputs = load(path)
    assert where(inputs.problems) == [(2, "出生年月(yyyy.mm)", "bad-date"), (3, "出生年月(yyyy.mm)", "bad-date")]
    assert [p.cell for p in inputs.problems] == ["F2", "F3"]
    assert {p.severity for p in inputs.problems} == {"warning"}
    assert [(c.id, c.birth_date) for c in inputs.cadres] == [("001", None), ("002", None)]
    assert_no_leak(inputs.problems, "2023.13", "去年五月")


def test_ambiguous_number_cell_date_is_reported(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"花名册": roster([*GOOD, 2023.1], header=[*ROSTER_HEADER, "任现职时间"])})
    inputs = load(path)
    assert where(inputs.problems) == [(2, "任现职时间", "bad-date")]
    assert "January or October" in inputs.problems[0].message
    assert inputs.cadres[0].appointed is None


# --- list cells --------------------------------------------------------------------------------


def test_list_cells_and_completions(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"花名册": roster(
        [*GOOD, "党性教育(2024.06)；政治理论、法治思维（2023年5月）", "数字政府;应急管理\n乡村振兴，统计,保密"],
        header=[*ROSTER_HEADER, "已参加培训", "个人培训需求"],
    )})
    [cadre] = load(path).cadres
    assert cadre.completed == [
        Completion(topic="党性教育", date=dt.date(2024, 6, 1)),
        Completion(topic="政治理论"),
        Completion(topic="法治思维", date=dt.date(2023, 5, 1)),
    ]
    assert cadre.wishes == ["数字政府", "应急管理", "乡村振兴", "统计", "保密"]


# --- one problem per fault, naming sheet, row, column and cell ------------------------------


@pytest.mark.parametrize(
    ("column", "value", "code", "kept"),
    [
        ("姓名", None, "missing-value", False),
        ("单位", "   ", "missing-value", False),
        ("编号", int(CANARY_ID), "bad-id", False),
        ("任现职时间", "2023.13", "bad-date", True),
        ("已参加培训", "测试张三专题(2024.13)", "bad-date", True),
        ("本年度学时", "四十", "bad-number", True),
        ("五年累计学时", "-3", "bad-number", True),
        ("能力:法治思维", 9, "bad-number", True),
        ("职级", "处长", "unknown-level", False),
        ("干部类别", "外星干部", "unknown-category", True),
        ("职位类别", "神秘类", "unknown-job-family", True),
        ("部门", "测" * 501, "text-too-long", True),  # an optional field: the value is left out, the row kept
        ("姓名", CANARY_NAME * 130, "text-too-long", False),
    ],
)
def test_each_problem_code(tmp_path: Path, column: str, value: object, code: str, kept: bool) -> None:
    extra = [] if column in ROSTER_HEADER else [column]  # an optional column goes last, in F
    bad: list[object] = [CANARY_ID, CANARY_NAME, "市财政局", "科员", "一级科员", *[None] * len(extra)]
    bad[[*ROSTER_HEADER, *extra].index(column)] = value
    path = make_workbook(tmp_path, {"花名册": roster(
        [*GOOD, *[None] * len(extra)], bad, header=[*ROSTER_HEADER, *extra])})
    inputs = load(path)
    assert where(inputs.problems) == [(3, column, code)]
    problem = inputs.problems[0]
    letter = "ABCDEF"[[*ROSTER_HEADER, *extra].index(column)]
    assert (problem.file, problem.sheet, problem.cell) == ("roster.xlsx", "花名册", f"{letter}3")
    assert problem.severity == ("warning" if kept else "error")
    assert [c.id for c in inputs.cadres] == (["001", CANARY_ID] if kept else ["001"])
    if code in ("bad-date", "bad-number", "unknown-level") and column not in ("已参加培训", "能力:法治思维"):
        # a date, a number or a level identifies nobody: the message quotes it, and never the id or name
        assert f'"{value}"' in problem.message
        assert_no_leak(inputs.problems)
    else:
        assert_no_leak(inputs.problems, *([value] if isinstance(value, str) and value.strip() else []))


def test_unknown_level_suggests_the_near_miss(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"花名册": roster(["001", CANARY_NAME, "市财政局", "科长", "乡科级正值"])})
    [problem] = load(path).problems
    assert problem.code == "unknown-level"
    assert "(did you mean 乡科级正职?)" in problem.message
    assert problem.message.startswith('row 2, column "职级": ')


def test_level_aliases_resolve_to_the_ladder(tmp_path: Path) -> None:
    rows = [[f"{i}", "张三", "单位", "科员", level] for i, level in
            enumerate(["正处级", "副科级", "县处级副", "Section Chief", "一级主任科员", "中层正职"])]
    inputs = load(make_workbook(tmp_path, {"花名册": roster(*rows)}))
    assert inputs.problems == []
    assert [c.level for c in inputs.cadres] == ["县处级正职", "乡科级副职", "县处级副职", "乡科级正职",
                                                "一级主任科员", "中层正职"]


def test_vocabulary_aliases_resolve(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"花名册": roster(
        [*GOOD, "专技人员", "行政执法"], header=[*ROSTER_HEADER, "人员类别", "职位类别"])})
    [cadre] = load(path).cadres
    assert (cadre.category, cadre.job_family) == ("专业技术人员", "行政执法类")


def test_control_character(tmp_path: Path) -> None:
    path = make_csv(tmp_path, roster(GOOD, ["002", "测试\x07张三", "市财政局", "科员", "一级科员"]))
    inputs = load(path)
    assert where(inputs.problems) == [(3, "姓名", "control-character")]
    assert inputs.problems[0].cell == "B3"
    assert [c.id for c in inputs.cadres] == ["001"]
    assert_no_leak(inputs.problems, "测试\x07张三")


def test_duplicate_id(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"花名册": roster(
        [CANARY_ID, "张三", "市财政局", "科长", "乡科级正职"],
        ["002", "李四", "市财政局", "科员", "一级科员"],
        [CANARY_ID, CANARY_NAME, "市财政局", "科员", "一级科员"],
    )}, title="XX单位干部花名册")
    inputs = load(path)
    assert where(inputs.problems) == [(5, "编号", "duplicate-id")]
    assert inputs.problems[0].cell == "A5"
    assert "row 3" in inputs.problems[0].message
    assert [c.name for c in inputs.cadres] == ["张三", "李四"]
    assert inputs.skipped == {"roster": 1}
    assert_no_leak(inputs.problems)


def test_duplicate_id_across_roster_files(tmp_path: Path) -> None:
    first = make_workbook(tmp_path, {"花名册": roster(GOOD)}, name="a.xlsx")
    second = make_csv(tmp_path, roster(["001", "李四", "县财政局", "科员", "一级科员"]), name="b.csv")
    inputs = load(first, second)
    assert where(inputs.problems) == [(2, "编号", "duplicate-id")]
    assert (inputs.problems[0].file, inputs.problems[0].sheet) == ("b.csv", "")  # a CSV has no sheet to name
    assert "a.xlsx row 2" in inputs.problems[0].message


def test_missing_required_column_stops_the_run(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"花名册": [["编号", "姓名", "单位", "职务", "职等"], GOOD]})
    with pytest.raises(NeedsError) as info:
        load(path)
    assert str(info.value) == 'roster.xlsx, sheet 花名册: header row 1: no "职级" (Level) column (did you mean 职等?)'
    assert info.value.exit_code == 2


def test_no_header_row_stops_the_run(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"花名册": [["张三", "市财政局"], ["李四", "市财政局"]]})
    with pytest.raises(NeedsError, match="no header row found"):
        load(path)


def test_acceptance_one_problem_per_fault(tmp_path: Path) -> None:
    """A bad date, a duplicate id, an empty name, a word for hours and an unknown level."""
    path = acceptance_workbook(tmp_path)
    inputs = load(path)
    assert [(p.sheet, p.row, p.column, p.cell, p.code) for p in inputs.problems] == [
        ("花名册", 4, "任现职时间", "F4", "bad-date"),
        ("花名册", 5, "编号", "A5", "duplicate-id"),
        ("花名册", 6, "姓名", "B6", "missing-value"),
        ("花名册", 7, "本年度学时", "G7", "bad-number"),
        ("花名册", 8, "职级", "E8", "unknown-level"),
    ]
    assert all(p.message.startswith(f'row {p.row}, column "{p.column}": ') for p in inputs.problems)
    assert [c.id for c in inputs.cadres] == ["001", CANARY_ID, "005"]
    # the faulty date, number and level are quoted; ids and names never
    assert [p.message.split(": ", 1)[1].split(" ", 1)[0] for p in inputs.problems if p.code in
            ("bad-date", "bad-number", "unknown-level")] == ['"2023.13"', '"四十"', '"乡科级正值"']
    assert_no_leak(inputs.problems)


# --- one roster, three encodings -------------------------------------------------------------

SAME_HEADER = [*ROSTER_HEADER, "部门", "干部类别", "职位类别", "任现职时间", "出生年月", "本年度学时",
               "五年累计学时", "已参加培训", "个人培训需求", "能力:法治思维", "重要性:法治思维"]


def same_roster(typed: bool) -> list[list[object]]:
    """The roster with typed cells (as Excel stores them) or as text (as a CSV carries them)."""
    def cell(value: object) -> object:
        if typed:
            return value
        return value.isoformat() if isinstance(value, dt.date) else str(value)

    rows = [
        ["007", "张三", "市财政局", "科长", "乡科级正职", "预算科", "公务员", "综合管理类",
         dt.date(2021, 3, 1), dt.date(1980, 5, 1), 40, 300.5, "党性教育(2024.06)；政治理论", "数字政府、应急管理", 2, 5],
        [CANARY_ID, "李四", "市委组织部", "副处长", "县处级副职", "干部一处", "领导干部", "综合管理类",
         dt.date(2019, 11, 1), dt.date(1975, 1, 1), 12.5, 480, "", "法治思维\n保密", 4, 3],
    ]
    return [SAME_HEADER, *[[cell(v) for v in row] for row in rows]]


def test_xlsx_and_csv_encodings_load_equal_models(tmp_path: Path) -> None:
    xlsx = load(make_workbook(tmp_path, {"花名册": same_roster(typed=True)}))
    bom = load(make_csv(tmp_path, same_roster(typed=False), "utf-8-sig", name="bom.csv"))
    gb = load(make_csv(tmp_path, same_roster(typed=False), "gb18030", name="gb.csv"))
    assert xlsx.problems == bom.problems == gb.problems == []
    assert [person(c) for c in xlsx.cadres] == [person(c) for c in bom.cadres] == [person(c) for c in gb.cadres]
    assert [c.id for c in gb.cadres] == ["007", CANARY_ID]
    assert gb.cadres[0].hours_five_year == 300.5
    assert gb.cadres[1].wishes == ["法治思维", "保密"]


# --- the other sheets, in the workbook or in files of their own ----------------------------------

PRIORITIES = [["编号", "培训主题", "需求来源", "适用职级", "适用类别", "优先级", "完成期限"],
              ["Z1", "数字政府", "中央重大决策部署", "县处级以上", "全部", "高", "2024年12月"]]
RESOURCES = [["培训机构", "机构类型", "承训主题", "每期座位", "评估得分"], ["市委党校", "党校", "法治思维；数字政府", 60, 92]]


def test_all_sheets_of_one_workbook_are_found(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"说明": [["填表说明"]], "花名册": roster(GOOD), "岗位": SECTION_CHIEF_POSTS,
                                    "组织需求": PRIORITIES, "培训资源": RESOURCES})
    inputs = load(path)
    assert inputs.problems == []
    assert inputs.counts == {"roster": 1, "posts": 2, "priorities": 1, "resources": 1}
    assert inputs.sources["posts"] == "roster.xlsx / 岗位"
    assert [(p.post_code, p.post_title, p.topic, p.required_level, p.importance) for p in inputs.posts] == [
        ("P01", "科长", "法治思维", 4, 5), ("P01", "科长", "数字政府", 3, 4)]
    [priority] = inputs.priorities
    assert (priority.id, priority.source_kind, priority.target_levels, priority.target_categories,
            priority.priority, priority.deadline) == ("Z1", "中央重大决策部署", ["县处级以上"], [], 5,
                                                      dt.date(2024, 12, 31))  # 2024年12月: by its end
    [resource] = inputs.resources
    assert (resource.provider, resource.kind, resource.topics, resource.seats_per_period, resource.score) == (
        "市委党校", "party-school", ["法治思维", "数字政府"], 60, 92.0)


def test_separate_files_via_extra(tmp_path: Path) -> None:
    book = make_workbook(tmp_path, {"花名册": roster(GOOD), "岗位": [SECTION_CHIEF_POSTS[0], SECTION_CHIEF_POSTS[1]]})
    posts = make_workbook(tmp_path, {"Sheet1": SECTION_CHIEF_POSTS}, name="posts.xlsx")
    priorities = make_csv(tmp_path, PRIORITIES, name="组织需求.csv")
    inputs = load(book, extra={"posts": posts, "priorities": priorities, "topics": None})
    assert inputs.counts == {"roster": 1, "posts": 2, "priorities": 1}
    assert {p.file for p in inputs.posts} == {"posts.xlsx"}
    assert inputs.sources["priorities"] == "组织需求.csv"  # a CSV has no sheets


def test_rules_toml_is_recorded_not_read(tmp_path: Path) -> None:
    rules = tmp_path / "rules.toml"
    inputs = load(make_workbook(tmp_path, {"花名册": roster(GOOD)}), extra={"rules": rules})
    assert inputs.rules_path == rules


def test_rules_sheet_rows_keep_list_items_apart(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"花名册": roster(GOOD), "规则": [
        ["规则编号", "字段", "运算符", "值", "培训主题"],
        ["R1", "level", "in", "县处级正职", "法治思维\n数字政府、保密"],
    ]})
    inputs = load(path)
    assert inputs.rule_rows == [(2, {"id": "R1", "name": "", "match": "", "field": "level", "op": "in",
                                     "value": "县处级正职", "topics": "法治思维；数字政府；保密", "source": "",
                                     "weight": "", "training_type": ""})]


# --- priorities --------------------------------------------------------------------------------


def test_priority_problems(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"花名册": roster(GOOD), "组织需求": [
        PRIORITIES[0],
        ["Z1", "数字政府", "随便来源", "县处级以上", "", "", ""],
        ["Z2", "数字政府", "", "处长级", "", "", ""],
        ["Z3", "数字政府", "", "", "外星干部", "", ""],
        ["Z4", "数字政府", "", "", "", "", "明年"],
    ]})
    inputs = load(path)
    assert [(p.sheet, p.row, p.column, p.cell, p.code) for p in inputs.problems] == [
        ("组织需求", 2, "需求来源", "C2", "unknown-source-kind"),
        ("组织需求", 3, "适用职级", "D3", "unknown-level"),
        ("组织需求", 4, "适用类别", "E4", "unknown-category"),
        ("组织需求", 5, "完成期限", "G5", "bad-date"),
    ]
    assert [(p.id, p.source_kind) for p in inputs.priorities] == [("Z1", "其他"), ("Z4", "其他")]
    assert_no_leak(inputs.problems, "随便来源", "处长级", "外星干部")
    assert '"明年" is not a date' in inputs.problems[-1].message  # a date is quoted


START_HEADER = ["编号", "培训主题", "需求来源", "开始时间", "完成期限"]


@pytest.mark.parametrize("header", ["开始时间", "部署时间", "启动时间", "起始日期", "Start date"])
def test_a_priority_gives_its_rounds_start_as_a_date(tmp_path: Path, header: str) -> None:
    """The day a rotation's round starts (the decision deployed), under a header an office writes: a month written as
    text starts on its first day, an Excel date cell is its date; a blank cell gives no start."""
    path = make_workbook(tmp_path, {"花名册": roster(GOOD), "组织需求": [
        [*START_HEADER[:3], header, START_HEADER[4]],
        ["Z1", "学习贯彻党的二十届四中全会精神", "中央重大决策部署", "2025年10月", "2027-03-31"],
        ["Z2", "数字政府", "中央重大决策部署", dt.date(2025, 10, 23), "2027年3月"],
        ["Z3", "保密", "其他", None, None]]})
    inputs = load(path)
    assert inputs.problems == []
    assert [(p.id, p.start, p.deadline) for p in inputs.priorities] == [
        ("Z1", dt.date(2025, 10, 1), dt.date(2027, 3, 31)), ("Z2", dt.date(2025, 10, 23), dt.date(2027, 3, 31)),
        ("Z3", None, None)]


def test_a_priority_start_not_a_date_or_after_the_deadline_is_left_out_with_a_warning(tmp_path: Path) -> None:
    """A start that is no date, or one after the row's 完成期限 (a round due before it begins: one of the two is
    mistyped), is a warning naming the file, sheet, row and column, in the sheet's language; the row is kept, its
    round starting as where the sheet gives none, and the warning says so."""
    from needscli.pipeline import check_inputs

    rows = [["Z1", "学习贯彻党的二十届四中全会精神", "中央重大决策部署", "2025.13", "2027-03-31"],
            ["Z2", "数字政府", "中央重大决策部署", "2027年5月", "2027年3月"],
            ["Z3", "保密", "中央重大决策部署", dt.date(2027, 5, 1), "2027-03-31"],
            ["Z4", "乡村振兴", "中央重大决策部署", "2027-03-31", "2027-03-31"]]
    path = make_workbook(tmp_path, {"花名册": roster(GOOD), "组织需求": [START_HEADER, *rows]})
    inputs = check_inputs([path], Config(), as_of=dt.date(2026, 11, 1))
    faults = [p for p in inputs.problems if p.sheet == "组织需求"]
    assert [(p.file, p.sheet, p.row, p.column, p.cell, p.code, p.severity) for p in faults] == [
        ("roster.xlsx", "组织需求", row, "开始时间", f"D{row}", "bad-date", "warning") for row in (2, 3, 4)]
    assert [p.message for p in faults] == [
        "第 2 行「开始时间」列：「2025.13」不是有效的日期，已按空白处理：集中轮训的本轮起点按专题有效期自完成期限倒推"
        "（该行已保留）；应为：日期，如 2023-05-01、2023-05、2023.05 或 2023年5月",
        "第 3 行「开始时间」列：「2027年5月」晚于本行的「完成期限」2027-03-31，已按空白处理：集中轮训的本轮起点按专题有效期"
        "自完成期限倒推（该行已保留）；应为：不晚于「完成期限」的日期",
        "第 4 行「开始时间」列：「2027-05-01」晚于本行的「完成期限」2027-03-31，已按空白处理：集中轮训的本轮起点按专题有效期"
        "自完成期限倒推（该行已保留）；应为：不晚于「完成期限」的日期"]
    assert [(p.id, p.start) for p in inputs.priorities] == [("Z1", None), ("Z2", None), ("Z3", None),
                                                             ("Z4", dt.date(2027, 3, 31))]
    english = make_workbook(tmp_path, {"Roster": roster(GOOD, header=["Cadre ID", "Name", "Unit", "Post", "Level"]),
                                       "Priorities": [["Priority ID", "Topic", "Source kind", "Start date", "Deadline"],
                                                      rows[0], rows[2]]}, name="english.xlsx")
    faults = [p for p in check_inputs([english], Config(), as_of=dt.date(2026, 11, 1)).problems
              if p.sheet == "Priorities"]
    assert [p.message for p in faults] == [
        'row 2, column "Start date": "2025.13" is not a valid date, so it was read as blank: a rotation\'s round then '
        "starts the topic's validity before the deadline (the row was kept); expected a date such as 2023-05-01, "
        "2023-05, 2023.05 or 2023/5",
        'row 3, column "Start date": "2027-05-01" is after the Deadline 2027-03-31 of its row, so it was read as '
        "blank: a rotation's round then starts the topic's validity before the deadline (the row was kept); expected "
        "a start on or before the Deadline"]


def test_a_priority_deadline_not_a_date_says_the_row_has_none(tmp_path: Path) -> None:
    """A 完成期限 that is no date is a warning saying what the row then is: one without a deadline, a central
    decision's rotation falling due at the year's end; the row is kept."""
    from needscli.pipeline import check_inputs

    rows = [["Z1", "学习贯彻党的二十届四中全会精神", "中央重大决策部署", "2025-10-23", "2027-13-31"]]
    path = make_workbook(tmp_path, {"花名册": roster(GOOD), "组织需求": [START_HEADER, *rows]})
    inputs = check_inputs([path], Config(), as_of=dt.date(2026, 11, 1))
    assert [(p.cell, p.severity, p.message) for p in inputs.problems if p.sheet == "组织需求"] == [
        ("E2", "warning", "第 2 行「完成期限」列：「2027-13-31」不是有效的日期，已按空白处理：该组织需求无完成期限"
         "（中央重大决策部署的集中轮训按当年年底到期）（该行已保留）；应为：日期，如 2023-05-01、2023-05、2023.05 或 2023年5月")]
    assert [(p.id, p.deadline) for p in inputs.priorities] == [("Z1", None)]


def test_posts_missing_topic(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"花名册": roster(GOOD), "岗位": [SECTION_CHIEF_POSTS[0], ["P01", "科长", None, 4, 5]]})
    assert where(load(path).problems) == [(2, "培训主题", "missing-value")]


# --- a roster named twice ----------------------------------------------------------------------

def test_the_same_roster_twice_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = save_full_roster(tmp_path, twenty_cadres(), name="one.xlsx")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    inputs = load(path, Path("../one.xlsx"), Path("..") / "sub" / ".." / "one.xlsx", path)
    assert len(inputs.cadres) == 20 and inputs.counts == {"roster": 20} and inputs.skipped == {"roster": 0}
    assert inputs.paths == [path]
    assert [(p.code, p.severity, p.file, p.row) for p in inputs.problems] == [("repeated-file", "warning",
                                                                               "one.xlsx", None)] * 3
    assert inputs.problems[0].message == f"../one.xlsx is {path} again; it was read once and the second mention ignored"
    assert inputs.problems[2].message == "one.xlsx was given twice; it was read once and the second mention ignored"
    assert "duplicate-id" not in {p.code for p in inputs.problems}


def test_two_rosters_of_one_name_in_two_folders_are_both_read(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = save_full_roster(tmp_path / "a", [full_row(1)], name="roster.xlsx")
    second = save_full_roster(tmp_path / "b", [full_row(2)], name="roster.xlsx")
    inputs = load(first, second)
    assert [c.id for c in inputs.cadres] == ["C01", "C02"] and inputs.problems == []


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_a_link_to_a_roster_given_is_the_same_roster(tmp_path: Path) -> None:
    path = save_full_roster(tmp_path, [full_row(1)], name="one.xlsx")
    link = tmp_path / "link.xlsx"
    link.symlink_to(path)
    inputs = load(path, link)
    assert [c.id for c in inputs.cadres] == ["C01"]
    assert [p.code for p in inputs.problems] == ["repeated-file"]


# --- round trip: models -> workbook -> loader --------------------------------------------------

LEVELS = [lv.name for lv in Config().levels]
HANZI = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
DATES = st.one_of(st.none(), st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2030, 12, 31)))
HOURS = st.one_of(st.none(), st.integers(0, 2000).map(lambda n: n / 2))
CADRE = st.fixed_dictionaries({
    "id": st.one_of(st.from_regex(r"\A0\d{1,6}\Z"), st.text("0123456789", min_size=1, max_size=18)),
    "name": st.text(HANZI, min_size=2, max_size=4),
    "unit": st.text(HANZI, min_size=2, max_size=12),
    "post": st.text(HANZI, min_size=2, max_size=6),
    "level": st.sampled_from(LEVELS),
    "appointed": DATES,
    "birth_date": DATES,
    "hours_year": HOURS,
    "hours_five_year": HOURS,
})
FIELDS = ["id", "name", "unit", "post", "level", "appointed", "birth_date", "hours_year", "hours_five_year"]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cadres=st.lists(CADRE, min_size=1, max_size=8, unique_by=lambda c: c["id"]), title=st.booleans(),
       dates_as_text=st.booleans())
def test_round_trip(tmp_path: Path, cadres: list[dict[str, object]], title: bool, dates_as_text: bool) -> None:
    def cell(value: object) -> object:
        return value.isoformat() if dates_as_text and isinstance(value, dt.date) else value

    header = [*ROSTER_HEADER, "任现职时间", "出生年月", "本年度学时", "五年累计学时"]
    path = make_workbook(tmp_path, {"花名册": [header, *[[cell(c[f]) for f in FIELDS] for c in cadres]]},
                         title="XX单位干部花名册" if title else None)
    inputs = load(path)
    assert inputs.problems == []
    # a cadre without 出生年月 whose 编号 is a 身份证号 (15 digits of a province, 110000500101000) is read born then
    expected = [Cadre(**{**c, "birth_date": c["birth_date"] or birth_in_id_number(str(c["id"]))}) for c in cadres]
    assert [person(c) for c in inputs.cadres] == [person(c) for c in expected]


def test_a_value_repeated_down_a_column_is_read_alike_and_each_fault_reported(tmp_path: Path) -> None:
    """Values read without fault are remembered per column; faults never are: each row reports its own."""
    header = ["编号", "姓名", "单位", "职务", "职级", "任现职时间", "个人培训需求"]
    rows = [[f"C{i}", f"人{i}", "市财政局", "科员", "一级科员", "2023.13" if i % 2 else "2023-05", "公文写作"]
            for i in range(1, 6)]
    inputs = load(make_workbook(tmp_path, {"花名册": [header, *rows]}))
    assert [(p.row, p.column, p.code) for p in inputs.problems] == [
        (2, "任现职时间", "bad-date"), (4, "任现职时间", "bad-date"), (6, "任现职时间", "bad-date")]
    assert [c.appointed for c in inputs.cadres] == [None, dt.date(2023, 5, 1), None, dt.date(2023, 5, 1), None]
    wishes = [c.wishes for c in inputs.cadres]
    assert wishes == [["公文写作"]] * 5 and len({id(w) for w in wishes}) == 5  # each cadre's own list


def test_a_roster_keyed_by_id_number_without_birth_dates_takes_them_from_the_ids(tmp_path: Path) -> None:
    """An HR roster's 编号 is often the 身份证号 and it has no 出生年月: the age (for the rules on age) is in the id.
    A birth date the roster gives stays; an id whose check digit does not hold gives none."""
    header = ["身份证号", "姓名", "单位", "职务", "职级", "出生年月"]
    path = make_workbook(tmp_path, {"花名册": [header,
                                               ["110101199503070026", "张三", "市财政局", "科员", "一级科员", None],
                                               ["110101197001010032", "李四", "市财政局", "科长", "乡科级正职", "1971.05"],
                                               ["110101199503070027", "王五", "市财政局", "科员", "一级科员", None]]})
    inputs = load(path)
    assert [(c.name, c.birth_date) for c in inputs.cadres] == [
        ("张三", dt.date(1995, 3, 7)), ("李四", dt.date(1971, 5, 1)), ("王五", None)]
    assert inputs.problems == []


def test_characters_that_show_as_nothing_change_no_value(tmp_path: Path) -> None:
    """A zero-width space or a byte-order mark pasted in with a unit, an id, a level or a date: read as what the
    clerk sees. One unit, not three; a repeated id caught; no level or date refused against a suggestion that reads
    the same. A 身份证号 stays as typed (the ledger's records are keyed by it)."""
    header = ["编号", "姓名", "单位", "职务", "职级", "任现职时间"]
    path = make_workbook(tmp_path, {"花名册": [header,
                                               ["Z001", "张三", "市委组织部", "科员", "一级科员", "2020.03"],
                                               ["Z002", "李四", "市委组织部\u200b", "科员", "四级主任科员\u200b", "2020.03\u200b"],
                                               ["Z003", "王五", "\ufeff市委组织部", "科员", "一级科员", None],
                                               ["Z001\u200b", "赵六", "市委组织部", "科员", "一级科员", None],
                                               ["11010119950307002x", "钱七", "市委组织部", "科员", "一级科员", None],
                                               ["11010119950307002X", "孙八", "市委组织部", "科员", "一级科员", None]]})
    inputs = load(path)
    assert [(c.id, c.unit, c.level) for c in inputs.cadres] == [
        ("Z001", "市委组织部", "一级科员"), ("Z002", "市委组织部", "四级主任科员"), ("Z003", "市委组织部", "一级科员"),
        ("11010119950307002x", "市委组织部", "一级科员")]
    assert inputs.cadres[1].appointed == dt.date(2020, 3, 1)
    # the same 身份证号 with its x in the other case: a repeated id too, the later row left out
    assert [(p.row, p.code, p.cell) for p in inputs.problems] == [(5, "duplicate-id", "A5"), (7, "duplicate-id", "A7")]
    from needscli.wording import problem_in

    assert problem_in(inputs.problems[1], "zh").message == "第 7 行「编号」列：与第 6 行的编号重复"
    assert (inputs.counts["roster"], inputs.skipped["roster"]) == (4, 2)


def test_several_topics_in_one_cell_are_a_requirement_or_a_priority_each(tmp_path: Path) -> None:
    """A post or an organizational need listing its topics in one cell (预算与绩效管理、公文写作；数字政府): each
    topic is asked for, at the row's level, importance, priority and deadline; was one topic named by the whole
    text. A priority's further topics take its id and their place, past the ids the sheet gives (Z1-3 where the
    sheet has a Z1-2); a row without an id is named after its row (P4, P4-2); pieces the catalog reads as one
    topic ask for it once."""
    from needscli.pipeline import check_inputs

    path = make_workbook(tmp_path, {
        "花名册": roster(GOOD),
        "岗位": [["岗位代码", "岗位名称", "培训主题", "要求水平", "重要程度"],
                 ["P01", "科长", "预算与绩效管理、公文写作；数字政府、数字化能力", 4, 5]],
        "组织需求": [["编号", "培训主题", "需求来源", "优先级", "完成期限"],
                     ["Z1", "营商环境优化、数字政府、保密", "改革难点问题", 4, "2027年3月底前"],
                     ["Z1-2", "乡村振兴", "其他", 2, None],
                     [None, "保密\n基层治理", "其他", 3, None]]})
    inputs = check_inputs([path], Config(), as_of=dt.date(2026, 11, 1))
    assert [(p.post_code, p.topic, p.required_level, p.importance, p.row) for p in inputs.posts] == [
        ("P01", "预算与绩效管理", 4, 5, 2), ("P01", "公文写作", 4, 5, 2), ("P01", "数字政府", 4, 5, 2)]
    assert [(p.id, p.topic, p.priority, p.deadline, p.row) for p in inputs.priorities] == [
        ("Z1", "营商环境优化", 4, dt.date(2027, 3, 31), 2), ("Z1-3", "数字政府", 4, dt.date(2027, 3, 31), 2),
        ("Z1-4", "保密", 4, dt.date(2027, 3, 31), 2), ("Z1-2", "乡村振兴", 2, None, 3),
        ("P4", "保密", 3, None, 4), ("P4-2", "基层治理", 3, None, 4)]


def test_a_catalog_topic_whose_name_lists_words_stays_whole(tmp_path: Path) -> None:
    from needscli.pipeline import check_inputs

    path = make_workbook(tmp_path, {
        "花名册": roster(GOOD),
        "课程": [["主题编号", "培训主题", "培训类型"], ["T1", "统计法律法规、统计业务", "专业化能力培训"]],
        "岗位": [["岗位代码", "岗位名称", "培训主题"], ["P01", "科长", "统计法律法规、统计业务"]],
        "组织需求": [["编号", "培训主题"], ["Z1", "统计法律法规、统计业务"]]})
    inputs = check_inputs([path], Config(), as_of=dt.date(2026, 11, 1))
    assert [p.topic for p in inputs.posts] == ["统计法律法规、统计业务"]
    assert [(p.id, p.topic) for p in inputs.priorities] == [("Z1", "统计法律法规、统计业务")]
    assert not [p for p in inputs.problems if p.code == "topic-close-match"]


def test_a_repeated_priority_id_leaves_out_its_whole_later_row(tmp_path: Path) -> None:
    from needscli.pipeline import check_inputs

    path = make_workbook(tmp_path, {
        "花名册": roster(GOOD),
        "组织需求": [["编号", "培训主题"], ["Z3", "保密"], ["Z3", "营商环境优化、数字政府"]]})
    inputs = check_inputs([path], Config(), as_of=dt.date(2026, 11, 1))
    assert [(p.id, p.topic) for p in inputs.priorities] == [("Z3", "保密")]
    assert [(p.code, p.row) for p in inputs.problems if p.code == "duplicate-id"] == [("duplicate-id", 3)]


def test_several_roster_workbooks_give_the_sheets_beside_the_roster_from_the_first_that_has_them(
        tmp_path: Path) -> None:
    """A folder of unit workbooks where the second holds the 岗位 and 组织需求 sheets: they are read, not left for
    want of them in the first; a third's 岗位 sheet (posts read already) is left with a note naming both files."""
    posts = [["岗位代码", "岗位名称", "培训主题", "要求水平", "重要程度"], ["P01", "科员", "公文写作", 4, 5]]
    priorities = [["编号", "培训主题", "需求来源", "优先级", "完成期限"], ["Z1", "数字政府", "上级部署", 5, "2027-06"]]
    a = make_workbook(tmp_path, {"花名册": roster(["A1", "甲", "市财政局", "科员", "一级科员"])}, name="a.xlsx")
    b = make_workbook(tmp_path, {"花名册": roster(["B1", "乙", "市审计局", "科员", "一级科员"]), "岗位": posts,
                                 "组织需求": priorities}, name="b.xlsx")
    c = make_workbook(tmp_path, {"花名册": roster(["C1", "丙", "市税务局", "科员", "一级科员"]), "岗位": posts},
                      name="c.xlsx")
    inputs = load(a, b, c)
    assert [c.id for c in inputs.cadres] == ["A1", "B1", "C1"]
    assert ([p.post_code for p in inputs.posts], [p.id for p in inputs.priorities]) == (["P01"], ["Z1"])
    unread = [(p.file, p.sheet, p.severity, p.message) for p in inputs.problems if p.code == "sheet-not-read"]
    assert unread == [("c.xlsx", "岗位", "warning", "c.xlsx 中的工作表「岗位」没有读取：岗位已从 b.xlsx 读取"
                                                    "（同一批花名册只读取第一份含岗位表的工作簿）")]
    # posts given as a file of their own: every workbook's 岗位 sheet is said replaced by it, none read before
    own = make_workbook(tmp_path, {"岗位": posts}, name="posts.xlsx")
    given = load(a, b, c, extra={"posts": own})
    assert [(p.code, p.file) for p in given.problems if p.sheet == "岗位" and p.file != "posts.xlsx"] == [
        ("sheet-replaced", "b.xlsx"), ("sheet-replaced", "c.xlsx")]


def test_a_way_of_writing_an_organizer_the_settings_do_not_know_is_said_once_with_the_organizer_meant(
        tmp_path: Path) -> None:
    """县委直管 beside 县委管理 and 县管 (an alias): its cadres would be classes of their own. One warning per way of
    writing it, at its first cell, counting its cadres; a 管理权限 like no organizer (区委管理, a unit's own; 市国资委管理
    and 中层管理, another body's or none) is left."""
    header = ["编号", "姓名", "单位", "职务", "职级", "管理权限"]
    rows = [["A1", "甲", "县财政局", "科长", "乡科级正职", "县委管理"], ["A2", "乙", "县财政局", "科长", "乡科级正职", "县委直管"],
            ["A3", "丙", "县财政局", "科长", "乡科级正职", "县管"], ["A4", "丁", "县财政局", "科长", "乡科级正职", "县委直管"],
            ["A5", "戊", "县财政局", "科长", "乡科级正职", "区委管理"], ["A6", "己", "县财政局", "科长", "乡科级正职", "市国资委管理"],
            ["A7", "庚", "县财政局", "科员", "一级科员", "中层管理"]]
    inputs = load(make_workbook(tmp_path, {"花名册": [header, *rows]}))
    said = [(p.code, p.row, p.cell, p.message) for p in inputs.problems]
    assert said == [("unknown-organizer", 3, "F3", "第 3 行「管理权限」为「县委直管」：不是已知的管理权限（共 2 人这样填写），"
                     "这些干部单独编班，不与「县委管理」的干部同班，也不上送上级调训；是否指「县委管理」？")]


@pytest.mark.parametrize(("level", "tier"), [("巡视员", "厅局级"), ("副巡视员", "厅局级"), ("调研员", "县处级"),
                                             ("副调研员", "县处级"), ("主任科员", "乡科级"), ("副主任科员", "科员级")])
def test_the_ranks_before_2019_on_older_rosters_are_levels(tmp_path: Path, level: str, tier: str) -> None:
    """主任科员 was refused as no level (is it 四级主任科员?) and its cadre dropped: an older roster is full of them."""
    from needscli.vocab import Vocab

    path = make_workbook(tmp_path, {"花名册": roster(["001", "张三", "市财政局", "科员", level])})
    inputs = load(path)
    assert ([c.level for c in inputs.cadres], inputs.problems) == ([level], [])
    found = Vocab(Config()).level(level)
    assert found is not None and (found.tier, found.leading) == (tier, False)


def test_a_provider_named_unassigned_is_refused_as_the_word_for_a_host_to_be_fixed(tmp_path: Path) -> None:
    """A resource named unassigned was taken for "host to be fixed": its classes priced at nothing, its name 待定."""
    from needscli.wording import in_chinese

    header, row = RESOURCES[0], list(RESOURCES[1])
    row[header.index("培训机构")] = "Unassigned"
    path = make_workbook(tmp_path, {"花名册": roster(GOOD), "培训资源": [header, row]})
    inputs = load(path)
    assert inputs.resources == []
    [problem] = inputs.problems
    assert (problem.code, problem.sheet, problem.row, problem.column) == ("bad-value", "培训资源", 2, "培训机构")
    assert in_chinese(problem.message) == ("第 2 行「培训机构」列：为「Unassigned」：这是输出中表示承办单位待定的词，"
                                           "不能用作承办单位名称；应为：另一个承办单位名称")
