"""The decision letter (issue 15 item 2): the PDF's text in Swedish, the address only for a
person without protected identity, the lead unit's chosen delivery for a protected one, the
download only for the unit that decided, and logged."""

import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from brytupp.audit.models import AccessLogEntry
from brytupp.cases.services import case_open, person_address_record
from brytupp.interventions.decisions import (
    APPEAL_INSTRUCTIONS,
    DecisionTerms,
    application_decide,
    application_record,
)
from tests import factories

from .conftest import DAY, TODAY
from .support import events

pytestmark = pytest.mark.django_db

ADDRESS = "Provgatan 7, 111 11 Provstad"
ASKED = "Stödsamtal en gång i veckan under tre månader."
REASONS = "Behovet tillgodoses redan genom stödsamtal i gruppverksamheten."


def _decided(world, *, outcome, case=None, maker="manager"):
    application = application_record(
        actor=world["worker"],
        case=case or world["case"],
        kind="ansokan",
        received=TODAY - 25 * DAY,
        asked=ASKED,
        intervention="stodsamtal_individuellt",
    )
    granting = outcome != "avslag"
    return application_decide(
        actor=world[maker],
        application=application,
        decided=TODAY - 8 * DAY,
        terms=DecisionTerms(
            outcome=outcome,
            legal_ground=world["current"],
            reasons="" if outcome == "bifall" else REASONS,
            start=TODAY - 7 * DAY if granting else None,
            end=TODAY + 83 * DAY if granting else None,
        ),
    )


def _url(decision):
    case = decision.application.case
    return reverse("cases:decision_letter", args=[case.public_id, decision.public_id])


def _download(client, user, decision):
    factories.sign_in(client, user)
    return client.get(_url(decision))


def _lines(response) -> list[str]:
    reader = PdfReader(io.BytesIO(response.content))
    return [
        line.strip()
        for page in reader.pages
        for line in page.extract_text().splitlines()
        if line.strip()
    ]


def _text(response) -> str:
    return " ".join(" ".join(_lines(response)).split())


@pytest.fixture
def protected_case(world):
    person = factories.person(
        first_name="Skyddia",
        last_name="Hemligsdotter",
        protected_identity="skyddad_folkbokforing",
    )
    case = case_open(
        actor=world["worker"],
        person=person,
        district=world["case"].district,
        lead_unit=world["rvt"],
        source="self",
        opened=datetime.date(2025, 5, 2),
    )
    person_address_record(actor=world["worker"], case=case, address=ADDRESS)
    return case


def test_an_avslag_letter_gives_outcome_ground_reasons_and_appeal_instructions(client, world):
    decision = _decided(world, outcome="avslag")

    response = _download(client, world["worker"], decision)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    short = str(decision.public_id)[:8]
    assert response["Content-Disposition"] == (
        f'attachment; filename="beslutsmeddelande-{short}.pdf"'
    )
    lines = _lines(response)
    assert "Beslutsmeddelande" in lines
    assert "Beslut: Avslag" in lines
    assert f"Beslutsdatum: {(TODAY - 8 * DAY).isoformat()}" in lines
    assert "Lagrum: 1 kap. 1 § Testlagen (2025:1): Bistånd i testlagen" in lines
    assert "Beslutsfattare: Chefia Chefsson" in lines
    text = _text(response)
    assert f"Ansökan från personen, inkommen {(TODAY - 25 * DAY).isoformat()}" in text
    assert ASKED in text
    assert f"Motivering {REASONS}" in text
    assert "Delegation: Enhetschef, enligt delegationsordningen för Relationsvåldsteamet Test" in (
        text
    )
    assert f"Hur du överklagar {APPEAL_INSTRUCTIONS}" in text
    assert not any(line.startswith("Beviljas:") for line in lines)


def test_a_full_bifall_letter_names_what_is_granted_and_has_no_appeal_instructions(client, world):
    decision = _decided(world, outcome="bifall", maker="worker")

    response = _download(client, world["worker"], decision)

    lines = _lines(response)
    assert "Beslut: Bifall" in lines
    start, end = TODAY - 7 * DAY, TODAY + 83 * DAY
    assert (
        f"Beviljas: Individuella stödsamtal, {start.isoformat()} – {end.isoformat()} (91 dagar)"
        in _text(response)
    )
    assert "Beslutsfattare: Hanna Handläggarsson" in lines
    text = _text(response)
    assert "Hur du överklagar" not in text
    assert "förvaltningsrätten" not in text
    assert "Motivering" not in text


def test_the_address_is_printed_for_a_person_without_protected_identity(client, world):
    person_address_record(actor=world["worker"], case=world["case"], address=ADDRESS)
    decision = _decided(world, outcome="avslag")

    lines = _lines(_download(client, world["worker"], decision))

    at = lines.index("Fejka Sökandesson")
    assert lines[at + 1 : at + 3] == ["Provgatan 7", "111 11 Provstad"]


def test_a_protected_persons_letter_has_neither_their_name_nor_an_address(
    client, world, protected_case
):
    decision = _decided(world, outcome="avslag", case=protected_case)

    response = _download(client, world["worker"], decision)

    lines = _lines(response)
    assert "Skyddad identitet" in lines
    text = _text(response)
    assert "Skyddia" not in text
    assert "Hemligsdotter" not in text
    assert "Provgatan" not in text
    assert "Provstad" not in text
    assert "Leverans" not in text
    assert "Skyddia" not in response["Content-Disposition"]


