"""Reads of people, always through the access rules."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from brytupp.access import policies
from brytupp.organisation.models import User

from .identity_number import InvalidIdentityNumber, parse_identity_number
from .models import Person, ProtectedIdentity
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


# How many people a search by name shows; a longer list asks for the date of birth.
NAME_HITS_SHOWN = 20


@dataclass(frozen=True)
class PersonSearch:
    """The people a search found (``more``: more than ``NAME_HITS_SHOWN`` had the name)."""

    persons: list[Person]
    more: bool = False


def person_search(
    *,
    actor: User,
    identity_number: str = "",
    first_name: str = "",
    last_name: str = "",
    birth_date=None,
) -> PersonSearch:
    """ "Sök person": across the city, by identity number, or by name with or without the
    date of birth. By number it is search before opening (``person_match_for_opening``): the
    one person with that number, protected or not. By name it finds only people whose
    identity is not protected: a protected person is never found by name here (their name
    is sealed, decision 0022). Each person found is a logged search hit; a search that finds
    no one is logged too, without a person."""
    from brytupp.audit.models import AccessGround, AccessKind
    from brytupp.audit.services import access_log_record, access_log_record_persons

    if not policies.case_opening.allows(actor):
        return PersonSearch(persons=[])
    if identity_number.strip():
        match = person_match_for_opening(actor=actor, identity_number=identity_number)
        persons, more = ([match] if match is not None else []), False
    else:
        named = Person.objects.filter(
            first_name__iexact=first_name.strip(),
            last_name__iexact=last_name.strip(),
            protected_identity=ProtectedIdentity.NONE,
        )
        if birth_date is not None:
            named = named.filter(birth_date=birth_date)
        found = list(named.order_by("birth_date", "pk")[: NAME_HITS_SHOWN + 1])
        persons, more = found[:NAME_HITS_SHOWN], len(found) > NAME_HITS_SHOWN
        # One write to the log for every hit shown, not one each.
        access_log_record_persons(
            actor=actor,
            kind=AccessKind.SEARCH_HIT,
            person_public_ids=[person.public_id for person in persons],
            ground=AccessGround.CASE_OPENING,
        )
    if not persons:
        access_log_record(actor=actor, kind=AccessKind.SEARCH, ground=AccessGround.CASE_OPENING)
    return PersonSearch(persons=persons, more=more)
