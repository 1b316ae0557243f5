"""--split-by unit: each hand-out holds its own unit's rows of every sheet and file, the ledger's differences,
the problems of its roster rows and the texts its cadres wrote included; none of another unit's."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from builders import (
    HAND_OUTS,
    NEEDS_AS_OF,
    NEEDS_POSTS,
    SMALL_CLASSES,
    make_config,
    make_workbook,
    records_csv,
    run_analyze,
    run_cli,
    sheet_records,
)

HEADER = ["编号", "姓名", "单位", "职务", "职级", "任现职时间", "本年度学时", "已参加培训", "个人培训需求"]
# unit -> its cadres (id, name), the wish and the completion its cadres wrote (each an alias of a topic)
UNITS: dict[str, tuple[list[tuple[str, str]], str, str]] = {
    "市财政局": ([("FIN-0001", "财政甲"), ("FIN-0002", "财政乙")], "大数据", "党风廉政建设(2025.06)"),
    "市税务局": ([("TAX-0001", "税务甲"), ("TAX-0002", "税务乙")], "依法行政", "四史教育(2025.06)"),
    "城关镇": ([("TOWN-0001", "城关甲")], "基层社会治理", "党纪学习教育(2025.06)"),
}
BAD_DATE = "FIN-0002"  # its 任现职时间 is no date: a warning, the row kept
SKIPPED = ("TOWN-0009", "城关不明")  # an unknown level: the row skipped, its unit unknown to the run


def split_roster(folder: Path) -> Path:
    rows: list[list[object]] = [HEADER]
    for unit, (people, wish, done) in UNITS.items():
        for cadre_id, name in people:
            appointed = "2023.13" if cadre_id == BAD_DATE else "2024-05"
            rows.append([cadre_id, name, unit, "科员", "一级科员", appointed, 20, done, wish])
    rows.append([*SKIPPED, "城关镇", "科员", "火星级", "2024-05", 20, None, None])
    return make_workbook(folder, {"花名册": rows, "岗位": NEEDS_POSTS}, name="units.xlsx")


def imported_ledger(folder: Path) -> Path:
    """needscli records import of a records file: a six-day class of 36 hours in March 2026 for everyone."""
    people = [person for cadres, _, _ in UNITS.values() for person in cadres]
    records = records_csv(folder, *[[cadre_id, name, "党性教育", "集中", "2026-03-02", "2026-03-07", 36, 36, "合格"]
                                    for cadre_id, name in people])
    ledger = folder / "ledger.db"
    assert run_cli("records", "import", records, "--ledger", ledger).exit_code == 0
    return ledger


@pytest.fixture(scope="module")
def split_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("split-rows")
    result = run_analyze(split_roster(folder), "-o", folder / "out", "--ledger", imported_ledger(folder),
                         "--split-by", "unit", "--as-of", NEEDS_AS_OF, "--config", make_config(folder, SMALL_CLASSES))
    assert result.exit_code == 1, result.output  # the bad date and the row skipped
    return folder / "out"


def texts(part: Path) -> dict[str, list[str]]:
    """Every non-blank cell of every sheet of both workbooks, and every CSV, as text: where -> texts."""
    found: dict[str, list[str]] = {}
    for name in HAND_OUTS:
        path = part / name
        if name.endswith(".xlsx"):
            for ws in openpyxl.load_workbook(path, read_only=True).worksheets:
                found[f"{name}:{ws.title}"] = [str(v) for row in ws.iter_rows(values_only=True) for v in row
                                               if v is not None]
        else:
            found[name] = [path.read_text(encoding="utf-8-sig")]
    return found


@pytest.mark.parametrize("unit", list(UNITS))
def test_a_hand_out_holds_nothing_of_another_unit_in_any_sheet(split_out: Path, unit: str) -> None:
    others = [word for other, (people, wish, done) in UNITS.items() if other != unit
              for word in (other, wish, done.partition("(")[0], *(w for person in people for w in person))]
    others += SKIPPED  # the row skipped is no unit's
    found = texts(split_out / "by-unit" / unit)
    assert len(found) > len(HAND_OUTS)  # the sheets of both workbooks are read
    assert {where: words for where, cells in found.items()
            if (words := sorted({w for w in others for cell in cells if w in cell}))} == {}


@pytest.mark.parametrize("unit", list(UNITS))
def test_a_hand_out_holds_its_own_ledger_differences_problems_and_texts(split_out: Path, unit: str) -> None:
    people, wish, done = UNITS[unit]
    report = split_out / "by-unit" / unit / "gap-report.xlsx"
    own = {cadre_id for cadre_id, _ in people}
    ledger = sheet_records(report, "台账差异")
    assert {r["编号"] for r in ledger} == own
    assert {(r["编号"], r["姓名"]) for r in ledger} == set(people)
    roster_rows = {r["行"] for r in sheet_records(report, "问题") if r["工作表"] == "花名册"}
    assert roster_rows == ({3} if BAD_DATE in own else set())  # FIN-0002's row, below the header and FIN-0001
    mapped = {(r["原文"], r["出处"]) for r in sheet_records(report, "主题对照")}
    assert mapped == {(wish, "个人培训需求"), (done.partition("(")[0], "已参加培训")}


def test_the_main_report_keeps_every_row(split_out: Path) -> None:
    report = split_out / "gap-report.xlsx"
    everyone = {cadre_id for people, _, _ in UNITS.values() for cadre_id, _ in people}
    ledger = sheet_records(report, "台账差异")
    assert {r["编号"] for r in ledger} == everyone
    assert len(ledger) == sum(len(sheet_records(part / "gap-report.xlsx", "台账差异"))
                              for part in (split_out / "by-unit").iterdir())
    problems = {(r["行"], r["问题代码"]) for r in sheet_records(report, "问题") if r["工作表"] == "花名册"}
    assert problems == {(3, "bad-date"), (7, "unknown-level")}
    assert {r["原文"] for r in sheet_records(report, "主题对照")} == {
        text for _, wish, done in UNITS.values() for text in (wish, done.partition("(")[0])}
