"""Closing a case on one page: what still runs is ended in the same step (issue 13).

``cases.services.case_close`` refuses while a placement, a decision or a plan action runs past
the closing day (``running``). A case worker would rather not visit three pages first, so the
closing page lists what runs and asks, for each, how it ends: a placement its end day and
reason (and the housing the person moves to, if known), a decision its last day, a plan
action whether it was done or is cancelled. ``case_close_ending`` writes each through its own
service — each with its own event on the timeline — and then closes, in one transaction: a
refusal of any part changes nothing at all.

An ending's error is raised under the key ``ending_key(item, field)``, which the closing
form names its fields by, so it is shown on the right question.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from brytupp.concurrency import locked
from brytupp.interventions.models import Decision, Placement
from brytupp.interventions.services import decision_end, placement_end
from brytupp.organisation.models import User
from brytupp.plans.models import OPEN_ACTION_STATUSES, PlanAction
from brytupp.plans.services import plan_action_status_set

from .checks import require_open
from .models import Case
from .services import case_close


@dataclass(frozen=True)
class PlacementEnding:
    placement: Placement
    end: datetime.date
    end_reason: str
    next_housing_type: str = ""
    next_housing_contract_months: int | None = None


@dataclass(frozen=True)
class DecisionEnding:
    decision: Decision
    end: datetime.date


@dataclass(frozen=True)
class ActionEnding:
    action: PlanAction
    status: str


def ending_key(item: Placement | Decision | PlanAction, field: str) -> str:
    """The name of the closing form's question ``field`` about one running item."""
    return f"{item._meta.model_name}-{item.public_id.hex}-{field}"


def _keyed(item, error: ValidationError, default_field: str) -> ValidationError:
    if hasattr(error, "error_dict"):
        return ValidationError(
            {ending_key(item, field): messages for field, messages in error.error_dict.items()}
        )
    return ValidationError({ending_key(item, default_field): error.error_list})


def _after_closing(item, field: str, day: datetime.date, closed: datetime.date) -> None:
    if day > closed:
        raise ValidationError(
            {ending_key(item, field): _("It must end on or before the day the case closes.")}
        )


@transaction.atomic
def case_close_ending(
    *,
    actor: User,
    case: Case,
    closed: datetime.date,
    reason: str,
    placements: Sequence[PlacementEnding] = (),
    decisions: Sequence[DecisionEnding] = (),
    actions: Sequence[ActionEnding] = (),
) -> Case:
    """End what runs in the case as asked, then close it; all or nothing. Whatever still
    runs after the endings (something started since the page was opened) makes ``case_close``
    refuse with the list."""
    # Closed once (decision 0029): a second closing waits here and finds the case closed.
    locked(case)
    require_open(case)
    for ending in placements:
        _after_closing(ending.placement, "end", ending.end, closed)
        try:
            placement_end(
                actor=actor,
                placement=ending.placement,
                end=ending.end,
                end_reason=ending.end_reason,
                next_housing_type=ending.next_housing_type,
                next_housing_contract_months=ending.next_housing_contract_months,
            )
        except ValidationError as error:
            raise _keyed(ending.placement, error, "end") from error
    for ending in decisions:
        _after_closing(ending.decision, "end", ending.end, closed)
        try:
            decision_end(actor=actor, decision=ending.decision, end=ending.end)
        except ValidationError as error:
            raise _keyed(ending.decision, error, "end") from error
    for ending in actions:
        if ending.status in OPEN_ACTION_STATUSES:
            raise ValidationError(
                {ending_key(ending.action, "status"): _("Choose done or cancelled.")}
            )
        try:
            plan_action_status_set(actor=actor, action=ending.action, status=ending.status)
        except ValidationError as error:
            raise _keyed(ending.action, error, "status") from error
    return case_close(actor=actor, case=case, closed=closed, reason=reason)
