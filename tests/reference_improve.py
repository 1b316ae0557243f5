"""improve as it was before its queue: every pass walks every request without a seat and looks again at each
one whose key, cadre, unit or seats' classes changed since its last look. The queue-based improve must make
the same moves in the same order (test_improve_queue.py)."""

from __future__ import annotations

from needscli.planner.board import Board
from needscli.planner.improve import MAX_PASSES, _apply, _pass_index, _Shape, best_move
from needscli.planner.requests import BY_RANK, Book, ClassKey


def improve_walking(board: Board, book: Book) -> None:
    waiting = [r for r in board.tried if r.cls is None]
    for _ in range(MAX_PASSES):
        waiting.sort(key=BY_RANK)
        freed = []
        index = _pass_index(board)
        shapes: dict[ClassKey, _Shape] = {}
        unchanged = board.unchanged_since
        for req in waiting:
            if req.cls is not None or unchanged(req, req.seen_move):
                continue
            best = best_move(board, req, index, shapes)
            if best is not None:
                freed += _apply(board, best, book)
            else:
                req.seen_move = board.clock
        if not freed and all(r.cls is None for r in waiting):
            return
        waiting = [r for r in waiting if r.cls is None] + freed
