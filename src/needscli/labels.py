"""Words people read in the outputs and on the terminal, in Chinese and English. Codes stay in CSV/JSON.

One catalog: every key has both languages. label() gives the words of a key; code_label() the
words of a code read from the data (a training type, a need source ...), which stays as it is
where the catalog has no words for it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from needscli.cache import Memo
from needscli.models import NEED_SOURCES

Words = tuple[str, str]  # (zh, en)

# codes: each table's words are also catalog keys "<table>.<code>", e.g. "training_type.theory"
CODE_TABLES: dict[str, dict[str, Words]] = {
    "source": {
        "obligation": ("必训任务", "Obligation"),
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
        "theory": ("专题培训/轮训", "Theory / rotation"),
    },
    "standard": {
        "annual": ("每年{h:g}学时", "{h:g} h a year"),
        "five-year": ("五年{h:g}学时", "{h:g} h in 5 years"),
    },
    "standard_days": {  # the Art. 14 standard in days or hours
        "annual": ("每年{d:g}天或{h:g}学时", "{d:g} days or {h:g} h a year"),
        "five-year": ("五年{d:g}天或{h:g}学时", "{d:g} days or {h:g} h in 5 years"),
    },
    "status": {
        "met": ("达标", "met"),
        "deficit": ("未达标", "deficit"),
        "overdue": ("逾期", "overdue"),
        "unknown": ("未填报学时", "hours not reported"),
    },
    "obligation": {  # obligation kinds (core.obligations.OBLIGATION_KINDS)
        "appointment": ("任职培训", "Appointment training"),
        "initial": ("初任培训", "Initial training"),
        "rotation": ("集中轮训", "Rotation training"),
        "hours": ("学时达标", "Hours standard"),
        "online": ("网络学时", "Online learning"),
    },
    "obligation_status": {  # an obligation's status, and an obligation need's
        "overdue": ("逾期", "overdue"),
        "due": ("待完成", "due"),
        "met": ("已完成", "met"),
        "unknown": ("情况未知", "compliance unknown"),
    },
    "roster_field": {  # the roster fields whose blank cell leaves an obligation unknown
        "appointed": ("任现职时间", "Appointed to current post"),
        "recorded": ("录用时间", "Civil service entry"),
        "entry_date": ("参加工作时间", "Entry date"),
        "hours_year": ("本年度学时", "Hours this year"),
        "hours_five_year": ("五年累计学时", "Hours in five-year cycle"),
        "days_year": ("本年度培训天数", "Training days this year"),
        "days_five_year": ("五年累计培训天数", "Training days in five-year cycle"),
        "online_hours_year": ("本年度网络学时", "Online hours this year"),
    },
    "unmatched": {
        "wish": ("个人需求", "personal wish"),
        "priority": ("组织需求", "organizational priority"),
    },
    "mapped_from": {  # the input a text of the Topic mapping sheet comes from
        "post": ("岗位要求", "post"),
        "priority": ("组织需求", "priority"),
        "resource": ("培训资源", "resource"),
        "wish": ("个人培训需求", "wish"),
        "rating": ("能力自评", "rating"),
        "completion": ("已参加培训", "completion"),
    },
    "match": {  # how the catalog took a text as a topic
        "alias": ("别名", "alias"),
        "close": ("近似匹配", "close match"),
        "new": ("新增主题", "new topic"),
    },
    "problem": {  # the kinds of problems, as the terminal's table names them (the codes stay in CSV/JSON)
        "bad-date": ("日期有误", "bad date"),
        "bad-number": ("数字有误", "bad number"),
        "implausible-number": ("数字不合常理", "implausible number"),
        "bad-value": ("取值有误", "bad value"),
        "bad-id": ("编号有误", "bad id"),
        "missing-value": ("必填项为空", "missing value"),
        "missing-key": ("缺少配置项", "missing key"),
        "unknown-key": ("未知配置项", "unknown key"),
        "duplicate-id": ("编号重复", "duplicate id"),
        "unknown-level": ("职级未知", "unknown level"),
        "probation-level": ("职级为空，按试用期读取", "blank level read as probation"),
        "unknown-category": ("干部类别未知", "unknown category"),
        "unknown-job-family": ("职位类别未知", "unknown job family"),
        "unknown-source-kind": ("需求来源未知", "unknown source kind"),
        "unknown-topic": ("主题未知", "unknown topic"),
        "unknown-unit": ("单位未知", "unknown unit"),
        "unit-spelling": ("单位名称写法不一", "unit spelled two ways"),
        "text-too-long": ("内容过长", "text too long"),
        "control-character": ("含控制字符", "control character"),
        "topic-close-match": ("主题按近似名称读取", "topic by close match"),
        "compliance-unknown": ("达标情况未知", "compliance unknown"),
        "date-after-as-of": ("日期晚于基准日", "date after the as-of date"),
        "roster-older-than-as-of": ("名册可能不是最新的", "roster may be out of date"),
        "roster-of-another-year": ("花名册是往年的", "roster of an earlier year"),
        "class-on-holiday": ("班次在节假日开班", "class starts on a holiday"),
        "class-over-holiday": ("班次跨越节假日", "class runs over a holiday"),
        "class-past-its-month": ("班次跨入下个月", "class runs into the next month"),
        "sheet-not-read": ("工作表未读取", "sheet not read"),
        "sheet-replaced": ("工作表被替代", "sheet replaced"),
        "repeated-file": ("文件重复给出", "file given twice"),
        "hidden-rows": ("读取了隐藏的行", "hidden rows read"),
        "doubled-column": ("同一项有两列", "one field in two columns"),
        "hidden-columns": ("读取了隐藏的列", "hidden columns read"),
        "formula-without-value": ("公式没有计算结果", "formula without its result"),
        "error-value": ("错误值", "error value"),
        "link-loop": ("符号链接循环", "link loop"),
        "posts-unmatched": ("岗位表对不上", "posts meet no cadre"),
        "post-not-held": ("岗位无人担任", "post held by none"),
        "post-code-unknown": ("岗位代码未知", "unknown post code"),
        "note-row": ("说明行已跳过", "note row skipped"),
        "unit-from-sheet": ("单位取自表头上方或表名", "unit from the sheet"),
        "mapped-header-missing": ("列名对照未找到", "mapped header missing"),
        "no-organizer": ("无调训单位", "no organizer"),
        "organizer-from-level": ("管理权限按职级确定", "organizer from the level"),
        "implausible-organizer": ("管理权限存疑", "implausible organizer"),
        "unknown-organizer": ("管理权限未知", "unknown organizer"),
        "duplicate-record": ("记录重复", "duplicate record"),
        "conflicting-record": ("与台账记录不一致", "conflicts with the ledger"),
        "same-training-twice": ("同一培训重复", "same training twice"),
        "compulsory-missed": ("必训未完成", "compulsory training missed"),
        "kept-class-dropped": ("已公布的班次未保留", "announced class not kept"),
        "kept-class-member-left": ("学员移出已公布的班次", "member left an announced class"),
        "kept-class-member-added": ("已公布的班次新增学员", "members added to an announced class"),
        "kept-class-size": ("已公布的班次人数不合本次班额", "announced class outside the class sizes"),
        "kept-class-host": ("已公布班次的承办单位不在资源表中", "announced class's host not a resource"),
        "leave-over-limit": ("缺勤超过规定", "leave over the limit"),
        "missing-sheet": ("缺少签到表", "missing sheet"),
        "unknown-class": ("班次未知", "unknown class"),
        "unknown-field": ("字段未知", "unknown field"),
        "unknown-operator": ("运算符未知", "unknown operator"),
        "unknown-source": ("需求来源未知", "unknown source"),
        "unusable-file": ("文件无法使用", "unusable file"),
        "bad-toml": ("配置文件格式有误", "not valid TOML"),
        "readable-key-file": ("密钥文件可被他人读取", "key file readable by others"),
        "config-sections-unused": ("配置文件部分内容未采用", "config sections not used"),
        "masked-id": ("编号打码不符", "masked id mismatch"),
        "unexpected-id": ("编号与姓名不符", "id not the cadre's"),
        "not-on-roster": ("编号不在花名册上", "id not on the roster"),
        "unreadable-record": ("台账记录无法读取", "unreadable ledger record"),
        "implausible-hours": ("学时不合常理", "implausible hours"),
        "implausible-days": ("天数不合常理", "implausible days"),
        "implausible-dates": ("日期不合常理", "implausible dates"),
        "no-sign-in-sheets": ("没有签到表", "no sign-in sheets"),
        "class-not-ended": ("班次尚未结束", "class not ended yet"),
        "training-not-ended": ("培训尚未结束", "training not ended yet"),
        "missing-sign-in-days": ("签到栏缺少日子", "sign-in days missing"),
        "sign-in-dates-differ": ("签到栏日期与所印不符", "sign-in dates differ"),
        "marks-on-day-off": ("休息日签到未计入", "marks on a day off not counted"),
        "marks-after-import": ("签到日期晚于导入日期", "marks after the import date"),
    },
    "records_kind": {  # the kinds of files records import reads
        "class-rosters": ("签到表", "class rosters"),
        "online": ("网络学习记录", "online records"),
        "records": ("培训记录表", "records"),
    },
    "severity": {  # what was done, the gap report's 处理 column (handling)
        "error": ("已跳过该行", "row skipped"),
        "warning": ("已保留该行", "row kept"),
        "not-data": ("已跳过（不是数据行）", "skipped (not a data row)"),
        "sheet-not-read": ("工作表未读取", "sheet not read"),
        "not-used": ("未使用", "not used"),
        "notice": ("仅作提示", "for information"),
    },
    "unit_level": {  # a unit's administrative level (classes.unit_levels), as organizer_by_unit_level names it
        "county": ("县级", "county"),
        "city": ("市级", "city"),
        "enterprise": ("企业", "enterprise"),
    },
    "resource_kind": {
        "party-school": ("党校", "party school"),
        "admin-college": ("行政学院", "administrative college"),
        "university": ("高校", "university"),
        "online": ("网络学院", "online"),
        "enterprise": ("企业", "enterprise"),
        "base": ("教育基地", "base"),
        "other": ("其他", "other"),
        "unassigned": ("待定", "to be fixed"),  # as the sign-in sheet says it (rosters.sign.tbd)
    },
    "route": {  # how a need is served (Assignment.route), and "unmet"
        "class": ("本级开班", "Own class"),
        "sent-up": ("上级调训", "Sent up"),
        "online": ("网络培训", "Online"),
        "in-unit": ("单位自主培训", "In unit"),
        "unmet": ("未满足", "Unmet"),
    },
    "band": {  # a class's grading band (TrainingClass.band)
        "领导干部": ("领导干部", "Leading cadres"),
        "一般干部": ("一般干部", "Staff"),
    },
    "hours_advice": {  # HoursLeft.advice: how to close what the plan leaves of an hours standard
        "covered": ("已由计划覆盖", "Covered by the plan"),
        "class": ("在期限前另行参加班次补足", "Make up the rest in another class before the deadline"),
        "online": ("网络学习补足（按本地规定计入）", "Make it up online (where local rules count it)"),
        "overdue": ("已逾期：计划学时计至本周期末，尽快参加最早的班次补足所缺学时",
                    "Overdue: hours planned counted to the cycle's end; make up the rest in the earliest class"),
        "covered-late": ("已逾期：本周期内计划的班次可补足（计至本周期末）",
                         "Overdue: the plan's classes within the cycle make it up (counted to the cycle's end)"),
        "no-class": ("计划中没有能在期限前结束的班次：须在期限前另行安排集中培训",
                     "No class of the plan ends by the deadline: arrange concentrated training before it"),
        "no-class-online": ("计划中没有能在期限前结束的班次：在期限前以网络学习补足（按本地规定计入）",
                            "No class of the plan ends by the deadline: make it up online before it (where local "
                            "rules count it)"),
    },
    "rule": {  # a need's rule as a workbook names it (rule_words; needs.csv keeps the id)
        "priority": ("组织需求 {id}", "Priority {id}"),  # priority:P01, by the id of the 组织需求 sheet
        "post": ("岗位要求 {id}", "Post requirement {id}"),  # post:XZ01, by the post's code or title
        "personal:wish": ("个人培训需求", "Personal wish"),
        "personal:rating": ("能力自评", "Self-rating"),
        "rule": ("{source}规则", "{source} rule"),  # a rule of the rules (theory-core, grassroots ...), by its source
    },
    "setting": {  # a setting a sentence names so that the office can change it: its words, then its key (setting_words)
        "min_size": ("最小班额", "minimum class size"),
        "max_size": ("最大班额", "maximum class size"),
        "max_per_cadre": ("每人班次上限", "classes a cadre may attend"),
        "leader_max_callups": ("领导干部每年调训次数上限", "call-ups of a leader a year"),
        "max_days_away": ("每人离岗天数上限", "days a cadre may be away"),
        "unit_away_share": ("单位同时离岗比例上限", "share of a unit away at once"),
    },
}
TRAINING_TYPES = CODE_TABLES["training_type"]  # the records reader accepts these words for a type

TEXTS: dict[str, Words] = {
    # records import: what each file added
    # records show: the cadre asked for (records/lookup.py) not found, or found with no records
    "records.show.not_found": ("台账{where}中没有编号或姓名为「{text}」的干部{hint}；请给出干部的编号（如身份证号）"
                               "或姓名{roster_hint}",
                               "no cadre with id or name \"{text}\" in the ledger{where}{hint}; give the cadre's id "
                               "(编号) or name (姓名){roster_hint}"),
    "records.show.where_roster": ("和花名册", " or the roster"),
    "records.show.name_needs_roster": ("（按姓名查找须同时给出 --roster 花名册）",
                                       " (a name is looked up on the roster: give --roster)"),
    "records.show.no_records": ("台账中没有 {cadre} 的培训记录。", "No records of {cadre} in the ledger."),
    # records export: a file at OUTPUT it may not replace (cli/records.py)
    "records.export.exists": ("{target}：文件已存在，而且不是 needscli 以前写出、此后没有改动过的学时登记表（可能是签好的"
                              "签到表，或编辑过的登记表）；为免覆盖，没有写入任何文件。请换一个文件名，"
                              "或确认不再需要它后加 --force 覆盖",
                              "{target}: already exists and is not a register needscli wrote and nobody changed since "
                              "(it may be signed sign-in sheets, or a register edited); to keep it, nothing was "
                              "written. Choose another file name, or add --force to replace it"),
    "records.export.over_input": ("{target}：这是本次运行的输入文件（{what}），学时登记表不能写在它上面，本次没有写入"
                                  "任何文件；请给 records export 另一个文件名，如 学时登记.xlsx",
                                  "{target}: is an input of this run ({what}); the register may not be written over "
                                  "it, and nothing was written: give records export another file name, e.g. "
                                  "学时登记.xlsx"),
    "records.rejected": ("{file}（{kind}）：未导入；请改正下列问题后重新导入",
                         "{file} ({kind}): not imported: fix the problems below and import it again"),
    "records.absent": ("；缺勤 {n} 人次，不记录", "; {n} absent, not recorded"),
    "records.not_completed": ("；未完成 {n} 人次（无学时）", "; {n} not completed (no hours)"),
    "records.off_roster": ("；其中 {n} 人次的编号不在 --roster 给出的花名册上，仍已记入台账",
                           "; {n} of them not on the roster given (--roster), recorded all the same"),
    "records.off_roster_dry_run": ("；其中 {n} 人次的编号不在 --roster 给出的花名册上，仍将记入台账",
                                   "; {n} of them not on the roster given (--roster), to be recorded all the same"),
    "records.held_back": ("；{n} 人次暂不记录（见下方警告，改正后重新导入）",
                          "; {n} held back, not recorded (see the warnings below: fix them and import again)"),
    "records.not_ended_rows": ("；{n} 条培训的结束日期晚于导入日期，尚未结束，暂不记录（见下方警告，培训结束后重新导入）",
                               "; {n} ending after the import date, not recorded (see the warnings below: import "
                               "again once they have ended)"),
    "records.blank_classes": ("；{n} 个班次的签到表空白（尚未举办或尚未交回），已跳过，不计缺勤：{classes}",
                              "; {n} sign-in sheet(s) blank (not held yet or not returned): skipped, nobody counted "
                              "absent: {classes}"),
    "records.blank_held": ("；{n} 个班次的签到表空白，台账中已有该班次编号的记录（由其他文件导入，如已签好的那份签到表），已跳过：{classes}",
                           "; {n} sign-in sheet(s) blank whose class ids the ledger holds records of, imported from "
                           "another file (the copy signed, say): skipped: {classes}"),
    "records.more_classes": ("等", " ..."),
    # records import --roster: the roster's own problems, not listed by the import nor counted in its exit code
    "records.roster_problems": ("花名册 {file}：读取时发现其本身的问题 {n} 个（不是签到表的），不影响按编号和姓名核对，此处不列出；"
                                "查看并改正：{command}",
                                "The roster {file}: reading it found {n} problem(s) of its own (not the sheets'), none "
                                "keeping its ids and names from the check; not listed here: {command} lists them"),
    "records.roster_unread": ("花名册 {file}：读取时发现其本身的问题 {n} 个（不是签到表的），此处不列出；因这些问题有 {unread} 处"
                              "（没有编号的行，或整张工作表）未读入，其上的干部无法核对，其席位按不在花名册上记入；查看并改正：{command}",
                              "The roster {file}: reading it found {n} problem(s) of its own (not the sheets'), not "
                              "listed here; for them {unread} of its rows or sheets (a row without an id, a sheet not "
                              "read) were not read, and a seat of a cadre there cannot be checked: it is said to be "
                              "off the roster; {command} lists them"),
    "records.file_added": ("{file}（{kind}）：新增 {added} 条，{unchanged} 条台账中已有{extra}",
                           "{file} ({kind}): added {added}, {unchanged} already in the ledger{extra}"),
    "records.file_would_add": ("{file}（{kind}）：将新增 {added} 条，{unchanged} 条台账中已有{extra}",
                               "{file} ({kind}): would add {added}, {unchanged} already in the ledger{extra}"),
    "records.total_added": ("共新增 {added} 条记录，{unchanged} 条已有", "Added {added} record(s), {unchanged} already held"),
    "records.total_would_add": ("共将新增 {added} 条记录，{unchanged} 条已有；试运行，没有写入",
                                "Would add {added} record(s), {unchanged} already held; dry run: nothing written"),
    # records remove: the records selected, and what became of them (records/removal.py, cli/records.py)
    "records.remove.no_selector": ("请至少给出 --source、--cadre、--class 中的一个，指明要删除哪些记录",
                                   "give at least one of --source, --cadre and --class to say which records to remove"),
    "records.remove.source_unknown": ("{file}：台账中没有从这个文件导入的记录（按文件内容、按文件名都没有找到）；"
                                      "已导入的文件：{imported}",
                                      "{file}: no file of this content or name was imported into the ledger; the "
                                      "files imported: {imported}"),
    "records.remove.none_imported": ("（无）", "(none)"),
    "records.remove.source_ambiguous": ("{file}：台账中有 {n} 次导入的文件都叫这个名字，而现在的文件与其中任何一次导入时的"
                                        "内容都不同（或文件已不在）；请用 --source 加下列编码之一，指明要删除哪一次导入的"
                                        "记录：{candidates}",
                                        "{file}: {n} files imported into the ledger have this name, and the file now is "
                                        "none of them as imported (or is gone); give --source with the code of the one "
                                        "to remove: {candidates}"),
    "records.remove.source_changed": ("{file}：现在的文件与台账中从同名文件导入的内容不同，可能是另一个同名的文件（如另一个月的"
                                      "签到表），没有按文件名删除；如确要删除那次导入的记录，请用 --source 加其编码：{candidates}",
                                      "{file}: the file now differs from the one of this name imported into the ledger, "
                                      "and may be another file of the same name (another month's sheet): nothing is "
                                      "taken by its name; to remove that import's records, give --source with its "
                                      "code: {candidates}"),
    "records.remove.candidate": ("编码 {code}（{date} 导入，{kind}，{n} 条记录）",
                                 "code {code} (imported {date}, {kind}, {n} record(s))"),
    "records.remove.candidate_kindless": ("编码 {code}（{date} 导入，{n} 条记录）",
                                          "code {code} (imported {date}, {n} record(s))"),
    "records.remove.source.content": ("来源文件：{file}（{date} 导入，按文件内容找到）",
                                      "Source file: {file} (imported {date}, found by its content)"),
    "records.remove.source.name": ("来源文件：{file}（{date} 导入；文件已不在，按文件名找到）",
                                   "Source file: {file} (imported {date}; the file is gone since, found by its name)"),
    "records.remove.source.code": ("来源文件：{file}（{date} 导入，按编码找到）",
                                   "Source file: {file} (imported {date}, found by its code)"),
    "records.remove.by_source": ("来源文件 {file}", "source file {file}"),
    "records.remove.by_cadre": ("编号 {cadre}", "cadre {cadre}"),
    "records.remove.by_class": ("班次 {class_id}", "class {class_id}"),
    "records.remove.none": ("台账中没有符合条件（{selection}）的记录，没有删除任何记录。",
                            "No record in the ledger matches ({selection}); nothing removed."),
    "records.remove.full_width": ("「{typed}」中有全角字符，编号按输入的字符查找；如指 {folded}，请用半角输入：{option} {folded}",
                                  "'{typed}' has full-width characters, and ids are matched as typed; for {folded}, "
                                  "type it half-width: {option} {folded}"),
    "records.remove.would_title": ("将删除的记录（{selection}，共 {n} 条）", "Records to remove ({selection}): {n}"),
    "records.remove.removed_title": ("已删除的记录（{selection}，共 {n} 条）", "Records removed ({selection}): {n}"),
    "records.remove.dates": ("培训时间", "Dates"),
    "records.remove.span": ("{start} 至 {end}", "{start} to {end}"),
    "records.remove.more": ("……另有 {n} 条未列出", "... {n} more"),
    "records.remove.dry_run": ("试运行，没有删除：确认无误后，加 --yes 删除这 {n} 条记录",
                               "Nothing removed yet: add --yes to remove these {n} record(s)"),
    "records.remove.unreadable": ("另有 {n} 条无法读取的记录（可能被手工改动过，records show 会指出问题）一并在内",
                                  "and {n} record(s) that cannot be read (edited by hand?; records show names what is "
                                  "wrong), among them"),
    "records.remove.removed": ("已从台账删除 {n} 条记录", "Removed {n} record(s) from the ledger"),
    "records.remove.sources_would": ("{files} 的记录将全部删除，台账将不再记为已导入；改正后重新导入，即重新加入其记录",
                                     "No record of {files} would be left: the ledger would no longer hold it as "
                                     "imported; import it again once corrected to add its records again"),
    "records.remove.sources": ("{files} 的记录已全部删除，台账不再记为已导入；改正后重新导入，即重新加入其记录",
                               "No record of {files} is left: the ledger no longer holds it as imported; import it "
                               "again once corrected to add its records again"),
    # the terminal: what was read, and the problems found
    "cli.problems_title": ("共 {n:,} 个问题", "{n:,} problem(s)"),
    "cli.row_cell": ("第 {row} 行", "row {row}"),  # the cell of a problem of a whole row
    "col.problem_kind": ("问题类型", "Kind"),
    "cli.loaded": ("已读取：{parts}", "Loaded {parts}"),
    "cli.skipped_rows": ("；跳过 {n} 行（见下表）", "; {n} row(s) skipped"),
    "cli.count.roster": ("干部 {n} 人", "{n} cadres"),
    "cli.count.roster_sheets": ("（来自 {n} 张工作表：{names}）", " (from {n} sheets: {names})"),
    "cli.count.roster_files_sheets": ("（来自 {files} 个文件的 {n} 张工作表：{names}）",
                                      " (from {n} sheets of {files} files: {names})"),
    "cli.count.file_sheet": ("{file}「{sheet}」", "{file} / {sheet}"),
    # analyze's summary: the sheets the roster was read from, where more than one (the sheets named beside it)
    "cli.roster_sheets": ("来自 {n} 张工作表", "from {n} sheets"),
    "cli.roster_files_sheets": ("来自 {files} 个文件的 {n} 张工作表", "from {n} sheets of {files} files"),
    "cli.count.posts": ("岗位要求 {n} 条", "{n} post requirements"),
    "cli.count.priorities": ("组织需求 {n} 条", "{n} priorities"),
    "cli.count.topics": ("培训主题 {n} 个", "{n} topics"),
    "cli.count.resources": ("培训资源 {n} 个", "{n} resources"),
    "cli.count.rules": ("规则 {n} 条", "{n} rules"),
    "cli.no_problems": ("未发现问题。", "No problems found."),
    "cli.problem_kinds": ("按类型：{kinds}", "By kind: {kinds}"),
    "cli.problem_kind": ("{kind} {n:,} 处", "{kind} {n:,}"),
    "cli.more_problems.gap_report": ("……另有 {n:,} 个问题，见需求分析报告的「问题」工作表",
                                     "... and {n:,} more: see the Problems sheet of the gap report"),
    "cli.more_problems.analysis_json": ("……另有 {n:,} 个问题，全部问题见 analysis.json 的 problems",
                                        "... and {n:,} more: analysis.json lists them all (problems)"),
    "cli.more_problems.json": ("……另有 {n:,} 个问题（--format json 可列出全部）",
                                  "... and {n:,} more (--format json lists them all)"),
    # the progress bar's stages (cli.render.stage_words)
    "progress.reading": ("正在读取 {file}", "Reading {file}"),
    "progress.needs": ("正在找出培训需求", "Finding needs"),
    "progress.classes": ("正在编班", "Forming classes"),
    "progress.writing": ("正在写出报告", "Writing reports"),
    "progress.checking": ("正在检查", "Checking"),
    "cli.wrote": ("已写出 {path}", "Wrote {path}"),
    "cli.wrote_hand_outs": ("已写出 {folder}：{n} 个{kind}的分发文件夹，共 {files} 个文件（各含本{kind}的需求分析报告、班次名册等）",
                            "Wrote {folder}: hand-out folders of {n} {kind}(s), {files} files (each {kind}'s gap "
                            "report, class rosters ...)"),
    "cli.hand_outs.unit": ("单位", "unit"),
    "cli.hand_outs.organizer": ("主办单位", "organizer"),
    # a host's hand-outs hold no gap report: their class rosters only
    "cli.wrote_host_hand_outs": ("已写出 {folder}：{n} 个承办单位的分发文件夹，共 {files} 个文件（各含本单位承办班次的班次名册）",
                                 "Wrote {folder}: hand-out folders of {n} host(s), {files} files (each host's class "
                                 "rosters of the classes it hosts)"),
    "cli.wrote_what": ("已写出 {path}（{what}）", "Wrote {path} ({what})"),
    "cli.wrote_books": ("已写出 {first} 至 {last}（{what}，共 {n} 册）", "Wrote {first} to {last} ({what}, {n} books)"),
    "cli.holds.gap_report": ("需求分析报告：概要、必训任务、需求明细、学时达标、未满足等", "gap report: summary, obligations, needs, compliance, unmet ..."),
    "cli.holds.class_rosters": ("班次名册：班次总览、年度培训计划、未成班和各班签到表", "class rosters: overview, annual plan, groups without a class and each class's sign-in sheet"),
    "cli.holds.plan_only": ("班次名册：班次总览、年度培训计划和未成班；签到表在各 class-rosters-<主办单位>.xlsx 中", "class rosters: overview, annual plan and groups without a class; the sign-in sheets are in the class-rosters-<organizer>.xlsx files"),
    "cli.holds.sign_in_part": ("签到表分册", "sign-in sheets of one organizer"),
    "cli.aborted": ("已中止。", "Aborted."),
    "cli.empty_option": ("{option} 的值为空（脚本中的变量可能没有赋值）；应为：{option} 后写明其值",
                         "the value of {option} is empty (a variable of the script not set?); expected: its value "
                         "after {option}"),
    "cli.empty_argument": ("{option} 之后的参数为空（脚本中的变量可能没有赋值）；应为：文件或文件夹的路径，当前文件夹写作 .",
                           "the argument after {option} is empty (a variable of the script not set?); expected: a "
                           "file or folder, . for the current folder"),
    # explain: the training the roster gives, and whether each still counts
    "explain.completed": ("名册中的已参加培训", "Training the roster gives"),
    "explain.col.date": ("日期", "Date"),
    "explain.col.counts": ("是否计入", "Counts"),
    "explain.status.counts": ("计入", "counts"),
    "explain.status.expired": ("已过有效期（{until} 止），不计入，需重新培训",
                               "expired ({until}): does not count, to be trained again"),
    "explain.status.undated": ("未注明日期，不计入（needs.undated_completion_counts）",
                               "no date: does not count (needs.undated_completion_counts)"),
    "explain.status.later": ("晚于分析基准日，尚未参加，不计入", "after the as-of date: not done yet, does not count"),
    "explain.status.unknown-topic": ("课程目录中没有这个主题，不计入", "no topic of the catalog: does not count"),
    "explain.not_found": ("名册的有效行中没有编号或姓名为「{text}」的干部{hint}；可用 needscli validate 检查名册",
                          "no cadre with id or name \"{text}\" among the roster's valid rows{hint}; check the "
                          "roster with needscli validate"),
    "explain.did_you_mean": ("，是否指：{names}", "; did you mean: {names}"),
    "kept.other_roster": ("{folder}：其中各班次的 {n} 名学员只有 {m} 名在本次的花名册上：是另一份花名册的运行结果，或编号写法不同；"
                          "--keep-classes 应给出用同一份花名册（的早先版本）编班的输出文件夹",
                          "{folder}: of the {n} members of its classes only {m} are on this roster: another roster's run, "
                          "or its ids written otherwise; --keep-classes takes the folder of a plan of this roster (an "
                          "earlier version)"),
    "explain.note": ("注意：{message}", "Note: {message}"),
    "explain.skipped_row": ("「{text}」在 {file} 工作表「{sheet}」第 {row} 行，该行已跳过，未作分析：{why}；改正后重新运行",
                            "\"{text}\" is on {file}, sheet {sheet}, row {row}, which was skipped and not analyzed: "
                            "{why}; correct it and run again"),
    "explain.skipped_row.file": ("「{text}」在 {file} 第 {row} 行，该行已跳过，未作分析：{why}；改正后重新运行",
                                 "\"{text}\" is on {file}, row {row}, which was skipped and not analyzed: {why}; correct "
                                 "it and run again"),
    # explain: an appointment or initial obligation the cadre's dates leave unchecked (the rules that did not fire)
    "explain.unchecked.window": ("{field} {date}，已超过 {months} 个月的补训期限（obligations.window_months），"
                                 "不再检查{kind}",
                                 "{field} {date}: more than {months} months ago, past the window in which "
                                 "{kind} is checked (obligations.window_months)"),
    "explain.unknown": ("{kind}：情况未知，花名册中「{cells}」为空；填写后重新运行即可判断",
                        "{kind}: unknown, as the roster's {cells} is blank; fill it in and run again"),
    # the cells an obligation needs are in no column of the roster: none was left blank
    "explain.unknown_columns": ("{kind}：情况未知，花名册没有「{cells}」列；增加其中一列并填写后重新运行即可判断",
                                "{kind}: unknown, as the roster has no {cells} column; add one, fill it in and run again"),
    "explain.unknown_column": ("{kind}：情况未知，花名册没有「{cells}」列；增加该列并填写后重新运行即可判断",
                               "{kind}: unknown, as the roster has no {cells} column; add it, fill it in and run again"),
    "explain.organizer_no_column": ("管理权限：花名册没有「管理权限」列，按职级「{level}」（{tier}）归入「{organizer}」，依据配置中"
                                    "{settings}",
                                    "Organizer: the roster has no \"Managed by\" column; by the level {level} ({tier}) "
                                    "it is {organizer}, from the config's {settings}"),
    "explain.organizer_filled": ("管理权限：「{header}」为空，按职级「{level}」（{tier}）归入「{organizer}」，依据配置中"
                                 "{settings}",
                                 "Organizer: \"{header}\" is blank; by the level {level} ({tier}) it is {organizer}, "
                                 "from the config's {settings}"),
    "explain.organizer_from_colleagues": ("管理权限：「{header}」为空，按「{unit}」其他{tier}干部所填的管理权限归入「{organizer}」",
                                          "Organizer: \"{header}\" is blank; it is {organizer}, as the other {tier} "
                                          "cadres of {unit} are given"),
    "explain.unknown_either": ("{kind}：情况未知，花名册中「{first}」和「{second}」都为空；填写其中任一项后重新运行即可判断"
                               "（{rule}即达标）",
                               "{kind}: unknown, as the roster's {first} and {second} are both blank; fill in either "
                               "and run again ({rule} meet it)"),
    "explain.unknown_no_column": ("{kind}：情况未知，花名册没有「{first}」或「{second}」列；增加其中任一列并填写后重新运行即可判断"
                                  "（{rule}即达标）",
                                  "{kind}: unknown, as the roster has no {first} or {second} column; add either, fill it "
                                  "in and run again ({rule} meet it)"),
    "explain.unknown_or_add": ("{kind}：情况未知，花名册中「{blank}」为空；填写后重新运行即可判断，也可增加一列「{other}」"
                               "填写（{rule}即达标）",
                               "{kind}: unknown, as the roster's {blank} is blank; fill it in and run again, or add a "
                               "column {other} ({rule} meet it)"),
    "explain.short_blank": ("{kind}：按「{given}」计未达标；「{blank}」为空，达到 {need}也算达标，如已达到，填写后重新运行即可判断",
                            "{kind}: short by {given}; {blank} is blank, and {need} meet it too: if reached, fill it "
                            "in and run again"),
    "explain.hours_rule": ("{days} 天或 {hours} 学时", "{days} days or {hours} h"),
    "explain.hours_need": ("{n} 学时", "{n} h"),
    "explain.days_need": ("{n} 天", "{n} days"),
    "explain.unchecked.exempt": ("层级「{tier}」的人员不是新录用公务员，不检查{kind}（obligations.initial_exempt_tiers）",
                                 "staff of the tier {tier} are no new civil servants: {kind} is not checked "
                                 "(obligations.initial_exempt_tiers)"),
    "explain.unchecked.later": ("{field} {date} 晚于分析基准日 {as_of}，试用期尚未开始，不检查{kind}",
                                "{field} {date} is after the as-of date {as_of}: the probation has not begun, so "
                                "{kind} is not checked"),
    "explain.several": ("名册中有 {n} 人姓名为「{text}」：{names}；请改用编号",
                        "{n} cadres are named \"{text}\": {names}; give the id instead"),
    # reading the inputs (io/load.py)
    "input.unmapped_header": ("列名对照 [columns.{kind}] 中的表头「{header}」在第 {row} 行表头中没有找到，"
                              "这一对照未起作用{hint}",
                              "the column mapping [columns.{kind}] names header \"{header}\", which header row "
                              "{row} does not have: the mapping did nothing{hint}"),
    "input.unmapped_expected": ("本表表头：{headers}", "the headers of this sheet: {headers}"),
    "input.did_you_mean": ("（是否指「{hit}」？）", " (did you mean \"{hit}\"?)"),
    "input.posts_unmatched": ("岗位表的 {posts} 个岗位与花名册中的干部一个也没有对上（按岗位代码，或按职务与岗位名称），"
                              "因此没有岗位需求",
                              "none of the {posts} posts of the posts table meets a cadre of the roster (by post "
                              "code, or by post as post title), so there are no post needs"),
    "input.posts_expected": ("花名册的「岗位代码」与岗位表的「岗位代码」一致，或花名册的「职务」与岗位表的「岗位名称」一致",
                             "the roster's post codes as the posts table writes them, or its posts as the post titles"),
    "input.post_not_held": ("第 {row} 行岗位「{post}」：花名册中没有干部担任这个岗位（按岗位代码或岗位名称），"
                            "它的要求没有用上",
                            "row {row}, post \"{post}\": no cadre of the roster holds it (by post code or title); "
                            "its requirements were not used"),
    "input.post_code_unknown": ("第 {row} 行「{header}」为「{code}」：岗位表中没有这个岗位代码（共 {count} 人填写了它），"
                                "这些干部没有岗位需求",
                                "row {row}, column \"{header}\": post code \"{code}\" is not in the posts table "
                                "({count} cadre(s) give it); they have no post needs"),
    "input.sheet_read_before": ("{file} 中的工作表「{sheet}」没有读取：{what}已从 {first} 读取（同一批花名册只读取第一份含{what}表的工作簿）",
                                "sheet {sheet} of {file} was not read: the {what} were read from {first} (of several "
                                "roster workbooks, the first holding them is read)"),
    "input.sheet_read_before_expected": ("把各单位的{what}合并到 {first} 的这张表中，或合并成一个文件用 {option} 指定",
                                         "the {what} of every unit in that sheet of {first}, or in one file given "
                                         "with {option}"),
    "input.organizer_unknown": ("第 {row} 行「{header}」为「{written}」：不是已知的管理权限（共 {count} 人这样填写），"
                                "这些干部单独编班，不与「{meant}」的干部同班，也不上送上级调训；是否指「{meant}」？",
                                "row {row}, column \"{header}\": \"{written}\" is no organizer the settings know "
                                "({count} cadre(s) give it): its cadres form classes of their own, apart from those "
                                "of {meant}, and are sent up nowhere; did you mean {meant}?"),
    "input.organizer_unknown_expected": ("如指「{meant}」，请改为「{meant}」，或在配置的管理权限别名（[classes] "
                                         "organizer_aliases）中把「{written}」加为它的别名",
                                         "{meant}, or \"{written}\" added to its aliases in [classes] "
                                         "organizer_aliases"),
    "input.organizer_filled": ("工作表「{sheet}」中「{header}」为空的 {count:,} 人按职级归入「{organizer}」（第 {rows} 行），"
                               "依据配置中{settings}",
                               "{count:,} cadre(s) of sheet {sheet} with a blank \"{header}\" were given the organizer "
                               "{organizer} by their levels (row(s) {rows}), from the config's {settings}"),
    # a CSV's: its file has no sheets to name
    "input.organizer_filled.file": ("「{header}」为空的 {count:,} 人按职级归入「{organizer}」（第 {rows} 行），依据配置中{settings}",
                                    "{count:,} cadre(s) with a blank \"{header}\" were given the organizer {organizer} by "
                                    "their levels (row(s) {rows}), from the config's {settings}"),
    # a blank 管理权限 given the one its unit's other cadres of its tier all write (io.organizer_fill)
    "input.organizer_from_colleagues": ("工作表「{sheet}」中「{header}」为空的 {count:,} 人按本单位同一职级层级（{tiers}）其他干部"
                                        "所填的管理权限归入「{organizer}」（第 {rows} 行；{units}）",
                                        "{count:,} cadre(s) of sheet {sheet} with a blank \"{header}\" were given the "
                                        "organizer {organizer} their unit's other cadres of their tier ({tiers}) are "
                                        "given (row(s) {rows}; {units})"),
    "input.organizer_from_colleagues.file": ("「{header}」为空的 {count:,} 人按本单位同一职级层级（{tiers}）其他干部所填的"
                                             "管理权限归入「{organizer}」（第 {rows} 行；{units}）",
                                             "{count:,} cadre(s) with a blank \"{header}\" were given the organizer "
                                             "{organizer} their unit's other cadres of their tier ({tiers}) are given "
                                             "(row(s) {rows}; {units})"),
    "input.organizer_from_colleagues_expected": ("管理权限另有规定的，请在「{header}」列中填写",
                                                 "the organizer written in \"{header}\" where it is another"),
    "input.organizer_filled_expected": ("管理权限另有规定的，请在「{header}」列中填写；或按本地的干部管理权限修改配置中的这一设置",
                                        "the organizer written in \"{header}\" where it is another, or that setting "
                                        "of the config set as the cadres are managed"),
    # the settings a blank 管理权限 is filled by ([classes]), and what of them filled it
    "input.organizer_by_tier": ("各职级层级的管理层级（organizer_by_tier）：{tiers}",
                                "organizer of each tier (organizer_by_tier): {tiers}"),
    "input.organizer_by_unit_level": ("各级单位各职级层级的管理层级（organizer_by_unit_level）：{level}单位的{tiers}",
                                      "organizer of each tier in each level of unit (organizer_by_unit_level): {tiers} "
                                      "of {level} units"),
    "input.settings_joiner": ("；", "; "),
    "input.hidden_rows": ("工作表「{sheet}」中有 {count:,} 行在 Excel 中被隐藏或被筛选掉（第 {rows} 行），这些行也作为干部读取了",
                          "{count:,} row(s) of sheet {sheet} are hidden or filtered out in Excel (rows {rows}); they were "
                          "read as cadres too"),
    "input.unvalued": ("工作表「{sheet}」中有 {count:,} 个单元格是公式，文件中没有保存公式的计算结果，按空白读取：{cells}；"
                       "这样的文件通常由其他程序生成，还没有在 Excel 或 WPS 中打开保存过",
                       "{count:,} cell(s) of sheet {sheet} hold a formula whose result the file does not hold, read as "
                       "empty: {cells}. Such a file is usually made by a program and never opened and saved in Excel "
                       "or WPS"),
    "input.unvalued_cell": ("{cell}「{header}」", "{cell} ({header})"),
    "input.errors_only": ("{where}中有 {count:,} 行，读取的各列只有错误值，其余为空，没有可读的内容，这些行已跳过：{rows}",
                          "{count:,} row(s) of {where} hold nothing but error values in the columns read, the rest "
                          "empty, so nothing could be read; they were skipped: {rows}"),
    "input.errors_only_sheet": ("工作表「{sheet}」", "sheet {sheet}"),
    "input.errors_only_file": ("该文件", "the file"),
    "input.error_unnamed": ("错误值", "an error value"),  # an error value the file writes none of Excel's words for
    "input.errors_only_row": ("第 {row} 行（{cell} 为 {error}）", "row {row} ({cell} is {error})"),
    "input.errors_only_expected": ("改正公式（如引用了已删除的工作表），或直接填写这些行；公式向下填充到表格以外留下的行请删除",
                                   "the formulas corrected (one referring to a deleted sheet, say), or the rows typed "
                                   "in; delete the rows a formula filled down past the table left"),
    "input.unvalued_header": ("{cell} 表头（该列没有读取）", "{cell}, a header (its column was not read)"),
    "input.unvalued_expected": ("用 Excel 或 WPS 打开这个文件，保存一次（公式会计算并保存结果），再运行",
                                "open the file in Excel or WPS and save it once (the formulas are computed and their "
                                "results saved), then run again"),
    "input.hidden_rows_expected": ("只列应当分析的干部：不应读取的行请删除，而不是隐藏或筛选掉",
                                   "only the cadres to analyze: delete the rows not to read, rather than hide or filter "
                                   "them out"),
    "input.doubled_one": ("「{header}」（{col} 列）", "\"{header}\" (column {col})"),
    "input.doubled_column": ("{columns}都是「{field}」列：只读取第一列「{first}」，其余的列没有读取",
                             "{columns} all give \"{field}\": only the first, \"{first}\", is read; the others are not"),
    "input.doubled_level": ("{columns}都是职级列：每行读取其中是领导职务的一格（它决定任职培训；学时标准取两格中要求较高的，"
                            "如乡科级正职而职级为四级调研员的按五年标准），否则读取第一列「{first}」；「{first}」为空或填“无”的"
                            "行读取另一列",
                            "{columns} all give the level: each row's is the cell of them that is a leading post (it "
                            "decides appointment training; the hours standard is the higher of the two cells', a "
                            "乡科级正职 of rank 四级调研员 owing the five-year one), else the first, \"{first}\"; where "
                            "\"{first}\" is blank or says none (无), the other column's is read"),
    "input.doubled_clash": ("有 {count} 行（第 {rows} 行）两列填了不同的领导职务层次，读取的是「{first}」列的",
                            "{count} row(s) (rows {rows}) give two different leading posts in those columns; the one in "
                            "\"{first}\" is read"),
    "input.doubled_clash_expected": ("两列一致，或只在一列中填写领导职务层次",
                                     "the same post in both columns, or the leading post in one of them only"),
    "input.doubled_hidden": ("{columns}都是「{field}」列：{hidden}在 Excel 中是隐藏的，没有读取；读取的是显示的{shown}",
                             "{columns} all give \"{field}\": {hidden}, hidden in Excel, was not read; the shown {shown} "
                             "was read"),
    "input.doubled_hidden_expected": ("每个字段一列：不再使用的列请删除，而不是隐藏",
                                      "one column a field: delete a column no longer used, rather than hide it"),
    "input.hidden_columns": ("工作表「{sheet}」中{columns}在 Excel 中是隐藏的，也读取了",
                             "in sheet {sheet}, {columns} hidden in Excel, was read too"),
    "input.hidden_columns_expected": ("要读取的列请显示出来；不应读取的列请删除，而不是隐藏",
                                      "show the columns to read; delete a column not to read, rather than hide it"),
    "input.doubled_expected": ("每个字段一列；两列都要保留的，把不读取的一列改用其他表头（如「原职级」）",
                               "one column a field; to keep both, give the one not to read another header (e.g. 原职级)"),
    "input.sheet_other_list": ("工作表「{sheet}」有数据但没有读取：{whence}「{text}」表明其中不是在职干部（{word}）；如需读取，"
                               "请改用不这样写的表名和标题",
                               "sheet {sheet} holds data but was not read: {whence} \"{text}\" says it lists people who "
                               "are not serving cadres ({word}); to have it read, give it a name and a title that do "
                               "not say so"),
    "input.other_list_name": ("它的表名", "its name"),
    "input.other_list_title": ("它第 {row} 行的标题", "its title on row {row}"),
    "input.sheet_other_list_expected": ("花名册只列在职干部", "the roster lists serving cadres only"),
    "input.sheet_replaced_expected": ("只用一处：删去 {option}，或删去工作簿中的这张表",
                                      "one of them: leave out {option}, or remove the sheet from the workbook"),
    "input.sheet_replaced": ("{file} 中的工作表「{sheet}」没有读取：已用 {option} 另行指定了{what}文件 {given}",
                             "sheet {sheet} of {file} was not read: {option} names the {what} file {given}"),
    # gap-report.xlsx: sheet names
    "sheet.summary": ("概要", "Summary"),
    "sheet.needs": ("需求明细", "Needs"),
    "sheet.compliance": ("学时达标", "Compliance"),
    "sheet.units": ("单位主题矩阵", "Units"),
    "sheet.ranking": ("主题排序", "Topic ranking"),
    "sheet.unit_ranking": ("单位主题排序", "Unit ranking"),
    "sheet.unmatched": ("未匹配", "Unmatched"),
    "sheet.overdue_units_none": ("本范围内没有逾期未训的必训任务。", "No compulsory training is overdue in this scope."),
    "sheet.unmet_none": ("本范围内的需求均已安排：每项需要参加班次的需求都安排了班次或其他途径。",
                         "Every need in this scope is served: each that asked for a class has a class or another route."),
    "sheet.unmatched_none": ("本次没有未匹配的需求：个人培训需求都对应到了课程目录中的主题，组织需求也都有对应的干部。",
                             "None this run: every personal wish named a topic of the catalog, and every "
                             "organizational priority reached some cadre."),
    "sheet.problems": ("问题", "Problems"),
    "sheet.unmet": ("未满足", "Unmet"),
    "sheet.ledger": ("台账差异", "Ledger differences"),
    "sheet.topic_mapping": ("主题对照", "Topic mapping"),
    "sheet.obligations": ("必训任务", "Obligations"),
    "sheet.overdue_units": ("逾期未训（按单位）", "Overdue by unit"),
    "sheet.hours_after": ("学时测算", "Hours after the plan"),
    "sheet.levels": ("按职级", "By level"),
    "sheet.types": ("按培训类型", "By training type"),
    # validate, below the counts when priorities were read
    "priority_scale": ("优先级：5 为最高，1 为最低（也可填 高/较高/中/较低/低；空白按 3）；需求来源为中央重大决策部署的，"
                       "按必训任务（集中轮训）排在最前，不论优先级",
                       "Priority: 5 is the highest, 1 the lowest (or 高/较高/中/较低/低; blank counts as 3); "
                       "a priority whose source is a central decision (中央重大决策部署) is an obligation "
                       "(rotation) and ranks first whatever its number"),
    # gap-report.xlsx Summary sheet, and the terminal summary of analyze
    "title": ("干部教育培训需求分析报告", "Training needs analysis"),
    # the plan's headline figures in the Summary, as the terminal says them
    "summary.obligations_served": ("必训任务已安排", "Obligations served"),
    "summary.served_value": ("{served:,}/{asked:,}（{share}）", "{served:,} of {asked:,} ({share})"),
    "summary.hours_short": ("学时测算：班次安排后仍有缺口的人数", "Hours after the plan: cadres still short"),
    "summary.hours_left": ("学时测算：仍缺学时", "Hours after the plan: hours still short"),
    # a --split-by hand-out's: whose it is, so that printed hand-outs are told apart (a unit, or an organizer)
    "title.part": ("干部教育培训需求分析报告（{part}）", "Training needs analysis: {part}"),
    "hand_out.no_unit": ("未填单位的干部", "cadres without a unit"),
    # the hand-out folder of the classes whose host is to be fixed, where an office names a resource 待定: named as
    # earlier runs named it (a script or a shared folder may point at it), though the workbooks say 承办单位
    "hand_out.host_tbd": ("承办机构待定", "host to be fixed"),
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
    "top_topics": ("需求最多的主题（按需求加权分排序）", "Top topics (ranked by demand, the sum of priority)"),
    "obligations": ("必训任务完成情况", "Obligations by status"),
    "list_joiner": ("、", ", "),
    "continued": ("{sheet} 超过单表行数上限，续表：{more}", "{sheet} passes the sheet row limit; continued on {more}"),
    "left_out": ("{sheet}（{rows:,} 行）超过明细行数上限（limits.detail_rows），未写入本工作簿；完整数据见 {files}",
                 "{sheet} ({rows:,} rows) passes the detail row limit (limits.detail_rows) and is left out of this "
                 "workbook; in full in {files}"),
    "left_out_nowhere": ("{sheet}（{rows:,} 行）超过明细行数上限（limits.detail_rows），未写入本工作簿；本次运行"
                         "没有写出含完整数据的文件：如需要，请在 --formats 中加上 {formats} 重新运行",
                         "{sheet} ({rows:,} rows) passes the detail row limit (limits.detail_rows) and is left out "
                         "of this workbook; no file of this run holds it in full: run again with {formats} added "
                         "to --formats"),
    "left_out_overdue": ("{sheet}（{rows:,} 行）超过明细行数上限（limits.detail_rows），本工作簿只列逾期的 {top:,} 项；"
                         "完整数据见 {files}",
                         "{sheet} ({rows:,} rows) passes the detail row limit (limits.detail_rows): this workbook "
                         "keeps the {top:,} overdue ones; in full in {files}"),
    "left_out_overdue_nowhere": ("{sheet}（{rows:,} 行）超过明细行数上限（limits.detail_rows），本工作簿只列逾期的 {top:,} 项；"
                                 "本次运行没有写出含完整数据的文件：如需要，请在 --formats 中加上 {formats} 重新运行",
                                 "{sheet} ({rows:,} rows) passes the detail row limit (limits.detail_rows): this "
                                 "workbook keeps the {top:,} overdue ones; no file of this run holds it in full: run "
                                 "again with {formats} added to --formats"),
    "left_out_top": ("{sheet}（{rows:,} 行）超过明细行数上限（limits.detail_rows），本工作簿只列每个单位排名前 {top} 的主题；"
                     "完整数据见 {files}",
                     "{sheet} ({rows:,} rows) passes the detail row limit (limits.detail_rows): this workbook keeps "
                     "each unit's topics ranked 1 to {top}; in full in {files}"),
    "left_out_top_nowhere": ("{sheet}（{rows:,} 行）超过明细行数上限（limits.detail_rows），本工作簿只列每个单位排名前 "
                             "{top} 的主题；本次运行没有写出含完整数据的文件：如需要，请在 --formats 中加上 {formats} "
                             "重新运行",
                             "{sheet} ({rows:,} rows) passes the detail row limit (limits.detail_rows): this workbook "
                             "keeps each unit's topics ranked 1 to {top}; no file of this run holds it in full: run "
                             "again with {formats} added to --formats"),
    "or_joiner": (" 或 ", " or "),
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
    "col.rule_and_reason": ("规则和原因", "Rule and reason"),
    "col.class": ("班次", "Class"),
    "col.standard": ("标准", "Standard"),
    "col.required": ("应修学时", "Required"),
    "col.done": ("已修学时", "Done"),
    "col.deficit": ("学时缺口", "Deficit"),
    "col.status": ("状态", "Status"),
    "col.days_required": ("应修天数", "Days required"),
    "col.days_done": ("已修天数", "Days done"),
    "col.online_required": ("网络学时要求", "Online required"),
    "col.online_done": ("已修网络学时", "Online done"),
    "col.online_deficit": ("网络学时缺口", "Online short"),
    "col.deadline": ("期限", "Deadline"),
    "col.obligation": ("必训任务", "Obligation"),
    "col.overdue_months": ("逾期月数", "Months overdue"),
    "col.missing": ("缺少信息", "Missing"),
    "col.overdue": ("逾期项数", "Overdue"),
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
    "col.roster_cadres": ("干部数", "Cadres"),
    "col.with_needs": ("有需求的干部", "Cadres with needs"),
    "col.needs": ("需求数", "Needs"),
    "col.obligations_due": ("必训任务待完成", "Obligations due"),
    "col.obligations_overdue": ("必训任务逾期", "Obligations overdue"),
    "col.kind_status": ("{kind}（{status}）", "{kind}: {status}"),
    "col.hours_met": ("学时已达标", "Hours standard met"),
    "col.hours_short": ("学时未达标", "Hours short"),
    "col.hours_unknown": ("未填报学时", "Hours not reported"),
    "col.no_class_needs": ("学时补足（不开班）", "Hours top-up (no class)"),
    "col.field": ("项目", "Field"),
    "col.roster_value": ("花名册填报", "Roster says"),
    "col.ledger_value": ("台账记录", "Ledger says"),
    "col.used_value": ("分析采用", "Used"),
    "col.hours_year": ("本年度学时", "Hours this year"),
    "col.hours_five_year": ("五年累计学时", "Hours in five-year cycle"),
    "col.online_hours_year": ("本年度网络学时", "Online hours this year"),
    "col.days_year": ("本年度培训天数", "Training days this year"),
    "col.days_five_year": ("五年累计培训天数", "Training days in five-year cycle"),
    "col.completed": ("已参加培训", "Completed training"),
    "col.text_as_written": ("原文", "Text as written"),
    "col.mapped_from": ("出处", "From"),
    "col.how_matched": ("匹配方式", "How matched"),
    "col.topic_id": ("主题编号", "Topic ID"),
    # past a five-year deadline, the classes of the standard's cycle count (planner.hours.counted_until)
    "col.hours_planned": ("期限前计划学时（逾期的计至周期末）", "Hours planned by the deadline (overdue: by the cycle's end)"),
    "col.hours_left": ("尚缺学时", "Hours left"),
    "col.advice": ("建议", "Advice"),
    # class-rosters.xlsx: the Overview sheet and one sign-in sheet per class
    "rosters.overview": ("班次总览", "Overview"),
    "rosters.class_id": ("班次编号", "Class ID"),
    "rosters.class_name": ("班次名称", "Class name"),
    "rosters.topic": ("培训主题", "Topic"),
    "rosters.type": ("培训类型", "Training type"),
    "rosters.organizer": ("主办单位（管理权限）", "Organizer (managing level)"),
    "rosters.sign.organizer": ("主办单位", "Organizer"),
    "rosters.sign.run_by": ("{body}（{organizer}）", "{body} ({organizer})"),
    "rosters.job_family": ("职位类别", "Job family"),
    "rosters.period": ("时段", "Period"),
    "rosters.resource": ("承办单位", "Host"),
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
    "rosters.routes": ("需求去向（项）", "Needs by route"),
    "rosters.route_needs": ("需求数", "Needs"),
    "rosters.sent_up_from": ("上级调训（{organizer}）", "Sent up from {organizer}"),
    # past limits.roster_sheets classes: the sign-in sheets in class-rosters-<organizer>.xlsx (reports/roster_books.py)
    "rosters.books_note": ("班次较多（{classes:,} 个，超过一个工作簿所收签到表的上限 {limit:,} 个（limits.roster_sheets）），"
                           "各班签到表不在本工作簿中，按主办单位分别写在同一文件夹的以下 {n} 个文件中：{files}",
                           "With {classes:,} classes (more than the {limit:,} sign-in sheets a workbook holds, "
                           "limits.roster_sheets), the sign-in sheets are not in this workbook but in these {n} "
                           "workbooks by organizer, in the same folder: {files}"),
    "rosters.book_note": ("本文件为{organizer}主办班次的签到表{part}；全部班次和年度培训计划见 {main}",
                          "Sign-in sheets of the classes organized by {organizer}{part}; every class and the "
                          "annual plan are in {main}"),
    "rosters.book_part": ("（第 {part} 册，共 {parts} 册）", " (part {part} of {parts})"),
    # class-rosters.xlsx: the sign-in sheet (签到表) of a class, as printed and handed out
    "rosters.sign.title": ("{name} 签到表", "{name}: sign-in sheet"),
    "rosters.sign.dates": ("培训时间：{start}至{end}（共{days:g}天，{hours:g}学时）",
                           "Dates: {start} to {end} ({days:g} days, {hours:g} h)"),
    "rosters.sign.one_day": ("培训时间：{start}（1天，{hours:g}学时）", "Date: {start} (1 day, {hours:g} h)"),
    "rosters.sign.undated": ("培训时间：{period}（共{days:g}天，{hours:g}学时）",
                             "Dates: {period} ({days:g} days, {hours:g} h)"),
    "rosters.sign.date": ("{year}年{month}月{day}日", "{year:04d}-{month:02d}-{day:02d}"),
    "rosters.sign.tbd": ("待定", "to be fixed"),
    "rosters.sign.host": ("承办单位", "Host"),
    "rosters.sign.day": ("第{n}天", "Day {n}"),
    "rosters.sign.rest": ("{days}休息，不设签到栏", "{days}: days off, no sign-in"),
    "rosters.sign.week": ("第{n}周（{days}天）", "Week {n} ({days} d)"),
    "rosters.sign.weeks": ("第{first}–{last}周（{days}天）", "Weeks {first}-{last} ({days} d)"),
    "rosters.sign.marks": ("签到栏填写 √、✓、到、已签、签到 或本人姓名均视为出席；空白、缺、请假视为缺席",
                           "In the sign-in columns √, ✓, 到, 已签, 签到 or the member's own name count as "
                           "present; blank, 缺 or 请假 as absent"),
    "rosters.sign.by_week": ("本班共{days:g}天，签到栏每栏为一周", "{days:g} days: one sign-in column a week"),
    "rosters.sign.by_weeks": ("本班共{days:g}天，签到栏每栏为{weeks}周",
                              "{days:g} days: one sign-in column every {weeks} weeks"),
    "rosters.sign.page": ("{class_id}　第 &P 页", "{class_id}, page &P"),
    "rosters.sign.sign_off": ("承办单位（盖章）：　　　　　　　　　　　　班主任签字：　　　　　　　　　　　　",
                              "Host (seal):              Class teacher:              "),
    "rosters.sign.seats": ("参训人数：{n}人", "Seats: {n}"),
    # a member whose seat serves a compulsory training, in the 备注 column: which, by when, overdue at the start
    # (the date on a line of its own: a narrow column breaks no date)
    "rosters.sign.duty": ("必训：{kind}，{deadline} 前", "Compulsory: {kind}, due {deadline}"),
    # overdue where the class ends after the deadline (the training is completed late: Board.first_late)
    "rosters.sign.duty_late": ("必训：{kind}，{deadline} 前，已逾期", "Compulsory: {kind}, due {deadline}, overdue"),
    "rosters.sign.duty_undated": ("必训：{kind}", "Compulsory: {kind}"),
    "rosters.sign.full_id": ("完整编号（导入用，不打印）", "Full ID (for import, not printed)"),
    # class-rosters.xlsx: the annual plan sheet (年度培训计划), also plan.csv's words
    "rosters.plan.sheet": ("年度培训计划", "Annual plan"),
    # a title with the office that made the plan before it ([report] office): the annual plan's, a sign-in sheet's
    "rosters.office_title": ("{office}{title}", "{office}: {title}"),
    "rosters.plan.title": ("年度培训计划（{first}至{last}）", "Annual training plan, {first} to {last}"),
    "rosters.plan.title_months": ("培训计划（{first}至{last}，{months} 个月）", "Training plan, {first} to {last} ({months} months)"),
    "rosters.plan.col.band": ("分级", "Band"),
    "rosters.plan.col.organizer": ("主办单位", "Organizer"),
    "rosters.plan.col.host": ("承办单位", "Host"),
    "rosters.plan.col.start": ("开始日期", "Start"),
    "rosters.plan.col.end": ("结束日期", "End"),
    "rosters.plan.col.days": ("天数", "Days"),
    "rosters.plan.col.hours": ("学时", "Hours"),
    "rosters.plan.col.target": ("培训对象", "Target group"),
    "rosters.plan.col.seats": ("参训人数", "Seats"),
    # a unit's hand-out: its members of each class and the cost of their seats, the whole class beside them
    "rosters.plan.col.own_seats": ("本单位参训人数", "Unit's seats"),
    "rosters.plan.col.own_cost": ("本单位费用合计（元）", "Unit's total cost"),
    "rosters.plan.col.cost_per_seat": ("人均费用（元）", "Cost per seat"),
    "rosters.plan.col.total_cost": ("费用合计（元）", "Total cost"),
    "rosters.plan.col.quotas": ("各单位调训名额", "Quota by unit"),
    "rosters.plan.col.sent_up": ("其中上级调训", "Of them sent up"),
    "rosters.plan.col.late": ("开班时必训已到期", "Obligation due before start"),
    "rosters.plan.total.classes": ("合计：班次", "Total: classes"),
    "rosters.plan.none": ("本次没有编成班次：原因见「{overview}」工作表（各组人数、可开班的最小班额见「{groups}」工作表）",
                          "No class was formed: the {overview} sheet says why (each group's size and the minimum class "
                          "size that would form it: the {groups} sheet)"),
    "rosters.plan.total.seats": ("合计：参训人次", "Total: seats"),
    "rosters.plan.total.trainee_days": ("合计：培训人天（天数×人数）", "Total: trainee-days (days x seats)"),
    "rosters.plan.total.budget": ("合计：经费预算（元）", "Total: budget"),
    "rosters.plan.total.own_seats": ("合计：本单位参训人次", "Total: the unit's seats"),
    "rosters.plan.total.own_trainee_days": ("合计：本单位培训人天（天数×人数）", "Total: the unit's trainee-days (days x seats)"),
    "rosters.plan.total.own_budget": ("合计：本单位经费（元）", "Total: the unit's cost"),
    "rosters.plan.total.unpriced": ("（另有 {n} 个班次承办单位待定，费用未计入）", "({n} class(es) with the host to be fixed: not counted)"),
    "rosters.plan.total.none_priced": ("（各班次承办单位待定，经费未测算）", "(every class's host is to be fixed: not costed)"),
    "rosters.plan.joiner": ("；", "; "),
    # the quotas of a class drawing from more units than its plan row can show: its first units, then how many there
    # are in all, and where every unit's quota is (the quota sheet, 调训名额)
    "rosters.quotas.more": ("{listed} 等 {units} 个单位（其余 {more} 个单位的名额见「{sheet}」工作表）",
                            "{listed}; and {more} more units, {units} in all (each unit's quota: the \"{sheet}\" sheet)"),
    # past limits.detail_rows rows of them (a province's plan) no quota sheet is written: plan.csv and plan.parquet
    # hold each class's quotas whole
    "rosters.quotas.more_files": ("{listed} 等 {units} 个单位（其余 {more} 个单位的名额见 plan.csv、plan.parquet 的"
                                  " quotas 列）",
                                  "{listed}; and {more} more units, {units} in all (each unit's quota: the quotas "
                                  "column of plan.csv and plan.parquet)"),
    "rosters.quotas.sheet": ("调训名额", "Quotas by unit"),
    "rosters.quotas.title": ("各班次各单位调训名额（按「{plan}」工作表的班次顺序）",
                             "Each class's seats by unit, in the order of the \"{plan}\" sheet"),
    "rosters.quotas.col.seats": ("名额", "Seats"),
    "rosters.no_classes": ("本计划未编成任何班次。各组需求人数不足最小班额 {min_size} 人或受各单位同时离岗比例所限，各组的去向和可开班"
                           "的最小班额见「{sheet}」工作表；未满足的需求见需求分析报告的「{unmet}」工作表",
                           "This plan forms no class: each group's needs fell short of the minimum class size "
                           "({min_size}), or were held back by the share of each unit's cadres away at once. See the "
                           "\"{sheet}\" sheet "
                           "for how each group was served and the size at which it would form a class, and the gap "
                           "report's \"{unmet}\" sheet for the needs left unmet"),
    "rosters.no_classes_unmet": ("本计划未编成任何班次：需要开班的需求都未能成班，各条的原因见需求分析报告「{unmet}」工作表",
                                 "This plan forms no class: none of the needs that ask for one could form one; the gap "
                                 "report's \"{unmet}\" sheet says why for each"),
    "rosters.no_classes_nothing": ("本计划未编成任何班次：没有需要开班培训的需求",
                                   "This plan forms no class: no need asks for a class"),
    "rosters.no_class.sheet": ("未成班", "No class formed"),
    "rosters.no_class.title": ("未成班的需求（{groups} 组，共 {needs} 人次）",
                               "Groups without a class ({groups} groups, {needs} needs in all)"),
    "rosters.no_class.lead": ("每组是同一主办单位、分级、培训类型和主题的需求，同一时段能参训的人数（各单位同时离岗不超过规定比例）"
                              "不足最小班额 {min_size} 人，未单独开班。「所走途径」是组内多数人的去向，未满足的需求见需求分析报告的"
                              "「{unmet}」工作表。如需开班，可考虑用 needscli classes --min-size 把最小班额降到「可开班的最小班额」"
                              "后重新编班（最小班额对全部班次有效，重新编出的班次可能不同）。「可开班的单位离岗比例」有值的组，人数够最小班额，"
                              "只是各单位同时离岗不超过 {share}（unit_away_share）使同一时段凑不足：用 needscli classes "
                              "--unit-share 调高到该比例后重新编班，也可能开班",
                              "Each group is the needs of one organizer, band, training type and topic: fewer of them could "
                              "attend at one time (no unit more than its share away) than the minimum class size of "
                              "{min_size}, so no class of their own formed. 'Served by' is where most of the group went; "
                              "the needs left unmet are on the sheet '{unmet}' of the gap report. To form such a class, "
                              "consider planning again with needscli classes --min-size at 'Forms at' (the minimum holds "
                              "for every class, and the classes planned again may differ). A group with a 'Forms at share' "
                              "has cadres enough for the minimum, held back by the share of a unit away at once "
                              "({share}, unit_away_share): planning again with needscli classes --unit-share at that "
                              "share may form it too"),
    "rosters.no_class.col.cadres": ("需求人数", "Cadres"),
    "rosters.no_class.col.route": ("所走途径", "Served by"),
    "rosters.no_class.col.min_size": ("可开班的最小班额", "Forms at"),
    "rosters.no_class.col.unit_share": ("可开班的单位离岗比例", "Forms at share"),
    # the [classes] limits a plan was made under: the plan sheet's header and the terminal, one line
    "rosters.limits.lead": ("编班参数", "Limits"),
    "rosters.limits.size": ("班额 {min_size}–{max_size} 人", "class size {min_size}-{max_size}"),
    "rosters.limits.per_cadre": ("每人最多 {max_per_cadre} 个班次", "at most {max_per_cadre} classes a cadre"),
    "rosters.limits.callups": ("领导干部每年调训最多 {leader_max_callups} 次",
                       "leaders called up at most {leader_max_callups} times a year"),
    "rosters.limits.callups_plan": ("领导干部在计划的 {periods} 个月内调训最多 {leader_max_callups} 次",
                                    "leaders called up at most {leader_max_callups} times in the plan's {periods} months"),
    "rosters.limits.days": ("每人离岗最多 {max_days_away:g} 天", "at most {max_days_away:g} days away a cadre"),
    "rosters.limits.periods": ("{periods} 个时段（月）", "{periods} periods (months)"),
    "rosters.limits.share": ("单位同时离岗不超过 {unit_away_share:.0%}", "at most {unit_away_share:.0%} of a unit away at once"),
    # hours-register.xlsx (needscli records export)
    "register.sheet": ("学时登记", "Hours register"),
    "register.title": ("{year}年度干部教育培训学时登记表", "Training hours register {year}"),
    "register.basis": ("培训按结束日期计入年度；五年累计按培训周期计（{first}—{last}年，计至{year}年底）；集中培训（含境外培训）按天数或学时达标，"
                       "天数按签到表所印的天数（上课日）或培训记录表的「天数」列计，都没有的按起止日期的日历天数计，"
                       "无起止日期的只计学时、不计天数；网络学时另列；未结业（请假超过1/7等）的培训不计学时和天数",
                       "Trainings count in the year they end; five-year figures: the cycle {first}-{last}, to the end of {year}; concentrated training "
                       "(overseas included) meets its standard in days or hours: the days a sign-in sheet prints (its "
                       "days of lessons) or a records sheet's 天数, else the calendar days where both dates are known (a "
                       "training without them adds hours, no days); online hours apart; trainings not completed "
                       "(leave above 1/7 ...) count neither hours nor days"),
    "register.off_roster": ("不在花名册中", "not on the roster"),
    "register.col.cadre_id": ("编号", "Cadre ID"),
    "register.col.name": ("姓名", "Name"),
    "register.col.unit": ("单位", "Unit"),
    "register.col.level": ("职级", "Level"),
    "register.col.days_year": ("本年度集中培训天数", "Concentrated days this year"),
    "register.col.hours_year": ("本年度集中培训学时", "Concentrated hours this year"),
    "register.col.overseas": ("其中境外培训学时", "Of which overseas"),
    "register.col.online": ("本年度网络学时", "Online hours this year"),
    "register.col.days_five_year": ("五年累计集中培训天数", "Concentrated days in five years"),
    "register.col.five_year": ("五年累计集中培训学时", "Concentrated hours in five years"),
    "register.col.standard": ("集中培训要求", "Concentrated standard"),
    "register.col.required": ("应修学时", "Required hours"),
    "register.col.deficit": ("学时缺口", "Deficit (h)"),
    "register.col.status": ("是否达标", "Met"),
    "register.col.online_required": ("网络学时要求", "Online required"),
    "register.col.online_deficit": ("网络学时缺口", "Online short"),
    "register.col.completions": ("最近完成培训", "Last completions"),
    "register.col.note": ("备注", "Note"),
    # needscli records show and summary (the terminal), in the language of --lang
    "register.delivery.concentrated": ("集中培训", "concentrated"),
    "register.delivery.online": ("网络培训", "online"),
    "register.delivery.overseas": ("境外培训", "overseas"),
    "register.show.title": ("{cadre} 的培训记录（{n}条）", "{n} record(s) of {cadre}"),
    "register.show.end": ("结束日期", "End"),
    "register.show.topic": ("培训主题", "Topic"),
    "register.show.class": ("班次", "Class"),
    "register.show.delivery": ("培训方式", "Delivery"),
    "register.show.hours": ("学时", "Hours"),
    "register.show.attended": ("出勤学时", "Attended"),
    "register.show.counts": ("计入学时", "Counts (h)"),
    "register.show.days": ("计入天数", "Counts (days)"),
    "register.show.source": ("来源", "Source"),
    "register.show.not_completed": ("0（未结业）", "0 (not completed)"),
    "register.show.row": ("第{row}行", "row {row}"),
    "register.show.year": ("{year}年（截至{date}）集中培训：{days:g}天、{hours:g}学时",
                           "Concentrated training in {year} (to {date}): {days:g} days, {hours:g} h"),
    "register.show.window": ("{first}—{last}年培训周期（截至{date}）集中培训：{days:g}天、{hours:g}学时",
                             "Concentrated training in the {first}-{last} cycle (to {date}): {days:g} days, {hours:g} h"),
    "register.show.online": ("{year}年网络学时：{hours:g}", "Online learning in {year}: {hours:g} h"),
    "register.show.online_unknown": ("{year}年网络学时：未知（台账中没有本年度的网络学习记录）",
                                     "Online learning in {year}: unknown (the ledger holds no online learning "
                                     "of the year)"),
    "register.show.standard": ("集中培训要求（{standard}）：{status}", "Concentrated standard ({standard}): {status}"),
    "register.show.no_level": ("集中培训要求：{annual}（{annual_levels}）或{five}（{five_levels}）；给出 --roster 按职级判断",
                               "Concentrated standard: {annual} ({annual_levels}) or {five} ({five_levels}); "
                               "give --roster to judge it by level"),
    "register.show.other_levels": ("其他职级", "other levels"),
    # what of a figure came from the roster's own columns and what from the ledger (records show --roster)
    "register.show.fig_days": ("{days:g}天", "{days:g} days"),
    "register.show.fig_hours": ("{hours:g}学时", "{hours:g} h"),
    "register.show.from_both_add": ("（花名册{roster} + 台账{ledger}）", " (roster {roster} + ledger {ledger})"),
    "register.show.from_both": ("（台账{ledger}；花名册{roster}）", " (ledger {ledger}; roster {roster})"),
    "register.show.from_roster": ("（花名册{roster}）", " (roster {roster})"),
    "register.show.from_ledger": ("（台账{ledger}）", " (ledger {ledger})"),
    "register.show.mode.add": ("花名册所填学时、天数与台账记录相加（[ledger] hours_mode = \"add\"），与 analyze "
                               "--ledger 的算法相同",
                               "The roster's hours and days are added to the ledger's ([ledger] hours_mode = "
                               "\"add\"), as analyze --ledger counts them"),
    "register.show.mode.replace": ("台账有记录的干部按台账计，不计花名册所填学时、天数（[ledger] hours_mode = "
                                   "\"replace\"），与 analyze --ledger 的算法相同",
                                   "A cadre the ledger holds is counted by the ledger alone, the roster's hours and "
                                   "days not counted ([ledger] hours_mode = \"replace\"), as analyze --ledger "
                                   "counts them"),
    "register.show.online_standard": ("网络学时要求（每年{required:g}学时）：{status}",
                                      "Online requirement ({required:g} h a year): {status}"),
    "register.show.met": ("达标", "met"),
    "register.show.short": ("未达标，还差{deficit:g}学时", "not met, {deficit:g} h short"),
    "register.show.unknown": ("未知", "unknown"),
    "register.summary.title": ("{year}年培训情况（按{by}）", "Training in {year} by {by}"),
    "register.by.unit": ("单位", "Unit"),
    "register.by.level": ("职级", "Level"),
    "register.by.cadre": ("编号", "Cadre ID"),
    "register.summary.cadres": ("人数", "Cadres"),
    "register.summary.days": ("集中培训天数", "Concentrated days"),
    "register.summary.hours": ("集中培训学时", "Concentrated hours"),
    "register.summary.overseas": ("其中境外", "Of which overseas"),
    "register.summary.online": ("网络学时", "Online hours"),
    "register.summary.below": ("集中培训未达标人数", "Below concentrated standard"),
    "register.summary.online_below": ("网络学时未达标人数", "Below online requirement"),
    # the input template (needscli template): its own sheets and the instructions, line by line
    "template.sheet.instructions": ("说明", "Instructions"),
    "template.sheet.lists": ("下拉选项", "Lists"),
    "template.heading": ("needscli 输入模板", "needscli input template"),
    "template.sheets": ("每个工作表一类数据；表头可以改写为常见别名（如“工号”代替“编号”），列顺序不限，多余列会被忽略。",
                        "One sheet per kind of data; headers may use common aliases, columns may come in any order, "
                        "extra columns are ignored."),
    "template.roster": ("花名册：必填 编号、姓名、单位、职务、职级；其余列可选。日期可写 2023-05-01、2023-05、2023.05、2023年5月。",
                        "Roster: Cadre ID, Name, Unit, Post and Level are required. Dates may be 2023-05-01, "
                        "2023-05, 2023.05 or 2023/5."),
    "template.hours": ("学时：本年度学时、五年累计学时、培训天数只计集中（脱产）培训（{standards}）；{online}留空的学时按“情况未知”提示。",
                       "Hours: the hours and days columns count concentrated (full-time) training only ({standards}). "
                       "{online}Blank hours are reported as compliance unknown."),
    "template.hours.either": ("{span}{days}天或{hours}学时，按天数或学时达标均可", "{days} days or {hours} h {span}"),
    "template.hours.only": ("{span}{hours}学时", "{hours} h {span}"),
    "template.hours.year": ("每年", "a year"),
    "template.hours.years": ("每{years}年", "in {years} years"),
    "template.hours.five": ("{annual}；{tiers}层级的干部{five}", "{annual}; cadres of {tiers}: {five}"),
    "template.hours.online": ("网络学习填“本年度网络学时”，单独考核（每年{online}学时）。",
                              "Online learning goes in 'Online hours this year' and is a duty of its own ({online} h a "
                              "year). "),
    "template.dates": ("任现职时间：领导职务据此计算任职培训期限（任职后1年内）；录用时间：新录用公务员的试用期起始，"
                       "初任培训须在试用期内完成（未填的非领导职务按参加工作时间计）。",
                       "Appointed to current post: appointment training falls due within a year of it for leading "
                       "posts. Civil service entry: the start of probation, inside which initial training is due "
                       "(for non-leading posts without it, the entry date is used)."),
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
                            "优先级填 1-5，5 为最高、1 为最低，也可填 高/较高/中/较低/低；不填按 3。"
                            "需求来源为“中央重大决策部署”的为集中轮训，属必训任务，不论优先级均排在最前；"
                            "开始时间（可选）为本轮轮训的起点，如决策部署的日期，此后参加本专题培训的即为完成，"
                            "不填的按专题有效期自完成期限倒推。",
                            "Priorities: leave target units / levels / categories empty or write 'all'; levels may "
                            "be groups such as county-and-above. Priority is 1-5, 5 the highest and 1 the lowest, "
                            "or high/medium/low; blank counts as 3. A central decision (中央重大决策部署) is "
                            "rotation training, an obligation that ranks first whatever its priority; its start "
                            "date (optional) is where the round begins, e.g. the day the decision was deployed: "
                            "training in the topic from then on meets it; left blank, the round begins the topic's "
                            "validity before the deadline."),
    "template.topics": ("课程（可选）：每行一个培训主题。理论核心填“是”的主题为每名干部都要学的理论教育和党性教育内容，"
                        "排在其他需求之前，不填为“否”；有效期为参加后几年内不再重复；学时为一期的学时。",
                        "Topics (optional): one row per topic. Theory core: write yes for the theory and Party-spirit "
                        "topics every cadre takes, ranked before every other need (blank is no); validity: the years "
                        "a completed topic is not repeated; hours: the hours of one class."),
    "template.rules": ("规则（可选）：每行一个条件，规则编号相同的连续各行合为一条规则。匹配方式填“全部”（各条件都满足，"
                       "不填即此）或“任一”（满足其一即可）；字段为干部的一项情况，如 level（职级）、months_in_post"
                       "（任现职月数）、hours_deficit（学时缺口）、gap:主题名（能力差距）；运算符填 ==、!=、<、<=、>、>=、"
                       "in、not in、contains、empty、not empty，或 等于、大于、不少于、属于、包含、为空 等；值为比较的对象"
                       "（in 可列多个，用、分隔）。条件满足时推荐“培训主题”，需求来源与权重决定排序。",
                       "Rules (optional): one condition a row; consecutive rows with the same rule ID make one rule. "
                       "Match: all (every condition holds; the default when blank) or any (one is enough). Field: a "
                       "fact of the cadre, e.g. level, months_in_post, hours_deficit, gap:<topic>. Operator: ==, !=, "
                       "<, <=, >, >=, in, not in, contains, empty, not empty. Value: what the field is compared with "
                       "(in takes several, separated by ; or ,). A rule that holds recommends its topics, ranked by "
                       "its source and weight."),
    "template.suggest": ("可从下拉列表中选择，也可填写列表以外的常见写法。", "Pick from the list, or type another common form."),
    "template.suggest.level": ("可从下拉列表中选择，也可填写其他写法（如 正处级、副科级、正处）或配置中增加的职级。",
                               "Pick from the list, or type another form (e.g. 正处级, 副科级) or a level added in "
                               "the configuration."),
    "template.suggest.managed_by": ("干部管理权限，可从下拉列表中选择，也可填写 市管、县管干部 等写法或配置中增加的管理单位；"
                                    "不填则按职级推定。",
                                    "The level that manages the cadre: pick from the list, or type another form "
                                    "(市管, 县管干部) or an organizer added in the configuration; blank: inferred "
                                    "from the level."),
    "template.suggest.target_levels": ("可填一个或多个职级或分组（如 县处级以上），用 ；、，分隔；留空或填“全部”表示不限。",
                                       "One or more levels or groups (e.g. county-and-above), separated by ; or ,; "
                                       "blank or 'all' for every level."),
    "template.suggest.error_title": ("不在下拉列表中", "Not in the list"),
    "template.suggest.error": ("该值不在下拉列表中。列表以外的常见写法（如 正处级）和配置中增加的值同样可以读取；"
                               "分析时无法识别的值会在检查结果中指出。是否保留？",
                               "This value is not in the list. Other common forms and values added in the "
                               "configuration are read as well; a value that cannot be read is reported when the "
                               "file is checked. Keep it?"),
    "template.optional": ("课程、培训资源、规则为可选表；不填则使用内置课程目录与规则。",
                          "Topics, resources and rules are optional; without them the built-in catalog and rules "
                          "apply."),
    "template.commands": ("检查：needscli validate 文件.xlsx；分析：needscli analyze 文件.xlsx",
                          "Check: needscli validate FILE.xlsx; analyze: needscli analyze FILE.xlsx"),
    # the terminal: analyze's summary table and explain
    "cli.classes": ("班次", "Classes"),
    "cli.unmet": ("未满足需求", "Needs unmet"),
    "cli.overdue_units": ("有逾期未训的单位：{n:,} 个，见报告工作表「{sheet}」",
                          "Units with overdue obligations: {n:,}; see the report's sheet \"{sheet}\""),
    "cli.overdue_units_file": ("有逾期未训的单位：{n:,} 个，各单位见 analysis.json 的 summary",
                               "Units with overdue obligations: {n:,}; each one is in analysis.json's summary"),
    "cli.not_fired": ("未触发的规则", "Rules that did not fire"),
    # the terminal's line on the detail sheets gap-report.xlsx leaves out (reports.gap_report.left_out_sheets)
    "cli.left_out": ("gap-report.xlsx 未完整写入超过明细行数上限（limits.detail_rows）的工作表：{sheets}",
                     "gap-report.xlsx leaves out, or shortens, the sheets past the detail row limit "
                     "(limits.detail_rows): {sheets}"),
    "cli.left_out.sheet": ("{sheet} {rows:,} 行（完整数据见 {files}）", "{sheet}, {rows:,} rows (in full in {files})"),
    "cli.left_out.nowhere": ("{sheet} {rows:,} 行（本次运行未写出完整数据，--formats 加上 {formats} 可写出）",
                             "{sheet}, {rows:,} rows (in no file of this run: add {formats} to --formats)"),
    "cli.left_out.top": ("{sheet} {rows:,} 行（只写入每个单位排名前 {top} 的主题，完整数据见 {files}）",
                         "{sheet}, {rows:,} rows (each unit's topics ranked 1 to {top} kept; in full in {files})"),
    "cli.left_out.top_nowhere": ("{sheet} {rows:,} 行（只写入每个单位排名前 {top} 的主题；本次运行未写出完整数据，"
                                 "--formats 加上 {formats} 可写出）",
                                 "{sheet}, {rows:,} rows (each unit's topics ranked 1 to {top} kept; in no file of "
                                 "this run: add {formats} to --formats)"),
    "cli.left_out.overdue": ("{sheet} {rows:,} 行（只写入逾期的 {top:,} 项，完整数据见 {files}）",
                             "{sheet}, {rows:,} rows (the {top:,} overdue ones kept; in full in {files})"),
    "cli.left_out.overdue_nowhere": ("{sheet} {rows:,} 行（只写入逾期的 {top:,} 项；本次运行未写出完整数据，"
                                     "--formats 加上 {formats} 可写出）",
                                     "{sheet}, {rows:,} rows (the {top:,} overdue ones kept; in no file of this run: "
                                     "add {formats} to --formats)"),
    "cli.class_seats": ("班次席位", "Seats in classes"),
    "cli.needs_served": ("已满足需求", "Needs served"),
    "cli.coverage": ("需求满足情况（占需开班的需求）", "Needs served (share of the needs asking for a class)"),
    "cli.needs_asking": ("需求数", "Needs"),
    "cli.all_sources": ("全部", "All"),
    "cli.obligations_covered": ("必训任务已安排：{served:,}/{asked:,}（{share}）",
                                "Obligations served: {served:,} of {asked:,} ({share})"),
    "cli.obligations_unmet": ("未安排的必训任务 {n:,} 项：逐人原因见需求分析报告 gap-report.xlsx 的「{sheet}」工作表",
                              "{n:,} obligation(s) not served: each one's reason is in the '{sheet}' sheet of gap-report.xlsx"),
    "cli.obligations_unmet_file": ("未安排的必训任务 {n:,} 项：逐人原因见 unmet.parquet",
                                   "{n:,} obligation(s) not served: each one's reason is in unmet.parquet"),
    "cli.obligations_unmet_nowhere": ("未安排的必训任务 {n:,} 项：本次未写出 gap-report.xlsx 和 unmet.parquet，"
                                      "加 --formats xlsx（或 parquet）重新运行可看到逐人原因",
                                      "{n:,} obligation(s) not served: this run wrote neither gap-report.xlsx nor "
                                      "unmet.parquet; run again with --formats xlsx (or parquet) for each one's reason"),
    "cli.budget": ("经费预算：{budget:,.0f} 元", "Budget: {budget:,.0f} yuan"),
    "cli.budget_part": ("经费预算：{budget:,.0f} 元（另有 {n:,} 个班次承办单位待定，费用未计入；在「培训资源」表中列出承办单位及人均费用即可测算）",
                        "Budget: {budget:,.0f} yuan ({n:,} class(es) with the host to be fixed not counted; list hosts "
                        "and costs per seat in the resources sheet to cost them)"),
    "cli.budget_none": ("经费预算：未测算（各班次承办单位待定；在「培训资源」表中列出承办单位及人均费用即可测算）",
                        "Budget: not costed (every class's host is to be fixed; list hosts and costs per seat in the "
                        "resources sheet to cost them)"),
    "cli.no_class_title": ("未成班的（及所走途径、可开班的最小班额或单位同时离岗比例）：",
                           "Groups without a class (how they were served, the minimum class size that forms it or the "
                           "share of a unit away at once that may):"),
    "cli.no_class": ("{topic}（{who}）：{cadres} 人，{route}；最小班额降到 {min_size} 可开班",
                     "{topic}, {who}: {cadres} cadre(s), {route}; a minimum class size of {min_size} forms it"),
    # the group had cadres enough, held back by the share of each unit away at once (classes.unit_away_share)
    "cli.no_class_share": ("{topic}（{who}）：{cadres} 人，{route}；最小班额降到 {min_size} 可开班，单位同时离岗比例提高到 "
                           "{share:.0%}（unit_away_share）也可能开班",
                           "{topic}, {who}: {cadres} cadre(s), {route}; a minimum class size of {min_size} forms it, "
                           "{share:.0%} of a unit away at once (unit_away_share) may form it too"),
    "cli.reform": ("使「{group}」开班，可重新编班（沿用本次分析结果，不必重新读取花名册；最小班额对全部班次有效）：",
                   "To form the class of {group}, re-form the classes (from this analysis, without reading the roster "
                   "again; the minimum holds for every class):"),
    "cli.no_class_group": ("{topic}（{who}）", "{topic}, {who}"),
    "cli.no_class_who": ("{organizer}，{band}", "{organizer} {band}"),
    "cli.no_class_tbd": ("主办单位待定", "organizer to be fixed"),  # a group whose cadres' level gave no organizer
    "cli.no_class_more": ("……另有 {n} 组，见班次名册 class-rosters.xlsx 的「{sheet}」工作表",
                          "... and {n} more groups: see the sheet '{sheet}' of class-rosters.xlsx"),
    "cli.no_class_more_json": ("……另有 {n} 组，见 --format json 输出的 classes.no_class",
                               "... and {n} more groups: see classes.no_class of --format json"),
    "rosters.theory_class": ("理论教育和党性教育专题班", "Theory and party-spirit class"),
    # a --split-by hand-out's class rosters: a unit's share of a class, the classes an organizer runs
    "rosters.hand_out.seats": ("参训人数：{unit} {n} 人（全班 {whole} 人）", "Seats: {n} of {unit} ({whole} in the class)"),
    "rosters.hand_out.unit_runs": ("本文件为{unit}干部参加的 {classes} 个班次，共 {seats} 人次；各班签到表只列本单位学员",
                                   "Classes {unit}'s cadres attend: {classes}, {seats} seat(s); each sign-in sheet "
                                   "lists this unit's members only"),
    "rosters.hand_out.own_size": ("本单位人数", "Unit's members"),
    "rosters.hand_out.whole_size": ("全班人数", "Class size"),
    "rosters.hand_out.runs": ("本文件为{organizer}举办的 {classes} 个班次，共 {seats} 人{up}，各班签到表列出全班学员",
             "Classes {organizer} runs: {classes}, {seats} seats{up}; each sign-in sheet lists its whole class"),
    "rosters.hand_out.runs_up": ("（其中其他主办单位上级调训来的 {up} 人）", " ({up} of them sent up from other organizers)"),
    "rosters.hand_out.runs_none": ("{organizer}在本计划中不举办班次", "{organizer} runs no class in this plan"),
    "rosters.hand_out.unit_none": ("{unit}没有干部编入本计划的班次；本单位未满足的 {n} 条需求见需求分析报告的「{unmet}」工作表",
                                   "None of {unit}'s cadres is in a class of this plan; its {n} unmet need(s) are "
                                   "on the gap report's \"{unmet}\" sheet"),
    "rosters.hand_out.unit_none_met": ("{unit}没有干部编入本计划的班次，也没有未满足的需求",
                                       "None of {unit}'s cadres is in a class of this plan, and none of its needs "
                                       "is unmet"),
    "rosters.hand_out.elsewhere": ("；{organizer}的干部另有 {seats} 人次上级调训至其他主办单位举办的 {classes} 个班次，见「{sheet}」工作表",
                                   "; the cadres of {organizer} hold {seats} seats in {classes} classes other organizers "
                                   "run (see the sheet \"{sheet}\")"),
    "rosters.hand_out.elsewhere_sheet": ("上级调训去向", "Sent up elsewhere"),
    "rosters.hand_out.hosts": ("本文件为{host}承办的 {classes} 个班次（{organizers}），共 {seats} 人，各班签到表列出全班学员",
                               "Classes {host} hosts: {classes} ({organizers}), {seats} seats; each sign-in sheet "
                               "lists its whole class"),
    "rosters.hand_out.hosts_tbd": ("本文件为承办单位{host}的 {classes} 个班次（{organizers}），共 {seats} 人，各班签到表列出全班学员",
                                   "Classes whose host is {host}: {classes} ({organizers}), {seats} seats; each "
                                   "sign-in sheet lists its whole class"),
    "rosters.hand_out.hosts_for": ("{organizer}主办 {n} 个", "{n} run by {organizer}"),
    "rosters.hand_out.elsewhere_seats": ("本主办单位调训人数", "Its cadres"),
    "rosters.hand_out.elsewhere_members": ("调训人员（单位）", "Its cadres (unit)"),
    "cli.kept_classes": ("保留已公布的班次 {kept} 个（编号、日期、承办单位和仍须参加的学员不变），新编班次 {new} 个（编号接在其后）",
                         "Classes kept as announced: {kept} (ids, dates, hosts and the members who still need them), "
                         "{new} new (numbered after them)"),
    "cli.kept_dropped": ("；{dropped} 个已公布的班次未保留", "; {dropped} announced not kept"),
    "cli.kept_left": ("；学员移出已公布的班次 {left} 人次", "; {left} seat(s) of members who left them"),
    "cli.kept_see": ("，见「问题」工作表", ": see the Problems sheet"),
    "cli.hours_after": ("学时测算：{cadres:,} 人有学时缺口，期限前的班次覆盖 {covered:,} 人，仍缺 {short:,} 人（共 {left} 学时）",
                        "Hours after the plan: {cadres:,} cadres short of their standard, {covered:,} covered by classes "
                        "ending by the deadline, {short:,} still short ({left} h in all)"),
    "cli.hours_after_late": ("学时测算：{cadres:,} 人有学时缺口，期限前的班次覆盖 {covered:,} 人，已逾期、本周期内的班次补足 {late:,} 人，"
                             "仍缺 {short:,} 人（共 {left} 学时）",
                             "Hours after the plan: {cadres:,} cadres short of their standard, {covered:,} covered by "
                             "classes ending by the deadline, {late:,} past it covered by classes of the standard's "
                             "cycle, {short:,} still short ({left} h in all)"),
    "cli.failed_joiner": ("；", "; "),
    # --pseudonymize: the key refused, and the key file others can read (a warning)
    "pseudonym.weak_key": ("假名化密钥过于简单：只有 {distinct} 种不同字符，至少需要 {least} 种；"
                           "请改用随机生成的密钥（例如 openssl rand -hex 32 的输出）",
                           "the pseudonym key is too simple: it has {distinct} distinct characters, at least "
                           "{least} are needed; use a random key (e.g. the output of openssl rand -hex 32)"),
    "pseudonym.unreadable_key_file": ("无法读取假名化密钥文件 {file}", "the pseudonym key file {file} cannot be read"),
    "pseudonym.short_key_file": ("假名化密钥文件 {file} 只有 {n} 个字节，密钥至少需要 {least} 个字节",
                                 "the pseudonym key file {file} holds {n} bytes; a key needs at least {least}"),
    "pseudonym.no_key": ("--pseudonymize 需要至少 {least} 个字节的密钥：请用 --pseudonym-key 给出密钥文件，或设置环境变量 {env}",
                         "--pseudonymize needs a key of at least {least} bytes: give --pseudonym-key FILE or set {env}"),
    "pseudonym.readable_key_file": ("假名化密钥文件 {file} 其他用户也能读取（权限 {mode}）；"
                                    "请运行 chmod 600 {file}，只留本人可读写",
                                    "the pseudonym key file {file} can be read by other users (mode {mode}); "
                                    "run chmod 600 {file} so that only you can read it"),
    # outputs that would replace an input or the office's work (reports/files.py), and what a run left
    "output.over_input": ("{target}：这是本次运行的输入文件（{what}），输出不能写在它上面，本次没有写入任何文件；"
                          "请用 -o 另选输出文件夹，或把这个输入文件移到别处",
                          "{target}: is an input of this run ({what}); no output may be written over it, and "
                          "nothing was written: choose another output folder with -o, or move the input"),
    "output.is_rollup": ("{folder}：这是 needscli rollup 的汇总输出文件夹（其中有 rollup.xlsx），本次的输出不写在这里，"
                         "以免与汇总结果混在一起；本次没有写入任何文件；请用 -o 另选输出文件夹",
                         "{folder}: an output folder of needscli rollup (it holds rollup.xlsx); the outputs are not "
                         "written there, so as not to mix them with the roll-up's, and nothing was written: choose "
                         "another output folder with -o"),
    "output.in_run": ("{folder}：在 needscli analyze 的输出文件夹 {run} 的 snapshot 或分发文件夹之中，本次的输出不写在"
                      "这里，以免替换那次运行的文件；本次没有写入任何文件；请用 -o 另选输出文件夹",
                      "{folder}: inside the snapshot or a hand-out folder of {run}, an output folder of needscli "
                      "analyze; the outputs are not written there, so as not to replace that run's files, and "
                      "nothing was written: choose another output folder with -o"),
    "output.input.roster": ("花名册", "roster"),
    "output.input.posts": ("岗位职责，--posts", "posts, --posts"),
    "output.input.priorities": ("组织需求，--priorities", "priorities, --priorities"),
    "output.input.topics": ("课程，--topics", "topics, --topics"),
    "output.input.resources": ("培训资源，--resources", "resources, --resources"),
    "output.input.rules": ("规则，--rules", "rules, --rules"),
    "output.input.ledger": ("培训记录台账，--ledger", "training-records ledger, --ledger"),
    "output.input.project": ("项目文件", "project file"),
    "output.input.config": ("配置文件，--config", "config file, --config"),
    "output.input.pseudonym_key": ("假名化密钥文件，--pseudonym-key", "pseudonym key file, --pseudonym-key"),
    "output.input.run": ("要汇总的运行结果", "output of a run rolled up"),
    "output.exists": ("{target}：文件已存在，可能已经填写了内容；为免覆盖，没有写入。请换一个文件名，"
                      "或确认不再需要它后加 {force} 覆盖",
                      "{target}: already exists and may hold data filled in; nothing was written. Choose "
                      "another file name, or add {force} to replace it"),
    "output.edited": ("{target}：这个文件在 needscli 写出后被改动过（例如加了批注，或在 Excel、WPS 中另存过），为免丢失这些内容，"
                      "本次没有写入任何文件。请先把它移到别处保存，再重新运行；确认不再需要时，也可加 {force} 覆盖",
                      "{target}: was changed after needscli wrote it (notes added, or saved again in Excel or WPS); to "
                      "keep that work, nothing was written. Move it elsewhere first and run again, or add {force} to "
                      "replace it"),
    "output.filled_in": ("{target}：这个文件在 needscli 写出后被改动过（例如填写了签到或出勤学时），"
                         "为免丢失这些内容，本次没有写入任何文件。请先把它移到别处保存（填好的签到表可用 "
                         "needscli records import 导入台账），再重新运行；确认不再需要时，也可加 {force} 覆盖",
                         "{target}: was changed after needscli wrote it (sign-in marks or hours attended filled "
                         "in, for example); to keep that work, nothing was written. Move it elsewhere first (a "
                         "signed sheet goes into the ledger with needscli records import) and run again, or add "
                         "{force} to replace it"),
    "output.not_written_by_needscli": (
        "{target}：这个文件不是 needscli 写出的（输出目录的 analysis.json 没有列出它，它也没有 needscli 写出的工作簿的标记），"
        "应是本单位自己的文件；本次要写出同名的签到表分册，为免覆盖，本次没有写入任何文件（加 {force} 也不会覆盖它）。"
        "请把它改名或移到别处，再重新运行",
        "{target}: was not written by needscli (the analysis.json of the output folder does not list it, and it does "
        "not carry the mark of a workbook needscli wrote): it is the office's own file, and this run writes a workbook "
        "of sign-in sheets of that name; to keep it, nothing was written ({force} does not replace it either). "
        "Rename it or move it elsewhere, and run again"),
    "output.path_too_long": ("{path}：路径太长，系统无法建立，没有写入；请选一个较短的输出路径",
                             "{path}: the path is too long for the system; nothing was written: choose a "
                             "shorter output path"),
    # --formats (analyze, classes) and [options] formats of needscli.toml
    "cli.bad_formats": ("{where} 的取值“{value}”无效：可选 xlsx、csv、parquet 中的一种或几种，用逗号分隔"
                        "（例如 --formats csv,parquet）；没有写入任何文件",
                        "{where}: \"{value}\" is not a list of output formats: choose one or more of xlsx, csv, "
                        "parquet, separated by commas (e.g. --formats csv,parquet); nothing was written"),
    # a value an option of choices does not take (--split-by, records summary --by); the choices with their Chinese
    # words in Chinese (unit（单位）、organizer（主办单位、主办）…)
    "cli.bad_choice": ("「{value}」不是以下之一：{choices}", "'{value}' is not one of {choices}"),
    # the saved analysis: analysis.json and the Parquet tables of snapshot/ beside it (io.snapshot)
    "snapshot.table_missing": ("{file}：找不到已保存分析的这张数据表；请重新运行 needscli analyze",
                               "{file}: this table of the saved analysis is missing; run needscli analyze again"),
    "snapshot.table_mismatch": ("{file} 不是写出 {index} 的那次运行保存的数据表：此后被改动过，或是另一次运行写出的"
                                "（可能是一次运行在移入输出文件时中断了）；请重新运行 needscli analyze",
                                "{file} is not the table the run that wrote {index} saved: changed since, or written "
                                "by another run (one that stopped while moving its outputs into place); run needscli "
                                "analyze again"),
    "snapshot.table_changed": ("{file}：写出以后已被改动或损坏（{reason}）；请重新运行 needscli analyze",
                               "{file}: changed or damaged since the run wrote it ({reason}); run needscli analyze "
                               "again"),
    "snapshot.not_parquet": ("不是 Parquet 文件", "not a Parquet file"),
    "snapshot.no_column": ("缺少列：{column}", "missing column(s): {column}"),
    "snapshot.column_type": ("「{column}」列的类型为 {found}，应为 {expected}", "column {column} is {found}, not {expected}"),
    "snapshot.row_count": ("有 {rows} 行，那次运行写出的是 {written} 行", "{rows} rows where the run wrote {written}"),
    "snapshot.table_damaged": ("{file}：已保存分析的数据表已损坏（{reason}）；请重新运行 needscli analyze",
                               "{file}: this table of the saved analysis is damaged ({reason}); run needscli "
                               "analyze again"),
    "output.stale_removed": ("已删除较早运行留下、本次不再生成的分发文件夹：{folders}",
                             "Removed the hand-out folders of an earlier run that this run no longer writes: "
                             "{folders}"),
    "output.other_hand_outs": ("{folder} 中是以前运行写出的分发文件，本次运行没有重写，仍是以前的分析结果：不再需要的请删除，"
                               "或加 --split-by {by} 重新写出",
                               "{folder} holds the hand-outs of an earlier run, which this run did not rewrite: they are "
                               "the earlier analysis's; remove them when no longer needed, or write them again with "
                               "--split-by {by}"),
    "output.stale_kept": ("以下分发文件夹来自较早的运行，本次没有更新；其中有不是 needscli 写出或已改动的文件，"
                          "所以没有删除：{folders}；如已不再需要，请手动删除",
                          "These hand-out folders are from an earlier run and were not updated; they hold files "
                          "needscli did not write or that were changed, so they were kept: {folders}; remove "
                          "them yourself when no longer needed"),
    "cli.terminated": ("已终止（SIGTERM）：未写完的输出已清除，原有文件保持不变",
                       "Terminated (SIGTERM): unfinished outputs were removed, the files there are as they were"),
    "cli.interrupted": ("已中断（Ctrl-C）：未写完的输出已清除，原有文件保持不变",
                        "Interrupted (Ctrl-C): unfinished outputs were removed, the files there are as they were"),
    "cli.terminated_plain": ("已终止（SIGTERM）", "Terminated (SIGTERM)"),
    "cli.interrupted_plain": ("已中断（Ctrl-C）", "Interrupted (Ctrl-C)"),
    # the training-records ledger: where it is, and ledger files refused (records/store.py, cli/records.py)
    "ledger.location": ("台账：{path}", "Ledger: {path}"),
    "ledger.not_made": ("没有可加入的记录，未建立台账（台账位置：{path}）",
                        "No record to add: no ledger was made (its place: {path})"),
    "ledger.dry_run_none": ("试运行，没有写入：台账尚未建立（将建立在：{path}）",
                            "Dry run, nothing written: the ledger is not made yet (it would be made at: {path})"),
    "ledger.none": ("{path}：没有台账。所有 records 命令都在同一位置找台账：--ledger 指定的文件，否则 "
                    "needscli.toml 中 [inputs] ledger 指定的文件，否则当前文件夹下的 needscli-ledger.db；"
                    "请在建立台账的文件夹中运行，或加 --ledger 指定，或先用 needscli records import 导入记录",
                    "{path}: no ledger here. Every records command looks in one place: the file of --ledger, "
                    "else [inputs] ledger of needscli.toml, else needscli-ledger.db in the current folder; run "
                    "in the folder of the ledger, give --ledger, or import records first with needscli records "
                    "import"),
    "ledger.elsewhere": ("{path} 不存在，但 {found} 是一个台账（早期版本把台账放在导入的文件旁边）；"
                         "请加 --ledger {found}，或把它移到 {path}",
                         "{path} does not exist, but {found} is a ledger (an earlier needscli put the ledger "
                         "beside the file imported); give --ledger {found}, or move it to {path}"),
    "ledger.folder": ("{path}：是文件夹，不是台账文件；请用 --ledger 指定台账文件本身，如 --ledger {example}",
                      "{path}: is a folder, not a ledger file; give the ledger file itself, e.g. --ledger {example}"),
    "ledger.not_ledger": ("{path}：是 SQLite 数据库，但不是 needscli 台账；请用 --ledger 指定台账文件",
                          "{path}: is a SQLite database but not a needscli ledger; give the ledger with "
                          "--ledger"),
    "ledger.empty": ("{path}：是空文件，不是 needscli 台账（台账由 needscli records import 建立）；"
                     "请用 --ledger 指定台账文件",
                     "{path}: is an empty file, not a needscli ledger (needscli records import makes the "
                     "ledger); give the ledger with --ledger"),
    "ledger.incomplete": ("{path}：台账不完整，缺少 {missing}（文件可能被其他程序改过）；"
                          "请换用备份的台账，或用 --ledger 指定另一个台账",
                          "{path}: the ledger is incomplete, {missing} missing (another program may have "
                          "changed it); use a backup of the ledger, or give another with --ledger"),
    "ledger.damaged": ("{path}：台账文件已损坏（{reason}）；请换用备份的台账，或用 --ledger 指定另一个台账",
                       "{path}: the ledger file is damaged ({reason}); use a backup of the ledger, or give "
                       "another with --ledger"),
    "ledger.unreadable_skipped": ("{path}：有 {n} 条台账记录无法读取（可能被手工改动过），未计入上面的数字，其余记录照常计入；"
                                  "见下表",
                                  "{path}: {n} ledger record(s) cannot be read (edited by hand?) and are not counted "
                                  "in the figures above; the other records are; see the table below"),
    "ledger.unwritable": ("{path}：无法建立台账（{reason}）；请用 --ledger 指定别的位置",
                          "{path}: the ledger cannot be made here ({reason}); give another place with --ledger"),
    "ledger.unreadable": ("{path}：无法打开台账（{reason}）；请用 --ledger 指定台账文件",
                          "{path}: the ledger cannot be opened ({reason}); give the ledger with --ledger"),
    # needscli rollup: reading the runs' output folders
    "rollup.no_runs": ("没有给出要汇总的运行：请给出一个或多个 needscli analyze 的输出文件夹",
                       "no runs to roll up: give one or more output folders of needscli analyze"),
    "rollup.of_rollup": ("{folder}：是 needscli rollup 写出的汇总文件夹，不能再次汇总（汇总结果不含各名干部的数据，重复的干部无法识别）；"
                         "请把它所汇总的各次运行（{runs}）与其他运行的文件夹一起交给 rollup",
                         "{folder}: a folder needscli rollup wrote, which cannot be rolled up again (it keeps no "
                         "cadre's rows: a cadre in two runs could not be told); give rollup the runs it rolled up "
                         "({runs}) with the others"),
    "rollup.of_rollup_unnamed": ("{folder}：是 needscli rollup 写出的汇总文件夹，不能再次汇总（汇总结果不含各名干部的数据，重复的干部无法识别）；"
                                 "请把它所汇总的各次运行与其他运行的文件夹一起交给 rollup",
                                 "{folder}: a folder needscli rollup wrote, which cannot be rolled up again (it keeps no "
                                 "cadre's rows: a cadre in two runs could not be told); give rollup the runs it rolled "
                                 "up with the others"),
    "rollup.snapshot_not_run": ("{folder}：是一次运行的 snapshot 文件夹；请给出该次运行的文件夹 {run}",
                                "{folder}: a run's snapshot folder; give the run's folder, {run}"),
    "rollup.not_a_run": ("{folder}：不是 needscli 的输出文件夹（其中没有 needscli 写出的 analysis.json），无法汇总；"
                         "请给出 needscli analyze 用 -o 写出的文件夹",
                         "{folder}: not an output folder of needscli (no analysis.json needscli wrote in it), so "
                         "it cannot be rolled up; give the folder needscli analyze wrote with -o"),
    "rollup.damaged_run": ("{folder}：其中保存的分析结果（analysis.json 及 snapshot 文件夹）无法读取或已损坏：{reason}；"
                           "这不是完整的 needscli 输出，请对这些名册重新运行 needscli analyze",
                           "{folder}: the analysis saved in it (analysis.json and its snapshot folder) cannot be read "
                           "or is damaged: {reason}; it is not a whole needscli output: run needscli analyze on those "
                           "rosters again"),
    "rollup.no_folder": ("{folder}：找不到这个文件夹，请检查路径", "{folder}: no such folder; check the path"),
    "rollup.newer_run": ("{folder}：analysis.json 由较新版本的 needscli 写出；请升级 needscli 后再汇总",
                         "{folder}: its analysis.json was written by a newer needscli; upgrade needscli to roll "
                         "it up"),
    "rollup.same_run": ("{folder}：与 {first} 是同一次运行的输出，汇总两次会重复计数；每次运行只能给出一次",
                        "{folder}: the same run as {first}; rolled up twice it would be counted twice: give "
                        "each run once"),
    "rollup.given_twice": ("{folder}：给出了两次，汇总两次会重复计数；每次运行只能给出一次",
                           "{folder}: given twice; rolled up twice it would be counted twice: give each run once"),
    "rollup.same_folder": ("{folder}：与 {first} 是同一个文件夹，给出了两次，汇总两次会重复计数；每次运行只能给出一次",
                           "{folder}: the same folder as {first}, given twice; rolled up twice it would be counted "
                           "twice: give each run once"),
    "rollup.hand_out_not_run": ("{folder}：这是 {run} 那次运行分发用的文件夹（analyze --split-by 写出），不是一次运行的"
                                "输出文件夹，不能单独汇总；请给出那次运行的文件夹 {run}",
                                "{folder}: a hand-out folder of the run in {run} (written by analyze --split-by), not "
                                "the output folder of a run, and cannot be rolled up on its own: give that run's "
                                "folder, {run}"),
    "rollup.out_is_run": ("{folder}：这是要汇总的运行文件夹（或在其中），汇总结果不能写在这里，本次没有写入任何文件；"
                          "请用 {option} 指定另一个文件夹",
                          "{folder}: a run folder being rolled up (or in one); the roll-up is not written there, "
                          "and nothing was written: choose another folder with {option}"),
    "rollup.out_is_a_run": ("{folder}：这是 needscli analyze 的输出文件夹，汇总结果不写在这里，以免替换它的输出；"
                            "本次没有写入任何文件；请用 {option} 指定另一个文件夹",
                            "{folder}: an output folder of needscli analyze; the roll-up is not written there, so "
                            "as not to replace its outputs, and nothing was written: choose another folder with {option}"),
    "rollup.out_in_a_run": ("{folder}：在 needscli analyze 的输出文件夹 {run} 之中，汇总结果不写在这里，以免替换那次运行"
                            "的文件；本次没有写入任何文件；请用 {option} 指定另一个文件夹",
                            "{folder}: inside {run}, an output folder of needscli analyze; the roll-up is not written "
                            "there, so as not to replace that run's files, and nothing was written: choose another "
                            "folder with {option}"),
    "rollup.out_in_hand_out": ("{folder}：这是 needscli analyze 的输出文件夹 {run} 中分发用的文件夹（--split-by 写出），"
                               "汇总结果不写在这里；本次没有写入任何文件；请用 {option} 指定另一个文件夹",
                               "{folder}: a hand-out folder of {run}, an output folder of needscli analyze (written "
                               "by --split-by); the roll-up is not written there, and nothing was written: choose "
                               "another folder with {option}"),
    "rollup.as_of_differs": ("各次运行的分析基准日不同（{dates}）：必训任务的期限和学时按各自的基准日计算，"
                             "汇总只是把它们相加；最好用同一个 --as-of 重新运行",
                             "the runs have different analysis dates ({dates}): each counted obligations and "
                             "hours at its own date, and the roll-up only adds them up; better run them again "
                             "with one --as-of"),
    "rollup.catalog_differs": ("{folders} 的课程目录与 {first} 不同：同一主题在各次运行中的含义、学时或类型可能不同",
                               "{folders}: another topic catalog than {first}'s; a topic may differ in meaning, "
                               "hours or type from run to run"),
    "rollup.shared_cadres": ("{n} 名干部出现在不止一次运行中（{folders}），每次运行各计一次；各次运行的名册应互不重叠",
                             "{n} cadre(s) appear in more than one run ({folders}) and are counted once in each; "
                             "the runs' rosters should not overlap"),
    "rollup.no_mwds_parts": ("{folder}：由较早版本的 needscli 写出，没有汇总 MWDS 所需的评分合计；{topics} 的 MWDS "
                             "无法汇总，请对这些名册重新运行 needscli analyze",
                             "{folder}: written by an older needscli, without the rating sums MWDS pools from; "
                             "the MWDS of {topics} cannot be rolled up: run needscli analyze on those rosters again"),
    # rollup.xlsx
    "rollup.title": ("干部教育培训需求汇总", "Training needs roll-up"),
    "rollup.sheet.summary": ("汇总", "Summary"),
    "rollup.sheet.runs": ("汇总的运行", "Runs"),
    "rollup.sheet.topics": ("主题排序", "Topics"),
    "rollup.sheet.types": ("按培训类型", "By training type"),
    "rollup.sheet.sources": ("按需求来源", "By source"),
    "rollup.sheet.levels": ("按职级", "By level"),
    "rollup.sheet.obligations": ("必训任务", "Obligations"),
    "rollup.sheet.obligation_units": ("必训任务（按主办与单位）", "Obligations by unit"),
    "rollup.sheet.compliance": ("学时达标（按主办与单位）", "Compliance by unit"),
    "rollup.sheet.warnings": ("警告", "Warnings"),
    "rollup.runs": ("汇总的运行数", "Runs rolled up"),
    "rollup.col.folder": ("运行文件夹", "Run folder"),
    "rollup.col.lang": ("语言", "Language"),
    "rollup.col.pseudonymized": ("已假名化", "Pseudonymized"),
    "rollup.col.needs": ("需求数", "Needs"),
    "rollup.col.cadres": ("干部数", "Cadres"),
    "rollup.col.cadres_with_needs": ("有需求的干部", "Cadres with needs"),
    "rollup.col.importance_sum": ("重要性合计", "Sum of importance"),
    "rollup.col.discrepancy_sum": ("差距合计（重要性−能力）", "Sum of discrepancy (I − C)"),
    "rollup.col.met": ("达标", "Met"),
    "rollup.col.short": ("未达标", "Short"),
    "rollup.col.not_reported": ("未填报学时", "Hours not reported"),
    "rollup.col.rate": ("达标率（已填报者）", "Rate (of those reported)"),
    "rollup.col.warning": ("警告", "Warning"),
    "rollup.yes": ("是", "yes"),
    "rollup.no": ("否", "no"),
    "rollup.no_organizer": ("（无）", "(none)"),
}

CATALOG: dict[str, Words] = {
    **TEXTS,
    **{f"{table}.{code}": words for table, codes in CODE_TABLES.items() for code, words in codes.items()},
}


def label(key: str, lang: str, **fields: object) -> str:
    """The words of a catalog key in lang ("zh"; anything else is English), its {fields} filled in."""
    return _in_language(CATALOG[key], lang, fields)


ROWS_SHOWN = 5  # the rows a notice of many rows names: the first ones (it says how many there are)


def first_rows(rows: Sequence[int], lang: str) -> str:
    """The first ROWS_SHOWN of a notice's Excel rows, joined as a list (2、3、5), " …" after them where there are
    more."""
    return label("list_joiner", lang).join(map(str, rows[:ROWS_SHOWN])) + (" …" if len(rows) > ROWS_SHOWN else "")


def handling(code: str, severity: str, row: int | None, lang: str) -> str:
    """What was done about a problem, in words: its row skipped or kept; a row that is no data (a note, a total)
    skipped, a sheet not read; for a problem of no row, what it names not used (an error) or nothing done (a
    warning)."""
    if code == "note-row":
        return code_label("severity", "not-data", lang)
    if code == "sheet-not-read":
        return code_label("severity", code, lang)
    if row is None or code in _OF_NO_CADRE:
        return code_label("severity", "not-used" if severity == "error" else "notice", lang)
    return code_label("severity", severity, lang)


# problems at a row that is no cadre's: the 填报单位 line a sheet's unit was read from
# and a title line (roster-of-another-year), a member's row a kept class's warning names (the row is no fault)
_OF_NO_CADRE = frozenset({"unit-from-sheet", "roster-of-another-year", "kept-class-member-left",
                          "kept-class-member-added"})


def code_label(table: str, code: str, lang: str, **fields: object) -> str:
    """The words of a code of a code table ("training_type", "source" ...); a code without words stays as it is."""
    words = CODE_TABLES[table].get(code)
    return code if words is None else _in_language(words, lang, fields)


def _in_language(words: Words, lang: str, fields: dict[str, object]) -> str:
    text = words[0] if lang == "zh" else words[1]
    return text.format(**fields) if fields else text


def reason_texts(lang: str, joiners: tuple[str, str, str] = ("、", "; ", " | "), worded_rules: bool = False) -> Memo:
    """memo[tuple(need.reasons)] -> (its sources in words, its rule ids, its reasons), joined for a cell.
    worded_rules: the rules in words (rule_words), as a workbook names them, in place of their ids."""
    source_word = Memo(lambda source: code_label("source", source, lang))
    rule = Memo(lambda key: rule_words(key[0], key[1], lang) if worded_rules else key[0])

    def texts(reasons: tuple[Any, ...]) -> tuple[str, str, str]:
        order = sorted({r.source for r in reasons}, key=NEED_SOURCES.index)
        return (joiners[0].join(source_word[s] for s in order),
                joiners[1].join(rule[r.rule_id, r.source] for r in reasons), joiners[2].join(r.text for r in reasons))

    return Memo(texts)


def rule_words(rule_id: str, source: str, lang: str) -> str:
    """A need's rule in words, as a workbook names it (needs.csv keeps the id): an obligation by its kind
    (obligation:appointment: 任职培训), a priority and a post requirement with the id the office gave them
    (priority:P01: 组织需求 P01), a wish and a self-rating by their kind, and a rule of the rules by the source of
    the needs it finds (岗位需求规则): its name starts the need's reason, beside it."""
    kind, _, code = rule_id.partition(":")
    if kind == "obligation" and code in CODE_TABLES["obligation"]:
        return code_label("obligation", code, lang)
    if kind in ("priority", "post") and code:
        return code_label("rule", kind, lang, id=code)
    if rule_id in CODE_TABLES["rule"]:
        return code_label("rule", rule_id, lang)
    return code_label("rule", "rule", lang, source=code_label("source", source, lang))


