"""Needs -> training classes (班次): the whole pass, then ids, names, resources and the seats given. Pure."""

from __future__ import annotations

import array
import collections
import datetime as dt
import itertools
from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

from needscli.config import Config
from needscli.core.bulk import made_from_columns
from needscli.core.catalog import Catalog
from needscli.core.day_runs import runs_said
from needscli.core.hours import HoursStanding
from needscli.core.need_columns import NeedColumns
from needscli.errors import Problem
from needscli.models import Cadre, KeptClass, Need, Resource, TrainingClass
from needscli.planner.board import Board
from needscli.planner.context import RosterColumns, build_context
from needscli.planner.grouping import family_order
from needscli.planner.hours import HoursCounted, counted_until, left_after
from needscli.planner.improve import improve
from needscli.planner.kept import (
    KeptMade,
    KeptReport,
    class_number,
    kept_problems,
    real_priority,
    seat_kept,
    session_of,
)
from needscli.planner.model import UNMET, HoursLeft, NeedWays, Plan
from needscli.planner.obligation_classes import form_for_obligations
from needscli.planner.placement import reform_left_out, run_rounds
from needscli.planner.requests import BY_ROSTER, Book, DraftClass, book_requests, hours_needs
from needscli.planner.routes import route_the_rest, seat_obligations
from needscli.planner.seats import Seats
from needscli.planner.top_up import TopUps
from needscli.planner.unmet import restate_cap_reasons, unmet_needs


class _Finished(NamedTuple):
    """A class of the plan and the board's class it was made from."""

    made: TrainingClass
    draft: DraftClass


# the steps of form_classes a progress callback is told of, one at a time: the requests booked, the rounds of forming,
# the plan improved (and the left out formed again), the obligations' seats, the routes of the rest, the classes
# finished, the unmet needs and hours counted. At a million cadres each takes from a few seconds to a minute
PLAN_STEPS = 7


