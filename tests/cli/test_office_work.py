"""Nothing the office made is replaced without asking: a template over a filled-in roster, a signed
class-rosters.xlsx under a re-run, an input named as an output (any spelling), stale hand-outs."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import openpyxl
import pytest
from builders import (
    FILLED_IN,
    NEEDS_AS_OF,
    NEEDS_CADRES,
    OUTPUTS,
    SAMPLES,
    SMALL_CLASSES,
    folder_state,
    make_config,
    make_csv,
    make_needs_workbook,
    roster,
    run_analyze,
    run_cli,
)

# a refusal met before the roster is read is said in the locale's language (NEEDSCLI_LANG): Chinese here
ZH: dict[str, str | None] = {"NEEDSCLI_LANG": "zh"}


def over_input(target: Path, what: str) -> str:
    return (f"错误：{target}：这是本次运行的输入文件（{what}），输出不能写在它上面，本次没有写入任何文件；"
            "请用 -o 另选输出文件夹，或把这个输入文件移到别处\n")


# ---- the template ---------------------------------------------------------------------------------


def test_template_never_replaces_an_existing_file_without_force(tmp_path: Path) -> None:
    target = tmp_path / "花名册.xlsx"
    filled = make_csv(tmp_path, roster(["001", "张三", "市财政局", "科长", "乡科级正职"]), name="x.csv")
    target.write_bytes(filled.read_bytes())  # the office's roster, filled in
    result = run_cli("template", target, env=ZH)
    assert result.exit_code == 3, result.output
    assert result.stderr == (f"错误：{target}：文件已存在，可能已经填写了内容；为免覆盖，没有写入。请换一个文件名，"
                             "或确认不再需要它后加 --force 覆盖\n")
    assert target.read_bytes() == filled.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.csv", "花名册.xlsx"]  # no temp folder left
    for lang in ([], ["--lang", "en"]):  # a Chinese template's refusal under an English locale: one language a line
        english = run_cli("template", target, *lang)
        assert english.stderr.startswith(f"Error: {target}: already exists and may hold data filled in; nothing was")
    for flag in ("--force", "--overwrite"):
        replaced = run_cli("template", target, flag)
        assert replaced.exit_code == 0, replaced.output
        assert openpyxl.load_workbook(target).sheetnames[0] == "说明"


# ---- a signed class-rosters.xlsx ------------------------------------------------------------------


@pytest.fixture
def signed(tmp_path: Path) -> tuple[Path, Path, dict[str, bytes | None]]:
    """An analyze run's outputs whose class-rosters.xlsx the office then signed (签到 of one seat)."""
    roster_path = make_needs_workbook(tmp_path)
    out = tmp_path / "out"
    first = run_analyze(roster_path, "-o", out, "--as-of", NEEDS_AS_OF, "--config", small_classes(tmp_path))
    assert first.exit_code == 0, first.output
    book = openpyxl.load_workbook(out / "class-rosters.xlsx")
    sign_in = next(cell for ws in book.worksheets for row in ws.iter_rows(max_row=10) for cell in row
                   if cell.value == "签到")
    sheet = sign_in.parent
    first_seat = next(r for r in range(sign_in.row + 1, sheet.max_row + 1) if sheet.cell(r, 1).value == 1)
    sheet.cell(first_seat, sign_in.column).value = "√"
    book.save(out / "class-rosters.xlsx")
    return roster_path, out, folder_state(out)


def small_classes(tmp_path: Path) -> Path:
    return make_config(tmp_path, SMALL_CLASSES)


def test_a_signed_class_roster_stops_analyze_and_nothing_is_written(
        signed: tuple[Path, Path, dict[str, bytes | None]]) -> None:
    roster_path, out, before = signed
    result = run_analyze(roster_path, "-o", out, "--as-of", NEEDS_AS_OF, "--config", small_classes(out.parent), env=ZH)
    assert result.exit_code == 3, result.output
    assert result.stderr == f"错误：{out / 'class-rosters.xlsx'}{FILLED_IN}"
    assert folder_state(out) == before  # the signatures and every other output as they were


def test_a_signed_class_roster_stops_classes(signed: tuple[Path, Path, dict[str, bytes | None]]) -> None:
    _, out, before = signed
    result = run_cli("classes", out, "--max-size", "3")
    assert result.exit_code == 3, result.output
    assert result.stderr == f"错误：{out / 'class-rosters.xlsx'}{FILLED_IN}"  # the run re-planned is Chinese
    assert folder_state(out) == before


