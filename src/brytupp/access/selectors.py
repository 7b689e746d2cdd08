"""Reads for emergency access: which open cases a person has, before access is granted."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from brytupp.audit.models import AccessGround, AccessKind
from brytupp.audit.services import access_log_record
from brytupp.organisation.models import User
from brytupp.people.identity_number import InvalidIdentityNumber, parse_identity_number
from brytupp.people.models import Person
from brytupp.people.sealing import search_digest

from . import policies
from .models import EmergencyAccess


@dataclass(frozen=True)
class EmergencyCandidate:
    """What Socialjouren may know before stating a reason: that an open case exists, where."""

    public_id: object
    district: str
    lead_unit: str
    opened: object


def emergency_candidates(*, actor: User, identity_number: str) -> list[EmergencyCandidate]:
    from brytupp.cases.models import Case

    if not policies.emergency_access.allows(actor):
        return []
    try:
        number = parse_identity_number(identity_number)
    except InvalidIdentityNumber:
        return []
    person = Person.objects.filter(identity_number_digest=search_digest(number.value)).first()
    if person is None:
        return []
    access_log_record(
        actor=actor, kind=AccessKind.SEARCH_HIT, person=person, ground=AccessGround.EMERGENCY
    )
    cases = (
        Case.objects.filter(person=person, closed__isnull=True)
        .select_related("district", "lead_unit")
        .order_by("-opened")
    )
    return [
        EmergencyCandidate(
            public_id=case.public_id,
            district=case.district.name,
            lead_unit=case.lead_unit.name,
            opened=case.opened,
        )
        for case in cases
    ]


def emergency_case_for_grant(*, actor: User, public_id):
    """An open case, for granting emergency access to it (no content is read)."""
    from django.http import Http404

    from brytupp.cases.models import Case

    if not policies.emergency_access.allows(actor):
        raise Http404
    try:
        return Case.objects.get(public_id=public_id, closed__isnull=True)
    except Case.DoesNotExist:
        raise Http404 from None


def emergency_access_running(*, actor: User, case) -> EmergencyAccess | None:
    return (
        EmergencyAccess.objects.filter(user=actor, case=case, expires_at__gt=timezone.now())
        .order_by("-expires_at")
        .first()
    )
