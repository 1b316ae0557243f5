"""Messages in Chinese: the readers' and checkers' English messages, said as a Chinese training office says them.

A message is written once, in English, where its fault is found (the English sentence is its key, as a
gettext msgid is); in_chinese() gives the Chinese of the whole message: where it points (file, sheet,
row, column), what is wrong and what is expected. The phrases are one table, below; a test feeds every
kind of fault through the readers and checks that no English sentence is left in a Chinese message.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from needscli.errors import Problem

Phrase = tuple[re.Pattern[str], "str | Callable[[re.Match[str]], str]"]


def _toml_key(said: str) -> str:
    """A TOML section the TOML reader names as Python writes a tuple ("('inputs',)"), as the file writes it:
    [inputs], [classes.organizer_parent]; as said where it is no tuple."""
    try:
        parts = ast.literal_eval(said)
    except (ValueError, SyntaxError):
        return said
    if isinstance(parts, tuple) and parts and all(isinstance(p, str) for p in parts):
        return "[" + ".".join(parts) + "]"
    return said


def _p(pattern: str, zh: str | Callable[[re.Match[str]], str]) -> Phrase:
    return re.compile(pattern + r"\Z", re.DOTALL), zh


def _either(words: str) -> str:
    """A list of words as a message gives it in English (a, b or c), as Chinese gives it (a、b 或 c)."""
    head, _, last = words.rpartition(" or ")
    return f"{head.replace(', ', '、')} 或 {last}" if head else words


def _hint(match: re.Match[str], group: str = "hint") -> str:
    hit = match.group(group)
    return f"（是否指「{hit}」？）" if hit else ""


_XML_FAULT = {  # io.zipcheck's words for expat's faults
    "an undefined entity (&name;)": "未定义的实体（&名称;）", "a tag closed that was not opened": "关闭了未打开的标签",
    "no content": "没有内容", "it ends in the middle of a tag": "在标签中间结束",
    "a character XML does not allow": "含有 XML 不允许的字符", "text after the document's end": "文档结束后还有内容",
}
_NOT_REGULAR = {"a pipe (FIFO)": "管道（FIFO）", "a socket": "套接字", "a device": "设备文件", "no regular file": "特殊文件"}

_WHAT = {  # the names of closed lists and fields, as messages name them
    "cadre category": "干部类别", "job family": "职位类别", "source kind": "需求来源", "level": "职级",
    "unit": "单位", "training type": "培训类型", "category": "类别",
}


def _what(text: str) -> str:
    return _WHAT.get(text, text)


_SHEET_KIND: dict[str, str] = {"roster": "花名册", "posts": "岗位", "priorities": "组织需求", "topics": "课程", "resources": "培训资源",
               "rules": "规则"}


_OS_ERRORS: dict[str, str] = {  # the operating system's (and SQLite's) words for why a file could not be written
    "No space left on device": "磁盘空间不足", "Permission denied": "没有写入权限", "Read-only file system": "文件系统只读",
    "File name too long": "文件名太长", "Disk quota exceeded": "超出磁盘配额", "No such file or directory": "路径不存在",
    "File exists": "已存在同名文件", "Not a directory": "路径中有一段是文件，不是文件夹", "Is a directory": "是文件夹",
    "Operation not permitted": "操作不被允许", "Device or resource busy": "设备或资源正忙",
    "Input/output error": "磁盘读写出错", "Invalid argument": "路径或文件名无效", "Too many open files": "打开的文件过多",
    "disk I/O error": "磁盘读写出错", "database is locked": "正被另一程序使用（已锁定）", "file is not a database": "不是数据库文件",
    "unable to open database file": "无法打开数据库文件", "database disk image is malformed": "数据库文件已损坏",
    "attempt to write a readonly database": "数据库为只读", "database or disk is full": "磁盘空间不足",
}


def _os(why: str) -> str:
    return _OS_ERRORS.get(why, why)


_OFF_ROSTER = {  # what became of a sign-in sheet's seat whose id is on no row of the roster (records/seat_ids.py)
    "its attendance was recorded all the same": "出勤仍已记入台账",
    "its attendance would be recorded all the same (dry run: nothing written)": "出勤仍将记入台账（试运行，尚未写入）",
    "the file was not imported for its other problems; once they are fixed, this attendance is recorded all the "
    "same": "但本文件因其他问题未导入；改正后导入时，这次出勤仍会记入台账",
    "its training was recorded all the same": "该培训记录仍已记入台账",
    "its training would be recorded all the same (dry run: nothing written)": "该培训记录仍将记入台账（试运行，尚未写入）",
    "the file was not imported for its other problems; once they are fixed, this training is recorded all the "
    "same": "但本文件因其他问题未导入；改正后导入时，该培训记录仍会记入台账",
}
# a near miss named after what is wrong; never across "; ", where the next fault of a list begins (no "培训主题"
# column (did you mean 已参加培训?); no "学时" column ...: each said on its own)
_HINT = r"(?: \(did you mean (?P<hint>(?:(?!; ).)+?)\?\))?"
# a roster's 单位 column as a message names it: by its Chinese header, or by its English one in a roster of English
# headers (io.headers.column_named, header_label)
_UNIT_COLUMN = r'(?:"单位" \(Unit\)|"Unit" \(单位\))'
_UNIT_HEADER = r"(?:单位|Unit)"


def _chinese_header(*headers: str) -> str:
    """Of a column's headers as a message names them ("Unit" (单位)), the Chinese one."""
    return next((h for h in headers if re.search(r"[\u4e00-\u9fff]", h)), headers[0])


_TOML_FILES = {  # what a TOML file is, as io.toml_file's messages name it
    "config file": "配置文件", "rules file": "规则文件", "project file": "项目文件", "topic catalog": "课程目录文件",
    "built-in defaults": "内置默认值",
}
_USER_FILES = {  # what a file a user names is, as io.user_files' messages name it
    **_TOML_FILES, "pseudonym key file": "假名化密钥文件", "saved analysis": "保存的分析结果文件",
    "table of the saved analysis": "已保存分析的数据表", "table of an earlier run": "以前一次运行的数据表",
    "file to import": "要导入的文件",
}
_USER_KINDS = "|".join(_USER_FILES)
_TOML_KINDS = "|".join(_TOML_FILES)
_TOML_FAULTS = [  # what tomllib says is wrong at a line and column of a TOML text
    _p(r"Invalid value", "取值无效（文本须加英文引号，如 \"市委管理\"；数字、true/false 和日期不加）"),
    _p(r"Invalid statement", "无法识别的语句（每行应为 键 = 值，或 [节] 标题）"),
    _p(r"Expected newline or end of document after a statement", "一条语句之后应换行（一行只写一个 键 = 值）"),
    _p(r"Expected '=' after a key in a key/value pair", "键后面缺少等号（应为 键 = 值）"),
    _p(r"Invalid initial character for a key part", "键的开头有不能用的字符（键由字母、数字、_ 和 - 组成，其他须加引号）"),
    _p(r"Expected '\]' at the end of a table declaration", "节的标题缺少结尾的 ]"),
    _p(r"Expected '\]\]' at the end of an array declaration", "[[…]] 标题缺少结尾的 ]]"),
    _p(r"Unclosed array", "列表缺少结尾的 ]"),
    _p(r"Unclosed inline table", "内嵌表缺少结尾的 }"),
    _p(r"Unterminated string", "文本缺少结尾的引号"),
    _p(r"Unescaped '\\' in a string", "文本中有未转义的 \\（写作 \\\\，或改用单引号）"),
    _p(r"Invalid hex value", "文本中的 \\u 转义不是有效的十六进制数"),
    _p(r"Escaped character is not a Unicode scalar value", "文本中的转义不是有效的 Unicode 字符"),
    _p(r"Invalid date or datetime", "不是有效的日期或时间"),
    _p(r"Cannot overwrite a value", "同一个键写了两次"),
    _p(r"a key of more than (?P<n>\d+) parts \(a\.b\.c …\)", lambda m: f"键由超过 {m['n']} 段组成（a.b.c …），任何设置都没有这么多段"),
    _p(r"Cannot declare (?P<key>.+) twice", lambda m: f"{_toml_key(m['key'])} 声明了两次"),
    _p(r"Cannot (?:mutate immutable|redefine) namespace (?P<key>.+)",
       lambda m: f"{_toml_key(m['key'])} 已在前面定义，不能再次定义"),
    _p(r"Duplicate inline table key (?P<key>.+)", lambda m: f"内嵌表中的键 {m['key']} 重复"),
    _p(r"There is no nest behind this key|An object other than list found behind this key", "这个键前面已定义为其他类型的值"),
    _p(r"Expected (?P<what>.+)", lambda m: f"此处应为 {m['what']}"),
    _p(r"Illegal character '\\n'", "文本在行尾没有结束（缺少结尾的引号）"),
    _p(r"(?:Found invalid|Illegal) character (?P<ch>.+)", lambda m: f"有不能用的字符 {m['ch']}"),
]


def _toml_fault(reason: str) -> str:
    for pattern, zh in _TOML_FAULTS:
        match = pattern.match(reason)
        if match:
            return zh if isinstance(zh, str) else zh(match)
    return reason


def _toml_file(what: str) -> str:
    return _TOML_FILES.get(what, what)


_OVER: list[Phrase] = [  # how far past a limit of [limits] a sheet goes
    _p(r"more than (?P<max>[\d,]+) rows \(limits.max_sheet_rows in the config\)",
       lambda m: f"超过 {m['max']} 行（配置项 limits.max_sheet_rows）"),
    _p(r"more than (?P<max>[\d,]+) columns \(limits.max_sheet_columns in the config\)",
       lambda m: f"超过 {m['max']} 列（配置项 limits.max_sheet_columns）"),
    _p(r"more than (?P<max>[\d,]+) cells \(limits.max_sheet_cells in the config\)",
       lambda m: f"超过 {m['max']} 个单元格（配置项 limits.max_sheet_cells）"),
    _p(r"(?P<w>[\d,]+) columns, more than (?P<max>[\d,]+) \(limits.max_sheet_columns in the config\)",
       lambda m: f"{m['w']} 列，超过 {m['max']} 列（配置项 limits.max_sheet_columns）"),
    _p(r"(?P<r>[\d,]+) rows × (?P<w>[\d,]+) columns, more than (?P<max>[\d,]+) cells \(limits.max_sheet_cells in "
       r"the config\)",
       lambda m: f"{m['r']} 行 × {m['w']} 列，超过 {m['max']} 个单元格（配置项 limits.max_sheet_cells）"),
]


def _listed(names: str) -> str:
    """Names listed the English way (编号, 姓名), listed the Chinese way (编号、姓名)."""
    return "、".join(name.strip() for name in names.split(","))


def _rows(rows: str) -> str:
    """A notice's first rows listed the English way (2, 3, 5 …), listed the Chinese way (2、3、5 …)."""
    return rows.replace(", ", "、")


_UNIT_LEVELS = {"county": "县级", "city": "市级", "enterprise": "企业"}
_SETTING = [  # a setting of [classes] that filled a blank 管理权限 (io.organizer_fill.settings_words)
    _p(r"organizer of each tier \(organizer_by_tier\): (?P<tiers>.+)",
       lambda m: f"各职级层级的管理层级（organizer_by_tier）：{_listed(m['tiers'])}"),
    _p(r"organizer of each tier in each level of unit \(organizer_by_unit_level\): (?P<tiers>.+) of (?P<level>"
       + "|".join(_UNIT_LEVELS) + ") units",
       lambda m: f"各级单位各职级层级的管理层级（organizer_by_unit_level）：{_UNIT_LEVELS[m['level']]}单位的"
                 f"{_listed(m['tiers'])}"),
]


def _settings(said: str) -> str:
    """The settings that filled blank organizers, as the Chinese notice says them (joined by ；)."""
    parts = []
    for part in said.split("; "):
        zh = next((zh for pattern, zh in _SETTING if (match := pattern.match(part))), None)
        if zh is None or match is None:
            raise _Untold(part)
        parts.append(zh if isinstance(zh, str) else zh(match))
    return "；".join(parts)


def _over(text: str) -> str:
    for pattern, zh in _OVER:
        match = pattern.match(text)
        if match:
            return zh if isinstance(zh, str) else zh(match)
    return text


# where a message points: its opening, said in Chinese; the rest is said by _PHRASES
# a column of a ledger record that cannot be read (records/store.py record_faults): its name, what it should hold
_LEDGER_COLUMNS = {"cadre_id": "编号", "delivery": "培训方式", "start_date": "开始日期", "end_date": "结束日期",
                   "hours": "学时", "attended_hours": "出勤学时", "days": "天数", "completed": "是否完成",
                   "source_row": "来源行号"}
_LEDGER_EXPECTED = {
    "an id, not empty": "非空的编号",
    "concentrated, online or overseas": "concentrated、online 或 overseas",
    "a date written as 2026-05-01, not after the end date, or empty": "写作 2026-05-01 的日期，且不晚于结束日期；或为空",
    "a date written as 2026-05-01": "写作 2026-05-01 的日期",
    "a number, 0 or more": "不小于 0 的数字",
    "a number, 0 or more, or empty": "不小于 0 的数字，或为空",
    "0 or 1": "0 或 1",
    "a whole number": "整数",
}


def _ledger_record(m: re.Match[str]) -> str:
    klass = f"，班次 {m['klass']}" if m["klass"] else ""
    cadre = "空" if m["cadre"] == "empty" else m["cadre"]
    value = "空" if m["value"] == "empty" else m["value"]
    column = m["col"]
    return (f"台账第 {m['id']} 条记录（导入自 {m['file']}，工作表「{m['sheet']}」第 {m['row']} 行；编号 {cadre}{klass}）的"
            f"「{_LEDGER_COLUMNS.get(column, column)}」（{column}）为 {value}，无法读取；应为："
            f"{_LEDGER_EXPECTED.get(m['expected'], m['expected'])}；该记录不计入任何数字。改正：运行 {m['cmd']}"
            f"（核对列出的记录后加 --yes 删除），再重新导入 {m['again']}")


# a blank roster cell an obligation needs (io/data_gaps.py): what stays unknown, and what the cell is to hold
_UNKNOWN = {"hours compliance unknown": "学时达标情况未知", "online learning compliance unknown": "网络学时达标情况未知",
            "whether appointment training is overdue is unknown": "任职培训是否逾期未知",
            "whether initial training is overdue is unknown": "初任培训是否逾期未知"}
