"""Every visibility and permission rule of Bryt upp.

Access never comes from Django's ``is_staff``/``is_superuser`` flags or model permissions: it
comes from a user's *memberships* valid today and approved, each a role in a unit. The roles:

- ``handlaggare`` (case worker) sees a case through their unit's part in it;
- ``enhetschef`` (unit manager) sees their unit's cases and staff;
- ``implementerare`` (district process owner) sees their district's organisation and
  aggregated figures, no case;
- ``analytiker`` (city follow-up) sees aggregated figures only, never a person;
- ``systemforvaltare`` administers organisation, users and catalogues, never case content.

A rule's ``admits(user)`` says whether the user may use the page at all; an object rule adds
``objects(user)``, the queryset of what the user may see, and ``check(user, obj)`` is derived
from it so the two faces can never disagree.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Exists, F, Model, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from brytupp.audit.models import AccessGround, AccessKind, AccessOutcome
from brytupp.organisation.models import District, Membership, Role, Unit, UnitKind
from brytupp.sort_order import swedish_order

if TYPE_CHECKING:
    from brytupp.interventions.models import Delegation

CASE_ROLES = frozenset({Role.HANDLAGGARE, Role.ENHETSCHEF})
# Roles a membership grants only when a second person approves it (decision 0017): the case
# roles, and the administrator's own role, without which one administrator could make a second
# account an administrator and approve their own proposals with it.
FOUR_EYES_ROLES = CASE_ROLES | {Role.SYSTEMFORVALTARE}


def memberships(user) -> list[Membership]:
    """The user's memberships valid today and approved, read once per request and kept on the
    user. A proposed or refused membership grants nothing."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_brytupp_memberships", None)
    if cached is None:
        cached = list(
            Membership.objects.in_force(timezone.localdate())
            .filter(user=user)
            .select_related("unit", "unit__district")
            .order_by(swedish_order("unit__name"), "role")
        )
        user._brytupp_memberships = cached
    return cached


def roles(user) -> set[str]:
    return {membership.role for membership in memberships(user)}


def units_with_role(user, *wanted: str) -> list[Unit]:
    return [m.unit for m in memberships(user) if m.role in wanted]


M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class Rule(Generic[M]):
    """A named access rule; see the module docstring. ``M`` is the model of the objects it
    guards (``Model`` for a rule that guards a page only)."""

    name: str
    admits: Callable[[Any], bool]
    objects: Callable[[Any], QuerySet[M]] | None = None
    login_required: bool = True

    def allows(self, user) -> bool:
        return bool(self.admits(user))

    def queryset(self, user) -> QuerySet[M]:
        if self.objects is None:
            raise TypeError(f"Rule {self.name!r} guards a page, not objects")
        queryset = self.objects(user)
        return queryset if self.allows(user) else queryset.none()

    def check(self, user, obj: Model) -> bool:
        return self.queryset(user).filter(pk=obj.pk).exists()

    def get_or_404(self, user, *, queryset: QuerySet[M] | None = None, **lookup) -> M:
        """Fetch one object the user may see; missing and forbidden raise the same 404."""
        allowed = self.queryset(user)
        if queryset is not None:
            allowed = queryset.filter(pk__in=allowed.values("pk"))
        try:
            return allowed.get(**lookup)
        except ObjectDoesNotExist:
            raise Http404 from None


def _signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def _has_role(*wanted: str) -> Callable[[Any], bool]:
    return lambda user: bool(roles(user) & set(wanted))


def _staff(user) -> bool:
    return bool(memberships(user))


# --- pages -------------------------------------------------------------------------------

public: Rule[Model] = Rule("public", admits=lambda user: True, login_required=False)
signed_in: Rule[Model] = Rule("signed_in", admits=_signed_in)
case_work: Rule[Model] = Rule("case_work", admits=_has_role(Role.HANDLAGGARE))
unit_overview: Rule[Model] = Rule("unit_overview", admits=_has_role(Role.ENHETSCHEF))
district_overview: Rule[Model] = Rule("district_overview", admits=_has_role(Role.IMPLEMENTERARE))
city_followup: Rule[Model] = Rule("city_followup", admits=_has_role(Role.ANALYTIKER))
administration: Rule[Model] = Rule("administration", admits=_has_role(Role.SYSTEMFORVALTARE))


# --- follow-up: effect goals and equality between districts ------------------------------
#
# Aggregates only, never a person. The analyst follows the city and every district; a unit
# manager and a process owner follow their own district beside the city, with small numbers
# hidden (``followup.suppression``). A case worker has no follow-up pages.

FOLLOWUP_ROLES = (Role.ANALYTIKER, Role.ENHETSCHEF, Role.IMPLEMENTERARE)


def _followup_districts(user) -> QuerySet[District]:
    if Role.ANALYTIKER in roles(user):
        return District.objects.all()
    own = {
        unit.district_id
        for unit in units_with_role(user, Role.ENHETSCHEF, Role.IMPLEMENTERARE)
        if unit.district_id
    }
    return District.objects.filter(pk__in=own)


followup = Rule("followup", admits=_has_role(*FOLLOWUP_ROLES), objects=_followup_districts)


def followup_small_numbers_shown(user) -> bool:
    """Counts from 1 to 4 are shown as they are to the analyst only (``effect-goals.md``)."""
    return Role.ANALYTIKER in roles(user)


# --- organisation --------------------------------------------------------------------------

organisation_directory = Rule(
    "organisation_directory", admits=_staff, objects=lambda user: District.objects.all()
)
unit_directory = Rule("unit_directory", admits=_staff, objects=lambda user: Unit.objects.all())


def _staff_visible_units(user) -> QuerySet[Unit]:
    """Whose staff a user may list: all units for administration, the district's units for
    its process owner, one's own units for a manager or a case worker."""
    held = roles(user)
    if Role.SYSTEMFORVALTARE in held:
        return Unit.objects.all()
    unit_ids = {u.pk for u in units_with_role(user, Role.ENHETSCHEF, Role.HANDLAGGARE)}
    district_ids = {
        u.district_id for u in units_with_role(user, Role.IMPLEMENTERARE) if u.district_id
    }
    return Unit.objects.filter(pk__in=unit_ids) | Unit.objects.filter(district_id__in=district_ids)


