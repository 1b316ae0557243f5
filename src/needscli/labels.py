"""Words people read in the outputs, in Chinese and English. Codes stay in CSV/JSON."""

from __future__ import annotations

from typing import Any

from needscli.cache import Memo
from needscli.models import NEED_SOURCES

SOURCES = {
    "theory-core": ("理论武装", "Theory core"),
    "compliance": ("学时达标", "Hours compliance"),
    "organizational": ("组织需求", "Organizational"),
    "post": ("岗位需求", "Post"),
    "personal": ("个人需求", "Personal"),
}
TRAINING_TYPES = {
    "initial": ("初任培训", "Initial"),
    "appointment": ("任职培训", "Appointment"),
    "on-the-job": ("在职培训", "On-the-job"),
    "specialized": ("专门业务培训", "Specialized business"),
    "theory": ("专题培训（理论与党性）", "Theory and party spirit"),
}
STANDARDS = {
    "annual": ("每年{h:g}学时", "{h:g} h a year"),
    "five-year": ("五年{h:g}学时", "{h:g} h in 5 years"),
}
STATUS = {
    "met": ("达标", "met"),
    "deficit": ("未达标", "deficit"),
    "unknown": ("未填报学时", "hours not reported"),
}
UNMATCHED = {
    "wish": ("个人需求", "personal wish"),
    "priority": ("组织需求", "organizational priority"),
}
SEVERITY = {"error": ("已跳过该行", "row skipped"), "warning": ("已保留该行", "row kept")}
RESOURCE_KINDS = {
    "party-school": ("党校", "party school"),
    "admin-college": ("行政学院", "administrative college"),
    "university": ("高校", "university"),
    "online": ("网络学院", "online"),
    "enterprise": ("企业", "enterprise"),
    "base": ("教育基地", "base"),
    "other": ("其他", "other"),
    "unassigned": ("未分配", "unassigned"),
}

TEXT = {
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
}


def word(table: dict[str, tuple[str, str]], key: str, lang: str) -> str:
    pair = table.get(key)
    if pair is None:
        return key
    return pair[0] if lang == "zh" else pair[1]


def t(key: str, lang: str, **kwargs: object) -> str:
    text = word(TEXT, key, lang)
    return text.format(**kwargs) if kwargs else text


def reason_texts(sources: dict[str, tuple[str, str]], lang: str,
                 joiners: tuple[str, str, str] = ("、", "; ", " | ")) -> Memo:
    """memo[tuple(need.reasons)] -> (its sources in words, its rule ids, its reasons), joined for a cell."""
    source_word = Memo(lambda source: word(sources, source, lang))

    def texts(reasons: tuple[Any, ...]) -> tuple[str, str, str]:
        order = sorted({r.source for r in reasons}, key=NEED_SOURCES.index)
        return (joiners[0].join(source_word[s] for s in order), joiners[1].join(r.rule_id for r in reasons),
                joiners[2].join(r.text for r in reasons))

    return Memo(texts)
