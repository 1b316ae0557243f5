"""Fixtures shared by the tests. The plain builders live in builders.py, which test files import."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

# make_needs_workbook and sheet_records too: tests that import their builders from conftest find them here
from builders import (  # noqa: F401
    SMALL_CLASSES,
    make_config,
    make_needs_workbook,
    make_unit_folder,
    sheet_records,
)

from needscli.records.store import Ledger, open_ledger


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    """A new, empty ledger file, closed after the test."""
    with open_ledger(tmp_path / "ledger.db") as opened:
        yield opened


@pytest.fixture(scope="module")
def unit_folder(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A folder of five unit rosters (see make_unit_folder) and a config that lets small classes form."""
    tmp_path = tmp_path_factory.mktemp("units")
    return make_unit_folder(tmp_path), make_config(tmp_path, SMALL_CLASSES)


# --- planner builders ---------------------------------------------------------------------------
# A small catalog, cadres and needs for the class planner; and a varied roster for the needs engine
# whose needs the planner takes. (Imported here: this section was added to the file as a whole.)

import datetime as dt  # noqa: E402
import random  # noqa: E402

from builders import make_cadre  # noqa: E402

from needscli.config import ClassesConfig, Config  # noqa: E402
from needscli.core.catalog import Catalog  # noqa: E402
from needscli.models import (  # noqa: E402
    Cadre,
    Completion,
    Need,
    PostRequirement,
    Priority,
    Rating,
    Resource,
    Topic,
)
from needscli.planner import Plan, form_classes  # noqa: E402

PLAN_START = dt.date(2027, 1, 1)
JOB_FAMILIES = ("综合管理类", "专业技术类", "行政执法类")
PLAN_CORE = ["core-a", "core-b", "core-c"]  # the core topics of plan_catalog


def plan_catalog() -> Catalog:
    """Three core topics (bundled into the theory class) and five specialized ones, a to e."""
    topics = [Topic(id=t, name_zh=f"核心{t[-1]}", name_en=f"Core {t[-1]}", training_type="theory", core=True, rank=i)
              for i, t in enumerate(PLAN_CORE)]
    topics += [Topic(id=t, name_zh=f"主题{t.upper()}", name_en=f"Topic {t.upper()}", training_type="specialized")
               for t in ["a", "b", "c", "d", "e"]]
    return Catalog(topics)


def plan_config(**classes: object) -> Config:
    """Classes of 2 to 4, a whole unit may be away at once; classes overrides any [classes] setting."""
    settings = {"min_size": 2, "max_size": 4, "unit_away_share": 1.0, **classes}
    return Config(classes=ClassesConfig(**settings))  # type: ignore[arg-type]


def plan_cadre(i: int, unit: str = "甲单位", family: str = JOB_FAMILIES[0], level: str = "一级科员",
               managed_by: str = "") -> Cadre:
    """Cadre c<i> on row i + 2 of roster.xlsx; a 一级科员's classes are organized by 县委管理."""
    return Cadre(id=f"c{i:02d}", name=f"测试{i}", unit=unit, post="科员", level=level, job_family=family,
                 managed_by=managed_by, file="roster.xlsx", sheet="花名册", row=i + 2)


def plan_need(who: Cadre | str, topic: str, priority: float = 50.0, kind: str = "specialized") -> Need:
    """A need (from a post) of the cadre, or of the cadre id, for the topic."""
    cadre_id = who if isinstance(who, str) else who.id
    return Need(cadre_id=cadre_id, topic_id=topic, source="post", training_type=kind, priority=priority, reasons=[])


def plan_of(needs: list[Need], cadres: list[Cadre], cfg: Config | None = None, resources: list[Resource] | None = None,
            periods: int | None = None, lang: str = "zh") -> Plan:
    """form_classes over plan_catalog, from PLAN_START, with plan_config unless cfg is given."""
    return form_classes(needs, cadres, plan_catalog(), cfg or plan_config(), resources or [], PLAN_START, periods,
                        lang)


