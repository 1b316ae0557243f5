"""The catalog of words people read: complete in both languages, and holding every key the code asks for;
the bounded memo the writers share."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

import needscli
from needscli.labels import CATALOG, CODE_TABLES, Memo, code_label, label, rule_words, setting_words

SRC = Path(needscli.__file__).parent
SECTIONS = ("sheet", "col", "rosters", "register", "template", "cli", *CODE_TABLES)
KEY_SHAPE = re.compile(rf"(?:{'|'.join(map(re.escape, SECTIONS))})\.[a-z0-9_.-]+")


def _trees() -> list[tuple[Path, ast.Module]]:
    return [(path, ast.parse(path.read_text(encoding="utf-8"), str(path))) for path in sorted(SRC.rglob("*.py"))]


def _calls(name: str) -> list[tuple[Path, ast.Call]]:
    return [(path, node) for path, tree in _trees() for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name]


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(CATALOG))
def test_every_key_has_words_in_both_languages(key: str) -> None:
    zh, en = CATALOG[key]
    assert zh.strip() and en.strip()
    assert _fields(zh) == _fields(en)  # a placeholder filled in one language is filled in the other


def test_every_literal_key_asked_for_is_in_the_catalog() -> None:
    asked = [(path, node.args[0].value) for path, node in _calls("label")
             if node.args and isinstance(node.args[0], ast.Constant)]
    assert len(asked) > 40  # the scan sees the calls
    assert [(path.name, key) for path, key in asked if key not in CATALOG] == []


def test_every_key_built_in_a_call_starts_like_a_catalog_key() -> None:
    prefixes = [(path, str(node.args[0].values[0].value)) for path, node in _calls("label")
                if node.args and isinstance(node.args[0], ast.JoinedStr)
                and isinstance(node.args[0].values[0], ast.Constant)]
    assert prefixes  # the scan sees them
    assert [(path.name, p) for path, p in prefixes if not any(k.startswith(p) for k in CATALOG)] == []


def test_every_code_table_asked_for_exists() -> None:
    tables = [(path, node.args[0]) for path, node in _calls("code_label") if node.args]
    assert tables
    assert [(path.name, ast.unparse(t)) for path, t in tables
            if not (isinstance(t, ast.Constant) and t.value in CODE_TABLES)] == []


def test_every_string_shaped_like_a_key_is_in_the_catalog() -> None:
    """Keys listed for a loop (column headers, instruction lines) are checked as well as those in calls."""
    found = [(path.name, node.value) for path, tree in _trees() if path.name != "labels.py"
             for node in ast.walk(tree)
             if isinstance(node, ast.Constant) and isinstance(node.value, str) and KEY_SHAPE.fullmatch(node.value)]
    assert len(found) > 80
    assert [(name, key) for name, key in found if key not in CATALOG] == []


def test_code_tables_are_catalog_keys() -> None:
    for table, codes in CODE_TABLES.items():
        for code, words in codes.items():
            assert CATALOG[f"{table}.{code}"] == words
            assert label(f"{table}.{code}", "en") == code_label(table, code, "en")


def test_label_fills_fields_and_picks_the_language() -> None:
    assert label("register.title", "zh", year=2026) == "2026年度干部教育培训学时登记表"
    assert label("register.title", "en", year=2026) == "Training hours register 2026"
    assert code_label("standard", "annual", "zh", h=90) == "每年90学时"


def test_unknown_key_is_an_error_but_an_unknown_code_stays_as_it_is() -> None:
    with pytest.raises(KeyError):
        label("col.no_such_column", "zh")
    assert code_label("training_type", "not-a-type", "en") == "not-a-type"


def test_memo_computes_once_and_stays_bounded() -> None:
    calls: list[int] = []
    memo = Memo(lambda k: calls.append(k) or k * 2, limit=3)
    assert [memo[k] for k in (1, 1, 2, 3, 1)] == [2, 2, 4, 6, 2]
    assert calls == [1, 2, 3]
    memo[4]
    assert len(memo) <= 3 and memo[4] == 8


def _problem_codes() -> dict[str, str]:
    """Each problem code the code writes as a literal -> where: Problem(code=...) or its first argument, a
    reader's fail(field, code, ...), a table's problem(code, ...), the records' _problem(item, code, ...)."""
    where_code = {"Problem": ("code", 0), "fail": (None, 1), "problem": (None, 0), "_problem": (None, 1)}
    codes: dict[str, str] = {}
    for path, tree in _trees():
        # a code given by a module's constant (CODE = "doubled-column") is that constant's text
        named = {target.id: node.value.value for node in tree.body if isinstance(node, ast.Assign)
                 and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
                 for target in node.targets if isinstance(target, ast.Name)}
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else \
                node.func.attr if isinstance(node.func, ast.Attribute) else ""
            if name not in where_code:
                continue
            keyword, at = where_code[name]
            given = [k.value for k in node.keywords if k.arg == keyword] if keyword else []
            if not given and len(node.args) > at:
                given = [node.args[at]]
            for value in given:
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    codes.setdefault(value.value, f"{path.name}:{node.lineno}")
                elif isinstance(value, ast.Name) and value.id in named:
                    codes.setdefault(named[value.id], f"{path.name}:{node.lineno}")
    return codes


