"""needscli analyze and explain: a realistic run end to end, exit codes, --strict, JSON, languages, --as-of,
and output a script can read."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import openpyxl
import pytest
from builders import (
    ALL_UNIT_IDS,
    CANARY_ID,
    CANARY_NAME,
    NEEDS_AS_OF,
    NEEDS_CADRES,
    NEEDS_HEADER,
    ROSTER_HEADER,
    SAMPLES,
    UNIT_HEADER,
    csv_records,
    make_csv,
    make_needs_workbook,
    make_unit_folder,
    make_workbook,
    roster,
    run_analyze,
    run_cli,
    run_needscli,
    sheet_records,
    unit_cadres,
)
from click.testing import Result

from needscli.cli import render as cli_render

CORE_ZH = ["习近平新时代中国特色社会主义思想", "党性教育", "党纪教育", "党史国史教育", "社会主义核心价值观教育"]
IDS = [row[0] for row in NEEDS_CADRES]


def terminal_width(columns: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """A terminal of that many columns, as rich reads it from COLUMNS."""
    monkeypatch.setenv("COLUMNS", str(columns))
    assert (cli_render.out.width, cli_render.err.width) == (columns, columns)


@pytest.fixture
def wide_console(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rich tables fold long cells at 80 columns; a wide console keeps each row on one line."""
    terminal_width(400, monkeypatch)


@pytest.fixture
def narrow_console(monkeypatch: pytest.MonkeyPatch) -> None:
    """JSON must stay parseable however narrow the terminal."""
    terminal_width(30, monkeypatch)


def errors(result: Result) -> list[str]:
    """The non-blank lines on stderr."""
    return [line for line in result.stderr.splitlines() if line.strip()]


def day(value: object) -> str:
    """A date cell of a written workbook (read back as a datetime) as an ISO date."""
    assert isinstance(value, dt.datetime), value
    return value.date().isoformat()


def needs_by_cadre(path: Path) -> dict[str, list[dict[str, object]]]:
    out: dict[str, list[dict[str, object]]] = {}
    for row in sheet_records(path, "需求明细"):
        out.setdefault(str(row["编号"]), []).append(row)
    return out


# --- the realistic run -----------------------------------------------------------------------------

