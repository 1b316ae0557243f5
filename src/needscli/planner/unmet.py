"""The needs left without a seat, each with the reason in words."""

from __future__ import annotations

from needscli.config import ClassesConfig
from needscli.core.bulk import made_from_columns
from needscli.core.need_columns import NeedColumns
from needscli.models import UnmetNeed
from needscli.planner.board import Board, Held
from needscli.planner.model import YEAR_MONTHS
from needscli.planner.requests import (
    CAP,
    CLASH,
    NO_CADRE,
    NO_SEAT,
    Book,
    Bucket,
    CadreState,
    Request,
    Why,
)
from needscli.planner.routes import serves_obligation

CAP_LEADER = Why("cap-leader")  # a leading cadre at its call-ups (classes.leader_max_callups), below max_per_cadre
# a cadre whose load the classes held before the plan count in (Board.hold): its call-ups or days named with them
_HELD = {"cap": "held-cap", "cap-leader": "held-cap-leader", "days": "held-days"}


# a cadre at its cap, a seat of lower priority among its seats, whose class would fall below its minimum without it
CAP_LOWER = Why("cap-lower")


def restate_cap_reasons(board: Board) -> None:
    """Give each request left without a seat for its cadre's cap the reason the board as it stands bears out. A request
    says "cap" from its making (Request.why's default) or from a seat it gave up to its cadre's own higher need, and
    keeps it when it is woken again (Board.try_the_rest, improve's swaps, the obligations' classes) and finds no seat
    for another reason: no class of its kind with room, its period taken, its unit's share away, its days. Its cadre's
    last call-up may meanwhile have gone to a seat of lower priority: the cap is its reason only where every seat of its
    cadre is of its priority or above. A cadre below its cap is told the same reasons, else that no class has a seat
    for it. Made before the routes, which go by the reason (a unit's share away may train it in its unit)."""
    for req in board.tried:
        if req.cls is None and not req.route and req.why.code == "cap":
            req.why = _what_keeps_out(board, req)


def _what_keeps_out(board: Board, req: Request) -> Why:
    """What keeps req, of a cadre below its cap or at it with a seat below req, from a seat (improve found no move
    for it): its days away (a seat below it given up or not); no class of its kind with room; its own classes in
    those classes' periods (clash); its unit's share away then (unit); else, at its cap, the seat below it, whose
    class would fall below its minimum without it (cap-lower), below it no seat. Its reason as it stands (cap) where
    its cadre is at its cap with every seat of req's priority or above."""
    state = req.state
    below = len(state.seats) < state.cap
    if not below and all(seat.priority >= req.priority for seat in state.seats):
        return req.why
    limit = board.day_limit
    if (state.days + req.days > limit if below else
            all(state.days - seat.days + req.days > limit for seat in state.seats if seat.priority < req.priority)):
        return Why("days", days=req.days)
    high, most, away, busy = board.cfg.max_size, board.ctx.limits[req.unit], board.away[req.unit], state.busy
    periods = {c.period for c in board.by_key.get(req.key, ()) if c.live and c.period and len(c.members) < high}
    if not periods:
        return NO_SEAT
    free = [p for p in periods if p not in busy]
    if not free:
        return CLASH
    if all(away[p] >= most for p in free):
        return Why("unit", limit=most)
    return NO_SEAT if below else CAP_LOWER


