"""The empty input workbook: every sheet, its headers, instructions and drop-downs."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from needscli.config import Config
from needscli.io.headers import ALIASES, ENGLISH, header_label
from needscli.io.load import SHEET_NAMES
from needscli.labels import label
from needscli.reports.files import atomic_path
from needscli.reports.xlsx import Book, display_width

TEMPLATE_ROWS = 2000
# the lines of the Instructions sheet under its heading, in order
INSTRUCTIONS = ("template.sheets", "template.roster", "template.hours", "template.dates", "template.ids",
                "template.lists", "template.ability", "template.posts", "template.priorities", "template.optional",
                "template.topics", "template.rules", "template.commands")


class Named(Protocol):
    """A level, level group or vocabulary entry: its name, and its English where one is set."""

    @property
    def name(self) -> str: ...

    @property
    def english(self) -> str: ...


def _lists(config: Config, lang: str) -> dict[str, list[str]]:
    def names(values: Sequence[Named]) -> list[str]:
        return [v.english or v.name for v in values] if lang == "en" else [v.name for v in values]

    return {
        "level": names(config.levels),
        "category": names(config.categories),
        "job_family": names(config.job_families),
        "source_kind": names(config.source_kinds),
        "target_levels": names(config.level_groups) + names(config.levels),
        "managed_by": organizers(config),
    }


def organizers(config: Config) -> list[str]:
    """The organizers (管理权限) the [classes] settings name, the management levels first, once each."""
    classes = config.classes
    return list(dict.fromkeys([*classes.organizer_order, *classes.organizer_by_tier.values(),
                               *(o for table in classes.organizer_by_unit_level.values() for o in table.values()),
                               *classes.organizer_tiers, *(o for pair in classes.organizer_parent.items() for o in pair),
                               *classes.organizer_bodies]))


# fields kept as typed: ids and codes (0001 must not become 1) and dates (2023.10 must not become
# the number 2023.1); their columns are formatted as text ('@'), which Excel and LibreOffice apply
# to what is typed into any cell of the column
TEXT_FIELDS = {
    "roster": ("id", "post_code", "appointed", "entry_date", "recorded", "birth_date"),
    "posts": ("post_code",),
    "priorities": ("id", "start", "deadline"),
    "topics": ("id",),
    "resources": (),
    "rules": ("id",),
}

# (sheet kind, field) -> which list feeds its drop-down. Every one is a suggestion: each column also reads other
# forms (正处级 for 县处级正职, aliases, English) and what the configuration adds, so Excel warns of another value
# and lets it be kept, never refuses it
DROPDOWNS = {
    ("roster", "level"): "level",
    ("roster", "category"): "category",
    ("roster", "job_family"): "job_family",
    ("roster", "managed_by"): "managed_by",
    ("posts", "job_family"): "job_family",
    ("priorities", "source_kind"): "source_kind",
    ("priorities", "target_levels"): "target_levels",
}
# the input message of a drop-down's column, where it says more than template.suggest
SUGGESTIONS = {"level": "template.suggest.level", "managed_by": "template.suggest.managed_by",
               "target_levels": "template.suggest.target_levels"}


def write_template(path: Path, config: Config, lang: str = "zh", replace: bool = False) -> None:
    """Write the template workbook atomically; an existing file at path (perhaps a roster filled in from
    an earlier template) is replaced only with replace, else OutputError."""
    with atomic_path(path, keep_existing=not replace) as tmp:
        book = Book(tmp)
        _instructions(book, config, lang)
        lists = _lists(config, lang)
        ranges = _lists_sheet(book, lists, lang)
        for kind in ("roster", "posts", "priorities", "topics", "resources", "rules"):
            _data_sheet(book, kind, lang, ranges)
        book.close()


def _instructions(book: Book, config: Config, lang: str) -> None:
    """The Instructions sheet: a line per INSTRUCTIONS key, the hours standards as the config sets them."""
    ws = book.add_sheet(label("template.sheet.instructions", lang))
    book.write_text(ws, 0, 0, label("template.heading", lang), book.fmt["title"])
    for i, key in enumerate(INSTRUCTIONS, start=2):
        book.write_text(ws, i, 0, _hours_line(config, lang) if key == "template.hours" else label(key, lang),
                        book.fmt["wrap"])
    ws.set_column(0, 0, 110)


def _hours_line(config: Config, lang: str) -> str:
    """The instructions' line on the hours columns: the standards as the config sets them, a days figure of 0 (hours
    only), no five-year tiers or no online duty left unsaid."""
    hours = config.hours
    annual = (label("template.hours.either", lang, days=f"{hours.annual_days_required:g}",
                    hours=f"{hours.annual_required:g}", span=label("template.hours.year", lang))
              if hours.annual_days_required else
              label("template.hours.only", lang, hours=f"{hours.annual_required:g}", span=label("template.hours.year", lang)))
    span = label("template.hours.years", lang, years=hours.cycle_years)
    five = (label("template.hours.either", lang, days=f"{hours.five_year_days_required:g}",
                  hours=f"{hours.five_year_required:g}", span=span) if hours.five_year_days_required else
            label("template.hours.only", lang, hours=f"{hours.five_year_required:g}", span=span))
    standards = (label("template.hours.five", lang, annual=annual, five=five,
                       tiers=label("list_joiner", lang).join(hours.five_year_tiers))
                 if hours.five_year_tiers else annual)
    online = (label("template.hours.online", lang, online=f"{hours.online_min_annual:g}") if hours.online_min_annual
              else "")  # no online duty: nothing to say
    return label("template.hours", lang, standards=standards, online=online)


def _lists_sheet(book: Book, lists: dict[str, list[str]], lang: str) -> dict[str, str]:
    name = label("template.sheet.lists", lang)
    ws = book.add_sheet(name)
    ranges = {}
    for c, (key, values) in enumerate(lists.items()):
        book.write_text(ws, 0, c, header_label("priorities" if key in ("source_kind", "target_levels") else "roster",
                                               key, lang), book.fmt["header"])
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
            ws.data_validation(1, c, TEMPLATE_ROWS, c, _suggestion(ranges[source], name, header, lang))
    ws.freeze_panes(1, 0)


def _suggestion(source: str, name: str, header: str, lang: str) -> dict[str, object]:
    """A drop-down that suggests: another value typed is warned of and may be kept (Excel's 'warning' style), the
    column's input message saying so; a list of levels (target_levels, several in a cell) is never warned of."""
    return {
        "validate": "list", "source": source, "error_type": "warning", "show_error": name != "target_levels",
        "input_title": header[:32], "input_message": label(SUGGESTIONS.get(name, "template.suggest"), lang)[:255],
        "error_title": label("template.suggest.error_title", lang)[:32],
        "error_message": label("template.suggest.error", lang)[:255],
    }
