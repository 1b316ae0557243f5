"""Records made a column at a time: a run's obligations, the hours standings and obligations taken back from
the second process finding needs, the plan's seats, unmet needs and hours rows."""

from __future__ import annotations

import collections
import itertools
from dataclasses import fields
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

T = TypeVar("T", bound="DataclassInstance")


def made_from_columns(kind: type[T], columns: list[list[Any]]) -> list[T]:
    """kind(*row) for each row of the columns (one per field, in the fields' order, of one length), for a
    dataclass with slots, frozen or not, with no __post_init__.

    Its __init__ sets each field with a call (object.__setattr__ where frozen): a third of the time of the seats
    and unmet needs. Here each slot is filled a column at a time by its descriptor.
    """
    if not hasattr(kind, "__slots__") or hasattr(kind, "__post_init__"):
        raise TypeError(f"{kind.__name__}: made a column at a time only as a dataclass with slots and no __post_init__")
    if len({len(column) for column in columns}) > 1:
        raise ValueError(f"{kind.__name__}: columns of different lengths")
    made = list(map(object.__new__, itertools.repeat(kind, len(columns[0]) if columns else 0)))
    for spec, values in zip(fields(kind), columns, strict=True):
        collections.deque(map(getattr(kind, spec.name).__set__, made, values), maxlen=0)
    return made
