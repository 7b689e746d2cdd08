"""The child's own track (issue 16 items 2 and 4, decision 0045): the child's own decision,
the child's own placement dates and end, the guardians' consent to the child's support and
the child's support itself.

A child placed in protected housing with a parent gets a decision of their own: an
``Application`` about the child (``Application.child``), decided as any other
(``decisions.application_decide``: terms, delegation, reasons, appeal instructions, letter).
A bifall of protected housing for a child already placed with the parent gives the child's
row in that placement the decision and its own dates (``childs_placement_link``); a child
added to a placement later may name it (``services.placement_child_add``). Ending the
parent's placement leaves such a child placed, until the child's own end is recorded
(``placement_child_end``): Att göra lists the child meanwhile.

The child's support is a granted intervention (``Decision``) with the child and the form of
the support. It starts only when every guardian of the child has a ``GuardianConsent``: given
on a day, or not asked with the reason — the guardian who is a current threat person of the
case is offered as not asked (``guardian_consent_rows``).

Who writes is who reads the child's matters (``policies.child_matters_writable``); anyone else
finds nothing (404), as for a person who is not a child of the case. Each refusal raises
``ValidationError`` and writes nothing. The timeline and the access log get public ids only.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from brytupp.access import policies
from brytupp.cases.checks import require_not_future, require_open
from brytupp.cases.events import EventKind, case_event_record
from brytupp.cases.models import Case, ThreatPerson
from brytupp.concurrency import locked
from brytupp.organisation.models import Unit, User
from brytupp.people.models import Guardianship, Person

from .models import (
    GRANTING_OUTCOMES,
    ApplicationDecision,
    ChildSupportForm,
    Decision,
    DecisionStatus,
    GuardianConsent,
    Intervention,
    NotAskedReason,
    PlacementChild,
    PlacementEndReason,
)
from .services import decision_make


def child_of_case_checked(case: Case, child: Person | None, *, actor: User) -> None:
    """Refused unless ``child`` is a child in the case whose matters the actor reads: the same
    refusal for a person who is not a child of the case and a child the actor may not see."""
    if child is None:
        return
    if child.pk == case.person_id or not policies.child_matters_readable(actor, case, child):
        raise ValidationError({"child": _("Choose a child of the case.")})


def _writing_unit(actor: User, case: Case, child: Person) -> Unit:
    """The unit the actor writes the child's matters through: 404 for anyone who may not."""
    if not policies.child_matters_writable(actor, case, child):
        raise Http404
    return policies.child_matters_units_of(actor, case, child)[0]


# --- the child's own decision and placement --------------------------------------------------


def childs_own_decision_checked(
    decision: ApplicationDecision, *, case: Case, child: Person
) -> datetime.date:
    """Refused unless ``decision`` is the child's own decision in force granting protected
    housing in ``case``; the day its grant starts."""
    application = decision.application
    granted = decision.granted
    if (
        application.case_id != case.pk
        or application.child_id != child.pk
        or decision.status != DecisionStatus.IN_FORCE
        or decision.outcome not in GRANTING_OUTCOMES
        or granted is None
        or granted.intervention != Intervention.SKYDDAT_BOENDE
    ):
        raise ValidationError(
            {"decision": _("Choose the child's own decision in force granting protected housing.")}
        )
    return granted.start


def childs_decisions(case: Case, child: Person):
    """The child's own decisions in force granting protected housing, newest first."""
    return (
        ApplicationDecision.objects.filter(
            application__case=case,
            application__child=child,
            status=DecisionStatus.IN_FORCE,
            granted__intervention=Intervention.SKYDDAT_BOENDE,
        )
        .select_related("granted", "application")
        .order_by("-decided", "-pk")
    )


def childs_placement_link(decision: ApplicationDecision) -> PlacementChild | None:
    """After a bifall of protected housing for a child: the child's row in an ongoing
    placement of the case gets the decision and is placed from its start (or the placement's,
    if later). A child not yet placed is linked when added (``placement_child_add``)."""
    application = decision.application
    granted = decision.granted
    if application.child_id is None or granted is None:
        return None
    if granted.intervention != Intervention.SKYDDAT_BOENDE:
        return None
    placed = (
        PlacementChild.objects.select_related("placement")
        .filter(
            placement__case=application.case,
            placement__end__isnull=True,
            child_id=application.child_id,
            end__isnull=True,
        )
        .order_by("-placement__start")
        .first()
    )
    if placed is None:
        return None
    placed.decision = decision
    placed.start = max(granted.start, placed.placement.start)
    placed.save(update_fields=["decision", "start"])
    return placed


@transaction.atomic
def placement_child_end(
    *, actor: User, placed: PlacementChild, end: datetime.date, end_reason: str
) -> PlacementChild:
    """The child's own end of a placement on the child's own decision: not before the child
    was placed, not in the future, with the reason. Also after the case closed, as the
    parent's placement."""
    case = placed.placement.case
    unit = _writing_unit_open_or_closed(actor, case, placed.child)
    locked(placed)
    if placed.end is not None or (placed.start is None and placed.placement.end is not None):
        raise ValidationError(_("The child's placement has already ended."))
    if placed.decision_id is None:
        raise ValidationError(
            _("The child is placed with the parent only: the child's placement ends with theirs.")
        )
    require_not_future(end, "end")
    if end < placed.placed_from:
        raise ValidationError({"end": _("The end cannot be before the child was placed.")})
    if end_reason not in PlacementEndReason.values:
        raise ValidationError({"end_reason": _("State why the placement ended.")})
    placed.end, placed.end_reason = end, end_reason
    placed.full_clean(validate_constraints=False)
    placed.save(update_fields=["end", "end_reason"])
    case_event_record(
        case=case,
        kind=EventKind.CHILD_PLACEMENT_ENDED,
        day=end,
        actor=actor,
        unit=unit,
        child=str(placed.child.public_id),
        placement=str(placed.placement.public_id),
        end_reason=end_reason,
    )
    return placed


