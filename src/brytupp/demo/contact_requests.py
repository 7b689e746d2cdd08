"""Contact requests from the public pages in the demo (decision 0054): a few waiting for
Farsta's and Södermalm's relationship violence teams, one already handled in Farsta. Sent
through the service as the public form sends them, each from its own documentation address
(RFC 5737), with phone numbers from the range the Swedish regulator keeps for fiction. They
came in the night before the demo's day, after the month of work (``demo.access_month``),
and the handled one was handled this morning."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

from django.utils import timezone

from brytupp.audit.chain import synthetic_time
from brytupp.contact import services
from brytupp.contact.services import contact_request_handle, contact_request_submit
from brytupp.organisation.models import District, User

from .access_month import LOCAL_TZ

FARSTA_MANAGER = "farsta.chef"

REQUESTS = (
    # district, page language, about, what to call them, phone, way, safe times, may say who,
    # interpreter, note
    ("farsta", "sv", "self", "Mira", "070-174 06 11", "call", ["morning"], False, "", ""),
    (
        "farsta",
        "ar",
        "self",
        "",
        "070-174 06 12",
        "text",
        ["midday", "afternoon"],
        False,
        "arabiska",
        "Skicka sms först, ring inte.",
    ),
    ("farsta", "sv", "someone", "Sam", "070-174 06 13", "call", ["afternoon"], True, "", ""),
    (
        "sodermalm",
        "en",
        "self",
        "Alex",
        "070-174 06 14",
        "call",
        ["morning", "midday"],
        True,
        "",
        "",
    ),
)
HANDLED = ("farsta", "so", "self", "", "070-174 06 15", "call", ["midday"], False, "somaliska", "")


# When each of REQUESTS came in, then the handled one, then when it was handled: the night
# before the demo's day ends at 23:50 with Socialjouren's decision (``demo.access_month``).
TIMES = ((0, 31), (1, 12), (2, 47), (6, 5), (0, 20), (7, 45))


@contextmanager
def _at(today: datetime.date, hour: int, minute: int) -> Iterator[None]:
    """Requests, their handling and their log entries dated ``hour:minute`` of ``today``, or
    now if that is earlier (a demo started at night)."""
    at = min(
        timezone.now(),
        datetime.datetime.combine(today, datetime.time(hour, minute), tzinfo=LOCAL_TZ),
    )
    with synthetic_time(at), mock.patch.object(services, "clock", lambda: at):
        yield


def _submit(number: int, row) -> object:
    district, language, about, call_name, phone, way, times, may_say_who, interpreter, note = row
    return contact_request_submit(
        district=District.objects.get(code=district),
        address=f"192.0.2.{number}",
        language=language,
        about=about,
        call_name=call_name,
        phone=phone,
        way=way,
        times=times,
        may_say_who=may_say_who,
        interpreter=interpreter,
        note=note,
    )


def contact_requests_generate(*, today: datetime.date) -> int:
    """The demo's contact requests; the number waiting."""
    times = sorted(enumerate([*REQUESTS, HANDLED], start=1), key=lambda pair: TIMES[pair[0] - 1])
    sent = {}
    for number, row in times:
        with _at(today, *TIMES[number - 1]):
            sent[number] = _submit(number, row)
    manager = User.objects.get(username=FARSTA_MANAGER)
    with _at(today, *TIMES[-1]):
        contact_request_handle(
            actor=manager, request=sent[len(REQUESTS) + 1], outcome="advice", version=1
        )
    return len(REQUESTS)
