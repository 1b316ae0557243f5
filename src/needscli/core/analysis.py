"""Analysis: everything one run found, from which every report is written."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from needscli.config import Config
from needscli.core.catalog import Catalog
from needscli.core.needs import ComplianceRow, Unmatched
from needscli.core.ranking import TopicRank
from needscli.errors import Problem
from needscli.models import Cadre, Inputs, LedgerDiff, Need, Rule


@dataclass
class Analysis:
    """Everything one run found; reports are written from this alone."""

    inputs: Inputs
    config: Config
    as_of: dt.date
    lang: str
    catalog: Catalog
    rules: list[Rule]
    needs: list[Need]
    unmatched: list[Unmatched]
    compliance: list[ComplianceRow]
    ranking: list[TopicRank]
    unit_ranking: list[TopicRank]
    problems: list[Problem]
    timings: dict[str, float] = field(default_factory=dict)
    ledger_diffs: list[LedgerDiff] = field(default_factory=list)
    _by_id: tuple[list[Cadre], dict[str, Cadre]] | None = field(default=None, repr=False, compare=False)

    @property
    def cadres(self) -> list[Cadre]:
        return self.inputs.cadres

    @property
    def cadre_by_id(self) -> dict[str, Cadre]:
        """Cadres by id; built once per roster (the reports ask for it many times)."""
        cadres = self.inputs.cadres
        if self._by_id is None or self._by_id[0] is not cadres or len(self._by_id[1]) != len(cadres):
            self._by_id = (cadres, {c.id: c for c in cadres})
        return self._by_id[1]
