"""The needs stage's merges worked out once per topic and reasons: the needs a plain merge gives."""

from __future__ import annotations

from itertools import groupby
from pathlib import Path

import pytest
from conftest import VARIED_AS_OF, VARIED_POSTS, VARIED_PRIORITIES, VARIED_RULES, varied_cadres

from needscli.config import Config
from needscli.core.needs import NeedsEngine, find_needs
from needscli.io.catalog_file import build_catalog
from needscli.io.rules_file import load_rules
from needscli.models import NEED_SOURCES, Need


@pytest.fixture(params=["zh", "en"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> NeedsEngine:
    """The built-in rules and some of every other kind (see VARIED_RULES in conftest)."""
    rules = tmp_path / "rules.toml"
    rules.write_text(VARIED_RULES, encoding="utf-8")
    config = Config()
    catalog = build_catalog([], config.needs.match_cutoff)
    ruleset = load_rules(catalog, config, path=rules)
    return NeedsEngine(config, catalog, ruleset.rules, list(VARIED_POSTS), list(VARIED_PRIORITIES), VARIED_AS_OF,
                       request.param)


def plainly_merged(engine: NeedsEngine, need: Need, deficit: float | None) -> tuple[object, ...]:
    """What merging a need's reasons gives, worked out from its reasons alone."""
    reasons = sorted(need.reasons, key=lambda r: (-r.score, NEED_SOURCES.index(r.source), r.rule_id))
    best = reasons[0]
    topic = engine.catalog.by_id[need.topic_id]
    training_type = best.training_type or ("theory" if best.source == "theory-core" else topic.training_type)
    hours = float(deficit) if best.source == "compliance" and deficit else topic.hours
    priority = round(best.score + engine.config.needs.merge_bonus * (len(reasons) - 1), 2)
    return (need.topic_id, best.source, training_type, priority, reasons, hours)


def test_each_need_is_its_reasons_merged_and_a_cadres_needs_come_in_order(engine: NeedsEngine) -> None:
    cadres = varied_cadres(400, seed=23)
    result = find_needs(cadres, engine)
    deficit = {c.id: row.standing.deficit for c, row in zip(cadres, result.compliance, strict=True)}
    order = engine.catalog.order
    merged = 0
    for cadre_id, group in groupby(result.needs, key=lambda n: n.cadre_id):
        needs = list(group)
        assert len({n.topic_id for n in needs}) == len(needs)
        assert needs == sorted(needs, key=lambda n: (order[n.topic_id], -n.priority, n.topic_id))
        for need in needs:
            assert len({r.rule_id for r in need.reasons}) == len(need.reasons)
            assert (need.topic_id, need.source, need.training_type, need.priority, need.reasons,
                    need.hours) == plainly_merged(engine, need, deficit[cadre_id])
            merged += len(need.reasons) > 1
    assert merged > 20


def test_needs_merged_alike_have_lists_of_reasons_of_their_own(engine: NeedsEngine) -> None:
    needs = find_needs(varied_cadres(50, seed=29), engine).needs
    assert len({id(n.reasons) for n in needs}) == len(needs)
    needs[0].reasons.clear()
    assert all(n.reasons for n in needs[1:])
