"""Registering a person writes a ``change`` entry on them in the access log (issue 10,
finding 9): before opening a case on the ground *case opening*, by a system job on the ground
*system*. The entry holds no personal data. Every name is made up."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from brytupp.audit.models import AccessGround, AccessKind, AccessLogEntry
from brytupp.people.models import Person
from brytupp.people.services import person_register
from tests import factories

pytestmark = pytest.mark.django_db


def test_registering_before_opening_a_case_is_logged_with_its_ground(client, rvt):
    worker = factories.staff("handlaggare", rvt)
    factories.sign_in(client, worker)

    response = client.post(
        reverse("cases:open"),
        {
            "step": "register",
            "first_name": "Prova",
            "last_name": "Påhittadotter",
            "birth_date": "",
            "gender": "female",
            "identity_number": "20170101-2393",
            "protected_identity": "none",
        },
    )

    person = Person.objects.get(first_name="Prova")
    entries = list(
        AccessLogEntry.objects.filter(request_id=response["X-Request-Id"], kind="change").values()
    )
    assert [
        (
            e["person_public_id"],
            e["case_public_id"],
            e["ground"],
            e["user_public_id"],
            e["unit_code"],
        )
        for e in entries
    ] == [(person.public_id, None, AccessGround.CASE_OPENING, worker.public_id, rvt.code)]
    # The whole number in each of its forms: its last four digits alone turn up by chance in
    # the entry's hashes and public ids (one run in a few hundred).
    personal = ("Prova", "Påhittadotter", "20170101-2393", "201701012393", "170101-2393")
    assert not any(value in repr(entries) for value in personal)


def test_a_registration_without_an_actor_is_logged_as_a_system_job():
    person = person_register(
        actor=None,
        first_name="Systema",
        last_name="Jobbsson",
        birth_date=datetime.date(1980, 1, 2),
        gender="male",
    )

    entry = AccessLogEntry.objects.get(person_public_id=person.public_id)
    assert (
        entry.kind,
        entry.ground,
        entry.user_public_id,
        entry.unit_code,
        entry.case_public_id,
    ) == (
        AccessKind.CHANGE,
        AccessGround.SYSTEM,
        None,
        "",
        None,
    )


def test_a_refused_registration_leaves_no_entry():
    person_register(
        actor=None, first_name="Första", last_name="Dubbel", birth_date=datetime.date(1980, 1, 2)
    )
    count = AccessLogEntry.objects.count()

    with pytest.raises(ValidationError):
        person_register(
            actor=None,
            first_name="Första",
            last_name="Dubbel",
            birth_date=datetime.date(1980, 1, 2),
        )

    assert AccessLogEntry.objects.count() == count


def _entries_on(person):
    return [
        (e.kind, e.ground, e.user_public_id, e.unit_code, e.case_public_id)
        for e in AccessLogEntry.objects.filter(person_public_id=person.public_id)
    ]


def test_a_registration_by_a_user_writes_one_change_entry_naming_them(rvt):
    worker = factories.staff("handlaggare", rvt)

    person = person_register(
        actor=worker,
        first_name="Anna",
        last_name="Påhittad",
        birth_date=datetime.date(1990, 3, 4),
    )

    assert _entries_on(person) == [
        (AccessKind.CHANGE, AccessGround.CASE_OPENING, worker.public_id, rvt.code, None)
    ]


def test_a_child_registered_in_a_case_is_logged_on_the_case_as_the_lead_unit(rvt):
    worker = factories.staff("handlaggare", rvt)
    case = factories.case(unit=rvt)

    child = person_register(
        actor=worker,
        first_name="Barna",
        last_name="Påhittad",
        birth_date=datetime.date(2018, 5, 6),
        guardian=case.person,
        case=case,
    )

    assert _entries_on(child) == [
        (AccessKind.CHANGE, AccessGround.OWN_UNIT, worker.public_id, rvt.code, case.public_id)
    ]
