"""Writes of screenings."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from brytupp.audit.models import AccessKind
from brytupp.audit.services import access_log_record
from brytupp.cases.checks import require_not_future
from brytupp.organisation.models import Unit, User
from brytupp.people.models import Person

from .models import Screening


@transaction.atomic
def screening_record(
    *,
    actor: User,
    unit: Unit,
    date: datetime.date,
    asked: bool,
    outcome: str = "",
    person: Person | None = None,
) -> Screening:
    """Record one screening opportunity: whether the unit asked, and what came of it."""
    require_not_future(date, "date")
    if asked and not outcome:
        raise ValidationError({"outcome": _("State the outcome of the questions.")})
    if not asked and outcome:
        raise ValidationError(
            {"outcome": _("There is no outcome when the questions were not asked.")}
        )
    screening = Screening(
        unit=unit, date=date, asked=asked, outcome=outcome, person=person, recorded_by=actor
    )
    screening.full_clean()
    screening.save()
    if person is not None:
        access_log_record(actor=actor, kind=AccessKind.CHANGE, person=person, unit=unit)
    return screening
