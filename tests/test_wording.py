"""The readers' English messages said in Chinese (needscli.wording): each message the readers make in English has its
Chinese, a message is said in Chinese whole or left as it was (never an English clause among Chinese ones), and an
English roster's messages give English examples, the Chinese their own."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from builders import load, make_csv, make_workbook, roster, run_cli

from needscli.config import Config
from needscli.core.catalog import topics_from_toml
from needscli.core.rules import Where
from needscli.errors import NeedsError, Problem
from needscli.io.files import sniff
from needscli.wording import in_chinese, problem_in, problems_in

ENGLISH_HEADER = ["Cadre ID", "Name", "Unit", "Post", "Level", "Appointed to current post", "Completed training"]


def test_a_date_in_brackets_that_is_no_date_is_said_in_chinese(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"花名册": roster(["C1", "张三", "市财政局", "科员", "一级科员", "党性教育(2099.13)；法治"],
                                                    header=["编号", "姓名", "单位", "职务", "职级", "已参加培训"])})
    [problem] = problems_in(load(path).problems, "zh")
    assert problem.message == ("第 2 行「已参加培训」列：第 1 项括号中的日期不是有效的日期（其余各项已保留）；应为：培训主题，可带日期，"
                               "如 党性教育(2024.06)")


def test_a_priority_s_unknown_level_expects_in_chinese(tmp_path: Path) -> None:
    header = ["编号", "培训主题", "需求来源", "适用单位", "适用职级", "适用类别", "优先级", "完成期限"]
    path = make_workbook(tmp_path, {"花名册": roster(["C1", "张三", "市财政局", "科员", "一级科员"]),
                                    "组织需求": [header, ["P1", "法治", "上级要求", "全部", "Grand Poobah", "全部", 3, ""]]})
    [problem] = [p for p in problems_in(load(path).problems, "zh") if p.code == "unknown-level"]
    assert (problem.expected, problem.message) == (
        "配置列表中的职级，或“全部”", "第 2 行「适用职级」列：含有未知的职级；应为：配置列表中的职级，或“全部”")


def test_a_topics_file_without_topic_tables_is_said_in_chinese() -> None:
    with pytest.raises(NeedsError) as raised:
        topics_from_toml({"topic": "法治"}, "mine.toml")
    assert in_chinese(raised.value.message) == "mine.toml：不是可读的课程目录；应为：[[topic]] 表"


def test_a_rule_of_no_known_line_is_said_in_chinese() -> None:
    assert in_chinese(f"{Where('rules.toml')}: a rule must be a [[rule]] table") == "rules.toml：每条规则须是一个 [[rule]] 表"
    assert in_chinese(f"{Where('r.xlsx', sheet='规则')}: rule has no id") == "r.xlsx，工作表「规则」：规则没有编号"


def test_a_wps_template_is_said_in_chinese(tmp_path: Path) -> None:
    path = tmp_path / "模板.ett"
    path.write_bytes(b"\x01\x02 no workbook")
    with pytest.raises(NeedsError) as raised:
        sniff(path)
    assert in_chinese(raised.value.message) == ("模板.ett：是无法读取的 WPS 表格文件（.et）；请在 WPS 中打开，另存为 Excel 工作簿"
                                                "（.xlsx）后再运行")


def test_a_message_with_a_clause_the_table_does_not_know_stays_whole() -> None:
    """Its known clauses were said in Chinese and joined by ；with the English one: neither language read."""
    message = 'row 3, column "职级": is empty; a clause of no known wording'
    assert in_chinese(message) == message
    assert in_chinese(f"a.xlsx, sheet 花名册: {message}") == f"a.xlsx, sheet 花名册: {message}"
    problem = Problem(code="x", message='row 3, column "职级": is empty', expected="a clause of no known wording")
    assert problem_in(problem, "zh") == problem
    assert in_chinese("is empty; 已是中文") == "为空；已是中文"


def test_an_english_roster_s_examples_are_english_and_the_chinese_chinese(tmp_path: Path) -> None:
    path = make_csv(tmp_path, [ENGLISH_HEADER, ["C1", "Ann", "Finance", "Clerk", "一级科员", "2023.13",
                                                "Party spirit education(2099.13)"]])
    problems = load(path).problems
    assert [p.expected for p in problems] == ["a date such as 2023-05-01, 2023-05, 2023.05 or 2023/5",
                                              "topics with optional dates, e.g. Party spirit education(2024.06)"]
    assert [p.expected for p in problems_in(problems, "zh")] == ["日期，如 2023-05-01、2023-05、2023.05 或 2023年5月",
                                                                 "培训主题，可带日期，如 党性教育(2024.06)"]
    # the examples are read as what they show
    (tmp_path / "examples").mkdir()
    example = make_csv(tmp_path / "examples", [ENGLISH_HEADER, ["C1", "Ann", "Finance", "Clerk", "一级科员", "2023/5",
                                                                "Party spirit education(2024.06)"]])
    [cadre] = load(example, config=Config()).cadres
    assert (str(cadre.appointed), [(c.topic, str(c.date)) for c in cadre.completed]) == (
        "2023-05-01", [("Party spirit education", "2024-06-01")])


def test_the_english_template_gives_english_date_examples(tmp_path: Path) -> None:
    assert run_cli("template", tmp_path / "t.xlsx", "--lang", "en").exit_code == 0
    said = openpyxl.load_workbook(tmp_path / "t.xlsx")["Instructions"]["A4"].value
    assert said.endswith("Dates may be 2023-05-01, 2023-05, 2023.05 or 2023/5.")
