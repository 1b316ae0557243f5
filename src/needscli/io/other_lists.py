"""A sheet that lists people who are no serving cadres (退休人员, 2025年调出人员名单): never read as the roster.

Offices keep the retirees, the cadres transferred out or those who left beside the roster, in the same columns.
Read as the roster, each would be given obligations and seats in classes. Such a sheet says so by its name, or by
its title above the header row (XX县2026年退休干部名单): a word for leaving service, then at most whom (干部, 人员
...), then the end or what the sheet is (名单, 名册 ...). A unit's name holding such a word (离退休干部局, 离退休人员
服务中心) goes on past it, and "含退休人员" says the list holds them beside the serving ones, "不含退休、调出人员"
that it leaves them out: none of these says so.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from needscli.io.sheet_unit import FILLED_BY_LABEL, sheet_unit
from needscli.text import clean

# the words for having left service: retired, transferred out, resigned, dismissed, deceased
LEFT_SERVICE = ("离退休", "退休", "离休", "退职", "调出", "调离", "转出", "离职", "辞职", "辞退", "解聘", "开除", "除名",
                "去世", "逝世", "死亡", "病故", "已故", "减员")
_WHOM = r"(?:老干部|干部|人员|职工|同志|党员|公务员)"
_LIST = r"(?:花名册|名册|名单|信息|登记|统计|一览|情况|汇总|明细)"
_SAYS = re.compile(rf"(?<![含括除非不未离])(?P<word>{'|'.join(LEFT_SERVICE)})(?:的)?{_WHOM}?"
                   rf"(?={_LIST}|[\s\d年度月日至—\-－~～（）()]*$)")
# what a list holds or leaves out beside the serving cadres, to the end of its brackets or of the text: 「（不含退休、
# 调出人员）」, 「含离休干部」, 「除调出人员外」 say nothing of what the sheet is (each of their words, not the first alone)
_BESIDE = re.compile(r"(?:不含|不包括|不包含|未含|除去?|含|包括|包含)[^）)]*")


class OtherList(NamedTuple):
    """Where a sheet says it lists people who are no serving cadres: the text saying it and its Excel row (0: the
    sheet's name), and the word."""

    text: str
    row: int
    word: str


def other_list(name: str, rows: list[list[object]], header_row: int) -> OtherList | None:
    """How the sheet named name, its header at Excel row header_row (0: none found), says it lists people who are
    no serving cadres: by its name (unless the name reads as a unit's), else by a title line above its header (not
    a 填报单位 line); None where neither says so."""
    own = clean(name)
    found = _SAYS.search(_BESIDE.sub("", own))
    if found is not None and sheet_unit(own, [], 0) is None:
        return OtherList(own, 0, found["word"])
    for i, row in enumerate(rows[:max(header_row - 1, 0)]):
        for cell in row:
            if isinstance(cell, str) and not FILLED_BY_LABEL.match(cell):
                text = clean(cell)
                found = _SAYS.search(_BESIDE.sub("", text))
                if found is not None:
                    return OtherList(text, i + 1, found["word"])
    return None
