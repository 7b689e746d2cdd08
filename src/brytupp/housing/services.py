"""Writes about housing: SHIS referrals."""

from __future__ import annotations

import datetime

from django.db import transaction

from brytupp.cases.checks import require_not_future, require_open
from brytupp.cases.events import EventKind, case_event_record
from brytupp.cases.models import Case
from brytupp.cases.services import acting_unit
from brytupp.organisation.models import User

from .models import ShisReferral


@transaction.atomic
def shis_referral_record(
    *, actor: User, case: Case, date: datetime.date, kind: str
) -> ShisReferral:
    require_open(case)
    require_not_future(date, "date")
    unit = acting_unit(actor, case)
    referral = ShisReferral(case=case, date=date, kind=kind, unit=unit)
    referral.full_clean()
    referral.save()
    case_event_record(
        case=case,
        kind=EventKind.SHIS_REFERRAL,
        day=date,
        actor=actor,
        unit=unit,
        referral_kind=kind,
    )
    return referral