staff_directory = Rule(
    "staff_directory",
    admits=_has_role(Role.SYSTEMFORVALTARE, Role.IMPLEMENTERARE, Role.ENHETSCHEF, Role.HANDLAGGARE),
    objects=_staff_visible_units,
)


def _managed_units(user) -> QuerySet[Unit]:
    return Unit.objects.filter(pk__in=[u.pk for u in units_with_role(user, Role.ENHETSCHEF)])


# A unit manager's view of their own units (caseload per case worker, overdue items,
# invitations waiting): the units where they hold the manager's role today, no other.
managed_units = Rule("managed_units", admits=_has_role(Role.ENHETSCHEF), objects=_managed_units)


def districts_overseen(user) -> list[District]:
    """The districts a process owner follows."""
    seen: dict[int, District] = {}
    for unit in units_with_role(user, Role.IMPLEMENTERARE):
        district = unit.district
        if district is not None:
            seen[district.pk] = district
    return list(seen.values())


# --- cases and people ------------------------------------------------------------------------
#
# A unit sees a case through its part in it (CaseUnit) while that part is current. The lead
# unit's part needs nothing more: the person came to it. Every other unit's part counts only
# while a consent in force names that unit; withdrawing consent removes its access at once.
#
# A case waiting for acceptance (``Case.acceptance``, decision 0016) is seen by its opening
# unit and grants nothing else: no work, no lead, no reveal, no address, and its person is
# shown masked (``case_masked``). Only an accepted case counts as the person's case.


def _case_units(user) -> list[int]:
    return [u.pk for u in units_with_role(user, *CASE_ROLES)]


def _current_parts(user, *statuses: str):
    return _units_current_parts(_case_units(user), *statuses)


def _units_current_parts(unit_ids, *statuses: str):
    from brytupp.cases.models import CaseUnit, Consent

    covered = Consent.objects.in_force(timezone.localdate()).filter(
        case=OuterRef("case"), units=OuterRef("unit")
    )
    return CaseUnit.objects.filter(unit_id__in=unit_ids, status__in=statuses).filter(
        Q(unit=F("case__lead_unit")) | Exists(covered)
    )


def unit_reads_case(unit, case) -> bool:
    """Whether ``unit`` takes part in ``case`` (the lead unit, or a part a consent in force
    covers): what lets its users read the case's content. A re-opened case gets the earlier
    case's account only when its lead unit reads that case (decision 0034)."""
    from brytupp.cases.models import CaseUnitStatus

    return _units_current_parts([unit.pk], CaseUnitStatus.ACTIVE).filter(case=case).exists()


def part_covered(part, case, consents_in_force) -> bool:
    """Whether ``part`` reads ``case`` today: the lead unit's always, another unit's while a
    consent in force covers it (the same rule as ``_units_current_parts``, on what the case
    page has already read). An active part whose consent has run out reads nothing."""
    if part.unit_id == case.lead_unit_id:
        return True
    return any(
        unit.pk == part.unit_id for consent in consents_in_force for unit in consent.units.all()
    )


def _visible_cases(user):
    from brytupp.cases.models import Case, CaseUnitStatus

    parts = _current_parts(user, CaseUnitStatus.INVITED, CaseUnitStatus.ACTIVE)
    return Case.objects.filter(
        Q(pk__in=parts.values("case_id")) | Q(pk__in=_emergency_case_ids(user))
    )


def _emergency_case_ids(user):
    """Cases opened to the user by an emergency access still running (read only)."""
    from .models import EmergencyAccess

    if not _has_role(*CASE_ROLES)(user) or not _in_socialjour(user):
        return EmergencyAccess.objects.none().values("case_id")
    return EmergencyAccess.objects.filter(user=user, expires_at__gt=timezone.now()).values(
        "case_id"
    )


def _in_socialjour(user) -> bool:
    return any(u.kind == UnitKind.SOCIALJOUR for u in units_with_role(user, *CASE_ROLES))


def _participating_cases(user):
    from brytupp.cases.models import Case, CaseAcceptance, CaseUnitStatus

    parts = _current_parts(user, CaseUnitStatus.ACTIVE)
    return Case.objects.filter(pk__in=parts.values("case_id"), acceptance=CaseAcceptance.ACCEPTED)


def _led_cases(user):

    return _participating_cases(user).filter(lead_unit_id__in=_case_units(user))


def _invitations(user):
    from brytupp.cases.models import CaseUnitStatus

    return _current_parts(user, CaseUnitStatus.INVITED).select_related("case", "unit")


# See a case: a current part (invited or taking part) of one of the user's units.
cases = Rule("cases", admits=_has_role(*CASE_ROLES), objects=_visible_cases)
# Work in a case (meetings, assessments, decisions, …): the unit takes part.
case_participation = Rule(
    "case_participation", admits=_has_role(*CASE_ROLES), objects=_participating_cases
)
# Lead a case (consent, invitations, the person's account, closing): the lead unit.
case_lead = Rule("case_lead", admits=_has_role(*CASE_ROLES), objects=_led_cases)
# Answer an invitation: the invited unit, while consent covers it.
case_invitations = Rule("case_invitations", admits=_has_role(*CASE_ROLES), objects=_invitations)
# Record a screening or open a case: any case worker or manager, in their own unit.
case_opening: Rule[Model] = Rule("case_opening", admits=_has_role(*CASE_ROLES))


def _own_screenings(user):
    from brytupp.assessments.models import Screening

    return Screening.objects.filter(recorded_by_id=user.pk)


# Read back a recorded screening (and refer on from it): only the user who recorded it. A
# screening may name a person, and belongs to no case whose parts could grant it.
own_screenings = Rule("own_screenings", admits=_has_role(*CASE_ROLES), objects=_own_screenings)


def case_masked(case) -> bool:
    """Whether the case shows its person masked whatever their protection: a case not (yet)
    accepted shows its opener nothing of the person but what they typed."""
    from brytupp.cases.models import CaseAcceptance

    return case.acceptance != CaseAcceptance.ACCEPTED


def _address_cases(user):
    """The cases in which the user may record the person's address: the person's oldest open
    accepted case, when one of the user's units leads it. One unit writes the address that
    every case of the person shows, so a unit opening a later case cannot overwrite it."""
    from brytupp.cases.models import Case, CaseAcceptance

    oldest = (
        Case.objects.filter(
            person=OuterRef("person"), closed__isnull=True, acceptance=CaseAcceptance.ACCEPTED
        )
        .order_by("opened", "pk")
        .values("pk")[:1]
    )
    return _led_cases(user).filter(closed__isnull=True, pk=Subquery(oldest))


