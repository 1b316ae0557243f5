"""The annual training plan (年度培训计划) and the plan's parts of the outputs, read back: the plan sheet of
class-rosters.xlsx and plan.csv (a row per class: seats, dates, costs, quotas, totals), assignments.csv's
route, the Overview's needs by route, the sign-in sheets' members sent up, the gap report's hours after
the plan, and the coverage the summaries give."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from builders import SAMPLES, csv_records
from openpyxl.utils import get_column_letter

from needscli.config import Config, ReportConfig
from needscli.core.analysis import Analysis
from needscli.core.day_runs import days_between
from needscli.labels import code_label, label
from needscli.models import NEED_SOURCES, ROUTES, TrainingClass
from needscli.pipeline import analyze, plan_classes
from needscli.planner import Plan
from needscli.records.imports import read_records_file
from needscli.reports import write_all
from needscli.reports.annual_plan import (
    COVERAGE_KEYS,
    LIMIT_KEYS,
    PLAN_COLUMNS,
    coverage,
    limits_text,
    no_class_lines,
    plan_summary,
    route_counts,
)
from needscli.reports.class_rosters import ROUTES_COLUMN, write_class_rosters
from needscli.reports.split import PlanParts, groups, split_staged, subset_plan
from needscli.reports.xlsx import CJK_LINE_HEIGHT, MAX_LINES, row_height, text_lines

AS_OF = dt.date(2026, 11, 1)
PLAN_SHEET = "年度培训计划"
NO_CLASS_SHEET = "未成班"
HEADER_ROW = 3  # 1-based: the title, the limits, then the header


@dataclasses.dataclass
class Run:
    analysis: Analysis
    plan: Plan
    out: Path


def run(tmp: Path, lang: str = "zh", config: Config | None = None) -> Run:
    analysis, _ = analyze([SAMPLES], config or Config(), as_of=AS_OF, lang=lang)
    plan = plan_classes(analysis)
    write_all(analysis, plan, tmp, snapshot=False)
    return Run(analysis, plan, tmp)


@pytest.fixture(scope="module")
def zh(tmp_path_factory: pytest.TempPathFactory) -> Run:
    return run(tmp_path_factory.mktemp("zh"))


@pytest.fixture(scope="module")
def en(tmp_path_factory: pytest.TempPathFactory) -> Run:
    return run(tmp_path_factory.mktemp("en"), lang="en")


@pytest.fixture(scope="module")
def book(zh: Run) -> openpyxl.Workbook:
    return openpyxl.load_workbook(zh.out / "class-rosters.xlsx")


def plan_table(ws: Any) -> tuple[list[str], list[dict[str, Any]], dict[str, Any]]:
    """The plan sheet's header, its class rows as {header: cell}, and its totals as {label: value}."""
    rows = list(ws.iter_rows(min_row=HEADER_ROW))
    header = [c.value for c in rows[0]]
    classes, totals = [], {}
    for row in rows[1:]:
        first = row[0].value
        if first is None:
            continue
        if re.fullmatch(r"C\d+", str(first)):
            classes.append(dict(zip(header, row, strict=True)))
        else:
            totals[first] = row[2].value
    return header, classes, totals


def quota_counts(text: str, joiner: str = "；") -> list[tuple[str, int]]:
    pairs = [part.rsplit(" ", 1) for part in text.split(joiner)]
    return [(unit, int(n)) for unit, n in pairs]


# --- the plan sheet --------------------------------------------------------------------------------

def test_the_plan_sheet_comes_first_after_the_overview(zh: Run, book: openpyxl.Workbook) -> None:
    assert zh.plan.no_class  # the samples have groups too small for a class: their sheet follows the plan's
    assert book.sheetnames[:3] == ["班次总览", PLAN_SHEET, NO_CLASS_SHEET]
    assert book.sheetnames[3:] == [c.id for c in zh.plan.classes]


def test_a_row_per_class_with_its_seats_dates_and_costs(zh: Run, book: openpyxl.Workbook) -> None:
    header, rows, _ = plan_table(book[PLAN_SHEET])
    assert header == [label(k, "zh") for k in (
        "rosters.class_id", "rosters.class_name", "rosters.type", "rosters.plan.col.band", "rosters.plan.col.organizer",
        "rosters.plan.col.host", "rosters.plan.col.start", "rosters.plan.col.end", "rosters.plan.col.days",
        "rosters.plan.col.hours", "rosters.plan.col.target", "rosters.plan.col.seats",
        "rosters.plan.col.cost_per_seat", "rosters.plan.col.total_cost", "rosters.plan.col.quotas",
        "rosters.plan.col.sent_up", "rosters.plan.col.late")]
    assert zh.plan.classes and len(rows) == len(zh.plan.classes)
    assert any(c.cost_per_seat for c in zh.plan.classes) and any(c.band for c in zh.plan.classes)
    config = zh.analysis.config
    for cls, row in zip(zh.plan.classes, rows, strict=True):
        assert row["班次编号"].value == cls.id
        assert row["班次名称"].value == cls.name
        assert row["培训类型"].value == code_label("training_type", cls.training_type, "zh")
        assert (row["分级"].value or "") == cls.band
        # the body that runs it (市委组织部), not the level that manages its cadres (市委管理)
        assert row["主办单位"].value == zh.analysis.config.classes.organizer_body(cls.organizer)
        assert row["主办单位"].value.endswith("组织部")
        assert row["承办单位"].value == ("待定" if cls.resource == "unassigned" else cls.resource)
        for cell, day in ((row["开始日期"], cls.start_date), (row["结束日期"], cls.end_date)):
            assert cell.is_date and cell.value.date() == day  # a real Excel date, shown as one
            assert cell.number_format == "yyyy-mm-dd"
        assert cls.start_date is not None and cls.end_date is not None
        # its days run on: a short class's working days (C014: 3 days from Thursday 04-01 end on Monday 04-05)
        lessons = [d for d in days_between(cls.start_date, cls.end_date) if not config.classes.is_holiday(d)]
        if cls.days <= config.classes.working_days_up_to:
            assert len(lessons) == max(cls.days, 1) and not config.classes.is_holiday(cls.end_date)
        else:
            assert (cls.end_date - cls.start_date).days + 1 == cls.days
        assert (row["天数"].value, row["学时"].value) == (cls.days, cls.hours)
        assert row["参训人数"].value == cls.size
        if cls.resource == "unassigned":  # no host yet: its cost is not known, not 0
            assert (row["人均费用（元）"].value, row["费用合计（元）"].value) == (None, None)
        else:
            assert row["人均费用（元）"].value == cls.cost_per_seat
            assert row["费用合计（元）"].value == pytest.approx(cls.size * cls.cost_per_seat)
        assert row["开班时必训已到期"].value == cls.late


