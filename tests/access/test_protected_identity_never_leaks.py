"""A protected person's name, identity number and address never appear in any response the
site can give — lists, search, case pages, exports, log review, error pages — for any role.
Only the reveal, asked for with a reason, shows them (tested in test_identity_reveal.py).

The pages are found by walking the URL configuration: every page without parameters, every
page of the person's case, the person's register extract, the searches, and a missing case."""

import datetime
import io
import logging
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from brytupp.access.services import emergency_access_grant
from brytupp.cases.models import Case
from brytupp.cases.services import case_unit_join, consent_record, person_address_record
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
NUMBER = "199001611236"  # a coordination number (born 1990-01-01), as in tests/people
ADDRESS = "Hemliga vägen 13, 999 99 Gömstad"
FORBIDDEN = [
    "Dolores",
    "Skyddadsdotter",
    NUMBER,
    NUMBER[2:],
    f"{NUMBER[:8]}-{NUMBER[8:]}",
    f"{NUMBER[2:8]}-{NUMBER[8:]}",
    "Hemliga vägen",
    "Gömstad",
]
SEES_THE_CASE = {
    "lead_worker",
    "lead_manager",
    "consented_worker",
    "socialjour_with_emergency_access",
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PUBLIC_OR_SIGN_OUT = {"logga-in/", "logga-ut/", "logga-ut-overallt/", "sprak/"}
PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>")


def routes(patterns=None, prefix=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def text_of(response) -> str:
    """The response's headers and body as text; a PDF's text as extracted from its pages, a
    workbook's as the values of its cells."""
    headers = "".join(f"{name}: {value}\n" for name, value in response.items())
    if response.get("Content-Type") == "application/pdf":
        pages = PdfReader(io.BytesIO(response.content)).pages
        return headers + "".join(page.extract_text() for page in pages)
    if response.get("Content-Type") == XLSX:
        workbook = load_workbook(io.BytesIO(response.content))
        return headers + "\n".join(
            " ".join(str(value) for value in row if value is not None)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
        )
    return headers + response.content.decode()


@pytest.fixture
def world(district, rvt):
    ekb = factories.UnitFactory(district=district, kind="ekonomiskt_bistand", name="EKB Test")
    elsewhere = factories.DistrictFactory()
    far_rvt = factories.UnitFactory(district=elsewhere, kind="rvt", name="RVT Annanstans")
    jour = factories.UnitFactory(district=None, kind="socialjour", name="Socialjouren Test")
    worker = factories.staff("handlaggare", rvt)
    person = factories.person(
        first_name="Dolores",
        last_name="Skyddadsdotter",
        birth_date=datetime.date(1990, 1, 1),
        identity_number=NUMBER,
        protected_identity="skyddad_folkbokforing",
    )
    case = factories.case(person_=person, unit=rvt, opened=TODAY - datetime.timedelta(days=20))
    consent_record(
        actor=worker,
        case=case,
        given=TODAY - datetime.timedelta(days=19),
        form="written",
        purpose="Samhandläggning",
        units=[ekb],
    )
    case_unit_join(case=case, unit=ekb, joined=TODAY - datetime.timedelta(days=19), actor=worker)
    person_address_record(actor=worker, case=case, address=ADDRESS)
    on_duty = factories.staff("handlaggare", jour)
    emergency_access_grant(actor=on_duty, case=case, reason="Polisen ringer om akut skydd")
    users = {
        "lead_worker": worker,
        "lead_manager": factories.staff("enhetschef", rvt),
        "consented_worker": factories.staff("handlaggare", ekb),
        "other_district_worker": factories.staff("handlaggare", far_rvt),
        "implementerare": factories.staff("implementerare", rvt),
        "analytiker": factories.staff("analytiker", rvt),
        "systemforvaltare": factories.staff("systemforvaltare", rvt),
        "socialjour_with_emergency_access": on_duty,
    }
    return {"case": case, "person": person, "users": users}


def requests(world):
    """(method, path, data, headers) of every response to look at."""
    case, person = world["case"], world["person"]
    values = {
        "case_id": case.public_id,
        "person_id": person.public_id,
        "code": case.district.code,
        "consent_id": case.consents.get().public_id,
    }
    for route in routes():
        if route in PUBLIC_OR_SIGN_OUT or route.startswith("admin/"):
            continue
        names = set(PARAMETER.findall(route))
        if "skyddade-uppgifter" in route or not names <= set(values):
            continue  # the reveal itself, and objects this person's case does not have
        path = "/" + PARAMETER.sub(lambda m: str(values[m.group(1)]), route)
        yield "get", path, None, {}
        if not names:
            yield "get", path, None, {"HTTP_HX_REQUEST": "true"}  # htmx partials
    yield "post", reverse("cases:open"), {"step": "search", "identity_number": NUMBER}, {}
    yield (
        "post",
        reverse("cases:open"),
        {
            "step": "search",
            "first_name": "Dolores",
            "last_name": "Skyddadsdotter",
            "birth_date": "1990-01-01",
        },
        {},
    )
    yield "post", reverse("cases:person_search"), {"identity_number": NUMBER}, {}
    for born in ("1990-01-01", ""):
        yield (
            "post",
            reverse("cases:person_search"),
            {"first_name": "Dolores", "last_name": "Skyddadsdotter", "birth_date": born},
            {},
        )
    yield "post", reverse("emergency_search"), {"identity_number": NUMBER}, {}
    yield "get", reverse("log_review:search") + f"?person={person.public_id}", None, {}
    yield "get", reverse("cases:detail", args=["00000000-0000-0000-0000-000000000000"]), None, {}
    yield "get", "/admin/", None, {}
    yield "get", "/admin/organisation/user/", None, {}


@pytest.mark.parametrize(
    "role",
    [
        "lead_worker",
        "lead_manager",
        "consented_worker",
        "other_district_worker",
        "implementerare",
        "analytiker",
        "systemforvaltare",
        "socialjour_with_emergency_access",
    ],
)
def test_no_response_holds_the_protected_persons_name_number_or_address(
    client, world, role, caplog
):
    caplog.set_level(logging.DEBUG)
    factories.sign_in(client, world["users"][role])
    statuses, leaks = {}, []

    for method, path, data, headers in requests(world):
        response = getattr(client, method)(path, data, **headers)
        leaks += [(path, value) for value in FORBIDDEN if value in text_of(response)]
        statuses[method, path] = response.status_code

    assert leaks == []
    assert [value for value in FORBIDDEN if value in caplog.text] == []  # nor any log line
    assert len(statuses) > 40
    # The case page was shown, masked, to exactly the roles with a part or emergency access.
    case_page = ("get", reverse("cases:detail", args=[world["case"].public_id]))
    assert statuses[case_page] == (200 if role in SEES_THE_CASE else 404)


HOUSING = "Skyddade boendet Fyren"  # where the protected person is placed (decision 0021)
CHILD = "Lillebror"


@pytest.mark.parametrize("role", [*sorted(SEES_THE_CASE), "invited_worker"])
def test_no_response_holds_the_protected_persons_housing_or_childs_name(client, world, role):
    """Where a protected person is placed, and the child placed with them (whose name would
    unmask the parent), appear on no page for any unit — the lead included — nor for one only
    invited."""
    from brytupp.cases.services import case_unit_invite
    from brytupp.interventions.services import ChildPlaced, decision_make, placement_start
    from brytupp.people.services import guardian_link

    case, person = world["case"], world["person"]
    lead = world["users"]["lead_worker"]
    every_request = list(requests(world))  # before a second consent: requests() takes the one
    child = factories.person(
        first_name=CHILD, last_name="Barnsson", birth_date=datetime.date(2018, 5, 5)
    )
    guardian_link(child=child, guardian=person)
    decision = decision_make(
        actor=lead,
        case=case,
        intervention="skyddat_boende",
        decided=TODAY - datetime.timedelta(days=3),
        start=TODAY - datetime.timedelta(days=3),
        provider_name=HOUSING,
    )
    placement_start(
        actor=lead,
        case=case,
        start=TODAY - datetime.timedelta(days=2),
        provider=HOUSING,
        decision=decision,
        children=[ChildPlaced(child=child)],
    )
    barn = factories.UnitFactory(district=case.district, kind="barn_unga", name="Barn Test")
    consent_record(
        actor=lead, case=case, given=TODAY, form="oral", purpose="Barnens behov", units=[barn]
    )
    case_unit_invite(actor=lead, case=case, unit=barn, invited=TODAY)
    users = {**world["users"], "invited_worker": factories.staff("handlaggare", barn)}
    factories.sign_in(client, users[role])
    leaks = []

    for method, path, data, headers in every_request:
        body = text_of(getattr(client, method)(path, data, follow=True, **headers))
        leaks += [(path, value) for value in (HOUSING, CHILD) if value in body]

    assert leaks == []


SELECT = re.compile(r"<select.*?</select>", re.DOTALL)


@pytest.mark.parametrize("role", ["other_district_worker", "same_district_worker"])
def test_the_insiders_pages_hold_nothing_of_the_person_or_where_they_live(client, world, role):
    """The insider's chain (issue 10): the search notice, the opening page, the case they
    open, its reveal and its address form. The holding case's unit and opening day may appear
    only among the opening form's choices of every district and unit, and its district there
    too — or as the insider's own district on the case they opened themselves."""
    case = world["case"]
    users = {
        **world["users"],
        "same_district_worker": factories.staff(
            "handlaggare", factories.UnitFactory(district=case.district, kind="barn_unga")
        ),
    }
    insider = users[role]
    unit = insider.memberships.get().unit
    factories.sign_in(client, insider)
    where = [case.lead_unit.name, case.opened.isoformat()]
    if unit.district != case.district:
        where.append(case.district.name)
    responses = []

    found = client.post(reverse("cases:open"), {"step": "search", "identity_number": NUMBER})
    responses.append(found)
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
            "reason": "Personen har sökt stöd hos vår enhet",
        },
        follow=True,
    )
    responses.append(opened)
    # The same district's insider too: refusing them at once would tell where the case is.
    fresh = Case.objects.exclude(pk=case.pk).get(person=world["person"])
    for path in (
        reverse("cases:detail", args=[fresh.public_id]),
        reverse("cases:address", args=[fresh.public_id]),
    ):
        responses.append(client.get(path))
    responses.append(
        client.post(reverse("cases:address", args=[fresh.public_id]), {"address": "X 1"})
    )
    responses.append(
        client.post(
            reverse("cases:identity_reveal", args=[fresh.public_id]),
            {"reason": "Jag behöver se uppgifterna"},
        )
    )

    assert [value for r in responses for value in FORBIDDEN if value in text_of(r)] == []
    assert [
        value for r in responses for value in where if value in SELECT.sub("", text_of(r))
    ] == []
    assert (fresh.acceptance, fresh.district) == ("pending", unit.district)
    assert [r.status_code for r in responses[2:]] == [200, 404, 404, 404]
