"""Excel 97-2003 workbooks (.xls), as many offices still keep their rosters: read as the same workbook saved as
.xlsx is (io.files.read_old_workbook), with the same limits; old_workbooks/make.py made the two twins."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from builders import load, run_cli

import needscli
from needscli.config import LimitsConfig
from needscli.errors import NeedsError
from needscli.io.files import read_sheets
from needscli.io.project import expand_inputs

TWINS = Path(__file__).resolve().parent / "old_workbooks"
XLS, XLSX = TWINS / "roster.xls", TWINS / "roster.xlsx"


def _without_file(inputs: needscli.Inputs) -> tuple[list[dict[str, object]], list[tuple[object, ...]]]:
    cadres = [c.model_dump(exclude={"file"}) for c in inputs.cadres]
    problems = [(p.code, p.sheet, p.row, p.column, p.cell, p.message.replace(".xlsx", ".xls")) for p in inputs.problems]
    return cadres, problems


def test_an_xls_reads_as_its_xlsx_twin(tmp_path: Path) -> None:
    old, new = load(XLS), load(XLSX)
    assert [c.file for c in old.cadres] == ["roster.xls"] * 4
    assert _without_file(old) == _without_file(new)
    assert [p.model_dump(exclude={"file"}) for p in old.posts] == [p.model_dump(exclude={"file"}) for p in new.posts]
    by_id = {c.id: c for c in old.cadres}
    assert list(by_id) == ["007", "008", "009", "010"]  # ids as text, their zeros kept
    assert [by_id[i].unit for i in by_id] == ["市财政局", "市财政局", "市财政局", "市税务局"]  # merged down its rows
    assert (by_id["007"].appointed, by_id["008"].birth_date) == (dt.date(2026, 3, 1), dt.date(1986, 9, 12))
    assert by_id["010"].hours_year == 96.5


def test_an_xls_roster_is_analyzed_as_its_twin() -> None:
    old, new = (needscli.analyze(path, as_of="2026-11-01") for path in (XLS, XLSX))
    assert old.needs == new.needs
    assert len(old.needs) > 4


def test_an_xls_sheet_past_the_limits_is_refused_before_its_cells_are_read() -> None:
    with pytest.raises(NeedsError) as info:
        read_sheets(XLS, LimitsConfig(max_sheet_columns=8))
    assert str(info.value) == (
        "roster.xls, sheet 干部花名册: its cells reach A1:J6 (6 rows × 10 columns), more than 8 columns "
        "(limits.max_sheet_columns in the config); delete the stray cells outside the table (Ctrl+End in Excel goes "
        "to the last one) or copy the table into a new workbook, then run again")
    with pytest.raises(NeedsError, match=r"^roster.xls, sheet 干部花名册: 2 merged ranges, more than 1 "):
        read_sheets(XLS, LimitsConfig(max_merged_ranges=1))


def test_a_folder_of_rosters_takes_its_xls_files(tmp_path: Path) -> None:
    (tmp_path / "a.xls").write_bytes(XLS.read_bytes())
    (tmp_path / "b.xlsx").write_bytes(XLSX.read_bytes())
    (tmp_path / "notes.doc").write_bytes(b"")
    assert expand_inputs([str(tmp_path)]) == [tmp_path / "a.xls", tmp_path / "b.xlsx"]


def test_validate_reads_an_xls_and_says_in_chinese_what_it_cannot_read(tmp_path: Path) -> None:
    result = run_cli("validate", XLS, "--as-of", "2026-11-01")
    assert result.exit_code in (0, 1), result.output
    assert "干部 4 人" in result.output
    damaged = tmp_path / "坏的.xls"
    damaged.write_bytes(XLS.read_bytes()[:1024])
    result = run_cli("validate", damaged, env={"NEEDSCLI_LANG": "zh"})
    assert result.exit_code == 2
    assert result.output.strip().startswith("错误：坏的.xls：无法作为 Excel 97-2003 工作簿（.xls）读取（")
    assert "请在 Excel 中打开后另存为 .xlsx" in result.output and "Traceback" not in result.output

