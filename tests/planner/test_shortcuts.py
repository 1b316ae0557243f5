"""The planner's shortcuts choose what the plain search chooses: improve's best_move is the best of every
move moves() finds, and a request is passed over only when nothing it depends on changed."""

from __future__ import annotations

import pytest
from builders import SAMPLES, same_mix_roster

import needscli
from needscli.planner import improve


@pytest.mark.parametrize("which", ["samples", "own"])
def test_best_move_is_the_best_of_every_move(which: str, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    roster = SAMPLES if which == "samples" else same_mix_roster(tmp_path, 600, seed=7)
    analysis = needscli.analyze(roster, as_of="2026-11-01")
    shortcut = improve.best_move
    looked, moved = [], []

    def both(board, req, index, shapes):  # type: ignore[no-untyped-def]
        got = shortcut(board, req, index, shapes)
        plain = max(improve.moves(board, req, best_only=True, index=index), key=lambda m: m.gain, default=None)
        assert got == plain
        looked.append(req)
        if got is not None:
            moved.append(got)
        return got

    monkeypatch.setattr(improve, "best_move", both)
    with_shortcuts = needscli.plan(analysis)
    assert looked and moved  # the comparison saw requests with a move and without

    # passing over unchanged requests changes nothing: every waiting request looked at in every pass
    monkeypatch.setattr(improve.Board, "unchanged_since", lambda self, req, seen: False)
    every_time = needscli.plan(analysis)
    assert [(c.id, c.members, c.period) for c in every_time.classes] == \
        [(c.id, c.members, c.period) for c in with_shortcuts.classes]
    assert every_time.assignments == with_shortcuts.assignments
    assert every_time.unmet == with_shortcuts.unmet
    assert len(looked) > 0
