"""The demo's cases show every stage of the case journey, generated with a fixed ``today``."""

import datetime
from collections import Counter

import pytest
from django.db.models import F, Q

from brytupp.access import policies
from brytupp.assessments.models import Screening
from brytupp.cases.events import LABELS, EventKind
from brytupp.cases.models import (
    AccountVersion,
    Case,
    CaseEvent,
    CaseOpeningRequest,
    CaseTransfer,
    CaseUnit,
    Consent,
    Meeting,
    NeedsAssessment,
)
from brytupp.cases.selectors import account_awaiting_confirmation
from brytupp.demo.journey import SCREENING_KINDS
from brytupp.demo.staff import login_valid_from
from brytupp.housing.models import HousingPlan, HousingPlanStep, ShisReferral, is_permanent
from brytupp.interventions.models import (
    PALETTE,
    Decision,
    FollowUp,
    Placement,
    PlacementChild,
)
from brytupp.organisation.models import District, Membership, User
from brytupp.people.models import Guardianship
from brytupp.plans.models import PlanAction, PracticalTask, Sip

from .conftest import TODAY

# One worker reads the demo the package generates once (``--dist loadgroup``).
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo")]

WEEK = datetime.timedelta(days=7)


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _planned_decisions():
    """The decisions of the journey's plan: not the children's own decisions and support
    (``demo.children``) nor Socialjouren's after-hours decision (``demo.access_month``)."""
    return Decision.objects.filter(child__isnull=True).exclude(decided_by__code="socialjouren")


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
        _planned_decisions().count(),
        sum(decision.is_short_protected_housing for decision in _planned_decisions()),
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
    ) == (240, 3, 21, 11, 133, 97, 132, 97, 429, 37, 57, 11, 31, 237, 31, 30, 654)
    assert (
        demo.plan_actions_overdue,
        demo.placement_follow_ups_overdue,
        demo.schoolings_overdue,
        demo.sip_follow_ups_overdue,
    ) == (22, 1, 5, 6)


def test_every_kind_of_timeline_event_is_present(demo):
    kinds = set(CaseEvent.objects.values_list("kind", flat=True))

    # The demo registers children with their parent's protection (nothing to raise when they
    # are placed), no lead unit lowers a child's, and Farsta accepts the one opening it has
    # answered; no unit with a threat person as its client is invited (decision 0039).
    # Its applications are decided and left as decided (decision 0041): the case workers
    # communicate, appeal, re-examine and choose the letter's delivery on the pages. Farsta's
    # RVT has not yet reviewed Socialjouren's after-hours decision (0042): Att göra shows it.
    assert kinds == set(LABELS) - {
        EventKind.PROTECTION_RAISED,
        EventKind.PROTECTION_LOWERED,
        EventKind.OPENING_REFUSED,
        EventKind.THREAT_INVITATION_DECIDED,
        EventKind.DECISION_COMMUNICATED,
        EventKind.DECISION_APPEALED,
        EventKind.DECISION_APPEAL_DECIDED,
        EventKind.DECISION_REEXAMINED,
        EventKind.DECISION_LETTER_DELIVERY_CHOSEN,
        EventKind.AFTER_HOURS_DECISION_REVIEWED,
        # Its hand-overs to another district were received or still wait (decision 0049).
        EventKind.TRANSFER_DECLINED,
        EventKind.TRANSFER_WITHDRAWN,
        # The demo closes its moved cases as before, without the move's record: the move to
        # another municipality is recorded on the closing page (decision 0050).
        EventKind.CASE_MOVED_MUNICIPALITY,
    }
    # Someone did each thing, a member of the unit it is attributed to on that day.
    assert not CaseEvent.objects.filter(actor__isnull=True).exists()
    assert not CaseEvent.objects.filter(unit__isnull=True).exists()
    members = {(m.user_id, m.unit_id): m for m in Membership.objects.filter(valid_to__isnull=True)}
    # A part that ended is the ended unit's event, recorded by the lead unit's case worker
    # who recorded the withdrawal of the consent.
    left = CaseEvent.objects.filter(kind=EventKind.UNIT_LEFT)
    for actor, unit, day in CaseEvent.objects.exclude(pk__in=left).values_list(
        "actor", "unit", "day"
    ):
        assert members[actor, unit].valid_from <= day
    for actor, lead_unit, unit, day in left.values_list("actor", "case__lead_unit", "unit", "day"):
        assert members[actor, lead_unit].valid_from <= day
        assert unit != lead_unit


