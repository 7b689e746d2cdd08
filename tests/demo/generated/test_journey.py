"""The demo's cases show every stage of the case journey, generated with a fixed ``today``."""

import datetime
from collections import Counter

import pytest
from django.db.models import F, Q

from brytupp.access import policies
from brytupp.assessments.models import Screening
from brytupp.cases.events import LABELS, EventKind
from brytupp.cases.models import (
    Case,
    CaseEvent,
    CaseOpeningRequest,
    CaseUnit,
    Consent,
    Meeting,
    NeedsAssessment,
)
from brytupp.demo.journey import SCREENING_KINDS
from brytupp.demo.staff import login_valid_from
from brytupp.housing.models import ShisReferral, is_permanent
from brytupp.interventions.models import (
    PALETTE,
    Decision,
    FollowUp,
    Placement,
    PlacementChild,
)
from brytupp.organisation.models import District, Membership, User
from brytupp.people.models import Guardianship
from brytupp.plans.models import PlanAction, Sip

from .conftest import TODAY

pytestmark = pytest.mark.django_db

WEEK = datetime.timedelta(days=7)


def _user(username: str) -> User:
    return User.objects.get(username=username)


def test_the_summary_counts_what_is_in_the_database(demo):
    open_cases = Case.objects.filter(closed__isnull=True)
    ongoing = Placement.objects.filter(end__isnull=True, case__closed__isnull=True)
    assert (
        demo.consents,
        demo.consents_withdrawn,
        demo.invitations_pending,
        demo.invitations_declined,
        demo.accounts,
        demo.meetings,
        demo.needs_assessments,
        demo.plan_actions,
        demo.decisions,
        demo.decisions_short_protected_housing,
        demo.placements,
        demo.placements_ongoing,
        demo.placed_children,
        demo.follow_ups,
        demo.shis_referrals,
        demo.sips,
        demo.screenings,
        demo.plan_actions_overdue,
        demo.placement_follow_ups_overdue,
        demo.schoolings_overdue,
        demo.sip_follow_ups_overdue,
    ) == (
        Consent.objects.count(),
        Consent.objects.filter(withdrawn__isnull=False).count(),
        CaseUnit.objects.filter(status="invited").count(),
        CaseUnit.objects.filter(status="declined").count(),
        Case.objects.exclude(account="").count(),
        Meeting.objects.count(),
        NeedsAssessment.objects.count(),
        PlanAction.objects.count(),
        Decision.objects.count(),
        sum(decision.is_short_protected_housing for decision in Decision.objects.all()),
        Placement.objects.count(),
        Placement.objects.filter(end__isnull=True).count(),
        PlacementChild.objects.count(),
        FollowUp.objects.count(),
        ShisReferral.objects.count(),
        Sip.objects.count(),
        Screening.objects.count(),
        PlanAction.objects.filter(case__in=open_cases, status="planned", due__lt=TODAY).count(),
        sum(
            placement.follow_ups.count() == 0 and placement.follow_up_due < TODAY
            for placement in ongoing
        ),
        PlacementChild.objects.filter(
            placement__in=ongoing,
            schooling_start__isnull=True,
            placement__start__lt=TODAY - WEEK,
        ).count(),
        Sip.objects.filter(case__in=open_cases, next_follow_up__lt=TODAY).count(),
    )


def test_journey_counts_for_a_fixed_today(demo):
    assert (
        demo.consents,
        demo.consents_withdrawn,
        demo.invitations_pending,
        demo.invitations_declined,
        demo.accounts,
        demo.meetings,
        demo.needs_assessments,
        demo.plan_actions,
        demo.decisions,
        demo.decisions_short_protected_housing,
        demo.placements,
        demo.placements_ongoing,
        demo.placed_children,
        demo.follow_ups,
        demo.shis_referrals,
        demo.sips,
        demo.screenings,
    ) == (184, 4, 20, 11, 142, 94, 166, 124, 368, 41, 37, 15, 29, 145, 37, 21, 237)
    assert (
        demo.plan_actions_overdue,
        demo.placement_follow_ups_overdue,
        demo.schoolings_overdue,
        demo.sip_follow_ups_overdue,
    ) == (27, 3, 6, 5)


