"""`needscli records ...` wiring: exit codes, dry runs, messages, the exported register."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import openpyxl
import pytest
from builders import (
    CANARY_ID,
    SAMPLES,
    make_class_rosters,
    make_workbook,
    records_csv,
    roster,
    run_analyze,
    run_cli,
    seat,
)
from click.testing import Result

from needscli.records.store import DEFAULT_NAME, SCHEMA_VERSION, open_ledger


def run_records(*args: str | Path) -> Result:
    """needscli records with the given arguments."""
    return run_cli("records", *args)


def rows() -> list[list[object]]:
    return [["C1", "", "党性教育", "集中", "2026-03-01", "2026-03-07", 48, 44, "合格"],
            ["C2", "", "法治", "网络", "2026-04-01", "2026-04-01", 6, "", ""]]


@pytest.mark.parametrize("command", [[], ["import"], ["show"], ["summary"], ["export"]])
def test_every_command_has_an_example(command: list[str]) -> None:
    result = run_records(*command, "--help")
    assert result.exit_code == 0
    assert "Example: needscli records" in result.output


def test_import_then_again(tmp_path: Path) -> None:
    path = records_csv(tmp_path, *rows())
    first = run_records("import", path, "--date", "2026-05-01")
    assert first.exit_code == 0, first.output
    assert "records.csv (records): added 2, 0 already in the ledger" in first.output
    ledger = tmp_path / DEFAULT_NAME  # beside the first input
    assert ledger.exists()
    second = run_records("import", path, "--ledger", ledger, "--format", "json")
    assert second.exit_code == 0
    assert json.loads(second.stdout)["added"] == 0


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    path = records_csv(tmp_path, *rows())
    ledger = tmp_path / "l.db"
    result = run_records("import", path, "--ledger", ledger, "--dry-run")
    assert result.exit_code == 0
    assert "would add 2" in result.output and "nothing written" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["records.csv"]
    run_records("import", records_csv(tmp_path, rows()[0], name="first.csv"), "--ledger", ledger)
    before = ledger.read_bytes()
    assert run_records("import", path, "--ledger", ledger, "--dry-run").exit_code == 0
    assert ledger.read_bytes() == before
    with open_ledger(ledger) as opened:
        assert len(opened.dump()) == 2  # one record, one source


def test_bad_row_exits_1_and_names_the_cell(tmp_path: Path) -> None:
    path = records_csv(tmp_path, [CANARY_ID, "", "法治", "集中", "2026-03-01", "2026-03-01", "x", "", ""])
    result = run_records("import", path, "--ledger", tmp_path / "l.db")
    assert result.exit_code == 1
    assert "not imported" in result.output and "G2" in result.output and "bad-number" in result.output
    assert CANARY_ID not in result.output


def test_unusable_inputs_exit_2(tmp_path: Path) -> None:
    missing = run_records("import", tmp_path / "nope.csv", "--ledger", tmp_path / "l.db")
    assert missing.exit_code == 2
    assert "Error: nope.csv: file not found" in missing.output
    assert "Traceback" not in missing.output
    ledger = tmp_path / "l.db"
    open_ledger(ledger).close()
    conn = sqlite3.connect(ledger)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    newer = run_records("import", records_csv(tmp_path, *rows()), "--ledger", ledger)
    assert newer.exit_code == 2
    assert "written by a newer needscli" in newer.output
    assert run_records("show", "C1", "--ledger", tmp_path / "none.db").exit_code == 2


def test_show_lists_records_and_totals(tmp_path: Path) -> None:
    run_records("import", records_csv(tmp_path, *rows()))
    result = run_records("show", "C1", "--ledger", tmp_path / DEFAULT_NAME, "--as-of", "2026-12-31")
    assert result.exit_code == 0
    assert "1 record(s)" in result.output
    assert "Hours in 2026 (to 2026-12-31): 44; in the five years to 2026-12-31: 44" in result.output
    data = json.loads(run_records("show", "C1", "--ledger", tmp_path / DEFAULT_NAME, "--format", "json",
                             "--as-of", "2026-12-31").stdout)
    assert [(r["topic"], r["end_date"], r["credited"]) for r in data["records"]] == [("党性教育", "2026-03-07", 44)]
    none = run_records("show", "C9", "--ledger", tmp_path / DEFAULT_NAME)
    assert (none.exit_code, none.output) == (0, "No records of this id in the ledger.\n")


def _roster(tmp_path: Path) -> Path:
    return make_workbook(tmp_path, {"花名册": roster(["C1", "测试张三", "市发改委", "处长", "县处级正职"],
                                                     ["C2", "测试李四", "市财政局", "科员", "一级主任科员"])})


def test_summary_by_unit_needs_a_roster(tmp_path: Path) -> None:
    run_records("import", records_csv(tmp_path, *rows()))
    roster_path = _roster(tmp_path)
    by_unit = run_records("summary", "--year", "2026", "--roster", roster_path, "--format", "json")
    assert by_unit.exit_code == 0, by_unit.output
    data = json.loads(by_unit.stdout)
    assert [(r["group"], r["hours"], r["below"]) for r in data["rows"]] == [("市发改委", 44, 1), ("市财政局", 6, 1)]
    plain = run_records("summary", "--year", "2026", "--ledger", tmp_path / DEFAULT_NAME)
    assert plain.exit_code == 0
    assert "grouped by cadre" in plain.output


def test_export_writes_the_register(tmp_path: Path) -> None:
    classes = [{"id": "K001", "topic": "法治政府建设", "period": "2026-06", "hours": 48,
                "seats": [seat("C1", "√"), seat("C2", "", 30)]}]
    assert run_records("import", make_class_rosters(tmp_path, classes)).exit_code == 0
    out = tmp_path / "学时登记.xlsx"
    result = run_records("export", out, "--year", "2026", "--roster", _roster(tmp_path))
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(out)["学时登记"]
    assert ws["A1"].value == "2026年度干部教育培训学时登记表"
    assert [c.value for c in ws[4]][:5] == ["编号", "姓名", "单位", "职级", "本年度学时"]
    assert [c.value for c in ws[5]] == ["C1", "测试张三", "市发改委", "县处级正职", 48, 48, 0, 0, 48, "五年550学时",
                                        550, 502, "法治政府建设(2026-06-30)", None]
    assert [c.value for c in ws[6]][:12] == ["C2", "测试李四", "市财政局", "一级主任科员", 0, 0, 0, 0, 0,
                                            "每年90学时", 90, 90]


def test_export_that_cannot_be_written_exits_3(tmp_path: Path) -> None:
    run_records("import", records_csv(tmp_path, *rows()))
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run_records("export", blocker / "out.xlsx", "--ledger", tmp_path / DEFAULT_NAME)
    assert result.exit_code == 3
    assert result.output.startswith("Error: ")


def test_records_import_cli_on_the_class_rosters_analyze_wrote(tmp_path: Path) -> None:
    """The tester's case: the samples' class-rosters.xlsx, one row of C001 with 签到 abc and 70 hours."""
    out = tmp_path / "out"
    ran = run_analyze(SAMPLES, "--as-of", "2026-11-01", "-o", out, "--quiet")
    assert ran.exit_code == 0, ran.output
    book = openpyxl.load_workbook(out / "class-rosters.xlsx")
    ws = book["C001"]
    assert (ws["G3"].value, ws["H3"].value, book["班次总览"]["J2"].value) == ("签到", "出勤学时", 68)
    ws["G4"], ws["H4"] = "abc", 70
    signed = tmp_path / "signed.xlsx"
    book.save(signed)
    result = run_records("import", signed, "--ledger", tmp_path / "l.db", "--format", "json")
    assert result.exit_code == 1, result.output
    problems = json.loads(result.stdout)["problems"]
    assert [(p["sheet"], p["cell"], p["code"]) for p in problems] == [("C001", "G4", "bad-value"),
                                                                      ("C001", "H4", "bad-number")]
