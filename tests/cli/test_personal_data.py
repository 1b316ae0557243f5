"""No person reaches a message or a log, and pseudonymized outputs hold no id, no name and no key."""

from __future__ import annotations

import html
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from builders import (
    CANARY_ID,
    CANARY_NAME,
    NEEDS_AS_OF,
    NEEDS_POSTS,
    SMALL_CLASSES,
    csv_records,
    make_config,
    make_workbook,
    run_analyze,
    run_cli,
    run_needscli,
)
from click.testing import Result

from needscli.config import Config
from needscli.io.pseudonym_key import KEY_ENV
from needscli.pipeline import check_inputs

KEY = "k3y-for-tests-0123456789"
OTHER_KEY = "another-key-9876543210"
LEE_ID, LEE_NAME = "110105195001010012", "测试李四"
WANG_ID, WANG_NAME = "110105195102020024", "测试王五"
PERSONAL = [CANARY_ID, CANARY_NAME, LEE_ID, LEE_NAME, WANG_ID, WANG_NAME]
CANARY_HEADER = ["编号", "姓名", "单位", "职务", "职级", "任现职时间", "本年度学时"]


def canary_roster(folder: Path) -> Path:
    """Canaries in valid rows, a bad-date row (kept), an unknown-level row and a repeated id (both skipped)."""
    return make_workbook(folder, {"花名册": [
        CANARY_HEADER,
        [CANARY_ID, CANARY_NAME, "市财政局", "科员", "一级科员", "2020-01", 40],
        ["C0002", "普通干部", "市税务局", "科员", "一级科员", "2020-01", 40],
        [LEE_ID, LEE_NAME, "市财政局", "科员", "一级科员", "2023.13", 40],
        [WANG_ID, WANG_NAME, "市财政局", "科员", "火星级", "2020-01", 40],
        [CANARY_ID, CANARY_NAME, "市税务局", "科员", "一级科员", "2020-01", 40],
    ], "岗位": NEEDS_POSTS}, title="XX单位干部花名册", name="canary.xlsx")


def leaks(text: str, secrets: list[str] = PERSONAL) -> list[str]:
    return [s for s in secrets if s in text]


def test_canary_roster_has_the_problems_it_is_meant_to_have(tmp_path: Path) -> None:
    inputs = check_inputs([canary_roster(tmp_path)], Config())
    assert sorted((p.row, p.code) for p in inputs.problems) == [(5, "bad-date"), (6, "unknown-level"),
                                                                (7, "duplicate-id")]
    assert [c.id for c in inputs.cadres] == [CANARY_ID, "C0002", LEE_ID]


COMMANDS = [
    (["validate"], 1),
    (["validate", "--format", "json"], 1),
    (["analyze", "-o", "out", "--as-of", NEEDS_AS_OF], 1),
    (["analyze", "-o", "out-json", "--as-of", NEEDS_AS_OF, "--format", "json"], 1),
]


def test_no_person_in_any_message_or_log(tmp_path: Path) -> None:
    """Both streams of every command are free of ids and names; the runs leave no file but the outputs."""
    work, home = tmp_path / "work", tmp_path / "home"
    work.mkdir()
    home.mkdir()
    path = canary_roster(work)
    for args, code in COMMANDS:
        result = run_needscli(args[0], path.name, *args[1:], cwd=work,
                              env={"HOME": str(home), "XDG_CACHE_HOME": None, "XDG_STATE_HOME": None})
        assert result.returncode == code, (args, result.stderr)
        assert "Traceback" not in result.stderr
        assert leaks(result.stderr) == [], args
        assert leaks(result.stdout) == [], args
        if "json" in args:
            json.loads(result.stdout)
    written = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()}
    outputs = ["gap-report.xlsx", "needs.csv", "class-rosters.xlsx", "classes.csv", "assignments.csv",
               "plan.csv", "analysis.json"]
    assert written == {"work/canary.xlsx", *[f"work/{d}/{n}" for d in ("out", "out-json") for n in outputs]}


