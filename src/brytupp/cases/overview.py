"""One case as its page shows it: everything read in a fixed number of queries.

``case_overview`` is the only way a case page gets its data: it fetches the case through the
access rule, logs the view, and gathers the parts, consents, meetings, assessments, plan,
decisions, placements, follow-ups, SHIS referrals, SIPs and the timeline.

A unit that is only invited gets a reduced overview: the lead unit's part and the consents that
cover it, nothing of the case's content, which is not even read (decision 0021). Where the
person is placed is shown by ``policies.placement_location_withheld``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import F, Prefetch
from django.utils import timezone

from brytupp.access import policies
from brytupp.assessments.models import RiskInstrument, RiskLevel
from brytupp.assessments.selectors import RiskAndSafety, risk_and_safety
from brytupp.audit.models import AccessKind
from brytupp.audit.services import access_log_record, access_log_record_persons
from brytupp.interventions.child_track_shown import child_matters_only, placed_children_doors
from brytupp.interventions.models import (
    AfterHoursDecision,
    AppealOutcome,
    Application,
    ApplicationDecision,
    Decision,
    DecisionAppeal,
    DecisionStatus,
    Placement,
    PlacementChild,
)
from brytupp.interventions.presentation import decision_provider, placement_location
from brytupp.organisation.models import Unit
from brytupp.people.presentation import (
    person_display_address,
    person_display_name,
    person_display_number,
    placed_child_display_name,
)
from brytupp.sort_order import swedish_order

from .events import LABELS, EventKind
from .models import AccountVersion, Case, CaseEvent, CaseUnit, Consent, Meeting, ThreatPerson
from .selectors import account_awaiting_confirmation, invitation_scope


@dataclass
class CaseOverview:
    case: Case
    person_name: str
    person_number: str
    person_address: str
    # A user of the acting unit may reveal what is masked for it (name, number, address).
    may_reveal: bool
    acting_part: CaseUnit | None
    may_lead: bool
    may_participate: bool
    # The lead unit of the person's oldest open accepted case records the address.
    may_record_address: bool
    # Not (yet) accepted: the person is masked and the case grants nothing (decision 0016).
    masked: bool
    emergency_until: datetime.datetime | None
    parts: list[CaseUnit]
    consents: list[Consent]
    meetings: list[Meeting]
    assessments: list
    plan_actions: list
    practical_tasks: list
    decisions: list[Decision]
    placements: list[Placement]
    follow_ups: list
    shis_referrals: list
    sips: list
    events: list[CaseEvent]
    today: datetime.date = field(default_factory=timezone.localdate)
    # The acting unit is only invited: the overview holds what it needs to decide, no content.
    invitation_only: bool = False
    # The account carried from the earlier case, awaiting confirmation: for the lead unit only.
    account_carried: AccountVersion | None = None
    # Whether the account waits for the lead unit to confirm the earlier case's.
    account_awaits_confirmation: bool = False
    # How many versions of the account are kept (decision 0034).
    account_versions: int = 0
    # Risk assessments and safety plans as the acting unit may see them (issue 14).
    risk: RiskAndSafety | None = None
    # Who the threat is (decision 0039): for the units taking part, each with ``name`` shown.
    threat_persons: list[ThreatPerson] = field(default_factory=list)
    # Applications and their decisions, newest first (decision 0041): for the units taking
    # part, each with ``may_decide`` (the doors: the user records them for its unit) and
    # ``in_force`` (a decision of it is in force), each decision with ``appeal_pending``.
    applications: list[Application] = field(default_factory=list)
    # Whether the user records applications for any unit in the case (the door to a new one).
    may_record_applications: bool = False
    # Under emergency access: Socialjouren may make its one after-hours decision (0042).
    may_decide_after_hours: bool = False
    # The children in the case (decision 0044): each child, their name as the case shows it,
    # and whether the user reads the child's matters (a link to the child's page).
    children: list = field(default_factory=list)

    @property
    def consent_in_force(self) -> list[Consent]:
        """The consents in force today, as the query marked them (``Consent.in_force``)."""
        return [c for c in self.consents if c.in_force]


def case_get(*, actor, public_id, rule=None) -> Case:
    """Fetch one case the actor may see (404 otherwise) and log the view."""
    case = (rule or policies.cases).get_or_404(
        actor,
        # The account is read only where it is shown, never for an invited unit's overview.
        queryset=Case.objects.select_related(
            "person", "district", "lead_unit", "previous_case"
        ).defer("account"),
        public_id=public_id,
    )
    # The acting unit's part, read once: the log's ground and the page both need it.
    case.acting_part = policies.acting_part(actor, case)
    access_log_record(
        actor=actor,
        kind=AccessKind.VIEW,
        case=case,
        ground=policies.access_ground(actor, case, part=case.acting_part),
    )
    return case


def _risk_label(event) -> str:
    """ "Risk assessment: FREDA dangerousness, high" — the instrument and the level it gave."""
    instrument = dict(RiskInstrument.choices).get(event.data.get("instrument"), "")
    level = dict(RiskLevel.choices).get(event.data.get("level"), "")
    details = ", ".join(str(text) for text in (instrument, level) if text)
    return f"{event.label}: {details}" if details else str(event.label)


def case_overview(*, actor, public_id) -> CaseOverview:
    case = case_get(actor=actor, public_id=public_id)
    if policies.invitation_only(case.acting_part):
        return _invitation_overview(case)
    # What the acting part grants, as the rules ``case_lead`` and ``case_participation`` would
    # say (tests/access/test_part_grants.py holds them equal), without two more queries.
    may_lead = policies.part_leads(case, case.acting_part)
    may_participate = policies.part_participates(case, case.acting_part)
    masked = policies.case_masked(case)
    address_withheld = policies.address_withheld(case, case.acting_part)
    today = timezone.localdate()
    carried = account_awaiting_confirmation(case)
    consents = list(
        case.consents.with_in_force(today)
        .select_related("continues")
        .prefetch_related("units", "partners", "violence_description_units")
        .order_by("-given", "-pk")
    )
    parts = sorted(
        # The decline reason is for the lead unit that invited: deferred for the others.
        case.case_units.select_related("unit", "responsible")
        .defer(*(() if may_lead else ("decline_reason",)))
        .order_by("status", swedish_order("unit__name")),
        key=lambda part: part.unit_id != case.lead_unit_id,
    )
    in_force = [consent for consent in consents if consent.in_force]
    deciding = _deciding_unit_ids(actor, case) if may_participate else frozenset()
    emergency_until = _emergency_until(actor, case, case.acting_part)
    after_hours_applications, may_decide_after_hours = _after_hours(actor, case, emergency_until)
    placements = _placements(case)
    # The child's own track (decision 0045): a child still placed on their own decision.
    placed_children_doors(actor, case, placements)
    for unit_part in parts:
        # "Taking part" only while a consent in force covers the unit: one that ran out is
        # shown as such, not as taking part.
        unit_part.covered = policies.part_covered(unit_part, case, in_force)
    return CaseOverview(
        case=case,
        today=today,
        account_carried=carried if may_lead else None,
        account_awaits_confirmation=carried is not None,
        account_versions=case.account_versions.count(),
        person_name=person_display_name(case.person, masked=masked),
        person_number=person_display_number(case.person, masked=masked),
        person_address=person_display_address(case.person, withheld=address_withheld),
        may_reveal=may_participate
        and (case.person.is_protected or (address_withheld and bool(case.person.address_sealed))),
        acting_part=case.acting_part,
        may_lead=may_lead,
        may_participate=may_participate,
        may_record_address=may_lead and policies.person_address.check(actor, case),
        masked=masked,
        emergency_until=emergency_until,
        parts=parts,
        consents=consents,
        meetings=list(
            case.meetings.prefetch_related("units", "partners")
            .select_related("recorded_by")
            .order_by("-held", "-pk")
        ),
        assessments=list(
            case.assessments.select_related("unit").order_by("area", swedish_order("unit__name"))
        ),
        plan_actions=list(
            case.plan_actions.select_related("responsible_unit").order_by("due", "pk")
        ),
        practical_tasks=list(
            case.practical_tasks.select_related("support", "responsible_unit", "assignee").order_by(
                "done", "due", "pk"
            )
        ),
        decisions=child_matters_only(actor, case, _decisions(case)),
        placements=placements,
        follow_ups=list(case.follow_ups.select_related("unit").order_by("-date", "-pk")),
        shis_referrals=list(case.shis_referrals.order_by("-date", "-pk")),
        sips=list(case.sips.order_by("-date", "-pk")),
        events=_events(case),
        threat_persons=_threat_persons(actor, case) if may_participate else [],
        applications=child_matters_only(
            actor,
            case,
            _applications(case, deciding) if may_participate else after_hours_applications,
        ),
        may_record_applications=bool(deciding),
        may_decide_after_hours=may_decide_after_hours,
        children=_children(actor, case) if may_participate else [],
        risk=risk_and_safety(
            case=case, part=case.acting_part, today=today, consents_in_force=in_force
        ),
    )


def _children(actor, case: Case) -> list:
    """The children in the case, linked for the units that read their matters (decision
    0044). Imported here: the child's page reads the interventions, which write cases."""
    from brytupp.children.overview import case_children_rows

    return case_children_rows(actor=actor, case=case)


