"""Pages on a narrow phone screen (320 CSS pixels, WCAG 1.4.10 reflow)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.browser

NARROW = {"width": 320, "height": 640}


def horizontal_overflow(page) -> int:
    """How many CSS pixels the page is wider than the window (0 when it reflows)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_sign_in_reflows_on_a_narrow_screen(page, live_server, org):
    page.set_viewport_size(NARROW)
    page.goto(f"{live_server.url}/logga-in/")

    assert horizontal_overflow(page) <= 0
    assert_accessible(page, "narrow-sign-in")


def test_menu_opens_on_a_narrow_screen(page, live_server, org):
    page.set_viewport_size(NARROW)
    sign_in(page, live_server, "test.chef", factories.TEST_PASSWORD)

    toggle = page.get_by_role("button", name="Meny")
    expect(toggle).to_be_visible()
    expect(page.get_by_role("link", name="Organisation")).to_be_hidden()
    toggle.click()
    expect(page.get_by_role("link", name="Organisation")).to_be_visible()
    assert_accessible(page, "narrow-start-enhetschef-menu-open")


def test_case_list_table_scrolls_in_its_own_box_on_a_narrow_screen(page, live_server, org):
    page.set_viewport_size(NARROW)
    sign_in(page, live_server, "test.handlaggare", factories.TEST_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Mina ärenden")
    assert_accessible(page, "narrow-start-handlaggare")

    assert horizontal_overflow(page) <= 0
