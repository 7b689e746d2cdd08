"""Opening a case: search before create, the notice of other cases, registering, opening."""

import datetime

import pytest
from django.core import signing
from django.urls import reverse

from brytupp.cases.models import Case, CaseEvent, CaseUnit
from brytupp.cases.services import case_close, case_open
from brytupp.people.models import Person
from tests import factories

from .data import ACCOUNT, DAY, IDENTITY_NUMBER, PURPOSE, TODAY, body, iso

pytestmark = pytest.mark.django_db

URL = reverse("cases:open")


def search(client, **typed):
    return client.post(URL, {"step": "search", **typed})


def open_with(client, response, **fields):
    """Post the opening form that ``response`` showed, with ``fields`` changed."""
    form = response.context["form"]
    data = {"step": "open", **{name: form[name].value() for name in form.fields}, **fields}
    data = {key: ("" if value is None else value) for key, value in data.items()}
    if isinstance(data.get("opened"), datetime.date):
        data["opened"] = iso(data["opened"])
    return client.post(URL, data)


def test_the_search_asks_for_a_number_or_a_name_and_birth_date(client, journey):
    factories.sign_in(client, journey.worker)

    response = search(client, first_name="Testa")

    assert response.status_code == 200
    assert "Enter the identity number, or the first name, last name and date of birth." in body(
        response
    )


def test_search_by_identity_number_finds_the_registered_person(client, journey):
    factories.sign_in(client, journey.ekb_worker)

    response = search(client, identity_number="191212121212")

    page = body(response)
    assert "This person is already registered" in page
    assert IDENTITY_NUMBER in page  # what was typed …
    assert "Testa" not in page  # … and nothing more of the person
    assert "Exempelsson" not in page
    assert (
        f"An open case in Norrby led by Relationsvåldsteamet Norrby since {iso(TODAY - 30 * DAY)}"
        in page
    )
    assert ACCOUNT not in page
    assert PURPOSE not in page
    assert Person.objects.count() == 1


def test_search_by_name_and_birth_date_finds_the_registered_person(client, journey):
    factories.sign_in(client, journey.worker)

    response = search(client, first_name="testa", last_name="EXEMPELSSON", birth_date="1912-12-12")

    page = body(response)
    assert "This person is already registered" in page
    assert "testa EXEMPELSSON, born 1912-12-12" in page
    assert IDENTITY_NUMBER not in page
    assert Person.objects.count() == 1


def test_a_protected_person_is_masked_even_in_what_was_typed(client, journey):
    factories.person(
        first_name="Hemliga",
        last_name="Skyddadsdotter",
        birth_date=datetime.date(2017, 1, 1),
        identity_number="201701012393",
        protected_identity="skyddad_folkbokforing",
    )
    factories.sign_in(client, journey.worker)

    response = search(client, identity_number="20170101-2393")

    page = body(response)
    assert "This person is already registered" in page
    assert "Protected identity" in page
    assert not any(form in page for form in ("20170101-2393", "201701012393", "170101-2393"))
    assert "Hemliga" not in page


def test_the_notice_shows_a_case_closed_within_twelve_months_with_its_date_only(client, journey):
    other_district = factories.DistrictFactory(name="Söderby")
    other_rvt = factories.UnitFactory(district=other_district, kind="rvt", name="RVT Söderby")
    person = factories.person(first_name="Prova", last_name="Påhittsdotter")
    earlier = case_open(
        person=person,
        district=other_district,
        lead_unit=other_rvt,
        source="self",
        opened=TODAY - 400 * DAY,
    )
    earlier.account = "Det tidigare ärendets innehåll"
    earlier.save()
    case_close(case=earlier, closed=TODAY - 330 * DAY, reason="goals_met")
    factories.sign_in(client, journey.worker)

    response = search(
        client, first_name="Prova", last_name="Påhittsdotter", birth_date="1985-01-01"
    )

    page = body(response)
    assert f"A case in Söderby closed on {iso(TODAY - 330 * DAY)}" in page
    assert "Det tidigare ärendets innehåll" not in page
    assert "Goals met" not in page