person_address = Rule("person_address", admits=_has_role(*CASE_ROLES), objects=_address_cases)


def _opening_requests_to_answer(user):
    """Open requests the user may answer: any case worker or manager of the answering unit,
    only its managers when the request says so, never the one who asked."""
    from brytupp.cases.models import CaseOpeningRequest

    any_role = [unit.pk for unit in units_with_role(user, *CASE_ROLES)]
    managed = [unit.pk for unit in units_with_role(user, Role.ENHETSCHEF)]
    return (
        CaseOpeningRequest.objects.filter(outcome="")
        .filter(
            Q(answering_unit_id__in=any_role, managers_only=False)
            | Q(answering_unit_id__in=managed)
        )
        .exclude(requested_by=user)
    )


def _transfers_to_answer(user):
    """Hand-overs of open cases waiting for the user's unit (decision 0049): any case worker
    or manager of the receiving unit, while the person's consent to the hand-over is in force.
    Until the unit receives the case it sees only what the answer page shows."""
    from brytupp.cases.models import CaseAcceptance, CaseTransfer, Consent, TransferStatus

    covered = Consent.objects.in_force(timezone.localdate()).filter(
        pk=OuterRef("consent_id"), units=OuterRef("to_unit_id")
    )
    return CaseTransfer.objects.filter(
        status=TransferStatus.PROPOSED,
        to_unit_id__in=_case_units(user),
        case__closed__isnull=True,
        case__acceptance=CaseAcceptance.ACCEPTED,
    ).filter(Exists(covered))


# Receive or decline a case handed over from another district: see ``_transfers_to_answer``.
case_transfers = Rule("case_transfers", admits=_has_role(*CASE_ROLES), objects=_transfers_to_answer)


def transfer_receiving_units(case) -> QuerySet[Unit]:
    """Units a case may be handed over to: the relationship violence team (the lead unit of
    every district's cases) of another current district."""
    today = timezone.localdate()
    return (
        Unit.objects.valid_on(today)
        .filter(kind=UnitKind.RVT, district__isnull=False)
        .filter(Q(district__valid_to__isnull=True) | Q(district__valid_to__gte=today))
        .exclude(district_id=case.district_id)
    )


# Answer a request to open a case (accept or refuse): see ``_opening_requests_to_answer``.
opening_requests = Rule(
    "opening_requests", admits=_has_role(*CASE_ROLES), objects=_opening_requests_to_answer
)
# Emergency access: Socialjouren's case workers and managers, for the whole city, after hours.
emergency_access: Rule[Model] = Rule(
    "emergency_access", admits=lambda user: _has_role(*CASE_ROLES)(user) and _in_socialjour(user)
)


def acting_part(user, case):
    """The user's unit's current part in the case, preferring the lead unit's."""
    from brytupp.cases.models import CaseUnitStatus

    parts = sorted(
        _current_parts(user, CaseUnitStatus.INVITED, CaseUnitStatus.ACTIVE)
        .filter(case=case)
        .select_related("unit"),
        key=lambda part: (part.unit_id != case.lead_unit_id, part.status != CaseUnitStatus.ACTIVE),
    )
    return parts[0] if parts else None


def part_participates(case, part) -> bool:
    """``case_participation.check`` for the user whose ``acting_part`` is ``part``, without
    asking the database again: the part is active (covered, as ``acting_part`` read it) and
    the case accepted."""
    from brytupp.cases.models import CaseAcceptance, CaseUnitStatus

    return (
        part is not None
        and part.status == CaseUnitStatus.ACTIVE
        and case.acceptance == CaseAcceptance.ACCEPTED
    )


def part_leads(case, part) -> bool:
    """``case_lead.check`` for the user whose ``acting_part`` is ``part``: it participates, as
    the lead unit (``acting_part`` prefers the lead unit's part)."""
    return part_participates(case, part) and part.unit_id == case.lead_unit_id


def access_ground(user, case, part=None) -> AccessGround:
    """On what ground the user sees the case: the own unit's part (lead), the person's
    consent (another unit's part), or emergency access. Recorded in the access log."""
    part = part or acting_part(user, case)
    if part is None:
        return AccessGround.EMERGENCY
    return AccessGround.OWN_UNIT if part.unit_id == case.lead_unit_id else AccessGround.CONSENT


# Units whose part in a case is only economic or practical: they do not see the person's
# address unless a user of theirs reveals it for a stated reason (logged and flagged).
ADDRESS_WITHHELD_UNIT_KINDS = frozenset({UnitKind.EKONOMISKT_BISTAND, UnitKind.UTFORARE})


def address_withheld(case, part) -> bool:
    """Whether the person's address is masked for the acting unit's part in the case: always
    for a protected identity or a case not accepted, and for a unit with only an economic or
    practical role."""
    if case.person.is_protected or case_masked(case):
        return True
    return part is not None and part.unit.kind in ADDRESS_WITHHELD_UNIT_KINDS


def invitation_only(part) -> bool:
    """Whether the acting unit is only invited to the case. Until it accepts it sees what it
    needs to decide (who invites, the consent's purpose and scope, the day it was invited, the
    person as masked for it), never the case's content: the account, meetings, assessments,
    plan, decisions, placements, children or timeline (decision 0021)."""
    from brytupp.cases.models import CaseUnitStatus

    return part is not None and part.status == CaseUnitStatus.INVITED


# Interventions whose provider is where the person lives: its name is a location.
LOCATION_INTERVENTIONS = frozenset({"skyddat_boende", "tillfalligt_boende"})


def placement_location_needed(case, part, *, decision=None) -> bool:
    """Whether the acting unit's part needs to know where the person is placed: the lead unit,
    which coordinates the case, and the units that made the housing decision or provide the
    housing, which know it from their own act. No other unit, whatever its kind, and no
    emergency access (decision 0021)."""
    if part is None or part.status != "active":
        return False
    if part.unit_id == case.lead_unit_id:
        return True
    return decision is not None and part.unit_id in {decision.decided_by_id, decision.provider_id}


