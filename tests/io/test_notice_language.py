"""The notices about the input (a sheet set aside, hidden rows, doubled columns, formulas without results, an
organizer filled in by level, a roster of another year) in the language the run asks for: --lang en on a Chinese
roster says every one in English, as it says the faults of its cells; without --lang, in the roster's language."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import openpyxl
from builders import load, run_cli

from needscli.config import Config
from needscli.pipeline import check_inputs

# a sentence of Chinese: a Chinese character beside Chinese punctuation, or words of Chinese prose a notice has
_CHINESE_SENTENCE = re.compile(r"[\u4e00-\u9fff][，。：；（）]|[，。：；（）][\u4e00-\u9fff]|工作表|读取")


def _noticed(tmp_path: Path) -> Path:
    """A Chinese roster giving one of each notice: a retirees' sheet beside it, a hidden row, the level in two
    columns, a formula with no result, blank organizers, and a title of an earlier year."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Sheet1"
    ws.append(["2024年干部花名册"])
    ws.append(["编号", "姓名", "单位", "职务", "职级", "职级", "管理权限", "本年度学时"])
    for i in range(8):
        ws.append([f"C{i:02d}", f"张{i}", "市财政局", "科员", "一级科员", "一级科员", "" if i < 3 else "市委管理",
                   "=10+20" if i == 4 else 40])
    ws.row_dimensions[6].hidden = True
    others = book.create_sheet("退休人员")
    others.append(["编号", "姓名", "单位", "职务", "职级"])
    others.append(["R01", "李四", "市财政局", "科员", "一级科员"])
    path = tmp_path / "roster.xlsx"
    book.save(path)
    return path


AS_OF = dt.date(2026, 11, 1)
CODES = ["sheet-not-read", "hidden-rows", "doubled-column", "formula-without-value", "organizer-from-level",
         "roster-of-another-year"]


def test_every_notice_is_in_english_under_lang_en(tmp_path: Path) -> None:
    problems = check_inputs([_noticed(tmp_path)], Config(), as_of=AS_OF, lang="en").problems
    assert [p.code for p in problems] == CODES
    assert [p.message for p in problems if _CHINESE_SENTENCE.search(p.message)] == []
    assert [p.expected for p in problems if _CHINESE_SENTENCE.search(p.expected)] == []


def test_every_notice_is_in_chinese_without_lang(tmp_path: Path) -> None:
    problems = check_inputs([_noticed(tmp_path)], Config(), as_of=AS_OF).problems
    assert [p.code for p in problems] == CODES
    assert all(_CHINESE_SENTENCE.search(p.message) for p in problems)


def test_the_reader_says_its_notices_in_the_language_asked(tmp_path: Path) -> None:
    path = _noticed(tmp_path)
    english = load(path, lang="en").problems
    assert english[1].message == ("1 row(s) of sheet Sheet1 are hidden or filtered out in Excel (rows 6); they were "
                                  "read as cadres too")
    assert load(path).problems[1].message == ("工作表「Sheet1」中有 1 行在 Excel 中被隐藏或被筛选掉（第 6 行），"
                                              "这些行也作为干部读取了")


def test_analyze_lang_en_writes_the_notices_in_english(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("analyze", _noticed(tmp_path), "--as-of", "2026-11-01", "-o", out, "--lang", "en",
                     env={"COLUMNS": "200"})
    assert result.exit_code == 1, result.output
    problems = json.loads((out / "analysis.json").read_text(encoding="utf-8"))["problems"]
    assert [p["message"] for p in problems if _CHINESE_SENTENCE.search(p["message"])] == []
    assert "29 cadre(s)" not in result.output and "3 cadre(s) of sheet Sheet1 with a blank" in result.output
