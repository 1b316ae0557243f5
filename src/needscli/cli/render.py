"""The terminal side of the CLI: rich tables, progress bars, messages. Only the CLI imports this."""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import typer
from rich.console import Console
from rich.text import Text

from needscli.errors import ExitCode, NeedsError, Problem
from needscli.text import typed_command

# tables and report labels are imported when something is rendered: start-up and --help need neither
if TYPE_CHECKING:
    from rich.console import ConsoleOptions, RenderableType
    from rich.table import Table as RichTable

    from needscli.core.analysis import Analysis
    from needscli.core.needs import NeedsResult
    from needscli.models import Cadre, Inputs
    from needscli.planner import Plan
    from needscli.reports.gap_report import LeftOut

class Format(StrEnum):
    """--format: table for people, json for scripts."""

    table = "table"
    json = "json"


out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


_json_errors = False  # the running command was asked for --format json
_fatal_lang = ""  # the language errors are said in: --lang, else the roster's once read, else the locale's


def set_fatal_lang(lang: str) -> None:
    """Say the errors from now on in lang ("zh" or "en"; "" or "auto": as fatal_lang() decides)."""
    global _fatal_lang
    _fatal_lang = "" if lang == "auto" else lang


_run_lang = ""  # the language of the running command's messages, once it knows it: what an interrupt is said in


def set_run_lang(lang: str) -> None:
    """The running command, one writing outputs (analyze, classes, rollup), says its messages in lang ("zh" or "en"):
    so is an interrupt (Ctrl-C, SIGTERM) said, with the outputs begun removed."""
    global _run_lang
    _run_lang = lang


def run_writes() -> bool:
    """Whether the running command writes outputs it removes when stopped (it said its language: set_run_lang)."""
    return bool(_run_lang)


def run_lang() -> str:
    """The language of the running command's messages where it has said it (set_run_lang), else fatal_lang()'s."""
    return _run_lang or fatal_lang()


