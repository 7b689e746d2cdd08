"""A text past its limit in Chromium: GOV.UK's character count says so in Swedish while the
person writes, the server refuses it with the limit named, and axe finds nothing on either."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from brytupp.cases.models import Case
from tests import factories
from tests.browser import journey_world as jw
from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.test_case_journey import browser_errors, expect_errors, submit

pytestmark = pytest.mark.browser


@pytest.fixture
def w(transactional_db):
    return jw.world()


def test_an_account_past_its_limit_is_counted_and_refused(page, live_server, w):
    errors = browser_errors(page)
    case = jw.opened(w)
    sign_in(page, live_server, w.a.username, factories.TEST_PASSWORD)
    page.goto(f"{live_server.url}/arenden/{case.public_id}/berattelse/")
    account = page.locator('main [name="account"]')
    count = page.locator(".govuk-character-count__status")
    expect(count).to_have_text("Du har 20 000 tecken kvar")

    account.fill("å" * 20_001)

    expect(count).to_have_text("Du har 1 tecken för mycket")
    assert_accessible(page, "text-length-01-account-over-limit")
    submit(page)
    expect_errors(page, "account")
    expect(page.locator("#id_account-error")).to_contain_text(
        "”Personens berättelse” får vara högst 20000 tecken (nu är det 20001)."
    )
    assert_accessible(page, "text-length-02-account-refused")
    assert Case.objects.get(pk=case.pk).account == ""
    assert errors == []
