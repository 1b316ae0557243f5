"""The CSV writer: Excel's dialect with a BOM and CRLF, risky text quote-prefixed, fields quoted as the csv
module quotes them, the same bytes at any chunk size and from rows written as text (needs.csv, assignments.csv)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from builders import SAMPLES, tricky_rows
from hypothesis import given, settings
from hypothesis import strategies as st

from needscli.reports import files
from needscli.reports.files import csv_safe


def plain_cell(value: object) -> object:
    """A cell as the CSV outputs show it: a fraction to at most 2 decimals (a whole float as an int), risky
    text quote-prefixed, anything else as it is."""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.2f}".rstrip("0").rstrip(".")
    return csv_safe(value)


def plain_csv(header: list[str], rows: list[list[object]]) -> bytes:
    """What a plain row-by-row csv.writer writes: the expected bytes."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([plain_cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


@pytest.mark.parametrize("chunk", [5000, 3])
def test_csv_writer_matches_a_plain_row_by_row_writer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      chunk: int) -> None:
    monkeypatch.setattr(files, "CSV_CHUNK", chunk)
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


def test_equal_numbers_of_other_types_and_unhashable_cells_are_written_as_themselves(tmp_path: Path) -> None:
    rows: list[list[object]] = [[1234567], [1234567.0], [["a", "b"]], [1], [True]]
    files.write_csv(tmp_path / "o.csv", ["a"], rows)
    assert (tmp_path / "o.csv").read_bytes() == plain_csv(["a"], rows)


@pytest.mark.parametrize("chunk", [5000, 2])
def test_csv_fields_are_quoted_exactly_as_the_csv_module_quotes_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int) -> None:
    monkeypatch.setattr(files, "CSV_CHUNK", chunk)
    awkward: list[object] = ["a,b", 'say "hi"', "two\nlines", "cr\r", "", None, " ", "'x", "=1,2", 1.5, -0.0,
                             0.0, float("nan"), 7, True, ["a", "b"], dt.date(2024, 1, 2), '"', ","]
    wide = [[awkward[(i + c) % len(awkward)] for c in range(3)] for i in range(60)]
    single = [[v] for v in awkward]  # a lone empty field is written as ""
    for name, rows in (("w.csv", wide), ("s.csv", single), ("r.csv", [[], ["x"], ["", ""], [None], [1, 2, 3]])):
        files.write_csv(tmp_path / name, ["h,1", "h2", "h3"][: len(rows[0]) or 1], iter(rows))
        assert (tmp_path / name).read_bytes() == plain_csv(["h,1", "h2", "h3"][: len(rows[0]) or 1], rows), name


def test_csv_header_is_written_as_it_is(tmp_path: Path) -> None:
    files.write_csv(tmp_path / "o.csv", ["=id", "a,b"], [["=1", 2]])
    assert (tmp_path / "o.csv").read_bytes().decode("utf-8-sig") == '=id,"a,b"\r\n\'=1,2\r\n'


def test_csv_bytes_are_excels_dialect_with_a_bom_and_crlf(tmp_path: Path) -> None:
    rows: list[list[object]] = [["=1", 'say "hi", ok'], ["a\nb", 2.5], ["#N/A", 3.0], [None, -0.0], ["", 0.125]]
    files.write_csv(tmp_path / "o.csv", ["id", "note"], rows)
    assert (tmp_path / "o.csv").read_bytes() == (
        b"\xef\xbb\xbfid,note\r\n'=1,\"say \"\"hi\"\", ok\"\r\n\"a\nb\",2.5\r\n'#N/A,3\r\n,0\r\n,0.12\r\n")


# --- rows written as text (needs.csv: files.csv_text, files.write_csv_text) ---------------------------------

@given(st.lists(st.one_of(st.text(alphabet=st.sampled_from(list(',"\r\n=+-@#\t\' a中1')), max_size=6),
                          st.text(max_size=4), st.none(), st.floats(allow_nan=False), st.integers(), st.booleans()),
                min_size=2, max_size=5))
