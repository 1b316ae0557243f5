"""The ledger file: schema and migration, refusals, transactions, crashes, the hours queries and the facts
an analysis takes from it."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from builders import (
    add_records,
    catalog,
    hand_record,
    make_class_rosters,
    records_csv,
    run_import,
    seat,
)

import needscli.records.store as ledger_module
from needscli.config import Config
from needscli.errors import ExitCode, NeedsError
from needscli.models import Completion
from needscli.records.apply import apply_ledger
from needscli.records.store import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    Ledger,
    TrainingRecord,
    cadre_ids,
    cadre_records,
    completions,
    hours_in_window,
    hours_in_year,
    ledger_facts,
    open_ledger,
    record_days,
    record_faults,
    years_before,
)

D = dt.date
RECORDS_HEADER_DAYS = ["编号", "姓名", "培训主题", "培训方式", "开始日期", "结束日期", "学时", "出勤学时", "结果",
                       "天数", "机构类型"]


# ---- the file --------------------------------------------------------------------------------


def test_new_ledger_is_versioned_wal_and_marked(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    open_ledger(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_reopening_keeps_records(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    with open_ledger(path) as first:
        add_records(first, hand_record("C1", D(2026, 3, 1), 8))
    with open_ledger(path, create=False) as second:
        assert [r.hours for r in cadre_records(second, "C1")] == [8]


def test_ledger_from_a_newer_needscli_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    open_ledger(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(NeedsError, match="written by a newer needscli") as caught:
        open_ledger(path)
    assert caught.value.exit_code == ExitCode.INPUT_UNUSABLE
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1


def test_other_sqlite_database_and_non_database_are_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    with pytest.raises(NeedsError, match="是 SQLite 数据库，但不是 needscli 台账"):
        open_ledger(other)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database at all, just text that is long enough" * 20)
    with pytest.raises(NeedsError, match="not a readable ledger"):
        open_ledger(junk)


@pytest.mark.parametrize("create", [True, False])
def test_a_folder_given_as_the_ledger_is_named_a_folder(tmp_path: Path, create: bool) -> None:
    folder = tmp_path / "台账"
    folder.mkdir()
    with pytest.raises(NeedsError) as caught:
        open_ledger(folder, create=create)
    assert caught.value.message == (f"{folder}：是文件夹，不是台账文件；请用 --ledger 指定台账文件本身，"
                                    f"如 --ledger {folder / 'needscli-ledger.db'}")
    with pytest.raises(NeedsError, match="is a folder, not a ledger file; give the ledger file itself"):
        open_ledger(folder, create=create, lang="en")
    assert list(folder.iterdir()) == []


def test_empty_database_file_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    sqlite3.connect(path).close()  # a zero-byte database, version 0
    with open_ledger(path) as opened:
        assert opened.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_new_ledger_and_its_wal_and_shm_files_are_for_their_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    old = os.umask(0)  # a permissive umask: SQLite alone would make them rw-r--r-- or wider
    try:
        with open_ledger(path) as opened:
            add_records(opened, hand_record("C1", D(2026, 3, 1), 8))
            files = sorted(tmp_path.iterdir())
            assert [p.name for p in files] == ["ledger.db", "ledger.db-shm", "ledger.db-wal"]
            assert {p.name: oct(p.stat().st_mode & 0o777) for p in files} == {
                "ledger.db": "0o600", "ledger.db-shm": "0o600", "ledger.db-wal": "0o600"}
    finally:
        os.umask(old)


@pytest.mark.parametrize("create", [True, False])
def test_an_empty_sqlite_database_is_not_taken_for_a_ledger(tmp_path: Path, create: bool) -> None:
    path = tmp_path / "empty.db"
    conn = sqlite3.connect(path)
    conn.execute("VACUUM")  # a database of one page: no table, no id
    conn.close()
    assert path.stat().st_size > 0
    with pytest.raises(NeedsError, match="empty.db：是 SQLite 数据库，但不是 needscli 台账") as caught:
        open_ledger(path, create=create)
    assert caught.value.exit_code == ExitCode.INPUT_UNUSABLE
    assert sqlite3.connect(path).execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0


def test_a_file_of_zero_bytes_is_a_new_ledger_only_when_creating(tmp_path: Path) -> None:
    path = tmp_path / "zero.db"
    path.write_bytes(b"")
    with pytest.raises(NeedsError, match="zero.db：是空文件，不是 needscli 台账"):
        open_ledger(path, create=False)
    assert path.read_bytes() == b""
    open_ledger(path).close()
    open_ledger(path, create=False).close()


@pytest.mark.parametrize("statement, missing", [("DROP TABLE records", "records"),
                                                ("ALTER TABLE sources DROP COLUMN rows", "sources.rows")])
def test_a_ledger_missing_a_table_or_column_is_named(tmp_path: Path, statement: str, missing: str) -> None:
    path = tmp_path / "ledger.db"
    open_ledger(path).close()
    conn = sqlite3.connect(path)
    conn.execute(statement)
    conn.close()
    with pytest.raises(NeedsError) as caught:
        open_ledger(path, create=False)
    assert caught.value.exit_code == ExitCode.INPUT_UNUSABLE
    assert caught.value.message == (f"{path}：台账不完整，缺少 {missing}（文件可能被其他程序改过）；请换用备份的台账，"
                                    "或用 --ledger 指定另一个台账")
    english = pytest.raises(NeedsError, open_ledger, path, lang="en")
    assert english.value.message.startswith(f"{path}: the ledger is incomplete, {missing} missing")


def test_a_ledger_with_damaged_pages_is_named(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    with open_ledger(path) as opened:
        add_records(opened, *[hand_record(f"C{i}", D(2026, 3, 1), 8, topic=f"法治{i}") for i in range(3000)])
    with open(path, "r+b") as handle:
        handle.seek(4096 * 8)
        handle.write(b"\xff" * 4096)
    for create in (True, False):
        with pytest.raises(NeedsError, match=r"ledger.db：台账文件已损坏（") as caught:
            open_ledger(path, create=create)
        assert caught.value.exit_code == ExitCode.INPUT_UNUSABLE


def test_missing_ledger_is_not_created_when_reading(tmp_path: Path) -> None:
    with pytest.raises(NeedsError, match="none.db：没有台账"):
        open_ledger(tmp_path / "none.db", create=False)
    assert not (tmp_path / "none.db").exists()


def test_missing_folder_is_an_output_failure(tmp_path: Path) -> None:
    with pytest.raises(NeedsError, match="does not exist") as caught:
        open_ledger(tmp_path / "no" / "such" / "ledger.db")
    assert caught.value.exit_code == ExitCode.OUTPUT_FAILED


# ---- transactions and crashes ----------------------------------------------------------------


def _three_rows(tmp_path: Path, name: str = "more.csv") -> Path:
    return records_csv(tmp_path, ["C7", "", "法治", "集中", "2026-03-01", "2026-03-02", 12, "", ""],
                       ["C8", "", "法治", "集中", "2026-03-01", "2026-03-02", 12, "", ""],
                       ["C9", "", "法治", "集中", "2026-03-01", "2026-03-02", 12, "", ""], name=name)


def test_failure_midway_through_an_import_changes_nothing(tmp_path: Path, ledger: Ledger,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    add_records(ledger, hand_record("C1", D(2026, 3, 1), 8))
    before = ledger.dump()
    real = ledger_module._insert_record
    calls = []

    def failing(conn: sqlite3.Connection, record: TrainingRecord) -> None:
        calls.append(record.cadre_id)
        if len(calls) == 3:
            raise RuntimeError("power cut")
        real(conn, record)

    monkeypatch.setattr(ledger_module, "_insert_record", failing)
    with pytest.raises(RuntimeError):
        run_import(ledger, _three_rows(tmp_path))
    assert calls == ["C7", "C8", "C9"]  # two rows were inserted before the failure ...
    assert ledger.dump() == before  # ... and rolled back with it


def test_killed_import_leaves_the_ledger_as_before(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    with open_ledger(path) as opened:
        add_records(opened, hand_record("C1", D(2026, 3, 1), 8))
        before = opened.dump()
    main_bytes = path.read_bytes()
    script = textwrap.dedent("""
        import datetime as dt, os, sys
        from pathlib import Path
        import needscli.records.store as L
        from needscli.io.catalog_file import build_catalog
        from needscli.config import Config
        from needscli.records.imports import import_records
        real, calls = L._insert_record, []
        def dying(conn, record):
            calls.append(1)
            if len(calls) == 3:
                os._exit(9)  # no rollback, no close: as if the process were killed
            real(conn, record)
        L._insert_record = dying
        ledger = L.open_ledger(Path(sys.argv[1]))
        import_records(ledger, [Path(sys.argv[2])], Config(), build_catalog([], 0.72),
                       imported_at=dt.date(2026, 5, 1))
    """)
    done = subprocess.run([sys.executable, "-c", script, str(path), str(_three_rows(tmp_path))],
                          capture_output=True, text=True)
    assert done.returncode == 9, done.stderr
    assert path.read_bytes() == main_bytes  # uncommitted pages never reach the database file
    with open_ledger(path) as reopened:
        assert reopened.dump() == before


def test_dry_run_transaction_is_rolled_back(tmp_path: Path, ledger: Ledger) -> None:
    before = ledger.dump()
    result = run_import(ledger, _three_rows(tmp_path), dry_run=True)
    assert (result.added, result.dry_run) == (3, True)
    assert ledger.dump() == before


# ---- counting hours --------------------------------------------------------------------------


def test_record_crossing_new_year_counts_in_the_year_it_ends(ledger: Ledger) -> None:
    add_records(ledger, hand_record("C1", D(2026, 1, 5), 48, start=D(2025, 12, 29)))
    assert hours_in_year(ledger, "C1", 2025) == 0
    assert hours_in_year(ledger, "C1", 2026) == 48
    assert hours_in_window(ledger, "C1", D(2025, 12, 31)) == 0
    assert hours_in_window(ledger, "C1", D(2026, 1, 5)) == 48


def test_five_year_window_edges(ledger: Ledger) -> None:
    add_records(ledger,
                hand_record("C1", D(2021, 12, 31), 100),  # just outside the window ending 2026-12-31
                hand_record("C1", D(2022, 1, 1), 40),  # first day inside
                hand_record("C1", D(2024, 6, 30), 60),
                hand_record("C1", D(2026, 12, 31), 30),  # last day inside
                hand_record("C1", D(2027, 1, 1), 999))  # after the end
    assert hours_in_window(ledger, "C1", D(2026, 12, 31)) == 130
    assert hours_in_window(ledger, "C1", D(2026, 12, 31), years=1) == 30
    assert hours_in_window(ledger, "C1", D(2025, 12, 31)) == 200
    assert [hours_in_year(ledger, "C1", y) for y in (2021, 2022, 2024, 2026, 2027)] == [100, 40, 60, 30, 999]


def test_the_five_year_figures_are_the_cycles_not_the_five_years_to_the_date(ledger: Ledger) -> None:
    """The roster's 五年累计学时 is the cycle's (2023-2027 from hours.cycle_start_year): a 540-hour, 90-day course of
    spring 2022 is the last cycle's, and a county-level leader without one since has 0 of the 550 h, not all of them."""
    add_records(ledger,
                hand_record("C1", D(2022, 5, 29), 540, start=D(2022, 3, 1)),
                hand_record("C1", D(2023, 1, 6), 30, start=D(2023, 1, 2)),  # the cycle's first week
                hand_record("C1", D(2028, 1, 7), 36, start=D(2028, 1, 2)))  # the next cycle's
    facts = ledger_facts(ledger, D(2026, 11, 1))["C1"]
    assert (facts.hours_five_year, facts.days_five_year) == (30, 5)
    assert ledger_facts(ledger, D(2027, 12, 31))["C1"].hours_five_year == 30  # the cycle's last day
    assert ledger_facts(ledger, D(2028, 3, 1))["C1"].hours_five_year == 36  # a new cycle counts from 0
    assert ledger_facts(ledger, D(2022, 12, 31))["C1"].hours_five_year == 540  # 2018-2022: the course counts
    # cycles as an office sets them: from 2021, 2026-2030 holds neither the 2022 course nor the 2023 one
    config = Config.model_validate({"hours": {"cycle_start_year": 2021}})
    assert ledger_facts(ledger, D(2026, 11, 1), config=config)["C1"].hours_five_year == 0


