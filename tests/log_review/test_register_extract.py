import datetime

import pytest
from django.urls import reverse

from brytupp.audit import review
from brytupp.audit.models import AccessGround, AccessKind
from tests import factories

from .entries import STOCKHOLM, log_entry

pytestmark = pytest.mark.django_db


def test_the_extract_lists_exactly_the_persons_entries_in_order_of_time(
    worker, other_worker, administrator
):
    somebody = factories.person()
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

    assert [row.entry.seq for row in rows] == [e.seq for e in theirs]
    assert [row.entry.username for row in rows] == ["worker_rvt", "worker_other", "worker_rvt"]


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
    assert 'data-count="accesses">1<' in body
    assert "worker_rvt" in body


def test_the_log_links_a_person_to_their_extract_only_for_whom_may_print_it(
    client, worker, manager, administrator
):
    somebody = factories.person()
    log_entry(worker, person_public_id=somebody.public_id)
    link = reverse("log_review:register_extract", args=[somebody.public_id])

    factories.sign_in(client, administrator)
    for_administrator = client.get(reverse("log_review:search")).content.decode()
    factories.sign_in(client, manager)
    for_manager = client.get(reverse("log_review:search")).content.decode()

    assert f'href="{link}"' in for_administrator
    assert str(somebody.public_id)[:8] in for_manager
    assert link not in for_manager
