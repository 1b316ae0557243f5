"""Thresholds, ladders and defaults, loadable from TOML. DOMAIN.md's numbers are the defaults."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator

from needscli.errors import (
    PROBLEMS_KEPT,
    NeedsError,
    Problem,
    problems_error,
    unknown_keys,
    validation_error,
    validation_problems,
)
from needscli.text import fold

ONLINE_FIELDS = ("cadre_id", "name", "topic", "class_id", "hours", "attended_hours", "start_date", "end_date",
                 "result")


def _refused(problems: list[Problem]) -> NeedsError:
    """The NeedsError of a config a script makes or sets wrong, said as analyze() says a config dict's faults by
    default: in Chinese (lang "auto": a fault found before any roster is read), e.lang "zh"."""
    from needscli.wording import in_chinese, problems_in

    error = problems_error(problems)
    error.message, error.problems, error.lang = in_chinese(error.message), problems_in(error.problems, "zh"), "zh"
    return error


class _Checked(BaseModel):
    """A part of the config, checked whenever a value of it is set (validate_assignment): a fault raises NeedsError
    naming the key, as a config dict given to analyze() does, never a ValidationError (or a plan gone wrong) from
    deep in a run. Values are only read while a run goes (no loop sets one), so the check costs nothing there. A
    list or dict changed in place (holidays.append(...)) is checked when analyze() or plan() is given the config."""

    model_config = ConfigDict(validate_assignment=True)

    def __setattr__(self, name: str, value: Any) -> None:
        try:
            super().__setattr__(name, value)
        except ValidationError as exc:
            raise _refused(validation_problems(exc, "config", at=_section_at(type(self)))) from None


def _section_at(kind: type) -> tuple[str, ...]:
    """The key of the config's section of this kind ("classes" for ClassesConfig): where its faults are named."""
    return next(((name,) for name, info in Config.model_fields.items() if info.annotation is kind), ())


class LedgerConfig(_Checked):
    """The [ledger] section: how online-platform exports and sign-in marks are read."""

    model_config = ConfigDict(extra="forbid")

    # header as the platform writes it -> field of a record
    online_columns: dict[str, str] = Field(default_factory=lambda: {
        "学员编号": "cadre_id", "用户编号": "cadre_id", "学员账号": "cadre_id", "姓名": "name",
        "学员姓名": "name", "课程名称": "topic", "课程学时": "hours", "完成学时": "attended_hours",
        "获得学时": "attended_hours", "开始学习时间": "start_date", "完成时间": "end_date",
        "学习状态": "result", "完成状态": "result",
    })
    present_marks: list[str] = Field(default_factory=lambda: ["√", "✓", "✔", "☑", "1", "是", "到", "已到",
                                                              "出勤", "present", "yes", "y"])
    absent_marks: list[str] = Field(default_factory=lambda: ["×", "✗", "✘", "0", "否", "缺", "缺勤", "未到",
                                                             "请假", "absent", "no", "n"])
    # analyze --ledger: "add" takes the roster's hour columns as the figures reported before the
    # ledger's records and adds the ledger's hours; "replace" takes the ledger as the whole record.
    hours_mode: Literal["add", "replace"] = "add"
    # a records sheet's row is taken for impossible (a warning at its cell, the row not recorded) where its hours are
    # more than its days hold at hours.day_hours a day times day_hours_slack (evening sessions, a long day), or its
    # dates (or its 天数) span more than max_training_days (the longest courses, 一年制 classes, take a year)
    day_hours_slack: float = Field(2.0, ge=1, allow_inf_nan=False)
    max_training_days: int = Field(366, ge=1)

    @field_validator("online_columns")
    @classmethod
    def _known_fields(cls, value: dict[str, str]) -> dict[str, str]:
        unknown = sorted({v for v in value.values() if v not in ONLINE_FIELDS})
        if unknown:
            raise ValueError(f"unknown field(s) {unknown}; use {', '.join(ONLINE_FIELDS)}")
        return value


class _Section(_Checked):
    # nan and inf are numbers TOML can write, and no threshold: a nan weight made every priority nan (plans in no order)
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    @field_validator("*", mode="before")
    @classmethod
    def _no_flag_for_a_number(cls, value: Any, info: ValidationInfo) -> Any:
        """true is no count: pydantic reads it as 1 (daily_sign_in_days = true gave weekly boxes)."""
        if isinstance(value, bool) and info.field_name and cls.model_fields[info.field_name].annotation in (int, float):
            raise ValueError("is true or false, not a number")
        return value


class Level(_Section):
    """One rung of the ladder: a leading post (领导职务) or a civil-service rank (职级)."""

    name: str
    tier: str  # 省部级 / 厅局级 / 县处级 / 乡科级 / 科员级 / 企业 ...
    rank: int = 0  # higher is more senior; used for ordering only
    leading: bool = False
    aliases: list[str] = Field(default_factory=list)
    english: str = ""
    # a probationer's level (试用期): a new civil servant is graded (定级) only after initial training, so the roster
    # writes 试用期, 未定级 ... (this level's aliases) or leaves 职级 blank; a blank 职级 whose 录用时间 is within the
    # probation (obligations.probation_months) is read as the first level of the ladder marked so
    probation: bool = False


def _lv(name: str, tier: str, rank: int, leading: bool, english: str, *aliases: str) -> Level:
    return Level(name=name, tier=tier, rank=rank, leading=leading, english=english, aliases=list(aliases))


