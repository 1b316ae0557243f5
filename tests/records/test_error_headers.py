"""A records file's header cells of error values (#REF!: headers by formula whose sheet was deleted). Said at their
cells, as an input sheet's are; where the column may be one that changes what is recorded, an error, the file not
imported. A header row of nothing but error values is refused at its cells, not as no records table."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from builders import (
    make_class_rosters,
    make_csv,
    make_workbook,
    records_csv,
    run_cli,
    run_import,
    seat,
)

from needscli.config import LedgerConfig
from needscli.errors import NeedsError
from needscli.records.store import Ledger, cadre_records
from needscli.wording import in_chinese

HEADER = ["编号", "姓名", "培训主题", "开始日期", "结束日期", "学时", "班次", "培训方式"]
ROW = ["C1", "测试张三", "数字政府建设", "2026-03-02", "2026-03-06", 10, "W2026-01", "网络"]
# every column of a records sheet that changes what is recorded, and one column no field reads
EVERY = ["编号", "姓名", "培训主题", "班次", "培训类型", "培训方式", "开始日期", "结束日期", "学时", "天数", "机构类型",
         "出勤学时", "出勤天数", "结果", "备注"]
EVERY_ROW = ["C1", "测试张三", "党性教育", "K1", "在职", "集中", "2026-03-02", "2026-03-06", 30, 5, "党校", 30, 5,
             "合格", "无"]


def _records(tmp_path: Path, csv: bool, header: list[str], row: list[object], name: str = "records") -> Path:
    if csv:
        return records_csv(tmp_path, row, header=header, name=f"{name}.csv")
    return make_workbook(tmp_path, {"培训记录": [header, row]}, name=f"{name}.xlsx")


@pytest.mark.parametrize("csv", [False, True])
def test_a_header_of_an_error_value_that_may_be_a_column_of_the_record_holds_the_file_back(
        tmp_path: Path, ledger: Ledger, csv: bool) -> None:
    """班次 and 培训方式 headed #REF!: both columns went unread without a word, the online course recorded as a
    concentrated one of no class, then again, online, from the corrected copy. Which column the cell heads cannot
    be told; the header row lacks columns that change what is recorded, so each cell is an error and the file waits."""
    erred = _records(tmp_path, csv, [*HEADER[:6], "#REF!", "#REF!"], ROW, "first")
    result = run_import(ledger, erred)
    assert [(p.row, p.cell, p.code, p.severity) for p in result.problems] == [(1, "G1", "error-value", "error"),
                                                                              (1, "H1", "error-value", "error")]
    assert (result.added, result.files[0].rejected, ledger.dump()) == (0, True, [])
    message = result.problems[0].message
    assert message == ("header row 1: the header G1 is an error value (#REF!), so its column was not read; it may be "
                       "one of the columns the header row lacks (班次, 培训类型, 培训方式, 天数, 机构类型, 出勤学时, "
                       "出勤天数, 结果), and any of them read as absent changes what is recorded; expected the formula "
                       "corrected, or the header typed in")
    assert in_chinese(message) == ("第 1 行表头：表头 G1 是错误值（#REF!），该列没有读取；该列可能是表头行缺少的「班次」、"
                                   "「培训类型」、「培训方式」、「天数」、「机构类型」、「出勤学时」、「出勤天数」、「结果」中的"
                                   "一列，缺少其中任何一列，记入台账的内容都会不同；应为：改正公式，或直接填写表头")
    corrected = run_import(ledger, _records(tmp_path, csv, HEADER, ROW, "corrected"))
    assert (corrected.added, corrected.problems) == (1, [])
    assert [(r.class_id, r.delivery) for r in cadre_records(ledger, "C1")] == [("W2026-01", "online")]


def test_a_header_of_an_error_value_where_every_column_of_the_record_is_there_is_a_warning(
        tmp_path: Path, ledger: Ledger) -> None:
    """Every column that changes a record has its header: the cell heads none read, and is said as an input sheet's
    is, a warning, the file imported."""
    path = _records(tmp_path, False, [*EVERY[:-1], "#REF!"], EVERY_ROW)
    result = run_import(ledger, path)
    assert [(p.cell, p.code, p.severity) for p in result.problems] == [("O1", "error-value", "warning")]
    assert in_chinese(result.problems[0].message) == ("第 1 行表头：表头 O1 是错误值（#REF!），该列没有读取；应为：改正公式，"
                                                      "或直接填写表头")
    assert result.added == 1


def test_a_header_of_an_error_value_is_said_beside_a_required_column_it_leaves_missing(
        tmp_path: Path, ledger: Ledger) -> None:
    path = _records(tmp_path, False, ["编号", "姓名", "#REF!", *HEADER[3:]], ROW)
    with pytest.raises(NeedsError) as raised:
        run_import(ledger, path)
    assert str(raised.value) == ('records.xlsx, sheet 培训记录: header row 1: no "培训主题" (Topic) column; the header C1 '
                                 "is an error value (#REF!), so its column was not read; expected the formula "
                                 "corrected, or the header typed in")


def test_an_online_exports_header_of_an_error_value_is_said(tmp_path: Path, ledger: Ledger) -> None:
    """课程学时 headed #REF!: read as absent, any hours learnt would complete the course."""
    settings = LedgerConfig(online_columns={"学员编号": "cadre_id", "课程名称": "topic", "课程学时": "hours",
                                            "完成学时": "attended_hours", "完成时间": "end_date"})
    header = ["学员编号", "课程名称", "#REF!", "完成学时", "完成时间"]
    path = make_csv(tmp_path, [header, ["C1", "数字政府建设", 4, 2, "2026-02-11"]], name="platform.csv")
    result = run_import(ledger, path, settings=settings)
    assert [(p.cell, p.code, p.severity) for p in result.problems] == [("C1", "error-value", "error")]
    assert (result.files[0].kind, result.added) == ("online", 0)
    assert "(课程学时)" in result.problems[0].message


