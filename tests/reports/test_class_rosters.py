"""The sign-in sheets (签到表) of class-rosters.xlsx: fit to print and hand out, and read back by
`needscli records import` once signed: masked 身份证号, the class's dates and host, one 签到 column a
day (a week for a long class), the marks that count, and every printed page titled and numbered."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from builders import SAMPLES, catalog
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from needscli.config import Config, RostersConfig
from needscli.core.analysis import Analysis
from needscli.core.obligations import Obligation
from needscli.io.sheet_names import sheet_name
from needscli.models import TrainingClass
from needscli.pipeline import analyze, plan_classes
from needscli.planner import Plan
from needscli.records.imports import Parsed, read_records_file
from needscli.reports import class_rosters
from needscli.reports.annual_plan import sent_up_members
from needscli.reports.class_rosters import write_class_rosters
from needscli.reports.xlsx import Book, display_width, unique_width

AS_OF = dt.date(2026, 11, 1)
START = dt.date(2026, 12, 1)
# an 18-digit 身份证号, one ending in X, an old 15-digit one
ID_NUMBERS = ["110101199003071234", "11010519491231002X", "110101900307123"]
MASKED = ["110101********1234", "110105********002X", "110101*****7123"]
SEATS = 6  # 0-based row of the first seat: the title, two lines on the class, the header's two rows
HOURS = 16.0  # the catalog's hours of rule-of-law, the class's topic


@pytest.fixture(scope="module")
def samples() -> tuple[Analysis, Plan]:
    analysis, _ = analyze([SAMPLES], Config(), as_of=AS_OF, lang="zh")
    return analysis, plan_classes(analysis)


def with_id_numbers(analysis: Analysis) -> Analysis:
    """The analysis with its first three cadres known by 身份证号."""
    cadres = [c.model_copy(update={"id": i}) for c, i in zip(analysis.cadres, ID_NUMBERS, strict=False)]
    inputs = dataclasses.replace(analysis.inputs, cadres=cadres + analysis.cadres[len(cadres):])
    return dataclasses.replace(analysis, inputs=inputs)


def a_class(members: list[str], days: int = 3, **fields: object) -> TrainingClass:
    values: dict[str, object] = {
        "id": "K01", "name": "法治思维专题班（第1期）", "topic_id": "rule-of-law", "training_type": "on-the-job",
        "organizer": "市委管理", "job_family": "综合管理类", "period": 1, "resource": "市委党校", "members": members,
        "days": days, "hours": HOURS, "start_date": START, "end_date": START + dt.timedelta(days=days - 1)}
    values.update(fields)
    return TrainingClass.model_validate(values)


def write(tmp_path: Path, analysis: Analysis, plan: Plan, *classes: TrainingClass) -> Path:
    path = tmp_path / "class-rosters.xlsx"
    write_class_rosters(analysis, dataclasses.replace(plan, classes=list(classes)), path)
    return path


def sheet(path: Path, name: str = "K01") -> Worksheet:
    return openpyxl.load_workbook(path)[name]


def seats(ws: Worksheet) -> list[tuple[object, ...]]:
    return list(ws.iter_rows(min_row=SEATS, values_only=True))


EVERY_DAY = Config.model_validate({"classes": {"meets_on_rest_days": True}})  # classes meeting on weekends too


def every_day(analysis: Analysis) -> Analysis:
    """The analysis with [classes] meets_on_rest_days: its classes meet every day, a box for each."""
    classes = analysis.config.classes.model_copy(update={"meets_on_rest_days": True})
    return dataclasses.replace(analysis, config=analysis.config.model_copy(update={"classes": classes}))


def read_back(path: Path, config: Config | None = None) -> list[Parsed]:
    config = config or Config()
    # imported after every class of the plan: its days all held
    read = read_records_file(path, config, catalog(config), config.ledger, dt.date(2028, 1, 1))
    assert [p for p in read.problems if p.severity == "error"] == []
    return read.parsed


def sign(path: Path, marks: dict[tuple[int, int], str], name: str = "K01") -> Path:
    """The workbook with marks typed in: (seat, day column), both 0-based -> the mark."""
    book = openpyxl.load_workbook(path)
    ws = book[name]
    for (seat, day), mark in marks.items():
        ws.cell(SEATS + seat, 7 + day, mark)
    signed = path.with_name("signed.xlsx")
    book.save(signed)
    return signed


# --- the id column -------------------------------------------------------------------------------

def test_id_numbers_are_printed_masked_and_kept_whole_in_a_hidden_column(tmp_path: Path,
                                                                          samples: tuple[Analysis, Plan]) -> None:
    analysis = with_id_numbers(samples[0])
    ids = [c.id for c in analysis.cadres[:4]]  # three 身份证号, then a staff number
    ws = sheet(write(tmp_path, analysis, samples[1], a_class(ids)))
    assert [row[1] for row in seats(ws)] == [*MASKED, ids[3]]
    assert (ws["L4"].value, ws.column_dimensions["L"].hidden) == ("完整编号（导入用，不打印）", True)
    assert [row[11] for row in seats(ws)] == ids
    assert all(not ws.column_dimensions[c].hidden for c in "ABCDEFGHIJK")


def test_masking_can_be_turned_off(tmp_path: Path, samples: tuple[Analysis, Plan]) -> None:
    analysis = with_id_numbers(samples[0])
    config = analysis.config.model_copy(update={"rosters": RostersConfig(mask_id_numbers=False)})
    ids = [c.id for c in analysis.cadres[:3]]
    ws = sheet(write(tmp_path, dataclasses.replace(analysis, config=config), samples[1], a_class(ids)))
    assert [row[1] for row in seats(ws)] == ids
    assert ws.max_column == 12 and ws.column_dimensions["L"].hidden  # the ids as written, hidden


def test_masked_ids_import_as_the_cadres_full_ids(tmp_path: Path, samples: tuple[Analysis, Plan]) -> None:
    analysis = with_id_numbers(samples[0])
    ids = [c.id for c in analysis.cadres[:4]]
    path = write(tmp_path, analysis, samples[1], a_class(ids))
    signed = sign(path, {(seat, day): "√" for seat in range(4) for day in range(3)})
    assert [(p.record.cadre_id, p.record.attended_hours) for p in read_back(signed)] == [(i, HOURS) for i in ids]


def test_seats_are_numbered_with_numbers_not_text(tmp_path: Path, samples: tuple[Analysis, Plan]) -> None:
    """序号 is a number cell (Excel flags a number stored as text), and a signed sheet still imports."""
    analysis = samples[0]
    ids = [c.id for c in analysis.cadres[:3]]
    path = write(tmp_path, analysis, samples[1], a_class(ids))
    ws = sheet(path)
    assert [(row[0], ws.cell(SEATS + i, 1).data_type) for i, row in enumerate(seats(ws))] == [
        (1, "n"), (2, "n"), (3, "n")]
    signed = sign(path, {(seat, day): "√" for seat in range(3) for day in range(3)})
    assert [p.record.cadre_id for p in read_back(signed)] == ids


# --- the title and the class ---------------------------------------------------------------------

def test_the_title_is_centered_over_the_sheet_with_the_class_dates_hours_and_host(
        tmp_path: Path, samples: tuple[Analysis, Plan]) -> None:
    analysis, plan = samples
    ws = sheet(write(tmp_path, analysis, plan, a_class([c.id for c in analysis.cadres[:4]])))
    assert ws["A1"].value == "法治思维专题班（第1期） 签到表"
    assert ws["A1"].alignment.horizontal == "center"
    assert {"A1:K1", "A2:K2", "A3:K3"} <= {str(r) for r in ws.merged_cells.ranges}
    assert ws["A2"].value == "班次编号：K01　　培训时间：2026年12月1日至2026年12月3日（共3天，16学时）　　参训人数：4人"
    assert ws["A3"].value == "主办单位：市委组织部（市委管理）　　承办单位：市委党校"


def test_a_class_without_a_host_or_dates_says_so_in_words(tmp_path: Path, samples: tuple[Analysis, Plan]) -> None:
    analysis, plan = samples
    cls = a_class([analysis.cadres[0].id], resource="unassigned", start_date=None, end_date=None)
    ws = sheet(write(tmp_path, analysis, plan, cls))
    assert "培训时间：2026-12（共3天，16学时）" in ws["A2"].value
    assert ws["A3"].value.endswith("承办单位：待定")
    assert [ws.cell(5, c).value for c in (7, 8, 9)] == ["第1天", "第2天", "第3天"]


@pytest.mark.parametrize(("lang", "family", "shown"), [
    ("zh", "综合管理类、未填职位类别", "综合管理类"), ("zh", "综合管理类、专业技术类", "综合管理类、专业技术类"),
    ("en", "General management / no job family", "General management")])
def test_the_overview_names_the_families_of_members_who_have_one(tmp_path: Path, samples: tuple[Analysis, Plan],
                                                                 lang: str, family: str, shown: str) -> None:
    """A class of members some without a job family: the class list names the families, not the roster's gap."""
    analysis, plan = dataclasses.replace(samples[0], lang=lang), samples[1]
    path = write(tmp_path, analysis, plan, a_class([c.id for c in analysis.cadres[:2]], job_family=family))
    ws = openpyxl.load_workbook(path).worksheets[0]
    column = [c.value for c in ws[1]].index("职位类别" if lang == "zh" else "Job family")
    assert ws.cell(2, column + 1).value == shown