def test_window_ending_on_leap_day() -> None:
    assert years_before(D(2024, 2, 29), 5) == D(2019, 2, 28)
    assert years_before(D(2026, 12, 31), 5) == D(2021, 12, 31)


def test_credited_hours_attended_and_not_completed(ledger: Ledger) -> None:
    add_records(ledger,
                hand_record("C1", D(2026, 4, 7), 48, attended=44),  # leave within 1/7: attended hours count
                hand_record("C1", D(2026, 5, 7), 48, attended=40, completed=False),  # dropped: nothing counts
                hand_record("C2", D(2026, 5, 7), 12, delivery="online"))
    assert hours_in_year(ledger, "C1", 2026) == 44
    assert hours_in_year(ledger, "C2", 2026) == 12
    assert hours_in_year(ledger, "nobody", 2026) == 0


def test_days_converted_to_hours_in_records_crossing_years(tmp_path: Path, ledger: Ledger) -> None:
    path = records_csv(
        tmp_path,
        ["C1", "", "法治", "集中", "2025-12-28", "2026-01-02", "", "", "", 5, "党校"],
        ["C1", "", "数字政府", "集中", "2026-12-30", "2027-01-01", "", "", "", 3, "企业"],
        ["C1", "", "应急管理", "集中", "2026-06-01", "2026-06-02", "", "", "", 2, "高校"],
        header=RECORDS_HEADER_DAYS)
    assert run_import(ledger, path, imported_at=D(2027, 1, 2)).problems == []  # the day after the last ended
    assert [(r.end_date.year, r.hours) for r in cadre_records(ledger, "C1")] == [(2026, 30), (2026, 12), (2027, 24)]
    assert hours_in_year(ledger, "C1", 2025) == 0
    assert hours_in_year(ledger, "C1", 2026) == 42
    assert hours_in_window(ledger, "C1", D(2027, 1, 1)) == 66


