"""The Python API's config: a project file's thresholds and [columns], what of it is not used, and config objects
checked as they are made and changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import make_config, make_csv

import needscli

AS_OF = "2026-11-01"
HEADER = ["人事编码", "姓名", "单位", "职务", "职级", "任现职时间", "本年度学时", "五年累计学时", "本年度网络学时"]
ROWS = [["C0001", "张明", "市财政局", "局长", "县处级正职", "2020.08", 96, 600, 60],
        ["C0002", "李华", "市财政局", "办公室主任", "乡科级正职", "2019-05-01", 96, 600, 60],
        ["C0003", "王芳", "市财政局", "科员", "一级科员", "2020年11月", 96, 600, 60]]
MAPPING = '[columns.roster]\n"人事编码" = "id"\n'


@pytest.fixture
def foreign(tmp_path: Path) -> Path:
    """A roster whose id column has a header of its own (人事编码): read only with a [columns] mapping."""
    return make_csv(tmp_path, [HEADER, *ROWS], name="foreign.csv")


def test_a_project_files_thresholds_and_column_mapping_are_used(foreign: Path, tmp_path: Path) -> None:
    project = make_config(tmp_path, "[classes]\nmax_size = 20\n" + MAPPING, name="needscli.toml")
    analysis = needscli.analyze(foreign, config=project, as_of=AS_OF)
    assert [c.id for c in analysis.cadres] == ["C0001", "C0002", "C0003"]
    assert analysis.config.classes.max_size == 20
    assert analysis.problems == []  # a file of thresholds and [columns] only: nothing left unused


def test_a_dict_may_carry_the_column_mapping(foreign: Path) -> None:
    analysis = needscli.analyze(foreign, config={"columns": {"roster": {"人事编码": "id"}},
                                                 "classes": {"max_size": 25}}, as_of=AS_OF)
    assert len(analysis.cadres) == 3 and analysis.config.classes.max_size == 25


def test_without_the_mapping_the_id_column_is_missing(foreign: Path) -> None:
    with pytest.raises(needscli.NeedsError, match="编号"):
        needscli.analyze(foreign, as_of=AS_OF)


def test_a_mapping_to_no_field_is_refused_naming_it(foreign: Path) -> None:
    with pytest.raises(needscli.NeedsError) as caught:
        needscli.analyze(foreign, config={"columns": {"roster": {"人事编码": "idd"}}}, lang="en")
    assert caught.value.message.startswith('config: [columns.roster] "人事编码" maps to unknown field "idd"; fields: ')


def test_the_sections_the_api_does_not_use_are_warned_of(foreign: Path, tmp_path: Path) -> None:
    project = make_config(tmp_path, '[inputs]\nroster = "other.xlsx"\n[options]\nas_of = "2020-01-01"\n' + MAPPING,
                          name="needscli.toml")
    analysis = needscli.analyze(foreign, config=project, as_of=AS_OF)
    assert analysis.as_of.isoformat() == AS_OF and len(analysis.cadres) == 3  # the arguments', not [inputs]/[options]
    assert [(p.code, p.severity, p.message) for p in analysis.problems] == [
        ("config-sections-unused", "warning", "needscli.toml：Python API 只采用配置中的阈值和 [columns]，[inputs]、"
         "[options] 未采用；要按它们运行，请用 needscli analyze --project 给出该文件")]


def test_a_dicts_unused_sections_are_said_with_no_file_to_give(foreign: Path) -> None:
    """A dict has no file to give --project: the warning says to write its sections in one."""
    given = {"options": {"lang": "zh"}, "outputs": {}, "columns": {"roster": {"人事编码": "id"}}}
    english = needscli.analyze(foreign, config=given, as_of=AS_OF, lang="en")
    assert [p.message for p in english.problems] == [
        "config: [options], [outputs] are not used by the Python API (its thresholds and [columns] are); to run with "
        "them, write them in a project file (needscli.toml) and give that file to needscli analyze --project"]
    chinese = needscli.analyze(foreign, config=given, as_of=AS_OF)
    assert [(p.code, p.file, p.message) for p in chinese.problems] == [
        ("config-sections-unused", "config", "config：Python API 只采用配置中的阈值和 [columns]，[options]、[outputs] "
         "未采用；要按它们运行，请把它们写入项目文件（needscli.toml），用 needscli analyze --project 给出该文件")]


def test_no_config_is_the_defaults_whatever_the_current_folder_holds(tmp_path: Path, foreign: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """As README says: the API reads no ./needscli.toml (the command line does); a script passes its path."""
    make_config(tmp_path, "[classes]\nmax_size = 20\n" + MAPPING, name="needscli.toml")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(needscli.NeedsError, match="编号"):
        needscli.analyze(foreign, as_of=AS_OF)
    assert needscli.analyze(foreign, config="needscli.toml", as_of=AS_OF).config.classes.max_size == 20


def test_a_bad_value_set_on_a_config_raises_at_once() -> None:
    """Said as analyze() says a config dict's faults by default: in Chinese (no roster read yet), e.lang zh."""
    config = needscli.Config()
    with pytest.raises(needscli.NeedsError) as caught:
        config.classes.max_size = -1
    assert (caught.value.message, caught.value.lang) == ("config：classes.max_size：应不小于 1（当前为 -1）", "zh")
    assert [(p.code, p.column) for p in caught.value.problems] == [("bad-value", "classes.max_size")]
    assert config.classes.max_size == 50  # left as it was
    with pytest.raises(needscli.NeedsError, match="hours.annual_required"):
        config.hours.annual_required = "many"  # type: ignore[assignment]
    config.classes.max_size = 40
    assert config.classes.max_size == 40


