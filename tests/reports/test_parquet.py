"""The Parquet outputs read back with pandas (and DuckDB) as the CSV files and frames they mirror, with one
schema whatever the run and the same bytes for the same inputs; the snapshot (analysis.json and the tables
of snapshot/) read back as the very analysis that was saved, and refused when it is not whole."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import json
import math
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from builders import ROOT, SAMPLES, csv_records

from needscli.config import Config
from needscli.errors import NeedsError
from needscli.io import snapshot as saved
from needscli.pipeline import Job, RunResult, run_job
from needscli.planner import Plan
from needscli.reports import ALL_FORMATS, output_names, parquet
from needscli.reports.files import csv_safe
from needscli.reports.parquet import PARQUET_FILES, PARQUET_TABLES, write_parquet_outputs
from needscli.reports.snapshot import PLANNED_FIELDS

AS_OF = dt.date(2026, 11, 1)
# each Parquet output with a CSV beside it: its columns that the CSV has are the CSV's, cell for cell
WITH_CSV = {"needs": "needs.csv", "classes": "classes.csv", "assignments": "assignments.csv", "plan": "plan.csv"}


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, RunResult]:
    folder = tmp_path_factory.mktemp("parquet")
    return folder, run_job(Job(rosters=[SAMPLES], config=Config(), output=folder, as_of=AS_OF))


def as_csv(value: Any) -> str:
    """A value as write_csv writes it: a fraction to at most 2 decimals, a date as YYYY-MM-DD, none as ''."""
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.2f}".rstrip("0").rstrip(".")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(csv_safe(value))


@pytest.mark.parametrize("stem", sorted(WITH_CSV))
def test_a_parquet_output_holds_the_rows_and_values_of_its_csv(run: tuple[Path, RunResult], stem: str) -> None:
    folder, _ = run
    frame = pd.read_parquet(folder / f"{stem}.parquet")
    rows = csv_records(folder / WITH_CSV[stem])
    assert len(frame) == len(rows) > 0
    shared = [name for name in rows[0] if name in frame.columns]
    assert len(shared) >= 5, shared
    got = [{name: as_csv(value) for name, value in zip(shared, values, strict=True)}
           for values in frame[shared].itertuples(index=False)]
    assert got == [{name: row[name] for name in shared} for row in rows]


@pytest.mark.parametrize("kind", ["needs", "compliance", "obligations", "unit_ranking"])
def test_a_parquet_output_is_the_analysis_frame_of_its_kind(run: tuple[Path, RunResult], kind: str) -> None:
    folder, result = run
    written = pd.read_parquet(folder / f"{kind}.parquet")
    frame = result.analysis.to_frame(kind)
    assert list(written.columns) == list(frame.columns)
    for name in frame.columns:  # dates are date32 here, datetime64 in the frame: compared as days
        if str(frame[name].dtype).startswith("datetime64"):
            frame[name] = [None if pd.isna(v) else v.date() for v in frame[name]]
            written[name] = [None if pd.isna(v) else v for v in written[name]]
    assert written.astype(object).where(written.notna(), None).equals(frame.astype(object).where(frame.notna(), None))


def test_unmet_holds_each_unmet_need_with_its_reason(run: tuple[Path, RunResult]) -> None:
    folder, result = run
    written = pd.read_parquet(folder / "unmet.parquet")
    unmet = result.plan.unmet
    assert len(unmet) > 0
    assert list(zip(written["cadre_id"], written["topic_id"], written["priority"], written["reason"], strict=True)) == [
        (u.cadre_id, u.topic_id, u.priority, u.reason) for u in unmet]
    names = {c.id: c.name for c in result.analysis.cadres}
    assert list(written["name"]) == [names[u.cadre_id] for u in unmet]


def test_every_output_has_its_declared_schema_even_without_rows(run: tuple[Path, RunResult], tmp_path: Path) -> None:
    folder, result = run
    empty = Plan(classes=[], assignments=[], unmet=[], problems=[], start=dt.date(2026, 12, 1), periods=12)
    write_parquet_outputs(result.analysis, empty, tmp_path)
    types = {"string": pa.string(), "float64": pa.float64(), "int64": pa.int64(), "date32": pa.date32()}
    for stem, columns in PARQUET_TABLES.items():
        declared = pa.schema([(c.name, types[c.type]) for c in columns])
        assert pq.read_schema(folder / f"{stem}.parquet").remove_metadata() == declared, stem
        assert pq.read_schema(tmp_path / f"{stem}.parquet").remove_metadata() == declared, stem
    assert pq.read_metadata(tmp_path / "classes.parquet").num_rows == 0
    assert pq.read_metadata(tmp_path / "needs.parquet").num_rows == len(result.analysis.needs)


def test_two_runs_write_the_same_bytes(run: tuple[Path, RunResult], tmp_path: Path) -> None:
    folder, _ = run
    run_job(Job(rosters=[SAMPLES], config=Config(), output=tmp_path, as_of=AS_OF))
    names = [*PARQUET_FILES, saved.SNAPSHOT, *(f"{saved.SNAPSHOT_DIR}/{t}.parquet" for t in saved.RECORD_TABLES)]
    assert [n for n in names if (tmp_path / n).read_bytes() != (folder / n).read_bytes()] == []
    for name in PARQUET_FILES:  # nothing of the moment it was written: no timestamp, no pandas metadata
        meta = pq.read_metadata(folder / name)
        assert set(meta.metadata or {}) == {b"ARROW:schema"}
        assert not re.search(r"\d{4}-\d\d-\d\d", meta.created_by)


def test_the_readmes_duckdb_query_runs_on_the_outputs(run: tuple[Path, RunResult], tmp_path: Path) -> None:
    """Over two cities' runs that use the same ids (here: the same run twice, the second's topics named in English, as
    a run with --lang en names them): each need meets the seats of its own run only, each topic counted once whatever
    its name. Joined on the ids alone across both, a need met its twin's seat too and was counted twice; grouped by
    the name, each topic was two rows."""
    duckdb = pytest.importorskip("duckdb")
    folder, result = run
    analysis = result.analysis
    for city in ("out-a", "out-b"):
        (tmp_path / city).mkdir()
        for name in ("needs.parquet", "assignments.parquet"):
            shutil.copyfile(folder / name, tmp_path / city / name)
    english = pq.read_table(tmp_path / "out-b" / "needs.parquet")
    names = pa.array([analysis.catalog.label(t, "en") for t in english.column("topic_id").to_pylist()])
    pq.write_table(english.set_column(english.schema.get_field_index("topic"), "topic", names),
                   tmp_path / "out-b" / "needs.parquet")
    sql = parquet_section().split("```sql\n", 1)[1].split("```", 1)[0]
    assert sql in (ROOT / "README.zh-CN.md").read_text(encoding="utf-8")  # the same query in both
    query = sql.replace("'out-*/", f"'{tmp_path}/out-*/")
    rows = duckdb.sql(query).fetchall()
    seated = {(a.cadre_id, a.topic_id) for a in result.plan.assignments if a.class_id}
    needs = Counter(n.topic_id for n in analysis.needs)
    served = Counter(n.topic_id for n in analysis.needs if (n.cadre_id, n.topic_id) in seated)
    names_of = {t: max(analysis.catalog.label(t, "zh"), analysis.catalog.label(t, "en")) for t in needs}
    assert all(not name.isascii() for name in names_of.values())  # the Chinese names, where a run has them
    assert rows == sorted(((t, names_of[t], 2 * n, 2 * served[t]) for t, n in needs.items()),
                          key=lambda r: (-r[2], r[0]))
    assert sum(r[3] for r in rows) > 0
    overdue = duckdb.sql(f"SELECT count(*) FROM '{folder / 'obligations.parquet'}' WHERE status = 'overdue' "
                         "AND deadline < DATE '2026-11-01'").fetchall()
    assert overdue == [(sum(o.status == "overdue" for o in analysis.obligations),)] != [(0,)]


def test_the_readmes_pandas_example_runs_on_the_outputs(run: tuple[Path, RunResult]) -> None:
    folder, result = run
    code = parquet_section().split("```python\n", 1)[1].split("```", 1)[0].replace("needscli-out/", f"{folder}/")
    names: dict[str, Any] = {}
    exec(code, names)  # noqa: S102 - the README's own example
    units = Counter(c.unit for n in result.analysis.needs if n.status == "overdue"
                    for c in [result.analysis.cadre_by_id[n.cadre_id]])
    assert names["overdue"].to_dict() == dict(units) != {}


def test_hours_left_parquet_is_the_plans_hours_left_with_each_cadres_name_and_unit(
        run: tuple[Path, RunResult]) -> None:
    folder, result = run
    written = pd.read_parquet(folder / "hours_left.parquet")
    frame, cadres = result.plan.to_frame("hours_left"), result.analysis.cadre_by_id
    assert len(written) == len(frame) > 0
    frame["deadline"] = [None if pd.isna(v) else v.date() for v in frame["deadline"]]  # datetime64 there, date32 here
    assert written[list(frame.columns)].astype(object).where(written.notna(), None).values.tolist() == \
        frame.astype(object).where(frame.notna(), None).values.tolist()
    assert list(zip(written["name"], written["unit"], strict=True)) == [
        (cadres[i].name, cadres[i].unit) for i in frame["cadre_id"]]


def parquet_section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme.split("## Parquet outputs", 1)[1].split("\n## ", 1)[0]


def test_the_readme_documents_every_column_of_every_output() -> None:
    section = parquet_section()
    for stem, columns in PARQUET_TABLES.items():
        table = section.split(f"### `{stem}.parquet`", 1)[1].split("\n\n", 2)[1]  # below its heading's line
        cells = [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in table.splitlines()[2:]]
        assert [(name.strip("`"), kind, meaning) for name, kind, meaning in cells] == list(columns), stem


def test_output_names_follow_the_formats() -> None:
    assert output_names(frozenset({"csv"})) == ["needs.csv", "classes.csv", "assignments.csv", "plan.csv"]
    assert output_names(ALL_FORMATS)[:2] == ["gap-report.xlsx", "class-rosters.xlsx"]
    assert output_names(frozenset({"parquet"})) == list(PARQUET_FILES)


# --- the snapshot: analysis.json and snapshot/ --------------------------------------------------------

def test_the_snapshot_reads_back_as_the_analysis_saved(run: tuple[Path, RunResult]) -> None:
    folder, result = run
    analysis, again = result.analysis, saved.load_snapshot(folder)
    for name in ("needs", "obligations", "compliance", "ranking", "unit_ranking", "unmatched", "ledger_diffs",
                 "problems"):
        assert getattr(again, name) == getattr(analysis, name), name
    assert again.cadres == analysis.cadres
    assert all(type(o.missing) is tuple for o in again.obligations)
    assert again.catalog.mapping == analysis.catalog.mapping != []
    assert (again.config, again.as_of, again.lang, again.inputs.counts) == (
        analysis.config, analysis.as_of, analysis.lang, analysis.inputs.counts)
    for kind in ("needs", "obligations", "compliance", "cadres"):
        assert again.to_frame(kind).equals(analysis.to_frame(kind)), kind


def test_files_of_many_row_groups_read_back_alike(run: tuple[Path, RunResult], tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    folder, result = run
    monkeypatch.setattr(parquet, "ROW_GROUP", 97)  # a province's files: rows written a group at a time
    run_job(Job(rosters=[SAMPLES], config=Config(), output=tmp_path, as_of=AS_OF))
    assert pq.read_metadata(tmp_path / "snapshot" / "needs.parquet").num_row_groups == -(-len(result.analysis.needs) // 97)
    again = saved.load_snapshot(tmp_path)
    assert (again.needs, again.cadres, again.obligations) == (
        result.analysis.needs, result.analysis.cadres, result.analysis.obligations)
    for name in PARQUET_FILES:
        assert pq.read_table(tmp_path / name).equals(pq.read_table(folder / name)), name


def test_reading_the_snapshot_imports_no_pandas(run: tuple[Path, RunResult]) -> None:
    folder, _ = run  # pandas takes 100 MB and a few tenths of a second that needscli classes need not pay
    code = ("import sys; from pathlib import Path; from needscli.io.snapshot import load_snapshot; "
            f"load_snapshot(Path({str(folder)!r})); print('pandas' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "False\n"


def test_pyarrow_told_pandas_is_missing_converts_without_it_and_still_makes_frames() -> None:
    code = ("import sys; from needscli.reports.parquet import arrow_without_pandas; arrow_without_pandas(); "
            "import pyarrow as pa; values = pa.array(['a', 'b'], pa.string()); print('pandas' in sys.modules); "
            "frame = pa.table({'a': values}).to_pandas(); print('pandas' in sys.modules, frame['a'].tolist())")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split("\n") == ["False", "True ['a', 'b']", ""]


def test_a_run_whose_writers_never_import_pandas_writes_the_same_bytes(run: tuple[Path, RunResult],
                                                                       tmp_path: Path) -> None:
    """The run imports pyarrow beside the parse of the roster (its writing children inherit it), and the children
    convert values with pandas hidden from it (arrow_without_pandas): no process of the run imports pandas (a
    finder each forked child inherits notes any process that does), and the files are those of a process that
    had pandas (this one)."""
    folder, _ = run
    out, spied = tmp_path / "out", tmp_path / "imported-pandas"
    code = ("import os, sys, datetime as dt; from pathlib import Path\n"
            "class Spy:\n"
            "    def find_spec(self, name, path, target=None):\n"
            "        if name == 'pandas':\n"
            f"            Path({str(spied)!r}).open('a').write(str(os.getpid()) + chr(10))\n"
            "sys.meta_path.insert(0, Spy())\n"
            "from needscli.config import Config; from needscli.pipeline import Job, run_job\n"
            f"run_job(Job(rosters=[Path({str(SAMPLES)!r})], config=Config(), output=Path({str(out)!r}), "
            f"as_of=dt.date({AS_OF.year}, {AS_OF.month}, {AS_OF.day})))\n"
            "print('pandas' in sys.modules, 'pyarrow' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "False True\n"
    assert not spied.exists()  # no process of the run imported pandas
    names = [*PARQUET_FILES, saved.SNAPSHOT, *(f"{saved.SNAPSHOT_DIR}/{t}.parquet" for t in saved.RECORD_TABLES)]
    assert [n for n in names if (out / n).read_bytes() != (folder / n).read_bytes()] == []


def test_analysis_json_is_a_small_summary_naming_its_tables(run: tuple[Path, RunResult]) -> None:
    folder, result = run
    index = json.loads((folder / saved.SNAPSHOT).read_text(encoding="utf-8"))
    # 3: the config's [rosters] daily_sign_in_days, [report]; 4: [classes] meets_on_rest_days, working_days_up_to
    assert index["version"] == saved.SNAPSHOT_VERSION == 4
    assert index["summary"]["needs"] == len(result.analysis.needs)
    assert {n: (t["file"], t["rows"]) for n, t in index["tables"].items()} == {
        name: (f"snapshot/{name}.parquet", len(getattr(result.analysis, name))) for name in saved.RECORD_TABLES}
    assert index["outputs"] == [*output_names(ALL_FORMATS), "analysis.json",
                                *(f"snapshot/{n}.parquet" for n in saved.RECORD_TABLES)]
    assert "needs" not in index and "cadres" not in index
    assert (folder / saved.SNAPSHOT).stat().st_size < 100_000


def test_a_table_of_another_run_is_refused(run: tuple[Path, RunResult], tmp_path: Path) -> None:
    folder, _ = run
    copy = tmp_path / "copy"
    shutil.copytree(folder, copy)
    table = copy / "snapshot" / "needs.parquet"
    rows = pq.read_table(table).num_rows
    pq.write_table(pq.read_table(table).slice(0, 10), table)  # as if a stopped run had moved only this one
    with pytest.raises(NeedsError, match=rf"needs.parquet：写出以后已被改动或损坏（有 10 行，那次运行写出的是 {rows} 行）"):
        saved.load_snapshot(copy)
    pq.write_table(pq.read_table(folder / "snapshot" / "needs.parquet"), table, compression="none")  # the same rows
    with pytest.raises(NeedsError, match=r"needs.parquet 不是写出 .*analysis.json 的那次运行保存的数据表：此后被改动过，"
                                         r"或是另一次运行写出的"):
        saved.load_snapshot(copy)
    table.unlink()
    with pytest.raises(NeedsError, match="needs.parquet：找不到已保存分析的这张数据表"):
        saved.load_snapshot(copy)


@pytest.mark.parametrize(("edit", "zh", "en"), [
    ("zip", "不是 Parquet 文件", "not a Parquet file"),
    ("types", "「cadres」列的类型为 string，应为 int64", "column cadres is string, not int64"),
    ("columns", "缺少列：rank、rank_mwds", "missing column(s): rank, rank_mwds"),
])
def test_a_table_edited_since_the_run_says_what_in_it_is_wrong(run: tuple[Path, RunResult], tmp_path: Path,
                                                               edit: str, zh: str, en: str) -> None:
    """A table changed after its run wrote it (a zip saved over it, its numbers saved as text, columns taken out) is
    said to be so, with the column and its type: it was told it was another run's, as if a run had stopped."""
    folder, _ = run
    copy = shutil.copytree(folder, tmp_path / "copy")
    table = copy / "snapshot" / "ranking.parquet"
    written = pq.read_table(table)
    if edit == "zip":
        table.write_bytes(b"PK\x03\x04" + bytes(100))
    elif edit == "types":
        pq.write_table(pa.table({n: pa.array([str(v) for v in written.column(n).to_pylist()])
                                 for n in written.column_names}), table)
    else:
        pq.write_table(written.drop_columns(["rank", "rank_mwds"]), table)
    for lang, said in (("zh", f"{table}：写出以后已被改动或损坏（{zh}）；请重新运行 needscli analyze"),
                       ("en", f"{table}: changed or damaged since the run wrote it ({en}); run needscli analyze again")):
        with pytest.raises(NeedsError) as caught:
            saved.read_snapshot(copy, lang)
        assert caught.value.message == said


