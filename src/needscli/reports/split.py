"""--split-by unit|organizer|host: one gap report and one class roster per unit or organizer, for hand-out; the class
rosters alone per host (承办单位)."""

from __future__ import annotations

import array
import bisect
import contextlib
import dataclasses
import datetime as dt
import functools
import heapq
import operator
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Generic, TypeVar

from needscli.core.analysis import Analysis
from needscli.core.bulk import made_from_columns
from needscli.core.catalog import Catalog
from needscli.core.obligations import Obligation
from needscli.core.ranking import rank_topics_both
from needscli.errors import Problem
from needscli.labels import label
from needscli.models import UNASSIGNED, Assignment, Cadre, TrainingClass
from needscli.planner import Plan, organizers
from needscli.planner.seats import seat_columns, seat_runs
from needscli.reports.annual_plan import host_words
from needscli.reports.class_lookup import PlanView
from needscli.reports.class_rosters import HandOut, hand_out_words, open_duties, write_class_outputs
from needscli.reports.file_names import NAME_BYTES as NAME_BYTES  # offered here as they always were
from needscli.reports.file_names import NAME_UNITS as NAME_UNITS
from needscli.reports.file_names import folder_name as folder_name
from needscli.reports.file_names import folder_names
from needscli.reports.files import (
    Staging,
    listed_in,
    scratch_holds,
    scratch_in,
    staged,
    writing_folder,
)
from needscli.reports.gap_report import left_out_sheets, write_gap_report
from needscli.reports.needs_csv import write_needs_csv
from needscli.reports.parallel import Child, Turns, can_fork, stop_all
from needscli.reports.roster_books import remove_earlier_books

T = TypeVar("T")


def subset_analysis(analysis: Analysis, keep: set[str]) -> Analysis:
    """The same analysis over the cadres in keep: every row that belongs to a cadre (a need, an obligation,
    a ledger difference, a problem in a roster row, a wish or rating in the topic mapping) only for them."""
    return AnalysisParts(analysis, {"": keep}).of("")


class AnalysisParts:
    """An analysis cut into parts (groups of its cadres, as groups() gives them): each of its lists read once for
    all the parts, each row of a cadre given to its cadre's part, in order (and to no part where its cadre is in
    none); the unmatched wishes and priorities of no cadre, and the problems of no person's row, to every part.
    of(name) is subset_analysis of that part. At 100,000 cadres in 1,672 units each part reading every list
    took 0.2 s: six minutes before the hand-outs."""

    def __init__(self, analysis: Analysis, parts: dict[str, set[str]]) -> None:
        self.analysis = analysis
        part_of, names = _part_of(parts), list(parts)
        self.cadres = _Cut.of_rows(analysis.cadres, part_of, _ID, names)
        self.needs = _Cut.of_rows(analysis.needs, part_of, _CADRE_ID, names)
        self.obligations = _Cut.of_rows(analysis.obligations, part_of, _CADRE_ID, names)
        self.compliance = _Cut.of_rows(analysis.compliance, part_of, _CADRE_ID, names)
        self.unmatched = _Cut.of_rows(analysis.unmatched, part_of, _CADRE_ID, names, shared=True)
        self.ledger_diffs = _Cut.of_rows(analysis.ledger_diffs, part_of, _CADRE_ID, names)
        self.problems = _problems_by_part(analysis, part_of, names)

    def of(self, name: str) -> Analysis:
        analysis, cadres, needs = self.analysis, self.cadres.part(name), self.needs.part(name)
        catalog = part_catalog(analysis.catalog, cadres)
        ranking, unit_ranking = rank_topics_both(needs, cadres, catalog)
        return dataclasses.replace(
            analysis, inputs=dataclasses.replace(analysis.inputs, cadres=cadres), needs=needs, catalog=catalog,
            obligations=self.obligations.part(name), compliance=self.compliance.part(name),
            unmatched=self.unmatched.part(name), ranking=ranking, unit_ranking=unit_ranking, ranks_pending=False,
            ledger_diffs=self.ledger_diffs.part(name), problems=self.problems.part(name))


