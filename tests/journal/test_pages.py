"""The journal's pages in Swedish, and the door to them from the case page."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from brytupp.cases.journal import journal_note_correct
from tests import factories

from .conftest import CHILDREN_TEXT, RVT_TEXT
from .support import ROLES, words

pytestmark = pytest.mark.django_db


@pytest.fixture
def swedish(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    return client


def test_the_journal_in_swedish_with_its_doors(swedish, world):
    journal_note_correct(
        actor=world["rvt_worker"],
        note=world["rvt_note"],
        text=RVT_TEXT + " och skolan",
        reason="Skolan saknades",
        version=1,
    )
    factories.sign_in(swedish, world["rvt_worker"])

    with translation.override("sv"):
        body = words(swedish.get(reverse("cases:journal", args=[world["case"].public_id])))

    assert "Skriv en journalanteckning" in body
    assert "Samtal Rättad Rätta anteckningen den" in body
    assert "Hembesök Enhet Barn Test Skriven av Bo Barnsson" in body
    assert "Skäl för rättelsen Skolan saknades" in body
    assert "Den tidigare versionen" in body
    assert "med skälet: Skolan saknades" in body
    # The children's unit's note has no door to correct it for the lead unit.
    assert body.count("Rätta ") == 1


def test_the_forms_in_swedish(swedish, world):
    factories.sign_in(swedish, world["children_worker"])
    case, note = world["case"].public_id, world["children_note"].public_id

    with translation.override("sv"):
        added = words(swedish.get(reverse("cases:journal_note_add", args=[case])))
        correcting = words(swedish.get(reverse("cases:journal_note_correct", args=[case, note])))

    assert "Vad gäller anteckningen? Samtal Hembesök Telefonsamtal" in added
    assert "Kontakt med annan myndighet Kontakt med nätverket Möte Övrigt" in added
    assert "Spara och signera anteckningen" in added
    assert "Hembesök den" in correcting and "Barn Test" in correcting
    assert "Varför rättas anteckningen?" in correcting
    assert CHILDREN_TEXT in correcting


@pytest.mark.parametrize(
    "role", ["lead unit's case worker", "unit with consent", "emergency access"]
)
def test_the_case_page_has_a_door_to_the_journal(client, world, role):
    factories.sign_in(client, ROLES[role](world))

    response = client.get(reverse("cases:detail", args=[world["case"].public_id]))

    url = reverse("cases:journal", args=[world["case"].public_id])
    assert f'href="{url}">Show the journal</a>' in response.content.decode()
