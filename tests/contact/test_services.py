"""Contact requests: what is stored, what is refused, the rate limit and handling."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from brytupp.audit.models import AccessGround, AccessKind, AccessLogEntry
from brytupp.contact import services
from brytupp.contact.models import ContactAttempt, ContactRequest
from brytupp.contact.services import RateLimited, contact_request_handle
from tests import factories

from .conftest import CALL_NAME, NOTE, PHONE, submit

pytestmark = pytest.mark.django_db


def test_a_request_is_stored_for_the_district_with_only_what_was_given(world):
    request = submit(world["district"], times=["afternoon", "morning", "morning"])

    stored = ContactRequest.objects.get()
    assert stored == request
    assert (stored.district, stored.language, stored.about, stored.way) == (
        world["district"],
        "sv",
        "self",
        "call",
    )
    assert (stored.call_name, stored.phone, stored.note) == (CALL_NAME, PHONE, NOTE)
    assert stored.times == ["morning", "afternoon"]
    assert stored.may_say_who is False
    assert (stored.handled_at, stored.handled_by, stored.outcome) == (None, None, "")
    [entry] = AccessLogEntry.objects.all()
    assert (entry.kind, entry.ground, entry.person_public_id, entry.user_public_id) == (
        AccessKind.CHANGE,
        AccessGround.PUBLIC,
        request.public_id,
        None,
    )
    [attempt] = ContactAttempt.objects.all()
    assert attempt.address_digest == services.address_digest("192.0.2.10")
    assert "192.0.2.10" not in attempt.address_digest


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"phone": "ring mig"}, "phone", "Skriv ett telefonnummer"),
        ({"phone": "12345"}, "phone", "Skriv ett telefonnummer"),
        ({"phone": "+46 70 174 06 42 99 99 9"}, "phone", "Skriv ett telefonnummer"),
        ({"times": []}, "times", "Välj minst en tid"),
        ({"times": ["midnight"]}, "times", "Välj minst en tid"),
        ({"way": "email"}, "way", "Välj hur vi får kontakta dig"),
        ({"about": "neighbour"}, "about", "Säg om förfrågan gäller dig"),
    ],
)
def test_bad_input_is_refused_and_stores_nothing(world, fields, field, message):
    with pytest.raises(ValidationError) as raised:
        submit(world["district"], **fields)

    assert raised.value.message_dict[field][0].startswith(message)
    assert ContactRequest.objects.count() == 0
    assert ContactAttempt.objects.count() == 0
    assert AccessLogEntry.objects.count() == 0


def test_a_phone_number_is_kept_as_written_with_its_spaces_tidied(world):
    request = submit(world["district"], phone="  +46 70  174 06 42 ")

    assert request.phone == "+46 70 174 06 42"


def test_a_number_in_arabic_or_persian_digits_is_kept_in_the_digits_the_team_dials(world):
    assert submit(world["district"], phone="٠٧٠-١٧٤ ٠٦ ٤٢").phone == PHONE
    assert submit(world["district"], phone="۰۷۰-۱۷۴ ۰۶ ۴۲", address="198.51.100.8").phone == PHONE


def test_a_district_without_a_relationship_violence_team_takes_no_request(world):
    without = factories.DistrictFactory(name="Stadsdel Utan")

    with pytest.raises(ValidationError) as raised:
        submit(without)

    assert raised.value.messages == [
        "Den här stadsdelen kan inte ta emot kontaktförfrågningar ännu."
    ]
    assert ContactRequest.objects.count() == 0


def test_three_requests_an_hour_from_one_address_and_then_none(world, monkeypatch):
    now = timezone.now()
    monkeypatch.setattr(services, "clock", lambda: now)
    for _ in range(3):
        submit(world["district"])

    with pytest.raises(RateLimited):
        submit(world["district"])
    # Another address is not held back by the first one's count.
    submit(world["district"], address="198.51.100.7")

    assert ContactRequest.objects.count() == 4
    assert AccessLogEntry.objects.count() == 4
    # An hour later the address may send again, until five in a day.
    monkeypatch.setattr(services, "clock", lambda: now + datetime.timedelta(minutes=61))
    submit(world["district"])
    submit(world["district"])
    with pytest.raises(RateLimited):
        submit(world["district"])
    assert ContactRequest.objects.count() == 6
    # A day after the first four, they are forgotten; the two of an hour later are not.
    monkeypatch.setattr(services, "clock", lambda: now + datetime.timedelta(hours=25))
    submit(world["district"])
    assert ContactRequest.objects.count() == 7
    assert ContactAttempt.objects.count() == 3


def test_a_flood_from_many_addresses_is_held_back_in_all(world, monkeypatch):
    monkeypatch.setattr(services, "ALL_PER_HOUR", 4)
    for number in range(4):
        submit(world["district"], address=f"203.0.113.{number}")

    with pytest.raises(RateLimited):
        submit(world["district"], address="203.0.113.99")
    assert ContactRequest.objects.count() == 4


def test_handling_records_the_outcome_and_erases_the_contact_details(world):
    request = submit(world["district"], interpreter="tigrinja")

    handled = contact_request_handle(
        actor=world["worker"], request=request, outcome="screening", version=1
    )

    stored = ContactRequest.objects.get()
    assert stored == handled
    assert (stored.outcome, stored.handled_by, stored.version) == (
        "screening",
        world["worker"],
        2,
    )
    assert stored.handled_at is not None
    assert (stored.call_name, stored.phone, stored.interpreter, stored.note) == ("", "", "", "")
    assert stored.times == ["morning", "afternoon"]
    change = AccessLogEntry.objects.order_by("seq").last()
    assert (change.kind, change.user_public_id, change.person_public_id) == (
        AccessKind.CHANGE,
        world["worker"].public_id,
        request.public_id,
    )


def test_a_request_is_handled_once(world):
    request = submit(world["district"])
    contact_request_handle(actor=world["worker"], request=request, outcome="advice", version=1)

    with pytest.raises(ValidationError) as raised:
        contact_request_handle(
            actor=world["manager"], request=request, outcome="not_reached", version=2
        )

    assert raised.value.messages == ["Förfrågan är redan hanterad."]
    stored = ContactRequest.objects.get()
    assert (stored.outcome, stored.handled_by) == ("advice", world["worker"])


def test_a_version_seen_before_another_change_is_refused(world):
    request = submit(world["district"])
    ContactRequest.objects.filter(pk=request.pk).update(version=2)

    with pytest.raises(ValidationError) as raised:
        contact_request_handle(actor=world["worker"], request=request, outcome="advice", version=1)

    assert "Någon annan ändrade förfrågan" in raised.value.messages[0]
    assert ContactRequest.objects.get().phone == PHONE


@pytest.mark.parametrize("who", ["other_worker", "ekb_worker", "owner", "analyst", "admin"])
def test_no_one_but_the_districts_team_handles_a_request(world, who):
    from django.http import Http404

    request = submit(world["district"])

    with pytest.raises(Http404):
        contact_request_handle(actor=world[who], request=request, outcome="advice", version=1)

    assert ContactRequest.objects.get().phone == PHONE


def test_the_database_refuses_a_handled_request_that_keeps_its_phone(world):
    request = submit(world["district"])

    with pytest.raises(IntegrityError), transaction.atomic():
        ContactRequest.objects.filter(pk=request.pk).update(
            handled_at=timezone.now(), handled_by=world["worker"], outcome="advice"
        )
