"""Handing a case over to another district when the person moves (issue 17, decision 0049).

The lead unit proposes: the receiving unit (another district's relationship violence team),
why, and the person's consent to the hand-over, recorded as a consent that covers the
receiving unit. Until it answers, the receiving unit sees only the answer page
(``policies.case_transfers``): who the person is, who hands over, why, the consent.

Receiving the case, in one transaction: the case's district and lead unit become the
receiving unit's, the receiving unit takes part with a responsible case worker, and every part
of the earlier district ends (``PartEndReason.CASE_HANDED_OVER``): the earlier district's
units no longer see the case, and their parts, records and events stay on it as its history,
which no one changes. City-wide units (Socialjouren, the RVC, …) keep their parts.

The effect goals count each record in the district the case belonged to on the record's date
(``brytupp_case_district_on`` in migration cases 0015; docs/effect-goals.md).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from brytupp.access import policies
from brytupp.audit.models import AccessGround, AccessKind
from brytupp.audit.services import access_log_record, access_log_record_many
from brytupp.concurrency import locked
from brytupp.organisation.models import Unit, User
from brytupp.people.presentation import person_display_name

from .checks import require_not_future, require_open
from .events import EventKind, case_event_record
from .models import (
    Case,
    CaseAcceptance,
    CaseTransfer,
    CaseUnit,
    CaseUnitStatus,
    Consent,
    PartEndReason,
    TransferStatus,
)
from .services import _works_in, consent_record

CURRENT_PARTS = (CaseUnitStatus.INVITED, CaseUnitStatus.ACTIVE)


def _require_lead(actor: User, case: Case) -> Unit:
    part = policies.acting_part(actor, case)
    if not policies.part_leads(case, part):
        raise ValidationError(_("Only the lead unit hands the case over."))
    assert part is not None
    return part.unit


@transaction.atomic
def case_transfer_propose(
    *,
    actor: User,
    case: Case,
    to_unit: Unit,
    reason: str,
    consent_given,
    consent_form: str,
) -> CaseTransfer:
    """The lead unit proposes to hand the case to ``to_unit``, with the person's consent."""
    locked(case)
    require_open(case)
    from_unit = _require_lead(actor, case)
    if not policies.transfer_receiving_units(case).filter(pk=to_unit.pk).exists():
        raise ValidationError(
            {"to_unit": _("Choose the relationship violence team of another district.")}
        )
    if CaseTransfer.objects.filter(case=case, status=TransferStatus.PROPOSED).exists():
        raise ValidationError(_("A hand-over of the case already waits for an answer."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the case is handed over.")})
    require_not_future(consent_given, "consent_given")
    consent = consent_record(
        actor=actor,
        case=case,
        given=consent_given,
        form=consent_form,
        purpose=_("Hand-over of the case to %(unit)s, where the person has moved.")
        % {"unit": to_unit.name},
        units=[to_unit],
    )
    transfer = CaseTransfer(
        case=case,
        from_unit=from_unit,
        from_district_id=case.district_id,
        to_unit=to_unit,
        reason=reason.strip(),
        consent=consent,
        proposed_by=actor,
    )
    transfer.full_clean()
    transfer.save()
    case_event_record(
        case=case,
        kind=EventKind.TRANSFER_PROPOSED,
        day=timezone.localdate(),
        actor=actor,
        unit=from_unit,
        transfer=str(transfer.public_id),
        to_unit=to_unit.code,
    )
    return transfer


def _open(transfer: CaseTransfer) -> None:
    if transfer.status != TransferStatus.PROPOSED:
        raise ValidationError(_("The hand-over is no longer waiting for an answer."))


@transaction.atomic
def case_transfer_withdraw(*, actor: User, transfer: CaseTransfer) -> CaseTransfer:
    """The lead unit takes its proposal back before it is answered."""
    locked(transfer)
    _open(transfer)
    from_unit = _require_lead(actor, transfer.case)
    transfer.status = TransferStatus.WITHDRAWN
    transfer.answered_by = actor
    transfer.answered_at = timezone.now()
    transfer.answered_on = timezone.localdate()
    transfer.save(update_fields=["status", "answered_by", "answered_at", "answered_on"])
    case_event_record(
        case=transfer.case,
        kind=EventKind.TRANSFER_WITHDRAWN,
        day=transfer.answered_on,
        actor=actor,
        unit=from_unit,
        transfer=str(transfer.public_id),
    )
    return transfer


def _answerable(actor: User, transfer: CaseTransfer) -> CaseTransfer:
    """The transfer re-read under lock, if the actor may still answer it."""
    locked(transfer)
    if not policies.case_transfers.queryset(actor).filter(pk=transfer.pk).exists():
        raise ValidationError(_("The hand-over is no longer waiting for an answer."))
    return transfer


@transaction.atomic
def case_transfer_decline(*, actor: User, transfer: CaseTransfer, reason: str) -> CaseTransfer:
    """The receiving unit declines, with a reason the lead unit reads."""
    _answerable(actor, transfer)
    if not reason.strip():
        raise ValidationError({"decline_reason": _("Say why your unit declines.")})
    transfer.status = TransferStatus.DECLINED
    transfer.decline_reason = reason.strip()
    transfer.answered_by = actor
    transfer.answered_at = timezone.now()
    transfer.answered_on = timezone.localdate()
    transfer.full_clean()
    transfer.save()
    case_event_record(
        case=transfer.case,
        kind=EventKind.TRANSFER_DECLINED,
        day=transfer.answered_on,
        actor=actor,
        unit=transfer.to_unit,
        transfer=str(transfer.public_id),
    )
    return transfer


@transaction.atomic
def case_transfer_accept(
    *, actor: User, transfer: CaseTransfer, responsible: User | None
) -> CaseTransfer:
    """The receiving unit takes the case over from today (see the module's docstring)."""
    _answerable(actor, transfer)
    case = locked(transfer.case)
    require_open(case)
    to_unit = transfer.to_unit
    to_district = to_unit.district
    # Only a district's RVT receives a case (``policies.transfer_receiving_units``).
    assert to_district is not None
    if not _works_in(responsible, to_unit):
        raise ValidationError(
            {"responsible": _("The responsible case worker must work in the unit.")}
        )
    today = timezone.localdate()
    from_district = case.district
    if (
        Case.objects.filter(person=case.person, district=to_district, closed__isnull=True)
        .filter(acceptance=CaseAcceptance.ACCEPTED)
        .exclude(pk=case.pk)
        .exists()
    ):
        raise ValidationError(
            _(
                "The person already has an open case in your district. Decline the hand-over "
                "and agree with the lead unit which case goes on."
            )
        )
    # The earlier district's parts end: its units no longer see the case.
    ended = list(
        CaseUnit.objects.select_for_update()
        .filter(case=case, status__in=CURRENT_PARTS, unit__district=from_district)
        .select_related("unit")
    )
    for part in ended:
        part.status = CaseUnitStatus.LEFT
        part.left = max(today, part.joined) if part.joined else today
        part.end_reason = PartEndReason.CASE_HANDED_OVER
        part.save(update_fields=["status", "left", "end_reason"])
    received, _created = CaseUnit.objects.select_for_update().get_or_create(
        case=case, unit=to_unit, defaults={"status": CaseUnitStatus.ACTIVE, "joined": today}
    )
    received.status = CaseUnitStatus.ACTIVE
    received.joined = received.joined or today
    received.left = None
    received.end_reason = ""
    received.responsible = responsible
    received.full_clean()
    received.save()
    _open_work_reassign(case, [part.unit_id for part in ended], to_unit)
    case.district = to_district
    case.lead_unit = to_unit
    case.full_clean()
    case.save(update_fields=["district", "lead_unit"])
    transfer.status = TransferStatus.ACCEPTED
    transfer.answered_by = actor
    transfer.answered_at = timezone.now()
    transfer.answered_on = today
    transfer.save(update_fields=["status", "answered_by", "answered_at", "answered_on"])
    for part in ended:
        case_event_record(
            case=case,
            kind=EventKind.UNIT_LEFT,
            day=part.left or today,
            actor=actor,
            unit=part.unit,
            reason=PartEndReason.CASE_HANDED_OVER,
        )
    case_event_record(
        case=case,
        kind=EventKind.TRANSFER_ACCEPTED,
        day=today,
        actor=actor,
        unit=to_unit,
        transfer=str(transfer.public_id),
        from_district=from_district.code,
        to_district=to_district.code,
    )
    return transfer


def _open_work_reassign(case: Case, unit_ids: list[int], to_unit: Unit) -> None:
    """What the earlier district's units still had to do in the case goes to the receiving
    unit: open plan actions, practical-support tasks (their case worker cleared: the receiving
    unit names its own) and housing plan steps. A versioned row's version moves on, so a form
    opened on it before the hand-over writes nothing (decision 0029)."""
    from brytupp.housing.models import HousingPlanStep
    from brytupp.plans.models import OPEN_ACTION_STATUSES, PlanAction, PracticalTask

    bump = {"version": F("version") + 1}
    PlanAction.objects.filter(
        case=case, responsible_unit_id__in=unit_ids, status__in=OPEN_ACTION_STATUSES
    ).update(responsible_unit=to_unit, **bump)
    PracticalTask.objects.filter(
        case=case, responsible_unit_id__in=unit_ids, done__isnull=True
    ).update(responsible_unit=to_unit, assignee=None)
    HousingPlanStep.objects.filter(
        plan__placement__case=case, responsible_unit_id__in=unit_ids, done__isnull=True
    ).update(responsible_unit=to_unit, **bump)


# --- reads ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TransferToAnswer:
    transfer: CaseTransfer
    person_name: str
    consent: Consent


def case_transfer_get(*, actor: User, public_id) -> TransferToAnswer:
    """A hand-over waiting for the actor's unit (404 otherwise), its view logged on the
    ground of the person's consent to it."""
    transfer = policies.case_transfers.get_or_404(
        actor,
        queryset=CaseTransfer.objects.select_related(
            "case__person",
            "case__district",
            "from_unit",
            "from_district",
            "to_unit__district",
            "proposed_by",
            "consent",
        ).defer("case__account"),
        public_id=public_id,
    )
    access_log_record(
        actor=actor,
        kind=AccessKind.VIEW,
        case=transfer.case,
        unit=transfer.to_unit,
        ground=AccessGround.CONSENT,
    )
    return TransferToAnswer(
        transfer=transfer,
        person_name=person_display_name(transfer.case.person),
        consent=transfer.consent,
    )


@dataclass(frozen=True)
class Transfers:
    to_answer: list[CaseTransfer]
    # The case's hand-overs the actor's units proposed, waiting or answered in the last 30 days.
    sent: list[CaseTransfer]


SHOWN = 50
ANSWERED_SHOWN_DAYS = 30


def case_transfer_list(*, actor: User) -> Transfers:
    """Hand-overs waiting for the actor's units, and those their units proposed (no person is
    named in either: the rows link to the answer page and to the case)."""
    if not policies.case_transfers.allows(actor):
        return Transfers(to_answer=[], sent=[])
    related = ("from_unit", "from_district", "to_unit__district")
    to_answer = list(
        policies.case_transfers.queryset(actor)
        .select_related(*related, "case")
        .order_by("proposed_at", "pk")[:SHOWN]
    )
    since = timezone.now() - datetime.timedelta(days=ANSWERED_SHOWN_DAYS)
    units = [unit.pk for unit in policies.units_with_role(actor, *policies.CASE_ROLES)]
    # Only while the unit still leads the case may it follow the proposal to the case page.
    sent = list(
        CaseTransfer.objects.filter(from_unit_id__in=units)
        .filter(Q(status=TransferStatus.PROPOSED) | Q(answered_at__gte=since))
        .select_related(*related, "case")
        .order_by("-proposed_at", "-pk")[:SHOWN]
    )
    access_log_record_many(
        actor=actor, kind=AccessKind.LIST_ROW, cases=[t.case for t in to_answer + sent]
    )
    return Transfers(to_answer=to_answer, sent=sent)


def case_transfers_of(case: Case) -> list[CaseTransfer]:
    """The case's hand-overs, newest first, for the case page (the caller fetched the case
    through its rule)."""
    return list(
        CaseTransfer.objects.filter(case=case)
        .select_related("from_unit", "from_district", "to_unit__district")
        .order_by("-proposed_at", "-pk")
    )
