"""Importing class-rosters.xlsx with attendance filled in: marks, hours attended, classes and sheets, and
every fault of a seat reported by its cell."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from builders import (
    CANARY_ID,
    CANARY_NAME,
    daily_rosters,
    day_seat,
    forge_numbers,
    make_class_rosters,
    run_import,
    seat,
)

from needscli.config import Config, LedgerConfig
from needscli.models import Cadre
from needscli.records.removal import find_source, remove_records
from needscli.records.store import Ledger, cadre_records, hours_in_year
from needscli.wording import ASCII_SENTENCE, in_chinese

D = dt.date


def two_classes() -> list[dict[str, object]]:
    return [
        {"id": "K001", "topic": "法治政府建设", "period": "2026-06", "hours": 48, "type": "专门业务培训",
         "seats": [seat("C1", "√"), seat("C2", "", 42), seat("C3", "", 41), seat("C4"), seat("C5", "请假"),
                   seat("C6", "到", 0)]},
        {"id": "K002", "topic": "理论教育和党性教育", "period": "2026-12", "hours": 40, "type": "专题培训（理论与党性）",
         "seats": [seat("C1", "1"), seat("C7", "present")]},
    ]


def test_class_rosters_with_attendance(tmp_path: Path, ledger: Ledger) -> None:
    path = make_class_rosters(tmp_path, two_classes())
    result = run_import(ledger, path)
    assert result.problems == []
    assert [(f.kind, f.added, f.absent, f.not_completed) for f in result.files] == [("class-rosters", 5, 3, 1)]
    seats = {c: cadre_records(ledger, c) for c in ("C1", "C2", "C3", "C7")}
    k1 = seats["C1"][0]
    assert (k1.class_id, k1.topic, k1.topic_id, k1.training_type, k1.delivery) == (
        "K001", "法治政府建设", "rule-of-law", "specialized", "concentrated")
    assert (k1.start_date, k1.end_date, k1.hours, k1.attended_hours, k1.completed) == (
        D(2026, 6, 1), D(2026, 6, 30), 48, 48, True)
    assert (k1.source_sheet, k1.source_row) == ("K001", 4)
    assert [(r.attended_hours, r.completed) for r in seats["C2"] + seats["C3"]] == [(42, True), (41, False)]
    k2 = seats["C1"][1]
    assert (k2.topic_id, k2.training_type, k2.end_date) == (Config().classes.core_class_topic, "theory",
                                                           D(2026, 12, 31))
    assert [r.cadre_id for r in cadre_records(ledger, "C4") + cadre_records(ledger, "C5")] == []
    assert hours_in_year(ledger, "C1", 2026) == 88
    again = run_import(ledger, path)
    assert (again.added, again.unchanged) == (0, 5)


def test_an_import_again_counts_the_seats_not_completed_as_it_counts_the_absent(tmp_path: Path,
                                                                                 ledger: Ledger) -> None:
    """The file's line says what the file holds, its seats added or held already: imported again, it said 缺勤 3 人次
    and no longer 未完成 1 人次, as if every other seat had completed; a seat of the same outcome the ledger holds
    from another file (the copy printed of a class imported signed) is counted alike."""
    path = make_class_rosters(tmp_path, two_classes())
    first = run_import(ledger, path)
    again = run_import(ledger, path)
    assert [(f.added, f.unchanged, f.absent, f.not_completed) for f in first.files + again.files] == [
        (5, 0, 3, 1), (0, 5, 3, 1)]
    k001 = make_class_rosters(tmp_path, two_classes()[:1], name="K001.xlsx")  # another file: K001's sheet alone
    other = run_import(ledger, k001)
    assert [(f.added, f.unchanged, f.absent, f.not_completed) for f in other.files] == [(0, 3, 3, 1)]


def test_class_rosters_in_english(tmp_path: Path, ledger: Ledger) -> None:
    classes = [{"id": "K001", "topic": "Rule of law", "period": "2026-06", "hours": 48, "type": "On-the-job",
                "seats": [seat("C1", "✓"), seat("C2", "", 44)]}]
    result = run_import(ledger, make_class_rosters(tmp_path, classes, lang="en"))
    assert (result.added, result.problems) == (2, [])
    assert cadre_records(ledger, "C1")[0].training_type == "on-the-job"


@pytest.mark.parametrize("header", ["承办单位", "培训机构", "Host", "Resource"])
def test_the_overviews_host_is_read_under_its_header_of_now_and_of_earlier_workbooks(
        tmp_path: Path, ledger: Ledger, header: str) -> None:
    """The Overview heads its hosts 承办单位 (Host), as the annual plan and the sign-in sheets do; a workbook written
    before heads them 培训机构 (Resource). Either way a class an online academy hosts is recorded as online."""
    classes = [{"id": "K001", "topic": "法治政府建设", "period": "2026-06", "hours": 8, "resource": "网络学院",
                "seats": [seat("C1", "√")]}]
    path = make_class_rosters(tmp_path, classes)
    book = openpyxl.load_workbook(path)
    overview = book["班次总览"]
    next(c for c in overview[1] if c.value == "承办单位").value = header
    book.save(path)
    result = run_import(ledger, path)
    assert (result.added, result.problems) == (1, [])
    assert cadre_records(ledger, "C1")[0].delivery == "online"


def _host_of(tmp_path: Path, value: object) -> tuple[list[dict[str, Any]], Path, str]:
    """A class an online academy hosts, its class-rosters.xlsx's Overview 承办单位 set to value: the class, the workbook
    and the column's letter."""
    classes = [{"id": "K001", "topic": "法治政府建设", "period": "2026-03", "hours": 8, "resource": "网络学院",
                "seats": [seat("C1", "√")]}]
    path = make_class_rosters(tmp_path, classes)
    book = openpyxl.load_workbook(path)
    overview = book["班次总览"]
    column = next(c.column_letter for c in overview[1] if c.value == "承办单位")
    overview[f"{column}2"] = value
    book.save(path)
    return classes, path, column


