"""Signing in and out, and what a wrong sign-in tells (nothing about which part was wrong)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.browser

WRONG_SIGN_IN = "Fel användarnamn eller lösenord."


def test_sign_in_page_is_swedish_and_accessible(page, live_server, org):
    page.goto(f"{live_server.url}/logga-in/")

    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.get_by_label("Användarnamn")).to_be_visible()
    expect(page.get_by_label("Lösenord")).to_be_visible()
    expect(page.get_by_role("button", name="Logga in")).to_be_visible()
    assert_accessible(page, "sign-in")


def test_wrong_password_and_unknown_user_get_the_same_message(page, live_server, org):
    sign_in(page, live_server, "test.handlaggare", "not-the-password")

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text(WRONG_SIGN_IN)
    expect(page).to_have_url(re.compile(r"/logga-in/$"))
    expect(page.get_by_label("Lösenord")).to_have_value("")
    wrong_password_summary = summary.inner_text()
    assert_accessible(page, "sign-in-wrong-password")

    sign_in(page, live_server, "nobody.here", factories.TEST_PASSWORD)

    expect(summary).to_contain_text(WRONG_SIGN_IN)
    assert summary.inner_text() == wrong_password_summary
    assert_accessible(page, "sign-in-unknown-user")


def test_error_summary_link_moves_focus_to_the_user_name(page, live_server, org):
    sign_in(page, live_server, "test.handlaggare", "not-the-password")

    page.locator(".govuk-error-summary").get_by_role("link", name=WRONG_SIGN_IN).click()

    expect(page.get_by_label("Användarnamn")).to_be_focused()


def test_sign_out_ends_the_session(page, live_server, org):
    sign_in(page, live_server, "test.handlaggare", factories.TEST_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Mina ärenden")

    with page.expect_navigation():
        page.get_by_role("button", name="Logga ut").click()

    expect(page).to_have_url(re.compile(r"/logga-in/$"))
    expect(page.get_by_role("button", name="Logga ut")).to_have_count(0)

    page.goto(f"{live_server.url}/")

    expect(page).to_have_url(re.compile(r"/logga-in/\?next=/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Logga in i Bryt upp")
