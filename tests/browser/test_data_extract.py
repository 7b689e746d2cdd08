"""The register extract of a person's data (GDPR art. 15, decision 0043) in the browser: the
system administrator finds an unprotected person by number in log review, opens the secrecy
review from the register extract page, withholds one journal note on a ground, and downloads
the PDF, whose text holds the person's data and the marking, never the withheld note. axe-core
on every page. Synthetic data only (Skatteverket's test number)."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from brytupp.audit.models import AccessKind, AccessLogEntry, DataExtractReview
from brytupp.cases.journal import journal_note_write
from brytupp.cases.services import case_account_write
from tests import factories
from tests.browser.conftest import assert_accessible, keep_to_look_at, sign_in
from tests.browser.journey_world import sv

pytestmark = pytest.mark.browser

NUMBER = "198112189876"
RELEASED = "Samtal om stöd och boende."
WITHHELD = "Uppgift från anmälaren Anmälarsson."


@pytest.fixture
def person_case(org):
    worker = org.users.handlaggare
    person = factories.person(
        first_name="Synnöve",
        last_name="Utdragsson",
        identity_number=NUMBER,
        birth_date=datetime.date(1981, 12, 18),
    )
    case = factories.case(person_=person, unit=org.rvt)
    case = case_account_write(actor=worker, case=case, account="Min berättelse om våldet.")
    day = timezone.localdate() - datetime.timedelta(days=2)
    journal_note_write(actor=worker, case=case, kind="samtal", date=day, text=RELEASED)
    withheld = journal_note_write(
        actor=worker, case=case, kind="telefonsamtal", date=day, text=WITHHELD
    )
    return person, withheld


def test_the_administrator_reviews_and_downloads_the_extract_of_the_data(
    page, live_server, org, person_case
):
    person, withheld = person_case
    sign_in(page, live_server, "test.forvaltare", factories.TEST_PASSWORD)
    page.get_by_role("link", name="Loggkontroll").first.click()
    page.get_by_role("link", name=sv("A person's register extract")).click()
    page.locator("input[name=identity_number]").fill(NUMBER)
    page.get_by_role("button", name=sv("Find the person's extract")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        sv("Register extract: accesses to a person's data")
    )

    page.get_by_role("button", name=sv("Register extract of the data (art. 15)")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        sv("Secrecy review of the register extract of the data")
    )
    main = page.locator("main")
    expect(main).to_contain_text("Synnöve Utdragsson")
    expect(main).to_contain_text("19811218-9876")
    expect(main).to_contain_text(WITHHELD)
    assert str(person.public_id) in page.url and NUMBER not in page.url
    assert_accessible(page, "data-extract-review")

    version = withheld.versions.get()
    card = page.locator(f'[data-item="cases.journalnoteversion:{version.pk}"]')
    card.get_by_label(sv("Secrecy review")).select_option("osl_26_5")
    page.get_by_role("button", name=sv("Save the review")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        sv("The register extract of the data is reviewed")
    )
    expect(page.locator('[data-count="withheld"]')).to_have_text("1")
    assert_accessible(page, "data-extract-made")
    review = DataExtractReview.objects.get()
    assert review.withheld == {
        f"cases.journalnoteversion:{version.pk}": {"ground": "osl_26_5", "text": ""}
    }

    with page.expect_download() as download_info:
        page.get_by_role(
            "button", name=sv("Download the register extract of the data (PDF)")
        ).click()
    download = download_info.value
    assert re.fullmatch(
        rf"registerutdrag-uppgifter-{str(person.public_id)[:8]}-\d{{4}}-\d{{2}}-\d{{2}}\.pdf",
        download.suggested_filename,
    )
    document = open(download.path(), "rb").read()  # noqa: SIM115
    keep_to_look_at(download.path(), "data-extract.pdf")
    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(document)).pages).split()
    )
    assert "Synnöve Utdragsson" in text
    assert "19811218-9876" in text
    assert "Min berättelse om våldet." in text
    assert RELEASED in text
    assert WITHHELD not in text and "Anmälarsson" not in text
    assert (
        "Uppgiften har undantagits efter sekretessprövning (OSL 26 kap. 5 § — uppgift om vem "
        "som gjort en anmälan eller lämnat en utsaga)." in text
    )
    exports = AccessLogEntry.objects.filter(
        person_public_id=person.public_id,
        kind=AccessKind.EXPORT,
        user_public_id=org.users.systemforvaltare.public_id,
    )
    # The register extract page of the access log, and the PDF of the data.
    assert exports.count() == 2