@pytest.mark.parametrize(("value", "code"), [("#REF!", "error-value"), ("=A1", "formula-without-value")])
def test_the_overviews_host_of_an_error_value_holds_the_workbook_back(tmp_path: Path, ledger: Ledger, value: str,
                                                                     code: str) -> None:
    """承办单位 tells an online academy's class (recorded online) from a concentrated one. Of #REF!, it was read as
    blank, the row kept (a warning): the seats recorded as concentrated, and recorded again as online from the
    corrected copy, under another key. It is an error at its cell, as the hours of a records sheet are, and the
    workbook waits for it."""
    classes, path, column = _host_of(tmp_path, value)
    result = run_import(ledger, path)
    assert [(p.row, p.cell, p.code, p.severity) for p in result.problems] == [(2, f"{column}2", code, "error")]
    assert (result.added, result.files[0].rejected, ledger.dump()) == (0, True, [])
    if code == "error-value":
        assert in_chinese(result.problems[0].message) == (
            "第 2 行「承办单位」列：是错误值（#REF!）；应为：改正公式，或直接填写承办单位")
    corrected = run_import(ledger, make_class_rosters(tmp_path, classes, name="corrected.xlsx"))
    assert (corrected.added, corrected.problems) == (1, [])
    assert [r.delivery for r in cadre_records(ledger, "C1")] == ["online"]


def test_the_overviews_host_of_nan_says_what_to_do(tmp_path: Path, ledger: Ledger) -> None:
    """承办单位 of <v>NaN</v> (a forged or broken file) held the workbook back said as no text, with nothing of what to
    do: the cell is typed again."""
    _, path, column = _host_of(tmp_path, 98765)
    forge_numbers(path, {98765: b"NaN"})
    result = run_import(ledger, path)
    assert [(p.cell, p.code, p.severity) for p in result.problems] == [(f"{column}2", "bad-value", "error")]
    assert (result.added, result.files[0].rejected) == (0, True)
    assert in_chinese(result.problems[0].message) == (
        "第 2 行「承办单位」列：「nan」是无效的数值，不是文字；应为：文字（在 Excel 或 WPS 中重新键入该单元格）")


def test_the_overviews_period_of_an_error_value_is_said_as_one(tmp_path: Path, ledger: Ledger) -> None:
    """时段 of #REF! held the workbook back said as empty (为空), a cell the clerk sees #REF! in."""
    classes = [{"id": "K001", "topic": "法治政府建设", "period": "2026-03", "hours": 8, "seats": [seat("C1", "√")]}]
    path = make_class_rosters(tmp_path, classes)
    book = openpyxl.load_workbook(path)
    overview = book["班次总览"]
    column = next(c.column_letter for c in overview[1] if c.value == "时段")
    overview[f"{column}2"] = "#REF!"
    book.save(path)
    result = run_import(ledger, path)
    assert [(p.cell, p.code, p.severity) for p in result.problems] == [(f"{column}2", "error-value", "error")]
    assert (result.added, result.files[0].rejected) == (0, True)
    assert in_chinese(result.problems[0].message) == "第 2 行「时段」列：是错误值（#REF!）；应为：改正公式，或直接填写日期"


def test_filling_in_more_seats_later_adds_them(tmp_path: Path, ledger: Ledger) -> None:
    early = two_classes()
    run_import(ledger, make_class_rosters(tmp_path, early, name="early.xlsx"))
    later = two_classes()
    later[0]["seats"][3] = seat("C4", "√")  # type: ignore[index]
    result = run_import(ledger, make_class_rosters(tmp_path, later, name="later.xlsx"))
    assert (result.added, result.unchanged, result.problems) == (1, 5, [])


def test_class_rosters_problems_name_cells_not_people(tmp_path: Path, ledger: Ledger) -> None:
    classes = two_classes()
    classes[0]["seats"] = [seat(CANARY_ID, "maybe"), seat("C2", "", 50), seat("C3", "", "四十")]
    classes[1]["period"] = "下半年"
    result = run_import(ledger, make_class_rosters(tmp_path, classes))
    assert [(p.sheet, p.row, p.column, p.code, p.cell) for p in result.problems] == [
        ("K001", 4, "签到", "bad-value", "G4"),
        ("K001", 5, "出勤学时", "bad-number", "H5"),
        ("K001", 6, "出勤学时", "bad-number", "H6"),
        ("班次总览", 3, "时段", "bad-date", "G3"),
    ]
    assert all(CANARY_ID not in p.message and CANARY_NAME not in p.message for p in result.problems)
    assert result.added == 0 and ledger.dump() == []


def test_class_without_hours_or_sheet(tmp_path: Path, ledger: Ledger) -> None:
    classes = two_classes()
    classes[0]["hours"] = ""
    path = make_class_rosters(tmp_path, classes)
    result = run_import(ledger, path)
    assert [(p.sheet, p.row, p.column, p.code) for p in result.problems] == [("班次总览", 2, "学时", "missing-value")]
    book = make_class_rosters(tmp_path, two_classes(), name="renamed.xlsx")
    wb = openpyxl.load_workbook(book)
    wb["K002"].title = "第二期"
    wb.save(book)
    result = run_import(ledger, book)
    assert [(p.sheet, p.row, p.code, p.severity) for p in result.problems] == [
        ("班次总览", 3, "missing-sheet", "error"), ("第二期", None, "unknown-class", "warning")]
    said = [in_chinese(p.message) + in_chinese(p.expected) for p in result.problems]
    assert said[1] == "该工作表不是「班次总览」中列出的班次，未读取「班次总览」中列出的班次"
    assert not any(ASCII_SENTENCE.search(text) for text in said)