def test_quotas_sum_to_the_seats_units_in_roster_order(zh: Run, book: openpyxl.Workbook) -> None:
    _, rows, _ = plan_table(book[PLAN_SHEET])
    roster_order = list(dict.fromkeys(c.unit for c in zh.analysis.cadres))
    unit_of = {c.id: c.unit for c in zh.analysis.cadres}
    for cls, row in zip(zh.plan.classes, rows, strict=True):
        quotas = quota_counts(row["各单位调训名额"].value)
        assert sum(n for _, n in quotas) == cls.size
        assert dict(quotas) == Counter(unit_of[m] for m in cls.members)
        units = [u for u, _ in quotas]
        assert units == sorted(units, key=roster_order.index)


def test_members_sent_up_are_counted_per_class(zh: Run, book: openpyxl.Workbook) -> None:
    _, rows, _ = plan_table(book[PLAN_SHEET])
    sent_up = {(a.class_id, a.cadre_id) for a in zh.plan.assignments if a.route == "sent-up"}
    assert sent_up  # the samples send some small groups up
    counts = Counter(class_id for class_id, _ in sent_up)
    assert {r["班次编号"].value: r["其中上级调训"].value for r in rows} == {c.id: counts.get(c.id, 0)
                                                                  for c in zh.plan.classes}


def test_the_target_group_names_band_families_and_levels(zh: Run, book: openpyxl.Workbook) -> None:
    _, rows, _ = plan_table(book[PLAN_SHEET])
    cadres = zh.analysis.cadre_by_id
    for cls, row in zip(zh.plan.classes, rows, strict=True):
        target = row["培训对象"].value
        if cls.band:
            assert target.startswith(cls.band + "；")
        # its members' job families; those without one are not a group the plan calls up
        assert "未填职位类别" not in target
        assert all(f in target for f in cls.job_family.split("、") if f != "未填职位类别")
        assert all(cadres[m].level in target for m in cls.members)


def test_the_sheet_ends_with_totals(zh: Run, book: openpyxl.Workbook) -> None:
    _, _, totals = plan_table(book[PLAN_SHEET])
    classes = zh.plan.classes
    assert totals == {
        "合计：班次": len(classes),
        "合计：参训人次": sum(c.size for c in classes),
        "合计：培训人天（天数×人数）": pytest.approx(sum(c.size * c.days for c in classes)),
        "合计：经费预算（元）": pytest.approx(sum(c.size * c.cost_per_seat for c in classes)),
    }
    summary = plan_summary(zh.analysis, zh.plan)
    assert summary["budget"] == pytest.approx(totals["合计：经费预算（元）"])
    # the classes whose host is to be fixed are not in the budget: the line beside it says how many
    unpriced = sum(c.resource == "unassigned" for c in classes)
    assert unpriced and summary["unpriced_classes"] == unpriced
    budget_row = next(row for row in book[PLAN_SHEET].iter_rows() if row[0].value == "合计：经费预算（元）")
    assert budget_row[3].value == f"（另有 {unpriced} 个班次承办单位待定，费用未计入）"


def test_money_is_written_thousands_apart_as_the_gap_report_writes_its_sums(zh: Run, book: openpyxl.Workbook) -> None:
    """Costs and the budget in one number format, #,##0 (845,400), not 0 (845400) beside the gap report's."""
    _, rows, _ = plan_table(book[PLAN_SHEET])
    costs = [row[h] for row in rows for h in ("人均费用（元）", "费用合计（元）") if row[h].value is not None]
    budget = next(row[2] for row in book[PLAN_SHEET].iter_rows() if row[0].value == "合计：经费预算（元）")
    assert costs and {c.number_format for c in [*costs, budget]} == {"#,##0"}


def test_a_plan_of_no_class_says_where_its_reason_is(zh: Run, tmp_path: Path) -> None:
    """With no class formed the sheet held its header and 合计：班次 0 alone: it says which sheets say why."""
    config = zh.analysis.config.model_copy(update={"classes": zh.analysis.config.classes.model_copy(
        update={"min_size": 400, "max_size": 400})})
    analysis = dataclasses.replace(zh.analysis, config=config)
    plan = plan_classes(analysis, config=config)
    assert not plan.classes
    write_class_rosters(analysis, plan, tmp_path / "class-rosters.xlsx")
    cells = [c for row in openpyxl.load_workbook(tmp_path / "class-rosters.xlsx")[PLAN_SHEET].iter_rows(values_only=True)
             for c in row if c]
    assert "本次没有编成班次：原因见「班次总览」工作表（各组人数、可开班的最小班额见「未成班」工作表）" in cells


def test_who_runs_a_class_is_the_organization_department_of_its_level() -> None:
    classes = Config().classes
    assert [classes.organizer_body(o) for o in ("中央管理", "省委管理", "市委管理", "县委管理", "企业党委管理")] == [
        "中央组织部", "省委组织部", "市委组织部", "县委组织部", "企业党委组织部"]
    # an organizer of the office's own: a district's by its 组织部, any other as it is written
    assert classes.organizer_body("区委管理") == "区委组织部"
    assert classes.organizer_body("XX集团公司") == "XX集团公司"
    assert classes.organizer_body("") == ""
    own = classes.model_copy(update={"organizer_bodies": {"企业党委管理": "集团公司党委组织部"}})
    assert own.organizer_body("企业党委管理") == "集团公司党委组织部"


def test_a_sign_in_sheet_names_the_body_and_the_level(zh: Run, book: openpyxl.Workbook) -> None:
    for cls in zh.plan.classes[:5]:
        texts = [c.value for row in book[cls.id].iter_rows(max_row=4) for c in row if isinstance(c.value, str)]
        line = next(t for t in texts if t.startswith("主办单位："))
        body = zh.analysis.config.classes.organizer_body(cls.organizer)
        assert line.startswith(f"主办单位：{body}（{cls.organizer}）　　承办单位：")


