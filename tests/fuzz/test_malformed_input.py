"""Property-based: malformed input to the forms never causes a server error, and a form that
is shown again with errors has saved nothing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brytupp.assessments.models import Screening
from brytupp.cases.models import Case, CaseEvent, Consent
from brytupp.interventions.models import Decision, Placement
from brytupp.people.models import Person
from tests import factories

pytestmark = pytest.mark.django_db

garbage = st.one_of(
    st.text(max_size=60),
    st.sampled_from(
        [
            "",
            " ",
            "2026-02-30",
            "9999-99-99",
            "-1",
            "0",
            "1e9",
            "null",
            "<b>x</b>",
            "' OR 1=1 --",
            "20170101-2393",
            "2017-01-01",
            "\x00",
            "ÅÄÖ" * 30,
        ]
    ),
    st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2100, 1, 1)).map(str),
)
FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def counts():
    return (
        Person.objects.count(),
        Case.objects.count(),
        Consent.objects.count(),
        Decision.objects.count(),
        Placement.objects.count(),
        Screening.objects.count(),
        CaseEvent.objects.count(),
    )


@pytest.fixture
def signed_in(client, rvt):
    worker = factories.staff("handlaggare", rvt)
    case = factories.case(unit=rvt, opened=timezone.localdate() - datetime.timedelta(days=30))
    factories.sign_in(client, worker)
    return client, case


def post_and_check(client, url, data):
    before = counts()
    response = client.post(url, data)
    assert response.status_code in (200, 302, 404), response.status_code
    if response.status_code != 302:
        assert counts() == before


@FUZZ
@given(
    data=st.fixed_dictionaries(
        {"date": garbage, "asked": garbage, "outcome": garbage, "identity_number": garbage}
    )
)
def test_screening_form(signed_in, data):
    client, _case = signed_in
    post_and_check(client, reverse("cases:screening"), data)


@FUZZ
@given(
    data=st.fixed_dictionaries(
        {
            "given": garbage,
            "form": garbage,
            "purpose": garbage,
            "expires": garbage,
            "units": st.lists(garbage, max_size=3),
        }
    )
)
def test_consent_form(signed_in, data):
    client, case = signed_in
    post_and_check(client, reverse("cases:consent_add", args=[case.public_id]), data)


@FUZZ
@given(
    data=st.fixed_dictionaries(
        {
            "intervention": garbage,
            "decided": garbage,
            "start": garbage,
            "end": garbage,
            "provider": garbage,
            "provider_name": garbage,
        }
    )
)
def test_decision_form(signed_in, data):
    client, case = signed_in
    post_and_check(client, reverse("cases:decision_add", args=[case.public_id]), data)


@FUZZ
@given(
    data=st.fixed_dictionaries(
        {
            "start": garbage,
            "provider": garbage,
            "decision": garbage,
            "new_child_first_name": garbage,
            "new_child_birth_date": garbage,
        }
    )
)
def test_placement_form(signed_in, data):
    client, case = signed_in
    post_and_check(client, reverse("cases:placement_add", args=[case.public_id]), data)


@FUZZ
@given(data=st.fixed_dictionaries({"closed": garbage, "closure_reason": garbage}))
def test_close_form(signed_in, data):
    client, case = signed_in
    post_and_check(client, reverse("cases:close", args=[case.public_id]), data)


@FUZZ
@given(
    data=st.fixed_dictionaries(
        {
            "step": st.sampled_from(["search", "register", "open", "x"]),
            "identity_number": garbage,
            "first_name": garbage,
            "last_name": garbage,
            "birth_date": garbage,
            "gender": garbage,
            "protected_identity": garbage,
        }
    )
)
def test_open_case_form(signed_in, data):
    client, _case = signed_in
    post_and_check(client, reverse("cases:open"), data)