def test_realistic_workbook(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_analyze(make_needs_workbook(tmp_path), "-o", out, "--as-of", NEEDS_AS_OF)
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == ""
    assert (out / "gap-report.xlsx").is_file()
    assert (out / "needs.csv").is_file()
    assert f"已写出 {out / 'gap-report.xlsx'}" in result.stdout
    report = out / "gap-report.xlsx"
    needs = needs_by_cadre(report)
    assert list(needs) == IDS  # every valid cadre, in roster order

    for cadre_id, rows in needs.items():
        sources = [r["需求来源"] for r in rows]
        obligations = sources.count("必训任务")
        assert sources[:obligations] == ["必训任务"] * obligations, cadre_id  # obligations rank first
        topics = [r["培训主题"] for r in rows[obligations:]]
        core = [t for t in topics if t in CORE_ZH]
        assert topics[: len(core)] == core, cadre_id  # then the theory core, before any other need
        assert all(r["需求来源"] == "理论武装" and r["规则"] == "理论武装规则"
                   for r in rows[obligations:obligations + len(core)])
        # 党性教育: C01 did it 8 months ago (valid 2 years); C03 without a date, which does not count;
        # C02 did it three years ago, so it is lacking again
        expected = [t for t in CORE_ZH if t != "党性教育"] if cadre_id == "C01" else CORE_ZH
        assert core == expected, cadre_id
        # an obligation carries its deadline and status; no other need does
        for r in rows:
            assert (r["期限"] is not None) == (r["状态"] is not None) == (r["需求来源"] == "必训任务"), r

    def rule_of(cadre_id: str, topic: str) -> object:
        return next((r["规则"] for r in needs[cadre_id] if r["培训主题"] == topic), None)

    def obligation(cadre_id: str, topic: str) -> tuple[object, ...] | None:
        return next(((r["规则"], r["需求来源"], day(r["期限"]), r["状态"]) for r in needs[cadre_id]
                     if r["培训主题"] == topic), None)

    # appointment training of the county band, within 12 months of the post taken 3 months ago (2026-08);
    # 一级主任科员 is no leading post; C05's post (2020) and C06's (2022) were taken before the window
    assert obligation("C01", "县处级以上任职培训") == ("任职培训", "必训任务", "2027-08-01", "待完成")
    assert [c for c in IDS if any("任职培训" in str(r["培训主题"]) for r in needs[c])] == ["C01"]
    # entered 5 months ago (no 录用时间 column: 参加工作时间 of a non-leading post): inside the probation year
    assert obligation("C03", "初任培训") == ("初任培训", "必训任务", "2027-06-01", "待完成")
    assert [c for c in IDS if rule_of(c, "初任培训")] == ["C03"]
    # organizational: P1 县处级以上, P2 市税务局, P3 基层干部 (a central decision: rotation, an obligation), P4 nobody
    assert [c for c in IDS if rule_of(c, "应急管理与安全生产")] == ["C01", "C04", "C05"]
    assert [c for c in IDS if rule_of(c, "预算与绩效管理")] == ["C03", "C04", "C05"]
    assert [c for c in IDS if rule_of(c, "乡村振兴")] == ["C06"]
    assert obligation("C06", "乡村振兴") == ("组织需求 P3；岗位需求规则", "必训任务", "2026-12-31", "待完成")
    # post: 科员 requires 公文写作 at level 4; C03 did not rate it (gap 1 x importance 3)
    c03_writing = next(r for r in needs["C03"] if r["培训主题"] == "公文写作")
    assert (c03_writing["规则"], c03_writing["优先分"]) == ("岗位要求 科员", 43)
    # personal: C01 wishes 公文写作, C02 数字政府 (and 量子烹饪, which matches nothing)
    assert rule_of("C01", "公文写作") == "个人培训需求"
    assert rule_of("C02", "数字政府与数字化能力") == "个人培训需求"
    # the hours standard: the deficit is the hours of the need; C01's five-year standard is due a year
    # after the promotion, the annual ones by the year's end
    top_ups = {c: (r["学时"], r["需求来源"], day(r["期限"])) for c in IDS for r in needs[c]
               if r["规则"] == "学时达标"}
    assert top_ups == {"C01": (250, "必训任务", "2027-08-01"), "C02": (50, "必训任务", "2026-12-31"),
                       "C03": (90, "必训任务", "2026-12-31")}

    compliance = [(r["编号"], r["应修学时"], r["已修学时"], r["学时缺口"]) for r in sheet_records(report, "学时达标")]
    assert compliance == [("C01", 550, 300, 250), ("C02", 90, 40, 50), ("C03", 90, 0, 90),
                          ("C04", 550, 600, 0), ("C05", 550, 550, 0), ("C06", 90, 100, 0)]
    unmatched = [(r["类别"], r["内容"]) for r in sheet_records(report, "未匹配")]
    assert unmatched == [("个人需求", "量子烹饪"), ("组织需求", "生态文明建设")]
    assert sheet_records(report, "问题") == []

    csv_needs = csv_records(out / "needs.csv")
    assert [(r["cadre_id"], r["topic"]) for r in csv_needs] == [
        (str(r["编号"]), r["培训主题"]) for c in IDS for r in needs[c]]
    # the workbook names the rules in words; needs.csv keeps their ids, for scripts
    csv_rules = {(r["cadre_id"], r["topic"]): r["rule_id"] for r in csv_needs}
    assert [csv_rules[key] for key in [("C01", "县处级以上任职培训"), ("C06", "乡村振兴"), ("C03", "公文写作"),
                                       ("C01", "公文写作"), ("C02", "党性教育")]] == [
        "obligation:appointment", "priority:P3;grassroots", "post:科员", "personal:wish", "theory-core"]
    assert list(csv_needs[0]) == ["cadre_id", "name", "unit", "topic", "source", "training_type", "priority",
                                  "rule_id", "reason", "deadline", "status"]
    assert [(r["source"], r["deadline"], r["status"]) for r in csv_needs if r["deadline"]] == [
        ("obligation", "2027-08-01", "due"), ("obligation", "2027-08-01", "due"), ("obligation", "2026-12-31", "due"),
        ("obligation", "2027-06-01", "due"), ("obligation", "2026-12-31", "due"), ("obligation", "2026-12-31", "due")]


def test_roster_alone(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_analyze(make_needs_workbook(tmp_path, roster_only=True), "-o", out, "--as-of", NEEDS_AS_OF)
    assert result.exit_code == 0, result.output
    rows = csv_records(out / "needs.csv")
    assert {r["cadre_id"] for r in rows} == set(IDS)
    rules = {r["rule_id"] for r in rows}
    assert {"theory-core", "obligation:hours", "obligation:appointment", "obligation:initial", "leaders-county-up",
            "grassroots", "personal:wish", "personal:rating"} <= rules
    assert not any(r.startswith(("priority:", "post:")) for r in rules)
    # no priorities: no rotation; the compliance source is left to rules of your own
    assert {r["source"] for r in rows} == {"obligation", "theory-core", "post", "personal"}


def test_two_runs_give_identical_needs_csv(tmp_path: Path) -> None:
    roster = make_needs_workbook(tmp_path)
    for out in ("one", "two"):
        assert run_analyze(roster, "-o", tmp_path / out, "--as-of", NEEDS_AS_OF, "-q").exit_code == 0
    first = (tmp_path / "one" / "needs.csv").read_bytes()
    assert first == (tmp_path / "two" / "needs.csv").read_bytes()
    assert first.startswith("\ufeffcadre_id,".encode())


def test_the_analysis_date_is_as_of(tmp_path: Path) -> None:
    roster = make_workbook(tmp_path, {"花名册": [
        ["编号", "姓名", "单位", "职务", "职级", "任现职时间", "参加工作时间"],
        ["001", "甲", "市财政局", "副局长", "县处级副职", "2019-10", "1999-07"],
        ["002", "乙", "市财政局", "科员", "一级科员", "2019-08", "2019-08"],
    ]})
    out = tmp_path / "out"
    result = run_analyze(roster, "-o", out, "--as-of", "2020-01-01", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["as_of"] == "2020-01-01"
    rules = {(r["cadre_id"], r["rule_id"]) for r in csv_records(out / "needs.csv")}
    # three months in post and five months of work on 2020-01-01; years ago today
    assert ("001", "obligation:appointment") in rules
    assert ("002", "obligation:initial") in rules
    due = {(r["cadre_id"], r["topic"]): (r["deadline"], r["status"]) for r in csv_records(out / "needs.csv")
           if r["source"] == "obligation"}
    assert due == {("001", "县处级以上任职培训"): ("2020-10-01", "due"), ("002", "初任培训"): ("2020-08-01", "due")}
    summary = {r[0]: r[1] for r in openpyxl.load_workbook(out / "gap-report.xlsx")["概要"].iter_rows(values_only=True)}
    assert summary["分析基准日"].date().isoformat() == "2020-01-01"


# --- exit codes ------------------------------------------------------------------------------------

def bad_rows_workbook(tmp_path: Path) -> Path:
    cadres = [*NEEDS_CADRES[:2],
              [CANARY_ID, CANARY_NAME, "市财政局", "", "科员", "一级科园", "公务员", "2020-01", "2010-07",
               40, None, None, None, None, None],
              ["C09", CANARY_NAME, "市财政局", "", "科员", "一级科员", "公务员", "2023.13", "2010-07",
               40, None, None, None, None, None]]
    return make_needs_workbook(tmp_path, cadres)


@pytest.mark.usefixtures("wide_console")
def test_skipped_rows_exit_1(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_analyze(bad_rows_workbook(tmp_path), "-o", out, "--as-of", NEEDS_AS_OF)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    # rows 5 and 6 of the sheet: the title row, the header, then C01, C02, the bad level, the bad date
    # the kind of each problem in words, in the roster's language (the code is in the JSON and the CSVs)
    for cell, kind in [("F5", "职级未知"), ("H6", "日期有误")]:
        assert any(cell in line and kind in line for line in lines), (cell, kind, result.stderr)
    assert CANARY_NAME not in result.stderr
    assert CANARY_ID not in result.stderr
    problems = [(r["行"], r["列"], r["单元格"], r["问题代码"], r["处理"])
                for r in sheet_records(out / "gap-report.xlsx", "问题")]
    assert problems == [(5, "职级", "F5", "unknown-level", "已跳过该行"),
                        (6, "任现职时间", "H6", "bad-date", "已保留该行")]
    assert {r["cadre_id"] for r in csv_records(out / "needs.csv")} == {"C01", "C02", "C09"}


def test_a_rotations_start_on_the_priorities_sheet_settles_who_attended_its_round(tmp_path: Path) -> None:
    """开始时间 2025-10-23: the leader who attended in December 2025 is called to no class, the one of September is, his
    reason naming the start; a start after its 完成期限 is a data problem (exit 1) on its cell, and its row still
    counts, from the topic's validity back."""
    attended = ["编号", "姓名", "单位", "职务", "职级", "已参加培训"]
    cadres = [["A1", "甲", "市财政局", "局长", "县处级正职", "学习贯彻党的二十届四中全会精神(2025.12)"],
              ["A2", "乙", "市财政局", "副局长", "县处级副职", "学习贯彻党的二十届四中全会精神(2025.09)"]]
    priorities = [["编号", "培训主题", "需求来源", "适用职级", "开始时间", "完成期限"],
                  ["P01", "学习贯彻党的二十届四中全会精神", "中央重大决策部署", "县处级以上", "2025-10-23", "2027-03-31"],
                  ["P02", "低空经济", "中央重大决策部署", "县处级以上", "2027-05-01", "2027-03-31"]]
    out = tmp_path / "out"
    result = run_analyze(make_workbook(tmp_path, {"花名册": [attended, *cadres], "组织需求": priorities}),
                         "-o", out, "--as-of", NEEDS_AS_OF)
    assert result.exit_code == 1, result.output
    rotations = {(r["cadre_id"], r["rule_id"].split(";")[0]): r["reason"] for r in csv_records(out / "needs.csv")
                 if r["rule_id"].startswith("priority:")}
    assert sorted(rotations) == [("A1", "priority:P02"), ("A2", "priority:P01"), ("A2", "priority:P02")]
    assert rotations["A2", "priority:P01"].endswith("；记录中的本专题培训（2025-09-01）早于本轮起点 2025-10-23"
                                                    "（组织需求 P01 的开始时间），不计入本轮")
    problems = [(r["工作表"], r["行"], r["列"], r["单元格"], r["问题代码"], r["处理"])
                for r in sheet_records(out / "gap-report.xlsx", "问题")]
    assert problems == [("组织需求", 3, "开始时间", "E3", "bad-date", "已保留该行")]
    assert any("E3" in line and "日期有误" in line for line in result.stdout.splitlines() + result.stderr.splitlines())


def test_all_rows_bad_exit_2_and_nothing_written(tmp_path: Path) -> None:
    cadres = [[f"X{i}", "某", "市财政局", "", "科员", "科长级", "", None, None, None, None, None, None, None, None]
              for i in range(3)]
    out = tmp_path / "out"
    result = run_analyze(make_needs_workbook(tmp_path, cadres), "-o", out)
    assert result.exit_code == 2
    assert result.stdout == ""
    # the roster's language (Chinese headers), whatever the locale
    assert errors(result) == ["错误：没有可分析的干部：花名册中没有有效的行（共 3 个问题，可用 needscli validate 逐一查看）"]
    assert "Traceback" not in result.output
    assert not out.exists()


def test_missing_file_exit_2(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_analyze(tmp_path / "nope.xlsx", "-o", out)
    assert result.exit_code == 2
    assert errors(result) == ["Error: nope.xlsx: file not found; check the path"]
    assert not out.exists()


def test_error_is_the_only_output_on_stderr(tmp_path: Path) -> None:
    result = run_analyze(tmp_path / "nope.xlsx", "-o", tmp_path / "out")
    assert result.stderr == "Error: nope.xlsx: file not found; check the path\n"


def test_strict_with_problems_exit_2_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_analyze(bad_rows_workbook(tmp_path), "-o", out, "--as-of", NEEDS_AS_OF, "--strict")
    assert result.exit_code == 2
    assert "错误：有 2 个数据问题，且指定了 --strict：没有写出任何文件" in result.stderr
    assert "职级未知" in result.stderr
    assert result.stdout == ""
    assert not out.exists()


def test_strict_leaves_previous_outputs_untouched(tmp_path: Path) -> None:
    out = tmp_path / "out"
    good = make_needs_workbook(tmp_path, name="good.xlsx")
    assert run_analyze(good, "-o", out, "--as-of", NEEDS_AS_OF, "-q").exit_code == 0
    before = {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert {"gap-report.xlsx", "needs.csv", "snapshot/needs.parquet"} <= set(before)
    (tmp_path / "bad").mkdir()
    result = run_analyze(bad_rows_workbook(tmp_path / "bad"), "-o", out, "--as-of", NEEDS_AS_OF, "--strict")
    assert result.exit_code == 2
    assert {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_strict_counts_problems_found_while_forming_classes(tmp_path: Path) -> None:
    config = tmp_path / "organizers.toml"  # only county level has an organizer: the others get no-organizer
    config.write_text('[classes]\norganizer_by_unit_level = {}\n[classes.organizer_by_tier]\n"县处级" = "市委管理"\n',
                      encoding="utf-8")
    out = tmp_path / "out"
    result = run_analyze(make_needs_workbook(tmp_path), "-o", out, "--as-of", NEEDS_AS_OF, "--config", config,
                     "--strict")
    assert result.exit_code == 2
    assert not out.exists()


def test_problems_found_while_forming_classes_exit_1(tmp_path: Path) -> None:
    config = tmp_path / "organizers.toml"
    config.write_text('[classes]\norganizer_by_unit_level = {}\n[classes.organizer_by_tier]\n"县处级" = "市委管理"\n',
                      encoding="utf-8")
    out = tmp_path / "out"
    result = run_analyze(make_needs_workbook(tmp_path), "-o", out, "--as-of", NEEDS_AS_OF, "--config", config, "-q")
    assert result.exit_code == 1
    codes = {r["问题代码"] for r in sheet_records(out / "gap-report.xlsx", "问题")}
    assert codes == {"no-organizer"}


def test_strict_on_clean_inputs_exit_0(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_analyze(make_needs_workbook(tmp_path), "-o", out, "--as-of", NEEDS_AS_OF, "--strict", "-q")
    assert result.exit_code == 0, result.output
    assert (out / "needs.csv").is_file()


# --- rules files -----------------------------------------------------------------------------------

@pytest.mark.usefixtures("wide_console")
def test_rules_file_with_problems_exit_1_and_the_rest_apply(tmp_path: Path) -> None:
    rules = tmp_path / "my-rules.toml"
    rules.write_text('''\
[[rule]]
id = "finance-writing"
topics = ["公文写作"]
weight = 45
all = [{ field = "unit", op = "==", value = "市财政局" }]

[[rule]]
id = "typo"
topics = ["数字政府"]
all = [{ field = "levle", op = "==", value = "一级科员" }]
''', encoding="utf-8")
    out = tmp_path / "out"
    result = run_analyze(make_needs_workbook(tmp_path), "-o", out, "--as-of", NEEDS_AS_OF, "--rules", rules)
    assert result.exit_code == 1, result.output
    assert any("unknown-field" in line and "my-rules.toml" in line for line in result.stderr.splitlines()) or \
        "my-rules.toml" in result.stderr
    problems = [(r["文件"], r["行"], r["问题代码"]) for r in sheet_records(out / "gap-report.xlsx", "问题")]
    assert problems == [("my-rules.toml", 7, "unknown-field")]
    message = sheet_records(out / "gap-report.xlsx", "问题")[0]["说明"]
    assert message == "my-rules.toml 第 7 行：规则 typo：字段「levle」不是已知的事实（是否指「level」？）"
    finance = {r["cadre_id"] for r in csv_records(out / "needs.csv") if "finance-writing" in r["rule_id"]}
    assert finance == {"C01", "C02"}


def test_rules_file_with_a_syntax_error_exit_2(tmp_path: Path) -> None:
    rules = tmp_path / "broken.toml"
    rules.write_text('[[rule]]\nid = "x\n', encoding="utf-8")
    out = tmp_path / "out"
    result = run_analyze(make_needs_workbook(tmp_path), "-o", out, "--rules", rules)
    assert result.exit_code == 2
    (line,) = errors(result)
    assert line.startswith("Error: broken.toml: not valid TOML (")
    assert line.endswith("); fix the rules file")
    assert "Traceback" not in result.output
    assert not out.exists()


# --- explain ---------------------------------------------------------------------------------------

@pytest.mark.usefixtures("wide_console")
def test_explain_shows_needs_and_rules_that_did_not_fire(tmp_path: Path) -> None:
    roster = make_needs_workbook(tmp_path)
    result = run_cli("explain", roster, "C01", "--as-of", NEEDS_AS_OF)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["C01", "张局", "市财政局", "副局长", "县处级副职"]

    def line_with(*parts: str) -> str:
        hits = [line for line in lines if all(p in line for p in parts)]
        assert hits, (parts, result.stdout)
        return hits[0]

    # an obligation shows the reason it gives: what is due, from which date, by when
    line_with("县处级以上任职培训", "必训任务", "│ 任职培训",
              "任现职时间 2026-08-01，须在任职后 12 个月内（2027-08-01 前）完成，不少于 30 天")
    line_with("在职培训（学时补足）", "必训任务", "│ 学时达标 ",
              "学时达标（五年 90 天或 550 学时）：集中培训 300 学时，差 250 学时，期限 2027-08-01")
    line_with("应急管理与安全生产", "组织需求 P1")
    line_with("习近平新时代中国特色社会主义思想", "理论武装规则（theory-core）")  # a rule of the rules, with its id
    assert not [line for line in lines if "党性教育 " in line and "理论武装规则" in line]
    start = lines.index(next(line for line in lines if "未触发的规则" in line))
    fired, not_fired = lines[:start], lines[start:]
    # obligations come first, before the theory core
    first_core = next(i for i, line in enumerate(fired) if "理论武装规则" in line)
    assert max(i for i, line in enumerate(fired) if "必训任务" in line) < first_core
    # each need's rule in words, as the gap report names it: no id of the built-in kinds (needs.csv's)
    assert not any(rule_id in line for line in fired for rule_id in ("obligation:", "priority:", "post:", "personal:"))
    assert any("grassroots" in line and "干部类别 领导干部（需为基层干部）" in line for line in not_fired)
    assert any("young-cadres" in line and "年龄未知（名册未填或无法计算" in line for line in not_fired)
    # a rule by its name as rules.toml gives it, the id beside it; the count of needs with a Chinese colon
    assert "（grassroots）" in "".join(not_fired) and "基层干部：基层治理" in "".join(not_fired)
    assert any(line.strip().startswith("培训需求数：") for line in lines)
    # the obligations are no rules: none of the removed built-ins is listed as not fired
    assert not any(old in line for line in not_fired
                   for old in ("appointment-training", "initial-training", "hours-compliance", "obligation:"))


@pytest.mark.usefixtures("wide_console")
def test_explain_a_non_leading_cadre(tmp_path: Path) -> None:
    result = run_cli("explain", make_needs_workbook(tmp_path), "C02", "--as-of", NEEDS_AS_OF)
    assert result.exit_code == 0, result.output
    fired, _, not_fired = result.stdout.partition("未触发的规则")
    # a non-leading post owes no appointment training; its annual hours standard is short
    assert "任职培训" not in fired and "obligation:" not in fired
    assert any("│ 学时达标 " in line and "学时达标（每年 12 天或 90 学时）：集中培训 40 学时，差 50 学时，期限 2026-12-31"
               in line for line in fired.splitlines())
    assert any("leaders-county-up" in line and "领导职务：否（需是）" in line for line in not_fired.splitlines())
    assert not any(old in not_fired for old in ("appointment-training", "initial-training", "hours-compliance"))
    # of the obligations, only the initial training its entry date (2010) leaves unchecked, and why
    assert [[cell.strip() for cell in line.split("│")[1:3]] for line in not_fired.splitlines() if "obligation:" in line] \
        == [["初任培训（obligation:initial）",
             "参加工作时间 2010-07-01，已超过 36 个月的补训期限（obligations.window_months），不再检查初任培训"]]


def test_explain_unknown_id_exit_2(tmp_path: Path) -> None:
    result = run_cli("explain", make_needs_workbook(tmp_path), "C99", "--as-of", NEEDS_AS_OF)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "名册的有效行中没有编号或姓名为「C99」的干部" in result.stderr  # the roster's language


CLERK_HEADER = ["编号", "姓名", "单位", "职务", "职级", "任现职时间", "录用时间"]


def clerk_roster(tmp_path: Path) -> Path:
    """A county roster: a leader in post since 2023.03 without 任职培训, a recruit of 2026.08 written 试用期, one left
    blank, a 一级科员 of 2019 and a row whose 职级 is no level."""
    return make_workbook(tmp_path, {"花名册": [CLERK_HEADER,
                                               ["C1", "钱志明", "城关镇", "党委书记", "正科级", "2023.03", None],
                                               ["C2", "韩梦瑶", "城关镇", "科员", "试用期", "2026.08", "2026.08"],
                                               ["C3", "孔繁星", "石桥乡", "科员", None, "2026.09", "2026.09"],
                                               ["C4", "施磊", "石桥乡", "科员", "一级科员", "2024.08", "2019.08"],
                                               ["C5", "何伟", "城关镇", "科员", "临时工", "2026.08", "2026.08"]]})


@pytest.mark.usefixtures("wide_console")
def test_explain_a_probationer_written_so_or_left_blank(tmp_path: Path) -> None:
    path = clerk_roster(tmp_path)
    for name in ("韩梦瑶", "孔繁星"):
        result = run_cli("explain", path, name, "--as-of", NEEDS_AS_OF)
        assert result.exit_code == 0, result.output
        assert result.stdout.splitlines()[0].split()[-1] == "试用期人员"
        assert any("│ 初任培训 " in line and "须在 12 个月试用期内" in line for line in result.stdout.splitlines())


def test_explain_a_name_on_a_skipped_row_says_where_and_why(tmp_path: Path) -> None:
    path = clerk_roster(tmp_path)
    result = run_cli("explain", path, "何伟", "--as-of", NEEDS_AS_OF)
    assert result.exit_code == 2 and result.stdout == ""
    assert " ".join(result.stderr.split()) == (
        "错误：「何伟」在 roster.xlsx 工作表「花名册」第 6 行，该行已跳过，未作分析：第 6 行「职级」列：「临时工」不在配置的职级序列中；"
        "应为：职级，如 县处级副职、一级主任科员（试用期尚未定级的写 试用期人员、试用期 或 未定级）；改正后重新运行")
    english = run_cli("explain", path, "何伟", "--as-of", NEEDS_AS_OF, "--lang", "en")
    assert english.exit_code == 2
    assert " ".join(english.stderr.split()).startswith(
        'Error: "何伟" is on roster.xlsx, sheet 花名册, row 6, which was skipped and not analyzed: row 6, column '
        '"职级": "临时工" is not a level of the configured ladder;')


def test_explain_a_skipped_row_of_an_english_roster_names_the_levels_in_english(tmp_path: Path) -> None:
    path = make_csv(tmp_path, [["Cadre ID", "Name", "Unit", "Post", "Level"],
                               ["E1", "Wang Ying", "Finance Bureau", "Chief", "Section Chief"],
                               ["E2", "Xie De", "Finance Bureau", "Chief", "Section Chef"]])
    result = run_cli("explain", path, "E2", "--as-of", NEEDS_AS_OF)
    assert result.exit_code == 2 and result.stdout == ""
    assert " ".join(result.stderr.split()) == (
        'Error: "E2" is on roster.csv, row 3, which was skipped and not analyzed: row 3, column "Level": "Section Chef" '
        "is not a level of the configured ladder (did you mean Section Chief?); expected a level such as Deputy "
        "Division Director or Level-1 Principal Staff Member (Probationer, probation or not yet graded for a "
        "probationer not yet graded); correct it and run again")


@pytest.mark.usefixtures("wide_console")
def test_explain_says_which_obligations_a_cadres_old_dates_leave_unchecked(tmp_path: Path) -> None:
    path = clerk_roster(tmp_path)
    result = run_cli("explain", path, "钱志明", "--as-of", NEEDS_AS_OF)
    assert result.exit_code == 0, result.output
    fired, _, not_fired = result.stdout.partition("未触发的规则")
    assert "任职培训" not in fired
    assert any("任职培训（obligation:appointment）" in line and "任现职时间 2023-03-01，已超过 36 个月的补训期限"
               "（obligations.window_months），不再检查任职培训" in line for line in not_fired.splitlines())
    staff = run_cli("explain", path, "施磊", "--as-of", NEEDS_AS_OF).stdout.partition("未触发的规则")[2]
    assert any("初任培训（obligation:initial）" in line and "录用时间 2019-08-01，已超过 36 个月的补训期限" in line
               for line in staff.splitlines())
    english = run_cli("explain", path, "钱志明", "--as-of", NEEDS_AS_OF, "--lang", "en")
    assert any("Appointment training (obligation:appointment)" in line and "Appointed to current post 2023-03-01: "
               "more than 36 months ago, past the window in which appointment training is checked "
               "(obligations.window_months)" in line for line in english.stdout.splitlines())


@pytest.mark.usefixtures("wide_console")
def test_explain_in_english(tmp_path: Path) -> None:
    result = run_cli("explain", make_needs_workbook(tmp_path), "C01", "--as-of", NEEDS_AS_OF, "--lang", "en")
    assert result.exit_code == 0, result.output
    fired, _, not_fired = result.stdout.partition("Rules that did not fire")
    assert not_fired
    assert any("Appointment training, county/division level and up" in line and "│ Appointment training " in line
               and "appointed 2026-08-01; due within 12 months (2027-08-01), at least 30 days" in line
               for line in fired.splitlines())
    assert any("│ Hours standard " in line and "hours standard (90 days or 550 h in 5 years): concentrated training "
               "300 h, 250 h short, due 2027-08-01" in line for line in fired.splitlines())
    assert any("grassroots" in line and "category leading cadre (needs grassroots cadre)" in line for line in not_fired.splitlines())
    assert "initial-training" not in not_fired and "obligation:" not in not_fired


# --- JSON ------------------------------------------------------------------------------------------

@pytest.mark.usefixtures("narrow_console")
def test_json_summary(tmp_path: Path) -> None:
    out = tmp_path / "a-rather-long-output-folder-name-for-a-narrow-terminal" / "out"
    result = run_analyze(make_needs_workbook(tmp_path), "-o", out, "--as-of", NEEDS_AS_OF, "--format", "json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["as_of"] == NEEDS_AS_OF
    assert summary["lang"] == "zh"
    assert summary["exit_code"] == 0
    assert summary["problems"] == []
    assert summary["inputs"] == {"roster": 6, "posts": 1, "priorities": 4}
    counts = summary["counts"]
    rows = csv_records(out / "needs.csv")
    assert counts["cadres"] == 6
    assert counts["needs"] == len(rows)
    sources = ("obligation", "theory-core", "compliance", "organizational", "post", "personal")
    assert list(counts["needs_by_source"]) == list(sources)
    assert counts["needs_by_source"] == {s: sum(1 for r in rows if r["source"] == s) for s in sources}
    assert counts["needs_by_source"]["obligation"] == 6
    assert counts["compliance_rate"] == 0.5  # C01, C02 and C03 short; C04, C05 and C06 met
    assert counts["hours_not_reported"] == 0
    assert counts["unmatched"] == 2
    # the roster has no 本年度网络学时 column: online learning unknown for all, counted, and no cell warned of
    assert counts["obligations"] == {
        "appointment": {"due": 1, "overdue": 0, "met": 0, "unknown": 0},
        "initial": {"due": 1, "overdue": 0, "met": 0, "unknown": 0},
        "rotation": {"due": 1, "overdue": 0, "met": 0, "unknown": 0},
        "hours": {"due": 3, "overdue": 0, "met": 3, "unknown": 0},
        "online": {"due": 0, "overdue": 0, "met": 0, "unknown": 6}}
    assert counts["overdue_by_unit"] == {}
    assert {Path(p).name for p in summary["outputs"]} >= {"gap-report.xlsx", "needs.csv", "plan.csv"}
    assert all(Path(p).is_file() or (Path(p).is_dir() and Path(p).name == "snapshot") for p in summary["outputs"])
    assert any(Path(p).name == "needs.parquet" for p in summary["outputs"])
    plan = summary["classes"]
    assignments = csv_records(out / "assignments.csv")
    assert plan["needs_served"] == len(assignments)
    assert plan["routes"] == {route: sum(1 for a in assignments if a["route"] == route)
                              for route in ("class", "sent-up", "online", "in-unit")} | {"unmet": plan["unmet"]}
    assert plan["count"] == len(csv_records(out / "plan.csv"))
    # coverage: each source's needs that ask for a class, by route and unmet; the hours standard apart
    assert list(plan["coverage"]["by_source"]) == list(sources)
    for source, entry in plan["coverage"]["by_source"].items():
        assert entry["needs"] + entry["no_class"] == counts["needs_by_source"][source], source
        assert sum(entry["counts"].values()) == entry["needs"]
        if entry["needs"]:
            assert sum(entry["shares"].values()) == pytest.approx(1, abs=1e-3), source
    assert plan["coverage"]["by_source"]["obligation"]["no_class"] == 3  # C01-C03's hours standard
    assert plan["hours_after_plan"]["cadres"] == 3
    assert plan["obligations_served"]["asked"] == plan["coverage"]["by_source"]["obligation"]["needs"]
    assert plan["budget"] == 0  # no resource: every class unassigned, no cost
    assert plan["limits"] == {"min_size": 15, "max_size": 50, "max_per_cadre": plan["limits"]["max_per_cadre"],
                              "leader_max_callups": plan["limits"]["leader_max_callups"],
                              "max_days_away": plan["limits"]["max_days_away"], "periods": 12,
                              "unit_away_share": 0.2}


@pytest.mark.usefixtures("narrow_console")
def test_json_names_no_person(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_analyze(bad_rows_workbook(tmp_path), "-o", out, "--as-of", NEEDS_AS_OF, "--format", "json")
    assert result.exit_code == 1
    summary = json.loads(result.stdout)
    assert summary["exit_code"] == 1
    assert [(p["row"], p["code"]) for p in summary["problems"]] == [(5, "unknown-level"), (6, "bad-date")]
    for row in [*NEEDS_CADRES[:2], [CANARY_ID, CANARY_NAME]]:
        assert str(row[0]) not in result.stdout
        assert str(row[1]) not in result.stdout


# --- the plan's parts of the summaries ---------------------------------------------------------------

@pytest.mark.usefixtures("wide_console")
def test_the_summary_shows_coverage_budget_hours_and_limits(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_analyze(SAMPLES, "-o", out, "--as-of", NEEDS_AS_OF)
    assert result.exit_code == 1, result.output  # the samples' blank cells, on purpose
    lines = result.stdout.splitlines()
    title = lines.index("需求满足情况（占需开班的需求）")
    header = lines[title + 2]
    assert [w for w in header.replace("┃", " ").split()] == ["需求来源", "需求数", "本级开班", "上级调训",
                                                          "网络培训", "单位自主培训", "未满足"]
    rows = {line.split("│")[1].strip(): line.split("│")[2:-1] for line in lines[title + 3:title + 12]
            if line.startswith("│")}
    assert set(rows) >= {"必训任务", "理论武装", "组织需求", "岗位需求", "个人需求", "全部"}
    summary = json.loads(run_analyze(SAMPLES, "-o", tmp_path / "json", "--as-of", NEEDS_AS_OF,
                                     "--format", "json").stdout)["classes"]
    assert rows["全部"][0].strip() == f'{summary["coverage"]["overall"]["needs"]:,}'  # 4,532: thousands apart
    served = summary["obligations_served"]
    assert f"必训任务已安排：{served['served']}/{served['asked']}（" in result.stdout
    assert f"经费预算：{summary['budget']:,.0f} 元" in result.stdout
    hours = summary["hours_after_plan"]
    assert f"学时测算：{hours['cadres']} 人有学时缺口，期限前的班次覆盖 {hours['covered']} 人" in result.stdout
    assert "编班参数：班额 15–50 人；" in result.stdout
    assert f"已写出 {out / 'plan.csv'}" in result.stdout


@pytest.mark.usefixtures("wide_console")
def test_hours_covered_only_past_their_deadline_are_counted_apart(tmp_path: Path) -> None:
    """C0271, a 局长 promoted in 2023-07 with 415 of the five-year 550 hours, is past the year to make them up; 500
    hours, and the plan's classes of the cycle cover him: not among those covered by their deadline."""
    book = openpyxl.load_workbook(SAMPLES)
    ws = book["干部花名册"]
    header = next(r for r in ws.iter_rows(max_row=5) if r[0].value == "编号")
    five = next(c.column for c in header if c.value == "五年累计学时")
    row = next(r[0].row for r in ws.iter_rows(min_row=header[0].row + 1) if r[0].value == "C0271")
    ws.cell(row, five).value = 500
    book.save(tmp_path / "late.xlsx")
    result = run_analyze(tmp_path / "late.xlsx", "-o", tmp_path / "out", "--as-of", NEEDS_AS_OF)
    hours = json.loads(run_analyze(tmp_path / "late.xlsx", "-o", tmp_path / "json", "--as-of", NEEDS_AS_OF,
                                   "--format", "json").stdout)["classes"]["hours_after_plan"]
    late = hours["advice"]["covered-late"]
    assert late >= 1
    assert (f"学时测算：{hours['cadres']} 人有学时缺口，期限前的班次覆盖 {hours['covered'] - late} 人，已逾期、"
            f"本周期内的班次补足 {late} 人，仍缺 {hours['short']} 人") in result.stdout


def limits_line(stdout: str) -> str:
    return next(line for line in stdout.splitlines() if line.startswith("编班参数："))


@pytest.mark.usefixtures("wide_console")
def test_classes_prints_and_stores_the_limits_it_was_given(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_analyze(make_needs_workbook(tmp_path), "-o", out, "--as-of", NEEDS_AS_OF, "-q").exit_code == 0
    for size in (9, 20, 3):  # each run's options are its own: the --max-size 40 of the run before is not kept
        result = run_cli("classes", out, "--min-size", size)
        assert result.exit_code == 0, result.output
        assert limits_line(result.stdout).startswith(f"编班参数：班额 {size}–50 人；")
        plan_sheet = openpyxl.load_workbook(out / "class-rosters.xlsx")["年度培训计划"]
        assert plan_sheet["A2"].value == limits_line(result.stdout)
        as_json = run_cli("classes", out, "--min-size", size, "--max-size", 40, "--format", "json")
        assert json.loads(as_json.stdout)["classes"]["limits"]["min_size"] == size
        assert json.loads(as_json.stdout)["classes"]["limits"]["max_size"] == 40



def test_classes_keeps_the_plan_start_and_months_analyze_was_given(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_analyze(make_needs_workbook(tmp_path), "-o", out, "--as-of", NEEDS_AS_OF, "-q", "--periods", "6",
                       "--plan-start", "2027-03-01").exit_code == 0
    kept = json.loads(run_cli("classes", out, "--min-size", 3, "--format", "json").stdout)["classes"]
    assert (kept["start"], kept["periods"]) == ("2027-03-01", 6)
    given = json.loads(run_cli("classes", out, "--periods", 3, "--format", "json").stdout)["classes"]
    assert (given["start"], given["periods"]) == ("2027-03-01", 3)
    start_help = run_cli("classes", "--help").stdout.split("--plan-start")[1].split("--periods")[0]
    assert "as in the analyze run" in " ".join(start_help.split())  # not the first of the month after --as-of

# --- languages -------------------------------------------------------------------------------------

EN_SHEETS = ["Summary", "Obligations", "Overdue by unit", "Needs", "Compliance", "Units", "By level",
             "By training type", "Topic ranking", "Unit ranking", "Unmet", "Hours after the plan", "Unmatched",
             "Topic mapping", "Problems"]


def test_lang_en(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_analyze(make_needs_workbook(tmp_path), "-o", out, "--as-of", NEEDS_AS_OF, "--lang", "en")
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out / "gap-report.xlsx")
    assert book.sheetnames == EN_SHEETS
    assert [c.value for c in book["Needs"][1]][:7] == ["Cadre ID", "Name", "Unit", "Department", "Post", "Level",
                                                       "Topic"]
    assert book["Summary"]["A1"].value == "Training needs analysis"
    assert "Training needs analysis" in result.stdout


def test_lang_auto_follows_an_english_roster(tmp_path: Path) -> None:
    roster = make_csv(tmp_path, [
        ["Cadre ID", "Name", "Unit", "Post", "Level", "Hours this year"],
        ["E1", "Alice", "Finance Bureau", "Clerk", "Level-1 Staff Member", 40],
        ["E2", "Bob", "Finance Bureau", "Deputy Director", "Deputy Division Director", None],
    ])
    out = tmp_path / "out"
    result = run_analyze(roster, "-o", out, "--as-of", NEEDS_AS_OF)
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out / "gap-report.xlsx")
    assert book.sheetnames == EN_SHEETS
    rows = sheet_records(out / "gap-report.xlsx", "Compliance")
    assert [(r["Cadre ID"], r["Level"], r["Deficit"], r["Status"]) for r in rows] == [
        ("E1", "Level-1 Staff Member", 50, "deficit"), ("E2", "Deputy Division Director", None, "hours not reported")]
    assert {r["topic"] for r in csv_records(out / "needs.csv")} >= {"Party spirit education"}


def test_lang_auto_follows_a_chinese_roster(tmp_path: Path) -> None:
    out = tmp_path / "out"
    roster = make_csv(tmp_path, [NEEDS_HEADER, *NEEDS_CADRES])
    assert run_analyze(roster, "-o", out, "--as-of", NEEDS_AS_OF, "-q").exit_code == 0
    assert openpyxl.load_workbook(out / "gap-report.xlsx").sheetnames[:4] == ["概要", "必训任务", "逾期未训（按单位）",
                                                                             "需求明细"]


# --- options ---------------------------------------------------------------------------------------

def test_config_can_let_undated_completions_count(tmp_path: Path) -> None:
    roster = make_needs_workbook(tmp_path)

    def lacking_party_spirit(out: Path, *config: str | Path) -> list[str]:
        result = run_analyze(roster, "-o", out, "--as-of", NEEDS_AS_OF, *config, "-q")
        assert result.exit_code == 0, result.output
        return [r["cadre_id"] for r in csv_records(out / "needs.csv") if r["topic"] == "党性教育"]

    # by default a completion without a date does not count: C03's undated 党性教育 is lacking
    assert lacking_party_spirit(tmp_path / "default") == ["C02", "C03", "C04", "C05", "C06"]
    config = tmp_path / "needs.toml"
    config.write_text("[needs]\nundated_completion_counts = true\n", encoding="utf-8")
    assert lacking_party_spirit(tmp_path / "out", "--config", config) == ["C02", "C04", "C05", "C06"]


def test_a_bad_as_of_is_a_usage_error(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_analyze(make_needs_workbook(tmp_path), "-o", out, "--as-of", "2026-13-01")
    assert result.exit_code == 2
    assert "expected a date such as 2026-11-01" in result.output
    assert not out.exists()


def test_the_console_entry_flushes_everything_before_its_quick_exit(tmp_path: Path) -> None:
    """main() leaves with os._exit after flushing: the JSON summary arrives whole, the code is kept."""
    done = run_needscli("analyze", SAMPLES, "-o", tmp_path / "out", "--as-of", "2026-11-01", "--format", "json",
                        "--quiet")
    summary = json.loads(done.stdout)
    assert done.returncode == summary["exit_code"] == 1  # done, with the samples' deliberate warnings only
    assert {(p["code"], p["severity"]) for p in summary["problems"]} == {("compliance-unknown", "warning"),
                                                                          ("topic-close-match", "warning"),
                                                                          ("organizer-from-level", "warning")}
    assert sorted(Path(p).name for p in summary["outputs"]) == sorted(p.name for p in (tmp_path / "out").iterdir())
    missing = run_needscli("analyze", tmp_path / "nowhere.xlsx")
    assert missing.returncode == 2 and missing.stderr.startswith("Error: ")


# --- output a script can read -------------------------------------------------------------------------

def test_quiet_prints_nothing_on_a_clean_run(unit_folder: tuple[Path, Path], tmp_path: Path) -> None:
    folder, _ = unit_folder
    result = run_needscli("analyze", folder, "-o", tmp_path / "out", "--quiet", "--as-of", NEEDS_AS_OF)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert (tmp_path / "out" / "gap-report.xlsx").is_file()


def test_json_is_the_only_thing_on_stdout(tmp_path: Path) -> None:
    folder = make_unit_folder(tmp_path)
    # one bad date, so there is a message to print: it must go to stderr
    make_workbook(folder, {"花名册": [[*UNIT_HEADER, "任现职时间"], [*unit_cadres(1, "市税务局")[0], "2023.13"],
                                      *[[*r, "2020-01"] for r in unit_cadres(1, "市税务局")[1:]]]},
                  title="市税务局干部花名册", name="市税务局.xlsx")
    result = run_needscli("analyze", folder, "-o", tmp_path / "out", "--format", "json", "--as-of", NEEDS_AS_OF)
    assert result.returncode == 1, result.stderr
    summary = json.loads(result.stdout)  # exactly one document: trailing text would not parse
    assert summary["counts"]["cadres"] == len(ALL_UNIT_IDS)
    assert summary["counts"]["problems"] == 1
    assert "日期有误" in result.stderr and "任现职时间" in result.stderr


def test_validate_reads_a_folder_of_unit_rosters_as_analyze_does(tmp_path: Path) -> None:
    """The office checks first what it will analyze: a folder was refused by validate (是文件夹) and taken by
    analyze."""
    folder = make_unit_folder(tmp_path)
    result = run_needscli("validate", folder, "--format", "json", "--as-of", NEEDS_AS_OF)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["counts"]["roster"] == len(ALL_UNIT_IDS)


def test_a_small_office_is_told_what_would_form_the_classes_that_did_not(tmp_path: Path) -> None:
    """15 cadres of one county unit: no class reaches 15 (3 may be away at once); the theory class goes online,
    the obligations (full-time training) stay unmet, and the summary names each group, how it was served and the
    minimum class size that forms it."""
    from builders import make_workbook

    header = ["编号", "姓名", "单位", "职务", "职级", "任现职时间", "参加工作时间", "本年度学时"]
    rows: list[list[object]] = [header]
    for i in range(15):
        level, appointed, entry = (("一级科员", "2026-07", f"2026-0{i + 3}") if i < 4 else
                                   ("乡科级副职", "2026-05", "2005-07") if i < 7 else ("一级主任科员", "2018-05", "2008-07"))
        rows.append([f"N{i:02d}", f"人{i}", "XX县农业农村局", "科员", level, appointed, entry, 95])
    out = tmp_path / "out"
    result = run_analyze(make_workbook(tmp_path, {"花名册": rows}), "-o", out, "--as-of", "2026-11-01")
    assert result.exit_code == 0, result.output
    assert "未成班的（及所走途径、可开班的最小班额或单位同时离岗比例）：" in result.stdout
    assert "初任培训（县委管理）：4 人，未满足；最小班额降到 3 可开班" in result.stdout
    as_json = run_analyze(make_workbook(tmp_path, {"花名册": rows}), "-o", tmp_path / "again", "--as-of", "2026-11-01",
                          "--format", "json")
    groups = json.loads(as_json.stdout)["classes"]["no_class"]
    assert {(g["topic_id"], g["band"]): (g["cadres"], g["route"], g["min_size"]) for g in groups} == {
        ("theory-core-class", "一般干部"): (12, "online", 3), ("theory-core-class", "领导干部"): (3, "online", 3),
        ("initial-training", ""): (4, "unmet", 3), ("appointment-township", ""): (3, "unmet", 3)}


def test_the_groups_past_the_first_ten_are_found_where_they_were_written(tmp_path: Path) -> None:
    """The summary names ten groups too small for a class; the rest are on class-rosters.xlsx's sheet of them,
    or, where no workbook was written, in the JSON summary."""
    out = tmp_path / "out"
    result = run_analyze(SAMPLES, "-o", out, "--as-of", "2026-11-01")
    assert result.exit_code == 1, result.output  # the samples' warnings
    groups = openpyxl.load_workbook(out / "class-rosters.xlsx", read_only=True)["未成班"].max_row - 3
    assert groups > 10
    assert f"……另有 {groups - 10} 组，见班次名册 class-rosters.xlsx 的「未成班」工作表" in result.stdout
    bare = run_analyze(SAMPLES, "-o", tmp_path / "bare", "--as-of", "2026-11-01", "--formats", "csv,parquet")
    assert not (tmp_path / "bare" / "class-rosters.xlsx").exists()
    assert f"……另有 {groups - 10} 组，见 --format json 输出的 classes.no_class" in bare.stdout
    summary = json.loads(run_analyze(SAMPLES, "-o", tmp_path / "json", "--as-of", "2026-11-01", "--formats",
                                     "csv", "--format", "json").stdout)
    assert len(summary["classes"]["no_class"]) == groups
    # hand-outs are workbooks whatever --formats says, but a unit's holds none of the groups: still the JSON
    split = run_analyze(SAMPLES, "-o", tmp_path / "split", "--as-of", "2026-11-01", "--formats", "csv",
                        "--split-by", "unit")
    assert (tmp_path / "split" / "by-unit").is_dir() and not (tmp_path / "split" / "class-rosters.xlsx").exists()
    assert f"……另有 {groups - 10} 组，见 --format json 输出的 classes.no_class" in split.stdout


@pytest.mark.parametrize(("written", "folder"), [("单位", "by-unit"), ("主办", "by-organizer"), ("主办单位", "by-organizer")])
def test_split_by_takes_the_chinese_words_its_help_glosses_the_choices_by(tmp_path: Path, written: str,
                                                                        folder: str) -> None:
    """The Chinese help says 按 unit（单位）或 organizer（主办单位）: a clerk typing --split-by 单位 gets the hand-outs of
    --split-by unit, not a usage error."""
    result = run_analyze(make_needs_workbook(tmp_path), "-o", tmp_path / "out", "--as-of", NEEDS_AS_OF,
                         "--split-by", written, "--formats", "csv", "-q")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").glob("by-*")) == [folder]


def test_a_command_holds_what_it_made_until_the_process_ends_the_last_only(tmp_path: Path) -> None:
    """analyze and classes keep their analysis and plan for the exit, which ends the process without freeing them
    object by object (seconds at a province's scale); the next command in the same process (a script's, a test's)
    replaces them rather than adding to them."""
    from needscli.pipeline import RunResult
    from needscli.planner import Plan

    commands = sys.modules["needscli.cli.app"]
    first = run_analyze(SAMPLES, "-o", tmp_path / "a", "--as-of", NEEDS_AS_OF, "--quiet")
    assert first.exit_code in (0, 1), first.stderr
    (run,) = commands._HELD
    assert isinstance(run, RunResult) and tmp_path / "a" / "gap-report.xlsx" in run.outputs
    again = run_cli("classes", tmp_path / "a", "--max-size", "30", "--quiet")
    assert again.exit_code in (0, 1), again.stderr
    analysis, plan = commands._HELD
    assert isinstance(plan, Plan) and plan.settings["max_size"] == 30 and analysis is not run.analysis


def test_explain_keeps_each_rule_beside_its_reason_however_they_wrap(monkeypatch: pytest.MonkeyPatch) -> None:
    """At 110 columns a reason wraps over three lines: the next reason's rule starts on the line its reason starts."""
    terminal_width(110, monkeypatch)
    result = run_cli("explain", SAMPLES, "C0002", "--as-of", "2026-11-01")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    starts = [line for line in lines if "县处级以上领导干部：领导力" in line]
    assert starts and all("岗位需求规则" in line for line in starts)
    assert all("个人培训需求" in line.split("│")[5] for line in lines if "个人培训需求：领导力提升" in line)


def test_explain_says_an_obligation_a_blank_cell_leaves_unknown() -> None:
    """C0001's 五年累计学时 is blank: the gap report counts the hours standard unknown, and explain said nothing of it."""
    result = run_cli("explain", SAMPLES, "C0001", "--as-of", "2026-11-01", env={"NEEDSCLI_LANG": None, "LANG": "C.UTF-8",
                                                                                 "LC_ALL": None, "COLUMNS": "200"})
    assert result.exit_code in (0, 1), result.output
    # the standard is met by 90 days as well as by 550 hours: the roster has no days column, one to add
    assert ("学时达标：情况未知，花名册中「五年累计学时」为空；填写后重新运行即可判断，也可增加一列「五年累计培训天数」填写"
            "（90 天或 550 学时即达标）") in result.stdout.splitlines()


HOURS_AND_DAYS = [*ROSTER_HEADER, "本年度学时", "本年度培训天数"]


@pytest.mark.parametrize(("hours", "days", "line"), [
    ("", "", "学时达标：情况未知，花名册中「本年度学时」和「本年度培训天数」都为空；填写其中任一项后重新运行即可判断"
             "（12 天或 90 学时即达标）"),
    (60, "", "学时达标：按「本年度学时」计未达标；「本年度培训天数」为空，达到 12 天也算达标，如已达到，填写后重新运行即可判断"),
    ("", 5, "学时达标：按「本年度培训天数」计未达标；「本年度学时」为空，达到 90 学时也算达标，如已达到，填写后重新运行即可判断"),
])
def test_explain_names_the_hours_and_the_days_cells_either_of_which_settles_the_standard(
        tmp_path: Path, hours: object, days: object, line: str) -> None:
    """12 days or 90 hours a year (2023 Regulations Art. 14): a blank days cell may settle what the hours leave short."""
    path = make_csv(tmp_path, roster(["A1", "张三", "市财政局", "科员", "一级科员", hours, days], header=HOURS_AND_DAYS))
    result = run_cli("explain", path, "A1", "--as-of", "2026-11-01", env={"COLUMNS": "200"})
    assert result.exit_code in (0, 1), result.output
    assert line in result.stdout.splitlines()


def test_explain_says_nothing_of_a_days_cell_where_both_figures_are_short(tmp_path: Path) -> None:
    path = make_csv(tmp_path, roster(["A1", "张三", "市财政局", "科员", "一级科员", 60, 5], header=HOURS_AND_DAYS))
    result = run_cli("explain", path, "A1", "--as-of", "2026-11-01", env={"COLUMNS": "200"})
    assert result.exit_code in (0, 1), result.output
    assert not [line for line in result.stdout.splitlines() if line.startswith("学时达标：")]


def test_explain_says_a_column_the_roster_lacks_is_lacking_not_blank(tmp_path: Path) -> None:
    """A roster of 编号, 姓名, 单位, 职务 and 职级 alone: explain told the clerk the 管理权限 and hours cells were blank,
    cells the roster has no column for."""
    path = make_csv(tmp_path, roster(["A1", "张三", "市财政局", "科员", "一级科员"]))
    result = run_cli("explain", path, "A1", "--as-of", "2026-11-01", env={"COLUMNS": "250"})
    assert result.exit_code in (0, 1), result.output
    lines = result.stdout.splitlines()
    assert ("管理权限：花名册没有「管理权限」列，按职级「一级科员」（科员级）归入「市委管理」，依据配置中各级单位各职级层级的管理层级"
            "（organizer_by_unit_level）：市级单位的科员级") in lines
    assert ("学时达标：情况未知，花名册没有「本年度学时」或「本年度培训天数」列；增加其中任一列并填写后重新运行即可判断"
            "（12 天或 90 学时即达标）") in lines
    assert "网络学时：情况未知，花名册没有「本年度网络学时」列；增加该列并填写后重新运行即可判断" in lines
    assert "初任培训：情况未知，花名册没有「录用时间、参加工作时间」列；增加其中一列并填写后重新运行即可判断" in lines
    assert not [line for line in lines if "为空" in line]
