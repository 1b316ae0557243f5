"""No person reaches a message or a log, and pseudonymized outputs hold no id, no name and no key."""

from __future__ import annotations

import html
import json
import os
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from builders import (
    CANARY_ID,
    CANARY_NAME,
    HAND_OUTS,
    NEEDS_AS_OF,
    NEEDS_POSTS,
    OUTPUTS,
    PARQUET_OUTPUTS,
    SMALL_CLASSES,
    csv_records,
    make_config,
    make_workbook,
    records_csv,
    run_analyze,
    run_cli,
    run_needscli,
    sheet_records,
)
from click.testing import Result

import needscli
from needscli.config import Config
from needscli.errors import NeedsError
from needscli.io.pseudonym_key import KEY_ENV
from needscli.io.snapshot import read_snapshot
from needscli.pipeline import check_inputs

KEY = "k3y-for-tests-0123456789"
OTHER_KEY = "another-key-9876543210"
LEE_ID, LEE_NAME = "110105195001010012", "测试李四"
WANG_ID, WANG_NAME = "110105195102020024", "测试王五"
PERSONAL = [CANARY_ID, CANARY_NAME, LEE_ID, LEE_NAME, WANG_ID, WANG_NAME]
CANARY_HEADER = ["编号", "姓名", "单位", "职务", "职级", "任现职时间", "本年度学时"]
# the tables of the snapshot's folder, beside analysis.json
SNAPSHOT_TABLES = [f"snapshot/{name}.parquet" for name in ("cadres", "compliance", "ledger_diffs", "needs",
                                                            "obligations", "ranking", "unit_ranking", "unmatched")]
# every file of a run's folder (hand-outs of --split-by aside): the outputs, the snapshot's tables among them
OUTPUT_FILES = sorted([*(name for name in OUTPUTS if name != "snapshot"), *SNAPSHOT_TABLES])


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
    assert written == {"work/canary.xlsx", *[f"work/{d}/{n}" for d in ("out", "out-json") for n in OUTPUT_FILES]}


def readable_parts(path: Path) -> Iterator[tuple[str, str]]:
    """(part, text) of a file, zip parts unpacked; XML and JSON escapes undone and Parquet decoded (its pages
    are compressed: the bytes show no value) so no value can hide."""
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
    if path.suffix == ".parquet":
        yield f"{path.name}:values", "\n".join(parquet_texts(path))
        meta = pq.read_metadata(path)
        yield f"{path.name}:metadata", f"{meta.schema}\n{meta.metadata}"


def parquet_texts(path: Path) -> list[str]:
    """Every value of every row of a Parquet file as text (lists, structs and maps unpacked; a date ISO)."""
    return texts_of(pq.read_table(path).to_pylist())


