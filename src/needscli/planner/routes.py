"""Small groups served, not dropped: a request left without a class after forming is sent up to the next
organizer's class of its kind (上级调训), else trained online (网络培训) where its topic is taught online,
else in its own unit (单位自主培训) where the unit's share away kept it back (or its class, short of
members the share kept back, could not run). Only a request no route
takes stays unmet."""

from __future__ import annotations

from collections import Counter

from needscli.planner.board import Board
from needscli.planner.model import NoClass
from needscli.planner.placement import join_best
from needscli.planner.requests import BY_RANK, Request

# reasons of a request left without a seat that a route may cure: the group, the period or the class,
# not the cadre's own load (a cadre at its call-ups or days stays so)
ROUTABLE = frozenset({"small", "dissolved", "clash", "unit", "no-seat", "full"})
# reasons that say the unit could not let the group go together: its share away in one period (or its
# class fell below the minimum once members past that share were left out)
_HELD_BACK = frozenset({"unit", "dissolved"})


def route_the_rest(board: Board) -> list[NoClass]:
    """Give each routable request left without a seat its first route that serves it, highest priority
    first; returns the groups that were too small for a class of their own and how they were served."""
    cfg, ctx = board.cfg, board.ctx
    waiting = sorted((r for r in board.tried if r.cls is None and not r.route and r.why.code in ROUTABLE),
                     key=BY_RANK)
    small: dict[tuple[str, str, str, str], list[Request]] = {}
    for req in waiting:
        if req.why.code == "small":
            small.setdefault(req.key.bucket, []).append(req)
    for req in waiting:
        if cfg.send_up and _send_up(board, req):
            req.route = "sent-up"
        elif req.key.topic in ctx.online:
            req.route = "online"
        elif cfg.in_unit and req.why.code in _HELD_BACK:
            req.route = "in-unit"
    return _no_class(small, ctx.limits)


def _send_up(board: Board, req: Request) -> bool:
    """Seat req in a class of its kind run by an organizer above its own (the nearest first)."""
    parents, seen = board.ctx.parents, {req.key.organizer}
    organizer = parents.get(req.key.organizer)
    while organizer and organizer not in seen:
        seen.add(organizer)
        classes = board.by_bucket.get(req.key.with_organizer(organizer).bucket, [])
        if join_best(board, req, classes):
            return True
        organizer = parents.get(organizer)
    return False


def _no_class(groups: dict[tuple[str, str, str, str], list[Request]], limits: dict[str, int]) -> list[NoClass]:
    """Each group too small for a class, with its size, the route most of its cadres took and the minimum
    class size that would have formed it (no more of a unit than its share away can attend at once); the
    largest first."""
    out = []
    for (topic, kind, organizer, band), members in groups.items():
        routes = Counter(r.route or "unmet" for r in members)
        route = max(routes, key=lambda k: (routes[k], k))
        cadres = len({r.cadre for r in members})
        by_unit = Counter(r.unit for r in {r.cadre: r for r in members}.values())
        together = sum(min(n, limits.get(unit, n)) for unit, n in by_unit.items())
        out.append(NoClass(topic, kind, organizer, band, cadres, route, max(1, min(cadres, together))))
    out.sort(key=lambda g: (-g.cadres, g.organizer, g.topic_id, g.training_type, g.band))
    return out
