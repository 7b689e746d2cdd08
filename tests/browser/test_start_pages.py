"""Each role's start page, what a case worker sees of cases, and what is hidden from them."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import (
    OTHER_UNIT_PERSON,
    PROTECTED_FIRST_NAME,
    PROTECTED_LAST_NAME,
    VISIBLE_PEOPLE,
    assert_accessible,
    sign_in,
)

pytestmark = pytest.mark.browser

START_PAGES = [
    ("handlaggare", "/mina-arenden/", "Mina ärenden"),
    ("enhetschef", "/min-enhet/", "Min enhet"),
    ("implementerare", "/min-stadsdel/", "Min stadsdel"),
    ("analytiker", "/uppfoljning/", "Uppföljning"),
    ("systemforvaltare", "/systemforvaltning/", "Systemförvaltning"),
]


@pytest.mark.parametrize(("role", "path", "heading"), START_PAGES, ids=[r[0] for r in START_PAGES])
def test_each_role_lands_on_its_start_page(page, live_server, org, role, path, heading):
    user = getattr(org.users, role)

    sign_in(page, live_server, user.username, factories.TEST_PASSWORD)

    expect(page).to_have_url(re.compile(re.escape(path) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.locator(".brytupp-account")).to_contain_text(f"{user.first_name} {user.last_name}")
    assert_accessible(page, f"start-{role}")


def test_case_worker_sees_the_units_cases_and_never_a_protected_name(page, live_server, org):
    sign_in(page, live_server, "test.handlaggare", factories.TEST_PASSWORD)
    # The start page lists the cases the worker is responsible for; the unit's are a tab away.
    page.get_by_role("link", name="Enhetens ärenden").click()
    expect(page).to_have_url(re.compile(r"/enhetens-arenden/$"))
    table = page.locator("#case-table table")
    expect(table.locator("tbody tr")).to_have_count(3)
    for first, last in VISIBLE_PEOPLE:
        expect(table).to_contain_text(f"{first} {last}")
    expect(table).to_contain_text("Skyddad identitet")
    expect(table).to_contain_text("Relationsvåldsteamet Farsta")

    html = page.content()
    assert PROTECTED_FIRST_NAME not in html
    assert PROTECTED_LAST_NAME not in html
    assert "Skyddad identitet" in html
    # A case only another unit takes part in is not listed.
    assert OTHER_UNIT_PERSON[1] not in html


@pytest.mark.parametrize("path", ["/uppfoljning/", "/systemforvaltning/"])
def test_case_worker_gets_not_found_on_pages_of_other_roles(page, live_server, org, path):
    sign_in(page, live_server, "test.handlaggare", factories.TEST_PASSWORD)

    response = page.goto(f"{live_server.url}{path}")

    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Sidan hittades inte")
    main = page.locator("main")
    expect(main.locator("table, dl, .govuk-summary-list")).to_have_count(0)
    assert not re.search(r"\d", main.inner_text()), "the 404 page shows figures"
    assert "Farsta" not in page.content()
    assert_accessible(page, f"not-found-handlaggare-{path.strip('/')}")


def test_case_worker_gets_not_found_on_the_admin(page, live_server, org):
    sign_in(page, live_server, "test.handlaggare", factories.TEST_PASSWORD)

    response = page.goto(f"{live_server.url}/admin/")

    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Sidan hittades inte")


def test_admin_index_for_the_system_administrator(page, live_server, org):
    sign_in(page, live_server, "test.forvaltare", factories.TEST_PASSWORD)

    response = page.goto(f"{live_server.url}/admin/")

    assert response.status == 200
    expect(page.locator("#content h1")).to_be_visible()
    assert_accessible(page, "admin-index")


def test_language_switch_to_english(page, live_server, org):
    sign_in(page, live_server, "test.handlaggare", factories.TEST_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Mina ärenden")

    footer = page.locator("footer")
    footer.locator("select#language").select_option("en")
    with page.expect_navigation():
        footer.get_by_role("button").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("My cases")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(r"/mina-arenden/$"))
    assert_accessible(page, "start-handlaggare-english")