# --- consent and joint handling ----------------------------------------------------------------


def test_consents_written_and_oral_some_covering_partners(demo):
    consents = Consent.objects.all()

    assert Counter(consents.values_list("form", flat=True)) == {"written": 155, "oral": 85}
    partners = Counter(consents.values_list("partners__code", flat=True))
    assert partners == {
        None: 143,
        "region-stockholm": 65,
        "shis-bostader": 28,
        "polisen": 13,
        "bostadsformedlingen": 8,
    }
    assert consents.filter(units__isnull=True).exists()  # external partners only
    assert all(consent.purpose for consent in consents)
    assert not consents.filter(expires__isnull=False).exists()


def test_open_cases_with_joint_handling_and_cases_of_the_rvt_alone(demo):
    open_cases = Case.objects.filter(closed__isnull=True)
    units_per_case = Counter(
        CaseUnit.objects.filter(case__in=open_cases, status="active").values_list("case", flat=True)
    )

    assert Counter(units_per_case.values()) == {1: 81, 2: 36, 3: 12}
    alone = open_cases.filter(consents__isnull=True)
    assert alone.count() == 43  # two of them opened through acceptance
    assert not CaseUnit.objects.filter(case__in=alone).exclude(unit=F("case__lead_unit")).exists()


def test_invitations_are_accepted_declined_or_still_waiting(demo):
    # Not the earlier lead unit's part of a case handed over (its own test, below).
    parts = (
        CaseUnit.objects.exclude(unit=F("case__lead_unit"))
        .exclude(end_reason="case_handed_over")
        .select_related("case")
    )

    assert Counter(parts.values_list("status", flat=True)) == {
        "active": 178,
        "declined": 11,
        "invited": 21,
        "left": 3,  # the person withdrew their consent
    }
    assert all(part.case.opened <= part.invited <= TODAY for part in parts)
    for part in parts.filter(status="active"):
        assert part.invited <= part.joined <= (part.case.closed or TODAY)
        assert part.left is None
    for part in parts.filter(status="left"):
        assert part.invited <= part.joined <= part.left <= TODAY
    for part in parts.filter(status="declined"):
        assert part.invited <= part.left <= TODAY
        assert part.joined is None
    waiting = parts.filter(status="invited")
    assert all(TODAY - datetime.timedelta(days=21) <= part.invited for part in waiting)
    assert not waiting.filter(case__closed__isnull=False).exists()
    # Every invitation was covered by a consent in force that day.
    for part in parts:
        assert Consent.objects.in_force(part.invited).filter(case=part.case, units=part.unit)


