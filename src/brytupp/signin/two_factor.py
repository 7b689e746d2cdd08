"""Two-factor sign-in: a TOTP app (RFC 6238) and ten one-time recovery codes (django-otp).

Rules:
- Outside the demo every staff user signs in with a password and then a code
  (``BRYTUPP_REQUIRE_TWO_FACTOR``, on by default). A user without a confirmed authenticator
  sets one up right after the password, before anything else is reachable.
- Setting up shows the secret once (as text and as an ``otpauth://`` address for the app);
  the device counts only once a code from it has been confirmed. Confirming gives ten
  recovery codes, shown once; each works once, in place of a code.
"""

from __future__ import annotations

import secrets

from django.db import transaction
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODES = 10
DEVICE_NAME = "Bryt upp"


def two_factor_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


@transaction.atomic
def totp_setup_start(*, user) -> TOTPDevice:
    """An unconfirmed authenticator for the user, replacing any earlier unconfirmed one."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


@transaction.atomic
def totp_setup_confirm(*, request, token: str) -> list[str] | None:
    """Confirm the user's new authenticator with a code from it; return the recovery codes,
    or ``None`` when the code is wrong (nothing changes then)."""
    user = request.user
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None or not device.verify_token(token.strip()):
        return None
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    StaticDevice.objects.filter(user=user).delete()
    recovery = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    codes = [secrets.token_hex(5) for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=recovery, token=code) for code in codes)
    otp_login(request, device)
    return codes


def two_factor_verify(*, request, token: str) -> bool:
    """Accept a code from the authenticator or an unused recovery code (used up at once)."""
    device = match_token(request.user, token.strip().replace(" ", ""))
    if device is None:
        return False
    otp_login(request, device)
    return True
