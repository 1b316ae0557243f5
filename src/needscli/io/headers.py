"""Header aliases (English and Chinese), header-row detection and column mapping."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from needscli.io.cells import error_cells, error_word, is_blank
from needscli.io.extent import ErrorValue
from needscli.text import column_letter, did_you_mean, fold_header, strip_parens

# field -> aliases; the first alias is the canonical Chinese header, the second the English one.
ROSTER = {
    "id": ["编号", "id", "cadreid", "人员编号", "工号", "工作证号", "身份证号", "身份证号码", "公民身份号码", "employeeid", "staffid",
           "personid", "empid", "employeenumber", "employeeno", "empno"],
    "name": ["姓名", "name", "fullname", "employeename", "empname"],
    "unit": ["单位", "unit", "工作单位", "所在单位", "单位名称", "任职单位", "organization", "organisation"],
    "post": ["职务", "post", "现任职务", "岗位", "职位", "position", "jobtitle", "title"],
    "level": ["职级", "level", "级别", "职务层次", "职务级别", "行政级别", "rank", "grade", "joblevel"],
    "department": ["部门", "department", "处室", "内设机构", "科室", "dept"],
    "post_code": ["岗位代码", "postcode", "职位代码", "岗位编号", "职位编号", "positioncode"],
    "category": ["干部类别", "category", "人员类别", "cadrecategory", "类别"],
    "job_family": ["职位类别", "jobfamily", "岗位类别", "职系"],
    "managed_by": ["管理权限", "managedby", "干部管理权限", "管理单位"],
    "appointed": ["任现职时间", "appointed", "任职时间", "任职日期", "任现职务时间", "任现职日期", "appointedtocurrentpost",
                  "appointmentdate"],
    "entry_date": ["参加工作时间", "entrydate", "入职时间", "参工时间", "startdate", "hiredate", "dateofhire", "hired"],
    "recorded": ["录用时间", "recorded", "进入公务员队伍时间", "试用期起始", "试用期起始时间", "试用期开始时间", "录用日期",
                 "公务员录用时间", "civilserviceentry", "probationstart"],
    "birth_date": ["出生年月", "birthdate", "出生日期", "dateofbirth", "birthday", "dob"],
    "hours_year": ["本年度学时", "hoursthisyear", "年度学时", "本年学时", "本年度培训学时", "hoursyear",
                   "本年度集中培训学时", "本年度脱产培训学时", "年度培训学时", "本年培训学时"],
    "hours_five_year": ["五年累计学时", "hoursfiveyear", "五年学时", "5年累计学时", "累计学时", "hourscycle", "fiveyearhours",
                        "五年累计集中培训学时", "五年累计脱产培训学时"],
    "days_year": ["本年度培训天数", "daysthisyear", "本年度脱产培训天数", "本年度集中培训天数", "年度培训天数", "本年培训天数"],
    "days_five_year": ["五年累计培训天数", "daysfiveyear", "五年累计脱产培训天数", "五年培训天数", "累计培训天数"],
    "online_hours_year": ["本年度网络学时", "onlinehoursthisyear", "本年度网络培训学时", "网络学时", "网络培训学时",
                          "网上学时", "本年度在线学时", "在线学时", "onlinehours"],
    "completed": ["已参加培训", "completed", "已完成培训", "已参训", "completedtraining"],
    "wishes": ["个人培训需求", "personalneeds", "培训需求", "个人需求", "wishes", "trainingwishes"],
}
POSTS = {
    "post_code": ["岗位代码", "postcode", "职位代码", "岗位编号", "职位编号", "positioncode"],
    "post_title": ["岗位名称", "posttitle", "职位名称", "岗位", "职务", "post", "position"],
    "job_family": ["职位类别", "jobfamily", "岗位类别", "职系"],
    "responsibilities": ["主要职责", "responsibilities", "岗位职责", "职责", "duties"],
    "topic": ["培训主题", "topic", "主题", "课程", "课程名称", "requiredtopic", "所需能力"],
    "required_level": ["要求水平", "requiredlevel", "要求等级", "要求程度", "required"],
    "importance": ["重要程度", "importance", "重要性"],
}
PRIORITIES = {
    "id": ["编号", "id", "需求编号", "priorityid"],
    "topic": ["培训主题", "topic", "主题", "课程", "课程名称", "专题"],
    "source_kind": ["需求来源", "sourcekind", "来源", "source", "需求类型"],
    "target_units": ["适用单位", "targetunits", "参训单位", "units"],
    "target_levels": ["适用职级", "targetlevels", "参训职级", "levels", "对象职级"],
    "target_categories": ["适用类别", "targetcategories", "参训类别", "categories", "对象类别"],
    "priority": ["优先级", "priority", "优先程度"],
    "start": ["开始时间", "start", "起始日期", "起始时间", "开始日期", "部署时间", "部署日期", "启动时间", "启动日期", "轮训开始时间",
              "roundstart"],
    "deadline": ["完成期限", "deadline", "截止日期", "截止时间", "duedate"],
    "training_type": ["培训类型", "trainingtype", "类型"],
}
TOPICS = {
    "id": ["主题编号", "id", "编号", "topicid", "课程编号"],
    "name_zh": ["培训主题", "name", "主题", "课程", "课程名称", "中文名称", "namezh", "topic"],
    "name_en": ["英文名称", "nameen", "englishname"],
    "aliases": ["别名", "aliases", "又称"],
    "domain": ["领域", "domain", "内容类别"],
    "training_type": ["培训类型", "trainingtype", "类型"],
    "hours": ["学时", "hours"],
    "validity_years": ["有效期", "validityyears", "有效期年", "validity"],
    "core": ["理论核心", "core", "必修", "theorycore"],
}
RESOURCES = {
    "provider": ["培训机构", "provider", "机构", "机构名称", "培训资源", "resource"],
    "kind": ["机构类型", "kind", "类型", "type"],
    "topics": ["承训主题", "topics", "培训主题", "课程", "主题"],
    "seats_per_period": ["每期座位", "seatsperperiod", "每期容量", "容量", "seats", "capacity"],
    "cost_per_seat": ["人均费用", "costperseat", "费用", "cost"],
    "score": ["评估得分", "score", "评估分", "评价得分", "evaluationscore", "满意度"],
}
RULES = {
    "id": ["规则编号", "id", "ruleid", "编号"],
    "name": ["规则名称", "name", "名称", "说明"],
    "match": ["匹配方式", "match", "组合"],
    "field": ["字段", "field", "条件字段"],
    "op": ["运算符", "op", "operator", "比较"],
    "value": ["值", "value", "条件值"],
    "topics": ["培训主题", "topics", "topic", "主题", "推荐主题"],
    "source": ["需求来源", "source", "来源"],
    "weight": ["权重", "weight"],
    "training_type": ["培训类型", "trainingtype"],
}

# field -> the English header the template and reports write
ENGLISH = {
    "roster": {
        "id": "Cadre ID", "name": "Name", "unit": "Unit", "post": "Post", "level": "Level",
        "department": "Department", "post_code": "Post code", "category": "Category",
        "job_family": "Job family", "managed_by": "Managed by", "appointed": "Appointed to current post",
        "entry_date": "Entry date", "recorded": "Civil service entry", "birth_date": "Birth date",
        "hours_year": "Hours this year", "hours_five_year": "Hours in five-year cycle",
        "days_year": "Training days this year", "days_five_year": "Training days in five-year cycle",
        "online_hours_year": "Online hours this year", "completed": "Completed training",
        "wishes": "Personal needs",
    },
    "posts": {
        "post_code": "Post code", "post_title": "Post title", "job_family": "Job family",
        "responsibilities": "Responsibilities", "topic": "Topic", "required_level": "Required level",
        "importance": "Importance",
    },
    "priorities": {
        "id": "Priority ID", "topic": "Topic", "source_kind": "Source kind", "target_units": "Target units",
        "target_levels": "Target levels", "target_categories": "Target categories",
        "priority": "Priority", "start": "Start date", "deadline": "Deadline", "training_type": "Training type",
    },
    "topics": {
        "id": "Topic ID", "name_zh": "Name", "name_en": "English name", "aliases": "Aliases",
        "domain": "Domain", "training_type": "Training type", "hours": "Hours",
        "validity_years": "Validity (years)", "core": "Theory core",
    },
    "resources": {
        "provider": "Provider", "kind": "Kind", "topics": "Topics", "seats_per_period": "Seats per period",
        "cost_per_seat": "Cost per seat", "score": "Evaluation score",
    },
    "rules": {
        "id": "Rule ID", "name": "Name", "match": "Match", "field": "Field", "op": "Operator",
        "value": "Value", "topics": "Topics", "source": "Source", "weight": "Weight",
        "training_type": "Training type",
    },
}

REQUIRED = {
    "roster": ["id", "name", "unit", "post", "level"],
    "posts": ["topic"],
    "priorities": ["topic"],
    "topics": ["name_zh"],
    "resources": ["provider", "topics"],
    "rules": ["id", "topics"],
}
ALIASES = {
    "roster": ROSTER,
    "posts": POSTS,
    "priorities": PRIORITIES,
    "topics": TOPICS,
    "resources": RESOURCES,
    "rules": RULES,
}
_CJK = re.compile(r"[\u4e00-\u9fff]")
_RATING = re.compile(r"^(ability|能力|自评能力|importance|重要性|重要程度)[:：](.+)$", re.IGNORECASE)
HEADER_SCAN_ROWS = 30


@dataclass
class Columns:
    """Where each field sits: field -> column index, plus rating columns and extras."""

    header_row: int  # Excel row number of the header (its lower row when it spans two); data follow it
    fields: dict[str, int]
    headers: list[str]  # the header cells as written
    ratings: dict[int, tuple[str, str]] = field(default_factory=dict)  # col -> (kind, topic)
    extras: list[str] = field(default_factory=list)
    unmapped: list[str] = field(default_factory=list)  # headers of the column mapping found in no column
    # a field named by more than one column (职务层次 and 职级 both give the level): the further columns, left to right
    doubles: dict[str, list[int]] = field(default_factory=dict)
    # a field's columns hidden in Excel beside one shown (io.doubled_columns.shown_first): not read
    hidden_doubles: dict[str, list[int]] = field(default_factory=dict)


def _alias_index(table: str, mapping: dict[str, str] | None = None) -> dict[str, str]:
    index: dict[str, str] = {}
    for name, aliases in ALIASES[table].items():
        for alias in aliases:
            index.setdefault(fold_header(alias), name)
    for name, label in ENGLISH[table].items():
        index.setdefault(fold_header(label), name)
    for header, name in (mapping or {}).items():
        index[fold_header(header)] = name
    return index


def match_header(text: str, index: dict[str, str]) -> str | None:
    key = fold_header(text)
    return index.get(key) or index.get(fold_header(strip_parens(text)))


def rating_header(text: str) -> tuple[str, str] | None:
    """'能力:法治思维' -> ('ability', '法治思维'); 'importance: law' -> ('importance', 'law')."""
    match = _RATING.match(text.strip())
    if not match:
        return None
    kind = "ability" if match.group(1).casefold() in {"ability", "能力", "自评能力"} else "importance"
    return kind, (strip_parens(match.group(2)).strip() or match.group(2).strip())


def _row_texts(row: list[object]) -> list[str]:
    return ["" if v is None else str(v).strip() for v in row]


def find_columns(table: str, rows: list[list[object]], mapping: dict[str, str] | None = None) -> Columns | None:
    """The header row is the one among the first rows that names the most known fields.

    A header two rows high (a group cell over sub-headers, the other cells merged down over both
    rows) is read as one: see _two_rows.
    """
    index = _alias_index(table, mapping)
    best: tuple[int, int] | None = None
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        score = _score(_row_texts(row), index)
        if score >= 2 and (best is None or score > best[1]):
            best = (i, score)
    if best is None:
        return None
    i, score = best
    texts = _row_texts(rows[i])
    mapped = {fold_header(header): name for header, name in (mapping or {}).items()}
    if i + 1 < len(rows):  # the row below holds sub-headers (or repeats cells merged down)
        both = _two_rows(texts, _row_texts(rows[i + 1]), index)
        if both is not None:
            return _mapped(_map_row(table, i + 1, both, index, mapped), mapping)
    if i > 0:  # the row above names columns this one leaves blank
        both = _two_rows(_row_texts(rows[i - 1]), texts, index)
        if both is not None and _score(both, index) > score:
            return _mapped(_map_row(table, i, both, index, mapped), mapping)
    return _mapped(_map_row(table, i, texts, index, mapped), mapping)


def _mapped(columns: Columns, mapping: dict[str, str] | None) -> Columns:
    """Columns, with the headers of the column mapping that no column of its header row has."""
    if mapping:
        present = {fold_header(t) for t in columns.headers if t} | {fold_header(strip_parens(t))
                                                                    for t in columns.headers if t}
        columns.unmapped = [header for header in mapping if fold_header(header) not in present]
    return columns


# a column numbering the rows (序号, 编号序号, No.): typed beside headers by formula, it names no column of a table
_ROW_NUMBER = re.compile(r"(?:.{0,4}序号|行号|顺序号|no|#|s/?n)")


def _row_number_header(text: str) -> bool:
    """Whether a header is one of a column numbering the rows (序号, 编号序号, No.)."""
    return _ROW_NUMBER.fullmatch(fold_header(text)) is not None


def _known(text: str, index: dict[str, str]) -> bool:
    return bool(text) and (match_header(text, index) is not None or rating_header(text) is not None)


def _score(texts: list[str], index: dict[str, str]) -> int:
    hits = {match_header(t, index) for t in texts if t} - {None}
    return len(hits) + sum(1 for t in texts if t and rating_header(t))


def _two_rows(upper: list[str], lower: list[str], index: dict[str, str]) -> list[str] | None:
    """The cells of two header rows read as one, or None when they are not one header.

    They are when the lower row names a known field and, column by column, the two rows agree
    (a cell merged down over both, filled) or one is blank or the upper cell is a group over
    several columns. A column takes the lower text (the sub-header) unless it is blank, or unknown
    under a known upper one.
    """
    width = max(len(upper), len(lower))
    upper, lower = upper + [""] * (width - len(upper)), lower + [""] * (width - len(lower))
    if not any(_known(text, index) for text in lower):
        return None
    for c, (up, low) in enumerate(zip(upper, lower, strict=True)):
        if up and low and fold_header(up) != fold_header(low) and not _group(upper, lower, c):
            return None
    out, group = [], ""
    for up, low in zip(upper, lower, strict=True):
        group = up or (group if low else "")  # a sub-header with a blank cell above is under the group to its left
        text = low if low and (_known(low, index) or not _known(up, index)) else up
        out.append(_under_group(text, group, index) if low and text == low and not _known(low, index) else text)
    return out


def _under_group(sub: str, group: str, index: dict[str, str]) -> str:
    """A sub-header that names no field alone, read with its group: 本年度 under 培训学时 is 本年度学时."""
    if group and group != sub:
        for text in (sub + group, group + sub, sub + group[-2:]):
            if _known(text, index):
                return text
    return sub


def _group(upper: list[str], lower: list[str], c: int) -> bool:
    """upper[c] heads several columns: merged across (filled: a neighbour repeats it), or written
    once with blank cells to its right over sub-headers."""
    text = upper[c]
    if (c > 0 and upper[c - 1] == text) or (c + 1 < len(upper) and upper[c + 1] == text):
        return True
    return c + 1 < len(upper) and not upper[c + 1] and bool(lower[c + 1])


def _map_row(table: str, i: int, texts: list[str], index: dict[str, str],
             mapped: dict[str, str] | None = None) -> Columns:
    """Each column's field; a header of the column mapping (mapped: folded header -> field) takes its field
    before any built-in alias in another column does."""
    columns = Columns(header_row=i + 1, fields={}, headers=texts)
    if mapped:
        for col, text in enumerate(texts):
            name = mapped.get(fold_header(text)) if text else None
            if name and name not in columns.fields:
                columns.fields[name] = col
    taken = set(columns.fields.values())
    chosen = set(columns.fields)  # the fields the mapping gave a column: another column naming one is not read
    for col, text in enumerate(texts):
        if not text or col in taken:
            continue
        name = match_header(text, index)
        rating = rating_header(text) if table == "roster" else None
        if name and name not in columns.fields:
            columns.fields[name] = col
        elif rating:
            columns.ratings[col] = rating
        else:
            if name and name not in chosen:
                columns.doubles.setdefault(name, []).append(col)
            columns.extras.append(text)
    return columns


def missing_required(table: str, columns: Columns) -> list[str]:
    """Messages for each required field the header row lacks, with a near miss: the header named as the header row
    is written, the other language's in brackets (no "单位" (Unit) column; no "Unit" (单位) column)."""
    out = []
    present = columns.extras  # a header already mapped to another field is no near miss
    lang = header_lang(columns.headers)
    for name in REQUIRED[table]:
        if name not in columns.fields:
            zh, en = ALIASES[table][name][0], ENGLISH[table][name]
            hint = did_you_mean(zh, present, cutoff=0.4) or did_you_mean(en, present, cutoff=0.6)
            out.append(f"no {column_named(table, name, lang)} column{hint}")
    return out


