"""Who organizes each cadre's classes (干部管理权限), and the PlanContext the planner reads the roster through."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence

from needscli.config import ClassesConfig, Config
from needscli.core.catalog import Catalog
from needscli.errors import Problem
from needscli.models import Cadre, Resource
from needscli.planner.model import CadrePlace, PlanContext
from needscli.text import column_letter

# (file, sheet) of a roster -> field -> (its header as written, its column index from 0): Inputs.roster_columns
RosterColumns = Mapping[tuple[str, str], Mapping[str, tuple[str, int]]]


def _tier_map(config: Config) -> dict[str, str]:
    tiers: dict[str, str] = {}
    for level in config.levels:
        for name in [level.name, *level.aliases]:
            tiers.setdefault(name, level.tier)
    return tiers


def five_year_levels(config: Config) -> frozenset[str]:
    """The level names (and their aliases) whose tier owes the five-year hours standard (hours.five_year_tiers)."""
    tiers = set(config.hours.five_year_tiers)
    return frozenset(name for name, tier in _tier_map(config).items() if tier in tiers)


def unit_level(unit: str, config: Config) -> str:
    """The administrative level of a unit from its name (classes.unit_levels: the first entry with a
    marker in the name, its ignore words taken out), else classes.default_unit_level."""
    name = unit.casefold()
    for entry in config.classes.unit_levels:
        text = name
        for word in entry.ignore:
            text = text.replace(word.casefold(), "")
        if any(marker and marker.casefold() in text for marker in entry.markers):
            return entry.level
    return config.classes.default_unit_level


class _Organizers:
    """Who organizes each cadre's classes, and which written 管理权限 fit each tier: made once per config,
    each unit's organizer table once per unit."""

    def __init__(self, config: Config, cadres: Iterable[Cadre] = ()) -> None:
        self.config = config
        self.tiers = _tier_map(config)
        self.units: dict[str, dict[str, str]] = {}  # unit -> tier -> organizer
        self.rank = {name: i for i, name in enumerate(config.classes.organizer_order)}  # 0: the highest
        self._fits: dict[str, list[str]] | None = None
        self.verdicts: dict[tuple[str, str], tuple[str, str] | None] = {}  # (管理权限, level) -> misfit
        self._known = config.classes.organizer_names()
        self._names: dict[str, str] = {}  # 管理权限 as written -> the organizer's name
        self.colleagues = self._agreed(cadres)

    def _agreed(self, cadres: Iterable[Cadre]) -> dict[tuple[str, str], str]:
        """(unit, tier) -> the organizer every cadre of that tier in that unit whose 管理权限 is written names, where
        they name one, it fits the tier and they are more than the blanks: a unit's cadres of one tier are managed by
        one level, so the few left blank are that level's (a district office's staff beside colleagues marked
        区委管理), whatever the unit's name. Where most are blank, a written one may be the exception (a city-managed
        secondee in a county office): the unit's level decides for the blanks."""
        named: dict[tuple[str, str], set[str]] = {}
        written_n: dict[tuple[str, str], int] = {}
        blank_n: dict[tuple[str, str], int] = {}
        for cadre in cadres:
            written, tier = cadre.managed_by, self.tiers.get(cadre.level)
            if not tier:
                continue
            key = (cadre.unit, tier)
            if written and not written.isspace():
                named.setdefault(key, set()).add(self.name(written))
                written_n[key] = written_n.get(key, 0) + 1
            else:
                blank_n[key] = blank_n.get(key, 0) + 1
        agreed = {}
        for key, names in named.items():
            if len(names) == 1 and written_n[key] > blank_n.get(key, 0) \
                    and self._misfit(name := next(iter(names)), key[1]) is None:
                agreed[key] = name
        return agreed

    def name(self, written: str) -> str:
        """The organizer a 管理权限 names (stripped): as the config names it where it knows it under another
        way of writing it (classes.organizer_aliases: 市管 is 市委管理; spaced or full-width forms), else as
        written. A roster writing both 市管 and 市委管理 has one organizer, one set of classes."""
        name = self._names.get(written)
        if name is None:
            name = self._names[written] = ClassesConfig.organizer_named(self._known, written)
        return name

    @property
    def fits(self) -> dict[str, list[str]]:
        """Tier -> the organizers that plausibly manage it: those of classes.organizer_tiers, and the
        level one above each of them in classes.organizer_order; made at the first written 管理权限."""
        if self._fits is None:
            cfg = self.config.classes
            self._fits = {}
            every = {lv.tier for lv in self.config.levels} | {t for ts in cfg.organizer_tiers.values() for t in ts}
            for tier in every:
                normal = [name for name, ts in cfg.organizer_tiers.items() if tier in ts]
                ranks = {self.rank[name] for name in normal if name in self.rank}
                ranks |= {r - 1 for r in ranks if r > 0}  # one level above is usual too
                self._fits[tier] = ([name for name in cfg.organizer_order if self.rank[name] in ranks]
                                    + [name for name in normal if name not in self.rank])
        return self._fits

    def table(self, unit: str) -> dict[str, str]:
        """The unit's tier -> organizer: organizer_by_tier with its unit level's entries in place."""
        found = self.units.get(unit)
        if found is None:
            cfg = self.config.classes
            by_level = cfg.organizer_by_unit_level.get(unit_level(unit, self.config), {})
            found = self.units[unit] = {**cfg.organizer_by_tier, **by_level}
        return found

    def of(self, cadre: Cadre) -> str | None:
        """The cadre's organizer: its 管理权限 as written (self.name); where blank, the one its unit's colleagues of
        its tier agree on (self.colleagues), else its unit level's for its tier (self.table)."""
        managed = cadre.managed_by
        if managed and not managed.isspace():
            return self.name(managed)
        tier = self.tiers.get(cadre.level)
        if not tier:
            return None
        return self.colleagues.get((cadre.unit, tier)) or self.table(cadre.unit).get(tier)

    def misfit(self, cadre: Cadre) -> tuple[str, str] | None:
        """(tier, "above" | "below" | "apart") where the written 管理权限 does not fit the cadre's tier."""
        key = (cadre.managed_by, cadre.level)
        if key not in self.verdicts:
            self.verdicts[key] = self._misfit(self.name(cadre.managed_by), self.tiers.get(cadre.level))
        return self.verdicts[key]

    def _misfit(self, written: str, tier: str | None) -> tuple[str, str] | None:
        if not written or tier is None or written in self.fits.get(tier, ()):
            return None
        managers = self.config.classes.organizer_tiers
        if written in self.rank:
            normal = [self.rank[name] for name, ts in managers.items() if name in self.rank and tier in ts]
            if not normal:
                return None  # a tier only organizers apart from the order manage (企业): nothing to judge by
            return tier, "above" if self.rank[written] < min(normal) else "below"
        if written in managers:
            return tier, "apart"
        return None  # an organizer the config does not know: nothing to judge it by


