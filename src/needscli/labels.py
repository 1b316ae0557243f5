"""Words people read in the outputs and on the terminal, in Chinese and English. Codes stay in CSV/JSON.

One catalog: every key has both languages. label() gives the words of a key; code_label() the
words of a code read from the data (a training type, a need source ...), which stays as it is
where the catalog has no words for it.
"""

from __future__ import annotations

from typing import Any

from needscli.cache import Memo
from needscli.models import NEED_SOURCES

Words = tuple[str, str]  # (zh, en)

# codes: each table's words are also catalog keys "<table>.<code>", e.g. "training_type.theory"
CODE_TABLES: dict[str, dict[str, Words]] = {
    "source": {
        "theory-core": ("理论武装", "Theory core"),
        "compliance": ("学时达标", "Hours compliance"),
        "organizational": ("组织需求", "Organizational"),
        "post": ("岗位需求", "Post"),
        "personal": ("个人需求", "Personal"),
    },
    "training_type": {
        "initial": ("初任培训", "Initial"),
        "appointment": ("任职培训", "Appointment"),
        "on-the-job": ("在职培训", "On-the-job"),
        "specialized": ("专门业务培训", "Specialized business"),
        "theory": ("专题培训（理论与党性）", "Theory and party spirit"),
    },
    "standard": {
        "annual": ("每年{h:g}学时", "{h:g} h a year"),
        "five-year": ("五年{h:g}学时", "{h:g} h in 5 years"),
    },
    "status": {
        "met": ("达标", "met"),
        "deficit": ("未达标", "deficit"),
        "unknown": ("未填报学时", "hours not reported"),
    },
    "unmatched": {
        "wish": ("个人需求", "personal wish"),
        "priority": ("组织需求", "organizational priority"),
    },
    "severity": {
        "error": ("已跳过该行", "row skipped"),
        "warning": ("已保留该行", "row kept"),
    },
    "resource_kind": {
        "party-school": ("党校", "party school"),
        "admin-college": ("行政学院", "administrative college"),
        "university": ("高校", "university"),
        "online": ("网络学院", "online"),
        "enterprise": ("企业", "enterprise"),
        "base": ("教育基地", "base"),
        "other": ("其他", "other"),
        "unassigned": ("未分配", "unassigned"),
    },
}
TRAINING_TYPES = CODE_TABLES["training_type"]  # the records reader accepts these words for a type

