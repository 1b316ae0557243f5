"""The class rosters of the --split-by hand-outs: an organizer's holds the classes it runs, each whole (the members
other organizers sent up to it too), and tells where its cadres sent up to other organizers' classes went; a unit's
says of each class its own members and the whole class's."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from builders import NEEDS_AS_OF, SAMPLES, csv_records, sheet_names, sheet_records, sheet_rows

from needscli.config import Config
from needscli.core.analysis import Analysis
from needscli.pipeline import analyze, plan_classes
from needscli.planner import Plan
from needscli.reports import split
from needscli.reports.class_rosters import write_class_rosters

CLASS_SHEET = re.compile(r"C\d{3}")


@pytest.fixture(scope="module")
def samples() -> tuple[Analysis, Plan]:
    analysis, _ = analyze([SAMPLES], Config(), as_of=dt.date.fromisoformat(NEEDS_AS_OF), lang="zh")
    return analysis, plan_classes(analysis, None, None)


def write_split(analysis: Analysis, plan: Plan, out: Path, by: str) -> Path:
    with split.split_staged(analysis, plan, out, by):
        pass
    return out / f"by-{by}"


@pytest.fixture(scope="module")
def by_organizer(samples: tuple[Analysis, Plan], tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_split(*samples, tmp_path_factory.mktemp("organizer"), "organizer")


@pytest.fixture(scope="module")
def by_unit(samples: tuple[Analysis, Plan], tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_split(*samples, tmp_path_factory.mktemp("unit"), "unit")


def sign_in_sheets(path: Path) -> dict[str, tuple[str, list[str], list[str]]]:
    """Class id -> (the line with its seats, its members' ids, their notes), of every sign-in sheet of a workbook."""
    book = openpyxl.load_workbook(path, read_only=True)
    sheets = {}
    for ws in book.worksheets:
        if CLASS_SHEET.fullmatch(ws.title):
            rows = list(ws.iter_rows(values_only=True))
            header = [str(h or "") for h in rows[3]]
            # the full id where the sheet masks a 身份证号 (a hidden column, last), else the id shown
            full, note = len(header) - 1 if header[-1].startswith(("完整编号", "Full ID")) else 1, header.index(
                "备注" if "备注" in header else "Note")
            seats = [r for r in rows[5:] if r and str(r[0] or "").isdigit()]
            sheets[ws.title] = (str(rows[1][0]), [str(r[full]) for r in seats], [str(r[note] or "") for r in seats])
    return sheets


def table(path: Path, sheet: str) -> list[dict[str, object]]:
    """The rows of a sheet's table as {header: value}, below whatever lines are above its header (班次编号 first)."""
    rows = sheet_rows(path, sheet)
    top = next(i for i, row in enumerate(rows) if row[0] in ("班次编号", "Class ID"))
    return [dict(zip(rows[top], row, strict=False)) for row in rows[top + 1:] if row[0] and CLASS_SHEET.fullmatch(
        str(row[0]))]  # type: ignore[arg-type]


def organizer_of(analysis: Analysis, plan: Plan) -> dict[str, str]:
    """Cadre id -> the organizer whose hand-out holds its gap report."""
    return {cadre: name for name, ids in split.groups(analysis, "organizer").items() for cadre in ids}


def sent_elsewhere(analysis: Analysis, plan: Plan, organizer: str) -> dict[str, list[str]]:
    """Class id -> the organizer's cadres in it, of the classes other organizers run."""
    mine = organizer_of(analysis, plan)
    return {c.id: members for c in plan.classes if c.organizer != organizer
            if (members := [m for m in c.members if mine.get(m) == organizer])}


def test_the_samples_send_cadres_up_to_another_organizers_classes(samples: tuple[Analysis, Plan]) -> None:
    analysis, plan = samples
    assert sum(map(len, sent_elsewhere(analysis, plan, "企业党委管理").values())) == 68
    assert not [c for c in plan.classes if c.organizer == "企业党委管理"]  # it runs no class of its own


def test_every_seat_is_on_one_sign_in_sheet_its_classs_organizers(samples: tuple[Analysis, Plan],
                                                                   by_organizer: Path) -> None:
    """Summed over the organizers' hand-outs, each class's members are those of the main plan, once (943 of 1,029
    seats were, the 86 sent up from other organizers left out)."""
    _, plan = samples
    found: dict[str, list[str]] = {}
    where: Counter[str] = Counter()
    for folder in sorted(by_organizer.iterdir()):
        for class_id, (_, members, _) in sign_in_sheets(folder / "class-rosters.xlsx").items():
            found.setdefault(class_id, []).extend(members)
            where[class_id] += 1
            assert next(c for c in plan.classes if c.id == class_id).organizer == folder.name
    assert found == {c.id: c.members for c in plan.classes}
    assert set(where.values()) == {1}
    assert sum(map(len, found.values())) == sum(c.size for c in plan.classes) == 1022


def test_an_organizers_sign_in_sheets_note_what_the_main_ones_do(samples: tuple[Analysis, Plan], by_organizer: Path,
                                                                 tmp_path: Path) -> None:
    """Each seat's 备注 as on the run's own sign-in sheet: a member sent up from another organizer's cadres with
    the compulsory training its seat serves (必训：…), which only that organizer's analysis holds."""
    analysis, plan = samples
    write_class_rosters(analysis, plan, tmp_path / "class-rosters.xlsx")
    main = {c: dict(zip(members, notes, strict=True))
            for c, (_, members, notes) in sign_in_sheets(tmp_path / "class-rosters.xlsx").items()}
    handed = {c: dict(zip(members, notes, strict=True)) for folder in by_organizer.iterdir()
              for c, (_, members, notes) in sign_in_sheets(folder / "class-rosters.xlsx").items()}
    assert handed == main
    assert any(n.startswith("上级调训") and "必训：" in n for notes in main.values() for n in notes.values())


def test_an_organizers_class_lists_the_members_sent_up_to_it(samples: tuple[Analysis, Plan],
                                                             by_organizer: Path) -> None:
    analysis, plan = samples
    book = by_organizer / "市委管理" / "class-rosters.xlsx"
    seats, members, notes = sign_in_sheets(book)["C001"]
    whole = next(c for c in plan.classes if c.id == "C001")
    assert members == whole.members and seats.endswith("参训人数：27人")
    units = {c.id: c.unit for c in analysis.cadres}
    assert [units[m] for m, note in zip(members, notes, strict=True) if note.replace("\n", "").startswith("上级调训（企业党委管理）")] \
        == ["市城市投资集团有限公司"] * 4
    overview = {r["班次编号"]: r["人数"] for r in table(book, "班次总览")}
    assert overview["C001"] == 27
    assert sum(overview.values()) == sum(c.size for c in plan.classes if c.organizer == "市委管理")
    row = next(r for r in table(book, "年度培训计划") if r["班次编号"] == "C001")
    assert (row["参训人数"], row["其中上级调训"]) == (27, 4) and "市城市投资集团有限公司 4" in str(row["各单位调训名额"])
    classes = csv_records(book.parent / "classes.csv")
    assert {r["class_id"]: int(r["size"]) for r in classes}["C001"] == 27


def test_an_organizer_that_runs_no_class_is_told_where_its_cadres_went(samples: tuple[Analysis, Plan],
                                                                       by_organizer: Path) -> None:
    analysis, plan = samples
    folder = by_organizer / "企业党委管理"
    book = folder / "class-rosters.xlsx"
    went = sent_elsewhere(analysis, plan, "企业党委管理")
    note = openpyxl.load_workbook(book, read_only=True)["班次总览"]["A1"].value
    assert note == ("企业党委管理在本计划中不举办班次；企业党委管理的干部另有 68 人次上级调训至其他主办单位举办的 "
                    f"{len(went)} 个班次，见「上级调训去向」工作表")
    assert "上级调训去向" in sheet_names(book) and not sign_in_sheets(book)
    names = {c.id: f"{c.name}（{c.unit}）" for c in analysis.cadres}
    rows = table(book, "上级调训去向")
    assert {r["班次编号"]: (r["主办单位"], r["本主办单位调训人数"], r["调训人员（单位）"]) for r in rows} == {
        class_id: ("市委组织部（市委管理）", len(members), "、".join(names[m] for m in members))
        for class_id, members in went.items()}
    # where and when to send them, as the class's sign-in sheet says: its host and its days, not its month alone
    by_id = {c.id: c for c in plan.classes}
    assert {r["班次编号"]: (r["承办单位"], r["开始日期"].date(), r["结束日期"].date()) for r in rows} == {
        class_id: ("待定" if by_id[class_id].resource == "unassigned" else by_id[class_id].resource,
                   by_id[class_id].start_date, by_id[class_id].end_date) for class_id in went}
    # its cadres' seats in those classes, in its assignments.csv and its gap report, as sent up
    seats = {(r["cadre_id"], r["class_id"]) for r in csv_records(folder / "assignments.csv") if r["class_id"]}
    assert seats == {(m, class_id) for class_id, members in went.items() for m in members}
    shown = {str(r["班次"]) for r in sheet_records(folder / "gap-report.xlsx", "需求明细") if r["班次"]}
    assert {f"{class_id}（上级调训）" for class_id in went} <= shown


def test_an_organizer_that_runs_classes_and_sends_cadres_up_says_both(samples: tuple[Analysis, Plan],
                                                                     by_organizer: Path) -> None:
    analysis, plan = samples
    went = sent_elsewhere(analysis, plan, "县委管理")
    ran = [c for c in plan.classes if c.organizer == "县委管理"]
    note = openpyxl.load_workbook(by_organizer / "县委管理" / "class-rosters.xlsx", read_only=True)["班次总览"]["A1"].value
    assert note == (f"本文件为县委管理举办的 {len(ran)} 个班次，共 {sum(c.size for c in ran)} 人，各班签到表列出全班学员；"
                    f"县委管理的干部另有 {sum(map(len, went.values()))} 人次上级调训至其他主办单位举办的 {len(went)} 个班次，"
                    "见「上级调训去向」工作表")


def test_an_organizers_hand_out_is_the_same_bytes_run_after_run(samples: tuple[Analysis, Plan], by_organizer: Path,
                                                               tmp_path: Path) -> None:
    again = write_split(*samples, tmp_path, "organizer")
    files = {p.relative_to(by_organizer): p.read_bytes() for p in sorted(by_organizer.rglob("*")) if p.is_file()}
    assert files == {p.relative_to(again): p.read_bytes() for p in sorted(again.rglob("*")) if p.is_file()}


def test_a_units_sign_in_sheet_and_overview_give_its_members_and_the_whole_class(samples: tuple[Analysis, Plan],
                                                                                 by_unit: Path) -> None:
    analysis, plan = samples
    book = by_unit / "市财政局" / "class-rosters.xlsx"
    whole = {c.id: c.size for c in plan.classes}
    units = {c.id: c.unit for c in analysis.cadres}
    sheets = sign_in_sheets(book)
    # the unit named, not 本单位: printed, eight units' sheets are told apart
    assert sheets["C001"][0].endswith("参训人数：市财政局 3 人（全班 27 人）")
    for class_id, (seats, members, _) in sheets.items():
        assert {units[m] for m in members} == {"市财政局"}
        assert seats.endswith(f"参训人数：市财政局 {len(members)} 人（全班 {whole[class_id]} 人）")
    assert openpyxl.load_workbook(book, read_only=True)["班次总览"]["A1"].value == (
        f"本文件为市财政局干部参加的 {len(sheets)} 个班次，共 {sum(len(m) for _, m, _ in sheets.values())} 人次；"
        "各班签到表只列本单位学员")
    overview = table(book, "班次总览")
    assert {r["班次编号"]: (r["本单位人数"], r["全班人数"]) for r in overview} == {
        class_id: (len(members), whole[class_id]) for class_id, (_, members, _) in sheets.items()}
    assert "人数" not in overview[0]


def test_a_units_annual_plan_gives_its_seats_and_their_cost_beside_the_whole_class(
        samples: tuple[Analysis, Plan], by_unit: Path, by_organizer: Path) -> None:
    """The plan of a unit's hand-out counts the unit's members of each class: headed 本单位参训人数 beside 全班人数,
    the cost of their seats and the totals said to be the unit's, not taken for the class's."""
    _, plan = samples
    book = by_unit / "市财政局" / "class-rosters.xlsx"
    classes = {c.id: c for c in plan.classes}
    own = {r["班次编号"]: r["本单位人数"] for r in table(book, "班次总览")}
    rows = table(book, "年度培训计划")
    assert list(rows[0])[11:15] == ["本单位参训人数", "全班人数", "人均费用（元）", "本单位费用合计（元）"]
    assert "参训人数" not in rows[0] and "费用合计（元）" not in rows[0]
    assert {r["班次编号"]: (r["本单位参训人数"], r["全班人数"]) for r in rows} == {
        i: (n, classes[i].size) for i, n in own.items()}
    priced = [r for r in rows if r["人均费用（元）"] is not None]
    assert priced and all(r["本单位费用合计（元）"] == r["本单位参训人数"] * r["人均费用（元）"] for r in priced)
    words = [str(r[0]) for r in sheet_rows(book, "年度培训计划") if str(r[0] or "").startswith("合计")]
    assert words == ["合计：班次", "合计：本单位参训人次", "合计：本单位培训人天（天数×人数）", "合计：本单位经费（元）"]
    whole = table(by_organizer / "市委管理" / "class-rosters.xlsx", "年度培训计划")  # whole classes: as they were
    assert list(whole[0])[11:14] == ["参训人数", "人均费用（元）", "费用合计（元）"]


def no_class_plan(analysis: Analysis) -> Plan:
    """The samples' plan with classes of 900 at least: no class forms."""
    config = analysis.config.model_copy(update={"classes": analysis.config.classes.model_copy(
        update={"min_size": 900, "max_size": 900})})
    plan = plan_classes(dataclasses.replace(analysis, config=config))
    assert plan.classes == [] and plan.unmet
    return plan


def test_a_units_hand_out_without_a_class_says_so_and_where_its_unmet_needs_are(samples: tuple[Analysis, Plan],
                                                                                by_unit: Path, tmp_path: Path) -> None:
    """An Overview with a header row alone told a unit nothing; its first line now says none of its cadres is in a
    class, and sends it to its gap report's 未满足 sheet. A unit with a class has no such line."""
    folder = write_split(samples[0], no_class_plan(samples[0]), tmp_path, "unit")
    units = sorted(folder.iterdir())
    assert len(units) == 8
    for unit in units:
        unmet = sheet_records(unit / "gap-report.xlsx", "未满足")
        overview = openpyxl.load_workbook(unit / "class-rosters.xlsx", read_only=True)["班次总览"]
        assert overview["A1"].value == (f"{unit.name}没有干部编入本计划的班次；本单位未满足的 {len(unmet)} 条需求见需求分析报告的"
                                        "「未满足」工作表"), unit.name
        assert overview["A2"].value == "班次编号"


def test_a_units_hand_out_without_a_class_or_an_unmet_need_says_both(samples: tuple[Analysis, Plan],
                                                                     tmp_path: Path) -> None:
    plan = dataclasses.replace(no_class_plan(samples[0]), unmet=[])
    book = write_split(samples[0], plan, tmp_path, "unit") / "市财政局" / "class-rosters.xlsx"
    assert openpyxl.load_workbook(book, read_only=True)["班次总览"]["A1"].value == \
        "市财政局没有干部编入本计划的班次，也没有未满足的需求"


def test_a_units_hand_out_without_a_class_in_english(samples: tuple[Analysis, Plan], tmp_path: Path) -> None:
    english, _ = analyze([SAMPLES], Config(), as_of=dt.date.fromisoformat(NEEDS_AS_OF), lang="en")
    folder = write_split(english, no_class_plan(english), tmp_path, "unit") / "市财政局"
    unmet = sheet_records(folder / "gap-report.xlsx", "Unmet")
    assert openpyxl.load_workbook(folder / "class-rosters.xlsx", read_only=True)["Overview"]["A1"].value == (
        f"None of 市财政局's cadres is in a class of this plan; its {len(unmet)} unmet need(s) are on the gap "
        "report's \"Unmet\" sheet")


def test_a_units_hand_out_in_english_says_both_figures(samples: tuple[Analysis, Plan], tmp_path: Path) -> None:
    analysis, plan = samples
    english, _ = analyze([SAMPLES], Config(), as_of=dt.date.fromisoformat(NEEDS_AS_OF), lang="en")
    book = write_split(english, plan, tmp_path, "unit") / "市财政局" / "class-rosters.xlsx"
    assert sign_in_sheets(book)["C001"][0].endswith("Seats: 3 of 市财政局 (27 in the class)")
    row = table(book, "Overview")[0]
    assert (row["Class ID"], row["Unit's members"], row["Class size"]) == ("C001", 3, 27)


def test_an_organizers_hand_out_in_english_is_told_where_its_cadres_went(samples: tuple[Analysis, Plan],
                                                                         tmp_path: Path) -> None:
    _, plan = samples
    english, _ = analyze([SAMPLES], Config(), as_of=dt.date.fromisoformat(NEEDS_AS_OF), lang="en")
    folder = write_split(english, plan, tmp_path, "organizer")
    note = openpyxl.load_workbook(folder / "企业党委管理" / "class-rosters.xlsx", read_only=True)["Overview"]["A1"].value
    assert note == ("企业党委管理 runs no class in this plan; the cadres of 企业党委管理 hold 68 seats in 9 classes other "
                    "organizers run (see the sheet \"Sent up elsewhere\")")


def test_each_hand_outs_gap_report_says_whose_it_is(by_unit: Path, by_organizer: Path) -> None:
    """Eight units' gap reports printed alike could not be told apart: each one's title names its unit (or
    organizer); the whole run's keeps its own title."""
    for folder in (*by_unit.iterdir(), *by_organizer.iterdir()):
        title = openpyxl.load_workbook(folder / "gap-report.xlsx", read_only=True)["概要"]["A1"].value
        assert title == f"干部教育培训需求分析报告（{folder.name}）"


def test_the_hand_out_of_cadres_without_a_unit_says_so(samples: tuple[Analysis, Plan], tmp_path: Path) -> None:
    analysis, plan = samples
    first = analysis.cadres[0]
    nameless = dataclasses.replace(analysis, inputs=dataclasses.replace(analysis.inputs, cadres=[
        first.model_copy(update={"unit": ""}), *analysis.cadres[1:]]))
    folder = write_split(nameless, plan, tmp_path, "unit") / "_"  # "-", as no folder name starts
    title = openpyxl.load_workbook(folder / "gap-report.xlsx", read_only=True)["概要"]["A1"].value
    assert title == "干部教育培训需求分析报告（未填单位的干部）"
