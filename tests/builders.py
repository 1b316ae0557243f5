"""Builders shared by the tests: input files written the way users write them, runs of the command line,
records files, and readers for what the runs write."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import random
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from click.testing import Result
from hypothesis import strategies as st
from openpyxl.utils import get_column_letter
from typer.testing import CliRunner

from needscli.cli.app import app
from needscli.config import ClassesConfig, Config
from needscli.core import needs as needs_module
from needscli.core.catalog import Catalog
from needscli.errors import Problem
from needscli.io.catalog_file import build_catalog
from needscli.io.load import load_inputs
from needscli.labels import label
from needscli.models import (
    Cadre,
    Completion,
    Inputs,
    KeptClass,
    Need,
    PostRequirement,
    Priority,
    Rating,
    Resource,
    Topic,
)
from needscli.planner import Plan, form_classes
from needscli.records.imports import ImportResult, import_records
from needscli.records.store import Ledger, TrainingRecord
from needscli.reports.parallel import Forked
from needscli.reports.sheet_writer import Columns
from needscli.reports.xlsx import Book

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples" / "cadres.xlsx"
ROSTER_HEADER = ["编号", "姓名", "单位", "职务", "职级"]
CANARY_NAME = "测试张三"
CANARY_ID = "110105194912310021"


# --- input files ------------------------------------------------------------------------------------

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


def forge_numbers(path: Path, numbers: dict[int, bytes], sheet: int = 1) -> None:
    """The workbook's sheet (1: its first) with each number cell of the given values written as the given text
    (<v>NaN</v>, <v>INF</v>: no spreadsheet program writes them; calamine reads them as floats)."""
    with zipfile.ZipFile(path) as book:
        parts = {name: book.read(name) for name in book.namelist()}
    part = f"xl/worksheets/sheet{sheet}.xml"
    for number, text in numbers.items():
        assert f"<v>{number}</v>".encode() in parts[part], number
        parts[part] = parts[part].replace(f"<v>{number}</v>".encode(), b"<v>" + text + b"</v>")
    with zipfile.ZipFile(path, "w") as book:
        for name, data in parts.items():
            book.writestr(name, data)


def make_csv(tmp_path: Path, rows: list[list[object]], encoding: str = "utf-8-sig",
             name: str = "roster.csv") -> Path:
    """Write rows as a CSV file in the given encoding (Excel's 'CSV UTF-8' is utf-8-sig)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path = tmp_path / name
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def make_config(tmp_path: Path, text: str, name: str = "config.toml") -> Path:
    """A thresholds file (TOML) for --config."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# classes of any size, a whole unit may be away at once: small test rosters still form classes
SMALL_CLASSES = "[classes]\nmin_size = 1\nunit_away_share = 1.0\n"


def roster(*rows: list[object], header: list[str] | None = None) -> list[list[object]]:
    """A roster table: the five required columns (or the given header) and the rows."""
    return [header or ROSTER_HEADER, *[list(r) for r in rows]]


def make_cadre(cadre_id: str = "001", **fields: object) -> Cadre:
    """A Cadre with plausible defaults (一级科员 of 市财政局); fields override them."""
    values: dict[str, object] = {"name": "测试", "unit": "市财政局", "post": "科员", "level": "一级科员"}
    values.update(fields)
    return Cadre(id=cadre_id, **values)  # type: ignore[arg-type]


def catalog(config: Config | None = None) -> Catalog:
    """The built-in topic catalog, matched with the config's cutoff."""
    return build_catalog([], (config or Config()).needs.match_cutoff)


# --- a roster with every optional column, written with xlsxwriter ----------------------------------

FULL_HEADER = ["编号", "姓名", "单位", "部门", "职务", "职级", "岗位代码", "干部类别", "管理权限", "本年度学时",
               "已参加培训", "个人培训需求"]


def full_row(i: int, **cells: object) -> list[object]:
    """Cadre C<i> under FULL_HEADER: a clean row, with the given cells (by header) replaced."""
    values: dict[str, object] = dict(zip(FULL_HEADER, [
        f"C{i:02d}", f"张{i}", "市财政局", "办公室", "科员", "一级科员", "P01", "公务员", "县委管理", 40,
        "党性教育(2024.06)", "公文写作"], strict=True))
    values.update(cells)
    return [values[h] for h in FULL_HEADER]


def twenty_cadres(**first: object) -> list[list[object]]:
    """C01 to C20 as full_row gives them, C01 with the given cells."""
    return [full_row(1, **first), *[full_row(i) for i in range(2, 21)]]


def save_full_roster(tmp_path: Path, rows: list[list[object]], name: str = "roster.xlsx",
                     sheets: tuple[str, ...] = ("花名册",), roster_on: tuple[str, ...] | None = None) -> Path:
    """FULL_HEADER and rows written with xlsxwriter, which (unlike openpyxl) stores control characters.

    The roster goes on the sheets roster_on (the first sheet by default); the other sheets stay empty.
    """
    path = tmp_path / name
    book = xlsxwriter.Workbook(str(path))
    for sheet in sheets:
        ws = book.add_worksheet(sheet)
        if sheet in (roster_on or sheets[:1]):
            for r, values in enumerate([FULL_HEADER, *rows]):
                for c, value in enumerate(values):
                    if isinstance(value, str):
                        ws.write_string(r, c, value)
                    elif value is not None:
                        ws.write(r, c, value)
    book.close()
    return path


# --- other tables and cell texts --------------------------------------------------------------------

# posts of 科长 (code P01): two topics
SECTION_CHIEF_POSTS: list[list[object]] = [["岗位代码", "岗位名称", "培训主题", "要求水平", "重要程度"],
                                           ["P01", "科长", "法治思维", 4, 5], ["P01", "科长", "数字政府", 3, 4]]


# the text of a cell: plain and full-width spaces, every whitespace and separator, control characters,
# Chinese text, dates in brackets; or any text at all
CELL_TEXTS = st.one_of(
    st.text(alphabet=st.sampled_from(list(" \u3000\t\n\r\x0b\x0c\x1c\x85\xa0\u2028\u2029\x00\x07\x7f"
                                          ";；、,，()（）.年月日-0123456789ab党性教育")), max_size=30),
    st.text(max_size=30))


# --- loading ----------------------------------------------------------------------------------------

def load(*paths: Path, config: Config | None = None, **kwargs: object) -> Inputs:
    """load_inputs with the default config."""
    return load_inputs(list(paths), config or Config(), **kwargs)  # type: ignore[arg-type]


def where(problems: list[Problem]) -> list[tuple[int | None, str, str]]:
    """The compact form the tests assert on: (Excel row, column header, code)."""
    return [(p.row, p.column, p.code) for p in problems]


# --- the needs-analysis workbook (rules, needs, ranking, gap report, analyze) -------------------------

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
    # entered 5 months ago; 党性教育 done, no date; no training hours yet this year (0 reported, so its
    # annual standard is known: 90 h short)
    ["C03", "王新", "市税务局", "征管科", "科员", "一级科员", "公务员", "2026-06", "2026-06",
     0, None, "党性教育", None, 3, 3],
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


# --- a folder of unit rosters -----------------------------------------------------------------------

UNIT_NAMES = ["市财政局", "市税务局", "城关镇", "市教育局", "市卫健委"]
UNIT_HEADER = ["编号", "姓名", "单位", "职务", "职级", "本年度学时"]


def unit_cadres(n: int, unit: str) -> list[list[object]]:
    """Three cadres of one unit: a county-level leader (市委管理) and two staff (县委管理); ids U<n>01..03."""
    return [[f"U{n}01", f"领导{n}", unit, "副局长", "县处级副职", 20],
            [f"U{n}02", f"干部{n}甲", unit, "科员", "一级科员", 40],
            [f"U{n}03", f"干部{n}乙", unit, "科员", "一级科员", 95]]


# the ids of each unit's cadres in a unit folder, and of all of them
UNIT_IDS = {unit: {str(row[0]) for row in unit_cadres(n, unit)} for n, unit in enumerate(UNIT_NAMES)}
ALL_UNIT_IDS = set().union(*UNIT_IDS.values())


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


# --- running the command line -----------------------------------------------------------------------

def run_cli(*args: str | Path, env: dict[str, str | None] | None = None) -> Result:
    """needscli's command line in this process, stdout and stderr kept apart; env as for run_needscli."""
    return CliRunner().invoke(app, [str(a) for a in args], env=env)


def run_analyze(*args: str | Path, env: dict[str, str | None] | None = None) -> Result:
    """needscli analyze with the given arguments, in this process."""
    return run_cli("analyze", *args, env=env)


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


# --- reading outputs back ---------------------------------------------------------------------------

# what a unit's or an organizer's folder of hand-outs holds; the outputs of a run add analysis.json
HAND_OUTS = ["assignments.csv", "class-rosters.xlsx", "classes.csv", "gap-report.xlsx", "needs.csv", "plan.csv"]
# the Parquet outputs beside the CSVs, and the snapshot `needscli classes` re-plans from (a folder)
PARQUET_OUTPUTS = ["assignments.parquet", "classes.parquet", "compliance.parquet", "hours_left.parquet", "needs.parquet",
                   "obligations.parquet", "plan.parquet", "unit_ranking.parquet", "unmet.parquet"]
OUTPUTS = sorted(["analysis.json", "snapshot", *HAND_OUTS, *PARQUET_OUTPUTS])


def bytes_that_came(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each second process's bytes came back whole (not left to this one), as Forked.result() is called."""
    came: list[bool] = []
    real = Forked.result

    def result(self: Forked) -> bytearray | None:
        data = real(self)
        came.append(data is not None)
        return data

    monkeypatch.setattr(Forked, "result", result)
    return came


def stuck_copy(monkeypatch: pytest.MonkeyPatch) -> None:
    """The second process of the needs packs its share for good, as one stuck on a lock (patched here before it
    is forked, so in it too)."""
    def stuck(engine: object, cadres: object) -> bytes:
        time.sleep(3600)
        return b""

    monkeypatch.setattr(needs_module, "pack_share", stuck)


def no_child_left(within: float = 60.0) -> bool:
    """Whether this process is left with no child, none running and none ended but not reaped, within `within`
    seconds (a child may still be freeing its memory, reaped by a thread after): the look reaps none itself, so
    it takes no child away from whoever waits for it."""
    deadline = time.monotonic() + within
    while True:
        try:
            os.waitid(os.P_ALL, 0, os.WEXITED | os.WNOHANG | os.WNOWAIT)
        except ChildProcessError:
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)


def csv_records(path: Path) -> list[dict[str, str]]:
    """The rows of a CSV output as {header: text}."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def csv_ids(path: Path) -> set[str]:
    """The cadre ids in a CSV output (needs.csv, assignments.csv)."""
    return {r["cadre_id"] for r in csv_records(path)}


def sheet_rows(path: Path, sheet: str) -> list[list[object]]:
    """Every row of one sheet of a written workbook, as values, the header row first."""
    book = openpyxl.load_workbook(path)
    return [list(row) for row in book[sheet].iter_rows(values_only=True)]


def summary_lines(path: Path, sheet: str = "概要") -> list[str]:
    """The first column of a gap report's Summary, its filled cells as text, in order."""
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return [str(row[0]) for row in book[sheet].iter_rows(max_col=1, values_only=True) if row[0]]
    finally:
        book.close()


def sheet_names(path: Path) -> list[str]:
    """The sheets of a written workbook, in order."""
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return list(book.sheetnames)
    finally:
        book.close()


def folder_state(folder: Path) -> dict[str, bytes | None]:
    """Every entry below folder (into snapshot/ too), hidden ones too: a file's bytes, None for a folder."""
    return {p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() else None)
            for p in sorted(folder.rglob("*"))}


