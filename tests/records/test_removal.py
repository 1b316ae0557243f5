"""Taking records back out of the ledger: by the file they came from, the cadre, the class, or together; a dry
run changes nothing, a removal is whole or nothing, and a file removed whole can be imported again."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest
from builders import records_csv, run_import

from needscli.errors import NeedsError, OutputError
from needscli.records import removal
from needscli.records.removal import find_source, full_width_hint, imported_sources, remove_records
from needscli.records.store import Ledger

HEADER = ["编号", "姓名", "培训主题", "班次编号", "培训方式", "开始日期", "结束日期", "学时"]
AFTER = dt.date(2026, 7, 1)  # an import date after every training of sheet_rows and other_rows (the last ends 06-07)


def sheet_rows(typo: str = "C9") -> list[list[object]]:
    """A sign-in sheet's records: C1 and (mistyped as typo) C2 in class C004, C3 in C005."""
    return [["C1", "测试甲", "党性教育", "C004", "集中", "2026-03-01", "2026-03-07", 48],
            [typo, "测试乙", "党性教育", "C004", "集中", "2026-03-01", "2026-03-07", 48],
            ["C3", "测试丙", "法治", "C005", "集中", "2026-04-01", "2026-04-02", 12]]


def other_rows() -> list[list[object]]:
    return [["C1", "测试甲", "数字政府", "C006", "集中", "2026-05-11", "2026-05-12", 12],
            ["C4", "测试丁", "党性教育", "C004", "集中", "2026-06-01", "2026-06-07", 48]]


def imported(tmp_path: Path, ledger: Ledger) -> tuple[Path, Path]:
    """sheet.csv (sheet_rows) and other.csv (other_rows), both imported."""
    sheet = records_csv(tmp_path, *sheet_rows(), header=HEADER, name="sheet.csv")
    other = records_csv(tmp_path, *other_rows(), header=HEADER, name="other.csv")
    assert run_import(ledger, sheet, other, imported_at=AFTER).added == 5
    return sheet, other


def held(ledger: Ledger) -> list[tuple[str, str, str, int]]:
    """(cadre id, class, file, row) of every record, in file and row order."""
    return [tuple(r) for r in ledger.conn.execute(  # type: ignore[misc]
        "SELECT cadre_id, class_id, source_file, source_row FROM records ORDER BY source_file, source_row")]


def source_files(ledger: Ledger) -> list[str]:
    return [r[0] for r in ledger.conn.execute("SELECT source_file FROM sources ORDER BY source_file")]


def test_a_files_records_and_its_source_are_removed_and_it_can_be_imported_again(tmp_path: Path,
                                                                                  ledger: Ledger) -> None:
    sheet, _ = imported(tmp_path, ledger)
    others = [r for r in held(ledger) if r[2] == "other.csv"]
    match = find_source(ledger, sheet)
    done = remove_records(ledger, source_hash=match.source.source_hash)
    assert (done.removed, done.dry_run, done.sources) == (3, False, ["sheet.csv"])
    assert [(r.cadre_id, r.source_row) for r in done.records] == [("C1", 2), ("C9", 3), ("C3", 4)]
    assert held(ledger) == others
    assert source_files(ledger) == ["other.csv"]
    again = run_import(ledger, sheet)
    assert (again.added, again.unchanged) == (3, 0)
    assert source_files(ledger) == ["other.csv", "sheet.csv"]


def test_a_dry_run_finds_the_same_records_and_changes_nothing(tmp_path: Path, ledger: Ledger) -> None:
    sheet, _ = imported(tmp_path, ledger)
    before = ledger.dump()
    digest = find_source(ledger, sheet).source.source_hash
    dry = remove_records(ledger, source_hash=digest, dry_run=True)
    assert (len(dry.records), dry.removed, dry.dry_run, dry.sources) == (3, 0, True, ["sheet.csv"])
    assert ledger.dump() == before
    assert remove_records(ledger, source_hash=digest).records == dry.records


def test_selectors_together_take_only_the_records_matching_all_of_them(tmp_path: Path, ledger: Ledger) -> None:
    sheet, _ = imported(tmp_path, ledger)
    digest = find_source(ledger, sheet).source.source_hash
    assert [r.cadre_id for r in remove_records(ledger, class_id="C004", dry_run=True).records] == ["C4", "C1", "C9"]
    assert [r.topic for r in remove_records(ledger, cadre_id="C1", dry_run=True).records] == ["数字政府", "党性教育"]
    both = remove_records(ledger, source_hash=digest, class_id="C004", cadre_id=" C9 ")
    assert [(r.cadre_id, r.class_id, r.source_file) for r in both.records] == [("C9", "C004", "sheet.csv")]
    assert both.sources == []  # C1 and C3 of sheet.csv are left: it stays imported
    assert ("C9", "C004", "sheet.csv", 3) not in held(ledger) and len(held(ledger)) == 4
    assert source_files(ledger) == ["other.csv", "sheet.csv"]
    assert remove_records(ledger, cadre_id="C1", class_id="C005").records == []