def test_the_header_rows_hold_the_period_and_the_limits(zh: Run, book: openpyxl.Workbook) -> None:
    ws = book[PLAN_SHEET]
    assert ws["A1"].value == "年度培训计划（2026-12至2027-11）"
    assert ws["A2"].value == limits_text(zh.plan, "zh")
    settings = zh.plan.settings
    assert ws["A2"].value.startswith(f"编班参数：班额 {settings['min_size']}–{settings['max_size']} 人；")
    assert f"单位同时离岗不超过 {settings['unit_away_share']:.0%}" in ws["A2"].value
    assert ws.freeze_panes == "A4"


def test_the_office_set_in_the_config_opens_the_plans_title_not_the_sign_in_sheets(zh: Run, tmp_path: Path) -> None:
    """A city's office before a sign-in sheet's title would say the city runs a class its 主办单位 line gives to a
    county's 县委组织部: the sheets keep their titles."""
    config = zh.analysis.config.model_copy(update={"report": ReportConfig(office=" XX市委组织部 ")})
    analysis = dataclasses.replace(zh.analysis, config=config)
    write_class_rosters(analysis, zh.plan, tmp_path / "class-rosters.xlsx")
    book = openpyxl.load_workbook(tmp_path / "class-rosters.xlsx", read_only=True)
    assert book[PLAN_SHEET]["A1"].value == "XX市委组织部年度培训计划（2026-12至2027-11）"
    cls = zh.plan.classes[0]
    assert book[cls.id]["A1"].value == f"{cls.name} 签到表"


def test_the_office_in_english_titles(en: Run, tmp_path: Path) -> None:
    config = en.analysis.config.model_copy(update={"report": ReportConfig(office="Organization Dept.")})
    write_class_rosters(dataclasses.replace(en.analysis, config=config), en.plan, tmp_path / "class-rosters.xlsx")
    book = openpyxl.load_workbook(tmp_path / "class-rosters.xlsx", read_only=True)
    assert book[label("rosters.plan.sheet", "en")]["A1"].value == (
        "Organization Dept.: Annual training plan, 2026-12 to 2027-11")


