"""A child's protected identity within a case: inherited from the parent, lowered by the
lead unit only (decision 0018).

A child placed with a parent, or registered as their child, is protected at least as the
parent is, by default: otherwise the child's surname shows the parent's on a page where the
parent is masked. Only a user of the case's lead unit may lower it, for a stated reason; the
reason is kept in ``ProtectionLowering`` for review, and the access log and the timeline get
the person's public id only.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from brytupp.access import policies
from brytupp.audit.models import AccessGround, AccessKind
from brytupp.audit.services import access_log_record
from brytupp.cases.checks import require_open
from brytupp.cases.events import EventKind, case_event_record
from brytupp.cases.services import acting_unit
from brytupp.organisation.models import User

from .models import Person, ProtectedIdentity, ProtectionLowering, protection_rank
from .names import NAME_FIELDS, person_name_store
from .services import protection_raise

MIN_LOWERING_REASON = 10


def case_children(case) -> QuerySet[Person]:
    """The children in a case: placed with its person, or linked to them as their child."""
    return Person.objects.filter(
        Q(placements_as_child__placement__case=case) | Q(guardianships__guardian=case.person_id)
    ).distinct()


def child_protection_inherit(*, actor: User, child: Person, case) -> bool:
    """Raise a child placed with the case's person to the person's level if lower; logged as a
    change on the child and recorded on the case's timeline. Whether it was raised."""
    level = case.person.protected_identity
    if not protection_raise(child=child, level=level):
        return False
    access_log_record(
        actor=actor,
        kind=AccessKind.CHANGE,
        case=case,
        person=child,
        ground=policies.access_ground(actor, case) if actor else AccessGround.SYSTEM,
    )
    case_event_record(
        case=case,
        kind=EventKind.PROTECTION_RAISED,
        day=timezone.localdate(),
        actor=actor,
        unit=acting_unit(actor, case),
        person=str(child.public_id),
        level=level,
    )
    return True


def case_child_get(*, actor: User, case, public_id) -> Person:
    """A child in the case, for its lead unit only: 404 alike for a person who is not a child
    in the case and for a user whose unit does not lead it."""
    if not policies.case_lead.check(actor, case):
        raise Http404
    try:
        return case_children(case).get(public_id=public_id)
    except Person.DoesNotExist:
        raise Http404 from None


@transaction.atomic
def person_protection_lower(
    *, actor: User, person: Person, case, reason: str
) -> ProtectionLowering:
    """Lower a child's inherited protected identity to none, for the reason the lead unit's
    user states (at least 10 characters)."""
    person = case_child_get(actor=actor, case=case, public_id=person.public_id)
    require_open(case)
    if not person.is_protected:
        raise ValidationError(_("The child has no protected identity to lower."))
    if protection_rank(person.protected_identity) > protection_rank(case.person.protected_identity):
        # Stronger than the parent's, so the child's own (from Skatteverket, say), not the
        # parent's inherited: not the lead unit's to lower.
        raise ValidationError(
            _("The child's protected identity is their own, not the parent's: it stays.")
        )
    reason = reason.strip()
    if len(reason) < MIN_LOWERING_REASON:
        raise ValidationError(
            {
                "reason": _(
                    "State why the child does not need the protection, in at least 10 characters."
                )
            }
        )
    lowering = ProtectionLowering.objects.create(
        user=actor,
        person=person,
        case=case,
        from_level=person.protected_identity,
        to_level=ProtectedIdentity.NONE,
        reason=reason,
    )
    person.protected_identity = ProtectedIdentity.NONE
    # Unprotected, the name is back in clear (decision 0022).
    person_name_store(person)
    person.save(update_fields=["protected_identity", *NAME_FIELDS])
    access_log_record(
        actor=actor,
        kind=AccessKind.CHANGE,
        case=case,
        person=person,
        ground=policies.access_ground(actor, case),
    )
    case_event_record(
        case=case,
        kind=EventKind.PROTECTION_LOWERED,
        day=timezone.localdate(),
        actor=actor,
        unit=acting_unit(actor, case),
        person=str(person.public_id),
        level=lowering.from_level,
    )
    return lowering
