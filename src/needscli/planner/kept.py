"""The classes of an earlier plan kept as they were announced (analyze --keep-classes): ids, dates and members.

An office re-plans mid-year (a new roster, the ledger of the classes held): the classes it has announced from the
new plan's start on run as announced. Each keeps its id, its name, its period (so its dates) and its host; its
members stay where they still need it (a need of the class's topic, training type and grading band, from their own
organizer or sent up to it) and have the call-ups and days left for it; the others leave it, each said why. The
planner then forms the rest around them: a kept class takes new members where it has room, and no pass of the
planner takes a kept member's seat, trades it or cancels its class (a kept request ranks above any other:
KEPT_BOOST). New classes are numbered after every id of the earlier plan (one held or dropped is never given to
another class: the ledger holds its records under it). A class held before the new plan's start in the year it starts
counts against its members' call-ups and days away (Board.hold): the plan's seats and it within the caps.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from needscli.errors import Problem
from needscli.models import KeptClass
from needscli.planner.board import Board
from needscli.planner.requests import Book, ClassKey, Entry, Request

# what a kept member's request ranks above every other by: no priority of a need comes near (needs.weights,
# obligations at a few hundred), so no swap, trade, giving way or cancelling for a higher need ever takes its seat
KEPT_BOOST = 1e9


class LeftKept(NamedTuple):
    """A member of a kept class who leaves it, and why: "no-need" (none of its topic now: trained since, or no
    longer asked), "other-band" (its grading band changed: a promotion), "no-cadre" (not on the roster now),
    "no-room" (its call-ups or days taken, or a class of the same period)."""

    class_id: str
    cadre: str
    why: str


class KeptReport(NamedTuple):
    """What became of the classes given to keep: those kept, those not ((id, why): "before" the plan's start, not
    ended by the analysis date (announced, not held yet, or under way); "held", ended before it; "after" its months;
    "empty", no member left), and the members who left those kept."""

    kept: list[str]
    not_kept: list[tuple[str, str]]
    left: list[LeftKept]


def seat_kept(board: Board, book: Book, kept: list[KeptClass], as_of: dt.date | None = None) -> KeptReport:
    """Form the kept classes on the board before any other, in their periods, with their members that still need
    them; their members' entries leave the book (they are served); a class held before the plan, in its first year,
    counted in its members' load. as_of: the analysis date, before which a class was held (or is past)."""
    report = KeptReport([], [], [])
    firsts = board.firsts
    for k in sorted(dict((c.id, c) for c in reversed(kept)).values(), key=lambda c: (c.start_date, c.id)):
        period = next((p for p in range(1, board.periods + 1) if firsts[p] <= k.start_date < firsts[p + 1]), 0)
        if period == 0:
            before = k.start_date < firsts[1]
            held = before and as_of is not None and (k.end_date or k.start_date) < as_of  # ended: one under way is told
            report.not_kept.append((k.id, "held" if held else "before" if before else "after"))
            if held and k.start_date.year == firsts[1].year:  # the plan's first year: the one a class before it can share
                _count_held(board, k)
            continue
        seated: list[Request] = []
        for cadre in dict.fromkeys(k.members):
            entries = book.get(cadre)
            if entries is None or cadre not in board.ctx.cadres:
                report.left.append(LeftKept(k.id, cadre, "no-cadre" if cadre not in board.ctx.cadres else "no-need"))
                continue
            entry = _entry_for(entries, k)
            if entry is None:
                banded = any(_other_band(e.key, k) for e in entries)
                report.left.append(LeftKept(k.id, cadre, "other-band" if banded else "no-need"))
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


def _count_held(board: Board, k: KeptClass) -> None:
    """A class held before the plan, in the year the plan starts, counts against that year's call-ups and days away
    of its members on the roster (DOMAIN: a leader called up at most twice a year, every cadre's days away a year):
    each has a call-up and the class's days fewer left for the plan's seats. Its days are its topic's, as the plan
    counts a seat's; from its dates where the catalog no longer has the topic, as a class's days are counted (its
    working days: a class of Monday 01-04 to Friday 01-15 is 10 days, not 12)."""
    days = board.ctx.days.get(k.topic_id)
    if days is None:
        days = board.cfg.class_days(k.start_date, k.end_date or k.start_date)
    for cadre in dict.fromkeys(k.members):
        board.hold(cadre, k.id, days)


def _other_band(key: ClassKey, k: KeptClass) -> bool:
    """Whether an entry of the cadre is the kept class's training in another grade: its topic in another band (a
    theory class for leaders or for staff), or an appointment course of another level (乡科级 and 县处级 任职培训 are
    topics of their own): a member promoted since the class was announced needs the other class, not none."""
    if key.kind != k.training_type:
        return False
    return key.topic == k.topic_id or k.training_type == "appointment"


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
    cls = board.new_class(families, list(members), ClassKey(k.topic_id, k.training_type, k.organizer, families[0],
                                                            k.band))
    cls.kept, cls.period = k, period
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
    "other-band": ("职级变动，所需的是另一分级的班次", "its level changed: it needs a class of another grade"),
    "no-cadre": ("已不在花名册上", "is no longer on the roster"),
    "no-room": ("已无调训次数或离岗天数（本年已举办的班次计入），或同期已有其他班次",
                "has no call-up or days away left (the classes held this year counted), or a class of the same month"),
}