def test_a_config_made_with_a_bad_value_raises_what_a_dict_of_it_raises(foreign: Path) -> None:
    with pytest.raises(needscli.NeedsError) as made:
        needscli.Config(classes={"max_size": -4})  # type: ignore[arg-type]
    with pytest.raises(needscli.NeedsError) as given:
        needscli.analyze(foreign, config={"classes": {"max_size": -4}})
    assert (made.value.message, made.value.problems, made.value.lang) == (
        given.value.message, given.value.problems, given.value.lang) == (
        "config：classes.max_size：应不小于 1（当前为 -4）", given.value.problems, "zh")
    with pytest.raises(needscli.NeedsError, match="classes.min_size 60 大于 max_size 50"):
        needscli.Config(classes={"min_size": 60})  # type: ignore[arg-type]


def test_a_list_changed_in_place_is_checked_when_the_config_is_used(tmp_path: Path) -> None:
    """holidays.append() sets no value (nothing checks it then): analyze() and plan() check the config they are
    given again, as a dict's, and run with their own copy (a day written as a clerk writes it read as it means)."""
    roster = make_csv(tmp_path, [["编号", *HEADER[1:]], *ROWS])
    config = needscli.Config()
    config.classes.holidays.append("not a day")
    with pytest.raises(needscli.NeedsError) as caught:
        needscli.analyze(roster, config=config, as_of=AS_OF, lang="en")
    assert [(p.code, p.column) for p in caught.value.problems] == [("bad-value", "classes.holidays")]
    assert caught.value.message.startswith("config: classes.holidays: 'not a day' is not a day")
    config.classes.holidays[-1] = "2027年2月8日"
    analysis = needscli.analyze(roster, config=config, as_of=AS_OF)
    assert analysis.config.classes.holidays == ["2027-02-08"] and analysis.config is not config
    assert needscli.plan(analysis).assignments  # checked, and planned
    plan = needscli.plan(analysis)
    analysis.config.classes.holidays.append("2027-02-30")
    with pytest.raises(needscli.NeedsError, match="「2027-02-30」不是日期"):
        needscli.plan(analysis)
    # nor is it written: analysis.json would hold it, and needscli classes call the folder damaged
    with pytest.raises(needscli.NeedsError, match="「2027-02-30」不是日期"):
        needscli.write(analysis, plan, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_sizes_set_across_each_other_are_refused_as_a_files_are(foreign: Path) -> None:
    config = needscli.Config()
    config.classes.min_size = 60  # each a valid size; together no class can form
    with pytest.raises(needscli.NeedsError, match="classes.min_size 60 is above max_size 50"):
        needscli.analyze(foreign, config=config, as_of=AS_OF, lang="en")
    analysis = needscli.analyze(foreign, config={"columns": {"roster": {"人事编码": "id"}}}, as_of=AS_OF)
    analysis.config.classes.min_size = 60
    with pytest.raises(needscli.NeedsError) as caught:
        needscli.plan(analysis)
    assert caught.value.message == "config：classes.min_size 60 大于 max_size 50：最小班额不能超过最大班额"
