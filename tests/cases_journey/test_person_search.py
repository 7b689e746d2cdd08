"""Issue 13, doors: "Sök person" across the city, by identity number or by name with or without
the date of birth, and the ways into the journey from the menu and the start pages.

By number the search is the opening's (``person_match_for_opening``, the notice of
``person_case_notice``): a protected person is found, with only that a case exists. By name a
protected person is never found. Every search is in the access log: each person found as a
search hit, a search that finds no one without a person. Synthetic people only."""

import datetime
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from brytupp.audit.models import AccessLogEntry
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
NUMBER = "199001611236"  # a coordination number, born 1990-01-01
PROTECTED_NAME = ("Dolores", "Skyddadsdotter")


@pytest.fixture(autouse=True)
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def city():
    north = factories.DistrictFactory(name="Norrby")
    south = factories.DistrictFactory(name="Söderby")
    north_rvt = factories.UnitFactory(district=north, kind="rvt", name="RVT Norrby")
    south_rvt = factories.UnitFactory(district=south, kind="rvt", name="RVT Söderby")
    searcher = factories.staff("handlaggare", north_rvt)
    older = factories.person(
        first_name="Testa", last_name="Sökdotter", birth_date=datetime.date(1980, 2, 3)
    )
    younger = factories.person(
        first_name="Testa", last_name="Sökdotter", birth_date=datetime.date(1995, 6, 7)
    )
    own = factories.case(person_=older, unit=north_rvt, opened=TODAY - datetime.timedelta(days=9))
    elsewhere = factories.case(
        person_=younger, unit=south_rvt, opened=TODAY - datetime.timedelta(days=30)
    )
    protected = factories.person(
        first_name=PROTECTED_NAME[0],
        last_name=PROTECTED_NAME[1],
        birth_date=datetime.date(1990, 1, 1),
        identity_number=NUMBER,
        protected_identity="skyddad_folkbokforing",
    )
    factories.case(person_=protected, unit=south_rvt, opened=TODAY - datetime.timedelta(days=40))
    return {
        "searcher": searcher,
        "older": older,
        "younger": younger,
        "protected": protected,
        "own": own,
        "elsewhere": elsewhere,
        "south_rvt": south_rvt,
    }


def search(client, **data):
    response = client.post(reverse("cases:person_search"), data)
    assert response.status_code == 200
    return response, re.sub(r"\s+", " ", response.content.decode())


def log_entries() -> list[tuple[str, str | None, str]]:
    return list(
        AccessLogEntry.objects.filter(kind__in=["search", "search_hit"])
        .order_by("seq")
        .values_list("kind", "person_public_id", "ground")
    )


def test_by_name_without_a_birth_date_every_unprotected_namesake_is_found(client, city):
    factories.sign_in(client, city["searcher"])

    _response, page = search(client, first_name="testa", last_name="SÖKDOTTER")

    assert "Testa Sökdotter, 1980-02-03" in page
    assert "Testa Sökdotter, 1995-06-07" in page
    assert page.index("1980-02-03") < page.index("1995-06-07")
    opened_elsewhere = (TODAY - datetime.timedelta(days=30)).isoformat()
    assert f"An open case in Söderby led by RVT Söderby since {opened_elsewhere}" in page
    own_link = reverse("cases:detail", args=[city["own"].public_id])
    assert own_link in page
    assert reverse("cases:detail", args=[city["elsewhere"].public_id]) not in page
    assert log_entries() == [
        ("search_hit", city["older"].public_id, "case_opening"),
        ("search_hit", city["younger"].public_id, "case_opening"),
    ]


def test_by_name_and_birth_date_only_that_person_is_found(client, city):
    factories.sign_in(client, city["searcher"])

    _response, page = search(
        client, first_name="Testa", last_name="Sökdotter", birth_date="1995-06-07"
    )

    assert "Testa Sökdotter, 1995-06-07" in page
    assert "1980-02-03" not in page
    assert log_entries() == [("search_hit", city["younger"].public_id, "case_opening")]


@pytest.mark.parametrize("born", ["1990-01-01", ""])
def test_a_protected_person_is_never_found_by_name(client, city, born):
    factories.sign_in(client, city["searcher"])

    _response, page = search(
        client, first_name=PROTECTED_NAME[0], last_name=PROTECTED_NAME[1], birth_date=born
    )

    assert "No one is registered with what you searched for." in page
    for secret in (*PROTECTED_NAME, "Söderby", "Protected identity"):
        assert secret not in page, secret
    assert log_entries() == [("search", None, "case_opening")]


