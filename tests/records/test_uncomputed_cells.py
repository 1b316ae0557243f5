"""A records sheet's hours cell that Excel shows a value in and the file holds none of: a formula never computed
(a workbook made by a program, not yet saved in Excel or WPS), or an error value (#REF!). Said at the cell as what
it is, not as an empty cell, and the row held back as an empty one was."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from builders import RECORDS_HEADER, run_import, where

from needscli.records.store import Ledger
from needscli.wording import in_chinese


def _sheet(tmp_path: Path, hours: object) -> Path:
    """A records sheet of two rows: a good one, and one whose 学时 cell holds hours (a formula, an error value)."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "培训记录"
    ws.append(RECORDS_HEADER)
    ws.append(["C1", "测试张三", "党性教育", "集中", "2026-03-01", "2026-03-05", 40, "", "合格"])
    ws.append(["C2", "测试李四", "党性教育", "集中", "2026-03-01", "2026-03-05", hours, "", "合格"])
    path = tmp_path / "records.xlsx"
    book.save(path)  # openpyxl saves a formula without its result, and "#REF!" as an error value (t="e")
    return path


def _with_result(path: Path, old: bytes, new: bytes) -> None:
    """The sheet's XML with old written as new (what Excel saves where openpyxl saves no result)."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    part = "xl/worksheets/sheet1.xml"
    assert old in parts[part]
    parts[part] = parts[part].replace(old, new)
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_a_formula_without_its_result_is_said_at_its_cell(tmp_path: Path, ledger: Ledger) -> None:
    result = run_import(ledger, _sheet(tmp_path, "=1e9"))
    assert where(result.problems) == [(3, "学时", "formula-without-value")]
    assert (result.added, result.problems[0].cell, result.problems[0].severity) == (0, "G3", "error")
    message = result.problems[0].message
    assert message == ('row 3, column "学时": is a formula with no saved result; expected the file opened in Excel or '
                       "WPS and saved (its formulas' results saved), then imported again")
    assert in_chinese(message) == ("第 3 行「学时」列：是公式，文件中没有保存其计算结果；应为：用 Excel 或 WPS 打开该文件保存一次"
                                   "（公式会计算并保存结果），再重新导入")


@pytest.mark.parametrize("formula", [b"", b"<f>cmd|' /C calc'!A0</f>"])
def test_an_error_value_is_said_at_its_cell(tmp_path: Path, ledger: Ledger, formula: bytes) -> None:
    """Typed (#REF! alone) or a formula's result: the cell is no number, and no empty cell either."""
    path = _sheet(tmp_path, "#REF!")
    _with_result(path, b"<v>#REF!</v>", formula + b"<v>#REF!</v>")
    result = run_import(ledger, path)
    assert where(result.problems) == [(3, "学时", "error-value")]
    assert (result.added, result.problems[0].cell, result.problems[0].severity) == (0, "G3", "error")
    message = result.problems[0].message
    assert message == ('row 3, column "学时": is an error value (#REF!); expected the formula corrected, or the hours '
                       "typed in")
    assert in_chinese(message) == "第 3 行「学时」列：是错误值（#REF!）；应为：改正公式，或直接填写学时"


def test_a_computed_formula_is_read_as_its_result(tmp_path: Path, ledger: Ledger) -> None:
    """A formula Excel saved with its result (<f>SUM(10,20)</f><v>30</v>) reads as 30: nothing to say."""
    path = _sheet(tmp_path, "=SUM(10,20)")
    _with_result(path, b"<f>SUM(10,20)</f><v /></c>", b"<f>SUM(10,20)</f><v>30</v></c>")
    result = run_import(ledger, path)
    assert (result.added, result.problems) == (2, [])