def unmet_needs(board: Board, book: Book, cols: NeedColumns, cfg: ClassesConfig, periods: int,
                lang: str) -> tuple[list[UnmetNeed], list[int]]:
    """Every need without a seat, in roster order, with the reason in words; and the needs' positions."""
    ctx = board.ctx
    topics, prios = cols.topic, cols.priority
    tried: dict[str, list[Request]] = {}
    for req in board.tried:
        if req.cls is None and not req.route:
            tried.setdefault(req.cadre, []).append(req)
    texts = _Texts(cfg, periods, lang)
    load_said = _LoadSaid(board)
    full_time = "online" not in cfg.obligation_routes  # an obligation no online course may serve
    cadres: list[str] = []
    needs: list[int] = []
    reasons: list[str] = []
    last = len(ctx.order)  # a cadre not on the roster comes after those on it
    # the cadres with a need unmet: a request tried without a seat, or an entry never tried
    left = [cadre for cadre in book if cadre in tried or board.state(cadre).pointer < len(book[cadre])]
    order = ctx.order
    left.sort(key=lambda cadre: order.get(cadre, last))
    for cadre in left:
        rows: list[tuple[int, str]] = []  # (need position, reason): sorted, the cadre's needs in order
        place = ctx.cadres.get(cadre)
        state = board.state(cadre)
        full = len(state.seats) >= state.cap
        held = board.held.get(cadre)
        # a leader's cap is its call-ups (leader_max_callups): the advice names that, not max_per_cadre
        cap = CAP_LEADER if state.cap + (len(held.classes) if held else 0) < cfg.max_per_cadre else CAP
        if held:
            cap = _with_held(cap, held, len(held.classes) + len(state.seats))
        for req in tried.get(cadre, []):
            # a "cap" request whose cadre lost a seat late (to a higher need) found no class with room
            why = (cap if full else NO_SEAT) if req.why.code == "cap" else load_said(req, state, full, cap)
            if why.code == "days":
                # the days its cadre holds at the end, which the advice adds this class's to (a cap of 31 that a
                # 30-day class and a 2-day one pass is served at 32, not 31 + 2); one whose cadre lost days late
                # found no class with room
                if state.days + why.days <= board.day_limit:
                    why = NO_SEAT
                elif held:
                    why = _with_held(why, held, state.days)
                else:
                    why = why._replace(taken=state.days)
            text = texts[why, full_time and serves_obligation(req, cols.obligations)]
            rows += [(i, text) for i in req.needs]
        if place is None:
            why_all = NO_CADRE
        elif place.organizer is None:
            why_all = Why("no-organizer", level=place.level)
        else:
            why_all = cap if full else NO_SEAT
        text = texts[why_all, False]
        for entry in book[cadre][state.pointer:]:  # the entries never tried
            positions = entry.needs
            if isinstance(positions, list):
                rows += [(i, text) for i in positions]
            else:
                rows.append((positions, text))
        if rows:
            rows.sort()
            its_needs, its_reasons = zip(*rows, strict=True)
            cadres += [cadre] * len(rows)
            needs += its_needs
            reasons += its_reasons
    return made_from_columns(UnmetNeed, [cadres, [topics[i] for i in needs], [prios[i] for i in needs], reasons]), needs


# reasons that a period was none free (the cadre's own class then, or its unit's share away): said when tried
_NO_PERIOD = frozenset({"unit", "clash"})


class _LoadSaid:
    """The reason of a request a period kept out when it was tried (unit, clash), where a class of its kind (its
    bucket, of any job family: 同类班次) now has a seat in a period its cadre is free and its unit's share away allows,
    as the plan ends: its cadre's load keeps it out, not the period, and more of a unit away would not serve it as the
    period's reason says. Its call-ups, taken by seats of its priority or above since (an obligation due later, seated
    in a class of its own: cap), or by seats below it whose classes would fall below their minimum without them
    (cap-lower); else its days away, which its class would pass (days). What the classes leave room for is worked out
    once, where the first such request asks (the board settled: its lists of classes and units away let go)."""

    def __init__(self, board: Board) -> None:
        self.board = board
        self._open: dict[Bucket, set[int]] | None = None  # a kind's periods with a seat (of any job family)
        self._away: dict[tuple[str, int], int] = {}  # (unit, period) -> its cadres away

    def __call__(self, req: Request, state: CadreState, full: bool, cap: Why) -> Why:
        board = self.board
        if req.why.code not in _NO_PERIOD:
            return req.why
        over_days = state.days + req.days > board.day_limit
        if not (full or over_days) or not self._free_period(req, state):
            return req.why
        if full:
            lower = [seat for seat in state.seats if seat.priority < req.priority]
            if not lower:
                return cap
            least = board.cfg.min_size
            if all(seat.cls is not None and len(seat.cls.members) <= least for seat in lower):
                return CAP_LOWER
            return req.why
        return Why("days", days=req.days)

    def _free_period(self, req: Request, state: CadreState) -> bool:
        if self._open is None:
            self._open = {}
            high = self.board.cfg.max_size
            for cls in self.board.classes:
                if not cls.live or not cls.period or not cls.members:
                    continue
                for member in cls.members:
                    at = (member.unit, cls.period)
                    self._away[at] = self._away.get(at, 0) + 1
                if len(cls.members) < high:
                    self._open.setdefault((cls.key or cls.members[0].key).bucket, set()).add(cls.period)
        busy = {seat.cls.period for seat in state.seats if seat.cls is not None}
        limit, away = self.board.ctx.limits[req.unit], self._away
        return any(p not in busy and away.get((req.unit, p), 0) < limit
                   for p in self._open.get(req.key.bucket, ()))


