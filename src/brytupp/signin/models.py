"""Sign-in attempts (see the package docstring) and the sealed second factor.

django-otp keeps a TOTP device's secret key in clear hex and recovery codes in clear. Here the
key lives sealed with the field keys in ``TOTPSecret`` and a recovery code only as a keyed
digest in ``RecoveryCode`` (decision 0020). The proxies ``SealedTOTPDevice`` and
``HashedRecoveryDevice`` read them, so django-otp's verification, drift, replay guard and
throttling run unchanged; django-otp's own columns hold nothing usable: the TOTP device's
``key`` holds ``KEY_SEALED_ELSEWHERE``, which is not hex, so the plain model fails closed
(an error, never a match) if anything ever asks it, and the static device has no tokens.
"""

from binascii import unhexlify

from django.db import models
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from brytupp.people.sealing import sealed_length, unseal
from brytupp.text_length import BoundedTextField

KEY_SEALED_ELSEWHERE = "sealed"


class SignInAttempt(models.Model):
    at = models.DateTimeField()
    # Keyed digests (hex HMAC-SHA256): the user name and address never stand here in clear.
    username_digest = models.CharField(max_length=64)
    address_digest = models.CharField(max_length=64)
    succeeded = models.BooleanField()

    class Meta:
        indexes = [
            models.Index(fields=["username_digest", "at"], name="signin_attempt_username_at"),
            models.Index(fields=["address_digest", "at"], name="signin_attempt_address_at"),
            models.Index(fields=["at"], name="signin_attempt_at"),
        ]

    def __str__(self) -> str:
        return f"sign-in attempt {self.pk}"


class TOTPSecret(models.Model):
    """A TOTP device's secret key (hex), sealed with ``BRYTUPP_FIELD_KEYS``."""

    device = models.OneToOneField(TOTPDevice, on_delete=models.CASCADE, related_name="secret")
    # django-otp keeps at most 80 hex digits (40 bytes).
    sealed = BoundedTextField(max_length=sealed_length(80))

    def __str__(self) -> str:
        return f"TOTP secret of device {self.device_id}"


class SealedTOTPDevice(TOTPDevice):
    """django-otp's TOTP device with its key read from ``TOTPSecret``."""

    class Meta:
        proxy = True

    @property
    def bin_key(self) -> bytes:
        return unhexlify(unseal(self.secret.sealed).encode())


class RecoveryCode(models.Model):
    """One unused recovery code, as its keyed digest (``two_factor.recovery_code_digest``);
    deleted when used, so each works once."""

    device = models.ForeignKey(StaticDevice, on_delete=models.CASCADE, related_name="codes")
    digest = models.CharField(max_length=64, unique=True)

    def __str__(self) -> str:
        return f"recovery code {self.pk}"


class HashedRecoveryDevice(StaticDevice):
    """django-otp's static device whose tokens are the digests in ``RecoveryCode``."""

    class Meta:
        proxy = True

    def verify_token(self, token) -> bool:
        """As django-otp's static device (throttled; a used code is gone), comparing digests."""
        from .two_factor import recovery_code_digest

        allowed, _ = self.verify_is_allowed()
        if not allowed:
            return False
        digest = recovery_code_digest(device_id=self.pk, code=str(token))
        used, _ = RecoveryCode.objects.filter(device_id=self.pk, digest=digest).delete()
        if used:
            self.throttle_reset(commit=False)
            self.set_last_used_timestamp(commit=False)
            self.save()
        else:
            self.throttle_increment()
        return bool(used)