_ID, _CADRE_ID = operator.attrgetter("id"), operator.attrgetter("cadre_id")


def _part_of(parts: dict[str, set[str]]) -> dict[str, list[str]]:
    """Cadre id -> the parts it is in (one, as groups() gives them)."""
    part_of: dict[str, list[str]] = {}
    for name, ids in parts.items():
        for cadre in ids:
            part_of.setdefault(cadre, []).append(name)
    return part_of


class _Cut(Generic[T]):
    """A list cut into parts: each part's own rows by their positions (8 bytes each, as a list of them would be),
    and the rows every part has, kept once (a province's units each holding a copy of the problems of its posts
    table would be 1,672 copies)."""

    def __init__(self, rows: Sequence[T], names: list[str]) -> None:
        self.rows = rows
        self.own = {name: array.array("q") for name in names}
        self.shared = array.array("q")

    @classmethod
    def of_rows(cls, rows: Sequence[T], part_of: dict[str, list[str]], cadre: Callable[[T], str], names: list[str],
                shared: bool = False) -> _Cut[T]:
        """Each row to the parts of its cadre; shared: a row of no cadre to every part."""
        cut = cls(rows, names)
        for at, whose in enumerate(map(cadre, rows)):
            if not whose and shared:
                cut.shared.append(at)
                continue
            for name in part_of.get(whose, ()):
                cut.own[name].append(at)
        return cut

    def part(self, name: str) -> list[T]:
        """The part's rows and those every part has, in the list's order."""
        own = self.own[name]
        return list(map(self.rows.__getitem__, heapq.merge(own, self.shared) if self.shared else own))


def _problems_by_part(analysis: Analysis, part_of: dict[str, list[str]], names: list[str]) -> _Cut[Problem]:
    """The problems of each part's cadres' roster rows (of every cadre at the row: two rosters of one name may
    have cadres at the same file, sheet and row) and those of no person's row (a sheet, a header, another input,
    the run); none of another cadre's row, nor of a roster row skipped (whose unit is not known)."""
    parts_at: dict[tuple[str, str, int], dict[str, None]] = {}
    for c in analysis.cadres:
        mine = parts_at.setdefault((c.file, c.sheet, c.row), {})
        mine.update(dict.fromkeys(part_of.get(c.id, ())))
    rosters = set(analysis.inputs.roster_columns) | {(file, sheet) for file, sheet, _ in parts_at}
    at = [(p.file, p.sheet, p.row) if p.row is not None and (p.file, p.sheet) in rosters else None
          for p in analysis.problems]
    skipped = {where for where, p in zip(at, analysis.problems, strict=True)
               if where is not None and p.severity == "error" and where not in parts_at}
    cut = _Cut(analysis.problems, names)
    said = _units_said(analysis.problems, parts_at)
    for position, where in enumerate(at):
        if position in said:
            for name in said[position]:
                cut.own[name].append(position)
        elif where is None or (where not in parts_at and where not in skipped):
            cut.shared.append(position)
        elif where in parts_at:
            for name in parts_at[where]:
                cut.own[name].append(position)
    return cut


def _units_said(problems: list[Problem], parts_at: dict[tuple[str, str, int], dict[str, None]]
                ) -> dict[int, dict[str, None]]:
    """The warnings that a sheet without a 单位 column gave its cadres a unit (unit-from-sheet: of the line above
    the rows or of the sheet's name, no cadre's row) -> the parts of the cadres read under each: the sheet's rows
    after its line, up to its next line. A unit's hand-out is told of its own unit only; a warning under which no
    cadre was read goes to every part."""
    lines: dict[tuple[str, str], list[tuple[int, int]]] = {}  # (file, sheet) -> (row of the line, position)
    for position, p in enumerate(problems):
        if p.code == "unit-from-sheet":
            lines.setdefault((p.file, p.sheet), []).append((p.row or 0, position))
    if not lines:
        return {}
    rows_of: dict[tuple[str, str], list[int]] = {}
    for file, sheet, row in parts_at:
        if (file, sheet) in lines:
            rows_of.setdefault((file, sheet), []).append(row)
    said: dict[int, dict[str, None]] = {}
    for key, marks in lines.items():
        marks.sort()
        rows = sorted(rows_of.get(key, ()))
        for k, (row, position) in enumerate(marks):
            end = marks[k + 1][0] if k + 1 < len(marks) else rows[-1] + 1 if rows else 0
            parts: dict[str, None] = {}
            for r in rows[bisect.bisect_right(rows, row):bisect.bisect_left(rows, end)]:
                parts.update(parts_at[(*key, r)])
            if parts:
                said[position] = parts
    return said


