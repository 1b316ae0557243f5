"""The office's language: with Chinese headers every message is Chinese (no English sentence left), in
the terminal, the Problems sheet and the records commands; --lang en gives English."""

from __future__ import annotations

import errno
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from builders import (
    NEEDS_AS_OF,
    SAMPLES,
    acceptance_workbook,
    make_needs_workbook,
    make_workbook,
    roster,
    run_analyze,
    run_cli,
    run_needscli,
)

from needscli.wording import ASCII_SENTENCE, in_chinese

RECORDS_HEADER = ["编号", "姓名", "培训主题", "培训形式", "开始日期", "结束日期", "学时", "出勤学时", "考核结果"]


def cells(text: str) -> str:
    """A rich table's text without its lines and spaces: a cell's words wrapped over lines read as one."""
    return re.sub(r"[\s│┃]", "", text)


def english_sentences(text: str) -> list[str]:
    """The English sentences in text: four ASCII words in a row, outside file paths, config keys and the commands
    a line tells the user to type (needscli classes FOLDER --min-size 5)."""
    text = re.sub(r"(?:/[\w.\-]+)+", " ", text)  # paths
    text = re.sub(r"needscli [a-z]+|--[a-z][\w-]*", " ", text)  # commands and their options
    return ASCII_SENTENCE.findall(text)