def test_every_kind_of_timeline_event_is_present(demo):
    kinds = set(CaseEvent.objects.values_list("kind", flat=True))

    # No service lets a unit leave a case yet, and risk assessments come only from imports.
    # The demo registers children with their parent's protection (nothing to raise when they
    # are placed) and no lead unit lowers a child's.
    assert kinds == set(LABELS) - {
        EventKind.UNIT_LEFT,
        EventKind.RISK_ASSESSED,
        EventKind.PROTECTION_RAISED,
        EventKind.PROTECTION_LOWERED,
        EventKind.OPENING_REFUSED,
    }
    # Someone did each thing, a member of the unit it is attributed to on that day.
    assert not CaseEvent.objects.filter(actor__isnull=True).exists()
    assert not CaseEvent.objects.filter(unit__isnull=True).exists()
    members = {(m.user_id, m.unit_id): m for m in Membership.objects.filter(valid_to__isnull=True)}
    for actor, unit, day in CaseEvent.objects.values_list("actor", "unit", "day"):
        assert members[actor, unit].valid_from <= day


# --- consent and joint handling ----------------------------------------------------------------


def test_consents_written_and_oral_some_covering_partners(demo):
    consents = Consent.objects.all()

    assert Counter(consents.values_list("form", flat=True)) == {"written": 119, "oral": 65}
    partners = Counter(consents.values_list("partners__code", flat=True))
    assert partners == {
        None: 97,
        "region-stockholm": 46,
        "shis-bostader": 37,
        "polisen": 15,
        "bostadsformedlingen": 12,
    }
    assert consents.filter(units__isnull=True).exists()  # external partners only
    assert all(consent.purpose for consent in consents)
    assert not consents.filter(expires__isnull=False).exists()


def test_open_cases_with_joint_handling_and_cases_of_the_rvt_alone(demo):
    open_cases = Case.objects.filter(closed__isnull=True)
    units_per_case = Counter(
        CaseUnit.objects.filter(case__in=open_cases, status="active").values_list("case", flat=True)
    )

    assert Counter(units_per_case.values()) == {1: 102, 2: 52, 3: 13}
    alone = open_cases.filter(consents__isnull=True)
    assert alone.count() == 57  # two of them opened through acceptance
    assert not CaseUnit.objects.filter(case__in=alone).exclude(unit=F("case__lead_unit")).exists()


def test_invitations_are_accepted_declined_or_still_waiting(demo):
    parts = CaseUnit.objects.exclude(unit=F("case__lead_unit")).select_related("case")

    assert Counter(parts.values_list("status", flat=True)) == {
        "active": 133,
        "declined": 11,
        "invited": 20,
    }
    assert all(part.case.opened <= part.invited <= TODAY for part in parts)
    for part in parts.filter(status="active"):
        assert part.invited <= part.joined <= (part.case.closed or TODAY)
        assert part.left is None
    for part in parts.filter(status="declined"):
        assert part.invited <= part.left <= TODAY
        assert part.joined is None
    waiting = parts.filter(status="invited")
    assert all(TODAY - datetime.timedelta(days=21) <= part.invited for part in waiting)
    assert not waiting.filter(case__closed__isnull=False).exists()
    # Every invitation was covered by a consent in force that day.
    for part in parts:
        assert Consent.objects.in_force(part.invited).filter(case=part.case, units=part.unit)


def test_a_withdrawn_consent_removes_the_units_access(demo):
    withdrawn = Consent.objects.filter(withdrawn__isnull=False).prefetch_related("units")

    assert withdrawn.count() == 4
    for consent in withdrawn:
        assert consent.case.is_open
        for unit in consent.units.all():
            part = CaseUnit.objects.get(case=consent.case, unit=unit, status="active")
            assert part.joined <= consent.withdrawn
            worker = part.responsible
            assert not policies.cases.check(worker, consent.case)
        assert CaseEvent.objects.filter(
            case=consent.case, kind="consent_withdrawn", day=consent.withdrawn
        ).exists()


def test_every_active_part_has_a_responsible_case_worker_of_its_unit(demo):
    parts = CaseUnit.objects.filter(status="active").select_related("responsible", "unit")

    current = Membership.objects.valid_on(TODAY)
    assert all(part.responsible_id for part in parts)
    assert all(
        current.filter(user=part.responsible_id, unit=part.unit_id).exists() for part in parts
    )


def test_the_farsta_logins_are_responsible_for_their_share(demo):
    farsta_rvt = CaseUnit.objects.filter(unit__code="farsta-rvt")
    farsta_ekb = CaseUnit.objects.filter(unit__code="farsta-ekonomiskt_bistand", status="active")

    assert farsta_rvt.count() == 40
    assert farsta_rvt.filter(responsible__username="farsta.rvt").count() == 21
    # farsta.ekb answers for every part its unit took since the login's membership began.
    since = login_valid_from(TODAY)
    assert farsta_ekb.count() == 13
    assert set(farsta_ekb.filter(responsible__username="farsta.ekb")) == set(
        farsta_ekb.filter(joined__gte=since)
    )
    assert farsta_ekb.filter(joined__gte=since).count() == 10
    sodermalm = CaseUnit.objects.filter(unit__code="sodermalm-rvt")
    assert sodermalm.filter(responsible__username="sodermalm.rvt").count() == 20