def form_classes(needs: list[Need], cadres: list[Cadre], catalog: Catalog, config: Config,
                 resources: list[Resource], start: dt.date, periods: int | None = None,
                 lang: str = "zh", columns: RosterColumns | None = None, cols: NeedColumns | None = None,
                 standings: Mapping[str, HoursStanding] | None = None, kept: Sequence[KeptClass] = (),
                 as_of: dt.date | None = None, progress: Callable[[int], None] | None = None) -> Plan:
    """Form classes from needs: keyed by topic, type, organizer, grading band and job family; sized, placed
    before deadlines, resourced; the groups no class takes routed (sent up, online, in the unit).
    columns: the roster's headers (Inputs.roster_columns), for the cells the organizer warnings name.
    cols: NeedColumns.of(needs), where the caller made them already. standings: each cadre's hours standard and
    figures (the analysis' compliance), for what the plan leaves of it in days as well as hours (HoursLeft).
    kept: classes of an earlier plan to keep as announced (planner.kept), formed before any other; as_of: the
    analysis date, before which a class of them was held (not told of). progress: told 1 as each of its PLAN_STEPS
    steps ends (a progress bar's advance)."""
    step = progress or _no_progress
    cfg = config.classes
    n_periods = cfg.periods if periods is None else periods
    if n_periods < 1:
        raise ValueError(f"periods must be at least 1, not {n_periods}")
    if cfg.min_size > cfg.max_size:
        raise ValueError(f"classes.min_size {cfg.min_size} is above max_size {cfg.max_size}")
    ctx, problems = build_context(cadres, catalog, config, resources, lang=lang, columns=columns)
    if cols is None:
        cols = NeedColumns.of(needs)
    elif len(cols.cadre) != len(needs):
        raise ValueError(f"the needs' columns hold {len(cols.cadre)} needs, not the {len(needs)} given")
    book = book_requests(cols, ctx, cfg)
    board = Board(ctx, cfg, n_periods, family_order(config), cols, start)
    kept_report = seat_kept(board, book, list(kept), as_of) if kept else None
    top_ups = TopUps(board, book, config, standings or {}) if cfg.hours_top_up_class else None
    step(1)
    # the kept seats and the classes held this year took call-ups before the rounds: a group of a need split by them
    # over rounds is pooled, whatever its need (run_rounds)
    run_rounds(board, book, pool_every_need=bool(kept_report and (kept_report.kept or board.held)))
    step(1)
    improve(board, book)
    _settle_top_ups(board, book, top_ups)
    if reform_left_out(board):
        improve(board, book)  # the classes formed for those left out may have seats for others
    step(1)
    if seat_obligations(board):
        improve(board, book)  # the seats given up to obligations, and those their going freed, may find others
    if form_for_obligations(board, book):
        improve(board, book)
    _settle_top_ups(board, book, top_ups)
    restate_cap_reasons(board)
    step(1)
    no_class = route_the_rest(board, book)
    board.settle()
    step(1)
    finished = _finish_classes(board, catalog, config, resources, lang, list(kept))
    placed = [f.made for f in finished if f.draft.kept is None]  # a kept class's dates were announced: not warned
    problems = [*problems, *_holiday_starts(placed, config, lang), *_holidays_within(board, placed, lang),
                *_past_their_month(placed, board.firsts, lang),
                *(_kept_said(kept_report, list(kept), finished, cadres, config, resources, start, lang)
                  if kept_report else [])]
    step(1)
    unmet, unmet_at = unmet_needs(board, book, cols, cfg, n_periods, lang)
    left = _hours_left(board, cols, config, standings or {},
                       top_ups.covered if top_ups else hours_needs(cols, cfg))
    served = _served(finished, board)
    counts = _ways(served, unmet_at, cols)
    unmet_kept = array.array("q", unmet_at)  # for the Unmet sheet (NeedWays.unmet_needs), 8 bytes a need
    classes = [f.made for f in finished]
    board.untie()  # no cycle may keep the board alive once dropped
    del board, book, finished, unmet_at
    # the seats as the needs' positions (8 bytes each: Seats copies the list into an array) and runs of classes and
    # routes along them, over the needs' columns: each Assignment made when read; the list of positions goes here
    seats = Seats(served.needs, served.runs, cols.cadre, cols.topic, cols.priority)
    del served
    step(1)
    return Plan(classes, seats, unmet, problems, start, n_periods, ctx, left, no_class,
                {**cfg.model_dump(mode="json"), "periods": n_periods}, NeedWays(needs, counts, seats, unmet, unmet_kept),
                kept_report.kept if kept_report else [],
                [cid for cid, why in kept_report.not_kept if why != "held"] if kept_report else [])


def _no_progress(_: int) -> None:
    """form_classes' progress where none is asked for."""


def _settle_top_ups(board: Board, book: Book, top_ups: TopUps | None) -> None:
    """Give up the hours top-up seats and requests the cadres' other classes make needless (TopUps.settle), the plan
    improved after each change: the call-ups, days and seats they free may serve other needs, and the members its
    moves leave out of their classes form classes again (reform_left_out). Until none is left: each change gives up
    an hours entry (twice at most), or tries or restores one (once)."""
    while top_ups is not None and top_ups.settle():
        improve(board, book)
        if reform_left_out(board):
            improve(board, book)