_GAP_EXPECTED = {
    "this year's concentrated training hours (a number)": "本年度集中培训学时（数字）",
    "the five-year cycle's concentrated training hours (a number)": "五年累计集中培训学时（数字）",
    "this year's concentrated training hours or days (a number; either will do)": "本年度集中培训学时或天数（数字，填一项即可）",
    "the five-year cycle's concentrated training hours or days (a number; either will do)":
        "五年累计集中培训学时或天数（数字，填一项即可）",
    "this year's online learning hours (a number)": "本年度网络学时（数字）",
    "the date the current post was taken (a date)": "任现职时间（日期）",
    "the civil-service entry date (a date)": "录用时间（日期）",
    "the entry date (a date)": "参加工作时间（日期）",
}


def _gap(m: re.Match[str]) -> str:
    """A blank cell's warning as io.data_gaps writes it in Chinese."""
    days = f"（「{m['days']}」也为空）" if m["days"] else ""
    return f"第 {m['row']} 行「{m['header']}」为空{days}：{_UNKNOWN[m['what']]}"


_WHERE: list[Phrase] = [
    _p(r'row (?P<row>\d+): "(?P<header>[^"]*)" is blank(?: \(and so is "(?P<days>[^"]*)"\))?: (?P<what>'
       + "|".join(_UNKNOWN) + ")", _gap),
    _p(r'ledger record (?P<id>\d+) \(imported from (?P<file>.*?), sheet (?P<sheet>.*?), row (?P<row>[^;]*?); cadre '
       r'(?P<cadre>.*?)(?:, class (?P<klass>.*?))?\), column "(?P<col>[a-z_]+)": (?P<value>.*) cannot be read; '
       r"expected (?P<expected>.+?); the record counts in no figure: put it right with (?P<cmd>needscli records "
       r"remove .+?) \(add --yes once its list is right\), then import (?P<again>.+) again", _ledger_record),
    _p(r"(?P<path>[^\n]+?): (?P<n>\d+) ledger record\(s\) cannot be read \(edited by hand\?\), and the figures written "
       r"would leave them out; nothing was written; put them right as follows",
       lambda m: f"{m['path']}：有 {m['n']} 条台账记录无法读取（可能被手工改动过），写出的数字会漏掉它们，因此没有写出任何"
                 "文件；请按下列说明改正后重试："),
    _p(r'row (?P<row>\d+), column "(?P<col>[^"]*)": (?P<rest>.*)', lambda m: f"第 {m['row']} 行「{m['col']}」列：{_body(m['rest'])}"),
    _p(r"row (?P<row>\d+): (?P<rest>.*)", lambda m: f"第 {m['row']} 行：{_body(m['rest'])}"),
    _p(r'column "(?P<col>[^"]*)": (?P<rest>.*)', lambda m: f"「{m['col']}」列：{_body(m['rest'])}"),
    _p(r"header row (?P<row>\d+): (?P<rest>.*)", lambda m: f"第 {m['row']} 行表头：{_body(m['rest'])}"),
    _p(r"rule (?P<id>[^:\s]+): (?P<rest>.*)", lambda m: f"规则 {m['id']}：{_body(m['rest'])}"),
    # a rule's place (core.rules.Where); "?" where its line or row is not known
    _p(r"(?P<file>[^:：\n]+?), sheet (?P<sheet>[^:：\n]+?) row (?P<row>\d+|\?): (?P<rest>.*)",
       lambda m: f"{m['file']}，工作表「{m['sheet']}」" + (f"第 {m['row']} 行" if m["row"] != "?" else "")
                 + f"：{_said(m['rest'])}"),
    _p(r"(?P<file>[^:：\n]+?\.toml) line (?P<line>\d+|\?): (?P<rest>.*)",
       lambda m: m["file"] + (f" 第 {m['line']} 行" if m["line"] != "?" else "") + f"：{_said(m['rest'])}"),
    _p(r"(?P<file>[^:：\n]+?), sheet (?P<sheet>[^:：\n]+): (?P<rest>.*)",
       lambda m: f"{m['file']}，工作表「{m['sheet']}」：{_said(m['rest'])}"),
    _p(r"(?P<file>[^:：\s][^:：\n]*?\.(?i:xlsx|xlsm|xls|xlsb|csv|txt|tsv|toml|json|db|pdf|docx?|parquet|et|ett|ods)): (?P<rest>.*)",
       lambda m: f"{m['file']}：{_said(m['rest'])}"),
    # the config the Python API was given as a dict of its tables, or made as needscli.Config(...)
    _p(r"config: (?P<rest>.*)", lambda m: f"config：{_said(m['rest'])}"),
    # a folder or a pattern given for the rosters
    _p(r"(?P<given>[^\n]+?): (?P<rest>folder holds no .+|no file matches this pattern|is a folder; .+|file not found; check the path"
       r"|is a symbolic link that leads round in a loop .+"
       r"|no saved analysis here; .+|could not be written \(.+\)|not valid TOML \(.+|(?:" + _TOML_KINDS + r") (?:not found|is not "
       r"UTF-8|cannot be read) .+|(?:" + _USER_KINDS + r") is (?:not a regular file|larger than) .+)",
       lambda m: f"{m['given']}：{_body(m['rest'])}"),
    # a ledger given by a name without .db (--ledger 台账): what is wrong with it
    _p(r"(?P<given>[^\n]+?): (?P<rest>cannot be opened as a ledger \(.+\)|is not a readable ledger \(.+\); give another "
       r"--ledger file|could not be written \(.+\); nothing was changed)",
       lambda m: f"{m['given']}：{_body(m['rest'])}"),
    # a key of a TOML file (config, topics, rules): classes.min_size, topic.1.hours
    _p(r"(?P<key>[a-z_]+(?:\.[^\s:：.]+)+): (?P<rest>.*)", lambda m: f"{m['key']}：{_body(m['rest'])}"),
]

_SHOULD = r"(?:Input should be )?"  # how the checks of a TOML file's keys open what is wrong; what is expected without it

