"""limits.roster_sheets: a plan of more classes keeps the Overview and the annual plan in class-rosters.xlsx and
puts the sign-in sheets in class-rosters-<organizer>.xlsx (in parts past the limit), each read back by records
import as class-rosters.xlsx is; earlier ones are removed while as written, and never replaced once filled in."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest
from builders import SAMPLES, catalog, folder_state, sheet_names

import needscli
from needscli.config import Config, LimitsConfig
from needscli.core.analysis import Analysis
from needscli.errors import OutputError
from needscli.labels import label
from needscli.models import TrainingClass
from needscli.pipeline import write_outputs
from needscli.planner import Plan
from needscli.records.imports import FileRead, read_records_file
from needscli.reports import class_rosters, write_all
from needscli.reports.files import is_as_written, safeguards
from needscli.reports.roster_books import roster_books
from needscli.reports.split import split_staged

LIMIT = 10  # the samples' 35 classes: 市委管理 24 (3 parts of 8), 县委管理 11 (2 parts, 6 and 5)
BOOKS = ["class-rosters-市委管理-1.xlsx", "class-rosters-市委管理-2.xlsx", "class-rosters-市委管理-3.xlsx",
         "class-rosters-县委管理-1.xlsx", "class-rosters-县委管理-2.xlsx"]
SEATS = 6  # 1-based row of a sign-in sheet's first seat
FIRST_DAY = 7  # 1-based column of its first 签到 column


def run_with(limit: int | None) -> tuple[Analysis, Plan]:
    config = Config() if limit is None else Config(limits=LimitsConfig(roster_sheets=limit))
    analysis = needscli.analyze(SAMPLES, as_of="2026-11-01", config=config)
    return analysis, needscli.plan(analysis)


@pytest.fixture(scope="module")
def limited() -> tuple[Analysis, Plan]:
    return run_with(LIMIT)


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory, limited: tuple[Analysis, Plan]) -> Path:
    out = tmp_path_factory.mktemp("books")
    write_all(*limited, out)
    return out


def overview(path: Path) -> list[tuple[object, ...]]:
    """The Overview's rows below its note: the header, then a row per class."""
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return [row[:10] for row in book["班次总览"].iter_rows(min_row=2, values_only=True)]
    finally:
        book.close()


def read_back(path: Path) -> FileRead:
    config = Config()
    # imported after every class of the plan: its days all held
    return read_records_file(path, config, catalog(config), config.ledger, dt.date(2028, 1, 1))


def books_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("class-rosters-*.xlsx"))


# ---- which workbooks ------------------------------------------------------------------------------


def a_class(class_id: str, organizer: str) -> TrainingClass:
    return TrainingClass(id=class_id, topic_id="rule-of-law", training_type="on-the-job", organizer=organizer,
                         job_family="综合管理类", period=1)


def test_classes_within_the_limit_stay_in_one_workbook(limited: tuple[Analysis, Plan]) -> None:
    assert roster_books(limited[1].classes, len(limited[1].classes)) == []


def test_past_the_limit_one_workbook_per_organizer_in_even_parts_within_it(limited: tuple[Analysis, Plan]) -> None:
    plan = limited[1]
    books = roster_books(plan.classes, LIMIT)
    assert sorted(b.name for b in books) == sorted(BOOKS)
    assert [(b.organizer, b.part, b.parts, len(b.classes)) for b in books] == [
        ("市委管理", 1, 3, 8), ("市委管理", 2, 3, 8), ("市委管理", 3, 3, 8), ("县委管理", 1, 2, 6), ("县委管理", 2, 2, 5)]
    assert all(c.organizer == b.organizer for b in books for c in b.classes)
    assert sorted(c.id for b in books for c in b.classes) == sorted(c.id for c in plan.classes)
    assert [b.name for b in roster_books(plan.classes, 20)] == [
        "class-rosters-市委管理-1.xlsx", "class-rosters-市委管理-2.xlsx", "class-rosters-县委管理.xlsx"]


