"""Makes roster.xls and its twin roster.xlsx, both saved by LibreOffice from one workbook written here: the
test of the .xls reader compares what needscli reads from the two; and errors.xls, a roster whose cells show error
values (#N/A, #DIV/0!), whose reader tells none. Needs LibreOffice (soffice) on the PATH; run from this folder:
python make.py"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tempfile
from pathlib import Path

import xlsxwriter

HERE = Path(__file__).resolve().parent


def source(path: Path) -> None:
    book = xlsxwriter.Workbook(str(path))
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    ws = book.add_worksheet("干部花名册")
    ws.merge_range(0, 0, 0, 9, "2026年度干部教育培训花名册")
    header = ["编号", "姓名", "单位", "职务", "职级", "管理权限", "任现职时间", "出生年月", "本年度学时", "个人培训需求"]
    ws.write_row(1, 0, header)
    rows = [
        ["007", "王一", "市财政局", "副局长", "县处级副职", "市委管理", dt.datetime(2026, 3, 1), "1975.04", 24, "数字政府"],
        ["008", "李二", "市财政局", "科长", "乡科级正职", "市委管理", "2025年6月", dt.datetime(1986, 9, 12), 40, ""],
        ["009", "张三", "市财政局", "一级科员", "一级科员", "市委管理", "2024/1", "1995-06", "", "公文写作"],
        ["010", "赵四", "市税务局", "科员", "一级科员", "市委管理", "2023.05", "1990.01", 96.5, ""],
    ]
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row):
            if isinstance(value, dt.datetime):
                ws.write_datetime(r, c, value, day)
            elif value != "" and c != 2:
                ws.write(r, c, value)
    ws.merge_range(2, 2, 4, 2, "市财政局")  # a unit merged down its cadres' rows
    ws.write(5, 2, "市税务局")
    posts = book.add_worksheet("岗位")
    posts.write_row(0, 0, ["岗位名称", "培训主题", "要求水平", "重要程度"])
    posts.write_row(1, 0, ["科长", "法治思维", 4, 5])
    book.close()


def with_errors(path: Path) -> None:
    """A roster whose cells show error values, each a formula's result: a unit of #N/A, a birth date of #DIV/0!, and a
    row of #N/A in every column."""
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("花名册")
    ws.write_row(0, 0, ["编号", "姓名", "单位", "职务", "职级", "出生年月"])
    ws.write_row(1, 0, ["C1", "李华", "县财政局", "科员", "一级科员", "1980-01"])
    ws.write_row(2, 0, ["C2", "张敏", None, "科员", "一级科员"])
    ws.write_formula(2, 2, "=NA()", None, "#N/A")  # the result saved with it: LibreOffice keeps it, as Excel would
    ws.write_formula(2, 5, "=1/0", None, "#DIV/0!")
    for col in range(6):
        ws.write_formula(3, col, "=NA()", None, "#N/A")
    book.close()


def main() -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is needed")
    with tempfile.TemporaryDirectory() as folder:
        made = Path(folder) / "roster.xlsx"
        source(made)
        for kind in ("xls", "xlsx"):
            out = Path(folder) / kind
            subprocess.run([soffice, "--headless", "--convert-to", kind, "--outdir", str(out), str(made)], check=True,
                           capture_output=True)
            shutil.copyfile(out / f"roster.{kind}", HERE / f"roster.{kind}")
        erred = Path(folder) / "errors.xlsx"
        with_errors(erred)
        subprocess.run([soffice, "--headless", "--convert-to", "xls", "--outdir", folder, str(erred)], check=True,
                       capture_output=True)
        shutil.copyfile(Path(folder) / "errors.xls", HERE / "errors.xls")


if __name__ == "__main__":
    main()
