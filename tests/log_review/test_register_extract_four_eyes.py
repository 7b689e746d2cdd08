"""The register extract of a person with protected identity needs a second person (decision
0023): an administrator alone, who knows the person's number, never reads the units that
accessed them and so the district of their case. Through the real views, signed in as each
insider. Every name and number is made up."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from brytupp.audit.models import (
    AccessGround,
    AccessKind,
    AccessLogEntry,
    AccessOutcome,
    ExtractRequest,
    ExtractRequestStatus,
)
from tests import factories

from .entries import log_entry

pytestmark = pytest.mark.django_db

# Skatteverket's test numbers: synthetic, never a real person's.
PROTECTED_NUMBER = "201701012393"
PLAIN_NUMBER = "198112189876"
LEVELS = ["sekretessmarkering", "skyddad_folkbokforing", "fingerade_personuppgifter"]


@pytest.fixture
def world():
    district = factories.DistrictFactory(name="Farstaprovet")
    holding = factories.UnitFactory(
        district=district, kind="rvt", name="Relationsvåldsteamet Farstaprovet"
    )
    elsewhere = factories.DistrictFactory(name="Annanstans")
    admin_unit = factories.UnitFactory(district=elsewhere, kind="rvt", name="Förvaltningen")
    unrelated = factories.UnitFactory(district=elsewhere, kind="vuxen_beroende", name="Vux Långt")
    return {
        "district": district,
        "holding": holding,
        "worker": factories.staff("handlaggare", holding, username="holding_worker"),
        "manager": factories.staff("enhetschef", holding, username="holding_manager"),
        "unrelated_manager": factories.staff("enhetschef", unrelated, username="vux_manager"),
        "administrator": factories.staff("systemforvaltare", admin_unit, username="sysadmin"),
        "second_administrator": factories.staff(
            "systemforvaltare", admin_unit, username="sysadmin2"
        ),
    }


def _protected(world, level):
    person = factories.person(
        first_name="Hemliga",
        last_name="Provsdotter",
        identity_number=PROTECTED_NUMBER,
        birth_date=datetime.date(2017, 1, 1),
        protected_identity=level,
    )
    factories.case(person_=person, unit=world["holding"])
    # An access by the holding unit: the unit whose name the extract would show.
    log_entry(world["worker"], person_public_id=person.public_id, kind=AccessKind.VIEW)
    return person


def _assert_no_trace(body: str, world, person):
    assert world["holding"].name not in body
    assert world["district"].name not in body
    assert str(person.public_id) not in body
    assert str(person.public_id)[:8] not in body
    assert "Provsdotter" not in body and PROTECTED_NUMBER not in body


def _find(client, number):
    return client.post(reverse("log_review:register_extract_find"), {"identity_number": number})


def _extract(client, person):
    return client.get(reverse("log_review:register_extract", args=[person.public_id]))


def _pdf(client, person):
    return client.get(reverse("log_review:register_extract_pdf", args=[person.public_id]))


def _request(client, world, person) -> ExtractRequest:
    factories.sign_in(client, world["administrator"])
    _find(client, PROTECTED_NUMBER)
    return ExtractRequest.objects.get(person=person, requested_by=world["administrator"])


def _approve(client, approver, extract_request):
    factories.sign_in(client, approver)
    return client.post(reverse("log_review:extract_approve", args=[extract_request.public_id]))


@pytest.mark.parametrize("level", LEVELS)
def test_finding_a_protected_person_makes_a_request_and_shows_no_unit(client, world, level):
    person = _protected(world, level)
    factories.sign_in(client, world["administrator"])

    response = _find(client, PROTECTED_NUMBER)

    body = response.content.decode()
    assert response.status_code == 200
    extract_request = ExtractRequest.objects.get(person=person)
    assert extract_request.requested_by == world["administrator"]
    assert extract_request.status == ExtractRequestStatus.PENDING
    assert f'data-extract-request="{extract_request.short_id}"' in body
    assert "andra person godkänner" in body
    _assert_no_trace(body, world, person)
    # No export was made: the only entry by the administrator is the logged search hit.
    entries = AccessLogEntry.objects.filter(user_public_id=world["administrator"].public_id)
    assert [(e.kind, e.ground) for e in entries] == [
        (AccessKind.SEARCH_HIT, AccessGround.OVERSIGHT)
    ]


@pytest.mark.parametrize("level", LEVELS)
def test_the_administrator_alone_gets_404_for_the_extract_and_the_pdf(client, world, level):
    person = _protected(world, level)
    _request(client, world, person)  # a pending request opens nothing

    for response in (_extract(client, person), _pdf(client, person)):
        assert response.status_code == 404
        assert response["Content-Type"].startswith("text/html")
        body = response.content.decode()
        assert world["holding"].name not in body and world["district"].name not in body
    assert not AccessLogEntry.objects.filter(
        person_public_id=person.public_id, kind=AccessKind.EXPORT
    ).exists()


def test_asking_twice_makes_one_request(client, world):
    person = _protected(world, "skyddad_folkbokforing")
    factories.sign_in(client, world["administrator"])

    _find(client, PROTECTED_NUMBER)
    _find(client, PROTECTED_NUMBER)

    assert ExtractRequest.objects.filter(person=person).count() == 1


@pytest.mark.parametrize("approver", ["second_administrator", "manager"])
def test_a_second_person_approves_and_the_requester_alone_sees_the_extract(client, world, approver):
    person = _protected(world, "skyddad_folkbokforing")
    extract_request = _request(client, world, person)
    factories.sign_in(client, world[approver])
    listed = client.get(reverse("log_review:extract_approvals")).content.decode()
    assert f'data-extract-request="{extract_request.short_id}"' in listed

    response = _approve(client, world[approver], extract_request)

    assert response.status_code == 302
    extract_request.refresh_from_db()
    assert (extract_request.status, extract_request.decided_by) == ("approved", world[approver])
    decision = AccessLogEntry.objects.get(user_public_id=world[approver].public_id)
    assert (decision.kind, decision.ground, decision.outcome, decision.person_public_id) == (
        AccessKind.EXPORT,
        AccessGround.OVERSIGHT,
        AccessOutcome.ALLOWED,
        person.public_id,
    )
    # The approver, even an administrator, does not get the extract by approving.
    assert _extract(client, person).status_code == 404
    factories.sign_in(client, world["administrator"])
    page = _extract(client, person)
    assert page.status_code == 200
    assert world["holding"].name in page.content.decode()
    pdf = _pdf(client, person)
    assert (pdf.status_code, pdf["Content-Type"]) == (200, "application/pdf")
    own = client.get(reverse("log_review:extract_requests_own")).content.decode()
    assert 'data-status="approved"' in own
    assert reverse("log_review:register_extract", args=[person.public_id]) in own


def test_the_requester_cannot_approve_their_own_request(client, world):
    person = _protected(world, "sekretessmarkering")
    extract_request = _request(client, world, person)
    listed = client.get(reverse("log_review:extract_approvals")).content.decode()
    assert extract_request.short_id not in listed

    response = _approve(client, world["administrator"], extract_request)

    assert response.status_code == 404
    extract_request.refresh_from_db()
    assert extract_request.status == ExtractRequestStatus.PENDING
    assert _extract(client, person).status_code == 404


def test_a_manager_of_an_unrelated_unit_gets_404_and_no_trace(client, world):
    person = _protected(world, "fingerade_personuppgifter")
    extract_request = _request(client, world, person)
    factories.sign_in(client, world["unrelated_manager"])

    listed = client.get(reverse("log_review:extract_approvals"))
    approve = client.post(reverse("log_review:extract_approve", args=[extract_request.public_id]))
    refuse = client.get(reverse("log_review:extract_refuse", args=[extract_request.public_id]))

    assert listed.status_code == 200
    assert extract_request.short_id not in listed.content.decode()
    assert 'data-extract-approvals="0"' in client.get(reverse("log_review:search")).content.decode()
    for response in (approve, refuse):
        assert response.status_code == 404
        _assert_no_trace(response.content.decode(), world, person)
    extract_request.refresh_from_db()
    assert extract_request.status == ExtractRequestStatus.PENDING
    assert not AccessLogEntry.objects.filter(
        user_public_id=world["unrelated_manager"].public_id, kind=AccessKind.EXPORT
    ).exists()


def test_a_refusal_needs_a_reason_is_logged_and_opens_nothing(client, world):
    person = _protected(world, "skyddad_folkbokforing")
    extract_request = _request(client, world, person)
    factories.sign_in(client, world["manager"])
    url = reverse("log_review:extract_refuse", args=[extract_request.public_id])

    empty = client.post(url, {"reason": "  "})
    extract_request.refresh_from_db()
    assert (empty.status_code, extract_request.status) == (200, ExtractRequestStatus.PENDING)

    refused = client.post(url, {"reason": "Ingen begäran från personen"})

    assert refused.status_code == 302
    extract_request.refresh_from_db()
    assert (extract_request.status, extract_request.refusal_reason) == (
        ExtractRequestStatus.REFUSED,
        "Ingen begäran från personen",
    )
    decision = AccessLogEntry.objects.get(user_public_id=world["manager"].public_id)
    assert (decision.kind, decision.ground, decision.outcome) == (
        AccessKind.EXPORT,
        AccessGround.OVERSIGHT,
        AccessOutcome.REFUSED,
    )
    factories.sign_in(client, world["administrator"])
    assert _extract(client, person).status_code == 404
    own = client.get(reverse("log_review:extract_requests_own")).content.decode()
    assert 'data-status="refused"' in own and "Ingen begäran från personen" in own
    _assert_no_trace(own, world, person)


def test_an_approval_opens_the_extract_for_24_hours_only(client, world):
    person = _protected(world, "skyddad_folkbokforing")
    extract_request = _request(client, world, person)
    _approve(client, world["second_administrator"], extract_request)
    ExtractRequest.objects.filter(pk=extract_request.pk).update(
        decided_at=timezone.now() - datetime.timedelta(hours=24, minutes=1)
    )
    factories.sign_in(client, world["administrator"])

    assert _extract(client, person).status_code == 404
    assert _pdf(client, person).status_code == 404


def test_the_log_review_link_leads_a_protected_person_to_a_request(client, world):
    person = _protected(world, "skyddad_folkbokforing")
    factories.sign_in(client, world["administrator"])
    open_url = reverse("log_review:register_extract_open", args=[person.public_id])

    search = client.get(reverse("log_review:search"), {"person": person.public_id})
    asked = client.get(open_url)

    assert open_url in search.content.decode()
    extract_url = reverse("log_review:register_extract", args=[person.public_id])
    assert f'href="{extract_url}"' not in search.content.decode()
    assert asked.status_code == 200
    assert world["holding"].name not in asked.content.decode()
    assert not ExtractRequest.objects.exists()  # a GET makes nothing
    made = client.post(open_url, follow=True)
    assert made.redirect_chain == [(reverse("log_review:extract_requests_own"), 302)]
    assert ExtractRequest.objects.get().person == person
    assert "andra person godkänner" in made.content.decode()
    _assert_no_trace(made.content.decode(), world, person)


def test_an_unprotected_persons_extract_stays_direct(client, world):
    person = factories.person(identity_number=PLAIN_NUMBER, birth_date=datetime.date(1981, 12, 18))
    factories.sign_in(client, world["administrator"])

    found = _find(client, PLAIN_NUMBER)
    opened = client.get(reverse("log_review:register_extract_open", args=[person.public_id]))

    extract_url = reverse("log_review:register_extract", args=[person.public_id])
    assert (found.status_code, found["Location"]) == (302, extract_url)
    assert (opened.status_code, opened["Location"]) == (302, extract_url)
    assert not ExtractRequest.objects.exists()


def test_approvers_reach_the_list_from_their_start_pages(client, world):
    person = _protected(world, "skyddad_folkbokforing")
    _request(client, world, person)
    approvals = reverse("log_review:extract_approvals")

    for user, page in (
        (world["second_administrator"], "web:administration"),
        (world["manager"], "web:unit_overview"),
        (world["manager"], "log_review:search"),
    ):
        factories.sign_in(client, user)
        body = client.get(reverse(page)).content.decode()
        assert 'data-extract-approvals="1"' in body and approvals in body