def test_an_organizer_name_becomes_a_safe_file_name_and_no_two_names_meet() -> None:
    classes = [a_class("K1", "市/县:委"), a_class("K2", "X"), a_class("K3", "X"), a_class("K4", "X-1")]
    names = [b.name for b in roster_books(classes, 1)]
    assert names[:3] == ["class-rosters-市_县_委.xlsx", "class-rosters-X-1.xlsx", "class-rosters-X-2.xlsx"]
    assert names[3].startswith("class-rosters-X-1~") and names[3].endswith(".xlsx")  # not X's first part
    assert len({n.casefold() for n in names}) == 4


def test_ten_parts_or_more_are_numbered_to_the_width_of_their_count() -> None:
    """-01 ... -12, so that a file manager lists the parts in order (it puts -10 before -2); nine parts or fewer
    keep -1 ... -9."""
    twelve = [b.name for b in roster_books([a_class(f"K{i}", "X") for i in range(12)], 1)]
    assert twelve == [f"class-rosters-X-{n:02d}.xlsx" for n in range(1, 13)] == sorted(twelve)
    nine = [b.name for b in roster_books([a_class(f"K{i}", "X") for i in range(9)], 1)]
    assert nine == [f"class-rosters-X-{n}.xlsx" for n in range(1, 10)]


# ---- the workbooks written ------------------------------------------------------------------------


def test_class_rosters_keeps_the_overview_and_the_plan_and_names_the_workbooks(
        written: Path, limited: tuple[Analysis, Plan]) -> None:
    plan = limited[1]
    assert sheet_names(written / "class-rosters.xlsx") == ["班次总览", "年度培训计划", "未成班"]
    note = openpyxl.load_workbook(written / "class-rosters.xlsx", read_only=True)["班次总览"]["A1"].value
    assert note == ("班次较多（35 个，超过一个工作簿所收签到表的上限 10 个（limits.roster_sheets）），各班签到表不在本工作簿中，"
                    "按主办单位分别写在同一文件夹的以下 5 个文件中：" + "、".join(BOOKS))
    rows = overview(written / "class-rosters.xlsx")
    assert rows[0][0] == "班次编号" and [r[0] for r in rows[1:]] == [c.id for c in plan.classes]
    assert books_in(written) == sorted(BOOKS)


@pytest.mark.parametrize(("lang", "words"), [("zh", "班次较多（5,520 个，超过一个工作簿所收签到表的上限 1,000 个"),
                                            ("en", "With 5,520 classes (more than the 1,000 sign-in sheets")])
def test_the_books_note_counts_a_provinces_classes_thousands_apart(lang: str, words: str) -> None:
    """A province's Overview read 班次较多（5520 个."""
    note = label("rosters.books_note", lang, classes=5520, limit=1000, n=12, files="class-rosters-X-1.xlsx")
    assert note.startswith(words)


def test_each_workbook_holds_at_most_the_limit_and_together_they_hold_every_class_once(
        written: Path, limited: tuple[Analysis, Plan]) -> None:
    plan = limited[1]
    organizer = {c.id: c.organizer for c in plan.classes}
    seen: list[str] = []
    for name in BOOKS:
        names = sheet_names(written / name)
        assert names[0] == "班次总览" and 1 <= len(names) - 1 <= LIMIT
        listed = [r[0] for r in overview(written / name)[1:]]
        assert listed == names[1:]  # its own Overview lists its own sign-in sheets, no other
        assert {organizer[c] for c in listed} == {name.removeprefix("class-rosters-").rpartition("-")[0]}
        seen += listed
    assert sorted(seen) == sorted(organizer)


def test_a_workbook_of_sign_in_sheets_says_whose_it_is(written: Path) -> None:
    note = openpyxl.load_workbook(written / BOOKS[1], read_only=True)["班次总览"]["A1"].value
    assert note == "本文件为市委管理主办班次的签到表（第 2 册，共 3 册）；全部班次和年度培训计划见 class-rosters.xlsx"


