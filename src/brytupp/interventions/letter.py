"""The decision letter (beslutsmeddelande, issue 15 item 2): what a decision on an application
says, as it is sent to the person, in Swedish, as a PDF (``letter_views``, decision 0012).

Only a user of the unit that follows the decision up (``policies.application_followed_up_by``:
the unit that decided, or the lead unit for Socialjouren's after-hours decision) produces it; anyone
else, and a decision of another case, gets the same 404 and nothing is logged. Producing it is
an export of the person's data, logged as such.

A protected person's name, number and address are masked everywhere but in a reveal, with a
reason, logged (decision 0010): the letter names them "Skyddad identitet" and prints no address
(``policies.address_withheld``); the lead unit chooses how the letter reaches them
(``LetterDelivery``), and the letter prints that delivery instead. The unit hands it over as
the delivery says, knowing whom from its own reveal. Nothing of the person is in
the URL or the file name: the decision's short id names it.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from brytupp.access import policies
from brytupp.audit.models import AccessKind
from brytupp.audit.services import access_log_record
from brytupp.cases.events import EventKind, case_event_record
from brytupp.concurrency import locked
from brytupp.organisation.models import User
from brytupp.people.presentation import (
    person_display_address,
    person_display_name,
    placed_child_display_name,
)

from .models import ApplicationDecision, DecisionOutcome, LetterDelivery
from .presentation import decision_period

# The letter is the person's, in Swedish whatever the user's language.
LETTER_LANGUAGE = "sv"


def _outcome_words(outcome: str) -> str:
    return {
        DecisionOutcome.BIFALL: pgettext("decision letter", "Granted"),
        DecisionOutcome.DELVIS_BIFALL: pgettext("decision letter", "Partly granted"),
        DecisionOutcome.AVSLAG: pgettext("decision letter", "Refused"),
    }[DecisionOutcome(outcome)]


@dataclass(frozen=True)
class DecisionLetter:
    """The letter's content, as text in the letter's language."""

    decision_short: str
    district: str
    unit: str
    letter_date: datetime.date
    recipient: str
    # The address lines, or the delivery's wording; empty when neither is printed.
    address_lines: list[str]
    delivery: str
    application_kind: str
    received: datetime.date
    asked: str
    outcome: str
    decided: datetime.date
    granted: str
    legal_ground: str
    reasons: str
    decision_maker: str
    delegation: str
    appeal_instructions: str

    @property
    def file_name(self) -> str:
        return f"beslutsmeddelande-{self.decision_short}.pdf"


def _decision_fetched(case_id: uuid.UUID, decision_id: uuid.UUID) -> ApplicationDecision | None:
    return (
        ApplicationDecision.objects.select_related(
            "application__case__person",
            "application__case__district",
            "application__unit",
            "application__child",
            "legal_ground",
            "decision_maker",
            "delegation",
            "granted",
            "appeal",
        )
        .filter(public_id=decision_id, application__case__public_id=case_id)
        .first()
    )


def _maker_and_delegation(decision: ApplicationDecision) -> tuple[str, str]:
    if decision.appeal is not None:
        return decision.appeal.court, ""
    maker = decision.decision_maker
    name = (maker.get_full_name() or maker.username) if maker is not None else ""
    delegation = ""
    if decision.delegation is not None:
        delegation = _("%(role)s, under the delegation of %(unit)s") % {
            "role": decision.delegation.get_role_display(),
            "unit": decision.application.unit.name,
        }
    return name, delegation


def _recipient(decision: ApplicationDecision) -> str:
    """The person; for the child's own decision (decision 0045) the child's guardians, the
    child named as everywhere (masked when protected, or when the parent is)."""
    application = decision.application
    case = application.case
    if application.child is None:
        return person_display_name(case.person)
    child = placed_child_display_name(application.child, parent=case.person)
    return _("Guardians of %(child)s") % {"child": child}


def _recipient_address(decision: ApplicationDecision, part) -> tuple[list[str], str]:
    """The address lines, or for a protected person the chosen delivery's wording. For the
    child's own decision the person's, the parent with whom the child lives; none when the
    child is protected."""
    case = decision.application.case
    person = case.person
    child = decision.application.child
    if child is not None and child.is_protected and not person.is_protected:
        return [], ""
    if person.is_protected:
        if decision.letter_delivery:
            return [], str(LetterDelivery(decision.letter_delivery).label)
        return [], ""
    if policies.address_withheld(case, part) or not person.address_sealed:
        return [], ""
    address = person_display_address(person, withheld=False)
    return [line.strip() for line in address.replace(",", "\n").splitlines() if line.strip()], ""


def _content(decision: ApplicationDecision, part) -> DecisionLetter:
    application = decision.application
    case = application.case
    address_lines, delivery = _recipient_address(decision, part)
    maker, delegation = _maker_and_delegation(decision)
    granted = ""
    if decision.granted is not None:
        granted = (
            f"{decision.granted.get_intervention_display()}, {decision_period(decision.granted)}"
        )
    return DecisionLetter(
        decision_short=str(decision.public_id)[:8],
        district=case.district.name,
        unit=application.unit.name,
        letter_date=timezone.localdate(),
        recipient=_recipient(decision),
        address_lines=address_lines,
        delivery=delivery,
        application_kind=str(application.get_kind_display()),
        received=application.received,
        asked=application.asked,
        outcome=_outcome_words(decision.outcome),
        decided=decision.decided,
        granted=granted,
        legal_ground=str(decision.legal_ground),
        reasons=decision.reasons,
        decision_maker=maker,
        delegation=delegation,
        appeal_instructions=decision.appeal_instructions,
    )


def decision_letter_get(
    *, actor: User, case_id: uuid.UUID, decision_id: uuid.UUID
) -> DecisionLetter:
    """The letter of a decision in the case, for a user of the unit that follows it up (the
    unit that decided; the lead unit for Socialjouren's after-hours decision); logged as an
    export of the person's data. 404 alike for a decision that does not exist, one of another
    case, and a user of any other unit."""
    decision = _decision_fetched(case_id, decision_id)
    if decision is None:
        raise Http404
    application = decision.application
    case = application.case
    if not policies.application_followed_up_by(actor, application, case):
        raise Http404
    part = policies.acting_part(actor, case)
    with translation.override(LETTER_LANGUAGE):
        letter = _content(decision, part)
    access_log_record(
        actor=actor,
        kind=AccessKind.EXPORT,
        case=case,
        ground=policies.access_ground(actor, case, part=part),
        unit=policies.application_follow_up_unit(application, case),
    )
    return letter


def decision_for_delivery(
    *, actor: User, case_id: uuid.UUID, decision_id: uuid.UUID
) -> ApplicationDecision:
    """A decision whose letter's delivery the actor chooses: a user of the case's lead unit,
    for a decision in the case (404 otherwise). The view is logged."""
    decision = _decision_fetched(case_id, decision_id)
    if decision is None:
        raise Http404
    case = decision.application.case
    part = policies.acting_part(actor, case)
    if not policies.part_leads(case, part):
        raise Http404
    access_log_record(
        actor=actor,
        kind=AccessKind.VIEW,
        case=case,
        ground=policies.access_ground(actor, case, part=part),
    )
    return decision


@transaction.atomic
def decision_letter_delivery_set(
    *, actor: User, decision: ApplicationDecision, letter_delivery: str
) -> ApplicationDecision:
    """The lead unit chooses how a protected person's decision letter reaches them; the letter
    then prints that instead of an address. The timeline names the choice, never an address."""
    case = decision.application.case
    if not policies.part_leads(case, policies.acting_part(actor, case)):
        raise Http404
    locked(decision)
    if not case.person.is_protected:
        raise ValidationError(
            _("The person's identity is not protected: the letter is sent to their address.")
        )
    if letter_delivery not in LetterDelivery.values:
        raise ValidationError({"letter_delivery": _("Choose how the letter reaches the person.")})
    decision.letter_delivery = letter_delivery
    decision.save(update_fields=["letter_delivery"])
    case_event_record(
        case=case,
        kind=EventKind.DECISION_LETTER_DELIVERY_CHOSEN,
        day=timezone.localdate(),
        actor=actor,
        unit=case.lead_unit,
        decision=str(decision.public_id),
        letter_delivery=letter_delivery,
    )
    return decision
