"""Trusting real rosters: no formula reaches an output, no person reaches a message or a log,
no damaged or hostile file gets past NeedsError."""

from __future__ import annotations

import codecs
import csv
import functools
import html
import json
import re
import resource
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from conftest import (
    CANARY_ID,
    CANARY_NAME,
    NEEDS_AS_OF,
    NEEDS_POSTS,
    SMALL_CLASSES,
    make_config,
    make_csv,
    make_text_workbook,
    make_workbook,
    roster,
    run_needscli,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_files import entity_bomb_in_sheet, entity_bomb_past_the_scan, members_of
from typer.testing import CliRunner

from needscli.cli.app import app
from needscli.config import Config
from needscli.core.pseudonyms import KEY_ENV
from needscli.errors import NeedsError
from needscli.io.files import read_sheets
from needscli.pipeline import analyze, check_inputs
from needscli.reports.files import csv_safe, write_csv
from needscli.reports.xlsx import DEFER_ROWS, Book

runner = CliRunner()


def csv_records(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def xlsx_outputs(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.xlsx"))


# --- formula injection ----------------------------------------------------------------------------

EVIL = ['=HYPERLINK("http://x","y")', "+1", "-1", "@SUM(1)", "\t=1", "=", "#DIV/0!"]
EVIL_UNIT = "=1+1"
# the loader trims stray whitespace around every cell (DOMAIN: real rosters have it), so "\t=1" is read as "=1"
LOADED = [v.strip() for v in EVIL]
FORMULA_OR_ERROR = re.compile(rb"<f[\s>/]|\st=\"e\"")


# enough cadres that the Needs sheet passes DEFER_ROWS and is streamed into the sheet XML by hand
COPIES = 25
EVIL_IDS = [f"{v}#{k}" for k in range(COPIES) for v in EVIL]
LOADED_IDS = [i.strip() for i in EVIL_IDS]


def evil_roster(tmp_path: Path) -> Path:
    """Ids, names and posts that a spreadsheet would run as formulas or show as errors, all as text cells.

    The ids are hostile too: assignments.csv carries only the cadre's id.
    """
    header = ["编号", "姓名", "单位", "职务", "职级", "本年度学时"]
    rows = [[f"{v}#{k}", v, EVIL_UNIT, v, "一级科员", 10] for k in range(COPIES) for v in EVIL]
    return make_text_workbook(tmp_path, {"花名册": [header, *rows]}, name="evil.xlsx")


@pytest.fixture(scope="module")
def evil_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp_path = tmp_path_factory.mktemp("evil")
    out = tmp_path / "out"
    result = runner.invoke(app, ["analyze", str(evil_roster(tmp_path)), "-o", str(out), "--split-by", "unit",
                                 "--config", str(make_config(tmp_path, SMALL_CLASSES)), "--as-of", NEEDS_AS_OF])
    assert result.exit_code == 0, result.output
    return out


def test_the_evil_roster_is_read_as_text(tmp_path: Path) -> None:
    inputs = check_inputs([evil_roster(tmp_path)], Config())
    assert inputs.problems == []
    assert [(c.id, c.name, c.unit, c.post) for c in inputs.cadres] == [
        (f"{v}#{k}", v, EVIL_UNIT, v) for k in range(COPIES) for v in LOADED]


def test_every_output_is_written_including_the_unit_hand_outs(evil_run: Path) -> None:
    names = ["gap-report.xlsx", "needs.csv", "class-rosters.xlsx", "classes.csv", "assignments.csv"]
    for folder in (evil_run, evil_run / "by-unit" / EVIL_UNIT):
        assert all((folder / name).is_file() for name in names), sorted(p.name for p in folder.iterdir())


def test_no_xlsx_output_holds_a_formula_or_an_error_cell(evil_run: Path) -> None:
    books = xlsx_outputs(evil_run)
    assert len(books) == 4
    for book in books:
        with zipfile.ZipFile(book) as archive:
            for name in archive.namelist():
                hits = FORMULA_OR_ERROR.findall(archive.read(name))
                assert hits == [], f"{book.relative_to(evil_run)} {name}: {hits[:3]}"


def text_cells(path: Path) -> dict[str, set[str]]:
    """Cell value -> the openpyxl data types it was read back with, over every sheet."""
    found: dict[str, set[str]] = {}
    for ws in openpyxl.load_workbook(path):
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    found.setdefault(cell.value, set()).add(cell.data_type)
    return found


def test_xlsx_outputs_read_back_the_values_unchanged_as_text(evil_run: Path) -> None:
    for book in xlsx_outputs(evil_run):
        cells = text_cells(book)
        for value in [*LOADED, *LOADED_IDS, EVIL_UNIT]:
            assert cells.get(value) == {"s"}, f"{book.relative_to(evil_run)}: {value!r} read as {cells.get(value)}"
        risky = {v: t for v, t in cells.items() if v[:1] in "=+-@#"}
        assert all(t == {"s"} for t in risky.values()), risky


def test_the_needs_sheet_keeps_every_cadre_as_written(evil_run: Path) -> None:
    ws = openpyxl.load_workbook(evil_run / "gap-report.xlsx")["需求明细"]
    rows = [tuple(r[:5]) for r in ws.iter_rows(min_row=2, values_only=True)]
    assert len(rows) >= DEFER_ROWS  # the streamed writer, not xlsxwriter's cell calls
    assert set(rows) == {(f"{v}#{k}", v, EVIL_UNIT, None, v) for k in range(COPIES) for v in LOADED}


@pytest.mark.parametrize("folder", [".", f"by-unit/{EVIL_UNIT}"])
def test_csv_outputs_quote_prefix_the_hostile_values(evil_run: Path, folder: str) -> None:
    quoted_ids = {"'" + i for i in LOADED_IDS}
    needs = csv_records(evil_run / folder / "needs.csv")
    assert {r["cadre_id"] for r in needs} == quoted_ids
    assert {r["name"] for r in needs} == {"'" + v for v in LOADED}
    assert {r["unit"] for r in needs} == {"'" + EVIL_UNIT}
    assignments = csv_records(evil_run / folder / "assignments.csv")
    assert {r["cadre_id"] for r in assignments} == quoted_ids


@pytest.mark.parametrize("value", [*EVIL, "\r=1", "#N/A"])
def test_the_writers_quote_every_risky_lead_unchanged(tmp_path: Path, value: str) -> None:
    """Below the loader nothing is trimmed: a tab- or CR-led text must survive the writers too (cell calls
    for short tables, the streamed sheet XML for long ones)."""
    book_path = tmp_path / "book.xlsx"
    book = Book(book_path)
    ws = book.add_sheet("s")
    book.write_text(ws, 0, 0, value)
    book.table("t", ["h"], [[value]])
    book.table("long", ["h"], [[value]] * DEFER_ROWS, size=DEFER_ROWS)
    book.close()
    with zipfile.ZipFile(book_path) as archive:
        assert all(FORMULA_OR_ERROR.findall(archive.read(n)) == [] for n in archive.namelist())
    loaded = openpyxl.load_workbook(book_path)
    stored = value.replace("\r", "_x000D_")  # OOXML's escape for CR, which Excel undoes and openpyxl keeps
    for cell in (loaded["s"]["A1"], loaded["t"]["A2"], loaded["long"]["A2"], loaded["long"][f"A{DEFER_ROWS + 1}"]):
        assert (cell.value, cell.data_type, cell.quotePrefix) == (stored, "s", True)
    write_csv(tmp_path / "out.csv", ["h"], [[value]])
    assert csv_records(tmp_path / "out.csv") == [{"h": "'" + value}]
    assert csv_safe(value) == "'" + value


# --- personal data --------------------------------------------------------------------------------

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
               "analysis.json"]
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


def pseudonymized_run(tmp_path: Path, out: str, key: str, *extra: str) -> object:
    result = runner.invoke(app, ["analyze", str(canary_roster(tmp_path)), "-o", str(tmp_path / out), "--pseudonymize",
                                 "--as-of", NEEDS_AS_OF, "--config", str(make_config(tmp_path, SMALL_CLASSES)), *extra],
                           env={KEY_ENV: key})
    assert result.exit_code == 1, result.output
    return result


def test_pseudonymized_outputs_hold_no_id_no_name_and_no_key(tmp_path: Path) -> None:
    result = pseudonymized_run(tmp_path, "out", KEY, "--split-by", "unit")
    assert leaks(result.stdout + result.stderr, [*PERSONAL, KEY]) == []  # type: ignore[attr-defined]
    files = sorted(p for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert len(files) == 6 + 2 * 5  # the outputs, and the hand-outs of 市财政局 and 市税务局
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
    result = runner.invoke(app, [str(a) for a in args], env={KEY_ENV: env_key})
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)
    assert not (tmp_path / "out").exists()


# --- damaged workbooks: NeedsError or nothing -----------------------------------------------------

ROSTER_ROWS = roster(["001", "张三", "市财政局", "科长", "乡科级正职"], ["002", "李四", "市税务局", "科员", "一级科员"])


@functools.cache
def seed(kind: str) -> bytes:
    """A small valid input: a workbook with a title row, a roster and a posts sheet; or a CSV roster."""
    with tempfile.TemporaryDirectory() as folder:
        if kind == "csv":
            return make_csv(Path(folder), ROSTER_ROWS).read_bytes()
        return make_workbook(Path(folder), {"花名册": ROSTER_ROWS, "岗位": NEEDS_POSTS}, title="XX单位").read_bytes()


MUTATION = st.tuples(st.sampled_from(["flip", "insert", "delete", "truncate"]),
                     st.floats(min_value=0.0, max_value=1.0, exclude_max=True),
                     st.binary(min_size=1, max_size=8), st.integers(min_value=0, max_value=7))


def mutate(data: bytes, mutations: list[tuple[str, float, bytes, int]]) -> bytes:
    out = bytearray(data)
    for kind, where, noise, bit in mutations:
        at = int(where * len(out))
        if kind == "flip" and out:
            out[at] ^= 1 << bit
        elif kind == "insert":
            out[at:at] = noise
        elif kind == "delete":
            del out[at:at + len(noise) * 4]
        elif kind == "truncate":
            del out[at:]
    return bytes(out)


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutations=st.lists(MUTATION, min_size=1, max_size=4))
def test_a_damaged_input_loads_or_raises_needs_error(tmp_path: Path, kind: str,
                                                     mutations: list[tuple[str, float, bytes, int]]) -> None:
    path = tmp_path / f"fuzz.{kind}"
    path.write_bytes(mutate(seed(kind), mutations))
    try:
        inputs = check_inputs([path], Config())
        if inputs.cadres:
            analyze([path], Config(), as_of=None)
    except NeedsError as exc:  # anything else fails the test
        assert exc.message.strip() and "\n" not in exc.message, exc.message


def rewrite(data: bytes, at: int, new: bytes) -> bytes:
    return data[:at] + new + data[at + len(new):]


def corrupt_deflate(tmp_path: Path) -> bytes:
    """A whole zip whose worksheet's deflate stream is garbage (zlib.error while unpacking)."""
    data = make_workbook(tmp_path, {"花名册": ROSTER_ROWS}).read_bytes()
    with zipfile.ZipFile(tmp_path / "roster.xlsx") as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    name_len, extra_len = int.from_bytes(data[info.header_offset + 26:info.header_offset + 28], "little"), \
        int.from_bytes(data[info.header_offset + 28:info.header_offset + 30], "little")
    start = info.header_offset + 30 + name_len + extra_len
    return rewrite(data, start, b"\xff" * 16)  # BTYPE 11: a reserved (invalid) deflate block


def future_zip_version(tmp_path: Path) -> bytes:
    """A zip whose central directory asks for a version Python cannot extract (NotImplementedError)."""
    data = make_workbook(tmp_path, {"花名册": ROSTER_ROWS}).read_bytes()
    at = data.index(b"PK\x01\x02")
    return rewrite(data, at + 6, (84).to_bytes(2, "little"))


def bom_then_bad_bytes(tmp_path: Path) -> bytes:
    """A CSV with Excel's UTF-8 mark whose text has a byte that is no UTF-8 (UnicodeDecodeError)."""
    return codecs.BOM_UTF8 + "编号,姓名\n001,".encode() + b"\xf9\n"


@pytest.mark.parametrize(("name", "build", "message"), [
    ("bad.xlsx", corrupt_deflate,
     "bad.xlsx: is damaged or truncated (a part cannot be unpacked); save it again from Excel"),
    ("bad.xlsx", future_zip_version,
     "bad.xlsx: is damaged or truncated (not a complete .xlsx); save it again from Excel"),
    ("bad.csv", bom_then_bad_bytes,
     "bad.csv: is marked as UTF-8 or UTF-16 text but holds bytes that are not (damaged?); save the CSV again as UTF-8"),
], ids=["corrupt-deflate", "future-zip-version", "bom-then-bad-bytes"])
def test_damage_found_by_fuzzing_is_a_needs_error(tmp_path: Path, name: str, build: object, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(build(tmp_path))  # type: ignore[operator]
    with pytest.raises(NeedsError) as info:
        read_sheets(path, Config().limits)
    assert (info.value.message, info.value.exit_code) == (message, 2)


# --- hostile files inside a memory limit ----------------------------------------------------------

# 512 MB of address space: the interpreter with pandas, openpyxl and calamine runs `validate` well inside
# it (measured at under 200 MB here), and the zip bomb below unpacks to more than it.
MEMORY_LIMIT = 512 * 1024 * 1024


def limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def big_zip_bomb(tmp_path: Path) -> bytes:
    """A workbook whose sheet part unpacks to 600 MB (more than the memory limit) of padded XML."""
    members = members_of(make_workbook(tmp_path, {"花名册": ROSTER_ROWS}, name="seed.xlsx"))
    path = tmp_path / "bomb-build.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, data in members.items():
            if name != "xl/worksheets/sheet1.xml":
                archive.writestr(name, data)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            sheet = members["xl/worksheets/sheet1.xml"]
            sheet = sheet.encode() if isinstance(sheet, str) else sheet
            head = sheet.index(b"<sheetData>")
            part.write(sheet[:head])
            chunk = b" " * (1 << 20)
            for _ in range(600):
                part.write(chunk)
            part.write(sheet[head:])
    return path.read_bytes()


@pytest.mark.parametrize(("build", "message"), [
    (big_zip_bomb, "hostile.xlsx: unpacks to far more than its size (a zip bomb?); refused"),
    (entity_bomb_in_sheet, "hostile.xlsx: contains an XML document type declaration (an entity attack?); refused"),
    (entity_bomb_past_the_scan, "hostile.xlsx: cannot be read as a workbook (XmlError); save it again from Excel"),
], ids=["zip-bomb-600MB", "billion-laughs", "billion-laughs-past-the-scan"])
def test_validate_refuses_a_hostile_file_inside_a_memory_limit(tmp_path: Path, build: object, message: str) -> None:
    path = tmp_path / "hostile.xlsx"
    path.write_bytes(build(tmp_path))  # type: ignore[operator]
    result = run_needscli("validate", path, preexec_fn=limit_memory, timeout=600)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", f"Error: {message}\n")
