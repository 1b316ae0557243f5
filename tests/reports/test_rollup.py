"""needscli rollup, the library: runs read back, counts added up, MWDS pooled exactly, refusals, warnings,
and the outputs written whole or not at all."""

from __future__ import annotations

import csv
import dataclasses
import json
import re
import shutil
from pathlib import Path

import openpyxl
import pytest
from builders import NEEDS_AS_OF, NEEDS_CADRES, make_needs_workbook, run_analyze
from hypothesis import given
from hypothesis import strategies as st

from needscli.core.ranking import MwdsParts, borich_mwds
from needscli.errors import NeedsError, OutputError
from needscli.io.pseudonym_key import KEY_ENV
from needscli.io.snapshot import read_snapshot
from needscli.reports import rollup_report
from needscli.reports.rollup import Rollup, rollup
from needscli.reports.rollup_report import ROLLUP_BOOK, rollup_tables, write_rollup

# NEEDS_CADRES by unit: 市财政局 C01 C02 (rate 法治思维 (5, 2), (4, 3)), 市税务局 C03-C05 (C03: (3, 3)), 城关镇 C06
UNITS = {"finance": ("市财政局",), "tax": ("市税务局",), "town": ("城关镇",)}
RULE_OF_LAW = "rule-of-law"  # 法治思维's topic
KEY = "k3y-for-rollup-tests-0123456789"


def analyze_into(folder: Path, name: str, cadres: list[list[object]], *extra: str,
                 env: dict[str, str | None] | None = None) -> Path:
    """needscli analyze of a workbook of these cadres (with the posts and priorities sheets) into folder/name."""
    book = make_needs_workbook(folder, cadres, name=f"{name}.xlsx")
    out = folder / name
    result = run_analyze(book, "-o", out, "--as-of", NEEDS_AS_OF, "--quiet", *extra, env=env)
    assert result.exit_code in (0, 1), result.output
    return out


def of_units(*units: str) -> list[list[object]]:
    return [row for row in NEEDS_CADRES if row[2] in units]


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A run per unit, the whole roster's run, and the units' runs pseudonymized."""
    folder = tmp_path_factory.mktemp("runs")
    found = {name: analyze_into(folder, name, of_units(*units)) for name, units in UNITS.items()}
    found["whole"] = analyze_into(folder, "whole", NEEDS_CADRES)
    for name, units in UNITS.items():
        found[f"hidden-{name}"] = analyze_into(folder, f"hidden-{name}", of_units(*units), "--pseudonymize",
                                               env={KEY_ENV: KEY})
    return found


def parts_of(runs: dict[str, Path], prefix: str = "") -> list[Path]:
    return [runs[prefix + name] for name in UNITS]


# the by-unit tables -> the columns of a row's key after the run's (the first), and its counts after them (not the
# compliance rate, the last: a ratio of the counts)
BY_UNIT = {"obligations_by_unit": slice(1, 4), "compliance_by_unit": slice(1, 3)}
COUNTS = {"obligations_by_unit": slice(4, None), "compliance_by_unit": slice(3, -1)}


def tables(rolled: Rollup) -> dict[str, object]:
    """Every table of the roll-up but the list of runs (their folders differ); the by-unit tables without their run
    column, the counts of a unit in several runs summed (pooled)."""
    return {t.name: pooled(t.rows, t.name) if t.name in BY_UNIT else t.rows
            for t in rollup_tables(rolled, "en") if t.name != "runs"}


def pooled(rows: list[list[object]], name: str) -> dict[tuple[object, ...], list[object]]:
    """A by-unit table's counts by key (organizer, unit ...), added up over the runs."""
    sums: dict[tuple[object, ...], list[object]] = {}
    for row in rows:
        key, counts = tuple(row[BY_UNIT[name]]), row[COUNTS[name]]
        sums[key] = [a + b for a, b in zip(sums.get(key, [0] * len(counts)), counts, strict=True)]  # type: ignore[operator]
    return sums