def test_the_notice_leaves_out_a_case_closed_thirteen_months_ago(client, journey):
    person = factories.person(first_name="Prova", last_name="Påhittsdotter")
    earlier = case_open(
        person=person,
        district=journey.district,
        lead_unit=journey.rvt,
        source="self",
        opened=TODAY - 500 * DAY,
    )
    case_close(case=earlier, closed=TODAY - 395 * DAY, reason="moved")
    factories.sign_in(client, journey.worker)

    response = search(
        client, first_name="Prova", last_name="Påhittsdotter", birth_date="1985-01-01"
    )

    page = body(response)
    assert "This person is already registered" in page
    assert iso(TODAY - 395 * DAY) not in page
    assert "closed on" not in page
    assert 'id="person-case-notice"' not in page


def test_a_person_who_is_not_found_is_registered_then_the_case_opened(client, journey):
    factories.sign_in(client, journey.worker)

    found = search(client, identity_number="201701012393")
    assert "Register the person" in body(found)
    assert found.context["form"]["identity_number"].value() == "20170101-2393"

    registered = client.post(
        URL,
        {
            "step": "register",
            "first_name": "Prova",
            "last_name": "Påhittsdotter",
            "birth_date": "",
            "gender": "female",
            "identity_number": "20170101-2393",
            "protected_identity": "none",
        },
    )
    person = Person.objects.get(first_name="Prova")
    assert (person.birth_date, person.identity_kind, person.protected_identity) == (
        datetime.date(2017, 1, 1),
        "personnummer",
        "none",
    )
    page = body(registered)
    assert "The person is registered. Now open the case." in page
    assert "Prova Påhittsdotter, 2017-01-01" in page
    assert "20170101-2393" not in page

    opened = open_with(client, registered, source="self")

    case = Case.objects.get(person=person)
    assert opened.status_code == 302
    assert opened["Location"] == reverse("cases:detail", args=[case.public_id])
    assert (case.district, case.lead_unit, case.source, case.opened, case.closed) == (
        journey.district,
        journey.rvt,
        "self",
        TODAY,
        None,
    )
    part = CaseUnit.objects.get(case=case)
    assert (part.unit, part.status, part.responsible) == (journey.rvt, "active", journey.worker)


def test_registering_someone_already_registered_by_name_makes_no_double(client, journey):
    factories.person(first_name="Prova", last_name="Påhittsdotter")
    factories.sign_in(client, journey.worker)
    before = Person.objects.count()

    response = client.post(
        URL,
        {
            "step": "register",
            "first_name": "Prova",
            "last_name": "Påhittsdotter",
            "birth_date": "1985-01-01",
            "gender": "female",
            "protected_identity": "none",
        },
    )

    assert "This person is already registered" in body(response)
    assert Person.objects.count() == before


def test_registering_a_registered_identity_number_makes_no_double(client, journey):
    factories.sign_in(client, journey.worker)

    response = client.post(
        URL,
        {
            "step": "register",
            "first_name": "Annat",
            "last_name": "Namn",
            "gender": "female",
            "identity_number": IDENTITY_NUMBER,
            "protected_identity": "none",
        },
    )

    assert "This person is already registered" in body(response)
    assert Person.objects.count() == 1


def test_registering_without_a_name_or_number_is_refused(client, journey):
    factories.sign_in(client, journey.worker)

    response = client.post(
        URL,
        {
            "step": "register",
            "birth_date": "1990-05-05",
            "gender": "female",
            "protected_identity": "none",
        },
    )

    assert "A person without an identity number needs a first and last name." in body(response)
    assert Person.objects.count() == 1