# what is wrong, and what is expected: whole phrases, tried in order
_PHRASES: list[Phrase] = [
    # a fault of needscli's own (cli.app.main, exit 4)
    _p(r"internal error \((?P<kind>\w+)\); nothing was written\. Please report it\.",
       lambda m: f"程序内部错误（{m['kind']}），没有写出任何文件；请将此情况及所用命令报告给维护人员"),
    # a value of a TOML file's key, as its checks say it (pydantic's words), and what is expected of it
    _p(r"(?P<what>Input should be .+?) \(got (?P<got>.*)\)", lambda m: f"{_body(m['what'])}（当前为 {m['got']}）"),
    # any other check of a key (a validator's words: a holiday that is no day, an office's name on two lines), and
    # the value it was given
    _p(r"(?P<what>.+?) \(got (?P<got>.*)\)", lambda m: f"{_body(m['what'])}（当前为 {m['got']}）"),
    _p(_SHOULD + r"greater than or equal to (?P<n>\S+)", lambda m: f"应不小于 {m['n']}"),
    _p(_SHOULD + r"greater than (?P<n>\S+)", lambda m: f"应大于 {m['n']}"),
    _p(_SHOULD + r"less than or equal to (?P<n>\S+)", lambda m: f"应不大于 {m['n']}"),
    _p(_SHOULD + r"less than (?P<n>\S+)", lambda m: f"应小于 {m['n']}"),
    _p(_SHOULD + r"a finite number", "应为有限的数字（不能是 nan 或 inf）"),
    # a value of a closed list (pydantic's literal and enum errors): Input should be 'unit' or 'organizer'
    _p(_SHOULD + r"(?P<values>'[^']*'(?:, '[^']*')* or '[^']*')",
       lambda m: "应为以下之一：" + "、".join(re.findall(r"'[^']*'", m["values"]))),
    _p(_SHOULD + r"(?P<first>a valid \w+) or (?P<second>a valid \w+)",  # a union: roster = "a.xlsx" or a list of them
       lambda m: f"{_clauses(m['first'])}或{_clauses(m['second']).removeprefix('应为')}"),
    _p(r"Input should be a date such as (?P<example>\S+)", lambda m: f"应为日期，如 {m['example']}"),
    _p(r"a date such as (?P<example>\S+)", lambda m: f"日期，如 {m['example']}"),
    # the cross-field checks of a config (config.Config.check)
    _p(r"classes\.min_size (?P<min>\d+) is above (?:classes\.)?max_size (?P<max>\d+)",
       lambda m: f"classes.min_size {m['min']} 大于 max_size {m['max']}：最小班额不能超过最大班额"),
    _p(r"level group (?P<name>.+) names unknown tiers (?P<tiers>.+)",
       lambda m: f"职级组「{m['name']}」含有职级序列中没有的层级 {m['tiers']}"),
    _p(r"appointment band (?P<topic>.+) names unknown tiers (?P<tiers>.+)",
       lambda m: f"任职培训分档 {m['topic']} 含有职级序列中没有的层级 {m['tiers']}"),
    _p(r"extend_levels must be true or false", "extend_levels 应为 true 或 false"),
    _p(r"true \(add to the built-in ladder\) or false \(replace it\)", "true（在内置职级序列上增加）或 false（替换内置职级序列）"),
    # a TOML file that cannot be had or read (io/toml_file.py)
    _p(r"not valid TOML \(line (?P<line>\d+), column (?P<col>\d+): (?P<why>.+)\); fix the (?P<what>.+)",
       lambda m: f"不是有效的 TOML（第 {m['line']} 行第 {m['col']} 列：{_toml_fault(m['why'])}）；请改正{_toml_file(m['what'])}"),
    _p(r"not valid TOML \(nested more deeply than can be read\); fix the (?P<what>.+)",
       lambda m: f"不是有效的 TOML（数组或表嵌套层数过多，无法读取）；请改正{_toml_file(m['what'])}"),
    _p(r"nested more deeply than can be read", "数组或表嵌套层数过多，无法读取"),
    # a CSV's cell a quote opens and nothing closes (io/files.py), said at its place before a TOML fault's place is
    _p(r"line (?P<line>[\d,]+)(?:, column (?P<col>[\d,]+))?: a cell opens with a quote \(\"\) that is never closed, "
       r"and the lines after it run into that cell, past (?P<n>[\d,]+) characters; close the quote or take it out, "
       r"then run again",
       lambda m: f"第 {m['line']} 行" + (f"第 {m['col']} 列" if m["col"] else "") + "：单元格以引号（\"）开头，却没有"
                 f"结尾的引号，其后各行都读进了这个单元格，超过 {m['n']} 个字符；请补上结尾的引号或删去开头的引号后再运行"),
    _p(r"line (?P<line>[\d,]+)(?:, column (?P<col>[\d,]+))?: a cell opens with a quote \(\"\) that is never closed, "
       r"and the (?P<n>[\d,]+) line\(s\) after it would be read into that cell, their rows lost; close the quote or "
       r"take "
       r"it out, then run again",
       lambda m: f"第 {m['line']} 行" + (f"第 {m['col']} 列" if m["col"] else "") + "：单元格以引号（\"）开头，却没有"
                 f"结尾的引号，其后 {m['n']} 行会都读进这个单元格而丢失；请补上结尾的引号或删去开头的引号后再运行"),
    _p(r"line (?P<line>\d+), column (?P<col>\d+): (?P<why>.+)",
       lambda m: f"第 {m['line']} 行第 {m['col']} 列：{_toml_fault(m['why'])}"),
    _p(r"(?P<what>" + _TOML_KINDS + r") not found; check the path", lambda m: f"找不到{_toml_file(m['what'])}，请检查路径"),
    _p(r"(?P<what>" + _TOML_KINDS + r") is not UTF-8 text; save it as UTF-8",
       lambda m: f"不是 UTF-8 编码的文本，无法作为{_toml_file(m['what'])}读取；{_toml_file(m['what'])}应为 UTF-8 编码的 TOML 文本"),
    # a file a user names that is no file, or too large to be what it is named as (io/user_files.py)
    _p(r"(?P<what>" + _USER_KINDS + r") is not a regular file \(a device or a pipe\); give the file itself",
       lambda m: f"{_USER_FILES[m['what']]}不是普通文件（而是设备或管道），无法读取；请给出文件本身"),
    _p(r"(?P<what>" + _USER_KINDS + r") is larger than (?P<mb>\d+) MB, more than any (?P=what) holds; check the path",
       lambda m: f"{_USER_FILES[m['what']]}大于 {m['mb']} MB，不会是{_USER_FILES[m['what']]}；请检查路径"),
    _p(r"(?P<what>" + _TOML_KINDS + r") cannot be read \((?P<why>.+)\); check the path",
       lambda m: f"无法作为{_toml_file(m['what'])}读取（{_os(m['why'])}）；请检查路径"),
    # the organizers' settings ([classes] organizer_parent, organizer_aliases)
    _p(r"the organizers go round in a circle: (?P<path>.+)", lambda m: f"主办单位的上一级围成了一个圈：{m['path']}"),
    _p(r"(?P<alias>.+?) is given for two organizers: (?P<a>.+) and (?P<b>.+)",
       lambda m: f"「{m['alias']}」同时写在两个主办单位下：{m['a']} 和 {m['b']}"),
    _p(r"an alias of (?P<name>.+) is blank", lambda m: f"「{m['name']}」的一个别名为空"),
    _p(r"is true or false, not a number", "为 true 或 false，不是数字"),
    _p(r"holds a line break or a control character: write the office's name on one line",
       "含有换行或控制字符：请把机关名称写在一行"),
    _p(r"is (?P<n>\d+) characters long: write the office's name in at most (?P<most>\d+)",
       lambda m: f"有 {m['n']} 个字符：机关名称请不超过 {m['most']} 个字符"),
    _p(r"(?P<alias>.+?) is an organizer of its own, not another way to write (?P<name>.+)",
       lambda m: f"「{m['alias']}」本身是一个主办单位，不是「{m['name']}」的另一种写法"),
    # [classes] fixed_holidays, holidays
    _p(r"'(?P<day>.*)' is not a day: write MM-DD \(every year, e\.g\. 10-01 or 10月1日\) or YYYY-MM-DD \(once, "
       r"e\.g\. 2027-02-06 or 2027年2月6日\)",
       lambda m: f"「{m['day']}」不是日期：每年的节日写作 MM-DD（如 10-01 或 10月1日），某一年的写作 YYYY-MM-DD"
                 f"（如 2027-02-06 或 2027年2月6日）"),
    _p(r"'(?P<day>.*)' is no Saturday or Sunday of a year: list the weekend days that are working days \(调休上班\) "
       r"as YYYY-MM-DD, e\.g\. 2027-10-09",
       lambda m: f"「{m['day']}」不是某年的周六或周日：调休上班的日子请写作 YYYY-MM-DD（如 2027-10-09）"),
    _p(r"'(?P<day>.*)' is among the holidays too: a day is a holiday or a working day, not both",
       lambda m: f"「{m['day']}」也写在了节假日中：一天只能是节假日或调休上班日之一"),
    _p(_SHOULD + r"a valid integer(?:, .*)?", "应为整数"),
    _p(_SHOULD + r"a valid number(?:, .*)?", "应为数字"),
    _p(_SHOULD + r"a valid boolean(?:, .*)?", "应为 true 或 false"),
    _p(_SHOULD + r"a valid string", "应为文本"),
    _p(_SHOULD + r"a valid (?:list|array)", "应为列表"),
    _p(_SHOULD + r"a valid dictionary(?:, .*)?", "应为一节（[节] 下的键）"),
    _p(r"required key is missing", "缺少必填的键"),
    _p(r"a value for this key", "该键的值"),
    _p(r"unknown key; check its spelling and its \[section\]", "未知的键；请检查拼写及其所在的 [节]"),
    _p(r"(?P<key>[A-Za-z0-9_-]+): unknown key; check its spelling and its \[section\]",  # a top-level one: [analyze]
       lambda m: f"{m['key']}：未知的键；请检查拼写及其所在的 [节]"),
    # [columns] of a project file (io.project._check_columns)
    _p(r'\[columns\.(?P<kind>[^\]]+)\] "(?P<header>[^"]+)" maps to unknown field "(?P<field>[^"]+)"; fields: (?P<fields>.+)',
       lambda m: f"[columns.{m['kind']}] 中「{m['header']}」对应的字段「{m['field']}」不存在；可写的字段（或其括号中的表头）："
                 f"{m['fields'].replace(', ', '、').replace(' (', '（').replace(')', '）')}"),
    _p(r"\[columns\.(?P<kind>[^\]]+)\] is not an input kind; use one of (?P<kinds>.+)",
       lambda m: f"[columns.{m['kind']}] 不是输入文件的种类；应为 {m['kinds'].replace(', ', '、')} 之一"),
    # a project file given as --config, or to the Python API as its config (io.project.unused_problems)
    _p(r"(?P<sections>\[\w+\](?:, \[\w+\])*) (?:is|are) not used from a file given as --config \(its thresholds and "
       r"\[columns\] are\); to run with (?:it|them), give the file as --project",
       lambda m: f"以 --config 给出的文件只采用其中的阈值和 [columns]，{m['sections'].replace(', ', '、')} 未采用；"
                 "要按它们运行，请改用 --project 给出该文件"),
    _p(r"(?P<sections>\[\w+\](?:, \[\w+\])*) (?:is|are) not used by the Python API \(its thresholds and "
       r"\[columns\] are\); to run with (?:it|them), give the file to needscli analyze --project",
       lambda m: f"Python API 只采用配置中的阈值和 [columns]，{m['sections'].replace(', ', '、')} 未采用；"
                 "要按它们运行，请用 needscli analyze --project 给出该文件"),
    _p(r"(?P<sections>\[\w+\](?:, \[\w+\])*) (?:is|are) not used by the Python API \(its thresholds and "
       r"\[columns\] are\); to run with (?:it|them), write (?:it|them) in a project file \(needscli\.toml\) and give "
       r"that file to needscli analyze --project",
       lambda m: f"Python API 只采用配置中的阈值和 [columns]，{m['sections'].replace(', ', '、')} 未采用；"
                 "要按它们运行，请把它们写入项目文件（needscli.toml），用 needscli analyze --project 给出该文件"),
    _p(r"a known key", "已知的键"),
    # a unit written two ways (io.load.one_spelling_per_unit)
    _p(r'"(?P<unit>[^"]*)" is read as "(?P<best>[^"]*)", the same unit as written in (?:(?P<file>.+) )?row (?P<row>\d+) '
       r"and in most of its rows \((?P<n>\d+) row\(s\) written so\)",
       lambda m: f"「{m['unit']}」按「{m['best']}」读取：与{m['file'] + ' ' if m['file'] else ''}第 {m['row']} 行等该单位"
                 f"多数行的写法是同一单位（「{m['unit']}」这样写的有 {m['n']} 行）"),
    _p(r"one spelling per unit", "同一单位只用一种写法"),
    # a value quoted before what is wrong with it: "7/5/2011" is not a date
    _p(r'"(?P<value>[^"]*)" (?P<rest>(?:is|puts|could|names|repeats) .*)', lambda m: f"「{m['value']}」{_body(m['rest'])}"),
    # cells
    _p(r"is not a date", "不是日期"),
    _p(r"Input should be a date from (?P<a>\d{4}) to (?P<b>\d{4})", lambda m: f"应为 {m['a']} 年至 {m['b']} 年之间的日期"),
    _p(r"a date from (?P<a>\d{4}) to (?P<b>\d{4})", lambda m: f"{m['a']} 年至 {m['b']} 年之间的日期"),
    _p(r"is not a date from (?P<a>\d{4}) to (?P<b>\d{4})", lambda m: f"不是 {m['a']} 年至 {m['b']} 年之间的日期"),
    _p(r"is not a date from (?P<a>\d{4}) to (?P<b>\d{4}) \(where there is no date, leave the cell blank\)",
       lambda m: f"不是 {m['a']} 年至 {m['b']} 年之间的日期（没有日期的请留空）"),
    _p(r"is not a valid date", "不是有效的日期"),
    _p(r"is a year without a month", "只有年份，没有月份"),
    _p(r"could be January or October in a number cell; type the month as text with two digits",
       "在数字格式的单元格中既可能是 1 月也可能是 10 月；请以文本输入两位月份（如 2023.10）"),
    _p(r'puts day and month before the year, in an order that cannot be told \(month first or day first\?\); set '
       r'\[input\] date_order = "mdy" or "dmy" in the config',
       '把日和月写在年份之前，看不出是先月还是先日；请在配置中设置 [input] date_order = "mdy"（月/日/年）或 "dmy"（日/月/年）'),
    _p(r"is not a number", "不是数字"),
    # a text cell of NaN (io.cells.parse_text), a kept row's read as blank (io.tables.RowReader._read)
    _p(r"is an invalid number, not text(?P<blank>, so it was read as blank)?(?P<kept> \(the row was kept\))?",
       lambda m: "是无效的数值，不是文字" + ("，已按空白处理" if m["blank"] else "") + ("（该行已保留）" if m["kept"] else "")),
    _p(r"text, the cell typed in again in Excel or WPS", "文字（在 Excel 或 WPS 中重新键入该单元格）"),
    _p(r"is more than (?P<n>[\d.]+) (?P<unit>hours|days), more than (?P<span>a year|(?P<years>\d+) years) can hold "
       r"\((?P<keys>limits\.max_(?:hours|days)_year(?: times hours\.cycle_years)?) in the config\), so it was read as "
       r"blank(?P<kept> \(the row was kept\))?",
       lambda m: f"超过 {m['n']} {'学时' if m['unit'] == 'hours' else '天'}，"
                 f"{'一年' if m['span'] == 'a year' else m['years'] + ' 年'}之内不可能达到"
                 f"（配置项 {m['keys'].replace(' times ', ' 乘以 ')}），已按空白处理"
                 + ("（该行已保留）" if m["kept"] else "")),
    _p(r"at most (?P<n>[\d.]+) (?P<unit>hours|days)",
       lambda m: f"不超过 {m['n']} {'学时' if m['unit'] == 'hours' else '天'}"),
    _p(r"is not a number of at least (?P<n>\S+)", lambda m: f"不是不小于 {m['n']} 的数字"),
    _p(r"is not a whole number from (?P<a>\d+) to (?P<b>\d+)", lambda m: f"不是 {m['a']} 到 {m['b']} 之间的整数"),
    _p(r"is not yes/no \(是/否\)", "不是“是”或“否”"),
    _p(r"is empty", "为空"),
    _p(r"is empty, and so is the post title", "为空，岗位名称也为空"),
    _p(r"is (?P<n>\d+) characters long", lambda m: f"长达 {m['n']} 个字符"),
    _p(r"is (?P<n>\d+) characters long, so the value was left out(?P<kept> \(the row was kept\))?",
       lambda m: f"长达 {m['n']} 个字符，已略去该值" + ("（该行已保留）" if m["kept"] else "")),
    _p(r"holds an invisible control character", "含有不可见的控制字符"),
    _p(r"holds an invisible control character, read as a line break between items(?P<kept> \(the row was kept\))?",
       lambda m: "含有不可见的控制字符，已按条目间的换行读取" + ("（该行已保留）" if m["kept"] else "")),
    _p(r"holds an invisible control character, read as a space(?P<kept> \(the row was kept\))?",
       lambda m: "含有不可见的控制字符，已按空格读取" + ("（该行已保留）" if m["kept"] else "")),
    _p(r"was stored as a number and Excel kept only 15 digits; format the column as text and type the id again",
       "以数字格式保存，Excel 只保留了 15 位；请把该列设为文本格式后重新输入编号"),
    _p(r"is in scientific notation, so its digits were lost on export; format the column as text in Excel and "
       r"export again", "是科学计数法，导出时丢失了数位；请在 Excel 中把该列设为文本格式后重新导出"),
    _p(r"is not a known (?P<what>.+?)" + _HINT, lambda m: f"不是已知的{_what(m['what'])}{_hint(m)}"),
    _p(r"names an unknown (?P<what>.+?)" + _HINT, lambda m: f"含有未知的{_what(m['what'])}{_hint(m)}"),
    _p(r"is not a level of the configured ladder" + _HINT, lambda m: f"不在配置的职级序列中{_hint(m)}"),
    _p(r"is empty; (?P<header>.+) (?P<date>\d{4}-\d{2}-\d{2}) is within the (?P<n>\d+)-month probation "
       r"\(obligations\.probation_months\), so the cadre is read as (?P<level>.+), not yet graded"
       r"(?P<kept> \(the row was kept\))?; other rows with a blank level outside the probation are skipped",
       lambda m: f"为空；「{m['header']}」{m['date']} 在 {m['n']} 个月试用期内（obligations.probation_months），按"
                 f"{m['level']}（尚未定级）读取" + ("（该行已保留）" if m["kept"] else "")
                 + "；职级为空而不在试用期内的其他行跳过"),
    _p(r"repeats the id of row (?P<row>\d+)", lambda m: f"与第 {m['row']} 行的编号重复"),
    _p(r"repeats the id of sheet (?P<sheet>.+) row (?P<row>\d+)",
       lambda m: f"与工作表「{m['sheet']}」第 {m['row']} 行的编号重复"),
    _p(r"repeats the id of (?P<file>.+) row (?P<row>\d+)", lambda m: f"与 {m['file']} 第 {m['row']} 行的编号重复"),
    _p(r"is not a training type", "不是培训类型"),
    _p(r"is not a kind of training resource", "不是培训机构类型"),
    _p(r"is above 100", "超过 100"),
    _p(r"is '(?P<name>[^']*)', the word the outputs give a class whose host is to be fixed",
       lambda m: f"为「{m['name']}」：这是输出中表示承办单位待定的词，不能用作承办单位名称"),
    _p(r"another name for the provider", "另一个承办单位名称"),
    _p(r"is no topic of the catalog by name or alias; taken as its close match \"(?P<topic>[^\"]*)\" \([^)]*\)"
       r"(?: \(and on (?P<more>\d+) more rows?\))?; write the topic's name or an alias, or define the topic in a "
       r"topics sheet, to choose otherwise",
       lambda m: f"不是课程目录中的主题名称或别名，已按最接近的「{m['topic']}」读取"
                 + (f"（另有 {m['more']} 行同此）" if m["more"] else "")
                 + "；如要另选，请填写主题名称或别名，或在「课程」工作表中定义该主题"),
    _p(r"is no unit of the roster" + _HINT + r", so priority (?P<id>\S+) reaches none of its cadres",
       lambda m: f"不是花名册中的单位{_hint(m)}，组织需求 {m['id']} 因此覆盖不到这个单位的干部"),
    # a priority's 开始时间 no date, or after its 完成期限 (io.tables._round_start), and what its blank comes to
    _p(r"(?P<fault>.+?), so it was read as blank: (?P<means>.+?)(?P<kept> \(the row was kept\))?",
       lambda m: f"{_clauses(m['fault'])}，已按空白处理：{_clauses(m['means'])}" + ("（该行已保留）" if m["kept"] else "")),
    _p(r"is after the (?P<due>.+?) (?P<day>\d{4}-\d{2}-\d{2}) of its row", lambda m: f"晚于本行的「{m['due']}」{m['day']}"),
    _p(r"a rotation's round then starts the topic's validity before the deadline",
       "集中轮训的本轮起点按专题有效期自完成期限倒推"),
    _p(r"the priority has no deadline \(a rotation on a central decision is then due at the year's end\)",
       "该组织需求无完成期限（中央重大决策部署的集中轮训按当年年底到期）"),
    _p(r"a start on or before the (?P<due>.+)", lambda m: f"不晚于「{m['due']}」的日期"),
    _p(r'rating column for "(?P<topic>[^"]*)" names no topic of the catalog; its ratings are ignored',
       lambda m: f"评分列「{m['topic']}」对应的主题不在课程目录中，这一列的评分未使用"),
    _p(r"a topic of this resource matches no catalog topic; it is ignored",
       "这一培训资源的一个主题与课程目录中的主题都对不上，已忽略"),
    _p(r"no " + _UNIT_COLUMN + r' column: (?:every cadre of (?:sheet (?P<sheet>.+)|(?P<file>the file)) is|the cadres of '
       r'(?:sheet (?P<part>.+)|(?P<file_part>the file)) from row (?P<start>\d+) on are) read as of the unit (?P<unit>.+), '
       r'from (?:the line "(?P<line>.+)" on row (?P<row>\d+)|the (?P<whence>sheet|file)\'s name)',
       lambda m: "没有「单位」列："
                 + (f"工作表「{m['sheet']}」的每名干部" if m["sheet"] else "本文件的每名干部" if m["file"] else
                    f"工作表「{m['part']}」第 {m['start']} 行起的干部" if m["part"] else
                    f"本文件第 {m['start']} 行起的干部")
                 + f"都按单位「{m['unit']}」读取（"
                 + (f"取自第 {m['row']} 行「{m['line']}」" if m["line"] else
                    "取自工作表名称" if m["whence"] == "sheet" else "取自文件名") + "）"),
    _p(r"no unit: the sheet has no " + _UNIT_COLUMN + r' column and the line "(?P<line>.+)" on row (?P<at>\d+) above it '
       r"names none",
       lambda m: f"没有单位：工作表没有「单位」列，其上第 {m['at']} 行「{m['line']}」没有写单位名称"),
    _p(r"a unique id per cadre \(the same 身份证号, its x typed in the other case\)",
       "每名干部一个编号（这是同一个身份证号，只是校验码 x 的大小写不同）"),
    _p(r"the unit's name after 填报单位：, or a " + _UNIT_HEADER + " column", "在「填报单位：」后写上单位名称，或增加「单位」列"),
    _p(r"a " + _UNIT_HEADER + r" column, or one unit a sheet said above its header \(填报单位：…\) or by its name",
       "「单位」列，或在表头上方（填报单位：…）或以工作表名称写明的一个单位"),
    _p(r"sheet (?P<sheet>.+) is named as a roster sheet but has no roster header row; to have it read, copy the "
       r"roster's header row above its data",
       lambda m: f"工作表「{m['sheet']}」以花名册命名，但没有花名册的表头行；如需读取，请把花名册的表头行复制到它的数据上方"),
    _p(r"sheet (?P<sheet>.+) has a roster header row \(row (?P<row>\d+)\) but no " + _UNIT_COLUMN + " column, nor a unit "
       r"said above the header or by the sheet's name: its rows were not read",
       lambda m: f"工作表「{m['sheet']}」第 {m['row']} 行是花名册的表头，但没有「单位」列，表头上方也没有写明填报单位，"
                 "表名也不是单位名称：这张表的数据没有读取"),
    _p(r"a " + _UNIT_HEADER + r" column, or a line 填报单位：\(the unit\) above the header",
       "增加「单位」列，或在表头上方写明“填报单位：（单位名称）”"),
    _p(r"sheet (?P<sheet>.+) is hidden and holds data; it was not read",
       lambda m: f"工作表「{m['sheet']}」已隐藏，其中有数据，未读取"),
    _p(r"sheet (?P<sheet>.+) holds data but was not read: its name is none of the input sheets'; to have it read, "
       r"name it (?P<names>.+) \(or the English names\)",
       lambda m: f"工作表「{m['sheet']}」有数据但没有读取：它的名称不是任何一种输入表的名称；如需读取，请命名为 {m['names']}"),
    _p(r"(?P<path>.+) was given twice; it was read once and the second mention ignored",
       lambda m: f"{m['path']} 给了两次，只读取一次"),
    _p(r"(?P<path>.+) is (?P<first>.+) again; it was read once and the second mention ignored",
       lambda m: f"{m['path']} 与 {m['first']} 是同一个文件，只读取一次"),
    _p(r'empty, and level "(?P<level>[^"]*)" maps to no organizer in classes.organizer_by_tier; this cadre\'s '
       r"needs get no class",
       lambda m: f"为空，职级「{m['level']}」在 classes.organizer_by_tier 中也没有对应的管理层级；此人的需求无法编班"),
    # rules (a rules sheet or rules.toml)
    _p(r'field "(?P<name>[^"]*)" is not a known fact' + _HINT,
       lambda m: f"字段「{m['name']}」不是已知的事实{_hint(m)}"),
    _p(r'operator "(?P<op>[^"]*)" is not one of (?P<ops>.+?)' + _HINT,
       lambda m: f"运算符「{m['op']}」不是以下之一：{m['ops']}{_hint(m)}"),
    _p(r'topic "(?P<name>[^"]*)" is not in the catalog' + _HINT,
       lambda m: f"主题「{m['name']}」不在课程目录中{_hint(m)}"),
    _p(r'source "(?P<src>[^"]*)" is not one of (?P<all>.+)', lambda m: f"需求来源「{m['src']}」不是以下之一：{m['all']}"),
    _p(r"training_type is not one of (?P<all>.+)", lambda m: f"培训类型不是以下之一：{m['all']}"),
    _p(r'weight "(?P<w>[^"]*)" is neither a number nor one of (?P<all>.+)',
       lambda m: f"权重「{m['w']}」既不是数字，也不是以下之一：{m['all']}"),
    _p(r"no topics to recommend", "没有要推荐的主题"),
    _p(r"rule has no id", "规则没有编号"),
    _p(r'rule id "(?P<id>[^"]*)" is used twice', lambda m: f"规则编号「{m['id']}」重复使用"),
    _p(r'unknown key "(?P<key>[^"]*)" in a (?P<what>rule|condition)' + _HINT,
       lambda m: f"{'规则' if m['what'] == 'rule' else '条件'}中有未知的键「{m['key']}」{_hint(m)}"),
    _p(r"a rule must be a \[\[rule\]\] table", "每条规则须是一个 [[rule]] 表"),
    _p(r"topics must be a list of topic ids or names", "topics 须是主题编号或名称的列表"),
    _p(r"(?P<key>\w+) must be a list of \{ field, op, value \} tables",
       lambda m: f"{m['key']} 须是 {{ field, op, value }} 表的列表"),
    _p(r"field (?P<name>\S+): (?P<rest>.*)", lambda m: f"字段 {m['name']}：{_clauses(m['rest'])}"),
    _p(r'"(?P<v>[^"]*)" is not a number', lambda m: f"「{m['v']}」不是数字"),
    _p(r"unknown value\(s\) (?P<v>.+)", lambda m: f"未知的取值 {m['v']}"),
    _p(r"operator (?P<op>\S+) takes one value, not a list \(use \"in\" for several\)",
       lambda m: f"运算符 {m['op']} 只取一个值，不能是列表（多个值请用 in）"),
    # the training records (records import)
    _p(r"is empty, and so is the start date", "为空，开始日期也为空"),
    _p(r"is before the start date", "早于开始日期"),
    _p(r"is not a result", "不是考核结果"),
    _p(r"is not a way of training", "不是培训形式"),
    _p(r"is empty, and so is the days column", "为空，天数也为空"),
    # a records sheet's cell calamine reads as empty where Excel shows a value (records/rows.py uncomputed)
    _p(r"is a formula with no saved result", "是公式，文件中没有保存其计算结果"),
    _p(r"is an error value(?: \((?P<v>[^)]*)\))?", lambda m: f"是错误值（{m['v']}）" if m["v"] else "是错误值"),
    # a records row whose columns read hold nothing but error values (records/rows.py errors_only_fault)
    _p(r"every column read holds an error value or nothing \((?P<cells>.*)\): no training can be read from it",
       lambda m: f"读取的各列只有错误值或空白（{_error_cells(m['cells'])}），读不出培训记录"),
    # an input sheet's cell of an error value, read as a blank one is (io.tables.RowReader.error_value): a required
    # cell's is an error, its row skipped, as the error's severity says (已跳过该行)
    _p(r"is an error value(?: \((?P<v>[^)]*)\))?, so it was read as blank(?P<kept> \(the row was kept\))?",
       lambda m: (f"是错误值（{m['v']}）" if m["v"] else "是错误值") + "，已按空白处理"
                 + ("（该行已保留）" if m["kept"] else "")),
    # a header cell of an error value, its column not read (io.headers.error_header_said)
    _p(r"the header (?P<cell>[A-Z]+\d+) is an error value(?: \((?P<v>[^)]*)\))?, so its column was not read",
       lambda m: f"表头 {m['cell']} " + (f"是错误值（{m['v']}）" if m["v"] else "是错误值") + "，该列没有读取"),
    # a records table's header cell of an error value where the header row lacks a column that changes a record
    # (records.rows.header_error)
    _p(r"it may be one of the columns the header row lacks \((?P<names>.+)\), and any of them read as absent "
       r"changes what is recorded",
       lambda m: "该列可能是表头行缺少的" + "、".join(f"「{n.strip()}」" for n in m["names"].split(","))
                 + ("中的一列" if "," in m["names"] else "列") + "，缺少其中任何一列，记入台账的内容都会不同"),
    # a header row of error values, no column found (io.headers.error_header_row_said)
    _p(r"its headers are error values \((?P<cells>.*)\), so the header row could not be read",
       lambda m: f"表头是错误值（{_error_cells(m['cells'])}），无法读取表头行"),
    _p(r"the headers typed in again, not by formula, with columns such as (?P<zh>[^(]+?) \((?P<en>[^)]+)\)",
       lambda m: f"重新键入表头（不用公式），含 {_listed(m['zh'])} 等列"),
    _p(r"is an error value(?: \((?P<v>[^)]*)\))?, and the (?P<other>.+?) is empty",
       lambda m: (f"是错误值（{m['v']}）" if m["v"] else "是错误值") + f"，「{m['other']}」也为空"),
    _p(r"is 0", "为 0"),
    _p(r"is more than the (?:training's|course's) hours", "超过培训学时"),
    _p(r"is more than the class's (?P<h>\S+) hours", lambda m: f"超过本班的 {m['h']} 学时"),
    _p(r"leaves more than the allowed share of the hours absent, so the training counts as not completed"
       r"(?P<kept> \(the row was kept\))?",
       lambda m: "缺勤超过规定比例，按未完成计" + ("（该行已保留）" if m["kept"] else "")),
    _p(r"repeats the class id of an earlier row", "与前面一行的班次编号重复"),
    _p(r"has no sheet of its own \(expected a sheet named (?P<name>.+)\)", lambda m: f"没有对应的签到表（应有名为「{m['name']}」的工作表）"),
    _p(r"this workbook holds none of its classes' sign-in sheets; nothing was read from it: a plan of many classes "
       r"has them in the class-rosters-<organizer>\.xlsx files beside it, import those",
       "本工作簿不含任何班次的签到表，未从中读取记录：班次较多时签到表在同一文件夹的 class-rosters-<主办单位>.xlsx 文件中，"
       "请导入这些文件"),
    _p(r"this sheet is not a class of the Overview sheet; it was not read", "该工作表不是「班次总览」中列出的班次，未读取"),
    _p(r"a class listed on the Overview sheet", "「班次总览」中列出的班次"),
    _p(r"the workbooks that hold the sign-in sheets", "含签到表的工作簿"),
    _p(r"is masked \(\*\*\*\*\*\*\), and the hidden column 完整编号 \(Full ID\) of the row does not hold the id it masks",
       "已打码（******），而该行隐藏的「完整编号」列与之不符"),
    _p(r"is not the id the sheet was written with \(its hidden column 完整编号 holds (?P<full>.+)\)",
       lambda m: f"不是签到表写出时本行的编号（该行隐藏的「完整编号」列为 {m['full']}）"),
    _p(r"on the roster given, (?P<id>.+) is the name written: another cadre written over the seat of (?P<full>.+)",
       lambda m: f"所给的花名册中 {m['id']} 正是本行所写姓名的编号：是另一人写在了为 {m['full']} 印好的席位上"),
    _p(r"on the roster given, (?P<full>.+) is another name's: another cadre written over the seat of (?P=full)",
       lambda m: f"所给的花名册中 {m['full']} 是另一个姓名的编号：是另一人写在了为 {m['full']} 印好的席位上"),
    _p(r"(?P<full>.+), the id the sheet was written with for this row",
       lambda m: f"签到表写出时本行的编号 {m['full']}"),
    _p(r"(?P<full>.+) where the id was mistyped", lambda m: f"如是编号写错，改回 {m['full']}"),
    _p(r"(?P<another>where another cadre attended in place of (?P<instead>.+) \(顶替/替补\), )?this row given back to "
       r"(?P<full>.+) \(its own id and name, its 签到 blank where absent\) and the one who attended written on a new "
       r"row below the class's rows \(his id and name, and his 签到\), then the sheet imported again",
       lambda m: (f"如是另一人顶替 {m['instead']} 参训（顶替/替补），" if m["another"] else "")
                 + f"本行恢复为 {m['full']} 本人的编号和姓名（其缺勤则签到留空），顶替/替补参训的人另起一行，写在本班"
                 "各行之下（填写其编号、姓名和签到），然后重新导入该表"),
    _p(r"is not on the roster given \(--roster\); (?P<outcome>.+); nothing to do for a cadre transferred out since, or "
       r"a sheet of an earlier year",
       lambda m: "该编号不在 --roster 给出的花名册上，" + _OFF_ROSTER.get(m["outcome"], m["outcome"])
                 + ("；如为已调出的人员或往年的培训记录，可不处理" if "training" in m["outcome"]
                    else "；如为已调出的人员或往年的签到表，可不处理")),
    _p(r"is the id of another name on the roster given \(--roster\)", "在所给的花名册（--roster）中是另一个姓名的编号"),
    _p(r"this seat was not recorded: fix the cell and import the sheet again", "该席位未记录，请改正后重新导入该表"),
    _p(r"this seat was not recorded", "该席位未记录"),
    _p(r"a box of a day off, read as a day without lessons: not counted", "该栏是休息日的签到栏，按当天不上课读取，未计入"),
    _p(r"the id the sheet was written with for this name", "签到表写出时该姓名的编号"),
    _p(r"fix the cell and import the sheet again", "改正该单元格后重新导入该表"),
    _p(r"class (?P<id>.+) ends on (?P<end>\S+) \(as its (?:sheet prints|(?P<col>.+?) columns are dated)\), after the "
       r"import date, (?P<today>\S+): it cannot have been completed yet, so its seats were read as not completed, with "
       r"the hours of the days held so far",
       lambda m: f"班次 {m['id']} 按{_column(m['col']) + '所标日期' if m['col'] else '签到表所印'}到 {m['end']} 才结束，"
                 f"晚于导入日期 {m['today']}：班次尚未结束，不能算结业，各席位都按未结业读取，只计已举办日子的出勤学时"),
    _p(r"(?P<days>[^;]+) had not been held yet, and the sign-in marks on them were not counted",
       lambda m: f"{_days(m['days'])}尚未举办，其中的签到标记未计入"),
    _p(r"the sheet prints its dates the wrong way round, (?P<first>\S+) to (?P<last>\S+)",
       lambda m: f"签到表所印日期先后颠倒：{m['first']} 至 {m['last']}"),
    _p(r"the class's first date before its last \(培训时间：2026年12月1日至2026年12月21日\)",
       "开始日期在结束日期之前（培训时间：2026年12月1日至2026年12月21日）"),
    _p(r"the sheet prints (?P<n>[\d.]+) days of the class from (?P<start>\S+) to (?P<end>\S+), which hold "
       r"(?P<span>\d+)",
       lambda m: f"签到表印明班次共 {m['n']} 天，但所印日期 {m['start']} 至 {m['end']} 只有 {m['span']} 天"),
    _p(r"its (?P<col>.+?) columns (?P<a>.+?) \((?P<ca>[A-Z]+)\) and (?P<b>.+?) \((?P<cb>[A-Z]+)\) stand for the same day",
       lambda m: f"{_column(m['col'])}的 {m['ca']} 列「{m['a']}」和 {m['cb']} 列「{m['b']}」是同一天"),
    _p(r"its (?P<col>.+?) columns (?P<a>.+?) \((?P<ca>[A-Z]+)\) and (?P<b>.+?) \((?P<cb>[A-Z]+)\) overlap on "
       r"(?P<first>\d\d-\d\d)(?: to (?P<last>\d\d-\d\d))?",
       lambda m: f"{_column(m['col'])}的 {m['ca']} 列「{m['a']}」和 {m['cb']} 列「{m['b']}」日期重叠（{m['first']}"
                 + (f"至{m['last']}" if m["last"] else "") + "）"),
    _p(r"one (?P<col>.+?) column a day \(or a week\): delete the copied column, or correct its heading",
       lambda m: f"{_column(m['col'])}每天（或每周）只有一列，请删去复制出的那一列，或改正其标题"),
    _p(r"the class's days \(共15天\) no more than the days from its first date to its last",
       "班次天数（共15天）不超过所印起止日期之间的天数"),
    _p(r"the (?P<col>.+?) boxes of days off were signed by fewer than half the seats: (?P<days>.+); read as days "
       r"without lessons, those marks not counted",
       lambda m: f"休息日的{_column(m['col'])}只有不到一半的席位签到："
                 + "、".join(f"{d}（{n} 人）" for d, n in re.findall(r"(\d\d-\d\d) \((\d+) seats?\)", m["days"]))
                 + "；按当天不上课读取，这些签到未计入"),
    _p(r"a (?P<col>.+?) box of a day off signed by most seats where the class met then, else left blank",
       lambda m: f"班次在休息日上课的，多数席位在当天的{_column(m['col'])}签到；否则留空"),
    _p(r"the sheet prints (?P<n>[\d.]+) days of the class, (?P<l>\d+) of them days of lessons, and has (?P<col>.+?) "
       r"columns for (?P<k>\d+) of them: (?P<which>.+) (?:has|have) no (?P=col) column and (?:was|were) read as absent "
       r"for every seat",
       lambda m: f"签到表印明班次共 {m['n']} 天，其中上课 {m['l']} 天，{_column(m['col'])}只有其中 {m['k']} 天的："
                 f"{_days(m['which'])}没有{_column(m['col'])}，各席位这些日子都按缺勤计"),
    _p(r"the sheet prints (?P<n>[\d.]+) days of the class and has (?P<col>.+?) columns for (?P<k>\d+) of them: "
       r"(?P<which>.+) (?:has|have) no (?P=col) column and (?:was|were) read as absent for every seat",
       lambda m: f"签到表印明班次共 {m['n']} 天，{_column(m['col'])}只有其中 {m['k']} 天的：{_days(m['which'])}没有"
                 f"{_column(m['col'])}，各席位这些日子都按缺勤计"),
    _p(r"a (?P<col>.+?) column for every day of the class, as needscli wrote the sheet",
       lambda m: f"班次每天都有一栏{_column(m['col'])[:-1]}，与 needscli 写出的签到表相同（删去某天的{_column(m['col'])}，"
                 "该天按缺勤计）"),
    _p(r"its (?P<col>.+?) columns are dated (?P<dated>[^,]+), not the dates the sheet prints \((?P<start>\S+) to "
       r"(?P<end>\S+)\): they were read by their day numbers, day 1 as (?P=start)",
       lambda m: f"{_column(m['col'])}所标日期为 {m['dated'].replace(' to ', '至')}，与签到表所印日期（{m['start']}至"
                 f"{m['end']}）不符：已按各栏的第几天读取，第1天即 {m['start']}"),
    _p(r"(?P<col>.+?) columns dated as the sheet prints the class's dates \(a class moved: its columns' dates too\)",
       lambda m: f"{_column(m['col'])}所标日期与签到表所印的培训时间一致（班次改期的，{_column(m['col'])}的日期也随之修改）"),
    _p(r"the sign-in marks on (?P<days>.+), after the import date, (?P<today>\S+), were not counted: the sheet's "
       r"(?P<col>.+?) columns are dated past the class's end, (?P<end>\S+)",
       lambda m: f"{_days(m['days'])}晚于导入日期 {m['today']}，其中的签到标记未计入：{_column(m['col'])}所标日期超出了"
                 f"班次的结束日期 {m['end']}"),
    _p(r"(?P<col>.+?) columns for the class's own days, as needscli wrote the sheet",
       lambda m: f"{_column(m['col'])}只有班次本身的各天，与 needscli 写出的签到表相同"),
    _p(r"is empty, and so is the name: the row's marks are no one's", "为空，姓名也为空：本行的签到标记不属于任何人"),
    _p(r"the id and name of the cadre who attended written in this row, or the marks deleted where they were made by "
       r"mistake", "在本行填写参训者的编号和姓名；如是误写的标记，删除即可"),
    _p(r"the id and name of the cadre who attended written in this row", "在本行填写参训者的编号和姓名"),
    _p(r"none of this workbook's sheets is imported until then \(a seat is recorded under its id\)",
       "补上编号或删除标记之前，本工作簿的各张签到表（其他班次的也在内）都不会导入（出勤按编号记入台账）"),
    _p(r"the sheet imported once the class has ended", "班次结束、签到表填完后再导入"),
    _p(r"before the finished sheet is imported, the records of this one taken back \((?P<cmd>needscli records remove "
       r".+)\)", lambda m: f"导入填完的签到表之前，先删除本表记入的记录（{m['cmd']}）"),
    _p(r"is empty: the row gives a name only", "为空：本行只写了姓名"),
    _p(r"the cadre's id as the roster writes it \(records import --roster names the ids of the name\)",
       "花名册上该干部的编号（导入时加 --roster，会列出花名册上该姓名的编号）"),
    _p(r"none of this workbook's sheets is imported until it is written \(a seat is recorded under its id\)",
       "补上编号之前，本工作簿的各张签到表（其他班次的也在内）都不会导入（出勤按编号记入台账）"),
    _p(r"is empty, and the roster given has no cadre of the name written", "为空，所给的花名册中也没有所写姓名的干部"),
    _p(r"the cadre's id as his unit writes it", "该干部在其单位的编号"),
    _p(r"is empty; the roster given has one cadre of the name written, (?P<id>.+)",
       lambda m: f"为空；所给的花名册中所写姓名的干部只有一名，编号为 {m['id']}"),
    _p(r"(?P<id>.+) written in this cell, where that is the cadre who attended",
       lambda m: f"如参训的确是此人，在本单元格填写 {m['id']}"),
    _p(r"is empty; the roster given has (?P<n>\d+) cadres of the name written: (?P<ids>.+)",
       lambda m: f"为空；所给的花名册中有 {m['n']} 名干部是所写的姓名：" + "、".join(
           re.sub(r" \((.*)\)\Z", r"（\1）", one) for one in m["ids"].split(", "))),
    _p(r"the id of the one who attended written in this cell", "在本单元格填写实际参训者的编号"),
    _p(r"is (?P<nan>an invalid number, )?not an attendance mark(?P<unrec>; this seat was not recorded: fix the cell and "
       r"import the sheet again)?(?P<off>; a box of a day off, read as a day without lessons: not counted)?",
       lambda m: ("是无效的数值，" if m["nan"] else "") + "不是签到标记"
                 + ("；该席位未记录，请改正后重新导入该表" if m["unrec"] else "")
                 + ("；该栏是休息日的签到栏，按当天不上课读取，未计入" if m["off"] else "")),
    _p(r"is empty or 0, and sheet (?P<sheet>.+) records attendance", lambda m: f"为空或为 0，而工作表「{m['sheet']}」记录了出勤"),
    _p(r"repeats the training of row (?P<row>\d+) \(same cadre, topic, class and dates\)",
       lambda m: f"与第 {m['row']} 行是同一次培训（同一人、主题、班次和日期）"),
    _p(r"the ledger already holds this training of this cadre \((?P<file>.+), sheet (?P<sheet>.+), row (?P<row>\d+)\) "
       r"with (?P<old>.+); this file has (?P<new>.+)",
       lambda m: f"台账中已有此人的这次培训（{m['file']}，工作表「{m['sheet']}」第 {m['row']} 行）：台账中为 "
                 f"{_outcome(m['old'])}，本表为 {_outcome(m['new'])}"),
    _p(r"the ledger already holds a training of this cadre in \"(?P<topic>.+)\" over the same days, (?P<a>\S+) to "
       r"(?P<b>\S+) \((?:class (?P<cls>.+?), )?(?P<file>.+), sheet (?P<sheet>.+), row (?P<row>\d+)\): the same training "
       r"recorded twice would count its hours and days twice",
       lambda m: f"台账中已有此人同期（{m['a']} 至 {m['b']}）的「{m['topic']}」培训（"
                 + (f"班次 {m['cls']}，" if m["cls"] else "") + f"{m['file']}，工作表「{m['sheet']}」第 {m['row']} 行）："
                 "同一次培训记两次，学时和天数会重复计算"),
    _p(r"one record of a training: where this file's is the one to keep \(the ledger's came from another file, the "
       r"sheet of an earlier plan say\), the ledger's removed first \((?P<cmd>needscli records remove .+?)"
       r"(?P<lists>, which lists what it would remove \(every training of the cadre from that file\) before --yes "
       r"is added)?\), then this file imported again; where the ledger's is right, nothing to do",
       lambda m: "同一次培训只记一次：应保留本表的（台账中的那条来自其他文件，如以前编班方案的签到表），先删除台账中的那条（"
                 + m["cmd"] + ("，不加 --yes 时先列出将删除的记录：该文件中此人的全部培训记录" if m["lists"] else "")
                 + "），再重新导入本文件；台账中的那条正确的，无需处理"),
    _p(r"this row was not recorded", "该行未记入台账"),
    _p(r"(?P<who>.+) was absent (?P<leave>for more than the leave allowed )?(?:from|of) this class, a compulsory "
       r"training for them \((?P<duty>.+)\): the training is still to be done",
       lambda m: f"{m['who']} " + ("请假超过规定比例" if m["leave"] else "缺勤")
                 + f"，本班次是其必训任务（{m['duty']}）：该培训仍未完成"),
    _p(r"a seat in a later class of the training \(the next needscli analyze --ledger plans it again\)",
       "安排在以后的同类班次（下次运行 needscli analyze --ledger 会重新安排）"),
    _p(r"the same as the ledger's record", "与台账中的记录相同"),
    _p(r"where this file is right, that record removed first \((?P<cmd>needscli records remove .+)\), then this file "
       r"imported again \(nothing is overwritten\)",
       lambda m: f"如本表是对的，先删除台账中的旧记录（{m['cmd']}），再重新导入本文件（台账中的记录不会被直接覆盖）"),
    _p(r"the ledger holds this training in its record (?P<id>\d+), which cannot be read \(needscli records show "
       r"(?P<cadre>.+) names what is wrong with it\)",
       lambda m: f"台账第 {m['id']} 条记录就是这次培训，但该记录无法读取（needscli records show {m['cadre']} 会指出问题）"),
    _p(r"that record removed first \(needscli records remove\), then this file imported again",
       "先删除该记录（needscli records remove），再重新导入本文件"),
    # a records sheet's row that cannot be a training (records/plausibility.py): held back
    _p(r"(?P<what>.+); this row was not recorded: fix it and import the file again",
       lambda m: f"{_clauses(m['what'])}；该行未记入台账，请改正后重新导入该文件"),
    _p(r"(?P<day>\d{4}-\d{2}-\d{2}) is not a date from (?P<a>\d+) to (?P<b>\d+)",
       lambda m: f"{m['day']} 不在 {m['a']} 至 {m['b']} 年之间"),
    _p(r"a date from (?P<a>\d+) to (?P<b>\d+)", lambda m: f"{m['a']} 至 {m['b']} 年之间的日期"),
    _p(r"makes the training (?P<n>\d+) days long, from (?P<a>\S+) to (?P<b>\S+)",
       lambda m: f"使这次培训从 {m['a']} 到 {m['b']}，长达 {m['n']} 天"),
    _p(r"a training of at most (?P<n>\d+) days \(\[ledger\] max_training_days\)",
       lambda m: f"一次培训最多 {m['n']} 天（[ledger] max_training_days）"),
    _p(r"is (?P<d>[\d.]+) days, more than the (?P<n>\d+) days from (?P<a>\S+) to (?P<b>\S+)",
       lambda m: f"为 {m['d']} 天，多于 {m['a']} 至 {m['b']} 的 {m['n']} 天"),
    _p(r"is (?P<d>[\d.]+) days", lambda m: f"为 {m['d']} 天"),
    # a records sheet's row of a training that ends after the import date (records/plausibility.py): held back
    _p(r"(?P<day>\d{4}-\d{2}-\d{2}) is after the import date, (?P<today>\S+): the training had not ended by then, so "
       r"it cannot have been attended \(a course planned, or a year mistyped\)",
       lambda m: f"{m['day']} 晚于导入日期 {m['today']}：培训届时尚未结束，不可能已参加（可能是计划中的培训，或年份写错）"),
    _p(r"the file imported again once the training has ended \(its rows recorded already are not added again\), or "
       r"the date corrected where it was mistyped",
       "培训结束后重新导入该文件（已记入台账的行不会重复记入）；日期写错的，改正后重新导入"),
    _p(r"at most the days from the start date to the end date", "不超过开始日期至结束日期的天数"),
    _p(r"is (?P<h>[\d.]+) hours, more than (?P<d>[\d.]+) day\(s\) of training hold",
       lambda m: f"为 {m['h']} 学时，超过 {m['d']} 天培训所能容纳的学时"),
    _p(r"at most (?P<most>[\d.]+) hours \((?P<day>[\d.]+) h a day by hours\.day_hours, times (?P<slack>[\d.]+) by "
       r"\[ledger\] day_hours_slack\)",
       lambda m: f"不超过 {m['most']} 学时（每天 {m['day']} 学时，hours.day_hours；乘以 [ledger] day_hours_slack "
                 f"{m['slack']}）"),
    _p(r"is no topic of the catalog: it completes none of the topics needs are found for, its hours count all the same",
       "不是课程目录中的主题：不算作完成任何主题的培训，学时照常计入"),
    _p(r"no records table found", "没有找到培训记录表"),
    _p(r"header row (?P<row>\d+) is a roster's header \((?P<columns>[^)]*)\), not training records; import the "
       r"class-rosters\.xlsx with 签到 or 出勤学时 filled in, an online platform's export, or a records sheet "
       r"\((?P<records>[^)]*)\)",
       lambda m: f"第 {m['row']} 行是花名册的表头（{_listed(m['columns'])}），不是培训记录；请导入填好签到或出勤学时的 "
                 f"class-rosters.xlsx、网络学习平台导出的记录，或培训记录表（{_listed(m['records'])}）"),
    _p(r"columns such as (?P<zh>[^(]+?) \((?P<en>[^)]+)\), an online platform export, or the class-rosters\.xlsx "
       r"needscli wrote",
       lambda m: f"含 {_listed(m['zh'])} 等列的培训记录表、网络学习平台导出的记录，或 needscli 写出的 class-rosters.xlsx"),
    _p(r"its sheet (?P<sheet>.+) has no header row \((?P<columns>[^)]*)\)",
       lambda m: f"其签到表「{m['sheet']}」没有表头行（{_listed(m['columns'])}）"),
    _p(r"the sign-in sheet as needscli wrote it", "needscli 写出的签到表样式"),
    _p(r"a date such as 2026-05-01, 2026-05, 2026.05 or 2026(?:/5|年5月)", "日期，如 2026-05-01、2026-05、2026.05 或 2026年5月"),
    _p(r"a number of (?P<what>hours|days), e\.g\. (?P<n>\S+)", lambda m: f"{'学时数' if m['what'] == 'hours' else '天数'}，如 {m['n']}"),
    _p(r"a number of hours above 0", "大于 0 的学时数"),
    _p(r"an end date on or after the start", "不早于开始日期的结束日期"),
    _p(r"hours \(学时\) or days \(天数\)", "学时或天数"),
    _p(r"the file opened in Excel or WPS and saved \(its formulas' results saved\), then imported again",
       "用 Excel 或 WPS 打开该文件保存一次（公式会计算并保存结果），再重新导入"),
    _p(r"the formulas corrected \(one referring to a deleted sheet, say\), or the row typed in; a row a formula "
       r"filled down past the table left deleted", "改正公式（如引用了已删除的工作表），或直接填写该行；公式向下填充到表格以外留下的行请删除"),
    _p(r"the formula corrected, or the (?P<what>hours|days|hours attended|days attended|date|class id|way of training"
       r"|host|id|name|attendance mark|result|kind of provider) typed in",
       lambda m: "改正公式，或直接填写" + {"hours": "学时", "days": "天数", "hours attended": "出勤学时",
                                           "days attended": "出勤天数", "date": "日期", "class id": "班次",
                                           "way of training": "培训方式", "host": "承办单位", "id": "编号",
                                           "name": "姓名", "attendance mark": "签到标记", "result": "结果",
                                           "kind of provider": "机构类型"}[m["what"]]),
    _p(r"the formula corrected, or the header typed in", "改正公式，或直接填写表头"),
    _p(r"the formula corrected, or the (?P<what>.+?) typed in", lambda m: f"改正公式，或直接填写{m['what']}"),
    _p(r"hours attended up to the (?:training's|course's|class) hours", "不超过培训学时的出勤学时"),
    _p(r"hours up to the course's", "不超过课程学时"),
    _p(r"hours attended, e\.g\. (?P<n>\S+)", lambda m: f"出勤学时，如 {m['n']}"),
    _p(r"leave of at most 1/7 of the hours", "缺勤不超过学时的 1/7"),
    _p(r"one row per class", "每个班次一行"),
    _p(r"one row per training", "每次培训一行"),
    _p(r"one sign-in sheet per class, as needscli wrote them", "每个班次一张签到表（needscli 写出的样式）"),
    _p(r"the class hours, e\.g\. (?P<n>\S+)", lambda m: f"班次学时，如 {m['n']}"),
    _p(r"the same hours and result as the record already held", "与台账中已有记录相同的学时和结果"),
    _p(r"the class-rosters\.xlsx needscli wrote, with its hidden 完整编号 column, or the full id typed in",
       "needscli 写出的 class-rosters.xlsx（含隐藏的「完整编号」列），或填写完整编号"),
    _p(r"√, ✓, 到, 已签, 签到 or the member's own name \(present\); blank, 缺 or 请假 \(absent\); or the hours in 出勤学时",
       "√、✓、到、已签、签到或本人姓名（出席）；空白、缺或请假（缺勤）；或在「出勤学时」填写学时"),
    _p(r"合格/结业/已完成 or 不合格/未结业/退学", "合格/结业/已完成 或 不合格/未结业/退学"),
    _p(r"集中/网络/境外 \(concentrated/online/overseas\)", "集中/网络/境外"),
    # writing
    _p(r"could not be written \((?P<why>.+)\)", lambda m: f"无法写入（{_os(m['why'])}）"),
    _p(r"could not be written \((?P<why>.+)\); nothing was changed", lambda m: f"无法写入（{_os(m['why'])}），台账没有改动"),
    _p(r"(?P<target>.+) is open in another program or read-only; close (?P<name>.+) and run again",
       lambda m: f"{m['target']} 已在其他程序中打开或为只读；请关闭 {m['name']} 后再运行"),
    _p(r"(?P<folder>.+?): cannot write here \((?P<why>.+)\); choose another output folder",
       lambda m: f"{m['folder']}：无法在此写入（{_os(m['why'])}）；请另选输出文件夹"),
    # the same after a name that an opening of _WHERE took (clean.csv, or out.d/x taken for a TOML key)
    _p(r"cannot write here \((?P<why>.+)\); choose another output folder",
       lambda m: f"无法在此写入（{_os(m['why'])}）；请另选输出文件夹"),
    _p(r"(?P<target>.+) is a folder; remove or rename it and run again",
       lambda m: f"{m['target']} 是文件夹，文件无法写到这里；请删除该文件夹或为它改名后再运行"),
    # the saved analysis a classes run reads (io/snapshot.py)
    _p(r"no saved analysis here; run needscli analyze first", "这里没有保存的分析结果；请先运行 needscli analyze"),
    _p(r"not a readable analysis file; run needscli analyze again", "不是可读的分析结果文件；请重新运行 needscli analyze"),
    _p(r"written by a newer needscli; upgrade needscli to read it", "由更新版本的 needscli 写出；请升级 needscli 后再读取"),
    _p(r"damaged analysis file \(nested more deeply than can be read\); run needscli analyze again",
       "分析结果文件已损坏（数组嵌套层数过多，无法读取）；请重新运行 needscli analyze"),
    _p(r"damaged analysis file \(at (?P<at>.+)\); run needscli analyze again",
       lambda m: f"分析结果文件已损坏（位于 {m['at'].replace('top level', '顶层')}）；请重新运行 needscli analyze"),
    # the ledger (records/store.py)
    _p(r"cannot be opened as a ledger \((?P<why>.+)\)", lambda m: f"无法作为台账打开（{_os(m['why'])}）"),
    _p(r"is not a readable ledger \((?P<why>.+)\); give another --ledger file",
       lambda m: f"不是可读的台账（{_os(m['why'])}）；请用 --ledger 指定另一个台账文件"),
    _p(r"this ledger was written by a newer needscli \(schema version (?P<v>\d+); this needscli reads up to "
       r"(?P<max>\d+)\); upgrade needscli to use it",
       lambda m: f"此台账由更新版本的 needscli 写出（结构版本 {m['v']}，本版本最高只能读取 {m['max']}）；请升级 needscli 后再使用"),
    _p(r"the folder (?P<folder>.+) does not exist; create it or give another --ledger",
       lambda m: f"文件夹 {m['folder']} 不存在；请先建立该文件夹，或用 --ledger 指定其他位置"),
    # the command line's own checks (cli/)
    _p(r"no roster given: name a roster file or folder, or put \[inputs\] roster in needscli\.toml",
       "没有给出花名册：请指定花名册文件或文件夹，或在 needscli.toml 的 [inputs] 中写明 roster"),
    _p(r"the minimum class size (?P<min>\d+) is above the maximum (?P<max>\d+) \((?P<from>.+)\)",
       lambda m: f"最小班额 {m['min']} 大于最大班额 {m['max']}（{m['from'].replace(' and ', '，')}）：最小班额不能超过最大班额"),
    _p(r"(?P<option>--[a-z-]+): expected a date such as (?P<example>\S+)",
       lambda m: f"{m['option']}：应为日期，如 {m['example']}"),
    _p(r"(?P<n>\d+) input files cannot be used; fix each and run again:",
       lambda m: f"有 {m['n']} 个输入文件无法使用；请逐一改正后再运行："),
    _p(r"\.\.\. and (?P<n>\d+) more", lambda m: f"……另有 {m['n']} 个"),
    _p(r"No --roster: grouped by cadre \(grouping by (?P<by>\w+) needs the roster\)\.",
       lambda m: f"没有给出 --roster：按干部分组（按{_what(m['by'])}分组需要花名册）"),
    _p(r"Wrote (?P<path>.+) \((?P<n>\d+) cadre\(s\)\)", lambda m: f"已写出 {m['path']}（干部 {m['n']} 人）"),
    _p(r"'(?P<value>.*)' is a folder; give the register's file in it, e\.g\. (?P<example>.+)",
       lambda m: f"'{m['value']}' 是文件夹；请给出学时登记表的文件名，如 {m['example']}"),
    _p(r"'(?P<value>.*)' is not a \.xlsx file name; the register is written as an Excel workbook \(\.xlsx\) only",
       lambda m: f"'{m['value']}' 不是以 .xlsx 结尾的文件名；学时登记表只写成 Excel 工作簿（.xlsx）"),
    # files
    _p(r"file not found; check the path", "找不到文件，请检查路径"),
    _p(r"is a symbolic link that leads round in a loop \(back to itself\), so it names no file; give the file itself",
       "是循环的符号链接（链接绕回自身），不指向任何文件；请给出文件本身"),
    _p(r"is a symbolic link that leads round in a loop \(back to itself\), so it names no file; choose another output "
       r"folder", "是循环的符号链接（链接绕回自身），不指向任何文件夹，无法写入；请另选输出文件夹"),
    _p(r"(?P<file>.+) was not read: it is a symbolic link that leads round in a loop \(back to itself\), so it names no "
       r"file", lambda m: f"{m['file']} 未读取：它是循环的符号链接（链接绕回自身），不指向任何文件"),
    _p(r"the roster file itself, or a link that leads to it", "花名册文件本身，或指向它的链接"),
    _p(r"is a folder; give a .xlsx, .xls or .csv file", "是文件夹，请给出 .xlsx、.xls 或 .csv 文件"),
    _p(r"cannot be read as an Excel 97-2003 workbook \(password-protected or damaged\); open it in Excel and save "
       r"it as .xlsx", "无法作为 Excel 97-2003 工作簿（.xls）读取（可能设有密码或已损坏）；请在 Excel 中打开后另存为 .xlsx"),
    _p(r"is (?P<kind>a web page \(HTML\)|an Excel 2003 XML spreadsheet) saved under .xls, not an Excel workbook; "
       r"open it in Excel and save it as .xlsx",
       lambda m: f"是以 .xls 为扩展名保存的{'网页（HTML）' if m['kind'].startswith('a web') else ' Excel 2003 XML 电子表格'}，"
                 "不是 Excel 工作簿；请在 Excel 中打开后另存为 .xlsx"),
    _p(r"(?P<old>.+) was not read: (?P<new>.+) beside it is the same workbook, saved later, and was read in its place",
       lambda m: f"{m['old']} 未读取：旁边的 {m['new']} 是同一工作簿、保存得更晚，已改为读取它"),
    _p(r"each roster once", "每份花名册只给一次"),
    _p(r"was not read within (?P<n>[\d.]+) seconds \(limits.xls_wait_seconds in the config\); give it more time, or "
       r"save it as .xlsx, which is read faster",
       lambda m: f"在 {m['n']} 秒内未能读完（配置项 limits.xls_wait_seconds）；请调大该值，或另存为读取更快的 .xlsx"),
    _p(r"needs more memory to read than the (?P<n>[\d,]+) bytes allowed \(limits.xls_memory_bytes in the config\); "
       r"raise it, or save the file as .xlsx",
       lambda m: f"读取所需内存超过允许的 {m['n']} 字节（配置项 limits.xls_memory_bytes）；请调大该值，或另存为 .xlsx"),
    _p(r"is larger than (?P<n>[\d,]+) bytes \(limits.max_uncompressed_bytes in the config\); refused",
       lambda m: f"大于 {m['n']} 字节（配置项 limits.max_uncompressed_bytes），不予读取"),
    _p(r"folder holds no .xlsx, .xls or .csv file", "文件夹中没有 .xlsx、.xls 或 .csv 文件"),
    _p(r"no file matches this pattern", "没有文件与此模式匹配"),
    _p(r"is a PDF, not a spreadsheet; export the table as .xlsx or .csv", "是 PDF 文件，不是电子表格；请把表格导出为 .xlsx 或 .csv"),
    _p(r"is not a readable (?P<s>\S+) file \(damaged or renamed\); save it again from Excel",
       lambda m: f"不是可读的 {m['s']} 文件（可能已损坏或被改了扩展名）；请用 Excel 重新保存"),
    _p(r"is a WPS spreadsheet \(.et\) that cannot be read; open it in WPS and save it as .xlsx \(Excel workbook\), then "
       r"run again", "是无法读取的 WPS 表格文件（.et）；请在 WPS 中打开，另存为 Excel 工作簿（.xlsx）后再运行"),
    _p(r"is a (?P<s>\S+) file; needscli reads .xlsx, .xls and .csv",
       lambda m: f"是 {m['s']} 文件；needscli 只读取 .xlsx、.xls 和 .csv"),
    _p(r"is damaged or truncated \(not a complete .xlsx\); save it again from Excel",
       "已损坏或不完整（不是完整的 .xlsx）；请用 Excel 重新保存"),
    _p(r"is damaged or truncated \(a part cannot be unpacked\); save it again from Excel",
       "已损坏或不完整（有部分无法解压）；请用 Excel 重新保存"),
    _p(r"cannot be read as a workbook \(damaged, or not saved by a spreadsheet program\); save it again from Excel",
       "无法作为工作簿读取（已损坏，或不是电子表格软件保存的）；请用 Excel 重新保存"),
    _p(r"its part (?P<part>\S+) holds damaged XML \(line (?P<line>[\d,]+), column (?P<col>[\d,]+): (?P<fault>.+)\); the "
       r"file is damaged or was altered: open it in Excel, save it again and run again",
       lambda m: f"其中的部件 {m['part']} 的 XML 已损坏（第 {m['line']} 行第 {m['col']} 列：{_XML_FAULT.get(m['fault'], '格式不正确')}）；"
                 "文件已损坏或被改动过：请在 Excel 中打开并重新保存后再运行"),
    _p(r"its part (?P<part>\S+) holds an XML document type declaration \(line (?P<line>[\d,]+); an entity attack\?\); "
       r"refused", lambda m: f"其中的部件 {m['part']} 含有 XML 文档类型声明（第 {m['line']} 行；疑似实体攻击），已拒绝读取"),
    _p(r"its part (?P<part>\S+) does not unpack to what the package declares \(its size or checksum is wrong\): the "
       r"file is damaged or was altered; save it again from Excel",
       lambda m: f"其中的部件 {m['part']} 解压出的内容与文件包所声明的不符（大小或校验和不对）：文件已损坏或被改动过；"
                 "请用 Excel 重新保存"),
    _p(r"declares (?P<n>[\d,]+) shared strings \(uniqueCount in (?P<part>\S+)\), more than the part's (?P<size>[\d,]+) "
       r"bytes can hold \(each takes (?P<each>\d+) bytes at least\); the workbook is damaged or forged: open it in "
       r"Excel, save it again and run again",
       lambda m: f"声明有 {m['n']} 个共享字符串（{m['part']} 中的 uniqueCount），而该部件只有 {m['size']} 字节，"
                 f"装不下这么多（每个至少占 {m['each']} 字节）；工作簿已损坏或被伪造：请在 Excel 中打开并重新保存后再运行"),
    _p(r"is CSV text \(lines of values separated by commas or tabs\) named (?P<s>\S+), not a workbook; rename it to "
       r".csv and run again",
       lambda m: f"是 CSV 文本（以逗号或制表符分隔的多行数据），却命名为 {m['s']}，并不是工作簿；请把扩展名改为 .csv 后再运行"),
    _p(r"is (?P<kind>a pipe \(FIFO\)|a socket|a device|no regular file), not a regular file; give the .xlsx, .xls or "
       r".csv file itself",
       lambda m: f"是{_NOT_REGULAR[m['kind']]}，不是普通文件；请给出 .xlsx、.xls 或 .csv 文件本身"),
    _p(r"is (?:marked as (?P<marked>\S+) text \(it begins with a UTF-8 mark\)|(?P<name>\S+) text) but line "
       r"(?P<line>[\d,]+), column (?P<col>[\d,]+) holds bytes that are not (?P<enc>\S+)(?P<more>, and so do lines "
       r"after it)?; (?:type that cell's text again in Excel or WPS and save the file as CSV UTF-8|open the file in "
       r"Excel or WPS and save it again as CSV UTF-8)",
       lambda m: (f"标为 {m['marked']} 文本（开头有 UTF-8 标记），" if m["marked"] else f"是 {m['name']} 文本，")
                 + f"但第 {m['line']} 行第 {m['col']} 列含有不是 {m['enc']} 编码的字节"
                 + ("，其后各行也是；请在 Excel 或 WPS 中打开该文件，重新另存为“CSV UTF-8”" if m["more"] else
                    "（该单元格的文字是以其他编码输入或粘贴的）；请在 Excel 或 WPS 中重新输入该单元格的文字，"
                    "再把文件另存为“CSV UTF-8”")),
    _p(r"is password-protected \(encrypted\) or damaged; remove the password or save it again as .xlsx, then run "
       r"again", "设有密码（已加密）或已损坏；请去掉密码，或重新另存为 .xlsx 后再运行"),
    _p(r"holds (?P<n>[\d,]+) parts, more than any workbook should; refused",
       lambda m: f"含有 {m['n']} 个部件，远超正常工作簿，已拒绝读取"),
    _p(r"is an \.xlsx workbook named (?P<s>\S+); rename it to \.xlsx and run again",
       lambda m: f"是 .xlsx 工作簿，却命名为 {m['s']}；请把扩展名改为 .xlsx 后再运行"),
    _p(r"is an OpenDocument \(.ods\) spreadsheet; save it as .xlsx and run again",
       "是 OpenDocument（.ods）电子表格；请另存为 .xlsx 后再运行"),
    _p(r"is an Excel binary \(.xlsb\) workbook; save it as .xlsx and run again",
       "是 Excel 二进制工作簿（.xlsb）；请另存为 .xlsx 后再运行"),
    _p(r"is a zip archive, not an Excel workbook; give a .xlsx or .csv file",
       "是 zip 压缩包，不是 Excel 工作簿；请给出 .xlsx 或 .csv 文件"),
    _p(r"unpacks to far more than its size \(a zip bomb\?\); refused", "解压后远大于文件本身（疑似压缩炸弹），已拒绝读取"),
    _p(r"has a part that unpacks to far more than its size \(a zip bomb\?\); refused",
       "有部件解压后远大于文件本身（疑似压缩炸弹），已拒绝读取"),
    _p(r"contains an XML document type declaration \(an entity attack\?\); refused",
       "含有 XML 文档类型声明（疑似实体攻击），已拒绝读取"),
    _p(r"is marked as UTF-8 or UTF-16 text but holds bytes that are not \(damaged\?\); save the CSV again as UTF-8",
       "标为 UTF-8 或 UTF-16 文本，却含有不合该编码的字节（可能已损坏）；请把 CSV 重新另存为 UTF-8"),
    # a sheet past the limits (io/files.py, io/extent.py)
    _p(r"too many rows \((?P<n>[\d,]+)\); the limit is (?P<max>-?[\d,]+) \(limits.max_rows in the config\)",
       lambda m: f"行数过多（{m['n']} 行）；上限为 {m['max']} 行（配置项 limits.max_rows）"),
    _p(r"its cells reach (?P<least>at least )?(?P<ref>\S+) \((?P<rows>[\d,]+) rows? × (?P<cols>[\d,]+) columns?\), "
       r"(?P<over>.+); delete the stray cells outside the table \(Ctrl\+End in Excel goes to the last one\) or copy "
       r"the table into a new workbook, then run again",
       lambda m: f"单元格{'至少' if m['least'] else ''}延伸到 {m['ref']}（{m['rows']} 行 × {m['cols']} 列），"
                 f"{_over(m['over'])}；请删除表格以外的零散单元格（在 Excel 中按 Ctrl+End 可跳到最后一个），"
                 "或把表格复制到新工作簿，再运行"),
    _p(r"(?P<n>[\d,]+) merged ranges, more than (?P<max>[\d,]+) \(limits.max_merged_ranges in the config\); unmerge "
       r"the cells \(fill each one\) and run again",
       lambda m: f"有 {m['n']} 处合并单元格，超过 {m['max']} 处（配置项 limits.max_merged_ranges）；"
                 "请取消合并（逐格填写）后再运行"),
    _p(r"its (?P<n>[\d,]+) merged ranges overlap \(they cover (?P<c>[\d,]+) cells of a sheet of (?P<t>[\d,]+)\); "
       r"the file is damaged: open it in Excel, save it again and run again",
       lambda m: f"{m['n']} 处合并单元格相互重叠（共覆盖 {m['c']} 格，而工作表只有 {m['t']} 格）；文件已损坏："
                 "请在 Excel 中打开并重新保存后再运行"),
    _p(r"line (?P<n>[\d,]+) is longer than (?P<max>[\d,]+) bytes \(limits.max_line_bytes in the config\); is this "
       r"the roster, saved as CSV\?",
       lambda m: f"第 {m['n']} 行超过 {m['max']} 字节（配置项 limits.max_line_bytes）；这是另存为 CSV 的花名册吗？"),
    _p(r"line (?P<n>[\d,]+): (?P<over>.+); is this the roster\?",
       lambda m: f"第 {m['n']} 行：{_over(m['over'])}；这是花名册吗？"),
    _p(r"is a binary file, not a spreadsheet or CSV; give a .xlsx or .csv file", "是二进制文件，不是电子表格或 CSV；请给出 .xlsx 或 .csv 文件"),
    _p(r"is not text in UTF-8 or GB18030 \(line (?P<line>[\d,]+), column (?P<col>[\d,]+) is the first byte of neither\); "
       r"save the CSV as UTF-8",
       lambda m: f"不是 UTF-8 或 GB18030 编码的文本（第 {m['line']} 行第 {m['col']} 列起两者都不是）；请把 CSV 另存为 UTF-8"),
    _p(r"cannot be opened \(permission denied\)", "无法打开（没有读取权限）"),
    _p(r"no header row found in the first rows", "前几行中没有找到表头行"),
    _p(r"the (?P<what>sheet|file) is empty", lambda m: f"{'工作表' if m['what'] == 'sheet' else '文件'}为空"),
    _p(r"a header row with columns such as (?P<zh>[^(]+?) \((?P<en>[^)]+)\) and the rows below it",
       lambda m: f"含 {_listed(m['zh'])} 等列的表头行，及其下的数据行"),
    _p(r"the (?P<what>sheet|file) has a header row \(row (?P<row>\d+)\) but no data rows below it",
       lambda m: f"{'工作表' if m['what'] == 'sheet' else '文件'}只有表头（第 {m['row']} 行），表头下方没有数据行"),
    _p(r"enter the cadres below the header", "请在表头下方逐行填写干部信息"),
    _p(r"is empty \(0 bytes\): nothing was saved in it", "是空文件（0 字节），其中没有保存任何内容"),
    _p(r"save the table into it again, or give the file that holds it", "请把表格重新保存到该文件，或给出含有表格的文件"),
    _p(r"columns such as (?P<zh>[^(]+?) \((?P<en>[^)]+)\)", lambda m: f"{_listed(m['zh'])} 等列"),
    _p(r'no "(?P<first>[^"]+)" \((?P<other>[^)]+)\) column' + _HINT,  # "单位" (Unit), or "Unit" (单位) in English
       lambda m: f"缺少「{_chinese_header(m['first'], m['other'])}」列{_hint(m)}"),
    _p(r'no (?P<names>"[^"]+" \([^)]+\)(?: or "[^"]+" \([^)]+\))+) column' + _HINT,  # a records file: one of them
       lambda m: "缺少" + "或".join(f"「{zh}」" for zh in re.findall(r'"([^"]+)"', m["names"])) + f"列{_hint(m)}"),
    _p(r'no roster sheet among \[(?P<names>[^\]]*)\]: sheet (?P<sheet>.+?) was not read, as its (?:name|title on row '
       r'(?P<row>\d+)) "(?P<text>.+)" says it lists people who are not serving cadres \((?P<word>[^)]+)\); give the '
       r"roster a name and a title that do not say so",
       lambda m: f"没有花名册工作表（现有：{m['names']}）：工作表「{m['sheet']}」没有读取，因为"
                 + (f"它第 {m['row']} 行的标题" if m["row"] else "它的表名")
                 + f"「{m['text']}」表明其中不是在职干部（{m['word']}）；请为花名册改用不这样写的表名和标题"),
    _p(r"no (?P<kind>\w+) sheet among \[(?P<names>[^\]]*)\]; name it (?P<name>.+?)(?: \(or roster\))?" + _HINT,
       lambda m: f"没有{_SHEET_KIND.get(m['kind'], m['kind'])}工作表（现有：{m['names']}）；请把它命名为「{m['name']}」"
                 + _hint(m)),
    _p(r"sheets (?P<a>.+) and (?P<b>.+) list the same cadres \((?P<n>\d+) of the (?P<m>\d+) ids of .+, such as "
       r"(?P<id>.+), are on both\): one is a copy, or another year's roster; delete or hide the one not to read \(a "
       r"hidden sheet is not read\)(?:, or read one of the two only, given as (?P<given>.+))?",
       lambda m: f"工作表「{m['a']}」和「{m['b']}」列的是同一批干部（「{m['b']}」的 {m['m']} 个编号中有 {m['n']} 个两表都有，"
                 f"如 {m['id']}）：其中一张是副本或其他年度的花名册；请删去或隐藏不要读取的那张（隐藏的工作表不读取）"
                 + (f"，或只读取其中一张，写成 {m['given']}" if m["given"] else "")),
    _p(r"no (?P<kind>\w+) sheet among \[(?P<names>[^\]]*)\], and (?P<n>\d+) sheets have a \w+ header row "
       r"\((?P<headed>[^)]*)\); name the one to read (?P<name>.+?)(?: \(or roster\))?(?P<save>, or save each roster as "
       r"its own file)?",
       lambda m: f"没有{_SHEET_KIND.get(m['kind'], m['kind'])}工作表（现有：{m['names']}），而有 {m['n']} 张工作表都有"
                 f"这种表头（{m['headed']}）；请把要读取的那张命名为「{m['name']}」"
                 + ("，或把每份花名册各存为一个文件" if m["save"] else "")),
    _p(r"no roster given; name a .xlsx, .xls or .csv roster", "没有给出花名册；请指定 .xlsx、.xls 或 .csv 花名册"),
    _p(r"no cadre could be analyzed: the roster has no valid rows(?: \((?P<n>\d+) problem\(s\)(?P<v>; run needscli "
       r"validate)?\))?",
       lambda m: "没有可分析的干部：花名册中没有有效的行" + (f"（共 {m['n']} 个问题" + ("，可用 needscli validate 逐一查看"
                                                                     if m["v"] else "") + "）" if m["n"] else "")),
    # the Python API's own arguments (needscli/__init__.py)
    _p(r'(?P<name>as_of|start) "(?P<value>[^"]*)" is not a date; give a datetime\.date or e\.g\. "(?P<example>[^"]+)"',
       lambda m: f"{m['name']}「{m['value']}」不是日期；请给出 datetime.date，或如 \"{m['example']}\" 的文本"),
    _p(r'(?P<name>as_of|start) "(?P<value>[^"]*)" is not a date from (?P<a>\d{4}) to (?P<b>\d{4})',
       lambda m: f"{m['name']}「{m['value']}」不是 {m['a']} 年至 {m['b']} 年之间的日期"),
    _p(r'(?P<name>lang|split_by) must be one of (?P<langs>.+), not "(?P<value>[^"]*)"',
       lambda m: f"{m['name']} 应为 {m['langs'].replace(', ', '、')} 之一，不能是「{m['value']}」"),
    _p(r"pseudonym_key must be at least (?P<n>\d+) bytes long", lambda m: f"pseudonym_key 至少应有 {m['n']} 个字节"),
    _p(r'pseudonym_key "(?P<given>[^"]*)" names a file: pass pathlib\.Path\("(?P=given)"\) to read the key from it, as '
       r"--pseudonym-key does",
       lambda m: f"pseudonym_key「{m['given']}」是一个文件名：要从该文件读取密钥，请给出 pathlib.Path(\"{m['given']}\")"
                 "（同 --pseudonym-key）"),
    _p(r"(?P<n>\d+) data problem\(s\) and --strict: nothing written",
       lambda m: f"有 {m['n']} 个数据问题，且指定了 --strict：没有写出任何文件"),
    # what is expected
    # an English roster's examples, or (年5月) as an analysis saved by an earlier needscli says them
    _p(r"a date such as 2023-05-01, 2023-05, 2023.05 or 2023(?:/5|年5月)", "日期，如 2023-05-01、2023-05、2023.05 或 2023年5月"),
    _p(r"a date such as 2023-05-01, 2023-05, 2023.05, 2023/5 or 2023年5月", "日期，如 2023-05-01、2023-05、2023.05、2023/5 或 2023年5月"),
    _p(r"a number of hours", "学时数"),
    _p(r"a number of days", "天数"),
    _p(r"an id as text", "文本格式的编号"),
    _p(r"a unique id per cadre", "每名干部一个不重复的编号"),
    _p(r"a unique id per priority", "每条组织需求一个不重复的编号"),
    _p(r"a value", "填写一个值"),
    # the levels named as the roster's cells are written: 县处级副职 ..., or in English (Deputy Division Director ...)
    _p(r"a level such as (?P<first>.+?) or (?P<second>.+?)(?: \((?P<words>.+) for a probationer not yet graded\))?",
       lambda m: f"职级，如 {m['first']}、{m['second']}"
                 + (f"（试用期尚未定级的写 {_either(m['words'])}）" if m["words"] else "")),
    _p(r"the level once graded, or (?P<level>.+) in probation", lambda m: f"定级后的职级，试用期内可写 {m['level']}"),
    _p(r"an? (?P<what>.+) from the configured list", lambda m: f"配置列表中的{_what(m['what'])}"),
    _p(r"(?P<what>level|cadre category)s from the configured list, or 全部",  # a priority's targets (io.tables)
       lambda m: f"配置列表中的{_what(m['what'])}，或“全部”"),
    _p(r"at most (?P<n>\d+)", lambda m: f"不超过 {m['n']} 个字符"),
    _p(r"plain text; retype the cell", "普通文本；请重新输入该单元格"),
    _p(r"a whole number from 1 to 5", "1 到 5 之间的整数"),
    _p(r"1-5 \(5 the highest\) or 高/中/低", "1 到 5 的整数（5 为最高）或 高/中/低"),
    _p(r"a post code or a post title", "岗位代码或岗位名称"),
    _p(r"topics with optional dates, e\.g\. Party spirit education\(2024\.06\)", "培训主题，可带日期，如 党性教育(2024.06)"),
    _p(r"topics with optional dates, e\.g\. (?P<ex>.+)", lambda m: f"培训主题，可带日期，如 {m['ex']}"),
    _p(r"items? (?P<items>\d+(?:, \d+)*) ha(?:s|ve) a date in brackets that is not a date \(the other items were kept\)",
       lambda m: f"第 {m['items'].replace(', ', '、')} 项括号中的日期不是有效的日期（其余各项已保留）"),
    _p("|".join(map(re.escape, _GAP_EXPECTED)), lambda m: _GAP_EXPECTED[m[0]]),
    _p("|".join(map(re.escape, _LEDGER_EXPECTED)), lambda m: _LEDGER_EXPECTED[m[0]]),  # a ledger record's, alone
    # a blank 管理权限 filled (io.organizer_fill), and the settings that filled it
    _p(r'(?P<count>[\d,]+) cadre\(s\)(?: of sheet (?P<sheet>.+?))? with a blank "(?P<header>[^"]*)" were given the '
       r"organizer (?P<organizer>.+?) by their levels \(row\(s\) (?P<rows>[^)]*)\), from the config's "
       r"(?P<settings>.+)",
       lambda m: (f"工作表「{m['sheet']}」中" if m["sheet"] else "") + f"「{m['header']}」为空的 {m['count']} 人按职级归入"
                 f"「{m['organizer']}」（第 {_rows(m['rows'])} 行），依据配置中{_settings(m['settings'])}"),
    _p(r'(?P<count>[\d,]+) cadre\(s\)(?: of sheet (?P<sheet>.+?))? with a blank "(?P<header>[^"]*)" were given the '
       r"organizer (?P<organizer>.+?) their unit's other cadres of their tier \((?P<tiers>[^)]*)\) are given "
       r"\(row\(s\) (?P<rows>[^;]*); (?P<units>.+)\)",
       lambda m: (f"工作表「{m['sheet']}」中" if m["sheet"] else "") + f"「{m['header']}」为空的 {m['count']} 人按本单位同一"
                 f"职级层级（{_listed(m['tiers'])}）其他干部所填的管理权限归入「{m['organizer']}」（第 {_rows(m['rows'])} 行；"
                 f"{_listed(m['units'])}）"),
    _p(r'the organizer written in "(?P<header>[^"]*)" where it is another(?P<setting>, or that setting of the config '
       r"set as the cadres are managed)?",
       lambda m: f"管理权限另有规定的，请在「{m['header']}」列中填写"
                 + ("；或按本地的干部管理权限修改配置中的这一设置" if m["setting"] else "")),
    _p(r"a whole number of seats", "整数的座位数"),
    _p(r"an amount", "金额"),
    _p(r"a score from 0 to 100", "0 到 100 之间的分数"),
    _p(r"a topic id, name or alias of the catalog", "课程目录中的主题编号、名称或别名"),
    _p(r"a topic name or alias of the catalog", "课程目录中的主题名称或别名"),
    _p(r"not a readable topic catalog", "不是可读的课程目录"),  # a topics file without [[topic]] tables (core.catalog)
    _p(r"\[\[topic\]\] tables", "[[topic]] 表"),
    _p(r"a unit of the roster, or 全部", "花名册中的单位，或“全部”"),
    _p(r"input sheets named as such", "按输入表命名的工作表"),
    _p(r"each roster named once", "每份花名册只给一次"),
    _p(r"a 管理权限 value such as 市委管理, or an organizer_by_tier entry for the level's tier",
       "管理权限，如 市委管理；或在 organizer_by_tier 中为该职级的层级设置管理层级"),
    _p(r"a number", "数字"),
    _p(r"初任/任职/在职/专门业务/专题 \(initial/appointment/on-the-job/specialized/theory\)", "初任/任职/在职/专门业务/专题"),
    _p(r"党校/行政学院/高校/网络学院/企业/基地", "党校/行政学院/高校/网络学院/企业/基地"),
]

