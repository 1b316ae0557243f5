"""`needscli records ...` wiring: exit codes, dry runs, messages, the exported register."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import sqlite3
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from builders import (
    CANARY_ID,
    SAMPLES,
    daily_rosters,
    day_columns,
    day_seat,
    make_class_rosters,
    make_csv,
    make_workbook,
    records_csv,
    roster,
    run_analyze,
    run_cli,
    run_needscli,
    seat,
    sheet_records,
)
from click.testing import Result
from rich.cells import cell_len

from needscli.records.store import DEFAULT_NAME, SCHEMA_VERSION, cadre_records, open_ledger


@pytest.fixture(autouse=True)
def in_tmp_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The current folder is the test's own: a ledger made there by default lands in tmp_path."""
    monkeypatch.chdir(tmp_path)


def run_records(*args: str | Path) -> Result:
    """needscli records with the given arguments."""
    return run_cli("records", *args)


def rows() -> list[list[object]]:
    return [["C1", "", "党性教育", "集中", "2026-03-01", "2026-03-07", 48, 44, "合格"],
            ["C2", "", "法治", "网络", "2026-04-01", "2026-04-01", 6, "", ""]]


@pytest.mark.parametrize("command", [[], ["import"], ["show"], ["summary"], ["export"], ["remove"]])
def test_every_command_has_an_example(command: list[str]) -> None:
    result = run_records(*command, "--help")
    assert result.exit_code == 0
    assert "Example: needscli records" in result.output


def test_import_then_again(tmp_path: Path) -> None:
    path = records_csv(tmp_path, *rows())
    first = run_records("import", path, "--date", "2026-05-01")
    assert first.exit_code == 0, first.output
    assert "records.csv（培训记录表）：新增 2 条，0 条台账中已有" in first.output
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
    assert "将新增 2 条" in result.output and "试运行，没有写入" in result.output
    assert f"试运行，没有写入：台账尚未建立（将建立在：{ledger}）" in result.stdout
    assert "没有可加入的记录" not in result.output  # it has 2 to add: only the dry run wrote nothing
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
    assert "未导入" in result.output and "G2" in result.output and "数字有误" in result.output
    assert CANARY_ID not in result.output


def test_a_row_of_error_values_exits_1_and_is_said_in_chinese(tmp_path: Path) -> None:
    """A records sheet's row of nothing but #N/A was skipped unsaid, the file imported, exit 0."""
    path = make_workbook(tmp_path, {"培训记录": [["编号", "培训主题", "结束日期", "学时"], ["C1", "法治", "2026-03-01", 6],
                                             ["#N/A"] * 4]}, name="records.xlsx")
    result = run_records("import", path, "--ledger", tmp_path / "l.db", "--date", "2026-05-01")
    assert result.exit_code == 1
    assert "records.xlsx（培训记录表）：未导入" in result.stdout and not (tmp_path / "l.db").exists()
    rows = [[cell.strip() for cell in line.split("│")[1:-1]] for line in result.stderr.splitlines() if "│" in line]
    assert rows[0][:4] == ["records.xlsx", "培训记录", "A3", "错误值"]
    message = "".join(row[-1] for row in rows).replace(" ", "")
    assert message.startswith("第3行：读取的各列只有错误值或空白（A3:D3为#N/A），读不出培训记录；应为：改正公式")


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
    assert "C1 的培训记录（1条）" in result.output
    # 7 calendar days, 44 of 48 hours attended: 7 x 44/48 = 6.4167 days, written as an office writes them
    assert "2026年（截至2026-12-31）集中培训：6.4天、44学时" in result.output
    assert re.search(r"│ 44 +│ 44 +│ 6\.4 +│", result.stdout)  # the record's 计入天数 likewise
    assert "2026年网络学时：0" in result.output  # the ledger holds online learning of 2026 (C2's)
    assert "给出 --roster 按职级判断" in result.output
    assert "网络学时要求（每年50学时）：未达标，还差50学时" in result.output
    data = json.loads(run_records("show", "C1", "--ledger", tmp_path / DEFAULT_NAME, "--format", "json",
                             "--as-of", "2026-12-31").stdout)
    assert [(r["topic"], r["end_date"], r["credited"], r["days"]) for r in data["records"]] == [
        ("党性教育", "2026-03-07", 44, 6.4167)]
    assert (data["hours_year"], data["days_year"], data["online_hours_year"]) == (44, 6.42, 0)
    none = run_records("show", "C9", "--ledger", tmp_path / DEFAULT_NAME)
    assert (none.exit_code, none.stdout) == (2, "")
    assert none.stderr == (f"台账：{tmp_path / DEFAULT_NAME}\n错误：台账中没有编号或姓名为「C9」的干部；请给出干部的"
                           "编号（如身份证号）或姓名（按姓名查找须同时给出 --roster 花名册）\n")


def test_a_id_number_with_its_x_in_either_case_shows_the_records(tmp_path: Path) -> None:
    """A 身份证号 typed with x in the records, asked for with x or X: its records (kept under the id as typed)."""
    typed = "33012719900515036x"
    run_records("import", records_csv(tmp_path, [typed, *rows()[0][1:]]))
    for asked in (typed, typed.upper()):
        data = json.loads(run_records("show", asked, "--ledger", tmp_path / DEFAULT_NAME, "--format", "json",
                                      "--as-of", "2026-12-31").stdout)
        assert [r["topic"] for r in data["records"]] == ["党性教育"], asked


def test_show_of_an_id_typed_full_width_lists_its_records(tmp_path: Path) -> None:
    """Ｃ１ typed with a Chinese input method is C1."""
    run_records("import", records_csv(tmp_path, *rows()))
    result = run_records("show", "Ｃ１", "--ledger", tmp_path / DEFAULT_NAME, "--as-of", "2026-12-31")
    assert result.exit_code == 0, result.output
    assert "C1 的培训记录（1条）" in result.stdout


def test_show_of_a_full_width_id_takes_it_as_typed_where_held_so(tmp_path: Path) -> None:
    """Ｃ１ held as a sheet wrote it beside C1: show Ｃ１ lists Ｃ１'s record, not C1's; an id held neither way is said
    folded in the JSON (C9, not Ｃ９)."""
    run_records("import", records_csv(tmp_path, *rows()))
    run_records("import", records_csv(tmp_path, ["Ｃ１", "", "法治", "集中", "", "2026-04-01", 8, "", ""],
                                      name="wide.csv"))
    wide = run_records("show", "Ｃ１", "--ledger", tmp_path / DEFAULT_NAME, "--as-of", "2026-12-31", "--format", "json")
    assert wide.exit_code == 0, wide.output
    assert [(r["cadre_id"], r["topic"]) for r in json.loads(wide.stdout)["records"]] == [("Ｃ１", "法治")]
    none = run_records("show", "Ｃ９", "--ledger", tmp_path / DEFAULT_NAME, "--as-of", "2026-12-31", "--format", "json")
    assert none.exit_code == 2
    assert json.loads(none.stdout)["error"]["message"].startswith("台账中没有编号或姓名为「Ｃ９」的干部")
    number = run_records("show", "11010119900101123x", "--ledger", tmp_path / DEFAULT_NAME, "--as-of", "2026-12-31",
                         "--format", "json")
    assert number.exit_code == 2  # held under neither case of its x: said as typed
    assert "「11010119900101123x」" in json.loads(number.stdout)["error"]["message"]


