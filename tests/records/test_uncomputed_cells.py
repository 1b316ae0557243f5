"""A records sheet's hours cell that Excel shows a value in and the file holds none of: a formula never computed
(a workbook made by a program, not yet saved in Excel or WPS), or an error value (#REF!). Said at the cell as what
it is, not as an empty cell, and the row held back as an empty one was. A row of nothing but error values, blank to
the reader, is said too, and refuses its file as a faulty row does. An online export's hours cells alike, and the
date cells of both."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from builders import (
    ONLINE_HEADER,
    RECORDS_HEADER,
    make_csv,
    make_workbook,
    records_csv,
    run_import,
    where,
)

from needscli.config import LedgerConfig
from needscli.records.store import Ledger, cadre_records
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


GOOD = ["C1", "测试张三", "党性教育", "集中", "2026-03-01", "2026-03-05", 40, "", "合格"]
NA_ROW = ("row {row}: every column read holds an error value or nothing (#N/A in A{row}:I{row}): no training can be "
          "read from it; expected the formulas corrected (one referring to a deleted sheet, say), or the row typed in; "
          "a row a formula filled down past the table left deleted")


def test_a_row_of_nothing_but_error_values_is_said_and_refuses_the_file(tmp_path: Path, ledger: Ledger) -> None:
    """A lookup filled down past the table (#N/A), a formula whose sheet was deleted (#REF!): calamine reads each
    cell as empty, and the row, blank to the reader, was skipped unsaid, the good row imported without it. Each such
    row is now said at its first error's cell, its cells named by their error, and the file waits for it, as for a
    faulty row; a blank row between them stays unsaid."""
    path = make_workbook(tmp_path, {"培训记录": [
        RECORDS_HEADER, GOOD, ["#N/A"] * 9, [None] * 9, ["#N/A"] * 6 + ["#REF!", None, "#N/A"]]}, name="records.xlsx")
    result = run_import(ledger, path)
    assert (result.added, result.files[0].rejected) == (0, True)
    assert [(p.row, p.column, p.cell, p.code, p.severity) for p in result.problems] == [
        (3, "编号", "A3", "error-value", "error"), (5, "编号", "A5", "error-value", "error")]
    first, second = (p.message for p in result.problems)
    assert first == NA_ROW.format(row=3)
    assert "(#N/A in A5:F5, I5; #REF! in G5)" in second
    assert in_chinese(first) == ("第 3 行：读取的各列只有错误值或空白（A3:I3 为 #N/A），读不出培训记录；应为：改正公式（如引用了已删除的"
                                 "工作表），或直接填写该行；公式向下填充到表格以外留下的行请删除")
    assert in_chinese(second).startswith("第 5 行：读取的各列只有错误值或空白（A5:F5、I5 为 #N/A；G5 为 #REF!），读不出培训记录")
    assert in_chinese(result.problems[0].expected) == (
        "改正公式（如引用了已删除的工作表），或直接填写该行；公式向下填充到表格以外留下的行请删除")


def test_such_a_row_is_said_in_its_place_among_the_sheets_faults(tmp_path: Path, ledger: Ledger) -> None:
    """A 序号 column is not read: a row with its 序号 and error values elsewhere is such a row too, said once, not
    a fault a cell; it is said between the faults of the rows above and below it."""
    header, good = ["序号", *RECORDS_HEADER], [1, *GOOD]
    bad = [3, "C2", "测试李四", "党性教育", "集中", "2026-03-01", "2026-03-05", "x", "", "合格"]
    path = make_workbook(tmp_path, {"培训记录": [header, good, [2] + ["#N/A"] * 9, bad]}, name="records.xlsx")
    result = run_import(ledger, path)
    assert [(p.row, p.cell, p.code) for p in result.problems] == [(3, "B3", "error-value"), (4, "H4", "bad-number")]
    assert "(#N/A in B3:J3)" in result.problems[0].message
    assert result.added == 0


def test_a_csvs_row_of_error_texts_is_said_once(tmp_path: Path, ledger: Ledger) -> None:
    """A CSV has no error type: Excel saves #N/A's text. Such a row was said a fault a cell (编号 is an error value,
    培训主题 is …), eight of them; it is one fault, as an .xlsx's."""
    result = run_import(ledger, records_csv(tmp_path, GOOD, ["#N/A"] * 9))
    assert [(p.row, p.cell, p.code, p.message) for p in result.problems] == [
        (3, "A3", "error-value", NA_ROW.format(row=3))]
    assert result.added == 0


