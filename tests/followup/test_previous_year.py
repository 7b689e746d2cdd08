"""SHIS Mellanbo referrals (effect goal 4) and SIPs: this period against the year before."""

import pytest

from brytupp.followup.report import year_earlier
from tests.followup.records import D, case, district, report, shis_referral, sip, unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def farsta_case():
    return case(unit(district("farsta")), D(2022, 1, 1))


@pytest.mark.parametrize(
    ("day", "earlier"),
    [
        (D(2024, 2, 29), D(2023, 2, 28)),
        (D(2024, 2, 28), D(2023, 2, 28)),
        (D(2024, 3, 1), D(2023, 3, 1)),
        (D(2025, 2, 28), D(2024, 2, 28)),
        (D(2024, 1, 1), D(2023, 1, 1)),
    ],
)
def test_a_year_earlier_is_the_same_month_and_day(day, earlier):
    assert year_earlier(day) == earlier


def test_referrals_this_period_and_the_year_before(farsta_case):
    for day in (D(2024, 1, 1), D(2024, 6, 1), D(2024, 12, 31), D(2024, 12, 31)):
        shis_referral(farsta_case, day)
    for day in (D(2023, 1, 1), D(2023, 12, 31)):
        shis_referral(farsta_case, day)
    shis_referral(farsta_case, D(2022, 12, 31))
    shis_referral(farsta_case, D(2025, 1, 1))
    shis_referral(farsta_case, D(2024, 6, 1), kind="avtalat_boende")
    shis_referral(farsta_case, D(2023, 6, 1), kind="genomgangsbostad")

    figure = report()["districts"]["farsta"]["shis_mellanbo_referrals"]

    assert figure == {"current": 4, "previous": 2, "change": 1.0, "target": 0.25, "met": True}


@pytest.mark.parametrize(
    ("current", "previous", "change", "met"),
    [
        (5, 4, 0.25, True),  # exactly 25 % more
        (4, 4, 0.0, False),
        (2, 4, -0.5, False),
        (3, 0, None, None),
        (0, 0, None, None),
        (0, 2, -1.0, False),
    ],
)
def test_referrals_change_against_the_year_before(farsta_case, current, previous, change, met):
    for _ in range(current):
        shis_referral(farsta_case, D(2024, 3, 1))
    for _ in range(previous):
        shis_referral(farsta_case, D(2023, 3, 1))

    figure = report()["districts"]["farsta"]["shis_mellanbo_referrals"]

    assert figure == {
        "current": current,
        "previous": previous,
        "change": change,
        "target": 0.25,
        "met": met,
    }


def test_a_period_from_29_february_looks_back_from_28_february(farsta_case):
    shis_referral(farsta_case, D(2024, 2, 29))
    shis_referral(farsta_case, D(2023, 2, 28))
    shis_referral(farsta_case, D(2023, 2, 27))
    sip(farsta_case, D(2023, 2, 28))
    sip(farsta_case, D(2023, 2, 27))

    scope = report(D(2024, 2, 29), D(2024, 12, 31))["districts"]["farsta"]

    assert (
        scope["shis_mellanbo_referrals"]["current"],
        scope["shis_mellanbo_referrals"]["previous"],
    ) == (1, 1)
    assert scope["sip_count"] == {"current": 0, "previous": 1}


def test_a_period_to_29_february_looks_back_to_28_february(farsta_case):
    shis_referral(farsta_case, D(2024, 2, 29))
    shis_referral(farsta_case, D(2023, 2, 28))
    shis_referral(farsta_case, D(2023, 3, 1))
    sip(farsta_case, D(2024, 2, 29))
    sip(farsta_case, D(2023, 2, 28))
    sip(farsta_case, D(2023, 3, 1))

    scope = report(D(2024, 1, 1), D(2024, 2, 29))["districts"]["farsta"]

    figure = scope["shis_mellanbo_referrals"]
    assert (figure["current"], figure["previous"], figure["change"]) == (1, 1, 0.0)
    assert scope["sip_count"] == {"current": 1, "previous": 1}


def test_sips_this_period_and_the_year_before_by_the_cases_district():
    farsta, bromma = district("farsta"), district("bromma")
    in_farsta, in_bromma = case(unit(farsta), D(2022, 1, 1)), case(unit(bromma), D(2022, 1, 1))
    for day in (D(2024, 1, 1), D(2024, 12, 31)):
        sip(in_farsta, day)
    sip(in_bromma, D(2023, 7, 1))
    sip(in_bromma, D(2022, 12, 31))

    result = report()

    assert result["districts"]["farsta"]["sip_count"] == {"current": 2, "previous": 0}
    assert result["districts"]["bromma"]["sip_count"] == {"current": 0, "previous": 1}
    assert result["city"]["sip_count"] == {"current": 2, "previous": 1}
