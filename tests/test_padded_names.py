"""A name padded with a full-width space (王　伟: a two-character name set to the width of three, as rosters align
names) is printed as the roster writes it, and found however it is asked for: 王伟, 王 伟 or 王　伟."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import openpyxl
from builders import make_workbook, run_cli

from needscli.config import Config
from needscli.core.analysis import Analysis
from needscli.core.pseudonyms import pseudonymize, token
from needscli.models import TrainingClass
from needscli.pipeline import analyze, plan_classes
from needscli.records.lookup import find_cadre
from needscli.records.store import Ledger
from needscli.reports.class_rosters import write_class_rosters

PADDED = "王\u3000伟"
AS_OF = "2026-11-01"
HEADER = ["编号", "姓名", "单位", "职务", "职级"]


def padded_roster(tmp_path: Path, *more: list[object]) -> Path:
    return make_workbook(tmp_path, {"花名册": [HEADER, ["C1", f"\u3000{PADDED} ", "石桥乡", "科员", "一级科员"],
                                               ["C2", "李 梅", "石桥乡", "科员", "一级科员"],
                                               ["C3", "张\u3000 三", "石桥乡", "科员", "一级科员"], *more]})


def padded_analysis(tmp_path: Path) -> Analysis:
    return analyze([padded_roster(tmp_path)], Config(), as_of=dt.date(2026, 11, 1), lang="zh")[0]


def test_a_padded_name_is_the_cadres_name_as_the_roster_writes_it(tmp_path: Path) -> None:
    """Inner full-width spaces kept (outer ones trimmed); a plain space stays a plain space; a run of spaces
    with a full-width one in it is its full-width spaces."""
    analysis = padded_analysis(tmp_path)
    assert [c.name for c in analysis.cadres] == [PADDED, "李 梅", "张\u3000三"]


def test_a_sign_in_sheet_prints_the_padded_name(tmp_path: Path) -> None:
    analysis = padded_analysis(tmp_path)
    day = dt.date(2026, 12, 1)
    cls = TrainingClass.model_validate({
        "id": "K01", "name": "法治思维专题班（第1期）", "topic_id": "rule-of-law", "training_type": "on-the-job",
        "organizer": "市委管理", "job_family": "综合管理类", "period": 1, "resource": "市委党校",
        "members": ["C1", "C2"], "days": 1, "hours": 8.0, "start_date": day, "end_date": day})
    path = tmp_path / "class-rosters.xlsx"
    write_class_rosters(analysis, dataclasses.replace(plan_classes(analysis), classes=[cls]), path)
    ws = openpyxl.load_workbook(path)["K01"]
    seats = {row[1]: row[2] for row in ws.iter_rows(values_only=True) if row[1] in ("C1", "C2")}
    assert seats == {"C1": PADDED, "C2": "李 梅"}


def test_a_padded_name_is_found_however_it_is_asked_for(tmp_path: Path, ledger: Ledger) -> None:
    analysis = padded_analysis(tmp_path)
    for asked in ("王伟", "王 伟", PADDED, f" {PADDED} "):
        assert analysis.find_cadre(asked)[0] is analysis.cadres[0], asked
        assert find_cadre(ledger, asked, analysis.cadres).cadre_id == "C1", asked  # records show


def test_explain_finds_a_padded_name_asked_for_each_way_and_prints_it_padded(tmp_path: Path) -> None:
    path = padded_roster(tmp_path)
    results = [run_cli("explain", path, asked, "--as-of", AS_OF) for asked in ("王伟", "王 伟", PADDED, "C1")]
    assert [r.exit_code for r in results] == [0, 0, 0, 0], results[0].output
    assert PADDED in results[-1].stdout
    assert all(r.stdout == results[-1].stdout for r in results)


def test_namesakes_asked_for_without_the_padding_are_listed_to_choose_from(tmp_path: Path) -> None:
    path = padded_roster(tmp_path, ["C4", PADDED, "城关镇", "科员", "一级科员"])
    for asked in ("王伟", "王 伟"):
        result = run_cli("explain", path, asked, "--as-of", AS_OF)
        assert result.exit_code == 2, result.output
        assert f"名册中有 2 人姓名为「{asked}」：C1 {PADDED}、C4 {PADDED}；请改用编号" in result.stderr


def test_a_padded_name_and_its_unpadded_namesake_are_both_found_whichever_is_asked(tmp_path: Path,
                                                                                      ledger: Ledger) -> None:
    """王　伟 and 王伟 are one name set two ways: asked for as written, neither is picked over the other."""
    path = padded_roster(tmp_path, ["C4", "王伟", "城关镇", "科员", "一级科员"])
    analysis = analyze([path], Config(), as_of=dt.date(2026, 11, 1), lang="zh")[0]
    for asked in ("王伟", "王 伟", PADDED):
        assert [c.id for c in analysis.find_cadre(asked)[1]] == ["C1", "C4"], asked
        assert analysis.find_cadre(asked)[0] is None, asked
        found = find_cadre(ledger, asked, analysis.cadres)  # records show
        assert (found.cadre_id, found.several, [c.cadre_id for c in found.candidates]) == (None, True, ["C1", "C4"])
        result = run_cli("explain", path, asked, "--as-of", AS_OF)
        assert result.exit_code == 2, result.output
        assert f"名册中有 2 人姓名为「{asked}」：C1 {PADDED}、C4 王伟；请改用编号" in result.stderr


def test_a_padded_name_has_the_pseudonym_of_the_name_with_a_plain_space(tmp_path: Path) -> None:
    """Its token is the one it had when names were read with a plain space: runs before and after match."""
    key = b"k3y-for-tests-0123456789"
    cadres = pseudonymize(padded_analysis(tmp_path).cadres, key)
    assert [c.name for c in cadres] == [token(key, "nm", name) for name in ("王 伟", "李 梅", "张 三")]
