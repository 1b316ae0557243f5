"""A blank 管理权限 filled from the cadre's level: where each such cadre's organizer came from, and the notice that
says how many were filled so.

A cadre whose 管理权限 cell is blank is organized by the level that manages its tier in a unit of its unit's level
([classes] organizer_by_unit_level), else by the one of its tier (organizer_by_tier): a state enterprise's staff
left blank go to 企业党委管理. The fill is no fault of a row, but the office should know it happened: one notice
per sheet and organizer, counted, naming the first rows. A roster without a 管理权限 column has no cell left blank:
its cadres are all organized by their levels, as the README says, and no notice says it row by row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from needscli.config import Config
from needscli.errors import Problem
from needscli.labels import code_label, first_rows, label
from needscli.models import Cadre, Inputs
from needscli.vocab import Vocab

CODE = "organizer-from-level"
BY_UNIT_LEVEL, BY_TIER = "organizer_by_unit_level", "organizer_by_tier"


@dataclass(frozen=True, slots=True)
class FilledOrganizer:
    """The organizer a blank 管理权限 was filled with, and the setting that gave it: organizer_by_unit_level's entry
    for the unit's level (unit_level) and the tier, or organizer_by_tier's for the tier."""

    organizer: str
    setting: str  # BY_UNIT_LEVEL | BY_TIER
    tier: str
    unit_level: str


class OrganizerFills:
    """The organizer each cadre's blank 管理权限 is filled with, as the planner fills it: each unit's level and each
    level's tier worked out once."""

    def __init__(self, config: Config) -> None:
        # the planner's own rules, imported once a roster is read: never before calamine's parse, beside which the
        # run imports the planner (pipeline.ready_to_write)
        from needscli.planner.context import organizers, unit_level

        self.unit_level = unit_level
        self.config = config
        self.vocab = Vocab(config)
        self.organizer_of: Callable[[Cadre], str | None] = organizers(config)
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
        return FilledOrganizer(organizer, BY_UNIT_LEVEL if tier in by_level else BY_TIER, tier, unit)


def filled_organizer(cadre: Cadre, config: Config) -> FilledOrganizer | None:
    """How one cadre's blank 管理权限 was filled (OrganizerFills.of): explain's."""
    return OrganizerFills(config).of(cadre)


def filled_organizer_notices(inputs: Inputs, config: Config) -> list[Problem]:
    """One notice per roster sheet and organizer that a blank 管理权限 was filled with, in the roster's language: how
    many cadres, their first rows, and the settings that filled it. None for a sheet without a 管理权限 column."""
    fills = OrganizerFills(config)
    groups: dict[tuple[str, str, str], list[tuple[Cadre, FilledOrganizer]]] = {}
    for cadre in inputs.cadres:
        if "managed_by" not in inputs.roster_columns.get((cadre.file, cadre.sheet), {}):
            continue
        filled = fills.of(cadre)
        if filled is not None:
            groups.setdefault((cadre.file, cadre.sheet, filled.organizer), []).append((cadre, filled))
    return [_notice(inputs, members) for members in groups.values()]


def _notice(inputs: Inputs, members: list[tuple[Cadre, FilledOrganizer]]) -> Problem:
    lang = inputs.message_lang
    first, filled = members[0]
    header = inputs.roster_columns[(first.file, first.sheet)]["managed_by"][0]
    rows = [cadre.row for cadre, _ in members if cadre.row]
    shown = first_rows(rows, lang)
    return Problem(code=CODE, file=first.file, sheet=first.sheet, row=rows[0] if rows else None, column=header,
                   severity="warning",
                   message=label("input.organizer_filled" if first.sheet else "input.organizer_filled.file", lang, sheet=first.sheet, header=header, count=len(members),
                                 organizer=filled.organizer, rows=shown,
                                 settings=settings_words([f for _, f in members], lang)),
                   expected=label("input.organizer_filled_expected", lang, header=header))


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
