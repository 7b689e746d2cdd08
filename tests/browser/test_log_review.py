"""Log review (loggkontroll) in the browser: the system administrator finds Socialjouren's
emergency access and a case worker's reveal of a protected identity among the flagged
entries, marks one reviewed, opens the month's review list and the person's register
extract, and downloads it as a PDF. Every page is checked with axe-core."""

from __future__ import annotations

import io
import os
import re
import shutil

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from brytupp.access.services import emergency_access_grant
from brytupp.audit.models import AccessGround, AccessKind, AccessLogEntry, LogReview
from brytupp.cases.models import Case
from brytupp.organisation.models import UnitKind
from brytupp.people.services import identity_reveal
from tests import factories
from tests.browser.conftest import (
    PROTECTED_FIRST_NAME,
    PROTECTED_LAST_NAME,
    SCREENSHOTS,
    assert_accessible,
    sign_in,
)

pytestmark = pytest.mark.browser

EMERGENCY_PERSON = ("Akut", "Exempelsson")


@pytest.fixture
def flagged(org):
    """Socialjouren opens a Farsta case with emergency access, and Farsta's case worker
    reveals the protected person's identity: two flagged entries, each through its service."""
    jour = factories.UnitFactory(
        district=None, kind=UnitKind.SOCIALJOUR, code="socialjouren", name="Socialjouren Test"
    )
    jour_worker = factories.staff("handlaggare", jour, username="test.jour")
    emergency_case = factories.case(
        person_=factories.person(first_name=EMERGENCY_PERSON[0], last_name=EMERGENCY_PERSON[1]),
        unit=org.rvt,
    )
    emergency_access_grant(
        actor=jour_worker,
        case=emergency_case,
        reason="Personen ringer natt och behöver skydd nu",
    )
    # The name is sealed (decision 0022): the protected case is found by its protection.
    protected_case = Case.objects.get(person__protected_identity="skyddad_folkbokforing")
    identity_reveal(
        actor=org.users.handlaggare,
        case=protected_case,
        reason="Behöver ringa personen om mötet",
    )
    return emergency_case, protected_case


def _entry_row(page, flag: str):
    return page.locator("tbody tr", has=page.locator(f'[data-flag="{flag}"]'))


def _assert_no_name(page) -> None:
    content = page.content()
    for secret in (PROTECTED_FIRST_NAME, PROTECTED_LAST_NAME, *EMERGENCY_PERSON):
        assert secret not in content


