"""The second factor at rest and its replacement (issue 10, finding 9): the TOTP key sealed
with the field keys, recovery codes only as keyed digests, each once; replacing the
authenticator in a signed-in session asks for the password first."""

import base64
import importlib
import re

import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from brytupp.signin.models import (
    KEY_SEALED_ELSEWHERE,
    HashedRecoveryDevice,
    RecoveryCode,
    SealedTOTPDevice,
    SignInAttempt,
    TOTPSecret,
)
from tests import factories

from .test_two_factor import code_now, password, set_up

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("two_factor_required")]


def _clear_key(device) -> str:
    return device.bin_key.hex()


def _row(table: str, column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


def test_the_stored_totp_key_is_sealed(client, worker):
    set_up(client, worker)
    device = SealedTOTPDevice.objects.get(user=worker)
    clear = _clear_key(device)
    secret = TOTPSecret.objects.get(device=device)

    assert len(clear) == 40
    assert _row("otp_totp_totpdevice", "key", device.pk) == KEY_SEALED_ELSEWHERE
    stored = _row("signin_totpsecret", "sealed", secret.pk)
    assert stored != clear and clear not in stored
    assert clear.upper() not in stored
    assert base64.b32encode(device.bin_key).decode().rstrip("=") not in stored


def test_the_plain_django_otp_device_fails_closed(client, worker):
    """Were the plain model ever asked (django-otp's match_token), it has no key to match."""
    set_up(client, worker)
    plain = TOTPDevice.objects.get(user=worker)

    with pytest.raises(ValueError):
        plain.verify_token(code_now(worker, steps_ahead=1, confirmed=True))


def test_recovery_codes_are_stored_as_keyed_digests_only(client, worker):
    codes = set_up(client, worker)
    stored = list(RecoveryCode.objects.filter(device__user=worker).values_list("digest", flat=True))

    assert len(stored) == len(codes) == 10
    assert all(re.fullmatch(r"[0-9a-f]{64}", digest) for digest in stored)
    assert not any(code in digest for code in codes for digest in stored)
    assert StaticToken.objects.count() == 0


def test_sign_in_with_a_code_from_the_app_still_works(client, worker):
    set_up(client, worker)
    client.post(reverse("web:logout"))
    password(client)

    response = client.post(
        reverse("web:two_factor_verify"), {"token": code_now(worker, steps_ahead=1, confirmed=True)}
    )

    assert response["Location"] == reverse("web:start")
    assert client.get(reverse("web:work")).status_code == 200


def test_a_recovery_code_counts_only_once_and_only_for_its_user(client, worker, rvt):
    codes = set_up(client, worker)
    client.post(reverse("web:logout"))
    other = factories.staff("handlaggare", rvt, username="annan.person")
    client.post(
        reverse("web:login"), {"username": "annan.person", "password": factories.TEST_PASSWORD}
    )
    client.get(reverse("web:two_factor_setup"))
    client.post(reverse("web:two_factor_setup"), {"token": code_now(other)})
    client.post(reverse("web:logout"))
    client.post(
        reverse("web:login"), {"username": "annan.person", "password": factories.TEST_PASSWORD}
    )

    response = client.post(reverse("web:two_factor_verify"), {"token": codes[1]})

    assert response.status_code == 200
    assert RecoveryCode.objects.filter(device__user=worker).count() == 10


def _signed_in_with_two_factor(client, worker) -> str:
    set_up(client, worker)
    return _clear_key(SealedTOTPDevice.objects.get(user=worker, confirmed=True))


def test_replacing_without_the_password_is_refused(client, worker):
    old_key = _signed_in_with_two_factor(client, worker)

    shown = client.get(reverse("web:two_factor_setup"))
    posted = client.post(
        reverse("web:two_factor_setup"), {"token": code_now(worker, steps_ahead=1, confirmed=True)}
    )

    assert shown["Location"] == posted["Location"] == reverse("web:two_factor_replace")
    assert list(
        SealedTOTPDevice.objects.filter(user=worker).values_list("confirmed", flat=True)
    ) == [True]
    assert _clear_key(SealedTOTPDevice.objects.get(user=worker)) == old_key
    assert RecoveryCode.objects.filter(device__user=worker).count() == 10


def test_a_wrong_password_changes_nothing_and_counts_as_a_failed_sign_in(client, worker):
    old_key = _signed_in_with_two_factor(client, worker)
    failures_before = SignInAttempt.objects.filter(succeeded=False).count()

    response = client.post(reverse("web:two_factor_replace"), {"password": "fel-losenord"})

    assert response.status_code == 200
    assert (
        "The password is wrong. Your authenticator has not been changed."
        in response.content.decode()
    )
    assert SignInAttempt.objects.filter(succeeded=False).count() == failures_before + 1
    assert client.get(reverse("web:two_factor_setup"))["Location"] == reverse(
        "web:two_factor_replace"
    )
    assert [_clear_key(d) for d in SealedTOTPDevice.objects.filter(user=worker)] == [old_key]


def test_five_wrong_passwords_lock_out_the_right_one_too(client, worker):
    _signed_in_with_two_factor(client, worker)
    for _ in range(5):
        client.post(reverse("web:two_factor_replace"), {"password": "fel-losenord"})

    response = client.post(reverse("web:two_factor_replace"), {"password": factories.TEST_PASSWORD})

    assert "Too many failed sign-in attempts" in response.content.decode()
    assert client.get(reverse("web:two_factor_setup"))["Location"] == reverse(
        "web:two_factor_replace"
    )


def test_with_the_password_the_authenticator_is_replaced(client, worker):
    old_key = _signed_in_with_two_factor(client, worker)

    confirmed = client.post(
        reverse("web:two_factor_replace"), {"password": factories.TEST_PASSWORD}
    )
    page = client.get(reverse("web:two_factor_setup"))
    codes = client.post(reverse("web:two_factor_setup"), {"token": code_now(worker)})

    assert confirmed["Location"] == reverse("web:two_factor_setup")
    assert page.status_code == 200
    assert codes.status_code == 200
    [device] = SealedTOTPDevice.objects.filter(user=worker)
    assert device.confirmed and _clear_key(device) != old_key
    assert RecoveryCode.objects.filter(device__user=worker).count() == 10
    # The confirmation is used up: a further replacement asks for the password again.
    assert client.get(reverse("web:two_factor_setup"))["Location"] == reverse(
        "web:two_factor_replace"
    )


def test_the_migration_seals_existing_keys_and_hashes_existing_codes(worker):
    clear_key = "3132333435363738393031323334353637383930"
    plain = TOTPDevice.objects.create(user=worker, name="old", confirmed=True, key=clear_key)
    static = StaticDevice.objects.create(user=worker, name="old codes", confirmed=True)
    StaticToken.objects.create(device=static, token="a1b2c3d4e5")
    migration = importlib.import_module(
        "brytupp.signin.migrations.0003_seal_existing_second_factors"
    )

    migration.seal_second_factors(apps, None)

    assert _row("otp_totp_totpdevice", "key", plain.pk) == KEY_SEALED_ELSEWHERE
    sealed = SealedTOTPDevice.objects.get(pk=plain.pk)
    assert _clear_key(sealed) == clear_key
    assert clear_key not in TOTPSecret.objects.get(device=plain).sealed
    assert StaticToken.objects.count() == 0
    [code] = RecoveryCode.objects.filter(device=static)
    assert "a1b2c3d4e5" not in code.digest
    device = HashedRecoveryDevice.objects.get(pk=static.pk)
    assert device.verify_token("a1b2c3d4e5") is True
    assert device.verify_token("a1b2c3d4e5") is False


def test_a_signed_in_user_reaches_the_replacement_from_every_page(client, worker):
    """The door to replacing the authenticator: a link in the account bar once the second
    factor is verified, and none before."""
    link = f'href="{reverse("web:two_factor_replace")}"'
    password(client)
    before = client.get(reverse("web:two_factor_setup")).content.decode()
    _signed_in_with_two_factor(client, worker)

    after = client.get(reverse("web:work")).content.decode()

    assert link not in before
    assert link in after