def test_a_signed_workbook_imports_as_class_rosters_does(written: Path, tmp_path: Path,
                                                         limited: tuple[Analysis, Plan]) -> None:
    plan = limited[1]
    book = openpyxl.load_workbook(written / BOOKS[3])
    classes = {c.id: c for c in plan.classes}
    for ws in book.worksheets[1:]:
        for r in range(SEATS, SEATS + classes[ws.title].size):
            for c in range(FIRST_DAY, ws.max_column + 1):
                if ws.cell(4, c).value == "签到" or (ws.cell(4, c).value is None and ws.cell(5, c).value):
                    ws.cell(r, c, "√")
    signed = tmp_path / BOOKS[3]
    book.save(signed)
    read = read_back(signed)
    assert (read.kind, [p for p in read.problems if p.severity == "error"]) == ("class-rosters", [])
    ids = sheet_names(signed)[1:]
    assert sorted((p.record.class_id, p.record.cadre_id) for p in read.parsed) == sorted(
        (i, m) for i in ids for m in classes[i].members)
    assert all(p.record.completed for p in read.parsed)


def test_class_rosters_without_sign_in_sheets_imports_nothing_with_one_warning(written: Path) -> None:
    read = read_back(written / "class-rosters.xlsx")
    assert read.parsed == []
    assert [(p.code, p.severity, p.sheet) for p in read.problems] == [("no-sign-in-sheets", "warning", "班次总览")]


def test_the_default_limit_keeps_every_sign_in_sheet_in_class_rosters(tmp_path: Path) -> None:
    analysis, plan = run_with(None)
    write_all(analysis, plan, tmp_path)
    assert sheet_names(tmp_path / "class-rosters.xlsx") == ["班次总览", "年度培训计划", "未成班",
                                                          *(c.id for c in plan.classes)]
    assert books_in(tmp_path) == []


def test_a_failed_write_leaves_no_workbook_of_sign_in_sheets(
        tmp_path: Path, limited: tuple[Analysis, Plan], monkeypatch: pytest.MonkeyPatch) -> None:
    analysis, plan = limited
    last = roster_books(plan.classes, LIMIT)[-1].classes[0].id
    sign_in = class_rosters._sign_in_sheet

    def fail_at_the_last(book: object, analysis: Analysis, plan: Plan, cls: TrainingClass, *rest: object) -> None:
        if cls.id == last:
            raise OSError(28, "No space left on device")
        sign_in(book, analysis, plan, cls, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(class_rosters, "_sign_in_sheet", fail_at_the_last)
    analysis = dataclasses.replace(analysis, config=analysis.config.model_copy(
        update={"limits": LimitsConfig(roster_sheets=LIMIT, write_processes=1)}))
    with pytest.raises(OutputError):
        write_all(analysis, plan, tmp_path / "out")
    assert not (tmp_path / "out").exists() or [p.name for p in (tmp_path / "out").iterdir()] == []


# ---- a later run ----------------------------------------------------------------------------------


def test_a_later_run_removes_the_workbooks_it_no_longer_writes(tmp_path: Path, limited: tuple[Analysis, Plan]) -> None:
    write_all(*limited, tmp_path)
    assert books_in(tmp_path) == sorted(BOOKS)
    analysis, plan = run_with(20)
    written = write_all(analysis, plan, tmp_path)
    assert books_in(tmp_path) == ["class-rosters-县委管理.xlsx", "class-rosters-市委管理-1.xlsx",
                                  "class-rosters-市委管理-2.xlsx"]
    assert {p.name for p in written} >= set(books_in(tmp_path))
    write_all(*run_with(None), tmp_path)
    assert books_in(tmp_path) == []


def test_a_later_run_without_workbooks_leaves_them_be(tmp_path: Path, limited: tuple[Analysis, Plan]) -> None:
    """--formats csv writes no class rosters: the workbooks of an earlier run stay, as class-rosters.xlsx does."""
    write_all(*limited, tmp_path)
    write_all(*run_with(None), tmp_path, formats=frozenset({"csv"}))
    assert books_in(tmp_path) == sorted(BOOKS)


def fill_in(path: Path) -> bytes:
    """The workbook saved again with a 签到 mark, as an office fills it in; returns its bytes."""
    book = openpyxl.load_workbook(path)
    book.worksheets[1].cell(SEATS, FIRST_DAY, "√")
    book.save(path)
    assert not is_as_written(path)
    return path.read_bytes()


@pytest.mark.parametrize("limit", [LIMIT, None], ids=["written-again", "no-longer-written"])
def test_a_filled_in_workbook_stops_a_later_run_and_nothing_is_written(
        tmp_path: Path, limited: tuple[Analysis, Plan], limit: int | None) -> None:
    write_all(*limited, tmp_path)
    signed = fill_in(tmp_path / BOOKS[4])
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    with pytest.raises(OutputError, match="class-rosters-县委管理-2.xlsx：这个文件在 needscli 写出后被改动过"):
        write_all(*run_with(limit), tmp_path)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()} == before
    assert (tmp_path / BOOKS[4]).read_bytes() == signed


