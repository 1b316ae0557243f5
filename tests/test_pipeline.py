"""The pipeline's loop closed on the samples: analyze, fill attendance, import, analyze again with the ledger."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from builders import SAMPLES, csv_records, run_analyze, run_cli


def compliance(path: Path) -> dict[str, dict[str, object]]:
    """The 学时达标 sheet: cadre id -> header -> value."""
    ws = openpyxl.load_workbook(path, read_only=True)["学时达标"]
    header, *rows = list(ws.iter_rows(values_only=True))
    return {row[0]: dict(zip(header, row, strict=True)) for row in rows}


def attended_hours(path: Path) -> dict[str, list[str]]:
    """Mark every seat present; return the classes each cadre attended."""
    book = openpyxl.load_workbook(path)
    overview = book.worksheets[0]
    hours = {row[0]: float(row[9]) for row in overview.iter_rows(min_row=2, values_only=True)}
    per_cadre: dict[str, list[str]] = {}
    for ws in book.worksheets[1:]:
        if ws.title not in hours:  # the annual plan (年度培训计划): no seats to mark
            continue
        header = [cell.value for cell in ws[4]]  # 序号 编号 姓名 … 签到 (one column a day or week) 出勤学时 备注
        signs = range(header.index("签到"), header.index("出勤学时"))
        # an id number prints masked; the hidden column the import reads holds it whole
        full = next((i for i, h in enumerate(header) if h and str(h).startswith("完整编号")), 1)
        for row in ws.iter_rows(min_row=6):
            if row[full].value:
                for col in signs:
                    row[col].value = "√"
                per_cadre.setdefault(row[full].value, []).append(ws.title)
    book.save(path.with_name("attended.xlsx"))
    return per_cadre


@pytest.fixture(scope="module")
def loop(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    work = tmp_path_factory.mktemp("loop")
    # every period of the plan falls in 2027, and the second analysis looks back from the end of 2027
    first = run_analyze(SAMPLES, "-o", work / "before", "--as-of", "2026-11-01", "--plan-start", "2027-01-01",
                        "--quiet")
    # 1: done, with data problems listed (the samples leave some hours blank on purpose)
    assert first.exit_code in (0, 1), first.output
    attended = attended_hours(work / "before" / "class-rosters.xlsx")
    ledger = work / "ledger.db"
    # imported once the classes have ended (a sheet signed before its class ends is imported with a warning)
    imported = run_cli("records", "import", work / "before" / "attended.xlsx", "--ledger", ledger, "--date",
                       "2027-12-31")
    assert imported.exit_code == 0, imported.output
    # the office's roster of 2027 (its title says so), its figures as the samples report them: the ledger's hours are
    # added to them (a roster of 2026 read for 2027 counts none of its 本年度 figures: io.roster_year)
    book = openpyxl.load_workbook(SAMPLES)
    roster = book["干部花名册"]
    assert isinstance(roster["A1"].value, str) and "2026年度" in roster["A1"].value
    roster["A1"] = roster["A1"].value.replace("2026年度", "2027年度")
    assert isinstance(roster["A2"].value, str) and "填报日期：2026年10月" in roster["A2"].value
    roster["A2"] = roster["A2"].value.replace("填报日期：2026年10月", "填报日期：2027年10月")
    book.save(work / "cadres-2027.xlsx")
    second = run_analyze(work / "cadres-2027.xlsx", "-o", work / "after", "--as-of", "2027-12-31", "--plan-start",
                         "2028-01-01",
                         "--ledger", ledger, "--quiet")
    assert second.exit_code in (0, 1), second.output
    return {"work": work, "attended": attended}


def test_trained_topics_are_no_longer_needs(loop: dict[str, object]) -> None:
    work = loop["work"]
    assert isinstance(work, Path)
    # the needs served in a class (its own organizer's or one sent up to), whose sign-in sheets were marked
    seated = {(a["cadre_id"], a["topic"]) for a in csv_records(work / "before" / "assignments.csv")
              if a["route"] in ("class", "sent-up")}
    after = {(n["cadre_id"], n["topic"]): n for n in csv_records(work / "after" / "needs.csv")}
    assert seated
    still = [need for key, need in after.items() if key in seated]
    # an hours top-up (the hours obligation) stays a need only while a deficit remains; every other trained
    # topic is gone
    assert all(n["rule_id"] == "obligation:hours" and n["status"] != "met" for n in still), still


def test_hours_deficits_fall_by_exactly_the_attended_hours_and_days(loop: dict[str, object]) -> None:
    """The attended hours add to the concentrated hours, and the days each signed sheet prints to the days (the
    roster's, or none). The deficit is the shorter of the hours and the days shortfall (6 h a day)."""
    work, attended = loop["work"], loop["attended"]
    assert isinstance(work, Path) and isinstance(attended, dict)
    before, after = compliance(work / "before" / "gap-report.xlsx"), compliance(work / "after" / "gap-report.xlsx")
    planned = {c["class_id"]: c for c in csv_records(work / "before" / "plan.csv")}
    checked, days_reported = 0, 0
    for cadre_id, classes in attended.items():
        was, now = before[cadre_id], after[cadre_id]
        if was["已修学时"] is None:
            continue
        hours = sum(float(planned[c]["hours"]) for c in classes)
        days_added = sum(float(planned[c]["days"]) for c in classes)
        done, days = now["已修学时"], now["已修天数"]
        assert isinstance(done, int | float) and isinstance(days, int | float)
        assert done == pytest.approx(float(was["已修学时"]) + hours)  # type: ignore[arg-type]
        assert days == pytest.approx(float(was["已修天数"] or 0) + days_added)  # type: ignore[arg-type]
        days_reported += was["已修天数"] is not None
        required, days_required = float(now["应修学时"]), float(now["应修天数"])  # type: ignore[arg-type]
        met = done >= required or days >= days_required
        expected = 0.0 if met else min(required - done, (days_required - days) * 6)
        assert now["学时缺口"] == pytest.approx(expected, abs=0.01)
        assert now["已修网络学时"] == was["已修网络学时"]  # the classes were concentrated: online hours untouched
        checked += 1
    assert checked > 100
    assert 0 < days_reported < checked  # the samples hold cadres with days reported and without


def test_the_ledger_differences_are_reported(loop: dict[str, object]) -> None:
    work = loop["work"]
    assert isinstance(work, Path)
    book = openpyxl.load_workbook(work / "after" / "gap-report.xlsx", read_only=True)
    assert "台账差异" in book.sheetnames
    rows = list(book["台账差异"].iter_rows(min_row=2, values_only=True))
    fields = {r[2] for r in rows}
    assert rows and fields <= {"本年度学时", "五年累计学时", "本年度培训天数", "五年累计培训天数", "已参加培训"}
    assert "本年度学时" in fields
    # a completion's topic by its name: no catalog id (party-spirit, theory-xi) in the sheet
    topics = {str(v).split(" ")[0] for r in rows if r[2] == "已参加培训" for v in r[3:6] if v}
    assert topics and not topics & {"party-spirit", "theory-xi", "discipline", "history", "values", "rule-of-law"}
    # the signed sheets print each class's days: the ledger reports them; it holds no online learning, so the
    # roster's online hours stand
    assert {"本年度培训天数", "五年累计培训天数"} <= fields and "本年度网络学时" not in fields


def test_dates_of_the_plan_are_in_2027(loop: dict[str, object]) -> None:
    work = loop["work"]
    assert isinstance(work, Path)
    periods = {c["period"] for c in csv_records(work / "before" / "classes.csv")}
    assert periods and all(p.startswith("2027-") for p in periods), periods


def test_validate_says_what_forming_classes_will_of_the_organizers(tmp_path: Path) -> None:
    """A 科员 marked 省委管理: analyze warned of it (a problem of the plan) and validate, the check before, did not."""
    from builders import make_workbook

    from needscli.config import Config
    from needscli.pipeline import analyze, check_inputs, plan_classes

    header = ["编号", "姓名", "单位", "职务", "职级", "管理权限"]
    path = make_workbook(tmp_path, {"花名册": [header, ["A1", "甲", "市财政局", "科员", "一级科员", "省委管理"],
                                               ["A2", "乙", "市财政局", "科员", "一级科员", "市委管理"]]})
    checked = [(p.code, p.cell, p.message) for p in check_inputs([path], Config()).problems]
    analysis, _ = analyze([path], Config())
    planned = [(p.code, p.cell, p.message) for p in plan_classes(analysis, None, None).problems]
    assert [c for c in checked if c[0] == "implausible-organizer"] == planned
    assert [(code, cell) for code, cell, _ in planned] == [("implausible-organizer", "F2")]
