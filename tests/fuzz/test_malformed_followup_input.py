"""Property-based: any period asked of the follow-up pages gives the page, its figures or a
message about the period — never a server error, and never figures for a period it refused."""

import datetime

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tests import factories
from tests.fuzz.test_malformed_input import FUZZ, garbage

pytestmark = pytest.mark.django_db

PAGES = [
    "web:followup_goals",
    "web:followup_equality",
    "web:followup_goals_xlsx",
    "web:followup_equality_xlsx",
]
years = st.one_of(garbage, st.integers(min_value=1900, max_value=2100).map(str))


@pytest.fixture
def analyst(client, district, rvt):
    factories.case(unit=rvt, opened=datetime.date(2024, 3, 1))
    user = factories.staff("analytiker", factories.UnitFactory(district=None, kind="stab"))
    factories.sign_in(client, user)
    return user


@pytest.mark.parametrize("page", PAGES)
@given(year=years, date_from=garbage, date_to=garbage)
@FUZZ
def test_any_period_gets_figures_or_a_message(client, analyst, page, year, date_from, date_to):
    response = client.get(reverse(page), {"year": year, "date_from": date_from, "date_to": date_to})

    assert response.status_code in (200, 400)
    if response.status_code == 400 or response["Content-Type"].startswith("text/html"):
        form = response.context["form"]
        assert bool(form.errors) is (response.context["sections"] == [])
