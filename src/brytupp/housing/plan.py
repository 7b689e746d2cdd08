"""Writes of the housing plan of a placement (decision 0046): made from the checklist's
templates when first opened, a step edited in place (versioned, decision 0029) or marked
done, and the contract for a permanent home recorded or corrected (decision 0048). Each write
records a timeline event with codes and dates only, never the note."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from brytupp.access import policies
from brytupp.cases.checks import require_not_future, require_open
from brytupp.cases.events import EventKind, case_event_record
from brytupp.cases.services import acting_unit
from brytupp.concurrency import versioned_update
from brytupp.interventions.models import Placement
from brytupp.organisation.models import District, Unit, User

from .models import (
    PERMANENT_TYPES,
    HousingPlan,
    HousingPlanStep,
    HousingStepKind,
    HousingStepTemplate,
)


def housing_steps_for(district: District | None) -> list[HousingStepTemplate]:
    """The checklist of a district's new plans: the city's steps, each replaced by the
    district's step of the same code if it has one, and the district's own; inactive ones
    left out."""
    by_code = {step.code: step for step in HousingStepTemplate.objects.filter(district=None)}
    if district is not None:
        by_code |= {
            step.code: step for step in HousingStepTemplate.objects.filter(district=district)
        }
    return sorted(
        (step for step in by_code.values() if step.active), key=lambda s: (s.order, s.code)
    )


@transaction.atomic
def housing_plan_open(*, actor: User, placement: Placement) -> HousingPlan:
    """The placement's housing plan, made from the checklist of its case's district the
    first time it is opened."""
    existing = HousingPlan.objects.filter(placement=placement).first()
    if existing is not None:
        return existing
    case = placement.case
    require_open(case)
    plan = HousingPlan.objects.create(placement=placement, created=timezone.localdate())
    HousingPlanStep.objects.bulk_create(
        HousingPlanStep(plan=plan, template=template)
        for template in housing_steps_for(case.district)
    )
    case_event_record(
        case=case,
        kind=EventKind.HOUSING_PLAN_OPENED,
        day=plan.created,
        actor=actor,
        unit=acting_unit(actor, case),
        placement=str(placement.public_id),
    )
    return plan


def _check(step: HousingPlanStep) -> None:
    case = step.plan.placement.case
    errors: dict[str, str] = {}
    if step.responsible_unit is not None:
        if step.responsible_partner:
            errors["responsible_partner"] = _("Name a unit or a partner, not both.")
        elif not case.case_units.filter(unit=step.responsible_unit, status="active").exists():
            errors["responsible_unit"] = _("The responsible unit must take part in the case.")
    if step.template.kind != HousingStepKind.APPLICATION and (
        step.submitted or step.outcome or step.outcome_date
    ):
        errors["outcome"] = _("Only an application has an outcome.")
    if step.outcome and step.outcome_date is None:
        errors["outcome_date"] = _("Give the date of the outcome.")
    if step.outcome_date and not step.outcome:
        errors["outcome"] = _("Choose the outcome.")
    if step.outcome and step.submitted is None:
        errors["submitted"] = _("Give the date the application was submitted.")
    if step.outcome_date and step.submitted and step.outcome_date < step.submitted:
        errors["outcome_date"] = _("The outcome cannot come before the application.")
    if errors:
        raise ValidationError(errors)
    for field in ("done", "submitted", "outcome_date"):
        day = getattr(step, field)
        if day is not None:
            require_not_future(day, field)


def _shown(step: HousingPlanStep) -> dict[str, str]:
    return {
        _("Due"): step.due.isoformat() if step.due else "–",
        _("Done"): step.done.isoformat() if step.done else "–",
        _("Outcome"): step.get_outcome_display() or "–",
    }


@transaction.atomic
def housing_step_update(
    *,
    actor: User,
    step: HousingPlanStep,
    responsible_unit: Unit | None,
    responsible_partner: str,
    due: datetime.date | None,
    done: datetime.date | None,
    submitted: datetime.date | None = None,
    outcome: str = "",
    outcome_date: datetime.date | None = None,
    note: str = "",
    version: int | None = None,
) -> HousingPlanStep:
    """Change the step. ``version`` is the step's version when the form was opened: if
    someone changed it since, nothing is written (``ChangedSinceOpened``, decision 0029)."""
    case = step.plan.placement.case
    require_open(case)
    values = {
        "responsible_unit": responsible_unit,
        "responsible_partner": responsible_partner.strip(),
        "due": due,
        "done": done,
        "submitted": submitted,
        "outcome": outcome,
        "outcome_date": outcome_date,
        "note": note.strip(),
    }
    for field, value in values.items():
        setattr(step, field, value)
    _check(step)
    step.full_clean()
    versioned_update(step, opened=version, fields=values, shown=_shown)
    _record(actor, step)
    return step


@transaction.atomic
def housing_step_done(
    *, actor: User, step: HousingPlanStep, day: datetime.date, version: int | None = None
) -> HousingPlanStep:
    """Mark the step done on ``day``."""
    require_open(step.plan.placement.case)
    require_not_future(day, "done")
    versioned_update(step, opened=version, fields={"done": day}, shown=_shown)
    _record(actor, step)
    return step


def _record(actor: User, step: HousingPlanStep) -> None:
    case = step.plan.placement.case
    case_event_record(
        case=case,
        kind=EventKind.HOUSING_STEP_CHANGED,
        day=timezone.localdate(),
        actor=actor,
        unit=acting_unit(actor, case),
        step=step.template.code,
        done=step.done,
        outcome=step.outcome,
    )


# --- the contract for a permanent home (decision 0048) ---------------------------------------


def _contract_shown(plan: HousingPlan) -> dict[str, str]:
    return {
        _("Contract signed"): plan.contract_signed.isoformat() if plan.contract_signed else "–",
        _("Kind of contract"): plan.get_contract_housing_type_display() or "–",
        _("Length in months"): str(plan.contract_months) if plan.contract_months else "–",
    }


def _contract_check(
    actor: User, plan: HousingPlan, signed: datetime.date, housing_type: str, months: int
) -> None:
    placement = plan.placement
    require_open(placement.case)
    if not policies.case_participation.check(actor, placement.case):
        raise ValidationError(_("Your unit does not take part in the case."))
    errors: dict[str, str] = {}
    if housing_type not in PERMANENT_TYPES:
        errors["contract_housing_type"] = _("Choose the kind of contract.")
    if months is None or months < 1:
        errors["contract_months"] = _("Give the length of the contract in months.")
    if signed < placement.start:
        errors["contract_signed"] = _(
            "The contract cannot be signed before the placement started (%(start)s)."
        ) % {"start": placement.start.isoformat()}
    if errors:
        raise ValidationError(errors)
    require_not_future(signed, "contract_signed")


@transaction.atomic
def housing_contract_record(
    *,
    actor: User,
    plan: HousingPlan,
    contract_signed: datetime.date,
    contract_housing_type: str,
    contract_months: int,
    version: int | None = None,
) -> HousingPlan:
    """Record the contract for a permanent home the person signed, or correct it: the day it
    was signed (not in the future, not before the placement began), its kind (a permanent
    one) and its length. ``version`` is the plan's when the form was opened: if someone changed
    the contract since, nothing is written (``ChangedSinceOpened``, decision 0029). Only a
    unit taking part in the open case records it."""
    _contract_check(actor, plan, contract_signed, contract_housing_type, contract_months)
    values = {
        "contract_signed": contract_signed,
        "contract_housing_type": contract_housing_type,
        "contract_months": contract_months,
    }
    versioned_update(plan, opened=version, fields=values, shown=_contract_shown)
    case = plan.placement.case
    case_event_record(
        case=case,
        kind=EventKind.HOUSING_CONTRACT_RECORDED,
        day=contract_signed,
        actor=actor,
        unit=acting_unit(actor, case),
        placement=str(plan.placement.public_id),
        housing_type=contract_housing_type,
        months=contract_months,
        signed=contract_signed,
    )
    return plan


def next_housing_from_contract(placement: Placement) -> dict[str, object]:
    """What the placement's end form starts from: the housing and length of the contract
    recorded on its housing plan, if there is one (nothing otherwise)."""
    plan = (
        HousingPlan.objects.filter(placement=placement, contract_signed__isnull=False)
        .only("contract_housing_type", "contract_months")
        .first()
    )
    if plan is None:
        return {}
    return {
        "next_housing_type": plan.contract_housing_type,
        "next_housing_contract_months": plan.contract_months,
    }