DEFAULT_LADDER: list[Level] = [
    _lv("省部级正职", "省部级", 100, True, "Minister", "正部级", "正省级", "省部级正", "正部"),
    _lv("省部级副职", "省部级", 95, True, "Vice Minister", "副部级", "副省级", "省部级副", "副部"),
    _lv("厅局级正职", "厅局级", 90, True, "Director-General", "正厅级", "正局级", "厅局级正", "正厅", "正局"),
    _lv("厅局级副职", "厅局级", 85, True, "Deputy Director-General", "副厅级", "副局级", "厅局级副", "副厅", "副局"),
    _lv("一级巡视员", "厅局级", 84, False, "Level-1 Inspector"),
    _lv("二级巡视员", "厅局级", 83, False, "Level-2 Inspector"),
    _lv("县处级正职", "县处级", 80, True, "Division Director", "正处级", "正县级", "县处级正", "正处", "正县"),
    _lv("县处级副职", "县处级", 75, True, "Deputy Division Director", "副处级", "副县级", "县处级副", "副处", "副县"),
    _lv("一级调研员", "县处级", 74, False, "Level-1 Researcher"),
    _lv("二级调研员", "县处级", 73, False, "Level-2 Researcher"),
    _lv("三级调研员", "县处级", 72, False, "Level-3 Researcher"),
    _lv("四级调研员", "县处级", 71, False, "Level-4 Researcher"),
    _lv("乡科级正职", "乡科级", 60, True, "Section Chief", "正科级", "正乡级", "乡科级正", "正科", "正乡"),
    _lv("乡科级副职", "乡科级", 55, True, "Deputy Section Chief", "副科级", "副乡级", "乡科级副", "副科", "副乡"),
    _lv("一级主任科员", "乡科级", 54, False, "Level-1 Principal Staff Member"),
    _lv("二级主任科员", "乡科级", 53, False, "Level-2 Principal Staff Member"),
    _lv("三级主任科员", "乡科级", 52, False, "Level-3 Principal Staff Member"),
    _lv("四级主任科员", "乡科级", 51, False, "Level-4 Principal Staff Member"),
    _lv("一级科员", "科员级", 40, False, "Level-1 Staff Member"),
    _lv("二级科员", "科员级", 39, False, "Level-2 Staff Member"),
    _lv("科员", "科员级", 38, False, "Staff Member"),
    _lv("办事员", "科员级", 30, False, "Clerk"),
    # a new civil servant in probation, not yet graded: a staff member of the lowest tier (乡科级及以下), whose initial
    # training is due inside the probation
    Level(name="试用期人员", tier="科员级", rank=29, leading=False, english="Probationer (not yet graded)",
          probation=True, aliases=["试用期", "未定级", "见习", "新录用", "试用期公务员", "试用人员", "试用", "未定职级",
                                   "尚未定级", "见习期", "见习人员", "新录用人员", "新录用公务员", "新招录人员",
                                   "probationer", "probation", "not yet graded"]),
    # the non-leading ranks before 职务与职级并行 (2019), still on older rosters, at the tier of the 职级 each became
    # (巡视员 一级巡视员, 副巡视员 二级巡视员, 调研员 二级调研员, 副调研员 四级调研员, 主任科员 四级主任科员,
    # 副主任科员 一级科员)
    _lv("巡视员", "厅局级", 84, False, "Inspector (former rank)"),
    _lv("副巡视员", "厅局级", 83, False, "Deputy Inspector (former rank)"),
    _lv("调研员", "县处级", 73, False, "Researcher (former rank)"),
    _lv("副调研员", "县处级", 71, False, "Deputy Researcher (former rank)"),
    _lv("主任科员", "乡科级", 51, False, "Principal Staff Member (former rank)"),
    _lv("副主任科员", "科员级", 40, False, "Deputy Principal Staff Member (former rank)"),
    # 专业技术类公务员 职级 (专业技术类公务员管理规定): 总监 as bureau level, 高级主管 as county/division
    # level, 主管 as township/section level, 专业技术员 as staff
    _lv("一级总监", "厅局级", 84, False, "Level-1 Chief Professional"),
    _lv("二级总监", "厅局级", 83, False, "Level-2 Chief Professional"),
    *(_lv(f"{n}级高级主管", "县处级", 75 - i, False, f"Level-{i + 1} Senior Professional") for i, n in enumerate("一二三四")),
    *(_lv(f"{n}级主管", "乡科级", 55 - i, False, f"Level-{i + 1} Professional") for i, n in enumerate("一二三四")),
    _lv("专业技术员", "科员级", 38, False, "Professional Staff Member"),
    # 行政执法类公务员 职级 (行政执法类公务员管理规定): 督办 as bureau level, 高级主办 as county/division
    # level, 主办 as township/section level, 行政执法员 as staff
    _lv("督办", "厅局级", 83, False, "Supervisor"),
    *(_lv(f"{n}级高级主办", "县处级", 75 - i, False, f"Level-{i + 1} Senior Enforcement Officer")
      for i, n in enumerate("一二三四")),
    *(_lv(f"{n}级主办", "乡科级", 55 - i, False, f"Level-{i + 1} Enforcement Officer") for i, n in enumerate("一二三四")),
    _lv("一级行政执法员", "科员级", 39, False, "Level-1 Enforcement Staff Member"),
    _lv("二级行政执法员", "科员级", 37, False, "Level-2 Enforcement Staff Member"),
    # 公安机关执法勤务警员职务序列: 高级警长 as county/division level, 警长 as township/section level
    *(_lv(f"{n}级高级警长", "县处级", 75 - i, False, f"Level-{i + 1} Senior Police Sergeant",
          f"执法勤务类{n}级高级警长") for i, n in enumerate("一二三四")),
    *(_lv(f"{n}级警长", "乡科级", 55 - i, False, f"Level-{i + 1} Police Sergeant", f"执法勤务类{n}级警长")
      for i, n in enumerate("一二三四")),
    _lv("一级警员", "科员级", 39, False, "Level-1 Police Officer", "执法勤务类一级警员"),
    _lv("二级警员", "科员级", 37, False, "Level-2 Police Officer", "执法勤务类二级警员"),
    _lv("中层正职", "企业", 58, True, "Middle Manager", "企业中层正职"),
    _lv("中层副职", "企业", 56, True, "Deputy Middle Manager", "企业中层副职"),
    _lv("一般管理人员", "企业", 35, False, "General Management Staff"),
]


class LevelGroup(_Section):
    """A named set of tiers used by rules and priorities, e.g. 县处级以上."""

    name: str
    tiers: list[str]
    english: str = ""
    aliases: list[str] = Field(default_factory=list)


DEFAULT_GROUPS: list[LevelGroup] = [
    LevelGroup(name="厅局级以上", tiers=["省部级", "厅局级"], english="bureau-and-above",
               aliases=["厅级以上", "bureau level and above"]),
    LevelGroup(name="县处级以上", tiers=["省部级", "厅局级", "县处级"], english="county-and-above",
               aliases=["处级以上", "县处级及以上", "county level and above"]),
    LevelGroup(name="乡科级及以下", tiers=["乡科级", "科员级", "企业"], english="township-and-below",
               aliases=["乡科级以下", "科级及以下", "township level and below"]),
]


class Vocabulary(_Section):
    """A closed list of values with their English labels and aliases."""

    name: str
    english: str = ""
    aliases: list[str] = Field(default_factory=list)


def _vocab(*items: tuple[str, str, list[str]]) -> list[Vocabulary]:
    return [Vocabulary(name=n, english=e, aliases=a) for n, e, a in items]


_DAY_HOURS = {"party-school": 6.0, "enterprise": 8.0, "default": 6.0}  # HoursConfig.day_hours' built-in rates


