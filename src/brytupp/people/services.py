"""Writes about people: registering a person, linking a child to a guardian.

A child linked to a protected guardian has at least the guardian's protected identity
(decision 0018): ``person_register`` with a ``guardian`` registers the child so, and
``guardian_link`` raises a child already registered. Lowering it is ``protection``'s
``person_protection_lower``, for the lead unit of a case only.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from brytupp.organisation.models import User

from .identity_number import InvalidIdentityNumber, parse_identity_number
from .models import (
    Gender,
    Guardianship,
    IdentityKind,
    IdentityReveal,
    Person,
    ProtectedIdentity,
    protection_rank,
    protection_stronger,
)
from .names import NAME_FIELDS, person_name_store, persons_named
from .presentation import person_full_name
from .sealing import seal, search_digest, unseal


@transaction.atomic
def person_register(
    *,
    actor: User,
    birth_date: datetime.date,
    gender: str = Gender.UNKNOWN,
    first_name: str = "",
    last_name: str = "",
    identity_number: str = "",
    protected_identity: str = ProtectedIdentity.NONE,
    external_id: str | None = None,
    require_name: bool = True,
    guardian: Person | None = None,
    case=None,
) -> Person:
    """Register a person; refuse an invalid or already registered identity number.

    Without an identity number the person gets a reserve identity, which needs a name
    (``require_name=False`` only for pseudonymous records of the interchange format). With a
    ``guardian`` the person is registered as their child, protected at least as they are.
    The access log gets a ``change`` on the person: in ``case`` (a child who comes along),
    before opening a case (ground *case opening*), or without an actor (ground *system*).
    """
    if guardian is not None:
        protected_identity = protection_stronger(protected_identity, guardian.protected_identity)
    person = Person(
        birth_date=birth_date,
        gender=gender,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        protected_identity=protected_identity,
        external_id=external_id,
    )
    if identity_number.strip():
        _set_identity_number(person, identity_number)
    elif require_name:
        _check_reserve_identity(person)
    person.full_clean(exclude=["guardians"], validate_constraints=False)
    # After the checks, which read the name as typed: a protected name is kept sealed only.
    person_name_store(person)
    person.validate_constraints()
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError:
        raise _duplicate() from None
    if guardian is not None:
        guardian_link(child=person, guardian=guardian)
    _registration_log(actor, person, case)
    return person


def _registration_log(actor: User | None, person: Person, case) -> None:
    from brytupp.access import policies
    from brytupp.audit.models import AccessGround, AccessKind
    from brytupp.audit.services import access_log_record

    if actor is None:
        ground = AccessGround.SYSTEM
    elif case is not None:
        ground = policies.access_ground(actor, case)
    else:
        ground = AccessGround.CASE_OPENING
    access_log_record(actor=actor, kind=AccessKind.CHANGE, person=person, case=case, ground=ground)


def _check_reserve_identity(person: Person) -> None:
    """A reserve identity is name and birth date: it needs both, and must be unique."""
    if not (person.first_name and person.last_name):
        raise ValidationError(
            {"first_name": _("A person without an identity number needs a first and last name.")}
        )
    if persons_named(
        first_name=person.first_name, last_name=person.last_name, birth_date=person.birth_date
    ).exists():
        raise ValidationError(
            _("A person with this name and date of birth is already registered: search for them.")
        )


def _set_identity_number(person: Person, raw: str) -> None:
    try:
        number = parse_identity_number(raw)
    except InvalidIdentityNumber as error:
        raise ValidationError({"identity_number": error.message}) from None
    if number.birth_date != person.birth_date:
        raise ValidationError(
            {"identity_number": _("The identity number does not agree with the date of birth.")}
        )
    digest = search_digest(number.value)
    if Person.objects.filter(identity_number_digest=digest).exists():
        raise _duplicate()
    person.identity_kind = IdentityKind(number.kind)
    person.identity_number_sealed = seal(number.value)
    person.identity_number_digest = digest


def _duplicate() -> ValidationError:
    return ValidationError(
        {"identity_number": _("A person with this identity number is already registered.")}
    )


@transaction.atomic
def guardian_link(*, child: Person, guardian: Person, actor: User | None = None) -> Guardianship:
    """Link a child to a guardian; a child with a protected guardian gets the guardian's
    level if their own is lower, logged as a change on the child."""
    if child.pk == guardian.pk:
        raise ValidationError(_("A person cannot be their own guardian."))
    if child.birth_date <= guardian.birth_date:
        raise ValidationError(_("A guardian must be born before the child."))
    link, _created = Guardianship.objects.get_or_create(child=child, guardian=guardian)
    if protection_raise(child=child, level=guardian.protected_identity):
        from brytupp.audit.models import AccessGround, AccessKind
        from brytupp.audit.services import access_log_record

        ground = AccessGround.SYSTEM if actor is None else AccessGround.OWN_UNIT
        access_log_record(actor=actor, kind=AccessKind.CHANGE, person=child, ground=ground)
    return link


def protection_raise(*, child: Person, level: str) -> bool:
    """Raise the child's protected identity to ``level`` if it is lower; whether it was.
    The caller logs the change (it knows the case, if any)."""
    if protection_rank(child.protected_identity) >= protection_rank(level):
        return False
    child.protected_identity = level
    person_name_store(child)
    child.save(update_fields=["protected_identity", *NAME_FIELDS])
    return True


def person_address_set(*, person: Person, address: str) -> Person:
    """Seal and keep the person's address (empty: forget it); shown only through
    ``presentation.person_display_address``."""
    person.address_sealed = seal(address) if address else ""
    person.save(update_fields=["address_sealed"])
    return person


MIN_REVEAL_REASON = 10


@dataclass(frozen=True)
class RevealedIdentity:
    name: str
    number: str
    address: str
    # Where the person is placed, for a unit that needs it (decision 0021): masked on every
    # page for a protected identity, so the reveal is the one way to it.
    housing: tuple[str, ...] = ()


@transaction.atomic
def identity_reveal(*, actor: User, case, reason: str) -> RevealedIdentity:
    """Show a person's name, number and address (and the housing they are placed in, to a unit
    that needs it) once to a user whose unit takes part in the case, for the reason they state
    (a protected identity, or an address withheld from the unit); logged as a reveal and kept
    for log review."""
    from django.http import Http404

    from brytupp.access import policies
    from brytupp.audit.models import AccessKind
    from brytupp.audit.services import access_log_record

    if not policies.case_participation.check(actor, case):
        raise Http404
    reason = reason.strip()
    if len(reason) < MIN_REVEAL_REASON:
        raise ValidationError(
            {
                "reason": _(
                    "State why you need to see the protected details, in at least 10 characters."
                )
            }
        )
    person = case.person
    with transaction.atomic():
        entry = access_log_record(
            actor=actor,
            kind=AccessKind.REVEAL,
            case=case,
            ground=policies.access_ground(actor, case),
        )
        IdentityReveal.objects.create(
            user=actor, person=person, case=case, reason=reason, access_log_seq=entry.seq
        )
    number = ""
    if person.identity_kind != IdentityKind.RESERVE:
        value = unseal(person.identity_number_sealed)
        number = f"{value[:8]}-{value[8:]}"
    address = unseal(person.address_sealed) if person.address_sealed else ""
    from brytupp.interventions.presentation import placement_locations_revealed

    housing = placement_locations_revealed(case=case, part=policies.acting_part(actor, case))
    return RevealedIdentity(
        name=person_full_name(person),
        number=number,
        address=address,
        housing=tuple(housing),
    )
