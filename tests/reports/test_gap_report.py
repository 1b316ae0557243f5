"""gap-report.xlsx read back with openpyxl: sheets, frozen and filtered headers, charts, colour scale, values."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import zipfile
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from builders import (
    NEEDS_AS_OF,
    NEEDS_CADRES,
    NEEDS_POSTS,
    NEEDS_PRIORITIES,
    SAMPLES,
    csv_records,
    make_needs_workbook,
    make_workbook,
    run_analyze,
    sheet_records,
    sheet_rows,
)

from needscli.config import Config
from needscli.labels import label
from needscli.pipeline import Job, analyze, plan_classes, run_job
from needscli.reports import gap_report
from needscli.reports.class_lookup import PlanView
from needscli.reports.gap_report import (
    analysis_figures,
    obligation_counts,
    overdue_by_unit,
    remember_figures,
    summary_counts,
    write_gap_report,
)
from needscli.reports.xlsx import TOPIC_MOST, UNIT_MOST, display_width, unit_width

AS_OF = dt.date.fromisoformat(NEEDS_AS_OF)
ZH_SHEETS = ["概要", "必训任务", "逾期未训（按单位）", "需求明细", "学时达标", "单位主题矩阵", "按职级", "按培训类型",
             "主题排序", "单位主题排序", "未满足", "学时测算", "未匹配", "主题对照", "问题"]
EN_SHEETS = ["Summary", "Obligations", "Overdue by unit", "Needs", "Compliance", "Units", "By level",
             "By training type", "Topic ranking", "Unit ranking", "Unmet", "Hours after the plan", "Unmatched",
             "Topic mapping", "Problems"]
CORE_ZH = ["习近平新时代中国特色社会主义思想", "党性教育", "党纪教育", "党史国史教育", "社会主义核心价值观教育"]


def report(tmp_path: Path, lang: str = "auto", config: Config | None = None) -> Path:
    out = tmp_path / "out"
    run_job(Job(rosters=[make_needs_workbook(tmp_path)], config=config or Config(), output=out, as_of=AS_OF,
                lang=lang))
    return out / "gap-report.xlsx"


@pytest.fixture(scope="module")
def zh_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return report(tmp_path_factory.mktemp("zh"))


@pytest.fixture(scope="module")
def en_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return report(tmp_path_factory.mktemp("en"), lang="en")


def test_sheets_in_chinese(zh_report: Path) -> None:
    assert openpyxl.load_workbook(zh_report).sheetnames == ZH_SHEETS


def test_sheets_in_english(en_report: Path) -> None:
    assert openpyxl.load_workbook(en_report).sheetnames == EN_SHEETS


@pytest.mark.parametrize("sheet", ZH_SHEETS[1:])
def test_table_header_row_is_frozen_and_filtered(zh_report: Path, sheet: str) -> None:
    ws = openpyxl.load_workbook(zh_report)[sheet]
    header = 3 if ws["B1"].value is None else 1  # a sheet of no rows: a line saying why, the header below it
    assert ws.freeze_panes == f"A{header + 1}"
    assert ws.auto_filter.ref is not None
    first, _, last = ws.auto_filter.ref.partition(":")
    assert first == f"A{header}"
    assert last == f"{openpyxl.utils.get_column_letter(ws.max_column)}{ws.max_row}"
    assert all(c.value for c in ws[header])  # every header cell is named


def test_summary_has_charts(zh_report: Path) -> None:
    with zipfile.ZipFile(zh_report) as archive:
        names = set(archive.namelist())
        assert {"xl/charts/chart1.xml", "xl/charts/chart2.xml"} <= names
        pie = archive.read("xl/charts/chart1.xml").decode("utf-8")
        assert "<c:pieChart>" in pie
        assert "概要" in pie  # the pie reads its numbers from the Summary sheet


def test_units_sheet_has_a_colour_scale(zh_report: Path) -> None:
    ws = openpyxl.load_workbook(zh_report)["单位主题矩阵"]
    rules = [(str(cf.sqref), rule.type) for cf in ws.conditional_formatting for rule in cf.rules]
    assert len(rules) == 1
    sqref, kind = rules[0]
    assert kind == "colorScale"
    # units in rows 2-4 (市财政局, 市税务局, 城关镇), topics from column B up to the total
    assert sqref == f"B2:{openpyxl.utils.get_column_letter(ws.max_column - 1)}4"
    assert [r[0] for r in sheet_rows(zh_report, "单位主题矩阵")] == ["单位", "市财政局", "市税务局", "城关镇"]


def test_units_sheet_counts_needs(zh_report: Path) -> None:
    header, *rows = sheet_rows(zh_report, "单位主题矩阵")
    needs = sheet_records(zh_report, "需求明细")
    for row in rows:
        counts = dict(zip(header[1:-1], row[1:-1], strict=True))
        for topic, n in counts.items():
            assert n == sum(1 for r in needs if r["单位"] == row[0] and r["培训主题"] == topic), (row[0], topic)
        assert row[-1] == sum(1 for r in needs if r["单位"] == row[0])


def test_compliance_deficit_is_required_minus_done(zh_report: Path) -> None:
    rows = [(r["编号"], r["职级"], r["标准"], r["应修学时"], r["已修学时"], r["学时缺口"], r["状态"])
            for r in sheet_records(zh_report, "学时达标")]
    assert rows == [
        ("C01", "县处级副职", "五年90天或550学时", 550, 300, 250, "未达标"),
        ("C02", "一级主任科员", "每年12天或90学时", 90, 40, 50, "未达标"),
        ("C03", "一级科员", "每年12天或90学时", 90, 0, 90, "未达标"),
        ("C04", "四级调研员", "五年90天或550学时", 550, 600, 0, "达标"),
        ("C05", "县处级正职", "五年90天或550学时", 550, 550, 0, "达标"),
        ("C06", "乡科级正职", "每年12天或90学时", 90, 100, 0, "达标"),
    ]
    for _, _, _, required, done, deficit, _ in rows:
        if done is not None:
            assert deficit == max(0, required - done)


def test_compliance_in_english(en_report: Path) -> None:
    rows = {r["Cadre ID"]: r for r in sheet_records(en_report, "Compliance")}
    assert (rows["C01"]["Level"], rows["C01"]["Standard"], rows["C01"]["Deficit"], rows["C01"]["Status"]) == (
        "Deputy Division Director", "90 days or 550 h in 5 years", 250, "deficit")
    assert (rows["C03"]["Standard"], rows["C03"]["Deficit"], rows["C03"]["Status"]) == (
        "12 days or 90 h a year", 90, "deficit")
    assert rows["C06"]["Status"] == "met"


def test_needs_sheet(zh_report: Path) -> None:
    header, *rows = sheet_rows(zh_report, "需求明细")
    assert header == ["编号", "姓名", "单位", "部门", "职务", "职级", "培训主题", "需求来源", "全部来源", "培训类型",
                      "优先分", "学时", "期限", "状态", "规则", "原因", "班次"]
    records = sheet_records(zh_report, "需求明细")
    # a priority on a central decision is rotation training: an obligation, due by the year's end
    grassroots = next(r for r in records if r["编号"] == "C06" and r["培训主题"] == "乡村振兴")
    assert grassroots["规则"] == "组织需求 P3；岗位需求规则"  # in words: needs.csv keeps the ids
    assert grassroots["全部来源"] == "必训任务、岗位需求"
    assert (grassroots["期限"], grassroots["状态"]) == (dt.datetime(2026, 12, 31), "待完成")
    assert grassroots["原因"].startswith("集中轮训（中央重大决策部署）：组织需求 P3（中央重大决策部署，优先级 4）：适用 基层干部")
    top_up = next(r for r in records if r["编号"] == "C01" and r["规则"] == "学时达标")
    assert (top_up["培训主题"], top_up["学时"], top_up["需求来源"]) == ("在职培训（学时补足）", 250, "必训任务")
    assert (top_up["期限"], top_up["状态"]) == (dt.datetime(2027, 8, 1), "待完成")  # a year after the promotion
    assert all(r["期限"] is None and r["状态"] is None for r in records if r["需求来源"] != "必训任务")


def test_labels_in_english(en_report: Path) -> None:
    values = {r[0]: r[1] for r in sheet_rows(en_report, "Summary") if r[0]}
    assert values["Analysis date"] == dt.datetime(2026, 11, 1)
    assert values["Cadres analyzed"] == 6
    assert values["Hours compliance rate (of those reported)"] == pytest.approx(3 / 6)
    # the sources that found needs (none of this roster's is a compliance rule's): no row of 0
    assert {"Obligation", "Theory core", "Organizational", "Post", "Personal"} <= set(values)
    assert "Hours compliance" not in values
    assert [(r["Kind"], r["Text"], r["Detail"]) for r in sheet_records(en_report, "Unmatched")] == [
        ("personal wish", "量子烹饪", "matches no catalog topic"),
        ("organizational priority", "生态文明建设", "P4: its targets select no cadre")]
    assert sheet_rows(en_report, "Topic ranking")[0] == [
        "Rank", "Topic", "Cadres", "Demand (sum of priority)", "Mean priority", "Obligation", "Theory core",
        "Hours compliance", "Organizational", "Post", "Personal", "Respondents", "MWDS", "MWDS rank"]


def test_needs_sheet_in_english(en_report: Path) -> None:
    records = sheet_records(en_report, "Needs")
    first = records[0]  # obligations rank first
    assert (first["Cadre ID"], first["Topic"], first["Source"], first["Training type"], first["Status"]) == (
        "C01", "Appointment training, county/division level and up", "Obligation", "Appointment", "due")
    assert first["Deadline"] == dt.datetime(2027, 8, 1)
    core = next(r for r in records if r["Source"] == "Theory core")
    assert (core["Cadre ID"], core["Topic"], core["Training type"], core["Status"]) == (
        "C01", "Xi Jinping Thought on Socialism with Chinese Characteristics for a New Era", "Theory / rotation",
        None)
    assert core["Reason"] == ("Theory core for every cadre (theory, party spirit, discipline, history, values): "
                              "applies to every cadre")


def test_unmatched_sheet(zh_report: Path) -> None:
    rows = [(r["类别"], r["内容"], r["编号"], r["说明"]) for r in sheet_records(zh_report, "未匹配")]
    assert rows == [("个人需求", "量子烹饪", "C02", "未匹配到课程目录"),
                    ("组织需求", "生态文明建设", None, "P4：适用范围内没有干部")]


def test_an_empty_unmatched_sheet_says_nothing_was_left_unmatched(tmp_path: Path) -> None:
    """A clerk opening an Unmatched sheet of headers alone could not tell nothing unmatched from something lost."""
    header = ["编号", "姓名", "单位", "职务", "职级"]
    roster = make_workbook(tmp_path, {"花名册": [header, ["C01", "张三", "市财政局", "科员", "一级科员"]]})
    analysis, _ = analyze([roster], Config(), as_of=AS_OF)
    assert not analysis.unmatched
    write_gap_report(analysis, tmp_path / "report.xlsx")
    rows = sheet_rows(tmp_path / "report.xlsx", "未匹配")
    assert rows[0][0] == "本次没有未匹配的需求：个人培训需求都对应到了课程目录中的主题，组织需求也都有对应的干部。"
    assert rows[2][:2] == ["类别", "内容"]  # the header below it
    english, _ = analyze([roster], Config(), as_of=AS_OF, lang="en")
    write_gap_report(english, tmp_path / "en.xlsx")
    assert sheet_rows(tmp_path / "en.xlsx", "Unmatched")[0][0].startswith("None this run: every personal wish")


def test_topic_mapping_sheet(tmp_path: Path) -> None:
    """Each text taken as a topic by alias or close match, once, by input then text; names and ids exact."""
    cadres = [[*NEEDS_CADRES[0][:12], "公文写做", *NEEDS_CADRES[0][13:]], *NEEDS_CADRES[1:]]  # C01 wishes 公文写做
    path = make_needs_workbook(tmp_path, cadres, extra_sheets={
        "岗位": [*NEEDS_POSTS, ["科员", "执法规范", 4, 4]],
        "组织需求": [*NEEDS_PRIORITIES, ["P5", "数字政府建设", "中央重大决策部署", None, None, None, 3]]})
    out = tmp_path / "out"
    run_job(Job(rosters=[path], config=Config(), output=out, as_of=AS_OF))
    rows = [(r["原文"], r["出处"], r["匹配方式"], r["培训主题"], r["主题编号"])
            for r in sheet_records(out / "gap-report.xlsx", "主题对照")]
    assert rows == [
        ("执法规范", "岗位要求", "近似匹配", "行政执法规范化", "enforcement"),
        ("应急管理", "组织需求", "别名", "应急管理与安全生产", "emergency"),
        ("数字政府建设", "组织需求", "近似匹配", "数字政府与数字化能力", "digital"),
        ("预算管理", "组织需求", "别名", "预算与绩效管理", "budget"),
        ("公文写做", "个人培训需求", "近似匹配", "公文写作", "writing"),
        ("数字政府", "个人培训需求", "别名", "数字政府与数字化能力", "digital"),
        ("法治思维", "能力自评", "别名", "法治思维与依法行政", "rule-of-law"),
    ]
    problems = [(r["工作表"], r["行"]) for r in sheet_records(out / "gap-report.xlsx", "问题")
                if r["问题代码"] == "topic-close-match"]
    assert problems == [("组织需求", 7), ("岗位", 4)]


def test_topic_mapping_sheet_in_english(en_report: Path) -> None:
    rows = [tuple(r.values()) for r in sheet_records(en_report, "Topic mapping")]
    assert list(sheet_records(en_report, "Topic mapping")[0]) == [
        "Text as written", "From", "How matched", "Topic", "Topic ID"]
    assert rows == [("应急管理", "priority", "alias", "Emergency management and work safety", "emergency"),
                    ("预算管理", "priority", "alias", "Budget and performance management", "budget"),
                    ("数字政府", "wish", "alias", "Digital government and digital skills", "digital"),
                    ("法治思维", "rating", "alias", "Rule of law and law-based administration", "rule-of-law")]


def test_summary_counts_read_with_thousands_apart(zh_report: Path) -> None:
    """A province's summary read 944533 and 7212175.13: its counts and sums are formatted #,##0 (#,##0.0#)."""
    ws = openpyxl.load_workbook(zh_report)["概要"]
    formats = {row[0].value: row[1].number_format for row in ws.iter_rows(max_col=2) if row[0].value}
    assert formats["培训需求数"] == formats["分析干部数"] == "#,##0"
    assert formats["学时达标率（已填报者）"] == "0.0%"


