"""Excel 97-2003 workbooks (.xls), as many offices still keep their rosters: read as the same workbook saved as
.xlsx is (io.files.read_old_workbook), with the same limits; old_workbooks/make.py made the two twins."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from builders import load, run_cli, run_needscli

import needscli
from needscli.config import Config, LimitsConfig
from needscli.errors import NeedsError
from needscli.io.copies import beside_old_books
from needscli.io.files import read_sheets
from needscli.io.project import expand_inputs
from needscli.pipeline import old_books_start

TWINS = Path(__file__).resolve().parent / "old_workbooks"
XLS, XLSX = TWINS / "roster.xls", TWINS / "roster.xlsx"
ERRORS = TWINS / "errors.xls"  # cells of #N/A and #DIV/0!, each held as an error value (a formula's saved result)


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


def test_an_xls_sheet_past_the_limits_is_refused() -> None:
    with pytest.raises(NeedsError) as info:
        read_sheets(XLS, LimitsConfig(max_sheet_columns=8))
    assert str(info.value) == (
        "roster.xls, sheet 干部花名册: its cells reach A1:J6 (6 rows × 10 columns), more than 8 columns "
        "(limits.max_sheet_columns in the config); delete the stray cells outside the table (Ctrl+End in Excel goes "
        "to the last one) or copy the table into a new workbook, then run again")
    with pytest.raises(NeedsError, match=r"^roster.xls, sheet 干部花名册: 2 merged ranges, more than 1 "):
        read_sheets(XLS, LimitsConfig(max_merged_ranges=1))


def test_an_xls_tells_no_error_value() -> None:
    """calamine reads an .xls's error value as an empty cell and tells no error type (an .xlsx's its scan notes):
    a unit of #N/A is said to be empty, a birth date of #DIV/0! is left unsaid, a row of #N/A in every column is
    blank (README says so among what an .xls cannot tell). Should calamine come to tell them, they are to be noted as
    an .xlsx's are (Sheet.errors): this test then fails."""
    sheet = read_sheets(ERRORS, LimitsConfig())[0]
    assert (sheet.rows[2:], sheet.errors) == ([["C2", "张敏", "", "科员", "一级科员", ""], [""] * 6], ())
    inputs = load(ERRORS)
    assert ([c.id for c in inputs.cadres], [(p.row, p.column, p.code) for p in inputs.problems]) == (
        ["C1"], [(3, "单位", "missing-value")])


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
    assert result.stderr == ("错误：坏的.xls：无法作为 Excel 97-2003 工作簿（.xls）读取（可能设有密码或已损坏）；请在 Excel "
                             "中打开后另存为 .xlsx\n")



@pytest.mark.parametrize("name", ["damaged-panic.xls", "damaged-abort.xls"])
def test_a_damaged_xls_that_breaks_its_reader_is_refused_and_the_run_goes_on(name: str) -> None:
    """Bytes changed in roster.xls: calamine's reader panics on one and aborts its process on the other (a block
    count read from garbage asks for terabytes). The file is read by a copy of the process, so the run says the
    file cannot be read, in its own words (the reader's are not shown), with exit code 2."""
    damaged = TWINS / name
    with pytest.raises(NeedsError) as info, beside_old_books(old_books_start(Config())):
        read_sheets(damaged, LimitsConfig())
    assert str(info.value) == (f"{name}: cannot be read as an Excel 97-2003 workbook (password-protected or damaged); "
                               "open it in Excel and save it as .xlsx")
    done = run_needscli("validate", damaged, env={"NEEDSCLI_LANG": "zh"})
    assert done.returncode == 2
    assert done.stderr == (f"错误：{name}：无法作为 Excel 97-2003 工作簿（.xls）读取（可能设有密码或已损坏）；请在 Excel 中打开"
                           "后另存为 .xlsx\n")


@pytest.mark.parametrize("name", ["roster.xlsx", "roster.et"])
def test_an_xls_renamed_xlsx_is_read_by_what_it_holds(tmp_path: Path, name: str) -> None:
    """An .xls renamed .xlsx, or under WPS's .et (a compound file of the same records): read as the .xls."""
    renamed = tmp_path / name
    renamed.write_bytes(XLS.read_bytes())
    assert _without_file(load(renamed)) == _without_file(load(XLSX))


@pytest.mark.parametrize(("held", "said"), [
    ("<html><head><meta charset='utf-8'></head><body><table><tr><td>编号</td></tr></table></body></html>",
     "export.xls: is a web page (HTML) saved under .xls, not an Excel workbook; open it in Excel and save it as .xlsx"),
    ("<!-- exported -->\n<style>td {}</style><table><tr><td>编号</td></tr></table>",
     "export.xls: is a web page (HTML) saved under .xls, not an Excel workbook; open it in Excel and save it as .xlsx"),
    ('<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook\n xmlns="urn:schemas-microsoft-com:'
     'office:spreadsheet">\n\t<Worksheet/></Workbook>',
     "export.xls: is an Excel 2003 XML spreadsheet saved under .xls, not an Excel workbook; open it in Excel and save "
     "it as .xlsx"),
    ('<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body>\t<table/></body></html>',
     "export.xls: is a web page (HTML) saved under .xls, not an Excel workbook; open it in Excel and save it as .xlsx"),
    ('<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>',
     "export.xls: is an Excel 2003 XML spreadsheet saved under .xls, not an Excel workbook; open it in Excel and save "
     "it as .xlsx"),
])
def test_what_systems_export_under_xls_is_named(tmp_path: Path, held: str, said: str) -> None:
    path = tmp_path / "export.xls"
    path.write_text(held, encoding="utf-8")
    with pytest.raises(NeedsError, match=f"^{re.escape(said)}$"):
        read_sheets(path, LimitsConfig())