def test_a_withdrawn_consent_ends_the_units_part_and_its_access(demo):
    withdrawn = Consent.objects.filter(withdrawn__isnull=False).prefetch_related("units")

    assert withdrawn.count() == 3
    for consent in withdrawn:
        assert consent.case.is_open
        assert CaseEvent.objects.filter(
            case=consent.case, kind="consent_withdrawn", day=consent.withdrawn
        ).exists()
        for unit in consent.units.all():
            # The part ended that day ("Avslutad"), not "taking part" any more.
            part = CaseUnit.objects.get(case=consent.case, unit=unit)
            assert (part.status, part.end_reason) == ("left", "consent_withdrawn")
            assert part.joined <= part.left == consent.withdrawn
            assert CaseEvent.objects.filter(
                case=consent.case, kind="unit_left", unit=unit, day=part.left
            ).exists()
            # Its case worker no longer sees the case.
            assert not policies.cases.check(part.responsible, consent.case)


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

    assert farsta_rvt.count() == 48  # its part of the case it handed over to Södermalm too
    assert farsta_rvt.filter(responsible__username="farsta.rvt").count() == 15
    # farsta.ekb answers for every part its unit took since the login's membership began.
    since = login_valid_from(TODAY)
    assert farsta_ekb.count() == 13
    assert set(farsta_ekb.filter(responsible__username="farsta.ekb")) == set(
        farsta_ekb.filter(joined__gte=since)
    )
    assert farsta_ekb.filter(joined__gte=since).count() == 5
    sodermalm = CaseUnit.objects.filter(unit__code="sodermalm-rvt")
    assert sodermalm.filter(responsible__username="sodermalm.rvt").count() == 24


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
    # The person withdrew the consent the unit joined under: its part ended.
    ended = parts.filter(status="left")
    assert ended.count() == 1
    assert ended.get().end_reason == "consent_withdrawn"
    assert ended.get().case.consents.filter(
        units__code="farsta-ekonomiskt_bistand", withdrawn__isnull=False
    )
    lost = ended.get().case
    assert lost.is_open
    assert not visible.filter(pk=lost.pk).exists()
    assert parts.filter(status="declined").count() == 0
    assert not visible.filter(pk__in=parts.filter(status="declined").values("case")).exists()
    expected = set(taking_part.values_list("case", flat=True)) | set(
        parts.filter(status="invited").values_list("case", flat=True)
    )
    assert set(visible.values_list("pk", flat=True)) == expected
    assert (visible.count(), visible.filter(closed__isnull=True).count()) == (14, 6)
    participating = policies.case_participation.queryset(user)
    assert participating.count() == 13
    assert not participating.filter(pk__in=invitations.values("case")).exists()
    # The lead unit's case worker still sees the case the consent no longer covers.
    assert policies.cases.check(_user("farsta.rvt"), lost)


# --- the work in a case ------------------------------------------------------------------------


def test_most_open_cases_have_the_persons_synthetic_account(demo):
    open_cases = Case.objects.filter(closed__isnull=True)

    with_account = open_cases.exclude(account="")
    assert (with_account.count(), open_cases.count()) == (106, 129)
    assert all(
        account.startswith("Syntetisk berättelse för demonstration: ")
        for account in Case.objects.exclude(account="").values_list("account", flat=True)
    )
    # A closed case has an account only when the person came back: it is carried to the
    # re-opened case (decision 0034). It was written while the case was open.
    closed = Case.objects.filter(closed__isnull=False).exclude(account="")
    assert closed.count() == 27
    assert not closed.filter(later_cases__isnull=True).exists()
    written = CaseEvent.objects.filter(case__in=closed, kind="account_written")
    assert written.count() == 27
    assert all(event.day == event.case.opened for event in written.select_related("case"))


def test_a_reopened_case_confirms_the_account_carried_from_the_earlier_case(demo):
    carried = AccountVersion.objects.filter(carried_from__isnull=False).select_related(
        "case__previous_case", "carried_from"
    )

    assert carried.count() == 27
    assert all(v.carried_from.case == v.case.previous_case for v in carried)
    confirmed = carried.filter(confirmed_at__isnull=False)
    assert confirmed.count() == 6
    for version in confirmed:
        case = version.case
        assert case.is_open
        assert case.account == version.text == case.previous_case.account
        # By a case worker of the lead unit, through the service the confirm button uses.
        assert Membership.objects.valid_on(TODAY).filter(
            user=version.confirmed_by, unit=case.lead_unit
        )
        assert CaseEvent.objects.filter(
            case=case, kind="account_confirmed", actor=version.confirmed_by
        ).exists()
    # Others wait for the lead unit: the case has no account of its own yet. In others still
    # a new account was written instead, and the carried one is kept unconfirmed.
    reopened = Case.objects.filter(previous_case__isnull=False, closed__isnull=True)
    waiting = [case for case in reopened if account_awaiting_confirmation(case)]
    assert len(waiting) == 3
    assert all(not case.account for case in waiting)
    rewritten = reopened.filter(
        account_versions__carried_from__isnull=False,
        account_versions__confirmed_at__isnull=True,
    ).exclude(account="")
    assert rewritten.count() == 2


