"""Analysis.find_cadre (needscli explain's lookup): an id or a name as the clerk types it."""

from __future__ import annotations

from pathlib import Path

from builders import make_workbook

from needscli.config import Config
from needscli.pipeline import analyze


def test_an_id_number_with_a_lower_case_x_and_a_name_without_its_padding_find_the_cadre(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"花名册": [["身份证号", "姓名", "单位", "职务", "职级"],
                                               ["33012719750312013X", "张建国", "市财政局", "科长", "乡科级正职"],
                                               ["330127198012050215", "李 梅", "市财政局", "科员", "一级科员"],
                                               ["330127198012050231", "李梅花", "市财政局", "科员", "一级科员"]]})
    analysis, _ = analyze([path], Config())
    assert analysis.find_cadre("33012719750312013x")[0].name == "张建国"  # type: ignore[union-attr]
    assert analysis.find_cadre("李梅")[0].id == "330127198012050215"  # type: ignore[union-attr]
    assert analysis.find_cadre(" 李 梅 ")[0].id == "330127198012050215"  # type: ignore[union-attr]
    found, close = analysis.find_cadre("李")
    assert found is None and close


def test_explain_with_the_x_in_the_other_case_explains_the_cadre_whole(tmp_path: Path) -> None:
    """The explanation is made for the cadre the lookup finds: with its x asked for as X, the rules that did not fire
    are there as they are for the x."""
    from builders import run_cli

    path = make_workbook(tmp_path, {"花名册": [["身份证号", "姓名", "单位", "职务", "职级"],
                                               ["33012719750312013x", "张建国", "市财政局", "科长", "乡科级正职"]]})
    typed, other = (run_cli("explain", path, spelled, "--as-of", "2026-11-01") for spelled in
                    ("33012719750312013x", "33012719750312013X"))
    assert typed.exit_code == other.exit_code == 0, other.output
    assert "未触发的规则" in other.stdout and "grassroots" in other.stdout
    assert other.stdout == typed.stdout


def test_a_cadre_on_a_skipped_row_is_found_there_with_the_errors_that_skipped_it(tmp_path: Path) -> None:
    path = make_workbook(tmp_path, {"花名册": [["编号", "姓名", "单位", "职务", "职级"],
                                               ["C1", "张建国", "市财政局", "科长", "乡科级正职"],
                                               ["C2", "韩 梦", "城关镇", "科员", "临时工"],
                                               ["C3", "李梅", "市财政局", "科员", "一级科员"],
                                               [None, "王五", "城关镇", "科员", "一级科员"]]})  # no id: skipped
    analysis, _ = analyze([path], Config(), lang="zh")
    assert analysis.find_cadre("韩梦")[0] is None
    ((row, problems),) = analysis.skipped_rows_of(" 韩梦 ")
    assert (row.file, row.sheet, row.row, row.id) == ("roster.xlsx", "花名册", 3, "C2")
    assert [(p.cell, p.code) for p in problems] == [("E3", "unknown-level")]
    assert problems[0].message.startswith("第 3 行「职级」列：「临时工」不在配置的职级序列中")
    assert [r.row for r, _ in analysis.skipped_rows_of("C2")] == [3]
    assert analysis.skipped_rows_of("李梅") == [] and analysis.skipped_rows_of(" ") == []
    assert [(r.row, r.id) for r, _ in analysis.skipped_rows_of("王五")] == [(5, "")]


def test_explain_by_a_padded_name_lists_the_rules_that_did_not_fire(tmp_path: Path) -> None:
    """施　磊 typed as the roster writes it (a full-width space padding a two-character name): the explanation is
    the one explain gives for the id, the rules that did not fire with it."""
    from builders import run_cli

    path = make_workbook(tmp_path, {"花名册": [["编号", "姓名", "单位", "职务", "职级"],
                                               ["C1", "施　磊", "石桥乡", "科员", "一级科员"]]})
    by_name, by_id = (run_cli("explain", path, asked, "--as-of", "2026-11-01") for asked in ("施　磊", "C1"))
    assert by_name.exit_code == by_id.exit_code == 0, by_name.output
    assert "grassroots" in by_name.stdout and by_name.stdout == by_id.stdout
