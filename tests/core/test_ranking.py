"""Group ranking: Borich's MWDS by hand, demand by priority, per unit, and through analyze."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from builders import SAMPLES, make_cadre, make_needs_workbook, sheet_records

from needscli.config import Config
from needscli.core.ranking import borich_mwds, rank_topics, rank_topics_by_unit, rating_pairs
from needscli.io.catalog_file import build_catalog
from needscli.models import Cadre, Need, Rating, Reason
from needscli.pipeline import analyze
from needscli.reports.gap_report import write_gap_report


def test_mwds_by_hand() -> None:
    # three respondents rate 法治思维: (I, C) = (5, 2), (4, 3), (3, 3)
    # mean I = (5 + 4 + 3) / 3 = 4
    # DS = I - C = 3, 1, 0
    # WDS = DS x mean I = 12, 4, 0
    # MWDS = (12 + 4 + 0) / 3 = 16/3 = 5.333...
    assert borich_mwds([(5, 2), (4, 3), (3, 3)]) == pytest.approx(16 / 3)


def test_mwds_by_hand_with_a_negative_discrepancy() -> None:
    # (I, C) = (2, 4), (4, 1): mean I = 3; DS = -2, 3; WDS = -6, 9; MWDS = 3 / 2 = 1.5
    assert borich_mwds([(2, 4), (4, 1)]) == pytest.approx(1.5)
    # one respondent who is as able as the task is important: no need
    assert borich_mwds([(4, 4)]) == 0


def test_mwds_needs_a_rating() -> None:
    with pytest.raises(ValueError, match="at least one rating"):
        borich_mwds([])


def need(cadre_id: str, topic_id: str, priority: float, source: str = "post") -> Need:
    return Need(cadre_id=cadre_id, topic_id=topic_id, source=source, training_type="on-the-job",  # type: ignore[arg-type]
                priority=priority, reasons=[Reason(rule_id="r", source=source, text="", score=priority)])  # type: ignore[arg-type]


def cadre(cadre_id: str, unit: str, **ratings: tuple[int | None, int | None]) -> Cadre:
    """ratings: topic text -> (importance, ability)."""
    return make_cadre(cadre_id, unit=unit, ratings={
        t: Rating(importance=i, ability=a) for t, (i, a) in ratings.items()})


CADRES = [
    cadre("1", "A", 法治思维=(5, 2), 公文写作=(2, 1)),
    cadre("2", "A", 法治思维=(4, 3), 公文写作=(5, None)),  # 公文写作 without ability: not a respondent
    cadre("3", "B", 依法行政=(3, 3), 数字政府=(5, 1)),  # 依法行政 is an alias of the same topic
    cadre("4", "B"),
]
NEEDS = [
    need("1", "rule-of-law", 46), need("2", "rule-of-law", 43), need("3", "rule-of-law", 30, "personal"),
    need("1", "writing", 25, "personal"), need("4", "writing", 25, "personal"),
    need("1", "theory-xi", 100, "theory-core"), need("2", "theory-xi", 100, "theory-core"),
]


def catalog() -> object:
    return build_catalog([], Config().needs.match_cutoff)


def test_rating_pairs_need_both_ratings_and_resolve_aliases() -> None:
    pairs = rating_pairs(CADRES, catalog())  # type: ignore[arg-type]
    assert dict(pairs) == {"rule-of-law": [(5, 2), (4, 3), (3, 3)], "writing": [(2, 1)], "digital": [(5, 1)]}


def test_rank_topics_by_demand_and_by_mwds() -> None:
    ranks = {r.topic_id: r for r in rank_topics(NEEDS, CADRES, catalog())}  # type: ignore[arg-type]
    assert [(t, r.rank, r.cadres, r.demand, r.by_source) for t, r in ranks.items()] == [
        ("theory-xi", 1, 2, 200, {"theory-core": 2}),
        ("rule-of-law", 2, 3, 119, {"post": 2, "personal": 1}),
        ("writing", 3, 2, 50, {"personal": 2}),
        ("digital", 4, 0, 0, {}),  # rated, nobody needs it
    ]
    assert ranks["rule-of-law"].mean_priority == pytest.approx(119 / 3)
    # MWDS: rule-of-law 16/3 (above); writing (2, 1): 1 x 2 = 2; digital (5, 1): 4 x 5 = 20
    assert [(t, r.respondents, r.mwds, r.rank_mwds) for t, r in ranks.items()] == [
        ("theory-xi", 0, None, None),
        ("rule-of-law", 3, round(16 / 3, 4), 2),
        ("writing", 1, 2.0, 3),
        ("digital", 1, 20.0, 1),
    ]


def test_rank_topics_by_unit() -> None:
    ranks = rank_topics_by_unit(NEEDS, CADRES, catalog())  # type: ignore[arg-type]
    assert [(r.unit, r.topic_id, r.rank, r.cadres, r.respondents, r.mwds, r.rank_mwds) for r in ranks] == [
        # unit A: rule-of-law (5, 2), (4, 3): mean I 4.5, WDS 13.5 + 4.5 = 18, MWDS 9
        ("A", "theory-xi", 1, 2, 0, None, None),
        ("A", "rule-of-law", 2, 2, 2, 9.0, 1),
        ("A", "writing", 3, 1, 1, 2.0, 2),
        # unit B: rule-of-law (3, 3): MWDS 0
        ("B", "rule-of-law", 1, 1, 1, 0.0, 2),
        ("B", "writing", 2, 1, 0, None, None),
        ("B", "digital", 3, 0, 1, 20.0, 1),
    ]


def test_mwds_through_analyze_in_the_topic_ranking_sheet(tmp_path: Path) -> None:
    # the workbook's 能力:法治思维 / 重要性:法治思维 columns hold (I, C) = (5, 2), (4, 3), (3, 3)
    analysis, _ = analyze([make_needs_workbook(tmp_path)], Config(), as_of=dt.date(2026, 11, 1))
    report = tmp_path / "out" / "gap-report.xlsx"
    write_gap_report(analysis, report)
    rows = {r["培训主题"]: r for r in sheet_records(report, "主题排序")}
    law = rows["法治思维与依法行政"]
    assert law["评分人数"] == 3
    assert law["MWDS"] == pytest.approx(16 / 3, abs=1e-4)
    assert law["MWDS排名"] == 1
    assert [r["MWDS"] for name, r in rows.items() if name != "法治思维与依法行政"] == [None] * (len(rows) - 1)
    assert [r["排名"] for r in rows.values()] == list(range(1, len(rows) + 1))
    demands = [r["需求加权分"] for r in rows.values()]
    assert demands == sorted(demands, reverse=True)


def test_both_rankings_from_one_pass_are_those_made_apart() -> None:
    from needscli.core.ranking import rank_topics_both

    samples = SAMPLES
    analysis, _ = analyze([samples], Config(), as_of=dt.date(2026, 11, 1))
    both = rank_topics_both(analysis.needs, analysis.cadres, analysis.catalog)
    assert both == (rank_topics(analysis.needs, analysis.cadres, analysis.catalog),
                    rank_topics_by_unit(analysis.needs, analysis.cadres, analysis.catalog))
    assert both[0] and both[1]
