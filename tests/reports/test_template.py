"""The input template: sheets, headers and drop-downs, ids, codes and dates kept as typed; it validates clean
and a filled copy loads."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest
from builders import load, make_workbook, run_cli
from openpyxl.worksheet.worksheet import Worksheet

from needscli.config import Config
from needscli.errors import NeedsError
from needscli.reports.template import write_template

SHEETS = {
    "zh": ["说明", "下拉选项", "花名册", "岗位", "组织需求", "课程", "培训资源", "规则"],
    "en": ["Instructions", "Lists", "roster", "posts", "priorities", "topics", "resources", "rules"],
}
ROSTER_HEADERS = {
    "zh": ["编号", "姓名", "单位", "职务", "职级", "部门", "岗位代码", "干部类别", "职位类别", "管理权限",
           "任现职时间", "参加工作时间", "录用时间", "出生年月", "本年度学时", "五年累计学时", "本年度培训天数",
           "五年累计培训天数", "本年度网络学时", "已参加培训", "个人培训需求"],
    "en": ["Cadre ID", "Name", "Unit", "Post", "Level", "Department", "Post code", "Category", "Job family",
           "Managed by", "Appointed to current post", "Entry date", "Civil service entry", "Birth date",
           "Hours this year", "Hours in five-year cycle", "Training days this year",
           "Training days in five-year cycle", "Online hours this year", "Completed training", "Personal needs"],
}
POSTS_HEADERS = {
    "zh": ["岗位代码", "岗位名称", "职位类别", "主要职责", "培训主题", "要求水平", "重要程度"],
    "en": ["Post code", "Post title", "Job family", "Responsibilities", "Topic", "Required level", "Importance"],
}


@pytest.fixture(params=["zh", "en"])
def lang(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def template(tmp_path: Path, lang: str) -> Path:
    path = tmp_path / f"template-{lang}.xlsx"
    result = run_cli("template", path, "--lang", lang)
    assert result.exit_code == 0, result.output
    assert result.stderr == (f"已写出 {path}\n" if lang == "zh" else f"Wrote {path}\n")
    return path


def headers(ws: Worksheet) -> list[object]:
    return [c.value for c in ws[1]]


def dropdown(book: openpyxl.Workbook, sheet: str, column: str) -> list[str]:
    """The values offered by the list validation over a column (read through its formula)."""
    ws = book[sheet]
    [validation] = [dv for dv in ws.data_validations.dataValidation if str(dv.sqref).startswith(f"{column}2:")]
    assert validation.type == "list"
    target, cells = validation.formula1.split("!")
    first, last = cells.replace("$", "").split(":")
    return [c.value for (c,) in book[target.strip("'")][f"{first}:{last}"]]


def test_sheets_and_headers(template: Path, lang: str) -> None:
    book = openpyxl.load_workbook(template)
    assert book.sheetnames == SHEETS[lang]
    assert book[SHEETS[lang][1]].sheet_state == "hidden"
    assert headers(book[SHEETS[lang][2]]) == ROSTER_HEADERS[lang]
    assert headers(book[SHEETS[lang][3]]) == POSTS_HEADERS[lang]
    assert book[SHEETS[lang][2]].max_row == 1


def test_level_column_has_the_ladder_as_dropdown(template: Path, lang: str) -> None:
    book = openpyxl.load_workbook(template)
    ws = book[SHEETS[lang][2]]
    [level] = [dv for dv in ws.data_validations.dataValidation if str(dv.sqref) == "E2:E2001"]
    assert level.showErrorMessage
    ladder = Config().levels
    expected = [lv.name for lv in ladder] if lang == "zh" else [lv.english for lv in ladder]
    assert dropdown(book, SHEETS[lang][2], "E") == expected


def test_the_lists_sheet_heads_its_columns_in_words(template: Path, lang: str) -> None:
    ws = openpyxl.load_workbook(template)[SHEETS[lang][1]]
    expected = {"zh": ["职级", "干部类别", "职位类别", "需求来源", "适用职级"],
                "en": ["Level", "Category", "Job family", "Source kind", "Target levels"]}[lang]
    assert [c.value for c in ws[1]][:5] == expected


def test_every_dropdown_value_loads(tmp_path: Path, template: Path, lang: str) -> None:
    """A roster filled from the drop-downs loads without a problem, whatever the language."""
    book = openpyxl.load_workbook(template)
    sheet = SHEETS[lang][2]
    levels, categories, families = (dropdown(book, sheet, c) for c in "EHI")
    ws = book[sheet]
    for i, level in enumerate(levels):
        ws.append([f"{i:04d}", "张三", "市财政局", "科员", level, "", "", categories[i % len(categories)],
                   families[i % len(families)], "", "2023.05", "", "", dt.date(1980, 5, 1), 40])
    filled = tmp_path / "filled.xlsx"
    book.save(filled)
    inputs = load(filled)
    # 管理权限 left blank: each level's organizer filled in from the config, and said once an organizer (no other problem)
    assert {p.code for p in inputs.problems} <= {"organizer-from-level"}
    assert sum(int(p.message.split("的 ")[1].split(" 人")[0]) if lang == "zh" else int(p.message.split()[0])
               for p in inputs.problems) == sum(1 for c in inputs.cadres if c.managed_by == "")
    assert inputs.counts["roster"] == len(levels)
    assert [c.level for c in inputs.cadres] == [lv.name for lv in Config().levels]
    assert {c.category for c in inputs.cadres} == {v.name for v in Config().categories}
    assert inputs.cadres[0].id == "0000"
    assert inputs.cadres[0].appointed == dt.date(2023, 5, 1)


def test_blank_template_reads_clean_and_is_refused_as_empty(template: Path, lang: str) -> None:
    """Every header of the blank template is recognized; with no cadre in it, validate says what
    analyze would: a header row and no data rows below it (exit 2), and no other problem."""
    with pytest.raises(NeedsError) as caught:
        load(template)
    assert caught.value.problems == []  # no header left unread
    result = run_cli("validate", template)
    assert result.exit_code == 2, result.output
    # in the language of the template's headers
    if lang == "zh":
        assert "只有表头（第 " in result.output and "表头下方没有数据行" in result.output
        assert "问题" not in result.output
    else:
        assert "has a header row (row " in result.output and "but no data rows below it" in result.output
        assert "problem(s)" not in result.output


def test_filled_template_validates(tmp_path: Path, template: Path, lang: str) -> None:
    book = openpyxl.load_workbook(template)
    # what the obligations need of a section chief: the date the post was taken, this year's hours, online hours
    book[SHEETS[lang][2]].append(["007", "张三", "市财政局", "科长", "乡科级正职" if lang == "zh" else "Section Chief",
                                  "", "", "", "", "市委管理", "2025.05", "", "", "", 96, "", "", "", 50])
    filled = tmp_path / "filled.xlsx"
    book.save(filled)
    result = run_cli("validate", filled, "--as-of", "2026-11-01")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("已读取：干部 1 人\n" if lang == "zh" else "Loaded 1 cadres\n")


def test_a_template_row_without_what_the_obligations_need_is_warned_of_cell_by_cell(
        tmp_path: Path, template: Path, lang: str) -> None:
    book = openpyxl.load_workbook(template)
    book[SHEETS[lang][2]].append(["007", "张三", "市财政局", "科长", "乡科级正职" if lang == "zh" else "Section Chief",
                                  "", "", "", "", "市委管理"])
    filled = tmp_path / "filled.xlsx"
    book.save(filled)
    result = run_cli("validate", filled, "--as-of", "2026-11-01", "--format", "json")
    assert result.exit_code == 1, result.output
    problems = json.loads(result.stdout)["problems"]
    assert [(p["code"], p["cell"], p["severity"]) for p in problems] == [
        ("compliance-unknown", "K2", "warning"), ("compliance-unknown", "O2", "warning"),
        ("compliance-unknown", "S2", "warning")]
    assert [p["column"] for p in problems] == [ROSTER_HEADERS[lang][i] for i in (10, 14, 18)]


def test_write_template_library_call(tmp_path: Path) -> None:
    path = tmp_path / "out" / "模板.xlsx"
    write_template(path, Config(), "zh")
    assert openpyxl.load_workbook(path).sheetnames == SHEETS["zh"]
    assert [p.name for p in path.parent.iterdir()] == ["模板.xlsx"]  # no temp file left behind


# --- ids, codes and dates are text columns ------------------------------------------------------

# sheet -> headers whose column is text ('@'), and headers that stay General (numbers stay numbers)
TEXT_COLUMNS = {
    "zh": {
        "花名册": ({"编号", "岗位代码", "任现职时间", "参加工作时间", "录用时间", "出生年月"}, {"姓名", "职级", "本年度学时"}),
        "岗位": ({"岗位代码"}, {"要求水平"}),
        "组织需求": ({"编号", "开始时间", "完成期限"}, {"适用单位", "优先级"}),
        "课程": ({"主题编号"}, {"学时"}),
        "规则": ({"规则编号"}, {"权重"}),
    },
    "en": {
        "roster": ({"Cadre ID", "Post code", "Appointed to current post", "Entry date", "Civil service entry", "Birth date"},
                   {"Name", "Level", "Hours this year"}),
        "posts": ({"Post code"}, {"Required level"}),
        "priorities": ({"Priority ID", "Start date", "Deadline"}, {"Target units", "Priority"}),
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


def test_instructions_say_which_priority_is_highest(template: Path, lang: str) -> None:
    """优先级 5 is the highest: the instructions say so, and the reader agrees (高 reads as 5, 低 as 1)."""
    book = openpyxl.load_workbook(template)
    text = " ".join(str(c.value) for row in book[SHEETS[lang][0]].iter_rows() for c in row if c.value)
    assert ("5 为最高" in text) if lang == "zh" else ("5 the highest" in text)


def test_the_priorities_sheet_asks_for_a_rotations_start_before_its_deadline(template: Path, lang: str) -> None:
    """开始时间 (Start date), optional, beside 完成期限; the instructions say what it does and what a blank one means."""
    book = openpyxl.load_workbook(template)
    names = headers(book[SHEETS[lang][4]])
    start, deadline = ("开始时间", "完成期限") if lang == "zh" else ("Start date", "Deadline")
    assert names.index(start) + 1 == names.index(deadline)
    text = " ".join(str(c.value) for row in book[SHEETS[lang][0]].iter_rows() for c in row if c.value)
    assert (("开始时间（可选）为本轮轮训的起点" in text and "不填的按专题有效期自完成期限倒推" in text) if lang == "zh" else
            ("its start date (optional) is where the round begins" in text and "left blank, the round begins the "
             "topic's validity before the deadline" in text))


def test_priority_words_read_as_the_instructions_say(tmp_path: Path) -> None:
    rows = [["编号", "培训主题", "优先级"], ["P1", "数字政府建设", "高"], ["P2", "营商环境优化", "1"],
            ["P3", "安全生产", "较高"], ["P4", "法治政府", None]]
    book = make_workbook(tmp_path, {"花名册": [["编号", "姓名", "单位", "职务", "职级"],
                                            ["001", "张三", "市财政局", "科员", "一级科员"]],
                                     "组织需求": rows})
    assert [(p.id, p.priority) for p in load(book).priorities] == [("P1", 5), ("P2", 1), ("P3", 4), ("P4", 3)]


# --- drop-downs suggest, they never refuse -------------------------------------------------------

def validations(book: openpyxl.Workbook, sheet: str) -> dict[str, object]:
    """Column letter -> the data validation over it."""
    return {str(dv.sqref).split("2:")[0]: dv for dv in book[sheet].data_validations.dataValidation}


def test_every_dropdown_warns_and_lets_another_value_be_kept(template: Path, lang: str) -> None:
    """正处级, 副科级 and a level the configuration adds are read: Excel may warn of them, never block them."""
    book = openpyxl.load_workbook(template)
    found = [dv for ws in book.worksheets for dv in ws.data_validations.dataValidation]
    assert len(found) == 7
    assert {dv.errorStyle for dv in found} == {"warning"}
    assert all(dv.prompt and dv.showInputMessage for dv in found)
    level = validations(book, SHEETS[lang][2])["E"]
    assert level.showErrorMessage and level.error and level.errorTitle
    assert ("正处级" in level.prompt) and ("正处级" in level.error if lang == "zh" else "Keep it?" in level.error)


def test_a_level_other_than_the_lists_is_read(tmp_path: Path) -> None:
    template = tmp_path / "template.xlsx"
    write_template(template, Config(), "zh")
    book = openpyxl.load_workbook(template)
    ws = book[SHEETS["zh"][2]]
    ws.append(["001", "张三", "市财政局", "处长", "正处级", "", "", "", "", "市管"])
    ws.append(["002", "李四", "市财政局", "科员", "副科级"])
    filled = tmp_path / "filled.xlsx"
    book.save(filled)
    inputs = load(filled)
    assert [(c.level, c.managed_by) for c in inputs.cadres] == [("县处级正职", "市管"), ("乡科级副职", "")]


def test_managed_by_suggests_the_configured_organizers(template: Path, lang: str) -> None:
    book = openpyxl.load_workbook(template)
    assert ROSTER_HEADERS[lang][9] == headers(book[SHEETS[lang][2]])[9]  # 管理权限, column J
    assert dropdown(book, SHEETS[lang][2], "J") == ["中央管理", "省委管理", "市委管理", "县委管理", "企业党委管理"]
    assert dropdown(book, SHEETS[lang][2], "J") == list(dict.fromkeys(Config().classes.organizer_by_tier.values()))


def test_instructions_explain_the_rules_and_topics_columns(template: Path, lang: str) -> None:
    book = openpyxl.load_workbook(template)
    text = " ".join(str(c.value) for row in book[SHEETS[lang][0]].iter_rows() for c in row if c.value)
    words = {"zh": ["匹配方式", "字段", "运算符", "理论核心", "任一", "months_in_post"],
             "en": ["Match", "Field", "Operator", "Theory core", "any", "months_in_post"]}[lang]
    assert [w for w in words if w not in text] == []


def test_the_instructions_and_lists_follow_the_config(tmp_path: Path) -> None:
    """A state enterprise's config (96 hours a year, its own organizers): the template said 90 hours and offered only
    the built-in organizers."""
    config = Config.model_validate({"hours": {"annual_required": 96},
                                    "classes": {"organizer_parent": {"二级公司党委管理": "集团党委管理"}}})
    path = tmp_path / "模板.xlsx"
    write_template(path, config)
    book = openpyxl.load_workbook(path)
    said = " ".join(str(c.value) for row in book["说明"].iter_rows() for c in row if c.value)
    assert "每年12天或96学时，按天数或学时达标均可" in said and "90学时" not in said
    assert "省部级、厅局级、县处级层级的干部每5年90天或550学时" in said and "每年50学时" in said
    # a standard the config switches off is not promised: hours only, no five-year tiers, no online duty
    off = Config.model_validate({"hours": {"annual_required": 96, "annual_days_required": 0, "five_year_tiers": [],
                                           "online_min_annual": 0}})
    write_template(tmp_path / "off.xlsx", off)
    line = next(str(c.value) for row in openpyxl.load_workbook(tmp_path / "off.xlsx")["说明"].iter_rows()
                for c in row if str(c.value).startswith("学时："))
    assert line == "学时：本年度学时、五年累计学时、培训天数只计集中（脱产）培训（每年96学时）；留空的学时按“情况未知”提示。"
    offered = [c.value for row in book["下拉选项"].iter_rows() for c in row if c.value]
    assert {"二级公司党委管理", "集团党委管理", "市委管理"} <= set(offered)