@pytest.mark.parametrize(("encoding", "text"), [
    ("utf-8", "编号\t姓名\t单位\t职务\t职级\r\n007\t王一\t市财政局\t科员\t一级科员\r\n"),
    ("gb18030", "编号\t姓名\t单位\t职务\t职级\r\n007\t王一\t市财政局\t科员\t一级科员\r\n"),
    ("utf-16", "编号\t姓名\t单位\t职务\t职级\r\n007\t王一\t市财政局\t科员\t一级科员\r\n"),  # Excel's "Unicode text"
    ("utf-8", "花名册导出\n编号\t姓名\t单位\t职务\t职级\n007\t王一\t市财政局\t科员\t一级科员\n"),  # a title line
    ("utf-8", "编号,姓名,单位,职务,职级\n007,王一,市财政局,科员,一级科员\n"),
    ("utf-8", "编号\t姓名\t单位\t职务\t职级\t备注\n007\t王一\t市财政局\t科员\t一级科员\t<html>简历</html>\n"),
])
def test_separated_text_under_xls_is_read_as_it_is(tmp_path: Path, encoding: str, text: str) -> None:
    path = tmp_path / "export.xls"
    path.write_bytes(text.encode(encoding))
    [cadre] = load(path).cadres
    assert (cadre.id, cadre.name, cadre.level, cadre.file) == ("007", "王一", "一级科员", "export.xls")


def _twins(tmp_path: Path, xlsx_newer: bool) -> Path:
    folder = tmp_path / "rosters"
    folder.mkdir()
    (folder / "roster.xls").write_bytes(XLS.read_bytes())
    (folder / "Roster.xlsx").write_bytes(XLSX.read_bytes())
    os.utime(folder / "roster.xls", (1_700_000_000, 1_700_000_000 + (0 if xlsx_newer else 100)))
    os.utime(folder / "Roster.xlsx", (1_700_000_000, 1_700_000_050))
    return folder


def test_an_xls_saved_again_as_xlsx_beside_it_is_read_once(tmp_path: Path) -> None:
    """Told to save an .xls as .xlsx, an office leaves both in its folder: the .xlsx is read, the .xls named."""
    folder = _twins(tmp_path, xlsx_newer=True)
    inputs = load(*expand_inputs([str(folder)]), folder / "roster.xls")  # the .xls named again: one note
    assert [c.file for c in inputs.cadres] == ["Roster.xlsx"] * 4 and inputs.skipped["roster"] == 0
    [note] = [p for p in inputs.problems if p.code == "repeated-file"]
    assert (note.file, note.severity) == ("roster.xls", "warning")
    assert note.message == ("roster.xls was not read: Roster.xlsx beside it is the same workbook, saved later, and "
                            "was read in its place")


def test_an_xls_newer_than_the_xlsx_beside_it_is_read_in_its_place(tmp_path: Path) -> None:
    """The .xls worked on after it was saved as .xlsx: the newer is read, never both (each cadre twice, the older's
    rows winning where it came first)."""
    inputs = load(*expand_inputs([str(_twins(tmp_path, xlsx_newer=False))]))
    assert [c.file for c in inputs.cadres] == ["roster.xls"] * 4 and inputs.skipped["roster"] == 0
    [note] = [p for p in inputs.problems if p.code == "repeated-file"]
    assert note.message == ("Roster.xlsx was not read: roster.xls beside it is the same workbook, saved later, and "
                            "was read in its place")


def test_an_xls_not_read_in_time_is_said_so(monkeypatch: pytest.MonkeyPatch) -> None:
    """A copy still reading when limits.xls_wait_seconds have passed: the file is not called damaged; the message
    names the limit."""
    import functools
    import time

    from needscli.io import files
    from needscli.reports.parallel import Forked

    def slow(path: Path, limits: LimitsConfig, failed: str) -> list[files.Sheet]:
        time.sleep(30)  # in the copy, which is killed once the wait is over
        return []

    monkeypatch.setattr(files, "_old_sheets", slow)
    limits = LimitsConfig(xls_wait_seconds=0.5)
    with pytest.raises(NeedsError) as info, beside_old_books(functools.partial(Forked.start, wait=0.5)):
        read_sheets(XLS, limits)
    assert str(info.value) == ("roster.xls: was not read within 0.5 seconds (limits.xls_wait_seconds in the config); "
                               "give it more time, or save it as .xlsx, which is read faster")


def test_an_xls_too_large_for_its_memory_says_which_limit_to_raise(monkeypatch: pytest.MonkeyPatch) -> None:
    """A valid .xls whose rows outgrow what the copy may map is not called damaged: the message names the limit,
    in Chinese too."""
    from needscli.io import files
    from needscli.wording import in_chinese

    def greedy(*args: object) -> list[list[object]]:
        raise MemoryError  # as filling the rows of a huge sheet past the cap does

    monkeypatch.setattr(files, "_merged_filled", greedy)
    limits = LimitsConfig(xls_memory_bytes=1 << 28)
    with pytest.raises(NeedsError) as info, beside_old_books(old_books_start(Config())):
        read_sheets(XLS, limits)
    assert str(info.value) == ("roster.xls: needs more memory to read than the 268,435,456 bytes allowed "
                               "(limits.xls_memory_bytes in the config); raise it, or save the file as .xlsx")
    assert in_chinese(str(info.value)) == ("roster.xls：读取所需内存超过允许的 268,435,456 字节（配置项 "
                                           "limits.xls_memory_bytes）；请调大该值，或另存为 .xlsx")