_OUTCOME = re.compile(r"(?P<h>[\d.]+) hours(?: \((?:of (?P<of>[\d.]+))?(?:, )?(?P<done>completed|not completed)?\))?")


def _outcome(said: str) -> str:
    """A record's hours and result as a conflict with the ledger says them (records.imports._outcome)."""
    m = _OUTCOME.fullmatch(said)
    if m is None:
        return said
    notes = [f"共 {m['of']} 学时" if m["of"] else "", {"completed": "已完成", "not completed": "未完成"}.get(
        m["done"] or "", "")]
    said = "，".join(n for n in notes if n)
    return f"{m['h']} 学时" + (f"（{said}）" if said else "")


def _column(header: str) -> str:
    """The sign-in columns as a Chinese message names them: 签到栏, or by the sheet's own header (「Signature」栏)."""
    return "签到栏" if header == "签到" else f"「{header}」栏"


_DAY_SPAN = re.compile(r"(?:days? (?P<first>\d+)(?: to (?P<last>\d+))? \((?P<dates>[^)]*)\)|(?P<bare>[\d-]+(?: to [\d-]+)?))")


def _days(said: str) -> str:
    """Days of a class as a message names them (records/sign_days.DaySpan), in Chinese: days 4 to 12 (01-07 to 01-15)
    -> 第4天至第12天（01-07至01-15）; the remaining 3 days -> 其余 3 天; several joined with 、."""
    other = re.fullmatch(r"the remaining (?:day|(?P<n>\d+) days)", said)
    if other:
        return f"其余 {other['n'] or 1} 天"
    spans = []
    for one in said.split(", "):
        m = _DAY_SPAN.fullmatch(one)
        if m is None:
            return said
        if m["bare"]:
            spans.append(m["bare"].replace(" to ", "至"))
            continue
        days = f"第{m['first']}天" + (f"至第{m['last']}天" if m["last"] else "")
        spans.append(f"{days}（{m['dates'].replace(' to ', '至')}）")
    return "、".join(spans)


