"""A blank 管理权限 filled from the cadre's level (classes.organizer_by_unit_level, organizer_by_tier): said once per
sheet and organizer, counted, with the first rows and the setting that filled it; explain says it of one cadre."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
from builders import load, make_workbook, run_cli

from needscli.config import Config
from needscli.io.organizer_fill import filled_organizer

HEADER = ["编号", "姓名", "单位", "职务", "职级", "管理权限"]
FILLED = "organizer-from-level"


def _enterprise(tmp_path: Path, written: list[str], unit: str = "XX能源集团有限公司") -> Path:
    """A state enterprise's roster: middle managers (tier 企业), their 管理权限 as written."""
    rows = [[f"E{i:02d}", f"员工{i}", unit, "部门经理", "中层正职", managed] for i, managed in enumerate(written, 1)]
    return make_workbook(tmp_path, {"花名册": [HEADER, *rows]})


def test_blank_organizers_of_a_tier_are_said_once_with_their_count_and_rows(tmp_path: Path) -> None:
    inputs = load(_enterprise(tmp_path, ["", "", "企业党委管理", "", "", "", "", ""]))
    [notice] = [p for p in inputs.problems if p.code == FILLED]
    assert (notice.row, notice.column, notice.severity) == (2, "管理权限", "warning")
    assert notice.message == ("工作表「花名册」中「管理权限」为空的 7 人按职级归入「企业党委管理」（第 2、3、5、6、7 … 行），"
                              "依据配置中各职级层级的管理层级（organizer_by_tier）：企业")
    assert notice.expected == "管理权限另有规定的，请在「管理权限」列中填写；或按本地的干部管理权限修改配置中的这一设置"


def test_each_organizer_filled_in_has_its_notice_naming_the_unit_levels_setting(tmp_path: Path) -> None:
    """A county's staff are 县委管理 (organizer_by_unit_level's county entry), a city bureau's 市委管理."""
    rows = [["A1", "张一", "XX县财政局", "科员", "一级科员", ""], ["A2", "张二", "市财政局", "科员", "一级科员", ""],
            ["A3", "张三", "XX县财政局", "科员", "二级科员", ""]]
    inputs = load(make_workbook(tmp_path, {"花名册": [HEADER, *rows]}))
    notices = [p for p in inputs.problems if p.code == FILLED]
    assert [(p.row, p.message) for p in notices] == [
        (2, "工作表「花名册」中「管理权限」为空的 2 人按职级归入「县委管理」（第 2、4 行），"
            "依据配置中各级单位各职级层级的管理层级（organizer_by_unit_level）：县级单位的科员级"),
        (3, "工作表「花名册」中「管理权限」为空的 1 人按职级归入「市委管理」（第 3 行），"
            "依据配置中各级单位各职级层级的管理层级（organizer_by_unit_level）：市级单位的科员级")]


def test_a_roster_with_every_organizer_written_has_no_notice(tmp_path: Path) -> None:
    assert [p for p in load(_enterprise(tmp_path, ["企业党委管理", "市委管理"])).problems if p.code == FILLED] == []


def test_a_roster_without_the_column_has_no_notice(tmp_path: Path) -> None:
    """No cell is left blank: every organizer is the level's, as the README says; no sheet-long warning."""
    path = make_workbook(tmp_path, {"花名册": [HEADER[:5], ["A1", "张一", "市财政局", "科员", "一级科员"]]})
    assert [p for p in load(path).problems if p.code == FILLED] == []


def test_a_blank_no_setting_fills_is_no_fill(tmp_path: Path) -> None:
    """Left to no-organizer (the planner's warning), not said to be filled."""
    config = Config.model_validate({"classes": {"organizer_by_tier": {"县处级": "市委管理"}}})
    assert [p for p in load(_enterprise(tmp_path, [""]), config=config).problems if p.code == FILLED] == []


def test_a_fill_says_where_it_came_from(tmp_path: Path) -> None:
    [written, blank] = load(_enterprise(tmp_path, ["企业党委管理", " "])).cadres
    assert filled_organizer(written, Config()) is None
    filled = filled_organizer(blank, Config())
    assert filled is not None
    assert (filled.organizer, filled.setting, filled.tier, filled.unit_level) == (
        "企业党委管理", "organizer_by_tier", "企业", "enterprise")


