"""Header aliases, header-row detection under title rows, rating columns and the missing-column hint."""

from __future__ import annotations

import pytest

from needscli.io.headers import (
    ALIASES,
    ENGLISH,
    find_columns,
    header_label,
    missing_required,
    rating_header,
)
from needscli.wording import in_chinese

REQUIRED_FIELDS = {"id": 0, "name": 1, "unit": 2, "post": 3, "level": 4}


@pytest.mark.parametrize(
    "header",
    [
        ["编号", "姓名", "单位", "职务", "职级"],
        ["id", "name", "unit", "post", "level"],
        ["Cadre ID", "Name", "Unit", "Post", "Level"],
        ["工号", "姓 名", "工作单位", "现任职务", "级别"],
        ["身份证号", "姓\u3000名", "所在单位", "职位", "职务层次"],
        ["人员编号", "NAME", "Organization", "Position", "Rank"],
        ["ＩＤ", "Ｎａｍｅ", "ＵＮＩＴ", "Ｐｏｓｔ", "Ｌｅｖｅｌ"],  # full-width letters
        ["*编号", "*姓名：", "单位_", "职务*", "职级"],  # required markers and stray punctuation
        ["编号(文本)", "姓名（必填）", "单位【全称】", "职务", "职级(如 县处级副职)"],
        ["Employee ID", "Full name", "Unit", "Job title", "Grade"],
    ],
)
def test_required_alias_families(header: list[str]) -> None:
    columns = find_columns("roster", [header])
    assert columns is not None
    assert columns.fields == REQUIRED_FIELDS
    assert missing_required("roster", columns) == []


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("出生年月(yyyy.mm)", "birth_date"),
        ("出生年月（格式：2023.05）", "birth_date"),
        ("Birth date", "birth_date"),
        ("任现职时间", "appointed"),
        ("任职时间", "appointed"),
        ("Appointed to current post", "appointed"),
        ("参加工作时间", "entry_date"),
        ("本年度学时", "hours_year"),
        ("Hours this year", "hours_year"),
        ("五年累计学时", "hours_five_year"),
        ("5年累计学时", "hours_five_year"),
        ("已参加培训", "completed"),
        ("已完成培训", "completed"),
        ("个人培训需求", "wishes"),
        ("处室", "department"),
        ("岗位代码", "post_code"),
        ("人员类别", "category"),
        ("职位类别", "job_family"),
        ("干部管理权限", "managed_by"),
    ],
)
def test_optional_aliases(text: str, field: str) -> None:
    columns = find_columns("roster", [[*["编号", "姓名", "单位", "职务", "职级"], text]])
    assert columns is not None
    assert columns.fields[field] == 5


def test_every_declared_alias_maps_to_its_field() -> None:
    for table, aliases in ALIASES.items():
        for name, words in aliases.items():
            for word in words:
                columns = find_columns(table, [[word, header_label(table, _other(table, name), "zh")]])
                assert columns is not None, (table, word)
                assert columns.fields.get(name) == 0 or _shared(table, word, name), (table, word, name)


def _other(table: str, name: str) -> str:
    return next(n for n in ALIASES[table] if n != name)


def _shared(table: str, word: str, name: str) -> bool:
    """An alias listed under two fields (e.g. posts' 岗位) belongs to the first."""
    owners = [n for n, words in ALIASES[table].items() if word in words]
    return owners[0] != name


def test_header_found_under_merged_title_and_filing_line() -> None:
    rows: list[list[object]] = [
        ["XX单位干部花名册", None, None, None, None],
        ["填报单位：市委组织部", None, None, "填报日期：2024年5月", None],
        [None, None, None, None, None],
        ["编号", "姓名", "单位", "职务", "职级"],
        ["001", "张三", "市财政局", "科长", "乡科级正职"],
    ]
    columns = find_columns("roster", rows)
    assert columns is not None
    assert columns.header_row == 4
    assert columns.fields == REQUIRED_FIELDS


def test_header_row_is_the_one_naming_most_fields() -> None:
    rows: list[list[object]] = [
        ["单位", "市委组织部", "姓名", "李四"],  # a filing line that happens to use two header words
        ["编号", "姓名", "单位", "职务", "职级", "部门"],
    ]
    columns = find_columns("roster", rows)
    assert columns is not None
    assert columns.header_row == 2


def test_no_header_row() -> None:
    assert find_columns("roster", [["XX单位干部花名册"], ["张三", "李四"]]) is None


def test_extra_columns_are_kept_and_ignored() -> None:
    columns = find_columns("roster", [["编号", "备注", "姓名", "单位", "联系电话", "职务", "职级"]])
    assert columns is not None
    assert columns.extras == ["备注", "联系电话"]
    assert columns.fields == {"id": 0, "name": 2, "unit": 3, "post": 5, "level": 6}


def test_first_of_two_columns_for_one_field_wins() -> None:
    columns = find_columns("roster", [["编号", "工号", "姓名", "单位", "职务", "职级"]])
    assert columns is not None
    assert columns.fields["id"] == 0
    assert columns.extras == ["工号"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("能力:法治思维", ("ability", "法治思维")),
        ("能力：法治思维", ("ability", "法治思维")),
        ("自评能力:数字政府", ("ability", "数字政府")),
        ("ability:rule of law", ("ability", "rule of law")),
        ("Ability: rule of law", ("ability", "rule of law")),
        ("重要性:法治思维", ("importance", "法治思维")),
        ("重要程度：法治思维", ("importance", "法治思维")),
        ("importance:rule of law", ("importance", "rule of law")),
        ("能力", None),
        ("法治思维", None),
    ],
)
def test_rating_header(text: str, expected: tuple[str, str] | None) -> None:
    assert rating_header(text) == expected


def test_rating_columns_are_mapped() -> None:
    columns = find_columns("roster", [["编号", "姓名", "单位", "职务", "职级", "能力:法治思维",
                                       "ability:digital government", "重要性:法治思维"]])
    assert columns is not None
    assert columns.ratings == {5: ("ability", "法治思维"), 6: ("ability", "digital government"),
                               7: ("importance", "法治思维")}
    assert columns.extras == []


def test_user_mapping_overrides_aliases() -> None:
    columns = find_columns("roster", [["人员代码", "姓名", "单位", "职务", "职级"]], {"人员代码": "id"})
    assert columns is not None
    assert columns.fields["id"] == 0


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (["编号", "姓名", "单位", "职务", "职等"], 'no "职级" (Level) column (did you mean 职等?)'),
        (["ID", "Name", "Unit", "Post", "Levle"], 'no "Level" (职级) column (did you mean Levle?)'),  # English first
        (["编号", "姓名", "单位", "职务"], 'no "职级" (Level) column'),
    ],
)
def test_missing_required_names_the_near_miss(header: list[str], message: str) -> None:
    columns = find_columns("roster", [header])
    assert columns is not None
    assert missing_required("roster", columns) == [message]


@pytest.mark.parametrize("message", ['no "职级" (Level) column (did you mean Levle?)',
                                     'no "Level" (职级) column (did you mean Levle?)'])
def test_a_missing_column_is_said_in_chinese_by_its_chinese_header(message: str) -> None:
    assert in_chinese(message) == "缺少「职级」列（是否指「Levle」？）"


def test_header_label_both_languages() -> None:
    assert header_label("roster", "level", "zh") == "职级"
    assert header_label("roster", "level", "en") == ENGLISH["roster"]["level"] == "Level"