def organizers(config: Config, cadres: Iterable[Cadre] = ()) -> Callable[[Cadre], str | None]:
    """organizer_of for many cadres of one config and roster (cadres: the whole roster, whose written 管理权限 fill
    their colleagues' blanks): its tables made once, each distinct 管理权限 read once."""
    return _Organizers(config, cadres).of


def organizer_of(cadre: Cadre, config: Config, cadres: Iterable[Cadre] = ()) -> str | None:
    """The level that manages the cadre (干部管理权限): managed_by as the config names it (_Organizers.name), else
    the one the cadres of its unit and tier in cadres (its roster) write where they agree, else the organizer of
    its tier in a unit of its unit's level (classes.organizer_by_unit_level), else of its tier
    (classes.organizer_by_tier), else None."""
    return _Organizers(config, cadres).of(cadre)


def parent_organizer(name: str, config: Config) -> str | None:
    """The next organizer up from this one (classes.organizer_parent): where a group too small for its
    own class is sent (上级调训); None at the top or for an organizer the config does not know."""
    return config.classes.organizer_parent.get(name.strip()) or None


def build_context(cadres: list[Cadre], catalog: Catalog, config: Config,
                  resources: Sequence[Resource] = (), lang: str = "zh",
                  columns: RosterColumns | None = None) -> tuple[PlanContext, list[Problem]]:
    """Each cadre's place and roster position, each unit's limit away, each class topic's days and hours,
    the topics taught online; a problem per cadre without organizer, and a warning per written 管理权限
    that does not fit the cadre's tier (in lang; naming the roster's header and cell where columns,
    Inputs.roster_columns, is given)."""
    leading = {lv.name for lv in config.levels if lv.leading}
    organizers = _Organizers(config, cadres)
    places: dict[str, CadrePlace] = {}
    order: dict[str, int] = {}
    sizes: dict[str, int] = {}
    problems = []
    for cadre in cadres:
        if cadre.id in places:
            continue
        organizer = organizers.of(cadre)
        places[cadre.id] = CadrePlace(cadre.unit, organizer, cadre.job_family, cadre.level, cadre.level in leading)
        order[cadre.id] = len(order)
        sizes[cadre.unit] = sizes.get(cadre.unit, 0) + 1
        if (problem := _organizer_problem(cadre, organizer, organizers, lang, columns)) is not None:
            problems.append(problem)
    share = config.classes.unit_away_share
    limits = {unit: unit_limit(share, n) for unit, n in sizes.items()}
    core = frozenset(t.id for t in catalog.topics if t.core)
    hours, days = class_lengths(catalog, config)
    return PlanContext(places, order, limits, core, days, hours, online_topics(catalog, config, resources),
                       dict(config.classes.organizer_parent), sizes), problems


def unit_limit(share: float, size: int) -> int:
    """The most cadres of a unit of size away in one period (classes.unit_away_share), one at least; the epsilon
    keeps 0.29 * 100 at 29, not 28.999..."""
    return max(1, math.floor(share * size + 1e-9))