def texts_of(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [t for k, v in value.items() for t in (str(k), *texts_of(v))]
    if isinstance(value, (list, tuple)):
        return [t for item in value for t in texts_of(item)]
    return [] if value is None else [str(value)]


def check_no_leak(folder: Path, secrets: list[str]) -> int:
    """Assert that no file below folder holds a secret in any readable part; returns the Parquet files decoded."""
    decoded = 0
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        for part, text in readable_parts(path):
            assert leaks(text, secrets) == [], f"{path.relative_to(folder)} {part}"
            decoded += part.endswith(":values")
    return decoded


def pseudonymized_run(tmp_path: Path, out: str, key: str, *extra: str) -> Result:
    result = run_analyze(canary_roster(tmp_path), "-o", tmp_path / out, "--pseudonymize", "--as-of", NEEDS_AS_OF,
                         "--config", make_config(tmp_path, SMALL_CLASSES), *extra, env={KEY_ENV: key})
    assert result.exit_code == 1, result.output
    return result


def test_pseudonymized_outputs_hold_no_id_no_name_and_no_key(tmp_path: Path) -> None:
    result = pseudonymized_run(tmp_path, "out", KEY, "--split-by", "unit")
    assert leaks(result.stdout + result.stderr, [*PERSONAL, KEY]) == []
    out = tmp_path / "out"
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    # the outputs, and the hand-outs of 市财政局 and 市税务局
    assert files == sorted([*OUTPUT_FILES, *(f"by-unit/{u}/{n}" for u in ("市财政局", "市税务局") for n in HAND_OUTS)])
    assert check_no_leak(out, [*PERSONAL, KEY]) == len(PARQUET_OUTPUTS) + len(SNAPSHOT_TABLES)  # all decoded
    needs = csv_records(out / "needs.csv")
    assert {r["cadre_id"][:3] for r in needs} == {"ID-"} and {r["name"][:3] for r in needs} == {"NM-"}
    assert len({r["cadre_id"] for r in needs}) == 3
    for table, columns in (("needs.parquet", ("cadre_id", "name")), ("snapshot/cadres.parquet", ("id", "name"))):
        rows = pq.read_table(out / table).to_pylist()  # the Parquet files hold the very tokens
        assert {(r[columns[0]], r[columns[1]]) for r in rows} == {(r["cadre_id"], r["name"]) for r in needs}, table


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
    (KEY, "short", "Error: the pseudonym key file short.txt holds 15 bytes; a key needs at least 16\n"),
    (KEY, "missing", "Error: the pseudonym key file nokey.txt cannot be read\n"),
    (KEY, "folder", "Error: the pseudonym key file keys cannot be read\n"),  # any name, a folder too
], ids=["no-key", "short-env-key", "short-key-file", "missing-key-file", "folder"])
def test_pseudonymize_without_a_usable_key_exits_2(tmp_path: Path, env_key: str | None, file_key: str | None,
                                                   message: str) -> None:
    args = ["analyze", canary_roster(tmp_path), "-o", tmp_path / "out", "--pseudonymize"]
    if file_key == "short":
        (tmp_path / "short.txt").write_text("0123456789abcde", encoding="utf-8")
        args += ["--pseudonym-key", tmp_path / "short.txt"]
    elif file_key == "missing":
        args += ["--pseudonym-key", tmp_path / "nokey.txt"]
    elif file_key == "folder":
        (tmp_path / "keys").mkdir()
        args += ["--pseudonym-key", tmp_path / "keys"]
    for lang in (["--lang", "en"], []):  # refused before the roster is read: in the locale's language (English here)
        result = run_cli(*args, *lang, env={KEY_ENV: env_key})
        assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)
    assert not (tmp_path / "out").exists()
    chinese = run_cli(*args, env={KEY_ENV: env_key, "NEEDSCLI_LANG": "zh"})
    assert chinese.exit_code == 2 and chinese.stderr.startswith("错误：") and "密钥" in chinese.stderr, chinese.stderr
    assert " the " not in chinese.stderr, chinese.stderr


# --- --pseudonymize --ledger --split-by unit: the ledger joined first, then every id a token ---------------

ZHAO_ID, ZHAO_NAME = "110105195203030036", "测试赵六"
QIAN_ID, QIAN_NAME = "CZ0007", "测试钱七"
SUN_ID, SUN_NAME = "110105195404040048", "测试孙八"
SKIPPED_ID, SKIPPED_NAME = "110105195505050050", "测试周九"  # a row skipped: an unknown level
OFF_ROSTER_ID, OFF_ROSTER_NAME = "110105199909090099", "测试不在册"  # in the ledger only
LEDGER_HEADER = ["编号", "姓名", "单位", "部门", "职务", "职级", "出生年月", "任现职时间", "本年度学时", "已参加培训",
                 "个人培训需求"]
# id, name, unit, department, post, level; the post of SUN names one person on its own
STAFF = [(CANARY_ID, CANARY_NAME, "市财政局", "预算科", "科员", "一级科员"),
         (LEE_ID, LEE_NAME, "市财政局", "办公室", "副局长", "县处级副职"),
         (WANG_ID, WANG_NAME, "市税务局", "征管科", "科员", "一级科员"),
         (ZHAO_ID, ZHAO_NAME, "市税务局", "局领导", "局长", "县处级正职"),
         (QIAN_ID, QIAN_NAME, "城关镇", "党政办", "镇长", "乡科级正职"),
         (SUN_ID, SUN_NAME, "市委", "市委办公室", "市委常委、组织部部长", "厅局级副职")]