def test_force_replaces_a_signed_class_roster(signed: tuple[Path, Path, dict[str, bytes | None]]) -> None:
    roster_path, out, before = signed
    result = run_analyze(roster_path, "-o", out, "--as-of", NEEDS_AS_OF, "--config", small_classes(out.parent),
                         "--force")
    assert result.exit_code == 0, result.output
    assert folder_state(out)["class-rosters.xlsx"] != before["class-rosters.xlsx"]
    again = run_cli("classes", out, "--max-size", "3")  # as written now: replaced without asking
    assert again.exit_code == 0, again.output


def test_a_class_roster_saved_again_unchanged_or_not_from_needscli_is_kept(tmp_path: Path) -> None:
    """Saved again by a spreadsheet program (no cell changed), or put there by hand: not as needscli wrote it."""
    roster_path = make_needs_workbook(tmp_path)
    out = tmp_path / "out"
    assert run_analyze(roster_path, "-o", out, "--as-of", NEEDS_AS_OF).exit_code == 0
    openpyxl.load_workbook(out / "class-rosters.xlsx").save(out / "class-rosters.xlsx")
    assert run_analyze(roster_path, "-o", out, "--as-of", NEEDS_AS_OF).exit_code == 3
    (out / "class-rosters.xlsx").write_bytes(b"the office's own file")
    result = run_analyze(roster_path, "-o", out, "--as-of", NEEDS_AS_OF, "--format", "json")
    assert result.exit_code == 3
    assert (out / "class-rosters.xlsx").read_bytes() == b"the office's own file"


def test_an_annotated_gap_report_stops_a_rerun_and_force_replaces_it(tmp_path: Path) -> None:
    """The section chief's notes in the gap report are the office's work, as a signed sign-in sheet is."""
    roster_path = make_needs_workbook(tmp_path)
    out = tmp_path / "out"
    assert run_analyze(roster_path, "-o", out, "--as-of", NEEDS_AS_OF).exit_code == 0
    book = openpyxl.load_workbook(out / "gap-report.xlsx")
    book.worksheets[0]["H1"] = "科长批注：请优先安排市财政局"
    book.save(out / "gap-report.xlsx")
    before = folder_state(out)
    result = run_analyze(roster_path, "-o", out, "--as-of", NEEDS_AS_OF, env={"NEEDSCLI_LANG": "zh"})
    assert result.exit_code == 3, result.output
    assert result.stderr.startswith(f"错误：{out / 'gap-report.xlsx'}：这个文件在 needscli 写出后被改动过（例如加了批注")
    assert folder_state(out) == before  # the notes and every other output as they were
    assert run_cli("classes", out).exit_code == 3
    assert folder_state(out) == before
    # a run that writes no workbook (--formats csv) leaves it as it is, and so is not stopped by it
    csv_only = run_analyze(roster_path, "-o", out, "--as-of", NEEDS_AS_OF, "--formats", "csv")
    assert csv_only.exit_code == 0, csv_only.output
    assert folder_state(out)["gap-report.xlsx"] == before["gap-report.xlsx"]
    forced = run_analyze(roster_path, "-o", out, "--as-of", NEEDS_AS_OF, "--force")
    assert forced.exit_code == 0, forced.output
    assert openpyxl.load_workbook(out / "gap-report.xlsx").worksheets[0]["H1"].value is None


def test_a_rerun_replaces_class_rosters_as_needscli_wrote_them(tmp_path: Path) -> None:
    roster_path = make_needs_workbook(tmp_path)
    out = tmp_path / "out"
    assert run_analyze(roster_path, "-o", out, "--as-of", NEEDS_AS_OF).exit_code == 0
    fewer = make_needs_workbook(tmp_path, cadres=NEEDS_CADRES[:3], name="fewer.xlsx")
    before = (out / "class-rosters.xlsx").stat().st_ino
    result = run_analyze(fewer, "-o", out, "--as-of", NEEDS_AS_OF)
    assert result.exit_code in (0, 1), result.output  # 1: data problems listed, the outputs written
    assert (out / "class-rosters.xlsx").stat().st_ino != before  # a new file moved into place


# ---- every input is safe from the outputs ---------------------------------------------------------


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def posts_file(folder: Path, name: str) -> Path:
    return make_csv(folder, [["岗位名称", "培训主题", "要求水平", "重要程度"], ["科员", "公文写作", 4, 3]], name=name)