# what analyze and classes say (after the file's name) when an output was filled in since needscli wrote it
FILLED_IN = ("：这个文件在 needscli 写出后被改动过（例如填写了签到或出勤学时），为免丢失这些内容，本次没有写入任何文件。"
             "请先把它移到别处保存（填好的签到表可用 needscli records import 导入台账），再重新运行；"
             "确认不再需要时，也可加 --force 覆盖\n")


def sheet_records(path: Path, sheet: str) -> list[dict[str, object]]:
    """The rows below the header as {header: value}."""
    header, *rows = sheet_rows(path, sheet)
    return [dict(zip(header, row, strict=False)) for row in rows]  # type: ignore[arg-type]


# --- rows for the writers ---------------------------------------------------------------------------

# cells that take every path of the renderer: plain, escaped, risky, spaced, control, blank, numbers, dates
TRICKY: list[object] = ["plain", "a & b <c>", "=1+2", "@sum", "-5", "#N/A", " lead", "trail ", "x_x0041_y",
                        "bell\x07", "中文单位", "", None, 3, 2.5, 0.1 + 0.2, dt.date(2024, 2, 29), "plain",
                        "<r>x & y</r>"]


def tricky_rows(n: int) -> list[list[object]]:
    """n rows of 4 columns cycling through TRICKY, with a per-row unique text to defeat the memo."""
    return [[TRICKY[i % len(TRICKY)], f"row {i}", TRICKY[(i * 7) % len(TRICKY)], i % 5] for i in range(n)]