# --- the sign-in columns -------------------------------------------------------------------------

def test_one_sign_in_column_a_day_headed_by_its_date(tmp_path: Path, samples: tuple[Analysis, Plan]) -> None:
    analysis, plan = samples
    ws = sheet(write(tmp_path, analysis, plan, a_class([c.id for c in analysis.cadres[:2]])))
    assert [ws.cell(4, c).value for c in range(1, 12)] == ["序号", "编号", "姓名", "单位", "职务", "职级", "签到",
                                                          None, None, "出勤学时", "备注"]
    assert [ws.cell(5, c).value for c in (7, 8, 9)] == ["第1天\n12-01", "第2天\n12-02", "第3天\n12-03"]
    assert {"G4:I4", "A4:A5", "J4:J5", "K4:K5"} <= {str(r) for r in ws.merged_cells.ranges}


def test_a_long_class_signs_in_once_a_week_and_says_so(tmp_path: Path, samples: tuple[Analysis, Plan]) -> None:
    analysis, plan = samples
    members = [analysis.cadres[0].id]
    ws = sheet(write(tmp_path, analysis, plan, a_class(members, days=30)))
    # a week's box headed by its days of lessons (the weekends off): 30 days from Tuesday 12-01 hold 22
    assert [ws.cell(5, c).value for c in range(7, 12)] == [
        "第1周（5天）\n12-01–12-07", "第2周（5天）\n12-08–12-14", "第3周（5天）\n12-15–12-21",
        "第4周（5天）\n12-22–12-28", "第5周（2天）\n12-29–12-30"]
    assert "本班共30天，签到栏每栏为一周" in ws.oddFooter.center.text
    every = sheet(write(tmp_path, every_day(analysis), plan, a_class(members, days=30)))  # meeting on weekends too
    assert [every.cell(5, c).value for c in range(7, 12)] == [
        "第1周（7天）\n12-01–12-07", "第2周（7天）\n12-08–12-14", "第3周（7天）\n12-15–12-21",
        "第4周（7天）\n12-22–12-28", "第5周（2天）\n12-29–12-30"]
    three_months = sheet(write(tmp_path, every_day(analysis), plan, a_class(members, days=90)))
    headings = [three_months.cell(5, c).value.split("\n")[0] for c in range(7, 14)]
    assert headings == ["第1–2周（14天）", "第3–4周（14天）", "第5–6周（14天）", "第7–8周（14天）",
                        "第9–10周（14天）", "第11–12周（14天）", "第13周（6天）"]
    assert "签到栏每栏为2周" in three_months.oddFooter.center.text


