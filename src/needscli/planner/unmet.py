"""The needs left without a seat, each with the reason in words."""

from __future__ import annotations

from needscli.config import ClassesConfig
from needscli.models import UnmetNeed
from needscli.planner.board import Board
from needscli.planner.columns import NeedColumns, made_from_columns
from needscli.planner.requests import CAP, NO_CADRE, NO_SEAT, Book, Request, Why


def unmet_needs(board: Board, book: Book, cols: NeedColumns, cfg: ClassesConfig, periods: int,
                lang: str) -> list[UnmetNeed]:
    """Every need without a seat, in roster order, with the reason in words."""
    ctx, cap = board.ctx, cfg.max_per_cadre
    topics, prios = cols.topic, cols.priority
    tried: dict[str, list[Request]] = {}
    for req in board.tried:
        if req.cls is None:
            tried.setdefault(req.cadre, []).append(req)
    texts = _Texts(cfg, periods, lang)
    cadres: list[str] = []
    needs: list[int] = []
    reasons: list[str] = []
    last = len(ctx.order)  # a cadre not on the roster comes after those on it
    position = {cadre: ctx.order.get(cadre, last) for cadre in book}
    for cadre in sorted(book, key=position.__getitem__):
        rows: list[tuple[int, str]] = []  # (need position, reason): sorted, the cadre's needs in order
        place = ctx.cadres.get(cadre)
        full = len(board.seats.get(cadre, [])) >= cap
        for req in tried.get(cadre, []):
            # a "cap" request whose cadre lost a seat late (to a higher need) found no class with room
            text = texts[NO_SEAT if req.why.code == "cap" and not full else req.why]
            rows += [(i, text) for i in req.needs]
        if place is None:
            why_all = NO_CADRE
        elif place.organizer is None:
            why_all = Why("no-organizer", level=place.level)
        else:
            why_all = CAP if full else NO_SEAT
        text = texts[why_all]
        for entry in book[cadre][board.pointer.get(cadre, 0):]:  # the entries never tried
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
    return made_from_columns(UnmetNeed, [cadres, [topics[i] for i in needs], [prios[i] for i in needs], reasons])


class _Texts(dict[Why, str]):
    """Each distinct reason in words, worked out when first asked for."""

    def __init__(self, cfg: ClassesConfig, periods: int, lang: str) -> None:
        super().__init__()
        self.cfg, self.periods, self.lang = cfg, periods, lang

    def __missing__(self, why: Why) -> str:
        text = self[why] = reason_text(why, self.cfg, self.periods, self.lang)
        return text


def reason_text(why: Why, cfg: ClassesConfig, periods: int, lang: str) -> str:
    """Why a need has no seat, in English or Chinese."""
    en = lang == "en"
    if why.code == "small":
        return _too_small(why, cfg, en)
    share = f"{cfg.unit_away_share:.0%}"
    texts = {
        "cap": (f"already seated in {cfg.max_per_cadre} classes of equal or higher priority, the most one cadre "
                "may attend",
                f"已安排 {cfg.max_per_cadre} 个优先级不低于本需求的班次，达到每人最多 {cfg.max_per_cadre} 个班次的上限"),
        "clash": ("no period free: the cadre already has a class in this class's period, and no other class of "
                  "this kind has a seat in a period the cadre is free",
                  "无可用时段：本人在该班次时段已有其他班次，同类其他班次在本人空闲时段也无空位"),
        "unit": (f"no period free: {why.limit} cadres of the unit (the limit, {share} of it) are "
                 "already away in that period, and no other class of this kind has a seat",
                 f"无可用时段：本单位同期离岗人数已达上限 {why.limit} 人（单位人数的 {share}），"
                 "同类其他班次也无空位"),
        "dissolved": (f"the class fell below the minimum class size {cfg.min_size} once members without a free "
                      "period were left out, so it was cancelled, and no other class of this kind has a seat",
                      f"班次因时段冲突减员后不足最小班额 {cfg.min_size}，已取消，同类其他班次也无空位"),
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


def _too_small(why: Why, cfg: ClassesConfig, en: bool) -> str:
    if why.did_merge:
        return (f"only {why.own} cadres share this need and {why.merged} after merging with other job families, "
                f"below the minimum class size {cfg.min_size}" if en else
                f"同类需求仅 {why.own} 人，与其他职位类别合并后仍仅 {why.merged} 人，不足最小班额 {cfg.min_size}")
    return (f"only {why.own} cadres share this need, below the minimum class size {cfg.min_size}, and no "
            "compatible class to merge with" if en else
            f"同类需求仅 {why.own} 人，不足最小班额 {cfg.min_size}，且无可合并的班次")