def test_a_records_sheets_days_are_the_trainings_days_not_its_dates_span(tmp_path: Path, ledger: Ledger) -> None:
    """A class of 10 working days over two weeks (Monday 2 March to Friday 13 March) is 10 days, as its 天数 says, not
    the 12 of its calendar span; a row without 天数 counts its span; an online course counts none."""
    path = records_csv(tmp_path,
                       ["C1", "", "法治", "集中", "2026-03-02", "2026-03-13", "", "", "", 10, "党校"],
                       ["C2", "", "法治", "集中", "2025-12-22", "2026-01-05", 72, "", "", 12, "党校"],
                       ["C3", "", "法治", "集中", "2026-04-01", "2026-04-05", 30, "", "", "", "党校"],
                       ["C4", "", "网络课程", "网络", "2026-04-01", "2026-04-05", 10, "", "", 5, ""],
                       header=RECORDS_HEADER_DAYS)
    assert run_import(ledger, path).problems == []
    facts = ledger_facts(ledger, D(2026, 11, 1))
    assert (facts["C1"].hours_year, facts["C1"].days_year) == (60, 10)  # 12 days or 90 h a year: 2 days short
    assert (facts["C2"].hours_year, facts["C2"].days_year) == (72, 12)  # not the 15 days its dates span
    assert facts["C3"].days_year == 5
    assert (facts["C4"].days_year, facts["C4"].online_hours_year) == (None, 10)