def test_a_class_of_up_to_daily_sign_in_days_signs_in_each_day(tmp_path: Path,
                                                               samples: tuple[Analysis, Plan]) -> None:
    analysis, plan = samples
    members = [analysis.cadres[0].id]
    sixteen = sheet(write(tmp_path, every_day(analysis), plan, a_class(members, days=16)))
    assert [sixteen.cell(5, c).value for c in range(7, 23)] == [f"第{d}天\n12-{d:02d}" for d in range(1, 17)]
    assert [sixteen.cell(4, c).value for c in (23, 24)] == ["出勤学时", "备注"]
    assert "签到栏每栏" not in sixteen.oddFooter.center.text
    assert "休息" not in sixteen.oddFooter.center.text
    longer = sheet(write(tmp_path, analysis, plan, a_class(members, days=17)))  # 12-01 to 12-17, weekends off
    assert [longer.cell(5, c).value.split("\n")[0] for c in range(7, 10)] == [
        "第1周（5天）", "第2周（5天）", "第3周（3天）"]
    weekly = dataclasses.replace(analysis, config=analysis.config.model_copy(
        update={"rosters": RostersConfig(daily_sign_in_days=7)}))
    twelve = sheet(write(tmp_path, weekly, plan, a_class(members, days=12)))
    assert [twelve.cell(5, c).value.split("\n")[0] for c in (7, 8)] == ["第1周（5天）", "第2周（4天）"]