def as_columns(rows: list[list[object]], sizes: list[int]) -> Columns:
    """rows given a column at a time, in chunks of the given sizes (cycled), an empty chunk among them."""
    def chunks() -> Iterator[list[Sequence[object]]]:
        start, n = 0, 0
        yield [[] for _ in rows[0]]
        while start < len(rows):
            part = rows[start:start + sizes[n % len(sizes)]]
            yield [list(column) for column in zip(*part, strict=True)]
            start, n = start + len(part), n + 1
    return Columns(chunks())


# --- training records: records files, online exports and filled-in class rosters ----------------------

RECORDS_HEADER = ["编号", "姓名", "培训主题", "培训方式", "开始日期", "结束日期", "学时", "出勤学时", "结果"]
ONLINE_HEADER = ["学员编号", "姓名", "课程名称", "课程学时", "完成学时", "完成时间"]
IMPORTED = dt.date(2026, 5, 1)
SIGN_KEYS = ("no", "cadre_id", "name", "unit", "post", "level", "signature", "attended", "note")


def run_import(ledger: Ledger, *paths: Path, config: Config | None = None, **kwargs: object) -> ImportResult:
    """import_records with the default config, the built-in catalog and a fixed import date."""
    kwargs.setdefault("imported_at", IMPORTED)
    return import_records(ledger, list(paths), config or Config(), catalog(), **kwargs)  # type: ignore[arg-type]