def test_the_rankings_and_the_bar_chart_read_with_thousands_apart(zh_report: Path) -> None:
    """The Topic and Unit ranking sheets printed a province's demand 9670000 where the Summary shows 9,670,000, and
    the bar chart's axis ran 2000000 … 12000000: the cadres, demand, needs by source and respondents are thousands apart in
    both sheets (#,##0, a fraction #,##0.0#), and so is the chart's axis of demand."""
    book = openpyxl.load_workbook(zh_report)
    for sheet in ("主题排序", "单位主题排序"):
        rows = list(book[sheet].iter_rows())
        header = [c.value for c in rows[0]]
        for column in ("需求人数", "需求加权分", "必训任务", "理论武装", "评分人数"):
            formats = {row[header.index(column)].number_format for row in rows[1:]}
            assert formats and formats <= {"#,##0", "#,##0.0#"}, (sheet, column, formats)
    bar = next(chart for chart in book["概要"]._charts if chart.tagname == "barChart")
    assert bar.y_axis.numFmt.formatCode == "#,##0" and not bar.y_axis.numFmt.sourceLinked  # its value axis


def test_served_obligations_read_with_thousands_apart() -> None:
    """A province's Summary read 必训任务已安排 70991/70991（100%）."""
    assert label("summary.served_value", "zh", served=70991, asked=70991, share="100%") == "70,991/70,991（100%）"
    assert label("summary.served_value", "en", served=70991, asked=71000, share="99.9%") == "70,991 of 71,000 (99.9%)"


