"""Issue 17 item 4 in the browser (decision 0049): the case handed over to another district,
clicked through in Chromium; axe-core on every page.

A (the RVT of Testdistrikt, leading Testa Exempelsson's case) hands the case over from the
case page to Provdistrikt's RVT, with the person's oral consent. C (Provdistrikt's RVT) finds
it on her start page, reads the answer page and receives the case; the case page then shows
it led by her unit, and A's case page answers "not found". Synthetic data only.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from brytupp.cases.models import TransferStatus
from tests import factories
from tests.browser import journey_world as jw
from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.journey_world import sv

pytestmark = pytest.mark.browser

NAME = f"{jw.PERSON.first} {jw.PERSON.last}"
REASON = "Personen har flyttat till Provdistrikt och vill ha stödet där."


@pytest.fixture
def w(transactional_db):
    world = jw.world()
    world.case = jw.opened(world)
    return world


def go(locator) -> None:
    with locator.page.expect_navigation():
        locator.click()


def test_the_case_handed_over_to_another_district_and_received(page, live_server, w):
    case_url = f"{live_server.url}{reverse('cases:detail', args=[w.case.public_id])}"
    sign_in(page, live_server, w.a.username, factories.TEST_PASSWORD)
    go(page.get_by_role("link", name=NAME).first)

    go(page.get_by_role("link", name=sv("Hand the case over to another district")))
    assert_accessible(page, "transfer-01-propose")
    page.get_by_label(sv("Receiving unit")).select_option(label=w.other_rvt.name)
    page.get_by_label(sv("Why is the case handed over?")).fill(REASON)
    page.get_by_label(sv("Date the person consented to the hand-over")).fill(jw.today().isoformat())
    page.locator("input[name=consent_form][value=oral]").check()
    go(page.locator("main form button[type=submit]"))

    section = page.locator("main section#transfers")
    expect(section).to_contain_text(sv("Waiting for an answer"))
    expect(section).to_contain_text("Provdistrikt")
    assert_accessible(page, "transfer-02-waiting")

    page.context.clear_cookies()
    sign_in(page, live_server, w.c.username, factories.TEST_PASSWORD)
    table = page.locator("#transfers-to-answer")
    expect(table).to_contain_text(w.rvt.name)
    expect(table).not_to_contain_text(jw.PERSON.last)
    go(table.get_by_role("link").first)
    expect(page.locator("main")).to_contain_text(NAME)
    expect(page.locator("main")).to_contain_text(REASON)
    assert_accessible(page, "transfer-03-answer")
    page.get_by_label(sv("Responsible case worker")).select_option(str(w.c.pk))
    go(page.get_by_role("button", name=sv("Receive the case")))

    expect(page.locator("h1")).to_contain_text(NAME)
    expect(page.locator("main section#transfers")).to_contain_text(
        sv(TransferStatus.ACCEPTED.label)
    )
    assert_accessible(page, "transfer-04-received")

    page.context.clear_cookies()
    sign_in(page, live_server, w.a.username, factories.TEST_PASSWORD)
    response = page.goto(case_url)
    assert response is not None and response.status == 404
    expect(page.locator("body")).not_to_contain_text(jw.PERSON.last)
