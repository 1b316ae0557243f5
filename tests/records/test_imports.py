"""Importing records files and online exports: validation with every fault of a row at once, all-or-nothing
files, idempotent re-imports, and the ledger section of the config."""

from __future__ import annotations

import datetime as dt
import os
import shlex
import shutil
from pathlib import Path

import pytest
from builders import (
    CANARY_ID,
    CANARY_NAME,
    ONLINE_HEADER,
    make_class_rosters,
    make_csv,
    make_workbook,
    records_csv,
    run_import,
    seat,
    where,
)

from needscli.config import Config, LedgerConfig
from needscli.errors import NeedsError
from needscli.io.config_file import load_config
from needscli.records.removal import find_source, imported_sources, remove_records
from needscli.records.store import Ledger, cadre_records, completions, hours_in_year
from needscli.wording import in_chinese

D = dt.date
AFTER = D(2026, 6, 1)  # an import date after every training of good_rows (the last ends 2026-05-20)


def good_rows() -> list[list[object]]:
    return [["C1", "测试张三", "党性教育", "集中", "2026-03-01", "2026-03-07", 48, 44, "合格"],
            ["C1", "测试张三", "法治政府建设", "网络", "2026-04-01", "2026-04-01", 6, "", ""],
            ["C2", "测试李四", "数字政府", "境外", "2026-05-01", "2026-05-20", 120, "", "结业"]]


# ---- records sheets --------------------------------------------------------------------------


def test_records_sheet_fields(tmp_path: Path, ledger: Ledger) -> None:
    result = run_import(ledger, records_csv(tmp_path, *good_rows()), imported_at=AFTER)
    assert (result.added, result.unchanged, result.problems) == (3, 0, [])
    assert [(f.file, f.kind, f.added) for f in result.files] == [("records.csv", "records", 3)]
    first, second = cadre_records(ledger, "C1")
    assert (first.topic, first.topic_id, first.delivery, first.start_date, first.end_date) == (
        "党性教育", "party-spirit", "concentrated", D(2026, 3, 1), D(2026, 3, 7))
    assert (first.hours, first.attended_hours, first.completed, first.result) == (48, 44, True, "合格")
    assert (first.source_file, first.source_sheet, first.source_row, first.imported_at) == (
        "records.csv", "records", 2, AFTER)
    assert len(first.source_hash) == 64
    assert (second.delivery, second.topic_id) == ("online", "rule-of-law")
    assert cadre_records(ledger, "C2")[0].delivery == "overseas"


def test_records_workbook_with_english_headers_and_title_row(tmp_path: Path, ledger: Ledger) -> None:
    header = ["Cadre ID", "Name", "Topic", "Class ID", "Training type", "Delivery", "Start date", "End date",
              "Hours", "Hours attended", "Result"]
    path = make_workbook(tmp_path, {"2026": [header, ["C1", "A", "Rule of law", "K9", "on-the-job", "online",
                                                      D(2026, 2, 1), D(2026, 2, 3), 16, 16, "passed"]]},
                         title="Training records 2026", name="records.xlsx")
    assert run_import(ledger, path).problems == []
    [record] = cadre_records(ledger, "C1")
    assert (record.class_id, record.training_type, record.delivery, record.topic_id, record.end_date) == (
        "K9", "on-the-job", "online", "rule-of-law", D(2026, 2, 3))
    assert record.source_row == 3


def test_same_file_twice_adds_nothing(tmp_path: Path, ledger: Ledger) -> None:
    path = records_csv(tmp_path, *good_rows())
    run_import(ledger, path, imported_at=AFTER)
    once = ledger.dump()
    again = run_import(ledger, path, imported_at=D(2026, 7, 1))
    assert (again.added, again.unchanged, again.problems) == (0, 3, [])
    assert ledger.dump() == once
    copy = tmp_path / "renamed copy.csv"
    shutil.copy(path, copy)
    assert run_import(ledger, copy, imported_at=AFTER).added == 0  # same content, same hash: same rows
    assert ledger.dump() == once


def test_a_later_export_adds_only_its_new_rows(tmp_path: Path, ledger: Ledger) -> None:
    run_import(ledger, records_csv(tmp_path, *good_rows()[:2], name="march.csv"))
    result = run_import(ledger, records_csv(tmp_path, *good_rows(), name="may.csv"), imported_at=AFTER)
    assert (result.added, result.unchanged) == (1, 2)
    assert len(cadre_records(ledger, "C1")) == 2