def test_an_online_exports_row_of_error_values_is_said(tmp_path: Path, ledger: Ledger) -> None:
    path = make_workbook(tmp_path, {"学习记录": [ONLINE_HEADER, ["C1", "测试张三", "数字政府建设", 4, 4, "2026-02-11"],
                                             ["#N/A"] * 6]}, name="platform.xlsx")
    result = run_import(ledger, path)
    assert (result.files[0].kind, result.added) == ("online", 0)
    assert [(p.row, p.cell, p.code, p.severity) for p in result.problems] == [(3, "A3", "error-value", "error")]
    assert "(#N/A in A3:F3)" in result.problems[0].message


def test_a_csvs_error_text_in_the_hours_is_said_as_the_xlsxs(tmp_path: Path, ledger: Ledger) -> None:
    """A CSV saved from such a sheet writes #REF! as its text: it was said read as blank, the row kept, and the
    training recorded with 0 hours. It is said as the .xlsx's error value is, and the file waits for it."""
    bad = ["C2", "测试李四", "党性教育", "集中", "2026-03-01", "2026-03-05", "#REF!", "", "合格"]
    result = run_import(ledger, records_csv(tmp_path, GOOD, bad))
    assert [(p.row, p.cell, p.code, p.severity) for p in result.problems] == [(3, "G3", "error-value", "error")]
    assert (result.added, result.files[0].rejected, ledger.dump()) == (0, True, [])
    message = result.problems[0].message
    assert message == ('row 3, column "学时": is an error value (#REF!); expected the formula corrected, or the hours '
                       "typed in")
    assert in_chinese(message) == "第 3 行「学时」列：是错误值（#REF!）；应为：改正公式，或直接填写学时"


@pytest.mark.parametrize("csv", [False, True])
def test_an_online_exports_hours_of_an_error_value_are_said_as_a_records_sheets(tmp_path: Path, ledger: Ledger,
                                                                               csv: bool) -> None:
    """完成学时 of #REF! (an .xlsx's error value, a CSV's text) was said read as blank, the row kept, while the row
    was counted as a learner who had learnt nothing and not recorded; 课程学时 of #REF! was read as blank, and any
    hours learnt completed the course. Each is said as a records sheet's 学时 is, and the file waits for it."""
    rows = [ONLINE_HEADER, ["C1", "测试张三", "数字政府建设", 4, 4, "2026-02-11"],
            ["C2", "测试李四", "数字政府建设", 4, "#REF!", "2026-02-11"],
            ["C3", "测试王五", "数字政府建设", "#N/A", 2, "2026-02-11"]]
    path = make_csv(tmp_path, rows, name="platform.csv") if csv else make_workbook(tmp_path, {"学习记录": rows},
                                                                                   name="platform.xlsx")
    result = run_import(ledger, path)
    assert [(p.row, p.cell, p.code, p.severity) for p in result.problems] == [
        (3, "E3", "error-value", "error"), (4, "D4", "error-value", "error")]
    assert (result.files[0].kind, result.added, result.files[0].absent, result.files[0].rejected) == (
        "online", 0, 0, True)
    first, second = (p.message for p in result.problems)
    assert first == 'row 3, column "完成学时": is an error value (#REF!); expected the formula corrected, or the hours typed in'
    assert in_chinese(first) == "第 3 行「完成学时」列：是错误值（#REF!）；应为：改正公式，或直接填写学时"
    assert in_chinese(second) == "第 4 行「课程学时」列：是错误值（#N/A）；应为：改正公式，或直接填写学时"


def test_an_online_exports_hours_of_a_formula_without_its_result_are_said(tmp_path: Path, ledger: Ledger) -> None:
    """完成学时 of a formula the file holds no result of was read as empty: the learner counted absent, unsaid."""
    path = make_workbook(tmp_path, {"学习记录": [ONLINE_HEADER, ["C1", "测试张三", "数字政府建设", 4, "=2+2",
                                                              "2026-02-11"]]}, name="platform.xlsx")
    result = run_import(ledger, path)
    assert [(p.cell, p.code, p.severity) for p in result.problems] == [("E2", "formula-without-value", "error")]
    assert (result.added, result.files[0].absent) == (0, 0)


