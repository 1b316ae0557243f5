"""A seat's id on a signed sign-in sheet checked against what the sheet was written with: a mistyped id is a
warning at its cell, and the seat waits for a corrected copy (the rest of the file is imported). An id on no row
of the roster given is recorded all the same, with a warning at its cell that says what became of it."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from builders import catalog, make_class_rosters, make_workbook, roster, run_import, seat

from needscli.config import Config
from needscli.io.load import load_inputs
from needscli.records.imports import import_into
from needscli.records.seat_ids import RosterIds, roster_ids
from needscli.records.store import Ledger, cadre_records, open_ledger
from needscli.wording import problems_in


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


def test_the_roster_given_holds_back_another_names_id(tmp_path: Path, ledger: Ledger) -> None:
    names = {"C1": "测试甲", "C2": "测试丁", "C3": "测试丙", "C9": "测试甲"}
    result = run_import(ledger, make_class_rosters(tmp_path, classes()), roster=names)
    assert [(p.sheet, p.cell, p.code, p.severity) for p in result.problems] == [
        ("K001", "B5", "unexpected-id", "warning")]  # C2 is 测试丁's
    assert result.problems[0].message == (
        'row 5, column "编号": is the id of another name on the roster given (--roster); this seat was not recorded; '
        "expected the id the sheet was written with for this name; fix the cell and import the sheet again")
    assert [(f.added, f.held_back, f.off_roster) for f in result.files] == [(4, 1, 0)]
    assert cadre_records(ledger, "C2") == []


# a cadre transferred out since, or a sheet of last year imported against this year's roster
OFF_ROSTER = {"C1": "测试甲", "C2": "测试乙", "C3": "测试丙"}  # C9 (测试甲's seat on K002) is on no row of it


def test_an_id_on_no_row_of_the_roster_is_recorded_with_a_warning_at_its_cell(tmp_path: Path, ledger: Ledger) -> None:
    result = run_import(ledger, make_class_rosters(tmp_path, classes()), roster=OFF_ROSTER)
    assert [(p.file, p.sheet, p.row, p.column, p.cell, p.code, p.severity) for p in result.problems] == [
        ("class-rosters.xlsx", "K002", 5, "编号", "B5", "not-on-roster", "warning")]
    assert result.problems[0].message == (
        'row 5, column "编号": is not on the roster given (--roster); its attendance was recorded all the same; '
        "nothing to do for a cadre transferred out since, or a sheet of an earlier year")
    assert [(f.added, f.unchanged, f.held_back, f.off_roster) for f in result.files] == [(5, 0, 0, 1)]
    assert [(r.class_id, r.source_sheet, r.source_row) for r in cadre_records(ledger, "C9")] == [("K002", "K002", 5)]


def test_an_id_on_no_row_of_the_roster_imported_again_is_still_said(tmp_path: Path, ledger: Ledger) -> None:
    path = make_class_rosters(tmp_path, classes())
    run_import(ledger, path, roster=OFF_ROSTER)
    again = run_import(ledger, path, roster=OFF_ROSTER)
    assert [(f.added, f.unchanged, f.off_roster) for f in again.files] == [(0, 5, 1)]
    assert [(p.cell, p.code) for p in again.problems] == [("B5", "not-on-roster")]
    assert "its attendance was recorded all the same" in again.problems[0].message  # it is in the ledger
    assert len(cadre_records(ledger, "C9")) == 1


def test_a_dry_run_says_an_id_on_no_row_of_the_roster_would_be_recorded(tmp_path: Path, ledger: Ledger) -> None:
    result = run_import(ledger, make_class_rosters(tmp_path, classes()), roster=OFF_ROSTER, dry_run=True)
    assert [(f.added, f.off_roster) for f in result.files] == [(5, 1)]
    assert [(p.cell, p.code) for p in result.problems] == [("B5", "not-on-roster")]
    assert ("; its attendance would be recorded all the same (dry run: nothing written); "
            in result.problems[0].message)
    assert cadre_records(ledger, "C9") == []


def test_in_a_file_not_imported_an_id_on_no_row_of_the_roster_is_not_said_recorded(tmp_path: Path,
                                                                                  ledger: Ledger) -> None:
    bad = classes()
    bad[0]["seats"].append(seat("C3", "", 99, name="测试丙"))  # type: ignore[attr-defined]  # 99 of 48 hours: a bad row
    result = run_import(ledger, make_class_rosters(tmp_path, bad), roster=OFF_ROSTER)
    assert [(p.sheet, p.cell, p.code, p.severity) for p in result.problems] == [
        ("K001", "H6", "bad-number", "error"), ("K002", "B5", "not-on-roster", "warning")]
    assert ("; the file was not imported for its other problems; once they are fixed, this attendance is recorded "
            "all the same; " in result.problems[1].message)
    assert [(f.added, f.off_roster, f.rejected) for f in result.files] == [(0, 0, True)]
    assert cadre_records(ledger, "C9") == []


def test_into_a_ledger_not_made_yet_an_id_on_no_row_of_the_roster_is_said_as_it_went(tmp_path: Path) -> None:
    """import_into tries the files on no ledger first: the warning is the real run's, recorded or a dry run's."""
    path = make_class_rosters(tmp_path, classes())
    said = {}
    for dry_run in (True, False):
        result = import_into(tmp_path / "ledger.db", [path], Config(), catalog(), dry_run, roster=OFF_ROSTER)
        said[dry_run] = result.problems[0].message
    assert "would be recorded all the same" in said[True]
    assert "its attendance was recorded all the same" in said[False]
    with open_ledger(tmp_path / "ledger.db") as book:
        assert [r.class_id for r in cadre_records(book, "C9")] == ["K002"]


def test_the_hidden_full_id_holds_back_a_seat_the_roster_has_no_row_of(tmp_path: Path, ledger: Ledger) -> None:
    """Off the roster is no reason to record a seat whose id was typed over: the sheet's own witness speaks first."""
    path = make_class_rosters(tmp_path, [{"id": "K001", "topic": "法治政府建设", "period": "2026-06", "hours": 48,
                                          "seats": [seat("C1", "√"), seat("C7", "√")]}])
    book = openpyxl.load_workbook(path)
    for row, value in ((3, "完整编号（导入用，不打印）"), (4, "C1"), (5, "C2")):  # row 5 was written for C2
        book["K001"].cell(row, 10, value)
    book.save(path)
    result = run_import(ledger, path, roster={"C1": "测试张三", "C2": "测试张三"})
    assert [(p.cell, p.code) for p in result.problems] == [("B5", "unexpected-id")]
    assert [(f.added, f.held_back, f.off_roster) for f in result.files] == [(1, 1, 0)]
    assert cadre_records(ledger, "C7") == []


