"""The demo's contact requests (decision 0054): three waiting for Farsta's RVT, one for
Södermalm's, and one Farsta handled; each team sees its own and no one else any."""

import pytest

from brytupp.access import policies
from brytupp.contact.models import ContactRequest
from brytupp.contact.selectors import contact_requests_open_count
from brytupp.organisation.models import User

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo")]


def waiting_for(username: str) -> int:
    return contact_requests_open_count(actor=User.objects.get(username=username))


def test_each_rvt_sees_its_own_districts_requests_waiting(demo):
    assert waiting_for("farsta.rvt") == 3
    assert waiting_for("farsta.chef") == 3
    assert waiting_for("sodermalm.rvt") == 1
    for username in ("farsta.ekb", "farsta.bou", "farsta.process", "stad.analytiker"):
        user = User.objects.get(username=username)
        assert not policies.contact_requests.allows(user), username
        assert waiting_for(username) == 0


def test_the_handled_request_keeps_its_outcome_and_no_contact_details(demo):
    handled = ContactRequest.objects.get(handled_at__isnull=False)

    assert (handled.district.code, handled.outcome, handled.handled_by.username) == (
        "farsta",
        "advice",
        "farsta.chef",
    )
    assert (handled.phone, handled.call_name, handled.interpreter) == ("", "", "")
    # Every phone number in the demo is from the range kept for fiction.
    phones = ContactRequest.objects.exclude(phone="").values_list("phone", flat=True)
    assert sorted(phones) == ["070-174 06 11", "070-174 06 12", "070-174 06 13", "070-174 06 14"]