def test_custom_attendance_marks(tmp_path: Path, ledger: Ledger) -> None:
    classes = [{"id": "K001", "topic": "法治", "period": "2026-06", "hours": 8, "seats": [seat("C1", "签"),
                                                                                           seat("C2", "旷")]}]
    settings = LedgerConfig(present_marks=["签"], absent_marks=["旷"])
    result = run_import(ledger, make_class_rosters(tmp_path, classes), settings=settings)
    assert (result.added, result.files[0].absent, result.problems) == (1, 1, [])


def test_class_rosters_row_reports_a_bad_mark_and_too_many_hours(tmp_path: Path, ledger: Ledger) -> None:
    classes = [{"id": "C001", "topic": "理论教育和党性教育", "period": "2026-12", "hours": 68,
                "seats": [seat("C1", "abc", 70), seat("C2", "√"), seat("C3", "", 60)]}]
    result = run_import(ledger, make_class_rosters(tmp_path, classes))
    assert [(p.sheet, p.row, p.column, p.code, p.cell) for p in result.problems] == [
        ("C001", 4, "签到", "bad-value", "G4"),
        ("C001", 4, "出勤学时", "bad-number", "H4"),
    ]
    assert "more than the class's 68 hours" in result.problems[1].message
    assert result.added == 0 and ledger.dump() == []  # all or nothing per file


def test_class_rosters_row_reports_a_bad_mark_and_the_missing_class_hours(tmp_path: Path, ledger: Ledger) -> None:
    classes = [{"id": "K001", "topic": "法治", "period": "2026-06", "hours": "", "seats": [seat("C1", "abc", 8)]}]
    result = run_import(ledger, make_class_rosters(tmp_path, classes))
    assert [(p.sheet, p.row, p.column, p.code) for p in result.problems] == [
        ("K001", 4, "签到", "bad-value"), ("班次总览", 2, "学时", "missing-value")]


def test_the_marks_a_sign_in_sheet_lists_count_as_present(tmp_path: Path, ledger: Ledger) -> None:
    """√ ✓ 到 已签 签到 出席, the member's own name: present; 病假 and the like: absent."""
    marks = ["已签", "签到", "出席", "✔", "测试张三", "V", "病假", "缺席"]
    classes = [{"id": "K001", "topic": "法治", "period": "2026-06", "hours": 8,
                "seats": [seat(f"C{i}", mark) for i, mark in enumerate(marks, start=1)]}]
    result = run_import(ledger, make_class_rosters(tmp_path, classes))
    assert (result.added, result.files[0].absent, result.problems) == (6, 2, [])


def test_an_unknown_mark_is_a_warning_and_the_other_seats_are_imported(tmp_path: Path, ledger: Ledger) -> None:
    classes = [{"id": "K001", "topic": "法治", "period": "2026-06", "hours": 8,
                "seats": [seat("C1", "迟到了"), seat("C2", "√"), seat("C3", "?", 6)]}]
    result = run_import(ledger, make_class_rosters(tmp_path, classes))
    assert [(p.row, p.cell, p.code, p.severity) for p in result.problems] == [
        (4, "G4", "bad-value", "warning"), (6, "G6", "bad-value", "warning")]
    assert "this seat was not recorded" in result.problems[0].message
    assert "not recorded" not in result.problems[1].message  # its hours attended are recorded
    assert [(f.added, f.held_back, f.rejected) for f in result.files] == [(2, 1, False)]  # C1 waits for a fixed copy
    assert [r.attended_hours for c in ("C1", "C2", "C3") for r in cadre_records(ledger, c)] == [8, 6]


# --- sign-in sheets with one 签到 column a day (or a week), as needscli writes them now ------------

HELD = D(2026, 7, 1)  # an import date after the days of daily_rosters' class (2026-06)
DAY_HEADER = ["序号", "编号", "姓名", "单位", "职务", "职级", "签到", "签到", "签到", "出勤学时", "备注"]


def test_a_sign_in_cell_of_nan_or_inf_is_said_at_its_cell_not_read_as_absent(tmp_path: Path, ledger: Ledger) -> None:
    """A 签到 cell of <v>NaN</v> or <v>INF</v> (no spreadsheet program writes them: a forged or broken file) was read
    as a blank one: the seat counted absent, unsaid. It is no mark, said at its cell as an unknown mark is, with the
    invalid number it holds; the seat waits for a copy with the cell fixed, or counts its 出勤学时 where they are given."""
    classes = [{"id": "K001", "topic": "法治", "period": "2026-06", "hours": 8,
                "seats": [seat("C1", 11111), seat("C2", "√"), seat("C3", 33333), seat("C4", 44444, 6)]}]
    path = make_class_rosters(tmp_path, classes)
    forge_numbers(path, {11111: b"NaN", 33333: b"INF", 44444: b"NaN"}, sheet=2)
    result = run_import(ledger, path)
    assert [(p.cell, p.code, p.severity) for p in result.problems] == [
        ("G4", "bad-value", "warning"), ("G6", "bad-value", "warning"), ("G7", "bad-value", "warning")]
    assert (result.added, result.files[0].absent, result.files[0].held_back) == (2, 0, 2)
    assert [r.attended_hours for c in ("C1", "C2", "C3", "C4") for r in cadre_records(ledger, c)] == [8, 6]
    first, _, last = (p.message for p in result.problems)
    assert first.startswith('row 4, column "签到": "nan" is an invalid number, not an attendance mark; this seat was '
                            "not recorded: fix the cell and import the sheet again; expected √, ✓")
    assert in_chinese(first).startswith("第 4 行「签到」列：「nan」是无效的数值，不是签到标记；该席位未记录，请改正后重新导入该表；应为：")
    assert in_chinese(last).startswith("第 7 行「签到」列：「nan」是无效的数值，不是签到标记；应为：")


