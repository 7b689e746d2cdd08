"""Visible state, clicked through in Chromium (issue 13): the lead unit's case worker goes from
the start page to the case and withdraws the person's consent for one unit only; the case page
shows that unit's part ended and the other's going on; the unit that lost its part reads on its
start page that the case is no longer shared with it, and gets "not found" for the case.

axe-core runs on every page visited."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from brytupp.cases import services as case_services
from brytupp.organisation.models import Role, UnitKind
from tests import factories
from tests.browser import journey_world as jw
from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.journey_world import ACCOUNT, PERSON, sv

pytestmark = pytest.mark.browser


@pytest.fixture
def w(transactional_db):
    """The journey's world, the case shared with ekonomiskt bistånd (B) and barn och unga
    (D) under one consent, both taking part."""
    w = jw.world()
    w.barn = factories.UnitFactory(
        district=w.district,
        kind=UnitKind.BARN_UNGA,
        code="testdistrikt-barn",
        name="Barn och unga Testdistrikt",
    )
    w.d = factories.staff(
        Role.HANDLAGGARE, w.barn, username="test.barn", first_name="Doris", last_name="Testbarn"
    )
    w.case = jw.opened(w)
    case_services.case_account_write(actor=w.a, case=w.case, account=ACCOUNT)
    w.consent = case_services.consent_record(
        actor=w.a,
        case=w.case,
        given=jw.today(),
        form="written",
        purpose=jw.PURPOSE,
        units=[w.ekb, w.barn],
    )
    for unit, worker in ((w.ekb, w.b), (w.barn, w.d)):
        part = case_services.case_unit_invite(actor=w.a, case=w.case, unit=unit, invited=jw.today())
        case_services.case_unit_accept(
            actor=worker, part=part, joined=jw.today(), responsible=worker
        )
    return w


def submit(page, button=None) -> None:
    with page.expect_navigation():
        (button or page.locator("main form button[type=submit]")).click()


def test_withdrawing_consent_for_one_unit_and_the_notice_on_its_start_page(page, live_server, w):
    sign_in(page, live_server, w.a.username, factories.TEST_PASSWORD)

    # From the start page to the case, by clicking.
    with page.expect_navigation():
        page.locator("main a", has_text=f"{PERSON.first} {PERSON.last}").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(PERSON.first)
    units = page.locator("#units tbody")
    expect(units.locator("tr", has_text=w.ekb.name)).to_contain_text(sv("Taking part"))

    # The consent card's "Withdraw" leads to the withdrawal, which asks what is withdrawn.
    with page.expect_navigation():
        page.locator("#consents .govuk-summary-card__actions a").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(sv("Withdraw consent"))
    expect(page.locator('main [name="scope"][value="all"]')).to_be_checked()
    assert_accessible(page, "visible-state-01-withdraw-consent")
    page.get_by_label(sv("Only for %(unit)s") % {"unit": w.ekb.name}).check()
    submit(page)

    # Back on the case page: ekonomiskt bistånd ended, barn och unga still taking part.
    expect(page).to_have_url(re.compile(r"/arenden/[0-9a-f-]{36}/#units$"))
    expect(page.locator("main .govuk-notification-banner__heading")).to_contain_text(
        sv("The consent is withdrawn for %(unit)s. The other units keep their part.")
        % {"unit": w.ekb.name}
    )
    ekb_row = units.locator("tr", has_text=w.ekb.name)
    expect(ekb_row).to_contain_text(sv("Ended"))
    expect(ekb_row).to_contain_text(sv("The person withdrew their consent"))
    expect(ekb_row).not_to_contain_text(sv("Taking part"))
    expect(units.locator("tr", has_text=w.barn.name)).to_contain_text(sv("Taking part"))
    expect(page.locator("#consents .govuk-summary-card")).to_have_count(2)
    assert_accessible(page, "visible-state-02-case-after-withdrawal")

    # B's start page says the case is no longer shared, by its short id and the day only.
    short_id = str(w.case.public_id)[:8]
    page.context.clear_cookies()
    sign_in(page, live_server, w.b.username, factories.TEST_PASSWORD)
    notice = page.locator("#parts-ended")
    expect(notice).to_contain_text(sv("Cases no longer shared with your unit"))
    expect(notice).to_contain_text(short_id)
    expect(notice).to_contain_text(jw.today().isoformat())
    expect(page.locator("main")).not_to_contain_text(PERSON.last)
    assert_accessible(page, "visible-state-03-ekb-start-page-notice")

    # And the case itself is not found for B, with nothing of it on the page.
    response = page.goto(f"{live_server.url}/arenden/{w.case.public_id}/")
    assert response is not None and response.status == 404
    expect(page.locator("main")).not_to_contain_text(PERSON.last)
    expect(page.locator("main")).not_to_contain_text(ACCOUNT.splitlines()[0])
    assert_accessible(page, "visible-state-04-ekb-case-not-found")

    # D, whose unit keeps its part, reads the case and gets no notice.
    page.context.clear_cookies()
    sign_in(page, live_server, w.d.username, factories.TEST_PASSWORD)
    expect(page.locator("#parts-ended")).to_have_count(0)
    page.goto(f"{live_server.url}/arenden/{w.case.public_id}/")
    expect(page.locator("#account")).to_contain_text(ACCOUNT.splitlines()[0])