def test_a_second_open_case_in_the_district_is_refused_on_the_form(client, journey):
    factories.sign_in(client, journey.worker)
    found = search(client, identity_number=IDENTITY_NUMBER)
    events = CaseEvent.objects.count()

    response = open_with(client, found, source="police")

    assert response.status_code == 200
    page = body(response)
    assert "The person already has an open case in this district." in page
    assert (
        f"An open case in Norrby led by Relationsvåldsteamet Norrby since {iso(TODAY - 30 * DAY)}"
        in page
    )
    assert Case.objects.count() == 1
    assert CaseEvent.objects.count() == events


def test_a_lead_unit_of_another_district_is_refused(client, journey):
    other_rvt = factories.UnitFactory(kind="rvt", name="RVT Söderby")
    person = factories.person(first_name="Prova", last_name="Påhittsdotter")
    factories.sign_in(client, journey.worker)
    found = search(client, first_name="Prova", last_name="Påhittsdotter", birth_date="1985-01-01")

    response = open_with(client, found, source="self", lead_unit=other_rvt.code)

    assert "The lead unit belongs to another district." in body(response)
    assert not Case.objects.filter(person=person).exists()


def test_a_forged_person_token_opens_nothing(client, journey):
    person = factories.person(first_name="Prova", last_name="Påhittsdotter")
    forged = signing.dumps(
        {"p": str(person.public_id), "u": str(journey.worker.public_id), "l": "x"}, salt="other"
    )
    factories.sign_in(client, journey.worker)

    response = client.post(
        URL,
        {
            "step": "open",
            "person": forged,
            "district": journey.district.pk,
            "lead_unit": journey.rvt.code,
            "source": "self",
            "opened": iso(TODAY),
        },
    )

    assert "Search for the person again before you open the case." in body(response)
    assert not Case.objects.filter(person=person).exists()


def test_another_users_person_token_opens_nothing(client, journey):
    person = factories.person(first_name="Prova", last_name="Påhittsdotter")
    factories.sign_in(client, journey.ekb_worker)
    found = search(client, first_name="Prova", last_name="Påhittsdotter", birth_date="1985-01-01")
    factories.sign_in(client, journey.worker)

    response = open_with(client, found, source="self")

    assert "Search for the person again before you open the case." in body(response)
    assert not Case.objects.filter(person=person).exists()


def test_the_lead_unit_defaults_to_the_users_unit_in_its_district(client, journey):
    factories.person(first_name="Prova", last_name="Påhittsdotter")
    factories.sign_in(client, journey.ekb_worker)

    response = search(
        client, first_name="Prova", last_name="Påhittsdotter", birth_date="1985-01-01"
    )

    form = response.context["form"]
    assert form["district"].value() == journey.district.pk
    assert form["lead_unit"].value() == journey.ekb.code
    assert form["opened"].value() == TODAY


def test_the_lead_unit_defaults_to_the_rvt_for_a_city_wide_unit_with_a_district(client, journey):
    socialjour = factories.UnitFactory(district=None, kind="socialjour", name="Socialjouren")
    worker = factories.staff("handlaggare", socialjour)
    factories.person(first_name="Prova", last_name="Påhittsdotter")
    factories.sign_in(client, worker)

    response = search(
        client, first_name="Prova", last_name="Påhittsdotter", birth_date="1985-01-01"
    )

    form = response.context["form"]
    assert (form["district"].value(), form["lead_unit"].value()) == (None, "")
    assert "Socialjouren" in body(response)  # offered among the city-wide units


def test_no_personal_data_in_the_opening_urls(client, journey):
    factories.sign_in(client, journey.worker)

    found = search(client, identity_number=IDENTITY_NUMBER)
    response = open_with(client, found, source="self")

    assert response.status_code == 200  # refused: the person has an open case
    assert "191212" not in found.request["PATH_INFO"] + found.request.get("QUERY_STRING", "")
    token = found.context["form"]["person"].value()
    carried = signing.b64_decode(token.split(":")[0].encode()).decode()
    assert str(journey.person.public_id) in carried
    assert "-1212" not in carried
