"""The days a sign-in sheet's 签到 columns stand for: a mark on a day not held yet by the import date counts nothing
(the class cannot have been completed before its end), and a day of the class no column stands for (its column
deleted) is a day absent, never a day left out of the share."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from builders import catalog, daily_rosters, day_columns, day_seat, forge_numbers, run_import

from needscli.config import Config
from needscli.records.imports import read_records_file
from needscli.records.removal import remove_records
from needscli.records.store import Ledger, cadre_records, record_days
from needscli.wording import in_chinese

D = dt.date
TWELVE = "班次编号：K001　　培训时间：2027年1月4日至2027年1月15日（共12天，72学时）　　参训人数：2人"
FIFTEEN = "班次编号：K001　　培训时间：2026年12月1日至2026年12月15日（共15天，90学时）　　参训人数：2人"


def twelve_days(tmp_path: Path, *seats: list[object], name: str = "class-rosters.xlsx") -> Path:
    """K001, 2027-01-04 to 01-15, 72 hours: one column a day, dated."""
    header, days = day_columns(12, D(2027, 1, 4))
    return daily_rosters(tmp_path, header, days, *seats, hours=72, line=TWELVE, period="2027-01", name=name)


def marked(cadre_id: str, *days: int, of: int = 12, name: str = "测试张三") -> list[object]:
    """A seat marked √ on the days given (1 the first), of a class of so many days."""
    return day_seat(cadre_id, *["√" if d + 1 in days else "" for d in range(of)], "", "", name=name)


def test_marks_on_days_not_held_yet_count_nothing_and_the_class_is_not_completed(tmp_path: Path,
                                                                                 ledger: Ledger) -> None:
    """Ticked in all 12 boxes, imported on its 3rd day: 3 days attended (18 of 72 hours), not completed (未结业),
    none of its days counted; the warning names the days whose marks were not counted."""
    path = twelve_days(tmp_path, marked("C1", *range(1, 13)), marked("C2", 1, 2))
    result = run_import(ledger, path, imported_at=D(2027, 1, 6))
    assert [(r.cadre_id, r.hours, r.attended_hours, r.days, r.completed, r.end_date)
            for c in ("C1", "C2") for r in cadre_records(ledger, c)] == [
        ("C1", 72, 18, 12, False, D(2027, 1, 15)), ("C2", 72, 12, 12, False, D(2027, 1, 15))]
    assert (record_days(ledger, "C1"), cadre_records(ledger, "C1")[0].credited_hours) == ([0], 0)
    assert [(p.sheet, p.code, p.severity) for p in result.problems] == [("K001", "class-not-ended", "warning")]
    code = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    assert result.problems[0].message == (
        "class K001 ends on 2027-01-15 (as its sheet prints), after the import date, 2027-01-06: it cannot have been "
        "completed yet, so its seats were read as not completed, with the hours of the days held so far; days 4 to 12 "
        "(01-07 to 01-15) had not been held yet, and the sign-in marks on them were not counted; expected the sheet "
        "imported once the class has ended; before the finished sheet is imported, the records of this one taken back "
        f"(needscli records remove --source {code} --class K001 --yes)")
    assert in_chinese(result.problems[0].message) == (
        "班次 K001 按签到表所印到 2027-01-15 才结束，晚于导入日期 2027-01-06：班次尚未结束，不能算结业，各席位都按未结业读取，"
        "只计已举办日子的出勤学时；第4天至第12天（01-07至01-15）尚未举办，其中的签到标记未计入；应为：班次结束、签到表填完后"
        f"再导入；导入填完的签到表之前，先删除本表记入的记录（needscli records remove --source {code} --class K001 --yes）")
    # as the warning says: those records taken back, the finished sheet is the class completed
    remove_records(ledger, source_hash=hashlib.sha256(path.read_bytes()).hexdigest(), class_id="K001")
    finished = run_import(ledger, twelve_days(tmp_path, marked("C1", *range(1, 13)), name="finished.xlsx"),
                          imported_at=D(2027, 1, 20))
    assert (finished.added, finished.problems) == (1, [])
    assert [(r.attended_hours, r.completed) for r in cadre_records(ledger, "C1")] == [(72, True)]
    assert record_days(ledger, "C1") == [12]


def test_a_class_across_the_new_year_dates_its_columns_in_both_years(tmp_path: Path, ledger: Ledger) -> None:
    header, days = day_columns(12, D(2026, 12, 28))
    line = "班次编号：K001　　培训时间：2026年12月28日至2027年1月8日（共12天，72学时）"
    path = daily_rosters(tmp_path, header, days, marked("C1", *range(1, 13)), hours=72, line=line, period="2026-12")
    result = run_import(ledger, path, imported_at=D(2027, 1, 2))
    assert [(r.attended_hours, r.completed) for r in cadre_records(ledger, "C1")] == [(36, False)]
    assert "; days 7 to 12 (01-03 to 01-08) had not been held yet" in result.problems[0].message


def test_the_removal_of_an_early_sheets_records_is_advised_only_where_they_were_added(tmp_path: Path,
                                                                                     ledger: Ledger) -> None:
    """A dry run, or a workbook refused for another row (a walk-in without an id), adds nothing: there is nothing to
    take back, and a command to do so would name an import that never happened."""
    dry = run_import(ledger, twelve_days(tmp_path, marked("C1", 1, 2)), imported_at=D(2027, 1, 6), dry_run=True)
    refused = run_import(ledger, twelve_days(tmp_path, marked("C1", 1, 2), marked("", 1, name="测试戊"),
                                             name="refused.xlsx"), imported_at=D(2027, 1, 6))
    assert [p.code for p in refused.problems] == ["class-not-ended", "missing-value"]
    for result in (dry, refused):
        warning = result.problems[0]
        assert warning.message.endswith(", with the hours of the days held so far; expected the sheet imported once "
                                        "the class has ended")
        assert in_chinese(warning.message).endswith("；应为：班次结束、签到表填完后再导入")
    assert ledger.dump() == []


def fifteen_days(tmp_path: Path, header: list[object], days: list[object], *seats: list[object],
                 line: str = FIFTEEN) -> Path:
    return daily_rosters(tmp_path, header, days, *seats, hours=90, line=line, period="2026-12")


def without(row: list[object], *cols: int) -> list[object]:
    return [v for c, v in enumerate(row) if c not in cols]


def test_a_day_whose_column_was_deleted_is_a_day_absent(tmp_path: Path, ledger: Ledger) -> None:
    """Days 2 to 4 (columns H:J, Wednesday to Friday) deleted from a 15-day sheet: a seat ticked in every column
    left attended 12 of the 15 days (72 of 90 hours, leave over 1/7: not completed), not 12 of 12; a warning names
    the sheet and the days."""
    header, days = day_columns(15, D(2026, 12, 1))
    cut = (7, 8, 9)
    path = fifteen_days(tmp_path, without(header, *cut), without(days, *cut),
                        without(marked("C1", *range(1, 16), of=15), *cut))
    result = run_import(ledger, path, imported_at=D(2027, 1, 1))
    assert [(r.attended_hours, r.completed) for r in cadre_records(ledger, "C1")] == [(72, False)]
    assert [(p.sheet, p.code, p.severity) for p in result.problems] == [("K001", "missing-sign-in-days", "warning")]
    assert result.problems[0].message == (
        "the sheet prints 15 days of the class and has 签到 columns for 12 of them: days 2 to 4 (12-02 to 12-04) have "
        "no 签到 column and were read as absent for every seat; expected a 签到 column for every day of the class, as "
        "needscli wrote the sheet")
    assert in_chinese(result.problems[0].message) == (
        "签到表印明班次共 15 天，签到栏只有其中 12 天的：第2天至第4天（12-02至12-04）没有签到栏，各席位这些日子都按缺勤计；"
        "应为：班次每天都有一栏签到，与 needscli 写出的签到表相同（删去某天的签到栏，该天按缺勤计）")


def test_an_undated_sheet_missing_days_counts_them_absent(tmp_path: Path) -> None:
    """Columns named without dates, a sheet printing its days only (共15天): the days no column stands for are
    counted, not named."""
    header, days = day_columns(12, None)
    path = fifteen_days(tmp_path, header, days, marked("C1", *range(1, 13)),
                        line="班次编号：K001　　培训时间：2026-12（共15天，90学时）")
    config = Config()
    read = read_records_file(path, config, catalog(), config.ledger, D(2027, 1, 1))
    assert [(p.record.attended_hours, p.record.completed) for p in read.parsed] == [(72, False)]
    assert [in_chinese(p.message) for p in read.problems] == [
        "签到表印明班次共 15 天，签到栏只有其中 12 天的：其余 3 天没有签到栏，各席位这些日子都按缺勤计；应为：班次每天都有一栏"
        "签到，与 needscli 写出的签到表相同（删去某天的签到栏，该天按缺勤计）"]


def test_a_box_merged_across_two_days_stands_for_both(tmp_path: Path, ledger: Ledger) -> None:
    """Days 1 and 2 merged into one box a row (第2天's name under it gone): the box is both days, and the columns
    after it are read as before; no day is missing."""
    header, days = day_columns(15, D(2026, 12, 1))
    days[7] = None  # column H
    path = fifteen_days(tmp_path, header, days, marked("C1", *range(3, 16), of=15),
                        marked("C2", 1, *range(3, 16), of=15))
    result = run_import(ledger, path, imported_at=D(2027, 1, 1))
    assert result.problems == []
    # C1 left the 2 days of the box: 78 of 90 hours (leave 12, within 1/7); C2 all 15
    assert [(r.cadre_id, r.attended_hours, r.completed) for c in ("C1", "C2") for r in cadre_records(ledger, c)] == [
        ("C1", 78, True), ("C2", 90, True)]


MOVED = "班次编号：K001　　培训时间：2027年1月11日至2027年1月22日（共12天，72学时）　　参训人数：2人"


def moved(tmp_path: Path, *seats: list[object]) -> Path:
    """K001 printed for 2027-01-11 to 01-22 (the class moved there), its columns keeping the old dates (12-01 to
    12-12): only the printed line was changed."""
    header, days = day_columns(12, D(2026, 12, 1))
    return daily_rosters(tmp_path, header, days, *seats, hours=72, line=MOVED, period="2026-12")


def test_columns_keeping_the_dates_of_a_class_since_moved_are_read_by_their_day_numbers(tmp_path: Path,
                                                                                        ledger: Ledger) -> None:
    """Ticked every day, imported after the new dates: every seat attended all 12 days (not absent for columns
    dated 2027-12, after the import date), and a warning names the sheet and how its columns were read."""
    result = run_import(ledger, moved(tmp_path, marked("C1", *range(1, 13)), marked("C2", *range(1, 12))),
                        imported_at=D(2027, 1, 25))
    assert [(r.cadre_id, r.attended_hours, r.completed, r.start_date, r.end_date)
            for c in ("C1", "C2") for r in cadre_records(ledger, c)] == [
        ("C1", 72, True, D(2027, 1, 11), D(2027, 1, 22)), ("C2", 66, True, D(2027, 1, 11), D(2027, 1, 22))]
    assert [(p.sheet, p.code, p.severity) for p in result.problems] == [("K001", "sign-in-dates-differ", "warning")]
    assert result.problems[0].message == (
        "its 签到 columns are dated 12-01 to 12-12, not the dates the sheet prints (2027-01-11 to 2027-01-22): they were "
        "read by their day numbers, day 1 as 2027-01-11; expected 签到 columns dated as the sheet prints the class's "
        "dates (a class moved: its columns' dates too)")
    assert in_chinese(result.problems[0].message) == (
        "签到栏所标日期为 12-01至12-12，与签到表所印日期（2027-01-11至2027-01-22）不符：已按各栏的第几天读取，第1天即 "
        "2027-01-11；应为：签到栏所标日期与签到表所印的培训时间一致（班次改期的，签到栏的日期也随之修改）")


def test_a_moved_class_signed_before_its_new_end_counts_the_days_held_by_number(tmp_path: Path,
                                                                                ledger: Ledger) -> None:
    result = run_import(ledger, moved(tmp_path, marked("C1", *range(1, 13))), imported_at=D(2027, 1, 15))
    assert [(r.attended_hours, r.completed) for r in cadre_records(ledger, "C1")] == [(30, False)]  # days 1 to 5
    assert [p.code for p in result.problems] == ["class-not-ended", "sign-in-dates-differ"]
    assert "; days 6 to 12 (01-16 to 01-22) had not been held yet" in result.problems[0].message


def test_marks_on_a_column_past_an_ended_class_and_the_import_date_are_said_not_counted(tmp_path: Path,
                                                                                      ledger: Ledger) -> None:
    """A 16th column added to a 15-day sheet (12-01 to 12-15), imported on its last day: no number reads it inside
    the printed dates, and its marks, on a day after the import date, are not dropped silently."""
    header, days = day_columns(16, D(2026, 12, 1))
    result = run_import(ledger, fifteen_days(tmp_path, header, days, marked("C1", *range(1, 17), of=16)),
                        imported_at=D(2026, 12, 15))
    assert [(p.sheet, p.code, p.severity) for p in result.problems] == [("K001", "marks-after-import", "warning")]
    assert result.problems[0].message == (
        "the sign-in marks on day 16 (12-16), after the import date, 2026-12-15, were not counted: the sheet's 签到 "
        "columns are dated past the class's end, 2026-12-15; expected 签到 columns for the class's own days, as "
        "needscli wrote the sheet")
    assert in_chinese(result.problems[0].message) == (
        "第16天（12-16）晚于导入日期 2026-12-15，其中的签到标记未计入：签到栏所标日期超出了班次的结束日期 2026-12-15；应为："
        "签到栏只有班次本身的各天，与 needscli 写出的签到表相同")


def english(header: list[object]) -> list[object]:
    return ["Signature" if h == "签到" else h for h in header]


def test_an_english_sheets_messages_name_its_own_column_and_count_one_day_as_one(tmp_path: Path,
                                                                                ledger: Ledger) -> None:
    """Headed Signature, not 签到: the messages name that column; one day missing has no column (not "have")."""
    header, days = day_columns(15, D(2026, 12, 1))
    last = (20,)  # day 15, column U
    path = fifteen_days(tmp_path, without(english(header), *last), without(days, *last),
                        without(marked("C1", *range(1, 16), of=15), *last))
    result = run_import(ledger, path, imported_at=D(2027, 1, 1))
    assert [r.attended_hours for r in cadre_records(ledger, "C1")] == [84]
    assert [p.message for p in result.problems] == [
        "the sheet prints 15 days of the class and has Signature columns for 14 of them: day 15 (12-15) has no "
        "Signature column and was read as absent for every seat; expected a Signature column for every day of the "
        "class, as needscli wrote the sheet"]
    assert in_chinese(result.problems[0].message) == (
        "签到表印明班次共 15 天，「Signature」栏只有其中 14 天的：第15天（12-15）没有「Signature」栏，各席位这些日子都按"
        "缺勤计；应为：班次每天都有一栏「Signature」，与 needscli 写出的签到表相同（删去某天的「Signature」栏，该天按缺勤计）")


def test_an_undated_english_sheet_one_day_short_says_the_remaining_day(tmp_path: Path) -> None:
    header, days = day_columns(14, None)
    path = fifteen_days(tmp_path, english(header), days, marked("C1", *range(1, 15), of=14),
                        line="班次编号：K001　　培训时间：2026-12（共15天，90学时）")
    config = Config()
    read = read_records_file(path, config, catalog(), config.ledger, D(2027, 1, 1))
    assert [p.message.split(";")[0] for p in read.problems] == [
        "the sheet prints 15 days of the class and has Signature columns for 14 of them: the remaining day has no "
        "Signature column and was read as absent for every seat"]
    assert in_chinese(read.problems[0].message).startswith(
        "签到表印明班次共 15 天，「Signature」栏只有其中 14 天的：其余 1 天没有「Signature」栏，")


def test_a_class_not_ended_by_its_columns_dates_names_them_by_the_sheets_header(tmp_path: Path,
                                                                                ledger: Ledger) -> None:
    header, days = day_columns(12, D(2027, 1, 4))
    path = daily_rosters(tmp_path, english(header), days, marked("C1", 1, 2), hours=72, period="2027-01",
                         line="班次编号：K001")  # no dates printed: the columns' say when it ends
    result = run_import(ledger, path, imported_at=D(2027, 1, 6))
    assert result.problems[0].message.startswith(
        "class K001 ends on 2027-01-15 (as its Signature columns are dated), after the import date, 2027-01-06")
    assert in_chinese(result.problems[0].message).startswith(
        "班次 K001 按「Signature」栏所标日期到 2027-01-15 才结束，晚于导入日期 2027-01-06：")


def test_a_class_meets_on_working_days_its_weekend_boxes_blank_count_nothing(tmp_path: Path, ledger: Ledger) -> None:
    """K001 runs Monday 01-04 to Friday 01-15 (12 days, 72 hours), its weekend 01-09 and 01-10 no day of lessons: on
    a sheet with a box for each of the 12 days (an older needscli's), a seat ticked on the 10 working days completed
    the class with its 72 hours, not 10/12 of them and 2 days' leave past 1/7; one with 2 working days blank did not
    (2/10 past 1/7), one with 1 did (1/10)."""
    working = [d for d in range(1, 13) if d not in (6, 7)]
    path = twelve_days(tmp_path, marked("C1", *working), marked("C2", *working[2:]), marked("C3", *working[1:]))
    result = run_import(ledger, path, imported_at=D(2027, 2, 1))
    assert result.problems == []
    got = {c: [(r.attended_hours, r.completed) for r in cadre_records(ledger, c)] for c in ("C1", "C2", "C3")}
    assert got == {"C1": [(72, True)], "C2": [(57.6, False)], "C3": [(64.8, True)]}


def test_a_weekend_box_a_seat_marked_is_a_day_the_class_met(tmp_path: Path, ledger: Ledger) -> None:
    """The class met on Saturday 01-09 (a mark there): that day counts for every seat, blank for one that missed it;
    its Sunday, no seat marked, counts for none."""
    working = [d for d in range(1, 13) if d not in (6, 7)]
    path = twelve_days(tmp_path, marked("C1", *working, 6), marked("C2", *working))
    run_import(ledger, path, imported_at=D(2027, 2, 1))
    got = {c: [(r.attended_hours, r.completed) for r in cadre_records(ledger, c)] for c in ("C1", "C2")}
    assert got == {"C1": [(72, True)], "C2": [(round(72 * 10 / 11, 2), True)]}


def test_a_sheet_with_no_box_on_the_weekend_has_no_day_missing(tmp_path: Path, ledger: Ledger) -> None:
    """The sheet as needscli writes it: no column for 01-09 and 01-10 (第6天, 第7天), nothing read as deleted. With
    [classes] meets_on_rest_days (the class meets every day) the same sheet lacks those two days, each seat absent
    on them."""
    header, days = day_columns(12, D(2027, 1, 4))
    weekend = (11, 12)  # 第6天, 第7天
    seat = without(marked("C1", *range(1, 13)), *weekend)
    path = daily_rosters(tmp_path, without(header, *weekend), without(days, *weekend), seat, hours=72, line=TWELVE,
                         period="2027-01")
    assert run_import(ledger, path, imported_at=D(2027, 2, 1)).problems == []
    assert [(r.attended_hours, r.completed) for r in cadre_records(ledger, "C1")] == [(72, True)]
    config = Config.model_validate({"classes": {"meets_on_rest_days": True}})
    read = read_records_file(path, config, catalog(config), config.ledger, D(2027, 2, 1))
    assert [p.code for p in read.problems] == ["missing-sign-in-days"]
    assert "days 6 to 7 (01-09 to 01-10)" in read.problems[0].message
    assert [(p.record.attended_hours, p.record.completed) for p in read.parsed] == [(60, False)]


def test_a_weekend_box_crossed_out_or_marked_leave_is_no_day_of_lessons(tmp_path: Path, ledger: Ledger) -> None:
    """On a sheet with weekend boxes, a clerk strikes them through (/), writes 休息, or a seat's 请假 runs over the
    weekend (01-08 to 01-11): no seat signed on 01-09 or 01-10, so the class did not meet then; C2's leave is 2 of
    its 10 days of lessons, past 1/7."""
    working = [d for d in range(1, 13) if d not in (6, 7)]

    def seat(cadre: str, weekend: str, leave: tuple[int, ...] = ()) -> list[object]:
        marks = ["" if d in (6, 7) and not weekend else weekend if d in (6, 7) else
                 "请假" if d in leave else "√" if d in working else "" for d in range(1, 13)]
        if leave:
            marks[5] = marks[6] = "请假"
        return day_seat(cadre, *marks, "", "")

    path = twelve_days(tmp_path, seat("C1", "/"), seat("C2", "", (5, 8)), seat("C3", "休息"))
    result = run_import(ledger, path, imported_at=D(2027, 2, 1))
    assert result.problems == []
    got = {c: [(r.attended_hours, r.completed) for r in cadre_records(ledger, c)] for c in ("C1", "C2", "C3")}
    assert got == {"C1": [(72, True)], "C2": [(57.6, False)], "C3": [(72, True)]}


def test_a_deleted_column_of_a_sheet_without_weekend_boxes_is_counted_among_the_days_of_lessons(
        tmp_path: Path) -> None:
    """The sheet as needscli writes it (no 第6天 or 第7天), 第3天 deleted as well: 9 columns of the class's 10 days of
    lessons, said so, in English and in Chinese."""
    header, days = day_columns(12, D(2027, 1, 4))
    cut = (8, 11, 12)  # 第3天, 第6天, 第7天
    path = daily_rosters(tmp_path, without(header, *cut), without(days, *cut),
                         without(marked("C1", *range(1, 13)), *cut), hours=72, line=TWELVE, period="2027-01")
    config = Config()
    read = read_records_file(path, config, catalog(config), config.ledger, D(2027, 2, 1))
    [problem] = read.problems
    assert problem.message.startswith(
        "the sheet prints 12 days of the class, 10 of them days of lessons, and has 签到 columns for 9 of them: day 3 "
        "(01-06) has no 签到 column and was read as absent for every seat")
    assert in_chinese(problem.message).startswith(
        "签到表印明班次共 12 天，其中上课 10 天，签到栏只有其中 9 天的：第3天（01-06）没有签到栏，各席位这些日子都按缺勤计")
    assert [(p.record.attended_hours, p.record.completed) for p in read.parsed] == [(64.8, True)]


def lesson_columns(first: D, last: D, *, dated: bool = True) -> tuple[list[object], list[object], list[D]]:
    """The header and day row of a sheet as needscli writes a class that does not meet on weekends: a box a working
    day, numbered by the days of lessons (第6天 the Monday after a first week from Monday)."""
    held = [d for d in (first + dt.timedelta(days=n) for n in range((last - first).days + 1)) if d.weekday() < 5]
    header = ["序号", "编号", "姓名", "单位", "职务", "职级", "签到", *[None] * (len(held) - 1), "出勤学时", "备注"]
    named = [f"第{n}天" + (f"\n{d:%m-%d}" if dated else "") for n, d in enumerate(held, 1)]
    return header, [None] * 6 + named + [None, None], held


def test_a_sheet_numbered_by_days_of_lessons_names_them_so(tmp_path: Path, ledger: Ledger) -> None:
    """K001 (01-04 to 01-15) signed on 01-08, its 5th day of lessons: the days not held yet are 第6天至第10天, as its
    columns name them (01-11 to 01-15), not its 8th to 12th calendar days."""
    header, days, held = lesson_columns(D(2027, 1, 4), D(2027, 1, 15))
    seat = day_seat("C1", *["√"] * 10, "", "")
    path = daily_rosters(tmp_path, header, days, seat, hours=72, line=TWELVE, period="2027-01")
    result = run_import(ledger, path, imported_at=D(2027, 1, 8))
    assert [p.code for p in result.problems] == ["class-not-ended"]
    assert "第6天至第10天（01-11至01-15）尚未举办" in in_chinese(result.problems[0].message)
    assert [(r.attended_hours, r.completed) for r in cadre_records(ledger, "C1")] == [(36, False)]


def test_columns_without_dates_count_the_days_of_lessons_the_dates_hold(tmp_path: Path, ledger: Ledger) -> None:
    """第1天 … 第10天 with their dates cut off: the class's 12 printed days hold 10 days of lessons, every one with
    a column, so a seat ticked in all 10 completed it; a column added by hand for a Saturday the class met
    (第11天, no date) is a day more, counted for every seat."""
    header, days, _ = lesson_columns(D(2027, 1, 4), D(2027, 1, 15), dated=False)
    path = daily_rosters(tmp_path, header, days, day_seat("C1", *["√"] * 10, "", ""), hours=72, line=TWELVE,
                         period="2027-01")
    assert run_import(ledger, path, imported_at=D(2027, 2, 1)).problems == []
    assert [(r.attended_hours, r.completed) for r in cadre_records(ledger, "C1")] == [(72, True)]
    header, days, _ = lesson_columns(D(2027, 1, 4), D(2027, 1, 15))
    header.insert(16, None)
    days.insert(16, "第11天")
    path = daily_rosters(tmp_path, header, days, day_seat("C2", *["√"] * 11, "", ""),
                         day_seat("C3", *["√"] * 10, "", "", "", name="测试李四"), hours=72, line=TWELVE,
                         period="2027-01", name="added.xlsx")
    assert run_import(ledger, path, imported_at=D(2027, 2, 1)).problems == []
    assert [(r.attended_hours, r.completed) for c in ("C2", "C3") for r in cadre_records(ledger, c)] == [
        (72, True), (round(72 * 10 / 11, 2), True)]


def test_a_class_printed_to_a_saturday_has_ended_on_its_friday(tmp_path: Path, ledger: Ledger) -> None:
    """Printed 2026-12-01 to 12-12 (a Saturday), its last day of lessons Friday 12-11: imported on the 11th, the
    class has ended, its seats completed."""
    header, days, held = lesson_columns(D(2026, 12, 1), D(2026, 12, 12))
    line = "班次编号：K001　　培训时间：2026年12月1日至2026年12月12日（共12天，68学时）　　参训人数：1人"
    path = daily_rosters(tmp_path, header, days, day_seat("C1", *["√"] * len(held), "", ""), hours=68, line=line,
                         period="2026-12")
    assert run_import(ledger, path, imported_at=D(2026, 12, 11)).problems == []
    assert [(r.attended_hours, r.completed) for r in cadre_records(ledger, "C1")] == [(68, True)]


def test_a_moved_class_numbered_by_days_of_lessons_is_read_by_them(tmp_path: Path, ledger: Ledger) -> None:
    """A class moved by hand from 2027-01-04 to Tuesday 01-05 (to 01-16), its columns keeping the old dates: 第1天 …
    第10天 are read as its days of lessons from 01-05 (第5天 Monday 01-11, not Saturday 01-09), none missing, the
    seat ticked in all complete."""
    header, days, _ = lesson_columns(D(2027, 1, 4), D(2027, 1, 15))
    line = "班次编号：K001　　培训时间：2027年1月5日至2027年1月16日（共12天，72学时）　　参训人数：1人"
    path = daily_rosters(tmp_path, header, days, day_seat("C1", *["√"] * 10, "", ""), hours=72, line=line,
                         period="2027-01")
    result = run_import(ledger, path, imported_at=D(2027, 2, 1))
    assert [p.code for p in result.problems] == ["sign-in-dates-differ"]
    assert [(r.attended_hours, r.completed) for r in cadre_records(ledger, "C1")] == [(72, True)]


WORKING_TWELVE = "班次编号：K001　　培训时间：2027年1月4日至2027年1月19日（共12天，72学时）　　参训人数：1人"


def test_a_deleted_column_of_a_class_of_working_days_is_named(tmp_path: Path) -> None:
    """12 days of lessons from 01-04 to 01-19 (共12天 over 16 dates), 第3天 deleted: the day is named, not 其余 1 天."""
    header, days, _ = lesson_columns(D(2027, 1, 4), D(2027, 1, 19))
    cut = (8,)
    path = daily_rosters(tmp_path, without(header, *cut), without(days, *cut),
                         without(day_seat("C1", *["√"] * 12, "", ""), *cut), hours=72, line=WORKING_TWELVE,
                         period="2027-01")
    config = Config()
    read = read_records_file(path, config, catalog(config), config.ledger, D(2027, 2, 1))
    [problem] = read.problems
    assert "第3天（01-06）没有签到栏" in in_chinese(problem.message)
    assert [(p.record.attended_hours, p.record.completed) for p in read.parsed] == [(66, True)]


def test_an_older_sheet_with_weekend_boxes_and_its_dates_cut_off_reads_its_weekend_by_number(
        tmp_path: Path, ledger: Ledger) -> None:
    """第1天 … 第12天 of an older sheet (a box every day, 01-04 to 01-15), the dates cut off, the weekend (第6天,
    第7天) blank for every seat: its numbers run past the 10 days of lessons, so they count the days of its dates,
    the weekend is known, and a seat ticked on every day of lessons completed the class."""
    header, days = day_columns(12, None)
    path = daily_rosters(tmp_path, header, days, marked("C1", *[d for d in range(1, 13) if d not in (6, 7)]),
                         hours=72, line=TWELVE, period="2027-01", name="undated.xlsx")
    assert run_import(ledger, path, imported_at=D(2027, 2, 1)).problems == []
    assert [(r.attended_hours, r.completed) for r in cadre_records(ledger, "C1")] == [(72, True)]


def week_columns(first: D, weeks: int, lessons: list[int]) -> tuple[list[object], list[object]]:
    """The header and day row of a weekly sheet: 第1周（5天） 12-01–12-07 ..., each week's days of lessons given."""
    header = ["序号", "编号", "姓名", "单位", "职务", "职级", "签到", *[None] * (weeks - 1), "出勤学时", "备注"]
    named = [f"第{w + 1}周（{lessons[w]}天）\n{first + dt.timedelta(days=7 * w):%m-%d}–"
             f"{first + dt.timedelta(days=7 * w + 6):%m-%d}" for w in range(weeks)]
    return header, [None] * 6 + named + [None, None]


FIFTEEN_WORKING = "班次编号：K001　　培训时间：{}至{}（共15天，90学时）　　参训人数：1人"


def test_a_moved_weekly_class_keeps_each_week_of_its_dates(tmp_path: Path, ledger: Ledger) -> None:
    """Three weekly boxes of 5 days of lessons (12-01 to 12-21), the class moved to Wednesday 2027-01-06 to 01-26:
    each box is a week of the new dates (01-06 to 01-12 ...), nothing missing, the seat ticked in all complete (it
    was 64.29 h, not completed, its boxes read as 5 days each)."""
    header, days = week_columns(D(2026, 12, 1), 3, [5, 5, 5])
    line = FIFTEEN_WORKING.format("2027年1月6日", "2027年1月26日")
    path = daily_rosters(tmp_path, header, days, day_seat("C1", "√", "√", "√", "", ""), hours=90, line=line,
                         period="2027-01")
    result = run_import(ledger, path, imported_at=D(2027, 2, 1))
    assert [p.code for p in result.problems] == ["sign-in-dates-differ"]
    assert [(r.attended_hours, r.completed) for r in cadre_records(ledger, "C1")] == [(90, True)]


def test_a_weeks_heading_edited_counts_the_days_of_lessons_of_its_dates(tmp_path: Path, ledger: Ledger) -> None:
    """第1周（0天） over 12-01–12-07, its seat absent that week: 5 days of lessons of 15 missed (60 h, not completed),
    as if the heading were 5, not a week of none (81.82 h, completed)."""
    header, days = week_columns(D(2026, 12, 1), 3, [0, 5, 5])
    line = FIFTEEN_WORKING.format("2026年12月1日", "2026年12月21日")
    path = daily_rosters(tmp_path, header, days, day_seat("C1", "", "√", "√", "", ""), hours=90, line=line,
                         period="2026-12")
    run_import(ledger, path, imported_at=D(2027, 2, 1))
    assert [(r.attended_hours, r.completed) for r in cadre_records(ledger, "C1")] == [(60, False)]


def test_a_stray_tick_on_a_holiday_box_is_said_and_not_counted(tmp_path: Path, ledger: Ledger) -> None:
    """An older sheet of 12-28 to 01-08 with a box a day; 01-01 (元旦) ticked by one seat of three: the class did not
    meet then, the others are not absent on it, and the warning names the box and the seat."""
    header, days = day_columns(12, D(2026, 12, 28))
    line = "班次编号：K001　　培训时间：2026年12月28日至2027年1月8日（共12天，72学时）　　参训人数：3人"
    lessons = [d for d in range(1, 13) if (D(2026, 12, 28) + dt.timedelta(days=d - 1)).weekday() < 5 and d != 5]
    seats = [marked("C1", *lessons, 5), marked("C2", *lessons, name="测试李四"), marked("C3", *lessons, name="测试王五")]
    path = daily_rosters(tmp_path, header, days, *seats, hours=72, line=line, period="2026-12")
    result = run_import(ledger, path, imported_at=D(2027, 2, 1))
    assert [p.code for p in result.problems] == ["marks-on-day-off"]
    assert in_chinese(result.problems[0].message).startswith(
        "休息日的签到栏只有不到一半的席位签到：01-01（1 人）；按当天不上课读取，这些签到未计入")
    assert [(r.attended_hours, r.completed) for c in ("C1", "C2", "C3") for r in cadre_records(ledger, c)] == [
        (72, True)] * 3


def test_an_invalid_number_in_a_box_of_a_day_off_is_said_at_its_cell(tmp_path: Path, ledger: Ledger) -> None:
    """The same sheet, the 01-01 (元旦) box of one seat and the 01-02 (Saturday) box of another holding <v>NaN</v>
    and <v>INF</v> (a forged or broken file): the columns were dropped as days the class did not meet, and the cells,
    said in any other 签到 column, went unsaid. Each is a warning at its cell; the seats are recorded as before."""
    header, days = day_columns(12, D(2026, 12, 28))
    line = "班次编号：K001　　培训时间：2026年12月28日至2027年1月8日（共12天，72学时）　　参训人数：3人"
    lessons = [d for d in range(1, 13) if (D(2026, 12, 28) + dt.timedelta(days=d - 1)).weekday() < 5 and d != 5]
    first, second = marked("C1", *lessons), marked("C2", *lessons, name="测试李四")
    first[6 + 4], second[6 + 5] = 11111, 22222
    path = daily_rosters(tmp_path, header, days, first, second, marked("C3", *lessons, name="测试王五"), hours=72,
                         line=line, period="2026-12")
    forge_numbers(path, {11111: b"NaN", 22222: b"INF"}, sheet=2)
    result = run_import(ledger, path, imported_at=D(2027, 2, 1))
    assert [(p.cell, p.code, p.severity) for p in result.problems] == [
        ("K6", "bad-value", "warning"), ("L7", "bad-value", "warning")]
    assert result.problems[0].message == (
        'row 6, column "签到 第5天 01-01": "nan" is an invalid number, not an attendance mark; a box of a day off, read '
        "as a day without lessons: not counted; expected a 签到 box of a day off signed by most seats where the class "
        "met then, else left blank")
    assert in_chinese(result.problems[1].message) == (
        "第 7 行「签到 第6天 01-02」列：「inf」是无效的数值，不是签到标记；该栏是休息日的签到栏，按当天不上课读取，未计入；应为：班次在"
        "休息日上课的，多数席位在当天的签到栏签到；否则留空")
    assert [(r.attended_hours, r.completed) for c in ("C1", "C2", "C3") for r in cadre_records(ledger, c)] == [
        (72, True)] * 3


@pytest.mark.parametrize(("value", "code"), [("#REF!", "error-value"), ("=A1", "formula-without-value")])
def test_an_error_value_in_a_box_of_a_day_off_is_said_at_its_cell(tmp_path: Path, ledger: Ledger, value: str,
                                                                  code: str) -> None:
    """The same sheet, the 01-01 (元旦) box of one seat holding #REF! (or a formula with no saved result): the column
    was dropped as a day the class did not meet, and the cell, said in any other 签到 column, went unsaid. It is a
    warning at its cell, as a box of NaN is; the seats are recorded as before."""
    header, days = day_columns(12, D(2026, 12, 28))
    line = "班次编号：K001　　培训时间：2026年12月28日至2027年1月8日（共12天，72学时）　　参训人数：3人"
    lessons = [d for d in range(1, 13) if (D(2026, 12, 28) + dt.timedelta(days=d - 1)).weekday() < 5 and d != 5]
    first = marked("C1", *lessons)
    first[6 + 4] = value
    path = daily_rosters(tmp_path, header, days, first, marked("C2", *lessons, name="测试李四"),
                         marked("C3", *lessons, name="测试王五"), hours=72, line=line, period="2026-12")
    result = run_import(ledger, path, imported_at=D(2027, 2, 1))
    assert [(p.cell, p.code, p.severity) for p in result.problems] == [("K6", code, "warning")]
    if code == "error-value":
        assert in_chinese(result.problems[0].message) == (
            "第 6 行「签到 第5天 01-01」列：是错误值（#REF!）；该栏是休息日的签到栏，按当天不上课读取，未计入；应为：班次在"
            "休息日上课的，多数席位在当天的签到栏签到；否则留空")
    assert [(r.attended_hours, r.completed) for c in ("C1", "C2", "C3") for r in cadre_records(ledger, c)] == [
        (72, True)] * 3


def test_a_moved_class_printed_past_the_calendars_end_keeps_its_columns(tmp_path: Path) -> None:
    """Printed dates in 9999 and a day numbered 第3000000天: no date past the calendar's end is made of them (it
    was an internal error, exit 4): the columns keep their dates, and the sheet is read."""
    header, days = day_columns(12, D(2027, 1, 4))
    days[8] = "第3000000天\n01-06"
    config = Config()
    far = "班次编号：K001　　培训时间：9999年12月20日至9999年12月31日（共12天，72学时）"
    for line in (far, TWELVE.replace("1月4日", "1月5日").replace("1月15日", "1月16日")):
        path = daily_rosters(tmp_path, header, days, marked("C1", *range(1, 13)), hours=72, line=line,
                             period="2027-01")
        read = read_records_file(path, config, catalog(config), config.ledger, D(2027, 2, 1))
        assert [p.severity for p in read.problems if p.severity == "error"] == []


@pytest.mark.parametrize(("dates", "said"), [
    # the ledger would count 999 days of training
    ("2026年12月1日至2026年12月21日（共999天", "签到表印明班次共 999 天，但所印日期 2026-12-01 至 2026-12-21 只有 21 天；"
                                            "应为：班次天数（共15天）不超过所印起止日期之间的天数"),
    # recorded as the plan's month, 12-01 to 12-31, silently before
    ("2026年12月21日至2026年12月1日（共15天", "签到表所印日期先后颠倒：2026-12-21 至 2026-12-01；应为：开始日期在结束日期之前"
                                           "（培训时间：2026年12月1日至2026年12月21日）")])
def test_printed_dates_that_cannot_be_the_class_refuse_the_sheet(tmp_path: Path, ledger: Ledger, dates: str,
                                                                   said: str) -> None:
    """More days printed than the dates hold, or the dates the wrong way round: the workbook is refused, the sheet
    named, and nothing is added."""
    header, days, held = lesson_columns(D(2026, 12, 1), D(2026, 12, 21))
    line = f"班次编号：K001　　培训时间：{dates}，90学时）　　参训人数：1人"
    path = daily_rosters(tmp_path, header, days, day_seat("C1", *["√"] * len(held), "", ""), hours=90, line=line,
                         period="2026-12")
    result = run_import(ledger, path, imported_at=D(2027, 2, 1))
    assert [(p.sheet, p.code, p.severity) for p in result.problems] == [("K001", "bad-value", "error")]
    assert in_chinese(result.problems[0].message) == said
    assert ledger.dump() == []


@pytest.mark.parametrize(("copied", "dated"), [("第1天\n01-04", True), ("第1天", False), ("第1天", True)])
def test_two_columns_for_one_day_refuse_the_sheet(tmp_path: Path, ledger: Ledger, copied: str, dated: bool) -> None:
    """A day's column copied with its label (第1天 twice: dated, its date cut off, or one dated and one not): a seat
    marked in both would have that day counted twice, its share past the whole class. The sheet is refused, both
    columns named, at the copy's day cell."""
    header, days = day_columns(12, D(2027, 1, 4) if dated else None)
    days[7] = copied  # G 第1天, H its copy, over the class's 12 days
    path = daily_rosters(tmp_path, header, days, marked("C1", *range(1, 13)), hours=72, line=TWELVE, period="2027-01")
    result = run_import(ledger, path, imported_at=D(2027, 2, 1))
    assert [(p.sheet, p.code, p.severity, p.cell) for p in result.problems] == [("K001", "bad-value", "error", "H5")]
    first = "第1天 01-04" if dated else "第1天"
    assert in_chinese(result.problems[0].message) == (
        f"签到栏的 G 列「{first}」和 H 列「{copied.replace(chr(10), ' ')}」是同一天；"
        "应为：签到栏每天（或每周）只有一列，请删去复制出的那一列，或改正其标题")
    assert ledger.dump() == []


def test_a_dated_column_whose_number_was_mistyped_is_read_by_its_date(tmp_path: Path, ledger: Ledger) -> None:
    """第7天 12-09 typed as 第2天 12-09 beside 第2天 12-02: two dated columns are judged by their dates (no day twice),
    never said to overlap "on 12-09 to 12-02"."""
    header, days = day_columns(12, D(2027, 1, 4))
    days[12] = "第2天\n01-10"  # the 7th column, dated 01-10, numbered as the 2nd
    path = daily_rosters(tmp_path, header, days, marked("C1", *range(1, 13)), hours=72, line=TWELVE, period="2027-01")
    result = run_import(ledger, path, imported_at=D(2027, 2, 1))
    assert [p.code for p in result.problems if p.severity == "error"] == []


def test_two_weeks_boxes_over_the_same_days_refuse_the_sheet(tmp_path: Path, ledger: Ledger) -> None:
    """第2周 dated from 12-07, a day into 第1周 (12-01 to 12-07): the days they share are named."""
    header, days = week_columns(D(2026, 12, 1), 3, [5, 5, 5])
    days[7] = "第2周（5天）\n12-07–12-13"
    line = FIFTEEN_WORKING.format("2026年12月1日", "2026年12月21日")
    path = daily_rosters(tmp_path, header, days, day_seat("C1", "√", "√", "√", "", ""), hours=90, line=line,
                         period="2026-12")
    result = run_import(ledger, path, imported_at=D(2027, 2, 1))
    assert [p.code for p in result.problems] == ["bad-value"]
    assert in_chinese(result.problems[0].message).startswith(
        "签到栏的 G 列「第1周（5天） 12-01–12-07」和 H 列「第2周（5天） 12-07–12-13」日期重叠（12-07）；")
    assert ledger.dump() == []


@pytest.mark.parametrize("numerals", ["第一天", "all"])
def test_days_numbered_in_chinese_numerals_are_read_as_in_digits(tmp_path: Path, ledger: Ledger, numerals: str) -> None:
    """第一天 among 第2天 … (typed over by hand), or every day so (第一天 … 第十二天): read as 第1天 … 第12天. Before, the
    sheet was read as a class of one day, 第2天 to 第10天 said missing."""
    header, days = day_columns(12, None)
    words = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]
    if numerals == "all":
        days[6:18] = [f"第{w}天" for w in words]
    else:
        days[6] = "第一天"
    path = daily_rosters(tmp_path, header, days, marked("C1", *range(1, 12)), hours=72, line=TWELVE, period="2027-01")
    result = run_import(ledger, path, imported_at=D(2027, 2, 1))
    assert [p.code for p in result.problems if p.severity == "error"] == []
    assert [(r.attended_hours, r.completed) for r in cadre_records(ledger, "C1")] == [(66, True)]  # 11 of 12 days


def test_weeks_headed_in_chinese_numerals_are_read_as_in_digits(tmp_path: Path, ledger: Ledger) -> None:
    """第一周（五天） … 第三周（五天）: three weeks of 5 days of lessons, as 第1周（5天）; before, read as 3 days."""
    header, days = week_columns(D(2026, 12, 1), 3, [5, 5, 5])
    days[6:9] = [d.replace(f"第{n}周（5天）", f"第{w}周（五天）")
                 for d, n, w in zip(days[6:9], (1, 2, 3), "一二三", strict=True)]
    line = FIFTEEN_WORKING.format("2026年12月1日", "2026年12月21日")
    path = daily_rosters(tmp_path, header, days, day_seat("C1", "√", "√", "√", "", ""), hours=90, line=line,
                         period="2026-12")
    result = run_import(ledger, path, imported_at=D(2027, 2, 1))
    assert [p.code for p in result.problems if p.severity == "error"] == []
    assert [(r.attended_hours, r.completed) for r in cadre_records(ledger, "C1")] == [(90, True)]
