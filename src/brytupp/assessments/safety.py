"""Writes of safety plans (säkerhetsplaner): the plan, its measures and its reviews.

The plan's threats and its reviews' notes are descriptions of violence: the units that read
them write them (the lead unit and those the consent names for it, ``require_describing``).
Every unit taking part adds measures and marks them done (a school informed by barn och unga,
an alarm ordered by the RVT). A plan is the person's own or one child's: the child is one of
the person's children. Edits in place carry the version the form was opened at (decision
0029); a review keeps what it found and moves the plan's next review date.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from brytupp.cases.checks import require_not_future, require_open
from brytupp.cases.events import EventKind, case_event_record
from brytupp.cases.models import Case
from brytupp.cases.selectors import units_taking_part
from brytupp.concurrency import versioned_update
from brytupp.organisation.models import Unit, User
from brytupp.people.models import Person

from .models import MeasureKind, SafetyMeasure, SafetyPlan, SafetyPlanReview
from .services import participating_unit, require_describing


def _require_review_after(review_on: datetime.date, day: datetime.date) -> None:
    if review_on < day:
        raise ValidationError({"review_on": _("The review date cannot be in the past.")})


@transaction.atomic
def safety_plan_write(
    *,
    actor: User,
    case: Case,
    threats: str,
    review_on: datetime.date,
    child: Person | None = None,
) -> SafetyPlan:
    """Write the safety plan of the person, or of one of their children."""
    require_open(case)
    today = timezone.localdate()
    _require_review_after(review_on, today)
    if child is not None and not case.person.children.filter(pk=child.pk).exists():
        raise ValidationError({"child": _("The child is not one of the person's children.")})
    unit = participating_unit(actor, case)
    require_describing(actor, case)
    plan = SafetyPlan(
        case=case,
        child=child,
        threats=threats.strip(),
        review_on=review_on,
        unit=unit,
        recorded_by=actor,
        created_on=today,
    )
    plan.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError:
        raise ValidationError(
            _("There is already a safety plan for this person or child: change that one.")
        ) from None
    case_event_record(
        case=case,
        kind=EventKind.SAFETY_PLAN_WRITTEN,
        day=today,
        actor=actor,
        unit=unit,
        plan=str(plan.public_id),
        for_child=child is not None,
    )
    return plan


@transaction.atomic
def safety_plan_change(
    *,
    actor: User,
    plan: SafetyPlan,
    threats: str,
    review_on: datetime.date,
    version: int | None = None,
) -> SafetyPlan:
    """Change the plan's threats and review date, if no one changed them since the form was
    opened (``ChangedSinceOpened`` shows what they wrote)."""
    require_open(plan.case)
    _require_review_after(review_on, timezone.localdate())
    unit = participating_unit(actor, plan.case)
    require_describing(actor, plan.case)
    plan.threats = threats.strip()
    plan.review_on = review_on
    plan.full_clean(validate_constraints=False)
    versioned_update(
        plan,
        opened=version,
        fields={"threats": plan.threats, "review_on": review_on},
        shown=lambda now: {
            _("Threats"): now.threats,
            _("Review on"): now.review_on.isoformat(),
        },
    )
    case_event_record(
        case=plan.case,
        kind=EventKind.SAFETY_PLAN_CHANGED,
        day=timezone.localdate(),
        actor=actor,
        unit=unit,
        plan=str(plan.public_id),
    )
    return plan


@transaction.atomic
def safety_measure_add(
    *,
    actor: User,
    plan: SafetyPlan,
    kind: str,
    description: str,
    responsible_unit: Unit | None = None,
    responsible_other: str = "",
    due: datetime.date | None = None,
) -> SafetyMeasure:
    """Add a measure: a unit taking part, or someone outside the units, is responsible."""
    case = plan.case
    require_open(case)
    unit = participating_unit(actor, case)
    responsible_other = responsible_other.strip()
    if responsible_unit is None and not responsible_other:
        raise ValidationError(
            {"responsible_unit": _("Say who is responsible: a unit, or someone else.")}
        )
    if responsible_unit is not None and responsible_other:
        raise ValidationError(
            {"responsible_other": _("Name either a unit or someone else, not both.")}
        )
    if (
        responsible_unit is not None
        and not units_taking_part(case=case).filter(pk=responsible_unit.pk).exists()
    ):
        raise ValidationError(
            {"responsible_unit": _("The responsible unit must take part in the case.")}
        )
    if kind not in MeasureKind.values:
        raise ValidationError({"kind": _("Choose a kind of measure.")})
    measure = SafetyMeasure(
        plan=plan,
        kind=kind,
        description=description.strip(),
        responsible_unit=responsible_unit,
        responsible_other=responsible_other,
        due=due,
        recorded_by=actor,
    )
    measure.full_clean()
    measure.save()
    case_event_record(
        case=case,
        kind=EventKind.SAFETY_MEASURE_ADDED,
        day=timezone.localdate(),
        actor=actor,
        unit=unit,
        plan=str(plan.public_id),
        measure=kind,
    )
    return measure


@transaction.atomic
def safety_measure_done(
    *, actor: User, measure: SafetyMeasure, done_on: datetime.date, version: int | None = None
) -> SafetyMeasure:
    """Mark a measure done on a day (not in the future)."""
    case = measure.plan.case
    require_open(case)
    require_not_future(done_on, "done_on")
    unit = participating_unit(actor, case)
    if measure.done_on is not None:
        raise ValidationError(_("The measure is already done."))
    measure.done_on = done_on
    versioned_update(
        measure,
        opened=version,
        fields={"done_on": done_on},
        shown=lambda now: {
            _("Done"): now.done_on.isoformat() if now.done_on else _("Not done"),
        },
    )
    case_event_record(
        case=case,
        kind=EventKind.SAFETY_MEASURE_DONE,
        day=done_on,
        actor=actor,
        unit=unit,
        plan=str(measure.plan.public_id),
        measure=measure.kind,
    )
    return measure


@transaction.atomic
def safety_plan_review(
    *,
    actor: User,
    plan: SafetyPlan,
    reviewed_on: datetime.date,
    note: str,
    next_review_on: datetime.date,
    version: int | None = None,
) -> SafetyPlanReview:
    """Review the plan: what was found is kept, and the plan is next reviewed on
    ``next_review_on`` (which moves the review in Att göra)."""
    case = plan.case
    require_open(case)
    require_not_future(reviewed_on, "reviewed_on")
    if next_review_on <= reviewed_on:
        raise ValidationError({"next_review_on": _("The next review must come after this one.")})
    if next_review_on < timezone.localdate():
        raise ValidationError({"next_review_on": _("The review date cannot be in the past.")})
    unit = participating_unit(actor, case)
    require_describing(actor, case)
    review = SafetyPlanReview(
        plan=plan,
        reviewed_on=reviewed_on,
        note=note.strip(),
        next_review_on=next_review_on,
        unit=unit,
        recorded_by=actor,
    )
    review.full_clean()
    plan.review_on = next_review_on
    versioned_update(
        plan,
        opened=version,
        fields={"review_on": next_review_on},
        shown=lambda now: {_("Review on"): now.review_on.isoformat()},
    )
    review.save()
    case_event_record(
        case=case,
        kind=EventKind.SAFETY_PLAN_REVIEWED,
        day=reviewed_on,
        actor=actor,
        unit=unit,
        plan=str(plan.public_id),
        next_review_on=next_review_on,
    )
    return review