class KeptMade(NamedTuple):
    """A kept class as the plan holds it: its id, size and the members it took besides those announced."""

    id: str
    name: str
    size: int
    added: list[str]
    host_gone: str  # its host where no resource of the run is it now ("" where it is, or it had none)


def kept_problems(report: KeptReport, kept: list[KeptClass], made: list[KeptMade], people: dict[str, str],
                  sizes: tuple[int, int], start: dt.date, lang: str,
                  rows: dict[str, tuple[str, str, int]] | None = None) -> list[Problem]:
    """What the office tells those it announced the classes to: a class announced and not held yet that starts
    before the plan (not in it: --plan-start would keep it) or after its months, one no member needs now; each
    member who leaves a kept class (people: a cadre's id -> its name and unit, as messages name it), and those each
    took besides; a kept class larger or smaller than this run's class sizes (sizes: min, max) allow, or whose host
    is no resource of the run now. A class held before the analysis date is not told. rows: a cadre's roster row
    (file, sheet, row), where a member who leaves is said (and a --split-by hand-out of its unit holds it)."""
    names = {k.id: k.name for k in kept}
    starts = {k.id: k.start_date for k in kept}
    found = []
    zh = lang != "en"

    def said(code: str, zh_text: str, en_text: str, zh_expected: str, en_expected: str, cadre: str = "") -> None:
        file, sheet, row = (rows or {}).get(cadre, ("", "", None))
        found.append(Problem(code=code, severity="warning", message=zh_text if zh else en_text,
                             expected=zh_expected if zh else en_expected, file=file, sheet=sheet, row=row))

    for class_id, why in report.not_kept:
        name, day = names[class_id], starts[class_id].isoformat()
        if why == "before":
            said("kept-class-dropped",
                 f"已公布的班次 {class_id}「{name}」（{day} 开班）在本计划开始日期 {start.isoformat()} 之前，未编入本计划，其学员的"
                 f"这项需求在本计划中另行安排；要保留它，请加 --plan-start {day} 重新运行",
                 f'class {class_id} "{name}" announced for {day} starts before this plan ({start.isoformat()}): it is '
                 f"not in the plan, and its members' needs of it are planned again; --plan-start {day} keeps it",
                 f"保留它时，用 --plan-start {day} 让计划从该班次开始（或先导入其签到表）",
                 f"--plan-start {day} to keep it (or its sign-in sheet imported first)")
        elif why == "after":
            said("kept-class-dropped", f"已公布的班次 {class_id}「{name}」（{day} 开班）在本计划的时段之后，本次未编入",
                 f'class {class_id} "{name}" announced for {day} falls after this plan\'s months: not in it',
                 "计划的时段涵盖该班次（--periods）", "a plan whose months hold the class (--periods)")
        elif why == "empty":
            said("kept-class-dropped",
                 f"已公布的班次 {class_id}「{name}」（{day} 开班）不再举办：其学员都已不需要该培训或不在花名册上",
                 f'class {class_id} "{name}" announced for {day} is not held: none of its members needs it now',
                 "通知原定学员及其单位", "its members and their units told")
    for left in report.left:
        why = _LEFT_WHY[left.why][0 if zh else 1]
        who = people.get(left.cadre, left.cadre)
        said("kept-class-member-left", f"已公布的班次 {left.class_id}「{names[left.class_id]}」：{who}移出，{why}；请通知其单位",
             f'class {left.class_id} "{names[left.class_id]}" kept as announced: {who} leaves it: {why}; tell the unit',
             "通知该学员及其单位", "the member and the unit told", left.cadre)
    low, high = sizes
    for k in made:
        for cadre in k.added:  # one a member, at its roster row: a --split-by hand-out of its unit holds it
            who = people.get(cadre, cadre)
            said("kept-class-member-added", f"已公布的班次 {k.id}「{k.name}」新增学员：{who}；请通知其单位",
                 f'class {k.id} "{k.name}" kept as announced takes a member more: {who}; tell the unit',
                 "通知新增学员及其单位", "the member and the unit told", cadre)
        if not low <= k.size <= high:
            said("kept-class-size",
                 f"已公布的班次 {k.id}「{k.name}」有 {k.size} 人，" + (f"超过本次的最大班额 {high} 人" if k.size > high
                                                                else f"少于本次的最小班额 {low} 人") + "：按已公布的保留",
                 f'class {k.id} "{k.name}" kept as announced has {k.size} members, '
                 + (f"above this run's largest class, {high}" if k.size > high else f"below this run's smallest, {low}"),
                 "如须调整，合并或拆分该班次后通知各单位", "merged or split by hand, if it must change, and the units told")
        if k.host_gone:
            said("kept-class-host",
                 f"已公布的班次 {k.id}「{k.name}」的承办单位「{k.host_gone}」已不在培训资源表中：按已公布的保留，费用未计入",
                 f'class {k.id} "{k.name}" kept as announced: its host "{k.host_gone}" is no resource of this run now; '
                 "kept, its cost not counted",
                 "培训资源表中列出该承办单位，或另定承办单位后通知各单位", "the host listed among the resources, or another "
                                                              "fixed and the units told")
    return found
