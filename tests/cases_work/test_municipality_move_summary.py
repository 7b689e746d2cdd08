"""The summary for the municipality the person moved to (decision 0050): a page on the case
closed as moved, for its lead unit only, and the PDF, offered only with the person's consent.
Every name is made up; the texts marked 47xx are secrets that must never reach the summary."""

import datetime
import io
import os
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from brytupp.assessments.safety import safety_plan_write
from brytupp.assessments.services import risk_assessment_record
from brytupp.audit.models import AccessGround, AccessKind, AccessLogEntry, AccessOutcome
from brytupp.cases.journal import journal_note_write
from brytupp.cases.moves import case_close_moved
from brytupp.cases.services import case_account_write, case_open, person_address_record
from brytupp.cases.threats import threat_person_add
from brytupp.children.services import child_record_change
from brytupp.people.services import guardian_link
from tests import factories

from .conftest import DAY, TODAY
from .support import text
from .test_closing import all_endings

pytestmark = pytest.mark.django_db

ACCOUNT = "Jag lämnade honom i mars och bor nu hos min syster."
ADDRESS = "Påhittade vägen 3, 123 45 Teststad"
# Never in the summary: a journal note, the assessment's judgement, the safety plan's threats,
# the threat person, the meeting's minutes, a follow-up's note.
SECRETS = (
    "Samtal 4724",
    "Hemlig bedömning 4721",
    "Hot 4722",
    "Brodern 4723",
    "Hemligt protokoll 4711",
    "Hemlig anteckning 4712",
)


def close_moved(case, actor, *, consent: bool = True, endings=None, municipality="Göteborg"):
    return case_close_moved(
        actor=actor,
        case=case,
        closed=TODAY,
        municipality=municipality,
        moved=TODAY - DAY,
        consent_given=TODAY - DAY if consent else None,
        consent_form="written" if consent else "",
        **(endings or {}),
    )


@pytest.fixture
def moved(work):
    """The work case with an account, an address, a risk assessment, a safety plan, a threat
    person, a journal note and the child's school, closed as moved to Göteborg with the
    person's consent to a summary."""
    case, worker = work["case"], work["worker"]
    case_account_write(actor=worker, case=case, account=ACCOUNT)
    person_address_record(actor=worker, case=case, address=ADDRESS)
    risk_assessment_record(
        actor=worker,
        case=case,
        instrument="patriark",
        date=TODAY - 3 * DAY,
        instrument_result="high",
        judgement="Hemlig bedömning 4721",
        level="high",
    )
    safety_plan_write(actor=worker, case=case, threats="Hot 4722", review_on=TODAY + DAY)
    threat_person_add(actor=worker, case=case, relation="sibling", description="Brodern 4723")
    journal_note_write(actor=worker, case=case, kind="samtal", date=TODAY, text="Samtal 4724")
    child_record_change(
        actor=worker,
        case=case,
        child=work["child"],
        school_kind="grundskola",
        school_name="Ekskolan",
    )
    close_moved(case, worker, endings=all_endings(work))
    return work


def page_url(case) -> str:
    return reverse("cases:municipality_move", args=[case.public_id])


def pdf_url(case) -> str:
    return reverse("cases:move_summary_pdf", args=[case.public_id])


def pdf_text(response) -> str:
    reader = PdfReader(io.BytesIO(response.content))
    return re.sub(r"\s+", " ", "\n".join(page.extract_text() for page in reader.pages))


