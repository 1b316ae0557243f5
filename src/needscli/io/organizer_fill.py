"""A blank 管理权限 filled from the cadre's colleagues or level: where each such cadre's organizer came from, and the
notice that says how many were filled so.

A cadre whose 管理权限 cell is blank is organized by the level its unit's other cadres of its tier write, where they
agree (a district office's staff beside colleagues marked 区委管理), else by the level that manages its tier in a
unit of its unit's level ([classes] organizer_by_unit_level), else by the one of its tier (organizer_by_tier): a
state enterprise's staff left blank go to 企业党委管理. The fill is no fault of a row, but the office should know it
happened: one notice per sheet, organizer and way of filling, counted, naming the first rows. A roster without a 管理权限 column has no cell left blank:
its cadres are all organized by their levels, as the README says, and no notice says it row by row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from needscli.config import Config
from needscli.errors import Problem
from needscli.labels import code_label, first_rows, label
from needscli.models import Cadre, Inputs
from needscli.vocab import Vocab

CODE = "organizer-from-level"
UNITS_SHOWN = 3  # the units a notice of blanks filled from colleagues names
BY_UNIT_LEVEL, BY_TIER, BY_COLLEAGUES = "organizer_by_unit_level", "organizer_by_tier", "colleagues"


@dataclass(frozen=True, slots=True)
class FilledOrganizer:
    """The organizer a blank 管理权限 was filled with, and what gave it: the unit's other cadres of the tier
    (BY_COLLEAGUES), organizer_by_unit_level's entry for the unit's level (unit_level) and the tier, or
    organizer_by_tier's for the tier."""

    organizer: str
    setting: str  # BY_COLLEAGUES | BY_UNIT_LEVEL | BY_TIER
    tier: str
    unit_level: str


class OrganizerFills:
    """The organizer each cadre's blank 管理权限 is filled with, as the planner fills it: each unit's level and each
    level's tier worked out once."""

    def __init__(self, config: Config, cadres: Iterable[Cadre] = ()) -> None:
        # the planner's own rules, imported once a roster is read: never before calamine's parse, beside which the
        # run imports the planner (pipeline.ready_to_write)
        from needscli.planner.context import organizers, unit_level

        self.unit_level = unit_level
        self.config = config
        self.vocab = Vocab(config)
        self.organizer_of: Callable[[Cadre], str | None] = organizers(config, cadres)
        self.unit_levels: dict[str, str] = {}  # unit -> its level
        self.tiers: dict[str, str | None] = {}  # level -> its tier

    def of(self, cadre: Cadre) -> FilledOrganizer | None:
        """How the cadre's blank 管理权限 was filled; None where it is written, or where no setting fills it."""
        if cadre.managed_by and not cadre.managed_by.isspace():
            return None
        organizer = self.organizer_of(cadre)
        if cadre.level not in self.tiers:
            level = self.vocab.level(cadre.level)
            self.tiers[cadre.level] = None if level is None else level.tier
        tier = self.tiers[cadre.level]
        if organizer is None or tier is None:
            return None
        unit = self.unit_levels.get(cadre.unit)
        if unit is None:
            unit = self.unit_levels[cadre.unit] = self.unit_level(cadre.unit, self.config)
        by_level = self.config.classes.organizer_by_unit_level.get(unit, {})
        configured = by_level.get(tier) or self.config.classes.organizer_by_tier.get(tier)
        setting = BY_COLLEAGUES if organizer != configured else BY_UNIT_LEVEL if tier in by_level else BY_TIER
        return FilledOrganizer(organizer, setting, tier, unit)


def filled_organizer(cadre: Cadre, config: Config, cadres: Iterable[Cadre] = ()) -> FilledOrganizer | None:
    """How one cadre's blank 管理权限 was filled (OrganizerFills.of), cadres its roster: explain's."""
    return OrganizerFills(config, cadres).of(cadre)


def filled_organizer_notices(inputs: Inputs, config: Config) -> list[Problem]:
    """One notice per roster sheet and organizer that a blank 管理权限 was filled with, in the roster's language: how
    many cadres, their first rows, and the settings that filled it. None for a sheet without a 管理权限 column."""
    fills = OrganizerFills(config, inputs.cadres)
    groups: dict[tuple[str, str, str, bool], list[tuple[Cadre, FilledOrganizer]]] = {}
    for cadre in inputs.cadres:
        if "managed_by" not in inputs.roster_columns.get((cadre.file, cadre.sheet), {}):
            continue
        filled = fills.of(cadre)
        if filled is not None:
            key = (cadre.file, cadre.sheet, filled.organizer, filled.setting == BY_COLLEAGUES)
            groups.setdefault(key, []).append((cadre, filled))
    return [_notice(inputs, members) for members in groups.values()]


def _notice(inputs: Inputs, members: list[tuple[Cadre, FilledOrganizer]]) -> Problem:
    lang = inputs.message_lang
    first, filled = members[0]
    header = inputs.roster_columns[(first.file, first.sheet)]["managed_by"][0]
    rows = [cadre.row for cadre, _ in members if cadre.row]
    shown = first_rows(rows, lang)
    if filled.setting == BY_COLLEAGUES:  # as the unit's other cadres of the tier write it: name the units
        joiner = label("list_joiner", lang)
        units = list(dict.fromkeys(cadre.unit for cadre, _ in members))
        tiers = list(dict.fromkeys(f.tier for _, f in members))
        key, expected, said = "input.organizer_from_colleagues", "input.organizer_from_colleagues_expected", {
            "units": joiner.join(units[:UNITS_SHOWN]) + (" …" if len(units) > UNITS_SHOWN else ""),
            "tiers": joiner.join(tiers)}
    else:
        key, expected = "input.organizer_filled", "input.organizer_filled_expected"
        said = {"settings": settings_words([f for _, f in members], lang)}
    return Problem(code=CODE, file=first.file, sheet=first.sheet, row=rows[0] if rows else None, column=header,
                   severity="warning",
                   message=label(key if first.sheet else f"{key}.file", lang, sheet=first.sheet, header=header,
                                 count=len(members), organizer=filled.organizer, rows=shown, **said),
                   expected=label(expected, lang, header=header))


def settings_words(fills: list[FilledOrganizer], lang: str) -> str:
    """The settings that filled these organizers, in words: organizer_by_tier's tiers, and organizer_by_unit_level's
    tiers of each unit level, each once, in the order met."""
    joiner = label("list_joiner", lang)
    tiers: dict[tuple[str, str], list[str]] = {}
    for f in fills:
        key = (f.setting, f.unit_level if f.setting == BY_UNIT_LEVEL else "")
        if f.tier not in tiers.setdefault(key, []):
            tiers[key].append(f.tier)
    parts = [label(f"input.{setting}", lang, level=code_label("unit_level", level, lang), tiers=joiner.join(named))
             for (setting, level), named in tiers.items()]
    return label("input.settings_joiner", lang).join(parts)