def placement_location_withheld(case, part, *, decision=None) -> bool:
    """Whether a placement's housing (its name and address) is masked for the acting unit's
    part: always for a protected identity (shown only through a reveal, to a unit that needs
    it), and for every unit that does not need it (``placement_location_needed``)."""
    if case.person.is_protected:
        return True
    return not placement_location_needed(case, part, decision=decision)


def decision_provider_withheld(case, part, decision) -> bool:
    """A housing decision's provider is the placement's location, masked by the same rule;
    any other decision's provider (an RVC giving support talks) is not a location."""
    if decision.intervention not in LOCATION_INTERVENTIONS:
        return False
    return placement_location_withheld(case, part, decision=decision)


# --- threat persons and the description of violence (decision 0039) ---------------------------
#
# A case records who threatens its person (``cases.ThreatPerson``): recorded by the lead unit,
# shown to the units taking part. A threat person who is a client elsewhere is shown to that
# unit as nothing: the row is read only through the victim's case, never through the person.
# A unit that has a current threat person of the case as a client is invited only on an
# explicit decision of a manager of the lead unit.


def units_with_threat_person_as_client(case) -> QuerySet[Unit]:
    """The units with a current part (invited or taking part) in an open case of someone who
    is a linked, current threat person of ``case``."""
    from brytupp.cases.models import Case, CaseUnit, CaseUnitStatus, ThreatPerson

    threats = ThreatPerson.objects.filter(case=case, ended__isnull=True, person__isnull=False)
    their_cases = Case.objects.filter(
        person_id__in=threats.values("person_id"), closed__isnull=True
    ).exclude(pk=case.pk)
    parts = CaseUnit.objects.filter(
        case__in=their_cases, status__in=(CaseUnitStatus.INVITED, CaseUnitStatus.ACTIVE)
    )
    return Unit.objects.filter(pk__in=parts.values("unit_id"))


def unit_has_threat_person_as_client(case, unit) -> bool:
    """Whether inviting ``unit`` to ``case`` needs the lead unit's manager's decision."""
    return units_with_threat_person_as_client(case).filter(pk=unit.pk).exists()


def may_decide_threat_person_invitation(user, case) -> bool:
    """A unit manager (enhetschef) of the case's lead unit, today."""
    return any(unit.pk == case.lead_unit_id for unit in units_with_role(user, Role.ENHETSCHEF))


def violence_description_shown(case, part, consents_in_force) -> bool:
    """Whether the acting unit's part reads the description of violence (FREDA-beskrivning):
    the lead unit's active part; another unit's active part only while a consent in force
    (``consents_in_force``, as the case page read them) names its unit for it. No part
    (emergency access), an invited part, or a part of another case: never."""
    from brytupp.cases.models import CaseUnitStatus

    if part is None or part.case_id != case.pk or part.status != CaseUnitStatus.ACTIVE:
        return False
    if part.unit_id == case.lead_unit_id:
        return True
    return any(
        unit.pk == part.unit_id
        for consent in consents_in_force
        for unit in consent.violence_description_units.all()
    )


# --- the journal (decision 0040) --------------------------------------------------------------
#
# Each unit taking part keeps its own journal notes in the case. A unit reads its own; another
# unit's only as far as the person's consent covers both units: its own part is covered (the
# lead unit, or a consent in force names it) and the writing unit is the lead unit or a consent
# in force names it. Emergency access reads the lead unit's notes, for tonight's decision; an
# invited unit reads none (decision 0021).


def journal_units_readable(user, case, part, consents_in_force) -> frozenset[int]:
    """The ids of the units whose journal notes in ``case`` the user reads, acting through
    ``part`` (``acting_part``), with ``consents_in_force`` as the page read them (their
    ``units`` prefetched): for an active part covered today, its own unit, the lead unit and
    every unit a consent in force names; for no part, with an emergency access to the case
    still running, the lead unit; otherwise (an invited part, a part not covered, a case not
    accepted, no access at all) none. The lead unit also reads the notes of the parts that
    ended when the case was handed over to its district (``_handed_over_units``)."""
    from brytupp.cases.models import CaseAcceptance, CaseUnitStatus

    if case.acceptance != CaseAcceptance.ACCEPTED:
        return frozenset()
    if part is None:
        emergency = _emergency_case_ids(user).filter(case_id=case.pk).exists()
        return frozenset({case.lead_unit_id}) if emergency else frozenset()
    if part.case_id != case.pk or part.status != CaseUnitStatus.ACTIVE:
        return frozenset()
    named = {unit.pk for consent in consents_in_force for unit in consent.units.all()}
    if part.unit_id != case.lead_unit_id and part.unit_id not in named:
        return frozenset()
    return frozenset({part.unit_id, case.lead_unit_id, *named, *_handed_over_units(case, part)})


def _handed_over_units(case, part) -> set[int]:
    """For the lead unit: the units of the districts the case was handed over from (decision
    0049). Their notes are the case's history, which the person consented to hand over."""
    from brytupp.cases.models import CaseUnit, PartEndReason

    if part.unit_id != case.lead_unit_id:
        return set()
    return set(
        CaseUnit.objects.filter(case=case, end_reason=PartEndReason.CASE_HANDED_OVER).values_list(
            "unit_id", flat=True
        )
    )


def journal_child_note_readable(user, case, child) -> bool:
    """A note about a child of the case (the child's voice, decision 0045) is the child's
    matter: read, on top of ``journal_units_readable``, only by those who read the child's
    matters (``child_matters_readable``) — the lead unit and barn och unga, not ekonomiskt
    bistånd, never a unit with the threat person as a client. Under emergency access, none."""
    return child_matters_readable(user, case, child)


def journal_note_correctable(case, part, note) -> bool:
    """A note is corrected only by a user of its own unit, while that unit takes part in the
    case (``part_participates``); never by another unit."""
    return part_participates(case, part) and part.unit_id == note.unit_id


def violence_description_writer(user, case) -> bool:
    """Whether the user writes descriptions of violence in ``case`` (a structured risk
    assessment, FREDA-beskrivning, a safety plan's threats or review): the same units that read
    them (``violence_description_shown``), through the user's acting part. A unit that could
    not read back what it wrote writes nothing of it."""
    from brytupp.cases.models import Consent

    part = acting_part(user, case)
    consents = Consent.objects.in_force(timezone.localdate()).filter(case=case)
    return violence_description_shown(
        case, part, list(consents.prefetch_related("violence_description_units"))
    )


