"""The threat-person rule as a permission test across roles (issue 14, decision 0039): who
sees the threat persons of the victim's case, who records and ends one, sets the honour
context, and invites the unit that has the threat person as a client. A denied action is a
404 that shows nothing of the case and changes nothing."""

import pytest
from django.urls import reverse

from brytupp.cases.models import CaseUnit, ThreatPerson
from brytupp.cases.services import THREAT_CLIENT_REFUSAL
from tests import factories

from .conftest import TODAY
from .support import LEAD, ROLES, TAKING_PART, state, text, words

pytestmark = pytest.mark.django_db

SECRETS = ("Fejka", "Offersson", "Hotfull", "Släktingsson", "Threat person", "Hotande")


def _posts(world):
    c, threat = world["case"].public_id, world["threat_row"].public_id
    return {
        "add": (
            reverse("cases:threat_person_add", args=[c]),
            {"relation": "parent", "description": "Fadern"},
        ),
        "end": (
            reverse("cases:threat_person_end", args=[c, threat]),
            {"ended": TODAY.isoformat(), "end_reason": "Flyttat utomlands"},
        ),
        "honour": (reverse("cases:honour_context", args=[c]), {"honour_context": "yes"}),
    }


def _assert_nothing_shown(response):
    assert response.status_code == 404
    body = text(response)
    for secret in SECRETS:
        assert secret not in body


@pytest.mark.parametrize("role", ROLES)
def test_who_sees_the_threat_persons_of_the_victims_case(client, world, role):
    factories.sign_in(client, ROLES[role](world))

    response = client.get(reverse("cases:detail", args=[world["case"].public_id]))

    if role in TAKING_PART:
        assert response.status_code == 200
        body = words(response)
        assert "Threat persons" in body
        assert "Hotfull Släktingsson Sibling Current" in body
        assert "Honour-related context No" in body
    else:
        _assert_nothing_shown(response)


@pytest.mark.parametrize("action", ["add", "end", "honour"])
@pytest.mark.parametrize("role", ROLES)
def test_only_the_lead_unit_records_ends_and_sets_the_honour_context(client, world, role, action):
    factories.sign_in(client, ROLES[role](world))
    address, data = _posts(world)[action]
    before = state()

    shown = client.get(address)
    posted = client.post(address, data)

    if role in LEAD:
        assert (shown.status_code, posted.status_code) == (200, 302)
        assert state() != before
    else:
        _assert_nothing_shown(shown)
        _assert_nothing_shown(posted)
        assert state() == before


def test_what_the_lead_units_writes_leave(client, world):
    factories.sign_in(client, world["rvt_worker"])
    for address, data in _posts(world).values():
        client.post(address, data)

    rows = list(ThreatPerson.objects.order_by("pk").values_list("relation", "description", "ended"))
    world["case"].refresh_from_db()
    assert rows == [("sibling", "", TODAY), ("parent", "Fadern", None)]
    assert world["case"].honour_context is True


@pytest.mark.parametrize("role", ROLES)
def test_inviting_the_unit_that_has_the_threat_person_as_client(client, world, role):
    """Refused for everyone without the decision; the lead unit's case worker reads why,
    and nothing of the other case; anyone outside the lead unit gets 404."""
    factories.sign_in(client, ROLES[role](world))
    address = reverse("cases:invite", args=[world["case"].public_id])
    before = state()

    response = client.post(address, {"unit": world["ekb"].pk})

    assert state() == before
    if role in LEAD:
        assert response.status_code == 200
        body = text(response)
        assert THREAT_CLIENT_REFUSAL in body
        assert "Hotfull" not in body
        assert str(world["threat_case"].public_id)[:8] not in body
    else:
        _assert_nothing_shown(response)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_lead_units_manager_invites_it_by_decision(client, world, role):
    factories.sign_in(client, ROLES[role](world))
    address = reverse("cases:invite", args=[world["case"].public_id])
    before = state()

    response = client.post(
        address,
        {
            "unit": world["ekb"].pk,
            "threat_decision": "on",
            "threat_decision_reason": "Försörjningsstöd behövs för skyddat boende",
        },
    )

    part = CaseUnit.objects.filter(case=world["case"], unit=world["ekb"]).first()
    if role == "RVT unit manager (lead unit)":
        assert response.status_code == 302
        assert (part.status, part.threat_decision_reason) == (
            "invited",
            "Försörjningsstöd behövs för skyddat boende",
        )
    elif role in LEAD:
        assert response.status_code == 200
        assert THREAT_CLIENT_REFUSAL in text(response)
        assert (part, state()) == (None, before)
    else:
        _assert_nothing_shown(response)
        assert (part, state()) == (None, before)


def test_socialjouren_with_emergency_access_reads_the_case_but_not_its_threat_persons(
    client, world
):
    from brytupp.access.services import emergency_access_grant

    worker = ROLES["Socialjouren without emergency access"](world)
    emergency_access_grant(actor=worker, case=world["case"], reason="Akut skyddsbehov nattetid")
    factories.sign_in(client, worker)

    response = client.get(reverse("cases:detail", args=[world["case"].public_id]))

    assert response.status_code == 200
    body = text(response)
    assert "Hotfull" not in body
    assert "Threat persons" not in body