# the topic mapping's texts that come from a cadre's own cells; posts', priorities' and resources' are the office's
_PERSONAL_SOURCES = frozenset({"wish", "rating", "completion"})


def part_catalog(catalog: Catalog, cadres: list[Cadre]) -> Catalog:
    """The catalog with a mapping of the texts these cadres wrote (wishes, ratings, completions) and of the
    office's inputs; none another cadre wrote."""
    own = ({("wish", w) for c in cadres for w in c.wishes} | {("rating", r) for c in cadres for r in c.ratings}
           | {("completion", d.topic) for c in cadres for d in c.completed})
    part = Catalog(list(catalog.topics), catalog.cutoff, catalog.user_ids)
    part.remember(m for m in catalog.mapping if m.source not in _PERSONAL_SOURCES or (m.source, m.text) in own)
    return part


def subset_plan(plan: Plan, keep: set[str], classes: set[str] | None = None) -> Plan:
    """Classes with a kept member (of the given classes only, where given), showing kept members only; the kept
    cadres' seats in those classes, their needs served without a class (online, in their unit), their unmet needs
    and their hours after the plan. The limits the plan was made under stay as they were; the groups too small for
    a class (an organizer's, counted over all its cadres) go."""
    return PlanParts(plan, {"": keep}).of("", classes)


