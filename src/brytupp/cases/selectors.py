"""Reads of cases, always through the access rules; every row shown is logged."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from brytupp.access import policies
from brytupp.audit.models import AccessGround, AccessKind
from brytupp.audit.services import access_log_record
from brytupp.organisation.models import District, Partner, Role, Unit, User
from brytupp.people.presentation import person_display_name
from brytupp.sort_order import swedish_order

from .models import (
    AccountVersion,
    Case,
    CaseAcceptance,
    CaseUnit,
    CaseUnitStatus,
    Consent,
    PartEndReason,
)


def unit_case_summary(*, actor: User) -> list[Unit]:
    """The units the actor manages, each with counts of the cases it takes part in."""
    today = timezone.localdate()
    year_ago = today - datetime.timedelta(days=365)
    unit_ids = [unit.pk for unit in policies.units_with_role(actor, Role.ENHETSCHEF)]
    active = Q(case_parts__left__isnull=True)
    return list(
        Unit.objects.filter(pk__in=unit_ids)
        .select_related("district")
        .annotate(
            open_cases=Count(
                "case_parts", filter=active & Q(case_parts__case__closed__isnull=True)
            ),
            opened_last_year=Count(
                "case_parts", filter=active & Q(case_parts__case__opened__gt=year_ago)
            ),
        )
        .order_by(swedish_order("name"))
    )


def case_counts_by_district(*, actor: User) -> list[dict]:
    """Aggregated counts per current district for the city's follow-up."""
    if not policies.city_followup.allows(actor):
        raise Http404
    today = timezone.localdate()
    year_ago = today - datetime.timedelta(days=365)
    return list(
        District.objects.valid_on(today)
        .annotate(
            open=Count("cases", filter=Q(cases__closed__isnull=True)),
            opened_last_year=Count("cases", filter=Q(cases__opened__gt=year_ago)),
            closed_last_year=Count("cases", filter=Q(cases__closed__gt=year_ago)),
        )
        .values("code", "name", "open", "opened_last_year", "closed_last_year")
        .order_by(swedish_order("name"))
    )


@dataclass(frozen=True)
class EarlierCase:
    """What an opener may know of an unprotected person's other cases: where, when."""

    district: str
    lead_unit: str
    opened: datetime.date
    closed: datetime.date | None


@dataclass(frozen=True)
class CaseNotice:
    """What the opening page tells of the person's other cases. For a protected person only
    that there are some (``exists``): where they are would tell where the person lives."""

    exists: bool
    cases: list[EarlierCase]


def person_case_notice(*, person, today: datetime.date | None = None) -> CaseNotice:
    """Open cases anywhere in the city, and cases closed in the last 12 months — never their
    content, and for a protected person not even their district, unit or dates."""
    today = today or timezone.localdate()
    year_ago = today - datetime.timedelta(days=365)
    cases = (
        Case.objects.filter(person=person, acceptance=CaseAcceptance.ACCEPTED)
        .filter(Q(closed__isnull=True) | Q(closed__gte=year_ago))
        .select_related("district", "lead_unit")
        .order_by("-opened")
    )
    if person.is_protected:
        return CaseNotice(exists=cases.exists(), cases=[])
    earlier = [
        EarlierCase(
            district=case.district.name,
            lead_unit=case.lead_unit.name,
            opened=case.opened,
            closed=case.closed,
        )
        for case in cases
    ]
    return CaseNotice(exists=bool(earlier), cases=earlier)


@dataclass(frozen=True)
class CaseInvitation:
    """What an invited unit reads before it answers: who invites, on which consent, since when
    — never the case's content (``policies.invitation_only``, decision 0021)."""

    part: CaseUnit
    person_name: str
    lead_part: CaseUnit | None
    consents: list[Consent]


