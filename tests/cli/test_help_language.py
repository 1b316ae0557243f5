"""--help in the office's language: every help text of every command has its Chinese, and a Chinese help
screen holds no English sentence."""

from __future__ import annotations

import re
from typing import Any

import pytest
import typer.main
from builders import run_needscli

from needscli.cli.app import app
from needscli.cli.help_zh import HELP_ZH
from needscli.wording import ASCII_SENTENCE


def help_texts(command: Any) -> list[str]:
    texts = [t for t in (command.help, getattr(command, "short_help", None)) if t]
    texts += [p.help for p in command.params if getattr(p, "help", None)]
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