def _error_cells(said: str) -> str:
    """A row's cells by their error value, as io.cells.error_cells says them (#N/A in A3:F3, H3; #REF! in
    G3), as Chinese says them: A3:F3、H3 为 #N/A；G3 为 #REF!."""
    parts = []
    for part in said.split("; "):
        error, _, cells = part.partition(" in ")
        parts.append(cells.replace(", ", "、") + (" 为错误值" if error == "an error value" else f" 为 {error}"))
    return "；".join(parts)


def _phrase(text: str) -> str | None:
    for pattern, zh in _PHRASES:
        match = pattern.match(text)
        if match:
            return zh if isinstance(zh, str) else zh(match)
    return None


class _Untold(Exception):
    """A part of a message the table does not know, in English: the message is left as it was, whole, never said
    half in Chinese (a Chinese opening before an English sentence, or English clauses joined by ；)."""


def _body(text: str) -> str:
    """What is wrong (and, after '; expected', what is expected), in Chinese; what is wrong repeats down a
    column (only the row changes), so each distinct one is said once. Raises _Untold where a part is unknown."""
    said = _SAID.get(text)
    if said is None:
        try:
            said = _say(text)
        except _Untold:
            said = _UNTOLD
        if len(_SAID) < 4096:
            _SAID[text] = said
    if said is _UNTOLD:
        raise _Untold(text)
    return said