def test_farsta_ekb_sees_its_cases_its_invitation_and_not_the_withdrawn_one(demo):
    user = _user("farsta.ekb")
    visible = policies.cases.queryset(user)
    parts = CaseUnit.objects.filter(unit__code="farsta-ekonomiskt_bistand")

    invitations = policies.case_invitations.queryset(user)
    assert invitations.count() == 1
    assert list(invitations.values_list("pk", flat=True)) == list(
        parts.filter(status="invited").values_list("pk", flat=True)
    )
    taking_part = parts.filter(status="active")
    withdrawn = taking_part.filter(
        case__consents__units__code="farsta-ekonomiskt_bistand",
        case__consents__withdrawn__isnull=False,
    )
    assert withdrawn.count() == 1
    lost = withdrawn.get().case
    assert lost.is_open
    assert not visible.filter(pk=lost.pk).exists()
    assert parts.filter(status="declined").count() == 0
    assert not visible.filter(pk__in=parts.filter(status="declined").values("case")).exists()
    expected = set(taking_part.exclude(pk=withdrawn.get().pk).values_list("case", flat=True)) | set(
        parts.filter(status="invited").values_list("case", flat=True)
    )
    assert set(visible.values_list("pk", flat=True)) == expected
    assert (visible.count(), visible.filter(closed__isnull=True).count()) == (13, 11)
    participating = policies.case_participation.queryset(user)
    assert participating.count() == 12
    assert not participating.filter(pk__in=invitations.values("case")).exists()
    # The lead unit's case worker still sees the case the consent no longer covers.
    assert policies.cases.check(_user("farsta.rvt"), lost)


# --- the work in a case ------------------------------------------------------------------------


def test_most_open_cases_have_the_persons_synthetic_account(demo):
    open_cases = Case.objects.filter(closed__isnull=True)

    with_account = open_cases.exclude(account="")
    assert (with_account.count(), open_cases.count()) == (142, 167)
    assert all(
        account.startswith("Syntetisk berättelse för demonstration: ")
        for account in with_account.values_list("account", flat=True)
    )
    assert not Case.objects.filter(closed__isnull=False).exclude(account="").exists()


def test_joint_meetings_with_synthetic_minutes_and_the_units_taking_part(demo):
    meetings = Meeting.objects.select_related("case").prefetch_related("units", "partners")

    assert all(meeting.minutes.startswith("Syntetiskt protokoll") for meeting in meetings)
    assert Counter(meeting.units.count() for meeting in meetings) == {2: 77, 3: 17}
    assert sum(meeting.partners.exists() for meeting in meetings) == 10
    for meeting in meetings:
        assert meeting.case.opened <= meeting.held <= (meeting.case.closed or TODAY)
        assert meeting.case.lead_unit in meeting.units.all()


def test_needs_assessed_by_several_units_in_several_areas(demo):
    assessments = NeedsAssessment.objects.select_related("unit")

    assert Counter(a.unit.kind for a in assessments) == {
        "rvt": 74,
        "ekonomiskt_bistand": 64,
        "barn_unga": 17,
        "vuxen_beroende": 11,
    }
    assert len({a.area for a in assessments}) == 9
    per_case = Counter(assessments.values_list("case", flat=True))
    assert max(per_case.values()) >= 4


def test_plan_actions_done_planned_and_overdue(demo):
    actions = PlanAction.objects.all()

    assert Counter(actions.values_list("status", flat=True)) == {
        "planned": 56,
        "in_progress": 20,
        "done": 44,
        "cancelled": 4,
    }
    overdue = actions.filter(status="planned", due__lt=TODAY)
    assert overdue.count() == demo.plan_actions_overdue > 0
    assert not actions.filter(status="in_progress", due__lt=TODAY).exists()


def test_decisions_from_the_palette_in_every_district(demo):
    made = set(Decision.objects.values_list("case__district__code", "intervention"))

    districts = District.objects.filter(valid_to__isnull=True).values_list("code", flat=True)
    assert {(d, i) for d in districts for i in PALETTE} <= made
    assert Counter(Decision.objects.values_list("intervention", flat=True)) == {
        "skyddat_boende": 76,
        "stodsamtal_individuellt": 61,
        "radgivning": 43,
        "ekonomiskt_stod": 41,
        "rattsprocess": 28,
        "stadigvarande_boende": 25,
        "halso_sjukvard": 19,
        "praktiskt_stod": 17,
        "stod_barn": 17,
        "stodsamtal_grupp": 17,
        "kontaktperson": 15,
        "tillfalligt_boende": 6,
        "sysselsattning": 3,
    }
    assert all(
        d.case.opened <= d.decided <= d.start <= TODAY
        for d in Decision.objects.select_related("case")
    )
    assert all(d.decided_by_id for d in Decision.objects.all())


