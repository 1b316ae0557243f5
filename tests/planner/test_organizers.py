"""The organizer of a cadre's classes (干部管理权限): the written 管理权限, else the tier and the unit's level;
implausible 管理权限 as warnings naming the cell; the next organizer up (上级调训)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from builders import ROOT, ROSTER_HEADER, SAMPLES, catalog, make_cadre, make_workbook

import needscli
from needscli.config import Config, UnitLevel, config_from_data
from needscli.errors import NeedsError
from needscli.io.load import load_inputs
from needscli.models import Cadre
from needscli.planner import organizer_of
from needscli.planner.context import build_context, parent_organizer, unit_level


def organizers(cadres: list[Cadre], config: Config | None = None) -> dict[str, str | None]:
    ctx, _ = build_context(cadres, catalog(), config or Config())
    return {cid: place.organizer for cid, place in ctx.cadres.items()}


def warnings(cadres: list[Cadre], config: Config | None = None, lang: str = "zh") -> list:
    _, problems = build_context(cadres, catalog(), config or Config(), lang=lang)
    return [p for p in problems if p.code == "implausible-organizer"]


# --- the organizer from the tier and the unit's level -----------------------------------------------

def test_a_city_units_staff_are_managed_by_the_city_and_a_countys_by_the_county() -> None:
    cadres = [make_cadre("city", unit="市财政局"), make_cadre("county", unit="XX县人民政府"),
              make_cadre("county-bureau", unit="XX县财政局", level="乡科级副职"),
              make_cadre("town", unit="XX镇人民政府", level="四级主任科员"),
              make_cadre("city-section", unit="市发展和改革委员会", level="乡科级正职"),
              make_cadre("urban-rural", unit="市住房和城乡建设局"),  # 城乡 names no 乡
              make_cadre("company", unit="市城市投资集团有限公司", level="一般管理人员"),
              make_cadre("leader", unit="XX县人民政府", level="县处级正职")]
    assert organizers(cadres) == {"city": "市委管理", "county": "县委管理", "county-bureau": "县委管理",
                                  "town": "县委管理", "city-section": "市委管理", "urban-rural": "市委管理",
                                  "company": "企业党委管理", "leader": "市委管理"}
    assert organizer_of(make_cadre(unit="市财政局"), Config()) == "市委管理"
    assert organizer_of(make_cadre(unit="XX县人民政府"), Config()) == "县委管理"
    assert organizer_of(make_cadre(unit="XX County People's Government"), Config()) == "县委管理"


@pytest.mark.parametrize(("unit", "level"), [
    ("ＸＸ市ＸＸ区人民政府办公室", "county"), ("朝阳区人民政府", "county"), ("浦东新区发展和改革委员会", "county"),
    ("ＸＸ市城区财政局", "county"), ("某某社区居委会", "county"), ("广西壮族自治区南宁市青秀区财政局", "county"),
    ("Chaoyang District Government", "county"),
    ("广西壮族自治区发展和改革委员会", "city"), ("阿克苏地区行政公署", "city"), ("高新技术产业开发区管委会", "city"),
    ("ＸＸ市高新区管委会", "city"), ("ＸＸ市工业园区管理委员会", "city"), ("市民政局社区建设处", "city"),
    ("市区域经济合作办公室", "city"), ("ＸＸ市风景名胜区管理局", "city"),
])
def test_a_district_is_a_county_level_unit_and_other_words_with_qu_are_not(unit: str, level: str) -> None:
    """A 市辖区 is county-level: ＸＸ市ＸＸ区人民政府办公室's staff left blank were given 市委管理; 区 of a province
    (自治区), a prefecture (地区), a zone or park of the city, or an office's field names no district."""
    assert unit_level(unit, Config()) == level