class PlanParts:
    """A plan cut into parts as AnalysisParts cuts an analysis: its classes' members, seats, unmet needs and hours
    left read once for all the parts; of(name, classes) is subset_plan of that part."""

    def __init__(self, plan: Plan, parts: dict[str, set[str]],
                 deadlines: dict[tuple[str, str], dt.date] | None = None) -> None:
        """deadlines: (cadre id, topic id) -> the deadline of the cadre's obligation of that topic (the needs'),
        for the members of each part's classes late for them; without, a class keeps its count of all."""
        self.plan = plan
        part_of, names = _part_of(parts), list(parts)
        self.classes: dict[str, list[tuple[TrainingClass, list[str], int]]] = {name: [] for name in names}
        for cls in plan.classes:
            members: dict[str, list[str]] = {}
            for member in cls.members:
                for name in part_of.get(member, ()):
                    members.setdefault(name, []).append(member)
            late: set[str] | None = None
            if deadlines is not None and cls.start_date is not None:
                end, topic = cls.end_date or cls.start_date, cls.topic_id
                late = {m for m in cls.members if (due := deadlines.get((m, topic))) is not None and due < end}
            for name, mine in members.items():
                self.classes[name].append((cls, mine, cls.late if late is None else len(late.intersection(mine))))
        self.seats = seat_columns(plan.assignments)
        self.seats_at = _Cut.of_rows(range(len(self.seats[0])), part_of, self.seats[0].__getitem__, names)
        self.unmet = _Cut.of_rows(plan.unmet, part_of, _CADRE_ID, names)
        self.hours_left = _Cut.of_rows(plan.hours_left, part_of, _CADRE_ID, names)

    def of(self, name: str, classes: set[str] | None = None) -> Plan:
        """subset_plan of the part (a unit's, or any group of cadres'): classes, where given, are the only classes it
        may keep; it keeps no group too small for a class (an organizer's, counted over all its cadres: run_by)."""
        chosen = [cls.model_copy(update={"members": members, "late": late}) for cls, members, late in self.classes[name]
                  if classes is None or cls.id in classes]
        ids = {c.id for c in chosen}
        class_ids = self.seats[1]
        # the part's seats in the classes chosen, and those served without a class
        picked = [i for i in self.seats_at.own[name] if not class_ids[i] or class_ids[i] in ids]
        return dataclasses.replace(
            self.plan, classes=chosen, problems=[], ways=None, no_class=[],
            assignments=self._seats_at(picked), unmet=self.unmet.part(name), hours_left=self.hours_left.part(name))

    def run_by(self, organizer: str) -> Plan:
        """The plan of an organizer's hand-out (its part_name): the classes it runs, each whole (with the members
        other organizers sent up to it); the seats of those classes and every seat of its own cadres (those sent up
        to a class another organizer runs too: where they go); its cadres' unmet needs and hours after the plan and
        its groups too small for a class. Over the organizers, each class and each of its seats is in one."""
        plan = self.plan
        chosen = [cls for cls in plan.classes if part_name(cls.organizer) == organizer]
        ids = {c.id for c in chosen}
        class_ids = self.seats[1]
        # its cadres' seats of no class or in another organizer's class, beside the seats of its classes
        own = [i for i in self.seats_at.own[organizer] if class_ids[i] not in ids]
        theirs = (i for start, n in self._class_runs.get(organizer, ()) for i in range(start, start + n))
        return dataclasses.replace(
            plan, classes=chosen, problems=[], ways=None,
            no_class=[g for g in plan.no_class if part_name(g.organizer) == organizer],
            assignments=self._seats_at(list(heapq.merge(own, theirs))),
            unmet=self.unmet.part(organizer), hours_left=self.hours_left.part(organizer))

    def hosted(self, classes: Sequence[TrainingClass]) -> Plan:
        """The plan of a host's hand-out: the classes given (those it hosts), each whole, and their seats; no need
        served otherwise, none unmet, no hours after the plan nor group too small for a class (the cadres' needs
        are their organizers' business, not the host's)."""
        runs = self._runs_by_class
        picked = sorted(run for cls in classes for run in runs.get(cls.id, ()))
        return dataclasses.replace(
            self.plan, classes=list(classes), problems=[], ways=None, no_class=[], unmet=[], hours_left=[],
            assignments=self._seats_at([i for start, n in picked for i in range(start, start + n)]))

    @functools.cached_property
    def _runs_by_class(self) -> dict[str, list[tuple[int, int]]]:
        """Class id -> (start, count) of each run of its seats, along the seats."""
        runs: dict[str, list[tuple[int, int]]] = {}
        for start, class_id, _, n in seat_runs(self.plan.assignments):
            if class_id:
                runs.setdefault(class_id, []).append((start, n))
        return runs

    @functools.cached_property
    def _class_runs(self) -> dict[str, list[tuple[int, int]]]:
        """Organizer (part_name) -> (start, count) of each run of seats in a class it runs, along the seats."""
        runs: dict[str, list[tuple[int, int]]] = {}
        organizer_of = {cls.id: part_name(cls.organizer) for cls in self.plan.classes}
        for start, class_id, _, n in seat_runs(self.plan.assignments):
            if class_id:
                runs.setdefault(organizer_of[class_id], []).append((start, n))
        return runs

    def own_seats(self, name: str) -> list[Assignment]:
        """Every seat of the part's cadres, in whatever class."""
        return self._seats_at(list(self.seats_at.own[name]))

    def _seats_at(self, positions: list[int]) -> list[Assignment]:
        return made_from_columns(Assignment, [list(map(column.__getitem__, positions)) for column in self.seats])


SPLIT_BY = ("unit", "organizer", "host")  # --split-by: the hand-outs go to by-unit/, by-organizer/ or by-host/