def words(response) -> str:
    """The page's words as a person reads them: no tags, runs of white space one space."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text(response)))


def entries_of(response) -> list[dict]:
    return list(
        AccessLogEntry.objects.filter(request_id=response["X-Request-Id"]).order_by("seq").values()
    )


# --- the lead unit ------------------------------------------------------------------------------


def test_the_lead_unit_sees_the_move_and_the_door_to_the_summary(client, moved):
    factories.sign_in(client, moved["worker"])
    case = moved["case"]

    detail = text(client.get(reverse("cases:detail", args=[case.public_id])))
    response = client.get(page_url(case))

    assert "Summary for the receiving municipality" in detail
    assert response.status_code == 200
    page = words(response)
    for shown in (
        "Move to another municipality",
        "Receiving municipality Göteborg",
        f"Date of the move {TODAY - DAY}",
        f"Case closed {TODAY}",
        f"Consent to a summary Yes, written, given on {TODAY - DAY}",
        "Download the summary (PDF)",
    ):
        assert shown in page, shown
    assert pdf_url(case) in response.content.decode()
    assert [(e["kind"], e["case_public_id"], e["ground"]) for e in entries_of(response)] == [
        (AccessKind.VIEW, case.public_id, AccessGround.OWN_UNIT)
    ]


def test_the_summary_pdf_holds_what_the_receiving_municipality_needs(client, moved):
    factories.sign_in(client, moved["worker"])
    case = moved["case"]

    response = client.get(pdf_url(case))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"] == (
        f'attachment; filename="sammanfattning-flytt-{str(case.public_id)[:8]}.pdf"'
    )
    summary = pdf_text(response)
    if os.environ.get("BRYTUPP_KEEP_SUMMARY"):
        with open(os.environ["BRYTUPP_KEEP_SUMMARY"], "wb") as kept:
            kept.write(response.content)
    for shown in (
        "Sammanfattning till socialtjänsten i Göteborg",
        "Fejka Påhittadsson",
        "Person- eller samordningsnummer Reservidentitet",  # registered without a number
        ADDRESS,
        f"Aktualiserat {TODAY - 30 * DAY}",
        ACCOUNT,
        f"PATRIARK den {TODAY - 3 * DAY}: Hög",
        f"Skriven {TODAY}",
        # The decision in force at the closing, ended that day.
        f"Skyddat boende {TODAY - 5 * DAY} – {TODAY} (6 dagar)",
        "Varför den avslutades Fullföljd",
        "Boende efter placeringen Andrahandskontrakt, kontrakt på 12 månader",
        "Lillan Påhittadsson 2017-01-01 Grundskola, Ekskolan",
        "Tvåan Påhittadsson 2020-07-08 Inte registrerat",
        "Relationsvåldsteamet Test",
        "Ekonomiskt bistånd Test",
        "En hotande person är registrerad i ärendet. Fråga den ansvariga enheten.",
        f"samtyckte (skriftligt) den {TODAY - DAY}",
    ):
        assert shown in summary, shown
    for secret in SECRETS:
        assert secret not in summary, secret


def test_each_download_is_logged_as_an_export_of_the_person_and_each_child(client, moved):
    factories.sign_in(client, moved["worker"])
    case = moved["case"]

    response = client.get(pdf_url(case))

    assert [
        (e["kind"], e["person_public_id"], e["case_public_id"], e["ground"], e["outcome"])
        for e in entries_of(response)
    ] == [
        (AccessKind.EXPORT, person.public_id, case.public_id, "own_unit", "allowed")
        for person in (moved["person"], moved["child"], moved["second_child"])
    ]
    assert all(e["unit_code"] == moved["rvt"].code for e in entries_of(response))


# --- no consent, no summary ---------------------------------------------------------------------


def test_without_consent_the_page_says_why_and_the_pdf_is_not_found(client, work):
    close_moved(work["case"], work["worker"], consent=False, endings=all_endings(work))
    factories.sign_in(client, work["worker"])

    page = client.get(page_url(work["case"]))
    pdf = client.get(pdf_url(work["case"]))

    assert page.status_code == 200
    assert (
        "No summary is offered: the person did not consent to a summary being sent to "
        "Göteborg. Without their consent nothing of the case is handed out."
    ) in text(page)
    assert pdf_url(work["case"]) not in page.content.decode()
    assert pdf.status_code == 404
    assert "Påhittadsson" not in pdf.content.decode()
    assert [(e["kind"], e["outcome"]) for e in entries_of(pdf)] == [
        (AccessKind.VIEW, AccessOutcome.REFUSED)
    ]


def test_a_case_closed_as_moved_before_moves_were_recorded_offers_no_summary(client, work):
    factories.closed_leaving_running(work["case"], reason="moved")
    factories.sign_in(client, work["worker"])

    page = client.get(page_url(work["case"]))

    assert page.status_code == 200
    assert "no move to another municipality was recorded when the case was closed" in text(page)
    assert client.get(pdf_url(work["case"])).status_code == 404


# --- everyone else: not found, and nothing of the case --------------------------------------------


def _other_district_worker():
    other = factories.UnitFactory(
        district=factories.DistrictFactory(), kind="rvt", name="RVT Annan"
    )
    return factories.staff("handlaggare", other)


@pytest.mark.parametrize("who", ["ekb_worker", "other_district", "lead_manager_elsewhere"])
def test_no_one_but_the_lead_unit_gets_the_move_or_the_summary(client, moved, who):
    actor = {
        "ekb_worker": lambda: moved["ekb_worker"],
        "other_district": _other_district_worker,
        # A manager of a unit in the same district that has no part in the case.
        "lead_manager_elsewhere": lambda: factories.staff(
            "enhetschef",
            factories.UnitFactory(district=moved["district"], kind="barn_unga", name="BoU Test"),
        ),
    }[who]()
    factories.sign_in(client, actor)
    case = moved["case"]

    for url in (page_url(case), pdf_url(case)):
        response = client.get(url)
        assert response.status_code == 404, url
        body = response.content.decode()
        for secret in ("Påhittadsson", "Göteborg", ADDRESS, ACCOUNT, "Ekskolan"):
            assert secret not in body, (url, secret)
        assert [(e["kind"], e["outcome"], e["case_public_id"]) for e in entries_of(response)] == [
            (AccessKind.VIEW, AccessOutcome.REFUSED, case.public_id)
        ]
    detail = client.get(reverse("cases:detail", args=[case.public_id]))
    assert "Summary for the receiving municipality" not in detail.content.decode()


def test_the_participating_units_case_page_has_no_door_to_the_summary(client, moved):
    factories.sign_in(client, moved["ekb_worker"])

    response = client.get(reverse("cases:detail", args=[moved["case"].public_id]))

    assert response.status_code == 200
    assert "Summary for the receiving municipality" not in text(response)


@pytest.mark.parametrize("closed", [False, True])
def test_a_case_not_closed_as_moved_has_no_move_page(client, work, closed):
    if closed:
        factories.closed_leaving_running(work["case"], reason="goals_met")
    factories.sign_in(client, work["worker"])

    for url in (page_url(work["case"]), pdf_url(work["case"])):
        assert client.get(url).status_code == 404, url


# --- a protected person -----------------------------------------------------------------------


def test_a_protected_persons_identity_is_not_in_the_summary(client, setting):
    protected = factories.person(
        first_name="Dolda",
        last_name="Skyddadsdotter",
        birth_date=datetime.date(1990, 6, 7),
        protected_identity="skyddad_folkbokforing",
    )
    child = factories.person(
        first_name="Gömda", last_name="Skyddadsdotter", birth_date=datetime.date(2019, 4, 5)
    )
    guardian_link(child=child, guardian=protected)
    case = case_open(
        actor=setting["worker"],
        person=protected,
        district=setting["district"],
        lead_unit=setting["rvt"],
        source="self",
        opened=TODAY - 10 * DAY,
    )
    close_moved(case, setting["worker"], municipality="Umeå")
    factories.sign_in(client, setting["worker"])

    page = text(client.get(page_url(case)))
    response = client.get(pdf_url(case))

    assert "The person's identity is protected: the summary does not show" in page
    assert response.status_code == 200
    summary = pdf_text(response)
    assert "Namn Skyddade personuppgifter – lämnas separat" in summary
    assert "Person- eller samordningsnummer Skyddade personuppgifter – lämnas separat" in summary
    assert "Adress Skyddade personuppgifter – lämnas separat" in summary
    # The child, a protected person's, is masked too: "Barn" lists one row given separately.
    assert (
        "Skyddade personuppgifter – lämnas separat Skyddade personuppgifter – lämnas separat "
        "Skyddade personuppgifter – lämnas separat"
    ) in summary
    for secret in ("Dolda", "Gömda", "Skyddadsdotter", "1990-06-07", "2019-04-05", "19900607"):
        assert secret not in summary
    # An export of the person's data; none of the child's, which the summary does not hold.
    assert [(e["kind"], e["person_public_id"]) for e in entries_of(response)] == [
        (AccessKind.EXPORT, protected.public_id)
    ]
