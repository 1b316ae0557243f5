"""The empty input workbook: every sheet, its headers, instructions and drop-downs."""

from __future__ import annotations

from pathlib import Path

from needscli.config import Config
from needscli.io.headers import ALIASES, ENGLISH
from needscli.io.load import SHEET_NAMES
from needscli.reports.files import atomic_path
from needscli.reports.xlsx import Book, display_width

TEMPLATE_ROWS = 2000
LISTS_SHEET = {"zh": "下拉选项", "en": "Lists"}

INSTRUCTIONS = {
    "zh": [
        "needscli 输入模板",
        "每个工作表一类数据；表头可以改写为常见别名（如“工号”代替“编号”），列顺序不限，多余列会被忽略。",
        "花名册：必填 编号、姓名、单位、职务、职级；其余列可选。日期可写 2023-05-01、2023-05、2023.05、2023年5月。",
        "编号按文本填写（如 007 或 18 位身份证号），不要转换为数字。",
        "“已参加培训”“个人培训需求”等多值单元格用 ；、，或换行分隔；已参加培训可附日期，如 党性教育(2024.06)。",
        "自评能力：增加“能力:主题名”列（1-5），可选“重要性:主题名”列（1-5）。",
        "岗位：每行一个岗位 × 一个所需主题，要求水平与重要程度为 1-5。",
        "组织需求：适用单位/职级/类别留空或填“全部”表示不限；职级可写 县处级以上 等分组。",
        "课程、培训资源、规则为可选表；不填则使用内置课程目录与规则。",
        "检查：needscli validate 文件.xlsx；分析：needscli analyze 文件.xlsx",
    ],
    "en": [
        "needscli input template",
        "One sheet per kind of data; headers may use common aliases, columns may come in any order, extra columns are ignored.",
        "Roster: Cadre ID, Name, Unit, Post and Level are required. Dates may be 2023-05-01, 2023-05, 2023.05 or 2023年5月.",
        "Type ids as text (e.g. 007 or an 18-digit id number), never as numbers.",
        "List cells (completed training, personal needs) are separated by ; , 、 or new lines; completed training may carry a date: Party spirit(2024.06).",
        "Self-rated ability: add columns 'ability:<topic>' (1-5) and optionally 'importance:<topic>' (1-5).",
        "Posts: one row per post x required topic; required level and importance are 1-5.",
        "Priorities: leave target units / levels / categories empty or write 'all'; levels may be groups such as county-and-above.",
        "Topics, resources and rules are optional; without them the built-in catalog and rules apply.",
        "Check: needscli validate FILE.xlsx; analyze: needscli analyze FILE.xlsx",
    ],
}


def _lists(config: Config, lang: str) -> dict[str, list[str]]:
    en = lang == "en"
    return {
        "level": [lv.english or lv.name if en else lv.name for lv in config.levels],
        "category": [v.english or v.name if en else v.name for v in config.categories],
        "job_family": [v.english or v.name if en else v.name for v in config.job_families],
        "source_kind": [v.english or v.name if en else v.name for v in config.source_kinds],
        "target_levels": [g.english or g.name if en else g.name for g in config.level_groups]
        + [lv.english or lv.name if en else lv.name for lv in config.levels],
    }


# fields kept as typed: ids and codes (0001 must not become 1) and dates (2023.10 must not become
# the number 2023.1); their columns are formatted as text ('@'), which Excel and LibreOffice apply
# to what is typed into any cell of the column
TEXT_FIELDS = {
    "roster": ("id", "post_code", "appointed", "entry_date", "birth_date"),
    "posts": ("post_code",),
    "priorities": ("id", "deadline"),
    "topics": ("id",),
    "resources": (),
    "rules": ("id",),
}

# (sheet kind, field) -> which list feeds its drop-down
DROPDOWNS = {
    ("roster", "level"): "level",
    ("roster", "category"): "category",
    ("roster", "job_family"): "job_family",
    ("posts", "job_family"): "job_family",
    ("priorities", "source_kind"): "source_kind",
    ("priorities", "target_levels"): "target_levels",
}


def write_template(path: Path, config: Config, lang: str = "zh") -> None:
    """Write the template workbook atomically."""
    with atomic_path(path) as tmp:
        book = Book(tmp)
        _instructions(book, lang)
        lists = _lists(config, lang)
        ranges = _lists_sheet(book, lists, lang)
        for kind in ("roster", "posts", "priorities", "topics", "resources", "rules"):
            _data_sheet(book, kind, lang, ranges)
        book.close()


def _instructions(book: Book, lang: str) -> None:
    ws = book.add_sheet("说明" if lang == "zh" else "Instructions")
    lines = INSTRUCTIONS[lang]
    book.write_text(ws, 0, 0, lines[0], book.fmt["title"])
    for i, line in enumerate(lines[1:], start=2):
        book.write_text(ws, i, 0, line, book.fmt["wrap"])
    ws.set_column(0, 0, 110)


def _lists_sheet(book: Book, lists: dict[str, list[str]], lang: str) -> dict[str, str]:
    name = LISTS_SHEET[lang]
    ws = book.add_sheet(name)
    ranges = {}
    for c, (key, values) in enumerate(lists.items()):
        book.write_text(ws, 0, c, key, book.fmt["header"])
        for r, value in enumerate(values, start=1):
            book.write_text(ws, r, c, value)
        col = chr(65 + c)
        ranges[key] = f"='{name}'!${col}$2:${col}${len(values) + 1}"
        ws.set_column(c, c, 24)
    ws.hide()
    return ranges


def _data_sheet(book: Book, kind: str, lang: str, ranges: dict[str, str]) -> None:
    title = SHEET_NAMES[kind][0] if lang == "zh" else SHEET_NAMES[kind][SHEET_NAMES[kind].index(kind)]
    ws = book.add_sheet(title)
    fields = list(ENGLISH[kind])
    for c, name in enumerate(fields):
        header = ALIASES[kind][name][0] if lang == "zh" else ENGLISH[kind][name]
        book.write_text(ws, 0, c, header, book.fmt["header"])
        column_format = book.fmt["textcol"] if name in TEXT_FIELDS[kind] else book.fmt["text"]
        ws.set_column(c, c, max(display_width(header) + 4, 12), column_format)
        source = DROPDOWNS.get((kind, name))
        if source:
            ws.data_validation(1, c, TEMPLATE_ROWS, c, {
                "validate": "list", "source": ranges[source],
                "error_type": "warning" if name == "target_levels" else "stop",
                "input_title": header[:32], "show_error": name != "target_levels",
            })
    ws.freeze_panes(1, 0)
