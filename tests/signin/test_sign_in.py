import time

import pytest
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.test import override_settings
from django.urls import reverse

from brytupp.signin.middleware import SIGNED_IN_AT
from tests import factories

pytestmark = pytest.mark.django_db

WRONG = "Fel användarnamn eller lösenord."


@pytest.fixture
def worker(rvt):
    return factories.staff("handlaggare", rvt, username="anna.test")


def sign_in(client, username, password):
    return client.post(reverse("web:login"), {"username": username, "password": password})


def test_sign_in_leads_to_the_role_start_page(client, worker):
    response = sign_in(client, "anna.test", factories.TEST_PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("web:start")
    assert client.get(reverse("web:start"))["Location"] == reverse("web:work")
    assert abs(client.session[SIGNED_IN_AT] - time.time()) < 5


@pytest.mark.parametrize(
    ("username", "password"),
    [("anna.test", "wrong-password"), ("no.such.user", factories.TEST_PASSWORD), ("", "")],
)
def test_failed_sign_in_never_says_which_part_was_wrong(client, worker, username, password):
    response = sign_in(client, username, password)

    assert response.status_code == 200
    body = response.content.decode()
    if username:
        assert WRONG in body
    assert "_auth_user_id" not in client.session


def test_unknown_user_and_wrong_password_give_the_same_page(client, worker):
    wrong_password = sign_in(client, "anna.test", "wrong-password").content.decode()
    unknown_user = sign_in(client, "nobody.here", "wrong-password").content.decode()

    strip = lambda body: body.replace("anna.test", "").replace("nobody.here", "")  # noqa: E731
    import re

    csrf = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"|"X-CSRFToken": "[^"]+"')
    assert csrf.sub("", strip(wrong_password)) == csrf.sub("", strip(unknown_user))


def test_a_disabled_account_cannot_sign_in(client, worker):
    worker.is_active = False
    worker.save()

    response = sign_in(client, "anna.test", factories.TEST_PASSWORD)

    assert WRONG in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sign_out_ends_the_session(client, worker):
    sign_in(client, "anna.test", factories.TEST_PASSWORD)

    response = client.post(reverse("web:logout"))

    assert response.status_code == 302
    assert client.get(reverse("web:work"))["Location"].startswith(reverse("web:login"))


def test_session_ends_after_fifteen_idle_minutes():
    assert settings.SESSION_COOKIE_AGE == 15 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


def test_session_ends_eight_hours_after_sign_in_whatever_the_activity(client, worker):
    sign_in(client, "anna.test", factories.TEST_PASSWORD)
    session = client.session
    session[SIGNED_IN_AT] = int(time.time()) - 8 * 60 * 60 - 1
    session.save()

    response = client.get(reverse("web:work"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))
    assert "_auth_user_id" not in client.session


def test_session_still_valid_just_before_eight_hours(client, worker):
    sign_in(client, "anna.test", factories.TEST_PASSWORD)
    session = client.session
    session[SIGNED_IN_AT] = int(time.time()) - 8 * 60 * 60 + 60
    session.save()

    assert client.get(reverse("web:work")).status_code == 200


def test_passwords_are_hashed_with_argon2_in_production():
    from brytupp.settings import base

    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
        assert make_password("ett-langt-losenord").startswith("argon2$argon2id$")


def test_short_passwords_are_refused_by_the_rules():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("kort123")


def test_sign_out_everywhere_ends_every_session_of_the_user(client, worker):
    from django.test import Client

    other_device = Client()
    sign_in(client, "anna.test", factories.TEST_PASSWORD)
    sign_in(other_device, "anna.test", factories.TEST_PASSWORD)
    assert other_device.get(reverse("web:work")).status_code == 200

    response = client.post(reverse("web:sign_out_everywhere"))

    assert response.status_code == 302
    assert response["Location"] == reverse("web:login")
    assert other_device.get(reverse("web:work"))["Location"].startswith(reverse("web:login"))
    assert client.get(reverse("web:work"))["Location"].startswith(reverse("web:login"))
    sign_in(other_device, "anna.test", factories.TEST_PASSWORD)
    assert other_device.get(reverse("web:work")).status_code == 200