def test_summary_figures(zh_report: Path) -> None:
    values = {r[0]: r[1] for r in sheet_rows(zh_report, "概要") if r[0]}
    needs = sheet_records(zh_report, "需求明细")
    assert values["分析基准日"] == dt.datetime(2026, 11, 1)
    assert values["输入文件"] == "cadres.xlsx"
    assert values["分析干部数"] == 6
    assert values["培训需求数"] == len(needs)
    assert values["有需求的干部"] == 6
    assert values["学时达标率（已填报者）"] == pytest.approx(3 / 6)
    assert values["未填报学时人数"] == 0
    assert values["未匹配的需求"] == 2
    assert values["数据问题"] == 0
    rows = sheet_rows(zh_report, "概要")
    at = next(i for i, r in enumerate(rows) if r[0] == "按需求来源")
    by_source = {r[0]: r[1] for r in itertools.takewhile(lambda r: r[0], rows[at + 1:])}
    found = Counter(r["需求来源"] for r in needs)
    # every source that found needs, none that found none (学时达标 0 read as the obligations' 学时达标 row's)
    assert by_source == {s: found[s] for s in ("必训任务", "理论武装", "学时达标", "组织需求", "岗位需求", "个人需求")
                         if found[s]}
    assert "学时达标" not in by_source and len(by_source) >= 4


