"""One row per sign-in attempt that reached the password check; see the package docstring."""

from django.db import models


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
