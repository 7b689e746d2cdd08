import datetime

import pytest
from django.urls import reverse

from brytupp.audit import review
from brytupp.audit.models import AccessGround
from tests import factories

from .entries import STOCKHOLM, log_entry, log_many

pytestmark = pytest.mark.django_db
NOVEMBER = datetime.date(2026, 11, 1)


def _november(worker, unflagged: int):
    at = datetime.datetime(2026, 11, 11, 10, 0, tzinfo=STOCKHOLM)
    plain = log_many(worker, unflagged, at=at)
    flagged = [log_entry(worker, at=at, ground=AccessGround.EMERGENCY) for _ in range(2)]
    # Outside the month, flagged or not: never on the list.
    log_entry(
        worker,
        at=datetime.datetime(2026, 10, 31, 23, 30, tzinfo=STOCKHOLM),
        ground=AccessGround.EMERGENCY,
    )
    log_many(worker, 3, at=datetime.datetime(2026, 12, 1, 10, 0, tzinfo=STOCKHOLM))
    return plain, flagged


def _seqs(rows):
    return [row.entry.seq for row in rows]


def test_the_list_holds_every_flagged_entry_and_20_unflagged(worker, manager):
    plain, flagged = _november(worker, 30)

    monthly = review.log_review_month(actor=manager, month=NOVEMBER)

    assert _seqs(monthly.flagged) == [e.seq for e in flagged]
    assert len(monthly.sample) == 20
    assert set(_seqs(monthly.sample)) <= {e.seq for e in plain}
    assert (monthly.reviewed, monthly.unreviewed) == (0, 22)


def test_fewer_unflagged_entries_than_the_sample_are_all_listed(worker, manager):
    plain, _ = _november(worker, 7)

    monthly = review.log_review_month(actor=manager, month=NOVEMBER)

    assert sorted(_seqs(monthly.sample)) == [e.seq for e in plain]


def test_the_sample_is_the_same_each_time_for_the_same_reviewer_and_month(rvt, worker, manager):
    _november(worker, 60)
    other_manager = factories.staff("enhetschef", rvt)

    first = _seqs(review.log_review_month(actor=manager, month=NOVEMBER).sample)
    again = _seqs(review.log_review_month(actor=manager, month=datetime.date(2026, 11, 17)).sample)
    other = _seqs(review.log_review_month(actor=other_manager, month=NOVEMBER).sample)

    assert first == again
    # Another seed draws another sample (60 entries: the chance of the same 20 is nil).
    assert sorted(first) != sorted(other)


def test_counts_follow_the_reviews(worker, manager):
    plain, flagged = _november(worker, 30)
    monthly = review.log_review_month(actor=manager, month=NOVEMBER)
    review.log_entry_review(actor=manager, entry=monthly.flagged[0].entry, comment="")
    review.log_entry_review(actor=manager, entry=monthly.sample[0].entry, comment="")

    monthly = review.log_review_month(actor=manager, month=NOVEMBER)

    assert (monthly.reviewed, monthly.unreviewed) == (2, 20)


def test_the_month_page_shows_the_counts(client, worker, manager):
    _november(worker, 30)
    factories.sign_in(client, manager)

    response = client.get(reverse("log_review:month"), {"month": "2026-11"})

    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-count="reviewed">0<' in body
    assert 'data-count="unreviewed">22<' in body
    assert body.count('data-flag="emergency"') == 2


def test_the_month_list_is_scoped_to_the_managers_units(other_worker, manager):
    _november(other_worker, 30)

    monthly = review.log_review_month(actor=manager, month=NOVEMBER)

    assert (monthly.flagged, monthly.sample) == ([], [])


@pytest.mark.parametrize(("count", "flagged"), [(200, 0), (201, 201)])
def test_a_busy_day_flags_all_its_entries_in_the_month_list(
    worker, other_worker, manager, count, flagged
):
    # 00:30 in Stockholm is still 23:30 UTC the day before: the local day decides.
    at = datetime.datetime(2026, 11, 12, 0, 30, tzinfo=STOCKHOLM)
    busy = log_many(worker, count, at=at)
    log_many(worker, 5, at=at - datetime.timedelta(hours=1))  # the day before
    log_many(other_worker, 5, at=at)  # another user

    monthly = review.log_review_month(actor=manager, month=NOVEMBER)

    volume = [row.entry.seq for row in monthly.flagged if "volume" in row.flags]
    assert volume == ([e.seq for e in busy] if flagged else [])
    assert len(volume) == flagged
