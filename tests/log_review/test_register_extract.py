import datetime

import pytest
from django.conf import settings
from django.urls import reverse

from brytupp.audit import review
from brytupp.audit.models import AccessGround, AccessKind, AccessLogEntry
from tests import factories

from .entries import STOCKHOLM, log_entry

pytestmark = pytest.mark.django_db


def test_the_extract_lists_exactly_the_persons_entries_in_order_of_time(
    worker, other_worker, administrator
):
    somebody = factories.person()
    # Registering the person is the first entry about them, written now (after November).
    registered = AccessLogEntry.objects.get(person_public_id=somebody.public_id)
    times = [datetime.datetime(2026, 11, day, 9, 0, tzinfo=STOCKHOLM) for day in (3, 5, 9)]
    theirs = [
        log_entry(worker, at=times[0], person_public_id=somebody.public_id),
        log_entry(
            other_worker,
            at=times[1],
            person_public_id=somebody.public_id,
            kind=AccessKind.REVEAL,
            ground=AccessGround.EMERGENCY,
        ),
        log_entry(worker, at=times[2], person_public_id=somebody.public_id),
    ]
    log_entry(worker, at=times[1])  # someone else

    rows = review.register_extract(actor=administrator, person_id=somebody.public_id)

    assert [row.entry.seq for row in rows] == [e.seq for e in theirs] + [registered.seq]
    assert [row.entry.username for row in rows][:3] == ["worker_rvt", "worker_other", "worker_rvt"]
    assert (rows[3].entry.kind, rows[3].entry.ground) == (AccessKind.CHANGE, AccessGround.SYSTEM)


def test_the_extract_page_names_no_one_but_the_staff(client, worker, administrator):
    somebody = factories.person(first_name="Synnöve", last_name="Hemligsson")
    entry = log_entry(worker, person_public_id=somebody.public_id)
    other = log_entry(worker)
    factories.sign_in(client, administrator)

    response = client.get(reverse("log_review:register_extract", args=[somebody.public_id]))

    body = response.content.decode()
    assert response.status_code == 200
    assert "Hemligsson" not in body and "Synnöve" not in body
    assert str(somebody.public_id) in body
    assert f'data-seq="{entry.seq}"' in body
    assert f'data-seq="{other.seq}"' not in body
    assert 'data-count="accesses">2<' in body  # the entry and the person's registration
    assert "worker_rvt" in body


def test_the_log_links_a_person_to_their_extract_only_for_whom_may_print_it(
    client, worker, manager, administrator
):
    somebody = factories.person()
    log_entry(worker, person_public_id=somebody.public_id)
    # The link goes through the check of decision 0023: for an unprotected person it leads
    # straight on to the extract (test_register_extract_four_eyes.py).
    link = reverse("log_review:register_extract_open", args=[somebody.public_id])

    factories.sign_in(client, administrator)
    for_administrator = client.get(reverse("log_review:search")).content.decode()
    factories.sign_in(client, manager)
    for_manager = client.get(reverse("log_review:search")).content.decode()

    assert f'href="{link}"' in for_administrator
    assert str(somebody.public_id)[:8] in for_manager
    assert link not in for_manager


FIND = reverse("log_review:register_extract_find")
NUMBER = "201701012393"  # Skatteverket's test number


def _registered():
    return factories.person(identity_number=NUMBER, birth_date=datetime.date(2017, 1, 1))


def test_the_administrator_finds_the_extract_by_identity_number_through_a_post(
    client, administrator
):
    somebody = _registered()
    factories.sign_in(client, administrator)

    response = client.post(FIND, {"identity_number": "20170101-2393"})

    assert response.status_code == 302
    assert response["Location"] == reverse("log_review:register_extract", args=[somebody.public_id])
    found = AccessLogEntry.objects.filter(
        person_public_id=somebody.public_id, kind=AccessKind.SEARCH_HIT
    ).get()
    assert (found.kind, found.ground, found.user_public_id) == (
        AccessKind.SEARCH_HIT,
        AccessGround.OVERSIGHT,
        administrator.public_id,
    )


def test_a_number_of_no_one_is_a_clear_message_and_logs_nothing(client, administrator):
    factories.sign_in(client, administrator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.post(FIND, {"identity_number": "191212121212"})

    assert response.status_code == 200
    assert "No person with this number is registered." in response.content.decode()
    assert not AccessLogEntry.objects.filter(kind=AccessKind.SEARCH_HIT).exists()


def test_a_unit_manager_cannot_look_a_person_up(client, manager):
    _registered()
    factories.sign_in(client, manager)

    response = client.post(FIND, {"identity_number": NUMBER})

    assert response.status_code == 404
    assert NUMBER[2:8].encode() not in response.content
    assert not AccessLogEntry.objects.filter(kind=AccessKind.SEARCH_HIT).exists()