class HoursConfig(_Section):
    """The hours standards of the Cadre Education and Training Work Regulations (2023 revision), Art. 14:
    concentrated or full-time training counted in days OR hours, and online learning on its own."""

    # Art. 14: other cadres (乡科级 and below, 一级主任科员 and below): 12 days or 90 h a year
    annual_required: float = Field(90.0, ge=0)
    annual_days_required: float = Field(12.0, ge=0)  # 0: the standard counts no days
    # Art. 14: county/division leading posts and up, 四级调研员 and up: 3 months or 550 h in 5 years
    five_year_required: float = Field(550.0, ge=0)
    five_year_days_required: float = Field(90.0, ge=0)  # 3 months, counted as 90 days
    five_year_tiers: list[str] = Field(default_factory=lambda: ["省部级", "厅局级", "县处级"])
    cycle_years: int = Field(5, ge=1, le=10)
    # the five-year cycles run from this year (全国干部教育培训规划（2023－2027年）): 2023-2027, 2028-2032 ...; within the
    # years a run may be dated in (io.cells.RUN_YEARS)
    cycle_start_year: int = Field(2023, ge=1949, le=2999)
    # local rules (widely applied): at least 50 h of online learning a year, a duty of its own
    online_min_annual: float = Field(50.0, ge=0)
    # local rules may let online hours count toward the concentrated standard; the Regulations do not
    online_counts_toward_concentrated: bool = False
    # Art. 14: a cadre promoted to a leading post without meeting the five-year standard completes it
    # within 1 year of the promotion
    promotion_grace_months: int = Field(12, ge=0, le=120)
    leave_max_fraction: float = Field(1 / 7, ge=0, le=1)  # 2023 Regulations: leave over 1/7 of a full-time course's hours drops the trainee
    # one training day in hours (local conversions: party school 6, enterprise 8)
    day_hours: dict[str, Annotated[float, Field(gt=0, le=24)]] = Field(
        default_factory=lambda: dict(_DAY_HOURS)
    )

    @field_validator("day_hours", mode="before")
    @classmethod
    def _day_hours_over_ours(cls, value: Any) -> Any:
        """A config's rates added to the built-in ones, a rate it names in place of the built-in one: a table of
        `default = 8` alone keeps the party school's 6 (it replaced every rate, the party school's then falling to
        the default)."""
        return {**_DAY_HOURS, **value} if isinstance(value, dict) else value


class AppointmentBand(_Section):
    """Appointment training (任职培训) for the leading posts of some tiers: its own course and length."""

    topic: str  # topic id of the catalog (defaults/topics.toml)
    tiers: list[str]
    days: float = Field(ge=0)


class ObligationsConfig(_Section):
    """Training the rules make compulsory, ranked above every discretionary need."""

    # 2023 Regulations (Art. 13-15): appointment training before taking a leading post or within 1 year after
    appointment_months: int = Field(12, ge=0)
    # a course this long before the appointment date still counts as the appointment training
    appointment_before_months: int = Field(12, ge=0)
    # graded by level (local rules: at least 30 days for county/division deputy and up, 15 days for
    # township/section level); a leading post of a tier in no band has no appointment obligation
    appointment_bands: list[AppointmentBand] = Field(default_factory=lambda: [
        AppointmentBand(topic="appointment-county", tiers=["省部级", "厅局级", "县处级"], days=30),
        AppointmentBand(topic="appointment-township", tiers=["乡科级", "企业"], days=15),
    ])
    # 新录用公务员试用期管理办法 Art. 2, 7: initial training inside the 1-year probation
    probation_months: int = Field(12, ge=0)
    # a blank 职级 within the probation is a probationer's (not yet graded), but not a cadre of these categories
    # (干部类别): a leading cadre who came from elsewhere (调任) has a grade the roster left out
    not_probation_categories: list[str] = Field(default_factory=lambda: ["领导干部"])
    # 参加工作时间 stands in for the civil-service entry date (录用时间) of non-leading posts only
    initial_entry_fallback: bool = True
    # initial training is for new civil servants (新录用公务员): the staff of these tiers are none (an enterprise's
    # new hires have their own induction, no civil-service probation)
    initial_exempt_tiers: list[str] = Field(default_factory=lambda: ["企业"])
    # an appointment or initial obligation is examined for posts taken (or service entered) within
    # this many months: older ones are past the records an office keeps
    window_months: int = Field(36, ge=1)
    # 2023 Regulations (Art. 13-15): rotation training on major central decisions (集中轮训) is compulsory;
    # the organizational priorities of these source kinds are that rotation
    rotation_source_kinds: list[str] = Field(default_factory=lambda: ["中央重大决策部署"])

    def band_days(self) -> dict[str, float]:
        """Each appointment band's topic -> its course's days (the longest of its bands'); a band of 0 days leaves its
        topic's length to the topic catalog. The appointment classes and needs are this long (hours at
        hours.day_hours["default"] a day), as the obligation's reason says ("不少于 30 天")."""
        days: dict[str, float] = {}
        for band in self.appointment_bands:
            if band.days > 0:
                days[band.topic] = max(band.days, days.get(band.topic, 0.0))
        return days


_WEIGHTS = {
    # obligations rank above every discretionary need, overdue ones first
    "obligation-overdue": 200.0,
    "obligation": 150.0,
    "theory-core": 100.0,
    "compliance": 80.0,
    # for rules of your own (the built-in appointment and initial training are obligations)
    "appointment": 85.0,
    "initial": 85.0,
    "organizational": 60.0,
    "post": 40.0,
    "personal": 20.0,
    "rule": 30.0,
}  # NeedsConfig.weights' built-in weights


class NeedsConfig(_Section):
    # a post requirement whose ability the cadre did not rate: "need" (assume assumed_gap) or "skip"
    missing_rating: Literal["need", "skip"] = "need"
    assumed_gap: int = Field(1, ge=0, le=4)
    low_ability: int = Field(2, ge=1, le=5)  # a self-rating at or below this is a personal need
    match_cutoff: float = Field(0.72, ge=0.0, le=1.0)  # close-match threshold for wishes
    # a completion without a date cannot show it still counts: by default it does not
    undated_completion_counts: bool = False
    weights: dict[str, float] = Field(default_factory=lambda: dict(_WEIGHTS))
    merge_bonus: float = 1.0  # added per extra source that found the same topic

    @field_validator("weights", mode="before")
    @classmethod
    def _weights_over_ours(cls, value: Any) -> Any:
        """A config's weights added to the built-in ones, a weight it names in place of the built-in one: a table of
        `organizational = 70` alone keeps the obligations' 150 and 200 (it replaced every weight, the obligations
        then ranking at the rules' 30, below the theory core)."""
        return {**_WEIGHTS, **value} if isinstance(value, dict) else value


class UnitLevel(_Section):
    """An administrative level of units (行政级别), known by words in the unit's name."""

    level: str  # a key of classes.organizer_by_unit_level: county, city, enterprise ...
    markers: list[str]  # a unit whose name holds one of these is of this level
    # words that hold a marker but name no place: 市住房和城乡建设局 is a city bureau, not a 乡
    ignore: list[str] = Field(default_factory=list)


