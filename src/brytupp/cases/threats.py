"""Who the threat is (decision 0039): the case's threat persons and its honour context.

The lead unit records them; every unit taking part reads them on the case page. A threat
person is never deleted: one no longer current is ended with a day and a reason. A threat
person known in the system is linked by identity number, and a protected one is shown masked
as everywhere. The timeline holds the threat person's row by its public id and the relation's
code, never a name. The linked person's access log entries name no case: the log review of a
unit that has the threat person as a client, and the threat person's register extract, must
not lead to the victim's case.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from brytupp.access import policies
from brytupp.audit.models import AccessGround, AccessKind
from brytupp.audit.services import access_log_record
from brytupp.concurrency import locked
from brytupp.organisation.models import User
from brytupp.people.models import Person
from brytupp.people.selectors import person_match_for_opening

from .checks import require_not_future, require_open
from .events import EventKind, case_event_record
from .models import Case, ThreatPerson, ThreatRelation
from .services import acting_unit


def threat_person_find(*, actor: User, identity_number: str) -> Person:
    """The person registered with this identity number, for linking as a threat person (the
    search before opening a case, logged as its hit); refused with a message if there is none."""
    person = person_match_for_opening(actor=actor, identity_number=identity_number)
    if person is None:
        raise ValidationError(
            {
                "identity_number": _(
                    "No person with this identity number is registered. "
                    "Leave the number empty and describe the person instead."
                )
            }
        )
    return person


@transaction.atomic
def threat_person_add(
    *,
    actor: User,
    case: Case,
    relation: str,
    identity_number: str = "",
    description: str = "",
) -> ThreatPerson:
    """Record a threat person: linked by identity number when given, else described."""
    _require_lead(actor, case)
    require_open(case)
    if relation not in ThreatRelation.values:
        raise ValidationError({"relation": _("Choose the relation.")})
    description = " ".join(description.split())
    person = None
    if identity_number.strip():
        person = threat_person_find(actor=actor, identity_number=identity_number)
        if person.pk == case.person_id:
            raise ValidationError(
                {"identity_number": _("The threat person cannot be the case's own person.")}
            )
    elif not description:
        raise ValidationError(
            {"description": _("Give the identity number, or describe who the person is.")}
        )
    threat = ThreatPerson(
        case=case, person=person, description=description, relation=relation, recorded_by=actor
    )
    threat.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            threat.save()
    except IntegrityError as error:
        if "threat_person_one_current_per_person" in str(error):
            raise ValidationError(
                {"identity_number": _("The person is already a threat person in the case.")}
            ) from None
        raise
    unit = acting_unit(actor, case)
    case_event_record(
        case=case,
        kind=EventKind.THREAT_PERSON_ADDED,
        day=timezone.localdate(),
        actor=actor,
        unit=unit,
        threat_person=str(threat.public_id),
        relation=relation,
        linked=person is not None,
    )
    if person is not None:
        _linked_person_logged(actor=actor, person=person, unit=unit)
    return threat


@transaction.atomic
def threat_person_end(
    *, actor: User, threat: ThreatPerson, ended: datetime.date, reason: str
) -> ThreatPerson:
    """The threat person is no longer current: kept, with the day and the reason."""
    _require_lead(actor, threat.case)
    locked(threat)
    require_open(threat.case)
    if threat.ended is not None:
        raise ValidationError(_("The threat person is already no longer current."))
    require_not_future(ended, "ended")
    if ended < timezone.localdate(threat.recorded_at):
        raise ValidationError(
            {"ended": _("The threat person cannot end before they were recorded.")}
        )
    reason = reason.strip()
    if not reason:
        raise ValidationError({"end_reason": _("Write why the person is no longer a threat.")})
    threat.ended, threat.end_reason, threat.ended_by = ended, reason, actor
    threat.full_clean(validate_constraints=False)
    threat.save(update_fields=["ended", "end_reason", "ended_by"])
    unit = acting_unit(actor, threat.case)
    case_event_record(
        case=threat.case,
        kind=EventKind.THREAT_PERSON_ENDED,
        day=ended,
        actor=actor,
        unit=unit,
        threat_person=str(threat.public_id),
    )
    if threat.person is not None:
        _linked_person_logged(actor=actor, person=threat.person, unit=unit)
    return threat


def _require_lead(actor: User, case: Case) -> None:
    """Only the lead unit writes who the threat is (``policies.case_lead``): 404 otherwise."""
    if not policies.case_lead.check(actor, case):
        raise Http404


def _linked_person_logged(*, actor: User, person: Person, unit) -> None:
    """A change to what the case holds on the linked person, logged on the person alone."""
    access_log_record(
        actor=actor, kind=AccessKind.CHANGE, person=person, unit=unit, ground=AccessGround.OWN_UNIT
    )


@transaction.atomic
def case_honour_context_set(*, actor: User, case: Case, honour_context: bool) -> Case:
    """Set or clear the case's honour-related context; a change is a timeline event."""
    _require_lead(actor, case)
    locked(case)
    require_open(case)
    if case.honour_context == honour_context:
        return case
    case.honour_context = honour_context
    case.save(update_fields=["honour_context"])
    case_event_record(
        case=case,
        kind=EventKind.HONOUR_CONTEXT_SET if honour_context else EventKind.HONOUR_CONTEXT_CLEARED,
        day=timezone.localdate(),
        actor=actor,
        unit=acting_unit(actor, case),
    )
    return case
