"""The project's planner (needscli.plan), run on the same needs, its classes read as the model's.

The planner is given the analysis with the "hours-top-up" needs taken out, so that it seats the same
requests the model has. Its classes are mapped to requests by (cadre, training type, class topic);
a class's group is (organizer, type, topic, band) as the planner wrote it, so a cadre the planner sent
up to the next organizer's class (route "sent-up") shows as a seat outside its own group.
"""

from __future__ import annotations

import dataclasses
import time
from collections import Counter

from .checker import Class
from .instance import LEFT_OUT, Instance


def _bands() -> dict[str, str]:
    try:
        from needscli.planner.requests import LEADING_BAND, STAFF_BAND

        return {LEADING_BAND: "leading", STAFF_BAND: "staff"}
    except ImportError:
        return {"领导干部": "leading", "一般干部": "staff"}


def run(analysis, inst: Instance) -> tuple[list[Class], dict]:
    import needscli

    trimmed = dataclasses.replace(analysis, needs=[n for n in analysis.needs if n.topic_id not in LEFT_OUT])
    t0 = time.perf_counter()
    plan = needscli.plan(trimmed)
    wall = time.perf_counter() - t0
    bands = _bands()
    index = {(r.cadre, r.kind, r.topic): r.idx for r in inst.requests}
    classes: list[Class] = []
    unmapped = sent_up = 0
    for tc in plan.classes:
        members = []
        for cadre in tc.members:
            i = index.get((cadre, tc.training_type, tc.topic_id))
            if i is None:
                unmapped += 1
            else:
                members.append(i)
                sent_up += inst.requests[i].organizer != tc.organizer
        if members:
            band = getattr(tc, "band", "")
            classes.append(Class((tc.organizer, tc.training_type, tc.topic_id, bands.get(band, band)), tc.period,
                                 members))
    routes = Counter(getattr(a, "route", "class") for a in plan.assignments)
    return classes, {"wall_s": round(wall, 3), "classes": len(plan.classes), "assignments": len(plan.assignments),
                     "routes": dict(routes), "unmet": len(plan.unmet), "unmapped_seats": unmapped,
                     "sent_up_seats": sent_up}