def _invitation_overview(case: Case) -> CaseOverview:
    """What an invited unit may read: who invites and on which consent; the rest is empty."""
    lead_part, consents = invitation_scope(case=case, part=case.acting_part)
    parts = [part for part in (lead_part, case.acting_part) if part is not None]
    for part in parts:
        part.covered = policies.part_covered(part, case, [])
    return CaseOverview(
        case=case,
        person_name=person_display_name(case.person, masked=policies.case_masked(case)),
        person_number="",
        person_address="",
        may_reveal=False,
        acting_part=case.acting_part,
        may_lead=False,
        may_participate=False,
        may_record_address=False,
        masked=policies.case_masked(case),
        emergency_until=None,
        parts=parts,
        consents=consents,
        meetings=[],
        assessments=[],
        plan_actions=[],
        practical_tasks=[],
        decisions=[],
        placements=[],
        follow_ups=[],
        shis_referrals=[],
        sips=[],
        events=[],
        invitation_only=True,
    )


def _threat_persons(actor, case: Case) -> list[ThreatPerson]:
    """The case's threat persons, current first, in one query; each with ``name``: the linked
    person's name as the policy shows it (masked when protected), or the description. The
    linked persons shown are logged on the persons alone, never naming this case (0039)."""
    threats = list(
        case.threat_persons.select_related("person").order_by(
            F("ended").desc(nulls_first=True), "recorded_at", "pk"
        )
    )
    linked = [threat.person for threat in threats if threat.person is not None]
    for threat in threats:
        threat.name = (
            person_display_name(threat.person) if threat.person is not None else threat.description
        )
    if linked:
        access_log_record_persons(
            actor=actor,
            kind=AccessKind.VIEW,
            person_public_ids=[person.public_id for person in linked],
            ground=policies.access_ground(actor, case, part=case.acting_part),
        )
    return threats