def test_inputs_given_apart_are_not_overwritten(tmp_path: Path, out: Path) -> None:
    """The case of the report: --posts out/needs.csv --resources out/classes.csv -o out replaced both."""
    posts = posts_file(out, "needs.csv")
    resources = make_csv(out, [["培训机构", "机构类型", "承训主题", "每期座位"], ["市委党校", "党校", "公文写作", 40]],
                         name="classes.csv")
    before = folder_state(out)
    result = run_analyze(make_needs_workbook(tmp_path, roster_only=True), "--posts", posts, "--resources",
                         resources, "-o", out, "--as-of", NEEDS_AS_OF, env=ZH)
    assert result.exit_code == 3, result.output
    assert result.stderr == over_input(out / "classes.csv", "培训资源，--resources")  # the first of the outputs
    assert folder_state(out) == before


def spelled(tmp_path: Path, path: Path, how: str) -> Path:
    """path spelled another way: through a link to its folder, with .., or as a hard link of it."""
    if how == "folder-link":
        link = tmp_path / "link"
        link.symlink_to(path.parent, target_is_directory=True)
        return link / path.name
    if how == "dot-dot":
        return path.parent / ".." / path.parent.name / path.name
    other = tmp_path / "elsewhere.csv"
    os.link(path, other)
    return other


@pytest.mark.parametrize("how", ["folder-link", "dot-dot", "hard-link"])
def test_an_input_spelled_another_way_is_still_an_input(tmp_path: Path, out: Path, how: str) -> None:
    posts = posts_file(out, "plan.csv")
    data = posts.read_bytes()
    result = run_analyze(make_needs_workbook(tmp_path, roster_only=True), "--posts", spelled(tmp_path, posts, how),
                         "-o", out, "--as-of", NEEDS_AS_OF, env=ZH)
    assert result.exit_code == 3, result.output
    assert result.stderr == over_input(out / "plan.csv", "岗位职责，--posts")
    assert posts.read_bytes() == data


def kind_case(kind: str, tmp_path: Path, out: Path) -> tuple[list[str | Path], Path, str]:
    """(analyze's arguments, the input in the output folder, how the message names it) for one kind of input."""
    roster_path = make_needs_workbook(tmp_path)
    args: list[str | Path] = [roster_path, "-o", out, "--as-of", NEEDS_AS_OF]
    if kind == "config":
        path = out / "assignments.csv"
        path.write_text("[classes]\nmin_size = 1\n", encoding="utf-8")
        return [*args, "--config", path], path, "配置文件，--config"
    if kind == "ledger":
        path = out / "gap-report.xlsx"
        path.write_bytes(b"")
        return [*args, "--ledger", path], path, "培训记录台账，--ledger"
    if kind == "pseudonym_key":
        path = out / "needs.csv"
        path.write_text("5f0c1e2d3a4b69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0\n", encoding="utf-8")
        path.chmod(0o600)
        return [*args, "--pseudonymize", "--pseudonym-key", path], path, "假名化密钥文件，--pseudonym-key"
    if kind == "project":
        path = out / "analysis.json"
        path.write_text(f'[inputs]\nroster = ["{roster_path.as_posix()}"]\n[options]\noutput = "."\n'
                        f'as_of = "{NEEDS_AS_OF}"\n', encoding="utf-8")
        return ["--project", path], path, "项目文件"
    if kind == "roster":
        path = make_csv(out, roster(["001", "张三", "市财政局", "科长", "乡科级正职"]), name="classes.csv")
        return [path, "-o", out, "--as-of", NEEDS_AS_OF], path, "花名册"
    path = posts_file(out, "class-rosters.xlsx") if kind == "posts" else out / "class-rosters.xlsx"
    if kind != "posts":
        path.write_text("[[rules]]\n" if kind == "rules" else "x", encoding="utf-8")
    return [*args, f"--{kind}", path], path, {"posts": "岗位职责，--posts", "priorities": "组织需求，--priorities",
                                               "topics": "课程，--topics", "resources": "培训资源，--resources",
                                               "rules": "规则，--rules"}[kind]


@pytest.mark.parametrize("kind", ["roster", "posts", "priorities", "topics", "resources", "rules", "ledger",
                                  "project", "config", "pseudonym_key"])
def test_no_input_of_any_kind_is_written_over(tmp_path: Path, out: Path, kind: str) -> None:
    args, path, what = kind_case(kind, tmp_path, out)
    before = folder_state(out)
    result = run_analyze(*args, env=ZH)
    assert result.exit_code == 3, result.output
    assert result.stderr == over_input(path, what)
    assert folder_state(out) == before


