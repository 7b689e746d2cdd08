"""What still runs in a case: the guard on closing it.

A case closes only when nothing in it runs on past the day it closes: no placement in
protected housing without an end, no decision without an end or ending later, no plan action
still planned or in progress. ``cases.services.case_close`` refuses, with the list, while any
runs; ``cases.closing.case_close_ending`` ends them in the same step, with the dates and
statuses the user gave, so that a case worker closes a case on one page. A placement can
still be ended after its case closed (``interventions.services.placement_end``): data from
before this guard, or an import, may hold one.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from brytupp.interventions.models import Decision, Placement
from brytupp.plans.models import OPEN_ACTION_STATUSES, PlanAction

from .models import Case


@dataclass(frozen=True)
class Running:
    """The placements, decisions and plan actions of a case that run past a day."""

    placements: list[Placement]
    decisions: list[Decision]
    actions: list[PlanAction]

    def __bool__(self) -> bool:
        return bool(self.placements or self.decisions or self.actions)

    def labels(self) -> list[str]:
        """Each item in words, for the refusal's list: never the housing, which is a place."""
        return [
            *(placement_running_label(placement) for placement in self.placements),
            *(decision_running_label(decision) for decision in self.decisions),
            *(action_running_label(action) for action in self.actions),
        ]


def case_running(case: Case, *, on: datetime.date) -> Running:
    """What in the case still runs after ``on``: a placement or decision without an end or
    ending later, a plan action planned or in progress."""
    after = Q(end__isnull=True) | Q(end__gt=on)
    return Running(
        placements=list(
            Placement.objects.filter(after, case=case).order_by("start", "pk"),
        ),
        decisions=list(Decision.objects.filter(after, case=case).order_by("start", "pk")),
        actions=list(
            PlanAction.objects.filter(case=case, status__in=OPEN_ACTION_STATUSES)
            .select_related("responsible_unit")
            .order_by("due", "pk")
        ),
    )


def placement_running_label(placement: Placement) -> str:
    return _("The placement in protected housing from %(start)s") % {
        "start": placement.start.isoformat()
    }


def decision_running_label(decision: Decision) -> str:
    if decision.end is None:
        period = _("from %(start)s until further notice") % {"start": decision.start.isoformat()}
    else:
        period = _("%(start)s – %(end)s") % {
            "start": decision.start.isoformat(),
            "end": decision.end.isoformat(),
        }
    return _("The decision %(intervention)s, %(period)s") % {
        "intervention": decision.get_intervention_display(),
        "period": period,
    }


def action_running_label(action: PlanAction) -> str:
    return _("The plan action “%(action)s” (%(status)s, due %(due)s)") % {
        "action": Truncator(action.description).chars(60),
        "status": action.get_status_display().lower(),
        "due": action.due.isoformat(),
    }
