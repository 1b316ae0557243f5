"""The workbooks a training office reads hold words, never the program's codes: no rule id, config key (but in
brackets after its words), code of a code table (route, source, status ...), topic id or True/False in a cell of
gap-report.xlsx or class-rosters.xlsx (the annual plan, the groups too small for a class, the sign-in sheets),
whole or split into hand-outs; and the most-needed topics are listed in one order wherever they are listed."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from builders import SAMPLES, sheet_records, sheet_rows
from pydantic import BaseModel
from rich.console import Console

import needscli
from needscli.cli import render
from needscli.config import Config
from needscli.labels import CODE_TABLES, label
from needscli.pipeline import Job, run_job
from needscli.reports.gap_report import TOP_TOPICS, top_topics
from needscli.reports.summary import summary_json

AS_OF = "2026-11-01"
WORKBOOKS = ("gap-report.xlsx", "class-rosters.xlsx")
# columns headed as codes, beside a column of words: a problem's code as analysis.json names it (问题类型 says it in
# words), and a topic's id as the 课程 sheet takes it to add an alias to the topic
CODE_COLUMNS = {"zh": {"问题代码", "主题编号"}, "en": {"Code", "Topic ID"}}
TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9_:.\-]*")
COMMAND = re.compile(r"needscli(?: [a-z]+)?(?: --?[a-z-]+)*")  # a command line to type (needscli classes --min-size)


def config_keys(model: type[BaseModel] = Config) -> set[str]:
    """Every key of the config, its sections' included."""
    keys: set[str] = set()
    for name, field in model.model_fields.items():
        keys.add(name)
        kind = field.annotation
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            keys |= config_keys(kind)
        for arg in getattr(kind, "__args__", ()):  # list[Level] and the like
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                keys |= config_keys(arg)
    return keys


def codes_of(analysis: Any) -> set[str]:
    """The codes a clerk must not find in a cell: every rule id of the run's needs and rules, every topic id of its
    catalog, and every code of the label tables (those written in letters: the bands are codes in Chinese); the
    settings are config keys, which may be named in brackets after their words."""
    rules = {reason.rule_id for need in analysis.needs for reason in need.reasons}
    rules |= {rule.id for rule in analysis.rules}
    tables = {code for table, codes in CODE_TABLES.items() if table != "setting" for code in codes if code.isascii()}
    return rules | set(analysis.catalog.by_id) | tables


def cells(path: Path, lang: str) -> Iterator[tuple[str, str, object]]:
    """(sheet, cell, value) of every cell of every sheet of a workbook, but the columns headed as codes."""
    book = openpyxl.load_workbook(path)
    for ws in book.worksheets:
        skipped = {c.column for c in ws[1] if c.value in CODE_COLUMNS[lang]}
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None and c.column not in skipped:
                    yield ws.title, c.coordinate, c.value


def bare_codes(text: str, codes: set[str], keys: set[str]) -> list[str]:
    """The codes a text holds, and the config keys it names other than in brackets after words (最小班额（min_size）,
    minimum class size (classes.min_size))."""
    found = []
    text = COMMAND.sub("", text)
    for match in TOKEN.finditer(text):
        token = match.group().rstrip(".-")
        if token in codes or token in ("True", "False", "true", "false"):
            found.append(token)
        elif token.rpartition(".")[2] in keys:
            start, end = match.start(), match.start() + len(token)
            before, after = text[start - 1:start], text[end:end + 1]
            if not (before in "（(" and before and after in "）)" and after and text[:start - 1].strip()):
                found.append(token)
    return found


def codes_in(folder: Path, analysis: Any, lang: str = "zh") -> list[tuple[str, str, str, object]]:
    """(workbook, sheet, cell, value) of each cell of the folder's workbooks (and its hand-outs') holding a code."""
    codes, keys = codes_of(analysis), config_keys()
    found = []
    for path in sorted(p for name in WORKBOOKS for p in folder.rglob(name)):
        for sheet, cell, value in cells(path, lang):
            if isinstance(value, bool) or (isinstance(value, str) and bare_codes(value, codes, keys)):
                found.append((str(path.relative_to(folder)), sheet, cell, value))
    return found


@pytest.fixture(scope="module")
def samples_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Any, Path]:
    """The samples analyzed and planned through the library, every output written."""
    folder = tmp_path_factory.mktemp("samples")
    analysis = needscli.analyze(SAMPLES, as_of=AS_OF)
    plan = needscli.plan(analysis)
    needscli.write(analysis, plan, folder)
    return analysis, plan, folder