def violence_describing_cases(unit_ids, on) -> Q:
    """The cases (as a filter on a model with a ``case``) in which one of ``unit_ids`` reads the
    descriptions of violence on ``on`` — ``violence_description_shown`` as a queryset: the unit
    leads the case, or its active part is named for them by a consent in force. Att göra lists
    reassessments and safety plan reviews there alone."""
    from brytupp.cases.models import CaseUnit, CaseUnitStatus, Consent

    named = Consent.objects.in_force(on).filter(
        case=OuterRef("case"), violence_description_units__in=unit_ids
    )
    active = CaseUnit.objects.filter(
        case=OuterRef("case"), unit_id__in=unit_ids, status=CaseUnitStatus.ACTIVE
    )
    return Q(case__lead_unit_id__in=unit_ids) | (Q(Exists(named)) & Q(Exists(active)))


def _visible_persons(user):
    from brytupp.cases.models import CaseAcceptance
    from brytupp.people.models import Person

    accepted = _visible_cases(user).filter(acceptance=CaseAcceptance.ACCEPTED)
    return Person.objects.filter(pk__in=accepted.values("person_id"))


persons = Rule("persons", admits=_has_role(*CASE_ROLES), objects=_visible_persons)


# --- decisions under a delegation (decision 0041) ----------------------------------------------
#
# A decision on an application is made in the unit that received it, by someone who holds a
# role there on the day of the decision that the unit's delegationsordning (``Delegation``,
# data) lets decide that intervention with that outcome: a bifall under any line for it, an
# avslag or a delvis bifall only under a line that may refuse. A line with no intervention
# covers every intervention; an application for no particular intervention needs such a line.


def delegation_held(
    user, unit, intervention: str, outcome: str, on: datetime.date
) -> Delegation | None:
    """The delegation line that lets ``user`` decide ``intervention`` with ``outcome`` in
    ``unit`` on the day ``on`` (their membership approved and valid that day), or None."""
    from brytupp.interventions.models import REFUSING_OUTCOMES, Delegation

    held = Membership.objects.in_force(on).filter(user=user, unit=unit).values("role")
    lines = Delegation.objects.filter(
        unit=unit,
        role__in=held,
        valid_from__lte=on,
    ).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
    lines = lines.filter(intervention__in={"", intervention})
    if outcome in REFUSING_OUTCOMES:
        lines = lines.filter(may_refuse=True)
    # The most specific line: one for the intervention before one for every intervention.
    return lines.order_by("-intervention", "pk").first()


def unit_decides_in_case(user, unit, case) -> bool:
    """Whether ``user`` records applications and decisions of ``unit`` in ``case``: they hold
    a case role in the unit today, and the unit takes part in the accepted case."""
    from brytupp.cases.models import CaseAcceptance

    return (
        any(own.pk == unit.pk for own in units_with_role(user, *CASE_ROLES))
        and case.acceptance == CaseAcceptance.ACCEPTED
        and unit_reads_case(unit, case)
    )


# --- Socialjouren's decision after hours (decision 0042) ----------------------------------------
#
# Emergency access is read-only but for one act: the decision Socialjouren is there for (a
# protected housing tonight), made in Socialjouren's own unit under its own delegationsordning,
# in the accepted case the running access opened. Nothing else is writable through it: the
# rules ``case_participation`` and ``case_lead`` still leave the emergency access out.


def _after_hours_cases(user):
    from brytupp.cases.models import Case, CaseAcceptance

    return Case.objects.filter(pk__in=_emergency_case_ids(user), acceptance=CaseAcceptance.ACCEPTED)


# Make Socialjouren's after-hours decision: a running emergency access of the user's own.
after_hours_decision = Rule(
    "after_hours_decision", admits=emergency_access.admits, objects=_after_hours_cases
)


def after_hours_grant(user, case):
    """The user's running emergency access to ``case`` under which they make Socialjouren's
    after-hours decision, or None: the case is accepted, the access is theirs and still
    running, and its unit is a Socialjour unit where they hold a case role today."""
    from .models import EmergencyAccess

    if not after_hours_decision.check(user, case):
        return None
    units = [u.pk for u in units_with_role(user, *CASE_ROLES) if u.kind == UnitKind.SOCIALJOUR]
    return (
        EmergencyAccess.objects.filter(
            user=user, case=case, unit_id__in=units, expires_at__gt=timezone.now()
        )
        .select_related("unit")
        .order_by("-expires_at", "-pk")
        .first()
    )


def application_follow_up_unit(application, case):
    """The unit that follows a decided application up — records the day communicated, an
    appeal and the court's outcome, re-examines, produces the letter: the unit that received
    it; for Socialjouren's after-hours decision (Socialjouren never takes part in a case, so
    its every application is one), the case's lead unit, which takes it over (decision 0042)."""
    if application.unit.kind == UnitKind.SOCIALJOUR:
        return case.lead_unit
    return application.unit


def application_followed_up_by(user, application, case) -> bool:
    """Whether ``user`` follows ``application`` up in ``case`` (``application_follow_up_unit``)."""
    return unit_decides_in_case(user, application_follow_up_unit(application, case), case)


# --- Django admin ----------------------------------------------------------------------------

ADMINISTERED_APPS = frozenset({"organisation"})
# Models of other apps that are the organisation's data, not case content: the legal grounds
# and the delegationsordning (decision 0041), the housing plan's checklist (decision 0046).
ADMINISTERED_MODELS = frozenset(
    {"interventions.legalground", "interventions.delegation", "housing.housingsteptemplate"}
)


def may_administer_model(user, app_label: str, model_name: str | None = None) -> bool:
    """Django admin: a system administrator manages the organisation, never case content.
    Without ``model_name``: whether any model of the app is theirs (the admin's app list)."""
    if not administration.allows(user):
        return False
    if app_label in ADMINISTERED_APPS:
        return True
    if model_name is None:
        return any(label.startswith(f"{app_label}.") for label in ADMINISTERED_MODELS)
    return f"{app_label}.{model_name}" in ADMINISTERED_MODELS


# --- memberships: four eyes -------------------------------------------------------------------
#
# A system administrator proposes memberships (in Django admin); one that grants a role of
# ``FOUR_EYES_ROLES`` takes effect only when a second person approves it: another system
# administrator, or a manager of the membership's unit. Never the one who proposed it, never
# the user it is for (the database holds this too: ``Membership``'s constraints).


