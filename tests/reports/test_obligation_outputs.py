"""The obligations in every output: gap report (Summary block, Obligations, Overdue by unit, Compliance,
Needs), needs.csv, the JSON summary, the terminal summary and the DataFrames; read back as a user would."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from builders import (
    OBLIGATIONS_CADRES,
    OBLIGATIONS_HEADER,
    csv_records,
    make_workbook,
    run_analyze,
    sheet_records,
    sheet_rows,
)

from needscli.config import Config
from needscli.core.analysis import Analysis
from needscli.pipeline import Job, RunResult, run_job
from needscli.reports import xlsx
from needscli.reports.summary import summary_json

AS_OF = dt.date(2026, 11, 1)


def run(tmp_path: Path, lang: str = "auto", config: Config | None = None) -> RunResult:
    roster = make_workbook(tmp_path, {"花名册": [OBLIGATIONS_HEADER, *OBLIGATIONS_CADRES]}, name="cadres.xlsx")
    return run_job(Job(rosters=[roster], config=config or Config(), output=tmp_path / "out", as_of=AS_OF, lang=lang))


@pytest.fixture(scope="module")
def zh(tmp_path_factory: pytest.TempPathFactory) -> RunResult:
    return run(tmp_path_factory.mktemp("zh"))


@pytest.fixture(scope="module")
def en(tmp_path_factory: pytest.TempPathFactory) -> RunResult:
    return run(tmp_path_factory.mktemp("en"), lang="en")


def report(result: RunResult) -> Path:
    return result.outputs[0].parent / "gap-report.xlsx"


def day(iso: str) -> dt.datetime:
    return dt.datetime.fromisoformat(iso)


def test_the_statuses_the_roster_gives(zh: RunResult) -> None:
    found = {(o.cadre_id, o.kind): (o.status, o.overdue_months) for o in zh.analysis.obligations}
    assert found == {
        ("O01", "appointment"): ("overdue", 8), ("O01", "hours"): ("overdue", 8), ("O01", "online"): ("met", 0),
        ("O02", "initial"): ("overdue", 10), ("O02", "hours"): ("met", 0), ("O02", "online"): ("due", 0),
        ("O03", "initial"): ("overdue", 13), ("O03", "hours"): ("met", 0), ("O03", "online"): ("unknown", 0),
        ("O04", "appointment"): ("met", 0), ("O04", "hours"): ("unknown", 0), ("O04", "online"): ("met", 0),
        ("O05", "initial"): ("due", 0), ("O05", "hours"): ("due", 0), ("O05", "online"): ("met", 0),
    }


def test_obligations_sheet_lists_what_is_not_met_overdue_first(zh: RunResult) -> None:
    """Met ones are only counted, and so is online learning not reported (O03's: counted in the summary,
    its blank cell named in the Problems sheet)."""
    header, *rows = sheet_rows(report(zh), "必训任务")
    assert header == ["编号", "姓名", "单位", "职级", "必训任务", "培训主题", "状态", "期限", "逾期月数", "缺少信息"]
    assert rows == [
        ["O03", "李员", "城关镇", "二级科员", "初任培训", "初任培训", "逾期", day("2025-10-01"), 13, None],
        ["O02", "孙科", "市财政局", "一级科员", "初任培训", "初任培训", "逾期", day("2026-01-01"), 10, None],
        ["O01", "钱局", "市财政局", "县处级副职", "任职培训", "县处级以上任职培训", "逾期", day("2026-03-01"), 8, None],
        ["O01", "钱局", "市财政局", "县处级副职", "学时达标", "在职培训（学时补足）", "逾期", day("2026-03-01"), 8, None],
        ["O02", "孙科", "市财政局", "一级科员", "网络学时", None, "待完成", day("2026-12-31"), None, None],
        ["O05", "吴新", "市税务局", "一级科员", "学时达标", "在职培训（学时补足）", "待完成", day("2026-12-31"), None,
         None],
        ["O05", "吴新", "市税务局", "一级科员", "初任培训", "初任培训", "待完成", day("2027-03-01"), None, None],
        ["O04", "周镇", "城关镇", "乡科级正职", "学时达标", "在职培训（学时补足）", "情况未知", day("2026-12-31"), None,
         "本年度学时"],
    ]
    problems = [(r["单元格"], r["问题代码"]) for r in sheet_records(report(zh), "问题")]
    assert sorted(problems) == [("J5", "compliance-unknown"), ("M4", "compliance-unknown")]


def test_obligations_sheet_in_english(en: RunResult) -> None:
    rows = sheet_records(report(en), "Obligations")
    assert list(rows[0]) == ["Cadre ID", "Name", "Unit", "Level", "Obligation", "Topic", "Status", "Deadline",
                             "Months overdue", "Missing"]
    first, last = rows[0], rows[-1]
    assert (first["Obligation"], first["Status"], first["Months overdue"], first["Level"]) == (
        "Initial training", "overdue", 13, "Level-2 Staff Member")
    assert (last["Obligation"], last["Topic"], last["Status"], last["Missing"]) == (
        "Hours standard", "On-the-job training (hours top-up)", "compliance unknown", "Hours this year")
    assert {r["Status"] for r in rows} == {"overdue", "due", "compliance unknown"}


def test_an_initial_obligation_without_either_date_names_both_blank_cells(tmp_path: Path) -> None:
    cadres = [["O06", "郑员", "市税务局", "科员", "一级科员", "公务员", None, None, None, 90, None, None, 50, None]]
    roster = make_workbook(tmp_path, {"花名册": [OBLIGATIONS_HEADER, *cadres]}, name="cadres.xlsx")
    for lang, words in (("zh", "录用时间、参加工作时间"), ("en", "Civil service entry, Entry date")):
        out = tmp_path / lang
        run_job(Job(rosters=[roster], config=Config(), output=out, as_of=AS_OF, lang=lang))
        sheet = "必训任务" if lang == "zh" else "Obligations"
        (row,) = [r for r in sheet_rows(out / "gap-report.xlsx", sheet)[1:] if r[4] in ("初任培训", "Initial training")]
        assert row[-1] == words
        assert row[7] is None  # no deadline without a date to count it from


def test_overdue_by_unit_sheet(zh: RunResult, en: RunResult) -> None:
    assert sheet_rows(report(zh), "逾期未训（按单位）") == [
        ["单位", "必训任务", "逾期项数"],
        ["市财政局", "任职培训", 1], ["市财政局", "初任培训", 1], ["市财政局", "学时达标", 1],
        ["城关镇", "初任培训", 1]]
    assert sheet_rows(report(en), "Overdue by unit")[:2] == [["Unit", "Obligation", "Overdue"],
                                                             ["市财政局", "Appointment training", 1]]


def summary_block(path: Path, title: str) -> dict[str, dict[str, object]]:
    """The Summary's obligations block: kind -> {status: count}."""
    rows = sheet_rows(path, "概要" if title == "必训任务完成情况" else "Summary")
    start = next(i for i, r in enumerate(rows) if r[0] == title)
    header = rows[start]
    block = {}
    for row in rows[start + 1:]:
        if not row[0]:
            break
        block[str(row[0])] = dict(zip(header[1:5], row[1:5], strict=True))
    return block


