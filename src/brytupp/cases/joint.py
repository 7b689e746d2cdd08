"""Writes of joint handling: meetings and each unit's needs assessment."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from brytupp.organisation.models import Partner, Unit, User

from .checks import require_not_future, require_open
from .events import EventKind, case_event_record
from .models import Case, Meeting, NeedsAssessment
from .selectors import partners_covered
from .services import acting_unit


@transaction.atomic
def meeting_record(
    *,
    actor: User,
    case: Case,
    held: datetime.date,
    units: list[Unit],
    minutes: str,
    person_present: bool = True,
    partners: Sequence[Partner] = (),
) -> Meeting:
    require_open(case)
    require_not_future(held, "held")
    if held < case.opened:
        raise ValidationError({"held": _("A meeting cannot be held before the case opened.")})
    taking_part = set(case.case_units.filter(status="active").values_list("unit_id", flat=True))
    outsiders = [unit.name for unit in units if unit.pk not in taking_part]
    if outsiders:
        raise ValidationError({"units": _("Only units taking part in the case can be recorded.")})
    if not units:
        raise ValidationError({"units": _("Name the units that took part.")})
    covered = set(partners_covered(case=case, day=held).values_list("pk", flat=True))
    if any(partner.pk not in covered for partner in partners):
        raise ValidationError(
            {
                "partners": _(
                    "Only external partners that the person's consent covers can take part."
                )
            }
        )
    meeting = Meeting(
        case=case,
        held=held,
        person_present=person_present,
        minutes=minutes.strip(),
        recorded_by=actor,
    )
    meeting.full_clean(exclude=["units", "partners"])
    meeting.save()
    meeting.units.set(units)
    meeting.partners.set(partners)
    case_event_record(
        case=case,
        kind=EventKind.MEETING_HELD,
        day=held,
        actor=actor,
        unit=acting_unit(actor, case),
        meeting=str(meeting.public_id),
    )
    return meeting


@transaction.atomic
def needs_assessment_record(
    *, actor: User, case: Case, area: str, short_term: str, long_term: str
) -> NeedsAssessment:
    """The acting unit's assessment in one area; recording it again replaces it."""
    require_open(case)
    unit = acting_unit(actor, case)
    if unit is None:
        raise ValidationError(_("Your unit does not take part in the case."))
    if not (short_term.strip() or long_term.strip()):
        raise ValidationError(_("Write the short-term or the long-term need."))
    assessment, _created = NeedsAssessment.objects.update_or_create(
        case=case,
        unit=unit,
        area=area,
        defaults={
            "short_term": short_term.strip(),
            "long_term": long_term.strip(),
            "recorded_by": actor,
        },
    )
    assessment.full_clean()
    case_event_record(
        case=case,
        kind=EventKind.ASSESSMENT_RECORDED,
        day=timezone.localdate(assessment.recorded_at),  # Stockholm's day, not UTC's
        actor=actor,
        unit=unit,
        area=area,
    )
    return assessment