def class_lengths(catalog: Catalog, config: Config) -> tuple[dict[str, float], dict[str, float]]:
    """Each class topic's hours and days away (hours at hours.day_hours["default"] a day, rounded up); the
    theory class (classes.core_class_topic) teaches the whole theory core; an appointment class is as many days
    as its level band's course (obligations.appointment_bands: ObligationsConfig.band_days), its hours those days
    at hours.day_hours["default"] a day, whatever the catalog gives its topic."""
    per_day = config.hours.day_hours.get("default", 6.0)
    hours = {t.id: t.hours for t in catalog.topics}
    hours[config.classes.core_class_topic] = sum(t.hours for t in catalog.topics if t.core)
    days = {topic: float(math.ceil(h / per_day - 1e-9)) for topic, h in hours.items()}
    band_hours = config.band_hours()
    for topic, band in config.obligations.band_days().items():
        if topic in hours:
            hours[topic], days[topic] = band_hours[topic], float(math.ceil(band - 1e-9))
    return hours, days


def online_topics(catalog: Catalog, config: Config, resources: Sequence[Resource]) -> frozenset[str]:
    """The topics a resource teaches online; without an online resource at all, every topic when the
    config names a default online academy (干部网络学院)."""
    online = [r for r in resources if r.kind == "online"]
    if not config.classes.online:
        return frozenset()
    if online:
        taught = {t for r in online for t in r.topics}
        core = {t.id for t in catalog.topics if t.core}
        if core <= taught:  # the theory class is taught online where all its topics are
            taught.add(config.classes.core_class_topic)
        return frozenset(taught)
    if config.classes.default_online_academy:
        return frozenset([*(t.id for t in catalog.topics), config.classes.core_class_topic])
    return frozenset()


def _no_organizer(cadre: Cadre) -> Problem:
    return Problem(
        code="no-organizer", file=cadre.file, sheet=cadre.sheet, row=cadre.row or None, column="管理权限",
        severity="warning",
        message=(f"{f'row {cadre.row}, ' if cadre.row else ''}column \"管理权限\": empty, and level "
                 f"\"{cadre.level}\" maps to no organizer in classes.organizer_by_tier; this cadre's needs get no class"),
        expected="a 管理权限 value such as 市委管理, or an organizer_by_tier entry for the level's tier")


def organizer_problems(cadres: list[Cadre], config: Config, lang: str = "zh",
                       columns: RosterColumns | None = None) -> list[Problem]:
    """The problems build_context finds of the cadres' organizers (none; a 管理权限 that does not fit the tier),
    without forming classes: validate says what analyze will."""
    organizers = _Organizers(config, cadres)
    seen: set[str] = set()
    problems = []
    for cadre in cadres:
        if cadre.id not in seen:
            seen.add(cadre.id)
            if (problem := _organizer_problem(cadre, organizers.of(cadre), organizers, lang, columns)) is not None:
                problems.append(problem)
    return problems


def _organizer_problem(cadre: Cadre, organizer: str | None, organizers: _Organizers, lang: str,
                       columns: RosterColumns | None) -> Problem | None:
    if organizer is None:
        return _no_organizer(cadre)
    misfit = organizers.misfit(cadre)
    return None if misfit is None else _implausible_organizer(cadre, *misfit, organizers, lang, columns)


_MISFIT = {  # how a written 管理权限 misses the cadre's tier: (zh, en)
    "above": ("比通常管理该职级的层级高出一级以上", "a level more than one above those that manage this tier"),
    "below": ("低于通常管理该职级的层级", "a level below those that manage this tier"),
    "apart": ("通常不管理该职级", "an organizer that does not manage this tier"),
}


def _implausible_organizer(cadre: Cadre, tier: str, how: str, organizers: _Organizers, lang: str,
                           columns: RosterColumns | None) -> Problem:
    """A warning naming the 管理权限 cell that does not fit the cadre's tier; its classes still form under it."""
    zh = lang != "en"
    written, name = cadre.managed_by.strip(), organizers.name(cadre.managed_by)
    header, col = (columns or {}).get((cadre.file, cadre.sheet), {}).get("managed_by", ("", -1))
    header = header or ("管理权限" if zh else "Managed by")
    cell = f"{column_letter(col)}{cadre.row}" if col >= 0 and cadre.row else ""
    fits = organizers.fits.get(tier, [])
    if zh:
        where = f"第 {cadre.row} 行" if cadre.row else ""
        read = f"（读作「{name}」）" if name != written else ""
        message = (f"{where}「{header}」为「{written}」{read}，职级「{cadre.level}」（{tier}）：{name}"
                   f"{_MISFIT[how][0]}，请核对；班次仍按「{name}」组织")
        expected = f"管理{tier}的层级：{'、'.join(fits)}" if fits else f"管理{tier}的层级"
    else:
        where = f"row {cadre.row}, " if cadre.row else ""
        read = f' (read as "{name}")' if name != written else ""
        message = (f'{where}column "{header}": "{written}"{read} for level "{cadre.level}" ({tier}) is '
                   f'{_MISFIT[how][1]}: check it; its classes are still organized by "{name}"')
        expected = f"an organizer that manages {tier}: {', '.join(fits)}" if fits else f"an organizer that manages {tier}"
    return Problem(code="implausible-organizer", file=cadre.file, sheet=cadre.sheet, row=cadre.row or None,
                   column=header, cell=cell, severity="warning", message=message, expected=expected)