def invitation_scope(*, case: Case, part: CaseUnit) -> tuple[CaseUnit | None, list[Consent]]:
    """The lead unit's part (with its responsible case worker) and the consents in force that
    cover the invited unit: the ground of the invitation, its purpose and its scope."""
    lead_part = (
        case.case_units.filter(unit_id=case.lead_unit_id)
        .select_related("unit", "responsible")
        .first()
    )
    today = timezone.localdate()
    consents = list(
        # Marked ``in_force`` as the case page's are, so ``CaseOverview`` reads both alike.
        Consent.objects.in_force(today)
        .with_in_force(today)
        .filter(case=case, units=part.unit)
        .prefetch_related(
            Prefetch("units", queryset=Unit.objects.order_by(swedish_order("name"))),
            Prefetch("partners", queryset=Partner.objects.order_by(swedish_order("name"))),
            "violence_description_units",
        )
        .order_by("-given", "-pk")
    )
    return lead_part, consents


def case_invitation_get(*, actor: User, public_id) -> CaseInvitation:
    """The actor's unit's open invitation to the case (404 when there is none), its view
    logged on the ground of the consent that lets the unit be invited."""
    part = (
        policies.case_invitations.queryset(actor)
        .filter(case__public_id=public_id)
        .select_related("case__district", "case__lead_unit", "case__person", "unit")
        .defer("case__account")
        .order_by(swedish_order("unit__name"))
        .first()
    )
    if part is None:
        raise Http404
    access_log_record(
        actor=actor,
        kind=AccessKind.VIEW,
        case=part.case,
        unit=part.unit,
        ground=AccessGround.CONSENT,
    )
    lead_part, consents = invitation_scope(case=part.case, part=part)
    return CaseInvitation(
        part=part,
        person_name=person_display_name(part.case.person),
        lead_part=lead_part,
        consents=consents,
    )


# --- joint handling: who may take part --------------------------------------------------------


def units_taking_part(*, case: Case) -> QuerySet[Unit]:
    """The units whose part in the case is active, by name."""
    return Unit.objects.filter(
        case_parts__case=case, case_parts__status=CaseUnitStatus.ACTIVE
    ).order_by(swedish_order("name"))


def partners_covered(*, case: Case, day: datetime.date) -> QuerySet[Partner]:
    """The external partners a consent of the case in force on ``day`` covers: those who may
    take part in a meeting held that day. The meeting form and ``joint.meeting_record`` both
    ask this, so what the form accepts the service accepts."""
    in_force = Consent.objects.in_force(day).filter(case=case)
    return Partner.objects.filter(consents__in=in_force).distinct()


def partners_consented(*, case: Case) -> QuerySet[Partner]:
    """The external partners any consent of the case names, whatever its days: those a form
    may offer before it knows the day."""
    return Partner.objects.filter(consents__case=case).distinct()


def invitable_units(*, case: Case, on: datetime.date) -> QuerySet[Unit]:
    """The units the lead unit may invite to the case on ``on``: those a consent in force that
    day covers, neither the lead unit nor a unit already invited or taking part. The invite
    form offers these and ``services.case_unit_invite`` refuses any other."""
    covered = Consent.objects.in_force(on).filter(case=case)
    current = CaseUnit.objects.filter(
        case=case, status__in=[CaseUnitStatus.INVITED, CaseUnitStatus.ACTIVE]
    )
    return (
        Unit.objects.filter(consents__in=covered)
        .exclude(pk__in=current.values("unit_id"))
        .exclude(pk=case.lead_unit_id)
        .distinct()
        .order_by(swedish_order("name"))
    )


# --- the account's carried version; parts ended by a withdrawn consent -------------------------


def account_awaiting_confirmation(case: Case) -> AccountVersion | None:
    """The account carried from the earlier case that the lead unit has yet to confirm: the
    case's latest version, when it is carried and unconfirmed (once a new account is written,
    it no longer waits). For a caller that fetched the case through the lead unit's rule."""
    latest = (
        AccountVersion.objects.filter(case=case).select_related("unit").order_by("-number").first()
    )
    return latest if latest is not None and latest.awaits_confirmation else None


# How long a unit's start page says that a case is no longer shared with it.
ENDED_PARTS_SHOWN_DAYS = 30