def test_force_replaces_or_removes_a_filled_in_workbook(tmp_path: Path, limited: tuple[Analysis, Plan]) -> None:
    write_all(*limited, tmp_path)
    fill_in(tmp_path / BOOKS[0])
    with safeguards(force=True):
        write_all(*limited, tmp_path)
    assert is_as_written(tmp_path / BOOKS[0])
    fill_in(tmp_path / BOOKS[0])
    with safeguards(force=True):
        write_all(*run_with(None), tmp_path)
    assert books_in(tmp_path) == []


def test_a_workbook_filled_in_while_the_run_writes_is_kept(tmp_path: Path, limited: tuple[Analysis, Plan],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Checked before writing, and again before removing: one saved in between stays."""
    write_all(*limited, tmp_path)
    analysis, plan = run_with(None)
    write_plan = class_rosters.write_plan_csv

    def fill_meanwhile(*args: object, **kwargs: object) -> None:
        fill_in(tmp_path / BOOKS[2])
        write_plan(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("needscli.reports.outputs.write_plan_csv", fill_meanwhile)
    analysis = dataclasses.replace(analysis, config=analysis.config.model_copy(
        update={"limits": LimitsConfig(write_processes=1)}))
    write_all(analysis, plan, tmp_path)
    assert books_in(tmp_path) == [BOOKS[2]]


# ---- the office's own workbooks -------------------------------------------------------------------

# workbooks an office made and named like the workbooks of sign-in sheets; 县委管理's is the name a run of
# roster_sheets = 20 gives its one workbook of that organizer
OFFICE_BOOKS = ["class-rosters-签到汇总.xlsx", "class-rosters-1.xlsx", "class-rosters-县委管理.xlsx"]
NOT_NEEDSCLI = "：这个文件不是 needscli 写出的"


def office_book(path: Path) -> bytes:
    """A workbook the office made itself at path; returns its bytes."""
    book = openpyxl.Workbook()
    book.active["A1"] = "本办自己做的签到汇总"
    book.save(path)
    return path.read_bytes()


@pytest.mark.parametrize("force", [False, True], ids=["", "force"])
@pytest.mark.parametrize("name", OFFICE_BOOKS)
def test_a_workbook_of_the_office_s_own_is_left_alone(tmp_path: Path, limited: tuple[Analysis, Plan], name: str,
                                                      force: bool) -> None:
    """No run wrote it: neither looked at as changed since needscli wrote it nor removed, with force too; the
    earlier run's own workbooks go as before."""
    write_all(*limited, tmp_path)
    made = office_book(tmp_path / name)
    with safeguards(force=force):
        written = write_all(*run_with(None), tmp_path)
    assert (tmp_path / name).read_bytes() == made
    assert books_in(tmp_path) == [name]
    assert tmp_path / name not in written


@pytest.mark.parametrize("force", [False, True], ids=["", "force"])
def test_a_run_writes_beside_the_office_s_own_workbooks(tmp_path: Path, limited: tuple[Analysis, Plan],
                                                        force: bool) -> None:
    """In a folder no run wrote into, and in one an earlier run did, whose workbooks are replaced."""
    made = {name: office_book(tmp_path / name) for name in OFFICE_BOOKS[:2]}
    for _ in range(2):
        with safeguards(force=force):
            write_all(*limited, tmp_path)
        assert {name: (tmp_path / name).read_bytes() for name in made} == made
        assert books_in(tmp_path) == sorted([*BOOKS, *made])
        assert all(is_as_written(tmp_path / name) for name in BOOKS)


@pytest.mark.parametrize("force", [False, True], ids=["", "force"])
def test_a_workbook_to_be_written_over_the_office_s_own_stops_the_run(tmp_path: Path, limited: tuple[Analysis, Plan],
                                                                       force: bool) -> None:
    """The run would write class-rosters-县委管理.xlsx where the office keeps its own of that name: refused as the
    office's file (not as one changed since needscli wrote it), with force too, and nothing is written."""
    write_all(*limited, tmp_path)
    office_book(tmp_path / OFFICE_BOOKS[2])
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    with safeguards(force=force), pytest.raises(OutputError, match=f"class-rosters-县委管理.xlsx{NOT_NEEDSCLI}"):
        write_all(*run_with(20), tmp_path)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()} == before