@pytest.mark.parametrize(("value", "code"), [("#REF!", "error-value"), ("=A1", "formula-without-value")])
def test_a_sign_in_cell_of_an_error_value_is_said_at_its_cell_not_read_as_absent(
        tmp_path: Path, ledger: Ledger, value: str, code: str) -> None:
    """A 签到 cell of #REF! (or a formula with no saved result) was read as a blank one: the seat counted absent,
    unsaid, where the clerk sees a value. It is no mark, said at its cell as a mark of NaN is; the seat waits for a
    copy with the cell fixed, or counts its 出勤学时 where they are given; a row of it alone is no one's marks."""
    classes = [{"id": "K001", "topic": "法治", "period": "2026-06", "hours": 8,
                "seats": [seat("C1", "√"), seat("C2"), seat("C3", "", 6)]}]
    path = make_class_rosters(tmp_path, classes)
    book = openpyxl.load_workbook(path)
    book["K001"]["G5"] = book["K001"]["G6"] = value
    book.save(path)
    result = run_import(ledger, path)
    assert [(p.cell, p.code, p.severity) for p in result.problems] == [("G5", code, "warning"), ("G6", code, "warning")]
    assert (result.added, result.files[0].absent, result.files[0].held_back) == (2, 0, 1)
    assert [r.attended_hours for c in ("C1", "C2", "C3") for r in cadre_records(ledger, c)] == [8, 6]
    first, last = (in_chinese(p.message) for p in result.problems)
    if code == "error-value":
        assert result.problems[0].message == (
            'row 5, column "签到": is an error value (#REF!); this seat was not recorded: fix the cell and import the '
            "sheet again; expected the formula corrected, or the attendance mark typed in")
        assert first == "第 5 行「签到」列：是错误值（#REF!）；该席位未记录，请改正后重新导入该表；应为：改正公式，或直接填写签到标记"
        assert last == "第 6 行「签到」列：是错误值（#REF!）；应为：改正公式，或直接填写签到标记"
    else:
        assert first.startswith("第 5 行「签到」列：是公式，文件中没有保存其计算结果；该席位未记录，请改正后重新导入该表；应为：")
    stray = [{"id": "K002", "topic": "法治", "period": "2026-06", "hours": 8,
              "seats": [seat("C4", "√"), seat("", name="")]}]
    path = make_class_rosters(tmp_path, stray, name="stray.xlsx")
    book = openpyxl.load_workbook(path)
    book["K002"]["G5"] = value
    book.save(path)
    result = run_import(ledger, path)
    assert [(p.cell, p.code, p.severity) for p in result.problems] == [("B5", "missing-value", "error"), ("G5", code, "warning")]
    assert (result.added, result.files[0].rejected) == (0, True)
    whole = [{"id": "K003", "topic": "法治", "period": "2026-06", "hours": 8, "seats": [seat("C5"), seat("C6")]}]
    path = make_class_rosters(tmp_path, whole, name="whole.xlsx")
    book = openpyxl.load_workbook(path)
    book["K003"]["G4"] = book["K003"]["G5"] = value  # every mark of the sheet: not a sheet left blank
    book.save(path)
    result = run_import(ledger, path)
    assert [(p.cell, p.code) for p in result.problems] == [("G4", code), ("G5", code)]
    assert (result.files[0].held_back, result.files[0].blank_classes) == (2, [])


@pytest.mark.parametrize(("value", "code"), [("#REF!", "error-value"), ("=A1", "formula-without-value")])
def test_hours_attended_of_an_error_value_hold_the_workbook_back(tmp_path: Path, ledger: Ledger, value: str,
                                                                 code: str) -> None:
    """A 出勤学时 of #REF! was read as blank, with a warning (已按空白处理), and the seat recorded by its marks: the 8 hours
    of √ where the clerk's hours, unseen, may be 6. It is an error, as a records sheet's 学时 is, and the workbook
    waits for a copy with the cell fixed."""
    classes = [{"id": "K001", "topic": "法治", "period": "2026-06", "hours": 8,
                "seats": [seat("C1", "√"), seat("C2", "√")]}]
    path = make_class_rosters(tmp_path, classes)
    book = openpyxl.load_workbook(path)
    book["K001"]["H5"] = value
    book.save(path)
    result = run_import(ledger, path)
    assert [(p.cell, p.code, p.severity) for p in result.problems] == [("H5", code, "error")]
    assert (result.added, result.files[0].rejected, ledger.dump()) == (0, True, [])
    if code == "error-value":
        assert in_chinese(result.problems[0].message) == "第 5 行「出勤学时」列：是错误值（#REF!）；应为：改正公式，或直接填写出勤学时"


