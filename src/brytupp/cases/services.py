"""Writes to a case: opening, the person's account, consent, joint handling, closing.

Every write runs in a transaction, checks the domain rules (a refusal raises
``ValidationError`` and changes nothing) and records a timeline event.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from brytupp.access import policies
from brytupp.concurrency import locked, versioned_update
from brytupp.organisation.models import District, Membership, Partner, Unit, User
from brytupp.people.models import Person
from brytupp.people.services import person_address_set

from .account import account_carry, account_version_save
from .checks import require_not_future, require_open
from .events import EventKind, case_event_record
from .models import Case, CaseAcceptance, CaseUnit, CaseUnitStatus, Consent, PartEndReason
from .running import case_running
from .selectors import invitable_units

CURRENT = (CaseUnitStatus.INVITED, CaseUnitStatus.ACTIVE)
# Refusals asserted by the tests (decision 0039); marked for the catalogue, translated where
# raised.
DESCRIPTION_OUTSIDE_SCOPE = gettext_noop(
    "The description of violence can be shared only with units the consent covers."
)
THREAT_CLIENT_REFUSAL = gettext_noop(
    "A threat person in this case is a client of that unit: the lead unit's manager must decide."
)


def acting_unit(actor: User | None, case: Case) -> Unit | None:
    part = policies.acting_part(actor, case) if actor is not None else None
    return part.unit if part else None


@transaction.atomic
def case_open(
    *,
    person: Person,
    district: District,
    lead_unit: Unit,
    source: str,
    opened: datetime.date,
    actor: User | None = None,
    previous_case: Case | None = None,
    acceptance: str = CaseAcceptance.ACCEPTED,
) -> Case:
    """Open a case; the lead unit takes part from the day it opens.

    A person has one open accepted case per district at a time, which the database enforces
    too (``case_one_open_per_person_district``); a pending case may stand beside it until the
    holding unit answers (decision 0016). A case opened after an earlier one closed is
    linked to it (återaktualisering). A user opening a case goes through
    ``opening.case_opening_submit``, which decides whether it waits for acceptance; this
    function alone serves the system's writers (the demo's history, the tests' factories).
    """
    if lead_unit.district_id not in (None, district.pk):
        raise ValidationError({"lead_unit": _("The lead unit belongs to another district.")})
    require_not_future(opened, "opened")
    if acceptance == CaseAcceptance.ACCEPTED and open_case_exists(person=person, district=district):
        raise _second_open_case()
    if previous_case is None:
        previous_case = (
            # A refused opening was never the person's case: nothing is re-actualised from it.
            Case.objects.filter(
                person=person,
                closed__isnull=False,
                closed__lte=opened,
                acceptance=CaseAcceptance.ACCEPTED,
            )
            .order_by("-closed", "-pk")
            .first()
        )
    case = Case(
        person=person,
        district=district,
        lead_unit=lead_unit,
        source=source,
        opened=opened,
        previous_case=previous_case,
        acceptance=acceptance,
    )
    case.full_clean()
    try:
        with transaction.atomic():
            case.save()
    except IntegrityError as error:
        # Another opening won the race between the check above and this insert.
        if "case_one_open_per_person_district" in str(error):
            raise _second_open_case() from None
        raise
    responsible = actor if actor is not None and _works_in(actor, lead_unit) else None
    CaseUnit.objects.create(
        case=case,
        unit=lead_unit,
        status=CaseUnitStatus.ACTIVE,
        joined=opened,
        responsible=responsible,
    )
    case_event_record(
        case=case, kind=EventKind.OPENED, day=opened, actor=actor, unit=lead_unit, source=source
    )
    if previous_case is not None:
        case_event_record(
            case=case,
            kind=EventKind.REOPENED_FROM,
            day=opened,
            actor=actor,
            unit=lead_unit,
            previous_closed=previous_case.closed,
        )
        account_carry(case=case)
    return case


def open_case_exists(*, person: Person, district: District) -> bool:
    """Whether the person has an open accepted case in the district: the database's rule."""
    return Case.objects.filter(
        person=person,
        district=district,
        closed__isnull=True,
        acceptance=CaseAcceptance.ACCEPTED,
    ).exists()


