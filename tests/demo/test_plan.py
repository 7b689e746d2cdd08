"""The planners keep the demo's promises whatever the seed, without touching the database."""

import datetime
import random

import pytest

from brytupp.demo.journey import EKB, JourneyPlanner, is_school_age
from brytupp.demo.plan import (
    CHILDREN,
    FARSTA_OPEN_PROTECTED,
    FARSTA_OPEN_WITH_EKB,
    Planner,
    history_start,
    trend_windows,
)
from brytupp.interventions.models import PALETTE

TODAY = datetime.date(2026, 3, 15)
DISTRICTS = {
    "jarva": datetime.date(2023, 7, 1),
    "hasselby-vallingby": None,
    "bromma": None,
    "kungsholmen": None,
    "norra-innerstaden": datetime.date(2023, 7, 1),
    "sodermalm": None,
    "enskede-arsta-vantor": None,
    "skarpnack": None,
    "farsta": None,
    "hagersten-alvsjo": datetime.date(2020, 1, 1),
    "skarholmen": None,
}


def _plan(seed: int):
    return Planner(random.Random(seed), today=TODAY, districts=DISTRICTS).plan()


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_any_seed_keeps_the_demo_promises(seed):
    plan = _plan(seed)

    assert {case.district for case in plan.cases} == set(DISTRICTS)
    assert len(plan.children) == CHILDREN
    assert all(case.opened <= (case.closed or TODAY) <= TODAY for case in plan.cases)
    assert all(history_start(TODAY) <= case.opened for case in plan.cases)
    assert all(case.previous.closed < case.opened for case in plan.cases if case.previous)
    farsta_shared = [
        case
        for case in plan.cases
        if case.district == "farsta" and case.is_open and "ekonomiskt_bistand" in case.joins
    ]
    assert len(farsta_shared) >= FARSTA_OPEN_WITH_EKB
    assert any(case.person.is_protected for case in farsta_shared)
    farsta_protected = {
        id(case.person)
        for case in plan.cases
        if case.district == "farsta" and case.is_open and case.person.is_protected
    }
    assert len(farsta_protected) >= FARSTA_OPEN_PROTECTED


def test_the_same_seed_plans_the_same_cases():
    def summary(plan):
        return [
            (c.district, c.source, c.opened, c.closed, c.person.birth_date, sorted(c.joins.items()))
            for c in plan.cases
        ]

    assert summary(_plan(7)) == summary(_plan(7))


def _journeys(seed: int):
    rng = random.Random(seed)
    plan = Planner(rng, today=TODAY, districts=DISTRICTS).plan()
    return JourneyPlanner(rng, today=TODAY, plan=plan).plan()


def _in_force(consent, day) -> bool:
    return consent.given <= day and (consent.withdrawn is None or day < consent.withdrawn)


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_any_seed_keeps_the_journey_promises(seed):
    journeys = _journeys(seed).journeys

    farsta = [j for j in journeys if j.district == "farsta" and j.case.is_open]
    assert any(j.part(EKB, "invited") for j in farsta)
    withdrawn = [j for j in farsta if j.part(EKB) and j.covering(EKB).withdrawn]
    assert withdrawn
    assert any(
        j.part(EKB) and not j.covering(EKB).withdrawn and j.case.person.is_protected for j in farsta
    )
    for district in DISTRICTS:
        decisions = [d for j in journeys if j.district == district for d in j.all_decisions()]
        assert set(PALETTE) <= {d.intervention for d in decisions}
        # In the last twelve months too: the equality page compares a period.
        year_ago = TODAY - datetime.timedelta(days=365)
        assert set(PALETTE) <= {d.intervention for d in decisions if d.decided > year_ago}
        assert any(d.is_short_protected_housing for d in decisions)
    # A re-opened case confirms the account carried from the earlier case.
    assert any(j.account_confirmed and j.case.previous for j in journeys)


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_any_seed_gives_every_year_of_the_effect_goal_trend_its_figures(seed):
    journeys = _journeys(seed).journeys
    placements = [p for j in journeys for p in j.placements]
    referrals = [r for j in journeys for r in j.referrals]

    windows = trend_windows(TODAY)
    assert windows[0] == (datetime.date(2021, 1, 1), datetime.date(2021, 3, 15))
    assert windows[-1] == (datetime.date(2026, 1, 1), TODAY)
    for first, last in windows:
        # Permanent housing after a completed placement.
        assert any(
            p.end and first <= p.end <= last and p.end_reason == "completed" for p in placements
        )
        # Schooling within a week of a child of school age placed.
        assert any(
            first <= p.start <= last and any(is_school_age(c.child, p.start) for c in p.children)
            for p in placements
        )
        # Referrals to SHIS Mellanbo, and their change from the year before.
        assert any(r.referral_kind == "mellanbo" and first <= r.date <= last for r in referrals)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_any_seed_plans_the_journey_within_consent_and_before_today(seed):
    for journey in _journeys(seed).journeys:
        case = journey.case
        last = case.closed or TODAY
        for part in journey.parts:
            covering = [c for c in journey.consents if part.kind in c.kinds]
            assert len(covering) == 1
            assert _in_force(covering[0], part.invited)
            assert case.opened <= part.invited <= (part.answered or part.invited) <= last
        for consent in journey.consents:
            assert case.opened <= consent.given <= (consent.withdrawn or consent.given) <= last
        # A unit works in the case only while a consent covers it.
        work = [(m.held, k) for m in journey.meetings for k in m.kinds]
        work += [(d.decided, d.kind) for d in journey.all_decisions()]
        work += [(f.date, f.kind) for f in journey.all_follow_ups()]
        work += [(r.date, r.kind) for r in journey.referrals]
        for day, kind in work:
            assert case.opened <= day <= last
            if kind != "rvt":
                assert _in_force(journey.covering(kind), day)
        for sip in journey.sips:
            assert _in_force(journey.covering_partner("region-stockholm"), sip.date)
        for placement in journey.placements:
            assert case.opened <= placement.start <= (placement.end or TODAY) <= last
            # One placement at a time.
            assert all(
                (other.end or TODAY) < placement.start or (placement.end or TODAY) < other.start
                for other in journey.placements
                if other is not placement
            )
            assert all(c.child in case.person.children for c in placement.children)
            assert all(c.child.birth_date <= placement.start for c in placement.children)
            assert all(
                placement.start <= c.schooling_start <= TODAY
                for c in placement.children
                if c.schooling_start
            )
            for before, after in zip(placement.decisions, placement.decisions[1:], strict=False):
                assert after.start == before.end + datetime.timedelta(days=1)
                assert after.decided <= TODAY


def test_the_same_seed_plans_the_same_journeys():
    def summary(journey_plan):
        return [
            (
                j.lead,
                [(c.given, c.form, c.kinds, c.partners, c.withdrawn) for c in j.consents],
                [(p.kind, p.invited, p.status, p.answered) for p in j.parts],
                [(d.intervention, d.decided, d.start, d.end) for d in j.all_decisions()],
                [(p.start, p.end, len(p.children)) for p in j.placements],
            )
            for j in journey_plan.journeys
        ] + [(s.district, s.kind, s.date, s.outcome) for s in journey_plan.screenings]

    assert summary(_journeys(7)) == summary(_journeys(7))