def test_a_field_missing_from_a_table_takes_its_default(run: tuple[Path, RunResult]) -> None:
    _, result = run
    needs = [n for n in result.analysis.needs if n.status][:20]
    assert len(needs) == 20
    table = saved.encode_records(needs, saved.RECORD_TABLES["needs"]).drop_columns(["status", "hours"])
    sink = pa.BufferOutputStream()
    pq.write_table(table.append_column("added_later", pa.array(["x"] * 20, pa.string())), sink)
    again = saved.read_records(sink.getvalue(), saved.RECORD_TABLES["needs"])
    assert [(n.status, n.hours) for n in again] == [("", 0.0)] * 20
    assert [(n.cadre_id, n.topic_id, n.reasons, n.deadline) for n in again] == [
        (n.cadre_id, n.topic_id, n.reasons, n.deadline) for n in needs]


def test_every_field_of_every_record_has_its_column(run: tuple[Path, RunResult]) -> None:
    folder, _ = run
    for name, record in saved.RECORD_TABLES.items():
        assert pq.read_schema(folder / "snapshot" / f"{name}.parquet").names == list(saved.record_fields(record))


def test_a_pseudonymized_run_writes_no_id_or_name_in_any_parquet_file(run: tuple[Path, RunResult],
                                                                      tmp_path: Path) -> None:
    _, plain = run
    key = b"5f0c1e2d3a4b69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0"
    run_job(Job(rosters=[SAMPLES], config=Config(), output=tmp_path, as_of=AS_OF, pseudonym_key=key))
    ids, names = {c.id for c in plain.analysis.cadres}, {c.name for c in plain.analysis.cadres}
    files = sorted(tmp_path.rglob("*.parquet"))
    assert len(files) == len(PARQUET_FILES) + len(saved.RECORD_TABLES)
    for path in files:  # compressed: read back, every text of every column (lists and structs too)
        texts = set(strings(pq.read_table(path).to_pylist()))
        assert texts & (ids | names) == set(), path.name
        assert [i for i in ids if any(i in text for text in texts)] == [], path.name


def strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    return [s for item in value for s in strings(item)] if isinstance(value, list) else []


def test_a_pseudonymized_snapshot_keeps_of_a_cadre_only_what_classes_reads(tmp_path: Path) -> None:
    key = b"5f0c1e2d3a4b69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0"
    result = run_job(Job(rosters=[SAMPLES], config=Config(), output=tmp_path, as_of=AS_OF, pseudonym_key=key))
    cadres = pq.read_table(tmp_path / "snapshot" / "cadres.parquet").to_pylist()
    kept = {name for row in cadres for name, value in row.items() if value not in (None, "", [])}
    assert kept <= PLANNED_FIELDS and {"id", "name", "unit", "level", "row"} <= kept
    assert [row["id"] for row in cadres] == [c.id for c in result.analysis.cadres]
    index = json.loads((tmp_path / saved.SNAPSHOT).read_text(encoding="utf-8"))
    assert index["pseudonymized"] is True and index["input_names"] == ["cadres.xlsx"]


def test_lists_shared_by_rows_are_encoded_as_lists_of_their_own(run: tuple[Path, RunResult]) -> None:
    """The needs merged from the same reasons share one tuple: each distinct one is encoded once and taken for its
    rows (io.snapshot._encode_lists), the same table and file bytes as every row's own copy gives."""
    _, result = run
    needs = result.analysis.needs
    shared = {id(n.reasons) for n in needs}
    assert len(shared) * saved.SHARED_LISTS <= len(needs)  # the samples share them: the path under test
    copies = [dataclasses.replace(n, reasons=tuple(copy.copy(r) for r in n.reasons)) for n in needs]
    assert len({id(n.reasons) for n in copies}) == len(needs)  # every row its own: encoded row by row
    record = saved.RECORD_TABLES["needs"]
    tables = [saved.encode_records(rows, record) for rows in (needs, copies)]
    assert tables[0].equals(tables[1]) and tables[0].column("reasons").to_pylist()[:3] == [
        [dataclasses.asdict(r) for r in n.reasons] for n in needs[:3]]
    files = []
    for table in tables:
        sink = pa.BufferOutputStream()
        pq.write_table(table, sink, compression="zstd")
        files.append(sink.getvalue().to_pybytes())
    assert files[0] == files[1]
    assert [n.reasons for n in saved.read_records(pa.py_buffer(files[0]), record)] == [n.reasons for n in needs]


