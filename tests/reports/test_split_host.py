"""--split-by host: a folder per host (承办机构: a class's resource, 待定 where it is to be fixed) holding the class
rosters of the classes it hosts, whatever organizer runs them, each whole and as the run's own; no gap report, no
needs. A seat signed on a host's sign-in sheet is read back by records import as the run's own sheet is."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from builders import NEEDS_AS_OF, SAMPLES, catalog, csv_records, sheet_names, sheet_rows

from needscli.config import Config
from needscli.core.analysis import Analysis
from needscli.models import TrainingClass
from needscli.pipeline import analyze, in_language, plan_classes
from needscli.planner import Plan
from needscli.records.imports import import_records
from needscli.records.store import Ledger, cadre_records
from needscli.reports import split
from needscli.reports.class_rosters import write_class_outputs

CLASS_SHEET = re.compile(r"C\d{3}")
HOST_FILES = ["assignments.csv", "class-rosters.xlsx", "classes.csv", "plan.csv"]
BODIES = {"市委管理": "市委组织部（市委管理）", "县委管理": "县委组织部（县委管理）"}  # as a sign-in sheet says who runs it


@pytest.fixture(scope="module")
def samples() -> tuple[Analysis, Plan]:
    analysis, _ = analyze([SAMPLES], Config(), as_of=dt.date.fromisoformat(NEEDS_AS_OF), lang="zh")
    return analysis, plan_classes(analysis, None, None)


def write_split(analysis: Analysis, plan: Plan, out: Path) -> Path:
    with split.split_staged(analysis, plan, out, "host"):
        pass
    return out / "by-host"


@pytest.fixture(scope="module")
def by_host(samples: tuple[Analysis, Plan], tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_split(*samples, tmp_path_factory.mktemp("host"))


@pytest.fixture(scope="module")
def main(samples: tuple[Analysis, Plan], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The run's own class outputs (class-rosters.xlsx, classes.csv, assignments.csv, plan.csv)."""
    folder = tmp_path_factory.mktemp("main")
    write_class_outputs(*samples, folder)
    return folder


def hosts(plan: Plan, tbd: str = "待定") -> dict[str, list[TrainingClass]]:
    """Host -> its classes, the classes whose host is to be fixed under tbd."""
    out: dict[str, list[TrainingClass]] = {}
    for cls in plan.classes:
        out.setdefault(tbd if cls.resource == "unassigned" else cls.resource, []).append(cls)
    return out