def test_an_online_learner_of_no_hours_is_absent_whatever_the_courses_hours_hold(tmp_path: Path,
                                                                                 ledger: Ledger) -> None:
    """A learner enrolled who learnt nothing is no training: the course's hours are not read, an error there unsaid."""
    path = make_workbook(tmp_path, {"学习记录": [ONLINE_HEADER, ["C1", "测试张三", "数字政府建设", "#REF!", 0, ""]]},
                         name="platform.xlsx")
    result = run_import(ledger, path)
    assert (result.added, result.files[0].absent, result.problems) == (0, 1, [])


@pytest.mark.parametrize("csv", [False, True])
def test_an_online_exports_completion_date_of_an_error_value_is_said_once(tmp_path: Path, ledger: Ledger,
                                                                          csv: bool) -> None:
    """完成时间 of #REF! was said read as blank (a warning), then, at the same cell, empty with its start date (an
    error); a CSV's #REF! text was read as no date at all, and the import stopped on an internal error. It is one
    error at its cell, as the hours', saying the error value and what to do; the file waits for it."""
    rows = [ONLINE_HEADER, ["C1", "测试张三", "数字政府建设", 4, 4, "2026-02-11"],
            ["C2", "测试李四", "数字政府建设", 4, 4, "#REF!"]]
    path = make_csv(tmp_path, rows, name="platform.csv") if csv else make_workbook(tmp_path, {"学习记录": rows},
                                                                                   name="platform.xlsx")
    result = run_import(ledger, path)
    assert [(p.row, p.cell, p.code, p.severity) for p in result.problems] == [(3, "F3", "error-value", "error")]
    assert (result.files[0].kind, result.added, result.files[0].rejected) == ("online", 0, True)
    message = result.problems[0].message
    assert message == ('row 3, column "完成时间": is an error value (#REF!); expected the formula corrected, or the date '
                       "typed in")
    assert in_chinese(message) == "第 3 行「完成时间」列：是错误值（#REF!）；应为：改正公式，或直接填写日期"


@pytest.mark.parametrize("csv", [False, True])
@pytest.mark.parametrize(("column", "cell"), [(4, "E3"), (5, "F3")])
def test_a_records_sheets_date_of_an_error_value_is_said_as_its_hours(tmp_path: Path, ledger: Ledger, csv: bool,
                                                                      column: int, cell: str) -> None:
    """开始日期 or 结束日期 of #REF! was read as blank, the row kept: a blank end date is the start's, and a 5-day
    training of 40 hours became one day's, held back as implausible; a blank start counted none of its days. The
    clerk sees a date there: the cell is an error, as the hours' is, and the file waits for it."""
    bad = ["C2", "测试李四", "党性教育", "集中", "2026-03-01", "2026-03-05", 40, "", "合格"]
    bad[column] = "#REF!"
    rows = [RECORDS_HEADER, GOOD, bad]
    path = records_csv(tmp_path, GOOD, bad) if csv else make_workbook(tmp_path, {"培训记录": rows},
                                                                      name="records.xlsx")
    result = run_import(ledger, path)
    assert [(p.cell, p.code, p.severity) for p in result.problems] == [(cell, "error-value", "error")]
    assert (result.added, result.files[0].rejected, ledger.dump()) == (0, True, [])
    header = RECORDS_HEADER[column]
    assert in_chinese(result.problems[0].message) == f"第 3 行「{header}」列：是错误值（#REF!）；应为：改正公式，或直接填写日期"


def test_a_records_sheets_date_formula_without_its_result_is_said(tmp_path: Path, ledger: Ledger) -> None:
    """结束日期 of a formula the file holds no result of was read as blank: the training read as one day's."""
    bad = ["C2", "测试李四", "党性教育", "集中", "2026-03-01", "=DATE(2026,3,5)", 40, "", "合格"]
    result = run_import(ledger, make_workbook(tmp_path, {"培训记录": [RECORDS_HEADER, GOOD, bad]}, name="records.xlsx"))
    assert [(p.cell, p.code, p.severity) for p in result.problems] == [("F3", "formula-without-value", "error")]
    assert result.added == 0


KEYED_HEADER = ["编号", "姓名", "培训主题", "班次", "培训方式", "开始日期", "结束日期", "学时"]
KEYED = ["C1", "测试张三", "数字政府建设", "W2026-01", "网络", "2026-03-02", "2026-03-06", 10]


def _keyed(tmp_path: Path, csv: bool, column: int, value: object, name: str = "records") -> Path:
    """A records sheet of one online training whose cell of the column holds value (#REF!, or the good one)."""
    row = list(KEYED)
    row[column] = value
    if csv:
        return records_csv(tmp_path, row, header=KEYED_HEADER, name=f"{name}.csv")
    return make_workbook(tmp_path, {"培训记录": [KEYED_HEADER, row]}, name=f"{name}.xlsx")


