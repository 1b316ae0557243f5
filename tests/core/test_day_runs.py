"""Days in order as runs of consecutive days: one helper for the plan's holiday warnings and the sign-in sheets'
missing days."""

from __future__ import annotations

import datetime as dt

from needscli.core.day_runs import day_runs

D = dt.date


def test_consecutive_days_make_one_run_and_a_gap_starts_another() -> None:
    days = [D(2026, 12, 31), D(2027, 1, 1), D(2027, 1, 2), D(2027, 1, 5), D(2027, 1, 7), D(2027, 1, 8)]
    assert day_runs(days) == [[D(2026, 12, 31), D(2027, 1, 1), D(2027, 1, 2)], [D(2027, 1, 5)],
                              [D(2027, 1, 7), D(2027, 1, 8)]]
    assert day_runs([]) == []
