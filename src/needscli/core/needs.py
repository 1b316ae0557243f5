"""Cadres + posts + priorities + rules -> needs with provenance. Pure: no I/O.

Each source of reasons lives in its own module (rule_reasons, priority_reasons, post_reasons,
personal_reasons); the engine runs them for each cadre and merges their reasons by topic (merging).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from needscli.config import Config
from needscli.core.catalog import Catalog
from needscli.core.facts import FactBuilder
from needscli.core.merging import NeedMerger
from needscli.core.need_results import ComplianceRow, NeedsResult, Skipped, Unmatched
from needscli.core.need_shares import Start, pack_share, share_of, take_share
from needscli.core.obligations import Finding, ObligationChecker
from needscli.core.personal_reasons import PersonalReasons
from needscli.core.post_reasons import PostReasons
from needscli.core.priority_reasons import PriorityReasons
from needscli.core.reasons import ReasonPool, TopicReason
from needscli.core.rule_reasons import RuleReasons
from needscli.labels import code_label
from needscli.models import Cadre, Need, PostRequirement, Priority, Rule
from needscli.text import bare_name
from needscli.vocab import Vocab

__all__ = ["ComplianceRow", "NeedsEngine", "NeedsResult", "Skipped", "Unmatched", "find_needs"]


@dataclass
class NeedsEngine:
    """Everything that does not change from one cadre to the next, prepared once."""

    config: Config
    catalog: Catalog
    rules: list[Rule]
    posts: list[PostRequirement]
    priorities: list[Priority]
    as_of: dt.date
    lang: str = "zh"

    def __post_init__(self) -> None:
        settings = self.config.needs
        self.vocab = Vocab(self.config)
        self.facts = FactBuilder(self.config, self.vocab, self.catalog, self.as_of)
        # one pool for every source: merging remembers its results by the shared reasons' ids
        self.pool = ReasonPool(settings.weights)
        # posts first: their topics enter the catalog before the priorities'
        self.post_reasons = PostReasons(self.posts, self.catalog, settings, self.pool, self.lang)
        self.priority_reasons = PriorityReasons(self.priorities, self.catalog, self.vocab, self.pool, self.lang,
                                                self.config.obligations.rotation_source_kinds, self.as_of)
        self.obligations = ObligationChecker(self.config, self.catalog, self.pool, self.as_of, self.lang)
        # an English run's reasons name the config's words by their English names (job family general management)
        names = self.config.english_names() if self.lang == "en" else None
        self.rule_reasons = RuleReasons(self.rules, self.pool, self.lang, names)
        self.personal_reasons = PersonalReasons(self.catalog, settings, self.pool, self.lang)
        # an appointment need is as long as its band's course, as its class is (the planner's class_lengths)
        self.merger = NeedMerger(self.catalog, settings, self.config.band_hours())
        self.reached = self.priority_reasons.reached  # priority id -> cadres it reached

    def find(self, cadre: Cadre, result: NeedsResult, explain: bool = False) -> list[Need]:
        """The needs of one cadre, merged by topic: obligations first, then the theory core, then priority. Its
        obligations wait in result.found until result.settle_obligations() (find_needs settles them)."""
        post = self.post_reasons.plan(cadre)
        standing = self.facts.standing(cadre)
        completions = self.facts.completions(cadre) if cadre.completed else []
        facts = self.facts.facts(cadre, post.levels, standing, completions)
        level = self.facts.level(cadre)
        obligations, reasons = self.obligations.findings(cadre, level.tier, level.leading, standing, completions)
        if explain:
            self._unchecked(cadre, level.tier, level.leading, result)
        reasons += self.rule_reasons.find(cadre, facts, result if explain else None)
        rotations = self.priority_reasons.find(cadre)
        reasons += self.post_reasons.find(post, facts)
        reasons += self.personal_reasons.from_wishes(cadre, result)
        reasons += self.personal_reasons.from_ratings(cadre, post.covered)
        result.compliance.append(ComplianceRow(cadre.id, standing))
        done = self.facts.done_among(completions) if completions else _NONE_DONE
        # "train what is lacking": a topic done within its validity is no need, but an obligation the
        # checker found unmet (hours, appointment, initial) stands whatever the catalog says of its topic
        lacking = ([tr for tr in reasons if tr.topic_id not in done or tr.reason.source in _KEPT] if done
                   else reasons)
        for found in rotations:
            if found.reason.source != "obligation":
                if found.topic_id not in done:
                    lacking.append(found)
                continue
            # a rotation is met by a record of its round, whatever the as-of date (not by `done`, counted back from it)
            rotation = self._rotation(found, completions)
            obligations.append(rotation)
            if rotation.reason is not None:
                lacking.append(rotation.reason)
        # made for all the cadres at once (NeedsResult.settle_obligations, at the end of _find_each; a second
        # process packs the findings themselves: need_shares.pack_share)
        result.found += obligations
        result.found_for += [cadre.id] * len(obligations)
        needs = self.merger.merge(cadre.id, lacking, facts.get("hours_deficit"))
        if obligations:
            _mark_obligations(needs, obligations)
        return needs

    def _unchecked(self, cadre: Cadre, tier: str, leading: bool, result: NeedsResult) -> None:
        """The appointment and initial obligations the cadre's dates leave unchecked, first of its rules that did not
        fire (explain), each by its rule as the needs name it (obligation:appointment) and why."""
        for kind, why in self.obligations.unchecked(cadre, tier, leading):
            result.not_fired.setdefault(cadre.id, []).append(
                Skipped(f"obligation:{kind}", code_label("obligation", kind, self.lang), [why]))

    def _rotation(self, found: TopicReason, completions: list[tuple[str, dt.date | None]]) -> Finding:
        priority_id = found.reason.rule_id.removeprefix("priority:")
        status, deadline, late = self.priority_reasons.rotations[priority_id]
        return self.obligations.rotation(found, deadline, status, late, priority_id, completions,
                                         self.priority_reasons.starts.get(priority_id))


_KEPT = frozenset({"obligation", "compliance"})
_NONE_DONE: frozenset[str] = frozenset()  # a cadre with no completion that counts


def _urgency(ob: Finding) -> tuple[int, dt.date]:
    return (0 if ob.status == "overdue" else 1, ob.deadline or dt.date.max)


def _mark_obligations(needs: list[Need], obligations: list[Finding]) -> None:
    """Each obligation need takes its obligation's deadline and status (the most urgent, where two share a topic)."""
    open_: dict[str, Finding] = {}
    for ob in obligations:
        if ob.status in ("due", "overdue"):
            held = open_.get(ob.topic_id)
            if held is None or _urgency(ob) < _urgency(held):
                open_[ob.topic_id] = ob
    for need in needs:
        if need.source == "obligation":
            held = open_.get(need.topic_id)
            if held is not None:
                need.deadline, need.status = held.deadline, held.status