EVERYONE = [*PERSONAL, ZHAO_ID, ZHAO_NAME, QIAN_ID, QIAN_NAME, SUN_ID, SUN_NAME, SKIPPED_ID, SKIPPED_NAME,
            OFF_ROSTER_ID, OFF_ROSTER_NAME]
BIRTH = "1968-04"


def ledger_roster(folder: Path) -> Path:
    """Six cadres of four units, each with a birth date, 20 hours and 党性教育 of June 2025; a bad date
    (kept) in 市税务局's first row, and a row skipped (an unknown level)."""
    rows: list[list[object]] = [LEDGER_HEADER]
    for cadre_id, name, unit, department, post, level in STAFF:
        appointed = "2023.13" if cadre_id == WANG_ID else "2024-05"
        rows.append([cadre_id, name, unit, department, post, level, BIRTH, appointed, 20, "党性教育(2025.06)",
                     "数字政府"])
    rows.append([SKIPPED_ID, SKIPPED_NAME, "城关镇", "党政办", "科员", "火星级", BIRTH, "2024-05", 20, None, None])
    return make_workbook(folder, {"花名册": rows, "岗位": NEEDS_POSTS}, name="ledger-roster.xlsx")


def imported_ledger(folder: Path) -> Path:
    """The ledger needscli records import makes of a records file: a six-day party-school class (36 h)
    in March 2026 for each cadre on the roster, and one for a cadre on no roster."""
    people = [(cadre_id, name) for cadre_id, name, *_ in STAFF] + [(OFF_ROSTER_ID, OFF_ROSTER_NAME)]
    records = records_csv(folder, *[[cadre_id, name, "党性教育", "集中", "2026-03-02", "2026-03-07", 36, 36, "合格"]
                                    for cadre_id, name in people])
    ledger = folder / "ledger.db"
    imported = run_cli("records", "import", records, "--ledger", ledger)
    assert imported.exit_code == 0, imported.output
    return ledger


@pytest.fixture(scope="module")
def ledger_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    """analyze --pseudonymize --ledger --split-by unit on ledger_roster; the output folder and the run."""
    folder = tmp_path_factory.mktemp("ledger-run")
    result = run_analyze(ledger_roster(folder), "-o", folder / "out", "--pseudonymize", "--ledger",
                         imported_ledger(folder), "--split-by", "unit", "--as-of", NEEDS_AS_OF,
                         "--config", make_config(folder, SMALL_CLASSES), env={KEY_ENV: KEY})
    assert result.exit_code == 1, result.output  # the bad date and the row skipped
    return folder / "out", result


def test_no_id_or_name_of_the_roster_or_ledger_in_any_output_with_ledger_and_split(
        ledger_run: tuple[Path, Result]) -> None:
    out, result = ledger_run
    assert leaks(result.stdout + result.stderr, [*EVERYONE, KEY]) == []
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    units = sorted({unit for _, _, unit, *_ in STAFF})
    # the outputs, and the hand-outs of four units
    assert files == sorted([*OUTPUT_FILES, *(f"by-unit/{u}/{n}" for u in units for n in HAND_OUTS)])
    assert [f for f in files if leaks(f, EVERYONE)] == []
    assert check_no_leak(out, [*EVERYONE, KEY]) == len(PARQUET_OUTPUTS) + len(SNAPSHOT_TABLES)  # all decoded


def test_the_ledger_differences_carry_the_tokens_of_the_other_sheets(ledger_run: tuple[Path, Result]) -> None:
    out, _ = ledger_run
    cadres = {(str(r["编号"]), str(r["姓名"])) for r in sheet_records(out / "gap-report.xlsx", "学时达标")}
    assert len(cadres) == len(STAFF) and all(i[:3] == "ID-" and n[:3] == "NM-" for i, n in cadres)
    ledger = sheet_records(out / "gap-report.xlsx", "台账差异")
    assert {(str(r["编号"]), str(r["姓名"])) for r in ledger} == cadres  # each cadre's hours differ, under a token
    saved = pq.read_table(out / "snapshot" / "ledger_diffs.parquet").to_pylist()
    assert {d["cadre_id"] for d in saved} == {i for i, _ in cadres}
    assert {d.cadre_id for d in read_snapshot(out).ledger_diffs} == {i for i, _ in cadres}  # as classes reads them


