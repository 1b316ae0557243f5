"""Cell parsers: ids as text, every date form rosters use, numbers, ratings, list cells, text."""

from __future__ import annotations

import datetime as dt

import pytest
from builders import CELL_TEXTS
from hypothesis import given

from needscli.io import cells
from needscli.models import Completion
from needscli.text import split_list


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("007", "007"),
        (" 007 ", "007"),
        ("110105194912310021", "110105194912310021"),
        ("11010519491231002X", "11010519491231002X"),
        (7.0, "7"),
        (12345, "12345"),
        (None, ""),
    ],
)
def test_parse_id_keeps_text(raw: object, expected: str) -> None:
    assert cells.parse_id(raw) == (expected, "")


def test_parse_id_refuses_a_long_number() -> None:
    value, fault = cells.parse_id(float(110105194912310021))
    assert value == ""
    assert "15 digits" in fault


@pytest.mark.parametrize("raw", ["1.10105E+17", "1.10105e+17", " 4.20102E+17 "])
def test_parse_id_refuses_scientific_notation_from_a_csv_export(raw: str) -> None:
    value, fault = cells.parse_id(raw)
    assert value == ""
    assert "scientific notation" in fault


@pytest.mark.parametrize("raw", ["1E5", "A1.5E+3", "2023.05"])
def test_parse_id_keeps_ids_that_only_look_numeric(raw: str) -> None:
    assert cells.parse_id(raw) == (raw, "")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2023-05-01", dt.date(2023, 5, 1)),
        ("2023-05", dt.date(2023, 5, 1)),
        ("2023.05", dt.date(2023, 5, 1)),
        ("2023．05", dt.date(2023, 5, 1)),
        ("2023/5", dt.date(2023, 5, 1)),
        ("2023/5/17", dt.date(2023, 5, 17)),
        ("2023年5月", dt.date(2023, 5, 1)),
        ("2023年5月1日", dt.date(2023, 5, 1)),
        ("2023 年 5 月 17 号", dt.date(2023, 5, 17)),
        ("2018.10.", dt.date(2018, 10, 1)),  # a full stop typed after it
        ("2018.10.5.", dt.date(2018, 10, 5)),
        ("2019年3月份", dt.date(2019, 3, 1)),
        ("2019年3", dt.date(2019, 3, 1)),  # 月 left off
        ("2023-05-01 00:00:00", dt.date(2023, 5, 1)),
        ("202305", dt.date(2023, 5, 1)),
        ("20230517", dt.date(2023, 5, 17)),
        (dt.datetime(2023, 5, 1, 0, 0), dt.date(2023, 5, 1)),
        (dt.date(2023, 5, 1), dt.date(2023, 5, 1)),
        (45047.0, dt.date(2023, 5, 1)),  # Excel serial number
        (45047, dt.date(2023, 5, 1)),
        ("45047", dt.date(2023, 5, 1)),  # the serial as text: a CSV of a sheet's General cells
        (2023.05, dt.date(2023, 5, 1)),  # 2023.05 typed into a number cell
        (2023.11, dt.date(2023, 11, 1)),
        (2023.2, dt.date(2023, 2, 1)),
        (1980.01, dt.date(1980, 1, 1)),
        (20230517, dt.date(2023, 5, 17)),
    ],
)
def test_parse_date_forms(raw: object, expected: dt.date) -> None:
    assert cells.parse_date(raw) == (expected, "")


@pytest.mark.parametrize("raw", [None, "", "   "])
def test_parse_date_blank_is_no_date_and_no_fault(raw: object) -> None:
    assert cells.parse_date(raw) == (None, "")


@pytest.mark.parametrize("raw", ["—", "-", "--", "——", "－", "/", "／", " / ", "无", "暂无", "N/A"])
def test_a_form_s_mark_for_nothing_is_no_date_and_no_fault(raw: str) -> None:
    """Offices write a dash, a slash or 无 where a cadre has no such date: a blank cell, not a wrong date."""
    assert cells.parse_date(raw) == (None, "")


@pytest.mark.parametrize("raw", ["—", "-", "/", "——"])
def test_a_dash_or_slash_is_no_amount_and_no_fault(raw: str) -> None:
    assert cells.parse_number(raw) == (None, "")