def test_a_name_of_nan_is_said_at_its_cell(tmp_path: Path, ledger: Ledger) -> None:
    """A 姓名 of <v>NaN</v> was read as no name: unsaid on a seat with its id, and on a row without one said as empty
    (姓名也为空), or the row skipped as nobody's. It is said at its cell as any import says a text cell of NaN: a
    warning where the seat has its id (recorded under it), an error where it has none, the workbook waiting for it."""
    path = make_class_rosters(tmp_path, [{"id": "K001", "topic": "法治", "period": "2026-06", "hours": 8,
                                          "seats": [seat("C1", "√", name=11111)]}])
    forge_numbers(path, {11111: b"NaN"}, sheet=2)
    result = run_import(ledger, path)
    assert [(p.cell, p.code, p.severity, p.message) for p in result.problems] == [
        ("C4", "bad-value", "warning", 'row 4, column "姓名": "nan" is an invalid number, not text, so it was read as '
         "blank (the row was kept); expected text, the cell typed in again in Excel or WPS")]
    assert (result.added, in_chinese(result.problems[0].message)) == (
        1, "第 4 行「姓名」列：「nan」是无效的数值，不是文字，已按空白处理（该行已保留）；应为：文字（在 Excel 或 WPS 中重新键入该单元格）")
    for marks in ("√", ""):
        path = make_class_rosters(tmp_path, [{"id": "K002", "topic": "法治", "period": "2026-06", "hours": 8,
                                              "seats": [seat("C2", "√"), seat("", marks, name=22222)]}],
                                  name=f"again{len(marks)}.xlsx")
        forge_numbers(path, {22222: b"INF"}, sheet=2)
        result = run_import(ledger, path)
        assert [(p.cell, p.code, p.severity) for p in result.problems] == [("C5", "bad-value", "error")]
        assert (result.added, result.files[0].rejected) == (0, True)
        assert in_chinese(result.problems[0].message) == (
            "第 5 行「姓名」列：「inf」是无效的数值，不是文字；应为：在本行填写参训者的编号和姓名；补上编号之前，本工作簿的各张签到表"
            "（其他班次的也在内）都不会导入（出勤按编号记入台账）")


@pytest.mark.parametrize(("value", "code"), [("#REF!", "error-value"), ("=A1", "formula-without-value")])
def test_an_id_of_an_error_value_is_said_as_one_not_as_a_walk_in(tmp_path: Path, ledger: Ledger, value: str,
                                                                  code: str) -> None:
    """A seat's 编号 of #REF! beside its 姓名 (or a formula with no saved result) was refused as a walk-in's row
    (为空：本行只写了姓名), sending the clerk to look for someone written in by hand. It is said as the cell it is, with
    what to do, and the workbook still waits for it; a row of such an id and nothing else is no longer skipped."""
    classes = [{"id": "K001", "topic": "法治", "period": "2026-06", "hours": 8,
                "seats": [seat("C1", "√"), seat("C2", "√"), seat("C3", name="")]}]
    path = make_class_rosters(tmp_path, classes)
    book = openpyxl.load_workbook(path)
    book["K001"]["B5"] = value
    book["K001"]["B6"] = value
    book.save(path)
    result = run_import(ledger, path)
    assert [(p.cell, p.code, p.severity) for p in result.problems] == [("B5", code, "error"), ("B6", code, "error")]
    assert (result.added, result.files[0].rejected, ledger.dump()) == (0, True, [])
    if code == "error-value":
        assert result.problems[0].message == (
            'row 5, column "编号": is an error value (#REF!); expected the formula corrected, or the id typed in')
        assert in_chinese(result.problems[0].message) == "第 5 行「编号」列：是错误值（#REF!）；应为：改正公式，或直接填写编号"
    else:
        assert in_chinese(result.problems[0].message).startswith("第 5 行「编号」列：是公式，文件中没有保存其计算结果；应为：")


@pytest.mark.parametrize(("value", "code"), [("#REF!", "error-value"), ("=A1", "formula-without-value")])
def test_a_name_of_an_error_value_is_said_at_its_cell(tmp_path: Path, ledger: Ledger, value: str, code: str) -> None:
    """A 姓名 of #REF! (or a formula with no saved result) was read as no name: unsaid beside a good 编号, and on a row
    without one said as empty (姓名也为空) or skipped as nobody's. It is said as a name of NaN is: a warning where the
    seat has its id (recorded under it), an error where it has none, the workbook waiting for it."""
    path = make_class_rosters(tmp_path, [{"id": "K001", "topic": "法治", "period": "2026-06", "hours": 8,
                                          "seats": [seat("C1", "√")]}])
    book = openpyxl.load_workbook(path)
    book["K001"]["C4"] = value
    book.save(path)
    result = run_import(ledger, path)
    assert [(p.cell, p.code, p.severity) for p in result.problems] == [("C4", code, "warning")]
    assert result.added == 1
    if code == "error-value":
        assert in_chinese(result.problems[0].message) == "第 4 行「姓名」列：是错误值（#REF!）；应为：改正公式，或直接填写姓名"
    for marks in ("√", ""):
        path = make_class_rosters(tmp_path, [{"id": "K002", "topic": "法治", "period": "2026-06", "hours": 8,
                                              "seats": [seat("C2", "√"), seat("", marks)]}],
                                  name=f"again{len(marks)}.xlsx")
        book = openpyxl.load_workbook(path)
        book["K002"]["C5"] = value
        book.save(path)
        result = run_import(ledger, path)
        assert [(p.cell, p.code, p.severity) for p in result.problems] == [("C5", code, "error")]
        assert (result.added, result.files[0].rejected) == (0, True)
        if code == "error-value":
            assert in_chinese(result.problems[0].message) == (
                "第 5 行「姓名」列：是错误值（#REF!）；应为：在本行填写参训者的编号和姓名；补上编号之前，本工作簿的各张签到表"
                "（其他班次的也在内）都不会导入（出勤按编号记入台账）")


def test_one_column_a_day_counts_the_days_marked(tmp_path: Path, ledger: Ledger) -> None:
    days = ["序号", "编号", "姓名", "单位", "职务", "职级", "第1天\n06-01", "第2天\n06-02", "第3天\n06-03",
            "出勤学时", "备注"]
    path = daily_rosters(tmp_path, DAY_HEADER, days, day_seat("C1", "√", "√", "√"), day_seat("C2", "√", "", "到"),
                         day_seat("C3", "", "", ""), day_seat("C4", "请假", "已签", "", 42),
                         day_seat("C5", "√", "oops", "√"), hours=48)
    result = run_import(ledger, path, imported_at=HELD)
    assert [(p.sheet, p.row, p.column, p.cell, p.severity) for p in result.problems] == [
        ("K001", 10, "签到 第2天 06-02", "H10", "warning")]
    records = {c: cadre_records(ledger, c) for c in ("C1", "C2", "C3", "C4", "C5")}
    assert {c: [(r.attended_hours, r.completed) for r in rs] for c, rs in records.items()} == {
        "C1": [(48, True)], "C2": [(32, False)], "C3": [], "C4": [(42, True)], "C5": []}
    assert (result.files[0].absent, records["C1"][0].source_row) == (1, 6)


