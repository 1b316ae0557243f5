"""The classes of an earlier plan kept as they were announced (analyze --keep-classes): ids, dates and members.

An office re-plans mid-year (a new roster, the ledger of the classes held): the classes it has announced from the
new plan's start on run as announced. Each keeps its id, its name, its period (so its dates) and its host; its
members stay where they still need it (a need of the class's topic, training type and grading band, from their own
organizer or sent up to it) and have the call-ups and days left for it; the others leave it, each said why. The
planner then forms the rest around them: a kept class takes new members where it has room, and no pass of the
planner takes a kept member's seat, trades it or cancels its class (a kept request ranks above any other:
KEPT_BOOST). New classes are numbered after the highest id kept.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from needscli.errors import Problem
from needscli.planner.board import Board
from needscli.planner.model import KeptClass
from needscli.planner.requests import Book, ClassKey, DraftClass, Entry, Request

# what a kept member's request ranks above every other by: no priority of a need comes near (needs.weights,
# obligations at a few hundred), so no swap, trade, giving way or cancelling for a higher need ever takes its seat
KEPT_BOOST = 1e9


class LeftKept(NamedTuple):
    """A member of a kept class who leaves it, and why: "no-need" (none of its topic now: trained since, or no
    longer asked), "no-cadre" (not on the roster now), "no-room" (its call-ups or days taken, or a class of the
    same period)."""

    class_id: str
    cadre: str
    why: str


class KeptReport(NamedTuple):
    """What became of the classes given to keep: those kept, those not (their start before the plan's, after its
    end, or no member left: (id, why)), and the members who left those kept."""

    kept: list[str]
    not_kept: list[tuple[str, str]]
    left: list[LeftKept]


def seat_kept(board: Board, book: Book, kept: list[KeptClass]) -> KeptReport:
    """Form the kept classes on the board before any other, in their periods, with their members that still need
    them; their members' entries leave the book (they are served)."""
    report = KeptReport([], [], [])
    firsts = board.firsts
    for k in sorted(kept, key=lambda c: (c.start_date, c.id)):
        period = next((p for p in range(1, board.periods + 1) if firsts[p] <= k.start_date < firsts[p + 1]), 0)
        if period == 0:
            report.not_kept.append((k.id, "before" if k.start_date < firsts[1] else "after"))
            continue
        seated: list[Request] = []
        for cadre in dict.fromkeys(k.members):
            entries = book.get(cadre)
            if entries is None or cadre not in board.ctx.cadres:
                report.left.append(LeftKept(k.id, cadre, "no-cadre" if cadre not in board.ctx.cadres else "no-need"))
                continue
            entry = _entry_for(entries, k)
            if entry is None:
                report.left.append(LeftKept(k.id, cadre, "no-need"))
                continue
            req = board.request(cadre, entry)
            if not board.room(req) or period in req.state.busy:
                report.left.append(LeftKept(k.id, cadre, "no-room"))
                continue
            entries.remove(entry)
            req.priority += KEPT_BOOST  # no Request field more: a million cadres make five million requests
            req.neg = -req.priority
            seated.append(req)
        if not seated:
            report.not_kept.append((k.id, "empty"))
            continue
        _form(board, k, period, seated)
        report.kept.append(k.id)
    return report


def _entry_for(entries: list[Entry], k: KeptClass) -> Entry | None:
    """The cadre's entry the kept class serves: of its topic, type and band, from the class's organizer, else
    (a member sent up to it) from another."""
    found = None
    for entry in entries:
        key = entry.key
        if key.topic == k.topic_id and key.kind == k.training_type and key.band == k.band:
            if key.organizer == k.organizer:
                return entry
            found = found or entry
    return found