def fatal_lang(hint: str = "") -> str:
    """The language of errors: --lang, else hint (the language of the roster the error was found in), else
    English where the locale is English, else Chinese (the offices' language; a C or POSIX locale says
    nothing)."""
    if _fatal_lang:
        return _fatal_lang
    if hint in ("zh", "en"):
        return hint
    for name in ("NEEDSCLI_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"


def errors_as_json(enabled: bool) -> None:
    """A fatal error is also printed as JSON on stdout (set once a command knows its --format)."""
    global _json_errors
    _json_errors = enabled


def error_json(message: str, exit_code: int, problems: Sequence[Problem] = (), code: str = "",
               not_listed: int = 0) -> dict[str, object]:
    """The JSON a script gets on stdout for a fatal error (exit 2 or 3); the message also goes to stderr.
    not_listed: problems found past those given (errors.PROBLEMS_KEPT), counted as problems_not_listed."""
    kind = code or ("output-failed" if exit_code == ExitCode.OUTPUT_FAILED else "input-unusable")
    error: dict[str, object] = {"code": kind, "exit_code": exit_code, "message": message,
                                "problems": [p.as_dict() for p in problems]}
    if not_listed:
        error["problems_not_listed"] = not_listed
    return {"error": error}


def report_fatal(message: str, exit_code: int, problems: Sequence[Problem] = (), code: str = "",
                 lang: str = "", not_listed: int = 0) -> None:
    """'错误：...' ('Error: ...' in English) on stderr; with --format json, the error as JSON on stdout as well."""
    lang = fatal_lang(lang)
    if lang != "en":
        from needscli.wording import in_chinese, problems_in

        message, problems = in_chinese(message), problems_in(list(problems), lang)
    err.print(f"错误：{message}" if lang != "en" else f"Error: {message}", markup=False, highlight=False)
    print_error_json(message, exit_code, problems, code, not_listed)


def said(message: str, lang: str) -> str:
    """A message written in English, in lang: as it is written, or its Chinese (wording.in_chinese)."""
    if lang == "en":
        return message
    from needscli.wording import in_chinese

    return in_chinese(message)


def print_json(data: object) -> None:
    """data as JSON on stdout (indented by 2), for scripts. Written as it is: the console's print_json lays out a
    highlighted copy of every token, about 190 MB and seconds for a summary listing 6,000 problems."""
    stdout = out.file
    stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    stdout.flush()


def print_error_json(message: str, exit_code: int, problems: Sequence[Problem] = (), code: str = "",
                     not_listed: int = 0) -> None:
    """The error as JSON on stdout, if the command was asked for --format json."""
    if _json_errors:
        print_json(error_json(message, exit_code, problems, code, not_listed))


def handled(func: Callable[..., None]) -> Callable[..., None]:
    """A command that turns NeedsError into 'Error: ...' on stderr and its documented exit code.

    A command with --format json also prints the error as JSON on stdout (error_json).
    """

    @functools.wraps(func)
    def wrapper(*args: object, **kwargs: object) -> None:
        errors_as_json(kwargs.get("fmt") is Format.json)
        try:
            func(*args, **kwargs)
        except NeedsError as exc:
            report_fatal(exc.message, int(exc.exit_code), exc.problems, lang=exc.lang, not_listed=exc.not_listed)
            raise typer.Exit(int(exc.exit_code)) from None

    return wrapper


def say(text: str, console: Console | None = None) -> None:
    """A line of prose for people (a summary's sentence, advice, what was written), on stdout or console, broken at
    the terminal's width where Chinese and English text break (cli.line_breaks): a word, a number, a file's path and
    a rule's id whole on a line, one wider than the terminal on a line of its own; a line begun with spaces (an item
    of a list) goes on two spaces further in. Left to the terminal, a line past its width went on at the next line's start, inside a
    word or a figure. Output piped with no COLUMNS keeps each message on one line, for the scripts that read it."""
    console = console or out
    if not (console.is_terminal or os.environ.get("COLUMNS")):
        console.print(text, markup=False, highlight=False)
        return
    from needscli.cli.line_breaks import fold_text

    indent = text[:len(text) - len(text.lstrip(" "))]
    hanging = indent + "  " if indent else ""  # an item's next lines under its words, not as the next item
    words = text[len(indent):]
    first, *rest = fold_text(words, max(console.width - len(indent), 1), fold=False)
    if rest and hanging:  # the rest of the text, after the first line and the spaces it broke at
        rest = fold_text(words[len(first):].lstrip(" "), max(console.width - len(hanging), 1), fold=False)
    console.print("\n".join([indent + first, *(hanging + line for line in rest)]), markup=False, highlight=False)


@contextlib.contextmanager
def errors_in(lang: str) -> Iterator[None]:
    """An error of no input's language met within (an output that could not be written) said in lang, the language
    of the analysis the command works on, not the locale's."""
    try:
        yield
    except NeedsError as exc:
        if not exc.lang:
            exc.lang = lang
        raise


def plain(*values: str) -> list[Text]:
    """Cell values as plain text: data from a roster is never read as rich markup."""
    return [Text(v) for v in values]


def folded(lang: str, *values: str) -> list[RenderableType]:
    """Cell values of a column of Chinese sentences, as plain text that breaks its lines where Chinese does: between
    characters, never inside 2026-09-01 or C004, nor 第 14 行 at its spaces (cli.line_breaks). English as plain()."""
    if lang == "en":
        return list(plain(*values))
    from needscli.cli.line_breaks import table_cell

    return [table_cell(v) for v in values]


def widest_piece(text: str) -> int:
    """The cells of the widest piece of a text no line breaks inside where the column has room (cli.line_breaks)."""
    from needscli.cli.line_breaks import widest_piece as piece

    return piece(text)


def problems_table(problems: list[Problem], limit: int | None = None, lang: str = "zh",
                   rows_skipped: bool = False) -> RenderableType:
    """The problems as a table in lang: where each is (file, sheet, cell), what kind, and what is wrong. rows_skipped:
    the problems of an input's rows, an error's row left out (validate, analyze), which its message then says."""
    from needscli.labels import code_label, label
    from needscli.reports.summary import listed_problems

    listed = listed_problems(problems, limit)
    # the sheet's column only where a problem names a sheet: a CSV has none (its problems name the file and the cell)
    sheets = any(p.sheet for p in listed)
    keys = ("col.file", "col.sheet", "col.cell", "col.problem_kind", "col.message")
    headers = [label(key, lang) for key in keys if sheets or key != "col.sheet"]
    # a problem of a whole row: its row, said as one (第 77 行), not a number under 单元格
    # a row left out says so where it is named (the count line's 跳过 1 行（见下表） points here), as the gap report's
    # Problems sheet says it in its column 处理
    skipped = code_label("severity", "error", lang) + ("：" if lang == "zh" else ": ")
    cells = [[p.file, *([p.sheet] if sheets else []), p.cell or (label("cli.row_cell", lang, row=p.row) if p.row else ""),
              code_label("problem", p.code, lang),
              (skipped if rows_skipped and p.severity == "error" and p.row else "") + p.message]
             for p in listed]
    return _ProblemsTable(label("cli.problems_title", lang, n=len(problems)), headers, cells, lang)


class _ProblemsTable:
    """The problems' table, its columns sized for the terminal it is drawn in. A problem's place (its file, sheet and
    cell) is kept whole, and the message takes the folding: 干部花名册 went over two lines (干部花 / 名册) at 80
    columns, and at 60 第 13 行 over three. Where the places fit side by side, beside the kind and a message given
    2/5 of the room at the least, each has its column and the message the share of the width (SHARES) that shows the
    rows in the fewest lines; the kind gives up the rest, down to its header's width. In a narrower terminal the places
    stand one above the other in one column, headed 文件 / 工作表 / 单元格, and the kind and the message share what it
    leaves. Left to rich, every wide column shrank alike, and a narrow terminal gave the message a column as narrow as
    the file's name, five characters a line."""

    SHARES = tuple(share / 20 for share in range(8, 16))  # the message's share of the width: 2/5 to 3/4
    NARROWEST = 4  # a column's cells, at the least
    KEPT = 12  # a kind of up to 6 Chinese characters is kept whole (必填项为空), where the message has its room
    FILE_KEPT = 16  # a file's name wider than half the room: its first 16 cells on a line (cadres.xlsx whole)
    SAMPLE = 200  # rows whose lines are counted to choose the share

    def __init__(self, title: str, headers: list[str], cells: list[list[str]], lang: str) -> None:
        self.title, self.headers, self.cells, self.lang = title, headers, cells, lang

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[RichTable]:
        from rich.table import Table as RichTable

        headers, cells, caps = self.layout(options.max_width)
        table = RichTable(title=self.title, show_lines=False, expand=False)
        for header, cap in zip(headers, caps, strict=True):
            table.add_column(header, overflow="fold", max_width=cap)
        for row in cells:
            table.add_row(*folded(self.lang, *row))
        yield table

    def layout(self, width: int) -> tuple[list[str], list[list[str]], list[int | None]]:
        """The headers, the rows and each column's widest (None: as wide as its cells) for a terminal this wide: the
        places in columns of their own where they fit whole, else one above the other."""
        caps = self._caps(self.headers, self.cells, width, stacked=False)
        if caps is not None:
            return self.headers, self.cells, caps
        places = len(self.headers) - 2  # the file, the sheet where there is one, the cell
        headers = ["\n".join(self.headers[:places]), *self.headers[places:]]
        cells = [["\n".join(row[:places]).rstrip("\n"), *row[places:]] for row in self.cells]
        return headers, cells, self._caps(headers, cells, width, stacked=True) or [None] * len(headers)

    def _caps(self, headers: list[str], cells: list[list[str]], width: int, stacked: bool) -> list[int | None] | None:
        """Each column's widest for a terminal this wide; None where the places do not fit whole in columns of their
        own beside the kind and 2/5 of the room for the message (stacked: they are in one column already)."""
        natural = [max([_widest_line(h), *(_widest_line(row[i]) for row in cells)]) for i, h in enumerate(headers)]
        room = width - (3 * len(natural) + 1)  # each column's borders and padding
        if sum(natural) <= room:
            return [None] * len(natural)
        sample = cells[:self.SAMPLE]
        # the places whole (a file's name no wider than half the room; else its first FILE_KEPT cells a line); the
        # kind KEPT cells, else its header and its words (organizer, not organiz / er), else its words alone; the
        # message 2/5 of the room and its widest word (（organizer_by_unit_level）, a date), where that is no more than 3/5
        places = [self._place(headers[i], [row[i] for row in cells], room) for i in range(len(natural) - 2)]
        if stacked:  # the places' column no wider than they need: the room left is the message's
            natural[0] = places[0]
        words = max((_widest_word(row[-2]) for row in sample), default=0)
        message = max(int(room * self.SHARES[0]), min(int(room * 3 / 5), max(
            (widest_piece(row[-1]) for row in sample), default=0)))
        header = _widest_line(headers[-2])
        for kind in (max(self.NARROWEST, header, words, self.KEPT), max(self.NARROWEST, header, words),
                     max(self.NARROWEST, words)):
            least = [*places, min(natural[-2], kind)]
            if room - sum(least) >= message:
                break
        else:
            if not stacked:
                return None
            least = [*places, min(natural[-2], self.NARROWEST)]
            message = min(message, room - sum(least))

        def lines(caps: list[int]) -> int:  # the sampled rows' lines, each cell's text at its column's width
            return sum(max(_lines_of(text, cap) for text, cap in zip(row, caps, strict=True)) for row in sample)

        tried = [self._shrunk(natural, least, room, share, message) for share in self.SHARES]
        # the fewest lines; then the others the widest (roster.xlsx whole, not rost / er.x / lsx beside a message
        # as long either way)
        best = min(tried, key=lambda caps: (lines(caps), caps[-1]))
        return [*best[:-1], None]

    def _place(self, header: str, texts: list[str], room: int) -> int:
        """A column of places' least cells: each line whole (干部花名册, 第 334 行), a file's name (a cell's first line)
        wider than half the room its first FILE_KEPT cells, another line no wider than half the room."""
        from rich.cells import cell_len

        files = max([0, *(cell_len(text.split("\n")[0]) for text in texts)])
        others = max([*(cell_len(line) for line in header.split("\n")),
                      *(cell_len(line) for text in texts for line in text.split("\n")[1:])])
        return max(files if files <= room // 2 else self.FILE_KEPT, min(others, room // 2))

    def _shrunk(self, natural: list[int], least: list[int], room: int, share: float, floor: int) -> list[int]:
        """The columns' widths where the message takes this share of the room, floor cells at the least: the others
        give up what they must, the widest first, down to their least; the message takes what they leave."""
        message = min(natural[-1], max(self.NARROWEST, floor, int(room * share)))
        caps, left = natural[:-1], room - message
        while sum(caps) > left:
            shrinking = [i for i, cap in enumerate(caps) if cap > least[i]]
            if not shrinking:
                break
            widest = max(shrinking, key=caps.__getitem__)
            caps[widest] -= 1
        return [*caps, max(1, min(natural[-1], room - sum(caps)))]


def _widest_line(text: str) -> int:
    from rich.cells import cell_len

    return max(cell_len(line) for line in text.split("\n"))


_WORD = re.compile(r"[^\s\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]+")  # a run a line does not break: no space, no Chinese


def _widest_word(text: str) -> int:
    """The cells of a text's widest run of letters, digits and their punctuation (organizer, 2026-11-01)."""
    return max((len(word) for word in _WORD.findall(text)), default=0)


def _lines_of(text: str, width: int) -> int:
    """About how many lines a text takes in a column this wide: Chinese two cells a character (an odd cell left
    over), other text broken at its spaces (a word wider than the column folded); each of its lines so."""
    from rich.cells import cell_len

    if "\n" in text:
        return sum(_lines_of(line, width) for line in text.split("\n"))
    width = max(width, 1)
    if not text.isascii():
        return -(-cell_len(text) // max(width - width % 2, 1)) if width > 1 else cell_len(text)
    lines, used = 1, 0
    for word in text.split():
        size = len(word)
        if used and used + 1 + size <= width:
            used += 1 + size
        else:  # on a line of its own (a new one where this one has words), folded where wider than the column
            lines, used = lines + bool(used) + (size - 1) // width, (size - 1) % width + 1
    return lines


_COUNT_KEYS = {"roster": "cli.count.roster", "posts": "cli.count.posts", "priorities": "cli.count.priorities",
               "topics": "cli.count.topics", "resources": "cli.count.resources", "rules": "cli.count.rules"}


SHEETS_SHOWN = 3  # the roster's sheets the terminal names: the first ones (it says how many there are)


class RosterSheets(NamedTuple):
    """The sheets a roster was read from, as the terminal says them."""

    sheets: int
    files: int
    names: str  # the first SHEETS_SHOWN, joined


def roster_sheets_read(inputs: Inputs, lang: str) -> RosterSheets | None:
    """Where a roster file gave more than one sheet: how many sheets, of how many files, and the first SHEETS_SHOWN
    of them named (a sheet's name; file「sheet」 where there are several files), " …" after them where there are
    more; None where each file gave one sheet."""
    from needscli.labels import label

    read = list(inputs.roster_columns)  # (file, sheet), in the order they were read
    files = len({file for file, _ in read})
    if len(read) <= files:
        return None
    names = [sheet if files == 1 else label("cli.count.file_sheet", lang, file=file, sheet=sheet)
             for file, sheet in read[:SHEETS_SHOWN]]
    return RosterSheets(len(read), files,
                        label("list_joiner", lang).join(names) + (" …" if len(read) > SHEETS_SHOWN else ""))


def counts_line(inputs: Inputs, lang: str = "zh") -> str:
    """What was read: 已读取：干部 480 人、岗位要求 56 条 …; skipped rows too."""
    from needscli.labels import label

    joiner = "、" if lang != "en" else ", "
    sheets = roster_sheets_read(inputs, lang)
    # where a roster file gave more than one sheet: how many sheets (of how many files), and which
    whence = "" if sheets is None else label("cli.count.roster_sheets", lang, n=sheets.sheets, names=sheets.names) \
        if sheets.files == 1 else label("cli.count.roster_files_sheets", lang, n=sheets.sheets, files=sheets.files,
                                        names=sheets.names)
    parts = [label(_COUNT_KEYS[k], lang, n=n) + (whence if k == "roster" else "")
             for k, n in inputs.counts.items() if k in _COUNT_KEYS and (n or k == "roster")]
    skipped = sum(inputs.skipped.values())
    return label("cli.loaded", lang, parts=joiner.join(parts)) + (
        label("cli.skipped_rows", lang, n=skipped) if skipped else "")


def problem_kinds(problems: Sequence[Problem], lang: str) -> str:
    """The problems of a list too long to show counted by kind, the most first (达标情况未知 6,485 处 …): what a
    province's 6,488 problems are, where 20 of them are listed."""
    from collections import Counter

    from needscli.labels import code_label, label

    counts = Counter(p.code for p in problems)
    kinds = label("list_joiner", lang).join(
        label("cli.problem_kind", lang, kind=code_label("problem", code, lang), n=n)
        for code, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])))
    return label("cli.problem_kinds", lang, kinds=kinds)


