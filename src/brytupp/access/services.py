"""Writes of access: emergency access (nödåtkomst)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from brytupp.audit.models import AccessGround, AccessKind
from brytupp.audit.services import access_log_record
from brytupp.organisation.models import User

from . import policies
from .models import EMERGENCY_HOURS, EmergencyAccess

MIN_REASON_LENGTH = 15


@transaction.atomic
def emergency_access_grant(*, actor: User, case, reason: str) -> EmergencyAccess:
    """Open a case to a Socialjouren worker for a limited time, only with a stated reason.

    The grant is logged with the ground ``emergency`` (flagged for the unit manager's log
    review); the case stays read-only to them.
    """
    if not policies.emergency_access.allows(actor):
        raise ValidationError(_("Only Socialjouren may use emergency access."))
    reason = reason.strip()
    if len(reason) < MIN_REASON_LENGTH:
        raise ValidationError(
            {"reason": _("Describe why you need access now, in at least 15 characters.")}
        )
    unit = next(
        u for u in policies.units_with_role(actor, *policies.CASE_ROLES) if u.kind == "socialjour"
    )
    now = timezone.now()
    entry = access_log_record(
        actor=actor, kind=AccessKind.VIEW, case=case, ground=AccessGround.EMERGENCY
    )
    return EmergencyAccess.objects.create(
        user=actor,
        unit=unit,
        case=case,
        reason=reason,
        granted_at=now,
        expires_at=now + datetime.timedelta(hours=EMERGENCY_HOURS),
        access_log_seq=entry.seq,
    )
