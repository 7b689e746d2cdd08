"""Two-factor sign-in: set up with a code, then password + code; recovery codes once each."""

import re

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from brytupp.signin.models import RecoveryCode, SealedTOTPDevice
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("two_factor_required")]


def password(client):
    return client.post(
        reverse("web:login"), {"username": "tva.steg", "password": factories.TEST_PASSWORD}
    )


def code_now(user, *, steps_ahead=0, confirmed=False):
    """The code the user's app shows now, or ``steps_ahead`` time steps later (a code already
    used is refused again, so a second sign-in in the same 30 seconds takes the next one)."""
    device = SealedTOTPDevice.objects.get(user=user, confirmed=confirmed)
    t0 = device.t0 - steps_ahead * device.step
    return f"{totp(device.bin_key, step=device.step, t0=t0, digits=device.digits):06d}"


def set_up(client, user):
    password(client)
    client.get(reverse("web:two_factor_setup"))
    response = client.post(reverse("web:two_factor_setup"), {"token": code_now(user)})
    return re.findall(r"<li><code>([0-9a-f]{10})</code></li>", response.content.decode())


def test_without_an_authenticator_the_password_leads_only_to_set_up(client, worker):
    password(client)

    assert client.get(reverse("web:work"))["Location"] == reverse("web:two_factor_setup")
    assert client.get(reverse("web:district_list"))["Location"] == reverse("web:two_factor_setup")
    page = client.get(reverse("web:two_factor_setup")).content.decode()
    assert "Set up two-factor sign-in" in page
    assert TOTPDevice.objects.filter(user=worker, confirmed=False).count() == 1


def test_a_wrong_code_confirms_nothing(client, worker):
    password(client)
    client.get(reverse("web:two_factor_setup"))

    response = client.post(reverse("web:two_factor_setup"), {"token": "000000"})

    assert "The code is wrong" in response.content.decode()
    assert TOTPDevice.objects.filter(user=worker, confirmed=True).count() == 0
    assert client.get(reverse("web:work")).status_code == 302


def test_confirming_gives_ten_recovery_codes_and_access(client, worker):
    codes = set_up(client, worker)

    assert len(codes) == 10
    assert RecoveryCode.objects.filter(device__user=worker).count() == 10
    assert client.get(reverse("web:work")).status_code == 200


def test_the_menu_appears_only_with_the_second_factor(client, worker):
    menu = 'class="govuk-service-navigation__link" href="/mina-arenden/"'
    password(client)

    assert menu not in client.get(reverse("web:two_factor_setup")).content.decode()
    set_up(client, worker)
    assert menu in client.get(reverse("web:work")).content.decode()


def test_next_sign_in_needs_a_code(client, worker):
    set_up(client, worker)
    client.post(reverse("web:logout"))
    password(client)

    assert client.get(reverse("web:work"))["Location"] == reverse("web:two_factor_verify")
    wrong = client.post(reverse("web:two_factor_verify"), {"token": "123456"})
    assert "The code is wrong or has been used" in wrong.content.decode()
    assert client.get(reverse("web:work")).status_code == 302


def test_a_recovery_code_works_once(client, worker):
    codes = set_up(client, worker)
    client.post(reverse("web:logout"))
    password(client)

    used = client.post(reverse("web:two_factor_verify"), {"token": codes[0]})

    assert used["Location"] == reverse("web:start")
    assert client.get(reverse("web:work")).status_code == 200
    client.post(reverse("web:logout"))
    password(client)
    again = client.post(reverse("web:two_factor_verify"), {"token": codes[0]})
    assert again.status_code == 200
    assert client.get(reverse("web:work")).status_code == 302
    assert RecoveryCode.objects.filter(device__user=worker).count() == 9