def needs_four_eyes(role: str) -> bool:
    return role in FOUR_EYES_ROLES


def _proposals_to_decide(user):
    from brytupp.organisation.models import MembershipStatus

    proposals = (
        Membership.objects.filter(status=MembershipStatus.PROPOSED, role__in=FOUR_EYES_ROLES)
        .exclude(proposed_by=user)
        .exclude(user=user)
    )
    if Role.SYSTEMFORVALTARE in roles(user):
        return proposals
    return proposals.filter(unit_id__in=[u.pk for u in units_with_role(user, Role.ENHETSCHEF)])


# Propose, change or end memberships: the system administrator (Django admin).
membership_administration = administration
# Approve or refuse a proposed membership: see above.
membership_approvals = Rule(
    "membership_approvals",
    admits=_has_role(Role.SYSTEMFORVALTARE, Role.ENHETSCHEF),
    objects=_proposals_to_decide,
)


def membership_actor_role(user, unit) -> str:
    """The role in which the user administers a membership of ``unit``, for the access log."""
    if Role.SYSTEMFORVALTARE in roles(user):
        return Role.SYSTEMFORVALTARE
    if any(u.pk == unit.pk for u in units_with_role(user, Role.ENHETSCHEF)):
        return Role.ENHETSCHEF
    return ""


# Rules for URL namespaces whose views we do not write ourselves.
NAMESPACE_RULES = {"admin": administration}


# --- log review (loggkontroll) ---------------------------------------------------------------
#
# A unit manager reviews the access log entries made through their units (the units where they
# hold the manager's role today). The unit holding a person also sees every attempt on that
# person made by any other unit: for each person whose open case has a current part (invited or
# taking part, as for seeing the case) of one of the manager's units, the entries on the person
# or one of their cases that are a search hit, an opening, a reveal, an export, an emergency
# access or a refused request. The holding is computed on today's parts (decision 0020): a
# unit that leaves the case, or a case that closes, takes the scope of the person's earlier
# entries with it, and a unit that joins sees the attempts made before it joined. A system
# administrator reviews every entry. Entries hold opaque identifiers only, so reviewing them
# shows no case content.

# The kinds of entry on a held person that the holding unit sees whoever made them.
ATTEMPT_KINDS = (AccessKind.SEARCH_HIT, AccessKind.OPENING, AccessKind.REVEAL, AccessKind.EXPORT)


def log_review_own_unit_codes(user) -> list[str] | None:
    """The codes of the units whose own entries the user reviews; None for every unit."""
    if Role.SYSTEMFORVALTARE in roles(user):
        return None
    return [unit.code for unit in units_with_role(user, Role.ENHETSCHEF)]


def _held_cases(user):
    """The open cases with a current part of one of the user's managed units."""
    from brytupp.cases.models import Case, CaseUnitStatus

    managed = [unit.pk for unit in units_with_role(user, Role.ENHETSCHEF)]
    parts = _units_current_parts(managed, CaseUnitStatus.INVITED, CaseUnitStatus.ACTIVE)
    return Case.objects.filter(pk__in=parts.values("case_id"), closed__isnull=True)


def _attempts_on_held_persons(user) -> Q:
    """Entries on a person the user's units hold, on any case of theirs, or on a contact request
    their RVT takes: subqueries, so the database reads the persons in scope, never a list of
    ids in Python."""
    from brytupp.cases.models import Case

    persons = _held_cases(user).values("person__public_id")
    cases = Case.objects.filter(person_id__in=_held_cases(user).values("person_id"))
    on_held = Q(person_public_id__in=persons) | Q(case_public_id__in=cases.values("public_id"))
    # A contact request of the district whose RVT the user works in (decision 0054).
    on_held |= Q(person_public_id__in=_contact_requests(user).values("public_id"))
    attempt = (
        Q(kind__in=ATTEMPT_KINDS)
        | Q(ground=AccessGround.EMERGENCY)
        | Q(outcome=AccessOutcome.REFUSED)
    )
    return on_held & attempt


def _reviewable_entries(user):
    from brytupp.audit.models import AccessLogEntry

    codes = log_review_own_unit_codes(user)
    if codes is None:
        return AccessLogEntry.objects.all()
    return AccessLogEntry.objects.filter(Q(unit_code__in=codes) | _attempts_on_held_persons(user))


def _all_entries(user):
    from brytupp.audit.models import AccessLogEntry

    return AccessLogEntry.objects.all()


log_review = Rule(
    "log_review",
    admits=_has_role(Role.ENHETSCHEF, Role.SYSTEMFORVALTARE),
    objects=_reviewable_entries,
)
# A person's register extract (registerutdrag) of who accessed their data: administration only.
register_extract = Rule(
    "register_extract", admits=_has_role(Role.SYSTEMFORVALTARE), objects=_all_entries
)

# How long an approved extract request lets its requester open the extract.
EXTRACT_APPROVAL_VALID = datetime.timedelta(hours=24)


def _extract_requests_to_decide(user):
    """Pending extract requests of a protected person (decision 0023): a system administrator
    decides any other administrator's; a unit manager those on a person whose open case has a
    current part of one of their units. Never one's own request."""
    from brytupp.audit.models import ExtractRequest, ExtractRequestStatus

    pending = ExtractRequest.objects.filter(status=ExtractRequestStatus.PENDING).exclude(
        requested_by=user
    )
    if Role.SYSTEMFORVALTARE in roles(user):
        return pending
    return pending.filter(person_id__in=_held_cases(user).values("person_id"))


# Approve or refuse a request for a protected person's register extract: see above.
register_extract_approvals = Rule(
    "register_extract_approvals",
    admits=_has_role(Role.SYSTEMFORVALTARE, Role.ENHETSCHEF),
    objects=_extract_requests_to_decide,
)


def register_extract_person_allowed(user, person) -> bool:
    """The extract of ``person`` for an administrator: an unprotected person's directly; a
    protected person's only with an approved request of the user's own, approved less than
    ``EXTRACT_APPROVAL_VALID`` ago (decision 0023)."""
    from brytupp.audit.models import ExtractRequest, ExtractRequestStatus

    if not register_extract.allows(user):
        return False
    if not person.is_protected:
        return True
    return ExtractRequest.objects.filter(
        person=person,
        requested_by=user,
        status=ExtractRequestStatus.APPROVED,
        decided_at__gt=timezone.now() - EXTRACT_APPROVAL_VALID,
    ).exists()


