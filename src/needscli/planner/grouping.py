"""Requests grouped into classes to be: by key, small groups merged across job families, large ones split."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from operator import attrgetter
from typing import NamedTuple

from needscli.config import ClassesConfig, Config
from needscli.planner.requests import Bucket, ClassKey, Request, Why, by_rank, rank_sort

_BY_UNIT = attrgetter("state.place")  # by unit, then roster order (CadreState.place)


class Group(NamedTuple):
    """Requests that will share a class (or classes, split): their job families and the requests."""

    families: list[str]
    members: list[Request]


def family_order(config: Config) -> dict[str, int]:
    """Each job family's position in the config: the order merged families are named and tried in."""
    return {v.name: i for i, v in enumerate(config.job_families)}


def group_requests(batch: list[Request], cfg: ClassesConfig, fam_order: dict[str, int],
                   limits: dict[str, int] | None = None) -> tuple[list[Group], list[Request]]:
    """Requests by key, a group below min merged with the nearest of another job family; and the rest, each
    with why it is too small (its own cadres, the merged group's, and of them the most that may attend at once,
    no more of a unit than its limit away, limits: unit -> cadres; none: every cadre)."""
    by_key: dict[ClassKey, list[Request]] = {}
    for req in batch:
        by_key.setdefault(req.key, []).append(req)
    buckets: dict[Bucket, dict[str, list[Request]]] = {}  # in the order of their first requests
    for key, requests in by_key.items():
        buckets.setdefault(key.bucket, {})[key.family] = requests
    groups, small = [], []
    for by_family in buckets.values():
        for group in merge_groups([Group([fam], list(rs)) for fam, rs in by_family.items()], cfg, fam_order):
            families, members = group
            if len(members) >= cfg.min_size:
                groups.append(group)
                continue
            together = _together(members, limits)
            for req in members:
                req.why = Why("small", own=len(by_family[req.key.family]), merged=len(members),
                              did_merge=len(families) > 1, together=together)
            small += members
    rank_sort(small)
    return groups, small


def _together(members: list[Request], limits: dict[str, int] | None) -> int:
    """Of the members' cadres, the most that may attend one class: no more of a unit than its limit (limits)."""
    by_unit = cadres_by_unit(members)
    return sum(by_unit.values()) if limits is None else attending_at_once(by_unit, limits)


def cadres_by_unit(members: Iterable[Request]) -> Counter[str]:
    """The members' cadres (each once) by unit."""
    return Counter(r.unit for r in {r.cadre: r for r in members}.values())


def attending_at_once(by_unit: Counter[str], limits: dict[str, int]) -> int:
    """Of these cadres by unit, the most that may attend one class: no more of a unit than its limit away."""
    return sum(min(n, limits.get(unit, n)) for unit, n in by_unit.items())


def merge_groups(groups: list[Group], cfg: ClassesConfig, fam_order: dict[str, int]) -> list[Group]:
    """Merge each group below min into the nearest group of the same topic, type and organizer."""
    low, high = cfg.min_size, cfg.max_size

    def fam_key(group: Group) -> tuple[int, str]:
        return min((fam_order.get(f, len(fam_order)), f) for f in group.families)

    while len(groups) > 1:
        small = [g for g in groups if len(g.members) < low]
        if not small:
            break
        this = min(small, key=lambda g: (len(g.members), fam_key(g)))
        others = [g for g in groups if g is not this]
        reach = [g for g in others if len(g.members) + len(this.members) >= low]
        if reach:  # the nearest: reaches min, within max if it can, the smallest such
            target = min(reach, key=lambda g: (len(g.members) + len(this.members) > high, len(g.members), fam_key(g)))
        else:  # none reaches min: the largest, so that further merges may
            target = min(others, key=lambda g: (-len(g.members), fam_key(g)))
        target.families.extend(this.families)
        target.families.sort(key=lambda f: (fam_order.get(f, len(fam_order)), f))
        target.members.extend(this.members)
        groups = others
    return groups


def split_group(members: list[Request], max_size: int, min_size: int = 1) -> tuple[list[list[Request]], list[Request]]:
    """ceil(n/max) balanced classes, each unit's members dealt round-robin across them; never so many that
    a class falls below min_size: then as many classes of min_size or more as the group allows, each
    within max_size, highest priority first, and the members left over (the second list)."""
    parts = math.ceil(len(members) / max_size)
    if parts == 1 or len(members) // parts >= min_size:
        ranked = sorted(members, key=_BY_UNIT)
        return [ranked[i::parts] for i in range(parts)], []
    parts = max(1, len(members) // min_size)
    ranked_all = by_rank(members)
    kept, rest = ranked_all[:parts * max_size], ranked_all[parts * max_size:]
    ranked = sorted(kept, key=_BY_UNIT)
    return [ranked[i::parts] for i in range(parts)], rest