@pytest.mark.parametrize(("periods", "title", "callups"), [
    (4, "培训计划（2026-12至2027-03，4 个月）", "领导干部每年调训最多 2 次"),
    (24, "培训计划（2026-12至2028-11，24 个月）", "领导干部在计划的 24 个月内调训最多 2 次"),
])
def test_a_plan_of_other_than_a_year_says_its_months(zh: Run, tmp_path: Path, periods: int, title: str,
                                                     callups: str) -> None:
    """Not 年度培训计划 over 24 months, whose leaders' call-ups are counted over the plan, not a year at a time."""
    plan = plan_classes(zh.analysis, periods=periods)
    write_class_rosters(zh.analysis, plan, tmp_path / "class-rosters.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "class-rosters.xlsx", read_only=True)[PLAN_SHEET]
    top = [row[0] for row in ws.iter_rows(max_row=2, values_only=True)]
    assert top == [title, limits_text(plan, "zh")] and callups in top[1]
    assert "times in the plan's 24 months" in limits_text(plan, "en") or periods <= 12


def test_nothing_is_cut_off(book: openpyxl.Workbook) -> None:
    """Columns as wide as their headers; wrapped texts in rows tall enough for their lines."""
    ws = book[PLAN_SHEET]
    header, rows, _ = plan_table(ws)
    widths = {c: dim.width for dim in ws.column_dimensions.values() for c in range(dim.min, dim.max + 1)}
    for c, text in enumerate(header, start=1):  # equal widths side by side are stored as one range
        assert widths[c] >= len(text) * 2, text  # a CJK character is two units wide
    long = [r for r in rows if len(r["各单位调训名额"].value) > 40]
    assert long and all(ws.row_dimensions[r["班次编号"].row].height > 15 for r in long)


# --- the groups too small for a class (未成班) ---------------------------------------------------------

def test_each_group_too_small_for_a_class_is_listed_with_how_it_was_served(zh: Run, book: openpyxl.Workbook) -> None:
    ws = book[NO_CLASS_SHEET]
    rows = list(ws.iter_rows(values_only=True))
    title, lead, header, body = rows[0][0], rows[1][0], rows[2], rows[3:]
    found = zh.plan.no_class
    # a cadre is in a group for each topic it asked for: the count is of needs (人次), more than the cadres
    assert title == f"未成班的需求（{len(found)} 组，共 {sum(g.cadres for g in found)} 人次）"
    assert sum(g.cadres for g in found) > len(zh.analysis.cadres)
    assert "最小班额 15 人" in lead and "needscli classes --min-size" in lead  # what the office can do to form them
    assert "「未满足」工作表" in lead and "unmet" in {g.route for g in found}  # where the unmet needs are listed
    assert "--unit-share" in lead  # a group held back by the units' shares
    assert header == ("主办单位", "分级", "培训类型", "培训主题", "需求人数", "所走途径", "可开班的最小班额", "可开班的单位离岗比例")
    catalog, core = zh.analysis.catalog, zh.analysis.config.classes.core_class_topic
    assert [list(r) for r in body] == [
        [g.organizer, code_label("band", g.band, "zh") if g.band else None,
         code_label("training_type", g.training_type, "zh"),
         "理论教育和党性教育专题班" if g.topic_id == core else catalog.label(g.topic_id, "zh"),
         g.cadres, code_label("route", g.route, "zh"), g.min_size, g.unit_share] for g in found]
    assert [r[4] for r in body] == sorted((r[4] for r in body), reverse=True)  # the largest first
    assert {r[5] for r in body} >= {"网络培训", "单位自主培训"}  # words, never a route's code
    assert any(r[1] == "领导干部" for r in body) and any(r[3] == "理论教育和党性教育专题班" for r in body)


def test_the_no_class_sheet_is_readable_and_printable(book: openpyxl.Workbook) -> None:
    """The lead spans the table and wraps, its row tall enough; columns as wide as their headers; the header
    repeats on every printed page."""
    ws = book[NO_CLASS_SHEET]
    assert "A2:H2" in {str(r) for r in ws.merged_cells.ranges}
    assert ws["A2"].alignment.wrap_text and ws.row_dimensions[2].height >= 30
    widths = {c: dim.width for dim in ws.column_dimensions.values() for c in range(dim.min, dim.max + 1)}
    for c, cell in enumerate(next(ws.iter_rows(min_row=HEADER_ROW, max_row=HEADER_ROW)), start=1):
        assert widths[c] >= len(cell.value) * 2, cell.value
    assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    # a share in whole percent, as the terminal and the settings say it (25%, not 25.0%)
    shares = [row[7] for row in ws.iter_rows(min_row=HEADER_ROW + 1) if row[7].value is not None]
    assert shares and {c.number_format for c in shares} == {"0%"}


def test_the_no_class_lead_is_as_tall_as_its_lines_counted_as_the_plans_cells_are(book: openpyxl.Workbook) -> None:
    """The lead's row is sized as every wrapped cell of the workbook is (row_height: text_lines at the CJK line
    height): counted at 1.5 units a Chinese character, a province's lead of five lines got a row of four and hid
    its last line (编班，也可能开班)."""
    ws = book[NO_CLASS_SHEET]
    lead = ws["A2"].value
    # the widths as set (a file holds each with the cell's padding: 10 is 10.71)
    width = sum(int(ws.column_dimensions[get_column_letter(c)].width) for c in range(1, 9))
    assert text_lines(lead, width) > 1  # else the test proves nothing
    assert ws.row_dimensions[2].height == pytest.approx(row_height(lead, width), abs=0.75)  # whole pixels
    assert ws.row_dimensions[2].height >= text_lines(lead, width) * CJK_LINE_HEIGHT


def test_a_plan_whose_groups_all_formed_classes_has_no_such_sheet(zh: Run, tmp_path: Path) -> None:
    plan = dataclasses.replace(zh.plan, no_class=[])
    write_class_rosters(zh.analysis, plan, tmp_path / "class-rosters.xlsx")
    names = openpyxl.load_workbook(tmp_path / "class-rosters.xlsx", read_only=True).sheetnames
    assert names[:2] == ["班次总览", PLAN_SHEET] and NO_CLASS_SHEET not in names


def test_the_no_class_sheet_in_english(en: Run) -> None:
    ws = openpyxl.load_workbook(en.out / "class-rosters.xlsx")["No class formed"]
    found = en.plan.no_class
    assert ws["A1"].value == f"Groups without a class ({len(found)} groups, {sum(g.cadres for g in found)} needs in all)"
    assert ws["A2"].value.startswith("Each group is the needs of one organizer") and "'Unmet'" in ws["A2"].value
    rows = list(ws.iter_rows(min_row=HEADER_ROW, values_only=True))
    assert rows[0] == ("Organizer", "Band", "Training type", "Topic", "Cadres", "Served by", "Forms at", "Forms at share")
    assert [r[:2] + r[4:] for r in rows[1:]] == [
        (g.organizer, code_label("band", g.band, "en") if g.band else None, g.cadres,
         code_label("route", g.route, "en"), g.min_size, g.unit_share) for g in found]
    assert not {r[5] for r in rows[1:]} & {"online", "in-unit", "sent-up", "unmet"}  # words, never codes


def test_the_summary_lines_name_each_group_in_the_language_of_the_run(zh: Run, en: Run) -> None:
    lines = no_class_lines(en.analysis, en.plan, "en", limit=len(en.plan.no_class))
    assert len(lines) == len(en.plan.no_class)
    for line, g in zip(lines, en.plan.no_class, strict=True):
        who = f"{g.organizer} {code_label('band', g.band, 'en')}" if g.band else g.organizer
        assert f", {who}: {g.cadres} cadre(s), {code_label('route', g.route, 'en')};" in line  # no space before ':'
    assert any(g.band for g in en.plan.no_class) and any(not g.band for g in en.plan.no_class)
    catalog, core = zh.analysis.catalog, zh.analysis.config.classes.core_class_topic
    for line, g in zip(no_class_lines(zh.analysis, zh.plan, "zh", limit=len(zh.plan.no_class)), zh.plan.no_class,
                       strict=True):
        who = f"{g.organizer}，{code_label('band', g.band, 'zh')}" if g.band else g.organizer
        topic = "理论教育和党性教育专题班" if g.topic_id == core else catalog.label(g.topic_id, "zh")
        share = f"，单位同时离岗比例提高到 {g.unit_share:.0%}（unit_away_share）也可能开班" if g.unit_share else ""
        assert line == (f"{topic}（{who}）：{g.cadres} 人，{code_label('route', g.route, 'zh')}；"
                        f"最小班额降到 {g.min_size} 可开班{share}")
    assert any(g.unit_share for g in zh.plan.no_class) and any(g.unit_share is None for g in zh.plan.no_class)


def test_a_group_whose_cadres_have_no_organizer_is_said_to_be_to_be_fixed(zh: Run, tmp_path: Path) -> None:
    """A cadre whose level and 管理权限 give no organizer asks in a group of organizer "": 主办单位待定 on the
    terminal, 待定 in the 未成班 sheet's 主办单位 column as a class of no organizer is; never an empty cell or a
    dangling comma."""
    nobody = dataclasses.replace(next(g for g in zh.plan.no_class if not g.band), organizer="")
    plan = dataclasses.replace(zh.plan, no_class=[nobody])
    assert "（主办单位待定）：" in no_class_lines(zh.analysis, plan, "zh")[0]
    assert ", organizer to be fixed: " in no_class_lines(zh.analysis, plan, "en")[0]
    write_class_rosters(zh.analysis, plan, tmp_path / "class-rosters.xlsx")
    assert openpyxl.load_workbook(tmp_path / "class-rosters.xlsx")[NO_CLASS_SHEET]["A4"].value == "待定"
    parts = PlanParts(plan, {"-": {zh.analysis.cadres[0].id}})  # the hand-out of the cadres without an organizer
    assert parts.run_by("-").no_class == [nobody]


def test_an_organizers_hand_out_keeps_its_groups_and_a_units_none(zh: Run) -> None:
    """A group too small for a class is an organizer's, counted over all its cadres: an organizer's part keeps
    its own, a unit's part (which holds some of a group's cadres only) none."""
    by_organizer = groups(zh.analysis, "organizer")
    parts = PlanParts(zh.plan, by_organizer)
    kept = {name: parts.run_by(name).no_class for name in by_organizer}
    assert all(g.organizer == name for name, found in kept.items() for g in found)
    assert sorted((g for found in kept.values() for g in found), key=zh.plan.no_class.index) == zh.plan.no_class
    unit = zh.analysis.cadres[0].unit
    assert subset_plan(zh.plan, {c.id for c in zh.analysis.cadres if c.unit == unit}).no_class == []


def test_the_hand_outs_class_rosters_hold_their_groups(zh: Run, tmp_path: Path) -> None:
    """Written as --split-by writes them: an organizer's class-rosters.xlsx lists its groups, a unit's none."""
    with split_staged(zh.analysis, zh.plan, tmp_path, "organizer"):
        pass
    for folder in (tmp_path / "by-organizer").iterdir():
        book = openpyxl.load_workbook(folder / "class-rosters.xlsx", read_only=True)
        mine = [g for g in zh.plan.no_class if g.organizer == folder.name]
        assert (NO_CLASS_SHEET in book.sheetnames) is bool(mine), folder.name
        if mine:
            listed = [r[0] for r in book[NO_CLASS_SHEET].iter_rows(min_row=HEADER_ROW + 1, values_only=True)]
            assert listed == [folder.name] * len(mine)
    with split_staged(zh.analysis, zh.plan, tmp_path, "unit"):
        pass
    units = list((tmp_path / "by-unit").iterdir())
    assert len(units) > 1
    for folder in units:
        assert NO_CLASS_SHEET not in openpyxl.load_workbook(folder / "class-rosters.xlsx", read_only=True).sheetnames


# --- a class drawing from more units than its row shows -------------------------------------------

QUOTA_SHEET = "调训名额"


def many_units(run: Run) -> tuple[Analysis, TrainingClass, list[str]]:
    """The analysis with each member of the plan's largest class in a unit of its own (a province's class draws
    from up to 50 units); that class, and those units in the roster's order."""
    cls = max(run.plan.classes, key=lambda c: c.size)
    units = {m: f"XX市第{i + 1}人民医院党委办公室" for i, m in enumerate(cls.members)}
    cadres = [c.model_copy(update={"unit": units[c.id]}) if c.id in units else c for c in run.analysis.cadres]
    analysis = dataclasses.replace(run.analysis, inputs=dataclasses.replace(run.analysis.inputs, cadres=cadres))
    return analysis, cls, [units[c.id] for c in cadres if c.id in units]


def test_a_class_of_many_units_lists_its_first_and_every_quota_on_the_quota_sheet(zh: Run, book: openpyxl.Workbook,
                                                                                 tmp_path: Path) -> None:
    """Its quotas take more lines than a row holds (Excel's 409 points): the row lists its first units whole, then
    how many there are and where each one's quota is, all of it seen; 调训名额 after the plan gives every unit's,
    a row each, and the workbook still imports. The samples' quotas fit: their plan has no such sheet."""
    assert QUOTA_SHEET not in book.sheetnames
    analysis, cls, units = many_units(zh)
    assert len(units) == cls.size >= 40
    path = tmp_path / "class-rosters.xlsx"
    write_class_rosters(analysis, dataclasses.replace(zh.plan, classes=[cls]), path)
    written = openpyxl.load_workbook(path)
    assert written.sheetnames[1:3] == [PLAN_SHEET, QUOTA_SHEET]
    ws = written[PLAN_SHEET]
    _, (row,), _ = plan_table(ws)
    cell = row["各单位调训名额"]
    width = int(ws.column_dimensions[cell.column_letter].width)
    listed, more = cell.value.split(" 等 ")
    shown = quota_counts(listed)
    assert more == f"{cls.size} 个单位（其余 {cls.size - len(shown)} 个单位的名额见「调训名额」工作表）"
    assert 5 < len(shown) < cls.size and shown == [(unit, 1) for unit in units[:len(shown)]]
    assert text_lines(cell.value, width) <= MAX_LINES
    assert ws.row_dimensions[cell.row].height >= row_height(cell.value, width) - 1  # every line seen
    rows = list(written[QUOTA_SHEET].iter_rows(min_row=2, values_only=True))
    assert rows == [("班次编号", "班次名称", "单位", "名额"), *[(cls.id, cls.name, unit, 1) for unit in units]]
    written[cls.id]["G6"] = "√"
    written.save(tmp_path / "attended.xlsx")
    config = Config()
    assert cls.end_date
    read = read_records_file(tmp_path / "attended.xlsx", config, analysis.catalog, config.ledger,
                             cls.end_date + dt.timedelta(days=1))
    assert read.kind == "class-rosters"
    assert {(p.sheet, p.code) for p in read.problems} <= {(cls.id, "compulsory-missed")}
    assert [(p.record.cadre_id, p.record.class_id) for p in read.parsed] == [(cls.members[0], cls.id)]


def test_a_class_of_many_units_in_english(en: Run, tmp_path: Path) -> None:
    analysis, cls, units = many_units(en)
    write_class_rosters(analysis, dataclasses.replace(en.plan, classes=[cls]), tmp_path / "class-rosters.xlsx")
    written = openpyxl.load_workbook(tmp_path / "class-rosters.xlsx")
    _, (row,), _ = plan_table(written["Annual plan"])
    listed, more = row["Quota by unit"].value.split("; and ")
    shown = quota_counts(listed, "; ")
    assert more == f"{len(units) - len(shown)} more units, {len(units)} in all (each unit's quota: the \"Quotas by unit\" sheet)"
    rows = list(written["Quotas by unit"].iter_rows(min_row=2, values_only=True))
    assert rows[0] == ("Class ID", "Class name", "Unit", "Seats") and [r[2:] for r in rows[1:]] == [(u, 1) for u in units]


def test_the_hand_outs_of_a_class_of_many_units(zh: Run, tmp_path: Path) -> None:
    """Its organizer's hand-out holds the whole class, its quotas cut as the plan's, and the quota sheet; a unit's
    holds the unit's own seats, which fit."""
    analysis, cls, units = many_units(zh)
    with split_staged(analysis, zh.plan, tmp_path, "organizer"):
        pass
    book = openpyxl.load_workbook(tmp_path / "by-organizer" / cls.organizer / "class-rosters.xlsx", read_only=True)
    _, rows, _ = plan_table(book[PLAN_SHEET])
    assert next(r for r in rows if r["班次编号"].value == cls.id)["各单位调训名额"].value.endswith(
        "个单位的名额见「调训名额」工作表）")
    quotas = book[QUOTA_SHEET].iter_rows(min_row=3, values_only=True)
    assert [r[2:] for r in quotas if r[0] == cls.id] == [(u, 1) for u in units]
    with split_staged(analysis, zh.plan, tmp_path, "unit"):
        pass
    book = openpyxl.load_workbook(tmp_path / "by-unit" / units[0] / "class-rosters.xlsx", read_only=True)
    assert QUOTA_SHEET not in book.sheetnames
    _, rows, _ = plan_table(book[PLAN_SHEET])
    assert next(r for r in rows if r["班次编号"].value == cls.id)["各单位调训名额"].value == f"{units[0]} 1"


# --- plan.csv --------------------------------------------------------------------------------------

def test_plan_csv_has_a_row_per_class_as_the_sheet_has(zh: Run, book: openpyxl.Workbook) -> None:
    raw = (zh.out / "plan.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.split(b"\r\n")[0].decode("utf-8-sig").split(",") == PLAN_COLUMNS
    rows = csv_records(zh.out / "plan.csv")
    _, sheet, _ = plan_table(book[PLAN_SHEET])
    assert [r["class_id"] for r in rows] == [c.id for c in zh.plan.classes]
    for cls, row, cells in zip(zh.plan.classes, rows, sheet, strict=True):
        assert row["training_type"] == cls.training_type  # the code in the CSV, the words in the sheet
        assert row["host"] == cls.resource
        assert (row["start_date"], row["end_date"]) == (str(cls.start_date), str(cls.end_date))
        assert int(row["seats"]) == cls.size
        if cls.resource == "unassigned":  # its cost not known: empty, as the sheet leaves it blank
            assert (row["cost_per_seat"], row["total_cost"]) == ("", "")
            assert (cells["人均费用（元）"].value, cells["费用合计（元）"].value) == (None, None)
        else:
            assert float(row["cost_per_seat"]) == cls.cost_per_seat
            assert float(row["total_cost"]) == pytest.approx(cls.size * cls.cost_per_seat)
        assert sum(n for _, n in quota_counts(row["quotas"])) == cls.size
        assert (row["quotas"], row["target"]) == (cells["各单位调训名额"].value, cells["培训对象"].value)
        assert (int(row["sent_up"]), int(row["late"])) == (cells["其中上级调训"].value, cls.late)


def test_plan_csv_is_the_same_bytes_run_after_run(zh: Run, tmp_path: Path) -> None:
    again = run(tmp_path)
    assert (again.out / "plan.csv").read_bytes() == (zh.out / "plan.csv").read_bytes()


def test_english_words_in_the_sheet_codes_in_the_csv(en: Run) -> None:
    ws = openpyxl.load_workbook(en.out / "class-rosters.xlsx")["Annual plan"]
    header, rows, totals = plan_table(ws)
    assert header[:3] == ["Class ID", "Class name", "Training type"]
    assert {r["Training type"].value for r in rows} <= {code_label("training_type", c.training_type, "en")
                                                        for c in en.plan.classes}
    assert ws["A2"].value.startswith("Limits: class size ")
    assert set(totals) == {"Total: classes", "Total: seats", "Total: trainee-days (days x seats)", "Total: budget"}
    bands = {r["Band"].value for r in rows} - {None}
    assert bands and bands <= {"Leading cadres", "Staff"}
    quotas = [quota_counts(r["Quota by unit"].value, "; ") for r in rows]
    assert [sum(n for _, n in q) for q in quotas] == [c.size for c in en.plan.classes]
    assert {r["training_type"] for r in csv_records(en.out / "plan.csv")} <= set(c.training_type
                                                                               for c in en.plan.classes)


# --- routes ----------------------------------------------------------------------------------------

def test_assignments_csv_gives_each_need_served_its_route(zh: Run) -> None:
    rows = csv_records(zh.out / "assignments.csv")
    assert list(rows[0]) == ["cadre_id", "class_id", "topic", "priority", "route"]
    assert Counter(r["route"] for r in rows) == Counter(a.route for a in zh.plan.assignments)
    assert {r["route"] for r in rows} == set(ROUTES)  # the samples use every route
    assert all(bool(r["class_id"]) == (r["route"] in ("class", "sent-up")) for r in rows)


def test_the_overview_lists_needs_by_route(zh: Run, book: openpyxl.Workbook) -> None:
    ws = book["班次总览"]
    first = ROUTES_COLUMN + 1
    assert ws.cell(1, first).value == "需求去向（项）"
    words = [ws.cell(1, first + 1 + j).value for j in range(len(COVERAGE_KEYS))]
    counts = [ws.cell(2, first + 1 + j).value for j in range(len(COVERAGE_KEYS))]
    assert words == ["本级开班", "上级调训", "网络培训", "单位自主培训", "未满足"]
    expected = Counter(a.route for a in zh.plan.assignments)
    assert counts == [*(expected[r] for r in ROUTES), len(zh.plan.unmet)]
    assert dict(zip(COVERAGE_KEYS, counts, strict=True)) == route_counts(zh.plan)


def test_sign_in_sheets_mark_members_sent_up(zh: Run, book: openpyxl.Workbook) -> None:
    sent_up = {(a.class_id, a.cadre_id) for a in zh.plan.assignments if a.route == "sent-up"}
    assert zh.plan.context is not None
    marked = set()
    for cls in zh.plan.classes:
        ws = book[cls.id]
        header = [cell.value for cell in ws[4]]
        note = header.index("备注")  # after one sign-in column a day (or week)
        # an id number prints masked; the hidden column the import reads holds it whole
        full = next((i for i, h in enumerate(header) if h and str(h).startswith("完整编号")), 1)
        for row in ws.iter_rows(min_row=6, values_only=True):
            # a seat serving a compulsory training says so after it (必训：…): test_class_rosters checks which; a
            # note's lines are broken where 备注 is narrower than a part (上级调训 / （企业党委管理）)
            said = str(row[note] or "").replace("\n", "").split("必训：")[0] or None
            if (cls.id, row[full]) in sent_up:
                organizer = zh.plan.context.cadres[row[full]].organizer
                assert said == f"上级调训（{organizer}）" and organizer != cls.organizer
                marked.add((cls.id, row[full]))
            else:
                assert said is None
    assert marked == sent_up


def test_the_workbook_still_imports_as_attended_sign_in_sheets(zh: Run, tmp_path: Path) -> None:
    """The plan sheet is no class: `records import` reads the classes and warns of nothing but the compulsory
    seats left empty in the class signed (compulsory-missed)."""
    book = openpyxl.load_workbook(zh.out / "class-rosters.xlsx")
    cls = zh.plan.classes[0]
    book[cls.id]["G6"] = "√"  # the first member's first day
    book.save(tmp_path / "attended.xlsx")
    config = Config()
    read = read_records_file(tmp_path / "attended.xlsx", config, zh.analysis.catalog, config.ledger,
                             dt.date(2027, 1, 1))
    assert read.kind == "class-rosters"
    assert {(p.sheet, p.code) for p in read.problems} <= {(cls.id, "compulsory-missed")}
    assert [(p.record.cadre_id, p.record.class_id) for p in read.parsed] == [(cls.members[0], cls.id)]


# --- the gap report: hours after the plan; the needs' classes -------------------------------------

def test_the_gap_report_has_the_hours_after_the_plan(zh: Run) -> None:
    ws = openpyxl.load_workbook(zh.out / "gap-report.xlsx")["学时测算"]
    header, *rows = list(ws.iter_rows(values_only=True))
    assert header == ("编号", "姓名", "单位", "学时缺口", "期限前计划学时（逾期的计至周期末）", "尚缺学时", "期限", "建议")
    left = zh.plan.hours_left
    assert left and len(rows) == len(left)
    cadres = zh.analysis.cadre_by_id
    advice = {"covered": "已由计划覆盖", "class": "在期限前另行参加班次补足", "online": "网络学习补足（按本地规定计入）",
              "overdue": "已逾期：计划学时计至本周期末，尽快参加最早的班次补足所缺学时",
              "covered-late": "已逾期：本周期内计划的班次可补足（计至本周期末）",
              "no-class": "计划中没有能在期限前结束的班次：须在期限前另行安排集中培训"}
    for h, row in zip(left, rows, strict=True):
        assert row[:3] == (h.cadre_id, cadres[h.cadre_id].name, cadres[h.cadre_id].unit)
        assert row[3:6] == (h.deficit, h.planned, h.left)
        assert (row[6].date() if row[6] else None) == h.deadline
        assert row[7] == advice[h.advice]
        assert (h.left == 0) == (h.advice in ("covered", "covered-late"))


def test_the_needs_sheet_says_how_each_need_is_served(zh: Run) -> None:
    ws = openpyxl.load_workbook(zh.out / "gap-report.xlsx", read_only=True)["需求明细"]
    header, *rows = list(ws.iter_rows(values_only=True))
    served = Counter(row[header.index("班次")] for row in rows)
    expected = Counter({"网络培训": sum(a.route == "online" for a in zh.plan.assignments),
                        "单位自主培训": sum(a.route == "in-unit" for a in zh.plan.assignments)})
    assert {k: served[k] for k in expected} == expected
    assert sum(n for k, n in served.items() if k and k.endswith("（上级调训）")) == sum(
        a.route == "sent-up" for a in zh.plan.assignments)


# --- the summaries' figures ------------------------------------------------------------------------

def test_coverage_shares_add_up_to_one_per_source(zh: Run) -> None:
    summary = plan_summary(zh.analysis, zh.plan)
    cover = summary["coverage"]
    assert list(cover["by_source"]) == list(NEED_SOURCES)
    asked = 0
    for source, entry in cover["by_source"].items():
        needs = sum(1 for n in zh.analysis.needs if n.source == source)
        assert entry["needs"] + entry["no_class"] == needs
        assert sum(entry["counts"].values()) == entry["needs"]
        if entry["needs"]:
            assert sum(entry["shares"].values()) == pytest.approx(1, abs=1e-3)
            asked += 1
        else:
            assert entry["shares"] is None
    assert asked >= 5
    overall = cover["overall"]
    assert overall["counts"] == {**{r: summary["routes"][r] for r in ROUTES}, "unmet": len(zh.plan.unmet)}
    assert sum(overall["shares"].values()) == pytest.approx(1, abs=1e-3)
    assert overall["needs"] + overall["no_class"] == len(zh.analysis.needs)
    assert overall["no_class"] == len(zh.plan.hours_left)  # the hours standard asks for no class


def test_coverage_from_what_forming_counted_is_coverage_need_by_need(zh: Run,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Forming counts the needs it serves and leaves unmet by source (Plan.ways); coverage reads those counts
    where the plan was formed from the analysis' needs and still has the seats and unmet needs counted, and
    works them out from the seats otherwise."""
    from needscli.reports import annual_plan

    assert zh.plan.ways is not None and zh.plan.ways.needs is zh.analysis.needs
    by_seats = coverage(zh.analysis, dataclasses.replace(zh.plan, ways=None))
    assert by_seats["overall"]["counts"]["unmet"] == len(zh.plan.unmet) > 0
    real_routes = annual_plan.need_routes

    def no_look(analysis: Analysis, plan: Plan) -> list[str]:
        raise AssertionError("looked need by need")

    monkeypatch.setattr(annual_plan, "need_routes", no_look)
    assert coverage(zh.analysis, zh.plan) == by_seats  # from the counts alone
    # counts that are not of these needs, or of a plan whose seats were replaced since, are not read
    wrong = dataclasses.replace(zh.plan.ways, counts={("post", "class"): 10**6})
    for plan in (dataclasses.replace(zh.plan, ways=dataclasses.replace(wrong, needs=list(zh.analysis.needs))),
                 dataclasses.replace(zh.plan, assignments=list(zh.plan.assignments), ways=wrong),
                 dataclasses.replace(zh.plan, unmet=list(zh.plan.unmet), ways=wrong)):
        with pytest.raises(AssertionError, match="need by need"):
            coverage(zh.analysis, plan)
    monkeypatch.setattr(annual_plan, "need_routes", real_routes)
    online = [dataclasses.replace(a, route="online") if a.route == "class" else a for a in zh.plan.assignments]
    changed = dataclasses.replace(zh.plan, assignments=online)
    assert coverage(zh.analysis, changed) == coverage(zh.analysis, dataclasses.replace(changed, ways=None))
    assert coverage(zh.analysis, changed)["overall"]["counts"]["class"] == 0 < by_seats["overall"]["counts"]["class"]
    # a unit's hand-out (its analysis and plan cut to its cadres) is counted need by need
    assert subset_plan(zh.plan, {c.id for c in zh.analysis.cadres[:5]}).ways is None


def test_obligations_served_budget_hours_and_limits(zh: Run) -> None:
    summary = plan_summary(zh.analysis, zh.plan)
    obligation = summary["coverage"]["by_source"]["obligation"]
    served = summary["obligations_served"]
    assert served["asked"] == obligation["needs"]
    assert served["served"] == obligation["needs"] - obligation["counts"]["unmet"]
    assert served["share"] == pytest.approx(served["served"] / served["asked"], abs=1e-4)
    hours = summary["hours_after_plan"]
    assert hours["cadres"] == hours["covered"] + hours["short"] == len(zh.plan.hours_left)
    assert hours["hours_left"] == pytest.approx(sum(h.left for h in zh.plan.hours_left))
    assert summary["limits"] == {key: zh.plan.settings[key] for key in LIMIT_KEYS}
    assert summary["seats"] == sum(c.size for c in zh.plan.classes)
    assert summary["needs_served"] == len(zh.plan.assignments)


def test_the_limits_follow_the_config(tmp_path: Path) -> None:
    config = Config()
    config = config.model_copy(update={"classes": config.classes.model_copy(update={"min_size": 9})})
    small = run(tmp_path, config=config)
    ws = openpyxl.load_workbook(small.out / "class-rosters.xlsx")[PLAN_SHEET]
    assert ws["A2"].value.startswith("编班参数：班额 9–50 人")
    assert plan_summary(small.analysis, small.plan)["limits"]["min_size"] == 9


# --- hand-outs -------------------------------------------------------------------------------------

def test_a_part_of_the_plan_keeps_its_cadres_routed_needs_and_hours(zh: Run) -> None:
    unit = zh.analysis.cadres[0].unit
    keep = {c.id for c in zh.analysis.cadres if c.unit == unit}
    part = subset_plan(zh.plan, keep)
    routed = [a for a in zh.plan.assignments if a.cadre_id in keep and not a.class_id]
    assert routed and [a for a in part.assignments if not a.class_id] == routed
    assert part.hours_left == [h for h in zh.plan.hours_left if h.cadre_id in keep]
    assert part.settings == zh.plan.settings
    assert all(set(c.members) <= keep for c in part.classes)


def test_the_data_files_name_job_families_alike_whatever_the_runs_language(zh: Run, en: Run) -> None:
    """classes.parquet read 综合管理类、未填职位类别 in a Chinese run and 综合管理类 / no job family in an English one: a
    national office joining runs made in either language split one group in two. The data files write the families
    as the Chinese run does; the workbooks keep the run's words."""
    import pandas as pd

    for name in ("classes.csv", "classes.parquet"):
        read = pd.read_parquet if name.endswith(".parquet") else (lambda p: pd.read_csv(p, dtype=str, keep_default_na=False))
        chinese, english = (list(read(run.out / name)["job_family"]) for run in (zh, en))
        assert chinese == english, name
        assert any("、未填职位类别" in f for f in chinese)
    assert any(" / no job family" in c.job_family for c in en.plan.classes)  # the English run's own words


def test_an_english_plan_names_job_families_by_their_english_names(en: Run) -> None:
    book = openpyxl.load_workbook(en.out / "class-rosters.xlsx")
    english = {f.name: f.english for f in en.analysis.config.job_families}
    families = {c.id: [english[f] for f in c.job_family.split(" / ") if f in english] for c in en.plan.classes}
    # the samples have classes of one family (named by it) and of several (their target lists them)
    assert {c.job_family in english for c in en.plan.classes} == {True, False}
    overview = {row[0]: row for row in book["Overview"].iter_rows(min_row=2, max_col=6, values_only=True)}
    _, rows, _ = plan_table(book["Annual plan"])
    for cls, row in zip(en.plan.classes, rows, strict=True):
        name, family, target = overview[cls.id][1], overview[cls.id][5] or "", row["Target group"].value
        assert family == " / ".join(families[cls.id]) and family in target, (family, target)
        assert not any(f in name or f in family or f in target for f in english), (name, target)
        if cls.job_family in english:
            assert name.endswith(f", {english[cls.job_family]} (session {name.rsplit(' ', 1)[1]}"), name


def test_a_quota_sheet_past_the_detail_limit_is_left_to_the_plan_s_files(zh: Run, tmp_path: Path) -> None:
    """A province's quota sheet would hold 240,000 rows: past limits.detail_rows the row says where each unit's
    quota is (plan.csv and plan.parquet hold the quotas whole), and no sheet is written."""
    analysis, cls, units = many_units(zh)
    limits = analysis.config.limits.model_copy(update={"detail_rows": len(units) - 1})
    small = dataclasses.replace(analysis, config=analysis.config.model_copy(update={"limits": limits}))
    write_class_rosters(small, dataclasses.replace(zh.plan, classes=[cls]), tmp_path / "class-rosters.xlsx")
    written = openpyxl.load_workbook(tmp_path / "class-rosters.xlsx")
    assert QUOTA_SHEET not in written.sheetnames
    _, (row,), _ = plan_table(written[PLAN_SHEET])
    listed, more = row["各单位调训名额"].value.split(" 等 ")
    shown = quota_counts(listed)
    assert more == f"{cls.size} 个单位（其余 {cls.size - len(shown)} 个单位的名额见 plan.csv、plan.parquet 的 quotas 列）"
