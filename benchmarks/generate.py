"""Deterministic benchmark inputs at any size, built on the samples generator."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import xlsxwriter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "data" / "samples"))

import make_samples  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"


def _sheet(book: xlsxwriter.Workbook, name: str, rows: list[dict[str, object]], title: str | None = None) -> None:
    ws = book.add_worksheet(name)
    headers = list(rows[0]) if rows else []
    r = 0
    if title:
        ws.write_string(0, 0, title)
        r = 2
    for c, h in enumerate(headers):
        ws.write_string(r, c, h)
    for row in rows:
        r += 1
        for c, h in enumerate(headers):
            value = row.get(h)
            if value is None or value == "":
                continue
            if isinstance(value, bool):
                ws.write_boolean(r, c, value)
            elif isinstance(value, int | float):
                ws.write_number(r, c, value)
            elif hasattr(value, "isoformat"):
                ws.write_string(r, c, value.isoformat())
            else:
                ws.write_string(r, c, str(value))


def roster_path(size: int, seed: int = 2026) -> Path:
    return DATA / f"roster-{size}.xlsx"


def generate(size: int, seed: int = 2026, force: bool = False) -> Path:
    """Write (once) a workbook with a roster of `size` cadres and posts, priorities, resources sheets."""
    path = roster_path(size, seed)
    if path.exists() and not force:
        return path
    DATA.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.xlsx")
    book = xlsxwriter.Workbook(str(tmp), {"constant_memory": True, "strings_to_numbers": False,
                                          "strings_to_formulas": False, "strings_to_urls": False})
    _sheet(book, "干部花名册", make_samples.build_roster(size, seed), title=f"基准测试花名册（{size}人）")
    _sheet(book, "岗位", make_samples.build_posts())
    _sheet(book, "组织需求", make_samples.build_priorities())
    _sheet(book, "培训资源", make_samples.build_resources())
    book.close()
    tmp.replace(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000", help="comma-separated roster sizes")
    parser.add_argument("--force", action="store_true", help="regenerate even if present")
    args = parser.parse_args()
    for size in (int(s) for s in args.sizes.split(",")):
        print(generate(size, force=args.force))


if __name__ == "__main__":
    main()