def _second_open_case() -> ValidationError:
    return ValidationError(_("The person already has an open case in this district."))


def _works_in(user: User | None, unit: Unit, on: datetime.date | None = None) -> bool:
    return (
        Membership.objects.in_force(on or timezone.localdate())
        .filter(user=user, unit=unit, role__in=policies.CASE_ROLES, user__is_active=True)
        .exists()
    )


@transaction.atomic
def case_account_write(
    *, actor: User, case: Case, account: str, version: int | None = None, reason: str = ""
) -> Case:
    """The person's account, told once and shown to every unit in the case.

    ``version`` is the case's version when the form was opened: if someone saved the account
    since, nothing is written and ``ChangedSinceOpened`` shows their text (decision 0029).
    Changing an account already written is a correction: it says why (``reason``), as a
    journal note's correction does, and the earlier version is kept.
    """
    require_open(case)
    account, reason = account.strip(), reason.strip()
    if not account:
        raise ValidationError({"account": _("Write the person's account.")})
    # Saved by someone else since the form was opened: ``versioned_update`` shows their text.
    changed_since = version is not None and version != case.version
    if case.account and not reason and not changed_since:
        raise ValidationError(
            {"reason": _("Say why the account is changed: the earlier version is kept.")}
        )
    case_had = bool(case.account)
    versioned_update(
        case,
        opened=version,
        fields={"account": account},
        shown=lambda now: {_("The person's account"): now.account},
    )
    unit = acting_unit(actor, case)
    saved = account_version_save(
        case=case, text=account, actor=actor, unit=unit, reason=reason if case_had else ""
    )
    case_event_record(
        case=case,
        kind=EventKind.ACCOUNT_WRITTEN,
        day=timezone.localdate(),
        actor=actor,
        unit=unit,
        version=saved.number,
    )
    return case


ADDRESS_MAX_LENGTH = 200


@transaction.atomic
def person_address_record(*, actor: User, case: Case, address: str) -> Case:
    """Where the person lives, recorded by the lead unit of the person's oldest open accepted
    case (``policies.person_address``), sealed; an empty address forgets it. The timeline
    notes that it changed, never what it is."""
    if not policies.person_address.check(actor, case):
        raise Http404
    require_open(case)
    address = " ".join(address.split())
    if len(address) > ADDRESS_MAX_LENGTH:
        raise ValidationError(
            {
                "address": _("Write the address in at most %(n)d characters.")
                % {"n": ADDRESS_MAX_LENGTH}
            }
        )
    person_address_set(person=case.person, address=address)
    case_event_record(
        case=case,
        kind=EventKind.ADDRESS_RECORDED,
        day=timezone.localdate(),
        actor=actor,
        unit=acting_unit(actor, case),
    )
    return case


@transaction.atomic
def consent_record(
    *,
    actor: User,
    case: Case,
    given: datetime.date,
    form: str,
    purpose: str,
    units: list[Unit],
    partners: Sequence[Partner] = (),
    expires: datetime.date | None = None,
    violence_description_units: Sequence[Unit] = (),
) -> Consent:
    """Record the person's consent to share the case with the units and partners named, and
    the description of violence with ``violence_description_units``, some of those units
    (decision 0039)."""
    require_open(case)
    require_not_future(given, "given")
    if expires is not None and expires < given:
        raise ValidationError({"expires": _("The consent cannot expire before it was given.")})
    if not units and not partners:
        raise ValidationError({"units": _("Name at least one unit or partner the consent covers.")})
    if any(unit not in units for unit in violence_description_units):
        raise ValidationError({"violence_description_units": _(DESCRIPTION_OUTSIDE_SCOPE)})
    consent = Consent(
        case=case,
        given=given,
        form=form,
        purpose=purpose.strip(),
        expires=expires,
        recorded_by=actor,
    )
    consent.full_clean()
    consent.save()
    consent.units.set(units)
    consent.partners.set(partners)
    consent.violence_description_units.set(violence_description_units)
    case_event_record(
        case=case,
        kind=EventKind.CONSENT_RECORDED,
        day=given,
        actor=actor,
        unit=acting_unit(actor, case),
        consent=str(consent.public_id),
        units=sorted(unit.code for unit in units),
        partners=sorted(partner.code for partner in partners),
        expires=expires,
        **(
            {"violence_description_units": sorted(u.code for u in violence_description_units)}
            if violence_description_units
            else {}
        ),
    )
    return consent


