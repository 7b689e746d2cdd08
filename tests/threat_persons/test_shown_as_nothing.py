"""A threat person who is a client elsewhere is shown to that unit as nothing (issue 14,
decision 0039). The case worker of ekonomiskt bistånd whose client is the threat person, and
their manager, try every page an insider would: nothing of the victim's case appears — not
its id, not the victim's name or id, not the threat person's row, not the relation."""

import pytest
from django.urls import reverse

from brytupp.cases.threats import case_honour_context_set
from tests import factories

from .conftest import THREAT_NUMBER
from .support import text, words

pytestmark = pytest.mark.django_db


def _secrets(world) -> tuple[str, ...]:
    case, victim, row = world["case"], world["victim"], world["threat_row"]
    return (
        str(case.public_id),
        str(case.public_id)[:8],
        str(victim.public_id),
        str(victim.public_id)[:8],
        str(row.public_id),
        str(row.public_id)[:8],
        "Fejka",
        "Offersson",
        "Sibling",
        "Syskon",
        "Threat person recorded",
        "Honour-related context: yes",
    )


def _assert_shows_nothing_of_the_victims_case(world, response, *, typed: str = ""):
    """``typed``: the one thing the page may say back, the address the user typed in."""
    body = text(response)
    for secret in _secrets(world):
        if secret not in typed:
            assert secret not in body, secret


@pytest.fixture
def insider_world(world):
    # The lead unit marks the case honour-related too: not a word of it may reach EB.
    case_honour_context_set(actor=world["rvt_worker"], case=world["case"], honour_context=True)
    return world


def test_the_threat_persons_own_case_page_shows_nothing_of_the_victims_case(client, insider_world):
    world = insider_world
    factories.sign_in(client, world["ekb_worker"])

    response = client.get(reverse("cases:detail", args=[world["threat_case"].public_id]))

    assert response.status_code == 200
    body = words(response)
    assert "Hotfull Släktingsson" in body
    assert "No threat person is recorded." in body
    assert "Honour-related context No" in body
    _assert_shows_nothing_of_the_victims_case(world, response)


@pytest.mark.parametrize(
    "search",
    [
        {"identity_number": THREAT_NUMBER},
        {"first_name": "Hotfull", "last_name": "Släktingsson"},
    ],
)
def test_searching_the_threat_person_shows_nothing_of_the_victims_case(
    client, insider_world, search
):
    world = insider_world
    factories.sign_in(client, world["ekb_worker"])

    response = client.post(reverse("cases:person_search"), search)

    assert response.status_code == 200
    body = words(response)
    assert "led by Ekonomiskt bistånd Test" in body
    assert "Relationsvåldsteamet Test" not in body
    _assert_shows_nothing_of_the_victims_case(world, response)


@pytest.mark.parametrize(
    "page", ["web:start", "web:work", "web:unit_cases", "web:todo", "cases:person_search"]
)
def test_the_case_workers_lists_show_nothing_of_the_victims_case(client, insider_world, page):
    world = insider_world
    factories.sign_in(client, world["ekb_worker"])

    response = client.get(reverse(page), follow=True)

    assert response.status_code == 200
    _assert_shows_nothing_of_the_victims_case(world, response)


def test_the_threat_persons_own_invite_page_shows_nothing_of_the_victims_case(
    client, insider_world
):
    world = insider_world
    factories.sign_in(client, world["ekb_worker"])

    response = client.get(reverse("cases:invite", args=[world["threat_case"].public_id]))

    assert response.status_code == 200
    _assert_shows_nothing_of_the_victims_case(world, response)


@pytest.mark.parametrize(
    "page",
    [
        "cases:detail",
        "cases:invite",
        "cases:invitation",
        "cases:threat_person_add",
        "cases:honour_context",
        "cases:account_versions",
    ],
)
def test_the_victims_case_pages_are_not_found(client, insider_world, page):
    world = insider_world
    factories.sign_in(client, world["ekb_worker"])

    address = reverse(page, args=[world["case"].public_id])

    response = client.get(address)

    assert response.status_code == 404
    _assert_shows_nothing_of_the_victims_case(world, response, typed=address)


def test_the_case_worker_has_no_log_review(client, insider_world):
    factories.sign_in(client, insider_world["ekb_worker"])

    response = client.get(reverse("log_review:search"))

    assert response.status_code == 404


@pytest.mark.parametrize(
    "page", ["web:start", "web:unit_overview", "web:unit_cases", "log_review:search"]
)
def test_the_eb_managers_pages_and_log_review_show_nothing_of_the_victims_case(
    client, insider_world, page
):
    """The manager's log review shows the entries on their client (the person their unit
    holds): the lead unit's look-up of the number is one, naming no case."""
    world = insider_world
    factories.sign_in(client, factories.staff("enhetschef", world["ekb"]))

    response = client.get(reverse(page), follow=True)

    assert response.status_code == 200
    _assert_shows_nothing_of_the_victims_case(world, response)


def test_the_eb_managers_log_review_by_the_threat_persons_id_names_no_case_of_the_victim(
    client, insider_world
):
    world = insider_world
    factories.sign_in(client, factories.staff("enhetschef", world["ekb"]))

    response = client.get(
        reverse("log_review:search"), {"person": str(world["threat"].public_id)[:8]}
    )

    assert response.status_code == 200
    assert str(world["threat"].public_id)[:8] in text(response)
    _assert_shows_nothing_of_the_victims_case(world, response)
