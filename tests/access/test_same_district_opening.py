"""Issue 10, finding 1: opening a case for a protected person tells no one where their case is.

A case worker of a unit with no part in the person's case, in the same district as that case,
and one of another district try the same thing through the real views: search, open a case of
their own unit, read the case and their start page. Their experiences are the same — status
codes, where they are sent, the messages, the pages with ids, dates and their own unit and
district put aside — and both cases wait for the holding unit. The holder cannot accept the
same district's request (the person has an open accepted case there) and refuses it instead.
"""

import datetime
import re

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import resolve, reverse
from django.utils import timezone, translation

from brytupp.audit.models import AccessKind, AccessLogEntry
from brytupp.cases.models import Case, CaseEvent, CaseOpeningRequest
from brytupp.cases.services import person_address_record
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
NUMBER = "199001611236"  # a coordination number (born 1990-01-01), as in tests/people
ADDRESS = "Hemliga vägen 13, 999 99 Gömstad"
PROTECTION_LEVELS = ["sekretessmarkering", "skyddad_folkbokforing", "fingerade_personuppgifter"]
REASON = "Personen har sökt ekonomiskt bistånd hos oss"
HOME, ELSEWHERE = "Hemmastaden", "Bortastaden"
HOLDER_UNIT = "Relationsvåldsteamet Hemmastaden"
HOLDER_OPENED = TODAY - datetime.timedelta(days=40)
SECOND_ACCEPTED = (
    "The person already has an open case in this district: refuse the request and invite the "
    "unit to that case instead."
)
# What differs between two users' pages and tells nothing: ids, tokens, dates and times, and
# the lists of every district and unit in the opening form.
NORMALISED = [
    (re.compile(r"<select.*?</select>", re.DOTALL), "<select/>"),
    (re.compile(r"<input[^>]*type=\"hidden\"[^>]*>"), "<hidden/>"),
    (re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), "<id>"),
    (re.compile(r"nonce=\"[^\"]*\""), "nonce"),
    (re.compile(r"[A-Za-z0-9]{64}"), "<token>"),
    (re.compile(r"\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?"), "<date>"),
]


@pytest.fixture(autouse=True)
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


def world(protection: str) -> dict:
    """The person held by an RVT of Hemmastaden; one insider unit of the same kind in
    Hemmastaden and one in Bortastaden, neither with a part in the person's case."""
    home = factories.DistrictFactory(name=HOME)
    elsewhere = factories.DistrictFactory(name=ELSEWHERE)
    holder = factories.UnitFactory(district=home, kind="rvt", name=HOLDER_UNIT)
    holder_worker = factories.staff("handlaggare", holder)
    person = factories.person(
        first_name="Dolores",
        last_name="Skyddadsdotter",
        birth_date=datetime.date(1990, 1, 1),
        identity_number=NUMBER,
        protected_identity=protection,
    )
    case = factories.case(person_=person, unit=holder, opened=HOLDER_OPENED, actor=holder_worker)
    person_address_record(actor=holder_worker, case=case, address=ADDRESS)
    insiders = {}
    for where, district, unit_name in (("same", home, "Bistånd Norr"), ("other", elsewhere, "")):
        unit = factories.UnitFactory(
            district=district, kind="ekonomiskt_bistand", name=unit_name or "Bistånd Syd"
        )
        insiders[where] = factories.staff("handlaggare", unit)
    return {
        "person": person,
        "case": case,
        "holder_worker": holder_worker,
        "insiders": insiders,
    }


def normalised(response, user) -> str:
    unit = user.memberships.get().unit
    text = response.content.decode()
    for pattern, replacement in NORMALISED:
        text = pattern.sub(replacement, text)
    # Longest first, so that no name is left half replaced.
    own = {
        unit.district.name: "<own district>",
        unit.name: "<own unit>",
        unit.code: "<own unit code>",
        user.get_full_name(): "<own name>",
        user.username: "<own username>",
    }
    for value in sorted(own, key=len, reverse=True):
        text = text.replace(value, own[value])
    return text


