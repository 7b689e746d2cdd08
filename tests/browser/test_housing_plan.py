"""Issue 17 in the browser: from the placement on the case page to its housing plan, the plan
made from the city's checklist, the application for förtur granted, the contract for a
permanent home recorded, and the placement ended with permanent housing (the end form starting
from the contract), clicked through in Chromium; axe-core on every page (decisions 0046 and
0048). Synthetic data only."""

from __future__ import annotations

import json
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from brytupp.housing.configuration import housing_steps_load
from brytupp.interventions import services as interventions
from brytupp.organisation.services import STOCKHOLM
from tests import factories
from tests.browser import journey_world as jw
from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.journey_world import sv

pytestmark = pytest.mark.browser

NAME = f"{jw.PERSON.first} {jw.PERSON.last}"
PRIORITY = "Ansökan om förtur"


@pytest.fixture
def w(transactional_db):
    world = jw.world()
    world.case = jw.opened(world)
    housing_steps_load(configuration=json.loads(STOCKHOLM.read_text(encoding="utf-8")))
    world.placement = interventions.placement_start(
        actor=world.a, case=world.case, start=timezone.localdate()
    )
    return world


def go(locator) -> None:
    with locator.page.expect_navigation():
        locator.click()


def test_from_the_placement_to_fortur_granted_a_contract_and_permanent_housing(
    page, live_server, w
):
    today = timezone.localdate().isoformat()
    sign_in(page, live_server, w.a.username, factories.TEST_PASSWORD)
    go(page.get_by_role("link", name=NAME).first)

    card = page.locator(f"#placement-{w.placement.public_id}")
    go(card.get_by_role("link", name=re.compile("^" + re.escape(sv("Housing plan")))))
    expect(page.get_by_role("heading", level=1)).to_contain_text(sv("Housing plan"))
    assert_accessible(page, "housing-plan-01-no-plan")

    go(page.get_by_role("button", name=sv("Make the housing plan")))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        sv("The housing plan is made.")
    )
    table = page.locator("main table")
    expect(table.locator("tbody tr")).to_have_count(8)
    assert_accessible(page, "housing-plan-02-checklist")

    row = table.locator("tr[data-step=priority_allocation]")
    go(row.get_by_role("link", name=re.compile("^" + re.escape(sv("Change")))))
    expect(page.locator("main")).to_contain_text(PRIORITY)
    assert_accessible(page, "housing-plan-03-step")
    page.get_by_label(sv("Responsible unit")).select_option(w.rvt.code)
    page.get_by_label(sv("Application submitted")).fill(today)
    page.get_by_label(sv("Granted"), exact=True).check()
    page.get_by_label(sv("Date of the outcome")).fill(today)
    go(page.locator("main form button[type=submit]"))

    row = page.locator("main table tr[data-step=priority_allocation]")
    expect(row).to_contain_text(sv("Granted"))
    expect(row).to_contain_text(w.rvt.name)
    go(row.get_by_role("button", name=re.compile("^" + re.escape(sv("Mark done")))))
    expect(
        page.locator("main table tr[data-step=priority_allocation] [data-status]")
    ).to_contain_text(sv("Done %(day)s") % {"day": today})
    assert_accessible(page, "housing-plan-04-granted")

    # The contract for a permanent home, on the plan (decision 0048).
    go(page.get_by_role("link", name=sv("Record the contract")))
    assert_accessible(page, "housing-plan-05-contract")
    page.get_by_label(sv("Date the contract was signed")).fill(today)
    page.get_by_label(sv("First-hand contract"), exact=True).check()
    page.get_by_label(sv("Length of the contract in months")).fill("12")
    go(page.locator("main form button[type=submit]"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        sv("The contract for permanent housing is saved.")
    )
    contract = page.locator("main dl[data-contract]")
    expect(contract).to_contain_text(sv("First-hand contract"))
    expect(contract).to_contain_text(today)

    # The placement ends: its form starts from the contract.
    go(page.get_by_role("link", name=sv("Back")))
    card = page.locator(f"#placement-{w.placement.public_id}")
    go(card.get_by_role("link", name=re.compile("^" + re.escape(sv("End the placement")))))
    expect(page.get_by_label(sv("Housing the person moves to"))).to_have_value("first_hand")
    expect(page.get_by_label(sv("Length of the contract in months"))).to_have_value("12")
    assert_accessible(page, "housing-plan-06-end")
    page.get_by_label(sv("End of the placement")).fill(today)
    page.get_by_label(sv("Completed"), exact=True).check()
    go(page.locator("main form button[type=submit]"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        sv("The housing the person moves to counts as permanent housing.")
    )
    expect(page.locator(f"#placement-{w.placement.public_id}")).to_contain_text(
        sv("Permanent housing")
    )
