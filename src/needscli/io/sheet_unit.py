"""A roster sheet without a 单位 column: its unit from the 填报单位 line above its header, or its sheet's name.

Offices gather rosters one sheet (or one workbook) a unit, each under a line such as 填报单位：市财政局 and
without a 单位 column of its own, or on a sheet named after the unit (one sheet a unit). Every cadre of such a sheet
is of that unit: the reader takes it from there (io.load.make_table, with a warning saying where), rather than
refusing the sheet for want of the column. Only a cell that opens with the label counts (培训学时（单位：学时） in a
header does not), and only a unit's name after it (not a measure, nor the next label of a blank form:
填报单位：　填报日期：…).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from needscli.text import clean

# 填报单位：市财政局  填报日期：… (the unit ends at a space, a colon or a list mark); 填报单位（盖章）：市财政局;
# a unit's name keeps its brackets and joins: XX县财政局（县国资办）, 市委办公室、市政府办公室, 市委办/市政府办
FILLED_BY = re.compile(r"^\s*(?:填报单位|报送单位|单位名称|所在单位|单位)\s*(?:[（(][^）)]*[）)])?\s*[：:]\s*"
                       r"(?P<unit>[^\s：:，,；;]+)(?P<label>\s*[：:])?")
# what a form asks to be done at the unit's name, not part of it: （盖章）, (公章), （单位盖章）
_STAMP = re.compile(r"[（(]\s*(?:单位)?(?:盖章|公章|签章|印章|章|签字|签名|签字盖章|盖章签字)\s*[）)]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_MEASURES = frozenset({"人", "名", "人次", "学时", "课时", "小时", "学分", "天", "日", "元", "万元", "个", "次", "项", "期", "场",
                       "批", "%", "％"})
# a cell that opens as a 填报单位 line, whether or not it names a unit (填报单位：　　填报日期：… names none)
FILLED_BY_LABEL = re.compile(r"^\s*(?:填报单位|报送单位|单位名称|所在单位)\s*(?:[（(][^）)]*[）)])?\s*[：:]")
# how a unit's name ends: a sheet so named is a unit's (市财政局, XX县人民政府, 市城市投资集团有限公司, 某某乡, 市委组织部)
_UNIT_END = re.compile(r"(局|委|办|厅|部|院|所|中心|政府|公司|集团|乡|镇|街道|学校|大学|中学|小学|医院|委员会|总队|支队|大队|站|"
                       r"馆|社|署|会|联|协|室|处|科)$")
_NOT_A_UNIT = re.compile(r"(干部|全部|本部|内部|外部|汇总|合计|科室|处室|^[正副][科处厅])$")
_YEAR = re.compile(r"^\d{4}\s*年度?")


class SheetUnit(NamedTuple):
    """A sheet's unit and where it was read: row and col (0-based) of its 填报单位 line's cell, row 0 for the
    sheet's name."""

    unit: str
    row: int  # Excel's row number; 0: the sheet's name
    text: str  # the line as written ("" for the sheet's name)
    col: int = 0


def line_unit(cell: object) -> str | None:
    """The unit a 填报单位 line's cell names; None for any other cell."""
    if not isinstance(cell, str):
        return None
    match = FILLED_BY.match(cell)
    if match is None or match.group("label"):
        return None
    unit = _STAMP.sub("", match.group("unit")).strip("、/")
    base = re.split(r"[（(]", unit, maxsplit=1)[0]  # the name before a bracket: 人（次） is a measure, 学时（天） too
    if len(base) < 2 and base not in _MEASURES or any(part in _MEASURES for part in re.split(r"[、/]", base)) \
            or not _CJK.search(base) or base.endswith(("日期", "时间")) or base[0].isdigit():
        # a measure (人次, 学时/人, 万元（人民币）), what a blank form asks for (（请填写全称）), the next label of a
        # blank form, a date (2026年10月30日), a word left of one (（公章）年 月 日)
        return None
    return unit


def sheet_unit(name: str, rows: list[list[object]], header_row: int) -> SheetUnit | None:
    """The unit of a roster sheet named name whose header row is header_row (Excel's number, its lower row): the
    first 填报单位 line above it, else the sheet's name (less a year before it) where it ends as a unit's does; None
    where neither says."""
    for i, row in enumerate(rows[:max(header_row - 1, 0)]):
        for c, cell in enumerate(row):
            unit = line_unit(cell)
            if unit is not None:
                return SheetUnit(unit, i + 1, clean(str(cell)), c)
    own = _YEAR.sub("", clean(name)).strip()
    if _CJK.search(own) and _UNIT_END.search(own) and not _NOT_A_UNIT.search(own):
        return SheetUnit(own, 0, "")
    return None
