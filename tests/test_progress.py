"""Progress on long work: forming classes tells its steps as each ends (a bar with an end, not a line without one),
in analyze's run and in classes' re-plan, where a province's plan takes minutes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from builders import SAMPLES, run_analyze, run_cli

from needscli.config import Config
from needscli.pipeline import Job, analyze, plan_classes, run_job
from needscli.planner import PLAN_STEPS

AS_OF = dt.date(2026, 11, 1)


class Told:
    """A progress callback that keeps what it was told: (stage, done, total)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, int, int]] = []

    def __call__(self, stage: str, done: int, total: int) -> None:
        self.calls.append((stage, done, total))

    def stages(self) -> list[str]:
        return list(dict.fromkeys(stage for stage, _, _ in self.calls))

    def of(self, stage: str) -> list[tuple[int, int]]:
        return [(done, total) for s, done, total in self.calls if s == stage]


def test_forming_classes_is_told_step_by_step_to_its_end() -> None:
    analysis, _ = analyze([SAMPLES], Config(), as_of=AS_OF)
    told = Told()
    plan = plan_classes(analysis, progress=told)
    assert told.stages() == ["forming classes"]
    steps = told.of("forming classes")
    assert steps[0] == (0, PLAN_STEPS)  # begun with its total: a bar, not a running line
    assert {total for _, total in steps} == {PLAN_STEPS}
    assert [done for done, _ in steps[1:]] == [1] * PLAN_STEPS  # each step once, the last at the end
    assert PLAN_STEPS > 1
    unseen = plan_classes(analysis)  # told or not, the same plan
    assert [(c.id, c.members) for c in plan.classes] == [(c.id, c.members) for c in unseen.classes]


def test_a_run_tells_its_stages_in_order_forming_classes_with_its_steps(tmp_path: Path) -> None:
    told = Told()
    run_job(Job([SAMPLES], Config(), output=tmp_path / "out", as_of=AS_OF), progress=told)
    stages = told.stages()
    assert stages[0] == "reading cadres.xlsx"
    assert stages[-2:] == ["forming classes", "writing reports"]  # (the samples' needs are found too soon to tell)
    steps = told.of("forming classes")
    assert steps[0] == (0, PLAN_STEPS)
    assert sum(done for done, _ in steps) == PLAN_STEPS