def test_blank_hours_are_not_reported_and_their_cell_is_a_warning(tmp_path: Path) -> None:
    c03 = NEEDS_CADRES[2]
    cadres = [*NEEDS_CADRES[:2], [*c03[:9], None, *c03[10:]], *NEEDS_CADRES[3:]]  # C03's 本年度学时 left blank
    out = tmp_path / "out"
    result = run_analyze(make_needs_workbook(tmp_path, cadres), "-o", out, "--as-of", NEEDS_AS_OF, "-q")
    assert result.exit_code == 1, result.output  # done, with a warning: its hours standard is unknown
    path = out / "gap-report.xlsx"
    row = next(r for r in sheet_records(path, "学时达标") if r["编号"] == "C03")
    assert (row["标准"], row["应修学时"], row["已修学时"], row["学时缺口"], row["状态"]) == (
        "每年12天或90学时", 90, None, None, "未填报学时")
    values = {r[0]: r[1] for r in sheet_rows(path, "概要") if r[0]}
    assert values["学时达标率（已填报者）"] == pytest.approx(3 / 5)
    assert (values["未填报学时人数"], values["数据问题"]) == (1, 1)
    problems = [(r["行"], r["列"], r["单元格"], r["问题类型"], r["处理"], r["问题代码"]) for r in sheet_records(path, "问题")]
    # the kind in words, as a clerk reads it; the code, as scripts and analysis.json name it, in the last column
    assert problems == [(5, "本年度学时", "J5", "达标情况未知", "已保留该行", "compliance-unknown")]
    assert sheet_rows(path, "问题")[0] == ["文件", "工作表", "单元格", "行", "列", "问题类型", "处理", "说明", "问题代码"]
    assert not any(r["编号"] == "C03" and r["规则"] == "学时达标" for r in sheet_records(path, "需求明细"))