def more_problems(left: int, lang: str, where: str = "gap_report") -> str:
    """The line under a cut list of problems: how many more, and where they all are."""
    from needscli.labels import label

    key = {"gap_report": "cli.more_problems.gap_report", "analysis_json": "cli.more_problems.analysis_json",
           "json": "cli.more_problems.json"}[where]
    return label(key, lang, n=left)


def render_validation(inputs: Inputs, fmt: Format, exit_code: int) -> None:
    """What validate found: counts and problems for people, or JSON with the exit code the command ends with (as
    analyze's, classes' and rollup's summaries have it); inputs without a cadre get no JSON (the error that
    follows is the answer)."""
    if fmt is Format.json:
        if inputs.cadres:
            print_json({
                "counts": inputs.counts,
                "skipped": inputs.skipped,
                "problems": [p.as_dict() for p in inputs.problems],
                "exit_code": exit_code,
            })
        return
    from needscli.labels import label

    lang = inputs.lang
    say(counts_line(inputs, lang))
    if inputs.counts.get("priorities"):  # the direction of 优先级, said where the office checks its sheets
        say(label("priority_scale", lang))
    if inputs.problems:
        out.print(problems_table(inputs.problems, lang=lang, rows_skipped=True))
    elif inputs.cadres:
        out.print(f"[green]{label('cli.no_problems', lang)}[/green]")


