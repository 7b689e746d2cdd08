"""Writes to cases. The full case journey builds on these."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from brytupp.organisation.models import District, Unit
from brytupp.people.models import Person

from .models import Case, CaseUnit


@transaction.atomic
def case_open(
    *,
    person: Person,
    district: District,
    lead_unit: Unit,
    source: str,
    opened: datetime.date,
    previous_case: Case | None = None,
) -> Case:
    """Open a case; the lead unit takes part in it from the day it opens."""
    if lead_unit.district_id not in (None, district.pk):
        raise ValidationError({"lead_unit": _("The lead unit belongs to another district.")})
    case = Case(
        person=person,
        district=district,
        lead_unit=lead_unit,
        source=source,
        opened=opened,
        previous_case=previous_case,
    )
    case.full_clean()
    case.save()
    CaseUnit.objects.create(case=case, unit=lead_unit, joined=opened)
    return case


@transaction.atomic
def case_unit_join(*, case: Case, unit: Unit, joined: datetime.date) -> CaseUnit:
    if joined < case.opened:
        raise ValidationError({"joined": _("A unit cannot join before the case opened.")})
    part = CaseUnit(case=case, unit=unit, joined=joined)
    part.full_clean()
    part.save()
    return part


@transaction.atomic
def case_close(*, case: Case, closed: datetime.date, reason: str) -> Case:
    if not reason:
        raise ValidationError({"closure_reason": _("State why the case is closed.")})
    if closed < case.opened:
        raise ValidationError({"closed": _("A case cannot close before it opened.")})
    case.closed = closed
    case.closure_reason = reason
    case.full_clean()
    case.save(update_fields=["closed", "closure_reason"])
    return case