def test_the_problems_sheet_says_what_was_done_of_each_not_row_kept_for_all(tmp_path: Path) -> None:
    """处理: a total row under the table skipped as no data, a sheet not read, a bad row skipped; not 已保留该行 for
    what was not kept."""
    c03 = NEEDS_CADRES[2]
    cadres = [*NEEDS_CADRES[:2], [*c03[:5], "处长级", *c03[6:]], *NEEDS_CADRES[3:], ["合计：5人"]]
    path = make_needs_workbook(tmp_path, cadres, extra_sheets={"Sheet2": [["备忘"], ["下周报送"]]})
    out = tmp_path / "out"
    result = run_analyze(path, "-o", out, "--as-of", NEEDS_AS_OF, "-q")
    assert result.exit_code == 1, result.output
    done = {r["问题代码"]: r["处理"] for r in sheet_records(out / "gap-report.xlsx", "问题")}
    assert {code: done.get(code) for code in ("note-row", "sheet-not-read", "unknown-level")} == {
        "note-row": "已跳过（不是数据行）", "sheet-not-read": "工作表未读取", "unknown-level": "已跳过该行"}, done
    unit_sheets = make_workbook(tmp_path, {"表1": [["填报单位：市审计局"], ["编号", "姓名", "职务", "职级"],
                                                  ["S01", "孙审", "科员", "一级科员"]]}, name="units.xlsx")
    assert run_analyze(unit_sheets, "-o", tmp_path / "units", "--as-of", NEEDS_AS_OF, "-q").exit_code == 1
    said = [r for r in sheet_records(tmp_path / "units" / "gap-report.xlsx", "问题") if r["问题代码"] == "unit-from-sheet"]
    assert [(r["行"], r["处理"]) for r in said] == [(1, "仅作提示")]  # the 填报单位 line's row is no cadre's