def test_every_problem_code_has_a_name_for_the_problem_tables() -> None:
    """The terminal's table and the Problems sheet name a problem's kind in words; a code without them shows raw
    (duplicate-record in a records import's dry run)."""
    codes = _problem_codes()
    assert len(codes) > 30  # the scan finds the codes
    assert {code: at for code, at in codes.items() if code not in CODE_TABLES["problem"]} == {}


@pytest.mark.parametrize(("text", "lang", "worded"), [
    ("将 max_per_cadre（或 leader_max_callups）调高 1 可安排", "zh",
     "将每人班次上限（max_per_cadre）或领导干部每年调训次数上限（leader_max_callups）调高 1 可安排"),
    ("调高 max_per_cadre（或 leader_max_callups、max_days_away）可安排", "zh",
     "调高每人班次上限（max_per_cadre）或领导干部每年调训次数上限（leader_max_callups）、每人离岗天数上限（max_days_away）可安排"),
    ("将 max_days_away 调到 45 天可安排", "zh", "将每人离岗天数上限（max_days_away）调到 45 天可安排"),
    ("would be served with classes.max_days_away at 45", "en",
     "would be served with days a cadre may be away (classes.max_days_away) at 45"),
    ("served with classes.max_per_cadre (or leader_max_callups, max_days_away) higher", "en",
     "served with classes a cadre may attend (classes.max_per_cadre) or call-ups of a leader a year "
     "(leader_max_callups), days a cadre may be away (max_days_away) higher"),
])
def test_a_setting_named_by_its_key_alone_gets_its_words_first(text: str, lang: str, worded: str) -> None:
    assert setting_words(text, lang) == worded


@pytest.mark.parametrize(("text", "lang"), [
    ("将最小班额（min_size）降到 2 可开班，或允许单位 30% 的人同期离岗（unit_away_share）可上级调训", "zh"),
    ("增加时段（periods）、降低最小班额（min_size）可能开班", "zh"),
    ("allowing 30% of a unit away (classes.unit_away_share) may serve it", "en"),
    ("可考虑用 needscli classes --min-size 把最小班额降到「可开班的最小班额」", "zh"),
])
def test_a_setting_in_brackets_after_its_words_is_left_as_it_is(text: str, lang: str) -> None:
    assert setting_words(text, lang) == text


@pytest.mark.parametrize(("rule_id", "source", "zh", "en"), [
    ("obligation:appointment", "obligation", "任职培训", "Appointment training"),
    ("obligation:hours", "obligation", "学时达标", "Hours standard"),
    ("priority:P01", "obligation", "组织需求 P01", "Priority P01"),
    ("post:XZ01", "post", "岗位要求 XZ01", "Post requirement XZ01"),
    ("personal:wish", "personal", "个人培训需求", "Personal wish"),
    ("personal:rating", "personal", "能力自评", "Self-rating"),
    ("theory-core", "theory-core", "理论武装规则", "Theory core rule"),
    ("grassroots", "post", "岗位需求规则", "Post rule"),
])
def test_a_rule_in_words(rule_id: str, source: str, zh: str, en: str) -> None:
    assert (rule_words(rule_id, source, "zh"), rule_words(rule_id, source, "en")) == (zh, en)
