"""A run stopped from outside: SIGTERM unwinds like Ctrl-C (exit 143, nothing half-written left), SIGKILL
leaves temp folders that the next run removes, and the forked writers never outlive their parent."""

from __future__ import annotations

import importlib.util
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from types import ModuleType

import pyarrow.parquet as pq
import pytest
from builders import (
    NEEDS_AS_OF,
    OUTPUTS,
    ROOT,
    SAMPLES,
    folder_state,
    make_needs_workbook,
    run_analyze,
)

from needscli.io.snapshot import load_snapshot

pytestmark = pytest.mark.skipif(not hasattr(os, "fork") or sys.platform == "darwin",
                                reason="the writers are forked (Linux and other systems with a safe fork)")
# the tables of the snapshot's folder, beside analysis.json
SNAPSHOT_TABLES = sorted(f"{name}.parquet" for name in ("cadres", "needs", "obligations", "compliance", "ranking",
                                                         "unit_ranking", "unmatched", "ledger_diffs"))


def kill_runs_script() -> ModuleType:
    """benchmarks/kill_runs.py, whose kills this test makes a few of (the script makes 20)."""
    spec = importlib.util.spec_from_file_location("kill_runs", ROOT / "benchmarks" / "kill_runs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["kill_runs"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_runs_killed_while_writing_leave_nothing_after_the_next_run(tmp_path: Path) -> None:
    """SIGKILL at random moments while analyze writes the samples' outputs, three times; then a last run."""
    script = kill_runs_script()
    out = tmp_path / "out"
    kills, faults = script.kill_runs(SAMPLES, out, runs=3, seed=random.randrange(1 << 30))
    assert [f for k in kills for f in k.faults] == []  # after each kill: outputs whole, no writer left
    assert faults == []  # the last run: no temp folder of the killed runs, every output whole
    assert script.temp_entries(out) == set()
    assert sorted(p.name for p in out.iterdir()) == OUTPUTS
    assert sorted(p.name for p in (out / "snapshot").iterdir()) == SNAPSHOT_TABLES
    for path in sorted(out.rglob("*.parquet")):  # kill_runs checks workbooks, CSV and JSON: Parquet here
        pq.read_table(path)
    load_snapshot(out)  # analysis.json and the tables of snapshot/ are of one run (each table's sha256)


def test_runs_killed_while_writing_hand_outs_leave_nothing_after_the_next_run(tmp_path: Path) -> None:
    """The same with --split-by unit: the hand-outs are written in two processes of their own, each keeping its
    files in a folder of its own in the output folder until the run moves them into place."""
    script = kill_runs_script()
    out = tmp_path / "out"
    kills, faults = script.kill_runs(SAMPLES, out, runs=3, seed=random.randrange(1 << 30), split_by="unit")
    assert [f for k in kills for f in k.faults] == []
    assert faults == []
    assert script.temp_entries(out) == set()
    units = sorted(p for p in (out / "by-unit").iterdir())
    assert len(units) >= 3 and all(sorted(p.name for p in unit.iterdir())[:2] == ["assignments.csv", "class-rosters.xlsx"]
                                   for unit in units)


# analyze --split-by, its hand-outs staged, the main outputs taking long to write: it says so on stdout first
def stalled(module: str, name: str, said: str) -> str:
    """A child script running needscli's command line with module.name replaced by a stall: it prints said, then
    waits a minute (for the test to stop it there)."""
    return textwrap.dedent(f"""
        import sys, time
        import {module} as stalled
        def slow(*args, **kwargs):
            print("{said}", flush=True)
            time.sleep(60)
        stalled.{name} = slow
        from needscli.cli import main
        sys.argv = ["needscli", *sys.argv[1:]]
        main()
    """)


SLOW_MAIN_OUTPUTS = stalled("needscli.reports.outputs", "write_all", "writing")


def test_a_run_killed_after_its_hand_outs_were_written_leaves_no_hand_out_folder(tmp_path: Path) -> None:
    """analyze --split-by unit killed (SIGKILL) once its hand-outs were written, before they were moved into place:
    the office's folder showed by-unit/ with a folder per unit meanwhile, and the next run (without --split-by)
    removed the temp files in them but left the folders, empty. They are made only as the hand-outs move in; a
    folder of the office's there stays as it was."""
    out = tmp_path / "out"
    office = out / "by-unit" / "签到汇总"
    office.mkdir(parents=True)
    (office / "notes.txt").write_text("the office's own", encoding="utf-8")
    run = subprocess.Popen([sys.executable, "-c", SLOW_MAIN_OUTPUTS, "analyze", str(SAMPLES), "-o", str(out),
                            "--as-of", NEEDS_AS_OF, "--split-by", "unit", "-q"], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True, encoding="utf-8")
    try:
        assert run.stdout is not None and run.stdout.readline() == "writing\n"
        assert sorted(p.name for p in (out / "by-unit").iterdir()) == ["签到汇总"]  # none of the run's yet
        run.kill()
        run.communicate(timeout=30)
    finally:
        run.kill()
    assert run_analyze(SAMPLES, "-o", out, "--as-of", NEEDS_AS_OF, "-q").exit_code == 1  # the samples' problems
    assert kill_runs_script().temp_entries(out) == set()
    assert sorted(p.relative_to(out).as_posix() for p in (out / "by-unit").rglob("*")) == [
        "by-unit/签到汇总", "by-unit/签到汇总/notes.txt"]
    assert sorted(p.name for p in out.iterdir()) == sorted([*OUTPUTS, "by-unit"])


# analyze with a gap report that takes long to write: it says so on stdout once its temp file is written
SLOW_WRITER = textwrap.dedent("""
    import sys, time
    import needscli.reports.outputs as outputs
    written = outputs.write_gap_report
    def slow(*args, **kwargs):
        written(*args, **kwargs)
        print("writing", flush=True)
        time.sleep(60)
    outputs.write_gap_report = slow
    from needscli.cli import main
    sys.argv = ["needscli", *sys.argv[1:]]
    main()
""")


def _default_sigint() -> None:
    """In the child before it starts: Ctrl-C as a terminal sends it (a shell without job control starts a
    background command with SIGINT ignored, and Python then leaves it ignored)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


STOPPED = {  # (signal, language) -> the exit code and what the run says
    (signal.SIGTERM, "zh"): (143, "已终止（SIGTERM）：未写完的输出已清除，原有文件保持不变\n"),
    (signal.SIGINT, "zh"): (130, "已中断（Ctrl-C）：未写完的输出已清除，原有文件保持不变\n"),
    (signal.SIGINT, "en"): (130, "Interrupted (Ctrl-C): unfinished outputs were removed, the files there are as they "
                                 "were\n"),
    (signal.SIGTERM, "en"): (143, "Terminated (SIGTERM): unfinished outputs were removed, the files there are as they "
                                  "were\n"),
}


@pytest.mark.parametrize(("sent", "lang"), list(STOPPED), ids=[f"{s.name}-{lang}" for s, lang in STOPPED])
def test_sigterm_or_ctrl_c_while_writing_removes_what_was_begun_and_says_so(tmp_path: Path, sent: signal.Signals,
                                                                           lang: str) -> None:
    """SIGTERM exits 143, Ctrl-C (SIGINT) 130, each saying so in the run's language (Ctrl-C said nothing)."""
    roster_path = make_needs_workbook(tmp_path)
    out = tmp_path / "out"
    assert run_analyze(roster_path, "-o", out, "--as-of", NEEDS_AS_OF, "--lang", lang).exit_code == 0
    before = folder_state(out)
    run = subprocess.Popen([sys.executable, "-c", SLOW_WRITER, "analyze", str(roster_path), "-o", str(out),
                            "--as-of", "2026-12-01", "-q", "--lang", lang], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True, encoding="utf-8", preexec_fn=_default_sigint)
    try:
        assert run.stdout is not None and run.stdout.readline() == "writing\n"
        assert any(name.endswith(".tmp") for name in os.listdir(out))  # the run's temp folders are there
        run.send_signal(sent)
        _, stderr = run.communicate(timeout=30)
    finally:
        run.kill()
    assert (run.returncode, stderr) == STOPPED[sent, lang]
    assert folder_state(out) == before  # no temp folder left, every output as the first run wrote it


@pytest.mark.parametrize(("sent", "lang"), [(signal.SIGINT, "en"), (signal.SIGTERM, "en"), (signal.SIGINT, "zh")],
                         ids=["SIGINT-en", "SIGTERM-en", "SIGINT-zh"])
def test_a_run_stopped_once_its_roster_is_read_says_so_in_the_roster_s_language(tmp_path: Path, sent: signal.Signals,
                                                                               lang: str) -> None:
    """Without --lang, an English roster's run stopped while writing said 已中断（Ctrl-C）… under a Chinese locale (and a
    Chinese roster's Interrupted … under an English one): the language was the locale's, never the roster's once read."""
    roster_path = ROOT / "data" / "samples" / "roster-en.csv" if lang == "en" else make_needs_workbook(tmp_path)
    locale = {"en": "zh", "zh": "en"}[lang]  # the other language
    run = subprocess.Popen([sys.executable, "-c", SLOW_WRITER, "analyze", str(roster_path), "-o", str(tmp_path / "out"),
                            "--as-of", NEEDS_AS_OF, "-q"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           encoding="utf-8", preexec_fn=_default_sigint, env={**os.environ, "NEEDSCLI_LANG": locale})
    try:
        assert run.stdout is not None and run.stdout.readline() == "writing\n"
        run.send_signal(sent)
        _, stderr = run.communicate(timeout=30)
    finally:
        run.kill()
    assert (run.returncode, stderr) == STOPPED[sent, lang]


# validate, its check of the inputs taking a minute: a command that writes nothing
SLOW_CHECK = stalled("needscli.pipeline", "check_inputs", "checking")


@pytest.mark.parametrize(("sent", "said"), [(signal.SIGINT, "已中断（Ctrl-C）\n"), (signal.SIGTERM, "已终止（SIGTERM）\n")])
def test_a_command_writing_nothing_stopped_says_so_and_no_more(tmp_path: Path, sent: signal.Signals,
                                                               said: str) -> None:
    """validate writes no outputs: stopped, it says it was, not that outputs were removed."""
    run = subprocess.Popen([sys.executable, "-c", SLOW_CHECK, "validate", str(make_needs_workbook(tmp_path)),
                            "--lang", "zh"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           encoding="utf-8", preexec_fn=_default_sigint)
    try:
        assert run.stdout is not None and run.stdout.readline() == "checking\n"
        run.send_signal(sent)
        _, stderr = run.communicate(timeout=30)
    finally:
        run.kill()
    assert (run.returncode, stderr) == ({signal.SIGINT: 130, signal.SIGTERM: 143}[sent], said)


# the console script needscli (needscli.cli:main), stopped by a Ctrl-C as the command line's modules load: raised at
# the first import of typer, as a Ctrl-C in the first few tenths of a second is
STOPPED_WHILE_LOADING = textwrap.dedent("""
    import sys
    class CtrlC:
        def find_spec(self, name, path=None, target=None):
            if name == "typer":
                sys.meta_path.remove(self)
                raise KeyboardInterrupt
            return None
    sys.meta_path.insert(0, CtrlC())
    from needscli.cli import main
    sys.argv = ["needscli", *sys.argv[1:]]
    sys.exit(main())
""")


@pytest.mark.parametrize(("args", "said"), [(["analyze", "--lang", "zh"], "已中断（Ctrl-C）\n"),
                                            (["validate", "--lang", "en"], "Interrupted (Ctrl-C)\n")])
def test_a_ctrl_c_while_the_command_line_loads_is_said_as_a_stop_not_a_traceback(tmp_path: Path, args: list[str],
                                                                                 said: str) -> None:
    """needscli stopped in its first few tenths of a second, its modules still loading: a KeyboardInterrupt
    traceback was printed. It is said as a command that wrote nothing says a stop, in the language asked for,
    exit 130."""
    done = subprocess.run([sys.executable, "-c", STOPPED_WHILE_LOADING, *args, str(tmp_path / "none.xlsx")],
                          capture_output=True, text=True, encoding="utf-8", timeout=60, check=False)
    assert (done.returncode, done.stderr, done.stdout) == (130, said, "")


# a parent that starts a writing child (whose task would take a minute), says the child's id and waits
PARENT = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from needscli.reports import parallel
    if sys.argv[2] == "watch":  # as where there is no prctl
        parallel._death_signal = lambda: False
    child = parallel.Child.start(lambda: time.sleep(60) or [], Path(sys.argv[1]))
    print(child.pid, flush=True)
    time.sleep(60)
""")


def gone(pid: int, wait: float = 5.0) -> bool:
    """Whether the process has ended (a zombie nobody reaped yet counts as ended) within wait seconds."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
                if handle.read().rsplit(")", 1)[1].split()[0] == "Z":
                    return True
        except FileNotFoundError:
            return True
        except OSError:  # no /proc: ask the process
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return True
        time.sleep(0.05)
    return False


@pytest.mark.parametrize("how", ["prctl", "watch"])
def test_a_writer_dies_with_its_parent_killed_by_sigkill(tmp_path: Path, how: str) -> None:
    if how == "prctl" and not sys.platform.startswith("linux"):
        pytest.skip("prctl is Linux's")
    parent = subprocess.Popen([sys.executable, "-c", PARENT, str(tmp_path), how], stdout=subprocess.PIPE, text=True)
    try:
        assert parent.stdout is not None
        child = int(parent.stdout.readline())
        assert not gone(child, wait=0.3)  # the child writes (sleeps) while its parent lives
    finally:
        parent.kill()
        parent.wait()
    assert gone(child), f"writer {child} outlived its parent"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to tell a zombie")
def test_a_writer_that_died_but_is_not_yet_reaped_counts_as_ended() -> None:
    """A writer killed with its parent stays a zombie until process 1 reaps it: its temp folders are stale."""
    import os
    import time

    from needscli.reports.files import _running

    pid = os.fork()
    if pid == 0:
        os._exit(0)
    try:
        for _ in range(100):  # until the child has exited (and is a zombie: not reaped yet)
            if Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] == "Z":
                break
            time.sleep(0.01)
        assert not _running(pid)
        assert _running(os.getppid())
    finally:
        os.waitpid(pid, 0)


def test_a_stop_while_the_marker_is_written_leaves_no_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A temp folder whose marker is empty is never removed by a later run (it may be no folder of needscli's):
    a SIGTERM or Ctrl-C landing while the marker is written must take the folder with it."""
    from needscli.reports import files

    def stopped(self: Path, *args: object, **kwargs: object) -> int:
        self.touch()  # the file is there, its words are not
        raise KeyboardInterrupt

    monkeypatch.setattr(Path, "write_text", stopped)
    with pytest.raises(KeyboardInterrupt):
        files.make_temp_folder(".needs.csv.", tmp_path)
    assert list(tmp_path.iterdir()) == []