def test_summary_counts_obligations_by_kind_and_status(zh: RunResult, en: RunResult) -> None:
    assert summary_block(report(zh), "必训任务完成情况") == {
        "任职培训": {"待完成": 0, "逾期": 1, "已完成": 1, "情况未知": 0},
        "初任培训": {"待完成": 1, "逾期": 2, "已完成": 0, "情况未知": 0},
        "集中轮训": {"待完成": 0, "逾期": 0, "已完成": 0, "情况未知": 0},
        "学时达标": {"待完成": 1, "逾期": 1, "已完成": 2, "情况未知": 1},
        "网络学时": {"待完成": 1, "逾期": 0, "已完成": 3, "情况未知": 1},
    }
    english = summary_block(report(en), "Obligations by status")
    assert english["Online learning"] == {"due": 1, "overdue": 0, "met": 3, "compliance unknown": 1}
    assert list(english) == ["Appointment training", "Initial training", "Rotation training", "Hours standard",
                             "Online learning"]


def test_compliance_sheet_shows_days_hours_and_online_against_the_standard(zh: RunResult, en: RunResult) -> None:
    rows = {r["编号"]: r for r in sheet_records(report(zh), "学时达标")}
    assert list(rows["O01"]) == ["编号", "姓名", "单位", "职级", "标准", "应修学时", "已修学时", "应修天数", "已修天数",
                                 "学时缺口", "网络学时要求", "已修网络学时", "网络学时缺口", "期限", "状态"]
    figures = ["标准", "应修学时", "已修学时", "应修天数", "已修天数", "学时缺口", "网络学时要求", "已修网络学时",
               "网络学时缺口", "期限", "状态"]
    assert {cid: [row[k] for k in figures] for cid, row in rows.items()} == {
        # promoted within the cycle: the five-year standard is due a year after the promotion, and now late
        "O01": ["五年90天或550学时", 550, 300, 90, None, 250, 50, 60, 0, day("2026-03-01"), "逾期"],
        # 12 days meet the annual standard although 40 h do not
        "O02": ["每年12天或90学时", 90, 40, 12, 12, 0, 50, 20, 30, day("2026-12-31"), "达标"],
        "O03": ["每年12天或90学时", 90, 100, 12, None, 0, 50, None, None, day("2026-12-31"), "达标"],
        "O04": ["每年12天或90学时", 90, None, 12, None, None, 50, 50, 0, day("2026-12-31"), "未填报学时"],
        "O05": ["每年12天或90学时", 90, 40, 12, None, 50, 50, 50, 0, day("2026-12-31"), "未达标"],
    }
    english = {r["Cadre ID"]: r for r in sheet_records(report(en), "Compliance")}
    assert (english["O01"]["Standard"], english["O01"]["Status"]) == ("90 days or 550 h in 5 years", "overdue")
    assert (english["O02"]["Standard"], english["O02"]["Days done"], english["O02"]["Online short"]) == (
        "12 days or 90 h a year", 12, 30)