_TrainingKind = Literal["initial", "appointment", "on-the-job", "specialized", "theory"]
_UNIT_TEACHES: tuple[_TrainingKind, ...] = ("theory", "specialized", "on-the-job")
_Route = Literal["sent-up", "online", "in-unit"]
_OBLIGATION_ROUTES: tuple[_Route, ...] = ("sent-up",)
# the public holidays of fixed dates (元旦, 劳动节, 国庆节: 《全国年节及纪念日放假办法》); lunar ones change year by year
_FIXED_HOLIDAYS = ("01-01", "05-01", "05-02", "05-03", "10-01", "10-02", "10-03", "10-04", "10-05", "10-06", "10-07")
_HOLIDAY = re.compile(r"(?:\d{4}-)?\d{2}-\d{2}")
# a day as a clerk writes it, one way throughout (read as YYYY-MM-DD or MM-DD): 2027年2月7日, 2月7号; or 2027/2/7,
# 2027.2.7, 2027-2-7, 2/7, 2-7 (one separator after the year and the month). A day written two ways at once
# (2027年2/7, 2027/2.7, 2/7日) is read as no day: refused as written, as any other
_WRITTEN_DAYS = (
    re.compile(r"(?:(?P<year>\d{4})\s*年\s*)?(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*[日号]?"),
    re.compile(r"(?:(?P<year>\d{4})\s*(?P<sep>[-/.])\s*)?(?P<month>\d{1,2})\s*(?(sep)(?P=sep)|[-/.])\s*(?P<day>\d{1,2})"),
)


# ClassesConfig.organizer_aliases' built-in entries
ORGANIZER_ALIASES: dict[str, tuple[str, ...]] = {
    "中央管理": ("中管", "中管干部", "中央管理干部"),
    "省委管理": ("省管", "省管干部", "省委管", "省委管理干部"),
    "市委管理": ("市管", "市管干部", "市委管", "市委管理干部"),
    "县委管理": ("县管", "县管干部", "县委管", "县委管理干部"),
    "企业党委管理": ("企业党委管", "企业党委管理干部"),
}


def _as_written(day: str) -> str:
    """A holiday as written, read as YYYY-MM-DD or MM-DD where it is a real day written another way (full-width
    digits, 2027年2月7日, 2027/2/7, 2月7日 ...); else as written, stripped (the validator refuses it as written)."""
    text = unicodedata.normalize("NFKC", day).strip()
    found = next((m for written in _WRITTEN_DAYS if (m := written.fullmatch(text))), None)
    if found is None:
        return text
    year, month, day_of_month = int(found["year"] or 2024), int(found["month"]), int(found["day"])  # 2024: 02-29 is a day
    try:
        dt.date(year, month, day_of_month)
    except ValueError:
        return text  # no such day (2027年2月30日): refused as written
    month_day = f"{month:02d}-{day_of_month:02d}"
    return f"{found['year']}-{month_day}" if found["year"] else month_day


def _organizers_named(fields: dict[str, Any]) -> list[str]:
    """The organizers the classes settings name (fields: ClassesConfig's, or those validated so far): in
    organizer_order, organizer_tiers, organizer_parent (both sides), organizer_by_tier, organizer_by_unit_level."""
    parent: dict[str, str] = fields.get("organizer_parent", {})
    table: dict[str, dict[str, str]] = fields.get("organizer_by_unit_level", {})
    return [*fields.get("organizer_order", []), *fields.get("organizer_tiers", {}), *parent, *parent.values(),
            *fields.get("organizer_by_tier", {}).values(), *(o for t in table.values() for o in t.values())]


# the longest plan, in periods (months): ten years. A plan's months are counted forward from its start, and a
# plan past the calendar (year 9999) or holding a board per unit per month of a lifetime is no plan
MAX_PERIODS = 120
_YEAR = 366  # days: a class's working days are looked for this far at most (a config listing every day)


_NO_WORKDAY = ("'{day}' is no Saturday or Sunday of a year: list the weekend days that are working days (调休上班) as "
               "YYYY-MM-DD, e.g. 2027-10-09")


def _listed(day: dt.date, days: list[str]) -> bool:
    """Whether day is among days ("YYYY-MM-DD", or "MM-DD" every year)."""
    text = day.isoformat()
    return text in days or text[5:] in days


