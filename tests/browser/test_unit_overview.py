"""The unit manager's view of the unit and a usable log review, in Chromium (issue 13): from
the manager's start page, by clicking only, to the overdue plan actions, the invitation
waiting and last month's review list; then a short id typed as the list shows it. Every page
is checked with axe-core, and no protected name is on any of them."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from brytupp.access import policies
from brytupp.cases.models import Case
from brytupp.cases.services import case_responsible_set
from tests import factories
from tests.browser.conftest import (
    PROTECTED_FIRST_NAME,
    PROTECTED_LAST_NAME,
    assert_accessible,
    sign_in,
)
from tests.worklists import given

pytestmark = pytest.mark.browser


@pytest.fixture
def unit(org):
    """The case worker is responsible for two of the unit's cases; one of them has a plan
    action two days overdue and invites Ekonomiskt bistånd; the third has no one."""
    worker = org.users.handlaggare
    cases = list(Case.objects.filter(lead_unit=org.rvt).order_by("pk"))
    for case in cases[:2]:
        case_responsible_set(actor=worker, part=case.case_units.get(), responsible=worker)
    given.action(cases[0], org.rvt, due_in_days=-2, actor=worker, description="Boka tolk")
    given.invite(cases[0], org.ekb, actor=worker)
    return cases


def _no_protected_name(page) -> None:
    html = page.content()
    assert PROTECTED_FIRST_NAME not in html and PROTECTED_LAST_NAME not in html


def test_the_manager_follows_the_unit_from_the_start_page(page, live_server, org, unit):
    sign_in(page, live_server, "test.chef", factories.TEST_PASSWORD)

    expect(page.get_by_role("heading", level=1)).to_have_text("Min enhet")
    caseload = page.locator(f'[data-caseload="{org.rvt.code}"]')
    expect(caseload.locator('[data-worker="test.handlaggare"] [data-count]')).to_have_text("2")
    expect(caseload.locator('[data-worker="test.kollega"] [data-count]')).to_have_text("0")
    expect(caseload.locator('[data-count="without_responsible"]')).to_have_text("1")
    overdue = page.locator(f'[data-overdue="{org.rvt.code}"]')
    expect(overdue.locator('[data-count="plan_action"]')).to_have_text("1")
    sent = page.locator('table[data-invitations="sent"]')
    expect(sent.locator("tbody tr")).to_have_count(1)
    expect(sent).to_contain_text("Ekonomiskt bistånd Farsta")
    expect(sent.locator('[data-count="days"]')).to_have_text("3")
    _no_protected_name(page)
    assert_accessible(page, "unit-overview")

    overdue.get_by_role("link", name=re.compile("^Visa")).first.click()
    expect(page).to_have_url(re.compile(r"/att-gora/\?.*overdue=1"))
    expect(page.locator("#todo-table tbody tr")).to_have_count(1)
    expect(page.locator("#todo-table")).to_contain_text("Boka tolk")
    assert_accessible(page, "unit-overview-overdue")

    page.go_back()
    sent.get_by_role("link").click()
    expect(page).to_have_url(re.compile(rf"/arenden/{unit[0].public_id}/$"))
    _no_protected_name(page)

    page.go_back()
    page.locator("[data-log-review-due]").get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Granskningslista")
    assert_accessible(page, "unit-overview-review-list")


def test_the_manager_searches_the_log_by_a_short_id(page, live_server, org, unit):
    sign_in(page, live_server, "test.chef", factories.TEST_PASSWORD)
    page.get_by_role("link", name="Loggkontroll").first.click()
    person_id = str(unit[0].person.public_id)
    # The entries on the person the manager reviews: the unit's own (the case worker's plan
    # action and invitation, the rows of the manager's start page).
    entries = policies.log_review.queryset(org.users.enhetschef).filter(person_public_id=person_id)
    assert entries.count() >= 2

    page.get_by_label("Person-id").fill(person_id[:8])
    page.get_by_role("button", name="Sök").click()

    rows = page.locator("tbody tr")
    expect(rows).to_have_count(entries.count())
    expect(rows.first).to_contain_text(person_id[:8])
    expect(rows.first).to_contain_text("Relationsvåldsteamet Farsta")
    assert_accessible(page, "log-review-short-id")

    page.get_by_label("Person-id").fill("zz")
    page.get_by_role("button", name="Sök").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Skriv ”Person-id” som listan")
    expect(page.locator("[data-not-searched]")).to_have_count(1)
    assert_accessible(page, "log-review-short-id-refused")