_UNTOLD = "\0untold"  # what _SAID holds for a text with a part the table does not know
_SAID: dict[str, str] = {}


def _say(text: str) -> str:
    wrong, sep, expected = text.partition("; expected ")
    said = _clauses(wrong)
    return f"{said}；应为：{_clauses(expected)}" if sep else said


def _clauses(text: str) -> str:
    """A phrase in Chinese; failing that, each of its '; ' clauses; failing that, the text as it is where it holds
    no English, else _Untold."""
    text = text.strip()
    if not text:
        return text
    whole = _phrase(text)
    if whole is not None:
        return whole
    parts = text.split("; ")
    if len(parts) > 1:
        return "；".join(_clauses(p) for p in parts)
    if _ENGLISH.search(text):
        raise _Untold(text)
    return text  # no English in it: a value, or a clause already in Chinese


def in_chinese(message: str) -> str:
    """The Chinese of a message written in English (see the module's doc); a line at a time; a message
    already in Chinese, or one with a part the table does not know, stays as it is, whole."""
    if "\n" in message:
        return "\n".join(in_chinese(line) for line in message.split("\n"))
    try:
        return _said(message)
    except _Untold:
        return message


def _lines(message: str) -> str:
    """in_chinese of every line of a message; raises _Untold where a part of one is unknown."""
    return "\n".join(_said(line) for line in message.split("\n"))