def test_validate_and_the_gap_report_list_the_notice(tmp_path: Path) -> None:
    path = _enterprise(tmp_path, ["", "企业党委管理"])
    result = run_cli("validate", path, "--format", "json")
    assert result.exit_code == 1, result.output
    assert [p["code"] for p in json.loads(result.stdout)["problems"]].count(FILLED) == 1
    out = tmp_path / "out"
    analyzed = run_cli("analyze", path, "-o", out, "--as-of", "2026-11-01", "--quiet")
    assert analyzed.exit_code == 1, analyzed.output
    book = openpyxl.load_workbook(out / "gap-report.xlsx", read_only=True)
    cells = [c for row in book["问题"].iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert any(c.startswith("工作表「花名册」中「管理权限」为空的 1 人按职级归入「企业党委管理」") for c in cells)


def test_explain_says_where_a_blank_organizer_came_from(tmp_path: Path) -> None:
    path = _enterprise(tmp_path, ["", "企业党委管理"])
    lines = run_cli("explain", path, "E01", "--as-of", "2026-11-01", env={"COLUMNS": "200"}).stdout.splitlines()
    assert lines[1] == ("管理权限：「管理权限」为空，按职级「中层正职」（企业）归入「企业党委管理」，"
                        "依据配置中各职级层级的管理层级（organizer_by_tier）：企业")
    written = run_cli("explain", path, "E02", "--as-of", "2026-11-01", env={"COLUMNS": "200"}).stdout
    assert "管理权限：" not in written


def _district(tmp_path: Path) -> Path:
    """A district office's staff, three marked 区委管理, two blank, and a city bureau's blank one."""
    office = "ＸＸ市ＸＸ区人民政府办公室"
    rows = [["D1", "张一", office, "科员", "一级科员", "区委管理"], ["D2", "张二", office, "科员", "一级科员", ""],
            ["D3", "张三", office, "科员", "二级科员", "区委管理"], ["D4", "张四", office, "科员", "一级科员", " "],
            ["D5", "张五", "市财政局", "科员", "一级科员", ""], ["D6", "张六", office, "科员", "一级科员", "区委管理"]]
    return make_workbook(tmp_path, {"花名册": [HEADER, *rows]})


def test_blanks_given_their_colleagues_organizer_are_said_apart_naming_the_unit(tmp_path: Path) -> None:
    """The district office's blanks join their colleagues' 区委管理 (they were given 市委管理, said to be by
    市级单位的科员级): the notice says they took their colleagues' organizer, not the config's."""
    inputs = load(_district(tmp_path))
    notices = [p for p in inputs.problems if p.code == FILLED]
    assert [(p.row, p.message, p.expected) for p in notices] == [
        (3, "工作表「花名册」中「管理权限」为空的 2 人按本单位同一职级层级（科员级）其他干部所填的管理权限归入「区委管理」"
            "（第 3、5 行；ＸＸ市ＸＸ区人民政府办公室）", "管理权限另有规定的，请在「管理权限」列中填写"),
        (6, "工作表「花名册」中「管理权限」为空的 1 人按职级归入「市委管理」（第 6 行），"
            "依据配置中各级单位各职级层级的管理层级（organizer_by_unit_level）：市级单位的科员级",
         "管理权限另有规定的，请在「管理权限」列中填写；或按本地的干部管理权限修改配置中的这一设置")]
    blank = inputs.cadres[1]
    filled = filled_organizer(blank, Config(), inputs.cadres)
    assert filled is not None and (filled.organizer, filled.setting) == ("区委管理", "colleagues")
    alone = filled_organizer(blank, Config())  # no roster given: the district's level, county
    assert alone is not None and (alone.organizer, alone.setting) == ("县委管理", "organizer_by_unit_level")


def test_explain_says_a_blank_organizer_came_from_colleagues(tmp_path: Path) -> None:
    lines = run_cli("explain", _district(tmp_path), "D2", "--as-of", "2026-11-01", env={"COLUMNS": "200"}).stdout
    assert "管理权限：「管理权限」为空，按「ＸＸ市ＸＸ区人民政府办公室」其他科员级干部所填的管理权限归入「区委管理」" in lines