def test_one_bad_row_and_the_file_changes_nothing(tmp_path: Path, ledger: Ledger) -> None:
    run_import(ledger, records_csv(tmp_path, good_rows()[0], name="first.csv"))
    before = ledger.dump()
    bad = [CANARY_ID, CANARY_NAME, "法治", "集中", "2026-03-01", "2026.13", 8, "", ""]
    path = records_csv(tmp_path, *good_rows()[1:], bad, ["C5", "", "法治", "集中", "2026-03-01", "2026-03-02",
                                                         "八", "", ""])
    result = run_import(ledger, path, imported_at=AFTER)
    assert where(result.problems) == [(4, "结束日期", "bad-date"), (5, "学时", "bad-number")]
    assert [p.cell for p in result.problems] == ["F4", "G5"]
    assert all(p.file == "records.csv" and p.sheet == "records" for p in result.problems)
    assert all(CANARY_ID not in p.message and CANARY_NAME not in p.message for p in result.problems)
    assert (result.added, result.files[0].rejected) == (0, True)
    assert ledger.dump() == before


def test_a_bad_file_does_not_stop_a_good_one(tmp_path: Path, ledger: Ledger) -> None:
    good = records_csv(tmp_path, *good_rows(), name="good.csv")
    bad = records_csv(tmp_path, ["C9", "", "", "集中", "2026-03-01", "2026-03-02", 8, "", ""], name="bad.csv")
    result = run_import(ledger, bad, good, imported_at=AFTER)
    assert [(f.file, f.rejected, f.added) for f in result.files] == [("bad.csv", True, 0), ("good.csv", False, 3)]
    assert where(result.problems) == [(2, "培训主题", "missing-value")]


@pytest.mark.parametrize(("row", "expected"), [
    (["C1", "", "法治", "集中", "2026-03-01", "", "", "", ""], [(2, "学时", "missing-value")]),
    (["C1", "", "法治", "集中", "", "", 8, "", ""], [(2, "结束日期", "missing-value")]),
    (["C1", "", "法治", "集中", "2026-03-05", "2026-03-01", 8, "", ""], [(2, "结束日期", "bad-date")]),
    (["C1", "", "法治", "飞行", "2026-03-01", "2026-03-01", 8, "", ""], [(2, "培训方式", "bad-value")]),
    (["C1", "", "法治", "集中", "2026-03-01", "2026-03-01", 8, 9, ""], [(2, "出勤学时", "bad-number")]),
    (["C1", "", "法治", "集中", "2026-03-01", "2026-03-01", 0, "", ""], [(2, "学时", "bad-number")]),
    (["C1", "", "法治", "集中", "2026-03-01", "2026-03-01", 8, "", "还行"], [(2, "结果", "bad-value")]),
    (["1.10105E+17", "", "法治", "集中", "2026-03-01", "2026-03-01", 8, "", ""], [(2, "编号", "bad-id")]),
])
def test_bad_cells_are_reported_by_column(tmp_path: Path, ledger: Ledger, row: list[object],
                                          expected: list[tuple[int, str, str]]) -> None:
    result = run_import(ledger, records_csv(tmp_path, row))
    assert where(result.problems) == expected
    assert result.added == 0


def test_leave_above_a_seventh_is_not_completed(tmp_path: Path, ledger: Ledger) -> None:
    path = records_csv(tmp_path,
                       ["C1", "", "法治", "集中", "2026-03-01", "2026-03-07", 49, 42, ""],  # leave 7 = 1/7
                       ["C2", "", "法治", "集中", "2026-03-01", "2026-03-07", 48, 41, ""],  # leave 7 > 48/7
                       ["C3", "", "法治", "集中", "2026-03-01", "2026-03-07", 48, 41, "合格"],
                       ["C4", "", "法治", "集中", "2026-03-01", "2026-03-07", 48, "", "不合格"])
    result = run_import(ledger, path)
    assert [cadre_records(ledger, c)[0].completed for c in ("C1", "C2", "C3", "C4")] == [True, False, False, False]
    assert where(result.problems) == [(4, "出勤学时", "leave-over-limit")]
    assert result.problems[0].severity == "warning"
    assert (result.added, result.files[0].not_completed) == (4, 3)
    assert [hours_in_year(ledger, c, 2026) for c in ("C1", "C2")] == [42, 0]
    assert list(completions(ledger)) == ["C1"]


def test_duplicate_row_in_a_file_is_reported(tmp_path: Path, ledger: Ledger) -> None:
    row = good_rows()[0]
    result = run_import(ledger, records_csv(tmp_path, row, row))
    assert [(p.row, p.code, p.cell) for p in result.problems] == [(3, "duplicate-record", "A3")]
    assert "row 2" in result.problems[0].message
    assert result.added == 0