def hand_record(cadre_id: str, end: dt.date, hours: float, *, start: dt.date | None = None, topic: str = "法治",
                attended: float | None = None, completed: bool = True, delivery: str = "concentrated",
                row: int = 0, topic_id: str = "") -> TrainingRecord:
    """A ledger record as if from a hand-kept file (hand.csv), imported on IMPORTED."""
    return TrainingRecord(cadre_id=cadre_id, topic=topic, topic_id=topic_id, start_date=start, end_date=end,
                          hours=hours, attended_hours=attended, completed=completed, delivery=delivery,
                          source_file="hand.csv", source_hash="h", source_sheet="hand", source_row=row,
                          imported_at=IMPORTED)


def add_records(ledger: Ledger, *records: TrainingRecord) -> None:
    """Insert records in one transaction, each without a row of its own on the row after the one before."""
    with ledger.transaction():
        for i, record in enumerate(records):
            ledger.insert(record.model_copy(update={"source_row": record.source_row or i + 2}))


def records_csv(tmp_path: Path, *rows: list[object], header: list[str] | None = None,
                name: str = "records.csv") -> Path:
    """A records file (CSV) of the given rows under the records header (or the given one)."""
    return make_csv(tmp_path, [header or RECORDS_HEADER, *[list(r) for r in rows]], name=name)