def _finish_classes(board: Board, catalog: Catalog, config: Config, resources: list[Resource],
                    lang: str, kept: list[KeptClass] | None = None) -> list[_Finished]:
    """Live classes in plan order (period, priority, organizer, topic ...), with ids, names and resources. A class
    kept as announced keeps its id, name, first day and host; the others are numbered after every id of the plan
    kept from (kept: its classes given, those held or dropped too, whose ids stay theirs in the ledger)."""
    finished = []
    for cls in board.classes:
        if not cls.live or not cls.members:
            continue
        cls.members.sort(key=BY_ROSTER)
        key = cls.key or cls.members[0].key
        days = board.ctx.days.get(key.topic, 0.0)
        start, end = board.class_dates(cls.period, days)
        if cls.kept is not None:  # its dates as announced, whatever the holidays of this run's config
            start = cls.kept.start_date
            end = cls.kept.end_date or board.class_end(start, days)
        made = TrainingClass(id="", topic_id=key.topic, training_type=key.kind, organizer=key.organizer,
                             job_family=_family_label(board, cls, lang),
                             priority=max(map(real_priority, cls.members)) if cls.kept else cls.priority,
                             period=cls.period, members=[r.cadre for r in cls.members], band=key.band,
                             days=days, hours=board.ctx.hours.get(key.topic, 0.0), start_date=start,
                             end_date=end,
                             late=sum(1 for r in cls.members if r.deadline is not None and r.deadline < end))
        finished.append(_Finished(made, cls))
    finished.sort(key=lambda f: (f.made.period, -f.made.priority, f.made.organizer, f.made.topic_id,
                                 f.made.training_type, f.made.job_family, f.draft.seq))
    # a class kept as announced keeps its id and name; the others are numbered after every id of the plan kept from,
    # each class's session after the highest kept of its name
    counts: dict[str, int] = {}
    number = max(map(class_number, (k.id for k in kept or ())), default=0)
    for k in kept or ():  # the sessions of the earlier plan, held or dropped too: no name is given twice
        base, session = session_of(k.name)
        counts[base] = max(counts.get(base, 0), session)
    for f in finished:
        if f.draft.kept is not None:
            f.made.id, f.made.name = f.draft.kept.id, f.draft.kept.name
    for tc, draft in finished:
        if draft.kept is not None:
            continue
        number += 1
        tc.id = f"C{number:03d}"
        base = _class_base(tc, catalog, config, lang)
        counts[base] = counts.get(base, 0) + 1
        tc.name = f"{base} (session {counts[base]})" if lang == "en" else f"{base}（第{counts[base]}期）"
    hosts = {f.made.id: f.draft.kept.resource for f in finished if f.draft.kept and f.draft.kept.resource}
    _give_resources([f.made for f in finished], resources, board.ctx.core_topics, config, hosts)
    cost = {r.provider: r.cost_per_seat for r in resources}
    for f in finished:
        f.made.cost_per_seat = cost.get(f.made.resource, 0.0)
    return finished


def _kept_said(report: KeptReport, kept: list[KeptClass], finished: list[_Finished], cadres: list[Cadre],
               config: Config, resources: list[Resource], start: dt.date, lang: str) -> list[Problem]:
    """kept_problems of the kept classes as the plan holds them, the members named by name, unit and id."""
    providers = {r.provider for r in resources}
    made = []
    for f in finished:
        if f.draft.kept is not None:
            announced, host = set(f.draft.kept.members), f.draft.kept.resource
            made.append(KeptMade(f.made.id, f.made.name, f.made.size, [c for c in f.made.members if c not in announced],
                                 host if host and host not in providers else ""))
    named = {left.cadre for left in report.left} | {c for k in made for c in k.added}
    said = "{} ({}, {})" if lang == "en" else "{}（{}，{}）"
    people = {c.id: said.format(c.name, c.unit, c.id) for c in cadres if c.id in named}
    for k in kept:  # one no longer on the roster, as the earlier run named it
        for cadre, (name, unit) in zip(k.members, k.member_names, strict=False):
            if cadre in named and cadre not in people and name:
                people[cadre] = said.format(name, unit, cadre)
    rows = {c.id: (c.file, c.sheet, c.row) for c in cadres if c.id in named}
    return kept_problems(report, kept, made, people, (config.classes.min_size, config.classes.max_size), start, lang,
                         rows)


def _holiday_starts(classes: list[TrainingClass], config: Config, lang: str) -> list[Problem]:
    """A warning for each class starting on a public holiday (元旦, 国庆节 ...): no other day of its month lets its
    days end within the month (Board.class_start), as a 28-day class in October."""
    cfg, found = config.classes, []
    for tc in classes:
        if tc.start_date is None or not cfg.is_public_holiday(tc.start_date):
            continue
        day = tc.start_date.isoformat()
        if lang == "en":
            message = (f'class {tc.id} "{tc.name}" starts on {day}, a public holiday: no other day of its month lets '
                       f"its {tc.days:g} days end within the month; move it to another month, give its topic fewer "
                       f"hours, or check the holidays of the config (fixed_holidays, holidays)")
            expected = "a start on a day that is no public holiday"
        else:
            message = (f"班次 {tc.id}「{tc.name}」于节假日 {day} 开班：该班 {tc.days:g} 天，本月没有别的非节假日能让它在月内"
                       f"结束；可调整到其他月份，或减少该主题的学时，或核对配置中的节假日（fixed_holidays、holidays）")
            expected = "在非节假日开班"
        found.append(Problem(code="class-on-holiday", message=message, expected=expected, severity="warning"))
    return found


