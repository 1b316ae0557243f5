"""One mapping from pydantic's faults to Problems: one problem per fault, its place in the file, and
values that can be left out of the messages."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from needscli.config import Config
from needscli.errors import validation_problems


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
