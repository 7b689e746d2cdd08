"""The work lists in Chromium: tabs, the to-do filter updating the table through htmx, and
no accessibility violations (axe-core, WCAG 2.1 AA)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

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
def work(org):
    """The case worker is responsible for every RVT case; each has something due."""
    worker = org.users.handlaggare
    for case in Case.objects.filter(lead_unit=org.rvt).order_by("pk"):
        case_responsible_set(actor=worker, part=case.case_units.get(), responsible=worker)
        given.placement(case, started_days_ago=8, actor=worker)
        given.action(case, org.rvt, due_in_days=3, actor=worker)
    given.invite(given.open_case(org.ekb, last_name="Inbjudendotter"), org.rvt)
    return org


def test_my_cases_and_the_units_cases_are_two_tabs(page, live_server, work):
    sign_in(page, live_server, "test.handlaggare", factories.TEST_PASSWORD)

    expect(page.get_by_role("heading", level=1)).to_have_text("Mina ärenden")
    expect(page.locator("#case-table table tbody tr")).to_have_count(3)
    expect(page.locator("#invitations tbody tr")).to_have_count(1)
    assert_accessible(page, "worklists-my-cases")

    page.locator(".govuk-tabs__list-item").nth(1).get_by_role("link").click()

    expect(page).to_have_url(re.compile(r"/enhetens-arenden/$"))
    expect(page.locator("#case-table table tbody tr")).to_have_count(4)
    html = page.content()
    assert PROTECTED_FIRST_NAME not in html
    assert PROTECTED_LAST_NAME not in html
    assert_accessible(page, "worklists-unit-cases")


def test_the_to_do_filter_updates_the_table_and_the_address(page, live_server, work):
    sign_in(page, live_server, "test.handlaggare", factories.TEST_PASSWORD)
    page.goto(f"{live_server.url}/att-gora/")
    rows = page.locator("#todo-table tbody tr")
    expect(rows).to_have_count(6)
    expect(page.locator("#todo-table .govuk-tag--red")).to_have_count(3)
    assert_accessible(page, "worklists-to-do")

    page.locator("#todo-overdue").check()

    expect(page).to_have_url(re.compile(r"/att-gora/\?.*overdue=1"))
    expect(rows).to_have_count(3)
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    html = page.content()
    assert PROTECTED_FIRST_NAME not in html
    assert PROTECTED_LAST_NAME not in html
    assert_accessible(page, "worklists-to-do-overdue")
