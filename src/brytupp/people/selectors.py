"""Reads of people, always through the access rules."""

from __future__ import annotations

from django.db.models import QuerySet

from brytupp.access import policies
from brytupp.organisation.models import User

from .identity_number import InvalidIdentityNumber, parse_identity_number
from .models import Person
from .names import persons_named
from .sealing import search_digest


def person_find_by_identity_number(*, actor: User, identity_number: str) -> QuerySet[Person]:
    """The person with this number, among those the actor may see (empty if none)."""
    try:
        number = parse_identity_number(identity_number)
    except InvalidIdentityNumber:
        return Person.objects.none()
    return policies.persons.queryset(actor).filter(
        identity_number_digest=search_digest(number.value)
    )


def person_match_for_opening(
    *,
    actor: User,
    identity_number: str = "",
    first_name: str = "",
    last_name: str = "",
    birth_date=None,
) -> Person | None:
    """Search before create: the one person already registered with this identity number, or
    with exactly this name and birth date, so that no one gets two records.

    The search spans the whole city, because a duplicate anywhere defeats "tell your story
    once". It returns only what the searcher typed in: that a record exists. Each hit is logged.
    """
    from brytupp.audit.models import AccessGround, AccessKind
    from brytupp.audit.services import access_log_record

    if not policies.case_opening.allows(actor):
        return None
    match = None
    if identity_number.strip():
        try:
            number = parse_identity_number(identity_number)
        except InvalidIdentityNumber:
            return None
        match = Person.objects.filter(identity_number_digest=search_digest(number.value)).first()
    elif first_name.strip() and last_name.strip() and birth_date is not None:
        # A protected person's name is sealed: found by its digest (decision 0022).
        match = (
            persons_named(first_name=first_name, last_name=last_name, birth_date=birth_date)
            .order_by("pk")
            .first()
        )
    if match is not None:
        access_log_record(
            actor=actor, kind=AccessKind.SEARCH_HIT, person=match, ground=AccessGround.CASE_OPENING
        )
    return match