@pytest.mark.parametrize(("dry_run", "bad_row", "said"), [
    (False, False, "出勤仍已记入台账"),
    (True, False, "出勤仍将记入台账（试运行，尚未写入）"),
    (False, True, "但本文件因其他问题未导入；改正后导入时，这次出勤仍会记入台账"),
])
def test_the_warning_of_an_id_on_no_row_of_the_roster_in_chinese(tmp_path: Path, ledger: Ledger, dry_run: bool,
                                                                 bad_row: bool, said: str) -> None:
    rows = classes()
    if bad_row:
        rows[0]["seats"].append(seat("C3", "", 99, name="测试丙"))  # type: ignore[attr-defined]
    result = run_import(ledger, make_class_rosters(tmp_path, rows), roster=OFF_ROSTER, dry_run=dry_run)
    warning = next(p for p in problems_in(result.problems, "zh") if p.code == "not-on-roster")
    assert warning.message == (f"第 5 行「编号」列：该编号不在 --roster 给出的花名册上，{said}；"
                               "如为已调出的人员或往年的签到表，可不处理")


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
    assert [(f.added, f.held_back) for f in result.files] == [(1, 1)]


def printed_for(path: Path, sheet: str, *ids: str) -> Path:
    """The sign-in sheet's hidden 完整编号 column, holding the ids its rows (from row 4) were written for."""
    book = openpyxl.load_workbook(path)
    book[sheet].cell(3, 10, "完整编号（导入用，不打印）")
    for row, value in enumerate(ids, start=4):
        book[sheet].cell(row, 10, value)
    book.save(path)
    return path


