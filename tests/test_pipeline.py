"""The pipeline's loop closed on the samples: analyze, fill attendance, import, analyze again with the ledger."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from builders import SAMPLES, csv_records, run_analyze, run_cli


def compliance(path: Path) -> dict[str, tuple[object, ...]]:
    ws = openpyxl.load_workbook(path, read_only=True)["学时达标"]
    return {row[0]: row for row in ws.iter_rows(min_row=2, values_only=True)}


def attended_hours(path: Path) -> dict[str, float]:
    """Mark every seat present; return the hours each cadre attended (the classes' hours)."""
    book = openpyxl.load_workbook(path)
    overview = book.worksheets[0]
    hours = {row[0]: float(row[9]) for row in overview.iter_rows(min_row=2, values_only=True)}
    per_cadre: dict[str, float] = {}
    for ws in book.worksheets[1:]:
        for row in ws.iter_rows(min_row=4):
            if row[1].value:
                row[6].value = "√"
                per_cadre[row[1].value] = per_cadre.get(row[1].value, 0.0) + hours[ws.title]
    book.save(path.with_name("attended.xlsx"))
    return per_cadre


@pytest.fixture(scope="module")
def loop(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    work = tmp_path_factory.mktemp("loop")
    # every period of the plan falls in 2027, and the second analysis looks back from the end of 2027
    first = run_analyze(SAMPLES, "-o", work / "before", "--as-of", "2026-11-01", "--plan-start", "2027-01-01",
                        "--quiet")
    assert first.exit_code == 0, first.output
    attended = attended_hours(work / "before" / "class-rosters.xlsx")
    ledger = work / "ledger.db"
    imported = run_cli("records", "import", work / "before" / "attended.xlsx", "--ledger", ledger)
    assert imported.exit_code == 0, imported.output
    second = run_analyze(SAMPLES, "-o", work / "after", "--as-of", "2027-12-31", "--plan-start", "2028-01-01",
                         "--ledger", ledger, "--quiet")
    assert second.exit_code == 0, second.output
    return {"work": work, "attended": attended}


def test_trained_topics_are_no_longer_needs(loop: dict[str, object]) -> None:
    work = loop["work"]
    assert isinstance(work, Path)
    seated = {(a["cadre_id"], a["topic"]) for a in csv_records(work / "before" / "assignments.csv")}
    after = {(n["cadre_id"], n["topic"]): n["source"] for n in csv_records(work / "after" / "needs.csv")}
    assert seated
    still = {key: source for key, source in after.items() if key in seated}
    # an hours top-up stays a need only while a deficit remains; every other trained topic is gone
    assert set(still.values()) <= {"compliance"}


def test_hours_deficits_fall_by_exactly_the_attended_hours(loop: dict[str, object]) -> None:
    work, attended = loop["work"], loop["attended"]
    assert isinstance(work, Path) and isinstance(attended, dict)
    before, after = compliance(work / "before" / "gap-report.xlsx"), compliance(work / "after" / "gap-report.xlsx")
    checked = 0
    for cadre_id, hours in attended.items():
        done_before, done_after = before[cadre_id][6], after[cadre_id][6]
        if done_before is None:
            continue
        required = before[cadre_id][5]
        assert done_after == pytest.approx(done_before + hours)
        assert after[cadre_id][7] == pytest.approx(max(0.0, required - done_before - hours))
        checked += 1
    assert checked > 100


def test_the_ledger_differences_are_reported(loop: dict[str, object]) -> None:
    work = loop["work"]
    assert isinstance(work, Path)
    book = openpyxl.load_workbook(work / "after" / "gap-report.xlsx", read_only=True)
    assert "台账差异" in book.sheetnames
    rows = list(book["台账差异"].iter_rows(min_row=2, values_only=True))
    assert rows and all(r[2] in ("本年度学时", "五年累计学时", "已参加培训") for r in rows)


def test_dates_of_the_plan_are_in_2027(loop: dict[str, object]) -> None:
    work = loop["work"]
    assert isinstance(work, Path)
    periods = {c["period"] for c in csv_records(work / "before" / "classes.csv")}
    assert periods and all(p.startswith("2027-") for p in periods), periods
