"""The Python API's rollup() and write_rollup(): several runs' folders combined as needscli rollup combines them, the
tables as DataFrames of the Parquet files' columns, the warnings, and the refusals said as the command line says them."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from builders import NEEDS_AS_OF, NEEDS_CADRES, make_needs_workbook

import needscli

UNITS = ("市财政局", "市税务局", "城关镇")
RULE_OF_LAW = "rule-of-law"  # 法治思维: rated (5, 2), (4, 3) in 市财政局, (3, 3) in 市税务局


def run(folder: Path, name: str, cadres: list[list[object]]) -> Path:
    """An analyze run of these cadres through the library, written into folder/name."""
    analysis = needscli.analyze(make_needs_workbook(folder, cadres, name=f"{name}.xlsx"), as_of=NEEDS_AS_OF)
    needscli.write(analysis, needscli.plan(analysis), folder / name)
    return folder / name


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("api-runs")
    found = {unit: run(folder, f"unit{i}", [r for r in NEEDS_CADRES if r[2] == unit]) for i, unit in enumerate(UNITS)}
    found["whole"] = run(folder, "whole", NEEDS_CADRES)
    return found


def test_the_units_runs_roll_up_to_the_whole_runs_figures(runs: dict[str, Path]) -> None:
    rolled = needscli.rollup([runs[u] for u in UNITS])
    assert isinstance(rolled, needscli.Rollup) and rolled.problems == []
    whole = needscli.analyze(make_needs_workbook(runs["whole"].parent, NEEDS_CADRES, name="again.xlsx"),
                             as_of=NEEDS_AS_OF).to_frame("ranking")
    topics = rolled.to_frame("topics").set_index("topic_id")
    assert len(topics) == len(whole)
    for row in whole.itertuples():
        got = topics.loc[row.topic_id]
        assert (got["rank"], got["cadres"], got["demand"], got["topic"]) == (row.rank, row.cadres, row.demand,
                                                                             row.topic)
        if row.respondents:
            assert (got["respondents"], got["importance_sum"], got["discrepancy_sum"], got["mwds"]) == (
                row.respondents, row.importance_sum, row.discrepancy_sum, row.mwds)
    # pooled from the ratings, never averaged: N 3, ΣI 12, Σ(I − C) 4, MWDS 12 × 4 / 3² to 4 places
    assert topics.loc[RULE_OF_LAW, ["respondents", "importance_sum", "discrepancy_sum", "mwds"]].tolist() == [
        3, 12, 4, 5.3333]
    runs_frame = rolled.to_frame("runs")
    assert runs_frame["folder"].tolist() == [str(runs[u]) for u in UNITS]
    assert runs_frame["cadres"].sum() == len(NEEDS_CADRES)
    assert runs_frame["as_of"].dtype == "datetime64[ns]" and runs_frame["as_of"].dt.date.astype(str).unique().tolist() == [NEEDS_AS_OF]


def test_each_frame_has_its_parquet_files_columns_and_values(runs: dict[str, Path], tmp_path: Path) -> None:
    rolled = needscli.rollup([runs[u] for u in UNITS], lang="en")
    written = needscli.write_rollup(rolled, tmp_path / "province")
    assert sorted(p.name for p in written) == sorted(
        ["rollup.xlsx", *(f"{kind}.parquet" for kind in needscli.Rollup.KINDS)])
    for kind in needscli.Rollup.KINDS:
        mine = rolled.to_frame(kind)
        theirs = pd.read_parquet(tmp_path / "province" / f"{kind}.parquet")
        if "as_of" in theirs:  # Parquet keeps a date as a date
            theirs["as_of"] = theirs["as_of"].astype("datetime64[ns]")
        pd.testing.assert_frame_equal(mine, theirs, check_dtype=False, obj=kind)
        assert list(mine.columns) == list(theirs.columns)
    assert rolled.to_frame("topics").set_index("topic_id").loc[RULE_OF_LAW, "topic"] == "Rule of law and law-based administration"


def test_the_frames_dtypes_hold_whatever_the_values(runs: dict[str, Path]) -> None:
    topics = needscli.rollup([runs["城关镇"]]).to_frame("topics")  # 城关镇's cadre rated nothing
    assert topics["respondents"].dtype == "Int64" and topics["rank_mwds"].dtype == "Int64"
    assert topics["mwds"].dtype == "float64" and topics["needs"].dtype == "int64"
    assert topics["topic_id"].dtype == pd.Series(["a"]).dtype  # pandas' default for text, as read_parquet gives it
    rated = needscli.rollup([runs["市财政局"]]).to_frame("topics")
    assert rated.dtypes.equals(topics.dtypes)
    assert topics["rank_mwds"].isna().all() and topics["mwds"].isna().all()
    with pytest.raises(ValueError, match="unknown kind 'cadres'"):
        needscli.rollup([runs["城关镇"]]).to_frame("cadres")  # no cadre leaves a run


def test_a_cadre_in_two_runs_is_a_warning_in_problems(runs: dict[str, Path]) -> None:
    rolled = needscli.rollup([runs["whole"], runs["市财政局"]])
    assert [p.code for p in rolled.problems] == ["rollup-shared-cadres"]
    assert "2" in rolled.problems[0].message and "运行" in rolled.problems[0].message  # said in Chinese by default
    english = needscli.rollup([runs["whole"], runs["市财政局"]], lang="en")
    assert english.problems[0].message.startswith("2 cadre(s) appear in more than one run")


def test_refusals_are_said_as_the_command_line_says_them(runs: dict[str, Path], tmp_path: Path) -> None:
    with pytest.raises(needscli.NeedsError) as caught:
        needscli.rollup([runs["市财政局"], tmp_path])
    assert caught.value.exit_code == needscli.ExitCode.INPUT_UNUSABLE and caught.value.lang == "zh"
    assert str(tmp_path) in caught.value.message and "needscli" in caught.value.message
    with pytest.raises(needscli.NeedsError) as caught:
        needscli.rollup([runs["市财政局"], runs["市财政局"]], lang="en")
    assert caught.value.exit_code == needscli.ExitCode.INPUT_UNUSABLE and "twice" in caught.value.message
    rolled = needscli.rollup([runs["市财政局"], runs["市税务局"]])
    before = sorted(p.name for p in runs["市财政局"].iterdir())
    with pytest.raises(needscli.NeedsError) as caught:
        needscli.write_rollup(rolled, runs["市财政局"])
    assert caught.value.exit_code == needscli.ExitCode.OUTPUT_FAILED
    assert caught.value.message.endswith("请用 folder 指定另一个文件夹") and "用 -o" not in caught.value.message
    assert sorted(p.name for p in runs["市财政局"].iterdir()) == before  # nothing written into the run


def test_arguments_of_the_wrong_kind(runs: dict[str, Path]) -> None:
    with pytest.raises(needscli.NeedsError, match='lang must be zh or en, not "fr"'):
        needscli.rollup([runs["市财政局"]], lang="fr")
    with pytest.raises(TypeError, match="rollup\\(\\) takes a run's output folder or a list of them, not int"):
        needscli.rollup(3)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="at least one"):
        needscli.rollup([])
    with pytest.raises(TypeError, match="write_rollup\\(\\) takes the Rollup"):
        needscli.write_rollup(runs["市财政局"], "out")  # type: ignore[arg-type]
    one = needscli.rollup(str(runs["市财政局"]))  # one folder, as text
    assert one.to_frame("runs")["folder"].tolist() == [str(runs["市财政局"])]