def seat(cadre_id: str, sign: str = "", attended: float | str = "", name: str = "测试张三",
         note: str = "") -> list[object]:
    """One sign-in row after the 序号: id, name, unit, post, level, 签到, 出勤学时, 备注."""
    return [cadre_id, name, "市发改委", "科长", "乡科级正职", sign, attended, note]


def make_class_rosters(tmp_path: Path, classes: list[dict[str, object]], lang: str = "zh",
                       name: str = "class-rosters.xlsx") -> Path:
    """class-rosters.xlsx as needscli writes it (Overview, then one sign-in sheet per class), filled in.

    Each class: id, topic, period, hours, seats (rows from seat()); optional type, resource, name.
    """
    path = tmp_path / name
    book = Book(path)
    headers = [label(f"rosters.{k}", lang) for k in ("class_id", "class_name", "topic", "type", "organizer",
                                                   "job_family", "period", "resource", "size", "hours")]
    rows = [[c["id"], c.get("name", f"{c['topic']}班"), c["topic"], c.get("type", "在职培训"), "市委管理",
             "综合管理类", c["period"], c.get("resource", "市委党校"), len(c["seats"]), c["hours"]]  # type: ignore[arg-type]
            for c in classes]
    book.table(label("rosters.overview", lang), headers, rows, ["text"] * 8 + ["int", "number"])
    for c in classes:
        ws = book.add_sheet(str(c["id"]))
        ws.merge_range(0, 0, 0, len(SIGN_KEYS) - 1, "")
        book.write_text(ws, 0, 0, f"{c.get('name', c['topic'])} {label('rosters.sign_in', lang)}", book.fmt["title"])
        ws.merge_range(1, 0, 1, len(SIGN_KEYS) - 1, "")
        book.write_text(ws, 1, 0, f"{label('rosters.class_id', lang)}：{c['id']}    "
                                  f"{label('rosters.period', lang)}：{c['period']}")
        for col, key in enumerate(SIGN_KEYS):
            book.write_text(ws, 2, col, label(f"rosters.{key}", lang))
        for i, values in enumerate(c["seats"], start=1):  # type: ignore[arg-type]
            for col, value in enumerate([str(i), *values]):
                kind = "number" if isinstance(value, int | float) else "text"
                book.write(ws, 2 + i, col, value, kind)
    book.close()
    return path


def daily_rosters(tmp_path: Path, header: list[object], days: list[object], *seats: list[object],
                  hours: float = 48, line: str = "班次编号：K001", period: str = "2026-06",
                  name: str = "class-rosters.xlsx") -> Path:
    """class-rosters.xlsx whose class K001 (of the period, on the Overview) has the given header, the row naming its
    days, then the seats; line: the class's line above them (培训时间：…（共12天，…）)."""
    path = make_class_rosters(tmp_path, [{"id": "K001", "topic": "法治政府建设", "period": period,
                                          "hours": hours, "seats": []}], name=name)
    book = openpyxl.load_workbook(path)
    del book["K001"]
    ws = book.create_sheet("K001")
    for row in (["法治政府建设班 签到表"], [line], ["主办单位（管理权限）：市委管理"], header, days, *seats):
        ws.append(row)
    book.save(path)
    return path


def day_columns(days: int, first: dt.date | None) -> tuple[list[object], list[object]]:
    """The header and the row naming the days of a sheet needscli writes (第1天 01-04 ...; undated: 第1天 ...)."""
    header = ["序号", "编号", "姓名", "单位", "职务", "职级", "签到", *[None] * (days - 1), "出勤学时", "备注"]
    named = [f"第{d + 1}天" + (f"\n{first + dt.timedelta(days=d):%m-%d}" if first else "") for d in range(days)]
    return header, [None] * 6 + named + [None, None]


def day_seat(cadre_id: str, *marks: object, name: str = "测试张三") -> list[object]:
    """A seat of daily_rosters: 序号, id, name, unit, post, level, then its marks (and 出勤学时 ...)."""
    return ["1", cadre_id, name, "市发改委", "科长", "乡科级正职", *marks]


# --- planner builders ---------------------------------------------------------------------------
# A small catalog, cadres and needs for the class planner; and a varied roster for the needs engine
# whose needs the planner takes. (Imported here: this section was added to the file as a whole.)


