"""Small groups served, not dropped: a request left without a class after forming is sent up to the next
organizer's class of its kind (上级调训), else trained online (网络培训) where its topic is taught online,
else in its own unit (单位自主培训) where its type allows (classes.in_unit_types) and its group was too
small for a class or its unit's share away kept it back (or its class, short of members left out, could
not run). A need the cadre's call-ups or days away left without a class is learnt online where its topic
is taught online. Only a request no route takes stays unmet."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from needscli.planner.board import Board
from needscli.planner.model import NoClass
from needscli.planner.placement import join_best
from needscli.planner.requests import (
    Book,
    ClassKey,
    DraftClass,
    Request,
    by_rank,
    request_of,
)

# reasons of a request left without a seat that a route may cure: the group, the period or the class,
# not the cadre's own load (a cadre at its call-ups or days stays so)
ROUTABLE = frozenset({"small", "dissolved", "clash", "unit", "no-seat", "full"})
# reasons of the cadre's own load: no class, but online learning takes neither a call-up nor a day away
_LOAD = frozenset({"cap", "days"})
# reasons a unit may answer by training the cadre itself (where the topic allows, classes.in_unit_types):
# its group was too small for a class, or the unit could not let it go together (its share away in one
# period, or its class fell below the minimum once members past that share or busy were left out)
_IN_UNIT = frozenset({"small", "unit", "dissolved"})


def route_the_rest(board: Board, book: Book) -> list[NoClass]:
    """Give each routable request left without a seat its first route that serves it, highest priority
    first; a need the cadre had no call-ups or days left for is learnt online where its topic is taught
    online (online learning is no call-up and no day away). Returns the groups that were too small for a
    class of their own and how they were served."""
    cfg, ctx = board.cfg, board.ctx
    if ctx.online:
        _online_past_the_cap(board, book)
    waiting = by_rank(r for r in board.tried if r.cls is None and not r.route and r.why.code in ROUTABLE)
    small: dict[tuple[str, str, str, str], list[Request]] = {}
    for req in waiting:
        if req.why.code == "small":
            small.setdefault(req.key.bucket, []).append(req)
    above: dict[ClassKey, list[list[DraftClass]]] = {}
    online, in_unit, up = _may(board, "online"), _may(board, "in-unit"), _may(board, "sent-up")
    for req in waiting:
        if cfg.send_up and up(req) and _send_up(board, req, above):
            req.route = "sent-up"
        elif req.key.topic in ctx.online and online(req):
            req.route = "online"
        elif cfg.in_unit and req.why.code in _IN_UNIT and req.key.kind in cfg.in_unit_types and in_unit(req):
            req.route = "in-unit"
    return _no_class(small, ctx.limits)


def _may(board: Board, route: str) -> Callable[[Request], bool]:
    """Whether the route may serve a request: any request where obligations may take it (classes.obligation_routes),
    else one serving no obligation."""
    if route in board.cfg.obligation_routes:
        return lambda req: True
    source = board.cols.source
    return lambda req: not serves_obligation(req, source)


def serves_obligation(req: Request, source: Sequence[str]) -> bool:
    """Whether one of the request's needs is an obligation (appointment, initial, rotation ...)."""
    return any(source[i] == "obligation" for i in req.needs)


def _online_past_the_cap(board: Board, book: Book) -> None:
    """The requests of topics taught online that the cadre's call-ups or days kept from a class (tried, or
    never tried once the cap was reached) are learnt online."""
    ctx = board.ctx
    online = _may(board, "online")
    for req in board.tried:
        if req.cls is None and not req.route and req.why.code in _LOAD and req.key.topic in ctx.online and online(req):
            req.route = "online"
    for cadre, entries in book.items():
        if not ctx.eligible(cadre):
            continue
        state = board.state(cadre)
        if state.pointer >= len(entries):
            continue
        for entry in entries[state.pointer:]:
            req = request_of(cadre, entry, ctx, board.cols, state)
            if req.key.topic in ctx.online and online(req):
                req.route = "online"
            board.tried.append(req)  # a request never tried stays unmet with the cap as its reason
        state.pointer = len(entries)


def _send_up(board: Board, req: Request, above: dict[ClassKey, list[list[DraftClass]]]) -> bool:
    """Seat req in a class of its kind run by an organizer above its own (the nearest first). above: the lists
    of classes above each key, kept across calls (routing forms no class): the waiting requests share few keys,
    and each request made a key and a bucket for every organizer above its own."""
    chain = above.get(req.key)
    if chain is None:
        chain = above[req.key] = _classes_above(board, req.key)
    for classes in chain:
        if join_best(board, req, classes):
            return True
    return False


def _classes_above(board: Board, key: ClassKey) -> list[list[DraftClass]]:
    """The lists of classes of key's kind under each organizer above its own, the nearest first (those with
    classes)."""
    parents, seen = board.ctx.parents, {key.organizer}
    found = []
    organizer = parents.get(key.organizer)
    while organizer and organizer not in seen:
        seen.add(organizer)
        classes = board.by_bucket.get(key.with_organizer(organizer).bucket)
        if classes:
            found.append(classes)
        organizer = parents.get(organizer)
    return found


def _no_class(groups: dict[tuple[str, str, str, str], list[Request]], limits: dict[str, int]) -> list[NoClass]:
    """Each group too small for a class, with its cadres, the route most of them took and the minimum class
    size that would have formed it (the most that asked at one time, no more of a unit than its share away
    can attend at once); the largest first."""
    out = []
    for (topic, kind, organizer, band), members in groups.items():
        routes = Counter(r.route or "unmet" for r in members)
        route = max(routes, key=lambda k: (routes[k], k))
        cadres = len({r.cadre for r in members})
        by_unit = Counter(r.unit for r in {r.cadre: r for r in members}.values())
        together = sum(min(n, limits.get(unit, n)) for unit, n in by_unit.items())
        # the largest group that asked at one time (cadres ask in rounds, as their higher requests are
        # served or turned down): what its reasons quote, and what a class of that minimum would hold
        at_once = max(max(r.why.own, r.why.merged) for r in members)
        out.append(NoClass(topic, kind, organizer, band, cadres, route, max(1, min(at_once or cadres, together))))
    out.sort(key=lambda g: (-g.cadres, g.organizer, g.topic_id, g.training_type, g.band))
    return out