def test_joint_meetings_with_synthetic_minutes_and_the_units_taking_part(demo):
    meetings = Meeting.objects.select_related("case").prefetch_related("units", "partners")

    assert all(meeting.minutes.startswith("Syntetiskt protokoll") for meeting in meetings)
    assert Counter(meeting.units.count() for meeting in meetings) == {2: 78, 3: 19}
    assert sum(meeting.partners.exists() for meeting in meetings) == 14
    for meeting in meetings:
        assert meeting.case.opened <= meeting.held <= (meeting.case.closed or TODAY)
        assert meeting.case.lead_unit in meeting.units.all()


def test_needs_assessed_by_several_units_in_several_areas(demo):
    assessments = NeedsAssessment.objects.select_related("unit")

    assert Counter(a.unit.kind for a in assessments) == {
        "rvt": 60,
        "ekonomiskt_bistand": 47,
        "barn_unga": 19,
        "vuxen_beroende": 6,
    }
    assert len({a.area for a in assessments}) == 9
    per_case = Counter(assessments.values_list("case", flat=True))
    assert max(per_case.values()) >= 4


def test_plan_actions_done_planned_and_overdue(demo):
    actions = PlanAction.objects.all()

    assert Counter(actions.values_list("status", flat=True)) == {
        "planned": 51,
        "in_progress": 13,
        "done": 25,
        "cancelled": 8,
    }
    overdue = actions.filter(status="planned", due__lt=TODAY)
    assert overdue.count() == demo.plan_actions_overdue > 0
    assert not actions.filter(status="in_progress", due__lt=TODAY).exists()


def test_decisions_from_the_palette_in_every_district(demo):
    made = set(Decision.objects.values_list("case__district__code", "intervention"))

    districts = District.objects.filter(valid_to__isnull=True).values_list("code", flat=True)
    assert {(d, i) for d in districts for i in PALETTE} <= made
    # In the last twelve months too: the equality page compares the districts in a period.
    year_ago = TODAY - datetime.timedelta(days=365)
    made = set(
        Decision.objects.filter(decided__gt=year_ago).values_list(
            "case__district__code", "intervention"
        )
    )
    assert {(d, i) for d in districts for i in PALETTE} <= made
    # The children's own (8) and Socialjouren's after-hours decision among them.
    assert Counter(Decision.objects.values_list("intervention", flat=True)) == {
        "skyddat_boende": 108,
        "ekonomiskt_stod": 59,
        "radgivning": 51,
        "stodsamtal_individuellt": 48,
        "praktiskt_stod": 32,
        "rattsprocess": 32,
        "stodsamtal_grupp": 27,
        "stadigvarande_boende": 23,
        "halso_sjukvard": 22,
        "stod_barn": 21,
        "tillfalligt_boende": 10,
        "kontaktperson": 7,
        "sysselsattning": 5,
    }
    assert all(
        d.case.opened <= d.decided <= d.start <= TODAY
        for d in Decision.objects.select_related("case")
    )
    assert all(d.decided_by_id for d in Decision.objects.all())