def test_a_blank_managed_by_is_the_one_its_units_cadres_of_its_tier_agree_on() -> None:
    """A district office's staff marked 区委管理 beside blank ones: the blanks join their colleagues' classes (they
    were given 市委管理, then would be 县委管理 by the unit's level); where colleagues disagree, or write a level
    that does not fit the tier, or are of another tier, or are fewer than the blanks, the unit's level decides."""
    office, bureau, hall = "ＸＸ市ＸＸ区人民政府办公室", "ＸＸ市ＸＸ区财政局", "市财政局"
    cadres = [make_cadre("a", unit=office, managed_by="区委管理"), make_cadre("b", unit=office, managed_by="区委管理"),
              make_cadre("blank", unit=office),
              make_cadre("head", unit=office, level="县处级正职"),  # the 科员's colleagues are of another tier
              make_cadre("c", unit=bureau, managed_by="区委管理"), make_cadre("d", unit=bureau, managed_by="县委管理"),
              make_cadre("split", unit=bureau),
              make_cadre("e", unit=hall, managed_by="中央管理"), make_cadre("odd", unit=hall),  # 中央管理 fits no 科员
              # one written among more blanks may be the exception (a secondee the city manages): the unit's level
              make_cadre("f", unit="ＸＸ县财政局", managed_by="市委管理"), make_cadre("g", unit="ＸＸ县财政局"),
              make_cadre("h", unit="ＸＸ县财政局")]
    assert organizers(cadres) == {"a": "区委管理", "b": "区委管理", "blank": "区委管理", "head": "市委管理",
                                  "c": "区委管理", "d": "县委管理", "split": "县委管理",
                                  "e": "中央管理", "odd": "市委管理", "f": "市委管理", "g": "县委管理", "h": "县委管理"}
    assert organizer_of(make_cadre(unit=office), Config(), cadres) == "区委管理"
    assert organizer_of(make_cadre(unit=office), Config()) == "县委管理"  # no roster given: the unit's level


def test_the_written_managed_by_wins() -> None:
    cadres = [make_cadre("a", unit="市财政局", managed_by=" 县委管理 "),
              make_cadre("b", unit="XX县人民政府", managed_by="市委管理"),
              make_cadre("c", unit="XX县人民政府", level="首席专家", managed_by="县委管理")]  # a level off the ladder
    assert organizers(cadres) == {"a": "县委管理", "b": "市委管理", "c": "县委管理"}
    assert warnings(cadres) == []


def test_the_sample_units_get_the_right_organizers() -> None:
    inputs = load_inputs([SAMPLES], Config())
    config = Config()
    levels = {c.unit: unit_level(c.unit, config) for c in inputs.cadres}
    assert levels == {"市委组织部": "city", "市发展和改革委员会": "city", "市财政局": "city",
                      "市市场监督管理局": "city", "市生态环境局": "city", "市应急管理局": "city",
                      "XX县人民政府": "county", "市城市投资集团有限公司": "enterprise"}
    ctx, problems = build_context(inputs.cadres, catalog(), config, lang=inputs.lang, columns=inputs.roster_columns)
    section = {"乡科级正职", "乡科级副职", "一级主任科员", "二级主任科员", "三级主任科员", "四级主任科员",
               "一级科员", "二级科员", "科员", "办事员"}
    blank = Counter((c.unit, ctx.cadres[c.id].organizer) for c in inputs.cadres
                    if not c.managed_by and c.level in section)
    assert blank and all(org == ("县委管理" if unit == "XX县人民政府" else "市委管理") for unit, org in blank)
    assert {ctx.cadres[c.id].organizer for c in inputs.cadres if c.unit == "市城市投资集团有限公司"} == {"企业党委管理"}
    # the samples write each 管理权限 by the tier's level: none is implausible
    assert [p for p in problems if p.code == "implausible-organizer"] == []


# --- implausible 管理权限 ----------------------------------------------------------------------------

def test_a_staff_member_marked_provincial_gives_one_warning_naming_the_cell(tmp_path: Path) -> None:
    header = [*ROSTER_HEADER, "干部管理权限"]
    path = make_workbook(tmp_path, {"花名册": [header, ["001", "张一", "市财政局", "科员", "一级科员", "省委管理"],
                                              ["002", "张二", "市财政局", "科员", "一级科员", "市委管理"],
                                              ["003", "张三", "XX县财政局", "科员", "二级科员", ""]]})
    inputs = load_inputs([path], Config())
    ctx, problems = build_context(inputs.cadres, catalog(), Config(), lang=inputs.lang,
                                  columns=inputs.roster_columns)
    [warning] = [p for p in problems if p.code == "implausible-organizer"]
    assert (warning.file, warning.sheet, warning.row, warning.column, warning.cell, warning.severity) == (
        "roster.xlsx", "花名册", 2, "干部管理权限", "F2", "warning")
    assert warning.message == ("第 2 行「干部管理权限」为「省委管理」，职级「一级科员」（科员级）："
                               "省委管理比通常管理该职级的层级高出一级以上，请核对；班次仍按「省委管理」组织")
    assert warning.expected == "管理科员级的层级：市委管理、县委管理、企业党委管理"
    # the office's data wins: the class still forms under the written 管理权限
    assert ctx.cadres["001"].organizer == "省委管理"
    assert [p for p in problems if p.code != "implausible-organizer"] == []