def test_files_written_side_by_side_are_the_files_written_one_by_one(tmp_path: Path) -> None:
    """write_parquets: a row group of each file at a time, each file the bytes write_parquet writes of its tables."""
    first = [pa.table({"a": [1, 2], "b": ["x", None]}), pa.table({"a": [3], "b": ["y"]})]
    second = [pa.table({"d": pa.array([dt.date(2026, 1, i + 1) for i in range(n)], pa.date32())}) for n in (3, 0)]
    digests = parquet.write_parquets([tmp_path / "a.parquet", tmp_path / "b.parquet"],
                                     zip(first, second, strict=True))
    alone = [parquet.write_parquet(tmp_path / f"{name}-alone.parquet", tables)
             for name, tables in (("a", first), ("b", second))]
    assert digests == alone
    for name in ("a", "b"):
        assert (tmp_path / f"{name}.parquet").read_bytes() == (tmp_path / f"{name}-alone.parquet").read_bytes()
    assert pq.read_table(tmp_path / "a.parquet").to_pydict() == {"a": [1, 2, 3], "b": ["x", None, "y"]}


def test_a_row_group_short_of_a_file_writes_none_of_them(tmp_path: Path) -> None:
    groups = [(pa.table({"a": [1]}), pa.table({"b": [2]})), (pa.table({"a": [3]}),)]
    with pytest.raises(ValueError, match="a row group of 1 tables for 2 files"):
        parquet.write_parquets([tmp_path / "a.parquet", tmp_path / "b.parquet"], groups)
    assert list(tmp_path.iterdir()) == []  # neither file, nor a temp folder of either