def find_needs(cadres: list[Cadre], engine: NeedsEngine, explain: set[str] | None = None,
               progress: Callable[[int], None] | None = None, beside: Start | None = None) -> NeedsResult:
    """Needs of every cadre, plus what reached nothing and the hours standing of each.

    beside: starts work in a second process (reports.parallel.Forked.start, given by the pipeline, which decides
    when a roster is large enough): the last cadres (need_shares.SHARE) are then found there while the others are
    found here, and taken back in order: the same result. Where it cannot start or fails, they are found here.
    Not while explaining (its record of the rules that did not fire stays here)."""
    result = NeedsResult()
    share = share_of(len(cadres)) if beside is not None and explain is None else 0
    theirs = cadres[len(cadres) - share:] if share else []
    there, found = None, None
    try:
        there = beside(lambda: pack_share(engine, theirs)) if beside is not None and theirs else None
        _find_each(cadres if there is None else cadres[:len(cadres) - share], engine, result, explain, progress)
        found = there.result() if there is not None else None
    finally:
        if there is not None:
            there.stop()
    if there is not None and found is None:  # the second process failed: its cadres are found here
        _find_each(theirs, engine, result, explain, progress)
    elif found is not None:
        take_share(result, found, theirs, engine)
        if progress:
            progress(len(theirs))
    for p in engine.priorities:
        if engine.reached[p.id] == 0:
            result.unmatched.append(Unmatched("priority", p.topic, detail=(
                f"{p.id}：适用范围内没有干部" if engine.lang == "zh" else f"{p.id}: its targets select no cadre")))
    return result


def _explained(cadre: Cadre, explain: set[str]) -> bool:
    """Whether the cadre is one explained: by its id, or by its name as written or without its spaces (李 梅, a
    two-character name padded to the width of three, asked for as 李梅 or 李　梅)."""
    return cadre.id in explain or cadre.name in explain or bare_name(cadre.name) in explain


def _find_each(cadres: list[Cadre], engine: NeedsEngine, result: NeedsResult, explain: set[str] | None,
               progress: Callable[[int], None] | None) -> None:
    for i, cadre in enumerate(cadres):
        result.needs.extend(engine.find(cadre, result, explain=explain is not None and _explained(cadre, explain)))
        if progress and i % 1000 == 999:
            progress(1000)
    result.settle_obligations()
