"""An HR roster in English with month-first dates and its own job levels, read through a needscli.toml
alone (column mapping, date order, levels added to the ladder): validate, analyze and explain agree."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from builders import run_cli

HEADER = ["EmpID", "Employee_Name", "Division", "Position", "JobLevel", "DateofHire", "DOB", "Appointed"]
ROWS = [
    ["E001", "Alice Wang", "Finance Bureau", "Director", "Grade 12", "7/5/2011", "03/14/1975", "9/1/2026"],
    ["E002", "Bob Li", "Finance Bureau", "Clerk", "Grade 3", "11/20/2025", "07/10/98", "11/20/2025"],
    ["E003", "Carol Zhou", "Audit Office", "Auditor", "Grade 5", "1/15/2009", "12/1/1980", "2/1/2020"],
    ["E004", "Dan Xu", "Audit Office", "Clerk", "Grade 3", "3/2/2016", "5/30/1990", "3/2/2016"],
]
PROJECT = """
[columns.roster]
Division = "unit"
Appointed = "appointed"

[input]
date_order = "mdy"

[[levels]]
name = "Grade 12"
tier = "县处级"
leading = true
rank = 80

[[levels]]
name = "Grade 5"
tier = "乡科级"
rank = 52

[[levels]]
name = "Grade 3"
tier = "科员级"
rank = 39
"""


@pytest.fixture()
def hr(tmp_path: Path) -> Path:
    roster = tmp_path / "hr_export.csv"
    with roster.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([HEADER, *ROWS])
    (tmp_path / "needscli.toml").write_text(PROJECT, encoding="utf-8")
    return roster


def test_validate_reads_the_hr_roster_through_the_project_file_beside_it(hr: Path) -> None:
    result = run_cli("validate", hr, "--format", "json", "--as-of", "2026-11-01")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["problems"] == [] and report["counts"]["roster"] == 4


def test_without_the_project_file_the_same_roster_is_refused_cell_by_cell(hr: Path) -> None:
    (hr.parent / "needscli.toml").unlink()
    result = run_cli("validate", hr, "--format", "json", "--as-of", "2026-11-01")
    # no unit column: Division is no alias of the unit
    assert result.exit_code == 2
    assert "单位" in result.stderr


def test_analyze_and_explain_agree_with_validate(hr: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("analyze", hr, "-o", out, "--format", "json", "--as-of", "2026-11-01")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["counts"]["cadres"] == 4 and summary["counts"]["problems"] == 0
    with (out / "needs.csv").open(encoding="utf-8-sig") as f:
        needs = [row for row in csv.DictReader(f)]
    alice = sorted(row["topic"] for row in needs if row["cadre_id"] == "E001")
    # the director appointed 2026-09-01 (month first) at a county-level leading grade owes appointment training
    assert "Appointment training, county/division level and up" in alice
    explained = run_cli("explain", hr, "E001", "--as-of", "2026-11-01", "--lang", "en")
    assert explained.exit_code == 0, explained.output
    assert "Alice Wang" in explained.stdout and "Grade 12" in explained.stdout
    assert "appointment" in explained.stdout.lower()
    # by name too
    by_name = run_cli("explain", hr, "Bob Li", "--as-of", "2026-11-01", "--lang", "en")
    assert by_name.exit_code == 0 and by_name.stdout.splitlines()[0].split()[:3] == ["E002", "Bob", "Li"]


def test_explain_names_the_closest_cadres_for_an_id_or_name_no_cadre_has(hr: Path) -> None:
    result = run_cli("explain", hr, "Alice Wong", "--as-of", "2026-11-01")
    assert result.exit_code == 2
    assert 'no cadre with id or name "Alice Wong"' in result.stderr  # the roster's language: English
    assert "did you mean: E001 Alice Wang" in result.stderr


def test_a_config_given_with_columns_keeps_its_mapping(hr: Path, tmp_path: Path) -> None:
    moved = tmp_path / "settings.toml"
    (hr.parent / "needscli.toml").rename(moved)
    result = run_cli("validate", hr, "--config", moved, "--format", "json", "--as-of", "2026-11-01")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["problems"] == []