def test_a_standard_without_days_is_stated_in_hours(tmp_path: Path) -> None:
    config = Config.model_validate({"hours": {"annual_days_required": 0}})
    rows = {r["编号"]: r for r in sheet_records(report(run(tmp_path, config=config)), "学时达标")}
    assert (rows["O02"]["标准"], rows["O02"]["应修天数"], rows["O02"]["状态"]) == ("每年90学时", None, "未达标")


def test_days_done_without_hours_under_a_standard_without_days_leave_the_standing_unknown() -> None:
    """[hours] annual_days_required = 0: a cadre reporting days only has no standing, not a run that fails."""
    from needscli.core.hours import HoursStanding

    days_only = HoursStanding("annual", 90.0, None, days_required=0.0, days=12.0)
    assert (days_only.met, days_only.deficit) == (None, None)
    assert HoursStanding("annual", 90.0, 40.0, days_required=0.0, days=12.0).deficit == 50.0
    assert HoursStanding("annual", 90.0, None, days_required=12.0, days=12.0).met is True


def test_a_day_of_no_hours_or_a_standard_below_zero_is_refused_naming_the_key() -> None:
    from pydantic import ValidationError

    for section in ({"day_hours": {"default": 0}}, {"annual_required": -5}, {"five_year_days_required": -1}):
        with pytest.raises(ValidationError, match=next(iter(section))):
            Config.model_validate({"hours": section})


def test_needs_sheet_and_csv_carry_the_deadline_and_status(zh: RunResult) -> None:
    path = report(zh)
    records = sheet_records(path, "需求明细")
    initial = next(r for r in records if r["编号"] == "O03" and r["培训主题"] == "初任培训")
    assert (initial["期限"], initial["状态"], initial["需求来源"]) == (day("2025-10-01"), "逾期", "必训任务")
    core = next(r for r in records if r["编号"] == "O03" and r["需求来源"] == "理论武装")
    assert (core["期限"], core["状态"]) == (None, None)
    rows = csv_records(path.parent / "needs.csv")
    assert list(rows[0])[-2:] == ["deadline", "status"]
    on_disk = {(r["cadre_id"], r["topic"]): (r["deadline"], r["status"]) for r in rows}
    assert on_disk[("O03", "初任培训")] == ("2025-10-01", "overdue")
    assert on_disk[("O05", "初任培训")] == ("2027-03-01", "due")
    assert on_disk[("O03", "党性教育")] == ("", "")
    for need in zh.analysis.needs:  # every obligation need, and only those, has both
        assert bool(need.deadline) == bool(need.status) == (need.source == "obligation"), need


def test_json_summary_counts_obligations_and_overdue_by_unit(zh: RunResult) -> None:
    counts: dict[str, Any] = summary_json(zh.analysis, zh.outputs, 1)["counts"]
    assert counts["obligations"]["initial"] == {"due": 1, "overdue": 2, "met": 0, "unknown": 0}
    assert counts["obligations"]["online"] == {"due": 1, "overdue": 0, "met": 3, "unknown": 1}
    assert list(counts["obligations"]) == ["appointment", "initial", "rotation", "hours", "online"]
    assert counts["hours_not_reported"] == 1  # O04's blank 本年度学时
    assert counts["overdue_by_unit"] == {
        "市财政局": {"appointment": 1, "initial": 1, "rotation": 0, "hours": 1, "online": 0},
        "城关镇": {"appointment": 0, "initial": 1, "rotation": 0, "hours": 0, "online": 0},
    }
    json.dumps(counts, ensure_ascii=False)  # plain JSON values