def test_short_protected_housing_decisions_are_there_to_be_flagged(demo):
    protected = Decision.objects.filter(intervention="skyddat_boende")
    short = [d for d in protected if d.is_short_protected_housing]

    assert len(short) == demo.decisions_short_protected_housing == 41
    assert Counter(d.period_days for d in short) == {7: 7, 10: 14, 14: 20}
    assert any(not d.is_short_protected_housing for d in protected)
    assert {d.case.district.code for d in short} == set(
        District.objects.filter(valid_to__isnull=True).values_list("code", flat=True)
    )


def test_placements_in_protected_housing_ongoing_and_ended(demo):
    placements = Placement.objects.select_related("case", "decision")

    assert all(p.decision.intervention == "skyddat_boende" for p in placements)
    assert all(p.case.opened <= p.start <= (p.end or TODAY) <= TODAY for p in placements)
    ended = placements.filter(end__isnull=False)
    assert Counter(ended.values_list("end_reason", flat=True)) == {
        "completed": 14,
        "other": 5,
        "aborted": 2,
        "moved_other_municipality": 1,
    }
    permanent = [
        p for p in ended if is_permanent(p.next_housing_type, p.next_housing_contract_months)
    ]
    assert Counter(p.next_housing_type for p in permanent) == {
        "first_hand": 2,
        "second_hand": 3,
        "shis": 2,
        "lodger": 2,
        "priority_allocation": 2,
    }
    assert all(p.next_housing_contract_months >= 6 for p in permanent)
    assert Counter(p.next_housing_type for p in ended if p not in permanent) == {
        "relatives": 4,
        "second_hand": 3,
        "temporary": 2,
        "unknown": 2,
    }
    # The placement's decisions follow one another without a gap.
    for placement in placements:
        decisions = list(
            placement.case.decisions.filter(
                intervention="skyddat_boende", start__gte=placement.start
            ).order_by("start")
        )
        assert decisions[0] == placement.decision
        for before, after in zip(decisions, decisions[1:], strict=False):
            if before.end >= (placement.end or TODAY):
                break
            assert after.start == before.end + datetime.timedelta(days=1)


def test_every_placed_child_is_a_child_of_the_cases_person(demo):
    placed = PlacementChild.objects.select_related("placement__case", "child")

    assert placed.count() == demo.placed_children > 0
    for child in placed:
        assert Guardianship.objects.filter(
            child=child.child, guardian=child.placement.case.person_id
        ).exists()
        assert child.child.birth_date <= child.placement.start


def test_schooling_within_the_week_later_or_missing(demo):
    placed = PlacementChild.objects.select_related("placement")

    def timing(child):
        if child.schooling_start is None:
            return "missing"
        days = (child.schooling_start - child.placement.start).days
        return "within a week" if days <= 7 else "later"

    assert Counter(timing(child) for child in placed) == {
        "within a week": 10,
        "later": 3,
        "missing": 16,
    }
    assert all(
        child.schooling_kind in ("school", "larteamet") for child in placed if child.schooling_start
    )
    assert all(child.schooling_start <= TODAY for child in placed if child.schooling_start)


def test_placements_followed_up_within_the_week_late_or_not_yet(demo):
    def timing(placement):
        first = placement.follow_ups.order_by("date").first()
        if first is None:
            return "overdue" if placement.follow_up_due < TODAY else "not yet due"
        return "within a week" if first.date <= placement.follow_up_due else "late"

    ongoing = Placement.objects.filter(end__isnull=True)
    assert Counter(timing(p) for p in ongoing) == {
        "within a week": 8,
        "late": 3,
        "overdue": 3,
        "not yet due": 1,
    }
    ended = Placement.objects.filter(end__isnull=False)
    assert Counter(timing(p) for p in ended) == {"within a week": 15, "late": 6, "overdue": 1}


