"""Small builders shared by the tests: workbooks and CSV files written the way users write them."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter

from needscli.config import Config
from needscli.errors import Problem
from needscli.io.load import load_inputs
from needscli.models import Cadre, Inputs

ROSTER_HEADER = ["编号", "姓名", "单位", "职务", "职级"]
CANARY_NAME = "测试张三"
CANARY_ID = "110105194912310021"


def make_workbook(tmp_path: Path, sheets: dict[str, list[list[object]]], title: str | None = None,
                  name: str = "roster.xlsx") -> Path:
    """Write sheets of rows with openpyxl; title adds a merged title row above every sheet's table.

    Strings stay string cells (an id "007" stays text); ints, floats and dates become typed cells.
    """
    book = openpyxl.Workbook()
    book.remove(book.active)
    for sheet_name, rows in sheets.items():
        ws = book.create_sheet(sheet_name)
        if title:
            ws.append([title])
            width = max((len(r) for r in rows), default=1)
            if width > 1:
                ws.merge_cells(f"A1:{get_column_letter(width)}1")
        for row in rows:
            ws.append(row)
    path = tmp_path / name
    book.save(path)
    return path


def make_csv(tmp_path: Path, rows: list[list[object]], encoding: str = "utf-8-sig",
             name: str = "roster.csv") -> Path:
    """Write rows as a CSV file in the given encoding (Excel's 'CSV UTF-8' is utf-8-sig)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path = tmp_path / name
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def roster(*rows: list[object], header: list[str] | None = None) -> list[list[object]]:
    """A roster table: the five required columns (or the given header) and the rows."""
    return [header or ROSTER_HEADER, *[list(r) for r in rows]]


def load(*paths: Path, config: Config | None = None, **kwargs: object) -> Inputs:
    """load_inputs with the default config."""
    return load_inputs(list(paths), config or Config(), **kwargs)  # type: ignore[arg-type]


def where(problems: list[Problem]) -> list[tuple[int | None, str, str]]:
    """The compact form the tests assert on: (Excel row, column header, code)."""
    return [(p.row, p.column, p.code) for p in problems]


# --- needs-analysis builders (rules, needs, ranking, gap report, analyze) ---------------------------

NEEDS_AS_OF = "2026-11-01"
NEEDS_HEADER = ["编号", "姓名", "单位", "部门", "职务", "职级", "干部类别", "任现职时间", "参加工作时间",
                "本年度学时", "五年累计学时", "已参加培训", "个人培训需求", "能力:法治思维", "重要性:法治思维"]
# (I, C) for 法治思维 of C01..C03 = (5, 2), (4, 3), (3, 3): MWDS = 16/3 (see test_ranking)
NEEDS_CADRES: list[list[object]] = [
    # leading post, appointed 3 months before the analysis date; 党性教育 done 8 months ago
    ["C01", "张局", "市财政局", "办公室", "副局长", "县处级副职", "领导干部", "2026-08", "2001-07",
     None, 300, "党性教育(2026.03)", "公文写作", 2, 5],
    # non-leading, appointed at the same time; 党性教育 done three years ago
    ["C02", "李科", "市财政局", "预算科", "主任科员", "一级主任科员", "公务员", "2026-08", "2010-07",
     40, None, "党性教育(2023.10)", "数字政府；量子烹饪", 3, 4],
    # entered 5 months ago; 党性教育 done, no date; no hours reported
    ["C03", "王新", "市税务局", "征管科", "科员", "一级科员", "公务员", "2026-06", "2026-06",
     None, None, "党性教育", None, 3, 3],
    # county level, non-leading: five-year standard, met
    ["C04", "赵研", "市税务局", "法规科", "调研员", "四级调研员", "公务员", "2019-03", "1995-07",
     None, 600, None, None, None, None],
    # county leading post held for years: no appointment training
    ["C05", "孙处", "市税务局", "局领导", "局长", "县处级正职", "领导干部", "2020-01", "1990-07",
     None, 550, None, None, None, None],
    # township level, grassroots cadre, annual standard met
    ["C06", "周镇", "城关镇", "党政办", "镇长", "乡科级正职", "基层干部", "2022-05", "2008-07",
     100, None, None, None, None, None],
]
NEEDS_POSTS: list[list[object]] = [
    ["岗位名称", "培训主题", "要求水平", "重要程度"],
    ["科员", "公文写作", 4, 3],
]
NEEDS_PRIORITIES: list[list[object]] = [
    ["编号", "培训主题", "需求来源", "适用单位", "适用职级", "适用类别", "优先级"],
    ["P1", "应急管理", "热点难点问题", "全部", "县处级以上", "全部", "高"],
    ["P2", "预算管理", "改革难点问题", "市税务局", None, None, 3],
    ["P3", "乡村振兴", "中央重大决策部署", None, None, "基层干部", 4],
    ["P4", "生态文明建设", "中央重大决策部署", "不存在局", None, None, 2],
]


def make_needs_workbook(tmp_path: Path, cadres: list[list[object]] | None = None,
                        extra_sheets: dict[str, list[list[object]]] | None = None,
                        roster_only: bool = False, name: str = "cadres.xlsx") -> Path:
    """A realistic input workbook: roster (with a title row), 岗位 and 组织需求 sheets."""
    sheets: dict[str, list[list[object]]] = {"花名册": [NEEDS_HEADER, *(NEEDS_CADRES if cadres is None else cadres)]}
    if not roster_only:
        sheets["岗位"] = NEEDS_POSTS
        sheets["组织需求"] = NEEDS_PRIORITIES
    sheets.update(extra_sheets or {})
    return make_workbook(tmp_path, sheets, title="XX市干部花名册", name=name)


def make_cadre(cadre_id: str = "001", **fields: object) -> Cadre:
    """A Cadre with plausible defaults (一级科员 of 市财政局); fields override them."""
    values: dict[str, object] = {"name": "测试", "unit": "市财政局", "post": "科员", "level": "一级科员"}
    values.update(fields)
    return Cadre(id=cadre_id, **values)  # type: ignore[arg-type]


def sheet_rows(path: Path, sheet: str) -> list[list[object]]:
    """Every row of one sheet of a written workbook, as values, the header row first."""
    book = openpyxl.load_workbook(path)
    return [list(row) for row in book[sheet].iter_rows(values_only=True)]


def sheet_records(path: Path, sheet: str) -> list[dict[str, object]]:
    """The rows below the header as {header: value}."""
    header, *rows = sheet_rows(path, sheet)
    return [dict(zip(header, row, strict=False)) for row in rows]  # type: ignore[arg-type]


# --- safety and batch builders ---------------------------------------------------------------------

def make_text_workbook(tmp_path: Path, sheets: dict[str, list[list[object]]],
                       name: str = "roster.xlsx") -> Path:
    """Like make_workbook, but every str is a text cell: '=1+1' or '#DIV/0!' stay text, never formula/error."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for sheet_name, rows in sheets.items():
        ws = book.create_sheet(sheet_name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is None:
                    continue
                cell = ws.cell(r, c)
                cell.value = value
                if isinstance(value, str):
                    cell.data_type = "s"
    path = tmp_path / name
    book.save(path)
    return path


def make_config(tmp_path: Path, text: str, name: str = "config.toml") -> Path:
    """A thresholds file (TOML) for --config."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# classes of any size, a whole unit may be away at once: small test rosters still form classes
SMALL_CLASSES = "[classes]\nmin_size = 1\nunit_away_share = 1.0\n"


def run_needscli(*args: str | Path, cwd: Path | None = None, env: dict[str, str | None] | None = None,
                 timeout: float = 300, preexec_fn: object = None) -> subprocess.CompletedProcess[str]:
    """python -m needscli in a child process, both streams captured (the timeout is a guard only).

    env adds to the parent's environment; a None value removes that variable.
    """
    merged = {**os.environ, **(env or {})}
    child = {k: v for k, v in merged.items() if v is not None}
    return subprocess.run([sys.executable, "-m", "needscli", *[str(a) for a in args]], cwd=cwd,
                          env=child, capture_output=True, text=True,
                          encoding="utf-8", timeout=timeout, preexec_fn=preexec_fn, check=False)  # type: ignore[arg-type]


UNIT_NAMES = ["市财政局", "市税务局", "城关镇", "市教育局", "市卫健委"]
UNIT_HEADER = ["编号", "姓名", "单位", "职务", "职级", "本年度学时"]


def unit_cadres(n: int, unit: str) -> list[list[object]]:
    """Three cadres of one unit: a county-level leader (市委管理) and two staff (县委管理); ids U<n>01..03."""
    return [[f"U{n}01", f"领导{n}", unit, "副局长", "县处级副职", 20],
            [f"U{n}02", f"干部{n}甲", unit, "科员", "一级科员", 40],
            [f"U{n}03", f"干部{n}乙", unit, "科员", "一级科员", 95]]


def make_unit_folder(tmp_path: Path, csv_unit: int = 4, name: str = "rosters") -> Path:
    """A folder of five unit rosters, one file per unit named after it, each with its own title row.

    The unit at csv_unit sends a CSV export; the others send workbooks.
    """
    folder = tmp_path / name
    folder.mkdir()
    for n, unit in enumerate(UNIT_NAMES):
        rows = [UNIT_HEADER, *unit_cadres(n, unit)]
        if n == csv_unit:
            make_csv(folder, [[f"{unit}干部花名册", "", "", "", "", ""], *rows], name=f"{unit}.csv")
        else:
            make_workbook(folder, {"花名册": rows}, title=f"{unit}干部花名册", name=f"{unit}.xlsx")
    return folder
