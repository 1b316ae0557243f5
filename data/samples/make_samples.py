"""Write the sample inputs: cadres.xlsx (a municipal training office's workbook) and roster-en.csv.

Everything here is synthetic and deterministic: a seeded random.Random (FastRandom), no clock.
The demo analyzes the workbook with --as-of 2026-11-01, and the dates are chosen around that day:
about 25 new entrants in the last 12 months, about 30 leading cadres appointed in the last 12
months (one exactly on 2026-08-01), everybody else older.

Importable pieces for the benchmark (sys.path.insert(0, "data/samples"); import make_samples):
    build_roster(n, seed) -> list[dict]   rows keyed by the Chinese headers (HEADERS)
    build_roster_en(n, seed) -> list[dict] rows keyed by the English headers (HEADERS_EN)
    build_posts(), build_priorities(), build_resources() -> list[dict]
    write_workbook(path, n, seed), write_csv(path, rows)

Usage: python data/samples/make_samples.py [--size 480] [--out DIR] [--seed 2026]
"""

from __future__ import annotations

import argparse
import bisect
import csv
import datetime as dt
import random
import re
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

AS_OF = dt.date(2026, 11, 1)  # the demo's --as-of; no dependence on today's date
RECENT_FROM = dt.date(2025, 12, 1)  # "within the last 12 months", with a month to spare
RECENT_TO = dt.date(2026, 10, 1)
OLD_BEFORE = dt.date(2025, 9, 1)  # everything "older" is on or before this month
FIXED_STAMP = dt.datetime(2026, 10, 31, 9, 0, 0)  # written into the xlsx instead of "now"
BASE_SIZE = 480
EN_SIZE = 60
DEFAULT_SEED = 2026

# ---------------------------------------------------------------------------------------------
# Vocabulary: headers, levels, categories, job families (as in src/needscli/config.py)

RATING_TOPICS = [("法治思维", "rule of law"), ("数字化能力", "digital skills"), ("应急管理", "emergency management")]
RATING_IDS = ["rule-of-law", "digital", "emergency"]
HEADERS = [
    "编号", "姓名", "单位", "部门", "现任职务", "岗位代码", "职级", "干部类别", "职位类别", "管理权限",
    "任现职时间", "参加工作时间", "录用时间", "出生年月", "本年度学时", "本年度培训天数", "五年累计学时",
    "本年度网络学时", "已参加培训", "个人培训需求",
] + [f"{kind}:{zh}" for zh, _ in RATING_TOPICS for kind in ("能力", "重要性")]
_RATING_KEYS = [(f"能力:{zh}", f"重要性:{zh}") for zh, _ in RATING_TOPICS]
HEADERS_EN = [
    "Cadre ID", "Name", "Unit", "Department", "Post", "Post code", "Level", "Category", "Job family",
    "Managed by", "Appointed to current post", "Entry date", "Birth date", "Hours this year",
    "Hours in five-year cycle", "Completed training", "Personal needs",
] + [f"{kind}:{en}" for _, en in RATING_TOPICS for kind in ("Ability", "Importance")]

# name -> (tier, leading, english, aliases a roster may write instead)
LEVELS: dict[str, tuple[str, bool, str, tuple[str, ...]]] = {
    "省部级正职": ("省部级", True, "Minister", ("正部级",)),
    "省部级副职": ("省部级", True, "Vice Minister", ("副部级",)),
    "厅局级正职": ("厅局级", True, "Director-General", ("正厅级", "正局级")),
    "厅局级副职": ("厅局级", True, "Deputy Director-General", ("副厅级", "副局级")),
    "一级巡视员": ("厅局级", False, "Level-1 Inspector", ()),
    "二级巡视员": ("厅局级", False, "Level-2 Inspector", ()),
    "县处级正职": ("县处级", True, "Division Director", ("正处级",)),
    "县处级副职": ("县处级", True, "Deputy Division Director", ("副处级",)),
    "一级调研员": ("县处级", False, "Level-1 Researcher", ()),
    "二级调研员": ("县处级", False, "Level-2 Researcher", ()),
    "三级调研员": ("县处级", False, "Level-3 Researcher", ()),
    "四级调研员": ("县处级", False, "Level-4 Researcher", ()),
    "乡科级正职": ("乡科级", True, "Section Chief", ("正科级",)),
    "乡科级副职": ("乡科级", True, "Deputy Section Chief", ("副科级",)),
    "一级主任科员": ("乡科级", False, "Level-1 Principal Staff Member", ()),
    "二级主任科员": ("乡科级", False, "Level-2 Principal Staff Member", ()),
    "三级主任科员": ("乡科级", False, "Level-3 Principal Staff Member", ()),
    "四级主任科员": ("乡科级", False, "Level-4 Principal Staff Member", ()),
    "一级科员": ("科员级", False, "Level-1 Staff Member", ()),
    "二级科员": ("科员级", False, "Level-2 Staff Member", ()),
    "科员": ("科员级", False, "Staff Member", ()),
    "办事员": ("科员级", False, "Clerk", ()),
    "中层正职": ("企业", True, "Middle Manager", ("企业中层正职",)),
    "中层副职": ("企业", True, "Deputy Middle Manager", ("企业中层副职",)),
    "一般管理人员": ("企业", False, "General Management Staff", ()),
}
# county governments write 正县级/副县级 where city bureaus write 正处级/副处级
COUNTY_ALIASES = {"县处级正职": ("正县级",), "县处级副职": ("副县级",), "乡科级正职": ("正科级", "正乡级"),
                  "乡科级副职": ("副科级", "副乡级")}
MANAGED_BY = {"省部级": "中央管理", "厅局级": "省委管理", "县处级": "市委管理", "乡科级": "县委管理",
              "科员级": "县委管理", "企业": "企业党委管理"}
CATEGORIES = {  # name -> (english, an alias some rows use)
    "领导干部": ("leading cadre", "领导人员"),
    "公务员": ("civil servant", "一般公务员"),
    "专业技术人员": ("professional and technical staff", "专技人员"),
    "企业经营管理人员": ("enterprise manager", "国企经营管理人员"),
    "基层干部": ("grassroots cadre", "乡镇干部"),
}
FAMILIES = {  # name -> (english, alias)
    "综合管理类": ("general management", "综合管理"),
    "专业技术类": ("professional technical", "专业技术"),
    "行政执法类": ("administrative enforcement", "行政执法"),
}

# Topic id -> (Chinese ways of writing it: name first, then aliases; English ways). From topics.toml.
TOPIC_WORDS: dict[str, tuple[list[str], list[str]]] = {
    "theory-xi": (["习近平新时代中国特色社会主义思想", "政治理论", "理论学习", "新思想"],
                  ["political theory", "theory"]),
    "party-spirit": (["党性教育", "党性修养", "理想信念教育"], ["Party spirit education", "party spirit"]),
    "discipline": (["党纪教育", "党纪学习教育", "廉政教育", "警示教育"], ["Party discipline education", "discipline"]),
    "history": (["党史国史教育", "党史学习教育", "四史教育"], ["Party and national history", "history"]),
    "values": (["社会主义核心价值观教育", "核心价值观"], ["Socialist core values", "core values"]),
    "initial-training": (["初任培训", "新录用公务员初任培训", "入职培训"], ["initial training"]),
    "appointment-training": (["任职培训", "提任培训"], ["appointment training"]),
    # the catalog name 在职培训（学时补足） is never written: its brackets would read as a date
    "hours-top-up": (["在职培训", "学时补足"], ["on-the-job training"]),
    "rule-of-law": (["法治思维与依法行政", "法治思维", "依法行政", "法律知识"], ["rule of law"]),
    "economy": (["经济工作与高质量发展", "高质量发展", "经济工作"], ["economy"]),
    "digital": (["数字政府与数字化能力", "数字化能力", "数字政府", "大数据", "人工智能"], ["digital skills"]),
    "emergency": (["应急管理与安全生产", "应急管理", "应急处置", "安全生产"], ["emergency management"]),
    "grassroots-governance": (["基层治理", "社会治理", "基层社会治理"], ["grassroots governance"]),
    "rural-revitalization": (["乡村振兴", "三农工作"], ["rural revitalization"]),
    "budget": (["预算与绩效管理", "预算管理", "绩效管理", "财务管理"], ["budget management"]),
    "ecology": (["生态文明建设", "生态环境保护", "绿色发展"], ["ecology"]),
    "leadership": (["领导力与科学决策", "领导能力", "科学决策", "领导力"], ["leadership"]),
    "mass-work": (["群众工作与信访", "群众工作", "信访工作"], ["mass work"]),
    "writing": (["公文写作", "公文处理", "写作能力"], ["official writing"]),
    "risk": (["防范化解重大风险", "风险防范", "风险防控", "底线思维"], ["risk prevention"]),
    "enforcement": (["行政执法规范化", "执法规范化", "行政执法", "执法能力"], ["administrative enforcement"]),
    "soe-management": (["国企改革与现代企业管理", "国企改革", "企业管理", "现代企业制度"],
                       ["corporate management"]),
}
# How people actually write a wish: near spellings that still point at one topic.
NEAR_WISHES: dict[str, tuple[list[str], list[str]]] = {
    "digital": (["数字化能力提升", "人工智能应用", "大数据分析"], ["digital skills training"]),
    "writing": (["公文写作能力", "公文写作技巧"], ["official writing skills"]),
    "emergency": (["突发事件应急处置", "安全生产管理"], ["emergency management drills"]),
    "leadership": (["领导力提升", "科学决策能力"], ["leadership skills"]),
    "rural-revitalization": (["乡村振兴战略实施"], ["rural revitalization practice"]),
    "rule-of-law": (["依法行政能力", "法治思维能力"], ["rule of law training"]),
    "mass-work": (["群众工作方法"], ["mass work methods"]),
    "budget": (["预算绩效管理"], ["budget management skills"]),
    "enforcement": (["执法规范"], ["administrative enforcement skills"]),
    "risk": (["风险防控能力"], ["risk prevention skills"]),
    "grassroots-governance": (["基层治理能力"], ["grassroots governance skills"]),
    "soe-management": (["国企改革深化"], ["corporate management skills"]),
}
# Wishes that match no topic: about five in the 480-cadre workbook.
ODD_WISHES = [("摄影技巧", "photography"), ("书法鉴赏", "calligraphy"), ("插花艺术", "flower arranging"),
              ("太极拳", "tai chi"), ("英语口语", "spoken English")]