def test_no_selector_is_refused(ledger: Ledger) -> None:
    with pytest.raises(ValueError):
        remove_records(ledger)
    with pytest.raises(ValueError):
        remove_records(ledger, cadre_id=" ", class_id="")


def test_a_id_number_with_its_x_in_either_case_is_one_cadre(tmp_path: Path, ledger: Ledger) -> None:
    typed = "33012719900515036x"
    run_import(ledger, records_csv(tmp_path, [typed, *sheet_rows()[0][1:]], header=HEADER))
    assert [r.cadre_id for r in remove_records(ledger, cadre_id=typed.upper()).records] == [typed]
    assert held(ledger) == []


def test_an_id_or_class_is_taken_exactly_as_typed(tmp_path: Path, ledger: Ledger) -> None:
    """The ledger keeps ids as the sheets wrote them: Ｃ７ recorded beside the real C7, removing the one never takes
    the other's records, however often it is asked; a 身份证号's x is taken in either case; full_width_hint names
    what a full-width id folds to."""
    imported(tmp_path, ledger)
    assert remove_records(ledger, class_id="Ｃ００４", dry_run=True).records == []
    assert full_width_hint("Ｃ００４") == "C004" and full_width_hint("\u3000Ｃ１ ") == "C1"
    assert full_width_hint("C004") is None and full_width_hint(" ") is None
    run_import(ledger, records_csv(tmp_path, ["C7", *sheet_rows()[0][1:]], header=HEADER, name="half.csv"))
    run_import(ledger, records_csv(tmp_path, ["Ｃ７", *sheet_rows()[0][1:]], header=HEADER, name="wide.csv"))
    assert [r.source_file for r in remove_records(ledger, cadre_id="Ｃ７", dry_run=True).records] == ["wide.csv"]
    assert remove_records(ledger, cadre_id="Ｃ７").removed == 1
    assert remove_records(ledger, cadre_id="Ｃ７").removed == 0  # asked again: C7's stay
    assert [r.source_file for r in remove_records(ledger, cadre_id="C7", dry_run=True).records] == ["half.csv"]
    number = "33012719900515036x"
    run_import(ledger, records_csv(tmp_path, [number, *sheet_rows()[0][1:]], header=HEADER, name="id.csv"))
    assert [r.cadre_id for r in remove_records(ledger, cadre_id=number.upper()).records] == [number]


def test_a_mistyped_id_is_removed_and_the_corrected_sheet_adds_only_the_right_record(tmp_path: Path,
                                                                                     ledger: Ledger) -> None:
    """The office's case: C2 typed as C9 on the sheet. Correct the sheet, remove C9's record, import it again."""
    sheet, _ = imported(tmp_path, ledger)
    records_csv(tmp_path, *sheet_rows(typo="C2"), header=HEADER, name="sheet.csv")  # corrected in place
    assert remove_records(ledger, cadre_id="C9").removed == 1
    again = run_import(ledger, sheet)
    assert (again.added, again.unchanged, again.problems) == (1, 2, [])
    assert [r[0] for r in held(ledger) if r[1] == "C004"] == ["C4", "C1", "C2"]


def test_a_file_is_found_by_its_content_whatever_its_name(tmp_path: Path, ledger: Ledger) -> None:
    sheet, _ = imported(tmp_path, ledger)
    copy = tmp_path / "renamed.csv"
    shutil.copy(sheet, copy)
    match = find_source(ledger, copy)
    assert (match.source.file, match.how, match.source.records) == ("sheet.csv", "content", 3)


def test_a_file_gone_is_found_by_its_name_one_changed_or_another_of_its_name_by_its_code(tmp_path: Path,
                                                                                          ledger: Ledger) -> None:
    """Another month's sheet of the same name, in another folder, is not taken for the one imported."""
    sheet, _ = imported(tmp_path, ledger)
    digest = find_source(ledger, sheet).source.source_hash
    july = tmp_path / "july"
    july.mkdir()
    records_csv(july, *sheet_rows(typo="C5"), header=HEADER, name="sheet.csv")
    records_csv(tmp_path, *sheet_rows(typo="C2"), header=HEADER, name="sheet.csv")  # changed in place
    for there in (july / "sheet.csv", sheet):
        with pytest.raises(NeedsError) as raised:
            find_source(ledger, there)
        assert raised.value.message.startswith("sheet.csv：现在的文件与台账中从同名文件导入的内容不同")
        assert f"编码 {digest[:12]}（" in raised.value.message
    assert (find_source(ledger, Path(digest[:12])).source.source_hash, find_source(ledger, Path(digest[:12])).how) == (
        digest, "code")
    sheet.unlink()
    gone = find_source(ledger, tmp_path / "elsewhere" / "sheet.csv")
    assert (gone.source.source_hash, gone.how) == (digest, "name")


