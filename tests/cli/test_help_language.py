"""--help in the office's language: every help text of every command has its Chinese, and a Chinese help
screen holds no English sentence; in either language a value is shown by a word (文件, FILE), a range and a default
in words, and an example is a command line that runs as copied."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import typer.main
from builders import run_needscli

from needscli.cli.app import app
from needscli.cli.help_zh import HELP_ZH
from needscli.wording import ASCII_SENTENCE


def help_texts(command: Any) -> list[str]:
    """The help texts of the command and its subcommands: theirs, their options' and the defaults stated in words."""
    texts = [t for t in (command.help, getattr(command, "short_help", None)) if t]
    texts += [p.help for p in command.params if getattr(p, "help", None)]
    texts += [p.show_default for p in command.params if isinstance(p.show_default, str)]
    for sub in getattr(command, "commands", {}).values():
        texts += help_texts(sub)
    return texts


def test_every_help_text_has_its_chinese_and_no_stale_one_is_kept() -> None:
    texts = set(help_texts(typer.main.get_command(app)))
    assert sorted(texts - set(HELP_ZH)) == []
    assert sorted(set(HELP_ZH) - texts) == []


@pytest.mark.parametrize("command", [[], ["validate"], ["analyze"], ["explain"], ["records", "import"]])
def test_the_help_screen_speaks_chinese_by_default(command: list[str]) -> None:
    result = run_needscli(*command, "--help", env={"NEEDSCLI_LANG": None, "LANG": "C.UTF-8", "LC_ALL": None})
    assert result.returncode == 0
    assert "用法：" in result.stdout and "选项" in result.stdout
    # commands, paths, options and metavars are what a user types, not sentences
    text = re.sub(r"(?:python -m )?needscli[^\n（]*|(?:/[\w.\-]+)+|--[\w-]+|\[[^\]]*\]|<[^>]*>", " ", result.stdout)
    assert ASCII_SENTENCE.findall(text) == []


def test_the_help_screen_is_english_on_request() -> None:
    result = run_needscli("analyze", "--help", "--lang", "en", env={"NEEDSCLI_LANG": None})
    assert result.returncode == 0
    assert "Usage:" in result.stdout and "Find every cadre's training needs" in result.stdout


@pytest.mark.parametrize("width", [60, 80, 120])
def test_chinese_help_fits_the_terminal_and_breaks_no_option_or_file_name(width: int) -> None:
    """Lines are measured in columns (a Chinese character takes two) and broken between Chinese characters or at
    spaces: --max-size and classes.csv whole, no line wider than the terminal, headings with a Chinese colon."""
    from needscli.cli.help_lang import columns

    result = run_needscli("classes", "--help", env={"NEEDSCLI_LANG": "zh", "COLUMNS": str(width)})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(map(columns, lines)) <= width
    text = "\n".join(line.strip() for line in lines)
    for word in ("--max-size", "classes.csv", "assignments.csv", "--periods", "analysis.json"):
        assert word in text, word
    assert "选项：" in lines and "[必填]" in text and "[required]" not in text
    assert not any(line.lstrip().startswith(("，", "。", "、", "）")) for line in lines)