THEORY = ["theory-xi", "party-spirit", "discipline", "history", "values"]
_OTHER_TOPICS = [t for t in TOPIC_WORDS if t not in THEORY and t not in {"initial-training", "appointment-training"}]

# ---------------------------------------------------------------------------------------------
# Units


@dataclass(frozen=True)
class Dept:
    zh: str
    en: str
    kind: str  # office | general | enforce | tech | township | company
    code: str  # post code of its staff
    head: tuple[str, str] = ("科长", "Chief")
    deputy: tuple[str, str] = ("副科长", "Deputy Chief")
    weight: float = 1.0


@dataclass(frozen=True)
class Unit:
    key: str
    zh: str
    en: str
    size: int  # cadres in the 480-cadre workbook
    kind: str  # gov | county | soe
    lead_dept: tuple[str, str]
    leaders: tuple[tuple[str, str, str], ...]  # (post, English post, level)
    depts: tuple[Dept, ...]
    researchers: tuple[str, ...] = ()
    wish_bias: tuple[tuple[str, float], ...] = ()


_OFFICE = ("主任", "Director")
_OFFICE_DEP = ("副主任", "Deputy Director")
CITY_LEADERS = (  # listed with the organization department, which tracks their training
    ("省委副书记、市委书记", "Deputy Provincial Party Secretary and Municipal Party Secretary", "省部级正职"),
    ("市长", "Mayor", "省部级副职"),
    ("市委副书记", "Deputy Municipal Party Secretary", "厅局级正职"),
)
UNITS: tuple[Unit, ...] = (
    Unit("org", "市委组织部", "Organization Department of the Municipal Party Committee", 40, "gov", ("部领导", "Leadership"),
         (("市委常委、组织部部长", "Standing Committee Member and Head of Organization", "厅局级副职"),
          ("常务副部长", "Executive Deputy Head", "县处级正职"),
          ("副部长", "Deputy Head", "县处级副职"), ("副部长", "Deputy Head", "县处级副职"),
          ("一级巡视员", "Level-1 Inspector", "一级巡视员")),
         (Dept("办公室", "General Office", "office", "BG01", _OFFICE, _OFFICE_DEP, 1.2),
          Dept("干部一科", "Cadre Section I", "general", "ZZ01"),
          Dept("干部二科", "Cadre Section II", "general", "ZZ01"),
          Dept("组织科", "Organization Section", "general", "ZZ01"),
          Dept("干部教育科", "Cadre Education Section", "general", "ZZ01"),
          Dept("公务员管理科", "Civil Service Section", "general", "ZZ01"),
          Dept("人才工作科", "Talent Section", "general", "ZZ01")),
         ("三级调研员",), (("writing", 3), ("leadership", 2))),
    Unit("ndrc", "市发展和改革委员会", "Municipal Development and Reform Commission", 55, "gov",
         ("委领导", "Leadership"),
         (("主任", "Director", "县处级正职"), ("副主任", "Deputy Director", "县处级副职"),
          ("副主任", "Deputy Director", "县处级副职"), ("副主任", "Deputy Director", "县处级副职"),
          ("二级巡视员", "Level-2 Inspector", "二级巡视员"), ("一级调研员", "Level-1 Researcher", "一级调研员")),
         (Dept("办公室", "General Office", "office", "BG01", _OFFICE, _OFFICE_DEP, 1.2),
          Dept("发展规划科", "Planning Section", "general", "FG01"),
          Dept("固定资产投资科", "Fixed Asset Investment Section", "general", "FG01"),
          Dept("体制改革和营商环境科", "Reform and Business Environment Section", "general", "FG02", weight=1.3),
          Dept("价格管理科", "Pricing Section", "general", "FG02"),
          Dept("能源科", "Energy Section", "general", "FG01"),
          Dept("市价格认证中心", "Price Certification Center", "tech", "FG01", _OFFICE, _OFFICE_DEP)),
         ("二级调研员", "四级调研员"), (("economy", 4),)),
    Unit("finance", "市财政局", "Municipal Finance Bureau", 55, "gov", ("局领导", "Leadership"),
         (("局长", "Director", "县处级正职"), ("副局长", "Deputy Director", "县处级副职"),
          ("副局长", "Deputy Director", "县处级副职"), ("副局长", "Deputy Director", "县处级副职"),
          ("一级调研员", "Level-1 Researcher", "一级调研员")),
         (Dept("办公室", "General Office", "office", "BG01", _OFFICE, _OFFICE_DEP),
          Dept("预算科", "Budget Section", "general", "CZ01", weight=1.5),
          Dept("国库科", "Treasury Section", "general", "CZ01"),
          Dept("国有资产管理科", "State Assets Section", "general", "CZ02"),
          Dept("政府债务管理科", "Government Debt Section", "general", "CZ02"),
          Dept("绩效评价科", "Performance Evaluation Section", "general", "CZ01"),
          Dept("财政投资评审中心", "Investment Review Center", "tech", "CZ01", _OFFICE, _OFFICE_DEP)),
         ("二级调研员", "三级调研员"), (("budget", 5), ("risk", 1))),
    Unit("market", "市市场监督管理局", "Municipal Administration for Market Regulation", 75, "gov",
         ("局领导", "Leadership"),
         (("局长", "Director", "县处级正职"), ("副局长", "Deputy Director", "县处级副职"),
          ("副局长", "Deputy Director", "县处级副职"), ("副局长", "Deputy Director", "县处级副职"),
          ("二级调研员", "Level-2 Researcher", "二级调研员")),
         (Dept("办公室", "General Office", "office", "BG01", _OFFICE, _OFFICE_DEP),
          Dept("综合行政执法支队", "Enforcement Brigade", "enforce", "SJ01", ("支队长", "Brigade Chief"),
               ("副支队长", "Deputy Brigade Chief"), 2.6),
          Dept("食品安全监管科", "Food Safety Section", "enforce", "SJ02", weight=1.4),
          Dept("药品医疗器械监管科", "Drug and Device Section", "enforce", "SJ02", weight=1.2),
          Dept("市场秩序科", "Market Order Section", "enforce", "SJ01"),
          Dept("登记注册科", "Registration Section", "general", "SJ03"),
          Dept("质量发展科", "Quality Section", "general", "SJ03")),
         ("三级调研员", "四级调研员", "四级调研员"), (("enforcement", 4), ("rule-of-law", 2))),
    Unit("emergency", "市应急管理局", "Municipal Emergency Management Bureau", 45, "gov", ("局领导", "Leadership"),
         (("局长", "Director", "县处级正职"), ("副局长", "Deputy Director", "县处级副职"),
          ("副局长", "Deputy Director", "县处级副职"), ("三级调研员", "Level-3 Researcher", "三级调研员")),
         (Dept("办公室", "General Office", "office", "BG01", _OFFICE, _OFFICE_DEP),
          Dept("安全生产执法支队", "Work Safety Enforcement Brigade", "enforce", "YJ01", ("支队长", "Brigade Chief"),
               ("副支队长", "Deputy Brigade Chief"), 2.2),
          Dept("危险化学品安全监管科", "Hazardous Chemicals Section", "enforce", "YJ01"),
          Dept("应急指挥中心", "Emergency Command Center", "general", "YJ02", _OFFICE, _OFFICE_DEP, 1.4),
          Dept("防灾减灾科", "Disaster Reduction Section", "general", "YJ02")),
         ("四级调研员",), (("emergency", 5), ("risk", 2))),
    Unit("ecology", "市生态环境局", "Municipal Ecology and Environment Bureau", 50, "gov", ("局领导", "Leadership"),
         (("局长", "Director", "县处级正职"), ("副局长", "Deputy Director", "县处级副职"),
          ("副局长", "Deputy Director", "县处级副职"), ("四级调研员", "Level-4 Researcher", "四级调研员")),
         (Dept("办公室", "General Office", "office", "BG01", _OFFICE, _OFFICE_DEP),
          Dept("生态环境保护综合行政执法支队", "Environmental Enforcement Brigade", "enforce", "ST01",
               ("支队长", "Brigade Chief"), ("副支队长", "Deputy Brigade Chief"), 2.4),
          Dept("环境监测站", "Environmental Monitoring Station", "tech", "ST02", ("站长", "Station Chief"),
               ("副站长", "Deputy Station Chief"), 1.6),
          Dept("大气环境科", "Air Quality Section", "general", "ST03"),
          Dept("水生态环境科", "Water Environment Section", "general", "ST03"),
          Dept("法规与标准科", "Regulations Section", "general", "ST03")),
         ("三级调研员",), (("ecology", 4), ("enforcement", 2))),
    Unit("county", "XX县人民政府", "XX County People's Government", 100, "county", ("县领导", "County leadership"),
         (("县长", "County Head", "县处级正职"), ("常务副县长", "Executive Deputy County Head", "县处级副职"),
          ("副县长", "Deputy County Head", "县处级副职"), ("副县长", "Deputy County Head", "县处级副职"),
          ("副县长", "Deputy County Head", "县处级副职"), ("三级调研员", "Level-3 Researcher", "三级调研员"),
          ("四级调研员", "Level-4 Researcher", "四级调研员")),
         (Dept("县政府办公室", "County Government Office", "office", "XZ02", _OFFICE, _OFFICE_DEP, 1.3),
          Dept("县发展和改革局", "County Development and Reform Bureau", "general", "FG01",
               ("局长", "Director"), ("副局长", "Deputy Director")),
          Dept("县财政局", "County Finance Bureau", "general", "CZ01", ("局长", "Director"), ("副局长", "Deputy Director")),
          Dept("城关镇", "Chengguan Town", "township", "XZ01", ("镇长", "Town Head"), ("副镇长", "Deputy Town Head"), 1.3),
          Dept("青石镇", "Qingshi Town", "township", "XZ01", ("镇长", "Town Head"), ("副镇长", "Deputy Town Head")),
          Dept("柳河乡", "Liuhe Township", "township", "XZ01", ("乡长", "Township Head"),
               ("副乡长", "Deputy Township Head")),
          Dept("南山镇", "Nanshan Town", "township", "XZ01", ("镇长", "Town Head"), ("副镇长", "Deputy Town Head")),
          Dept("白水乡", "Baishui Township", "township", "XZ01", ("乡长", "Township Head"),
               ("副乡长", "Deputy Township Head"))),
         (), (("grassroots-governance", 4), ("rural-revitalization", 4), ("mass-work", 3))),
    Unit("soe", "市城市投资集团有限公司", "Municipal Urban Investment Group Co., Ltd.", 60, "soe",
         ("", ""), (),
         (Dept("综合办公室", "General Office", "company", "BG01", ("主任", "Director"), ("副主任", "Deputy Director")),
          Dept("财务部", "Finance Department", "company", "QY01", ("经理", "Manager"), ("副经理", "Deputy Manager")),
          Dept("投资发展部", "Investment Department", "company", "QY01", ("经理", "Manager"),
               ("副经理", "Deputy Manager")),
          Dept("工程管理部", "Engineering Department", "company", "QY02", ("经理", "Manager"),
               ("副经理", "Deputy Manager"), 1.8),
          Dept("安全质量部", "Safety and Quality Department", "company", "QY02", ("经理", "Manager"),
               ("副经理", "Deputy Manager"), 1.2),
          Dept("风控法务部", "Risk and Legal Department", "company", "QY01", ("经理", "Manager"),
               ("副经理", "Deputy Manager")),
          Dept("人力资源部", "Human Resources Department", "company", "QY01", ("经理", "Manager"),
               ("副经理", "Deputy Manager"))),
         (), (("soe-management", 5), ("budget", 2), ("emergency", 1))),
)
_TOWN_SECRETARY = ("党委书记", "Party Secretary")