class ClassesConfig(_Section):
    min_size: int = Field(15, ge=1)
    max_size: int = Field(50, ge=1)
    # classes (call-ups, 调训) one cadre may attend in the plan; leading posts at most leader_max_callups
    # (local caps: at most 2 call-ups of one leader a year)
    max_per_cadre: int = Field(4, ge=1)
    leader_max_callups: int = Field(2, ge=1)
    # days away in classes in the plan (工学矛盾): a cadre's load is counted in days, a class's days being
    # its topic's hours at hours.day_hours["default"] a day, rounded up
    max_days_away: float = Field(40.0, gt=0)
    periods: int = Field(12, ge=1, le=MAX_PERIODS)
    # a class starts on its period's first working day: not a Saturday or Sunday, nor a day of fixed_holidays (every
    # year: 元旦, 劳动节 1-3 May, 国庆节 1-7 October, 《全国年节及纪念日放假办法》) or of holidays (the office's own: the
    # Spring Festival and the other lunar holidays of its year, as the State Council's notice gives them), each
    # "MM-DD" (every year) or "YYYY-MM-DD" (once); earlier where its days would run past the period's end
    fixed_holidays: list[str] = Field(default_factory=lambda: list(_FIXED_HOLIDAYS))
    holidays: list[str] = Field(default_factory=list)
    # whether a class meets on its rest days (is_holiday: Saturdays, Sundays, public holidays), as a residential
    # class through its weekends: its days are consecutive days, its daily sign-in sheet a box for each. false (the
    # default): it has no lessons then. A class of up to working_days_up_to days (16: the 12- and 15-day classes
    # signed in daily) holds them on working days, a day of lessons each (DOMAIN: a training day is 6 hours, 12 days
    # of 72 hours), its dates running past a weekend where they must (3 days from a Friday: Friday, Monday,
    # Tuesday; 15 days from a Monday: three weeks); a longer one runs its days as consecutive days, its weekends off
    # within them, as a month's or three months' course is counted (3 months = 90 days). Its sign-in sheet has no
    # box on a rest day, and records import counts no seat absent then (blank weekend boxes read as 2 days' leave
    # of 12 broke the 1/7 rule for every seat)
    meets_on_rest_days: bool = False
    # Saturdays and Sundays that are working days (调休上班, as the State Council's notice gives them), "YYYY-MM-DD":
    # a class may start and hold its lessons on them
    workdays: list[str] = Field(default_factory=list)
    working_days_up_to: int = Field(16, ge=0, le=31)
    unit_away_share: float = Field(0.2, gt=0.0, le=1.0)
    # hours are not a class: the hours standard is met by the classes planned and by online learning;
    # a generic 学时补足 class is formed only when this says so, and seats a cadre only for the hours its other
    # classes leave (planner.top_up)
    hours_top_up_class: bool = False
    # theory classes for leading cadres apart from staff (appointment classes are graded by their band's topic)
    grade_theory: bool = True
    # a group too small for its own class is sent up to the next organizer's class of its kind, else
    # trained online where a resource teaches its topic online, else in its own unit where the unit
    # share kept it back
    send_up: bool = True
    online: bool = True
    in_unit: bool = True
    # the training types a unit may teach itself (单位自主培训 "where the topic allows"): a group of one of
    # these too small for a class, or held back by its unit's share, is trained in its unit; appointment
    # and initial training are the managing level's to give, never the unit's
    in_unit_types: list[_TrainingKind] = Field(default_factory=lambda: list(_UNIT_TEACHES))
    # the routes that may serve an obligation (appointment, initial, central-decision rotation) no class took: the
    # next organizer's class; never online learning or the unit's own, which do not fill full-time training
    # (DOMAIN: online learning does not fill the concentrated standard): left unmet, a violation to chase
    obligation_routes: list[_Route] = Field(default_factory=lambda: list(_OBLIGATION_ROUTES))
    # without an online resource for a topic, the cadre online academy (干部网络学院) is taken to teach it
    default_online_academy: str = "干部网络学院"
    # the theory core is taught as one theory class (理论教育和党性教育专题班), one seat per cadre
    bundle_core: bool = True
    core_class_topic: str = "theory-core-class"
    # the level that manages each tier where 管理权限 is blank; organizer_by_unit_level's entry for the
    # unit's level and the tier, where there is one, comes first
    organizer_by_tier: dict[str, str] = Field(
        default_factory=lambda: {
            "省部级": "中央管理",
            "厅局级": "省委管理",
            "县处级": "市委管理",
            "乡科级": "县委管理",
            "科员级": "县委管理",
            "企业": "企业党委管理",
        }
    )
    # A cadre whose 管理权限 is blank is organized by the level its unit's other cadres of its tier write,
    # where they agree (planner.context), else by the level that manages its tier in a unit of its unit's
    # level (organizer_by_unit_level), else by organizer_by_tier. The unit's level comes from its name: the
    # first entry with a marker in the name (its ignore words taken out; letters in any case) wins; a unit
    # no entry matches is of default_unit_level. A district (市辖区: 朝阳区人民政府, 浦东新区, a city's 城区) is
    # county-level, as are the 居委会 and 村委会 under its 街道 and 乡镇; 区 in the name of a province
    # (自治区), a prefecture (地区), a city's zone or park (开发区, 高新区, 园区 ...) or an office's field (社区,
    # 区域, 区划) is no district
    unit_levels: list[UnitLevel] = Field(default_factory=lambda: [
        UnitLevel(level="enterprise", markers=["公司", "集团", "Company", "Co.", "Corporation"]),
        UnitLevel(level="county", markers=["县", "乡", "镇", "街道", "区", "居委会", "居民委员会", "村委会", "村民委员会",
                                           "County", "Township", "District"],
                  ignore=["城乡", "乡村", "县域", "城镇", "乡镇企业", "自治区", "地区", "社区", "小区", "园区", "开发区",
                          "高新区", "经开区", "保税区", "自贸区", "试验区", "示范区", "合作区", "特区", "风景区",
                          "名胜区", "保护区", "区域", "区划", "片区", "辖区", "校区", "库区", "老区"]),
    ])
    default_unit_level: str = "city"
    # unit level -> tier -> organizer, in place of organizer_by_tier for those tiers: a county manages its
    # own section-level and staff cadres (县委管理), a city-level unit's (市直) are managed by the city
    # (市委管理), an enterprise's by its own party committee (企业党委管理)
    organizer_by_unit_level: dict[str, dict[str, str]] = Field(default_factory=lambda: {
        "county": {"乡科级": "县委管理", "科员级": "县委管理"},
        "city": {"乡科级": "市委管理", "科员级": "市委管理"},
        "enterprise": {"乡科级": "企业党委管理", "科员级": "企业党委管理"},
    })
    # the management levels, highest first; an organizer not listed (企业党委管理) stands apart
    organizer_order: list[str] = Field(default_factory=lambda: ["中央管理", "省委管理", "市委管理", "县委管理"])
    # the tiers each organizer normally manages. A 管理权限 written in the roster is implausible (a
    # warning, implausible-organizer; the classes still form under it) when it is below every organizer
    # of organizer_order that normally manages the cadre's tier, or more than one level above them (one
    # above is usual: a city bureau's 科员 are 市委管理, a provincial organ's 县处级 cadres 省委管理); an
    # organizer apart from the order is implausible for a tier it does not list
    organizer_tiers: dict[str, list[str]] = Field(default_factory=lambda: {
        "中央管理": ["省部级"],
        "省委管理": ["厅局级"],
        "市委管理": ["县处级"],
        "县委管理": ["乡科级", "科员级"],
        "企业党委管理": ["企业", "乡科级", "科员级"],
    })
    # the next organizer up: a group too small for its own class is sent to its class (上级调训)
    organizer_parent: dict[str, str] = Field(default_factory=lambda: {
        "县委管理": "市委管理",
        "市委管理": "省委管理",
        "省委管理": "中央管理",
        "企业党委管理": "市委管理",
    })

    # other ways rosters write a 管理权限, each read as its organizer's name (whitespace and full-width forms
    # aside): 市管 and 市管干部 are 市委管理, so that one organizer's cadres share its classes. An office's own
    # entries are added to these; an organizer it lists takes its list in place of this one's ([] for none)
    organizer_aliases: dict[str, list[str]] = Field(default_factory=lambda: {k: list(v) for k, v in
                                                                          ORGANIZER_ALIASES.items()})

    # the body that runs (主办) an organizer's classes, as the annual plan and the sign-in sheets name it: the
    # organization department of the level that manages the cadres (DOMAIN: 市委管理 cadres are called up by
    # 市委组织部). An organizer not listed whose name ends in 管理 is run by its 组织部 (区委管理: 区委组织部),
    # any other by itself, as written
    organizer_bodies: dict[str, str] = Field(default_factory=lambda: {
        "中央管理": "中央组织部",
        "省委管理": "省委组织部",
        "市委管理": "市委组织部",
        "县委管理": "县委组织部",
        "企业党委管理": "企业党委组织部",
    })

    def organizer_body(self, organizer: str) -> str:
        """The body that runs organizer's classes (organizer_bodies; 区委管理: 区委组织部); '' for none."""
        found = self.organizer_bodies.get(organizer)
        if found is not None:
            return found
        return organizer[:-2] + "组织部" if organizer.endswith("管理") and len(organizer) > 2 else organizer

    def organizer_names(self) -> dict[str, str]:
        """text.fold of each organizer's name the settings above give, and of each alias -> the organizer's name
        as written there: a 管理权限 is read under its organizer's name (planner.context, core.facts, rules on
        managed_by)."""
        names = [*_organizers_named(vars(self)), *self.organizer_aliases]
        known = {fold(name): name for name in reversed(names) if name.strip()}  # the first spelling given wins
        for name, aliases in self.organizer_aliases.items():
            for alias in aliases:
                known.setdefault(fold(alias), name)
        return known

    @staticmethod
    def organizer_named(names: Mapping[str, str], written: str) -> str:
        """The organizer a 管理权限 names: under its name where names (organizer_names()) know it by another way of
        writing it (市管 is 市委管理), else as written, stripped."""
        return names.get(fold(written), written.strip())

    @field_validator("fixed_holidays", "holidays", "workdays", mode="before")
    @classmethod
    def _days_as_text(cls, value: Any) -> Any:
        """A TOML date (holidays = [2027-02-06], unquoted) read as its text; a text with full-width digits or spaces
        around it (typed with a Chinese input method), or written as a clerk writes a day (2027年2月7日, 2027/2/7,
        2月7日), read as it means (_as_written)."""
        if isinstance(value, list):
            return [day.isoformat() if isinstance(day, dt.date) else _as_written(day) if isinstance(day, str) else day
                    for day in value]
        return value

    @field_validator("fixed_holidays", "holidays", "workdays")
    @classmethod
    def _days(cls, value: list[str], info: ValidationInfo) -> list[str]:
        """Each a real day: MM-DD (02-29 a leap year's) or YYYY-MM-DD; a make-up working day (workdays) a Saturday
        or Sunday of one year, as that year's notice gives it."""
        for day in value:
            try:
                if not _HOLIDAY.fullmatch(day):
                    raise ValueError
                date = dt.date.fromisoformat(day if len(day) == 10 else f"2024-{day}")
            except ValueError:
                if info.field_name == "workdays":
                    raise ValueError(_NO_WORKDAY.format(day=day)) from None
                raise ValueError(f"'{day}' is not a day: write MM-DD (every year, e.g. 10-01 or 10月1日) or "
                                 "YYYY-MM-DD (once, e.g. 2027-02-06 or 2027年2月6日)") from None
            if info.field_name == "workdays" and (len(day) != 10 or date.weekday() < 5):
                raise ValueError(_NO_WORKDAY.format(day=day))
            if info.field_name == "workdays" and any(
                    _listed(date, days) for days in (info.data.get("holidays", []), info.data.get("fixed_holidays", []))):
                raise ValueError(f"'{day}' is among the holidays too: a day is a holiday or a working day, not both")
        return value

    def is_holiday(self, day: dt.date) -> bool:
        """Whether no class starts on day: a Saturday or a Sunday that is none of workdays, or a public holiday
        (is_public_holiday)."""
        if day.weekday() >= 5:
            return not (self.workdays and _listed(day, self.workdays))
        return self.is_public_holiday(day)

    def is_public_holiday(self, day: dt.date) -> bool:
        """Whether day is one of fixed_holidays or holidays."""
        return _listed(day, self.fixed_holidays) or _listed(day, self.holidays)

    def class_days(self, start: dt.date, end: dt.date) -> float:
        """The days of a class held from start to end, as class_end counts them: its working days where they are up
        to working_days_up_to and it has no lessons on rest days (meets_on_rest_days), else its days in a row."""
        in_a_row = (end - start).days + 1
        if self.meets_on_rest_days or in_a_row < 1:
            return float(max(in_a_row, 1))
        working = sum(1 for n in range(in_a_row) if not self.is_holiday(start + dt.timedelta(days=n)))
        return float(working if 0 < working <= self.working_days_up_to else in_a_row)

    def class_end(self, start: dt.date, days: float) -> dt.date:
        """The last day of a class of so many days from start (a day at least): its days-th working day from start
        (start counting as its first) where it is of up to working_days_up_to days and has no lessons on rest
        days (meets_on_rest_days), else start's days-th day."""
        count = max(math.ceil(days), 1)
        if self.meets_on_rest_days or days > self.working_days_up_to:
            return start + dt.timedelta(days=max(days, 1.0) - 1)
        day = start
        for _ in range(count - 1):
            day += dt.timedelta(days=1)
            while self.is_holiday(day):
                day += dt.timedelta(days=1)
                if (day - start).days > _YEAR:  # no working day within a year (a list of every day): days in a row
                    return start + dt.timedelta(days=max(days, 1.0) - 1)
        return day

    def working_day(self, day: dt.date) -> dt.date:
        """The first day from day on that is no holiday (is_holiday): where a class of a period starting then starts;
        day itself where none is within a year (a list of every day)."""
        for ahead in range(366):
            if not self.is_holiday(later := day + dt.timedelta(days=ahead)):
                return later
        return day

    @field_validator("organizer_aliases", mode="before")
    @classmethod
    def _added_to_ours(cls, value: Any, info: ValidationInfo) -> Any:
        """An office's organizers and their aliases added to the built-in ones: its list for one of them in place of
        the built-in list, and a built-in alias it gives another organizer, or names an organizer of its own by
        (organizer_order ... organizer_by_unit_level), left to it (县级市: 县委管理 = ["市管"])."""
        if not isinstance(value, dict):
            return value
        theirs = {fold(str(name)) for name in [*value, *_organizers_named(info.data)]}
        theirs |= {fold(str(alias)) for aliases in value.values() if isinstance(aliases, list) for alias in aliases}
        ours = {name: [alias for alias in aliases if fold(alias) not in theirs]
                for name, aliases in ORGANIZER_ALIASES.items() if name not in value}
        return {**ours, **value}

    @field_validator("organizer_aliases")
    @classmethod
    def _one_organizer_an_alias(cls, value: dict[str, list[str]], info: ValidationInfo) -> dict[str, list[str]]:
        """An alias names one organizer, and none that is an organizer of its own (the settings above it)."""
        organizers = {fold(name) for name in [*_organizers_named(info.data), *value]}
        named: dict[str, str] = {}
        for name, aliases in value.items():
            for alias in aliases:
                key = fold(alias)
                if not key:
                    raise ValueError(f"an alias of {name} is blank")
                if key in organizers and key != fold(name):
                    raise ValueError(f"{alias} is an organizer of its own, not another way to write {name}")
                if named.setdefault(key, name) != name:
                    raise ValueError(f"{alias} is given for two organizers: {named[key]} and {name}")
        return value

    @field_validator("organizer_parent")
    @classmethod
    def _no_cycle(cls, value: dict[str, str]) -> dict[str, str]:
        for start in value:
            seen, name = [start], value[start]
            while name in value and name not in seen:
                seen.append(name)
                name = value[name]
            if name in seen:
                raise ValueError(f"the organizers go round in a circle: {' -> '.join([*seen, name])}")
        return value


