"""The needs stage's shortcuts: shared hours standings, and unit rankings tallied cadre by cadre."""

from __future__ import annotations

import functools
import math
import random

import pytest
from conftest import VARIED_AS_OF, make_cadre, varied_cadres

from needscli.config import Config
from needscli.core.facts import hours_standing
from needscli.core.needs import NeedsEngine, _priority, find_needs
from needscli.core.ranking import rank_topics, rank_topics_by_unit
from needscli.io.catalog_file import build_catalog
from needscli.models import Need


def engine_for(config: Config) -> NeedsEngine:
    return NeedsEngine(config, build_catalog([], config.needs.match_cutoff), [], [], [], VARIED_AS_OF, "zh")


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


def rounded_each_time(priorities: list[float]) -> float:
    """The demand as it has always been worked out: rounded to 4 decimals after each addition."""
    return functools.reduce(lambda total, p: round(total + p, 4), priorities, 0.0)


def ranked_demand(priorities: list[float]) -> float:
    needs = [Need(cadre_id=str(i), topic_id="writing", source="post", training_type="on-the-job",
                  priority=p, reasons=[]) for i, p in enumerate(priorities)]
    catalog = build_catalog([], Config().needs.match_cutoff)
    [overall] = rank_topics(needs, [], catalog)
    [by_unit] = rank_topics_by_unit(needs, [make_cadre(str(i), unit="A") for i in range(len(needs))], catalog)
    assert repr(by_unit.demand) == repr(overall.demand)
    return overall.demand


@pytest.mark.parametrize("places", [0, 1, 2, 4])
def test_the_demand_of_decimal_priorities_is_rounded_as_after_each_addition(places: int) -> None:
    rnd = random.Random(places)
    for count in (1, 2, 3, 10, 1000, 20_000):
        priorities = [round(rnd.uniform(0, 150), places) for _ in range(count)]
        assert repr(ranked_demand(priorities)) == repr(rounded_each_time(priorities))
    assert repr(ranked_demand([0.1] * 3)) == repr(rounded_each_time([0.1] * 3)) == "0.3"  # not 0.30000000000000004


@pytest.mark.parametrize("priorities", [[1 / 3] * 7, [0.123456, 2.5, 0.000049], [3.5, -0.0, 0.0], [-2.5, 1.25],
                                        [46, 43, 30], [4e8, 4e8, 4e8], [5.0, math.inf], [math.nan, 1.0]])
def test_the_demand_of_other_priorities_is_rounded_after_each_addition(priorities: list[float]) -> None:
    assert repr(ranked_demand(priorities)) == repr(rounded_each_time(priorities))


def test_a_priority_is_its_score_rounded_to_2_decimals_however_often_asked() -> None:
    scores = [38.5, 38.505, 38.515, 1 / 3, 0.0, -0.0, -1.005, 0, 3, True, 1e20, math.inf, math.nan, 2.675]
    for _ in range(2):  # asked again: remembered
        assert [repr(_priority(s)) for s in scores] == [repr(round(s, 2)) for s in scores]
    assert repr(_priority(-0.0)) == "-0.0"
    assert repr(_priority(3)) == "3"
