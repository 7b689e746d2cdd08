"""Issue 10, finding 1: the self-service reveal chain, tried as an insider would.

A case worker of a unit with no part in the person's case knows the person's number. Step by
step through the real views: search before opening, open a case of their own, read it,
reveal, write the address. Every step is refused or shows nothing, for each protection level
and for an unprotected person with an open case elsewhere; only the unit holding the person
can let the new case in, and every attempt is in the access log with the person's public id.
"""

import datetime
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from brytupp.audit.models import AccessKind, AccessLogEntry
from brytupp.cases.models import Case, CaseOpeningRequest
from brytupp.cases.services import person_address_record
from brytupp.people.models import IdentityReveal, Person
from brytupp.people.sealing import unseal
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
NUMBER = "199001611236"  # a coordination number (born 1990-01-01), as in tests/people
ADDRESS = "Hemliga vägen 13, 999 99 Gömstad"
NAME = ("Dolores", "Skyddadsdotter")
PERSON_DATA = [
    *NAME,
    NUMBER,
    NUMBER[2:],
    f"{NUMBER[:8]}-{NUMBER[8:]}",
    f"{NUMBER[2:8]}-{NUMBER[8:]}",
    "Hemliga vägen",
    "Gömstad",
]
# What tells where the person lives: the holding case's district, unit and opening day.
HOLDER_DISTRICT, HOLDER_UNIT = "Hemmastaden", "Relationsvåldsteamet Hemmastaden"
HOLDER_OPENED = TODAY - datetime.timedelta(days=40)
WHERE = [HOLDER_DISTRICT, HOLDER_UNIT, HOLDER_OPENED.isoformat()]
PROTECTION_LEVELS = ["sekretessmarkering", "skyddad_folkbokforing", "fingerade_personuppgifter"]
SELECT = re.compile(r"<select.*?</select>", re.DOTALL)
REASON = "Personen har sökt ekonomiskt bistånd hos oss"


@pytest.fixture(autouse=True)
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


def world(protection: str) -> dict:
    home = factories.DistrictFactory(name=HOLDER_DISTRICT)
    holder = factories.UnitFactory(district=home, kind="rvt", name=HOLDER_UNIT)
    same_district = factories.UnitFactory(district=home, kind="ekonomiskt_bistand", name="EKB")
    elsewhere = factories.DistrictFactory(name="Bortastaden")
    insider_unit = factories.UnitFactory(district=elsewhere, kind="rvt", name="RVT Bortastaden")
    holder_worker = factories.staff("handlaggare", holder)
    person = factories.person(
        first_name=NAME[0],
        last_name=NAME[1],
        birth_date=datetime.date(1990, 1, 1),
        identity_number=NUMBER,
        protected_identity=protection,
    )
    case = factories.case(person_=person, unit=holder, opened=HOLDER_OPENED, actor=holder_worker)
    person_address_record(actor=holder_worker, case=case, address=ADDRESS)
    return {
        "person": person,
        "case": case,
        "holder_worker": holder_worker,
        "holder_manager": factories.staff("enhetschef", holder),
        "insider": factories.staff("handlaggare", insider_unit),
        "same_district_insider": factories.staff("handlaggare", same_district),
        "insider_unit": insider_unit,
        "elsewhere": elsewhere,
        "home": home,
    }


def text(response) -> str:
    return response.content.decode()


def leaks(response) -> list[str]:
    """The person's data anywhere in the response, and where they live anywhere but in the
    opening form's lists of every district and unit (the organisation, not the person)."""
    outside_choices = SELECT.sub("", text(response))
    return [value for value in PERSON_DATA if value in text(response)] + [
        value for value in WHERE if value in outside_choices
    ]


def search(client):
    return client.post(reverse("cases:open"), {"step": "search", "identity_number": NUMBER})