def progress_reporter(enabled: bool, lang: str = "") -> tuple[Callable[[str, int, int], None] | None, Callable[[], None]]:
    """A rich progress bar on stderr for long work, only when stderr is a terminal; (callback, stop).

    A stage reported with a total gets a bar (cadres done of all); one without, a running line. Each stage is said in
    lang (--lang; auto: fatal_lang's, Chinese but under an English locale) until the run tells its own (SPEAKS, once
    the roster or the saved analysis is read): the roster's language is not known yet when it is read.
    """
    if not enabled or not err.is_terminal:
        return None, lambda: None
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskID,
        TextColumn,
        TimeElapsedColumn,
    )

    from needscli.pipeline import SPEAKS

    class Counted(MofNCompleteColumn):
        """done/total as a person reads counts (45,000/100,000); nothing for a stage without a total, as it runs (not
        0/?) or once over (not 1/1)."""

        def render(self, task: Any) -> Text:
            return Text(stage_count(task.completed, task.total if task.fields.get("counted") else None),
                        style="progress.download")

    bar = Progress(TextColumn("{task.description}"), BarColumn(), Counted(), TimeElapsedColumn(),
                   console=err, transient=True)
    tasks: dict[str, TaskID] = {}

    def stop() -> None:
        if tasks:  # a bar that never started prints nothing
            bar.stop()

    words = [lang if lang in ("zh", "en") else fatal_lang()]  # until the run says its own (SPEAKS)

    def report(stage: str, done: int, total: int) -> None:
        if stage.startswith(SPEAKS):
            if lang not in ("zh", "en"):  # --lang, where given, says the run's language already
                words[0] = stage.removeprefix(SPEAKS)
            return
        if stage not in tasks:
            if not tasks:
                bar.start()
            for task in bar.task_ids:  # the stage before this one is over
                bar.update(task, completed=bar.tasks[task].total or 1, total=bar.tasks[task].total or 1)
            tasks[stage] = bar.add_task(stage_words(stage, words[0]), total=total or None, counted=bool(total))
        if done:
            bar.advance(tasks[stage], done)

    return report, stop


def stage_count(done: float, total: float | None) -> str:
    """A progress bar's count of a stage: done of total as a person reads counts (45,000/100,000, done padded to
    total's width); "" for a stage without a total."""
    if total is None:
        return ""
    whole = count(int(total))
    return f"{count(int(done)):>{len(whole)}}/{whole}"


def count(value: int) -> str:
    """A count as a person reads it: thousands apart (943,258), as the sums beside it (figure)."""
    return f"{value:,}"


def figure(value: float) -> str:
    """A sum as a person reads it: thousands apart, two decimals at most where it has them (9,670,000 and 2,591.4,
    never 9.67e+06)."""
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")  # as the workbook rounds it: 34,423.57, 0.04, never 0.0


_STAGES = {"finding needs": "progress.needs", "forming classes": "progress.classes",
           "writing reports": "progress.writing", "checking inputs": "progress.checking"}


def stage_words(stage: str, lang: str) -> str:
    """A stage of the pipeline's progress (finding needs, reading roster.xlsx ...) in lang's words."""
    from needscli.labels import label

    if stage in _STAGES:
        return label(_STAGES[stage], lang)
    if stage.startswith("reading "):
        return label("progress.reading", lang, file=stage.removeprefix("reading "))
    return stage


def obligations_table(by_kind: dict[str, dict[str, int]], lang: str, caption: str | None = None) -> RichTable:
    """The obligations, one line per kind with its counts by status (unknown: a blank cell the obligation needs)."""
    from rich.table import Table as RichTable

    from needscli.labels import code_label, label
    from needscli.reports.gap_report import OBLIGATION_STATUSES

    table = RichTable(title=label("obligations", lang), caption=caption)
    table.add_column(label("col.obligation", lang), overflow="fold")
    for status in OBLIGATION_STATUSES:
        table.add_column(code_label("obligation_status", status, lang), justify="right", overflow="fold")
    for kind, by_status in by_kind.items():
        table.add_row(code_label("obligation", kind, lang), *(count(by_status[s]) for s in OBLIGATION_STATUSES))
    return table