def test_a_sheet_of_a_day_a_column_prints_one_page_wide_at_two_thirds_size_or_more(
        tmp_path: Path, samples: tuple[Analysis, Plan]) -> None:
    """16 days, every member with a note of a compulsory training (its column as wide as the page leaves it): A4
    landscape (0.4 inch margins) holds the printed columns at 2/3 of their size or more (Excel's pixels at 96
    dpi: a width w is w * 7 + 5 pixels), so a seat's 10-point text prints at 6.7 points at least; the note broken
    after its commas, each line within the column, never inside its date."""
    analysis, plan = samples
    members = [c.id for c in analysis.cadres[:30]]
    late = [Obligation(m, "initial", "rule-of-law", "overdue", dt.date(2026, 8, 1)) for m in members]
    ws = sheet(write(tmp_path, dataclasses.replace(every_day(analysis), obligations=late), plan,
                     a_class(members, days=16)))
    assert ws.page_setup.orientation == "landscape"
    widths = {c: round(d.width - 0.7109375) for d in ws.column_dimensions.values()  # read with Excel's padding
              for c in range(d.min, d.max + 1)}
    assert ws.cell(4, 24).value == "备注" and ws.column_dimensions[get_column_letter(25)].hidden  # 完整编号
    pixels = sum(widths[c] * 7 + 5 for c in range(1, 25))
    assert (11.69 - 0.8) * 96 / pixels >= 2 / 3
    # the room the page leaves (20) cannot hold 2026-08-01 前，已逾期: three lines, 备注 as wide as the widest
    assert {row[23] for row in seats(ws)} == {"必训：初任培训，\n2026-08-01 前，\n已逾期"}
    assert widths[24] == display_width("必训：初任培训，") + 2


def test_the_footer_lists_the_marks_that_count(tmp_path: Path, samples: tuple[Analysis, Plan]) -> None:
    analysis, plan = samples
    ws = sheet(write(tmp_path, analysis, plan, a_class([analysis.cadres[0].id])))
    assert "签到栏填写 √、✓、到、已签、签到 或本人姓名均视为出席；空白、缺、请假视为缺席" in ws.oddFooter.center.text
    prompt = ws.data_validations.dataValidation[0]
    assert (str(prompt.sqref), prompt.prompt) == ("G6:I6", "签到栏填写 √、✓、到、已签、签到 或本人姓名均视为出席；空白、缺、请假视为缺席")


def test_marks_by_day_import_as_the_share_of_the_hours_and_the_leave_rule(
        tmp_path: Path, samples: tuple[Analysis, Plan]) -> None:
    analysis, plan = samples
    members = [c.id for c in analysis.cadres[:4]]
    names = [c.name for c in analysis.cadres[:4]]
    path = write(tmp_path, every_day(analysis), plan, a_class(members, days=7))
    marks = {(0, d): "√" for d in range(7)} | {(1, d): "到" for d in range(6)} | {(2, d): "已签" for d in range(3)}
    marks |= {(3, d): names[3] for d in range(7)}  # the member's own name
    parsed = {p.record.cadre_id: p.record for p in read_back(sign(path, marks), EVERY_DAY)}
    assert [(parsed[i].attended_hours, parsed[i].completed) for i in members] == [
        (HOURS, True), (round(HOURS * 6 / 7, 2), True), (round(HOURS * 3 / 7, 2), False), (HOURS, True)]


def test_marks_by_week_count_the_days_of_each_week(tmp_path: Path, samples: tuple[Analysis, Plan]) -> None:
    analysis, plan = samples
    members = [c.id for c in analysis.cadres[:2]]
    path = write(tmp_path, analysis, plan, a_class(members, days=30))
    # the first misses the last 2 days (within 1/7 of the class's 22 days of lessons), the second the first week's 5
    marks = {(0, w): "√" for w in range(4)} | {(1, w): "√" for w in range(1, 5)}
    parsed = {p.record.cadre_id: p.record for p in read_back(sign(path, marks))}
    assert [(parsed[i].attended_hours, parsed[i].completed) for i in members] == [
        (round(HOURS * 20 / 22, 2), True), (round(HOURS * 17 / 22, 2), False)]


def test_a_day_of_leave_counts_a_day_against_the_leave_rule(tmp_path: Path, samples: tuple[Analysis, Plan]) -> None:
    """A class of up to [rosters] daily_sign_in_days signs in each day: in a class meeting every day ([classes]
    meets_on_rest_days), 2 days' sick leave in a 15-day class are 2/15 of it, within 1/7 (completed); in a 12-day
    class 2/12, past it (not completed), 1 day within it."""
    analysis, plan = samples
    members = [c.id for c in analysis.cadres[:2]]
    fifteen = write(tmp_path, every_day(analysis), plan, a_class(members, days=15))
    marks = {(0, d): "√" for d in range(15)} | {(1, d): "请假" if d in (3, 4) else "√" for d in range(15)}
    parsed = {p.record.cadre_id: p.record for p in read_back(sign(fifteen, marks), EVERY_DAY)}
    assert [(parsed[i].attended_hours, parsed[i].completed) for i in members] == [
        (HOURS, True), (round(HOURS * 13 / 15, 2), True)]
    twelve = write(tmp_path, every_day(analysis), plan, a_class(members, days=12))
    marks = {(0, d): "请假" if d == 5 else "√" for d in range(12)} | {(1, d): "请假" if d < 2 else "√" for d in range(12)}
    parsed = {p.record.cadre_id: p.record for p in read_back(sign(twelve, marks), EVERY_DAY)}
    assert [(parsed[i].attended_hours, parsed[i].completed) for i in members] == [
        (round(HOURS * 11 / 12, 2), True), (round(HOURS * 10 / 12, 2), False)]