def test_two_imports_of_one_name_are_listed_with_codes_to_pick_one(tmp_path: Path, ledger: Ledger) -> None:
    first = tmp_path / "a" / "sheet.csv"
    first.parent.mkdir()
    records_csv(first.parent, *sheet_rows(), header=HEADER, name="sheet.csv")
    run_import(ledger, first, imported_at=AFTER)
    records_csv(tmp_path, *other_rows(), header=HEADER, name="sheet.csv")
    assert run_import(ledger, tmp_path / "sheet.csv", imported_at=AFTER).added == 2
    first.unlink()
    codes = sorted(s.code for s in imported_sources(ledger))
    with pytest.raises(NeedsError) as raised:
        find_source(ledger, first)
    assert raised.value.message.startswith("sheet.csv：台账中有 2 次导入的文件都叫这个名字")
    for code in codes:
        assert f"编码 {code}（2026-07-01 导入，培训记录表，" in raised.value.message
    with pytest.raises(NeedsError) as english:
        find_source(ledger, first, lang="en")
    assert "give --source with the code of the one to remove" in english.value.message
    picked = find_source(ledger, Path(codes[0].upper()))
    assert (picked.how, picked.source.code) == ("code", codes[0])


def test_an_import_the_sources_table_lacks_is_listed_without_an_empty_layout(tmp_path: Path, ledger: Ledger) -> None:
    """Records whose source the sources table has lost: their import is listed by code, date and records alone."""
    sheet, _ = imported(tmp_path, ledger)
    digest = find_source(ledger, sheet).source.source_hash
    ledger.conn.execute("DELETE FROM sources WHERE source_hash = ?", (digest,))
    records_csv(tmp_path, *sheet_rows(typo="C2"), header=HEADER, name="sheet.csv")  # changed in place
    said = {}
    for lang in ("zh", "en"):
        with pytest.raises(NeedsError) as raised:
            find_source(ledger, sheet, lang=lang)
        said[lang] = raised.value.message
    assert said["zh"].endswith(f"请用 --source 加其编码：编码 {digest[:12]}（2026-07-01 导入，3 条记录）")
    assert said["en"].endswith(f"give --source with its code: code {digest[:12]} (imported 2026-07-01, 3 record(s))")


def test_a_file_never_imported_is_said_with_the_files_that_were(tmp_path: Path, ledger: Ledger) -> None:
    imported(tmp_path, ledger)
    with pytest.raises(NeedsError) as raised:
        find_source(ledger, tmp_path / "never.csv")
    assert raised.value.message == ("never.csv：台账中没有从这个文件导入的记录（按文件内容、按文件名都没有找到）；"
                                    "已导入的文件：other.csv、sheet.csv")
    with pytest.raises(NeedsError) as english:
        find_source(ledger, tmp_path / "never.csv", lang="en")
    assert english.value.message == ("never.csv: no file of this content or name was imported into the ledger; "
                                     "the files imported: other.csv, sheet.csv")


def test_a_removal_that_fails_midway_changes_nothing(tmp_path: Path, ledger: Ledger,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    sheet, _ = imported(tmp_path, ledger)
    before = ledger.dump()
    delete = removal._delete

    def fail_after_deleting(book: Ledger, where: str, params: dict[str, object], sources: list[str]) -> int:
        delete(book, where, params, sources)
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(removal, "_delete", fail_after_deleting)
    with pytest.raises(OutputError) as raised:
        remove_records(ledger, source_hash=find_source(ledger, sheet).source.source_hash)
    assert raised.value.message == (f"{ledger.path}: could not be written (attempt to write a readonly database); "
                                    "nothing was changed")
    assert ledger.dump() == before


def test_a_record_edited_by_hand_is_removed_with_the_others_and_its_file_imported_again(tmp_path: Path,
                                                                                       ledger: Ledger) -> None:
    sheet, _ = imported(tmp_path, ledger)
    ledger.conn.execute("UPDATE records SET end_date = '2026-13-45' WHERE cadre_id = 'C1' AND class_id = 'C004'")
    match = find_source(ledger, sheet)
    would = remove_records(ledger, source_hash=match.source.source_hash, cadre_id="C1", dry_run=True)
    assert (would.records, would.unreadable, would.sources) == ([], 1, [])
    done = remove_records(ledger, source_hash=match.source.source_hash, cadre_id="C1")
    assert (done.removed, done.unreadable) == (1, 1)
    assert run_import(ledger, sheet).added == 1  # the file as it was: its training of C1 is back, readable
    assert ("C1", "C004", "sheet.csv", 2) in held(ledger)
    gone = remove_records(ledger, source_hash=match.source.source_hash)
    assert (gone.removed, gone.sources) == (3, ["sheet.csv"])
    ledger.conn.execute("UPDATE records SET hours = 'abc' WHERE cadre_id = 'C4'")
    whole = remove_records(ledger, cadre_id="C4")  # other.csv keeps C1's record: not emptied
    assert (whole.records, whole.unreadable, whole.removed, whole.sources) == ([], 1, 1, [])