def test_a_typed_copy_with_sign_in_over_its_first_day_only(tmp_path: Path, ledger: Ledger) -> None:
    """Typed again without merged cells: 签到 heads the first day, the days' row names the rest; a week
    column counts its days (第1周（7天）)."""
    header = ["序号", "编号", "姓名", "单位", "职务", "职级", "签到", None, "出勤学时", "备注"]
    days = [None, None, None, None, None, None, "第1周（7天）", "第2周（1天）", None, None]
    path = daily_rosters(tmp_path, header, days, day_seat("C1", "√", ""), day_seat("C2", "", "√"), hours=48)
    result = run_import(ledger, path)
    assert result.problems == []
    assert [(r.cadre_id, r.attended_hours, r.completed) for c in ("C1", "C2") for r in cadre_records(ledger, c)] == [
        ("C1", 42, True), ("C2", 6, False)]


def test_a_masked_id_is_read_as_the_full_id_it_masks(tmp_path: Path, ledger: Ledger) -> None:
    header = ["序号", "编号", "姓名", "单位", "职务", "职级", "签到", "出勤学时", "备注", "完整编号（导入用，不打印）"]
    days = [None] * 6 + ["第1天\n06-01", None, None, None]
    path = daily_rosters(tmp_path, header, days, day_seat("110101********1234", "√", "", "", "110101199003071234"),
                         day_seat("C2", "√", "", "", ""))
    result = run_import(ledger, path, imported_at=HELD)
    assert (result.added, result.problems) == (2, [])
    assert [r.cadre_id for r in cadre_records(ledger, "110101199003071234") + cadre_records(ledger, "C2")] == [
        "110101199003071234", "C2"]


def test_a_masked_id_without_the_full_id_it_masks_is_refused(tmp_path: Path, ledger: Ledger) -> None:
    """No hidden full id, or another person's: the row cannot be told apart, and nothing is recorded
    under a masked id. An absent seat's id is not needed."""
    path = daily_rosters(tmp_path, DAY_HEADER[:7] + ["出勤学时", "备注", "完整编号"], [None] * 10,
                         day_seat(CANARY_ID[:6] + "********" + CANARY_ID[-4:], "√", "", "", ""),
                         day_seat("110101********1234", "√", "", "", "110101199003075678"),
                         day_seat("110102********4321", "", "", "", ""))
    result = run_import(ledger, path)
    assert [(p.row, p.column, p.code, p.cell) for p in result.problems] == [
        (6, "编号", "masked-id", "B6"), (7, "编号", "masked-id", "B7")]
    assert all(CANARY_ID[-4:] not in p.message for p in result.problems)
    assert result.added == 0 and ledger.dump() == []


def test_a_sign_in_sheet_left_blank_is_skipped_not_counted_absent(tmp_path: Path, ledger: Ledger) -> None:
    classes = two_classes()
    classes.append({"id": "K003", "topic": "法治政府建设", "period": "2027-01", "hours": 24,
                    "seats": [seat("C1"), seat("C2"), seat("C8")]})  # not held yet, or not returned
    classes.append({"id": "K004", "topic": "法治政府建设", "period": "2027-02", "hours": 24,
                    "seats": [seat("C1", "缺"), seat("C2")]})  # returned: C1 marked absent, C2 left blank
    result = run_import(ledger, make_class_rosters(tmp_path, classes))
    assert result.problems == []
    assert [(f.added, f.absent, f.blank_classes) for f in result.files] == [(5, 5, ["K003"])]
    assert [r.class_id for r in cadre_records(ledger, "C8")] == []


def test_a_seat_signed_again_with_other_hours_names_the_cell_the_hours_came_from(tmp_path: Path,
                                                                                 ledger: Ledger) -> None:
    """The seat's hours changed after its import (48 by its mark, then 44 in 出勤学时, then its mark again): the file
    is refused at the cell that changed, not at the id, with both figures and the command to take the ledger's
    record out first."""
    def sheet(name: str, *seats: list[object]) -> Path:
        return make_class_rosters(tmp_path, [{"id": "K001", "topic": "法治政府建设", "period": "2026-06",
                                              "hours": 48, "seats": list(seats)}], name=name)

    run_import(ledger, sheet("first.xlsx", seat("C1", "√"), seat("C2", "√")))
    result = run_import(ledger, sheet("second.xlsx", seat("C1", "√"), seat("C2", "", 44)))
    assert [(p.sheet, p.cell, p.column, p.code) for p in result.problems] == [
        ("K001", "H5", "出勤学时", "conflicting-record")]
    assert result.problems[0].message == (
        'row 5, column "出勤学时": the ledger already holds this training of this cadre (first.xlsx, sheet K001, '
        "row 5) with 48 hours; this file has 44 hours; expected the same as the ledger's record; where this file "
        "is right, that record removed first (needscli records remove --source first.xlsx --cadre C2 --class K001 "
        "--yes), then this file imported again (nothing is overwritten)")
    assert result.added == 0 and [r.credited_hours for r in cadre_records(ledger, "C2")] == [48]
    assert in_chinese(result.problems[0].message).startswith(
        "第 5 行「出勤学时」列：台账中已有此人的这次培训（first.xlsx，工作表「K001」第 5 行）：台账中为 48 学时，本表为 "
        "44 学时；应为：")
    remove_records(ledger, source_hash=find_source(ledger, Path("first.xlsx")).source.source_hash, cadre_id="C2",
                   class_id="K001")  # as it says: now the 44 hours are recorded, and a copy marked √ differs
    assert run_import(ledger, sheet("second.xlsx", seat("C1", "√"), seat("C2", "", 44))).added == 1
    by_mark = run_import(ledger, sheet("third.xlsx", seat("C1", "", 30), seat("C2", "√")))
    assert [(p.cell, p.column) for p in by_mark.problems] == [("H4", "出勤学时"), ("G5", "签到")]