def test_a_warning_of_a_row_an_error_skipped_says_the_row_was_skipped(tmp_path: Path) -> None:
    """处理 of a row's warning (its 部门 of #REF!, read as blank) where an error of the same row skipped it (its 职级
    unknown): the row was skipped, not kept, as its message says (no 该行已保留)."""
    c03 = NEEDS_CADRES[2]
    cadres = [*NEEDS_CADRES[:2], [*c03[:3], "#REF!", c03[4], "处长级", *c03[6:]], *NEEDS_CADRES[3:]]
    out = tmp_path / "out"
    result = run_analyze(make_needs_workbook(tmp_path, cadres), "-o", out, "--as-of", NEEDS_AS_OF, "-q")
    assert result.exit_code == 1, result.output
    said = {r["问题代码"]: (r["单元格"], r["处理"], r["说明"]) for r in sheet_records(out / "gap-report.xlsx", "问题")
            if r["行"] == 5}
    assert said == {"error-value": ("D5", "已跳过该行", "第 5 行「部门」列：是错误值（#REF!），已按空白处理；应为：改正公式，或直接填写部门"),
                    "unknown-level": ("F5", "已跳过该行", said["unknown-level"][2])}, said


def test_row_limit_continues_the_needs_sheet(tmp_path: Path) -> None:
    config = tmp_path / "small.toml"
    config.write_text("[limits]\nexcel_max_rows = 60\n", encoding="utf-8")
    out = tmp_path / "out"
    cadres = NEEDS_CADRES + [[f"D{i:02d}", *row[1:]] for i, row in enumerate(NEEDS_CADRES, start=1)]
    result = run_analyze(make_needs_workbook(tmp_path, cadres), "-o", out, "--as-of", NEEDS_AS_OF, "--config", config,
                         "-q")
    assert result.exit_code == 0, result.output
    path = out / "gap-report.xlsx"
    book = openpyxl.load_workbook(path)
    assert "需求明细 (2)" in book.sheetnames
    assert "需求明细 (3)" not in book.sheetnames
    first, second = sheet_rows(path, "需求明细"), sheet_rows(path, "需求明细 (2)")
    assert len(first) == 60
    assert second[0] == first[0]
    assert book["需求明细 (2)"].freeze_panes == "A2"
    total = next(r[1] for r in sheet_rows(path, "概要") if r[0] == "培训需求数")
    assert len(first) - 1 + len(second) - 1 == total
    assert [r[0] for r in first[1:] + second[1:]] == [
        r["cadre_id"] for r in csv_records(out / "needs.csv")]
    notes = [r[0] for r in sheet_rows(path, "概要") if r[0] and "续表" in str(r[0])]
    assert "需求明细 超过单表行数上限，续表：需求明细 (2)" in notes


def test_without_a_row_limit_nothing_continues(zh_report: Path) -> None:
    assert not [n for n in openpyxl.load_workbook(zh_report).sheetnames if n.endswith(" (2)")]
    assert not [r for r in sheet_rows(zh_report, "概要") if r[0] and "续表" in str(r[0])]


def test_the_units_sheet_is_the_same_counted_from_the_unit_ranking_or_the_needs(tmp_path: Path) -> None:
    analysis, _ = analyze([make_needs_workbook(tmp_path)], Config(), as_of=AS_OF)
    assert analysis.unit_ranking
    write_gap_report(analysis, tmp_path / "ranked.xlsx")
    # a unit ranking that does not hold every need (empty, or cut short) is not read: the needs are counted
    for ranks in ([], analysis.unit_ranking[1:]):
        write_gap_report(dataclasses.replace(analysis, unit_ranking=ranks), tmp_path / "counted.xlsx")
        assert sheet_rows(tmp_path / "counted.xlsx", "单位主题矩阵") == sheet_rows(tmp_path / "ranked.xlsx", "单位主题矩阵")


