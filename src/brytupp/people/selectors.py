"""Reads of people, always through the access rules."""

from __future__ import annotations

from django.db.models import QuerySet

from brytupp.access import policies

from .identity_number import InvalidIdentityNumber, parse_identity_number
from .models import Person
from .sealing import search_digest


def person_find_by_identity_number(*, actor, identity_number: str) -> QuerySet[Person]:
    """The person with this number, among those the actor may see (empty if none)."""
    try:
        number = parse_identity_number(identity_number)
    except InvalidIdentityNumber:
        return Person.objects.none()
    return policies.persons.queryset(actor).filter(
        identity_number_digest=search_digest(number.value)
    )