def _holidays_within(board: Board, classes: list[TrainingClass], lang: str) -> list[Problem]:
    """A warning for each class one of whose days after the first is a public holiday (the Spring Festival an
    office lists in classes.holidays, 清明节; Board.holidays_of, which its dates come from too): no month of the plan
    suited it better (Board.misfits), and a party school closes then. A class starting on one is warned of by
    _holiday_starts."""
    found = []
    for tc in classes:
        days = board.holidays_of(tc.period, tc.days)
        if tc.start_date is None or tc.end_date is None or not days or days[0] == tc.start_date:
            continue
        start, end, off = tc.start_date.isoformat(), tc.end_date.isoformat(), _day_runs(days, lang)
        if lang == "en":
            message = (f'class {tc.id} "{tc.name}" runs {start} to {end}, {tc.days:g} days, over the public holidays '
                       f"{off}: no month of the plan suited it better; set its dates by hand, or check the holidays "
                       "of the config (fixed_holidays, holidays)")
            expected = "a class on no public holiday"
        else:
            message = (f"班次 {tc.id}「{tc.name}」{start} 至 {end}，共 {tc.days:g} 天，其间有节假日 {off}：本计划中没有更合适的"
                       "月份；可手工调整开班日期，或核对配置中的节假日（fixed_holidays、holidays）")
            expected = "班次避开节假日"
        found.append(Problem(code="class-over-holiday", message=message, expected=expected, severity="warning"))
    return found


def _day_runs(days: list[dt.date], lang: str) -> str:
    """Days in order as runs of consecutive days: 2027-02-05 至 2027-02-11、2027-02-14 (2027-02-05 to 2027-02-11,
    2027-02-14 in English)."""
    to, joiner = (" to ", ", ") if lang == "en" else (" 至 ", "、")
    return runs_said(days, "%Y-%m-%d", to, joiner)


def _past_their_month(classes: list[TrainingClass], firsts: list[dt.date], lang: str) -> list[Problem]:
    """A warning for each class whose days run past its period's end (Board.firsts: each period's first day): one
    longer than its month, as a 30-day class in February where no other month would do (the plan holds its members
    busy in its own month alone)."""
    found = []
    for tc in classes:
        if tc.end_date is None or tc.start_date is None or tc.end_date < firsts[tc.period + 1]:
            continue
        start, end = tc.start_date.isoformat(), tc.end_date.isoformat()
        longer = tc.days > 31  # no month holds it
        if lang == "en":
            advice = ("give its topic fewer hours, or hold it in parts" if longer
                      else "place it in a month long enough, or give its topic fewer hours")
            message = (f'class {tc.id} "{tc.name}" runs {start} to {end}, {tc.days:g} days, past its month, where its '
                       f"members' later classes may fall on the same days; {advice}")
            expected = "a class within its month"
        else:
            advice = "可减少该主题的学时，或分段举办" if longer else "可调整到天数足够的月份，或减少该主题的学时"
            message = (f"班次 {tc.id}「{tc.name}」{start} 至 {end}，共 {tc.days:g} 天，超出本月，学员此后的班次可能与之时间重叠；"
                       f"{advice}")
            expected = "班次在本月内结束"
        found.append(Problem(code="class-past-its-month", message=message, expected=expected, severity="warning"))
    return found


