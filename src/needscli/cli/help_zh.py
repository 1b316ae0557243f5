"""The Chinese of the command line's help texts, keyed by the English text the commands are written with."""

from needscli.cli.options import CLASS_OPTIONS, class_default

HELP_ZH: dict[str, str] = {
    "Add seconds per stage to the JSON summary (for benchmarks).":
        "在 JSON 摘要中加入各阶段用时（秒），供性能测试使用。",
    ("Add the records of each FILE to the ledger; a file with any bad row adds nothing.\n\n"
     "\b\nExample: needscli records import needscli-out/class-rosters.xlsx platform-2026.csv --dry-run\n\n"
     "Importing the same file again adds nothing. A seat with neither a 签到 mark nor 出勤学时 is\n"
     "absent and not recorded; a Saturday, Sunday or public holiday within a class's dates is no day of\n"
     "lessons, and no seat is absent then ([classes] meets_on_rest_days). The ledger is made when the\n"
     "first records are added (not by a dry run,\n"
     "nor by files with nothing to add), where every records command looks for it (see --ledger).\n"
     "Exit 0 clean; 1 some rows had problems (their files added nothing) or warnings (their files\n"
     "were imported); 2 a file or the ledger cannot be read; 3 the ledger cannot be written."):
        ("把所给各文件中的记录加入台账；一个文件中只要有一行有错，整个文件都不加入。\n\n"
         "\b\n示例：needscli records import needscli-out/class-rosters.xlsx platform-2026.csv --dry-run\n\n"
         "同一个文件再次导入，不会重复加入。签到表上既没有签到标记、也没有出勤学时的学员视为缺席，"
         "不记入台账；班次期间的周六、周日和节假日不上课，不按缺勤计（[classes] meets_on_rest_days）。台账在第一次加入记录时建立（试运行 --dry-run 不建立，"
         "没有可加入记录的文件也不建立），"
         "建在所有 records 命令查找台账的位置（见 --ledger）。"
         "退出码 0 无问题；1 有的行有问题（这些行所在的文件都没有加入），或有警告（文件已加入）；"
         "2 有文件或台账无法读取；3 台账无法写入。"),
    "Remove them; without it, only show what would be removed.":
        "确认删除；不加时只列出将删除的记录，不删除。",
    ("Take records back out of the ledger: those of --source, --cadre and --class together (at least one).\n\n"
     "\b\nExample: needscli records remove --source 签到表-2026-06.xlsx --yes\n\n"
     "Without --yes nothing is removed: the records that would be are listed. With --yes they are\n"
     "removed in one go (all or none), and a file none of whose records is left is no longer held as\n"
     "imported: remove a sheet's records, correct it (a mistyped id), and import it again. Exit 0\n"
     "done, or nothing matched; 2 no selector given, --source names no file imported (or several\n"
     "of that name), or the ledger cannot be read; 3 the ledger cannot be written."):
        ("从台账中删除记录：同时符合 --source、--cadre、--class 所给条件的记录（至少给出一个条件）。\n\n"
         "\b\n示例：needscli records remove --source 签到表-2026-06.xlsx --yes\n\n"
         "不加 --yes 时什么都不删除，只列出将删除的记录。加 --yes 时一次删除（要么全部删除，要么一条不删），"
         "某个导入文件的记录全部删除后，台账不再记为已导入该文件：删除签到表的记录，"
         "改正签到表（如填错的编号），再重新导入即可。"
         "退出码 0 已完成，或没有符合条件的记录；2 没有给出条件，--source 指定的文件未导入过"
         "（或有多个同名文件），或台账无法读取；3 台账无法写入。"),
    ("The records imported from this file, found by its content as imported; where the file is gone, by its "
     "name; else by the code a message lists for it."):
        ("从这个文件导入的记录：按文件内容查找；文件已不在的，按文件名查找；"
         "否则按提示中列出的编码查找。"),
    "The records of this cadre id (编号), exactly as written in the records (a 身份证号 ending in x or X: either).":
        "这个编号的记录，编号须与记录中的写法完全一致（末位为 x 或 X 的身份证号，两种写法都算）。",
    "The records of this class (班次编号), e.g. C004, exactly as written.":
        "这个班次的记录（班次编号），如 C004，须与记录中的写法完全一致。",
    ("Also write hand-outs by unit or organizer (a gap report and class rosters each), or by host (承办单位: the "
     "class rosters of its classes alone). BY may be written in Chinese too: 单位, 主办单位 (or 主办), 承办单位 (or 承办)."):
        ("另外写出分发文件：按 unit（单位）或 organizer（主办单位），各写出一份需求分析报告和班次名册；"
         "按 host（承办单位），只写出其承办班次的班次名册。方式也可以写中文：单位、主办单位（或 主办）、承办单位（或 承办）。"),
    "Keep the classes an earlier run (its output folder) announced from the plan's start on: ids, dates and members "
    "who still need them; plan the rest around them.":
        "保留以前一次运行（其输出文件夹）已公布的、在本计划开始日期当天或之后开班的班次：编号、日期和仍须参加的学员不变；"
        "其余需求围绕这些班次编排。",
    "Analysis date (YYYY-MM-DD).": "分析基准日（YYYY-MM-DD）。",
    "Calendar year.": "年度（自然年）。",
    ("Check input files and report every problem at once, naming file, sheet, cell and column.\n\n"
     "\b\nExample: needscli validate data/samples/cadres.xlsx\n\n"
     "A cell an obligation needs (hours, the date a post was taken) left blank is a warning: the\n"
     "cadre's compliance is unknown until it is filled in. --as-of dates the obligations' deadlines.\n\n"
     "Exit 0 when clean, 1 when data problems were found, 2 when an input cannot be read at all."):
        ("检查输入文件，一次列出全部问题，并指明所在的文件、工作表、单元格和列。\n\n"
         "\b\n示例：needscli validate data/samples/cadres.xlsx\n\n"
         "必训任务要用到的单元格（学时、任现职时间）空着的，报为警告：填上之前，"
         "无法判断该干部是否达标。--as-of 是判断必训任务是否逾期的基准日。\n\n"
         "退出码 0 表示没有问题，1 表示发现了数据问题，2 表示有输入文件根本无法读取。"),
    ("Combine the outputs of several analyze runs into one summary, without collecting any roster.\n\n"
     "\b\nExample: needscli rollup out-city-a out-city-b out-county-c -o province\n\n"
     "Each unit, city or province runs needscli analyze on its own rosters (--pseudonymize or not) and\n"
     "sends its output folder. rollup adds up their needs by topic, training type, source and level,\n"
     "their obligations and hours compliance by organizer and unit, and recomputes each topic's MWDS\n"
     "from the pooled ratings (never an average of the runs' MWDS). It writes rollup.xlsx and the same\n"
     "tables as Parquet files (CSV where pyarrow is not installed) into the output folder, all or none,\n"
     "never into a run's folder.\n\n"
     "Exit 0 done; 1 done with warnings (runs of different --as-of dates or topic catalogs, a cadre in\n"
     "two runs); 2 a folder is no needscli output, or a run is given twice; 3 the outputs could not be\n"
     "written."):
        ("把多次 analyze 运行的输出合并成一份汇总，无需收集任何花名册。\n\n"
         "\b\n示例：needscli rollup out-city-a out-city-b out-county-c -o province\n\n"
         "各单位、各市、各省分别用 needscli analyze 分析本级的花名册（加不加 --pseudonymize 均可），"
         "报送其输出文件夹。rollup 按主题、培训类型、需求来源和职级合计各次运行的需求，"
         "按主办单位和单位合计必训任务和学时达标情况，"
         "并用汇集起来的全部评分重新计算每个主题的 MWDS（而不是对各次运行的 MWDS 取平均）。"
         "rollup.xlsx 和内容相同的 Parquet 数据表（未安装 pyarrow 时为 CSV）写入输出文件夹，"
         "要么全部写出，要么一个不写，绝不写入任何一次运行的文件夹。\n\n"
         "退出码 0 完成；1 完成但有警告（各次运行的 --as-of 日期或课程目录不同，"
         "或同一名干部出现在两次运行中）；2 有文件夹不是 needscli 的输出，"
         "或同一次运行给了两次；3 输出无法写入。"),
    ("Concentrated days and hours (overseas among them) and online hours of a year per unit, level or\n"
     "cadre, with how many cadres fall below each standard.\n\n"
     "\b\nExample: needscli records summary --year 2026 --by unit --roster cadres.xlsx\n\n"
     "Without --roster the rows are per cadre. Exit 1 when the roster had problems."):
        ("按单位、职级或干部统计一年的集中培训天数和学时（其中含境外培训）以及网络学时，"
         "并统计各项标准未达标的人数。\n\n"
         "\b\n示例：needscli records summary --year 2026 --by unit --roster cadres.xlsx\n\n"
         "不给 --roster 时逐人列出。退出码 1 表示花名册有问题。"),
    "Date for the year and five-year totals.": "本年度和五年累计的计算截止日期。",
    "File holding the pseudonym key.": "存放假名化密钥的文件。",
    ("Find every cadre's training needs with their reasons, form classes, and write the reports.\n\n"
     "\b\nExample: needscli analyze data/samples/cadres.xlsx -o needscli-out\n\n"
     "Writes into the output folder gap-report.xlsx, class-rosters.xlsx (the sign-in sheets; past\n"
     "[limits] roster_sheets classes, in class-rosters-<organizer>.xlsx beside it), needs.csv,\n"
     "classes.csv, assignments.csv, plan.csv, the same tables as Parquet files (--formats chooses among\n"
     "xlsx, csv and parquet), and analysis.json with snapshot/ (for needscli classes). Exit 0 clean;\n"
     "1 completed but some rows had problems (listed on stderr and in the Problems sheet); 2 nothing\n"
     "analyzed and nothing written; 3 an output could not be written, or would have replaced the\n"
     "office's work.\n\n"
     "Running again into the same folder replaces the outputs, but never an input and never a\n"
     "class-rosters.xlsx filled in or gap-report.xlsx annotated since needscli wrote it (see --force). With --split-by,\n"
     "the hand-out folders of units no longer on the roster are removed when they hold only what\n"
     "needscli wrote, and named otherwise."):
        ("找出每名干部的培训需求及其依据，编排班次，写出报告。\n\n"
         "\b\n示例：needscli analyze data/samples/cadres.xlsx -o needscli-out\n\n"
         "在输出文件夹中写出 gap-report.xlsx、class-rosters.xlsx（签到表；班次多于 [limits] roster_sheets 时，"
         "签到表按主办单位写在旁边的 class-rosters-<主办单位>.xlsx 中）、needs.csv、classes.csv、"
         "assignments.csv、plan.csv，内容相同的 Parquet 数据表（--formats 选择写出 xlsx、csv、parquet 中的哪些），"
         "以及 analysis.json 和 snapshot/（供 needscli classes 使用）。"
         "退出码 0 无问题；1 已完成，但有的行有问题（显示在终端的错误输出中，"
         "并列在「问题」工作表里）；2 没有分析，也没有写入任何文件；3 有输出无法写入，"
         "或者会覆盖已填写的内容。\n\n"
         "再次运行并输出到同一文件夹时，会替换原有的输出，但绝不替换输入文件，"
         "也不替换 needscli 写出后又填写过的 class-rosters.xlsx 或加过批注的 gap-report.xlsx（见 --force）。"
         "使用 --split-by 时，已不在花名册中的单位的分发文件夹，"
         "如果其中只有 needscli 写出的文件，就删除；否则保留，并列出其名称。"),
    "First day of the plan.": "计划开始日期。",
    "Folder for rollup.xlsx and the tables.":
        "rollup.xlsx 和各数据表的输出文件夹。",
    "Folder for the outputs.": "输出文件夹。",
    "Group by unit or level (these need --roster), or cadre; in Chinese too: 单位, 职级, 干部.":
        "分组方式：unit 按单位、level 按职级（这两种需要 --roster），cadre 按干部；也可以写中文：单位、职级、干部。",
    "Import date stored with the records; a class or training ending after it has not been completed yet.":
        "随记录保存的导入日期；在此日期之后才结束的班次或培训尚未完成。",
    "Language of rollup.xlsx's sheets and headers.": "rollup.xlsx 工作表名和表头的语言。",
    "Language of sheet names and headers.": "工作表名和表头的语言。",
    "Language of the messages; auto follows the roster's headers.":
        "提示信息的语言；auto 按花名册表头的语言自动选择。",
    "Language of the table's words.": "表格文字的语言。",
    ("Language of the sheet's labels and of the messages; auto follows the headers of --roster (an English "
     "roster: English), else Chinese."):
        "表中标签文字和提示信息的语言；auto 按 --roster 花名册表头的语言（英文花名册即用英文），没有花名册时用中文。",
    "Language of the words; auto follows the headers of --roster (an English roster: English), else Chinese.":
        "输出文字的语言；auto 按 --roster 花名册表头的语言（英文花名册即用英文），没有花名册时用中文。",
    "Largest class.": "每个班次的人数上限。",
    "Largest share of a unit away in one period.":
        "同一时段内一个单位外出参训人数占本单位人数的最大比例。",
    ("List one cadre's training records, oldest first, and its concentrated days and hours and online\n"
     "hours against their standards.\n\n"
     "\b\nExample: needscli records show C0001 --ledger needscli-ledger.db --roster cadres.xlsx\n"
     "         needscli records show 李华 --roster cadres.xlsx\n\n"
     "Without --roster the cadre's level is unknown: both concentrated standards are listed. With it,\n"
     "the roster's own hours join the ledger's as in analyze --ledger ([ledger] hours_mode), each\n"
     "figure saying what came from which. Exit 1 when the roster had problems; 2 when no cadre has\n"
     "that id or name (a name several cadres share: their ids are listed), or the ledger cannot be read."):
        ("按时间先后列出一名干部的培训记录，并对照标准列出其集中培训天数、学时和网络学时。\n\n"
         "\b\n示例：needscli records show C0001 --ledger needscli-ledger.db --roster cadres.xlsx\n"
         "      needscli records show 李华 --roster cadres.xlsx\n\n"
         "不给 --roster 时无法知道该干部的职级，两种集中培训标准都会列出。给出时，花名册所填学时与台账记录"
         "按 analyze --ledger 的算法合计（[ledger] hours_mode），每项数字注明哪些来自花名册、哪些来自台账。"
         "退出码 1 表示花名册有问题；2 表示没有这个编号或姓名的干部（同名的有多人时列出他们的编号），"
         "或台账无法读取。"),
    "Most classes one cadre sits in.": "一名干部最多参加的班次数。",
    "Organizational priorities (组织需求) file.": "组织需求文件。",
    "Output folder of a previous analyze run (holds analysis.json).":
        "之前一次 analyze 运行的输出文件夹（其中有 analysis.json）。",
    ("Output folders of needscli analyze runs (each holds the analysis.json its run wrote), one per unit, "
     "city or province."):
        ("各次 needscli analyze 运行的输出文件夹（每个文件夹中有该次运行写出的 analysis.json），"
         "每个单位、市或省一个。"),
    ("Output formats, comma-separated: xlsx (gap report, class rosters), csv, parquet (for pandas, DuckDB "
     "...). analysis.json and snapshot/ (for needscli classes) are always written."):
        ("输出格式，用逗号分隔：xlsx（需求分析报告、班次名册）、csv、"
         "parquet（供 pandas、DuckDB 等使用）。"
         "analysis.json 和 snapshot/（供 needscli classes 使用）总会写出。"),
    "Periods (months) in the plan.": "计划包含的时段数（每个时段为一个月）。",
    "Posts (岗位职责) file, if not a sheet of the roster.":
        "岗位职责文件；岗位职责不是花名册中的一个工作表时使用。",
    "Print nothing but errors (and --format json output).":
        "只输出错误（以及 --format json 的输出）。",
    "Print nothing but errors, warnings (and --format json output).":
        "只输出错误和警告（以及 --format json 的输出）。",
    ("Project file (inputs, options, column mappings, thresholds): what it sets is used where the command line "
     "does not give it."):
        "项目文件（输入文件、选项、列名对照、阈值）：命令行没有给出的，按其中的设置。",
    ("Re-form classes from a previous analysis with other sizes or periods, without re-reading the "
     "roster.\n\n"
     "\b\nExample: needscli classes needscli-out --max-size 40 --periods 6\n\n"
     "Rewrites class-rosters.xlsx, classes.csv, assignments.csv, plan.csv and the gap report in the "
     "folder\n"
     "(and the hand-outs of by-unit/, by-organizer/ or by-host/ where analyze --split-by wrote them there),\n"
     "and prints the limits the plan was made under: those given here, else those of the analyze run\n"
     "(analysis.json keeps them; the options given here are never carried into a later run).\n"
     "A class-rosters.xlsx filled in or gap-report.xlsx annotated since needscli wrote it is not replaced (exit 3)\n"
     "unless --force."):
        ("按新的班次规模或时段数，用之前的分析结果重新编排班次，无需重新读取花名册。\n\n"
         "\b\n示例：needscli classes needscli-out --max-size 40 --periods 6\n\n"
         "重新写出该文件夹中的 class-rosters.xlsx、classes.csv、"
         "assignments.csv、plan.csv 和需求分析报告"
         "（analyze 用 --split-by 在该文件夹写出过 by-unit/、by-organizer/ 或 by-host/ 分发文件的，也一并重新写出），"
         "并显示编排计划所依据的限制条件：本命令给出的，"
         "没有给出的沿用 analyze 运行时的（保存在 analysis.json 中；"
         "本命令给出的选项不会带到以后的运行中）。"
         "needscli 写出后又填写过的 class-rosters.xlsx 或加过批注的 gap-report.xlsx 不会被替换（退出码 3），"
         "除非加 --force。"),
    ("Replace FILE if it exists. Without it an existing FILE (it may be a roster already filled in) "
     "stops the command: exit 3, nothing written."):
        ("所给文件已存在时将其替换。不加此选项时，"
         "如果该文件已存在（可能是已经填好的花名册），命令即停止：退出码 3，"
         "不写入任何文件。"),
    "Replace ids and names in every output by keyed tokens.":
        "在所有输出中，用由密钥生成的代号替换编号和姓名（假名化）。",
    ("Replace the office's work: a class-rosters.xlsx (or class-rosters-<organizer>.xlsx, or gap-report.xlsx) that is no "
     "longer as needscli wrote it (sign-in marks or hours attended filled in, notes added, saved again "
     "in Excel). Without --force such a file stops the run (exit 3, nothing written): move it elsewhere "
     "first (a signed sheet can go into the ledger with needscli records import). Inputs are never "
     "written over, --force or not."):
        ("覆盖已填写的内容：即已不是 needscli 写出时原样的 class-rosters.xlsx（或 class-rosters-<主办单位>.xlsx、"
         "gap-report.xlsx）"
         "（填写了签到标记或出勤学时、"
         "加了备注、在 Excel 中重新保存过）。不加 --force 时，"
         "遇到这样的文件运行即停止（退出码 3，"
         "不写入任何文件）：请先把它移到别处（签好的签到表可用 needscli records import 导入台账）。"
         "无论是否加 --force，输入文件都不会被覆盖。"),
    "Roster (花名册) for names, units and levels.": "花名册，从中取姓名、单位和职级。",
    ("Roster (花名册) the sign-in sheets' ids are checked against: a seat whose id is another name's there is held "
     "back (a warning at its cell); a seat whose id is on none of its rows (a cadre transferred out since, a sheet "
     "of an earlier year) is recorded all the same, with a warning at its cell. Its own problems are not listed "
     "(needscli validate lists them), nor count in the exit code: one line says how many."):
        ("核对签到表编号所用的花名册：编号在花名册上属于另一个姓名的席位暂不记录（在该单元格处给出警告）；"
         "编号不在花名册上的席位（如此后调出的人员、往年的签到表）仍记入台账，并在该单元格处给出警告。"
         "花名册本身的问题不在此列出（由 needscli validate 列出），也不影响退出码：只用一行说明有几个。"),
    ("Roster (花名册): the cadre's level picks its standard (annual or five-year), its hour columns (本年度学时 ...) "
     "count with the ledger's as analyze --ledger counts them, and its names can be asked for."):
        ("花名册：按干部的职级确定适用的标准（每年或五年）；花名册所填学时（本年度学时等）按 analyze --ledger "
         "的算法与台账合计；可按花名册上的姓名查找。"),
    ("Roster files (workbooks or CSV), folders of unit rosters or glob patterns; the first workbook may also "
     "hold the posts, priorities, topics, resources and rules sheets."):
        ("花名册文件（工作簿或 CSV）、存放各单位花名册的文件夹或通配符（glob）模式；"
         "第一个工作簿中还可以包含岗位职责、组织需求、课程、培训资源和规则工作表。"),
    ("Roster files (workbooks or CSV), folders of unit rosters or glob patterns, read as analyze reads them; the "
     "first workbook may also hold the posts, priorities, topics, resources and rules sheets."):
        ("花名册文件（工作簿或 CSV）、存放各单位花名册的文件夹或通配符（glob）模式，读法与 analyze 相同；"
         "第一个工作簿中还可以包含岗位职责、组织需求、课程、培训资源和规则工作表。"),
    "Rules: a .toml file or a sheet (规则).": "规则：.toml 文件或「规则」工作表。",
    ("Show one cadre's needs with the rule and facts behind each, the training the roster gives and\n"
     "whether it still counts, and the rules that did not apply with the facts that stopped them.\n\n"
     "\b\nExample: needscli explain data/samples/cadres.xlsx C0001\n"
     "         needscli explain data/samples/cadres.xlsx 孟华倩\n\n"
     "Reads ./needscli.toml (or --project) as analyze does: its column mapping, thresholds and as-of date."):
        ("显示一名干部的每项需求及其依据的规则和事实、花名册所载已参加培训是否仍然有效，"
         "以及未适用的规则和阻止其适用的事实。\n\n"
         "\b\n示例：needscli explain data/samples/cadres.xlsx C0001\n"
         "      needscli explain data/samples/cadres.xlsx 孟华倩\n\n"
         "与 analyze 一样读取 ./needscli.toml（或 --project 指定的文件）：其中的列名对照、"
         "阈值和分析基准日。"),
    "Show the version and exit.": "显示版本号后退出。",
    "Show what would change; write nothing.": "只显示将会有哪些变化，不写入任何内容。",
    "Smallest class.": "每个班次的人数下限。",
    ("The cadre's id (编号) as written in the records (typed full-width, read as half-width where no record has it "
     "so), or its name (姓名) on --roster where no other cadre has it."):
        ("干部编号，与培训记录中的写法一致（用全角输入的，记录中没有这种写法时按半角读取）；或干部姓名"
         "（按 --roster 花名册查找，花名册中没有同名干部时）。"),
    "The cadre's id (编号) as written in the roster, or its name (姓名) where no other cadre has it.":
        "干部编号（与花名册中的写法一致），或干部姓名（花名册中没有同名干部时）。",
    "The ledger file, the same for every records command; each says which ledger it used.":
        "台账文件，所有 records 命令用同一个；每条命令都会说明用的是哪个台账。",
    "The roster workbook or CSV (with its other sheets).":
        "花名册工作簿或 CSV 文件（连同其中的其他工作表）。",
    ("The training-records ledger: hours and completions carried from year to year.\n\n"
     "Import the class rosters you handed out (with attendance filled in), online platform exports and "
     "records sheets; then show a cadre's records, summarize hours, export the register, or take back "
     "records imported by mistake.\n\n"
     "Counting: a training counts in the year its END date falls in (one crossing New Year counts in the "
     "new year); the five-year total is the five years ending on the date asked; a training not completed "
     "(leave above 1/7 of its hours, failed) counts no hours and no days.\n\n"
     "Standards (2023 Regulations Art. 14): concentrated training (overseas included, online never) in "
     "days OR hours, 12 days or 90 h a year, or 90 days or 550 h in five years for county level and up; "
     "online learning apart, [hours] online_min_annual (50) h a year. A training's days are those its "
     "sign-in sheet prints (共15天) or its file's 天数 column gives, else its calendar days when both its "
     "dates are known (a class roster's plan month is not); a training without them adds its hours and "
     "no days.\n\n"
     "\b\nExample: needscli records import needscli-out/class-rosters.xlsx"):
        ("培训记录台账：逐年累积的学时和培训完成情况。\n\n"
         "导入下发的签到表（已填好出勤情况）、网络学习平台导出的记录和培训记录表；"
         "然后可以查看某名干部的记录、汇总学时、导出学时登记表，或删除误导入的记录。\n\n"
         "计算方法：培训按结束日期所在年度计入（跨年的培训计入新的一年）；"
         "五年累计为截至所查日期的五年；未完成的培训（请假超过该培训学时的 1/7，"
         "或考核不合格）不计学时，也不计天数。\n\n"
         "标准（2023 年修订的《干部教育培训工作条例》第十四条）：集中培训（含境外培训，"
         "网络培训一律不计）按天数或学时达标，每年 12 天或 90 学时，"
         "县处级以上为五年 90 天或 550 学时；网络学习另计，"
         "每年 [hours] online_min_annual（50）学时。"
         "天数按签到表所印的天数（共15天）或培训记录表的「天数」列计；都没有的，起止日期都已知的培训按日历天数计算（班次名册上的计划月份不算已知日期）；"
         "没有起止日期的培训只计学时，不计天数。\n\n"
         "\b\n示例：needscli records import needscli-out/class-rosters.xlsx"),
    ("Thresholds (TOML), with an optional [ledger] section (online_columns, present_marks, absent_marks) and the "
     "[classes] holidays the plan had; without it, ./needscli.toml's."):
        ("阈值（TOML），可含 [ledger] 节（online_columns、"
         "present_marks、absent_marks）和制定计划时所用的 [classes] 节假日；不给时用当前文件夹 needscli.toml 中的设置。"),
    "Thresholds and ladders (TOML).": "阈值和职级序列（TOML）。",
    "Topic catalog (课程) file.": "课程目录文件。",
    ("Training needs analysis for cadre education: rosters in, gap reports and class rosters out.\n\n"
     "\b\nExample: needscli analyze roster.xlsx"):
        ("干部教育培训需求分析：输入花名册，输出需求分析报告和班次名册。\n\n"
         "\b\n示例：needscli analyze roster.xlsx"),
    "Training resources (培训资源) file.": "培训资源文件。",
    "Training-records ledger: hours and completions come from it.":
        "培训记录台账：学时和培训完成情况从中读取。",
    "Treat any data problem as fatal (exit 2, nothing written).":
        "任何数据问题都按致命错误处理（退出码 2，不写入任何文件）。",
    "Where to write the empty input workbook (.xlsx).":
        "空白输入工作簿（.xlsx）的保存位置。",
    ("Where to write the register: an Excel workbook, its name ending in .xlsx (the register is written in no "
     "other format)."):
        "学时登记表的保存位置：Excel 工作簿，文件名须以 .xlsx 结尾（登记表不写成其他格式）。",
    ("Replace FILE though it is not a register needscli wrote. Without it an existing FILE that is anything "
     "else (signed sign-in sheets, a register edited or saved again in Excel) stops the command: exit 3, nothing "
     "written."):
        ("即使该文件不是 needscli 写出的学时登记表，也将其替换。不加此选项时，"
         "如果该文件已存在且是其他文件（签好的签到表、编辑过或在 Excel 中另存过的登记表），"
         "命令即停止：退出码 3，不写入任何文件。"),
    ("Write an empty input workbook: every sheet, its headers, instructions and drop-downs.\n\n"
     "\b\nExample: needscli template 模板.xlsx --lang zh\n\n"
     "Never replaces an existing file unless --force is given."):
        ("生成空白输入工作簿：包含全部工作表及各表的表头、填写说明和下拉选项。\n\n"
         "\b\n示例：needscli template 模板.xlsx --lang zh\n\n"
         "除非加 --force，否则不会替换已有的文件。"),
    ("Write the hours register (学时登记): per cadre this year's concentrated days and hours (overseas\n"
     "among them) and online hours, the five-year concentrated days and hours, the standard of the\n"
     "cadre's level (days or hours), the deficit, the online requirement and the last completions.\n\n"
     "\b\nExample: needscli records export 学时登记.xlsx --year 2026 --roster cadres.xlsx\n\n"
     "Names, units and levels (hence requirements) come from --roster. A register needscli wrote\n"
     "earlier at FILE, unchanged since, is replaced; any other file there is kept unless --force.\n"
     "Exit 1 when the roster had problems; 2 FILE is a folder or not a .xlsx name; 3 when the file\n"
     "cannot be written, or would replace an input or a file the office made (see --force)."):
        ("写出学时登记表：逐人列出本年度集中培训天数和学时（其中含境外培训）、网络学时，"
         "五年累计集中培训天数和学时，该干部职级适用的标准（天数或学时）、缺口、"
         "网络学时要求以及最近完成的培训。\n\n"
         "\b\n示例：needscli records export 学时登记.xlsx --year 2026 --roster cadres.xlsx\n\n"
         "姓名、单位和职级（并据此确定各项要求）取自 --roster。"
         "该位置已有 needscli 以前写出、此后未改动的登记表的，予以替换；其他文件予以保留，除非加 --force。"
         "退出码 1 表示花名册有问题；2 表示给出的是文件夹或文件名不以 .xlsx 结尾；"
         "3 表示文件无法写入，或会覆盖输入文件或培训科自己的文件（见 --force）。"),
    "class-rosters.xlsx with attendance, online platform exports, or records sheets (.xlsx or .csv).":
        ("已填出勤情况的 class-rosters.xlsx、"
         "网络学习平台导出的记录或培训记录表（.xlsx 或 .csv）。"),
    "table for people, json for scripts.": "table 供人阅读，json 供脚本处理。",
    "Output labels; auto follows the roster's headers.":
        "输出中标签文字的语言；auto 按花名册表头的语言自动选择。",
    # the defaults an option states in words (its show_default): [默认：今天]
    "today": "今天",
    "this year": "本年度",
    "as in the analyze run": "沿用 analyze 运行时的",
    "the FOLDER given": "所给的文件夹",
    "the built-in catalog": "内置课程目录",
    "the built-in rules": "内置规则",
    ("the built-in thresholds (the hours and obligations of the 2023 Regulations), listed in the README's "
     "Configuration section"):
        ("内置阈值（学时和必训任务依据 2023 年修订的《干部教育培训工作条例》），"
         "列在 README 的「配置」一节"),
    "the first of the month after --as-of": "--as-of 次月的第一天",
    "12, or [classes] periods of the thresholds": "12，或阈值中 [classes] periods 的值",
    **{class_default(key): class_default(key).replace("[classes] ", "阈值中 [classes] ").replace(
        " of the thresholds (", " 的值（").replace(")", "）") for key in CLASS_OPTIONS},
    "the key in $NEEDSCLI_PSEUDONYM_KEY": "环境变量 $NEEDSCLI_PSEUDONYM_KEY 中的密钥",
    "the one [inputs] ledger of ./needscli.toml names, else needscli-ledger.db in the current folder":
        "./needscli.toml 中 [inputs] ledger 指定的文件，未指定时为当前文件夹中的 needscli-ledger.db",
    "the rosters of [inputs] in ./needscli.toml": "./needscli.toml 中 [inputs] 的花名册",
    "needscli.toml of the current folder, else of the roster's folder":
        "当前文件夹中的 needscli.toml，没有时用花名册所在文件夹中的",
    # defaults that are values, typed as they are
    **{value: value for value in ("table", "auto", "zh", "needscli-out", "xlsx,csv,parquet", "--no-strict")},
}

# the words a value is shown by in the help (each option's or argument's metavar, or the one its type gives: see
# help_lang.placeholder), and their Chinese
PLACEHOLDERS_ZH: dict[str, str] = {
    "FILE": "文件",
    "FOLDER": "文件夹",
    "ROSTER": "花名册",
    "DATE": "日期",
    "N": "数字",
    "SHARE": "比例",
    "YEAR": "年份",
    "TEXT": "文字",
    "FORMATS": "格式",
    "ID": "编号",
    "CADRE": "编号或姓名",
    "CLASS": "班次编号",
    "BY": "方式",
}
