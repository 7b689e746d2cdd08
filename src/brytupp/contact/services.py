"""Writes of contact requests: sent from the public pages, handled by the district's RVT."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from brytupp.access import policies
from brytupp.audit.models import AccessGround, AccessKind
from brytupp.audit.services import access_log_record_contact_requests
from brytupp.organisation.models import District, User

from .models import (
    ContactAbout,
    ContactAttempt,
    ContactOutcome,
    ContactRequest,
    ContactTime,
    ContactWay,
)
from .selectors import district_rvt

# Accepted submissions allowed per client address within each window, and from everyone
# within an hour (a flood from many addresses). Beyond any, a request is refused and nothing
# is stored; the page then gives the numbers to call instead.
RATE_LIMITS = (
    (datetime.timedelta(hours=1), 3),
    (datetime.timedelta(days=1), 5),
)
ALL_PER_HOUR = 300
ATTEMPTS_KEPT_FOR = datetime.timedelta(days=1)

# The time now; tests replace it to step past a limit.
clock: Callable[[], datetime.datetime] = timezone.now

PHONE_CHARACTERS = re.compile(r"\+?[0-9][0-9 ()-]*")
# A number typed on an Arabic or Persian keyboard: its digits as the team dials them.
EASTERN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


class RateLimited(Exception):
    """Too many requests from one address, or from everyone, just now."""


def address_digest(address: str) -> str:
    return salted_hmac("brytupp.contact.address", address, algorithm="sha256").hexdigest()


def _phone_clean(phone: str) -> str:
    phone = " ".join(phone.translate(EASTERN_DIGITS).split())
    digits = re.sub(r"\D", "", phone)
    if not PHONE_CHARACTERS.fullmatch(phone) or not 7 <= len(digits) <= 15:
        raise ValidationError(
            {"phone": _("Enter a phone number, like 070 123 45 67 or +46 70 123 45 67.")}
        )
    return phone


def _rate_limit_check(digest: str, now: datetime.datetime) -> None:
    """Serialised by a transaction-scoped advisory lock, so that two submissions at once cannot
    both pass the count."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext('brytupp.contact.rate'))")
    ContactAttempt.objects.filter(at__lt=now - ATTEMPTS_KEPT_FOR).delete()
    for window, limit in RATE_LIMITS:
        recent = ContactAttempt.objects.filter(address_digest=digest, at__gt=now - window)
        if recent.count() >= limit:
            raise RateLimited
    if ContactAttempt.objects.filter(at__gt=now - datetime.timedelta(hours=1)).count() >= (
        ALL_PER_HOUR
    ):
        raise RateLimited


@transaction.atomic
def contact_request_submit(
    *,
    district: District,
    address: str,
    language: str,
    about: str,
    call_name: str,
    phone: str,
    way: str,
    times: list[str],
    may_say_who: bool,
    interpreter: str = "",
    note: str = "",
) -> ContactRequest:
    """Store a contact request for ``district``'s RVT, sent from a public page from the client
    ``address``. Bad input raises ``ValidationError`` and too many requests ``RateLimited``;
    either way nothing is stored. Nothing is sent to anyone."""
    if district_rvt(district) is None:
        raise ValidationError(_("This district cannot take contact requests yet."))
    errors: dict[str, list] = {}
    if about not in ContactAbout.values:
        errors["about"] = [_("Say whether the request is for you or for someone else.")]
    if way not in ContactWay.values:
        errors["way"] = [_("Choose how we may contact you.")]
    times = list(dict.fromkeys(times))
    if not times or any(time not in ContactTime.values for time in times):
        errors["times"] = [_("Choose at least one time when it is safe to contact you.")]
    try:
        phone = _phone_clean(phone)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    now = clock()
    digest = address_digest(address)
    _rate_limit_check(digest, now)
    request = ContactRequest(
        district=district,
        received_at=now,
        language=language,
        about=about,
        call_name=" ".join(call_name.split()),
        phone=phone,
        way=way,
        times=[time for time in ContactTime.values if time in times],
        may_say_who=may_say_who,
        interpreter=" ".join(interpreter.split()),
        note=note.strip(),
    )
    request.full_clean()
    request.save()
    ContactAttempt.objects.create(address_digest=digest, at=now)
    access_log_record_contact_requests(
        actor=None, kind=AccessKind.CHANGE, requests=[request], ground=AccessGround.PUBLIC
    )
    return request


@transaction.atomic
def contact_request_handle(
    *, actor: User, request: ContactRequest, outcome: str, version: int
) -> ContactRequest:
    """Record what came of the request and erase its contact details. ``version`` is the one
    the actor saw: a request handled or changed since is refused, not handled twice."""
    locked = policies.contact_requests.get_or_404(
        actor,
        queryset=ContactRequest.objects.select_for_update(),
        pk=request.pk,
    )
    if not locked.is_open:
        raise ValidationError(_("This request has already been handled."))
    if locked.version != version:
        raise ValidationError(
            _("Someone else changed this request while you were looking at it. Look again.")
        )
    if outcome not in ContactOutcome.values:
        raise ValidationError({"outcome": _("Choose what came of the request.")})
    locked.outcome = outcome
    locked.handled_at = clock()
    locked.handled_by = actor
    locked.call_name = locked.phone = locked.interpreter = locked.note = ""
    locked.version += 1
    locked.full_clean()
    locked.save()
    access_log_record_contact_requests(actor=actor, kind=AccessKind.CHANGE, requests=[locked])
    return locked