@transaction.atomic
def consent_withdraw(
    *, actor: User, consent: Consent, withdrawn: datetime.date, unit: Unit | None = None
) -> Consent:
    """Withdraw a consent, whole or (``unit``) for one of the units it covers.

    For one unit, the consent is withdrawn and a new one with the same purpose, form and
    expiry, covering its other units and partners, continues it from the same day
    (``Consent.continues``, decision 0034): a consent's scope is never edited in place, so
    the case keeps what was consented to when. Units no consent in force covers any more
    lose their access at once and their part ends ("Ended", ``PartEndReason``); what they
    recorded stays in the case, attributed to them.
    """
    locked(consent)
    if consent.withdrawn is not None:
        raise ValidationError(_("The consent is already withdrawn."))
    require_not_future(withdrawn, "withdrawn")
    if withdrawn < consent.given:
        raise ValidationError(
            {"withdrawn": _("A consent cannot be withdrawn before it was given.")}
        )
    units = list(consent.units.all())
    partners = list(consent.partners.all())
    if unit is not None and unit not in units:
        raise ValidationError({"scope": _("The consent does not cover this unit.")})
    consent.withdrawn = withdrawn
    consent.save(update_fields=["withdrawn"])
    remaining = [u for u in units if u != unit] if unit is not None else []
    continued = None
    if remaining or (unit is not None and partners):
        continued = _consent_continue(consent, actor=actor, day=withdrawn, units=remaining)
    case_event_record(
        case=consent.case,
        kind=EventKind.CONSENT_WITHDRAWN,
        day=withdrawn,
        actor=actor,
        unit=acting_unit(actor, consent.case),
        consent=str(consent.public_id),
        **({"for_unit": unit.code} if unit is not None else {}),
        **({"continued_by": str(continued.public_id)} if continued is not None else {}),
    )
    parts_end_uncovered(case=consent.case, day=withdrawn, actor=actor)
    return consent


def _consent_continue(
    consent: Consent, *, actor: User, day: datetime.date, units: list[Unit]
) -> Consent | None:
    """The consent for the units and partners the person did not withdraw, from ``day``;
    none when the consent had already expired then."""
    if consent.expires is not None and consent.expires < day:
        return None
    continued = Consent.objects.create(
        case=consent.case,
        given=day,
        form=consent.form,
        purpose=consent.purpose,
        expires=consent.expires,
        recorded_by=actor,
        continues=consent,
    )
    continued.units.set(units)
    continued.partners.set(consent.partners.all())
    # The description of violence stays shared with the units that remain (decision 0039).
    continued.violence_description_units.set(
        [u for u in consent.violence_description_units.all() if u in units]
    )
    return continued


