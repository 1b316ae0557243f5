"""One name per organizer: a 管理权限 the config knows under another name (classes.organizer_aliases: 市管,
市管干部; or spaced, full-width) is read as the organizer's name, so that its cadres share its classes; the
roster's cells are kept as written (planner.context._Organizers.name, core.facts, the rules)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from builders import SAMPLES, load, make_workbook, run_cli

import needscli
from needscli.config import ClassesConfig, Config
from needscli.planner import organizer_of

HEADER = ["编号", "姓名", "单位", "职务", "职级", "管理权限"]


def _roster(tmp_path: Path, written: list[str]) -> Path:
    rows = [[f"C{i}", f"干部{i}", "市财政局", "科员", "一级科员", managed] for i, managed in enumerate(written, 1)]
    return make_workbook(tmp_path, {"花名册": [HEADER, *rows]})


def test_each_way_of_writing_an_organizer_is_read_as_its_name(tmp_path: Path) -> None:
    written = ["市管", "市管干部", "市委 管理", "市委管理", "ＸＸ", "县管干部", "中管", "省委管理干部", "某某管理", ""]
    inputs = load(_roster(tmp_path, written))
    assert [c.managed_by for c in inputs.cadres] == written  # the roster's cells as written
    assert [organizer_of(c, Config()) for c in inputs.cadres] == [
        "市委管理", "市委管理", "市委管理", "市委管理", "ＸＸ", "县委管理", "中央管理", "省委管理", "某某管理", "市委管理"]
    # read as the office meant: nothing to fix (the blank one filled from its level, with a notice of its own)
    assert [p.code for p in inputs.problems if p.column == "管理权限"] == ["organizer-from-level"]


def test_an_office_adds_its_own(tmp_path: Path) -> None:
    """Its entries are added to the built-in ones: 区管 read as 区委管理, and 市管 still as 市委管理."""
    config = Config(classes=ClassesConfig(organizer_aliases={"区委管理": ["区管", "区管干部"]}))
    inputs = load(_roster(tmp_path, ["区管", "区管干部", "市管"]), config=config)
    assert [organizer_of(c, config) for c in inputs.cadres] == ["区委管理", "区委管理", "市委管理"]


def test_an_office_gives_a_built_in_alias_to_another_organizer(tmp_path: Path) -> None:
    """A county-level city: its 市管 cadres are the county committee's. The built-in 市管 of 市委管理 is left to it."""
    config = Config(classes=ClassesConfig(organizer_aliases={"县委管理": ["市管"]}))
    inputs = load(_roster(tmp_path, ["市管", "市管干部"]), config=config)
    assert [organizer_of(c, config) for c in inputs.cadres] == ["县委管理", "市委管理"]
    assert Config.model_validate(config.model_dump()).classes.organizer_aliases == config.classes.organizer_aliases


def test_an_office_takes_an_organizers_aliases_away(tmp_path: Path) -> None:
    config = Config(classes=ClassesConfig(organizer_aliases={"市委管理": []}))
    inputs = load(_roster(tmp_path, ["市管", "县管"]), config=config)
    assert [organizer_of(c, config) for c in inputs.cadres] == ["市管", "县委管理"]


def test_a_warning_quotes_the_cell_as_written_and_says_how_it_was_read(tmp_path: Path) -> None:
    analysis = needscli.analyze(_roster(tmp_path, ["省管", "县委管理"]), as_of="2026-11-01")
    [warning] = [p for p in needscli.plan(analysis).problems if p.code == "implausible-organizer"]
    assert (warning.row, warning.cell) == (2, "F2")
    assert warning.message == ("第 2 行「管理权限」为「省管」（读作「省委管理」），职级「一级科员」（科员级）：省委管理"
                               "比通常管理该职级的层级高出一级以上，请核对；班次仍按「省委管理」组织")


@pytest.mark.parametrize(("aliases", "message"), [
    ({"市委管理": ["市管"], "县委管理": ["市管"]}, "市管 is given for two organizers: 市委管理 and 县委管理"),
    ({"市委管理": ["县委 管理"]}, "县委 管理 is an organizer of its own, not another way to write 市委管理"),
    ({"市委管理": ["ＳＧ"], "县委管理": ["sg"]}, "sg is given for two organizers: 市委管理 and 县委管理"),  # as matched
    ({"区委管理": ["区管", " "]}, "an alias of 区委管理 is blank"),
])
def test_an_alias_names_one_organizer_and_no_organizer_of_its_own(aliases: dict[str, list[str]], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ClassesConfig(organizer_aliases=aliases)


def test_a_roster_writing_short_forms_gets_the_classes_of_one_writing_the_names(tmp_path: Path) -> None:
    """The samples with every other 市委管理 written 市管 and 县委管理 written 县管干部: the same classes, not one
    set for each way of writing (which left groups too small for a class)."""
    book = openpyxl.load_workbook(SAMPLES)
    sheet = book["干部花名册"]
    column = [c.value for c in sheet[3]].index("管理权限") + 1
    short = {"市委管理": "市管", "县委管理": "县管干部"}
    changed = 0
    for row in range(4, sheet.max_row + 1, 2):
        cell = sheet.cell(row, column)
        if cell.value in short:
            cell.value, changed = short[cell.value], changed + 1
    assert changed > 100
    book.save(tmp_path / "short.xlsx")

    def classes(path: Path) -> list[tuple[str, str, str, list[str]]]:
        plan = needscli.plan(needscli.analyze(path, as_of="2026-11-01"))
        return [(c.topic_id, c.training_type, c.organizer, c.members) for c in plan.classes]

    assert classes(tmp_path / "short.xlsx") == classes(SAMPLES)


def test_the_config_checks_are_said_in_chinese(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text('[classes]\norganizer_aliases = {"市委管理" = ["市管"], "县委管理" = ["市管"]}\n', encoding="utf-8")
    result = run_cli("validate", SAMPLES, "--config", config, env={"NEEDSCLI_LANG": "zh"})
    assert result.exit_code == 2
    assert result.stderr == "错误：c.toml：classes.organizer_aliases：「市管」同时写在两个主办单位下：市委管理 和 县委管理\n"


def test_a_rule_on_managed_by_matches_however_either_writes_the_organizer(tmp_path: Path) -> None:
    """A rule's 管理权限 is read as the roster's is: a rule written for 市管 holds for a cadre written 市委管理."""
    from builders import catalog

    from needscli.io.rules_file import load_rules

    rules = tmp_path / "rules.toml"
    rules.write_text('[[rule]]\nid = "city"\nname = "市管干部：法治"\ntopics = ["法治思维"]\nsource = "post"\n'
                     'all = [{ field = "managed_by", op = "in", value = ["市管", "县管干部"] }]\n', encoding="utf-8")
    config = Config()
    loaded = load_rules(catalog(config), config, path=rules)
    [rule] = [r for r in loaded.rules if r.id == "city"]
    assert rule.all[0].value == ["市委管理", "县委管理"] and not loaded.problems
    analysis = needscli.analyze(_roster(tmp_path, ["市委管理", "市管", "省委管理"]), rules=rules, as_of="2026-11-01")
    found = {n.cadre_id for n in analysis.needs if "city" in n.rule_ids}
    assert found == {"C1", "C2"}
