"""Lock-out after repeated failed sign-ins, per user name and per client address."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from brytupp.signin import lockout
from brytupp.signin.models import SignInAttempt
from tests import factories

pytestmark = pytest.mark.django_db

LOCKED = (
    "Too many failed sign-in attempts. Wait 15 minutes and try again, or contact your unit manager."
)
WRONG = "The user name or password is wrong."


@pytest.fixture
def worker(rvt):
    return factories.staff("handlaggare", rvt, username="anna.test")


@pytest.fixture
def clock(monkeypatch):
    """A settable clock for the lock-out rules, starting now."""

    class Clock:
        now = timezone.now()

        def advance(self, **delta):
            self.now += datetime.timedelta(**delta)

    fixed = Clock()
    monkeypatch.setattr(lockout, "clock", lambda: fixed.now)
    return fixed


def sign_in(client, username, password, address="192.0.2.10"):
    return client.post(
        reverse("web:login"),
        {"username": username, "password": password},
        HTTP_ACCEPT_LANGUAGE="en",
        REMOTE_ADDR=address,
    )


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def fail(client, username, times, address="192.0.2.10"):
    for _ in range(times):
        body = sign_in(client, username, "wrong-password", address).content.decode()
        assert WRONG in body


def test_four_failures_then_the_right_password_signs_in(client, worker, clock):
    fail(client, "anna.test", 4)

    response = sign_in(client, "anna.test", factories.TEST_PASSWORD)

    assert response.status_code == 302
    assert signed_in(client)


def test_after_five_failures_the_right_password_is_refused(client, worker, clock):
    fail(client, "anna.test", 5)

    response = sign_in(client, "anna.test", factories.TEST_PASSWORD)

    assert response.status_code == 200
    body = response.content.decode()
    assert LOCKED in body
    assert WRONG not in body
    assert not signed_in(client)
    # The refused attempt is not recorded: it neither lengthens nor resets the lock-out.
    assert SignInAttempt.objects.count() == 5


def test_the_lock_out_holds_for_fifteen_minutes_then_ends(client, worker, clock):
    fail(client, "anna.test", 5)

    clock.advance(minutes=14, seconds=59)
    assert LOCKED in sign_in(client, "anna.test", factories.TEST_PASSWORD).content.decode()
    assert not signed_in(client)

    clock.advance(seconds=1)
    assert sign_in(client, "anna.test", factories.TEST_PASSWORD).status_code == 302
    assert signed_in(client)


def test_five_failures_spread_over_more_than_fifteen_minutes_do_not_lock(client, worker, clock):
    fail(client, "anna.test", 1)
    clock.advance(minutes=15, seconds=1)
    fail(client, "anna.test", 4)

    assert sign_in(client, "anna.test", factories.TEST_PASSWORD).status_code == 302


def test_a_success_resets_the_count_for_the_user_name(client, worker, clock):
    fail(client, "anna.test", 4)
    assert sign_in(client, "anna.test", factories.TEST_PASSWORD).status_code == 302
    client.logout()

    fail(client, "anna.test", 4)

    assert sign_in(client, "anna.test", factories.TEST_PASSWORD).status_code == 302


def test_the_count_ignores_the_case_of_the_user_name(client, worker, clock):
    fail(client, "Anna.Test", 3)
    fail(client, "ANNA.TEST", 2)

    assert LOCKED in sign_in(client, "anna.test", factories.TEST_PASSWORD).content.decode()


def test_a_locked_user_name_is_locked_from_every_address(client, worker, clock):
    for number in range(5):
        fail(client, "anna.test", 1, address=f"198.51.100.{number}")

    response = sign_in(client, "anna.test", factories.TEST_PASSWORD, address="203.0.113.7")

    assert LOCKED in response.content.decode()


def test_twenty_failures_from_one_address_lock_that_address_for_every_user_name(
    client, worker, clock
):
    for number in range(20):
        fail(client, f"guess.{number}", 1, address="192.0.2.66")

    from_there = sign_in(client, "anna.test", factories.TEST_PASSWORD, address="192.0.2.66")
    assert LOCKED in from_there.content.decode()
    assert not signed_in(client)

    from_elsewhere = sign_in(client, "anna.test", factories.TEST_PASSWORD, address="192.0.2.67")
    assert from_elsewhere.status_code == 302


def test_nineteen_failures_from_one_address_do_not_lock_it(client, worker, clock):
    for number in range(19):
        fail(client, f"guess.{number}", 1, address="192.0.2.66")

    assert (
        sign_in(client, "anna.test", factories.TEST_PASSWORD, address="192.0.2.66").status_code
        == 302
    )


def test_a_success_does_not_reset_the_count_for_the_address(client, worker, clock):
    for number in range(19):
        fail(client, f"guess.{number}", 1, address="192.0.2.66")
    assert (
        sign_in(client, "anna.test", factories.TEST_PASSWORD, address="192.0.2.66").status_code
        == 302
    )
    client.logout()
    fail(client, "guess.19", 1, address="192.0.2.66")

    response = sign_in(client, "anna.test", factories.TEST_PASSWORD, address="192.0.2.66")

    assert LOCKED in response.content.decode()


def test_an_unknown_user_name_gets_the_same_lock_out_page(client, worker, clock):
    fail(client, "anna.test", 5)
    fail(client, "no.such.user", 5)

    known = sign_in(client, "anna.test", "wrong-password").content.decode()
    unknown = sign_in(client, "no.such.user", "wrong-password").content.decode()

    assert LOCKED in known
    assert LOCKED in unknown
    strip = lambda body: body.replace("anna.test", "").replace("no.such.user", "")  # noqa: E731
    import re

    csrf = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"|"X-CSRFToken": "[^"]+"')
    assert csrf.sub("", strip(known)) == csrf.sub("", strip(unknown))


def test_neither_user_name_nor_address_is_stored_in_clear(client, worker, clock):
    fail(client, "anna.test", 1, address="192.0.2.10")

    attempt = SignInAttempt.objects.get()

    assert attempt.succeeded is False
    assert attempt.at == clock.now
    assert attempt.username_digest == lockout.username_digest("anna.test")
    assert attempt.address_digest == lockout.address_digest("192.0.2.10")
    stored = f"{attempt.username_digest} {attempt.address_digest}"
    assert "anna" not in stored
    assert "192.0.2.10" not in stored
    assert len(attempt.username_digest) == 64


def test_attempts_older_than_a_day_are_deleted(client, worker, clock):
    fail(client, "anna.test", 1)
    clock.advance(days=1, seconds=1)

    fail(client, "anna.test", 1)

    assert list(SignInAttempt.objects.values_list("at", flat=True)) == [clock.now]


def test_the_proxy_header_names_the_address_when_configured(client, worker, clock, settings):
    settings.BRYTUPP_CLIENT_ADDRESS_HEADER = "HTTP_X_REAL_IP"

    client.post(
        reverse("web:login"),
        {"username": "anna.test", "password": "wrong-password"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_REAL_IP="192.0.2.99",
    )

    assert SignInAttempt.objects.get().address_digest == lockout.address_digest("192.0.2.99")
