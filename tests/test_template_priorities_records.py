"""The template keeps ids, codes and dates as typed; a repeated priority id is reported; a records row
reports every fault it has at once."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest
from conftest import make_csv, make_workbook, where
from openpyxl.worksheet.worksheet import Worksheet
from records_builders import ONLINE_HEADER, make_class_rosters, records_csv, run_import, seat
from typer.testing import CliRunner

from needscli.cli.app import app
from needscli.cli.records import records_app
from needscli.config import Config
from needscli.pipeline import analyze, check_inputs
from needscli.records.store import Ledger, open_ledger
from needscli.reports.template import write_template

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples" / "cadres.xlsx"

# ---- the template: ids, codes and dates are text columns ----------------------------------------

# sheet -> headers whose column is text ('@'), and headers that stay General (numbers stay numbers)
TEXT_COLUMNS = {
    "zh": {
        "花名册": ({"编号", "岗位代码", "任现职时间", "参加工作时间", "出生年月"}, {"姓名", "职级", "本年度学时"}),
        "岗位": ({"岗位代码"}, {"要求水平"}),
        "组织需求": ({"编号", "完成期限"}, {"适用单位", "优先级"}),
        "课程": ({"主题编号"}, {"学时"}),
        "规则": ({"规则编号"}, {"权重"}),
    },
    "en": {
        "roster": ({"Cadre ID", "Post code", "Appointed to current post", "Entry date", "Birth date"},
                   {"Name", "Level", "Hours this year"}),
        "posts": ({"Post code"}, {"Required level"}),
        "priorities": ({"Priority ID", "Deadline"}, {"Target units", "Priority"}),
        "topics": ({"Topic ID"}, {"Hours"}),
        "rules": ({"Rule ID"}, {"Weight"}),
    },
}


def column_format(ws: Worksheet, column: int) -> str:
    """The number format of a whole column (what Excel and LibreOffice give a cell typed into it)."""
    for dim in ws.column_dimensions.values():
        if dim.min is not None and dim.min <= column <= dim.max:
            return str(dim.number_format)
    return "General"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_id_code_and_date_columns_are_text(tmp_path: Path, lang: str) -> None:
    path = tmp_path / f"template-{lang}.xlsx"
    write_template(path, Config(), lang)
    book = openpyxl.load_workbook(path)
    for sheet, (text, general) in TEXT_COLUMNS[lang].items():
        ws = book[sheet]
        formats = {c.value: column_format(ws, c.column) for c in ws[1]}
        assert {h for h, f in formats.items() if f == "@"} == text, sheet
        assert {formats[h] for h in general} == {"General"}, sheet
        assert ws.max_row == 1  # the format is the column's: no cell is written below the header


# ---- priorities: a repeated id ------------------------------------------------------------------

PRIORITY_HEADER = ["编号", "培训主题", "需求来源", "适用单位", "适用职级", "适用类别", "优先级", "完成期限"]
FIRST = ["P1", "营商环境优化", "改革难点问题", "市委组织部", "全部", "全部", 5, "2027.3"]
REPEATED = ["P1", "数字政府建设", "改革难点问题", "全部", "全部", "全部", 3, "2027-03-31"]
UNITS = ["市委组织部", "市财政局", "市税务局", "城关镇"]


def roster20() -> list[list[object]]:
    return [["编号", "姓名", "单位", "职务", "职级"],
            *[[f"C{i:03d}", f"干部{i}", UNITS[i % 4], "科员", "一级科员"] for i in range(1, 21)]]


def with_priorities(tmp_path: Path, *rows: list[object]) -> Path:
    return make_workbook(tmp_path, {"花名册": roster20(), "组织需求": [PRIORITY_HEADER, *rows]},
                         name="withsheets2.xlsx")


def test_repeated_priority_id_is_reported_and_the_first_row_kept(tmp_path: Path) -> None:
    inputs = check_inputs([with_priorities(tmp_path, FIRST, REPEATED)], Config())
    assert where(inputs.problems) == [(3, "编号", "duplicate-id")]
    problem = inputs.problems[0]
    assert (problem.file, problem.sheet, problem.severity) == ("withsheets2.xlsx", "组织需求", "error")
    assert '"P1" repeats the id of row 2' in problem.message
    assert [(p.id, p.topic, p.row) for p in inputs.priorities] == [("P1", "营商环境优化", 2)]
    assert (inputs.counts["priorities"], inputs.skipped["priorities"]) == (1, 1)


def test_the_repeated_row_does_not_take_the_place_of_the_first(tmp_path: Path) -> None:
    """Before the check, the second P1's topic replaced the first's in every need of P1."""
    analysis, _ = analyze([with_priorities(tmp_path, FIRST, REPEATED)], Config(), as_of=dt.date(2026, 11, 1))
    topics = {analysis.catalog.by_id[n.topic_id].name_zh for n in analysis.needs
              if any(r.rule_id == "priority:P1" for r in n.reasons)}
    assert topics == {"营商环境优化"}
    reached = {n.cadre_id for n in analysis.needs if any(r.rule_id == "priority:P1" for r in n.reasons)}
    assert reached == {f"C{i:03d}" for i in range(4, 21, 4)}  # the 市委组织部 cadres only
    assert [p.code for p in analysis.problems] == ["duplicate-id"]


def test_repeated_priority_id_through_the_cli(tmp_path: Path) -> None:
    path = with_priorities(tmp_path, FIRST, REPEATED)
    result = CliRunner().invoke(app, ["analyze", str(path), "--as-of", "2026-11-01", "--format", "json",
                                      "-o", str(tmp_path / "out")])
    assert result.exit_code == 1, result.output
    problems = json.loads(result.stdout)["problems"]
    assert [(p["sheet"], p["row"], p["column"], p["code"]) for p in problems] == [("组织需求", 3, "编号", "duplicate-id")]


def test_distinct_priority_ids_give_no_problem(tmp_path: Path) -> None:
    inputs = check_inputs([with_priorities(tmp_path, FIRST, ["P2", *REPEATED[1:]])], Config())
    assert inputs.problems == []
    assert [p.id for p in inputs.priorities] == ["P1", "P2"]


def test_the_samples_priorities_give_no_problem() -> None:
    inputs = check_inputs([SAMPLES], Config())
    assert inputs.problems == []
    assert inputs.counts["priorities"] == 6


# ---- records import: every fault of a row at once -----------------------------------------------


@pytest.fixture
def ledger(tmp_path: Path):
    with open_ledger(tmp_path / "ledger.db") as opened:
        yield opened


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


def test_records_import_cli_on_the_class_rosters_analyze_wrote(tmp_path: Path) -> None:
    """The tester's case: the samples' class-rosters.xlsx, one row of C001 with 签到 abc and 70 hours."""
    out = tmp_path / "out"
    ran = CliRunner().invoke(app, ["analyze", str(SAMPLES), "--as-of", "2026-11-01", "-o", str(out), "--quiet"])
    assert ran.exit_code == 0, ran.output
    book = openpyxl.load_workbook(out / "class-rosters.xlsx")
    ws = book["C001"]
    assert (ws["G3"].value, ws["H3"].value, book["班次总览"]["J2"].value) == ("签到", "出勤学时", 68)
    ws["G4"], ws["H4"] = "abc", 70
    signed = tmp_path / "signed.xlsx"
    book.save(signed)
    result = CliRunner().invoke(records_app, ["import", str(signed), "--ledger", str(tmp_path / "l.db"),
                                              "--format", "json"])
    assert result.exit_code == 1, result.output
    problems = json.loads(result.stdout)["problems"]
    assert [(p["sheet"], p["cell"], p["code"]) for p in problems] == [("C001", "G4", "bad-value"),
                                                                      ("C001", "H4", "bad-number")]