def test_the_code_list_holds_what_the_run_names_by_code(samples_run: tuple[Any, Any, Path]) -> None:
    """The list is made from the run and the catalog of labels, so the tests below can fail."""
    analysis = samples_run[0]
    codes = codes_of(analysis)
    assert {"obligation:appointment", "priority:P01", "post:XZ01", "personal:wish", "theory-core", "grassroots",
            "sent-up", "in-unit", "online", "organizational", "soe-management"} <= codes
    assert {"min_size", "max_per_cadre", "leader_max_callups", "unit_away_share", "detail_rows"} <= config_keys()
    assert bare_codes("将 max_per_cadre（或 leader_max_callups）调高 1 可安排", codes, config_keys()) == [
        "max_per_cadre", "leader_max_callups"]
    assert bare_codes("obligation:appointment; grassroots", codes, config_keys()) == [
        "obligation:appointment", "grassroots"]
    assert bare_codes("将最小班额（min_size）降到 2 可开班；超过明细行数上限（limits.detail_rows）", codes,
                      config_keys()) == []


def test_no_cell_of_the_workbooks_holds_a_code(samples_run: tuple[Any, Any, Path]) -> None:
    analysis, _, folder = samples_run
    assert codes_in(folder, analysis) == []


@pytest.mark.parametrize("split_by", ["unit", "organizer", "host"])
def test_no_cell_of_the_hand_outs_holds_a_code(tmp_path: Path, split_by: str) -> None:
    result = run_job(Job(rosters=[SAMPLES], output=tmp_path, as_of=dt.date.fromisoformat(AS_OF), split_by=split_by))
    book = "class-rosters.xlsx" if split_by == "host" else "gap-report.xlsx"  # a host's hand-out has no gap report
    assert len(list(tmp_path.rglob(book))) > 3  # the hand-outs were written and are read
    assert codes_in(tmp_path, result.analysis) == []


def test_the_rule_column_names_each_rule_in_words(samples_run: tuple[Any, Any, Path]) -> None:
    """An obligation by its kind, a priority and a post by the id the office gave them, a rule of the rules by the
    source of its needs (its name starts the reason beside it); needs.csv keeps the ids."""
    folder = samples_run[2]
    needs = sheet_records(folder / "gap-report.xlsx", "需求明细")
    rules = {r["规则"] for r in needs}
    assert {"任职培训", "初任培训", "学时达标", "组织需求 P01", "岗位要求 BG01", "个人培训需求", "能力自评",
            "理论武装规则", "岗位要求 XZ01；岗位需求规则；个人培训需求"} <= rules
    grassroots = next(r for r in needs if r["规则"] == "岗位要求 XZ01；岗位需求规则")
    assert "基层干部：基层治理、群众工作与乡村振兴：干部类别：基层干部" in str(grassroots["原因"])
    csv_rules = (folder / "needs.csv").read_text(encoding="utf-8-sig")
    assert "obligation:appointment" in csv_rules and "theory-core" in csv_rules


def test_an_unmet_reason_names_the_setting_to_change_in_words_first(samples_run: tuple[Any, Any, Path]) -> None:
    analysis, plan, folder = samples_run
    reasons = {r["原因"] for r in sheet_records(folder / "gap-report.xlsx", "未满足")}
    assert any("将每人班次上限（max_per_cadre）或领导干部每年调训次数上限（leader_max_callups）调高 1 可安排" in r
               for r in reasons)
    assert any("将最小班额（min_size）降到" in r for r in reasons)
    # the plan (and unmet.parquet) keep the reason as the plan gives it
    assert any("max_per_cadre（或 leader_max_callups）" in u.reason for u in plan.unmet)