def test_conflicting_record_from_another_file_rejects_it(tmp_path: Path, ledger: Ledger) -> None:
    run_import(ledger, records_csv(tmp_path, good_rows()[0], name="first.csv"))
    changed = [*good_rows()[0][:7], 46, "合格"]
    result = run_import(ledger, records_csv(tmp_path, changed, good_rows()[1], name="second.csv"))
    assert [(p.row, p.code, p.cell) for p in result.problems] == [(2, "conflicting-record", "H2")]  # 出勤学时
    assert result.problems[0].message == (
        'row 2, column "出勤学时": the ledger already holds this training of this cadre (first.csv, sheet first, row '
        "2) with 44 hours; this file has 46 hours; expected the same as the ledger's record; where this file is "
        "right, that record removed first (needscli records remove --source first.csv --cadre C1 --yes), then this "
        "file imported again (nothing is overwritten)")
    assert result.added == 0 and len(cadre_records(ledger, "C1")) == 1


@pytest.mark.skipif(os.name == "nt", reason="cmd.exe's quoting there")
def test_the_command_to_remove_a_record_is_quoted_for_the_shell(tmp_path: Path, ledger: Ledger) -> None:
    """An id (or a file's name) the shell would read otherwise is quoted in the command a clerk copies: it was printed
    as --cadre =HYPERLINK("http://x","C009"), which bash refuses."""
    cadre, file = '=HYPERLINK("http://x","C009")', "first records.csv"
    run_import(ledger, records_csv(tmp_path, [cadre, *good_rows()[0][1:]], name=file))
    changed = [cadre, *good_rows()[0][1:7], 46, "合格"]
    result = run_import(ledger, records_csv(tmp_path, changed, name="second.csv"))
    command = ("needscli records remove --source 'first records.csv' --cadre '=HYPERLINK(\"http://x\",\"C009\")' "
               "--yes")
    assert f"({command})" in result.problems[0].message
    assert shlex.split(command)[4:7] == ["first records.csv", "--cadre", cadre]


def test_a_conflict_says_the_result_and_the_hours_of_the_training_where_they_differ(tmp_path: Path,
                                                                                    ledger: Ledger) -> None:
    run_import(ledger, records_csv(tmp_path, good_rows()[0], name="first.csv"))
    changed = [*good_rows()[0][:6], 40, 20, "不合格"]
    result = run_import(ledger, records_csv(tmp_path, changed, name="second.csv"))
    assert [p.code for p in result.problems] == ["conflicting-record"]
    assert "with 44 hours (of 48, completed); this file has 20 hours (of 40, not completed);" in (
        result.problems[0].message)
    assert in_chinese(result.problems[0].message).startswith(
        "第 2 行「出勤学时」列：台账中已有此人的这次培训（first.csv，工作表「first」第 2 行）：台账中为 44 学时（共 48 "
        "学时，已完成），本表为 20 学时（共 40 学时，未完成）；应为：与台账中的记录相同；如本表是对的，先删除台账中的旧"
        "记录（needscli records remove --source first.csv --cadre C1 --yes），再重新导入本文件")


def test_a_file_changed_and_imported_again_under_its_name_is_told_the_code_of_the_import_to_remove(
        tmp_path: Path, ledger: Ledger) -> None:
    """The file imported is there no more as it was (corrected and saved under its name): its name would find
    the new one, so the command names the import by its code, as records remove takes it."""
    path = records_csv(tmp_path, good_rows()[0], name="hours.csv")
    run_import(ledger, path)
    (code,) = [s.code for s in imported_sources(ledger)]
    path = records_csv(tmp_path, [*good_rows()[0][:7], 46, "合格"], name="hours.csv")
    result = run_import(ledger, path)
    assert f"(needscli records remove --source {code} --cadre C1 --yes)" in result.problems[0].message
    assert remove_records(ledger, source_hash=find_source(ledger, Path(code)).source.source_hash, cadre_id="C1")
    assert run_import(ledger, path).added == 1


def test_a_training_the_ledger_holds_in_a_record_edited_by_hand_rejects_the_file(tmp_path: Path,
                                                                                 ledger: Ledger) -> None:
    run_import(ledger, records_csv(tmp_path, good_rows()[0], name="first.csv"))
    ledger.conn.execute("UPDATE records SET hours = 'abc'")  # CHECK (hours >= 0) lets text in
    result = run_import(ledger, records_csv(tmp_path, good_rows()[0], good_rows()[1], name="second.csv"))
    assert [(p.row, p.code) for p in result.problems] == [(2, "conflicting-record")]
    assert "its record 1, which cannot be read" in result.problems[0].message
    assert result.added == 0 and ledger.conn.execute("SELECT count(*) FROM records").fetchone()[0] == 1