def groups(analysis: Analysis, by: str) -> dict[str, set[str]]:
    """Group name -> cadre ids, in roster order."""
    key: Callable[..., str | None]
    if by == "unit":
        key = lambda c: c.unit  # noqa: E731
    else:
        key = organizers(analysis.config, analysis.cadres)
    out: dict[str, set[str]] = {}
    for cadre in analysis.cadres:
        out.setdefault(part_name(key(cadre)), set()).add(cadre.id)
    return out


def hand_out_parts(analysis: Analysis, plan: Plan, by: str) -> dict[str, set[str]]:
    """groups(), and by organizer every organizer that runs a class too (none of its cadres on the roster, its
    classes all of cadres sent up to it): each class is in its organizer's hand-out. By host: each host's members
    of the classes it hosts (hosted_classes)."""
    if by == "host":
        return {host: {m for cls in classes for m in cls.members}
                for host, classes in hosted_classes(plan).items()}
    parts = groups(analysis, by)
    if by == "organizer":
        for cls in plan.classes:
            parts.setdefault(part_name(cls.organizer), set())
    return parts


def hosted_classes(plan: Plan) -> dict[str, list[TrainingClass]]:
    """Host (承办单位: a class's resource, as the resources sheet names it; UNASSIGNED for the classes whose host is to
    be fixed) -> the classes it hosts, in plan order, the hosts by their first class. Keyed by the resource, not its
    words: an office's resource named 待定 (a placeholder with an estimated cost) is a host of its own."""
    hosts: dict[str, list[TrainingClass]] = {}
    for cls in plan.classes:
        hosts.setdefault(cls.resource, []).append(cls)
    return hosts


def host_name(resource: str, lang: str, hosts: Iterable[str] = ()) -> str:
    """A host's hand-out folder, in words: the resource, as the annual plan names it; 待定 where it is to be fixed, or
    承办机构待定 where a resource of the office's is named 待定 (hosts: the resources of the hand-outs)."""
    words = host_words(resource, lang)
    return label("hand_out.host_tbd", lang) if resource == UNASSIGNED and words in hosts else words


def part_name(group: str | None) -> str:
    """The hand-out of a unit or organizer: "-" for the cadres without one (and an organizer's classes and groups
    too small for a class where their cadres' level gave none)."""
    return group or "-"


@contextlib.contextmanager
def split_staged(analysis: Analysis, plan: Plan, out_dir: Path, by: str) -> Iterator[list[Path]]:
    """Write the hand-outs to staged temp files and yield their paths; move them into place when the block ends
    (then remove the workbooks of sign-in sheets an earlier run left in their folders: roster_books).

    The temp files wait in a writing folder of the run's in out_dir (each writing process its own), and a
    hand-out folder not there yet (by-unit/, by-unit/<unit>/) is made only as its files move in: until then the
    office's folder holds no empty hand-out folder, and a run killed meanwhile (SIGKILL) leaves none, only its
    writing folders, which the next run into out_dir removes. An error while writing them or within the block
    removes them and the folders made for them, so a caller that writes the main outputs within the block makes
    the two one all-or-nothing set.
    """
    root = out_dir / f"by-{by}"
    parts = hand_out_parts(analysis, plan, by)
    # a host's folder by its words (待定 for the classes whose host is to be fixed), the others by their names
    shown = {name: host_name(name, analysis.lang, parts) if by == "host" else name for name in parts}
    names = folder_names(shown.values())
    order = list(parts)
    folders = [root / names[shown[name]] for name in order]
    made = _missing(root, folders)
    # what the run's analysis.json lists in each (files.listed_in), read before this run's replaces it
    listed = {folder: listed_in(folder) for folder in folders}
    children: list[Child] = []
    try:
        with writing_folder(out_dir) as scratch, staged() as stage:
            with scratch_in(scratch):
                written = _write_parts(analysis, plan, parts, folders, by, stage, children)
            at = {folder: i for i, folder in enumerate(folders)}
            written.sort(key=lambda path: at[path.parent])  # in the parts' order, whichever process wrote each
            stage.check()  # before the block commits the main outputs: a folder in the way stops both
            yield written
            stage.commit()
        for folder in folders:
            remove_earlier_books(folder, written, listed[folder])
    except BaseException:
        stop_all(children)
        for folder in made:  # deepest first; one still holding something stays
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    finally:
        for child in children:
            child.close()


