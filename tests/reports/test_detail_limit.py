"""limits.detail_rows: a detail sheet of gap-report.xlsx (needs, obligations, compliance, unmet, hours after the
plan) longer than it, its header row counted, is left out, and the unit ranking keeps each unit's first ranks, as
many as fit; the Summary names it, its rows and the files of the run holding it in full (or says none does, and
which --formats would); --split-by hand-outs keep their unit's detail whole."""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

import openpyxl
import pytest
from builders import sheet_names, summary_lines

import needscli
from needscli.config import Config, LimitsConfig
from needscli.core.analysis import Analysis
from needscli.core.ranking import TopicRank
from needscli.labels import label
from needscli.planner import Plan
from needscli.reports import write_all
from needscli.reports.class_lookup import PlanView
from needscli.reports.gap_report import (
    left_out_sheets,
    open_obligations,
    ranks_within,
    write_gap_report,
)
from needscli.reports.split import split_staged
from needscli.reports.xlsx import row_height

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples" / "cadres.xlsx"
LIMIT = 50


def run(tmp_path: Path, config: Config) -> tuple[Analysis, Plan, Path]:
    analysis = needscli.analyze(SAMPLES, as_of="2026-11-01", config=config)
    plan = needscli.plan(analysis)
    out = tmp_path / "out"
    needscli.write(analysis, plan, out)
    return analysis, plan, out


@pytest.fixture(scope="module")
def limited(tmp_path_factory: pytest.TempPathFactory) -> tuple[Analysis, Plan, Path]:
    return run(tmp_path_factory.mktemp("limited"), Config(limits=LimitsConfig(detail_rows=LIMIT)))


def test_a_needs_sheet_past_the_limit_is_left_out_and_the_summary_says_where_it_is(
        limited: tuple[Analysis, Plan, Path]) -> None:
    analysis, _, out = limited
    needs = len(analysis.needs)
    assert needs > LIMIT  # else the test proves nothing
    assert "需求明细" not in sheet_names(out / "gap-report.xlsx")
    [line] = [s for s in summary_lines(out / "gap-report.xlsx") if s.startswith("需求明细（")]
    assert f"{needs:,} 行" in line and "needs.csv" in line and "needs.parquet" in line
    with (out / "needs.csv").open(encoding="utf-8-sig", newline="") as f:
        assert sum(1 for _ in csv.reader(f)) - 1 == needs


@pytest.mark.parametrize(("sheet", "files"), [("未满足", "unmet.parquet"), ("学时达标", "compliance.parquet"),
                                             ("学时测算", "hours_left.parquet")])
def test_the_unmet_obligations_compliance_and_hours_sheets_past_the_limit_name_their_parquet_files(
        limited: tuple[Analysis, Plan, Path], sheet: str, files: str) -> None:
    analysis, plan, out = limited
    rows = {"未满足": len(plan.unmet), "必训任务": len(open_obligations(analysis)),
            "学时达标": len(analysis.compliance), "学时测算": len(plan.hours_left)}[sheet]
    assert rows > LIMIT
    assert sheet not in sheet_names(out / "gap-report.xlsx")
    assert [s for s in summary_lines(out / "gap-report.xlsx") if s.startswith(f"{sheet}（")] == [
        f"{sheet}（{rows:,} 行）超过明细行数上限（limits.detail_rows），未写入本工作簿；完整数据见 {files}"]


def test_the_obligations_past_the_limit_keep_the_overdue_ones(limited: tuple[Analysis, Plan, Path]) -> None:
    """The violations to chase stay in the workbook: of the samples' 785 obligations not met, the 22 overdue (they
    come first) are within the limit of 50; at a province's size the sheet was left out whole, no names anywhere."""
    analysis, _, out = limited
    listed = open_obligations(analysis)
    overdue = [o for o in listed if o.status == "overdue"]
    assert len(listed) + 1 > LIMIT > len(overdue) + 1 > 1
    book = openpyxl.load_workbook(out / "gap-report.xlsx", read_only=True)
    try:
        rows = list(book["必训任务"].iter_rows(min_row=2, values_only=True))
    finally:
        book.close()
    assert [row[0] for row in rows] == [o.cadre_id for o in overdue]
    assert {row[6] for row in rows} == {"逾期"}
    assert [s for s in summary_lines(out / "gap-report.xlsx") if s.startswith("必训任务（")] == [
        f"必训任务（{len(listed):,} 行）超过明细行数上限（limits.detail_rows），本工作簿只列逾期的 {len(overdue)} 项；"
        "完整数据见 obligations.parquet"]
    # more overdue than fit: left out whole, as before
    few = run(out.parent / "few", Config(limits=LimitsConfig(detail_rows=len(overdue))))[2]
    assert "必训任务" not in sheet_names(few / "gap-report.xlsx")