def parts_end_uncovered(*, case: Case, day: datetime.date, actor: User | None) -> list[CaseUnit]:
    """End the parts (invited or taking part) of units other than the lead that no consent in
    force today covers: after a withdrawal the case page shows them "Ended", not "Taking
    part", and the unit's start page says that the case is no longer shared with it."""
    today = timezone.localdate()
    covered = Unit.objects.filter(
        consents__in=Consent.objects.in_force(today).filter(case=case)
    ).values("pk")
    ended = list(
        CaseUnit.objects.select_for_update()
        .filter(case=case, status__in=CURRENT)
        .exclude(unit_id=case.lead_unit_id)
        .exclude(unit_id__in=covered)
        .select_related("unit")
    )
    for part in ended:
        part.status = CaseUnitStatus.LEFT
        part.left = max(day, part.joined) if part.joined else day
        part.end_reason = PartEndReason.CONSENT_WITHDRAWN
        part.save(update_fields=["status", "left", "end_reason"])
        case_event_record(
            case=case,
            kind=EventKind.UNIT_LEFT,
            day=part.left,
            actor=actor,
            unit=part.unit,
            reason=PartEndReason.CONSENT_WITHDRAWN,
        )
    return ended


def consent_covers(case: Case, unit: Unit, on: datetime.date) -> bool:
    return Consent.objects.in_force(on).filter(case=case, units=unit).exists()


@transaction.atomic
def case_unit_invite(
    *,
    actor: User,
    case: Case,
    unit: Unit,
    invited: datetime.date,
    threat_decision: bool = False,
    threat_decision_reason: str = "",
) -> CaseUnit:
    """The lead unit invites a unit of ``selectors.invitable_units``: one the person's consent
    covers that is not yet invited or taking part.

    A unit that has a current threat person of the case as a client is invited only on the
    explicit decision (``threat_decision``, with a reason) of a manager of the lead unit
    (``policies.unit_has_threat_person_as_client``, decision 0039); anyone else is refused
    with a message that tells nothing of the other case."""
    require_open(case)
    require_not_future(invited, "invited")
    if not invitable_units(case=case, on=invited).filter(pk=unit.pk).exists():
        raise ValidationError({"unit": _not_invitable(case, unit)})
    threat_decision_reason = threat_decision_reason.strip()
    decided = policies.unit_has_threat_person_as_client(case, unit)
    if decided:
        if not (threat_decision and policies.may_decide_threat_person_invitation(actor, case)):
            raise ValidationError({"unit": _(THREAT_CLIENT_REFUSAL)})
        if not threat_decision_reason:
            raise ValidationError(
                {"threat_decision_reason": _("Write the reason for your decision.")}
            )
    try:
        with transaction.atomic():
            part = CaseUnit.objects.create(
                case=case,
                unit=unit,
                status=CaseUnitStatus.INVITED,
                invited=invited,
                threat_decision_reason=threat_decision_reason if decided else "",
            )
    except IntegrityError as error:
        # Another user of the lead unit invited it after the check above (decision 0029).
        if "case_unit_one_current_part" in str(error):
            raise ValidationError(
                {"unit": _("The unit is already invited or taking part.")}
            ) from None
        raise
    case_event_record(
        case=case,
        kind=EventKind.UNIT_INVITED,
        day=invited,
        actor=actor,
        unit=case.lead_unit,
        invited_unit=unit.code,
    )
    if decided:
        case_event_record(
            case=case,
            kind=EventKind.THREAT_INVITATION_DECIDED,
            day=invited,
            actor=actor,
            unit=case.lead_unit,
            invited_unit=unit.code,
        )
    return part


def _not_invitable(case: Case, unit: Unit) -> str:
    """Why ``invitable_units`` leaves the unit out, for the refusal's message."""
    if unit.pk == case.lead_unit_id:
        return _("The lead unit already takes part.")
    if CaseUnit.objects.filter(case=case, unit=unit, status__in=CURRENT).exists():
        return _("The unit is already invited or taking part.")
    return _("The person's consent does not cover this unit.")


