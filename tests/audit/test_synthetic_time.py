"""The demo dates the accesses it makes up (``chain.synthetic_time``, decision 0035): only
under the demo's settings, never after the database's clock, never before the last entry, so
the chain verifies as always."""

import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from brytupp.audit import chain
from brytupp.audit.models import AccessLogEntry

from .entries import log_views, worker

pytestmark = pytest.mark.django_db

A_WEEK_AGO = timezone.now() - datetime.timedelta(days=7)


def test_outside_the_demo_no_entry_can_be_dated(settings, rvt):
    settings.BRYTUPP_DEMO = False

    with pytest.raises(ImproperlyConfigured), chain.synthetic_time(A_WEEK_AGO):
        log_views(worker(rvt), 1)

    assert AccessLogEntry.objects.count() == 0


def test_the_demo_dates_its_entries_and_the_chain_verifies(settings, rvt):
    settings.BRYTUPP_DEMO = True
    actor = worker(rvt)

    with chain.synthetic_time(A_WEEK_AGO):
        log_views(actor, 2)
    with chain.synthetic_time(A_WEEK_AGO + datetime.timedelta(hours=3)):
        log_views(actor, 1)
    log_views(actor, 1)

    times = list(AccessLogEntry.objects.order_by("seq").values_list("at", flat=True))
    assert times[:3] == [A_WEEK_AGO, A_WEEK_AGO, A_WEEK_AGO + datetime.timedelta(hours=3)]
    assert times[3] > timezone.now() - datetime.timedelta(minutes=5)
    report = chain.chain_verify()
    assert (report.entries, report.broken) == (4, None)


def test_a_date_before_the_last_entry_or_in_the_future_is_not_taken(settings, rvt):
    settings.BRYTUPP_DEMO = True
    actor = worker(rvt)
    with chain.synthetic_time(A_WEEK_AGO):
        log_views(actor, 1)

    with chain.synthetic_time(A_WEEK_AGO - datetime.timedelta(days=1)):
        log_views(actor, 1)
    with chain.synthetic_time(timezone.now() + datetime.timedelta(days=1)):
        log_views(actor, 1)

    first, earlier, later = AccessLogEntry.objects.order_by("seq").values_list("at", flat=True)
    assert earlier == first == A_WEEK_AGO
    assert A_WEEK_AGO < later <= timezone.now()
    assert chain.chain_verify().broken is None