class LimitsConfig(_Section):
    max_rows: int = Field(1_100_000, ge=1)
    max_text_length: int = Field(500, ge=1)
    # a workbook's zip package is refused as a zip bomb past these: the bounds keep an ordinary workbook (some 10 to
    # 100 parts, its XML packed 5 to 10 times, a roster of a few thousand cadres within 16 MiB) from being one
    max_zip_members: int = Field(10_000, ge=100)
    max_uncompressed_bytes: int = Field(2_000_000_000, ge=16 << 20)
    max_compression_ratio: float = Field(200.0, ge=20)
    # the most a roster's cell may say of a year: more hours or days of training than a year holds is a slip (a
    # number pasted into the wrong column, 1e15 for 15), read as blank with a warning; five-year cells may say
    # hours.cycle_years times as much. Hours: every day of a leap year at 8 hours, the longest training day offices
    # count (an enterprise's; a party school's is 6)
    max_hours_year: float = Field(366 * 8.0, gt=0, le=366 * 24.0)
    max_days_year: float = Field(366.0, gt=0, le=366.0)
    # a sheet is read as one grid from A1 to its last cell: one cell at XFD1048576 would ask for 17
    # billion cells. Sized for the biggest real roster; a sheet beyond them is refused before reading.
    max_sheet_rows: int = Field(1_048_576, ge=1)
    max_sheet_columns: int = Field(256, ge=1)  # the old .xls width (IV): a converted sheet may use it all
    max_sheet_cells: int = Field(40_000_000, ge=1)
    max_merged_ranges: int = Field(500_000, ge=0)
    max_line_bytes: int = Field(1_048_576, ge=1)  # one line of a CSV file
    excel_max_rows: int = Field(1_048_576, ge=4, le=1_048_576)  # Excel holds no more; a header and a row under a title
    # a detail sheet of gap-report.xlsx (one row per need, open obligation, cadre's compliance, unmet need or hours
    # left) longer than this, its header row counted, is left out (the unit ranking keeps each unit's first ranks
    # that fit), its Summary naming the files that hold it in full: a million-row sheet takes minutes to open
    detail_rows: int = Field(100_000, ge=1)
    # problems listed in the --format json summary of analyze and classes (errors chosen first, listed in their
    # order); the rest are counted
    summary_problems: int = Field(1_000, ge=0)
    # a roster sheet whose newest 任现职时间, 录用时间 or 参加工作时间 is more than stale_roster_months before the as-of
    # date is said to be perhaps out of date, where at least stale_roster_cadres of its cadres have such a date (where
    # the old sheets hold more of them than the current ones, a folder of units' rosters, they count together): run on
    # today with last year's roster, its obligations all read as overdue
    stale_roster_months: int = Field(12, ge=1)
    stale_roster_cadres: int = Field(50, ge=1)
    # units listed in counts.overdue_by_unit of that summary (those with the most overdue obligations); the rest
    # are counted: a province has thousands of units, every one in analysis.json's summary (and the gap report,
    # obligations.parquet)
    summary_units: int = Field(100, ge=0)
    # sign-in sheets in one workbook: a plan of more classes puts them in class-rosters-<organizer>.xlsx files
    # (in parts where an organizer has more), class-rosters.xlsx keeping the Overview and the annual plan
    roster_sheets: int = Field(250, ge=1)
    # outputs written side by side in this many processes where the system can fork (1: one after another)
    write_processes: int = Field(2, ge=1, le=2)
    # a worksheet of at least scan_split_bytes of XML (unpacked) is checked for cells past the limits, before it is
    # parsed, in this many processes where the system can fork (1: in one): a copy of the run scans the last part
    scan_processes: int = Field(2, ge=1, le=2)
    scan_split_bytes: int = Field(16 << 20, ge=1)
    # a workbook's largest worksheet of at least parse_split_bytes of XML (unpacked) is parsed in this many processes
    # where the system can fork (1: in one): a copy of the run parses its last rows and sends them back
    parse_processes: int = Field(2, ge=1, le=2)
    parse_split_bytes: int = Field(4 << 20, ge=1)  # 10,000 cadres written without shared strings: 11 MiB
    # a roster of at least needs_split_cadres cadres has its needs found in this many processes where the system can
    # fork (1: in one): a copy of the run finds a share of them and sends back what it found
    needs_processes: int = Field(2, ge=1, le=2)
    needs_split_cadres: int = Field(5_000, ge=1)
    # a roster sheet of at least build_split_rows rows below its header has its cadres built in this many processes
    # where the system can fork (1: in one): a copy of the run builds the last rows and sends the cadres back (the
    # same cadres, problems and counts), given time to send them as the needs' copy is (needs_wait_seconds)
    build_processes: int = Field(2, ge=1, le=2)
    build_split_rows: int = Field(10_000, ge=1)
    # the second process is given, once the run has found its own share, as long again as that took and at least this
    # many seconds to send back what it found; past that it is killed and the run finds those cadres itself (a copy
    # forked while another thread held a lock, as in a notebook, may wait for it for good)
    needs_wait_seconds: float = Field(60.0, gt=0)
    # an Excel 97-2003 workbook (.xls) is parsed by a copy of the run (limits.parse_processes 2), which may map this
    # much memory more than it was forked with (or 16 times the file's size, where more), and is given this long
    # to send its sheets: a copy past either is taken for a file that cannot be read
    xls_memory_bytes: int = Field(4 << 30, ge=1 << 28)
    xls_wait_seconds: float = Field(600.0, gt=0)


