"""Small builders shared by the tests: workbooks and CSV files written the way users write them."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter

from needscli.config import Config
from needscli.errors import Problem
from needscli.io.load import Inputs, load_inputs

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
