"""Builders for the ledger tests: records files, online exports and filled-in class rosters."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import make_csv

from needscli.config import Config
from needscli.core.catalog import Catalog, build_catalog
from needscli.records.imports import ImportResult, import_records
from needscli.records.store import Ledger
from needscli.reports.class_rosters import w
from needscli.reports.xlsx import Book

RECORDS_HEADER = ["编号", "姓名", "培训主题", "培训方式", "开始日期", "结束日期", "学时", "出勤学时", "结果"]
ONLINE_HEADER = ["学员编号", "姓名", "课程名称", "课程学时", "完成学时", "完成时间"]
IMPORTED = dt.date(2026, 5, 1)
SIGN_KEYS = ("no", "cadre_id", "name", "unit", "post", "level", "signature", "attended", "note")


def catalog() -> Catalog:
    return build_catalog([], Config().needs.match_cutoff)


def run_import(ledger: Ledger, *paths: Path, config: Config | None = None, **kwargs: object) -> ImportResult:
    """import_records with the default config, the built-in catalog and a fixed import date."""
    kwargs.setdefault("imported_at", IMPORTED)
    return import_records(ledger, list(paths), config or Config(), catalog(), **kwargs)  # type: ignore[arg-type]


def records_csv(tmp_path: Path, *rows: list[object], header: list[str] | None = None,
                name: str = "records.csv") -> Path:
    return make_csv(tmp_path, [header or RECORDS_HEADER, *[list(r) for r in rows]], name=name)


def seat(cadre_id: str, sign: str = "", attended: float | str = "", name: str = "测试张三") -> list[object]:
    """One sign-in row after the 序号: id, name, unit, post, level, 签到, 出勤学时, 备注."""
    return [cadre_id, name, "市发改委", "科长", "乡科级正职", sign, attended, ""]


def make_class_rosters(tmp_path: Path, classes: list[dict[str, object]], lang: str = "zh",
                       name: str = "class-rosters.xlsx") -> Path:
    """class-rosters.xlsx as needscli writes it (Overview, then one sign-in sheet per class), filled in.

    Each class: id, topic, period, hours, seats (rows from seat()); optional type, resource, name.
    """
    path = tmp_path / name
    book = Book(path)
    headers = [w(k, lang) for k in ("class_id", "class_name", "topic", "type", "organizer", "job_family",
                                    "period", "resource", "size", "hours")]
    rows = [[c["id"], c.get("name", f"{c['topic']}班"), c["topic"], c.get("type", "在职培训"), "市委管理",
             "综合管理类", c["period"], c.get("resource", "市委党校"), len(c["seats"]), c["hours"]]  # type: ignore[arg-type]
            for c in classes]
    book.table(w("overview", lang), headers, rows, ["text"] * 8 + ["int", "number"])
    for c in classes:
        ws = book.add_sheet(str(c["id"]))
        ws.merge_range(0, 0, 0, len(SIGN_KEYS) - 1, "")
        book.write_text(ws, 0, 0, f"{c.get('name', c['topic'])} {w('sign_in', lang)}", book.fmt["title"])
        ws.merge_range(1, 0, 1, len(SIGN_KEYS) - 1, "")
        book.write_text(ws, 1, 0, f"{w('class_id', lang)}：{c['id']}    {w('period', lang)}：{c['period']}")
        for col, key in enumerate(SIGN_KEYS):
            book.write_text(ws, 2, col, w(key, lang))
        for i, values in enumerate(c["seats"], start=1):  # type: ignore[arg-type]
            for col, value in enumerate([str(i), *values]):
                kind = "number" if isinstance(value, int | float) else "text"
                book.write(ws, 2 + i, col, value, kind)
    book.close()
    return path
