"""The local process clicked through (decision 0051): the district's process owner opens it from
their start page, changes an item, is refused a wrong answer and sees the change in the
history; the analyst compares the districts side by side. axe-core clean on each page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from brytupp.localprocess.models import LocalOffer
from tests import factories
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.browser

COUNSELLING = "individuell rådgivning och vägledning"
CHANGE_COUNSELLING = re.compile(rf"^Ändra\s+{COUNSELLING}$")
HISTORY_OF_COUNSELLING = re.compile(rf"^Historik\s+{COUNSELLING}$")


def test_the_process_owner_keeps_the_districts_local_process(page, live_server, org):
    sign_in(page, live_server, "test.process", factories.TEST_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Min stadsdel")

    with page.expect_navigation():
        page.get_by_role("link", name=re.compile(r"^Lokal process\s*, Farsta$")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lokal process")
    expect(page.locator("main")).to_contain_text("Ingen erbjuder")
    assert_accessible(page, "local-process-farsta-empty")

    with page.expect_navigation():
        page.get_by_role("link", name=CHANGE_COUNSELLING).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Individuell rådgivning och vägledning"
    )
    page.get_by_label("Enhet som erbjuder den").select_option(label="Relationsvåldsteamet Farsta")
    page.get_by_label("Telefon").fill("08-123 45 01")
    page.get_by_label("E-post").fill("farsta-rvt@example.se")
    page.get_by_label("Besöksadress").fill("Exempelgatan 1, Stockholm")
    page.get_by_label("Öppettider").fill("Måndag–fredag 8–16")
    page.get_by_label("Så når man dem säkert").fill("Vi ringer upp från dolt nummer.")
    page.get_by_label("Väntetid i dagar").fill("-2")
    assert_accessible(page, "local-process-form")
    with page.expect_navigation():
        page.get_by_role("button", name="Spara").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Det finns ett problem")
    expect(summary).to_contain_text("större än eller lika med 0")
    assert LocalOffer.objects.count() == 0
    assert_accessible(page, "local-process-form-refused")

    page.get_by_label("Väntetid i dagar").fill("3")
    with page.expect_navigation():
        page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lokal process")
    expect(page.locator("main")).to_contain_text("Relationsvåldsteamet Farsta")
    expect(page.locator("main")).to_contain_text("Test Implementerare")
    offer = LocalOffer.objects.get()
    assert (offer.item, offer.unit.code, offer.waiting_days) == ("radgivning", "farsta-rvt", 3)

    with page.expect_navigation():
        page.get_by_role("link", name=HISTORY_OF_COUNSELLING).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Historik")
    expect(page.get_by_role("heading", name="Version 1")).to_be_visible()
    expect(page.locator("main")).to_contain_text("08-123 45 01")
    expect(page.locator("main")).to_contain_text("Test Implementerare")
    assert_accessible(page, "local-process-history")


def test_the_analyst_compares_every_districts_local_process(page, live_server, org):
    sign_in(page, live_server, "test.analytiker", factories.TEST_PASSWORD)

    with page.expect_navigation():
        page.get_by_role("link", name="Lokala processer i staden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lokala processer i staden")
    table = page.get_by_role("table", name="Paletten i varje stadsdel")
    expect(table.locator("thead th")).to_have_text(["Insats", "Farsta", "Skärholmen"])
    expect(table.locator("tbody tr")).to_have_count(8)
    expect(page.get_by_role("heading", name="Luckor")).to_be_visible()
    assert_accessible(page, "local-process-city")

    with page.expect_navigation():
        table.get_by_role("link", name="Farsta").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lokal process")
    expect(page.get_by_role("link", name=re.compile("^Ändra"))).to_have_count(0)
    assert_accessible(page, "local-process-farsta-read-only")