TEXTS: dict[str, Words] = {
    # gap-report.xlsx: sheet names
    "sheet.summary": ("概要", "Summary"),
    "sheet.needs": ("需求明细", "Needs"),
    "sheet.compliance": ("学时达标", "Compliance"),
    "sheet.units": ("单位主题矩阵", "Units"),
    "sheet.ranking": ("主题排序", "Topic ranking"),
    "sheet.unit_ranking": ("单位主题排序", "Unit ranking"),
    "sheet.unmatched": ("未匹配", "Unmatched"),
    "sheet.problems": ("问题", "Problems"),
    "sheet.unmet": ("未满足", "Unmet"),
    "sheet.ledger": ("台账差异", "Ledger differences"),
    # gap-report.xlsx Summary sheet, and the terminal summary of analyze
    "title": ("干部教育培训需求分析报告", "Training needs analysis"),
    "as_of": ("分析基准日", "Analysis date"),
    "inputs": ("输入文件", "Inputs"),
    "cadres": ("分析干部数", "Cadres analyzed"),
    "skipped": ("跳过的行", "Rows skipped"),
    "needs": ("培训需求数", "Needs found"),
    "with_needs": ("有需求的干部", "Cadres with needs"),
    "compliance_rate": ("学时达标率（已填报者）", "Hours compliance rate (of those reported)"),
    "not_reported": ("未填报学时人数", "Cadres without hours reported"),
    "unmatched": ("未匹配的需求", "Needs that matched nothing"),
    "problems": ("数据问题", "Data problems"),
    "classes": ("班次数", "Classes formed"),
    "seats": ("已安排席位", "Seats given"),
    "unmet": ("未满足的需求（无席位）", "Needs without a seat"),
    "by_source": ("按需求来源", "Needs by source"),
    "top_topics": ("需求最多的主题", "Top topics"),
    "continued": ("{sheet} 超过单表行数上限，续表：{more}", "{sheet} passes the sheet row limit; continued on {more}"),
    # gap-report.xlsx column headers
    "col.cadre_id": ("编号", "Cadre ID"),
    "col.name": ("姓名", "Name"),
    "col.unit": ("单位", "Unit"),
    "col.department": ("部门", "Department"),
    "col.post": ("职务", "Post"),
    "col.level": ("职级", "Level"),
    "col.topic": ("培训主题", "Topic"),
    "col.source": ("需求来源", "Source"),
    "col.all_sources": ("全部来源", "All sources"),
    "col.training_type": ("培训类型", "Training type"),
    "col.priority": ("优先分", "Priority"),
    "col.hours": ("学时", "Hours"),
    "col.rule_id": ("规则", "Rule"),
    "col.reason": ("原因", "Reason"),
    "col.class": ("班次", "Class"),
    "col.standard": ("标准", "Standard"),
    "col.required": ("应修学时", "Required"),
    "col.done": ("已修学时", "Done"),
    "col.deficit": ("学时缺口", "Deficit"),
    "col.status": ("状态", "Status"),
    "col.rank": ("排名", "Rank"),
    "col.cadres": ("需求人数", "Cadres"),
    "col.demand": ("需求加权分", "Demand (sum of priority)"),
    "col.mean_priority": ("平均优先分", "Mean priority"),
    "col.respondents": ("评分人数", "Respondents"),
    "col.mwds": ("MWDS", "MWDS"),
    "col.rank_mwds": ("MWDS排名", "MWDS rank"),
    "col.kind": ("类别", "Kind"),
    "col.text": ("内容", "Text"),
    "col.detail": ("说明", "Detail"),
    "col.file": ("文件", "File"),
    "col.sheet": ("工作表", "Sheet"),
    "col.cell": ("单元格", "Cell"),
    "col.row": ("行", "Row"),
    "col.column": ("列", "Column"),
    "col.code": ("问题代码", "Code"),
    "col.severity": ("处理", "Handling"),
    "col.message": ("说明", "Message"),
    "col.count": ("数量", "Count"),
    "col.item": ("项目", "Item"),
    "col.value": ("数值", "Value"),
    "col.total": ("合计", "Total"),
    "col.field": ("项目", "Field"),
    "col.roster_value": ("花名册填报", "Roster says"),
    "col.ledger_value": ("台账记录", "Ledger says"),
    "col.used_value": ("分析采用", "Used"),
    "col.hours_year": ("本年度学时", "Hours this year"),
    "col.hours_five_year": ("五年累计学时", "Hours in five-year cycle"),
    "col.completed": ("已参加培训", "Completed training"),
    # class-rosters.xlsx: the Overview sheet and one sign-in sheet per class
    "rosters.overview": ("班次总览", "Overview"),
    "rosters.class_id": ("班次编号", "Class ID"),
    "rosters.class_name": ("班次名称", "Class name"),
    "rosters.topic": ("培训主题", "Topic"),
    "rosters.type": ("培训类型", "Training type"),
    "rosters.organizer": ("主办单位（管理权限）", "Organizer (managing level)"),
    "rosters.job_family": ("职位类别", "Job family"),
    "rosters.period": ("时段", "Period"),
    "rosters.resource": ("培训机构", "Resource"),
    "rosters.size": ("人数", "Size"),
    "rosters.no": ("序号", "No."),
    "rosters.cadre_id": ("编号", "Cadre ID"),
    "rosters.name": ("姓名", "Name"),
    "rosters.unit": ("单位", "Unit"),
    "rosters.post": ("职务", "Post"),
    "rosters.level": ("职级", "Level"),
    "rosters.signature": ("签到", "Signature"),
    "rosters.attended": ("出勤学时", "Hours attended"),
    "rosters.note": ("备注", "Note"),
    "rosters.hours": ("学时", "Hours"),
    "rosters.sign_in": ("签到表", "Sign-in sheet"),
    "rosters.core_class": ("理论教育和党性教育", "Theory and party spirit"),
    # hours-register.xlsx (needscli records export)
    "register.sheet": ("学时登记", "Hours register"),
    "register.title": ("{year}年度干部教育培训学时登记表", "Training hours register {year}"),
    "register.basis": ("本年度学时按培训结束日期计入；五年累计为{first}—{year}年；未结业（请假超过1/7等）的培训不计学时",
                       "Hours count in the year a training ends; five years = {first}-{year}; "
                       "trainings not completed (leave above 1/7 ...) count no hours"),
    "register.off_roster": ("不在花名册中", "not on the roster"),
    "register.col.cadre_id": ("编号", "Cadre ID"),
    "register.col.name": ("姓名", "Name"),
    "register.col.unit": ("单位", "Unit"),
    "register.col.level": ("职级", "Level"),
    "register.col.hours_year": ("本年度学时", "Hours this year"),
    "register.col.concentrated": ("集中培训学时", "Concentrated"),
    "register.col.online": ("网络培训学时", "Online"),
    "register.col.overseas": ("境外培训学时", "Overseas"),
    "register.col.five_year": ("五年累计学时", "Hours in five years"),
    "register.col.standard": ("学时要求", "Standard"),
    "register.col.required": ("应修学时", "Required"),
    "register.col.deficit": ("学时缺口", "Deficit"),
    "register.col.completions": ("最近完成培训", "Last completions"),
    "register.col.note": ("备注", "Note"),
    # the input template (needscli template): its own sheets and the instructions, line by line
    "template.sheet.instructions": ("说明", "Instructions"),
    "template.sheet.lists": ("下拉选项", "Lists"),
    "template.heading": ("needscli 输入模板", "needscli input template"),
    "template.sheets": ("每个工作表一类数据；表头可以改写为常见别名（如“工号”代替“编号”），列顺序不限，多余列会被忽略。",
                        "One sheet per kind of data; headers may use common aliases, columns may come in any order, "
                        "extra columns are ignored."),
    "template.roster": ("花名册：必填 编号、姓名、单位、职务、职级；其余列可选。日期可写 2023-05-01、2023-05、2023.05、2023年5月。",
                        "Roster: Cadre ID, Name, Unit, Post and Level are required. Dates may be 2023-05-01, "
                        "2023-05, 2023.05 or 2023年5月."),
    "template.ids": ("编号按文本填写（如 007 或 18 位身份证号），不要转换为数字。",
                     "Type ids as text (e.g. 007 or an 18-digit id number), never as numbers."),
    "template.lists": ("“已参加培训”“个人培训需求”等多值单元格用 ；、，或换行分隔；已参加培训可附日期，如 党性教育(2024.06)。",
                       "List cells (completed training, personal needs) are separated by ; , 、 or new lines; "
                       "completed training may carry a date: Party spirit(2024.06)."),
    "template.ability": ("自评能力：增加“能力:主题名”列（1-5），可选“重要性:主题名”列（1-5）。",
                         "Self-rated ability: add columns 'ability:<topic>' (1-5) and optionally "
                         "'importance:<topic>' (1-5)."),
    "template.posts": ("岗位：每行一个岗位 × 一个所需主题，要求水平与重要程度为 1-5。",
                       "Posts: one row per post x required topic; required level and importance are 1-5."),
    "template.priorities": ("组织需求：适用单位/职级/类别留空或填“全部”表示不限；职级可写 县处级以上 等分组。"
                            "优先级填 1-5，5 为最高、1 为最低，也可填 高/较高/中/较低/低；不填按 3。",
                            "Priorities: leave target units / levels / categories empty or write 'all'; levels may "
                            "be groups such as county-and-above. Priority is 1-5, 5 the highest and 1 the lowest, "
                            "or high/medium/low; blank counts as 3."),
    "template.optional": ("课程、培训资源、规则为可选表；不填则使用内置课程目录与规则。",
                          "Topics, resources and rules are optional; without them the built-in catalog and rules "
                          "apply."),
    "template.commands": ("检查：needscli validate 文件.xlsx；分析：needscli analyze 文件.xlsx",
                          "Check: needscli validate FILE.xlsx; analyze: needscli analyze FILE.xlsx"),
    # the terminal: analyze's summary table and explain
    "cli.classes": ("班次", "Classes"),
    "cli.unmet": ("未满足需求", "Needs unmet"),
    "cli.not_fired": ("未触发的规则", "Rules that did not fire"),
    "cli.failed_joiner": ("；", "; "),
}