@pytest.mark.parametrize("raw", ["2023.13", "2023-02-30", "明年", "五月", "2023年13月", "2023", True, -5, 1e9, "—2023",
                                 "2023.13.", "2023.5..", "2023年", "2023年5日", "80000", "09999"])
def test_parse_date_faults(raw: object) -> None:
    value, fault = cells.parse_date(raw)
    assert value is None
    assert fault


@pytest.mark.parametrize(("raw", "fault"), [
    (2023, "is a year without a month"),  # not Excel day 2023, which is in 1905
    (2023.0, "is a year without a month"),
    (2023.1, "could be January or October in a number cell; type the month as text with two digits"),
])
def test_parse_date_number_cells_that_cannot_be_read_safely(raw: object, fault: str) -> None:
    assert cells.parse_date(raw) == (None, fault)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(40, 40.0), (40.5, 40.5), ("40", 40.0), ("40.5", 40.5), ("40学时", 40.0), ("12 h", 12.0),
     ("1,200", 1200.0), (None, None), ("", None)],
)
def test_parse_number(raw: object, expected: float | None) -> None:
    assert cells.parse_number(raw) == (expected, "")


@pytest.mark.parametrize("raw", ["-0", "-0.0", -0.0, "0", 0])
def test_a_zero_is_read_as_zero_whatever_its_sign(raw: object) -> None:
    """-0.0 equals 0.0 as a memo's key but prints as -0: "-0" read as it is gave one cadre's reason text to
    the next cadre with 0 hours, and which one depended on the order the cadres were found in."""
    value, fault = cells.parse_number(raw)
    assert (value, fault) == (0.0, "")
    assert str(value) == "0.0"


@pytest.mark.parametrize("raw", ["四十", "forty", "40-50", -1, True, float("inf"), "无", "-5"])
def test_parse_number_faults(raw: object) -> None:
    value, fault = cells.parse_number(raw)
    assert value is None
    assert fault


@pytest.mark.parametrize(("raw", "expected"), [(1, (1, "")), ("5", (5, "")), (None, (None, ""))])
def test_parse_scale(raw: object, expected: tuple[int | None, str]) -> None:
    assert cells.parse_scale(raw) == expected


@pytest.mark.parametrize("raw", [0, 6, 2.5, "高"])
def test_parse_scale_faults(raw: object) -> None:
    value, fault = cells.parse_scale(raw)
    assert value is None
    assert fault


@pytest.mark.parametrize(
    "raw",
    [
        "法治思维;数字政府；应急管理",
        "法治思维、数字政府、应急管理",
        "法治思维,数字政府，应急管理",
        "法治思维\n数字政府\r\n应急管理",
        " 法治思维 ；；数字政府 ,\n 应急管理 ",
    ],
)
def test_parse_list_separators(raw: str) -> None:
    assert cells.parse_list(raw) == (["法治思维", "数字政府", "应急管理"], "")


def test_parse_list_blank() -> None:
    assert cells.parse_list(None) == ([], "")


def test_parse_completions_with_and_without_dates() -> None:
    value, fault = cells.parse_completions("党性教育(2024.06)；政治理论、 法治思维（2023年5月）")
    assert fault == ""
    assert value == [
        Completion(topic="党性教育", date=dt.date(2024, 6, 1)),
        Completion(topic="政治理论", date=None),
        Completion(topic="法治思维", date=dt.date(2023, 5, 1)),
    ]


def test_parse_completions_bad_date_names_no_text() -> None:
    value, fault = cells.parse_completions("测试张三专题(2024.13)")
    assert value == []
    assert fault
    assert "测试张三" not in fault
    assert "2024.13" not in fault


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("  市 财政局 ", "市 财政局"), ("市\u3000财政局", "市 财政局"), (7.0, "7"), (7.5, "7.5"),
     (dt.datetime(2023, 5, 1), "2023-05-01"), (None, "")],
)
def test_parse_text(raw: object, expected: str) -> None:
    assert cells.parse_text(raw) == (expected, "")


@pytest.mark.parametrize(("raw", "expected"), [("是", True), ("否", False), ("Yes", True), ("0", False),
                                               (True, True), (None, None)])
def test_parse_bool(raw: object, expected: bool | None) -> None:
    assert cells.parse_bool(raw) == (expected, "")


