"""The hours register and the summary by unit, level or cadre, from the ledger and the roster."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from builders import (
    ROSTER_HEADER,
    add_records,
    hand_record,
    make_cadre,
    make_class_rosters,
    make_workbook,
    roster,
    seat,
)
from openpyxl.utils import get_column_letter

import needscli
from needscli.config import Config
from needscli.io.load import load_inputs
from needscli.records.register import RegistrationRow, cadre_row, registration_rows, summary
from needscli.records.store import Ledger
from needscli.reports.files import atomic_path, is_as_written
from needscli.reports.registration import is_own_register, write_registration
from needscli.reports.xlsx import row_height

D = dt.date


def test_registration_rows_apply_the_level_requirement(ledger: Ledger) -> None:
    add_records(ledger,
                hand_record("C1", D(2023, 5, 1), 300), hand_record("C1", D(2026, 5, 1), 100),
                hand_record("C2", D(2026, 5, 1), 60), hand_record("C2", D(2026, 8, 1), 12, delivery="online"),
                hand_record("X9", D(2026, 5, 1), 8, topic="党性教育"))
    roster = [make_cadre("C1", unit="市发改委", level="县处级正职"),
              make_cadre("C2", unit="市财政局", level="一级主任科员"),
              make_cadre("C3", unit="市财政局", level="二级科员")]
    rows = {r.cadre_id: r for r in registration_rows(ledger, 2026, Config(), roster)}
    assert list(rows) == ["C1", "C2", "C3", "X9"]
    # 400 h without dates add no days (shown 0, unknown to the standard): 550 - 400 = 150 h still to do
    assert (rows["C1"].standard, rows["C1"].five_year, rows["C1"].days_five_year, rows["C1"].required,
            rows["C1"].days_required, rows["C1"].deficit, rows["C1"].met) == (
        "five-year", 400, 0, 550, 90, 150, False)
    # online hours are apart: 60 concentrated hours without dates (no days), 12 online; 90 - 60 = 30 h to go
    assert (rows["C2"].standard, rows["C2"].hours_year, rows["C2"].days_year, rows["C2"].deficit) == (
        "annual", 60, 0, 30)
    assert (rows["C2"].online_hours, rows["C2"].online_required, rows["C2"].online_deficit) == (12, 50, 38)
    assert rows["C2"].by_delivery == {"concentrated": 60, "online": 12, "overseas": 0}
    # nothing in the ledger: 0 h, days unknown (shown 0), so the whole 90 h are owed; no online hours: 50 owed
    assert (rows["C3"].hours_year, rows["C3"].days_year, rows["C3"].deficit, rows["C3"].online_deficit) == (
        0, 0, 90, 50)
    assert (rows["X9"].on_roster, rows["X9"].required, rows["X9"].met, rows["X9"].last_completions) == (
        False, None, None, [("党性教育", D(2026, 5, 1))])
    assert rows["X9"].online_deficit == 50  # online learning is owed whatever the level


def test_register_meets_the_standard_by_days_and_keeps_online_apart(ledger: Ledger) -> None:
    add_records(ledger,
                hand_record("C1", D(2026, 3, 7), 36, start=D(2026, 3, 2)),  # two 6-day party-school classes
                hand_record("C1", D(2026, 5, 9), 36, start=D(2026, 5, 4)),
                hand_record("C2", D(2026, 4, 1), 8), hand_record("C2", D(2026, 6, 1), 100, delivery="online"))
    roster = [make_cadre("C1"), make_cadre("C2")]
    rows = {r.cadre_id: r for r in registration_rows(ledger, 2026, Config(), roster)}
    assert (rows["C1"].days_year, rows["C1"].hours_year, rows["C1"].met, rows["C1"].deficit) == (12, 72, True, 0)
    assert (rows["C2"].hours_year, rows["C2"].online_hours, rows["C2"].met, rows["C2"].online_deficit) == (
        8, 100, False, 0)
    counted = Config.model_validate({"hours": {"online_counts_toward_concentrated": True}})
    rows = {r.cadre_id: r for r in registration_rows(ledger, 2026, counted, roster)}
    assert (rows["C2"].hours_year, rows["C2"].met, rows["C2"].deficit) == (8, True, 0)


def test_online_is_unknown_without_online_records_of_the_year(ledger: Ledger) -> None:
    add_records(ledger, hand_record("C1", D(2026, 4, 1), 8), hand_record("C1", D(2025, 4, 1), 8, delivery="online"))
    [row] = registration_rows(ledger, 2026, Config(), [make_cadre("C1")])
    assert (row.online_hours, row.online_deficit) == (None, None)
    assert summary(ledger, 2026, "unit", [make_cadre("C1")]).rows[0].online_below is None


def test_cadre_row_as_of_a_date(ledger: Ledger) -> None:
    add_records(ledger, hand_record("C1", D(2026, 3, 7), 36, start=D(2026, 3, 2)),
                hand_record("C1", D(2026, 9, 1), 36, start=D(2026, 8, 27)))
    row = cadre_row(ledger, "C1", D(2026, 6, 30), Config(), make_cadre("C1"))
    assert (row.days_year, row.hours_year, row.standard, row.met, row.deficit) == (6, 36, "annual", False, 36)
    alone = cadre_row(ledger, "C1", D(2026, 12, 31), Config())
    assert (alone.days_year, alone.on_roster, alone.standard, alone.met) == (12, False, "", None)


def test_a_roster_cadre_is_counted_as_the_analysis_counts_it(tmp_path: Path, ledger: Ledger) -> None:
    """The roster's own 本年度学时 and the ledger's records, joined as analyze --ledger joins them: records show
    (cadre_row), the register and the gap report's compliance give one cadre one shortfall, and say what of it
    came from which."""
    add_records(ledger, hand_record("C1", D(2026, 3, 7), 12, start=D(2026, 3, 6)),
                hand_record("C2", D(2026, 5, 1), 30))
    path = make_workbook(tmp_path, {"花名册": roster(
        ["C1", "李华", "县财政局", "副局长", "乡科级副职", 60], ["C2", "张敏", "县财政局", "股长", "一级科员", ""],
        ["C3", "刘洋", "县财政局", "科员", "一级科员", 88], header=[*ROSTER_HEADER, "本年度学时"])})
    as_of = D(2026, 10, 31)
    cadres = load_inputs([path], Config()).cadres
    analysis = needscli.analyze(path, ledger=ledger.path, as_of=as_of)
    gap = {c.cadre_id: c.standing.deficit for c in analysis.compliance}
    shown = {c.id: cadre_row(ledger, c.id, as_of, Config(), c).deficit for c in cadres}
    assert shown == gap == {"C1": 18, "C2": 60, "C3": 2}  # 90 - 60 - 12; 90 - 30 (a blank roster cell: 0); 90 - 88
    rows = {r.cadre_id: r for r in registration_rows(ledger, 2026, Config(), cadres)}
    assert {i: r.deficit for i, r in rows.items()} == {"C1": 18, "C2": 60, "C3": 2}
    row = cadre_row(ledger, "C1", as_of, Config(), cadres[0])
    assert (row.hours_year, row.days_year, row.hours_mode) == (72, 2, "add")
    assert (row.sources["hours_year"], row.sources["days_year"]) == ((60, 12), (None, 2))
    assert rows["C3"].sources["hours_year"] == (88, None)  # the ledger holds nothing of C3's: the roster's stands
    replace = Config.model_validate({"ledger": {"hours_mode": "replace"}})
    replaced = needscli.analyze(path, ledger=ledger.path, as_of=as_of, config=replace)
    row = cadre_row(ledger, "C1", as_of, replace, cadres[0])
    assert row.deficit == {c.cadre_id: c.standing.deficit for c in replaced.compliance}["C1"] == 60  # min(90 - 12, (12 - 2) x 6)
    assert row.sources["hours_year"] == (None, 12)


def test_summary_by_unit_level_and_cadre(ledger: Ledger) -> None:
    add_records(ledger, hand_record("C1", D(2026, 5, 1), 100), hand_record("C2", D(2026, 5, 1), 60),
                hand_record("C3", D(2026, 5, 1), 95), hand_record("C3", D(2026, 6, 1), 60, delivery="online"),
                hand_record("C2", D(2026, 7, 1), 12, delivery="overseas", start=D(2026, 6, 30)))
    roster = [make_cadre("C1", unit="市发改委", level="县处级正职"),
              make_cadre("C2", unit="市财政局", level="一级主任科员"),
              make_cadre("C3", unit="市财政局", level="一级主任科员")]
    by_unit = summary(ledger, 2026, "unit", roster)
    # days only from the dated overseas record of C2 (30 June to 1 July: 2); the undated hours add none.
    # C1 (county level, five-year) has 100 of 550 h; C2 72 h and 2 days of 90 h or 12 days: both below;
    # C3 95 of 90 h: met. Online: only C3's 60 h meet the 50 h.
    assert [(r.group, r.cadres, r.days, r.hours, r.overseas, r.online, r.below, r.online_below)
            for r in by_unit.rows] == [("市发改委", 1, 0, 100, 0, 0, 1, 1),
                                       ("市财政局", 2, 2, 60 + 12 + 95, 12, 60, 1, 1)]
    by_level = summary(ledger, 2026, "level", roster)
    assert [(r.group, r.cadres) for r in by_level.rows] == [("县处级正职", 1), ("一级主任科员", 2)]
    without = summary(ledger, 2026, "unit")
    assert without.by == "cadre"
    assert [(r.group, r.hours, r.online, r.below) for r in without.rows] == [
        ("C1", 100, 0, None), ("C2", 72, 0, None), ("C3", 95, 60, None)]


def test_only_a_register_needscli_wrote_unchanged_is_its_own(tmp_path: Path, ledger: Ledger) -> None:
    """What records export may replace without --force: its own register, as written; nothing else."""
    add_records(ledger, hand_record("C1", D(2026, 5, 1), 48))
    rows = registration_rows(ledger, 2026, Config(), None)
    zh, en = tmp_path / "学时登记.xlsx", tmp_path / "register.xlsx"
    write_registration(rows, zh, 2026)
    write_registration(rows, en, 2026, lang="en")
    assert is_own_register(zh) and is_own_register(en)
    openpyxl.load_workbook(zh).save(zh)  # edited, or saved again in Excel
    assert not is_own_register(zh)
    signed = make_class_rosters(tmp_path, [{"id": "K1", "topic": "法治", "period": "2026-06", "hours": 48,
                                            "seats": [seat("C1", "√")]}])
    stamped = tmp_path / "stamped.xlsx"  # a class-rosters.xlsx as needscli writes it: stamped, but no register
    with atomic_path(stamped) as tmp:
        tmp.write_bytes(signed.read_bytes())
    assert is_as_written(stamped) and not is_own_register(stamped)
    (tmp_path / "notes.xlsx").write_text("not a workbook")
    assert not is_own_register(tmp_path / "notes.xlsx") and not is_own_register(tmp_path / "none.xlsx")


def test_the_registers_basis_names_the_cycle_its_five_year_figures_count(tmp_path: Path, ledger: Ledger) -> None:
    add_records(ledger, hand_record("C1", D(2022, 5, 1), 48), hand_record("C1", D(2026, 5, 1), 12))
    rows = registration_rows(ledger, 2026, Config(), None)
    assert (rows[0].hours_year, rows[0].five_year) == (12, 12)  # 2022 is the last cycle's
    write_registration(rows, tmp_path / "zh.xlsx", 2026)
    write_registration(rows, tmp_path / "en.xlsx", 2026, lang="en")
    cells = [str(c) for r in openpyxl.load_workbook(tmp_path / "zh.xlsx").active.iter_rows(values_only=True)
             for c in r if c]
    assert any("五年累计按培训周期计（2023—2027年，计至2026年底）" in c for c in cells)
    cells = [str(c) for r in openpyxl.load_workbook(tmp_path / "en.xlsx").active.iter_rows(values_only=True)
             for c in r if c]
    assert any("five-year figures: the cycle 2023-2027, to the end of 2026" in c for c in cells)


def test_the_registers_id_column_fits_an_id_number(tmp_path: Path, ledger: Ledger) -> None:
    """An 18-character 身份证号 ran into the name beside it in a column of 14."""
    add_records(ledger, hand_record("C1", D(2026, 5, 1), 48), hand_record("110101199003077777", D(2026, 5, 1), 8))
    path = tmp_path / "学时登记.xlsx"
    write_registration(registration_rows(ledger, 2026, Config(), None), path, 2026)
    assert openpyxl.load_workbook(path).active.column_dimensions["A"].width >= 20


def test_the_registers_headers_and_basis_are_printed_whole(tmp_path: Path, ledger: Ledger) -> None:
    """本年度集中培训天数 wraps in its column of 10: the header row is as tall as its lines (it was left one line
    high, the second cut off); the counting basis wraps within the printed page, merged over the columns printed on
    it (it ran off the page unwrapped), and the table is printed one page wide with an 18-character 身份证号; days
    as an office writes them (10.6, not 10.59)."""
    add_records(ledger, hand_record("110101199003077777", D(2026, 5, 9), 61, start=D(2026, 4, 28)))
    path = tmp_path / "学时登记.xlsx"
    rows = registration_rows(ledger, 2026, Config(), None)
    rows[0].days_year = 10.59
    write_registration(rows, path, 2026)
    ws = openpyxl.load_workbook(path).active
    headers = [c.value for c in ws[4]]
    assert ws.page_setup.fitToWidth in (None, 1)  # one page wide (1, the default, not written)
    # as tall as class-rosters.xlsx sizes a wrapped cell (to the pixel: 58 points are written 57.75)
    assert ws.row_dimensions[4].height == pytest.approx(row_height("本年度集中培训天数", 10), abs=0.5)
    assert ws.row_dimensions[4].height > 2 * 15
    assert ws["B2"].value is None and ws["A2"].alignment.wrap_text
    assert [str(r) for r in ws.merged_cells.ranges] == [f"A2:{get_column_letter(len(headers))}2"]
    assert ws.row_dimensions[2].height >= 15
    assert ws["E5"].value == 10.6


def test_a_register_saved_again_while_the_export_writes_is_kept(tmp_path: Path, ledger: Ledger) -> None:
    """records export replaces a register it wrote, unchanged: asked again just before the new one is moved in,
    so that one saved in Excel while the ledger was read is kept (exit 3), not replaced."""
    from needscli.errors import OutputError

    add_records(ledger, hand_record("C1", D(2026, 5, 1), 48))
    rows = registration_rows(ledger, 2026, Config(), None)
    path = tmp_path / "学时登记.xlsx"
    write_registration(rows, path, 2026)
    write_registration(rows, path, 2026, keep_existing=True, own_replaced=True)  # its own, unchanged: replaced
    assert is_own_register(path)

    def saved_meanwhile() -> Iterator[RegistrationRow]:
        openpyxl.load_workbook(path).save(path)  # the office saves it in Excel while the new one is written
        yield from rows

    with pytest.raises(OutputError):
        write_registration(saved_meanwhile(), path, 2026, keep_existing=True, own_replaced=True)
    assert not is_own_register(path) and openpyxl.load_workbook(path).sheetnames == ["学时登记"]
