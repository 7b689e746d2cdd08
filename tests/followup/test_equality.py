"""Equality between districts: interventions per 100 cases, protected-housing decisions, the
wait for support talks at the RVC, SHIS referrals — exact values from hand-made records."""

import pytest

from brytupp.followup.equality import INTERVENTION_ORDER, equality_report
from brytupp.followup.suppression import report_suppress
from brytupp.interventions.models import Decision
from tests import factories
from tests.followup.records import (
    YEAR_FROM,
    YEAR_TO,
    D,
    case,
    days,
    district,
    follow_up,
    placement,
    shis_referral,
    sip,
    unit,
)

pytestmark = pytest.mark.django_db


def report():
    return equality_report(date_from=YEAR_FROM, date_to=YEAR_TO)


def decision(case_, intervention, decided, *, start=None, end=None, provider=None) -> Decision:
    return Decision.objects.create(
        case=case_,
        intervention=intervention,
        decided=decided,
        start=start or decided,
        end=end,
        provider=provider,
    )


@pytest.fixture
def farsta():
    return unit(district("farsta"))


@pytest.fixture
def bromma():
    return unit(district("bromma"))


def test_interventions_per_100_active_cases_by_district_and_city(farsta, bromma):
    farsta_cases = [case(farsta, D(2024, 2, 1)) for _ in range(4)]
    bromma_case = case(bromma, D(2023, 6, 1))  # opened before, still active in 2024
    decision(farsta_cases[0], "radgivning", D(2024, 3, 1))
    decision(farsta_cases[1], "radgivning", D(2024, 12, 31))
    decision(farsta_cases[2], "radgivning", D(2023, 12, 31))  # before the period
    decision(farsta_cases[3], "skyddat_boende", D(2024, 3, 1), end=D(2024, 3, 14))
    decision(bromma_case, "praktiskt_stod", D(2024, 1, 1))

    result = report()

    farsta_figures = result["districts"]["farsta"]["interventions"]
    assert list(farsta_figures) == list(INTERVENTION_ORDER)
    assert farsta_figures["radgivning"] == {"decisions": 2, "cases": 4, "per_100_cases": 50.0}
    assert farsta_figures["praktiskt_stod"] == {"decisions": 0, "cases": 4, "per_100_cases": 0.0}
    assert farsta_figures["skyddat_boende"] == {"decisions": 1, "cases": 4, "per_100_cases": 25.0}
    bromma_figures = result["districts"]["bromma"]["interventions"]
    assert bromma_figures["praktiskt_stod"] == {"decisions": 1, "cases": 1, "per_100_cases": 100.0}
    city = result["city"]["interventions"]
    assert city["radgivning"] == {"decisions": 2, "cases": 5, "per_100_cases": 40.0}
    assert city["praktiskt_stod"] == {"decisions": 1, "cases": 5, "per_100_cases": 20.0}
    assert result["city"]["active_cases"] == {
        "total": 5,
        "female": 5,
        "male": 0,
        "other": 0,
        "unknown": 0,
    }


def test_a_district_without_cases_has_no_rate(farsta):
    district("skarpnack")
    case(farsta, D(2024, 2, 1))

    skarpnack = report()["districts"]["skarpnack"]

    assert skarpnack["interventions"]["radgivning"] == {
        "decisions": 0,
        "cases": 0,
        "per_100_cases": None,
    }
    assert skarpnack["protected_housing"] == {
        "decisions": 0,
        "short": 0,
        "short_share": None,
        "median_days": None,
    }