def test_the_summaries_and_rankings_stay(limited: tuple[Analysis, Plan, Path]) -> None:
    """What a person reads stays: the Summary (obligations by kind and status, needs by source, top topics),
    overdue obligations by unit, the unit x topic matrix, the rankings; one row per cadre goes."""
    analysis, plan, out = limited
    names = sheet_names(out / "gap-report.xlsx")
    assert {"概要", "逾期未训（按单位）", "单位主题矩阵", "主题排序", "单位主题排序"} <= set(names)
    assert not {"需求明细", "学时达标", "未满足", "学时测算"} & set(names)
    book = openpyxl.load_workbook(out / "gap-report.xlsx", read_only=True)
    try:
        assert book["主题排序"].max_row == len(analysis.ranking) + 1
        assert book["单位主题矩阵"].max_row == len({c.unit for c in analysis.cadres}) + 1
    finally:
        book.close()


def test_the_unit_ranking_past_the_limit_keeps_each_units_first_ranks_as_many_as_fit(
        limited: tuple[Analysis, Plan, Path]) -> None:
    analysis, _, out = limited
    ranks = analysis.unit_ranking
    assert len(ranks) + 1 > LIMIT
    kept = [r for r in ranks if r.rank <= 6]  # 8 units: ranks 1 to 6 are 48 rows, 49 with the header; 1 to 7 are 57
    assert len(kept) + 1 <= LIMIT < len([r for r in ranks if r.rank <= 7]) + 1
    book = openpyxl.load_workbook(out / "gap-report.xlsx", read_only=True)
    try:
        rows = list(book["单位主题排序"].iter_rows(min_row=2, max_col=3, values_only=True))
    finally:
        book.close()
    assert rows == [(r.unit, r.rank, analysis.catalog.label(r.topic_id, "zh")) for r in kept]
    assert {unit for unit, _, _ in rows} == {c.unit for c in analysis.cadres}  # every unit keeps its first topics
    assert [s for s in summary_lines(out / "gap-report.xlsx") if s.startswith("单位主题排序（")] == [
        f"单位主题排序（{len(ranks):,} 行）超过明细行数上限（limits.detail_rows），本工作簿只列每个单位排名前 6 的主题；"
        "完整数据见 unit_ranking.parquet"]


def test_ranks_within_counts_every_rank_and_the_header() -> None:
    """Four units with 3, 2, 1 and 2 topics: rank 1 takes 4 rows, ranks 1-2 take 7, every rank 8 (with the header:
    5, 8, 9); a limit of 4 keeps not even the first ranks."""
    ranks = [TopicRank("T", unit, rank=n) for unit, n in zip("AAABBCDD", [1, 2, 3, 1, 2, 1, 1, 2], strict=True)]
    assert [ranks_within(ranks, limit) for limit in (1, 4, 5, 6, 7, 8, 9, 100)] == [0, 0, 1, 1, 1, 2, 3, 3]


def test_a_unit_ranking_where_not_every_unit_fits_its_first_rank_is_left_out(
        tmp_path: Path, limited: tuple[Analysis, Plan, Path]) -> None:
    analysis, plan, _ = limited
    units = len({r.unit for r in analysis.unit_ranking})
    config = analysis.config.model_copy(update={"limits": LimitsConfig(detail_rows=units)})
    narrow = dataclasses.replace(analysis, config=config)
    [item] = [i for i in left_out_sheets(narrow, plan) if i.key == "sheet.unit_ranking"]
    assert (item.top, item.rows) == (0, len(analysis.unit_ranking))
    write_all(narrow, plan, tmp_path, formats=frozenset({"xlsx", "parquet"}))
    assert "单位主题排序" not in sheet_names(tmp_path / "gap-report.xlsx")
    assert f"单位主题排序（{len(analysis.unit_ranking):,} 行）超过明细行数上限（limits.detail_rows），未写入本工作簿；" \
           "完整数据见 unit_ranking.parquet" in summary_lines(tmp_path / "gap-report.xlsx")