def render_summary(analysis: Analysis, outputs: list[Path], plan: Plan | None = None,
                   plan_info: dict[str, Any] | None = None, left_out: Sequence[LeftOut] = (),
                   rosters: bool = True, parquet: bool = True) -> None:
    """The run for people. plan_info: annual_plan.plan_summary(analysis, plan), when the caller has it;
    left_out: the detail sheets gap-report.xlsx left out (gap_report.left_out_sheets), said in one line;
    rosters: the run wrote class-rosters.xlsx (--formats with xlsx), with its sheet of the groups too small for a
    class (a hand-out's class rosters hold some of them, or none); parquet: the run wrote the Parquet files."""
    from rich.table import Table as RichTable

    from needscli.cli.whole_words import Fitted
    from needscli.labels import code_label, label
    from needscli.reports.gap_report import summary_counts, top_topics

    counts = summary_counts(analysis)
    lang = analysis.lang
    table = RichTable(title=label("title", lang), show_header=False)
    table.add_column(justify="left")
    table.add_column(justify="right")
    table.add_row(label("as_of", lang), analysis.as_of.isoformat())
    table.add_row(label("cadres", lang), count(counts["cadres"]))
    sheets = roster_sheets_read(analysis.inputs, lang)
    if sheets is not None:  # the roster read from several sheets: which
        table.add_row("  " + (label("cli.roster_sheets", lang, n=sheets.sheets) if sheets.files == 1 else
                              label("cli.roster_files_sheets", lang, n=sheets.sheets, files=sheets.files)), sheets.names)
    table.add_row(label("skipped", lang), count(counts["rows_skipped"]))
    table.add_row(label("needs", lang), count(counts["needs"]))
    for source, n in counts["needs_by_source"].items():
        if n:  # a source no rule gave (compliance: rules of your own only) is left out here, kept in JSON
            table.add_row("  " + code_label("source", source, lang), count(n))
    rate = counts["compliance_rate"]
    table.add_row(label("compliance_rate", lang), "-" if rate is None else f"{rate:.1%}")
    table.add_row(label("unmatched", lang), count(counts["unmatched"]))
    table.add_row(label("problems", lang), count(counts["problems"]))
    if plan is not None:
        from needscli.reports.annual_plan import plan_summary

        plan_info = plan_info or plan_summary(analysis, plan)
        table.add_row(label("cli.classes", lang), count(plan_info["count"]))
        table.add_row("  " + label("cli.class_seats", lang), count(plan_info["seats"]))
        table.add_row("  " + label("cli.needs_served", lang), count(plan_info["needs_served"]))
        table.add_row("  " + label("cli.unmet", lang), count(plan_info["unmet"]))
    out.print(table)
    # obligations: one line per kind, its counts by status (unknown: compliance unknown, a blank cell)
    units = len(counts["overdue_by_unit"])
    overdue = (label("cli.overdue_units" if rosters else "cli.overdue_units_file", lang, n=units,
                     sheet=label("sheet.overdue_units", lang)) if units else None)
    out.print(Fitted(obligations_table(counts["obligations"], lang)))
    if overdue:  # under the table, broken as prose is: a caption is not, and ran past a narrow terminal's edge
        say(overdue)
    if plan is not None and plan_info is not None:
        render_plan(plan, plan_info, lang, analysis, rosters=rosters, parquet=parquet,
                    folder=outputs[0].parent if outputs else None)
    top = RichTable(title=label("top_topics", lang))  # in the order of the gap report's Summary, which it names
    for key in ("col.rank", "col.topic", "col.cadres", "col.demand", "col.mwds"):  # figures line up
        top.add_column(label(key, lang), justify="left" if key == "col.topic" else "right", overflow="fold")
    for r in top_topics(analysis):
        top.add_row(*plain(str(r.rank), analysis.catalog.label(r.topic_id, lang), count(r.cadres), figure(r.demand),
                           "" if r.mwds is None else f"{r.mwds:.2f}"))
    out.print(Fitted(top))  # a topic's name folded, not cut
    main, hand_outs = _hand_outs_apart(outputs)
    parts = any(p.name.startswith("class-rosters-") for p in main)  # the sign-in sheets in workbooks apart
    for path, last, books in _books_apart(main):
        what = _what_it_holds(path.name, parts)
        if books > 1:  # an organizer's sign-in sheets in numbered books: one line (a province's 市委管理 had 16)
            say(label("cli.wrote_books", lang, first=path, last=last.name, n=books, what=label(what, lang)))
            continue
        say(label("cli.wrote_what", lang, path=path, what=label(what, lang)) if what
            else label("cli.wrote", lang, path=path))
    for folder, (kind, folders, files) in hand_outs.items():  # a line for each --split-by folder, not one a file
        line = (label("cli.wrote_host_hand_outs", lang, folder=folder, n=folders, files=files) if kind == "host"
                else label("cli.wrote_hand_outs", lang, folder=folder, n=folders, files=files,
                           kind=label("cli.hand_outs.unit" if kind == "unit" else "cli.hand_outs.organizer", lang)))
        say(line)
    if left_out:
        say(left_out_line(left_out, lang))


def _hand_outs_apart(outputs: Sequence[Path]) -> tuple[list[Path], dict[Path, tuple[str, int, int]]]:
    """The run's own outputs, and its --split-by hand-outs by their folder (by-unit/, by-organizer/, by-host/): (unit,
    organizer or host, hand-out folders, files). The run's folder is its first output's (the hand-outs come last)."""
    from needscli.io.output_folders import HAND_OUT_ROOTS

    if not outputs:
        return [], {}
    run = outputs[0].parent
    main: list[Path] = []
    found: dict[Path, tuple[set[Path], int]] = {}
    for path in outputs:
        try:
            part = path.relative_to(run).parts
        except ValueError:
            part = ()
        if len(part) > 2 and part[0] in HAND_OUT_ROOTS:
            folders, files = found.get(run / part[0], (set(), 0))
            folders.add(run / part[0] / part[1])
            found[run / part[0]] = (folders, files + 1)
        else:
            main.append(path)
    return main, {folder: (folder.name.removeprefix("by-"), len(folders), files)
                  for folder, (folders, files) in found.items()}