def command_paths(command: Any, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command of the tree, by the words that name it: (), ("analyze",), ("records", "import") ..."""
    paths = [path]
    for name, sub in getattr(command, "commands", {}).items():
        paths += command_paths(sub, (*path, name))
    return paths


COMMANDS = command_paths(typer.main.get_command(app))
LANGS = {"zh": {"NEEDSCLI_LANG": "zh"}, "en": {"NEEDSCLI_LANG": "en"}}


def flat(screen: str, lang: str) -> str:
    """The screen in one line: a Chinese line is broken without a space, an English one at a space."""
    return re.sub(r"\n\s*", "" if lang == "zh" else " ", screen)


def help_screen(path: tuple[str, ...], lang: str, width: int) -> str:
    result = run_needscli(*path, "--help", env={**LANGS[lang], "COLUMNS": str(width)})
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_every_value_range_and_default_is_said_in_words(path: tuple[str, ...], lang: str) -> None:
    """No type of Python or click (<list[Path]>, <str>, <int range>, [x>=1]), no {files}; a default only as
    [默认：…] ([default: …]), never (默认：…) or inside a sentence."""
    screen = help_screen(path, lang, 80)
    for internal in ("<list[", "<str>", "<int", "<float", "<path>", "range>", "x>=", "<=x", "{", "}"):
        assert internal not in screen, internal
    said = "默认：" if lang == "zh" else "default: "
    one_line = flat(screen, lang)
    assert one_line.count(said) == one_line.count(f"[{said}"), one_line
    if lang == "zh":
        # the placeholders of the Chinese screen are Chinese: 文件, 文件夹, 花名册 ..., [选项], 命令
        for english in ("FILE", "FOLDER", "ROSTER", "OUTPUT", "RUN_DIR", "DOMAIN", "OPTIONS", "COMMAND", "ARGS"):
            assert not re.search(rf"\b{english}\b", screen), english


def test_values_ranges_and_defaults_read_as_words() -> None:
    """classes --help: what each value is, its range and its default, in Chinese and in English."""
    zh = flat(help_screen(("classes",), "zh", 120), "zh")
    assert "needscli classes [选项] 文件夹" in zh
    assert "--min-size 数字" in zh and "[默认：沿用 analyze 运行时的；不小于 1]" in zh
    assert "--unit-share 比例" in zh and "0.01 至 1]" in zh
    assert "-o, --output 文件夹" in zh and "[默认：所给的文件夹]" in zh
    assert "--plan-start 日期" in zh
    en = flat(help_screen(("classes",), "en", 120), "en")
    assert "needscli classes [OPTIONS] FOLDER" in en
    assert "[default: as in the analyze run; at least 1]" in en and "0.01 to 1]" in en
    assert "--unit-share SHARE" in en and "--plan-start DATE" in en
    # a bracket too long for the line breaks between its facts, each continued under the text column
    narrow = help_screen(("classes",), "en", 80)
    assert re.search(r"\[default: as in the analyze run;\n {24}at least 1\]", narrow), narrow
    analyze = flat(help_screen(("analyze",), "zh", 120), "zh")
    assert "needscli analyze [选项] [花名册]..." in analyze
    assert "任何数据问题都按致命错误处理（退出码 2，不写入任何文件）。  [默认：--no-strict]" in analyze


@pytest.mark.parametrize("lang", LANGS)
def test_config_help_says_where_the_built_in_thresholds_are_listed(lang: str) -> None:
    """--config names the README's section that lists the defaults, and that section is there."""
    screen = flat(help_screen(("analyze",), lang, 120), lang)
    section, readme = ("「配置」", "README.zh-CN.md") if lang == "zh" else ("Configuration section", "README.md")
    assert section in screen and "2023" in screen and "DOMAIN" not in screen
    heading = "## 配置" if lang == "zh" else "## Configuration"
    assert heading in (Path(__file__).parents[2] / readme).read_text(encoding="utf-8").splitlines()


def examples(screen: str) -> list[str]:
    """The example command lines of a help screen, each joined again where a backslash continued it."""
    lines = screen.splitlines()
    found: list[str] = []
    for number, line in enumerate(lines):
        if not re.match(r"\s*(?:Example: |示例：)", line):
            continue
        block = [line.split("：" if "示例：" in line else ": ", 1)[1]]
        for more in lines[number + 1:]:
            if not more.strip():
                break
            block.append(more)
        command = ""
        for part in block:
            command += part.strip()
            if command.endswith("\\"):
                command = command[:-1]
            else:
                found.append(command.strip())
                command = ""
    return found


@pytest.mark.parametrize("width", [60, 80, 120])
@pytest.mark.parametrize("lang", LANGS)
def test_every_example_fits_and_runs_as_copied(lang: str, width: int) -> None:
    """Each example keeps to the terminal's width, broken (where it must be) at a backslash the shell continues it
    at, and as copied it is a command line the command takes: no usage error, no words of a sentence in it."""
    from needscli.cli.help_lang import columns

    root = typer.main.get_command(app)
    for path in COMMANDS:
        screen = help_screen(path, lang, width)
        assert max(map(columns, screen.splitlines())) <= width, (path, screen)
        commands = examples(screen)
        assert commands, path
        for command in commands:
            words = shlex.split(command)
            assert words[0] == "needscli", command
            target, rest = root, words[1:]
            while rest and rest[0] in getattr(target, "commands", {}):
                target, rest = target.commands[rest[0]], rest[1:]
            target.make_context(words[0], rest)  # a usage error raises


@pytest.mark.parametrize(("line", "width", "lines"), [
    ("Example: needscli analyze cadres.xlsx -o out", 80, ["  Example: needscli analyze cadres.xlsx -o out"]),
    ("Example: needscli records show C0001 --ledger needscli-ledger.db --roster cadres.xlsx", 60,
     ["  Example: needscli records show C0001 \\",
      "             --ledger needscli-ledger.db \\",
      "             --roster cadres.xlsx"]),
    ("示例：needscli records import needscli-out/class-rosters.xlsx platform-2026.csv --dry-run", 80,
     ["  示例：needscli records import needscli-out/class-rosters.xlsx \\",
      "          platform-2026.csv --dry-run"]),
])
def test_an_example_too_wide_is_broken_where_the_shell_continues_it(line: str, width: int, lines: list[str]) -> None:
    from needscli.cli.help_lang import shell_lines

    assert shell_lines("  ", line, width) == lines


@pytest.mark.parametrize(("low", "high", "zh", "en"), [(1, None, "不小于 1", "at least 1"),
                                                       (0.01, 1.0, "0.01 至 1", "0.01 to 1"),
                                                       (None, 5, "不大于 5", "at most 5"),
                                                       (None, None, None, None)])
def test_a_range_in_words(low: float | None, high: float | None, zh: str | None, en: str | None) -> None:
    from needscli.cli.help_lang import range_words

    assert range_words(low, high, "zh") == zh
    assert range_words(low, high, "en") == en