def _with_held(why: Why, held: Held, taken: float) -> Why:
    """A reason of the cadre's load (cap, cap-leader, days) as one that names the classes held before the plan its
    load counts, with its call-ups or days away so far (taken)."""
    return why._replace(code=_HELD[why.code], held=held.classes, taken=taken)


class _Texts(dict[tuple[Why, bool], str]):
    """Each distinct reason in words (of a need that is an obligation online learning may not serve, or not),
    worked out when first asked for."""

    def __init__(self, cfg: ClassesConfig, periods: int, lang: str) -> None:
        super().__init__()
        self.cfg, self.periods, self.lang = cfg, periods, lang

    def __missing__(self, key: tuple[Why, bool]) -> str:
        text = self[key] = reason_text(key[0], self.cfg, self.periods, self.lang, full_time=key[1])
        return text


def reason_text(why: Why, cfg: ClassesConfig, periods: int, lang: str, full_time: bool = False) -> str:
    """Why a need has no seat, in English or Chinese. full_time: the need is an obligation that online learning
    may not serve (classes.obligation_routes)."""
    en = lang == "en"
    if why.code == "small":
        return _too_small(why, cfg, en, full_time)
    share = f"{cfg.unit_away_share:.0%}"
    more = f"{min(1.0, cfg.unit_away_share + 0.1):.0%}"
    # what may form a cancelled class: more periods, a lower minimum (none below 1), more of a unit away at once
    more_ways = [("more periods", "增加时段（periods）")]
    if cfg.min_size > 1:
        more_ways.append(("a lower classes.min_size", "降低最小班额（min_size）"))
    if cfg.unit_away_share < 1:
        more_ways.append((f"{more} of a unit away (classes.unit_away_share)",
                          f"允许单位 {more} 的人同期离岗（unit_away_share）"))
    # the days away count over the plan: a year where it is one, and said so where it is longer
    over_en, over_zh = (f" in the plan's {periods} months", f"在计划的 {periods} 个月内") if periods > YEAR_MONTHS \
        else ("", "全年")
    texts = {
        "cap": ("already seated in as many classes of equal or higher priority as the cadre may attend "
                f"({cfg.max_per_cadre}; leading posts {cfg.leader_max_callups}); would be served with "
                "classes.max_per_cadre (or leader_max_callups) one higher",
                f"已安排的优先级不低于本需求的班次已达每人上限（{cfg.max_per_cadre} 个，领导职务 "
                f"{cfg.leader_max_callups} 个）；将 max_per_cadre（或 leader_max_callups）调高 1 可安排"),
        "cap-leader": ("already called up as often as a leading cadre may be "
                       f"({cfg.leader_max_callups}), for needs of equal or higher priority; would be served with "
                       "classes.leader_max_callups one higher",
                       f"已安排的优先级不低于本需求的班次已达领导干部调训上限（{cfg.leader_max_callups} 次）；"
                       "将领导干部调训上限（leader_max_callups）调高 1 可安排"),
        "cap-lower": ("already seated in as many classes as the cadre may attend "
                      f"({cfg.max_per_cadre}; leading posts {cfg.leader_max_callups}), one of them for a need of lower "
                      f"priority whose class would fall below the minimum class size {cfg.min_size} without it; would "
                      "be served with classes.max_per_cadre (or leader_max_callups) one higher",
                      f"已安排的班次已达每人上限（{cfg.max_per_cadre} 个，领导职务 {cfg.leader_max_callups} 个），其中一个"
                      f"班次的需求优先级低于本需求，但该班次少了本人将不足最小班额 {cfg.min_size}；"
                      "将 max_per_cadre（或 leader_max_callups）调高 1 可安排"),
        **_held_texts(why, cfg),
        "days": (f"the cadre's days away{over_en} would pass {cfg.max_days_away:g}: {why.taken:g} already, and this "
                 f"class takes {why.days:g}; would be served with classes.max_days_away at {why.taken + why.days:g}",
                 f"本人{over_zh}已离岗培训 {why.taken:g} 天，本班次 {why.days:g} 天，将超过上限 "
                 f"{cfg.max_days_away:g} 天；将 max_days_away 调到 {why.taken + why.days:g} 天可安排"),
        "clash": ("no period free: the cadre already has a class in this class's period, and no other class of "
                  "this kind has a seat in a period the cadre is free",
                  "无可用时段：本人在该班次时段已有其他班次，同类其他班次在本人空闲时段也无空位"),
        "unit": (f"no period free: {why.limit} cadres of the unit (the limit, {share} of it) are "
                 f"already away in that period, and no other class of this kind has a seat; allowing {more} "
                 "of a unit away (classes.unit_away_share) may serve it",
                 f"无可用时段：本单位同期离岗人数已达上限 {why.limit} 人（单位人数的 {share}），"
                 f"同类其他班次也无空位；允许单位 {more} 的人同期离岗（unit_away_share）可能安排"),
        "dissolved": (f"the class fell below the minimum class size {cfg.min_size} in every period once members "
                      "busy then, or past their unit's share away, were left out, so it was cancelled, and no other "
                      f"class of this kind has a seat; {_options(more_ways, en=True)} may form it",
                      f"班次在各时段除去时间冲突或超出单位同期离岗上限的学员后均不足最小班额 {cfg.min_size}，已取消，"
                      f"同类其他班次也无空位；{_options(more_ways, en=False)}可能开班"),
        "gave-own": (f"its seat went to the cadre's own obligation (compulsory training), the cadre at its most classes "
                     f"({cfg.max_per_cadre}; leading posts {cfg.leader_max_callups}) or days away "
                     f"({cfg.max_days_away:g}); would be served with classes.max_per_cadre (or leader_max_callups, "
                     "max_days_away) higher",
                     f"席位让给了本人的必训任务，本人已安排的班次已达每人上限（{cfg.max_per_cadre} 个，领导职务 "
                     f"{cfg.leader_max_callups} 个）或离岗天数上限（{cfg.max_days_away:g} 天）；调高 max_per_cadre"
                     "（或 leader_max_callups、max_days_away）可安排"),
        "yielded": (f"its seat went to an obligation (compulsory training) of a cadre of its unit in that period: "
                    f"{why.limit} cadres of the unit (the limit, {share} of it) may be away at once, and no other "
                    f"class of this kind has a seat; allowing {more} of a unit away (classes.unit_away_share) may "
                    "serve it",
                    f"席位让给了本单位同期一名干部的必训任务：本单位同期离岗人数上限为 {why.limit} 人（单位人数的 {share}），"
                    f"同类其他班次也无空位；允许单位 {more} 的人同期离岗（unit_away_share）可能安排"),
        "cancelled": ("its class was cancelled so that obligations (compulsory training) of cadres of its units could "
                      "be trained in that period, within their units' share away, and no other class of this kind "
                      f"has a seat; allowing {more} of a unit away (classes.unit_away_share) may serve it",
                      "所在班次已取消，让本单位干部的必训任务在该时段按单位同时离岗比例参训，同类其他班次也无空位；"
                      f"允许单位 {more} 的人同期离岗（unit_away_share）可能安排"),
        "cancelled-elsewhere": ("its class was cancelled so that obligations (compulsory training) of another unit's "
                                "cadres could be trained in that period, and no other class of this kind has a seat; "
                                "more periods (classes.periods) may serve it",
                                "所在班次已取消，该时段让给了其他单位干部的必训任务，同类其他班次也无空位；"
                                "增加时段（periods）可能安排"),
        # a seat moved to the same course's class in another period is seated again at once: said should it not be
        "moved": ("its seat was moved to a class of the same course in another period, which has no seat for it",
                  "席位调到了同一课程另一时段的班次，该班次没有它的空位"),
        "full": (f"the class is full (maximum {cfg.max_size}) and the seat went to a higher-priority need",
                 f"班次已满（最大班额 {cfg.max_size}），席位给了优先级更高的需求"),
        "no-seat": (f"no class of this kind has a free seat in a period the cadre is free (of {periods})",
                    f"同类班次在本人空闲的时段（共 {periods} 个）均无空位"),
        "no-organizer": (f"no organizer: no managing level (管理权限) is given and level \"{why.level}"
                         "\" maps to none",
                         f"无调训单位：未填写管理权限，职级“{why.level}”也无对应的管理层级"),
        "no-cadre": ("the cadre is not on the roster", "编号不在花名册中"),
    }
    english, chinese = texts[why.code]
    return english if en else chinese


