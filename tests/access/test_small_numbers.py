"""Aggregated figures: 1–4 shown as "<5" for everyone but the analyst."""

import pytest
from django.http import Http404
from django.urls import reverse

from brytupp.followup.selectors import district_case_counts
from brytupp.followup.suppression import count_suppress
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def district_with_three_cases(district, rvt):
    for _ in range(3):
        factories.case(unit=rvt)
    return district


def test_process_owner_sees_small_counts_suppressed(client, district_with_three_cases):
    stab = factories.UnitFactory(district=district_with_three_cases, kind="stab")
    factories.sign_in(client, factories.staff("implementerare", stab))

    body = client.get(reverse("web:district_overview")).content.decode()

    assert "&lt;5" in body
    assert ">3<" not in body


def test_analyst_sees_exact_counts(client, district_with_three_cases):
    stab = factories.UnitFactory(district=None, kind="stab")
    factories.sign_in(client, factories.staff("analytiker", stab))

    response = client.get(reverse("web:city_followup"))

    rows = {row["code"]: row for row in response.context["rows"]}
    assert rows[district_with_three_cases.code]["open"] == 3
    assert rows[district_with_three_cases.code]["opened_last_year"] == 3
    assert "&lt;5" not in response.content.decode()


@pytest.mark.parametrize(("value", "shown"), [(0, 0), (1, "<5"), (4, "<5"), (5, 5), (None, None)])
def test_one_count_is_suppressed_from_1_to_4(value, shown):
    assert count_suppress(value) == shown


def test_process_owner_gets_the_counts_of_their_district_suppressed(district_with_three_cases):
    stab = factories.UnitFactory(district=district_with_three_cases, kind="stab")
    owner = factories.staff("implementerare", stab)

    counts = district_case_counts(actor=owner, district=district_with_three_cases)

    assert counts == {"open": "<5", "opened_last_year": "<5", "closed_last_year": 0}


def test_process_owner_gets_counts_from_5_as_they_are(district, rvt):
    for _ in range(5):
        factories.case(unit=rvt)
    stab = factories.UnitFactory(district=district, kind="stab")
    owner = factories.staff("implementerare", stab)

    counts = district_case_counts(actor=owner, district=district)

    assert counts == {"open": 5, "opened_last_year": 5, "closed_last_year": 0}


def test_process_owner_who_is_the_analyst_gets_exact_counts(district_with_three_cases):
    """The policy decides, not the page: the analyst sees small numbers everywhere."""
    stab = factories.UnitFactory(district=district_with_three_cases, kind="stab")
    owner = factories.staff("implementerare", stab)
    factories.MembershipFactory(user=owner, unit=stab, role="analytiker")

    counts = district_case_counts(actor=owner, district=district_with_three_cases)

    assert counts == {"open": 3, "opened_last_year": 3, "closed_last_year": 0}


def test_process_owner_gets_no_counts_of_another_district(district_with_three_cases):
    other = factories.DistrictFactory()
    owner = factories.staff("implementerare", factories.UnitFactory(district=other, kind="stab"))

    with pytest.raises(Http404):
        district_case_counts(actor=owner, district=district_with_three_cases)