def _said(message: str) -> str:
    """in_chinese of a line; raises _Untold where a part of it is unknown."""
    if message.startswith(" "):  # a line of a list, indented under the line that opens it
        text = message.lstrip(" ")
        return message[:len(message) - len(text)] + _said(text)
    for pattern, zh in _WHERE:
        match = pattern.match(message)
        if match:
            return zh if isinstance(zh, str) else zh(match)
    return _body(message)


def problem_in(problem: Problem, lang: str) -> Problem:
    """The problem with its message and what is expected in lang (the English they are written in, or Chinese)."""
    if lang == "en" or not (_ENGLISH.search(problem.message) or _ENGLISH.search(problem.expected)):
        return problem  # nothing English in it (most warnings of a large roster are written in Chinese)
    try:  # both or neither: a message in Chinese with what is expected in English reads as half translated
        message, expected = _lines(problem.message), _lines(problem.expected) if problem.expected else ""
    except _Untold:
        return problem
    if message == problem.message and expected == problem.expected:
        return problem
    return replace(problem, message=message, expected=expected)


def problems_in(problems: list[Problem], lang: str) -> list[Problem]:
    """Every problem in lang (see problem_in)."""
    return problems if lang == "en" else [problem_in(p, lang) for p in problems]


_ENGLISH = re.compile(r"[A-Za-z]+ [A-Za-z]")  # two English words: something in_chinese may have to say
ASCII_SENTENCE = re.compile(r"[A-Za-z]+(?:[ ,;:'-]+[A-Za-z]+){3,}")  # four English words in a row