def _hours_left(board: Board, cols: NeedColumns, config: Config, standings: Mapping[str, HoursStanding],
                needs: list[int]) -> list[HoursLeft]:
    """Each hours need's cadre (needs: the positions of the hours needs that have no class of their own): its deficit,
    the hours of the classes planned for it that end by its deadline (past a five-year deadline, by the end of the
    standard's cycle: counted_until), what is left and how to close it (_advice: covered, a class before the
    deadline, online learning where the config counts it; past its deadline, the earliest class; where no class of
    the plan ends by it, so). The standard is met by its days or its hours (每年12天或90学时): what is left is the
    shorter of the two shortfalls after the classes' hours and days (left_after), where the cadre's standing is
    known (standings), else its deficit less the classes' hours."""
    cadres = list(map(cols.cadre.__getitem__, needs))
    deficits = list(map(cols.hours.__getitem__, needs))
    deadlines = list(map(cols.deadline.__getitem__, needs))
    overdue = [cols.status[i] == "overdue" for i in needs]
    untils = counted_until(board, config, cadres, deadlines, overdue, standings)
    counted = HoursCounted(board)
    classes = list(map(counted.by_deadline, cadres, untils))
    planned = [done for done, _ in classes]
    left = [left_after(deficit, done, taken, standings.get(cadre))
            for cadre, deficit, (done, taken) in zip(cadres, deficits, classes, strict=True)]
    first_end = min((counted.end(cls.period, (cls.key or cls.members[0].key).topic) for cls in board.classes
                     if cls.live and cls.members), default=None)
    online = config.hours.online_counts_toward_concentrated
    advice = [_advice(short, deadline, late, first_end, online)
              for short, deadline, late in zip(left, deadlines, overdue, strict=True)]
    # a column at a time: HoursLeft's __init__ sets each field through object.__setattr__ (frozen)
    return made_from_columns(HoursLeft, [cadres, deficits, planned, left, deadlines, advice])


def _advice(left: float, deadline: dt.date | None, overdue: bool, first_end: dt.date | None, online: bool) -> str:
    """How to close what the plan leaves of a cadre's hours standard (HoursLeft.advice): "covered"; past its
    deadline, "covered-late" where the classes of the standard's cycle cover it (counted_until), else "overdue"
    (the earliest class, as soon as may be); where no class of the plan ends by the deadline
    (first_end: the earliest day one does, None without classes), "no-class", or "no-class-online" where online
    learning counts toward the standard (hours.online_counts_toward_concentrated); else "online" where it counts,
    or "class" (another class before the deadline: the plan's leave some, in a plan of one period as of several)."""
    if left <= 0:
        return "covered-late" if overdue else "covered"
    if overdue:
        return "overdue"
    if deadline is not None and (first_end is None or first_end > deadline):
        return "no-class-online" if online else "no-class"
    return "online" if online else "class"


def _family_label(board: Board, cls: DraftClass, lang: str) -> str:
    """The job families of the class's members, in config order: '综合管理类、专业技术类' ('General management /
    Professional' in English; a request's key holds its cadre's job family: requests.book_requests); members
    without one are 未填职位类别."""
    families = sorted({r.key.family for r in cls.members},
                      key=lambda f: (board.fam_order.get(f, len(board.fam_order)), f))
    if families == [""]:
        return ""
    blank = NO_FAMILY[lang == "en"]
    return FAMILY_JOINER[lang == "en"].join(f or blank for f in families)


FAMILY_JOINER = ("、", " / ")  # a class's job families joined, in Chinese and in English
NO_FAMILY = ("未填职位类别", "no job family")  # its members without one, among others (TrainingClass.job_family)


def families_as_data(job_family: str, lang: str) -> str:
    """A class's job families (TrainingClass.job_family, in the words of the run's language) as the data files write
    them whatever that language: the families' own names, the roster's (综合管理类), joined and the blank one named
    as in Chinese (综合管理类、未填职位类别), so that runs made in either language roll up and join as one."""
    if lang != "en" or not job_family:
        return job_family
    return FAMILY_JOINER[0].join(NO_FAMILY[0] if f == NO_FAMILY[1] else f for f in job_family.split(FAMILY_JOINER[1]))


def families_named(job_family: str, lang: str, config: Config) -> str:
    """A class's job families (TrainingClass.job_family) as a person reads them in lang: in English each by its
    English name where the config gives one (general management / administrative enforcement)."""
    names = {f.name: f.english for f in config.job_families if f.english} if lang == "en" else None
    if not names or not job_family:
        return job_family
    joiner = FAMILY_JOINER[1]
    return joiner.join(names.get(f, f) for f in job_family.split(joiner))