CATALOG: dict[str, Words] = {
    **TEXTS,
    **{f"{table}.{code}": words for table, codes in CODE_TABLES.items() for code, words in codes.items()},
}


def label(key: str, lang: str, **fields: object) -> str:
    """The words of a catalog key in lang ("zh"; anything else is English), its {fields} filled in."""
    return _in_language(CATALOG[key], lang, fields)


def code_label(table: str, code: str, lang: str, **fields: object) -> str:
    """The words of a code of a code table ("training_type", "source" ...); a code without words stays as it is."""
    words = CODE_TABLES[table].get(code)
    return code if words is None else _in_language(words, lang, fields)


def _in_language(words: Words, lang: str, fields: dict[str, object]) -> str:
    text = words[0] if lang == "zh" else words[1]
    return text.format(**fields) if fields else text


def reason_texts(lang: str, joiners: tuple[str, str, str] = ("、", "; ", " | ")) -> Memo:
    """memo[tuple(need.reasons)] -> (its sources in words, its rule ids, its reasons), joined for a cell."""
    source_word = Memo(lambda source: code_label("source", source, lang))

    def texts(reasons: tuple[Any, ...]) -> tuple[str, str, str]:
        order = sorted({r.source for r in reasons}, key=NEED_SOURCES.index)
        return (joiners[0].join(source_word[s] for s in order), joiners[1].join(r.rule_id for r in reasons),
                joiners[2].join(r.text for r in reasons))

    return Memo(texts)
