"""Refused requests to a case are logged (issue 10, finding 7): an insider in another
district's unit trying six URLs of a case they have no part in leaves six refused entries
naming the case and its person, nothing else; the 404 is the same whether the case exists;
the lead unit's manager sees the attempts flagged, repeated ones as such."""

import re
import uuid

import pytest
from django.urls import reverse

from brytupp.audit import review
from brytupp.audit.models import AccessLogEntry
from tests import factories

from .holding import holding_world

pytestmark = pytest.mark.django_db

CSRF_TOKEN = re.compile(rb"[A-Za-z0-9]{64}")


@pytest.fixture
def world(district, rvt):
    return holding_world(district, rvt)


def _attempts(case_id):
    return [
        ("get", reverse("cases:detail", args=[case_id])),
        ("get", reverse("cases:account", args=[case_id])),
        ("get", reverse("cases:address", args=[case_id])),
        ("get", reverse("cases:meeting_add", args=[case_id])),
        ("post", reverse("cases:identity_reveal", args=[case_id])),
        ("post", reverse("cases:close", args=[case_id])),
    ]


def _refused_by(user):
    return list(
        AccessLogEntry.objects.filter(user_public_id=user.public_id)
        .order_by("seq")
        .values_list("kind", "ground", "outcome", "case_public_id", "person_public_id")
    )


def test_six_refused_attempts_leave_six_refused_entries(client, world):
    insider, case = world["insider"], world["case"]
    factories.sign_in(client, insider)

    statuses = [
        getattr(client, method)(url).status_code for method, url in _attempts(case.public_id)
    ]

    assert statuses == [404] * 6
    person_id = world["person"].public_id
    assert _refused_by(insider) == [
        *[("view", "refused", "refused", case.public_id, person_id)] * 4,
        *[("change", "refused", "refused", case.public_id, person_id)] * 2,
    ]
    entry = AccessLogEntry.objects.filter(user_public_id=insider.public_id).first()
    assert (entry.unit_code, entry.role) == (
        insider.memberships.get().unit.code,
        "handlaggare",
    )


def test_a_made_up_case_id_is_logged_without_a_person(client, world):
    factories.sign_in(client, world["insider"])
    made_up = uuid.uuid4()

    response = client.get(reverse("cases:detail", args=[made_up]))

    assert response.status_code == 404
    assert _refused_by(world["insider"]) == [("view", "refused", "refused", made_up, None)]


def test_a_rule_refusing_the_page_is_logged_too(client, world):
    """An analyst has no case pages at all: the page's rule refuses before any case is read."""
    analyst = factories.staff("analytiker", world["case"].lead_unit, username="analyst")
    factories.sign_in(client, analyst)

    response = client.get(reverse("cases:detail", args=[world["case"].public_id]))

    assert response.status_code == 404
    assert _refused_by(analyst) == [
        ("view", "refused", "refused", world["case"].public_id, world["person"].public_id)
    ]


def _normalised(content: bytes, case_id) -> bytes:
    """Django masks the CSRF token afresh on every page, and the language form returns to the
    page's own URL: two renders differ there and nowhere else."""
    return CSRF_TOKEN.sub(b"CSRF", content.replace(str(case_id).encode(), b"CASE"))


def test_the_404_of_an_existing_case_equals_that_of_a_made_up_id(client, world):
    factories.sign_in(client, world["insider"])
    case_id = world["case"].public_id

    for method, url in _attempts(case_id):
        made_up_id = uuid.uuid4()
        made_up_url = url.replace(str(case_id), str(made_up_id))
        existing = getattr(client, method)(url)
        made_up = getattr(client, method)(made_up_url)

        assert existing.status_code == made_up.status_code == 404
        assert _normalised(existing.content, case_id) == _normalised(made_up.content, made_up_id)
        assert CSRF_TOKEN.search(existing.content)  # the masks were the only difference
        assert "Hållensson" not in existing.content.decode()


def test_a_signed_out_visitor_is_sent_to_sign_in_and_not_logged(client, world):
    response = client.get(reverse("cases:detail", args=[world["case"].public_id]))

    assert response.status_code == 302
    assert not AccessLogEntry.objects.filter(outcome="refused").exists()


def test_an_allowed_page_writes_no_refused_entry(client, world):
    factories.sign_in(client, world["lead_worker"])

    response = client.get(reverse("cases:detail", args=[world["case"].public_id]))

    assert response.status_code == 200
    assert not AccessLogEntry.objects.filter(outcome="refused").exists()


def test_the_lead_manager_sees_the_refusals_flagged_repeated_from_the_third(client, world):
    factories.sign_in(client, world["insider"])
    for method, url in _attempts(world["case"].public_id)[:2]:
        getattr(client, method)(url)

    def flags():
        page = review.log_search(actor=world["lead_manager"], user="insider")
        return [sorted(set(row.flags) - {"off_hours"}) for row in reversed(page.object_list)]

    assert flags() == [["other_unit", "refused"]] * 2

    method, url = _attempts(world["case"].public_id)[2]
    getattr(client, method)(url)

    assert flags() == [["other_unit", "refused", "refused_repeatedly"]] * 3

    factories.sign_in(client, world["lead_manager"])
    page = client.get(reverse("log_review:search")).content.decode()
    assert page.count('data-flag="refused_repeatedly"') == 3
    assert page.count('data-flag="other_unit"') == 3


def test_an_unrelated_manager_does_not_see_the_refusals(client, world):
    factories.sign_in(client, world["insider"])
    for method, url in _attempts(world["case"].public_id):
        getattr(client, method)(url)

    assert review.log_search(actor=world["unrelated_manager"], user="insider").object_list == []