def test_each_hand_out_holds_its_own_units_ledger_differences(ledger_run: tuple[Path, Result]) -> None:
    out, _ = ledger_run
    units = sorted(p.name for p in (out / "by-unit").iterdir())
    assert units == sorted({unit for _, _, unit, *_ in STAFF})
    for unit in units:
        part = out / "by-unit" / unit
        own = {str(r["编号"]) for r in sheet_records(part / "gap-report.xlsx", "学时达标")}
        assert own == {r["cadre_id"] for r in csv_records(part / "needs.csv")}, unit
        assert {str(r["编号"]) for r in sheet_records(part / "gap-report.xlsx", "台账差异")} == own, unit


def test_the_pseudonymized_analysis_json_keeps_only_what_classes_needs(ledger_run: tuple[Path, Result],
                                                                       tmp_path: Path) -> None:
    out, _ = ledger_run
    text = (out / "analysis.json").read_text(encoding="utf-8")
    saved = json.loads(text)
    assert saved["input_names"] == ["ledger-roster.xlsx"]  # no folder of the machine it ran on
    assert "cadres" not in saved  # the cadres are a table of snapshot/
    # analysis.json and every table of the snapshot, decoded: each text in it
    snapshot = [json.dumps(saved, ensure_ascii=False),
                *("\n".join(parquet_texts(out / table)) for table in SNAPSHOT_TABLES)]
    assert [t for t in (text, *snapshot) if str(out.parent) in t] == []
    cadres = pq.read_table(out / "snapshot" / "cadres.parquet").to_pylist()
    assert len(cadres) == len(STAFF)
    assert {c["birth_date"] for c in cadres} == {None}
    assert {(c["post"], c["department"]) for c in cadres} == {("", "")}
    for personal in ("市委常委", "组织部部长", "预算科", "局领导", "1968-04"):
        assert [t for t in snapshot if personal in t] == [], personal
    # what the planner reads stays: a re-plan forms the very same classes
    assert {(c["unit"], c["level"]) for c in cadres} == {(unit, level) for _, _, unit, _, _, level in STAFF}
    again = run_cli("classes", out, "-o", tmp_path, "-q")
    assert again.exit_code in (0, 1), again.output
    for name in ("classes.csv", "assignments.csv", "plan.csv"):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name
    assert pq.read_table(tmp_path / "snapshot" / "cadres.parquet").to_pylist() == cadres
    # the re-plan's outputs, its Parquet files and snapshot among them: tokens only too
    assert check_no_leak(tmp_path, EVERYONE) == len(PARQUET_OUTPUTS) + len(SNAPSHOT_TABLES)


# --- the key: too simple refused, a key file others can read warned about -----------------------------

WEAK_ZH = ("错误：假名化密钥过于简单：只有 {n} 种不同字符，至少需要 8 种；"
           "请改用随机生成的密钥（例如 openssl rand -hex 32 的输出）\n")
WEAK_EN = ("Error: the pseudonym key is too simple: it has {n} distinct characters, at least 8 are needed; "
           "use a random key (e.g. the output of openssl rand -hex 32)\n")


@pytest.mark.parametrize(("key", "distinct"), [("a" * 16, 1), ("ab" * 12, 2), ("0123456" * 3, 7)],
                         ids=["one-character", "two-characters", "seven-characters"])