@pytest.fixture(autouse=True)
def no_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """The language comes from the roster, not from a locale."""
    monkeypatch.delenv("NEEDSCLI_LANG", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def test_validate_of_five_kinds_of_faults_speaks_chinese_only(tmp_path: Path) -> None:
    result = run_cli("validate", acceptance_workbook(tmp_path))
    assert result.exit_code == 1
    assert "共 5 个问题" in result.stdout
    for kind in ("日期有误", "编号重复", "必填项为空", "数字有误", "职级未知"):
        assert kind in result.stdout
    assert english_sentences(result.output) == []


def test_validate_in_english_on_request(tmp_path: Path) -> None:
    result = run_cli("validate", acceptance_workbook(tmp_path), "--lang", "en")
    assert result.exit_code == 1
    assert "5 problem(s)" in result.stdout and "is not a valid date" in result.stdout
    assert "日期有误" not in result.stdout


def test_the_problems_sheet_speaks_chinese_only(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("analyze", acceptance_workbook(tmp_path), "-o", out, "--as-of", "2026-11-01")
    assert result.exit_code == 1, result.output
    sheet = openpyxl.load_workbook(out / "gap-report.xlsx")["问题"]
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    message = header.index("说明")
    assert len(body) >= 5
    assert [english_sentences(str(row[message])) for row in body if english_sentences(str(row[message]))] == []
    assert english_sentences(result.output) == []


def test_records_import_and_show_speak_chinese(tmp_path: Path) -> None:
    path = tmp_path / "records.csv"
    path.write_text(",".join(RECORDS_HEADER) + "\nC1,,党性教育,集中,2026-03-01,2026-03-07,48,44,合格\n"
                    "C2,,法治,网络,2026-04-01,2026-04-01,x,,\n", encoding="utf-8")
    imported = run_cli("records", "import", path, "--ledger", tmp_path / "l.db")
    assert imported.exit_code == 1  # the bad row's file adds nothing
    assert "未导入" in imported.output and english_sentences(imported.output) == []
    path.write_text(",".join(RECORDS_HEADER) + "\nC1,,党性教育,集中,2026-03-01,2026-03-07,48,44,合格\n",
                    encoding="utf-8")
    assert run_cli("records", "import", path, "--ledger", tmp_path / "l.db").exit_code == 0
    shown = run_cli("records", "show", "C1", "--ledger", tmp_path / "l.db", "--as-of", "2026-11-01")
    assert shown.exit_code == 0, shown.output
    assert "C1 的培训记录（1条）" in shown.stdout and english_sentences(shown.output) == []


@pytest.mark.parametrize("message", [
    'row 4, column "任现职时间": "2023.13" is not a valid date; expected a date such as 2023-05-01, 2023-05, '
    "2023.05 or 2023年5月",
    'row 5, column "编号": repeats the id of row 3; expected a unique id per cadre',
    'row 6, column "姓名": is empty; expected a value',
    'row 7, column "本年度学时": "四十" is not a number; expected a number of hours',
    'row 8, column "职级": "乡科级正值" is not a level of the configured ladder (did you mean 乡科级正职?); expected a '
    "level such as 县处级副职 or 一级主任科员",
    "roster.xlsx, sheet 花名册: header row 1: no \"职级\" (Level) column (did you mean 职等?)",
    "nowhere.xlsx: file not found; check the path",
    'row 5, column "单位": "市委 组织部" is read as "市委组织部", the same unit as written in row 3 and in most of its '
    "rows (4 row(s) written so); expected one spelling per unit",
    'row 5, column "单位": "市委 组织部" is read as "市委组织部", the same unit as written in b.xlsx row 3 and in most '
    "of its rows (1 row(s) written so); expected one spelling per unit",
    "rosters: folder holds no .xlsx, .xls or .csv file",
    "rosters/*.xlsx: no file matches this pattern",
    "old.xls: cannot be read as an Excel 97-2003 workbook (password-protected or damaged); open it in Excel and save "
    "it as .xlsx",
    "export.xls: is a web page (HTML) saved under .xls, not an Excel workbook; open it in Excel and save it as .xlsx",
    "export.xls: is an Excel 2003 XML spreadsheet saved under .xls, not an Excel workbook; open it in Excel and save "
    "it as .xlsx",
    "roster.xls was not read: roster.xlsx beside it is the same workbook, saved later, and was read in its place; "
    "expected each roster once",
    "花名册.XLS: cannot be read as an Excel 97-2003 workbook (password-protected or damaged); open it in Excel and "
    "save it as .xlsx",
    "big.xls: is larger than 2,000,000,000 bytes (limits.max_uncompressed_bytes in the config); refused",
    "big.xls: was not read within 600 seconds (limits.xls_wait_seconds in the config); give it more time, or save it "
    "as .xlsx, which is read faster",
    "rosters: is a folder; give a .xlsx, .xls or .csv file",
    "rosters: file not found; check the path",
    "config.toml: classes.organizer_parent: the organizers go round in a circle: 县委管理 -> 市委管理 -> 县委管理",
    "config.toml: classes.holidays: '13-01' is not a day: write MM-DD (every year, e.g. 10-01 or 10月1日) or "
    "YYYY-MM-DD (once, e.g. 2027-02-06 or 2027年2月6日)",
    # the outputs (reports/files.py), the saved analysis (io/snapshot.py), the ledger (records/), the commands (cli/)
    "out/gap-report.xlsx is open in another program or read-only; close gap-report.xlsx and run again",
    "out/snapshot/needs.parquet: could not be written (No space left on device)",
    "out: cannot write here (File exists); choose another output folder",
    "out/by-unit: cannot write here (Not a directory); choose another output folder",
    "clean.csv: cannot write here (File exists); choose another output folder",
    "clean.csv/x: cannot write here (Not a directory); choose another output folder",
    "out.d/x: cannot write here (Not a directory); choose another output folder",
    "out/needs.csv is a folder; remove or rename it and run again",
    "empty.xlsx, sheet Sheet: no header row found in the first rows; expected columns such as 编号, 姓名, 单位, 职务, "
    "职级 (Cadre ID, Name, Unit, Post, Level)",
    "roster.xlsx, sheet 花名册: header row 2: its headers are error values (#REF! in A2:E2), so the header row could not "
    "be read; expected the headers typed in again, not by formula, with columns such as 编号, 姓名, 单位, 职务, 职级 "
    "(Cadre ID, Name, Unit, Post, Level)",
    "big.xlsx, sheet 花名册: too many rows (2,000,001); the limit is 1,000,000 (limits.max_rows in the config)",
    "nofolder: no saved analysis here; run needscli analyze first",
    "out/analysis.json: no saved analysis here; run needscli analyze first",
    "out/analysis.json: not a readable analysis file; run needscli analyze again",
    "out/analysis.json: written by a newer needscli; upgrade needscli to read it",
    "out/analysis.json: damaged analysis file (at cadres, top level); run needscli analyze again",
    "the minimum class size 60 is above the maximum 50 (--min-size 60 and --max-size 50)",
    "the minimum class size 60 is above the maximum 50 (--min-size 60 and [classes] max_size 50)",
    "no roster given: name a roster file or folder, or put [inputs] roster in needscli.toml",
    "--as-of: expected a date such as 2026-11-01",
    "2 input files cannot be used; fix each and run again:\n  a.xlsx: file not found; check the path\n  b.xlsx: is "
    "not a readable .xlsx file (damaged or renamed); save it again from Excel",
    'row 5, column "优先级": "6" is not a whole number from 1 to 5; expected 1-5 (5 the highest) or 高/中/低',
    "other.xlsx: no records table found; expected columns such as 编号, 培训主题, 开始日期, 结束日期, 学时 (Cadre ID, "
    "Topic, Start date, End date, Hours), an online platform export, or the class-rosters.xlsx needscli wrote",
    "rosters.xlsx, sheet 总览: row 3: its sheet 班次01 has no header row (编号, 签到, 出勤学时); expected the sign-in "
    "sheet as needscli wrote it",
    "cadres.xlsx, sheet 干部花名册: header row 3 is a roster's header (编号, 姓名, 单位, 现任职务, 职级), not training "
    "records; import the class-rosters.xlsx with 签到 or 出勤学时 filled in, an online platform's export, or a records "
    "sheet (编号, 培训主题, 开始日期, 结束日期, 学时)",
    "'out.csv' is not a .xlsx file name; the register is written as an Excel workbook (.xlsx) only",
    "'needscli-out' is a folder; give the register's file in it, e.g. needscli-out/学时登记.xlsx",
    "台账: cannot be opened as a ledger (unable to open database file)",
    "records/ledger: is not a readable ledger (file is not a database); give another --ledger file",
    "ledger: could not be written (disk I/O error); nothing was changed",
    "ledger.db: could not be written (database is locked); nothing was changed",
    "ledger.db: cannot be opened as a ledger (unable to open database file)",
    "ledger.db: is not a readable ledger (file is not a database); give another --ledger file",
    "ledger.db: this ledger was written by a newer needscli (schema version 9; this needscli reads up to 3); upgrade "
    "needscli to use it",
    "records/ledger.db: the folder records does not exist; create it or give another --ledger",
    "No --roster: grouped by cadre (grouping by unit needs the roster).",
    "Wrote register.xlsx (11 cadre(s))",
])
def test_each_reader_message_has_its_chinese(message: str) -> None:
    said = in_chinese(message)
    assert said != message and english_sentences(said) == []


# a config file's faults, as the checks of its keys word them (the value given is kept: no personal data in a config)
@pytest.mark.parametrize(("text", "said"), [
    ('[classes]\nmin_size = 0\n', "classes.min_size：应不小于 1（当前为 0）"),
    ("[classes]\nunit_away_share = 2\n", "classes.unit_away_share：应不大于 1（当前为 2）"),
    ("[classes]\nunit_away_share = 0\n", "classes.unit_away_share：应大于 0（当前为 0）"),
    ("[needs]\nmerge_bonus = nan\n", "needs.merge_bonus：应为有限的数字（不能是 nan 或 inf）（当前为 nan）"),
    ('[hours]\ncycle_years = "five"\n', "hours.cycle_years：应为整数（当前为 'five'）"),
    ("[limits]\nwrite_processes = 1.5\n", "limits.write_processes：应为整数（当前为 1.5）"),
    ('[needs]\nmerge_bonus = "x"\n', "needs.merge_bonus：应为数字（当前为 'x'）"),
    ('[hours]\nonline_counts_toward_concentrated = "maybe"\n',
     "hours.online_counts_toward_concentrated：应为 true 或 false（当前为 'maybe'）"),
    ("[classes]\nmax_sise = 3\n", "classes.max_sise：未知的键；请检查拼写及其所在的 [节]"),
    ("[Classes]\nmin_size = 3\n", "Classes：未知的键；请检查拼写及其所在的 [节]"),
    ("[my-section2]\nmin_size = 3\n", "my-section2：未知的键；请检查拼写及其所在的 [节]"),
    ('[classes]\norganizer_aliases = {"市委管理" = "市管"}\n', "classes.organizer_aliases.市委管理：应为列表（当前为 '市管'）"),
    ('[classes]\norganizer_aliases = {"区委管理" = ["区管", ""]}\n', "classes.organizer_aliases：「区委管理」的一个别名为空"),
    ('[classes]\nholidays = ["2027年2/7"]\n', "classes.holidays：「2027年2/7」不是日期：每年的节日写作 MM-DD（如 10-01 或 "
     "10月1日），某一年的写作 YYYY-MM-DD（如 2027-02-06 或 2027年2月6日）"),
])
def test_a_config_files_faults_speak_chinese(tmp_path: Path, text: str, said: str) -> None:
    config = tmp_path / "thresholds.toml"
    config.write_text(text, encoding="utf-8")
    result = run_cli("validate", SAMPLES, "--config", config)
    assert result.exit_code == 2
    assert f"thresholds.toml：{said}" in result.output and english_sentences(result.output) == []


def test_a_config_files_faults_stay_english_under_lang_en(tmp_path: Path) -> None:
    config = tmp_path / "thresholds.toml"
    config.write_text("[classes]\nmin_size = 0\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "needscli", "validate", str(SAMPLES), "--config", str(config),
                           "--lang", "en"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.strip() == ("Error: thresholds.toml: classes.min_size: Input should be greater than or equal "
                                   "to 1 (got 0)")


def test_a_holiday_that_is_no_day_names_the_ways_to_write_one_in_english_too(tmp_path: Path) -> None:
    """--lang en says what the Chinese says: 10月1日 and 2027年2月6日 are read as well as MM-DD and YYYY-MM-DD."""
    config = tmp_path / "thresholds.toml"
    config.write_text('[classes]\nholidays = ["2027年2/7"]\n', encoding="utf-8")
    done = run_needscli("validate", SAMPLES, "--config", config, "--lang", "en")
    assert done.returncode == 2
    assert done.stderr.strip() == ("Error: thresholds.toml: classes.holidays: '2027年2/7' is not a day: write MM-DD "
                                   "(every year, e.g. 10-01 or 10月1日) or YYYY-MM-DD (once, e.g. 2027-02-06 or "
                                   "2027年2月6日)")


# --- errors: Chinese where the roster is, and where nothing tells the language -------------------------------

def test_an_output_open_elsewhere_is_said_in_chinese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_replace = os.replace

    def replace(src: str | Path, dst: str | Path) -> None:
        if Path(dst).name == "gap-report.xlsx":  # Excel holds a lock on an open workbook
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    out = tmp_path / "out"
    result = run_analyze(make_needs_workbook(tmp_path), "-o", out, "--as-of", NEEDS_AS_OF)
    assert result.exit_code == 3, result.output
    assert result.stderr == f"错误：{out / 'gap-report.xlsx'} 已在其他程序中打开或为只读；请关闭 gap-report.xlsx 后再运行\n"


def test_an_output_folder_that_is_a_file_is_said_in_chinese(tmp_path: Path) -> None:
    taken = tmp_path / "out"
    taken.write_bytes(b"")
    result = run_analyze(make_needs_workbook(tmp_path), "-o", taken, "--as-of", NEEDS_AS_OF)
    assert result.exit_code == 3, result.output
    assert result.stderr == f"错误：{taken}：无法在此写入（已存在同名文件）；请另选输出文件夹\n"


@pytest.mark.parametrize("command", ["analyze", "rollup", "classes"])
def test_an_output_folder_under_a_file_name_is_said_in_chinese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                               command: str) -> None:
    """-o clean.csv (a file there) was said half in English: the name's ending took the message apart."""
    roster_path, run = make_needs_workbook(tmp_path), tmp_path / "run"
    if command != "analyze":
        assert run_analyze(roster_path, "-o", run, "--as-of", NEEDS_AS_OF, "--quiet").exit_code == 0
    (tmp_path / "clean.csv").write_bytes(b"")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEEDSCLI_LANG", raising=False)  # rollup's messages: the locale's language (Chinese)
    args = {"analyze": ["analyze", roster_path, "--as-of", NEEDS_AS_OF], "rollup": ["rollup", run],
            "classes": ["classes", run]}[command]
    for out, why in (("clean.csv", "已存在同名文件"), ("clean.csv/x", "路径中有一段是文件，不是文件夹")):
        result = run_cli(*args, "-o", out)
        assert (result.exit_code, result.stderr) == (3, f"错误：{out}：无法在此写入（{why}）；请另选输出文件夹\n")


def test_a_folder_where_an_output_goes_is_said_in_chinese(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "needs.csv" / "kept").mkdir(parents=True)
    result = run_analyze(make_needs_workbook(tmp_path), "-o", out, "--as-of", NEEDS_AS_OF)
    assert result.exit_code == 3, result.output
    assert result.stderr == f"错误：{out / 'needs.csv'} 是文件夹，文件无法写到这里；请删除该文件夹或为它改名后再运行\n"


EMPTY_SHEET = "empty.xlsx，工作表「Sheet」：工作表为空；应为：含 编号、姓名、单位、职务、职级 等列的表头行，及其下的数据行"


def test_an_empty_workbook_is_said_in_the_default_language(tmp_path: Path) -> None:
    """An empty sheet tells no language: Chinese unless the locale or NEEDSCLI_LANG is English."""
    path = make_workbook(tmp_path, {"Sheet": []}, name="empty.xlsx")
    result = run_cli("validate", path)
    assert result.exit_code == 2
    assert result.stderr == f"错误：{EMPTY_SHEET}\n"
    english = run_cli("validate", path, env={"NEEDSCLI_LANG": "en"})
    assert english.exit_code == 2
    assert english.stderr == ("Error: empty.xlsx, sheet Sheet: the sheet is empty; expected a header row with columns "
                              "such as 编号, 姓名, 单位, 职务, 职级 (Cadre ID, Name, Unit, Post, Level) and the rows below "
                              "it\n")


def test_a_sheet_of_english_words_without_a_header_stays_english(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"Sheet": [["Notes"], ["see below"]]}, name="notes.xlsx")
    result = run_cli("validate", path)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: notes.xlsx, sheet Sheet: no header row found")


def test_classes_without_a_saved_analysis_is_said_in_chinese(tmp_path: Path) -> None:
    result = run_cli("classes", tmp_path / "nofolder")
    assert result.exit_code == 2
    assert result.stderr == f"错误：{tmp_path / 'nofolder'}：这里没有保存的分析结果；请先运行 needscli analyze\n"


def test_classes_with_sizes_the_wrong_way_round_is_said_in_chinese(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_analyze(make_needs_workbook(tmp_path), "-o", out, "--as-of", NEEDS_AS_OF).exit_code in (0, 1)
    result = run_cli("classes", out, "--min-size", "60", "--max-size", "50")
    assert result.exit_code == 2
    assert result.stderr == "错误：最小班额 60 大于最大班额 50（--min-size 60，--max-size 50）：最小班额不能超过最大班额\n"
    # a limit not typed is named as the setting it came from, not as an option the clerk did not give
    alone = run_cli("classes", out, "--max-size", "10")
    assert alone.exit_code == 2
    assert alone.stderr == "错误：最小班额 15 大于最大班额 10（[classes] min_size 15，--max-size 10）：最小班额不能超过最大班额\n"


def test_analyze_given_no_roster_is_said_in_chinese(tmp_path: Path) -> None:
    """A missing argument is a usage error (用法错误, usage-error), as the README's exit codes say."""
    result = run_needscli("analyze", "--format", "json", cwd=tmp_path, env={"NEEDSCLI_LANG": "zh"})
    assert result.returncode == 2
    assert result.stderr.endswith("用法错误：没有给出花名册：请指定花名册文件或文件夹，或在 needscli.toml 的 [inputs] 中"
                                  "写明 roster\n")
    assert json.loads(result.stdout)["error"]["code"] == "usage-error"


def test_a_priority_out_of_its_scale_says_what_is_expected_in_chinese(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"花名册": roster(["001", "张三", "市财政局", "科长", "乡科级正职"]),
                                    "组织需求": [["编号", "培训主题", "需求来源", "适用单位", "适用职级", "优先级"],
                                               ["P01", "乡村振兴", "其他", "全部", "全部", 6]]})
    result = run_cli("validate", path)
    assert result.exit_code == 1, result.output
    assert "应为：1到5的整数（5为最高）或高/中/低" in cells(result.stdout)
    assert english_sentences(result.output) == []


@pytest.mark.parametrize(("args", "fault"), [
    (["validate", "-q", "roster.xlsx"], "没有这个选项：-q"),
    (["validate", "roster.xlsx", "--as-of", "2026-13-01"], "'--as-of' 取值无效：「2026-13-01」不是日期；应为：日期，如 2026-11-01"),
    (["analyze", "roster.xlsx", "--plan-start", "2026-02-30"],
     "'--plan-start' 取值无效：「2026-02-30」不是日期；应为：日期，如 2026-11-01"),
    (["explain", "roster.xlsx", "X", "--as-of", "2026-13-45"],
     "'--as-of' 取值无效：「2026-13-45」不是日期；应为：日期，如 2026-11-01"),
    (["explain", "roster.xlsx"], "缺少参数 '编号或姓名'"),
    # the choices with the Chinese words the help glosses them by, which are taken too
    (["analyze", "roster.xlsx", "--split-by", "dept"],
     "'--split-by' 取值无效：「dept」不是以下之一：unit（单位）、organizer（主办单位、主办）、host（承办单位、承办）"),
    (["records", "summary", "--by", "部门"], "'--by' 取值无效：「部门」不是以下之一：unit（单位）、level（职级）、cadre（干部）"),
    (["analyze", "roster.xlsx", "--periods", "0"], "'--periods' 取值无效：应不小于 1"),
    (["analyze", "roster.xlsx", "--as-off", "2026-11-01"], "没有这个选项：--as-off（是否指 --as-of？）"),
    # a value given as an option of its own: the option that takes it (--as-of was the nearest name)
    (["analyze", "roster.xlsx", "--json"], "没有这个选项：--json（是否指 --format json？）"),
    (["classes", "out", "--parquet"], "没有这个选项：--parquet（是否指 --formats parquet？）"),
])
def test_a_usage_error_is_said_in_chinese_with_exit_2(tmp_path: Path, args: list[str], fault: str) -> None:
    done = run_needscli(*args, cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith("用法：python -m needscli")  # as run here; needscli as installed
    command = " ".join(args[:2]) if args[0] == "records" else args[0]
    assert f"运行 python -m needscli {command} --help 查看帮助。\n" in done.stderr
    assert done.stderr.endswith(f"用法错误：{fault}\n")
    assert english_sentences(done.stderr.replace("python -m needscli", "needscli")) == []


@pytest.mark.parametrize(("command", "fault"), [("analyz", "没有这个命令：'analyz'（是否指 'analyze'？）"),
                                              ("xyz", "没有这个命令：'xyz'")])
def test_a_mistyped_command_is_said_in_chinese_with_the_one_meant(tmp_path: Path, command: str, fault: str) -> None:
    done = run_needscli(command, cwd=tmp_path, env={"NEEDSCLI_LANG": "zh"})
    assert done.returncode == 2
    assert done.stderr.endswith(f"用法错误：{fault}\n"), done.stderr


def test_a_usage_error_stays_english_under_lang_en(tmp_path: Path) -> None:
    done = run_needscli("validate", "-q", "roster.xlsx", "--lang", "en", cwd=tmp_path)
    assert done.returncode == 2
    assert "Try 'python -m needscli validate --help' for help." in done.stderr
    assert done.stderr.endswith("Error: No such option: -q\n")


def test_a_refused_choice_in_english_lists_the_choices_as_typed(tmp_path: Path) -> None:
    done = run_needscli("analyze", "roster.xlsx", "--split-by", "部门", "--lang", "en", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.endswith("Error: Invalid value for '--split-by': '部门' is not one of 'unit', 'organizer', "
                                "'host'\n")


def test_needscli_alone_shows_its_help_in_chinese(tmp_path: Path) -> None:
    done = run_needscli(cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith("用法：python -m needscli [选项] 命令")
    assert "干部教育培训需求分析" in done.stderr and "Traceback" not in done.stderr


def test_classes_lang_writes_the_outputs_and_says_its_messages_in_the_language_chosen(tmp_path: Path) -> None:
    """classes --lang as analyze --lang: the language of the outputs' labels (auto: the roster's headers'); without
    it, the analyze run's, as its analysis.json keeps it."""
    run = tmp_path / "run"
    assert run_analyze(make_needs_workbook(tmp_path), "-o", run, "--as-of", NEEDS_AS_OF, "-q").exit_code == 0
    english, kept, auto = tmp_path / "en", tmp_path / "kept", tmp_path / "auto"
    told = run_cli("classes", run, "-o", english, "--lang", "en")
    assert told.exit_code == 0, told.output
    assert "Wrote" in told.stderr + told.stdout and english_sentences(told.stdout)
    assert run_cli("classes", english, "-o", kept, "-q").exit_code == 0  # the snapshot's language: English
    assert run_cli("classes", english, "-o", auto, "--lang", "auto", "-q").exit_code == 0  # the roster's: Chinese
    first = {folder: openpyxl.load_workbook(folder / "gap-report.xlsx", read_only=True).sheetnames[0]
             for folder in (run, english, kept, auto)}
    assert first == {run: "概要", english: "Summary", kept: "Summary", auto: "概要"}
    assert openpyxl.load_workbook(english / "class-rosters.xlsx", read_only=True).sheetnames[0] == "Overview"


def test_classes_in_chinese_says_an_english_run_s_problems_whole(tmp_path: Path) -> None:
    """An English run's problems re-planned with --lang zh: a blank hours cell's warning and a blank organizer's
    notice (its settings joined by "; ") came out half said, a Chinese opening before an English sentence, or English
    clauses joined by ；. Each is said in Chinese whole."""
    path = tmp_path / "roster.csv"
    path.write_text("Cadre ID,Name,Unit,Post,Level,Managed by,Hours this year\n"
                    "C1,Ann,Finance Bureau,Clerk,一级科员,,\nC2,Bob,Finance Bureau,Clerk,一级科员,市委管理,40\n",
                    encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli("analyze", path, "-o", out, "--as-of", NEEDS_AS_OF).exit_code == 1
    result = run_cli("classes", out, "--lang", "zh", "--format", "json")
    problems = json.loads(result.stdout)["problems"]
    said = [p["message"] for p in problems] + [p["expected"] for p in problems]
    assert [s for s in said if english_sentences(s)] == []
    assert "第 2 行「Hours this year」为空：学时达标情况未知" in said
    assert "本年度集中培训学时（数字）" in said
    assert any(s.startswith("「Managed by」为空的 1 人按职级归入「市委管理」（第 2 行），依据配置中") for s in said)
    assert "管理权限另有规定的，请在「Managed by」列中填写；或按本地的干部管理权限修改配置中的这一设置" in said
