"""The planner: needs -> training classes (班次), sized, placed in periods and given a resource. Pure."""

from needscli.planner.context import organizer_of, organizers
from needscli.planner.forming import PLAN_STEPS, form_classes
from needscli.planner.model import Plan, PlanContext
from needscli.planner.swaps import swap_gain

__all__ = ["PLAN_STEPS", "Plan", "PlanContext", "form_classes", "organizer_of", "organizers", "swap_gain"]
