"""Hand-made records for the report's tests, written with the ORM (synthetic data only)."""

from __future__ import annotations

import datetime

from brytupp.assessments.models import RiskAssessment, Screening
from brytupp.cases.models import Case
from brytupp.followup.report import effect_goal_report
from brytupp.housing.models import ShisReferral
from brytupp.interventions.models import FollowUp, Placement, PlacementChild
from brytupp.plans.models import Sip
from tests import factories

D = datetime.date
YEAR_FROM, YEAR_TO = D(2024, 1, 1), D(2024, 12, 31)
ADULT_BIRTH_DATE = D(1985, 1, 1)


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def report(date_from=YEAR_FROM, date_to=YEAR_TO, **options) -> dict:
    return effect_goal_report(date_from=date_from, date_to=date_to, **options)


def district(code: str):
    return factories.DistrictFactory(code=code)


def unit(district_, kind="rvt", **fields):
    return factories.UnitFactory(district=district_, kind=kind, **fields)


def person(birth_date=ADULT_BIRTH_DATE, gender="female"):
    return factories.person(birth_date=birth_date, gender=gender)


def case(
    lead_unit, opened, *, closed=None, person_=None, district_=None, acceptance="accepted"
) -> Case:
    return Case.objects.create(
        person=person_ or person(),
        district=district_ or lead_unit.district,
        lead_unit=lead_unit,
        source="self",
        opened=opened,
        closed=closed,
        closure_reason="other" if closed else "",
        acceptance=acceptance,
    )


def placement(case_, start, *, end=None, end_reason="", housing="", months=None) -> Placement:
    return Placement.objects.create(
        case=case_,
        start=start,
        end=end,
        end_reason=end_reason or ("completed" if end else ""),
        next_housing_type=housing,
        next_housing_contract_months=months,
    )


def child(placement_, birth_date, schooling_start=None) -> PlacementChild:
    return PlacementChild.objects.create(
        placement=placement_,
        child=person(birth_date=birth_date, gender="male"),
        schooling_start=schooling_start,
    )


def follow_up(placement_, date) -> FollowUp:
    return FollowUp.objects.create(case=placement_.case, placement=placement_, date=date)


def screenings(unit_, date, *, asked=0, not_asked=0) -> None:
    Screening.objects.bulk_create(
        [Screening(unit=unit_, date=date, asked=True, outcome="negative") for _ in range(asked)]
        + [Screening(unit=unit_, date=date, asked=False) for _ in range(not_asked)]
    )


def shis_referral(case_, date, kind="mellanbo") -> ShisReferral:
    return ShisReferral.objects.create(case=case_, date=date, kind=kind)


def sip(case_, date) -> Sip:
    return Sip.objects.create(case=case_, date=date)


def risk_assessment(case_, date, instrument="freda_farlighet") -> RiskAssessment:
    return RiskAssessment.objects.create(case=case_, date=date, instrument=instrument)