@pytest.mark.parametrize("csv", [False, True])
def test_a_class_id_of_an_error_value_holds_the_file_back_so_a_corrected_copy_adds_the_training_once(
        tmp_path: Path, ledger: Ledger, csv: bool) -> None:
    """班次 of #REF! was read as blank, the row kept (a warning): the training was recorded under a key without its
    class, and the corrected copy brought it again under another, an online one (which no check of the same days
    looks at) recorded twice. The class identifies the training: the cell is an error at its cell, as a date's is,
    and the file waits for it."""
    result = run_import(ledger, _keyed(tmp_path, csv, 3, "#REF!", "first"))
    assert [(p.row, p.cell, p.code, p.severity) for p in result.problems] == [(2, "D2", "error-value", "error")]
    assert (result.added, result.files[0].rejected, ledger.dump()) == (0, True, [])
    message = result.problems[0].message
    assert message == ('row 2, column "班次": is an error value (#REF!); expected the formula corrected, or the class id '
                       "typed in")
    assert in_chinese(message) == "第 2 行「班次」列：是错误值（#REF!）；应为：改正公式，或直接填写班次"
    corrected = run_import(ledger, _keyed(tmp_path, csv, 3, "W2026-01", "corrected"))
    assert (corrected.added, corrected.problems) == (1, [])
    assert [(r.class_id, r.delivery) for r in cadre_records(ledger, "C1")] == [("W2026-01", "online")]


@pytest.mark.parametrize("csv", [False, True])
def test_a_way_of_training_of_an_error_value_is_said_as_a_class_ids(tmp_path: Path, ledger: Ledger,
                                                                  csv: bool) -> None:
    """培训方式 of #REF! was read as blank, 集中: an online course recorded as 5 concentrated days, and its corrected
    copy recorded beside it as online, the hours counted twice over."""
    result = run_import(ledger, _keyed(tmp_path, csv, 4, "#REF!"))
    assert [(p.cell, p.code, p.severity) for p in result.problems] == [("E2", "error-value", "error")]
    assert (result.added, ledger.dump()) == (0, [])
    assert in_chinese(result.problems[0].message) == "第 2 行「培训方式」列：是错误值（#REF!）；应为：改正公式，或直接填写培训方式"


def test_a_class_id_formula_without_its_result_is_said(tmp_path: Path, ledger: Ledger) -> None:
    result = run_import(ledger, _keyed(tmp_path, False, 3, '="W"&"1"'))
    assert [(p.cell, p.code, p.severity) for p in result.problems] == [("D2", "formula-without-value", "error")]
    assert result.added == 0


def test_an_online_exports_class_id_of_an_error_value_is_said(tmp_path: Path, ledger: Ledger) -> None:
    """An export whose classes [ledger] online_columns reads (班次): a learner's row recorded without its class
    would be recorded again from the corrected copy, online records being checked for no training of the same
    days."""
    settings = LedgerConfig(online_columns={"学员编号": "cadre_id", "课程名称": "topic", "班次": "class_id",
                                            "完成学时": "attended_hours", "完成时间": "end_date"})
    header = ["学员编号", "课程名称", "班次", "完成学时", "完成时间"]
    bad = make_csv(tmp_path, [header, ["C1", "数字政府建设", "#REF!", 4, "2026-02-11"]], name="platform.csv")
    result = run_import(ledger, bad, settings=settings)
    assert [(p.cell, p.code, p.severity) for p in result.problems] == [("C2", "error-value", "error")]
    assert (result.files[0].kind, result.added, ledger.dump()) == ("online", 0, [])
    good = make_csv(tmp_path, [header, ["C1", "数字政府建设", "W1", 4, "2026-02-11"]], name="platform-2.csv")
    assert run_import(ledger, good, settings=settings).added == 1
    assert [r.class_id for r in cadre_records(ledger, "C1")] == ["W1"]


def test_an_error_value_in_a_column_that_does_not_identify_the_training_keeps_its_warning(
        tmp_path: Path, ledger: Ledger) -> None:
    """培训类型 is no part of the record's key, and nothing counts by it (the ledger keeps it): read as blank, the
    training is the one a corrected copy brings (the ledger holds it once, its outcome the same); the row is kept, with
    the warning."""
    header = [*KEYED_HEADER, "培训类型"]
    path = records_csv(tmp_path, [*KEYED, "#REF!"], header=header)
    result = run_import(ledger, path)
    assert [(p.cell, p.code, p.severity) for p in result.problems] == [("I2", "error-value", "warning")]
    assert result.added == 1


