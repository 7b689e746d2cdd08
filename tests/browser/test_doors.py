"""Issue 13, "done when": a case worker signs in and, clicking only — no address typed but the
sign-in page's — records a screening, searches for the person, opens a case, invites a unit
(after recording the consent that lets her), records a placement and closes the case, which
asks how the running placement ends. axe-core runs on every page visited.

The person is already registered (Testa Exempelsson, reserve identity) and has no case: the
search by name without a date of birth finds her city-wide, and the case is opened from the
hit. Synthetic data only (tests/browser/journey_world.py)."""

from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import expect

from brytupp.cases.models import Case, CaseUnitStatus
from brytupp.people import services as people_services
from tests import factories
from tests.browser import journey_world as jw
from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.journey_world import PERSON, sv

pytestmark = pytest.mark.browser

CASE_URL = re.compile(r"/arenden/[0-9a-f-]{36}/(#[a-z-]*)?$")


@pytest.fixture
def w(transactional_db):
    world = jw.world()
    people_services.person_register(
        actor=None,
        first_name=PERSON.first,
        last_name=PERSON.last,
        birth_date=datetime.date.fromisoformat(PERSON.born),
        gender="female",
    )
    return world


def field(page, name: str, value: str | None = None):
    selector = f'main [name="{name}"]' + (f'[value="{value}"]' if value is not None else "")
    return page.locator(selector)


def click_to_next_page(locator) -> None:
    with locator.page.expect_navigation():
        locator.click()


def submit(page) -> None:
    click_to_next_page(page.locator("main form button[type=submit]").last)


def heading(page):
    return page.get_by_role("heading", level=1)


def test_a_case_worker_clicks_from_screening_to_closing(page, live_server, w):
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    visited = []

    def checked(name: str) -> None:
        visited.append(page.url)
        assert_accessible(page, f"doors-{len(visited):02d}-{name}")

    sign_in(page, live_server, w.a.username, factories.TEST_PASSWORD)
    expect(heading(page)).to_have_text(sv("My cases"))
    checked("start-page")
    menu = page.get_by_role("navigation", name=sv("Menu"))
    doors = page.get_by_role("navigation", name=sv("Start something new"))
    for label in ("New screening", "Search for a person"):
        expect(menu.get_by_role("link", name=sv(label))).to_be_visible()
    expect(menu.get_by_role("link", name="Öppna ärende")).to_be_visible()

    # A screening, from the start page's door.
    click_to_next_page(doors.get_by_role("button", name=sv("New screening")))
    expect(heading(page)).to_contain_text(sv("Record a screening"))
    checked("screening")
    field(page, "asked", "yes").check()
    for number in range(1, 7):  # FREDA-kortfrågor: violence disclosed at question 2
        field(page, f"q{number}", "yes" if number == 2 else "no").check()
    field(page, "told_of_help", "yes").check()
    submit(page)
    expect(heading(page)).to_have_text(sv("Screening recorded"))
    checked("screening-recorded")

    # Search for the person by name, from the menu.
    click_to_next_page(
        page.get_by_role("navigation", name=sv("Menu")).get_by_role(
            "link", name=sv("Search for a person")
        )
    )
    expect(heading(page)).to_have_text(sv("Search for a person"))
    checked("search")
    field(page, "first_name").fill(PERSON.first)
    field(page, "last_name").fill(PERSON.last)
    submit(page)
    hit = page.locator("#search-result .govuk-summary-card")
    expect(hit).to_have_count(1)
    expect(hit).to_contain_text(f"{PERSON.first} {PERSON.last}, {PERSON.born}")
    expect(hit).to_contain_text(sv("No open case, and none closed in the last 12 months."))
    checked("search-result")

    # Open the case from the hit.
    click_to_next_page(hit.get_by_role("button"))
    expect(heading(page)).to_contain_text(sv("Open the case"))
    expect(page.locator("main dl")).to_contain_text(f"{PERSON.first} {PERSON.last}, {PERSON.born}")
    checked("open-case")
    field(page, "district").select_option(str(w.district.pk))
    field(page, "lead_unit").select_option(w.rvt.code)
    field(page, "source", "self").check()
    submit(page)
    expect(page).to_have_url(CASE_URL)
    expect(heading(page)).to_have_text(f"{PERSON.first} {PERSON.last}")
    checked("case-opened")
    case = Case.objects.get(person__last_name=PERSON.last)
    assert (case.lead_unit, case.district, case.closed) == (w.rvt, w.district, None)

    # Consent covering ekonomiskt bistånd, then invite it.
    click_to_next_page(page.get_by_role("button", name=sv("Record consent")))
    checked("consent")
    field(page, "form", "written").check()
    field(page, "units", str(w.ekb.pk)).check()
    field(page, "purpose").fill(jw.PURPOSE)
    submit(page)
    expect(page).to_have_url(CASE_URL)
    click_to_next_page(page.get_by_role("button", name=sv("Invite a unit")))
    expect(heading(page)).to_contain_text(sv("Invite a unit"))
    checked("invite")
    field(page, "unit", str(w.ekb.pk)).check()
    submit(page)
    expect(page).to_have_url(CASE_URL)
    expect(page.locator("#units tbody tr", has_text=w.ekb.name)).to_contain_text(sv("Invited"))
    checked("case-unit-invited")
    assert case.case_units.get(unit=w.ekb).status == CaseUnitStatus.INVITED

    # A placement in protected housing.
    click_to_next_page(page.get_by_role("link", name=sv("Record a placement in protected housing")))
    expect(heading(page)).to_contain_text(sv("Record a placement in protected housing"))
    checked("placement")
    field(page, "start").fill(jw.today().isoformat())
    field(page, "provider").fill("Testboendet")
    submit(page)
    expect(page).to_have_url(CASE_URL)
    expect(page.locator("section[aria-labelledby=placements] .govuk-summary-card")).to_contain_text(
        sv("Ongoing")
    )
    checked("case-placement")
    placement = case.placements.get()

    # Closing asks how the running placement ends, and ends it in the same step.
    click_to_next_page(page.get_by_role("button", name=sv("Close the case")))
    expect(heading(page)).to_contain_text(sv("Close the case"))
    running = page.locator("main .brytupp-running")
    expect(running).to_have_count(1)
    expect(running).to_contain_text(
        sv("The placement in protected housing from %(start)s") % {"start": jw.today().isoformat()}
    )
    checked("close")
    submit(page)  # no reason for the closing, none for the placement's end: refused
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    checked("close-errors")
    placement.refresh_from_db()
    assert placement.end is None
    field(page, "closure_reason", "goals_met").check()
    running.locator('input[type=radio][value="completed"]').check()
    submit(page)
    expect(page).to_have_url(CASE_URL)
    expect(page.locator("main dl.govuk-summary-list").first).to_contain_text(sv("Closed"))
    checked("case-closed")

    case.refresh_from_db()
    placement.refresh_from_db()
    assert (case.closed, case.closure_reason) == (jw.today(), "goals_met")
    assert (placement.end, placement.end_reason) == (jw.today(), "completed")
    # Only the sign-in page was typed; every other page was reached by a click.
    assert all("/logga-in/" not in url for url in visited)
    assert errors == [], errors
