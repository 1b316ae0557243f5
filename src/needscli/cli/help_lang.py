"""--help and usage errors in the office's language: the command tree's help texts, the few words of the help
screen itself (用法, 选项, 命令), and what a command line click cannot parse is told (没有这个选项, 缺少参数,
取值无效 …), in Chinese unless the language is English (--lang en, or an English locale)."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer
import typer.core
import typer.main
from typer._click._textwrap import TextWrapper
from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError
from typer._click.utils import echo

# the help screen's own words, as typer and click write them
_SCREEN_ZH = {
    "Options": "选项",
    "Commands": "命令",
    "Arguments": "参数",
    "Show this message and exit.": "显示本帮助后退出。",
    "default: {default}": "默认：{default}",
    "required": "必填",
}


def command_in(app: typer.Typer, lang: str) -> Any:
    """The app's command tree with its help texts in lang ("zh": Chinese; "en": as written), each value shown by a
    word (FILE, 文件) and each range and default in words."""
    command = typer.main.get_command(app)
    _show_values_in_words()
    if lang == "en":
        _dress(command, {}, {}, "en")
    else:
        from needscli.cli.help_zh import HELP_ZH, PLACEHOLDERS_ZH

        _dress(command, HELP_ZH, PLACEHOLDERS_ZH, "zh")
        _speak_chinese_screen()
    return command


def _dress(command: Any, table: dict[str, str], placeholders: dict[str, str], lang: str) -> None:
    """Each help text of the command, its options and its subcommands, from the table where it has one; each
    value's placeholder (its metavar, else one by its type: see placeholder) from placeholders where they have it;
    a default given in words (show_default) from the table; a number's range in words (range_words)."""
    for attr in ("help", "short_help"):
        text = getattr(command, attr, None)
        if text and text in table:
            setattr(command, attr, table[text])
    if lang != "en":
        command.options_metavar = "[选项]"
        if hasattr(command, "subcommand_metavar"):
            command.subcommand_metavar = "命令 [参数]..."
        if command.help and not getattr(command, "short_help", None):
            # the list of commands shows the first sentence: a Chinese one has no spaces to cut it at
            first = command.help.strip().split("\n", 1)[0]
            command.short_help = first.split("。", 1)[0] + ("。" if "。" in first else "")
    for param in command.params:
        text = getattr(param, "help", None)
        if text and text in table:
            param.help = table[text]
        if isinstance(param.show_default, str):
            param.show_default = table.get(param.show_default, param.show_default)
        if not getattr(param, "is_flag", False):
            shown = param.metavar or placeholder(param)
            param.metavar = placeholders.get(shown, shown)
        param.range_words = range_words(getattr(param, "min", None), getattr(param, "max", None), lang)
    for sub in getattr(command, "commands", {}).values():
        _dress(sub, table, placeholders, lang)


def placeholder(param: Any) -> str:
    """How the help shows a value its option names no metavar for: its choices (table|json), else a word by its
    type: FILE (a path), N (a number), TEXT."""
    described = getattr(param, "type_descriptor", None)
    if described is not None and described.is_choice and described.choices:
        return "|".join(str(getattr(choice, "value", choice)) for choice in described.choices)
    annotation = getattr(described, "annotation", None)
    if annotation is Path:
        return "FILE"
    if annotation in (int, float):
        return "N"
    return "TEXT"


def range_words(low: float | None, high: float | None, lang: str) -> str | None:
    """A number's range as the help states it: at least 1, 0.01 to 1 (不小于 1, 0.01 至 1)."""
    zh = lang != "en"
    if low is not None and high is not None:
        return f"{low:g} 至 {high:g}" if zh else f"{low:g} to {high:g}"
    if low is not None:
        return f"不小于 {low:g}" if zh else f"at least {low:g}"
    if high is not None:
        return f"不大于 {high:g}" if zh else f"at most {high:g}"
    return None


@functools.cache
def _show_values_in_words() -> None:
    """The help screen in words, in either language (once a process: typer's rendering is module-wide): an argument
    shown by its placeholder alone (FILE..., not files... <list[Path]>), in the usage line bare when required and in
    brackets when not (ROSTER..., [ROSTER]...); a default given in words without parentheses; a range in words.
    These replace parts of typer's own rendering: with a typer laid out otherwise, the help keeps its own."""
    try:
        _words_in_typer()
    except (AttributeError, ImportError):
        pass