def test_day_hours_come_from_the_config(tmp_path: Path, ledger: Ledger) -> None:
    config = Config.model_validate({"hours": {"day_hours": {"party-school": 7, "enterprise": 8, "default": 5}}})
    path = records_csv(tmp_path, ["C1", "", "法治", "集中", "2026-03-01", "2026-03-02", "", "", "", 2, "党校"],
                       ["C2", "", "法治", "集中", "2026-03-01", "2026-03-02", "", "", "", 2, ""],
                       header=RECORDS_HEADER_DAYS)
    run_import(ledger, path, config=config)
    assert (hours_in_year(ledger, "C1", 2026), hours_in_year(ledger, "C2", 2026)) == (14, 10)



# ---- completions and facts -------------------------------------------------------------------


def test_completions_are_completed_records_by_topic_id_or_text(ledger: Ledger) -> None:
    add_records(ledger,
                hand_record("C1", D(2025, 6, 1), 8, topic="法治政府建设", topic_id="rule-of-law"),
                hand_record("C1", D(2026, 2, 1), 8, topic="无人机驾驶"),
                hand_record("C1", D(2026, 3, 1), 8, topic="党性教育", topic_id="party-spirit", completed=False),
                hand_record("C2", D(2026, 3, 1), 8, topic="党性教育", topic_id="party-spirit"))
    assert completions(ledger) == {"C1": [("rule-of-law", D(2025, 6, 1)), ("无人机驾驶", D(2026, 2, 1))],
                                   "C2": [("party-spirit", D(2026, 3, 1))]}
    assert completions(ledger, D(2025, 12, 31)) == {"C1": [("rule-of-law", D(2025, 6, 1))]}


