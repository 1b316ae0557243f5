"""The cyclic garbage collector paused over stages that build many long-lived objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused(freeze: bool = False) -> Iterator[None]:
    """The cyclic garbage collector off for a while, as it was before afterwards.

    Reading a roster, finding needs and forming classes keep nearly everything they make, yet each
    object made would count towards full collections that walk the whole roster again: a third
    of a stage's time on a large roster. Reference counting still frees what is dropped; any
    cycle left is collected once the collector is back on.
    freeze: what exists at the end is kept out of later collections (gc.freeze): the roster's
    models live to the end of the run, and walking them again and again is the cost avoided.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
        if freeze:
            gc.freeze()
    finally:
        if enabled:
            gc.enable()