PLAN_START = dt.date(2027, 1, 1)
JOB_FAMILIES = ("综合管理类", "专业技术类", "行政执法类")
PLAN_CORE = ["core-a", "core-b", "core-c"]  # the core topics of plan_catalog


def plan_catalog(hours: dict[str, float] | None = None) -> Catalog:
    """Three core topics (bundled into the theory class), five specialized ones, a to e, and the hours top-up
    (在职培训（学时补足）); each of 8 hours (2 days away at 6 hours a day) unless hours gives its topic's."""
    length = {"hours-top-up": 40.0, **(hours or {})}
    topics = [Topic(id=t, name_zh=f"核心{t[-1]}", name_en=f"Core {t[-1]}", training_type="theory", core=True, rank=i,
                    hours=length.get(t, 8.0)) for i, t in enumerate(PLAN_CORE)]
    topics += [Topic(id=t, name_zh=f"主题{t.upper()}", name_en=f"Topic {t.upper()}", training_type="specialized",
                     hours=length.get(t, 8.0)) for t in ["a", "b", "c", "d", "e"]]
    topics.append(Topic(id="hours-top-up", name_zh="在职培训（学时补足）", name_en="Hours top-up",
                        training_type="on-the-job", hours=length["hours-top-up"]))
    return Catalog(topics)


def plan_config(**classes: object) -> Config:
    """Classes of 2 to 4, a whole unit may be away at once, 2 classes a cadre, no limit of days, no route
    but a class (no sending up, online or in-unit training): the forming of classes alone; classes
    overrides any [classes] setting."""
    settings = {"min_size": 2, "max_size": 4, "unit_away_share": 1.0, "max_per_cadre": 2, "max_days_away": 1000.0,
                "send_up": False, "online": False, "in_unit": False, **classes}
    return Config(classes=ClassesConfig(**settings))  # type: ignore[arg-type]


def plan_cadre(i: int, unit: str = "甲单位", family: str = JOB_FAMILIES[0], level: str = "一级科员",
               managed_by: str = "") -> Cadre:
    """Cadre c<i> on row i + 2 of roster.xlsx. A 一级科员 of a city-level unit (市直: 甲单位, 乙单位, any
    name without a county or enterprise marker) is organized by 市委管理, of a county unit (甲县, 城关镇) by 县委管理."""
    return Cadre(id=f"c{i:02d}", name=f"测试{i}", unit=unit, post="科员", level=level, job_family=family,
                 managed_by=managed_by, file="roster.xlsx", sheet="花名册", row=i + 2)


def plan_need(who: Cadre | str, topic: str, priority: float = 50.0, kind: str = "specialized", *,
              source: str = "post", deadline: dt.date | None = None, hours: float = 0.0) -> Need:
    """A need (from a post, unless source says otherwise) of the cadre, or of the cadre id, for the topic;
    an obligation's deadline, an hours need's deficit."""
    cadre_id = who if isinstance(who, str) else who.id
    return Need(cadre_id=cadre_id, topic_id=topic, source=source, training_type=kind, priority=priority, reasons=[],
                hours=hours, deadline=deadline, status="due" if source == "obligation" else "")


def plan_obligation(who: Cadre | str, topic: str, priority: float = 150.0, deadline: dt.date | None = None,
                    kind: str = "on-the-job") -> Need:
    """An obligation (compulsory training: appointment, initial ...) of the cadre, ranked as the config ranks
    obligations (150; an overdue one 200), with its deadline."""
    return plan_need(who, topic, priority, kind, source="obligation", deadline=deadline)


def plan_leader(i: int, unit: str = "甲单位", family: str = JOB_FAMILIES[0], level: str = "县处级副职") -> Cadre:
    """A cadre of a leading post (领导职务), c<i> as plan_cadre makes it; a 县处级副职 is organized by 市委管理."""
    return plan_cadre(i, unit=unit, family=family, level=level)