@pytest.mark.parametrize("where", ["env", "file"])
def test_a_key_with_too_little_variety_is_refused(tmp_path: Path, key: str, distinct: int, where: str) -> None:
    args: list[str | Path] = ["analyze", canary_roster(tmp_path), "-o", tmp_path / "out", "--pseudonymize"]
    env: dict[str, str | None] = {KEY_ENV: key}
    if where == "file":
        (tmp_path / "weak.txt").write_text(key + "\n", encoding="utf-8")
        (tmp_path / "weak.txt").chmod(0o600)
        args += ["--pseudonym-key", tmp_path / "weak.txt"]
        env = {KEY_ENV: None}
    result = run_cli(*args, env={**env, "NEEDSCLI_LANG": "zh"})  # refused before the roster is read: the locale's
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", WEAK_ZH.format(n=distinct))
    assert not (tmp_path / "out").exists()
    for lang in ([], ["--lang", "en"]):  # the Chinese roster's under an English locale was a line of two languages
        english = run_cli(*args, *lang, env=env)
        assert (english.exit_code, english.stderr) == (2, WEAK_EN.format(n=distinct))


def test_the_python_api_refuses_a_weak_key_too(tmp_path: Path) -> None:
    with pytest.raises(NeedsError) as raised:
        needscli.analyze(canary_roster(tmp_path), pseudonym_key="x" * 32)
    assert str(raised.value) == WEAK_ZH.format(n=1).removeprefix("错误：").rstrip("\n")


@pytest.mark.skipif(os.name == "nt", reason="Windows keeps no group and other permission bits")
@pytest.mark.parametrize(("mode", "warned"), [(0o644, True), (0o640, True), (0o604, True), (0o600, False),
                                              (0o400, False)], ids=["644", "640", "604", "600", "400"])
def test_a_key_file_others_can_read_is_used_with_a_warning(tmp_path: Path, mode: int, warned: bool) -> None:
    key_file = tmp_path / "key.txt"
    key_file.write_text(KEY + "\n", encoding="utf-8")
    key_file.chmod(mode)
    result = run_analyze(canary_roster(tmp_path), "-o", tmp_path / "out", "--pseudonymize", "--pseudonym-key",
                         key_file, "--as-of", NEEDS_AS_OF, "--format", "json", env={KEY_ENV: None})
    assert result.exit_code == 1, result.output  # the canary roster's own problems
    found = [p for p in json.loads(result.stdout)["problems"] if p["code"] == "readable-key-file"]
    expected = (f"假名化密钥文件 key.txt 其他用户也能读取（权限 {mode:03o}）；请运行 chmod 600 key.txt，只留本人可读写")
    assert found == ([{"code": "readable-key-file", "severity": "warning", "file": "key.txt", "sheet": "",
                       "row": None, "column": "", "cell": "", "expected": "chmod 600", "message": expected}]
                     if warned else [])
    assert ("chmod 600" in result.stderr) is warned
    assert tokens(tmp_path / "out") and leaks((tmp_path / "out" / "needs.csv").read_text(encoding="utf-8")) == []


def test_the_python_api_reads_a_key_file_given_as_a_path_and_refuses_a_path_given_as_the_key(tmp_path: Path) -> None:
    """pseudonym_key=Path(file) is --pseudonym-key FILE: the same tokens as the key's text; the file's path as text
    would key the tokens by a guessable string, matching no run given the file: refused."""
    key_file = tmp_path / "key.txt"
    key_file.write_text(KEY + "\n", encoding="utf-8")
    key_file.chmod(0o600)
    roster = canary_roster(tmp_path)
    by_file = needscli.analyze(roster, pseudonym_key=key_file)
    by_text = needscli.analyze(roster, pseudonym_key=KEY)
    assert [c.id for c in by_file.cadres] == [c.id for c in by_text.cadres]
    assert all(c.id.startswith("ID-") for c in by_file.cadres)
    with pytest.raises(NeedsError, match="names a file"):
        needscli.analyze(roster, pseudonym_key=str(key_file), lang="en")
    with pytest.raises(NeedsError, match="是一个文件名"):  # no roster read yet: said in Chinese
        needscli.analyze(roster, pseudonym_key=str(key_file))
    assert [p.code for p in by_file.problems if p.code == "readable-key-file"] == []
    key_file.chmod(0o644)  # others may read it: warned of, as --pseudonym-key does
    assert [p.code for p in needscli.analyze(roster, pseudonym_key=key_file).problems][:1] == ["readable-key-file"]