def _write_parts(analysis: Analysis, plan: Plan, parts: dict[str, set[str]], folders: list[Path], by: str,
                 stage: Staging, children: list[Child]) -> list[Path]:
    """Each part's hand-outs into its folder (staged); in two processes, the second (added to children) taking the
    next job (some parts) when done with its last (Turns); the first writer may still be writing meanwhile (three
    processes a while, on a small roster). The parts' lists go with the call: not held while the main outputs are
    written."""
    order, jobs = list(parts), min(len(parts), Turns.MOST_JOBS)
    theirs: list[list[Path]] = []  # the second process's paths, once collected
    whole = {c.id: c.size for c in plan.classes}  # a unit's hand-out says each class's size beside its own
    duties = open_duties(analysis.obligations) if by in ("organizer", "host") else {}
    if by == "host":  # whole classes: no cadre's part of any list
        analyses, plans = None, PlanParts(plan, {})
        hosts = hosted_classes(plan)
    else:
        deadlines = {(n.cadre_id, n.topic_id): n.deadline for n in analysis.needs if n.deadline is not None}
        analyses, plans = AnalysisParts(analysis, parts), PlanParts(plan, parts, deadlines)  # each list read once

    def write(turns: Iterable[int]) -> list[Path]:
        written = []
        for job in turns:
            for i in range(job, len(order), jobs):
                name = order[i]
                if analyses is None:
                    written += _write_host(analysis, plans.hosted(hosts[name]), name, folders[i], duties)
                    continue
                part = analyses.of(name)
                if by == "organizer":
                    written += _write_organizer(analysis, plan, part, plans, name, folders[i], duties)
                else:
                    mine = plans.of(name)
                    hand_out = HandOut("unit", "" if name == "-" else name, whole=whole)
                    written += _write_part(part, mine, part, mine, hand_out, folders[i])
            if children and not theirs and children[0].ended():
                # collected at once: where it failed, its error is raised here, before the parts left are written
                theirs.append(children[0].collect(stage))
        return written

    # the second process keeps its temp files in its own folder in the output folder, where that holds each part's
    # folder (files.scratch_holds); a part folder elsewhere (another device) would have them wait beside it, where
    # the cleaning of the main outputs' writing would take them for a killed run's
    out_dir = folders[0].parent.parent if folders else None
    if (out_dir is None or analysis.config.limits.write_processes < 2 or jobs < 2 or not can_fork()
            or not all(scratch_holds(folder, out_dir) for folder in folders)):
        return write(range(jobs))
    with Turns(jobs) as turns:
        child = Child.start(lambda: write(turns), out_dir)
        if child is not None:
            children.append(child)
        written = write(turns)
        if child is not None and not theirs:
            theirs.append(child.collect(stage))
        return written + [path for paths in theirs for path in paths]


def _write_organizer(analysis: Analysis, plan: Plan, part: Analysis, plans: PlanParts, name: str,
                     folder: Path, duties: dict[str, list[Obligation]]) -> list[Path]:
    """An organizer's hand-outs: the gap report and needs of its cadres, their every seat shown (sent up to another
    organizer's class too); the class rosters of the classes it runs, whole, and where its cadres sent up to other
    organizers' classes go (HandOut.elsewhere). duties: open_duties of the run, for the members sent up to it."""
    runs = plans.run_by(name)
    own = {c.id for c in part.cadres}
    ids = {c.id for c in runs.classes}
    went = {class_id for _, class_id, _, _ in seat_runs(runs.assignments) if class_id and class_id not in ids}
    elsewhere = [cls.model_copy(update={"members": [m for m in cls.members if m in own]})
                 for cls in plan.classes if cls.id in went]
    # the members other organizers sent up to its classes are looked up on its sign-in sheets, as its own cadres
    members = {m for cls in runs.classes for m in cls.members} - own
    # (with their compulsory trainings, which their seats' notes say)
    rosters = part if not members else dataclasses.replace(part, inputs=dataclasses.replace(
        part.inputs, cadres=[c for c in analysis.cadres if c.id in own or c.id in members]),
        obligations=[*part.obligations, *(ob for m in sorted(members) for ob in duties.get(m, ()))])
    gap_plan = dataclasses.replace(runs, assignments=plans.own_seats(name))  # its cadres' ways, none of another's
    hand_out = HandOut("organizer", "" if name == "-" else name, None, elsewhere)
    return _write_part(part, gap_plan, rosters, runs, hand_out, folder)