def _own_data_extract_reviews(user):
    """The secrecy reviews of register extracts of persons' data the user made (decision
    0043): only the reviewer makes the PDF of their review, and for a protected person only
    while ``register_extract_person_allowed`` holds."""
    from brytupp.audit.models import DataExtractReview

    return DataExtractReview.objects.filter(reviewed_by=user)


# The register extract of a person's data (GDPR art. 15) made from a review: see above.
data_extract_reviews = Rule(
    "data_extract_reviews",
    admits=_has_role(Role.SYSTEMFORVALTARE),
    objects=_own_data_extract_reviews,
)


def _reason_cases(user):
    """Cases whose reveal and emergency-access reasons the user reads in log review: every case
    for a system administrator; for a unit manager the cases their unit leads today, as the
    unit that holds the person and answers for the case (decision 0020)."""
    from brytupp.cases.models import Case

    if Role.SYSTEMFORVALTARE in roles(user):
        return Case.objects.all()
    managed = [unit.pk for unit in units_with_role(user, Role.ENHETSCHEF)]
    return Case.objects.filter(lead_unit_id__in=managed)


# The reasons given for a reveal or an emergency access, beside their entries in log review.
# Any other reviewer of the entry sees that a reason was given, not what it says.
log_review_reasons = Rule(
    "log_review_reasons",
    admits=_has_role(Role.ENHETSCHEF, Role.SYSTEMFORVALTARE),
    objects=_reason_cases,
)


# --- the child's matters (decision 0044) -------------------------------------------------------
#
# A child in a case (placed with its person, or registered as their child) is a person in
# their own right, with their own matters: their record, reports of concern, decisions and
# support. They are read by the units with a part in the child's matters, no other:
#
# - the case's lead unit, which coordinates the case;
# - a unit for children and young people (``barn_unga``) taking part in the case under a
#   consent in force, as parts count for the case (``_units_current_parts``);
# - a unit that has accepted a ``children.ChildPart`` for that child: the invitation a report
#   of concern (orosanmälan) sends to the district's barn och unga unit.
#
# Not ekonomiskt bistånd or any other unit taking part in the parent's case, not an invited or
# declined part, and never a unit that has a current linked threat person of the case as a
# client (decision 0039) — which includes a guardian of the child who threatens: their unit is
# shown nothing about the child. A case not accepted shows no one the child's matters.
#
# A report of concern is passed on without the parent's consent: the duty to report overrides
# secrecy. Socialtjänstlagen's report duty (SoL 14 kap. 1 §, carried into socialtjänstlagen
# 2025:400) obliges the social services' staff to tell the unit that investigates children;
# the social services' secrecy (OSL 26 kap.) does not hinder it, since a duty to report laid
# down in law breaks secrecy (OSL 10 kap. 28 §). So the ``ChildPart`` a report creates needs
# no consent, and the barn och unga unit that accepts it reads the child's matters, never the
# parent's case: its part is in the child's matters, not in the case.


def child_in_case(case, child) -> bool:
    """Whether ``child`` is a child in ``case`` (``people.protection.case_children``)."""
    from brytupp.people.protection import case_children

    return case_children(case).filter(pk=child.pk).exists()


def _guardian_threat_units(case, child) -> QuerySet[Unit]:
    """The units with a current part in an open case of a guardian of ``child`` who is a
    current linked threat person of ``case``."""
    from brytupp.cases.models import Case, CaseUnit, CaseUnitStatus, ThreatPerson
    from brytupp.people.models import Guardianship

    guardians = Guardianship.objects.filter(child=child).values("guardian_id")
    threats = ThreatPerson.objects.filter(
        case=case, ended__isnull=True, person_id__in=guardians
    ).values("person_id")
    their_cases = Case.objects.filter(person_id__in=threats, closed__isnull=True)
    parts = CaseUnit.objects.filter(
        case__in=their_cases, status__in=(CaseUnitStatus.INVITED, CaseUnitStatus.ACTIVE)
    )
    return Unit.objects.filter(pk__in=parts.values("unit_id"))


def child_matters_unit_ids(case, child) -> frozenset[int]:
    """The ids of the units that read ``child``'s matters in ``case``: see above. Empty for a
    person who is not a child in the case, and for a case not accepted."""
    from brytupp.cases.models import CaseAcceptance, CaseUnit, CaseUnitStatus
    from brytupp.children.models import ChildPart, ChildPartStatus

    if case.acceptance != CaseAcceptance.ACCEPTED or not child_in_case(case, child):
        return frozenset()
    case_parts = _units_current_parts(
        CaseUnit.objects.filter(case=case).values("unit_id"), CaseUnitStatus.ACTIVE
    ).filter(case=case)
    lead_or_barn_unga = case_parts.filter(
        Q(unit_id=case.lead_unit_id) | Q(unit__kind=UnitKind.BARN_UNGA)
    ).values_list("unit_id", flat=True)
    accepted = ChildPart.objects.filter(
        case=case, child=child, status=ChildPartStatus.ACTIVE
    ).values_list("unit_id", flat=True)
    return frozenset(
        (set(lead_or_barn_unga) | set(accepted)) - child_matters_never_unit_ids(case, child)
    )


def child_matters_never_unit_ids(case, child) -> frozenset[int]:
    """The units never shown anything of ``child``'s matters in ``case``, whatever their
    part: those with a current linked threat person of the case as a client (decision 0039),
    among them those whose client is a guardian of the child who threatens."""
    never = set(units_with_threat_person_as_client(case).values_list("pk", flat=True))
    never |= set(_guardian_threat_units(case, child).values_list("pk", flat=True))
    return frozenset(never)


def child_matters_units_of(user, case, child) -> list[Unit]:
    """The user's units (a case role today) that read ``child``'s matters in ``case``, the
    lead unit first: the unit the user acts through on the child's page."""
    readers = child_matters_unit_ids(case, child)
    units = [unit for unit in units_with_role(user, *CASE_ROLES) if unit.pk in readers]
    return sorted(units, key=lambda unit: unit.pk != case.lead_unit_id)


