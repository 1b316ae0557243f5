"""The hours top-up class (classes.hours_top_up_class): a seat in it only for the hours a cadre's other classes leave.

An hours need asks for the generic top-up class, but the classes its cadre is planned in count toward the same
standard (planner.hours): an appointment class of 40 hours closes a deficit of 30. Where they close it, a seat in the
top-up class would take the cadre's call-up (a leader's last, classes.leader_max_callups), days away and a seat that
other needs want, for hours the cadre no longer lacks: the hours need is then served by those classes, as every hours
need is without the top-up class (a need that asks for no class, listed with the hours its classes give)."""

from __future__ import annotations

from collections.abc import Mapping

from needscli.config import Config
from needscli.core.hours import HoursStanding
from needscli.core.obligations import HOURS_TOPIC
from needscli.planner.board import Board
from needscli.planner.grouping import group_requests
from needscli.planner.hours import HoursCounted, counted_until, left_after
from needscli.planner.requests import CAP, Book, DraftClass, Entry, Request


class TopUps:
    """The cadres' hours entries while classes are formed: given up where the cadre's other classes cover the deficit
    (settle), and the hours needs so served (covered), for the hours-after-the-plan list."""

    def __init__(self, board: Board, book: Book, config: Config, standings: Mapping[str, HoursStanding]) -> None:
        self.board, self.book, self.standings = board, book, standings
        self.counted = HoursCounted(board)
        cols = board.cols
        needs = [i for i, topic in enumerate(cols.topic) if topic == HOURS_TOPIC]
        cadres = list(map(cols.cadre.__getitem__, needs))
        untils = counted_until(board, config, cadres, list(map(cols.deadline.__getitem__, needs)),
                               [cols.status[i] == "overdue" for i in needs], standings)
        self.until = dict(zip(needs, untils, strict=True))  # need position -> the last day a class may end to count
        # the cadres whose hours entry is still to be settled: on the roster with an organizer, as only they are seated
        self.waiting = [cadre for cadre in dict.fromkeys(cadres) if board.ctx.eligible(cadre) and cadre in book]
        self.given: dict[str, Entry] = {}  # cadre -> its hours entry, given up: its other classes cover the deficit
        self.restored: set[str] = set()  # cadres whose entry was given up, then asked for again (once at most)

    @property
    def covered(self) -> list[int]:
        """The positions of the hours needs the cadres' other classes serve, no class of their own, in order."""
        return sorted(i for entry in self.given.values() for i in entry.positions())

    def settle(self) -> bool:
        """Give up each hours entry the cadre's other classes cover, by its deadline, as the board stands: its seat in
        the top-up class, or its request without one, or the entry never tried, the cadre's entries never tried then
        tried (the call-up it held may serve them). A top-up class left below classes.min_size is cancelled, its
        members a group too small for one (_cancel_small). An entry not covered that was never tried (it goes after
        the entries that may cover it: requests._entries) is tried now; one given up whose cover a later move took
        (a seat given way to an obligation) is asked for again, once. Whether the board changed (the caller improves
        the plan again)."""
        board, book = self.board, self.book
        changed = self._restore()
        tried = {r.cadre: r for r in board.tried if r.key.topic == HOURS_TOPIC}
        gone: set[int] = set()  # the requests given up (ids), no longer among those tried
        left: list[DraftClass] = []  # the classes a seat was given up in
        waiting = []
        for cadre in self.waiting:
            entries = book[cadre]
            at = next((n for n, e in enumerate(entries) if e.key.topic == HOURS_TOPIC), None)
            if at is None:  # seated in a class kept as announced (planner.kept)
                continue
            state = board.state(cadre)
            seat = next((r for r in state.seats if r.key.topic == HOURS_TOPIC), None)
            req = seat or (tried.get(cadre) if at < state.pointer else None)
            if seat is not None and seat.cls is not None and seat.cls.kept is not None:
                continue  # its seat as announced
            if not self._covered(cadre, entries[at], req):
                if at >= state.pointer:
                    board.try_the_rest(cadre, entries)
                    changed = True
                waiting.append(cadre)
                continue
            if req is not None:
                if req.cls is not None:
                    left.append(req.cls)
                    board.release(req, CAP)
                gone.add(id(req))
            self.given[cadre] = entries.pop(at)
            if at < state.pointer:
                state.pointer -= 1
            if state.pointer < len(entries) and len(state.seats) < state.cap:
                board.try_the_rest(cadre, entries)
            changed = True
        self.waiting = waiting
        if gone:
            board.tried = [r for r in board.tried if id(r) not in gone]
        self._cancel_small(left)
        return changed

    def _restore(self) -> bool:
        """Ask again for each hours entry given up that its cadre's classes no longer cover (once a cadre), tried at
        once; whether any was."""
        lost = [cadre for cadre, entry in self.given.items()
                if cadre not in self.restored and not self._covered(cadre, entry, None)]
        for cadre in lost:
            entries = self.book[cadre]
            entries.append(self.given.pop(cadre))
            self.board.try_the_rest(cadre, entries)
            self.restored.add(cadre)
            self.waiting.append(cadre)
        return bool(lost)

    def _covered(self, cadre: str, entry: Entry, req: Request | None) -> bool:
        """Do the cadre's classes but req's (its seat in the top-up class, if any) close each hours deficit of the
        entry by the need's deadline (planner.hours, as the hours-after-the-plan list counts them)?"""
        cols, standing = self.board.cols, self.standings.get(cadre)
        for i in entry.positions():
            done, taken = self.counted.by_deadline(cadre, self.until[i], without=req)
            if left_after(cols.hours[i], done, taken, standing) > 0:
                return False
        return True

    def _cancel_small(self, classes: list[DraftClass]) -> None:
        """Cancel each of the classes a seat was given up in that no longer has classes.min_size members: its members
        are a group too small for a class, as they would have been had the others never asked (group_requests says
        how small), to join a class with room (improve) or go another way (sent up, online, in the unit). The call-up
        each member's seat held is free again: its entries never tried are tried now, as a request that finds no
        class in the rounds leaves its call-up to the cadre's next (a leader of one call-up, seated in the top-up class
        before its obligation came up, would else keep that obligation unmet behind a class that is not held)."""
        board = self.board
        for cls in dict.fromkeys(classes):
            if not cls.live or len(cls.members) >= board.cfg.min_size:
                continue
            members = list(cls.members)
            for member in members:
                board.release(member, CAP)
            board.dissolve(cls)
            group_requests(members, board.cfg, board.fam_order, board.ctx.limits)
            for member in members:
                board.try_the_rest(member.cadre, self.book.get(member.cadre, []))