# ---- MWDS: pooled from the parts, never averaged ----------------------------------------------------

def test_mwds_is_pooled_from_the_runs_ratings_not_averaged(runs: dict[str, Path]) -> None:
    rolled = rollup(parts_of(runs))
    topic = next(t for t in rolled.topics if t.key == RULE_OF_LAW)
    # 市财政局: (5, 2), (4, 3); 市税务局: (3, 3): N = 3, sum I = 12, sum (I - C) = 3 + 1 + 0 = 4
    assert topic.parts == MwdsParts(respondents=3, importance=12, discrepancy=4)
    assert 12 * 4 / 3 ** 2 == borich_mwds([(5, 2), (4, 3), (3, 3)])  # 16/3, as by hand
    assert topic.mwds == 5.3333  # to 4 places, as a run's ranking keeps it
    by_run = [borich_mwds([(5, 2), (4, 3)]), borich_mwds([(3, 3)])]  # 9.0 and 0.0
    assert topic.mwds != pytest.approx(sum(by_run) / 2)
    assert topic.mwds != pytest.approx((2 * by_run[0] + by_run[1]) / 3)  # nor weighted by respondents


@given(st.lists(st.tuples(st.integers(1, 5), st.integers(1, 5)), min_size=1, max_size=40), st.data())
def test_parts_of_any_split_add_up_to_the_whole_mwds_exactly(pairs: list[tuple[int, int]],
                                                               data: st.DataObject) -> None:
    cuts = sorted(data.draw(st.lists(st.integers(0, len(pairs)), max_size=4)))
    pieces = [pairs[a:b] for a, b in zip([0, *cuts], [*cuts, len(pairs)], strict=True)]
    pooled = sum((MwdsParts.of(piece) for piece in pieces), MwdsParts())
    assert pooled == MwdsParts.of(pairs)
    assert pooled.mwds == borich_mwds(pairs)  # the same float, not merely close
    mean_importance = sum(i for i, _ in pairs) / len(pairs)  # Borich's formula, step by step
    assert pooled.mwds == pytest.approx(sum((i - c) * mean_importance for i, c in pairs) / len(pairs), abs=1e-12)


def test_each_run_saves_the_parts_of_its_mwds(runs: dict[str, Path]) -> None:
    for name in ("finance", "hidden-finance"):
        row = next(r for r in read_snapshot(runs[name]).ranking if r.topic_id == RULE_OF_LAW and not r.unit)
        assert (row.respondents, row.importance_sum, row.discrepancy_sum, row.mwds) == (2, 9, 4, 9.0)


# ---- three runs add up to the whole ------------------------------------------------------------------

def test_the_units_runs_roll_up_to_the_whole_rosters_run(runs: dict[str, Path]) -> None:
    parts, whole = rollup(parts_of(runs)), rollup([runs["whole"]])
    assert tables(parts) == tables(whole)
    assert parts.summary() == {**whole.summary(), "runs": 3}
    saved = json.loads((runs["whole"] / "analysis.json").read_text(encoding="utf-8"))["summary"]
    figures = parts.summary()
    for key in ("cadres", "needs", "cadres_with_needs", "needs_by_source", "compliance_rate", "hours_not_reported",
                "unmatched", "obligations"):
        assert figures[key] == saved[key], key
    # each unit's rows are its own run's, named by the folder as given
    assert {row[2]: row[0] for row in rollup_tables(parts, "en")[-1].rows} == {
        unit: str(runs[name]) for name, units in UNITS.items() for unit in units}