@settings(max_examples=400, deadline=None)
def test_a_row_of_csv_text_cells_is_what_write_csv_writes(row: list[object]) -> None:
    """csv_text writes a cell of a row of two or more as write_csv does (a lone empty cell apart: "")."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerow([plain_cell(v) for v in row])
    assert ",".join(map(files.csv_text, row)) + "\r\n" == buffer.getvalue()


def test_csv_text_chunks_write_the_bytes_write_csv_writes(tmp_path: Path) -> None:
    rows = [[v if not isinstance(v, dt.date) else v.isoformat() for v in row] for row in tricky_rows(100)]
    chunks = [("".join(",".join(map(files.csv_text, row)) + "\r\n" for row in rows[i:i + 7]), len(rows[i:i + 7]))
              for i in range(0, len(rows), 7)]
    header = ["a", "b,c", "=d", 'e"']
    assert files.write_csv_text(tmp_path / "t.csv", header, iter(chunks)) == len(rows)
    files.write_csv(tmp_path / "r.csv", header, iter(rows))
    assert (tmp_path / "t.csv").read_bytes() == (tmp_path / "r.csv").read_bytes() == plain_csv(header, rows)


@pytest.mark.parametrize("chunk", [20_000, 3])
def test_needs_csv_is_each_need_written_cell_by_cell(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     chunk: int) -> None:
    """needs.csv writes each distinct cell once and joins the rows (needs_csv.needs_lines): the bytes of each
    need's cells written one by one, at any chunk size."""
    import needscli
    from needscli.core.catalog import Catalog
    from needscli.labels import reason_texts
    from needscli.reports import needs_csv

    monkeypatch.setattr(needs_csv, "CSV_CHUNK", chunk)
    analysis = needscli.analyze(SAMPLES, as_of="2026-11-01")
    named = Catalog.label
    awkward = ['{}，"甲,乙"', "={}", "{}\n二行", "{}"]  # topic names to quote, to prefix, to quote over two lines
    monkeypatch.setattr(Catalog, "label", lambda self, topic_id, lang: awkward[sum(map(ord, topic_id)) % 4].format(
        named(self, topic_id, lang)))
    assert needs_csv.write_needs_csv(analysis, tmp_path / "needs.csv") == len(analysis.needs) > 100
    texts = reason_texts(analysis.lang, (",", ";", " | "))
    rows: list[list[object]] = []
    for need in analysis.needs:
        cadre = analysis.cadre_by_id[need.cadre_id]
        _, rule_ids, reasons = texts[tuple(need.reasons)]
        rows.append([cadre.id, cadre.name, cadre.unit, analysis.catalog.label(need.topic_id, analysis.lang),
                     need.source, need.training_type, need.priority, rule_ids, reasons,
                     need.deadline.isoformat() if need.deadline else "", need.status])
    assert any(row[9] for row in rows) and {str(row[3])[0] == "=" for row in rows} == {True, False}
    assert any('"' in str(row[3]) for row in rows) and any("\n" in str(row[3]) for row in rows)
    assert (tmp_path / "needs.csv").read_bytes() == plain_csv(needs_csv.NEEDS_COLUMNS, rows)


@given(st.lists(st.text(alphabet=st.sampled_from(list(',"\r\n\x00=+-@#\t\' a中1')), max_size=5), max_size=6))
@settings(max_examples=300, deadline=None)
def test_plain_cells_says_whether_csv_text_writes_each_as_it_is(texts: list[str]) -> None:
    assert files.plain_cells(texts) == all(files.csv_text(t) == t for t in texts) or (
        not files.plain_cells(texts) and any("\x00" in t for t in texts))  # a NUL may only make it look again


@pytest.mark.parametrize("chunk", [50_000, 4])
def test_assignments_csv_is_each_seat_written_cell_by_cell(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           chunk: int) -> None:
    """assignments.csv writes each distinct cell once and joins the rows: the bytes of each seat's cells written
    one by one, at any chunk size, ids that need quoting or a prefix among them."""
    import dataclasses

    import needscli
    from needscli.reports import class_rosters

    monkeypatch.setattr(class_rosters, "SEATS_CHUNK", chunk)
    analysis = needscli.analyze(SAMPLES, as_of="2026-11-01")
    plan = needscli.plan(analysis)
    odd = ["=1+1", 'a"b', "a,b", "#N/A"]
    seats = [dataclasses.replace(seat, cadre_id=odd[i % 4] + seat.cadre_id) if 8 <= i < 12 else seat
             for i, seat in enumerate(plan.assignments)]
    plan = dataclasses.replace(plan, assignments=seats)
    assert class_rosters.write_assignments_csv(analysis, plan, tmp_path / "a.csv") == len(seats) > 50
    rows: list[list[object]] = [[s.cadre_id, s.class_id, analysis.catalog.label(s.topic_id, analysis.lang),
                                 s.priority, s.route] for s in seats]
    assert {s.route for s in seats} >= {"class", "online"}
    assert (tmp_path / "a.csv").read_bytes() == plain_csv(class_rosters.ASSIGNMENTS_COLUMNS, rows)