def test_ledger_facts_as_of_a_date(ledger: Ledger) -> None:
    add_records(ledger,
                hand_record("C1", D(2021, 5, 1), 100, topic_id="economy"),
                hand_record("C1", D(2025, 5, 1), 50, topic_id="rule-of-law"),
                hand_record("C1", D(2026, 3, 1), 20, topic_id="digital"),
                hand_record("C1", D(2026, 9, 1), 30, topic_id="risk"),  # after as_of: not yet
                hand_record("C2", D(2019, 1, 1), 10))
    facts = ledger_facts(ledger, D(2026, 6, 30))
    assert (facts["C1"].hours_year, facts["C1"].hours_five_year) == (20, 70)
    assert facts["C1"].completions == [Completion(topic="economy", date=D(2021, 5, 1)),
                                       Completion(topic="rule-of-law", date=D(2025, 5, 1)),
                                       Completion(topic="digital", date=D(2026, 3, 1))]
    assert (facts["C2"].hours_year, facts["C2"].hours_five_year) == (0, 0)  # in the ledger, nothing recent


def test_ledger_facts_expand_the_theory_class_into_core_topics(ledger: Ledger) -> None:
    config = Config()
    topics = catalog(config)
    add_records(ledger, hand_record("C1", D(2026, 3, 31), 40, topic="理论教育和党性教育", topic_id=config.classes.core_class_topic))
    facts = ledger_facts(ledger, D(2026, 6, 30), config=config, catalog=topics)
    assert [c.topic for c in facts["C1"].completions] == [t.id for t in topics.core]
    assert facts["C1"].hours_year == 40


# ---- concentrated hours and days, online apart (2023 Regulations Art. 14) ----------------------


def test_ledger_facts_keep_online_hours_apart(ledger: Ledger) -> None:
    add_records(ledger, hand_record("C1", D(2026, 4, 1), 8),
                hand_record("C1", D(2026, 6, 1), 100, delivery="online", topic="网络课程"),
                hand_record("C1", D(2026, 7, 1), 20, delivery="overseas", start=D(2026, 6, 29)))
    facts = ledger_facts(ledger, D(2026, 12, 31))["C1"]
    assert (facts.hours_year, facts.hours_five_year, facts.online_hours_year) == (28, 28, 100)
    # only the dated overseas record has days (29 June to 1 July: 3); the undated 8 h and the online 100 h add none
    assert facts.days_year == facts.days_five_year == 3


def test_days_are_calendar_days_when_both_dates_are_known(ledger: Ledger) -> None:
    add_records(ledger,
                hand_record("C1", D(2026, 3, 7), 36, start=D(2026, 3, 2)),  # 6 party-school days
                hand_record("C1", D(2026, 5, 9), 36, start=D(2026, 5, 4)),
                hand_record("C2", D(2026, 1, 2), 30, start=D(2025, 12, 28)),  # 6 days, all in 2026
                hand_record("C3", D(2026, 4, 7), 42, start=D(2026, 4, 1), attended=36),  # 7 days, 6/7 attended
                hand_record("C3", D(2026, 5, 7), 42, start=D(2026, 5, 1), attended=30, completed=False),
                hand_record("C4", D(2026, 4, 7), 30, start=D(2026, 4, 1), delivery="online"),
                hand_record("C5", D(2026, 5, 7), 42, start=D(2026, 5, 1), attended=30, completed=False))
    facts = ledger_facts(ledger, D(2026, 12, 31))
    assert (facts["C1"].hours_year, facts["C1"].days_year) == (72, 12)
    assert (facts["C2"].days_year, facts["C2"].days_five_year) == (6, 6)
    assert facts["C3"].days_year == 6  # 7 calendar days x 36/42; the dropped class counts no days
    # an online record counts no days, even with both dates: C4 has no concentrated days on the ledger
    assert (facts["C4"].hours_year, facts["C4"].days_year, facts["C4"].online_hours_year) == (0, None, 30)
    # a dated class dropped: its days are known, and they are 0
    assert (facts["C5"].hours_year, facts["C5"].days_year) == (0, 0)
    assert ledger_facts(ledger, D(2025, 12, 31))["C2"].days_year is None  # it ends in 2026: nothing dated in 2025


