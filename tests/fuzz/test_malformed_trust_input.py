"""Property-based: malformed input to sign-in, two-factor sign-in, the reveal, emergency access,
the address and log review never causes a server error, signs no one in, and saves nothing."""

import datetime

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from hypothesis import given
from hypothesis import strategies as st

from brytupp.access.models import EmergencyAccess
from brytupp.audit.models import LogReview
from brytupp.organisation.models import User
from brytupp.people.models import IdentityReveal, Person
from brytupp.signin.models import RecoveryCode
from tests import factories

from .test_malformed_input import FUZZ, garbage

pytestmark = pytest.mark.django_db


def trust_state():
    return (
        User.objects.count(),
        TOTPDevice.objects.filter(confirmed=True).count(),
        RecoveryCode.objects.count(),
        IdentityReveal.objects.count(),
        EmergencyAccess.objects.count(),
        LogReview.objects.count(),
        list(Person.objects.order_by("pk").values_list("address_sealed", flat=True)),
    )


def assert_refused_cleanly(response, before):
    assert response.status_code in (200, 400, 404), response.status_code
    assert trust_state() == before


@pytest.fixture
def two_step_user(rvt):
    return factories.staff("handlaggare", rvt, username="tva.steg")


@FUZZ
@given(username=garbage, password=garbage)
def test_sign_in_form(client, two_step_user, username, password):
    before = trust_state()

    response = client.post(reverse("web:login"), {"username": username, "password": password})

    assert_refused_cleanly(response, before)
    assert SESSION_KEY not in client.session


@FUZZ
@given(token=garbage)
def test_two_factor_set_up_and_verify_forms(client, two_step_user, token):
    with override_settings(BRYTUPP_REQUIRE_TWO_FACTOR=True):
        client.post(
            reverse("web:login"), {"username": "tva.steg", "password": factories.TEST_PASSWORD}
        )
        client.get(reverse("web:two_factor_setup"))
        before = trust_state()

        for url in (reverse("web:two_factor_setup"), reverse("web:two_factor_verify")):
            response = client.post(url, {"token": token})
            if response.status_code == 302:  # verify sends a user without a device to set-up
                assert response["Location"] == reverse("web:two_factor_setup")
            else:
                assert_refused_cleanly(response, before)
        # Still only half signed in: every page leads back to set-up.
        assert client.get(reverse("web:work"))["Location"] == reverse("web:two_factor_setup")
        assert trust_state() == before


@pytest.fixture
def case_world(rvt):
    jour = factories.UnitFactory(district=None, kind="socialjour", name="Socialjouren Fuzz")
    worker = factories.staff("handlaggare", rvt)
    manager = factories.staff("enhetschef", rvt)
    person = factories.person(protected_identity="sekretessmarkering")
    case = factories.case(
        person_=person, unit=rvt, opened=timezone.localdate() - datetime.timedelta(days=9)
    )
    on_duty = factories.staff("handlaggare", jour)
    return {"worker": worker, "manager": manager, "on_duty": on_duty, "case": case}


@FUZZ
@given(reason=garbage)
def test_reveal_form(client, case_world, reason):
    factories.sign_in(client, case_world["worker"])
    before = trust_state()

    response = client.post(
        reverse("cases:identity_reveal", args=[case_world["case"].public_id]), {"reason": reason}
    )

    assert response.status_code == 200
    if len(reason.strip()) < 10:
        assert trust_state() == before


@FUZZ
@given(address=garbage)
def test_address_form(client, case_world, address):
    factories.sign_in(client, case_world["worker"])

    response = client.post(
        reverse("cases:address", args=[case_world["case"].public_id]), {"address": address}
    )

    assert response.status_code in (200, 302)


@FUZZ
@given(number=garbage, reason=garbage)
def test_emergency_forms(client, case_world, number, reason):
    factories.sign_in(client, case_world["on_duty"])
    before = trust_state()

    searched = client.post(reverse("emergency_search"), {"identity_number": number})
    granted = client.post(
        reverse("emergency_grant", args=[case_world["case"].public_id]), {"reason": reason}
    )

    assert searched.status_code == 200
    assert granted.status_code in (200, 302)
    if granted.status_code == 200:
        assert trust_state() == before


@FUZZ
@given(
    query=st.fixed_dictionaries(
        {
            "user": garbage,
            "person": garbage,
            "case": garbage,
            "date_from": garbage,
            "date_to": garbage,
            "flagged": garbage,
            "page": garbage,
            "month": garbage,
        }
    ),
    comment=garbage,
    seq=st.integers(min_value=0, max_value=2**62),
)
def test_log_review_search_and_mark(client, case_world, query, comment, seq):
    factories.sign_in(client, case_world["manager"])
    before = trust_state()

    searched = client.get(reverse("log_review:search"), query)
    month = client.get(reverse("log_review:month"), query)
    marked = client.post(reverse("log_review:mark", args=[seq]), {"comment": comment})

    assert searched.status_code == 200 and month.status_code == 200
    assert_refused_cleanly(marked, before)