_NUMBERED_BOOK = re.compile(r"(?P<stem>class-rosters-.+)-\d+\.xlsx")  # reports.roster_books: an organizer's parts


def _books_apart(paths: Sequence[Path]) -> list[tuple[Path, Path, int]]:
    """The outputs as (first, last, how many), an organizer's numbered books of sign-in sheets (class-rosters-市委管理-1
    … -16.xlsx, written one after another) together; any other file alone (itself, itself, 1)."""
    found: list[tuple[Path, Path, int]] = []
    stem = ""
    for path in paths:
        match = _NUMBERED_BOOK.fullmatch(path.name)
        if match and found and match["stem"] == stem and found[-1][0].parent == path.parent:
            first, _, n = found[-1]
            found[-1] = (first, path, n + 1)
        else:
            found.append((path, path, 1))
        stem = match["stem"] if match else ""
    return found


def _what_it_holds(name: str, parts: bool) -> str:
    """The label of what a workbook a clerk opens holds (the annual plan is a sheet of class-rosters.xlsx, not a
    file of its own); '' for the data files. parts: the sign-in sheets are in class-rosters-<organizer>.xlsx."""
    if name == "gap-report.xlsx":
        return "cli.holds.gap_report"
    if name == "class-rosters.xlsx":
        return "cli.holds.plan_only" if parts else "cli.holds.class_rosters"
    if name.startswith("class-rosters-") and name.endswith(".xlsx"):
        return "cli.holds.sign_in_part"
    return ""


def left_out_line(left_out: Sequence[LeftOut], lang: str) -> str:
    """One line on the detail sheets gap-report.xlsx left out (or trimmed to each unit's first ranks): each with
    its rows and the files holding it in full, or the formats that would write one."""
    from needscli.labels import label
    from needscli.reports.gap_report import DETAIL_FILES, trim_words

    parts = []
    for item in left_out:
        sheet = label(item.key, lang)
        trimmed = trim_words(item).replace("_", ".")
        if item.files:
            parts.append(label(f"cli.left_out{trimmed or '.sheet'}", lang, sheet=sheet,
                               rows=item.rows, top=item.top, files=label("list_joiner", lang).join(item.files)))
        else:
            formats = label("or_joiner", lang).join(dict.fromkeys(kind for kind, _ in DETAIL_FILES[item.key]))
            parts.append(label(f"cli.left_out{trimmed}_nowhere" if trimmed else "cli.left_out.nowhere", lang,
                               sheet=sheet, rows=item.rows, top=item.top, formats=formats))
    return label("cli.left_out", lang, sheets=label("rosters.plan.joiner", lang).join(parts))


def render_plan(plan: Plan, info: dict[str, Any], lang: str, analysis: Analysis | None = None,
                rosters: bool = True, folder: Path | None = None, parquet: bool = True) -> None:
    """The plan's part of the summary: how the needs that ask for a class are served, by need source and in
    all (a small table); the obligations served (and where to read why the others are not), the budget, the hours
    after the plan and the limits used; the groups too small for a class, and the command that re-forms the
    classes with a minimum that forms them (folder: the run's).
    rosters: class-rosters.xlsx (and the gap report) was written, with its sheet of the groups too small for a
    class; parquet: unmet.parquet was written (where the workbooks were not, the reasons are there)."""
    from rich.table import Table as RichTable

    from needscli.cli.whole_words import Fitted
    from needscli.labels import code_label, label
    from needscli.reports.annual_plan import COVERAGE_KEYS, limits_text, share_words

    cover = info["coverage"]
    table = RichTable(title=label("cli.coverage", lang))
    table.add_column(label("col.source", lang), overflow="fold")
    table.add_column(label("cli.needs_asking", lang), justify="right", overflow="fold")
    for key in COVERAGE_KEYS:
        table.add_column(code_label("route", key, lang), justify="right", overflow="fold")
    rows = [(code_label("source", source, lang), entry) for source, entry in cover["by_source"].items()
            if entry["needs"]]
    for i, (name, entry) in enumerate([*rows, (label("cli.all_sources", lang), cover["overall"])]):
        if i == len(rows):
            table.add_section()
        table.add_row(*plain(name, count(entry["needs"]),
                             *(share_words(entry["shares"][key]) if entry["shares"] else "-" for key in COVERAGE_KEYS)))
    out.print(Fitted(table))  # a route's header folded, not cut (本级…)
    served = info["obligations_served"]
    if served["asked"]:
        say(label("cli.obligations_covered", lang, served=served["served"], asked=served["asked"],
                  share=share_words(served["share"])))
        if served["served"] < served["asked"]:  # a violation to chase: where each one's reason is
            where = ("cli.obligations_unmet" if rosters else "cli.obligations_unmet_file" if parquet
                     else "cli.obligations_unmet_nowhere")
            say(label(where, lang, n=served["asked"] - served["served"], sheet=label("sheet.unmet", lang)))
    unpriced = info.get("unpriced_classes", 0)
    budget = ("cli.budget_none" if unpriced and unpriced == info["count"] else "cli.budget_part" if unpriced
              else "cli.budget")
    say(label(budget, lang, budget=info["budget"], n=unpriced))
    hours = info["hours_after_plan"]
    if hours["cadres"]:
        # those covered by their deadline, and apart those past it whom the classes of the standard's cycle cover
        late = hours["advice"].get("covered-late", 0)
        say(label("cli.hours_after_late" if late else "cli.hours_after", lang, cadres=hours["cadres"],
                  covered=hours["covered"] - late, late=late, short=hours["short"], left=figure(hours["hours_left"])))
    say(limits_text(plan, lang))
    if plan.kept or plan.not_kept or (analysis is not None and analysis.kept_classes):  # --keep-classes
        new = len(plan.classes) - len(plan.kept)
        left = sum(p.code == "kept-class-member-left" for p in plan.problems)
        line = label("cli.kept_classes", lang, kept=len(plan.kept), new=new)
        if plan.not_kept:
            line += label("cli.kept_dropped", lang, dropped=len(plan.not_kept))
        if left:
            line += label("cli.kept_left", lang, left=left)
        if plan.not_kept or left:
            line += label("cli.kept_see", lang)
        say(line)
    if analysis is not None and plan.no_class:  # what would form the classes that did not form
        from needscli.reports.annual_plan import no_class_lines

        say(label("cli.no_class_title", lang))
        for line in no_class_lines(analysis, plan, lang, sheet=rosters):
            say("  " + line)
        told = reform_lines(analysis, plan, folder, lang) if folder is not None else []
        for line in told[:1]:
            say(line)
        for line in told[1:]:  # the command, on one line however wide: to be copied whole
            out.print(line, markup=False, highlight=False)