def _class_base(tc: TrainingClass, catalog: Catalog, config: Config, lang: str) -> str:
    """A class's name but for its session number: its job family where its members are of one (a class of
    several is named by its organizer, band and topic; its target lists them)."""
    theory = tc.topic_id == config.classes.core_class_topic
    family = "" if FAMILY_JOINER[lang == "en"] in tc.job_family else tc.job_family
    if lang == "en":
        topic = "Theory and party-spirit class" if theory else f"{catalog.label(tc.topic_id, lang)} class"
        family = families_named(family, lang, config)
        return ", ".join(x for x in (topic, tc.organizer, _BAND_EN.get(tc.band, tc.band), family) if x)
    topic = "理论教育和党性教育专题班" if theory else f"{catalog.label(tc.topic_id, lang)}班"
    return f"{tc.organizer}{tc.band}{family}{topic}"


_BAND_EN = {"领导干部": "leading cadres", "一般干部": "staff"}


def _give_resources(classes: list[TrainingClass], resources: list[Resource], core: frozenset[str],
                    config: Config, hosts: Mapping[str, str] | None = None) -> None:
    """Highest score, then lowest cost, then provider, among resources covering the topic with seats left; a class
    kept as announced (hosts: its id -> its host) keeps its host where it is a resource still, before the others
    are given theirs."""
    ranked = sorted(range(len(resources)),
                    key=lambda i: (-resources[i].score, resources[i].cost_per_seat, resources[i].provider, i))
    covers = [set(r.topics) for r in resources]
    used: dict[tuple[int, int], int] = {}  # (resource, period) -> seats taken
    theory_topics = core | {config.classes.core_class_topic}
    by_name = {r.provider: i for i, r in enumerate(resources)}
    held = set()
    for tc in classes:  # a kept class's host as announced, a resource of this run or not (kept_problems says so)
        host = (hosts or {}).get(tc.id)
        if host:
            at = by_name.get(host)
            if at is not None:
                used[at, tc.period] = used.get((at, tc.period), 0) + tc.size
            tc.resource = host
            held.add(tc.id)
    for tc in sorted(classes, key=lambda c: (-c.priority, c.id)):
        if tc.id in held:
            continue
        wanted = theory_topics if tc.topic_id == config.classes.core_class_topic else {tc.topic_id}
        for i in ranked:
            if covers[i] & wanted and resources[i].seats_per_period - used.get((i, tc.period), 0) >= tc.size:
                used[i, tc.period] = used.get((i, tc.period), 0) + tc.size
                tc.resource = resources[i].provider
                break


class _Served(NamedTuple):
    """The needs served, in the order of their seats, without the requests: the positions of the needs, and
    runs of (class id, route, how many) along them."""

    needs: list[int]
    runs: list[tuple[str, str, int]]


def _served(finished: list[_Finished], board: Board) -> _Served:
    """Class by class in plan order, members in roster order; then the needs served online or in their unit
    (no class), in roster order."""
    needs: list[int] = []
    runs: list[tuple[str, str, int]] = []

    def run(class_id: str, route: str, count: int) -> None:
        if runs and runs[-1][0] == class_id and runs[-1][1] == route:
            runs[-1] = (class_id, route, runs[-1][2] + count)
        else:
            runs.append((class_id, route, count))

    for tc, cls in finished:
        for req in cls.members:
            needs += req.needs
            run(tc.id, req.route or "class", len(req.needs))
    for req in sorted((r for r in board.tried if r.cls is None and r.route), key=BY_ROSTER):
        needs += req.needs
        run("", req.route, len(req.needs))
    return _Served(needs, runs)


def _ways(served: _Served, unmet: list[int], cols: NeedColumns) -> dict[tuple[str, str], int]:
    """The needs served, by (source, route), and those unmet, by (source, UNMET) (Plan.ways): the needs of each
    route counted by source at once (a Counter a run was 0.25 s for the 5,500 classes of 100,000 cadres)."""
    source, needs = cols.source, served.needs
    spans: dict[str, list[tuple[int, int]]] = {}
    at = 0
    for _, route, count in served.runs:
        spans.setdefault(route, []).append((at, at + count))
        at += count
    ways: dict[tuple[str, str], int] = {}
    for route, where in spans.items():
        served_by = itertools.chain.from_iterable(needs[a:b] for a, b in where)
        for kind, n in collections.Counter(map(source.__getitem__, served_by)).items():
            ways[kind, route] = n
    for kind, n in collections.Counter(map(source.__getitem__, unmet)).items():
        ways[kind, UNMET] = n
    return ways