def test_parse_bool_fault() -> None:
    assert cells.parse_bool("也许")[1]


def test_parse_completions_keeps_bracketed_names_and_good_items() -> None:
    value, fault = cells.parse_completions("在职培训（学时补足）；党性教育(2026.03)、政治理论(2024.13)")
    assert value == [
        Completion(topic="在职培训（学时补足）", date=None),
        Completion(topic="党性教育", date=dt.date(2026, 3, 1)),
    ]
    assert "item 3" in fault and "2024.13" not in fault


def test_repeated_completion_items_are_parsed_alike() -> None:
    items, fault = cells.parse_completions("党校(2024.13)；党性教育(2024.06)；党校(2024.13)；党性教育(2024.06)")
    assert [(c.topic, c.date) for c in items] == [("党性教育", dt.date(2024, 6, 1))] * 2
    assert fault.startswith("item 1, 3 has a date in brackets")
    again, _ = cells.parse_completions("党性教育（2024.06）；政治理论(学时补足)")
    assert [(c.topic, c.date) for c in again] == [("党性教育", dt.date(2024, 6, 1)), ("政治理论(学时补足)", None)]


@given(CELL_TEXTS)
def test_parse_list_gives_the_items_split_list_gives(text: str) -> None:
    assert cells.parse_list(text) == (split_list(text), "")


@given(CELL_TEXTS)
def test_a_completions_cell_parses_as_its_items_one_by_one(text: str) -> None:
    one_by_one = [cells.parse_completions(item) for item in split_list(text)]
    completions, fault = cells.parse_completions(text)
    assert completions == [c for parsed, _ in one_by_one for c in parsed]
    assert bool(fault) == any(item_fault for _, item_fault in one_by_one)


def test_a_parsed_completion_is_the_validated_model() -> None:
    """The parser builds completions without pydantic's checks: they must equal, hash and dump as checked ones."""
    [made] = cells.parse_completions("党性教育(2024.06)")[0]
    model = Completion(topic="党性教育", date=dt.date(2024, 6, 1))
    assert made == model and hash(made) == hash(model)
    assert made.model_dump() == model.model_dump() and made.model_fields_set == model.model_fields_set
    assert cells.parse_completions("党性教育 (2024.06)；；政治理论")[0] == [model, Completion(topic="政治理论")]


@pytest.mark.parametrize("raw", ["", " ", "\u3000", " \t\r\n", "\xa0\u2028\x1c", "\u200b", " 市\u3000 财政局\xa0",
                                 "a\u00a0\u00a0b", "\u3000党校\u3000"])
def test_text_cells_read_as_trimmed_text(raw: str) -> None:
    blank = not raw.replace("\u200b", "").strip()  # a zero-width space shows as nothing
    expected = "" if blank else " ".join(raw.replace("\u3000", " ").replace("\u200b", "").split())
    assert cells.parse_text(raw) == (expected, "")
    assert cells.is_blank(raw) == blank


@pytest.mark.parametrize(("raw", "expected"), [
    ("2027-03", dt.date(2027, 3, 31)), ("2027年3月", dt.date(2027, 3, 31)), ("2027.03", dt.date(2027, 3, 31)),
    (202703, dt.date(2027, 3, 31)), (2027.03, dt.date(2027, 3, 31)), ("2027年2月", dt.date(2027, 2, 28)),
    ("2028年2月底", dt.date(2028, 2, 29)), ("2027年3月底前", dt.date(2027, 3, 31)), ("2027年12月", dt.date(2027, 12, 31)),
    ("2027年底", dt.date(2027, 12, 31)), ("2027年年底前", dt.date(2027, 12, 31)), ("2027年上半年", dt.date(2027, 6, 30)),
    ("2027年下半年", dt.date(2027, 12, 31)), ("2027年第一季度", dt.date(2027, 3, 31)), ("2027年三季度", dt.date(2027, 9, 30)),
    ("2027-03-15", dt.date(2027, 3, 15)), (dt.date(2027, 3, 1), dt.date(2027, 3, 1)),
    ("2027年3月前", dt.date(2027, 2, 28)), ("2027年1月以前", dt.date(2026, 12, 31)),  # before March: by its eve
    ("2027年内", dt.date(2027, 12, 31)), ("2027年度", dt.date(2027, 12, 31)), ("2027年度内", dt.date(2027, 12, 31)),
    ("2027年第三季度末", dt.date(2027, 9, 30)), ("2027年度末", dt.date(2027, 12, 31)),
    ("2027年上半年内", dt.date(2027, 6, 30)), ("2027年度第三季度", dt.date(2027, 9, 30)),
])
def test_a_deadline_written_as_a_month_is_by_its_end(raw: object, expected: dt.date) -> None:
    """完成期限 2027年3月 is "by March 2027": read as the 1st, classes after it would all be late; a full date, or an
    Excel date cell, stays as it is."""
    assert cells.deadline_parser()(raw) == (expected, "")