def header_lang(headers: Iterable[str]) -> str:
    """The language a header row is written in: "zh" where any header holds a Chinese character, else "en"."""
    return "zh" if any(_CJK.search(h) for h in headers if h) else "en"


def column_named(table: str, name: str, lang: str) -> str:
    """A field's column as a message names it, its header in lang first, the other in brackets: "单位" (Unit), or
    "Unit" (单位) for a table of English headers."""
    zh, en = ALIASES[table][name][0], ENGLISH[table][name]
    return f'"{en}" ({zh})' if lang == "en" else f'"{zh}" ({en})'


def error_headers(columns: Columns, errors: Iterable[ErrorValue]) -> list[ErrorValue]:
    """The header's cells holding an error value (#REF!: a header by formula whose reference was deleted), left to
    right: of the header row, and of the row above where its column has no header (a two-row header's cell merged
    over both, said once, at its top cell); a CSV's header of an error's text (cells.error_word) too. Each reads as
    no header: its column is not found, nor read."""
    row, headers = columns.header_row, columns.headers
    texts = (ErrorValue(row, col + 1, word) for col, text in enumerate(headers) if text[:1] == "#"
             and (word := error_word(text)))
    found = sorted((*(e for e in errors if e.row == row or (e.row == row - 1 and not (
        e.column <= len(headers) and headers[e.column - 1]))), *texts), key=lambda e: (e.column, e.row))
    return [e for i, e in enumerate(found) if not i or found[i - 1].column != e.column]  # a column's top cell