def _applications(
    case: Case, deciding: frozenset[int], *, received_by: int | None = None
) -> list[Application]:
    """The applications, newest first, each with its decisions newest first and their appeals:
    three queries however many there are; ``deciding``: the user's units that record them;
    ``received_by``: only those one unit received."""
    appeals = DecisionAppeal.objects.order_by("lodged", "pk")
    decisions = (
        ApplicationDecision.objects.select_related(
            "legal_ground",
            "decision_maker",
            "delegation",
            "after_hours__acknowledged_by",
        )
        .prefetch_related(Prefetch("appeals", queryset=appeals))
        .order_by("-decided", "-recorded_at", "-pk")
    )
    received = case.applications.select_related("child")
    if received_by is not None:
        received = received.filter(unit_id=received_by)
    applications = list(
        received.select_related("unit")
        .prefetch_related(Prefetch("decisions", queryset=decisions))
        .order_by("-received", "-pk")
    )
    for application in applications:
        application.may_decide = application.unit_id in deciding
        # The doors that follow a decision up: the lead unit's for Socialjouren's after hours.
        application.may_follow_up = (
            policies.application_follow_up_unit(application, case).pk in deciding
        )
        for decision in application.decisions.all():
            decision.appeal_pending = any(
                appeal.outcome == AppealOutcome.PENDING for appeal in decision.appeals.all()
            )
        application.in_force = any(
            decision.status == DecisionStatus.IN_FORCE for decision in application.decisions.all()
        )
    return applications