def test_an_earlier_run_s_workbook_filled_in_is_still_its_own(tmp_path: Path, limited: tuple[Analysis, Plan]) -> None:
    """A workbook analysis.json lists is the earlier run's however it was changed: replaced under force."""
    write_all(*limited, tmp_path)
    office_book(tmp_path / BOOKS[3])  # saved over by another program: no stamp, no Overview of needscli's
    with safeguards(force=True):
        write_all(*limited, tmp_path)
    assert is_as_written(tmp_path / BOOKS[3])


# ---- hand-outs ------------------------------------------------------------------------------------


def test_hand_outs_split_their_class_rosters_in_their_own_folder(tmp_path: Path,
                                                                 limited: tuple[Analysis, Plan]) -> None:
    analysis, plan = limited
    with split_staged(analysis, plan, tmp_path, "organizer") as written:
        pass
    city = tmp_path / "by-organizer" / "市委管理"
    assert books_in(city) == sorted(BOOKS[:3])
    assert {city / name for name in BOOKS[:3]} <= set(written)
    assert sheet_names(city / "class-rosters.xlsx") == ["班次总览", "年度培训计划", "未成班"]  # the city's groups
    assert books_in(tmp_path) == []


def test_a_hand_out_folder_loses_the_workbooks_a_later_run_no_longer_writes(
        tmp_path: Path, limited: tuple[Analysis, Plan]) -> None:
    with split_staged(*limited, tmp_path, "organizer"):
        pass
    city = tmp_path / "by-organizer" / "市委管理"
    assert books_in(city) == sorted(BOOKS[:3])
    with split_staged(*run_with(None), tmp_path, "organizer"):
        pass
    assert books_in(city) == []
    assert sheet_names(city / "class-rosters.xlsx")[:3] == ["班次总览", "年度培训计划", "未成班"]
    assert len(sheet_names(city / "class-rosters.xlsx")) == 3 + 24


def cell_values(path: Path) -> dict[str, list[tuple[object, ...]]]:
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}
    finally:
        book.close()


def test_two_writing_processes_share_the_workbooks_and_write_what_one_does(
        tmp_path: Path, limited: tuple[Analysis, Plan]) -> None:
    analysis, plan = limited
    one = dataclasses.replace(analysis, config=analysis.config.model_copy(
        update={"limits": analysis.config.limits.model_copy(update={"write_processes": 1})}))
    alone = write_all(one, plan, tmp_path / "one")
    shared = write_all(analysis, plan, tmp_path / "two")
    assert [p.name for p in shared] == [p.name for p in alone]
    names = [p.name for p in shared]
    assert names[names.index("class-rosters.xlsx") + 1:][:len(BOOKS)] == BOOKS  # right after it, in order
    for name in ["class-rosters.xlsx", *BOOKS]:
        assert cell_values(tmp_path / "two" / name) == cell_values(tmp_path / "one" / name)


