"""The topics the posts, priorities and resources name, resolved by the catalog; a text taken as a
topic by a close match (not by its id, name or alias) is reported, so that a wrong guess is seen."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from needscli.core.catalog import CLOSE, Catalog, Match
from needscli.errors import Problem
from needscli.io.cells import parse_list
from needscli.io.headers import ALIASES, ENGLISH
from needscli.models import Inputs, PostRequirement, Priority, Record

# source -> (the table's key in headers, the topic column's field)
_COLUMNS = {"post": ("posts", "topic"), "priority": ("priorities", "topic"), "resource": ("resources", "topics")}


def register_input_topics(catalog: Catalog, inputs: Inputs) -> list[Problem]:
    """Topics named by priorities and posts join the catalog before anything is resolved against it:
    each as the catalog resolves it, else as a new topic of the analysis (a cell listing several first split,
    split_listed_topics). Returns a warning for each text taken by a close match."""
    split_listed_topics(catalog, inputs)
    priorities = [(p, p.topic, catalog.ensure_match(p.topic, p.training_type, "组织需求", source="priority"))
                  for p in inputs.priorities]
    posts = [(r, r.topic, catalog.ensure_match(r.topic, domain="岗位需求", source="post")) for r in inputs.posts]
    return (close_match_problems("priority", priorities, inputs.lang)
            + close_match_problems("post", posts, inputs.lang))


def close_match_problems(source: str, found: Iterable[tuple[Record, str, Match | None]], lang: str) -> list[Problem]:
    """A warning for each distinct text of a source ("post", "priority", "resource") taken by a close
    match, at its first row; found: (record, text as written, its match)."""
    table, name = _COLUMNS[source]
    header = ENGLISH[table][name] if lang == "en" else ALIASES[table][name][0]
    first: dict[str, tuple[Record, Match]] = {}
    rows: dict[str, int] = {}
    for record, text, match in found:
        if match is None or match.how != CLOSE:
            continue
        first.setdefault(text, (record, match))
        rows[text] = rows.get(text, 0) + 1
    problems = []
    for text, (record, match) in first.items():
        topic = match.topic
        more = rows[text] - 1
        also = f" (and on {more} more row{'s' if more > 1 else ''})" if more else ""
        at = f'row {record.row}, column "{header}": ' if record.row else f'column "{header}": '
        problems.append(Problem(
            code="topic-close-match", file=record.file, sheet=record.sheet, row=record.row or None, column=header,
            severity="warning", expected="a topic id, name or alias of the catalog",
            message=f'{at}"{text}" is no topic of the catalog by name or alias; '
                    f'taken as its close match "{topic.name(lang)}" ({topic.id}){also}; write the topic\'s name '
                    "or an alias, or define the topic in a topics sheet, to choose otherwise"))
    return problems


def split_listed_topics(catalog: Catalog, inputs: Inputs) -> None:
    """A post's or a priority's 培训主题 cell listing several topics (预算与绩效管理、公文写作；数字政府) asks for each:
    a requirement each at the row's level and importance, a priority each at its priority, targets and deadline.
    A cell that is a topic of the catalog as written (its name or an alias: an office's 统计法律法规、统计业务) stays
    whole, and pieces the catalog reads as one topic ask for it once. A priority's further topics take its id and
    their place (P02-2), past any id the sheet gives (a repeated id was left out before: priority_checks)."""
    inputs.posts = [piece for post in inputs.posts for piece in _pieces(catalog, post)]
    taken = {p.id for p in inputs.priorities}
    split: list[Priority] = []
    for priority in inputs.priorities:
        for n, piece in enumerate(_pieces(catalog, priority)):
            if n:
                k = n + 1
                while f"{priority.id}-{k}" in taken:
                    k += 1
                piece.id = f"{priority.id}-{k}"
                taken.add(piece.id)
            split.append(piece)
    inputs.priorities = split


Listing = TypeVar("Listing", PostRequirement, Priority)


def _pieces(catalog: Catalog, record: Listing) -> list[Listing]:
    """The record, or a copy of it for each topic its cell lists that the catalog reads as another topic."""
    text = record.topic
    if catalog.exact(text) is not None:
        return [record]
    items = parse_list(text)[0]
    if len(items) < 2:
        return [record]
    seen: set[str] = set()
    pieces = []
    for item in items:
        found = catalog.resolve(item)
        key = found.id if found is not None else item
        if key not in seen:
            seen.add(key)
            pieces.append(record.model_copy(update={"topic": item}))
    return pieces