def reform_lines(analysis: Analysis, plan: Plan, folder: Path, lang: str) -> list[str]:
    """What to type to re-form the classes from this run with the minimum class size that forms the first group
    left without a class whose needs went unmet, and which group that is: the command on a line of its own, its
    folder quoted for the shell (none where every group was served some other way)."""
    from needscli.labels import label
    from needscli.planner.model import UNMET
    from needscli.reports.annual_plan import group_words

    unmet = [g for g in plan.no_class if g.route == UNMET]
    if not unmet:
        return []
    group = unmet[0]
    command = ["needscli", "classes", str(folder), "--min-size", str(group.min_size)]
    return [label("cli.reform", lang, group=group_words(analysis, group, lang)), "  " + typed_command(command)]


def report_problems(problems: list[Problem], limit: int = 20, lang: str = "zh", where: str = "gap_report") -> None:
    """Problems go to stderr: they name cells, never people. where: where those a cut list leaves out are: the gap
    report's Problems sheet ("gap_report"); analysis.json where the run wrote no gap report ("analysis_json": --formats
    without xlsx; the JSON summary lists limits.summary_problems of them); the error's JSON where nothing was written
    ("json": --strict)."""
    if not problems:
        return
    err.print(problems_table(problems, limit, lang, rows_skipped=True))
    if len(problems) > limit:
        say(more_problems(len(problems) - limit, lang, where), err)
        say(problem_kinds(problems, lang), err)


def filled_organizer_line(analysis: Analysis, cadre: Cadre, level: str) -> str:
    """explain's line on where a cadre's organizer came from where its 管理权限 is blank: its level's tier, and the
    setting that gave it ([classes] organizer_by_unit_level or organizer_by_tier), or its unit's other cadres of
    the tier; "" where it is written."""
    from needscli.io.organizer_fill import BY_COLLEAGUES, filled_organizer, settings_words
    from needscli.labels import label

    filled = filled_organizer(cadre, analysis.config, analysis.cadres)
    if filled is None:
        return ""
    lang = analysis.lang
    columns = analysis.inputs.roster_columns.get((cadre.file, cadre.sheet), {})
    if filled.setting == BY_COLLEAGUES:  # only a roster with the column has colleagues who write it
        return label("explain.organizer_from_colleagues", lang, header=columns["managed_by"][0], unit=cadre.unit,
                     tier=filled.tier, organizer=filled.organizer)
    if "managed_by" not in columns:  # no cell left blank: a roster without the column
        return label("explain.organizer_no_column", lang, level=level, tier=filled.tier, organizer=filled.organizer,
                     settings=settings_words([filled], lang))
    return label("explain.organizer_filled", lang, header=columns["managed_by"][0], level=level, tier=filled.tier,
                 organizer=filled.organizer, settings=settings_words([filled], lang))


def cell_words(field: str, headers: Mapping[str, tuple[str, int]], lang: str) -> str:
    """A roster field as explain names its cell: the roster's own header, or the field's words where it has none."""
    from needscli.labels import code_label

    return headers[field][0] if field in headers else code_label("roster_field", field, lang)


def hours_cells_line(analysis: Analysis, cadre: Cadre, status: str, headers: Mapping[str, tuple[str, int]]) -> str:
    """explain's line on the blank cells that leave a cadre's hours standard unknown or short: the standard is met by
    its days or its hours (2023 Regulations Art. 14), so the cells of both are named, by the roster's headers (a
    column the roster lacks, to add). Unknown: either cell to fill; short by one figure: the other's blank cell,
    where the roster has it. "" where no blank cell would settle it."""
    from needscli.core.hours import STANDARD_FIELDS, settling_fields
    from needscli.core.obligations import cadre_standing
    from needscli.labels import code_label, label

    lang = analysis.lang
    standing = cadre_standing(cadre, analysis.config, analysis.catalog, analysis.as_of)
    blank = settling_fields(cadre, standing)
    kind = code_label("obligation", "hours", lang)
    words = {f: cell_words(f, headers, lang) for f in STANDARD_FIELDS[standing.standard]}
    hours_field, days_field = STANDARD_FIELDS[standing.standard]
    rule = label("explain.hours_rule", lang, hours=f"{standing.required:g}", days=f"{standing.days_required:g}")
    if status == "unknown":
        if len(blank) < 2:
            unknown = "explain.unknown" if hours_field in headers else "explain.unknown_column"
            return label(unknown, lang, kind=kind, cells=words[hours_field]) if blank else ""
        if days_field in headers and hours_field in headers:
            return label("explain.unknown_either", lang, kind=kind, first=words[hours_field],
                         second=words[days_field], rule=rule)
        if days_field not in headers and hours_field not in headers:  # no cell left blank: neither column is there
            return label("explain.unknown_no_column", lang, kind=kind, first=words[hours_field],
                         second=words[days_field], rule=rule)
        there, other = (hours_field, days_field) if days_field not in headers else (days_field, hours_field)
        return label("explain.unknown_or_add", lang, kind=kind, blank=words[there], other=words[other], rule=rule)
    if len(blank) != 1 or blank[0] not in headers:  # short by what both say, or a column the roster does not have
        return ""
    given = days_field if blank[0] == hours_field else hours_field
    need = (label("explain.hours_need", lang, n=f"{standing.required:g}") if blank[0] == hours_field
            else label("explain.days_need", lang, n=f"{standing.days_required:g}"))
    return label("explain.short_blank", lang, kind=kind, given=words[given], blank=words[blank[0]], need=need)


