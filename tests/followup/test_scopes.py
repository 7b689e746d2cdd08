"""The report's structure: every district, city and districts, nulls for empty denominators."""

import datetime

import pytest

from brytupp.followup.report import ReportPeriodError
from tests.followup.records import (
    D,
    case,
    child,
    district,
    follow_up,
    placement,
    report,
    screenings,
    shis_referral,
    sip,
    unit,
)

pytestmark = pytest.mark.django_db

EMPTY_SCOPE = {
    "screening_routine": {
        "numerator": 0,
        "denominator": 0,
        "share": None,
        "target": 1.0,
        "met": None,
    },
    "permanent_housing_after_placement": {
        "numerator": 0,
        "denominator": 0,
        "share": None,
        "target": 0.8,
        "met": None,
    },
    "reactualisation": {
        "numerator": 0,
        "denominator": 0,
        "share": None,
        "target": 0.2,
        "met": None,
    },
    "shis_mellanbo_referrals": {
        "current": 0,
        "previous": 0,
        "change": None,
        "target": 0.25,
        "met": None,
    },
    "child_schooling_within_week": {
        "numerator": 0,
        "denominator": 0,
        "share": None,
        "target": 0.95,
        "met": None,
    },
    "placement_follow_up_within_week": {"numerator": 0, "denominator": 0, "share": None},
    "sip_count": {"current": 0, "previous": 0},
    "active_cases": {"total": 0, "female": 0, "male": 0, "other": 0, "unknown": 0},
    # Added after interchange format v1's keys (docs/interchange.md).
    "risk_assessment_within_14_days": {"numerator": 0, "denominator": 0, "share": None},
    "children_placed_with_own_decision": {"numerator": 0, "denominator": 0, "share": None},
    "reports_of_concern_rvt": {"current": 0, "previous": 0},
    "permanent_contract_time": {"contracts": 0, "median_days": None},
    "shis_applications_granted": {"numerator": 0, "denominator": 0, "share": None},
}


def test_an_empty_database_gives_an_empty_city_and_no_districts():
    assert report() == {
        "period": {"from": "2024-01-01", "to": "2024-12-31"},
        "city": EMPTY_SCOPE,
        "districts": {},
    }


def test_keys_are_in_the_order_of_the_contract():
    district("farsta")
    result = report()

    assert list(result) == ["period", "city", "districts"]
    assert list(result["period"]) == ["from", "to"]
    for scope in (result["city"], result["districts"]["farsta"]):
        assert list(scope) == list(EMPTY_SCOPE)
        for name, figure in scope.items():
            assert list(figure) == list(EMPTY_SCOPE[name])


def test_every_district_appears_even_without_data_in_code_order():
    busy = district("b-busy")
    district("c-empty")
    district("a-empty")
    rvt = unit(busy)
    screenings(rvt, D(2024, 3, 1), asked=1)
    case(rvt, D(2024, 3, 1))

    result = report()

    assert list(result["districts"]) == ["a-empty", "b-busy", "c-empty"]
    assert result["districts"]["a-empty"] == EMPTY_SCOPE
    assert result["districts"]["c-empty"] == EMPTY_SCOPE
    assert result["districts"]["b-busy"]["active_cases"]["total"] == 1
    assert result["city"]["active_cases"]["total"] == 1


def test_a_district_with_records_only_outside_the_period_is_all_zeros_and_nulls():
    farsta = district("farsta")
    rvt = unit(farsta)
    old = case(rvt, D(2020, 1, 1), closed=D(2020, 6, 1))
    placed = placement(old, D(2020, 1, 5), end=D(2020, 3, 1), housing="first_hand", months=12)
    child(placed, D(2010, 1, 1), D(2020, 1, 6))
    follow_up(placed, D(2020, 1, 6))
    shis_referral(old, D(2020, 2, 1))
    sip(old, D(2020, 2, 1))
    screenings(rvt, D(2020, 2, 1), asked=3)

    scope = report()["districts"]["farsta"]

    expected = dict(EMPTY_SCOPE)
    expected["screening_routine"] = {
        "numerator": 0,
        "denominator": 1,
        "share": 0.0,
        "target": 1.0,
        "met": False,
    }
    assert scope == expected


def test_case_figures_of_the_city_add_up_the_districts():
    farsta, bromma = district("farsta"), district("bromma")
    for area, n in ((farsta, 2), (bromma, 3)):
        rvt = unit(area)
        for _ in range(n):
            placed = placement(case(rvt, D(2024, 2, 1)), D(2024, 2, 1))
            follow_up(placed, D(2024, 2, 2))

    result = report()

    assert result["districts"]["farsta"]["placement_follow_up_within_week"]["denominator"] == 2
    assert result["districts"]["bromma"]["placement_follow_up_within_week"]["denominator"] == 3
    assert result["city"]["placement_follow_up_within_week"] == {
        "numerator": 5,
        "denominator": 5,
        "share": 1.0,
    }
    assert result["city"]["active_cases"]["total"] == 5


def test_a_case_counts_for_its_own_district_whoever_leads_it():
    farsta, bromma = district("farsta"), district("bromma")
    case(unit(bromma), D(2024, 2, 1), district_=farsta)

    result = report()

    assert result["districts"]["farsta"]["reactualisation"]["denominator"] == 1
    assert result["districts"]["bromma"]["reactualisation"]["denominator"] == 0
    assert result["districts"]["farsta"]["active_cases"]["total"] == 1


def test_a_one_day_period_is_allowed_and_a_reversed_one_is_refused():
    assert report(D(2024, 5, 1), D(2024, 5, 1))["period"] == {
        "from": "2024-05-01",
        "to": "2024-05-01",
    }
    with pytest.raises(ReportPeriodError):
        report(D(2024, 5, 2), D(2024, 5, 1))


def test_the_report_reads_in_one_query_per_figure(django_assert_num_queries):
    district("farsta")
    with django_assert_num_queries(14):  # thirteen figures and the list of districts
        report(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31), live=True)


def test_a_stored_report_reads_in_two_queries(django_assert_num_queries):
    district("farsta")
    # Cold: the store read, then per figure a placeholder, the lock tried, the figure's
    # query and the row filled; and the list of districts.
    with django_assert_num_queries(1 + 13 * 4 + 1):
        cold = report(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
    with django_assert_num_queries(2):  # the stored figures and the list of districts
        warm = report(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
    assert warm == cold