def open_case(client, response, *, district, unit, reason=REASON):
    form = response.context["form"]
    return client.post(
        reverse("cases:open"),
        {
            "step": "open",
            "person": form["person"].value(),
            "district": district.pk,
            "lead_unit": unit.code,
            "source": "self",
            "opened": TODAY.isoformat(),
            "reason": reason,
        },
    )


def entries(person, kind) -> list[tuple[str, str, str]]:
    return list(
        AccessLogEntry.objects.filter(person_public_id=person.public_id, kind=kind)
        .order_by("seq")
        .values_list("unit_code", "ground", "outcome")
    )


def insider_opens(client, w):
    factories.sign_in(client, w["insider"])
    response = open_case(client, search(client), district=w["elsewhere"], unit=w["insider_unit"])
    return response, Case.objects.exclude(pk=w["case"].pk).get(person=w["person"])


@pytest.mark.parametrize("protection", PROTECTION_LEVELS)
def test_the_search_says_only_that_a_case_exists(client, protection):
    w = world(protection)
    factories.sign_in(client, w["insider"])

    response = search(client)

    assert response.status_code == 200
    assert leaks(response) == []
    assert "The person has a case with the social services." in text(response)
    assert "the unit that holds the person gets your request" in text(response)
    assert entries(w["person"], AccessKind.SEARCH_HIT) == [
        (w["insider_unit"].code, "case_opening", "allowed")
    ]


def test_the_search_keeps_the_notice_for_an_unprotected_person(client):
    w = world("none")
    factories.sign_in(client, w["insider"])

    response = search(client)

    assert f"An open case in {HOLDER_DISTRICT} led by {HOLDER_UNIT} since {HOLDER_OPENED}" in text(
        response
    )
    assert "The case will wait for acceptance" in text(response)


@pytest.mark.parametrize("protection", [*PROTECTION_LEVELS, "none"])
def test_the_insiders_case_waits_and_grants_nothing(client, protection):
    w = world(protection)
    response, case = insider_opens(client, w)
    case_url = reverse("cases:detail", args=[case.public_id])

    assert response.status_code == 302
    assert response["Location"] == case_url
    assert case.acceptance == "pending"
    request = CaseOpeningRequest.objects.get(case=case)
    assert (request.requested_by, request.requesting_unit, request.answering_unit) == (
        w["insider"],
        w["insider_unit"],
        w["case"].lead_unit,
    )
    assert (request.reason, request.managers_only, request.outcome) == (REASON, False, "")
    assert entries(w["person"], AccessKind.OPENING) == [(w["insider_unit"].code, "none", "allowed")]

    page = client.get(case_url)
    assert page.status_code == 200
    assert leaks(page) == []
    assert "The case waits for acceptance." in text(page)
    assert reverse("cases:identity_reveal", args=[case.public_id]) not in text(page)
    assert reverse("cases:address", args=[case.public_id]) not in text(page)

    reveal = client.post(
        reverse("cases:identity_reveal", args=[case.public_id]), {"reason": REASON}
    )
    assert reveal.status_code == 404
    assert leaks(reveal) == []
    assert IdentityReveal.objects.count() == 0
    assert entries(w["person"], AccessKind.REVEAL) == []

    address_url = reverse("cases:address", args=[case.public_id])
    assert client.get(address_url).status_code == 404
    assert client.post(address_url, {"address": "Insidergatan 1"}).status_code == 404
    w["person"].refresh_from_db()
    assert unseal(w["person"].address_sealed) == ADDRESS

    for name in ("account", "consent_add", "invite", "close", "meeting_add", "decision_add"):
        assert client.get(reverse(f"cases:{name}", args=[case.public_id])).status_code == 404
    # The insider's lists show the pending case, masked.
    listed = client.get(reverse("web:unit_cases"))
    assert case_url in text(listed)
    assert leaks(listed) == []