SUBSTITUTE_ROSTER = {"C1": "测试甲", "C2": "测试乙", "C5": "测试戊"}


def substitute_sheet(tmp_path: Path, *seats: list[object], name: str = "class-rosters.xlsx") -> Path:
    """K001, its rows written for C1 and C2, and the seats given (as the clerk filled them in)."""
    path = make_class_rosters(tmp_path, [{"id": "K001", "topic": "法治政府建设", "period": "2026-06", "hours": 48,
                                          "seats": list(seats)}], name=name)
    return printed_for(path, "K001", "C1", "C2")


def test_a_substitute_written_over_an_absent_members_row_is_told_to_go_on_a_row_of_its_own(tmp_path: Path,
                                                                                          ledger: Ledger) -> None:
    """C2 was absent, and 测试戊 (C5) sat in his place: written over C2's row, the seat is held back (a guess would
    put the training on the wrong cadre), and the message says where a substitute goes instead."""
    path = substitute_sheet(tmp_path, seat("C1", "√", name="测试甲"), seat("C5", "√", name="测试戊"))
    result = run_import(ledger, path, roster=SUBSTITUTE_ROSTER)
    assert [(p.cell, p.code, p.severity) for p in result.problems] == [("B5", "unexpected-id", "warning")]
    assert result.problems[0].message == (
        'row 5, column "编号": is not the id the sheet was written with (its hidden column 完整编号 holds C2); on the '
        "roster given, C5 is the name written: another cadre written over the seat of C2; this seat was not "
        "recorded; expected this row given back to C2 (its own id and name, its 签到 blank where absent) and the "
        "one who attended written on a new row below the class's rows (his id and name, and his 签到), then the "
        "sheet imported again")
    assert cadre_records(ledger, "C5") == []
    zh = problems_in(result.problems, "zh")[0].message
    assert zh == ("第 5 行「编号」列：不是签到表写出时本行的编号（该行隐藏的「完整编号」列为 C2）；所给的花名册中 C5 正是"
                  "本行所写姓名的编号：是另一人写在了为 C2 印好的席位上；该席位未记录；应为：本行恢复为 C2 本人的编号和"
                  "姓名（其缺勤则签到留空），顶替/替补参训的人另起一行，写在本班各行之下（填写其编号、姓名和签到），然后"
                  "重新导入该表")
    # as it says: C2's row given back to him, blank, and C5 on a new row below: C5's seat is recorded
    fixed = substitute_sheet(tmp_path, seat("C1", "√", name="测试甲"), seat("C2", name="测试乙"),
                             seat("C5", "√", name="测试戊"), name="fixed.xlsx")
    again = run_import(ledger, fixed, roster=SUBSTITUTE_ROSTER)
    assert again.problems == []
    assert [(r.class_id, r.source_row) for r in cadre_records(ledger, "C5")] == [("K001", 6)]
    assert cadre_records(ledger, "C2") == []


