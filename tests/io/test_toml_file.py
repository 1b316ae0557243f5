"""One TOML reader for every file (config, project, rules, topics, defaults): syntax errors with their
line and column, and every fault of a file reported at once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from builders import catalog

from needscli.config import Config
from needscli.errors import NeedsError
from needscli.io.catalog_file import default_topics, load_topics_toml
from needscli.io.config_file import load_config
from needscli.io.project import load_project
from needscli.io.rules_file import default_rules, load_rules
from needscli.io.toml_file import read_toml
from needscli.wording import ASCII_SENTENCE

BROKEN = '[hours]\nannual_required = 80\ncycle_years = "5\n'  # the string on line 3 never ends


def write(tmp_path: Path, text: str, name: str = "needscli.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_syntax_error_names_file_line_and_column(tmp_path: Path) -> None:
    with pytest.raises(NeedsError) as caught:
        read_toml(write(tmp_path, BROKEN, "thresholds.toml"), "config file")
    assert caught.value.message == ("thresholds.toml: not valid TOML (line 3, column 17: Illegal character '\\n'); "
                                    "fix the config file")
    (problem,) = caught.value.problems
    assert (problem.code, problem.file, problem.row, problem.column) == ("bad-toml", "thresholds.toml", 3, "17")


def test_a_syntax_error_at_the_end_names_the_last_line(tmp_path: Path) -> None:
    with pytest.raises(NeedsError) as caught:
        read_toml(write(tmp_path, "[hours]\nannual_required = [80,\n  90"), "config file")
    assert caught.value.message.startswith("needscli.toml: not valid TOML (line 3, column 5: ")


def test_a_missing_file_and_a_file_not_in_utf8(tmp_path: Path) -> None:
    with pytest.raises(NeedsError, match=r"^absent.toml: rules file not found; check the path$"):
        read_toml(tmp_path / "absent.toml", "rules file")
    path = tmp_path / "gbk.toml"
    path.write_bytes('name = "组织部"\n'.encode("gbk"))
    with pytest.raises(NeedsError, match=r"^gbk.toml: config file is not UTF-8 text; save it as UTF-8$"):
        read_toml(path, "config file")


def test_config_project_rules_and_topics_files_share_the_reader(tmp_path: Path) -> None:
    path = write(tmp_path, BROKEN)
    loaders = [lambda: load_config(path), lambda: load_project(path), lambda: load_topics_toml(path),
               lambda: load_rules(catalog(), Config(), path=path)]
    caught = []
    for load in loaders:
        with pytest.raises(NeedsError) as raised:
            load()
        caught.append(raised.value)
    heads = {error.message.split("; fix the ")[0] for error in caught}
    assert heads == {"needscli.toml: not valid TOML (line 3, column 17: Illegal character '\\n')"}
    assert [error.message.split("; fix the ")[1] for error in caught] == [
        "config file", "project file", "topic catalog", "rules file"]
    assert len({tuple(error.problems) for error in caught}) == 1


def test_a_config_file_reports_every_fault(tmp_path: Path) -> None:
    path = write(tmp_path, '[classes]\nmin_size = 0\nmax_sise = 3\n[hours]\ncycle_years = "five"\n',
                 "thresholds.toml")
    with pytest.raises(NeedsError) as caught:
        load_config(path)
    assert [p.column for p in caught.value.problems] == ["hours.cycle_years", "classes.min_size", "classes.max_sise"]
    lines = caught.value.message.splitlines()
    assert len(lines) == 3
    assert all(line.startswith("thresholds.toml: ") for line in lines)


@pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
def test_a_threshold_is_a_finite_number(tmp_path: Path, value: str) -> None:
    path = write(tmp_path, f"[needs]\nmerge_bonus = {value}\n[classes]\nunit_away_share = {value}\n")
    with pytest.raises(NeedsError) as caught:
        load_config(path)
    assert [(p.code, p.column) for p in caught.value.problems] == [
        ("bad-value", "needs.merge_bonus"), ("bad-value", "classes.unit_away_share")]
    assert "finite number" in caught.value.message


def test_cross_field_faults_of_a_config_are_problems_too(tmp_path: Path) -> None:
    path = write(tmp_path, "[classes]\nmin_size = 9\nmax_size = 3\n")
    with pytest.raises(NeedsError) as caught:
        load_config(path)
    (problem,) = caught.value.problems
    assert caught.value.message == "needscli.toml: classes.min_size 9 is above max_size 3"
    assert problem.code == "bad-value"


def test_a_topic_catalog_names_the_topic_at_fault(tmp_path: Path) -> None:
    text = ('[[topic]]\nid = "a"\nname_zh = "甲"\n\n[[topic]]\nid = "b"\nname_zh = "乙"\nhours = -1\n'
            '\n[[topic]]\nid = "c"\n')
    with pytest.raises(NeedsError) as caught:
        load_topics_toml(write(tmp_path, text, "topics.toml"))
    assert [(p.code, p.column) for p in caught.value.problems] == [
        ("bad-value", "topic.1.hours"), ("missing-key", "topic.2.name_zh")]


def test_the_package_defaults_are_read_through_the_same_module() -> None:
    assert {t.file for t in default_topics()} == {"topics.toml"}
    assert {str(where).split(" line ")[0] for where, _ in default_rules()} == {"rules.toml (built-in)"}


def test_the_shipped_reference_config_is_the_defaults() -> None:
    """defaults/config.toml, the commented copy an office starts from, says what the code does."""
    from importlib import resources

    from needscli.config import Config
    from needscli.io.config_file import load_config

    path = resources.files("needscli") / "defaults" / "config.toml"
    with resources.as_file(path) as file:
        shipped = load_config(file)
    assert shipped == Config()
    text = path.read_text(encoding="utf-8")
    for key in ("annual_required", "five_year_required", "online_min_annual", "promotion_grace_months",
                "appointment_months", "probation_months"):
        line = next(i for i, ln in enumerate(text.splitlines()) if ln.startswith(key))
        assert text.splitlines()[line - 1].startswith("#"), f"{key} has no comment citing its source"
    # the copy commented in Chinese, for an office to start from, holds the same settings line for line
    chinese = resources.files("needscli") / "defaults" / "config.zh-CN.toml"
    with resources.as_file(chinese) as file:
        assert load_config(file) == Config()
    zh = chinese.read_text(encoding="utf-8")

    def settings(lines: str) -> list[str]:
        return [ln.split("#")[0].rstrip() for ln in lines.splitlines() if ln.strip() and not ln.startswith("#")]

    assert settings(zh) == settings(text)
    comments = [ln for ln in zh.splitlines() if ln.startswith("#")]
    assert comments and not [ln for ln in comments if ASCII_SENTENCE.search(ln)]  # said in Chinese


@pytest.mark.parametrize(("text", "zh"), [
    (BROKEN, "thresholds.toml：不是有效的 TOML（第 3 行第 17 列：文本在行尾没有结束（缺少结尾的引号））；请改正配置文件"),
    ("[classes]\nmin_size = 1\nmax_size = 1x\n",
     "thresholds.toml：不是有效的 TOML（第 3 行第 13 列：一条语句之后应换行（一行只写一个 键 = 值））；请改正配置文件"),
    ("[classes]\nmin_size = abc\n",
     "thresholds.toml：不是有效的 TOML（第 2 行第 12 列：取值无效（文本须加英文引号，如 \"市委管理\"；数字、true/false 和日期不加））；"
     "请改正配置文件"),
])
def test_a_syntax_error_reads_in_chinese(tmp_path: Path, text: str, zh: str) -> None:
    from needscli.wording import in_chinese

    with pytest.raises(NeedsError) as caught:
        read_toml(write(tmp_path, text, "thresholds.toml"), "config file")
    assert in_chinese(caught.value.message) == zh


@pytest.mark.parametrize(("name", "zh"), [
    ("nosuch.toml", "nosuch.toml：找不到配置文件，请检查路径"),
    ("roster.xlsx", "roster.xlsx：不是 UTF-8 编码的文本，无法作为配置文件读取；配置文件应为 UTF-8 编码的 TOML 文本"),
    ("adir", "adir：无法作为配置文件读取（是文件夹）；请检查路径"),
])
def test_a_config_file_that_cannot_be_had_is_said_in_chinese(tmp_path: Path, name: str, zh: str) -> None:
    from needscli.wording import in_chinese

    (tmp_path / "roster.xlsx").write_bytes(b"PK\x03\x04\xff\xfe\x00")
    (tmp_path / "adir").mkdir()
    with pytest.raises(NeedsError) as caught:
        load_config(tmp_path / name)
    assert in_chinese(caught.value.message) == zh


def test_min_size_above_max_size_is_said_in_chinese(tmp_path: Path) -> None:
    from needscli.wording import in_chinese

    with pytest.raises(NeedsError) as caught:
        load_config(write(tmp_path, "[classes]\nmin_size = 20\nmax_size = 10\n", "mm.toml"))
    assert caught.value.message == "mm.toml: classes.min_size 20 is above max_size 10"
    assert in_chinese(caught.value.message) == "mm.toml：classes.min_size 20 大于 max_size 10：最小班额不能超过最大班额"


@pytest.mark.parametrize(("text", "said"), [
    ("[inputs]\nroster = 'a.xlsx'\n[inputs]\n", "[inputs] 声明了两次"),
    ("[classes.organizer_parent]\n[classes.organizer_parent]\n", "[classes.organizer_parent] 声明了两次"),
])
def test_a_section_declared_twice_is_named_as_the_file_writes_it(tmp_path: Path, text: str, said: str) -> None:
    """The TOML reader names a section as Python writes a tuple, ('inputs',): the clerk reads [inputs]."""
    from needscli.wording import in_chinese

    with pytest.raises(NeedsError) as caught:
        read_toml(write(tmp_path, text), "project file")
    assert said in in_chinese(caught.value.message)


@pytest.mark.parametrize("text", ["x = " + "[" * 100_000, "x = " + "{a=" * 100_000])
def test_a_file_nested_past_what_can_be_read_names_the_file(tmp_path: Path, text: str) -> None:
    """tomllib reads nested arrays and inline tables by recursion: 100,000 of them were a RecursionError."""
    from needscli.wording import in_chinese

    path = write(tmp_path, text + "\n", "deep.toml")
    for load in (lambda: load_config(path), lambda: load_project(path), lambda: load_rules(catalog(), Config(), path=path)):
        with pytest.raises(NeedsError) as caught:
            load()
        assert caught.value.message.startswith("deep.toml: not valid TOML (nested more deeply than can be read); fix ")
    assert in_chinese(caught.value.message) == "deep.toml：不是有效的 TOML（数组或表嵌套层数过多，无法读取）；请改正规则文件"


@pytest.mark.parametrize(("text", "place"), [
    ("[" + ".".join(["a"] * 100_000) + "]\nb = 1\n", (1, 2)),  # a table header
    ("x = 1\n  " + ".".join(["a"] * 40_000) + " = 1\n", (2, 3)),  # a dotted key
    ("x = {" + " . ".join(['"q"'] * 40_000) + " = 1}\n", (1, 6)),  # in an inline table, of quoted parts
])
def test_a_key_of_more_parts_than_any_file_has_is_refused_unread_at_its_place(tmp_path: Path, text: str,
                                                                              place: tuple[int, int]) -> None:
    """tomllib's time grows with the square of a key's parts: a config of one key of 100,000 parts (200 KB) kept
    analyze 28 s (a larger one, minutes) before its unknown key was said. Such a key is refused before tomllib reads
    the file, at its line and column; a key of 33 parts is refused, one of 32 read."""
    from needscli.wording import in_chinese

    path = write(tmp_path, text, "deep.toml")
    for load in (lambda: load_config(path), lambda: load_project(path), lambda: load_rules(catalog(), Config(), path=path)):
        with pytest.raises(NeedsError) as caught:
            load()
        where = f"line {place[0]}, column {place[1]}"
        assert caught.value.message.startswith(f"deep.toml: not valid TOML ({where}: a key of more than 32 parts "
                                               "(a.b.c …)); fix the ")
        assert [(p.code, p.row, p.column) for p in caught.value.problems] == [("bad-toml", place[0], str(place[1]))]
    assert in_chinese(caught.value.message) == (f"deep.toml：不是有效的 TOML（第 {place[0]} 行第 {place[1]} 列：键由超过 "
                                                "32 段组成（a.b.c …），任何设置都没有这么多段）；请改正规则文件")
    with pytest.raises(NeedsError, match="not valid TOML"):
        read_toml(write(tmp_path, ".".join(["a"] * 33) + " = 1\n"), "config file")
    assert read_toml(write(tmp_path, ".".join(["a"] * 32) + " = 1\n"), "config file")


@pytest.mark.parametrize(("section", "key", "value", "said"), [
    ("hours", "cycle_years", 100_000, "应不大于 10"),  # its cycle ran past the calendar
    ("hours", "cycle_years", 0, "应不小于 1"),
    ("hours", "cycle_start_year", 9999, "应不大于 2999"),
    ("hours", "promotion_grace_months", 100_000, "应不大于 120"),  # counted past the calendar from a promotion
    ("hours.day_hours", "default", 25, "应不大于 24"),
    ("limits", "max_rows", -1, "应不小于 1"),
    ("limits", "max_text_length", 0, "应不小于 1"),
    ("limits", "max_zip_members", -1, "应不小于 100"),  # every workbook would be refused as a zip bomb
    ("limits", "max_uncompressed_bytes", 0, "应不小于 16777216"),
    ("limits", "max_compression_ratio", -1, "应不小于 20"),
    ("limits", "excel_max_rows", 2_000_000, "应不大于 1048576"),
    ("limits", "excel_max_rows", 3, "应不小于 4"),  # a sheet of the annual plan: two title rows, a header, a row
])
def test_a_threshold_past_its_bounds_is_refused_naming_the_key(tmp_path: Path, section: str, key: str, value: int,
                                                               said: str) -> None:
    from needscli.wording import in_chinese

    with pytest.raises(NeedsError) as caught:
        load_config(write(tmp_path, f"[{section}]\n{key} = {value}\n", "limits.toml"))
    assert [(p.code, p.column) for p in caught.value.problems] == [("bad-value", f"{section}.{key}")]
    assert in_chinese(caught.value.message) == f"limits.toml：{section}.{key}：{said}（当前为 {value}）"


def test_the_thresholds_at_their_bounds_read_the_sample_roster() -> None:
    """The lowest zip limits the config takes leave an ordinary workbook alone: none is taken for a zip bomb."""
    from builders import SAMPLES, load

    lowest = Config.model_validate({"limits": {"max_zip_members": 100, "max_uncompressed_bytes": 16 << 20,
                                               "max_compression_ratio": 20}})
    assert len(load(SAMPLES, config=lowest).cadres) == 480


@pytest.mark.parametrize(("office", "said"), [
    ("XX市委\u0007组织部", "report.office：含有换行或控制字符：请把机关名称写在一行（当前为 'XX市委\\x07组织部'）"),
    ("XX市委组织部\n第二行", "report.office：含有换行或控制字符：请把机关名称写在一行（当前为 'XX市委组织部\\n第二行'）"),
    ("X" * 10_000, f"report.office：有 10000 个字符：机关名称请不超过 60 个字符（当前为 '{'X' * 60}'…）"),
])
def test_an_office_name_on_two_lines_or_of_a_page_long_is_refused(tmp_path: Path, office: str, said: str) -> None:
    """[report] office went into the annual plan's title as written: a bell and a line break in the workbook's
    strings, 10,000 characters shrinking the printed plan to a seventh of its width."""
    from needscli.wording import in_chinese

    path = tmp_path / "office.toml"
    path.write_text(f"[report]\noffice = {json.dumps(office)}\n", encoding="utf-8")
    with pytest.raises(NeedsError) as caught:
        load_config(path)
    assert in_chinese(caught.value.problems[0].message) == said


def test_an_office_name_with_a_full_width_space_is_one_line(tmp_path: Path) -> None:
    """A full-width space is a character of a Chinese name, not a control character: it was refused as one."""
    path = tmp_path / "office.toml"
    path.write_text('[report]\noffice = "XX市委组织部\u3000干部教育科"\n', encoding="utf-8")
    assert load_config(path).report.office == "XX市委组织部\u3000干部教育科"


@pytest.mark.parametrize("line", ["[rosters]\ndaily_sign_in_days = true", "[classes]\nmin_size = true",
                                  "[hours]\nannual_required = false"])
def test_true_or_false_is_no_number(tmp_path: Path, line: str) -> None:
    """daily_sign_in_days = true was read as 1 (pydantic reads a flag as a count): a sign-in sheet of weekly boxes."""
    from needscli.wording import in_chinese

    path = tmp_path / "flag.toml"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(NeedsError) as caught:
        load_config(path)
    [problem] = caught.value.problems
    assert in_chinese(problem.message).endswith("为 true 或 false，不是数字（当前为 " + line.split(" = ")[1].title() + "）")


def test_weights_and_day_hours_given_in_part_keep_the_built_in_others(tmp_path: Path) -> None:
    """A config naming one weight or one day rate changes that one: the obligations keep their 150 and 200 above the
    theory core's 100 (a table of one weight dropped them to the rules' 30), the party school its 6 hours a day."""
    path = tmp_path / "needscli.toml"
    path.write_text('[needs.weights]\norganizational = 70\n\n[hours.day_hours]\ndefault = 8\n', encoding="utf-8")
    config = load_config(path)
    weights = config.needs.weights
    assert (weights["organizational"], weights["obligation"], weights["obligation-overdue"]) == (70.0, 150.0, 200.0)
    assert weights.keys() == Config().needs.weights.keys()
    assert config.hours.day_hours == {"party-school": 6.0, "enterprise": 8.0, "default": 8.0}


def test_a_fault_of_an_added_level_names_the_entry_as_the_file_counts_it(tmp_path: Path) -> None:
    """[[levels]] and [[level_groups]] are checked after the built-in ladder and groups: a config's only [[levels]]
    without its tier was said at levels.64.tier, an entry the file does not have. It is the file's levels.0."""
    text = ('[[levels]]\nname = "五级法官助理"\ntier = "科员级"\nrank = 38\n'
            '[[levels]]\nname = "四级法官助理"\nrank = "x"\n'
            '[[level_groups]]\nname = "法官助理"\ntiers = "科员级"\n')
    for extend in ("", "extend_levels = false\n"):
        with pytest.raises(NeedsError) as caught:
            load_config(write(tmp_path, extend + text, "levels.toml"))
        assert [(p.code, p.column) for p in caught.value.problems] == [
            ("missing-key", "levels.1.tier"), ("bad-value", "levels.1.rank"), ("bad-value", "level_groups.0.tiers")]
        assert caught.value.problems[0].message == "levels.1.tier: required key is missing"