STAFF_LEVELS = (["一级主任科员", "二级主任科员", "三级主任科员", "四级主任科员", "一级科员", "二级科员", "科员", "办事员"],
                [8, 10, 12, 16, 24, 14, 5, 2])
TECH_LEVELS = (["四级主任科员", "一级科员", "科员", "办事员"], [3, 6, 4, 1])
TECH_TITLES = {"四级主任科员": ("高级工程师", "Senior Engineer"), "一级科员": ("工程师", "Engineer"),
               "科员": ("助理工程师", "Assistant Engineer"), "办事员": ("技术员", "Technician")}
COMPANY_TITLES = [("主管", "Supervisor"), ("专员", "Specialist"), ("会计", "Accountant"),
                  ("项目专员", "Project Officer"), ("工程师", "Engineer")]
BIRTH_YEARS = {
    "省部级正职": (1966, 1968), "省部级副职": (1966, 1970), "厅局级正职": (1966, 1972), "厅局级副职": (1967, 1974),
    "一级巡视员": (1966, 1969), "二级巡视员": (1966, 1971), "县处级正职": (1966, 1980), "县处级副职": (1968, 1984),
    "一级调研员": (1966, 1974), "二级调研员": (1966, 1976), "三级调研员": (1967, 1978), "四级调研员": (1968, 1980),
    "乡科级正职": (1970, 1990), "乡科级副职": (1975, 1994), "一级主任科员": (1968, 1985),
    "二级主任科员": (1970, 1988), "三级主任科员": (1974, 1991), "四级主任科员": (1978, 1995),
    "一级科员": (1986, 2000), "二级科员": (1992, 2002), "科员": (1970, 1995), "办事员": (1972, 1998),
    "中层正职": (1970, 1986), "中层副职": (1974, 1990), "一般管理人员": (1976, 2002),
}

# Block b >= 1 of a big roster is another city with the same eight units.
_PLACE = [("东", "Dong"), ("西", "Xi"), ("南", "Nan"), ("北", "Bei"), ("青", "Qing"), ("云", "Yun"),
          ("江", "Jiang"), ("河", "He"), ("山", "Shan"), ("湖", "Hu"), ("安", "An"), ("平", "Ping"),
          ("宁", "Ning"), ("丰", "Feng"), ("兴", "Xing"), ("华", "Hua"), ("新", "Xin"), ("永", "Yong"),
          ("长", "Chang"), ("清", "Qing"), ("临", "Lin"), ("泰", "Tai"), ("嘉", "Jia"), ("定", "Ding")]
_NOT_A_CITY = {"云南", "河南", "河北", "山东", "山西", "江西", "湖南", "湖北", "东西", "西东", "南北", "北南", "西安", "南宁",
               "长安", "江山", "泰安", "永安", "临清", "新兴", "嘉兴", "华安"}  # provinces, real cities, odd pairs
_PLACE_PAIRS = [(a[0] + b[0], a[1] + b[1].lower()) for a in _PLACE for b in _PLACE
                if a != b and a[0] + b[0] not in _NOT_A_CITY]

# ---------------------------------------------------------------------------------------------
# Random draws: one seeded generator, no clock, no hash order; fast enough for 100,000 cadres


class FastRandom(random.Random):
    """random.Random (the same Mersenne Twister, fixed seed) with cheaper draws, for 100,000 rows."""

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))

    def choice(self, seq):  # noqa: ANN001, ANN201
        return seq[int(self.random() * len(seq))]

    def sample(self, population, k):  # noqa: ANN001, ANN201
        """k distinct items (a partial Fisher-Yates shuffle of a copy)."""
        pool = list(population)
        size, rand = len(pool), self.random
        if not 0 <= k <= size:
            raise ValueError("sample larger than population")
        for i in range(k):
            j = i + int(rand() * (size - i))
            pool[i], pool[j] = pool[j], pool[i]
        return pool[:k]

    def gauss(self, mu: float = 0.0, sigma: float = 1.0) -> float:
        """Roughly normal (a sum of four uniforms): enough for hours, and cheap."""
        r = self.random
        return mu + sigma * (r() + r() + r() + r() - 2.0) * 1.7320508075688772

    def draw(self, table: Table):  # noqa: ANN201
        """One item of a weighted table made by weighted()."""
        population, cum, total = table
        return population[bisect.bisect(cum, self.random() * total, 0, len(population) - 1)]


Table = tuple[list, list[float], float]


def weighted(population: list, weights: list[float]) -> Table:
    """A table for FastRandom.draw: the population with cumulative weights."""
    cum, total = [], 0.0
    for w in weights:
        total += w
        cum.append(total)
    return list(population), cum, total


_STAFF_TABLE = weighted(*STAFF_LEVELS)
_TECH_TABLE = weighted(*TECH_LEVELS)
_THEORY_COUNT = weighted([0, 1, 2, 3], [1, 3, 4, 2])  # theory-core items on a completed-training cell
_EXTRA_COUNT = weighted([0, 1, 2], [5, 4, 1])  # other completed topics
_WISH_COUNT = weighted([0, 1, 2, 3], [25, 35, 28, 12])
_IMPORTANT = weighted([2, 3, 4, 5], [1, 3, 5, 6])
_LESS_IMPORTANT = weighted([2, 3, 4, 5], [2, 5, 4, 2])
_ABILITY = weighted([1, 2, 3, 4, 5], [1, 3, 5, 4, 2])
_ABILITY_OLD = weighted([1, 2, 3, 4, 5], [3, 5, 4, 2, 1])  # digital skills, cadres 50 and over
_ZH_DATE_FORMS = weighted([0, 1, 2, 3, 4], [45, 18, 12, 13, 12])  # Excel date, 2023.05, 2023年5月, ISO, 2023/5
_THREE_FORMS = weighted([0, 1, 2], [6, 2, 2])


# ---------------------------------------------------------------------------------------------
# Names

