"""--help in the office's language: the command tree's help texts, and the few words of the help screen
itself (用法, 选项, 命令), in Chinese unless the language is English (--lang en, or an English locale)."""

from __future__ import annotations

import functools
from typing import Any

import typer
import typer.core
import typer.main

# the help screen's own words, as typer and click write them
_SCREEN_ZH = {
    "Options": "选项",
    "Commands": "命令",
    "Arguments": "参数",
    "Show this message and exit.": "显示本帮助后退出。",
    "[default: {}]": "[默认：{}]",
    "[required]": "[必填]",
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
    from typer._click import formatting
    from typer._click.core import Command

    def in_chinese(message: str) -> str:
        return _SCREEN_ZH.get(message, message)

    typer.core._ = in_chinese
    write_usage = formatting.HelpFormatter.write_usage

    def usage_in_chinese(self: formatting.HelpFormatter, prog: str, args: str = "", prefix: str | None = None) -> None:
        write_usage(self, prog, args, "用法：" if prefix is None else prefix)

    formatting.HelpFormatter.write_usage = usage_in_chinese  # type: ignore[method-assign]
    init = formatting.HelpFormatter.__init__

    def chinese_width(self: formatting.HelpFormatter, indent_increment: int = 2, width: int | None = None,
                      max_width: int | None = None) -> None:
        # lines are wrapped by characters, and a Chinese character takes two columns: wrap at about half
        init(self, indent_increment, width, max_width)
        self.width = max(40, self.width * 11 // 20)

    formatting.HelpFormatter.__init__ = chinese_width  # type: ignore[method-assign]
    get_help_option = Command.get_help_option

    def help_option_in_chinese(self: Command, ctx: Any) -> Any:
        option = get_help_option(self, ctx)
        if option is not None and option.help in _SCREEN_ZH:
            option.help = _SCREEN_ZH[option.help]
        return option

    Command.get_help_option = help_option_in_chinese  # type: ignore[method-assign]
