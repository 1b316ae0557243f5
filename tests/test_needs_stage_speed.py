"""The needs stage's shortcuts: shared hours standings, and unit rankings tallied cadre by cadre."""

from __future__ import annotations

import random

from test_needs_speed import AS_OF, varied_cadres

from needscli.catalog import build_catalog
from needscli.config import Config
from needscli.facts import hours_standing
from needscli.needs import NeedsEngine, find_needs
from needscli.ranking import rank_topics, rank_topics_by_unit


def engine_for(config: Config) -> NeedsEngine:
    return NeedsEngine(config, build_catalog([], config.needs.match_cutoff), [], [], [], AS_OF, "zh")


def test_a_compliance_row_holds_the_standing_worked_out_from_the_level() -> None:
    config = Config()
    engine = engine_for(config)
    cadres = varied_cadres(200, seed=13)
    result = find_needs(cadres, engine)
    tiers = {level.name: level.tier for level in config.levels}
    assert [row.standing for row in result.compliance] == [
        hours_standing(c, tiers.get(c.level, ""), config) for c in cadres]
    assert {row.standing.standard for row in result.compliance} == {"annual", "five-year"}


def test_each_units_ranking_is_the_ranking_of_its_own_needs_in_any_order() -> None:
    config = Config()
    engine = engine_for(config)
    cadres = varied_cadres(300, seed=17)
    needs = find_needs(cadres, engine).needs
    shuffled = needs[:]
    random.Random(1).shuffle(shuffled)  # a cadre's needs apart from each other
    unit_of = {c.id: c.unit for c in cadres}
    for order in (needs, shuffled):
        by_unit = rank_topics_by_unit(order, cadres, engine.catalog)
        for unit in dict.fromkeys(c.unit for c in cadres):
            alone = rank_topics([n for n in order if unit_of[n.cadre_id] == unit],
                                [c for c in cadres if c.unit == unit], engine.catalog)
            for row in alone:
                row.unit = unit
            assert [r for r in by_unit if r.unit == unit] == alone