def test_units_of_two_runs_that_share_a_name_stay_apart(runs: dict[str, Path], tmp_path: Path) -> None:
    """Every city's roster has its 市财政局: two cities rolled up are two rows of it, each of its own run's cadres;
    the totals (by kind, the compliance rate) pool them."""
    other = [[f"D{row[0]}", *row[1:]] for row in of_units("市财政局")]  # another city's 市财政局, its own cadres
    city = analyze_into(tmp_path, "city-b", other)
    rolled = rollup([runs["finance"], city])
    assert rolled.warnings("en") == []  # no cadre in both
    by_unit = {t.name: t.rows for t in rollup_tables(rolled, "en")}
    alone = {t.name: t.rows for t in rollup_tables(rollup([runs["finance"]]), "en")}
    compliance = by_unit["compliance_by_unit"]
    assert [(row[0], row[2], row[3]) for row in compliance] == [(str(runs["finance"]), "市财政局", 2),
                                                                (str(city), "市财政局", 2)]
    assert [row[1:] for row in compliance] == [row[1:] for row in alone["compliance_by_unit"]] * 2
    obligations = by_unit["obligations_by_unit"]
    assert [row[1:] for row in obligations] == [row[1:] for row in alone["obligations_by_unit"]] * 2
    half = len(obligations) // 2  # the first run's rows, then the second's
    assert half and [row[0] for row in obligations] == [str(runs["finance"])] * half + [str(city)] * half
    assert rolled.compliance_total().cadres == 4
    assert rolled.obligation_counts() == {kind: {status: 2 * n for status, n in counts.items()}
                                          for kind, counts in rollup([runs["finance"]]).obligation_counts().items()}


def test_pseudonymized_runs_roll_up_like_the_plain_ones_and_name_nobody(runs: dict[str, Path],
                                                                          tmp_path: Path) -> None:
    hidden = rollup(parts_of(runs, "hidden-"))
    assert [r.pseudonymized for r in hidden.runs] == [True] * 3
    assert tables(hidden) == tables(rollup(parts_of(runs)))
    written = write_rollup(hidden, tmp_path / "out")
    text = "".join(str(row) for name in openpyxl.load_workbook(written[0]).sheetnames
                   for row in openpyxl.load_workbook(written[0])[name].iter_rows(values_only=True))
    assert not [row[1] for row in NEEDS_CADRES if row[1] in text]  # no name
    assert not [row[0] for row in NEEDS_CADRES if row[0] in text]  # no id


def test_needs_are_counted_by_topic_type_source_and_level(runs: dict[str, Path]) -> None:
    rolled = rollup(parts_of(runs))
    needs = [dataclasses.asdict(n) for n in read_snapshot(runs["whole"]).needs]
    level_of = {row[0]: row[5] for row in NEEDS_CADRES}
    for field, counts in (("topic_id", rolled.topics), ("training_type", rolled.training_types),
                          ("source", rolled.sources)):
        expected = {key: (sum(1 for n in needs if n[field] == key), len({n["cadre_id"] for n in needs
                                                                         if n[field] == key}))
                    for key in {n[field] for n in needs}}
        assert {c.key: (c.needs, c.cadres) for c in counts if c.needs} == expected, field
    assert {c.key: (c.roster, c.needs) for c in rolled.levels} == {
        level: (list(level_of.values()).count(level), sum(1 for n in needs if level_of[n["cadre_id"]] == level))
        for level in level_of.values()}


# ---- refusals ---------------------------------------------------------------------------------------

def test_a_folder_without_analysis_json_is_refused_by_name(runs: dict[str, Path], tmp_path: Path) -> None:
    with pytest.raises(NeedsError) as caught:
        rollup([runs["finance"], tmp_path])
    assert caught.value.message == (f"{tmp_path}：不是 needscli 的输出文件夹（其中没有 needscli 写出的 analysis.json），"
                                    "无法汇总；请给出 needscli analyze 用 -o 写出的文件夹")
    assert caught.value.exit_code == 2