@pytest.mark.parametrize("force", [False, True], ids=["", "force"])
def test_a_hand_out_folder_keeps_the_office_s_own_workbooks(tmp_path: Path, limited: tuple[Analysis, Plan],
                                                            force: bool) -> None:
    with split_staged(*limited, tmp_path, "organizer"):
        pass
    city = tmp_path / "by-organizer" / "市委管理"
    made = {name: office_book(city / name) for name in OFFICE_BOOKS}
    with safeguards(force=force), split_staged(*run_with(None), tmp_path, "organizer"):
        pass
    assert books_in(city) == sorted(made)
    assert {name: (city / name).read_bytes() for name in made} == made


# ---- hand-outs an earlier run wrote and the office filled in since ----------------------------------

CITY = Path("by-organizer") / "市委管理"  # its hand-out folder holds BOOKS[:3]


def write_split(analysis_plan: tuple[Analysis, Plan], folder: Path, force: bool = False,
                lang: str = "zh") -> list[Path]:
    """The run's outputs with its hand-outs by organizer, as analyze --split-by organizer writes them."""
    with safeguards(force=force, lang=lang):
        return write_outputs(*analysis_plan, folder, split_by="organizer")


def test_analysis_json_lists_the_hand_outs(tmp_path: Path, limited: tuple[Analysis, Plan]) -> None:
    """A hand-out folder has no analysis.json of its own: the run's lists its files, where they are."""
    written = write_split(limited, tmp_path)
    listed = json.loads((tmp_path / "analysis.json").read_text(encoding="utf-8"))["outputs"]
    hand_outs = [p.relative_to(tmp_path).as_posix() for p in written if p.parent.parent.name == "by-organizer"]
    assert [name for name in listed if name.startswith("by-")] == hand_outs
    assert {(CITY / name).as_posix() for name in BOOKS[:3]} <= set(hand_outs)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("limit", [LIMIT, None], ids=["written-again", "no-longer-written"])
def test_a_filled_in_hand_out_workbook_stops_a_later_run_and_nothing_is_written(
        tmp_path: Path, limited: tuple[Analysis, Plan], limit: int | None, lang: str) -> None:
    """An earlier run's workbook, filled in since in its hand-out folder, is kept as it is in the run's folder:
    the run stops naming it as changed since needscli wrote it (not as a file needscli did not write)."""
    write_split(limited, tmp_path)
    fill_in(tmp_path / CITY / BOOKS[1])
    before = folder_state(tmp_path)
    said = {"zh": "：这个文件在 needscli 写出后被改动过（例如填写了签到或出勤学时）",
            "en": ": was changed after needscli wrote it (sign-in marks or hours attended filled in"}[lang]
    with pytest.raises(OutputError) as caught:
        write_split(run_with(limit), tmp_path, lang=lang)
    assert str(caught.value).startswith(f"{tmp_path / CITY / BOOKS[1]}{said}")
    assert folder_state(tmp_path) == before


def test_force_replaces_or_removes_a_filled_in_hand_out_workbook(tmp_path: Path,
                                                                 limited: tuple[Analysis, Plan]) -> None:
    write_split(limited, tmp_path)
    city = tmp_path / CITY
    fill_in(city / BOOKS[1])
    write_split(limited, tmp_path, force=True)
    assert is_as_written(city / BOOKS[1])
    fill_in(city / BOOKS[1])
    write_split(run_with(None), tmp_path, force=True)
    assert books_in(city) == []


@pytest.mark.parametrize("force", [False, True], ids=["", "force"])
def test_a_hand_out_workbook_over_the_office_s_own_stops_the_run(tmp_path: Path, limited: tuple[Analysis, Plan],
                                                                 force: bool) -> None:
    """No run listed or stamped the office's workbook of the name this run writes in a hand-out folder (the earlier
    run wrote no workbook of sign-in sheets there): never replaced, with force too, and nothing is written."""
    write_split(run_with(None), tmp_path)
    office_book(tmp_path / CITY / BOOKS[1])
    before = folder_state(tmp_path)
    with pytest.raises(OutputError, match=f"{BOOKS[1]}{NOT_NEEDSCLI}"):
        write_split(limited, tmp_path, force=force)
    assert folder_state(tmp_path) == before
