"""A fault in an optional roster column costs that value, not the cadre; the column-wise fast path and the
row reader agree on clean and faulty rows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from builders import (
    CANARY_NAME,
    FULL_HEADER,
    full_row,
    load,
    make_csv,
    save_full_roster,
    twenty_cadres,
    where,
)

from needscli.config import Config
from needscli.models import Cadre
from needscli.pipeline import analyze

COLUMN = {h: i for i, h in enumerate(FULL_HEADER)}
LONG_WISH = "公文写作；" + "数字政府建设；" * 80  # 565 characters, past the limit of 500


# --- optional fields: the value goes, the cadre stays ------------------------------------------------


def test_a_too_long_wish_keeps_the_cadre_and_its_theory_core_needs(tmp_path: Path) -> None:
    path = save_full_roster(tmp_path, twenty_cadres(个人培训需求=LONG_WISH))
    analysis, result = analyze([path], Config(), as_of=dt.date(2026, 11, 1))
    cadre = analysis.cadre_by_id["C01"]
    assert len(analysis.cadres) == 20 and analysis.inputs.skipped == {"roster": 0}
    assert cadre.wishes == []  # only the faulty value is left out
    assert (cadre.name, cadre.unit, cadre.department, cadre.post_code, cadre.category, cadre.managed_by,
            cadre.hours_year) == ("张1", "市财政局", "办公室", "P01", "公务员", "县委管理", 40.0)
    assert [c.topic for c in cadre.completed] == ["党性教育"]
    core = {n.topic_id for n in result.needs if n.cadre_id == "C01" and n.source == "theory-core"}
    assert core and core == {n.topic_id for n in result.needs if n.cadre_id == "C02" and n.source == "theory-core"}
    [problem] = analysis.inputs.problems
    assert (problem.code, problem.severity, problem.file, problem.sheet, problem.row, problem.column,
            problem.cell) == ("text-too-long", "warning", "roster.xlsx", "花名册", 2, "个人培训需求", "L2")
    assert problem.message == ('row 2, column "个人培训需求": is 565 characters long, so the value was left out '
                               "(the row was kept); expected at most 500")


@pytest.mark.parametrize(("column", "raw", "value"), [
    ("部门", "办公\x0b室", "办公 室"),  # Word's soft line break, pasted
    ("部门", "办公\x07室", "办公 室"),
    ("部门", "\x0b", ""),
    ("岗位代码", "P\x1f01", "P 01"),
    ("管理权限", "县委\x0c管理", "县委 管理"),
    ("干部类别", "公务\x0b员", "公务员"),  # read as 公务 员, which names the category as 公务员 does
    ("本年度学时", "40\x0b", 40.0),
])
def test_a_control_character_in_an_optional_single_line_field_is_read_as_a_space(
        tmp_path: Path, column: str, raw: str, value: object) -> None:
    inputs = load(save_full_roster(tmp_path, [full_row(1), full_row(2, **{column: raw})]))
    assert [c.id for c in inputs.cadres] == ["C01", "C02"] and inputs.skipped == {"roster": 0}
    kept = inputs.cadres[1]
    field = {"部门": "department", "岗位代码": "post_code", "管理权限": "managed_by", "干部类别": "category",
             "本年度学时": "hours_year"}[column]
    assert getattr(kept, field) == value
    assert (kept.name, kept.unit, kept.wishes) == ("张2", "市财政局", ["公文写作"])
    problem = inputs.problems[0]
    assert (problem.code, problem.severity, problem.row, problem.column) == ("control-character", "warning", 3,
                                                                               column)
    assert problem.cell == f"{'ABCDEFGHIJKL'[COLUMN[column]]}3"
    assert "read as a space (the row was kept)" in problem.message
    assert raw not in problem.message
    assert {p.severity for p in inputs.problems} == {"warning"}


def test_a_line_break_from_word_in_a_list_cell_separates_items(tmp_path: Path) -> None:
    inputs = load(save_full_roster(tmp_path, [
        full_row(1, 个人培训需求="公文写作\x0b数字政府", 已参加培训="党性教育(2024.06)\x0b政治理论"),
        full_row(2, 个人培训需求="公文\x07写作")]))
    first, second = inputs.cadres
    assert first.wishes == ["公文写作", "数字政府"]
    assert [c.topic for c in first.completed] == ["党性教育", "政治理论"]
    assert second.wishes == ["公文 写作"]
    assert where(inputs.problems) == [(2, "已参加培训", "control-character"), (2, "个人培训需求", "control-character"),
                                      (3, "个人培训需求", "control-character")]
    assert "read as a line break between items (the row was kept)" in inputs.problems[0].message
    assert "read as a space (the row was kept)" in inputs.problems[2].message
    assert {p.severity for p in inputs.problems} == {"warning"}


@pytest.mark.parametrize("column", ["部门", "岗位代码", "干部类别", "管理权限", "本年度学时", "已参加培训", "个人培训需求"])
def test_a_too_long_optional_value_is_left_out(tmp_path: Path, column: str) -> None:
    inputs = load(save_full_roster(tmp_path, [full_row(1, **{column: "测" * 501}), full_row(2)]))
    assert [c.id for c in inputs.cadres] == ["C01", "C02"]
    # a 管理权限 left out is blank: its organizer comes from the level, as a notice says
    filled = [p.row for p in inputs.problems if p.code == "organizer-from-level"]
    assert filled == ([2] if column == "管理权限" else [])
    [problem] = [p for p in inputs.problems if p.code != "organizer-from-level"]
    assert (problem.code, problem.severity, problem.row, problem.column) == ("text-too-long", "warning", 2, column)
    assert "so the value was left out (the row was kept)" in problem.message
    blank = Cadre.model_validate({**inputs.cadres[1].model_dump(), "id": "C01", "name": "张1", "row": 2})
    field = {"部门": "department", "岗位代码": "post_code", "干部类别": "category", "管理权限": "managed_by",
             "本年度学时": "hours_year", "已参加培训": "completed", "个人培训需求": "wishes"}[column]
    assert inputs.cadres[0] == blank.model_copy(update={field: Cadre.model_fields[field].get_default(
        call_default_factory=True)})


@pytest.mark.parametrize(("column", "raw", "code"), [
    ("编号", "C\x0b01", "control-character"),
    ("姓名", CANARY_NAME + "\x0b", "control-character"),
    ("单位", "市财政局\x07", "control-character"),
    ("职务", "科员\x0b", "control-character"),
    ("职级", "一级科员\x0b", "control-character"),
    ("姓名", CANARY_NAME * 130, "text-too-long"),
    ("单位", "局" * 501, "text-too-long"),
    ("职级", "不存在的职级", "unknown-level"),
    ("姓名", None, "missing-value"),
])
def test_a_fault_in_a_required_field_still_skips_the_row(tmp_path: Path, column: str, raw: object,
                                                          code: str) -> None:
    inputs = load(save_full_roster(tmp_path, [full_row(1), full_row(2, **{column: raw})]))
    assert [c.id for c in inputs.cadres] == ["C01"] and inputs.skipped == {"roster": 1}
    assert [(p.row, p.column, p.code, p.severity) for p in inputs.problems] == [(3, column, code, "error")]
    assert "the row was kept" not in inputs.problems[0].message
    assert CANARY_NAME not in inputs.problems[0].message


def test_a_csv_roster_keeps_the_cadre_too(tmp_path: Path) -> None:
    path = make_csv(tmp_path, [FULL_HEADER, full_row(1, 部门="办公\x07室", 个人培训需求=LONG_WISH), full_row(2)])
    inputs = load(path)
    assert [c.department for c in inputs.cadres] == ["办公 室", "办公室"]
    assert where(inputs.problems) == [(2, "部门", "control-character"), (2, "个人培训需求", "text-too-long")]
    assert {(p.file, p.sheet, p.severity) for p in inputs.problems} == {("roster.csv", "", "warning")}  # a CSV has no sheets


# --- the column-wise fast path and the row reader agree -----------------------------------------------

MIXED: list[list[object]] = [
    full_row(1),
    full_row(2, 个人培训需求=LONG_WISH),
    full_row(3),  # the same cells as C01
    full_row(4, 部门="办公\x0b室", 个人培训需求="公文写作\x0b数字政府"),
    full_row(5, 管理权限="县委\x07管理", 岗位代码="测" * 501, 干部类别="外星干部"),
    full_row(6, 姓名="张\x0b六"),  # required: skipped
    full_row(7, 部门="办公\x0b室", 单位="局" * 501),  # a required fault beside an optional one: skipped, both reported
    full_row(8, 已参加培训="党性教育(2024.13)\x07", 本年度学时="四十"),
    full_row(1, 部门="办公\x0b室"),  # a repeated id: skipped
    full_row(9, 部门=None, 个人培训需求=None, 已参加培训=None),
    full_row(10),
]


# (Excel row, column, code, severity) of MIXED, in the order the row reader finds them
PROBLEMS = [
    (3, "个人培训需求", "text-too-long", "warning"),
    (5, "部门", "control-character", "warning"),
    (5, "个人培训需求", "control-character", "warning"),
    (6, "干部类别", "unknown-category", "warning"),
    (6, "岗位代码", "text-too-long", "warning"),
    (6, "管理权限", "control-character", "warning"),
    (7, "姓名", "control-character", "error"),
    (8, "单位", "text-too-long", "error"),
    (8, "部门", "control-character", "warning"),
    (9, "本年度学时", "bad-number", "warning"),
    (9, "已参加培训", "control-character", "warning"),
    (9, "已参加培训", "bad-date", "warning"),
    (10, "部门", "control-character", "warning"),
    (10, "编号", "duplicate-id", "error"),
]


def test_clean_and_faulty_rows_read_together(tmp_path: Path) -> None:
    fast = load(save_full_roster(tmp_path, MIXED))
    assert (fast.counts, fast.skipped) == ({"roster": 8}, {"roster": 3})
    cadres = {c.id: c for c in fast.cadres}  # type: ignore[attr-defined]
    assert list(cadres) == ["C01", "C02", "C03", "C04", "C05", "C08", "C09", "C10"]
    assert cadres["C01"].department == "办公室"  # the first row of the repeated id
    assert (cadres["C04"].department, cadres["C04"].wishes) == ("办公 室", ["公文写作", "数字政府"])
    assert (cadres["C05"].managed_by, cadres["C05"].post_code, cadres["C05"].category) == ("县委 管理", "", "")
    assert (cadres["C08"].completed, cadres["C08"].hours_year) == ([], None)
    assert [(p.row, p.column, p.code, p.severity) for p in fast.problems] == PROBLEMS  # type: ignore[attr-defined]
    # a note of a row skipped for another fault, before it or after it, does not say the row was kept
    kept = {p.row for p in fast.problems if "(the row was kept)" in p.message}  # type: ignore[attr-defined]
    assert kept == {3, 5, 6, 9}
