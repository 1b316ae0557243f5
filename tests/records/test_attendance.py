"""Importing class-rosters.xlsx with attendance filled in: marks, hours attended, classes and sheets, and
every fault of a seat reported by its cell."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from builders import CANARY_ID, CANARY_NAME, make_class_rosters, run_import, seat

from needscli.config import Config, LedgerConfig
from needscli.records.store import Ledger, cadre_records, hours_in_year

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


def test_class_rosters_in_english(tmp_path: Path, ledger: Ledger) -> None:
    classes = [{"id": "K001", "topic": "Rule of law", "period": "2026-06", "hours": 48, "type": "On-the-job",
                "seats": [seat("C1", "✓"), seat("C2", "", 44)]}]
    result = run_import(ledger, make_class_rosters(tmp_path, classes, lang="en"))
    assert (result.added, result.problems) == (2, [])
    assert cadre_records(ledger, "C1")[0].training_type == "on-the-job"


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
