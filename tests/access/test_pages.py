"""Each role reaches its own pages; any other page answers 404 and shows nothing of it."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

PAGES = {
    "web:work": "handlaggare",
    "web:unit_overview": "enhetschef",
    "web:district_overview": "implementerare",
    "web:city_followup": "analytiker",
    "web:administration": "systemforvaltare",
}


@pytest.fixture
def setting(district):
    rvt = factories.UnitFactory(district=district, kind="rvt", name="Relationsvåldsteamet Norrby")
    stab = factories.UnitFactory(district=district, kind="stab", name="Stab Norrby")
    protected = factories.person(
        first_name="Hemlig", last_name="Skyddadsson", protected_identity="skyddad_folkbokforing"
    )
    factories.case(person_=protected, unit=rvt)
    factories.case(person_=factories.person(first_name="Synlig", last_name="Öppensson"), unit=rvt)
    return {"rvt": rvt, "stab": stab, "district": district}


def member(setting, role):
    unit = (
        setting["stab"]
        if role in ("implementerare", "analytiker", "systemforvaltare")
        else setting["rvt"]
    )
    return factories.staff(role, unit)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("role", sorted(set(PAGES.values())))
def test_role_page_matrix(client, setting, page, role):
    factories.sign_in(client, member(setting, role))

    response = client.get(reverse(page))

    if PAGES[page] == role:
        assert response.status_code == 200
    else:
        assert response.status_code == 404
        body = response.content.decode()
        assert "Sidan hittades inte" in body or "Page not found" in body
        for secret in ("Hemlig", "Skyddadsson", "Synlig", "Öppensson", "Stadsdel", "Norrby"):
            assert secret not in body


@pytest.mark.parametrize(
    ("role", "page"),
    [
        ("handlaggare", "web:work"),
        ("enhetschef", "web:unit_overview"),
        ("implementerare", "web:district_overview"),
        ("analytiker", "web:city_followup"),
        ("systemforvaltare", "web:administration"),
    ],
)
def test_start_page_sends_each_role_to_its_page(client, setting, role, page):
    factories.sign_in(client, member(setting, role))

    response = client.get(reverse("web:start"))

    assert response.status_code == 302
    assert response["Location"] == reverse(page)


def test_a_user_without_a_role_today_sees_no_data(client, setting):
    factories.sign_in(client, factories.UserFactory())

    response = client.get(reverse("web:start"))

    assert response.status_code == 200
    assert "Synlig" not in response.content.decode()
    assert client.get(reverse("web:district_list")).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, setting):
    response = client.get(reverse("web:work"))

    assert response.status_code == 302
    assert response["Location"] == "/logga-in/?next=/mina-arenden/"


def test_case_worker_list_masks_protected_identity(client, setting):
    factories.sign_in(client, member(setting, "handlaggare"))

    body = client.get(reverse("web:unit_cases")).content.decode()

    assert "Synlig Öppensson" in body
    assert "Hemlig" not in body
    assert "Skyddadsson" not in body


def test_case_worker_of_another_district_sees_no_case(client, setting):
    outsider = factories.staff("handlaggare", factories.UnitFactory(kind="rvt"))
    factories.sign_in(client, outsider)

    body = client.get(reverse("web:unit_cases")).content.decode()

    assert "Synlig" not in body
    assert "Hemlig" not in body


def test_staff_of_another_unit_are_not_listed(client, setting):
    colleague = factories.staff(
        "handlaggare", setting["rvt"], first_name="Kollega", last_name="Rvtsson"
    )
    outsider = factories.staff("handlaggare", factories.UnitFactory(kind="rvt"))
    factories.sign_in(client, outsider)

    response = client.get(reverse("web:unit_detail", args=[setting["rvt"].code]))

    assert response.status_code == 200
    assert colleague.last_name not in response.content.decode()


def test_unit_manager_sees_own_staff(client, setting):
    factories.staff("handlaggare", setting["rvt"], first_name="Kollega", last_name="Rvtsson")
    factories.sign_in(client, member(setting, "enhetschef"))

    response = client.get(reverse("web:unit_detail", args=[setting["rvt"].code]))

    assert "Kollega Rvtsson" in response.content.decode()


def test_unknown_district_is_404(client, setting):
    factories.sign_in(client, member(setting, "handlaggare"))

    assert client.get(reverse("web:district_detail", args=["no-such-district"])).status_code == 404


@pytest.mark.parametrize("role", sorted(set(PAGES.values())))
def test_admin_only_for_the_system_administrator(client, setting, role):
    factories.sign_in(client, member(setting, role))

    response = client.get("/admin/")

    assert response.status_code == (200 if role == "systemforvaltare" else 404)


def test_admin_offers_organisation_but_no_person_or_case(client, setting):
    factories.sign_in(client, member(setting, "systemforvaltare"))

    body = client.get("/admin/").content.decode()

    assert "/admin/organisation/unit/" in body
    assert "/admin/people/" not in body
    assert "/admin/cases/" not in body
    assert client.get("/admin/organisation/unit/").status_code == 200
