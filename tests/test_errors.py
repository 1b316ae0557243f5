"""One mapping from pydantic's faults to Problems: one problem per fault, its place in the file, and
values that can be left out of the messages."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from needscli.config import Config
from needscli.errors import PROBLEMS_KEPT, NeedsError, validation_problems
from needscli.io.config_file import load_config


def test_a_validation_error_with_three_faults_gives_three_problems() -> None:
    with pytest.raises(ValidationError) as caught:
        Config.model_validate({"classes": {"min_size": 0}, "hours": {"cycle_years": "five"},
                               "needs": {"weigths": {}}})
    problems = validation_problems(caught.value, "needscli.toml")
    assert [(p.code, p.column) for p in problems] == [
        ("bad-value", "hours.cycle_years"), ("unknown-key", "needs.weigths"), ("bad-value", "classes.min_size")]
    assert {p.file for p in problems} == {"needscli.toml"}
    assert problems[0].message == ("hours.cycle_years: Input should be a valid integer, unable to parse string as "
                                   "an integer (got 'five')")
    assert problems[2].expected == "greater than or equal to 1"


def test_a_missing_key_and_keys_below_a_place_in_the_file() -> None:
    with pytest.raises(ValidationError) as caught:
        Config.model_validate({"levels": [{"name": "x", "rank": 3}]})
    (problem,) = validation_problems(caught.value, at=("thresholds",))
    assert (problem.code, problem.column, problem.message) == (
        "missing-key", "thresholds.levels.0.tier", "thresholds.levels.0.tier: required key is missing")


def test_values_can_be_left_out_of_the_messages() -> None:
    with pytest.raises(ValidationError) as caught:
        Config.model_validate({"hours": {"cycle_years": "张三"}})
    (shown,) = validation_problems(caught.value)
    (hidden,) = validation_problems(caught.value, show_input=False)
    assert "张三" in shown.message
    assert "张三" not in hidden.message


def test_a_union_is_one_fault_at_the_key_not_one_per_member_of_the_type() -> None:
    from needscli.io.project import Project

    with pytest.raises(ValidationError) as caught:
        Project.model_validate({"inputs": {"roster": 5}})
    (problem,) = validation_problems(caught.value, "needscli.toml")
    assert (problem.column, problem.message, problem.expected) == (
        "inputs.roster", "inputs.roster: Input should be a valid list or a valid string (got 5)",
        "a valid list or a valid string")


def test_a_list_of_the_union_is_checked_item_by_item() -> None:
    from needscli.io.project import Project

    with pytest.raises(ValidationError) as caught:
        Project.model_validate({"inputs": {"roster": ["a.xlsx", 5]}})
    (problem,) = validation_problems(caught.value, "needscli.toml")
    assert problem.message == "inputs.roster.1: Input should be a valid string (got 5)"


@pytest.mark.parametrize(("data", "zh"), [
    ({"inputs": {"roster": 5}}, "inputs.roster：应为列表或文本（当前为 5）"),
    ({"options": {"split_by": "x"}}, "options.split_by：应为以下之一：'unit'、'organizer'、'host'（当前为 'x'）"),
    ({"options": {"lang": "fr"}}, "options.lang：应为以下之一：'auto'、'zh'、'en'（当前为 'fr'）"),
])
def test_the_faults_of_a_project_file_read_in_chinese(data: dict[str, object], zh: str) -> None:
    from needscli.io.project import Project
    from needscli.wording import ASCII_SENTENCE, problem_in

    with pytest.raises(ValidationError) as caught:
        Project.model_validate(data)
    (problem,) = [problem_in(p, "zh") for p in validation_problems(caught.value, "needscli.toml")]
    assert problem.message == zh
    assert not ASCII_SENTENCE.search(problem.expected)


def test_a_config_of_more_unknown_keys_than_are_kept_lists_the_first_and_counts_the_rest(
        tmp_path: Path) -> None:
    """A config of 1,500 unknown keys: each was a Problem, and a file of 500,000 took 20 s and 800 MB to say 20 of
    them. The first PROBLEMS_KEPT are kept, the rest counted, found before the values are checked at all (a
    value at fault beside them goes unsaid until the keys are put right); the message names the first 20 as
    ever."""
    path = tmp_path / "many.toml"
    path.write_text("".join(f"key{n:04d} = 1\n" for n in range(PROBLEMS_KEPT + 500))
                    + "[classes]\nmin_size = 0\nsizes = 1\n", encoding="utf-8")
    with pytest.raises(NeedsError) as caught:
        load_config(path)
    problems = caught.value.problems
    assert (len(problems), caught.value.not_listed) == (PROBLEMS_KEPT, 501)
    assert {p.code for p in problems} == {"unknown-key"} and problems[0].column == "key0000"
    assert problems[0].message == "key0000: unknown key; check its spelling and its [section]"
    lines = str(caught.value).split("\n")
    assert lines[0] == "many.toml: key0000: unknown key; check its spelling and its [section]"
    assert lines[20:] == [f"... and {PROBLEMS_KEPT + 501 - 20} more"]


def test_a_config_of_more_faults_than_are_kept_lists_the_first_and_counts_the_rest(tmp_path: Path) -> None:
    """Values at fault past PROBLEMS_KEPT (a list of 1,200 holidays none of them a date) are counted, not each made
    a Problem; the few unknown keys beside them are said with them, as ever."""
    path = tmp_path / "many.toml"
    path.write_text("[classes]\nholidays = [" + ", ".join(["true"] * (PROBLEMS_KEPT + 200)) + "]\nsizes = 1\n",
                    encoding="utf-8")
    with pytest.raises(NeedsError) as caught:
        load_config(path)
    problems = caught.value.problems
    assert (len(problems), caught.value.not_listed) == (PROBLEMS_KEPT, 201)
    assert problems[0].column == "classes.holidays.0"
    assert str(caught.value).split("\n")[20:] == [f"... and {PROBLEMS_KEPT + 201 - 20} more"]


def test_a_few_faults_are_all_kept_and_said_as_ever(tmp_path: Path) -> None:
    path = tmp_path / "few.toml"
    path.write_text("[classes]\nmin_size = 0\nsizes = 1\n", encoding="utf-8")
    with pytest.raises(NeedsError) as caught:
        load_config(path)
    assert [(p.code, p.column) for p in caught.value.problems] == [("bad-value", "classes.min_size"),
                                                                  ("unknown-key", "classes.sizes")]
    assert caught.value.not_listed == 0
    assert str(caught.value) == ("few.toml: classes.min_size: Input should be greater than or equal to 1 (got 0)\n"
                                 "few.toml: classes.sizes: unknown key; check its spelling and its [section]")