class RostersConfig(_Section):
    """The [rosters] section: the sign-in sheets (签到表) of class-rosters.xlsx."""

    # a 身份证号 (18 or 15 digits) is printed masked, 110101********1234; the full id stays in a hidden
    # column of the sheet, so `needscli records import` still knows whose row it is
    mask_id_numbers: bool = True
    # a class of up to so many days signs in each day, one 签到 box a day (the 1/7 leave rule counts days); a
    # longer one each week. 16 covers the 12- and 15-day classes of a party school and still prints one A4 page
    # wide, landscape; past about 20 the boxes print too small to sign in
    daily_sign_in_days: int = Field(16, ge=1, le=31)


_NOT_IN_A_LINE = frozenset({"Cc", "Cf", "Zl", "Zp"})  # control and format characters, line and paragraph separators
OFFICE_MOST = 60  # characters of [report] office: the longest name of an office, and a title a page prints


class ReportConfig(_Section):
    """The [report] section: words of the office the reports are written for."""

    # the office that makes the plan (XX市委组织部), before the annual plan's title (XX市委组织部年度培训计划
    # （2027-01至2027-12）), not the sign-in sheets' (each names who runs its class); empty: no office named. One
    # line of at most OFFICE_MOST characters: 10,000 shrank the printed plan to a seventh of its width
    office: str = ""

    @field_validator("office")
    @classmethod
    def _one_line(cls, value: str) -> str:
        value = value.strip()
        # a full-width space (XX市委组织部　干部教育科) is a character of a name; a line break, a tab or a bell is not
        if any(unicodedata.category(ch) in _NOT_IN_A_LINE for ch in value):
            raise ValueError("holds a line break or a control character: write the office's name on one line")
        if len(value) > OFFICE_MOST:
            raise ValueError(f"is {len(value)} characters long: write the office's name in at most {OFFICE_MOST}")
        return value


class InputConfig(_Section):
    # how a date written with day and month before the year (7/5/2011, 07/10/83) is read: "mdy" month
    # first (US HR systems), "dmy" day first; "ymd" reads only those whose order shows (25/7/2011) and
    # reports the others
    date_order: Literal["ymd", "mdy", "dmy"] = "ymd"
    # the sheet of each roster workbook to read as the roster, by name, where its name does not say so
    # (one roster: roster.xlsx#花名册 on the command line does the same)
    roster_sheet: str = ""