def test_show_writes_an_id_and_a_file_name_with_brackets_as_written(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """[b] in an id, [draft] in a file's name are no rich markup: the table's title and source column keep them."""
    monkeypatch.setenv("COLUMNS", "200")  # a terminal wide enough for the source in one line
    path = records_csv(tmp_path, ["[b]C1", "", "党性教育", "集中", "2026-03-01", "2026-03-07", 48, 44, "合格"],
                       name="记录[draft].csv")
    run_records("import", path)
    result = run_records("show", "[b]C1", "--ledger", tmp_path / DEFAULT_NAME, "--as-of", "2026-12-31")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("[b]C1 的培训记录（1条）\n")
    assert "│ 记录[draft].csv / 记录[draft] / 第2行 │" in result.stdout


def test_show_puts_each_figure_against_its_standard(tmp_path: Path) -> None:
    """100 online hours and 8 concentrated: online met, concentrated short; 12 dated days: met by days."""
    path = records_csv(tmp_path, ["C1", "", "法治", "集中", "", "2026-04-01", 8, "", ""],
                       ["C1", "", "网络课程", "网络", "", "2026-06-01", 100, "", ""],
                       ["C2", "", "党性教育", "集中", "2026-03-02", "2026-03-07", 36, "", ""],
                       ["C2", "", "法治", "集中", "2026-05-04", "2026-05-09", 36, "", ""])
    assert run_records("import", path).exit_code == 0
    roster_path = make_workbook(tmp_path, {"花名册": roster(["C1", "测试张三", "市财政局", "科员", "一级主任科员"],
                                                            ["C2", "测试李四", "市财政局", "科员", "一级主任科员"])})
    shown = run_records("show", "C2", "--roster", roster_path, "--as-of", "2026-12-31")
    assert shown.exit_code == 0, shown.output
    assert "2026年（截至2026-12-31）集中培训：12天、72学时" in shown.output
    assert "集中培训要求（每年12天或90学时）：达标" in shown.output
    english = run_records("show", "C1", "--roster", roster_path, "--as-of", "2026-12-31", "--lang", "en",
                          "--format", "table")
    assert english.exit_code == 0, english.output
    # the 8 concentrated hours have no start date: hours, no days (shown 0); online records count no days
    assert "Concentrated training in 2026 (to 2026-12-31): 0 days, 8 h" in english.output
    assert "Online learning in 2026: 100 h" in english.output
    # days unknown: the deficit is the hours gap, 90 - 8 (not 72 h less the 8 as 1.33 days)
    assert "Concentrated standard (12 days or 90 h a year): not met, 82 h short" in english.output
    assert "Online requirement (50 h a year): met" in english.output
    data = json.loads(run_records("show", "C1", "--roster", roster_path, "--as-of", "2026-12-31",
                                  "--format", "json").stdout)
    assert (data["days_year"], data["hours_year"], data["online_hours_year"]) == (0, 8, 100)
    assert (data["standard"], data["met"], data["deficit"], data["online_deficit"]) == ("annual", False, 82, 0)
    assert [(r["topic"], r["credited"], r["days"]) for r in data["records"]] == [("法治", 8, 0), ("网络课程", 100, 0)]


def test_an_english_roster_gives_english_words_unless_lang_says_otherwise(tmp_path: Path) -> None:
    path = records_csv(tmp_path, *rows())
    english_roster = make_csv(tmp_path, [["Cadre ID", "Name", "Unit", "Post", "Level"],
                                         ["C1", "Test Zhang", "Finance Bureau", "Section Chief", "县处级正职"],
                                         ["C2", "Test Li", "Finance Bureau", "Clerk", "一级科员"]],
                              name="roster-en.csv")
    imported = run_records("import", path, "--roster", english_roster, "--date", "2026-05-01")
    assert imported.exit_code == 0, imported.output
    assert "records.csv (records): added 2, 0 already in the ledger\nAdded 2 record(s), 0 already held\n" in imported.stdout
    assert "Ledger: " in imported.stdout
    shown = run_records("show", "C1", "--roster", english_roster, "--as-of", "2026-12-31")
    assert shown.exit_code == 0, shown.output
    assert "Concentrated training in 2026 (to 2026-12-31)" in shown.stdout and "Ledger: " in shown.stderr
    summed = run_records("summary", "--roster", english_roster, "--year", "2026")
    assert summed.exit_code == 0, summed.output
    assert "Training in 2026 by Unit" in summed.stdout
    register = tmp_path / "register.xlsx"
    exported = run_records("export", register, "--roster", english_roster, "--year", "2026")
    assert exported.exit_code == 0, exported.output
    assert f"Wrote {register} (2 cadre(s))" in exported.stderr
    assert openpyxl.load_workbook(register).sheetnames == ["Hours register"]
    missing = run_records("show", "C1", "--roster", english_roster, "--ledger", tmp_path / "none.db")
    assert missing.exit_code == 2
    assert missing.stderr.startswith(f"Error: {tmp_path / 'none.db'}: no ledger here.")
    chinese = run_records("show", "C1", "--roster", english_roster, "--as-of", "2026-12-31", "--lang", "zh")
    assert "2026年（截至2026-12-31）集中培训" in chinese.stdout
    assert "2026年（截至2026-12-31）集中培训" in run_records("show", "C1", "--as-of", "2026-12-31").stdout


def test_an_english_roster_names_the_levels_by_their_english_names(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """summary --by level and the register in English name each level as the config's english does (the roster's
    Division Director is 县处级正职 to the config); --lang zh and --format json keep the config's own names."""
    monkeypatch.setenv("COLUMNS", "160")  # each level on one line
    run_records("import", records_csv(tmp_path, *rows()), "--date", "2026-05-01")
    english_roster = make_csv(tmp_path, [["Cadre ID", "Name", "Unit", "Post", "Level"],
                                         ["C1", "Test Zhang", "Finance Bureau", "Director", "Division Director"],
                                         ["C2", "Test Li", "Finance Bureau", "Clerk", "一级科员"]],
                              name="roster-en.csv")
    summed = run_records("summary", "--by", "level", "--roster", english_roster, "--year", "2026")
    assert summed.exit_code == 0, summed.output
    assert "Division Director" in summed.stdout and "Level-1 Staff Member" in summed.stdout
    assert "县处级正职" not in summed.stdout and "一级科员" not in summed.stdout
    chinese = run_records("summary", "--by", "level", "--roster", english_roster, "--year", "2026", "--lang", "zh")
    assert "县处级正职" in chinese.stdout and "Division Director" not in chinese.stdout
    data = json.loads(run_records("summary", "--by", "level", "--roster", english_roster, "--year", "2026",
                                  "--format", "json").stdout)
    assert sorted(r["group"] for r in data["rows"]) == ["一级科员", "县处级正职"]
    register = tmp_path / "register.xlsx"
    assert run_records("export", register, "--roster", english_roster, "--year", "2026").exit_code == 0
    levels = [row[3] for row in openpyxl.load_workbook(register).active.iter_rows(min_row=5, values_only=True)]
    assert levels == ["Division Director", "Level-1 Staff Member"]


def test_show_finds_a_cadre_by_name_on_the_roster(tmp_path: Path) -> None:
    """A clerk types 李华, not an 18-digit id: the roster's 李　华 (padded with a full-width space) is found, as explain
    finds a cadre; a name two cadres share lists their ids and asks for one; a name nobody has is an error (exit 2)
    saying what was looked for."""
    run_records("import", records_csv(tmp_path, ["C1", "", "党性教育", "集中", "2026-03-01", "2026-03-07", 48, 44, "合格"],
                                      ["C2", "", "法治", "集中", "", "2026-04-01", 8, "", ""]))
    roster_path = make_workbook(tmp_path, {"花名册": roster(["C1", "李　华", "市发改委", "处长", "县处级正职"],
                                                            ["C2", "张敏", "市财政局", "科员", "一级主任科员"],
                                                            ["C3", "张敏", "市统计局", "科员", "一级科员"])})
    for asked in ("李华", "李　华", " 李 华 "):
        shown = run_records("show", asked, "--roster", roster_path, "--as-of", "2026-12-31")
        assert shown.exit_code == 0, (asked, shown.output)
        assert shown.stdout.startswith("C1 李　华 的培训记录（1条）"), asked  # the name as the roster writes it
    data = json.loads(run_records("show", "李华", "--roster", roster_path, "--as-of", "2026-12-31",
                                  "--format", "json").stdout)
    assert (data["cadre_id"], data["name"], data["hours_year"]) == ("C1", "李　华", 44)
    several = run_records("show", "张敏", "--roster", roster_path)
    assert (several.exit_code, several.stdout) == (2, "")
    assert "错误：名册中有 2 人姓名为「张敏」：C2 张敏、C3 张敏；请改用编号" in several.stderr
    nobody = run_records("show", "王五", "--roster", roster_path)
    assert nobody.exit_code == 2
    assert "错误：台账和花名册中没有编号或姓名为「王五」的干部；请给出干部的编号（如身份证号）或姓名\n" in nobody.stderr
    no_roster = run_records("show", "李华")
    assert no_roster.exit_code == 2
    assert "（按姓名查找须同时给出 --roster 花名册）" in no_roster.stderr
    english = run_records("show", "Wang", "--roster", roster_path, "--lang", "en")
    assert english.exit_code == 2
    assert "Error: no cadre with id or name \"Wang\" in the ledger or the roster; give the cadre's id (编号) or name " \
           "(姓名)" in english.stderr


def test_the_roster_is_read_on_the_as_of_day_as_analyze_reads_it(tmp_path: Path) -> None:
    """A blank 职级 is a probationer's within the probation on the as-of day, as analyze --as-of reads it: records show
    found the cadre analyze analysed only where today fell in the probation too."""
    run_records("import", records_csv(tmp_path, ["C1", "", "法治", "集中", "2026-03-06", "2026-03-07", 12, "", ""]))
    roster_path = make_workbook(tmp_path, {"花名册": roster(
        ["C1", "李华", "县财政局", "副局长", "乡科级副职", "2010-07"], ["P1", "新人乙", "县财政局", "科员", "", "2025-11"],
        header=["编号", "姓名", "单位", "职务", "职级", "录用时间"])})
    within = run_records("show", "新人乙", "--roster", roster_path, "--as-of", "2026-10-31")
    assert within.exit_code in (0, 1), within.output
    assert "集中培训要求（每年12天或90学时）：未达标，还差90学时" in within.stdout  # a probationer: staff's standard
    past = run_records("show", "新人乙", "--roster", roster_path, "--as-of", "2027-11-30")
    assert past.exit_code == 2  # past the probation a blank 职级 skips the row, as analyze skips it


def test_show_counts_the_roster_hours_as_analyze_does_and_says_where_each_came_from(tmp_path: Path) -> None:
    """The roster's 本年度学时 joins the ledger's records (as analyze --ledger joins them): 60 + 12 h, 18 h short, as
    the gap report says; a cadre of the roster the ledger holds nothing of shows the roster's figures."""
    run_records("import", records_csv(tmp_path, ["C1", "", "法治", "集中", "2026-03-06", "2026-03-07", 12, "", ""]))
    roster_path = make_workbook(tmp_path, {"花名册": roster(
        ["C1", "李华", "县财政局", "副局长", "乡科级副职", 60, 30], ["C2", "张敏", "县财政局", "股长", "一级科员", 88, ""],
        header=["编号", "姓名", "单位", "职务", "职级", "本年度学时", "本年度网络学时"])})
    shown = run_records("show", "李华", "--roster", roster_path, "--as-of", "2026-10-31")
    assert shown.exit_code == 0, shown.output
    assert "2026年（截至2026-10-31）集中培训：2天、72学时（花名册60学时 + 台账2天、12学时）" in shown.stdout
    assert "2026年网络学时：30（花名册30学时）" in shown.stdout
    assert "集中培训要求（每年12天或90学时）：未达标，还差18学时" in shown.stdout
    assert '花名册所填学时、天数与台账记录相加（[ledger] hours_mode = "add"），与 analyze --ledger 的算法相同' in shown.stdout
    gap = run_analyze(roster_path, "--ledger", tmp_path / DEFAULT_NAME, "--as-of", "2026-10-31", "--output",
                      tmp_path / "out", "--format", "json")
    assert gap.exit_code in (0, 1), gap.output
    compliance = {r["编号"]: r["学时缺口"] for r in sheet_records(tmp_path / "out" / "gap-report.xlsx", "学时达标")}
    assert compliance["C1"] == 18
    unheld = run_records("show", "C2", "--roster", roster_path, "--as-of", "2026-10-31")
    assert unheld.exit_code == 0, unheld.output
    assert "台账中没有 C2 张敏 的培训记录。" in unheld.stderr
    assert "2026年（截至2026-10-31）集中培训：0天、88学时（花名册88学时）" in unheld.stdout
    assert "集中培训要求（每年12天或90学时）：未达标，还差2学时" in unheld.stdout
    data = json.loads(run_records("show", "C1", "--roster", roster_path, "--as-of", "2026-10-31",
                                  "--format", "json").stdout)
    assert (data["hours_mode"], data["sources"]["hours_year"], data["deficit"]) == (
        "add", {"roster": 60, "ledger": 12}, 18)


def test_show_stays_readable_at_80_columns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Piped output is 80 columns wide: the topic, class and source keep readable widths, a date, a class id and
    the file's name are never broken, and no line is wider than the terminal."""
    classes = [{"id": "C010", "topic": "理论教育和党性教育", "period": "2027-03", "hours": 68,
                "seats": [seat("C0011", "", 39.67)]},
               {"id": "C012", "topic": "数字政府与数字化能力", "period": "2027-04", "hours": 12,
                "seats": [seat("C0011", "√")]}]
    run_records("import", make_class_rosters(tmp_path, classes, name="signed.xlsx"))
    monkeypatch.setenv("COLUMNS", "80")
    shown = run_records("show", "C0011", "--as-of", "2027-12-31")
    assert shown.exit_code == 0, shown.output
    table = shown.stdout.split("\n2027年")[0].splitlines()
    assert max(len(line) + sum(1 for ch in line if ord(ch) > 0x2E80) for line in table) <= 80
    rows = [line for line in table if line.startswith("│")]

    def column(i: int) -> list[str]:
        return [cells.split("│")[i + 1].strip() for cells in rows]

    assert [c for c in column(0) if c] == ["2027-03-31", "2027-04-30"]  # each date whole, on the row's first line
    assert [c for c in column(2) if c] == ["C010", "C012"]
    assert "".join(column(1)) == "理论教育和党性教育数字政府与数字化能力"  # the topics whole, 3 characters a line
    assert {len(c) for c in column(1)} <= {0, 1, 3} and len(rows) <= 8
    assert column(8).count("signed.xlsx") == 2
    assert any(line.startswith("┃") and "培训" in line and "主题" not in line for line in table)  # 培训 / 主题


def test_show_at_60_columns_shows_each_record_as_a_card(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """At 60 columns the nine columns cannot keep a date, a class id and a file's name whole side by side (2026 / -12-
    / 21, C00 / 1, sig / ned / .xl / sx): each record is a card, a line a field, each value whole on its line."""
    classes = [{"id": "C010", "topic": "理论教育和党性教育", "period": "2027-03", "hours": 68,
                "seats": [seat("C0011", "", 39.67)]},
               {"id": "C012", "topic": "数字政府与数字化能力", "period": "2027-04", "hours": 12,
                "seats": [seat("C0011", "√")]}]
    run_records("import", make_class_rosters(tmp_path, classes, name="signed.xlsx"))
    monkeypatch.setenv("COLUMNS", "60")
    for lang, end, source in (("zh", "结束日期", "signed.xlsx / C010 / 第"), ("en", "End", "signed.xlsx / C010 / row")):
        shown = run_records("show", "C0011", "--as-of", "2027-12-31", "--lang", lang)
        assert shown.exit_code == 0, shown.output
        table = [line for line in shown.stdout.splitlines() if line.startswith("│")]
        assert max(map(cell_len, shown.stdout.splitlines()[:len(table) + 4])) <= 60
        fields = [[cell.strip() for cell in line.split("│")[1:-1]] for line in table]
        assert [value for name, value in fields if name == end] == ["2027-03-31", "2027-04-30"], fields
        assert any(value.startswith(source) for _, value in fields), fields
        assert "理论教育和党性教育" in [value for _, value in fields]


def _roster(tmp_path: Path) -> Path:
    return make_workbook(tmp_path, {"花名册": roster(["C1", "测试张三", "市发改委", "处长", "县处级正职"],
                                                     ["C2", "测试李四", "市财政局", "科员", "一级主任科员"])})


def test_summary_by_unit_needs_a_roster(tmp_path: Path) -> None:
    run_records("import", records_csv(tmp_path, *rows()))
    roster_path = _roster(tmp_path)
    by_unit = run_records("summary", "--year", "2026", "--roster", roster_path, "--format", "json")
    assert by_unit.exit_code == 0, by_unit.output
    data = json.loads(by_unit.stdout)
    assert [(r["group"], r["days"], r["hours"], r["online"], r["below"], r["online_below"])
            for r in data["rows"]] == [("市发改委", 6.42, 44, 0, 1, 1), ("市财政局", 0, 0, 6, 1, 1)]
    table = run_records("summary", "--year", "2026", "--roster", roster_path)
    assert " 6.4 │" in table.stdout and "6.42" not in table.stdout  # days as an office writes them, right-aligned
    plain = run_records("summary", "--year", "2026", "--ledger", tmp_path / DEFAULT_NAME)
    assert plain.exit_code == 0
    assert "没有给出 --roster：按干部分组（按单位分组需要花名册）" in plain.stderr
    assert "2026年培训情况（按编号）" in plain.output and "网络学时" in plain.output
    english = run_records("summary", "--year", "2026", "--roster", roster_path, "--lang", "en")
    assert "Training in 2026 by Unit" in english.output
    alone = run_records("summary", "--year", "2026", "--ledger", tmp_path / DEFAULT_NAME, "--lang", "en")
    assert "No --roster: grouped by cadre (grouping by unit needs the roster)." in alone.stderr


@pytest.mark.parametrize(("written", "by"), [("职级", "level"), ("单位", "unit"), (" 干部 ", "cadre")])
def test_summary_by_takes_the_chinese_words_its_help_glosses_the_choices_by(tmp_path: Path, written: str,
                                                                          by: str) -> None:
    """The Chinese help says 按单位或职级 …，或按干部: a clerk typing --by 职级 gets the summary of --by level."""
    run_records("import", records_csv(tmp_path, *rows()))
    roster_path = _roster(tmp_path)
    said = run_records("summary", "--year", "2026", "--roster", roster_path, "--format", "json", "--by", written)
    assert said.exit_code == 0, said.output
    assert said.stdout == run_records("summary", "--year", "2026", "--roster", roster_path, "--format", "json",
                                      "--by", by).stdout


def test_summary_keeps_a_units_name_on_one_line_at_80_columns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each unit's name went over 2 to 4 lines beside count columns wider than their figures, left-aligned: the
    headers fold first, and the figures line up at the right."""
    run_records("import", records_csv(tmp_path, *rows()))
    roster_path = make_workbook(tmp_path, {"花名册": roster(
        ["C1", "测试张三", "市城市投资集团有限公司", "处长", "县处级正职"],
        ["C2", "测试李四", "市发展和改革委员会", "科员", "一级主任科员"])})
    for width in ("60", "80"):
        monkeypatch.setenv("COLUMNS", width)
        table = run_records("summary", "--year", "2026", "--roster", roster_path)
        assert table.exit_code == 0, table.output
        lines = table.stdout.splitlines()
        assert max(map(cell_len, lines)) <= int(width)
        shown = [line for line in lines if line.startswith("│")]
        if width == "80":
            assert [line.split("│")[1].strip() for line in shown] == ["市城市投资集团有限公司", "市发展和改革委员会"]
        figures = [line for line in shown if line.split("│")[-2].strip()]
        assert len(figures) == 2 and all(line.endswith(" 1 │") for line in figures), shown  # right-aligned


def test_summary_writes_a_cadre_id_with_brackets_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A group (an id, a unit) with [b] in it is no rich markup: the summary's row keeps it."""
    monkeypatch.setenv("COLUMNS", "200")
    run_records("import", records_csv(tmp_path, ["[b]C1", "", "党性教育", "集中", "2026-03-01", "2026-03-07", 48, 44, "合格"]))
    result = run_records("summary", "--year", "2026", "--ledger", tmp_path / DEFAULT_NAME)
    assert result.exit_code == 0, result.output
    assert "│ [b]C1 " in result.stdout


def test_export_writes_the_register(tmp_path: Path) -> None:
    classes = [{"id": "K001", "topic": "法治政府建设", "period": "2026-06", "hours": 48,
                "seats": [seat("C1", "√"), seat("C2", "", 30)]}]
    assert run_records("import", make_class_rosters(tmp_path, classes)).exit_code == 0
    out = tmp_path / "学时登记.xlsx"
    result = run_records("export", out, "--year", "2026", "--roster", _roster(tmp_path))
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(out)["学时登记"]
    assert ws["A1"].value == "2026年度干部教育培训学时登记表"
    assert [c.value for c in ws[4]] == ["编号", "姓名", "单位", "职级", "本年度集中培训天数", "本年度集中培训学时",
                                        "其中境外培训学时", "本年度网络学时", "五年累计集中培训天数",
                                        "五年累计集中培训学时", "集中培训要求", "应修学时", "学时缺口", "是否达标",
                                        "网络学时要求", "网络学时缺口", "最近完成培训", "备注"]
    # a class of the plan is dated by its month, not its days: it adds its 48 hours and no days (shown 0), so
    # the five-year standard's gap is in hours, 550 - 48 = 502; no online records: online hours unknown
    assert [c.value for c in ws[5]] == ["C1", "测试张三", "市发改委", "县处级正职", 0, 48, 0, None, 0, 48,
                                        "五年90天或550学时", 550, 502, "未达标", 50, None,
                                        "法治政府建设(2026-06-30)", None]
    # 30 of 48 hours: leave above 1/7, not completed: no hours, no days; days unknown, so all 90 h are owed
    assert [c.value for c in ws[6]][:14] == ["C2", "测试李四", "市财政局", "一级主任科员", 0, 0, 0, None, 0, 0,
                                            "每年12天或90学时", 90, 90, "未达标"]


def test_export_that_cannot_be_written_exits_3(tmp_path: Path) -> None:
    run_records("import", records_csv(tmp_path, *rows()))
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run_records("export", blocker / "out.xlsx", "--ledger", tmp_path / DEFAULT_NAME)
    assert result.exit_code == 3
    assert result.output.startswith("Error: ")


@pytest.mark.parametrize("args", [["show", "C1", "--as-of", "xx"], ["import", "records.csv", "--date", "xx"],
                                  ["show", "C1", "--as-of", "0001-01-01"]])
def test_a_value_that_is_no_date_is_a_usage_error_naming_option_and_value(tmp_path: Path, args: list[str]) -> None:
    """Said as analyze says its date options' (one parser); a year past those a run takes (0001) too, not a crash."""
    records_csv(tmp_path, *rows())
    option, value = args[2], args[3]
    said = run_needscli("records", *args, "--format=json", cwd=tmp_path, env={"NEEDSCLI_LANG": "zh"})
    assert said.returncode == 2
    fault = "不是日期" if value == "xx" else "不是 1900 年至 2999 年之间的日期"
    message = f"'{option}' 取值无效：「{value}」{fault}；应为：日期，如 2026-11-01"
    assert said.stderr.endswith(f"用法错误：{message}\n"), said.stderr
    assert f"运行 python -m needscli records {args[0]} --help 查看帮助。" in said.stderr
    assert json.loads(said.stdout)["error"] == {"code": "usage-error", "exit_code": 2, "problems": [],
                                                "message": message}
    english = run_records(*args, "--lang", "en")
    assert english.exit_code == 2
    assert f"Invalid value for '{option}': \"{value}\" is not a date" in english.output
    assert not (tmp_path / DEFAULT_NAME).exists()


def test_a_folder_given_as_the_ledger_or_the_register_is_said_in_chinese(tmp_path: Path) -> None:
    (tmp_path / "adir").mkdir()
    for args in (["show", "C1"], ["import", records_csv(tmp_path, *rows())], ["summary", "--by", "cadre"]):
        said = run_records(*args, "--ledger", "adir")
        assert said.exit_code == 2, said.output
        assert said.stderr == ("Error: adir：是文件夹，不是台账文件；请用 --ledger 指定台账文件本身，"
                               f"如 --ledger {Path('adir') / DEFAULT_NAME}\n")
    assert list((tmp_path / "adir").iterdir()) == []


EXPORT_KEPT = ("：文件已存在，而且不是 needscli 以前写出、此后没有改动过的学时登记表（可能是签好的签到表，或编辑过的"
               "登记表）；为免覆盖，没有写入任何文件。请换一个文件名，或确认不再需要它后加 --force 覆盖\n")


def test_export_never_replaces_a_file_the_office_made_without_force(tmp_path: Path) -> None:
    classes = [{"id": "K001", "topic": "法治政府建设", "period": "2026-06", "hours": 48, "seats": [seat("C1", "√")]}]
    signed = make_class_rosters(tmp_path, classes)
    assert run_records("import", signed).exit_code == 0
    copy = tmp_path / "signed-copy.xlsx"
    copy.write_bytes(signed.read_bytes())
    kept = run_records("export", copy, "--year", "2026")
    assert kept.exit_code == 3, kept.output
    assert kept.stderr == f"Error: {copy}{EXPORT_KEPT}"
    assert copy.read_bytes() == signed.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["class-rosters.xlsx", DEFAULT_NAME, "signed-copy.xlsx"]
    english = run_records("export", copy, "--lang", "en")
    assert english.exit_code == 3
    assert english.stderr.startswith(f"Error: {copy}: already exists and is not a register needscli wrote")
    register = tmp_path / "学时登记.xlsx"
    assert run_records("export", register, "--year", "2025").exit_code == 0
    again = run_records("export", register, "--year", "2026")  # its own register, as written: replaced
    assert again.exit_code == 0, again.output
    assert openpyxl.load_workbook(register)["学时登记"]["A1"].value == "2026年度干部教育培训学时登记表"
    edited = openpyxl.load_workbook(register)
    edited["学时登记"]["R5"] = "已核对"
    edited.save(register)
    before = register.read_bytes()
    assert run_records("export", register, "--year", "2026").exit_code == 3
    assert register.read_bytes() == before
    for flag in ("--force", "--overwrite"):
        replaced = run_records("export", copy, "--year", "2026", flag)
        assert replaced.exit_code == 0, replaced.output
        assert openpyxl.load_workbook(copy).sheetnames == ["学时登记"]
        copy.write_bytes(signed.read_bytes())


def test_export_writes_a_xlsx_name_only_and_says_so(tmp_path: Path) -> None:
    run_records("import", records_csv(tmp_path, *rows()))
    for name in ("out.csv", "register"):
        refused = run_needscli("records", "export", name, cwd=tmp_path, env={"NEEDSCLI_LANG": "zh"})
        assert refused.returncode == 2, refused.stderr
        assert refused.stderr.endswith(f"用法错误：'文件' 取值无效：'{name}' 不是以 .xlsx 结尾的文件名；"
                                       "学时登记表只写成 Excel 工作簿（.xlsx）\n")
        assert not (tmp_path / name).exists()
    (tmp_path / "out").mkdir()
    folder = run_needscli("records", "export", "out", cwd=tmp_path, env={"NEEDSCLI_LANG": "zh"})
    assert folder.returncode == 2
    assert folder.stderr.endswith(f"用法错误：'文件' 取值无效：'out' 是文件夹；请给出学时登记表的文件名，"
                                  f"如 {Path('out') / '学时登记.xlsx'}\n")
    english = run_needscli("records", "export", "out.CSV", "--lang", "en", cwd=tmp_path)
    assert english.stderr.endswith("Error: Invalid value for 'FILE': 'out.CSV' is not a .xlsx file name; the "
                                   "register is written as an Excel workbook (.xlsx) only\n")
    # an English locale, no --lang: the error in English names FILE, not 文件
    locale = run_needscli("records", "export", "out.CSV", cwd=tmp_path,
                          env={"NEEDSCLI_LANG": None, "LC_ALL": "en_US.UTF-8", "LC_MESSAGES": None, "LANG": None})
    assert locale.stderr.endswith("Error: Invalid value for 'FILE': 'out.CSV' is not a .xlsx file name; the "
                                  "register is written as an Excel workbook (.xlsx) only\n")
    assert run_records("export", tmp_path / "Register.XLSX").exit_code == 0
    # said before the roster is read: a name refused costs no wait, and no roster problem comes first
    unread = run_needscli("records", "export", "out.csv", "--roster", "missing.xlsx", cwd=tmp_path,
                          env={"NEEDSCLI_LANG": "zh"})
    assert unread.returncode == 2
    assert "不是以 .xlsx 结尾的文件名" in unread.stderr and "missing.xlsx" not in unread.stderr


def test_export_over_its_roster_says_what_export_takes(tmp_path: Path) -> None:
    run_records("import", records_csv(tmp_path, *rows()))
    roster_path = _roster(tmp_path)
    before = roster_path.read_bytes()
    result = run_records("export", roster_path, "--roster", roster_path, "--force")
    assert result.exit_code == 3, result.output
    assert result.stderr == (f"错误：{roster_path}：这是本次运行的输入文件（花名册），学时登记表不能写在它上面，"
                             "本次没有写入任何文件；请给 records export 另一个文件名，如 学时登记.xlsx\n")
    assert roster_path.read_bytes() == before


def test_records_import_cli_on_the_class_rosters_analyze_wrote(tmp_path: Path) -> None:
    """The tester's case: the samples' class-rosters.xlsx, one row of C001 with 签到 abc and more hours
    than the class has (70 of 68 when it was found)."""
    out = tmp_path / "out"
    ran = run_analyze(SAMPLES, "--as-of", "2026-11-01", "-o", out, "--quiet")
    assert ran.exit_code in (0, 1), ran.output  # 1: done, with the samples' data problems listed
    book = openpyxl.load_workbook(out / "class-rosters.xlsx")
    ws, overview = book["C001"], book["班次总览"]
    assert overview["A2"].value == "C001"
    hours = overview.cell(2, header_cell(overview, "学时").column).value
    assert isinstance(hours, int | float) and hours > 0
    sign, attended = header_cell(ws, "签到"), header_cell(ws, "出勤学时")
    seat_row = next(r for r in range(sign.row + 1, ws.max_row + 1) if ws.cell(r, 1).value == 1)
    ws.cell(seat_row, sign.column).value = "abc"
    ws.cell(seat_row, attended.column).value = hours + 2
    # a printed id typed over with another (the hidden column keeps the one the sheet was written with)
    id_column = header_cell(ws, "编号").column
    typed = ws.cell(seat_row + 1, id_column)
    typed.value = "C9999"
    ws.cell(seat_row + 1, sign.column).value = "√"
    signed = tmp_path / "signed.xlsx"
    book.save(signed)
    result = run_records("import", signed, "--ledger", tmp_path / "l.db", "--format", "json", "--date", "2027-12-31")
    assert result.exit_code == 1, result.output  # imported once the plan's classes have ended
    problems = json.loads(result.stdout)["problems"]
    # the seats left blank of members whose seat is an appointment training (必训：…) are each said at their note
    missed = [p for p in problems if p["code"] == "compulsory-missed"]
    assert missed and all(p["column"] == "备注" and "任职培训" in p["message"] for p in missed)  # the duty noted
    assert sorted((p["sheet"], p["cell"], p["code"]) for p in problems if p not in missed) == [
        ("C001", typed.coordinate, "unexpected-id"),
        ("C001", f"{sign.column_letter}{seat_row}", "bad-value"),
        ("C001", f"{attended.column_letter}{seat_row}", "bad-number")]


def header_cell(ws: Any, text: str) -> Any:
    """The first cell of the sheet's first rows that holds text (a header, wherever the layout puts it)."""
    return next(cell for row in ws.iter_rows(max_row=10) for cell in row if cell.value == text)


# ---- where the ledger is: one rule for every records command ----------------------------------------


def test_show_finds_the_ledger_import_made_from_an_output_folder(tmp_path: Path) -> None:
    """The report's case: records import needscli-out/class-rosters.xlsx, then records show in the same folder."""
    out = tmp_path / "needscli-out"
    out.mkdir()
    classes = [{"id": "K001", "topic": "法治政府建设", "period": "2026-06", "hours": 48, "seats": [seat("C1", "√")]}]
    imported = run_records("import", make_class_rosters(out, classes))
    assert imported.exit_code == 0, imported.output
    ledger = tmp_path / DEFAULT_NAME  # the current folder's, not the output folder's
    assert f"台账：{ledger}" in imported.stdout
    assert not (out / DEFAULT_NAME).exists()
    shown = run_records("show", "C1", "--as-of", "2026-12-31")
    assert shown.exit_code == 0, shown.output
    assert "C1 的培训记录（1条）" in shown.stdout
    assert shown.stderr.startswith(f"台账：{ledger}\n")
    summary = run_records("summary", "--year", "2026", "--format", "json")
    assert summary.exit_code == 0, summary.output
    assert json.loads(summary.stdout)["ledger"] == str(ledger)


def test_every_command_takes_the_ledger_the_project_file_names(tmp_path: Path) -> None:
    (tmp_path / "needscli.toml").write_text('[inputs]\nledger = "records/office.db"\n', encoding="utf-8")
    (tmp_path / "records").mkdir()
    imported = run_records("import", records_csv(tmp_path, *rows()), "--format", "json")
    assert imported.exit_code == 0, imported.output
    assert json.loads(imported.stdout)["ledger"] == str(tmp_path / "records" / "office.db")
    shown = run_records("show", "C1", "--format", "json")
    assert json.loads(shown.stdout)["ledger"] == str(tmp_path / "records" / "office.db")


def test_a_ledger_an_earlier_version_put_beside_the_file_is_named_not_split(tmp_path: Path) -> None:
    """needscli 0.1 put the ledger beside the first file imported: a new import names it, and makes no second ledger."""
    data = tmp_path / "data"
    data.mkdir()
    old = data / DEFAULT_NAME
    assert run_records("import", records_csv(data, rows()[0], name="first.csv"), "--ledger", old).exit_code == 0
    result = run_records("import", records_csv(data, *rows()))
    assert result.exit_code == 2, result.output
    here = tmp_path / DEFAULT_NAME
    assert result.stderr == (f"Error: {here} 不存在，但 {old} 是一个台账（早期版本把台账放在导入的文件旁边）；"
                             f"请加 --ledger {old}，或把它移到 {here}\n")
    assert not here.exists()
    shown = run_records("show", "C1", "--roster", _roster(data))
    assert shown.exit_code == 2 and f"但 {old} 是一个台账" in shown.stderr


def test_show_without_a_ledger_says_where_every_command_looks(tmp_path: Path) -> None:
    result = run_records("show", "C1")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {tmp_path / DEFAULT_NAME}：没有台账。所有 records 命令都在同一位置找台账")


def test_import_of_a_file_the_reader_refuses_makes_no_ledger(tmp_path: Path) -> None:
    unusable = make_workbook(tmp_path, {"Sheet1": [["甲", "乙"], [1, 2]]}, name="other.xlsx")
    result = run_records("import", unusable)
    assert result.exit_code == 2, result.output
    assert "no records table found" in result.stderr
    bad_rows = records_csv(tmp_path, ["C1", "", "法治", "集中", "2026-03-01", "2026-03-07", "x", "", ""])
    rejected = run_records("import", bad_rows)
    assert rejected.exit_code == 1, rejected.output
    assert f"没有可加入的记录，未建立台账（台账位置：{tmp_path / DEFAULT_NAME}）" in rejected.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.xlsx", "records.csv"]  # no -wal, -shm either


def test_a_ledger_path_too_long_is_an_output_failure(tmp_path: Path) -> None:
    path = tmp_path / ("a" * 300 + ".db")
    imported = run_records("import", records_csv(tmp_path, *rows()), "--ledger", path)
    assert imported.exit_code == 3, imported.output
    assert imported.stderr == f"Error: {path}：路径太长，系统无法建立，没有写入；请选一个较短的输出路径\n"
    shown = run_records("show", "C1", "--ledger", path)
    assert shown.exit_code == 2
    assert shown.stderr == f"Error: {path}：无法打开台账（File name too long）；请用 --ledger 指定台账文件\n"


@pytest.mark.parametrize("damage", ["drop-table", "bad-pages"])
def test_a_damaged_ledger_is_named_and_exits_2(tmp_path: Path, damage: str) -> None:
    ledger = tmp_path / "l.db"
    topics = ("法治", "党性教育", "数字政府")  # the catalog's: an unknown topic would be warned of
    many = [[f"C{i}", "", topics[i % 3], "集中", "2026-03-01", "2026-03-07", 48, "", ""] for i in range(2000)]
    assert run_records("import", records_csv(tmp_path, *many), "--ledger", ledger).exit_code == 0
    if damage == "drop-table":
        conn = sqlite3.connect(ledger)
        conn.execute("DROP TABLE sources")
        conn.close()
    else:
        with open(ledger, "r+b") as handle:
            handle.seek(4096 * 12)
            handle.write(b"\xff" * 4096)
    for args in (["show", "C5"], ["summary", "--year", "2026", "--by", "cadre"], ["import", records_csv(tmp_path, *rows())],
                 ["remove", "--cadre", "C5", "--yes"]):
        result = run_records(*args, "--ledger", ledger)
        assert result.exit_code == 2, (args, result.output)
        assert "internal error" not in result.stderr
        assert result.stderr == (f"Error: {ledger}：台账不完整，缺少 sources（文件可能被其他程序改过）；请换用备份的台账，"
                                 "或用 --ledger 指定另一个台账\n" if damage == "drop-table" else
                                 f"Error: {ledger}：台账文件已损坏（database disk image is malformed）；请换用备份的台账，"
                                 "或用 --ledger 指定另一个台账\n")



def test_a_ledger_edited_by_hand_is_named_where_it_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "400")  # each problem on one line: read whole below
    ledger = tmp_path / "l.db"
    assert run_records("import", records_csv(tmp_path, *rows()), "--ledger", ledger).exit_code == 0
    conn = sqlite3.connect(ledger)
    conn.execute("UPDATE records SET end_date = '2026-13-45' WHERE cadre_id = 'C1'")  # as DB Browser lets anyone
    conn.commit()
    conn.close()
    named = ('台账第 1 条记录（导入自 records.csv，工作表「records」第 2 行；编号 C1）的「结束日期」（end_date）为 '
             '"2026-13-45"，无法读取；应为：写作 2026-05-01 的日期')
    # on the terminal, beside the figures: the other records counted, the edited one named (exit 1)
    for args in (["show", "C1"], ["summary", "--year", "2026"]):
        result = run_records(*args, "--ledger", ledger)
        assert result.exit_code == 1, (args, result.output)
        assert "internal error" not in result.stderr
        assert f"{ledger}：有 1 条台账记录无法读取（可能被手工改动过），未计入上面的数字，其余记录照常计入" in result.stderr
        assert named in result.stderr
    summed = json.loads(run_records("summary", "--year", "2026", "--ledger", ledger, "--format", "json").stdout)
    assert [(r["group"], r["online"]) for r in summed["rows"]] == [("C2", 6)]  # C2's record counted, C1's nowhere
    assert run_records("show", "C2", "--ledger", ledger).exit_code == 0  # C2's own records are readable
    # written out, the figures would lack it unsaid: the run stops, nothing written (exit 2)
    analyzed = run_analyze(SAMPLES, "--ledger", ledger, "--as-of", "2026-11-01", "-o", tmp_path / "out",
                           env={"NEEDSCLI_LANG": "zh"})
    assert analyzed.exit_code == 2, analyzed.output
    assert analyzed.stderr.startswith(f"错误：{ledger}：有 1 条台账记录无法读取（可能被手工改动过），写出的数字会漏掉它们")
    assert named in analyzed.stderr and "needscli records remove --source records.csv --cadre C1" in analyzed.stderr
    exported = run_records("export", tmp_path / "r.xlsx", "--ledger", ledger)
    assert exported.exit_code == 2 and named in exported.stderr
    assert not (tmp_path / "out").exists() and not (tmp_path / "r.xlsx").exists()



def test_a_records_sheets_impossible_rows_are_counted_on_its_line_and_named(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "400")  # each problem on one line: read whole below
    path = make_csv(tmp_path, [["编号", "姓名", "培训主题", "开始日期", "结束日期", "学时"],
                               ["C1", "", "党性教育", "2026-03-01", "2026-03-05", 30],
                               ["C9999", "", "党性教育", "2026-03-01", "2026-03-05", 30],
                               ["C2", "", "党性教育", "2026-03-01", "2026-03-05", 999999999],
                               ["C2", "", "党性教育", "1900-01-01", "2999-12-31", 30]], name="records2.csv")
    on_roster = make_csv(tmp_path, roster(["C1", "测试张三", "市财政局", "科员", "一级科员"],
                                          ["C2", "测试李四", "市财政局", "科员", "一级科员"]), name="roster.csv")
    result = run_records("import", path, "--ledger", tmp_path / "l.db", "--roster", on_roster)
    assert result.exit_code == 1, result.output
    assert ("records2.csv（培训记录表）：新增 2 条，0 条台账中已有；其中 1 人次的编号不在 --roster 给出的花名册上，仍已记入台账；"
            "2 人次暂不记录（见下方警告，改正后重新导入）") in result.stdout
    assert ("第 4 行「学时」列：为 999999999 学时，超过 5 天培训所能容纳的学时；该行未记入台账，请改正后重新导入该文件；应为：不超过 "
            "60 学时（每天 6 学时，hours.day_hours；乘以 [ledger] day_hours_slack 2）") in result.stderr
    assert ("第 5 行「结束日期」列：使这次培训从 1900-01-01 到 2999-12-31，长达 401767 天；该行未记入台账，请改正后重新导入该文件；"
            "应为：一次培训最多 366 天（[ledger] max_training_days）") in result.stderr
    assert "第 3 行「编号」列：该编号不在 --roster 给出的花名册上，该培训记录仍已记入台账" in result.stderr
    with open_ledger(tmp_path / "l.db", create=False) as book:
        assert [r.hours for r in cadre_records(book, "C2")] == []


def test_a_records_sheets_training_not_ended_by_the_import_date_is_counted_on_its_line_and_named(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--date is the import date (today by default): a row ending after it is held back, shown by a dry run too, and
    recorded by an import dated after it."""
    monkeypatch.setenv("COLUMNS", "400")  # each problem on one line: read whole below
    header = ["编号", "姓名", "培训主题", "开始日期", "结束日期", "学时"]
    path = make_csv(tmp_path, [header, ["C1", "", "党性教育", "2026-03-01", "2026-03-05", 30],
                               ["C2", "", "党性教育", "2027-03-01", "2027-03-05", 30]], name="planned.csv")
    ledger = tmp_path / "l.db"
    dry = run_records("import", path, "--ledger", ledger, "--date", "2026-12-07", "--dry-run")
    assert dry.exit_code == 1, dry.output
    assert ("planned.csv（培训记录表）：将新增 1 条，0 条台账中已有；1 条培训的结束日期晚于导入日期，尚未结束，暂不记录（见下方警告，"
            "培训结束后重新导入）") in dry.stdout
    assert ("第 3 行「结束日期」列：2027-03-05 晚于导入日期 2026-12-07：培训届时尚未结束，不可能已参加（可能是计划中的培训，或年份写错）；"
            "该行未记入台账；应为：培训结束后重新导入该文件（已记入台账的行不会重复记入）；日期写错的，改正后重新导入") in dry.stderr
    assert "培训尚未结束" in dry.stderr and not ledger.exists()
    soon = dt.date.today() + dt.timedelta(days=30)
    ahead = make_csv(tmp_path, [header, ["C3", "", "法治", soon.isoformat(), soon.isoformat(), 6]], name="ahead.csv")
    today = run_records("import", ahead, "--ledger", ledger, "--format", "json", "--lang", "en")
    assert today.exit_code == 1, today.output
    said = json.loads(today.stdout)
    assert [(f["added"], f["not_ended_rows"]) for f in said["files"]] == [(0, 1)]
    assert [(p["code"], p["cell"]) for p in said["problems"]] == [("training-not-ended", "E2")]
    ended = run_records("import", path, "--ledger", ledger, "--date", "2027-03-06")
    assert ended.exit_code == 0, ended.output
    assert "planned.csv（培训记录表）：新增 2 条，0 条台账中已有\n" in ended.stdout


# --- the office's language: the roster's problems, the register written, a file that is no records table ---------

TWO_SPELLINGS = roster(["C1", "测试张三", "XX县财政局（县国资办）", "局长", "县处级正职"],
                       ["C2", "测试李四", "XX县财政局（县国资办）", "科员", "一级主任科员"],
                       ["C3", "测试王五", "XX县财政局(县国资办)", "科员", "一级主任科员"])


def test_summary_and_export_say_the_rosters_problems_in_chinese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # the problem's cells each on one line: read whole below
    run_records("import", records_csv(tmp_path, *rows()))
    spelled = make_workbook(tmp_path, {"花名册": TWO_SPELLINGS}, name="spelled.xlsx")
    summary = run_records("summary", "--year", "2026", "--by", "unit", "--roster", spelled)
    assert summary.exit_code == 1, summary.output
    shown = re.sub(r"[\s│┃]", "", summary.stderr)  # the table's cells, each read whole
    assert "单位名称写法不一" in shown and "按「XX县财政局（县国资办）」读取" in shown and "isreadas" not in shown
    exported = run_records("export", tmp_path / "register.xlsx", "--year", "2026", "--roster", spelled)
    assert exported.exit_code == 1, exported.output
    assert f"已写出 {tmp_path / 'register.xlsx'}（干部 3 人）\n" in exported.stderr
    assert "is read as" not in exported.stderr and "cadre(s)" not in exported.stderr


def test_export_says_what_it_wrote_in_english_under_lang_en(tmp_path: Path) -> None:
    run_records("import", records_csv(tmp_path, *rows()))
    exported = run_records("export", tmp_path / "register.xlsx", "--year", "2026", "--lang", "en")
    assert exported.exit_code == 0, exported.output
    assert f"Wrote {tmp_path / 'register.xlsx'} (2 cadre(s))\n" in exported.stderr


def test_import_of_a_file_that_is_no_records_table_is_said_in_chinese(tmp_path: Path) -> None:
    unusable = make_workbook(tmp_path, {"Sheet1": [["甲", "乙"], [1, 2]]}, name="other.xlsx")
    result = run_cli("records", "import", unusable, env={"NEEDSCLI_LANG": "zh"})
    assert result.exit_code == 2, result.output
    assert result.stderr == ("错误：other.xlsx：没有找到培训记录表；应为：含 编号、培训主题、开始日期、结束日期、学时 等列的"
                             "培训记录表、网络学习平台导出的记录，或 needscli 写出的 class-rosters.xlsx\n")


def test_a_dry_runs_problem_kinds_are_named_in_chinese(tmp_path: Path) -> None:
    twice = rows()[0]
    result = run_records("import", records_csv(tmp_path, twice, twice), "--dry-run")
    assert result.exit_code == 1, result.output
    assert "duplicate-record" not in result.stderr


def test_a_chinese_records_file_without_its_columns_is_said_all_in_chinese(tmp_path: Path) -> None:
    headers_only = make_csv(tmp_path, [["编号", "姓名", "单位"], ["A1", "测试张三", "X局"]], encoding="gb18030",
                            name="nocol.csv")
    result = run_cli("records", "import", headers_only, env={"NEEDSCLI_LANG": "zh"})
    assert result.exit_code == 2, result.output
    assert result.stderr == ("错误：nocol.csv：第 1 行表头：缺少「培训主题」列；缺少「结束日期」或"
                             "「开始日期」列；缺少「学时」或「天数」列\n")


def test_a_blank_sign_in_sheet_is_one_note_not_absences(tmp_path: Path) -> None:
    classes = [{"id": "K001", "topic": "法治政府建设", "period": "2026-06", "hours": 48,
                "seats": [seat("C1", "√"), seat("C2", "缺")]},
               {"id": "K002", "topic": "法治政府建设", "period": "2026-07", "hours": 48,
                "seats": [seat("C3"), seat("C4"), seat("C5")]}]
    result = run_records("import", make_class_rosters(tmp_path, classes), "--date", "2026-08-01")
    assert result.exit_code == 0, result.output
    assert ("class-rosters.xlsx（签到表）：新增 1 条，0 条台账中已有；缺勤 1 人次，不记录；1 个班次的签到表空白"
            "（尚未举办或尚未交回），已跳过，不计缺勤：K002\n") in result.stdout


def test_sign_in_sheets_not_filled_in_make_no_ledger(tmp_path: Path) -> None:
    classes = [{"id": "K001", "topic": "法治政府建设", "period": "2026-06", "hours": 48, "seats": [seat("C1"), seat("C2")]}]
    result = run_records("import", make_class_rosters(tmp_path, classes))
    assert result.exit_code == 0, result.output
    assert "新增 0 条" in result.stdout
    assert f"没有可加入的记录，未建立台账（台账位置：{tmp_path / DEFAULT_NAME}）\n" in result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["class-rosters.xlsx"]


def test_a_mistyped_id_on_a_sign_in_sheet_exits_1_naming_its_cell(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # the problem's cells each on one line: read whole below
    classes = [{"id": "K001", "topic": "法治政府建设", "period": "2026-06", "hours": 48,
                "seats": [seat("C1", "√", name="测试甲"), seat("C2", "√", name="测试乙")]},
               {"id": "K002", "topic": "营商环境优化", "period": "2026-07", "hours": 24,
                "seats": [seat("C9", "√", name="测试甲")]},
               {"id": "K003", "topic": "数字政府与数字化能力", "period": "2026-08", "hours": 12,
                "seats": [seat("C1", "√", name="测试甲")]}]
    plain = make_class_rosters(tmp_path, classes, name="plain.xlsx")  # no hidden column: nothing to tell by
    assert run_records("import", plain, "--date", "2026-09-01", "--ledger", tmp_path / "plain.db").exit_code == 0
    path = make_class_rosters(tmp_path, classes)
    book = openpyxl.load_workbook(path)
    for row, value in ((3, "完整编号（导入用，不打印）"), (4, "C1")):  # K002 was written for C1, typed over as C9
        book["K002"].cell(row, 10, value)
    book.save(path)
    result = run_records("import", path, "--date", "2026-09-01")
    assert result.exit_code == 1, result.output
    assert ("class-rosters.xlsx（签到表）：新增 3 条，0 条台账中已有；1 人次暂不记录（见下方警告，改正后重新导入）\n"
            in result.stdout)
    shown = re.sub(r"[\s│┃]", "", result.stderr)
    assert ("K002B4编号与姓名不符第4行「编号」列：不是签到表写出时本行的编号（该行隐藏的「完整编号」列为C1）；"
            "该席位未记录；应为：如是编号写错，改回C1；如是另一人顶替C1参训（顶替/替补），本行恢复为C1本人的编号和姓名"
            "（其缺勤则签到留空），顶替/替补参训的人另起一行，写在本班各行之下（填写其编号、姓名和签到），然后重新导入该表"
            ) in shown
    listed = make_workbook(tmp_path, {"花名册": roster(["C1", "测试甲", "甲局", "科员", "一级科员"],
                                                       ["C2", "测试乙", "甲局", "科员", "一级科员"])}, name="r.xlsx")
    again = run_records("import", plain, "--roster", listed, "--ledger", tmp_path / "other.db")
    assert again.exit_code == 1, again.output
    assert "新增 4 条" in again.stdout  # C9, on no row of the roster, is recorded all the same
    assert "K002B4编号不在花名册上" in re.sub(r"[\s│┃]", "", again.stderr)


def test_a_seat_off_the_roster_given_is_recorded_and_said_in_the_offices_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cadre transferred out since (C9): recorded, a warning at its cell in Chinese (exit 1); a dry run says
    it would be; --lang en says it in English."""
    monkeypatch.setenv("COLUMNS", "200")  # the problem's cells each on one line: read whole below
    classes = [{"id": "K001", "topic": "法治政府建设", "period": "2026-06", "hours": 48,
                "seats": [seat("C1", "√", name="测试甲"), seat("C2", "√", name="测试乙")]},
               {"id": "K002", "topic": "营商环境优化", "period": "2026-07", "hours": 24,
                "seats": [seat("C9", "√", name="测试丙")]}]
    path = make_class_rosters(tmp_path, classes)
    listed = make_workbook(tmp_path, {"花名册": roster(["C1", "测试甲", "甲局", "科员", "一级科员"],
                                                       ["C2", "测试乙", "甲局", "科员", "一级科员"])}, name="r.xlsx")
    said = ("K002B4编号不在花名册上第4行「编号」列：该编号不在--roster给出的花名册上，{}；如为已调出的人员或往年的签到表，"
            "可不处理")
    dry = run_records("import", path, "--roster", listed, "--dry-run")
    assert dry.exit_code == 1, dry.output
    assert ("class-rosters.xlsx（签到表）：将新增 3 条，0 条台账中已有；其中 1 人次的编号不在 --roster 给出的花名册上，"
            "仍将记入台账\n") in dry.stdout
    assert said.format("出勤仍将记入台账（试运行，尚未写入）") in re.sub(r"[\s│┃]", "", dry.stderr)
    assert not (tmp_path / DEFAULT_NAME).exists()
    result = run_records("import", path, "--roster", listed)
    assert result.exit_code == 1, result.output
    assert ("class-rosters.xlsx（签到表）：新增 3 条，0 条台账中已有；其中 1 人次的编号不在 --roster 给出的花名册上，"
            "仍已记入台账\n") in result.stdout
    shown = re.sub(r"[\s│┃]", "", result.stderr)
    assert "共1个问题" in shown and said.format("出勤仍已记入台账") in shown
    with open_ledger(tmp_path / DEFAULT_NAME) as book:
        assert [r.class_id for r in cadre_records(book, "C9")] == ["K002"]
    english = run_records("import", path, "--roster", listed, "--lang", "en", "--ledger", tmp_path / "en.db")
    assert english.exit_code == 1, english.output
    assert ("class-rosters.xlsx (class rosters): added 3, 0 already in the ledger; 1 of them not on the roster given "
            "(--roster), recorded all the same\n") in english.stdout
    message = " ".join(line.split("│")[-2].strip() for line in english.stderr.splitlines() if line.count("│") > 2)
    assert message == ('row 4, column "编号": is not on the roster given (--roster); its attendance was recorded all '
                       "the same; nothing to do for a cadre transferred out since, or a sheet of an earlier year")


def test_the_rosters_own_problems_are_not_the_imports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--roster is read for its ids and names: its own problems (a blank 职级, a row without 编号) were listed as the
    sign-in sheet's and exited 1, a clean import read as failed. They are one line now, with the command that lists
    them, and no exit code; where they leave a cadre unread, the line says so, and his seat is said off the roster."""
    monkeypatch.setenv("COLUMNS", "400")  # each sentence on one line
    classes = [{"id": "K001", "topic": "法治政府建设", "period": "2026-06", "hours": 48,
                "seats": [seat("C1", "√", name="测试甲"), seat("C2", "√", name="测试乙")]}]
    path = make_class_rosters(tmp_path, classes)
    rows = [["C1", "测试甲", "甲局", "科员", "一级科员"], ["C2", "测试乙", "甲局", "科员", ""]]  # C2: its 职级 blank
    faulty = make_workbook(tmp_path, {"花名册": roster(*rows)}, name="r.xlsx")
    result = run_records("import", path, "--roster", faulty, "--ledger", tmp_path / "l.db")
    assert result.exit_code == 0, result.output
    assert "新增 2 条，0 条台账中已有\n" in result.stdout  # C2, on a row skipped, is checked all the same
    assert result.stderr == (f"花名册 r.xlsx：读取时发现其本身的问题 1 个（不是签到表的），不影响按编号和姓名核对，此处不列出；"
                             f"查看并改正：needscli validate {faulty}\n")
    data = json.loads(run_records("import", path, "--roster", faulty, "--ledger", tmp_path / "l.db", "--dry-run",
                                  "--format", "json").stdout)
    assert (data["problems"], data["roster"]) == ([], {"file": str(faulty), "problems": 1, "unread": 0})
    english = run_records("import", path, "--roster", faulty, "--ledger", tmp_path / "l.db", "--lang", "en")
    assert english.exit_code == 0, english.output
    assert english.stderr == (f"The roster r.xlsx: reading it found 1 problem(s) of its own (not the sheets'), none "
                              f"keeping its ids and names from the check; not listed here: needscli validate "
                              f"{faulty} lists them\n")
    rows[1][0] = ""  # C2's row without an id either (2 problems): his seat cannot be checked
    unread = make_workbook(tmp_path, {"花名册": roster(*rows)}, name="r2.xlsx")
    result = run_records("import", path, "--roster", unread, "--ledger", tmp_path / "l2.db")
    assert result.exit_code == 1, result.output  # C2's seat, off the roster: a warning of the sheet's
    shown = result.stderr.splitlines()
    assert shown[0] == (f"花名册 r2.xlsx：读取时发现其本身的问题 2 个（不是签到表的），此处不列出；因这些问题有 1 处（没有编号的行，"
                        f"或整张工作表）未读入，其上的干部无法核对，其席位按不在花名册上记入；查看并改正：needscli validate {unread}")
    assert "共 1 个问题" in result.stderr and "B5" in result.stderr and "r2.xlsx" not in "".join(shown[1:])


# ---- records remove: taking records back ------------------------------------------------------------------

CLASS_HEADER = ["编号", "姓名", "培训主题", "班次编号", "培训方式", "开始日期", "结束日期", "学时"]


def signed(tmp_path: Path, typo: str = "C9", name: str = "签到表.csv") -> Path:
    """A sheet of class C004 (C1, and C2 mistyped as typo) and C005 (C3)."""
    return records_csv(tmp_path, ["C1", "测试甲", "党性教育", "C004", "集中", "2026-03-01", "2026-03-07", 48],
                       [typo, "测试乙", "党性教育", "C004", "集中", "2026-03-01", "2026-03-07", 48],
                       ["C3", "测试丙", "法治", "C005", "集中", "2026-04-01", "2026-04-02", 12],
                       header=CLASS_HEADER, name=name)


def ledger_rows(path: Path) -> list[tuple[object, ...]]:
    with open_ledger(path, create=False) as book:
        return book.dump()


def test_remove_shows_first_removes_with_yes_and_the_file_imports_again(tmp_path: Path) -> None:
    sheet = signed(tmp_path)
    assert run_records("import", sheet).exit_code == 0
    ledger = tmp_path / DEFAULT_NAME
    before = ledger_rows(ledger)
    dry = run_records("remove", "--source", sheet)
    assert dry.exit_code == 0, dry.output
    assert dry.stderr == f"台账：{ledger}\n"
    lines = dry.stdout.splitlines()
    assert lines[0].startswith("来源文件：签到表.csv（") and lines[0].endswith("导入，按文件内容找到）")
    assert lines[1] == "将删除的记录（来源文件 签到表.csv，共 3 条）"
    assert lines[-2:] == ["试运行，没有删除：确认无误后，加 --yes 删除这 3 条记录",
                          "签到表.csv 的记录将全部删除，台账将不再记为已导入；改正后重新导入，即重新加入其记录"]
    shown = re.sub(r"[\s│┃]", "", dry.stdout)
    assert "C9党性教育C0042026-03-01至2026-03-0748签到表.csv/签到表/第3行" in shown
    assert ledger_rows(ledger) == before
    done = run_records("remove", "--source", sheet, "--yes")
    assert done.exit_code == 0, done.output
    assert "已删除的记录（来源文件 签到表.csv，共 3 条）" in done.stdout
    assert done.stdout.endswith("已从台账删除 3 条记录\n签到表.csv 的记录已全部删除，台账不再记为已导入；"
                                "改正后重新导入，即重新加入其记录\n")
    assert ledger_rows(ledger) == []  # no record, no source
    again = run_records("import", sheet)
    assert again.exit_code == 0 and "签到表.csv（培训记录表）：新增 3 条，0 条台账中已有" in again.stdout


def test_remove_of_a_mistyped_id_then_the_corrected_sheet_adds_its_record(tmp_path: Path) -> None:
    """The office's case: C2 typed as C9. Correct the sheet, remove the record under C9 of C004, import again."""
    sheet = signed(tmp_path)
    run_records("import", sheet)
    signed(tmp_path, typo="C2")
    done = run_records("remove", "--cadre", "C9", "--class", "C004", "--yes", "--format", "json")
    assert done.exit_code == 0, done.output
    data = json.loads(done.stdout)
    assert (data["dry_run"], data["matched"], data["removed"], data["source"], data["sources_removed"]) == (
        False, 1, 1, None, [])
    assert data["ledger"] == str(tmp_path / DEFAULT_NAME)
    [record] = data["records"]
    assert (record["cadre_id"], record["class_id"], record["source_file"], record["source_row"]) == (
        "C9", "C004", "签到表.csv", 3)
    again = run_records("import", sheet)
    assert "新增 1 条，2 条台账中已有" in again.stdout
    with open_ledger(tmp_path / DEFAULT_NAME) as book:
        assert cadre_records(book, "C9") == [] and [r.class_id for r in cadre_records(book, "C2")] == ["C004"]


def test_remove_selectors_together_and_in_english(tmp_path: Path) -> None:
    run_records("import", signed(tmp_path))
    ledger = tmp_path / DEFAULT_NAME
    dry = run_records("remove", "--class", "C004", "--cadre", "C1", "--lang", "en", "--format", "json")
    assert [(r["cadre_id"], r["class_id"]) for r in json.loads(dry.stdout)["records"]] == [("C1", "C004")]
    english = run_records("remove", "--class", "C004", "--cadre", "C1", "--lang", "en", "--yes")
    assert english.exit_code == 0, english.output
    assert english.stderr == f"Ledger: {ledger}\n"
    assert english.stdout.startswith("Records removed (cadre C1, class C004): 1\n")
    assert english.stdout.endswith("Removed 1 record(s) from the ledger\n")
    assert [(r[0], r[3]) for r in ledger_rows(ledger)[:-1]] == [("C9", "C004"), ("C3", "C005")]
    english_dry = run_records("remove", "--class", "C005", "--lang", "en")
    assert "Nothing removed yet: add --yes to remove these 1 record(s)" in english_dry.stdout


def test_remove_of_a_class_and_cadre_typed_full_width_removes_nothing_and_says_how_to_type_them(
        tmp_path: Path) -> None:
    """Ｃ００４ and Ｃ９ from a Chinese input method: a removal takes ids exactly as typed (a mistyped Ｃ９ held beside
    C9 is never taken for it), and the message names them half-width, to be typed so."""
    run_records("import", signed(tmp_path))
    before = ledger_rows(tmp_path / DEFAULT_NAME)
    done = run_records("remove", "--class", "Ｃ００４", "--cadre", "Ｃ９", "--yes")
    assert done.exit_code == 0, done.output
    assert "「Ｃ９」中有全角字符，编号按输入的字符查找；如指 C9，请用半角输入：--cadre C9" in done.stderr
    assert "「Ｃ００４」中有全角字符，编号按输入的字符查找；如指 C004，请用半角输入：--class C004" in done.stderr
    assert ledger_rows(tmp_path / DEFAULT_NAME) == before
    english = run_records("remove", "--cadre", "Ｃ９", "--lang", "en")
    assert "'Ｃ９' has full-width characters, and ids are matched as typed; for C9, type it half-width: --cadre C9" \
        in english.stderr
    half = run_records("remove", "--class", "C004", "--cadre", "C9", "--yes", "--format", "json")
    assert [(r["cadre_id"], r["class_id"]) for r in json.loads(half.stdout)["records"]] == [("C9", "C004")]


def test_remove_shows_a_file_name_with_brackets_as_written(tmp_path: Path) -> None:
    """[draft] in a file's name is no rich markup: the table's title and its source column keep it."""
    sheet = signed(tmp_path, name="签到表[draft].csv")
    run_records("import", sheet)
    dry = run_records("remove", "--source", sheet)
    assert dry.exit_code == 0, dry.output
    assert dry.stdout.splitlines()[1] == "将删除的记录（来源文件 签到表[draft].csv，共 3 条）"
    assert "签到表[draft].csv/签到表[draft]/第2行" in re.sub(r"[\s│┃]", "", dry.stdout)


def test_remove_lists_fifty_records_and_counts_the_rest(tmp_path: Path) -> None:
    many = [[f"C{i}", "", "法治", "C004", "集中", "2026-03-01", "2026-03-07", 48] for i in range(53)]
    run_records("import", records_csv(tmp_path, *many, header=CLASS_HEADER))
    result = run_records("remove", "--class", "C004")
    assert result.exit_code == 0
    assert "将删除的记录（班次 C004，共 53 条）" in result.stdout and "……另有 3 条未列出" in result.stdout
    shown = re.sub(r"[\s│┃]", "", result.stdout)
    assert "C49法治" in shown and "C50法治" not in shown


def test_remove_without_a_match_says_so_and_exits_0(tmp_path: Path) -> None:
    run_records("import", signed(tmp_path))
    ledger = tmp_path / DEFAULT_NAME
    before = ledger_rows(ledger)
    result = run_records("remove", "--cadre", "C7", "--class", "C004", "--yes")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == f"台账：{ledger}\n台账中没有符合条件（编号 C7、班次 C004）的记录，没有删除任何记录。\n"
    english = run_records("remove", "--cadre", "C7", "--lang", "en")
    assert english.stderr.endswith("No record in the ledger matches (cadre C7); nothing removed.\n")
    data = json.loads(run_records("remove", "--cadre", "C7", "--format", "json").stdout)
    assert (data["matched"], data["removed"], data["records"]) == (0, 0, [])
    assert ledger_rows(ledger) == before


def test_remove_without_a_selector_is_a_usage_error(tmp_path: Path) -> None:
    run_records("import", signed(tmp_path))
    result = run_records("remove", "--yes")
    assert result.exit_code == 2
    assert "请至少给出 --source、--cadre、--class 中的一个，指明要删除哪些记录" in result.output
    blank = run_records("remove", "--class", " ", "--lang", "en")
    assert blank.exit_code == 2
    assert "give at least one of --source, --cadre and --class to say which records to remove" in blank.output
    said = run_needscli("records", "remove", cwd=tmp_path, env={"NEEDSCLI_LANG": None, "LANG": "C.UTF-8",
                                                               "LC_ALL": None})
    assert said.returncode == 2
    assert said.stderr.endswith("用法错误：请至少给出 --source、--cadre、--class 中的一个，指明要删除哪些记录\n")
    assert "Traceback" not in said.stderr


def test_remove_of_a_file_never_imported_names_the_files_that_were(tmp_path: Path) -> None:
    run_records("import", signed(tmp_path))
    result = run_records("remove", "--source", tmp_path / "其他.xlsx", "--yes")
    assert result.exit_code == 2
    assert result.stderr == ("Error: 其他.xlsx：台账中没有从这个文件导入的记录（按文件内容、按文件名都没有找到）；"
                             "已导入的文件：签到表.csv\n")
    assert len(ledger_rows(tmp_path / DEFAULT_NAME)) == 4


def test_remove_of_a_changed_file_finds_it_by_name_or_asks_for_a_code(tmp_path: Path) -> None:
    sheet = signed(tmp_path)
    run_records("import", sheet)
    signed(tmp_path, typo="C2")  # corrected since: it may be another file of the name, so its code is asked for
    changed = run_records("remove", "--source", sheet)
    assert changed.exit_code == 2
    assert changed.stderr.startswith("Error: 签到表.csv：现在的文件与台账中从同名文件导入的内容不同")
    assert run_records("import", sheet).exit_code == 0  # the corrected sheet: another file of the same name
    sheet.unlink()
    asked = run_records("remove", "--source", sheet, "--format", "json")
    assert asked.exit_code == 2
    message = json.loads(asked.stdout)["error"]["message"]
    assert message.startswith("签到表.csv：台账中有 2 次导入的文件都叫这个名字")
    codes = re.findall(r"编码 ([0-9a-f]{12})（", message)
    assert len(codes) == 2
    picked = [json.loads(run_records("remove", "--source", code, "--format", "json").stdout) for code in codes]
    assert sorted(p["matched"] for p in picked) == [1, 3]
    assert {p["source"]["found_by"] for p in picked} == {"code"}


def test_remove_without_a_ledger_says_where_every_command_looks(tmp_path: Path) -> None:
    result = run_records("remove", "--cadre", "C1")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {tmp_path / DEFAULT_NAME}：没有台账。所有 records 命令都在同一位置找台账")
    assert not (tmp_path / DEFAULT_NAME).exists()


def test_remove_that_cannot_be_written_exits_3_and_changes_nothing(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from needscli.records import removal

    run_records("import", signed(tmp_path))
    ledger = tmp_path / DEFAULT_NAME
    before = ledger_rows(ledger)
    delete = removal._delete

    def fail_after_deleting(*args: Any) -> int:
        delete(*args)
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(removal, "_delete", fail_after_deleting)
    result = run_cli("records", "remove", "--class", "C004", "--yes", env={"NEEDSCLI_LANG": "zh"})
    assert result.exit_code == 3
    assert result.stderr == f"错误：{DEFAULT_NAME}：无法写入（数据库为只读），台账没有改动\n"  # as import says it
    assert ledger_rows(ledger) == before


def test_a_substitute_written_over_a_seat_is_told_to_go_on_a_new_row(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """C2's row written over with 测试戊 (C5), who sat in his place: with --roster, the warning says to give the row
    back to C2 and write C5 on a new row (exit 1; the seat waits)."""
    monkeypatch.setenv("COLUMNS", "200")  # the problem's cells each on one line: read whole below
    path = make_class_rosters(tmp_path, [{"id": "K001", "topic": "法治政府建设", "period": "2026-06", "hours": 48,
                                          "seats": [seat("C1", "√", name="测试甲"), seat("C5", "√", name="测试戊")]}])
    book = openpyxl.load_workbook(path)
    for row, value in ((3, "完整编号（导入用，不打印）"), (4, "C1"), (5, "C2")):
        book["K001"].cell(row, 10, value)
    book.save(path)
    listed = make_workbook(tmp_path, {"花名册": roster(["C1", "测试甲", "甲局", "科员", "一级科员"],
                                                       ["C2", "测试乙", "甲局", "科员", "一级科员"],
                                                       ["C5", "测试戊", "甲局", "科员", "一级科员"])}, name="r.xlsx")
    result = run_records("import", path, "--roster", listed, "--date", "2026-09-01")
    assert result.exit_code == 1, result.output
    assert "新增 1 条，0 条台账中已有；1 人次暂不记录" in result.stdout
    assert ("K001B5编号与姓名不符第5行「编号」列：不是签到表写出时本行的编号（该行隐藏的「完整编号」列为C2）；所给的花名册中"
            "C5正是本行所写姓名的编号：是另一人写在了为C2印好的席位上；该席位未记录；应为：本行恢复为C2本人的编号和姓名"
            "（其缺勤则签到留空），顶替/替补参训的人另起一行，写在本班各行之下（填写其编号、姓名和签到），然后重新导入该表"
            ) in re.sub(r"[\s│┃]", "", result.stderr)


def test_a_seat_corrected_after_its_import_is_refused_with_the_command_that_makes_room(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """C2's hours changed from 48 (by his mark) to 44 and the sheet imported again: refused at the 出勤学时 cell
    (exit 1, nothing overwritten); the command the message gives takes the old record out, and the sheet goes in."""
    monkeypatch.setenv("COLUMNS", "250")  # the problem's cells each on one line: read whole below
    def sheet(name: str, *seats: list[object]) -> Path:
        return make_class_rosters(tmp_path, [{"id": "K001", "topic": "法治政府建设", "period": "2026-06",
                                              "hours": 48, "seats": list(seats)}], name=name)

    assert run_records("import", sheet("签到表.xlsx", seat("C1", "√"), seat("C2", "√"))).exit_code == 0
    fixed = sheet("签到表-改.xlsx", seat("C1", "√"), seat("C2", "", 44))
    result = run_records("import", fixed)
    assert result.exit_code == 1, result.output
    assert "签到表-改.xlsx（签到表）：未导入；请改正下列问题后重新导入\n" in result.stdout
    command = "needscli records remove --source 签到表.xlsx --cadre C2 --class K001 --yes"
    assert (f"K001H5与台账记录不一致第5行「出勤学时」列：台账中已有此人的这次培训（签到表.xlsx，工作表「K001」第5行）："
            f"台账中为48学时，本表为44学时；应为：与台账中的记录相同；如本表是对的，先删除台账中的旧记录（"
            f"{command.replace(' ', '')}），再重新导入本文件（台账中的记录不会被直接覆盖）") in re.sub(
        r"[\s│┃]", "", result.stderr)
    assert run_records(*command.split()[2:]).exit_code == 0
    again = run_records("import", fixed)
    assert again.exit_code == 0, again.output
    assert "新增 1 条，1 条台账中已有" in again.stdout


def test_a_walk_in_with_a_name_and_no_id_is_told_its_id_by_the_roster(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "250")  # the problem's cells each on one line: read whole below
    path = make_class_rosters(tmp_path, [
        {"id": "K001", "topic": "法治政府建设", "period": "2026-06", "hours": 48, "seats": [seat("C1", "√", name="测试甲")]},
        {"id": "K002", "topic": "营商环境优化", "period": "2026-07", "hours": 24,
         "seats": [seat("", "√", name="测试戊")]}])
    listed = make_workbook(tmp_path, {"花名册": roster(["C1", "测试甲", "甲局", "科员", "一级科员"],
                                                       ["C5", "测试戊", "乙局", "科员", "一级科员"])}, name="r.xlsx")
    result = run_records("import", path, "--roster", listed)
    assert result.exit_code == 1, result.output
    assert "class-rosters.xlsx（签到表）：未导入；请改正下列问题后重新导入\n" in result.stdout
    assert ("K002B4必填项为空第4行「编号」列：为空；所给的花名册中所写姓名的干部只有一名，编号为C5；应为：如参训的确是此人，"
            "在本单元格填写C5；补上编号之前，本工作簿的各张签到表（其他班次的也在内）都不会导入（出勤按编号记入台账）"
            ) in re.sub(r"[\s│┃]", "", result.stderr)


def test_a_sheet_imported_before_its_class_ends_warns_with_the_class_its_end_and_the_import_date(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "250")  # the problem's cells each on one line: read whole below
    path = make_class_rosters(tmp_path, [{"id": "C001", "topic": "乡科级任职培训", "period": "2026-12", "hours": 90,
                                          "seats": [seat("C1", "√"), seat("C2")]}])
    book = openpyxl.load_workbook(path)
    book["C001"]["A2"] = "班次编号：C001　　培训时间：2026年12月1日至2026年12月15日（共15天，90学时）"
    book.save(path)
    result = run_records("import", path, "--date", "2026-12-06")
    assert result.exit_code == 1, result.output
    assert "新增 1 条，0 条台账中已有；缺勤 1 人次，不记录；未完成 1 人次（无学时）" in result.stdout  # a warning: imported
    code = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    assert ("C001班次尚未结束班次C001按签到表所印到2026-12-15才结束，晚于导入日期2026-12-06：班次尚未结束，不能算结业，各席位都按"
            "未结业读取，只计已举办日子的出勤学时；第7天至第15天（12-07至12-15）尚未举办，其中的签到标记未计入；应为：班次结束、"
            "签到表填完后再导入；导入填完的签到表之前，先删除本表记入的记录（needscli"
            f"recordsremove--source{code}--classC001--yes）") in re.sub(r"[\s│┃]", "", result.stderr)


def twelve_days(tmp_path: Path, *seats: list[object]) -> Path:
    """C004 of the samples' plan: 2027-01-04 to 01-15, 72 hours, one 签到 column a day."""
    header, days = day_columns(12, dt.date(2027, 1, 4))
    return daily_rosters(tmp_path, header, days, *seats, hours=72, period="2027-01",
                         line="班次编号：K001　　培训时间：2027年1月4日至2027年1月15日（共12天，72学时）")


def test_marks_on_days_not_held_yet_are_said_not_counted_and_no_removal_advised_by_a_dry_run(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "250")  # the problem's cells each on one line: read whole below
    path = twelve_days(tmp_path, day_seat("C1", *["√"] * 12, "", ""))
    dry = run_records("import", path, "--date", "2027-01-06", "--dry-run")
    assert dry.exit_code == 1, dry.output
    assert "将新增 1 条，0 条台账中已有；未完成 1 人次（无学时）" in dry.stdout
    assert ("K001班次尚未结束班次K001按签到表所印到2027-01-15才结束，晚于导入日期2027-01-06：班次尚未结束，不能算结业，各席位都按"
            "未结业读取，只计已举办日子的出勤学时；第4天至第12天（01-07至01-15）尚未举办，其中的签到标记未计入；应为：班次结束、"
            "签到表填完后再导入└") in re.sub(r"[\s│┃]", "", dry.stderr)  # the message ends there
    assert "records remove" not in dry.stderr
    result = run_records("import", path, "--date", "2027-01-06")
    assert "新增 1 条，0 条台账中已有；未完成 1 人次（无学时）" in result.stdout
    assert "先删除本表记入的记录（needscli records remove --source" in result.stderr
    shown = run_records("show", "C1")
    assert re.search(r"│ 72 +│ 18 +│ 0（未结业） +│ 0 +│", shown.stdout), shown.stdout


def test_a_deleted_day_column_is_said_and_counted_absent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    header, days = day_columns(15, dt.date(2026, 12, 1))
    cut = (7, 8, 9)  # days 2 to 4 (Wednesday to Friday), columns H:J

    def without(row: list[object]) -> list[object]:
        return [v for c, v in enumerate(row) if c not in cut]

    path = daily_rosters(tmp_path, without(header), without(days), without(day_seat("C1", *["√"] * 15, "", "")),
                         hours=90, period="2026-12",
                         line="班次编号：K001　　培训时间：2026年12月1日至2026年12月15日（共15天，90学时）")
    result = run_records("import", path, "--date", "2027-01-01")
    assert result.exit_code == 1, result.output
    assert "新增 1 条，0 条台账中已有；未完成 1 人次（无学时）" in result.stdout
    assert ("K001签到栏缺少日子签到表印明班次共15天，签到栏只有其中12天的：第2天至第4天（12-02至12-04）没有签到栏，各席位这些"
            "日子都按缺勤计；应为：班次每天都有一栏签到，与needscli写出的签到表相同（删去某天的签到栏，该天按缺勤计）"
            ) in re.sub(r"[\s│┃]", "", result.stderr)


def test_a_moved_class_whose_columns_kept_the_old_dates_is_read_by_day_number_and_said(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Printed 2027-01-11 to 01-22, its columns still 12-01 to 12-12, every box ticked: 1 seat added, none absent."""
    monkeypatch.setenv("COLUMNS", "250")
    header, days = day_columns(12, dt.date(2026, 12, 1))
    path = daily_rosters(tmp_path, header, days, day_seat("C1", *["√"] * 12, "", ""), hours=72, period="2026-12",
                         line="班次编号：K001　　培训时间：2027年1月11日至2027年1月22日（共12天，72学时）")
    result = run_records("import", path, "--date", "2027-01-25")
    assert result.exit_code == 1, result.output
    assert "class-rosters.xlsx（签到表）：新增 1 条，0 条台账中已有\n" in result.stdout
    assert ("K001签到栏日期与所印不符签到栏所标日期为12-01至12-12，与签到表所印日期（2027-01-11至2027-01-22）不符：已按各栏的"
            "第几天读取，第1天即2027-01-11；应为：签到栏所标日期与签到表所印的培训时间一致（班次改期的，签到栏的日期也随之修改）"
            ) in re.sub(r"[\s│┃]", "", result.stderr)
    shown = run_records("show", "C1")
    assert re.search(r"│ 72 +│ 72 +│ 12 +│", shown.stdout), shown.stdout


def test_an_english_sheets_missing_day_is_said_by_its_own_header(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    header, days = day_columns(15, dt.date(2026, 12, 1))
    header = ["Signature" if h == "签到" else h for h in header]
    path = daily_rosters(tmp_path, header[:20] + header[21:], days[:20] + days[21:],
                         day_seat("C1", *["√"] * 14, "", ""), hours=90, period="2026-12",
                         line="班次编号：K001　　培训时间：2026年12月1日至2026年12月15日（共15天，90学时）")
    result = run_records("import", path, "--date", "2027-01-01")
    assert result.exit_code == 1, result.output
    assert ("K001签到栏缺少日子签到表印明班次共15天，「Signature」栏只有其中14天的：第15天（12-15）没有「Signature」栏，各席位"
            "这些日子都按缺勤计") in re.sub(r"[\s│┃]", "", result.stderr)


def test_a_mark_of_no_one_is_said_to_hold_the_workbook_back_and_may_be_deleted(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    path = make_class_rosters(tmp_path, [{"id": "K001", "topic": "法治政府建设", "period": "2026-06", "hours": 48,
                                          "seats": [seat("C1", "√"), ["", "\u3000", "", "", "", "√", "", ""]]}])
    result = run_records("import", path)
    assert result.exit_code == 1, result.output
    assert "class-rosters.xlsx（签到表）：未导入；请改正下列问题后重新导入\n" in result.stdout
    assert ("K001B5必填项为空第5行「编号」列：为空，姓名也为空：本行的签到标记不属于任何人；应为：在本行填写参训者的编号和姓名；"
            "如是误写的标记，删除即可；补上编号或删除标记之前，本工作簿的各张签到表（其他班次的也在内）都不会导入（出勤按编号记入"
            "台账）") in re.sub(r"[\s│┃]", "", result.stderr)


def test_numbered_rows_left_for_walk_ins_hold_nothing_back(tmp_path: Path) -> None:
    """Rows 序号 3 to 5 below the seats, no id, no name, no mark: the sheet imports, exit 0, nobody absent for them."""
    nobody = ["", "", "", "", "", "", "", ""]
    path = make_class_rosters(tmp_path, [{"id": "K001", "topic": "法治政府建设", "period": "2026-06", "hours": 48,
                                          "seats": [seat("C1", "√"), seat("C2"), nobody, nobody, nobody]}])
    result = run_records("import", path)
    assert result.exit_code == 0, result.output
    assert "class-rosters.xlsx（签到表）：新增 1 条，0 条台账中已有；缺勤 1 人次，不记录\n" in result.stdout
    assert result.stderr == ""


def test_a_clean_import_with_the_roster_exits_0_whatever_its_blank_organizers(tmp_path: Path) -> None:
    """The samples' roster leaves 管理权限 blank for 40 cadres: analyze says which organizer each was given, but an
    import reading the roster for its names and ids exited 1 for it, a clean sheet reported as a fault."""
    out = tmp_path / "out"
    assert run_analyze(SAMPLES, "--as-of", "2026-11-01", "-o", out, "--quiet").exit_code == 1  # the notices, there
    book = openpyxl.load_workbook(out / "class-rosters.xlsx")
    ws = book["C002"]
    sign = header_cell(ws, "签到")
    for row in range(sign.row + 2, ws.max_row + 1):
        if ws.cell(row, 2).value:
            for col in range(sign.column, header_cell(ws, "出勤学时").column):
                ws.cell(row, col).value = "√"
    signed = tmp_path / "signed.xlsx"
    book.save(signed)
    result = run_records("import", signed, "--ledger", tmp_path / "l.db", "--roster", SAMPLES, "--dry-run",
                         "--date", "2027-12-31")
    assert result.exit_code == 0, result.output
    assert "管理权限" not in result.output


def test_import_takes_the_holidays_of_the_project_file_as_analyze_does(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The office's Spring Festival in ./needscli.toml's [classes] holidays: the sheet needscli wrote has no box on
    02-05 (a Friday), and records import, given no --config, reads the file's holidays and finds no day missing;
    a --config without them finds that day missing."""
    monkeypatch.setenv("COLUMNS", "250")
    (tmp_path / "needscli.toml").write_text('[classes]\nholidays = ["2027-02-05"]\n', encoding="utf-8")
    header, days = day_columns(12, dt.date(2027, 2, 1))
    cut = (10, 11, 12)  # 第5天 (02-05), 第6天 and 第7天 (the weekend)
    seat = [v for c, v in enumerate(day_seat("C1", *["√"] * 12, "", "")) if c not in cut]
    path = daily_rosters(tmp_path, [v for c, v in enumerate(header) if c not in cut],
                         [v for c, v in enumerate(days) if c not in cut], seat, hours=72, period="2027-02",
                         line="班次编号：K001　　培训时间：2027年2月1日至2027年2月12日（共12天，72学时）")
    result = run_records("import", path, "--date", "2027-03-01")
    assert result.exit_code == 0, result.output
    assert "未完成" not in result.stdout
    plain = tmp_path / "plain.toml"
    plain.write_text("[hours]\n", encoding="utf-8")
    again = run_records("import", path, "--date", "2027-03-01", "--config", plain, "--dry-run")
    assert again.exit_code == 1 and "第5天（02-05）没有签到栏" in re.sub(r"[\s│┃]", "", again.stderr)