def test_implausible_combinations_above_below_and_apart() -> None:
    def cadre(level: str, managed_by: str) -> Cadre:
        return make_cadre(f"{level}-{managed_by}", level=level, managed_by=managed_by, file="r.xlsx",
                          sheet="花名册", row=9)
    wrong = [cadre("一级科员", "省委管理"), cadre("乡科级正职", "中央管理"), cadre("厅局级正职", "县委管理"),
             cadre("县处级副职", "县委管理"), cadre("县处级正职", "企业党委管理")]
    fine = [cadre("一级科员", "县委管理"), cadre("一级科员", "市委管理"), cadre("二级主任科员", "市委管理"),
            cadre("县处级正职", "省委管理"), cadre("厅局级副职", "中央管理"), cadre("一般管理人员", "企业党委管理"),
            cadre("乡科级副职", "企业党委管理"), cadre("一级科员", "乡镇党委管理")]  # an organizer the config does not know
    found = warnings(wrong + fine)
    assert [p.message.split("：")[-1] for p in found] == [
        "省委管理比通常管理该职级的层级高出一级以上，请核对；班次仍按「省委管理」组织",
        "中央管理比通常管理该职级的层级高出一级以上，请核对；班次仍按「中央管理」组织",
        "县委管理低于通常管理该职级的层级，请核对；班次仍按「县委管理」组织",
        "县委管理低于通常管理该职级的层级，请核对；班次仍按「县委管理」组织",
        "企业党委管理通常不管理该职级，请核对；班次仍按「企业党委管理」组织"]
    assert [p.expected for p in found][2:4] == ["管理厅局级的层级：中央管理、省委管理", "管理县处级的层级：省委管理、市委管理"]
    assert all((p.row, p.column, p.cell) == (9, "管理权限", "") for p in found)


def test_the_warning_speaks_the_rosters_language() -> None:
    [warning] = warnings([make_cadre(level="一级科员", managed_by="省委管理", file="r.csv", sheet="r", row=4)],
                         lang="en")
    assert warning.message == ('row 4, column "Managed by": "省委管理" for level "一级科员" (科员级) is a level more '
                               'than one above those that manage this tier: check it; its classes are still '
                               'organized by "省委管理"')
    assert warning.expected == "an organizer that manages 科员级: 市委管理, 县委管理, 企业党委管理"


# --- the config -----------------------------------------------------------------------------------

def test_the_config_changes_unit_levels_and_organizers() -> None:
    config = Config()
    district = make_cadre("d", unit="XX区财政局")
    assert organizers([district], config) == {"d": "县委管理"}  # a district (市辖区) is county-level by default
    config.classes.unit_levels[1].markers.remove("区")  # where a city's districts are run as its bureaus
    assert organizers([district], config) == {"d": "市委管理"}
    config.classes.unit_levels.insert(0, UnitLevel(level="province", markers=["省"]))
    config.classes.organizer_by_unit_level["province"] = {"科员级": "省直机关工委管理"}
    config.classes.organizer_by_unit_level["city"]["科员级"] = "市直机关工委管理"
    config.classes.default_unit_level = "city"
    cadres = [make_cadre("p", unit="XX省财政厅"), make_cadre("c", unit="市财政局"),
              make_cadre("s", unit="市财政局", level="乡科级正职")]
    assert organizers(cadres, config) == {"p": "省直机关工委管理", "c": "市直机关工委管理", "s": "市委管理"}
    config.classes.default_unit_level = "county"  # no unit level of its own: organizer_by_tier's
    del config.classes.organizer_by_unit_level["county"]
    config.classes.organizer_by_tier["科员级"] = "县委组织部管理"
    assert organizers([make_cadre("x", unit="甲单位")], config) == {"x": "县委组织部管理"}