def _writing_unit_open_or_closed(actor: User, case: Case, child: Person) -> Unit:
    """As ``_writing_unit``, also in a closed case (a child who left the housing must not
    stay placed in the records because the case closed first)."""
    if not policies.child_matters_readable(actor, case, child):
        raise Http404
    return policies.child_matters_units_of(actor, case, child)[0]


# --- the guardians' consent ------------------------------------------------------------------


@dataclass
class GuardianConsentRow:
    """One guardian of the child, with the consent recorded (or None) and whether the
    guardian is a current threat person of the case (the form offers "not asked")."""

    guardian: Person
    consent: GuardianConsent | None
    threat: bool

    @property
    def covered(self) -> bool:
        return self.consent is not None


def child_guardians(child: Person) -> list[Person]:
    return list(
        Person.objects.filter(
            pk__in=Guardianship.objects.filter(child=child).values("guardian_id")
        ).order_by("pk")
    )


def _threat_person_ids(case: Case) -> set[int]:
    return set(
        ThreatPerson.objects.filter(
            case=case, ended__isnull=True, person__isnull=False
        ).values_list("person_id", flat=True)
    )


def guardian_consent_rows(case: Case, child: Person) -> list[GuardianConsentRow]:
    """Each guardian of the child, with the consent recorded in the case."""
    consents = {c.guardian_id: c for c in GuardianConsent.objects.filter(case=case, child=child)}
    threats = _threat_person_ids(case)
    return [
        GuardianConsentRow(guardian=g, consent=consents.get(g.pk), threat=g.pk in threats)
        for g in child_guardians(child)
    ]


@transaction.atomic
def guardian_consent_record(
    *,
    actor: User,
    case: Case,
    child: Person,
    guardian: Person,
    given: datetime.date | None = None,
    not_asked_reason: str = "",
    not_asked_text: str = "",
) -> GuardianConsent:
    """A guardian's consent to the child's support: given on a day, or not asked with the
    reason (the guardian is the threat person, or another reason written out). Recorded again,
    it replaces the earlier one."""
    unit = _writing_unit(actor, case, child)
    require_open(case)
    if not Guardianship.objects.filter(child=child, guardian=guardian).exists():
        raise ValidationError({"guardian": _("Choose a guardian of the child.")})
    not_asked_text = not_asked_text.strip()
    if given is not None and not_asked_reason:
        raise ValidationError(
            _("Either the consent was given on a day, or the guardian was not asked: not both.")
        )
    if given is None and not not_asked_reason:
        raise ValidationError(
            {"given": _("Give the day the consent was given, or why the guardian was not asked.")}
        )
    if given is not None:
        require_not_future(given, "given")
        not_asked_text = ""
    elif not_asked_reason not in NotAskedReason.values:
        raise ValidationError({"not_asked_reason": _("Choose why the guardian was not asked.")})
    elif not_asked_reason == NotAskedReason.OTHER and not not_asked_text:
        raise ValidationError({"not_asked_text": _("Write why the guardian was not asked.")})
    elif not_asked_reason == NotAskedReason.THREAT_PERSON and guardian.pk not in _threat_person_ids(
        case
    ):
        raise ValidationError(
            {"not_asked_reason": _("The guardian is not a current threat person of the case.")}
        )
    consent, _created = GuardianConsent.objects.select_for_update().get_or_create(
        case=case,
        child=child,
        guardian=guardian,
        defaults={
            "given": given,
            "not_asked_reason": not_asked_reason,
            "not_asked_text": not_asked_text,
            "recorded_by": actor,
        },
    )
    consent.given, consent.not_asked_reason = given, not_asked_reason
    consent.not_asked_text, consent.recorded_by = not_asked_text, actor
    consent.full_clean(validate_constraints=False)
    consent.save()
    case_event_record(
        case=case,
        kind=EventKind.GUARDIAN_CONSENT_RECORDED,
        day=given or timezone.localdate(),
        actor=actor,
        unit=unit,
        child=str(child.public_id),
        guardian=str(guardian.public_id),
        given=given,
        not_asked_reason=not_asked_reason,
    )
    return consent


def guardian_consents_required(case: Case, child: Person) -> None:
    """Refused until every guardian of the child has a consent or a reason it was not asked."""
    missing = [row for row in guardian_consent_rows(case, child) if not row.covered]
    if missing:
        raise ValidationError(
            _(
                "Record each guardian's consent, or why they were not asked, before the "
                "child's support starts: %(count)d guardian(s) missing."
            )
            % {"count": len(missing)}
        )


# --- the child's support ---------------------------------------------------------------------


@transaction.atomic
def child_support_start(
    *,
    actor: User,
    case: Case,
    child: Person,
    support_form: str,
    start: datetime.date,
    end: datetime.date | None = None,
    provider_name: str = "",
) -> Decision:
    """The child's own support (``Intervention.STOD_BARN``, its form a detail), granted by the
    unit that writes the child's matters; refused until every guardian has a consent or a
    reason."""
    unit = _writing_unit(actor, case, child)
    require_open(case)
    if support_form not in ChildSupportForm.values:
        raise ValidationError({"support_form": _("Choose the form of the child's support.")})
    require_not_future(start, "start")
    guardian_consents_required(case, child)
    return decision_make(
        actor=actor,
        case=case,
        intervention=Intervention.STOD_BARN,
        decided=start,
        start=start,
        end=end,
        provider_name=provider_name,
        decided_by=unit,
        child=child,
        child_support_form=support_form,
    )
