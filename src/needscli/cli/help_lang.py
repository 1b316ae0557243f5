"""--help and usage errors in the office's language: the command tree's help texts, the few words of the help
screen itself (用法, 选项, 命令), and what a command line click cannot parse is told (没有这个选项, 缺少参数,
取值无效 …), in Chinese unless the language is English (--lang en, or an English locale)."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
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
    """The app's command tree with its help texts in lang ("zh": Chinese; "en": as written)."""
    command = typer.main.get_command(app)
    if lang != "en":
        from needscli.cli.help_zh import HELP_ZH

        _translate(command, HELP_ZH)
        _speak_chinese_screen()
    return command


def _translate(command: Any, table: dict[str, str]) -> None:
    """Each help text of the command, its options and its subcommands, from the table where it has one."""
    for attr in ("help", "short_help"):
        text = getattr(command, attr, None)
        if text and text in table:
            setattr(command, attr, table[text])
    if command.help and not getattr(command, "short_help", None):
        # the list of commands shows the first sentence: a Chinese one has no spaces to cut it at
        first = command.help.strip().split("\n", 1)[0]
        command.short_help = first.split("。", 1)[0] + ("。" if "。" in first else "")
    for param in command.params:
        text = getattr(param, "help", None)
        if text and text in table:
            param.help = table[text]
    for sub in getattr(command, "commands", {}).values():
        _translate(sub, table)


@functools.cache
def _speak_chinese_screen() -> None:
    """用法 / 选项 / 命令 on the help screen (once a process: the screen's words are module-wide)."""
    from typer._click import _textwrap, formatting
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
    # lines wrapped by the columns they take (a Chinese character two), between Chinese characters or at spaces,
    # never inside an option or a file name (--max-size, classes.csv)
    _textwrap.TextWrapper = ColumnsWrapper  # type: ignore[misc]
    formatting.term_len = columns  # type: ignore[assignment]
    get_help_option = Command.get_help_option

    def help_option_in_chinese(self: Command, ctx: Any) -> Any:
        option = get_help_option(self, ctx)
        if option is not None and option.help in _SCREEN_ZH:
            option.help = _SCREEN_ZH[option.help]
        return option

    Command.get_help_option = help_option_in_chinese  # type: ignore[method-assign]


def columns(text: str) -> int:
    """The columns a text takes on a terminal: two for a wide (Chinese, full-width) character, one for others."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


_WIDE_CHARS = r"\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"  # Chinese, full-width, CJK punctuation
_WIDE = re.compile(f"[{_WIDE_CHARS}]")
_WIDE_OR_RUN = re.compile(f"[{_WIDE_CHARS}]|[^{_WIDE_CHARS}]+")  # a wide character alone, or a run of others
_NO_LINE_START = frozenset("，。；：、）」』》！？．,.;:)]")  # punctuation that stays with the character before it
_NO_LINE_END = frozenset("（「『《([")  # and that stays with the character after it


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
        return pieces

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
