"""A signed sign-in sheet dates its class: the dates and days it prints are the class's, and its days count
towards the days standard (12 days or 90 hours a year), less leave, as a record of those days does."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from pathlib import Path

import openpyxl
import pytest
from builders import make_class_rosters, run_import, seat

from needscli.records.attendance import ClassDates, sheet_dates
from needscli.records.store import (
    Ledger,
    TrainingRecord,
    cadre_records,
    open_ledger,
    record_days,
    totals_by_cadre,
)
from needscli.wording import in_chinese

D = dt.date
ENDED = D(2027, 1, 20)  # an import date after the class of ZH_DATES ended
ZH_DATES = "班次编号：K001　　培训时间：2027年1月1日至2027年1月12日（共12天，72学时）　　参训人数：3人"


def print_line(path: Path, lines: dict[str, str]) -> Path:
    """The class line of each sheet named (row 2), as the sign-in sheet needscli writes prints it."""
    book = openpyxl.load_workbook(path)
    for sheet, line in lines.items():
        book[sheet]["A2"] = line
    book.save(path)
    return path


def twelve_days(tmp_path: Path, line: str = ZH_DATES, name: str = "class-rosters.xlsx") -> Path:
    classes = [{"id": "K001", "topic": "初任培训", "period": "2027-01", "hours": 72, "type": "初任培训",
                "seats": [seat("C1", "√"), seat("C2", "", 66), seat("C3", "", 60)]}]
    return print_line(make_class_rosters(tmp_path, classes, name=name), {"K001": line})


def test_the_printed_dates_and_days_of_a_sign_in_sheet() -> None:
    def read(line: str) -> ClassDates:
        return sheet_dates([["签到表"], [line], ["序号", "编号"]], 3)

    assert read(ZH_DATES) == ClassDates(D(2027, 1, 1), D(2027, 1, 12), 12)
    assert read("Class ID: K001    Dates: 2027-01-01 to 2027-01-12 (12 days, 72 h)    Seats: 3") == ClassDates(
        D(2027, 1, 1), D(2027, 1, 12), 12)
    assert read("培训时间：2027年3月5日（1天，6学时）") == ClassDates(D(2027, 3, 5), D(2027, 3, 5), 1)
    assert read("班次编号：K001　　培训时间：2026-12（共15天，90学时）") == ClassDates(None, None, 15)
    assert read("班次编号：K001    时段：2026-06") == ClassDates(None, None, None)  # an older sheet: the plan's month


def test_a_completed_twelve_day_class_meets_the_days_standard(tmp_path: Path, ledger: Ledger) -> None:
    result = run_import(ledger, twelve_days(tmp_path), imported_at=ENDED)
    assert (result.added, result.problems) == (3, [])
    first = cadre_records(ledger, "C1")[0]
    assert (first.start_date, first.end_date, first.days, first.completed) == (D(2027, 1, 1), D(2027, 1, 12), 12, True)
    year = totals_by_cadre(ledger, D(2026, 12, 31), D(2027, 1, 31))
    # C2 left 6 of 72 hours (at most 1/7): 11 of the 12 days; C3 left 12 (over 1/7): not completed, no days
    assert {c: (t.days, t.concentrated) for c, t in year.items()} == {"C1": (12, 72), "C2": (11, 66), "C3": (0, 0)}
    assert record_days(ledger, "C1") == [12]
    again = run_import(ledger, twelve_days(tmp_path, name="copy.xlsx"), imported_at=ENDED)
    assert (again.added, again.unchanged, again.problems) == (0, 3, [])


def test_an_undated_sheet_counts_the_days_it_prints_and_ends_with_the_plans_month(tmp_path: Path,
                                                                                   ledger: Ledger) -> None:
    run_import(ledger, twelve_days(tmp_path, "班次编号：K001　　培训时间：2027-01（共12天，72学时）"))
    first = cadre_records(ledger, "C1")[0]
    assert (first.start_date, first.end_date, first.days) == (D(2027, 1, 1), D(2027, 1, 31), 12)
    assert totals_by_cadre(ledger, D(2026, 12, 31), D(2027, 12, 31))["C1"].days == 12


def test_a_seat_imported_before_the_sheets_were_dated_is_the_same_training(tmp_path: Path, ledger: Ledger) -> None:
    """A ledger of then holds the seat dated by the plan's month, without days: the dated sheet adds nothing
    for it (or reports it as conflicting), it does not add the class a second time."""
    then = make_class_rosters(tmp_path, [{"id": "K001", "topic": "初任培训", "period": "2027-01", "hours": 72,
                                          "seats": [seat("C1", "√"), seat("C2", "", 70)]}], name="then.xlsx")
    assert run_import(ledger, then).added == 2
    with ledger.conn:
        ledger.conn.execute("UPDATE records SET days = NULL")  # as a ledger of then holds them
    now = run_import(ledger, twelve_days(tmp_path), imported_at=ENDED)
    assert (now.added, now.unchanged) == (0, 0)  # C2's hours differ: the file is refused, nothing doubled
    assert [(p.sheet, p.row, p.code) for p in now.problems] == [("K001", 5, "conflicting-record")]
    assert [len(cadre_records(ledger, c)) for c in ("C1", "C2", "C3")] == [1, 1, 0]


def test_a_ledger_of_schema_1_gains_the_days_column(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with open_ledger(path) as book, book.transaction():
        book.insert(TrainingRecord(cadre_id="C1", topic="法治", end_date=D(2026, 5, 1), hours=8, source_hash="h"))
    conn = sqlite3.connect(path)
    conn.execute("ALTER TABLE records DROP COLUMN days")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    with open_ledger(path) as book:
        assert [(r.cadre_id, r.days) for r in cadre_records(book, "C1")] == [("C1", None)]
        assert book.conn.execute("PRAGMA user_version").fetchone()[0] == 2


def test_a_sheet_imported_before_its_class_ends_is_imported_with_a_warning(tmp_path: Path, ledger: Ledger) -> None:
    """Signed on its 6th day of 12 (the import date, --date, is today): the class cannot have been completed, so its
    seats are recorded as not completed with the hours of the days held (a mark of its one 签到 column stands for
    the whole class: the 6 days held of it), and the finished sheet would clash with the seats recorded now; a
    warning names the class, its end and today."""
    sheet = twelve_days(tmp_path)
    result = run_import(ledger, sheet, imported_at=D(2027, 1, 6))
    assert [(p.sheet, p.code, p.severity) for p in result.problems] == [("K001", "class-not-ended", "warning")]
    # this import's records of the class alone: --class alone takes every plan's K001 (each plan numbers from C001)
    code = hashlib.sha256(sheet.read_bytes()).hexdigest()[:12]
    assert result.problems[0].message == (
        "class K001 ends on 2027-01-12 (as its sheet prints), after the import date, 2027-01-06: it cannot have been "
        "completed yet, so its seats were read as not completed, with the hours of the days held so far; days 7 to 12 "
        "(01-07 to 01-12) had not been held yet, and the sign-in marks on them were not counted; expected the sheet "
        "imported once the class has ended; before the finished sheet is imported, the records of this one taken back "
        f"(needscli records remove --source {code} --class K001 --yes)")
    assert in_chinese(result.problems[0].message) == (
        "班次 K001 按签到表所印到 2027-01-12 才结束，晚于导入日期 2027-01-06：班次尚未结束，不能算结业，各席位都按未结业读取，"
        "只计已举办日子的出勤学时；第7天至第12天（01-07至01-12）尚未举办，其中的签到标记未计入；应为：班次结束、签到表填完后"
        f"再导入；导入填完的签到表之前，先删除本表记入的记录（needscli records remove --source {code} --class K001 --yes）")
    assert result.added == 3  # a warning: the sheet is imported
    assert [(r.attended_hours, r.completed) for c in ("C1", "C2", "C3") for r in cadre_records(ledger, c)] == [
        (36, False), (66, False), (60, False)]


@pytest.mark.parametrize(("line", "imported"), [(ZH_DATES, D(2027, 1, 12)),  # on its last day
                                                ("培训时间：2027-01（共12天，72学时）", D(2027, 1, 6))])  # no dates printed
def test_a_sheet_of_a_class_ended_or_undated_is_imported_without_a_warning(tmp_path: Path, ledger: Ledger,
                                                                           line: str, imported: dt.date) -> None:
    assert run_import(ledger, twelve_days(tmp_path, line), imported_at=imported).problems == []
