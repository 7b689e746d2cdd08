"""Lock-out after repeated failed sign-ins, per user name and per client address.

The sign-in view asks ``sign_in_locked`` before it checks a password and calls
``sign_in_attempt_record`` after it has; see the package docstring for the rules.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .models import SignInAttempt

WINDOW = datetime.timedelta(minutes=15)
LOCKED_FOR = datetime.timedelta(minutes=15)
USERNAME_LIMIT = 5
ADDRESS_LIMIT = 20
KEPT_FOR = datetime.timedelta(days=1)

# The time now; tests replace it to step past a lock-out.
clock: Callable[[], datetime.datetime] = timezone.now


def _digest(kind: str, value: str) -> str:
    return salted_hmac(f"brytupp.signin.{kind}", value, algorithm="sha256").hexdigest()


def username_digest(username: str) -> str:
    # Case-folded, so that "Anna.Test" and "anna.test" share one count.
    return _digest("username", username.strip().casefold())


def address_digest(address: str) -> str:
    return _digest("address", address)


def client_address(request) -> str:
    """The client's address: ``REMOTE_ADDR``, or the header the proxy in front of us sets,
    when ``BRYTUPP_CLIENT_ADDRESS_HEADER`` names one (e.g. ``HTTP_X_REAL_IP``)."""
    header = getattr(settings, "BRYTUPP_CLIENT_ADDRESS_HEADER", "")
    if header and request.META.get(header):
        return request.META[header].split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def _locked_by(failures: list[datetime.datetime], *, limit: int, now: datetime.datetime) -> bool:
    """True when some failure was the ``limit``-th within ``WINDOW`` and ``LOCKED_FOR`` has not
    passed since it. ``failures`` are in ascending order."""
    for index in range(limit - 1, len(failures)):
        reached = failures[index]
        if reached - failures[index - limit + 1] <= WINDOW and now < reached + LOCKED_FOR:
            return True
    return False


def _failures(*, now: datetime.datetime, since: datetime.datetime | None = None, **digest):
    earliest = now - WINDOW - LOCKED_FOR
    if since is not None and since > earliest:
        earliest = since
    return list(
        SignInAttempt.objects.filter(succeeded=False, at__gt=earliest, at__lte=now, **digest)
        .order_by("at")
        .values_list("at", flat=True)
    )


def sign_in_locked(*, username: str, address: str) -> bool:
    now = clock()
    by_username = username_digest(username)
    last_success = (
        SignInAttempt.objects.filter(username_digest=by_username, succeeded=True, at__lte=now)
        .order_by("-at")
        .values_list("at", flat=True)
        .first()
    )
    username_failures = _failures(now=now, since=last_success, username_digest=by_username)
    if _locked_by(username_failures, limit=USERNAME_LIMIT, now=now):
        return True
    address_failures = _failures(now=now, address_digest=address_digest(address))
    return _locked_by(address_failures, limit=ADDRESS_LIMIT, now=now)


@transaction.atomic
def sign_in_attempt_record(*, username: str, address: str, succeeded: bool) -> SignInAttempt:
    now = clock()
    SignInAttempt.objects.filter(at__lt=now - KEPT_FOR).delete()
    return SignInAttempt.objects.create(
        at=now,
        username_digest=username_digest(username),
        address_digest=address_digest(address),
        succeeded=succeeded,
    )