_SURNAMES = [("王", "Wang", 9), ("李", "Li", 9), ("张", "Zhang", 8), ("刘", "Liu", 7), ("陈", "Chen", 6),
             ("杨", "Yang", 4), ("赵", "Zhao", 3), ("黄", "Huang", 3), ("周", "Zhou", 3), ("吴", "Wu", 3),
             ("徐", "Xu", 2), ("孙", "Sun", 2), ("胡", "Hu", 2), ("朱", "Zhu", 2), ("高", "Gao", 2),
             ("林", "Lin", 2), ("何", "He", 2), ("郭", "Guo", 2), ("马", "Ma", 2), ("罗", "Luo", 2),
             ("梁", "Liang", 1), ("宋", "Song", 1), ("郑", "Zheng", 1), ("谢", "Xie", 1), ("韩", "Han", 1),
             ("唐", "Tang", 1), ("冯", "Feng", 1), ("于", "Yu", 1), ("董", "Dong", 1), ("程", "Cheng", 1),
             ("曹", "Cao", 1), ("袁", "Yuan", 1), ("邓", "Deng", 1), ("许", "Xu", 1), ("沈", "Shen", 1),
             ("曾", "Zeng", 1), ("彭", "Peng", 1), ("吕", "Lyu", 1), ("苏", "Su", 1), ("卢", "Lu", 1),
             ("蒋", "Jiang", 1), ("蔡", "Cai", 1), ("丁", "Ding", 1), ("魏", "Wei", 1), ("叶", "Ye", 1),
             ("潘", "Pan", 1), ("杜", "Du", 1), ("戴", "Dai", 1), ("夏", "Xia", 1), ("钟", "Zhong", 1),
             ("田", "Tian", 1), ("任", "Ren", 1), ("姜", "Jiang", 1), ("范", "Fan", 1), ("方", "Fang", 1),
             ("石", "Shi", 1), ("姚", "Yao", 1), ("谭", "Tan", 1), ("廖", "Liao", 1), ("邹", "Zou", 1),
             ("熊", "Xiong", 1), ("金", "Jin", 1), ("陆", "Lu", 1), ("孔", "Kong", 1), ("白", "Bai", 1),
             ("崔", "Cui", 1), ("毛", "Mao", 1), ("秦", "Qin", 1), ("顾", "Gu", 1), ("侯", "Hou", 1),
             ("孟", "Meng", 1), ("段", "Duan", 1), ("雷", "Lei", 1), ("钱", "Qian", 1), ("汤", "Tang", 1),
             ("欧阳", "Ouyang", 0.3), ("司马", "Sima", 0.1)]
_GIVEN = [("伟", "wei"), ("芳", "fang"), ("娜", "na"), ("敏", "min"), ("静", "jing"), ("丽", "li"),
          ("强", "qiang"), ("磊", "lei"), ("军", "jun"), ("洋", "yang"), ("勇", "yong"), ("艳", "yan"),
          ("杰", "jie"), ("娟", "juan"), ("涛", "tao"), ("明", "ming"), ("超", "chao"), ("秀", "xiu"),
          ("霞", "xia"), ("平", "ping"), ("刚", "gang"), ("英", "ying"), ("华", "hua"), ("建", "jian"),
          ("国", "guo"), ("文", "wen"), ("辉", "hui"), ("鹏", "peng"), ("宇", "yu"), ("浩", "hao"),
          ("晨", "chen"), ("欣", "xin"), ("怡", "yi"), ("佳", "jia"), ("思", "si"), ("雨", "yu"),
          ("嘉", "jia"), ("志", "zhi"), ("海", "hai"), ("红", "hong"), ("玲", "ling"), ("春", "chun"),
          ("梅", "mei"), ("琳", "lin"), ("晓", "xiao"), ("东", "dong"), ("立", "li"), ("成", "cheng"),
          ("宏", "hong"), ("斌", "bin"), ("颖", "ying"), ("婷", "ting"), ("雪", "xue"), ("倩", "qian"),
          ("博", "bo"), ("鑫", "xin"), ("凯", "kai"), ("峰", "feng"), ("亮", "liang"), ("新", "xin"),
          ("永", "yong"), ("振", "zhen"), ("德", "de"), ("瑞", "rui"), ("子", "zi"), ("睿", "rui"),
          ("轩", "xuan"), ("泽", "ze"), ("琪", "qi"), ("萌", "meng"), ("蕾", "lei"), ("宁", "ning"),
          ("阳", "yang"), ("荣", "rong"), ("慧", "hui"), ("云", "yun"), ("飞", "fei"), ("帆", "fan"),
          ("航", "hang"), ("毅", "yi"), ("凡", "fan"), ("馨", "xin"), ("悦", "yue"), ("俊", "jun")]
_SURNAME_TABLE = weighted(_SURNAMES, [w for _, _, w in _SURNAMES])


def _name(rng: FastRandom) -> tuple[str, str]:
    """A synthetic name in characters and in pinyin ("Zhang Xiaoming")."""
    sur_zh, sur_en, _ = rng.draw(_SURNAME_TABLE)
    given = [rng.choice(_GIVEN) for _ in range(1 if rng.random() < 0.3 else 2)]
    zh = sur_zh + "".join(c for c, _ in given)
    en = sur_en + " " + "".join(p for _, p in given).capitalize()
    return zh, en


# ---------------------------------------------------------------------------------------------
# People: one semantic record per cadre, rendered later in Chinese or English


@dataclass
class Person:
    unit_zh: str
    unit_en: str
    unit_key: str
    dept_zh: str
    dept_en: str
    dept_kind: str
    post_zh: str
    post_en: str
    level: str
    category: str
    family: str
    code: str
    role: str  # city | leader | head | deputy | researcher | staff
    id: str = ""
    name_zh: str = ""
    name_en: str = ""
    birth: dt.date | None = None
    entry: dt.date | None = None
    appointed: dt.date | None = None
    new_entrant: bool = False
    recent: bool = False
    hours_year: float | None = None
    hours_five: float | None = None
    completed: tuple[tuple[str, dt.date | None], ...] = ()
    wishes: tuple[tuple[str, int], ...] = ()  # (topic id or "odd", variant seed)
    ratings: tuple[tuple[int | None, int | None], ...] = ()  # (ability, importance) per RATING_TOPICS


