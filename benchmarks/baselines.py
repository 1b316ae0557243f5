"""The baselines of the benchmark, each run in its own process.

floor:     read every sheet with the fastest reader installed, then write the same number of output
           rows and columns as needscli (gap report Needs and Compliance sheets, class rosters,
           needs.csv) with xlsxwriter in constant-memory mode and the csv module. Nothing else.
fastfloor: the floor of a faster backend: read with fastexcel (Arrow), write the same rows and
           columns with rustpy-xlsxwriter (Rust), the gap report in one process while a second writes
           the class rosters and needs.csv, as needscli does. Only where both are installed
           (`pip install -e '.[bench]'`).
peer:      the same as floor, with plain pandas defaults (read_excel, DataFrame.to_excel, to_csv).

Usage: python baselines.py floor|fastfloor|peer INPUT OUTDIR NEEDS CADRES SEATS
"""

from __future__ import annotations

import csv
import json
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

NEEDS_COLS = 15
COMPLIANCE_COLS = 9
ROSTER_COLS = 9
CSV_COLS = 9


def _row(i: int, width: int) -> list[object]:
    base: list[object] = [f"C{i:07d}", "张三丰", "市发展和改革委员会", "经济运行处", "副处长", "县处级副职",
                          "法治思维与依法行政", "岗位需求", "岗位需求、个人需求", "在职培训", 52.0, 16.0,
                          "post:FG01; personal:wish", "岗位 FG01 要求水平 4，自评能力 2，差距 2 × 重要程度 5"]
    return (base * (width // len(base) + 1))[:width]


def read_fastest(path: Path) -> str:
    try:
        import fastexcel

        reader = fastexcel.read_excel(str(path))
        for name in reader.sheet_names:
            reader.load_sheet(name, header_row=None).to_arrow()
        return "fastexcel"
    except ImportError:
        from python_calamine import CalamineWorkbook

        book = CalamineWorkbook.from_path(str(path))
        for name in book.sheet_names:
            book.get_sheet_by_name(name).to_python()
        return "python-calamine"


def write_floor(out: Path, needs: int, cadres: int, seats: int) -> str:
    import xlsxwriter

    out.mkdir(parents=True, exist_ok=True)
    for name, sheets in (("gap.xlsx", [("Needs", needs, NEEDS_COLS), ("Compliance", cadres, COMPLIANCE_COLS)]),
                         ("classes.xlsx", [("Roster", seats, ROSTER_COLS)])):
        book = xlsxwriter.Workbook(str(out / name), {"constant_memory": True, "use_zip64": True})
        for sheet, rows, width in sheets:
            for part in range(rows // 1_000_000 + 1):
                ws = book.add_worksheet(f"{sheet}{part}")
                for r in range(min(1_000_000, rows - part * 1_000_000)):
                    for c, value in enumerate(_row(r, width)):
                        if isinstance(value, str):
                            ws.write_string(r, c, value)
                        else:
                            ws.write_number(r, c, value)
        book.close()
    with open(out / "needs.csv", "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        for r in range(needs):
            writer.writerow(_row(r, CSV_COLS))
    return "xlsxwriter constant_memory + csv"


def fast_available() -> bool:
    """True where fastexcel and rustpy-xlsxwriter are both installed (the fast floor's tools)."""
    import importlib.util

    return all(importlib.util.find_spec(name) for name in ("fastexcel", "rustpy_xlsxwriter"))


def _records(rows: int, width: int) -> Iterator[dict[str, object]]:
    keys = [f"c{c}" for c in range(width)]
    for r in range(rows):
        yield dict(zip(keys, _row(r, width), strict=True))


def _rust_book(path: Path, sheets: list[tuple[str, int, int]]) -> None:
    from rustpy_xlsxwriter import write_worksheets

    entries = []
    for sheet, rows, width in sheets:
        for part in range(rows // 1_000_000 + 1):
            entries.append((f"{sheet}{part}", _records(min(1_000_000, rows - part * 1_000_000), width)))
    write_worksheets(entries, str(path))


def write_fast_floor(out: Path, needs: int, cadres: int, seats: int) -> str:
    """The same rows and columns as write_floor, with rustpy-xlsxwriter, in two processes."""
    from rustpy_xlsxwriter import write_csv

    out.mkdir(parents=True, exist_ok=True)
    pid = os.fork()
    if pid == 0:  # the second writer: class rosters and needs.csv
        code = 1
        try:
            _rust_book(out / "classes.xlsx", [("Roster", seats, ROSTER_COLS)])
            write_csv(_records(needs, CSV_COLS), str(out / "needs.csv"), bom=True)
            code = 0
        finally:
            os._exit(code)
    _rust_book(out / "gap.xlsx", [("Needs", needs, NEEDS_COLS), ("Compliance", cadres, COMPLIANCE_COLS)])
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit("fast floor: the second writer failed")
    return "rustpy-xlsxwriter, 2 processes"


def peer(path: Path, out: Path, needs: int, cadres: int, seats: int) -> dict[str, float]:
    import pandas as pd

    start = time.perf_counter()
    pd.read_excel(path, sheet_name=None, header=None, dtype=str)
    read = time.perf_counter() - start
    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    frames = {"Needs": pd.DataFrame([_row(r, NEEDS_COLS) for r in range(needs)]),
              "Compliance": pd.DataFrame([_row(r, COMPLIANCE_COLS) for r in range(cadres)])}
    with pd.ExcelWriter(out / "gap.xlsx") as writer:
        for name, frame in frames.items():
            for part in range(len(frame) // 1_000_000 + 1):
                frame.iloc[part * 1_000_000:(part + 1) * 1_000_000].to_excel(writer, sheet_name=f"{name}{part}",
                                                                             index=False)
    pd.DataFrame([_row(r, ROSTER_COLS) for r in range(seats)]).to_excel(out / "classes.xlsx", index=False)
    frames["Needs"].iloc[:, :CSV_COLS].to_csv(out / "needs.csv", index=False)
    return {"read_s": round(read, 2), "write_s": round(time.perf_counter() - start, 2)}


def main() -> None:
    kind, path, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    needs, cadres, seats = (int(v) for v in sys.argv[4:7])
    if kind in ("floor", "fastfloor"):
        start = time.perf_counter()
        reader = read_fastest(path)
        read = time.perf_counter() - start
        writer = (write_floor if kind == "floor" else write_fast_floor)(out, needs, cadres, seats)
        print(json.dumps({"reader": reader, "writer": writer, "read_s": round(read, 2),
                          "write_s": round(time.perf_counter() - start - read, 2)}))
    else:
        print(json.dumps(peer(path, out, needs, cadres, seats)))


if __name__ == "__main__":
    main()