@transaction.atomic
def case_unit_accept(
    *, actor: User, part: CaseUnit, joined: datetime.date, responsible: User | None
) -> CaseUnit:
    """The invited unit accepts and names its responsible case worker."""
    locked(part)
    if part.status != CaseUnitStatus.INVITED:
        raise ValidationError(_("The invitation is no longer open."))
    require_open(part.case)
    require_not_future(joined, "joined")
    if part.invited is not None and joined < part.invited:
        raise ValidationError({"joined": _("A unit cannot join before it was invited.")})
    if not consent_covers(part.case, part.unit, joined):
        raise ValidationError(_("The person's consent does not cover this unit."))
    if not _works_in(responsible, part.unit):
        raise ValidationError(
            {"responsible": _("The responsible case worker must work in the unit.")}
        )
    part.status = CaseUnitStatus.ACTIVE
    part.joined = joined
    part.responsible = responsible
    part.save(update_fields=["status", "joined", "responsible"])
    case_event_record(
        case=part.case, kind=EventKind.UNIT_JOINED, day=joined, actor=actor, unit=part.unit
    )
    return part


@transaction.atomic
def case_unit_decline(*, actor: User, part: CaseUnit, day: datetime.date, reason: str) -> CaseUnit:
    """The invited unit declines, with a reason the lead unit reads on the case page."""
    locked(part)
    if part.status != CaseUnitStatus.INVITED:
        raise ValidationError(_("The invitation is no longer open."))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"decline_reason": _("Write why your unit declines.")})
    part.status = CaseUnitStatus.DECLINED
    part.left = day
    part.decline_reason = reason
    part.full_clean()
    part.save(update_fields=["status", "left", "decline_reason"])
    case_event_record(
        case=part.case, kind=EventKind.UNIT_DECLINED, day=day, actor=actor, unit=part.unit
    )
    return part


@transaction.atomic
def case_unit_join(
    *,
    case: Case,
    unit: Unit,
    joined: datetime.date,
    actor: User | None = None,
    responsible: User | None = None,
) -> CaseUnit:
    """A unit covered by consent joins directly (migration of earlier joint handling)."""
    require_open(case)
    if joined < case.opened:
        raise ValidationError({"joined": _("A unit cannot join before the case opened.")})
    if not consent_covers(case, unit, joined):
        raise ValidationError({"unit": _("The person's consent does not cover this unit.")})
    part = CaseUnit(
        case=case,
        unit=unit,
        status=CaseUnitStatus.ACTIVE,
        invited=joined,
        joined=joined,
        responsible=responsible,
    )
    part.full_clean()
    part.save()
    case_event_record(case=case, kind=EventKind.UNIT_JOINED, day=joined, actor=actor, unit=unit)
    return part


@transaction.atomic
def case_responsible_set(*, actor: User, part: CaseUnit, responsible: User | None) -> CaseUnit:
    if not _works_in(responsible, part.unit):
        raise ValidationError(
            {"responsible": _("The responsible case worker must work in the unit.")}
        )
    part.responsible = responsible
    part.save(update_fields=["responsible"])
    return part


@transaction.atomic
def case_close(
    *, case: Case, closed: datetime.date, reason: str, actor: User | None = None
) -> Case:
    """Close a case with a reason. A later contact opens a new case, linked to this one.

    Refused, with the list, while a placement, a decision or a plan action still runs past
    the day it closes (``running.case_running``); ``closing.case_close_ending`` ends them in
    the same step.

    Closed once: the case is re-read under a row lock, so of two racing closings the second
    finds it closed and is refused with "The case is closed."; one closed event.
    """
    locked(case)
    require_open(case)
    if not reason:
        raise ValidationError({"closure_reason": _("State why the case is closed.")})
    require_not_future(closed, "closed")
    if closed < case.opened:
        raise ValidationError({"closed": _("A case cannot close before it opened.")})
    running = case_running(case, on=closed)
    if running:
        raise ValidationError(
            _("End first what still runs in the case: %(items)s.")
            % {"items": "; ".join(running.labels())},
            code="running",
        )
    case.closed = closed
    case.closure_reason = reason
    case.full_clean()
    case.save(update_fields=["closed", "closure_reason"])
    case_event_record(
        case=case,
        kind=EventKind.CLOSED,
        day=closed,
        actor=actor,
        unit=case.lead_unit,
        reason=reason,
    )
    return case
