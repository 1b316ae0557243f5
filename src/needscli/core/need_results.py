"""What finding needs gives back besides the needs: what reached nothing, hours standings, rules not fired."""

from __future__ import annotations

from dataclasses import dataclass, field

from needscli.core.hours import HoursStanding
from needscli.core.obligations import Finding, Obligation, obligations_of
from needscli.models import Need


@dataclass
class Unmatched:
    """A wish or priority that reached nothing, kept for the report."""

    kind: str  # "wish" | "priority" | "rating"
    text: str
    cadre_id: str = ""
    unit: str = ""
    detail: str = ""


@dataclass
class ComplianceRow:
    cadre_id: str
    standing: HoursStanding


@dataclass
class Skipped:
    """A rule that did not fire for a cadre, and the facts that stopped it (for explain)."""

    rule_id: str
    name: str
    failed: list[str]


@dataclass
class NeedsResult:
    needs: list[Need] = field(default_factory=list)  # cadre order, then theory core first, then priority
    unmatched: list[Unmatched] = field(default_factory=list)
    compliance: list[ComplianceRow] = field(default_factory=list)
    obligations: list[Obligation] = field(default_factory=list)  # every cadre's, met or not
    # the obligations found but not yet made (settle_obligations): each finding and its cadre's id
    found: list[Finding] = field(default_factory=list, repr=False, compare=False)
    found_for: list[str] = field(default_factory=list, repr=False, compare=False)
    not_fired: dict[str, list[Skipped]] = field(default_factory=dict)  # only when explaining

    def settle_obligations(self) -> None:
        """The obligations found since the last call made and added to obligations, in the order found."""
        if self.found:
            self.obligations += obligations_of(self.found_for, self.found)
            self.found, self.found_for = [], []