@pytest.mark.parametrize("csv", [False, True])
def test_a_header_row_of_error_values_is_refused_at_its_cells(tmp_path: Path, ledger: Ledger, csv: bool) -> None:
    """Every header #REF!: said as an input sheet's header row of error values is, not as no records table found."""
    path = _records(tmp_path, csv, ["#REF!"] * 8, ROW)
    place = "records.csv" if csv else "records.xlsx, sheet 培训记录"
    with pytest.raises(NeedsError) as raised:
        run_import(ledger, path)
    assert str(raised.value) == (f"{place}: header row 1: its headers are error values (#REF! in A1:H1), so the "
                                 "header row could not be read; expected the headers typed in again, not by formula, "
                                 "with columns such as 编号, 培训主题, 开始日期, 结束日期, 学时 (Cadre ID, Topic, Start date, "
                                 "End date, Hours)")


def test_a_header_row_of_error_values_refuses_the_import_in_chinese(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"培训记录": [["2026年培训记录"], ["#REF!"] * 8, ROW]}, name="records.xlsx")
    result = run_cli("records", "import", "--ledger", tmp_path / "ledger.db", path, env={"NEEDSCLI_LANG": "zh"})
    assert (result.exit_code, result.stderr) == (2, "错误：records.xlsx，工作表「培训记录」：第 2 行表头：表头是错误值（A2:H2 为 "
                                                    "#REF!），无法读取表头行；应为：重新键入表头（不用公式），含 编号、培训主题、"
                                                    "开始日期、结束日期、学时 等列\n")


def _signed_with_header(tmp_path: Path, sheet: str, header: str) -> Path:
    """A signed class-rosters.xlsx (class K001, one seat signed) whose header cell named header, on the Overview or on
    the class's sign-in sheet, shows #REF!."""
    path = make_class_rosters(tmp_path, [{"id": "K001", "topic": "法治政府建设", "period": "2026-03", "hours": 8,
                                          "seats": [seat("C1", "√")]}])
    book = openpyxl.load_workbook(path)
    ws = book[sheet]
    cell = next(c for row in ws.iter_rows(max_row=5) for c in row if c.value == header)
    cell.value = "#REF!"
    book.save(path)
    return path


def test_a_sign_in_sheets_header_of_an_error_value_holds_the_workbook_back(tmp_path: Path, ledger: Ledger) -> None:
    """A sign-in sheet's 签到 columns are one a day: a header cell of #REF! may be any day's, and the seats read without
    it would be recorded absent. An error at its cell; nothing recorded."""
    result = run_import(ledger, _signed_with_header(tmp_path, "K001", "签到"))
    said = [(p.row, p.code, p.severity) for p in result.problems if p.code == "error-value"]
    assert said == [(3, "error-value", "error")], result.problems
    assert (result.added, result.files[0].rejected, ledger.dump()) == (0, True, [])
    assert in_chinese(result.problems[0].message).startswith(
        "第 3 行表头：表头 G3 是错误值（#REF!），该列没有读取；该列可能是表头行缺少的「签到」、「完整编号」中的一列")


def test_an_overviews_header_of_an_error_value_over_a_column_for_people_is_a_warning(tmp_path: Path,
                                                                                     ledger: Ledger) -> None:
    """The Overview's 班次名称 is written for people to read: where the header row has every column that changes what
    is recorded, a #REF! header can head none of them. A warning at its cell; the seat recorded."""
    result = run_import(ledger, _signed_with_header(tmp_path, "班次总览", "班次名称"))
    said = [(p.row, p.cell, p.severity) for p in result.problems if p.code == "error-value"]
    assert said == [(1, "B1", "warning")], result.problems
    assert result.added == 1