def test_english_workbooks_name_rules_and_settings_in_words(tmp_path: Path) -> None:
    analysis = needscli.analyze(SAMPLES, as_of=AS_OF, lang="en")
    plan = needscli.plan(analysis)
    needscli.write(analysis, plan, tmp_path)
    codes = codes_of(analysis)
    rules = {r["Rule"] for r in sheet_records(tmp_path / "gap-report.xlsx", "Needs")}
    assert {"Appointment training", "Priority P01", "Post requirement BG01", "Personal wish", "Theory core rule"} <= rules
    assert [rule for rule in rules if set(str(rule).split("; ")) & codes] == []
    reasons = [str(r["Reason"]) for r in sheet_records(tmp_path / "gap-report.xlsx", "Unmet")]
    assert any("classes a cadre may attend (classes.max_per_cadre) or call-ups of a leader a year "
               "(leader_max_callups) one higher" in r for r in reasons)
    # in English, keys of one plain word (online, periods) read as words: the keys in snake case are looked for
    assert [r for r in reasons if bare_codes(r, set(), {key for key in config_keys() if "_" in key})] == []


# ---- the most-needed topics: one order --------------------------------------------------------------


def summary_top_topics(path: Path, lang: str = "zh") -> list[tuple[object, ...]]:
    """The Summary sheet's list of most-needed topics: (topic, cadres, demand) below its header."""
    rows = sheet_rows(path, label("sheet.summary", lang))
    start = next(i for i, row in enumerate(rows) if row[0] == label("top_topics", lang))
    assert rows[start][1:3] == [label("col.cadres", lang), label("col.demand", lang)]
    listed = []
    for row in rows[start + 1:]:
        if not row[0]:
            break
        listed.append(tuple(row[:3]))
    return listed


def terminal_top_topics(analysis: Any, plan: Any, monkeypatch: pytest.MonkeyPatch) -> tuple[str, list[str]]:
    """The terminal summary's list of most-needed topics: its title and the topics, in its order."""
    screen = io.StringIO()
    monkeypatch.setattr(render, "out", Console(file=screen, width=400))
    render.render_summary(analysis, [], plan)
    lines = [line.strip() for line in screen.getvalue().splitlines()]
    title = label("top_topics", analysis.lang)
    start = lines.index(title)
    topics = []
    for line in lines[start + 1:]:
        if line.startswith("└"):
            break
        if line.startswith("│"):
            topics.append(line.strip("│").split("│")[1].strip())
    return lines[start], topics


def test_the_summary_sheet_the_terminal_and_the_json_list_the_top_topics_in_one_order(
        samples_run: tuple[Any, Any, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    analysis, plan, folder = samples_run
    names = [analysis.catalog.label(r.topic_id, "zh") for r in analysis.ranking[:TOP_TOPICS]]
    sheet = summary_top_topics(folder / "gap-report.xlsx")
    title, terminal = terminal_top_topics(analysis, plan, monkeypatch)
    json_topics = [t["topic"] for t in summary_json(analysis, [], 0)["top_topics"]]
    assert [topic for topic, _, _ in sheet] == terminal == json_topics == names
    # the tool's ranking: by weighted demand, as the Topic ranking sheet ranks them; not by cadres, which here
    # differs (在职培训（学时补足）: 227 cadres, ranked above 284 and 246)
    demands = [demand for _, _, demand in sheet]
    assert demands == sorted(demands, reverse=True)
    cadres = [n for _, n, _ in sheet]
    assert cadres != sorted(cadres, reverse=True)
    ranking = sheet_records(folder / "gap-report.xlsx", "主题排序")
    assert [r["培训主题"] for r in ranking if int(str(r["排名"])) <= TOP_TOPICS] == names
    assert [t.topic_id for t in top_topics(analysis)] == [r.topic_id for r in analysis.ranking[:TOP_TOPICS]]


def test_each_list_of_top_topics_says_what_it_is_ordered_by(
        samples_run: tuple[Any, Any, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    analysis, plan, folder = samples_run
    title, _ = terminal_top_topics(analysis, plan, monkeypatch)
    assert title == "需求最多的主题（按需求加权分排序）"
    rows = sheet_rows(folder / "gap-report.xlsx", "概要")
    header = [row[:3] for row in rows].index(["需求最多的主题（按需求加权分排序）", "需求人数", "需求加权分"]) + 1
    # the bar chart of the top topics, titled as the list, plots the figure they are ordered by (column C)
    with zipfile.ZipFile(folder / "gap-report.xlsx") as archive:
        bar = archive.read("xl/charts/chart2.xml").decode("utf-8")
    assert "需求最多的主题（按需求加权分排序）" in bar
    assert re.findall(r"<c:f>([^<]*)</c:f>", bar) == [
        f"概要!$A${header + 1}:$A${header + TOP_TOPICS}", f"概要!$C${header + 1}:$C${header + TOP_TOPICS}"]
