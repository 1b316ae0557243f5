"""A seat's id on a signed sign-in sheet checked against what the sheet was written with: a mistyped id is a
warning at its cell, and the seat waits for a corrected copy (the rest of the file is imported)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from builders import make_class_rosters, run_import, seat

from needscli.records.store import Ledger, cadre_records


def classes(typed: str = "C9", thrice: bool = True) -> list[dict[str, object]]:
    """测试甲 (C1) sits in every class; on K002 his id is typed as typed."""
    out = [{"id": "K001", "topic": "法治政府建设", "period": "2026-06", "hours": 48,
            "seats": [seat("C1", "√", name="测试甲"), seat("C2", "√", name="测试乙")]},
           {"id": "K002", "topic": "营商环境优化", "period": "2026-07", "hours": 24,
            "seats": [seat("C3", "√", name="测试丙"), seat(typed, "√", name="测试甲")]}]
    if thrice:
        out.append({"id": "K003", "topic": "数字政府与数字化能力", "period": "2026-08", "hours": 12,
                    "seats": [seat("C1", "√", name="测试甲")]})
    return out


def test_without_a_witness_a_name_under_another_id_is_recorded(tmp_path: Path, ledger: Ledger) -> None:
    """Namesakes are common: a name under two ids, with no hidden column or roster to tell, holds nothing back."""
    for thrice in (True, False):
        result = run_import(ledger, make_class_rosters(tmp_path, classes(thrice=thrice), name=f"{thrice}.xlsx"))
        assert result.problems == []
    assert [r.class_id for r in cadre_records(ledger, "C9")] == ["K002"]


def test_the_roster_given_tells_an_unknown_id_and_another_names_id(tmp_path: Path, ledger: Ledger) -> None:
    names = {"C1": "测试甲", "C2": "测试丁", "C3": "测试丙"}
    result = run_import(ledger, make_class_rosters(tmp_path, classes()), roster=names)
    assert [(p.cell, p.code, p.message.split(": ", 1)[1].split(";")[0]) for p in result.problems] == [
        ("B5", "unexpected-id", "is the id of another name on the roster given (--roster)"),  # C2 is 测试丁's
        ("B5", "unexpected-id", "is on no row of the roster given (--roster)"),
    ]
    assert [p.sheet for p in result.problems] == ["K001", "K002"]
    assert result.added == 3


def test_a_namesake_the_roster_confirms_is_recorded(tmp_path: Path, ledger: Ledger) -> None:
    names = {"C1": "测试甲", "C2": "测试乙", "C3": "测试丙", "C9": "测试甲"}
    result = run_import(ledger, make_class_rosters(tmp_path, classes()), roster=names)
    assert (result.added, result.problems) == (5, [])


def test_an_id_other_than_the_hidden_full_id_is_held_back(tmp_path: Path, ledger: Ledger) -> None:
    path = make_class_rosters(tmp_path, [{"id": "K001", "topic": "法治政府建设", "period": "2026-06", "hours": 48,
                                          "seats": [seat("C1", "√"), seat("C2", "√")]}])
    book = openpyxl.load_workbook(path)
    sheet = book["K001"]
    for row, value in ((3, "完整编号（导入用，不打印）"), (4, "C1"), (5, "C7")):  # row 5 was written for C7
        sheet.cell(row, 10, value)
    book.save(path)
    result = run_import(ledger, path)
    assert [(p.cell, p.code) for p in result.problems] == [("B5", "unexpected-id")]
    assert result.added == 1
