"""The planner: needs -> training classes (班次), sized, placed in periods and given a resource. Pure."""

from needscli.plan.context import organizer_of
from needscli.plan.forming import form_classes
from needscli.plan.model import Plan, PlanContext
from needscli.plan.swaps import swap_gain

__all__ = ["Plan", "PlanContext", "form_classes", "organizer_of", "swap_gain"]