OUTCOME_HEADER = ["编号", "姓名", "培训主题", "班次", "开始日期", "结束日期", "天数", "结果", "机构类型"]
OUTCOME = ["C1", "测试张三", "党性教育", "K1", "2026-03-02", "2026-03-06", 5, "不合格", "企业"]


def _outcome(tmp_path: Path, csv: bool, column: int, value: object, name: str = "records") -> Path:
    """A records sheet of one training of 5 days at an enterprise, failed, whose cell of the column holds value."""
    row = list(OUTCOME)
    row[column] = value
    if csv:
        return records_csv(tmp_path, row, header=OUTCOME_HEADER, name=f"{name}.csv")
    return make_workbook(tmp_path, {"培训记录": [OUTCOME_HEADER, row]}, name=f"{name}.xlsx")


@pytest.mark.parametrize("csv", [False, True])
def test_a_result_of_an_error_value_holds_the_file_back_so_the_corrected_copy_is_recorded(
        tmp_path: Path, ledger: Ledger, csv: bool) -> None:
    """结果 of #REF! was read as blank, the row kept (a warning): a training failed (不合格) was recorded as completed,
    its 40 hours counted, and the corrected copy, the same training with another outcome, was held back as one the
    ledger holds otherwise (与台账记录不一致), the clerk sent to remove a record. The result decides whether the training
    counts: the cell is an error at its cell, as 学时's is, and the file waits for it."""
    result = run_import(ledger, _outcome(tmp_path, csv, 7, "#REF!", "first"))
    assert [(p.row, p.cell, p.code, p.severity) for p in result.problems] == [(2, "H2", "error-value", "error")]
    assert (result.added, result.files[0].rejected, ledger.dump()) == (0, True, [])
    message = result.problems[0].message
    assert message == 'row 2, column "结果": is an error value (#REF!); expected the formula corrected, or the result typed in'
    assert in_chinese(message) == "第 2 行「结果」列：是错误值（#REF!）；应为：改正公式，或直接填写结果"
    corrected = run_import(ledger, _outcome(tmp_path, csv, 7, "不合格", "corrected"))
    assert (corrected.added, corrected.problems) == (1, [])
    assert [(r.completed, r.credited_hours) for r in cadre_records(ledger, "C1")] == [(False, 0.0)]


@pytest.mark.parametrize("csv", [False, True])
def test_a_kind_of_provider_of_an_error_value_is_said_as_a_results(tmp_path: Path, ledger: Ledger,
                                                                   csv: bool) -> None:
    """机构类型 of #N/A was read as blank: the 5 days of an enterprise's training came to 30 hours at the default 6 a
    day, not its 40 at 8, and the corrected copy's 40 were held back as other hours of the same training. The kind
    sets a day's hours (and bounds the hours a row's days can hold): an error at its cell, the file waiting for it."""
    result = run_import(ledger, _outcome(tmp_path, csv, 8, "#N/A", "first"))
    assert [(p.cell, p.code, p.severity) for p in result.problems] == [("I2", "error-value", "error")]
    assert (result.added, ledger.dump()) == (0, [])
    assert in_chinese(result.problems[0].message) == "第 2 行「机构类型」列：是错误值（#N/A）；应为：改正公式，或直接填写机构类型"
    corrected = run_import(ledger, _outcome(tmp_path, csv, 8, "企业", "corrected"))
    assert (corrected.added, corrected.problems) == (1, [])
    assert [r.hours for r in cadre_records(ledger, "C1")] == [40.0]


def test_an_online_exports_status_of_an_error_value_is_said(tmp_path: Path, ledger: Ledger) -> None:
    """An export's 学习状态 of #REF! read as blank would complete the course by its hours alone."""
    header = [*ONLINE_HEADER, "学习状态"]
    path = make_csv(tmp_path, [header, ["C1", "测试张三", "数字政府建设", 4, 4, "2026-02-11", "#REF!"]],
                    name="platform.csv")
    result = run_import(ledger, path)
    assert [(p.cell, p.code, p.severity) for p in result.problems] == [("G2", "error-value", "error")]
    assert (result.files[0].kind, result.added, ledger.dump()) == ("online", 0, [])
