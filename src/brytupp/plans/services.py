"""Writes of plans: joint plan actions and SIPs."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from brytupp.cases.checks import require_not_future, require_open
from brytupp.cases.events import EventKind, case_event_record
from brytupp.cases.models import Case
from brytupp.cases.services import acting_unit
from brytupp.concurrency import versioned_update
from brytupp.organisation.models import Unit, User

from .models import ActionStatus, PlanAction, Sip


@transaction.atomic
def plan_action_add(
    *, actor: User, case: Case, description: str, responsible_unit: Unit, due: datetime.date
) -> PlanAction:
    require_open(case)
    if not case.case_units.filter(unit=responsible_unit, status="active").exists():
        raise ValidationError(
            {"responsible_unit": _("The responsible unit must take part in the case.")}
        )
    action = PlanAction(
        case=case, description=description.strip(), responsible_unit=responsible_unit, due=due
    )
    action.full_clean()
    action.save()
    case_event_record(
        case=case,
        kind=EventKind.PLAN_ACTION_ADDED,
        day=timezone.localdate(),
        actor=actor,
        unit=acting_unit(actor, case),
        responsible_unit=responsible_unit.code,
        due=due,
    )
    return action


@transaction.atomic
def plan_action_status_set(
    *, actor: User, action: PlanAction, status: str, version: int | None = None
) -> PlanAction:
    """Set the action's status. ``version`` is the action's version when the form was
    opened: if someone changed it since, nothing is written and ``ChangedSinceOpened`` shows
    the status they set (decision 0029)."""
    require_open(action.case)
    action.status = status
    action.full_clean()
    versioned_update(
        action,
        opened=version,
        fields={"status": status},
        shown=lambda now: {_("Status"): str(ActionStatus(now.status).label)},
    )
    case_event_record(
        case=action.case,
        kind=EventKind.PLAN_ACTION_CHANGED,
        day=timezone.localdate(),
        actor=actor,
        unit=acting_unit(actor, action.case),
        status=status,
        action=str(action.public_id),
    )
    return action


@transaction.atomic
def sip_record(
    *,
    actor: User,
    case: Case,
    date: datetime.date,
    participants: list[str],
    responsible: str,
    next_follow_up: datetime.date | None = None,
) -> Sip:
    require_open(case)
    require_not_future(date, "date")
    if next_follow_up is not None and next_follow_up < date:
        raise ValidationError(
            {"next_follow_up": _("The next follow-up cannot come before the SIP.")}
        )
    unit = acting_unit(actor, case)
    sip = Sip(
        case=case,
        date=date,
        participants=[p.strip() for p in participants if p.strip()],
        responsible=responsible.strip(),
        next_follow_up=next_follow_up,
        unit=unit,
    )
    sip.full_clean()
    sip.save()
    case_event_record(
        case=case,
        kind=EventKind.SIP_HELD,
        day=date,
        actor=actor,
        unit=unit,
        next_follow_up=next_follow_up,
    )
    return sip
