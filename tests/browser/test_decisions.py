"""Issue 15 items 1 and 2 in the browser: an application, an avslag with reasons, the
decision letter downloaded, and the avslag re-examined as a bifall, clicked through in
Chromium; axe-core on every page.

A (a case worker of the RVT, leading Testa Exempelsson's case) records the person's
application from the case page, then records the unit manager's decision — an avslag with its
reasons under a ground in force today and the manager's delegation (decision 0041) — and
downloads the decision letter, whose text says the outcome, the ground, the reasons and how to
appeal. The legal ground is a made-up one of a made-up law. Synthetic data only.
"""

from __future__ import annotations

import datetime
import io
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from brytupp.interventions.models import Delegation, LegalGround
from brytupp.organisation.models import Role
from tests import factories
from tests.browser import journey_world as jw
from tests.browser.conftest import assert_accessible, sign_in
from tests.browser.journey_world import sv

pytestmark = pytest.mark.browser

NAME = f"{jw.PERSON.first} {jw.PERSON.last}"
ASKED = "Bistånd till tillfälligt boende för mig och barnen."
REASONS = "Behovet tillgodoses genom det skyddade boende som redan är beviljat."


@pytest.fixture
def w(transactional_db):
    world = jw.world()
    world.case = jw.opened(world)
    since = datetime.date(2025, 1, 1)
    world.ground = LegalGround.objects.create(
        code="provlagen-2-1",
        law="Provlagen (2025:9)",
        provision="2 kap. 1 §",
        label="Bistånd enligt provlagen",
        valid_from=datetime.date(2025, 7, 1),
    )
    world.manager = factories.staff(
        Role.ENHETSCHEF, world.rvt, username="test.chef", first_name="Chefia", last_name="Provchef"
    )
    world.manager.memberships.update(valid_from=since)
    Delegation.objects.create(
        unit=world.rvt, role=Role.ENHETSCHEF, intervention="", may_refuse=True, valid_from=since
    )
    return world


def go(locator) -> None:
    with locator.page.expect_navigation():
        locator.click()


def test_an_application_refused_with_reasons_and_its_letter(page, live_server, w):
    today = timezone.localdate().isoformat()
    sign_in(page, live_server, w.a.username, factories.TEST_PASSWORD)
    go(page.get_by_role("link", name=NAME).first)
    expect(page.get_by_role("heading", level=1)).to_have_text(NAME)

    go(page.get_by_role("button", name=sv("Record an application")))
    assert_accessible(page, "decisions-01-application")
    page.get_by_label(sv("Application from the person")).check()
    page.get_by_label(sv("Received"), exact=True).fill(today)
    page.get_by_label(sv("What is asked")).fill(ASKED)
    go(page.locator("main form button[type=submit]"))
    section = page.locator("main section[aria-labelledby=applications]")
    expect(section).to_contain_text(ASKED)
    expect(section).to_contain_text(sv("Not decided yet."))

    go(section.get_by_role("button", name=re.compile("^" + re.escape(sv("Decide")))))
    assert_accessible(page, "decisions-02-decide")
    page.get_by_label(sv("Decided"), exact=True).fill(today)
    page.get_by_label(sv("Refused (avslag)")).check()
    page.get_by_label(sv("Legal ground")).select_option(w.ground.code)
    page.get_by_label(sv("Reasons")).fill(REASONS)
    page.get_by_label(sv("Decision maker")).select_option(label="Chefia Provchef")
    go(page.locator("main form button[type=submit]"))

    section = page.locator("main section[aria-labelledby=applications]")
    expect(section).to_contain_text(sv("Refused (avslag)"))
    expect(section).to_contain_text(REASONS)
    expect(section).to_contain_text("Chefia Provchef")
    assert_accessible(page, "decisions-03-decided")

    with page.expect_download() as downloaded:
        section.get_by_role("link", name=sv("Download the decision letter (PDF)")).click()
    letter = downloaded.value
    assert re.fullmatch(r"beslutsmeddelande-[0-9a-f]{8}\.pdf", letter.suggested_filename)
    with open(letter.path(), "rb") as pdf:
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.read())).pages)
    text = re.sub(r"\s+", " ", text)
    assert NAME in text
    assert "Avslag" in text
    assert "2 kap. 1 § Provlagen (2025:9): Bistånd enligt provlagen" in text
    assert REASONS in text
    assert "Hur du överklagar" in text

    # The person asks again with new facts: the manager re-examines the avslag as a bifall;
    # the avslag stays on the page, marked replaced.
    go(section.get_by_role("link", name=re.compile("^" + re.escape(sv("Re-examine")))))
    assert_accessible(page, "decisions-04-reexamine")
    page.get_by_label(sv("Decided"), exact=True).fill(today)
    page.get_by_label(sv("Granted (bifall)"), exact=True).check()
    page.get_by_label(sv("Legal ground")).select_option(w.ground.code)
    # The application named no intervention: the decision names the one granted.
    page.get_by_label(re.compile("^" + re.escape(sv("Intervention granted")))).select_option(
        "tillfalligt_boende"
    )
    page.get_by_label(re.compile("^" + re.escape(sv("Start")))).fill(today)
    page.get_by_label(sv("Decision maker")).select_option(label="Chefia Provchef")
    go(page.locator("main form button[type=submit]"))

    section = page.locator("main section[aria-labelledby=applications]")
    expect(section.locator(".govuk-tag--green")).to_have_text([sv("In force")])
    expect(section.locator(".govuk-tag--grey")).to_have_text([sv("Replaced")])
    expect(section).to_contain_text(sv("Granted (bifall)"))
    expect(section).to_contain_text(REASONS)
    assert_accessible(page, "decisions-05-reexamined")
