"""A roster sheet without a 单位 column: its unit from the 填报单位 line above its header, or its sheet's name.

Offices gather rosters one sheet (or one workbook) a unit, each under a line such as 填报单位：市财政局 and
without a 单位 column of its own, or on a sheet named after the unit (one sheet a unit). Every cadre of such a sheet
is of that unit: the reader takes it from there (io.load.make_table, with a warning saying where), rather than
refusing the sheet for want of the column.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from needscli.text import clean

# 填报单位：市财政局  填报日期：… (the unit ends at a space, a colon or a bracket); 填报单位（盖章）：市财政局
_FILLED_BY = re.compile(r"(?:填报单位|报送单位|单位名称|所在单位|单位)\s*(?:[（(][^）)]*[）)])?\s*[：:]\s*(?P<unit>[^\s：:（()）]+)")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# how a unit's name ends: a sheet so named is a unit's (市财政局, XX县人民政府, 市城市投资集团有限公司, 某某乡)
_UNIT_END = re.compile(r"(局|委|办|厅|部|院|所|中心|政府|公司|集团|乡|镇|街道|学校|医院|委员会|总队|支队|大队|站|馆|社|署|会|处|科|室|队)$")


class SheetUnit(NamedTuple):
    """A sheet's unit and where it was read: row (Excel row of its 填报单位 line), 0 for the sheet's name."""

    unit: str
    row: int
    text: str  # the line as written ("" for the sheet's name)


def sheet_unit(name: str, rows: list[list[object]], header_row: int) -> SheetUnit | None:
    """The unit of a roster sheet named name whose header row is header_row (Excel's number, its lower row): the
    first 填报单位 line above it, else the sheet's name where it ends as a unit's does; None where neither says."""
    for i, row in enumerate(rows[:max(header_row - 1, 0)]):
        for cell in row:
            if not isinstance(cell, str):
                continue
            match = _FILLED_BY.search(cell)
            if match is not None and _CJK.search(match.group("unit")):
                return SheetUnit(match.group("unit"), i + 1, clean(cell))
    own = clean(name)
    if _CJK.search(own) and _UNIT_END.search(own):
        return SheetUnit(own, 0, "")
    return None