def test_missing_columns_make_the_file_unusable(tmp_path: Path, ledger: Ledger) -> None:
    path = make_csv(tmp_path, [["编号", "姓名", "培训主题", "结束日期"], ["C1", "", "法治", "2026-03-01"]])
    with pytest.raises(NeedsError, match='no "学时" \\(Hours\\) or "天数" \\(Days\\) column'):
        run_import(ledger, path)
    with pytest.raises(NeedsError, match="no records table found"):
        run_import(ledger, make_csv(tmp_path, [["甲", "乙"], ["1", "2"]], name="other.csv"))
    with pytest.raises(NeedsError, match="file not found"):
        run_import(ledger, tmp_path / "absent.csv")
    assert ledger.dump() == []


# ---- every fault of a row at once ------------------------------------------------------------


@pytest.mark.parametrize(("row", "expected"), [
    # a bad way of training and result, no dates and no hours: four faults, one row
    (["C1", "", "法治", "飞行", "", "", "", "", "还行"],
     [(2, "结束日期", "missing-value"), (2, "培训方式", "bad-value"), (2, "结果", "bad-value"),
      (2, "学时", "missing-value")]),
    # a bad id does not hide the empty dates, nor the hours attended above the training's
    (["1.10105E+17", "", "法治", "集中", "", "", 8, 9, ""],
     [(2, "编号", "bad-id"), (2, "结束日期", "missing-value"), (2, "出勤学时", "bad-number")]),
    # a bad date is not also reported as an empty one
    (["C1", "", "法治", "集中", "2026-13", "", "八", "", ""],
     [(2, "开始日期", "bad-date"), (2, "学时", "bad-number")]),
])
def test_records_row_reports_every_fault(tmp_path: Path, ledger: Ledger, row: list[object],
                                         expected: list[tuple[int, str, str]]) -> None:
    result = run_import(ledger, records_csv(tmp_path, row))
    assert where(result.problems) == expected
    assert result.added == 0


def test_records_row_reports_leave_over_limit_beside_another_fault(tmp_path: Path, ledger: Ledger) -> None:
    result = run_import(ledger, records_csv(tmp_path, ["C1", "", "法治", "集中", "2026-03-01", "2026-03-07", 48, 40,
                                                       "合格x"]))
    assert where(result.problems) == [(2, "结果", "bad-value")]  # no verdict: no leave warning either
    result = run_import(ledger, records_csv(tmp_path, ["1.10105E+17", "", "法治", "集中", "2026-03-01",
                                                       "2026-03-07", 48, 40, "合格"], name="second.csv"))
    assert where(result.problems) == [(2, "编号", "bad-id"), (2, "出勤学时", "leave-over-limit")]


def test_online_row_reports_a_bad_id_and_too_many_hours(tmp_path: Path, ledger: Ledger) -> None:
    path = make_csv(tmp_path, [ONLINE_HEADER, ["1.10105E+17", "", "数字政府建设", 3, 5, "2026-02-11"]],
                    name="platform.csv")
    result = run_import(ledger, path)
    assert where(result.problems) == [(2, "学员编号", "bad-id"), (2, "完成学时", "bad-number")]
    assert result.added == 0


# ---- online platform exports -----------------------------------------------------------------


def test_online_export_is_detected_and_read(tmp_path: Path, ledger: Ledger) -> None:
    path = make_csv(tmp_path, [ONLINE_HEADER,
                               ["C1", "测试张三", "习近平新时代中国特色社会主义思想", 3, 3, "2026-02-10 10:31:00"],
                               ["C1", "测试张三", "数字政府建设", 4, 2, "2026-02-11"],
                               ["C2", "测试李四", "数字政府建设", 4, 0, ""]], name="platform.csv")
    result = run_import(ledger, path)
    assert (result.files[0].kind, result.added, result.files[0].absent, result.problems) == ("online", 2, 1, [])
    full, partial = cadre_records(ledger, "C1")
    assert (full.delivery, full.topic_id, full.end_date, full.completed) == (
        "online", "theory-xi", D(2026, 2, 10), True)
    assert (partial.hours, partial.attended_hours, partial.completed) == (4, 2, False)
    assert hours_in_year(ledger, "C1", 2026) == 3