def test_the_snapshot_takes_a_column_given_only_where_it_is_of_the_fields_type(run: tuple[Path, RunResult]) -> None:
    """encode_records(given=...): a column converted already (the needs Parquet output's) is taken as it is; one of
    another type is not (obligations' missing is text there, a list in the snapshot)."""
    from needscli.core.obligations import Obligation

    rows = run[1].analysis.obligations[:50]
    plain = saved.encode_records(rows, Obligation)
    output = parquet.arrow_table(PARQUET_TABLES["obligations"], parquet.obligation_columns(rows))
    given = saved.encode_records(rows, Obligation, {name: output.column(name) for name in ("cadre_id", "missing")})
    assert given.equals(plain) and given.column("missing").type == pa.list_(pa.string())

    def data(table: pa.Table, name: str) -> int:  # where a column's values are held
        return int(table.column(name).chunks[0].buffers()[2].address)

    assert data(given, "cadre_id") == data(output, "cadre_id") != data(plain, "cadre_id")  # taken, not converted


def test_the_tables_written_beside_the_outputs_are_those_written_alone(run: tuple[Path, RunResult], tmp_path: Path) -> None:
    """write_analysis_tables: the needs and obligations of the snapshot, taking the outputs' columns, are the bytes of
    the tables encoded on their own; the outputs those write_parquet_outputs writes."""
    from needscli.reports.snapshot import write_analysis_tables

    analysis = run[1].analysis
    outputs, tables, said = write_analysis_tables(analysis, tmp_path / "both")
    _, alone, alone_said = write_analysis_tables(analysis, tmp_path / "alone", parquet=False)
    assert said == alone_said and [p.name for p in tables] == [p.name for p in alone]
    for mine, theirs in zip(tables, alone, strict=True):
        assert mine.read_bytes() == theirs.read_bytes(), mine.name
    assert [p.name for p in outputs] == [f"{stem}.parquet" for stem in parquet.ANALYSIS_TABLES]
    for path in outputs:
        assert path.read_bytes() == (run[0] / path.name).read_bytes(), path.name


def test_a_file_side_by_side_that_cannot_be_written_is_the_one_named(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The first of two files fails (a full disk): the error names it, not the second, and neither is left."""
    digest = parquet._sha256

    def full(path: Path) -> str:
        if path.name == "a.parquet":
            raise OSError(28, "No space left on device")
        return digest(path)

    monkeypatch.setattr(parquet, "_sha256", full)
    groups = [(pa.table({"a": [1]}), pa.table({"b": [2]}))]
    with pytest.raises(NeedsError) as raised:
        parquet.write_parquets([tmp_path / "a.parquet", tmp_path / "b.parquet"], groups)
    assert str(raised.value) == f"{tmp_path / 'a.parquet'}: could not be written (No space left on device)"
    assert list(tmp_path.iterdir()) == []