def test_the_summaries_figures_are_counted_once_for_the_lists_they_count(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    analysis, _ = analyze([SAMPLES], Config(), as_of=AS_OF)
    assert min(map(len, (analysis.needs, analysis.compliance, analysis.obligations, analysis.cadres))) > 256
    figures = analysis_figures(analysis)
    assert figures.reported == sum(1 for r in analysis.compliance if r.standing.deficit is not None)
    assert figures.obligations == obligation_counts(analysis) and figures.overdue_by_unit == overdue_by_unit(analysis)
    monkeypatch.setattr(gap_report, "obligation_counts", lambda a: pytest.fail("counted again"))
    assert analysis_figures(analysis) is figures and summary_counts(analysis)["obligations"] == figures.obligations
    fewer = dataclasses.replace(analysis, obligations=analysis.obligations[1:])  # other lists: counted for them
    with pytest.raises(pytest.fail.Exception, match="counted again"):
        analysis_figures(fewer)
    # figures another process counted are kept for these lists, and the needs' tally with them
    other, _ = analyze([SAMPLES], Config(), as_of=AS_OF)
    monkeypatch.setattr(type(other), "need_tally", lambda self: pytest.fail("tallied again"))
    remember_figures(other, figures)
    assert analysis_figures(other) is figures and other._tally is not None and other._tally[2] is figures.tally


def test_the_unmet_sheet_is_the_same_from_the_positions_forming_kept_or_by_cadre_and_topic(tmp_path: Path) -> None:
    """The Unmet sheet takes each unmet need's source and deadline from the need at the position forming kept
    (Plan.ways); a plan without them (or whose unmet list was replaced) finds each need by its cadre and topic."""
    from needscli.pipeline import plan_classes
    from needscli.reports.class_lookup import PlanView

    analysis, _ = analyze([SAMPLES], Config(), as_of=AS_OF)
    plan = plan_classes(analysis)
    assert plan.ways is not None and len(plan.unmet) > 50
    found = plan.ways.unmet_needs(analysis.needs, plan.unmet)
    assert found is not None and [(n.cadre_id, n.topic_id) for n in found] == \
        [(u.cadre_id, u.topic_id) for u in plan.unmet]
    assert plan.ways.unmet_needs(analysis.needs, list(plan.unmet)) is None
    assert plan.ways.unmet_needs(list(analysis.needs), plan.unmet) is None
    sheets = []
    for name, view in (("kept", plan), ("found", dataclasses.replace(plan, ways=None))):
        write_gap_report(analysis, tmp_path / f"{name}.xlsx", PlanView(view))
        sheets.append(sheet_rows(tmp_path / f"{name}.xlsx", "未满足"))
    assert sheets[0] == sheets[1] and len(sheets[0]) == len(plan.unmet) + 1
    assert any(row[6] for row in sheets[0][1:])  # deadlines among them: the needs' own fields were read


LONG_UNIT = "中共ＸＸ市委全面深化改革委员会办公室（市委改革办、市经济体制改革研究会秘书处）"


def test_a_long_units_name_is_printed_whole_in_every_unit_column(tmp_path: Path) -> None:
    """A unit of 39 characters was cut off against the column beside it where its column had a fixed width (单位主题
    矩阵 24, 未满足 and 学时测算 22): every unit column is as wide as its longest name, wrapped beyond UNIT_MOST."""
    cadres = [[LONG_UNIT if cell == "市财政局" else cell for cell in row] for row in NEEDS_CADRES]
    out = tmp_path / "out"
    run_job(Job(rosters=[make_needs_workbook(tmp_path, cadres)], config=Config(), output=out, as_of=AS_OF))
    book = openpyxl.load_workbook(out / "gap-report.xlsx")
    checked = []
    for ws in book.worksheets:
        header = next((r for r in ws.iter_rows(max_row=3) if any(c.value == "单位" for c in r)), None)
        if header is None:
            continue
        column = next(c for c in header if c.value == "单位")
        cells = [ws.cell(r, column.column) for r in range(column.row + 1, ws.max_row + 1)]
        if not any(c.value == LONG_UNIT for c in cells):
            continue
        width = ws.column_dimensions[column.column_letter].width
        assert width >= display_width(LONG_UNIT) + 2, ws.title
        assert all(c.alignment.wrap_text for c in cells if c.value), ws.title
        checked.append(ws.title)
    assert {"必训任务", "需求明细", "学时达标", "单位主题矩阵", "单位主题排序", "未满足", "学时测算"} <= set(checked)


def test_a_name_wider_than_the_most_wraps_in_a_row_as_tall_as_it_needs() -> None:
    assert unit_width(["市财政局"]) == 10
    assert unit_width([LONG_UNIT, "市财政局"]) == display_width(LONG_UNIT) + 2
    assert unit_width([LONG_UNIT * 2]) == UNIT_MOST


LONGEST_TOPIC = {"zh": "习近平新时代中国特色社会主义思想",
                 "en": "Xi Jinping Thought on Socialism with Chinese Characteristics for a New Era"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_topic_column_holds_the_catalogs_longest_name_or_wraps_it(zh_report: Path, en_report: Path,
                                                                    lang: str) -> None:
    """A fixed width of 26 cut 习近平新时代中国特色社会主义思想 (32) off against the column beside it in the Needs and
    Unmet sheets: the column is as wide as the catalog's longest name in the run's language (shown or not), and
    wraps a name wider than TOPIC_MOST (the English one of 74) in a row as tall as it needs."""
    book = openpyxl.load_workbook(zh_report if lang == "zh" else en_report)
    longest = LONGEST_TOPIC[lang]
    for sheet in ("sheet.needs", "sheet.unmet"):
        ws = book[label(sheet, lang)]
        header = next(r for r in ws.iter_rows(max_row=3) if any(c.value == label("col.topic", lang) for c in r))
        column = next(c for c in header if c.value == label("col.topic", lang))
        cells = [ws.cell(r, column.column) for r in range(column.row + 1, ws.max_row + 1)]
        assert cells and (sheet != "sheet.needs" or any(c.value == longest for c in cells))  # else it proves nothing
        width = ws.column_dimensions[column.column_letter].width
        assert width >= min(display_width(longest) + 2, TOPIC_MOST), sheet
        assert all(c.alignment.wrap_text for c in cells if c.value), sheet
        if display_width(longest) + 2 > TOPIC_MOST:
            assert all((ws.row_dimensions[c.row].height or 0) >= 30 for c in cells if c.value == longest), sheet


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_sheet_of_nothing_overdue_or_unmet_says_so_above_its_header(tmp_path: Path, lang: str) -> None:
    """A hand-out of an organizer with nothing overdue and every need served showed 逾期未训（按单位） and 未满足 as
    headers alone, which a clerk could read as something lost."""
    analysis, _ = analyze([SAMPLES], Config(), as_of=AS_OF, lang=lang)
    analysis = dataclasses.replace(analysis, obligations=[o for o in analysis.obligations if o.status != "overdue"])
    plan = dataclasses.replace(plan_classes(analysis), unmet=[])
    write_gap_report(analysis, tmp_path / "report.xlsx", PlanView(plan, lang))
    words = {"zh": {"逾期未训（按单位）": "本范围内没有逾期未训的必训任务。",
                    "未满足": "本范围内的需求均已安排：每项需要参加班次的需求都安排了班次或其他途径。"},
             "en": {"Overdue by unit": "No compulsory training is overdue in this scope.",
                    "Unmet": "Every need in this scope is served: each that asked for a class has a class or another "
                             "route."}}[lang]
    for sheet, note in words.items():
        rows = sheet_rows(tmp_path / "report.xlsx", sheet)
        assert (rows[0][0], len(rows)) == (note, 3), sheet
        assert rows[2][0] == ("编号" if sheet == "未满足" else "单位") if lang == "zh" else rows[2][0] in ("Cadre ID", "Unit")