def test_every_missing_column_is_said_in_chinese_on_its_own(tmp_path: Path, ledger: Ledger) -> None:
    """Three columns missing, two with a near miss: each fault one Chinese clause, the near miss its own."""
    from needscli.wording import in_chinese

    path = make_csv(tmp_path, [["编号", "姓名", "已参加培训", "本年度学时"], ["C1", "", "是", "12"]], name="记录.csv")
    with pytest.raises(NeedsError) as caught:
        run_import(ledger, path)
    assert in_chinese(caught.value.message) == (
        "记录.csv：第 1 行表头：缺少「培训主题」列（是否指「已参加培训」？）；缺少「结束日期」或「开始日期」列；"
        "缺少「学时」或「天数」列（是否指「本年度学时」？）")


def test_a_roster_imported_by_mistake_is_said_to_be_one(tmp_path: Path, ledger: Ledger) -> None:
    from needscli.wording import in_chinese

    header = ["编号", "姓名", "单位", "现任职务", "职级", "本年度学时", "已参加培训"]
    path = make_workbook(tmp_path, {"干部花名册": [["某市干部花名册"], header, ["C1", "张三", "市财政局", "科长", "乡科级正职", 12, ""]]},
                         name="cadres.xlsx")
    with pytest.raises(NeedsError) as caught:
        run_import(ledger, path)
    assert caught.value.message == (
        "cadres.xlsx, sheet 干部花名册: header row 2 is a roster's header (编号, 姓名, 单位, 现任职务, 职级), not training "
        "records; import the class-rosters.xlsx with 签到 or 出勤学时 filled in, an online platform's export, or a "
        "records sheet (编号, 培训主题, 开始日期, 结束日期, 学时)")
    assert in_chinese(caught.value.message) == (
        "cadres.xlsx，工作表「干部花名册」：第 2 行是花名册的表头（编号、姓名、单位、现任职务、职级），不是培训记录；请导入填好"
        "签到或出勤学时的 class-rosters.xlsx、网络学习平台导出的记录，或培训记录表（编号、培训主题、开始日期、结束日期、学时）")
    english = make_csv(tmp_path, [["Cadre ID", "Name", "Unit", "Post", "Level"], ["C1", "Li", "Finance", "Clerk", "L1"]],
                       name="roster.csv")
    with pytest.raises(NeedsError, match=r"header row 1 is a roster's header \(Cadre ID, Name, Unit, Post, Level\)"):
        run_import(ledger, english)  # no records header at all: a roster all the same
    # a records sheet that names its cadres as a roster does, one column short: the column it lacks is named
    records = make_csv(tmp_path, [[*header[:5], "培训主题", "结束日期", "课时"], ["C1", "张三", "市财政局", "科长",
                                                                          "乡科级正职", "法治", "2026-03-01", "8"]],
                       name="records.csv")
    with pytest.raises(NeedsError, match='no "学时" \\(Hours\\) or "天数" \\(Days\\) column'):
        run_import(ledger, records)
    assert ledger.dump() == []


def test_online_columns_come_from_the_config(tmp_path: Path, ledger: Ledger) -> None:
    settings = LedgerConfig(online_columns={"账号": "cadre_id", "课程": "topic", "已获学时": "attended_hours",
                                            "结课日期": "end_date"})
    path = make_csv(tmp_path, [["账号", "课程", "已获学时", "结课日期"], ["C1", "法治", 2.5, "2026-03-01"]])
    result = run_import(ledger, path, settings=settings)
    assert (result.files[0].kind, result.added) == ("online", 1)
    assert cadre_records(ledger, "C1")[0].attended_hours == 2.5


def test_online_column_mapping_to_unknown_field_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown field"):
        LedgerConfig(online_columns={"学员编号": "person"})


def test_ledger_section_of_the_config_file(tmp_path: Path) -> None:
    path = tmp_path / "needscli.toml"
    path.write_text('[hours]\nannual_required = 80\n[ledger]\nonline_columns = {"账号" = "cadre_id"}\n'
                    '[inputs]\nroster = "x.xlsx"\n', encoding="utf-8")
    config = load_config(path)
    assert (config.hours.annual_required, config.ledger.online_columns) == (80, {"账号": "cadre_id"})
    path.write_text('[ledger]\nonline_columns = {"账号" = "who"}\n', encoding="utf-8")
    with pytest.raises(NeedsError, match="ledger.online_columns"):
        load_config(path)


# ---- the ledger file is made only for records to add ------------------------------------------------