def _words_in_typer() -> None:
    """_show_values_in_words' replacements of typer's rendering; AttributeError where typer has no such part."""
    from typer._click import _textwrap, formatting

    # lines wrapped by the columns they take (a Chinese character two), between Chinese characters or at spaces,
    # never inside an option or a file name (--max-size, classes.csv, class-rosters-<organizer>.xlsx)
    _textwrap.TextWrapper = ColumnsWrapper  # type: ignore[misc]
    formatting.term_len = columns  # type: ignore[assignment]
    get_default_string = typer.core._get_default_string

    def default_in_words(obj: Any, *, ctx: Any, show_default_is_str: bool, default_value: Any) -> str:
        if show_default_is_str:
            return str(obj.show_default)
        return get_default_string(obj, ctx=ctx, show_default_is_str=False, default_value=default_value)

    typer.core._get_default_string = default_in_words

    def display_name(self: typer.core.TyperArgument) -> str:
        return self.display_name_raw + ("..." if self.nargs != 1 else "")

    def usage_name(self: typer.core.TyperArgument) -> str:
        name = self.display_name_raw if self.required else f"[{self.display_name_raw}]"
        return name + ("..." if self.nargs != 1 else "")

    def no_type(self: Any, ctx: Any) -> str | None:
        return None if self.metavar else typer.core.TyperArgument.display_type(self, ctx)

    typer.core.TyperArgument._rich_display_name = display_name  # type: ignore[method-assign]
    typer.core.TyperArgument._usage_display_name = usage_name  # type: ignore[method-assign]
    typer.core.TyperArgument.display_type_rich = no_type  # type: ignore[method-assign]
    for kind in (typer.core.TyperArgument, typer.core.TyperOption):
        in_symbols = kind._get_number_range_help_str

        def in_words(self: Any, in_symbols: Callable[[Any], str | None] = in_symbols) -> str | None:
            words: str | None = getattr(self, "range_words", None)
            return words or in_symbols(self)

        kind._get_number_range_help_str = in_words  # type: ignore[method-assign]


