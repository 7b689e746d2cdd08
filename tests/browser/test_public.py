"""The public pages in a real browser (decision 0052): axe clean in every language (Arabic and
Persian right to left), no sideways scroll at 320 px, and the quick exit by the button and by
Shift three times, leaving to the neutral site with the page's history entry replaced."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from brytupp.localprocess.models import LocalOffer
from brytupp.public.languages import PUBLIC_LANGUAGES
from brytupp.public.views import QUICK_EXIT_URL
from tests import factories
from tests.browser.conftest import assert_accessible
from tests.browser.test_small_screens import NARROW, horizontal_overflow

pytestmark = pytest.mark.browser

PAGES = [
    "",
    "stadsdelar/",
    "stadsdelar/farsta/",
    "stadsdelar/farsta/kontakta-mig/",
    "vuxen/",
    "barn-och-unga/",
    "orolig-for-nagon/",
    "hedersrelaterat-vald/",
    "dolj-dina-spar/",
    "tillganglighet/",
]


@pytest.fixture
def farsta(transactional_db):
    """Farsta with its RVT offering counselling, every other item a gap."""
    district = factories.DistrictFactory(code="farsta", name="Farsta")
    rvt = factories.UnitFactory(district=district, kind="rvt", name="Relationsvåldsteamet Farsta")
    LocalOffer.objects.create(
        district=district,
        item="radgivning",
        unit=rvt,
        phone="08-508 00 000",
        email="rvt.farsta@example.se",
        visiting_address="Testgatan 1, Farsta",
        hours="Mån–fre 8–16",
        safe_contact="Ring så ringer vi upp från dolt nummer.",
        waiting_days=3,
        changed_at=timezone.now(),
    )
    return district


@pytest.fixture
def neutral_site(page):
    """The neutral site answered by the browser itself: the tests make no outside request."""
    page.context.route(
        f"{QUICK_EXIT_URL}**",
        lambda route: route.fulfill(
            content_type="text/html", body="<!DOCTYPE html><title>Neutral</title><p>neutral</p>"
        ),
    )
    return QUICK_EXIT_URL


@pytest.mark.parametrize("language", PUBLIC_LANGUAGES, ids=lambda language: language.segment)
def test_every_page_is_axe_clean_and_reflows_at_320_px(page, live_server, farsta, language):
    page.set_viewport_size(NARROW)
    for path in PAGES:
        page.goto(f"{live_server.url}/hjalp/{language.segment}/{path}")

        expect(page.locator("html")).to_have_attribute("dir", language.dir)
        expect(page.locator("html")).to_have_attribute("lang", language.html_lang)
        assert horizontal_overflow(page) <= 0, path
        assert_accessible(page, f"public-{language.segment}-{path.replace('/', '-') or 'start'}")


def test_the_quick_exit_button_leaves_to_the_neutral_site_and_back_does_not_return(
    page, live_server, farsta, neutral_site
):
    page.goto(f"{live_server.url}/hjalp/sv/")
    page.get_by_role("link", name="Dölj dina spår").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dölj dina spår")

    page.get_by_role("button", name="Nödläge Lämna sidan").click()
    page.wait_for_url(neutral_site)
    expect(page.locator("p")).to_have_text("neutral")

    page.go_back()
    # The page left is no longer in the history: Back goes to the page before it.
    page.wait_for_url(f"{live_server.url}/hjalp/sv/")


def test_three_presses_of_shift_leave_to_the_neutral_site_and_back_does_not_return(
    page, live_server, farsta, neutral_site
):
    page.goto(f"{live_server.url}/hjalp/ar/")
    page.goto(f"{live_server.url}/hjalp/ar/stadsdelar/farsta/")
    expect(page.locator("body.govuk-frontend-supported")).to_have_count(1)
    expect(page.locator("[data-govuk-exit-this-page-init]")).to_have_count(1)

    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(neutral_site)

    page.go_back()
    page.wait_for_url(f"{live_server.url}/hjalp/ar/")
