"""Who organizes each cadre's classes (干部管理权限), and the PlanContext the planner reads the roster through."""

from __future__ import annotations

import math

from needscli.config import Config
from needscli.core.catalog import Catalog
from needscli.errors import Problem
from needscli.models import Cadre
from needscli.planner.model import CadrePlace, PlanContext


def _tier_map(config: Config) -> dict[str, str]:
    tiers: dict[str, str] = {}
    for level in config.levels:
        for name in [level.name, *level.aliases]:
            tiers.setdefault(name, level.tier)
    return tiers


def _organizer(cadre: Cadre, tiers: dict[str, str], by_tier: dict[str, str]) -> str | None:
    managed = cadre.managed_by.strip()
    if managed:
        return managed
    tier = tiers.get(cadre.level)
    return by_tier.get(tier) if tier else None


def organizer_of(cadre: Cadre, config: Config) -> str | None:
    """The level that manages the cadre (干部管理权限): managed_by, else its tier's organizer, else None."""
    return _organizer(cadre, _tier_map(config), config.classes.organizer_by_tier)


def build_context(cadres: list[Cadre], catalog: Catalog, config: Config) -> tuple[PlanContext, list[Problem]]:
    """Each cadre's place and roster position, each unit's limit away; a problem per cadre without organizer."""
    tiers, by_tier = _tier_map(config), config.classes.organizer_by_tier
    places: dict[str, CadrePlace] = {}
    order: dict[str, int] = {}
    sizes: dict[str, int] = {}
    problems = []
    for cadre in cadres:
        if cadre.id in places:
            continue
        organizer = _organizer(cadre, tiers, by_tier)
        places[cadre.id] = CadrePlace(cadre.unit, organizer, cadre.job_family, cadre.level)
        order[cadre.id] = len(order)
        sizes[cadre.unit] = sizes.get(cadre.unit, 0) + 1
        if organizer is None:
            problems.append(_no_organizer(cadre))
    share = config.classes.unit_away_share
    # the epsilon keeps 0.29 * 100 at 29, not 28.999...
    limits = {unit: max(1, math.floor(share * n + 1e-9)) for unit, n in sizes.items()}
    core = frozenset(t.id for t in catalog.topics if t.core)
    return PlanContext(places, order, limits, core), problems


def _no_organizer(cadre: Cadre) -> Problem:
    return Problem(
        code="no-organizer", file=cadre.file, sheet=cadre.sheet, row=cadre.row or None, column="管理权限",
        severity="warning",
        message=(f"{f'row {cadre.row}, ' if cadre.row else ''}column \"管理权限\": empty, and level "
                 f"\"{cadre.level}\" maps to no organizer in classes.organizer_by_tier; this cadre's needs get no class"),
        expected="a 管理权限 value such as 市委管理, or an organizer_by_tier entry for the level's tier")