def test_follow_ups_record_goals_and_the_persons_situation(demo):
    follow_ups = FollowUp.objects.all()

    assert Counter(follow_ups.values_list("goal_achieved", flat=True)) == {
        True: 50,
        False: 49,
        None: 46,
    }
    assert Counter(follow_ups.values_list("improved_situation", flat=True)) == {
        True: 71,
        False: 45,
        None: 29,
    }
    assert follow_ups.filter(decision__isnull=False).count() == 47
    assert follow_ups.filter(placement__isnull=False).count() == 48
    # At the closure of a case: did the person reach their goals?
    closing = follow_ups.filter(decision__isnull=True, placement__isnull=True)
    assert closing.count() == 50
    assert all(f.date == f.case.closed for f in closing.select_related("case"))
    assert all(f.unit_id for f in follow_ups)


def test_shis_referrals_of_every_kind(demo):
    referrals = ShisReferral.objects.select_related("case")

    assert Counter(referrals.values_list("kind", flat=True)) == {
        "mellanbo": 17,
        "avtalat_boende": 9,
        "genomgangsbostad": 11,
    }
    for referral in referrals:
        assert Consent.objects.in_force(referral.date).filter(
            case=referral.case, partners__code="shis-bostader"
        )


def test_sips_with_the_region_and_next_follow_ups_some_overdue(demo):
    sips = Sip.objects.select_related("case")

    assert sips.count() == demo.sips
    for sip in sips:
        assert Consent.objects.in_force(sip.date).filter(
            case=sip.case, partners__code="region-stockholm"
        )
        assert any(p.startswith("Region Stockholm") for p in sip.participants)
        assert sip.participants[0] == sip.case.lead_unit.name
    open_sips = sips.filter(case__closed__isnull=True)
    assert open_sips.filter(next_follow_up__lt=TODAY).count() == demo.sip_follow_ups_overdue > 0
    assert open_sips.filter(next_follow_up__gte=TODAY).exists()


def test_screenings_in_every_unit_kind_of_several_districts_mostly_asked(demo):
    screenings = Screening.objects.select_related("unit__district")

    per_district = Counter(s.unit.district.code for s in screenings)
    assert per_district == {
        "hasselby-vallingby": 47,
        "bromma": 43,
        "sodermalm": 43,
        "skarholmen": 39,
        "farsta": 33,
        "jarva": 32,
    }
    kinds = {(s.unit.district.code, s.unit.kind) for s in screenings}
    assert kinds == {(d, k) for d in per_district for k in SCREENING_KINDS}
    assert Counter(screenings.values_list("asked", flat=True)) == {True: 183, False: 54}
    assert Counter(screenings.values_list("outcome", flat=True)) == {
        "negative": 119,
        "positive": 54,
        "declined": 10,
        "": 54,
    }
    assert all(TODAY - datetime.timedelta(days=365) < s.date <= TODAY for s in screenings)


# --- dates ---------------------------------------------------------------------------------------

# What happened, field by field: none of it after today. (A plan action's due date, a
# decision's end and a SIP's next follow-up are planned ahead and may be later.)
HAPPENED = [
    (Case, ["opened", "closed"]),
    (CaseUnit, ["invited", "joined", "left"]),
    (Consent, ["given", "withdrawn"]),
    (Meeting, ["held"]),
    (Decision, ["decided", "start"]),
    (Placement, ["start", "end"]),
    (PlacementChild, ["schooling_start"]),
    (FollowUp, ["date"]),
    (ShisReferral, ["date"]),
    (Sip, ["date"]),
    (Screening, ["date"]),
    (CaseEvent, ["day"]),
]


@pytest.mark.parametrize(("model", "fields"), HAPPENED, ids=lambda x: getattr(x, "__name__", ""))
def test_nothing_happened_after_today(demo, model, fields):
    future = Q()
    for name in fields:
        future |= Q(**{f"{name}__gt": TODAY})

    assert model.objects.exists()
    assert not model.objects.filter(future).exists()


def test_nothing_in_a_case_before_it_opened_or_after_it_closed(demo):
    events = CaseEvent.objects.select_related("case")

    assert all(event.case.opened <= event.day for event in events)
    assert all(event.day <= event.case.closed for event in events if event.case.closed)
    assert all(a.recorded_at.date() <= TODAY for a in NeedsAssessment.objects.all())
    assert all(event.at.date() <= TODAY for event in events)


def test_one_opening_request_waits_in_farsta_and_one_was_accepted(demo):
    requests = CaseOpeningRequest.objects.select_related(
        "case", "requested_by", "answering_unit", "answered_by"
    ).order_by("outcome")

    assert [
        (
            r.requested_by.username,
            r.answering_unit.code,
            r.outcome,
            r.case.acceptance,
            r.answered_by.username if r.answered_by else None,
        )
        for r in requests
    ] == [
        ("sodermalm.rvt", "farsta-rvt", "", "pending", None),
        ("sodermalm.rvt", "farsta-rvt", "accepted", "accepted", "farsta.rvt"),
    ]
