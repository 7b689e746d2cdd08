"""Aggregated figures: 1–4 shown as "<5" for everyone but the analyst."""

import pytest
from django.urls import reverse

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
def test_small_number_filter(value, shown):
    from brytupp.govuk.templatetags.brytupp import small_number

    assert small_number(value) == shown
    assert small_number(value, False) == value
