import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse

from brytupp.audit import review
from brytupp.audit.models import AccessLogEntry, LogReview
from tests import factories

from .entries import log_entry

pytestmark = pytest.mark.django_db


def test_marking_an_entry_reviewed_writes_a_review_and_leaves_the_entry_alone(
    client, worker, manager
):
    entry = log_entry(worker)
    before = AccessLogEntry.objects.values().get(pk=entry.pk)
    factories.sign_in(client, manager)

    response = client.post(
        reverse("log_review:mark", args=[entry.seq]),
        {"comment": " Checked with the worker ", "next": reverse("log_review:search")},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("log_review:search")
    review_row = LogReview.objects.get()
    assert (review_row.entry_id, review_row.reviewer_id, review_row.comment) == (
        entry.pk,
        manager.pk,
        "Checked with the worker",
    )
    assert AccessLogEntry.objects.values().get(pk=entry.pk) == before
    [row] = review.log_search(actor=manager).object_list
    assert row.entry.is_reviewed is True


def test_the_comment_is_optional(worker, manager):
    entry = log_entry(worker)

    review.log_entry_review(actor=manager, entry=entry, comment="")

    assert LogReview.objects.get().comment == ""


def test_a_second_review_is_refused_with_a_message(client, worker, manager, administrator):
    entry = log_entry(worker)
    review.log_entry_review(actor=manager, entry=entry, comment="first")
    factories.sign_in(client, administrator)

    response = client.post(
        reverse("log_review:mark", args=[entry.seq]), {"comment": "x"}, follow=True
    )

    assert "Posten är redan granskad." in response.content.decode()
    assert list(LogReview.objects.values_list("reviewer_id", "comment")) == [(manager.pk, "first")]


def test_the_service_refuses_a_second_review(worker, manager):
    entry = log_entry(worker)
    review.log_entry_review(actor=manager, entry=entry, comment="")

    with pytest.raises(ValidationError):
        review.log_entry_review(actor=manager, entry=entry, comment="again")
    assert LogReview.objects.count() == 1


def test_an_entry_outside_the_managers_units_is_refused(client, other_worker, manager):
    entry = log_entry(other_worker)
    factories.sign_in(client, manager)

    response = client.post(reverse("log_review:mark", args=[entry.seq]))

    assert response.status_code == 404
    with pytest.raises(Http404):
        review.log_entry_review(actor=manager, entry=entry, comment="")
    assert LogReview.objects.count() == 0


def test_an_unsafe_next_address_is_not_followed(client, worker, manager):
    entry = log_entry(worker)
    factories.sign_in(client, manager)

    response = client.post(
        reverse("log_review:mark", args=[entry.seq]), {"next": "https://evil.example/"}
    )

    assert response["Location"] == reverse("log_review:search")


def test_unreviewed_only_leaves_out_reviewed_entries(worker, manager):
    reviewed, open_ = log_entry(worker), log_entry(worker)
    review.log_entry_review(actor=manager, entry=reviewed, comment="")

    page = review.log_search(actor=manager, unreviewed_only=True)

    assert [row.entry.seq for row in page.object_list] == [open_.seq]
