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

from brytupp.access import policies
from brytupp.concurrency import locked, versioned_update
from brytupp.organisation.models import District, Membership, Partner, Unit, User
from brytupp.people.models import Person
from brytupp.people.services import person_address_set

from .checks import require_not_future, require_open
from .events import EventKind, case_event_record
from .models import Case, CaseAcceptance, CaseUnit, CaseUnitStatus, Consent
from .selectors import invitable_units

CURRENT = (CaseUnitStatus.INVITED, CaseUnitStatus.ACTIVE)


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
    *, actor: User, case: Case, account: str, version: int | None = None
) -> Case:
    """The person's account, told once and shown to every unit in the case.

    ``version`` is the case's version when the form was opened: if someone saved the account
    since, nothing is written and ``ChangedSinceOpened`` shows their text (decision 0029).
    """
    require_open(case)
    account = account.strip()
    if not account:
        raise ValidationError({"account": _("Write the person's account.")})
    versioned_update(
        case,
        opened=version,
        fields={"account": account},
        shown=lambda now: {_("The person's account"): now.account},
    )
    case_event_record(
        case=case,
        kind=EventKind.ACCOUNT_WRITTEN,
        day=timezone.localdate(),
        actor=actor,
        unit=acting_unit(actor, case),
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
) -> Consent:
    """Record the person's consent to share the case with the units and partners named."""
    require_open(case)
    require_not_future(given, "given")
    if expires is not None and expires < given:
        raise ValidationError({"expires": _("The consent cannot expire before it was given.")})
    if not units and not partners:
        raise ValidationError({"units": _("Name at least one unit or partner the consent covers.")})
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
    )
    return consent


@transaction.atomic
def consent_withdraw(*, actor: User, consent: Consent, withdrawn: datetime.date) -> Consent:
    """Withdraw a consent. Units it alone covered lose their access at once; what they
    recorded stays in the case, attributed to them."""
    locked(consent)
    if consent.withdrawn is not None:
        raise ValidationError(_("The consent is already withdrawn."))
    require_not_future(withdrawn, "withdrawn")
    if withdrawn < consent.given:
        raise ValidationError(
            {"withdrawn": _("A consent cannot be withdrawn before it was given.")}
        )
    consent.withdrawn = withdrawn
    consent.save(update_fields=["withdrawn"])
    case_event_record(
        case=consent.case,
        kind=EventKind.CONSENT_WITHDRAWN,
        day=withdrawn,
        actor=actor,
        unit=acting_unit(actor, consent.case),
        consent=str(consent.public_id),
    )
    return consent


def consent_covers(case: Case, unit: Unit, on: datetime.date) -> bool:
    return Consent.objects.in_force(on).filter(case=case, units=unit).exists()


@transaction.atomic
def case_unit_invite(*, actor: User, case: Case, unit: Unit, invited: datetime.date) -> CaseUnit:
    """The lead unit invites a unit of ``selectors.invitable_units``: one the person's consent
    covers that is not yet invited or taking part."""
    require_open(case)
    require_not_future(invited, "invited")
    if not invitable_units(case=case, on=invited).filter(pk=unit.pk).exists():
        raise ValidationError({"unit": _not_invitable(case, unit)})
    try:
        with transaction.atomic():
            part = CaseUnit.objects.create(
                case=case, unit=unit, status=CaseUnitStatus.INVITED, invited=invited
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
def case_unit_decline(*, actor: User, part: CaseUnit, day: datetime.date) -> CaseUnit:
    locked(part)
    if part.status != CaseUnitStatus.INVITED:
        raise ValidationError(_("The invitation is no longer open."))
    part.status = CaseUnitStatus.DECLINED
    part.left = day
    part.save(update_fields=["status", "left"])
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