class NeedRow(NamedTuple):
    """A row of explain's needs: the need's topic, source, type and score (blank under its first reason), a reason
    with its rule, and whether it is the need's last."""

    first: tuple[str, ...]
    rule: str
    reason: str
    last: bool


def needs_table(title: str, rows: Sequence[NeedRow], lang: str, rule_apart: bool = True) -> RichTable:
    """explain's needs as a table: the rule in a column of its own beside the reason, or (rule_apart False, for a
    narrow terminal) on the reason's first line. The reason takes the room a narrow terminal has; the source and the
    score are never cut."""
    from rich.table import Table as RichTable

    from needscli.labels import label

    table = RichTable(title=title, expand=True)
    columns = [("col.topic", 2), ("col.source", None), ("col.training_type", 2), ("col.priority", None),
               *([("col.rule_id", 2), ("col.reason", 5)] if rule_apart else [("col.rule_and_reason", 6)])]
    for key, ratio in columns:
        table.add_column(label(key, lang), overflow="fold", ratio=ratio, no_wrap=ratio is None)
    for row in rows:
        said = (row.rule, row.reason) if rule_apart else ("\n".join(filter(None, (row.rule, row.reason))),)
        table.add_row(*folded(lang, *row.first, *said), end_section=row.last)
    return table


def render_explanation(analysis: Analysis, result: NeedsResult, cadre: Cadre) -> None:
    from rich.table import Table as RichTable

    from needscli.cli.whole_words import FirstFitting
    from needscli.core.facts import completion_status
    from needscli.labels import code_label, label, rule_words

    lang = analysis.lang
    level = cadre.level
    if lang == "en":
        level = next((lv.english for lv in analysis.config.levels if lv.name == cadre.level and lv.english), level)
    out.print(Text.assemble((cadre.id, "bold"), f"  {cadre.name}  {cadre.unit}  {cadre.post}  {level}"))
    if (filled := filled_organizer_line(analysis, cadre, level)):
        say(filled)
    needs = [n for n in analysis.needs if n.cadre_id == cadre.id]
    colon = ": " if lang == "en" else "："
    title = f"{label('needs', lang)}{colon}{len(needs)}"
    # each rule in words, as the gap report's 规则 column names it (its name starts the reason beside it); a rule of
    # the rules with its id beside, as rules.toml and the rules that did not fire name it
    of_rules = {r.id for r in analysis.rules}
    with_id = "{words} ({id})" if lang == "en" else "{words}（{id}）"

    def rule(reason: Any) -> str:
        words = rule_words(reason.rule_id, reason.source, lang)
        return with_id.format(words=words, id=reason.rule_id) if reason.rule_id in of_rules else words

    rows: list[NeedRow] = []  # a row a reason, its rule beside it however either wraps; a line between needs
    for n in needs:
        first = (analysis.catalog.label(n.topic_id, lang), code_label("source", n.source, lang),
                 code_label("training_type", n.training_type, lang), f"{n.priority:g}")
        if not n.reasons:
            rows.append(NeedRow(first, "", "", True))
        for i, reason in enumerate(n.reasons):
            rows.append(NeedRow(first if i == 0 else ("",) * 4, rule(reason), reason.text, i == len(n.reasons) - 1))
    # a terminal too narrow for the rule's column with its id whole (（theory-core）): the rule heads its reason
    out.print(FirstFitting(needs_table(title, rows, lang), needs_table(title, rows, lang, rule_apart=False)))
    # an obligation a blank cell leaves unknown is no need, and was said nowhere: which, and the cells to fill in
    headers = analysis.inputs.roster_columns.get((cadre.file, cadre.sheet), {})
    for o in analysis.obligations:
        if o.cadre_id != cadre.id:
            continue
        if o.kind == "hours" and o.status != "met":  # days or hours settle it: the cells of both
            line = hours_cells_line(analysis, cadre, o.status, headers)
        elif o.status == "unknown" and o.missing:
            cells = label("list_joiner", lang).join(cell_words(f, headers, lang) for f in o.missing)
            # a blank cell, or where the roster has none of the columns, a column to add
            unknown = ("explain.unknown" if any(f in headers for f in o.missing) else "explain.unknown_column"
                       if len(o.missing) == 1 else "explain.unknown_columns")
            line = label(unknown, lang, kind=code_label("obligation", o.kind, lang), cells=cells)
        else:
            continue
        if line:
            say(line)
    if cadre.completed:  # the training the roster gives: whether each still counts, and why not
        done = RichTable(title=label("explain.completed", lang))
        for key in ("col.topic", "explain.col.date", "explain.col.counts"):
            done.add_column(label(key, lang), overflow="fold")
        undated = analysis.config.needs.undated_completion_counts
        for c in cadre.completed:
            state = completion_status(c, analysis.catalog, analysis.as_of, undated)
            topic = analysis.catalog.label(state.topic_id, lang) if state.topic_id else c.topic
            until = state.until.isoformat() if state.until else ""
            done.add_row(*folded(lang, topic, c.date.isoformat() if c.date else "",
                                 label(f"explain.status.{state.status}", lang, until=until)))
        out.print(FirstFitting(done))  # a setting named (needs.undated_completion_counts) whole
    skipped = result.not_fired.get(cadre.id, [])
    quiet = RichTable(title=label("cli.not_fired", lang), show_lines=True, expand=True)
    quiet.add_column(label("col.rule_id", lang), overflow="fold", ratio=2)
    quiet.add_column(label("col.reason", lang), overflow="fold", ratio=3)
    named = "{name} ({id})" if lang == "en" else "{name}（{id}）"
    for s in skipped:  # the rule by its name, and its id as rules.toml and needs.csv name it
        quiet.add_row(*folded(lang, named.format(name=s.name, id=s.rule_id) if s.name else s.rule_id,
                              label("cli.failed_joiner", lang).join(s.failed)))
    out.print(FirstFitting(quiet))  # the rule's id whole