@pytest.mark.parametrize("raw", ["2027年13月底", "明年", "年底"])
def test_a_deadline_that_names_no_day_is_a_fault(raw: str) -> None:
    value, fault = cells.deadline_parser()(raw)
    assert value is None and fault


@pytest.mark.parametrize(("raw", "expected"), [
    ("110101199503070026", dt.date(1995, 3, 7)), ("440304198812311235", dt.date(1988, 12, 31)),
    ("11010519491231002x", dt.date(1949, 12, 31)), ("110101700101003", dt.date(1970, 1, 1)),
    ("110101199503070027", None),  # its check digit does not hold: a mistyped or made-up number
    ("11010119951307002X", None),  # a 13th month, its check digit holding
    ("C0001", None), ("１１０１０１１９９５０３０７００２６", None), ("", None),
])
def test_the_birth_date_in_an_id_number(raw: str, expected: dt.date | None) -> None:
    assert cells.birth_in_id_number(raw) == expected


YEARS_FAULT = "is not a date from 1900 to 2999 (where there is no date, leave the cell blank)"
OUTSIDE_THE_YEARS = ["9999-12-31", dt.date(9999, 12, 31), dt.datetime(9999, 12, 31), "3000-01-01", "31/12/9999",
                     "1899-12-31", dt.date(1850, 1, 1)]


@pytest.mark.parametrize("raw", OUTSIDE_THE_YEARS)
def test_a_date_outside_the_years_a_run_takes_is_a_fault(raw: object) -> None:
    """9999-12-31, as HR systems write "open-ended", is no date of a cadre, and months counted on from it ran past the
    calendar: refused where it is read, every way a date is written."""
    assert cells.date_parser("dmy")(raw) == (None, YEARS_FAULT)


@pytest.mark.parametrize("raw", [*OUTSIDE_THE_YEARS, "9999年12月底", "9999年底", "9999年3月前", "0001年1月前", "0000年底"])
def test_a_deadline_outside_the_years_a_run_takes_is_a_fault(raw: object) -> None:
    """Every way a deadline is written, none raised (the end of December 9999 was counted into the year 10000)."""
    assert cells.deadline_parser("dmy")(raw) == (None, YEARS_FAULT)


@pytest.mark.parametrize(("raw", "expected"), [("2999-12-31", dt.date(2999, 12, 31)), ("1900-01", dt.date(1900, 1, 1))])
def test_the_first_and_last_years_a_run_takes_are_read(raw: str, expected: dt.date) -> None:
    assert cells.parse_date(raw) == (expected, "")


def test_a_run_date_past_the_years_is_told_from_one_that_is_no_date() -> None:
    assert cells.run_date("9999-12-15") == (None, "years")
    assert cells.run_date("xx") == (None, "date")
    assert cells.run_date("2026-11-01") == (dt.date(2026, 11, 1), "")


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_a_number_cell_of_nan_or_inf_is_no_number_nor_date_not_an_empty_cell(value: float) -> None:
    """<v>NaN</v> in a forged .xlsx is read as a float NaN: it was taken for an empty cell, an hours or date cell
    so left unsaid (or a required one said to be empty). It is filled, with no number in it, nor any text."""
    assert not cells.is_blank(value)
    assert cells.parse_number(value) == (None, "is not a number")
    assert cells.parse_date(value) == (None, "is not a date")
    fault = f'"{value}" is an invalid number, not text'
    assert cells.parse_text(value) == cells.parse_id(value) == ("", fault)
    assert cells.parse_list(value) == cells.parse_completions(value) == ([], fault)