def test_the_whole_samples_workbook_reads_back_signed(tmp_path: Path, samples: tuple[Analysis, Plan]) -> None:
    """Every class of the samples, every seat marked on every day: each seat attended its class's hours."""
    analysis, plan = samples
    path = write(tmp_path, analysis, plan, *plan.classes)
    book = openpyxl.load_workbook(path)
    for cls in plan.classes:
        ws = book[cls.id]
        days = [c for c in range(7, ws.max_column + 1) if ws.cell(4, c).value == "签到" or
                (ws.cell(4, c).value is None and ws.cell(5, c).value)]
        for r in range(SEATS, SEATS + cls.size):
            for c in days:
                ws.cell(r, c, "√")
    book.save(tmp_path / "signed.xlsx")
    parsed = read_back(tmp_path / "signed.xlsx")
    assert sorted((p.record.class_id, p.record.cadre_id) for p in parsed) == sorted(
        (c.id, m) for c in plan.classes for m in c.members)
    assert all(p.record.completed for p in parsed)


# --- the notes -----------------------------------------------------------------------------------

def test_a_seat_serving_a_compulsory_training_says_which_and_by_when(tmp_path: Path,
                                                                     samples: tuple[Analysis, Plan]) -> None:
    """任职培训, 初任培训 and 集中轮训 due or overdue, of the class's topic: the kind and deadline in 备注, 已逾期
    where the deadline is before the class ends (completed late); the more urgent of two; none for one met, of another topic or
    of the hours standard."""
    analysis, plan = samples
    ids = [c.id for c in analysis.cadres[:7]]
    due, late = dt.date(2027, 3, 31), START - dt.timedelta(days=1)
    obligations = [Obligation(ids[0], "appointment", "rule-of-law", "due", due),
                   Obligation(ids[1], "initial", "rule-of-law", "due", late),  # due at the analysis, not at the start
                   Obligation(ids[2], "rotation", "rule-of-law", "due", due),
                   Obligation(ids[2], "appointment", "rule-of-law", "overdue", dt.date(2026, 6, 30)),
                   Obligation(ids[3], "appointment", "rule-of-law", "met", due),
                   Obligation(ids[4], "appointment", "public-writing", "due", due),
                   Obligation(ids[5], "hours", "rule-of-law", "due", due),
                   Obligation(ids[6], "initial", "rule-of-law", "due", START)]  # on its first day: ends after it
    path = write(tmp_path, dataclasses.replace(analysis, obligations=obligations), plan, a_class(ids))
    assert [row[10] for row in seats(sheet(path))] == [
        "必训：任职培训，2027-03-31 前", "必训：初任培训，2026-11-30 前，已逾期", "必训：任职培训，2026-06-30 前，已逾期",
        None, None, None, "必训：初任培训，2026-12-01 前，已逾期"]


def test_a_note_of_a_member_sent_up_says_its_compulsory_training_after_it(
        tmp_path: Path, samples: tuple[Analysis, Plan]) -> None:
    analysis, plan = samples
    notes = class_rosters.duty_notes(analysis, plan)
    (class_id, cadre_id), duty = next((seat, note) for seat, note in notes.items()
                                      if seat in sent_up_members(plan))
    write_class_rosters(analysis, plan, tmp_path / "class-rosters.xlsx")
    ws = sheet(tmp_path / "class-rosters.xlsx", class_id)
    header = [ws.cell(4, c).value for c in range(1, ws.max_column + 1)]
    note = next(row[header.index("备注")] for row in seats(ws) if row[header.index("完整编号（导入用，不打印）")] == cadre_id)
    # the sent-up part, then the compulsory training, each from a line of its own (broken further where the column
    # is narrower than a part: after a comma, before a bracket)
    sent_up, _, rest = note.partition("\n必训：")
    assert re.fullmatch(r"上级调训\n?（[^）]+）", sent_up)
    assert "必训：" + rest.replace("\n", "") == duty and duty.startswith("必训：")