def test_the_ledger_is_made_only_when_an_import_has_records_to_add(tmp_path: Path) -> None:
    from builders import IMPORTED, catalog

    from needscli.config import Config
    from needscli.records.imports import import_into

    path = tmp_path / "ledger" / "needscli-ledger.db"
    path.parent.mkdir()
    unusable = make_workbook(tmp_path, {"Sheet1": [["甲", "乙"], [1, 2]]}, name="other.xlsx")
    with pytest.raises(NeedsError, match="no records table found"):
        import_into(path, [unusable], Config(), catalog(), imported_at=IMPORTED)
    bad = records_csv(tmp_path, ["C1", "", "法治", "集中", "2026-03-01", "2026-03-07", "x", "", ""], name="bad.csv")
    rejected = import_into(path, [bad], Config(), catalog(), imported_at=IMPORTED)
    assert (rejected.added, [f.rejected for f in rejected.files], rejected.dry_run) == (0, [True], False)
    dry = import_into(path, [records_csv(tmp_path, *good_rows())], Config(), catalog(), dry_run=True,
                      imported_at=AFTER)
    assert (dry.added, dry.dry_run) == (3, True)
    assert list(path.parent.iterdir()) == []  # no ledger, no -wal, no -shm
    blank = make_class_rosters(tmp_path, [{"id": "K001", "topic": "法治", "period": "2026-06", "hours": 48,
                                           "seats": [seat("C1"), seat("C2")]}])  # not held yet: nobody signed
    nothing = import_into(path, [blank], Config(), catalog(), imported_at=IMPORTED)
    assert (nothing.added, [f.blank_classes for f in nothing.files], nothing.dry_run) == (0, [["K001"]], False)
    assert list(path.parent.iterdir()) == []  # nothing to add: still no ledger
    added = import_into(path, [records_csv(tmp_path, *good_rows())], Config(), catalog(), imported_at=AFTER)
    assert added.added == 3
    assert [p.name for p in path.parent.iterdir()] == ["needscli-ledger.db"]
    again = import_into(path, [records_csv(tmp_path, *good_rows())], Config(), catalog(), imported_at=AFTER)
    assert (again.added, again.unchanged) == (0, 3)


# ---- rows that cannot be a training -------------------------------------------------------------

PLAUSIBLE_HEADER = ["编号", "姓名", "培训主题", "开始日期", "结束日期", "学时", "天数"]


def test_impossible_rows_are_held_back_with_a_warning_and_the_rest_imported(tmp_path: Path, ledger: Ledger) -> None:
    path = records_csv(tmp_path,
                       ["C1", "", "党性教育", "2026-03-01", "2026-03-05", 30, ""],  # 5 days, 6 h a day
                       ["C2", "", "党性教育", "2026-03-01", "2026-03-05", 60, ""],  # up to 2 x 6 h a day: kept
                       ["C3", "", "党性教育", "2026-03-01", "2026-03-05", 999999999, ""],
                       ["C4", "", "党性教育", "1900-01-01", "2999-12-31", 30, ""],  # 401,767 days
                       ["C5", "", "党性教育", "2026-03-01", "2026-03-05", "", 12],  # 12 days in a span of 5
                       ["C6", "", "党性教育", "", "2026-03-05", 5000, ""],  # no span: at most the longest training's
                       ["C7", "", "党性教育", "2026-03-01", "2026-03-05", 61, ""],
                       header=PLAUSIBLE_HEADER)
    result = run_import(ledger, path)
    assert [(p.row, p.column, p.code, p.severity) for p in result.problems] == [
        (4, "学时", "implausible-hours", "warning"), (5, "结束日期", "implausible-dates", "warning"),
        (6, "天数", "implausible-days", "warning"), (7, "学时", "implausible-hours", "warning"),
        (8, "学时", "implausible-hours", "warning")]
    assert result.problems[0].message == (
        'row 4, column "学时": is 999999999 hours, more than 5 day(s) of training hold; this row was not recorded: fix '
        "it and import the file again; expected at most 60 hours (6 h a day by hours.day_hours, times 2 by [ledger] "
        "day_hours_slack)")
    assert "makes the training 401767 days long, from 1900-01-01 to 2999-12-31" in result.problems[1].message
    assert "is 12 days, more than the 5 days from 2026-03-01 to 2026-03-05" in result.problems[2].message
    assert (result.added, result.files[0].held_back, result.files[0].rejected) == (2, 5, False)
    assert [hours_in_year(ledger, c, 2026) for c in ("C1", "C2", "C3", "C4")] == [30, 60, 0, 0]


def test_the_slack_and_the_longest_training_come_from_the_config(tmp_path: Path, ledger: Ledger) -> None:
    path = records_csv(tmp_path, ["C1", "", "党性教育", "2026-03-01", "2026-03-05", 40, ""],
                       ["C2", "", "党性教育", "2026-01-01", "2026-12-31", 600, ""], header=PLAUSIBLE_HEADER)
    config = Config(ledger=LedgerConfig(day_hours_slack=1.2, max_training_days=300))
    result = run_import(ledger, path, config=config)
    assert where(result.problems) == [(2, "学时", "implausible-hours"), (3, "结束日期", "implausible-dates")]
    assert result.added == 0