def plan_of(needs: list[Need], cadres: list[Cadre], cfg: Config | None = None, resources: list[Resource] | None = None,
            periods: int | None = None, lang: str = "zh", hours: dict[str, float] | None = None,
            start: dt.date = PLAN_START, kept: Sequence[KeptClass] = (), as_of: dt.date | None = None) -> Plan:
    """form_classes over plan_catalog (hours: topic -> its hours), from start (PLAN_START), with plan_config unless
    cfg is given; kept: an earlier plan's classes to keep, as_of the analysis date, before which they were held."""
    return form_classes(needs, cadres, plan_catalog(hours), cfg or plan_config(), resources or [], start,
                        periods, lang, kept=kept, as_of=as_of)


VARIED_AS_OF = dt.date(2026, 11, 1)
VARIED_POSTS = [PostRequirement(post_title="科员", topic="法治思维", required_level=4, importance=3),
                PostRequirement(post_title="科员", topic="公文写作", required_level=3, importance=5),
                PostRequirement(post_code="ZF01", topic="应急管理", required_level=5, importance=4),
                PostRequirement(post_title="科长", topic="法治思维", required_level=5, importance=2),
                PostRequirement(post_title="科长", topic="公文写作", required_level=2, importance=4)]
VARIED_PRIORITIES = [Priority(id="P1", topic="应急管理", target_levels=["县处级以上"], priority=5),
                     Priority(id="P2", topic="预算管理", target_units=["市税务局"], deadline=dt.date(2027, 3, 1)),
                     Priority(id="P3", topic="乡村振兴", target_categories=["基层干部"]),
                     Priority(id="P4", topic="生态文明建设")]
# rules that read a list fact, a topic fact, the completions and "any" conditions, besides the built-in ones
VARIED_RULES = """
[[rule]]
id = "senior-writing"
name = "senior writing"
topics = ["writing"]
weight = 40
all = [{ field = "level_group", op = "in", value = ["县处级以上", "厅局级以上"] }]
any = [{ field = "months_in_post", op = "<", value = 24 }, { field = "age", op = ">=", value = 50 }]

[[rule]]
id = "weak-law"
topics = ["rule-of-law"]
source = "personal"
all = [{ field = "ability:法治思维", op = "<=", value = 2 }]

[[rule]]
id = "no-party-spirit"
topics = ["discipline"]
all = [{ field = "completed", op = "not in", value = ["党性教育"] }, { field = "hours_year", op = "not empty" }]

[[rule]]
id = "deep-deficit"
topics = ["hours-top-up"]
source = "compliance"
all = [{ field = "hours_deficit", op = ">=", value = 20 }]
"""


def varied_cadres(count: int, seed: int = 7) -> list[Cadre]:
    """Cadres that share some inputs and differ in others, as on a real roster."""
    rnd = random.Random(seed)
    topics = ["党性教育", "党纪教育", "初任培训", "任职培训", "法治思维", "公文写作", "乡村振兴", "预算管理"]
    rated = ["法治思维", "数字化能力", "应急管理"]

    def some_date(start: int, end: int) -> dt.date | None:
        return None if rnd.random() < 0.1 else dt.date(rnd.randint(start, end), rnd.randint(1, 12), 1)

    cadres = []
    for i in range(count):
        completed = [Completion(topic=rnd.choice(topics), date=some_date(2018, 2026)) for _ in range(rnd.randint(0, 4))]
        ratings = {t: Rating(ability=rnd.choice([None, 1, 2, 3, 4, 5]), importance=rnd.choice([None, 2, 4, 5]))
                   for t in rnd.sample(rated, rnd.randint(0, 3))}
        cadres.append(make_cadre(
            f"{i:04d}", unit=rnd.choice(["市财政局", "市税务局", "县农业农村局"]),
            level=rnd.choice(["一级科员", "四级调研员", "县处级副职", "县处级正职", "厅局级副职"]),
            category=rnd.choice(["公务员", "领导干部", "基层干部", "企业经营管理人员", ""]),
            job_family=rnd.choice(["综合管理类", "行政执法类", "专业技术类"]), post=rnd.choice(["科员", "副局长", "科长"]),
            post_code=rnd.choice(["", "", "ZF01"]), appointed=some_date(2016, 2026),
            entry_date=some_date(1990, 2026), birth_date=some_date(1965, 2000),
            hours_year=rnd.choice([None, 0.0, 12.5, 40.0, 80.0]),  # deficits shared with five-year ones
            hours_five_year=rnd.choice([None, 100.0, 500.0, 540.0]),
            completed=completed, wishes=rnd.sample(["公文写作", "数字政府", "应急处置", "量子烹饪", "领导力"], rnd.randint(0, 3)),
            ratings=ratings))
    return cadres


