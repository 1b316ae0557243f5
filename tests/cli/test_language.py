"""The office's language: with Chinese headers every message is Chinese (no English sentence left), in
the terminal, the Problems sheet and the records commands; --lang en gives English."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from builders import SAMPLES, acceptance_workbook, run_cli

from needscli.wording import ASCII_SENTENCE, in_chinese

RECORDS_HEADER = ["编号", "姓名", "培训主题", "培训形式", "开始日期", "结束日期", "学时", "出勤学时", "考核结果"]


def english_sentences(text: str) -> list[str]:
    """The English sentences in text: four ASCII words in a row, outside file paths and config keys."""
    text = re.sub(r"(?:/[\w.\-]+)+", " ", text)  # paths
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
    ('[classes]\norganizer_aliases = {"市委管理" = "市管"}\n', "classes.organizer_aliases.市委管理：应为列表（当前为 '市管'）"),
    ('[classes]\norganizer_aliases = {"区委管理" = ["区管", ""]}\n', "classes.organizer_aliases：「区委管理」的一个别名为空"),
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
