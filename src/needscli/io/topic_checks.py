"""The topics the posts, priorities and resources name, resolved by the catalog; a text taken as a
topic by a close match (not by its id, name or alias) is reported, so that a wrong guess is seen."""

from __future__ import annotations

from collections.abc import Iterable

from needscli.core.catalog import CLOSE, Catalog, Match
from needscli.errors import Problem
from needscli.io.headers import ALIASES, ENGLISH
from needscli.models import Inputs, Record

# source -> (the table's key in headers, the topic column's field)
_COLUMNS = {"post": ("posts", "topic"), "priority": ("priorities", "topic"), "resource": ("resources", "topics")}


def register_input_topics(catalog: Catalog, inputs: Inputs) -> list[Problem]:
    """Topics named by priorities and posts join the catalog before anything is resolved against it:
    each as the catalog resolves it, else as a new topic of the analysis. Returns a warning for each
    text taken by a close match."""
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