class Config(_Section):
    """Everything a locality may change. Load with io.config_file.load_config()."""

    hours: HoursConfig = Field(default_factory=HoursConfig)
    needs: NeedsConfig = Field(default_factory=NeedsConfig)
    obligations: ObligationsConfig = Field(default_factory=ObligationsConfig)
    classes: ClassesConfig = Field(default_factory=ClassesConfig)
    limits: LimitsConfig = Field(default_factory=LimitsConfig)
    input: InputConfig = Field(default_factory=InputConfig)
    rosters: RostersConfig = Field(default_factory=RostersConfig)
    report: ReportConfig = Field(default_factory=ReportConfig)
    ledger: LedgerConfig = Field(default_factory=LedgerConfig)
    levels: list[Level] = Field(default_factory=lambda: [lv.model_copy() for lv in DEFAULT_LADDER])
    level_groups: list[LevelGroup] = Field(default_factory=lambda: list(DEFAULT_GROUPS))
    categories: list[Vocabulary] = Field(default_factory=lambda: _vocab(
        ("领导干部", "leading cadre", ["领导人员"]),
        ("公务员", "civil servant", ["一般公务员"]),
        ("专业技术人员", "professional and technical staff", ["专技人员", "专业技术干部"]),
        ("企业经营管理人员", "enterprise manager", ["国企经营管理人员", "企业管理人员"]),
        ("基层干部", "grassroots cadre", ["村社区干部", "乡镇干部"]),
    ))
    job_families: list[Vocabulary] = Field(default_factory=lambda: _vocab(
        ("综合管理类", "general management", ["综合管理"]),
        ("专业技术类", "professional technical", ["专业技术"]),
        ("行政执法类", "administrative enforcement", ["行政执法"]),
    ))
    source_kinds: list[Vocabulary] = Field(default_factory=lambda: _vocab(
        ("中央重大决策部署", "central decision", ["重大决策部署", "central-decision"]),
        ("改革难点问题", "reform difficulty", ["改革难点", "reform-difficulty"]),
        ("热点难点问题", "hot issue", ["热点问题", "热点难点", "hot-issue"]),
        ("其他", "other", ["其它"]),
    ))

    def __init__(self, **data: Any) -> None:
        """Config(classes={"max_size": 40}) is checked as a config dict given to the Python API is: a fault raises
        the NeedsError analyze() raises for it by default (_refused). Only calling Config comes here: validating data (model_validate, a
        Config within a Snapshot or a Project) raises pydantic's ValidationError, for its caller to name the file
        (config_from_data) or call it damaged (read_snapshot)."""
        try:
            super().__init__(**data)
        except ValidationError as exc:
            raise _refused(validation_problems(exc, "config")) from None
        issues = self.check()
        if issues:
            raise _refused([Problem(code="bad-value", file="config", message=issue) for issue in issues])

    # pydantic calls a model's own __init__ to validate data into it (nested or by model_validate) unless told it is
    # the base one's: validating data builds the model as BaseModel's would, field by field, and never comes above
    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]

    def english_names(self) -> dict[str, dict[str, str]]:
        """The English name of each config word that has one, by the fact it is a value of (level, level_group,
        category, job_family): what an English run shows a person for the word. Organizers have none: an office
        names its own (市委管理), and an English run shows them as configured."""
        def named(entries: list[Level] | list[LevelGroup] | list[Vocabulary]) -> dict[str, str]:
            return {e.name: e.english for e in entries if e.english}

        return {"level": named(self.levels), "level_group": named(self.level_groups),
                "category": named(self.categories), "job_family": named(self.job_families)}

    def band_hours(self) -> dict[str, float]:
        """Each appointment band's topic -> its course's hours: its days (ObligationsConfig.band_days) at
        hours.day_hours["default"] a day, as long for its needs as for its classes."""
        per_day = self.hours.day_hours.get("default", 6.0)
        return {topic: round(days * per_day, 2) for topic, days in self.obligations.band_days().items()}

    def probation_level(self) -> Level | None:
        """The level of a probationer not yet graded (the first level marked probation), or None where the ladder
        has none (a blank 职级 then skips the row, whatever its 录用时间)."""
        return next((lv for lv in self.levels if lv.probation), None)

    def check(self) -> list[str]:
        """Cross-field checks a schema cannot express; returns messages."""
        out = []
        if self.classes.min_size > self.classes.max_size:
            out.append(f"classes.min_size {self.classes.min_size} is above max_size {self.classes.max_size}")
        tiers = {lv.tier for lv in self.levels}
        for group in self.level_groups:
            unknown = [t for t in group.tiers if t not in tiers]
            if unknown:
                out.append(f"level group {group.name} names unknown tiers {unknown}")
        for band in self.obligations.appointment_bands:
            unknown = [t for t in band.tiers if t not in tiers]
            if unknown:
                out.append(f"appointment band {band.topic} names unknown tiers {unknown}")
        return out


PROJECT_SECTIONS = frozenset({"inputs", "options", "columns", "outputs"})


def config_from_data(data: dict[str, Any], file: str) -> Config:
    """The Config of a TOML file's tables (absent sections keep DOMAIN.md's defaults); a fault raises
    NeedsError naming every key at fault."""
    # a project file (needscli.toml) also carries these sections; they are not thresholds
    data = {k: v for k, v in data.items() if k not in PROJECT_SECTIONS}
    extended, added = _extended(data, file)
    return validated_config(extended, file, added)


def validated_config(data: dict[str, Any], file: str, added: Mapping[str, int] | None = None) -> Config:
    """data (a config's tables, its ladder whole) as a Config, checked as a config file is: every key at fault named
    (NeedsError), then the checks across its fields (Config.check). added: the built-in entries put before the
    file's own [[levels]] and [[level_groups]], by key, so that a fault names the file's entry (levels.0, not 64)."""
    if (unknown := unknown_keys(Config, data, file, PROBLEMS_KEPT, added)) is not None:
        raise problems_error(*unknown)
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        raise validation_error(exc, file, added=added) from None
    issues = config.check()
    if issues:
        raise problems_error([Problem(code="bad-value", file=file, message=issue) for issue in issues])
    return config


def _extended(data: dict[str, Any], file: str) -> tuple[dict[str, Any], dict[str, int]]:
    """[[levels]] and [[level_groups]] add to the built-in ladder and groups (an entry named as a built-in
    one, or as one of its aliases, takes its place); with extend_levels = false they replace them. Returns the
    tables and, by key, how many built-in entries come before the file's own."""
    data, added = dict(data), dict[str, int]()
    extend = data.pop("extend_levels", True)
    if not isinstance(extend, bool):
        raise problems_error([Problem(code="bad-value", file=file, column="extend_levels",
                                      message="extend_levels must be true or false",
                                      expected="true (add to the built-in ladder) or false (replace it)")])
    if not extend:
        return data, added
    for key, builtin in (("levels", DEFAULT_LADDER), ("level_groups", DEFAULT_GROUPS)):
        given = data.get(key)
        if not isinstance(given, list):
            continue
        names = {str(item.get("name", "")) for item in given if isinstance(item, dict)}
        names |= {str(a) for item in given if isinstance(item, dict) for a in item.get("aliases", []) or []}
        kept = [entry.model_dump() for entry in builtin
                if entry.name not in names and not names & set(entry.aliases)]
        data[key], added[key] = kept + given, len(kept)
    return data, added