@pytest.mark.parametrize(("note", "width", "printed"), [
    ("必训：任职培训，2027-08-01 前", 31, "必训：任职培训，2027-08-01 前"),  # its line fits: as it is
    ("必训：任职培训，2027-08-01 前", 18, "必训：任职培训，\n2027-08-01 前"),  # after the comma, not inside the date
    ("必训：初任培训，2026-11-30 前，已逾期", 24, "必训：初任培训，\n2026-11-30 前，已逾期"),
    ("必训：初任培训，2026-11-30 前，已逾期", 18, "必训：初任培训，\n2026-11-30 前，\n已逾期"),
    ("上级调训（企业党委管理）\n必训：集中轮训，2027-09-30 前", 31, "上级调训（企业党委管理）\n必训：集中轮训，2027-09-30 前"),
    ("上级调训（企业党委管理）\n必训：集中轮训，2027-09-30 前", 20, "上级调训\n（企业党委管理）\n必训：集中轮训，\n2027-09-30 前"),
    ("Sent up from 县委管理\nCompulsory: initial training, due 2026-11-30", 30,
     "Sent up from 县委管理\nCompulsory: initial training,\ndue 2026-11-30"),
    ("上级调训（中共XX市委员会组织部干部监督管理处）", 12, "上级调训\n（中共XX市委员会组织部干部监督管理处）"),  # wider still: wraps
    ("", 10, "")])
def test_a_note_is_broken_after_a_comma_or_before_a_bracket(note: str, width: int, printed: str) -> None:
    assert class_rosters.broken_note(note, width) == printed


# --- printing ------------------------------------------------------------------------------------

def test_every_printed_page_has_the_title_and_the_header_and_its_own_number(
        tmp_path: Path, samples: tuple[Analysis, Plan]) -> None:
    analysis, plan = samples
    ws = sheet(write(tmp_path, analysis, plan, a_class([c.id for c in analysis.cadres[:40]])))
    assert ws.print_title_rows == "$1:$5"
    footer = ws.oddFooter.center.text
    assert "K01　第 &P 页" in footer and "&N" not in footer  # a page count field counts the whole workbook
    assert footer.endswith("承办单位（盖章）：　　　　　　　　　　　　班主任签字：　　　　　　　　　　　　")
    assert ws.page_setup.useFirstPageNumber  # numbered from 1 whatever is printed before it
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    # one page wide (1 is the width when none is written), as many tall as it takes, A4
    assert (ws.page_setup.fitToWidth or 1, ws.page_setup.fitToHeight, ws.page_setup.paperSize) == (1, 0, 9)


def test_a_sheet_too_wide_to_stand_prints_landscape(tmp_path: Path, samples: tuple[Analysis, Plan]) -> None:
    analysis, plan = samples
    members = [analysis.cadres[0].id]
    one_day = sheet(write(tmp_path, analysis, plan, a_class(members, days=1)))
    week = sheet(write(tmp_path, analysis, plan, a_class(members, days=7)))
    assert (one_day.page_setup.orientation, week.page_setup.orientation) == ("portrait", "landscape")


# --- the sign-in sheets' own writer (sheet_writer.PrintSheet) writes what xlsxwriter writes -------------