def child_matters_readable(user, case, child) -> bool:
    """Whether ``user`` reads ``child``'s matters in ``case``: a case role today in one of the
    units of ``child_matters_unit_ids``. The views answer False with the same 404 as for a
    person who is not a child in the case."""
    return bool(child_matters_units_of(user, case, child))


def child_matters_writable(user, case, child) -> bool:
    """Whether ``user`` records in ``child``'s matters (the child's record, a report of
    concern): the units that read them, while the case is open."""
    return case.closed is None and child_matters_readable(user, case, child)


def child_matters_led(user, case, child) -> bool:
    """Whether ``user`` acts for the case's lead unit in ``child``'s matters: links a guardian,
    lowers an inherited protection, sees the school of a protected child."""
    units = child_matters_units_of(user, case, child)
    return bool(units) and units[0].pk == case.lead_unit_id


def child_school_withheld(case, child, unit_id: int | None) -> bool:
    """A school or preschool is where the child is every day: a location. For a protected
    child (or a child of a protected parent) its name is shown to the lead unit only, masked
    for every other unit — the pattern of ``placement_location_withheld``."""
    if not (child.is_protected or case.person.is_protected):
        return False
    return unit_id != case.lead_unit_id


def _threat_person_client() -> Exists:
    """``units_with_threat_person_as_client`` as a filter on a model with ``unit`` and
    ``case``: the unit has a current part in another open case, of a current linked threat
    person of ``case``."""
    from brytupp.cases.models import CaseUnit, CaseUnitStatus, ThreatPerson

    threatens = ThreatPerson.objects.filter(
        case=OuterRef(OuterRef("case")), ended__isnull=True, person=OuterRef("case__person")
    )
    return Exists(
        CaseUnit.objects.filter(
            unit=OuterRef("unit"),
            status__in=(CaseUnitStatus.INVITED, CaseUnitStatus.ACTIVE),
            case__closed__isnull=True,
        )
        .exclude(case=OuterRef("case"))
        .filter(Exists(threatens))
    )


# Reports of concern to receive (orosanmälningar att ta emot), on the start pages: the
# invitations of the user's units, answered by a case worker or manager of the unit. Not a
# unit that has become a client unit of a threat person of the case since the report was
# routed to it (``child_matters_never_unit_ids``): it is shown nothing of the child, not even
# the report, and cannot accept it.
def _child_invitations(user):
    from brytupp.children.models import ChildPart, ChildPartStatus

    return (
        ChildPart.objects.filter(unit_id__in=_case_units(user), status=ChildPartStatus.INVITED)
        .exclude(_threat_person_client())
        .select_related("case", "case__person", "child", "unit", "origin")
    )


child_invitations = Rule(
    "child_invitations", admits=_has_role(*CASE_ROLES), objects=_child_invitations
)
# The child's page and its forms: a case worker or manager, whose unit the view then checks
# against ``child_matters_readable`` (404 alike for "not a child of this case" and "not allowed").
child_matters: Rule[Model] = Rule("child_matters", admits=_has_role(*CASE_ROLES))


# --- a move to another municipality (decision 0050) --------------------------------------------
#
# The case closed as moved to another municipality: its lead unit — the one that closed it
# and sends the summary to the receiving municipality — reads the move and produces the
# summary; no other unit, whatever its part, and no emergency access. A closed case keeps its
# parts, so the lead unit's part still leads it (``_led_cases``). The summary itself is
# produced only while the person's consent to it is recorded (``move_summary_offered``).


def _moved_cases(user):
    from brytupp.cases.models import ClosureReason

    return _led_cases(user).filter(closed__isnull=False, closure_reason=ClosureReason.MOVED)


municipality_move = Rule("municipality_move", admits=_has_role(*CASE_ROLES), objects=_moved_cases)


def move_summary_offered(move) -> bool:
    """Whether the summary for the receiving municipality may be produced: a move recorded
    with the person's consent to it. Without one, nothing of the case leaves the city."""
    return move is not None and move.consent_given is not None


# --- the local process: who in each district offers each item of the palette (decision 0051) --
#
# Not personal data, but each district's own: a district's process owner (the process owner's
# role in a unit of that district, ``districts_overseen``) reads and keeps their district's
# local process, the district valid today. The city's process owner (the process owner's role
# in a city-wide unit, one without a district) and the analyst read every district's, side by
# side, and keep none. Everyone else sees none of it: 404 alike for a district that does not
# exist and one the user may not read or keep.


def city_process_owner(user) -> bool:
    """Whether the user is the city's process owner: a process owner in a city-wide unit."""
    return any(unit.district_id is None for unit in units_with_role(user, Role.IMPLEMENTERARE))


def _local_process_city_reader(user) -> bool:
    return Role.ANALYTIKER in roles(user) or city_process_owner(user)


def _local_process_read(user) -> QuerySet[District]:
    if _local_process_city_reader(user):
        return District.objects.all()
    return District.objects.filter(pk__in=[d.pk for d in districts_overseen(user)])


def _local_process_kept(user) -> QuerySet[District]:
    return District.objects.valid_on(timezone.localdate()).filter(
        pk__in=[d.pk for d in districts_overseen(user)]
    )


local_process = Rule(
    "local_process",
    admits=lambda user: bool(districts_overseen(user)) or _local_process_city_reader(user),
    objects=_local_process_read,
)
local_process_edit = Rule(
    "local_process_edit",
    admits=lambda user: bool(districts_overseen(user)),
    objects=_local_process_kept,
)
local_process_city: Rule[Model] = Rule("local_process_city", admits=_local_process_city_reader)


# --- contact requests from the public pages (decision 0054) --------------------------------


def _rvt_districts(user) -> list[int]:
    """The districts whose relationship violence team the user works in (a case role)."""
    return sorted(
        {
            unit.district_id
            for unit in units_with_role(user, *CASE_ROLES)
            if unit.kind == UnitKind.RVT and unit.district_id is not None
        }
    )


def _contact_requests(user):
    from brytupp.contact.models import ContactRequest

    return ContactRequest.objects.filter(district_id__in=_rvt_districts(user))


# A contact request is read and handled by the district's RVT, case workers and managers, and
# no one else: not another unit of the district, not the process owner, not an administrator.
contact_requests = Rule(
    "contact_requests", admits=lambda user: bool(_rvt_districts(user)), objects=_contact_requests
)