@functools.cache
def _speak_chinese_screen() -> None:
    """用法 / 选项 / 命令 on the help screen (once a process: the screen's words are module-wide)."""
    from typer._click import formatting
    from typer._click.core import Command

    def in_chinese(message: str) -> str:
        return _SCREEN_ZH.get(message, message)

    typer.core._ = in_chinese
    write_usage = formatting.HelpFormatter.write_usage

    def usage_in_chinese(self: formatting.HelpFormatter, prog: str, args: str = "", prefix: str | None = None) -> None:
        write_usage(self, prog, args, "用法：" if prefix is None else prefix)

    formatting.HelpFormatter.write_usage = usage_in_chinese  # type: ignore[method-assign]

    def heading_in_chinese(self: formatting.HelpFormatter, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")  # 选项：, not 选项:

    formatting.HelpFormatter.write_heading = heading_in_chinese  # type: ignore[method-assign]
    get_help_option = Command.get_help_option

    def help_option_in_chinese(self: Command, ctx: Any) -> Any:
        option = get_help_option(self, ctx)
        if option is not None and option.help in _SCREEN_ZH:
            option.help = _SCREEN_ZH[option.help]
        return option

    Command.get_help_option = help_option_in_chinese  # type: ignore[method-assign]
    for kind in (typer.core.TyperArgument, typer.core.TyperOption):
        record = kind.get_help_record

        def record_in_chinese(self: Any, ctx: Any, record: Callable[[Any, Any], Any] = record) -> Any:
            """[默认：12；不小于 1], not [默认：12; 不小于 1]."""
            got = record(self, ctx)
            if got is None:
                return None
            name, text = got
            head, bracket, facts = text.rpartition("  [")
            return name, head + bracket + facts.replace("; ", "；") if bracket else text

        kind.get_help_record = record_in_chinese  # type: ignore[method-assign]


def columns(text: str) -> int:
    """The columns a text takes on a terminal: two for a wide (Chinese, full-width) character, one for others."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


_WIDE_CHARS = r"\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"  # Chinese, full-width, CJK punctuation
_WIDE = re.compile(f"[{_WIDE_CHARS}]")
# a file name with a placeholder in it whole (class-rosters-<主办单位>.xlsx), else a wide character alone, or a run of
# others
_WIDE_OR_RUN = re.compile(f"[A-Za-z0-9_./-]*<[^<>\\s]+>[A-Za-z0-9_./-]*|[{_WIDE_CHARS}]|[^{_WIDE_CHARS}]+")
_NO_LINE_START = frozenset("，。；：、）」』》！？．,.;:)]")  # punctuation that stays with the character before it
_NO_LINE_END = frozenset("（「『《([")  # and that stays with the character after it


_SHORT_BRACKET = 24  # columns: [不小于 1], [默认：table] kept on one line; a longer one breaks as text does


def _bracket_whole(pieces: list[str]) -> list[str]:
    """The pieces, those of a short [...] (an option's range or default) joined into one: never [不小 / 于 1]; in
    a longer one, each short fact of it (between its semicolons)."""
    joined: list[str] = []
    start: int | None = None
    for piece in pieces:
        joined.append(piece)
        if piece.startswith("["):
            start = len(joined) - 1
        if start is not None and piece.endswith("]"):
            facts: list[list[str]] = [[]]
            for part in joined[start:]:
                facts[-1].append(part)
                if part.endswith(("；", ";")) or (not part.strip() and len(facts[-1]) == 1):
                    facts.append([])  # the space after a fact's semicolon stays a piece of its own, to break at
            joined[start:] = [kept for fact in facts
                              for kept in (["".join(fact)] if columns("".join(fact)) <= _SHORT_BRACKET else fact)]
            start = None
    return joined


def shell_lines(indent: str, line: str, width: int) -> list[str]:
    """A line of an example (Example: needscli ...) in lines of at most width columns where its words allow: the
    command broken between words (never between an option and its value), each line but the last ending in a
    backslash (the shell joins them again), the next ones indented under the command."""
    start = line.find("needscli ")
    if columns(indent + line) <= width or start < 0:
        return [indent + line]
    lead = indent + line[:start]
    under = " " * (columns(lead) + 2)
    words: list[str] = []
    for word in line[start:].split():  # an option and its value (--roster cadres.xlsx) kept on one line
        option = words[-1].split(" ")[0] if words else ""
        if option.startswith("-") and " " not in words[-1] and not word.startswith("-"):
            words[-1] += " " + word
        else:
            words.append(word)
    lines: list[str] = []
    current = lead + words[0]
    for number, word in enumerate(words[1:], start=2):
        room = 0 if number == len(words) else 2  # " \" after it, but after the last word
        if columns(current) + 1 + columns(word) + room > width:
            lines.append(current + " \\")
            current = under + word
        else:
            current += " " + word
    return [*lines, current]


class ColumnsWrapper(TextWrapper):
    """click's wrapper, measuring by columns (see columns) and free to break between Chinese characters; an
    ASCII word (an option, a file name) is broken only where it is wider than a whole line."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("break_on_hyphens", False)
        super().__init__(*args, **kwargs)

    def _split(self, text: str) -> list[str]:
        pieces: list[str] = []
        for chunk in super()._split(text):
            if not _WIDE.search(chunk):
                pieces.append(chunk)
                continue
            for part in _WIDE_OR_RUN.findall(chunk):
                if pieces and (part[0] in _NO_LINE_START or pieces[-1][-1] in _NO_LINE_END) and pieces[-1].strip():
                    pieces[-1] += part
                else:
                    pieces.append(part)
        return _bracket_whole(pieces)

    def indent_only(self, text: str) -> str:
        """A paragraph kept as written (\\b: the examples), each line indented; a command line wider than the
        terminal is broken between its words with a trailing backslash, so that a copy of it still runs."""
        lines: list[str] = []
        for number, line in enumerate(text.splitlines()):
            lines += shell_lines(self.subsequent_indent if number else self.initial_indent, line, self.width)
        return "\n".join(lines)

    def _wrap_chunks(self, chunks: list[str]) -> list[str]:
        lines: list[str] = []
        chunks.reverse()
        while chunks:
            line: list[str] = []
            used = 0
            indent = self.subsequent_indent if lines else self.initial_indent
            width = self.width - columns(indent)
            if self.drop_whitespace and lines and not chunks[-1].strip():
                del chunks[-1]
            while chunks and used + columns(chunks[-1]) <= width:
                used += columns(chunks[-1])
                line.append(chunks.pop())
            if chunks and columns(chunks[-1]) > width:
                self._handle_long_word(chunks, line, used, width)
            if self.drop_whitespace and line and not line[-1].strip():
                del line[-1]
            if line:
                lines.append(indent + "".join(line))
        return lines


def _fault(pattern: str, zh: Callable[[re.Match[str]], str]) -> tuple[re.Pattern[str], Callable[[re.Match[str]], str]]:
    return re.compile(pattern + r"\Z", re.DOTALL), zh


# what click and typer say of a command line they cannot parse, and its Chinese: whole messages, tried in order
_FAULTS_ZH = [
    _fault(r"No such option: (?P<name>\S+)(?: \(Possible options: (?P<near>.+)\))?",
           lambda m: f"没有这个选项：{m['name']}" + (f"（是否指 {m['near']}？）" if m["near"] else "")),
    _fault(r"No such command (?P<name>.+?)\.(?: Did you mean (?P<near>.+)\?)?",
           lambda m: f"没有这个命令：{m['name']}" + (f"（是否指 {m['near'].replace(', ', '、')}？）" if m["near"] else "")),
    _fault(r"Missing command\.", lambda m: "缺少命令"),
    _fault(r"Missing argument (?P<name>.+?)\.(?: .*)?", lambda m: f"缺少参数 {m['name']}"),
    _fault(r"Missing option (?P<name>.+?)\.(?: .*)?", lambda m: f"缺少选项 {m['name']}"),
    _fault(r"Missing parameter:? (?P<name>.+?)\.?", lambda m: f"缺少参数 {m['name']}"),
    _fault(r"Invalid value for (?P<name>.+?): (?P<why>.+)", lambda m: f"{m['name']} 取值无效：{_why(m['why'])}"),
    _fault(r"Invalid value: (?P<why>.+)", lambda m: f"取值无效：{_why(m['why'])}"),
    _fault(r"Option (?P<name>.+?) requires an argument\.", lambda m: f"选项 {m['name']} 后面缺少取值"),
    _fault(r"Option (?P<name>.+?) requires (?P<n>\d+) arguments\.", lambda m: f"选项 {m['name']} 后面需要 {m['n']} 个取值"),
    _fault(r"Option (?P<name>.+?) does not take a value\.", lambda m: f"选项 {m['name']} 不接受取值"),
    _fault(r"Got unexpected extra arguments?(?:\(s\))? \((?P<args>.*)\)", lambda m: f"多余的参数：{m['args']}"),
]
# why a value was refused: typer's checks (pydantic's words, read by wording.in_chinese) and the commands' own
_WHY_ZH = [
    _fault(r"(?P<value>.+?) is not one of (?P<choices>.+?)\.?", lambda m: f"{m['value']} 不是以下之一：{m['choices']}"),
    _fault(r"expected a date such as (?P<example>\S+)", lambda m: f"应为日期，如 {m['example']}"),
]


def _said(text: str, table: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]]) -> str | None:
    for pattern, zh in table:
        match = pattern.match(text)
        if match:
            return zh(match)
    return None


