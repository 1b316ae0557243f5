"""The Python API's write(): the formats and the hand-outs needscli analyze offers (--formats, --split-by), and the
checks of the output folder it makes before writing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from builders import (
    HAND_OUTS,
    NEEDS_AS_OF,
    SAMPLES,
    folder_state,
    make_csv,
    make_needs_workbook,
    run_analyze,
)

import needscli

AS_OF = "2026-11-01"
CSV_OUTPUTS = ["analysis.json", "assignments.csv", "classes.csv", "needs.csv", "plan.csv", "snapshot"]


@pytest.fixture(scope="module")
def samples() -> needscli.Analysis:
    return needscli.analyze(SAMPLES, as_of=AS_OF)


@pytest.fixture(scope="module")
def samples_plan(samples: needscli.Analysis) -> needscli.Plan:
    return needscli.plan(samples)


def below(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def test_formats_csv_writes_no_workbook_and_no_parquet(samples: needscli.Analysis, samples_plan: needscli.Plan,
                                                       tmp_path: Path) -> None:
    written = needscli.write(samples, samples_plan, tmp_path / "csv", formats=["csv"])
    assert sorted(p.name for p in written) == CSV_OUTPUTS
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == CSV_OUTPUTS
    # as --formats takes it: comma-separated, in any case
    again = needscli.write(samples, samples_plan, tmp_path / "two", formats="Parquet, CSV")
    assert {p.suffix for p in again} == {".csv", ".parquet", ".json", ""}


def test_a_filled_in_workbook_is_not_looked_at_where_no_workbook_is_written(samples: needscli.Analysis,
                                                                           samples_plan: needscli.Plan,
                                                                           tmp_path: Path) -> None:
    tmp_path.joinpath("gap-report.xlsx").write_bytes(b"the office's notes")
    needscli.write(samples, samples_plan, tmp_path, formats="csv")
    assert tmp_path.joinpath("gap-report.xlsx").read_bytes() == b"the office's notes"
    with pytest.raises(needscli.NeedsError) as caught:
        needscli.write(samples, samples_plan, tmp_path, formats="xlsx")
    assert caught.value.exit_code == needscli.ExitCode.OUTPUT_FAILED and "force=True" in caught.value.message


def test_a_workbook_of_the_office_s_own_named_like_the_sign_in_sheets_is_left_alone(
        samples: needscli.Analysis, samples_plan: needscli.Plan, tmp_path: Path) -> None:
    """No run wrote class-rosters-签到汇总.xlsx: force=True neither replaces nor removes it, in the folder or in a
    hand-out folder."""
    city = tmp_path / "by-organizer" / "市委管理"
    needscli.write(samples, samples_plan, tmp_path, split_by="organizer")
    for folder in (tmp_path, city):
        make_needs_workbook(folder, name="class-rosters-签到汇总.xlsx")
    before = {folder: (folder / "class-rosters-签到汇总.xlsx").read_bytes() for folder in (tmp_path, city)}
    needscli.write(samples, samples_plan, tmp_path, force=True, split_by="organizer")
    assert {folder: (folder / "class-rosters-签到汇总.xlsx").read_bytes() for folder in (tmp_path, city)} == before


def test_split_by_unit_writes_the_hand_outs_the_command_line_writes(samples: needscli.Analysis,
                                                                     samples_plan: needscli.Plan,
                                                                     tmp_path: Path) -> None:
    written = needscli.write(samples, samples_plan, tmp_path / "api", split_by="unit")
    result = run_analyze(SAMPLES, "-o", tmp_path / "cli", "--as-of", AS_OF, "--split-by", "unit", "--quiet")
    assert result.exit_code == 1, result.stderr  # the samples' warnings
    api, cli = tmp_path / "api" / "by-unit", tmp_path / "cli" / "by-unit"
    units = sorted(p.name for p in cli.iterdir())
    assert len(units) > 1
    assert below(api) == below(cli) == sorted([*units, *(f"{u}/{name}" for u in units for name in HAND_OUTS)])
    assert sorted(str(p.relative_to(api)) for p in written if p.is_relative_to(api)) == [
        f"{u}/{name}" for u in units for name in HAND_OUTS]
    for unit in units:
        assert (api / unit / "needs.csv").read_bytes() == (cli / unit / "needs.csv").read_bytes(), unit
        assert (api / unit / "classes.csv").read_bytes() == (cli / unit / "classes.csv").read_bytes(), unit


def test_split_by_host_and_formats_go_together(samples: needscli.Analysis, samples_plan: needscli.Plan,
                                               tmp_path: Path) -> None:
    written = needscli.write(samples, samples_plan, tmp_path, formats=["parquet"], split_by="host")
    assert not list(tmp_path.glob("*.csv")) and not list(tmp_path.glob("*.xlsx"))
    hosts = list((tmp_path / "by-host").iterdir())
    assert hosts and all((host / "class-rosters.xlsx") in written for host in hosts)


def test_split_by_may_be_named_in_chinese_as_on_the_command_line(samples: needscli.Analysis,
                                                                  samples_plan: needscli.Plan, tmp_path: Path) -> None:
    needscli.write(samples, samples_plan, tmp_path, formats="csv", split_by="承办单位")
    assert sorted(p.name for p in tmp_path.glob("by-*")) == ["by-host"]


@pytest.mark.parametrize(("given", "message"), [
    ({"formats": "pdf"}, "formats 的取值“pdf”无效：可选 xlsx、csv、parquet 中的一种或几种，用逗号分隔（例如 --formats "
                         "csv,parquet）；没有写入任何文件"),
    ({"formats": []}, "formats 的取值“”无效：可选 xlsx、csv、parquet 中的一种或几种，用逗号分隔（例如 --formats "
                      "csv,parquet）；没有写入任何文件"),
    ({"split_by": "dept"}, "split_by 应为 unit、organizer、host 之一，不能是「dept」"),
], ids=["unknown format", "no format", "unknown split"])
def test_a_value_write_does_not_take_is_refused_in_the_analysis_language(samples: needscli.Analysis,
                                                                        samples_plan: needscli.Plan, tmp_path: Path,
                                                                        given: dict[str, object],
                                                                        message: str) -> None:
    with pytest.raises(needscli.NeedsError) as caught:
        needscli.write(samples, samples_plan, tmp_path / "out", **given)  # type: ignore[arg-type]
    assert (caught.value.message, caught.value.lang, caught.value.exit_code) == (
        message, "zh", needscli.ExitCode.INPUT_UNUSABLE)
    assert not (tmp_path / "out").exists()


def test_a_value_is_refused_in_english_for_an_english_analysis(tmp_path: Path) -> None:
    roster = make_csv(tmp_path, [["id", "name", "unit", "post", "level"], ["C1", "Zhang San", "Finance", "Clerk",
                                                                            "一级科员"]])
    english = needscli.analyze(roster, as_of=AS_OF, lang="en")
    made = needscli.plan(english)
    with pytest.raises(needscli.NeedsError) as formats:
        needscli.write(english, made, tmp_path / "out", formats="pdf")
    with pytest.raises(needscli.NeedsError) as split:
        needscli.write(english, made, tmp_path / "out", split_by="dept")
    assert formats.value.message.startswith('formats: "pdf" is not a list of output formats')
    assert split.value.message == 'split_by must be one of unit, organizer, host, not "dept"'
    assert (formats.value.lang, split.value.lang) == ("en", "en")


@pytest.mark.parametrize(("given", "error"), [
    ({"formats": 3}, 'formats takes a text such as "csv,parquet" or a list of texts such as ["csv", "parquet"], '
                     "not int"),
    ({"formats": ["csv", 3]}, "formats takes a text such as"),
    ({"split_by": ["unit"]}, "split_by takes one of 'unit', 'organizer', 'host' or None, not list"),
], ids=["a number", "a number listed", "a list"])
def test_an_argument_of_another_type_is_a_type_error(samples: needscli.Analysis, samples_plan: needscli.Plan,
                                                     tmp_path: Path, given: dict[str, object], error: str) -> None:
    with pytest.raises(TypeError) as caught:
        needscli.write(samples, samples_plan, tmp_path / "out", **given)  # type: ignore[arg-type]
    assert str(caught.value).startswith(error)
    assert not (tmp_path / "out").exists()


def test_no_output_is_written_over_an_input_of_the_analysis(tmp_path: Path) -> None:
    """As needscli analyze refuses --posts out/needs.csv --resources out/classes.csv -o out, before writing."""
    out = tmp_path / "out"
    out.mkdir()
    posts = make_csv(out, [["岗位名称", "培训主题", "要求水平", "重要程度"], ["科员", "公文写作", 4, 3]], name="needs.csv")
    resources = make_csv(out, [["培训机构", "机构类型", "承训主题", "每期座位"], ["市委党校", "党校", "公文写作", 40]],
                         name="classes.csv")
    analysis = needscli.analyze(make_needs_workbook(tmp_path, roster_only=True), posts=posts, resources=resources,
                                as_of=NEEDS_AS_OF)
    made = needscli.plan(analysis)
    before = folder_state(out)
    with pytest.raises(needscli.NeedsError) as caught:
        needscli.write(analysis, made, out)
    assert caught.value.exit_code == needscli.ExitCode.OUTPUT_FAILED
    assert caught.value.message.startswith(f"{out / 'classes.csv'}：这是本次运行的输入文件（培训资源，--resources）")
    assert folder_state(out) == before
    # where no CSV is written, none is in the way
    assert {p.suffix for p in needscli.write(analysis, made, out, formats="parquet")} == {".parquet", ".json", ""}
    assert (posts.read_bytes(), resources.read_bytes()) == (before["needs.csv"], before["classes.csv"])


def test_a_re_plan_of_a_written_run_keeps_its_start_and_months_unless_given_others(samples: needscli.Analysis,
                                                                                   tmp_path: Path) -> None:
    from needscli.io.snapshot import load_snapshot

    written = needscli.plan(samples, start="2027-03-01", periods=6)
    needscli.write(samples, written, tmp_path / "out", formats="csv")
    saved = load_snapshot(tmp_path / "out")
    again = needscli.plan(saved)
    assert (again.start, again.periods) == (dt.date(2027, 3, 1), 6)
    assert [c.period for c in again.classes] == [c.period for c in written.classes]
    other = needscli.plan(saved, start="2027-01-01", periods=3)
    assert (other.start, other.periods) == (dt.date(2027, 1, 1), 3)
    # a fresh analysis starts the month after its date, for [classes] periods
    fresh = needscli.plan(samples)
    assert (fresh.start, fresh.periods) == (dt.date(2026, 12, 1), 12)