def walk_in(tmp_path: Path) -> Path:
    """K001 and K002 signed; on K002 a walk-in, 测试戊, written in by hand with no id."""
    return make_class_rosters(tmp_path, [
        {"id": "K001", "topic": "法治政府建设", "period": "2026-06", "hours": 48, "seats": [seat("C1", "√", name="测试甲")]},
        {"id": "K002", "topic": "营商环境优化", "period": "2026-07", "hours": 24,
         "seats": [seat("C2", "√", name="测试乙"), seat("", "√", name="测试戊")]}])


def cadre(cadre_id: str, name: str, unit: str) -> Cadre:
    return Cadre(id=cadre_id, name=name, unit=unit, post="科员", level="一级科员")


def test_a_walk_in_with_a_name_and_no_id_is_told_the_id_the_roster_gives_that_name(tmp_path: Path,
                                                                                    ledger: Ledger) -> None:
    """Never filled in from the name: the row is refused, and so the workbook; the message says which id to write,
    and that the workbook's other sheets wait for it."""
    roster = [cadre("C1", "测试甲", "甲局"), cadre("C2", "测试乙", "甲局"), cadre("C5", "测试　戊", "乙局")]
    result = run_import(ledger, walk_in(tmp_path), roster=roster)
    assert [(p.sheet, p.cell, p.code, p.severity) for p in result.problems] == [
        ("K002", "B5", "missing-value", "error")]
    assert result.problems[0].message == (
        'row 5, column "编号": is empty; the roster given has one cadre of the name written, C5; expected C5 written '
        "in this cell, where that is the cadre who attended; none of this workbook's sheets is imported until it "
        "is written (a seat is recorded under its id)")
    assert (result.added, [f.rejected for f in result.files]) == (0, [True])  # K001's seat waits too
    assert in_chinese(result.problems[0].message) == (
        "第 5 行「编号」列：为空；所给的花名册中所写姓名的干部只有一名，编号为 C5；应为：如参训的确是此人，在本单元格"
        "填写 C5；补上编号之前，本工作簿的各张签到表（其他班次的也在内）都不会导入（出勤按编号记入台账）")


def test_a_walk_in_whose_name_several_cadres_share_is_told_their_ids_and_units(tmp_path: Path,
                                                                               ledger: Ledger) -> None:
    roster = [cadre("C1", "测试甲", "甲局"), cadre("C5", "测试戊", "乙局"), cadre("C8", "测试戊", "丙局")]
    result = run_import(ledger, walk_in(tmp_path), roster=roster)
    assert result.problems[0].message.startswith(
        'row 5, column "编号": is empty; the roster given has 2 cadres of the name written: C5 (乙局), C8 (丙局); '
        "expected the id of the one who attended written in this cell; ")
    assert in_chinese(result.problems[0].message).startswith(
        "第 5 行「编号」列：为空；所给的花名册中有 2 名干部是所写的姓名：C5（乙局）、C8（丙局）；应为：在本单元格填写实际"
        "参训者的编号；补上编号之前")
    assert cadre_records(ledger, "C5") == cadre_records(ledger, "C8") == []


@pytest.mark.parametrize("name", ["", "\u3000", "\u200b"])  # no name, or one that reads as none
def test_a_mark_of_no_one_says_the_workbook_waits_for_it_and_it_may_be_deleted(tmp_path: Path, ledger: Ledger,
                                                                               name: str) -> None:
    """A 签到 mark on a row with no id and no name (a stray tick below a class): the workbook is refused as for a
    walk-in, and the message says every sheet waits for it, and that a mark made by mistake is simply deleted."""
    path = make_class_rosters(tmp_path, [
        {"id": "K001", "topic": "法治政府建设", "period": "2026-06", "hours": 48, "seats": [seat("C1", "√", name="测试甲")]},
        {"id": "K002", "topic": "营商环境优化", "period": "2026-07", "hours": 24,
         "seats": [seat("C2", "√", name="测试乙"), ["", name, "", "", "", "√", "", ""]]}])
    result = run_import(ledger, path)
    assert [(p.sheet, p.cell, p.code, p.severity) for p in result.problems] == [
        ("K002", "B5", "missing-value", "error")]
    assert result.problems[0].message == (
        'row 5, column "编号": is empty, and so is the name: the row\'s marks are no one\'s; expected the id and name of '
        "the cadre who attended written in this row, or the marks deleted where they were made by mistake; none of "
        "this workbook's sheets is imported until then (a seat is recorded under its id)")
    assert in_chinese(result.problems[0].message) == (
        "第 5 行「编号」列：为空，姓名也为空：本行的签到标记不属于任何人；应为：在本行填写参训者的编号和姓名；如是误写的标记，"
        "删除即可；补上编号或删除标记之前，本工作簿的各张签到表（其他班次的也在内）都不会导入（出勤按编号记入台账）")
    assert (result.added, [f.rejected for f in result.files]) == (0, [True])