def acceptance_workbook(tmp_path: Path) -> Path:
    """A bad date, a duplicate id, an empty name, a word for hours and an unknown level."""
    return make_workbook(tmp_path, {"花名册": [
        [*ROSTER_HEADER, "任现职时间", "本年度学时"],
        ["001", "张三", "市财政局", "科长", "乡科级正职", "2023.05", 40],
        [CANARY_ID, CANARY_NAME, "市财政局", "科员", "一级科员", "2023.13", 40],
        ["001", CANARY_NAME, "市财政局", "科员", "一级科员", "2023-05", 40],
        ["004", None, "市财政局", "科员", "一级科员", "2023-05", 40],
        ["005", CANARY_NAME, "市财政局", "科员", "一级科员", "2023-05", "四十"],
        ["006", CANARY_NAME, "市财政局", "科员", "乡科级正值", "2023-05", 40],
    ]}, title="XX单位干部花名册")


def same_mix_roster(folder: Path, size: int, seed: int) -> Path:
    """A workbook of `size` cadres drawn by the samples' generator with another seed, with the samples'
    posts, priorities and resources sheets: a roster of the same mix as the samples, not the samples."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import generate  # the benchmark's workbook writer, over the samples' generator
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    path = folder / f"roster-{size}-{seed}.xlsx"
    book = xlsxwriter.Workbook(str(path))
    generate._sheet(book, "干部花名册", generate.make_samples.build_roster(size, seed))
    generate._sheet(book, "岗位", generate.make_samples.build_posts())
    generate._sheet(book, "组织需求", generate.make_samples.build_priorities())
    generate._sheet(book, "培训资源", generate.make_samples.build_resources())
    book.close()
    return path


# --- a roster of five cadres, one of each obligation's standing (the obligations' and the breakdowns' tests) ---

OBLIGATIONS_HEADER = ["编号", "姓名", "单位", "职务", "职级", "干部类别", "任现职时间", "录用时间", "参加工作时间", "本年度学时",
          "五年累计学时", "本年度培训天数", "本年度网络学时", "已参加培训"]
OBLIGATIONS_CADRES: list[list[object]] = [
    # promoted 2025-03 to a county leading post: appointment training and the five-year standard (300 of
    # 550 h) were due within 12 months, by 2026-03-01: both overdue by 8 months; online met
    ["O01", "钱局", "市财政局", "副局长", "县处级副职", "领导干部", "2025-03", None, "2000-07", None, 300, None, 60,
     None],
    # recorded 2025-01: initial training overdue since 2026-01-01; 40 h but 12 days: the annual standard met
    # by days; 20 of 50 online hours
    ["O02", "孙科", "市财政局", "科员", "一级科员", "公务员", None, "2025-01", "2025-01", 40, None, 12, 20, None],
    # recorded 2024-10: initial training overdue since 2025-10-01 (13 months); online hours blank
    ["O03", "李员", "城关镇", "科员", "二级科员", "公务员", None, "2024-10", "2024-10", 100, None, None, None, None],
    # township leading post taken 2026-05, its appointment training done: met; hours blank: unknown
    ["O04", "周镇", "城关镇", "镇长", "乡科级正职", "领导干部", "2026-05", None, "2008-07", None, None, None, 50,
     "乡科级任职培训(2026.06)"],
    # recorded 2026-03: initial training due by 2027-03-01; the annual standard short by 50 h
    ["O05", "吴新", "市税务局", "科员", "一级科员", "公务员", None, "2026-03", "2026-03", 40, None, None, 50, None],
]
