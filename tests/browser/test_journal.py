"""Issue 15 item 3 in the browser: the journal (decision 0040), clicked through in Chromium.

A (the RVT, leading Testa Exempelsson's case) opens the journal from the case page, writes a
note (samtal) and corrects it with a reason; the journal shows "Rättad" and, in the details,
the earlier text with who corrected it and why. B (ekonomiskt bistånd, taking part by the
person's consent) reads the note, corrected, with no door to correct it. axe-core runs on
every page, with the earlier versions open. Synthetic data only.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser import journey_world as jw
from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.journey_world import sv

pytestmark = pytest.mark.browser

NAME = f"{jw.PERSON.first} {jw.PERSON.last}"
FIRST_TEXT = "Samtal med Testa om hur hon vill bo framöver."
CORRECTED = "Samtal med Testa om hur hon och barnen vill bo framöver."
REASON = "Barnen saknades i anteckningen."


@pytest.fixture
def w(transactional_db):
    world = jw.world()
    case = jw.opened(world)
    jw.ekb_joined(world, case, jw.shared_with_ekb(world, case))
    world.case = case
    return world


def go(locator) -> None:
    with locator.page.expect_navigation():
        locator.click()


def heading(page):
    return page.get_by_role("heading", level=1)


def open_journal(page):
    go(page.get_by_role("link", name=NAME).first)
    expect(heading(page)).to_have_text(NAME)
    go(page.get_by_role("link", name=sv("Show the journal")))
    expect(heading(page)).to_contain_text(sv("Journal"))


def test_a_note_written_corrected_and_read_by_the_other_unit(page, live_server, w):
    sign_in(page, live_server, w.a.username, factories.TEST_PASSWORD)
    open_journal(page)
    assert_accessible(page, "journal-01-empty")

    go(page.get_by_role("button", name=sv("Write a journal note")))
    assert_accessible(page, "journal-02-write")
    page.get_by_label(sv("Conversation with the person"), exact=True).check()
    page.get_by_label(sv("The note"), exact=True).fill(FIRST_TEXT)
    go(page.locator("main form button[type=submit]"))
    expect(page.locator("main")).to_contain_text(FIRST_TEXT)

    go(page.get_by_role("link", name=sv("Correct")))
    assert_accessible(page, "journal-03-correct")
    page.get_by_label(sv("The note"), exact=True).fill(CORRECTED)
    page.get_by_label(sv("Why is the note corrected?")).fill(REASON)
    go(page.locator("main form button[type=submit]"))

    card = page.locator("main .govuk-summary-card")
    expect(card).to_contain_text(sv("Corrected"))
    expect(card.locator("[data-journal-text]")).to_have_text(CORRECTED)
    page.locator("main .govuk-details__summary").click()
    earlier = card.locator("[data-journal-version='1']")
    expect(earlier).to_contain_text(FIRST_TEXT)
    expect(earlier).to_contain_text(REASON)
    assert_accessible(page, "journal-04-corrected")

    page.context.clear_cookies()
    sign_in(page, live_server, w.b.username, factories.TEST_PASSWORD)
    open_journal(page)
    expect(page.locator("main [data-journal-text]")).to_have_text(CORRECTED)
    expect(page.get_by_role("link", name=sv("Correct"))).to_have_count(0)
    assert_accessible(page, "journal-05-other-unit")
