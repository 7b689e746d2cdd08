"""The length of a stay in protected housing (decision 0047): nights from start to end or to
today, flagged over the city's limit (90 days, the city's data since decision 0048), and on the
equality page the median stay of the placements ended in the period, per district, small
numbers hidden."""

import datetime

import pytest
from django.urls import reverse

from brytupp.followup.equality import equality_report
from brytupp.followup.stays import stay_days, stay_limit_days, stay_over_limit
from brytupp.followup.suppression import report_suppress
from brytupp.organisation.models import Municipality
from tests import factories
from tests.followup.records import YEAR_FROM, YEAR_TO, D, case, district, placement, unit

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("start", "end", "days", "over"),
    [
        (D(2024, 1, 1), D(2024, 1, 2), 1, False),
        (D(2024, 1, 1), D(2024, 3, 31), 90, False),
        (D(2024, 1, 1), D(2024, 4, 1), 91, True),
        (D(2024, 1, 1), None, 151, True),  # still going on: to today
        (D(2024, 5, 1), None, 30, False),
    ],
)
def test_a_stay_runs_to_its_end_or_today_and_is_flagged_over_90_days(start, end, days, over):
    today = D(2024, 5, 31)

    length = stay_days(start=start, end=end, today=today)

    assert (length, stay_over_limit(length, 90)) == (days, over)


def test_the_limit_is_the_citys_and_90_days_before_any_city_is_loaded(django_assert_num_queries):
    with django_assert_num_queries(1):
        assert stay_limit_days() == 90

    factories.MunicipalityFactory(stay_limit_days=60)

    with django_assert_num_queries(1):
        assert stay_limit_days() == 60


def _stay(lead_unit, start: datetime.date, nights: int):
    return placement(case(lead_unit, start), start, end=start + datetime.timedelta(days=nights))


def test_the_median_stay_of_placements_ended_in_the_period_per_district():
    farsta, bromma = unit(district("farsta")), unit(district("bromma"))
    for nights in (10, 20, 95, 120, 40):
        _stay(farsta, D(2024, 2, 1), nights)
    _stay(bromma, D(2024, 3, 1), 7)
    _stay(farsta, D(2023, 6, 1), 30)  # ended in 2023: not in the period
    placement(case(bromma, D(2024, 9, 1)), D(2024, 9, 1))  # not ended

    result = equality_report(date_from=YEAR_FROM, date_to=YEAR_TO)

    assert result["districts"]["farsta"]["protected_housing_stays"] == {
        "placements": 5,
        "over_limit": 2,
        "median_days": 40.0,
    }
    assert result["districts"]["bromma"]["protected_housing_stays"] == {
        "placements": 1,
        "over_limit": 0,
        "median_days": 7.0,
    }
    assert result["city"]["protected_housing_stays"] == {
        "placements": 6,
        "over_limit": 2,
        "median_days": 30.0,
    }
    shown = report_suppress(result)
    assert shown["districts"]["bromma"]["protected_housing_stays"] == {
        "placements": "<5",
        "over_limit": 0,
        "median_days": None,
    }
    assert shown["districts"]["farsta"]["protected_housing_stays"] == {
        "placements": 5,
        "over_limit": "<5",
        "median_days": 40.0,
    }


def test_a_district_without_ended_stays_has_none():
    farsta = unit(district("farsta"))
    placement(case(farsta, D(2024, 2, 1)), D(2024, 2, 1))

    result = equality_report(date_from=YEAR_FROM, date_to=YEAR_TO)

    assert result["districts"]["farsta"]["protected_housing_stays"] == {
        "placements": 0,
        "over_limit": 0,
        "median_days": None,
    }


@pytest.fixture
def city():
    farsta, bromma = district("farsta"), district("bromma")
    for row, name in ((farsta, "Farsta"), (bromma, "Bromma")):
        row.name = name
        row.save()
    return {"farsta_rvt": unit(farsta), "bromma_rvt": unit(bromma)}


def test_the_equality_page_has_the_median_stay_table(client, city):
    analyst = factories.staff("analytiker", factories.UnitFactory(district=None, kind="stab"))
    for nights in (10, 20, 95, 120, 40):
        _stay(city["farsta_rvt"], D(2024, 2, 1), nights)
    _stay(city["bromma_rvt"], D(2024, 3, 1), 7)
    factories.sign_in(client, analyst)

    response = client.get(reverse("web:followup_equality"), {"year": "2024"})

    section = next(s for s in response.context["sections"] if s.key == "protected_housing_stays")
    assert section.title == "Vistelsetid i skyddat boende"
    assert section.table.columns == [
        "Område",
        "Avslutade placeringar",
        "Mediantid",
        "Längre än 90 dagar",
    ]
    assert [(row.label, [c.text for c in row.cells]) for row in section.table.rows] == [
        ("Staden", ["6", "30 dagar", "2"]),
        ("Bromma", ["1", "7 dagar", "0"]),
        ("Farsta", ["5", "40 dagar", "2"]),
    ]


def test_the_city_changing_its_limit_changes_the_count_on_the_equality_page(client, city):
    analyst = factories.staff("analytiker", factories.UnitFactory(district=None, kind="stab"))
    for nights in (10, 20, 95, 120, 40):
        _stay(city["farsta_rvt"], D(2024, 2, 1), nights)
    Municipality.objects.update(stay_limit_days=30)
    factories.sign_in(client, analyst)

    response = client.get(reverse("web:followup_equality"), {"year": "2024"})

    section = next(s for s in response.context["sections"] if s.key == "protected_housing_stays")
    assert section.table.columns[-1] == "Längre än 30 dagar"
    assert "längre än stadens gräns på 30 dagar" in section.lead
    rows = {row.label: [c.text for c in row.cells] for row in section.table.rows}
    assert rows["Farsta"] == ["5", "40 dagar", "3"]
    assert equality_report(date_from=YEAR_FROM, date_to=YEAR_TO)["city"][
        "protected_housing_stays"
    ] == {"placements": 5, "over_limit": 3, "median_days": 40.0}