@pytest.mark.parametrize("protection", [*PROTECTION_LEVELS, "none"])
def test_after_acceptance_by_the_holder_the_new_lead_unit_may_reveal(client, protection):
    w = world(protection)
    _response, case = insider_opens(client, w)
    request = CaseOpeningRequest.objects.get(case=case)

    factories.sign_in(client, w["holder_worker"])
    start = client.get(reverse("web:work"))
    answer_url = reverse("cases:opening_request", args=[request.public_id])
    assert answer_url in text(start)
    page = client.get(answer_url)
    assert page.status_code == 200
    assert REASON in text(page)
    assert w["insider"].get_full_name() in text(page)
    assert "RVT Bortastaden" in text(page)
    accepted = client.post(answer_url, {"action": "accept"})
    assert accepted.status_code == 302

    case.refresh_from_db()
    assert case.acceptance == "accepted"
    assert entries(w["person"], AccessKind.OPENING) == [
        (w["insider_unit"].code, "none", "allowed"),
        (w["case"].lead_unit.code, "own_unit", "allowed"),
    ]
    factories.sign_in(client, w["insider"])
    reveal = client.post(
        reverse("cases:identity_reveal", args=[case.public_id]), {"reason": REASON}
    )
    assert reveal.status_code == 200
    assert NAME[0] in text(reveal)
    assert ADDRESS in text(reveal)
    assert entries(w["person"], AccessKind.REVEAL) == [
        (w["insider_unit"].code, "own_unit", "allowed")
    ]
    # The holding unit still leads the oldest open case: only it writes the address.
    assert client.get(reverse("cases:address", args=[case.public_id])).status_code == 404


@pytest.mark.parametrize("protection", [*PROTECTION_LEVELS, "none"])
def test_after_refusal_nothing_opens(client, protection):
    w = world(protection)
    _response, case = insider_opens(client, w)
    request = CaseOpeningRequest.objects.get(case=case)

    factories.sign_in(client, w["holder_manager"])
    answer_url = reverse("cases:opening_request", args=[request.public_id])
    assert answer_url in text(client.get(reverse("web:unit_overview")))
    short = client.post(answer_url, {"action": "refuse", "refusal_reason": "Nej"})
    assert short.status_code == 200
    assert "State why the opening is refused, in at least 10 characters." in text(short)
    refused = client.post(
        answer_url, {"action": "refuse", "refusal_reason": "Personen har redan stöd hos oss"}
    )
    assert refused.status_code == 302

    case.refresh_from_db()
    assert (case.acceptance, case.closed, case.closure_reason) == (
        "refused",
        TODAY,
        "opening_refused",
    )
    assert entries(w["person"], AccessKind.OPENING)[-1] == (
        w["case"].lead_unit.code,
        "own_unit",
        "refused",
    )
    assert client.post(answer_url, {"action": "accept"}).status_code == 404

    factories.sign_in(client, w["insider"])
    page = client.get(reverse("cases:detail", args=[case.public_id]))
    assert "Personen har redan stöd hos oss" in text(page)
    assert leaks(page) == []
    reveal = client.post(
        reverse("cases:identity_reveal", args=[case.public_id]), {"reason": REASON}
    )
    assert reveal.status_code == 404
    assert IdentityReveal.objects.count() == 0


@pytest.mark.parametrize("protection", PROTECTION_LEVELS)
def test_an_insider_in_the_same_district_waits_like_any_other(client, protection):
    """Refusing them at once would tell where the person's case is (decision 0016); that
    their whole experience matches another district's is in test_same_district_opening.py."""
    w = world(protection)
    factories.sign_in(client, w["same_district_insider"])
    found = search(client)
    assert leaks(found) == []
    ekb = w["same_district_insider"].memberships.get().unit

    response = open_case(client, found, district=w["home"], unit=ekb)

    case = Case.objects.exclude(pk=w["case"].pk).get(person=w["person"])
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", args=[case.public_id])
    assert (case.district, case.lead_unit, case.acceptance) == (w["home"], ekb, "pending")
    assert CaseOpeningRequest.objects.get(case=case).answering_unit == w["case"].lead_unit
    assert entries(w["person"], AccessKind.OPENING) == [(ekb.code, "none", "allowed")]
    reveal = client.post(
        reverse("cases:identity_reveal", args=[case.public_id]), {"reason": REASON}
    )
    assert reveal.status_code == 404
    assert IdentityReveal.objects.count() == 0