@pytest.fixture
def reporters(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """The CLI's progress bars as made (progress_reporter), each with what it was told and how often stopped."""
    made: list[dict[str, Any]] = []

    def reporter(enabled: bool, lang: str = "") -> tuple[Told | None, Any]:
        bar: dict[str, Any] = {"enabled": enabled, "told": Told(), "stopped": 0}
        made.append(bar)

        def stop() -> None:
            bar["stopped"] += 1

        return (bar["told"] if enabled else None), stop

    monkeypatch.setattr("needscli.cli.app.progress_reporter", reporter)
    return made


def test_classes_shows_reading_forming_and_writing(tmp_path: Path, reporters: list[dict[str, Any]]) -> None:
    out = tmp_path / "out"
    assert run_analyze(SAMPLES, "-o", out, "--as-of", "2026-11-01", "--quiet").exit_code == 1  # the samples warn
    reporters.clear()
    result = run_cli("classes", out, "--max-size", "40")
    assert result.exit_code == 1, result.output  # the samples' warnings, said again
    [bar] = reporters
    assert bar["enabled"] and bar["stopped"] == 1
    told: Told = bar["told"]
    assert told.stages() == ["reading out/analysis.json", "speaks zh", "forming classes", "writing reports"]
    assert sum(done for done, _ in told.of("forming classes")) == PLAN_STEPS


def test_classes_quiet_or_json_shows_no_bar(tmp_path: Path, reporters: list[dict[str, Any]]) -> None:
    out = tmp_path / "out"
    assert run_analyze(SAMPLES, "-o", out, "--as-of", "2026-11-01", "--quiet").exit_code == 1  # the samples warn
    for options in (["--quiet"], ["--format", "json"]):
        reporters.clear()
        assert run_cli("classes", out, *options).exit_code == 1
        [bar] = reporters
        assert not bar["enabled"] and bar["stopped"] == 1


def test_classes_stops_its_bar_before_an_error_is_said(tmp_path: Path, reporters: list[dict[str, Any]]) -> None:
    result = run_cli("classes", tmp_path / "no-such-run")
    assert result.exit_code != 0
    [bar] = reporters
    assert bar["stopped"] == 1
    assert "Traceback" not in result.output


def test_classes_in_the_run_folder_names_it(tmp_path: Path, reporters: list[dict[str, Any]],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "plan2027"
    assert run_analyze(SAMPLES, "-o", out, "--as-of", "2026-11-01", "--quiet").exit_code == 1
    monkeypatch.chdir(out)
    reporters.clear()
    assert run_cli("classes", ".").exit_code == 1
    assert reporters[0]["told"].stages()[0] == "reading plan2027/analysis.json"  # not "/analysis.json"


def test_a_bar_counts_as_a_person_reads_counts_and_nothing_without_a_total() -> None:
    from needscli.cli.render import stage_count

    assert stage_count(45000, 100000) == " 45,000/100,000"  # padded: the bar does not jump as the count grows
    assert stage_count(100000, 100000) == "100,000/100,000"
    assert stage_count(3, PLAN_STEPS) == f"3/{PLAN_STEPS}"
    assert stage_count(0, None) == ""  # writing reports: no 0/?
    assert stage_count(1, None) == ""  # nor 1/1 once over


def test_a_run_tells_its_language_once_the_roster_is_read(tmp_path: Path) -> None:
    from needscli.pipeline import SPEAKS

    told = Told()
    run_job(Job([SAMPLES.parent / "roster-en.csv"], Config(), output=tmp_path / "out", as_of=AS_OF), progress=told)
    stages = [stage for stage, _, _ in told.calls]
    assert SPEAKS + "en" in stages
    assert stages.index(SPEAKS + "en") < stages.index("forming classes")
    assert all(not s.startswith("reading ") for s in stages[stages.index(SPEAKS + "en"):])  # once read


def test_the_bar_says_the_stages_after_it_in_the_run_s_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """Begun in the locale's language (Chinese) while an English roster is read, the bar says the stages after it in
    English; --lang given, it keeps that one."""
    import io

    from rich.console import Console

    from needscli.cli import render
    from needscli.pipeline import SPEAKS

    def shown(lang: str) -> str:
        screen = io.StringIO()
        monkeypatch.setattr(render, "err", Console(file=screen, force_terminal=True, width=100))
        report, stop = render.progress_reporter(True, lang)
        assert report is not None
        report("reading roster-en.csv", 0, 0)
        report(SPEAKS + "en", 0, 0)
        report("forming classes", 0, PLAN_STEPS)
        report("forming classes", PLAN_STEPS, PLAN_STEPS)
        stop()
        return screen.getvalue()

    for name in ("NEEDSCLI_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    auto = shown("")
    assert "正在读取 roster-en.csv" in auto and "Forming classes" in auto and "正在编班" not in auto
    assert f"{PLAN_STEPS}/{PLAN_STEPS}" in auto
    kept = shown("zh")
    assert "正在编班" in kept and "Forming classes" not in kept


def test_the_python_api_plan_tells_its_steps() -> None:
    import needscli

    analysis = needscli.analyze(SAMPLES, as_of="2026-11-01")
    told = Told()
    needscli.plan(analysis, max_size=40, progress=told)
    assert told.stages() == ["forming classes"]
    assert sum(done for done, _ in told.of("forming classes")) == PLAN_STEPS


def test_validate_shows_reading_and_checking(tmp_path: Path, reporters: list[dict[str, Any]]) -> None:
    assert run_cli("validate", SAMPLES.parent / "roster-en.csv").exit_code in (0, 1)
    [bar] = reporters
    assert bar["enabled"] and bar["stopped"] == 1
    assert bar["told"].stages() == ["reading roster-en.csv", "speaks en", "checking inputs"]
    reporters.clear()
    assert run_cli("validate", tmp_path / "missing.xlsx").exit_code == 2  # a fault: the bar stopped before it
    assert reporters[0]["stopped"] == 1
    reporters.clear()
    assert run_cli("validate", SAMPLES, "--format", "json").exit_code in (0, 1)
    assert not reporters[0]["enabled"]


def test_checking_is_said_in_words() -> None:
    from needscli.cli.render import stage_words

    assert [stage_words("checking inputs", lang) for lang in ("zh", "en")] == ["正在检查", "Checking"]