def test_the_limit_counts_the_header_row(limited: tuple[Analysis, Plan, Path]) -> None:
    """A sheet kept has at most detail_rows rows, its header among them: 480 cadres and a limit of 480 leave
    the Compliance sheet out (481 rows), a limit of 481 keeps it."""
    analysis, plan, _ = limited
    cadres = len(analysis.compliance)

    def left_out(limit: int) -> list[str]:
        config = analysis.config.model_copy(update={"limits": LimitsConfig(detail_rows=limit)})
        return [item.key for item in left_out_sheets(dataclasses.replace(analysis, config=config), plan)]

    assert "sheet.compliance" in left_out(cadres)
    assert "sheet.compliance" not in left_out(cadres + 1)


def test_left_out_sheets_name_the_files_of_the_formats_written(limited: tuple[Analysis, Plan, Path]) -> None:
    analysis, plan, _ = limited
    every = left_out_sheets(analysis, plan)
    assert [(item.key, item.files, item.top) for item in every] == [
        ("sheet.obligations", ("obligations.parquet",), 22), ("sheet.needs", ("needs.csv", "needs.parquet"), 0),
        ("sheet.compliance", ("compliance.parquet",), 0), ("sheet.unit_ranking", ("unit_ranking.parquet",), 6),
        ("sheet.unmet", ("unmet.parquet",), 0), ("sheet.hours_after", ("hours_left.parquet",), 0)]
    assert [item.files for item in left_out_sheets(analysis, plan, frozenset({"xlsx", "csv"}))] == [
        (), ("needs.csv",), (), (), (), ()]
    assert left_out_sheets(analysis, plan, frozenset({"csv", "parquet"})) == []  # no workbook, nothing left out
    assert every[1].as_dict() == {"sheet": "needs", "rows": len(analysis.needs),
                                  "files": ["needs.csv", "needs.parquet"], "top": 0}
    assert every[3].as_dict() == {"sheet": "unit_ranking", "rows": len(analysis.unit_ranking),
                                  "files": ["unit_ranking.parquet"], "top": 6}


def test_with_only_xlsx_written_the_summary_says_no_file_holds_the_detail(
        tmp_path: Path, limited: tuple[Analysis, Plan, Path]) -> None:
    analysis, plan, _ = limited
    write_all(analysis, plan, tmp_path, formats=frozenset({"xlsx"}))
    assert not (tmp_path / "needs.csv").exists() and not (tmp_path / "needs.parquet").exists()
    lines = [s for s in summary_lines(tmp_path / "gap-report.xlsx") if "limits.detail_rows" in s]
    assert lines[1:3] == [
        f"需求明细（{len(analysis.needs):,} 行）超过明细行数上限（limits.detail_rows），未写入本工作簿；本次运行没有"
        "写出含完整数据的文件：如需要，请在 --formats 中加上 csv 或 parquet 重新运行",
        f"学时达标（{len(analysis.compliance):,} 行）超过明细行数上限（limits.detail_rows），未写入本工作簿；本次运行"
        "没有写出含完整数据的文件：如需要，请在 --formats 中加上 parquet 重新运行"]
    assert not [s for s in lines if ".parquet" in s or ".csv" in s]


def test_with_xlsx_and_csv_the_needs_line_names_needs_csv_alone(
        tmp_path: Path, limited: tuple[Analysis, Plan, Path]) -> None:
    analysis, plan, _ = limited
    write_all(analysis, plan, tmp_path, formats=frozenset({"xlsx", "csv"}))
    [line] = [s for s in summary_lines(tmp_path / "gap-report.xlsx") if s.startswith("需求明细（")]
    assert line.endswith("；完整数据见 needs.csv")


def test_the_english_summary_says_it_in_english(tmp_path: Path, limited: tuple[Analysis, Plan, Path]) -> None:
    analysis, plan, _ = limited
    write_all(dataclasses.replace(analysis, lang="en"), plan, tmp_path, formats=frozenset({"xlsx"}))
    book = openpyxl.load_workbook(tmp_path / "gap-report.xlsx", read_only=True)
    try:
        lines = [str(r[0]) for r in book["Summary"].iter_rows(max_col=1, values_only=True) if r[0]]
    finally:
        book.close()
    assert f"Compliance ({len(analysis.compliance):,} rows) passes the detail row limit (limits.detail_rows) and is " \
           "left out of this workbook; no file of this run holds it in full: run again with parquet added to " \
           "--formats" in lines


@pytest.mark.parametrize(("lang", "files"), [("zh", "needs.csv、needs.parquet"), ("en", "needs.csv, needs.parquet")])
def test_the_files_holding_a_sheet_are_listed_as_the_language_lists_them(
        tmp_path: Path, limited: tuple[Analysis, Plan, Path], lang: str, files: str) -> None:
    """A Chinese Summary joined the files with ", " inside its Chinese (完整数据见 needs.csv, needs.parquet)."""
    analysis, plan, _ = limited
    write_all(dataclasses.replace(analysis, lang=lang), plan, tmp_path)
    [line] = [s for s in summary_lines(tmp_path / "gap-report.xlsx", label("sheet.summary", lang))
              if s.startswith(label("sheet.needs", lang)) and "limits.detail_rows" in s]
    assert line.endswith(files)