# settings a sentence names by their key alone, with their section (classes.min_size) or without
_KEYS = "|".join(sorted(map(re.escape, CODE_TABLES["setting"]), key=len, reverse=True))
_KEY = rf"(?:[a-z]+\.)?(?:{_KEYS})(?![A-Za-z0-9_])"
# "（或 a、b）", "(or a, b)": the settings that may be changed instead of the one before them
_ALTERNATIVES = {"zh": re.compile(rf"（或 ?(?P<keys>{_KEY}(?:、{_KEY})*)）"),
                 "en": re.compile(rf" ?\(or (?P<keys>{_KEY}(?:, {_KEY})*)\)")}
# a key not in brackets already; in Chinese with the spaces that set it apart from the words around it
_BARE = {"zh": re.compile(rf"(?: (?=[a-z]))?(?<![A-Za-z0-9_.（(])(?P<key>{_KEY})(?! ?[）)])(?: (?=[^\x00-\x7f]))?"),
         "en": re.compile(rf"(?<![A-Za-z0-9_.(])(?P<key>{_KEY})(?![)])")}


def setting_words(text: str, lang: str) -> str:
    """A sentence that names a setting of the config by its key alone (将 max_per_cadre 调高) with the setting in
    words first and its key in brackets after them (将每人班次上限（max_per_cadre）调高), so that the office reads
    what to change and finds it in the config; a key in brackets already is left as it is."""
    zh = lang == "zh"
    language = "zh" if zh else "en"

    def worded(key: str) -> str:
        words = code_label("setting", key.rpartition(".")[2], lang)
        return f"{words}（{key}）" if zh else f"{words} ({key})"

    def alternatives(match: re.Match[str]) -> str:
        keys = re.split(r"、|, ", match["keys"])
        said = ("、" if zh else ", ").join(map(worded, keys))
        return f"或{said}" if zh else f" or {said}"

    text = _ALTERNATIVES[language].sub(alternatives, text)
    return _BARE[language].sub(lambda match: worded(match["key"]), text)