def test_a_records_sheets_id_off_the_roster_and_a_topic_off_the_catalog_are_warned_of(tmp_path: Path,
                                                                                       ledger: Ledger) -> None:
    path = records_csv(tmp_path, ["C1", "", "党性教育", "2026-03-01", "2026-03-05", 30, ""],
                       ["C9999", "", "党性教育", "2026-03-01", "2026-03-05", 30, ""],
                       ["C2", "", "不存在的主题XYZ", "2026-03-01", "2026-03-05", 30, ""], header=PLAUSIBLE_HEADER)
    result = run_import(ledger, path, roster={"C1": "测试甲", "C2": "测试乙"})
    assert [(p.row, p.column, p.code, p.severity) for p in result.problems] == [
        (4, "培训主题", "unknown-topic", "warning"), (3, "编号", "not-on-roster", "warning")]
    assert "its training was recorded all the same" in result.problems[1].message
    assert (result.added, result.files[0].off_roster) == (3, 1)  # both recorded, as a sign-in sheet's seat is


def test_a_date_past_the_years_a_run_takes_is_a_bad_date(tmp_path: Path, ledger: Ledger) -> None:
    """9999-12-29 is read as no date at all, as 2026-13-01 is: an error at its cell, the file not imported (an import
    is one transaction), the value quoted as written."""
    path = records_csv(tmp_path, ["C1", "", "党性教育", "9999-12-25", "9999-12-29", 30, ""], header=PLAUSIBLE_HEADER)
    result = run_import(ledger, path)
    assert where(result.problems) == [(2, "开始日期", "bad-date"), (2, "结束日期", "bad-date")]
    assert '"9999-12-29" is not a date from 1900 to 2999' in result.problems[1].message
    assert result.added == 0 and result.files[0].rejected


def test_a_training_ending_after_the_import_date_is_held_back_until_it_has_ended(tmp_path: Path,
                                                                                ledger: Ledger) -> None:
    """A course only planned, or a year mistyped (2027 for 2017), is no training attended: stored, it would count as
    one once an analysis date passed it. Such a row is held back with a warning at its date cell (the start date's
    where it gives no end), the rest of the file imported; the file imported again once it has ended adds it."""
    path = records_csv(tmp_path, ["C1", "", "党性教育", "2026-03-01", "2026-03-07", 48, ""],
                       ["C2", "", "党性教育", "2027-03-01", "2027-03-07", 48, ""],  # planned
                       ["C3", "", "法治", "2027-06-01", "", 12, ""],  # a start date alone
                       ["C4", "", "法治", "2026-12-01", "2026-12-07", 30, ""],  # ends on the import date: ended
                       header=PLAUSIBLE_HEADER)
    dry = run_import(ledger, path, imported_at=D(2026, 12, 7), dry_run=True)
    assert [(p.row, p.column, p.cell, p.code, p.severity) for p in dry.problems] == [
        (3, "结束日期", "E3", "training-not-ended", "warning"), (4, "开始日期", "D4", "training-not-ended", "warning")]
    assert (dry.added, dry.files[0].not_ended_rows, ledger.dump()) == (2, 2, [])
    result = run_import(ledger, path, imported_at=D(2026, 12, 7))
    assert result.problems == dry.problems
    assert {(p.file, p.sheet) for p in result.problems} == {("records.csv", "records")}
    assert result.problems[0].message == (
        'row 3, column "结束日期": 2027-03-07 is after the import date, 2026-12-07: the training had not ended by then, '
        "so it cannot have been attended (a course planned, or a year mistyped); this row was not recorded; expected "
        "the file imported again once the training has ended (its rows recorded already are not added again), or the "
        "date corrected where it was mistyped")
    assert in_chinese(result.problems[0].message) == (
        "第 3 行「结束日期」列：2027-03-07 晚于导入日期 2026-12-07：培训届时尚未结束，不可能已参加（可能是计划中的培训，或年份写错）；"
        "该行未记入台账；应为：培训结束后重新导入该文件（已记入台账的行不会重复记入）；日期写错的，改正后重新导入")
    summary = result.files[0]
    assert (summary.added, summary.not_ended_rows, summary.held_back, summary.rejected) == (2, 2, 0, False)
    assert [len(cadre_records(ledger, c)) for c in ("C1", "C2", "C3", "C4")] == [1, 0, 0, 1]
    assert hours_in_year(ledger, "C2", 2027) == 0
    later = run_import(ledger, path, imported_at=D(2027, 3, 8))
    assert [(p.row, p.code) for p in later.problems] == [(4, "training-not-ended")]
    assert (later.added, later.unchanged, later.files[0].not_ended_rows) == (1, 2, 1)
    assert hours_in_year(ledger, "C2", 2027) == 48