def parts_with_texts(path: Path) -> dict[str, str]:
    """Every part of the workbook, a shared text's index in a cell replaced by the text's own entry (the two
    writers number the texts in other orders); the shared strings as the set of their entries."""
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name).decode() for name in package.namelist()}
    entries = [html.unescape(re.sub(r"<[^>]*>", "", si))  # the text, whether stored plain or as one rich run
               for si in re.findall(r"<si>.*?</si>", parts.pop("xl/sharedStrings.xml"), flags=re.DOTALL)]
    resolved = {name: re.sub(r'( t="s">)<v>(\d+)</v>', lambda m: m.group(1) + repr(entries[int(m.group(2))]), xml)
                for name, xml in parts.items()}
    resolved["texts"] = repr(sorted(set(entries)))
    return resolved


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_printed_sheets_are_the_xml_of_xlsxwriters_own_calls(tmp_path: Path, samples: tuple[Analysis, Plan],
                                                              monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    analysis, plan = samples
    renamed = dict(zip([c.id for c in analysis.cadres], ID_NUMBERS, strict=False))
    planned = [c.model_copy(update={"members": [renamed.get(m, m) for m in c.members]}) for c in plan.classes]
    analysis = dataclasses.replace(with_id_numbers(analysis), lang=lang)
    cadres = analysis.cadres
    odd = [cadres[3].model_copy(update={"name": "=HYPERLINK(1)", "unit": "<r>x & y</r>", "post": " 科长 "})]
    inputs = dataclasses.replace(analysis.inputs, cadres=[*cadres[:3], *odd, *cadres[4:]])
    analysis = dataclasses.replace(analysis, inputs=inputs)
    ids = [c.id for c in analysis.cadres]
    classes = [*planned,  # a day a column, a week a column, ids masked and not, a risky name
               a_class(ids[:5], days=3), a_class(ids[2:9], days=40, id="K02", start_date=None, end_date=None),
               a_class([], days=1, id="K03")]
    written = {}
    for kind in ("print", "xlsxwriter"):
        if kind == "xlsxwriter":  # the same calls through xlsxwriter's own worksheet
            monkeypatch.setattr(Book, "add_sheet", lambda self, name, printed=False: self.wb.add_worksheet(
                sheet_name(name, self.names)))
        path = tmp_path / kind / "class-rosters.xlsx"
        path.parent.mkdir()
        write_class_rosters(analysis, dataclasses.replace(plan, classes=classes), path)
        written[kind] = parts_with_texts(path)
    assert written["print"].keys() == written["xlsxwriter"].keys()
    sheets = [name for name in written["print"] if name.startswith("xl/worksheets/sheet")]
    assert plan.no_class  # the Overview, the annual plan, the groups too small for a class, a sheet per class
    assert len(sheets) == len(classes) + 3
    for name, xml in written["xlsxwriter"].items():
        assert written["print"][name] == xml, name


@pytest.mark.parametrize("values", [[], ["张三", "李四"], ["欧阳娜娜娜"], ["ab", "abcdefghijklmnopqrstuvwxyz"],
                                    ["😀😀", "e\u0301e\u0301"], ["ＡＢＣＤ", "x"], ["十" * 11, "a"]])
def test_a_column_is_as_wide_as_its_widest_text_within_its_bounds(values: list[str]) -> None:
    for least, most in ((8, 12), (8, 22), (10, 24), (4, 6)):
        for width in (display_width, unique_width):
            widest = max(map(width, values), default=0)
            assert class_rosters._fit(values, least, most, width) == min(max(widest, least) + 2, most)


def test_an_overview_without_a_class_says_why_and_where_to_look(tmp_path: Path,
                                                                 samples: tuple[Analysis, Plan]) -> None:
    """A county of forty cadres forms no class of 15: the Overview was a header row alone. Its first line now says
    no class formed, and where the groups and the unmet needs are; a plan without any need for a class says that."""
    analysis = samples[0]
    config = analysis.config.model_copy(update={"classes": analysis.config.classes.model_copy(
        update={"min_size": 900, "max_size": 900})})
    plan = plan_classes(dataclasses.replace(analysis, config=config))
    assert plan.classes == [] and plan.no_class
    path = write_class_rosters(analysis, plan, tmp_path / "none.xlsx")[0]
    overview = openpyxl.load_workbook(path, read_only=True)["班次总览"]
    assert overview["A1"].value == (
        "本计划未编成任何班次。各组需求人数不足最小班额 900 人或受各单位同时离岗比例所限，各组的去向和可开班的最小班额见"
        "「未成班」工作表；未满足的需求见需求分析报告的「未满足」工作表")
    assert overview["A2"].value == "班次编号"
    assert read_back(path) == []  # records import reads it without an error, and no seat
    held = dataclasses.replace(plan, no_class=[])  # every need kept out by call-ups, days or periods
    assert held.unmet
    path = write_class_rosters(analysis, held, tmp_path / "held.xlsx")[0]
    assert openpyxl.load_workbook(path, read_only=True)["班次总览"]["A1"].value == (
        "本计划未编成任何班次：需要开班的需求都未能成班，各条的原因见需求分析报告「未满足」工作表")
    nothing = dataclasses.replace(plan, no_class=[], unmet=[])
    path = write_class_rosters(analysis, nothing, tmp_path / "nothing.xlsx")[0]
    assert openpyxl.load_workbook(path, read_only=True)["班次总览"]["A1"].value == "本计划未编成任何班次：没有需要开班培训的需求"
    # a plan with classes has no such line
    path = write_class_rosters(analysis, samples[1], tmp_path / "some.xlsx")[0]
    assert openpyxl.load_workbook(path, read_only=True)["班次总览"]["A1"].value == "班次编号"


def test_a_class_has_no_sign_in_box_on_its_weekends_and_holidays(tmp_path: Path,
                                                                 samples: tuple[Analysis, Plan]) -> None:
    """A 16-day class from Tuesday 12-01 meets on its 12 working days: no box on 12-05, 12-06, 12-12 or 12-13, the
    boxes numbered by the days of lessons (第5天 12-04, 第6天 12-07), the footer saying which days are off; a national
    holiday (10-01 to 10-07 in a class from 09-28) is a day off as well. Signed on every box, a seat completes the
    class with all its hours; two of the 12 days' leave are past 1/7."""
    analysis, plan = samples
    members = [c.id for c in analysis.cadres[:2]]
    path = write(tmp_path, analysis, plan, a_class(members, days=16))
    ws = sheet(path)
    working = [d for d in range(1, 17) if dt.date(2026, 12, d).weekday() < 5]
    assert len(working) == 12
    assert [ws.cell(5, c).value for c in range(7, 19)] == [f"第{n}天\n12-{d:02d}" for n, d in enumerate(working, 1)]
    assert [ws.cell(4, c).value for c in (19, 20)] == ["出勤学时", "备注"]
    assert "12-05至12-06、12-12至12-13休息，不设签到栏" in ws.oddFooter.center.text
    marks = {(0, d): "√" for d in range(12)} | {(1, d): "请假" if d in (3, 4) else "√" for d in range(12)}
    parsed = {p.record.cadre_id: p.record for p in read_back(sign(path, marks))}
    assert [(parsed[i].attended_hours, parsed[i].completed) for i in members] == [
        (HOURS, True), (round(HOURS * 10 / 12, 2), False)]
    national = sheet(write(tmp_path, analysis, plan, a_class(members, days=12, start_date=dt.date(2026, 9, 28),
                                                             end_date=dt.date(2026, 10, 9))))
    assert [national.cell(5, c).value.split("\n")[1] for c in range(7, 11)] == ["09-28", "09-29", "09-30", "10-08"]
    assert "10-01至10-07休息，不设签到栏" in national.oddFooter.center.text


def test_a_short_class_over_a_weekend_signs_in_on_its_days_of_lessons(tmp_path: Path,
                                                                        samples: tuple[Analysis, Plan]) -> None:
    """3 days from Thursday 2027-04-01 held on Thursday, Friday and Monday (ClassesConfig.class_end): 共3天 printed,
    a box for each of the 3 (第1天, 第2天, 第3天 04-05), the weekend said in the footer; ticked on all 3 a seat
    completes the class, on 2 it does not (1/3 past 1/7)."""
    analysis, plan = samples
    members = [c.id for c in analysis.cadres[:2]]
    path = write(tmp_path, analysis, plan, a_class(members, days=3, start_date=dt.date(2027, 4, 1),
                                                   end_date=dt.date(2027, 4, 5)))
    ws = sheet(path)
    assert "2027年4月1日至2027年4月5日（共3天，" in ws.cell(2, 1).value
    assert [ws.cell(5, c).value for c in (7, 8, 9)] == ["第1天\n04-01", "第2天\n04-02", "第3天\n04-05"]
    assert ws.cell(4, 10).value == "出勤学时"
    assert "04-03至04-04休息，不设签到栏" in ws.oddFooter.center.text
    marks = {(0, d): "√" for d in range(3)} | {(1, d): "√" for d in range(2)}
    parsed = {p.record.cadre_id: p.record for p in read_back(sign(path, marks))}
    assert [(parsed[i].attended_hours, parsed[i].completed, parsed[i].days) for i in members] == [
        (HOURS, True, 3), (round(HOURS * 2 / 3, 2), False, 3)]


def test_a_class_of_working_days_signed_in_weekly_has_a_box_for_each_week_of_its_dates(
        tmp_path: Path, samples: tuple[Analysis, Plan]) -> None:
    """15 days of lessons from 12-01 to 12-21 with [rosters] daily_sign_in_days = 10: three weekly boxes of 5 days
    of lessons each, to 12-21 (the third was one day, 12-15, its last week's lessons without a box); a seat missing
    the third week missed 5 of 15."""
    analysis, plan = samples
    members = [c.id for c in analysis.cadres[:2]]
    weekly = dataclasses.replace(analysis, config=analysis.config.model_copy(
        update={"rosters": RostersConfig(daily_sign_in_days=10)}))
    path = write(tmp_path, weekly, plan, a_class(members, days=15, end_date=dt.date(2026, 12, 21)))
    ws = sheet(path)
    assert [ws.cell(5, c).value for c in (7, 8, 9)] == [
        "第1周（5天）\n12-01–12-07", "第2周（5天）\n12-08–12-14", "第3周（5天）\n12-15–12-21"]
    marks = {(0, w): "√" for w in range(3)} | {(1, w): "√" for w in range(2)}
    parsed = {p.record.cadre_id: p.record for p in read_back(sign(path, marks))}
    assert [(parsed[i].attended_hours, parsed[i].completed) for i in members] == [
        (HOURS, True), (round(HOURS * 10 / 15, 2), False)]