def test_a_hand_out_folder_is_refused_naming_its_run(runs: dict[str, Path], tmp_path: Path) -> None:
    run = shutil.copytree(runs["tax"], tmp_path / "tax")
    (run / "by-unit" / "市税务局").mkdir(parents=True)  # as analyze --split-by unit writes it
    with pytest.raises(NeedsError) as caught:
        rollup([runs["finance"], run / "by-unit" / "市税务局"])
    assert caught.value.message == (f"{run / 'by-unit' / '市税务局'}：这是 {run} 那次运行分发用的文件夹（analyze "
                                    f"--split-by 写出），不是一次运行的输出文件夹，不能单独汇总；请给出那次运行的文件夹 {run}")
    assert caught.value.exit_code == 2


def test_a_folder_that_is_not_there_is_said_so(runs: dict[str, Path], tmp_path: Path) -> None:
    with pytest.raises(NeedsError) as caught:
        rollup([runs["finance"], tmp_path / "out-c"])
    assert caught.value.message == f"{tmp_path / 'out-c'}：找不到这个文件夹，请检查路径"


def test_a_missing_table_of_a_run_names_the_table_not_analysis_json(runs: dict[str, Path], tmp_path: Path) -> None:
    """A run copied without its snapshot/needs.parquet: the message blamed analysis.json, which is whole."""
    copy = shutil.copytree(runs["tax"], tmp_path / "copy")
    (copy / "snapshot" / "needs.parquet").unlink()
    with pytest.raises(NeedsError) as caught:
        rollup([runs["finance"], copy])
    assert "needs.parquet" in caught.value.message and "其中的 analysis.json 无法读取" not in caught.value.message
    assert "保存的分析结果（analysis.json 及 snapshot 文件夹）" in caught.value.message


@pytest.mark.parametrize(("content", "code"), [
    ("{not json", "damaged"),
    ('{"hello": "world"}', "not a run"),
    ('{"version": 99, "as_of": "2026-11-01", "lang": "zh"}', "newer"),
    ('{"version": 1, "as_of": "2026-11-01", "lang": "zh", "needs": [{"cadre_id": "C01"}], "cadres": []}', "damaged"),
])
def test_an_analysis_json_that_is_none_of_needscli_is_refused(tmp_path: Path, content: str, code: str) -> None:
    (tmp_path / "analysis.json").write_text(content, encoding="utf-8")
    with pytest.raises(NeedsError) as caught:
        rollup([tmp_path], lang="en")
    starts = {"damaged": f"{tmp_path}: the analysis saved in it (analysis.json and its snapshot folder) cannot be "
                         "read or is damaged",
              "not a run": f"{tmp_path}: not an output folder of needscli",
              "newer": f"{tmp_path}: its analysis.json was written by a newer needscli"}
    assert caught.value.message.startswith(starts[code])
    assert "C01" not in caught.value.message


def test_the_same_run_given_twice_is_refused_however_it_is_named(runs: dict[str, Path], tmp_path: Path) -> None:
    with pytest.raises(NeedsError) as caught:  # the same path twice: said as given twice, not as two runs
        rollup([runs["finance"], runs["tax"], runs["finance"]])
    assert caught.value.message == f"{runs['finance']}：给出了两次，汇总两次会重复计数；每次运行只能给出一次"
    spelled = runs["finance"].parent / ".." / runs["finance"].parent.name / runs["finance"].name
    with pytest.raises(NeedsError) as caught:
        rollup([runs["finance"], runs["tax"], spelled], lang="en")
    assert caught.value.message == (f"{spelled}: the same folder as {runs['finance']}, given twice; rolled up twice "
                                    "it would be counted twice: give each run once")
    copy = shutil.copytree(runs["tax"], tmp_path / "copy")
    with pytest.raises(NeedsError) as caught:
        rollup([runs["finance"], runs["tax"], copy])
    assert caught.value.message == (f"{copy}：与 {runs['tax']} 是同一次运行的输出，汇总两次会重复计数；每次运行只能给出一次")


# ---- warnings ---------------------------------------------------------------------------------------

