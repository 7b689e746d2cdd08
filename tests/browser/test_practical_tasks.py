"""Issue 17 item 2 in the browser (decision 0047): a practical-support task added from the
case page for a named case worker, found in Att göra and marked done from there, clicked
through in Chromium; axe-core on every page.

A (a case worker of the RVT, leading Testa Exempelsson's case) adds a BankID task for
herself, due today; it is on the case page's plan section and in Att göra as "Praktiskt
stöd"; its link opens the page that marks it done. Synthetic data only.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from brytupp.plans.kinds import practical_task_kinds_ensure
from tests import factories
from tests.browser import journey_world as jw
from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.journey_world import sv

pytestmark = pytest.mark.browser

NAME = f"{jw.PERSON.first} {jw.PERSON.last}"
NOTE = "Följ med till banken på tisdag."


@pytest.fixture
def w(transactional_db):
    practical_task_kinds_ensure()  # the test before this one may have emptied the table
    world = jw.world()
    world.case = jw.opened(world)
    return world


def go(locator) -> None:
    with locator.page.expect_navigation():
        locator.click()


def test_a_practical_task_added_found_in_att_gora_and_done(page, live_server, w):
    today = timezone.localdate().isoformat()
    sign_in(page, live_server, w.a.username, factories.TEST_PASSWORD)
    go(page.get_by_role("link", name=NAME).first)

    go(page.get_by_role("link", name=sv("Add a practical support task")))
    assert_accessible(page, "practical-01-add")
    page.get_by_label(sv("Kind of support")).select_option("bankid")
    page.get_by_label(sv("Responsible unit")).select_option(w.rvt.code)
    page.get_by_label(sv("Case worker (optional)")).select_option(str(w.a.public_id))
    page.get_by_label(sv("Due"), exact=True).fill(today)
    page.get_by_label(sv("Note (optional)")).fill(NOTE)
    go(page.locator("main form button[type=submit]"))

    section = page.locator("main section[aria-labelledby=plan]")
    expect(section).to_contain_text("BankID")
    expect(section).to_contain_text(NOTE)
    assert_accessible(page, "practical-02-on-the-case")

    page.goto(f"{live_server.url}{reverse('web:todo')}")
    row = page.locator("#todo-table tbody tr").filter(has_text="BankID")
    expect(row).to_contain_text(sv("Practical support"))
    assert_accessible(page, "practical-03-att-gora")

    go(row.get_by_role("link", name=sv("Practical support")))
    assert_accessible(page, "practical-04-done")
    go(page.locator("main form button[type=submit]"))

    section = page.locator("main section[aria-labelledby=plan]")
    expect(section).to_contain_text(today)
    expect(section.get_by_role("link", name=sv("Mark done"))).to_have_count(0)
    page.goto(f"{live_server.url}{reverse('web:todo')}")
    expect(page.locator("#todo-table tbody tr").filter(has_text="BankID")).to_have_count(0)