def _write_host(analysis: Analysis, hosted: Plan, name: str, folder: Path,
                duties: dict[str, list[Obligation]]) -> list[Path]:
    """A host's hand-out: the class rosters of the classes it hosts (hosted: PlanParts.hosted), each whole, their
    sign-in sheets as the run's own (the members looked up among all the cadres, with their compulsory trainings:
    duties, open_duties of the run); no gap report, no needs."""
    members = {m for cls in hosted.classes for m in cls.members}
    rosters = dataclasses.replace(
        analysis, inputs=dataclasses.replace(analysis.inputs, cadres=[c for c in analysis.cadres if c.id in members]),
        obligations=[ob for m in sorted(members) for ob in duties.get(m, ())])
    return write_class_outputs(rosters, hosted, folder, HandOut("host", name))


def _write_part(part: Analysis, part_plan: Plan, rosters: Analysis, rosters_plan: Plan, hand_out: HandOut,
                folder: Path) -> list[Path]:
    """The hand-outs of a part into folder: the gap report and needs.csv of its cadres (part, part_plan), the class
    outputs of its classes (rosters_plan; rosters: an analysis that knows each of their members)."""
    # a unit's hand-out keeps its detail whole, whatever limits.detail_rows says of the whole run's workbook; an
    # organizer's covers most of a province (市委管理: 629,154 needs at 100,000 cadres) and follows the limit as the
    # run's does, naming its own files; its title says whose it is
    words = hand_out_words(hand_out, part.lang)
    if hand_out.by == "unit":
        write_gap_report(part, folder / "gap-report.xlsx", PlanView(part_plan, part.lang), full_detail=True, part=words)
    else:
        write_gap_report(limited_to_files(part, part_plan), folder / "gap-report.xlsx", PlanView(part_plan, part.lang),
                         formats=HAND_OUT_FORMATS, part=words)
    write_needs_csv(part, folder / "needs.csv")
    classes = write_class_outputs(rosters, rosters_plan, folder, hand_out)
    return [folder / "gap-report.xlsx", folder / "needs.csv", *classes]


HAND_OUT_FORMATS = frozenset({"xlsx", "csv"})  # a hand-out's files: its workbooks and CSV (needs.csv ...), no Parquet


def limited_to_files(part: Analysis, plan: Plan) -> Analysis:
    """part, its limits.detail_rows raised where needed for its gap report to leave out only the sheets its hand-out's
    own files hold in full (the Needs sheet: needs.csv), its Summary naming them: a sheet no file of the hand-out
    holds (Obligations, Compliance, the Unit ranking, Unmet, Hours after the plan: the run's Parquet files only) is
    written whole, as in a unit's hand-out, rather than sent to files it does not hold."""
    limits = part.config.limits
    alone = [gone.rows + 1 for gone in left_out_sheets(part, plan, HAND_OUT_FORMATS) if not gone.files]
    if not alone:
        return part
    raised = limits.model_copy(update={"detail_rows": max(limits.detail_rows, *alone)})
    return dataclasses.replace(part, config=part.config.model_copy(update={"limits": raised}))


def _missing(root: Path, folders: list[Path]) -> list[Path]:
    """The folders not there yet, deepest first: those given, root, and root's missing parents."""
    missing = [f for f in folders if not f.exists()]
    for folder in (root, *root.parents):
        if folder.exists():
            break
        missing.append(folder)
    return missing
