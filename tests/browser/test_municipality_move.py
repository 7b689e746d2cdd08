"""Issue 17 item 4 in the browser (decision 0050): the person moves to another municipality.
A (a case worker of the RVT, leading Testa Exempelsson's case) closes the case as moved: the
move's questions open under "Moved", the consent's under "Yes" (GOV.UK's conditional
reveal), the protected housing decision still running ends in the same step; then, from the
case page, A opens the move's page and downloads the summary for the receiving municipality.
axe-core on every page; texts from the Swedish catalogue. Synthetic data only.
"""

from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from brytupp.cases.models import Case, MunicipalityMove
from tests import factories
from tests.browser import journey_world as jw
from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.journey_world import sv

pytestmark = pytest.mark.browser

NAME = f"{jw.PERSON.first} {jw.PERSON.last}"
CHILD_NAME = f"{jw.CHILD.first} {jw.CHILD.last}"


@pytest.fixture
def w(transactional_db):
    world = jw.world()
    world.case = jw.opened(world)
    part = jw.shared_with_ekb(world, world.case)
    jw.ekb_joined(world, world.case, part)
    jw.placed_and_moved_on(world, world.case)  # the 14-day decision still runs
    return world


def field(page, name: str, value: str | None = None):
    selector = f'main [name="{name}"]' + (f'[value="{value}"]' if value is not None else "")
    return page.locator(selector)


def go(locator) -> None:
    with locator.page.expect_navigation():
        locator.click()


def test_a_case_closed_as_moved_with_consent_and_its_summary_downloaded(page, live_server, w):
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    today = jw.today().isoformat()
    sign_in(page, live_server, w.a.username, factories.TEST_PASSWORD)
    page.goto(f"{live_server.url}/arenden/{w.case.public_id}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(NAME)

    go(page.get_by_role("button", name=sv("Close the case")))
    # The move's questions wait under "Moved", the consent's under "Yes".
    expect(field(page, "municipality")).to_be_hidden()
    field(page, "closure_reason", "moved").check()
    expect(field(page, "municipality")).to_be_visible()
    expect(page.locator("#moved-within-city")).to_contain_text(
        sv(
            "Moved within the city? Then the case is not closed: it is handed over to the "
            "relationship violence team of the district the person moved to."
        )
    )
    expect(field(page, "consent_given")).to_be_hidden()
    field(page, "summary_consent", "yes").check()
    expect(field(page, "consent_given")).to_be_visible()
    assert_accessible(page, "municipality-move-01-closing-moved")

    # Moved, but the move not told: each question says what is missing; nothing is closed.
    go(page.locator("main form button[type=submit]"))
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    for name in ("municipality", "moved", "consent_given", "consent_form"):
        expect(page.locator(f"#id_{name}-error")).to_be_visible()
    expect(field(page, "municipality")).to_be_visible()  # still open under "Moved"
    assert_accessible(page, "municipality-move-02-closing-errors")
    assert Case.objects.get(pk=w.case.pk).closed is None

    field(page, "municipality").fill("Umeå")
    field(page, "moved").fill(today)
    field(page, "consent_given").fill(today)
    field(page, "consent_form", "written").check()
    go(page.locator("main form button[type=submit]"))

    expect(page.get_by_role("heading", level=1)).to_have_text(NAME)
    expect(page.locator("main .govuk-notification-banner__heading")).to_contain_text(
        sv("The case is closed: the person moved to %(municipality)s.") % {"municipality": "Umeå"}
    )
    move = MunicipalityMove.objects.get(case=w.case)
    assert (move.municipality, move.consent_form) == ("Umeå", "written")
    assert Case.objects.get(pk=w.case.pk).closure_reason == "moved"

    # The door from the case page to the move and its summary.
    go(page.get_by_role("link", name=sv("Summary for the receiving municipality")))
    expect(page.get_by_role("heading", level=1)).to_contain_text(sv("Move to another municipality"))
    expect(page.locator("main [data-field=municipality]")).to_have_text("Umeå")
    assert_accessible(page, "municipality-move-03-move-page")

    with page.expect_download() as downloaded:
        page.get_by_role("button", name=sv("Download the summary (PDF)")).click()
    summary = downloaded.value
    assert re.fullmatch(r"sammanfattning-flytt-[0-9a-f]{8}\.pdf", summary.suggested_filename)
    with open(summary.path(), "rb") as pdf:
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.read())).pages)
    text = re.sub(r"\s+", " ", text)
    assert "Sammanfattning till socialtjänsten i Umeå" in text
    assert NAME in text
    assert f"Skyddat boende {today} – {today}" in text  # the decision ended by the closing
    assert CHILD_NAME in text
    assert "Relationsvåldsteamet Testdistrikt" in text
    assert "Ekonomiskt bistånd Testdistrikt" in text
    assert jw.ACCOUNT.split("\n")[0] in text
    assert errors == [], errors