def _why(text: str) -> str:
    from needscli.wording import in_chinese

    text = text.removeprefix("Value error, ")
    return _said(text, _WHY_ZH) or in_chinese(text)


def usage_fault(exc: ClickException, lang: str) -> str:
    """What is wrong with the command line, as click says it, in lang."""
    message = exc.format_message()
    return message if lang == "en" else _said(message, _FAULTS_ZH) or _why(message)


def show_usage_fault(exc: ClickException, lang: str) -> str:
    """Show what is wrong with the command line on stderr, as click shows it (the usage line, how to get help,
    then the fault), in lang; returns the fault as said. A command given nothing shows its help, already in lang."""
    if lang == "en" or isinstance(exc, NoArgsIsHelpError):
        exc.show()
        return exc.format_message()
    fault = usage_fault(exc, lang)
    ctx = exc.ctx if isinstance(exc, UsageError) else None
    if ctx is not None:
        hint = ""
        if ctx.command.get_help_option(ctx) is not None:
            hint = f"运行 {ctx.command_path} {ctx.help_option_names[0]} 查看帮助。\n"
        echo(f"{ctx.get_usage()}\n{hint}", err=True, color=ctx.color)
    echo(f"用法错误：{fault}" if isinstance(exc, UsageError) else f"错误：{fault}", err=True)
    return fault