def _held_texts(why: Why, cfg: ClassesConfig) -> dict[str, tuple[str, str]]:
    """The reasons of a cadre whose call-ups or days away the classes held before the plan, in its first year, took
    in part (Board.hold): how many it has with them, naming them, and the setting that would serve the need."""
    ids_en, ids_zh = ", ".join(why.held), "、".join(why.held)
    n, over = why.taken, why.taken > (cfg.leader_max_callups if why.code == "held-cap-leader" else cfg.max_per_cadre)
    texts: dict[str, tuple[str, str]] = {}
    for code, cap, key, who, words, unit in (
            ("held-cap-leader", cfg.leader_max_callups, "leader_max_callups", "a leading cadre may be called up",
             "领导干部调训上限", "次"),
            ("held-cap", cfg.max_per_cadre, "max_per_cadre", "a cadre may attend", "每人班次上限", "个")):
        texts[code] = (f"already called up {n:g} times this year, counting the classes held before this plan ({ids_en}): "
                       f"{'past' if over else 'at'} the most {who} ({cap}); would be served with classes.{key} at "
                       f"{n + 1:g}",
                       f"本年已调训 {n:g} 次（含已举办班次 {ids_zh}），{'已超过' if over else '已达'}{words}（{cap} {unit}）；"
                       f"将 {key} 调到 {n + 1:g} {unit}可安排")
    texts["held-days"] = (f"the cadre's days away this year would pass {cfg.max_days_away:g}: {n:g} already, counting "
                          f"the classes held before this plan ({ids_en}), and this class takes {why.days:g}; would be "
                          f"served with classes.max_days_away at {n + why.days:g}",
                          f"本年已离岗培训 {n:g} 天（含已举办班次 {ids_zh}），本班次 {why.days:g} 天，将超过上限 "
                          f"{cfg.max_days_away:g} 天；将 max_days_away 调到 {n + why.days:g} 天可安排")
    return texts