def test_records_without_a_start_date_add_hours_and_no_days(ledger: Ledger) -> None:
    """Hours are not turned into days: 90 undated hours are 90 h towards the standard, not 15 days."""
    add_records(ledger, hand_record("C1", D(2026, 4, 1), 48),
                hand_record("C1", D(2026, 5, 1), 48, attended=42),
                hand_record("C1", D(2021, 5, 1), 60))  # the last cycle's (2018-2022), not this one's
    facts = ledger_facts(ledger, D(2026, 12, 31))["C1"]
    assert (facts.hours_year, facts.hours_five_year, facts.days_year, facts.days_five_year) == (90, 90, None, None)
    eight = Config.model_validate({"hours": {"day_hours": {"party-school": 6, "enterprise": 8, "default": 8}}})
    facts = ledger_facts(ledger, D(2026, 12, 31), config=eight)["C1"]
    assert (facts.days_year, facts.days_five_year) == (None, None)  # the length of a day changes nothing
    earlier = ledger_facts(ledger, D(2026, 4, 30), config=eight)["C1"]
    assert (earlier.hours_five_year, earlier.days_five_year) == (48, None)
    # one dated record among them: the days are its calendar days alone (1 to 5 June), the hours all of them
    add_records(ledger, hand_record("C1", D(2026, 6, 5), 30, start=D(2026, 6, 1), row=9))
    facts = ledger_facts(ledger, D(2026, 12, 31))["C1"]
    assert (facts.hours_year, facts.days_year, facts.days_five_year) == (120, 5, 5)


def test_class_roster_periods_are_not_the_class_days(tmp_path: Path, ledger: Ledger) -> None:
    """The class rosters needscli wrote date a class by its plan period (a month): they add its hours, no days."""
    classes = [{"id": "K001", "topic": "法治政府建设", "period": "2026-06", "hours": 48,
                "seats": [seat("C1", "√"), seat("C2", "", 42)]}]
    assert run_import(ledger, make_class_rosters(tmp_path, classes)).problems == []
    assert [(r.start_date, r.end_date) for r in cadre_records(ledger, "C1")] == [(D(2026, 6, 1), D(2026, 6, 30))]
    facts = ledger_facts(ledger, D(2026, 12, 31))
    # C1 took the whole 48 h, C2 42 (leave of 6 h, below 1/7): hours, but not 30 days, nor 8 or 7
    assert (facts["C1"].hours_year, facts["C2"].hours_year) == (48, 42)
    assert (facts["C1"].days_year, facts["C2"].days_year) == (None, None)
    assert record_days(ledger, "C1") == [0]


def test_online_hours_are_unknown_until_the_ledger_holds_online_learning_of_the_year(ledger: Ledger) -> None:
    add_records(ledger, hand_record("C1", D(2026, 4, 1), 8), hand_record("C2", D(2025, 6, 1), 40, delivery="online"))
    assert ledger_facts(ledger, D(2026, 12, 31))["C1"].online_hours_year is None  # no online record of 2026
    add_records(ledger, hand_record("C2", D(2026, 6, 1), 12, delivery="online", row=9))
    facts = ledger_facts(ledger, D(2026, 12, 31))
    assert (facts["C1"].online_hours_year, facts["C2"].online_hours_year) == (0, 12)


