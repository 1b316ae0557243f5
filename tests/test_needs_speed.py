"""The needs stage's memos and paused collector: the same needs as working each cadre out afresh."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import (
    VARIED_AS_OF,
    VARIED_POSTS,
    VARIED_PRIORITIES,
    VARIED_RULES,
    make_cadre,
    varied_cadres,
)

import needscli.core.facts as facts_module
from needscli.config import Config, NeedsConfig
from needscli.core.needs import NeedsEngine, NeedsResult, find_needs
from needscli.core.rules import fact_key
from needscli.io.catalog_file import build_catalog
from needscli.io.rules_file import load_rules
from needscli.models import Cadre


@pytest.fixture(params=["zh", "en"])
def make_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[object]:
    rules = tmp_path / "rules.toml"
    rules.write_text(VARIED_RULES, encoding="utf-8")

    def make(config: Config | None = None) -> NeedsEngine:
        config = config or Config()
        catalog = build_catalog([], config.needs.match_cutoff)
        ruleset = load_rules(catalog, config, path=rules)
        assert ruleset.problems == []
        return NeedsEngine(config, catalog, ruleset.rules, list(VARIED_POSTS), list(VARIED_PRIORITIES), VARIED_AS_OF,
                           request.param)

    yield make


def afresh(cadres: list[Cadre], make_engine: object) -> tuple[NeedsResult, dict[str, int]]:
    """Each cadre through an engine of its own: every memo starts empty."""
    total = NeedsResult()
    reached: dict[str, int] = {}
    for cadre in cadres:
        engine = make_engine()  # type: ignore[operator]
        result = find_needs([cadre], engine)
        total.needs += result.needs
        total.unmatched += [u for u in result.unmatched if u.kind != "priority"]
        total.compliance += result.compliance
        for key, n in engine.reached.items():
            reached[key] = reached.get(key, 0) + n
    return total, reached


def test_one_engine_finds_for_each_cadre_what_a_fresh_engine_finds(make_engine: object) -> None:
    cadres = varied_cadres(300)
    engine = make_engine()  # type: ignore[operator]
    shared = find_needs(cadres, engine)
    alone, reached = afresh(cadres, make_engine)
    assert shared.needs == alone.needs
    assert [u for u in shared.unmatched if u.kind != "priority"] == alone.unmatched
    assert shared.compliance == alone.compliance
    assert engine.reached == reached
    assert {n.source for n in shared.needs} == {"theory-core", "compliance", "organizational", "post", "personal"}


@pytest.mark.parametrize("fields", [{"missing_rating": "skip"}, {"undated_completion_counts": False},
                                    {"merge_bonus": 0.0, "low_ability": 3}])
def test_memos_follow_the_needs_config(make_engine: object, fields: dict[str, object]) -> None:
    config = Config(needs=NeedsConfig(**fields))  # type: ignore[arg-type]
    cadres = varied_cadres(120, seed=11)
    shared = find_needs(cadres, make_engine(config))  # type: ignore[operator]
    alone, _ = afresh(cadres, lambda: make_engine(config))  # type: ignore[operator]
    assert shared.needs == alone.needs


def test_explaining_a_cadre_changes_none_of_its_needs(make_engine: object) -> None:
    cadres = varied_cadres(150, seed=3)
    plain = find_needs(cadres, make_engine())  # type: ignore[operator]
    explained_ids = {c.id for c in cadres[::2]}
    explained = find_needs(cadres, make_engine(), explain=explained_ids)  # type: ignore[operator]
    assert explained.needs == plain.needs
    assert plain.not_fired == {}
    assert set(explained.not_fired) <= explained_ids
    assert len(explained.not_fired) > len(explained_ids) // 2  # most cadres have a rule that did not fire


def test_memos_emptied_past_their_limit_change_nothing(make_engine: object,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    cadres = varied_cadres(200, seed=5)
    unbounded = find_needs(cadres, make_engine())  # type: ignore[operator]
    monkeypatch.setattr(facts_module, "MEMO_LIMIT", 3)
    bounded = find_needs(cadres, make_engine())  # type: ignore[operator]
    assert bounded.needs == unbounded.needs
    assert bounded.unmatched == unbounded.unmatched


def test_bounded_empties_a_memo_past_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(facts_module, "MEMO_LIMIT", 2)
    memo = {1: "a", 2: "b"}
    assert facts_module.bounded(memo) == {1: "a", 2: "b"}
    memo[3] = "c"
    assert facts_module.bounded(memo) == {}


def test_fact_keys_tell_apart_values_that_print_apart() -> None:
    names = ("x",)
    keys = [fact_key({"x": v}, names) for v in (1, 1.0, True, 0, 0.0, -0.0, False, None, "1", [1], ["1"])]
    assert len(set(keys)) == len(keys)
    assert fact_key({"x": 2.5}, names) == fact_key({"x": 2.5}, names)
    assert fact_key({"x": ["a", "b"]}, names) == fact_key({"x": ["a", "b"]}, names)
    assert fact_key({}, names) == fact_key({"x": None}, names)  # a fact nobody gave reads as None
    assert fact_key({"x": "a", "y": 3}, ("x", "y")) != fact_key({"x": "a", "y": 4}, ("x", "y"))


@pytest.mark.parametrize("value", [{"a"}, [{"a"}], [1.5], {"a": 1}, dt.date(2026, 1, 1)])
def test_facts_of_other_kinds_get_no_key(value: object) -> None:
    assert fact_key({"x": value}, ("x",)) is None


def test_a_fact_without_a_key_is_evaluated_as_it_is(make_engine: object) -> None:
    engine = make_engine()  # type: ignore[operator]
    cadre = make_cadre("001", level="县处级正职", appointed=dt.date(2026, 1, 1))
    facts = engine.facts.facts(cadre)
    as_list = engine._from_rules(cadre, facts, None)  # remembered under the list's key
    facts["level_group"] = set(facts["level_group"])  # a set has no key, and "==" reads it otherwise
    as_set = engine._from_rules(cadre, facts, None)
    assert as_set == engine._from_rules(cadre, facts, NeedsResult())  # the path that remembers nothing
    assert "leaders-county-up" in {found.reason.rule_id for found in as_list}
    assert "leaders-county-up" not in {found.reason.rule_id for found in as_set}


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_left_as_it_was(make_engine: object, enabled: bool) -> None:
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        find_needs(varied_cadres(20), make_engine())  # type: ignore[operator]
        assert gc.isenabled() is enabled

        def fail(_: int) -> None:
            raise RuntimeError("stop")

        with pytest.raises(RuntimeError):
            find_needs(varied_cadres(1000), make_engine(), progress=fail)  # type: ignore[operator]
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()
