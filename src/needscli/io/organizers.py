"""The 管理权限 of each cadre under one name per organizer: 市管, 市管干部 and 市委 管理 are all 市委管理.

Classes are formed under their organizer (the level that manages the cadres), keyed by its name: a roster
writing 市委管理 in some rows and 市管 in others would split one organizer's cadres into two sets of classes,
each too small. The names the config knows and their aliases (ClassesConfig.organizer_names) are matched by
text.fold: whitespace and full-width forms aside. A name the config does not know is kept as written (an
organizer of the office's own).
"""

from __future__ import annotations

from operator import attrgetter

from needscli.config import ClassesConfig
from needscli.models import Cadre
from needscli.text import fold

_MANAGED_BY = attrgetter("managed_by")


def one_name_per_organizer(cadres: list[Cadre], cfg: ClassesConfig) -> int:
    """Each cadre's 管理权限 under its organizer's name where the config knows it by another (in place);
    returns how many cadres it changed. The distinct values are looked at first: a roster that writes the
    names as the config does is gone over once."""
    known = cfg.organizer_names()
    renamed = {}
    for written in set(map(_MANAGED_BY, cadres)):
        name = known.get(fold(written)) if written else None
        if name is not None and name != written:
            renamed[written] = name
    if not renamed:
        return 0
    changed = 0
    for cadre in cadres:
        name = renamed.get(cadre.managed_by)
        if name is not None:
            cadre.managed_by = name
            changed += 1
    return changed