def test_force_never_lets_an_output_over_an_input(tmp_path: Path, out: Path) -> None:
    posts = posts_file(out, "needs.csv")
    result = run_analyze(make_needs_workbook(tmp_path, roster_only=True), "--posts", posts, "-o", out,
                         "--as-of", NEEDS_AS_OF, "--force", env=ZH)
    assert result.exit_code == 3, result.output
    assert "岗位职责，--posts" in result.stderr


def test_the_register_is_not_written_over_the_ledger_or_the_roster(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                                   ) -> None:
    monkeypatch.chdir(tmp_path)
    records = make_csv(tmp_path, [["编号", "培训主题", "结束日期", "学时"], ["C1", "法治", "2026-03-01", 8]],
                       name="records.csv")
    assert run_cli("records", "import", records).exit_code == 0
    ledger = tmp_path / "needscli-ledger.db"
    before = ledger.read_bytes()
    result = run_cli("records", "export", tmp_path / "." / "needscli-ledger.db")
    assert result.exit_code == 3, result.output
    assert "：这是本次运行的输入文件（培训记录台账，--ledger）" in result.stderr
    assert ledger.read_bytes() == before


# ---- hand-outs of units gone from the roster ------------------------------------------------------


def test_hand_outs_of_units_gone_are_removed_when_needscli_wrote_them(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = run_analyze(make_needs_workbook(tmp_path), "-o", out, "--as-of", NEEDS_AS_OF, "--split-by", "unit")
    assert first.exit_code == 0, first.output
    assert sorted(p.name for p in (out / "by-unit").iterdir()) == ["城关镇", "市税务局", "市财政局"]
    (out / "by-unit" / "市税务局" / "my-notes.txt").write_text("the office's own notes", encoding="utf-8")
    fewer = make_needs_workbook(tmp_path, cadres=NEEDS_CADRES[:2], name="fewer.xlsx")  # 市财政局 only
    result = run_analyze(fewer, "-o", out, "--as-of", NEEDS_AS_OF, "--split-by", "unit")
    assert result.exit_code in (0, 1), result.output  # 1: the posts of the other units now match no cadre
    assert sorted(p.name for p in (out / "by-unit").iterdir()) == ["市税务局", "市财政局"]
    assert (out / "by-unit" / "市税务局" / "my-notes.txt").exists()  # not needscli's alone: kept, and named
    assert f"已删除较早运行留下、本次不再生成的分发文件夹：{out / 'by-unit' / '城关镇'}" in result.stderr
    assert f"所以没有删除：{out / 'by-unit' / '市税务局'}；" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted([*OUTPUTS, "by-unit"])


def test_split_by_host_is_one_line_a_folder_and_classes_removes_a_host_the_plan_gives_no_class(tmp_path: Path) -> None:
    """analyze --split-by host says its hand-outs in one line, as a folder of class rosters; needscli classes
    re-writes them and removes the folder of a host its plan gives no class (it would hand out the old classes)."""
    out = tmp_path / "out"
    ran = run_analyze(SAMPLES, "-o", out, "--as-of", NEEDS_AS_OF, "--split-by", "host")
    assert ran.exit_code == 1, ran.output  # the samples' data problems
    hosts = sorted(p.name for p in (out / "by-host").iterdir())
    assert "市委党校" in hosts and "待定" in hosts
    assert (f"已写出 {out / 'by-host'}：{len(hosts)} 个承办单位的分发文件夹，共 {4 * len(hosts)} 个文件"
            "（各含本单位承办班次的班次名册）") in ran.stdout.splitlines()
    # a host an earlier plan gave classes and this one gives none
    gone = out / "by-host" / "旧承办机构"
    shutil.copytree(out / "by-host" / "市委党校", gone)
    result = run_cli("classes", out, "--format", "json")
    assert result.exit_code == 1, result.output
    assert sorted(p.name for p in (out / "by-host").iterdir()) == hosts
    assert json.loads(result.stdout)["earlier_hand_outs"] == {"removed": [str(gone)], "kept": []}


def test_a_run_without_split_by_names_the_earlier_runs_hand_outs_it_left(tmp_path: Path) -> None:
    """Re-run into the folder of a run split by unit, without --split-by: its by-unit/ still holds the earlier
    analysis's gap reports. Left as they are (an office may have handed them out), and said, in the JSON too."""
    out = tmp_path / "out"
    first = run_analyze(SAMPLES, "-o", out, "--as-of", NEEDS_AS_OF, "--split-by", "unit", "--quiet")
    assert first.exit_code == 1, first.output
    units = sorted(p.name for p in (out / "by-unit").iterdir())
    again = run_analyze(SAMPLES, "-o", out, "--as-of", "2026-12-01")
    assert (f"{out / 'by-unit'} 中是以前运行写出的分发文件，本次运行没有重写，仍是以前的分析结果：不再需要的请删除，"
            "或加 --split-by unit 重新写出") in again.stderr
    assert sorted(p.name for p in (out / "by-unit").iterdir()) == units
    said = run_analyze(SAMPLES, "-o", out, "--as-of", "2026-12-01", "--format", "json")
    assert json.loads(said.stdout)["earlier_hand_outs"] == {"not_rewritten": [str(out / "by-unit")]}
    split = run_analyze(SAMPLES, "-o", out, "--as-of", "2026-12-01", "--split-by", "unit", "--format", "json")
    assert "earlier_hand_outs" not in json.loads(split.stdout)  # re-written: nothing of an earlier run left
    # split by organizer, a unit's folder of an earlier run left over besides: both said in the JSON
    shutil.copytree(out / "by-unit" / units[0], out / "by-unit" / "旧单位")
    run_analyze(SAMPLES, "-o", out, "--as-of", NEEDS_AS_OF, "--split-by", "organizer", "--quiet")
    both = run_analyze(SAMPLES, "-o", out, "--as-of", NEEDS_AS_OF, "--split-by", "unit", "--format", "json")
    assert json.loads(both.stdout)["earlier_hand_outs"] == {"removed": [str(out / "by-unit" / "旧单位")], "kept": [],
                                                            "not_rewritten": [str(out / "by-organizer")]}


# ---- another command's folder -----------------------------------------------------------------------


@pytest.fixture
def run_and_rollup(tmp_path: Path) -> tuple[Path, Path, Path]:
    """The needs roster, its run (with the hand-outs of each unit), and that run's roll-up."""
    roster_path = make_needs_workbook(tmp_path)
    out = tmp_path / "out"
    first = run_analyze(roster_path, "-o", out, "--as-of", NEEDS_AS_OF, "--split-by", "unit")
    assert first.exit_code == 0, first.output
    rolled = run_cli("rollup", out, "-o", tmp_path / "roll", "--quiet")
    assert rolled.exit_code == 0, rolled.output
    return roster_path, out, tmp_path / "roll"


ROLLUP_FOLDER = ("：这是 needscli rollup 的汇总输出文件夹（其中有 rollup.xlsx），本次的输出不写在这里，以免与汇总结果混在一起；"
                 "本次没有写入任何文件；请用 -o 另选输出文件夹\n")


def test_analyze_and_classes_never_write_into_a_rollups_folder(run_and_rollup: tuple[Path, Path, Path]) -> None:
    """analyze -o <a roll-up's folder> mixed the run's obligations.parquet ... with the roll-up's tables."""
    roster_path, out, roll = run_and_rollup
    before = folder_state(roll)
    result = run_analyze(roster_path, "-o", roll, "--as-of", NEEDS_AS_OF, env=ZH)
    assert (result.exit_code, result.stderr) == (3, f"错误：{roll}{ROLLUP_FOLDER}")
    result = run_cli("classes", out, "-o", roll)  # said in the language of the run it re-plans
    assert (result.exit_code, result.stderr) == (3, f"错误：{roll}{ROLLUP_FOLDER}")
    assert folder_state(roll) == before


@pytest.mark.parametrize("inside", ["snapshot", "snapshot/new", "by-unit/市财政局", "by-unit"])
def test_analyze_and_classes_never_write_into_a_runs_snapshot_or_hand_outs(
        run_and_rollup: tuple[Path, Path, Path], inside: str) -> None:
    roster_path, out, _ = run_and_rollup
    before = folder_state(out)
    said = (f"错误：{out / inside}：在 needscli analyze 的输出文件夹 {out} 的 snapshot 或分发文件夹之中，本次的输出"
            "不写在这里，以免替换那次运行的文件；本次没有写入任何文件；请用 -o 另选输出文件夹\n")
    result = run_analyze(roster_path, "-o", out / inside, "--as-of", NEEDS_AS_OF, env=ZH)
    assert (result.exit_code, result.stderr) == (3, said)
    result = run_cli("classes", out, "-o", out / inside)  # said in the language of the run it re-plans
    assert (result.exit_code, result.stderr) == (3, said)
    assert folder_state(out) == before
    assert run_cli("classes", out, "--quiet").exit_code == 0  # the run's own folder takes its outputs again