def chart_columns(path: Path, sheet: str) -> list[int]:
    """The 0-based columns the charts of a sheet are anchored at."""
    book = openpyxl.load_workbook(path)
    return [chart.anchor._from.col for chart in book[sheet]._charts]


@pytest.mark.parametrize(("lang", "formats"), [("zh", {"xlsx", "csv", "parquet"}), ("zh", {"xlsx"}),
                                               ("en", {"xlsx", "csv", "parquet"}), ("en", {"xlsx"})])
def test_the_lines_on_sheets_left_out_wrap_left_of_the_charts(
        tmp_path: Path, limited: tuple[Analysis, Plan, Path], lang: str, formats: set[str]) -> None:
    """The lines saying where a sheet left out went ran in column A under the bar chart, which hid the files they
    name (完整数据见 obligations.parq…): each is merged over the columns left of the charts, wrapped in a row as
    tall as its lines, in both languages and with the longer wording of no file written."""
    analysis, plan, _ = limited
    write_all(dataclasses.replace(analysis, lang=lang), plan, tmp_path, formats=frozenset(formats))
    path, sheet = tmp_path / "gap-report.xlsx", label("sheet.summary", lang)
    charts = chart_columns(path, sheet)
    ws = openpyxl.load_workbook(path)[sheet]
    merged = {r.min_row: r for r in ws.merged_cells.ranges if r.min_col == 1}
    # the widths as set (a file holds each with the cell's padding: 44 is 44.71), columns of one width as a span
    widths = {c: int(dim.width) for dim in ws.column_dimensions.values() for c in range(dim.min, dim.max + 1)}
    lines = [c for c in ws["A"] if c.value and "limits.detail_rows" in str(c.value)]
    assert len(lines) == 6 and charts  # else the test proves nothing
    for cell in lines:
        span = merged[cell.row]
        assert span.max_row == cell.row and span.max_col <= min(charts), cell.value  # left of every chart
        width = sum(widths[c] for c in range(1, span.max_col + 1))
        assert cell.alignment.wrap_text and cell.font.b
        assert ws.row_dimensions[cell.row].height == pytest.approx(row_height(cell.value, width), abs=0.75)


def test_with_the_default_limit_the_needs_sheet_is_there(tmp_path: Path) -> None:
    analysis, _, out = run(tmp_path, Config())
    book = openpyxl.load_workbook(out / "gap-report.xlsx", read_only=True)
    try:
        assert book["需求明细"].max_row == len(analysis.needs) + 1
    finally:
        book.close()
    assert not [s for s in summary_lines(out / "gap-report.xlsx") if "limits.detail_rows" in s]


def test_a_split_hand_out_keeps_its_units_detail_whatever_the_limit(tmp_path: Path) -> None:
    analysis = needscli.analyze(SAMPLES, as_of="2026-11-01", config=Config(limits=LimitsConfig(detail_rows=1)))
    plan = needscli.plan(analysis)
    with split_staged(analysis, plan, tmp_path, "unit") as written:
        reports = [p for p in written if p.name == "gap-report.xlsx"]
    assert reports
    for path in reports:
        book = openpyxl.load_workbook(path, read_only=True)
        try:
            assert book["需求明细"].max_row > 2  # more needs than the limit, all written
        finally:
            book.close()
        assert not [s for s in summary_lines(path) if "limits.detail_rows" in s]


def test_the_plans_lookup_of_needs_served_is_made_only_for_a_needs_sheet_written(tmp_path: Path) -> None:
    # a large run leaves the needs' detail to the CSV and Parquet files: the lookup of every need served by
    # its class (8.1 million at a million cadres) is then never made
    for detail_rows, made in ((LIMIT, False), (100_000, True)):
        config = Config(limits=LimitsConfig(detail_rows=detail_rows))
        analysis = needscli.analyze(SAMPLES, as_of="2026-11-01", config=config)
        view = PlanView(needscli.plan(analysis), analysis.lang)
        path = tmp_path / f"gap-{detail_rows}.xlsx"
        write_gap_report(analysis, path, view)
        assert ("需求明细" in sheet_names(path)) is made
        assert ("class_by_need" in vars(view)) is made
