"""Forming classes with the collector paused and the plan frozen: the board is freed, the collector left as it was."""

from __future__ import annotations

import gc

import pytest
from conftest import plan_cadre, plan_config, plan_need, plan_of

from needscli.models import Cadre, Need
from needscli.planner import swap_gain
from needscli.planner.requests import DraftClass, Request


def crowded() -> tuple[list[Need], list[Cadre]]:
    """Cadres asking for more classes than they may attend, in classes that fill up: seats given and refused."""
    cadres = [plan_cadre(i, unit=f"单位{i % 3}") for i in range(30)]
    needs = [plan_need(c, topic, priority=50.0 + (i * 7 + j) % 13) for i, c in enumerate(cadres)
             for j, topic in enumerate(["a", "b", "c"])]
    return needs, cadres


@pytest.mark.parametrize("enabled", [True, False])
def test_forming_classes_leaves_no_board_behind(enabled: bool) -> None:
    was = gc.isenabled()
    try:
        gc.unfreeze()  # frozen objects are out of gc.get_objects(): let it see everything
        gc.collect()  # and nothing left over by other tests
        gc.enable() if enabled else gc.disable()
        needs, cadres = crowded()
        plan = plan_of(needs, cadres)
        assert gc.isenabled() is enabled
        assert swap_gain(plan, needs, plan_config()) == (0.0, 0)  # its board too
        gc.unfreeze()
        assert [o for o in gc.get_objects() if isinstance(o, Request | DraftClass)] == []
        assert plan.classes and plan.unmet  # seats were given and refused: the board had requests of both kinds
    finally:
        gc.enable() if was else gc.disable()