def test_a_substitute_is_told_where_the_printed_id_is_another_names_though_the_id_written_is_on_no_row(
        tmp_path: Path, ledger: Ledger) -> None:
    path = substitute_sheet(tmp_path, seat("C1", "√", name="测试甲"), seat("C6", "√", name="测试己"))
    result = run_import(ledger, path, roster=SUBSTITUTE_ROSTER)
    assert [(p.cell, p.code) for p in result.problems] == [("B5", "unexpected-id")]
    assert "on the roster given, C2 is another name's: another cadre written over the seat of C2; " in (
        result.problems[0].message)
    assert "written on a new row below the class's rows" in result.problems[0].expected
    assert "所给的花名册中 C2 是另一个姓名的编号" in problems_in(result.problems, "zh")[0].message


def test_a_mistyped_id_under_the_printed_name_is_told_the_id_to_put_back(tmp_path: Path, ledger: Ledger) -> None:
    """The name is the one C2's row was printed with: the id was mistyped; the message names the id to write."""
    path = substitute_sheet(tmp_path, seat("C1", "√", name="测试甲"), seat("C7", "√", name="测试乙"))
    result = run_import(ledger, path, roster=SUBSTITUTE_ROSTER)
    assert result.problems[0].expected == (
        "C2, the id the sheet was written with for this row; fix the cell and import the sheet again")
    assert problems_in(result.problems, "zh")[0].message.endswith(
        "；该席位未记录；应为：签到表写出时本行的编号 C2；改正该单元格后重新导入该表")


def test_without_a_roster_an_id_other_than_the_printed_one_is_told_both_ways_out(tmp_path: Path,
                                                                                ledger: Ledger) -> None:
    """Nothing tells a typo from a substitute: the message says what to do in either case."""
    path = substitute_sheet(tmp_path, seat("C1", "√", name="测试甲"), seat("C5", "√", name="测试戊"))
    result = run_import(ledger, path)
    assert [(p.cell, p.code) for p in result.problems] == [("B5", "unexpected-id")]
    assert result.problems[0].expected.startswith(
        "C2 where the id was mistyped; where another cadre attended in place of C2 (顶替/替补), this row given back "
        "to C2")
    assert problems_in(result.problems, "zh")[0].message.endswith(
        "应为：如是编号写错，改回 C2；如是另一人顶替 C2 参训（顶替/替补），本行恢复为 C2 本人的编号和姓名（其缺勤则签到留空），"
        "顶替/替补参训的人另起一行，写在本班各行之下（填写其编号、姓名和签到），然后重新导入该表")


def skipping_roster(tmp_path: Path) -> Path:
    """A roster of rows skipped for their faults: C2 and C3 with a blank 职级 (their ids and names as written), and
    测试戊 with no 编号 at all."""
    return make_workbook(tmp_path, {"花名册": roster(
        ["C1", "测试甲", "市财政局", "科员", "一级科员"], ["C2", "测试丁", "市财政局", "科员", ""],
        ["C3", "测试丙", "市财政局", "科员", ""], ["", "测试戊", "市财政局", "科员", "一级科员"])})


def test_a_roster_row_skipped_for_its_faults_still_checks_the_seat_of_its_id(tmp_path: Path, ledger: Ledger) -> None:
    """A roster row skipped for a blank 职级 gives its id and name all the same: the seat of C3 (测试丙) is his, not
    off the roster, and C2 written as 测试乙 is another name's (测试丁); what is left unread (the row without an id)
    is counted, for the import to say that a cadre there cannot be checked."""
    inputs = load_inputs([skipping_roster(tmp_path)], Config())
    ids = roster_ids(inputs, inputs.problems)
    assert ids == RosterIds({"C1": "测试甲", "C2": "测试丁", "C3": "测试丙"}, problems=3, unread=1)
    result = run_import(ledger, make_class_rosters(tmp_path, classes()), roster=ids.names)
    assert [(p.sheet, p.cell, p.code) for p in result.problems] == [
        ("K001", "B5", "unexpected-id"), ("K002", "B5", "not-on-roster")]  # C2 is 测试丁's; C9 on no row
    assert [(f.added, f.held_back, f.off_roster) for f in result.files] == [(4, 1, 1)]
