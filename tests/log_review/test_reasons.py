"""The reasons given for a reveal or an emergency access in log review (issue 10, finding 6):
the text for the case's lead unit's manager and the system administrator; that a reason was
given, not what it says, for any other reviewer of the entry; nothing for anyone else."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from brytupp.access.models import EmergencyAccess
from brytupp.audit import review
from brytupp.audit.models import AccessLogEntry
from brytupp.people.models import IdentityReveal
from tests import factories

from .holding import holding_world

pytestmark = pytest.mark.django_db

REVEAL_REASON = "Behöver ringa personen om mötet i morgon"
EMERGENCY_REASON = "Polisen ringer om akut skydd i natt"
WITHHELD = "data-reason-withheld"


@pytest.fixture(autouse=True)
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def world(district, rvt, client):
    world = holding_world(district, rvt)
    consenting_unit = world["consenting_manager"].memberships.get().unit
    jour = factories.UnitFactory(district=None, kind="socialjour", name="Socialjouren Test")
    world.update(
        consenting_worker=factories.staff("handlaggare", consenting_unit, username="bou_worker"),
        jour_worker=factories.staff("handlaggare", jour, username="jour_worker"),
        jour_manager=factories.staff("enhetschef", jour, username="jour_manager"),
    )
    case_id = world["case"].public_id
    factories.sign_in(client, world["consenting_worker"])
    revealed = client.post(
        reverse("cases:identity_reveal", args=[case_id]), {"reason": REVEAL_REASON}
    )
    factories.sign_in(client, world["jour_worker"])
    granted = client.post(reverse("emergency_grant", args=[case_id]), {"reason": EMERGENCY_REASON})
    assert (revealed.status_code, granted.status_code) == (200, 302)
    client.logout()
    return world


def test_each_reason_is_linked_to_the_entry_written_with_it(world):
    reveal_entry = AccessLogEntry.objects.get(kind="reveal")
    grant_entry = AccessLogEntry.objects.get(ground="emergency")

    assert IdentityReveal.objects.get().access_log_seq == reveal_entry.seq
    assert EmergencyAccess.objects.get().access_log_seq == grant_entry.seq


def _page(client, user) -> str:
    factories.sign_in(client, user)
    response = client.get(reverse("log_review:search"))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("reviewer", ["lead_manager", "administrator"])
def test_the_lead_units_manager_and_the_administrator_read_both_reasons(client, world, reviewer):
    page = _page(client, world[reviewer])

    assert page.count("data-reason>") == 2
    assert REVEAL_REASON in page and EMERGENCY_REASON in page
    assert WITHHELD not in page


def test_the_revealing_units_own_manager_sees_that_a_reason_was_given_not_its_text(client, world):
    page = _page(client, world["consenting_manager"])

    assert "bou_worker" in page and "jour_worker" in page  # both entries are in scope
    assert page.count(WITHHELD) == 2
    assert REVEAL_REASON not in page and EMERGENCY_REASON not in page


def test_socialjourens_manager_sees_that_a_reason_was_given_not_its_text(client, world):
    page = _page(client, world["jour_manager"])

    assert "jour_worker" in page and "bou_worker" not in page
    assert page.count(WITHHELD) == 1
    assert EMERGENCY_REASON not in page


def test_an_unrelated_manager_sees_neither_entry_nor_reason(client, world):
    page = _page(client, world["unrelated_manager"])

    assert "bou_worker" not in page and "jour_worker" not in page
    assert REVEAL_REASON not in page and EMERGENCY_REASON not in page and WITHHELD not in page


@pytest.mark.parametrize("who", ["consenting_worker", "jour_worker", "insider"])
def test_case_workers_have_no_log_review_and_see_no_reason(client, world, who):
    factories.sign_in(client, world[who])

    response = client.get(reverse("log_review:search"))

    assert response.status_code == 404
    body = response.content.decode()
    assert REVEAL_REASON not in body and EMERGENCY_REASON not in body


def test_the_monthly_review_carries_the_reason_too(world):
    entry = AccessLogEntry.objects.get(kind="reveal")
    month = entry.at.date().replace(day=1)

    flagged = review.log_review_month(actor=world["lead_manager"], month=month).flagged
    own_manager = review.log_review_month(actor=world["consenting_manager"], month=month).flagged

    assert [row.reason for row in flagged if row.entry.seq == entry.seq] == [REVEAL_REASON]
    assert [(row.reason, row.has_reason) for row in own_manager if row.entry.seq == entry.seq] == [
        (None, True)
    ]


def test_no_reason_is_in_a_log_line(world, caplog):
    """Log lines (Django's request log included) carry no reason."""
    assert REVEAL_REASON not in caplog.text and EMERGENCY_REASON not in caplog.text