# ---- the same training twice -----------------------------------------------------------------


def test_a_class_imported_again_from_another_plans_sheets_is_not_counted_twice(tmp_path: Path,
                                                                               ledger: Ledger) -> None:
    """The class of a plan re-made mid-year, its sheets numbering it otherwise (K016 of the first, K002 of the second):
    a seat the ledger holds over the same days in that topic waits, said; the class's new members are recorded."""
    first = make_class_rosters(tmp_path, [{"id": "K016", "topic": "法治", "period": "2026-05", "hours": 48,
                                           "seats": [seat("C1", "✓")]}], name="plan1.xlsx")
    second = make_class_rosters(tmp_path, [{"id": "K002", "topic": "法治", "period": "2026-05", "hours": 48,
                                            "seats": [seat("C1", "✓"), seat("C2", "✓", name="测试李四")]}],
                                name="plan2.xlsx")
    run_import(ledger, first)
    result = run_import(ledger, second)
    assert [(p.sheet, p.row, p.code, p.severity) for p in result.problems] == [
        ("K002", 4, "same-training-twice", "warning")]
    assert (result.added, result.files[0].held_back) == (1, 0)  # nothing to correct where the ledger's is right
    assert [r.class_id for r in cadre_records(ledger, "C1")] == ["K016"]  # 48 hours, once
    assert hours_in_year(ledger, "C1", 2026) == 48
    assert [r.class_id for r in cadre_records(ledger, "C2")] == ["K002"]
    message = in_chinese(result.problems[0].message)
    assert "台账中已有此人同期（2026-05-01 至 2026-05-31）的「法治」培训（班次 K016，plan1.xlsx，工作表「K016」第 4 行）" in message
    assert "needscli records remove --source plan1.xlsx --cadre C1 --class K016 --yes" in message


def test_trainings_of_other_topics_or_online_over_the_same_days_are_each_recorded(tmp_path: Path,
                                                                                  ledger: Ledger) -> None:
    rows = [["C1", "测试张三", "党性教育", "集中", "2026-03-01", "2026-03-07", 48, "", ""],
            ["C1", "测试张三", "法治政府建设", "集中", "2026-03-05", "2026-03-06", 12, "", ""],  # a topic of its own
            ["C1", "测试张三", "党性教育", "网络", "2026-03-02", "2026-03-02", 3, "", ""]]  # online beside it
    result = run_import(ledger, records_csv(tmp_path, *rows))
    assert (result.added, result.problems) == (3, [])
    again = run_import(ledger, records_csv(tmp_path, ["C1", "测试张三", "党性教育", "集中", "2026-03-06", "2026-03-10",
                                                      30, "", ""], name="again.csv"))
    assert [(p.row, p.code) for p in again.problems] == [(2, "same-training-twice")]
    assert again.added == 0
    said = in_chinese(again.problems[0].message)
    assert "该行未记入台账" in said and "该席位" not in said
    # the ledger's record has no class id: the command that takes it out would take the cadre's others from that
    # file too, and is given so that it lists them first
    assert ("needscli records remove --source records.csv --cadre C1，不加 --yes 时先列出将删除的记录：该文件中此人的全部培训"
            "记录") in said


def test_a_blank_sheet_of_a_class_the_ledger_holds_from_its_signed_copy_is_said_so(tmp_path: Path,
                                                                                  ledger: Ledger) -> None:
    """The printed workbook imported after the copy signed: its blank sheet is no class "not held yet"."""
    classes = [{"id": "K001", "topic": "法治", "period": "2026-03", "hours": 48, "seats": [seat("C1", "✓")]},
               {"id": "K002", "topic": "党性教育", "period": "2026-04", "hours": 48, "seats": [seat("C1")]}]
    run_import(ledger, make_class_rosters(tmp_path, classes[:1], name="signed.xlsx"))
    blank = [{**c, "seats": [seat("C1")]} for c in classes]
    again = run_import(ledger, make_class_rosters(tmp_path, blank, name="printed.xlsx"))
    assert [(f.blank_held, f.blank_classes) for f in again.files] == [(["K001"], ["K002"])]
    assert again.added == 0