def test_numbered_rows_left_blank_for_walk_ins_are_no_ones_and_skipped(tmp_path: Path, ledger: Ledger) -> None:
    """Rows below a class's seats holding only their 序号 (kept for walk-ins, none came): no id, no name, no mark,
    so nobody's; skipped as a blank row is, not refused and not counted absent."""
    nobody = ["", "", "", "", "", "", "", ""]  # make_class_rosters numbers every row (序号 21, 22, ...)
    path = make_class_rosters(tmp_path, [
        {"id": "K001", "topic": "法治政府建设", "period": "2026-06", "hours": 48, "seats": [seat("C1", "√")]},
        {"id": "K002", "topic": "营商环境优化", "period": "2026-07", "hours": 24,
         "seats": [seat("C2", "√"), seat("C3"), nobody, nobody, nobody]}])
    result = run_import(ledger, path)
    assert result.problems == []
    assert [(f.added, f.absent, f.rejected) for f in result.files] == [(2, 1, False)]
    assert [r.class_id for r in cadre_records(ledger, "C2")] == ["K002"]


def test_a_walk_in_with_a_name_and_no_id_without_a_roster_is_told_what_finds_the_id(tmp_path: Path,
                                                                                    ledger: Ledger) -> None:
    result = run_import(ledger, walk_in(tmp_path))
    assert [(p.cell, p.code) for p in result.problems] == [("B5", "missing-value")]
    assert in_chinese(result.problems[0].message) == (
        "第 5 行「编号」列：为空：本行只写了姓名；应为：花名册上该干部的编号（导入时加 --roster，会列出花名册上该姓名的编号）；"
        "补上编号之前，本工作簿的各张签到表（其他班次的也在内）都不会导入（出勤按编号记入台账）")
    nobody = run_import(ledger, walk_in(tmp_path), roster={"C1": "测试甲", "C2": "测试乙"})
    assert nobody.problems[0].message.startswith(
        'row 5, column "编号": is empty, and the roster given has no cadre of the name written; expected the cadre\'s '
        "id as his unit writes it; ")


def test_a_compulsory_seat_left_empty_or_past_its_leave_is_said_at_its_note(tmp_path: Path, ledger: Ledger) -> None:
    """A seat the sheet notes as a compulsory training (必训：…) whose member was absent, or absent past the leave
    allowed, of a class held: the obligation is still to be done, said at the note (the counts alone said 缺勤 1 人次)."""
    duty = "必训：初任培训，2026-07-01 前"
    seats = [seat("C1", "", note=duty), seat("C2", "", 10, note=duty), seat("C3", "✓", note=duty),
             seat("C4", ""),  # C4 absent, no compulsory training
             seat("C5", "", note="上级调训（县委管理）\n" + duty)]  # sent up: its duty on the note's second line
    path = make_class_rosters(tmp_path, [{"id": "K001", "topic": "初任培训", "period": "2026-03", "hours": 48,
                                          "seats": seats}])
    result = run_import(ledger, path)
    assert [(p.row, p.code, p.severity, p.cell[:1]) for p in result.problems] == [
        (4, "compulsory-missed", "warning", "I"), (5, "compulsory-missed", "warning", "I"),
        (8, "compulsory-missed", "warning", "I")]
    assert in_chinese(result.problems[0].message) == (
        "第 4 行「备注」列：C1 缺勤，本班次是其必训任务（初任培训，2026-07-01 前）：该培训仍未完成；应为：安排在以后的"
        "同类班次（下次运行 needscli analyze --ledger 会重新安排）")
    assert "请假超过规定比例" in in_chinese(result.problems[1].message)
    assert "C5 缺勤，本班次是其必训任务（初任培训，2026-07-01 前）" in in_chinese(result.problems[2].message)
    assert (result.added, result.files[0].absent) == (2, 3)  # C2 recorded as not completed, C3 completed


@pytest.mark.parametrize(("note", "said"), [
    ("必训：集中轮训，\n2027-09-30 前", "集中轮训，2027-09-30 前"),  # broken after its comma, as the sheet prints it
    ("上级调训\n（县委管理）\n必训：任职培训，\n2027-03-31 前，\n已逾期", "任职培训，2027-03-31 前，已逾期"),
    ("必训：集中\n轮训，2027-09-30 前\n\n上级调训（县委管理）", "集中轮训，2027-09-30 前"),  # a clerk's breaks
    ("上级调训（县委管理）必训：集中轮训，2027-09-30 前", "集中轮训，2027-09-30 前"),  # a clerk's lines joined
    ("Compulsory: appointment training,\ndue 2027-03-31", "appointment training, due 2027-03-31"),
    # a clerk's note on a line below the printed one: the duty is quoted alone, not 已逾期缺勤，由XZ0022顶替
    ("必训：初任培训，2026-07-01 前，已逾期\n缺勤，由XZ0022顶替", "初任培训，2026-07-01 前，已逾期"),
    ("必训：集中轮训\n缺勤", "集中轮训"),
    ("Compulsory: initial training, due 2026-07-01, overdue\nAbsent: XZ0022 sat in",
     "initial training, due 2026-07-01, overdue"),
])
def test_a_compulsory_training_is_read_over_the_whole_note(tmp_path: Path, ledger: Ledger, note: str, said: str) -> None:
    """A 备注 broken over lines (必训：集中轮训，⏎2027-09-30 前) was read a line at a time: the warning lost its deadline
    (本班次是其必训任务（集中轮训，）)."""
    path = make_class_rosters(tmp_path, [{"id": "K001", "topic": "初任培训", "period": "2026-03", "hours": 48,
                                          "seats": [seat("C1", "", note=note), seat("C2", "√")]}])
    [problem] = run_import(ledger, path).problems
    assert problem.code == "compulsory-missed"
    assert f"本班次是其必训任务（{said}）：该培训仍未完成" in in_chinese(problem.message)