def _after_hours(actor, case: Case, emergency_until) -> tuple[list[Application], bool]:
    """Under emergency access (decision 0042): the applications Socialjouren's unit received
    in the case (its own after-hours decisions), and whether the user may make the one
    after-hours decision of their running access (not yet made, the case open)."""
    if emergency_until is None:
        return [], False
    grant = policies.after_hours_grant(actor, case)
    if grant is None:
        return [], False
    used = AfterHoursDecision.objects.filter(emergency_access=grant).exists()
    return _applications(case, frozenset(), received_by=grant.unit_id), case.is_open and not used


def _deciding_unit_ids(actor, case: Case) -> frozenset[int]:
    """The actor's units that record applications and decisions in the case."""
    return frozenset(
        unit.pk
        for unit in policies.units_with_role(actor, *policies.CASE_ROLES)
        if policies.unit_decides_in_case(actor, unit, case)
    )


def _decisions(case: Case) -> list[Decision]:
    """The decisions, each with ``provider_shown``: a housing decision's provider masked for a
    unit that does not need to know where the person lives."""
    decisions = list(
        case.decisions.select_related("decided_by", "provider", "child").order_by("-decided", "-pk")
    )
    for decision in decisions:
        decision.provider_shown = decision_provider(decision, case=case, part=case.acting_part)
    return decisions


def _placements(case: Case) -> list[Placement]:
    """The placements, each with ``location`` (the housing, or its mask) and each child placed
    with ``name`` (masked with a protected parent)."""
    placements = list(
        case.placements.select_related("decision")
        .prefetch_related(
            Prefetch(
                "children", queryset=PlacementChild.objects.select_related("child", "placement")
            ),
            "follow_ups",
        )
        .order_by("-start", "-pk")
    )
    for placement in placements:
        placement.location = placement_location(placement, case=case, part=case.acting_part)
        for placed in placement.children.all():
            placed.name = placed_child_display_name(placed.child, parent=case.person)
    return placements


def _events(case: Case) -> list[CaseEvent]:
    """The timeline, each event with its label. Events hold codes and ids only, never a
    housing's or a person's name, so the timeline is the same for every unit taking part."""
    events = list(
        CaseEvent.objects.filter(case=case).select_related("actor", "unit").order_by("-day", "-at")
    )
    naming = (EventKind.UNIT_INVITED, EventKind.THREAT_INVITATION_DECIDED)
    invited_codes = {e.data.get("invited_unit") for e in events if e.kind in naming}
    invited_names = (
        dict(Unit.objects.filter(code__in=invited_codes - {None}).values_list("code", "name"))
        if invited_codes
        else {}
    )
    for event in events:
        event.label = LABELS.get(event.kind, event.kind)
        if event.kind in naming and event.data.get("invited_unit") in invited_names:
            event.label = f"{event.label}: {invited_names[event.data['invited_unit']]}"
        elif event.kind == EventKind.RISK_ASSESSED:
            event.label = _risk_label(event)
        elif event.kind == EventKind.RISK_LEVEL_RAISED:
            level = dict(RiskLevel.choices).get(event.data.get("level"), "")
            event.label = f"{event.label}: {level}" if level else str(event.label)
    return events


def _emergency_until(actor, case, part):
    """When the actor reads the case only through emergency access: when that access ends."""
    if part is not None:
        return None
    from brytupp.access.selectors import emergency_access_running

    grant = emergency_access_running(actor=actor, case=case)
    return grant.expires_at if grant else None


def case_person_children(*, case: Case) -> list:
    """Children linked to the case's person, for recording a placement."""
    return list(case.person.children.order_by("birth_date"))
