import uuid

import pytest
from django.urls import reverse

from brytupp.audit import review
from brytupp.audit.models import LogReview
from tests import factories

from .entries import log_entry

pytestmark = pytest.mark.django_db


def _seqs(page):
    return sorted(row.entry.seq for row in page.object_list)


def test_a_unit_manager_sees_only_their_units_entries(worker, other_worker, manager):
    own = log_entry(worker)
    log_entry(other_worker)

    assert _seqs(review.log_search(actor=manager)) == [own.seq]


def test_a_system_administrator_sees_every_entry(worker, other_worker, administrator):
    entries = [log_entry(worker), log_entry(other_worker)]

    assert _seqs(review.log_search(actor=administrator)) == [e.seq for e in entries]


def test_a_manager_only_in_the_past_sees_nothing(rvt, worker):
    former = factories.staff("enhetschef", rvt)
    former.memberships.update(valid_to="2000-01-01", valid_from="1999-01-01")
    log_entry(worker)

    assert _seqs(review.log_search(actor=former)) == []


def test_the_search_page_lists_the_managers_entries_only(client, worker, other_worker, manager):
    log_entry(worker)
    log_entry(other_worker)
    factories.sign_in(client, manager)

    response = client.get(reverse("log_review:search"))

    assert response.status_code == 200
    body = response.content.decode()
    assert "worker_rvt" in body
    assert "worker_other" not in body


def _pages(entry_seq):
    return {
        "search": ("get", reverse("log_review:search")),
        "month": ("get", reverse("log_review:month") + "?month=2026-11"),
        "extract": ("get", reverse("log_review:register_extract", args=[uuid.uuid4()])),
        "mark": ("post", reverse("log_review:mark", args=[entry_seq])),
    }


@pytest.mark.parametrize("role", ["handlaggare", "analytiker", "implementerare"])
@pytest.mark.parametrize("page", ["search", "month", "extract", "mark"])
def test_other_roles_get_404_on_every_page(client, rvt, worker, role, page):
    entry = log_entry(worker)
    factories.sign_in(client, factories.staff(role, rvt, username="outsider"))
    method, url = _pages(entry.seq)[page]

    response = getattr(client, method)(url)

    assert response.status_code == 404
    assert "worker_rvt" not in response.content.decode()
    assert LogReview.objects.count() == 0


def test_a_unit_manager_gets_404_on_the_register_extract(client, manager):
    factories.sign_in(client, manager)

    response = client.get(reverse("log_review:register_extract", args=[uuid.uuid4()]))

    assert response.status_code == 404


def test_the_navigation_offers_log_review_to_managers_and_administrators(
    client, rvt, manager, administrator, worker
):
    from brytupp.web.context import navigation_for

    url = reverse("log_review:search")
    assert url in [item["url"] for item in navigation_for(manager)]
    assert url in [item["url"] for item in navigation_for(administrator)]
    assert url not in [item["url"] for item in navigation_for(worker)]