def test_runs_of_different_dates_catalogs_or_with_shared_cadres_are_warned_of(runs: dict[str, Path],
                                                                             tmp_path: Path) -> None:
    assert rollup(parts_of(runs)).warnings("en") == []
    other = shutil.copytree(runs["town"], tmp_path / "town")
    snap = json.loads((other / "analysis.json").read_text(encoding="utf-8"))
    snap["as_of"] = "2026-06-30"
    snap["topics"][0]["hours"] += 1  # a catalog of its own
    (other / "analysis.json").write_text(json.dumps(snap, ensure_ascii=False), encoding="utf-8")
    warned = rollup([runs["finance"], runs["tax"], other, runs["whole"]]).warnings("en")
    assert [w.code for w in warned] == ["rollup-as-of-differs", "rollup-catalog-differs", "rollup-shared-cadres"]
    assert {w.severity for w in warned} == {"warning"}
    assert warned[0].message.startswith("the runs have different analysis dates (2026-06-30, 2026-11-01)")
    # the whole roster's run has the units' catalog: the topics its inputs added are no part of it
    assert warned[1].message.startswith(f"{other}: another topic catalog than {runs['finance']}'s")
    # every run holding a cadre another run holds, each named
    assert warned[2].message.startswith(f"6 cadre(s) appear in more than one run ({runs['finance']}, {runs['tax']}, "
                                        f"{other}, {runs['whole']})")
    assert rollup([runs["finance"], runs["whole"], runs["tax"]]).warnings("zh")[0].message.startswith(
        f"5 名干部出现在不止一次运行中（{runs['finance']}、{runs['whole']}、{runs['tax']}）")


@pytest.mark.parametrize(("damage", "zh", "en"), [
    ("{", "不是可读的分析结果文件", "not a readable analysis file"),
    ("as_of", "分析结果文件已损坏（位于 as_of）", "damaged analysis file (at as_of)"),
    ("table", "snapshot/needs.parquet：写出以后已被改动或损坏（不是 Parquet 文件）",
     "snapshot/needs.parquet: changed or damaged since the run wrote it (not a Parquet file)")])
def test_a_damaged_run_is_named_in_the_rolls_language(runs: dict[str, Path], tmp_path: Path, damage: str, zh: str,
                                                      en: str) -> None:
    """What is wrong with its analysis.json said in the roll-up's language, once, the advice given once (a Chinese
    message quoted the English reason, and told to run analyze again twice)."""
    broken = shutil.copytree(runs["tax"], tmp_path / "broken")
    if damage == "table":
        (broken / "snapshot" / "needs.parquet").write_bytes(b"not parquet")
        run = json.loads((broken / "analysis.json").read_text(encoding="utf-8"))
        assert run["lang"] == "zh"  # said in the roll-up's language, whatever the run's
    elif damage == "{":
        (broken / "analysis.json").write_text("{", encoding="utf-8")
    else:
        snap = json.loads((broken / "analysis.json").read_text(encoding="utf-8"))
        snap["as_of"] = "2026-13-45"
        (broken / "analysis.json").write_text(json.dumps(snap, ensure_ascii=False), encoding="utf-8")
    for lang, reason in (("zh", zh), ("en", en)):
        with pytest.raises(NeedsError) as caught:
            rollup([runs["finance"], broken], lang=lang)
        assert reason in caught.value.message and ("已损坏：" if lang == "zh" else "damaged: ") in caught.value.message
        assert caught.value.message.count("needscli analyze") == 1