VARIED_AS_OF = dt.date(2026, 11, 1)
VARIED_POSTS = [PostRequirement(post_title="科员", topic="法治思维", required_level=4, importance=3),
                PostRequirement(post_title="科员", topic="公文写作", required_level=3, importance=5),
                PostRequirement(post_code="ZF01", topic="应急管理", required_level=5, importance=4),
                PostRequirement(post_title="科长", topic="法治思维", required_level=5, importance=2),
                PostRequirement(post_title="科长", topic="公文写作", required_level=2, importance=4)]
VARIED_PRIORITIES = [Priority(id="P1", topic="应急管理", target_levels=["县处级以上"], priority=5),
                     Priority(id="P2", topic="预算管理", target_units=["市税务局"], deadline=dt.date(2027, 3, 1)),
                     Priority(id="P3", topic="乡村振兴", target_categories=["基层干部"]),
                     Priority(id="P4", topic="生态文明建设")]
# rules that read a list fact, a topic fact, the completions and "any" conditions, besides the built-in ones
VARIED_RULES = """
[[rule]]
id = "senior-writing"
name = "senior writing"
topics = ["writing"]
weight = 40
all = [{ field = "level_group", op = "in", value = ["县处级以上", "厅局级以上"] }]
any = [{ field = "months_in_post", op = "<", value = 24 }, { field = "age", op = ">=", value = 50 }]

[[rule]]
id = "weak-law"
topics = ["rule-of-law"]
source = "personal"
all = [{ field = "ability:法治思维", op = "<=", value = 2 }]

[[rule]]
id = "no-party-spirit"
topics = ["discipline"]
all = [{ field = "completed", op = "not in", value = ["党性教育"] }, { field = "hours_year", op = "not empty" }]

[[rule]]
id = "deep-deficit"
topics = ["hours-top-up"]
source = "compliance"
all = [{ field = "hours_deficit", op = ">=", value = 20 }]
"""


def varied_cadres(count: int, seed: int = 7) -> list[Cadre]:
    """Cadres that share some inputs and differ in others, as on a real roster."""
    rnd = random.Random(seed)
    topics = ["党性教育", "党纪教育", "初任培训", "任职培训", "法治思维", "公文写作", "乡村振兴", "预算管理"]
    rated = ["法治思维", "数字化能力", "应急管理"]

    def some_date(start: int, end: int) -> dt.date | None:
        return None if rnd.random() < 0.1 else dt.date(rnd.randint(start, end), rnd.randint(1, 12), 1)

    cadres = []
    for i in range(count):
        completed = [Completion(topic=rnd.choice(topics), date=some_date(2018, 2026)) for _ in range(rnd.randint(0, 4))]
        ratings = {t: Rating(ability=rnd.choice([None, 1, 2, 3, 4, 5]), importance=rnd.choice([None, 2, 4, 5]))
                   for t in rnd.sample(rated, rnd.randint(0, 3))}
        cadres.append(make_cadre(
            f"{i:04d}", unit=rnd.choice(["市财政局", "市税务局", "县农业农村局"]),
            level=rnd.choice(["一级科员", "四级调研员", "县处级副职", "县处级正职", "厅局级副职"]),
            category=rnd.choice(["公务员", "领导干部", "基层干部", "企业经营管理人员", ""]),
            job_family=rnd.choice(["综合管理类", "行政执法类", "专业技术类"]), post=rnd.choice(["科员", "副局长", "科长"]),
            post_code=rnd.choice(["", "", "ZF01"]), appointed=some_date(2016, 2026),
            entry_date=some_date(1990, 2026), birth_date=some_date(1965, 2000),
            hours_year=rnd.choice([None, 0.0, 12.5, 40.0, 80.0]),  # deficits shared with five-year ones
            hours_five_year=rnd.choice([None, 100.0, 500.0, 540.0]),
            completed=completed, wishes=rnd.sample(["公文写作", "数字政府", "应急处置", "量子烹饪", "领导力"], rnd.randint(0, 3)),
            ratings=ratings))
    return cadres
