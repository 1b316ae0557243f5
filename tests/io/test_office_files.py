"""Files as offices have them: HR exports with their own headers, month-first dates and job levels of
other ladders, read through a column mapping, a date order and levels added to the built-in ladder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from builders import CANARY_ID, CANARY_NAME, ROSTER_HEADER, load, make_workbook, roster, where

from needscli.config import Config, InputConfig, config_from_data
from needscli.errors import NeedsError
from needscli.io.cells import date_parser
from needscli.io.headers import _alias_index, match_header

GOOD = ["001", "张三", "市财政局", "科长", "乡科级正职"]


# --- dates written day and month before the year ---------------------------------------------------


@pytest.mark.parametrize(("order", "value", "expected"), [
    ("mdy", "7/5/2011", dt.date(2011, 7, 5)),
    ("mdy", "07/10/83", dt.date(1983, 7, 10)),  # a two-digit year below 50 is 20xx, else 19xx
    ("mdy", "3/1/09", dt.date(2009, 3, 1)),
    ("dmy", "7/5/2011", dt.date(2011, 5, 7)),
    ("dmy", "25.12.1990", dt.date(1990, 12, 25)),
    ("ymd", "25/7/2011", dt.date(2011, 7, 25)),  # only day-first reads it
    ("ymd", "7/25/2011", dt.date(2011, 7, 25)),  # only month-first reads it
    ("ymd", "2011-07-05", dt.date(2011, 7, 5)),  # year first, whatever the order set
    ("mdy", "2011-07-05", dt.date(2011, 7, 5)),
])
def test_a_date_order_reads_day_and_month_before_the_year(order: str, value: str, expected: dt.date) -> None:
    assert date_parser(order)(value) == (expected, "")


def test_an_order_that_cannot_be_told_names_the_setting_and_an_impossible_date_is_no_date() -> None:
    value, fault = date_parser("ymd")("7/5/2011")
    assert value is None and 'date_order = "mdy" or "dmy"' in fault
    assert date_parser("mdy")("13/13/2011") == (None, "is not a valid date")
    assert date_parser("ymd")("13/13/2011") == (None, "is not a valid date")


def test_the_roster_reads_month_first_dates_with_date_order_and_quotes_the_value_it_cannot(tmp_path: Path) -> None:
    header = [*ROSTER_HEADER, "任现职时间"]
    path = make_workbook(tmp_path, {"花名册": roster([*GOOD, "7/5/2011"], ["002", CANARY_NAME, "市财政局", "科员",
                                                                            "一级科员", "07/10/83"], header=header)})
    month_first = load(path, config=Config(input=InputConfig(date_order="mdy")))
    assert month_first.problems == []
    assert [c.appointed for c in month_first.cadres] == [dt.date(2011, 7, 5), dt.date(1983, 7, 10)]
    # without the setting: a warning per cell quoting the date (a date identifies nobody), the rows kept
    unset = load(path)
    assert where(unset.problems) == [(2, "任现职时间", "bad-date"), (3, "任现职时间", "bad-date")]
    assert '"7/5/2011" puts day and month before the year' in unset.problems[0].message
    assert [c.appointed for c in unset.cadres] == [None, None]
    assert all(CANARY_NAME not in p.message and CANARY_ID not in p.message for p in unset.problems)


# --- headers of HR systems ---------------------------------------------------------------------------


@pytest.mark.parametrize(("header", "field"), [
    ("工作证号", "id"), ("EmpID", "id"), ("EmployeeNumber", "id"), ("Employee_Name", "name"),
    ("行政级别", "level"), ("JobLevel", "level"), ("任职单位", "unit"), ("任职日期", "appointed"),
    ("DateofHire", "entry_date"), ("DOB", "birth_date"),
])
def test_common_headers_of_hr_systems_are_known(header: str, field: str) -> None:
    assert match_header(header, _alias_index("roster")) == field


def test_a_mapped_header_beats_a_built_in_alias_in_another_column(tmp_path: Path) -> None:
    header = [*ROSTER_HEADER, "干部类别", "干部类型"]
    path = make_workbook(tmp_path, {"花名册": roster([*GOOD, "外星干部", "公务员"], header=header)})
    inputs = load(path, mapping={"roster": {"干部类型": "category"}})
    assert [c.category for c in inputs.cadres] == ["公务员"]
    assert inputs.problems == []  # 干部类别 is no longer read: its unknown value is no fault


def test_a_mapped_header_no_column_has_is_reported(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"花名册": roster(GOOD, header=ROSTER_HEADER)})
    inputs = load(path, mapping={"roster": {"职级名称": "level", "任现职": "appointed"}})
    assert [(p.code, p.severity, p.row) for p in inputs.problems] == [("mapped-header-missing", "warning", 1)] * 2
    assert "「职级名称」在第 1 行表头中没有找到" in inputs.problems[0].message
    assert "是否指「职级」" in inputs.problems[0].message
    assert len(inputs.cadres) == 1


# --- levels of other ladders --------------------------------------------------------------------------


@pytest.mark.parametrize(("level", "tier"), [
    ("一级行政执法员", "科员级"), ("二级高级主办", "县处级"), ("三级主办", "乡科级"), ("督办", "厅局级"),
    ("一级高级主管", "县处级"), ("四级主管", "乡科级"), ("专业技术员", "科员级"), ("一级总监", "厅局级"),
    ("执法勤务类一级警长", "乡科级"), ("二级高级警长", "县处级"), ("二级警员", "科员级"),
])
def test_the_professional_enforcement_and_police_ladders_are_built_in(tmp_path: Path, level: str, tier: str) -> None:
    path = make_workbook(tmp_path, {"花名册": roster(["001", "张三", "市公安局", "民警", level])})
    inputs = load(path)
    assert inputs.problems == []
    levels = {lv.name: lv.tier for lv in Config().levels}
    assert levels[inputs.cadres[0].level] == tier


def test_levels_in_a_config_add_to_the_ladder_and_keep_its_groups(tmp_path: Path) -> None:
    config = config_from_data({"levels": [{"name": "五级法官助理", "tier": "科员级", "aliases": ["法官助理五级"]}]},
                              "needscli.toml")
    names = [lv.name for lv in config.levels]
    assert names[:len(Config().levels)] == [lv.name for lv in Config().levels] and names[-1] == "五级法官助理"
    assert [g.name for g in config.level_groups] == [g.name for g in Config().level_groups]
    path = make_workbook(tmp_path, {"花名册": roster(["001", "张三", "市中级人民法院", "法官助理", "法官助理五级"],
                                                    ["002", "李四", "市中级人民法院", "庭长", "县处级副职"])})
    inputs = load(path, config=config)
    assert inputs.problems == [] and [c.level for c in inputs.cadres] == ["五级法官助理", "县处级副职"]
    # an entry named as a built-in level takes its place
    renamed = config_from_data({"levels": [{"name": "科员", "tier": "科员级", "rank": 38, "english": "Clerk II"}]}, "x")
    assert [lv.english for lv in renamed.levels if lv.name == "科员"] == ["Clerk II"]
    assert len(renamed.levels) == len(Config().levels)


def test_extend_levels_false_replaces_the_ladder_and_says_what_it_breaks() -> None:
    with pytest.raises(NeedsError, match="appointment band appointment-county names unknown tiers"):
        config_from_data({"extend_levels": False, "levels": [{"name": "五级法官助理", "tier": "科员级"}]}, "x.toml")
    with pytest.raises(NeedsError, match="extend_levels must be true or false"):
        config_from_data({"extend_levels": "yes"}, "x.toml")


# --- posts and roster that do not meet -----------------------------------------------------------------

POSTS = [["岗位代码", "岗位名称", "培训主题", "要求水平", "重要程度"], ["P01", "科长", "法治思维", 4, 5],
         ["P02", "审计员", "审计实务", 4, 4], ["P02", "审计员", "法治思维", 3, 3]]


def test_a_posts_table_no_cadre_meets_is_one_warning(tmp_path: Path) -> None:
    header = [*ROSTER_HEADER, "岗位代码"]
    path = make_workbook(tmp_path, {"花名册": roster(["001", "张三", "市财政局", "处长", "县处级正职", "X9"], header=header),
                                    "岗位": POSTS})
    inputs = load(path)
    assert [(p.code, p.severity, p.sheet) for p in inputs.problems] == [("posts-unmatched", "warning", "岗位")]
    assert "2 个岗位与花名册中的干部一个也没有对上" in inputs.problems[0].message


def test_a_post_no_cadre_holds_and_a_post_code_no_post_has_are_warnings(tmp_path: Path) -> None:
    header = [*ROSTER_HEADER, "岗位代码"]
    path = make_workbook(tmp_path, {"花名册": roster(["001", "张三", "市财政局", "科长", "乡科级正职", "P01"],
                                                    ["002", CANARY_NAME, "市财政局", "科员", "一级科员", "P07"],
                                                    ["003", "王五", "市财政局", "科员", "一级科员", "P07"], header=header),
                                    "岗位": POSTS})
    inputs = load(path)
    assert [(p.code, p.sheet, p.row, p.cell) for p in inputs.problems] == [
        ("post-not-held", "岗位", 3, ""),  # P02 审计员: its first row
        ("post-code-unknown", "花名册", 3, "F3"),  # P07, once, at its first cell
    ]
    assert "「岗位代码」为「P07」：岗位表中没有这个岗位代码（共 2 人填写了它）" in inputs.problems[1].message
    assert all(CANARY_NAME not in p.message for p in inputs.problems)


def test_a_posts_file_given_apart_notes_the_workbook_sheet_it_replaces(tmp_path: Path) -> None:
    book = make_workbook(tmp_path, {"花名册": roster(GOOD), "岗位": POSTS[:2]})
    posts = make_workbook(tmp_path, {"Sheet1": POSTS[:2]}, name="posts.xlsx")
    inputs = load(book, extra={"posts": posts})
    assert [(p.code, p.sheet) for p in inputs.problems] == [("sheet-replaced", "岗位")]
    assert "已用 --posts 另行指定了岗位文件 posts.xlsx" in inputs.problems[0].message
    assert {p.file for p in inputs.posts} == {"posts.xlsx"}


# --- choosing the sheet, and notes under the data --------------------------------------------------------


def test_a_sheet_is_chosen_by_name_after_a_hash_or_by_the_config(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"Sheet1": roster(GOOD), "Sheet2": roster(["009", "李四", "市审计局", "科员", "一级科员"])})
    # two sheets with a roster header, neither named as one, different cadres: one roster over both ...
    assert [(c.id, c.sheet) for c in load(path).cadres] == [("001", "Sheet1"), ("009", "Sheet2")]
    # ... unless one is chosen
    assert [c.id for c in load(tmp_path / "roster.xlsx#Sheet2").cadres] == ["009"]
    assert [c.id for c in load(path, config=Config(input=InputConfig(roster_sheet="sheet1"))).cadres] == ["001"]
    with pytest.raises(NeedsError, match="没有名为「花名册」的工作表（有：Sheet1、Sheet2）"):
        load(tmp_path / "roster.xlsx#花名册")


def test_a_note_row_under_the_data_is_skipped_with_a_note_not_four_missing_values(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"花名册": roster(GOOD, ["002", "李四", "市审计局", "科员", "一级科员"],
                                                    ["导入说明：1. 编号为必填项；2. 日期格式为 2023-05-01"],
                                                    [None, None, "填报人：王五"])})
    inputs = load(path)
    assert [c.id for c in inputs.cadres] == ["001", "002"]
    assert [(p.code, p.severity, p.row) for p in inputs.problems] == [("note-row", "warning", 4), ("note-row", "warning", 5)]
    assert "王五" not in inputs.problems[1].message