def test_a_protected_person_by_number_shows_only_that_a_case_exists(client, city):
    factories.sign_in(client, city["searcher"])

    _response, page = search(client, identity_number=NUMBER)

    assert "Protected identity" in page
    assert "The person has a case with the social services." in page
    for secret in (*PROTECTED_NAME, NUMBER, NUMBER[2:], "Söderby", "1990-01-01"):
        assert secret not in page, secret
    assert log_entries() == [("search_hit", city["protected"].public_id, "case_opening")]


def test_an_unknown_number_finds_no_one_and_leads_to_registering(client, city):
    factories.sign_in(client, city["searcher"])

    _response, page = search(client, identity_number="191212121212")

    assert "No one is registered with what you searched for." in page
    assert f'href="{reverse("cases:open")}">Register the person and open a case' in page
    assert "191212121212" not in page
    assert log_entries() == [("search", None, "case_opening")]


def test_a_search_needs_a_number_or_a_whole_name(client, city):
    factories.sign_in(client, city["searcher"])

    response, page = search(client, first_name="Testa")

    assert "Enter the identity number, or the first and last name." in page
    assert response.context["search"] is None
    assert log_entries() == []


def test_a_hit_opens_a_case_for_the_person_found(client, city):
    factories.sign_in(client, city["searcher"])
    response, _page = search(client, first_name="Testa", last_name="Sökdotter")
    token = response.context["hits"][1].token

    opening = client.post(reverse("cases:open"), {"step": "refer", "person": token})

    page = opening.content.decode()
    assert "Open the case" in page
    assert "Testa Sökdotter, 1995-06-07" in page
    assert opening.context["form"]["person"].value() == token


@pytest.mark.parametrize("role", ["analytiker", "implementerare", "systemforvaltare"])
def test_roles_without_case_work_get_not_found_and_no_trace(client, city, role):
    factories.sign_in(client, factories.staff(role, city["south_rvt"]))

    for response in (
        client.get(reverse("cases:person_search")),
        client.post(
            reverse("cases:person_search"), {"first_name": "Testa", "last_name": "Sökdotter"}
        ),
    ):
        assert response.status_code == 404
        assert "Sökdotter" not in response.content.decode()
    assert log_entries() == []


# --- the doors --------------------------------------------------------------------------------

DOORS = [
    ("/arenden/screening/", "New screening"),
    ("/arenden/sok/", "Search for a person"),
    ("/arenden/nytt/", "Open a case"),
]


def menu(page: str) -> str:
    return page[page.index('id="navigation"') : page.index("</nav>")]


def start_page_doors(page: str) -> str:
    start = page.index('id="case-doors-title"')
    return page[start : page.index("</nav>", start)]


@pytest.mark.parametrize(
    ("role", "kind", "start"),
    [
        ("handlaggare", "rvt", "web:work"),
        ("handlaggare", "ekonomiskt_bistand", "web:work"),
        ("handlaggare", "socialjour", "web:work"),
        ("enhetschef", "barn_unga", "web:unit_overview"),
    ],
)
def test_every_case_working_role_has_the_doors_in_the_menu_and_on_its_start_page(
    client, role, kind, start
):
    district = None if kind == "socialjour" else factories.DistrictFactory()
    user = factories.staff(role, factories.UnitFactory(district=district, kind=kind))
    factories.sign_in(client, user)

    landing = client.get(reverse("web:start"), follow=True)

    assert landing.redirect_chain[-1][0] == reverse(start)
    page = landing.content.decode()
    for url, label in DOORS:
        assert f'href="{url}"' in menu(page), label
        assert f'<a href="{url}" role="button"' in start_page_doors(page), label
        assert label in start_page_doors(page)
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("role", ["analytiker", "implementerare", "systemforvaltare"])
def test_other_roles_have_no_doors(client, role):
    factories.sign_in(client, factories.staff(role, factories.UnitFactory(kind="stab")))

    page = client.get(reverse("web:start"), follow=True).content.decode()

    for url, _label in DOORS:
        assert f'href="{url}"' not in page
    assert 'id="case-doors-title"' not in page
