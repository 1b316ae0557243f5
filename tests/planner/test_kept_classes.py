"""Classes of an earlier plan kept as announced (analyze --keep-classes): ids, names, dates, hosts and the members
who still need them; the rest planned around them (planner.kept, io.kept_plan)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from builders import SAMPLES, run_analyze

import needscli
from needscli.errors import NeedsError
from needscli.io.kept_plan import read_kept_classes
from needscli.pipeline import plan_classes
from needscli.planner.kept import class_number

AS_OF = "2026-11-01"
LATER = "2027-02-15"  # the plan re-made then starts 2027-03-01


@pytest.fixture(scope="module")
def first(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("kept") / "plan1"
    analysis = needscli.analyze(SAMPLES, as_of=AS_OF)
    needscli.write(analysis, needscli.plan(analysis), folder, formats="parquet")
    return folder


def members(plan: needscli.Plan) -> dict[str, set[str]]:
    return {c.id: set(c.members) for c in plan.classes}


def without(tmp_path: Path, cadre: str) -> Path:
    """The samples' roster without the row of cadre (transferred out since)."""
    book = openpyxl.load_workbook(SAMPLES)
    sheet = book["干部花名册"]
    row = next(r[0].row for r in sheet.iter_rows() if r[0].value == cadre)
    sheet.delete_rows(row)
    path = tmp_path / "cadres.xlsx"
    book.save(path)
    return path


def test_the_classes_announced_from_the_new_start_keep_ids_dates_hosts_and_members(first: Path,
                                                                                   tmp_path: Path) -> None:
    kept = read_kept_classes(first)
    start = dt.date(2027, 3, 1)
    announced = {k.id: k for k in kept if k.start_date >= start}
    assert len(announced) > 10
    gone = sorted(announced.values(), key=lambda k: k.id)[0].members[0]  # a member of the first class kept
    later = needscli.analyze(without(tmp_path, gone), as_of=LATER, lang="zh")
    plan = plan_classes(later, kept=kept)
    assert plan.start == start
    made = {c.id: c for c in plan.classes}
    for cid, k in announced.items():
        cls = made[cid]
        assert (cls.name, cls.start_date, cls.topic_id, cls.organizer) == (k.name, k.start_date, k.topic_id,
                                                                           k.organizer)
        assert cls.resource == k.resource
        assert set(cls.members) == set(k.members) - {gone}  # none else left: each still needs it
    # the member no longer on the roster leaves each class of hers, said so
    left = [p for p in plan.problems if p.code == "kept-class-member-left"]
    assert left and all(gone in p.message and "已不在花名册上" in p.message for p in left)
    # the classes formed besides are numbered after the highest id kept
    highest = max(class_number(cid) for cid in announced)
    assert all(class_number(c.id) > highest for c in plan.classes if c.id not in announced)
    # no kept member's need of a kept class is left unmet
    unmet = {(u.cadre_id, u.topic_id) for u in plan.unmet}
    assert not [(m, made[cid].topic_id) for cid in announced for m in made[cid].members
                if (m, made[cid].topic_id) in unmet]


def test_a_member_who_trained_since_leaves_the_class_and_a_class_no_one_needs_is_not_held(first: Path,
                                                                                          tmp_path: Path) -> None:
    kept = read_kept_classes(first)
    later = needscli.analyze(SAMPLES, as_of=LATER, lang="zh")
    target = next(k for k in kept if k.start_date >= dt.date(2027, 3, 1) and k.training_type != "theory")
    # the class's topic no longer asked of any of its members (trained since, say): their needs of it gone
    later.needs = [n for n in later.needs if not (n.cadre_id in target.members and n.topic_id == target.topic_id)]
    plan = plan_classes(later, kept=kept)
    assert target.id not in {c.id for c in plan.classes}
    [dropped] = [p for p in plan.problems if p.code == "kept-class-dropped"]
    assert target.id in dropped.message and "不再举办" in dropped.message
    assert {p.message.split("：")[0] for p in plan.problems if p.code == "kept-class-member-left"} == {
        f"已公布的班次 {target.id}「{target.name}」"}


def test_classes_before_the_new_start_are_not_kept_nor_told(first: Path) -> None:
    kept = read_kept_classes(first)
    later = needscli.analyze(SAMPLES, as_of=LATER)
    plan = plan_classes(later, kept=kept)
    earlier = {k.id for k in kept if k.start_date < plan.start}
    assert earlier and not [p for p in plan.problems if p.code.startswith("kept-class") and
                            any(cid in p.message for cid in earlier)]


def test_a_folder_without_the_runs_parquet_files_stops_the_run_in_chinese(tmp_path: Path) -> None:
    with pytest.raises(NeedsError) as raised:
        read_kept_classes(tmp_path)
    assert "没有 classes.parquet 和 assignments.parquet" in raised.value.message
    result = run_analyze(SAMPLES, "--as-of", LATER, "--keep-classes", tmp_path, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert not (tmp_path / "out").exists()


def test_analyze_keep_classes_keeps_them_in_its_outputs(first: Path, tmp_path: Path) -> None:
    result = run_analyze(SAMPLES, "--as-of", LATER, "--keep-classes", first, "-o", tmp_path / "out", "--format",
                         "json")
    assert result.exit_code in (0, 1), result.output
    kept = {k.id: k for k in read_kept_classes(first) if k.start_date >= dt.date(2027, 3, 1)}
    again = {k.id: k for k in read_kept_classes(tmp_path / "out")}
    assert all((again[cid].start_date, again[cid].name) == (k.start_date, k.name) for cid, k in kept.items())
