"""The pages of the child's own track (decision 0045), as a browser sees them: the lead unit
records the consents, starts the support, writes the child's voice and ends the child's own
placement; ekonomiskt bistånd, taking part in the person's case by consent, finds none of it
(404 as for a person who is not a child of the case) and reads none of it on the case page or
in the journal."""

import pytest
from django.conf import settings
from django.urls import reverse

from brytupp.cases.journal import journal_note_write
from brytupp.cases.models import JournalNote
from brytupp.interventions.models import Decision, GuardianConsent
from brytupp.interventions.services import placement_end
from tests import factories

from .conftest import DAY, TODAY, childs_housing_decision

pytestmark = pytest.mark.django_db

VOICE = "Barnet sa att hon saknar sin katt 4721"


@pytest.fixture
def client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _urls(world, placement=None):
    c, child = world["case"].public_id, world["child"].public_id
    urls = {
        "consent": reverse("cases:guardian_consent", args=[c, child, world["father"].public_id]),
        "support": reverse("cases:child_support_add", args=[c, child]),
        "voice": reverse("cases:child_voice_add", args=[c, child]),
    }
    if placement is not None:
        urls["end"] = reverse("cases:placement_child_end", args=[c, placement.public_id, child])
    return urls


def test_the_threat_person_guardian_is_prefilled_as_not_asked(client, world):
    factories.sign_in(client, world["worker"])

    response = client.get(_urls(world)["consent"])

    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial == {"not_asked_reason": "threat_person"}
    assert b"The guardian is a current threat person of the case." in response.content
    assert not GuardianConsent.objects.exists()


def test_the_lead_unit_records_the_consents_and_starts_the_support(client, world):
    factories.sign_in(client, world["worker"])
    c, child = world["case"].public_id, world["child"].public_id
    support = _urls(world)["support"]

    refused = client.post(support, {"support_form": "individual", "start": TODAY.isoformat()})
    assert refused.status_code == 200
    assert b"2 guardian(s) missing" in refused.content
    assert not Decision.objects.exists()

    mother = reverse("cases:guardian_consent", args=[c, child, world["person"].public_id])
    assert client.post(mother, {"given": (TODAY - DAY).isoformat()}).status_code == 302
    father = _urls(world)["consent"]
    assert client.post(father, {"not_asked_reason": "threat_person"}).status_code == 302
    done = client.post(support, {"support_form": "individual", "start": TODAY.isoformat()})

    assert done.status_code == 302
    assert done["Location"] == reverse("cases:child", args=[c, child])
    support = Decision.objects.get()
    assert (support.child, support.child_support_form) == (world["child"], "individual")
    page = client.get(reverse("cases:child", args=[c, child]))
    assert page.status_code == 200
    assert b"Individual support talks for children who experienced violence" in page.content
    assert b"Not asked: the guardian is the threat person" in page.content


def test_the_childs_voice_is_on_the_childs_page_for_barn_och_unga(client, world):
    factories.sign_in(client, world["worker"])
    response = client.post(_urls(world)["voice"], {"date": TODAY.isoformat(), "text": VOICE})
    assert response.status_code == 302
    note = JournalNote.objects.get()
    assert (note.kind, note.child) == ("barnets_rost", world["child"])

    factories.sign_in(client, world["barn_worker"])
    page = client.get(
        reverse("cases:child", args=[world["case"].public_id, world["child"].public_id])
    )

    assert page.status_code == 200
    assert VOICE.encode() in page.content


def test_ekonomiskt_bistand_finds_nothing_of_the_childs_track(client, placed):
    decision = childs_housing_decision(placed)
    placement_end(
        actor=placed["worker"],
        placement=placed["placement"],
        end=TODAY - DAY,
        end_reason="completed",
    )
    journal_note_write(
        actor=placed["worker"],
        case=placed["case"],
        kind="barnets_rost",
        date=TODAY,
        text=VOICE,
        child=placed["child"],
    )
    factories.sign_in(client, placed["ekb_worker"])
    day = TODAY.isoformat()
    posts = {
        "consent": {"given": day},
        "support": {"support_form": "group", "start": day},
        "voice": {"date": day, "text": "Ekb skriver 4722"},
        "end": {"end": day, "end_reason": "completed"},
    }

    for name, url in _urls(placed, placed["placement"]).items():
        assert client.get(url).status_code == 404, name
        assert client.post(url, posts[name]).status_code == 404, name

    assert not GuardianConsent.objects.exists()
    assert not Decision.objects.filter(intervention="stod_barn").exists()
    assert JournalNote.objects.count() == 1
    row = placed["placement"].children.get()
    assert row.end is None
    case_page = client.get(reverse("cases:detail", args=[placed["case"].public_id]))
    assert case_page.status_code == 200
    assert b"Skyddat boende f\xc3\xb6r barnet" not in case_page.content  # the child's application
    assert str(decision.public_id).encode() not in case_page.content
    assert str(decision.granted.public_id).encode() not in case_page.content
    assert b"End the child's placement" not in case_page.content
    journal = client.get(reverse("cases:journal", args=[placed["case"].public_id]))
    assert journal.status_code == 200
    assert VOICE.encode() not in journal.content


def test_the_lead_unit_sees_the_child_on_the_application_and_ends_the_childs_placement(
    client, placed
):
    decision = childs_housing_decision(placed)
    placement_end(
        actor=placed["worker"],
        placement=placed["placement"],
        end=TODAY - DAY,
        end_reason="completed",
    )
    factories.sign_in(client, placed["worker"])
    case_page = client.get(reverse("cases:detail", args=[placed["case"].public_id]))
    assert b"About the child" in case_page.content
    assert b"Lillan P\xc3\xa5hittadsson" in case_page.content
    assert (
        b"The child's placement goes on: end it with the child's own decision" in case_page.content
    )
    assert str(decision.granted.public_id).encode() in case_page.content

    end = _urls(placed, placed["placement"])["end"]
    refused = client.post(end, {"end": (TODAY - 30 * DAY).isoformat(), "end_reason": "completed"})
    assert refused.status_code == 200
    assert b"The end cannot be before the child was placed." in refused.content
    done = client.post(end, {"end": TODAY.isoformat(), "end_reason": "completed"})

    assert done.status_code == 302
    row = placed["placement"].children.get()
    assert (row.end, row.end_reason) == (TODAY, "completed")


def test_an_application_about_the_child_from_the_case_page(client, world):
    factories.sign_in(client, world["worker"])
    url = reverse("cases:application_add", args=[world["case"].public_id])

    form = client.get(url + f"?barn={world['child'].public_id}")
    assert form.context["form"].initial == {"child": str(world["child"].public_id)}
    response = client.post(
        url,
        {
            "kind": "aktualisering",
            "received": TODAY.isoformat(),
            "asked": "Skyddat boende för barnet",
            "intervention": "skyddat_boende",
            "child": str(world["child"].public_id),
        },
    )

    assert response.status_code == 302
    assert world["case"].applications.get().child == world["child"]
