"""Writes of practical-support tasks (decision 0047): added for a unit taking part in the case,
or a named case worker of it, and marked done. Each write records a timeline event with the
kind's and the unit's codes, never the note."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from brytupp.cases.checks import require_not_future, require_open
from brytupp.cases.events import EventKind, case_event_record
from brytupp.cases.models import Case, CaseUnitStatus
from brytupp.cases.services import acting_unit
from brytupp.organisation.models import Membership, Role, Unit, User

from .models import PracticalTask, PracticalTaskKind


def task_assignees(*, unit: Unit, day: datetime.date):
    """The case workers of ``unit`` a task can be assigned to on ``day``."""
    members = Membership.objects.in_force(day).filter(unit=unit, role=Role.HANDLAGGARE)
    return User.objects.filter(pk__in=members.values("user_id"), is_active=True).order_by(
        "last_name", "first_name", "pk"
    )


@transaction.atomic
def practical_task_add(
    *,
    actor: User,
    case: Case,
    support: PracticalTaskKind,
    responsible_unit: Unit,
    due: datetime.date,
    note: str = "",
    assignee: User | None = None,
) -> PracticalTask:
    require_open(case)
    if not case.case_units.filter(unit=responsible_unit, status=CaseUnitStatus.ACTIVE).exists():
        raise ValidationError(
            {"responsible_unit": _("The responsible unit must take part in the case.")}
        )
    today = timezone.localdate()
    if assignee is not None and not task_assignees(unit=responsible_unit, day=today).filter(
        pk=assignee.pk
    ):
        raise ValidationError(
            {"assignee": _("The case worker must be a case worker of the responsible unit.")}
        )
    task = PracticalTask(
        case=case,
        support=support,
        note=note.strip(),
        responsible_unit=responsible_unit,
        assignee=assignee,
        due=due,
    )
    task.full_clean()
    task.save()
    case_event_record(
        case=case,
        kind=EventKind.PRACTICAL_TASK_ADDED,
        day=today,
        actor=actor,
        unit=acting_unit(actor, case),
        task_kind=support.code,
        responsible_unit=responsible_unit.code,
        due=due,
    )
    return task


@transaction.atomic
def practical_task_done(*, actor: User, task: PracticalTask, done: datetime.date) -> PracticalTask:
    require_open(task.case)
    require_not_future(done, "done")
    locked = PracticalTask.objects.select_for_update().get(pk=task.pk)
    if locked.done is not None:
        raise ValidationError(_("The task is already done."))
    task.done = done
    task.save(update_fields=["done"])
    case_event_record(
        case=task.case,
        kind=EventKind.PRACTICAL_TASK_DONE,
        day=done,
        actor=actor,
        unit=acting_unit(actor, task.case),
        task=str(task.public_id),
        task_kind=task.support.code,
    )
    return task
