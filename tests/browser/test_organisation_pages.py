"""The organisation directory: districts, a district, a unit with its staff."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.browser


def test_organisation_pages_for_the_unit_manager(page, live_server, org):
    sign_in(page, live_server, "test.chef", factories.TEST_PASSWORD)

    page.goto(f"{live_server.url}/organisation/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Organisation")
    expect(page.get_by_role("link", name="Farsta")).to_be_visible()
    expect(page.get_by_role("link", name="Skärholmen")).to_be_visible()
    assert_accessible(page, "organisation-districts")

    with page.expect_navigation():
        page.get_by_role("link", name="Farsta").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Farsta")
    main = page.locator("main")
    for unit in ("Relationsvåldsteamet Farsta", "Ekonomiskt bistånd Farsta", "Farsta stab"):
        expect(main.get_by_role("link", name=unit)).to_be_visible()
    assert_accessible(page, "organisation-district-farsta")

    with page.expect_navigation():
        main.get_by_role("link", name="Relationsvåldsteamet Farsta").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Relationsvåldsteamet Farsta")
    staff = page.locator("main table")
    expect(staff.locator("tbody tr")).to_have_count(3)
    for name in ("Test Handläggare", "Test Enhetschef", "Test Kollega"):
        expect(staff).to_contain_text(name)
    assert_accessible(page, "organisation-unit-farsta-rvt")


def test_unit_manager_does_not_see_staff_of_another_unit(page, live_server, org):
    sign_in(page, live_server, "test.chef", factories.TEST_PASSWORD)

    page.goto(f"{live_server.url}/organisation/enheter/farsta-ekb/")

    expect(page.get_by_role("heading", level=1)).to_contain_text("Ekonomiskt bistånd Farsta")
    expect(page.locator("main table")).to_have_count(0)
    assert_accessible(page, "organisation-unit-farsta-ekb-no-staff")