def test_the_config_decides_what_is_implausible() -> None:
    city_leader = make_cadre(level="厅局级副职", managed_by="市委管理")  # a 副省级 city manages its bureaus
    assert len(warnings([city_leader])) == 1
    config = Config()
    config.classes.organizer_tiers["市委管理"].append("厅局级")
    assert warnings([city_leader], config) == []
    config.classes.organizer_order = ["中央管理", "省委管理", "市委管理", "区委管理", "县委管理"]
    config.classes.organizer_tiers = {"县委管理": ["科员级"]}
    assert len(warnings([make_cadre(level="一级科员", managed_by="市委管理")], config)) == 1  # two levels up
    assert warnings([make_cadre(level="一级科员", managed_by="区委管理")], config) == []


def test_a_users_config_file_replaces_the_defaults() -> None:
    config = config_from_data({"classes": {
        "unit_levels": [{"level": "county", "markers": ["区", "县"], "ignore": ["社区"]}],
        "organizer_by_unit_level": {"county": {"科员级": "区委管理"}},
        "organizer_parent": {"区委管理": "市委管理"}}}, "needscli.toml")
    assert organizers([make_cadre("a", unit="XX区财政局"), make_cadre("b", unit="市社区服务中心"),
                       make_cadre("c", unit="市城市投资集团有限公司")], config) == {
        "a": "区委管理", "b": "县委管理", "c": "县委管理"}  # no city or enterprise entries left: organizer_by_tier's
    assert parent_organizer("区委管理", config) == "市委管理"
    assert parent_organizer("县委管理", config) is None



def readme_config(readme: str, heading: str) -> str:
    """The TOML block under heading in the README, as written there."""
    section = (ROOT / readme).read_text(encoding="utf-8").split(f"\n{heading}\n", 1)[1]
    found = re.search(r"```toml\n(.*?)```", section, re.S)
    assert found, f"{readme}: {heading} has no toml block"
    return found.group(1)


@pytest.mark.parametrize(("readme", "heading"), [("README.md", "### A state enterprise's roster"),
                                                 ("README.zh-CN.md", "### 国有企业的花名册")])
def test_the_readmes_state_enterprise_config_gives_every_cadre_an_organizer(tmp_path: Path, readme: str,
                                                                          heading: str) -> None:
    """As the README says: the group's leaders (厅局级) are the province's, its managers the group's; a leader's
    appointment training has its class, not a no-organizer warning and every need unmet."""
    config = tmp_path / "soe.toml"
    config.write_text(readme_config(readme, heading), encoding="utf-8")
    header = ["员工编号", "姓名", "所在单位", "职务", "职务层级", "任现职时间", "本年度学时", "五年累计学时",
              "本年度网络学时"]
    rows = [["E1", "企戊", "XX投资集团有限公司", "董事长", "集团领导班子成员", "2026-02", 20, 300, 50],
            ["E2", "企甲", "XX投资集团有限公司", "部门经理", "中层正职", "2026-05", 96, 480, 50]]
    analysis = needscli.analyze(make_workbook(tmp_path, {"花名册": [header, *rows]}), as_of="2026-11-01",
                                config=config)
    plan = needscli.plan(analysis, min_size=1, unit_away_share=1.0)
    assert [p.code for p in plan.problems if p.code == "no-organizer"] == []
    organizer = {c.id: c.organizer for c in plan.classes}
    appointments = {(a.cadre_id, a.topic_id, organizer[a.class_id]) for a in plan.assignments
                    if a.topic_id.startswith("appointment-")}
    assert appointments == {("E1", "appointment-county", "省委管理"), ("E2", "appointment-township", "集团党委管理")}
    assert [(u.cadre_id, u.topic_id) for u in plan.unmet if u.cadre_id == "E1"] == []


# --- the next organizer up ------------------------------------------------------------------------

def test_parent_organizer_follows_the_config() -> None:
    config = Config()
    chain, name = [], "县委管理"
    while name is not None:
        chain.append(name)
        name = parent_organizer(name, config)
    assert chain == ["县委管理", "市委管理", "省委管理", "中央管理"]
    assert parent_organizer(" 企业党委管理 ", config) == "市委管理"
    assert parent_organizer("乡镇党委管理", config) is None
    config.classes.organizer_parent["企业党委管理"] = "市国资委党委管理"
    assert parent_organizer("企业党委管理", config) == "市国资委党委管理"


def test_organizers_that_go_round_in_a_circle_are_refused() -> None:
    with pytest.raises(NeedsError) as caught:
        config_from_data({"classes": {"organizer_parent": {"县委管理": "市委管理", "市委管理": "县委管理"}}},
                         "needscli.toml")
    assert "县委管理 -> 市委管理 -> 县委管理" in str(caught.value.problems[0].message)