def readable_parts(path: Path) -> Iterator[tuple[str, str]]:
    """(part, text) of a file, zip parts unpacked; XML and JSON escapes undone so no value can hide."""
    data = {path.name: path.read_bytes()}
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            data = {f"{path.name}:{n}": archive.read(n) for n in archive.namelist()}
    for name, raw in data.items():
        text = raw.decode("utf-8-sig", errors="replace")
        yield name, text
        yield name, html.unescape(text)
        if name.endswith(".json"):
            yield name, json.dumps(json.loads(text), ensure_ascii=False)


def pseudonymized_run(tmp_path: Path, out: str, key: str, *extra: str) -> Result:
    result = run_analyze(canary_roster(tmp_path), "-o", tmp_path / out, "--pseudonymize", "--as-of", NEEDS_AS_OF,
                         "--config", make_config(tmp_path, SMALL_CLASSES), *extra, env={KEY_ENV: key})
    assert result.exit_code == 1, result.output
    return result


def test_pseudonymized_outputs_hold_no_id_no_name_and_no_key(tmp_path: Path) -> None:
    result = pseudonymized_run(tmp_path, "out", KEY, "--split-by", "unit")
    assert leaks(result.stdout + result.stderr, [*PERSONAL, KEY]) == []
    files = sorted(p for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert len(files) == 7 + 2 * 6  # the outputs, and the hand-outs of 市财政局 and 市税务局
    for path in files:
        for part, text in readable_parts(path):
            assert leaks(text, [*PERSONAL, KEY]) == [], f"{path.relative_to(tmp_path)} {part}"
    needs = csv_records(tmp_path / "out" / "needs.csv")
    assert {r["cadre_id"][:3] for r in needs} == {"ID-"} and {r["name"][:3] for r in needs} == {"NM-"}
    assert len({r["cadre_id"] for r in needs}) == 3


def tokens(folder: Path) -> set[tuple[str, str]]:
    return {(r["cadre_id"], r["name"]) for r in csv_records(folder / "needs.csv")}


def test_tokens_are_stable_for_one_key_and_differ_with_another(tmp_path: Path) -> None:
    pseudonymized_run(tmp_path, "one", KEY)
    pseudonymized_run(tmp_path, "two", KEY)
    pseudonymized_run(tmp_path, "other", OTHER_KEY)
    key_file = tmp_path / "key.txt"
    key_file.write_text(KEY + "\n", encoding="utf-8")
    pseudonymized_run(tmp_path, "from-file", OTHER_KEY, "--pseudonym-key", str(key_file))
    first = tokens(tmp_path / "one")
    assert len(first) == 3
    assert tokens(tmp_path / "two") == first
    assert tokens(tmp_path / "from-file") == first  # the file wins over the environment
    other = tokens(tmp_path / "other")
    assert len(other) == 3
    assert {i for i, _ in other}.isdisjoint({i for i, _ in first})
    assert {n for _, n in other}.isdisjoint({n for _, n in first})


NO_KEY = f"Error: --pseudonymize needs a key of at least 16 bytes: give --pseudonym-key FILE or set {KEY_ENV}\n"


@pytest.mark.parametrize(("env_key", "file_key", "message"), [
    (None, None, NO_KEY),
    ("fifteen-bytes!!", None, NO_KEY),
    (KEY, "short", NO_KEY),
    (KEY, "missing", "Error: nokey.txt: the pseudonym key file cannot be read\n"),
], ids=["no-key", "short-env-key", "short-key-file", "missing-key-file"])
def test_pseudonymize_without_a_usable_key_exits_2(tmp_path: Path, env_key: str | None, file_key: str | None,
                                                   message: str) -> None:
    args = ["analyze", canary_roster(tmp_path), "-o", tmp_path / "out", "--pseudonymize"]
    if file_key == "short":
        (tmp_path / "short.txt").write_text("0123456789abcde", encoding="utf-8")
        args += ["--pseudonym-key", tmp_path / "short.txt"]
    elif file_key == "missing":
        args += ["--pseudonym-key", tmp_path / "nokey.txt"]
    result = run_cli(*args, env={KEY_ENV: env_key})
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)
    assert not (tmp_path / "out").exists()