def test_short_protected_housing_decisions_are_there_to_be_flagged(demo):
    protected = _planned_decisions().filter(intervention="skyddat_boende")
    short = [d for d in protected if d.is_short_protected_housing]

    assert len(short) == demo.decisions_short_protected_housing == 37
    # Seven, ten or fourteen days; one cut short by the closure of its case.
    assert Counter(d.period_days for d in short) == {7: 8, 8: 1, 10: 8, 14: 20}
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
        "completed": 24,
        "other": 7,
        "aborted": 7,
        "returned_to_perpetrator": 5,
        "moved_other_municipality": 3,
    }
    permanent = [
        p for p in ended if is_permanent(p.next_housing_type, p.next_housing_contract_months)
    ]
    assert Counter(p.next_housing_type for p in permanent) == {
        "first_hand": 4,
        "second_hand": 4,
        "shis": 4,
        "lodger": 3,
        "priority_allocation": 4,
    }
    assert all(p.next_housing_contract_months >= 6 for p in permanent)
    assert Counter(p.next_housing_type for p in ended if p not in permanent) == {
        "relatives": 6,
        "temporary": 5,
        "unknown": 5,
        "with_perpetrator": 5,
        "second_hand": 4,
        "": 2,  # moved to another municipality, where to not known
    }
    # The placement's decisions follow one another without a gap.
    for placement in placements:
        decisions = list(
            placement.case.decisions.filter(
                intervention="skyddat_boende", start__gte=placement.start, child__isnull=True
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
        "within a week": 11,
        "later": 3,
        "missing": 17,
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
        "within a week": 6,
        "late": 2,
        "overdue": 1,
        "not yet due": 2,
    }
    ended = Placement.objects.filter(end__isnull=False)
    assert Counter(timing(p) for p in ended) == {"within a week": 27, "late": 16, "overdue": 3}


def test_follow_ups_record_goals_and_the_persons_situation(demo):
    follow_ups = FollowUp.objects.all()

    assert Counter(follow_ups.values_list("goal_achieved", flat=True)) == {
        True: 84,
        False: 76,
        None: 77,
    }
    assert Counter(follow_ups.values_list("improved_situation", flat=True)) == {
        True: 120,
        False: 78,
        None: 39,
    }
    assert follow_ups.filter(decision__isnull=False).count() == 50
    assert follow_ups.filter(placement__isnull=False).count() == 69
    # At the closure of a case: did the person reach their goals?
    closing = follow_ups.filter(decision__isnull=True, placement__isnull=True)
    assert closing.count() == 118
    assert all(f.date == f.case.closed for f in closing.select_related("case"))
    assert all(f.unit_id for f in follow_ups)


def test_shis_referrals_of_every_kind(demo):
    referrals = ShisReferral.objects.select_related("case")

    assert Counter(referrals.values_list("kind", flat=True)) == {
        "mellanbo": 18,
        "avtalat_boende": 6,
        "genomgangsbostad": 7,
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
        "sodermalm": 118,
        "farsta": 116,
        "skarpnack": 114,
        "bromma": 112,
        "kungsholmen": 111,
        "norra-innerstaden": 83,  # since 1 July 2023
    }
    kinds = {(s.unit.district.code, s.unit.kind) for s in screenings}
    assert kinds == {(d, k) for d in per_district for k in SCREENING_KINDS}
    assert Counter(screenings.values_list("asked", flat=True)) == {True: 508, False: 146}
    assert Counter(screenings.values_list("outcome", flat=True)) == {
        "negative": 356,
        "positive": 118,
        "declined": 34,
        "": 146,
    }
    # In each of the last five years (the effect goal's trend), most in the last twelve months.
    assert all(TODAY - datetime.timedelta(days=5 * 365) < s.date <= TODAY for s in screenings)
    per_year = Counter((TODAY - s.date).days // 365 for s in screenings)
    assert set(per_year) == {0, 1, 2, 3, 4}
    assert per_year[0] == max(per_year.values())
    assert all(
        s.date >= s.unit.district.valid_from for s in screenings if s.unit.district.valid_from
    )


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
    (HousingPlan, ["created", "contract_signed"]),
    (HousingPlanStep, ["done", "submitted", "outcome_date"]),
    (PracticalTask, ["done"]),
    (CaseTransfer, ["answered_on"]),
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


def test_the_demos_case_workers_can_decide_under_a_placeholder_ground_of_the_new_act(demo):
    from brytupp.interventions.models import LegalGround

    ground = LegalGround.objects.get(code="demo-sol-2025-400-bistand")
    assert (
        ground.law,
        ground.provision,
        ground.label,
        ground.valid_from,
        ground.valid_to,
        ground.valid_on(TODAY),
    ) == (
        "Socialtjänstlagen (2025:400)",
        "Demo – stadens förteckning",
        "Bistånd (demoexempel: paragrafen anges av staden)",
        datetime.date(2025, 7, 1),
        None,
        True,
    )
    # Stockholm's data seeds no ground of the new Act: the placeholder is the demo's only one.
    assert [g.code for g in LegalGround.objects.all() if g.valid_on(TODAY)] == [ground.code]
    workers = Membership.objects.filter(role="handlaggare", unit__kind="rvt").select_related(
        "user", "unit"
    )
    assert any(
        policies.delegation_held(m.user, m.unit, "stodsamtal_individuellt", "bifall", TODAY)
        for m in workers
    )
