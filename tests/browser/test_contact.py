"""The contact request clicked through (decision 0054): a person finds "Kontakta mig" on their
district's page, is told what is missing, sends, is thanked without seeing what they sent, and
Back shows an empty form; the district's RVT case worker then finds the request from the menu,
reads it and records what came of it, which erases the contact details. axe-core clean on each
page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from brytupp.contact.models import ContactRequest
from tests import factories
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.browser

PHONE = "070-174 06 42"


def test_a_person_asks_to_be_contacted_and_the_team_handles_it(page, live_server, org):
    page.goto(f"{live_server.url}/hjalp/sv/stadsdelar/farsta/")
    with page.expect_navigation():
        page.get_by_role("button", name="Kontakta mig").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kontakta mig")
    assert_accessible(page, "public-contact-form")

    page.get_by_label("Mig själv").check()
    page.get_by_label("Telefonnummer").fill(PHONE)
    with page.expect_navigation():
        page.get_by_role("button", name="Skicka").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Välj ett svar på ”Hur får vi kontakta dig?”.")
    expect(summary).to_contain_text("Välj ett svar på ”När är det säkert att kontakta dig?”.")
    assert ContactRequest.objects.count() == 0
    assert_accessible(page, "public-contact-form-refused")

    # Sent afresh from the district's page, so that Back below is the form as first shown
    # (Back to a refused post is the browser's own "resubmit?" page, which shows nothing).
    page.goto(f"{live_server.url}/hjalp/sv/stadsdelar/farsta/")
    with page.expect_navigation():
        page.get_by_role("button", name="Kontakta mig").click()
    page.get_by_label("Mig själv").check()
    page.get_by_label("Telefonnummer").fill(PHONE)
    page.get_by_label("Skicka ett sms först").check()
    page.get_by_label("Vardagar 11–14").check()
    page.get_by_role("group", name="Om någon annan svarar, får vi säga vilka vi är?").get_by_label(
        "Nej"
    ).check()
    page.get_by_label("Vad ska vi kalla dig? (frivilligt)").fill("Mira")
    with page.expect_navigation():
        page.get_by_role("button", name="Skicka").click()
    expect(page.get_by_role("alert")).to_contain_text("Tack. Vi kontaktar dig")
    expect(page.locator("main")).not_to_contain_text(PHONE)
    expect(page.locator("main")).not_to_contain_text("Mira")
    assert_accessible(page, "public-contact-sent")
    assert ContactRequest.objects.get().phone == PHONE

    # Back: the form again, empty (no-store, autocomplete off), not what was sent.
    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kontakta mig")
    expect(page.get_by_label("Telefonnummer")).to_have_value("")
    expect(page.get_by_label("Vad ska vi kalla dig? (frivilligt)")).to_have_value("")

    sign_in(page, live_server, "test.handlaggare", factories.TEST_PASSWORD)
    expect(page.locator("#contact-requests-waiting")).to_contain_text("1 kontaktförfrågan")
    with page.expect_navigation():
        page.get_by_role("link", name="Kontaktförfrågningar").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kontaktförfrågningar")
    assert_accessible(page, "contact-requests")
    with page.expect_navigation():
        page.locator("#contact-open a").first.click()
    request = page.locator("#contact-request")
    expect(request).to_contain_text(PHONE)
    expect(request).to_contain_text("Mira")
    expect(request).to_contain_text("Säg inte vem du är")
    expect(request).to_contain_text("Vardagar 11–14")
    expect(request).to_contain_text("Sidans språkSvenska")
    assert_accessible(page, "contact-request")

    page.get_by_label("Kunde inte nås på ett säkert sätt").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Spara och radera kontaktuppgifterna").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Förfrågan är hanterad och kontaktuppgifterna raderade."
    )
    expect(page.locator("#contact-open")).to_have_text("Ingen förfrågan väntar.")
    expect(page.locator("#contact-handled")).to_contain_text("Kunde inte nås på ett säkert sätt")
    stored = ContactRequest.objects.get()
    assert (stored.phone, stored.call_name, stored.outcome) == ("", "", "not_reached")


def test_in_arabic_each_radio_and_checkbox_is_drawn_on_the_right_beside_its_label(
    page, live_server, org
):
    page.goto(f"{live_server.url}/hjalp/ar/stadsdelar/farsta/kontakta-mig/")

    for kind in ("radios", "checkboxes"):
        label = page.locator(f".govuk-{kind}__label").first
        # GOV.UK draws the box as the label's ::before, at the left; here at the right.
        drawn = label.evaluate("label => getComputedStyle(label, '::before').right")
        assert drawn == "2px", kind