def _form(board: Board, k: KeptClass, period: int, members: list[Request]) -> None:
    """The kept class on the board, in its period, its members seated (those of another organizer sent up)."""
    order = board.fam_order
    families = sorted({r.key.family for r in members}, key=lambda f: (order.get(f, len(order)), f))
    key = ClassKey(k.topic_id, k.training_type, k.organizer, families[0], k.band)
    cls = DraftClass(len(board.classes), [], list(members), key=key, kept=k)
    board.classes.append(cls)
    for family in families:
        board.register(cls, key.with_family(family))
    board.by_bucket.setdefault(key.bucket, []).append(cls)
    cls.period = period
    for req in members:
        board.commit(req, cls, append=False)
        req.route = "sent-up" if req.key.organizer != k.organizer else ""
    board.tried.extend(members)


def is_kept(req: Request) -> bool:
    """Whether the request is a kept class's member's (its priority raised by KEPT_BOOST)."""
    return req.priority >= KEPT_BOOST / 2


def real_priority(req: Request) -> float:
    """A request's priority, less what ranks a kept member above the others."""
    return req.priority - KEPT_BOOST if is_kept(req) else req.priority


def class_number(class_id: str) -> int:
    """The number of a class id (C017 -> 17; 0 for one that has none)."""
    digits = "".join(ch for ch in class_id if ch.isdigit())
    return int(digits) if digits else 0


_SESSION = re.compile(r"(?:（第(\d+)期）| \(session (\d+)\))\Z")


def session_of(name: str) -> tuple[str, int]:
    """A class's name as its base and session: 市委管理…班（第2期） -> (市委管理…班, 2); (name, 0) without one."""
    found = _SESSION.search(name)
    if found is None:
        return name, 0
    return name[:found.start()], int(found.group(1) or found.group(2))


_LEFT_WHY = {
    "no-need": ("已不需要该培训（此后已参加，或不再有此需求）", "no longer needs it (trained since, or no longer asked)"),
    "no-cadre": ("已不在花名册上", "is no longer on the roster"),
    "no-room": ("本计划中已无调训次数或离岗天数，或同期已有其他班次", "has no call-up or days away left in this plan, or a "
                                                          "class of the same month"),
}


def kept_problems(report: KeptReport, kept: list[KeptClass], lang: str) -> list[Problem]:
    """A warning for each member who leaves a kept class, and for each class given that is not kept while it falls
    in the plan's months or after them (one before the plan's start was held, or is to be, before it): the office
    tells those it announced them to."""
    names = {k.id: k.name for k in kept}
    starts = {k.id: k.start_date for k in kept}
    found = []
    zh = lang != "en"
    for class_id, why in report.not_kept:
        if why == "before":
            continue
        name, day = names[class_id], starts[class_id].isoformat()
        if why == "after":
            message = (f"已公布的班次 {class_id}「{name}」（{day} 开班）在本计划的时段之后，本次未编入" if zh
                       else f'class {class_id} "{name}" announced for {day} falls after this plan\'s months: not in it')
            expected = "计划的时段涵盖该班次（--periods）" if zh else "a plan whose months hold the class (--periods)"
        else:
            message = (f"已公布的班次 {class_id}「{name}」（{day} 开班）不再举办：其学员都已不需要该培训或不在花名册上" if zh
                       else f'class {class_id} "{name}" announced for {day} is not held: none of its members needs it now')
            expected = "通知原定学员及其单位" if zh else "its members and their units told"
        found.append(Problem(code="kept-class-dropped", severity="warning", message=message, expected=expected))
    for left in report.left:
        why = _LEFT_WHY[left.why][0 if zh else 1]
        message = (f"已公布的班次 {left.class_id}「{names[left.class_id]}」：{left.cadre} 移出，{why}" if zh
                   else f'class {left.class_id} "{names[left.class_id]}" kept as announced: {left.cadre} leaves it: '
                        f"{why}")
        expected = "通知该学员及其单位" if zh else "the member and the unit told"
        found.append(Problem(code="kept-class-member-left", severity="warning", message=message, expected=expected))
    return found