@dataclass(frozen=True)
class EndedPart:
    """A case no longer shared with one of the user's units: what the unit may still know.
    ``ended`` is the day the person withdrew their consent, or the last day the consent was
    in force when it ran out (``expired``)."""

    case_short_id: str
    unit_name: str
    ended: datetime.date
    expired: bool = False
    # The case was handed over to another district (decision 0049), which is not named.
    handed_over: bool = False


def parts_no_longer_shared(*, actor: User) -> list[EndedPart]:
    """Cases no longer shared with one of the actor's units, newest first, from the last
    ``ENDED_PARTS_SHOWN_DAYS`` days: the person withdrew their consent (the part ended), the
    case was handed over to another district (the part ended, decision 0049), or
    the consent that covered the unit ran out with no other in force (the part still stands,
    but grants nothing: ``policies._units_current_parts``). A case the unit sees again (invited
    anew, or a new consent) is left out.

    The unit may no longer see the case, so this reads no personal data and nothing of the
    case but its short id (the start of its public id, which the unit knew), the unit and the
    day; it is therefore not an access to the case and not logged.
    """
    units = [unit.pk for unit in policies.units_with_role(actor, *policies.CASE_ROLES)]
    today = timezone.localdate()
    since = today - datetime.timedelta(days=ENDED_PARTS_SHOWN_DAYS)
    # The few candidates first, from the last 30 days' withdrawals and expiries; whether the
    # actor sees their cases again is asked of those alone (a unit sees tens of thousands of
    # cases at a million: excluding them all cost seconds, bench/load.py).
    withdrawn = list(
        CaseUnit.objects.filter(
            unit_id__in=units,
            status=CaseUnitStatus.LEFT,
            end_reason__in=[PartEndReason.CONSENT_WITHDRAWN, PartEndReason.CASE_HANDED_OVER],
            left__gte=since,
        ).values_list("case_id", "case__public_id", "unit__name", "left", "end_reason")
    )
    ran_out_consents = Consent.objects.filter(
        units__in=units, withdrawn__isnull=True, expires__gte=since, expires__lt=today
    ).values_list("case_id", "units", "expires")
    last_day: dict[tuple[int, int], datetime.date] = {}
    for case_id, unit_id, expires in ran_out_consents:
        if unit_id in units and expires is not None:
            key = (case_id, unit_id)
            last_day[key] = max(expires, last_day.get(key, expires))
    still_parts = (
        CaseUnit.objects.filter(
            case_id__in={case_id for case_id, _unit in last_day},
            unit_id__in=units,
            status=CaseUnitStatus.ACTIVE,
            case__closed__isnull=True,
        )
        # The lead unit's part needs no consent: it never runs out.
        .exclude(unit=F("case__lead_unit"))
        .values_list("case_id", "unit_id", "case__public_id", "unit__name")
    )
    ran_out = [
        (case_id, public_id, unit_name, last_day[(case_id, unit_id)])
        for case_id, unit_id, public_id, unit_name in still_parts
        if (case_id, unit_id) in last_day
    ]
    # Not seen again: no consent in force covers the part (the policy's rule, not said again).
    candidates = {row[0] for row in withdrawn} | {row[0] for row in ran_out}
    seen = set(
        policies.cases.queryset(actor).filter(pk__in=candidates).values_list("pk", flat=True)
    )
    parts = [
        EndedPart(
            case_short_id=case_short_id(public_id),
            unit_name=unit,
            ended=day,
            handed_over=reason == PartEndReason.CASE_HANDED_OVER,
        )
        for case_id, public_id, unit, day, reason in withdrawn
        if case_id not in seen and day is not None  # ``left`` is set, by the filter
    ] + [
        EndedPart(case_short_id=case_short_id(public_id), unit_name=unit, ended=day, expired=True)
        for case_id, public_id, unit, day in ran_out
        if case_id not in seen
    ]
    return sorted(
        parts, key=lambda part: (-part.ended.toordinal(), part.unit_name, part.case_short_id)
    )


def case_short_id(public_id) -> str:
    """A case's short id: the first eight characters of its public id."""
    return str(public_id)[:8]
