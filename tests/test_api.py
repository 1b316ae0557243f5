"""The Python API on the samples: analyze, plan, write, DataFrames, errors, and the README's example."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from builders import OUTPUTS, ROOT, SAMPLES, bytes_that_came, make_csv, no_child_left, stuck_copy

import needscli
from needscli.core.analysis import FRAME_KINDS
from needscli.io import tables
from needscli.models import Assignment, TrainingClass, UnmetNeed
from needscli.reports.parallel import Forked, can_fork

AS_OF = "2026-11-01"
NEEDS_CSV_COLUMNS = ["cadre_id", "name", "unit", "topic", "source", "training_type", "priority", "rule_id", "reason",
                     "deadline", "status"]


@pytest.fixture(scope="module")
def analysis() -> needscli.Analysis:
    return needscli.analyze(str(SAMPLES), as_of=AS_OF)


@pytest.fixture(scope="module")
def plan(analysis: needscli.Analysis) -> needscli.Plan:
    return needscli.plan(analysis)


@pytest.fixture(scope="module")
def written(analysis: needscli.Analysis, plan: needscli.Plan, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("api")
    paths = needscli.write(analysis, plan, folder)
    assert sorted(p.name for p in paths) == sorted(OUTPUTS)
    return folder


def csv_frame(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)


def test_the_public_names_are_all_there() -> None:
    assert {"analyze", "plan", "write", "Analysis", "Plan", "Config", "Problem", "NeedsError", "ExitCode",
            "Cadre", "Need", "TrainingClass"} <= set(needscli.__all__)
    for name in needscli.__all__:
        assert getattr(needscli, name) is not None, name


def test_the_samples_give_the_counts_the_readme_shows(analysis: needscli.Analysis, plan: needscli.Plan) -> None:
    assert (len(analysis.cadres), len(analysis.needs)) == (480, 4759)
    by_source = Counter(n.source for n in analysis.needs)
    assert by_source == {"obligation": 561, "theory-core": 2237, "organizational": 381, "post": 1203, "personal": 377}
    assert sum(by_source.values()) == len(analysis.needs)
    # every obligation not met is a need of its own: appointment, initial, rotation and hours due or overdue
    assert sum(o.status in ("due", "overdue") for o in analysis.obligations if o.kind != "online") == 561
    # the samples deliberately leave hours and online cells blank and name three priority topics loosely:
    # warnings only, each naming its cell; and leave some 管理权限 blank, filled from the level (a notice per organizer)
    assert Counter((p.code, p.severity) for p in analysis.problems) == {("compliance-unknown", "warning"): 33,
                                                                        ("topic-close-match", "warning"): 3,
                                                                        ("organizer-from-level", "warning"): 2}
    assert (len(plan.classes), len(plan.assignments), len(plan.unmet), len(plan.hours_left)) == (35, 4244, 288, 227)
    assert Counter(a.route for a in plan.assignments) == {"class": 2105, "sent-up": 249, "online": 331, "in-unit": 1559}
    # every need served (a class, sent up, online, in the unit) or unmet, once; the hours needs ask for no class
    assert len(plan.assignments) + len(plan.unmet) + len(plan.hours_left) == len(analysis.needs)


def test_write_writes_the_six_outputs_with_the_frames_rows(analysis: needscli.Analysis, plan: needscli.Plan,
                                                          written: Path) -> None:
    assert len(csv_frame(written / "needs.csv")) == len(analysis.to_frame("needs"))
    assert len(csv_frame(written / "classes.csv")) == len(plan.to_frame("classes"))
    assert len(csv_frame(written / "assignments.csv")) == len(plan.to_frame("assignments"))


def test_the_frames_name_a_class_as_the_parquet_files_do(plan: needscli.Plan, written: Path) -> None:
    """class_id in the classes and assignments frames, classes.parquet, plan.parquet and assignments.parquet alike:
    an analyst joins a frame to a file, or one frame to the other, without renaming."""
    classes = plan.to_frame("classes")
    assert classes["class_id"].tolist() == pd.read_parquet(written / "classes.parquet")["class_id"].tolist()
    assert set(classes["class_id"]) == set(pd.read_parquet(written / "plan.parquet")["class_id"])
    seats = pd.read_parquet(written / "assignments.parquet")
    assert set(seats["class_id"]) - {""} <= set(classes["class_id"])
    assert "id" not in classes.columns


def test_the_needs_frame_holds_what_needs_csv_holds(analysis: needscli.Analysis, written: Path) -> None:
    frame = analysis.to_frame("needs")
    assert list(frame.columns) == ["cadre_id", "name", "unit", "topic_id", "topic", "source", "training_type",
                                   "priority", "hours", "rule_id", "reason", "deadline", "status"]
    assert frame["priority"].dtype == "float64" and frame["hours"].dtype == "float64"
    assert str(frame["deadline"].dtype) == "datetime64[ns]" and frame["status"].dtype == pd.Series(["a"]).dtype
    on_disk = csv_frame(written / "needs.csv")
    assert list(on_disk.columns) == NEEDS_CSV_COLUMNS
    text_columns = [c for c in NEEDS_CSV_COLUMNS if c not in ("priority", "deadline")]
    assert frame[text_columns].equals(on_disk[text_columns].astype(pd.Series(["a"]).dtype))
    assert (frame["priority"] == on_disk["priority"].astype(float)).all()
    # an obligation's deadline, as the ISO date needs.csv writes (empty for every other need)
    assert frame["deadline"].dt.strftime("%Y-%m-%d").fillna("").tolist() == on_disk["deadline"].tolist()
    assert set(frame["status"]) == {"", "due", "overdue"}
    assert [analysis.catalog.label(t, analysis.lang) for t in frame["topic_id"]] == frame["topic"].tolist()


def test_each_frame_has_one_row_per_item(analysis: needscli.Analysis) -> None:
    sizes = {kind: len(analysis.to_frame(kind)) for kind in FRAME_KINDS}
    assert sizes == {"needs": len(analysis.needs), "obligations": len(analysis.obligations),
                     "compliance": len(analysis.compliance), "ranking": len(analysis.ranking),
                     "unit_ranking": len(analysis.unit_ranking), "cadres": 480, "problems": len(analysis.problems)}
    assert sizes["needs"] > 0 and sizes["obligations"] > sizes["cadres"]  # every cadre's, met or not
    assert sizes["compliance"] > 0 and sizes["ranking"] > 0 and sizes["unit_ranking"] > sizes["ranking"]


def test_frames_columns_and_dtypes(analysis: needscli.Analysis) -> None:
    cadres = analysis.to_frame("cadres")
    assert list(cadres.columns[:5]) == ["cadre_id", "name", "unit", "post", "level"]
    assert cadres["cadre_id"].tolist() == [c.id for c in analysis.cadres]
    assert str(cadres["appointed"].dtype) == "datetime64[ns]" and cadres["hours_year"].dtype == "float64"
    compliance = analysis.to_frame("compliance")
    assert list(compliance.columns) == ["cadre_id", "name", "unit", "level", "standard", "required", "done",
                                        "deficit", "days_required", "days", "online_required", "online",
                                        "online_deficit", "deadline"]
    assert set(compliance["standard"]) == {"annual", "five-year"}
    assert str(compliance["deadline"].dtype) == "datetime64[ns]" and compliance["online_deficit"].dtype == "float64"
    assert compliance["deadline"].notna().all()
    obligations = analysis.to_frame("obligations")
    assert list(obligations.columns) == ["cadre_id", "kind", "topic_id", "status", "deadline", "overdue_months",
                                         "missing", "source_id"]
    assert str(obligations["deadline"].dtype) == "datetime64[ns]" and obligations["overdue_months"].dtype == "int64"
    assert set(obligations["kind"]) == {"appointment", "initial", "rotation", "hours", "online"}
    assert ((obligations["overdue_months"] > 0) == (obligations["status"] == "overdue")).all()
    assert (obligations["missing"] != "").equals(obligations["status"] == "unknown")
    ranking = analysis.to_frame("ranking")
    assert "unit" not in ranking.columns and analysis.to_frame("unit_ranking").columns[0] == "unit"
    by_source = [c for c in ranking.columns if c.startswith("by_source_")]
    assert by_source == ["by_source_obligation", "by_source_theory_core", "by_source_compliance",
                         "by_source_organizational", "by_source_post", "by_source_personal"]
    assert (ranking[by_source].sum(axis=1) == ranking["cadres"]).all()
    assert ranking["rank"].tolist() == [r.rank for r in analysis.ranking]
    assert str(ranking["rank_mwds"].dtype) == "Int64"
    # MWDS with its parts: groups' rankings pool from the frames exactly (ΣI·Σ(I−C)/N²), as rollup pools them
    rated = ranking[ranking["respondents"] > 0]
    assert len(rated) == 3
    mwds = rated["importance_sum"] * rated["discrepancy_sum"] / rated["respondents"] ** 2
    assert (mwds.round(4) == rated["mwds"].round(4)).all()
    # every figure of a cadre the obligations read: its 录用时间, days and online hours, and its ratings
    assert str(cadres["recorded"].dtype) == "datetime64[ns]"
    assert {"days_year", "days_five_year", "online_hours_year"} <= set(cadres.columns)
    rater = next(c for c in analysis.cadres if any(r.importance and r.ability for r in c.ratings.values()))
    said = cadres.loc[cadres["cadre_id"] == rater.id, "ratings"].item()
    topic, rating = next((t, r) for t, r in rater.ratings.items() if r.importance and r.ability)
    assert f"{topic} I{rating.importance} C{rating.ability}" in said.split("; ")


@pytest.mark.parametrize("kind", ["needs", "obligations", "compliance", "unit_ranking", "classes", "assignments",
                                  "unmet", "hours_left"])
def test_a_frame_concatenates_with_its_parquet_file_keeping_the_dtypes(analysis: needscli.Analysis,
                                                                      plan: needscli.Plan, written: Path,
                                                                      kind: str) -> None:
    """Text in pandas' default string dtype, as pd.read_parquet gives it; the Parquet dates (date32) read back as
    datetime.date objects, made datetime64[ns] as the README says (.astype)."""
    frame = (analysis if kind in FRAME_KINDS else plan).to_frame(kind)
    dates = [c for c in frame.columns if str(frame[c].dtype) == "datetime64[ns]"]
    stored = pd.read_parquet(written / f"{kind}.parquet").astype(dict.fromkeys(dates, "datetime64[ns]"))
    shared = [c for c in frame.columns if c in stored.columns]
    text = [c for c in shared if frame[c].dtype == pd.Series(["a"]).dtype]
    assert {"unit", "cadre_id", "name"} & set(text)
    assert [c for c in frame.columns if frame[c].dtype == object and c != "members"] == []  # text is str under pandas 3
    both = pd.concat([frame[shared], stored[shared]], ignore_index=True)
    assert {c: str(both[c].dtype) for c in text + dates} == {c: str(frame[c].dtype) for c in text + dates}
    assert {c: str(stored[c].dtype) for c in text + dates} == {c: str(frame[c].dtype) for c in text + dates}
    assert len(both) == 2 * len(frame)


def test_a_frame_without_rows_keeps_its_dtypes(analysis: needscli.Analysis) -> None:
    problem = needscli.Problem(code="bad-date", file="roster.xlsx", sheet="花名册", row=17, column="任现职时间",
                               message="not a date")
    empty, one = analysis.to_frame("problems"), dataclasses.replace(analysis, problems=[problem]).to_frame("problems")
    assert list(empty.columns) == list(one.columns) == ["code", "severity", "file", "sheet", "row", "column",
                                                        "cell", "expected", "message"]
    assert empty.dtypes.to_dict() == one.dtypes.to_dict()
    assert one.loc[0, "row"] == 17 and one.loc[0, "code"] == "bad-date"


def test_an_unknown_kind_names_the_valid_ones(analysis: needscli.Analysis) -> None:
    with pytest.raises(ValueError, match="needs, obligations, compliance, ranking, unit_ranking, cadres, problems"):
        analysis.to_frame("classes")


def test_the_plan_frames(plan: needscli.Plan) -> None:
    classes, assignments, unmet = (plan.to_frame(kind) for kind in ("classes", "assignments", "unmet"))
    assert list(classes.columns) == ["class_id", *list(TrainingClass.model_fields)[1:]]
    assert list(assignments.columns) == [f.name for f in dataclasses.fields(Assignment)]
    assert list(unmet.columns) == [f.name for f in dataclasses.fields(UnmetNeed)]
    assert (len(classes), len(assignments), len(unmet)) == (35, 4244, 288)
    # an assignment is a need served: one seat in the theory class serves several core needs; online and
    # in-unit needs have no class
    seated = assignments[assignments["class_id"] != ""]
    assert classes["members"].map(len).sum() == len(seated[["cadre_id", "class_id"]].drop_duplicates())


def test_plan_settings_do_not_change_the_analysis_config(analysis: needscli.Analysis, plan: needscli.Plan) -> None:
    config, before = analysis.config, analysis.config.model_dump()
    smaller = needscli.plan(analysis, max_size=30, min_size=10, periods=6)
    assert analysis.config is config and analysis.config.model_dump() == before
    assert max(c.size for c in smaller.classes) <= 30 < max(c.size for c in plan.classes)
    assert smaller.periods == 6 and {c.period for c in smaller.classes} <= set(range(1, 7))


@pytest.mark.parametrize("settings", [{"min_size": 60}, {"min_size": 0}, {"unit_away_share": 1.5},
                                      {"periods": 0}, {"periods": 500}])
def test_bad_plan_settings_raise_needs_error(analysis: needscli.Analysis, settings: dict[str, float]) -> None:
    with pytest.raises(needscli.NeedsError) as caught:
        needscli.plan(analysis, **settings)  # type: ignore[arg-type]
    assert caught.value.exit_code == needscli.ExitCode.INPUT_UNUSABLE
    assert next(iter(settings)) in str(caught.value)


@pytest.mark.parametrize(("start", "said"), [  # said in the analysis' language: the samples' Chinese
    ("9999-06-01", "start「9999-06-01」不是 1900 年至 2999 年之间的日期"),  # its periods ran past the calendar
    (dt.date(1850, 1, 1), "start「1850-01-01」不是 1900 年至 2999 年之间的日期"),
    ("2027-13-01", 'start「2027-13-01」不是日期；请给出 datetime.date，或如 "2026-11-01" 的文本'),
])
def test_a_plan_start_the_command_line_refuses_raises_needs_error(analysis: needscli.Analysis, start: object,
                                                                   said: str) -> None:
    with pytest.raises(needscli.NeedsError) as caught:
        needscli.plan(analysis, start=start)  # type: ignore[arg-type]
    assert str(caught.value) == said


def test_a_datetime_start_is_its_day(analysis: needscli.Analysis) -> None:
    assert needscli.plan(analysis, start=dt.datetime(2027, 1, 1, 10)).start == dt.date(2027, 1, 1)


def test_an_as_of_past_the_years_of_a_run_raises_needs_error() -> None:
    with pytest.raises(needscli.NeedsError, match='as_of "0001-01-01" is not a date from 1900 to 2999'):
        needscli.analyze(SAMPLES, as_of="0001-01-01", lang="en")
    with pytest.raises(needscli.NeedsError, match="as_of「0001-01-01」不是 1900 年至 2999 年之间的日期"):
        needscli.analyze(SAMPLES, as_of="0001-01-01")  # no roster read yet: Chinese, the offices' language


def test_a_missing_roster_raises_needs_error_with_exit_code_2(tmp_path: Path) -> None:
    with pytest.raises(needscli.NeedsError) as caught:
        needscli.analyze(tmp_path / "missing.xlsx")
    assert caught.value.exit_code == 2


def test_a_list_of_paths_and_a_date_give_the_same_analysis(analysis: needscli.Analysis) -> None:
    again = needscli.analyze([SAMPLES], as_of=analysis.as_of)  # the fixture gave a str and a str date
    assert again.as_of == analysis.as_of
    assert again.to_frame("needs").equals(analysis.to_frame("needs"))


def test_a_config_may_be_given_as_a_dict_of_its_tables_checked_as_a_files() -> None:
    assert needscli.analyze(SAMPLES, config={"classes": {"max_size": 35}}, as_of=AS_OF).config.classes.max_size == 35
    with pytest.raises(needscli.NeedsError, match="classes.max_sise: unknown key"):
        needscli.analyze(SAMPLES, config={"classes": {"max_sise": 35}}, as_of=AS_OF, lang="en")


@pytest.mark.parametrize(("call", "said"), [
    (lambda a, p: needscli.plan("cadres.xlsx"), "plan() takes the Analysis needscli.analyze() returns, not str"),
    (lambda a, p: needscli.write(p, a, "out"), "write() takes the Analysis needscli.analyze() returns, not Plan"),
    (lambda a, p: needscli.write(a, a, "out"), "write() takes the Plan needscli.plan() returns as its second "
                                               "argument, not Analysis"),
    (lambda a, p: needscli.analyze(SAMPLES, config=5), "config takes a needscli.Config, the path of a TOML file or a "
                                                       "dict of its tables, not int"),
    (lambda a, p: needscli.analyze(SAMPLES, as_of=20261101), 'as_of takes a datetime.date or a text such as '
                                                             '"2026-11-01", not int'),
])
def test_arguments_of_another_type_are_named(analysis: needscli.Analysis, plan: needscli.Plan,
                                             call: Callable[[needscli.Analysis, needscli.Plan], object],
                                             said: str) -> None:
    """A script that swapped the arguments is told so, not given an AttributeError from deep inside."""
    with pytest.raises(TypeError) as caught:
        call(analysis, plan)
    assert str(caught.value) == said


def test_a_config_file_path_is_read(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[classes]\nmax_size = 35\n", encoding="utf-8")
    assert needscli.analyze(SAMPLES, config=str(config), as_of=AS_OF).config.classes.max_size == 35


@pytest.mark.skipif(not can_fork(), reason="a second process needs fork")
def test_needs_found_in_two_processes_give_the_same_analysis_and_plan(analysis: needscli.Analysis,
                                                                       plan: needscli.Plan,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    came = bytes_that_came(monkeypatch)
    two = needscli.Config().model_copy(update={"limits": needscli.Config().limits.model_copy(
        update={"needs_split_cadres": 1})})
    again = needscli.analyze(SAMPLES, config=two, as_of=AS_OF)
    assert came == [True]
    assert analysis.config.limits.needs_split_cadres > len(analysis.cadres)  # the fixture's: found in one
    for kind in FRAME_KINDS:
        assert again.to_frame(kind).equals(analysis.to_frame(kind)), kind
    assert again.problems == analysis.problems
    assert again.catalog.mapping == analysis.catalog.mapping
    again_plan = needscli.plan(again)
    assert (again_plan.classes, again_plan.assignments, again_plan.unmet) == (plan.classes, plan.assignments,
                                                                              plan.unmet)


@pytest.mark.skipif(not can_fork(), reason="a second process needs fork")
def test_a_second_process_stuck_past_the_configured_wait_leaves_the_same_analysis(
        analysis: needscli.Analysis, monkeypatch: pytest.MonkeyPatch) -> None:
    waits: list[float | None] = []
    real = Forked.start

    def start(work: Callable[[], bytes], wait: float | None = None) -> Forked | None:
        waits.append(wait)
        return real(work, wait)

    monkeypatch.setattr(Forked, "start", start)
    stuck_copy(monkeypatch)
    limits = needscli.Config().limits.model_copy(update={"needs_split_cadres": 1, "needs_wait_seconds": 0.25})
    again = needscli.analyze(SAMPLES, config=needscli.Config().model_copy(update={"limits": limits}), as_of=AS_OF)
    assert waits == [0.25]
    for kind in FRAME_KINDS:
        assert again.to_frame(kind).equals(analysis.to_frame(kind)), kind
    assert again.problems == analysis.problems
    assert no_child_left()


@pytest.mark.skipif(not can_fork(), reason="a second process needs fork")
def test_cadres_built_in_two_processes_give_the_same_analysis_and_plan(analysis: needscli.Analysis,
                                                                        plan: needscli.Plan,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    came = bytes_that_came(monkeypatch)
    limits = needscli.Config().limits.model_copy(update={"build_split_rows": 1, "needs_processes": 1})
    again = needscli.analyze(SAMPLES, config=needscli.Config().model_copy(update={"limits": limits}), as_of=AS_OF)
    assert came == [True]  # the roster's cadres: the samples' other sheets are not rosters
    assert analysis.config.limits.build_split_rows > len(analysis.cadres)  # the fixture's: built in one
    assert [c.__getstate__() for c in again.cadres] == [c.__getstate__() for c in analysis.cadres]
    for kind in FRAME_KINDS:
        assert again.to_frame(kind).equals(analysis.to_frame(kind)), kind
    assert again.problems == analysis.problems
    again_plan = needscli.plan(again)
    assert (again_plan.classes, again_plan.assignments, again_plan.unmet) == (plan.classes, plan.assignments,
                                                                              plan.unmet)


@pytest.mark.skipif(not can_fork(), reason="a second process needs fork")
def test_a_stuck_second_builder_leaves_its_rows_to_the_run(analysis: needscli.Analysis,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    def stuck(*_: object) -> bytes:  # patched before the fork: in the copy too
        time.sleep(3600)
        return b""

    monkeypatch.setattr(tables, "_build_share", stuck)
    came = bytes_that_came(monkeypatch)
    limits = needscli.Config().limits.model_copy(update={"build_split_rows": 1, "needs_processes": 1,
                                                         "needs_wait_seconds": 0.25})
    again = needscli.analyze(SAMPLES, config=needscli.Config().model_copy(update={"limits": limits}), as_of=AS_OF)
    assert came == [False]
    assert [c.__getstate__() for c in again.cadres] == [c.__getstate__() for c in analysis.cadres]
    assert again.problems == analysis.problems
    assert no_child_left()


def test_importing_needscli_loads_no_pandas() -> None:
    script = ("import sys, needscli, needscli.pipeline; "
              "print(callable(needscli.plan), 'pandas' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True", "False"]


def readme_example() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Python API\n", 1)[1]
    found = re.search(r"```python\n(.*?)```", section, re.S)
    assert found, "the Python API section has no python code block"
    return found.group(1)


def test_the_readme_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "data" / "samples").mkdir(parents=True)
    shutil.copy(SAMPLES, tmp_path / "data" / "samples")
    monkeypatch.chdir(tmp_path)
    exec(compile(readme_example(), "README.md", "exec"), {"__name__": "readme"})
    printed = capsys.readouterr().out
    assert sorted(p.name for p in (tmp_path / "needscli-out").iterdir()) == sorted(OUTPUTS)
    assert "theory-core" in printed and printed.count("Wrote ") == len(OUTPUTS)


def test_write_refuses_a_rollups_folder_and_a_part_of_a_runs(analysis: needscli.Analysis, plan: needscli.Plan,
                                                             written: Path, tmp_path: Path) -> None:
    from needscli.reports.rollup import rollup
    from needscli.reports.rollup_report import write_rollup

    write_rollup(rollup([written]), tmp_path / "roll")
    rolled = sorted(p.name for p in (tmp_path / "roll").iterdir())
    with pytest.raises(needscli.NeedsError) as caught:
        needscli.write(analysis, plan, tmp_path / "roll")
    assert caught.value.exit_code == needscli.ExitCode.OUTPUT_FAILED
    assert caught.value.message.startswith(f"{tmp_path / 'roll'}：这是 needscli rollup 的汇总输出文件夹")
    assert sorted(p.name for p in (tmp_path / "roll").iterdir()) == rolled
    with pytest.raises(needscli.NeedsError, match="的 snapshot 或分发文件夹之中"):
        needscli.write(analysis, plan, written / "snapshot")
    assert not (written / "snapshot" / "needs.csv").exists()


def test_a_class_whose_host_is_to_be_fixed_has_no_cost_in_the_frame_as_in_classes_parquet(
        plan: needscli.Plan, written: Path) -> None:
    frame = plan.to_frame("classes")
    parquet = pd.read_parquet(written / "classes.parquet")
    unassigned = frame["resource"] == "unassigned"
    assert unassigned.any() and not unassigned.all()
    assert frame["cost_per_seat"].isna().equals(unassigned)
    assert frame["cost_per_seat"].isna().tolist() == parquet["cost_per_seat"].isna().tolist()
    assert frame.loc[~unassigned, "cost_per_seat"].tolist() == parquet.loc[~unassigned, "cost_per_seat"].tolist()


THREE_CADRES = [["编号", "姓名", "单位", "职务", "职级", "任现职时间", "本年度学时", "五年累计学时", "本年度网络学时"],
                ["C0001", "张明", "市财政局", "局长", "县处级正职", "2020.08", 96, 600, 60],
                ["C0002", "李华", "市财政局", "办公室主任", "乡科级正职", "2019-05-01", 96, 600, 60],
                ["C0003", "王芳", "市财政局", "科员", "一级科员", "2020年11月", 96, 600, 60]]


def test_a_plans_problems_are_a_frame_of_their_own_in_the_analysis_language(tmp_path: Path) -> None:
    """What forming classes finds (here a cadre no organizer takes) is the plan's: a script checks both frames."""
    analysis = needscli.analyze(make_csv(tmp_path, THREE_CADRES), as_of=AS_OF,
                                config={"classes": {"organizer_by_tier": {}}})
    plan = needscli.plan(analysis)
    frame = plan.to_frame("problems")
    assert analysis.problems == [] and len(analysis.to_frame("problems")) == 0
    assert frame.dtypes.to_dict() == analysis.to_frame("problems").dtypes.to_dict()
    assert frame["code"].tolist() == ["no-organizer"]  # said once, at the first such row
    assert frame.loc[0, "row"] == 2 and frame.loc[0, "message"].startswith("第 2 行")
