"""Two-factor sign-in: a TOTP app (RFC 6238) and ten one-time recovery codes (django-otp).

Rules:
- Outside the demo every staff user signs in with a password and then a code
  (``BRYTUPP_REQUIRE_TWO_FACTOR``, on by default). A user without a confirmed authenticator
  sets one up right after the password, before anything else is reachable.
- Setting up shows the secret once (as text and as an ``otpauth://`` address for the app);
  the device counts only once a code from it has been confirmed. Confirming gives ten
  recovery codes, shown once; each works once, in place of a code.
- The secret is stored sealed with the field keys and a recovery code only as a keyed digest
  (``models.py``, decision 0020).
- Replacing a confirmed authenticator in a signed-in session needs the password first, within
  ``REPLACE_WINDOW``; a wrong password changes nothing and counts towards the sign-in lock-out.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django_otp import login as otp_login
from django_otp.util import random_hex

from brytupp.people.sealing import seal

from .lockout import client_address, sign_in_attempt_record, sign_in_locked
from .models import (
    KEY_SEALED_ELSEWHERE,
    HashedRecoveryDevice,
    RecoveryCode,
    SealedTOTPDevice,
    TOTPSecret,
)

RECOVERY_CODES = 10
DEVICE_NAME = "Bryt upp"
# How long a password confirmed for replacing the authenticator stays good, in seconds.
REPLACE_WINDOW = 10 * 60
REPLACE_CONFIRMED_AT = "brytupp_two_factor_replace_confirmed_at"


def recovery_code_digest(*, device_id: int, code: str) -> str:
    """HMAC-SHA256 of a recovery code under ``BRYTUPP_SEARCH_KEY``, bound to its device: a
    copy of the table gives no code, and a guess cannot be tried without the key."""
    key = settings.BRYTUPP_SEARCH_KEY
    if not key:
        raise ImproperlyConfigured("BRYTUPP_SEARCH_KEY is empty")
    normalised = code.strip().replace(" ", "").casefold()
    message = f"recovery-code:{device_id}:{normalised}".encode()
    return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()


def two_factor_device(user) -> SealedTOTPDevice | None:
    return SealedTOTPDevice.objects.filter(user=user, confirmed=True).first()


def second_factor_pending(user) -> bool:
    """Signed in with the password, not yet with the second factor, while it is required:
    nothing but the two-factor pages is open to the session, and no menu is shown."""
    is_verified = getattr(user, "is_verified", None)  # set by django-otp's middleware
    return bool(
        settings.BRYTUPP_REQUIRE_TWO_FACTOR
        and getattr(user, "is_authenticated", False)
        and is_verified is not None
        and not is_verified()
    )


def replacement_allowed(request) -> bool:
    """A user without an authenticator sets one up freely; replacing one needs the password
    confirmed in this session within ``REPLACE_WINDOW``."""
    if two_factor_device(request.user) is None:
        return True
    confirmed_at = request.session.get(REPLACE_CONFIRMED_AT)
    return confirmed_at is not None and time.time() - confirmed_at < REPLACE_WINDOW


def two_factor_replace_authorise(*, request, password: str) -> str:
    """Check the signed-in user's password before a replacement: "ok", "wrong" or "locked".
    Attempts count as sign-in attempts, so guessing here locks the user name out as there."""
    user, address = request.user, client_address(request)
    if sign_in_locked(username=user.get_username(), address=address):
        return "locked"
    succeeded = user.check_password(password)
    sign_in_attempt_record(username=user.get_username(), address=address, succeeded=succeeded)
    if not succeeded:
        return "wrong"
    request.session[REPLACE_CONFIRMED_AT] = time.time()
    return "ok"


@transaction.atomic
def totp_setup_start(*, request) -> SealedTOTPDevice:
    """An unconfirmed authenticator for the user, replacing any earlier unconfirmed one."""
    if not replacement_allowed(request):
        raise PermissionError("replacing the authenticator needs the password")
    user = request.user
    SealedTOTPDevice.objects.filter(user=user, confirmed=False).delete()
    device = SealedTOTPDevice.objects.create(
        user=user, name=DEVICE_NAME, confirmed=False, key=KEY_SEALED_ELSEWHERE
    )
    device.secret = TOTPSecret.objects.create(device=device, sealed=seal(random_hex(20)))
    return device


def totp_setup_pending(*, user) -> SealedTOTPDevice | None:
    return SealedTOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()


@transaction.atomic
def totp_setup_confirm(*, request, token: str) -> list[str] | None:
    """Confirm the user's new authenticator with a code from it; return the recovery codes,
    or ``None`` when the code is wrong or the replacement is not allowed (nothing changes)."""
    user = request.user
    device = totp_setup_pending(user=user)
    if device is None or not replacement_allowed(request):
        return None
    if not device.verify_token(token.strip()):
        return None
    SealedTOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    HashedRecoveryDevice.objects.filter(user=user).delete()
    recovery = HashedRecoveryDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    codes = [secrets.token_hex(5) for _ in range(RECOVERY_CODES)]
    RecoveryCode.objects.bulk_create(
        RecoveryCode(device=recovery, digest=recovery_code_digest(device_id=recovery.pk, code=c))
        for c in codes
    )
    request.session.pop(REPLACE_CONFIRMED_AT, None)
    otp_login(request, device)
    return codes


@transaction.atomic
def two_factor_verify(*, request, token: str) -> bool:
    """Accept a code from the authenticator or an unused recovery code (used up at once). The
    devices are locked while checked, so one code cannot pass twice at the same moment."""
    token = token.strip().replace(" ", "")
    # A code from the app is 6 digits, a recovery code 10 characters: each is tried on its own
    # kind of device only, so a recovery code does not count as a failure on the app's.
    model = SealedTOTPDevice if token.isdigit() and len(token) <= 8 else HashedRecoveryDevice
    for device in model.objects.select_for_update().filter(user=request.user, confirmed=True):
        if device.verify_token(token):
            otp_login(request, device)
            return True
    return False
