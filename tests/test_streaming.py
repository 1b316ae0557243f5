"""The streamed writers give the same cells and bytes as the plain ones, at any chunk or memo size."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from needscli.config import Config
from needscli.io import snapshot as saved
from needscli.labels import Memo
from needscli.pipeline import Job, run_job
from needscli.reports import fastsheet, files, snapshot
from needscli.reports.xlsx import Book

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples" / "cadres.xlsx"

# cells that take every path of the renderer: plain, escaped, risky, spaced, control, blank, numbers, dates
TRICKY: list[object] = ["plain", "a & b <c>", "=1+2", "@sum", "-5", "#N/A", " lead", "trail ", "x_x0041_y",
                        "bell\x07", "中文单位", "", None, 3, 2.5, 0.1 + 0.2, dt.date(2024, 2, 29), "plain"]


def tricky_rows(n: int) -> list[list[object]]:
    """n rows of 4 columns cycling through TRICKY, with a per-row unique text to defeat the memo."""
    return [[TRICKY[i % len(TRICKY)], f"row {i}", TRICKY[(i * 7) % len(TRICKY)], i % 5] for i in range(n)]


def read_table(path: Path, sheet: str) -> list[tuple[object, ...]]:
    """Read back with calamine, which undoes every _xHHHH_ escape as Excel does (openpyxl leaves control ones)."""
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()
    return [tuple(r) for r in rows[1:]]


def written(path: Path, rows: list[list[object]], kinds: list[str], streamed: bool) -> list[tuple[object, ...]]:
    book = Book(path)
    book.table("T", ["a", "b", "c", "d"], iter(rows), kinds, size=len(rows) if streamed else 0)
    book.close()
    return read_table(path, "T")


@pytest.mark.parametrize(("chunk", "memo_limit"), [(2000, 50_000), (7, 3)])
@pytest.mark.parametrize("kinds", [["text", "text", "number", "int"], ["wrap", "date", "text", "percent"]])
def test_streamed_table_has_the_cells_of_the_cell_by_cell_writer(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int, memo_limit: int, kinds: list[str]) -> None:
    monkeypatch.setattr(fastsheet, "CHUNK_ROWS", chunk)
    monkeypatch.setattr(fastsheet, "MEMO_LIMIT", memo_limit)
    rows = tricky_rows(1500)
    streamed = written(tmp_path / "s.xlsx", rows, kinds, streamed=True)
    direct = written(tmp_path / "d.xlsx", rows, kinds, streamed=False)
    assert len(streamed) == len(rows)
    assert streamed == direct
    assert streamed[1][0] == "a & b <c>" and streamed[2][0] == "=1+2" and streamed[8][0] == "x_x0041_y"


def test_streamed_table_keeps_formula_looking_text_as_quoted_text(tmp_path: Path) -> None:
    rows = [["=HYPERLINK(\"x\")", "+1"]] * 1200
    path = tmp_path / "t.xlsx"
    book = Book(path)
    book.table("T", ["a", "b"], iter(rows), size=len(rows))
    book.close()
    ws = openpyxl.load_workbook(path)["T"]
    cell = ws.cell(row=1200, column=1)
    assert cell.data_type == "s" and cell.value == "=HYPERLINK(\"x\")" and cell.quotePrefix


def plain_csv(header: list[str], rows: list[list[object]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([files._csv_cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


@pytest.mark.parametrize(("chunk", "memo_limit"), [(5000, 50_000), (3, 2)])
def test_csv_writer_matches_a_plain_row_by_row_writer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      chunk: int, memo_limit: int) -> None:
    monkeypatch.setattr(files, "CSV_CHUNK", chunk)
    monkeypatch.setattr(files, "CSV_MEMO_LIMIT", memo_limit)
    rows = [[v if not isinstance(v, dt.date) else v.isoformat() for v in row] for row in tricky_rows(100)]
    rows[5] = rows[5][:2]  # a short row is written as it is
    count = files.write_csv(tmp_path / "o.csv", ["a", "b", "c", "d"], iter(rows))
    assert count == len(rows)
    assert (tmp_path / "o.csv").read_bytes() == plain_csv(["a", "b", "c", "d"], rows)


def test_csv_writer_keeps_booleans_apart_from_equal_numbers(tmp_path: Path) -> None:
    rows: list[list[object]] = [[1], [True], [1.0], [0], [False], [0.0], [True]]
    files.write_csv(tmp_path / "o.csv", ["a"], rows)
    assert (tmp_path / "o.csv").read_bytes() == plain_csv(["a"], rows)
    assert (tmp_path / "o.csv").read_text(encoding="utf-8-sig").split() == ["a", "1", "True", "1", "0", "False",
                                                                           "0", "True"]


def test_memo_computes_once_and_stays_bounded() -> None:
    calls: list[int] = []
    memo = Memo(lambda k: calls.append(k) or k * 2, limit=3)
    assert [memo[k] for k in (1, 1, 2, 3, 1)] == [2, 2, 4, 6, 2]
    assert calls == [1, 2, 3]
    memo[4]
    assert len(memo) <= 3 and memo[4] == 8


def test_streamed_analysis_json_is_the_models_own_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(snapshot, "STREAM_CHUNK", 7)
    result = run_job(Job(rosters=[SAMPLES], config=Config(), output=tmp_path, as_of=dt.date(2026, 11, 1)))
    analysis = result.analysis
    assert len(analysis.needs) > 7 * 3
    written = (tmp_path / saved.SNAPSHOT).read_bytes()
    snap = saved.Snapshot.model_construct(
        version=saved.SNAPSHOT_VERSION, as_of=analysis.as_of, lang=analysis.lang, config=analysis.config,
        topics=analysis.catalog.topics, cadres=analysis.cadres, resources=analysis.inputs.resources,
        needs=analysis.needs, compliance=analysis.compliance, unmatched=analysis.unmatched,
        ranking=analysis.ranking, unit_ranking=analysis.unit_ranking, problems=analysis.problems,
        counts=analysis.inputs.counts, skipped=analysis.inputs.skipped,
        input_names=[str(p) for p in analysis.inputs.paths], ledger_diffs=analysis.ledger_diffs)
    assert written == snap.model_dump_json().encode()
    again = saved.load_snapshot(tmp_path)
    assert len(again.needs) == len(analysis.needs)  # type: ignore[attr-defined]


def test_equal_numbers_of_other_types_and_unhashable_cells_are_written_as_themselves(tmp_path: Path) -> None:
    rows: list[list[object]] = [[1234567], [1234567.0], [["a", "b"]], [1], [True]]
    files.write_csv(tmp_path / "o.csv", ["a"], rows)
    assert (tmp_path / "o.csv").read_bytes() == plain_csv(["a"], rows)
    wide = [[v] * 4 for v in (1234567, 1234567.0, "x")] * 400
    streamed = written(tmp_path / "s.xlsx", wide, ["text"] * 4, streamed=True)
    direct = written(tmp_path / "d.xlsx", wide, ["text"] * 4, streamed=False)
    assert streamed == direct


def test_streamed_texts_go_to_one_shared_string_table_with_true_counts(tmp_path: Path) -> None:
    path = tmp_path / "s.xlsx"
    rows = tricky_rows(1500)
    book = Book(path)
    book.table("T", ["a", "b", "c", "d"], iter(rows), ["text", "text", "number", "int"], size=len(rows))
    book.table("U", ["a", "plain"], iter([["plain", "=1+2"]] * 1200), size=1200)  # "plain" also a header
    book.close()
    with zipfile.ZipFile(path) as package:
        sst = package.read(fastsheet.SHARED_STRINGS).decode()
        refs = sum(package.read(name).decode().count(' t="s"') for name in package.namelist()
                   if name.startswith("xl/worksheets/"))
    entries = re.findall(r"<si>.*?</si>", sst)
    assert f'count="{refs}"' in sst and f'uniqueCount="{len(entries)}"' in sst
    assert len(entries) == len(set(entries))  # a text is stored once, whoever wrote it first
    assert "inlineStr" not in sst
    values = openpyxl.load_workbook(path)["T"]
    assert [values.cell(row=r, column=1).value for r in (2, 3, 10)] == ["plain", "a & b <c>", "x_x0041_y"]
    assert values.cell(row=8, column=1).value == " lead"
    assert read_table(path, "U")[-1] == ("plain", "=1+2")


@pytest.mark.parametrize(("chunk", "memo_limit"), [(5000, 50_000), (2, 1)])
def test_csv_fields_are_quoted_exactly_as_the_csv_module_quotes_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int, memo_limit: int) -> None:
    monkeypatch.setattr(files, "CSV_CHUNK", chunk)
    monkeypatch.setattr(files, "CSV_MEMO_LIMIT", memo_limit)
    awkward: list[object] = ["a,b", 'say "hi"', "two\nlines", "cr\r", "", None, " ", "'x", "=1,2", 1.5, -0.0,
                             0.0, float("nan"), 7, True, ["a", "b"], dt.date(2024, 1, 2), '"', ","]
    wide = [[awkward[(i + c) % len(awkward)] for c in range(3)] for i in range(60)]
    single = [[v] for v in awkward]  # a lone empty field is written as ""
    for name, rows in (("w.csv", wide), ("s.csv", single), ("r.csv", [[], ["x"], ["", ""], [None], [1, 2, 3]])):
        files.write_csv(tmp_path / name, ["h,1", "h2", "h3"][: len(rows[0]) or 1], iter(rows))
        assert (tmp_path / name).read_bytes() == plain_csv(["h,1", "h2", "h3"][: len(rows[0]) or 1], rows), name


@pytest.mark.parametrize(("chunk", "memo_limit"), [(2000, 50_000), (5, 2)])
def test_columns_of_one_kind_render_like_the_cell_by_cell_writer(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int, memo_limit: int) -> None:
    monkeypatch.setattr(fastsheet, "CHUNK_ROWS", chunk)
    monkeypatch.setattr(fastsheet, "MEMO_LIMIT", memo_limit)
    floats = [-0.0, 0.0, 1.0, 2.5, 1e-7, 123456789.125, float("inf"), 2.5]
    ints = [0, 1, -1, 10**15, 7, 7]
    texts = ["单位甲", "单位甲", "=x", " a", "b ", "单位乙"]
    rows = [[floats[i % len(floats)], ints[i % len(ints)], texts[(i // 3) % len(texts)], float(i % 4)]
            for i in range(1100)]
    for kinds in (["number", "int", "text", "number"], ["text"] * 4):
        streamed = written(tmp_path / "s.xlsx", rows, kinds, streamed=True)
        direct = written(tmp_path / "d.xlsx", rows, kinds, streamed=False)
        assert streamed == direct
    assert streamed[0][0] == "-0" and streamed[1][0] == "0"  # -0.0 never takes 0.0's rendering as text


def test_streamed_texts_that_xml_cannot_hold_or_excel_cannot_fit_match_the_cell_writer(tmp_path: Path) -> None:
    long = "长" * 20_000 + "😀" * 10_000  # 40,000 UTF-16 units: cut to Excel's 32,767, never mid-character
    rows = [["a\uffff", "\ufffeb", long, "\x0bx"]] * 1100
    streamed = written(tmp_path / "s.xlsx", rows, ["text"] * 4, streamed=True)
    direct = written(tmp_path / "d.xlsx", rows, ["text"] * 4, streamed=False)
    assert streamed == direct
    assert len(streamed[0][2].encode("utf-16-le")) // 2 <= 32_767 and streamed[0][2].endswith("😀")
    with zipfile.ZipFile(tmp_path / "s.xlsx") as package:
        sst = package.read(fastsheet.SHARED_STRINGS).decode()
    entries = re.findall(r"<si>.*?</si>", sst)
    assert len(entries) == len(set(entries))  # "\x0bx" found again, though its escape starts with no space


def test_columns_of_zeros_are_remembered_and_signed_zeros_kept_apart(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []
    real = fastsheet._cell_tail

    def counting(value: object, *args: object) -> str:
        calls.append(value)
        return real(value, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(fastsheet, "_cell_tail", counting)
    rows = [[i % 2, -0.0 if i % 3 else 0.0] for i in range(3000)]
    streamed = written(tmp_path / "s.xlsx", rows, ["int", "number"], streamed=True)
    assert sum(1 for v in calls if type(v) is int) == 2  # 0 and 1, once each
    monkeypatch.setattr(fastsheet, "_cell_tail", real)
    assert streamed == written(tmp_path / "d.xlsx", rows, ["int", "number"], streamed=False)
    assert [math.copysign(1, row[1]) for row in streamed[:3]] == [1, -1, -1]  # -0.0 never takes 0.0's cell


def test_csv_header_is_written_as_it_is(tmp_path: Path) -> None:
    files.write_csv(tmp_path / "o.csv", ["=id", "a,b"], [["=1", 2]])
    assert (tmp_path / "o.csv").read_bytes().decode("utf-8-sig") == '=id,"a,b"\r\n\'=1,2\r\n'


def as_columns(rows: list[list[object]], sizes: list[int]) -> fastsheet.Columns:
    """rows given a column at a time, in chunks of the given sizes (cycled), an empty chunk among them."""
    def chunks() -> Iterator[list[Sequence[object]]]:
        start, n = 0, 0
        yield [[] for _ in rows[0]]
        while start < len(rows):
            part = rows[start:start + sizes[n % len(sizes)]]
            yield [list(column) for column in zip(*part, strict=True)]
            start, n = start + len(part), n + 1
    return fastsheet.Columns(chunks())


def test_columns_are_taken_across_chunks_and_peeked_without_loss() -> None:
    rows = [[i, f"r{i}"] for i in range(10)]
    cols = as_columns(rows, [4, 1, 5])
    assert cols.peek(2) == [(0, "r0"), (1, "r1")]
    assert cols.take(3) == [[0, 1, 2], ["r0", "r1", "r2"]]  # part of the first chunk
    assert cols.take(3) == [[3], ["r3"]]  # the rest of it: never more than one chunk at a time
    assert cols.peek(9) == [tuple(r) for r in rows[4:]]  # across chunks, taking nothing
    assert cols.take(2) == [[4], ["r4"]]
    assert cols.take(2) == [[5, 6], ["r5", "r6"]]
    assert list(cols) == [tuple(r) for r in rows[7:]]  # then row by row, from where it stands
    with pytest.raises(RuntimeError):  # rows once read, columns are refused
        cols.take(1)


def column_widths(path: Path) -> dict[str, list[bytes]]:
    with zipfile.ZipFile(path) as book:
        return {name: re.findall(rb"<col [^>]*>", book.read(name)) for name in book.namelist()
                if name.startswith("xl/worksheets/")}


def test_a_long_chunk_is_taken_piece_by_piece() -> None:
    n = 100_000
    cols = fastsheet.Columns(iter([[list(range(n)), [str(i) for i in range(n)]]]))
    taken: list[object] = []
    while part := cols.take(2000):
        assert len(part[0]) <= 2000 and len(part[1]) == len(part[0])
        taken += part[0]
    assert taken == list(range(n))


def test_a_chunk_without_columns_is_refused() -> None:
    with pytest.raises(RuntimeError, match="without columns"):
        fastsheet.Columns(iter([[]])).take(5)


@pytest.mark.parametrize("sizes", [[2000], [7, 1, 300], [1000]])
def test_a_table_given_by_columns_is_written_as_the_same_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              sizes: list[int]) -> None:
    monkeypatch.setattr(fastsheet, "CHUNK_ROWS", 50)
    rows = tricky_rows(1500)
    kinds = ["text", "text", "number", "int"]
    by_rows = written(tmp_path / "r.xlsx", rows, kinds, streamed=True)
    book = Book(tmp_path / "c.xlsx", row_limit=1000)  # two sheets: the columns continue on the second
    sheets = book.table("T", ["a", "b", "c", "d"], as_columns(rows, sizes), kinds, size=len(rows))
    book.close()
    assert [count for _, count in sheets] == [999, 501]
    assert read_table(tmp_path / "c.xlsx", "T") + read_table(tmp_path / "c.xlsx", "T (2)") == by_rows
    split = Book(tmp_path / "r2.xlsx", row_limit=1000)  # the same split from rows: the same layout too
    split.table("T", ["a", "b", "c", "d"], iter(rows), kinds, size=len(rows))
    split.close()
    assert column_widths(tmp_path / "c.xlsx") == column_widths(tmp_path / "r2.xlsx")
    short = Book(tmp_path / "s.xlsx")  # too short to stream: written cell by cell from its rows
    short.table("T", ["a", "b", "c", "d"], as_columns(rows[:10], sizes), kinds, size=10)
    short.close()
    assert read_table(tmp_path / "s.xlsx", "T") == by_rows[:10]


@pytest.mark.parametrize("chunk", [5000, 3])
def test_csv_from_columns_has_the_bytes_of_csv_from_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         chunk: int) -> None:
    monkeypatch.setattr(files, "CSV_CHUNK", chunk)
    rows = [[v if not isinstance(v, dt.date) else v.isoformat() for v in row] for row in tricky_rows(100)]
    assert files.write_csv(tmp_path / "c.csv", ["a", "b", "c", "d"], as_columns(rows, [7, 1, 30])) == len(rows)
    files.write_csv(tmp_path / "r.csv", ["a", "b", "c", "d"], iter(rows))
    assert (tmp_path / "c.csv").read_bytes() == (tmp_path / "r.csv").read_bytes() == plain_csv(["a", "b", "c", "d"], rows)


def test_display_width_counts_wide_characters_twice() -> None:
    from needscli.reports.xlsx import display_width

    assert display_width("") == 0
    assert display_width("A-12 x") == 6
    assert display_width("市财政局") == 8
    assert display_width("科长 (2)") == 8  # two wide, four narrow
    assert display_width("ＡＢ") == 4  # full-width Latin letters are wide too
    assert display_width("é") == 1