def test_cities_numbering_their_cadres_alike_share_no_cadre(tmp_path: Path) -> None:
    """Two cities' rosters both number from C01, their people others: no cadre is in both runs (it warned, exit 1, of
    every city's roll-up); pseudonymized with one key, the same. A person on both rosters (id and name) still is."""
    ours = of_units("市财政局")
    theirs = [[row[0], f"{row[1]}之", *row[2:]] for row in ours]  # the same ids, other people
    for extra, env in (((), None), (("--pseudonymize",), {KEY_ENV: KEY})):
        a = analyze_into(tmp_path, f"a{len(extra)}", ours, *extra, env=env)
        b = analyze_into(tmp_path, f"b{len(extra)}", theirs, *extra, env=env)
        c = analyze_into(tmp_path, f"c{len(extra)}", ours[:1], *extra, env=env)
        assert rollup([a, b]).warnings("en") == []
        assert [w.code for w in rollup([a, b, c]).warnings("en")] == ["rollup-shared-cadres"]
    # a name compared as its token is made of it, pseudonymized or not: 王 伟 and 王　伟 alike, 王伟 apart
    spaced = [[row[0], f"{row[1][0]}　{row[1][1:]}", *row[2:]] for row in ours]
    shared = []
    for extra, env in (((), None), (("--pseudonymize",), {KEY_ENV: KEY})):
        a = analyze_into(tmp_path, f"p{len(extra)}", ours, *extra, env=env)
        d = analyze_into(tmp_path, f"d{len(extra)}", spaced, *extra, env=env)
        shared.append([w.code for w in rollup([a, d]).warnings("en")])
    assert shared[0] == shared[1]


def test_a_run_of_an_older_needscli_leaves_mwds_unpooled_and_says_so(runs: dict[str, Path], tmp_path: Path) -> None:
    older = tmp_path / "older"  # the tax run as a needscli of version 1 saved it: all in analysis.json, no sums
    older.mkdir()
    snap = json.loads(read_snapshot(runs["tax"]).model_dump_json())
    for row in snap["ranking"] + snap["unit_ranking"]:
        del row["importance_sum"], row["discrepancy_sum"]
    (older / "analysis.json").write_text(json.dumps({**snap, "version": 1}, ensure_ascii=False), encoding="utf-8")
    rolled = rollup([runs["finance"], older, runs["town"]])
    topic = next(t for t in rolled.topics if t.key == RULE_OF_LAW)
    assert (topic.mwds, topic.rank_mwds) == (None, None)
    assert [w.message for w in rolled.warnings("zh")] == [
        f"{older}：由较早版本的 needscli 写出，没有汇总 MWDS 所需的评分合计；法治思维与依法行政 的 MWDS 无法汇总，"
        "请对这些名册重新运行 needscli analyze"]


# ---- the outputs ------------------------------------------------------------------------------------