def _options(ways: list[tuple[str, str]], en: bool) -> str:
    """Settings that may serve a need, in words: "a, b or c" ("a、b或c")."""
    words = [w[0] if en else w[1] for w in ways]
    if len(words) == 1:
        return words[0]
    return (", ".join(words[:-1]) + " or " + words[-1]) if en else ("、".join(words[:-1]) + "或" + words[-1])


def _too_small(why: Why, cfg: ClassesConfig, en: bool, full_time: bool) -> str:
    # the minimum that forms a class of them: as many as may attend at once, no more of a unit than its share away
    # (routes._no_class's figure for the group, which the terminal and the 未成班 sheet quote)
    asked = max(why.merged, why.own, 1)
    size = max(1, min(asked, why.together)) if why.together else asked
    if size < asked:
        share = f"{cfg.unit_away_share:.0%}"
        at_once = (f" (at most {size} of them may be away at once, {share} of each unit)" if en else
                   f"（各单位同时离岗不超过 {share}，同一时段最多 {size} 人能参训）")
    else:
        at_once = ""
    if full_time and why.held_back:
        more = f"{min(1.0, cfg.unit_away_share + 0.1):.0%}"
        hint = (f"; the classes above with a seat run when {why.held_back} cadres of the unit (its limit) are away "
                f"already, none of them for a need it could give way to, and compulsory training is full-time, not "
                f"online learning; would "
                f"form a class with classes.min_size at {size}{at_once}, or go up with {more} of a unit away "
                "(classes.unit_away_share)" if en else
                f"；上级同类班次有空位的时段，本单位同期离岗人数已达上限 {why.held_back} 人，且无可让出的席位，必训任务须参加集中培训，"
                f"不以网络培训代替；将最小班额（min_size）降到 {size} 可开班{at_once}，或允许单位 {more} 的人同期离岗（unit_away_share）"
                "可上级调训")
    elif full_time:  # the level above runs such classes of its own, outside this plan (DOMAIN: 上级调训)
        hint = (f"; no class of the next organizer up in this plan to send it to, and compulsory training is "
                f"full-time, not online learning; ask the level above to call it up to its class of this kind, or "
                f"form a class with classes.min_size at {size}{at_once}" if en else
                f"；本计划中无上级同类班次可调训，必训任务须参加集中培训，不以网络培训代替；可报请上级组织部门调训，"
                f"或将最小班额（min_size）降到 {size} 开班{at_once}")
    else:
        hint = (f"; no class of the next organizer up to send it to and no online course of its topic; would form "
                f"a class with classes.min_size at {size}{at_once}" if en else
                f"；无上级同类班次可调训，也无该主题的网络课程；将最小班额（min_size）降到 {size} 可开班{at_once}")
    if why.did_merge:
        return (f"only {why.own} cadres share this need and {why.merged} after merging with other job families, "
                f"below the minimum class size {cfg.min_size}" + hint if en else
                f"同类需求仅 {why.own} 人，与其他职位类别合并后仍仅 {why.merged} 人，不足最小班额 {cfg.min_size}" + hint)
    return (f"only {why.own} cadres share this need, below the minimum class size {cfg.min_size}, and no "
            "compatible class to merge with" + hint if en else
            f"同类需求仅 {why.own} 人，不足最小班额 {cfg.min_size}，且无可合并的班次" + hint)
