"""analyze(inputs, config) -> Analysis: the one call the CLI makes."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import prefetch
from .catalog import Catalog, build_catalog, load_topics_toml
from .collector import collector_paused
from .config import Config
from .errors import NeedsError, Problem
from .io.load import Inputs, load_inputs
from .ledger_link import LedgerDiff, apply_ledger
from .models import Cadre, Need, Rule
from .needs import ComplianceRow, NeedsEngine, NeedsResult, Unmatched, find_needs
from .priority_checks import drop_repeated_priorities, misspelled_units
from .pseudonym import pseudonymize
from .ranking import TopicRank, rank_topics_both
from .rules import RuleSet, load_rules

if TYPE_CHECKING:
    from .classes import Plan

Progress = Callable[[str, int, int], None]  # (stage, done, total)


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


def _split_toml(extra: dict[str, Path | None]) -> tuple[dict[str, Path | None], Path | None]:
    topics = extra.get("topics")
    if topics is not None and topics.suffix.lower() == ".toml":
        return {**extra, "topics": None}, topics
    return extra, None


def check_inputs(rosters: list[Path], config: Config, extra: dict[str, Path | None] | None = None,
                 mapping: dict[str, dict[str, str]] | None = None) -> Inputs:
    """Load every input, check the rules against the catalog, and report all problems."""
    inputs, catalog = _load(rosters, config, extra or {}, mapping, None)
    ruleset = _rules(inputs, catalog, config)
    inputs.problems.extend(ruleset.problems + rating_problems(inputs, catalog))
    if ruleset.rules and (inputs.rule_rows or inputs.rules_path):
        inputs.counts["rules"] = len([r for r in ruleset.rules if r.origin and "built-in" not in r.origin])
    return inputs


def _load(rosters: list[Path], config: Config, extra: dict[str, Path | None],
          mapping: dict[str, dict[str, str]] | None, progress: Progress | None) -> tuple[Inputs, Catalog]:
    extra, topics_toml = _split_toml(extra)
    inputs = load_inputs(rosters, config, extra=extra, mapping=mapping,
                         progress=(lambda msg: progress(msg, 0, 0)) if progress else None)
    prefetch.reset()  # a workbook read ahead but not among the inputs is not kept
    inputs.problems.extend(drop_repeated_priorities(inputs))  # before any priority's topic joins the catalog
    inputs.problems.extend(misspelled_units(inputs))
    user_topics = inputs.topics + (load_topics_toml(topics_toml) if topics_toml else [])
    catalog = build_catalog(user_topics, config.needs.match_cutoff)
    register_input_topics(catalog, inputs)
    return inputs, catalog


def register_input_topics(catalog: Catalog, inputs: Inputs) -> None:
    """Topics named by priorities and posts join the catalog before anything is resolved against it."""
    for priority in inputs.priorities:
        catalog.ensure(priority.topic, priority.training_type, "组织需求")
    for req in inputs.posts:
        catalog.ensure(req.topic, domain="岗位需求")


def _rules(inputs: Inputs, catalog: Catalog, config: Config) -> RuleSet:
    return load_rules(catalog, config, path=inputs.rules_path, sheet_rows=inputs.rule_rows,
                      sheet_origin=inputs.rules_origin)


def rating_problems(inputs: Inputs, catalog: Catalog) -> list[Problem]:
    """A rating column naming no catalog topic is reported once."""
    seen: dict[str, Cadre] = {}
    for cadre in inputs.cadres:
        for text in cadre.ratings:
            seen.setdefault(text, cadre)
    return [
        Problem(code="unknown-topic", file=c.file, sheet=c.sheet, column=f"能力:{text}", severity="warning",
                message=f'rating column for "{text}" names no topic of the catalog; its ratings are ignored',
                expected="a topic name or alias of the catalog")
        for text, c in seen.items() if catalog.resolve(text) is None
    ]


def resolve_resources(inputs: Inputs, catalog: Catalog) -> list[Problem]:
    """Resource topics named in words -> topic ids; a name that matches nothing is reported."""
    problems = []
    for res in inputs.resources:
        ids = []
        for name in res.topics:
            topic = catalog.resolve(name)
            if topic is None:
                problems.append(Problem(
                    code="unknown-topic", file=res.file, sheet=res.sheet, row=res.row, severity="warning",
                    message=f'row {res.row}: a topic of this resource matches no catalog topic; it is ignored',
                    expected="a topic name or alias of the catalog"))
            elif topic.id not in ids:
                ids.append(topic.id)
        res.topics = ids
    return problems


def default_plan_start(as_of: dt.date) -> dt.date:
    """The first day of the month after the analysis date."""
    return dt.date(as_of.year + as_of.month // 12, as_of.month % 12 + 1, 1)


def plan_classes(analysis: Analysis, start: dt.date | None = None, periods: int | None = None) -> Plan:
    """Form classes from the needs of an analysis (see classes.form_classes)."""
    from .classes import form_classes

    return form_classes(analysis.needs, analysis.cadres, analysis.catalog, analysis.config,
                        analysis.inputs.resources, start or default_plan_start(analysis.as_of),
                        periods, analysis.lang)


def analyze(rosters: list[Path], config: Config, *, extra: dict[str, Path | None] | None = None,
            as_of: dt.date | None = None, lang: str = "auto", mapping: dict[str, dict[str, str]] | None = None,
            explain: set[str] | None = None, progress: Progress | None = None,
            pseudonym_key: bytes | None = None, ledger: Path | None = None) -> tuple[Analysis, NeedsResult]:
    """Read the inputs and find every cadre's needs; raises NeedsError when nothing can be analyzed."""
    timings: dict[str, float] = {}
    start = time.perf_counter()
    with collector_paused(freeze=True):
        inputs, catalog = _load(rosters, config, extra or {}, mapping, progress)
    timings["read"] = time.perf_counter() - start
    ledger_diffs = apply_ledger(inputs.cadres, ledger, as_of or dt.date.today(), config, catalog) if ledger else []
    if pseudonym_key is not None:
        pseudonymize(inputs.cadres, pseudonym_key)
    if not inputs.cadres:
        raise NeedsError("no cadre could be analyzed: the roster has no valid rows"
                         + (f" ({len(inputs.problems)} problem(s); run needscli validate)" if inputs.problems else ""),
                         problems=inputs.problems)
    ruleset = _rules(inputs, catalog, config)
    problems = (inputs.problems + ruleset.problems + rating_problems(inputs, catalog)
                + resolve_resources(inputs, catalog))
    out_lang = inputs.lang if lang == "auto" else lang
    when = as_of or dt.date.today()
    engine = NeedsEngine(config, catalog, ruleset.rules, inputs.posts, inputs.priorities, when, out_lang)
    start = time.perf_counter()
    total = len(inputs.cadres)
    result = find_needs(inputs.cadres, engine, explain,
                        progress=(lambda n: progress("finding needs", n, total)) if progress else None)
    ranking, unit_ranking = rank_topics_both(result.needs, inputs.cadres, catalog)
    timings["needs"] = time.perf_counter() - start  # ranking included: it is part of finding the needs
    analysis = Analysis(
        inputs=inputs, config=config, as_of=when, lang=out_lang, catalog=catalog, rules=ruleset.rules,
        needs=result.needs, unmatched=result.unmatched, compliance=result.compliance,
        ranking=ranking, unit_ranking=unit_ranking,
        problems=problems, timings=timings, ledger_diffs=ledger_diffs,
    )
    return analysis, result