def test_show_days_per_record(ledger: Ledger) -> None:
    add_records(ledger, hand_record("C1", D(2026, 3, 7), 36, start=D(2026, 3, 2)),
                hand_record("C1", D(2026, 4, 1), 9), hand_record("C1", D(2026, 5, 1), 9, delivery="online"),
                hand_record("C1", D(2026, 6, 1), 9, completed=False),
                hand_record("C1", D(2026, 7, 7), 42, start=D(2026, 7, 1), attended=24))
    # 2 to 7 March: 6; undated 9 h: no days (shown 0); online: 0; not completed: 0; 7 days x 24/42 = 4
    assert record_days(ledger, "C1") == [6, 0, 0, 0, 4]


# ---- a ledger edited by hand -----------------------------------------------------------------


def _edited(ledger: Ledger, statement: str) -> None:
    """A record changed behind needscli's back, as DB Browser for SQLite lets anyone do (CHECK (hours >= 0) lets text in)."""
    ledger.conn.execute(statement)


def test_a_record_edited_by_hand_is_named_and_counts_nowhere(ledger: Ledger) -> None:
    add_records(ledger,
                hand_record("C1", D(2026, 4, 7), 48, start=D(2026, 4, 1)),
                hand_record("C1", D(2026, 5, 7), 12, start=D(2026, 5, 6)),
                hand_record("C2", D(2026, 5, 7), 30, start=D(2026, 5, 3)),
                hand_record("C3", D(2026, 6, 1), 6),
                hand_record("C4", D(2026, 6, 9), 6, start=D(2026, 6, 8)))
    _edited(ledger, "UPDATE records SET end_date = '2026-13-45' WHERE id = 1")
    _edited(ledger, "UPDATE records SET hours = 'abc', attended_hours = 'x' WHERE id = 3")
    _edited(ledger, "UPDATE records SET end_date = '' WHERE id = 4")
    _edited(ledger, "UPDATE records SET start_date = '2026-07-01' WHERE id = 5")  # after its end: negative days
    faults = record_faults(ledger)
    assert [(p.row, p.column, p.code, p.severity) for p in faults] == [
        (1, "end_date", "unreadable-record", "warning"), (3, "hours", "unreadable-record", "warning"),
        (3, "attended_hours", "unreadable-record", "warning"), (4, "end_date", "unreadable-record", "warning"),
        (5, "start_date", "unreadable-record", "warning")]
    assert faults[0].file == str(ledger.path)
    assert faults[0].message.startswith('ledger record 1 (imported from hand.csv, sheet hand, row 2; cadre C1), '
                                        'column "end_date": "2026-13-45" cannot be read')
    assert '"abc" cannot be read' in faults[1].message and "empty cannot be read" in faults[3].message
    # the others count, the edited ones nowhere: neither 0 hours read from 'abc' nor days from a bad date
    assert [r.hours for r in cadre_records(ledger, "C1")] == [12]
    assert hours_in_year(ledger, "C1", 2026) == 12 and hours_in_year(ledger, "C2", 2026) == 0
    facts = ledger_facts(ledger, D(2026, 12, 31))
    assert sorted(facts) == ["C1"]
    assert (facts["C1"].hours_year, facts["C1"].days_year) == (12, 2)
    assert cadre_ids(ledger) == ["C1"] and cadre_ids(ledger, readable=False) == ["C1", "C2", "C3", "C4"]
    assert [p.row for p in record_faults(ledger, cadre_id="C2")] == [3, 3]


def test_a_ledger_edited_by_hand_stops_analyze_naming_each_record(tmp_path: Path, ledger: Ledger) -> None:
    add_records(ledger, hand_record("C1", D(2026, 4, 7), 48), hand_record("C2", D(2026, 4, 7), 48))
    _edited(ledger, "UPDATE records SET hours = 'abc' WHERE id = 2")
    assert ledger.path is not None
    with pytest.raises(NeedsError) as raised:
        apply_ledger([], ledger.path, D(2026, 12, 31), Config(), catalog())
    assert raised.value.exit_code == ExitCode.INPUT_UNUSABLE
    assert [(p.row, p.column, p.severity) for p in raised.value.problems] == [(2, "hours", "error")]
    assert 'ledger record 2 (imported from hand.csv, sheet hand, row 3; cadre C2), column "hours"' in raised.value.message