def error_header_row(table: str, rows: list[list[object]], errors: Iterable[ErrorValue], text: bool,
                     mapping: dict[str, str] | None = None) -> list[ErrorValue]:
    """The cells of error values (#REF!) of a sheet's header row where find_columns found none: headers by formula
    whose sheet or column was deleted show #REF!, read as empty cells (a CSV's as their text, cells.error_word; text:
    whether the sheet is a text file's). The header row is the first of the first rows holding two values or more (a
    title above it holds one); it is one of error values where two or more of its cells are, and any other is a header
    naming a column. [] for any other sheet."""
    return error_header_row_of(_alias_index(table, mapping), rows, errors, text)


def error_header_row_of(index: dict[str, str], rows: list[list[object]], errors: Iterable[ErrorValue],
                        text: bool) -> list[ErrorValue]:
    """error_header_row of a table whose known headers are index's (folded header -> field): a records layout's."""
    by_row: dict[int, list[ErrorValue]] = {}
    for error in errors:
        if error.row <= HEADER_SCAN_ROWS:
            by_row.setdefault(error.row, []).append(error)
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        found, named, other = list(by_row.get(i + 1, ())), 0, False
        for col, value in enumerate(row):
            word = error_word(value) if text else ""
            if word:
                found.append(ErrorValue(i + 1, col + 1, word))
            elif not is_blank(value):
                named += 1
                other = other or not (isinstance(value, str) and (_known(value.strip(), index)
                                                                  or _row_number_header(value)))
        if len(found) + named >= 2:
            return [] if other or len(found) < 2 else sorted(found, key=lambda e: e.column)
    return []


def error_header_row_said(errors: list[ErrorValue]) -> str:
    """A header row of error values (error_header_row), as a message says it after the row's place: its cells by
    their error."""
    said = error_cells(errors[0].row, ((e.column - 1, e.text) for e in errors))
    return f"its headers are error values ({said}), so the header row could not be read"


ERROR_HEADER_EXPECTED = "the formula corrected, or the header typed in"


def error_header_said(error: ErrorValue) -> str:
    """A header cell of an error value, in the words of a missing column's message (the header C1 is ...)."""
    what = f"is an error value ({error.text})" if error.text else "is an error value"
    return f"the header {column_letter(error.column - 1)}{error.row} {what}, so its column was not read"


def header_label(table: str, name: str, lang: str) -> str:
    """The canonical header for a field: Chinese or English."""
    return ALIASES[table][name][0] if lang == "zh" else ENGLISH[table][name]
