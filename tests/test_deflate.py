"""Workbooks compressed by ISA-L where it is installed: the same parts and cells, zipfile left as it was."""

from __future__ import annotations

import threading
import zipfile
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from needscli.reports import deflate
from needscli.reports.xlsx import Book

ROWS = [[f"单位{i % 7}", i, i / 3, "=not a formula" if i % 5 == 0 else f"row {i}"] for i in range(3000)]


def write(path: Path) -> None:
    book = Book(path)
    book.table("Long", ["unit", "n", "share", "text"], iter(ROWS), ["text", "int", "number", "text"],
               size=len(ROWS))  # streamed after the close
    book.table("Short", ["a"], [["x"], ["y"]])  # written by xlsxwriter itself
    book.close()


def cells(path: Path) -> dict[str, list[list[object]]]:
    book = CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def test_parts_are_compressed_by_isal_and_zipfile_is_restored(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    isal = pytest.importorskip("isal.isal_zlib")
    original = zipfile._get_compressor  # type: ignore[attr-defined]
    with deflate.fast_deflate():
        compressor = zipfile._get_compressor(zipfile.ZIP_DEFLATED, 1)  # type: ignore[attr-defined]
        assert type(compressor).__module__.startswith("isal")
        assert zipfile._get_compressor(zipfile.ZIP_STORED) is None  # type: ignore[attr-defined]
        with deflate.fast_deflate():  # nested (another thread's workbook): restored by the outer block
            pass
        assert zipfile._get_compressor is not original  # type: ignore[attr-defined]
    assert zipfile._get_compressor is original  # type: ignore[attr-defined]
    with pytest.raises(ValueError), deflate.fast_deflate():
        raise ValueError("a failed write")
    assert zipfile._get_compressor is original  # type: ignore[attr-defined]
    calls: list[int] = []
    real = isal.compressobj
    monkeypatch.setattr(isal, "compressobj", lambda level, *a: calls.append(level) or real(level, *a))
    write(tmp_path / "book.xlsx")  # Book.close compresses every part with ISA-L
    with zipfile.ZipFile(tmp_path / "book.xlsx") as book:
        assert len(calls) >= len(book.namelist()) and 1 in calls


def test_threads_writing_workbooks_at_once_leave_zipfile_as_it_was(tmp_path: Path) -> None:
    original = zipfile._get_compressor  # type: ignore[attr-defined]
    threads = [threading.Thread(target=write, args=(tmp_path / f"b{i}.xlsx",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert zipfile._get_compressor is original  # type: ignore[attr-defined]
    assert all(cells(tmp_path / f"b{i}.xlsx") == cells(tmp_path / "b0.xlsx") for i in range(4))


def test_a_workbook_has_the_same_parts_and_cells_with_zlib_alone(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "fast.xlsx")
    monkeypatch.setattr(deflate, "isal_zlib", None)
    write(tmp_path / "zlib.xlsx")
    with zipfile.ZipFile(tmp_path / "fast.xlsx") as fast, zipfile.ZipFile(tmp_path / "zlib.xlsx") as plain:
        assert fast.testzip() is None
        assert fast.namelist() == plain.namelist()
        assert all(fast.read(name) == plain.read(name) for name in fast.namelist())  # same XML in every part
        assert all(info.compress_type == zipfile.ZIP_DEFLATED for info in fast.infolist())
    long = cells(tmp_path / "fast.xlsx")["Long"]
    assert long[0] == ["unit", "n", "share", "text"] and long[2] == ["单位1", 1.0, 1 / 3, "row 1"]
    assert long[-1][1] == 2999.0 and long[1][3] == "=not a formula"