def test_log_review_from_flags_to_the_register_extract_pdf(page, live_server, org, flagged):
    emergency_case, protected_case = flagged
    sign_in(page, live_server, "test.forvaltare", factories.TEST_PASSWORD)

    page.get_by_role("link", name="Loggkontroll").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Loggkontroll")
    assert_accessible(page, "log-review-search")
    page.get_by_label("Bara flaggade poster").check()
    page.get_by_role("button", name="Sök").click()

    emergency = _entry_row(page, "emergency")
    reveal = _entry_row(page, "reveal")
    expect(emergency).to_have_count(1)
    expect(emergency.locator('[data-flag="emergency"]')).to_have_text("Nödåtkomst")
    expect(emergency).to_contain_text("test.jour")
    expect(emergency).to_contain_text(str(emergency_case.person.public_id)[:8])
    expect(reveal).to_have_count(1)
    expect(reveal.locator('[data-flag="reveal"]')).to_have_text("Visning av dolda uppgifter")
    expect(reveal.locator('[data-flag="protected_person"]')).to_have_text("Skyddad identitet")
    expect(reveal).to_contain_text("test.handlaggare")
    _assert_no_name(page)
    assert_accessible(page, "log-review-flagged")

    emergency.get_by_label("Kommentar (valfritt)").fill("Kontrollerat med Socialjouren")
    emergency.get_by_role("button", name="Markera som granskad").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Posten är markerad som granskad."
    )
    expect(_entry_row(page, "emergency")).to_contain_text("Granskad")
    review = LogReview.objects.get()
    assert (review.entry.ground, review.reviewer, review.comment) == (
        AccessGround.EMERGENCY,
        org.users.systemforvaltare,
        "Kontrollerat med Socialjouren",
    )
    assert_accessible(page, "log-review-marked")

    page.get_by_role("link", name="Månadens granskningslista").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Granskningslista")
    expect(page.locator('[data-count="reviewed"]')).to_have_text("1")
    expect(page.locator('[data-flag="emergency"]')).to_have_count(1)
    expect(page.locator('[data-flag="reveal"]')).to_have_count(1)
    _assert_no_name(page)
    assert_accessible(page, "log-review-month")

    person_id = protected_case.person.public_id
    # A protected person's extract needs a second person (decision 0023): the administrator
    # alone gets "not found"; from the person's id in the log they ask for approval, and the
    # manager of the unit holding the person approves.
    page.goto(f"{live_server.url}/loggkontroll/person/{person_id}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sidan hittades inte")
    page.goto(f"{live_server.url}/loggkontroll/?person={person_id}")
    page.locator(f'a[href$="/loggkontroll/person/{person_id}/begar/"]').first.click()
    expect(page.locator("main")).to_contain_text("en andra person godkänner begäran")
    assert_accessible(page, "register-extract-ask")
    page.get_by_role("button", name="Begär godkännande").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mina begäranden om registerutdrag")
    expect(page.locator('[data-status="pending"]')).to_have_count(1)
    assert_accessible(page, "register-extract-requests")

    page.context.clear_cookies()
    sign_in(page, live_server, "test.chef", factories.TEST_PASSWORD)
    page.get_by_role("link", name="Registerutdrag att godkänna").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Registerutdrag att godkänna")
    assert_accessible(page, "register-extract-approvals")
    page.get_by_role("button", name=re.compile("^Godkänn")).click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Begäran om registerutdrag är godkänd."
    )

    page.context.clear_cookies()
    sign_in(page, live_server, "test.forvaltare", factories.TEST_PASSWORD)
    page.goto(f"{live_server.url}/loggkontroll/registerutdrag/begaran/")
    expect(page.locator('[data-status="approved"]')).to_have_count(1)
    page.get_by_role("link", name="Öppna utdraget").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Registerutdrag: åtkomst till en persons uppgifter"
    )
    expect(page.locator("main")).to_contain_text(str(person_id))
    expect(page.locator("tbody tr")).to_contain_text(["Visning av dolda uppgifter"])
    _assert_no_name(page)
    assert_accessible(page, "register-extract")

    with page.expect_download() as download_info:
        page.locator('a[href$="registerutdrag.pdf"]').click()
    download = download_info.value
    assert re.fullmatch(
        rf"registerutdrag-{str(person_id)[:8]}-\d{{4}}-\d{{2}}-\d{{2}}\.pdf",
        download.suggested_filename,
    )
    document = open(download.path(), "rb").read()  # noqa: SIM115
    assert document.startswith(b"%PDF-")
    if os.environ.get("BRYTUPP_SCREENSHOTS"):  # beside the screenshots, for a look
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(download.path(), SCREENSHOTS / "register-extract.pdf")
    # Words as the reader sees them: a cell's text may wrap over lines.
    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(document)).pages).split()
    )
    assert "test.handlaggare" in text and "Visning av dolda uppgifter" in text
    assert PROTECTED_FIRST_NAME not in text and PROTECTED_LAST_NAME not in text
    # The page and the PDF are each an export of the person's data; so is the approval.
    exports = AccessLogEntry.objects.filter(person_public_id=person_id, kind=AccessKind.EXPORT)
    assert exports.filter(user_public_id=org.users.systemforvaltare.public_id).count() == 2
    assert exports.filter(user_public_id=org.users.enhetschef.public_id).count() == 1
    assert exports.count() == 3


def test_a_unit_manager_reviews_only_their_units_entries(page, live_server, org, flagged):
    _, protected_case = flagged
    sign_in(page, live_server, "test.chef", factories.TEST_PASSWORD)

    page.goto(f"{live_server.url}/loggkontroll/?flagged_only=on")

    expect(_entry_row(page, "reveal")).to_have_count(1)
    expect(_entry_row(page, "reveal").locator("[data-reason]")).to_contain_text(
        "Behöver ringa personen om mötet"
    )
    # Socialjouren's emergency access, made through its own unit, is on a case the manager's
    # unit leads: shown flagged as another unit's, with its reason (decision 0020).
    emergency = _entry_row(page, "emergency")
    expect(emergency).to_have_count(1)
    expect(emergency.locator('[data-flag="other_unit"]')).to_have_count(1)
    expect(emergency.locator("[data-reason]")).to_contain_text("Personen ringer natt")
    assert_accessible(page, "log-review-unit-manager")

    page.goto(f"{live_server.url}/loggkontroll/person/{protected_case.person.public_id}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sidan hittades inte")