_FIRST_MONTH = 1950 * 12
_MONTH_STARTS = [dt.date(i // 12, i % 12 + 1, 1) for i in range(_FIRST_MONTH, 2040 * 12)]


def _month(year: int, month: int) -> dt.date:
    """The first day of a month; month may run past 12 or below 1."""
    return _MONTH_STARTS[year * 12 + month - 1 - _FIRST_MONTH]


def _months(a: dt.date, b: dt.date) -> int:
    return (b.year - a.year) * 12 + b.month - a.month


def _month_between(rng: FastRandom, low: dt.date, high: dt.date) -> dt.date:
    """The first day of a random month from low's month to high's month."""
    first = low.year * 12 + low.month - 1 - _FIRST_MONTH
    span = (high.year - low.year) * 12 + high.month - low.month
    return _MONTH_STARTS[first + (int(rng.random() * (span + 1)) if span > 0 else 0)]


def _allocate(total: int, weights: list[float]) -> list[int]:
    """Split total in proportion to weights (largest remainder), deterministically."""
    whole = sum(weights)
    raw = [total * w / whole for w in weights]
    out = [int(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - out[i]), i))
    for i in order[: total - sum(out)]:
        out[i] += 1
    return out


def _leader_category(dept_kind: str) -> str:
    return "基层干部" if dept_kind == "township" else "领导干部"


def _slots(unit: Unit, m: int, rng: FastRandom) -> list[Person]:
    """The posts of one unit of m cadres: leaders, department heads and deputies, then staff."""
    zh, en = unit.zh, unit.en

    def person(dept: Dept | None, post: tuple[str, str], level: str, category: str, family: str, code: str,
               role: str) -> Person:
        dz, de, dk = (dept.zh, dept.en, dept.kind) if dept else (unit.lead_dept[0], unit.lead_dept[1], "lead")
        return Person(zh, en, unit.key, dz, de, dk, post[0], post[1], level, category, family, code, role)

    lead: list[Person] = []
    if unit.leaders:
        count = len(unit.leaders) if m >= 30 else max(1, m // 8)
        for post_zh, post_en, level in unit.leaders[:count]:
            code = "LD01" if LEVELS[level][1] else ""
            lead.append(person(None, (post_zh, post_en), level, "领导干部" if LEVELS[level][1] else "公务员",
                               "综合管理类", code, "leader"))
    tail: list[Person] = []
    if unit.key == "org" and m >= 30:  # only with a full-size organization department
        for post_zh, post_en, level in CITY_LEADERS:
            tail.append(Person(zh, en, unit.key, "市领导", "City leadership", "lead", post_zh, post_en, level,
                               "领导干部", "综合管理类", "", "city"))
    rest = m - len(lead) - len(tail)
    if rest <= 0:
        return (lead + tail)[:m]
    depts = list(unit.depts[: max(1, min(len(unit.depts), rest // 6))])
    researchers = list(unit.researchers) if m >= 40 else []
    groups: list[list[Person]] = []
    for dept in depts:
        group = []
        township = dept.kind == "township"
        company = dept.kind == "company"
        if township:
            group.append(person(dept, _TOWN_SECRETARY, "乡科级正职", "基层干部", "综合管理类", dept.code, "head"))
        head_level, dep_level = ("中层正职", "中层副职") if company else ("乡科级正职", "乡科级副职")
        family = "" if company else "综合管理类"
        cat = "企业经营管理人员" if company else _leader_category(dept.kind)
        head_post = (dept.zh + dept.head[0], f"{dept.head[1]}, {dept.en}")
        if township:
            head_post = dept.head
        group.append(person(dept, head_post, head_level, cat, family, dept.code, "head"))
        deputies = 2 if (township or dept.weight >= 2) else 1
        for _ in range(deputies):
            dep_post = dept.deputy if township else (dept.zh + dept.deputy[0], f"{dept.deputy[1]}, {dept.en}")
            group.append(person(dept, dep_post, dep_level, cat, family, dept.code, "deputy"))
        groups.append(group)
    fixed = sum(len(g) for g in groups) + len(researchers)
    staff_total = max(0, rest - fixed)
    shares = _allocate(staff_total, [d.weight for d in depts])
    for dept, group, share in zip(depts, groups, shares, strict=True):
        staff = [_staff(unit, dept, rng) for _ in range(share)]
        staff.sort(key=lambda p: -_rank(p.level))
        group.extend(staff)
    for level in researchers:  # non-leading 调研员 ranks sit in a department, after its chiefs
        i = int(rng.random() * len(depts))
        dept, group = depts[i], groups[i]
        family = "行政执法类" if dept.kind == "enforce" else "综合管理类"
        chiefs = sum(1 for x in group if x.role in {"head", "deputy"})
        group.insert(chiefs, person(dept, (level, LEVELS[level][2]), level, "公务员", family, dept.code,
                                    "researcher"))
    body = [p for g in groups for p in g]
    return (lead + body + tail)[:m]


_RANKS = {name: -i for i, name in enumerate(LEVELS)}


def _rank(level: str) -> int:
    return _RANKS[level]


def _staff(unit: Unit, dept: Dept, rng: FastRandom) -> Person:
    if dept.kind == "company":
        title = rng.choice(COMPANY_TITLES)
        family = ""
        return Person(unit.zh, unit.en, unit.key, dept.zh, dept.en, dept.kind, dept.zh + title[0],
                      f"{title[1]}, {dept.en}", "一般管理人员", "企业经营管理人员", family, dept.code, "staff")
    if dept.kind == "tech":
        level = rng.draw(_TECH_TABLE)
        title = TECH_TITLES[level]
        return Person(unit.zh, unit.en, unit.key, dept.zh, dept.en, dept.kind, dept.zh + title[0],
                      f"{title[1]}, {dept.en}", level, "专业技术人员", "专业技术类", dept.code, "staff")
    level = rng.draw(_STAFF_TABLE)
    category = "基层干部" if dept.kind == "township" else "公务员"
    family = "行政执法类" if dept.kind == "enforce" else "综合管理类"
    return Person(unit.zh, unit.en, unit.key, dept.zh, dept.en, dept.kind, dept.zh + level,
                  f"{LEVELS[level][2]}, {dept.en}", level, category, family, dept.code, "staff")


def _block_units(block: int) -> list[tuple[Unit, str, str]]:
    """The units of block b with their names: block 0 is the sample city, the others other cities."""
    if block == 0:
        return [(u, u.zh, u.en) for u in UNITS]
    city_zh, city_en = _PLACE_PAIRS[(block - 1) % len(_PLACE_PAIRS)]
    county_zh, county_en = _PLACE_PAIRS[(block * 7 + 3) % len(_PLACE_PAIRS)]
    extra = "" if block <= len(_PLACE_PAIRS) else str(block // len(_PLACE_PAIRS) + 1)
    out = []
    for u in UNITS:
        if u.key == "county":
            out.append((u, f"{county_zh}{extra}县人民政府", f"{county_en}{extra} County People's Government"))
        else:
            out.append((u, f"{city_zh}{extra}{u.zh}", f"{city_en}{extra} {u.en}"))
    return out


def _structure(n: int, rng: FastRandom) -> list[Person]:
    """Every cadre's unit, department, post, level, category and job family."""
    people: list[Person] = []
    blocks = max(1, -(-n // BASE_SIZE))
    for block in range(blocks):
        size = min(BASE_SIZE, n - block * BASE_SIZE)
        sizes = _allocate(size, [u.size for u in UNITS])
        for (unit, zh, en), m in zip(_block_units(block), sizes, strict=True):
            if m <= 0:
                continue
            named = Unit(unit.key, zh, en, unit.size, unit.kind, unit.lead_dept, unit.leaders, unit.depts,
                         unit.researchers, unit.wish_bias)
            people.extend(_slots(named, m, rng))
    return people


def _birth(rng: FastRandom, level: str) -> dt.date:
    low, high = BIRTH_YEARS[level]
    return dt.date(rng.randint(low, high), rng.randint(1, 12), rng.randint(1, 28))


def _dates(p: Person, rng: FastRandom) -> None:
    """Birth, entry and appointment for an 'older' cadre (new entrants and recent ones come later)."""
    p.birth = _birth(rng, p.level)
    earliest = _month(p.birth.year + 21, p.birth.month + 1)  # entry after the 21st birthday
    entry = _month(earliest.year + rng.choice([0, 0, 1, 1, 2, 3, 4]), earliest.month + rng.randint(0, 11))
    if entry > OLD_BEFORE:
        entry = _month_between(rng, min(earliest, OLD_BEFORE), OLD_BEFORE)
    p.entry = entry
    if p.role in {"city", "leader"} and LEVELS[p.level][1]:
        low = max(_month(entry.year + 8, entry.month), dt.date(2016, 1, 1))
    elif LEVELS[p.level][1]:
        low = max(_month(entry.year + 4, entry.month), dt.date(2015, 1, 1))
    else:
        low = max(_month(entry.year + 1, entry.month), dt.date(2018, 1, 1))
    p.appointed = _month_between(rng, min(low, OLD_BEFORE), OLD_BEFORE)
    if p.appointed < entry:
        p.appointed = entry


def _make_new_entrant(p: Person, rng: FastRandom) -> None:
    p.new_entrant = True
    p.entry = _month_between(rng, RECENT_FROM, RECENT_TO)
    p.appointed = p.entry
    year = rng.randint(max(1996, p.entry.year - 30), min(2003, p.entry.year - 22))
    p.birth = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))


def _make_recent(p: Person, rng: FastRandom, exact: bool) -> None:
    p.recent = True
    p.appointed = dt.date(2026, 8, 1) if exact else _month_between(rng, RECENT_FROM, RECENT_TO)


def _hours(p: Person, rng: FastRandom) -> None:
    if p.new_entrant:
        months = _months(p.entry, AS_OF)
        p.hours_year = float(rng.choice([0, 4, 8, 8, 12, 16, 24, 32][: max(2, months)]))
        p.hours_five = p.hours_year
        return
    year = max(0.0, min(120.0, rng.gauss(90, 26)))
    tier = LEVELS[p.level][0]
    if tier in {"省部级", "厅局级", "县处级"}:
        five = rng.gauss(540, 120)
    else:
        five = rng.gauss(390, 120)
    worked = max(1, min(5, AS_OF.year - p.entry.year))
    five = max(year, min(700.0, five, year + (worked - 1) * 130 + rng.randint(0, 40)))
    p.hours_year = round(year) + (0.5 if rng.random() < 0.1 else 0.0)
    p.hours_five = float(round(five))


_SINCE = dt.date(2021, 1, 1)  # completions are dated within the last five years


def _completed(p: Person, rng: FastRandom) -> None:
    end = RECENT_TO
    if p.new_entrant:
        items = [("theory-xi", _month_between(rng, p.entry, end))] if rng.random() < 0.3 else []
        p.completed = tuple(items)
        return
    start = p.entry if p.entry > _SINCE else _SINCE
    rand = rng.random
    chosen: list[tuple[str, dt.date | None]] = []
    k = rng.draw(_THEORY_COUNT)
    extra = rng.draw(_EXTRA_COUNT)
    for topic in rng.sample(THEORY, k) + rng.sample(_OTHER_TOPICS, extra):
        chosen.append((topic, _month_between(rng, start, end) if rand() < 0.55 else None))
    if LEVELS[p.level][1] and not p.recent and rng.random() < 0.35:
        chosen.append(("appointment-training", _month(p.appointed.year, p.appointed.month + rng.randint(1, 8))))
    if p.category in {"公务员", "基层干部"} and rng.random() < 0.2:
        chosen.append(("initial-training", _month(p.entry.year, p.entry.month + rng.randint(2, 10))))
    chosen = [(t, d if d is None or d <= end else None) for t, d in chosen]
    p.completed = tuple(chosen)


_BASE_WISH = {"digital": 5, "writing": 3, "rule-of-law": 3, "risk": 2, "economy": 2, "emergency": 2,
              "mass-work": 1, "grassroots-governance": 0.5, "ecology": 0.5, "budget": 0.5}
_UNIT_BY_KEY = {u.key: u for u in UNITS}


_WISH_TABLES: dict[tuple[str, bool, bool], Table] = {}


def _wish_table(unit_key: str, leading: bool, enforce: bool) -> Table:
    key = (unit_key, leading, enforce)
    if key not in _WISH_TABLES:
        weights = dict(_BASE_WISH)
        for topic, extra in _UNIT_BY_KEY[unit_key].wish_bias:
            weights[topic] = weights.get(topic, 0) + extra
        if leading:
            weights["leadership"] = weights.get("leadership", 0) + 3
        if enforce:
            weights["enforcement"] = weights.get("enforcement", 0) + 3
        _WISH_TABLES[key] = weighted(list(weights), list(weights.values()))
    return _WISH_TABLES[key]


def _wishes(p: Person, rng: FastRandom) -> None:
    table = _wish_table(p.unit_key, LEVELS[p.level][1], p.family == "行政执法类")
    k = rng.draw(_WISH_COUNT)
    chosen: list[str] = []
    for _ in range(k * 3):
        if len(chosen) >= k:
            break
        topic = rng.draw(table)
        if topic not in chosen:
            chosen.append(topic)
    p.wishes = tuple((t, rng.randrange(1 << 30)) for t in chosen)


def _ratings(p: Person, rng: FastRandom) -> None:
    if rng.random() >= 0.4:
        p.ratings = ((None, None),) * len(RATING_TOPICS)
        return
    age = AS_OF.year - p.birth.year
    out = []
    for topic in RATING_IDS:
        if rng.random() < 0.08:
            out.append((None, None))
            continue
        relevant = (topic == "emergency" and p.unit_key in {"emergency", "county", "soe"}) or (
            topic == "rule-of-law" and (p.family == "行政执法类" or p.unit_key in {"market", "ecology"})) or (
            topic == "digital")
        importance = rng.draw(_IMPORTANT if relevant else _LESS_IMPORTANT)
        ability_table = _ABILITY_OLD if topic == "digital" and age >= 50 else _ABILITY
        ability = rng.draw(ability_table)
        out.append((ability, importance))
    p.ratings = tuple(out)


def _id_card(rng: FastRandom, birth: dt.date, serial: int) -> str:
    """An 18-digit id-card-like number; region 99xxxx exists nowhere, so it is clearly fake."""
    body = f"99{rng.randint(0, 9999):04d}{birth:%Y%m%d}{serial % 1000:03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    check = "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]
    return body + check


def people(n: int, seed: int = DEFAULT_SEED, id_prefix: str = "C") -> list[Person]:
    """n synthetic cadres, fully determined by n and seed."""
    rng = FastRandom(seed)
    crowd = _structure(n, rng)
    for p in crowd:
        p.name_zh, p.name_en = _name(rng)
        _dates(p, rng)
    # new entrants: mostly 一级科员/二级科员, a few others
    juniors = [i for i, p in enumerate(crowd) if p.level in {"一级科员", "二级科员"} and p.role == "staff"]
    others = [i for i, p in enumerate(crowd)
              if p.level in {"一般管理人员", "科员", "四级主任科员"} and p.role == "staff"]
    target = round(n * 25 / BASE_SIZE)
    from_others = min(len(others), target // 5)
    chosen = rng.sample(juniors, min(len(juniors), target - from_others)) + rng.sample(others, from_others)
    for i in sorted(chosen):
        _make_new_entrant(crowd[i], rng)
    leading = [i for i, p in enumerate(crowd) if LEVELS[p.level][1]]
    recent = rng.sample(leading, min(len(leading), round(n * 30 / BASE_SIZE)))
    for k, i in enumerate(recent):
        _make_recent(crowd[i], rng, exact=(k == 0))
    for p in crowd:
        _hours(p, rng)
        _completed(p, rng)
        _wishes(p, rng)
        _ratings(p, rng)
    # a few wishes that match nothing in the catalog
    odd = rng.sample(range(len(crowd)), min(len(crowd), round(n * 5 / BASE_SIZE)))
    for k, i in enumerate(sorted(odd)):
        p = crowd[i]
        wishes = list(p.wishes)
        wishes.insert(rng.randint(0, len(wishes)), ("odd", k % len(ODD_WISHES)))
        p.wishes = tuple(wishes)
    # ids: mostly C0001 ..., a handful of id-card numbers and zero-padded staff numbers
    width = max(4, len(str(n)))
    for i, p in enumerate(crowd, start=1):
        p.id = f"{id_prefix}{i:0{width}d}"
    candidates = list(range(1, len(crowd)))  # the first cadre keeps C0001 (the README's example)
    special = rng.sample(candidates, min(len(candidates), round(n * 10 / BASE_SIZE)))
    cards = round(len(special) * 0.6)
    for k, i in enumerate(special):
        p = crowd[i]
        p.id = _id_card(rng, p.birth, k) if k < cards else f"{7123 + k:06d}"
    return crowd


# ---------------------------------------------------------------------------------------------
# Rendering


def _zh_date(d: dt.date | None, rng: FastRandom) -> object:
    """A date as rosters write it: an Excel date, or text 2023.05 / 2023年5月 / 2023-05-01 / 2023/5."""
    if d is None:
        return None
    form = rng.draw(_ZH_DATE_FORMS)
    if form == 0:
        return d
    if form == 1:
        return f"{d.year}.{d.month:02d}"
    if form == 2:
        return f"{d.year}年{d.month}月"
    if form == 3:
        return d.isoformat()
    return f"{d.year}/{d.month}"


def _hours_cell(value: float | None, rng: FastRandom, blank: float) -> object:
    if value is None or rng.random() < blank:
        return None
    number: object = int(value) if float(value).is_integer() else value
    if rng.random() < 0.012:
        return f"{number}学时"
    return number


def _completion_zh(topic: str, when: dt.date | None, rng: FastRandom) -> str:
    words = TOPIC_WORDS[topic][0]
    name = words[0] if rng.random() < 0.5 else rng.choice(words)
    if when is None:
        return name
    form = rng.draw(_THREE_FORMS)
    text = (f"{when.year}.{when.month:02d}", f"{when.year}-{when.month:02d}", f"{when.year}年{when.month}月")[form]
    return f"{name}（{text}）" if rng.random() < 0.2 else f"{name}({text})"


def _wish_zh(topic: str, variant: int) -> str:
    if topic == "odd":
        return ODD_WISHES[variant][0]
    words = TOPIC_WORDS[topic][0]
    near = NEAR_WISHES.get(topic, ([], []))[0]
    pool = words + near
    return pool[variant % len(pool)]


def _level_zh(p: Person, rng: FastRandom) -> str:
    if p.role == "city" or LEVELS[p.level][0] == "厅局级":
        return p.level  # the few most senior cadres keep the canonical names
    aliases = COUNTY_ALIASES.get(p.level, ()) if p.unit_key == "county" else LEVELS[p.level][3]
    if aliases and rng.random() < (0.3 if p.unit_key == "county" else 0.15):
        return rng.choice(aliases)
    return p.level


def render_zh(p: Person, rng: FastRandom) -> dict[str, object]:
    """One roster row keyed by the Chinese headers; dates as Excel dates or typed text."""
    tier = LEVELS[p.level][0]
    managed = MANAGED_BY[tier]
    if tier in {"乡科级", "科员级"} and p.unit_key != "county":
        managed = "市委管理"  # a city bureau's section-level cadres and staff: the city manages them
    if tier in {"乡科级", "科员级"} and rng.random() < 0.1:
        managed = ""  # left blank: the tool derives it from the level
    category = p.category
    if rng.random() < 0.06:
        category = CATEGORIES[category][1]
    family = p.family
    if family and rng.random() < 0.03:
        family = FAMILIES[family][1]
    code = p.code if rng.random() >= 0.1 else ""
    name = p.name_zh
    if len(name) == 2 and rng.random() < 0.08:
        name = name[0] + "\u3000" + name[1]  # two-character names padded with a full-width space
    unit = p.unit_zh + (" " if rng.random() < 0.01 else "")  # a stray trailing space
    completed = wishes = ""
    if p.completed:
        completed = rng.choice(["；", "、"]).join([_completion_zh(t, d, rng) for t, d in p.completed])
    if p.wishes:
        wishes = rng.choice(["；", "、", "；", "，"]).join([_wish_zh(t, v) for t, v in p.wishes])
    row: dict[str, object] = {
        "编号": p.id, "姓名": name, "单位": unit, "部门": p.dept_zh, "现任职务": p.post_zh, "岗位代码": code,
        "职级": _level_zh(p, rng), "干部类别": category, "职位类别": family, "管理权限": managed,
        "任现职时间": _zh_date(p.appointed, rng), "参加工作时间": _zh_date(p.entry, rng),
        "出生年月": _zh_date(p.birth, rng),
        "本年度学时": _hours_cell(p.hours_year, rng, 0.04), "五年累计学时": _hours_cell(p.hours_five, rng, 0.06),
        "已参加培训": completed, "个人培训需求": wishes,
        **_obligation_cells(p),
    }
    for (ability_key, importance_key), (ability, importance) in zip(_RATING_KEYS, p.ratings, strict=True):
        row[ability_key] = ability
        row[importance_key] = importance
    return row


def _obligation_cells(p: Person) -> dict[str, object]:
    """The civil-service entry date, training days and online hours: drawn from a generator of the
    cadre's own (seeded by its id), so that adding them changed no other cell of the roster."""
    rng = FastRandom(zlib.crc32(p.id.encode("utf-8")))
    leading = LEVELS[p.level][1]
    recorded: dt.date | None = None
    if p.new_entrant:
        recorded = p.entry  # new civil servants: recorded when they report for duty
    elif not leading and p.role == "staff" and rng.random() < 0.015:
        recorded = _month_between(rng, RECENT_FROM, RECENT_TO)  # came from an enterprise: an old first job
    days: object = None
    if p.hours_year is not None and rng.random() < 0.2:
        days = round(p.hours_year / rng.choice([6, 6, 8]))
    online: object = None if rng.random() < 0.03 else rng.choice([0, 12, 24, 36, 40, 48, 50, 52, 56, 60, 72, 80, 100])
    return {"录用时间": _zh_date(recorded, rng), "本年度培训天数": days, "本年度网络学时": online}


def _en_date(d: dt.date | None, rng: FastRandom) -> str:
    if d is None:
        return ""
    form = rng.draw(_THREE_FORMS)
    return (d.isoformat(), f"{d.year}-{d.month:02d}", f"{d.year}/{d.month}/{d.day}")[form]


def _wish_en(topic: str, variant: int) -> str:
    if topic == "odd":
        return ODD_WISHES[variant][1]
    pool = TOPIC_WORDS[topic][1] + NEAR_WISHES.get(topic, ([], []))[1]
    return pool[variant % len(pool)]


def render_en(p: Person, rng: FastRandom) -> dict[str, object]:
    """One roster row keyed by the English headers; every cell is text, as in a CSV."""

    def completion(topic: str, when: dt.date | None) -> str:
        name = rng.choice(TOPIC_WORDS[topic][1])
        return name if when is None else f"{name} ({when.year}-{when.month:02d})"

    def number(value: float | None, blank: float) -> str:
        if value is None or rng.random() < blank:
            return ""
        return str(int(value)) if float(value).is_integer() else str(value)

    row: dict[str, object] = {
        "Cadre ID": p.id, "Name": p.name_en, "Unit": p.unit_en, "Department": p.dept_en, "Post": p.post_en,
        "Post code": p.code, "Level": LEVELS[p.level][2], "Category": CATEGORIES[p.category][0],
        "Job family": FAMILIES[p.family][0] if p.family else "",
        # the organizer names of config.classes.organizer_by_tier are Chinese only: left to the tool
        "Managed by": "",
        "Appointed to current post": _en_date(p.appointed, rng), "Entry date": _en_date(p.entry, rng),
        "Birth date": _en_date(p.birth, rng),
        "Hours this year": number(p.hours_year, 0.03), "Hours in five-year cycle": number(p.hours_five, 0.05),
        "Completed training": "; ".join(completion(t, d) for t, d in p.completed),
        "Personal needs": "; ".join(_wish_en(t, v) for t, v in p.wishes),
    }
    for (_, en), (ability, importance) in zip(RATING_TOPICS, p.ratings, strict=True):
        row[f"Ability:{en}"] = "" if ability is None else str(ability)
        row[f"Importance:{en}"] = "" if importance is None else str(importance)
    return row


def build_roster(n: int, seed: int = DEFAULT_SEED) -> list[dict[str, object]]:
    """n roster rows keyed by HEADERS (Chinese). Values: str, int, float, datetime.date or None."""
    return render_roster(people(n, seed), seed)


def render_roster(crowd: list[Person], seed: int = DEFAULT_SEED) -> list[dict[str, object]]:
    """People as Chinese roster rows (the messy forms are drawn from their own seeded generator)."""
    rng = FastRandom(seed * 7919 + 1)
    return [render_zh(p, rng) for p in crowd]


def build_roster_en(n: int = EN_SIZE, seed: int = DEFAULT_SEED + 1) -> list[dict[str, object]]:
    """n roster rows keyed by HEADERS_EN (English), all text; ids E0001 ... so they never clash with C0001.

    Below 480 cadres the rows are a sample of a 480-cadre city, so a small roster still has a
    realistic spread of units, departments and levels.
    """
    crowd = people(max(n, BASE_SIZE), seed, id_prefix="E")
    rng = FastRandom(seed * 7919 + 2)
    if n < len(crowd):
        keep = sorted(rng.sample(range(len(crowd)), n))
        crowd = [crowd[i] for i in keep]
        width = max(4, len(str(n)))
        for i, p in enumerate(crowd, start=1):
            if p.id.startswith("E"):
                p.id = f"E{i:0{width}d}"
    return [render_en(p, rng) for p in crowd]


# ---------------------------------------------------------------------------------------------
# The other sheets

POSTS = [
    ("BG01", "办公室综合文秘岗", "综合管理类", "负责文稿起草、会务组织、督查督办和信息报送",
     [("公文写作", 4, 5), ("数字政府与数字化能力", 3, 3), ("防范化解重大风险", 3, 2)]),
    ("ZZ01", "组织人事工作岗", "综合管理类", "负责干部选拔任用、干部教育培训和公务员管理",
     [("公文写作", 4, 4), ("法治思维与依法行政", 3, 4), ("领导力与科学决策", 3, 3)]),
    ("FG01", "发展规划与投资管理岗", "综合管理类", "负责编制发展规划、审核重大项目、监测经济运行",
     [("经济工作与高质量发展", 4, 5), ("防范化解重大风险", 3, 4), ("数字政府与数字化能力", 3, 3)]),
    ("FG02", "体制改革与营商环境岗", "综合管理类", "负责推进重点领域改革、优化营商环境和价格管理",
     [("经济工作与高质量发展", 4, 4), ("法治思维与依法行政", 4, 4), ("数字政府与数字化能力", 3, 3)]),
    ("CZ01", "预算管理岗", "综合管理类", "负责预算编制、执行监控、国库支付和绩效评价",
     [("预算与绩效管理", 5, 5), ("法治思维与依法行政", 3, 3), ("数字政府与数字化能力", 3, 3)]),
    ("CZ02", "国有资产与政府债务管理岗", "综合管理类", "负责国有资产监管和政府债务风险防控",
     [("预算与绩效管理", 4, 4), ("防范化解重大风险", 4, 5), ("国企改革与现代企业管理", 3, 3)]),
    ("SJ01", "市场监管综合执法岗", "行政执法类", "负责市场主体监督检查、案件查办和投诉举报处理",
     [("行政执法规范化", 5, 5), ("法治思维与依法行政", 4, 5), ("群众工作与信访", 3, 3)]),
    ("SJ02", "食品药品安全监管岗", "行政执法类", "负责食品药品生产经营监督检查和风险排查",
     [("行政执法规范化", 4, 4), ("应急管理与安全生产", 4, 4), ("法治思维与依法行政", 4, 4)]),
    ("SJ03", "市场监管综合管理岗", "综合管理类", "负责登记注册、质量发展和信用监管",
     [("法治思维与依法行政", 4, 4), ("数字政府与数字化能力", 3, 4)]),
    ("YJ01", "安全生产监管执法岗", "行政执法类", "负责工矿商贸企业安全生产执法检查和事故调查",
     [("应急管理与安全生产", 5, 5), ("行政执法规范化", 4, 4), ("法治思维与依法行政", 4, 4)]),
    ("YJ02", "应急指挥与防灾减灾岗", "综合管理类", "负责应急值守、指挥调度和自然灾害防治",
     [("应急管理与安全生产", 5, 5), ("数字政府与数字化能力", 4, 4), ("防范化解重大风险", 4, 4)]),
    ("ST01", "生态环境执法岗", "行政执法类", "负责污染源现场检查和环境违法案件查处",
     [("生态文明建设", 4, 4), ("行政执法规范化", 5, 5), ("法治思维与依法行政", 4, 4)]),
    ("ST02", "环境监测技术岗", "专业技术类", "负责环境质量监测、数据分析和报告编制",
     [("生态文明建设", 4, 4), ("数字政府与数字化能力", 4, 4)]),
    ("ST03", "生态环境管理岗", "综合管理类", "负责大气、水环境管理和法规标准制定",
     [("生态文明建设", 4, 5), ("法治思维与依法行政", 3, 3), ("经济工作与高质量发展", 3, 2)]),
    ("XZ01", "乡镇综合治理岗", "综合管理类", "负责基层治理、乡村振兴、群众工作和安全生产",
     [("基层治理", 4, 5), ("乡村振兴", 4, 4), ("群众工作与信访", 4, 4), ("应急管理与安全生产", 3, 3)]),
    ("XZ02", "县政府综合协调岗", "综合管理类", "负责政务协调、重点工作督办和文稿服务",
     [("公文写作", 4, 4), ("经济工作与高质量发展", 3, 3), ("防范化解重大风险", 3, 3)]),
    ("LD01", "单位领导岗", "综合管理类", "负责本单位全面工作或分管领域工作",
     [("领导力与科学决策", 4, 5), ("防范化解重大风险", 4, 5), ("法治思维与依法行政", 4, 4),
      ("经济工作与高质量发展", 3, 3)]),
    ("QY01", "企业经营管理岗", "", "负责企业经营计划、财务管理、投资和风险控制",
     [("国企改革与现代企业管理", 4, 5), ("预算与绩效管理", 3, 4), ("防范化解重大风险", 3, 4)]),
    ("QY02", "工程项目与安全管理岗", "", "负责工程项目建设管理、质量安全和安全生产",
     [("应急管理与安全生产", 4, 5), ("国企改革与现代企业管理", 3, 3)]),
]
POST_HEADERS = ["岗位代码", "岗位名称", "职位类别", "主要职责", "培训主题", "要求水平", "重要程度"]
PRIORITY_HEADERS = ["编号", "培训主题", "需求来源", "适用单位", "适用职级", "适用类别", "优先级", "开始时间", "完成期限"]
RESOURCE_HEADERS = ["培训机构", "机构类型", "承训主题", "每期座位", "人均费用", "评估得分"]


def build_posts() -> list[dict[str, object]]:
    """The 岗位 sheet in long form: one row per post and required topic."""
    return [
        dict(zip(POST_HEADERS, [code, title, family, duties, topic, level, importance], strict=True))
        for code, title, family, duties, topics in POSTS
        for topic, level, importance in topics
    ]


def build_priorities() -> list[dict[str, object]]:
    """The 组织需求 sheet; the last row targets a unit that is not on the roster, so it selects nobody. The two
    rotations on a central decision give their round's start (开始时间): the 四中全会 closed on 2025-10-23; the other
    is written as a month, as offices write it."""
    rows = [
        ("P01", "学习贯彻党的二十届四中全会精神", "中央重大决策部署", "全部", "县处级以上", "全部", 5,
         dt.date(2025, 10, 23), dt.date(2027, 3, 31)),
        ("P02", "营商环境优化", "改革难点问题", "市发展和改革委员会；市市场监督管理局", "全部", "领导干部；公务员", 4,
         "", dt.date(2027, 6, 30)),
        ("P03", "安全生产专项整治", "热点难点问题", "市应急管理局；XX县人民政府；市城市投资集团有限公司", "全部", "全部",
         "高", "", dt.date(2027, 4, 30)),
        ("P04", "数字政府建设", "中央重大决策部署", "全部", "乡科级及以下", "公务员", 3, "2026年1月",
         dt.date(2027, 9, 30)),
        ("P05", "生态环境保护", "热点难点问题", "市生态环境局", "全部", "全部", 4, "", "2027年6月"),
        ("P06", "国企改革深化提升行动", "改革难点问题", "市国有资产监督管理委员会", "全部", "企业经营管理人员", 3,
         "", dt.date(2027, 12, 31)),
    ]
    return [dict(zip(PRIORITY_HEADERS, row, strict=True)) for row in rows]


def build_resources() -> list[dict[str, object]]:
    """The 培训资源 sheet: providers, the catalog topics they teach, seats, cost and evaluation score."""
    rows = [
        ("市委党校", "党校", ["习近平新时代中国特色社会主义思想", "党性教育", "党纪教育", "党史国史教育",
                          "社会主义核心价值观教育", "领导力与科学决策", "任职培训"], 120, 600, 93),
        ("市行政学院", "行政学院", ["法治思维与依法行政", "公文写作", "防范化解重大风险", "初任培训",
                              "在职培训（学时补足）", "群众工作与信访"], 80, 800, 88),
        ("XX大学公共管理学院", "高校", ["经济工作与高质量发展", "预算与绩效管理", "数字政府与数字化能力",
                                  "生态文明建设", "基层治理"], 60, 1500, 85),
        ("干部网络学院", "网络学院", ["习近平新时代中国特色社会主义思想", "党纪教育", "党史国史教育",
                                "社会主义核心价值观教育", "法治思维与依法行政", "数字政府与数字化能力",
                                "在职培训（学时补足）", "公文写作"], 200, 0, 76),
        ("市应急管理培训基地", "基地", ["应急管理与安全生产", "防范化解重大风险"], 40, 900, 91),
        ("市市场监管干部培训中心", "基地", ["行政执法规范化", "法治思维与依法行政"], 50, 700, 82),
        ("XX县委党校", "党校", ["乡村振兴", "基层治理", "群众工作与信访", "党性教育", "初任培训"], 60, 300, 79),
        ("企业培训中心", "企业", ["国企改革与现代企业管理", "预算与绩效管理", "应急管理与安全生产"], 50, 1200, 81),
    ]
    return [
        dict(zip(RESOURCE_HEADERS, [name, kind, "、".join(topics), seats, cost, score], strict=True))
        for name, kind, topics, seats, cost, score in rows
    ]


# ---------------------------------------------------------------------------------------------
# Writers

_WIDTHS = {"编号": 20, "姓名": 9, "单位": 24, "部门": 18, "现任职务": 26, "岗位代码": 9, "职级": 12,
           "干部类别": 14, "职位类别": 11, "管理权限": 12, "任现职时间": 12, "参加工作时间": 12, "出生年月": 10,
           "本年度学时": 10, "五年累计学时": 12, "已参加培训": 40, "个人培训需求": 30, "录用时间": 12,
           "本年度培训天数": 10, "本年度网络学时": 10}
NOTES = [
    "填表说明",
    "1. 本工作簿为示例数据，人员姓名、编号均为虚构。",
    "2. 干部花名册：每人一行；日期可填 2023-05-01、2023.05、2023年5月 或 2023/5。",
    "3. 已参加培训、个人培训需求：多项用“；”或“、”分隔；已参加培训可在括号内注明时间，如 党性教育(2026.03)。",
    "4. 能力/重要性：1-5 分自评，可不填。",
    "5. 管理权限空白的，按职级自动确定（县处级 市委管理，乡科级及以下 县委管理）。",
    "6. 本年度学时、五年累计学时、本年度培训天数只计集中（脱产）培训；网络学习学时填“本年度网络学时”，单独考核。",
    "7. 录用时间：新录用公务员的录用（试用期起始）时间，初任培训须在试用期内完成；未填的非领导职务按参加工作时间计。",
]


def _letter(i: int) -> str:
    from openpyxl.utils import get_column_letter  # imported late, like the rest of openpyxl here

    return get_column_letter(i + 1)  # 0-based column -> "A", "B", ...


def write_workbook(path: str | Path, n: int = BASE_SIZE, seed: int = DEFAULT_SEED) -> Path:
    """cadres.xlsx: 干部花名册 (title, filing line, header, n rows), 岗位, 组织需求, 培训资源, 填表说明."""
    return write_roster_workbook(path, build_roster(n, seed))


def write_roster_workbook(path: str | Path, roster: list[dict[str, object]]) -> Path:
    """The workbook around roster rows made by build_roster (same bytes for the same rows)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill

    path = Path(path)
    wb = Workbook(write_only=True)
    wb.properties.creator = "needscli make_samples.py"
    wb.properties.created = FIXED_STAMP
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")

    def header_cells(ws, headers: list[str]) -> list:
        out = []
        for text in headers:
            cell = WriteOnlyCell(ws, text)
            cell.font, cell.fill = bold, fill
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            out.append(cell)
        return out

    ws = wb.create_sheet("干部花名册")
    last = _letter(len(HEADERS) - 1)
    for i, h in enumerate(HEADERS):
        ws.column_dimensions[_letter(i)].width = _WIDTHS.get(h, 9)
    ws.freeze_panes = "C4"
    ws.merged_cells.add(f"A1:{last}1")
    ws.merged_cells.add(f"A2:{last}2")
    title = WriteOnlyCell(ws, "XX市2026年度干部教育培训花名册")
    title.font = Font(bold=True, size=16)
    title.alignment = Alignment(horizontal="center")
    ws.append([title])
    ws.append(["填报单位：市委组织部　　填报日期：2026年10月"])
    ws.append(header_cells(ws, HEADERS))
    birth_col = HEADERS.index("出生年月")
    for row in roster:
        values = [row[h] for h in HEADERS]
        birth = values[birth_col]
        if isinstance(birth, dt.date):
            cell = WriteOnlyCell(ws, birth)
            cell.number_format = "yyyy.mm"
            values[birth_col] = cell
        ws.append(values)

    for name, headers, rows, widths in (
        ("岗位", POST_HEADERS, build_posts(), [9, 22, 11, 40, 24, 9, 9]),
        ("组织需求", PRIORITY_HEADERS, build_priorities(), [6, 30, 16, 44, 14, 18, 7, 12, 12]),
        ("培训资源", RESOURCE_HEADERS, build_resources(), [22, 10, 70, 9, 9, 9]),
    ):
        sheet = wb.create_sheet(name)
        for i, width in enumerate(widths):
            sheet.column_dimensions[_letter(i)].width = width
        sheet.freeze_panes = "A2"
        sheet.append(header_cells(sheet, headers))
        for row in rows:
            sheet.append([row[h] if row[h] != "" else None for h in headers])
    notes = wb.create_sheet("填表说明")
    notes.column_dimensions["A"].width = 100
    for line in NOTES:
        notes.append([line])

    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    _fix_zip(path)
    return path


def _fix_zip(path: Path) -> None:
    """Same bytes on every run: fixed member times and a fixed 'modified' stamp in docProps/core.xml."""
    stamp = FIXED_STAMP.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(path) as src:
        members = [(info.filename, src.read(info.filename)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in members:
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(<)", rb"\g<1>" + stamp.encode() + rb"\g<2>", data)
            info = zipfile.ZipInfo(name, date_time=FIXED_STAMP.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            out.writestr(info, data)


def write_csv(path: str | Path, rows: list[dict[str, object]], headers: list[str] | None = None) -> Path:
    """A roster as CSV in UTF-8 with BOM (what Excel in China expects); dates as 2023-05-01."""
    path = Path(path)
    headers = headers or (list(rows[0]) if rows else HEADERS)

    def text(value: object) -> str:
        if value is None:
            return ""
        if isinstance(value, dt.date):
            return value.isoformat()
        return str(value)

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(headers)
        for row in rows:
            writer.writerow([text(row.get(h)) for h in headers])
    return path


def summary(crowd: list[Person]) -> str:
    """Counts per level, category and unit, for the console."""
    lines = []
    for title, key in (("level", lambda p: p.level), ("category", lambda p: p.category),
                       ("unit", lambda p: p.unit_zh)):
        counts = Counter(key(p) for p in crowd)
        order = list(LEVELS) if title == "level" else sorted(counts, key=lambda k: (-counts[k], k))
        order = [k for k in order if counts[k]]
        shown = order[:12] if title == "unit" else order
        more = f", ... ({len(order)} units)" if len(shown) < len(order) else ""
        lines.append(f"{title}: " + ", ".join(f"{k} {counts[k]}" for k in shown) + more)
    new = sum(p.new_entrant for p in crowd)
    recent = sum(p.recent for p in crowd)
    lines.append(f"new entrants (last 12 months): {new}; leading cadres appointed in the last 12 months: {recent}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=BASE_SIZE, help="cadres in cadres.xlsx (default 480)")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent,
                        help="folder to write into (default: this script's folder)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed (default 2026)")
    args = parser.parse_args(argv)
    if args.size < 1:
        parser.error("--size must be at least 1")
    crowd = people(args.size, args.seed)
    book = write_roster_workbook(args.out / "cadres.xlsx", render_roster(crowd, args.seed))
    csv_path = write_csv(args.out / "roster-en.csv", build_roster_en(EN_SIZE, args.seed + 1), HEADERS_EN)
    print(f"wrote {book} ({args.size} cadres) and {csv_path} ({EN_SIZE} cadres)")
    print(summary(crowd))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