@pytest.mark.parametrize("protection", PROTECTION_LEVELS)
def test_an_opening_without_a_reason_is_refused(client, protection):
    w = world(protection)
    factories.sign_in(client, w["insider"])

    response = open_case(
        client, search(client), district=w["elsewhere"], unit=w["insider_unit"], reason=""
    )

    assert response.status_code == 200
    assert "state why you open it, in at least 10 characters." in text(response)
    assert Case.objects.filter(person=w["person"]).count() == 1
    assert entries(w["person"], AccessKind.OPENING) == [
        (w["insider_unit"].code, "refused", "refused")
    ]


def test_no_one_answers_a_request_but_the_holding_unit(client):
    w = world("skyddad_folkbokforing")
    _response, case = insider_opens(client, w)
    answer_url = reverse(
        "cases:opening_request", args=[CaseOpeningRequest.objects.get(case=case).public_id]
    )
    colleague = factories.staff("handlaggare", w["insider_unit"])
    others = [w["insider"], colleague, w["same_district_insider"]]

    for user in others:
        factories.sign_in(client, user)
        assert client.get(answer_url).status_code == 404
        assert client.post(answer_url, {"action": "accept"}).status_code == 404

    case.refresh_from_db()
    assert case.acceptance == "pending"


def test_a_protected_person_without_a_case_waits_for_another_manager_of_the_lead_unit(client):
    unit = factories.UnitFactory(kind="rvt", name="RVT Ny")
    opener = factories.staff("enhetschef", unit)
    worker = factories.staff("handlaggare", unit)
    manager = factories.staff("enhetschef", unit)
    factories.person(
        first_name=NAME[0],
        last_name=NAME[1],
        birth_date=datetime.date(1990, 1, 1),
        identity_number=NUMBER,
        protected_identity="sekretessmarkering",
    )
    factories.sign_in(client, opener)
    opened = open_case(client, search(client), district=unit.district, unit=unit)
    case = Case.objects.get()
    request = CaseOpeningRequest.objects.get(case=case)
    answer_url = reverse("cases:opening_request", args=[request.public_id])

    assert opened.status_code == 302
    assert (case.acceptance, request.answering_unit, request.managers_only) == (
        "pending",
        unit,
        True,
    )
    assert client.post(answer_url, {"action": "accept"}).status_code == 404  # not their own
    factories.sign_in(client, worker)
    assert client.post(answer_url, {"action": "accept"}).status_code == 404  # managers only
    factories.sign_in(client, manager)
    assert client.post(answer_url, {"action": "accept"}).status_code == 302
    case.refresh_from_db()
    assert case.acceptance == "accepted"
    assert Person.objects.count() == 1


def test_a_manager_only_proposed_cannot_be_the_one_to_accept(client):
    """A second manager whose membership still waits for its second pair of eyes (decision
    0017) grants nothing, so the opening of a protected person's first case is refused."""
    unit = factories.UnitFactory(kind="rvt", name="RVT Ny")
    opener = factories.staff("enhetschef", unit)
    factories.MembershipFactory(
        user=factories.UserFactory(), unit=unit, role="enhetschef", status="proposed"
    )
    factories.person(
        first_name=NAME[0],
        last_name=NAME[1],
        birth_date=datetime.date(1990, 1, 1),
        identity_number=NUMBER,
        protected_identity="sekretessmarkering",
    )
    factories.sign_in(client, opener)

    refused = open_case(client, search(client), district=unit.district, unit=unit)

    assert refused.status_code == 200
    assert "The lead unit has no other manager who can accept the case." in refused.content.decode()
    assert Case.objects.count() == 0