def read_table(folder: Path, name: str) -> list[dict[str, object]]:
    """A table the roll-up wrote, as Parquet or as CSV, whichever it is."""
    if (folder / f"{name}.parquet").exists():
        pq = pytest.importorskip("pyarrow.parquet")
        return list(pq.read_table(folder / f"{name}.parquet").to_pylist())
    with open(folder / f"{name}.csv", encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_workbook_and_the_tables_are_written_in_the_language_asked(runs: dict[str, Path], tmp_path: Path) -> None:
    rolled = rollup(parts_of(runs))
    written = write_rollup(rolled, tmp_path / "zh")
    assert sorted(p.name for p in written) == sorted(p.name for p in (tmp_path / "zh").iterdir())
    assert openpyxl.load_workbook(tmp_path / "zh" / ROLLUP_BOOK).sheetnames == [
        "汇总", "汇总的运行", "主题排序", "按培训类型", "按需求来源", "按职级", "必训任务", "必训任务（按主办与单位）",
        "学时达标（按主办与单位）"]
    write_rollup(rolled, tmp_path / "en", "en")
    book = openpyxl.load_workbook(tmp_path / "en" / ROLLUP_BOOK)
    assert book.sheetnames[:3] == ["Summary", "Runs", "Topics"]
    rows = [r for r in book["Topics"].iter_rows(values_only=True)]
    header = rows[0]
    row = dict(zip(header, next(r for r in rows if r[1] == RULE_OF_LAW), strict=True))
    assert (row["Respondents"], row["Sum of importance"], row["Sum of discrepancy (I − C)"]) == (3, 12, 4)
    assert row["MWDS"] == 5.3333
    topics = read_table(tmp_path / "en", "topics")
    mwds = next(t["mwds"] for t in topics if t["topic_id"] == RULE_OF_LAW)
    assert float(mwds) == 5.3333  # to 4 places as a run's, whether Parquet or CSV  # type: ignore[arg-type]


def test_the_tables_are_csv_where_pyarrow_is_not_installed(runs: dict[str, Path], tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rollup_report, "arrow", lambda: None)
    written = write_rollup(rollup(parts_of(runs)), tmp_path)
    assert sorted(p.name for p in written) == [
        "compliance_by_unit.csv", "levels.csv", "obligations.csv", "obligations_by_unit.csv", "rollup.xlsx",
        "runs.csv", "sources.csv", "topics.csv", "training_types.csv"]
    assert read_table(tmp_path, "obligations")[0] == {"kind": "appointment", "due": "1", "overdue": "0", "met": "0",
                                                      "unknown": "0"}


def test_the_tables_are_parquet_where_pyarrow_is_installed(runs: dict[str, Path], tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    write_rollup(rollup(parts_of(runs)), tmp_path)
    runs_table = pq.read_table(tmp_path / "runs.parquet")
    assert [str(t) for t in runs_table.schema.types] == ["string", "date32[day]", "string", "int64", "int64", "bool"]
    # every column a name SQL takes unquoted: the needs by source as unit_ranking.parquet names them
    names = pq.read_table(tmp_path / "topics.parquet").column_names
    assert all(re.fullmatch(r"[a-z_]+", name) for name in names), names
    assert {"needs_obligation", "needs_theory_core"} <= set(names)


def test_nothing_is_written_when_one_output_cannot_be(runs: dict[str, Path], tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rollup_report, "arrow", lambda: None)
    (tmp_path / "sources.csv").mkdir()  # a folder where a table goes
    with pytest.raises(OutputError):
        write_rollup(rollup(parts_of(runs)), tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sources.csv"]


def test_the_rollup_is_never_written_into_a_run_folder(runs: dict[str, Path]) -> None:
    before = sorted(p.name for p in runs["tax"].iterdir())
    for out in (runs["tax"] / ".." / "tax", runs["tax"] / "snapshot", runs["tax"] / "rollup"):
        with pytest.raises(OutputError, match="a run folder being rolled up"):
            write_rollup(rollup(parts_of(runs), lang="en"), out, "en")
    assert sorted(p.name for p in runs["tax"].iterdir()) == before
    with pytest.raises(OutputError, match="an output folder of needscli analyze"):  # one not rolled up
        write_rollup(rollup([runs["finance"]], lang="en"), runs["whole"], "en")


@pytest.mark.parametrize("inside", ["snapshot", "snapshot/deeper", "rollup", "by-unit/市财政局", "by-organizer"])
def test_the_rollup_is_never_written_inside_another_runs_folder(runs: dict[str, Path], inside: str) -> None:
    """Into the snapshot/ of a run not rolled up, the roll-up's obligations.parquet replaced the run's own."""
    whole = runs["whole"]
    before = {p: p.read_bytes() for p in whole.rglob("*") if p.is_file()}
    with pytest.raises(OutputError) as caught:
        write_rollup(rollup([runs["finance"]]), whole / inside)
    said = ("这是 needscli analyze 的输出文件夹 {run} 中分发用的文件夹（--split-by 写出），汇总结果不写在这里"
            if inside.startswith("by-") else "在 needscli analyze 的输出文件夹 {run} 之中，汇总结果不写在这里，以免替换")
    assert caught.value.message.startswith(f"{whole / inside}：" + said.format(run=whole))
    assert {p: p.read_bytes() for p in whole.rglob("*") if p.is_file()} == before
    assert not (whole / inside).exists() or inside == "snapshot"