def flashes(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def tried(client, user) -> dict:
    """The insider's chain through the views: search, open, the case page, the start page."""
    unit = user.memberships.get().unit
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    factories.sign_in(client, user)
    found = client.post(reverse("cases:open"), {"step": "search", "identity_number": NUMBER})
    form = found.context["form"]
    opened = client.post(
        reverse("cases:open"),
        {
            "step": "open",
            "person": form["person"].value(),
            "district": unit.district.pk,
            "lead_unit": unit.code,
            "source": "self",
            "opened": TODAY.isoformat(),
            "reason": REASON,
        },
    )
    messages = flashes(opened)
    case_page = client.get(opened["Location"])
    start = client.get(reverse("web:start"), follow=True)
    unit_cases = client.get(reverse("web:unit_cases"))
    return {
        "statuses": [
            found.status_code,
            opened.status_code,
            case_page.status_code,
            start.status_code,
            unit_cases.status_code,
        ],
        "sent to": resolve(opened["Location"]).url_name,
        "messages": messages,
        "search": normalised(found, user),
        "case page": normalised(case_page, user),
        "start": normalised(start, user),
        "unit cases": normalised(unit_cases, user),
    }


def insiders_case(w, where) -> Case:
    return Case.objects.get(
        person=w["person"], lead_unit=w["insiders"][where].memberships.get().unit
    )


@pytest.mark.parametrize("protection", PROTECTION_LEVELS)
def test_the_same_districts_insider_meets_what_another_districts_meets(client, protection):
    w = world(protection)

    same = tried(client, w["insiders"]["same"])
    other = tried(Client(), w["insiders"]["other"])

    assert same["statuses"] == other["statuses"] == [200, 302, 200, 200, 200]
    assert same["sent to"] == other["sent to"] == "detail"
    assert (
        same["messages"]
        == other["messages"]
        == [
            "The case waits for acceptance. Your request goes through Bryt upp to the unit that "
            "holds the person, who will contact you."
        ]
    )
    for page in ("search", "case page", "start", "unit cases"):
        assert same[page] == other[page], page
    # Nothing of the person or of where the holding case is, on any of them.
    for value in ("Dolores", "Skyddadsdotter", NUMBER[2:8], "Hemliga", HOLDER_UNIT):
        assert [page for page in same.values() if value in str(page)] == []
    assert "Case waiting for acceptance" in same["case page"]
    assert "<own district>" in same["case page"]
    for where in ("same", "other"):
        case = insiders_case(w, where)
        assert (case.acceptance, case.closed, case.district.name) == (
            "pending",
            None,
            HOME if where == "same" else ELSEWHERE,
        )
        assert CaseOpeningRequest.objects.get(case=case).answering_unit == w["case"].lead_unit
    assert list(
        AccessLogEntry.objects.filter(person_public_id=w["person"].public_id, kind="opening")
        .order_by("seq")
        .values_list("unit_code", "ground", "outcome")
    ) == [
        (w["insiders"][where].memberships.get().unit.code, "none", "allowed")
        for where in ("same", "other")
    ]


@pytest.mark.parametrize("protection", PROTECTION_LEVELS)
def test_the_holder_cannot_accept_the_same_districts_request_and_refuses_it(client, protection):
    w = world(protection)
    tried(Client(), w["insiders"]["same"])
    case = insiders_case(w, "same")
    request = CaseOpeningRequest.objects.get(case=case)
    answer_url = reverse("cases:opening_request", args=[request.public_id])
    events = CaseEvent.objects.count()
    openings = AccessLogEntry.objects.filter(kind=AccessKind.OPENING).count()
    factories.sign_in(client, w["holder_worker"])

    accepted = client.post(answer_url, {"action": "accept"})

    assert accepted.status_code == 200
    assert SECOND_ACCEPTED in accepted.content.decode()
    request.refresh_from_db()
    case.refresh_from_db()
    assert (request.outcome, request.answered_by, request.answered_at) == ("", None, None)
    assert (case.acceptance, case.closed) == ("pending", None)
    assert CaseEvent.objects.count() == events
    assert AccessLogEntry.objects.filter(kind=AccessKind.OPENING).count() == openings

    refused = client.post(
        answer_url,
        {"action": "refuse", "refusal_reason": "Personen har redan ett ärende hos oss"},
    )

    assert refused.status_code == 302
    case.refresh_from_db()
    assert (case.acceptance, case.closed, case.closure_reason) == (
        "refused",
        TODAY,
        "opening_refused",
    )
    assert list(
        Case.objects.filter(person=w["person"], closed__isnull=True).values_list("pk", "acceptance")
    ) == [(w["case"].pk, "accepted")]


def test_an_unprotected_person_is_still_refused_at_once_in_the_district_of_their_case(client):
    """Their search notice names the district already: the early refusal tells nothing new."""
    w = world("none")
    insider = w["insiders"]["same"]
    factories.sign_in(client, insider)
    found = client.post(reverse("cases:open"), {"step": "search", "identity_number": NUMBER})
    unit = insider.memberships.get().unit

    response = client.post(
        reverse("cases:open"),
        {
            "step": "open",
            "person": found.context["form"]["person"].value(),
            "district": unit.district.pk,
            "lead_unit": unit.code,
            "source": "self",
            "opened": TODAY.isoformat(),
            "reason": REASON,
        },
    )

    assert response.status_code == 200
    assert f"An open case in {HOME} led by {HOLDER_UNIT}" in response.content.decode()
    assert "The person already has an open case in this district." in response.content.decode()
    assert Case.objects.filter(person=w["person"]).count() == 1
