"""The demo's access log (issue 13, decision 0035): the generator's history dated before the
months reviewed, then a month of work; a review list of a real month's size, with reasons to
read. Sizes are asserted as the range a month of review should fall in, not as exact figures:
they follow every draw of the generator, whose plan another change may redraw."""

import datetime

import pytest

from brytupp.access.models import EmergencyAccess
from brytupp.audit import review
from brytupp.audit.chain import chain_verify
from brytupp.audit.models import AccessKind, AccessLogEntry, AccessOutcome
from brytupp.contact.models import ContactRequest
from brytupp.demo.access_month import LOCAL_TZ, PeriodOfWork, history_entered_at
from brytupp.organisation.models import User
from brytupp.people.models import IdentityReveal

from .conftest import TODAY

# One worker reads the demo the package generates once (``--dist loadgroup``).
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo")]

LAST_MONTH = datetime.date(2026, 2, 1)


def test_the_history_is_dated_before_last_month_and_the_work_after(demo):
    entered = history_entered_at(TODAY)
    period = PeriodOfWork.before(TODAY)
    first_work = datetime.datetime.combine(period.first, datetime.time(), tzinfo=LOCAL_TZ)

    assert entered == datetime.datetime(2026, 1, 30, 10, tzinfo=LOCAL_TZ)  # a Friday
    assert (period.first, period.last) == (LAST_MONTH, datetime.date(2026, 3, 14))
    history = AccessLogEntry.objects.filter(at__lt=first_work)
    assert set(history.values_list("at", flat=True)) == {entered}
    work = AccessLogEntry.objects.filter(at__gte=first_work)
    # Today's entries are the contact requests of the night and the one handled this morning.
    today = work.filter(at__gte=datetime.datetime(2026, 3, 15, tzinfo=LOCAL_TZ))
    requests = ContactRequest.objects.values_list("public_id", flat=True)
    assert today.count() == today.filter(person_public_id__in=requests).count() == 6
    assert 3000 < work.filter(at__lt=datetime.datetime(2026, 3, 1, tzinfo=LOCAL_TZ)).count() < 6000


def test_the_log_still_verifies(demo):
    report = chain_verify()

    assert report.broken is None
    assert report.entries == AccessLogEntry.objects.count()


def test_reveals_and_emergency_accesses_carry_their_reason_and_their_time(demo):
    reveals = list(IdentityReveal.objects.all())
    grants = list(EmergencyAccess.objects.all())

    # Four at night last month, and last night's, under which Socialjouren decided.
    assert len(reveals) >= 4 and len(grants) == 5
    for reveal in reveals:
        entry = AccessLogEntry.objects.get(seq=reveal.access_log_seq)
        assert (entry.kind, entry.at) == (AccessKind.REVEAL, reveal.at)
    for grant in grants:
        entry = AccessLogEntry.objects.get(seq=grant.access_log_seq)
        assert (entry.ground, entry.at) == ("emergency", grant.granted_at)
        # Last night's, under which Socialjouren decided, expires this morning.
        assert grant.expires_at < datetime.datetime(2026, 3, 15, 12, tzinfo=LOCAL_TZ)
        local = grant.granted_at.astimezone(LOCAL_TZ)
        assert local.hour >= 22 or local.hour < 2


def test_the_unit_managers_review_list_of_last_month_is_a_months_size(demo):
    manager = User.objects.get(username="farsta.chef")

    monthly = review.log_review_month(actor=manager, month=LAST_MONTH)

    assert 20 <= len(monthly.flagged) <= 80
    assert len(monthly.sample) == review.MONTHLY_SAMPLE
    flags = {flag for row in monthly.flagged for flag in row.flags}
    assert {"protected_person", "other_unit", "refused", "refused_repeatedly"} <= flags
    # Farsta leads the case of the reveals and an emergency access: its manager reads why.
    reasons = [row.reason for row in monthly.flagged if row.reason]
    assert len(reasons) >= 2
    refused = [row for row in monthly.flagged if row.entry.outcome == AccessOutcome.REFUSED]
    assert len(refused) == 3 and all("other_unit" in row.flags for row in refused)


def test_the_administrators_review_list_of_last_month_is_a_months_size(demo):
    administrator = User.objects.get(username="stad.forvaltare")

    monthly = review.log_review_month(actor=administrator, month=LAST_MONTH)

    assert 100 <= len(monthly.flagged) <= 400
    assert sum(row.has_reason for row in monthly.flagged) >= 4
