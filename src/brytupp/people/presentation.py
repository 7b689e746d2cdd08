"""How a person is shown: masked whenever their identity is protected.

Every list, page title and export takes a person's name and number from here, never from
the model's fields, so protected identity is masked in one place.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from .models import IdentityKind, Person
from .names import person_name
from .sealing import unseal


def person_display_name(person: Person, *, masked: bool = False) -> str:
    """``masked`` comes from the access policy (``policies.case_masked``: a case waiting for
    acceptance shows no one's name, protected or not)."""
    if person.is_protected:
        return _("Protected identity")
    if masked:
        return _("Not shown until the opening is accepted")
    return person_full_name(person) or _("Person without a recorded name")


def person_full_name(person: Person) -> str:
    """The real name, unmasked, also of a protected identity (whose name is sealed, decision
    0022): only for the reveal and the checks that compare names, never for a page that masks."""
    first_name, last_name = person_name(person)
    return f"{first_name} {last_name}".strip()


def person_display_address(person: Person, *, withheld: bool) -> str:
    """The address, or why it is not shown: ``withheld`` comes from the access policy
    (``policies.address_withheld``: a protected identity, or a unit with only an economic or
    practical role)."""
    if not person.address_sealed:
        return _("No address recorded")
    if withheld:
        return _("Address withheld")
    return unseal(person.address_sealed)


def person_display_number(person: Person, *, masked: bool = False) -> str:
    if person.is_protected or masked:
        return "********-****"
    if person.identity_kind == IdentityKind.RESERVE:
        return _("Reserve identity")
    value = unseal(person.identity_number_sealed)
    return f"{value[:8]}-{value[8:]}"


def placed_child_display_name(child: Person, *, parent: Person) -> str:
    """A child placed with a parent, as the parent's case shows it: masked when the child's
    identity is protected, and when the parent's is — the child's name (often the parent's
    surname) would unmask the parent."""
    if parent.is_protected:
        return _("Protected identity")
    return person_display_name(child)