def test_protected_housing_median_length_and_fourteen_day_decisions(farsta, bromma):
    c = case(farsta, D(2024, 1, 10))
    start = D(2024, 2, 1)
    # 14 days (both ends counted), 15 days, 30 days, and 14 days again: median 14.5
    decision(c, "skyddat_boende", start, end=start + days(13))
    decision(c, "skyddat_boende", start, end=start + days(14))
    decision(c, "skyddat_boende", start, end=start + days(29))
    decision(c, "skyddat_boende", D(2024, 12, 31), end=D(2025, 1, 13))
    decision(c, "skyddat_boende", start)  # open-ended: no length
    decision(c, "skyddat_boende", D(2023, 12, 31), end=D(2024, 1, 5))  # decided before
    decision(c, "tillfalligt_boende", start, end=start + days(5))  # not protected housing
    decision(case(bromma, D(2024, 1, 1)), "skyddat_boende", start, end=start + days(99))

    result = report()

    assert result["districts"]["farsta"]["protected_housing"] == {
        "decisions": 4,
        "short": 2,
        "short_share": 0.5,
        "median_days": 14.5,
    }
    assert result["city"]["protected_housing"] == {
        "decisions": 5,
        "short": 2,
        "short_share": 0.4,
        "median_days": 15.0,
    }


def test_wait_for_support_talks_counts_rvc_providers_only(farsta):
    rvc = factories.UnitFactory(district=None, kind="rvc")
    c = case(farsta, D(2024, 1, 10))
    decided = D(2024, 3, 1)
    decision(c, "stodsamtal_individuellt", decided, start=decided + days(10), provider=rvc)
    decision(c, "stodsamtal_grupp", decided, start=decided + days(30), provider=rvc)
    decision(c, "stodsamtal_individuellt", decided, start=decided + days(2), provider=rvc)
    decision(c, "stodsamtal_individuellt", decided, start=decided + days(90), provider=farsta)
    decision(c, "stodsamtal_individuellt", decided, start=decided + days(90))  # no provider
    decision(c, "radgivning", decided, start=decided + days(90), provider=rvc)

    figure = report()["districts"]["farsta"]["rvc_support_talk_wait"]

    assert figure == {"decisions": 3, "median_days": 10.0}


def test_shis_referrals_sips_and_placement_follow_up(farsta):
    c = case(farsta, D(2024, 1, 10))
    shis_referral(c, D(2024, 2, 1), "mellanbo")
    shis_referral(c, D(2024, 3, 1), "avtalat_boende")
    shis_referral(c, D(2024, 4, 1), "avtalat_boende")
    shis_referral(c, D(2023, 4, 1), "genomgangsbostad")  # the year before
    sip(c, D(2024, 5, 1))
    sip(c, D(2023, 5, 1))
    sip(c, D(2023, 6, 1))
    followed = placement(c, D(2024, 6, 1))
    follow_up(followed, D(2024, 6, 8))
    placement(c, D(2024, 7, 1))

    farsta_figures = report()["districts"]["farsta"]

    assert farsta_figures["shis_referrals"] == {
        "mellanbo": 1,
        "avtalat_boende": 2,
        "genomgangsbostad": 0,
    }
    assert farsta_figures["sip_count"] == {"current": 1, "previous": 2}
    assert farsta_figures["placement_follow_up_within_week"] == {
        "numerator": 1,
        "denominator": 2,
        "share": 0.5,
    }


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_small_numbers_hide_counts_and_what_is_computed_from_them(farsta, n):
    cases = [case(farsta, D(2024, 1, 10)) for _ in range(10)]
    for c in cases[:n]:
        decision(c, "skyddat_boende", D(2024, 2, 1), end=D(2024, 2, 10))
        decision(c, "radgivning", D(2024, 2, 1))

    shown = report_suppress(report())["districts"]["farsta"]

    assert shown["interventions"]["radgivning"] == {
        "decisions": "<5",
        "cases": 10,
        "per_100_cases": None,
    }
    assert shown["interventions"]["praktiskt_stod"] == {
        "decisions": 0,
        "cases": 10,
        "per_100_cases": 0.0,
    }
    assert shown["protected_housing"] == {
        "decisions": "<5",
        "short": "<5",
        "short_share": None,
        "median_days": None,
    }


def test_few_active_cases_hide_every_rate(farsta):
    cases = [case(farsta, D(2024, 1, 10)) for _ in range(3)]
    for c in cases:
        for _ in range(2):
            decision(c, "radgivning", D(2024, 2, 1))

    shown = report_suppress(report())["districts"]["farsta"]

    assert shown["interventions"]["radgivning"] == {
        "decisions": 6,
        "cases": "<5",
        "per_100_cases": None,
    }
    assert shown["active_cases"]["total"] == "<5"
