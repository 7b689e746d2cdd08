import datetime

import pytest
from django.urls import reverse

from brytupp.audit import review
from tests import factories

from .entries import STOCKHOLM, log_entry, log_many

pytestmark = pytest.mark.django_db


def _seqs(page):
    return [row.entry.seq for row in page.object_list]


def test_filter_by_user_person_and_case(rvt, worker, manager):
    colleague = factories.staff("handlaggare", rvt, username="colleague")
    mine = log_entry(worker)
    theirs = log_entry(colleague)

    assert _seqs(review.log_search(actor=manager, user="colleague")) == [theirs.seq]
    assert _seqs(review.log_search(actor=manager, person=mine.person_public_id)) == [mine.seq]
    assert _seqs(review.log_search(actor=manager, case=theirs.case_public_id)) == [theirs.seq]


def test_filter_by_local_dates(worker, manager):
    # 23:30 on 10 November in Stockholm is 22:30 UTC: it belongs to the 10th.
    late = log_entry(worker, at=datetime.datetime(2026, 11, 10, 23, 30, tzinfo=STOCKHOLM))
    next_day = log_entry(worker, at=datetime.datetime(2026, 11, 11, 0, 30, tzinfo=STOCKHOLM))
    day = datetime.date(2026, 11, 10)

    assert _seqs(review.log_search(actor=manager, date_from=day, date_to=day)) == [late.seq]
    assert _seqs(review.log_search(actor=manager, date_from=day + datetime.timedelta(days=1))) == [
        next_day.seq
    ]


def test_pages_hold_25_rows_newest_first(worker, manager):
    entries = log_many(worker, 30)

    first = review.log_search(actor=manager)
    second = review.log_search(actor=manager, page_number=2)

    assert _seqs(first) == [e.seq for e in reversed(entries)][:25]
    assert _seqs(second) == [e.seq for e in reversed(entries)][25:]


def test_the_page_shows_short_opaque_ids_and_no_names(client, worker, manager):
    somebody = factories.person(first_name="Synnöve", last_name="Hemligsson")
    entry = log_entry(worker, person_public_id=somebody.public_id)
    factories.sign_in(client, manager)

    body = client.get(
        reverse("log_review:search"), {"person": str(somebody.public_id)}
    ).content.decode()

    assert str(somebody.public_id)[:8] in body
    assert str(entry.case_public_id)[:8] in body
    assert str(entry.case_public_id) not in body
    assert "Hemligsson" not in body and "Synnöve" not in body


def test_a_bad_filter_shows_the_form_error(client, manager):
    factories.sign_in(client, manager)

    response = client.get(reverse("log_review:search"), {"person": "not-a-uuid"})

    assert response.status_code == 200