def test_analyze_prints_the_obligations_and_json_has_them(tmp_path: Path) -> None:
    roster = make_workbook(tmp_path, {"花名册": [OBLIGATIONS_HEADER, *OBLIGATIONS_CADRES]}, name="cadres.xlsx")
    result = run_analyze(roster, "-o", tmp_path / "out", "--as-of", AS_OF.isoformat())
    assert result.exit_code == 1, result.output  # done: blank cells an obligation needs are warnings
    lines = [line.replace("│", " ").split() for line in result.stdout.splitlines()]
    assert ["必训任务", "待完成", "逾期", "已完成", "情况未知"] in [[w for w in ln if w != "┃"] for ln in lines]
    assert ["初任培训", "1", "2", "0", "0"] in lines
    assert ["网络学时", "1", "0", "3", "1"] in lines
    assert "有逾期未训的单位：2 个" in result.stdout
    as_json = run_analyze(roster, "-o", tmp_path / "json", "--as-of", AS_OF.isoformat(), "--format", "json")
    counts = json.loads(as_json.stdout)["counts"]
    assert counts["obligations"]["hours"] == {"due": 1, "overdue": 1, "met": 2, "unknown": 1}
    assert list(counts["overdue_by_unit"]) == ["市财政局", "城关镇"]


def test_frames_of_obligations_needs_and_compliance(zh: RunResult) -> None:
    analysis: Analysis = zh.analysis
    frame = analysis.to_frame("obligations")
    assert list(frame.columns) == ["cadre_id", "kind", "topic_id", "status", "deadline", "overdue_months", "missing",
                                   "source_id"]
    assert len(frame) == len(analysis.obligations) == 15
    assert str(frame["deadline"].dtype) == "datetime64[ns]" and frame["overdue_months"].dtype == "int64"
    unknown = frame[frame["status"] == "unknown"].set_index("cadre_id")["missing"].to_dict()
    assert unknown == {"O03": "online_hours_year", "O04": "hours_year"}
    needs = analysis.to_frame("needs")
    assert list(needs.columns[-2:]) == ["deadline", "status"]
    assert str(needs["deadline"].dtype) == "datetime64[ns]"
    late = needs[(needs["cadre_id"] == "O03") & (needs["topic_id"] == "initial-training")]
    assert (late["deadline"].tolist(), late["status"].tolist()) == ([dt.datetime(2025, 10, 1)], ["overdue"])
    compliance = analysis.to_frame("compliance").set_index("cadre_id")
    assert list(compliance.columns[-6:]) == ["days_required", "days", "online_required", "online", "online_deficit",
                                             "deadline"]
    assert compliance.loc["O02", ["days", "online_deficit"]].tolist() == [12.0, 30.0]
    assert compliance.loc["O01", "deadline"] == dt.datetime(2026, 3, 1)


def test_a_long_obligations_sheet_is_streamed_with_the_same_cells(tmp_path: Path, zh: RunResult,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsx, "DEFER_ROWS", 2)  # every table streamed into its sheet at close
    streamed = report(run(tmp_path))
    for sheet in ("必训任务", "学时达标", "需求明细", "逾期未训（按单位）"):
        assert sheet_rows(streamed, sheet) == sheet_rows(report(zh), sheet), sheet


def test_the_obligations_sheet_continues_past_the_row_limit(tmp_path: Path) -> None:
    config = Config.model_validate({"limits": {"excel_max_rows": 4}})  # a header and 3 rows a sheet
    path = report(run(tmp_path, config=config))
    first, second, third = (sheet_rows(path, name) for name in ("必训任务", "必训任务 (2)", "必训任务 (3)"))
    assert first[0] == second[0] == third[0]
    assert (len(first), len(second), len(third)) == (4, 4, 3)
    assert [r[0] for r in first[1:] + second[1:] + third[1:]] == ["O03", "O02", "O01", "O01", "O02", "O05", "O05",
                                                                  "O04"]
    notes = [r[0] for r in sheet_rows(path, "概要") if r[0] and "续表" in str(r[0])]
    assert "必训任务 超过单表行数上限，续表：必训任务 (2)、必训任务 (3)" in notes