def sign_in_sheets(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Class id -> every row of its sign-in sheet (the title, the class's lines, the header and the seats)."""
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets
                if CLASS_SHEET.fullmatch(ws.title)}
    finally:
        book.close()


def class_rows(path: Path, sheet: str) -> dict[str, list[object]]:
    """Class id -> its row of a sheet's table (the Overview, the annual plan), below whatever is above the header."""
    return {str(row[0]): row for row in sheet_rows(path, sheet) if row and CLASS_SHEET.fullmatch(str(row[0] or ""))}


def test_the_samples_party_school_hosts_classes_of_two_organizers(samples: tuple[Analysis, Plan]) -> None:
    _, plan = samples
    assert set(Counter(c.organizer for c in hosts(plan)["市委党校"])) == {"市委管理", "县委管理"}
    assert "待定" in hosts(plan)


def test_each_host_gets_the_class_rosters_of_the_classes_it_hosts_and_nothing_of_the_needs(
        samples: tuple[Analysis, Plan], by_host: Path) -> None:
    _, plan = samples
    expected = hosts(plan)
    assert sorted(p.name for p in by_host.iterdir()) == sorted(expected)
    for host, classes in expected.items():
        folder = by_host / host
        assert sorted(p.name for p in folder.iterdir()) == HOST_FILES, host  # no gap report, no needs.csv
        ids = [c.id for c in classes]
        book = folder / "class-rosters.xlsx"
        # no groups too small for a class (未成班), no sheet of where an organizer's cadres were sent
        assert sheet_names(book) == ["班次总览", "年度培训计划", *ids], host
        assert list(class_rows(book, "班次总览")) == ids
        assert [r["class_id"] for r in csv_records(folder / "classes.csv")] == ids


def test_each_class_is_on_one_hosts_sign_in_sheets_as_on_the_runs_own(samples: tuple[Analysis, Plan], by_host: Path,
                                                                      main: Path) -> None:
    """Each sheet row for row as the run's class-rosters.xlsx has it: the seats, their hidden full ids, and the
    notes of members sent up from other organizers and of the compulsory trainings their seats serve."""
    handed: dict[str, list[tuple[object, ...]]] = {}
    where: Counter[str] = Counter()
    for folder in by_host.iterdir():
        for class_id, rows in sign_in_sheets(folder / "class-rosters.xlsx").items():
            handed[class_id] = rows
            where[class_id] += 1
    own = sign_in_sheets(main / "class-rosters.xlsx")
    assert handed == own
    assert set(where.values()) == {1}
    notes = [str(cell) for rows in own.values() for row in rows[5:] for cell in row if cell]
    assert any(n.startswith("上级调训") for n in notes) and any("必训：" in n for n in notes)


def test_a_hosts_plan_and_tables_are_the_runs_rows_of_its_classes(samples: tuple[Analysis, Plan], by_host: Path,
                                                                 main: Path) -> None:
    _, plan = samples
    plan_rows = class_rows(main / "class-rosters.xlsx", "年度培训计划")
    classes, seats, planned = (csv_records(main / name) for name in ("classes.csv", "assignments.csv", "plan.csv"))
    for host, hosted in hosts(plan).items():
        folder, ids = by_host / host, {c.id for c in hosted}
        assert class_rows(folder / "class-rosters.xlsx", "年度培训计划") == {
            i: row for i, row in plan_rows.items() if i in ids}, host
        assert csv_records(folder / "classes.csv") == [r for r in classes if r["class_id"] in ids]
        assert csv_records(folder / "plan.csv") == [r for r in planned if r["class_id"] in ids]
        # the seats of its classes, in the run's order; no need served otherwise, none of another host's classes
        assert csv_records(folder / "assignments.csv") == [r for r in seats if r["class_id"] in ids], host


def test_a_hosts_overview_says_what_it_hosts_for_whom_and_nothing_of_the_needs(samples: tuple[Analysis, Plan],
                                                                               by_host: Path) -> None:
    _, plan = samples
    hosted = hosts(plan)["市委党校"]
    runs = Counter(c.organizer for c in hosted)  # in plan order, each organizer where its first class is
    organizers = "、".join(f"{BODIES[o]}主办 {n} 个" for o, n in runs.items())
    rows = sheet_rows(by_host / "市委党校" / "class-rosters.xlsx", "班次总览")
    assert rows[0][0] == (f"本文件为市委党校承办的 {len(hosted)} 个班次（{organizers}），共 "
                          f"{sum(c.size for c in hosted)} 人，各班签到表列出全班学员")
    assert not [cell for row in rows for cell in row if cell in ("需求去向（项）", "需求数", "未满足")]  # no needs by route


def test_classes_whose_host_is_to_be_fixed_are_in_the_folder_the_plan_names_it(samples: tuple[Analysis, Plan],
                                                                               by_host: Path, tmp_path: Path) -> None:
    analysis, plan = samples
    tbd = [c.id for c in plan.classes if c.resource == "unassigned"]
    book = by_host / "待定" / "class-rosters.xlsx"
    assert list(class_rows(book, "班次总览")) == tbd
    assert str(sheet_rows(book, "班次总览")[0][0]).startswith(f"本文件为承办单位待定的 {len(tbd)} 个班次（")
    header, *_ = (r for r in sheet_rows(book, "年度培训计划") if "承办单位" in r)
    host = header.index("承办单位")
    assert {class_rows(book, "年度培训计划")[i][host] for i in tbd} == {"待定"}
    english = write_split(in_language(analysis, "en"), plan, tmp_path)
    assert sorted(p.name for p in english.iterdir()) == sorted(hosts(plan, "to be fixed"))
    rows = sheet_rows(english / "to be fixed" / "class-rosters.xlsx", "Overview")
    assert str(rows[0][0]).startswith(f"Classes whose host is to be fixed: {len(tbd)} (")


def test_a_hosts_hand_out_is_the_same_bytes_run_after_run(samples: tuple[Analysis, Plan], by_host: Path,
                                                          tmp_path: Path) -> None:
    again = write_split(*samples, tmp_path)
    files = {p.relative_to(by_host): p.read_bytes() for p in sorted(by_host.rglob("*")) if p.is_file()}
    assert files == {p.relative_to(again): p.read_bytes() for p in sorted(again.rglob("*")) if p.is_file()}


def test_a_hosts_hand_outs_written_in_one_process_are_those_written_in_two(samples: tuple[Analysis, Plan],
                                                                            by_host: Path, tmp_path: Path) -> None:
    analysis, plan = samples
    limits = analysis.config.limits.model_copy(update={"write_processes": 1})
    alone = dataclasses.replace(analysis, config=analysis.config.model_copy(update={"limits": limits}))
    with split.split_staged(alone, plan, tmp_path, "host") as paths:
        pass
    files = {p.relative_to(by_host): p.read_bytes() for p in sorted(by_host.rglob("*")) if p.is_file()}
    assert {p.relative_to(tmp_path / "by-host"): p.read_bytes() for p in paths} == files
    assert [p.parent.name for p in paths][::4] == list(hosts(plan))  # in the plan's order of hosts


def signed(book_path: Path, class_id: str, copy: Path) -> tuple[str, Path]:
    """A copy of the workbook with the first seat of class_id signed in (√) on its first day: (its cadre, copy)."""
    book = openpyxl.load_workbook(book_path)
    ws = book[class_id]
    sign = next(c for row in ws.iter_rows(max_row=10) for c in row if c.value == "签到")
    cadre = next(c for row in ws.iter_rows(max_row=10) for c in row if c.value == "编号")
    seat = next(r for r in range(sign.row + 2, ws.max_row + 1) if ws.cell(r, 1).value == 1)
    ws.cell(seat, sign.column).value = "√"
    book.save(copy)
    return str(ws.cell(seat, cadre.column).value), copy


def test_a_seat_signed_on_a_hosts_sheet_is_recorded_once_with_the_runs_own(samples: tuple[Analysis, Plan],
                                                                         by_host: Path, main: Path, tmp_path: Path,
                                                                         ledger: Ledger) -> None:
    """The party school signs in a county class it hosts; the organizer's office imports the run's own sheets too."""
    _, plan = samples
    county = next(c for c in hosts(plan)["市委党校"] if c.organizer == "县委管理")
    after = (county.end_date or dt.date(2027, 12, 31)) + dt.timedelta(days=1)
    cadre, school = signed(by_host / "市委党校" / "class-rosters.xlsx", county.id, tmp_path / "school.xlsx")
    first = import_records(ledger, [school], Config(), catalog(), imported_at=after)
    assert (first.added, [p for p in first.problems if p.severity == "error"]) == (1, [])
    again, office = signed(main / "class-rosters.xlsx", county.id, tmp_path / "office.xlsx")
    assert again == cadre
    second = import_records(ledger, [office], Config(), catalog(), imported_at=after)
    assert (second.added, second.unchanged) == (0, 1)
    records = [r for r in cadre_records(ledger, cadre) if r.class_id == county.id]
    assert [(r.source_file, r.start_date, r.end_date) for r in records] == [
        ("school.xlsx", county.start_date, county.end_date)]


def test_a_host_the_office_names_daiding_keeps_a_folder_apart_from_the_host_to_be_fixed(
        samples: tuple[Analysis, Plan], tmp_path: Path) -> None:
    """An office listing a placeholder resource 待定 (with an estimated cost): its classes were put in one folder with
    the classes whose host is to be fixed, under one Overview line. They are two hand-outs: 待定, and 承办机构待定."""
    analysis, plan = samples
    unassigned = [c for c in plan.classes if c.resource == "unassigned"]
    assert unassigned  # the samples' classes of a topic no resource teaches
    moved = next(c for c in plan.classes if c.resource != "unassigned")
    classes = [c.model_copy(update={"resource": "待定"}) if c.id == moved.id else c for c in plan.classes]
    folder = write_split(analysis, dataclasses.replace(plan, classes=classes), tmp_path)
    assert {"待定", "承办机构待定"} <= {p.name for p in folder.iterdir()}
    ids = {name: [r["class_id"] for r in csv_records(folder / name / "classes.csv")] for name in ("待定", "承办机构待定")}
    assert ids == {"待定": [moved.id], "承办机构待定": [c.id for c in unassigned]}
    notes = {name: openpyxl.load_workbook(folder / name / "class-rosters.xlsx", read_only=True)["班次总览"]["A1"].value
             for name in ids}
    assert notes["待定"].startswith("本文件为待定承办的 1 个班次")
    assert notes["承办机构待定"].startswith("本文件为承办单位待定的")