def test_the_lead_units_chosen_delivery_is_printed_instead_of_an_address(
    client, world, protected_case
):
    decision = _decided(world, outcome="avslag", case=protected_case)
    factories.sign_in(client, world["worker"])
    url = reverse(
        "cases:decision_letter_delivery", args=[protected_case.public_id, decision.public_id]
    )
    before = len(events(protected_case))

    response = client.post(url, {"letter_delivery": "collected"})

    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.letter_delivery == "collected"
    assert events(protected_case, after=before) == [
        (
            "decision_letter_delivery_chosen",
            TODAY.isoformat(),
            {"decision": str(decision.public_id), "letter_delivery": "collected"},
        )
    ]
    letter = client.get(_url(decision))
    lines = _lines(letter)
    at = lines.index("Skyddad identitet")
    assert lines[at + 1] == "Leverans: Hämtas personligen på enheten"
    assert "Provgatan" not in _text(letter)


def test_a_delivery_is_not_chosen_for_a_person_without_protected_identity(client, world):
    decision = _decided(world, outcome="avslag")
    factories.sign_in(client, world["worker"])
    url = reverse(
        "cases:decision_letter_delivery", args=[world["case"].public_id, decision.public_id]
    )
    before = len(events(world["case"]))

    response = client.post(url, {"letter_delivery": "collected"})

    assert response.status_code == 200
    decision.refresh_from_db()
    assert decision.letter_delivery is None
    assert len(events(world["case"])) == before


@pytest.mark.parametrize("who", ["outsider", "ekb_worker"])
def test_a_user_of_another_unit_gets_404_and_nothing_of_the_person(
    client, world, protected_case, who
):
    decision = _decided(world, outcome="avslag", case=protected_case)
    factories.sign_in(client, world[who])
    logged = AccessLogEntry.objects.count()

    letter = client.get(_url(decision))
    delivery = client.post(
        reverse(
            "cases:decision_letter_delivery",
            args=[protected_case.public_id, decision.public_id],
        ),
        {"letter_delivery": "collected"},
    )

    for response in (letter, delivery):
        assert response.status_code == 404
        body = response.content.decode()
        for secret in ("Skyddia", "Hemligsdotter", "Provgatan", REASONS):
            assert secret not in body
    decision.refresh_from_db()
    assert decision.letter_delivery is None
    # Only the two refusals are on record (audit/refused.py), nothing allowed.
    entries = AccessLogEntry.objects.order_by("seq")[logged:]
    assert [(entry.outcome, entry.case_public_id) for entry in entries] == [
        ("refused", protected_case.public_id),
        ("refused", protected_case.public_id),
    ]


def test_a_decision_of_another_case_is_not_found_under_this_one(client, world, protected_case):
    decision = _decided(world, outcome="avslag", case=protected_case)
    factories.sign_in(client, world["worker"])

    response = client.get(
        reverse("cases:decision_letter", args=[world["case"].public_id, decision.public_id])
    )

    assert response.status_code == 404


def test_the_download_is_logged_as_an_export_of_the_persons_data(client, world):
    decision = _decided(world, outcome="avslag")
    logged = AccessLogEntry.objects.count()

    _download(client, world["worker"], decision)

    entries = list(AccessLogEntry.objects.order_by("seq")[logged:])
    exports = [entry for entry in entries if entry.kind == "export"]
    assert [
        (entry.case_public_id, entry.person_public_id, entry.ground, entry.outcome)
        for entry in exports
    ] == [(world["case"].public_id, world["case"].person.public_id, "own_unit", "allowed")]


def test_the_delivery_page_offers_the_three_deliveries_to_the_lead_unit(
    client, world, protected_case
):
    decision = _decided(world, outcome="avslag", case=protected_case)
    factories.sign_in(client, world["worker"])

    response = client.get(
        reverse(
            "cases:decision_letter_delivery",
            args=[protected_case.public_id, decision.public_id],
        )
    )

    assert response.status_code == 200
    body = response.content.decode()
    assert "Hur ska beslutsmeddelandet nå personen?" in body
    for value in ("collected", "forwarded", "protected_housing"):
        assert f'value="{value}"' in body
    assert "Provgatan" not in body


def test_a_unit_taking_part_that_did_not_decide_gets_404(client, world):
    person_address_record(actor=world["worker"], case=world["case"], address=ADDRESS)
    decision = _decided(world, outcome="avslag")

    response = _download(client, world["ekb_worker"], decision)

    assert response.status_code == 404
    body = response.content.decode()
    for secret in ("Provgatan", REASONS, "Sökandesson"):
        assert secret not in body
    assert not AccessLogEntry.objects.filter(kind="export").exists()


def test_the_case_page_offers_the_lead_unit_the_delivery_for_a_protected_person_only(
    client, world, protected_case
):
    protected = _decided(world, outcome="avslag", case=protected_case)
    unprotected = _decided(world, outcome="avslag")
    factories.sign_in(client, world["worker"])

    pages = {
        decision: client.get(
            reverse("cases:detail", args=[decision.application.case.public_id])
        ).content.decode()
        for decision in (protected, unprotected)
    }

    delivery = "cases:decision_letter_delivery"
    assert (
        reverse(delivery, args=[protected_case.public_id, protected.public_id])
        in (pages[protected])
    )
    assert "/leverans/" not in pages[unprotected]
